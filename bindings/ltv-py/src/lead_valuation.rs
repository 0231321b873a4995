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

fn present<'a, 'py>(obj: Option<In<'a, 'py>>) -> Option<In<'a, 'py>> {
    obj.filter(|o| !o.is_none())
}

/// One lead's value and the steps that reached it.
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

    /// The steps as a list of dicts (`step`, `detail`, `effect`, `value_after`): `pandas.DataFrame(v.steps())`.
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
    fn explain(&self) -> String {
        self.inner.explain()
    }

    fn __str__(&self) -> String {
        self.inner.explain()
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

/// One lead valued step by step (`lead_value` explained, same arguments): base = P x LTV, discount beyond
/// `discount_after_months`, minus the nurture cost when given, 0 for a zombie.
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

/// An account's value next to the naive sum of its stakeholders' lead values.
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

    /// The fields as a dict.
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

/// Account value (ABM): P(any stakeholder carries the deal) x committee multiplier (capped at 1, reported)
/// x account LTV, with the lead discount and zombie rules; and the naive sum of the stakeholders' lead values.
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
