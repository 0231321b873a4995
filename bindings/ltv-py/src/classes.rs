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
            ///
            /// Returns
            /// -------
            /// dict
            ///     Field name to value (``Decimal``, ``str`` or ``bool``).
            ///
            /// Examples
            /// --------
            /// >>> import ltv
            /// >>> sorted(ltv.ltv_cac_ratio(ltv=12000, cac=3000).to_dict())
            /// ['band', 'healthy_max', 'healthy_min', 'ratio']
            #[allow(clippy::doc_lazy_continuation)]
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                let d = PyDict::new(py);
                $(d.set_item(stringify!($field), self.$field)?;)+
                Ok(d)
            }
        }
    };
}

py_record! {
    /// An LTV:CAC ratio with its health band: the result of :func:`ltv.ltv_cac_ratio`.
    ///
    /// Immutable; equal when every field is equal. ``repr()`` lists the fields, ``_repr_html_()`` is a table
    /// for notebooks and ``to_dict()`` returns the fields.
    ///
    /// Attributes
    /// ----------
    /// ratio : Decimal
    ///     LTV / CAC.
    /// band : str
    ///     ``"overspending"`` (below ``healthy_min``), ``"healthy"`` or ``"under_investing"`` (above ``healthy_max``).
    /// healthy_min, healthy_max : Decimal
    ///     The healthy band.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> r = ltv.ltv_cac_ratio(ltv=12000, cac=3000)
    /// >>> r.ratio, r.band
    /// (Decimal('4'), 'healthy')
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
    /// CAC payback in months, the target, and whether it is met: the result of :func:`ltv.cac_payback_months`.
    ///
    /// Immutable; equal when every field is equal. ``repr()`` lists the fields, ``_repr_html_()`` is a table
    /// for notebooks and ``to_dict()`` returns the fields.
    ///
    /// Attributes
    /// ----------
    /// months : Decimal
    ///     CAC / (ARPU x gross margin), in months.
    /// target_months : Decimal
    ///     The target, in months.
    /// meets_target : bool
    ///     ``months <= target_months``.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> p = ltv.cac_payback_months(cac=3000, arpu=500, gross_margin=0.8)
    /// >>> p.months, p.meets_target
    /// (Decimal('7.5'), True)
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
///
/// All amounts are MRR (monthly recurring revenue) in your currency, each >= 0; ``churned + contraction`` may not
/// exceed ``starting_mrr``. Immutable; ``repr()`` lists the movements, ``_repr_html_()`` is a table with every
/// rate, ``to_dict()`` returns the movements. :mod:`ltv.vec` has each rate over columns.
///
/// Parameters
/// ----------
/// starting_mrr : int, float, str or Decimal
///     MRR at the start of the period.
/// new, expansion, contraction, churned, reactivation : int, float, str or Decimal, default 0
///     MRR from new customers, added by existing customers, removed by customers who stayed, of customers who
///     left, and of customers who came back.
///
/// Raises
/// ------
/// InvalidInputError
///     A negative amount, or more MRR lost than there was (``.field`` names it).
/// TypeError, NotFiniteError
///     A ``bool``, ``None``, non-number, NaN or infinite input.
///
/// Examples
/// --------
/// >>> import ltv
/// >>> m = ltv.MrrMovements(starting_mrr=100000, new=8000, expansion=4000, contraction=1500, churned=3500)
/// >>> m.ending_mrr(), m.net_revenue_retention(), m.quick_ratio()
/// (Decimal('107000'), Decimal('0.99'), Decimal('2.40'))
#[allow(clippy::doc_lazy_continuation)]
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

    /// MRR at the end of the period: start + new + expansion + reactivation - contraction - churned.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     The ending MRR, in the currency of the movements.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> m = ltv.MrrMovements(starting_mrr=100000, new=8000, expansion=4000, contraction=1500, churned=3500)
    /// >>> m.ending_mrr()
    /// Decimal('107000')
    #[allow(clippy::doc_lazy_continuation)]
    fn ending_mrr(&self) -> PyResult<Decimal> {
        Ok(self.inner.ending_mrr().map_err(PyLtvError)?)
    }
    /// Gross MRR churn = (churned + contraction) / starting MRR.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     A fraction in [0, 1].
    ///
    /// Raises
    /// ------
    /// UndefinedError
    ///     ``starting_mrr`` is 0.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> m = ltv.MrrMovements(starting_mrr=100000, new=8000, expansion=4000, contraction=1500, churned=3500)
    /// >>> m.gross_mrr_churn()
    /// Decimal('0.05')
    #[allow(clippy::doc_lazy_continuation)]
    fn gross_mrr_churn(&self) -> PyResult<Decimal> {
        Ok(self.inner.gross_mrr_churn().map_err(PyLtvError)?)
    }
    /// Net MRR churn = (churned + contraction - expansion - reactivation) / starting MRR.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     A fraction, negative when expansion outweighs losses.
    ///
    /// Raises
    /// ------
    /// UndefinedError
    ///     ``starting_mrr`` is 0.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> m = ltv.MrrMovements(starting_mrr=100000, new=8000, expansion=4000, contraction=1500, churned=3500)
    /// >>> m.net_mrr_churn()
    /// Decimal('0.01')
    #[allow(clippy::doc_lazy_continuation)]
    fn net_mrr_churn(&self) -> PyResult<Decimal> {
        Ok(self.inner.net_mrr_churn().map_err(PyLtvError)?)
    }
    /// Net revenue retention (NRR) = 1 - net MRR churn.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     A fraction, above 1 when expansion outweighs losses.
    ///
    /// Raises
    /// ------
    /// UndefinedError
    ///     ``starting_mrr`` is 0.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> m = ltv.MrrMovements(starting_mrr=100000, new=8000, expansion=4000, contraction=1500, churned=3500)
    /// >>> m.net_revenue_retention()
    /// Decimal('0.99')
    #[allow(clippy::doc_lazy_continuation)]
    fn net_revenue_retention(&self) -> PyResult<Decimal> {
        Ok(self.inner.net_revenue_retention().map_err(PyLtvError)?)
    }
    /// Gross revenue retention (GRR) = (start - contraction - churned) / start, at most 1.
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     A fraction in [0, 1].
    ///
    /// Raises
    /// ------
    /// UndefinedError
    ///     ``starting_mrr`` is 0.
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> m = ltv.MrrMovements(starting_mrr=100000, new=8000, expansion=4000, contraction=1500, churned=3500)
    /// >>> m.gross_revenue_retention()
    /// Decimal('0.95')
    #[allow(clippy::doc_lazy_continuation)]
    fn gross_revenue_retention(&self) -> PyResult<Decimal> {
        Ok(self.inner.gross_revenue_retention().map_err(PyLtvError)?)
    }
    /// SaaS quick ratio = (new + expansion + reactivation) / (churned + contraction).
    ///
    /// Returns
    /// -------
    /// Decimal
    ///     Growth per unit of loss (above 4 is commonly read as efficient growth).
    ///
    /// Raises
    /// ------
    /// UndefinedError
    ///     Nothing was lost (``churned + contraction`` is 0).
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> m = ltv.MrrMovements(starting_mrr=100000, new=8000, expansion=4000, contraction=1500, churned=3500)
    /// >>> m.quick_ratio()
    /// Decimal('2.40')
    #[allow(clippy::doc_lazy_continuation)]
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
    ///
    /// Returns
    /// -------
    /// dict
    ///     ``starting_mrr``, ``new``, ``expansion``, ``contraction``, ``churned`` and ``reactivation`` (``Decimal``).
    ///
    /// Examples
    /// --------
    /// >>> import ltv
    /// >>> ltv.MrrMovements(starting_mrr=100, churned=5).to_dict()["churned"]
    /// Decimal('5')
    #[allow(clippy::doc_lazy_continuation)]
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
