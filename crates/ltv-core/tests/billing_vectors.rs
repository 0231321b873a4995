//! Runs the hand-computed billing examples in `tests/vectors/billing/billing.json` (repository root) through
//! `ltv_core::billing::normalise`, then feeds the MRR table to `CohortAnalysis` and checks the movements.
//! The Python suite (tests/python/test_billing.py) runs the same file through `ltv.billing.normalise`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use ltv_core::Decimal;
use ltv_core::billing::{
    BillingError, BillingLine, BillingOptions, LineKind, Normalised, Rate, normalise, parse_amount,
};
use ltv_core::cohort::{CohortAnalysis, Date, PeriodUnit, parse_period};
use serde_json::Value;

fn vectors() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/billing/billing.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn date(v: &Value) -> Date {
    let s = v.as_str().unwrap();
    let (y, rest) = s.split_at(4);
    Date { year: y.parse().unwrap(), month: rest[1..3].parse().unwrap(), day: rest[4..6].parse().unwrap() }
}

fn dec(v: &Value) -> Option<Decimal> {
    v.as_str().map(|s| s.parse().unwrap())
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn lines(case: &Value) -> Result<Vec<BillingLine>, BillingError> {
    let mut out = Vec::new();
    for (row, l) in case["lines"].as_array().unwrap().iter().enumerate() {
        let id = l["line_id"].as_str().unwrap();
        let amount = parse_amount(row, id, "amount", l["amount"].as_str())?;
        let mut line = BillingLine::charge(
            id,
            l["customer"].as_str().unwrap().to_owned(),
            amount,
            l["currency"].as_str().unwrap(),
            date(&l["service_start"]),
            date(&l["service_end"]),
        )
        .with_kind(LineKind::parse_line(row, id, l["kind"].as_str().unwrap())?);
        line.plan = text(l, "plan");
        line.credits = text(l, "credits");
        line.quantity = l.get("quantity").and_then(dec);
        line.discount = l.get("discount").and_then(dec);
        line.issued = l.get("issued").map(date);
        out.push(line);
    }
    Ok(out)
}

fn options(case: &Value) -> BillingOptions {
    let o = &case["options"];
    let mut options = BillingOptions::default();
    if let Some(s) = o.get("day_count").and_then(Value::as_str) {
        options.day_count = s.parse().unwrap();
    }
    if let Some(s) = o.get("credit_applies_to").and_then(Value::as_str) {
        options.credit_applies_to = s.parse().unwrap();
    }
    if let Some(s) = o.get("rate_date").and_then(Value::as_str) {
        options.rate_date = s.parse().unwrap();
    }
    options.reporting_currency = text(o, "reporting_currency");
    options
}

fn rates(case: &Value) -> Vec<Rate> {
    let Some(rows) = case.get("rates").and_then(Value::as_array) else { return Vec::new() };
    rows.iter()
        .map(|r| Rate { currency: r[0].as_str().unwrap().to_owned(), date: date(&r[1]), rate: dec(&r[2]).unwrap() })
        .collect()
}

fn run(case: &Value) -> Result<Normalised<String>, BillingError> {
    normalise(&lines(case)?, &rates(case), &options(case))
}

fn month(v: &Value) -> i64 {
    parse_period(v.as_str().unwrap(), PeriodUnit::Month).unwrap()
}

#[test]
fn hand_computed_examples() {
    let v = vectors();
    let cases = v["cases"].as_array().unwrap();
    assert!(cases.len() >= 12);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let out = run(case).unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = &case["expected"];
        let got: Vec<(String, i64, Decimal, &str)> =
            out.mrr.iter().map(|r| (r.customer.clone(), r.period, r.mrr, r.status.as_str())).collect();
        let want: Vec<(String, i64, Decimal, &str)> = expected["mrr"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r[0].as_str().unwrap().to_owned(), month(&r[1]), dec(&r[2]).unwrap(), r[3].as_str().unwrap()))
            .collect();
        assert_eq!(got, want, "{name}: mrr");
        // Cents, not just values: every MRR amount carries exactly two decimal places.
        assert!(out.mrr.iter().all(|r| r.mrr.scale() == 2), "{name}: scale");
        let one_time: Vec<(String, i64, Decimal)> =
            out.one_time.iter().map(|r| (r.customer.clone(), r.period, r.amount)).collect();
        let want_one_time: Vec<(String, i64, Decimal)> = expected
            .get("one_time")
            .and_then(Value::as_array)
            .map(|rows| {
                rows.iter().map(|r| (r[0].as_str().unwrap().to_owned(), month(&r[1]), dec(&r[2]).unwrap())).collect()
            })
            .unwrap_or_default();
        assert_eq!(one_time, want_one_time, "{name}: one-time");
        let pauses: Vec<(String, i64, i64)> =
            out.pauses.iter().map(|p| (p.customer.clone(), p.first_period, p.periods)).collect();
        let want_pauses: Vec<(String, i64, i64)> = expected
            .get("pauses")
            .and_then(Value::as_array)
            .map(|rows| {
                rows.iter().map(|r| (r[0].as_str().unwrap().to_owned(), month(&r[1]), r[2].as_i64().unwrap())).collect()
            })
            .unwrap_or_default();
        assert_eq!(pauses, want_pauses, "{name}: pauses");
        reconciles(name, case, &out);
        movements(name, expected, &out);
    }
}

/// The audit rows of each line sum to its converted net amount; the MRR table is the audit's recurring sum.
fn reconciles(name: &str, case: &Value, out: &Normalised<String>) {
    let n = case["lines"].as_array().unwrap().len();
    let mut per_line = vec![Decimal::ZERO; n];
    for a in &out.audit {
        per_line[a.row] += a.amount;
    }
    let mrr: Decimal = out.mrr.iter().map(|r| r.mrr).sum();
    let one_time: Decimal = out.one_time.iter().map(|r| r.amount).sum();
    let audit: Decimal = per_line.iter().copied().sum();
    assert_eq!(mrr + one_time, audit, "{name}: audit total");
    let lines = lines(case).unwrap();
    if options(case).reporting_currency.is_none() {
        for (line, &got) in lines.iter().zip(&per_line) {
            let total = line.amount * line.quantity.unwrap_or(Decimal::ONE) - line.discount.unwrap_or(Decimal::ZERO);
            let sign = if line.kind.is_credit() { -Decimal::ONE } else { Decimal::ONE };
            assert_eq!(got, (sign * total).round_dp(2), "{name}: line {}", line.line_id);
        }
    }
}

fn movements(name: &str, expected: &Value, out: &Normalised<String>) {
    let Some(want) = expected.get("movements").and_then(Value::as_object) else { return };
    let rows = out.mrr.iter().map(|r| (r.customer.clone(), r.period, r.mrr));
    let cohorts = CohortAnalysis::from_rows(rows, PeriodUnit::Month).unwrap();
    let (first, _) = cohorts.period_range();
    for (period, figures) in want {
        let at = usize::try_from(parse_period(period, PeriodUnit::Month).unwrap() - first).unwrap();
        let m = &cohorts.movements()[at].mrr;
        for (key, value) in figures.as_object().unwrap() {
            let got = match key.as_str() {
                "new" => m.new_mrr(),
                "expansion" => m.expansion(),
                "contraction" => m.contraction(),
                "churned" => m.churned(),
                "reactivation" => m.reactivation(),
                other => panic!("{other}"),
            };
            assert_eq!(got, dec(value).unwrap(), "{name}: {period} {key}");
        }
    }
}

#[test]
fn bad_inputs_name_the_line() {
    let v = vectors();
    let errors = v["errors"].as_array().unwrap();
    assert!(errors.len() >= 15);
    for case in errors {
        let name = case["name"].as_str().unwrap();
        let err = run(case).map(|_| ()).expect_err(name);
        let want_row = case["row"].as_u64().map(|r| usize::try_from(r).unwrap());
        assert_eq!(
            (err.problem.as_str(), err.error.kind(), err.error.field(), err.row, err.line_id.as_deref()),
            (
                case["problem"].as_str().unwrap(),
                case["kind"].as_str().unwrap(),
                case["field"].as_str().unwrap(),
                want_row,
                case["line_id"].as_str(),
            ),
            "{name}: {err}"
        );
        let id = case["line_id"].as_str().unwrap();
        assert!(err.to_string().starts_with(&format!("line '{id}' (row ")), "{name}: {err}");
    }
}
