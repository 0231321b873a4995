//! The continuous-time purchase ("buy till you die") models of `ltv_models` in Python: `BgNbdModel` /
//! `BgNbdFit`, `MbgNbdModel` / `MbgNbdFit` and `ParetoNbdModel` / `ParetoNbdFit` (one `purchase_classes!`
//! invocation each, in `purchase/bg_nbd.rs`, `purchase/mbg_nbd.rs` and `purchase/pareto_nbd.rs`; the macros
//! and the shared docstrings in `purchase/macros.rs`), and the machinery the discrete and spend models share.
//!
//! Conversion only: the columns are read by `ltv.purchase._data.columns` (a frame or keyword columns, as
//! contiguous float64 arrays, length 1 for a scalar), every prediction is computed here over all rows with
//! the GIL released (in parallel for large inputs), and the result is shaped back by
//! `ltv.purchase._data.output` (a float, an array, or a pandas / polars Series).

use std::collections::HashMap;

use ltv_models as models;
use ltv_models::{Model, ModelError, PurchaseModel};
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::exceptions::{PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyString, PyTuple};
use rayon::prelude::*;

use crate::errors::model_to_py;
use crate::sbg::not_real;

static COLUMNS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static OUTPUT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static SUMMARY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Rows from which a prediction runs on several threads.
const PARALLEL_ROWS: usize = 20_000;

pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_owned())
}

/// A real number (int, float, numpy scalar); `bool`, `None`, strings and complex numbers are a `TypeError`.
pub(crate) fn real(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<f64> {
    if obj.is_none() || obj.is_instance_of::<PyBool>() || obj.is_instance_of::<PyString>() || not_real(obj) {
        return Err(PyTypeError::new_err(format!("{field}: expected a number, got {}", type_name(obj))));
    }
    obj.extract::<f64>()
        .map_err(|_| PyTypeError::new_err(format!("{field}: expected a number, got {}", type_name(obj))))
}

/// Named float64 columns (`None` for an absent optional one) and the shape of the result. The columns are
/// read-only views of the contiguous arrays `ltv.purchase._data.columns` returned (no copy).
pub(crate) struct Columns<'py> {
    values: HashMap<String, Option<PyReadonlyArray1<'py, f64>>>,
    like: Bound<'py, PyAny>,
}

impl<'py> Columns<'py> {
    /// Reads the columns through `ltv.purchase._data.columns`.
    #[allow(clippy::too_many_arguments, reason = "the columns of the Python signature")]
    pub(crate) fn read(
        py: Python<'py>,
        data: Option<&Bound<'py, PyAny>>,
        frequency: Option<&Bound<'py, PyAny>>,
        recency: Option<&Bound<'py, PyAny>>,
        age: Option<&Bound<'py, PyAny>>,
        weight: Option<&Bound<'py, PyAny>>,
        extra: &[(&str, &Bound<'py, PyAny>)],
        histories: bool,
    ) -> PyResult<Self> {
        let extras = PyDict::new(py);
        for (name, value) in extra {
            extras.set_item(name, value)?;
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("histories", histories)?;
        let result = COLUMNS
            .import(py, "ltv.purchase._data", "columns")?
            .call((data, frequency, recency, age, weight, extras), Some(&kwargs))?;
        Self::from_python(&result)
    }

    /// The `(columns, like)` pair a `ltv.purchase._data` reader returned.
    pub(crate) fn from_python(result: &Bound<'py, PyAny>) -> PyResult<Self> {
        let (dict, like): (Bound<'py, PyDict>, Bound<'py, PyAny>) = result.extract()?;
        let mut values = HashMap::new();
        for (key, value) in dict.iter() {
            let key: String = key.extract()?;
            let column = if value.is_none() {
                None
            } else {
                let array: PyReadonlyArray1<'py, f64> = value.extract()?;
                // Contiguous by construction; checked here so that `get` cannot fail on it.
                array.as_slice()?;
                Some(array)
            };
            values.insert(key, column);
        }
        Ok(Self { values, like })
    }

    /// The column `name` (required).
    pub(crate) fn get(&self, name: &str) -> PyResult<&[f64]> {
        match self.values.get(name) {
            Some(Some(v)) => v.as_slice().map_err(PyErr::from),
            _ => Err(PyTypeError::new_err(format!("{name}: missing"))),
        }
    }

    /// The column `name`, if given.
    pub(crate) fn optional(&self, name: &str) -> Option<&[f64]> {
        self.values.get(name).and_then(|v| v.as_ref()).and_then(|v| v.as_slice().ok())
    }

    /// `values` shaped like the input, named `name`.
    pub(crate) fn output(&self, py: Python<'py>, values: Vec<f64>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let array = PyArray1::from_vec(py, values);
        OUTPUT.import(py, "ltv.purchase._data", "output")?.call1((array, &self.like, name))
    }
}

/// A simulated transaction log as ``{"customer": int64, "time": float64}`` arrays.
pub(crate) fn transactions_dict(py: Python<'_>, log: ltv_models::SimulatedTransactions) -> PyResult<Bound<'_, PyDict>> {
    // (Customers are positions below MAX_SIMULATED_CUSTOMERS = 1e8: the conversion cannot fail.)
    let customer: Vec<i64> = log.customer.into_iter().map(|c| i64::try_from(c).unwrap_or(i64::MAX)).collect();
    let out = PyDict::new(py);
    out.set_item("customer", PyArray1::from_vec(py, customer))?;
    out.set_item("time", PyArray1::from_vec(py, log.time))?;
    Ok(out)
}

/// The common length of broadcast columns (each of length 1 or `n`).
pub(crate) fn broadcast(columns: &[(&str, &[f64])]) -> PyResult<usize> {
    let n = columns.iter().map(|(_, c)| c.len()).max().unwrap_or(1);
    let reference = columns.iter().find(|(_, c)| c.len() == n).map(|(name, _)| *name).unwrap_or("frequency");
    for (name, column) in columns {
        if column.len() != 1 && column.len() != n {
            return Err(model_to_py(&ModelError::LengthMismatch {
                field: (*name).to_owned(),
                reference: reference.to_owned(),
                expected: n,
                found: column.len(),
            }));
        }
    }
    Ok(n)
}

/// Element `i` of a broadcast column.
#[inline]
pub(crate) fn at(column: &[f64], i: usize) -> f64 {
    if column.len() == 1 { column[0] } else { column[i] }
}

/// An error of one row, with the row attached where the error has no row of its own.
pub(crate) fn in_row(error: ModelError, row: usize) -> ModelError {
    match error {
        ModelError::InvalidData { field, row: None, reason } => {
            ModelError::InvalidData { field, row: Some(row), reason }
        }
        ModelError::InvalidParameter { field, value, allowed } => ModelError::InvalidData {
            field: field.to_owned(),
            row: Some(row),
            reason: format!("got {}, expected {allowed}", models::Shown(value)),
        },
        ModelError::InvalidPeriod { field, value, allowed } => ModelError::InvalidData {
            field: field.to_owned(),
            row: Some(row),
            reason: format!("got {value}, expected {allowed}"),
        },
        other => other,
    }
}

/// Rows per chunk of [`per_row`].
const CHUNK: usize = 8192;

/// `f(i)` for every row, in parallel chunks for large inputs, written straight into the output (no
/// per-row `Result` is stored); the error of the first bad row.
pub(crate) fn per_row(n: usize, f: impl Fn(usize) -> Result<f64, ModelError> + Sync) -> Result<Vec<f64>, ModelError> {
    let mut out = vec![0.0; n];
    let fill = |(c, chunk): (usize, &mut [f64])| -> Result<(), ModelError> {
        for (j, slot) in chunk.iter_mut().enumerate() {
            let i = c * CHUNK + j;
            *slot = f(i).map_err(|e| in_row(e, i))?;
        }
        Ok(())
    };
    let errors: Vec<Result<(), ModelError>> = if n >= PARALLEL_ROWS {
        out.par_chunks_mut(CHUNK).enumerate().map(fill).collect()
    } else {
        out.chunks_mut(CHUNK).enumerate().map(fill).collect()
    };
    errors.into_iter().collect::<Result<(), ModelError>>()?;
    Ok(out)
}

/// A purchase count `n` from a float: a whole number in `0..=MAX_PURCHASE_COUNT`.
pub(crate) fn count(n: f64) -> Result<u32, ModelError> {
    if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= f64::from(models::MAX_PURCHASE_COUNT) {
        Ok(n as u32)
    } else {
        Err(ModelError::InvalidData {
            field: "n".to_owned(),
            row: None,
            reason: format!("got {}, expected a whole number of purchases in 0..=1000000", models::Shown(n)),
        })
    }
}

/// A keyword argument as Python passed it, or its signature default: extracting one never fails, so that
/// [`Arg::real`] and [`Arg::whole`] can name the parameter in every error (pyo3's own extraction raises an
/// `OverflowError` for a negative or huge int, and errors that name no parameter).
#[derive(Debug)]
pub(crate) enum Arg<T> {
    /// The signature's default.
    Default(T),
    /// What the caller passed.
    Given(Py<PyAny>),
}

impl<'a, 'py, T> FromPyObject<'a, 'py> for Arg<T> {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Self::Given(obj.to_owned().unbind()))
    }
}

impl Arg<f64> {
    /// The real number (see [`real`]) named `field`.
    pub(crate) fn real(&self, py: Python<'_>, field: &str) -> PyResult<f64> {
        match self {
            Self::Default(v) => Ok(*v),
            Self::Given(obj) => real(field, obj.bind(py)),
        }
    }
}

impl Arg<u32> {
    /// The whole number `0..=u32::MAX` named `field` (see [`crate::convert::count`]).
    pub(crate) fn whole(&self, py: Python<'_>, field: &'static str) -> PyResult<u32> {
        match self {
            Self::Default(v) => Ok(*v),
            Self::Given(obj) => crate::convert::count(field, obj.bind(py)),
        }
    }
}

impl Arg<u64> {
    /// The whole number `0..=u64::MAX` named `field` (a seed): `bool`, `None` and floats are a
    /// `TypeError`, a negative or too large int an `InvalidInputError`.
    pub(crate) fn whole_u64(&self, py: Python<'_>, field: &str) -> PyResult<u64> {
        let obj = match self {
            Self::Default(v) => return Ok(*v),
            Self::Given(obj) => obj.bind(py),
        };
        let type_err =
            || PyTypeError::new_err(format!("{field}: expected a whole number (int), got {}", type_name(obj)));
        if obj.is_instance_of::<PyBool>() {
            return Err(type_err());
        }
        let n = match obj.extract::<i128>() {
            Ok(n) => u64::try_from(n).ok(),
            Err(e) if e.is_instance_of::<PyOverflowError>(py) => None,
            Err(_) => return Err(type_err()),
        };
        n.ok_or_else(|| {
            let text = obj.str().map(|t| t.to_string_lossy().into_owned()).unwrap_or_default();
            model_to_py(&ModelError::InvalidData {
                field: field.to_owned(),
                row: None,
                reason: format!("got {}, expected a whole number in 0..={}", crate::convert::shown(&text), u64::MAX),
            })
        })
    }
}

/// The options of a fit from the Python keywords.
pub(crate) fn fit_options(
    py: Python<'_>,
    penalty: &Arg<f64>,
    start: Option<&Bound<'_, PyAny>>,
    max_iterations: &Arg<u32>,
) -> PyResult<models::PurchaseFitOptions> {
    let mut options = models::PurchaseFitOptions::with_penalty(penalty.real(py, "penalty")?);
    if let Some(start) = start {
        options.start = Some(start.extract::<Vec<f64>>().map_err(|_| {
            PyTypeError::new_err(format!("start: expected a sequence of numbers, got {}", type_name(start)))
        })?);
    }
    options.max_iterations = max_iterations.whole(py, "max_iterations")?;
    Ok(options)
}

/// The histories of a fit, validated.
pub(crate) fn histories(columns: &Columns<'_>) -> PyResult<models::PurchaseHistories> {
    let (f, r, a) = (columns.get("frequency")?, columns.get("recency")?, columns.get("age")?);
    let w = columns.optional("weight");
    let mut all = vec![("frequency", f), ("recency", r), ("age", a)];
    if let Some(w) = w {
        all.push(("weight", w));
    }
    let n = broadcast(&all)?;
    // Full-length columns are passed as they are (the histories copy them once); a length-1 column is
    // broadcast.
    fn expand(c: &[f64], n: usize) -> std::borrow::Cow<'_, [f64]> {
        if c.len() == n { std::borrow::Cow::Borrowed(c) } else { std::borrow::Cow::Owned(vec![c[0]; n]) }
    }
    let w = w.map(|w| expand(w, n));
    models::PurchaseHistories::new(&expand(f, n), &expand(r, n), &expand(a, n), w.as_deref())
        .map_err(|e| model_to_py(&e))
}

/// `{name: value}` for the parameters of `M`.
pub(crate) fn param_dict<'py, M: Model>(py: Python<'py>, values: &[f64]) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (name, value) in M::PARAMS.iter().zip(values) {
        dict.set_item(name, value)?;
    }
    Ok(dict)
}

/// `{name: std_err or None}` for the parameters of `M`.
pub(crate) fn std_err_dict<'py, M: Model>(py: Python<'py>, std_err: &[Option<f64>]) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (name, value) in M::PARAMS.iter().zip(std_err) {
        dict.set_item(name, value)?;
    }
    Ok(dict)
}

/// The pandas summary of a fit (`ltv.purchase._data.summary`).
pub(crate) fn summary<'py, M: Model>(py: Python<'py>, fit: &models::Fit<M>) -> PyResult<Bound<'py, PyAny>> {
    let params = param_dict::<M>(py, &fit.model.params())?;
    let std_err = std_err_dict::<M>(py, &fit.std_err)?;
    SUMMARY.import(py, "ltv.purchase._data", "summary")?.call1((params, std_err))
}

/// The `PARAMS` tuple of `M`.
pub(crate) fn params_tuple<M: Model>(py: Python<'_>) -> PyResult<Py<PyTuple>> {
    Ok(PyTuple::new(py, M::PARAMS)?.unbind())
}

/// A prediction over the history columns (and `t` / `n` where `extra` names them).
#[allow(clippy::too_many_arguments, reason = "the columns of the Python signature")]
pub(crate) fn predict<'py, M: PurchaseModel + Sync>(
    py: Python<'py>,
    model: &M,
    name: &str,
    data: Option<&Bound<'py, PyAny>>,
    frequency: Option<&Bound<'py, PyAny>>,
    recency: Option<&Bound<'py, PyAny>>,
    age: Option<&Bound<'py, PyAny>>,
    extra: &[(&str, &Bound<'py, PyAny>)],
    f: impl Fn(&M, &[f64], f64, f64, f64) -> Result<f64, ModelError> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let columns = Columns::read(py, data, frequency, recency, age, None, extra, true)?;
    let (fr, re, ag) = (columns.get("frequency")?, columns.get("recency")?, columns.get("age")?);
    let extra_columns: Vec<&[f64]> = extra.iter().map(|(k, _)| columns.get(k)).collect::<PyResult<_>>()?;
    let mut all: Vec<(&str, &[f64])> = vec![("frequency", fr), ("recency", re), ("age", ag)];
    all.extend(extra.iter().map(|(k, _)| *k).zip(extra_columns.iter().copied()));
    let n = broadcast(&all)?;
    let values = py
        .detach(|| {
            per_row(n, |i| {
                let mut e = [0.0; 2];
                for (slot, c) in e.iter_mut().zip(&extra_columns) {
                    *slot = at(c, i);
                }
                f(model, &e[..extra_columns.len()], at(fr, i), at(re, i), at(ag, i))
            })
        })
        .map_err(|e| model_to_py(&e))?;
    columns.output(py, values, name)
}

/// A broadcast column at its full length `n`: read in place when it has `n` rows, else expanded.
pub(crate) fn full_column(c: &[f64], n: usize) -> std::borrow::Cow<'_, [f64]> {
    if c.len() == n { std::borrow::Cow::Borrowed(c) } else { std::borrow::Cow::Owned(vec![c[0]; n]) }
}

/// DERT per row: at one discount rate (a scalar or a length-1 column) through the model's columns method
/// (`columns`: the live customer's DERT once per distinct `(x, T)`), otherwise row by row (`one`). Both
/// give the same values and name the same row in an error.
#[allow(clippy::too_many_arguments, reason = "the columns of the Python signature and the two kernels")]
pub(crate) fn predict_dert<'py, M: PurchaseModel + Sync>(
    py: Python<'py>,
    model: &M,
    data: Option<&Bound<'py, PyAny>>,
    discount_rate: &Bound<'py, PyAny>,
    frequency: Option<&Bound<'py, PyAny>>,
    recency: Option<&Bound<'py, PyAny>>,
    age: Option<&Bound<'py, PyAny>>,
    one: impl Fn(&M, f64, f64, f64, f64) -> Result<f64, ModelError> + Sync,
    columns_of: impl Fn(&M, f64, &[f64], &[f64], &[f64]) -> Result<Vec<f64>, ModelError> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let name = "discounted_expected_residual_transactions";
    let columns = Columns::read(py, data, frequency, recency, age, None, &[("discount_rate", discount_rate)], true)?;
    let (fr, re, ag, dr) =
        (columns.get("frequency")?, columns.get("recency")?, columns.get("age")?, columns.get("discount_rate")?);
    let n = broadcast(&[("frequency", fr), ("recency", re), ("age", ag), ("discount_rate", dr)])?;
    let values = if dr.len() == 1 {
        let (f, r, a) = (full_column(fr, n), full_column(re, n), full_column(ag, n));
        py.detach(|| columns_of(model, dr[0], &f, &r, &a)).map_err(|e| match e {
            // A bad rate is every row's error: the first row's, as row by row.
            e @ ModelError::InvalidParameter { .. } => in_row(e, 0),
            e => e,
        })
    } else {
        py.detach(|| per_row(n, |i| one(model, at(dr, i), at(fr, i), at(re, i), at(ag, i))))
    };
    columns.output(py, values.map_err(|e| model_to_py(&e))?, name)
}

/// `E[Y(t) | alive now, x, T]` per row, over `frequency`, `age` and `t` (no recency).
pub(crate) fn predict_if_alive<'py, M: PurchaseModel + Sync>(
    py: Python<'py>,
    model: &M,
    data: Option<&Bound<'py, PyAny>>,
    t: &Bound<'py, PyAny>,
    frequency: Option<&Bound<'py, PyAny>>,
    age: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    if data.is_none() && (frequency.is_none() || age.is_none()) {
        let name = if frequency.is_none() { "frequency" } else { "age" };
        return Err(PyTypeError::new_err(format!("{name}: missing (give a frame or the frequency and age columns)")));
    }
    let columns = Columns::read(py, data, frequency, None, age, None, &[("t", t)], false)?;
    let (fr, ag, tt) = (columns.get("frequency")?, columns.get("age")?, columns.get("t")?);
    let n = broadcast(&[("frequency", fr), ("age", ag), ("t", tt)])?;
    let values = py
        .detach(|| {
            per_row(n, |i| {
                model.expected_purchases_if_alive(at(tt, i), at(fr, i), at(ag, i)).unwrap_or(Err(
                    ModelError::NotComputable {
                        quantity: "expected_purchases_if_alive",
                        field: "recency",
                        value: f64::NAN,
                        reason: "this model's live-customer expectation depends on the recency",
                    },
                ))
            })
        })
        .map_err(|e| model_to_py(&e))?;
    columns.output(py, values, "expected_purchases_if_alive")
}

/// A prediction over `t` (and `n`) only: a new customer's.
pub(crate) fn predict_new<'py, M: PurchaseModel + Sync>(
    py: Python<'py>,
    model: &M,
    name: &str,
    extra: &[(&str, &Bound<'py, PyAny>)],
    f: impl Fn(&M, &[f64]) -> Result<f64, ModelError> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let columns = Columns::read(py, None, None, None, None, None, extra, false)?;
    let extra_columns: Vec<&[f64]> = extra.iter().map(|(k, _)| columns.get(k)).collect::<PyResult<_>>()?;
    let all: Vec<(&str, &[f64])> = extra.iter().map(|(k, _)| *k).zip(extra_columns.iter().copied()).collect();
    let n = broadcast(&all)?;
    let values = py
        .detach(|| {
            per_row(n, |i| {
                let mut e = [0.0; 2];
                for (slot, c) in e.iter_mut().zip(&extra_columns) {
                    *slot = at(c, i);
                }
                f(model, &e[..extra_columns.len()])
            })
        })
        .map_err(|e| model_to_py(&e))?;
    columns.output(py, values, name)
}

#[macro_use]
mod macros;
mod bg_nbd;
mod mbg_nbd;
mod pareto_nbd;

pub use bg_nbd::{BgNbdFit, BgNbdModel};
pub use mbg_nbd::{MbgNbdFit, MbgNbdModel};
pub use pareto_nbd::{ParetoNbdFit, ParetoNbdModel};

/// A model's parameters as an HTML table titled `title` (its `_repr_html_`).
pub(crate) fn model_html(title: &str, names: &[&str], values: &[f64]) -> String {
    let rows: String = names
        .iter()
        .zip(values)
        .map(|(name, value)| format!("<tr><th style=\"text-align:left\">{name}</th><td>{value:.6}</td></tr>"))
        .collect();
    format!("<table><caption style=\"text-align:left\"><b>{title}</b></caption>{rows}</table>")
}

/// A fit's estimates table (estimate, standard error, 95 % interval per parameter, as `summary()`) and its
/// figures (log-likelihood, customers, iterations, convergence) as an HTML table titled `title`.
pub(crate) fn fit_html<M: Model>(title: &str, names: &[&str], fit: &models::Fit<M>) -> String {
    let head = "<tr><th>parameter</th><th>estimate</th><th>std_err</th><th>lower_95</th><th>upper_95</th></tr>";
    let rows: String = names
        .iter()
        .zip(fit.model.params())
        .zip(&fit.std_err)
        .map(|((name, value), std_err)| crate::sbg::estimate_row(name, value, *std_err))
        .collect();
    let converged = if fit.converged { "True" } else { "False" };
    let foot = format!(
        "<tr><td colspan=\"5\">log_likelihood {:.4}, n_customers {}, iterations {}, converged {converged}</td></tr>",
        fit.log_likelihood, fit.n_customers, fit.iterations
    );
    format!("<table><caption style=\"text-align:left\"><b>{title}</b></caption>{head}{rows}{foot}</table>")
}

/// The covariance matrix of a BG/NBD, MBG/NBD or Pareto/NBD model's estimates for these histories
/// (`ltv.purchase.covariance`), row-major 4 x 4 (see `BgNbdModel::covariance`, `ParetoNbdModel::covariance`).
#[pyfunction]
#[pyo3(
    signature = (model, data=None, *, frequency=None, recency=None, age=None, weight=None, penalty=Arg::Default(0.0)),
    text_signature = "(model, data=None, *, frequency=None, recency=None, age=None, weight=None, penalty=0.0)"
)]
#[allow(clippy::too_many_arguments, reason = "the columns and options of the Python signature")]
pub fn _covariance<'py>(
    py: Python<'py>,
    model: &Bound<'py, PyAny>,
    data: Option<&Bound<'py, PyAny>>,
    frequency: Option<&Bound<'py, PyAny>>,
    recency: Option<&Bound<'py, PyAny>>,
    age: Option<&Bound<'py, PyAny>>,
    weight: Option<&Bound<'py, PyAny>>,
    penalty: Arg<f64>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let penalty = penalty.real(py, "penalty")?;
    let columns = Columns::read(py, data, frequency, recency, age, weight, &[], true)?;
    let histories = histories(&columns)?;
    let result = if let Ok(m) = model.extract::<BgNbdModel>() {
        m.inner.covariance(&histories, penalty)
    } else if let Ok(m) = model.extract::<BgNbdFit>() {
        m.inner.model.covariance(&histories, penalty)
    } else if let Ok(m) = model.extract::<MbgNbdModel>() {
        m.inner.covariance(&histories, penalty)
    } else if let Ok(m) = model.extract::<MbgNbdFit>() {
        m.inner.model.covariance(&histories, penalty)
    } else if let Ok(m) = model.extract::<ParetoNbdModel>() {
        m.inner.covariance(&histories, penalty)
    } else if let Ok(m) = model.extract::<ParetoNbdFit>() {
        m.inner.model.covariance(&histories, penalty)
    } else {
        return Err(PyTypeError::new_err(format!(
            "model: expected a BG/NBD, MBG/NBD or Pareto/NBD model or fit (BgNbdModel, BgNbdFit, MbgNbdModel, \
             MbgNbdFit, ParetoNbdModel, ParetoNbdFit), got {}",
            type_name(model)
        )));
    };
    Ok(PyArray1::from_vec(py, result.map_err(|e| model_to_py(&e))?))
}

/// Registers the purchase classes and constants.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<BgNbdModel>()?;
    m.add_class::<BgNbdFit>()?;
    m.add_class::<MbgNbdModel>()?;
    m.add_class::<MbgNbdFit>()?;
    m.add_class::<ParetoNbdModel>()?;
    m.add_class::<ParetoNbdFit>()?;
    m.add_function(wrap_pyfunction!(_covariance, m)?)?;
    m.add("PURCHASE_MIN_PARAMETER", models::MIN_PURCHASE_PARAMETER)?;
    m.add("PURCHASE_MAX_PARAMETER", models::MAX_PURCHASE_PARAMETER)?;
    m.add("MAX_PURCHASE_COUNT", models::MAX_PURCHASE_COUNT)?;
    m.add("MAX_FIT_ITERATIONS", models::MAX_FIT_ITERATIONS)?;
    m.add("MAX_SIMULATED_CUSTOMERS", models::MAX_SIMULATED_CUSTOMERS)?;
    m.add("MAX_SIMULATED_PURCHASES", models::MAX_SIMULATED_PURCHASES)?;
    Ok(())
}
