"""One spelling per entity across the documents of a run."""

from __future__ import annotations

import pytest

from extract.stages.entities import canonical_renames


@pytest.mark.parametrize(
    ("rows", "preferred", "expected"),
    [
        ([("org", "Acme", 5), ("org", "Acme Group", 1)], (), {("org", "Acme Group"): "Acme"}),
        (
            [("org", "Acme Corp", 1), ("org", "Acme", 1)],
            ("Acme Corp",),
            {("org", "Acme"): "Acme Corp"},
        ),
        ([("org", "Northwind", 3), ("org", "Northwnd", 1)], (), {("org", "Northwnd"): "Northwind"}),
        ([("org", "Acme", 2), ("person", "Acme", 1)], (), {}),
        ([("product", "Model X9", 2), ("product", "Model X8", 2)], (), {}),
        ([("org", "Contoso", 1), ("org", "Fabrikam", 1)], (), {}),
    ],
    ids=["suffix", "alias-name-wins", "spelling", "kinds-apart", "models-apart", "different"],
)
def test_canonical_renames(rows: list, preferred: tuple, expected: dict) -> None:
    assert canonical_renames(rows, preferred=preferred) == expected


def test_canonical_renames_close_spelling_among_many_names() -> None:
    # More names than are compared all with all: a variant still meets the frequent name.
    names = [("org", f"Company{n:04d} Holdings Trading", 1) for n in range(700)]
    names += [("org", "Brightwater Medical", 9), ("org", "Brightwatter Medical", 1)]
    renames = canonical_renames(names)
    assert renames[("org", "Brightwatter Medical")] == "Brightwater Medical"
