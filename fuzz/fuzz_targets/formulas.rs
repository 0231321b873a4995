//! Every public ltv-core formula on fuzzer-chosen numbers, on both `Decimal` and `f64`.
//!
//! Checks: no panic; every `Ok` number is finite; every error names a field; when every number is a small
//! exact value (the same on both paths), `Decimal` and `f64` agree on Ok-vs-Err (except errors that hinge on
//! a computed value's rounding: `Divergent`, `Overflow`).
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use ltv_core::{
    AccountRules, Churn, ChurnBasis, Days, DiscountRate, Fraction, HealthBands, LeadRules, LtvError, Money, Months,
    MrrMovements, PaymentTiming, Period, PriorRate, Ratio, Shrinkage,
};
use ltv_fuzz::{FuzzNumber, Num, check_pair};

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Op {
    SaasLtv,
    SubscriptionLtv,
    LifespanFromChurn,
    PurchaseLtv,
    DiscountedLtv,
    RetentionCltv,
    LtvCacRatio,
    MaxCac,
    CacPaybackMonths,
    LeadLtv,
    NetLeadLtv,
    PresentValueLeadLtv,
    LeadValue,
    CampaignValue,
    BidCap,
    LogoChurnRate,
    MrrMovements,
    AnnualToMonthlyRate,
    ChurnMonthlyRate,
    DiscountRateConversions,
    RawConversionRate,
    ShrunkConversionRate,
    Shrinkage,
    AccountValue,
    ValueLead,
}

#[derive(Arbitrary, Debug)]
struct Input {
    op: Op,
    nums: [Num; 8],
    ints: [u32; 3],
    annual: [bool; 2],
    basis: u8,
    timing: u8,
    horizon: Option<u32>,
    flags: [bool; 2],
    stakeholders: Vec<Num>,
}

fn period(annual: bool) -> Period {
    if annual { Period::Annual } else { Period::Monthly }
}

fn basis(b: u8) -> ChurnBasis {
    match b % 3 {
        0 => ChurnBasis::Logo,
        1 => ChurnBasis::GrossRevenue,
        _ => ChurnBasis::NetRevenue,
    }
}

fn timing(t: u8) -> PaymentTiming {
    match t % 3 {
        0 => PaymentTiming::StartOfPeriod,
        1 => PaymentTiming::EndOfPeriod,
        _ => PaymentTiming::EndOfPeriodSurvivors,
    }
}

type Out<T> = Result<Vec<T>, LtvError>;

/// Runs `input.op` on the number type `T`; returns every number of the result (or the first error).
fn run<T: FuzzNumber>(input: &Input) -> Out<T> {
    let n = |i: usize| T::from_num(input.nums[i]);
    let money = |i: usize| Money::new(n(i));
    let fraction = |i: usize| Fraction::new(n(i));
    let churn = |i: usize| Churn::new(n(i), period(input.annual[0]), basis(input.basis));
    let discount = |i: usize| DiscountRate::new(n(i), period(input.annual[1]));
    let rules = |i: usize| -> Result<LeadRules<T>, LtvError> {
        Ok(LeadRules::new(discount(i)?, Months::new(n(i + 1))?, Days::new(n(i + 2))?))
    };
    let [i0, i1, i2] = input.ints;
    Ok(match input.op {
        Op::SaasLtv => vec![ltv_core::saas_ltv(money(0)?, fraction(1)?, churn(2)?)?],
        Op::SubscriptionLtv => vec![ltv_core::subscription_ltv(money(0)?, Months::new(n(1))?)?],
        Op::LifespanFromChurn => vec![ltv_core::lifespan_from_churn(churn(0)?)?.get()],
        Op::PurchaseLtv => {
            let margin = if input.flags[0] { Some(fraction(3)?) } else { None };
            vec![ltv_core::purchase_ltv(money(0)?, n(1), n(2), margin)?]
        }
        Op::DiscountedLtv => {
            vec![ltv_core::discounted_ltv(money(0)?, churn(1)?, discount(2)?, timing(input.timing), input.horizon)?]
        }
        Op::RetentionCltv => vec![ltv_core::retention_cltv(
            money(0)?,
            fraction(1)?,
            fraction(2)?,
            discount(3)?,
            i0,
            period(input.annual[0]),
            timing(input.timing),
        )?],
        Op::LtvCacRatio => {
            let bands = HealthBands::new(n(2), n(3))?;
            let r = ltv_core::ltv_cac_ratio(money(0)?, money(1)?, bands)?;
            let _ = r.band.as_str();
            let _ = bands.classify(n(4));
            vec![r.ratio, bands.healthy_min(), bands.healthy_max()]
        }
        Op::MaxCac => vec![ltv_core::max_cac(money(0)?, Ratio::new(n(1))?)?],
        Op::CacPaybackMonths => {
            let p = ltv_core::cac_payback_months(money(0)?, money(1)?, fraction(2)?, Months::new(n(3))?)?;
            vec![p.months, p.target_months]
        }
        Op::LeadLtv => vec![ltv_core::lead_ltv(money(0)?, fraction(1)?)?],
        Op::NetLeadLtv => vec![ltv_core::net_lead_ltv(money(0)?, fraction(1)?, money(2)?, money(3)?, n(4))?],
        Op::PresentValueLeadLtv => {
            vec![ltv_core::present_value_lead_ltv(money(0)?, fraction(1)?, Months::new(n(2))?, rules(3)?)?]
        }
        Op::LeadValue => {
            vec![ltv_core::lead_value(money(0)?, fraction(1)?, Months::new(n(2))?, Days::new(n(6))?, rules(3)?)?]
        }
        Op::CampaignValue => vec![ltv_core::campaign_value(i0, money(0)?)?],
        Op::BidCap => vec![ltv_core::bid_cap(money(0)?, Ratio::new(n(1))?)?],
        Op::LogoChurnRate => vec![ltv_core::logo_churn_rate(i0, i1)?],
        Op::MrrMovements => {
            let m = MrrMovements::new(money(0)?, money(1)?, money(2)?, money(3)?, money(4)?, money(5)?)?;
            // Each metric may be undefined on its own (starting MRR 0, nothing lost): collect the defined ones.
            let mut values = vec![m.starting_mrr(), m.new_mrr(), m.expansion(), m.contraction(), m.churned()];
            values.push(m.reactivation());
            for metric in [
                m.ending_mrr(),
                m.gross_mrr_churn(),
                m.net_mrr_churn(),
                m.net_revenue_retention(),
                m.gross_revenue_retention(),
                m.quick_ratio(),
            ] {
                match metric {
                    Ok(v) => values.push(v),
                    Err(e) => ltv_fuzz::check_error("MrrMovements metric", &e),
                }
            }
            values
        }
        Op::AnnualToMonthlyRate => vec![ltv_core::annual_to_monthly_rate(n(0), "annual")?],
        Op::ChurnMonthlyRate => {
            let c = churn(0)?;
            let rebased = c.with_basis(basis(input.basis.wrapping_add(1)));
            let mut values = vec![c.rate(), c.monthly_rate()?];
            if let Ok(r) = rebased {
                values.push(r.monthly_rate()?);
            }
            values
        }
        Op::DiscountRateConversions => {
            let d = discount(0)?;
            vec![d.rate(), d.monthly_rate()?, d.annual_rate()?]
        }
        Op::RawConversionRate => vec![ltv_core::raw_conversion_rate(i0, i1)?],
        Op::ShrunkConversionRate => vec![ltv_core::shrunk_conversion_rate(i0, i1, n(0), fraction(1)?)?],
        Op::Shrinkage => {
            let prior = if input.flags[0] { PriorRate::Fixed(fraction(1)?) } else { PriorRate::Blended };
            let s = Shrinkage::new(n(0), prior)?;
            vec![s.prior_strength(), s.resolve_prior(n(2))]
        }
        Op::AccountValue => {
            let probabilities = input
                .stakeholders
                .iter()
                .take(64)
                .map(|p| Fraction::new(T::from_num(*p)))
                .collect::<Result<Vec<_>, _>>()?;
            let account = AccountRules::new(i2, n(5))?;
            let v = ltv_core::account_value(
                &probabilities,
                money(0)?,
                Months::new(n(1))?,
                Days::new(n(2))?,
                rules(3)?,
                account,
            )?;
            vec![v.p_any, v.multiplier, v.p_uncapped, v.p_account, v.value, v.naive_sum, v.difference]
        }
        Op::ValueLead => {
            let nurture = if input.flags[1] { Some(money(7)?) } else { None };
            let v = ltv_core::explain_lead_value(
                money(1)?,
                fraction(0)?,
                Months::new(n(2))?,
                Days::new(n(6))?,
                nurture,
                rules(3)?,
            )?;
            let _ = v.explain();
            let mut values = vec![v.value, v.base, v.discount_factor, v.nurture_cost];
            for step in &v.steps {
                let _ = step.kind.as_str();
                values.push(step.effect);
                values.push(step.value_after);
            }
            values
        }
    })
}

fuzz_target!(|input: Input| {
    let exact = input.nums.iter().chain(input.stakeholders.iter().take(64)).all(|n| n.exact());
    let dec = run::<ltv_core::Decimal>(&input);
    let f = run::<f64>(&input);
    check_pair(&format!("{:?}", input.op), exact, &dec, &f);
});
