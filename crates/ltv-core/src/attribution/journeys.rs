//! The validated input of every attribution model: touchpoints grouped into journeys, each journey's outcome,
//! and the cost per channel.
//!
//! Validation names the table and the 0-based row of the first problem; nothing is dropped silently.

use rust_decimal::Decimal;

use crate::error::{LtvError, RowError};

/// The most touchpoints one journey may have (checked before any model runs): it bounds the integer
/// weights of the allocation (see [`crate::attribution`]) and the work per journey.
pub const MAX_JOURNEY_TOUCHPOINTS: usize = 10_000;

/// The most decimal places an allocation may use (values finer than this are an error).
pub const MAX_DECIMALS: u32 = 12;

/// One touchpoint: a journey met a channel at a time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Touchpoint {
    /// The journey (lead) it belongs to: an index into the journeys (one outcome each).
    pub journey: usize,
    /// When, in days from any fixed origin (fractions allowed; e.g. Unix time / 86 400).
    pub time_days: f64,
    /// The channel: an index into the channel labels.
    pub channel: usize,
    /// What the touch cost, `>= 0`, if known.
    pub cost: Option<Decimal>,
}

/// How one journey ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// The journey: an index into the journeys, each exactly once.
    pub journey: usize,
    /// Whether it converted.
    pub converted: bool,
    /// The value to credit (the customer's LTV or revenue), `>= 0`; 0 for a journey that did not convert.
    pub value: Decimal,
    /// When it converted, in the touchpoints' days, if known: no touchpoint of the journey may come after it.
    /// (Time decay measures back from the conversion; its shares do not depend on when exactly, see
    /// [`crate::attribution::AttributionModel::TimeDecay`].)
    pub conversion_time_days: Option<f64>,
}

/// Touchpoints and outcomes, validated and grouped by journey (touchpoints in time order, ties by channel
/// label); the input of [`crate::attribution::attribute`].
#[derive(Debug, Clone, PartialEq)]
pub struct Journeys {
    pub(crate) channels: Vec<String>,
    /// Rank of each channel label in sorted label order (the tie-break key).
    pub(crate) rank: Vec<u32>,
    /// `starts[j]..starts[j + 1]` are journey `j`'s touches in `touches`.
    pub(crate) starts: Vec<usize>,
    /// `(time in days, channel)`, grouped by journey, in time order within one.
    pub(crate) touches: Vec<(f64, u32)>,
    pub(crate) converted: Vec<bool>,
    /// Each journey's value in whole units of `10^-scale`.
    pub(crate) units: Vec<u128>,
    /// The allocation scale: the finest scale among the values, at least the requested decimals.
    pub(crate) scale: u32,
    pub(crate) cost: Vec<Decimal>,
    pub(crate) touchpoints_per_channel: Vec<u64>,
}

fn bad(field: &'static str, value: impl ToString, allowed: &'static str) -> LtvError {
    LtvError::InvalidInput { field, value: value.to_string(), allowed, suggestion: None }
}

/// The outcomes' values as a column: exact decimals, or whole units of `10^-scale` (no Decimal per row).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueColumn<'a> {
    /// One decimal per outcome row.
    Decimals(&'a [Decimal]),
    /// One whole number of `10^-scale` per outcome row (`value = units x 10^-scale`), `scale` at most
    /// [`MAX_DECIMALS`]: the same allocation as the decimals `units / 10^scale` normalised to `scale`
    /// places, so pass the least scale the values need (`2` when some value has cents, `0` when all are whole).
    Units {
        /// The values in units.
        units: &'a [i64],
        /// Decimal places of one unit.
        scale: u32,
    },
}

/// Touchpoints and outcomes as columns (one slice per field, one entry per row), the input of
/// [`Journeys::from_columns`]: the same validation and grouping as [`Journeys::new`] without a struct per
/// row, for column stores (the Python binding hands its numpy columns straight through).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JourneyColumns<'a> {
    /// Each touchpoint's journey index.
    pub tp_journey: &'a [usize],
    /// Each touchpoint's time in days.
    pub tp_time_days: &'a [f64],
    /// Each touchpoint's channel index.
    pub tp_channel: &'a [usize],
    /// Each touchpoint's cost, if the column exists.
    pub tp_cost: Option<&'a [Option<Decimal>]>,
    /// Each outcome's journey index.
    pub out_journey: &'a [usize],
    /// Whether each outcome converted.
    pub out_converted: &'a [bool],
    /// Each outcome's value.
    pub out_value: ValueColumn<'a>,
    /// Each outcome's conversion time in days, if the column exists.
    pub out_conversion_time_days: Option<&'a [Option<f64>]>,
}

impl Journeys {
    /// Validates and groups the input.
    ///
    /// - `channels`: the channel labels (distinct); `journeys`: the journey labels, used in messages (a
    ///   journey's identity is its index); `outcomes` has one row per journey (`outcomes[i].journey` indexes
    ///   `journeys`, each journey exactly once).
    /// - `costs`: extra spend per channel (`(channel index, cost >= 0)`, e.g. a media budget not tied to a
    ///   touchpoint), added to the touchpoints' costs; a channel with no touchpoint is an error.
    /// - `decimals`: the least number of decimal places of the credited value (2: cents); a value with more
    ///   places is allocated at its own scale.
    ///
    /// # Errors
    /// A [`RowError`] naming the table (`touchpoints.*`, `outcomes.*`, `costs.*`) and the row for: a channel or
    /// journey index out of range, a NaN or infinite time, a negative cost, a journey with more than
    /// [`MAX_JOURNEY_TOUCHPOINTS`] touchpoints, a touchpoint of a journey without an outcome or after its
    /// conversion time, a duplicate outcome, a journey with no touchpoints, a negative value, a value on a
    /// journey that did not convert, a conversion time on a journey that did not convert, a cost for a channel
    /// with no touchpoint; and without a row: duplicate labels, a journey with neither outcome nor touchpoint,
    /// `decimals` above [`MAX_DECIMALS`], [`LtvError::Overflow`].
    pub fn new<S: AsRef<str>, J: AsRef<str>>(
        channels: &[S],
        journeys: &[J],
        touchpoints: &[Touchpoint],
        outcomes: &[Outcome],
        costs: &[(usize, Decimal)],
        decimals: u32,
    ) -> Result<Self, RowError> {
        let tp_journey: Vec<usize> = touchpoints.iter().map(|t| t.journey).collect();
        let tp_time_days: Vec<f64> = touchpoints.iter().map(|t| t.time_days).collect();
        let tp_channel: Vec<usize> = touchpoints.iter().map(|t| t.channel).collect();
        let tp_cost: Vec<Option<Decimal>> = touchpoints.iter().map(|t| t.cost).collect();
        let out_journey: Vec<usize> = outcomes.iter().map(|o| o.journey).collect();
        let out_converted: Vec<bool> = outcomes.iter().map(|o| o.converted).collect();
        let out_value: Vec<Decimal> = outcomes.iter().map(|o| o.value).collect();
        let out_time: Vec<Option<f64>> = outcomes.iter().map(|o| o.conversion_time_days).collect();
        let columns = JourneyColumns {
            tp_journey: &tp_journey,
            tp_time_days: &tp_time_days,
            tp_channel: &tp_channel,
            tp_cost: Some(&tp_cost),
            out_journey: &out_journey,
            out_converted: &out_converted,
            out_value: ValueColumn::Decimals(&out_value),
            out_conversion_time_days: Some(&out_time),
        };
        let label = |j: usize| journeys.get(j).map_or_else(|| "?".to_owned(), |s| s.as_ref().to_owned());
        Self::from_columns(channels, journeys.len(), &label, &columns, costs, decimals)
    }

    /// [`Journeys::new`] over columns: `n_journeys` journeys (indices `0..n_journeys`), `label(j)` the text
    /// that names journey `j` in messages (called only on an error).
    ///
    /// ```
    /// use ltv_core::attribution::{attribute, AttributionModel as M, AttributionOptions, JourneyColumns, Journeys, ValueColumn};
    /// // Journey 0: ads then email, converted, worth 100.00 (10000 cents); journey 1: email only, lost.
    /// let columns = JourneyColumns {
    ///     tp_journey: &[0, 0, 1],
    ///     tp_time_days: &[0.0, 3.0, 1.0],
    ///     tp_channel: &[0, 1, 1],
    ///     tp_cost: None,
    ///     out_journey: &[0, 1],
    ///     out_converted: &[true, false],
    ///     out_value: ValueColumn::Units { units: &[10_000, 0], scale: 2 },
    ///     out_conversion_time_days: None,
    /// };
    /// let data = Journeys::from_columns(&["ads", "email"], 2, &|j| format!("lead-{j}"), &columns, &[], 2)?;
    /// let result = attribute(&data, &[M::Linear], &AttributionOptions::default())?;
    /// assert_eq!(result.channels[0].value[0].to_string(), "50.00");
    /// # Ok::<(), ltv_core::RowError>(())
    /// ```
    ///
    /// # Errors
    /// As [`Journeys::new`], and [`LtvError::InvalidInput`] naming the column when two columns of one table
    /// differ in length, or `outcomes.value` when a unit scale exceeds [`MAX_DECIMALS`].
    pub fn from_columns<S: AsRef<str>>(
        channels: &[S],
        n_journeys: usize,
        label: &dyn Fn(usize) -> String,
        columns: &JourneyColumns<'_>,
        costs: &[(usize, Decimal)],
        decimals: u32,
    ) -> Result<Self, RowError> {
        if decimals > MAX_DECIMALS {
            return Err(bad("decimals", decimals, "at most 12 decimal places").into());
        }
        let channels: Vec<String> = channels.iter().map(|s| s.as_ref().to_owned()).collect();
        // Journey labels only name journeys in messages and output (their index is their identity), so they
        // are not checked for duplicates; channel labels order the tie-break and must be distinct.
        let rank = distinct_ranks(&channels, "channels")?;
        let n = n_journeys;
        let n_channels =
            u32::try_from(channels.len()).map_err(|_| bad("channels", channels.len(), "fewer than 2^32"))?;
        let c = columns;
        let (n_tp, n_out) = (c.tp_journey.len(), c.out_journey.len());
        let same = |field: &'static str, len: usize, rows: usize| {
            if len == rows {
                Ok(())
            } else {
                Err(RowError::from(bad(field, format!("{len} values for {rows} rows"), "one value per row")))
            }
        };
        same("touchpoints.timestamp", c.tp_time_days.len(), n_tp)?;
        same("touchpoints.channel", c.tp_channel.len(), n_tp)?;
        same("touchpoints.cost", c.tp_cost.map_or(n_tp, <[_]>::len), n_tp)?;
        same("outcomes.converted", c.out_converted.len(), n_out)?;
        let value_len = match c.out_value {
            ValueColumn::Decimals(v) => v.len(),
            ValueColumn::Units { units, .. } => units.len(),
        };
        same("outcomes.value", value_len, n_out)?;
        same("outcomes.conversion_time", c.out_conversion_time_days.map_or(n_out, <[_]>::len), n_out)?;

        // Outcomes: one per journey, non-negative values, a scale that fits.
        let mut seen = vec![usize::MAX; n];
        let mut scale = decimals;
        for row in 0..n_out {
            let at = RowError::at(row);
            let journey = c.out_journey[row];
            let converted = c.out_converted[row];
            let slot = seen
                .get_mut(journey)
                .ok_or_else(|| at(bad("outcomes.journey", journey, "an index into the journeys")))?;
            if *slot != usize::MAX {
                return Err(RowError::in_row(
                    row,
                    bad(
                        "outcomes.journey",
                        format!("'{}' (also in row {})", label(journey), *slot),
                        "one outcome per journey",
                    ),
                ));
            }
            *slot = row;
            let (negative, zero) = match c.out_value {
                ValueColumn::Decimals(v) => (v[row] < Decimal::ZERO, v[row].is_zero()),
                ValueColumn::Units { units, .. } => (units[row] < 0, units[row] == 0),
            };
            if negative {
                return Err(RowError::in_row(
                    row,
                    bad("outcomes.value", shown_value(c.out_value, row), "a value >= 0"),
                ));
            }
            if !converted && !zero {
                return Err(RowError::in_row(
                    row,
                    bad("outcomes.value", shown_value(c.out_value, row), "0 for a journey that did not convert"),
                ));
            }
            if let Some(t) = c.out_conversion_time_days.and_then(|t| t[row]) {
                if !t.is_finite() {
                    return Err(RowError::in_row(
                        row,
                        LtvError::NotFinite { field: "outcomes.conversion_time", value: t.to_string() },
                    ));
                }
                if !converted {
                    return Err(RowError::in_row(
                        row,
                        bad("outcomes.conversion_time", t, "no conversion time for a journey that did not convert"),
                    ));
                }
            }
            let value_scale = match c.out_value {
                ValueColumn::Decimals(v) => v[row].scale(),
                ValueColumn::Units { scale, .. } => scale,
            };
            if value_scale > MAX_DECIMALS {
                return Err(RowError::in_row(
                    row,
                    bad("outcomes.value", shown_value(c.out_value, row), "at most 12 decimal places"),
                ));
            }
            scale = scale.max(value_scale);
        }
        let mut converted = vec![false; n];
        let mut units = vec![0_u128; n];
        let mut conversion_time = vec![None; n];
        for row in 0..n_out {
            let j = c.out_journey[row];
            converted[j] = c.out_converted[row];
            conversion_time[j] = c.out_conversion_time_days.and_then(|t| t[row]);
            let u = match c.out_value {
                ValueColumn::Decimals(v) => to_units(v[row], scale),
                ValueColumn::Units { units, scale: s } => {
                    u128::try_from(units[row]).ok().and_then(|u| u.checked_mul(10_u128.checked_pow(scale - s)?))
                }
            };
            units[j] = u.ok_or_else(|| RowError::in_row(row, LtvError::Overflow { field: "outcomes.value" }))?;
        }

        // Touchpoints: counted per journey first (the length cap is checked before anything is grouped). Per
        // journey in one place (one cache line per random access): its count and the latest time a touch may
        // have (the conversion time, infinity when unknown, NaN for a journey without an outcome).
        let mut per_journey: Vec<(usize, f64)> = (0..n)
            .map(|j| (0, if seen[j] == usize::MAX { f64::NAN } else { conversion_time[j].unwrap_or(f64::INFINITY) }))
            .collect();
        let mut cost = vec![Decimal::ZERO; channels.len()];
        let mut per_channel = vec![0_u64; channels.len()];
        for row in 0..n_tp {
            let (journey, time_days, channel) = (c.tp_journey[row], c.tp_time_days[row], c.tp_channel[row]);
            let at = RowError::at(row);
            let (count, limit) = per_journey
                .get_mut(journey)
                .ok_or_else(|| at(bad("touchpoints.journey", journey, "an index into the journeys")))?;
            if limit.is_nan() {
                return Err(RowError::in_row(
                    row,
                    bad("touchpoints.journey", format!("'{}'", label(journey)), "a journey with an outcome row"),
                ));
            }
            *count += 1;
            if *count > MAX_JOURNEY_TOUCHPOINTS {
                return Err(RowError::in_row(
                    row,
                    bad(
                        "touchpoints.journey",
                        format!("'{}'", label(journey)),
                        "at most 10000 touchpoints per journey",
                    ),
                ));
            }
            if channel >= channels.len() {
                return Err(RowError::in_row(
                    row,
                    bad("touchpoints.channel", channel, "an index into the channel labels"),
                ));
            }
            if !time_days.is_finite() {
                return Err(RowError::in_row(
                    row,
                    LtvError::NotFinite { field: "touchpoints.timestamp", value: time_days.to_string() },
                ));
            }
            if time_days > *limit {
                return Err(RowError::in_row(
                    row,
                    bad(
                        "touchpoints.timestamp",
                        format!("{} (journey '{}' converted at {limit})", time_days, label(journey)),
                        "at or before the journey's conversion time",
                    ),
                ));
            }
            if let Some(x) = c.tp_cost.and_then(|t| t[row]) {
                if x < Decimal::ZERO {
                    return Err(RowError::in_row(row, bad("touchpoints.cost", x, "a cost >= 0")));
                }
                cost[channel] = cost[channel]
                    .checked_add(x)
                    .ok_or_else(|| RowError::in_row(row, LtvError::Overflow { field: "cost" }))?;
            }
            per_channel[channel] += 1;
        }
        if let Some(j) = seen.iter().position(|&r| r == usize::MAX) {
            return Err(bad("journeys", format!("'{}'", label(j)), "a journey with an outcome row").into());
        }
        for (row, &j) in c.out_journey.iter().enumerate() {
            if per_journey[j].0 == 0 {
                return Err(RowError::in_row(
                    row,
                    bad("outcomes.journey", format!("'{}'", label(j)), "a journey with at least one touchpoint"),
                ));
            }
        }
        for (row, &(channel, x)) in costs.iter().enumerate() {
            let known = per_channel.get(channel).copied().unwrap_or(0) > 0;
            if !known {
                let name = channels.get(channel).map_or_else(|| channel.to_string(), |s| format!("'{s}'"));
                return Err(RowError::in_row(row, bad("costs.channel", name, "a channel that has touchpoints")));
            }
            if x < Decimal::ZERO {
                return Err(RowError::in_row(row, bad("costs.cost", x, "a cost >= 0")));
            }
            cost[channel] = cost[channel]
                .checked_add(x)
                .ok_or_else(|| RowError::in_row(row, LtvError::Overflow { field: "cost" }))?;
        }

        // Group by journey (a counting sort), then order each journey by time, ties by channel label.
        let mut starts = Vec::with_capacity(n + 1);
        starts.push(0);
        for &(c, _) in &per_journey {
            let last = starts.last().copied().unwrap_or(0);
            starts.push(last + c);
        }
        let mut fill = starts.clone();
        let mut touches = vec![(0.0, 0_u32); n_tp];
        for row in 0..n_tp {
            let slot = &mut fill[c.tp_journey[row]];
            // The channel fits in u32: it is below channels.len(), which was checked to fit.
            touches[*slot] = (c.tp_time_days[row], u32::try_from(c.tp_channel[row]).unwrap_or(n_channels));
            *slot += 1;
        }
        for j in 0..n {
            let journey = &mut touches[starts[j]..starts[j + 1]];
            let key = |a: &(f64, u32), b: &(f64, u32)| {
                a.0.total_cmp(&b.0).then_with(|| rank[a.1 as usize].cmp(&rank[b.1 as usize]))
            };
            // Most inputs arrive in time order: check before sorting (equal keys are equal touches).
            if journey.windows(2).any(|p| key(&p[0], &p[1]).is_gt()) {
                journey.sort_unstable_by(key);
            }
        }
        Ok(Self {
            channels,
            rank,
            starts,
            touches,
            converted,
            units,
            scale,
            cost,
            touchpoints_per_channel: per_channel,
        })
    }

    /// The channel labels.
    #[must_use]
    pub fn channels(&self) -> &[String] {
        &self.channels
    }

    /// The number of journeys.
    #[must_use]
    pub fn journey_count(&self) -> usize {
        self.converted.len()
    }

    /// The decimal places of every credited value.
    #[must_use]
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// Journey `j`'s touches, `(time in days, channel)`, in time order.
    pub(crate) fn touches(&self, j: usize) -> &[(f64, u32)] {
        &self.touches[self.starts[j]..self.starts[j + 1]]
    }

    /// Number of journeys.
    pub(crate) fn len(&self) -> usize {
        self.converted.len()
    }

    /// Journey `j`'s distinct channels, in label order, into `out`; `mark` (one slot per channel, all
    /// `usize::MAX`) is left as found.
    pub(crate) fn distinct_channels(&self, j: usize, out: &mut Vec<u32>, mark: &mut [usize]) {
        out.clear();
        for &(_, c) in self.touches(j) {
            if mark[c as usize] == usize::MAX {
                mark[c as usize] = 0;
                out.push(c);
            }
        }
        out.sort_unstable_by_key(|&c| self.rank[c as usize]);
        for &c in out.iter() {
            mark[c as usize] = usize::MAX;
        }
    }
}

/// The rank of each label in sorted order; duplicate labels are an error naming the field.
fn distinct_ranks(labels: &[String], field: &'static str) -> Result<Vec<u32>, RowError> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by(|&a, &b| labels[a].cmp(&labels[b]));
    let mut rank = vec![0_u32; labels.len()];
    for (pos, w) in order.iter().enumerate() {
        rank[*w] = u32::try_from(pos).map_err(|_| bad(field, labels.len(), "fewer than 2^32 labels"))?;
    }
    for pair in order.windows(2) {
        if labels[pair[0]] == labels[pair[1]] {
            return Err(RowError::in_row(
                pair[1].max(pair[0]),
                bad(field, format!("'{}' (twice)", labels[pair[0]]), "distinct labels"),
            ));
        }
    }
    Ok(rank)
}

/// Outcome `row`'s value as text, for a message (units normalised: `-250` cents reads `-2.5`, as the float).
fn shown_value(values: ValueColumn<'_>, row: usize) -> String {
    match values {
        ValueColumn::Decimals(v) => v[row].to_string(),
        ValueColumn::Units { units, scale } => Decimal::try_from_i128_with_scale(i128::from(units[row]), scale)
            .map_or_else(|_| units[row].to_string(), |d| d.normalize().to_string()),
    }
}

/// `value` in whole units of `10^-scale` (`scale >= value.scale()`), `None` on overflow.
pub(crate) fn to_units(value: Decimal, scale: u32) -> Option<u128> {
    let mantissa = u128::try_from(value.mantissa()).ok()?;
    mantissa.checked_mul(10_u128.checked_pow(scale - value.scale())?)
}

/// Whole `units` of `10^-scale` as a Decimal, `None` when it does not fit.
pub(crate) fn from_units(units: u128, scale: u32) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(i128::try_from(units).ok()?, scale).ok()
}
