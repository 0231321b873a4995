//! The sBG retention model (`ltv_models`) in Python: `SbgModel`, `SbgFit`, and the cohort LTV.
//!
//! Conversion only: every number comes from `ltv-models`. Periods `t` are a Python int (a float out) or any
//! array-like of whole numbers (a float64 array of the same shape out, computed in one pass in Rust).

use ltv_models as models;
use ltv_models::{Model, ModelError};
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyString, PyTuple};

use crate::errors::{PyModelError, model_to_py};

static NUMPY_ASARRAY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_owned())
}

/// A real number (int, float, numpy scalar); `bool`, `None` and strings are a `TypeError`.
fn real(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<f64> {
    if obj.is_none() || obj.is_instance_of::<PyBool>() || obj.is_instance_of::<PyString>() || not_real(obj) {
        return Err(PyTypeError::new_err(format!("{field}: expected a number, got {}", type_name(obj))));
    }
    obj.extract::<f64>()
        .map_err(|_| PyTypeError::new_err(format!("{field}: expected a number, got {}", type_name(obj))))
}

/// A complex number or a numpy bool, which `float()` would accept (dropping the imaginary part, or as 0 / 1).
pub(crate) fn not_real(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<pyo3::types::PyComplex>()
        || matches!(type_name(obj).as_str(), "bool" | "bool_")
        || type_name(obj).starts_with("complex")
}

fn invalid(field: &str, row: Option<usize>, reason: String) -> PyErr {
    model_to_py(&ModelError::InvalidData { field: field.to_owned(), row, reason })
}

/// A whole number `>= 0` from a float (NaN, fractions and negatives are errors naming `field` and `row`).
fn whole(field: &str, row: Option<usize>, x: f64, max: f64) -> PyResult<f64> {
    if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= max {
        Ok(x)
    } else {
        Err(invalid(field, row, format!("got {}, expected a whole number >= 0 (at most {max})", models::Shown(x))))
    }
}

/// A Python int (or numpy integer scalar), as opposed to an array-like (numpy arrays have `__index__` too,
/// but also `__len__`).
fn is_int(obj: &Bound<'_, PyAny>) -> bool {
    !obj.is_instance_of::<PyBool>()
        && (obj.is_instance_of::<PyInt>()
            || (obj.hasattr("__index__").unwrap_or(false) && !obj.hasattr("__len__").unwrap_or(true)))
}

/// An array-like as a 1-D float64 array (flattened; `shape` gives the original shape back).
///
/// Only numbers are numbers: booleans, strings, complex numbers, dates and times (numpy datetime64 /
/// timedelta64, pandas or polars dates) are a `TypeError` naming `field` (and the row for a list), masked
/// values an error naming `field`. With `column`, the input must be one column (1-D): a DataFrame or a
/// nested list is a `TypeError`, not flattened.
fn float_array<'py>(
    field: &str,
    obj: &Bound<'py, PyAny>,
    column: bool,
) -> PyResult<(PyReadonlyArray1<'py, f64>, Bound<'py, PyAny>)> {
    let py = obj.py();
    let expected = if column { "a column of numbers" } else { "numbers" };
    if obj.is_none()
        || obj.is_instance_of::<PyBool>()
        || obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<pyo3::types::PyBytes>()
    {
        return Err(PyTypeError::new_err(format!("{field}: expected {expected}, got {}", type_name(obj))));
    }
    if obj.is_instance_of::<pyo3::types::PyList>() || obj.is_instance_of::<pyo3::types::PyTuple>() {
        for (row, item) in obj.try_iter()?.enumerate() {
            let item = item?;
            let nested = item.is_instance_of::<pyo3::types::PyList>() || item.is_instance_of::<pyo3::types::PyTuple>();
            if item.is_instance_of::<PyBool>()
                || item.is_instance_of::<PyString>()
                || item.is_instance_of::<pyo3::types::PyBytes>()
                || item.is_instance_of::<pyo3::types::PyComplex>()
                || (column && nested)
            {
                return Err(PyTypeError::new_err(format!(
                    "{field}[{row}]: expected a number, got {}",
                    type_name(&item)
                )));
            }
        }
    }
    let numpy = py.import("numpy")?;
    let not_numbers = |what: String| PyTypeError::new_err(format!("{field}: expected {expected}, got {what}"));
    // (np.asarray drops a mask: check it first.)
    let ma = numpy.getattr("ma")?;
    if obj.is_instance(&ma.getattr("MaskedArray")?)? {
        let masked: bool = ma.call_method1("getmaskarray", (obj,))?.call_method0("any")?.extract()?;
        if masked {
            return Err(invalid(field, None, "masked (missing) values: fill or drop them first".to_owned()));
        }
    }
    let arr = NUMPY_ASARRAY.import(py, "numpy", "asarray")?.call1((obj,)).map_err(|_| not_numbers(type_name(obj)))?;
    let dtype = arr.getattr("dtype")?;
    let kind: String = dtype.getattr("kind")?.extract()?;
    if !matches!(kind.as_str(), "i" | "u" | "f" | "O") {
        return Err(not_numbers(format!("values of dtype {}", dtype.str()?)));
    }
    let ndim: usize = arr.getattr("ndim")?.extract()?;
    if column && ndim != 1 {
        return Err(not_numbers(format!("a {ndim}-dimensional {}", type_name(obj))));
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("dtype", "float64")?;
    let arr = numpy.getattr("asarray")?.call((&arr,), Some(&kwargs)).map_err(|_| not_numbers(type_name(obj)))?;
    let shape = arr.getattr("shape")?;
    let flat = arr.call_method0("ravel")?.cast_into::<PyArray1<f64>>()?;
    Ok((flat.readonly(), shape))
}

/// Whole counts `>= 0` from a sequence or array (ints, or floats with no fraction).
pub(crate) fn counts(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<u64>> {
    let (arr, _) = float_array(field, obj, true)?;
    arr.as_slice()?
        .iter()
        .enumerate()
        .map(|(row, &x)| whole(field, Some(row), x, 9.007_199_254_740_992e15).map(|x| x as u64))
        .collect()
}

/// Floats from a sequence or array (validated by the model).
pub(crate) fn floats(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    let (arr, _) = float_array(field, obj, true)?;
    Ok(arr.as_slice()?.to_vec())
}

/// The text of a model file: a `str` (else a `TypeError` naming `text`); one that cannot be UTF-8 (a lone
/// surrogate) is a model-file error, not a `UnicodeEncodeError`.
pub(crate) fn json_text(text: &Bound<'_, PyAny>) -> PyResult<String> {
    let Ok(string) = text.cast::<PyString>() else {
        return Err(PyTypeError::new_err(format!(
            "text: expected a str (the JSON model file), got {}",
            type_name(text)
        )));
    };
    match string.to_cow() {
        Ok(s) => Ok(s.into_owned()),
        Err(_) => Err(model_to_py(&ModelError::Json {
            message: "the text is not valid Unicode (it has a lone surrogate), so it is no JSON model file".to_owned(),
        })),
    }
}

/// A period from an int, or an error naming `field`.
fn period(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<u32> {
    match obj.extract::<i64>() {
        Ok(t) if (0..=i64::from(u32::MAX)).contains(&t) => Ok(t as u32),
        Ok(t) => Err(invalid(field, None, format!("got {t}, expected a whole number of periods >= 0"))),
        Err(_) => Err(invalid(field, None, "expected a whole number of periods >= 0 that fits in 32 bits".to_owned())),
    }
}

/// `f(t)` for an int `t` (a float out) or each element of an array-like (a float64 array out).
fn per_period<'py>(
    t: &Bound<'py, PyAny>,
    f: impl Fn(u32) -> Result<f64, ModelError>,
    curve: Option<&dyn Fn(u32) -> Result<Vec<f64>, ModelError>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = t.py();
    if is_int(t) {
        let value = f(period("t", t)?).map_err(|e| model_to_py(&e))?;
        return Ok(PyFloat::new(py, value).into_any());
    }
    let (arr, shape) = float_array("t", t, false)?;
    let ts = arr.as_slice()?;
    let mut periods = Vec::with_capacity(ts.len());
    for (row, &x) in ts.iter().enumerate() {
        periods.push(whole("t", Some(row), x, f64::from(u32::MAX))? as u32);
    }
    let out: Vec<f64> = match (curve, periods.iter().max()) {
        // One pass over the curve when it is not much longer than the input.
        (Some(curve), Some(&max))
            if periods.len() > 1 && max <= models::MAX_PERIODS && (max as usize) <= 4 * periods.len() + 4096 =>
        {
            let values = curve(max).map_err(|e| model_to_py(&e))?;
            periods.iter().map(|&p| values[p as usize]).collect()
        }
        _ => periods
            .iter()
            .enumerate()
            .map(|(row, &p)| {
                f(p).map_err(|e| match e {
                    ModelError::InvalidPeriod { allowed, .. } => {
                        invalid("t", Some(row), format!("got {p}, expected {allowed}"))
                    }
                    other => model_to_py(&other),
                })
            })
            .collect::<PyResult<_>>()?,
    };
    PyArray1::from_vec(py, out).call_method1("reshape", (shape,))
}

/// Registers the models' caps and domains as module constants (`ltv._ltv.SBG_MIN_PARAMETER`, ...), the
/// same numbers as the `ltv_models` constants, re-exported by `ltv.retention` and `ltv.scoring`.
pub(crate) fn add_constants(m: &Bound<'_, pyo3::types::PyModule>) -> PyResult<()> {
    m.add("SBG_MIN_PARAMETER", models::MIN_PARAMETER)?;
    m.add("SBG_MAX_PARAMETER", models::MAX_PARAMETER)?;
    m.add("MAX_PERIODS", models::MAX_PERIODS)?;
    m.add("MAX_TABLE_AGES", models::MAX_TABLE_AGES)?;
    m.add("MAX_FEATURE_MAGNITUDE", models::MAX_FEATURE_MAGNITUDE)?;
    m.add("MIN_FEATURE_SCALE", models::MIN_FEATURE_SCALE)?;
    m.add("MAX_COEFFICIENT", models::MAX_COEFFICIENT)?;
    m.add("MAX_SCORER_ITERATIONS", models::MAX_SCORER_ITERATIONS)?;
    m.add("MAX_SERIES_TERMS", models::MAX_SERIES_TERMS)?;
    m.add("MAX_COHORT_CELLS", ltv_core::cohort::MAX_COHORT_CELLS)?;
    Ok(())
}

/// The shifted-beta-geometric (sBG) contractual retention model of Fader & Hardie (2007).
///
/// Each customer churns at each renewal with their own probability, Beta(``alpha``, ``beta``) distributed across
/// customers; periods are renewal decisions. Immutable; ``repr()`` shows the parameters, ``_repr_html_()`` a table.
///
/// Parameters
/// ----------
/// alpha, beta : float
///     The Beta distribution's parameters, each in [``MIN_PARAMETER``, ``MAX_PARAMETER``] = [1e-8, 1e8].
///
/// Raises
/// ------
/// InvalidInputError
///     A parameter out of range or not finite.
/// TypeError
///     A parameter that is not a number.
///
/// Examples
/// --------
/// >>> from ltv.retention import SbgModel
/// >>> m = SbgModel(alpha=0.704, beta=1.182)
/// >>> m
/// SbgModel(alpha=0.704, beta=1.182)
/// >>> round(m.discounted_expected_lifetime(discount_rate=0.1), 3)
/// 3.695
#[allow(clippy::doc_lazy_continuation)]
#[pyclass(module = "ltv", name = "SbgModel", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct SbgModel {
    pub(crate) inner: models::SbgModel,
}

#[pymethods]
impl SbgModel {
    #[new]
    #[pyo3(signature = (*, alpha, beta))]
    fn new(alpha: &Bound<'_, PyAny>, beta: &Bound<'_, PyAny>) -> PyResult<Self> {
        let inner = models::SbgModel::new(real("alpha", alpha)?, real("beta", beta)?).map_err(PyModelError)?;
        Ok(Self { inner })
    }

    /// The `"model"` tag of its model file (`"sbg"`).
    #[classattr]
    const TAG: &'static str = <models::SbgModel as Model>::TAG;

    /// The `"format_version"` of its model file.
    #[classattr]
    const FORMAT_VERSION: u32 = <models::SbgModel as Model>::FORMAT_VERSION;

    /// The parameter names, in `params()` order.
    #[classattr]
    #[allow(non_snake_case)]
    fn PARAMS(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        Ok(PyTuple::new(py, <models::SbgModel as Model>::PARAMS)?.unbind())
    }

    /// The parameter values, in ``PARAMS`` order (``alpha``, ``beta``).
    ///
    /// Returns
    /// -------
    /// list of float
    ///     ``[alpha, beta]``.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgModel
    /// >>> m = SbgModel(alpha=0.704, beta=1.182)
    /// >>> m.params()
    /// [0.704, 1.182]
    #[allow(clippy::doc_lazy_continuation)]
    fn params(&self) -> Vec<f64> {
        self.inner.params()
    }

    /// The model with these parameter values, in ``PARAMS`` order.
    ///
    /// Parameters
    /// ----------
    /// params : sequence of float
    ///     ``[alpha, beta]``, each in [``MIN_PARAMETER``, ``MAX_PARAMETER``].
    ///
    /// Returns
    /// -------
    /// SbgModel
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     The wrong number of values, or a value out of range.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgModel
    /// >>> SbgModel.from_params(params=[0.704, 1.182])
    /// SbgModel(alpha=0.704, beta=1.182)
    #[allow(clippy::doc_lazy_continuation)]
    #[staticmethod]
    #[pyo3(signature = (*, params))]
    fn from_params(params: &Bound<'_, PyAny>) -> PyResult<Self> {
        let params = floats("params", params)?;
        Ok(Self { inner: models::SbgModel::from_params(&params).map_err(PyModelError)? })
    }

    /// The `alpha` parameter of the Beta distribution of churn probabilities.
    #[getter]
    fn alpha(&self) -> f64 {
        self.inner.alpha()
    }

    /// The `beta` parameter of the Beta distribution of churn probabilities.
    #[getter]
    fn beta(&self) -> f64 {
        self.inner.beta()
    }

    /// ``S(t) = P(T > t)``, the share of a cohort still active after ``t`` renewals (``S(0) = 1``).
    ///
    /// Parameters
    /// ----------
    /// t : int or array-like of int
    ///     Periods (renewal decisions), whole numbers >= 0.
    ///
    /// Returns
    /// -------
    /// float or numpy.ndarray
    ///     A float for an int ``t``; a float64 array of ``t``'s shape for an array (computed in one pass).
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative ``t`` (``.row`` names it in an array).
    /// TypeError
    ///     A ``t`` that is not whole numbers.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgModel
    /// >>> m = SbgModel(alpha=0.704, beta=1.182)
    /// >>> round(m.survival(1), 3)
    /// 0.627
    /// >>> m.survival([0, 1, 2]).round(3)
    /// array([1.   , 0.627, 0.474])
    #[allow(clippy::doc_lazy_continuation)]
    fn survival<'py>(&self, t: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let m = self.inner;
        per_period(t, |p| Ok(m.survival(p)), Some(&|max| m.survival_curve(max)))
    }

    /// ``S(0), S(1), ..., S(periods)`` as a float64 array (``periods + 1`` values, one pass of the recursion).
    ///
    /// Parameters
    /// ----------
    /// periods : int
    ///     The last period, a whole number in [0, ``MAX_PERIODS``].
    ///
    /// Returns
    /// -------
    /// numpy.ndarray
    ///     float64, ``periods + 1`` survival probabilities.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     ``periods`` negative or above ``MAX_PERIODS``.
    /// TypeError
    ///     ``periods`` is not an int.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgModel
    /// >>> m = SbgModel(alpha=0.704, beta=1.182)
    /// >>> m.survival_curve(periods=3).round(3)
    /// array([1.   , 0.627, 0.474, 0.388])
    #[allow(clippy::doc_lazy_continuation)]
    #[pyo3(signature = (*, periods))]
    fn survival_curve<'py>(&self, py: Python<'py>, periods: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyArray1<f64>>> {
        if !is_int(periods) {
            return Err(PyTypeError::new_err(format!(
                "periods: expected a whole number (int), got {}",
                type_name(periods)
            )));
        }
        let periods = period("periods", periods)?;
        if periods > models::MAX_PERIODS {
            return Err(invalid(
                "periods",
                None,
                format!("got {periods}, expected at most MAX_PERIODS = {} periods", models::MAX_PERIODS),
            ));
        }
        Ok(PyArray1::from_vec(py, self.inner.survival_curve(periods).map_err(PyModelError)?))
    }

    /// The retention rate ``r_t = S(t) / S(t - 1)`` for ``t >= 1``: it rises with tenure (the sBG's sorting effect).
    ///
    /// Parameters
    /// ----------
    /// t : int or array-like of int
    ///     Periods, whole numbers >= 1.
    ///
    /// Returns
    /// -------
    /// float or numpy.ndarray
    ///     A float for an int ``t``; a float64 array of ``t``'s shape for an array (computed in one pass).
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A ``t`` below 1.
    /// TypeError
    ///     A ``t`` that is not whole numbers.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgModel
    /// >>> m = SbgModel(alpha=0.704, beta=1.182)
    /// >>> m.retention([1, 2, 3]).round(3)
    /// array([0.627, 0.756, 0.819])
    #[allow(clippy::doc_lazy_continuation)]
    fn retention<'py>(&self, t: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let m = self.inner;
        per_period(t, |p| m.retention(p), None)
    }

    /// ``P(T = t)``, the probability that a new customer churns at the ``t``-th renewal decision (``t >= 1``).
    ///
    /// Parameters
    /// ----------
    /// t : int or array-like of int
    ///     Renewal decisions, whole numbers >= 1.
    ///
    /// Returns
    /// -------
    /// float or numpy.ndarray
    ///     A float for an int ``t``; a float64 array of ``t``'s shape for an array (computed in one pass).
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A ``t`` below 1.
    /// TypeError
    ///     A ``t`` that is not whole numbers.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgModel
    /// >>> m = SbgModel(alpha=0.704, beta=1.182)
    /// >>> m.churn_probability([1, 2]).round(3)
    /// array([0.373, 0.153])
    #[allow(clippy::doc_lazy_continuation)]
    fn churn_probability<'py>(&self, t: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let m = self.inner;
        per_period(t, |p| m.churn_probability(p), None)
    }

    /// The expected lifetime ``E[T] = (alpha + beta - 1) / (alpha - 1)``, in periods.
    ///
    /// Returns
    /// -------
    /// float
    ///     Periods, counting the first.
    ///
    /// Raises
    /// ------
    /// DivergenceError
    ///     ``alpha <= 1``: the expected lifetime is infinite (use :meth:`discounted_expected_lifetime`).
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgModel
    /// >>> round(SbgModel(alpha=3.8, beta=15.8).expected_lifetime(), 3)
    /// 6.643
    #[allow(clippy::doc_lazy_continuation)]
    fn expected_lifetime(&self) -> Result<f64, PyModelError> {
        Ok(self.inner.expected_lifetime()?)
    }

    /// DEL, the discounted expected lifetime ``sum_{t>=0} S(t) / (1 + d)^t`` of a new customer (Fader & Hardie 2010).
    ///
    /// Multiply by the margin per period to value a customer at acquisition.
    ///
    /// Parameters
    /// ----------
    /// discount_rate : float
    ///     Cost of capital per period, >= 0 (> 0 when ``alpha <= 1``).
    ///
    /// Returns
    /// -------
    /// float
    ///     Discounted periods.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative or non-finite discount rate.
    /// DivergenceError
    ///     The sum does not converge (no discount and ``alpha <= 1``).
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgModel
    /// >>> m = SbgModel(alpha=0.704, beta=1.182)
    /// >>> round(m.discounted_expected_lifetime(discount_rate=0.1), 3)
    /// 3.695
    #[allow(clippy::doc_lazy_continuation)]
    #[pyo3(signature = (*, discount_rate))]
    fn discounted_expected_lifetime(&self, discount_rate: &Bound<'_, PyAny>) -> PyResult<f64> {
        let d = real("discount_rate", discount_rate)?;
        Ok(self.inner.discounted_expected_lifetime(d).map_err(PyModelError)?)
    }

    /// DERL, the discounted expected residual lifetime of a customer about to make their ``n``-th renewal decision
    /// (Fader & Hardie 2010): the periods still to come, discounted, given ``n`` periods survived.
    ///
    /// Parameters
    /// ----------
    /// discount_rate : float
    ///     Cost of capital per period, >= 0.
    /// n : int
    ///     The renewal decision ahead, a whole number >= 1.
    ///
    /// Returns
    /// -------
    /// float
    ///     Discounted periods; times the margin per period, the residual value of an existing customer.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative discount rate or ``n < 1``.
    /// TypeError
    ///     ``n`` is not an int.
    /// DivergenceError
    ///     The sum does not converge.
    ///
    /// Examples
    /// --------
    /// Fader & Hardie (2010), Table 3: DERL at d = 10 % for n = 5.
    ///
    /// >>> from ltv.retention import SbgModel
    /// >>> round(SbgModel(alpha=1 / 15, beta=4 / 15).discounted_expected_residual_lifetime(discount_rate=0.10, n=5), 2)
    /// 10.19
    #[allow(clippy::doc_lazy_continuation)]
    #[pyo3(signature = (*, discount_rate, n))]
    fn discounted_expected_residual_lifetime(
        &self,
        discount_rate: &Bound<'_, PyAny>,
        n: &Bound<'_, PyAny>,
    ) -> PyResult<f64> {
        let d = real("discount_rate", discount_rate)?;
        if !is_int(n) {
            return Err(PyTypeError::new_err(format!("n: expected a whole number (int), got {}", type_name(n))));
        }
        let n = period("n", n)?;
        Ok(self.inner.discounted_expected_residual_lifetime(d, n).map_err(PyModelError)?)
    }

    /// The log-likelihood of cohorts' survival counts under this model.
    ///
    /// Parameters
    /// ----------
    /// cohorts : sequence of sequences of int
    ///     Each cohort's surviving customers at the start of periods 0, 1, ... (non-increasing).
    ///
    /// Returns
    /// -------
    /// float
    ///     The log-likelihood (natural log).
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative or rising count (``cohort i`` named).
    /// TypeError
    ///     Counts that are not whole numbers.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgModel
    /// >>> m = SbgModel(alpha=0.704, beta=1.182)
    /// >>> round(m.log_likelihood(cohorts=[[1000, 631, 468, 382, 326, 289, 262, 241]]), 2)
    /// -1680.27
    #[allow(clippy::doc_lazy_continuation)]
    #[pyo3(signature = (*, cohorts))]
    fn log_likelihood(&self, cohorts: &Bound<'_, PyAny>) -> PyResult<f64> {
        let data = cohort_list(cohorts)?;
        Ok(self.inner.log_likelihood(&data).map_err(PyModelError)?)
    }

    /// The model as a JSON model file (one line), which the Rust crate ``ltv-models`` reads too.
    ///
    /// Returns
    /// -------
    /// str
    ///     ``{"model": "sbg", "format_version": 1, "alpha": ..., "beta": ...}``.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgModel
    /// >>> m = SbgModel(alpha=0.704, beta=1.182)
    /// >>> m.to_json()
    /// '{"model":"sbg","format_version":1,"alpha":0.704,"beta":1.182}'
    #[allow(clippy::doc_lazy_continuation)]
    fn to_json(&self) -> Result<String, PyModelError> {
        Ok(self.inner.to_json()?)
    }

    /// Reads a model from a JSON model file (with or without a ``"fit"`` object).
    ///
    /// Parameters
    /// ----------
    /// text : str or bytes
    ///     The file's contents.
    ///
    /// Returns
    /// -------
    /// SbgModel
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     Another model or format version, a missing or unknown key, or a parameter out of range.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgModel
    /// >>> m = SbgModel(alpha=0.704, beta=1.182)
    /// >>> SbgModel.from_json(m.to_json()) == m
    /// True
    #[allow(clippy::doc_lazy_continuation)]
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self { inner: models::SbgModel::from_json(&json_text(text)?).map_err(PyModelError)? })
    }

    fn __repr__(&self) -> String {
        format!("SbgModel(alpha={:?}, beta={:?})", self.inner.alpha(), self.inner.beta())
    }

    /// The parameters as an HTML table (Jupyter).
    fn _repr_html_(&self) -> String {
        let rows = [("alpha", self.inner.alpha()), ("beta", self.inner.beta())]
            .iter()
            .map(|(name, value)| format!("<tr><th style=\"text-align:left\">{name}</th><td>{value:.6}</td></tr>"))
            .collect::<String>();
        format!("<table><caption style=\"text-align:left\"><b>sBG model</b></caption>{rows}</table>")
    }
}

/// z of a two-sided 95 % normal interval.
const Z_95: f64 = 1.959963984540054;

/// One row of a fit's estimates table: estimate, standard error and 95 % interval (blank without a standard error).
pub(crate) fn estimate_row(name: &str, value: f64, std_err: Option<f64>) -> String {
    let cells = match std_err {
        Some(se) => format!("<td>{se:.6}</td><td>{:.6}</td><td>{:.6}</td>", value - Z_95 * se, value + Z_95 * se),
        None => "<td></td><td></td><td></td>".to_owned(),
    };
    format!("<tr><th style=\"text-align:left\">{name}</th><td>{value:.6}</td>{cells}</tr>")
}

/// Each cohort of a sequence of sequences as counts, named `cohorts[i]`.
fn cohort_list(cohorts: &Bound<'_, PyAny>) -> PyResult<Vec<Vec<u64>>> {
    if cohorts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err("cohorts: expected a sequence of sequences of counts, got str"));
    }
    let mut out = Vec::new();
    for (i, item) in cohorts.try_iter()?.enumerate() {
        out.push(counts(&format!("cohorts[{i}]"), &item?)?);
    }
    Ok(out)
}

/// A maximum-likelihood fit of the sBG model to cohort survival counts (:meth:`fit`, :meth:`fit_cohorts`).
///
/// ``repr()`` shows the estimates and the fit's figures; ``summary()`` is a table of estimates, standard errors
/// and 95 % intervals; ``_repr_html_()`` renders that table in a notebook.
///
/// Attributes
/// ----------
/// model : SbgModel
///     The fitted model.
/// alpha, beta : float
///     The estimates.
/// std_err_alpha, std_err_beta : float or None
///     Their standard errors (from the observed information), ``None`` where not available.
/// log_likelihood : float
///     The maximised log-likelihood.
/// n_customers, n_cohorts, iterations : int
///     The data and the optimizer's iterations.
/// converged : bool
///     Whether the optimizer converged.
///
/// Examples
/// --------
/// >>> from ltv.retention import SbgFit
/// >>> fit = SbgFit.fit(surviving=[1000, 631, 468, 382, 326, 289, 262, 241])
/// >>> round(fit.alpha, 3), round(fit.beta, 3), fit.converged
/// (0.704, 1.182, True)
#[allow(clippy::doc_lazy_continuation)]
#[pyclass(module = "ltv", name = "SbgFit", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct SbgFit {
    pub(crate) inner: models::SbgFit,
}

#[pymethods]
impl SbgFit {
    /// Fits one cohort by maximum likelihood: ``surviving[t]`` customers still subscribed at the start of period
    /// ``t`` (``surviving[0]`` = the cohort size).
    ///
    /// Parameters
    /// ----------
    /// surviving : sequence of int or array
    ///     Non-increasing counts, at least two periods.
    ///
    /// Returns
    /// -------
    /// SbgFit
    ///     ``.alpha``, ``.beta``, their standard errors, ``.log_likelihood``, ``.converged``; ``summary()`` tabulates them.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative or rising count, or too few periods (``.field`` names it).
    /// TypeError
    ///     Counts that are not whole numbers.
    ///
    /// Examples
    /// --------
    /// Fader & Hardie (2007), "regular" customers:
    ///
    /// >>> from ltv.retention import SbgFit
    /// >>> fit = SbgFit.fit(surviving=[1000, 631, 468, 382, 326, 289, 262, 241])
    /// >>> round(fit.alpha, 3), round(fit.beta, 3), fit.converged
    /// (0.704, 1.182, True)
    #[allow(clippy::doc_lazy_continuation)]
    #[staticmethod]
    #[pyo3(signature = (*, surviving))]
    fn fit(py: Python<'_>, surviving: &Bound<'_, PyAny>) -> PyResult<Self> {
        let data = counts("surviving", surviving)?;
        let inner = py.detach(|| models::SbgFit::fit(&data)).map_err(PyModelError)?;
        Ok(Self { inner })
    }

    /// Fits several cohorts sharing ``alpha`` and ``beta``, each observed for its own number of periods.
    ///
    /// Parameters
    /// ----------
    /// cohorts : sequence of sequences of int
    ///     Each cohort's surviving customers at the start of periods 0, 1, ... (non-increasing).
    ///
    /// Returns
    /// -------
    /// SbgFit
    ///     The pooled fit (``.n_cohorts``, ``.n_customers`` over all cohorts).
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative or rising count (``cohort i`` named), or no data to fit.
    /// TypeError
    ///     Counts that are not whole numbers.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgFit
    /// >>> fit = SbgFit.fit_cohorts(cohorts=[[1000, 631, 468, 382, 326, 289, 262, 241], [500, 300, 220]])
    /// >>> fit.n_cohorts, fit.n_customers, fit.converged
    /// (2, 1500, True)
    #[allow(clippy::doc_lazy_continuation)]
    #[staticmethod]
    #[pyo3(signature = (*, cohorts))]
    fn fit_cohorts(py: Python<'_>, cohorts: &Bound<'_, PyAny>) -> PyResult<Self> {
        let data = cohort_list(cohorts)?;
        let inner = py.detach(|| models::SbgFit::fit_cohorts(&data)).map_err(PyModelError)?;
        Ok(Self { inner })
    }

    /// The fitted model.
    #[getter]
    fn model(&self) -> SbgModel {
        SbgModel { inner: self.inner.model }
    }

    /// The fitted `alpha`.
    #[getter]
    fn alpha(&self) -> f64 {
        self.inner.model.alpha()
    }

    /// The fitted `beta`.
    #[getter]
    fn beta(&self) -> f64 {
        self.inner.model.beta()
    }

    /// The maximised log-likelihood.
    #[getter]
    fn log_likelihood(&self) -> f64 {
        self.inner.log_likelihood
    }

    /// The standard error of `alpha`, or `None`.
    #[getter]
    fn std_err_alpha(&self) -> Option<f64> {
        self.inner.std_err_alpha()
    }

    /// The standard error of `beta`, or `None`.
    #[getter]
    fn std_err_beta(&self) -> Option<f64> {
        self.inner.std_err_beta()
    }

    /// The standard errors of the parameters, in `SbgModel.PARAMS` order (`None` where not available).
    #[getter]
    fn std_err(&self) -> Vec<Option<f64>> {
        self.inner.std_err.clone()
    }

    /// Customers in all cohorts.
    #[getter]
    fn n_customers(&self) -> u64 {
        self.inner.n_customers
    }

    /// Cohorts fitted.
    #[getter]
    fn n_cohorts(&self) -> u64 {
        self.inner.n_cohorts
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

    /// The fit as a JSON model file (one line): the model and a ``"fit"`` object (log-likelihood, standard errors,
    /// counts), which the Rust crate ``ltv-models`` reads too.
    ///
    /// Returns
    /// -------
    /// str
    ///     One line of JSON.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgFit
    /// >>> fit = SbgFit.fit(surviving=[1000, 631, 468, 382, 326, 289, 262, 241])
    /// >>> fit.to_json().startswith('{"model":"sbg"')
    /// True
    #[allow(clippy::doc_lazy_continuation)]
    fn to_json(&self) -> Result<String, PyModelError> {
        Ok(self.inner.to_json()?)
    }

    /// Reads a fit from a JSON model file (the ``"fit"`` object is required).
    ///
    /// Parameters
    /// ----------
    /// text : str or bytes
    ///     The file's contents.
    ///
    /// Returns
    /// -------
    /// SbgFit
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     Another model or format version, no ``"fit"`` object, a missing or unknown key.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgFit
    /// >>> fit = SbgFit.fit(surviving=[1000, 631, 468, 382, 326, 289, 262, 241])
    /// >>> SbgFit.from_json(fit.to_json()) == fit
    /// True
    #[allow(clippy::doc_lazy_continuation)]
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self { inner: models::SbgFit::from_json(&json_text(text)?).map_err(PyModelError)? })
    }

    /// The estimates as a table: one row per parameter (``alpha``, ``beta``).
    ///
    /// Returns
    /// -------
    /// pandas.DataFrame
    ///     Index ``parameter``; columns ``estimate``, ``std_err``, ``lower_95`` and ``upper_95`` (estimate -/+
    ///     1.959964 standard errors; NaN where there is no standard error). Needs pandas (``ltv[pandas]``).
    ///
    /// Examples
    /// --------
    /// >>> from ltv.retention import SbgFit
    /// >>> fit = SbgFit.fit(surviving=[1000, 631, 468, 382, 326, 289, 262, 241])
    /// >>> table = fit.summary()
    /// >>> list(table.columns)
    /// ['estimate', 'std_err', 'lower_95', 'upper_95']
    /// >>> round(float(table.loc["alpha", "estimate"]), 3)
    /// 0.704
    #[allow(clippy::doc_lazy_continuation)]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let f = &self.inner;
        let params = PyDict::new(py);
        params.set_item("alpha", f.model.alpha())?;
        params.set_item("beta", f.model.beta())?;
        let std_err = PyDict::new(py);
        std_err.set_item("alpha", f.std_err_alpha())?;
        std_err.set_item("beta", f.std_err_beta())?;
        py.import("ltv.purchase._data")?.getattr("summary")?.call1((params, std_err))
    }

    /// The estimates (with standard errors and 95 % intervals) and the fit's figures as an HTML table (Jupyter).
    fn _repr_html_(&self) -> String {
        let f = &self.inner;
        let head = "<tr><th>parameter</th><th>estimate</th><th>std_err</th><th>lower_95</th><th>upper_95</th></tr>";
        let rows = estimate_row("alpha", f.model.alpha(), f.std_err_alpha())
            + &estimate_row("beta", f.model.beta(), f.std_err_beta());
        let converged = if f.converged { "True" } else { "False" };
        let foot = format!(
            "<tr><td colspan=\"5\">log_likelihood {:.4}, n_customers {}, n_cohorts {}, iterations {}, converged {converged}</td></tr>",
            f.log_likelihood, f.n_customers, f.n_cohorts, f.iterations
        );
        format!("<table><caption style=\"text-align:left\"><b>sBG fit</b></caption>{head}{rows}{foot}</table>")
    }

    fn __repr__(&self) -> String {
        let f = &self.inner;
        format!(
            "SbgFit(alpha={:?}, beta={:?}, log_likelihood={:?}, n_customers={}, n_cohorts={}, converged={})",
            f.model.alpha(),
            f.model.beta(),
            f.log_likelihood,
            f.n_customers,
            f.n_cohorts,
            if f.converged { "True" } else { "False" }
        )
    }
}
