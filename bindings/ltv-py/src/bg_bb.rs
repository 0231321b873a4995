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
use crate::sbg::json_text;

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
macro_rules! bg_bb_predictions {
    ($ty:ident, { $($extra:tt)* }) => {
        #[pymethods]
        impl $ty {
            $($extra)*

            /// Each history's log-likelihood (eq. 5 of Fader, Hardie & Shang 2010).
            #[pyo3(signature = (data=None, *, frequency=None, recency=None, periods=None))]
            fn customer_log_likelihood<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, frequency: Option<&Bound<'py, PyAny>>,
                recency: Option<&Bound<'py, PyAny>>, periods: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.bg_bb(), "customer_log_likelihood", data, (frequency, recency, periods, None), &[],
                    |m, _, x, tx, n| m.log_likelihood(x, tx, n))
            }

            /// `P(alive at opportunity periods + 1 | history)`.
            #[pyo3(signature = (data=None, *, frequency=None, recency=None, periods=None))]
            fn probability_alive<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, frequency: Option<&Bound<'py, PyAny>>,
                recency: Option<&Bound<'py, PyAny>>, periods: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.bg_bb(), "probability_alive", data, (frequency, recency, periods, None), &[],
                    |m, _, x, tx, n| m.probability_alive(x, tx, n))
            }

            /// Expected transactions in the next `t` opportunities of a customer with this history.
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

            /// Discounted expected residual transactions at `discount_rate` per opportunity (eq. 14).
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

            /// `P(X(periods, periods + t) = n | history)`: exactly `n` transactions in the next `t`
            /// opportunities (Fader, Hardie & Shang 2010, appendix); `n` and `t` whole, `t` at most
            /// `MAX_OPPORTUNITIES` (1e6); `n > t` gives 0. The probabilities over `n = 0..t` sum to 1 and
            /// their mean is `conditional_expected_transactions`.
            ///
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

            /// `P(no transaction in the next t opportunities | history)` (dead, or alive and not
            /// transacting): `conditional_probability_of_transactions` at `n = 0`; 1 for `t = 0`.
            ///
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

            /// `P(alive at opportunity periods + t | history)` (FHS 2010 eq. 11 carried `t` opportunities
            /// on): `t = 1` is `probability_alive`, `t = 0` the probability of having survived the observed
            /// opportunities; `t` whole, at most `MAX_OPPORTUNITIES` (1e6).
            ///
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

            /// `E[X(t)]`: expected transactions of a new customer in the first `t` opportunities.
            #[pyo3(signature = (*, t))]
            fn expected_transactions<'py>(&self, py: Python<'py>, t: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                predict_new(py, self.bg_bb(), "expected_transactions", &[("t", t)],
                    |m, e| m.expected_transactions(whole("t", e[0])?))
            }

            /// `P(X(t) = n)` for a new customer.
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

/// The BG/BB discrete-time purchase model (see `ltv_models::BgBbModel`).
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

    /// The `"model"` tag of its model file.
    #[classattr]
    const TAG: &'static str = <models::BgBbModel as Model>::TAG;

    /// The `"format_version"` of its model file.
    #[classattr]
    const FORMAT_VERSION: u32 = <models::BgBbModel as Model>::FORMAT_VERSION;

    /// The parameter names.
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

    #[getter]
    fn alpha(&self) -> f64 {
        self.inner.alpha()
    }
    #[getter]
    fn beta(&self) -> f64 {
        self.inner.beta()
    }
    #[getter]
    fn gamma(&self) -> f64 {
        self.inner.gamma()
    }
    #[getter]
    fn delta(&self) -> f64 {
        self.inner.delta()
    }

    /// Draws one synthetic customer per entry of `periods` (their transaction opportunities, whole
    /// numbers in [1, 1e6], at most 1e9 in all), seeded, from the model's story: a dict of float64
    /// arrays `frequency`, `recency`, `periods` (ready for `BgBbFit.fit(**data)`).
    ///
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

    /// The model as a JSON model file (one line).
    fn to_json(&self) -> Result<String, PyModelError> {
        Ok(self.inner.to_json()?)
    }

    /// Reads a model from a JSON model file (with or without a `"fit"` object).
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self { inner: models::BgBbModel::from_json(&json_text(text)?).map_err(PyModelError)? })
    }

    fn __repr__(&self) -> String {
        let m = &self.inner;
        format!("BgBbModel(alpha={:?}, beta={:?}, gamma={:?}, delta={:?})", m.alpha(), m.beta(), m.gamma(), m.delta())
    }
});

/// A maximum-likelihood fit of the BG/BB.
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
    /// Fits the model by maximum likelihood to a frame or columns of discrete histories.
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
});

/// Registers the BG/BB classes and constants.
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

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<BgBbModel>()?;
    m.add_class::<BgBbFit>()?;
    m.add_function(wrap_pyfunction!(_bg_bb_covariance, m)?)?;
    m.add("MAX_OPPORTUNITIES", models::MAX_OPPORTUNITIES)?;
    Ok(())
}
