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
            // The doc is the Python docstring (numpydoc): its `>>>` examples are not Markdown block quotes.
            #[allow(clippy::doc_lazy_continuation)]
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
    ///
    /// The classic e-commerce LTV: revenue (or, with ``gross_margin``, margin) per customer over their lifespan.
    ///
    /// Parameters
    /// ----------
    /// average_purchase_value : int, float, str or Decimal
    ///     Revenue of an average order, in your currency, >= 0.
    /// purchase_frequency : int, float, str or Decimal
    ///     Orders per customer per period (the same period as ``customer_lifespan``), >= 0.
    /// customer_lifespan : int, float, str or Decimal
    ///     Expected customer lifespan, in periods, >= 0.
    /// gross_margin : int, float, str or Decimal or None, default None
    ///     Gross margin as a fraction in [0, 1] (80 % is ``0.8``); ``None`` values revenue, not margin.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The LTV per customer, in the currency of ``average_purchase_value``.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative amount, frequency or lifespan, or a margin outside [0, 1] (``.field`` names it).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> ltv.purchase_ltv(average_purchase_value=50, purchase_frequency=4, customer_lifespan=3)
    /// Decimal('600')
    /// >>> ltv.purchase_ltv(average_purchase_value=50, purchase_frequency=4, customer_lifespan=3, gross_margin=0.6)
    /// Decimal('360.0')
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
    ///
    /// Parameters
    /// ----------
    /// average_monthly_revenue : int, float, str or Decimal
    ///     Revenue per customer per month, in your currency, >= 0.
    /// lifespan_months : int, float, str or Decimal
    ///     Expected lifespan in months, >= 0 (see :func:`lifespan_from_churn`).
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     Revenue per customer over the lifespan, in the currency of ``average_monthly_revenue``.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative revenue or lifespan (``.field`` names it).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> ltv.subscription_ltv(average_monthly_revenue=99, lifespan_months=24)
    /// Decimal('2376')
    subscription_ltv(*, average_monthly_revenue, lifespan_months)
    fn(average_monthly_revenue: In<'_, '_>, lifespan_months: In<'_, '_>) -> Out<Decimal> {
        ok(core::subscription_ltv(
            money("average_monthly_revenue", average_monthly_revenue)?,
            months("lifespan_months", lifespan_months)?,
        ))
    }
    @columns _vec_subscription_ltv(average_monthly_revenue, lifespan_months) => columns::SubscriptionLtv;

    /// Expected lifespan in months = 1 / monthly churn.
    ///
    /// Parameters
    /// ----------
    /// monthly_churn : int, float, str or Decimal
    ///     Churn per month as a fraction: [0, 1] for ``"logo"`` and ``"gross_revenue"``, [-1, 1] for ``"net_revenue"``
    ///     (3 % is ``0.03``).
    /// churn_basis : {"logo", "gross_revenue", "net_revenue"}, default "logo"
    ///     What the churn counts: customers lost, revenue lost, or revenue lost net of expansion.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The expected lifespan, in months.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A churn out of range or an unknown ``churn_basis`` (``.field`` names it).
    /// ZeroChurnError
    ///     Zero churn: the lifespan is unbounded.
    /// NegativeNetChurnError
    ///     Net revenue churn <= 0 (expansion outweighs losses).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> ltv.lifespan_from_churn(monthly_churn=0.04)
    /// Decimal('25')
    lifespan_from_churn(*, monthly_churn, churn_basis = Choice::Default("logo")) text_signature = "(*, monthly_churn, churn_basis='logo')"
    fn(monthly_churn: In<'_, '_>, churn_basis: Choice) -> Out<Decimal> {
        let basis = crate::convert::churn_basis(&churn_basis)?;
        Ok(ok(core::lifespan_from_churn(churn("monthly_churn", monthly_churn, Period::Monthly, basis)?))?.get())
    }
    @columns _vec_lifespan_from_churn(monthly_churn; churn_basis: Choice)
        => columns::LifespanFromChurn { churn_basis: option::<ChurnBasis>(&churn_basis)? };

    /// SaaS LTV = ARPU x gross margin / monthly churn.
    ///
    /// The undiscounted margin a customer brings over an expected lifespan of 1 / churn months; see
    /// :func:`discounted_ltv` for the discounted form and a horizon.
    ///
    /// Parameters
    /// ----------
    /// arpu : int, float, str or Decimal
    ///     Average revenue per user (account) per month, in your currency, >= 0.
    /// gross_margin : int, float, str or Decimal
    ///     Gross margin as a fraction in [0, 1] (80 % is ``0.8``).
    /// monthly_churn : int, float, str or Decimal
    ///     Churn per month as a fraction (3 % is ``0.03``): [0, 1], or [-1, 1] for ``"net_revenue"``.
    /// churn_basis : {"logo", "gross_revenue", "net_revenue"}, default "logo"
    ///     What the churn counts: customers lost, revenue lost, or revenue lost net of expansion.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The LTV per customer, in the currency of ``arpu``.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative ARPU, or a margin or churn out of range (``.field`` and ``.value`` name it; the message suggests
    ///     ``0.80`` for ``80``), or an unknown ``churn_basis``.
    /// ZeroChurnError
    ///     Zero churn: the LTV is unbounded (use :func:`discounted_ltv`).
    /// NegativeNetChurnError
    ///     Net revenue churn <= 0.
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> from decimal import Decimal
    /// >>> ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03).quantize(Decimal("0.01"))
    /// Decimal('13333.33')
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
    ///
    /// Parameters
    /// ----------
    /// annual_churn : int, float, str or Decimal
    ///     Churn per year as a fraction (30 % is ``0.3``): [0, 1], or [-1, 1] for ``"net_revenue"``.
    /// churn_basis : {"logo", "gross_revenue", "net_revenue"}, default "logo"
    ///     What the churn counts (the basis carries over to the monthly rate).
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The equivalent churn per month, as a fraction.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A churn out of range or an unknown ``churn_basis`` (``.field`` names it).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> from decimal import Decimal
    /// >>> ltv.monthly_churn_from_annual(annual_churn=0.3).quantize(Decimal("0.0001"))
    /// Decimal('0.0293')
    monthly_churn_from_annual(*, annual_churn, churn_basis = Choice::Default("logo")) text_signature = "(*, annual_churn, churn_basis='logo')"
    fn(annual_churn: In<'_, '_>, churn_basis: Choice) -> Out<Decimal> {
        let basis = crate::convert::churn_basis(&churn_basis)?;
        ok(churn("annual_churn", annual_churn, Period::Annual, basis)?.monthly_rate())
    }
    @columns _vec_monthly_churn_from_annual(annual_churn; churn_basis: Choice)
        => columns::MonthlyChurnFromAnnual { churn_basis: option::<ChurnBasis>(&churn_basis)? };

    /// Monthly rate from an annual rate by compounding: (1 + annual)^(1/12) - 1.
    ///
    /// Parameters
    /// ----------
    /// annual_rate : int, float, str or Decimal
    ///     A rate per year as a fraction in [0, 1] (a 10 % cost of capital is ``0.1``).
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The equivalent compound rate per month, as a fraction.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A rate outside [0, 1] (``.field`` names it).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> from decimal import Decimal
    /// >>> ltv.annual_to_monthly_rate(annual_rate=0.1).quantize(Decimal("0.000001"))
    /// Decimal('0.007974')
    annual_to_monthly_rate(*, annual_rate)
    fn(annual_rate: In<'_, '_>) -> Out<Decimal> {
        ok(discount("annual_rate", annual_rate, Period::Annual)?.monthly_rate())
    }
    @columns _vec_annual_to_monthly_rate(annual_rate) => columns::AnnualToMonthlyRate;

    /// Discounted SaaS LTV with payment timing and an optional horizon.
    ///
    /// The present value of ``monthly_margin`` paid each month a customer is still active (survival ``(1 - churn)^t``),
    /// discounted at the monthly rate; with ``horizon_months`` only the first months are valued. Zero churn is valid
    /// here (the discount bounds the sum).
    ///
    /// Parameters
    /// ----------
    /// monthly_margin : int, float, str or Decimal
    ///     Margin per customer per month (ARPU x gross margin), in your currency, >= 0.
    /// monthly_churn : int, float, str or Decimal
    ///     Churn per month as a fraction: [0, 1], or [-1, 1] for ``"net_revenue"``.
    /// annual_discount_rate : int, float, str or Decimal or None
    ///     Cost of capital per year in [0, 1], compounded to a monthly rate. Give this or ``monthly_discount_rate``.
    /// monthly_discount_rate : int, float, str or Decimal or None
    ///     Cost of capital per month in [0, 1]. Give exactly one of the two rates.
    /// timing : {"start_of_period", "end_of_period", "end_of_period_survivors"}, default "start_of_period"
    ///     When each month's margin is paid: at its start (month 0 undiscounted), at its end, or at its end by the
    ///     customers who survive it.
    /// horizon_months : int or None, default None
    ///     Months valued; ``None`` values the whole lifetime.
    /// churn_basis : {"logo", "gross_revenue", "net_revenue"}, default "logo"
    ///     What the churn counts.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The present value per customer, in the currency of ``monthly_margin``.
    ///
    /// Raises
    /// ------
    /// TypeError
    ///     Both or neither discount rate given.
    /// InvalidInputError
    ///     A value out of range or an unknown option (``.field`` names it).
    /// DivergenceError
    ///     The sum does not converge (zero churn and zero discount without a horizon).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> from decimal import Decimal
    /// >>> ltv.discounted_ltv(monthly_margin=400, monthly_churn=0.03, annual_discount_rate=0.1).quantize(Decimal("0.01"))
    /// Decimal('10617.48')
    /// >>> ltv.discounted_ltv(monthly_margin=400, monthly_churn=0.03, annual_discount_rate=0.1,
    /// ...                    horizon_months=36).quantize(Decimal("0.01"))
    /// Decimal('7952.92')
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
    ///
    /// Parameters
    /// ----------
    /// revenue : int, float, str or Decimal
    ///     Revenue per customer per period, in your currency, >= 0.
    /// gross_margin : int, float, str or Decimal
    ///     Gross margin as a fraction in [0, 1].
    /// retention : int, float, str or Decimal
    ///     Share of customers retained from one period to the next, in [0, 1].
    /// discount_rate : int, float, str or Decimal
    ///     Cost of capital per period (``period``), in [0, 1].
    /// periods : int
    ///     Number of periods valued, a whole number >= 0 (a float is a ``TypeError``).
    /// period : {"monthly", "annual"}, default "annual"
    ///     The length of one period (of ``revenue``, ``retention`` and ``discount_rate``).
    /// timing : {"start_of_period", "end_of_period", "end_of_period_survivors"}, default "start_of_period"
    ///     When each period's revenue is paid.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The present value per customer over ``periods`` periods, in the currency of ``revenue``.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A value out of range, a negative ``periods``, or an unknown option (``.field`` names it).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> from decimal import Decimal
    /// >>> ltv.retention_cltv(revenue=1000, gross_margin=0.7, retention=0.8, discount_rate=0.1,
    /// ...                    periods=5).quantize(Decimal("0.01"))
    /// Decimal('2044.44')
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
    ///
    /// Parameters
    /// ----------
    /// ltv : int, float, str or Decimal
    ///     Customer lifetime value, in your currency, >= 0.
    /// cac : int, float, str or Decimal
    ///     Customer acquisition cost, in the same currency, > 0.
    /// healthy_min : int, float, str or Decimal, default 3
    ///     Lowest healthy ratio (below it: ``"overspending"``), > 0.
    /// healthy_max : int, float, str or Decimal, default 5
    ///     Highest healthy ratio (above it: ``"under_investing"``), >= ``healthy_min``.
    ///
    /// Returns
    /// -------
    /// LtvCacRatio
    ///     ``.ratio`` (Decimal), ``.band`` (``"overspending"``, ``"healthy"`` or ``"under_investing"``) and the bounds.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative LTV, a CAC of 0 or below, or bands that are not positive and ordered (``.field`` names it).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> ltv.ltv_cac_ratio(ltv=12000, cac=3000)
    /// LtvCacRatio(ratio=4, band='healthy', healthy_min=3, healthy_max=5)
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
    ///
    /// Parameters
    /// ----------
    /// ltv : int, float, str or Decimal
    ///     Customer lifetime value, in your currency, >= 0.
    /// target_ratio : int, float, str or Decimal, default 3
    ///     The LTV:CAC ratio to hold, > 0.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The most you can pay to acquire a customer, in the currency of ``ltv``.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative LTV or a target ratio of 0 or below (``.field`` names it).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> ltv.max_cac(ltv=12000)
    /// Decimal('4000')
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
    ///
    /// Parameters
    /// ----------
    /// cac : int, float, str or Decimal
    ///     Customer acquisition cost, in your currency, >= 0.
    /// arpu : int, float, str or Decimal
    ///     Average revenue per user per month, in the same currency, >= 0.
    /// gross_margin : int, float, str or Decimal
    ///     Gross margin as a fraction in [0, 1].
    /// target_months : int, float, str or Decimal, default 18
    ///     The payback target, in months, >= 0.
    ///
    /// Returns
    /// -------
    /// CacPayback
    ///     ``.months`` (Decimal), ``.target_months`` and ``.meets_target`` (``months <= target_months``).
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A value out of range (``.field`` names it).
    /// UndefinedError
    ///     ARPU x gross margin is 0: the CAC is never paid back.
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> ltv.cac_payback_months(cac=3000, arpu=500, gross_margin=0.8)
    /// CacPayback(months=7.5, target_months=18, meets_target=True)
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
    ///
    /// Parameters
    /// ----------
    /// customer_ltv : int, float, str or Decimal
    ///     Lifetime value of a converted customer, in your currency, >= 0.
    /// conversion_rate : int, float, str or Decimal
    ///     Share of leads that become customers, in [0, 1] (5 % is ``0.05``).
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The expected value of one lead, in the currency of ``customer_ltv``.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative LTV or a rate outside [0, 1] (``.field`` names it).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> ltv.lead_ltv(customer_ltv=12000, conversion_rate=0.05)
    /// Decimal('600.00')
    lead_ltv(*, customer_ltv, conversion_rate)
    fn(customer_ltv: In<'_, '_>, conversion_rate: In<'_, '_>) -> Out<Decimal> {
        ok(core::lead_ltv(money("customer_ltv", customer_ltv)?, fraction("conversion_rate", conversion_rate)?))
    }
    @columns _vec_lead_ltv(customer_ltv, conversion_rate) => columns::LeadLtv;

    /// Net lead LTV = customer LTV x conversion - (CAC + nurture cost) x time factor.
    ///
    /// Parameters
    /// ----------
    /// customer_ltv : int, float, str or Decimal
    ///     Lifetime value of a converted customer, in your currency, >= 0.
    /// conversion_rate : int, float, str or Decimal
    ///     Share of leads that become customers, in [0, 1].
    /// cac : int, float, str or Decimal
    ///     Acquisition cost per lead, in the same currency, >= 0.
    /// nurture_cost : int, float, str or Decimal, default 0
    ///     Cost of nurturing one lead, in the same currency, >= 0.
    /// time_factor : int, float, str or Decimal, default 1
    ///     Multiplier of the costs (for example months of nurturing), >= 0.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The expected net value of one lead (negative when the costs outweigh it), in the currency of ``customer_ltv``.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A value out of range (``.field`` names it).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> ltv.net_lead_ltv(customer_ltv=12000, conversion_rate=0.05, cac=300, nurture_cost=50)
    /// Decimal('250.00')
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

    /// Present-value lead LTV: discounted by the months to close when they exceed ``discount_after_months``.
    ///
    /// Parameters
    /// ----------
    /// customer_ltv : int, float, str or Decimal
    ///     Lifetime value of a converted customer, in your currency, >= 0.
    /// conversion_rate : int, float, str or Decimal
    ///     Share of leads that become customers, in [0, 1].
    /// months_to_close : int, float, str or Decimal
    ///     Expected months until the lead closes, >= 0.
    /// annual_discount_rate : int, float, str or Decimal, default 0.1
    ///     Cost of capital per year, in [0, 1].
    /// discount_after_months : int, float, str or Decimal, default 12
    ///     Leads closing within this many months are not discounted, >= 0.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The present value of one lead, in the currency of ``customer_ltv``.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A value out of range (``.field`` names it).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> from decimal import Decimal
    /// >>> ltv.present_value_lead_ltv(customer_ltv=12000, conversion_rate=0.05, months_to_close=18).quantize(Decimal("0.01"))
    /// Decimal('520.07')
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
    ///
    /// Parameters
    /// ----------
    /// customer_ltv : int, float, str or Decimal
    ///     Lifetime value of a converted customer, in your currency, >= 0.
    /// conversion_probability : int, float, str or Decimal
    ///     This lead's probability of converting, in [0, 1].
    /// months_to_close : int, float, str or Decimal
    ///     Expected months until the lead closes, >= 0.
    /// days_since_engagement : int, float, str or Decimal
    ///     Days since the lead last engaged, >= 0.
    /// annual_discount_rate : int, float, str or Decimal, default 0.1
    ///     Cost of capital per year, in [0, 1].
    /// discount_after_months : int, float, str or Decimal, default 12
    ///     Leads closing within this many months are not discounted, >= 0.
    /// zombie_after_days : int, float, str or Decimal, default 180
    ///     A lead silent for longer than this many days is a zombie, worth 0.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The lead's value, in the currency of ``customer_ltv`` (0 for a zombie).
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A value out of range (``.field`` names it).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> from decimal import Decimal
    /// >>> ltv.lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18,
    /// ...                days_since_engagement=30).quantize(Decimal("0.01"))
    /// Decimal('520.07')
    /// >>> ltv.lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18, days_since_engagement=200)
    /// Decimal('0')
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

    /// Whether a lead with no engagement for ``days_since_engagement`` days is a zombie (worth 0).
    ///
    /// Parameters
    /// ----------
    /// days_since_engagement : int, float, str or Decimal
    ///     Days since the lead last engaged, >= 0.
    /// zombie_after_days : int, float, str or Decimal, default 180
    ///     The silence, in days, after which a lead is a zombie, >= 0.
    ///
    /// Returns
    /// -------
    /// bool
    ///     ``True`` when ``days_since_engagement > zombie_after_days``.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative number of days (``.field`` names it).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> ltv.is_zombie(days_since_engagement=200)
    /// True
    is_zombie(*, days_since_engagement, zombie_after_days = None) text_signature = "(*, days_since_engagement, zombie_after_days=180)"
    fn(days_since_engagement: In<'_, '_>, zombie_after_days: Option<In<'_, '_>>) -> PyResult<bool> {
        let days_since_engagement = days("days_since_engagement", days_since_engagement)?;
        let rules = lead_rules(None, None, zombie_after_days)?;
        Ok(rules.is_zombie(days_since_engagement))
    }

    /// Campaign value = leads x lead LTV.
    ///
    /// Parameters
    /// ----------
    /// leads : int
    ///     Number of leads, a whole number >= 0.
    /// lead_ltv : int, float, str or Decimal
    ///     Value of one lead (see :func:`lead_ltv`), in your currency, >= 0.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The campaign's expected value, in the currency of ``lead_ltv``.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative or fractional count, or a negative value (``.field`` names it).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> ltv.campaign_value(leads=1000, lead_ltv=600)
    /// Decimal('600000')
    campaign_value(*, leads, lead_ltv)
    fn(leads: In<'_, '_>, lead_ltv: In<'_, '_>) -> Out<Decimal> {
        ok(core::campaign_value(count("leads", leads)?, money("lead_ltv", lead_ltv)?))
    }
    @columns _vec_campaign_value(leads, lead_ltv) => columns::CampaignValue;

    /// Bid cap: maximum cost per lead = lead LTV / target ratio.
    ///
    /// Parameters
    /// ----------
    /// lead_ltv : int, float, str or Decimal
    ///     Value of one lead, in your currency, >= 0.
    /// target_ratio : int, float, str or Decimal, default 3
    ///     The value-to-cost ratio to hold, > 0.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The most to pay for one lead, in the currency of ``lead_ltv``.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative value or a target ratio of 0 or below (``.field`` names it).
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> ltv.bid_cap(lead_ltv=600)
    /// Decimal('200')
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
    ///
    /// Parameters
    /// ----------
    /// customers_at_start : int
    ///     Customers at the start of the period, a whole number > 0.
    /// customers_lost : int
    ///     Customers lost during the period, a whole number in [0, ``customers_at_start``].
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The churn rate of the period, a fraction in [0, 1].
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative or fractional count, or more customers lost than there were (``.field`` names it).
    /// UndefinedError
    ///     No customers at the start.
    /// TypeError
    ///     A ``bool``, ``None`` or non-number input.
    /// NotFiniteError
    ///     A NaN or infinite input.
    /// LtvOverflowError
    ///     The result exceeds the exact number range.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> ltv.logo_churn_rate(customers_at_start=200, customers_lost=6)
    /// Decimal('0.03')
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
