//! The per-journey credit loop of [`super::attribute`] over a range of journeys. Large inputs split the
//! journeys into contiguous ranges credited on scoped threads (the standard library's, no dependency) and
//! merged in journey order: every journey's credit depends on that journey alone (its tie-break rotates by
//! its global index), so the result is identical for any number of threads.

use std::ops::Range;

use super::allocate::largest_remainder;
use super::journeys::{Journeys, from_units};
use super::rules::Rule;
use super::{AttributionModel, CONVERSION_DECIMALS, JourneyCredits, overflow, shapley};
use crate::error::RowError;

/// Journeys per thread below which the loop stays on the calling thread.
const JOURNEYS_PER_THREAD: usize = 32_768;

/// The most threads one call uses.
const MAX_THREADS: usize = 8;

/// What every range reads.
pub(super) struct Ctx<'a> {
    pub(super) data: &'a Journeys,
    pub(super) models: &'a [AttributionModel],
    /// The rule of each model (`None` for Markov and Shapley).
    pub(super) rules: &'a [Option<Rule>],
    /// Markov's whole weights per channel (empty without Markov).
    pub(super) markov_weights: &'a [u64],
    /// Whether each channel is the direct one.
    pub(super) direct: &'a [bool],
    pub(super) per_journey: bool,
}

/// The credits of a range of journeys, in whole units: per model then channel (Markov's channel totals are
/// left 0: the caller splits the grand totals), and the per-journey rows when asked.
#[derive(Debug, PartialEq)]
pub(super) struct Partial {
    pub(super) conv_units: Vec<Vec<u128>>,
    pub(super) value_units: Vec<Vec<u128>>,
    pub(super) journeys_per_channel: Vec<u64>,
    pub(super) total_conv: u64,
    pub(super) total_value: u128,
    pub(super) journeys: JourneyCredits,
}

/// The threads for `n` journeys: one per [`JOURNEYS_PER_THREAD`], at most the machine's parallelism and
/// [`MAX_THREADS`].
pub(super) fn default_threads(n: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    (n / JOURNEYS_PER_THREAD).clamp(1, cores.clamp(1, MAX_THREADS))
}

/// Every journey credited over `threads` contiguous ranges, merged in journey order.
pub(super) fn credit_all(ctx: &Ctx<'_>, threads: usize) -> Result<Partial, RowError> {
    let n = ctx.data.len();
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        return credit_range(ctx, 0..n);
    }
    let bounds: Vec<usize> = (0..=threads).map(|i| i * n / threads).collect();
    let parts: Vec<Result<Partial, RowError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = bounds
            .windows(2)
            .map(|b| (b[0], b[1]))
            .map(|(lo, hi)| scope.spawn(move || credit_range(ctx, lo..hi)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    let mut parts = parts.into_iter();
    let mut all = parts.next().unwrap_or_else(|| credit_range(ctx, 0..0))?;
    for part in parts {
        let part = part?;
        for (acc, add) in all.conv_units.iter_mut().zip(&part.conv_units) {
            for (a, b) in acc.iter_mut().zip(add) {
                *a = a.checked_add(*b).ok_or_else(|| overflow("conversions"))?;
            }
        }
        for (acc, add) in all.value_units.iter_mut().zip(&part.value_units) {
            for (a, b) in acc.iter_mut().zip(add) {
                *a = a.checked_add(*b).ok_or_else(|| overflow("value"))?;
            }
        }
        for (a, b) in all.journeys_per_channel.iter_mut().zip(&part.journeys_per_channel) {
            *a += b;
        }
        all.total_conv += part.total_conv;
        all.total_value = all.total_value.checked_add(part.total_value).ok_or_else(|| overflow("value"))?;
        let (acc, add) = (&mut all.journeys, part.journeys);
        acc.journey.extend(add.journey);
        acc.channel.extend(add.channel);
        for (a, b) in acc.conversions.iter_mut().zip(add.conversions) {
            a.extend(b);
        }
        for (a, b) in acc.value.iter_mut().zip(add.value) {
            a.extend(b);
        }
    }
    Ok(all)
}

/// The credits of journeys `range`.
pub(super) fn credit_range(ctx: &Ctx<'_>, range: Range<usize>) -> Result<Partial, RowError> {
    let Ctx { data, models, rules, markov_weights, direct, per_journey } = *ctx;
    let k = data.channels.len();
    let one_conversion = 10_u128.pow(CONVERSION_DECIMALS);
    let mut conv_units = vec![vec![0_u128; k]; models.len()];
    let mut value_units = vec![vec![0_u128; k]; models.len()];
    let mut journeys_per_channel = vec![0_u64; k];
    let mut out = JourneyCredits {
        conversions: vec![Vec::new(); models.len()],
        value: vec![Vec::new(); models.len()],
        ..JourneyCredits::default()
    };
    // Buffers reused across journeys.
    let mut slot = vec![usize::MAX; k];
    let (mut distinct, mut per_touch, mut w) = (Vec::new(), Vec::new(), Vec::new());
    let (mut conv, mut value, mut scratch) = (Vec::new(), Vec::new(), Vec::new());
    let (mut total_conv, mut total_value) = (0_u64, 0_u128);
    let zero_conversion = from_units(0, CONVERSION_DECIMALS).ok_or_else(|| overflow("conversions"))?;
    let zero_value = from_units(0, data.scale).ok_or_else(|| overflow("value"))?;
    for j in range {
        let touches = data.touches(j);
        data.distinct_channels(j, &mut distinct, &mut slot);
        for (pos, &c) in distinct.iter().enumerate() {
            slot[c as usize] = pos;
            journeys_per_channel[c as usize] += 1;
        }
        let cu = if data.converted[j] { one_conversion } else { 0 };
        let vu = data.units[j];
        total_conv += u64::from(data.converted[j]);
        total_value = total_value.checked_add(vu).ok_or_else(|| overflow("value"))?;
        if per_journey {
            out.journey.extend(std::iter::repeat_n(j, distinct.len()));
            out.channel.extend(distinct.iter().map(|&c| c as usize));
        }
        for (m, &model) in models.iter().enumerate() {
            if cu == 0 && vu == 0 {
                // Nothing to credit (a journey that did not convert): every credit is 0 under every model.
                if per_journey {
                    out.conversions[m].extend(std::iter::repeat_n(zero_conversion, distinct.len()));
                    out.value[m].extend(std::iter::repeat_n(zero_value, distinct.len()));
                }
                continue;
            }
            match &rules[m] {
                Some(rule) => {
                    rule.weights(touches, direct, &mut per_touch);
                    w.clear();
                    w.resize(distinct.len(), 0_u64);
                    for (&(_, c), &x) in touches.iter().zip(&per_touch) {
                        w[slot[c as usize]] += x;
                    }
                }
                None if model == AttributionModel::Shapley => shapley::weights(distinct.len(), &mut w),
                None => {
                    w.clear();
                    w.extend(distinct.iter().map(|&c| markov_weights.get(c as usize).copied().unwrap_or(0)));
                    if w.iter().all(|&x| x == 0) {
                        // Only reachable for a journey with nothing to credit; split it equally regardless.
                        w.iter_mut().for_each(|x| *x = 1);
                    }
                }
            }
            largest_remainder(cu, &w, j, &mut conv, &mut scratch);
            largest_remainder(vu, &w, j, &mut value, &mut scratch);
            if model != AttributionModel::Markov {
                for (pos, &c) in distinct.iter().enumerate() {
                    conv_units[m][c as usize] += conv[pos];
                    value_units[m][c as usize] =
                        value_units[m][c as usize].checked_add(value[pos]).ok_or_else(|| overflow("value"))?;
                }
            }
            if per_journey {
                for (cx, vx) in conv.iter().zip(&value) {
                    out.conversions[m]
                        .push(from_units(*cx, CONVERSION_DECIMALS).ok_or_else(|| overflow("conversions"))?);
                    out.value[m].push(from_units(*vx, data.scale).ok_or_else(|| overflow("value"))?);
                }
            }
        }
        for &c in &distinct {
            slot[c as usize] = usize::MAX;
        }
    }
    Ok(Partial { conv_units, value_units, journeys_per_channel, total_conv, total_value, journeys: out })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::{AttributionOptions, Outcome, Touchpoint, attribute};
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn any_number_of_threads_gives_the_same_credits() {
        // 997 journeys of 1..=4 touches over 5 channels, a third converted, with per-journey rows.
        let mut tps = Vec::new();
        let mut outs = Vec::new();
        for j in 0..997_usize {
            for t in 0..=(j % 4) {
                let channel = (j * 7 + t * 3) % 5;
                tps.push(Touchpoint { journey: j, time_days: (t * (j % 3 + 1)) as f64, channel, cost: None });
            }
            let cents = if j % 3 == 0 { (j as i64 * 7919) % 100_000 + 1 } else { 0 };
            outs.push(Outcome {
                journey: j,
                converted: cents > 0,
                value: Decimal::new(cents, 2),
                conversion_time_days: None,
            });
        }
        let channels = ["a", "b", "c", "direct", "e"];
        let labels: Vec<String> = (0..997).map(|j| format!("j{j}")).collect();
        let data = Journeys::new(&channels, &labels, &tps, &outs, &[], 2).unwrap();
        let models = AttributionModel::ALL;
        let options = AttributionOptions::default().with_per_journey(true);
        let result = attribute(&data, models, &options).unwrap();
        let rules: Vec<Option<Rule>> = models
            .iter()
            .map(|m| match m {
                AttributionModel::FirstTouch => Some(Rule::First),
                AttributionModel::Linear => Some(Rule::Linear),
                AttributionModel::TimeDecay => Some(Rule::TimeDecay(7.0)),
                AttributionModel::PositionBased => Some(Rule::Position(options.position_shares)),
                AttributionModel::LastNonDirect => Some(Rule::LastNonDirect),
                AttributionModel::LastTouch => Some(Rule::Last),
                _ => None,
            })
            .collect();
        let direct: Vec<bool> = channels.iter().map(|c| *c == "direct").collect();
        let weights = [3_u64, 1, 4, 1, 5];
        let ctx =
            Ctx { data: &data, models, rules: &rules, markov_weights: &weights, direct: &direct, per_journey: true };
        let one = credit_all(&ctx, 1).unwrap();
        for threads in [2, 3, 7, 997, 5000] {
            assert_eq!(credit_all(&ctx, threads).unwrap(), one, "{threads} threads");
        }
        // The single-range loop is what `attribute` reports (its per-journey rows, all models).
        assert_eq!(result.journeys.journey, one.journeys.journey);
        assert_eq!(result.journeys.value.len(), one.journeys.value.len());
        assert!(default_threads(10) == 1 && default_threads(usize::MAX) <= MAX_THREADS);
    }
}
