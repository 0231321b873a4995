//! `ltv_models::cohort_ltv` in Python: columns in, a `CohortLtv` result class out.

use ltv_models as models;
use ltv_models::{CohortLtvOptions, Growth};
use numpy::PyArray1;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyString};

use crate::errors::PyModelError;
use crate::sbg::{SbgFit, SbgModel, counts};

/// A cohort's value per acquired customer: observed margin to date plus the sBG-projected tail.
///
/// The result of :func:`ltv.cohort_ltv` (and, per cohort, of :func:`ltv.retention.cohort_ltv_frame`): the
/// discounted margin the cohort has earned per acquired customer over its observed ages, plus the discounted
/// margin the shifted-beta-geometric model (Fader & Hardie 2007, 2010) projects for its surviving customers.
/// Values are in the currency of the revenue, per customer acquired at age 0. Immutable; equal when every
/// field is equal. ``repr()`` lists the value, its parts and the model; ``_repr_html_()`` is a table for
/// notebooks; :meth:`projection` gives the value age by age.
///
/// Attributes
/// ----------
/// ltv_per_customer : float
///     ``observed_value + projected_value``, per acquired customer.
/// observed_value, projected_value : float
///     The discounted margin per acquired customer to date (observed ages) and beyond (projected).
/// cohort_size, ages_observed : int
///     The customers at age 0 and the number of observed ages.
/// model : SbgModel
///     The retention model that projected the tail.
/// fit : SbgFit or None
///     The fit on this cohort alone, ``None`` when a model was given.
/// growth_rate, margin_per_active : float
///     The growth per period of the margin per active customer in the tail, and that margin at the last
///     observed age.
///
/// Examples
/// --------
/// >>> import ltv
/// >>> surviving = [1000, 550, 400, 340, 305, 285, 270]
/// >>> result = ltv.cohort_ltv(surviving_customers=surviving, active_customers=surviving,
/// ...                         revenue=[100.0 * s for s in surviving], gross_margin=0.8, discount_rate=0.01)
/// >>> round(result.observed_value, 2), round(result.projected_value, 2), round(result.ltv_per_customer, 2)
/// (246.82, 753.13, 999.96)
/// >>> result.cohort_size, result.ages_observed, round(result.margin_per_active, 2)
/// (1000, 7, 80.0)
#[allow(clippy::doc_lazy_continuation)]
#[pyclass(module = "ltv", name = "CohortLtv", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct CohortLtv {
    inner: models::CohortLtv,
}

#[pymethods]
impl CohortLtv {
    /// The cohort size (surviving customers at age 0).
    #[getter]
    fn cohort_size(&self) -> u64 {
        self.inner.cohort_size
    }

    /// The number of observed ages.
    #[getter]
    fn ages_observed(&self) -> u32 {
        self.inner.ages_observed
    }

    /// The discounted observed margin per acquired customer.
    #[getter]
    fn observed_value(&self) -> f64 {
        self.inner.observed_value
    }

    /// The discounted projected margin per acquired customer.
    #[getter]
    fn projected_value(&self) -> f64 {
        self.inner.projected_value
    }

    /// `observed_value + projected_value`.
    #[getter]
    fn ltv_per_customer(&self) -> f64 {
        self.inner.ltv_per_customer
    }

    /// The model that projected the tail.
    #[getter]
    fn model(&self) -> SbgModel {
        SbgModel { inner: self.inner.model }
    }

    /// The fit on this cohort alone, or `None` when a model was given.
    #[getter]
    fn fit(&self) -> Option<SbgFit> {
        self.inner.fit.clone().map(|inner| SbgFit { inner })
    }

    /// The growth rate per period of margin per active customer used in the tail.
    #[getter]
    fn growth_rate(&self) -> f64 {
        self.inner.growth_rate
    }

    /// The margin per active customer at the last observed age.
    #[getter]
    fn margin_per_active(&self) -> f64 {
        self.inner.margin_per_active
    }

    /// The value age by age, observed ages first, then the projected ones.
    ///
    /// Each age's ``margin`` is the cohort's: ``gross_margin x revenue`` at an observed age, the sBG-expected
    /// paying customers x the latest margin per active customer (grown by ``growth_rate``) at a projected one;
    /// it is discounted to age 0 at the discount rate per period (payments at the start of each period, age 0
    /// undiscounted). ``cumulative_value`` is the running sum of the
    /// discounted margin per acquired customer. With a ``horizon`` the rows are its ages and the last
    /// ``cumulative_value`` is :attr:`ltv_per_customer`; without one they stop after as many projected ages
    /// as observed ones (at least 12), while :attr:`projected_value` covers the whole tail.
    ///
    /// Returns
    /// -------
    /// dict of str to numpy.ndarray
    ///     Equal-length arrays: ``age`` (int), ``observed`` (bool: an observed age), ``customers`` (paying
    ///     customers, expected where projected), ``margin`` (the cohort's margin at that age, in the revenue's
    ///     currency), ``discounted_margin`` (the same, discounted to age 0) and ``cumulative_value`` (per
    ///     acquired customer).
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> surviving = [1000, 550, 400, 340, 305, 285, 270]
    /// >>> result = ltv.cohort_ltv(surviving_customers=surviving, active_customers=surviving,
    /// ...                         revenue=[100.0 * s for s in surviving], gross_margin=0.8, discount_rate=0.01,
    /// ...                         horizon=9)
    /// >>> rows = result.projection()
    /// >>> rows["age"].tolist(), int(rows["observed"].sum())
    /// ([0, 1, 2, 3, 4, 5, 6, 7, 8], 7)
    /// >>> [round(float(v), 2) for v in rows["cumulative_value"]]
    /// [80.0, 123.56, 154.93, 181.33, 204.78, 226.48, 246.82, 265.66, 283.26]
    /// >>> round(result.ltv_per_customer, 2)
    /// 283.26
    #[allow(clippy::doc_lazy_continuation)]
    fn projection<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let rows = &self.inner.projection;
        let d = PyDict::new(py);
        d.set_item("age", PyArray1::from_iter(py, rows.iter().map(|r| i64::from(r.age))))?;
        d.set_item("observed", PyArray1::from_iter(py, rows.iter().map(|r| r.observed)))?;
        d.set_item("customers", PyArray1::from_iter(py, rows.iter().map(|r| r.customers)))?;
        d.set_item("margin", PyArray1::from_iter(py, rows.iter().map(|r| r.margin)))?;
        d.set_item("discounted_margin", PyArray1::from_iter(py, rows.iter().map(|r| r.discounted_margin)))?;
        d.set_item("cumulative_value", PyArray1::from_iter(py, rows.iter().map(|r| r.cumulative_value)))?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let r = &self.inner;
        format!(
            "CohortLtv(ltv_per_customer={:?}, observed_value={:?}, projected_value={:?}, cohort_size={}, \
             ages_observed={}, alpha={:?}, beta={:?})",
            r.ltv_per_customer,
            r.observed_value,
            r.projected_value,
            r.cohort_size,
            r.ages_observed,
            r.model.alpha(),
            r.model.beta()
        )
    }

    /// The value, its parts and the model as an HTML table (Jupyter).
    fn _repr_html_(&self) -> String {
        let r = &self.inner;
        let rows: String = [
            ("ltv_per_customer", format!("{:.2}", r.ltv_per_customer)),
            ("observed_value", format!("{:.2}", r.observed_value)),
            ("projected_value", format!("{:.2}", r.projected_value)),
            ("cohort_size", r.cohort_size.to_string()),
            ("ages_observed", r.ages_observed.to_string()),
            ("alpha", format!("{:.6}", r.model.alpha())),
            ("beta", format!("{:.6}", r.model.beta())),
            ("growth_rate", format!("{:.6}", r.growth_rate)),
            ("margin_per_active", format!("{:.2}", r.margin_per_active)),
        ]
        .iter()
        .map(|(k, v)| format!("<tr><th style=\"text-align:left\">{k}</th><td style=\"text-align:right\">{v}</td></tr>"))
        .collect();
        format!("<table><caption style=\"text-align:left\"><b>Cohort LTV</b></caption>{rows}</table>")
    }
}

fn number(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<f64> {
    let bad = || {
        PyTypeError::new_err(format!(
            "{field}: expected a number, got {}",
            obj.get_type().name().map(|n| n.to_string()).unwrap_or_default()
        ))
    };
    if obj.is_none() || obj.is_instance_of::<PyBool>() || obj.is_instance_of::<PyString>() || crate::sbg::not_real(obj)
    {
        return Err(bad());
    }
    obj.extract::<f64>().map_err(|_| bad())
}

/// The `horizon` option: `None`, or a whole number of ages (an int; a bool, float or other type is a
/// `TypeError` naming `horizon`). Ints outside `u32` are an error naming `horizon` and the value (the
/// model checks the rest: `1 ..= MAX_PERIODS`), never a pyo3 `OverflowError`.
fn horizon(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<u32>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<pyo3::types::PyInt>() && !obj.hasattr("__index__")? {
        return Err(PyTypeError::new_err(format!(
            "horizon: expected a whole number of ages (int) or None, got {}",
            obj.get_type().name().map(|n| n.to_string()).unwrap_or_default()
        )));
    }
    let value: f64 = obj.call_method0("__index__")?.call_method0("__float__")?.extract()?;
    match obj.call_method0("__index__")?.extract::<u32>() {
        Ok(h) => Ok(Some(h)),
        Err(_) => Err(crate::errors::model_to_py(&ltv_models::ModelError::InvalidParameter {
            field: "horizon",
            value,
            allowed: "a whole number of ages in 1..=1000000 (MAX_PERIODS), or None",
        })),
    }
}

/// The `model` option of `cohort_ltv`: an `SbgModel` or `SbgFit` (anything else a `TypeError` naming
/// `model`).
fn given_model(obj: &Bound<'_, PyAny>, also: &str) -> PyResult<models::SbgModel> {
    if let Ok(fit) = obj.extract::<SbgFit>() {
        return Ok(fit.inner.model);
    }
    obj.extract::<SbgModel>().map(|m| m.inner).map_err(|_| {
        PyTypeError::new_err(format!(
            "model: expected {also}an SbgModel or an SbgFit, got {}",
            obj.get_type().name().map(|n| n.to_string()).unwrap_or_default()
        ))
    })
}

fn growth(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Growth> {
    match obj {
        None => Ok(Growth::None),
        Some(o) if o.is_none() => Ok(Growth::None),
        Some(o) if o.is_instance_of::<PyString>() => match o.extract::<String>()?.as_str() {
            "observed" => Ok(Growth::Observed),
            "none" => Ok(Growth::None),
            other => Err(crate::errors::model_to_py(&ltv_models::ModelError::InvalidData {
                field: "growth".to_owned(),
                row: None,
                reason: format!("got {other:?}, expected None, \"observed\" or a growth rate per period"),
            })),
        },
        Some(o) => Ok(Growth::Fixed(number("growth", o)?)),
    }
}

/// The options both cohort-LTV entry points share, read in signature order: margin, discount rate, growth,
/// horizon.
fn options(
    gross_margin: &Bound<'_, PyAny>,
    discount_rate: &Bound<'_, PyAny>,
    horizon: Option<&Bound<'_, PyAny>>,
    growth: Option<&Bound<'_, PyAny>>,
) -> PyResult<CohortLtvOptions> {
    let options = CohortLtvOptions::new(number("gross_margin", gross_margin)?, number("discount_rate", discount_rate)?)
        .with_growth(self::growth(growth)?);
    Ok(match self::horizon(horizon)? {
        Some(h) => options.with_horizon(h),
        None => options,
    })
}

/// The binding behind `ltv.retention.cohort_ltv` (see its docstring).
#[pyfunction]
#[pyo3(signature = (*, surviving_customers, active_customers, revenue, gross_margin, discount_rate, horizon=None, growth=None, model=None))]
#[allow(clippy::too_many_arguments)]
pub fn _cohort_ltv(
    py: Python<'_>,
    surviving_customers: &Bound<'_, PyAny>,
    active_customers: &Bound<'_, PyAny>,
    revenue: &Bound<'_, PyAny>,
    gross_margin: &Bound<'_, PyAny>,
    discount_rate: &Bound<'_, PyAny>,
    horizon: Option<&Bound<'_, PyAny>>,
    growth: Option<&Bound<'_, PyAny>>,
    model: Option<&Bound<'_, PyAny>>,
) -> PyResult<CohortLtv> {
    let surviving = counts("surviving_customers", surviving_customers)?;
    let active = counts("active_customers", active_customers)?;
    let revenue: Vec<f64> = crate::sbg::floats("revenue", revenue)?;
    let mut options = self::options(gross_margin, discount_rate, horizon, growth)?;
    if let Some(m) = model.filter(|m| !m.is_none()) {
        options = options.with_model(given_model(m, "None, ")?);
    }
    let inner = py.detach(|| models::cohort_ltv(&surviving, &active, &revenue, &options)).map_err(PyModelError)?;
    Ok(CohortLtv { inner })
}

/// A table's cohort column grouped: each row's index into `labels`, the distinct labels (sorted when they
/// compare, else in order of first appearance) and each label's `repr` for messages.
struct Labels {
    codes: Vec<usize>,
    labels: Vec<Py<PyAny>>,
    reprs: Vec<String>,
}

/// Groups the cohort column (see [`Labels`]); a missing label (`None`, NaN) is an error naming the row.
fn label_codes(py: Python<'_>, cohort: &Bound<'_, PyAny>) -> PyResult<Labels> {
    let invalid = |row: Option<usize>, reason: &str| {
        crate::errors::model_to_py(&ltv_models::ModelError::InvalidData {
            field: "cohort".to_owned(),
            row,
            reason: reason.to_owned(),
        })
    };
    let rows: Vec<Bound<'_, PyAny>> = cohort.try_iter()?.collect::<PyResult<_>>()?;
    let first = PyDict::new(py);
    let distinct = pyo3::types::PyList::empty(py);
    for (row, label) in rows.iter().enumerate() {
        let missing = label.is_none() || label.extract::<f64>().is_ok_and(f64::is_nan);
        if missing {
            return Err(invalid(Some(row), "missing cohort label"));
        }
        if !first.contains(label)? {
            first.set_item(label, distinct.len())?;
            distinct.append(label)?;
        }
    }
    let builtins = py.import("builtins")?;
    let ordered = match builtins.getattr("sorted")?.call1((&distinct,)) {
        Ok(sorted) => sorted,
        // Labels that do not compare keep their order of first appearance.
        Err(err) if err.is_instance_of::<PyTypeError>(py) => distinct.into_any(),
        Err(err) => return Err(err),
    };
    let position = PyDict::new(py);
    let mut labels = Vec::new();
    let mut reprs = Vec::new();
    for (i, label) in ordered.try_iter()?.enumerate() {
        let label = label?;
        position.set_item(&label, i)?;
        reprs.push(label.repr()?.to_string());
        labels.push(label.unbind());
    }
    let mut codes = Vec::with_capacity(rows.len());
    for label in &rows {
        let code = position.get_item(label)?.ok_or_else(|| invalid(None, "a label changed while grouping"))?;
        codes.push(code.extract::<usize>()?);
    }
    Ok(Labels { codes, labels, reprs })
}

/// The binding behind `ltv.retention.cohort_ltv_frame`: `ltv_models::cohort_ltv_table` on the columns of a
/// long cohort table; returns the cohort labels in output order and one `CohortLtv` per cohort.
#[pyfunction]
#[pyo3(signature = (*, cohort, age, surviving_customers, active_customers, revenue, gross_margin, discount_rate, horizon=None, growth=None, model=None))]
#[allow(clippy::too_many_arguments)]
pub fn _cohort_ltv_table(
    py: Python<'_>,
    cohort: &Bound<'_, PyAny>,
    age: &Bound<'_, PyAny>,
    surviving_customers: &Bound<'_, PyAny>,
    active_customers: &Bound<'_, PyAny>,
    revenue: &Bound<'_, PyAny>,
    gross_margin: &Bound<'_, PyAny>,
    discount_rate: &Bound<'_, PyAny>,
    horizon: Option<&Bound<'_, PyAny>>,
    growth: Option<&Bound<'_, PyAny>>,
    model: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Vec<Py<PyAny>>, Vec<CohortLtv>)> {
    let Labels { codes, labels, reprs } = label_codes(py, cohort)?;
    let age = counts("age", age)?;
    let surviving = counts("surviving_customers", surviving_customers)?;
    let active = counts("active_customers", active_customers)?;
    let revenue: Vec<f64> = crate::sbg::floats("revenue", revenue)?;
    let mut options = self::options(gross_margin, discount_rate, horizon, growth)?;
    let mut pooled = false;
    match model {
        None => {}
        Some(m) if m.is_none() => {}
        Some(m) if m.is_instance_of::<PyString>() => {
            let name = m.extract::<String>()?;
            if name != "pooled" {
                return Err(crate::errors::model_to_py(&ltv_models::ModelError::InvalidData {
                    field: "model".to_owned(),
                    row: None,
                    reason: format!("got {name:?}, expected None, \"pooled\", an SbgModel or an SbgFit"),
                }));
            }
            pooled = true;
        }
        Some(m) => options = options.with_model(given_model(m, "None, \"pooled\", ")?),
    }
    let table = models::CohortTable::new(&codes, &reprs, &age, &surviving, &active, &revenue);
    let results = py.detach(|| models::cohort_ltv_table(&table, &options, pooled)).map_err(PyModelError)?;
    Ok((labels, results.into_iter().map(|inner| CohortLtv { inner }).collect()))
}
