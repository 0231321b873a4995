//! Attribution over columns (GIL released while the models run): `ltv.attribution` encodes the frames into
//! label codes, day counts and numbers, and builds the output frames; every number comes from
//! `ltv_core::attribution`.

use ltv_core::attribution::{
    Attribution, AttributionModel, AttributionOptions, JourneyColumns, Journeys, PositionShares, ValueColumn, attribute,
};
use ltv_core::{Decimal, LtvError, RowError};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::convert::parse_decimal;
use crate::errors::{to_py, to_py_row};

type F64s<'py> = PyReadonlyArray1<'py, f64>;
type Codes<'py> = PyReadonlyArray1<'py, i64>;

fn row_err(py: Python<'_>, e: RowError) -> PyErr {
    match e.row {
        Some(row) => to_py_row(py, e.error, row),
        None => to_py(py, e.error),
    }
}

fn slice<'a, T: numpy::Element>(field: &'static str, a: &'a PyReadonlyArray1<'_, T>, n: usize) -> PyResult<&'a [T]> {
    let s = a.as_slice().map_err(|_| pyo3::exceptions::PyValueError::new_err(format!("{field}: not contiguous")))?;
    if s.len() != n {
        let e = LtvError::InvalidInput {
            field,
            value: format!("{} values for {n} rows", s.len()),
            allowed: "one value per row",
            suggestion: None,
        };
        return Err(Python::attach(|py| to_py(py, e)));
    }
    Ok(s)
}

/// Non-negative codes; a negative one is an error naming the row.
fn codes(field: &'static str, s: &[i64]) -> Result<Vec<usize>, RowError> {
    s.iter()
        .enumerate()
        .map(|(row, &c)| {
            usize::try_from(c).map_err(|_| {
                RowError::in_row(
                    row,
                    LtvError::InvalidInput {
                        field,
                        value: c.to_string(),
                        allowed: "an index into the labels",
                        suggestion: None,
                    },
                )
            })
        })
        .collect()
}

/// A number of a column: from its text (`Decimal` input) when given, else from the float (shortest repr);
/// `None` for a missing one (NaN or empty text).
fn number(field: &'static str, row: usize, x: f64, text: Option<&String>) -> Result<Option<Decimal>, RowError> {
    let parsed = match text {
        Some(t) if t.is_empty() => return Ok(None),
        Some(t) => parse_decimal(field, t),
        None if x.is_nan() => return Ok(None),
        None if !x.is_finite() => Err(LtvError::NotFinite { field, value: x.to_string() }),
        None => match cents(x) {
            Some(d) => Ok(d),
            None => parse_decimal(field, &x.to_string()),
        },
    };
    parsed.map(Some).map_err(RowError::at(row))
}

/// A float that is a whole number of cents, exactly as its shortest repr reads (`19.99` -> `19.99`): `n / 100`
/// for the whole `n = 100 x`, when `n / 100` is that same float (below 9e13 cents every such decimal is the
/// float's shortest repr, normalised); `None` otherwise (the caller parses the repr).
fn cents(x: f64) -> Option<Decimal> {
    let y = (x * 100.0).round();
    if y.abs() < 9.0e13 && y / 100.0 == x {
        // |y| < 9e13 fits i64 exactly.
        Some(Decimal::new(y as i64, 2).normalize())
    } else {
        None
    }
}

/// The outcomes' float values as whole cents (`Units` at the least scale they need: 0, 1 or 2), read without
/// a Decimal per row; `None` when some value is not a whole number of cents (the caller reads decimals).
/// A missing value (NaN) of a journey that did not convert is 0; of one that converted, an error naming it.
fn value_units(values: &[f64], converted: &[bool]) -> Result<Option<(Vec<i64>, u32)>, RowError> {
    let mut units = Vec::with_capacity(values.len());
    let mut scale = 0;
    for (row, (&x, &won)) in values.iter().zip(converted).enumerate() {
        if x.is_nan() {
            if won {
                return Err(RowError::in_row(
                    row,
                    LtvError::NotFinite { field: "outcomes.value", value: "NaN".to_owned() },
                ));
            }
            units.push(0);
            continue;
        }
        if !x.is_finite() {
            return Err(RowError::in_row(row, LtvError::NotFinite { field: "outcomes.value", value: x.to_string() }));
        }
        let y = (x * 100.0).round();
        if !(y.abs() < 9.0e13 && y / 100.0 == x) {
            return Ok(None);
        }
        // |y| < 9e13 fits i64 exactly.
        let u = y as i64;
        scale = scale.max(if u % 10 != 0 { 2 } else { u32::from(u % 100 != 0) });
        units.push(u);
    }
    // Units of the least scale: cents divided by 10 or 100 where no value needs them (exactly).
    let div = 10_i64.pow(2 - scale);
    units.iter_mut().for_each(|u| *u /= div);
    Ok(Some((units, scale)))
}

/// Attribution over columns. `journeys` (labels, only used in messages) may be `None`: then the journeys are
/// `0..n_journeys` and a message names a journey by its index (the caller asks again with labels to show the
/// error). `tp_cost`, `out_conversion_time` are `None` without the column; `values_text` / `costs_text` (`str`
/// of each `Decimal`, `""` for missing) replace the float columns when the frame held `Decimal`s. Float values
/// that are whole cents travel as units (no Decimal per row). Returns `{"channels": {column: list},
/// "journeys": {column: list} or None, "models", "conversions", "value", "conversion_probability",
/// "removal_effects"}`; money as `Decimal` when `as_decimal`, else float.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (channels, journeys, n_journeys, tp_journey, tp_time, tp_channel, tp_cost, tp_cost_text, out_journey,
    out_converted, out_value, out_value_text, out_conversion_time, cost_channel, cost_value, models,
    direct_channel, half_life_days, first_share, last_share, decimals, per_journey, as_decimal))]
pub fn _attribution<'py>(
    py: Python<'py>,
    channels: Vec<String>,
    journeys: Option<Vec<String>>,
    n_journeys: usize,
    tp_journey: Codes<'py>,
    tp_time: F64s<'py>,
    tp_channel: Codes<'py>,
    tp_cost: Option<F64s<'py>>,
    tp_cost_text: Option<Vec<String>>,
    out_journey: Codes<'py>,
    out_converted: F64s<'py>,
    out_value: F64s<'py>,
    out_value_text: Option<Vec<String>>,
    out_conversion_time: Option<F64s<'py>>,
    cost_channel: Vec<i64>,
    cost_value: Vec<String>,
    models: Vec<String>,
    direct_channel: String,
    half_life_days: f64,
    first_share: String,
    last_share: String,
    decimals: u32,
    per_journey: bool,
    as_decimal: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let e = |err: LtvError| to_py(py, err);
    let models: Vec<AttributionModel> =
        models.iter().map(|m| m.parse::<AttributionModel>().map_err(e)).collect::<PyResult<_>>()?;
    let shares = PositionShares::new(
        parse_decimal("first_share", &first_share).map_err(e)?,
        parse_decimal("last_share", &last_share).map_err(e)?,
    )
    .map_err(e)?;
    let options = AttributionOptions::default()
        .with_direct_channel(direct_channel)
        .with_half_life_days(half_life_days)
        .map_err(e)?
        .with_position_shares(shares)
        .with_per_journey(per_journey);
    if let Some(labels) = journeys.as_ref().filter(|l| l.len() != n_journeys) {
        return Err(e(LtvError::InvalidInput {
            field: "journeys",
            value: format!("{} labels for {n_journeys} journeys", labels.len()),
            allowed: "one label per journey",
            suggestion: None,
        }));
    }
    let n_tp = tp_journey.len()?;
    let tj = slice("touchpoints.journey", &tp_journey, n_tp)?;
    let tt = slice("touchpoints.timestamp", &tp_time, n_tp)?;
    let tc = slice("touchpoints.channel", &tp_channel, n_tp)?;
    let tcost = tp_cost.as_ref().map(|c| slice("touchpoints.cost", c, n_tp)).transpose()?;
    let n_out = out_journey.len()?;
    let oj = slice("outcomes.journey", &out_journey, n_out)?;
    let oc = slice("outcomes.converted", &out_converted, n_out)?;
    let ov = slice("outcomes.value", &out_value, n_out)?;
    let ot = out_conversion_time.as_ref().map(|t| slice("outcomes.conversion_time", t, n_out)).transpose()?;
    let result: Result<Attribution, RowError> = py.detach(|| {
        let (tj, tc, oj) =
            (codes("touchpoints.journey", tj)?, codes("touchpoints.channel", tc)?, codes("outcomes.journey", oj)?);
        let tp_cost: Option<Vec<Option<Decimal>>> = match (tcost, &tp_cost_text) {
            (_, Some(text)) => Some(
                (0..n_tp)
                    .map(|row| number("touchpoints.cost", row, f64::NAN, text.get(row).or(Some(&String::new()))))
                    .collect::<Result<_, _>>()?,
            ),
            (Some(x), None) => Some(
                x.iter()
                    .enumerate()
                    .map(|(row, &v)| number("touchpoints.cost", row, v, None))
                    .collect::<Result<_, _>>()?,
            ),
            (None, None) => None,
        };
        let mut converted = Vec::with_capacity(n_out);
        for (row, &x) in oc.iter().enumerate() {
            converted.push(if x == 1.0 {
                true
            } else if x == 0.0 {
                false
            } else {
                return Err(RowError::in_row(
                    row,
                    LtvError::InvalidInput {
                        field: "outcomes.converted",
                        value: x.to_string(),
                        allowed: "0 or 1 (or a bool)",
                        suggestion: None,
                    },
                ));
            });
        }
        let units = if out_value_text.is_none() { value_units(ov, &converted)? } else { None };
        let decimals_column: Vec<Decimal> = if units.is_some() {
            Vec::new()
        } else {
            let mut values = Vec::with_capacity(n_out);
            for row in 0..n_out {
                let value = number("outcomes.value", row, ov[row], out_value_text.as_ref().and_then(|t| t.get(row)))?;
                values.push(match value {
                    Some(v) => v,
                    // A lead that did not convert may leave its value empty.
                    None if !converted[row] => Decimal::ZERO,
                    None => {
                        return Err(RowError::in_row(
                            row,
                            LtvError::NotFinite { field: "outcomes.value", value: "NaN".to_owned() },
                        ));
                    }
                });
            }
            values
        };
        let out_value = match &units {
            Some((u, scale)) => ValueColumn::Units { units: u, scale: *scale },
            None => ValueColumn::Decimals(&decimals_column),
        };
        let times: Option<Vec<Option<f64>>> = ot.map(|t| t.iter().map(|&x| (!x.is_nan()).then_some(x)).collect());
        let mut costs = Vec::with_capacity(cost_channel.len());
        for (row, (&c, text)) in cost_channel.iter().zip(&cost_value).enumerate() {
            let c = codes("costs.channel", &[c]).map_err(|err| RowError::in_row(row, err.error))?[0];
            let x = parse_decimal("costs.cost", text).map_err(RowError::at(row))?;
            costs.push((c, x));
        }
        let columns = JourneyColumns {
            tp_journey: &tj,
            tp_time_days: tt,
            tp_channel: &tc,
            tp_cost: tp_cost.as_deref(),
            out_journey: &oj,
            out_converted: &converted,
            out_value,
            out_conversion_time_days: times.as_deref(),
        };
        let label = |j: usize| journeys.as_ref().and_then(|l| l.get(j).cloned()).unwrap_or_else(|| format!("#{j}"));
        let data = Journeys::from_columns(&channels, n_journeys, &label, &columns, &costs, decimals)?;
        attribute(&data, &models, &options)
    });
    let result = result.map_err(|err| row_err(py, err))?;
    build(py, &result, as_decimal)
}

fn money<'py>(py: Python<'py>, xs: Vec<Decimal>, as_decimal: bool) -> PyResult<Bound<'py, PyAny>> {
    if as_decimal {
        Ok(PyList::new(py, xs)?.into_any())
    } else {
        let f: Vec<f64> = xs.iter().map(|x| x.to_string().parse::<f64>().unwrap_or(f64::NAN)).collect();
        Ok(f.into_pyarray(py).into_any())
    }
}

fn build<'py>(py: Python<'py>, r: &Attribution, as_decimal: bool) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    let ch = PyDict::new(py);
    ch.set_item("channel", r.channels.iter().map(|c| c.channel.clone()).collect::<Vec<_>>())?;
    ch.set_item("touchpoints", r.channels.iter().map(|c| c.touchpoints).collect::<Vec<_>>().into_pyarray(py))?;
    ch.set_item("journeys", r.channels.iter().map(|c| c.journeys).collect::<Vec<_>>().into_pyarray(py))?;
    ch.set_item("cost", money(py, r.channels.iter().map(|c| c.cost).collect(), as_decimal)?)?;
    for (m, model) in r.models.iter().enumerate() {
        let conv: Vec<f64> =
            r.channels.iter().map(|c| c.conversions[m].to_string().parse::<f64>().unwrap_or(f64::NAN)).collect();
        ch.set_item(format!("{model}_conversions"), conv.into_pyarray(py))?;
        ch.set_item(format!("{model}_value"), money(py, r.channels.iter().map(|c| c.value[m]).collect(), as_decimal)?)?;
    }
    out.set_item("channels", ch)?;
    if r.journeys.journey.is_empty() {
        out.set_item("journeys", py.None())?;
    } else {
        let pj = PyDict::new(py);
        let j: Vec<i64> = r.journeys.journey.iter().map(|&x| i64::try_from(x).unwrap_or(-1)).collect();
        let c: Vec<i64> = r.journeys.channel.iter().map(|&x| i64::try_from(x).unwrap_or(-1)).collect();
        pj.set_item("journey", j.into_pyarray(py))?;
        pj.set_item("channel", c.into_pyarray(py))?;
        for (m, model) in r.models.iter().enumerate() {
            let conv: Vec<f64> =
                r.journeys.conversions[m].iter().map(|x| x.to_string().parse::<f64>().unwrap_or(f64::NAN)).collect();
            pj.set_item(format!("{model}_conversions"), conv.into_pyarray(py))?;
            pj.set_item(format!("{model}_value"), money(py, r.journeys.value[m].clone(), as_decimal)?)?;
        }
        out.set_item("journeys", pj)?;
    }
    // Lead value per model: {model: {"lead_ltv", "cost_per_lead", "ltv_cpl"}} (None where undefined).
    let leads = PyDict::new(py);
    for &model in &r.models {
        let rows = r.channel_values(model).transpose().map_err(|err| to_py(py, err))?.unwrap_or_default();
        let d = PyDict::new(py);
        let col = |f: fn(&ltv_core::attribution::ChannelValue) -> Option<Decimal>| -> PyResult<Bound<'py, PyAny>> {
            if as_decimal {
                Ok(PyList::new(py, rows.iter().map(f))?.into_any())
            } else {
                let xs: Vec<f64> =
                    rows.iter().map(|x| f(x).map_or(f64::NAN, |v| v.to_string().parse().unwrap_or(f64::NAN))).collect();
                Ok(xs.into_pyarray(py).into_any())
            }
        };
        d.set_item("lead_ltv", col(|x| x.lead_ltv)?)?;
        d.set_item("cost_per_lead", col(|x| x.cost_per_lead)?)?;
        d.set_item("ltv_cpl", col(|x| x.ltv_cpl)?)?;
        leads.set_item(model.as_str(), d)?;
    }
    out.set_item("leads", leads)?;
    out.set_item("models", r.models.iter().map(|m| m.as_str()).collect::<Vec<_>>())?;
    out.set_item("conversions", r.conversions)?;
    out.set_item("value", r.value)?;
    match &r.removal_effects {
        Some(e) => {
            out.set_item("conversion_probability", e.conversion_probability)?;
            out.set_item("removal_effects", e.removal_effects.clone())?;
        }
        None => {
            out.set_item("conversion_probability", py.None())?;
            out.set_item("removal_effects", py.None())?;
        }
    }
    Ok(out)
}
