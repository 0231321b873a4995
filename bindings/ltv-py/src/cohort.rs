//! Cohort tables over columns: `ltv.cohort` encodes ids and dates, this module validates the codes and runs
//! `ltv_core::cohort` on `f64` with the GIL released, and hands back dicts of numpy columns.

use ltv_core::RowError;
use ltv_core::cohort::{CohortAnalysis, CohortCac, PeriodUnit, parse_period};
use ltv_core::{Fraction, LtvError as CoreError, Money};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{Choice, option};

use crate::errors::{PyLtvError, to_py, to_py_row};

fn cohort_err(py: Python<'_>, e: RowError) -> PyErr {
    match e.row {
        Some(row) => to_py_row(py, e.error, row),
        None => to_py(py, e.error),
    }
}

fn unit(choice: &Choice) -> PyResult<PeriodUnit> {
    option(choice)
}

fn slice<'a, T: numpy::Element>(name: &str, a: &'a PyReadonlyArray1<'_, T>) -> PyResult<&'a [T]> {
    a.as_slice().map_err(|_| PyTypeError::new_err(format!("{name}: expected a contiguous 1-D array")))
}

/// Parses period strings (`"2024-03"`, `"2024-03-15"`) into period indices of `unit`; an unparseable one
/// raises `InvalidInputError` naming its row: `rows[i]` when given (the input row where `values[i]` first
/// appears, for distinct values), else its position `i` in `values`.
#[pyfunction]
#[pyo3(signature = (values, unit, rows = None))]
pub fn _cohort_parse_periods<'py>(
    py: Python<'py>,
    values: Vec<String>,
    unit: Choice,
    rows: Option<Vec<usize>>,
) -> PyResult<Bound<'py, numpy::PyArray1<i64>>> {
    let unit = self::unit(&unit)?;
    let mut out = Vec::with_capacity(values.len());
    for (i, text) in values.iter().enumerate() {
        let row = rows.as_ref().and_then(|r| r.get(i).copied()).unwrap_or(i);
        out.push(parse_period(text, unit).map_err(|e| to_py_row(py, e, row))?);
    }
    Ok(out.into_pyarray(py))
}

/// Days since 1970-01-01 (numpy `datetime64[D]` as int64) to the period indices of `unit`: the calendar
/// arithmetic of date inputs, done by `PeriodUnit::index_of_day`. A day outside 0001..=9999 raises
/// `InvalidInputError` naming its row.
#[pyfunction]
pub fn _cohort_days_to_periods<'py>(
    py: Python<'py>,
    days: PyReadonlyArray1<'py, i64>,
    unit: Choice,
) -> PyResult<Bound<'py, numpy::PyArray1<i64>>> {
    let unit = self::unit(&unit)?;
    let days = slice("period", &days)?;
    let out = py.detach(|| {
        days.iter()
            .enumerate()
            .map(|(row, &d)| unit.index_of_day(d).map_err(|e| RowError::in_row(row, e)))
            .collect::<Result<Vec<_>, _>>()
    });
    Ok(out.map_err(|e| cohort_err(py, e))?.into_pyarray(py))
}

/// Period indices of `unit` to the first day of each period, as days since 1970-01-01 (for numpy
/// `datetime64[D]`), by `PeriodUnit::start_day`.
#[pyfunction]
pub fn _cohort_period_starts<'py>(
    py: Python<'py>,
    periods: PyReadonlyArray1<'py, i64>,
    unit: Choice,
) -> PyResult<Bound<'py, numpy::PyArray1<i64>>> {
    let unit = self::unit(&unit)?;
    let periods = slice("period", &periods)?;
    let out = py.detach(|| {
        periods
            .iter()
            .enumerate()
            .map(|(row, &p)| unit.start_day(p).map_err(|e| RowError::in_row(row, e)))
            .collect::<Result<Vec<_>, _>>()
    });
    Ok(out.map_err(|e| cohort_err(py, e))?.into_pyarray(py))
}

/// A cohort analysis computed in Rust (`f64`); `ltv.cohort.CohortAnalysis` wraps it.
#[pyclass(module = "ltv._ltv", name = "_CohortResult", frozen)]
pub struct CohortResult {
    inner: CohortAnalysis<f64>,
}

/// Customer codes, period indices and revenue (one row each), the period unit: the analysis.
/// A negative customer code is a missing customer id (`InvalidInputError` naming the row).
#[pyfunction]
pub fn _cohort_analyse(
    py: Python<'_>,
    customers: PyReadonlyArray1<'_, i64>,
    periods: PyReadonlyArray1<'_, i64>,
    revenue: PyReadonlyArray1<'_, f64>,
    unit: Choice,
) -> PyResult<CohortResult> {
    let unit = self::unit(&unit)?;
    let (c, p, r) = (slice("customer", &customers)?, slice("period", &periods)?, slice("revenue", &revenue)?);
    let result = py.detach(|| {
        let mut codes = Vec::with_capacity(c.len());
        for (row, &code) in c.iter().enumerate() {
            match u32::try_from(code) {
                Ok(code) => codes.push(code),
                Err(_) => {
                    return Err(RowError {
                        row: Some(row),
                        error: CoreError::InvalidInput {
                            field: "customer",
                            value: if code < 0 { "missing".to_owned() } else { code.to_string() },
                            allowed: "a customer id (not null)",
                            suggestion: None,
                        },
                    });
                }
            }
        }
        CohortAnalysis::from_columns(&codes, p, r, unit)
    });
    match result {
        Ok(inner) => Ok(CohortResult { inner }),
        Err(e) => Err(cohort_err(py, e)),
    }
}

fn nan(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NAN)
}

fn put<'py, T: numpy::Element>(d: &Bound<'py, PyDict>, key: &str, values: Vec<T>) -> PyResult<()> {
    d.set_item(key, values.into_pyarray(d.py()))
}

fn margin(gross_margin: f64) -> Result<Fraction<f64>, PyLtvError> {
    Ok(Fraction::named("gross_margin", gross_margin)?)
}

#[pymethods]
impl CohortResult {
    /// "month", "week" or "day".
    #[getter]
    fn unit(&self) -> &'static str {
        self.inner.unit().as_str()
    }
    /// Customers with at least one row.
    #[getter]
    fn customers(&self) -> u32 {
        self.inner.customers()
    }
    /// Customers whose rows never show revenue > 0.
    #[getter]
    fn never_paying_customers(&self) -> u32 {
        self.inner.never_paying_customers()
    }
    /// (first, last) period index of the data.
    #[getter]
    fn period_range(&self) -> (i64, i64) {
        self.inner.period_range()
    }

    /// The cohort table as numpy columns.
    fn table<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let t = self.inner.table();
        let d = PyDict::new(py);
        put(&d, "cohort", t.iter().map(|r| r.cohort).collect())?;
        put(&d, "age", t.iter().map(|r| i64::from(r.age)).collect())?;
        put(&d, "cohort_size", t.iter().map(|r| i64::from(r.cohort_size)).collect())?;
        put(&d, "active_customers", t.iter().map(|r| i64::from(r.active_customers)).collect())?;
        put(&d, "surviving_customers", t.iter().map(|r| i64::from(r.surviving_customers)).collect())?;
        put(&d, "revenue", t.iter().map(|r| r.revenue).collect())?;
        put(&d, "logo_retention", t.iter().map(|r| r.logo_retention).collect())?;
        put(&d, "net_revenue_retention", t.iter().map(|r| r.net_revenue_retention).collect())?;
        put(&d, "gross_revenue_retention", t.iter().map(|r| r.gross_revenue_retention).collect())?;
        put(&d, "cumulative_revenue_per_customer", t.iter().map(|r| r.cumulative_revenue_per_customer).collect())?;
        Ok(d)
    }

    /// The per-period movements as numpy columns (NaN where a rate is undefined).
    fn movements<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let m = self.inner.movements();
        let d = PyDict::new(py);
        put(&d, "period", m.iter().map(|r| r.period).collect())?;
        put(&d, "starting_mrr", m.iter().map(|r| r.mrr.starting_mrr()).collect())?;
        put(&d, "new_mrr", m.iter().map(|r| r.mrr.new_mrr()).collect())?;
        put(&d, "expansion_mrr", m.iter().map(|r| r.mrr.expansion()).collect())?;
        put(&d, "contraction_mrr", m.iter().map(|r| r.mrr.contraction()).collect())?;
        put(&d, "churned_mrr", m.iter().map(|r| r.mrr.churned()).collect())?;
        put(&d, "reactivation_mrr", m.iter().map(|r| r.mrr.reactivation()).collect())?;
        put(&d, "ending_mrr", m.iter().map(|r| r.ending_mrr).collect())?;
        put(&d, "starting_customers", m.iter().map(|r| i64::from(r.starting_customers)).collect())?;
        put(&d, "new_customers", m.iter().map(|r| i64::from(r.new_customers)).collect())?;
        put(&d, "churned_customers", m.iter().map(|r| i64::from(r.churned_customers)).collect())?;
        put(&d, "reactivated_customers", m.iter().map(|r| i64::from(r.reactivated_customers)).collect())?;
        put(&d, "active_customers", m.iter().map(|r| i64::from(r.active_customers)).collect())?;
        put(&d, "logo_churn_rate", m.iter().map(|r| nan(r.logo_churn_rate)).collect())?;
        put(&d, "net_revenue_retention", m.iter().map(|r| nan(r.net_revenue_retention)).collect())?;
        put(&d, "gross_revenue_retention", m.iter().map(|r| nan(r.gross_revenue_retention)).collect())?;
        put(&d, "quick_ratio", m.iter().map(|r| nan(r.quick_ratio)).collect())?;
        Ok(d)
    }

    /// Cumulative revenue and margin per acquired customer, per cohort and age.
    fn realised_value<'py>(&self, py: Python<'py>, gross_margin: f64) -> PyResult<Bound<'py, PyDict>> {
        let v = self.inner.realised_value(margin(gross_margin)?).map_err(PyLtvError)?;
        let d = PyDict::new(py);
        put(&d, "cohort", v.iter().map(|r| r.cohort).collect())?;
        put(&d, "age", v.iter().map(|r| i64::from(r.age)).collect())?;
        put(&d, "cohort_size", v.iter().map(|r| i64::from(r.cohort_size)).collect())?;
        put(&d, "cumulative_revenue_per_customer", v.iter().map(|r| r.cumulative_revenue_per_customer).collect())?;
        put(&d, "cumulative_margin_per_customer", v.iter().map(|r| r.cumulative_margin_per_customer).collect())?;
        Ok(d)
    }

    /// The realised LTV of each cohort over its first `periods` periods (NaN when not yet observed).
    fn realised_ltv<'py>(&self, py: Python<'py>, gross_margin: f64, periods: u32) -> PyResult<Bound<'py, PyDict>> {
        let v = self.inner.realised_ltv(margin(gross_margin)?, periods).map_err(PyLtvError)?;
        let d = PyDict::new(py);
        put(&d, "cohort", v.iter().map(|r| r.0).collect())?;
        put(&d, "cohort_size", v.iter().map(|r| i64::from(r.1)).collect())?;
        put(&d, "ltv", v.iter().map(|r| nan(r.2)).collect())?;
        Ok(d)
    }

    /// CAC payback per cohort: one `cac` for all, or `cac_cohorts` / `cac_values` pairs (one per cohort).
    /// `payback_age` is NaN when not reached.
    #[pyo3(signature = (gross_margin, cac, cac_cohorts=None, cac_values=None))]
    fn payback<'py>(
        &self,
        py: Python<'py>,
        gross_margin: f64,
        cac: Option<f64>,
        cac_cohorts: Option<PyReadonlyArray1<'py, i64>>,
        cac_values: Option<PyReadonlyArray1<'py, f64>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let margin = margin(gross_margin)?;
        let result = match (cac, cac_cohorts, cac_values) {
            (Some(cac), None, None) => {
                let cac = Money::named("cac", cac).map_err(PyLtvError)?;
                self.inner.payback(margin, CohortCac::All(cac))
            }
            (None, Some(cohorts), Some(values)) => {
                let (c, v) = (slice("cac", &cohorts)?, slice("cac", &values)?);
                let mut pairs = Vec::with_capacity(c.len());
                for (row, (&cohort, &value)) in c.iter().zip(v).enumerate() {
                    pairs.push((cohort, Money::named("cac", value).map_err(|e| to_py_row(py, e, row))?));
                }
                self.inner.payback(margin, CohortCac::PerCohort(&pairs))
            }
            _ => return Err(PyTypeError::new_err("cac: pass one CAC, or one per cohort")),
        };
        let v = result.map_err(PyLtvError)?;
        let d = PyDict::new(py);
        put(&d, "cohort", v.iter().map(|r| r.cohort).collect())?;
        put(&d, "cohort_size", v.iter().map(|r| i64::from(r.cohort_size)).collect())?;
        put(&d, "cac", v.iter().map(|r| r.cac).collect())?;
        put(&d, "payback_age", v.iter().map(|r| nan(r.payback_age.map(f64::from))).collect())?;
        put(&d, "realised_margin_per_customer", v.iter().map(|r| r.realised_margin_per_customer).collect())?;
        Ok(d)
    }
}
