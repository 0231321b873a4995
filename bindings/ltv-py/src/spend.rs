//! The Gamma-Gamma spend model (`GammaGammaModel` / `GammaGammaFit`) and the customer value
//! (`_customer_value`, behind `ltv.purchase.customer_value`). Conversion only.

use ltv_models as models;
use ltv_models::{Model, ModelError, PurchaseModel};
use numpy::PyArray1;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple};

use crate::bg_bb::{fit_html, model_html};
use crate::errors::{PyModelError, model_to_py};
use crate::purchase::{
    Arg, BgNbdFit, BgNbdModel, Columns, MbgNbdFit, MbgNbdModel, at, broadcast, param_dict, params_tuple, per_row, real,
    std_err_dict, summary, type_name,
};
use crate::sbg::json_text;

static SPEND_COLUMNS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static CUSTOMER_CODES: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

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

/// The prediction methods of both classes (`self.spend_model()`).
///
/// The docstrings are shared: their examples use a `GammaGammaModel`; a `GammaGammaFit` predicts with its fitted
/// model.
macro_rules! spend_methods {
    ($ty:ident, { $($extra:tt)* }) => {
        #[pymethods]
        impl $ty {
            $($extra)*

            /// ``E[spend per transaction | frequency, monetary_value]``: each customer's expected spend per
            /// transaction (Fader, Hardie & Lee 2005; note 025 eq. 5).
            ///
            /// ``p (gamma + x z) / (p x + q - 1)`` for ``x`` repeat transactions of mean value ``z``: a weighted mean
            /// of the population mean ``p gamma / (q - 1)`` and the customer's own mean; the population mean for
            /// ``x = 0``.
            ///
            /// Parameters
            /// ----------
            /// data : pandas.DataFrame or polars.DataFrame, optional
            ///     A frame with columns ``frequency`` and ``monetary_value``; give it or the keyword columns, not both.
            /// frequency : int or array-like of int
            ///     Repeat transactions ``x``, whole numbers in [0, 1e7].
            /// monetary_value : float or array-like of float
            ///     The mean value ``z`` of those transactions, in money units per transaction: in (0, 1e15], 0 where
            ///     ``frequency`` is 0.
            ///
            /// Returns
            /// -------
            /// float, numpy.ndarray, pandas.Series or polars.Series
            ///     The expected spend per transaction in the money units of ``monetary_value``, in the form of the
            ///     input (a Series with the frame's index for a frame).
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     A bad ``frequency`` or ``monetary_value`` (``.field`` and ``.row`` name it), or columns of
            ///     different lengths.
            /// DivergenceError
            ///     ``q <= 1``: the mean spend is infinite.
            /// MissingColumnError
            ///     A frame without one of the columns.
            /// TypeError
            ///     Values that are not numbers, a missing column, or both a frame and columns.
            ///
            /// Examples
            /// --------
            /// Note 025's CDNOW estimates; a customer with 2 repeat purchases of mean 22.35 $ is shrunk towards the
            /// population mean of 35.22 $:
            ///
            /// >>> from ltv.purchase import GammaGammaModel
            /// >>> m = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
            /// >>> m.conditional_expected_spend(frequency=[0, 2, 10], monetary_value=[0, 22.35, 50.0]).round(2).tolist()
            /// [35.22, 24.66, 49.38]
            #[pyo3(signature = (data=None, *, frequency=None, monetary_value=None))]
            fn conditional_expected_spend<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, frequency: Option<&Bound<'py, PyAny>>,
                monetary_value: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let columns = read(py, data, frequency, monetary_value, None)?;
                per_customer(py, self.spend_model(), "conditional_expected_spend", &columns,
                    |m, x, z| m.conditional_expected_spend(x, z))
            }

            /// Each repeat customer's log-likelihood: the log density of their mean spend (note 025 eq. 3).
            ///
            /// ``Gamma(p x + q) / (Gamma(p x) Gamma(q)) gamma^q x^(p x) z^(p x - 1) / (gamma + x z)^(p x + q)`` for
            /// ``x`` repeat transactions of mean value ``z``; a density, so it may be positive.
            ///
            /// Parameters
            /// ----------
            /// data : pandas.DataFrame or polars.DataFrame, optional
            ///     A frame with columns ``frequency`` and ``monetary_value``; give it or the keyword columns, not both.
            /// frequency : int or array-like of int
            ///     Repeat transactions ``x``, whole numbers in [1, 1e7] (repeat customers only).
            /// monetary_value : float or array-like of float
            ///     The mean value ``z`` of those transactions, in money units per transaction, in (0, 1e15].
            ///
            /// Returns
            /// -------
            /// float, numpy.ndarray, pandas.Series or polars.Series
            ///     The natural log of the density per customer, in the form of the input.
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     A ``frequency`` of 0 or a bad value (``.field`` and ``.row`` name it), or columns of different
            ///     lengths.
            /// MissingColumnError
            ///     A frame without one of the columns.
            /// TypeError
            ///     Values that are not numbers, a missing column, or both a frame and columns.
            ///
            /// Examples
            /// --------
            /// >>> from ltv.purchase import GammaGammaModel
            /// >>> m = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
            /// >>> m.customer_log_likelihood(frequency=[1, 2, 10], monetary_value=[20.0, 22.35, 50.0]).round(4).tolist()
            /// [-3.5942, -3.5513, -4.8618]
            #[pyo3(signature = (data=None, *, frequency=None, monetary_value=None))]
            fn customer_log_likelihood<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, frequency: Option<&Bound<'py, PyAny>>,
                monetary_value: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let columns = read(py, data, frequency, monetary_value, None)?;
                per_customer(py, self.spend_model(), "customer_log_likelihood", &columns,
                    |m, x, z| m.log_likelihood(x, z))
            }

            /// The population mean spend per transaction, ``E[zeta] = p gamma / (q - 1)``.
            ///
            /// Returns
            /// -------
            /// float
            ///     Money units per transaction (those of the ``monetary_value`` fitted).
            ///
            /// Raises
            /// ------
            /// DivergenceError
            ///     ``q <= 1``: the mean is infinite.
            ///
            /// Examples
            /// --------
            /// >>> from ltv.purchase import GammaGammaModel
            /// >>> round(GammaGammaModel(p=6.25, q=3.74, gamma=15.44).mean_spend(), 2)
            /// 35.22
            fn mean_spend(&self) -> Result<f64, PyModelError> {
                Ok(self.spend_model().mean_spend()?)
            }

            /// The variance across customers of their mean spend per transaction,
            /// ``p^2 gamma^2 / ((q - 1)^2 (q - 2))``.
            ///
            /// Returns
            /// -------
            /// float
            ///     Squared money units.
            ///
            /// Raises
            /// ------
            /// DivergenceError
            ///     ``q <= 1``: the mean is infinite.
            /// InvalidInputError
            ///     ``1 < q <= 2``: the variance is infinite (``.field`` is ``"q"``).
            ///
            /// Examples
            /// --------
            /// >>> from ltv.purchase import GammaGammaModel
            /// >>> round(GammaGammaModel(p=6.25, q=3.74, gamma=15.44).spend_variance() ** 0.5, 2)
            /// 26.7
            fn spend_variance(&self) -> Result<f64, PyModelError> {
                Ok(self.spend_model().spend_variance()?)
            }
        }
    };
}

/// The Gamma-Gamma model of the value of customers' transactions (Fader, Hardie & Lee 2005; note 025).
///
/// Each transaction of a customer is worth ``z ~ Gamma(p, nu)`` (shape ``p``, rate ``nu``), so their mean spend is
/// ``p / nu``; across customers ``nu ~ Gamma(q, gamma)``. The spend is assumed independent of the purchase
/// process, so the model pairs with a purchase model in :func:`ltv.purchase.customer_value`. Money units are
/// those of the ``monetary_value`` data. Immutable; ``repr()`` shows the parameters, ``_repr_html_()`` a table.
///
/// References: P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "RFM and CLV: Using Iso-Value Curves for
/// Customer Base Analysis", *Journal of Marketing Research* 42(4), 415-430; P. S. Fader and B. G. S. Hardie
/// (2013), "The Gamma-Gamma Model of Monetary Value" (note 025).
///
/// Parameters
/// ----------
/// p : float
///     The shape of the Gamma distribution of a customer's transaction values, in [``SPEND_MIN_PARAMETER``,
///     ``SPEND_MAX_PARAMETER``] = [1e-8, 1e8].
/// q : float
///     The shape of the Gamma distribution of the rates ``nu`` across customers, in [1e-8, 1e8] (the mean spend
///     is finite for ``q > 1``).
/// gamma : float
///     The rate of the Gamma distribution of ``nu``, in money units, in [1e-8, 1e8].
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
/// The estimates for the 946 repeat customers of the CDNOW sample (note 025: p = 6.2496, q = 3.7442,
/// gamma = 15.4435), rounded:
///
/// >>> from ltv.purchase import GammaGammaModel
/// >>> m = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
/// >>> m
/// GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
/// >>> round(m.mean_spend(), 2), round(m.conditional_expected_spend(frequency=2, monetary_value=22.35), 2)
/// (35.22, 24.66)
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

    /// The parameter names, in `params` order (`p`, `q`, `gamma`).
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

    /// `p`, the shape of the Gamma distribution of a customer's transaction values.
    #[getter]
    fn p(&self) -> f64 {
        self.inner.p()
    }

    /// `q`, the shape of the Gamma distribution of the rates across customers.
    #[getter]
    fn q(&self) -> f64 {
        self.inner.q()
    }

    /// `gamma`, the rate of the Gamma distribution of the rates across customers (money units).
    #[getter]
    fn gamma(&self) -> f64 {
        self.inner.gamma()
    }

    /// Draws the mean spend per repeat transaction of one synthetic customer per entry of ``frequency``, seeded,
    /// from the model's story.
    ///
    /// Each customer draws ``nu ~ Gamma(q, gamma)`` and each of their transactions is worth ``Gamma(p, nu)``
    /// (Fader, Hardie & Lee 2005; note 025 section 2); 0 where the frequency is 0. The same values for the same
    /// seed on every platform and release.
    ///
    /// Parameters
    /// ----------
    /// frequency : array-like of int
    ///     Each customer's repeat transactions ``x``, whole numbers in [0, 1e7]; at most
    ///     ``MAX_SIMULATED_CUSTOMERS`` (1e8) customers.
    /// seed : int
    ///     The generator's seed, a whole number in [0, 2**64 - 1].
    ///
    /// Returns
    /// -------
    /// dict of str to numpy.ndarray
    ///     float64 arrays ``frequency`` and ``monetary_value`` (money units per transaction), ready for
    ///     ``GammaGammaFit.fit(**data)`` when every frequency is at least 1.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A ``frequency`` that is not a whole number in [0, 1e7] (``.row`` names it), too many customers, or a
    ///     negative or too large ``seed``.
    /// TypeError
    ///     A ``frequency`` that is not numbers, or a ``seed`` that is not an int.
    ///
    /// Examples
    /// --------
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

    /// Draws the value of every row of a transaction log from the model, seeded: one rate
    /// ``nu ~ Gamma(q, gamma)`` per customer and ``Gamma(p, nu)`` per transaction, the first included.
    ///
    /// Made for the logs of the purchase models' ``simulate_transactions``: add the result as the log's
    /// value column, and :func:`ltv.purchase.rfm_summary` gives the monetary value (the mean of the repeat
    /// purchases) that :class:`GammaGammaFit` fits. Each customer's rows must be together, as
    /// ``simulate_transactions`` writes them (a customer who comes back after another is an error).
    ///
    /// Parameters
    /// ----------
    /// customer : array-like of int
    ///     Each row's customer, integer codes >= 0 (numpy, pandas, polars or a sequence).
    /// seed : int, default 0
    ///     The generator's seed, a whole number in [0, 2**64 - 1].
    ///
    /// Returns
    /// -------
    /// numpy.ndarray
    ///     float64, one value (money units) per row.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A negative customer code, a customer whose rows are not together (``.row`` names the row), or a
    ///     negative or too large ``seed``.
    /// TypeError
    ///     A ``customer`` column that is not integers, or a ``seed`` that is not an int.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.purchase import BgNbdModel, GammaGammaModel
    /// >>> log = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426).simulate_transactions(age=[38.86] * 3, seed=7)
    /// >>> value = GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate_transaction_values(customer=log["customer"], seed=1)
    /// >>> log["customer"].tolist(), value.round(2).tolist()
    /// ([0, 0, 0, 0, 1, 2, 2], [15.91, 21.95, 21.43, 15.63, 70.06, 223.03, 172.75])
    #[pyo3(signature = (*, customer, seed=Arg::Default(0)), text_signature = "($self, *, customer, seed=0)")]
    fn simulate_transaction_values<'py>(
        &self,
        py: Python<'py>,
        customer: &Bound<'py, PyAny>,
        seed: Arg<u64>,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let seed = seed.whole_u64(py, "seed")?;
        let codes = CUSTOMER_CODES.import(py, "ltv.purchase._data", "customer_codes")?.call1((customer,))?;
        let codes: numpy::PyReadonlyArray1<'py, i64> = codes.extract()?;
        // (`customer_codes` returns codes >= 0.)
        let codes: Vec<u64> = codes.as_slice()?.iter().map(|&c| c.unsigned_abs()).collect();
        let model = self.inner;
        let values = py.detach(|| model.simulate_transaction_values(&codes, seed)).map_err(PyModelError)?;
        Ok(PyArray1::from_vec(py, values))
    }

    /// The model as a JSON model file (one line), which the Rust crate ``ltv-models`` reads too.
    ///
    /// Returns
    /// -------
    /// str
    ///     ``{"model": "gamma_gamma", "format_version": 1, "p": ..., "q": ..., "gamma": ...}``.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.purchase import GammaGammaModel
    /// >>> GammaGammaModel(p=6.25, q=3.74, gamma=15.44).to_json()
    /// '{"model":"gamma_gamma","format_version":1,"p":6.25,"q":3.74,"gamma":15.44}'
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
    /// GammaGammaModel
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
    /// >>> from ltv.purchase import GammaGammaModel
    /// >>> m = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
    /// >>> GammaGammaModel.from_json(m.to_json()) == m
    /// True
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self { inner: models::GammaGammaModel::from_json(&json_text(text)?).map_err(PyModelError)? })
    }

    fn __repr__(&self) -> String {
        format!("GammaGammaModel(p={:?}, q={:?}, gamma={:?})", self.inner.p(), self.inner.q(), self.inner.gamma())
    }

    /// The parameters as an HTML table (Jupyter).
    fn _repr_html_(&self) -> String {
        model_html("Gamma-Gamma model", &self.inner)
    }
});

/// A maximum-likelihood fit of the Gamma-Gamma model (:class:`GammaGammaModel`) to repeat customers' spend
/// (:meth:`fit`).
///
/// It predicts with the fitted model (the same methods as :class:`GammaGammaModel`). ``repr()`` shows the
/// estimates and the fit's figures; ``summary()`` is a table of estimates, standard errors and 95 % intervals;
/// ``_repr_html_()`` renders that table in a notebook.
///
/// Attributes
/// ----------
/// model : GammaGammaModel
///     The fitted model.
/// params : dict of str to float
///     The estimates, ``{"p": ..., "q": ..., "gamma": ...}``.
/// std_err : dict of str to float or None
///     Their standard errors (from the observed information), ``None`` where not available.
/// log_likelihood : float
///     The maximised (unpenalised) total log-likelihood.
/// n_customers, iterations : int
///     Customers fitted and the optimizer's iterations.
/// converged : bool
///     Whether the optimizer converged.
///
/// Examples
/// --------
/// 500 customers drawn from note 025's CDNOW estimates; the fit recovers them within its standard errors:
///
/// >>> from ltv.purchase import GammaGammaFit, GammaGammaModel
/// >>> data = GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate(frequency=[1 + i % 7 for i in range(500)], seed=1)
/// >>> fit = GammaGammaFit.fit(**data)
/// >>> {k: round(v, 2) for k, v in fit.params.items()}, fit.n_customers, fit.converged
/// ({'p': 6.14, 'q': 3.66, 'gamma': 15.99}, 500, True)
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
    /// Fits the Gamma-Gamma model to repeat customers' spend by maximum likelihood (note 025 eq. 3 summed over
    /// customers).
    ///
    /// Fit on repeat customers only (``frequency >= 1``: drop the others first); the standard errors come from the
    /// Hessian at the optimum.
    ///
    /// Parameters
    /// ----------
    /// data : pandas.DataFrame or polars.DataFrame, optional
    ///     A frame with columns ``frequency``, ``monetary_value`` and optionally ``weight``; give it or the keyword
    ///     columns, not both.
    /// frequency : array-like of int
    ///     Repeat transactions ``x``, whole numbers in [1, 1e7].
    /// monetary_value : array-like of float
    ///     Their mean value ``z`` in money units per transaction, in (0, 1e15].
    /// weight : array-like of float, optional
    ///     Customers sharing each row (finite, >= 0, at least one > 0); default 1 per row.
    /// penalty : float
    ///     The L2 penalty ``c >= 0`` (lifetimes' ``penalizer_coef``): the fit maximises
    ///     ``LL / N - c (p**2 + q**2 + gamma**2)``; 0 (the default) is plain maximum likelihood.
    /// start : sequence of float, optional
    ///     Starting values ``[p, q, gamma]``, each in [1e-8, 1e8]; by default ``p = 1``, ``q = 2`` and ``gamma`` the
    ///     mean spend.
    /// q_at_least_one : bool
    ///     Maximise over ``q >= 1`` only (a finite population mean spend; lifetimes' ``q_constraint``).
    ///
    /// Returns
    /// -------
    /// GammaGammaFit
    ///     ``.params``, ``.std_err``, ``.log_likelihood``, ``.converged``; ``summary()`` tabulates them.
    ///
    /// Raises
    /// ------
    /// InvalidInputError
    ///     A bad ``frequency``, ``monetary_value`` or weight (``.field`` and ``.row`` name it), columns of
    ///     different lengths, or an option out of range.
    /// MissingColumnError
    ///     A frame without one of the columns.
    /// UndefinedError
    ///     The likelihood has no finite maximum (e.g. every customer spends the same).
    /// TypeError
    ///     Values that are not numbers, a ``start`` that is not three numbers, a ``q_at_least_one`` that is not a
    ///     bool, a missing column, or both a frame and columns.
    ///
    /// Examples
    /// --------
    /// >>> from ltv.purchase import GammaGammaFit, GammaGammaModel
    /// >>> data = GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate(frequency=[1 + i % 7 for i in range(500)], seed=1)
    /// >>> fit = GammaGammaFit.fit(frequency=data["frequency"], monetary_value=data["monetary_value"])
    /// >>> round(fit.params["q"], 2), round(fit.std_err["q"], 2), round(fit.mean_spend(), 2)
    /// (3.66, 0.36, 36.92)
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

    /// The estimates as a table: one row per parameter (``p``, ``q``, ``gamma``).
    ///
    /// Returns
    /// -------
    /// pandas.DataFrame
    ///     Index ``parameter``; columns ``estimate``, ``std_err``, ``lower_95`` and ``upper_95`` (estimate -/+
    ///     1.959964 standard errors; NaN where there is no standard error). Needs pandas (``ltv[pandas]``).
    ///
    /// Examples
    /// --------
    /// >>> from ltv.purchase import GammaGammaFit, GammaGammaModel
    /// >>> data = GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate(frequency=[1 + i % 7 for i in range(500)], seed=1)
    /// >>> table = GammaGammaFit.fit(**data).summary()
    /// >>> list(table.index), list(table.columns)
    /// (['p', 'q', 'gamma'], ['estimate', 'std_err', 'lower_95', 'upper_95'])
    /// >>> table.loc["q"].round(3).tolist()
    /// [3.659, 0.356, 2.961, 4.358]
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
    /// >>> from ltv.purchase import GammaGammaFit, GammaGammaModel
    /// >>> data = GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate(frequency=[1 + i % 7 for i in range(500)], seed=1)
    /// >>> GammaGammaFit.fit(**data).to_json().startswith('{"model":"gamma_gamma"')
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
    /// GammaGammaFit
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
    /// >>> from ltv.purchase import GammaGammaFit, GammaGammaModel
    /// >>> data = GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate(frequency=[1 + i % 7 for i in range(500)], seed=1)
    /// >>> fit = GammaGammaFit.fit(**data)
    /// >>> GammaGammaFit.from_json(fit.to_json()) == fit
    /// True
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self { inner: models::GammaGammaFit::from_json(&json_text(text)?).map_err(PyModelError)? })
    }

    /// The estimates (with standard errors and 95 % intervals) and the fit's figures as an HTML table (Jupyter).
    fn _repr_html_(&self) -> String {
        fit_html("Gamma-Gamma fit", &self.inner)
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
    // Full-length columns are read in place; a broadcast one is expanded.
    let full = crate::purchase::full_column;
    let (f, r, a) = (full(f, n), full(r, n), full(a, n));
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

/// Registers the spend classes, the customer value and their constants.
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
