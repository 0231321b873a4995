//! Lead tables over columns (f64, GIL released): the segment table, lead cohorts, campaign comparison, and
//! the reference figures. `ltv.leads` and `ltv.benchmarks` encode frames into these columns and build the
//! output frames; every number comes from `ltv-core`.

use ltv_core as core;
use ltv_core::cohort::PeriodUnit;
use ltv_core::{
    CampaignRanking, Fraction, HealthBands, LeadCohortObservation, LeadObservation, LeadWarning, LtvError, PriorRate,
    Ratio, RowError, SegmentOptions, SegmentRow, Shrinkage, SufficiencyObservation, SufficiencyOptions,
};
use numpy::{PyReadonlyArray1, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::convert::{Choice, option};
use crate::errors::{to_py, to_py_row};

type F64s<'py> = PyReadonlyArray1<'py, f64>;
type Codes<'py> = PyReadonlyArray1<'py, i64>;

pub(crate) fn row_err(py: Python<'_>, e: RowError) -> PyErr {
    match e.row {
        Some(row) => to_py_row(py, e.error, row),
        None => to_py(py, e.error),
    }
}

fn core_err(py: Python<'_>) -> impl Fn(LtvError) -> PyErr + '_ {
    move |e| to_py(py, e)
}

pub(crate) fn slice<'a, T: numpy::Element>(
    field: &'static str,
    a: &'a PyReadonlyArray1<'_, T>,
    n: usize,
) -> PyResult<&'a [T]> {
    let s = a.as_slice().map_err(|_| pyo3::exceptions::PyValueError::new_err(format!("{field}: not contiguous")))?;
    if s.len() != n {
        return Err(Python::attach(|py| {
            to_py(
                py,
                LtvError::InvalidInput {
                    field,
                    value: format!("{} values for {n} leads", s.len()),
                    allowed: "one value per lead",
                    suggestion: None,
                },
            )
        }));
    }
    Ok(s)
}

pub(crate) fn codes(field: &'static str, a: &Codes<'_>) -> PyResult<Vec<usize>> {
    let s = slice(field, a, a.len())?;
    s.iter()
        .enumerate()
        .map(|(row, &c)| {
            usize::try_from(c).map_err(|_| {
                Python::attach(|py| {
                    to_py_row(
                        py,
                        LtvError::InvalidInput {
                            field,
                            value: c.to_string(),
                            allowed: "an index into the labels",
                            suggestion: None,
                        },
                        row,
                    )
                })
            })
        })
        .collect()
}

/// 1.0 -> true, 0.0 -> false; anything else is an error naming the row.
pub(crate) fn to_bools(values: &[f64]) -> Result<Vec<bool>, RowError> {
    values
        .iter()
        .enumerate()
        .map(|(row, &v)| {
            if v == 1.0 {
                Ok(true)
            } else if v == 0.0 {
                Ok(false)
            } else {
                Err(RowError {
                    row: Some(row),
                    error: LtvError::InvalidInput {
                        field: "converted",
                        value: v.to_string(),
                        allowed: "0 or 1 (or a bool)",
                        suggestion: None,
                    },
                })
            }
        })
        .collect()
}

fn present(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

fn shrinkage(prior_strength: f64, prior_rate: Option<f64>) -> Result<Shrinkage<f64>, LtvError> {
    let prior = match prior_rate {
        Some(r) => PriorRate::Fixed(Fraction::named("prior_rate", r)?),
        None => PriorRate::Blended,
    };
    Shrinkage::new(prior_strength, prior)
}

fn push_row<'py>(cols: &Bound<'py, PyDict>, row: &SegmentRow<f64>) -> PyResult<()> {
    let add = |k: &str, v: Bound<'py, PyAny>| -> PyResult<()> {
        match cols.get_item(k)? {
            Some(list) => list.cast_into::<PyList>()?.append(v),
            None => cols.set_item(k, PyList::new(cols.py(), [v])?),
        }
    };
    let py = cols.py();
    add("segment", row.segment.as_str().into_pyobject(py)?.into_any())?;
    add("leads", row.leads.into_pyobject(py)?.into_any())?;
    add("conversions", row.conversions.into_pyobject(py)?.into_any())?;
    add("conversion_rate", row.conversion_rate.into_pyobject(py)?.into_any())?;
    add("shrunk_rate", row.shrunk_rate.into_pyobject(py)?.into_any())?;
    add("avg_customer_ltv", row.avg_customer_ltv.into_pyobject(py)?.into_any())?;
    add("ltv_basis", row.ltv_basis.as_str().into_pyobject(py)?.into_any())?;
    add("lead_ltv", row.lead_ltv.into_pyobject(py)?.into_any())?;
    add("cost_per_lead", row.cost_per_lead.into_pyobject(py)?.into_any())?;
    add("ltv_cpl", row.ltv_cpl.map(|r| r.ratio).into_pyobject(py)?.into_any())?;
    add("ltv_cpl_band", row.ltv_cpl.map(|r| r.band.as_str()).into_pyobject(py)?.into_any())?;
    add("bid_cap", row.bid_cap.into_pyobject(py)?.into_any())?;
    add("avg_days_to_close", row.avg_days_to_close.into_pyobject(py)?.into_any())?;
    Ok(())
}

/// The segment table over columns: `{"rows": {column: list}, "overall": {column: [value]}, "prior_rate",
/// "prior_strength", "warnings": [dict]}`.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _leads_segment_table<'py>(
    py: Python<'py>,
    labels: Vec<String>,
    segment: Codes<'py>,
    converted: F64s<'py>,
    customer_ltv: F64s<'py>,
    cost_per_lead: F64s<'py>,
    days_to_close: F64s<'py>,
    prior_strength: f64,
    prior_rate: Option<f64>,
    target_ratio: f64,
    healthy_min: f64,
    healthy_max: f64,
    spread_threshold: f64,
) -> PyResult<Bound<'py, PyDict>> {
    let seg = codes("segment", &segment)?;
    let n = seg.len();
    let conv = slice("converted", &converted, n)?;
    let ltv = slice("customer_ltv", &customer_ltv, n)?;
    let cost = slice("cost_per_lead", &cost_per_lead, n)?;
    let days = slice("days_to_close", &days_to_close, n)?;
    let e = core_err(py);
    let options = SegmentOptions::default()
        .with_shrinkage(shrinkage(prior_strength, prior_rate).map_err(&e)?)
        .with_target_ratio(Ratio::named("target_ratio", target_ratio).map_err(&e)?)
        .with_bands(HealthBands::new(healthy_min, healthy_max).map_err(&e)?)
        .with_spread_threshold(Ratio::named("spread_threshold", spread_threshold).map_err(&e)?);
    let table = py
        .detach(|| {
            let conv = to_bools(conv)?;
            let leads = (0..n).map(|i| LeadObservation {
                segment: seg[i],
                converted: conv[i],
                customer_ltv: present(ltv[i]),
                cost_per_lead: cost[i],
                days_to_close: present(days[i]),
            });
            core::segment_table(&labels, leads, options)
        })
        .map_err(|err| row_err(py, err))?;
    let out = PyDict::new(py);
    let rows = PyDict::new(py);
    for row in &table.rows {
        push_row(&rows, row)?;
    }
    let overall = PyDict::new(py);
    push_row(&overall, &table.overall)?;
    out.set_item("rows", rows)?;
    out.set_item("overall", overall)?;
    out.set_item("prior_rate", table.prior_rate)?;
    out.set_item("prior_strength", table.prior_strength)?;
    out.set_item("warnings", warning_list(py, &table.warnings)?)?;
    Ok(out)
}

fn warning_list<'py>(py: Python<'py>, list: &[LeadWarning<f64>]) -> PyResult<Bound<'py, PyList>> {
    let warnings = PyList::empty(py);
    for w in list {
        let d = PyDict::new(py);
        d.set_item("kind", w.kind.as_str())?;
        d.set_item("metric", w.metric)?;
        d.set_item("segment", w.segment.as_deref())?;
        d.set_item("max_segment", w.max_segment.as_deref())?;
        d.set_item("min_segment", w.min_segment.as_deref())?;
        d.set_item("ratio", w.ratio)?;
        d.set_item("message", w.message.as_str())?;
        warnings.append(d)?;
    }
    Ok(warnings)
}

/// The data-sufficiency warnings over columns (`ltv_core::sufficiency_warnings`): a list of warning dicts.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _leads_sufficiency_warnings<'py>(
    py: Python<'py>,
    labels: Vec<String>,
    segment: Codes<'py>,
    converted: F64s<'py>,
    days_to_close: F64s<'py>,
    age_days: F64s<'py>,
    cycles: f64,
    min_conversions: u32,
    conversion_window_days: Option<f64>,
    open_share: f64,
) -> PyResult<Bound<'py, PyList>> {
    let seg = codes("segment", &segment)?;
    let n = seg.len();
    let conv = slice("converted", &converted, n)?;
    let days = slice("days_to_close", &days_to_close, n)?;
    let ages = slice("age_days", &age_days, n)?;
    let options =
        SufficiencyOptions::new(cycles, min_conversions, conversion_window_days, open_share).map_err(core_err(py))?;
    let warnings = py
        .detach(|| {
            let conv = to_bools(conv)?;
            let leads = (0..n).map(|i| SufficiencyObservation {
                segment: seg[i],
                converted: conv[i],
                days_to_close: present(days[i]),
                age_days: ages[i],
            });
            core::sufficiency_warnings(&labels, leads, options)
        })
        .map_err(|err| row_err(py, err))?;
    warning_list(py, &warnings)
}

/// Lead cohorts over columns: `{column: list}`, one entry per (channel, month). `created` holds each lead's
/// creation day as days since 1970-01-01 (numpy `datetime64[D]`); the month index is computed here.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _leads_cohorts<'py>(
    py: Python<'py>,
    labels: Vec<String>,
    channel: Codes<'py>,
    created: Codes<'py>,
    converted: F64s<'py>,
    customer_ltv: F64s<'py>,
    prior_strength: f64,
    prior_rate: Option<f64>,
) -> PyResult<Bound<'py, PyDict>> {
    let ch = codes("channel", &channel)?;
    let n = ch.len();
    let days = slice("created", &created, n)?;
    let conv = slice("converted", &converted, n)?;
    let ltv = slice("customer_ltv", &customer_ltv, n)?;
    let shrink = shrinkage(prior_strength, prior_rate).map_err(core_err(py))?;
    let rows = py
        .detach(|| {
            let conv = to_bools(conv)?;
            let mut month_numbers = Vec::with_capacity(n);
            for (row, &day) in days.iter().enumerate() {
                let index = PeriodUnit::Month.index_of_day(day).map_err(|_| RowError {
                    row: Some(row),
                    error: LtvError::InvalidInput {
                        field: "created",
                        value: day.to_string(),
                        allowed: "a day (days since 1970-01-01) from 0001-01-01 to 9999-12-31",
                        suggestion: None,
                    },
                })?;
                month_numbers.push(index);
            }
            let leads = (0..n).map(|i| LeadCohortObservation {
                channel: ch[i],
                month: month_numbers[i],
                converted: conv[i],
                customer_ltv: present(ltv[i]),
            });
            core::lead_cohorts(&labels, leads, shrink)
        })
        .map_err(|err| row_err(py, err))?;
    let out = PyDict::new(py);
    out.set_item("channel", rows.iter().map(|r| r.channel.as_str()).collect::<Vec<_>>())?;
    let months = rows
        .iter()
        .map(|r| PeriodUnit::Month.start(r.month).map(|d| format!("{:04}-{:02}", d.year, d.month)))
        .collect::<ltv_core::Result<Vec<_>>>()
        .map_err(core_err(py))?;
    out.set_item("month", months)?;
    out.set_item("leads", rows.iter().map(|r| r.leads).collect::<Vec<_>>())?;
    out.set_item("conversions", rows.iter().map(|r| r.conversions).collect::<Vec<_>>())?;
    out.set_item("conversion_rate", rows.iter().map(|r| r.conversion_rate).collect::<Vec<_>>())?;
    out.set_item("shrunk_rate", rows.iter().map(|r| r.shrunk_rate).collect::<Vec<_>>())?;
    out.set_item("avg_customer_ltv", rows.iter().map(|r| r.avg_customer_ltv).collect::<Vec<_>>())?;
    out.set_item("ltv_basis", rows.iter().map(|r| r.ltv_basis.as_str()).collect::<Vec<_>>())?;
    out.set_item("lead_ltv", rows.iter().map(|r| r.lead_ltv).collect::<Vec<_>>())?;
    Ok(out)
}

/// Campaign comparison over columns: `{column: list}`, ranked.
#[pyfunction]
pub fn _leads_compare_campaigns<'py>(
    py: Python<'py>,
    labels: Vec<String>,
    campaign: Codes<'py>,
    value: F64s<'py>,
    cost: F64s<'py>,
    rank_by: Choice,
) -> PyResult<Bound<'py, PyDict>> {
    let ranking: CampaignRanking = option(&rank_by)?;
    let c = codes("campaign", &campaign)?;
    let n = c.len();
    let v = slice("value", &value, n)?;
    let k = slice("cost", &cost, n)?;
    let rows = py.detach(|| core::compare_campaigns(&labels, &c, v, k, ranking)).map_err(|err| row_err(py, err))?;
    let out = PyDict::new(py);
    out.set_item("rank", rows.iter().map(|r| r.rank).collect::<Vec<_>>())?;
    out.set_item("campaign", rows.iter().map(|r| r.campaign.as_str()).collect::<Vec<_>>())?;
    out.set_item("leads", rows.iter().map(|r| r.leads).collect::<Vec<_>>())?;
    out.set_item("total_value", rows.iter().map(|r| r.total_value).collect::<Vec<_>>())?;
    out.set_item("value_per_lead", rows.iter().map(|r| r.value_per_lead).collect::<Vec<_>>())?;
    out.set_item("cost", rows.iter().map(|r| r.cost).collect::<Vec<_>>())?;
    out.set_item("value_per_cost", rows.iter().map(|r| r.value_per_cost).collect::<Vec<_>>())?;
    Ok(out)
}

/// A lookup key (a benchmark's metric or segment): a `str`, else a `TypeError` naming `field`.
fn key<'a>(field: &str, choice: &'a Choice) -> PyResult<&'a str> {
    match choice {
        Choice::Default(s) => Ok(s),
        Choice::Text(s) | Choice::Unencodable(s) => Ok(s.as_str()),
        Choice::NotText(type_name) => {
            Err(pyo3::exceptions::PyTypeError::new_err(format!("{field}: expected a string, got {type_name}")))
        }
    }
}

fn figure<'py>(py: Python<'py>, b: &core::benchmarks::Benchmark) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("metric", b.metric)?;
    d.set_item("segment", b.segment)?;
    d.set_item("value", b.value)?;
    d.set_item("unit", b.unit)?;
    d.set_item("source", b.source)?;
    d.set_item("year", b.year)?;
    Ok(d)
}

/// The reference figures, one dict each (`value` is a `decimal.Decimal`).
#[pyfunction]
pub fn _benchmarks(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let out = PyList::empty(py);
    for b in core::benchmarks::all() {
        out.append(figure(py, &b)?)?;
    }
    Ok(out)
}

/// The figure for `metric` and `segment` (`ltv_core::benchmarks::find`), or `KeyError` naming the known
/// segments of the metric (the known metrics for an unknown one).
#[pyfunction]
pub fn _benchmark_find<'py>(py: Python<'py>, metric: Choice, segment: Choice) -> PyResult<Bound<'py, PyDict>> {
    let (metric, segment) = (key("metric", &metric)?, key("segment", &segment)?);
    if let Some(b) = core::benchmarks::find(metric, segment) {
        return figure(py, &b);
    }
    let all = core::benchmarks::all();
    let mut known: Vec<&str> = all.iter().filter(|b| b.metric == metric).map(|b| b.segment).collect();
    let message = if known.is_empty() {
        let mut metrics: Vec<&str> = all.iter().map(|b| b.metric).collect();
        metrics.sort_unstable();
        metrics.dedup();
        format!("metric '{metric}': no such benchmark; known metrics: {}", quoted(&metrics))
    } else {
        known.sort_unstable();
        format!("{metric} for segment '{segment}': no such benchmark; known segments: {}", quoted(&known))
    };
    Err(pyo3::exceptions::PyKeyError::new_err(message))
}

/// `['a', 'b']`, as Python prints a list of names.
fn quoted(names: &[&str]) -> String {
    let items: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    format!("[{}]", items.join(", "))
}

/// The defaults of the lead and cohort tables, read from the Rust defaults (`SegmentOptions::default()`,
/// `DEFAULT_PRIOR_STRENGTH`, `CampaignRanking::default()`, `PeriodUnit::default()`) so that Python never retypes them.
#[pyfunction]
pub fn _defaults(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let options = SegmentOptions::<f64>::default();
    let d = PyDict::new(py);
    d.set_item("prior_strength", f64::from(core::DEFAULT_PRIOR_STRENGTH))?;
    d.set_item("target_ratio", options.target_ratio.get())?;
    d.set_item("healthy_min", options.bands.healthy_min())?;
    d.set_item("healthy_max", options.bands.healthy_max())?;
    d.set_item("spread_threshold", options.spread_threshold.get())?;
    d.set_item("rank_by", CampaignRanking::default().as_str())?;
    d.set_item("unit", PeriodUnit::default().as_str())?;
    Ok(d)
}

/// Field names and "allowed" texts of `_invalid_input_error`, interned: `LtvError` holds `&'static str`, and
/// the Python call sites pass a small fixed set of literals, so each distinct text is leaked once.
fn intern(text: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static TEXTS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut texts = TEXTS.get_or_init(|| Mutex::new(HashSet::new())).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&known) = texts.get(text) {
        return known;
    }
    let leaked: &'static str = Box::leak(text.to_owned().into_boxed_str());
    texts.insert(leaked);
    leaked
}

/// The `ltv.InvalidInputError` of a check made in Python before the data reaches Rust (a missing label, a
/// null date): the message is `ltv_core::LtvError::InvalidInput`'s (and `RowError`'s `row {row}: ` prefix),
/// with `.field`, `.value`, `.kind` and `.row` set as for every Rust error. Returned, not raised.
#[pyfunction]
#[pyo3(signature = (field, value, row, allowed))]
pub fn _invalid_input_error(py: Python<'_>, field: &str, value: &str, row: Option<usize>, allowed: &str) -> Py<PyAny> {
    let error = LtvError::InvalidInput {
        field: intern(field),
        value: value.to_owned(),
        allowed: intern(allowed),
        suggestion: None,
    };
    let err = match row {
        Some(row) => to_py_row(py, error, row),
        None => to_py(py, error),
    };
    err.into_value(py).into_any()
}
