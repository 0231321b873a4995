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

/// How a field prints in `__repr__`: numbers to 4 places, strings quoted, booleans as Python writes them.
trait ReprField {
    fn repr_field(&self) -> String;
}

impl ReprField for Decimal {
    fn repr_field(&self) -> String {
        self.round_dp(4).to_string()
    }
}

impl ReprField for &'static str {
    fn repr_field(&self) -> String {
        format!("'{self}'")
    }
}

impl ReprField for bool {
    fn repr_field(&self) -> String {
        (if *self { "True" } else { "False" }).to_owned()
    }
}

/// Declares a frozen result class from its fields: the struct with a getter per field, equality and hash,
/// `__repr__` (`Name(field=value, ...)`), `to_dict()` and `_repr_html_` (a titled table of `$html` rows).
macro_rules! py_record {
    (
        $(#[$doc:meta])*
        $name:ident, title = $title:literal {
            $($(#[$fdoc:meta])* $field:ident: $ty:ty,)+
        }
        html(|$s:ident| $html:expr)
    ) => {
        $(#[$doc])*
        #[pyclass(module = "ltv", frozen, eq, hash, from_py_object)]
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name {
            $($(#[$fdoc])* #[pyo3(get)] $field: $ty,)+
        }

        #[pymethods]
        impl $name {
            fn __repr__(&self) -> String {
                let fields: Vec<String> =
                    vec![$(format!("{}={}", stringify!($field), ReprField::repr_field(&self.$field))),+];
                format!("{}({})", stringify!($name), fields.join(", "))
            }

            fn _repr_html_(&self) -> String {
                let $s = self;
                let rows: Vec<(&str, String)> = $html;
                html_table($title, &rows)
            }

            /// The fields as a dict.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                let d = PyDict::new(py);
                $(d.set_item(stringify!($field), self.$field)?;)+
                Ok(d)
            }
        }
    };
}

py_record! {
    /// An LTV:CAC ratio with its health band.
    LtvCacRatio, title = "LTV:CAC" {
        /// LTV / CAC.
        ratio: Decimal,
        /// "overspending", "healthy" or "under_investing".
        band: &'static str,
        /// Lower bound of the healthy band.
        healthy_min: Decimal,
        /// Upper bound of the healthy band.
        healthy_max: Decimal,
    }
    html(|s| vec![
        ("ratio", format!("{}:1", s.ratio.round_dp(2))),
        ("band", s.band.to_owned()),
        ("healthy band", format!("{} to {}", s.healthy_min, s.healthy_max)),
    ])
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

py_record! {
    /// CAC payback in months, the target, and whether it is met.
    CacPayback, title = "CAC payback" {
        /// CAC / (ARPU x gross margin), in months.
        months: Decimal,
        /// The target in months.
        target_months: Decimal,
        /// `months <= target_months`.
        meets_target: bool,
    }
    html(|s| vec![
        ("months", s.months.round_dp(1).to_string()),
        ("target", format!("{} months", s.target_months)),
        ("meets target", if s.meets_target { "yes" } else { "no" }.to_owned()),
    ])
}

impl CacPayback {
    pub(crate) fn from_core(p: core::CacPayback) -> Self {
        Self { months: p.months, target_months: p.target_months, meets_target: p.meets_target }
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
