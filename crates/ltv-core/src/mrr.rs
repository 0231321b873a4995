//! MRR movements and the churn and retention rates built from them.

use rust_decimal::Decimal;

use crate::error::{LtvError, Result};
use crate::number::{Calc, Number};
use crate::quantity::Money;

/// One period's MRR movements: the MRR at the start and what moved it.
///
/// Conventions (they differ between vendors, so they are stated):
/// - *Reactivation* (MRR from a returning, previously churned customer) counts as a gain: it is subtracted in
///   net MRR churn, added in NRR, and counted in the numerator of the quick ratio. *New* MRR is not part of
///   churn or retention (those follow the customers present at the start).
/// - Losses (`churned + contraction`) cannot exceed `starting_mrr`.
///
/// ```
/// use ltv_core::{MrrMovements, Money};
/// use rust_decimal::Decimal;
/// let m = |v| Money::new(Decimal::new(v, 0));
/// // 100 at the start, 10 churned, 10 contraction, 10 expansion.
/// let mv = MrrMovements::new(m(100)?, m(0)?, m(10)?, m(10)?, m(10)?, m(0)?)?;
/// assert_eq!(mv.gross_mrr_churn()?, Decimal::new(20, 2)); // 20 %
/// assert_eq!(mv.net_mrr_churn()?, Decimal::new(10, 2)); // 10 %
/// assert_eq!(mv.net_revenue_retention()?, Decimal::new(90, 2));
/// assert_eq!(mv.gross_revenue_retention()?, Decimal::new(80, 2));
/// assert_eq!(mv.quick_ratio()?, Decimal::new(5, 1)); // (0 + 10 + 0) / (10 + 10)
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(
        try_from = "MrrMovementsRepr<T>",
        into = "MrrMovementsRepr<T>",
        bound(serialize = "T: Number + serde::Serialize", deserialize = "T: Number + serde::de::DeserializeOwned")
    )
)]
pub struct MrrMovements<T = Decimal> {
    starting_mrr: T,
    new: T,
    expansion: T,
    contraction: T,
    churned: T,
    reactivation: T,
}

impl<T: Number> MrrMovements<T> {
    /// Validated movements.
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] when `churned + contraction > starting_mrr`, [`LtvError::Overflow`].
    #[inline]
    pub fn new(
        starting_mrr: Money<T>,
        new: Money<T>,
        expansion: Money<T>,
        contraction: Money<T>,
        churned: Money<T>,
        reactivation: Money<T>,
    ) -> Result<Self> {
        let lost = Calc("churned + contraction").add(churned.get(), contraction.get())?;
        if lost > starting_mrr.get() {
            return Err(LtvError::InvalidInput {
                field: "churned + contraction",
                value: lost.to_string(),
                allowed: "at most starting_mrr (a period cannot lose more MRR than it started with)",
                suggestion: None,
            });
        }
        Ok(Self {
            starting_mrr: starting_mrr.get(),
            new: new.get(),
            expansion: expansion.get(),
            contraction: contraction.get(),
            churned: churned.get(),
            reactivation: reactivation.get(),
        })
    }

    /// MRR at the start of the period.
    #[must_use]
    pub fn starting_mrr(self) -> T {
        self.starting_mrr
    }
    /// MRR from customers new this period.
    #[must_use]
    pub fn new_mrr(self) -> T {
        self.new
    }
    /// MRR added by existing customers (upgrades).
    #[must_use]
    pub fn expansion(self) -> T {
        self.expansion
    }
    /// MRR removed by customers who stayed (downgrades).
    #[must_use]
    pub fn contraction(self) -> T {
        self.contraction
    }
    /// MRR of customers who left.
    #[must_use]
    pub fn churned(self) -> T {
        self.churned
    }
    /// MRR of customers who came back.
    #[must_use]
    pub fn reactivation(self) -> T {
        self.reactivation
    }

    fn per_starting_mrr(self, field: &'static str, amount: T) -> Result<T> {
        if self.starting_mrr == T::ZERO {
            return Err(LtvError::Undefined { field, reason: "starting_mrr is 0" });
        }
        Calc(field).div(amount, self.starting_mrr)
    }

    /// MRR at the end: start + new + expansion + reactivation - contraction - churned.
    ///
    /// # Errors
    /// [`LtvError::Overflow`].
    #[inline]
    pub fn ending_mrr(self) -> Result<T> {
        let calc = Calc("ending_mrr");
        let gains = calc.add(calc.add(calc.add(self.starting_mrr, self.new)?, self.expansion)?, self.reactivation)?;
        calc.sub(calc.sub(gains, self.contraction)?, self.churned)
    }

    /// Gross MRR churn = (churned + contraction) / starting MRR.
    ///
    /// # Errors
    /// [`LtvError::Undefined`] when `starting_mrr` is 0, [`LtvError::Overflow`].
    #[inline]
    pub fn gross_mrr_churn(self) -> Result<T> {
        let lost = Calc("gross_mrr_churn").add(self.churned, self.contraction)?;
        self.per_starting_mrr("gross_mrr_churn", lost)
    }

    /// Net MRR churn = (churned + contraction - expansion - reactivation) / starting MRR; negative when
    /// expansion outweighs losses.
    ///
    /// # Errors
    /// As [`Self::gross_mrr_churn`].
    #[inline]
    pub fn net_mrr_churn(self) -> Result<T> {
        let calc = Calc("net_mrr_churn");
        let lost = calc.add(self.churned, self.contraction)?;
        let regained = calc.add(self.expansion, self.reactivation)?;
        self.per_starting_mrr("net_mrr_churn", calc.sub(lost, regained)?)
    }

    /// Net revenue retention (NRR, NDR) = (start + expansion + reactivation - contraction - churned) / start
    /// = 1 - net MRR churn.
    ///
    /// # Errors
    /// As [`Self::gross_mrr_churn`].
    #[inline]
    pub fn net_revenue_retention(self) -> Result<T> {
        let calc = Calc("net_revenue_retention");
        let kept = calc.sub(calc.sub(self.starting_mrr, self.churned)?, self.contraction)?;
        let retained = calc.add(calc.add(kept, self.expansion)?, self.reactivation)?;
        self.per_starting_mrr("net_revenue_retention", retained)
    }

    /// Gross revenue retention (GRR) = (start - contraction - churned) / start, capped at 100 % by
    /// construction: expansion and reactivation never count.
    ///
    /// # Errors
    /// As [`Self::gross_mrr_churn`].
    #[inline]
    pub fn gross_revenue_retention(self) -> Result<T> {
        let calc = Calc("gross_revenue_retention");
        let kept = calc.sub(calc.sub(self.starting_mrr, self.churned)?, self.contraction)?;
        self.per_starting_mrr("gross_revenue_retention", kept)
    }

    /// SaaS quick ratio = (new + expansion + reactivation) / (churned + contraction): MRR gained per MRR lost
    /// (Mamoon Hamid's definition, with reactivation counted as a gain). Above 4 is considered efficient growth.
    ///
    /// # Errors
    /// [`LtvError::Undefined`] when nothing was lost, [`LtvError::Overflow`].
    #[inline]
    pub fn quick_ratio(self) -> Result<T> {
        let calc = Calc("quick_ratio");
        let gained = calc.add(calc.add(self.new, self.expansion)?, self.reactivation)?;
        let lost = calc.add(self.churned, self.contraction)?;
        if lost == T::ZERO {
            return Err(LtvError::Undefined {
                field: "quick_ratio",
                reason: "no MRR was lost (churned + contraction = 0)",
            });
        }
        calc.div(gained, lost)
    }
}

/// Logo churn rate = customers lost in the period / customers at its start.
///
/// ```
/// use ltv_core::logo_churn_rate;
/// use rust_decimal::Decimal;
/// assert_eq!(logo_churn_rate::<Decimal>(200, 6)?, Decimal::new(3, 2)); // 3 %
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::Undefined`] with no customers at the start; [`LtvError::InvalidInput`] when more customers are
/// lost than there were.
#[inline]
pub fn logo_churn_rate<T: Number>(customers_at_start: u32, customers_lost: u32) -> Result<T> {
    if customers_at_start == 0 {
        return Err(LtvError::Undefined { field: "logo_churn_rate", reason: "customers_at_start is 0" });
    }
    if customers_lost > customers_at_start {
        return Err(LtvError::InvalidInput {
            field: "customers_lost",
            value: customers_lost.to_string(),
            allowed: "at most customers_at_start",
            suggestion: None,
        });
    }
    Calc("logo_churn_rate").div(T::from_u32(customers_lost), T::from_u32(customers_at_start))
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(bound(serialize = "T: Number + serde::Serialize", deserialize = "T: Number + serde::de::DeserializeOwned"))]
struct MrrMovementsRepr<T> {
    starting_mrr: Money<T>,
    #[serde(default = "zero_money")]
    new: Money<T>,
    #[serde(default = "zero_money")]
    expansion: Money<T>,
    #[serde(default = "zero_money")]
    contraction: Money<T>,
    #[serde(default = "zero_money")]
    churned: Money<T>,
    #[serde(default = "zero_money")]
    reactivation: Money<T>,
}

#[cfg(feature = "serde")]
fn zero_money<T: Number>() -> Money<T> {
    Money::new_unchecked(T::ZERO)
}

#[cfg(feature = "serde")]
impl<T: Number> TryFrom<MrrMovementsRepr<T>> for MrrMovements<T> {
    type Error = LtvError;
    fn try_from(r: MrrMovementsRepr<T>) -> Result<Self> {
        Self::new(r.starting_mrr, r.new, r.expansion, r.contraction, r.churned, r.reactivation)
    }
}

#[cfg(feature = "serde")]
impl<T: Number> From<MrrMovements<T>> for MrrMovementsRepr<T> {
    fn from(m: MrrMovements<T>) -> Self {
        Self {
            starting_mrr: Money::new_unchecked(m.starting_mrr),
            new: Money::new_unchecked(m.new),
            expansion: Money::new_unchecked(m.expansion),
            contraction: Money::new_unchecked(m.contraction),
            churned: Money::new_unchecked(m.churned),
            reactivation: Money::new_unchecked(m.reactivation),
        }
    }
}
