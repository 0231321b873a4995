//! `MbgNbdModel` / `MbgNbdFit`: the MBG/NBD model of Batislam, Denizel & Filiztekin (2007) in Python, with
//! its docstrings.

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
    MbgNbdModel, MbgNbdFit, models::MbgNbdModel, models::MbgNbdFit, "MbgNbdModel", "MbgNbdFit",
    label: "MBG/NBD", tag: "mbg_nbd",
    params: [
        r: "The shape ``r`` of the Gamma distribution of purchase rates across customers.",
        alpha: "The rate ``alpha`` of the Gamma distribution of purchase rates, in the data's time unit.",
        a: "The ``a`` of the Beta distribution of dropout probabilities.",
        b: "The ``b`` of the Beta distribution of dropout probabilities."
    ],
    model_doc {
        /// The MBG/NBD purchase model of Batislam, Denizel & Filiztekin (2007): the BG/NBD, where a customer
        /// who never repeated may have left too.
        ///
        /// While alive, a customer buys as a Poisson process of rate ``lambda``; right after the first purchase
        /// and after each repeat purchase they drop out (for good, unobserved) with probability ``p``. Across
        /// customers ``lambda ~ Gamma(r, alpha)`` (shape ``r``, rate ``alpha``, so ``alpha`` is in the data's
        /// time unit) and ``p ~ Beta(a, b)``. A customer's history is ``frequency`` (repeat purchases ``x``),
        /// ``recency`` (the time of the last one since the first purchase, ``t_x``) and ``age`` (the time from
        /// the first purchase to the end of observation, ``T``), all in the time unit the parameters were
        /// fitted in.
        ///
        /// Formulas: E. P. Batislam, M. Denizel and A. Filiztekin (2007), "Empirical validation and comparison
        /// of models for customer base analysis", *International Journal of Research in Marketing* 24(3),
        /// 201-209: the likelihood (eq. (2) of their MBG/NBD section: BG/NBD's with ``B(a, b + x + 1)`` and
        /// ``B(a + 1, b + x)``), ``P(alive) = 1 / (1 + a / (b + x) ((alpha + T) / (alpha + t_x))^(r + x))``,
        /// ``E[X(t)] = b / (a + b) E_BG[X(t); r, alpha, a, b + 1]`` and the conditional expectation
        /// ``P(alive) E_BG[X(t); r + x, alpha + T, a, b + x + 1]`` (BG/NBD's, Fader, Hardie & Lee 2005); the
        /// DERT of Fader, Hardie & Lee (2005), "RFM and CLV", *JMR* 42(4), eq. (1), by quadrature. Each
        /// prediction takes a frame or keyword columns and returns a float, an array or a Series shaped like
        /// the input. Immutable; ``repr()`` shows the parameters, ``_repr_html_()`` a table; fit one with
        /// :meth:`MbgNbdFit.fit`.
        ///
        /// Parameters
        /// ----------
        /// r : float
        ///     The shape of the Gamma distribution of purchase rates (their mean is ``r / alpha`` per time unit).
        /// alpha : float
        ///     The rate of that Gamma distribution, in the data's time unit.
        /// a, b : float
        ///     The Beta distribution of the dropout probability at each purchase (mean ``a / (a + b)``).
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
        /// With the BG/NBD's CDNOW estimates (weeks; Fader, Hardie & Lee 2005), a customer who never repeated
        /// in 38.86 weeks is alive with probability ``1 / (1 + a / b ((alpha + T) / alpha)^r) = 0.637`` (1 under
        /// the BG/NBD):
        ///
        /// >>> from ltv.purchase import MbgNbdModel
        /// >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        /// >>> m
        /// MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        /// >>> round(m.probability_alive(frequency=0, recency=0, age=38.86), 3)
        /// 0.637
    }
    fit_doc {
        /// A maximum-likelihood fit of the MBG/NBD model (Batislam, Denizel & Filiztekin 2007) to purchase
        /// histories.
        ///
        /// Made by :meth:`fit` (or read by :meth:`from_json`). It has every prediction of its fitted
        /// :class:`MbgNbdModel` (``fit.model``) and the estimates of ``r``, ``alpha``, ``a`` and ``b`` with their
        /// standard errors: ``repr()`` shows the estimates and the fit's figures, ``summary()`` is a table of
        /// estimates, standard errors and 95 % intervals, and ``_repr_html_()`` renders both in a notebook.
        ///
        /// Attributes
        /// ----------
        /// model : MbgNbdModel
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
        /// >>> from ltv.purchase import MbgNbdFit
        /// >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        /// ...                     weight=[600, 200, 150, 120, 80, 100])
        /// >>> fit.converged, fit.n_customers
        /// (True, 1250)
        /// >>> round(fit.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
        /// 1.271
    }
    model_setup: ">>> from ltv.purchase import MbgNbdModel\n>>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)",
    model_json: "'{\"model\":\"mbg_nbd\",\"format_version\":1,\"r\":0.242595,\"alpha\":4.413602,\"a\":0.792922,\"b\":2.425907}'",
    simulate: "([4.0, 0.0, 0.0], [33.31, 0.0, 0.0], [38.86, 38.86, 38.86])",
    simulate_transactions: "([0, 0, 0, 0, 0, 1, 2], [0.0, 3.39, 9.19, 14.28, 33.31, 0.0, 0.0])",
    simulate_dates: "([4.0, 0.0, 0.0], [33.3, 0.0, 0.0])",
    fit_setup: ">>> from ltv.purchase import MbgNbdFit\n>>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,\n...                     weight=[600, 200, 150, 120, 80, 100])",
    fit_params: "{'r': 0.894, 'alpha': 8.378, 'a': 1.116, 'b': 2.07}",
    fit_estimate: "0.894",
    refs {
        ll: "The MBG/NBD: Batislam, Denizel & Filiztekin (2007), eq. (2) of their MBG/NBD section, in log-sum-exp\nform.",
        alive: "The MBG/NBD (Batislam, Denizel & Filiztekin 2007):\n``1 / (1 + a / (b + x) ((alpha + T) / (alpha + t_x))^(r + x))``.",
        cond: "The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``P(alive)`` times BG/NBD's ``E[X(t)]`` (Fader,\nHardie & Lee 2005, eq. (9)) at the posterior parameters ``(r + x, alpha + T, a, b + x + 1)``.",
        cond_prob: "The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``P(alive)`` times BG/NBD's ``P(X(t) = n)``\n(Fader, Hardie & Lee 2005, eq. (8)) at the posterior parameters ``(r + x, alpha + T, a, b + x + 1)``,\nplus ``1 - P(alive)`` at ``n = 0``.",
        alive_at: "The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``P(alive)`` times the posterior probability of\nsurviving every purchase of the next ``t``.",
        dert: "The MBG/NBD's by adaptive Gauss-Kronrod quadrature of the conditional expectation (it has no closed\nform).",
        dert_rate: "[1e-6, 1e9]",
        expected: "The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``b / (a + b)`` times BG/NBD's ``E[X(t)]`` (Fader,\nHardie & Lee 2005, eq. (9)) at ``(r, alpha, a, b + 1)``.",
        prob: "The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``a / (a + b)`` at ``n = 0`` (gone right after the\nfirst purchase) plus ``b / (a + b)`` times BG/NBD's eq. (8) at ``(r, alpha, a, b + 1)``."
    }
    model_out {
        ll: "-9.688249", alive: "[0.637, 0.774, 0.154]", cond: "1.34", cond_prob: "[0.4089, 0.2454, 0.1543]",
        alive_at: "0.626", no_purchase: "0.4089", dert: "2.5449", expected: "[0.4252, 0.7355, 0.9897]",
        prob: "[0.6792, 0.1369, 0.0642]"
    }
    fit_out {
        ll: "-9.318599", alive: "[0.283, 0.674, 0.087]", cond: "1.271", cond_prob: "[0.4443, 0.2268, 0.1452]",
        alive_at: "0.4749", no_purchase: "0.4443", dert: "2.143", expected: "[0.6742, 1.1152, 1.4476]",
        prob: "[0.4883, 0.2109, 0.1103]"
    }
);
