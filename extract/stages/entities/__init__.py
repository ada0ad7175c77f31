"""People, organisations, places and products, each with one canonical name.

The stage reads the spaCy ``Doc`` of the whole text (``ParsedDoc.spacy_doc``) and corrects
the small English model's systematic errors with rules:

- names from the alias table are found in the raw text (any script, any paragraph) and win
  over what the model says about the same span (``source_stage="ruler"``);
- a name labelled PERSON is an organisation when it carries a corporate word (``Group``,
  ``Inc.``, ``Network``), stands where only a company does (``X's shares``, ``X released
  its``), is known as an organisation to the alias table or elsewhere in the document, or
  is a single word that is not part of a person named in the document; a NORP or place
  label on a name the document uses for an organisation is corrected the same way;
- spans are trimmed: no leading ``the``, no possessive, no text past a line break or a
  sentence end, a list (``A and B``) is split, ``X's thing`` keeps only ``X``;
- nationality adjectives, events, laws, works of art, departments, concepts (``AI``,
  ``IoT``, a defined abbreviation such as ``Average Selling Price (ASP)``, a capitalized
  phrase whose words the document also uses in lower case) and guesses found only in a
  headline are dropped;
- one name keeps one reading in a document: other occurrences of a name (and the surname
  of a person) get the same kind, and unknown names listed with organisations
  (``NIO, Li Auto, XPeng and SERES``) are organisations;
- products are found by rules: model codes (``SU7``, ``O1``), a brand followed by a model
  number (``Xiaomi 15 Ultra``, ``iPhone 16 Pro Max``), ``<Name> OS``, and quoted names that
  are launched or that precede a product noun; a company name inside a product name is not
  a mention of its own, and a product takes its maker's prefix when the alias table or the
  document names it (``SU7`` -> ``Xiaomi SU7``);
- in a paragraph that is not English only alias names and names the English text also
  has are kept; a sentence in another language inside an English paragraph (told by its
  function words) is treated the same way, except that a full personal name and a company
  with its legal form (``GmbH``, ``AG``, ``S.p.A.``) are kept there too;
- no entity is a currency amount or a number (``EUR 5.4bn``);
- a name right after a location phrase (``its plant in X``) or before ``, <place>`` is a
  place; a wire dateline (``NEW YORK, Feb. 6 (Newswire) --``) gives a place with a
  normal-case canonical and the wire service as an organisation;
- a name after ``the acquisition of`` or before ``, a <nationality> maker of`` is a company;
- products also come from a maker and a name before a product noun (``the Brightwater Helix
  surgical system``), a name the model took for a person before a product noun
  (``the Hoshi Pay payments app``), and every later use of a product name, with or without
  its maker, which takes the maker's prefix; a sibling model of the same line takes it too
  (``Aurora 7`` ... ``Aurora 9``);
- an organisation whose leading word(s) the document also uses alone for it takes that
  short name when the rest are descriptive words (``Brightwater Medical`` -> ``Brightwater``);
  an alias name followed by descriptive words (``Samsung Electronics``) keeps the name the
  text gives unless the short form is used too;
- a single name that is the first or last word of a person named in full in the document
  is that person (``Lindqvist``, ``Lin`` of ``Lin Chih-yuan``) when the model reads it as a
  person at least as often as an organisation, or it stands by ``said``;
- a product line named before a noun and ``line``/``collection``/``range``/``series``
  (``the Halo smartphone line``) is a product, and so is a model without its suffixes
  (``Halo 16`` after ``Halo 16 Pro Max``), ``<Name> Series <n>``, an InterCaps name with a
  number (``HaloBuds 4``) and a maker's name plus a word before a product noun that only
  the model took for an organisation (``the Halcyon Intelligence assistant``);
- two capitalized words joined by ``&`` (``Dunmore & Pike``) are a firm unless they are
  common words; a capitalized category noun opening a sentence (``Tablet sales``) is none;
- a place in a currency's name (``the Taiwan dollar``) is none; a model's place that adds
  region words to an alias place (``Greater China``, ``Kansas City``) keeps its name; a
  model span that runs over a dateline keeps its part after the dash, and a period code
  glued to a name (``Vantara Infotech Q2``) is cut off.
- a name the document writes anywhere with a legal form (``Kessler Antriebstechnik AG``,
  ``GmbH``, ``Inc.``, ``Ltd``, ``SA``, ``plc``) is an organisation in every mention, also
  where the model reads it or its leading word(s) alone (``Kessler``) as a person; it takes
  the short name when the document uses it alone; a named division or segment (``its
  Mobile Drives division``) is no organisation;
- titles before a name, in English or another language (``Vorstandschef``,
  ``Finanzchefin``, ``PDG``), are no part of the person's span; an adjective opening a
  sentence before a category noun (``Digital orders rose``) is no name.

- courtesy titles, offices, page labels, press-release words, headings, laws, programmes,
  events and headline verbs are read from ``extract/data/name_words.csv`` (``cues``); a
  single name after a title is a person; tickers, acronyms and exchanges in brackets are
  organisations (``Halvard Freight (HLVD)``, ``(NYSE: HLVD)``), a ticker or acronym taking its
  company's name; in a sentence in capitals only names the document also writes in normal
  case are kept; a name run into itself by a heading is cut in two; government departments
  are organisations.
- a single capitalized word also written in lower case in the document (``the Company``),
  a term a filing defines with an article (``(the "Group")``), a period code (``Q2FY25``)
  and a breadcrumb are no names; a name after a product noun (``the cancer drug Corvel``)
  is a product; a name after an office in a company (``chief executive of Doxal``) is a
  company; a country code before a public body is part of its name (``US Federal
  Reserve``) and a country's central bank is an organisation; an alias organisation takes
  the table's name only where the document writes it (``NYSE`` stays ``NYSE``).

The passes live in one module each, run in this order by ``stage.EntityStage``: ``known``
(the alias table's names, scanned in the raw text), the model's spans cut by ``spans``,
``reading`` and ``datelines``, ``classify`` (their kind, from ``context`` and ``cues``),
``product_pass`` (the rules of ``products``), ``orgs``, ``propagate``, ``resolve`` and
``canonical`` (with ``naming``); ``rows`` builds the table rows. Each is linear in the text
(span indexes and coverage maps instead of comparing every candidate with every other, names
found again word by word); what the alias table gives is prepared once per process.

Canonical names come from the alias table, else from the cleaned surface form without
corporate suffixes; spelling variants are merged by fuzzy matching within a document
(``EntityStage``) and across the documents of a run (``unify_across_documents``).

``build_entity_rows`` makes the ``entities`` table rows. A person's ``role`` is written as
the article words it, with a leading ``the`` dropped and a list of titles joined as
``a, b and c`` (no serial comma): ``founder, chairman and CEO``, ``President``.
"""

from extract.stages.entities.naming import canonical_renames, unify_across_documents
from extract.stages.entities.rows import build_entity_rows, normalize_role
from extract.stages.entities.stage import EntityStage, configure_nlp
from extract.stages.entities.vocab import NOT_ENTITIES

__all__ = [
    "NOT_ENTITIES",
    "EntityStage",
    "build_entity_rows",
    "canonical_renames",
    "configure_nlp",
    "normalize_role",
    "unify_across_documents",
]
