//! Property tests: monotonicity and bounds of the formulas, exact inverses, Decimal/f64 agreement, and that no
//! input whatsoever panics.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ltv_core::{
    Churn, ChurnBasis, Days, Decimal, DiscountRate, Fraction, HealthBands, LeadRules, LtvError, Money, Months,
    MrrMovements, Number, PaymentTiming, Period, Ratio, annual_to_monthly_rate, bid_cap, cac_payback_months,
    campaign_value, discounted_ltv, lead_ltv, lead_value, lifespan_from_churn, logo_churn_rate, ltv_cac_ratio, max_cac,
    net_lead_ltv, present_value_lead_ltv, purchase_ltv, retention_cltv, saas_ltv, subscription_ltv,
};
use proptest::prelude::*;
use rust_decimal_macros::dec;

const CASES: u32 = 256;

const TIMINGS: [PaymentTiming; 3] =
    [PaymentTiming::StartOfPeriod, PaymentTiming::EndOfPeriod, PaymentTiming::EndOfPeriodSurvivors];
const BASES: [ChurnBasis; 3] = [ChurnBasis::Logo, ChurnBasis::GrossRevenue, ChurnBasis::NetRevenue];
const PERIODS: [Period; 2] = [Period::Monthly, Period::Annual];

// ------------------------------------------------------------------------------------------------------------
// Strategies.

/// `n / 10^scale` for `n` in `lo..=hi`.
fn dec_in(lo: i64, hi: i64, scale: u32) -> impl Strategy<Value = Decimal> {
    (lo..=hi).prop_map(move |n| Decimal::new(n, scale))
}

/// An amount of money, 0 to 10 million with cents.
fn money() -> impl Strategy<Value = Decimal> {
    dec_in(0, 1_000_000_000, 2)
}

/// A fraction in [0, 1] with 4 decimals.
fn fraction() -> impl Strategy<Value = Decimal> {
    dec_in(0, 10_000, 4)
}

/// A churn rate in (0, 1] with 6 decimals.
fn churn() -> impl Strategy<Value = Decimal> {
    dec_in(1, 1_000_000, 6)
}

/// Any Decimal at all: every bit pattern of the mantissa, either sign, every scale.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
        .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale))
}

/// Awkward Decimals: the extremes, the smallest steps, the edges of every range a field allows.
fn special_decimal() -> impl Strategy<Value = Decimal> {
    prop::sample::select(vec![
        Decimal::MAX,
        Decimal::MIN,
        Decimal::ZERO,
        Decimal::ONE,
        Decimal::NEGATIVE_ONE,
        Decimal::new(1, 28),
        Decimal::new(-1, 28),
        dec!(0.9999999999999999999999999999),
        dec!(1.0000000000000000000000000001),
        dec!(-0.9999999999999999999999999999),
        dec!(-1.0000000000000000000000000001),
        dec!(100),
        dec!(100.0000000000000000000000001),
        dec!(12),
        dec!(180),
        dec!(0.5),
        dec!(2),
        Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 28),
        Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, true, 28),
        Decimal::from_parts(1, 0, 0, false, 0),
    ])
}

/// Everything a caller could pass: extremes, arbitrary bit patterns, and in-range values so that the deep
/// paths of the formulas are reached too.
fn wild_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        3 => special_decimal(),
        3 => any_decimal(),
        2 => fraction(),
        1 => dec_in(-1_000_000, 1_000_000, 6),
        1 => money(),
    ]
}

/// Every f64, with the non-finite and extreme values over-represented.
fn wild_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        2 => prop::sample::select(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            5e-324,
            0.0,
            -0.0,
            1.0,
            -1.0,
            100.0,
            1.0 + f64::EPSILON,
            1.0 - f64::EPSILON / 2.0,
        ]),
        2 => any::<f64>(),
        2 => 0.0f64..=1.0,
        1 => -1.0e6f64..1.0e6,
    ]
}

fn wild_u32() -> impl Strategy<Value = u32> {
    prop_oneof![
        prop::sample::select(vec![0u32, 1, 2, 12, 60, i32::MAX as u32, i32::MAX as u32 + 1, u32::MAX]),
        any::<u32>(),
        0u32..400
    ]
}

// ------------------------------------------------------------------------------------------------------------
// Helpers.

fn m(x: Decimal) -> Money {
    Money::new(x).unwrap()
}

fn fr(x: Decimal) -> Fraction {
    Fraction::new(x).unwrap()
}

/// `a <= b` up to a relative `1e-24` (the last digits of a 28-digit Decimal).
fn le_approx(a: Decimal, b: Decimal) -> bool {
    a <= b || (a - b) <= b.abs() * dec!(0.000000000000000000000001)
}

/// `|a - b| <= tol * max(|a|, |b|)`, or both tiny.
fn rel_close_f64(a: f64, b: f64, tol: f64) -> bool {
    let diff = (a - b).abs();
    diff <= tol * a.abs().max(b.abs()) || diff <= 1e-300
}

fn rel_close_dec(a: Decimal, b: Decimal, tol: Decimal) -> bool {
    let diff = (a - b).abs();
    diff <= tol * a.abs().max(b.abs())
}

fn to_f(x: Decimal) -> f64 {
    Number::to_f64(x)
}

/// Both results agree: equal values within `tol`, or the same error kind.
fn agree(d: ltv_core::Result<Decimal>, f: ltv_core::Result<f64>, tol: f64) -> Result<(), TestCaseError> {
    match (d, f) {
        (Ok(d), Ok(f)) => {
            prop_assert!(rel_close_f64(to_f(d), f, tol), "Decimal {d} vs f64 {f:e}");
        }
        (Err(d), Err(f)) => prop_assert_eq!(d.kind(), f.kind()),
        (d, f) => prop_assert!(false, "Decimal {d:?} vs f64 {f:?}"),
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------------------------
// Monotonicity and bounds.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn saas_ltv_falls_as_churn_rises(arpu in money(), gm in fraction(), c1 in churn(), c2 in churn(),
                                     basis in prop::sample::select(BASES.to_vec())) {
        let (lo, hi) = if c1 <= c2 { (c1, c2) } else { (c2, c1) };
        let at = |c| saas_ltv(m(arpu), fr(gm), Churn::new(c, Period::Monthly, basis).unwrap()).unwrap();
        prop_assert!(at(hi) <= at(lo));
    }

    #[test]
    fn saas_ltv_rises_with_arpu_and_margin(a1 in money(), a2 in money(), g1 in fraction(), g2 in fraction(),
                                           c in churn()) {
        let (alo, ahi) = if a1 <= a2 { (a1, a2) } else { (a2, a1) };
        let (glo, ghi) = if g1 <= g2 { (g1, g2) } else { (g2, g1) };
        let ch = Churn::monthly(c).unwrap();
        let at = |a, g| saas_ltv(m(a), fr(g), ch).unwrap();
        prop_assert!(at(alo, glo) <= at(ahi, glo));
        prop_assert!(at(alo, glo) <= at(alo, ghi));
        prop_assert!(at(alo, glo) <= at(ahi, ghi));
    }

    #[test]
    fn annual_churn_gives_the_same_ordering(a1 in dec_in(1, 9_999, 4), a2 in dec_in(1, 9_999, 4), arpu in money()) {
        let (lo, hi) = if a1 <= a2 { (a1, a2) } else { (a2, a1) };
        let at = |a| saas_ltv(m(arpu), fr(Decimal::ONE), Churn::annual(a).unwrap()).unwrap();
        prop_assert!(le_approx(at(hi), at(lo)));
    }

    #[test]
    fn discounted_never_exceeds_undiscounted(mm in money(), c in churn(), d in dec_in(0, 100_000, 6),
                                             timing in prop::sample::select(TIMINGS.to_vec())) {
        let ch = Churn::monthly(c).unwrap();
        let discounted = discounted_ltv(m(mm), ch, DiscountRate::monthly(d).unwrap(), timing, None).unwrap();
        let undiscounted = discounted_ltv(m(mm), ch, DiscountRate::zero(), timing, None).unwrap();
        prop_assert!(le_approx(discounted, undiscounted), "{discounted} > {undiscounted}");
        // Undiscounted start-of-period is the simple formula m / c.
        if timing == PaymentTiming::StartOfPeriod {
            let simple = saas_ltv(m(mm), fr(Decimal::ONE), ch).unwrap();
            prop_assert!(rel_close_dec(undiscounted, simple, dec!(1e-24)), "{undiscounted} vs {simple}");
        }
    }

    #[test]
    fn discounted_falls_as_the_discount_rate_rises(mm in money(), c in churn(), d1 in dec_in(0, 100_000, 6),
                                                   d2 in dec_in(0, 100_000, 6),
                                                   timing in prop::sample::select(TIMINGS.to_vec())) {
        let (lo, hi) = if d1 <= d2 { (d1, d2) } else { (d2, d1) };
        let ch = Churn::monthly(c).unwrap();
        let at = |d| discounted_ltv(m(mm), ch, DiscountRate::monthly(d).unwrap(), timing, None).unwrap();
        prop_assert!(le_approx(at(hi), at(lo)));
    }

    #[test]
    fn horizon_capped_is_below_uncapped_and_grows_with_the_horizon(
        mm in dec_in(1, 1_000_000_000, 2), c in churn(), d in dec_in(0, 100_000, 6), n1 in 0u32..600,
        n2 in 0u32..600, timing in prop::sample::select(TIMINGS.to_vec()),
    ) {
        let (lo, hi) = if n1 <= n2 { (n1, n2) } else { (n2, n1) };
        let ch = Churn::monthly(c).unwrap();
        let dr = DiscountRate::monthly(d).unwrap();
        let uncapped = discounted_ltv(m(mm), ch, dr, timing, None).unwrap();
        let short = discounted_ltv(m(mm), ch, dr, timing, Some(lo)).unwrap();
        let long = discounted_ltv(m(mm), ch, dr, timing, Some(hi)).unwrap();
        prop_assert!(le_approx(short, long), "horizon {lo}: {short} > horizon {hi}: {long}");
        prop_assert!(le_approx(long, uncapped), "horizon {hi}: {long} > uncapped {uncapped}");
        prop_assert!(short >= Decimal::ZERO);
    }

    #[test]
    fn horizon_values_net_negative_churn_and_grows(mm in dec_in(1, 100_000, 2), c in dec_in(-200, -1, 4),
                                                   n1 in 0u32..240, n2 in 0u32..240) {
        // Net retention above 1 + d: only a horizon values it, and more months are worth more.
        let (lo, hi) = if n1 <= n2 { (n1, n2) } else { (n2, n1) };
        let ch = Churn::new(c, Period::Monthly, ChurnBasis::NetRevenue).unwrap();
        let dr = DiscountRate::zero();
        let at = |n| discounted_ltv(m(mm), ch, dr, PaymentTiming::StartOfPeriod, n);
        let diverges = matches!(at(None), Err(LtvError::Divergent { .. }));
        prop_assert!(diverges);
        prop_assert!(le_approx(at(Some(lo)).unwrap(), at(Some(hi)).unwrap()));
    }

    #[test]
    fn retention_cltv_grows_with_periods(rev in money(), gm in fraction(), r in fraction(), d in dec_in(0, 5_000, 4),
                                          n1 in 0u32..100, n2 in 0u32..100,
                                          period in prop::sample::select(PERIODS.to_vec()),
                                          timing in prop::sample::select(TIMINGS.to_vec())) {
        let (lo, hi) = if n1 <= n2 { (n1, n2) } else { (n2, n1) };
        let dr = DiscountRate::new(d, period).unwrap();
        let at = |n| retention_cltv(m(rev), fr(gm), fr(r), dr, n, period, timing).unwrap();
        prop_assert!(le_approx(at(lo), at(hi)));
        // Never more than the undiscounted, fully retained revenue x margin x periods.
        prop_assert!(le_approx(at(hi), rev * gm * Decimal::from(hi)));
    }

    #[test]
    fn lead_ltv_never_exceeds_customer_ltv(ltv in money(), conv in fraction(), months in dec_in(0, 1_200, 1),
                                           days in dec_in(0, 400, 0)) {
        let lead = lead_ltv(m(ltv), fr(conv)).unwrap();
        prop_assert!(lead <= ltv);
        let rules = LeadRules::default();
        let pv = present_value_lead_ltv(m(ltv), fr(conv), Months::new(months).unwrap(), rules).unwrap();
        prop_assert!(pv <= lead);
        let v = lead_value(m(ltv), fr(conv), Months::new(months).unwrap(), Days::new(days).unwrap(), rules).unwrap();
        prop_assert!(v <= pv);
        prop_assert!(v >= Decimal::ZERO);
    }

    #[test]
    fn ratio_times_cac_recovers_ltv(ltv in money(), cac in dec_in(1, 1_000_000_000, 2)) {
        let r = ltv_cac_ratio(m(ltv), m(cac), HealthBands::default()).unwrap();
        prop_assert!(rel_close_dec(r.ratio * cac, ltv, dec!(1e-20)), "{} x {cac} vs {ltv}", r.ratio);
    }

    #[test]
    fn max_cac_times_ratio_recovers_ltv(ltv in money(), target in dec_in(1, 10_000, 2)) {
        let cac = max_cac(m(ltv), Ratio::new(target).unwrap()).unwrap();
        prop_assert!(rel_close_dec(cac * target, ltv, dec!(1e-20)));
        let ratio = ltv_cac_ratio(m(ltv), m(cac), HealthBands::default());
        if cac > Decimal::ZERO {
            prop_assert!(rel_close_dec(ratio.unwrap().ratio, target, dec!(1e-20)));
        }
    }

    #[test]
    fn payback_months_times_margin_recovers_cac(cac in money(), arpu in dec_in(1, 100_000_000, 2),
                                                gm in dec_in(1, 10_000, 4), target in dec_in(0, 600, 0)) {
        let p = cac_payback_months(m(cac), m(arpu), fr(gm), Months::new(target).unwrap()).unwrap();
        prop_assert!(rel_close_dec(p.months * arpu * gm, cac, dec!(1e-20)), "{} x {arpu} x {gm} vs {cac}", p.months);
        prop_assert_eq!(p.meets_target, p.months <= target);
        prop_assert_eq!(p.target_months, target);
    }

    #[test]
    fn lifespan_times_churn_is_one(c in churn()) {
        let months = lifespan_from_churn(Churn::monthly(c).unwrap()).unwrap().get();
        prop_assert!(rel_close_dec(months * c, Decimal::ONE, dec!(1e-20)));
    }

    #[test]
    fn mrr_rates_are_consistent(start in dec_in(1, 100_000_000, 2), lost_share in fraction(),
                                churn_share in fraction(), new in money(), expansion in money(),
                                reactivation in money()) {
        let lost = (start * lost_share).round_dp(2).min(start);
        let churned = (lost * churn_share).round_dp(2);
        let contraction = lost - churned;
        let mv = MrrMovements::new(m(start), m(new), m(expansion), m(contraction), m(churned), m(reactivation))
            .unwrap();
        let grr = mv.gross_revenue_retention().unwrap();
        prop_assert!(grr <= Decimal::ONE && grr >= Decimal::ZERO);
        let nrr = mv.net_revenue_retention().unwrap();
        prop_assert!(grr <= nrr);
        let gross = mv.gross_mrr_churn().unwrap();
        let net = mv.net_mrr_churn().unwrap();
        prop_assert!(rel_close_dec(grr + gross, Decimal::ONE, dec!(1e-24)) || (grr + gross - Decimal::ONE).abs() < dec!(1e-24));
        prop_assert!((nrr + net - Decimal::ONE).abs() < dec!(1e-24));
        prop_assert!(net <= gross);
    }

    #[test]
    fn logo_churn_is_a_fraction(start in 1u32.., lost_share in 0.0f64..=1.0) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let lost = ((f64::from(start) * lost_share) as u32).min(start);
        let r: Decimal = logo_churn_rate(start, lost).unwrap();
        prop_assert!(r >= Decimal::ZERO && r <= Decimal::ONE);
        prop_assert!(Fraction::new(r).is_ok());
    }
}

// ------------------------------------------------------------------------------------------------------------
// f64 agrees with Decimal on valid inputs.

const F64_TOL: f64 = 1e-12;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn f64_agrees_saas_and_subscription(arpu in money(), gm in fraction(), c in churn(), months in dec_in(0, 12_000, 1),
                                        basis in prop::sample::select(BASES.to_vec()),
                                        period in prop::sample::select(PERIODS.to_vec())) {
        // An annual churn a becomes 1 - (1 - a)^(1/12), which cancels in f64 for a small a (relative error
        // about 1e-16 / a); that is the conditioning of the conversion, not a disagreement of the formulas.
        let tol = if period == Period::Annual { F64_TOL.max(1e-15 / to_f(c)) } else { F64_TOL };
        let d = saas_ltv(m(arpu), fr(gm), Churn::new(c, period, basis).unwrap());
        let f = saas_ltv(
            Money::new(to_f(arpu)).unwrap(),
            Fraction::new(to_f(gm)).unwrap(),
            Churn::new(to_f(c), period, basis).unwrap(),
        );
        agree(d, f, tol)?;
        let d = lifespan_from_churn(Churn::new(c, period, basis).unwrap()).map(Months::get);
        let f = lifespan_from_churn(Churn::new(to_f(c), period, basis).unwrap()).map(Months::get);
        agree(d, f, tol)?;
        let d = subscription_ltv(m(arpu), Months::new(months).unwrap());
        let f = subscription_ltv(Money::new(to_f(arpu)).unwrap(), Months::new(to_f(months)).unwrap());
        agree(d, f, F64_TOL)?;
        let d = purchase_ltv(m(arpu), months, c, Some(fr(gm)));
        let f = purchase_ltv(Money::new(to_f(arpu)).unwrap(), to_f(months), to_f(c), Some(Fraction::new(to_f(gm)).unwrap()));
        agree(d, f, F64_TOL)?;
    }

    #[test]
    fn f64_agrees_rate_conversions(a in fraction(), net in dec_in(-10_000, 10_000, 4),
                                   period in prop::sample::select(PERIODS.to_vec())) {
        // (1 + a)^(1/12) - 1 cancels in f64 for a small rate (about 1e-16 / rate relative), so the rates are
        // compared on their growth factor 1 + rate, which is what the formulas use.
        let growth = |r: ltv_core::Result<Decimal>| r.map(|r| Decimal::ONE + r);
        let growth_f = |r: ltv_core::Result<f64>| r.map(|r| 1.0 + r);
        agree(growth(annual_to_monthly_rate(a, "a")), growth_f(annual_to_monthly_rate(to_f(a), "a")), F64_TOL)?;
        let d = DiscountRate::new(a, period).unwrap();
        let f = DiscountRate::new(to_f(a), period).unwrap();
        agree(growth(d.monthly_rate()), growth_f(f.monthly_rate()), F64_TOL)?;
        agree(growth(d.annual_rate()), growth_f(f.annual_rate()), F64_TOL)?;
        // Away from 0 the rates themselves agree.
        if a >= dec!(0.01) {
            agree(annual_to_monthly_rate(a, "a"), annual_to_monthly_rate(to_f(a), "a"), 1e-11)?;
        }
        let d = Churn::new(net, Period::Annual, ChurnBasis::NetRevenue).unwrap();
        let f = Churn::new(to_f(net), Period::Annual, ChurnBasis::NetRevenue).unwrap();
        // 1 - (1 - a)^(1/12) loses relative precision as it nears 0; compare on the survival instead.
        let (d, f) = (d.monthly_rate().unwrap(), f.monthly_rate().unwrap());
        prop_assert!(rel_close_f64(1.0 - to_f(d), 1.0 - f, F64_TOL));
    }

    #[test]
    fn f64_agrees_discounted(mm in money(), c in dec_in(1_000, 1_000_000, 6), d in dec_in(0, 100_000, 6),
                             timing in prop::sample::select(TIMINGS.to_vec()),
                             horizon in prop::option::of(prop_oneof![0u32..1_000, any::<u32>()]),
                             period in prop::sample::select(PERIODS.to_vec())) {
        let dd = discounted_ltv(m(mm), Churn::monthly(c).unwrap(), DiscountRate::new(d, period).unwrap(), timing, horizon);
        let ff = discounted_ltv(
            Money::new(to_f(mm)).unwrap(),
            Churn::monthly(to_f(c)).unwrap(),
            DiscountRate::new(to_f(d), period).unwrap(),
            timing,
            horizon,
        );
        agree(dd, ff, F64_TOL)?;
    }

    #[test]
    fn f64_agrees_retention(rev in money(), gm in fraction(), r in dec_in(0, 9_990, 4), d in dec_in(0, 5_000, 4),
                            n in prop_oneof![0u32..200, any::<u32>()],
                            period in prop::sample::select(PERIODS.to_vec()),
                            timing in prop::sample::select(TIMINGS.to_vec())) {
        let dd = retention_cltv(m(rev), fr(gm), fr(r), DiscountRate::new(d, period).unwrap(), n, period, timing);
        let ff = retention_cltv(
            Money::new(to_f(rev)).unwrap(),
            Fraction::new(to_f(gm)).unwrap(),
            Fraction::new(to_f(r)).unwrap(),
            DiscountRate::new(to_f(d), period).unwrap(),
            n,
            period,
            timing,
        );
        agree(dd, ff, F64_TOL)?;
    }

    #[test]
    fn f64_agrees_unit_economics(ltv in money(), cac in dec_in(1, 1_000_000_000, 2), gm in dec_in(1, 10_000, 4),
                                 target in dec_in(1, 1_000, 1), leads in 0u32..1_000_000) {
        let dd = ltv_cac_ratio(m(ltv), m(cac), HealthBands::default()).unwrap();
        let ff = ltv_cac_ratio(Money::new(to_f(ltv)).unwrap(), Money::new(to_f(cac)).unwrap(), HealthBands::default())
            .unwrap();
        prop_assert!(rel_close_f64(to_f(dd.ratio), ff.ratio, F64_TOL));
        agree(max_cac(m(ltv), Ratio::new(target).unwrap()), max_cac(Money::new(to_f(ltv)).unwrap(), Ratio::new(to_f(target)).unwrap()), F64_TOL)?;
        agree(bid_cap(m(ltv), Ratio::new(target).unwrap()), bid_cap(Money::new(to_f(ltv)).unwrap(), Ratio::new(to_f(target)).unwrap()), F64_TOL)?;
        agree(campaign_value(leads, m(ltv)), campaign_value(leads, Money::new(to_f(ltv)).unwrap()), F64_TOL)?;
        let dp = cac_payback_months(m(cac), m(ltv), fr(gm), Months::new(target).unwrap());
        let fp = cac_payback_months(Money::new(to_f(cac)).unwrap(), Money::new(to_f(ltv)).unwrap(),
            Fraction::new(to_f(gm)).unwrap(), Months::new(to_f(target)).unwrap());
        agree(dp.map(|p| p.months), fp.map(|p| p.months), F64_TOL)?;
    }

    #[test]
    fn f64_agrees_leads(ltv in money(), conv in fraction(), cac in money(), nurture in money(),
                        time in dec_in(0, 300, 2), months in dec_in(0, 600, 1), days in dec_in(0, 400, 0),
                        rate in dec_in(0, 5_000, 4)) {
        agree(lead_ltv(m(ltv), fr(conv)), lead_ltv(Money::new(to_f(ltv)).unwrap(), Fraction::new(to_f(conv)).unwrap()), F64_TOL)?;
        let dn = net_lead_ltv(m(ltv), fr(conv), m(cac), m(nurture), time);
        let fn_ = net_lead_ltv(Money::new(to_f(ltv)).unwrap(), Fraction::new(to_f(conv)).unwrap(),
            Money::new(to_f(cac)).unwrap(), Money::new(to_f(nurture)).unwrap(), to_f(time));
        // A difference of two amounts: compare relative to the larger of them, not to the (maybe tiny) result.
        let scale = to_f(ltv * conv).max(to_f(cac + nurture) * to_f(time)).max(1.0);
        prop_assert!((to_f(dn.unwrap()) - fn_.unwrap()).abs() <= F64_TOL * scale);
        let dr = LeadRules::new(DiscountRate::annual(rate).unwrap(), Months::new(dec!(12)).unwrap(), Days::new(dec!(180)).unwrap());
        let fr_ = LeadRules::new(DiscountRate::annual(to_f(rate)).unwrap(), Months::new(12.0).unwrap(), Days::new(180.0).unwrap());
        let d = lead_value(m(ltv), fr(conv), Months::new(months).unwrap(), Days::new(days).unwrap(), dr);
        let f = lead_value(Money::new(to_f(ltv)).unwrap(), Fraction::new(to_f(conv)).unwrap(),
            Months::new(to_f(months)).unwrap(), Days::new(to_f(days)).unwrap(), fr_);
        agree(d, f, F64_TOL)?;
    }

    #[test]
    fn f64_agrees_mrr(start in dec_in(1, 100_000_000, 2), lost_share in fraction(), churn_share in fraction(),
                      new in money(), expansion in money(), reactivation in money(), customers in 1u32..1_000_000) {
        let lost = (start * lost_share).round_dp(2).min(start);
        let churned = (lost * churn_share).round_dp(2);
        let contraction = lost - churned;
        let d = MrrMovements::new(m(start), m(new), m(expansion), m(contraction), m(churned), m(reactivation)).unwrap();
        let mf = |x: Decimal| Money::new(to_f(x)).unwrap();
        // f64 rounding may push churned + contraction a hair above start; that is its own (valid) error.
        let Ok(f) = MrrMovements::new(mf(start), mf(new), mf(expansion), mf(contraction), mf(churned), mf(reactivation)) else {
            return Ok(());
        };
        agree(d.gross_mrr_churn(), f.gross_mrr_churn(), F64_TOL)?;
        agree(d.gross_revenue_retention(), f.gross_revenue_retention(), 1e-9)?;
        agree(d.net_revenue_retention(), f.net_revenue_retention(), 1e-9)?;
        agree(d.quick_ratio(), f.quick_ratio(), F64_TOL)?;
        agree(d.ending_mrr(), f.ending_mrr(), 1e-9)?;
        let lost_customers = customers / 3;
        agree(logo_churn_rate(customers, lost_customers), logo_churn_rate(customers, lost_customers), F64_TOL)?;
    }
}

// ------------------------------------------------------------------------------------------------------------
// Non-finite f64 is rejected with NotFinite, everywhere.

fn non_finite() -> impl Strategy<Value = f64> {
    prop::sample::select(vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -f64::NAN])
}

fn is_not_finite<T: std::fmt::Debug>(r: ltv_core::Result<T>, field: &str) -> Result<(), TestCaseError> {
    match r {
        Err(LtvError::NotFinite { field: f, value }) => {
            prop_assert_eq!(f, field);
            prop_assert!(["NaN", "inf", "-inf"].contains(&value.as_str()), "{}", value);
        }
        other => prop_assert!(false, "expected NotFinite for {field}, got {other:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn non_finite_f64_is_not_finite(x in non_finite(), period in prop::sample::select(PERIODS.to_vec()),
                                    basis in prop::sample::select(BASES.to_vec())) {
        is_not_finite(Money::named("arpu", x), "arpu")?;
        is_not_finite(Fraction::named("gross_margin", x), "gross_margin")?;
        is_not_finite(Ratio::named("target_ratio", x), "target_ratio")?;
        is_not_finite(Months::named("months", x), "months")?;
        is_not_finite(Days::named("days", x), "days")?;
        is_not_finite(Churn::named("monthly_churn", x, period, basis), "monthly_churn")?;
        is_not_finite(DiscountRate::named("discount_rate", x, period), "discount_rate")?;
        is_not_finite(HealthBands::new(x, 5.0), "healthy_min")?;
        is_not_finite(HealthBands::new(3.0, x), "healthy_max")?;
        let apv = Money::new(50.0).unwrap();
        is_not_finite(purchase_ltv(apv, x, 5.0, None), "purchase_frequency")?;
        is_not_finite(purchase_ltv(apv, 4.0, x, None), "customer_lifespan")?;
        let one = Money::new(1.0).unwrap();
        is_not_finite(net_lead_ltv(one, Fraction::new(0.5).unwrap(), one, one, x), "time_factor")?;
    }
}

// ------------------------------------------------------------------------------------------------------------
// No input panics.

/// Calls every public constructor and function with `x` (eight values) and `k` (two counts), every enum
/// combination, keeping whatever validates. Only a panic fails.
#[allow(clippy::too_many_lines)]
fn exercise_everything<T: Number>(x: [T; 8], k: [u32; 2]) {
    let [a, b, c, d, e, f, g, h] = x;
    let [n1, n2] = k;
    let _ = (a.to_string(), a.to_f64(), a.is_finite());
    let _ = (a.checked_powf(b), a.checked_powi(n1), a.checked_div(b), a.checked_mul(b));
    let _ = (a.checked_add(b), a.checked_sub(b));

    let money = [a, b, c, d, e].map(|v| Money::named("money", v).ok());
    let fraction = [b, c, d, e].map(|v| Fraction::named("fraction", v).ok());
    let months = [c, d, f].map(|v| Months::named("months", v).ok());
    let days = [d, g].map(|v| Days::named("days", v).ok());
    let ratio = [e, h].map(|v| Ratio::named("ratio", v).ok());
    let _ = annual_to_monthly_rate(a, "annual_rate");
    let _ = annual_to_monthly_rate(f, "annual_rate");

    let mut churns = Vec::new();
    let mut rates = vec![DiscountRate::zero()];
    for period in PERIODS {
        for basis in BASES {
            for v in [b, c, f] {
                if let Ok(ch) = Churn::named("churn", v, period, basis) {
                    let _ = (ch.monthly_rate(), ch.with_basis(ChurnBasis::Logo), ch.rate(), ch.field());
                    let _ = lifespan_from_churn(ch);
                    churns.push(ch);
                }
            }
        }
        for v in [c, g] {
            if let Ok(r) = DiscountRate::named("discount_rate", v, period) {
                let _ = (r.monthly_rate(), r.annual_rate());
                rates.push(r);
            }
        }
    }
    let _ = HealthBands::new(a, b).map(|hb| hb.classify(c));
    let _ = HealthBands::new(g, h).map(|hb| hb.classify(a));
    let _ = purchase_ltv(Money::new(T::ONE).unwrap(), a, b, None);
    let _ = logo_churn_rate::<T>(n1, n2);
    let _ = logo_churn_rate::<T>(n2, n1 % (n2.max(1)));

    // Pairs and triples taken round-robin, so every value meets every role without a combinatorial blow-up.
    let valid = |i: usize| -> Option<Fraction<T>> { fraction[i % fraction.len()] };
    for (i, mo) in money.iter().enumerate() {
        let Some(mo) = *mo else { continue };
        let other = money[(i + 1) % money.len()].unwrap_or(mo);
        let mon = months[i % months.len()].unwrap_or(Months::new(T::ONE).unwrap());
        let dy = days[i % days.len()].unwrap_or(Days::new(T::ZERO).unwrap());
        let _ = purchase_ltv(mo, b, c, valid(i));
        let _ = purchase_ltv(mo, f, g, None);
        let _ = campaign_value(n1, mo);
        let _ = campaign_value(n2, mo);
        let _ = subscription_ltv(mo, mon);
        let _ = ltv_cac_ratio(mo, other, HealthBands::default());
        for ra in ratio.iter().flatten() {
            let _ = max_cac(mo, *ra);
            let _ = bid_cap(mo, *ra);
        }
        for (j, fr) in fraction.iter().enumerate() {
            let Some(fr) = *fr else { continue };
            let ret = valid(i + j + 1).unwrap_or(fr);
            let _ = lead_ltv(mo, fr);
            let _ = net_lead_ltv(mo, fr, other, mo, h);
            let _ = net_lead_ltv(mo, fr, other, other, a);
            let _ = cac_payback_months(mo, other, fr, mon);
            for ch in &churns {
                let _ = saas_ltv(mo, fr, *ch);
            }
            for (r_i, r) in rates.iter().enumerate() {
                let timing = TIMINGS[(i + j + r_i) % 3];
                let period = PERIODS[(i + j) % 2];
                let _ = retention_cltv(mo, fr, ret, *r, n1, period, timing);
                let _ = retention_cltv(mo, fr, ret, *r, n2, period, timing);
                for aft in months.iter().flatten() {
                    let rules = LeadRules::new(*r, *aft, dy);
                    let _ = present_value_lead_ltv(mo, fr, mon, rules);
                    let _ = lead_value(mo, fr, mon, dy, rules);
                    let _ = rules.is_zombie(dy);
                }
            }
        }
        for (ci, ch) in churns.iter().enumerate() {
            let r = rates[(i + ci) % rates.len()];
            let timing = TIMINGS[(i + ci) % 3];
            for horizon in [None, Some(n1), Some(n2), Some(1)] {
                let _ = discounted_ltv(mo, *ch, r, timing, horizon);
            }
        }
    }
    if let [Some(s), Some(nw), Some(ex), Some(co), Some(cu)] = money {
        for re in [nw, s, ex] {
            if let Ok(mv) = MrrMovements::new(s, nw, ex, co, cu, re) {
                let _ = (mv.gross_mrr_churn(), mv.net_mrr_churn(), mv.net_revenue_retention());
                let _ = (mv.gross_revenue_retention(), mv.quick_ratio(), mv.ending_mrr());
                let _ = (mv.starting_mrr(), mv.new_mrr(), mv.expansion(), mv.contraction(), mv.churned());
                let _ = mv.reactivation();
            }
        }
        if let Ok(mv) = MrrMovements::new(s, co, cu, ex, nw, s) {
            let _ = (mv.gross_mrr_churn(), mv.net_mrr_churn(), mv.net_revenue_retention());
            let _ = (mv.gross_revenue_retention(), mv.quick_ratio(), mv.ending_mrr());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn no_decimal_input_panics(x in prop::array::uniform8(wild_decimal()), k in prop::array::uniform2(wild_u32())) {
        exercise_everything(x, k);
    }

    #[test]
    fn no_f64_input_panics(x in prop::array::uniform8(wild_f64()), k in prop::array::uniform2(wild_u32())) {
        exercise_everything(x, k);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// The Decimal twelfth root (Newton from the f64 root) is the root to Decimal's precision: its 12th power
    /// gives the base back and it agrees with rust_decimal's `powd(1/12)` to the last places, over the bases
    /// it serves (0.01 to 100) and the ones that go through `powd`.
    #[test]
    fn twelfth_root_is_the_root(x in prop_oneof![dec_in(1, 10_000, 2), dec_in(1, 100_000_000, 8), dec_in(10_001, 10_000_000, 2)]) {
        let y = x.checked_twelfth_root().unwrap();
        let back = y.checked_powi(12).unwrap();
        prop_assert!(rel_close_dec(back, x, dec!(1e-25)), "{x}: {y}^12 = {back}");
        let reference = rust_decimal::MathematicalOps::powd(&x, Decimal::ONE / Decimal::from(12));
        prop_assert!((y - reference).abs() <= dec!(1e-25), "{x}: {y} vs powd {reference}");
    }
}

#[test]
fn twelfth_root_edges() {
    assert_eq!(Decimal::ONE.checked_twelfth_root(), Some(Decimal::ONE));
    assert_eq!(Decimal::ZERO.checked_twelfth_root(), None);
    assert_eq!(dec!(-1).checked_twelfth_root(), None);
    assert_eq!(0.0_f64.checked_twelfth_root(), None);
    // 4096 = 2^12 and 1/4096, exactly (1/4096 = 0.000244140625 goes through powd).
    assert_eq!(dec!(4096).checked_twelfth_root().unwrap().round_dp(24), dec!(2));
    assert_eq!(dec!(0.000244140625).checked_twelfth_root().unwrap().round_dp(24), dec!(0.5));
    // 10 %/yr: Fader & Hardie's and every finance text's 0.797414 %/month.
    let monthly = dec!(1.1).checked_twelfth_root().unwrap() - Decimal::ONE;
    assert_eq!(monthly.round_dp(27), dec!(0.007974140428903741066031844));
}

/// A horizon beyond `i32::MAX` months (f64 `powi` takes an `i32`) values like the perpetuity in both types.
#[test]
fn horizon_beyond_i32_max_is_the_perpetuity() {
    let n = i32::MAX as u32 + 1;
    let d = discounted_ltv(
        m(dec!(80)),
        Churn::monthly(dec!(0.05)).unwrap(),
        DiscountRate::zero(),
        PaymentTiming::StartOfPeriod,
        Some(n),
    );
    assert_eq!(d.unwrap(), dec!(1600));
    let f = discounted_ltv(
        Money::new(80.0).unwrap(),
        Churn::monthly(0.05).unwrap(),
        DiscountRate::zero(),
        PaymentTiming::StartOfPeriod,
        Some(u32::MAX),
    );
    assert!((f.unwrap() - 1600.0).abs() < 1e-9);
    let r = retention_cltv(
        Money::new(100.0).unwrap(),
        Fraction::new(1.0).unwrap(),
        Fraction::new(0.5).unwrap(),
        DiscountRate::zero(),
        n,
        Period::Annual,
        PaymentTiming::StartOfPeriod,
    );
    assert!((r.unwrap() - 200.0).abs() < 1e-9);
}

/// The extremes, all at once, deterministically.
#[test]
fn extremes_do_not_panic() {
    let specials = [
        Decimal::MAX,
        Decimal::MIN,
        Decimal::ZERO,
        Decimal::ONE,
        Decimal::new(1, 28),
        dec!(0.9999999999999999999999999999),
        dec!(100),
        dec!(0.5),
    ];
    for (i, a) in specials.iter().enumerate() {
        let mut x = specials;
        x.rotate_left(i);
        x[0] = *a;
        exercise_everything(x, [u32::MAX, 0]);
        exercise_everything(x, [1, u32::MAX]);
    }
    let f = [f64::MAX, f64::MIN_POSITIVE, 0.0, 1.0, 5e-324, 0.999_999_999_999_999_9, 100.0, 0.5];
    exercise_everything(f, [u32::MAX, i32::MAX as u32 + 1]);
}

/// Found by Hypothesis through the Python vectorised path: with net negative churn and a long horizon the
/// growth factor (1 - c)^n leaves Decimal's range. The f64 path shares that range, so both report Overflow
/// instead of the f64 path valuing what the exact path cannot.
#[test]
fn f64_and_decimal_share_the_overflow_range() {
    let churn_d = Churn::new(dec!(-0.2287), Period::Monthly, ChurnBasis::NetRevenue);
    let churn_f = Churn::new(-0.2287_f64, Period::Monthly, ChurnBasis::NetRevenue);
    let (Ok(churn_d), Ok(churn_f)) = (churn_d, churn_f) else { panic!("negative net churn is a valid rate") };
    let exact = discounted_ltv(
        m(dec!(0)),
        churn_d,
        DiscountRate::monthly(dec!(0)).unwrap(),
        PaymentTiming::default(),
        Some(600),
    );
    let fast = discounted_ltv(
        Money::new(0.0_f64).unwrap(),
        churn_f,
        DiscountRate::monthly(0.0_f64).unwrap(),
        PaymentTiming::default(),
        Some(600),
    );
    assert_eq!(exact.map_err(|e| e.kind()), Err("overflow"));
    assert_eq!(fast.map_err(|e| e.kind()), Err("overflow"));
}
