"""The schema in extract/tables.py is the one the docs describe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.tables import SCHEMAS

ROOT = Path(__file__).parent.parent
_TICKED = re.compile(r"`([a-z_0-9]+)`")


def _contract_columns(table: str) -> set[str]:
    """Column names the contract (docs/OUTPUTS.md) lists for ``table``."""
    text = (ROOT / "docs" / "OUTPUTS.md").read_text(encoding="utf-8")
    section = re.search(rf"^### {table}\b.*?(?=^### |^## )", text, flags=re.S | re.M)
    assert section, f"docs/OUTPUTS.md has no section for {table}"
    lines = section.group(0).splitlines()[1:]
    rows = [line for line in lines if line.startswith("| `")]
    if rows:
        return {name for row in rows for name in _TICKED.findall(row.split("|")[1])}
    # A table described in prose: the names in its first sentence.
    prose = " ".join(lines).strip()
    return set(_TICKED.findall(re.split(r"\)\.\s|(?<!`)\.\s", prose)[0]))


def _readme_columns(table: str) -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = re.search(rf"^\*\*{table}\*\*:(.*?)(?:\n\n)", text, flags=re.S | re.M)
    assert paragraph, f"README.md does not describe the {table} table"
    return set(_TICKED.findall(paragraph.group(1)))


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_schema_docs_contract_columns_exist(table: str) -> None:
    contract = _contract_columns(table)
    assert contract, table
    assert contract <= set(SCHEMAS[table]), contract - set(SCHEMAS[table])


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_schema_docs_readme_names_every_column(table: str) -> None:
    missing = set(SCHEMAS[table]) - _readme_columns(table)
    assert not missing, f"README.md does not name {table} columns {sorted(missing)}"
