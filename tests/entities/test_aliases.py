"""The alias table: loading, validation, lookups, fingerprint."""

from __future__ import annotations

import pytest

from extract.aliases import load_aliases
from extract.errors import ConfigError


def test_aliases_packaged_table_loads_and_maps_known_names() -> None:
    table = load_aliases()
    assert len(table) > 50
    assert table.lookup("Mi").canonical == "Xiaomi"
    assert table.lookup("中国企业家杂志").canonical == "China Entrepreneur"
    assert table.lookup("Chinese mainland").kind == "place"


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("org", "Xiaomi Group", "Xiaomi"),
        ("org", "XIAOMI CORPORATION", "Xiaomi"),
        ("org", "Midea Group Co., Ltd.", "Midea"),
        ("place", "the Chinese mainland", "China"),
        ("org", "Unknown Widgets", None),
    ],
)
def test_aliases_lookup_key_ignores_case_and_suffixes(
    kind: str, name: str, expected: str | None
) -> None:
    entry = load_aliases().lookup_key(kind, name)
    assert (entry.canonical if entry else None) == expected


def test_aliases_user_file_adds_entries(write_csv) -> None:
    path = write_csv("extra.csv", "canonical,kind,surface\nAcme,org,Acme Widgets\n")
    table = load_aliases([path])
    assert table.lookup("Acme Widgets").canonical == "Acme"
    assert table.lookup("Mi").canonical == "Xiaomi"


def test_aliases_replace_packaged_keeps_only_user_file(write_csv) -> None:
    path = write_csv("only.csv", "canonical,kind,surface\nAcme,org,Acme Widgets\n")
    table = load_aliases([path], packaged=False)
    assert table.lookup("Mi") is None
    assert table.canonicals() == ("Acme",)


def test_aliases_comments_and_blank_lines_are_skipped(write_csv) -> None:
    path = write_csv("c.csv", "# a comment\n\ncanonical,kind,surface\n# another\nAcme,org,ACME\n\n")
    assert [e.surface for e in load_aliases([path], packaged=False)] == ["ACME"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("canonical,kind,surface\nAcme,org,AC\nBeta,org,AC\n", "bad.csv:3"),
        ("canonical,kind,surface\nAcme,company,AC\n", "bad.csv:2: unknown kind"),
        ("canonical,surface\nAcme,AC\n", "bad.csv:1: alias file needs the columns"),
        ("canonical,kind,surface\nAcme,org\n", "bad.csv:2: expected 3 columns"),
        ("canonical,kind,surface\n,org,AC\n", "bad.csv:2: empty"),
    ],
    ids=["surface-mapped-twice", "bad-kind", "missing-column", "short-row", "empty-name"],
)
def test_aliases_invalid_file_raises_config_error_naming_file_and_line(
    write_csv, content: str, message: str
) -> None:
    path = write_csv("bad.csv", content)
    with pytest.raises(ConfigError, match=message):
        load_aliases([path], packaged=False)


def test_aliases_conflict_with_packaged_table_names_both_places(write_csv) -> None:
    path = write_csv("mine.csv", "canonical,kind,surface\nMitsubishi,org,Mi\n")
    with pytest.raises(ConfigError, match=r"mine\.csv:2: 'Mi' .*aliases\.csv:\d+"):
        load_aliases([path])


def test_aliases_same_mapping_twice_is_allowed(write_csv) -> None:
    path = write_csv("dup.csv", "canonical,kind,surface\nXiaomi,org,Mi\n")
    assert load_aliases([path]).lookup("Mi").canonical == "Xiaomi"


def test_aliases_missing_file_raises_config_error(tmp_path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.csv: cannot read alias file"):
        load_aliases([tmp_path / "nope.csv"])


def test_aliases_fingerprint_follows_the_contents(write_csv) -> None:
    one = write_csv("one.csv", "canonical,kind,surface\nAcme,org,ACME\n")
    same = write_csv("same.csv", "canonical,kind,surface\nAcme,org,ACME\n")
    other = write_csv("other.csv", "canonical,kind,surface\nAcme,org,ACME Inc\n")
    first = load_aliases([one], packaged=False).fingerprint
    assert len(first) == 64
    assert load_aliases([same], packaged=False).fingerprint == first
    assert load_aliases([other], packaged=False).fingerprint != first
    assert load_aliases([one]).fingerprint != first
