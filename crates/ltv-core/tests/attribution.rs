//! Attribution: properties under every model (credits sum exactly to each journey's value and conversion,
//! one-channel journeys credit it fully, row order changes nothing), the Shapley closed form against the
//! coalition sum enumerated in full, hand-worked examples and the input errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ltv_core::Decimal;
use ltv_core::attribution::{
    AttributionModel, AttributionOptions, Journeys, MAX_JOURNEY_TOUCHPOINTS, Outcome, PositionShares, Touchpoint,
    attribute,
};
use proptest::prelude::*;

const ALL: &[AttributionModel] = AttributionModel::ALL;

fn tp(journey: usize, day: f64, channel: usize) -> Touchpoint {
    Touchpoint { journey, time_days: day, channel, cost: None }
}

fn outcome(journey: usize, cents: i64) -> Outcome {
    Outcome { journey, converted: cents > 0, value: Decimal::new(cents, 2), conversion_time_days: None }
}

fn labels(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i:02}")).collect()
}

/// Per journey its touches as (day, channel) and its value in cents (0 = lost).
type Random = Vec<(Vec<(u8, usize)>, i64)>;

/// Random journeys over a random number of channels.
fn journeys_strategy() -> impl Strategy<Value = (usize, Random)> {
    (1_usize..7).prop_flat_map(|k| {
        let journey = (prop::collection::vec((0_u8..30, 0..k), 1..8), prop_oneof![Just(0_i64), 1_i64..10_000_000]);
        (Just(k), prop::collection::vec(journey, 1..25))
    })
}

fn build(k: usize, js: &[(Vec<(u8, usize)>, i64)], order: &[usize]) -> Journeys {
    let mut tps = Vec::new();
    for (j, (touches, _)) in js.iter().enumerate() {
        for &(day, c) in touches {
            tps.push(tp(j, f64::from(day), c));
        }
    }
    let tps: Vec<Touchpoint> = if order.is_empty() { tps } else { order.iter().map(|&i| tps[i % tps.len()]).collect() };
    let outs: Vec<Outcome> = js.iter().enumerate().map(|(j, &(_, v))| outcome(j, v)).collect();
    Journeys::new(&labels("c", k), &labels("j", js.len()), &tps, &outs, &[], 2).unwrap()
}

proptest! {
    #[test]
    fn every_journey_sums_exactly_to_its_value_and_conversion((k, js) in journeys_strategy()) {
        let data = build(k, &js, &[]);
        let r = attribute(&data, ALL, &AttributionOptions::default().with_per_journey(true)).unwrap();
        let pj = &r.journeys;
        for (m, _) in ALL.iter().enumerate() {
            for (j, (_, cents)) in js.iter().enumerate() {
                let rows: Vec<usize> = (0..pj.journey.len()).filter(|&i| pj.journey[i] == j).collect();
                let value: Decimal = rows.iter().map(|&i| pj.value[m][i]).sum();
                let conv: Decimal = rows.iter().map(|&i| pj.conversions[m][i]).sum();
                prop_assert_eq!(value, Decimal::new(*cents, 2));
                prop_assert_eq!(conv, if *cents > 0 { Decimal::ONE } else { Decimal::ZERO });
                prop_assert!(rows.iter().all(|&i| pj.value[m][i] >= Decimal::ZERO));
            }
            let total: Decimal = r.channels.iter().map(|c| c.value[m]).sum();
            prop_assert_eq!(total, r.value);
            let conv: Decimal = r.channels.iter().map(|c| c.conversions[m]).sum();
            prop_assert_eq!(conv, Decimal::from(r.conversions));
        }
    }

    #[test]
    fn a_one_channel_journey_credits_it_fully((k, js) in journeys_strategy(), c in 0_usize..6) {
        let c = c % k;
        let js: Vec<_> = js.into_iter().map(|(t, v)| (t.into_iter().map(|(d, _)| (d, c)).collect::<Vec<_>>(), v)).collect();
        let data = build(k, &js, &[]);
        let r = attribute(&data, ALL, &AttributionOptions::default()).unwrap();
        for (m, _) in ALL.iter().enumerate() {
            prop_assert_eq!(r.channels[c].value[m], r.value);
            prop_assert_eq!(r.channels[c].conversions[m], Decimal::from(r.conversions));
        }
    }

    #[test]
    fn the_order_of_the_rows_changes_nothing((k, js) in journeys_strategy(), seed in any::<u64>()) {
        let n: usize = js.iter().map(|(t, _)| t.len()).sum();
        let mut order: Vec<usize> = (0..n).collect();
        // A seeded Fisher-Yates shuffle of the touchpoint rows.
        let mut s = seed | 1;
        for i in (1..n).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            order.swap(i, usize::try_from(s % (i as u64 + 1)).unwrap());
        }
        let options = AttributionOptions::default().with_per_journey(true);
        let a = attribute(&build(k, &js, &[]), ALL, &options).unwrap();
        let b = attribute(&build(k, &js, &order), ALL, &options).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn shapley_equals_the_coalition_sum_enumerated_in_full((k, js) in journeys_strategy()) {
        let data = build(k, &js, &[]);
        let r = attribute(&data, &[AttributionModel::Shapley], &AttributionOptions::default()).unwrap();
        // v(S) = value of journeys whose channel set is inside S (bit masks), phi by the Shapley formula.
        let sets: Vec<(u32, f64)> = js.iter().map(|(t, v)| (t.iter().fold(0_u32, |m, &(_, c)| m | 1 << c), *v as f64)).collect();
        let v = |s: u32| sets.iter().filter(|(t, _)| t & !s == 0).map(|(_, x)| x).sum::<f64>();
        let fact = |n: u32| (1..=n).map(f64::from).product::<f64>();
        let n = u32::try_from(k).unwrap();
        for c in 0..k {
            let mut phi = 0.0;
            for s in 0..(1_u32 << n) {
                if s & (1 << c) != 0 { continue; }
                let size = s.count_ones();
                phi += fact(size) * fact(n - size - 1) / fact(n) * (v(s | 1 << c) - v(s));
            }
            let got: f64 = (r.channels[c].value[0] * Decimal::from(100)).to_string().parse().unwrap();
            // Each journey's rounding to the cent moves a channel by less than one cent.
            prop_assert!((got - phi).abs() < js.len() as f64 + 1e-6, "channel {c}: {got} vs {phi}");
        }
    }
}

#[test]
fn markov_reproduces_the_worked_example_of_puzyrov_2019() {
    // google ads (0) x2 converted, mailing (1) converted, google ads > mailing converted, google ads lost.
    let tps = [tp(0, 0.0, 0), tp(1, 0.0, 0), tp(2, 0.0, 1), tp(3, 0.0, 0), tp(3, 1.0, 1), tp(4, 0.0, 0)];
    let outs = [outcome(0, 1000), outcome(1, 1000), outcome(2, 1000), outcome(3, 1000), outcome(4, 0)];
    let data = Journeys::new(&["google_ads", "mailing"], &labels("j", 5), &tps, &outs, &[], 2).unwrap();
    let r = attribute(&data, &[AttributionModel::Markov], &AttributionOptions::default()).unwrap();
    let e = r.removal_effects.unwrap();
    assert!((e.conversion_probability - 0.8).abs() < 1e-15);
    assert!((e.removal_effects[0] - 0.75).abs() < 1e-15 && (e.removal_effects[1] - 0.5).abs() < 1e-15);
    assert_eq!(r.channels[0].conversions[0], Decimal::new(24, 1));
    assert_eq!(r.channels[1].conversions[0], Decimal::new(16, 1));
    assert_eq!((r.channels[0].value[0], r.channels[1].value[0]), (Decimal::new(2400, 2), Decimal::new(1600, 2)));
}

#[test]
fn position_based_one_two_and_five_touches() {
    // 1 touch: 100 %; 2 touches: 50/50; 5 touches: 40 / 6.67 x 3 / 40 of 300.00.
    let tps = [
        tp(0, 0.0, 0),
        tp(1, 0.0, 0),
        tp(1, 1.0, 1),
        tp(2, 0.0, 0),
        tp(2, 1.0, 1),
        tp(2, 2.0, 2),
        tp(2, 3.0, 1),
        tp(2, 4.0, 3),
    ];
    let outs = [outcome(0, 10_000), outcome(1, 10_000), outcome(2, 30_000)];
    let data = Journeys::new(&["a", "b", "c", "d"], &labels("j", 3), &tps, &outs, &[], 2).unwrap();
    let r = attribute(&data, &[AttributionModel::PositionBased], &AttributionOptions::default().with_per_journey(true))
        .unwrap();
    let v: Vec<String> = r.journeys.value[0].iter().map(ToString::to_string).collect();
    // j0: a; j1: a, b; j2: a, b (two middle touches), c (one), d.
    assert_eq!(v, ["100.00", "50.00", "50.00", "120.00", "40.00", "20.00", "120.00"]);
    // 30/50 shares with 20 % in between.
    let shares = PositionShares::new(Decimal::new(3, 1), Decimal::new(5, 1)).unwrap();
    let r = attribute(
        &data,
        &[AttributionModel::PositionBased],
        &AttributionOptions::default().with_position_shares(shares).with_per_journey(true),
    )
    .unwrap();
    let v: Vec<String> = r.journeys.value[0].iter().map(ToString::to_string).collect();
    assert_eq!(v, ["100.00", "37.50", "62.50", "90.00", "40.00", "20.00", "150.00"]);
    assert_eq!(PositionShares::new(Decimal::new(6, 1), Decimal::new(5, 1)).unwrap_err().field(), "last_share");
    assert_eq!(PositionShares::new(Decimal::new(1, 7), Decimal::ZERO).unwrap_err().field(), "first_share");
}

#[test]
fn last_non_direct_skips_direct_unless_all_direct() {
    let tps = [tp(0, 0.0, 0), tp(0, 1.0, 1), tp(1, 0.0, 1), tp(1, 1.0, 1)];
    let data =
        Journeys::new(&["ads", "direct"], &labels("j", 2), &tps, &[outcome(0, 500), outcome(1, 700)], &[], 2).unwrap();
    let r = attribute(
        &data,
        &[AttributionModel::LastNonDirect, AttributionModel::LastTouch],
        &AttributionOptions::default(),
    )
    .unwrap();
    assert_eq!(
        r.credit(AttributionModel::LastNonDirect).unwrap(),
        [("ads", Decimal::ONE, Decimal::new(500, 2)), ("direct", Decimal::ONE, Decimal::new(700, 2))]
    );
    let renamed = AttributionOptions::default().with_direct_channel("ads");
    let r = attribute(&data, &[AttributionModel::LastNonDirect], &renamed).unwrap();
    assert_eq!(r.channels[1].value[0], Decimal::new(1200, 2));
    assert!(r.credit(AttributionModel::Markov).is_none());
}

#[test]
fn time_decay_halves_per_half_life_before_the_conversion() {
    // Touches 14, 7 and 0 days before the conversion: weights 1/4, 1/2, 1 of 7.00 -> 1.00, 2.00, 4.00.
    let tps = [tp(0, 0.0, 0), tp(0, 7.0, 1), tp(0, 14.0, 2)];
    let outs = [Outcome { journey: 0, converted: true, value: Decimal::new(7, 0), conversion_time_days: Some(14.0) }];
    let data = Journeys::new(&["a", "b", "c"], &["j"], &tps, &outs, &[], 2).unwrap();
    let r = attribute(&data, &[AttributionModel::TimeDecay], &AttributionOptions::default()).unwrap();
    let v: Vec<String> = r.channels.iter().map(|c| c.value[0].to_string()).collect();
    assert_eq!(v, ["1.00", "2.00", "4.00"]);
    let half = AttributionOptions::default().with_half_life_days(14.0).unwrap();
    let r = attribute(&data, &[AttributionModel::TimeDecay], &half).unwrap();
    // Weights 1/2, 1/sqrt(2), 1 of 7.00: 1.5858, 2.2426, 3.1716; the spare cent to the largest remainder.
    let v: Vec<String> = r.channels.iter().map(|c| c.value[0].to_string()).collect();
    assert_eq!(v, ["1.59", "2.24", "3.17"]);
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert_eq!(AttributionOptions::default().with_half_life_days(bad).unwrap_err().field(), "half_life_days");
    }
}

#[test]
fn costs_are_summed_per_channel() {
    let tps = [
        Touchpoint { journey: 0, time_days: 0.0, channel: 0, cost: Some(Decimal::new(150, 2)) },
        Touchpoint { journey: 0, time_days: 1.0, channel: 0, cost: Some(Decimal::new(250, 2)) },
        Touchpoint { journey: 0, time_days: 1.0, channel: 1, cost: None },
    ];
    let data =
        Journeys::new(&["ads", "email"], &["j"], &tps, &[outcome(0, 100)], &[(1, Decimal::new(10, 0))], 2).unwrap();
    let r = attribute(&data, &[AttributionModel::Linear], &AttributionOptions::default()).unwrap();
    assert_eq!((r.channels[0].cost, r.channels[1].cost), (Decimal::new(400, 2), Decimal::new(10, 0)));
    assert_eq!((r.channels[0].touchpoints, r.channels[0].journeys), (2, 1));
}

#[test]
fn caps_and_model_lists_are_checked_first() {
    let tps: Vec<Touchpoint> = (0..=MAX_JOURNEY_TOUCHPOINTS).map(|i| tp(0, i as f64, 0)).collect();
    let err = Journeys::new(&["a"], &["j"], &tps, &[outcome(0, 1)], &[], 2).unwrap_err();
    assert_eq!((err.row, err.error.field()), (Some(MAX_JOURNEY_TOUCHPOINTS), "touchpoints.journey"));
    let data = Journeys::new(&["a"], &["j"], &tps[..3], &[outcome(0, 1)], &[], 2).unwrap();
    assert_eq!(attribute(&data, &[], &AttributionOptions::default()).unwrap_err().error.field(), "models");
    let twice = [AttributionModel::Linear, AttributionModel::Linear];
    assert_eq!(attribute(&data, &twice, &AttributionOptions::default()).unwrap_err().error.field(), "models");
    let many = labels("c", 201);
    let tps: Vec<Touchpoint> = (0..201).map(|c| tp(0, 0.0, c)).collect();
    let data = Journeys::new(&many, &["j"], &tps, &[outcome(0, 1)], &[], 2).unwrap();
    let err = attribute(&data, &[AttributionModel::Markov], &AttributionOptions::default()).unwrap_err();
    assert_eq!(err.error.field(), "channels");
    assert!(attribute(&data, &[AttributionModel::Shapley], &AttributionOptions::default()).is_ok());
    assert_eq!("markov".parse::<AttributionModel>().unwrap(), AttributionModel::Markov);
    assert_eq!("u_shaped".parse::<AttributionModel>().unwrap_err().field(), "models");
    let err = Journeys::new(&["a", "a"], &["j"], &tps[..1], &[outcome(0, 1)], &[], 2).unwrap_err();
    assert_eq!(err.error.field(), "channels");
    let err = Journeys::new(&["a"], &["j"], &tps[..1], &[outcome(0, 1)], &[], 13).unwrap_err();
    assert_eq!(err.error.field(), "decimals");
}

#[test]
fn messages_name_the_table_the_row_and_the_value() {
    let tps = [tp(0, 0.0, 0), tp(0, 9.0, 0)];
    let outs = [Outcome { journey: 0, converted: true, value: Decimal::ONE, conversion_time_days: Some(5.0) }];
    let err = Journeys::new(&["ads"], &["lead-7"], &tps, &outs, &[], 2).unwrap_err();
    assert_eq!(
        err.to_string(),
        "row 1: touchpoints.timestamp = 9 (journey 'lead-7' converted at 5) is out of range: expected at or before the journey's conversion time"
    );
    let err =
        Journeys::new(&["ads"], &["lead-7", "lead-8"], &tps[..1], &[outcome(0, 1), outcome(1, 0)], &[], 2).unwrap_err();
    assert_eq!(
        err.to_string(),
        "row 1: outcomes.journey = 'lead-8' is out of range: expected a journey with at least one touchpoint"
    );
}
