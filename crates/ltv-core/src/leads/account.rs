//! Account value (account-based marketing): one deal, several engaged stakeholders.

use rust_decimal::Decimal;

use crate::error::{LtvError, Result};
use crate::leads::value::{LeadRules, lead_value};
use crate::number::{Calc, Number};
use crate::quantity::Fraction;
use crate::quantity::Money;
use crate::quantity::validate::{finite, invalid};
use crate::quantity::{Days, Months};

/// The committee rule of [`account_value`]: once at least `committee_size` stakeholders are engaged, the
/// probability that the account closes is multiplied by `committee_multiplier` (`>= 1`).
///
/// Default: 3 stakeholders, x 1.2. The rationale is the B2B buying-group literature (e.g. Gartner's research on
/// B2B buying): purchases are decided by a group of several stakeholders, so a deal that has reached several
/// members of that group is more likely to close than independent single contacts would suggest. The size
/// and the multiplier are assumptions to set from your own win rates, not published constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AccountRules<T = Decimal> {
    committee_size: u32,
    committee_multiplier: T,
}

impl<T: Number> AccountRules<T> {
    /// A rule with `committee_multiplier >= 1`.
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] for a multiplier below 1, [`LtvError::NotFinite`].
    pub fn new(committee_size: u32, committee_multiplier: T) -> Result<Self> {
        let m = finite("committee_multiplier", committee_multiplier)?;
        if m < T::ONE {
            return Err(invalid("committee_multiplier", m, "a multiplier >= 1"));
        }
        Ok(Self { committee_size, committee_multiplier: m })
    }

    /// Stakeholders needed for the committee multiplier.
    #[must_use]
    pub fn committee_size(self) -> u32 {
        self.committee_size
    }

    /// The committee multiplier.
    #[must_use]
    pub fn committee_multiplier(self) -> T {
        self.committee_multiplier
    }
}

impl<T: Number> Default for AccountRules<T> {
    fn default() -> Self {
        let multiplier = T::from_u32(12).checked_div(T::from_u32(10)).unwrap_or(T::ONE);
        Self { committee_size: 3, committee_multiplier: multiplier }
    }
}

/// The value of an account, next to the naive sum of its stakeholders' lead values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct AccountValuation<T = Decimal> {
    /// Engaged stakeholders.
    pub stakeholders: u32,
    /// P(at least one stakeholder carries the deal) = 1 - prod(1 - p_i).
    pub p_any: T,
    /// The committee multiplier applied (1 below the committee size).
    pub multiplier: T,
    /// `p_any x multiplier` before the cap.
    pub p_uncapped: T,
    /// The probability used, `min(p_uncapped, 1)`.
    pub p_account: T,
    /// Whether the cap at 1 was applied (`p_uncapped > 1`).
    pub capped: bool,
    /// Whether the zombie rule set the value to 0.
    pub zombie: bool,
    /// The account's value: [`lead_value`] of the account LTV at `p_account`.
    pub value: T,
    /// The naive sum of each stakeholder valued as a separate lead (counts one deal several times).
    pub naive_sum: T,
    /// `naive_sum - value`: how much the naive sum overstates (positive) or understates the account.
    pub difference: T,
}

/// Account value: P(account closes) x account LTV, with the same discount and zombie rules as a lead
/// ([`lead_value`]).
///
/// Model (stated because account-based valuation has no single standard): each engaged stakeholder `i` would
/// carry the deal with probability `p_i`, independently, and any one of them can; so
/// `P(any) = 1 - prod(1 - p_i)`. With at least `rules.committee_size()` stakeholders engaged it is multiplied
/// by the committee multiplier (see [`AccountRules`]) and capped at 1; the cap is reported in `capped`, never
/// silent. The naive sum of the stakeholders' separate lead values is returned alongside: it counts the same
/// deal once per stakeholder.
///
/// ```
/// use ltv_core::{account_value, AccountRules, Days, Fraction, LeadRules, Money, Months};
/// use ltv_core::Decimal;
/// let p = |x| Fraction::new(Decimal::new(x, 2));
/// // Three stakeholders at 20 %, 30 % and 50 %: P(any) = 1 - 0.8 x 0.7 x 0.5 = 0.72; x 1.2 = 0.864.
/// let v = account_value(
///     &[p(20)?, p(30)?, p(50)?],
///     Money::new(Decimal::new(100_000, 0))?,
///     Months::new(Decimal::new(6, 0))?,
///     Days::new(Decimal::new(10, 0))?,
///     LeadRules::default(),
///     AccountRules::default(),
/// )?;
/// assert_eq!(v.p_any, Decimal::new(72, 2));
/// assert_eq!(v.p_account, Decimal::new(864, 3));
/// assert_eq!(v.value, Decimal::new(86_400, 0));
/// assert_eq!(v.naive_sum, Decimal::new(100_000, 0)); // 20k + 30k + 50k
/// assert_eq!(v.difference, Decimal::new(13_600, 0));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::InvalidInput`] with no stakeholders (field `stakeholder_probabilities`), [`LtvError::Overflow`].
pub fn account_value<T: Number>(
    stakeholder_probabilities: &[Fraction<T>],
    account_ltv: Money<T>,
    months_to_close: Months<T>,
    days_since_engagement: Days<T>,
    lead_rules: LeadRules<T>,
    rules: AccountRules<T>,
) -> Result<AccountValuation<T>> {
    if stakeholder_probabilities.is_empty() {
        return Err(LtvError::InvalidInput {
            field: "stakeholder_probabilities",
            value: "[]".to_owned(),
            allowed: "at least one engaged stakeholder",
            suggestion: None,
        });
    }
    let calc = Calc("account_value");
    let stakeholders =
        u32::try_from(stakeholder_probabilities.len()).map_err(|_| LtvError::Overflow { field: "stakeholders" })?;
    // 1 - prod(1 - p_i), accumulated as a union, P(A or B) = P(A) + P(B) (1 - P(A)), starting from the largest
    // p_i: every step adds a non-negative amount, so rounding can never take the result below max p_i (the
    // product form can, in f64: 1 - (1 - 0.0303) != 0.0303).
    let largest = (0..stakeholder_probabilities.len())
        .max_by(|&a, &b| {
            let (x, y) = (stakeholder_probabilities[a].get(), stakeholder_probabilities[b].get());
            x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal)
        })
        .unwrap_or(0);
    let mut p_any = T::ZERO;
    let mut naive_sum = T::ZERO;
    for (i, &p) in stakeholder_probabilities.iter().enumerate() {
        if i == largest {
            p_any = calc.add(p_any, calc.mul(p.get(), calc.sub(T::ONE, p_any)?)?)?;
        }
        let one = lead_value(account_ltv, p, months_to_close, days_since_engagement, lead_rules)?;
        naive_sum = calc.add(naive_sum, one)?;
    }
    for (i, &p) in stakeholder_probabilities.iter().enumerate() {
        if i != largest {
            p_any = calc.add(p_any, calc.mul(p.get(), calc.sub(T::ONE, p_any)?)?)?;
        }
    }
    let multiplier = if stakeholders >= rules.committee_size { rules.committee_multiplier } else { T::ONE };
    let p_uncapped = calc.mul(p_any, multiplier)?;
    let capped = p_uncapped > T::ONE;
    let p_account = if capped { T::ONE } else { p_uncapped };
    let value = lead_value(
        account_ltv,
        Fraction::named("p_account", p_account)?,
        months_to_close,
        days_since_engagement,
        lead_rules,
    )?;
    Ok(AccountValuation {
        stakeholders,
        p_any,
        multiplier,
        p_uncapped,
        p_account,
        capped,
        zombie: lead_rules.is_zombie(days_since_engagement),
        value,
        naive_sum,
        difference: calc.sub(naive_sum, value)?,
    })
}
