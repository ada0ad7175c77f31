"""The entities table rows (aliases, counts, roles) and run-wide canonical names."""

from __future__ import annotations

import pytest

from extract.document import ParsedDoc
from extract.records import Mention
from extract.stages.entities import build_entity_rows, normalize_role, unify_across_documents


def mentions_in(text: str, spec: list[tuple[str, str, str]]) -> list[Mention]:
    """Mentions for (kind, surface, canonical), given in text order."""
    out, cursor = [], 0
    for kind, surface, canonical in spec:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        out.append(Mention(kind, start, start + len(surface), surface, "ner", canonical=canonical))
    return out


ROLE_CORE = [
    pytest.param(
        "Chen Hao, President of the Nordwind Group, said sales rose.",
        [("person", "Chen Hao", "Chen Hao"), ("org", "Nordwind Group", "Nordwind")],
        ("President", "Nordwind"),
        id="apposition-title-of-org",
    ),
    pytest.param(
        "Recently, Chen Hao, the founder, chairman, and CEO of Nordwind, spoke.",
        [("person", "Chen Hao", "Chen Hao"), ("org", "Nordwind", "Nordwind")],
        ("founder, chairman and CEO", "Nordwind"),
        id="apposition-list-with-serial-comma",
    ),
    pytest.param(
        "Nordwind's founder, chairman and CEO Chen Hao spoke.",
        [("org", "Nordwind", "Nordwind"), ("person", "Chen Hao", "Chen Hao")],
        ("founder, chairman and CEO", "Nordwind"),
        id="possessive-before-name",
    ),
    pytest.param(
        "Nordwind President Chen Hao spoke.",
        [("org", "Nordwind", "Nordwind"), ("person", "Chen Hao", "Chen Hao")],
        ("President", "Nordwind"),
        id="org-title-name",
    ),
    pytest.param(
        "Chen Hao, Nordwind's chief financial officer, spoke.",
        [("person", "Chen Hao", "Chen Hao"), ("org", "Nordwind", "Nordwind")],
        ("chief financial officer", "Nordwind"),
        id="apposition-possessive-org",
    ),
    pytest.param(
        "Li Na, General Manager of Nordwind's Appliance Department, spoke.",
        [("person", "Li Na", "Li Na"), ("org", "Nordwind", "Nordwind")],
        ("General Manager", "Nordwind"),
        id="department-named-after-org",
    ),
    pytest.param(
        "Chen Hao spoke. Later Nordwind grew.",
        [("person", "Chen Hao", "Chen Hao"), ("org", "Nordwind", "Nordwind")],
        ("", ""),
        id="no-role-stated",
    ),
]


@pytest.mark.parametrize(("text", "spec", "expected"), ROLE_CORE)
def test_entity_rows_role_and_org(text: str, spec, expected: tuple[str, str]) -> None:
    doc = ParsedDoc(doc_id="t", text=text)
    rows = build_entity_rows(doc, mentions_in(text, spec))
    person = next(r for r in rows if r.kind == "person")
    assert (person.role, person.org) == expected


def test_entity_rows_one_row_per_entity_with_aliases_in_order() -> None:
    text = "Nordwind Group's shares rose. Nordwind said Nordwind's margin and Chen Hao's plan held."
    spec = [
        ("org", "Nordwind Group", "Nordwind"),
        ("org", "Nordwind", "Nordwind"),
        ("org", "Nordwind", "Nordwind"),
        ("person", "Chen Hao", "Chen Hao"),
    ]
    rows = build_entity_rows(ParsedDoc(doc_id="t", text=text), mentions_in(text, spec))
    assert [(r.kind, r.canonical, r.aliases, r.mentions) for r in rows] == [
        ("org", "Nordwind", ("Nordwind Group", "Nordwind"), 3),
        ("person", "Chen Hao", ("Chen Hao",), 1),
    ]


def test_entity_rows_skip_other_kinds() -> None:
    text = "Nordwind earned 5 yuan."
    mentions = [
        Mention("org", 0, 8, "Nordwind", "ner", canonical="Nordwind"),
        Mention("money", 16, 22, "5 yuan", "regex"),
    ]
    assert [r.canonical for r in build_entity_rows(ParsedDoc(doc_id="t", text=text), mentions)] == [
        "Nordwind"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the founder, chairman, and CEO", "founder, chairman and CEO"),
        ("founder, chairman and CEO", "founder, chairman and CEO"),
        ("President", "President"),
        ("Chairman and President", "Chairman and President"),
        ("its chief  executive", "chief executive"),
    ],
)
def test_normalize_role_core(text: str, expected: str) -> None:
    assert normalize_role(text) == expected


def _org(name: str, source: str = "ner") -> Mention:
    return Mention("org", 0, len(name), name, source, canonical=name)


def test_unify_across_documents_one_name_per_entity() -> None:
    docs = [
        [_org("Xpeng"), _org("Nordwind")],
        [_org("XPeng", "ruler"), _org("Nordwind")],
        [_org("Xpeng"), _org("Nordwnd")],
    ]
    unified = unify_across_documents(docs)
    assert [[m.canonical for m in doc] for doc in unified] == [
        ["XPeng", "Nordwind"],
        ["XPeng", "Nordwind"],
        ["XPeng", "Nordwind"],
    ]


def test_unify_across_documents_keeps_models_apart() -> None:
    docs = [
        [Mention("product", 0, 10, "Zentra Z9", "rule", canonical="Zentra Z9")],
        [Mention("product", 0, 10, "Zentra Z8", "rule", canonical="Zentra Z8")],
    ]
    unified = unify_across_documents(docs)
    assert [doc[0].canonical for doc in unified] == ["Zentra Z9", "Zentra Z8"]


def test_unify_across_documents_leaves_kinds_apart_and_other_mentions_alone() -> None:
    money = Mention("money", 0, 5, "5 yuan", "regex")
    docs = [[Mention("place", 0, 5, "Paris", "ner", canonical="Paris"), money], [_org("Paris")]]
    unified = unify_across_documents(docs)
    assert unified[0] == docs[0]
    assert unified[1] == docs[1]
