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

/// The weight of each touch (in time order) of one journey, written into `out`, under a rule-based model.
pub(crate) enum Rule {
    /// 1 for the first touch.
    First,
    /// 1 for the last touch.
    Last,
    /// 1 for the last touch that is not direct; the last touch when every touch is direct.
    LastNonDirect,
    /// 1 for every touch.
    Linear,
    /// `round(2^40 x 2^(-(t_last - t_i) / half_life))`: the shares of `2^(-(t_conv - t_i) / half_life)`,
    /// since the common factor `2^(-(t_conv - t_last) / half_life)` cancels (so measuring from the conversion
    /// or from the last touch gives the same split, and the most recent touch never rounds to 0).
    TimeDecay(f64),
    /// First and last touch their shares, the rest split equally (in millionths, scaled by `n - 2`).
    Position(PositionShares),
}

impl Rule {
    /// The weights of `touches` (`(time, channel)`, time order); `direct[c]` says whether channel `c` is the
    /// direct one.
    pub(crate) fn weights(&self, touches: &[(f64, u32)], direct: &[bool], out: &mut Vec<u64>) {
        out.clear();
        let n = touches.len();
        match *self {
            Self::First => out.extend((0..n).map(|i| u64::from(i == 0))),
            Self::Last => out.extend((0..n).map(|i| u64::from(i + 1 == n))),
            Self::LastNonDirect => {
                let chosen = touches.iter().rposition(|&(_, c)| !direct[c as usize]).unwrap_or(n.saturating_sub(1));
                out.extend((0..n).map(|i| u64::from(i == chosen)));
            }
            Self::Linear => out.resize(n, 1),
            Self::TimeDecay(half_life) => {
                let last = touches.last().map_or(0.0, |t| t.0);
                out.extend(touches.iter().map(|&(t, _)| {
                    let w = (DECAY_ONE * (-(last - t) / half_life).exp2()).round();
                    // In [0, 2^40]: the exponent is <= 0 (touches are in time order).
                    if w.is_finite() && w > 0.0 { w as u64 } else { 0 }
                }));
            }
            Self::Position(shares) => {
                let (f, l) = (shares.first, shares.last);
                match n {
                    0 => {}
                    1 => out.push(1),
                    2 if f + l == 0 => out.extend([1, 1]),
                    2 => out.extend([f, l]),
                    _ => {
                        let middle = SHARE_ONE - f - l;
                        let k = (n - 2) as u64;
                        out.extend((0..n).map(|i| {
                            if i == 0 {
                                f * k
                            } else if i + 1 == n {
                                l * k
                            } else {
                                middle
                            }
                        }));
                    }
                }
            }
        }
    }
}
