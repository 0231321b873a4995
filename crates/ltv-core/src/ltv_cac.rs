//! LTV:CAC ratio, its health bands, and the maximum allowable CAC.

use rust_decimal::Decimal;

use crate::error::Result;
use crate::number::{Checked, Checks, FirstError, Number, in_range};
use crate::quantity::Money;
use crate::quantity::Ratio;
use crate::quantity::option_enum;
use crate::quantity::validate::{positive, positive_with};

/// Where an LTV:CAC ratio falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HealthBand {
    /// Below the healthy band (default < 3): acquisition costs too much for the value it brings.
    Overspending,
    /// Inside the band (default 3 to 5, inclusive).
    Healthy,
    /// Above the band (default > 5): growth is probably being left on the table.
    UnderInvesting,
}

option_enum!(
    HealthBand,
    field = "band",
    allowed = "'overspending', 'healthy' or 'under_investing'",
    {
        Overspending => "overspending",
        Healthy => "healthy",
        UnderInvesting => "under_investing",
    }
);

/// The healthy LTV:CAC band, `healthy_min <= ratio <= healthy_max`. Default 3 to 5 (the "3:1" rule of the
/// SaaS metrics literature; above 5 suggests under-investment in growth).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(
        try_from = "HealthBandsRepr<T>",
        into = "HealthBandsRepr<T>",
        bound(serialize = "T: Number + serde::Serialize", deserialize = "T: Number + serde::de::DeserializeOwned")
    )
)]
pub struct HealthBands<T = Decimal> {
    healthy_min: T,
    healthy_max: T,
}

impl<T: Number> HealthBands<T> {
    /// A band with `0 < healthy_min <= healthy_max`.
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`](crate::LtvError::InvalidInput) when a bound is not positive or `healthy_max < healthy_min`.
    #[inline]
    pub fn new(healthy_min: T, healthy_max: T) -> Result<Self> {
        positive("healthy_min", healthy_min)?;
        positive("healthy_max", healthy_max)?;
        if healthy_max < healthy_min {
            return Err(crate::quantity::validate::invalid("healthy_max", healthy_max, "a value >= healthy_min"));
        }
        Ok(Self { healthy_min, healthy_max })
    }

    /// The lower bound of the healthy band.
    #[must_use]
    pub fn healthy_min(self) -> T {
        self.healthy_min
    }

    /// The upper bound of the healthy band.
    #[must_use]
    pub fn healthy_max(self) -> T {
        self.healthy_max
    }

    /// The band `ratio` falls in.
    #[must_use]
    #[inline]
    pub fn classify(self, ratio: T) -> HealthBand {
        if ratio < self.healthy_min {
            HealthBand::Overspending
        } else if ratio > self.healthy_max {
            HealthBand::UnderInvesting
        } else {
            HealthBand::Healthy
        }
    }

    /// The band code of `ratio` as a number, without a branch: 0 overspending, 1 healthy, 2 under-investing
    /// (the column engine's `ltv_cac_band`).
    #[must_use]
    #[inline(always)]
    pub fn band_code(self, ratio: T) -> T {
        let upper = T::select(ratio > self.healthy_max, T::from_u32(2), T::ONE);
        T::select(ratio < self.healthy_min, T::ZERO, upper)
    }
}

/// The default lower bound of the healthy LTV:CAC band (3:1).
pub const DEFAULT_HEALTHY_MIN: u32 = 3;
/// The default upper bound of the healthy LTV:CAC band (5:1).
pub const DEFAULT_HEALTHY_MAX: u32 = 5;
/// The default target LTV:CAC ratio of [`max_cac`] and [`bid_cap`](crate::bid_cap) (3:1).
pub const DEFAULT_TARGET_RATIO: u32 = 3;

impl<T: Number> Default for HealthBands<T> {
    /// `[DEFAULT_HEALTHY_MIN, DEFAULT_HEALTHY_MAX]`: 3:1 to 5:1.
    fn default() -> Self {
        Self { healthy_min: T::from_u32(DEFAULT_HEALTHY_MIN), healthy_max: T::from_u32(DEFAULT_HEALTHY_MAX) }
    }
}

/// An LTV:CAC ratio with its health band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LtvCacRatio<T = Decimal> {
    /// LTV / CAC.
    pub ratio: T,
    /// Where the ratio falls in the bands it was classified with.
    pub band: HealthBand,
}

/// LTV:CAC = LTV / CAC, classified against `bands`.
///
/// ```
/// use ltv_core::{ltv_cac_ratio, HealthBand, HealthBands, Money};
/// use ltv_core::Decimal;
/// let r = ltv_cac_ratio(Money::new(Decimal::new(13_333, 0))?, Money::new(Decimal::new(4_000, 0))?, HealthBands::default())?;
/// assert_eq!(r.ratio.round_dp(2), Decimal::new(333, 2));
/// assert_eq!(r.band, HealthBand::Healthy);
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::InvalidInput`](crate::LtvError::InvalidInput) for a CAC of 0 (the ratio is undefined), [`LtvError::Overflow`](crate::LtvError::Overflow).
#[inline]
pub fn ltv_cac_ratio<T: Number>(ltv: Money<T>, cac: Money<T>, bands: HealthBands<T>) -> Result<LtvCacRatio<T>> {
    let ratio = ltv_cac_ratio_with(&mut FirstError, ltv, cac)?;
    Ok(LtvCacRatio { ratio, band: bands.classify(ratio) })
}

/// The ratio of [`ltv_cac_ratio`] under any [`Checks`] policy.
#[inline(always)]
pub(crate) fn ltv_cac_ratio_with<T: Number, C: Checks>(c: &mut C, ltv: Money<T>, cac: Money<T>) -> Result<T, C::Error> {
    let cac = positive_with(c, "cac", cac.get())?;
    in_range(c, "ltv_cac_ratio", Checked::new(ltv.get()) / cac)
}

/// Maximum allowable CAC = LTV / target LTV:CAC ratio.
///
/// ```
/// use ltv_core::{max_cac, Money, Ratio};
/// use ltv_core::Decimal;
/// // An LTV of 13,333.33 at a 3:1 target allows 4,444.44 of CAC.
/// let cac = max_cac(Money::new(Decimal::new(1_333_333, 2))?, Ratio::new(Decimal::new(3, 0))?)?;
/// assert_eq!(cac.round_dp(2), Decimal::new(444_444, 2));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::Overflow`](crate::LtvError::Overflow).
#[inline]
pub fn max_cac<T: Number>(ltv: Money<T>, target_ratio: Ratio<T>) -> Result<T> {
    max_cac_with(&mut FirstError, ltv, target_ratio)
}

/// [`max_cac`] under any [`Checks`] policy.
#[inline(always)]
pub(crate) fn max_cac_with<T: Number, C: Checks>(
    c: &mut C,
    ltv: Money<T>,
    target_ratio: Ratio<T>,
) -> Result<T, C::Error> {
    in_range(c, "max_cac", Checked::new(ltv.get()) / target_ratio.get())
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(bound(serialize = "T: Number + serde::Serialize", deserialize = "T: Number + serde::de::DeserializeOwned"))]
struct HealthBandsRepr<T> {
    healthy_min: T,
    healthy_max: T,
}

#[cfg(feature = "serde")]
impl<T: Number> TryFrom<HealthBandsRepr<T>> for HealthBands<T> {
    type Error = crate::LtvError;
    fn try_from(r: HealthBandsRepr<T>) -> Result<Self> {
        Self::new(r.healthy_min, r.healthy_max)
    }
}

#[cfg(feature = "serde")]
impl<T: Number> From<HealthBands<T>> for HealthBandsRepr<T> {
    fn from(b: HealthBands<T>) -> Self {
        Self { healthy_min: b.healthy_min, healthy_max: b.healthy_max }
    }
}
