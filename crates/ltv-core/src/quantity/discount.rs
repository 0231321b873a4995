//! Discount rates, with compounding conversion between annual and monthly.

use rust_decimal::Decimal;

use crate::error::Result;
use crate::number::{Checked, Checks, FirstError, Number, in_range, overflow};
use crate::quantity::Period;
use crate::quantity::validate::within_with;

/// A discount rate (cost of capital) with its [`Period`], in `[0, 1]`.
///
/// An annual rate `a` is the monthly rate `(1 + a)^(1/12) - 1`, so that twelve months compound to one year:
/// 10 %/yr is 0.797414 %/month, **not** 0.10 / 12 = 0.833 %. Rates above 100 % per period are rejected
/// (with the suggestion `value / 100`), because a discount rate of 10 almost always means 10 %.
///
/// ```
/// use ltv_core::{Decimal, DiscountRate};
/// let d = DiscountRate::annual(Decimal::new(10, 2))?;
/// assert_eq!(d.monthly_rate()?.round_dp(8), Decimal::new(797414, 8));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DiscountRate<T = Decimal> {
    rate: T,
    period: Period,
    field: &'static str,
}

impl<T: Number> DiscountRate<T> {
    /// A validated rate for `period`; errors name the field `discount_rate`.
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`](crate::LtvError::InvalidInput) outside `[0, 1]`, [`LtvError::NotFinite`](crate::LtvError::NotFinite) for a NaN or infinite `f64`.
    pub fn new(rate: T, period: Period) -> Result<Self> {
        Self::named("discount_rate", rate, period)
    }

    /// As [`Self::new`], with errors naming `field`.
    ///
    /// # Errors
    /// As [`Self::new`].
    pub fn named(field: &'static str, rate: T, period: Period) -> Result<Self> {
        Self::check(&mut FirstError, field, rate, period)
    }

    /// [`Self::named`] under any [`Checks`] policy.
    #[inline(always)]
    pub(crate) fn check<C: Checks>(c: &mut C, field: &'static str, rate: T, period: Period) -> Result<Self, C::Error> {
        let rate = within_with(c, field, rate, T::ZERO, T::ONE, "a discount rate in [0, 1] per period")?;
        Ok(Self { rate, period, field })
    }

    /// An annual rate; errors name the field `discount_rate` ([`Self::annual_named`] names yours).
    ///
    /// # Errors
    /// As [`Self::new`].
    pub fn annual(rate: T) -> Result<Self> {
        Self::new(rate, Period::Annual)
    }

    /// A monthly rate; errors name the field `discount_rate` ([`Self::monthly_named`] names yours).
    ///
    /// # Errors
    /// As [`Self::new`].
    pub fn monthly(rate: T) -> Result<Self> {
        Self::new(rate, Period::Monthly)
    }

    /// An annual rate whose errors, here and in every formula it feeds, name `field`.
    ///
    /// ```
    /// use ltv_core::{DiscountRate, dec};
    ///
    /// let err = DiscountRate::annual_named("annual_discount_rate", dec!(10)).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "annual_discount_rate = 10 is out of range: expected a discount rate in [0, 1] per period; \
    ///      did you mean 0.10?"
    /// );
    /// assert_eq!(DiscountRate::annual_named("annual_discount_rate", dec!(0.10))?.field(), "annual_discount_rate");
    /// # Ok::<(), ltv_core::LtvError>(())
    /// ```
    ///
    /// # Errors
    /// As [`Self::new`], naming `field`.
    pub fn annual_named(field: &'static str, rate: T) -> Result<Self> {
        Self::named(field, rate, Period::Annual)
    }

    /// A monthly rate whose errors, here and in every formula it feeds, name `field`.
    ///
    /// ```
    /// use ltv_core::{DiscountRate, LtvError, dec};
    ///
    /// let err = DiscountRate::monthly_named("monthly_discount_rate", dec!(-0.01)).unwrap_err();
    /// assert!(matches!(err, LtvError::InvalidInput { field: "monthly_discount_rate", .. }));
    /// ```
    ///
    /// # Errors
    /// As [`Self::new`], naming `field`.
    pub fn monthly_named(field: &'static str, rate: T) -> Result<Self> {
        Self::named(field, rate, Period::Monthly)
    }

    /// An annual rate the crate knows to be valid (constants).
    pub(crate) fn annual_unchecked(rate: T) -> Self {
        Self { rate, period: Period::Annual, field: "discount_rate" }
    }

    /// No discounting.
    #[must_use]
    pub fn zero() -> Self {
        Self { rate: T::ZERO, period: Period::Monthly, field: "discount_rate" }
    }

    /// The rate as given.
    #[must_use]
    pub fn rate(self) -> T {
        self.rate
    }

    /// The period it is quoted for.
    #[must_use]
    pub fn period(self) -> Period {
        self.period
    }

    /// The field name errors use.
    #[must_use]
    pub fn field(self) -> &'static str {
        self.field
    }

    /// The monthly rate, `(1 + a)^(1/12) - 1` for an annual `a`.
    ///
    /// # Errors
    /// [`LtvError::Overflow`](crate::LtvError::Overflow) only if the power cannot be computed.
    pub fn monthly_rate(self) -> Result<T> {
        self.monthly_rate_with(&mut FirstError)
    }

    /// [`Self::monthly_rate`] under any [`Checks`] policy.
    #[inline(always)]
    pub(crate) fn monthly_rate_with<C: Checks>(self, c: &mut C) -> Result<T, C::Error> {
        match self.period {
            Period::Monthly => Ok(self.rate),
            Period::Annual => annual_to_monthly_rate_with(c, self.rate, self.field),
        }
    }

    /// The annual rate, `(1 + m)^12 - 1` for a monthly `m`.
    ///
    /// # Errors
    /// [`LtvError::Overflow`](crate::LtvError::Overflow) only if the power cannot be computed.
    pub fn annual_rate(self) -> Result<T> {
        self.annual_rate_with(&mut FirstError)
    }

    /// [`Self::annual_rate`] under any [`Checks`] policy.
    #[inline(always)]
    pub(crate) fn annual_rate_with<C: Checks>(self, c: &mut C) -> Result<T, C::Error> {
        match self.period {
            Period::Annual => Ok(self.rate),
            Period::Monthly => in_range(c, self.field, (Checked::new(T::ONE) + self.rate).powi(12) - T::ONE),
        }
    }
}

/// `(1 + annual)^(1/12) - 1`: the monthly rate that compounds to `annual` over twelve months.
///
/// Works for growth rates too (a net retention of 1.2 per year is `1.2^(1/12)` per month: pass `0.2`).
/// `annual` must be `> -1`.
///
/// # Errors
/// [`LtvError::InvalidInput`](crate::LtvError::InvalidInput) for `annual <= -1`, [`LtvError::Overflow`](crate::LtvError::Overflow) if the power cannot be computed.
pub fn annual_to_monthly_rate<T: Number>(annual: T, field: &'static str) -> Result<T> {
    annual_to_monthly_rate_with(&mut FirstError, annual, field)
}

/// [`annual_to_monthly_rate`] under any [`Checks`] policy.
#[inline(always)]
pub(crate) fn annual_to_monthly_rate_with<T: Number, C: Checks>(
    c: &mut C,
    annual: T,
    field: &'static str,
) -> Result<T, C::Error> {
    let base = Checked::new(T::ONE) + annual;
    c.require(base.ok(), || overflow(field))?;
    c.require(base.get() > T::ZERO, || crate::quantity::validate::invalid(field, annual, "a rate > -1"))?;
    in_range(c, field, Checked::new(annual).twelfth_root_m1())
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(bound(serialize = "T: Number + serde::Serialize", deserialize = "T: Number + serde::de::DeserializeOwned"))]
struct DiscountRateRepr<T> {
    rate: T,
    period: Period,
}

#[cfg(feature = "serde")]
impl<T: Number> TryFrom<DiscountRateRepr<T>> for DiscountRate<T> {
    type Error = crate::LtvError;
    fn try_from(r: DiscountRateRepr<T>) -> Result<Self> {
        Self::new(r.rate, r.period)
    }
}

#[cfg(feature = "serde")]
impl<T: Number> From<DiscountRate<T>> for DiscountRateRepr<T> {
    fn from(d: DiscountRate<T>) -> Self {
        Self { rate: d.rate, period: d.period }
    }
}

#[cfg(feature = "serde")]
impl<T: Number + serde::Serialize> serde::Serialize for DiscountRate<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        DiscountRateRepr::from(*self).serialize(serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de, T: Number + serde::de::DeserializeOwned> serde::Deserialize<'de> for DiscountRate<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let repr = <DiscountRateRepr<T> as serde::Deserialize>::deserialize(deserializer)?;
        Self::try_from(repr).map_err(serde::de::Error::custom)
    }
}
