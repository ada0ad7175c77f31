"""Numbers, values and tips as people read them: 5,400,000,000 EUR, +22.3 percent yoy."""

from __future__ import annotations

import math
from typing import Any

from extract.report.load import Row

ENTITY_KINDS = frozenset({"person", "org", "place", "product"})
# Qualifier -> the sign written before a value.
QUALIFIER_SIGNS = {"approx": "≈ ", "lower_bound": "> ", "upper_bound": "< "}
RANGE_DASH = "\u2013"
# Scale word for compact chart labels: (threshold, divisor, suffix).
SCALES = ((1e12, 1e12, " tn"), (1e9, 1e9, " bn"), (1e6, 1e6, " m"), (1e4, 1e3, " k"))


def number(value: Any) -> str:
    """A number with thousands separators and no trailing zeros (``1,234.5``)."""
    if value is None:
        return ""
    v = float(value)
    if math.isnan(v) or math.isinf(v):
        return str(v)
    if v.is_integer() and abs(v) < 1e18:
        return f"{int(v):,}"
    return f"{v:,.6f}".rstrip("0").rstrip(".")


def compact(value: float) -> str:
    """A short label for an axis: ``5.4 bn``, ``820 m``, ``12.5``."""
    for threshold, divisor, suffix in SCALES:
        if abs(value) >= threshold:
            return f"{value / divisor:.3g}{suffix}"
    return f"{value:.4g}"


def short(value: Any) -> str:
    """A number for a narrow column: millions and up with a scale word (``113.1 bn``),
    four significant digits; smaller ones as ``number`` writes them."""
    v = float(value)
    for threshold, divisor, suffix in SCALES[:3]:
        if abs(v) >= threshold:
            return f"{v / divisor:.4g}{suffix}"
    return number(v)


def signed(value: Any) -> str:
    """A change with its sign: ``+22.3``, ``-4.02``."""
    if value is None:
        return ""
    text = number(value)
    return text if text.startswith("-") else f"+{text}"


def amount(row: Row, *, brief: bool = False) -> str:
    """The value of a mention or fact with its unit and qualifier: ``≈ 5,400,000 EUR``
    (``≈ 5.4 m EUR`` when ``brief``)."""
    write = short if brief else number
    unit = row.text("unit")
    if row["value"] is not None:
        text = write(row["value"])
    elif row["value_low"] is not None and row["value_high"] is not None:
        text = f"{write(row['value_low'])}{RANGE_DASH}{write(row['value_high'])}"
    else:
        return ""
    sign = QUALIFIER_SIGNS.get(row.text("qualifier"), "")
    return f"{sign}{text} {unit}".strip()


def change(row: Row) -> str:
    """A fact's change: ``+22.3 percent yoy``."""
    if row["change_value"] is None:
        return ""
    parts = [signed(row["change_value"]), row.text("change_unit"), row.text("change_basis")]
    return " ".join(p for p in parts if p)


def mention_tip(row: Row) -> str:
    """What hovering a mention shows: kind, normalized value, unit, period or canonical name."""
    kind = row.text("kind")
    ident = row.text("mention_id")
    if kind in ENTITY_KINDS:
        body = row.text("canonical") or "(no canonical name)"
    elif kind == "date":
        if row.text("status") == "unresolved":
            body = "unresolved: no reference date"
        else:
            period = row.text("period") or "(no period)"
            span = ""
            if row["date_start"] is not None and row["date_end"] is not None:
                span = f" ({row['date_start']} to {row['date_end']})"
            body = period + span
    else:
        body = amount(row) or "(no value)"
    return f"{kind}: {body} · {ident}"
