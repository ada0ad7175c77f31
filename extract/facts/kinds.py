"""Which kind of value each metric takes, and how it is dated (flows, stocks, rates)."""

from __future__ import annotations

_MONEY = frozenset({"money"})


_PERCENT = frozenset({"percent"})


_QUANTITY = frozenset({"quantity"})


#: Which kind of value each metric of the vocabulary takes; other metrics take any.
METRIC_VALUE_KINDS: dict[str, frozenset[str]] = {
    "revenue": _MONEY,
    "gross_profit": _MONEY,
    "net_profit": _MONEY,
    "adjusted_net_profit": _MONEY,
    "operating_profit": _MONEY,
    "rd_expense": _MONEY,
    "share_price": _MONEY,
    "average_selling_price": _MONEY,
    "investment": _MONEY,
    "subsidy": _MONEY,
    "gross_margin": _PERCENT,
    "market_share": _PERCENT,
    "sales_expense_ratio": _PERCENT,
    "deliveries": _QUANTITY,
    "shipments": _QUANTITY,
    "orders": frozenset({"money", "quantity"}),  # order intake in money, or units ordered
    "monthly_active_users": _QUANTITY,
    "users": _QUANTITY,
    "headcount": _QUANTITY,
    "capacity": _QUANTITY,
    "stores": _QUANTITY,
    "eps": _MONEY,
    "operating_margin": _PERCENT,
    "ebitda": _MONEY,
    "ebitda_margin": _PERCENT,
    "free_cash_flow": _MONEY,
    "cash": _MONEY,
    "debt": _MONEY,
    "buyback": _MONEY,
    "dividend": _MONEY,
    "registrations": _QUANTITY,
    "net_interest_income": _MONEY,
    "net_interest_margin": _PERCENT,
    "loans": _MONEY,
    "deposits": _MONEY,
    "provision_for_credit_losses": _MONEY,
    "cet1_ratio": _PERCENT,
    "efficiency_ratio": _PERCENT,
    "gross_npa_ratio": _PERCENT,
    "net_npa_ratio": _PERCENT,
    "combined_ratio": _PERCENT,
    "production": _QUANTITY,
    "unit_cost": _MONEY,
    "passengers": _QUANTITY,
    "load_factor": _PERCENT,
}


ANY_VALUE = frozenset({"money", "percent", "quantity"})


# Metrics stated over a period: a sentence without a date takes the paragraph's or the
# report's period. Stock figures (users, stores, headcount) take only a day carried over;
# investment, capacity and subsidies take only a date stated in their own sentence.
FLOW_METRICS = frozenset(
    {
        "revenue",
        "gross_profit",
        "gross_margin",
        "net_profit",
        "adjusted_net_profit",
        "operating_profit",
        "rd_expense",
        "sales_expense_ratio",
        "deliveries",
        "shipments",
        "orders",
        "market_share",
        "average_selling_price",
        "eps",
        "operating_margin",
        "ebitda",
        "ebitda_margin",
        "free_cash_flow",
        "dividend",
        "registrations",
        "net_interest_income",
        "net_interest_margin",
        "provision_for_credit_losses",
        "cet1_ratio",
        "efficiency_ratio",
        "gross_npa_ratio",
        "net_npa_ratio",
        "combined_ratio",
        "production",
        "unit_cost",
        "passengers",
        "load_factor",
    }
)


DAY_METRICS = frozenset(
    {
        "share_price",
        "monthly_active_users",
        "users",
        "headcount",
        "stores",
        "cash",
        "debt",
        "loans",
        "deposits",
    }
)


GOVERNMENT_METRICS = frozenset({"subsidy"})


# Metrics that are stated per unit anyway ("average price per vehicle", "subsidy per car").
PER_UNIT_METRICS = frozenset(
    {"average_selling_price", "share_price", "subsidy", "eps", "dividend", "unit_cost"}
)


# Per-share amounts: ``$2.31 a share`` is earnings per share unless a dividend names it.
PER_SHARE_METRICS = frozenset({"eps", "dividend"})


# Vehicles sold or shipped are reported as deliveries.
SHIPPED_VEHICLES = {"smart EVs": "deliveries"}


# Metrics reported for the whole company: a segment named earlier in the paragraph does not
# carry to them.
GROUP_METRICS = frozenset(
    {
        "net_profit",
        "adjusted_net_profit",
        "eps",
        "dividend",
        "buyback",
        "cash",
        "debt",
        "free_cash_flow",
        "share_price",
        "headcount",
    }
)


BLOCK = "block"


OUTLET_UNITS = frozenset(
    {"store", "restaurant", "outlet", "shop", "location", "branch", "showroom", "cafe", "unit"}
)


VERB_PENALTY = 3


FOLLOWING_PENALTY = 1


COMMA_PENALTY = 4


CROSS_PENALTY = 6


MAX_BEFORE = 25


MAX_AFTER = 8


# Capacities are rates ("a year"), and a plant's start date is not their period.
RATE_METRICS = frozenset({"capacity"})
