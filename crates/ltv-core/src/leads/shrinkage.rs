//! Shrinking small-sample conversion rates toward a prior: the beta-binomial posterior mean.

use rust_decimal::Decimal;

use crate::error::{LtvError, Result};
use crate::number::{Calc, Number};
use crate::quantity::Fraction;
use crate::quantity::validate::non_negative;

/// Where the prior conversion rate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PriorRate<T = Decimal> {
    /// The blended rate of the data itself: all conversions / all leads (empirical Bayes, the default).
    Blended,
    /// A fixed rate, e.g. a published benchmark such as SaaS 1.7 % (see [`crate::benchmarks`]).
    Fixed(Fraction<T>),
}

/// Beta-binomial shrinkage of conversion rates: a prior worth `prior_strength` pseudo-leads converting at the
/// prior rate is added to every segment's own leads.
///
/// Defaults: `prior_strength` = [`DEFAULT_PRIOR_STRENGTH`] (20 pseudo-leads) toward the
/// [`PriorRate::Blended`] rate. `prior_strength` 0 switches shrinkage off (the raw rate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shrinkage<T = Decimal> {
    prior_strength: T,
    prior_rate: PriorRate<T>,
}

/// The default prior strength, 20 pseudo-leads: a segment needs about 20 leads of its own before its raw rate
/// carries half the weight.
pub const DEFAULT_PRIOR_STRENGTH: u32 = 20;

impl<T: Number> Shrinkage<T> {
    /// Shrinkage with `prior_strength` pseudo-leads (`>= 0`) toward `prior_rate`.
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] for a negative `prior_strength`, [`LtvError::NotFinite`].
    pub fn new(prior_strength: T, prior_rate: PriorRate<T>) -> Result<Self> {
        Ok(Self { prior_strength: non_negative("prior_strength", prior_strength)?, prior_rate })
    }

    /// No shrinkage: every rate is the raw rate.
    #[must_use]
    pub fn none() -> Self {
        Self { prior_strength: T::ZERO, prior_rate: PriorRate::Blended }
    }

    /// The prior strength in pseudo-leads.
    #[must_use]
    pub fn prior_strength(self) -> T {
        self.prior_strength
    }

    /// Where the prior rate comes from.
    #[must_use]
    pub fn prior_rate(self) -> PriorRate<T> {
        self.prior_rate
    }

    /// The prior rate given the blended rate of the data.
    #[must_use]
    pub fn resolve_prior(self, blended: T) -> T {
        match self.prior_rate {
            PriorRate::Blended => blended,
            PriorRate::Fixed(rate) => rate.get(),
        }
    }
}

impl<T: Number> Default for Shrinkage<T> {
    fn default() -> Self {
        Self { prior_strength: T::from_u32(DEFAULT_PRIOR_STRENGTH), prior_rate: PriorRate::Blended }
    }
}

/// The raw conversion rate, `conversions / leads`.
///
/// # Errors
/// [`LtvError::Undefined`] with no leads, [`LtvError::InvalidInput`] when `conversions > leads`.
pub fn raw_conversion_rate<T: Number>(conversions: u32, leads: u32) -> Result<T> {
    check_counts(conversions, leads)?;
    if leads == 0 {
        return Err(LtvError::Undefined { field: "conversion_rate", reason: "there are no leads (0 / 0)" });
    }
    Calc("conversion_rate").div(T::from_u32(conversions), T::from_u32(leads))
}

/// Shrunk conversion rate = `(conversions + k x prior_rate) / (leads + k)`: the posterior mean of a
/// beta-binomial model with a Beta(`k x prior_rate`, `k x (1 - prior_rate)`) prior (Gelman et al., *Bayesian Data
/// Analysis*, 3rd ed., section 2.4 and chapter 5; the same estimator as David Robinson's "empirical Bayes
/// estimation" of batting averages, where the prior is fitted to the data: [`PriorRate::Blended`]).
///
/// It always lies between the raw rate and the prior rate, and moves toward the raw rate as leads accumulate.
/// A channel with 3 leads and 1 sale is not valued at 33 %:
///
/// ```
/// use ltv_core::{shrunk_conversion_rate, Fraction};
/// use ltv_core::Decimal;
/// // 3 leads, 1 sale, 20 pseudo-leads at the SaaS benchmark 1.7 %: (1 + 0.34) / 23 = 5.83 %.
/// let rate = shrunk_conversion_rate(1, 3, Decimal::new(20, 0), Fraction::new(Decimal::new(17, 3))?)?;
/// assert_eq!(rate.round_dp(6), Decimal::new(58_261, 6));
/// // With k = 0 the raw rate comes back.
/// let raw = shrunk_conversion_rate(1, 4, Decimal::ZERO, Fraction::new(Decimal::new(17, 3))?)?;
/// assert_eq!(raw, Decimal::new(25, 2));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::InvalidInput`] for `conversions > leads` or a negative `prior_strength`,
/// [`LtvError::Undefined`] for no leads and `prior_strength` 0, [`LtvError::Overflow`].
pub fn shrunk_conversion_rate<T: Number>(
    conversions: u32,
    leads: u32,
    prior_strength: T,
    prior_rate: Fraction<T>,
) -> Result<T> {
    check_counts(conversions, leads)?;
    let k = non_negative("prior_strength", prior_strength)?;
    let calc = Calc("shrunk_conversion_rate");
    let denominator = calc.add(T::from_u32(leads), k)?;
    if denominator == T::ZERO {
        return Err(LtvError::Undefined {
            field: "shrunk_conversion_rate",
            reason: "there are no leads and no prior (prior_strength = 0)",
        });
    }
    let numerator = calc.add(T::from_u32(conversions), calc.mul(k, prior_rate.get())?)?;
    // Rounding is monotone, so with conversions <= leads and prior_rate <= 1 the quotient stays in [0, 1].
    calc.div(numerator, denominator)
}

fn check_counts(conversions: u32, leads: u32) -> Result<()> {
    if conversions > leads {
        return Err(LtvError::InvalidInput {
            field: "conversions",
            value: conversions.to_string(),
            allowed: "at most the number of leads",
            suggestion: None,
        });
    }
    Ok(())
}
