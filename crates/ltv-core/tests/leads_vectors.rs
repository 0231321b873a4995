//! Runs the lead-valuation vectors in `tests/vectors/leads/*.json` (written by `generate.py` there, with Python
//! `decimal` as the oracle) against the Rust API in `Decimal`. Expected values are rounded to the case's
//! `places`; the actual values are rounded the same way (half to even) before comparing. Every failing case
//! is reported together.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;

use ltv_core::{
    AccountRules, CampaignRanking, Days, Decimal, Fraction, LeadObservation, LeadRules, LtvError, Money, Months,
    PriorRate, Ratio, RowError, SegmentOptions, Shrinkage, account_value, compare_campaigns, explain_lead_value,
    segment_table, shrunk_conversion_rate,
};
use rust_decimal::RoundingStrategy;
use serde_json::{Value, json};

const FILES: &[(&str, &str)] = &[
    ("shrinkage", include_str!("../../../tests/vectors/leads/shrinkage.json")),
    ("lead_value", include_str!("../../../tests/vectors/leads/lead_value.json")),
    ("account", include_str!("../../../tests/vectors/leads/account.json")),
    ("segments", include_str!("../../../tests/vectors/leads/segments.json")),
    ("campaigns", include_str!("../../../tests/vectors/leads/campaigns.json")),
];

fn d(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("expected a decimal string, got {v}")).parse().unwrap()
}

fn opt_d(v: &Value) -> Option<Decimal> {
    (!v.is_null()).then(|| d(v))
}

/// A number as the vectors write it: rounded to `places`, as a JSON string (`null` stays `null`).
fn num(x: Option<Decimal>, places: u32) -> Value {
    x.map_or(Value::Null, |x| {
        Value::String(x.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven).normalize().to_string())
    })
}

/// Expected values normalised the same way as [`num`], so that "0.0300" and "0.03" compare equal.
fn normalise(v: &Value, places: u32) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| {
                    let keep = ["segment", "campaign", "max_segment", "min_segment", "kind", "ltv_basis"];
                    (k.clone(), if keep.contains(&k.as_str()) { x.clone() } else { normalise(x, places) })
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|x| normalise(x, places)).collect()),
        Value::String(s) => num(Some(s.parse().unwrap()), places),
        other => other.clone(),
    }
}

fn rules() -> LeadRules {
    LeadRules::default()
}

fn run(function: &str, i: &Value, places: u32) -> Result<Value, RowError> {
    let p = |v| num(Some(v), places);
    match function {
        "shrunk_conversion_rate" => {
            let prior = Fraction::named("prior_rate", d(&i["prior_rate"]))?;
            let n = |k: &str| u32::try_from(i[k].as_u64().unwrap()).unwrap();
            let rate = shrunk_conversion_rate(n("conversions"), n("leads"), d(&i["prior_strength"]), prior)?;
            Ok(json!({ "rate": p(rate) }))
        }
        "explain_lead_value" => {
            let nurture = match i.get("nurture_cost") {
                Some(v) => Some(Money::named("nurture_cost", d(v))?),
                None => None,
            };
            let v = explain_lead_value(
                Money::named("customer_ltv", d(&i["customer_ltv"]))?,
                Fraction::named("conversion_probability", d(&i["conversion_probability"]))?,
                Months::named("months_to_close", d(&i["months_to_close"]))?,
                Days::named("days_since_engagement", d(&i["days_since_engagement"]))?,
                nurture,
                rules(),
            )?;
            Ok(
                json!({ "value": p(v.value), "base": p(v.base), "discount_factor": p(v.discount_factor), "zombie": v.zombie }),
            )
        }
        "account_value" => {
            let ps = i["stakeholder_probabilities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| Fraction::named("stakeholder_probabilities", d(x)))
                .collect::<Result<Vec<_>, _>>()?;
            let mult = i.get("committee_multiplier").map_or(Decimal::new(12, 1), d);
            let v = account_value(
                &ps,
                Money::named("account_ltv", d(&i["account_ltv"]))?,
                Months::named("months_to_close", d(&i["months_to_close"]))?,
                Days::named("days_since_engagement", d(&i["days_since_engagement"]))?,
                rules(),
                AccountRules::new(3, mult)?,
            )?;
            Ok(json!({
                "p_any": p(v.p_any), "p_account": p(v.p_account), "capped": v.capped, "value": p(v.value),
                "naive_sum": p(v.naive_sum), "difference": p(v.difference),
            }))
        }
        "segment_table" => {
            let labels: Vec<String> =
                i["labels"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_owned()).collect();
            let leads = i["leads"].as_array().unwrap().iter().map(|l| LeadObservation {
                segment: usize::try_from(l[0].as_u64().unwrap()).unwrap(),
                converted: l[1].as_bool().unwrap(),
                customer_ltv: opt_d(&l[2]),
                cost_per_lead: d(&l[3]),
                days_to_close: opt_d(&l[4]),
            });
            let prior = match opt_d(&i["prior_rate"]) {
                Some(r) => PriorRate::Fixed(Fraction::named("prior_rate", r)?),
                None => PriorRate::Blended,
            };
            let options = SegmentOptions::default()
                .with_shrinkage(Shrinkage::new(d(&i["prior_strength"]), prior)?)
                .with_target_ratio(Ratio::named("target_ratio", d(&i["target_ratio"]))?)
                .with_spread_threshold(Ratio::named("spread_threshold", d(&i["spread_threshold"]))?);
            let t = segment_table(&labels, leads, options)?;
            let rows: Vec<Value> = t
                .rows
                .iter()
                .map(|r| {
                    json!({
                        "segment": r.segment, "leads": r.leads, "conversions": r.conversions,
                        "conversion_rate": p(r.conversion_rate), "shrunk_rate": p(r.shrunk_rate),
                        "avg_customer_ltv": num(r.avg_customer_ltv, places), "ltv_basis": r.ltv_basis.as_str(),
                        "lead_ltv": p(r.lead_ltv), "cost_per_lead": p(r.cost_per_lead),
                        "ltv_cpl": num(r.ltv_cpl.map(|x| x.ratio), places), "bid_cap": p(r.bid_cap),
                        "avg_days_to_close": num(r.avg_days_to_close, places),
                    })
                })
                .collect();
            let warnings: Vec<Value> = t
                .warnings
                .iter()
                .map(|w| match w.kind.as_str() {
                    "no_conversions" => json!({ "kind": w.kind.as_str(), "segment": w.segment }),
                    _ => json!({
                        "kind": w.kind.as_str(), "max_segment": w.max_segment, "min_segment": w.min_segment,
                        "ratio": num(w.ratio, places),
                    }),
                })
                .collect();
            Ok(json!({ "prior_rate": p(t.prior_rate), "rows": rows, "warnings": warnings }))
        }
        "compare_campaigns" => {
            let labels: Vec<String> =
                i["labels"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_owned()).collect();
            let leads = i["leads"].as_array().unwrap();
            let codes: Vec<usize> = leads.iter().map(|l| usize::try_from(l[0].as_u64().unwrap()).unwrap()).collect();
            let values: Vec<Decimal> = leads.iter().map(|l| d(&l[1])).collect();
            let costs: Vec<Decimal> = leads.iter().map(|l| d(&l[2])).collect();
            let ranking: CampaignRanking = i["rank_by"].as_str().unwrap().parse()?;
            let rows = compare_campaigns(&labels, &codes, &values, &costs, ranking)?;
            let rows: Vec<Value> = rows
                .iter()
                .map(|r| {
                    json!({
                        "rank": r.rank, "campaign": r.campaign, "leads": r.leads, "total_value": p(r.total_value),
                        "value_per_lead": p(r.value_per_lead), "cost": p(r.cost),
                        "value_per_cost": num(r.value_per_cost, places),
                    })
                })
                .collect();
            Ok(json!({ "rows": rows }))
        }
        other => panic!("unknown function {other}"),
    }
}

fn kind(e: &LtvError) -> &'static str {
    e.kind()
}

#[test]
fn lead_vectors() {
    let mut failures = String::new();
    let mut ran = 0;
    for (file, text) in FILES {
        let doc: Value = serde_json::from_str(text).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            ran += 1;
            let name = case["name"].as_str().unwrap();
            let places = case.get("places").and_then(Value::as_u64).map_or(28, |p| u32::try_from(p).unwrap());
            let got = run(case["function"].as_str().unwrap(), &case["inputs"], places);
            match (got, case.get("expected"), case.get("error")) {
                (Ok(v), Some(expected), None) => {
                    let expected = normalise(expected, places);
                    if v != expected {
                        let _ = writeln!(failures, "{file}: {name}:\n  got      {v}\n  expected {expected}");
                    }
                }
                (Err(e), None, Some(err)) => {
                    let row_ok = match err.get("row") {
                        Some(r) => r.as_u64() == e.row.and_then(|x| u64::try_from(x).ok()),
                        None => true,
                    };
                    if kind(&e.error) != err["kind"] || e.error.field() != err["field"] || !row_ok {
                        let _ = writeln!(failures, "{file}: {name}: got error {e:?}, expected {err}");
                    }
                }
                (got, _, _) => {
                    let _ = writeln!(failures, "{file}: {name}: got {got:?}, expected {case}");
                }
            }
        }
    }
    assert!(ran >= 36, "only {ran} lead vectors ran");
    assert!(failures.is_empty(), "failing lead vectors:\n{failures}");
}
