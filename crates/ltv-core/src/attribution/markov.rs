//! The first-order Markov-chain removal effect (Anderl, Becker, von Wangenheim and Schumann 2016).
//!
//! Anderl, E., Becker, I., von Wangenheim, F. and Schumann, J. H. (2016), "Mapping the customer journey:
//! Lessons learned from graph-based online attribution modeling", *International Journal of Research in
//! Marketing* 33(3), 457-474: every journey is a path `start -> c1 -> ... -> cn -> conversion`
//! (or `-> null` when it did not convert); the transition probabilities are the observed transition counts
//! normalised per state (first order); the chain's conversion probability is the probability of absorption
//! in `conversion` from `start`; the **removal effect** of channel `c` is `1 - P(conversion without c) /
//! P(conversion)`, where removing `c` sends every transition into `c` to `null`; credits are
//! the removal effects normalised to sum to the conversions (and the value).
//!
//! The absorption probabilities solve `(I - Q) p = r` (`Q` the transitions between start and the channels,
//! `r` the one-step probabilities of conversion), by Gaussian elimination with partial pivoting in `f64`:
//! the probabilities are ratios of counts that no decimal represents exactly anyway, and the credits are
//! then allocated exactly (largest remainder) from the shares. Every solve is checked: the probabilities of
//! ending in `conversion` and in `null` (solved alike) must sum to 1 within 1e-9 in every state, and lie in
//! `[0, 1]`.

use crate::attribution::journeys::Journeys;
use crate::error::LtvError;

/// The most channels the Markov model takes (checked first): `n + 1` removals of an `(n + 1)`-state solve.
pub const MAX_MARKOV_CHANNELS: usize = 200;

/// The fitted chain's conversion probability and each channel's removal effect.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RemovalEffects {
    /// P(conversion) from start, with every channel.
    pub conversion_probability: f64,
    /// `1 - P(conversion without c) / P(conversion)` per channel (label order), in `[0, 1]`; 0 for a channel
    /// with no touchpoint, and every effect 0 when nothing converted.
    pub removal_effects: Vec<f64>,
}

/// Transition counts: state 0 is start, state `1 + c` channel `c`; per row, the counts to every transient
/// state, to conversion and to null.
struct Chain {
    counts: Vec<Vec<f64>>,
    to_conversion: Vec<f64>,
    to_null: Vec<f64>,
}

impl Chain {
    fn new(data: &Journeys) -> Self {
        let states = data.channels.len() + 1;
        let mut counts = vec![vec![0.0; states]; states];
        let mut to_conversion = vec![0.0; states];
        let mut to_null = vec![0.0; states];
        for j in 0..data.len() {
            let mut from = 0_usize;
            for &(_, c) in data.touches(j) {
                let to = c as usize + 1;
                counts[from][to] += 1.0;
                from = to;
            }
            if data.converted[j] {
                to_conversion[from] += 1.0;
            } else {
                to_null[from] += 1.0;
            }
        }
        Self { counts, to_conversion, to_null }
    }

    /// P(absorbed in conversion from start) with state `removed` (if any) made a null state.
    fn conversion_probability(&self, removed: Option<usize>) -> Result<f64, LtvError> {
        let n = self.counts.len();
        let mut a = vec![vec![0.0; n]; n];
        let mut b = vec![[0.0_f64; 2]; n];
        for i in 0..n {
            a[i][i] = 1.0;
            let total: f64 = self.counts[i].iter().sum::<f64>() + self.to_conversion[i] + self.to_null[i];
            if Some(i) == removed || total == 0.0 {
                // A removed channel ends the journey (null); a state never visited is never reached.
                b[i] = [0.0, 1.0];
                continue;
            }
            for (x, &count) in a[i].iter_mut().zip(&self.counts[i]) {
                *x -= count / total;
            }
            b[i] = [self.to_conversion[i] / total, self.to_null[i] / total];
        }
        let p = solve(a, b)?;
        for pi in &p {
            let ok = (pi[0] + pi[1] - 1.0).abs() <= 1e-9 && (-1e-12..=1.0 + 1e-12).contains(&pi[0]);
            if !ok {
                return Err(LtvError::Undefined {
                    field: "markov",
                    reason: "the absorption probabilities do not sum to 1 (an ill-conditioned chain)",
                });
            }
        }
        Ok(p[0][0].clamp(0.0, 1.0))
    }
}

/// Solves `a x = b` for two right-hand sides by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<[f64; 2]>) -> Result<Vec<[f64; 2]>, LtvError> {
    let n = a.len();
    let singular = LtvError::Undefined { field: "markov", reason: "the transition matrix is singular" };
    for col in 0..n {
        let pivot = (col..n).max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs())).unwrap_or(col);
        if a[pivot][col].abs() < 1e-300 {
            return Err(singular);
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..n {
            let f = a[row][col] / a[col][col];
            if f == 0.0 {
                continue;
            }
            let (upper, lower) = a.split_at_mut(row);
            for (x, &y) in lower[0][col..].iter_mut().zip(&upper[col][col..]) {
                *x -= f * y;
            }
            b[row][0] -= f * b[col][0];
            b[row][1] -= f * b[col][1];
        }
    }
    let mut x = vec![[0.0; 2]; n];
    for row in (0..n).rev() {
        let mut s = b[row];
        for k in row + 1..n {
            s[0] -= a[row][k] * x[k][0];
            s[1] -= a[row][k] * x[k][1];
        }
        x[row] = [s[0] / a[row][row], s[1] / a[row][row]];
    }
    if x.iter().any(|v| !v[0].is_finite() || !v[1].is_finite()) {
        return Err(singular);
    }
    Ok(x)
}

/// The removal effect of every channel.
///
/// The worked example of Puzyrov (2019), "Markov Chain Attribution - Simple Explanation of Removal Effect"
/// (serhiipuzyrov.com): paths `google ads` (2 conversions), `mailing` (1), `google ads > mailing` (1) and
/// `google ads` (no conversion) give P(conversion) = 0.8 and removal effects 0.75 and 0.5, so the 4
/// conversions split 2.4 / 1.6:
///
/// ```
/// use ltv_core::attribution::{attribute, removal_effects, AttributionModel, AttributionOptions, Journeys, Outcome, Touchpoint};
/// use ltv_core::Decimal;
/// let tp = |journey, day: f64, channel| Touchpoint { journey, time_days: day, channel, cost: None };
/// let won = |journey| Outcome { journey, converted: true, value: Decimal::ONE, conversion_time_days: None };
/// let data = Journeys::new(
///     &["google_ads", "mailing"],
///     &["a", "b", "c", "d", "e"],
///     &[tp(0, 0.0, 0), tp(1, 0.0, 0), tp(2, 0.0, 1), tp(3, 0.0, 0), tp(3, 1.0, 1), tp(4, 0.0, 0)],
///     &[won(0), won(1), won(2), won(3), Outcome { journey: 4, converted: false, value: Decimal::ZERO, conversion_time_days: None }],
///     &[],
///     2,
/// )?;
/// let fit = removal_effects(&data)?;
/// assert!((fit.conversion_probability - 0.8).abs() < 1e-15);
/// assert!((fit.removal_effects[0] - 0.75).abs() < 1e-15 && (fit.removal_effects[1] - 0.5).abs() < 1e-15);
/// let credit = attribute(&data, &[AttributionModel::Markov], &AttributionOptions::default())?;
/// assert_eq!((credit.channels[0].conversions[0], credit.channels[1].conversions[0]), (Decimal::new(24, 1), Decimal::new(16, 1)));
/// # Ok::<(), ltv_core::RowError>(())
/// ```
///
/// # Errors
/// [`LtvError::InvalidInput`] naming `channels` beyond [`MAX_MARKOV_CHANNELS`] (checked first);
/// [`LtvError::Undefined`] naming `markov` if a solve fails its check.
pub fn removal_effects(data: &Journeys) -> Result<RemovalEffects, LtvError> {
    let k = data.channels.len();
    if k > MAX_MARKOV_CHANNELS {
        return Err(LtvError::InvalidInput {
            field: "channels",
            value: k.to_string(),
            allowed: "at most 200 channels for the Markov model",
            suggestion: None,
        });
    }
    let chain = Chain::new(data);
    let p = chain.conversion_probability(None)?;
    let mut effects = vec![0.0; k];
    if p > 0.0 {
        for (c, effect) in effects.iter_mut().enumerate() {
            if data.touchpoints_per_channel[c] == 0 {
                continue;
            }
            let without = chain.conversion_probability(Some(c + 1))?;
            *effect = (1.0 - without / p).clamp(0.0, 1.0);
        }
    }
    Ok(RemovalEffects { conversion_probability: p, removal_effects: effects })
}
