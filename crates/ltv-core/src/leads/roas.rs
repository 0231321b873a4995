//! LTV-based ROAS and payback by channel (or campaign): short-window ROAS, lifetime-value ROAS, the payback
//! month, and a flag for a channel that looks poor at the window but good on lifetime value.

use rust_decimal::Decimal;

use crate::error::{LtvError, RowError};
use crate::leads::segments::label;
use crate::number::{Calc, Number};
use crate::quantity::validate::{finite, non_negative};

/// The most months after acquisition a margin row may name (100 years): the cap on the payback search.
pub const MAX_PAYBACK_MONTHS: u32 = 1_200;

/// Spend on one channel (one row of a cost table; several rows of one channel add up).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChannelSpend<T = Decimal> {
    /// Index of the channel in the labels passed alongside.
    pub channel: usize,
    /// What was spent, `>= 0`.
    pub spend: T,
}

/// One customer acquired through a channel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AcquiredCustomer<T = Decimal> {
    /// Index of the channel in the labels.
    pub channel: usize,
    /// Revenue in the first N days after acquisition (N = the short window, 30 days by default), `>= 0`.
    pub short_window_revenue: T,
    /// The customer's projected lifetime value, `>= 0`.
    pub lifetime_value: T,
}

/// Margin a channel's customers earned in one month after acquisition (several rows of one channel and
/// month add up).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChannelMargin<T = Decimal> {
    /// Index of the channel in the labels.
    pub channel: usize,
    /// Months since acquisition, 1-based: month 1 is the first month after acquisition; at most
    /// [`MAX_PAYBACK_MONTHS`].
    pub month: u32,
    /// The margin (may be negative: a refund).
    pub margin: T,
}

/// Thresholds of [`channel_roas`]'s flag. Defaults: a short-window ROAS below 1 (the window's revenue does
/// not return the spend) together with a lifetime-value ROAS of at least 3 (the usual 3:1 LTV:CAC rule).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct RoasOptions<T = Decimal> {
    /// A short-window ROAS strictly below this looks poor.
    pub short_roas_below: T,
    /// A lifetime-value ROAS at or above this looks good.
    pub ltv_roas_at_least: T,
}

impl<T: Number> Default for RoasOptions<T> {
    fn default() -> Self {
        Self { short_roas_below: T::from_u32(1), ltv_roas_at_least: T::from_u32(3) }
    }
}

impl<T: Number> RoasOptions<T> {
    /// Validated thresholds (both finite and `>= 0`).
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] / [`LtvError::NotFinite`] naming the threshold.
    pub fn new(short_roas_below: T, ltv_roas_at_least: T) -> crate::Result<Self> {
        Ok(Self {
            short_roas_below: non_negative("short_roas_below", short_roas_below)?,
            ltv_roas_at_least: non_negative("ltv_roas_at_least", ltv_roas_at_least)?,
        })
    }
}

/// One channel of [`channel_roas`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ChannelRoasRow<T = Decimal> {
    /// The channel's label.
    pub channel: String,
    /// Customers acquired.
    pub customers: u32,
    /// Total spend.
    pub spend: T,
    /// Revenue of the acquired customers in the short window.
    pub short_window_revenue: T,
    /// Projected lifetime value of the acquired customers.
    pub lifetime_value: T,
    /// Short-window revenue / spend; `None` when the spend is 0.
    pub short_roas: Option<T>,
    /// Lifetime value / spend; `None` when the spend is 0.
    pub ltv_roas: Option<T>,
    /// The first month `m` whose cumulative margin (months 1..=m) covers the spend; 0 when the spend is 0;
    /// `None` when the margin given never covers it.
    pub payback_month: Option<u32>,
    /// Poor at the short window (short ROAS below [`RoasOptions::short_roas_below`]) but good on lifetime
    /// value (LTV ROAS at least [`RoasOptions::ltv_roas_at_least`]); false when the spend is 0.
    pub undervalued_short_term: bool,
}

#[derive(Clone)]
struct Acc<T> {
    spend: T,
    customers: u32,
    short: T,
    ltv: T,
    margin: Vec<T>,
    seen: bool,
}

fn slot<'a, T>(
    totals: &'a mut [Acc<T>],
    channel: usize,
    row: usize,
    field: &'static str,
) -> Result<&'a mut Acc<T>, RowError> {
    totals.get_mut(channel).ok_or_else(|| {
        RowError::in_row(
            row,
            LtvError::InvalidInput {
                field,
                value: channel.to_string(),
                allowed: "an index into the channel labels",
                suggestion: None,
            },
        )
    })
}

/// ROAS and payback per channel.
///
/// Per channel with spend or customers (in label order): total spend, customers, short-window revenue,
/// lifetime value, **short ROAS = short-window revenue / spend**, **LTV ROAS = lifetime value / spend**, the
/// **payback month** (the first month `m` after acquisition at which the channel's cumulative margin over
/// months `1..=m` is at least its spend, from the `margins` rows; months without a row add 0) and the flag
/// [`ChannelRoasRow::undervalued_short_term`] (see [`RoasOptions`]).
///
/// ```
/// use ltv_core::{channel_roas, AcquiredCustomer, ChannelMargin, ChannelSpend, RoasOptions, Decimal};
/// let d = |v| Decimal::new(v, 0);
/// // "search": 1,000 spent, 2 customers with 300 of revenue in 30 days and 2,000 of LTV each;
/// // margin 400, 400, 400 in months 1..3 -> the cumulative margin reaches 1,000 in month 3.
/// let rows = channel_roas(
///     &["search"],
///     [ChannelSpend { channel: 0, spend: d(1_000) }],
///     [AcquiredCustomer { channel: 0, short_window_revenue: d(300), lifetime_value: d(2_000) }; 2],
///     (1..=3).map(|month| ChannelMargin { channel: 0, month, margin: d(400) }),
///     RoasOptions::default(),
/// )?;
/// let r = &rows[0];
/// assert_eq!((r.short_roas, r.ltv_roas, r.payback_month), (Some(Decimal::new(6, 1)), Some(d(4)), Some(3)));
/// assert!(r.undervalued_short_term); // 0.6 < 1 at 30 days, 4 >= 3 on lifetime value
/// # Ok::<(), ltv_core::RowError>(())
/// ```
///
/// # Errors
/// A [`RowError`] naming the row of its input for a channel index outside `labels` (field `spend_channel`,
/// `customer_channel` or `margin_channel`), a negative or non-finite spend, short-window revenue or lifetime
/// value, a non-finite margin, a month of 0 or above [`MAX_PAYBACK_MONTHS`]; [`LtvError::Undefined`] without
/// a row when there is no spend and no customer at all; [`LtvError::Overflow`].
pub fn channel_roas<T, S, A, B, C>(
    labels: &[S],
    spend: A,
    customers: B,
    margins: C,
    options: RoasOptions<T>,
) -> Result<Vec<ChannelRoasRow<T>>, RowError>
where
    T: Number,
    S: AsRef<str>,
    A: IntoIterator<Item = ChannelSpend<T>>,
    B: IntoIterator<Item = AcquiredCustomer<T>>,
    C: IntoIterator<Item = ChannelMargin<T>>,
{
    let empty = Acc { spend: T::ZERO, customers: 0, short: T::ZERO, ltv: T::ZERO, margin: Vec::new(), seen: false };
    let mut totals = vec![empty; labels.len()];
    for (row, s) in spend.into_iter().enumerate() {
        let acc = slot(&mut totals, s.channel, row, "spend_channel")?;
        let v = non_negative("spend", s.spend).map_err(RowError::at(row))?;
        acc.spend = Calc("spend").add(acc.spend, v).map_err(RowError::at(row))?;
        acc.seen = true;
    }
    for (row, c) in customers.into_iter().enumerate() {
        let acc = slot(&mut totals, c.channel, row, "customer_channel")?;
        let short = non_negative("short_window_revenue", c.short_window_revenue).map_err(RowError::at(row))?;
        let ltv = non_negative("lifetime_value", c.lifetime_value).map_err(RowError::at(row))?;
        acc.customers =
            acc.customers.checked_add(1).ok_or(RowError::in_row(row, LtvError::Overflow { field: "customers" }))?;
        acc.short = Calc("short_window_revenue").add(acc.short, short).map_err(RowError::at(row))?;
        acc.ltv = Calc("lifetime_value").add(acc.ltv, ltv).map_err(RowError::at(row))?;
        acc.seen = true;
    }
    for (row, m) in margins.into_iter().enumerate() {
        let acc = slot(&mut totals, m.channel, row, "margin_channel")?;
        if m.month == 0 || m.month > MAX_PAYBACK_MONTHS {
            return Err(RowError::in_row(
                row,
                LtvError::InvalidInput {
                    field: "month",
                    value: m.month.to_string(),
                    allowed: "a month after acquisition from 1 to 1200 (MAX_PAYBACK_MONTHS)",
                    suggestion: None,
                },
            ));
        }
        let margin = finite("margin", m.margin).map_err(RowError::at(row))?;
        let i = (m.month - 1) as usize; // month <= 1200: the index fits
        if acc.margin.len() <= i {
            acc.margin.resize(i + 1, T::ZERO);
        }
        if let Some(cell) = acc.margin.get_mut(i) {
            *cell = Calc("margin").add(*cell, margin).map_err(RowError::at(row))?;
        }
    }
    if totals.iter().all(|a| !a.seen) {
        return Err(LtvError::Undefined { field: "channel_roas", reason: "there is no spend and no customer" }.into());
    }
    let mut rows = Vec::new();
    for (i, acc) in totals.iter().enumerate().filter(|(_, a)| a.seen) {
        rows.push(channel_row(label(labels, i, "channel")?, acc, &options)?);
    }
    Ok(rows)
}

fn channel_row<T: Number>(channel: String, acc: &Acc<T>, options: &RoasOptions<T>) -> crate::Result<ChannelRoasRow<T>> {
    let calc = Calc("roas");
    let (short_roas, ltv_roas) = if acc.spend > T::ZERO {
        (Some(calc.div(acc.short, acc.spend)?), Some(calc.div(acc.ltv, acc.spend)?))
    } else {
        (None, None)
    };
    let undervalued_short_term = match (short_roas, ltv_roas) {
        (Some(s), Some(l)) => s < options.short_roas_below && l >= options.ltv_roas_at_least,
        _ => false,
    };
    Ok(ChannelRoasRow {
        channel,
        customers: acc.customers,
        spend: acc.spend,
        short_window_revenue: acc.short,
        lifetime_value: acc.ltv,
        short_roas,
        ltv_roas,
        payback_month: payback_month(&acc.margin, acc.spend)?,
        undervalued_short_term,
    })
}

/// The first month `m` (1-based) at which `margin[0] + ... + margin[m - 1] >= spend`; 0 when `spend` is 0;
/// `None` when never (at most [`MAX_PAYBACK_MONTHS`] terms are read).
///
/// # Errors
/// [`LtvError::Overflow`].
pub(crate) fn payback_month<T: Number>(margin: &[T], spend: T) -> crate::Result<Option<u32>> {
    if spend <= T::ZERO {
        return Ok(Some(0));
    }
    let mut cumulative = T::ZERO;
    for (m, &v) in (1..=MAX_PAYBACK_MONTHS).zip(margin) {
        cumulative = Calc("cumulative_margin").add(cumulative, v)?;
        if cumulative >= spend {
            return Ok(Some(m));
        }
    }
    Ok(None)
}
