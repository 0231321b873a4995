//! The lift table: churn rates by feature bucket, with confidence intervals, against a reference bucket.

use crate::error::ModelError;

/// One bucket of a [`lift_table`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct LiftRow {
    /// The bucket: 0 for values `<= edges[0]`, `k` for `edges[k-1] < v <= edges[k]`, `edges.len()` above.
    pub bucket: usize,
    /// The bucket's lower edge (exclusive), `None` for the first bucket.
    pub lower: Option<f64>,
    /// The bucket's upper edge (inclusive), `None` for the last bucket.
    pub upper: Option<f64>,
    /// Rows in the bucket.
    pub n: u64,
    /// Rows in the bucket with the event (churn within the horizon).
    pub events: u64,
    /// `events / n`.
    pub rate: f64,
    /// The Wilson score interval for the rate, lower end.
    pub rate_low: f64,
    /// The Wilson score interval for the rate, upper end.
    pub rate_high: f64,
    /// The ratio of this bucket's rate to the reference bucket's (the lift).
    pub ratio: f64,
    /// The Katz log interval for the ratio, lower end.
    pub ratio_low: f64,
    /// The Katz log interval for the ratio, upper end.
    pub ratio_high: f64,
}

fn invalid(field: &str, row: Option<usize>, reason: String) -> ModelError {
    ModelError::InvalidData { field: field.to_owned(), row, reason }
}

/// The Wilson score interval for `events` of `n` at normal quantile `z` (E. B. Wilson, "Probable
/// inference, the law of succession, and statistical inference", *JASA* 22(158), 1927, 209–212).
fn wilson(events: f64, n: f64, z: f64) -> (f64, f64) {
    let p = events / n;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Churn rates by bucket of a feature, each with its Wilson score interval, and the rate ratio (lift)
/// against the `reference` bucket with the **Katz log interval** (D. Katz, J. Baptista, S. P. Azen and
/// M. C. Pike, "Obtaining confidence intervals for the risk ratio in cohort studies", *Biometrics* 34(3),
/// 1978, 469–474): `exp(ln RR ± z sqrt(1/a - 1/n1 + 1/c - 1/n0))` for `a` events of `n1` against `c` of `n0`.
/// When either bucket has no events (the log interval is then undefined), 0.5 is added to the events and
/// the sizes of both (the Haldane–Anscombe correction) for the ratio and its interval. `z` is the normal
/// quantile (1.959963984540054 for 95 %). Buckets with no rows are left out.
///
/// ```
/// use ltv_models::lift_table;
/// // Engagement change: 40 accounts fell to <= 0.6 (12 churned), 160 steady (8 churned).
/// let mut change = vec![0.5; 40];
/// change.extend(vec![1.0; 160]);
/// let mut churn = vec![0.0; 200];
/// for i in (0..12).chain(40..48) { churn[i] = 1.0; }
/// let table = lift_table(&change, &churn, &[0.6], 1, 1.959963984540054)?;
/// assert_eq!(table[0].rate, 0.3);
/// assert!((table[0].ratio - 6.0).abs() < 1e-12);
/// assert!(table[0].ratio_low > 2.0 && table[1].ratio == 1.0);
///
/// // Newcombe (1998, Statistics in Medicine 17, 857-872): 81 of 263 has the Wilson interval 0.2553 to 0.3662.
/// let mut y = vec![0.0; 264];
/// y[..81].fill(1.0);
/// y[263] = 1.0;
/// let mut x = vec![0.0; 263];
/// x.push(1.0);
/// let t = lift_table(&x, &y, &[0.5], 1, 1.959963984540054)?;
/// assert_eq!(((t[0].rate_low * 1e4).round(), (t[0].rate_high * 1e4).round()), (2553.0, 3662.0));
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// [`ModelError::InvalidData`] for a NaN or infinite value, a label other than 0 / 1, edges not finite
/// and strictly increasing, a reference bucket out of range or empty; [`ModelError::InvalidParameter`]
/// for `z` outside `(0, 10]`; [`ModelError::LengthMismatch`].
pub fn lift_table(
    values: &[f64],
    label: &[f64],
    edges: &[f64],
    reference: usize,
    z: f64,
) -> Result<Vec<LiftRow>, ModelError> {
    if values.len() != label.len() {
        return Err(ModelError::LengthMismatch {
            field: "label".to_owned(),
            reference: "values".to_owned(),
            expected: values.len(),
            found: label.len(),
        });
    }
    if !(z > 0.0 && z <= 10.0) {
        return Err(ModelError::InvalidParameter { field: "z", value: z, allowed: "a normal quantile in (0, 10]" });
    }
    if let Some(k) = edges.iter().position(|e| !e.is_finite()) {
        return Err(invalid("edges", Some(k), format!("got {}, expected a finite edge", edges[k])));
    }
    if let Some(k) = edges.windows(2).position(|w| w[0] >= w[1]) {
        return Err(invalid("edges", Some(k + 1), "edges must be strictly increasing".to_owned()));
    }
    if reference > edges.len() {
        return Err(invalid("reference", None, format!("bucket {reference}; there are {} buckets", edges.len() + 1)));
    }
    let (mut n, mut events) = (vec![0_u64; edges.len() + 1], vec![0_u64; edges.len() + 1]);
    for (row, (&v, &y)) in values.iter().zip(label).enumerate() {
        if !v.is_finite() {
            return Err(invalid("values", Some(row), format!("got {v}, expected a finite number")));
        }
        if y != 0.0 && y != 1.0 {
            return Err(invalid("label", Some(row), format!("got {y}, expected 0 or 1")));
        }
        let bucket = edges.partition_point(|&e| e < v);
        n[bucket] += 1;
        events[bucket] += u64::from(y == 1.0);
    }
    if n[reference] == 0 {
        return Err(invalid("reference", None, format!("reference bucket {reference} has no rows")));
    }
    let (c, n0) = (events[reference] as f64, n[reference] as f64);
    let mut table = Vec::new();
    for bucket in 0..=edges.len() {
        if n[bucket] == 0 {
            continue;
        }
        let (a, n1) = (events[bucket] as f64, n[bucket] as f64);
        let (rate_low, rate_high) = wilson(a, n1, z);
        let (ratio, ratio_low, ratio_high) = if bucket == reference {
            (1.0, 1.0, 1.0)
        } else {
            let k = if a == 0.0 || c == 0.0 { 0.5 } else { 0.0 };
            let (a, n1, c, n0) = (a + k, n1 + k, c + k, n0 + k);
            let rr = (a / n1) / (c / n0);
            let se = (1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n0).max(0.0).sqrt();
            (rr, rr * (-z * se).exp(), rr * (z * se).exp())
        };
        table.push(LiftRow {
            bucket,
            lower: bucket.checked_sub(1).map(|k| edges[k]),
            upper: edges.get(bucket).copied(),
            n: n[bucket],
            events: events[bucket],
            rate: a / n1,
            rate_low,
            rate_high,
            ratio,
            ratio_low,
            ratio_high,
        });
    }
    Ok(table)
}
