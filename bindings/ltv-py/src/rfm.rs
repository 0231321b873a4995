//! RFM summaries over numpy columns: `ltv.purchase._rfm` encodes customer ids and times as int64 (dense
//! codes or the ids themselves; days or epoch ticks), this module runs `ltv_models::rfm_summary` /
//! `calibration_holdout` with the GIL released and hands back dicts of numpy columns.

use ltv_models::{
    CalibrationHoldout, ModelError, Recency, RfmOptions, RfmSummary, RfmUnit as TimeUnit, TimeBase, Transactions,
    calibration_holdout, rfm_summary,
};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::PyModelError;

fn slice<'a, T: numpy::Element>(name: &str, a: &'a PyReadonlyArray1<'_, T>) -> PyResult<&'a [T]> {
    a.as_slice().map_err(|_| PyTypeError::new_err(format!("{name}: expected a contiguous 1-D array")))
}

fn option_error(field: &str, got: &str, allowed: &str) -> PyErr {
    PyModelError(ModelError::InvalidData {
        field: field.to_owned(),
        row: None,
        reason: format!("got {got:?}, expected {allowed}"),
    })
    .into()
}

fn base(text: &str) -> PyResult<TimeBase> {
    Ok(match text {
        "D" => TimeBase::Days,
        "s" => TimeBase::Seconds,
        "ms" => TimeBase::Milliseconds,
        "us" => TimeBase::Microseconds,
        "ns" => TimeBase::Nanoseconds,
        _ => return Err(option_error("time", text, "a time base 'D', 's', 'ms', 'us' or 'ns'")),
    })
}

fn options(
    unit: &str,
    unit_multiple: u32,
    fractional: bool,
    recency: &str,
    observation_end: Option<i64>,
) -> PyResult<RfmOptions> {
    let unit = match unit {
        "hour" => TimeUnit::Hour,
        "day" => TimeUnit::Day,
        "week" => TimeUnit::Week,
        "month" => TimeUnit::Month,
        _ => return Err(option_error("unit", unit, "'day', 'week', 'month' or 'hour'")),
    };
    let recency = match recency {
        "since_first" => Recency::SinceFirstPurchase,
        "since_last" => Recency::SinceLastPurchase,
        _ => return Err(option_error("recency", recency, "'since_first' or 'since_last'")),
    };
    Ok(RfmOptions { unit, unit_multiple, fractional, recency, observation_end })
}

fn put_summary<'py>(d: &Bound<'py, PyDict>, s: RfmSummary, options: &RfmOptions) -> PyResult<()> {
    let py = d.py();
    let starts = options.period_starts(&s.first_period).map_err(PyModelError)?;
    d.set_item("customer", s.customer.into_pyarray(py))?;
    d.set_item("frequency", s.frequency.into_pyarray(py))?;
    d.set_item("recency", s.recency.into_pyarray(py))?;
    d.set_item("age", s.age.into_pyarray(py))?;
    if let Some(m) = s.monetary_value {
        d.set_item("monetary_value", m.into_pyarray(py))?;
    }
    d.set_item("first_purchase", starts.into_pyarray(py))?;
    d.set_item("rows_after_observation_end", s.rows_after_observation_end)?;
    let end = options.period_start(s.observation_end_period).map_err(PyModelError)?;
    d.set_item("observation_end_period_start", end)?;
    Ok(())
}

/// The RFM summary of (customer, time, value) columns: a dict of numpy columns (`customer`, `frequency`,
/// `recency`, `age`, `monetary_value` when values were given, `first_purchase` as seconds since the epoch
/// of the first purchase's period start) and `rows_after_observation_end`.
#[pyfunction]
#[pyo3(signature = (customer, time, value, time_base, unit, unit_multiple, fractional, recency, observation_end))]
#[allow(clippy::too_many_arguments)]
pub fn _rfm_summary<'py>(
    py: Python<'py>,
    customer: PyReadonlyArray1<'py, i64>,
    time: PyReadonlyArray1<'py, i64>,
    value: Option<PyReadonlyArray1<'py, f64>>,
    time_base: &str,
    unit: &str,
    unit_multiple: u32,
    fractional: bool,
    recency: &str,
    observation_end: Option<i64>,
) -> PyResult<Bound<'py, PyDict>> {
    let options = options(unit, unit_multiple, fractional, recency, observation_end)?;
    let base = base(time_base)?;
    let (c, t) = (slice("customer", &customer)?, slice("time", &time)?);
    let v = value.as_ref().map(|v| slice("value", v)).transpose()?;
    let summary: Result<RfmSummary, ModelError> =
        py.detach(|| rfm_summary(&Transactions::new(c, t, v, base)?, &options));
    let d = PyDict::new(py);
    put_summary(&d, summary.map_err(PyModelError)?, &options)?;
    Ok(d)
}

/// The calibration / holdout split of (customer, time, value) columns: the calibration summary's columns (as
/// `_rfm_summary`) plus `holdout_frequency`, `holdout_monetary_value` (when values were given),
/// `holdout_duration` and `customers_first_in_holdout`.
#[pyfunction]
#[pyo3(signature = (customer, time, value, time_base, calibration_end, observation_end, unit, unit_multiple, fractional, recency))]
#[allow(clippy::too_many_arguments)]
pub fn _rfm_calibration_holdout<'py>(
    py: Python<'py>,
    customer: PyReadonlyArray1<'py, i64>,
    time: PyReadonlyArray1<'py, i64>,
    value: Option<PyReadonlyArray1<'py, f64>>,
    time_base: &str,
    calibration_end: i64,
    observation_end: i64,
    unit: &str,
    unit_multiple: u32,
    fractional: bool,
    recency: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let options = options(unit, unit_multiple, fractional, recency, None)?;
    let base = base(time_base)?;
    let (c, t) = (slice("customer", &customer)?, slice("time", &time)?);
    let v = value.as_ref().map(|v| slice("value", v)).transpose()?;
    let split: Result<CalibrationHoldout, ModelError> = py
        .detach(|| calibration_holdout(&Transactions::new(c, t, v, base)?, calibration_end, observation_end, &options));
    let split = split.map_err(PyModelError)?;
    let d = PyDict::new(py);
    d.set_item("holdout_frequency", split.holdout_frequency.into_pyarray(py))?;
    if let Some(m) = split.holdout_monetary_value {
        d.set_item("holdout_monetary_value", m.into_pyarray(py))?;
    }
    d.set_item("holdout_duration", split.holdout_duration)?;
    d.set_item("customers_first_in_holdout", split.customers_first_in_holdout)?;
    put_summary(&d, split.calibration, &options)?;
    Ok(d)
}
