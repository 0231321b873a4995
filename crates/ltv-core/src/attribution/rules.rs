//! Rule-based models: the integer weight each touchpoint of a journey gets.
//!
//! The rules are the standard heuristic (rule-based) attribution models as surveyed by Kannan, Reinartz and
//! Verhoef (2016), "The path to purchase and attribution modeling: Introduction to special section",
//! *International Journal of Research in Marketing* 33(3), 449-456, and by Anderl, Becker, von Wangenheim
//! and Schumann (2016), same issue, 457-474 (first/last touch, linear, time decay,
//! position-based "U-shaped"). Weights are whole numbers so the allocation is exact: a journey's value is
//! split in proportion to them by largest remainder (see [`crate::attribution`]).

use rust_decimal::Decimal;

use crate::error::LtvError;

/// The weight of the most recent touch under time decay (`2^40`): older touches get
/// `round(2^40 x 2^(-age / half-life))`, so weights carry 40 bits of relative precision.
pub(crate) const DECAY_ONE: f64 = 1_099_511_627_776.0;

/// Position-based shares in millionths (six decimal places at most).
pub(crate) const SHARE_ONE: u64 = 1_000_000;

/// The shares of [`crate::attribution::AttributionModel::PositionBased`]: the first and last touch each get
/// their share, the touches in between split the rest equally.
///
/// With one touch it gets 100 %; with two, the first gets `first / (first + last)` and the last the rest
/// (50/50 for the default 40/20/40; 50/50 also when both shares are 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PositionShares {
    pub(crate) first: u64,
    pub(crate) last: u64,
}

impl Default for PositionShares {
    /// 40 % first, 40 % last, 20 % to the touches in between.
    fn default() -> Self {
        Self { first: 400_000, last: 400_000 }
    }
}

impl PositionShares {
    /// `first` and `last` as fractions in `[0, 1]` with at most six decimal places and `first + last <= 1`.
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] naming `first_share` or `last_share`.
    pub fn new(first: Decimal, last: Decimal) -> Result<Self, LtvError> {
        let f = millionths("first_share", first)?;
        let l = millionths("last_share", last)?;
        if f + l > SHARE_ONE {
            return Err(LtvError::InvalidInput {
                field: "last_share",
                value: last.to_string(),
                allowed: "first_share + last_share <= 1",
                suggestion: None,
            });
        }
        Ok(Self { first: f, last: l })
    }

    /// The first touch's share.
    #[must_use]
    pub fn first(&self) -> Decimal {
        Decimal::new(i64::try_from(self.first).unwrap_or(0), 6).normalize()
    }

    /// The last touch's share.
    #[must_use]
    pub fn last(&self) -> Decimal {
        Decimal::new(i64::try_from(self.last).unwrap_or(0), 6).normalize()
    }
}

fn millionths(field: &'static str, share: Decimal) -> Result<u64, LtvError> {
    let bad = |allowed| LtvError::InvalidInput { field, value: share.to_string(), allowed, suggestion: None };
    if share < Decimal::ZERO || share > Decimal::ONE {
        return Err(bad("a fraction in [0, 1]"));
    }
    let m = share * Decimal::from(SHARE_ONE);
    if !m.fract().is_zero() {
        return Err(bad("at most six decimal places"));
    }
    u64::try_from(m.trunc().mantissa() / 10_i128.pow(m.trunc().scale())).map_err(|_| bad("a fraction in [0, 1]"))
}

/// The touch weights of one journey of `n >= 1` touches: 1 for the first touch.
pub(crate) fn first_touch(n: usize) -> Vec<u64> {
    (0..n).map(|i| u64::from(i == 0)).collect()
}

/// 1 for the last touch.
pub(crate) fn last_touch(n: usize) -> Vec<u64> {
    (0..n).map(|i| u64::from(i + 1 == n)).collect()
}

/// The last touch that is not direct; the last touch when every touch is direct.
pub(crate) fn last_non_direct(is_direct: &[bool]) -> Vec<u64> {
    let n = is_direct.len();
    let chosen = is_direct.iter().rposition(|&d| !d).unwrap_or(n.saturating_sub(1));
    (0..n).map(|i| u64::from(i == chosen)).collect()
}

/// 1 for every touch.
pub(crate) fn linear(n: usize) -> Vec<u64> {
    vec![1; n]
}

/// `round(2^40 x 2^(-(t_last - t_i) / half_life))`: the shares of `2^(-(t_conv - t_i) / half_life)`, since
/// the common factor `2^(-(t_conv - t_last) / half_life)` cancels (so measuring from the conversion or from
/// the last touch gives the same split, and the most recent touch never rounds to 0).
pub(crate) fn time_decay(times: &[f64], half_life_days: f64) -> Vec<u64> {
    let last = times.last().copied().unwrap_or(0.0);
    times
        .iter()
        .map(|&t| {
            let w = (DECAY_ONE * (-(last - t) / half_life_days).exp2()).round();
            // In [0, 2^40]: the exponent is <= 0 (touches are in time order).
            if w.is_finite() && w > 0.0 { w as u64 } else { 0 }
        })
        .collect()
}

/// First and last touch their shares, the rest split equally (in millionths, scaled by `n - 2`).
pub(crate) fn position_based(n: usize, shares: PositionShares) -> Vec<u64> {
    let (f, l) = (shares.first, shares.last);
    match n {
        0 => Vec::new(),
        1 => vec![1],
        2 if f + l == 0 => vec![1, 1],
        2 => vec![f, l],
        _ => {
            let middle = SHARE_ONE - f - l;
            let k = (n - 2) as u64;
            (0..n)
                .map(|i| {
                    if i == 0 {
                        f * k
                    } else if i + 1 == n {
                        l * k
                    } else {
                        middle
                    }
                })
                .collect()
        }
    }
}
