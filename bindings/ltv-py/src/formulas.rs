//! Every formula of `ltv-core`, declared once: the keyword-only exact (`Decimal`) function and its column
//! (`_vec_*`) function(s) come from one entry of the `formulas!` table below, which also registers them.
//!
//! An entry reads:
//!
//! ```text
//! /// doc
//! name(<pyo3 signature>) [text_signature = "..."]      the Python signature, keyword-only
//! fn(<parameters>) -> <result> { <scalar body> }        Python objects -> core quantities -> core formula
//! @columns _vec_name(<columns>; <options>) => <formula>;  zero or more: the core column formula
//! ```
//!
//! The column functions run on `ltv_core::columns` through [`crate::vec::run`]; the two irregular column
//! functions (`_vec_discounted_ltv` with its two optional rate columns, `_vec_mrr` with its metric) and the
//! engine plumbing stay in [`crate::vec`]. No formula is computed here: every number comes from the core.

use ltv_core as core;
use ltv_core::columns;
use ltv_core::{ChurnBasis, Decimal, HealthBands, LeadRules, PaymentTiming, Period};
use numpy::PyReadonlyArray1;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::classes::{CacPayback, LtvCacRatio};
use crate::convert::{Choice, count, option, optional_count, optional_decimal};
use crate::errors::PyLtvError;
use crate::inputs::{In, churn, days, discount, fraction, money, months, number, ratio};
use crate::vec::{Out as ColumnOut, py_err, run};

/// Declares each formula once: its scalar pyfunction, its column pyfunctions and their registration.
macro_rules! formulas {
    ($(
        $(#[$doc:meta])*
        $name:ident($($sig:tt)*) $(text_signature = $ts:literal)?
        fn($($arg:ident: $argty:ty),* $(,)?) -> $ret:ty $body:block
        $(@columns $(#[$vdoc:meta])* $vname:ident($($col:ident),+ $(; $($opt:ident: $oty:ty),+)?) => $formula:expr;)*
    )+) => {
        $(
            $(#[$doc])*
            #[pyfunction]
            #[pyo3(signature = ($($sig)*) $(, text_signature = $ts)?)]
            #[allow(clippy::too_many_arguments)]
            pub fn $name($($arg: $argty),*) -> $ret $body

            $(
                $(#[$vdoc])*
                #[doc = concat!("The column form of `", stringify!($name), "`.")]
                #[pyfunction]
                #[allow(clippy::too_many_arguments)]
                pub fn $vname<'py>(
                    py: Python<'py>,
                    $($col: PyReadonlyArray1<'py, f64>,)+
                    $($($opt: $oty,)+)?
                    errors: Choice,
                    parallel: bool,
                ) -> ColumnOut<'py> {
                    let formula = $formula;
                    run(py, &formula, [$(&$col),+], errors, parallel)
                }
            )*
        )+

        /// Registers every function of the table in the module.
        pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(
                m.add_function(wrap_pyfunction!($name, m)?)?;
                $(m.add_function(wrap_pyfunction!($vname, m)?)?;)*
            )+
            Ok(())
        }
    };
}

formulas! {
    /// Purchase LTV = average purchase value x purchase frequency x customer lifespan (x gross margin).
    purchase_ltv(*, average_purchase_value, purchase_frequency, customer_lifespan, gross_margin = None)
    fn(average_purchase_value: In<'_, '_>, purchase_frequency: In<'_, '_>, customer_lifespan: In<'_, '_>, gross_margin: Option<In<'_, '_>>) -> Out<Decimal> {
        let margin = match gross_margin {
            Some(m) if !m.is_none() => Some(fraction("gross_margin", m)?),
            _ => None,
        };
        ok(core::purchase_ltv(
            money("average_purchase_value", average_purchase_value)?,
            non_negative("purchase_frequency", purchase_frequency)?,
            non_negative("customer_lifespan", customer_lifespan)?,
            margin,
        ))
    }
    @columns _vec_purchase_ltv(average_purchase_value, purchase_frequency, customer_lifespan, gross_margin; has_margin: bool)
        => columns::PurchaseLtv { has_margin };

    /// Subscription LTV = average monthly revenue x lifespan in months.
    subscription_ltv(*, average_monthly_revenue, lifespan_months)
    fn(average_monthly_revenue: In<'_, '_>, lifespan_months: In<'_, '_>) -> Out<Decimal> {
        ok(core::subscription_ltv(
            money("average_monthly_revenue", average_monthly_revenue)?,
            months("lifespan_months", lifespan_months)?,
        ))
    }
    @columns _vec_subscription_ltv(average_monthly_revenue, lifespan_months) => columns::SubscriptionLtv;

    /// Expected lifespan in months = 1 / monthly churn.
    lifespan_from_churn(*, monthly_churn, churn_basis = Choice::Default("logo")) text_signature = "(*, monthly_churn, churn_basis='logo')"
    fn(monthly_churn: In<'_, '_>, churn_basis: Choice) -> Out<Decimal> {
        let basis = crate::convert::churn_basis(&churn_basis)?;
        Ok(ok(core::lifespan_from_churn(churn("monthly_churn", monthly_churn, Period::Monthly, basis)?))?.get())
    }
    @columns _vec_lifespan_from_churn(monthly_churn; churn_basis: Choice)
        => columns::LifespanFromChurn { churn_basis: option::<ChurnBasis>(&churn_basis)? };

    /// SaaS LTV = ARPU x gross margin / monthly churn.
    saas_ltv(*, arpu, gross_margin, monthly_churn, churn_basis = Choice::Default("logo")) text_signature = "(*, arpu, gross_margin, monthly_churn, churn_basis='logo')"
    fn(arpu: In<'_, '_>, gross_margin: In<'_, '_>, monthly_churn: In<'_, '_>, churn_basis: Choice) -> Out<Decimal> {
        let basis = crate::convert::churn_basis(&churn_basis)?;
        ok(core::saas_ltv(
            money("arpu", arpu)?,
            fraction("gross_margin", gross_margin)?,
            churn("monthly_churn", monthly_churn, Period::Monthly, basis)?,
        ))
    }
    @columns _vec_saas_ltv(arpu, gross_margin, monthly_churn; churn_basis: Choice)
        => columns::SaasLtv { churn_basis: option::<ChurnBasis>(&churn_basis)? };

    /// Monthly churn from annual churn: 1 - (1 - annual)^(1/12).
    monthly_churn_from_annual(*, annual_churn, churn_basis = Choice::Default("logo")) text_signature = "(*, annual_churn, churn_basis='logo')"
    fn(annual_churn: In<'_, '_>, churn_basis: Choice) -> Out<Decimal> {
        let basis = crate::convert::churn_basis(&churn_basis)?;
        ok(churn("annual_churn", annual_churn, Period::Annual, basis)?.monthly_rate())
    }
    @columns _vec_monthly_churn_from_annual(annual_churn; churn_basis: Choice)
        => columns::MonthlyChurnFromAnnual { churn_basis: option::<ChurnBasis>(&churn_basis)? };

    /// Monthly rate from an annual rate by compounding: (1 + annual)^(1/12) - 1.
    annual_to_monthly_rate(*, annual_rate)
    fn(annual_rate: In<'_, '_>) -> Out<Decimal> {
        ok(discount("annual_rate", annual_rate, Period::Annual)?.monthly_rate())
    }
    @columns _vec_annual_to_monthly_rate(annual_rate) => columns::AnnualToMonthlyRate;

    /// Discounted SaaS LTV with payment timing and an optional horizon.
    discounted_ltv(*, monthly_margin, monthly_churn, annual_discount_rate = None, monthly_discount_rate = None, timing = Choice::Default("start_of_period"), horizon_months = None, churn_basis = Choice::Default("logo")) text_signature = "(*, monthly_margin, monthly_churn, annual_discount_rate=None, monthly_discount_rate=None, timing='start_of_period', horizon_months=None, churn_basis='logo')"
    fn(monthly_margin: In<'_, '_>, monthly_churn: In<'_, '_>, annual_discount_rate: Option<In<'_, '_>>, monthly_discount_rate: Option<In<'_, '_>>, timing: Choice, horizon_months: Option<In<'_, '_>>, churn_basis: Choice) -> Out<Decimal> {
        let basis = crate::convert::churn_basis(&churn_basis)?;
        let timing = crate::convert::timing(&timing)?;
        let horizon_months = optional_count("horizon_months", horizon_months)?;
        let (rate, field, period) = one_discount_rate(present(annual_discount_rate), present(monthly_discount_rate))?;
        ok(core::discounted_ltv(
            money("monthly_margin", monthly_margin)?,
            churn("monthly_churn", monthly_churn, Period::Monthly, basis)?,
            discount(field, rate, period)?,
            timing,
            horizon_months,
        ))
    }

    /// Retention-based CLTV over a horizon: sum of revenue x margin x r^t / (1 + d)^t.
    retention_cltv(*, revenue, gross_margin, retention, discount_rate, periods, period = Choice::Default("annual"), timing = Choice::Default("start_of_period")) text_signature = "(*, revenue, gross_margin, retention, discount_rate, periods, period='annual', timing='start_of_period')"
    fn(revenue: In<'_, '_>, gross_margin: In<'_, '_>, retention: In<'_, '_>, discount_rate: In<'_, '_>, periods: In<'_, '_>, period: Choice, timing: Choice) -> Out<Decimal> {
        let periods = count("periods", periods)?;
        let period = crate::convert::period(&period)?;
        let timing = crate::convert::timing(&timing)?;
        ok(core::retention_cltv(
            money("revenue", revenue)?,
            fraction("gross_margin", gross_margin)?,
            fraction("retention", retention)?,
            discount("discount_rate", discount_rate, period)?,
            periods,
            period,
            timing,
        ))
    }
    @columns _vec_retention_cltv(revenue, gross_margin, retention, discount_rate;
        periods: Bound<'py, PyAny>, period: Choice, timing: Choice)
        => columns::RetentionCltv {
        periods: crate::convert::count("periods", &periods)?,
        period: option::<Period>(&period)?,
        timing: option::<PaymentTiming>(&timing)?,
        };

    /// LTV:CAC = LTV / CAC with its health band.
    ltv_cac_ratio(*, ltv, cac, healthy_min = None, healthy_max = None) text_signature = "(*, ltv, cac, healthy_min=3, healthy_max=5)"
    fn(ltv: In<'_, '_>, cac: In<'_, '_>, healthy_min: Option<In<'_, '_>>, healthy_max: Option<In<'_, '_>>) -> Out<LtvCacRatio> {
        let bands = health_bands(healthy_min, healthy_max)?;
        let r = ok(core::ltv_cac_ratio(money("ltv", ltv)?, money("cac", cac)?, bands))?;
        Ok(LtvCacRatio::from_core(r, bands))
    }
    @columns _vec_ltv_cac_ratio(ltv, cac) => columns::LtvCac;
    @columns
        /// Band codes: 0 overspending, 1 healthy, 2 under-investing.
        _vec_ltv_cac_band(ratio; healthy_min: f64, healthy_max: f64)
        => columns::LtvCacBand { bands: HealthBands::new(healthy_min, healthy_max).map_err(py_err)? };

    /// Maximum allowable CAC = LTV / target ratio.
    max_cac(*, ltv, target_ratio = None) text_signature = "(*, ltv, target_ratio=3)"
    fn(ltv: In<'_, '_>, target_ratio: Option<In<'_, '_>>) -> Out<Decimal> {
        // Inputs are validated in signature order, as ltv.vec does, so both name the same first bad field.
        let ltv = money("ltv", ltv)?;
        let target =
            ok(ltv_core::Ratio::named("target_ratio", or_default("target_ratio", target_ratio, Decimal::from(3))?))?;
        ok(core::max_cac(ltv, target))
    }
    @columns _vec_max_cac(ltv, target_ratio) => columns::MaxCac;

    /// CAC payback months = CAC / (ARPU x gross margin), against a target (default 18 months).
    cac_payback_months(*, cac, arpu, gross_margin, target_months = None) text_signature = "(*, cac, arpu, gross_margin, target_months=18)"
    fn(cac: In<'_, '_>, arpu: In<'_, '_>, gross_margin: In<'_, '_>, target_months: Option<In<'_, '_>>) -> Out<CacPayback> {
        let cac = money("cac", cac)?;
        let arpu = money("arpu", arpu)?;
        let gross_margin = fraction("gross_margin", gross_margin)?;
        let target = or_default("target_months", target_months, Decimal::from(core::DEFAULT_PAYBACK_TARGET_MONTHS))?;
        let target = ok(ltv_core::Months::named("target_months", target))?;
        let p = ok(core::cac_payback_months(cac, arpu, gross_margin, target))?;
        Ok(CacPayback::from_core(p))
    }
    @columns _vec_cac_payback_months(cac, arpu, gross_margin, target_months) => columns::CacPaybackMonths;

    /// Lead LTV = customer LTV x conversion rate.
    lead_ltv(*, customer_ltv, conversion_rate)
    fn(customer_ltv: In<'_, '_>, conversion_rate: In<'_, '_>) -> Out<Decimal> {
        ok(core::lead_ltv(money("customer_ltv", customer_ltv)?, fraction("conversion_rate", conversion_rate)?))
    }
    @columns _vec_lead_ltv(customer_ltv, conversion_rate) => columns::LeadLtv;

    /// Net lead LTV = customer LTV x conversion - (CAC + nurture cost) x time factor.
    net_lead_ltv(*, customer_ltv, conversion_rate, cac, nurture_cost = None, time_factor = None) text_signature = "(*, customer_ltv, conversion_rate, cac, nurture_cost=0, time_factor=1)"
    fn(customer_ltv: In<'_, '_>, conversion_rate: In<'_, '_>, cac: In<'_, '_>, nurture_cost: Option<In<'_, '_>>, time_factor: Option<In<'_, '_>>) -> Out<Decimal> {
        let customer_ltv = money("customer_ltv", customer_ltv)?;
        let conversion_rate = fraction("conversion_rate", conversion_rate)?;
        let cac = money("cac", cac)?;
        let nurture = ok(ltv_core::Money::named("nurture_cost", or_default("nurture_cost", nurture_cost, Decimal::ZERO)?))?;
        let time_factor = or_default("time_factor", time_factor, Decimal::ONE)?;
        ok(core::net_lead_ltv(customer_ltv, conversion_rate, cac, nurture, time_factor))
    }
    @columns _vec_net_lead_ltv(customer_ltv, conversion_rate, cac, nurture_cost, time_factor) => columns::NetLeadLtv;

    /// Present-value lead LTV: discounted by the months to close when they exceed `discount_after_months`.
    present_value_lead_ltv(*, customer_ltv, conversion_rate, months_to_close, annual_discount_rate = None, discount_after_months = None) text_signature = "(*, customer_ltv, conversion_rate, months_to_close, annual_discount_rate=0.1, discount_after_months=12)"
    fn(customer_ltv: In<'_, '_>, conversion_rate: In<'_, '_>, months_to_close: In<'_, '_>, annual_discount_rate: Option<In<'_, '_>>, discount_after_months: Option<In<'_, '_>>) -> Out<Decimal> {
        let customer_ltv = money("customer_ltv", customer_ltv)?;
        let conversion_rate = fraction("conversion_rate", conversion_rate)?;
        let months_to_close = months("months_to_close", months_to_close)?;
        let rules = lead_rules(annual_discount_rate, discount_after_months, None)?;
        ok(core::present_value_lead_ltv(customer_ltv, conversion_rate, months_to_close, rules))
    }
    @columns _vec_present_value_lead_ltv(customer_ltv, conversion_rate, months_to_close, annual_discount_rate,
        discount_after_months) => columns::PresentValueLeadLtv;

    /// One lead's value today: 0 for a zombie, otherwise the present-value lead LTV.
    lead_value(*, customer_ltv, conversion_probability, months_to_close, days_since_engagement, annual_discount_rate = None, discount_after_months = None, zombie_after_days = None) text_signature = "(*, customer_ltv, conversion_probability, months_to_close, days_since_engagement, annual_discount_rate=0.1, discount_after_months=12, zombie_after_days=180)"
    fn(customer_ltv: In<'_, '_>, conversion_probability: In<'_, '_>, months_to_close: In<'_, '_>, days_since_engagement: In<'_, '_>, annual_discount_rate: Option<In<'_, '_>>, discount_after_months: Option<In<'_, '_>>, zombie_after_days: Option<In<'_, '_>>) -> Out<Decimal> {
        let customer_ltv = money("customer_ltv", customer_ltv)?;
        let conversion_probability = fraction("conversion_probability", conversion_probability)?;
        let months_to_close = months("months_to_close", months_to_close)?;
        let days_since_engagement = days("days_since_engagement", days_since_engagement)?;
        let rules = lead_rules(annual_discount_rate, discount_after_months, zombie_after_days)?;
        ok(core::lead_value(customer_ltv, conversion_probability, months_to_close, days_since_engagement, rules))
    }
    @columns _vec_lead_value(customer_ltv, conversion_probability, months_to_close, days_since_engagement, annual_discount_rate,
        discount_after_months, zombie_after_days) => columns::LeadValue;

    /// Whether a lead with no engagement for `days_since_engagement` days is a zombie (worth 0).
    is_zombie(*, days_since_engagement, zombie_after_days = None) text_signature = "(*, days_since_engagement, zombie_after_days=180)"
    fn(days_since_engagement: In<'_, '_>, zombie_after_days: Option<In<'_, '_>>) -> PyResult<bool> {
        let days_since_engagement = days("days_since_engagement", days_since_engagement)?;
        let rules = lead_rules(None, None, zombie_after_days)?;
        Ok(rules.is_zombie(days_since_engagement))
    }

    /// Campaign value = leads x lead LTV.
    campaign_value(*, leads, lead_ltv)
    fn(leads: In<'_, '_>, lead_ltv: In<'_, '_>) -> Out<Decimal> {
        ok(core::campaign_value(count("leads", leads)?, money("lead_ltv", lead_ltv)?))
    }
    @columns _vec_campaign_value(leads, lead_ltv) => columns::CampaignValue;

    /// Bid cap: maximum cost per lead = lead LTV / target ratio.
    bid_cap(*, lead_ltv, target_ratio = None) text_signature = "(*, lead_ltv, target_ratio=3)"
    fn(lead_ltv: In<'_, '_>, target_ratio: Option<In<'_, '_>>) -> Out<Decimal> {
        let lead_ltv = money("lead_ltv", lead_ltv)?;
        let target = match present(target_ratio) {
            Some(t) => ratio("target_ratio", t)?,
            None => ok(ltv_core::Ratio::named("target_ratio", Decimal::from(3)))?,
        };
        ok(core::bid_cap(lead_ltv, target))
    }
    @columns _vec_bid_cap(lead_ltv, target_ratio) => columns::BidCap;

    /// Logo churn rate = customers lost / customers at the start.
    logo_churn_rate(*, customers_at_start, customers_lost)
    fn(customers_at_start: In<'_, '_>, customers_lost: In<'_, '_>) -> Out<Decimal> {
        ok(core::logo_churn_rate(
            count("customers_at_start", customers_at_start)?,
            count("customers_lost", customers_lost)?,
        ))
    }
    @columns _vec_logo_churn_rate(customers_at_start, customers_lost) => columns::LogoChurnRate;
}

// Conversions shared by the entries above.

type Out<T> = PyResult<T>;

fn ok<T>(r: core::Result<T>) -> Out<T> {
    Ok(r.map_err(PyLtvError)?)
}

/// A plain number that the core requires to be `>= 0` (`purchase_frequency`, `customer_lifespan`), checked as
/// soon as it is read (the core's own check, `Months` has the same one) so that a row with several bad inputs
/// names the same first field as `ltv.vec`, which reads and checks each value in turn.
fn non_negative(field: &'static str, obj: In<'_, '_>) -> PyResult<Decimal> {
    Ok(ok(ltv_core::Months::named(field, number(field, obj)?))?.get())
}

/// The default if the keyword was left out.
fn or_default(field: &'static str, obj: Option<In<'_, '_>>, default: Decimal) -> PyResult<Decimal> {
    Ok(optional_decimal(field, obj)?.unwrap_or(default))
}

/// The discount rate given as exactly one of `annual_discount_rate` and `monthly_discount_rate`.
pub(crate) fn one_discount_rate<T>(annual: Option<T>, monthly: Option<T>) -> PyResult<(T, &'static str, Period)> {
    match (annual, monthly) {
        (Some(a), None) => Ok((a, "annual_discount_rate", Period::Annual)),
        (None, Some(m)) => Ok((m, "monthly_discount_rate", Period::Monthly)),
        _ => Err(PyTypeError::new_err("give exactly one of annual_discount_rate and monthly_discount_rate")),
    }
}

fn present<'a, 'py>(obj: Option<In<'a, 'py>>) -> Option<In<'a, 'py>> {
    obj.filter(|o| !o.is_none())
}

pub(crate) fn health_bands(min: Option<In<'_, '_>>, max: Option<In<'_, '_>>) -> PyResult<HealthBands> {
    let healthy_min = or_default("healthy_min", min, Decimal::from(3))?;
    let healthy_max = or_default("healthy_max", max, Decimal::from(5))?;
    ok(HealthBands::new(healthy_min, healthy_max))
}

pub(crate) fn lead_rules(
    annual_discount_rate: Option<In<'_, '_>>,
    discount_after_months: Option<In<'_, '_>>,
    zombie_after_days: Option<In<'_, '_>>,
) -> PyResult<LeadRules> {
    let d = LeadRules::<Decimal>::default();
    let rate = match present(annual_discount_rate) {
        Some(r) => discount("annual_discount_rate", r, Period::Annual)?,
        None => d.discount_rate,
    };
    let after = match present(discount_after_months) {
        Some(m) => months("discount_after_months", m)?,
        None => d.discount_after_months,
    };
    let zombie = match present(zombie_after_days) {
        Some(z) => days("zombie_after_days", z)?,
        None => d.zombie_after_days,
    };
    Ok(LeadRules::new(rate, after, zombie))
}
