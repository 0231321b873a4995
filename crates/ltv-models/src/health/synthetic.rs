//! A seeded synthetic account-period panel with a planted engagement-drop effect.

use super::panel::AccountPanel;
use crate::error::ModelError;
use crate::random::Rng;

/// The most accounts [`synthetic_panel`] generates: 10,000,000.
const MAX_ACCOUNTS: usize = 10_000_000;
/// The most periods [`synthetic_panel`] generates: 1,000.
const MAX_SYNTHETIC_PERIODS: u32 = 1000;

/// A generated panel (owned columns); [`SyntheticPanel::view`] borrows it as an [`AccountPanel`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SyntheticPanel {
    /// Account ids, `0..accounts`.
    pub account: Vec<i64>,
    /// Periods, from the account's start to its churn or the last period.
    pub period: Vec<i64>,
    /// MRR: 50, 100 or 200 by plan (the plan changes now and then).
    pub revenue: Vec<f64>,
    /// `logins` in the period (the engagement metric with the planted effect).
    pub logins: Vec<f64>,
    /// `seats` used in the period (changes now and then, 0 when idle; no effect on churn).
    pub seats: Vec<f64>,
    /// The churn flag on the account's last row.
    pub churned: Vec<bool>,
    /// Whether the account's engagement had dropped by this period (the planted state, for checks).
    pub dropped: Vec<bool>,
}

impl SyntheticPanel {
    /// The panel as an [`AccountPanel`] with metrics `logins` and `seats`.
    #[must_use]
    pub fn view(&self) -> AccountPanel<'_> {
        AccountPanel {
            account: &self.account,
            period: &self.period,
            revenue: &self.revenue,
            metrics: vec![("logins", &self.logins), ("seats", &self.seats)],
            churned: &self.churned,
        }
    }
}

/// A synthetic panel of `accounts` accounts over periods `1..=periods`, seeded (the same seed gives the
/// same panel on every platform).
///
/// Each account starts in a period uniform over the first third, with a plan (MRR 50, 100 or 200), an
/// engagement level `L` uniform in `[5, 50)` logins a period and `1 + floor(5 u)` seats. Each period the
/// plan moves one step up or down with probability 0.025 each (within the three), a seat is added or
/// removed (never below 1) with probability 0.05 each, and the account is idle (no logins, no seat
/// used) with probability 0.03; otherwise logins are `L (0.8 + 0.4 u)`, rounded. Plan, seats and idleness have no
/// effect on churn (so no feature is constant, and only logins carry the effect). **Planted effect**: in each period an account's engagement drops with probability
/// 0.04 and stays dropped (logins `x 0.3`); the account churns at the end of a period with probability
/// 0.02, or 0.3 once dropped. So accounts whose logins fell 70 % churn 15 times as often per period.
///
/// # Errors
/// [`ModelError::InvalidData`] for `accounts` outside `1..=10,000,000` or `periods` outside `2..=1000`.
pub fn synthetic_panel(accounts: usize, periods: u32, seed: u64) -> Result<SyntheticPanel, ModelError> {
    if accounts == 0 || accounts > MAX_ACCOUNTS {
        return Err(ModelError::InvalidData {
            field: "accounts".to_owned(),
            row: None,
            reason: format!("got {accounts}, expected 1..=10000000"),
        });
    }
    if !(2..=MAX_SYNTHETIC_PERIODS).contains(&periods) {
        return Err(ModelError::InvalidPeriod { field: "periods", value: periods, allowed: "2..=1000 periods" });
    }
    let mut rng = Rng::new(seed);
    let mut p = SyntheticPanel {
        account: Vec::new(),
        period: Vec::new(),
        revenue: Vec::new(),
        logins: Vec::new(),
        seats: Vec::new(),
        churned: Vec::new(),
        dropped: Vec::new(),
    };
    let last = i64::from(periods);
    let third = (f64::from(periods) / 3.0).max(1.0);
    for id in 0..accounts {
        let start = 1 + (rng.uniform() * third) as i64;
        let mut plan = ((rng.uniform() * 3.0) as usize).min(2);
        let level = 5.0 + 45.0 * rng.uniform();
        let mut seats = 1.0 + (5.0 * rng.uniform()).floor();
        let mut dropped = false;
        for t in start..=last {
            if rng.uniform() < 0.04 {
                dropped = true;
            }
            let factor = if dropped { 0.3 } else { 1.0 };
            let churn = rng.uniform() < if dropped { 0.3 } else { 0.02 };
            // Plan changes (5 % a period, one step up or down) and seat changes (10 %, one seat).
            let u = rng.uniform();
            if u < 0.025 && plan < 2 {
                plan += 1;
            } else if (0.025..0.05).contains(&u) && plan > 0 {
                plan -= 1;
            }
            let u = rng.uniform();
            if u < 0.05 {
                seats += 1.0;
            } else if u < 0.1 && seats > 1.0 {
                seats -= 1.0;
            }
            let idle = rng.uniform() < 0.03;
            let logins = (level * factor * (0.8 + 0.4 * rng.uniform())).round();
            p.account.push(id as i64);
            p.period.push(t);
            p.revenue.push([50.0, 100.0, 200.0][plan]);
            p.logins.push(if idle { 0.0 } else { logins });
            p.seats.push(if idle { 0.0 } else { seats });
            p.dropped.push(dropped);
            p.churned.push(churn && t < last);
            if churn && t < last {
                break;
            }
        }
    }
    Ok(p)
}
