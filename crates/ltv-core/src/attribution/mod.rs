//! Multi-touch attribution: how the conversions and value of journeys are credited to the channels they
//! touched, under eight models side by side.
//!
//! - Rule-based ([`rules`]): first touch, last touch, last non-direct touch, linear, time decay and
//!   position-based (U-shaped).
//! - Data-driven: the first-order Markov-chain removal effect ([`markov`], Anderl et al. 2016) and the
//!   Shapley value over channel sets ([`shapley`], Zhao et al. 2018).
//!
//! **Exact money.** Each model gives every touch (or channel) of a journey a whole-number weight, and the
//! journey's value, in whole units of its scale (cents for `100.00`; at least [`AttributionOptions`]'s
//! `decimals`, 2 by default), is split in proportion to the weights by largest remainder: the credits of a
//! journey are exact decimals that **sum exactly to its value** under every model. A converted journey's
//! one conversion is split the same way to [`CONVERSION_DECIMALS`] places. Ties between equal remainders go
//! to the larger weight, then round-robin over the channels (in label order) starting at the journey's
//! number, so no channel gains systematically from its name. Channel totals are the sums of the journeys'
//! credits, except under Markov, whose totals split the grand totals by the removal effects (the standard
//! formulation) and whose per-journey credits split each journey over its own channels by the same effects.
//!
//! **Input.** [`Journeys::new`] takes one struct per row; [`Journeys::from_columns`] takes columns (codes,
//! days, values as whole units), for column stores: both run the same validation and grouping, and every
//! model the same rules. Large inputs are credited over contiguous journey ranges on scoped threads and
//! merged in journey order, which gives the same result as one thread.
//!
//! ```
//! use ltv_core::attribution::{attribute, AttributionModel as M, AttributionOptions, Journeys, Outcome, Touchpoint};
//! use ltv_core::Decimal;
//! let tp = |journey, day: f64, channel| Touchpoint { journey, time_days: day, channel, cost: None };
//! // Journey 0: ads (day 0) -> email (day 7) -> direct (day 14), converted, worth 100.00.
//! let data = Journeys::new(
//!     &["ads", "direct", "email"],
//!     &["lead-1"],
//!     &[tp(0, 0.0, 0), tp(0, 7.0, 2), tp(0, 14.0, 1)],
//!     &[Outcome { journey: 0, converted: true, value: Decimal::new(10_000, 2), conversion_time_days: None }],
//!     &[],
//!     2,
//! )?;
//! let result = attribute(&data, &[M::FirstTouch, M::LastNonDirect, M::Linear, M::TimeDecay], &AttributionOptions::default())?;
//! let value = |c: usize| result.channels[c].value.clone();
//! // ads, direct, email under each model (time decay, half-life 7 days: weights 1/4, 1, 1/2 of 1.75).
//! assert_eq!(value(0), [Decimal::new(10_000, 2), Decimal::new(0, 2), Decimal::new(3_334, 2), Decimal::new(1_429, 2)]);
//! assert_eq!(value(1), [Decimal::new(0, 2), Decimal::new(0, 2), Decimal::new(3_333, 2), Decimal::new(5_714, 2)]);
//! assert_eq!(value(2), [Decimal::new(0, 2), Decimal::new(10_000, 2), Decimal::new(3_333, 2), Decimal::new(2_857, 2)]);
//! # Ok::<(), ltv_core::RowError>(())
//! ```

mod allocate;
mod credit;
pub mod journeys;
pub mod markov;
pub mod rules;
pub mod shapley;

use rust_decimal::Decimal;

use crate::error::{LtvError, RowError, string_option};
use allocate::largest_remainder;
use journeys::from_units;
pub use journeys::{JourneyColumns, Journeys, MAX_DECIMALS, MAX_JOURNEY_TOUCHPOINTS, Outcome, Touchpoint, ValueColumn};
pub use markov::{MAX_MARKOV_CHANNELS, RemovalEffects, removal_effects};
pub use rules::PositionShares;
use rules::Rule;

/// Decimal places of the credited conversions (a converted journey's 1 split to the millionth).
pub const CONVERSION_DECIMALS: u32 = 6;

/// The default half-life of time decay, in days.
pub const DEFAULT_HALF_LIFE_DAYS: u32 = 7;

/// The default name of the direct channel that last non-direct touch skips.
pub const DEFAULT_DIRECT_CHANNEL: &str = "direct";

/// The default decimal places of the credited value (cents).
pub const DEFAULT_DECIMALS: u32 = 2;

/// An attribution model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AttributionModel {
    /// All credit to the journey's first touch.
    FirstTouch,
    /// All credit to the journey's last touch.
    LastTouch,
    /// All credit to the last touch whose channel is not the direct one
    /// ([`AttributionOptions::with_direct_channel`], `"direct"` by default); an all-direct journey credits
    /// direct.
    LastNonDirect,
    /// Equal credit to every touch (a channel touched twice gets two shares).
    Linear,
    /// Touch `i` weighs `2^(-(t_conversion - t_i) / half_life)` (half-life 7 days by default): a touch one
    /// half-life before the conversion counts half as much as one at it. Shares are the same whether the
    /// age is measured from the conversion or from the last touch (the common factor cancels), so the
    /// conversion time need not be known; weights are rounded to 40 bits relative to the latest touch.
    TimeDecay,
    /// First and last touch their shares (40 % each by default), the touches in between split the rest;
    /// see [`PositionShares`] for one and two touches.
    PositionBased,
    /// The first-order Markov-chain removal effect, [`markov`].
    Markov,
    /// The simplified Shapley value over channel sets, [`shapley`].
    Shapley,
}

string_option!(
    AttributionModel,
    field = "models",
    allowed = "'first_touch', 'last_touch', 'last_non_direct', 'linear', 'time_decay', 'position_based', 'markov' or 'shapley'",
    {
        FirstTouch => "first_touch",
        LastTouch => "last_touch",
        LastNonDirect => "last_non_direct",
        Linear => "linear",
        TimeDecay => "time_decay",
        PositionBased => "position_based",
        Markov => "markov",
        Shapley => "shapley",
    }
);

/// Options of [`attribute`]: the direct channel (`"direct"`), the time-decay half-life (7 days), the
/// position-based shares (40/20/40) and whether to return per-journey credits (no).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AttributionOptions {
    /// The channel last non-direct touch skips.
    pub direct_channel: String,
    /// Time decay's half-life in days, `> 0`.
    pub half_life_days: f64,
    /// Position-based shares.
    pub position_shares: PositionShares,
    /// Whether to return the credit of every journey too ([`Attribution::journeys`]).
    pub per_journey: bool,
}

impl Default for AttributionOptions {
    fn default() -> Self {
        Self {
            direct_channel: DEFAULT_DIRECT_CHANNEL.to_owned(),
            half_life_days: f64::from(DEFAULT_HALF_LIFE_DAYS),
            position_shares: PositionShares::default(),
            per_journey: false,
        }
    }
}

impl AttributionOptions {
    /// With another direct channel name.
    #[must_use]
    pub fn with_direct_channel(mut self, name: impl Into<String>) -> Self {
        self.direct_channel = name.into();
        self
    }

    /// With another half-life.
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] naming `half_life_days` unless it is finite and `> 0`.
    pub fn with_half_life_days(mut self, days: f64) -> Result<Self, LtvError> {
        if !(days.is_finite() && days > 0.0) {
            return Err(LtvError::InvalidInput {
                field: "half_life_days",
                value: days.to_string(),
                allowed: "a number of days > 0",
                suggestion: None,
            });
        }
        self.half_life_days = days;
        Ok(self)
    }

    /// With other position-based shares.
    #[must_use]
    pub fn with_position_shares(mut self, shares: PositionShares) -> Self {
        self.position_shares = shares;
        self
    }

    /// With or without per-journey credits.
    #[must_use]
    pub fn with_per_journey(mut self, per_journey: bool) -> Self {
        self.per_journey = per_journey;
        self
    }
}

/// One channel's row: its activity and, per model (in [`Attribution::models`] order), the conversions and
/// value credited to it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ChannelCredit {
    /// The channel's label.
    pub channel: String,
    /// Touchpoints on the channel.
    pub touchpoints: u64,
    /// Journeys that touched it at least once.
    pub journeys: u64,
    /// Its cost: the touchpoints' costs plus any per-channel cost.
    pub cost: Decimal,
    /// Conversions credited, per model.
    pub conversions: Vec<Decimal>,
    /// Value credited, per model.
    pub value: Vec<Decimal>,
}

/// Per-journey credits as columns: one row per (journey, channel it touched), journeys in index order,
/// channels in label order; `conversions[m][row]` and `value[m][row]` per model `m`.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct JourneyCredits {
    /// The journey index of each row.
    pub journey: Vec<usize>,
    /// The channel index of each row.
    pub channel: Vec<usize>,
    /// Conversions credited, per model then row.
    pub conversions: Vec<Vec<Decimal>>,
    /// Value credited, per model then row.
    pub value: Vec<Vec<Decimal>>,
}

/// The result of [`attribute`]: one row per channel (label order) with a column per model.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Attribution {
    /// The models, in the order asked.
    pub models: Vec<AttributionModel>,
    /// One row per channel label.
    pub channels: Vec<ChannelCredit>,
    /// Converted journeys (what every model's conversions sum to).
    pub conversions: u64,
    /// Total value (what every model's values sum to).
    pub value: Decimal,
    /// The Markov fit, when Markov was asked.
    pub removal_effects: Option<RemovalEffects>,
    /// Per-journey credits, when asked ([`AttributionOptions::with_per_journey`]); empty otherwise.
    pub journeys: JourneyCredits,
}

impl Attribution {
    /// `(channel, conversions, value)` per channel under `model`, or `None` if it was not computed.
    #[must_use]
    pub fn credit(&self, model: AttributionModel) -> Option<Vec<(&str, Decimal, Decimal)>> {
        let m = self.models.iter().position(|&x| x == model)?;
        Some(self.channels.iter().map(|c| (c.channel.as_str(), c.conversions[m], c.value[m])).collect())
    }

    /// Each channel's lead value under `model`: its leads are the journeys that touched it, its value the
    /// value `model` credits it, so lead LTV = value / leads, cost per lead = cost / leads and LTV:CPL =
    /// lead LTV / CPL = value / cost (the inputs of a lead segment table built from attributed value, with
    /// the model named in every row). `None` if `model` was not computed.
    ///
    /// ```
    /// use ltv_core::attribution::{attribute, AttributionModel as M, AttributionOptions, Journeys, Outcome, Touchpoint};
    /// use ltv_core::Decimal;
    /// let tp = |journey, channel, cost| Touchpoint { journey, time_days: 0.0, channel, cost: Some(Decimal::new(cost, 0)) };
    /// let won = |journey, v| Outcome { journey, converted: v > 0, value: Decimal::new(v, 0), conversion_time_days: None };
    /// // Two leads from ads (cost 50 each), one of them converted for 1000.
    /// let data = Journeys::new(&["ads"], &["a", "b"], &[tp(0, 0, 50), tp(1, 0, 50)], &[won(0, 1000), won(1, 0)], &[], 2)?;
    /// let rows = attribute(&data, &[M::Linear], &AttributionOptions::default())?.channel_values(M::Linear).unwrap()?;
    /// assert_eq!((rows[0].lead_ltv, rows[0].cost_per_lead, rows[0].ltv_cpl), (Some(Decimal::new(500, 0)), Some(Decimal::new(50, 0)), Some(Decimal::new(10, 0))));
    /// # Ok::<(), ltv_core::RowError>(())
    /// ```
    ///
    /// # Errors
    /// [`LtvError::Overflow`] if a ratio exceeds the Decimal range.
    pub fn channel_values(&self, model: AttributionModel) -> Option<Result<Vec<ChannelValue>, LtvError>> {
        let m = self.models.iter().position(|&x| x == model)?;
        let div = |a: Decimal, b: Decimal| -> Result<Option<Decimal>, LtvError> {
            if b.is_zero() {
                Ok(None)
            } else {
                a.checked_div(b).map(Some).ok_or(LtvError::Overflow { field: "channel_values" })
            }
        };
        Some(
            self.channels
                .iter()
                .map(|c| {
                    let leads = Decimal::from(c.journeys);
                    Ok(ChannelValue {
                        channel: c.channel.clone(),
                        model,
                        leads: c.journeys,
                        conversions: c.conversions[m],
                        value: c.value[m],
                        cost: c.cost,
                        lead_ltv: div(c.value[m], leads)?,
                        cost_per_lead: div(c.cost, leads)?,
                        ltv_cpl: div(c.value[m], c.cost)?,
                    })
                })
                .collect(),
        )
    }
}

/// One channel's lead value under one model ([`Attribution::channel_values`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ChannelValue {
    /// The channel.
    pub channel: String,
    /// The model the value comes from.
    pub model: AttributionModel,
    /// Journeys (leads) that touched the channel.
    pub leads: u64,
    /// Conversions credited.
    pub conversions: Decimal,
    /// Value credited.
    pub value: Decimal,
    /// The channel's cost.
    pub cost: Decimal,
    /// value / leads; `None` without leads.
    pub lead_ltv: Option<Decimal>,
    /// cost / leads; `None` without leads.
    pub cost_per_lead: Option<Decimal>,
    /// value / cost (lead LTV / CPL); `None` when the cost is 0.
    pub ltv_cpl: Option<Decimal>,
}

fn overflow(field: &'static str) -> RowError {
    LtvError::Overflow { field }.into()
}

/// Credits every journey's conversion and value to its channels under each of `models`.
///
/// # Errors
/// [`LtvError::InvalidInput`] naming `models` when the list is empty or repeats a model, or `channels` when
/// Markov is asked with more than [`MAX_MARKOV_CHANNELS`] channels; [`LtvError::Undefined`] naming `markov`
/// if its linear solve fails its check; [`LtvError::Overflow`] when a total exceeds the Decimal range.
pub fn attribute(
    data: &Journeys,
    models: &[AttributionModel],
    options: &AttributionOptions,
) -> Result<Attribution, RowError> {
    if models.is_empty() {
        return Err(LtvError::InvalidInput {
            field: "models",
            value: "[]".to_owned(),
            allowed: "at least one model",
            suggestion: None,
        }
        .into());
    }
    for (i, m) in models.iter().enumerate() {
        if models[..i].contains(m) {
            return Err(LtvError::InvalidInput {
                field: "models",
                value: format!("'{m}' (twice)"),
                allowed: "each model once",
                suggestion: None,
            }
            .into());
        }
    }
    let effects = if models.contains(&AttributionModel::Markov) { Some(removal_effects(data)?) } else { None };
    let markov_weights = effects.as_ref().map(|e| quantised(&e.removal_effects)).unwrap_or_default();
    let k = data.channels.len();
    let direct: Vec<bool> = data.channels.iter().map(|c| *c == options.direct_channel).collect();
    let rules: Vec<Option<Rule>> = models
        .iter()
        .map(|m| match m {
            AttributionModel::FirstTouch => Some(Rule::First),
            AttributionModel::LastTouch => Some(Rule::Last),
            AttributionModel::LastNonDirect => Some(Rule::LastNonDirect),
            AttributionModel::Linear => Some(Rule::Linear),
            AttributionModel::TimeDecay => Some(Rule::TimeDecay(options.half_life_days)),
            AttributionModel::PositionBased => Some(Rule::Position(options.position_shares)),
            AttributionModel::Markov | AttributionModel::Shapley => None,
        })
        .collect();
    let one_conversion = 10_u128.pow(CONVERSION_DECIMALS);
    let ctx = credit::Ctx {
        data,
        models,
        rules: &rules,
        markov_weights: &markov_weights,
        direct: &direct,
        per_journey: options.per_journey,
    };
    let credit::Partial {
        mut conv_units,
        mut value_units,
        journeys_per_channel,
        total_conv,
        total_value,
        journeys: out,
    } = credit::credit_all(&ctx, credit::default_threads(data.len()))?;
    let (mut value, mut scratch) = (Vec::new(), Vec::new());
    // Markov's totals: the grand totals split by the removal effects (channels in label order).
    if let Some(m) = models.iter().position(|&x| x == AttributionModel::Markov) {
        let mut by_label: Vec<usize> = (0..k).collect();
        by_label.sort_unstable_by_key(|&c| data.rank[c]);
        let ranked: Vec<u64> = by_label.iter().map(|&c| markov_weights.get(c).copied().unwrap_or(0)).collect();
        let total_conv_units = u128::from(total_conv) * one_conversion;
        for (units, target) in [(total_conv_units, &mut conv_units[m]), (total_value, &mut value_units[m])] {
            largest_remainder(units, &ranked, 0, &mut value, &mut scratch);
            for (&c, &x) in by_label.iter().zip(&value) {
                target[c] = x;
            }
        }
    }
    let mut channels = Vec::with_capacity(k);
    for c in 0..k {
        let mut conversions = Vec::with_capacity(models.len());
        let mut value = Vec::with_capacity(models.len());
        for m in 0..models.len() {
            conversions.push(from_units(conv_units[m][c], CONVERSION_DECIMALS).ok_or_else(|| overflow("conversions"))?);
            value.push(from_units(value_units[m][c], data.scale).ok_or_else(|| overflow("value"))?);
        }
        channels.push(ChannelCredit {
            channel: data.channels[c].clone(),
            touchpoints: data.touchpoints_per_channel[c],
            journeys: journeys_per_channel[c],
            cost: data.cost[c],
            conversions,
            value,
        });
    }
    Ok(Attribution {
        models: models.to_vec(),
        channels,
        conversions: total_conv,
        value: from_units(total_value, data.scale).ok_or_else(|| overflow("value"))?,
        removal_effects: effects,
        journeys: out,
    })
}

/// Removal effects as whole weights: `round(2^40 x e / max e)`, at least 1 for a positive effect.
fn quantised(effects: &[f64]) -> Vec<u64> {
    let max = effects.iter().copied().fold(0.0_f64, f64::max);
    effects
        .iter()
        .map(|&e| {
            if e > 0.0 && max > 0.0 {
                let w = (rules::DECAY_ONE * e / max).round();
                if w >= 1.0 { w as u64 } else { 1 }
            } else {
                0
            }
        })
        .collect()
}
