//! Runs `tests/vectors/attribution/attribution.json` (written by `generate.py` there from exact fractions,
//! with the Shapley values enumerated over every coalition and the Markov chain solved exactly) against
//! the Rust API: channel credits and per-journey credits compared exactly, removal effects to 1e-12, and
//! the error cases by kind, field and row.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ltv_core::Decimal;
use ltv_core::RowError;
use ltv_core::attribution::{
    AttributionModel, AttributionOptions, Journeys, Outcome, PositionShares, Touchpoint, attribute,
};
use serde_json::Value;

const VECTORS: &str = include_str!("../../../tests/vectors/attribution/attribution.json");

fn d(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("expected a decimal string, got {v}")).parse().unwrap()
}

fn time(v: &Value) -> f64 {
    match v {
        Value::String(s) if s == "NaN" => f64::NAN,
        other => other.as_f64().unwrap(),
    }
}

struct Built {
    data: Result<Journeys, RowError>,
    options: AttributionOptions,
    channels: Vec<String>,
    journeys: Vec<String>,
}

fn build(case: &Value) -> Built {
    let rows = |k: &str| case.get(k).and_then(Value::as_array).cloned().unwrap_or_default();
    let (tps, outs, costs) = (rows("touchpoints"), rows("outcomes"), rows("costs"));
    let mut channels: Vec<String> = tps.iter().map(|r| r[2].as_str().unwrap().to_owned()).collect();
    channels.sort();
    channels.dedup();
    // Journeys are the outcome labels; a touchpoint label without an outcome gets an index past them.
    let mut outcome_labels: Vec<String> = outs.iter().map(|r| r[0].as_str().unwrap().to_owned()).collect();
    outcome_labels.sort();
    outcome_labels.dedup();
    let index = |label: &str| outcome_labels.iter().position(|x| x == label).unwrap_or(outcome_labels.len() + 7);
    let channel = |label: &str| channels.iter().position(|x| x == label).unwrap_or(channels.len() + 7);
    let touchpoints: Vec<Touchpoint> = tps
        .iter()
        .map(|r| Touchpoint {
            journey: index(r[0].as_str().unwrap()),
            time_days: time(&r[1]),
            channel: channel(r[2].as_str().unwrap()),
            cost: (!r[3].is_null()).then(|| d(&r[3])),
        })
        .collect();
    let outcomes: Vec<Outcome> = outs
        .iter()
        .map(|r| Outcome {
            journey: index(r[0].as_str().unwrap()),
            converted: r[1].as_bool().unwrap(),
            value: d(&r[2]),
            conversion_time_days: r[3].as_f64(),
        })
        .collect();
    let costs: Vec<(usize, Decimal)> = costs.iter().map(|r| (channel(r[0].as_str().unwrap()), d(&r[1]))).collect();
    let o = case.get("options").cloned().unwrap_or(Value::Null);
    let get = |k: &str| o.get(k).cloned();
    let mut options = AttributionOptions::default();
    if let Some(v) = get("direct_channel") {
        options = options.with_direct_channel(v.as_str().unwrap());
    }
    if let Some(v) = get("half_life_days") {
        options = options.with_half_life_days(v.as_f64().unwrap()).unwrap();
    }
    if let (Some(f), Some(l)) = (get("first_share"), get("last_share")) {
        options = options.with_position_shares(PositionShares::new(d(&f), d(&l)).unwrap());
    }
    let decimals = get("decimals").map_or(2, |v| u32::try_from(v.as_u64().unwrap()).unwrap());
    let data = Journeys::new(&channels, &outcome_labels, &touchpoints, &outcomes, &costs, decimals);
    Built { data, options: options.with_per_journey(true), channels, journeys: outcome_labels }
}

#[test]
fn every_case_matches_the_exact_generator() {
    let all: Value = serde_json::from_str(VECTORS).unwrap();
    let cases = all["cases"].as_array().unwrap();
    assert!(cases.len() >= 5);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let built = build(case);
        let data = built.data.unwrap_or_else(|e| panic!("{name}: {e}"));
        let models: Vec<AttributionModel> =
            case["expected"].as_object().unwrap().keys().map(|m| m.parse().unwrap()).collect();
        let result = attribute(&data, &models, &built.options).unwrap();
        for (m, model) in models.iter().enumerate() {
            for (c, row) in result.channels.iter().enumerate() {
                let want = &case["expected"][model.as_str()][&built.channels[c]];
                assert_eq!(row.conversions[m], d(&want[0]), "{name} {model} {} conversions", row.channel);
                assert_eq!(row.value[m], d(&want[1]), "{name} {model} {} value", row.channel);
                let exact = case["exact_value"][model.as_str()][&built.channels[c]].as_f64().unwrap();
                let unit = 10_f64.powi(-i32::try_from(data.scale()).unwrap());
                let got: f64 = row.value[m].to_string().parse().unwrap();
                if *model != AttributionModel::Markov {
                    // Each journey's rounding moves a channel by less than one unit.
                    assert!((got - exact).abs() < unit * data.journey_count() as f64, "{name} {model}");
                } else {
                    assert!((got - exact).abs() <= unit * (1.0 + 1e-9), "{name} markov {got} vs {exact}");
                }
            }
            let total: Decimal = result.channels.iter().map(|r| r.value[m]).sum();
            assert_eq!(total, result.value, "{name} {model} sums to the value");
        }
        // Per-journey credits.
        let pj = &result.journeys;
        for (row, (&j, &c)) in pj.journey.iter().zip(&pj.channel).enumerate() {
            let jcase =
                case["per_journey"].as_array().unwrap().iter().find(|r| r["journey"] == built.journeys[j]).unwrap();
            for (m, model) in models.iter().enumerate() {
                let want = &jcase["credits"][model.as_str()][&built.channels[c]];
                assert_eq!(pj.conversions[m][row], d(&want[0]), "{name} {model} journey {j}");
                assert_eq!(pj.value[m][row], d(&want[1]), "{name} {model} journey {j}");
            }
        }
        let effects = result.removal_effects.unwrap();
        assert!((effects.conversion_probability - case["conversion_probability"].as_f64().unwrap()).abs() < 1e-12);
        for (c, e) in effects.removal_effects.iter().enumerate() {
            let want = case["removal_effects"][&built.channels[c]].as_f64().unwrap();
            assert!((e - want).abs() < 1e-12, "{name} removal effect {}", built.channels[c]);
        }
    }
}

#[test]
fn every_error_case_names_its_row() {
    let all: Value = serde_json::from_str(VECTORS).unwrap();
    for case in all["errors"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let err = build(case).data.expect_err(name);
        let want = &case["error"];
        assert_eq!(err.error.kind(), want["kind"].as_str().unwrap(), "{name}: {err}");
        assert_eq!(err.error.field(), want["field"].as_str().unwrap(), "{name}: {err}");
        assert_eq!(err.row, want["row"].as_u64().map(|r| usize::try_from(r).unwrap()), "{name}: {err}");
    }
}
