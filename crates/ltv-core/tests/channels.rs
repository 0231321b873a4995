//! Channel value: ROAS and payback by channel, and the data-sufficiency warnings. Every expected value is
//! computed by hand in the comments.

use ltv_core::{
    AcquiredCustomer, ChannelMargin, ChannelSpend, Decimal, LtvError, RoasOptions, SufficiencyObservation,
    SufficiencyOptions, WarningKind, channel_roas, sufficiency_warnings,
};
use proptest::prelude::*;

fn d(v: i64) -> Decimal {
    Decimal::new(v, 0)
}

fn spend(channel: usize, v: i64) -> ChannelSpend {
    ChannelSpend { channel, spend: d(v) }
}

fn customer(channel: usize, short: i64, ltv: i64) -> AcquiredCustomer {
    AcquiredCustomer { channel, short_window_revenue: d(short), lifetime_value: d(ltv) }
}

fn margin(channel: usize, month: u32, v: i64) -> ChannelMargin {
    ChannelMargin { channel, month, margin: d(v) }
}

const LABELS: [&str; 4] = ["a", "b", "c", "d"];

#[test]
fn roas_payback_and_flag_by_hand() {
    // a: spend 600 + 400 = 1,000; 4 customers, 30-day revenue 100 + 150 + 50 + 200 = 500 (ROAS 0.5), LTV
    //    1,000 + 1,500 + 500 + 1,000 = 4,000 (LTV ROAS 4): poor at 30 days, good on lifetime value -> flagged.
    //    Margin 300, 300, (none), 500 in months 1..4: cumulative 300, 600, 600, 1,100 -> payback month 4.
    // b: spend 200, 1 customer 300 / 400: ROAS 1.5, LTV ROAS 2, not flagged; margin 100 never covers 200.
    // c: no spend, 1 customer: ROAS undefined, payback month 0, not flagged.  d: nothing -> no row.
    let rows = channel_roas(
        &LABELS,
        [spend(0, 600), spend(1, 200), spend(0, 400)],
        [
            customer(0, 100, 1_000),
            customer(0, 150, 1_500),
            customer(1, 300, 400),
            customer(0, 50, 500),
            customer(0, 200, 1_000),
            customer(2, 10, 90),
        ],
        [margin(0, 1, 300), margin(0, 2, 300), margin(0, 4, 500), margin(1, 1, 100)],
        RoasOptions::default(),
    )
    .unwrap();
    let names: Vec<_> = rows.iter().map(|r| r.channel.as_str()).collect();
    assert_eq!(names, ["a", "b", "c"]);
    let a = &rows[0];
    assert_eq!((a.customers, a.spend, a.short_window_revenue, a.lifetime_value), (4, d(1_000), d(500), d(4_000)));
    assert_eq!((a.short_roas, a.ltv_roas), (Some(Decimal::new(5, 1)), Some(d(4))));
    assert_eq!((a.payback_month, a.undervalued_short_term), (Some(4), true));
    let b = &rows[1];
    assert_eq!((b.short_roas, b.ltv_roas), (Some(Decimal::new(15, 1)), Some(d(2))));
    assert_eq!((b.payback_month, b.undervalued_short_term), (None, false));
    let c = &rows[2];
    assert_eq!((c.short_roas, c.ltv_roas, c.payback_month, c.undervalued_short_term), (None, None, Some(0), false));
}

#[test]
fn flag_thresholds_are_configurable() {
    // b (ROAS 1.5, LTV ROAS 2) is flagged once short ROAS below 2 is "poor" and LTV ROAS 2 is "good".
    let options = RoasOptions::new(d(2), d(2)).unwrap();
    let rows = channel_roas(&LABELS, [spend(1, 200)], [customer(1, 300, 400)], [], options).unwrap();
    assert!(rows[0].undervalued_short_term);
    // At the boundary: short ROAS equal to the threshold is not "below".
    let options = RoasOptions::new(Decimal::new(15, 1), d(2)).unwrap();
    let rows = channel_roas(&LABELS, [spend(1, 200)], [customer(1, 300, 400)], [], options).unwrap();
    assert!(!rows[0].undervalued_short_term);
    assert_eq!(RoasOptions::new(d(-1), d(3)).unwrap_err().field(), "short_roas_below");
}

#[test]
fn roas_errors_name_the_row() {
    let err = channel_roas(&LABELS, [spend(0, 10), spend(0, -5)], [], [], RoasOptions::default()).unwrap_err();
    assert_eq!((err.row, err.error.field()), (Some(1), "spend"));
    let err = channel_roas(&LABELS, [spend(0, 10), spend(7, 5)], [], [], RoasOptions::default()).unwrap_err();
    assert_eq!((err.row, err.error.field()), (Some(1), "spend_channel"));
    let err =
        channel_roas(&LABELS, [], [customer(0, 1, 1), customer(9, 1, 1)], [], RoasOptions::default()).unwrap_err();
    assert_eq!((err.row, err.error.field()), (Some(1), "customer_channel"));
    let err = channel_roas(&LABELS, [], [customer(0, -1, 1)], [], RoasOptions::default()).unwrap_err();
    assert_eq!((err.row, err.error.field()), (Some(0), "short_window_revenue"));
    let err = channel_roas(&LABELS, [spend(0, 1)], [], [margin(0, 0, 1)], RoasOptions::default()).unwrap_err();
    assert_eq!((err.row, err.error.field()), (Some(0), "month"));
    let err = channel_roas(&LABELS, [spend(0, 1)], [], [margin(0, 1_201, 1)], RoasOptions::default()).unwrap_err();
    assert_eq!(err.error.field(), "month");
    let err = channel_roas::<Decimal, _, _, _, _>(&LABELS, [], [], [], RoasOptions::default()).unwrap_err();
    assert!(matches!(err.error, LtvError::Undefined { .. }) && err.row.is_none());
    let err = channel_roas(&LABELS, [ChannelSpend { channel: 0, spend: f64::NAN }], [], [], RoasOptions::default())
        .unwrap_err();
    assert_eq!((err.row, err.error.kind()), (Some(0), "not_finite"));
}

fn lead(segment: usize, converted: bool, close: Option<i64>, age: i64) -> SufficiencyObservation {
    SufficiencyObservation { segment, converted, days_to_close: close.map(d), age_days: d(age) }
}

#[test]
fn open_window_warns_above_half() {
    // 1 sale after 10 days (median 10 = the window); unconverted ages 5, 8, 50: 2 of 4 open = 0.5, not above.
    let only = |kind| move |w: &ltv_core::LeadWarning| w.kind == kind;
    let options = SufficiencyOptions::new(d(2), 1, None, Decimal::new(5, 1)).unwrap();
    let mut leads =
        vec![lead(0, true, Some(10), 100), lead(0, false, None, 5), lead(0, false, None, 8), lead(0, false, None, 50)];
    let w = sufficiency_warnings(&LABELS, leads.clone(), options).unwrap();
    assert!(w.is_empty(), "{w:?}");
    // One more lead 2 days old: 3 of 5 open = 0.6 > 0.5.
    leads.push(lead(0, false, None, 2));
    let w = sufficiency_warnings(&LABELS, leads.clone(), options).unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(
        (w[0].kind, w[0].segment.as_deref(), w[0].ratio),
        (WarningKind::OpenConversionWindow, Some("a"), Some(Decimal::new(6, 1)))
    );
    // A 60-day window given explicitly: ages 5, 8, 50, 2 are all open: 4 / 5.
    let wide = SufficiencyOptions::new(d(2), 1, Some(d(60)), Decimal::new(5, 1)).unwrap();
    let w = sufficiency_warnings(&LABELS, leads, wide).unwrap();
    assert_eq!(w.iter().filter(|w| only(WarningKind::OpenConversionWindow)(w)).count(), 1);
    assert_eq!(w[0].ratio, Some(Decimal::new(8, 1)));
}

#[test]
fn short_history_falls_back_to_the_pooled_cycle() {
    // a closes after 10, 20, 30 days (median 20; observed 100 >= 40). b has no close: the pooled median of
    // 10, 20, 30 is 20, two cycles 40 > b's 35 observed days -> short history, ratio 35 / 40 = 0.875.
    // Conversions: a 3 < 30 and b 0 < 30 (ratios 0.1 and 0).
    let leads = [
        lead(0, true, Some(10), 100),
        lead(0, true, Some(20), 90),
        lead(0, true, Some(30), 80),
        lead(1, false, None, 30),
        lead(1, false, None, 35),
    ];
    let w = sufficiency_warnings(&LABELS, leads, SufficiencyOptions::default()).unwrap();
    let got: Vec<_> = w.iter().map(|w| (w.kind, w.segment.as_deref().unwrap_or(""), w.ratio)).collect();
    assert_eq!(
        got,
        [
            (WarningKind::FewConversions, "a", Some(Decimal::new(1, 1))),
            (WarningKind::ShortHistory, "b", Some(Decimal::new(875, 3))),
            (WarningKind::FewConversions, "b", Some(d(0))),
        ]
    );
    assert!(w[1].message.contains("'b'") && w[1].message.contains("40 days"), "{}", w[1].message);
}

#[test]
fn sufficiency_errors_name_the_row() {
    let err = sufficiency_warnings(
        &LABELS,
        [lead(0, false, None, 1), lead(0, false, None, -1)],
        SufficiencyOptions::default(),
    )
    .unwrap_err();
    assert_eq!((err.row, err.error.field()), (Some(1), "age_days"));
    let err = sufficiency_warnings(&LABELS, [lead(5, false, None, 1)], SufficiencyOptions::default()).unwrap_err();
    assert_eq!((err.row, err.error.field()), (Some(0), "segment"));
    let err = sufficiency_warnings(&LABELS, [lead(0, true, Some(-3), 1)], SufficiencyOptions::default()).unwrap_err();
    assert_eq!((err.row, err.error.field()), (Some(0), "days_to_close"));
    assert_eq!(SufficiencyOptions::new(d(2), 30, None, d(2)).unwrap_err().field(), "open_share");
}

proptest! {
    // ROAS scales with 1 / spend: at k x the spend, k x ROAS is the ROAS at the spend (to Decimal's 28 digits).
    #[test]
    fn roas_scales_with_one_over_spend(s in 1_i64..1_000_000, k in 1_i64..1_000, short in 0_i64..1_000_000, ltv in 0_i64..10_000_000) {
        let at = |sp: i64| channel_roas(&LABELS, [spend(0, sp)], [customer(0, short, ltv)], [], RoasOptions::default()).unwrap();
        let (one, many) = (at(s), at(s * k));
        let tol = Decimal::new(1, 18);
        prop_assert!((many[0].short_roas.unwrap() * d(k) - one[0].short_roas.unwrap()).abs() <= tol);
        prop_assert!((many[0].ltv_roas.unwrap() * d(k) - one[0].ltv_roas.unwrap()).abs() <= tol);
    }

    // More margin in any month never delays payback (None = never, the latest).
    #[test]
    fn payback_month_is_monotone_in_margin(
        margins in proptest::collection::vec(0_i64..1_000, 1..40),
        extra in proptest::collection::vec(0_i64..1_000, 40),
        sp in 0_i64..20_000,
    ) {
        let month_of = |bonus: bool| {
            let rows = (0..margins.len()).map(|i| {
                let m = margins[i] + if bonus { extra[i] } else { 0 };
                margin(0, u32::try_from(i + 1).unwrap(), m)
            });
            channel_roas(&LABELS, [spend(0, sp)], [], rows, RoasOptions::default()).unwrap()[0].payback_month
        };
        let (base, more) = (month_of(false), month_of(true));
        prop_assert!(more.unwrap_or(u32::MAX) <= base.unwrap_or(u32::MAX));
    }
}
