//! `BgNbdModel` / `BgNbdFit`: the BG/NBD model of Fader, Hardie & Lee (2005) in Python, with its docstrings.

// numpydoc: a `>>>` line (a Markdown quote to rustdoc) is followed by its output line.
#![allow(clippy::doc_lazy_continuation)]

use ltv_models as models;
use ltv_models::{Model, PurchaseModel};
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use super::{
    Arg, Columns, count, fit_html, fit_options, histories, model_html, param_dict, params_tuple, predict, predict_new,
    real, std_err_dict, summary,
};
use crate::errors::PyModelError;
use crate::sbg::json_text;

purchase_classes!(
    BgNbdModel, BgNbdFit, models::BgNbdModel, models::BgNbdFit, "BgNbdModel", "BgNbdFit",
    label: "BG/NBD", tag: "bg_nbd",
    params: [
        r: "The shape ``r`` of the Gamma distribution of purchase rates across customers.",
        alpha: "The rate ``alpha`` of the Gamma distribution of purchase rates, in the data's time unit.",
        a: "The ``a`` of the Beta distribution of dropout probabilities.",
        b: "The ``b`` of the Beta distribution of dropout probabilities."
    ],
    model_doc {
        /// The BG/NBD purchase model of Fader, Hardie & Lee (2005): who is still buying, and how much.
        ///
        /// While alive, a customer buys as a Poisson process of rate ``lambda``; after each repeat purchase they
        /// drop out (for good, unobserved) with probability ``p``. Across customers ``lambda ~ Gamma(r, alpha)``
        /// (shape ``r``, rate ``alpha``, so ``alpha`` is in the data's time unit) and ``p ~ Beta(a, b)``. A
        /// customer's history is ``frequency`` (repeat purchases ``x``), ``recency`` (the time of the last one
        /// since the first purchase, ``t_x``) and ``age`` (the time from the first purchase to the end of
        /// observation, ``T``), all in the time unit the parameters were fitted in.
        ///
        /// Formulas: P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "'Counting Your Customers' the Easy Way:
        /// An Alternative to the Pareto/NBD Model", *Marketing Science* 24(2), 275-284: the likelihood eq. (6)
        /// (in the log-sum-exp form of Hardie's note 027), ``P(X(t) = x)`` eq. (8), ``E[X(t)]`` eq. (9),
        /// ``P(alive)`` (appendix), the conditional expectation eq. (10); the DERT of Fader, Hardie & Lee (2005),
        /// "RFM and CLV", *JMR* 42(4), eq. (1), by quadrature. Each prediction takes a frame or keyword columns
        /// and returns a float, an array or a Series shaped like the input. Immutable; ``repr()`` shows the
        /// parameters, ``_repr_html_()`` a table; fit one with :meth:`BgNbdFit.fit`.
        ///
        /// Parameters
        /// ----------
        /// r : float
        ///     The shape of the Gamma distribution of purchase rates (their mean is ``r / alpha`` per time unit).
        /// alpha : float
        ///     The rate of that Gamma distribution, in the data's time unit.
        /// a, b : float
        ///     The Beta distribution of the dropout probability after each repeat purchase (mean ``a / (a + b)``).
        ///
        /// Each parameter is in [``PURCHASE_MIN_PARAMETER``, ``PURCHASE_MAX_PARAMETER``] = [1e-8, 1e8].
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
        /// FHL 2005's CDNOW estimates (weeks): their customer with ``x = 2``, ``t_x = 30.43``, ``T = 38.86``
        /// expects 1.226 purchases in the next 39 weeks (section 5).
        ///
        /// >>> from ltv.purchase import BgNbdModel
        /// >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        /// >>> m
        /// BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        /// >>> round(m.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
        /// 1.226
    }
    fit_doc {
        /// A maximum-likelihood fit of the BG/NBD model (Fader, Hardie & Lee 2005) to purchase histories.
        ///
        /// Made by :meth:`fit` (or read by :meth:`from_json`). It has every prediction of its fitted
        /// :class:`BgNbdModel` (``fit.model``) and the estimates of ``r``, ``alpha``, ``a`` and ``b`` with their
        /// standard errors: ``repr()`` shows the estimates and the fit's figures, ``summary()`` is a table of
        /// estimates, standard errors and 95 % intervals, and ``_repr_html_()`` renders both in a notebook.
        ///
        /// Attributes
        /// ----------
        /// model : BgNbdModel
        ///     The fitted model.
        /// params : dict of str to float
        ///     The estimates, ``{"r": ..., "alpha": ..., "a": ..., "b": ...}``.
        /// std_err : dict of str to float or None
        ///     Their standard errors (from the observed information), ``None`` where not available.
        /// log_likelihood : float
        ///     The maximised (unpenalised) log-likelihood.
        /// n_customers, iterations : int
        ///     The customers fitted (the sum of the weights) and the optimizer's iterations.
        /// converged : bool
        ///     Whether the optimizer converged.
        ///
        /// Examples
        /// --------
        /// >>> from ltv.purchase import BgNbdFit
        /// >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        /// ...                    weight=[600, 200, 150, 120, 80, 100])
        /// >>> fit.converged, fit.n_customers
        /// (True, 1250)
        /// >>> round(fit.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
        /// 1.204
    }
    model_setup: ">>> from ltv.purchase import BgNbdModel\n>>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)",
    model_json: "'{\"model\":\"bg_nbd\",\"format_version\":1,\"r\":0.242595,\"alpha\":4.413602,\"a\":0.792922,\"b\":2.425907}'",
    simulate: "([3.0, 0.0, 1.0], [30.93, 0.0, 8.79], [38.86, 38.86, 38.86])",
    simulate_transactions: "([0, 0, 0, 0, 1, 2, 2], [0.0, 1.62, 7.09, 30.93, 0.0, 0.0, 8.79])",
    simulate_dates: "([3.0, 0.0, 1.0], [31.0, 0.0, 8.9])",
    fit_setup: ">>> from ltv.purchase import BgNbdFit\n>>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,\n...                    weight=[600, 200, 150, 120, 80, 100])",
    fit_params: "{'r': 0.324, 'alpha': 4.317, 'a': 0.81, 'b': 2.122}",
    fit_estimate: "0.324",
    refs {
        ll: "The BG/NBD: Fader, Hardie & Lee (2005), eq. (6), in the log-sum-exp form of Hardie's note 027.",
        alive: "The BG/NBD: Fader, Hardie & Lee (2005), appendix.",
        cond: "The BG/NBD: Fader, Hardie & Lee (2005), eq. (10).",
        cond_prob: "The BG/NBD: ``P(alive)`` times eq. (8) of Fader, Hardie & Lee (2005) at the posterior parameters\n``(r + x, alpha + T, a, b + x)``, plus ``1 - P(alive)`` at ``n = 0``.",
        alive_at: "The BG/NBD: ``P(alive)`` times the posterior probability of surviving every purchase of the next ``t``\n(Fader, Hardie & Lee 2005).",
        dert: "The BG/NBD's by adaptive Gauss-Kronrod quadrature of the conditional expectation, eq. (10) of Fader,\nHardie & Lee (2005) (it has no closed form).",
        dert_rate: "[1e-6, 1e9]",
        expected: "The BG/NBD: Fader, Hardie & Lee (2005), eq. (9).",
        prob: "The BG/NBD: Fader, Hardie & Lee (2005), eq. (8)."
    }
    model_out {
        ll: "-9.459691", alive: "[1.0, 0.727, 0.124]", cond: "1.226", cond_prob: "[0.4454, 0.2393, 0.1442]",
        alive_at: "0.5672", no_purchase: "0.4454", dert: "2.2615", expected: "[0.5336, 0.9013, 1.195]",
        prob: "[0.5743, 0.1992, 0.0853]"
    }
    fit_out {
        ll: "-9.319747", alive: "[1.0, 0.699, 0.098]", cond: "1.204", cond_prob: "[0.4574, 0.2336, 0.1406]",
        alive_at: "0.5314", no_purchase: "0.4574", dert: "2.1764", expected: "[0.6922, 1.1436, 1.4951]",
        prob: "[0.4739, 0.2454, 0.1052]"
    }
);
