//! Channel value over columns (f64, GIL released): ROAS and payback by channel. `ltv.channels` encodes
//! frames into these columns and builds the output frame; every number comes from `ltv-core`.

use ltv_core as core;
use ltv_core::{AcquiredCustomer, ChannelMargin, ChannelSpend, LtvError, RoasOptions, RowError};
use numpy::PyReadonlyArray1;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::to_py;
use crate::leads::{codes, row_err, slice};

type F64s<'py> = PyReadonlyArray1<'py, f64>;
type Codes<'py> = PyReadonlyArray1<'py, i64>;

/// Months as `u32`, each an error naming its row when negative or too large (the core checks 1..=1200).
fn months(values: &[i64]) -> Result<Vec<u32>, RowError> {
    values
        .iter()
        .enumerate()
        .map(|(row, &m)| {
            u32::try_from(m).map_err(|_| {
                RowError::in_row(
                    row,
                    LtvError::InvalidInput {
                        field: "month",
                        value: m.to_string(),
                        allowed: "a month after acquisition from 1 to 1200 (MAX_PAYBACK_MONTHS)",
                        suggestion: None,
                    },
                )
            })
        })
        .collect()
}

/// `ltv_core::channel_roas` over columns: `{column: list}`, one entry per channel with spend or customers.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _channel_roas<'py>(
    py: Python<'py>,
    labels: Vec<String>,
    spend_channel: Codes<'py>,
    spend: F64s<'py>,
    customer_channel: Codes<'py>,
    short_window_revenue: F64s<'py>,
    lifetime_value: F64s<'py>,
    margin_channel: Codes<'py>,
    month: Codes<'py>,
    margin: F64s<'py>,
    short_roas_below: f64,
    ltv_roas_at_least: f64,
) -> PyResult<Bound<'py, PyDict>> {
    let sc = codes("spend_channel", &spend_channel)?;
    let sp = slice("spend", &spend, sc.len())?;
    let cc = codes("customer_channel", &customer_channel)?;
    let short = slice("short_window_revenue", &short_window_revenue, cc.len())?;
    let ltv = slice("lifetime_value", &lifetime_value, cc.len())?;
    let mc = codes("margin_channel", &margin_channel)?;
    let mm = slice("month", &month, mc.len())?;
    let mv = slice("margin", &margin, mc.len())?;
    let options = RoasOptions::new(short_roas_below, ltv_roas_at_least).map_err(|e| to_py(py, e))?;
    let rows = py
        .detach(|| {
            let mm = months(mm)?;
            core::channel_roas(
                &labels,
                sc.iter().zip(sp).map(|(&channel, &spend)| ChannelSpend { channel, spend }),
                (0..cc.len()).map(|i| AcquiredCustomer {
                    channel: cc[i],
                    short_window_revenue: short[i],
                    lifetime_value: ltv[i],
                }),
                (0..mc.len()).map(|i| ChannelMargin { channel: mc[i], month: mm[i], margin: mv[i] }),
                options,
            )
        })
        .map_err(|err| row_err(py, err))?;
    let out = PyDict::new(py);
    out.set_item("channel", rows.iter().map(|r| r.channel.as_str()).collect::<Vec<_>>())?;
    out.set_item("customers", rows.iter().map(|r| r.customers).collect::<Vec<_>>())?;
    out.set_item("spend", rows.iter().map(|r| r.spend).collect::<Vec<_>>())?;
    out.set_item("short_window_revenue", rows.iter().map(|r| r.short_window_revenue).collect::<Vec<_>>())?;
    out.set_item("lifetime_value", rows.iter().map(|r| r.lifetime_value).collect::<Vec<_>>())?;
    out.set_item("short_roas", rows.iter().map(|r| r.short_roas).collect::<Vec<_>>())?;
    out.set_item("ltv_roas", rows.iter().map(|r| r.ltv_roas).collect::<Vec<_>>())?;
    out.set_item("payback_month", rows.iter().map(|r| r.payback_month).collect::<Vec<_>>())?;
    out.set_item("undervalued_short_term", rows.iter().map(|r| r.undervalued_short_term).collect::<Vec<_>>())?;
    Ok(out)
}
