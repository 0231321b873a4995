//! Lead valuation: the seed examples, exact shrinkage, the spread warning, account vs naive sum,
//! campaign ranking, error kinds, and property tests (shrunk rate between raw and prior, account probability
//! bounds, zombie leads worth 0, f64 agreeing with Decimal).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ltv_core::{
    AccountRules, CampaignRanking, Days, Decimal, Fraction, LeadCohortObservation, LeadObservation, LeadRules,
    LeadStepKind, LtvBasis, LtvError, Money, Months, PriorRate, SegmentOptions, Shrinkage, WarningKind, account_value,
    benchmarks, compare_campaigns, explain_lead_value, lead_cohorts, segment_table, shrunk_conversion_rate,
};
use proptest::prelude::*;
use rust_decimal_macros::dec;

fn lead(segment: usize, converted: bool, ltv: Decimal, cost: Decimal) -> LeadObservation {
    LeadObservation {
        segment,
        converted,
        customer_ltv: converted.then_some(ltv),
        cost_per_lead: cost,
        days_to_close: converted.then_some(dec!(30)),
    }
}

fn seg(n: usize, conv: usize, segment: usize, ltv: Decimal, cost: Decimal) -> impl Iterator<Item = LeadObservation> {
    (0..n).map(move |i| lead(segment, i < conv, ltv, cost))
}

#[test]
fn seed_lead_ltv_net_zombie_discount() {
    let rules = LeadRules::default();
    let p = Fraction::new(dec!(0.05)).unwrap();
    let ltv = Money::new(dec!(20000)).unwrap();
    // Lead LTV = 5 % x 20,000 = 1,000 (closing within 12 months: not discounted).
    let v =
        explain_lead_value(ltv, p, Months::new(dec!(3)).unwrap(), Days::new(dec!(30)).unwrap(), None, rules).unwrap();
    assert_eq!(v.value, dec!(1000));
    assert_eq!(v.discount_factor, dec!(1));
    // Net lead LTV: minus 150 nurture.
    let nurture = Some(Money::new(dec!(150)).unwrap());
    let v = explain_lead_value(ltv, p, Months::new(dec!(3)).unwrap(), Days::new(dec!(30)).unwrap(), nurture, rules)
        .unwrap();
    assert_eq!(v.value, dec!(850));
    assert_eq!(
        v.steps.iter().map(|s| s.kind).collect::<Vec<_>>(),
        [LeadStepKind::Base, LeadStepKind::Discount, LeadStepKind::NurtureCost, LeadStepKind::Zombie]
    );
    assert_eq!(v.steps[2].effect, dec!(-150));
    // Zombie at 180 days: 0, and the step says so.
    let v = explain_lead_value(ltv, p, Months::new(dec!(3)).unwrap(), Days::new(dec!(180)).unwrap(), nurture, rules)
        .unwrap();
    assert_eq!(v.value, Decimal::ZERO);
    assert!(v.zombie);
    assert_eq!(v.steps[3].effect, dec!(-850));
    assert!(v.explain().contains("a zombie lead, worth 0"), "{v}");
    // Discount beyond 12 months: 36 months at 10 %/yr divides by 1.331.
    let v =
        explain_lead_value(ltv, p, Months::new(dec!(36)).unwrap(), Days::new(dec!(1)).unwrap(), None, rules).unwrap();
    assert_eq!(v.value.round_dp(6), (dec!(1000) / dec!(1.331)).round_dp(6));
    assert!(v.to_string().lines().count() == 4, "{v}");
}

#[test]
fn seed_bid_cap_in_the_segment_table() {
    // 100 leads, 5 sales at 20,000, no shrinkage: lead LTV 1,000; bid cap at 3:1 = 333.33; CPL 250 -> 4:1 healthy.
    let t = segment_table(
        &["ads"],
        seg(100, 5, 0, dec!(20000), dec!(250)),
        SegmentOptions::default().with_shrinkage(Shrinkage::none()),
    )
    .unwrap();
    let r = &t.rows[0];
    assert_eq!(r.lead_ltv, dec!(1000));
    assert_eq!(r.bid_cap.round_dp(2), dec!(333.33));
    assert_eq!(r.cost_per_lead, dec!(250));
    let ratio = r.ltv_cpl.unwrap();
    assert_eq!(ratio.ratio, dec!(4));
    assert_eq!(ratio.band.as_str(), "healthy");
    assert_eq!(r.avg_days_to_close, Some(dec!(30)));
    assert!(t.warnings.is_empty());
}

#[test]
fn shrinkage_three_leads_one_sale_exact() {
    let saas = benchmarks::conversion_rate("saas").unwrap();
    let rate = shrunk_conversion_rate(1, 3, dec!(20), saas).unwrap();
    assert_eq!(rate, dec!(1.34) / dec!(23));
    assert_eq!(rate.round_dp(4), dec!(0.0583));
    // In a table with a fixed benchmark prior, raw and shrunk side by side.
    let mut leads: Vec<_> = seg(3, 1, 0, dec!(12000), dec!(100)).collect();
    leads.extend(seg(200, 4, 1, dec!(12000), dec!(100)));
    let options = SegmentOptions::default().with_shrinkage(Shrinkage::new(dec!(20), PriorRate::Fixed(saas)).unwrap());
    let t = segment_table(&["podcast", "ads"], leads, options).unwrap();
    assert_eq!(t.prior_rate, dec!(0.017));
    assert_eq!(t.rows[0].conversion_rate.round_dp(4), dec!(0.3333));
    assert_eq!(t.rows[0].shrunk_rate, dec!(1.34) / dec!(23));
    assert_eq!(t.rows[1].shrunk_rate, dec!(4.34) / dec!(220));
}

#[test]
fn spread_warning_is_data() {
    let mut leads: Vec<_> = seg(10, 5, 0, dec!(50000), dec!(10)).collect();
    leads.extend(seg(10, 1, 1, dec!(10000), dec!(10)));
    let t = segment_table(&["enterprise", "smb"], leads, SegmentOptions::default().with_shrinkage(Shrinkage::none()))
        .unwrap();
    // 25,000 vs 1,000: 25x.
    assert_eq!(t.warnings.len(), 1);
    let w = &t.warnings[0];
    assert_eq!(w.kind, WarningKind::LeadLtvSpread);
    assert_eq!(w.metric, "lead_ltv");
    assert_eq!(w.max_segment.as_deref(), Some("enterprise"));
    assert_eq!(w.min_segment.as_deref(), Some("smb"));
    assert_eq!(w.ratio, Some(dec!(25)));
    assert!(w.message.contains("25.0x spread"), "{}", w.message);
    // 9.9x is below the threshold: no warning.
    let mut leads: Vec<_> = seg(10, 5, 0, dec!(19800), dec!(10)).collect();
    leads.extend(seg(10, 1, 1, dec!(10000), dec!(10)));
    let t = segment_table(&["a", "b"], leads, SegmentOptions::default().with_shrinkage(Shrinkage::none())).unwrap();
    assert!(t.warnings.is_empty());
}

#[test]
fn zero_conversions_use_pooled_ltv_with_a_warning() {
    let mut leads: Vec<_> = seg(10, 2, 0, dec!(5000), dec!(10)).collect();
    leads.extend(seg(10, 0, 1, dec!(0), dec!(10)));
    let t = segment_table(&["a", "b"], leads, SegmentOptions::default()).unwrap();
    let b = &t.rows[1];
    assert_eq!(b.avg_customer_ltv, None);
    assert_eq!(b.ltv_basis, LtvBasis::Pooled);
    // Shrunk toward the blended 10 %: (0 + 20 x 0.1) / 30; x pooled 5,000.
    assert_eq!(b.lead_ltv, dec!(2) / dec!(30) * dec!(5000));
    assert!(t.warnings.iter().any(|w| w.kind == WarningKind::NoConversions && w.segment.as_deref() == Some("b")));
    // Without shrinkage its lead LTV is a measured 0: the spread is unbounded and said so.
    let mut leads: Vec<_> = seg(10, 2, 0, dec!(5000), dec!(10)).collect();
    leads.extend(seg(10, 0, 1, dec!(0), dec!(10)));
    let t = segment_table(&["a", "b"], leads, SegmentOptions::default().with_shrinkage(Shrinkage::none())).unwrap();
    let w = &t.warnings[0];
    assert_eq!((w.kind, w.ratio, w.min_segment.as_deref()), (WarningKind::LeadLtvSpread, None, Some("b")));
    assert!(w.message.contains("unbounded"));
}

#[test]
fn account_versus_naive_sum() {
    let ps: Vec<_> = [dec!(0.3), dec!(0.3), dec!(0.3)].iter().map(|p| Fraction::new(*p).unwrap()).collect();
    let ltv = Money::new(dec!(100000)).unwrap();
    let m = Months::new(dec!(6)).unwrap();
    let days = Days::new(dec!(5)).unwrap();
    let v = account_value(&ps, ltv, m, days, LeadRules::default(), AccountRules::default()).unwrap();
    // 1 - 0.7^3 = 0.657, x 1.2 = 0.7884.
    assert_eq!(v.p_any, dec!(0.657));
    assert_eq!(v.p_account, dec!(0.7884));
    assert_eq!(v.value, dec!(78840));
    assert_eq!(v.naive_sum, dec!(90000));
    assert_eq!(v.difference, dec!(11160));
    assert!(!v.capped);
    // No committee multiplier below 3 stakeholders; a custom rule changes it.
    let v = account_value(&ps[..2], ltv, m, days, LeadRules::default(), AccountRules::default()).unwrap();
    assert_eq!((v.multiplier, v.p_account), (dec!(1), dec!(0.51)));
    let rules = AccountRules::new(2, dec!(1.5)).unwrap();
    let v = account_value(&ps[..2], ltv, m, days, LeadRules::default(), rules).unwrap();
    assert_eq!(v.p_account, dec!(0.765));
    // Capped at 1 and reported.
    let high: Vec<_> = [dec!(0.9); 3].iter().map(|p| Fraction::new(*p).unwrap()).collect();
    let v = account_value(&high, ltv, m, days, LeadRules::default(), AccountRules::default()).unwrap();
    assert!(v.capped);
    assert_eq!((v.p_uncapped, v.p_account, v.value), (dec!(1.1988), dec!(1), dec!(100000)));
}

#[test]
fn campaign_ranking_ties_by_name() {
    let d = |v: i64| Decimal::new(v, 0);
    let rows = compare_campaigns(
        &["zeta", "alpha", "mid"],
        &[0, 1, 2, 2],
        &[d(500), d(500), d(100), d(100)],
        &[d(50), d(100), d(0), d(0)],
        CampaignRanking::TotalValue,
    )
    .unwrap();
    let names: Vec<_> = rows.iter().map(|r| (r.rank, r.campaign.as_str())).collect();
    assert_eq!(names, [(1, "alpha"), (2, "zeta"), (3, "mid")]);
    let rows = compare_campaigns(
        &["zeta", "alpha", "mid"],
        &[0, 1, 2, 2],
        &[d(500), d(500), d(100), d(100)],
        &[d(50), d(100), d(0), d(0)],
        CampaignRanking::ValuePerCost,
    )
    .unwrap();
    let names: Vec<_> = rows.iter().map(|r| (r.campaign.as_str(), r.value_per_cost)).collect();
    assert_eq!(names, [("zeta", Some(d(10))), ("alpha", Some(d(5))), ("mid", None)]);
}

#[test]
fn cohorts_by_month() {
    let obs = |channel, month, converted: bool| LeadCohortObservation {
        channel,
        month,
        converted,
        customer_ltv: converted.then_some(dec!(1000)),
    };
    let leads = vec![obs(1, 5, true), obs(0, 3, false), obs(0, 3, true), obs(0, 4, false), obs(1, 5, false)];
    let rows = lead_cohorts(&["ads", "seo"], leads, Shrinkage::default()).unwrap();
    let keys: Vec<_> = rows.iter().map(|r| (r.channel.as_str(), r.month, r.leads, r.conversions)).collect();
    assert_eq!(keys, [("ads", 3, 2, 1), ("ads", 4, 1, 0), ("seo", 5, 2, 1)]);
    // ads has 1 in 3 overall: month 4 (0 of 1) shrinks to (0 + 20/3) / 21.
    assert_eq!(rows[1].shrunk_rate.round_dp(20), (dec!(20) / dec!(3) / dec!(21)).round_dp(20));
    assert_eq!(rows[1].ltv_basis, LtvBasis::Pooled);
}

#[test]
fn errors_name_kind_field_and_row() {
    let bad = vec![lead(0, true, dec!(1), dec!(1)), lead(3, false, dec!(0), dec!(1))];
    let e = segment_table(&["a"], bad, SegmentOptions::default()).unwrap_err();
    assert_eq!((e.row, e.error.kind(), e.error.field()), (Some(1), "invalid_input", "segment"));
    assert!(e.to_string().starts_with("row 1: segment = 3 is out of range"), "{e}");
    let e = segment_table::<Decimal, &str, _>(&["a"], Vec::new(), SegmentOptions::default()).unwrap_err();
    assert_eq!((e.row, e.error.kind()), (None, "undefined"));
    let mut days_bad = lead(0, true, dec!(1), dec!(1));
    days_bad.days_to_close = Some(dec!(-2));
    let e = segment_table(&["a"], vec![days_bad], SegmentOptions::default()).unwrap_err();
    assert_eq!((e.row, e.error.field()), (Some(0), "days_to_close"));
    let e = segment_table(&["a"], vec![lead(0, true, dec!(-5), dec!(1))], SegmentOptions::default()).unwrap_err();
    assert_eq!((e.row, e.error.field()), (Some(0), "customer_ltv"));
    assert!(matches!(
        AccountRules::new(3, dec!(0.9)),
        Err(LtvError::InvalidInput { field: "committee_multiplier", .. })
    ));
    assert!(matches!(Shrinkage::new(dec!(-1), PriorRate::Blended), Err(LtvError::InvalidInput { .. })));
    let e = compare_campaigns(&["a"], &[0, 0], &[dec!(1)], &[dec!(1), dec!(1)], CampaignRanking::TotalValue);
    assert_eq!(e.unwrap_err().error.field(), "values");
    let e = compare_campaigns(&["a"], &[0], &[f64::NAN], &[1.0], CampaignRanking::TotalValue).unwrap_err();
    assert_eq!((e.row, e.error.kind()), (Some(0), "not_finite"));
}

#[test]
fn benchmarks_have_sources() {
    let all = benchmarks::all();
    assert!(all.len() >= 16);
    for b in &all {
        assert!(!b.source.is_empty() && b.value > Decimal::ZERO, "{b:?}");
    }
    assert_eq!(benchmarks::find("cost_per_lead", "healthcare").unwrap().value, dec!(126));
    assert_eq!(benchmarks::find("median_ltv_cac", "mid_market").unwrap().value, dec!(3.5));
    assert!(benchmarks::find("cost_per_lead", "mars").is_none());
}

fn f(x: Decimal) -> f64 {
    x.to_string().parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn shrunk_rate_lies_between_raw_and_prior(leads in 1_u32..10_000, c in 0_u32..10_000, k in 0_u32..500, p in 0_i64..=10_000) {
        let c = c % (leads + 1);
        let prior = Decimal::new(p, 4);
        let rate = shrunk_conversion_rate(c, leads, Decimal::from(k), Fraction::new(prior).unwrap()).unwrap();
        let raw = Decimal::from(c) / Decimal::from(leads);
        let (lo, hi) = if raw < prior { (raw, prior) } else { (prior, raw) };
        prop_assert!(lo <= rate && rate <= hi, "{rate} not in [{lo}, {hi}]");
        let rate64 = shrunk_conversion_rate(c, leads, f64::from(k), Fraction::new(f(prior)).unwrap()).unwrap();
        prop_assert!((rate64 - f(rate)).abs() <= 1e-12);
    }

    #[test]
    fn account_probability_at_least_max_and_at_most_one(
        ps in prop::collection::vec(0_i64..=10_000, 1..8),
        mult in 100_i64..300,
        size in 1_u32..6,
    ) {
        let ps: Vec<_> = ps.iter().map(|p| Fraction::new(Decimal::new(*p, 4)).unwrap()).collect();
        let max = ps.iter().map(|p| p.get()).max().unwrap();
        let rules = AccountRules::new(size, Decimal::new(mult, 2)).unwrap();
        let ltv = Money::new(dec!(1000)).unwrap();
        let v = account_value(&ps, ltv, Months::new(dec!(1)).unwrap(), Days::new(dec!(0)).unwrap(), LeadRules::default(), rules).unwrap();
        prop_assert!(v.p_account >= max && v.p_account <= Decimal::ONE);
        prop_assert!(v.p_any >= max && v.p_any <= Decimal::ONE);
        prop_assert_eq!(v.capped, v.p_uncapped > Decimal::ONE);
        let ps64: Vec<_> = ps.iter().map(|p| Fraction::new(f(p.get())).unwrap()).collect();
        let rules64 = AccountRules::new(size, f(Decimal::new(mult, 2))).unwrap();
        let v64 = account_value(&ps64, Money::new(1000.0).unwrap(), Months::new(1.0).unwrap(), Days::new(0.0).unwrap(), LeadRules::default(), rules64).unwrap();
        let max64 = ps64.iter().map(|p| p.get()).fold(0.0, f64::max);
        prop_assert!(v64.p_account >= max64 && v64.p_account <= 1.0);
    }

    #[test]
    fn zombies_are_worth_zero(days in 180_i64..100_000, p in 0_i64..=100, ltv in 0_i64..10_000_000, months in 0_i64..120, nurture in 0_i64..1_000) {
        let rules = LeadRules::default();
        let d = Days::new(Decimal::from(days)).unwrap();
        let m = Months::new(Decimal::from(months)).unwrap();
        let p = Fraction::new(Decimal::new(p, 2)).unwrap();
        let money = Money::new(Decimal::from(ltv)).unwrap();
        let v = explain_lead_value(money, p, m, d, Some(Money::new(Decimal::from(nurture)).unwrap()), rules).unwrap();
        prop_assert_eq!(v.value, Decimal::ZERO);
        prop_assert!(v.zombie);
        let a = account_value(&[p, p, p], money, m, d, rules, AccountRules::default()).unwrap();
        prop_assert_eq!((a.value, a.naive_sum), (Decimal::ZERO, Decimal::ZERO));
    }

    #[test]
    fn segment_table_f64_agrees_with_decimal(
        leads in prop::collection::vec((0_usize..3, any::<bool>(), 0_i64..1_000_000, 0_i64..50_000), 1..60),
        k in 0_u32..50,
    ) {
        prop_assume!(leads.iter().any(|l| l.1));
        let dec_leads = leads.iter().map(|&(s, c, ltv, cost)| lead(s, c, Decimal::new(ltv, 2), Decimal::new(cost, 2)));
        let f_leads = leads.iter().map(|&(s, c, ltv, cost)| LeadObservation {
            segment: s,
            converted: c,
            customer_ltv: c.then(|| f(Decimal::new(ltv, 2))),
            cost_per_lead: f(Decimal::new(cost, 2)),
            days_to_close: c.then_some(30.0),
        });
        let labels = ["a", "b", "c"];
        let opt = SegmentOptions::default().with_shrinkage(Shrinkage::new(Decimal::from(k), PriorRate::Blended).unwrap());
        let opt64 = SegmentOptions::default().with_shrinkage(Shrinkage::new(f64::from(k), PriorRate::Blended).unwrap());
        let t = segment_table(&labels, dec_leads, opt).unwrap();
        let t64 = segment_table(&labels, f_leads, opt64).unwrap();
        prop_assert_eq!(t.rows.len(), t64.rows.len());
        for (r, r64) in t.rows.iter().zip(&t64.rows) {
            let close = |a: Decimal, b: f64| (f(a) - b).abs() <= 1e-9 * f(a).abs().max(1.0);
            prop_assert!(close(r.lead_ltv, r64.lead_ltv) && close(r.shrunk_rate, r64.shrunk_rate) && close(r.bid_cap, r64.bid_cap));
            prop_assert!(r.lead_ltv >= Decimal::ZERO);
        }
        prop_assert_eq!(t.warnings.len(), t64.warnings.len());
    }
}

#[test]
fn option_enums_have_one_string_form() {
    fn check<E>(all: &[E], field: &str, allowed: &str)
    where
        E: Copy + PartialEq + std::fmt::Debug + std::fmt::Display + std::str::FromStr<Err = LtvError>,
    {
        for &option in all {
            assert_eq!(option.to_string().parse::<E>().unwrap(), option);
        }
        let err = "nonsense".parse::<E>().unwrap_err();
        assert_eq!((err.kind(), err.field(), err.value()), ("invalid_input", field, Some("'nonsense'")));
        assert_eq!(err.to_string(), format!("{field} = 'nonsense' is out of range: expected {allowed}"));
    }
    use ltv_core::cohort::PeriodUnit;
    check(CampaignRanking::ALL, "rank_by", "'total_value', 'value_per_cost' or 'value_per_lead'");
    check(LtvBasis::ALL, "ltv_basis", "'segment' or 'pooled'");
    check(
        WarningKind::ALL,
        "kind",
        "'lead_ltv_spread', 'no_conversions', 'short_history', 'few_conversions' or 'open_conversion_window'",
    );
    check(LeadStepKind::ALL, "kind", "'base', 'discount', 'nurture_cost' or 'zombie'");
    check(PeriodUnit::ALL, "unit", "'month', 'week', 'day', 'quarter' or 'year'");
    assert_eq!(CampaignRanking::ValuePerCost.as_str(), "value_per_cost");
    assert_eq!(LeadStepKind::NurtureCost.as_str(), "nurture_cost");
    assert_eq!(CampaignRanking::default(), CampaignRanking::TotalValue);
}

#[cfg(feature = "serde")]
#[test]
fn option_enums_serialize_as_their_string() {
    use ltv_core::cohort::PeriodUnit;
    assert_eq!(serde_json::to_string(&CampaignRanking::ValuePerLead).unwrap(), "\"value_per_lead\"");
    assert_eq!(serde_json::to_string(&PeriodUnit::Week).unwrap(), "\"week\"");
    assert_eq!(serde_json::from_str::<LtvBasis>("\"pooled\"").unwrap(), LtvBasis::Pooled);
    assert_eq!(serde_json::from_str::<WarningKind>("\"no_conversions\"").unwrap(), WarningKind::NoConversions);
    assert_eq!(serde_json::from_str::<LeadStepKind>("\"zombie\"").unwrap(), LeadStepKind::Zombie);
    let err = serde_json::from_str::<PeriodUnit>("\"hour\"").unwrap_err().to_string();
    assert!(
        err.contains("unit = 'hour' is out of range: expected 'month', 'week', 'day', 'quarter' or 'year'"),
        "{err}"
    );
}

#[test]
#[allow(deprecated)]
fn value_lead_is_explain_lead_value_with_the_probability_first() {
    let (p, ltv) = (Fraction::new(dec!(0.05)).unwrap(), Money::new(dec!(20000)).unwrap());
    let (m, d) = (Months::new(dec!(24)).unwrap(), Days::new(dec!(30)).unwrap());
    let nurture = Some(Money::new(dec!(100)).unwrap());
    let old = ltv_core::value_lead(p, ltv, m, d, nurture, LeadRules::default()).unwrap();
    let new = explain_lead_value(ltv, p, m, d, nurture, LeadRules::default()).unwrap();
    assert_eq!(old, new);
    assert_eq!(ltv_core::leads::value_lead(p, ltv, m, d, nurture, LeadRules::default()).unwrap(), new);
    // The explained value is lead_value's number, net of the nurture cost.
    let plain = ltv_core::lead_value(ltv, p, m, d, LeadRules::default()).unwrap();
    assert_eq!(new.value, plain - dec!(100));
}
