//! `_ltv._health_*`: the account-health functions of `ltv_models` behind `ltv.health`.
//!
//! The Python layer passes contiguous numpy columns; every number is computed in the Rust crate with the
//! GIL released. The hazard model itself is the lead scorer (`_LeadScorer`), trained by `ltv.health`.

use ltv_models::{
    AccountPanel, ChurnSignal, HealthOptions, HealthWarning, RiskLtvOptions, constant_features, health_features,
    lift_table, per_period_hazard, risk_adjusted_ltv, synthetic_panel, value_at_risk,
};
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::model_to_py;

fn slice<'a, T: numpy::Element>(name: &str, array: &'a PyReadonlyArray1<'_, T>) -> PyResult<&'a [T]> {
    array.as_slice().map_err(|_| PyTypeError::new_err(format!("{name}: expected a contiguous 1-D array")))
}

type Array<'py> = Bound<'py, PyArray1<f64>>;

type Features<'py> =
    (Vec<String>, Vec<Bound<'py, PyArray1<f64>>>, Bound<'py, PyArray1<f64>>, Bound<'py, PyArray1<bool>>);

/// Features and labels of a panel: (names, columns, churn_within_horizon, label_known). `churn_signal` is
/// `"flag"` (`churned` one flag per row) or `"end_of_revenue"` (`churned` empty).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (account, period, revenue, metric_names, metrics, churned, horizon, window, churn_signal))]
pub fn _health_features<'py>(
    py: Python<'py>,
    account: PyReadonlyArray1<'py, i64>,
    period: PyReadonlyArray1<'py, i64>,
    revenue: PyReadonlyArray1<'py, f64>,
    metric_names: Vec<String>,
    metrics: Vec<PyReadonlyArray1<'py, f64>>,
    churned: PyReadonlyArray1<'py, bool>,
    horizon: u32,
    window: u32,
    churn_signal: &str,
) -> PyResult<Features<'py>> {
    let churn: ChurnSignal = churn_signal.parse().map_err(|e| model_to_py(&e))?;
    let metric_slices =
        metric_names.iter().zip(&metrics).map(|(n, a)| Ok((n.as_str(), slice(n, a)?))).collect::<PyResult<Vec<_>>>()?;
    let panel = AccountPanel {
        account: slice("account", &account)?,
        period: slice("period", &period)?,
        revenue: slice("revenue", &revenue)?,
        metrics: metric_slices,
        churned: slice("churn", &churned)?,
    };
    let table = py
        .detach(|| health_features(&panel, HealthOptions::new(horizon, window).with_churn(churn)))
        .map_err(|e| model_to_py(&e))?;
    let columns = table.columns.into_iter().map(|c| c.into_pyarray(py)).collect();
    Ok((table.names, columns, table.churn_within_horizon.into_pyarray(py), table.label_known.into_pyarray(py)))
}

/// The constant columns among `columns` (named `names`): (name, value, message) triples, in column order.
#[pyfunction]
pub fn _health_constant<'py>(
    py: Python<'py>,
    names: Vec<String>,
    columns: Vec<PyReadonlyArray1<'py, f64>>,
) -> PyResult<Vec<(String, f64, String)>> {
    let named =
        names.iter().zip(&columns).map(|(n, a)| Ok((n.as_str(), slice(n, a)?))).collect::<PyResult<Vec<_>>>()?;
    let warnings = py.detach(|| constant_features(&named));
    Ok(warnings
        .into_iter()
        .filter_map(|w| {
            let message = w.to_string();
            match w {
                HealthWarning::ConstantFeature { feature, value } => Some((feature, value, message)),
                _ => None,
            }
        })
        .collect())
}

/// The per-period hazard of probabilities of churning within `horizon` periods.
#[pyfunction]
pub fn _health_hazard<'py>(
    py: Python<'py>,
    probability: PyReadonlyArray1<'py, f64>,
    horizon: u32,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let p = slice("probability", &probability)?;
    Ok(per_period_hazard(p, horizon).map_err(|e| model_to_py(&e))?.into_pyarray(py))
}

/// The lift table, one dict per non-empty bucket.
#[pyfunction]
pub fn _health_lift<'py>(
    py: Python<'py>,
    values: PyReadonlyArray1<'py, f64>,
    label: PyReadonlyArray1<'py, f64>,
    edges: Vec<f64>,
    reference: usize,
    z: f64,
) -> PyResult<Vec<Bound<'py, PyDict>>> {
    let table = lift_table(slice("values", &values)?, slice("label", &label)?, &edges, reference, z)
        .map_err(|e| model_to_py(&e))?;
    table
        .iter()
        .map(|r| {
            let d = PyDict::new(py);
            d.set_item("bucket", r.bucket)?;
            d.set_item("lower", r.lower)?;
            d.set_item("upper", r.upper)?;
            d.set_item("n", r.n)?;
            d.set_item("events", r.events)?;
            d.set_item("rate", r.rate)?;
            d.set_item("rate_low", r.rate_low)?;
            d.set_item("rate_high", r.rate_high)?;
            d.set_item("ratio", r.ratio)?;
            d.set_item("ratio_low", r.ratio_low)?;
            d.set_item("ratio_high", r.ratio_high)?;
            Ok(d)
        })
        .collect()
}

fn ltv_options(margin: f64, discount_rate: f64, baseline: Option<f64>, half_life: Option<f64>) -> RiskLtvOptions {
    let mut options = RiskLtvOptions::new(margin, discount_rate);
    options.baseline_hazard = baseline;
    options.half_life = half_life;
    options
}

/// Expected remaining lifetime and risk-adjusted LTV per account.
#[pyfunction]
#[pyo3(signature = (revenue, hazard, margin, discount_rate, baseline_hazard, half_life))]
pub fn _health_risk_ltv<'py>(
    py: Python<'py>,
    revenue: PyReadonlyArray1<'py, f64>,
    hazard: PyReadonlyArray1<'py, f64>,
    margin: f64,
    discount_rate: f64,
    baseline_hazard: Option<f64>,
    half_life: Option<f64>,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let (r, h) = (slice("revenue", &revenue)?, slice("hazard", &hazard)?);
    let options = ltv_options(margin, discount_rate, baseline_hazard, half_life);
    let values = py.detach(|| risk_adjusted_ltv(r, h, options)).map_err(|e| model_to_py(&e))?;
    let life: Vec<f64> = values.iter().map(|v| v.expected_lifetime).collect();
    let ltv: Vec<f64> = values.iter().map(|v| v.ltv).collect();
    Ok((life.into_pyarray(py), ltv.into_pyarray(py)))
}

/// The "what is at risk" table, one dict per non-empty band.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (revenue, probability, hazard, edges, reduction, margin, discount_rate, baseline_hazard, half_life))]
pub fn _health_value_at_risk<'py>(
    py: Python<'py>,
    revenue: PyReadonlyArray1<'py, f64>,
    probability: PyReadonlyArray1<'py, f64>,
    hazard: PyReadonlyArray1<'py, f64>,
    edges: Vec<f64>,
    reduction: f64,
    margin: f64,
    discount_rate: f64,
    baseline_hazard: Option<f64>,
    half_life: Option<f64>,
) -> PyResult<Vec<Bound<'py, PyDict>>> {
    let (r, p, h) = (slice("revenue", &revenue)?, slice("probability", &probability)?, slice("hazard", &hazard)?);
    let options = ltv_options(margin, discount_rate, baseline_hazard, half_life);
    let bands = py.detach(|| value_at_risk(r, p, h, &edges, reduction, options)).map_err(|e| model_to_py(&e))?;
    bands
        .iter()
        .map(|b| {
            let d = PyDict::new(py);
            d.set_item("band", b.band)?;
            d.set_item("lower", b.lower)?;
            d.set_item("upper", b.upper)?;
            d.set_item("accounts", b.accounts)?;
            d.set_item("mrr", b.mrr)?;
            d.set_item("mrr_at_risk", b.mrr_at_risk)?;
            d.set_item("ltv", b.ltv)?;
            d.set_item("ltv_at_risk", b.ltv_at_risk)?;
            d.set_item("value_of_reduction", b.value_of_reduction)?;
            Ok(d)
        })
        .collect()
}

/// A synthetic panel: dict of columns.
#[pyfunction]
pub fn _health_synthetic(py: Python<'_>, accounts: usize, periods: u32, seed: u64) -> PyResult<Bound<'_, PyDict>> {
    let p = py.detach(|| synthetic_panel(accounts, periods, seed)).map_err(|e| model_to_py(&e))?;
    let d = PyDict::new(py);
    d.set_item("account", p.account.into_pyarray(py))?;
    d.set_item("period", p.period.into_pyarray(py))?;
    d.set_item("mrr", p.revenue.into_pyarray(py))?;
    d.set_item("logins", p.logins.into_pyarray(py))?;
    d.set_item("seats", p.seats.into_pyarray(py))?;
    d.set_item("churned", p.churned.into_pyarray(py))?;
    d.set_item("dropped", p.dropped.into_pyarray(py))?;
    Ok(d)
}

/// Registers the functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_health_features, m)?)?;
    m.add_function(wrap_pyfunction!(_health_constant, m)?)?;
    m.add_function(wrap_pyfunction!(_health_hazard, m)?)?;
    m.add_function(wrap_pyfunction!(_health_lift, m)?)?;
    m.add_function(wrap_pyfunction!(_health_risk_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(_health_value_at_risk, m)?)?;
    m.add_function(wrap_pyfunction!(_health_synthetic, m)?)?;
    Ok(())
}
