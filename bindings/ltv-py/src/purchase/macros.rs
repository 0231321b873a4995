//! The macros of the continuous-time purchase classes (`BgNbdModel` / `BgNbdFit`, `MbgNbdModel` /
//! `MbgNbdFit`, `ParetoNbdModel` / `ParetoNbdFit`, one `purchase_classes!` invocation each in
//! `purchase/bg_nbd.rs`, `purchase/mbg_nbd.rs` and `purchase/pareto_nbd.rs`).
//!
//! The methods are shared (`purchase_predictions!`); their numpydoc docstrings are written once here, with
//! each model's name, parameters, paper and example outputs passed into the macros, so that `help()` on any
//! method names its own model. The docstrings are mirrored in `python/ltv/_ltv.pyi`
//! (`tests/python/test_discoverable.py` compares them).

/// The numpydoc lines of the history columns of a prediction (`data`, `frequency`, `recency`, `age`).
macro_rules! history_params_doc {
    () => {
        "data : pandas.DataFrame or polars.DataFrame, optional
    One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
    or the three keyword columns, not both.
frequency : float or array-like, optional
    Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
recency : float or array-like, optional
    Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
    (``0 <= recency <= age``; 0 when ``frequency`` is 0).
age : float or array-like, optional
    Time from the first purchase to the end of observation, ``T``, in the data's time unit."
    };
}

/// The numpydoc `Returns` lines of a prediction.
macro_rules! prediction_returns_doc {
    ($name:literal) => {
        concat!(
            "float, numpy.ndarray, pandas.Series or polars.Series
    One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
    for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
    ``\"",
            $name,
            "\"``."
        )
    };
}

/// The numpydoc `Raises` lines of a prediction from the history columns.
macro_rules! history_raises_doc {
    () => {
        "InvalidInputError
    A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
    ``recency`` above ``age``, ...), or columns of different lengths.
MissingColumnError
    A frame without a ``frequency``, ``recency`` or ``age`` column.
TypeError
    Both a frame and keyword columns, a missing column, or a value that is not a number."
    };
}

/// The prediction methods shared by a purchase model class and its fit class (`self.purchase_model()`), with
/// their docstrings: `$label` names the model, `$setup` is the doctest line(s) that bind `$v`, and `refs` and
/// `out` are the model's references and the example outputs of each method.
macro_rules! purchase_predictions {
    (
        $ty:ident, $label:literal, $setup:literal, $v:literal,
        refs { ll: $r_ll:literal, alive: $r_alive:literal, cond: $r_cond:literal, cond_prob: $r_cond_prob:literal,
               alive_at: $r_alive_at:literal, dert: $r_dert:literal, dert_rate: $r_dert_rate:literal,
               expected: $r_expected:literal, prob: $r_prob:literal }
        out { ll: $o_ll:literal, alive: $o_alive:literal, cond: $o_cond:literal, cond_prob: $o_cond_prob:literal,
              alive_at: $o_alive_at:literal, no_purchase: $o_no_purchase:literal, dert: $o_dert:literal,
              expected: $o_expected:literal, prob: $o_prob:literal }
        { $($extra:tt)* }
    ) => {
        #[pymethods]
        impl $ty {
            $($extra)*

            /// Each customer's log-likelihood: the log of the density of their history ``(x, t_x, T)``.
            ///
            #[doc = $r_ll]
            /// A density in the purchase times, so it may be positive; summed (weighted) over customers it is what
            /// a fit maximises.
            ///
            /// Parameters
            /// ----------
            #[doc = history_params_doc!()]
            ///
            /// Returns
            /// -------
            #[doc = prediction_returns_doc!("customer_log_likelihood")]
            ///
            /// Raises
            /// ------
            #[doc = history_raises_doc!()]
            ///
            /// Examples
            /// --------
            #[doc = $setup]
            #[doc = concat!(">>> round(", $v, ".customer_log_likelihood(frequency=2, recency=30.43, age=38.86), 6)")]
            #[doc = $o_ll]
            #[pyo3(signature = (data=None, *, frequency=None, recency=None, age=None))]
            fn customer_log_likelihood<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, frequency: Option<&Bound<'py, PyAny>>,
                recency: Option<&Bound<'py, PyAny>>, age: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.purchase_model(), "customer_log_likelihood", data, frequency, recency, age, &[],
                    |m, _, x, tx, t| m.log_likelihood(x, tx, t))
            }

            /// ``P(alive | x, t_x, T)``: the probability that each customer is still active at the end of
            /// observation.
            ///
            #[doc = $r_alive]
            ///
            /// Parameters
            /// ----------
            #[doc = history_params_doc!()]
            ///
            /// Returns
            /// -------
            #[doc = prediction_returns_doc!("probability_alive")]
            ///
            /// Raises
            /// ------
            #[doc = history_raises_doc!()]
            ///
            /// Examples
            /// --------
            #[doc = $setup]
            #[doc = concat!(">>> ", $v, ".probability_alive(frequency=[0, 2, 2], recency=[0, 30.43, 5.0], age=38.86).round(3).tolist()")]
            #[doc = $o_alive]
            #[pyo3(signature = (data=None, *, frequency=None, recency=None, age=None))]
            fn probability_alive<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, frequency: Option<&Bound<'py, PyAny>>,
                recency: Option<&Bound<'py, PyAny>>, age: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.purchase_model(), "probability_alive", data, frequency, recency, age, &[],
                    |m, _, x, tx, t| m.probability_alive(x, tx, t))
            }

            /// ``E[Y(t) | x, t_x, T]``: each customer's expected number of purchases in the next ``t`` (from the
            /// end of observation).
            ///
            #[doc = $r_cond]
            ///
            /// Parameters
            /// ----------
            #[doc = history_params_doc!()]
            /// t : float or array-like
            ///     The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).
            ///
            /// Returns
            /// -------
            #[doc = prediction_returns_doc!("conditional_expected_purchases")]
            ///
            /// Raises
            /// ------
            #[doc = history_raises_doc!()]
            ///
            /// Examples
            /// --------
            #[doc = $setup]
            #[doc = concat!(">>> round(", $v, ".conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)")]
            #[doc = $o_cond]
            #[pyo3(signature = (data=None, *, t, frequency=None, recency=None, age=None))]
            fn conditional_expected_purchases<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, t: &Bound<'py, PyAny>,
                frequency: Option<&Bound<'py, PyAny>>, recency: Option<&Bound<'py, PyAny>>,
                age: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.purchase_model(), "conditional_expected_purchases", data, frequency, recency, age,
                    &[("t", t)], |m, e, x, tx, a| m.conditional_expected_purchases(e[0], x, tx, a))
            }

            /// ``E[Y(t) | alive now, x, T]``: each customer's expected number of purchases in the next ``t`` if
            /// they are alive at the end of observation.
            ///
            /// In this model the posterior of a live customer's purchase and dropout rates depends on the
            /// frequency and the age only, so ``conditional_expected_purchases`` is ``probability_alive`` times
            /// this (the example checks it), and customers who share ``(x, T)`` share it: ``customer_value``
            /// computes it once per distinct ``(x, T)``.
            ///
            /// Parameters
            /// ----------
            /// data : pandas or polars DataFrame, optional
            ///     A frame with ``frequency`` and ``age`` columns (``T`` for ``age``; other columns are ignored),
            ///     instead of the keyword columns.
            /// t : float or array-like
            ///     The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).
            /// frequency : float or array-like
            ///     Repeat purchases ``x``, whole numbers in [0, 1e7].
            /// age : float or array-like
            ///     Time from the first purchase to the end of observation ``T`` (``0 < age <= 1e9``).
            ///
            /// Returns
            /// -------
            #[doc = prediction_returns_doc!("expected_purchases_if_alive")]
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     A frequency, age or ``t`` out of range (``.row`` names the row), or columns of different
            ///     lengths.
            /// TypeError
            ///     A column that is not numbers, or a frame without a ``frequency`` or ``age`` column.
            ///
            /// Examples
            /// --------
            #[doc = $setup]
            #[doc = concat!(">>> live = ", $v, ".expected_purchases_if_alive(t=39, frequency=[2, 2], age=38.86)")]
            #[doc = concat!(">>> alive = ", $v, ".probability_alive(frequency=[2, 2], recency=[30.43, 5.0], age=38.86)")]
            #[doc = concat!(">>> expected = ", $v, ".conditional_expected_purchases(t=39, frequency=[2, 2], recency=[30.43, 5.0], age=38.86)")]
            /// >>> bool(abs(alive * live - expected).max() < 1e-12)
            /// True
            #[pyo3(signature = (data=None, *, t, frequency=None, age=None))]
            fn expected_purchases_if_alive<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, t: &Bound<'py, PyAny>,
                frequency: Option<&Bound<'py, PyAny>>, age: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                crate::purchase::predict_if_alive(py, self.purchase_model(), data, t, frequency, age)
            }

            /// ``P(Y(t) = n | x, t_x, T)``: the probability that each customer makes exactly ``n`` purchases in
            /// the next ``t``.
            ///
            #[doc = $r_cond_prob]
            ///
            /// Parameters
            /// ----------
            #[doc = history_params_doc!()]
            /// n : int or array-like
            ///     The number of purchases, a whole number in ``0..=MAX_PURCHASE_COUNT`` (1,000,000).
            /// t : float or array-like
            ///     The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).
            ///
            /// Returns
            /// -------
            #[doc = prediction_returns_doc!("conditional_probability_of_purchases")]
            ///
            /// Raises
            /// ------
            #[doc = history_raises_doc!()]
            ///
            /// Examples
            /// --------
            #[doc = $setup]
            #[doc = concat!(">>> ", $v, ".conditional_probability_of_purchases(n=[0, 1, 2], t=39, frequency=2, recency=30.43, age=38.86).round(4).tolist()")]
            #[doc = $o_cond_prob]
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

            /// ``P(alive at T + t | x, t_x, T)``: the probability that each customer is still active ``t``
            /// after the end of observation (``t = 0``: :meth:`probability_alive`).
            ///
            #[doc = $r_alive_at]
            ///
            /// Parameters
            /// ----------
            #[doc = history_params_doc!()]
            /// t : float or array-like
            ///     The time after the end of observation, in the data's time unit (``0 <= t <= 1e9``).
            ///
            /// Returns
            /// -------
            #[doc = prediction_returns_doc!("probability_alive_at")]
            ///
            /// Raises
            /// ------
            #[doc = history_raises_doc!()]
            ///
            /// Examples
            /// --------
            #[doc = $setup]
            #[doc = concat!(">>> round(", $v, ".probability_alive_at(t=39, frequency=2, recency=30.43, age=38.86), 4)")]
            #[doc = $o_alive_at]
            #[pyo3(signature = (data=None, *, t, frequency=None, recency=None, age=None))]
            fn probability_alive_at<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, t: &Bound<'py, PyAny>,
                frequency: Option<&Bound<'py, PyAny>>, recency: Option<&Bound<'py, PyAny>>,
                age: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.purchase_model(), "probability_alive_at", data, frequency, recency, age,
                    &[("t", t)], |m, e, x, tx, a| m.probability_alive_at(e[0], x, tx, a))
            }

            /// ``P(Y(t) = 0 | x, t_x, T)``: the probability that each customer makes no purchase in the next
            /// ``t`` (gone, or still active and not buying).
            ///
            #[doc = concat!("The ", $label, "'s :meth:`conditional_probability_of_purchases` at ``n = 0``.")]
            ///
            /// Parameters
            /// ----------
            #[doc = history_params_doc!()]
            /// t : float or array-like
            ///     The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).
            ///
            /// Returns
            /// -------
            #[doc = prediction_returns_doc!("probability_of_no_purchase")]
            ///
            /// Raises
            /// ------
            #[doc = history_raises_doc!()]
            ///
            /// Examples
            /// --------
            #[doc = $setup]
            #[doc = concat!(">>> round(", $v, ".probability_of_no_purchase(t=39, frequency=2, recency=30.43, age=38.86), 4)")]
            #[doc = $o_no_purchase]
            #[pyo3(signature = (data=None, *, t, frequency=None, recency=None, age=None))]
            fn probability_of_no_purchase<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, t: &Bound<'py, PyAny>,
                frequency: Option<&Bound<'py, PyAny>>, recency: Option<&Bound<'py, PyAny>>,
                age: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                predict(py, self.purchase_model(), "probability_of_no_purchase", data, frequency, recency, age,
                    &[("t", t)], |m, e, x, tx, a| m.probability_of_no_purchase(e[0], x, tx, a))
            }

            /// Discounted expected residual transactions (DERT): each customer's future purchases, continuously
            /// discounted, ``E[integral from T to infinity of exp(-delta (t - T)) dY(t) | x, t_x, T]``.
            ///
            /// Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
            /// *Journal of Marketing Research* 42(4), 415-430, eq. (1).
            #[doc = $r_dert]
            /// Multiplied by the margin on a purchase it is the customer's residual value.
            ///
            /// Parameters
            /// ----------
            #[doc = history_params_doc!()]
            /// discount_rate : float or array-like
            ///     ``delta``, the continuous discount rate per time unit of the data (e.g. ``log(1.15) / 52`` a
            #[doc = concat!("    week for 15 % a year), in ", $r_dert_rate, ".")]
            ///
            /// Returns
            /// -------
            #[doc = prediction_returns_doc!("discounted_expected_residual_transactions")]
            ///
            /// Raises
            /// ------
            #[doc = history_raises_doc!()]
            /// DivergenceError
            ///     The value cannot be computed to full precision for this rate and history.
            ///
            /// Examples
            /// --------
            #[doc = $setup]
            #[doc = concat!(">>> round(", $v, ".discounted_expected_residual_transactions(discount_rate=0.01, frequency=2, recency=30.43, age=38.86), 4)")]
            #[doc = $o_dert]
            #[pyo3(signature = (data=None, *, discount_rate, frequency=None, recency=None, age=None))]
            fn discounted_expected_residual_transactions<'py>(
                &self, py: Python<'py>, data: Option<&Bound<'py, PyAny>>, discount_rate: &Bound<'py, PyAny>,
                frequency: Option<&Bound<'py, PyAny>>, recency: Option<&Bound<'py, PyAny>>,
                age: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                crate::purchase::predict_dert(py, self.purchase_model(), data, discount_rate, frequency, recency, age,
                    |m, d, x, tx, a| m.discounted_expected_residual_transactions(d, x, tx, a),
                    |m, d, f, r, a| m.discounted_expected_residual_transactions_columns(d, f, r, a))
            }

            /// ``E[X(t)]``: the expected number of repeat purchases of a new customer in ``(0, t]`` after their
            /// first purchase.
            ///
            #[doc = $r_expected]
            ///
            /// Parameters
            /// ----------
            /// t : float or array-like
            ///     The time since the first purchase, in the data's time unit (``0 <= t <= 1e9``).
            ///
            /// Returns
            /// -------
            #[doc = prediction_returns_doc!("expected_purchases")]
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     A ``t`` that is negative, not finite or above 1e9 (``.row`` names it).
            /// TypeError
            ///     A ``t`` that is not a number.
            ///
            /// Examples
            /// --------
            #[doc = $setup]
            #[doc = concat!(">>> ", $v, ".expected_purchases(t=[13, 26, 39]).round(4).tolist()")]
            #[doc = $o_expected]
            #[pyo3(signature = (*, t))]
            fn expected_purchases<'py>(&self, py: Python<'py>, t: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                predict_new(py, self.purchase_model(), "expected_purchases", &[("t", t)],
                    |m, e| m.expected_purchases(e[0]))
            }

            /// ``P(X(t) = n)``: the probability that a new customer makes exactly ``n`` repeat purchases in
            /// ``(0, t]`` after their first purchase.
            ///
            #[doc = $r_prob]
            ///
            /// Parameters
            /// ----------
            /// n : int or array-like
            ///     The number of repeat purchases, a whole number in ``0..=MAX_PURCHASE_COUNT`` (1,000,000).
            /// t : float or array-like
            ///     The time since the first purchase, in the data's time unit (``0 <= t <= 1e9``).
            ///
            /// Returns
            /// -------
            #[doc = prediction_returns_doc!("probability_of_purchases")]
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     A fractional, negative or too large ``n``, a ``t`` out of range, or columns of different
            ///     lengths.
            /// TypeError
            ///     A value that is not a number.
            ///
            /// Examples
            /// --------
            #[doc = $setup]
            #[doc = concat!(">>> ", $v, ".probability_of_purchases(n=[0, 1, 2], t=39).round(4).tolist()")]
            #[doc = $o_prob]
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

/// A purchase model class and its fit class, for a 4-parameter continuous-time model: the class docstrings
/// (`model_doc`, `fit_doc`), each parameter's getter docstring, and what `purchase_predictions!` needs for
/// the docstrings of the methods of each class (`model_out`, `fit_out`: the example outputs).
macro_rules! purchase_classes {
    (
        $model:ident, $fit:ident, $rust_model:ty, $rust_fit:ty, $model_name:literal, $fit_name:literal,
        label: $label:literal, tag: $tag:literal,
        params: [$p0:ident: $d0:literal, $p1:ident: $d1:literal, $p2:ident: $d2:literal, $p3:ident: $d3:literal],
        model_doc { $(#[$mdoc:meta])* }
        fit_doc { $(#[$fdoc:meta])* }
        model_setup: $model_setup:literal, model_json: $model_json:literal, simulate: $o_simulate:literal,
        simulate_transactions: $o_simulate_transactions:literal, simulate_dates: $o_simulate_dates:literal,
        fit_setup: $fit_setup:literal, fit_params: $o_fit_params:literal, fit_estimate: $o_fit_estimate:literal,
        refs $refs:tt
        model_out $model_out:tt
        fit_out $fit_out:tt
    ) => {
        $(#[$mdoc])*
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

        purchase_predictions!($model, $label, $model_setup, "m", refs $refs out $model_out {
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

            #[doc = concat!("The ``\"model\"`` tag of its model file (``\"", $tag, "\"``).")]
            #[classattr]
            const TAG: &'static str = <$rust_model as Model>::TAG;

            /// The ``"format_version"`` of its model file.
            #[classattr]
            const FORMAT_VERSION: u32 = <$rust_model as Model>::FORMAT_VERSION;

            #[doc = concat!("The parameter names, in model-file order (``", stringify!($p0), "``, ``", stringify!($p1), "``, ``", stringify!($p2), "``, ``", stringify!($p3), "``).")]
            #[classattr]
            #[allow(non_snake_case)]
            fn PARAMS(py: Python<'_>) -> PyResult<Py<PyTuple>> {
                params_tuple::<$rust_model>(py)
            }

            /// The parameters, ``{name: value}`` in ``PARAMS`` order.
            #[getter]
            fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                param_dict::<$rust_model>(py, &self.inner.params())
            }

            #[doc = $d0]
            #[getter]
            fn $p0(&self) -> f64 { self.inner.$p0() }
            #[doc = $d1]
            #[getter]
            fn $p1(&self) -> f64 { self.inner.$p1() }
            #[doc = $d2]
            #[getter]
            fn $p2(&self) -> f64 { self.inner.$p2() }
            #[doc = $d3]
            #[getter]
            fn $p3(&self) -> f64 { self.inner.$p3() }

            /// Draws synthetic customers from the model (seeded): one purchase history per entry of ``age``.
            ///
            #[doc = concat!("Each customer's purchase rate, dropout and purchase times are drawn as the ", $label, " describes")]
            #[doc = concat!("them; the result can be fitted directly (``", $fit_name, ".fit(**data)``), e.g. to check that a fit")]
            /// recovers the parameters it was drawn from. The same ``seed`` gives the same customers.
            ///
            /// Parameters
            /// ----------
            /// age : float or array-like
            ///     Each customer's observation time since their first purchase, in the model's time unit
            ///     (``0 <= age <= 1e9``; at most ``MAX_SIMULATED_CUSTOMERS`` customers).
            /// seed : int, default 0
            ///     The seed of the random number generator, in ``0..=2**64 - 1``.
            ///
            /// Returns
            /// -------
            /// dict of str to numpy.ndarray
            ///     ``{"frequency": ..., "recency": ..., "age": ...}``, float64 arrays of one entry per customer.
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     An ``age`` out of range, a negative or too large ``seed``, too many customers, or more than
            ///     ``MAX_SIMULATED_PURCHASES`` purchases in all.
            /// TypeError
            ///     An ``age`` that is not a number, or a ``seed`` that is not an int.
            ///
            /// Examples
            /// --------
            #[doc = $model_setup]
            /// >>> data = m.simulate(age=[38.86] * 3, seed=7)
            /// >>> data["frequency"].tolist(), data["recency"].round(2).tolist(), data["age"].tolist()
            #[doc = $o_simulate]
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

            /// Draws the customers of :meth:`simulate` (same ``age``, same ``seed``) as a transaction log: one row
            /// per purchase, the first purchase of each customer included, at time 0.
            ///
            /// Summarising the log gives :meth:`simulate`'s histories: frequency = rows - 1, recency = the last
            /// ``time``. Times are in the model's time unit since the customer's first purchase; a customer of age
            /// ``T`` observed up to a calendar end ``E`` made the first purchase at ``E - T``, so a row's calendar
            /// time is ``E - T + time`` (the example turns the log into dates for :func:`ltv.purchase.rfm_summary`).
            /// Add spend with :meth:`GammaGammaModel.simulate_transaction_values`.
            ///
            /// Parameters
            /// ----------
            /// age : float or array-like
            ///     Each customer's observation time since their first purchase, in the model's time unit
            ///     (``0 < age <= 1e9``; at most ``MAX_SIMULATED_CUSTOMERS`` customers).
            /// seed : int, default 0
            ///     The seed of the random number generator, in ``0..=2**64 - 1``.
            ///
            /// Returns
            /// -------
            /// dict of str to numpy.ndarray
            ///     ``{"customer": ..., "time": ...}``: the customer's position in ``age`` (int64) and the time
            ///     since their first purchase (float64), one entry per purchase, customers in order.
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     An ``age`` out of range (``.row`` names it), a negative or too large ``seed``, too many
            ///     customers, or more than ``MAX_SIMULATED_PURCHASES`` purchases in all.
            /// TypeError
            ///     An ``age`` that is not a number, or a ``seed`` that is not an int.
            ///
            /// Examples
            /// --------
            #[doc = $model_setup]
            /// >>> log = m.simulate_transactions(age=[38.86] * 3, seed=7)
            /// >>> log["customer"].tolist(), log["time"].round(2).tolist()
            #[doc = $o_simulate_transactions]
            /// >>> import pandas as pd
            /// >>> days = pd.to_timedelta((38.86 - log["time"]) * 7, unit="D").round("D")
            /// >>> frame = pd.DataFrame({"customer": log["customer"], "date": pd.Timestamp("2025-12-31") - days})
            /// >>> from ltv.purchase import rfm_summary
            /// >>> s = rfm_summary(frame, customer="customer", unit="week", fractional=True, observation_end="2025-12-31")
            /// >>> s["frequency"].tolist(), s["recency"].round(1).tolist()
            #[doc = $o_simulate_dates]
            #[pyo3(signature = (*, age, seed=Arg::Default(0)), text_signature = "($self, *, age, seed=0)")]
            fn simulate_transactions<'py>(&self, py: Python<'py>, age: &Bound<'py, PyAny>, seed: Arg<u64>) -> PyResult<Bound<'py, PyDict>> {
                let seed = seed.whole_u64(py, "seed")?;
                let columns = Columns::read(py, None, None, None, None, None, &[("age", age)], false)?;
                let ages = columns.get("age")?.to_vec();
                let model = self.inner;
                let log = py.detach(|| model.simulate_transactions(&ages, seed)).map_err(PyModelError)?;
                crate::purchase::transactions_dict(py, log)
            }

            /// The model as a JSON model file (one line): its tag, format version and parameters, which the
            /// Rust crate ``ltv-models`` reads too.
            ///
            /// Returns
            /// -------
            /// str
            ///     One line of JSON.
            ///
            /// Examples
            /// --------
            #[doc = $model_setup]
            /// >>> m.to_json()
            #[doc = $model_json]
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
            #[doc = $model_name]
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     Another model or format version, a missing or unknown key, or a parameter out of range.
            /// TypeError
            ///     A ``text`` that is not a str.
            ///
            /// Examples
            /// --------
            #[doc = $model_setup]
            #[doc = concat!(">>> ", $model_name, ".from_json(m.to_json()) == m")]
            /// True
            #[staticmethod]
            fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
                Ok(Self { inner: <$rust_model>::from_json(&json_text(text)?).map_err(PyModelError)? })
            }

            fn __repr__(&self) -> String {
                let p = self.inner.params();
                format!(concat!($model_name, "({}={:?}, {}={:?}, {}={:?}, {}={:?})"),
                    stringify!($p0), p[0], stringify!($p1), p[1], stringify!($p2), p[2], stringify!($p3), p[3])
            }

            /// The parameters as an HTML table (Jupyter).
            fn _repr_html_(&self) -> String {
                model_html(concat!($label, " model"), <$rust_model as Model>::PARAMS, &self.inner.params())
            }
        });

        $(#[$fdoc])*
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

        purchase_predictions!($fit, $label, $fit_setup, "fit", refs $refs out $fit_out {
            #[doc = concat!("Fits the ", $label, " by maximum likelihood to customers' purchase histories.")]
            ///
            /// Maximises the summed (weighted) log-likelihood of the histories (``customer_log_likelihood``)
            /// by Newton's method from a moment-based start (Nelder-Mead steps when Newton stalls); the
            /// standard errors come from the observed information at the maximum.
            ///
            /// Parameters
            /// ----------
            /// data : pandas.DataFrame or polars.DataFrame, optional
            ///     One row per customer (or per group of customers sharing a history) with columns
            ///     ``frequency``, ``recency`` and ``age`` (or ``T``), and optionally ``weight``; give either a
            ///     frame or the keyword columns, not both.
            /// frequency : array-like, optional
            ///     Repeat purchases ``x`` per row (whole numbers >= 0).
            /// recency : array-like, optional
            ///     Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            ///     (``0 <= recency <= age``; 0 when ``frequency`` is 0).
            /// age : array-like, optional
            ///     Time from the first purchase to the end of observation, ``T``, in the data's time unit (the
            ///     unit of ``alpha`` and of every later prediction).
            /// weight : array-like, optional
            ///     Customers per row (finite, >= 0, at least one positive); one each when omitted.
            /// penalty : float, default 0.0
            ///     An L2 penalty ``c >= 0`` on the parameters (as lifetimes' ``penalizer_coef``): the fit
            ///     maximises ``LL / N - c * sum(theta ** 2)``; 0 is plain maximum likelihood.
            /// start : sequence of float, optional
            ///     Starting values of the parameters in ``PARAMS`` order, each in (0, 1e8]; a moment-based
            ///     guess when omitted.
            /// max_iterations : int, default 200
            ///     The most Newton steps (and Nelder-Mead steps when Newton stalls), in ``1..=MAX_FIT_ITERATIONS``
            ///     (10,000).
            ///
            /// Returns
            /// -------
            #[doc = $fit_name]
            ///     The estimates (``params``, ``std_err``, ``summary()``), the fit's figures (``log_likelihood``,
            ///     ``n_customers``, ``iterations``, ``converged``) and every prediction of the fitted model.
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     A bad history (``.field`` and ``.row`` name it), columns of different lengths, no positive
            ///     weight, or an option out of range.
            /// MissingColumnError
            ///     A frame without a ``frequency``, ``recency`` or ``age`` column.
            /// UndefinedError
            ///     The likelihood has no finite maximum in [1e-8, 1e8] (too few or too degenerate data).
            /// TypeError
            ///     Both a frame and keyword columns, a missing column, or a value that is not a number.
            ///
            /// Examples
            /// --------
            #[doc = $fit_setup]
            /// >>> fit.converged, fit.n_customers
            /// (True, 1250)
            /// >>> {k: round(v, 3) for k, v in fit.params.items()}
            #[doc = $o_fit_params]
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

            /// The fitted parameters, ``{name: value}`` in ``PARAMS`` order.
            #[getter]
            fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                param_dict::<$rust_model>(py, &self.inner.model.params())
            }

            /// The standard errors, ``{name: value or None}`` (``None`` where the information gives none).
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

            #[doc = concat!("The estimates as a table: one row per parameter (``", stringify!($p0), "``, ``", stringify!($p1), "``, ``", stringify!($p2), "``, ``", stringify!($p3), "``).")]
            ///
            /// Returns
            /// -------
            /// pandas.DataFrame
            ///     Index ``parameter``; columns ``estimate``, ``std_err``, ``lower_95`` and ``upper_95`` (estimate -/+
            ///     1.959964 standard errors; NaN where there is no standard error). Needs pandas (``ltv[pandas]``).
            ///
            /// Examples
            /// --------
            #[doc = $fit_setup]
            /// >>> table = fit.summary()
            /// >>> list(table.columns)
            /// ['estimate', 'std_err', 'lower_95', 'upper_95']
            #[doc = concat!(">>> round(float(table.loc[\"", stringify!($p0), "\", \"estimate\"]), 3)")]
            #[doc = $o_fit_estimate]
            fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                summary(py, &self.inner)
            }

            /// The fit as a JSON model file (one line): the model and a ``"fit"`` object (log-likelihood,
            /// standard errors, counts), which the Rust crate ``ltv-models`` reads too.
            ///
            /// Returns
            /// -------
            /// str
            ///     One line of JSON.
            ///
            /// Examples
            /// --------
            #[doc = $fit_setup]
            #[doc = concat!(">>> fit.to_json().startswith('{\"model\":\"", $tag, "\"')")]
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
            #[doc = $fit_name]
            ///
            /// Raises
            /// ------
            /// InvalidInputError
            ///     Another model or format version, no ``"fit"`` object, a missing or unknown key.
            /// TypeError
            ///     A ``text`` that is not a str.
            ///
            /// Examples
            /// --------
            #[doc = $fit_setup]
            #[doc = concat!(">>> ", $fit_name, ".from_json(fit.to_json()) == fit")]
            /// True
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

            /// The estimates (with standard errors and 95 % intervals) and the fit's figures as an HTML table
            /// (Jupyter).
            fn _repr_html_(&self) -> String {
                fit_html(concat!($label, " fit"), <$rust_model as Model>::PARAMS, &self.inner)
            }
        });
    };
}
