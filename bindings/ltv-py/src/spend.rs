//! The Gamma-Gamma spend model (`GammaGammaModel` / `GammaGammaFit`) and the customer value
//! (`_customer_value`, behind `ltv.purchase.customer_value`). Conversion only.

use ltv_models as models;
use ltv_models::{Model, ModelError, PurchaseModel};
use numpy::PyArray1;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple};

use crate::errors::{PyModelError, model_to_py};
use crate::purchase::{
    Arg, BgNbdFit, BgNbdModel, Columns, MbgNbdFit, MbgNbdModel, at, broadcast, param_dict, params_tuple, per_row, real,
    std_err_dict, summary, type_name,
};
use crate::sbg::json_text;

static SPEND_COLUMNS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn read<'py>(
    py: Python<'py>,
    data: Option<&Bound<'py, PyAny>>,
    frequency: Option<&Bound<'py, PyAny>>,
    monetary_value: Option<&Bound<'py, PyAny>>,
    weight: Option<&Bound<'py, PyAny>>,
) -> PyResult<Columns<'py>> {
    let result = SPEND_COLUMNS.import(py, "ltv.purchase._data", "spend_columns")?.call1((
        data,
        frequency,
        monetary_value,
        weight,
    ))?;
    Columns::from_python(&result)
}

fn per_customer<'py>(
    py: Python<'py>,
    model: &models::GammaGammaModel,
    name: &str,
    columns: &Columns<'py>,
    f: impl Fn(&models::GammaGammaModel, f64, f64) -> Result<f64, ModelError> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let (x, m) = (columns.get("frequency")?, columns.get("monetary_value")?);
    let n = broadcast(&[("frequency", x), ("monetary_value", m)])?;
    let values = py.detach(|| per_row(n, |i| f(model, at(x, i), at(m, i)))).map_err(|e| model_to_py(&e))?;
    columns.output(py, values, name)
}

macro_rules! spend_methods {
    ($ty:ident, { $($extra:tt)* }) => {
        #[pymethods]
        impl $ty {
            $($extra)*

            /// `E[spend per transaction | frequency, monetary_value]` (the population mean for frequency 0).
            #[pyo3(signature = (data=None, *, frequency=None, monetary_value=None))]
            fn conditional_expected_spend<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, frequency: Option<&Bound<'py, PyAny>>,
                monetary_value: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let columns = read(py, data, frequency, monetary_value, None)?;
                per_customer(py, self.spend_model(), "conditional_expected_spend", &columns,
                    |m, x, z| m.conditional_expected_spend(x, z))
            }

            /// Each repeat customer's log-likelihood (the density of their mean spend).
            #[pyo3(signature = (data=None, *, frequency=None, monetary_value=None))]
            fn customer_log_likelihood<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, frequency: Option<&Bound<'py, PyAny>>,
                monetary_value: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let columns = read(py, data, frequency, monetary_value, None)?;
                per_customer(py, self.spend_model(), "customer_log_likelihood", &columns,
                    |m, x, z| m.log_likelihood(x, z))
            }

            /// The population mean spend per transaction `p gamma / (q - 1)`; `DivergenceError` for `q <= 1`.
            fn mean_spend(&self) -> Result<f64, PyModelError> {
                Ok(self.spend_model().mean_spend()?)
            }

            /// The variance across customers of their mean spend (finite for `q > 2`).
            fn spend_variance(&self) -> Result<f64, PyModelError> {
                Ok(self.spend_model().spend_variance()?)
            }
        }
    };
}

/// The Gamma-Gamma spend model (see `ltv_models::GammaGammaModel`).
#[pyclass(module = "ltv", name = "GammaGammaModel", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct GammaGammaModel {
    pub(crate) inner: models::GammaGammaModel,
}

impl GammaGammaModel {
    fn spend_model(&self) -> &models::GammaGammaModel {
        &self.inner
    }
}

spend_methods!(GammaGammaModel, {
    #[new]
    #[pyo3(signature = (*, p, q, gamma))]
    fn new(p: &Bound<'_, PyAny>, q: &Bound<'_, PyAny>, gamma: &Bound<'_, PyAny>) -> PyResult<Self> {
        let inner =
            models::GammaGammaModel::new(real("p", p)?, real("q", q)?, real("gamma", gamma)?).map_err(PyModelError)?;
        Ok(Self { inner })
    }

    /// The `"model"` tag of its model file (`"gamma_gamma"`).
    #[classattr]
    const TAG: &'static str = <models::GammaGammaModel as Model>::TAG;

    /// The `"format_version"` of its model file.
    #[classattr]
    const FORMAT_VERSION: u32 = <models::GammaGammaModel as Model>::FORMAT_VERSION;

    /// The parameter names.
    #[classattr]
    #[allow(non_snake_case)]
    fn PARAMS(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        params_tuple::<models::GammaGammaModel>(py)
    }

    /// The parameters, `{name: value}`.
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        param_dict::<models::GammaGammaModel>(py, &self.inner.params())
    }

    /// `p`.
    #[getter]
    fn p(&self) -> f64 {
        self.inner.p()
    }

    /// `q`.
    #[getter]
    fn q(&self) -> f64 {
        self.inner.q()
    }

    /// `gamma`.
    #[getter]
    fn gamma(&self) -> f64 {
        self.inner.gamma()
    }

    /// Draws the mean spend per repeat transaction of one synthetic customer per entry of `frequency`
    /// (whole numbers in [0, 1e7]; seeded; 0 where the frequency is 0) from the model's story
    /// (`nu ~ Gamma(q, gamma)`, each transaction `Gamma(p, nu)`): a dict of float64 arrays `frequency`,
    /// `monetary_value` (ready for `GammaGammaFit.fit(**data)` when every frequency is at least 1).
    ///
    /// >>> from ltv.purchase import GammaGammaModel
    /// >>> m = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
    /// >>> m.simulate(frequency=[0, 1, 5], seed=1)["monetary_value"].round(2).tolist()
    /// [0.0, 44.86, 30.64]
    #[pyo3(signature = (*, frequency, seed=Arg::Default(0)), text_signature = "($self, *, frequency, seed=0)")]
    fn simulate<'py>(
        &self,
        py: Python<'py>,
        frequency: &Bound<'py, PyAny>,
        seed: Arg<u64>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let seed = seed.whole_u64(py, "seed")?;
        let columns = Columns::read(py, None, None, None, None, None, &[("frequency", frequency)], false)?;
        let frequency = columns.get("frequency")?.to_vec();
        let model = self.inner;
        let spend = py.detach(|| model.simulate(&frequency, seed)).map_err(PyModelError)?;
        let out = PyDict::new(py);
        out.set_item("frequency", PyArray1::from_vec(py, frequency))?;
        out.set_item("monetary_value", PyArray1::from_vec(py, spend))?;
        Ok(out)
    }

    /// The model as a JSON model file (one line).
    fn to_json(&self) -> Result<String, PyModelError> {
        Ok(self.inner.to_json()?)
    }

    /// Reads a model from a JSON model file (with or without a `"fit"` object).
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self { inner: models::GammaGammaModel::from_json(&json_text(text)?).map_err(PyModelError)? })
    }

    fn __repr__(&self) -> String {
        format!("GammaGammaModel(p={:?}, q={:?}, gamma={:?})", self.inner.p(), self.inner.q(), self.inner.gamma())
    }
});

/// A maximum-likelihood fit of the Gamma-Gamma model to repeat customers' spend.
#[pyclass(module = "ltv", name = "GammaGammaFit", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct GammaGammaFit {
    pub(crate) inner: models::GammaGammaFit,
}

impl GammaGammaFit {
    fn spend_model(&self) -> &models::GammaGammaModel {
        &self.inner.model
    }
}

spend_methods!(GammaGammaFit, {
    /// Fits the model to repeat customers (frequency >= 1) by maximum likelihood; ``start`` (``[p, q, gamma]``)
    /// starts the search there, ``q_at_least_one=True`` maximises over ``q >= 1`` only (a finite mean spend).
    #[staticmethod]
    #[pyo3(
        signature = (data=None, *, frequency=None, monetary_value=None, weight=None, penalty=Arg::Default(0.0), start=None, q_at_least_one=None),
        text_signature = "(data=None, *, frequency=None, monetary_value=None, weight=None, penalty=0.0, start=None, q_at_least_one=False)"
    )]
    #[allow(clippy::too_many_arguments, reason = "keyword-only arguments of the Python method")]
    fn fit<'py>(
        py: Python<'py>,
        data: Option<&Bound<'py, PyAny>>,
        frequency: Option<&Bound<'py, PyAny>>,
        monetary_value: Option<&Bound<'py, PyAny>>,
        weight: Option<&Bound<'py, PyAny>>,
        penalty: Arg<f64>,
        start: Option<&Bound<'py, PyAny>>,
        q_at_least_one: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Self> {
        let mut options = models::SpendFitOptions::with_penalty(penalty.real(py, "penalty")?);
        if let Some(start) = start.filter(|s| !s.is_none()) {
            let values = start.extract::<Vec<f64>>().ok().filter(|v| v.len() == 3).ok_or_else(|| {
                PyTypeError::new_err(format!("start: expected three numbers [p, q, gamma], got {}", type_name(start)))
            })?;
            options.start = Some([values[0], values[1], values[2]]);
        }
        if let Some(flag) = q_at_least_one.filter(|f| !f.is_none()) {
            if !flag.is_instance_of::<pyo3::types::PyBool>() {
                return Err(PyTypeError::new_err(format!(
                    "q_at_least_one: expected True or False, got {}",
                    type_name(flag)
                )));
            }
            options.q_at_least_one = flag.extract::<bool>()?;
        }
        let columns = read(py, data, frequency, monetary_value, weight)?;
        let histories = models::SpendHistories::new(
            columns.get("frequency")?,
            columns.get("monetary_value")?,
            columns.optional("weight"),
        )
        .map_err(PyModelError)?;
        let inner = py.detach(|| models::GammaGammaFit::fit_with(&histories, &options)).map_err(PyModelError)?;
        Ok(Self { inner })
    }

    /// The fitted model.
    #[getter]
    fn model(&self) -> GammaGammaModel {
        GammaGammaModel { inner: self.inner.model }
    }

    /// The fitted parameters, `{name: value}`.
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        param_dict::<models::GammaGammaModel>(py, &self.inner.model.params())
    }

    /// The standard errors, `{name: value or None}`.
    #[getter]
    fn std_err<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        std_err_dict::<models::GammaGammaModel>(py, &self.inner.std_err)
    }

    /// The maximised (unpenalised) total log-likelihood.
    #[getter]
    fn log_likelihood(&self) -> f64 {
        self.inner.log_likelihood
    }

    /// Customers fitted.
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

    /// The estimates as a pandas DataFrame.
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
        Ok(Self { inner: models::GammaGammaFit::from_json(&json_text(text)?).map_err(PyModelError)? })
    }

    fn __repr__(&self) -> String {
        let m = &self.inner.model;
        format!(
            "GammaGammaFit(p={:?}, q={:?}, gamma={:?}, log_likelihood={:?}, n_customers={}, converged={})",
            m.p(),
            m.q(),
            m.gamma(),
            self.inner.log_likelihood,
            self.inner.n_customers,
            if self.inner.converged { "True" } else { "False" }
        )
    }
});

fn option_error(field: &str, value: &str, allowed: &str) -> PyErr {
    model_to_py(&ModelError::InvalidData {
        field: field.to_owned(),
        row: None,
        reason: format!("got {value:?}, expected one of {allowed}"),
    })
}

/// Each customer's value (see `ltv_models::customer_value`); `model` is any purchase model or fit.
#[pyfunction]
#[pyo3(signature = (model, frequency, recency, age, spend, horizon_months, time_unit, discount_rate, rate_period, margin, convention))]
#[allow(clippy::too_many_arguments, reason = "the options of the Python signature")]
pub fn _customer_value<'py>(
    py: Python<'py>,
    model: &Bound<'py, PyAny>,
    frequency: numpy::PyReadonlyArray1<'py, f64>,
    recency: numpy::PyReadonlyArray1<'py, f64>,
    age: numpy::PyReadonlyArray1<'py, f64>,
    spend: numpy::PyReadonlyArray1<'py, f64>,
    horizon_months: u32,
    time_unit: &str,
    discount_rate: f64,
    rate_period: &str,
    margin: f64,
    convention: &str,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let mut options = models::ValueOptions::default();
    options.horizon_months = horizon_months;
    options.time_unit = match time_unit {
        "day" => models::TimeUnit::Day,
        "week" => models::TimeUnit::Week,
        "month" => models::TimeUnit::Month,
        "hour" => models::TimeUnit::Hour,
        other => return Err(option_error("time_unit", other, "'day', 'week', 'month' or 'hour'")),
    };
    options.discount_rate = discount_rate;
    options.rate_period = match rate_period {
        "monthly" => models::RatePeriod::Monthly,
        "annual" => models::RatePeriod::Annual,
        "continuous" => models::RatePeriod::Continuous,
        other => return Err(option_error("rate_period", other, "'monthly', 'annual', 'continuous'")),
    };
    options.margin = margin;
    options.convention = match convention {
        "calendar" => models::ValueConvention::Calendar,
        "lifetimes" => models::ValueConvention::Lifetimes,
        "pymc_marketing" => models::ValueConvention::PymcMarketing,
        other => return Err(option_error("convention", other, "'calendar', 'lifetimes', 'pymc_marketing'")),
    };
    let (f, r, a, s) = (frequency.as_slice()?, recency.as_slice()?, age.as_slice()?, spend.as_slice()?);
    let n = broadcast(&[("frequency", f), ("recency", r), ("age", a), ("spend", s)])?;
    let expand = |c: &[f64]| if c.len() == n { c.to_vec() } else { vec![c[0]; n] };
    let (f, r, a) = (expand(f), expand(r), expand(a));
    fn run<M: PurchaseModel + Sync>(
        py: Python<'_>,
        m: &M,
        f: &[f64],
        r: &[f64],
        a: &[f64],
        s: &[f64],
        o: &models::ValueOptions,
    ) -> PyResult<Vec<f64>> {
        py.detach(|| models::customer_value(m, f, r, a, s, o)).map_err(|e| model_to_py(&e))
    }
    let values = if let Ok(m) = model.extract::<BgNbdModel>() {
        run(py, &m.inner, &f, &r, &a, s, &options)?
    } else if let Ok(m) = model.extract::<BgNbdFit>() {
        run(py, &m.inner.model, &f, &r, &a, s, &options)?
    } else if let Ok(m) = model.extract::<MbgNbdModel>() {
        run(py, &m.inner, &f, &r, &a, s, &options)?
    } else if let Ok(m) = model.extract::<MbgNbdFit>() {
        run(py, &m.inner.model, &f, &r, &a, s, &options)?
    } else if let Ok(m) = model.extract::<crate::purchase::ParetoNbdModel>() {
        run(py, &m.inner, &f, &r, &a, s, &options)?
    } else if let Ok(m) = model.extract::<crate::purchase::ParetoNbdFit>() {
        run(py, &m.inner.model, &f, &r, &a, s, &options)?
    } else {
        return Err(PyTypeError::new_err(format!(
            "model: expected a purchase model or fit (BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, \
             ParetoNbdFit), got {}",
            model.get_type().name().map(|n| n.to_string()).unwrap_or_default()
        )));
    };
    Ok(PyArray1::from_vec(py, values))
}

/// Registers the spend classes, the customer value and their constants.
/// The covariance matrix of a Gamma-Gamma model's estimates for these spend histories
/// (`ltv.purchase.covariance`), row-major 3 x 3 (see `GammaGammaModel::covariance`).
#[pyfunction]
#[pyo3(
    signature = (model, data=None, *, frequency=None, monetary_value=None, weight=None, penalty=Arg::Default(0.0)),
    text_signature = "(model, data=None, *, frequency=None, monetary_value=None, weight=None, penalty=0.0)"
)]
pub fn _gamma_gamma_covariance<'py>(
    py: Python<'py>,
    model: &Bound<'py, PyAny>,
    data: Option<&Bound<'py, PyAny>>,
    frequency: Option<&Bound<'py, PyAny>>,
    monetary_value: Option<&Bound<'py, PyAny>>,
    weight: Option<&Bound<'py, PyAny>>,
    penalty: Arg<f64>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let penalty = penalty.real(py, "penalty")?;
    let inner = if let Ok(m) = model.extract::<GammaGammaModel>() {
        m.inner
    } else if let Ok(m) = model.extract::<GammaGammaFit>() {
        m.inner.model
    } else {
        return Err(PyTypeError::new_err(format!(
            "model: expected a Gamma-Gamma model or fit (GammaGammaModel, GammaGammaFit), got {}",
            type_name(model)
        )));
    };
    let columns = read(py, data, frequency, monetary_value, weight)?;
    let histories = models::SpendHistories::new(
        columns.get("frequency")?,
        columns.get("monetary_value")?,
        columns.optional("weight"),
    )
    .map_err(PyModelError)?;
    let cov = py.detach(|| inner.covariance(&histories, penalty)).map_err(PyModelError)?;
    Ok(PyArray1::from_vec(py, cov))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<GammaGammaModel>()?;
    m.add_class::<GammaGammaFit>()?;
    m.add_function(wrap_pyfunction!(_gamma_gamma_covariance, m)?)?;
    m.add_function(wrap_pyfunction!(_customer_value, m)?)?;
    m.add("MAX_VALUE_MONTHS", models::MAX_VALUE_MONTHS)?;
    m.add("SPEND_MIN_PARAMETER", models::MIN_SPEND_PARAMETER)?;
    m.add("SPEND_MAX_PARAMETER", models::MAX_SPEND_PARAMETER)?;
    Ok(())
}
