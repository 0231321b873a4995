//! The continuous-time purchase ("buy till you die") models of `ltv_models` in Python: `BgNbdModel` /
//! `BgNbdFit`, `MbgNbdModel` / `MbgNbdFit` and `ParetoNbdModel` / `ParetoNbdFit` (with its closed-form DERT),
//! one `purchase_classes!` invocation each, and the machinery the discrete and spend models share.
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

use crate::errors::{PyModelError, model_to_py};
use crate::sbg::{json_text, not_real};

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

/// Named float64 columns (`None` for an absent optional one) and the shape of the result.
pub(crate) struct Columns<'py> {
    values: HashMap<String, Option<Vec<f64>>>,
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
                Some(array.as_slice()?.to_vec())
            };
            values.insert(key, column);
        }
        Ok(Self { values, like })
    }

    /// The column `name` (required).
    pub(crate) fn get(&self, name: &str) -> PyResult<&[f64]> {
        match self.values.get(name) {
            Some(Some(v)) => Ok(v),
            _ => Err(PyTypeError::new_err(format!("{name}: missing"))),
        }
    }

    /// The column `name`, if given.
    pub(crate) fn optional(&self, name: &str) -> Option<&[f64]> {
        self.values.get(name).and_then(|v| v.as_deref())
    }

    /// `values` shaped like the input, named `name`.
    pub(crate) fn output(&self, py: Python<'py>, values: Vec<f64>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let array = PyArray1::from_vec(py, values);
        OUTPUT.import(py, "ltv.purchase._data", "output")?.call1((array, &self.like, name))
    }
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
    let expand = |c: &[f64]| if c.len() == n { c.to_vec() } else { vec![c[0]; n] };
    let w = w.map(expand);
    models::PurchaseHistories::new(&expand(f), &expand(r), &expand(a), w.as_deref()).map_err(|e| model_to_py(&e))
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

/// The prediction methods shared by a purchase model class and its fit class (`self.purchase_model()`), for
/// every continuous-time model; `with_dert` adds the discounted expected residual transactions (Pareto/NBD in
/// closed form, BG/NBD and MBG/NBD by quadrature).
macro_rules! purchase_predictions {
    ($ty:ident, { $($extra:tt)* }) => {
        purchase_predictions!(@methods $ty, { $($extra)* });
    };
    ($ty:ident, with_dert, { $($extra:tt)* }) => {
        purchase_predictions!(@methods $ty, {
            $($extra)*

            /// Discounted expected residual transactions, continuous discounting at `discount_rate` per time
            /// unit (Fader, Hardie & Lee 2005, "RFM and CLV": Pareto/NBD eq. 2 in closed form; BG/NBD and
            /// MBG/NBD by quadrature of the conditional expectation).
            #[pyo3(signature = (data=None, *, discount_rate, frequency=None, recency=None, age=None))]
            fn discounted_expected_residual_transactions<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, discount_rate: &Bound<'py, PyAny>,
                frequency: Option<&Bound<'py, PyAny>>, recency: Option<&Bound<'py, PyAny>>,
                age: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.purchase_model(), "discounted_expected_residual_transactions", data, frequency,
                    recency, age, &[("discount_rate", discount_rate)],
                    |m, e, x, tx, a| m.discounted_expected_residual_transactions(e[0], x, tx, a))
            }
        });
    };
    (@methods $ty:ident, { $($extra:tt)* }) => {
        #[pymethods]
        impl $ty {
            $($extra)*

            /// Each customer's log-likelihood (a density in the purchase times: it may be positive).
            #[pyo3(signature = (data=None, *, frequency=None, recency=None, age=None))]
            fn customer_log_likelihood<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, frequency: Option<&Bound<'py, PyAny>>,
                recency: Option<&Bound<'py, PyAny>>, age: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.purchase_model(), "customer_log_likelihood", data, frequency, recency, age, &[],
                    |m, _, x, tx, t| m.log_likelihood(x, tx, t))
            }

            /// `P(alive | frequency, recency, age)`.
            #[pyo3(signature = (data=None, *, frequency=None, recency=None, age=None))]
            fn probability_alive<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, frequency: Option<&Bound<'py, PyAny>>,
                recency: Option<&Bound<'py, PyAny>>, age: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.purchase_model(), "probability_alive", data, frequency, recency, age, &[],
                    |m, _, x, tx, t| m.probability_alive(x, tx, t))
            }

            /// `E[Y(t) | history]`: expected purchases in the next `t`.
            #[pyo3(signature = (data=None, *, t, frequency=None, recency=None, age=None))]
            fn conditional_expected_purchases<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, t: &Bound<'py, PyAny>,
                frequency: Option<&Bound<'py, PyAny>>, recency: Option<&Bound<'py, PyAny>>,
                age: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.purchase_model(), "conditional_expected_purchases", data, frequency, recency, age,
                    &[("t", t)], |m, e, x, tx, a| m.conditional_expected_purchases(e[0], x, tx, a))
            }

            /// `P(Y(t) = n | history)`.
            #[pyo3(signature = (data=None, *, n, t, frequency=None, recency=None, age=None))]
            #[allow(clippy::too_many_arguments, reason = "the columns of the Python signature")]
            fn conditional_probability_of_purchases<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, n: &Bound<'py, PyAny>,
                t: &Bound<'py, PyAny>, frequency: Option<&Bound<'py, PyAny>>,
                recency: Option<&Bound<'py, PyAny>>, age: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.purchase_model(), "conditional_probability_of_purchases", data, frequency,
                    recency, age, &[("n", n), ("t", t)],
                    |m, e, x, tx, a| m.conditional_probability_of_purchases(count(e[0])?, e[1], x, tx, a))
            }

            /// `P(alive at age + t | history)`: still active `t` after the end of observation.
            #[pyo3(signature = (data=None, *, t, frequency=None, recency=None, age=None))]
            fn probability_alive_at<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, t: &Bound<'py, PyAny>,
                frequency: Option<&Bound<'py, PyAny>>, recency: Option<&Bound<'py, PyAny>>,
                age: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.purchase_model(), "probability_alive_at", data, frequency, recency, age,
                    &[("t", t)], |m, e, x, tx, a| m.probability_alive_at(e[0], x, tx, a))
            }

            /// `P(Y(t) = 0 | history)`: no purchase in the next `t`.
            #[pyo3(signature = (data=None, *, t, frequency=None, recency=None, age=None))]
            fn probability_of_no_purchase<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, t: &Bound<'py, PyAny>,
                frequency: Option<&Bound<'py, PyAny>>, recency: Option<&Bound<'py, PyAny>>,
                age: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.purchase_model(), "probability_of_no_purchase", data, frequency, recency, age,
                    &[("t", t)], |m, e, x, tx, a| m.probability_of_no_purchase(e[0], x, tx, a))
            }

            /// `E[X(t)]`: expected repeat purchases of a new customer in `(0, t]`.
            #[pyo3(signature = (*, t))]
            fn expected_purchases<'py>(&self, py: Python<'py>, t: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                predict_new(py, self.purchase_model(), "expected_purchases", &[("t", t)],
                    |m, e| m.expected_purchases(e[0]))
            }

            /// `P(X(t) = n)` for a new customer.
            #[pyo3(signature = (*, n, t))]
            fn probability_of_purchases<'py>(
                &self, py: Python<'py>, n: &Bound<'py, PyAny>, t: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict_new(py, self.purchase_model(), "probability_of_purchases", &[("n", n), ("t", t)],
                    |m, e| m.probability_of_purchases(count(e[0])?, e[1]))
            }
        }
    };
}

/// A purchase model class and its fit class, for a 4-parameter continuous-time model.
macro_rules! purchase_classes {
    ($model:ident, $fit:ident, $rust_model:ty, $rust_fit:ty, $model_name:literal, $fit_name:literal,
     [$p0:ident, $p1:ident, $p2:ident, $p3:ident] $(, $with:ident)?) => {
        #[doc = concat!("The ", $model_name, " purchase model (see `ltv_models::", $model_name, "`).")]
        #[pyclass(module = "ltv", name = $model_name, frozen, eq, from_py_object)]
        #[derive(Clone, PartialEq)]
        pub struct $model {
            pub(crate) inner: $rust_model,
        }

        impl $model {
            fn purchase_model(&self) -> &$rust_model {
                &self.inner
            }
        }

        purchase_predictions!($model, $($with,)? {
            #[new]
            #[pyo3(signature = (*, $p0, $p1, $p2, $p3))]
            fn new(
                $p0: &Bound<'_, PyAny>, $p1: &Bound<'_, PyAny>, $p2: &Bound<'_, PyAny>, $p3: &Bound<'_, PyAny>,
            ) -> PyResult<Self> {
                let inner = <$rust_model>::new(
                    real(stringify!($p0), $p0)?, real(stringify!($p1), $p1)?,
                    real(stringify!($p2), $p2)?, real(stringify!($p3), $p3)?,
                ).map_err(PyModelError)?;
                Ok(Self { inner })
            }

            /// The `"model"` tag of its model file.
            #[classattr]
            const TAG: &'static str = <$rust_model as Model>::TAG;

            /// The `"format_version"` of its model file.
            #[classattr]
            const FORMAT_VERSION: u32 = <$rust_model as Model>::FORMAT_VERSION;

            /// The parameter names.
            #[classattr]
            #[allow(non_snake_case)]
            fn PARAMS(py: Python<'_>) -> PyResult<Py<PyTuple>> {
                params_tuple::<$rust_model>(py)
            }

            /// The parameters, `{name: value}`.
            #[getter]
            fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                param_dict::<$rust_model>(py, &self.inner.params())
            }

            #[getter]
            fn $p0(&self) -> f64 { self.inner.$p0() }
            #[getter]
            fn $p1(&self) -> f64 { self.inner.$p1() }
            #[getter]
            fn $p2(&self) -> f64 { self.inner.$p2() }
            #[getter]
            fn $p3(&self) -> f64 { self.inner.$p3() }

            /// Draws one synthetic customer per entry of `age` (seeded): a dict of float64 arrays
            /// `frequency`, `recency`, `age`.
            #[pyo3(signature = (*, age, seed=Arg::Default(0)), text_signature = "($self, *, age, seed=0)")]
            fn simulate<'py>(&self, py: Python<'py>, age: &Bound<'py, PyAny>, seed: Arg<u64>) -> PyResult<Bound<'py, PyDict>> {
                let seed = seed.whole_u64(py, "seed")?;
                let columns = Columns::read(py, None, None, None, None, None, &[("age", age)], false)?;
                let ages = columns.get("age")?.to_vec();
                let model = self.inner;
                let data = py.detach(|| model.simulate(&ages, seed)).map_err(PyModelError)?;
                let out = PyDict::new(py);
                out.set_item("frequency", PyArray1::from_vec(py, data.frequency))?;
                out.set_item("recency", PyArray1::from_vec(py, data.recency))?;
                out.set_item("age", PyArray1::from_vec(py, data.age))?;
                Ok(out)
            }

            /// The model as a JSON model file (one line).
            fn to_json(&self) -> Result<String, PyModelError> {
                Ok(self.inner.to_json()?)
            }

            /// Reads a model from a JSON model file (with or without a `"fit"` object).
            #[staticmethod]
            fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
                Ok(Self { inner: <$rust_model>::from_json(&json_text(text)?).map_err(PyModelError)? })
            }

            fn __repr__(&self) -> String {
                let p = self.inner.params();
                format!(concat!($model_name, "({}={:?}, {}={:?}, {}={:?}, {}={:?})"),
                    stringify!($p0), p[0], stringify!($p1), p[1], stringify!($p2), p[2], stringify!($p3), p[3])
            }
        });

        #[doc = concat!("A maximum-likelihood fit of the ", $model_name, ".")]
        #[pyclass(module = "ltv", name = $fit_name, frozen, eq, from_py_object)]
        #[derive(Clone, PartialEq)]
        pub struct $fit {
            pub(crate) inner: $rust_fit,
        }

        impl $fit {
            fn purchase_model(&self) -> &$rust_model {
                &self.inner.model
            }
        }

        purchase_predictions!($fit, $($with,)? {
            /// Fits the model by maximum likelihood to a frame or columns of histories.
            #[staticmethod]
            #[pyo3(
                signature = (data=None, *, frequency=None, recency=None, age=None, weight=None, penalty=Arg::Default(0.0), start=None, max_iterations=Arg::Default(200)),
                text_signature = "(data=None, *, frequency=None, recency=None, age=None, weight=None, penalty=0.0, start=None, max_iterations=200)"
            )]
            #[allow(clippy::too_many_arguments, reason = "the columns and options of the Python signature")]
            fn fit<'py>(
                py: Python<'py>, data: Option<&Bound<'py, PyAny>>, frequency: Option<&Bound<'py, PyAny>>,
                recency: Option<&Bound<'py, PyAny>>, age: Option<&Bound<'py, PyAny>>,
                weight: Option<&Bound<'py, PyAny>>, penalty: Arg<f64>, start: Option<&Bound<'py, PyAny>>,
                max_iterations: Arg<u32>,
            ) -> PyResult<Self> {
                let options = fit_options(py, &penalty, start, &max_iterations)?;
                let columns = Columns::read(py, data, frequency, recency, age, weight, &[], true)?;
                let histories = histories(&columns)?;
                let inner = py.detach(|| <$rust_fit>::fit(&histories, &options)).map_err(PyModelError)?;
                Ok(Self { inner })
            }

            /// The fitted model.
            #[getter]
            fn model(&self) -> $model {
                $model { inner: self.inner.model }
            }

            /// The fitted parameters, `{name: value}`.
            #[getter]
            fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                param_dict::<$rust_model>(py, &self.inner.model.params())
            }

            /// The standard errors, `{name: value or None}`.
            #[getter]
            fn std_err<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                std_err_dict::<$rust_model>(py, &self.inner.std_err)
            }

            /// The maximised (unpenalised) total log-likelihood.
            #[getter]
            fn log_likelihood(&self) -> f64 {
                self.inner.log_likelihood
            }

            /// Customers fitted (the sum of the weights, rounded).
            #[getter]
            fn n_customers(&self) -> u64 {
                self.inner.n_customers
            }

            /// Optimizer iterations.
            #[getter]
            fn iterations(&self) -> u32 {
                self.inner.iterations
            }

            /// Whether the optimizer converged.
            #[getter]
            fn converged(&self) -> bool {
                self.inner.converged
            }

            /// The estimates as a pandas DataFrame (estimate, std_err, lower_95, upper_95 per parameter).
            fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                summary(py, &self.inner)
            }

            /// The fit as a JSON model file (one line).
            fn to_json(&self) -> Result<String, PyModelError> {
                Ok(self.inner.to_json()?)
            }

            /// Reads a fit from a JSON model file (the `"fit"` object is required).
            #[staticmethod]
            fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
                Ok(Self { inner: <$rust_fit>::from_json(&json_text(text)?).map_err(PyModelError)? })
            }

            fn __repr__(&self) -> String {
                let f = &self.inner;
                let p = f.model.params();
                format!(concat!($fit_name, "({}={:?}, {}={:?}, {}={:?}, {}={:?}, log_likelihood={:?}, n_customers={}, converged={})"),
                    stringify!($p0), p[0], stringify!($p1), p[1], stringify!($p2), p[2], stringify!($p3), p[3],
                    f.log_likelihood, f.n_customers, if f.converged { "True" } else { "False" })
            }
        });
    };
}

purchase_classes!(
    BgNbdModel,
    BgNbdFit,
    models::BgNbdModel,
    models::BgNbdFit,
    "BgNbdModel",
    "BgNbdFit",
    [r, alpha, a, b],
    with_dert
);
purchase_classes!(
    MbgNbdModel,
    MbgNbdFit,
    models::MbgNbdModel,
    models::MbgNbdFit,
    "MbgNbdModel",
    "MbgNbdFit",
    [r, alpha, a, b],
    with_dert
);

purchase_classes!(
    ParetoNbdModel,
    ParetoNbdFit,
    models::ParetoNbdModel,
    models::ParetoNbdFit,
    "ParetoNbdModel",
    "ParetoNbdFit",
    [r, alpha, s, beta],
    with_dert
);

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
