//! Runs the channel ROAS vectors in `tests/vectors/channels/roas.json` (written by `generate.py` there, with
//! Python `decimal` as the oracle) against [`channel_roas`] in `Decimal`; values are rounded half to even to
//! the case's `places` before comparing. Every failing case is reported together.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ltv_core::{AcquiredCustomer, ChannelMargin, ChannelSpend, Decimal, RoasOptions, channel_roas};
use rust_decimal::RoundingStrategy;
use serde_json::{Value, json};

const ROAS: &str = include_str!("../../../tests/vectors/channels/roas.json");

fn d(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("expected a decimal string, got {v}")).parse().unwrap()
}

fn idx(v: &Value) -> usize {
    usize::try_from(v.as_u64().unwrap()).unwrap()
}

fn num(x: Option<Decimal>, places: u32) -> Value {
    x.map_or(Value::Null, |x| {
        Value::String(x.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven).normalize().to_string())
    })
}

#[test]
fn roas_vectors() {
    let file: Value = serde_json::from_str(ROAS).unwrap();
    let mut failures = Vec::new();
    let cases = file["cases"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for case in cases {
        let labels: Vec<&str> = case["labels"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let spend = case["spend"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| ChannelSpend { channel: idx(&s["channel"]), spend: d(&s["spend"]) });
        let customers = case["customers"].as_array().unwrap().iter().map(|c| AcquiredCustomer {
            channel: idx(&c["channel"]),
            short_window_revenue: d(&c["short_window_revenue"]),
            lifetime_value: d(&c["lifetime_value"]),
        });
        let margins = case["margins"].as_array().unwrap().iter().map(|m| ChannelMargin {
            channel: idx(&m["channel"]),
            month: u32::try_from(m["month"].as_u64().unwrap()).unwrap(),
            margin: d(&m["margin"]),
        });
        let options = RoasOptions::new(d(&case["short_roas_below"]), d(&case["ltv_roas_at_least"])).unwrap();
        let places = u32::try_from(case["places"].as_u64().unwrap()).unwrap();
        let rows = channel_roas(&labels, spend, customers, margins, options).unwrap();
        let got: Vec<Value> = rows
            .iter()
            .map(|r| {
                json!({
                    "channel": r.channel, "customers": r.customers, "spend": num(Some(r.spend), places),
                    "short_window_revenue": num(Some(r.short_window_revenue), places),
                    "lifetime_value": num(Some(r.lifetime_value), places),
                    "short_roas": num(r.short_roas, places), "ltv_roas": num(r.ltv_roas, places),
                    "payback_month": r.payback_month, "undervalued_short_term": r.undervalued_short_term,
                })
            })
            .collect();
        let expected: Vec<Value> = case["expected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| {
                let mut row = row.clone();
                for key in ["spend", "short_window_revenue", "lifetime_value", "short_roas", "ltv_roas"] {
                    row[key] = num(row[key].as_str().map(|s| s.parse().unwrap()), places);
                }
                row
            })
            .collect();
        if got != expected {
            failures.push(format!("{}: got {got:?}, expected {expected:?}", case["name"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
