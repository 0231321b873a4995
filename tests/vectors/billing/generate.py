"""Writes billing.json: hand-computed billing-export examples for ltv-core's `billing::normalise`.

Each expected figure is worked out by hand (see each case's "note"); the only arithmetic done here is the
annual plan under actual days, a year split by days with Python's exact `fractions.Fraction` and the largest
remainder rule written out below (ties to the earlier month). Run: `python3 tests/vectors/billing/generate.py`.
The Rust suite (crates/ltv-core/tests/billing_vectors.rs) and pytest (tests/python/test_billing.py) read the
same file.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path


def largest_remainder(cents: int, weights: list[int]) -> list[int]:
    total = sum(weights)
    exact = [Fraction(cents * w, total) for w in weights]
    parts = [int(e) for e in exact]  # floor: every share is >= 0
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: cents - sum(parts)]:
        parts[i] += 1
    return parts


def money(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def line(line_id, customer, amount, start, end, kind="charge", currency="USD", **extra):
    out = {"line_id": line_id, "customer": customer, "amount": amount, "currency": currency,
           "service_start": start, "service_end": end, "kind": kind}
    out.update(extra)
    return out


def monthly(prefix, customer, amount, months, **extra):
    """One charge per month `YYYY-MM` in `months`, from its 1st to the next month's 1st."""
    out = []
    for m in months:
        y, mo = int(m[:4]), int(m[5:])
        ny, nmo = (y + 1, 1) if mo == 12 else (y, mo + 1)
        out.append(line(f"{prefix}_{m}", customer, amount, f"{m}-01", f"{ny:04d}-{nmo:02d}-01", **extra))
    return out


MONTHS_2024 = [f"2024-{m:02d}" for m in range(1, 13)]
DAYS_2024 = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
annual_actual = largest_remainder(120_000, DAYS_2024)


def mrr_rows(customer, months, values, status="paying"):
    return [[customer, m, v, status] for m, v in zip(months, values)]


cases = [
    {
        "name": "annual_plan_up_front_thirty_360",
        "note": "$1,200 for 2024-01-01..2025-01-01 paid in January: 30/360 gives 1200 x 30/360 = 100.00 every month; "
                "January is new MRR and nothing churns in February (raw invoices: 1,200 in January, churn in February).",
        "options": {"day_count": "thirty_360"},
        "lines": [line("in_annual", "A", "1200", "2024-01-01", "2025-01-01", plan="annual")],
        "expected": {
            "mrr": mrr_rows("A", MONTHS_2024, ["100.00"] * 12),
            "movements": {"2024-01": {"new": "100.00"}, "2024-02": {"churned": "0"}, "2024-12": {"churned": "0"}},
        },
    },
    {
        "name": "annual_plan_up_front_actual_days",
        "note": "The same plan by actual days: month m gets 120000 x days(m) / 366 cents, largest remainder "
                "(January 31/366 = 101.64, February 29/366 = 95.08); twelve months, sum 1,200.00, no churn.",
        "options": {},
        "lines": [line("in_annual", "A", "1200", "2024-01-01", "2025-01-01", plan="annual")],
        "expected": {
            "mrr": mrr_rows("A", MONTHS_2024, [money(c) for c in annual_actual]),
            "movements": {"2024-02": {"churned": "0", "contraction": money(annual_actual[0] - annual_actual[1])}},
        },
    },
    {
        "name": "mid_month_upgrade",
        "note": "Basic $100/month; on 2024-02-16 an upgrade to Pro $200/month. The export credits the unused 14 of "
                "29 February days of Basic (100 x 14/29 = 48.28) and charges Pro for them (200 x 14/29 = 96.55). "
                "February = 100 - 48.28 + 96.55 = 148.27 (expansion 48.27, prorated on the day), March 200 "
                "(expansion 51.73).",
        "options": {},
        "lines": monthly("basic", "A", "100", ["2024-01", "2024-02"], plan="basic")
        + [
            line("cn_unused_basic", "A", "48.28", "2024-02-16", "2024-03-01", kind="credit_note",
                 credits="basic_2024-02", plan="basic"),
            line("pro_prorated", "A", "96.55", "2024-02-16", "2024-03-01", plan="pro"),
            line("pro_2024-03", "A", "200", "2024-03-01", "2024-04-01", plan="pro"),
        ],
        "expected": {
            "mrr": mrr_rows("A", ["2024-01", "2024-02", "2024-03"], ["100.00", "148.27", "200.00"]),
            "movements": {"2024-02": {"expansion": "48.27"}, "2024-03": {"expansion": "51.73"}},
        },
    },
    {
        "name": "refund",
        "note": "$50/month for January to March; a $20 refund of February: February 30.00 (contraction 20), "
                "March 50.00 (expansion 20).",
        "options": {},
        "lines": monthly("m", "A", "50", ["2024-01", "2024-02", "2024-03"])
        + [line("re_1", "A", "20", "2024-02-01", "2024-03-01", kind="refund", credits="m_2024-02", issued="2024-03-05")],
        "expected": {
            "mrr": mrr_rows("A", ["2024-01", "2024-02", "2024-03"], ["50.00", "30.00", "50.00"]),
            "movements": {"2024-02": {"contraction": "20.00"}, "2024-03": {"expansion": "20.00"}},
        },
    },
    {
        "name": "credit_note_service_period",
        "note": "$100/month January to March; a $30 credit note on the January line issued 2024-02-10, restated "
                "in its service period: January 70, February and March 100.",
        "options": {"credit_applies_to": "service_period"},
        "lines": monthly("m", "A", "100", ["2024-01", "2024-02", "2024-03"])
        + [line("cn_1", "A", "30", "2024-01-01", "2024-02-01", kind="credit_note", credits="m_2024-01", issued="2024-02-10")],
        "expected": {
            "mrr": mrr_rows("A", ["2024-01", "2024-02", "2024-03"], ["70.00", "100.00", "100.00"]),
            "movements": {"2024-02": {"expansion": "30.00"}},
        },
    },
    {
        "name": "credit_note_issue_month",
        "note": "The same credit note placed in its issue month: January 100, February 70, March 100.",
        "options": {"credit_applies_to": "issue_month"},
        "lines": monthly("m", "A", "100", ["2024-01", "2024-02", "2024-03"])
        + [line("cn_1", "A", "30", "2024-01-01", "2024-02-01", kind="credit_note", credits="m_2024-01", issued="2024-02-10")],
        "expected": {
            "mrr": mrr_rows("A", ["2024-01", "2024-02", "2024-03"], ["100.00", "70.00", "100.00"]),
            "movements": {"2024-02": {"contraction": "30.00"}, "2024-03": {"expansion": "30.00"}},
        },
    },
    {
        "name": "pause_and_resume",
        "note": "$100/month in January and February, no charge in March and April, $100 again in May: a pause of "
                "two months from 2024-03; March churns 100, May reactivates 100.",
        "options": {},
        "lines": monthly("m", "A", "100", ["2024-01", "2024-02", "2024-05"]),
        "expected": {
            "mrr": mrr_rows("A", ["2024-01", "2024-02", "2024-05"], ["100.00", "100.00", "100.00"]),
            "pauses": [["A", "2024-03", 2]],
            "movements": {"2024-03": {"churned": "100.00"}, "2024-05": {"reactivation": "100.00"}},
        },
    },
    {
        "name": "two_currency_customer",
        "note": "EUR 100/month plus a USD 20 add-on, reported in USD at the invoice-date rate (latest on or before): "
                "EUR 1.10 from 2023-12-15, 1.08 from 2024-02-01. January 110 + 20 = 130, February 108 + 20 = 128: "
                "a 2.00 contraction that is only exchange rates.",
        "options": {"reporting_currency": "USD"},
        "rates": [["EUR", "2023-12-15", "1.10"], ["EUR", "2024-02-01", "1.08"], ["GBP", "2024-01-01", "1.27"]],
        "lines": monthly("eur", "A", "100", ["2024-01", "2024-02"], currency="EUR", plan="base")
        + monthly("usd", "A", "20", ["2024-01", "2024-02"], plan="addon"),
        "expected": {
            "mrr": mrr_rows("A", ["2024-01", "2024-02"], ["130.00", "128.00"]),
            "movements": {"2024-02": {"contraction": "2.00"}},
        },
    },
    {
        "name": "trial_one_time_and_discount",
        "note": "A January trial at 0 (present, 0 MRR, flagged trial), a 500 setup fee on 2024-02-01 (one-time, "
                "not MRR), then 3 seats x 100 less a 60 discount = 240 a month: new MRR 240 in February.",
        "options": {},
        "lines": [line("trial", "B", "0", "2024-01-01", "2024-02-01", plan="pro"),
                  line("setup", "B", "500", "2024-02-01", "2024-02-01", kind="one_time")]
        + monthly("seats", "B", "100", ["2024-02", "2024-03"], plan="pro", quantity="3", discount="60"),
        "expected": {
            "mrr": [["B", "2024-01", "0.00", "trial"]] + mrr_rows("B", ["2024-02", "2024-03"], ["240.00", "240.00"]),
            "one_time": [["B", "2024-02", "500.00"]],
            "movements": {"2024-02": {"new": "240.00"}, "2024-03": {"expansion": "0"}},
        },
    },
    {
        "name": "mid_month_renewals_by_rule",
        "note": "$300 a month renewing on the 15th (2024-01-15..02-15, 02-15..03-15). thirty_360: January 16/30 = "
                "160, February 14/30 + 16/30 = 300, March 140 (a flat 300 while both cover a month).",
        "options": {"day_count": "thirty_360"},
        "lines": [line("r1", "C", "300", "2024-01-15", "2024-02-15"), line("r2", "C", "300", "2024-02-15", "2024-03-15")],
        "expected": {"mrr": mrr_rows("C", ["2024-01", "2024-02", "2024-03"], ["160.00", "300.00", "140.00"])},
    },
    {
        "name": "mid_month_by_actual_days",
        "note": "$310 for 2024-01-15..02-15 by actual days: January 17/31 = 170, February 14/31 = 140.",
        "options": {},
        "lines": [line("r1", "C", "310", "2024-01-15", "2024-02-15")],
        "expected": {"mrr": mrr_rows("C", ["2024-01", "2024-02"], ["170.00", "140.00"])},
    },
    {
        "name": "whole_months",
        "note": "whole_months: $100 for 2024-01-15..02-15 is one service month starting in January: all 100 there; "
                "$50 for 2024-01-20..02-15 is 26/31 of a service month, also all in January (50.00).",
        "options": {"day_count": "whole_months"},
        "lines": [line("r1", "C", "100", "2024-01-15", "2024-02-15", plan="a"),
                  line("r2", "C", "50", "2024-01-20", "2024-02-15", plan="b")],
        "expected": {"mrr": mrr_rows("C", ["2024-01"], ["150.00"])},
    },
    {
        "name": "thirds_to_the_cent",
        "note": "$100 over three months by thirty_360 (2024-01-01..04-01): 33.34 + 33.33 + 33.33, the tie cent to "
                "the earlier month.",
        "options": {"day_count": "thirty_360"},
        "lines": [line("q1", "D", "100", "2024-01-01", "2024-04-01")],
        "expected": {"mrr": mrr_rows("D", ["2024-01", "2024-02", "2024-03"], ["33.34", "33.33", "33.33"])},
    },
]


def error(name, lines, problem, kind, field, row, line_id, options=None, rates=None):
    return {"name": name, "lines": lines, "options": options or {}, "rates": rates or [], "problem": problem,
            "kind": kind, "field": field, "row": row, "line_id": line_id}


base = line("in_1", "A", "100", "2024-01-01", "2024-02-01")
errors = [
    error("end_before_start", [line("in_1", "A", "100", "2024-02-01", "2024-01-01")],
          "end_before_start", "invalid_input", "service_end", 0, "in_1"),
    error("empty_recurring_period", [line("in_1", "A", "100", "2024-02-01", "2024-02-01")],
          "end_before_start", "invalid_input", "service_end", 0, "in_1"),
    error("period_too_long", [line("in_1", "A", "100", "2024-01-01", "2035-01-01")],
          "period_too_long", "invalid_input", "service_end", 0, "in_1"),
    error("credit_too_large", [base, line("cn_1", "A", "120", "2024-01-01", "2024-02-01", kind="credit_note", credits="in_1")],
          "credit_too_large", "invalid_input", "amount", 1, "cn_1"),
    error("credits_add_up_too_large", [base,
          line("cn_1", "A", "60", "2024-01-01", "2024-02-01", kind="credit_note", credits="in_1"),
          line("re_1", "A", "50", "2024-01-01", "2024-02-01", kind="refund", credits="in_1")],
          "credit_too_large", "invalid_input", "amount", 2, "re_1"),
    error("credit_of_unknown_line", [base, line("cn_1", "A", "10", "2024-01-01", "2024-02-01", kind="credit_note", credits="in_9")],
          "unknown_credited_line", "invalid_input", "credits", 1, "cn_1"),
    error("credit_of_other_customer", [base, line("cn_1", "B", "10", "2024-01-01", "2024-02-01", kind="credit_note", credits="in_1")],
          "credit_mismatch", "invalid_input", "customer", 1, "cn_1"),
    error("missing_rate", [base, line("in_2", "A", "100", "2024-01-01", "2024-02-01", currency="EUR")],
          "missing_rate", "invalid_input", "currency", 1, "in_2", options={"reporting_currency": "USD"},
          rates=[["EUR", "2024-01-02", "1.1"]]),
    error("several_currencies_no_reporting", [base, line("in_2", "A", "100", "2024-01-01", "2024-02-01", currency="EUR")],
          "invalid_option", "invalid_input", "reporting_currency", 1, "in_2"),
    error("overlapping_duplicate", [base, line("in_2", "A", "100", "2024-01-15", "2024-02-15")],
          "duplicate_line", "invalid_input", "line_id", 1, "in_2"),
    error("duplicate_line_id", [base, line("in_1", "A", "100", "2024-02-01", "2024-03-01")],
          "duplicate_line_id", "invalid_input", "line_id", 1, "in_1"),
    error("missing_amount", [base, line("in_2", "A", None, "2024-02-01", "2024-03-01")],
          "missing_amount", "not_finite", "amount", 1, "in_2"),
    error("nan_amount", [base, line("in_2", "A", "NaN", "2024-02-01", "2024-03-01")],
          "missing_amount", "not_finite", "amount", 1, "in_2"),
    error("unknown_kind", [base, line("in_2", "A", "5", "2024-02-01", "2024-03-01", kind="upgrade")],
          "unknown_kind", "invalid_input", "kind", 1, "in_2"),
    error("negative_amount", [line("in_1", "A", "-100", "2024-01-01", "2024-02-01")],
          "invalid_amount", "invalid_input", "amount", 0, "in_1"),
    error("discount_above_total", [line("in_1", "A", "100", "2024-01-01", "2024-02-01", discount="101")],
          "invalid_amount", "invalid_input", "discount", 0, "in_1"),
    error("issue_month_credit_after_churn", [base, line("cn_1", "A", "30", "2024-01-01", "2024-02-01",
          kind="credit_note", credits="in_1", issued="2024-03-02")],
          "negative_revenue", "invalid_input", "mrr", 1, "cn_1", options={"credit_applies_to": "issue_month"}),
]

out = {"description": __doc__.splitlines()[0], "cases": cases, "errors": errors}
Path(__file__).with_name("billing.json").write_text(json.dumps(out, indent=1) + "\n")
print(f"wrote {len(cases)} cases and {len(errors)} error cases; annual actual days: {[money(c) for c in annual_actual]}")
