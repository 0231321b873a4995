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
        if decimals > MAX_DECIMALS {
            return Err(bad("decimals", decimals, "at most 12 decimal places").into());
        }
        let channels: Vec<String> = channels.iter().map(|s| s.as_ref().to_owned()).collect();
        let label = |j: usize| journeys.get(j).map_or("?", |s| s.as_ref());
        // Journey labels only name journeys in messages and output (their index is their identity), so they
        // are not checked for duplicates; channel labels order the tie-break and must be distinct.
        let rank = distinct_ranks(&channels, "channels")?;
        let n = journeys.len();
        let n_channels =
            u32::try_from(channels.len()).map_err(|_| bad("channels", channels.len(), "fewer than 2^32"))?;

        // Outcomes: one per journey, non-negative values, a scale that fits.
        let mut seen = vec![usize::MAX; n];
        let mut scale = decimals;
        for (row, o) in outcomes.iter().enumerate() {
            let at = RowError::at(row);
            let slot = seen
                .get_mut(o.journey)
                .ok_or_else(|| at(bad("outcomes.journey", o.journey, "an index into the journeys")))?;
            if *slot != usize::MAX {
                return Err(RowError::in_row(
                    row,
                    bad(
                        "outcomes.journey",
                        format!("'{}' (also in row {})", label(o.journey), *slot),
                        "one outcome per journey",
                    ),
                ));
            }
            *slot = row;
            if o.value < Decimal::ZERO {
                return Err(RowError::in_row(row, bad("outcomes.value", o.value, "a value >= 0")));
            }
            if !o.converted && !o.value.is_zero() {
                return Err(RowError::in_row(
                    row,
                    bad("outcomes.value", o.value, "0 for a journey that did not convert"),
                ));
            }
            if let Some(t) = o.conversion_time_days {
                if !t.is_finite() {
                    return Err(RowError::in_row(
                        row,
                        LtvError::NotFinite { field: "outcomes.conversion_time", value: t.to_string() },
                    ));
                }
                if !o.converted {
                    return Err(RowError::in_row(
                        row,
                        bad("outcomes.conversion_time", t, "no conversion time for a journey that did not convert"),
                    ));
                }
            }
            if o.value.scale() > MAX_DECIMALS {
                return Err(RowError::in_row(row, bad("outcomes.value", o.value, "at most 12 decimal places")));
            }
            scale = scale.max(o.value.scale());
        }
        let mut converted = vec![false; n];
        let mut units = vec![0_u128; n];
        let mut conversion_time = vec![None; n];
        for (row, o) in outcomes.iter().enumerate() {
            converted[o.journey] = o.converted;
            conversion_time[o.journey] = o.conversion_time_days;
            units[o.journey] = to_units(o.value, scale)
                .ok_or_else(|| RowError::in_row(row, LtvError::Overflow { field: "outcomes.value" }))?;
        }

        // Touchpoints: counted per journey first (the length cap is checked before anything is grouped). Per
        // journey in one place (one cache line per random access): its count and the latest time a touch may
        // have (the conversion time, infinity when unknown, NaN for a journey without an outcome).
        let mut per_journey: Vec<(usize, f64)> = (0..n)
            .map(|j| (0, if seen[j] == usize::MAX { f64::NAN } else { conversion_time[j].unwrap_or(f64::INFINITY) }))
            .collect();
        let mut cost = vec![Decimal::ZERO; channels.len()];
        let mut per_channel = vec![0_u64; channels.len()];
        for (row, tp) in touchpoints.iter().enumerate() {
            let at = RowError::at(row);
            let (c, limit) = per_journey
                .get_mut(tp.journey)
                .ok_or_else(|| at(bad("touchpoints.journey", tp.journey, "an index into the journeys")))?;
            if limit.is_nan() {
                return Err(RowError::in_row(
                    row,
                    bad("touchpoints.journey", format!("'{}'", label(tp.journey)), "a journey with an outcome row"),
                ));
            }
            *c += 1;
            if *c > MAX_JOURNEY_TOUCHPOINTS {
                return Err(RowError::in_row(
                    row,
                    bad(
                        "touchpoints.journey",
                        format!("'{}'", label(tp.journey)),
                        "at most 10000 touchpoints per journey",
                    ),
                ));
            }
            if tp.channel >= channels.len() {
                return Err(RowError::in_row(
                    row,
                    bad("touchpoints.channel", tp.channel, "an index into the channel labels"),
                ));
            }
            if !tp.time_days.is_finite() {
                return Err(RowError::in_row(
                    row,
                    LtvError::NotFinite { field: "touchpoints.timestamp", value: tp.time_days.to_string() },
                ));
            }
            if tp.time_days > *limit {
                return Err(RowError::in_row(
                    row,
                    bad(
                        "touchpoints.timestamp",
                        format!("{} (journey '{}' converted at {limit})", tp.time_days, label(tp.journey)),
                        "at or before the journey's conversion time",
                    ),
                ));
            }
            if let Some(x) = tp.cost {
                if x < Decimal::ZERO {
                    return Err(RowError::in_row(row, bad("touchpoints.cost", x, "a cost >= 0")));
                }
                cost[tp.channel] = cost[tp.channel]
                    .checked_add(x)
                    .ok_or_else(|| RowError::in_row(row, LtvError::Overflow { field: "cost" }))?;
            }
            per_channel[tp.channel] += 1;
        }
        if let Some(j) = seen.iter().position(|&r| r == usize::MAX) {
            return Err(bad("journeys", format!("'{}'", label(j)), "a journey with an outcome row").into());
        }
        for (row, o) in outcomes.iter().enumerate() {
            if per_journey[o.journey].0 == 0 {
                return Err(RowError::in_row(
                    row,
                    bad(
                        "outcomes.journey",
                        format!("'{}'", label(o.journey)),
                        "a journey with at least one touchpoint",
                    ),
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
        let mut touches = vec![(0.0, 0_u32); touchpoints.len()];
        for tp in touchpoints {
            let slot = &mut fill[tp.journey];
            // The channel fits in u32: it is below channels.len(), which was checked to fit.
            touches[*slot] = (tp.time_days, u32::try_from(tp.channel).unwrap_or(n_channels));
            *slot += 1;
        }
        for j in 0..n {
            touches[starts[j]..starts[j + 1]]
                .sort_by(|a, b| a.0.total_cmp(&b.0).then(rank[a.1 as usize].cmp(&rank[b.1 as usize])));
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

/// `value` in whole units of `10^-scale` (`scale >= value.scale()`), `None` on overflow.
pub(crate) fn to_units(value: Decimal, scale: u32) -> Option<u128> {
    let mantissa = u128::try_from(value.mantissa()).ok()?;
    mantissa.checked_mul(10_u128.checked_pow(scale - value.scale())?)
}

/// Whole `units` of `10^-scale` as a Decimal, `None` when it does not fit.
pub(crate) fn from_units(units: u128, scale: u32) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(i128::try_from(units).ok()?, scale).ok()
}
