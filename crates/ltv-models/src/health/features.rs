//! Behavioural features per account and period, and the churn-within-horizon label.

use super::panel::{AccountPanel, Run, validate};
use crate::error::ModelError;
use crate::scoring::LeadColumn;

/// The longest feature window ([`HealthOptions::window`]): 120 periods.
pub const MAX_WINDOW: u32 = 120;
/// The longest label horizon ([`HealthOptions::horizon`]): 120 periods.
pub const MAX_HORIZON: u32 = 120;
/// The most usage metrics in one panel: 1,000.
pub const MAX_METRICS: usize = 1000;

/// Where the churn events come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ChurnSignal {
    /// The panel's `churned` flags: `true` on an account's last row when it left after that period.
    #[default]
    Flag,
    /// The end of revenue: an account whose last period with revenue `> 0` is `L` churned after `L`
    /// (its churn period is `L + 1`) when `L` is before the panel's last period (the largest period of
    /// any row); one paying in the panel's last period is still active (censored). Its rows after `L`
    /// (no revenue) are not at risk: their label is unknown. An account that never pays is never at
    /// risk (every label unknown). The panel's `churned` column must then be empty.
    EndOfRevenue,
}

impl ChurnSignal {
    /// The option's name: `"flag"` or `"end_of_revenue"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Flag => "flag",
            Self::EndOfRevenue => "end_of_revenue",
        }
    }
}

impl std::str::FromStr for ChurnSignal {
    type Err = ModelError;

    fn from_str(s: &str) -> Result<Self, ModelError> {
        match s {
            "flag" => Ok(Self::Flag),
            "end_of_revenue" => Ok(Self::EndOfRevenue),
            _ => Err(ModelError::InvalidData {
                field: "churn_signal".to_owned(),
                row: None,
                reason: format!("got {s:?}, expected \"flag\" or \"end_of_revenue\""),
            }),
        }
    }
}

/// How features and labels are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct HealthOptions {
    /// The label: churn within the next `horizon` periods (`1..=120`; default 2, 60 days of monthly
    /// periods).
    pub horizon: u32,
    /// The feature window `w` in periods (`1..=120`; default 2): change compares the mean of the last `w`
    /// periods with the `w` before, trend is the slope over the last `w`.
    pub window: u32,
    /// Where the churn events come from (default [`ChurnSignal::Flag`]). It changes the labels only,
    /// never the features, so a model scores features computed with either.
    pub churn: ChurnSignal,
}

impl Default for HealthOptions {
    fn default() -> Self {
        Self { horizon: 2, window: 2, churn: ChurnSignal::Flag }
    }
}

impl HealthOptions {
    /// Options with this horizon and window.
    #[must_use]
    pub fn new(horizon: u32, window: u32) -> Self {
        Self { horizon, window, churn: ChurnSignal::Flag }
    }

    /// These options with churn read from `churn`.
    #[must_use]
    pub fn with_churn(self, churn: ChurnSignal) -> Self {
        Self { churn, ..self }
    }

    pub(crate) fn check(self) -> Result<Self, ModelError> {
        for (field, value, max) in [("horizon", self.horizon, MAX_HORIZON), ("window", self.window, MAX_WINDOW)] {
            if value == 0 || value > max {
                return Err(ModelError::InvalidPeriod {
                    field,
                    value,
                    allowed: "a whole number of periods in 1..=120",
                });
            }
        }
        Ok(self)
    }
}

/// The feature table: one row per panel row, in panel order.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct HealthFeatures {
    /// The account of each row.
    pub account: Vec<i64>,
    /// The period of each row.
    pub period: Vec<i64>,
    /// The feature names, in column order.
    pub names: Vec<String>,
    /// The feature columns, one per name, each one value per row (finite).
    pub columns: Vec<Vec<f64>>,
    /// The label: 1 when the account churns within the next `horizon` periods (its last period is
    /// before `period + horizon`), else 0; 0 where unknown.
    pub churn_within_horizon: Vec<f64>,
    /// Whether the label is known: always for an account that churned; for one still active, only when
    /// it is observed through `period + horizon - 1`.
    pub label_known: Vec<bool>,
    /// The options the table was computed with.
    pub options: HealthOptions,
}

impl HealthFeatures {
    /// The column named `name`.
    #[must_use]
    pub fn column(&self, name: &str) -> Option<&[f64]> {
        self.names.iter().position(|n| n == name).map(|k| self.columns[k].as_slice())
    }

    /// The features as the scorer's numeric columns.
    #[must_use]
    pub fn lead_columns(&self) -> Vec<LeadColumn<'_>> {
        self.names.iter().zip(&self.columns).map(|(n, c)| LeadColumn::numeric(n, c)).collect()
    }

    /// The number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.account.len()
    }

    /// Whether there are no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.account.is_empty()
    }
}

/// Ratio of the mean of `recent` to the mean of `prior`, or `None` when the prior mean is not positive
/// or the ratio overflows.
fn ratio(recent: &[f64], prior: &[f64]) -> Option<f64> {
    let r = recent.iter().sum::<f64>() / recent.len() as f64;
    let p = prior.iter().sum::<f64>() / prior.len() as f64;
    let q = r / p;
    (p > 0.0 && q.is_finite()).then_some(q)
}

/// The OLS slope of `y` against `0, 1, ..., n - 1` (0 for a single point).
fn slope(y: &[f64]) -> f64 {
    let n = y.len() as f64;
    if y.len() < 2 {
        return 0.0;
    }
    let x_mean = (n - 1.0) / 2.0;
    let y_mean = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (i, &v) in y.iter().enumerate() {
        let dx = i as f64 - x_mean;
        sxy += dx * (v - y_mean);
        sxx += dx * dx;
    }
    let s = sxy / sxx;
    if s.is_finite() { s } else { 0.0 }
}

/// An account's last period at risk `c`, whether it churned after `c`, and the end (exclusive) of its rows
/// at risk: with the flag, its last row; with the end of revenue, its last row with revenue `> 0`
/// (churned when that is before the panel's last period `panel_end`).
fn churn_period(panel: &AccountPanel<'_>, run: Run, churn: ChurnSignal, panel_end: i64) -> (i64, bool, usize) {
    let last = run.end - 1;
    match churn {
        ChurnSignal::Flag => (panel.period[last], panel.churned[last], run.end),
        ChurnSignal::EndOfRevenue => match (run.start..run.end).rev().find(|&j| panel.revenue[j] > 0.0) {
            Some(j) => (panel.period[j], panel.period[j] < panel_end, j + 1),
            None => (panel.period[last], false, run.start),
        },
    }
}

/// Behavioural features and churn labels of an account-period panel.
///
/// For each metric `m` (revenue first, named `revenue`, then the panel's metrics in order), at the
/// account's row for period `t`, with window `w` and `k` the number of the account's periods before `t`:
///
/// | column | definition |
/// |---|---|
/// | `m` | the level: the value at `t` |
/// | `m_change` | mean over periods `t-w+1..=t` divided by the mean over `t-2w+1..=t-w`; **1** when undefined |
/// | `m_change_undefined` | 1 when the change is undefined (fewer than `2w` periods so far, or a prior mean `<= 0`), else 0 |
/// | `m_trend` | the OLS slope of the values against the period over the last `min(w, k + 1)` periods (0 for one period) |
///
/// and two columns per row: `periods_since_activity`, the periods since the last period with activity
/// (any usage metric `> 0`; revenue `> 0` when the panel has no metrics), 0 in an active period, `k + 1`
/// when the account has had no activity yet; and `tenure`, `k` (0 in the account's first period).
///
/// **Leakage-safe by construction**: every feature at `t` reads only the account's rows up to `t`, so
/// changing or removing later rows never changes it. Only the label looks ahead: `churn_within_horizon`
/// is 1 when the account's last period `c` (flagged `churned`) satisfies `c < t + horizon` (with horizon 1,
/// the account leaves right after `t`: the discrete-time hazard's event). With
/// [`ChurnSignal::EndOfRevenue`] the account's last period `c` is its last period with revenue `> 0`, a
/// churn when `c` is before the panel's last period; its later rows have an unknown label.
///
/// ```
/// use ltv_models::{AccountPanel, ChurnSignal, HealthOptions, health_features};
/// // One account, 5 months: logins 10, 10, 10, 4, 2; it churns after month 5.
/// let logins = [10.0, 10.0, 10.0, 4.0, 2.0];
/// let panel = AccountPanel {
///     account: &[7; 5],
///     period: &[1, 2, 3, 4, 5],
///     revenue: &[100.0; 5],
///     metrics: vec![("logins", &logins)],
///     churned: &[false, false, false, false, true],
/// };
/// let f = health_features(&panel, HealthOptions::new(2, 2))?;
/// // Month 5: (4 + 2) / 2 against (10 + 10) / 2: engagement fell to 30 %.
/// assert_eq!(f.column("logins_change").unwrap()[4], 0.3);
/// assert_eq!(f.column("logins_trend").unwrap()[4], -2.0);
/// // Month 1 has no history: the change is 1 and flagged undefined.
/// assert_eq!(f.column("logins_change_undefined").unwrap()[0], 1.0);
/// // Churn after month 5 is within 2 months of months 4 and 5 only.
/// assert_eq!(f.churn_within_horizon, vec![0.0, 0.0, 0.0, 1.0, 1.0]);
///
/// // The same account with no flags, paying through month 3 of a 5-month panel: it churned after month 3.
/// let revenue = [100.0, 100.0, 100.0, 0.0, 0.0];
/// let unflagged = AccountPanel { revenue: &revenue, churned: &[], ..panel };
/// let g = health_features(&unflagged, HealthOptions::new(2, 2).with_churn(ChurnSignal::EndOfRevenue))?;
/// assert_eq!(g.churn_within_horizon, vec![0.0, 1.0, 1.0, 0.0, 0.0]);
/// assert_eq!(g.label_known, vec![true, true, true, false, false]);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// [`ModelError::InvalidPeriod`] for a horizon or window outside `1..=120`; [`ModelError::InvalidData`]
/// for more than [`MAX_METRICS`] metrics and the panel errors (each naming the column, row, account and
/// period): rows of an account not contiguous, periods out of order, duplicated or skipped, a row after
/// churn, a missing (NaN) or infinite value; [`ModelError::LengthMismatch`].
pub fn health_features(panel: &AccountPanel<'_>, options: HealthOptions) -> Result<HealthFeatures, ModelError> {
    let options = options.check()?;
    if panel.metrics.len() > MAX_METRICS {
        return Err(ModelError::InvalidData {
            field: "metrics".to_owned(),
            row: None,
            reason: format!("{} metrics, at most MAX_METRICS = 1000", panel.metrics.len()),
        });
    }
    let runs = validate(panel, options.churn)?;
    let n = panel.account.len();
    let w = options.window as usize;
    let h = i64::from(options.horizon);
    let sources: Vec<(&str, &[f64])> =
        std::iter::once(("revenue", panel.revenue)).chain(panel.metrics.iter().copied()).collect();
    let mut names = Vec::with_capacity(4 * sources.len() + 2);
    let mut columns = Vec::with_capacity(4 * sources.len() + 2);
    for (name, values) in &sources {
        let (mut change, mut undefined, mut trend) = (vec![1.0; n], vec![0.0; n], vec![0.0; n]);
        for run in &runs {
            for j in run.start..run.end {
                let k = j - run.start;
                let defined =
                    if k + 1 >= 2 * w { ratio(&values[j + 1 - w..=j], &values[j + 1 - 2 * w..=j - w]) } else { None };
                match defined {
                    Some(q) => change[j] = q,
                    None => undefined[j] = 1.0,
                }
                trend[j] = slope(&values[j + 1 - w.min(k + 1)..=j]);
            }
        }
        names.extend([
            name.to_string(),
            format!("{name}_change"),
            format!("{name}_change_undefined"),
            format!("{name}_trend"),
        ]);
        columns.extend([values.to_vec(), change, undefined, trend]);
    }
    let activity: Vec<&[f64]> =
        if panel.metrics.is_empty() { vec![panel.revenue] } else { panel.metrics.iter().map(|(_, v)| *v).collect() };
    let (mut since, mut tenure) = (vec![0.0; n], vec![0.0; n]);
    let (mut label, mut known) = (vec![0.0; n], vec![false; n]);
    let panel_end = panel.period.iter().copied().max().unwrap_or(0);
    for run in &runs {
        let mut last_active: Option<usize> = None;
        let (c, churned, at_risk) = churn_period(panel, *run, options.churn, panel_end);
        for j in run.start..run.end {
            let k = j - run.start;
            if activity.iter().any(|v| v[j] > 0.0) {
                last_active = Some(k);
            }
            since[j] = last_active.map_or(k + 1, |a| k - a) as f64;
            tenure[j] = k as f64;
            let t = panel.period[j];
            if j >= at_risk {
                continue; // after the end of revenue (or never paying): not at risk, label unknown
            }
            if churned {
                known[j] = true;
                label[j] = if c - t < h { 1.0 } else { 0.0 };
            } else {
                known[j] = c - t >= h - 1;
            }
        }
    }
    names.extend(["periods_since_activity".to_owned(), "tenure".to_owned()]);
    columns.extend([since, tenure]);
    Ok(HealthFeatures {
        account: panel.account.to_vec(),
        period: panel.period.to_vec(),
        names,
        columns,
        churn_within_horizon: label,
        label_known: known,
        options,
    })
}
