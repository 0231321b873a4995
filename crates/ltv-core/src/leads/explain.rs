//! One lead's value, step by step: base, discount, nurture cost, zombie rule.

use std::fmt;

use rust_decimal::Decimal;

use crate::error::{Result, string_option};
use crate::leads::value::{LeadRules, lead_ltv, present_value_lead_ltv};
use crate::number::{Calc, Number};
use crate::quantity::Fraction;
use crate::quantity::Money;
use crate::quantity::{Days, Months};

/// One step of a [`LeadValuation`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LeadStepKind {
    /// Base = P(convert) x expected customer LTV.
    Base,
    /// Discounting for the months until close.
    Discount,
    /// Minus the nurture cost (net lead LTV).
    NurtureCost,
    /// The zombie rule: 0 after too long without engagement.
    Zombie,
}

string_option!(LeadStepKind, field = "kind", allowed = "'base', 'discount', 'nurture_cost' or 'zombie'", {
    Base => "base",
    Discount => "discount",
    NurtureCost => "nurture_cost",
    Zombie => "zombie",
});

/// One step: what it did and the value after it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LeadStep<T = Decimal> {
    /// Which step.
    pub kind: LeadStepKind,
    /// What the step did, readable.
    pub detail: String,
    /// The step's change to the value (after - before; the base itself for the first step).
    pub effect: T,
    /// The value after the step.
    pub value_after: T,
}

/// One lead's value and how it was reached ([`explain_lead_value`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LeadValuation<T = Decimal> {
    /// The lead's value today (may be negative once a nurture cost is subtracted; 0 for a zombie).
    pub value: T,
    /// P(convert) x customer LTV.
    pub base: T,
    /// The discount factor applied (1 when the lead closes within `discount_after_months`).
    pub discount_factor: T,
    /// The nurture cost subtracted (0 when none was given).
    pub nurture_cost: T,
    /// Whether the zombie rule set the value to 0.
    pub zombie: bool,
    /// The steps, in order: base, discount, nurture cost (only when one was given), zombie rule.
    pub steps: Vec<LeadStep<T>>,
}

impl<T: Number> LeadValuation<T> {
    /// The readable breakdown (the same text as `Display`).
    #[must_use]
    pub fn explain(&self) -> String {
        self.to_string()
    }
}

impl<T: Number> fmt::Display for LeadValuation<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for step in &self.steps {
            // Shown to the cent through f64 (Decimal's `{:.2}` truncates); the fields keep the exact values.
            writeln!(f, "{:<13} {:<70} -> {:.2}", step.kind.as_str(), step.detail, step.value_after.to_f64())?;
        }
        write!(f, "{:<13} {:<70} = {:.2}", "value", "", self.value.to_f64())
    }
}

/// The value of one lead, step by step: [`lead_value`](crate::lead_value) explained, with the same arguments in
/// the same order (plus an optional nurture cost), so one call can be swapped for the other.
///
/// 1. **base** = P(convert) x expected customer LTV ([`lead_ltv`]);
/// 2. **discount**: when the lead closes beyond `rules.discount_after_months` (12), divide by
///    `(1 + a)^(months / 12)` at the annual rate `a` (10 %) — [`present_value_lead_ltv`];
/// 3. **nurture cost** (only when given): subtract it, giving the net lead LTV (which may be negative);
/// 4. **zombie rule**: 0 when the lead has had no engagement for `rules.zombie_after_days` (180) or more.
///
/// ```
/// use ltv_core::{explain_lead_value, Days, Fraction, LeadRules, Money, Months};
/// use ltv_core::Decimal;
/// // 5 % x $20,000 = $1,000; closing in 24 months at 10 %/yr: / 1.21 = $826.45; minus $100 nurture: $726.45.
/// let v = explain_lead_value(
///     Money::new(Decimal::new(20_000, 0))?,
///     Fraction::new(Decimal::new(5, 2))?,
///     Months::new(Decimal::new(24, 0))?,
///     Days::new(Decimal::new(30, 0))?,
///     Some(Money::new(Decimal::new(100, 0))?),
///     LeadRules::default(),
/// )?;
/// assert_eq!(v.base, Decimal::new(1_000, 0));
/// assert_eq!(v.discount_factor.round_dp(6), Decimal::new(826_446, 6));
/// assert_eq!(v.value.round_dp(2), Decimal::new(72_645, 2));
/// assert_eq!(v.steps.len(), 4);
/// println!("{v}"); // base / discount / nurture_cost / zombie lines, each with the value after it
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::Overflow`](crate::LtvError::Overflow).
pub fn explain_lead_value<T: Number>(
    customer_ltv: Money<T>,
    conversion_probability: Fraction<T>,
    months_to_close: Months<T>,
    days_since_engagement: Days<T>,
    nurture_cost: Option<Money<T>>,
    rules: LeadRules<T>,
) -> Result<LeadValuation<T>> {
    let calc = Calc("explain_lead_value");
    let base = lead_ltv(customer_ltv, conversion_probability)?;
    let mut steps = vec![LeadStep {
        kind: LeadStepKind::Base,
        detail: format!(
            "P(convert) {} x customer LTV {:.2}",
            conversion_probability.get(),
            customer_ltv.get().to_f64()
        ),
        effect: base,
        value_after: base,
    }];
    // The discount factor is the present value of a sure 1 closing at the same time, by the same rule.
    let one = Money::new_unchecked(T::ONE);
    let factor = present_value_lead_ltv(one, Fraction::new_unchecked(T::ONE), months_to_close, rules)?;
    let discounted = present_value_lead_ltv(customer_ltv, conversion_probability, months_to_close, rules)?;
    let months = months_to_close.get();
    let after = rules.discount_after_months.get();
    let detail = if months > after {
        format!(
            "closes in {months} months (> {after}): x {:.6} = 1 / (1 + {})^({months} / 12)",
            factor.to_f64(),
            rules.discount_rate.annual_rate()?
        )
    } else {
        format!("closes in {months} months (<= {after}): not discounted, x 1")
    };
    steps.push(LeadStep {
        kind: LeadStepKind::Discount,
        detail,
        effect: calc.sub(discounted, base)?,
        value_after: discounted,
    });
    let mut value = discounted;
    let nurture = nurture_cost.map_or(T::ZERO, Money::get);
    if let Some(cost) = nurture_cost {
        let net = calc.sub(value, cost.get())?;
        steps.push(LeadStep {
            kind: LeadStepKind::NurtureCost,
            detail: format!("minus nurture cost {:.2} (net lead LTV)", cost.get().to_f64()),
            effect: calc.sub(net, value)?,
            value_after: net,
        });
        value = net;
    }
    let days = days_since_engagement.get();
    let limit = rules.zombie_after_days.get();
    let zombie = rules.is_zombie(days_since_engagement);
    let (detail, after_zombie) = if zombie {
        (format!("{days} days since last engagement (>= {limit}): a zombie lead, worth 0"), T::ZERO)
    } else {
        (format!("{days} days since last engagement (< {limit}): kept"), value)
    };
    steps.push(LeadStep {
        kind: LeadStepKind::Zombie,
        detail,
        effect: calc.sub(after_zombie, value)?,
        value_after: after_zombie,
    });
    Ok(LeadValuation { value: after_zombie, base, discount_factor: factor, nurture_cost: nurture, zombie, steps })
}

/// The former name of [`explain_lead_value`], with the conversion probability first.
///
/// # Errors
/// As [`explain_lead_value`].
#[deprecated(
    since = "0.2.0",
    note = "renamed explain_lead_value, which takes lead_value's arguments in lead_value's order (customer_ltv first)"
)]
pub fn value_lead<T: Number>(
    conversion_probability: Fraction<T>,
    customer_ltv: Money<T>,
    months_to_close: Months<T>,
    days_since_engagement: Days<T>,
    nurture_cost: Option<Money<T>>,
    rules: LeadRules<T>,
) -> Result<LeadValuation<T>> {
    explain_lead_value(
        customer_ltv,
        conversion_probability,
        months_to_close,
        days_since_engagement,
        nurture_cost,
        rules,
    )
}
