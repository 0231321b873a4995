//! ns per call of the scalar formulas, exact (Decimal) and fast (f64), side by side: one group per formula,
//! with the benchmark ids `decimal` and `f64`.
//!
//! Each call includes the validation of its inputs (building the newtypes from raw numbers), as a caller
//! that starts from raw numbers pays it; the raw inputs go through `black_box` so nothing is folded away.
//!
//! `cargo bench -p ltv-benches --bench scalar -- --warm-up-time 1 --measurement-time 2`

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ltv_core::{
    Churn, ChurnBasis, Days, Decimal, DiscountRate, Fraction, HealthBands, LeadRules, Money, Months, MrrMovements,
    Number, PaymentTiming, Period, Ratio, annual_to_monthly_rate, bid_cap, cac_payback_months, campaign_value,
    discounted_ltv, lead_ltv, lead_value, lifespan_from_churn, logo_churn_rate, ltv_cac_ratio, max_cac, net_lead_ltv,
    present_value_lead_ltv, purchase_ltv, retention_cltv, saas_ltv, subscription_ltv,
};

/// The inputs of every benchmark, in one number type.
#[derive(Clone, Copy)]
struct Inputs<T> {
    arpu: T,
    margin: T,
    churn: T,
    annual_churn: T,
    net_churn: T,
    monthly_discount: T,
    annual_discount: T,
    months: T,
    frequency: T,
    ltv: T,
    cac: T,
    conversion: T,
    time_factor: T,
    ratio: T,
    days: T,
    revenue: T,
    retention: T,
    start_mrr: T,
    movement: T,
}

fn decimal_inputs() -> Inputs<Decimal> {
    Inputs {
        arpu: Decimal::new(500, 0),
        margin: Decimal::new(80, 2),
        churn: Decimal::new(3, 2),
        annual_churn: Decimal::new(30, 2),
        net_churn: Decimal::new(-2, 1),
        monthly_discount: Decimal::new(797_414, 8),
        annual_discount: Decimal::new(10, 2),
        months: Decimal::new(24, 0),
        frequency: Decimal::new(4, 0),
        ltv: Decimal::new(1_333_333, 2),
        cac: Decimal::new(4_000, 0),
        conversion: Decimal::new(3, 2),
        time_factor: Decimal::new(15, 1),
        ratio: Decimal::new(3, 0),
        days: Decimal::new(30, 0),
        revenue: Decimal::new(1_000, 0),
        retention: Decimal::new(80, 2),
        start_mrr: Decimal::new(100_000, 0),
        movement: Decimal::new(2_500, 0),
    }
}

fn f64_inputs() -> Inputs<f64> {
    let d = decimal_inputs();
    let f = Number::to_f64;
    Inputs {
        arpu: f(d.arpu),
        margin: f(d.margin),
        churn: f(d.churn),
        annual_churn: f(d.annual_churn),
        net_churn: f(d.net_churn),
        monthly_discount: f(d.monthly_discount),
        annual_discount: f(d.annual_discount),
        months: f(d.months),
        frequency: f(d.frequency),
        ltv: f(d.ltv),
        cac: f(d.cac),
        conversion: f(d.conversion),
        time_factor: f(d.time_factor),
        ratio: f(d.ratio),
        days: f(d.days),
        revenue: f(d.revenue),
        retention: f(d.retention),
        start_mrr: f(d.start_mrr),
        movement: f(d.movement),
    }
}

/// Benchmarks each formula, written once and instantiated as a closure for each number type (so each call
/// is inlined, not made through a function pointer).
macro_rules! formulas {
    ($($name:literal => |$i:ident| $body:expr;)*) => {
        fn bench(c: &mut Criterion) {
            let (dec_in, f64_in) = (decimal_inputs(), f64_inputs());
            $(
                group(
                    c,
                    $name,
                    (dec_in, |$i: Inputs<Decimal>| -> ltv_core::Result<Decimal> { $body }),
                    (f64_in, |$i: Inputs<f64>| -> ltv_core::Result<f64> { $body }),
                );
            )*
        }
    };
}

fn group(
    c: &mut Criterion,
    name: &str,
    (dec_in, dec_fn): (Inputs<Decimal>, impl Fn(Inputs<Decimal>) -> ltv_core::Result<Decimal>),
    (f64_in, f64_fn): (Inputs<f64>, impl Fn(Inputs<f64>) -> ltv_core::Result<f64>),
) {
    // Every benchmarked call must succeed, or the numbers would time an error path.
    if let Err(e) = dec_fn(dec_in) {
        panic!("{name} failed on Decimal: {e}");
    }
    if let Err(e) = f64_fn(f64_in) {
        panic!("{name} failed on f64: {e}");
    }
    let mut group = c.benchmark_group(name);
    group.bench_function(BenchmarkId::from_parameter("decimal"), |b| b.iter(|| dec_fn(black_box(dec_in))));
    group.bench_function(BenchmarkId::from_parameter("f64"), |b| b.iter(|| f64_fn(black_box(f64_in))));
    group.finish();
}

fn mrr<T: Number>(i: Inputs<T>) -> ltv_core::Result<MrrMovements<T>> {
    let mv = Money::named("movement", i.movement)?;
    MrrMovements::new(Money::named("starting_mrr", i.start_mrr)?, mv, mv, mv, mv, mv)
}

fn bool_to<T: Number>(b: bool) -> T {
    if b { T::ONE } else { T::ZERO }
}

formulas! {
    "purchase_ltv" => |i| purchase_ltv(
        Money::named("average_purchase_value", i.arpu)?, i.frequency, i.months, Some(Fraction::named("gross_margin", i.margin)?),
    );
    "subscription_ltv" => |i| subscription_ltv(Money::named("average_monthly_revenue", i.arpu)?, Months::named("lifespan_months", i.months)?);
    "lifespan_from_churn" => |i| Ok(lifespan_from_churn(Churn::named("monthly_churn", i.churn, Period::Monthly, ChurnBasis::Logo)?)?.get());
    "saas_ltv" => |i| saas_ltv(
        Money::named("arpu", i.arpu)?,
        Fraction::named("gross_margin", i.margin)?,
        Churn::named("monthly_churn", i.churn, Period::Monthly, ChurnBasis::Logo)?,
    );
    "monthly_churn_from_annual" => |i| Churn::named("annual_churn", i.annual_churn, Period::Annual, ChurnBasis::Logo)?.monthly_rate();
    "annual_to_monthly_rate" => |i| annual_to_monthly_rate(DiscountRate::named("annual_rate", i.annual_discount, Period::Annual)?.rate(), "annual_rate");
    "discounted_ltv/perpetuity" => |i| discounted_ltv(
        Money::named("monthly_margin", i.arpu)?,
        Churn::named("monthly_churn", i.churn, Period::Monthly, ChurnBasis::Logo)?,
        DiscountRate::named("monthly_discount_rate", i.monthly_discount, Period::Monthly)?,
        PaymentTiming::StartOfPeriod,
        None,
    );
    "discounted_ltv/annual_rate" => |i| discounted_ltv(
        Money::named("monthly_margin", i.arpu)?,
        Churn::named("monthly_churn", i.churn, Period::Monthly, ChurnBasis::Logo)?,
        DiscountRate::named("annual_discount_rate", i.annual_discount, Period::Annual)?,
        PaymentTiming::EndOfPeriod,
        None,
    );
    "discounted_ltv/horizon_60" => |i| discounted_ltv(
        Money::named("monthly_margin", i.arpu)?,
        Churn::named("monthly_churn", i.net_churn, Period::Annual, ChurnBasis::NetRevenue)?,
        DiscountRate::named("annual_discount_rate", i.annual_discount, Period::Annual)?,
        PaymentTiming::StartOfPeriod,
        Some(60),
    );
    "retention_cltv" => |i| retention_cltv(
        Money::named("revenue", i.revenue)?,
        Fraction::named("gross_margin", i.margin)?,
        Fraction::named("retention", i.retention)?,
        DiscountRate::named("discount_rate", i.annual_discount, Period::Annual)?,
        5,
        Period::Annual,
        PaymentTiming::StartOfPeriod,
    );
    "ltv_cac_ratio" => |i| Ok(ltv_cac_ratio(Money::named("ltv", i.ltv)?, Money::named("cac", i.cac)?, HealthBands::default())?.ratio);
    "max_cac" => |i| max_cac(Money::named("ltv", i.ltv)?, Ratio::named("target_ratio", i.ratio)?);
    "cac_payback_months" => |i| Ok(cac_payback_months(
        Money::named("cac", i.cac)?,
        Money::named("arpu", i.arpu)?,
        Fraction::named("gross_margin", i.margin)?,
        Months::named("target_months", i.months)?,
    )?.months);
    "lead_ltv" => |i| lead_ltv(Money::named("customer_ltv", i.ltv)?, Fraction::named("conversion_rate", i.conversion)?);
    "net_lead_ltv" => |i| net_lead_ltv(
        Money::named("customer_ltv", i.ltv)?,
        Fraction::named("conversion_rate", i.conversion)?,
        Money::named("cac", i.cac)?,
        Money::named("nurture_cost", i.arpu)?,
        i.time_factor,
    );
    "present_value_lead_ltv" => |i| present_value_lead_ltv(
        Money::named("customer_ltv", i.ltv)?,
        Fraction::named("conversion_rate", i.conversion)?,
        Months::named("months_to_close", i.months)?,
        LeadRules::new(
            DiscountRate::named("annual_discount_rate", i.annual_discount, Period::Annual)?,
            Months::named("discount_after_months", i.frequency)?,
            Days::named("zombie_after_days", i.revenue)?,
        ),
    );
    "lead_value" => |i| lead_value(
        Money::named("customer_ltv", i.ltv)?,
        Fraction::named("conversion_rate", i.conversion)?,
        Months::named("months_to_close", i.months)?,
        Days::named("days_since_engagement", i.days)?,
        LeadRules::default(),
    );
    "is_zombie" => |i| Ok(bool_to(LeadRules::default().is_zombie(Days::named("days_since_engagement", i.days)?)));
    "campaign_value" => |i| campaign_value(100, Money::named("lead_ltv", i.arpu)?);
    "bid_cap" => |i| bid_cap(Money::named("lead_ltv", i.ltv)?, Ratio::named("target_ratio", i.ratio)?);
    "logo_churn_rate" => |_i| logo_churn_rate(200, 6);
    "MrrMovements.gross_mrr_churn" => |i| mrr(i)?.gross_mrr_churn();
    "MrrMovements.net_mrr_churn" => |i| mrr(i)?.net_mrr_churn();
    "MrrMovements.net_revenue_retention" => |i| mrr(i)?.net_revenue_retention();
    "MrrMovements.gross_revenue_retention" => |i| mrr(i)?.gross_revenue_retention();
    "MrrMovements.quick_ratio" => |i| mrr(i)?.quick_ratio();
    "MrrMovements.ending_mrr" => |i| mrr(i)?.ending_mrr();
}

criterion_group!(benches, bench);
criterion_main!(benches);
