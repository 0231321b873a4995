//! `BgBbModel` / `BgBbFit` in Python: the discrete-time BG/BB of `ltv_models`, in the shape of the
//! continuous-time purchase classes, on `(frequency, recency, periods)` histories read by
//! `ltv.purchase._discrete.columns` and results shaped by `ltv.purchase._data.output`.

use std::collections::HashMap;

use ltv_models as models;
use ltv_models::{Model, ModelError};
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple};

use crate::errors::{PyModelError, model_to_py};
use crate::purchase::{at, broadcast, fit_options, param_dict, params_tuple, per_row, real, std_err_dict, summary};
use crate::sbg::{estimate_row, json_text};

static COLUMNS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static OUTPUT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Named float64 columns and the shape of the result.
struct Columns<'py> {
    values: HashMap<String, Option<Vec<f64>>>,
    like: Bound<'py, PyAny>,
}

/// The optional history columns of a call.
type History<'a, 'py> = (
    Option<&'a Bound<'py, PyAny>>,
    Option<&'a Bound<'py, PyAny>>,
    Option<&'a Bound<'py, PyAny>>,
    Option<&'a Bound<'py, PyAny>>,
);

impl<'py> Columns<'py> {
    fn read(
        py: Python<'py>,
        data: Option<&Bound<'py, PyAny>>,
        (frequency, recency, periods, weight): History<'_, 'py>,
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
            .import(py, "ltv.purchase._discrete", "columns")?
            .call((data, frequency, recency, periods, weight, extras), Some(&kwargs))?;
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

    fn get(&self, name: &str) -> PyResult<&[f64]> {
        match self.values.get(name) {
            Some(Some(v)) => Ok(v),
            _ => Err(PyTypeError::new_err(format!("{name}: missing"))),
        }
    }

    fn output(&self, py: Python<'py>, values: Vec<f64>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        OUTPUT.import(py, "ltv.purchase._data", "output")?.call1((PyArray1::from_vec(py, values), &self.like, name))
    }
}

/// A whole number of periods or transactions (`0..=1e6`) from a float, naming `field`.
fn whole(field: &str, v: f64) -> Result<u32, ModelError> {
    if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= models::MAX_OPPORTUNITIES {
        Ok(v as u32)
    } else {
        Err(ModelError::InvalidData {
            field: field.to_owned(),
            row: None,
            reason: format!("got {}, expected a whole number in 0..=1000000", models::Shown(v)),
        })
    }
}

/// A prediction over the history columns (and the `extra` ones).
fn predict<'py>(
    py: Python<'py>,
    model: &models::BgBbModel,
    name: &str,
    data: Option<&Bound<'py, PyAny>>,
    history: History<'_, 'py>,
    extra: &[(&str, &Bound<'py, PyAny>)],
    f: impl Fn(&models::BgBbModel, &[f64], f64, f64, f64) -> Result<f64, ModelError> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let columns = Columns::read(py, data, history, extra, true)?;
    let (fr, re, pe) = (columns.get("frequency")?, columns.get("recency")?, columns.get("periods")?);
    let extra_columns: Vec<&[f64]> = extra.iter().map(|(k, _)| columns.get(k)).collect::<PyResult<_>>()?;
    let mut all: Vec<(&str, &[f64])> = vec![("frequency", fr), ("recency", re), ("periods", pe)];
    all.extend(extra.iter().map(|(k, _)| *k).zip(extra_columns.iter().copied()));
    let n = broadcast(&all)?;
    let values = py
        .detach(|| {
            per_row(n, |i| {
                let e: Vec<f64> = extra_columns.iter().map(|c| at(c, i)).collect();
                f(model, &e, at(fr, i), at(re, i), at(pe, i))
            })
        })
        .map_err(|e| model_to_py(&e))?;
    columns.output(py, values, name)
}

/// A prediction for a new customer over the `extra` columns only.
fn predict_new<'py>(
    py: Python<'py>,
    model: &models::BgBbModel,
    name: &str,
    extra: &[(&str, &Bound<'py, PyAny>)],
    f: impl Fn(&models::BgBbModel, &[f64]) -> Result<f64, ModelError> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let columns = Columns::read(py, None, (None, None, None, None), extra, false)?;
    let extra_columns: Vec<&[f64]> = extra.iter().map(|(k, _)| columns.get(k)).collect::<PyResult<_>>()?;
    let all: Vec<(&str, &[f64])> = extra.iter().map(|(k, _)| *k).zip(extra_columns.iter().copied()).collect();
    let n = broadcast(&all)?;
    let values = py
        .detach(|| {
            per_row(n, |i| {
                let e: Vec<f64> = extra_columns.iter().map(|c| at(c, i)).collect();
                f(model, &e)
            })
        })
        .map_err(|e| model_to_py(&e))?;
    columns.output(py, values, name)
}

/// The prediction methods of both classes (`self.bg_bb()`).
///
/// The docstrings are shared: their examples use a `BgBbModel`; a `BgBbFit` predicts with its fitted model.
macro_rules! bg_bb_predictions {
    ($ty:ident, { $($extra:tt)* }) => {
        #[pymethods]
        impl $ty {
            $($extra)*

            /// Each history's log-likelihood under the model (Fader, Hardie & Shang 2010, eq. 5).
            ///
            /// ``L(alpha, beta, gamma, delta | x, t_x, n)`` is the probability of a customer's pattern of
            /// transactions over the ``n`` opportunities: alive throughout, or dead after opportunity ``t_x + i``.
            ///
            /// Parameters
            /// ----------
            /// data : pandas.DataFrame or polars.DataFrame, optional
            ///     A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ///     ``n_periods``); give it or the keyword columns, not both.
            /// frequency : int or array-like of int
            ///     Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
            /// recency : int or array-like of int
            ///     The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            ///     (0 exactly when ``frequency`` is 0).
            /// periods : int or array-like of int
            ///     Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].
            ///
            /// Returns
            /// -------
            /// float, numpy.ndarray, pandas.Series or polars.Series
            ///     The natural log of ``L`` per history, in the form of the input (a float for numbers, an array
            ///     for arrays, a Series with the frame's index for a frame).
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     An impossible history (``.field`` and ``.row`` name it) or columns of different lengths.
            /// MissingColumnError
            ///     A frame without one of the columns.
            /// TypeError
            ///     Values that are not numbers, a missing column, or both a frame and columns.
            ///
            /// Examples
            /// --------
            /// Fader, Hardie & Shang's donations estimates; a donor who never gave again in 6 years is the
            /// likeliest pattern:
            ///
            /// >>> from ltv.purchase import BgBbModel
            /// >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
            /// >>> m.customer_log_likelihood(frequency=[6, 2, 0], recency=[6, 3, 0], periods=6).round(4).tolist()
            /// [-2.1822, -4.5161, -1.1673]
            #[pyo3(signature = (data=None, *, frequency=None, recency=None, periods=None))]
            fn customer_log_likelihood<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, frequency: Option<&Bound<'py, PyAny>>,
                recency: Option<&Bound<'py, PyAny>>, periods: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.bg_bb(), "customer_log_likelihood", data, (frequency, recency, periods, None), &[],
                    |m, _, x, tx, n| m.log_likelihood(x, tx, n))
            }

            /// ``P(alive at opportunity periods + 1 | history)`` (Fader, Hardie & Shang 2010, eq. 11).
            ///
            /// The probability that a customer with ``frequency`` transactions, the last at opportunity ``recency``,
            /// of ``periods`` opportunities, is still alive at the next one.
            ///
            /// Parameters
            /// ----------
            /// data : pandas.DataFrame or polars.DataFrame, optional
            ///     A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ///     ``n_periods``); give it or the keyword columns, not both.
            /// frequency : int or array-like of int
            ///     Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
            /// recency : int or array-like of int
            ///     The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            ///     (0 exactly when ``frequency`` is 0).
            /// periods : int or array-like of int
            ///     Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].
            ///
            /// Returns
            /// -------
            /// float, numpy.ndarray, pandas.Series or polars.Series
            ///     Probabilities in [0, 1], in the form of the input (a Series with the frame's index for a frame).
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     An impossible history (``.field`` and ``.row`` name it) or columns of different lengths.
            /// MissingColumnError
            ///     A frame without one of the columns.
            /// TypeError
            ///     Values that are not numbers, a missing column, or both a frame and columns.
            ///
            /// Examples
            /// --------
            /// >>> from ltv.purchase import BgBbModel
            /// >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
            /// >>> m.probability_alive(frequency=[6, 2, 0], recency=[6, 3, 0], periods=6).round(3).tolist()
            /// [0.93, 0.299, 0.108]
            #[pyo3(signature = (data=None, *, frequency=None, recency=None, periods=None))]
            fn probability_alive<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, frequency: Option<&Bound<'py, PyAny>>,
                recency: Option<&Bound<'py, PyAny>>, periods: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.bg_bb(), "probability_alive", data, (frequency, recency, periods, None), &[],
                    |m, _, x, tx, n| m.probability_alive(x, tx, n))
            }

            /// Expected transactions in the next ``t`` opportunities of a customer with this history (Fader,
            /// Hardie & Shang 2010, eq. 13).
            ///
            /// Parameters
            /// ----------
            /// data : pandas.DataFrame or polars.DataFrame, optional
            ///     A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ///     ``n_periods``); give it or the keyword columns, not both.
            /// t : int or array-like of int
            ///     Opportunities ahead, whole numbers in [0, 1e6] (broadcast against the history).
            /// frequency : int or array-like of int
            ///     Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
            /// recency : int or array-like of int
            ///     The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            ///     (0 exactly when ``frequency`` is 0).
            /// periods : int or array-like of int
            ///     Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].
            ///
            /// Returns
            /// -------
            /// float, numpy.ndarray, pandas.Series or polars.Series
            ///     Expected transactions (>= 0), in the form of the input.
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     An impossible history, or a ``t`` that is not a whole number in [0, 1e6] (``.field`` names it).
            /// MissingColumnError
            ///     A frame without one of the columns.
            /// TypeError
            ///     Values that are not numbers, a missing column, or both a frame and columns.
            ///
            /// Examples
            /// --------
            /// The donations: expected gifts in the 5 years after the 6 observed ones.
            ///
            /// >>> from ltv.purchase import BgBbModel
            /// >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
            /// >>> m.conditional_expected_transactions(t=5, frequency=[6, 2, 0], recency=[6, 3, 0], periods=6).round(3).tolist()
            /// [3.752, 0.536, 0.073]
            #[pyo3(signature = (data=None, *, t, frequency=None, recency=None, periods=None))]
            fn conditional_expected_transactions<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, t: &Bound<'py, PyAny>,
                frequency: Option<&Bound<'py, PyAny>>, recency: Option<&Bound<'py, PyAny>>,
                periods: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.bg_bb(), "conditional_expected_transactions", data,
                    (frequency, recency, periods, None), &[("t", t)],
                    |m, e, x, tx, n| m.conditional_expected_transactions(whole("t", e[0])?, x, tx, n))
            }

            /// Discounted expected residual transactions (DERT, Fader, Hardie & Shang 2010, eq. 14).
            ///
            /// The expected transactions over all future opportunities ``periods + 1, periods + 2, ...``, the one at
            /// ``periods + k`` discounted by ``(1 + discount_rate)^k``; times the value of a transaction, the
            /// customer's residual value.
            ///
            /// Parameters
            /// ----------
            /// data : pandas.DataFrame or polars.DataFrame, optional
            ///     A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ///     ``n_periods``); give it or the keyword columns, not both.
            /// discount_rate : float or array-like of float
            ///     Discount rate per opportunity (0.1 is 10 % a period), finite and > 0.
            /// frequency : int or array-like of int
            ///     Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
            /// recency : int or array-like of int
            ///     The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            ///     (0 exactly when ``frequency`` is 0).
            /// periods : int or array-like of int
            ///     Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].
            ///
            /// Returns
            /// -------
            /// float, numpy.ndarray, pandas.Series or polars.Series
            ///     Discounted transactions (>= 0), in the form of the input.
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     An impossible history, or a ``discount_rate`` that is not finite and > 0.
            /// DivergenceError
            ///     The series does not converge (a rate below about 1e-6).
            /// MissingColumnError
            ///     A frame without one of the columns.
            /// TypeError
            ///     Values that are not numbers, a missing column, or both a frame and columns.
            ///
            /// Examples
            /// --------
            /// >>> from ltv.purchase import BgBbModel
            /// >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
            /// >>> m.discounted_expected_residual_transactions(discount_rate=0.1, frequency=[6, 2, 0], recency=[6, 3, 0], periods=6).round(3).tolist()
            /// [5.909, 0.844, 0.115]
            #[pyo3(signature = (data=None, *, discount_rate, frequency=None, recency=None, periods=None))]
            fn discounted_expected_residual_transactions<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, discount_rate: &Bound<'py, PyAny>,
                frequency: Option<&Bound<'py, PyAny>>, recency: Option<&Bound<'py, PyAny>>,
                periods: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.bg_bb(), "discounted_expected_residual_transactions", data,
                    (frequency, recency, periods, None), &[("discount_rate", discount_rate)],
                    |m, e, x, tx, n| m.discounted_expected_residual_transactions(e[0], x, tx, n))
            }

            /// ``P(X(periods, periods + t) = n | history)``: exactly ``n`` transactions in the next ``t`` opportunities
            /// (Fader, Hardie & Shang 2010, appendix).
            ///
            /// ``n > t`` gives 0. The probabilities over ``n = 0..t`` sum to 1 and their mean is
            /// :meth:`conditional_expected_transactions`.
            ///
            /// Parameters
            /// ----------
            /// data : pandas.DataFrame or polars.DataFrame, optional
            ///     A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ///     ``n_periods``); give it or the keyword columns, not both.
            /// n : int or array-like of int
            ///     Transactions, whole numbers in [0, 1e6] (broadcast against the history).
            /// t : int or array-like of int
            ///     Opportunities ahead, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6].
            /// frequency : int or array-like of int
            ///     Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
            /// recency : int or array-like of int
            ///     The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            ///     (0 exactly when ``frequency`` is 0).
            /// periods : int or array-like of int
            ///     Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].
            ///
            /// Returns
            /// -------
            /// float, numpy.ndarray, pandas.Series or polars.Series
            ///     Probabilities in [0, 1], in the form of the input.
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     An impossible history, or an ``n`` or ``t`` that is not a whole number in [0, 1e6].
            /// MissingColumnError
            ///     A frame without one of the columns.
            /// TypeError
            ///     Values that are not numbers, a missing column, or both a frame and columns.
            ///
            /// Examples
            /// --------
            /// >>> from ltv.purchase import BgBbModel
            /// >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
            /// >>> p = m.conditional_probability_of_transactions(n=[0, 1, 2, 3, 4, 5], t=5, frequency=2, recency=3, periods=6)
            /// >>> p.round(4).tolist()
            /// [0.7565, 0.0819, 0.0739, 0.0525, 0.0271, 0.008]
            /// >>> round(float(p.sum()), 12)
            /// 1.0
            #[pyo3(signature = (data=None, *, n, t, frequency=None, recency=None, periods=None))]
            #[allow(clippy::too_many_arguments, reason = "the columns of the Python signature")]
            fn conditional_probability_of_transactions<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, n: &Bound<'py, PyAny>, t: &Bound<'py, PyAny>,
                frequency: Option<&Bound<'py, PyAny>>, recency: Option<&Bound<'py, PyAny>>,
                periods: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.bg_bb(), "conditional_probability_of_transactions", data,
                    (frequency, recency, periods, None), &[("n", n), ("t", t)],
                    |m, e, x, tx, p| {
                        let t = whole("t", e[1])?;
                        m.conditional_probability_of_transactions(whole("n", e[0])?, t, x, tx, p)
                    })
            }

            /// ``P(no transaction in the next t opportunities | history)``: dead, or alive and not transacting.
            ///
            /// :meth:`conditional_probability_of_transactions` at ``n = 0``; 1 for ``t = 0``.
            ///
            /// Parameters
            /// ----------
            /// data : pandas.DataFrame or polars.DataFrame, optional
            ///     A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ///     ``n_periods``); give it or the keyword columns, not both.
            /// t : int or array-like of int
            ///     Opportunities ahead, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6].
            /// frequency : int or array-like of int
            ///     Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
            /// recency : int or array-like of int
            ///     The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            ///     (0 exactly when ``frequency`` is 0).
            /// periods : int or array-like of int
            ///     Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].
            ///
            /// Returns
            /// -------
            /// float, numpy.ndarray, pandas.Series or polars.Series
            ///     Probabilities in [0, 1], in the form of the input.
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     An impossible history, or a ``t`` that is not a whole number in [0, 1e6].
            /// MissingColumnError
            ///     A frame without one of the columns.
            /// TypeError
            ///     Values that are not numbers, a missing column, or both a frame and columns.
            ///
            /// Examples
            /// --------
            /// >>> from ltv.purchase import BgBbModel
            /// >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
            /// >>> round(m.probability_of_no_transaction(t=5, frequency=2, recency=3, periods=6), 4)
            /// 0.7565
            #[pyo3(signature = (data=None, *, t, frequency=None, recency=None, periods=None))]
            fn probability_of_no_transaction<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, t: &Bound<'py, PyAny>,
                frequency: Option<&Bound<'py, PyAny>>, recency: Option<&Bound<'py, PyAny>>,
                periods: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.bg_bb(), "probability_of_no_transaction", data,
                    (frequency, recency, periods, None), &[("t", t)],
                    |m, e, x, tx, p| m.probability_of_no_transaction(whole("t", e[0])?, x, tx, p))
            }

            /// ``P(alive at opportunity periods + t | history)`` (Fader, Hardie & Shang 2010, eq. 11 carried ``t``
            /// opportunities on).
            ///
            /// ``t = 1`` is :meth:`probability_alive`, ``t = 0`` the probability of having survived the observed
            /// opportunities.
            ///
            /// Parameters
            /// ----------
            /// data : pandas.DataFrame or polars.DataFrame, optional
            ///     A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ///     ``n_periods``); give it or the keyword columns, not both.
            /// t : int or array-like of int
            ///     Opportunities ahead, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6].
            /// frequency : int or array-like of int
            ///     Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
            /// recency : int or array-like of int
            ///     The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            ///     (0 exactly when ``frequency`` is 0).
            /// periods : int or array-like of int
            ///     Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].
            ///
            /// Returns
            /// -------
            /// float, numpy.ndarray, pandas.Series or polars.Series
            ///     Probabilities in [0, 1], in the form of the input.
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     An impossible history, or a ``t`` that is not a whole number in [0, 1e6].
            /// MissingColumnError
            ///     A frame without one of the columns.
            /// TypeError
            ///     Values that are not numbers, a missing column, or both a frame and columns.
            ///
            /// Examples
            /// --------
            /// >>> from ltv.purchase import BgBbModel
            /// >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
            /// >>> m.probability_alive_at(t=[0, 1, 5], frequency=2, recency=3, periods=6).round(4).tolist()
            /// [0.3211, 0.2988, 0.2377]
            #[pyo3(signature = (data=None, *, t, frequency=None, recency=None, periods=None))]
            fn probability_alive_at<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, t: &Bound<'py, PyAny>,
                frequency: Option<&Bound<'py, PyAny>>, recency: Option<&Bound<'py, PyAny>>,
                periods: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.bg_bb(), "probability_alive_at", data,
                    (frequency, recency, periods, None), &[("t", t)],
                    |m, e, x, tx, p| m.probability_alive_at(whole("t", e[0])?, x, tx, p))
            }

            /// ``E[X(t)]``: the expected transactions of a new customer in the first ``t`` opportunities (Fader,
            /// Hardie & Shang 2010, eq. 7).
            ///
            /// Parameters
            /// ----------
            /// t : int or array-like of int
            ///     Opportunities, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6].
            ///
            /// Returns
            /// -------
            /// float or numpy.ndarray
            ///     Expected transactions (>= 0): a float for an int ``t``, an array (or Series) of ``t``'s form otherwise.
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     A ``t`` that is not a whole number in [0, 1e6] (``.field`` names it).
            /// TypeError
            ///     A ``t`` that is not numbers.
            ///
            /// Examples
            /// --------
            /// >>> from ltv.purchase import BgBbModel
            /// >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
            /// >>> m.expected_transactions(t=[1, 6, 11]).round(4).tolist()
            /// [0.4985, 2.2196, 3.3876]
            #[pyo3(signature = (*, t))]
            fn expected_transactions<'py>(&self, py: Python<'py>, t: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                predict_new(py, self.bg_bb(), "expected_transactions", &[("t", t)],
                    |m, e| m.expected_transactions(whole("t", e[0])?))
            }

            /// ``P(X(t) = n)``: the probability that a new customer makes exactly ``n`` transactions in the first
            /// ``t`` opportunities (Fader, Hardie & Shang 2010, eq. 8).
            ///
            /// ``n > t`` gives 0; the probabilities over ``n = 0..t`` sum to 1.
            ///
            /// Parameters
            /// ----------
            /// n : int or array-like of int
            ///     Transactions, whole numbers in [0, 1e6].
            /// t : int or array-like of int
            ///     Opportunities, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6] (broadcast against ``n``).
            ///
            /// Returns
            /// -------
            /// float or numpy.ndarray
            ///     Probabilities in [0, 1]: a float for ints, an array (or Series) of the inputs' form otherwise.
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     An ``n`` or ``t`` that is not a whole number in [0, 1e6], or lengths that do not broadcast.
            /// TypeError
            ///     Values that are not numbers.
            ///
            /// Examples
            /// --------
            /// The chance that a new donor gives 0, 1 or 6 times in 6 years:
            ///
            /// >>> from ltv.purchase import BgBbModel
            /// >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
            /// >>> m.probability_of_transactions(n=[0, 1, 6], t=6).round(4).tolist()
            /// [0.3112, 0.1701, 0.1128]
            #[pyo3(signature = (*, n, t))]
            fn probability_of_transactions<'py>(
                &self, py: Python<'py>, n: &Bound<'py, PyAny>, t: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict_new(py, self.bg_bb(), "probability_of_transactions", &[("n", n), ("t", t)],
                    |m, e| m.probability_of_transactions(whole("n", e[0])?, whole("t", e[1])?))
            }
        }
    };
}

/// The parameters of a model as an HTML table (Jupyter) captioned `title`, as `SbgModel`'s.
pub(crate) fn model_html<M: Model>(title: &str, model: &M) -> String {
    let rows = M::PARAMS
        .iter()
        .zip(model.params())
        .map(|(name, value)| format!("<tr><th style=\"text-align:left\">{name}</th><td>{value:.6}</td></tr>"))
        .collect::<String>();
    format!("<table><caption style=\"text-align:left\"><b>{title}</b></caption>{rows}</table>")
}

/// A fit's estimates (with standard errors and 95 % intervals) and figures as an HTML table (Jupyter)
/// captioned `title`, as `SbgFit`'s.
pub(crate) fn fit_html<M: Model>(title: &str, fit: &models::Fit<M>) -> String {
    let head = "<tr><th>parameter</th><th>estimate</th><th>std_err</th><th>lower_95</th><th>upper_95</th></tr>";
    let rows = M::PARAMS
        .iter()
        .zip(fit.model.params())
        .zip(&fit.std_err)
        .map(|((name, value), se)| estimate_row(name, value, *se))
        .collect::<String>();
    let converged = if fit.converged { "True" } else { "False" };
    let foot = format!(
        "<tr><td colspan=\"5\">log_likelihood {:.4}, n_customers {}, iterations {}, converged {converged}</td></tr>",
        fit.log_likelihood, fit.n_customers, fit.iterations
    );
    format!("<table><caption style=\"text-align:left\"><b>{title}</b></caption>{head}{rows}{foot}</table>")
}

/// The beta-geometric/beta-Bernoulli (BG/BB) model of discrete-time purchasing of Fader, Hardie & Shang (2010).
///
/// Customers have discrete transaction opportunities (yearly donation drives, weekly events). At each one an
/// alive customer transacts with probability ``p``, Beta(``alpha``, ``beta``) distributed across customers, and
/// before each one they die for good (unobserved) with probability ``theta``, Beta(``gamma``, ``delta``)
/// distributed. A history is ``(frequency, recency, periods) = (x, t_x, n)``: ``x`` transactions in ``n``
/// opportunities, the last at opportunity ``t_x``; time counts opportunities. Immutable; ``repr()`` shows the
/// parameters, ``_repr_html_()`` a table.
///
/// Reference: P. S. Fader, B. G. S. Hardie and J. Shang (2010), "Customer-Base Analysis in a Discrete-Time
/// Noncontractual Setting", *Marketing Science* 29(6), 1086-1108.
///
/// Parameters
/// ----------
/// alpha, beta : float
///     The Beta distribution of the transaction probability ``p``, each in [``PURCHASE_MIN_PARAMETER``,
///     ``PURCHASE_MAX_PARAMETER``] = [1e-8, 1e8].
/// gamma, delta : float
///     The Beta distribution of the dropout probability ``theta``, each in [1e-8, 1e8].
///
/// Raises
/// ------
/// InvalidInputError
///     A parameter out of range or not finite (``.field`` names it).
/// TypeError
///     A parameter that is not a number.
///
/// Examples
/// --------
/// Fader, Hardie & Shang's estimates for 11,104 donors over 6 yearly drives; a donor who gave in all six:
///
/// >>> from ltv.purchase import BgBbModel
/// >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
/// >>> m
/// BgBbModel(alpha=1.204, beta=0.75, gamma=0.657, delta=2.783)
/// >>> round(m.probability_alive(frequency=6, recency=6, periods=6), 3)
/// 0.93
#[pyclass(module = "ltv", name = "BgBbModel", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct BgBbModel {
    pub(crate) inner: models::BgBbModel,
}

impl BgBbModel {
    fn bg_bb(&self) -> &models::BgBbModel {
        &self.inner
    }
}

bg_bb_predictions!(BgBbModel, {
    #[new]
    #[pyo3(signature = (*, alpha, beta, gamma, delta))]
    fn new(
        alpha: &Bound<'_, PyAny>,
        beta: &Bound<'_, PyAny>,
        gamma: &Bound<'_, PyAny>,
        delta: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let inner = models::BgBbModel::new(
            real("alpha", alpha)?,
            real("beta", beta)?,
            real("gamma", gamma)?,
            real("delta", delta)?,
        )
        .map_err(PyModelError)?;
        Ok(Self { inner })
    }

    /// The `"model"` tag of its model file (`"bg_bb"`).
    #[classattr]
    const TAG: &'static str = <models::BgBbModel as Model>::TAG;

    /// The `"format_version"` of its model file.
    #[classattr]
    const FORMAT_VERSION: u32 = <models::BgBbModel as Model>::FORMAT_VERSION;

    /// The parameter names, in `params` order (`alpha`, `beta`, `gamma`, `delta`).
    #[classattr]
    #[allow(non_snake_case)]
    fn PARAMS(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        params_tuple::<models::BgBbModel>(py)
    }

    /// The parameters, `{name: value}`.
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        param_dict::<models::BgBbModel>(py, &self.inner.params())
    }

    /// `alpha` of the Beta distribution of transaction probabilities.
    #[getter]
    fn alpha(&self) -> f64 {
        self.inner.alpha()
    }

    /// `beta` of the Beta distribution of transaction probabilities.
    #[getter]
    fn beta(&self) -> f64 {
        self.inner.beta()
    }

    /// `gamma` of the Beta distribution of dropout probabilities.
    #[getter]
    fn gamma(&self) -> f64 {
        self.inner.gamma()
    }

    /// `delta` of the Beta distribution of dropout probabilities.
    #[getter]
    fn delta(&self) -> f64 {
        self.inner.delta()
    }

    /// Draws one synthetic customer per entry of ``periods``, seeded, from the model's story.
    ///
    /// Each customer draws ``p ~ Beta(alpha, beta)`` and ``theta ~ Beta(gamma, delta)``, survives each opportunity
    /// with probability ``1 - theta`` and transacts at each one alive with probability ``p`` (Fader, Hardie &
    /// Shang 2010, section 2). The same customers for the same seed on every platform and release.
    ///
    /// Parameters
    /// ----------
    /// periods : array-like of int
    ///     Each customer's transaction opportunities ``n``, whole numbers in [1, 1e6]; at most
    ///     ``MAX_SIMULATED_CUSTOMERS`` (1e8) customers and ``MAX_SIMULATED_PURCHASES`` (1e9) opportunities in all.
    /// seed : int
    ///     The generator's seed, a whole number in [0, 2**64 - 1].
    ///
    /// Returns
    /// -------
    /// dict of str to numpy.ndarray
    ///     float64 arrays ``frequency``, ``recency`` and ``periods``, one row per customer (ready for
    ///     ``BgBbFit.fit(**data)``).
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A ``periods`` that is not a whole number in [1, 1e6] (``.row`` names it), too many customers or
    ///     opportunities, or a negative or too large ``seed``.
    /// TypeError
    ///     ``periods`` that are not numbers, or a ``seed`` that is not an int.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.purchase import BgBbModel
    /// >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    /// >>> data = m.simulate(periods=[6, 6, 6], seed=1)
    /// >>> data["frequency"].tolist(), data["recency"].tolist()
    /// ([1.0, 0.0, 4.0], [1.0, 0.0, 6.0])
    #[pyo3(signature = (*, periods, seed=crate::purchase::Arg::Default(0)), text_signature = "($self, *, periods, seed=0)")]
    fn simulate<'py>(
        &self,
        py: Python<'py>,
        periods: &Bound<'py, PyAny>,
        seed: crate::purchase::Arg<u64>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let seed = seed.whole_u64(py, "seed")?;
        let columns = Columns::read(py, None, (None, None, None, None), &[("periods", periods)], false)?;
        let periods = columns.get("periods")?.to_vec();
        let model = self.inner;
        let data = py.detach(|| model.simulate(&periods, seed)).map_err(PyModelError)?;
        let out = PyDict::new(py);
        out.set_item("frequency", PyArray1::from_vec(py, data.frequency))?;
        out.set_item("recency", PyArray1::from_vec(py, data.recency))?;
        out.set_item("periods", PyArray1::from_vec(py, data.periods))?;
        Ok(out)
    }

    /// Draws the customers of :meth:`simulate` (same ``periods``, same ``seed``) as a transaction log: one
    /// row per transaction, each customer's initial transaction at time 0 and each repeat transaction at its
    /// opportunity ``1..=n``.
    ///
    /// Summarising the log gives :meth:`simulate`'s histories: frequency = rows - 1, recency = the last
    /// ``time``. With one opportunity a year, a customer of ``n`` opportunities observed to year ``E`` made
    /// the initial transaction in year ``E - n``, so a row's year is ``E - n + time``.
    ///
    /// Parameters
    /// ----------
    /// periods : int or array-like
    ///     Each customer's number of transaction opportunities ``n`` after the initial one, whole numbers in
    ///     [1, 1e6] (at most ``MAX_SIMULATED_CUSTOMERS`` customers and 1e9 opportunities in all).
    /// seed : int, default 0
    ///     The seed of the random number generator, in ``0..=2**64 - 1``.
    ///
    /// Returns
    /// -------
    /// dict of str to numpy.ndarray
    ///     ``{"customer": ..., "time": ...}``: the customer's position in ``periods`` (int64) and the
    ///     opportunity of the transaction (float64, whole numbers, 0 for the initial one), customers in order.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A ``periods`` that is not a whole number in [1, 1e6] (``.row`` names it), too many customers or
    ///     opportunities, or a negative or too large ``seed``.
    /// TypeError
    ///     ``periods`` that are not numbers, or a ``seed`` that is not an int.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.purchase import BgBbModel
    /// >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    /// >>> log = m.simulate_transactions(periods=[6, 6, 6], seed=1)
    /// >>> log["customer"].tolist(), log["time"].tolist()
    /// ([0, 0, 1, 2, 2, 2, 2, 2], [0.0, 1.0, 0.0, 0.0, 1.0, 3.0, 4.0, 6.0])
    /// >>> (2025 - 6 + log["time"]).astype(int).tolist()  # the years, observed to 2025
    /// [2019, 2020, 2019, 2019, 2020, 2022, 2023, 2025]
    #[pyo3(signature = (*, periods, seed=crate::purchase::Arg::Default(0)), text_signature = "($self, *, periods, seed=0)")]
    fn simulate_transactions<'py>(
        &self,
        py: Python<'py>,
        periods: &Bound<'py, PyAny>,
        seed: crate::purchase::Arg<u64>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let seed = seed.whole_u64(py, "seed")?;
        let columns = Columns::read(py, None, (None, None, None, None), &[("periods", periods)], false)?;
        let periods = columns.get("periods")?.to_vec();
        let model = self.inner;
        let log = py.detach(|| model.simulate_transactions(&periods, seed)).map_err(PyModelError)?;
        crate::purchase::transactions_dict(py, log)
    }

    /// The model as a JSON model file (one line), which the Rust crate ``ltv-models`` reads too.
    ///
    /// Returns
    /// -------
    /// str
    ///     ``{"model": "bg_bb", "format_version": 1, "alpha": ..., "beta": ..., "gamma": ..., "delta": ...}``.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.purchase import BgBbModel
    /// >>> BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783).to_json()
    /// '{"model":"bg_bb","format_version":1,"alpha":1.204,"beta":0.75,"gamma":0.657,"delta":2.783}'
    fn to_json(&self) -> Result<String, PyModelError> {
        Ok(self.inner.to_json()?)
    }

    /// Reads a model from a JSON model file (with or without a ``"fit"`` object).
    ///
    /// Parameters
    /// ----------
    /// text : str
    ///     The file's contents.
    ///
    /// Returns
    /// -------
    /// BgBbModel
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     Not JSON, another model or format version, a missing or unknown key, or a parameter out of range.
    /// TypeError
    ///     ``text`` is not a str.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.purchase import BgBbModel
    /// >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    /// >>> BgBbModel.from_json(m.to_json()) == m
    /// True
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self { inner: models::BgBbModel::from_json(&json_text(text)?).map_err(PyModelError)? })
    }

    fn __repr__(&self) -> String {
        let m = &self.inner;
        format!("BgBbModel(alpha={:?}, beta={:?}, gamma={:?}, delta={:?})", m.alpha(), m.beta(), m.gamma(), m.delta())
    }

    /// The parameters as an HTML table (Jupyter).
    fn _repr_html_(&self) -> String {
        model_html("BG/BB model", &self.inner)
    }
});

/// A maximum-likelihood fit of the BG/BB model (:class:`BgBbModel`) to discrete-time histories (:meth:`fit`).
///
/// It predicts with the fitted model (the same methods as :class:`BgBbModel`). ``repr()`` shows the estimates
/// and the fit's figures; ``summary()`` is a table of estimates, standard errors and 95 % intervals;
/// ``_repr_html_()`` renders that table in a notebook.
///
/// Attributes
/// ----------
/// model : BgBbModel
///     The fitted model.
/// params : dict of str to float
///     The estimates, ``{"alpha": ..., "beta": ..., "gamma": ..., "delta": ...}``.
/// std_err : dict of str to float or None
///     Their standard errors (from the observed information), ``None`` where not available.
/// log_likelihood : float
///     The maximised (unpenalised) total log-likelihood.
/// n_customers, iterations : int
///     Customers fitted (the sum of the weights, rounded) and the optimizer's iterations.
/// converged : bool
///     Whether the optimizer converged.
///
/// Examples
/// --------
/// Fader, Hardie & Shang's (2010) donations: 11,104 donors in 22 patterns over 6 yearly drives (``weight`` is
/// donors per pattern).
///
/// >>> from ltv.purchase import BgBbFit
/// >>> x = [6, 5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 4, 3, 2, 1, 3, 2, 1, 2, 1, 1, 0]
/// >>> tx = [6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 1, 0]
/// >>> w = [1203, 728, 512, 357, 234, 129, 335, 284, 225, 173, 119, 240, 181, 155, 78, 322, 255, 129, 613, 277, 1091, 3464]
/// >>> fit = BgBbFit.fit(frequency=x, recency=tx, periods=[6 for _ in x], weight=w)
/// >>> {k: round(v, 4) for k, v in fit.params.items()}
/// {'alpha': 1.2035, 'beta': 0.7497, 'gamma': 0.6567, 'delta': 2.7834}
/// >>> round(fit.log_likelihood, 1), fit.n_customers, fit.converged
/// (-33225.6, 11104, True)
#[pyclass(module = "ltv", name = "BgBbFit", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct BgBbFit {
    pub(crate) inner: models::BgBbFit,
}

impl BgBbFit {
    fn bg_bb(&self) -> &models::BgBbModel {
        &self.inner.model
    }
}

bg_bb_predictions!(BgBbFit, {
    /// Fits the BG/BB by maximum likelihood to discrete-time histories (Fader, Hardie & Shang 2010, eq. 5
    /// summed over customers).
    ///
    /// Newton's method in the log parameters with exact derivatives (a Nelder-Mead fallback); the standard errors
    /// come from the Hessian at the optimum.
    ///
    /// Parameters
    /// ----------
    /// data : pandas.DataFrame or polars.DataFrame, optional
    ///     A summary frame with columns ``frequency``, ``recency``, ``periods`` (or ``n_periods``) and optionally
    ///     ``weight`` (or ``weights``); give it or the keyword columns, not both.
    /// frequency, recency, periods : array-like of int
    ///     The histories (see :class:`BgBbModel`), columns of one length: ``0 <= frequency <= recency <=
    ///     periods``, ``recency = 0`` exactly when ``frequency = 0``, ``periods`` in [1, 1e6].
    /// weight : array-like of float, optional
    ///     Customers sharing each history (finite, >= 0, at least one > 0); default 1 per row.
    /// penalty : float
    ///     The L2 penalty ``c >= 0`` (lifetimes' ``penalizer_coef``): the fit maximises ``LL / N - c * sum(theta_k**2)``
    ///     over the parameters ``theta``; 0 (the default) is plain maximum likelihood.
    /// start : sequence of float, optional
    ///     Starting values ``[alpha, beta, gamma, delta]``, each finite and > 0; by default all 1.
    /// max_iterations : int
    ///     The most Newton steps per run, in [1, ``MAX_FIT_ITERATIONS``] = [1, 10000] (default 200).
    ///
    /// Returns
    /// -------
    /// BgBbFit
    ///     ``.params``, ``.std_err``, ``.log_likelihood``, ``.converged``; ``summary()`` tabulates them.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     An impossible history or bad weight (``.field`` and ``.row`` name it), columns of different lengths, or
    ///     an option out of range.
    /// MissingColumnError
    ///     A frame without one of the history columns.
    /// UndefinedError
    ///     The likelihood has no finite maximum (a parameter runs to 0 or infinity: nobody ever transacted, or
    ///     everybody at every opportunity).
    /// TypeError
    ///     Values that are not numbers, a missing column, or both a frame and columns.
    ///
    /// Examples
    /// --------
    /// The donations of Fader, Hardie & Shang (2010), a frame in lifetimes' column names:
    ///
    /// >>> import pandas as pd
    /// >>> from ltv.purchase import BgBbFit
    /// >>> x = [6, 5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 4, 3, 2, 1, 3, 2, 1, 2, 1, 1, 0]
    /// >>> tx = [6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 1, 0]
    /// >>> w = [1203, 728, 512, 357, 234, 129, 335, 284, 225, 173, 119, 240, 181, 155, 78, 322, 255, 129, 613, 277, 1091, 3464]
    /// >>> donors = pd.DataFrame({"frequency": x, "recency": tx, "n_periods": 6, "weights": w})
    /// >>> fit = BgBbFit.fit(donors)
    /// >>> round(fit.model.alpha, 3), round(fit.model.delta, 3), fit.converged
    /// (1.204, 2.783, True)
    #[staticmethod]
    #[pyo3(
        signature = (data=None, *, frequency=None, recency=None, periods=None, weight=None, penalty=crate::purchase::Arg::Default(0.0), start=None, max_iterations=crate::purchase::Arg::Default(200)),
        text_signature = "(data=None, *, frequency=None, recency=None, periods=None, weight=None, penalty=0.0, start=None, max_iterations=200)"
    )]
    #[allow(clippy::too_many_arguments, reason = "the columns and options of the Python signature")]
    fn fit<'py>(
        py: Python<'py>,
        data: Option<&Bound<'py, PyAny>>,
        frequency: Option<&Bound<'py, PyAny>>,
        recency: Option<&Bound<'py, PyAny>>,
        periods: Option<&Bound<'py, PyAny>>,
        weight: Option<&Bound<'py, PyAny>>,
        penalty: crate::purchase::Arg<f64>,
        start: Option<&Bound<'py, PyAny>>,
        max_iterations: crate::purchase::Arg<u32>,
    ) -> PyResult<Self> {
        let options = fit_options(py, &penalty, start, &max_iterations)?;
        let columns = Columns::read(py, data, (frequency, recency, periods, weight), &[], true)?;
        let (f, r, p) = (columns.get("frequency")?, columns.get("recency")?, columns.get("periods")?);
        let w = columns.values.get("weight").and_then(|v| v.as_deref());
        let histories = models::DiscreteHistories::new(f, r, p, w).map_err(|e| model_to_py(&e))?;
        let inner = py.detach(|| models::BgBbFit::fit(&histories, &options)).map_err(PyModelError)?;
        Ok(Self { inner })
    }

    /// The fitted model.
    #[getter]
    fn model(&self) -> BgBbModel {
        BgBbModel { inner: self.inner.model }
    }

    /// The fitted parameters, `{name: value}`.
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        param_dict::<models::BgBbModel>(py, &self.inner.model.params())
    }

    /// The standard errors, `{name: value or None}`.
    #[getter]
    fn std_err<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        std_err_dict::<models::BgBbModel>(py, &self.inner.std_err)
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

    /// The estimates as a table: one row per parameter (``alpha``, ``beta``, ``gamma``, ``delta``).
    ///
    /// Returns
    /// -------
    /// pandas.DataFrame
    ///     Index ``parameter``; columns ``estimate``, ``std_err``, ``lower_95`` and ``upper_95`` (estimate -/+
    ///     1.959964 standard errors; NaN where there is no standard error). Needs pandas (``ltv[pandas]``).
    ///
    /// Examples
    /// --------
    /// >>> from ltv.purchase import BgBbFit
    /// >>> x = [6, 5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 4, 3, 2, 1, 3, 2, 1, 2, 1, 1, 0]
    /// >>> tx = [6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 1, 0]
    /// >>> w = [1203, 728, 512, 357, 234, 129, 335, 284, 225, 173, 119, 240, 181, 155, 78, 322, 255, 129, 613, 277, 1091, 3464]
    /// >>> table = BgBbFit.fit(frequency=x, recency=tx, periods=[6 for _ in x], weight=w).summary()
    /// >>> list(table.index), list(table.columns)
    /// (['alpha', 'beta', 'gamma', 'delta'], ['estimate', 'std_err', 'lower_95', 'upper_95'])
    /// >>> table.loc["delta"].round(3).tolist()
    /// [2.783, 0.321, 2.155, 3.412]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        summary(py, &self.inner)
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
    /// >>> from ltv.purchase import BgBbFit
    /// >>> x = [6, 5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 4, 3, 2, 1, 3, 2, 1, 2, 1, 1, 0]
    /// >>> tx = [6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 1, 0]
    /// >>> w = [1203, 728, 512, 357, 234, 129, 335, 284, 225, 173, 119, 240, 181, 155, 78, 322, 255, 129, 613, 277, 1091, 3464]
    /// >>> fit = BgBbFit.fit(frequency=x, recency=tx, periods=[6 for _ in x], weight=w)
    /// >>> fit.to_json().startswith('{"model":"bg_bb"')
    /// True
    fn to_json(&self) -> Result<String, PyModelError> {
        Ok(self.inner.to_json()?)
    }

    /// Reads a fit from a JSON model file (the ``"fit"`` object is required).
    ///
    /// Parameters
    /// ----------
    /// text : str
    ///     The file's contents.
    ///
    /// Returns
    /// -------
    /// BgBbFit
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     Not JSON, another model or format version, no ``"fit"`` object, a missing or unknown key.
    /// TypeError
    ///     ``text`` is not a str.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.purchase import BgBbFit
    /// >>> x = [6, 5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 4, 3, 2, 1, 3, 2, 1, 2, 1, 1, 0]
    /// >>> tx = [6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 1, 0]
    /// >>> w = [1203, 728, 512, 357, 234, 129, 335, 284, 225, 173, 119, 240, 181, 155, 78, 322, 255, 129, 613, 277, 1091, 3464]
    /// >>> fit = BgBbFit.fit(frequency=x, recency=tx, periods=[6 for _ in x], weight=w)
    /// >>> BgBbFit.from_json(fit.to_json()) == fit
    /// True
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self { inner: models::BgBbFit::from_json(&json_text(text)?).map_err(PyModelError)? })
    }

    fn __repr__(&self) -> String {
        let f = &self.inner;
        let m = &f.model;
        format!(
            "BgBbFit(alpha={:?}, beta={:?}, gamma={:?}, delta={:?}, log_likelihood={:?}, n_customers={}, converged={})",
            m.alpha(),
            m.beta(),
            m.gamma(),
            m.delta(),
            f.log_likelihood,
            f.n_customers,
            if f.converged { "True" } else { "False" }
        )
    }

    /// The estimates (with standard errors and 95 % intervals) and the fit's figures as an HTML table (Jupyter).
    fn _repr_html_(&self) -> String {
        fit_html("BG/BB fit", &self.inner)
    }
});

/// The covariance matrix of a BG/BB model's estimates for these histories (`ltv.purchase.covariance`),
/// row-major 4 x 4 (see `BgBbModel::covariance`).
#[pyfunction]
#[pyo3(
    signature = (model, data=None, *, frequency=None, recency=None, periods=None, weight=None, penalty=crate::purchase::Arg::Default(0.0)),
    text_signature = "(model, data=None, *, frequency=None, recency=None, periods=None, weight=None, penalty=0.0)"
)]
#[allow(clippy::too_many_arguments, reason = "the columns and options of the Python signature")]
pub fn _bg_bb_covariance<'py>(
    py: Python<'py>,
    model: &Bound<'py, PyAny>,
    data: Option<&Bound<'py, PyAny>>,
    frequency: Option<&Bound<'py, PyAny>>,
    recency: Option<&Bound<'py, PyAny>>,
    periods: Option<&Bound<'py, PyAny>>,
    weight: Option<&Bound<'py, PyAny>>,
    penalty: crate::purchase::Arg<f64>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let penalty = penalty.real(py, "penalty")?;
    let inner = if let Ok(m) = model.extract::<BgBbModel>() {
        m.inner
    } else if let Ok(m) = model.extract::<BgBbFit>() {
        m.inner.model
    } else {
        return Err(PyTypeError::new_err(format!(
            "model: expected a BG/BB model or fit (BgBbModel, BgBbFit), got {}",
            crate::purchase::type_name(model)
        )));
    };
    let columns = Columns::read(py, data, (frequency, recency, periods, weight), &[], true)?;
    let (f, r, p) = (columns.get("frequency")?, columns.get("recency")?, columns.get("periods")?);
    let w = columns.values.get("weight").and_then(|v| v.as_deref());
    let histories = models::DiscreteHistories::new(f, r, p, w).map_err(|e| model_to_py(&e))?;
    let cov = py.detach(|| inner.covariance(&histories, penalty)).map_err(|e| model_to_py(&e))?;
    Ok(PyArray1::from_vec(py, cov))
}

/// Registers the BG/BB classes and constants.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<BgBbModel>()?;
    m.add_class::<BgBbFit>()?;
    m.add_function(wrap_pyfunction!(_bg_bb_covariance, m)?)?;
    m.add("MAX_OPPORTUNITIES", models::MAX_OPPORTUNITIES)?;
    Ok(())
}
