//! Exact (Decimal) valuation of one lead (`explain_lead_value`, step by step) and of one account
//! (`account_value`), and the shrunk conversion rate.

use ltv_core as core;
use ltv_core::{AccountRules, Decimal, Fraction};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::convert::{count, decimal};
use crate::errors::PyLtvError;
use crate::formulas::lead_rules;
use crate::inputs::{In, days, fraction, money, months};

/// Text as HTML: `&`, `<`, `>` and `"` escaped.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn present<'a, 'py>(obj: Option<In<'a, 'py>>) -> Option<In<'a, 'py>> {
    obj.filter(|o| !o.is_none())
}

/// One lead's value and the steps that reached it: the result of :func:`ltv.explain_lead_value`.
///
/// Immutable. ``repr()`` shows the value and each factor, ``str()`` and ``explain()`` the breakdown,
/// ``_repr_html_()`` the steps as a table, ``to_dict()`` the fields and ``steps()`` the steps as data.
///
/// Attributes
/// ----------
/// value : Decimal
///     The lead's value today.
/// base : Decimal
///     P(convert) x customer LTV.
/// discount_factor : Decimal
///     The discount applied (1 within ``discount_after_months``).
/// nurture_cost : Decimal
///     The cost subtracted (0 when none was given).
/// zombie : bool
///     Whether the zombie rule set the value to 0.
///
/// Examples
/// --------
/// >>> import ltv
/// >>> v = ltv.explain_lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18,
/// ...                            days_since_engagement=30, nurture_cost=50)
/// >>> v.value.quantize(v.base)
/// Decimal('470.07')
#[allow(clippy::doc_lazy_continuation)]
#[pyclass(module = "ltv", name = "LeadValuation", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct LeadValuation {
    inner: core::LeadValuation,
}

#[pymethods]
impl LeadValuation {
    /// The lead's value today.
    #[getter]
    fn value(&self) -> Decimal {
        self.inner.value
    }
    /// P(convert) x customer LTV.
    #[getter]
    fn base(&self) -> Decimal {
        self.inner.base
    }
    /// The discount factor applied (1 within `discount_after_months`).
    #[getter]
    fn discount_factor(&self) -> Decimal {
        self.inner.discount_factor
    }
    /// The nurture cost subtracted (0 when none was given).
    #[getter]
    fn nurture_cost(&self) -> Decimal {
        self.inner.nurture_cost
    }
    /// Whether the zombie rule set the value to 0.
    #[getter]
    fn zombie(&self) -> bool {
        self.inner.zombie
    }

    /// The steps as data: ``pandas.DataFrame(v.steps())`` is the breakdown as a table.
    ///
    /// Returns
    /// -------
    /// list of dict
    ///     One dict per step: ``step`` (its name), ``detail`` (what it did), ``effect`` and ``value_after`` (Decimal).
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> v = ltv.explain_lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18,
    /// ...                            days_since_engagement=30, nurture_cost=50)
    /// >>> [s["step"] for s in v.steps()]
    /// ['base', 'discount', 'nurture_cost', 'zombie']
    #[allow(clippy::doc_lazy_continuation)]
    fn steps<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for s in &self.inner.steps {
            let d = PyDict::new(py);
            d.set_item("step", s.kind.as_str())?;
            d.set_item("detail", s.detail.as_str())?;
            d.set_item("effect", s.effect)?;
            d.set_item("value_after", s.value_after)?;
            out.append(d)?;
        }
        Ok(out)
    }

    /// The readable breakdown, one line per step with the value after it.
    ///
    /// Returns
    /// -------
    /// str
    ///     The lines, joined by newlines; the last is the value.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> v = ltv.explain_lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18,
    /// ...                            days_since_engagement=30, nurture_cost=50)
    /// >>> v.explain().splitlines()[-1].split()
    /// ['value', '=', '470.07']
    #[allow(clippy::doc_lazy_continuation)]
    fn explain(&self) -> String {
        self.inner.explain()
    }

    fn __str__(&self) -> String {
        self.inner.explain()
    }

    /// The steps as an HTML table (Jupyter).
    fn _repr_html_(&self) -> String {
        let rows: String = self
            .inner
            .steps
            .iter()
            .map(|s| {
                format!(
                    "<tr><th style=\"text-align:left\">{}</th><td style=\"text-align:left\">{}</td><td style=\"text-align:right\">{}</td></tr>",
                    s.kind.as_str(),
                    html_escape(s.detail.as_str()),
                    s.value_after.round_dp(2)
                )
            })
            .collect();
        format!(
            "<table><caption style=\"text-align:left\"><b>Lead value {}</b></caption><tr><th>step</th><th>detail</th><th>value after</th></tr>{rows}</table>",
            self.inner.value.round_dp(2)
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "LeadValuation(value={}, base={}, discount_factor={}, nurture_cost={}, zombie={})",
            self.inner.value.round_dp(4),
            self.inner.base.round_dp(4),
            self.inner.discount_factor.round_dp(6),
            self.inner.nurture_cost,
            if self.inner.zombie { "True" } else { "False" }
        )
    }

    /// The fields as a dict (without the steps).
    ///
    /// Returns
    /// -------
    /// dict
    ///     ``value``, ``base``, ``discount_factor``, ``nurture_cost`` (Decimal) and ``zombie`` (bool).
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> v = ltv.explain_lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18,
    /// ...                            days_since_engagement=30, nurture_cost=50)
    /// >>> v.to_dict()["zombie"]
    /// False
    #[allow(clippy::doc_lazy_continuation)]
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("value", self.inner.value)?;
        d.set_item("base", self.inner.base)?;
        d.set_item("discount_factor", self.inner.discount_factor)?;
        d.set_item("nurture_cost", self.inner.nurture_cost)?;
        d.set_item("zombie", self.inner.zombie)?;
        Ok(d)
    }
}

/// One lead valued step by step: :func:`lead_value` explained, with an optional nurture cost.
///
/// base = P x LTV, discounted when the lead closes after ``discount_after_months``, minus the nurture cost when
/// given, 0 for a zombie. The result keeps every step (``steps()``, ``explain()``).
///
/// Parameters
/// ----------
/// customer_ltv : int, float, str or Decimal
///     Lifetime value of a converted customer, in your currency, >= 0.
/// conversion_probability : int, float, str or Decimal
///     This lead's probability of converting, in [0, 1].
/// months_to_close : int, float, str or Decimal
///     Expected months until the lead closes, >= 0.
/// days_since_engagement : int, float, str or Decimal
///     Days since the lead last engaged, >= 0.
/// nurture_cost : int, float, str or Decimal or None, default None
///     Cost of nurturing the lead, in the currency of ``customer_ltv``, >= 0; ``None``: no cost step.
/// annual_discount_rate : int, float, str or Decimal, default 0.1
///     Cost of capital per year, in [0, 1].
/// discount_after_months : int, float, str or Decimal, default 12
///     Deals closing within this many months are not discounted, >= 0.
/// zombie_after_days : int, float, str or Decimal, default 180
///     A lead silent for longer than this many days is a zombie, worth 0.
///
/// Returns
/// -------
/// LeadValuation
///     ``.value`` and each step: ``.base``, ``.discount_factor``, ``.nurture_cost``, ``.zombie``; ``explain()`` prints
///     them as a table.
///
/// Raises
/// ------
/// InvalidInputError
///     A value out of range (``.field`` names it).
/// TypeError
///     A ``bool``, ``None`` or non-number input.
/// NotFiniteError
///     A NaN or infinite input.
/// LtvOverflowError
///     The result exceeds the exact number range.
///
/// Examples
/// --------
/// >>> import ltv
/// >>> v = ltv.explain_lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18,
/// ...                            days_since_engagement=30, nurture_cost=50)
/// >>> v
/// LeadValuation(value=470.0705, base=600.00, discount_factor=0.866784, nurture_cost=50, zombie=False)
/// >>> print(v.explain())  # doctest: +ELLIPSIS
/// base          P(convert) 0.05 x customer LTV 12000.00 ...
/// value                                                                                = 470.07
#[allow(clippy::doc_lazy_continuation)]
#[pyfunction]
#[pyo3(signature = (*, customer_ltv, conversion_probability, months_to_close, days_since_engagement, nurture_cost = None, annual_discount_rate = None, discount_after_months = None, zombie_after_days = None), text_signature = "(*, customer_ltv, conversion_probability, months_to_close, days_since_engagement, nurture_cost=None, annual_discount_rate=0.1, discount_after_months=12, zombie_after_days=180)")]
#[allow(clippy::too_many_arguments)]
pub fn explain_lead_value(
    customer_ltv: In<'_, '_>,
    conversion_probability: In<'_, '_>,
    months_to_close: In<'_, '_>,
    days_since_engagement: In<'_, '_>,
    nurture_cost: Option<In<'_, '_>>,
    annual_discount_rate: Option<In<'_, '_>>,
    discount_after_months: Option<In<'_, '_>>,
    zombie_after_days: Option<In<'_, '_>>,
) -> PyResult<LeadValuation> {
    let ltv = money("customer_ltv", customer_ltv)?;
    let p = fraction("conversion_probability", conversion_probability)?;
    let m = months("months_to_close", months_to_close)?;
    let d = days("days_since_engagement", days_since_engagement)?;
    let nurture = match present(nurture_cost) {
        Some(c) => Some(money("nurture_cost", c)?),
        None => None,
    };
    let rules = lead_rules(annual_discount_rate, discount_after_months, zombie_after_days)?;
    let inner = core::explain_lead_value(ltv, p, m, d, nurture, rules).map_err(PyLtvError)?;
    Ok(LeadValuation { inner })
}

/// An account's value next to the naive sum of its stakeholders' lead values: the result of :func:`ltv.account_value`.
///
/// Immutable. ``repr()`` shows the value and the comparison, ``_repr_html_()`` every field as a table,
/// ``to_dict()`` the fields.
///
/// Examples
/// --------
/// >>> import ltv
/// >>> a = ltv.account_value(stakeholder_probabilities=[0.2, 0.3, 0.1], account_ltv=50000, months_to_close=6,
/// ...                       days_since_engagement=10)
/// >>> a.p_any, a.naive_sum - a.value == a.difference
/// (Decimal('0.496'), True)
#[allow(clippy::doc_lazy_continuation)]
#[pyclass(module = "ltv", name = "AccountValuation", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct AccountValuation {
    inner: core::AccountValuation,
}

#[pymethods]
impl AccountValuation {
    /// Engaged stakeholders.
    #[getter]
    fn stakeholders(&self) -> u32 {
        self.inner.stakeholders
    }
    /// 1 - prod(1 - p_i).
    #[getter]
    fn p_any(&self) -> Decimal {
        self.inner.p_any
    }
    /// The committee multiplier applied (1 below the committee size).
    #[getter]
    fn multiplier(&self) -> Decimal {
        self.inner.multiplier
    }
    /// p_any x multiplier, before the cap at 1.
    #[getter]
    fn p_uncapped(&self) -> Decimal {
        self.inner.p_uncapped
    }
    /// The probability used, min(p_uncapped, 1).
    #[getter]
    fn p_account(&self) -> Decimal {
        self.inner.p_account
    }
    /// Whether the cap at 1 was applied.
    #[getter]
    fn capped(&self) -> bool {
        self.inner.capped
    }
    /// Whether the zombie rule set the value to 0.
    #[getter]
    fn zombie(&self) -> bool {
        self.inner.zombie
    }
    /// The account's value.
    #[getter]
    fn value(&self) -> Decimal {
        self.inner.value
    }
    /// The naive sum of the stakeholders valued as separate leads.
    #[getter]
    fn naive_sum(&self) -> Decimal {
        self.inner.naive_sum
    }
    /// naive_sum - value.
    #[getter]
    fn difference(&self) -> Decimal {
        self.inner.difference
    }

    fn __repr__(&self) -> String {
        format!(
            "AccountValuation(value={}, p_account={}, capped={}, naive_sum={}, difference={})",
            self.inner.value.round_dp(4),
            self.inner.p_account.round_dp(6),
            if self.inner.capped { "True" } else { "False" },
            self.inner.naive_sum.round_dp(4),
            self.inner.difference.round_dp(4)
        )
    }

    /// The account and its stakeholders' figures as an HTML table (Jupyter).
    fn _repr_html_(&self) -> String {
        let v = &self.inner;
        let yes_no = |b: bool| if b { "True" } else { "False" }.to_owned();
        let rows: String = [
            ("stakeholders", v.stakeholders.to_string()),
            ("p_any", v.p_any.round_dp(6).to_string()),
            ("multiplier", v.multiplier.to_string()),
            ("p_uncapped", v.p_uncapped.round_dp(6).to_string()),
            ("p_account", v.p_account.round_dp(6).to_string()),
            ("capped", yes_no(v.capped)),
            ("zombie", yes_no(v.zombie)),
            ("value", v.value.round_dp(2).to_string()),
            ("naive_sum", v.naive_sum.round_dp(2).to_string()),
            ("difference", v.difference.round_dp(2).to_string()),
        ]
        .iter()
        .map(|(k, x)| format!("<tr><th style=\"text-align:left\">{k}</th><td style=\"text-align:right\">{x}</td></tr>"))
        .collect();
        format!("<table><caption style=\"text-align:left\"><b>Account value</b></caption>{rows}</table>")
    }

    /// The fields as a dict.
    ///
    /// Returns
    /// -------
    /// dict
    ///     ``stakeholders`` (int), ``p_any``, ``multiplier``, ``p_uncapped``, ``p_account`` (Decimal), ``capped``,
    ///     ``zombie`` (bool), ``value``, ``naive_sum`` and ``difference`` (Decimal).
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> a = ltv.account_value(stakeholder_probabilities=[0.2, 0.3, 0.1], account_ltv=50000, months_to_close=6,
    /// ...                       days_since_engagement=10)
    /// >>> a.to_dict()["stakeholders"]
    /// 3
    #[allow(clippy::doc_lazy_continuation)]
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let v = &self.inner;
        let d = PyDict::new(py);
        d.set_item("stakeholders", v.stakeholders)?;
        d.set_item("p_any", v.p_any)?;
        d.set_item("multiplier", v.multiplier)?;
        d.set_item("p_uncapped", v.p_uncapped)?;
        d.set_item("p_account", v.p_account)?;
        d.set_item("capped", v.capped)?;
        d.set_item("zombie", v.zombie)?;
        d.set_item("value", v.value)?;
        d.set_item("naive_sum", v.naive_sum)?;
        d.set_item("difference", v.difference)?;
        Ok(d)
    }
}

/// Account value (account-based marketing): the account's deal valued once, not once per stakeholder.
///
/// P(any stakeholder carries the deal) = 1 - prod(1 - p_i), times a committee multiplier when at least
/// ``committee_size`` stakeholders are engaged (capped at 1, and reported), times the account LTV, with the lead
/// discount and zombie rules; next to the naive sum of the stakeholders' lead values, which double-counts the deal.
///
/// Parameters
/// ----------
/// stakeholder_probabilities : sequence of int, float, str or Decimal
///     Each engaged stakeholder's probability of carrying the deal, in [0, 1] (a list, tuple or array).
/// account_ltv : int, float, str or Decimal
///     Lifetime value of the account, in your currency, >= 0.
/// months_to_close : int, float, str or Decimal
///     Expected months until the deal closes, >= 0.
/// days_since_engagement : int, float, str or Decimal
///     Days since any stakeholder last engaged, >= 0.
/// committee_size : int, default 3
///     Stakeholders from which the buying committee counts as engaged, a whole number.
/// committee_multiplier : int, float, str or Decimal, default 1.2
///     Lift of P for an engaged committee.
/// annual_discount_rate : int, float, str or Decimal, default 0.1
///     Cost of capital per year, in [0, 1].
/// discount_after_months : int, float, str or Decimal, default 12
///     Deals closing within this many months are not discounted, >= 0.
/// zombie_after_days : int, float, str or Decimal, default 180
///     A lead silent for longer than this many days is a zombie, worth 0.
///
/// Returns
/// -------
/// AccountValuation
///     ``.value``, ``.p_any``, ``.multiplier``, ``.p_account`` (capped), ``.capped``, ``.zombie``, ``.naive_sum`` and
///     ``.difference`` (naive sum - value).
///
/// Raises
/// ------
/// TypeError
///     ``stakeholder_probabilities`` is not a sequence (a string, dict, set or generator).
/// InvalidInputError
///     A value out of range (``.field`` names it).
/// TypeError
///     A ``bool``, ``None`` or non-number input.
/// NotFiniteError
///     A NaN or infinite input.
/// LtvOverflowError
///     The result exceeds the exact number range.
///
/// Examples
/// --------
/// >>> import ltv
/// >>> a = ltv.account_value(stakeholder_probabilities=[0.2, 0.3, 0.1], account_ltv=50000, months_to_close=6,
/// ...                       days_since_engagement=10)
/// >>> a
/// AccountValuation(value=29760.0000, p_account=0.59520, capped=False, naive_sum=30000.0, difference=240.0000)
#[allow(clippy::doc_lazy_continuation)]
#[pyfunction]
#[pyo3(signature = (*, stakeholder_probabilities, account_ltv, months_to_close, days_since_engagement, committee_size = None, committee_multiplier = None, annual_discount_rate = None, discount_after_months = None, zombie_after_days = None), text_signature = "(*, stakeholder_probabilities, account_ltv, months_to_close, days_since_engagement, committee_size=3, committee_multiplier=1.2, annual_discount_rate=0.1, discount_after_months=12, zombie_after_days=180)")]
#[allow(clippy::too_many_arguments)]
pub fn account_value(
    stakeholder_probabilities: In<'_, '_>,
    account_ltv: In<'_, '_>,
    months_to_close: In<'_, '_>,
    days_since_engagement: In<'_, '_>,
    committee_size: Option<In<'_, '_>>,
    committee_multiplier: Option<In<'_, '_>>,
    annual_discount_rate: Option<In<'_, '_>>,
    discount_after_months: Option<In<'_, '_>>,
    zombie_after_days: Option<In<'_, '_>>,
) -> PyResult<AccountValuation> {
    let mut ps = Vec::new();
    let not_a_sequence = || {
        let name =
            stakeholder_probabilities.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_owned());
        pyo3::exceptions::PyTypeError::new_err(format!(
            "stakeholder_probabilities: expected a sequence of probabilities (a list, tuple or array), got {name}"
        ))
    };
    // A string, bytes, mapping or set iterates, but not as a list of probabilities; anything without a length
    // (a generator) could be endless.
    if stakeholder_probabilities.is_instance_of::<pyo3::types::PyString>()
        || stakeholder_probabilities.is_instance_of::<pyo3::types::PyBytes>()
        || stakeholder_probabilities.is_instance_of::<pyo3::types::PyDict>()
        || stakeholder_probabilities.is_instance_of::<pyo3::types::PySet>()
        || stakeholder_probabilities.is_instance_of::<pyo3::types::PyFrozenSet>()
        || stakeholder_probabilities.len().is_err()
    {
        return Err(not_a_sequence());
    }
    for item in stakeholder_probabilities.try_iter().map_err(|_| not_a_sequence())? {
        let p = decimal("stakeholder_probabilities", &item?)?;
        ps.push(Fraction::named("stakeholder_probabilities", p).map_err(PyLtvError)?);
    }
    let ltv = money("account_ltv", account_ltv)?;
    let m = months("months_to_close", months_to_close)?;
    let d = days("days_since_engagement", days_since_engagement)?;
    let defaults = AccountRules::<Decimal>::default();
    let size = match present(committee_size) {
        Some(s) => count("committee_size", s)?,
        None => defaults.committee_size(),
    };
    let multiplier = match present(committee_multiplier) {
        Some(x) => decimal("committee_multiplier", x)?,
        None => defaults.committee_multiplier(),
    };
    let rules = AccountRules::new(size, multiplier).map_err(PyLtvError)?;
    let lead = lead_rules(annual_discount_rate, discount_after_months, zombie_after_days)?;
    let inner = core::account_value(&ps, ltv, m, d, lead, rules).map_err(PyLtvError)?;
    Ok(AccountValuation { inner })
}

/// Shrunk conversion rate = (conversions + k x prior_rate) / (leads + k), the beta-binomial posterior mean.
///
/// A segment with few leads is pulled toward ``prior_rate`` (for example the blended rate of all segments); one
/// with many keeps close to its own rate.
///
/// Parameters
/// ----------
/// conversions : int
///     Leads of the segment that converted, a whole number in [0, ``leads``].
/// leads : int
///     Leads of the segment, a whole number >= 0.
/// prior_rate : int, float, str or Decimal
///     The rate to shrink toward, in [0, 1].
/// prior_strength : int, float, str or Decimal, default 20
///     k, the weight of the prior in leads, >= 0 (0: no shrinkage).
///
/// Returns
/// -------
/// Decimal
///     The shrunk conversion rate, in [0, 1].
///
/// Raises
/// ------
/// InvalidInputError
///     A count or rate out of range, or more conversions than leads (``.field`` names it).
/// TypeError
///     A ``bool``, ``None`` or non-number input.
/// NotFiniteError
///     A NaN or infinite input.
/// LtvOverflowError
///     The result exceeds the exact number range.
///
/// Examples
/// --------
/// >>> import ltv
/// >>> from decimal import Decimal
/// >>> ltv.shrunk_conversion_rate(conversions=1, leads=3, prior_rate=0.05).quantize(Decimal("0.0001"))
/// Decimal('0.0870')
#[allow(clippy::doc_lazy_continuation)]
#[pyfunction]
#[pyo3(signature = (*, conversions, leads, prior_rate, prior_strength = None), text_signature = "(*, conversions, leads, prior_rate, prior_strength=20)")]
pub fn shrunk_conversion_rate(
    conversions: In<'_, '_>,
    leads: In<'_, '_>,
    prior_rate: In<'_, '_>,
    prior_strength: Option<In<'_, '_>>,
) -> PyResult<Decimal> {
    let c = count("conversions", conversions)?;
    let n = count("leads", leads)?;
    let prior = fraction("prior_rate", prior_rate)?;
    let k = match present(prior_strength) {
        Some(k) => decimal("prior_strength", k)?,
        None => Decimal::from(core::DEFAULT_PRIOR_STRENGTH),
    };
    Ok(core::shrunk_conversion_rate(c, n, k, prior).map_err(PyLtvError)?)
}
