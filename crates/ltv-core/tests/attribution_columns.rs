//! The column path of attribution ([`Journeys::from_columns`]): the same validation, grouping and credits as
//! the row API ([`Journeys::new`]), with values as whole units, and its own errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ltv_core::Decimal;
use ltv_core::attribution::{
    AttributionModel, AttributionOptions, JourneyColumns, Journeys, Outcome, Touchpoint, ValueColumn, attribute,
};
use proptest::prelude::*;

const ALL: &[AttributionModel] = AttributionModel::ALL;

fn labels(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i:02}")).collect()
}

/// Per journey its touches as (day, channel) and its value in cents (0 = lost).
type Random = Vec<(Vec<(u8, usize)>, i64)>;

fn journeys_strategy() -> impl Strategy<Value = (usize, Random)> {
    (1_usize..7).prop_flat_map(|k| {
        let journey = (prop::collection::vec((0_u8..30, 0..k), 1..8), prop_oneof![Just(0_i64), 1_i64..10_000_000]);
        (Just(k), prop::collection::vec(journey, 1..25))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Cents as units (at scale 2, or at the least scale the values need) give exactly the credits of the
    /// same values as Decimals through the row API, under every model, per journey and per channel.
    #[test]
    fn units_and_rows_give_the_same_credits((k, js) in journeys_strategy(), whole in any::<bool>()) {
        let mut tps = Vec::new();
        for (j, (touches, _)) in js.iter().enumerate() {
            for &(day, c) in touches {
                tps.push(Touchpoint { journey: j, time_days: f64::from(day), channel: c, cost: None });
            }
        }
        // `whole`: values in whole units of currency, passed as units of scale 0.
        let cents: Vec<i64> = js.iter().map(|&(_, v)| if whole { v / 100 * 100 } else { v }).collect();
        let outs: Vec<Outcome> = cents
            .iter()
            .enumerate()
            .map(|(j, &v)| Outcome { journey: j, converted: v > 0, value: Decimal::new(v, 2).normalize(), conversion_time_days: None })
            .collect();
        let (channels, journeys) = (labels("c", k), labels("j", js.len()));
        let by_rows = Journeys::new(&channels, &journeys, &tps, &outs, &[], 2).unwrap();
        let units: Vec<i64> = if whole { cents.iter().map(|v| v / 100).collect() } else { cents.clone() };
        let tp_journey: Vec<usize> = tps.iter().map(|t| t.journey).collect();
        let tp_time: Vec<f64> = tps.iter().map(|t| t.time_days).collect();
        let tp_channel: Vec<usize> = tps.iter().map(|t| t.channel).collect();
        let out_journey: Vec<usize> = (0..js.len()).collect();
        let converted: Vec<bool> = cents.iter().map(|&v| v > 0).collect();
        let columns = JourneyColumns {
            tp_journey: &tp_journey,
            tp_time_days: &tp_time,
            tp_channel: &tp_channel,
            tp_cost: None,
            out_journey: &out_journey,
            out_converted: &converted,
            out_value: ValueColumn::Units { units: &units, scale: if whole { 0 } else { 2 } },
            out_conversion_time_days: None,
        };
        let by_columns = Journeys::from_columns(&channels, js.len(), &|j| journeys[j].clone(), &columns, &[], 2).unwrap();
        prop_assert_eq!(&by_columns, &by_rows);
        let options = AttributionOptions::default().with_per_journey(true);
        prop_assert_eq!(attribute(&by_columns, ALL, &options).unwrap(), attribute(&by_rows, ALL, &options).unwrap());
    }
}

fn columns<'a>(units: &'a [i64], converted: &'a [bool], scale: u32) -> JourneyColumns<'a> {
    JourneyColumns {
        tp_journey: &[0, 1],
        tp_time_days: &[0.0, 0.0],
        tp_channel: &[0, 0],
        tp_cost: None,
        out_journey: &[0, 1],
        out_converted: converted,
        out_value: ValueColumn::Units { units, scale },
        out_conversion_time_days: None,
    }
}

#[test]
fn units_keep_the_value_scale_and_the_requested_decimals() {
    // 12.345 (units of 10^-3) over two equal touches of one journey: allocated at three places.
    let cols = JourneyColumns { tp_journey: &[0, 0], tp_channel: &[0, 1], ..columns(&[12_345], &[true], 3) };
    let cols = JourneyColumns { out_journey: &[0], ..cols };
    let data = Journeys::from_columns(&["a", "b"], 1, &|_| "j".to_owned(), &cols, &[], 2).unwrap();
    assert_eq!(data.scale(), 3);
    let r = attribute(&data, &[AttributionModel::Linear], &AttributionOptions::default()).unwrap();
    let values: Vec<String> = r.channels.iter().map(|c| c.value[0].to_string()).collect();
    // 12345 units over 1:1 -> 6173 and 6172 (the extra unit to the first at journey 0).
    assert_eq!(values, ["6.173", "6.172"]);
    // Whole units at scale 0 with decimals 2: credited in cents.
    let data =
        Journeys::from_columns(&["a"], 2, &|_| "j".to_owned(), &columns(&[7, 0], &[true, false], 0), &[], 2).unwrap();
    let r = attribute(&data, &[AttributionModel::FirstTouch], &AttributionOptions::default()).unwrap();
    assert_eq!(r.channels[0].value[0].to_string(), "7.00");
}

#[test]
fn unit_errors_name_the_column_and_the_row() {
    let label = |j: usize| format!("lead-{j}");
    let msg = |cols: &JourneyColumns<'_>, n: usize| {
        Journeys::from_columns(&["a"], n, &label, cols, &[], 2).unwrap_err().to_string()
    };
    assert_eq!(
        msg(&columns(&[100, -250], &[true, true], 2), 2),
        "row 1: outcomes.value = -2.5 is out of range: expected a value >= 0"
    );
    assert_eq!(
        msg(&columns(&[100, 5], &[true, false], 2), 2),
        "row 1: outcomes.value = 0.05 is out of range: expected 0 for a journey that did not convert"
    );
    assert_eq!(
        msg(&columns(&[1, 0], &[true, false], 13), 2),
        "row 0: outcomes.value = 0.0000000000001 is out of range: expected at most 12 decimal places"
    );
    let short = JourneyColumns { tp_time_days: &[0.0], ..columns(&[1, 0], &[true, false], 2) };
    assert_eq!(
        msg(&short, 2),
        "touchpoints.timestamp = 1 values for 2 rows is out of range: expected one value per row"
    );
    // A journey with no outcome row is named by its label, made only for the message.
    let orphan = JourneyColumns { out_journey: &[0], out_converted: &[true], ..columns(&[1], &[true], 2) };
    assert_eq!(
        msg(&orphan, 2),
        "row 1: touchpoints.journey = 'lead-1' is out of range: expected a journey with an outcome row"
    );
}
