//! Small immutable result classes: readable `repr`, `_repr_html_` for Jupyter, `to_dict()` and equality.

use ltv_core as core;
use ltv_core::{Decimal, HealthBands, Money};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::PyLtvError;
use crate::inputs::{In, money};

fn html_table(title: &str, rows: &[(&str, String)]) -> String {
    let body: String = rows
        .iter()
        .map(|(k, v)| format!("<tr><th style=\"text-align:left\">{k}</th><td style=\"text-align:right\">{v}</td></tr>"))
        .collect();
    format!("<table><caption style=\"text-align:left\"><b>{title}</b></caption>{body}</table>")
}

/// An LTV:CAC ratio with its health band.
#[pyclass(module = "ltv", name = "LtvCacRatio", frozen, eq, hash, from_py_object)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct LtvCacRatio {
    /// LTV / CAC.
    #[pyo3(get)]
    ratio: Decimal,
    /// "overspending", "healthy" or "under_investing".
    #[pyo3(get)]
    band: &'static str,
    /// Lower bound of the healthy band.
    #[pyo3(get)]
    healthy_min: Decimal,
    /// Upper bound of the healthy band.
    #[pyo3(get)]
    healthy_max: Decimal,
}

impl LtvCacRatio {
    pub(crate) fn from_core(r: core::LtvCacRatio, bands: HealthBands) -> Self {
        Self {
            ratio: r.ratio,
            band: r.band.as_str(),
            healthy_min: bands.healthy_min(),
            healthy_max: bands.healthy_max(),
        }
    }
}

#[pymethods]
impl LtvCacRatio {
    fn __repr__(&self) -> String {
        format!(
            "LtvCacRatio(ratio={}, band='{}', healthy_min={}, healthy_max={})",
            self.ratio.round_dp(4),
            self.band,
            self.healthy_min,
            self.healthy_max
        )
    }

    fn _repr_html_(&self) -> String {
        html_table(
            "LTV:CAC",
            &[
                ("ratio", format!("{}:1", self.ratio.round_dp(2))),
                ("band", self.band.to_owned()),
                ("healthy band", format!("{} to {}", self.healthy_min, self.healthy_max)),
            ],
        )
    }

    /// The fields as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("ratio", self.ratio)?;
        d.set_item("band", self.band)?;
        d.set_item("healthy_min", self.healthy_min)?;
        d.set_item("healthy_max", self.healthy_max)?;
        Ok(d)
    }
}

/// CAC payback in months, the target, and whether it is met.
#[pyclass(module = "ltv", name = "CacPayback", frozen, eq, hash, from_py_object)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CacPayback {
    /// CAC / (ARPU x gross margin), in months.
    #[pyo3(get)]
    months: Decimal,
    /// The target in months.
    #[pyo3(get)]
    target_months: Decimal,
    /// `months <= target_months`.
    #[pyo3(get)]
    meets_target: bool,
}

impl CacPayback {
    pub(crate) fn from_core(p: core::CacPayback) -> Self {
        Self { months: p.months, target_months: p.target_months, meets_target: p.meets_target }
    }
}

#[pymethods]
impl CacPayback {
    fn __repr__(&self) -> String {
        format!(
            "CacPayback(months={}, target_months={}, meets_target={})",
            self.months.round_dp(4),
            self.target_months,
            if self.meets_target { "True" } else { "False" }
        )
    }

    fn _repr_html_(&self) -> String {
        html_table(
            "CAC payback",
            &[
                ("months", self.months.round_dp(1).to_string()),
                ("target", format!("{} months", self.target_months)),
                ("meets target", if self.meets_target { "yes" } else { "no" }.to_owned()),
            ],
        )
    }

    /// The fields as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("months", self.months)?;
        d.set_item("target_months", self.target_months)?;
        d.set_item("meets_target", self.meets_target)?;
        Ok(d)
    }
}

/// One period's MRR movements and the churn and retention rates built from them.
#[pyclass(module = "ltv", name = "MrrMovements", frozen, eq, hash, from_py_object)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct MrrMovements {
    inner: core::MrrMovements,
}

fn zero_or(field: &'static str, obj: Option<In<'_, '_>>) -> PyResult<Money> {
    match obj {
        Some(o) if !o.is_none() => money(field, o),
        _ => Ok(Money::zero()),
    }
}

#[pymethods]
impl MrrMovements {
    #[new]
    #[pyo3(signature = (*, starting_mrr, new = None, expansion = None, contraction = None, churned = None, reactivation = None), text_signature = "(*, starting_mrr, new=0, expansion=0, contraction=0, churned=0, reactivation=0)")]
    fn py_new(
        starting_mrr: In<'_, '_>,
        new: Option<In<'_, '_>>,
        expansion: Option<In<'_, '_>>,
        contraction: Option<In<'_, '_>>,
        churned: Option<In<'_, '_>>,
        reactivation: Option<In<'_, '_>>,
    ) -> PyResult<Self> {
        let inner = core::MrrMovements::new(
            money("starting_mrr", starting_mrr)?,
            zero_or("new", new)?,
            zero_or("expansion", expansion)?,
            zero_or("contraction", contraction)?,
            zero_or("churned", churned)?,
            zero_or("reactivation", reactivation)?,
        )
        .map_err(PyLtvError)?;
        Ok(Self { inner })
    }

    /// MRR at the start of the period.
    #[getter]
    fn starting_mrr(&self) -> Decimal {
        self.inner.starting_mrr()
    }
    /// MRR from new customers.
    #[getter(new)]
    fn new_mrr(&self) -> Decimal {
        self.inner.new_mrr()
    }
    /// MRR added by existing customers.
    #[getter]
    fn expansion(&self) -> Decimal {
        self.inner.expansion()
    }
    /// MRR removed by customers who stayed.
    #[getter]
    fn contraction(&self) -> Decimal {
        self.inner.contraction()
    }
    /// MRR of customers who left.
    #[getter]
    fn churned(&self) -> Decimal {
        self.inner.churned()
    }
    /// MRR of customers who came back.
    #[getter]
    fn reactivation(&self) -> Decimal {
        self.inner.reactivation()
    }

    /// MRR at the end of the period.
    fn ending_mrr(&self) -> PyResult<Decimal> {
        Ok(self.inner.ending_mrr().map_err(PyLtvError)?)
    }
    /// (churned + contraction) / starting MRR.
    fn gross_mrr_churn(&self) -> PyResult<Decimal> {
        Ok(self.inner.gross_mrr_churn().map_err(PyLtvError)?)
    }
    /// (churned + contraction - expansion - reactivation) / starting MRR.
    fn net_mrr_churn(&self) -> PyResult<Decimal> {
        Ok(self.inner.net_mrr_churn().map_err(PyLtvError)?)
    }
    /// Net revenue retention = 1 - net MRR churn.
    fn net_revenue_retention(&self) -> PyResult<Decimal> {
        Ok(self.inner.net_revenue_retention().map_err(PyLtvError)?)
    }
    /// Gross revenue retention = (start - contraction - churned) / start, at most 1.
    fn gross_revenue_retention(&self) -> PyResult<Decimal> {
        Ok(self.inner.gross_revenue_retention().map_err(PyLtvError)?)
    }
    /// (new + expansion + reactivation) / (churned + contraction).
    fn quick_ratio(&self) -> PyResult<Decimal> {
        Ok(self.inner.quick_ratio().map_err(PyLtvError)?)
    }

    fn __repr__(&self) -> String {
        let m = &self.inner;
        format!(
            "MrrMovements(starting_mrr={}, new={}, expansion={}, contraction={}, churned={}, reactivation={})",
            m.starting_mrr(),
            m.new_mrr(),
            m.expansion(),
            m.contraction(),
            m.churned(),
            m.reactivation()
        )
    }

    fn _repr_html_(&self) -> String {
        let m = &self.inner;
        let pct = |r: core::Result<Decimal>| match r {
            Ok(v) => format!("{} %", (v * Decimal::ONE_HUNDRED).round_dp(2)),
            Err(_) => "undefined".to_owned(),
        };
        let quick = match m.quick_ratio() {
            Ok(v) => v.round_dp(2).to_string(),
            Err(_) => "undefined".to_owned(),
        };
        html_table(
            "MRR movements",
            &[
                ("starting MRR", m.starting_mrr().to_string()),
                ("new", m.new_mrr().to_string()),
                ("expansion", m.expansion().to_string()),
                ("contraction", m.contraction().to_string()),
                ("churned", m.churned().to_string()),
                ("reactivation", m.reactivation().to_string()),
                ("gross MRR churn", pct(m.gross_mrr_churn())),
                ("net MRR churn", pct(m.net_mrr_churn())),
                ("NRR", pct(m.net_revenue_retention())),
                ("GRR", pct(m.gross_revenue_retention())),
                ("quick ratio", quick),
            ],
        )
    }

    /// The movements as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let m = &self.inner;
        let d = PyDict::new(py);
        d.set_item("starting_mrr", m.starting_mrr())?;
        d.set_item("new", m.new_mrr())?;
        d.set_item("expansion", m.expansion())?;
        d.set_item("contraction", m.contraction())?;
        d.set_item("churned", m.churned())?;
        d.set_item("reactivation", m.reactivation())?;
        Ok(d)
    }
}
