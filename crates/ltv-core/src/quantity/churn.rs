//! Churn rates with their period and basis.

use rust_decimal::Decimal;

use crate::error::{LtvError, Result};
use crate::number::{Checked, Checks, FirstError, Number, in_range};
use crate::quantity::option_enum;
use crate::quantity::validate::within_with;

/// The period a rate is quoted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Period {
    /// Per month (the unit every formula works in).
    #[default]
    Monthly,
    /// Per year, converted to monthly by compounding.
    Annual,
}

/// What a churn rate counts. The definitions disagree in the field, so the basis is explicit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ChurnBasis {
    /// Customers lost / customers at the start of the period (logo or customer churn). The default.
    #[default]
    Logo,
    /// (Churned + contraction MRR) / starting MRR. Never negative.
    GrossRevenue,
    /// (Churned + contraction - expansion - reactivation MRR) / starting MRR. Negative when expansion
    /// outweighs losses (net negative churn).
    NetRevenue,
}

option_enum!(Period, field = "period", allowed = "'monthly' or 'annual'", {
    Monthly => "monthly",
    Annual => "annual",
});

option_enum!(ChurnBasis, field = "churn_basis", allowed = "'logo', 'gross_revenue' or 'net_revenue'", {
    Logo => "logo",
    GrossRevenue => "gross_revenue",
    NetRevenue => "net_revenue",
});

/// A churn rate with its [`Period`] and [`ChurnBasis`].
///
/// Allowed: `[0, 1]` for logo and gross revenue churn, `[-1, 1]` for net revenue churn (down to -100 %, a
/// net retention of 200 % per period). A value in `(1, 100]` is rejected with the suggestion `value / 100`.
/// Zero and net negative churn are valid *rates*: the discounted and horizon formulas value them, and the
/// formulas that divide by churn ([`saas_ltv`](crate::saas_ltv), [`lifespan_from_churn`](crate::lifespan_from_churn))
/// reject them with [`LtvError::ZeroChurn`] and [`LtvError::NegativeNetChurn`].
///
/// An annual churn `a` converts to the monthly churn `1 - (1 - a)^(1/12)` (the rate whose twelve monthly
/// survivals compound to the annual survival), not `a / 12`.
///
/// ```
/// use ltv_core::{Churn, Decimal};
/// let annual = Churn::annual(Decimal::new(30, 2))?; // 30 %/yr
/// assert_eq!(annual.monthly_rate()?.round_dp(6), Decimal::new(29286, 6)); // 2.9286 %/month
/// let err = Churn::monthly(Decimal::new(3, 0)).unwrap_err();
/// assert_eq!(err.to_string(), "churn = 3 is out of range: expected a churn rate in [0, 1]; did you mean 0.03?");
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Churn<T = Decimal> {
    rate: T,
    period: Period,
    basis: ChurnBasis,
    field: &'static str,
}

impl<T: Number> Churn<T> {
    /// A validated churn rate; errors name the field `churn`.
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] out of range, [`LtvError::NotFinite`] for a NaN or infinite `f64`.
    pub fn new(rate: T, period: Period, basis: ChurnBasis) -> Result<Self> {
        Self::named("churn", rate, period, basis)
    }

    /// As [`Self::new`], with errors (here and in the formulas it feeds) naming `field`.
    ///
    /// # Errors
    /// As [`Self::new`].
    #[inline]
    pub fn named(field: &'static str, rate: T, period: Period, basis: ChurnBasis) -> Result<Self> {
        Self::check(&mut FirstError, field, rate, period, basis)
    }

    /// [`Self::named`] under any [`Checks`] policy.
    #[inline(always)]
    pub(crate) fn check<C: Checks>(
        c: &mut C,
        field: &'static str,
        rate: T,
        period: Period,
        basis: ChurnBasis,
    ) -> Result<Self, C::Error> {
        let rate = match basis {
            ChurnBasis::NetRevenue => {
                within_with(c, field, rate, Number::neg(T::ONE), T::ONE, "a net revenue churn rate in [-1, 1]")?
            }
            ChurnBasis::Logo | ChurnBasis::GrossRevenue => {
                within_with(c, field, rate, T::ZERO, T::ONE, "a churn rate in [0, 1]")?
            }
        };
        Ok(Self { rate, period, basis, field })
    }

    /// Monthly logo churn; errors name the field `churn` ([`Self::monthly_named`] names yours).
    ///
    /// # Errors
    /// As [`Self::new`].
    pub fn monthly(rate: T) -> Result<Self> {
        Self::new(rate, Period::Monthly, ChurnBasis::Logo)
    }

    /// Annual logo churn; errors name the field `churn` ([`Self::annual_named`] names yours).
    ///
    /// # Errors
    /// As [`Self::new`].
    pub fn annual(rate: T) -> Result<Self> {
        Self::new(rate, Period::Annual, ChurnBasis::Logo)
    }

    /// Monthly logo churn whose errors, here and in every formula it feeds, name `field`.
    ///
    /// ```
    /// use ltv_core::{Churn, LtvError, dec, lifespan_from_churn};
    ///
    /// let err = Churn::monthly_named("monthly_churn", dec!(3)).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "monthly_churn = 3 is out of range: expected a churn rate in [0, 1]; did you mean 0.03?"
    /// );
    /// // A valid rate keeps the name for the formula's own checks.
    /// let zero = Churn::monthly_named("monthly_churn", dec!(0))?;
    /// assert!(matches!(lifespan_from_churn(zero), Err(LtvError::ZeroChurn { field: "monthly_churn" })));
    /// # Ok::<(), LtvError>(())
    /// ```
    ///
    /// # Errors
    /// As [`Self::new`], naming `field`.
    pub fn monthly_named(field: &'static str, rate: T) -> Result<Self> {
        Self::named(field, rate, Period::Monthly, ChurnBasis::Logo)
    }

    /// Annual logo churn whose errors, here and in every formula it feeds, name `field`.
    ///
    /// ```
    /// use ltv_core::{Churn, dec};
    ///
    /// let err = Churn::annual_named("annual_churn", dec!(-0.1)).unwrap_err();
    /// assert_eq!(err.to_string(), "annual_churn = -0.1 is out of range: expected a churn rate in [0, 1]");
    /// assert_eq!(Churn::annual_named("annual_churn", dec!(0.30))?.field(), "annual_churn");
    /// # Ok::<(), ltv_core::LtvError>(())
    /// ```
    ///
    /// # Errors
    /// As [`Self::new`], naming `field`.
    pub fn annual_named(field: &'static str, rate: T) -> Result<Self> {
        Self::named(field, rate, Period::Annual, ChurnBasis::Logo)
    }

    /// The same rate on another basis, validated again.
    ///
    /// # Errors
    /// As [`Self::new`].
    pub fn with_basis(self, basis: ChurnBasis) -> Result<Self> {
        Self::named(self.field, self.rate, self.period, basis)
    }

    /// The rate as given, for its period.
    #[must_use]
    pub fn rate(self) -> T {
        self.rate
    }

    /// The period the rate is quoted for.
    #[must_use]
    pub fn period(self) -> Period {
        self.period
    }

    /// What the rate counts.
    #[must_use]
    pub fn basis(self) -> ChurnBasis {
        self.basis
    }

    /// The field name errors use.
    #[must_use]
    pub fn field(self) -> &'static str {
        self.field
    }

    /// The monthly rate: the rate itself, or `1 - (1 - annual)^(1/12)`.
    ///
    /// # Errors
    /// [`LtvError::Overflow`] only if the power cannot be computed.
    #[inline]
    pub fn monthly_rate(self) -> Result<T> {
        self.monthly_rate_with(&mut FirstError)
    }

    /// [`Self::monthly_rate`] under any [`Checks`] policy.
    #[inline(always)]
    pub(crate) fn monthly_rate_with<C: Checks>(self, c: &mut C) -> Result<T, C::Error> {
        match self.period {
            Period::Monthly => Ok(self.rate),
            Period::Annual => {
                let one = Checked::new(T::ONE);
                let survival = one - self.rate;
                // 1 - (1 - a)^(1/12), written as -((1 + (-a))^(1/12) - 1) so that f64 keeps its precision for
                // a small a. A survival of 0 (100 % annual churn) is a monthly churn of 1.
                let change = -(-Checked::new(self.rate)).twelfth_root_m1();
                let monthly = Checked::select(survival.get() == T::ZERO, one, change);
                in_range(c, self.field, monthly)
            }
        }
    }

    /// The monthly rate of a churn that formulas divide by: it must be `> 0`.
    #[inline(always)]
    pub(crate) fn positive_monthly_rate_with<C: Checks>(self, c: &mut C) -> Result<T, C::Error> {
        let monthly = self.monthly_rate_with(c)?;
        c.require(monthly > T::ZERO, || self.not_positive())?;
        Ok(monthly)
    }

    #[cold]
    #[inline(never)]
    fn not_positive(self) -> LtvError {
        if self.basis == ChurnBasis::NetRevenue {
            LtvError::NegativeNetChurn { field: self.field, value: self.rate.describe() }
        } else {
            LtvError::ZeroChurn { field: self.field }
        }
    }
}

/// Serialized form of [`Churn`]: `{"rate": "0.03", "period": "monthly", "basis": "logo"}`.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(bound(serialize = "T: Number + serde::Serialize", deserialize = "T: Number + serde::de::DeserializeOwned"))]
struct ChurnRepr<T> {
    rate: T,
    #[serde(default)]
    period: Period,
    #[serde(default)]
    basis: ChurnBasis,
}

#[cfg(feature = "serde")]
impl<T: Number> TryFrom<ChurnRepr<T>> for Churn<T> {
    type Error = LtvError;
    fn try_from(r: ChurnRepr<T>) -> Result<Self> {
        Self::new(r.rate, r.period, r.basis)
    }
}

#[cfg(feature = "serde")]
impl<T: Number> From<Churn<T>> for ChurnRepr<T> {
    fn from(c: Churn<T>) -> Self {
        Self { rate: c.rate, period: c.period, basis: c.basis }
    }
}

#[cfg(feature = "serde")]
impl<T: Number + serde::Serialize> serde::Serialize for Churn<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        ChurnRepr::from(*self).serialize(serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de, T: Number + serde::de::DeserializeOwned> serde::Deserialize<'de> for Churn<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let repr = <ChurnRepr<T> as serde::Deserialize>::deserialize(deserializer)?;
        Self::try_from(repr).map_err(serde::de::Error::custom)
    }
}
