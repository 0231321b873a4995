//! The account-period panel and its validation.

use super::features::ChurnSignal;
use crate::error::ModelError;

/// An account-period panel in columns, one row per account and period.
///
/// Rows are grouped by account (an account's rows contiguous) and, within an account, its periods are
/// consecutive integers in increasing order (a period with no activity is a row with zero revenue and
/// metrics, not a missing row). `churned` is `true` on the row of the period after which the account
/// left (its last period), `false` everywhere else; an account never flagged is still active (censored
/// at its last row). With [`ChurnSignal::EndOfRevenue`](super::ChurnSignal::EndOfRevenue) churn comes
/// from the revenue column and `churned` is empty (`&[]`).
#[derive(Debug, Clone)]
pub struct AccountPanel<'a> {
    /// The account id of each row.
    pub account: &'a [i64],
    /// The period index of each row (weeks or months, any origin).
    pub period: &'a [i64],
    /// Revenue (MRR) in the period.
    pub revenue: &'a [f64],
    /// The usage metrics, by name (active users, logins, key feature events, ...).
    pub metrics: Vec<(&'a str, &'a [f64])>,
    /// Whether the account churned after this period.
    pub churned: &'a [bool],
}

/// One account's rows: `start..end` in the panel.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Run {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

fn invalid(field: &str, row: usize, reason: String) -> ModelError {
    ModelError::InvalidData { field: field.to_owned(), row: Some(row), reason }
}

fn length(field: &str, expected: usize, found: usize) -> Result<(), ModelError> {
    if expected == found {
        Ok(())
    } else {
        Err(ModelError::LengthMismatch { field: field.to_owned(), reference: "account".to_owned(), expected, found })
    }
}

/// Checks the panel and splits it into account runs.
///
/// # Errors
/// [`ModelError::LengthMismatch`] for columns of different lengths; [`ModelError::InvalidData`] naming the
/// column, row, account and period for: an account whose rows are not contiguous, a period not one more
/// than the one before (out of order, duplicated or skipped), a row after a churned row (activity after
/// churn; with the end-of-revenue signal, churn flags given at all), a revenue or metric that is NaN (missing) or infinite, an empty or duplicated metric name.
pub(crate) fn validate(panel: &AccountPanel<'_>, churn: ChurnSignal) -> Result<Vec<Run>, ModelError> {
    let n = panel.account.len();
    length("period", n, panel.period.len())?;
    length("revenue", n, panel.revenue.len())?;
    match churn {
        ChurnSignal::Flag => length("churned", n, panel.churned.len())?,
        _ if panel.churned.is_empty() => {}
        _ => {
            return Err(ModelError::InvalidData {
                field: "churned".to_owned(),
                row: None,
                reason: "churn comes from the end of revenue: give no churn flags (an empty column)".to_owned(),
            });
        }
    }
    let flagged = |row: usize| panel.churned.get(row).copied().unwrap_or(false);
    for (name, values) in &panel.metrics {
        length(name, n, values.len())?;
    }
    let mut names = std::collections::BTreeSet::new();
    for (name, _) in &panel.metrics {
        if name.is_empty() || !names.insert(*name) || *name == "revenue" {
            return Err(ModelError::InvalidData {
                field: "metrics".to_owned(),
                row: None,
                reason: format!("metric name {name:?} is empty, repeated or \"revenue\" (revenue is its own column)"),
            });
        }
    }
    let columns = std::iter::once(("revenue", panel.revenue)).chain(panel.metrics.iter().copied());
    for (name, values) in columns {
        if let Some(row) = values.iter().position(|v| !v.is_finite()) {
            let what = if values[row].is_nan() { "missing (NaN)" } else { "infinite" };
            return Err(invalid(
                name,
                row,
                format!(
                    "account {}, period {}: {name} is {what}; every metric needs a finite value in every period \
                     (fill inactive periods with 0)",
                    panel.account[row], panel.period[row]
                ),
            ));
        }
    }
    let mut runs = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut start = 0;
    while start < n {
        let id = panel.account[start];
        if !seen.insert(id) {
            return Err(invalid(
                "account",
                start,
                format!(
                    "account {id} appears again at period {}: sort the panel by account, then period",
                    panel.period[start]
                ),
            ));
        }
        let mut end = start + 1;
        while end < n && panel.account[end] == id {
            let (before, now) = (panel.period[end - 1], panel.period[end]);
            if flagged(end - 1) {
                return Err(invalid(
                    "churned",
                    end,
                    format!(
                        "account {id} churned after period {before} but has a row for period {now} (activity after churn)"
                    ),
                ));
            }
            if before.checked_add(1) != Some(now) {
                let what = if now == before {
                    "is duplicated"
                } else if now < before {
                    "is out of order"
                } else {
                    "skips a period"
                };
                return Err(invalid(
                    "period",
                    end,
                    format!(
                        "account {id}: period {now} after period {before} {what}; give each account one row per \
                         period, consecutive and in increasing order"
                    ),
                ));
            }
            end += 1;
        }
        runs.push(Run { start, end });
        start = end;
    }
    Ok(runs)
}
