//! `ParetoNbdModel` / `ParetoNbdFit`: the Pareto/NBD model of Schmittlein, Morrison & Colombo (1987) in
//! Python, with its docstrings.

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
    ParetoNbdModel, ParetoNbdFit, models::ParetoNbdModel, models::ParetoNbdFit, "ParetoNbdModel", "ParetoNbdFit",
    label: "Pareto/NBD", tag: "pareto_nbd",
    params: [
        r: "The shape ``r`` of the Gamma distribution of purchase rates across customers.",
        alpha: "The rate ``alpha`` of the Gamma distribution of purchase rates, in the data's time unit.",
        s: "The shape ``s`` of the Gamma distribution of dropout rates across customers.",
        beta: "The rate ``beta`` of the Gamma distribution of dropout rates, in the data's time unit."
    ],
    model_doc {
        /// The Pareto/NBD purchase model of Schmittlein, Morrison & Colombo (1987): who is still buying, and how
        /// much.
        ///
        /// While alive, a customer buys as a Poisson process of rate ``lambda``; their lifetime is exponential
        /// with rate ``mu``, independent of ``lambda``; dropout is never observed. Across customers
        /// ``lambda ~ Gamma(r, alpha)`` and ``mu ~ Gamma(s, beta)`` (shapes ``r``, ``s``; rates ``alpha``,
        /// ``beta`` in the data's time unit). A customer's history is ``frequency`` (repeat purchases ``x``),
        /// ``recency`` (the time of the last one since the first purchase, ``t_x``) and ``age`` (the time from
        /// the first purchase to the end of observation, ``T``), all in the time unit the parameters were
        /// fitted in.
        ///
        /// Formulas: D. C. Schmittlein, D. G. Morrison and R. Colombo (1987), "Counting Your Customers: Who Are
        /// They and What Will They Do Next?", *Management Science* 33(1), 1-24, as derived in P. S. Fader and
        /// B. G. S. Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions" (note
        /// 008): the likelihood eqs. (22)-(24) (with the Gaussian hypergeometric function, in log space),
        /// ``E[X(t)]`` eq. (18), ``P(alive)`` eq. (11), the conditional expectation eq. (27); ``P(X(t) = n)``
        /// from Fader & Hardie's 2006 note, eqs. (1)-(3), by quadrature; the DERT in closed form, P. S. Fader,
        /// B. G. S. Hardie and K. L. Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base
        /// Analysis", *JMR* 42(4), eq. (2). Each prediction takes a frame or keyword columns and returns a
        /// float, an array or a Series shaped like the input. Immutable; ``repr()`` shows the parameters,
        /// ``_repr_html_()`` a table; fit one with :meth:`ParetoNbdFit.fit`.
        ///
        /// Parameters
        /// ----------
        /// r : float
        ///     The shape of the Gamma distribution of purchase rates (their mean is ``r / alpha`` per time unit).
        /// alpha : float
        ///     The rate of that Gamma distribution, in the data's time unit.
        /// s : float
        ///     The shape of the Gamma distribution of dropout rates (their mean is ``s / beta`` per time unit).
        /// beta : float
        ///     The rate of that Gamma distribution, in the data's time unit.
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
        /// The CDNOW estimates (weeks) of Fader, Hardie & Lee (2005), and their customer with ``x = 2``,
        /// ``t_x = 30.43``, ``T = 38.86``:
        ///
        /// >>> from ltv.purchase import ParetoNbdModel
        /// >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        /// >>> m
        /// ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        /// >>> round(m.probability_alive(frequency=2, recency=30.43, age=38.86), 3)
        /// 0.869
    }
    fit_doc {
        /// A maximum-likelihood fit of the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) to purchase
        /// histories.
        ///
        /// Made by :meth:`fit` (or read by :meth:`from_json`). It has every prediction of its fitted
        /// :class:`ParetoNbdModel` (``fit.model``) and the estimates of ``r``, ``alpha``, ``s`` and ``beta`` with
        /// their standard errors: ``repr()`` shows the estimates and the fit's figures, ``summary()`` is a table
        /// of estimates, standard errors and 95 % intervals, and ``_repr_html_()`` renders both in a notebook.
        /// On FHL's CDNOW sample (2,357 customers, weeks) it gives their published r 0.553, alpha 10.578,
        /// s 0.606, beta 11.669 (log-likelihood -9595.0).
        ///
        /// Attributes
        /// ----------
        /// model : ParetoNbdModel
        ///     The fitted model.
        /// params : dict of str to float
        ///     The estimates, ``{"r": ..., "alpha": ..., "s": ..., "beta": ...}``.
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
        /// >>> from ltv.purchase import ParetoNbdFit
        /// >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        /// ...                        weight=[600, 200, 150, 120, 80, 100])
        /// >>> fit.converged, fit.n_customers
        /// (True, 1250)
        /// >>> round(fit.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
        /// 1.627
    }
    model_setup: ">>> from ltv.purchase import ParetoNbdModel\n>>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)",
    model_json: "'{\"model\":\"pareto_nbd\",\"format_version\":1,\"r\":0.553,\"alpha\":10.578,\"s\":0.606,\"beta\":11.669}'",
    simulate: "([6.0, 1.0, 0.0], [34.51, 1.48, 0.0], [38.86, 38.86, 38.86])",
    simulate_transactions: "([0, 0, 0, 0, 0, 0, 0, 1, 1, 2], [0.0, 8.56, 30.53, 30.93, 31.76, 33.09, 34.51, 0.0, 1.48, 0.0])",
    simulate_dates: "([6.0, 1.0, 0.0], [34.6, 1.4, 0.0])",
    fit_setup: ">>> from ltv.purchase import ParetoNbdFit\n>>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,\n...                        weight=[600, 200, 150, 120, 80, 100])",
    fit_params: "{'r': 1.311, 'alpha': 19.708, 's': 0.505, 'beta': 6.42}",
    fit_estimate: "1.311",
    refs {
        ll: "The Pareto/NBD: Fader & Hardie (2005), note 008, eqs. (22)-(24), in log space.",
        alive: "The Pareto/NBD: Fader & Hardie (2005), note 008, eq. (11).",
        cond: "The Pareto/NBD: Fader & Hardie (2005), note 008, eq. (27).",
        cond_prob: "The Pareto/NBD: ``P(alive)`` times ``P(X(t) = n)`` at the posterior ``lambda ~ Gamma(r + x, alpha + T)``,\n``mu ~ Gamma(s, beta + T)``, plus ``1 - P(alive)`` at ``n = 0``.",
        alive_at: "The Pareto/NBD: ``P(alive) ((beta + T) / (beta + T + t))^s``, ``P(alive)`` times the Laplace transform\nof the posterior dropout rate ``mu ~ Gamma(s, beta + T)``.",
        dert: "The Pareto/NBD's in closed form (Fader, Hardie & Lee 2005, \"RFM and CLV\", eq. (2)).",
        dert_rate: "(0, 1e9]",
        expected: "The Pareto/NBD: Fader & Hardie (2005), note 008, eq. (18).",
        prob: "The Pareto/NBD: Fader & Hardie's 2006 note on ``P(X(t) = x)``, eqs. (1)-(3), by quadrature."
    }
    model_out {
        ll: "-9.554283", alive: "[0.295, 0.869, 0.13]", cond: "1.455", cond_prob: "[0.4081, 0.2193, 0.1518]",
        alive_at: "0.6146", no_purchase: "0.4081", dert: "2.7248", expected: "[0.5312, 0.9086, 1.213]",
        prob: "[0.5936, 0.1656, 0.0825]"
    }
    fit_out {
        ll: "-9.31156", alive: "[0.18, 0.874, 0.119]", cond: "1.627", cond_prob: "[0.3641, 0.2157, 0.1636]",
        alive_at: "0.6385", no_purchase: "0.3641", dert: "3.1496", expected: "[0.6295, 1.0604, 1.4096]",
        prob: "[0.4969, 0.196, 0.1084]"
    }
);
