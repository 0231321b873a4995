//! Risk-adjusted LTV from each account's own hazard, and the "what is at risk" table.

use crate::error::ModelError;

/// The longest half-life of [`RiskLtvOptions::half_life`]: 10,000 periods (the series then needs at
/// most about 500,000 terms per account).
pub const MAX_HALF_LIFE: f64 = 10_000.0;

/// How a hazard becomes a value.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct RiskLtvOptions {
    /// Gross margin, a fraction of revenue in `[0, 1]` (default 1: revenue is margin).
    pub margin: f64,
    /// The discount rate per period, in `[0, 1]` (default 0).
    pub discount_rate: f64,
    /// Relax each account's hazard toward this segment baseline hazard (in `(0, 1]`) over
    /// [`Self::half_life`]; `None` (the default) holds the hazard constant.
    pub baseline_hazard: Option<f64>,
    /// The half-life in periods (in `(0, MAX_HALF_LIFE]`) of the gap between an account's hazard and the
    /// baseline. Required with `baseline_hazard`.
    pub half_life: Option<f64>,
}

impl Default for RiskLtvOptions {
    fn default() -> Self {
        Self { margin: 1.0, discount_rate: 0.0, baseline_hazard: None, half_life: None }
    }
}

impl RiskLtvOptions {
    /// A constant hazard with this margin and discount rate per period.
    #[must_use]
    pub fn new(margin: f64, discount_rate: f64) -> Self {
        Self { margin, discount_rate, ..Self::default() }
    }

    /// These options with the hazard relaxing toward `baseline_hazard` with `half_life` periods.
    #[must_use]
    pub fn relaxing(self, baseline_hazard: f64, half_life: f64) -> Self {
        Self { baseline_hazard: Some(baseline_hazard), half_life: Some(half_life), ..self }
    }

    fn check(&self) -> Result<(), ModelError> {
        let p = |field, value, allowed| ModelError::InvalidParameter { field, value, allowed };
        if !(0.0..=1.0).contains(&self.margin) {
            return Err(p("margin", self.margin, "a fraction of revenue in [0, 1]"));
        }
        if !(0.0..=1.0).contains(&self.discount_rate) {
            return Err(p("discount_rate", self.discount_rate, "a rate per period in [0, 1]"));
        }
        match (self.baseline_hazard, self.half_life) {
            (None, None) => Ok(()),
            (Some(b), Some(t)) => {
                if !(b > 0.0 && b <= 1.0) {
                    return Err(p("baseline_hazard", b, "a hazard per period in (0, 1]"));
                }
                if !(t > 0.0 && t <= MAX_HALF_LIFE) {
                    return Err(p("half_life", t, "a half-life in (0, 10000] periods"));
                }
                Ok(())
            }
            (Some(b), None) => Err(p("half_life", b, "a half-life with the baseline hazard (both or neither)")),
            (None, Some(t)) => Err(p("baseline_hazard", t, "a baseline hazard with the half-life (both or neither)")),
        }
    }
}

/// One account's risk-adjusted value.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct RiskLtv {
    /// The expected remaining lifetime in periods, counting the current one: `sum_k S_k`.
    pub expected_lifetime: f64,
    /// The discounted LTV: `revenue x margin x sum_k S_k / (1 + d)^k`.
    pub ltv: f64,
}

fn invalid(field: &str, row: usize, reason: String) -> ModelError {
    ModelError::InvalidData { field: field.to_owned(), row: Some(row), reason }
}

/// Gaps between hazard and baseline below this are treated as closed (the geometric tail takes over).
const GAP: f64 = 1e-13;

/// `(sum_k S_k, sum_k S_k / (1 + d)^k)` for hazard `h0` (relaxing as `options` say).
fn sums(h0: f64, options: &RiskLtvOptions) -> (f64, f64) {
    let d = options.discount_rate;
    let closed = |h: f64| (1.0 / h, (1.0 + d) / (h + d));
    let (b, t) = match (options.baseline_hazard, options.half_life) {
        (Some(b), Some(t)) if (h0 - b).abs() > GAP => (b, t),
        _ => return closed(h0),
    };
    // Terms until the gap h_k - b is below GAP: k >= t log2(|h0 - b| / GAP), at most about 46 t.
    let terms = (t * ((h0 - b).abs() / GAP).log2()).ceil() as u64;
    let (mut survival, mut discount) = (1.0_f64, 1.0_f64);
    let (mut life, mut value) = (0.0, 0.0);
    for k in 0..terms {
        life += survival;
        value += survival * discount;
        let h = (b + (h0 - b) * (-(k as f64) / t).exp2()).clamp(0.0, 1.0);
        survival *= 1.0 - h;
        discount /= 1.0 + d;
    }
    let (tail_life, tail_value) = closed(b);
    (life + survival * tail_life, value + survival * discount * tail_value)
}

/// Each account's expected remaining lifetime and discounted LTV from its own per-period hazard.
///
/// Conventions are those of `ltv_core::discounted_ltv` with `PaymentTiming::StartOfPeriod`: the margin
/// `m = revenue x margin` is paid at the start of each period the account is still there, the current
/// period first and undiscounted, so `LTV = m sum_{k >= 0} S_k / (1 + d)^k` with `S_0 = 1`,
/// `S_{k+1} = S_k (1 - h_k)`. With a constant hazard `h` (the default) `S_k = (1 - h)^k`, the expected
/// lifetime is `1 / h` and `LTV = m (1 + d) / (h + d)`, exactly `discounted_ltv` at churn `h`. Relaxing
/// toward a segment baseline `b` with half-life `T`, `h_k = b + (h_0 - b) 2^(-k / T)`: the sums run
/// until the gap is below `1e-13`, then close with the geometric tail at `b`.
///
/// **Reconciliation with the cohort view**: for accounts all at the segment's baseline hazard, the
/// total is `N m (1 + d) / (b + d)`, the cohort's `discounted_ltv` times its size; with own hazards,
/// the segment total is the sum of the accounts' values.
///
/// ```
/// use ltv_models::{RiskLtvOptions, risk_adjusted_ltv};
/// // discounted_ltv's example: $80 a month, 5 % churn, 0.797414 % discount a month: $1,390.93.
/// let v = risk_adjusted_ltv(&[80.0], &[0.05], RiskLtvOptions::new(1.0, 0.00797414))?;
/// assert_eq!((v[0].ltv * 100.0).round() / 100.0, 1390.93);
/// assert!((v[0].expected_lifetime - 20.0).abs() < 1e-12);
/// // An at-risk account (25 % a month) relaxing toward the 5 % baseline with a 3-month half-life.
/// let relaxed = risk_adjusted_ltv(&[80.0], &[0.25], RiskLtvOptions::new(1.0, 0.0).relaxing(0.05, 3.0))?;
/// assert!(relaxed[0].ltv > 80.0 / 0.25 && relaxed[0].ltv < 80.0 / 0.05);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// [`ModelError::InvalidParameter`] for options out of range (margin and discount rate in `[0, 1]`,
/// baseline in `(0, 1]`, half-life in `(0, MAX_HALF_LIFE]`, both or neither); [`ModelError::InvalidData`]
/// naming the row for a revenue that is NaN, infinite or negative, a hazard outside `(0, 1]` (a zero
/// hazard has an infinite lifetime); [`ModelError::LengthMismatch`].
pub fn risk_adjusted_ltv(revenue: &[f64], hazard: &[f64], options: RiskLtvOptions) -> Result<Vec<RiskLtv>, ModelError> {
    options.check()?;
    check_columns(revenue, hazard)?;
    let mut out = Vec::with_capacity(revenue.len());
    for (row, (&r, &h)) in revenue.iter().zip(hazard).enumerate() {
        let (life, value) = sums(h, &options);
        let ltv = r * options.margin * value;
        if !(life.is_finite() && ltv.is_finite()) {
            return Err(invalid("hazard", row, format!("hazard {h} gives an infinite lifetime or value: too small")));
        }
        out.push(RiskLtv { expected_lifetime: life, ltv });
    }
    Ok(out)
}

fn check_columns(revenue: &[f64], hazard: &[f64]) -> Result<(), ModelError> {
    if revenue.len() != hazard.len() {
        return Err(ModelError::LengthMismatch {
            field: "hazard".to_owned(),
            reference: "revenue".to_owned(),
            expected: revenue.len(),
            found: hazard.len(),
        });
    }
    if let Some(row) = revenue.iter().position(|r| !(r.is_finite() && *r >= 0.0 && *r <= 1e100)) {
        return Err(invalid("revenue", row, format!("got {}, expected a finite revenue in [0, 1e100]", revenue[row])));
    }
    if let Some(row) = hazard.iter().position(|h| !(*h > 0.0 && *h <= 1.0)) {
        return Err(invalid(
            "hazard",
            row,
            format!("got {}, expected a hazard per period in (0, 1] (0 has an infinite lifetime)", hazard[row]),
        ));
    }
    Ok(())
}

/// One risk band of [`value_at_risk`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct RiskBand {
    /// The band: 0 for `probability <= edges[0]`, `k` for `edges[k-1] < p <= edges[k]`.
    pub band: usize,
    /// Its lower edge (exclusive), `None` for the first band.
    pub lower: Option<f64>,
    /// Its upper edge (inclusive), `None` for the last band.
    pub upper: Option<f64>,
    /// Accounts in the band.
    pub accounts: u64,
    /// Their revenue (MRR) now.
    pub mrr: f64,
    /// `sum revenue x P(churn within the horizon)`: the MRR expected to be lost within the horizon.
    pub mrr_at_risk: f64,
    /// Their risk-adjusted LTV ([`risk_adjusted_ltv`]).
    pub ltv: f64,
    /// `sum P(churn within the horizon) x LTV`: the LTV carried by the accounts expected to churn.
    pub ltv_at_risk: f64,
    /// The LTV gained if every hazard in the band fell by the fraction `reduction`:
    /// `sum LTV(h (1 - reduction)) - LTV(h)` (the business case for a customer-success intervention).
    pub value_of_reduction: f64,
}

/// The "what is at risk" table: accounts banded by their probability of churning within the horizon,
/// with MRR and LTV at risk and the value of reducing the band's hazards by the fraction `reduction`.
/// Bands with no account are left out.
///
/// ```
/// use ltv_models::{RiskLtvOptions, value_at_risk};
/// let bands = value_at_risk(&[100.0, 100.0], &[0.1, 0.5], &[0.05, 0.25], &[0.2], 0.2, RiskLtvOptions::default())?;
/// assert_eq!((bands[0].accounts, bands[1].mrr_at_risk), (1, 50.0));
/// // 100 / (0.25 x 0.8) - 100 / 0.25 = 100.
/// assert!((bands[1].value_of_reduction - 100.0).abs() < 1e-9);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// As [`risk_adjusted_ltv`]; [`ModelError::InvalidData`] for a probability outside `[0, 1]`, edges not
/// finite and strictly increasing; [`ModelError::InvalidParameter`] for `reduction` outside `[0, 1)`.
pub fn value_at_risk(
    revenue: &[f64],
    probability: &[f64],
    hazard: &[f64],
    edges: &[f64],
    reduction: f64,
    options: RiskLtvOptions,
) -> Result<Vec<RiskBand>, ModelError> {
    if !(0.0..1.0).contains(&reduction) {
        return Err(ModelError::InvalidParameter {
            field: "reduction",
            value: reduction,
            allowed: "a relative reduction of the hazard in [0, 1)",
        });
    }
    if probability.len() != revenue.len() {
        return Err(ModelError::LengthMismatch {
            field: "probability".to_owned(),
            reference: "revenue".to_owned(),
            expected: revenue.len(),
            found: probability.len(),
        });
    }
    if let Some(row) = probability.iter().position(|p| !(0.0..=1.0).contains(p)) {
        return Err(invalid("probability", row, format!("got {}, expected a probability in [0, 1]", probability[row])));
    }
    if let Some(k) = edges.iter().position(|e| !e.is_finite()) {
        return Err(invalid("edges", k, format!("got {}, expected a finite edge", edges[k])));
    }
    if let Some(k) = edges.windows(2).position(|w| w[0] >= w[1]) {
        return Err(invalid("edges", k + 1, "edges must be strictly increasing".to_owned()));
    }
    let now = risk_adjusted_ltv(revenue, hazard, options)?;
    let reduced: Vec<f64> = hazard.iter().map(|h| h * (1.0 - reduction)).collect();
    let after = if reduction > 0.0 { risk_adjusted_ltv(revenue, &reduced, options)? } else { now.clone() };
    let mut bands: Vec<RiskBand> = (0..=edges.len())
        .map(|band| RiskBand {
            band,
            lower: band.checked_sub(1).map(|k| edges[k]),
            upper: edges.get(band).copied(),
            accounts: 0,
            mrr: 0.0,
            mrr_at_risk: 0.0,
            ltv: 0.0,
            ltv_at_risk: 0.0,
            value_of_reduction: 0.0,
        })
        .collect();
    for i in 0..revenue.len() {
        let b = &mut bands[edges.partition_point(|&e| e < probability[i])];
        b.accounts += 1;
        b.mrr += revenue[i];
        b.mrr_at_risk += revenue[i] * probability[i];
        b.ltv += now[i].ltv;
        b.ltv_at_risk += probability[i] * now[i].ltv;
        b.value_of_reduction += after[i].ltv - now[i].ltv;
    }
    bands.retain(|b| b.accounts > 0);
    Ok(bands)
}
