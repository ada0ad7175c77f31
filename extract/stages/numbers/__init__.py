"""The numbers stage: money, percentages and quantities found by rules.

Every number in the text (digits or English number words, with scale words) is read once
with the patterns of ``extract.normalize.numbers``; what stands around it decides what it is:

- a currency before or after it (``$``, ``HK$``, ``RMB``, ``yuan``, ``euros``) -> money;
- a percent unit after it (``%``, ``per cent``, ``percentage points``, ``bps``) -> percent;
- a plural noun after it, adjectives between (``350,000 delivered vehicles``) -> quantity;
  a large number standing alone (``exceeded 240,000.``) -> quantity, its unit taken from
  the subject of the sentence where one is plain (``orders exceeded 240,000``).

Numbers that belong to dates and times, years, durations (``seven consecutive quarters``),
ranks (``top three``), multipliers (``four times``) and product names (``Xiaomi 15 Ultra``)
are not quantities. Qualifier words before a number (``nearly``, ``more than``, ``up to``)
stay outside the span and set ``qualifier``.

The stage is a package of passes, one module each:

- ``vocabulary``: the words and patterns the rules use;
- ``scan``: every number of the text, read once, with the dates, times, URLs and e-mail
  addresses that hold numbers masked;
- ``scanner``: the helpers every rule uses (currency before and after, range connectors,
  qualifiers, signs);
- ``percent``, ``money``, ``quantity``: the rules of each kind, tried in that order;
- ``stage``: the pass over the numbers, each mention normalized as it is found.
"""

from __future__ import annotations

from extract.stages.numbers.stage import NumberStage, find_numbers

__all__ = ["NumberStage", "find_numbers"]
