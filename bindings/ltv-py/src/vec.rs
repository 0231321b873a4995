//! Vectorised formulas: float64 columns in, one fused pass in Rust with the GIL released, float64 out.
//!
//! Each column is a contiguous float64 array of length 1 (broadcast) or n. Every row runs the same core
//! formula with the same validation as the scalar API, instantiated on `f64`. With `errors="raise"` the
//! first bad row raises its `LtvError` (naming the row); with `errors="nan"` bad rows become NaN. Inputs of
//! at least [`PARALLEL_MIN_ROWS`] rows run on all cores (rayon) unless parallelism is switched off.

use std::sync::atomic::{AtomicBool, Ordering};

use ltv_core as core;
use ltv_core::{
    Churn, Days, DiscountRate, Fraction, HealthBand, HealthBands, LeadRules, LtvError as CoreError, Money, Months,
    MrrMovements, Period, Ratio,
};
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use rayon::prelude::*;

use crate::errors::{PyLtvError, to_py_row};
use crate::scalar::one_discount_rate;

/// Inputs at least this long run in parallel (when allowed).
pub const PARALLEL_MIN_ROWS: usize = 1 << 20;
const CHUNK: usize = 1 << 16;

static PARALLEL_ALLOWED: AtomicBool = AtomicBool::new(true);
static NUMPY_EMPTY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Switches multi-threading off for this process (called in a forked child, where rayon's pool is unusable).
#[pyfunction]
pub fn _disable_parallelism() {
    PARALLEL_ALLOWED.store(false, Ordering::Relaxed);
}

type Col<'py> = PyReadonlyArray1<'py, f64>;
type Out<'py> = PyResult<Bound<'py, PyArray1<f64>>>;

#[derive(Clone, Copy, PartialEq)]
enum OnError {
    Raise,
    Nan,
}

fn on_error(errors: &str) -> PyResult<OnError> {
    match errors {
        "raise" => Ok(OnError::Raise),
        "nan" => Ok(OnError::Nan),
        other => Err(PyValueError::new_err(format!("errors must be 'raise' or 'nan', got '{other}'"))),
    }
}

/// Fills `out` (rows `offset..`) from `cols`, stopping at the first error when raising.
fn fill<const K: usize, F>(
    cols: &[&[f64]; K],
    offset: usize,
    out: &mut [f64],
    mode: OnError,
    f: &F,
) -> Result<(), (usize, CoreError)>
where
    F: Fn([f64; K]) -> core::Result<f64> + Sync,
{
    if cols.iter().all(|c| c.len() != 1) {
        // No broadcasting: every column is indexed by the row itself.
        let cols: [&[f64]; K] = std::array::from_fn(|k| &cols[k][offset..offset + out.len()]);
        fill_rows(out, offset, mode, |j| f(std::array::from_fn(|k| cols[k][j])))
    } else {
        let strides: [usize; K] = std::array::from_fn(|k| usize::from(cols[k].len() != 1));
        fill_rows(out, offset, mode, |j| f(std::array::from_fn(|k| cols[k][(offset + j) * strides[k]])))
    }
}

#[inline(always)]
fn fill_rows(
    out: &mut [f64],
    offset: usize,
    mode: OnError,
    row: impl Fn(usize) -> core::Result<f64>,
) -> Result<(), (usize, CoreError)> {
    match mode {
        OnError::Raise => {
            for (j, slot) in out.iter_mut().enumerate() {
                *slot = row(j).map_err(|e| (offset + j, e))?;
            }
        }
        OnError::Nan => {
            for (j, slot) in out.iter_mut().enumerate() {
                *slot = row(j).unwrap_or(f64::NAN);
            }
        }
    }
    Ok(())
}

fn compute<const K: usize, F>(
    cols: [&[f64]; K],
    out: &mut [f64],
    mode: OnError,
    parallel: bool,
    f: F,
) -> Result<(), (usize, CoreError)>
where
    F: Fn([f64; K]) -> core::Result<f64> + Sync,
{
    if parallel && out.len() >= PARALLEL_MIN_ROWS && PARALLEL_ALLOWED.load(Ordering::Relaxed) {
        // Each chunk stops at its own first error; the smallest row among them is the first bad row.
        let first_error = out
            .par_chunks_mut(CHUNK)
            .enumerate()
            .filter_map(|(c, chunk)| fill(&cols, c * CHUNK, chunk, mode, &f).err())
            .min_by_key(|(i, _)| *i);
        first_error.map_or(Ok(()), Err)
    } else {
        fill(&cols, 0, out, mode, &f)
    }
}

/// Runs `f` over the rows of `columns` (named `names` in errors about their lengths).
fn run<'py, const K: usize, F>(
    py: Python<'py>,
    names: [&str; K],
    columns: [&Col<'py>; K],
    errors: &str,
    parallel: bool,
    f: F,
) -> Out<'py>
where
    F: Fn([f64; K]) -> core::Result<f64> + Sync + Send,
{
    let mode = on_error(errors)?;
    let mut slices: [&[f64]; K] = [&[]; K];
    for k in 0..K {
        slices[k] = columns[k]
            .as_slice()
            .map_err(|_| PyTypeError::new_err(format!("{}: expected a contiguous float64 array", names[k])))?;
    }
    // Length-1 columns broadcast against the others, including an empty one (0 rows in, 0 rows out).
    let n = slices.iter().map(|s| s.len()).find(|&len| len != 1).unwrap_or(1);
    for k in 0..K {
        let len = slices[k].len();
        if len != n && len != 1 {
            return Err(PyValueError::new_err(format!(
                "mismatched lengths: {} has {len} rows, expected {n} (or 1 to broadcast)",
                names[k]
            )));
        }
    }
    if slices.iter().any(|s| s.is_empty()) {
        return Ok(PyArray1::zeros(py, 0, false));
    }
    // The output is the only allocation: `numpy.empty(n)` (numpy asks for huge pages on large arrays and,
    // unlike `zeros`, does not write the buffer first), filled in place without the GIL.
    let out = NUMPY_EMPTY.import(py, "numpy", "empty")?.call1((n,))?.cast_into::<PyArray1<f64>>()?;
    let result = {
        let mut writer = out.readwrite();
        let values = writer.as_slice_mut().map_err(|_| PyValueError::new_err("output array is not contiguous"))?;
        py.detach(|| compute(slices, values, mode, parallel, f))
    };
    match result {
        Ok(()) => Ok(out),
        Err((row, e)) => Err(to_py_row(py, e, row)),
    }
}

fn py_err(e: CoreError) -> PyErr {
    PyLtvError(e).into()
}

/// A whole, non-negative count stored in a float column.
fn count(field: &'static str, x: f64) -> core::Result<u32> {
    if !x.is_finite() {
        return Err(CoreError::NotFinite { field, value: x.to_string() });
    }
    if x < 0.0 || x.fract() != 0.0 || x > f64::from(u32::MAX) {
        return Err(CoreError::InvalidInput {
            field,
            value: x.to_string(),
            allowed: "a whole number from 0 to 4294967295",
            suggestion: None,
        });
    }
    // In range and integral, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(x as u32)
}

#[pyfunction]
#[pyo3(signature = (average_purchase_value, purchase_frequency, customer_lifespan, gross_margin, has_margin, errors, parallel))]
#[allow(clippy::too_many_arguments)]
pub fn _vec_purchase_ltv<'py>(
    py: Python<'py>,
    average_purchase_value: Col<'py>,
    purchase_frequency: Col<'py>,
    customer_lifespan: Col<'py>,
    gross_margin: Col<'py>,
    has_margin: bool,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    run(
        py,
        ["average_purchase_value", "purchase_frequency", "customer_lifespan", "gross_margin"],
        [&average_purchase_value, &purchase_frequency, &customer_lifespan, &gross_margin],
        errors,
        parallel,
        |[apv, freq, life, gm]| {
            let margin = if has_margin { Some(Fraction::named("gross_margin", gm)?) } else { None };
            core::purchase_ltv(Money::named("average_purchase_value", apv)?, freq, life, margin)
        },
    )
}

#[pyfunction]
pub fn _vec_subscription_ltv<'py>(
    py: Python<'py>,
    average_monthly_revenue: Col<'py>,
    lifespan_months: Col<'py>,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    run(
        py,
        ["average_monthly_revenue", "lifespan_months"],
        [&average_monthly_revenue, &lifespan_months],
        errors,
        parallel,
        |[r, m]| {
            core::subscription_ltv(Money::named("average_monthly_revenue", r)?, Months::named("lifespan_months", m)?)
        },
    )
}

#[pyfunction]
pub fn _vec_lifespan_from_churn<'py>(
    py: Python<'py>,
    monthly_churn: Col<'py>,
    churn_basis: &str,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    let basis = crate::convert::churn_basis(churn_basis)?;
    run(py, ["monthly_churn"], [&monthly_churn], errors, parallel, |[c]| {
        Ok(core::lifespan_from_churn(Churn::named("monthly_churn", c, Period::Monthly, basis)?)?.get())
    })
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _vec_saas_ltv<'py>(
    py: Python<'py>,
    arpu: Col<'py>,
    gross_margin: Col<'py>,
    monthly_churn: Col<'py>,
    churn_basis: &str,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    let basis = crate::convert::churn_basis(churn_basis)?;
    run(
        py,
        ["arpu", "gross_margin", "monthly_churn"],
        [&arpu, &gross_margin, &monthly_churn],
        errors,
        parallel,
        |[a, g, c]| {
            core::saas_ltv(
                Money::named("arpu", a)?,
                Fraction::named("gross_margin", g)?,
                Churn::named("monthly_churn", c, Period::Monthly, basis)?,
            )
        },
    )
}

#[pyfunction]
pub fn _vec_monthly_churn_from_annual<'py>(
    py: Python<'py>,
    annual_churn: Col<'py>,
    churn_basis: &str,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    let basis = crate::convert::churn_basis(churn_basis)?;
    run(py, ["annual_churn"], [&annual_churn], errors, parallel, |[a]| {
        Churn::named("annual_churn", a, Period::Annual, basis)?.monthly_rate()
    })
}

#[pyfunction]
pub fn _vec_annual_to_monthly_rate<'py>(
    py: Python<'py>,
    annual_rate: Col<'py>,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    run(py, ["annual_rate"], [&annual_rate], errors, parallel, |[a]| {
        DiscountRate::named("annual_rate", a, Period::Annual)?.monthly_rate()
    })
}

#[pyfunction]
#[pyo3(signature = (monthly_margin, monthly_churn, annual_discount_rate, monthly_discount_rate, timing, horizon_months, churn_basis, errors, parallel))]
#[allow(clippy::too_many_arguments)]
pub fn _vec_discounted_ltv<'py>(
    py: Python<'py>,
    monthly_margin: Col<'py>,
    monthly_churn: Col<'py>,
    annual_discount_rate: Option<Col<'py>>,
    monthly_discount_rate: Option<Col<'py>>,
    timing: &str,
    horizon_months: Option<Bound<'py, PyAny>>,
    churn_basis: &str,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    let horizon_months = crate::convert::optional_count("horizon_months", horizon_months.as_ref())?;
    let basis = crate::convert::churn_basis(churn_basis)?;
    let timing = crate::convert::timing(timing)?;
    let (rate, field, period) = one_discount_rate(annual_discount_rate, monthly_discount_rate)?;
    run(
        py,
        ["monthly_margin", "monthly_churn", field],
        [&monthly_margin, &monthly_churn, &rate],
        errors,
        parallel,
        |[m, c, d]| {
            core::discounted_ltv(
                Money::named("monthly_margin", m)?,
                Churn::named("monthly_churn", c, Period::Monthly, basis)?,
                DiscountRate::named(field, d, period)?,
                timing,
                horizon_months,
            )
        },
    )
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _vec_retention_cltv<'py>(
    py: Python<'py>,
    revenue: Col<'py>,
    gross_margin: Col<'py>,
    retention: Col<'py>,
    discount_rate: Col<'py>,
    periods: Bound<'py, PyAny>,
    period: &str,
    timing: &str,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    let periods = crate::convert::count("periods", &periods)?;
    let period = crate::convert::period(period)?;
    let timing = crate::convert::timing(timing)?;
    run(
        py,
        ["revenue", "gross_margin", "retention", "discount_rate"],
        [&revenue, &gross_margin, &retention, &discount_rate],
        errors,
        parallel,
        |[r, g, k, d]| {
            core::retention_cltv(
                Money::named("revenue", r)?,
                Fraction::named("gross_margin", g)?,
                Fraction::named("retention", k)?,
                DiscountRate::named("discount_rate", d, period)?,
                periods,
                period,
                timing,
            )
        },
    )
}

#[pyfunction]
pub fn _vec_ltv_cac_ratio<'py>(
    py: Python<'py>,
    ltv: Col<'py>,
    cac: Col<'py>,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    run(py, ["ltv", "cac"], [&ltv, &cac], errors, parallel, |[l, c]| {
        Ok(core::ltv_cac_ratio(Money::named("ltv", l)?, Money::named("cac", c)?, HealthBands::default())?.ratio)
    })
}

/// Band codes: 0 overspending, 1 healthy, 2 under-investing.
#[pyfunction]
pub fn _vec_ltv_cac_band<'py>(
    py: Python<'py>,
    ratio: Col<'py>,
    healthy_min: f64,
    healthy_max: f64,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    let bands = HealthBands::new(healthy_min, healthy_max).map_err(py_err)?;
    run(py, ["ratio"], [&ratio], errors, parallel, |[r]| {
        // Any finite ratio >= 0 has a band (0 is overspending): the same check as an amount.
        let r = Money::named("ratio", r)?.get();
        Ok(match bands.classify(r) {
            HealthBand::Overspending => 0.0,
            HealthBand::Healthy => 1.0,
            _ => 2.0,
        })
    })
}

#[pyfunction]
pub fn _vec_max_cac<'py>(
    py: Python<'py>,
    ltv: Col<'py>,
    target_ratio: Col<'py>,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    run(py, ["ltv", "target_ratio"], [&ltv, &target_ratio], errors, parallel, |[l, t]| {
        core::max_cac(Money::named("ltv", l)?, Ratio::named("target_ratio", t)?)
    })
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _vec_cac_payback_months<'py>(
    py: Python<'py>,
    cac: Col<'py>,
    arpu: Col<'py>,
    gross_margin: Col<'py>,
    target_months: Col<'py>,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    run(
        py,
        ["cac", "arpu", "gross_margin", "target_months"],
        [&cac, &arpu, &gross_margin, &target_months],
        errors,
        parallel,
        |[c, a, g, t]| {
            Ok(core::cac_payback_months(
                Money::named("cac", c)?,
                Money::named("arpu", a)?,
                Fraction::named("gross_margin", g)?,
                Months::named("target_months", t)?,
            )?
            .months)
        },
    )
}

#[pyfunction]
pub fn _vec_lead_ltv<'py>(
    py: Python<'py>,
    customer_ltv: Col<'py>,
    conversion_rate: Col<'py>,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    run(py, ["customer_ltv", "conversion_rate"], [&customer_ltv, &conversion_rate], errors, parallel, |[l, c]| {
        core::lead_ltv(Money::named("customer_ltv", l)?, Fraction::named("conversion_rate", c)?)
    })
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _vec_net_lead_ltv<'py>(
    py: Python<'py>,
    customer_ltv: Col<'py>,
    conversion_rate: Col<'py>,
    cac: Col<'py>,
    nurture_cost: Col<'py>,
    time_factor: Col<'py>,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    run(
        py,
        ["customer_ltv", "conversion_rate", "cac", "nurture_cost", "time_factor"],
        [&customer_ltv, &conversion_rate, &cac, &nurture_cost, &time_factor],
        errors,
        parallel,
        |[l, c, a, n, t]| {
            core::net_lead_ltv(
                Money::named("customer_ltv", l)?,
                Fraction::named("conversion_rate", c)?,
                Money::named("cac", a)?,
                Money::named("nurture_cost", n)?,
                t,
            )
        },
    )
}

fn rules(rate: f64, after: f64, zombie: f64) -> core::Result<LeadRules<f64>> {
    Ok(LeadRules::new(
        DiscountRate::named("annual_discount_rate", rate, Period::Annual)?,
        Months::named("discount_after_months", after)?,
        Days::named("zombie_after_days", zombie)?,
    ))
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _vec_lead_value<'py>(
    py: Python<'py>,
    customer_ltv: Col<'py>,
    conversion_rate: Col<'py>,
    months_to_close: Col<'py>,
    days_since_engagement: Col<'py>,
    annual_discount_rate: Col<'py>,
    discount_after_months: Col<'py>,
    zombie_after_days: Col<'py>,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    run(
        py,
        [
            "customer_ltv",
            "conversion_rate",
            "months_to_close",
            "days_since_engagement",
            "annual_discount_rate",
            "discount_after_months",
            "zombie_after_days",
        ],
        [
            &customer_ltv,
            &conversion_rate,
            &months_to_close,
            &days_since_engagement,
            &annual_discount_rate,
            &discount_after_months,
            &zombie_after_days,
        ],
        errors,
        parallel,
        |[l, c, m, d, r, a, z]| {
            core::lead_value(
                Money::named("customer_ltv", l)?,
                Fraction::named("conversion_rate", c)?,
                Months::named("months_to_close", m)?,
                Days::named("days_since_engagement", d)?,
                rules(r, a, z)?,
            )
        },
    )
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _vec_present_value_lead_ltv<'py>(
    py: Python<'py>,
    customer_ltv: Col<'py>,
    conversion_rate: Col<'py>,
    months_to_close: Col<'py>,
    annual_discount_rate: Col<'py>,
    discount_after_months: Col<'py>,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    run(
        py,
        ["customer_ltv", "conversion_rate", "months_to_close", "annual_discount_rate", "discount_after_months"],
        [&customer_ltv, &conversion_rate, &months_to_close, &annual_discount_rate, &discount_after_months],
        errors,
        parallel,
        |[l, c, m, r, a]| {
            core::present_value_lead_ltv(
                Money::named("customer_ltv", l)?,
                Fraction::named("conversion_rate", c)?,
                Months::named("months_to_close", m)?,
                rules(r, a, 180.0)?,
            )
        },
    )
}

#[pyfunction]
pub fn _vec_campaign_value<'py>(
    py: Python<'py>,
    leads: Col<'py>,
    lead_ltv: Col<'py>,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    run(py, ["leads", "lead_ltv"], [&leads, &lead_ltv], errors, parallel, |[n, l]| {
        core::campaign_value(count("leads", n)?, Money::named("lead_ltv", l)?)
    })
}

#[pyfunction]
pub fn _vec_bid_cap<'py>(
    py: Python<'py>,
    lead_ltv: Col<'py>,
    target_ratio: Col<'py>,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    run(py, ["lead_ltv", "target_ratio"], [&lead_ltv, &target_ratio], errors, parallel, |[l, t]| {
        core::bid_cap(Money::named("lead_ltv", l)?, Ratio::named("target_ratio", t)?)
    })
}

#[pyfunction]
pub fn _vec_logo_churn_rate<'py>(
    py: Python<'py>,
    customers_at_start: Col<'py>,
    customers_lost: Col<'py>,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    run(
        py,
        ["customers_at_start", "customers_lost"],
        [&customers_at_start, &customers_lost],
        errors,
        parallel,
        |[s, l]| core::logo_churn_rate(count("customers_at_start", s)?, count("customers_lost", l)?),
    )
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _vec_mrr<'py>(
    py: Python<'py>,
    metric: &str,
    starting_mrr: Col<'py>,
    new: Col<'py>,
    expansion: Col<'py>,
    contraction: Col<'py>,
    churned: Col<'py>,
    reactivation: Col<'py>,
    errors: &str,
    parallel: bool,
) -> Out<'py> {
    let metric: fn(MrrMovements<f64>) -> core::Result<f64> = match metric {
        "gross_mrr_churn" => MrrMovements::gross_mrr_churn,
        "net_mrr_churn" => MrrMovements::net_mrr_churn,
        "net_revenue_retention" => MrrMovements::net_revenue_retention,
        "gross_revenue_retention" => MrrMovements::gross_revenue_retention,
        "quick_ratio" => MrrMovements::quick_ratio,
        "ending_mrr" => MrrMovements::ending_mrr,
        other => return Err(PyValueError::new_err(format!("unknown MRR metric '{other}'"))),
    };
    run(
        py,
        ["starting_mrr", "new", "expansion", "contraction", "churned", "reactivation"],
        [&starting_mrr, &new, &expansion, &contraction, &churned, &reactivation],
        errors,
        parallel,
        |[s, n, e, c, ch, r]| {
            metric(MrrMovements::new(
                Money::named("starting_mrr", s)?,
                Money::named("new", n)?,
                Money::named("expansion", e)?,
                Money::named("contraction", c)?,
                Money::named("churned", ch)?,
                Money::named("reactivation", r)?,
            )?)
        },
    )
}
