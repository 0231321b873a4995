//! `ParetoNbdModel` / `ParetoNbdFit` in Python: the Pareto/NBD of `ltv_models`, with the same shape as the
//! BG/NBD classes of `purchase` (whose column reading, broadcasting, row errors and summary it reuses), plus
//! the closed-form DERT.

use ltv_models as models;
use ltv_models::{Model, PurchaseModel};
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::errors::PyModelError;
use crate::purchase::{
    Columns, count, fit_options, histories, param_dict, params_tuple, predict, predict_new, purchase_predictions, real,
    std_err_dict, summary,
};
use crate::sbg::json_text;

/// The Pareto/NBD purchase model (see `ltv_models::ParetoNbdModel`).
#[pyclass(module = "ltv", name = "ParetoNbdModel", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct ParetoNbdModel {
    pub(crate) inner: models::ParetoNbdModel,
}

impl ParetoNbdModel {
    fn purchase_model(&self) -> &models::ParetoNbdModel {
        &self.inner
    }
}

purchase_predictions!(ParetoNbdModel, with_dert, {
    #[new]
    #[pyo3(signature = (*, r, alpha, s, beta))]
    fn new(
        r: &Bound<'_, PyAny>,
        alpha: &Bound<'_, PyAny>,
        s: &Bound<'_, PyAny>,
        beta: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let inner =
            models::ParetoNbdModel::new(real("r", r)?, real("alpha", alpha)?, real("s", s)?, real("beta", beta)?)
                .map_err(PyModelError)?;
        Ok(Self { inner })
    }

    /// The `"model"` tag of its model file.
    #[classattr]
    const TAG: &'static str = <models::ParetoNbdModel as Model>::TAG;

    /// The `"format_version"` of its model file.
    #[classattr]
    const FORMAT_VERSION: u32 = <models::ParetoNbdModel as Model>::FORMAT_VERSION;

    /// The parameter names.
    #[classattr]
    #[allow(non_snake_case)]
    fn PARAMS(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        params_tuple::<models::ParetoNbdModel>(py)
    }

    /// The parameters, `{name: value}`.
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        param_dict::<models::ParetoNbdModel>(py, &self.inner.params())
    }

    #[getter]
    fn r(&self) -> f64 {
        self.inner.r()
    }
    #[getter]
    fn alpha(&self) -> f64 {
        self.inner.alpha()
    }
    #[getter]
    fn s(&self) -> f64 {
        self.inner.s()
    }
    #[getter]
    fn beta(&self) -> f64 {
        self.inner.beta()
    }

    /// Draws one synthetic customer per entry of `age` (seeded): a dict of float64 arrays `frequency`,
    /// `recency`, `age`.
    #[pyo3(signature = (*, age, seed=0))]
    fn simulate<'py>(&self, py: Python<'py>, age: &Bound<'py, PyAny>, seed: u64) -> PyResult<Bound<'py, PyDict>> {
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
        Ok(Self { inner: models::ParetoNbdModel::from_json(&json_text(text)?).map_err(PyModelError)? })
    }

    fn __repr__(&self) -> String {
        let m = &self.inner;
        format!("ParetoNbdModel(r={:?}, alpha={:?}, s={:?}, beta={:?})", m.r(), m.alpha(), m.s(), m.beta())
    }
});

/// A maximum-likelihood fit of the Pareto/NBD.
#[pyclass(module = "ltv", name = "ParetoNbdFit", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct ParetoNbdFit {
    pub(crate) inner: models::ParetoNbdFit,
}

impl ParetoNbdFit {
    fn purchase_model(&self) -> &models::ParetoNbdModel {
        &self.inner.model
    }
}

purchase_predictions!(ParetoNbdFit, with_dert, {
    /// Fits the model by maximum likelihood to a frame or columns of histories.
    #[staticmethod]
    #[pyo3(
        signature = (data=None, *, frequency=None, recency=None, age=None, weight=None, penalty=crate::purchase::Arg::Default(0.0), start=None, max_iterations=crate::purchase::Arg::Default(200)),
        text_signature = "(data=None, *, frequency=None, recency=None, age=None, weight=None, penalty=0.0, start=None, max_iterations=200)"
    )]
    #[allow(clippy::too_many_arguments, reason = "the columns and options of the Python signature")]
    fn fit<'py>(
        py: Python<'py>,
        data: Option<&Bound<'py, PyAny>>,
        frequency: Option<&Bound<'py, PyAny>>,
        recency: Option<&Bound<'py, PyAny>>,
        age: Option<&Bound<'py, PyAny>>,
        weight: Option<&Bound<'py, PyAny>>,
        penalty: crate::purchase::Arg<f64>,
        start: Option<&Bound<'py, PyAny>>,
        max_iterations: crate::purchase::Arg<u32>,
    ) -> PyResult<Self> {
        let options = fit_options(py, &penalty, start, &max_iterations)?;
        let columns = Columns::read(py, data, frequency, recency, age, weight, &[], true)?;
        let histories = histories(&columns)?;
        let inner = py.detach(|| models::ParetoNbdFit::fit(&histories, &options)).map_err(PyModelError)?;
        Ok(Self { inner })
    }

    /// The fitted model.
    #[getter]
    fn model(&self) -> ParetoNbdModel {
        ParetoNbdModel { inner: self.inner.model }
    }

    /// The fitted parameters, `{name: value}`.
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        param_dict::<models::ParetoNbdModel>(py, &self.inner.model.params())
    }

    /// The standard errors, `{name: value or None}`.
    #[getter]
    fn std_err<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        std_err_dict::<models::ParetoNbdModel>(py, &self.inner.std_err)
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
        Ok(Self { inner: models::ParetoNbdFit::from_json(&json_text(text)?).map_err(PyModelError)? })
    }

    fn __repr__(&self) -> String {
        let f = &self.inner;
        let m = &f.model;
        format!(
            "ParetoNbdFit(r={:?}, alpha={:?}, s={:?}, beta={:?}, log_likelihood={:?}, n_customers={}, converged={})",
            m.r(),
            m.alpha(),
            m.s(),
            m.beta(),
            f.log_likelihood,
            f.n_customers,
            if f.converged { "True" } else { "False" }
        )
    }
});

/// Registers the Pareto/NBD classes.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ParetoNbdModel>()?;
    m.add_class::<ParetoNbdFit>()?;
    Ok(())
}
