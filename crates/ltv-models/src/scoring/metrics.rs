//! Holdout evaluation: AUC, log loss and a calibration table; the seeded holdout split; lead values.

use std::cmp::Ordering;

use ltv_core::{Fraction, Money, lead_ltv};

use super::train::{row_log_loss, sigmoid};
use crate::error::ModelError;

fn invalid(field: &str, row: Option<usize>, reason: impl Into<String>) -> ModelError {
    ModelError::InvalidData { field: field.to_owned(), row, reason: reason.into() }
}

fn check_pair(field: &str, values: &[f64], target: &[f64]) -> Result<(u64, u64), ModelError> {
    if values.len() != target.len() {
        return Err(ModelError::LengthMismatch {
            field: "target".to_owned(),
            reference: field.to_owned(),
            expected: values.len(),
            found: target.len(),
        });
    }
    if let Some(row) = values.iter().position(|v| !v.is_finite()) {
        return Err(invalid(field, Some(row), format!("got {}, expected a finite number", values[row])));
    }
    if let Some(row) = target.iter().position(|&y| y != 0.0 && y != 1.0) {
        return Err(invalid("target", Some(row), format!("got {}, expected 0 or 1", target[row])));
    }
    let positive = target.iter().filter(|&&y| y == 1.0).count() as u64;
    Ok((positive, target.len() as u64 - positive))
}

fn by_value(values: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    // Finite values only (checked), so partial_cmp is total here; the stable sort keeps row order in ties.
    order.sort_by(|&a, &b| values[a].partial_cmp(&values[b]).unwrap_or(Ordering::Equal));
    order
}

/// The area under the ROC curve: the probability that a random converted lead scores above a random
/// unconverted one, ties counted 1/2 (the Mann–Whitney U statistic over `n_pos x n_neg`; Hanley & McNeil,
/// "The meaning and use of the area under a receiver operating characteristic (ROC) curve", *Radiology*
/// 143(1), 1982, 29–36). Any increasing transform of the scores gives the same AUC.
///
/// ```
/// use ltv_models::auc;
/// // Positives at 0.8 and 0.4, negatives at 0.4 and 0.1: pairs (0.8 > 0.4), (0.8 > 0.1), (0.4 = 0.4) 1/2,
/// // (0.4 > 0.1): 3.5 of 4 pairs.
/// assert_eq!(auc(&[0.8, 0.4, 0.4, 0.1], &[1.0, 1.0, 0.0, 0.0])?, 0.875);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// [`ModelError::InvalidData`] for a NaN or infinite score, a target other than 0 / 1, or a target with
/// one class only; [`ModelError::LengthMismatch`].
pub fn auc(scores: &[f64], target: &[f64]) -> Result<f64, ModelError> {
    let (n_pos, n_neg) = check_pair("scores", scores, target)?;
    if n_pos == 0 || n_neg == 0 {
        return Err(invalid("target", None, "the AUC needs both converted (1) and unconverted (0) leads"));
    }
    let order = by_value(scores);
    // Twice the Mann-Whitney U: each (positive, negative) pair with the positive above counts 2, a tie 1.
    let mut twice_u: u128 = 0;
    let mut negatives_below: u128 = 0;
    let mut i = 0;
    while i < order.len() {
        let value = scores[order[i]];
        let (mut pos, mut neg) = (0_u128, 0_u128);
        while i < order.len() && scores[order[i]] == value {
            if target[order[i]] == 1.0 {
                pos += 1;
            } else {
                neg += 1;
            }
            i += 1;
        }
        twice_u += 2 * pos * negatives_below + pos * neg;
        negatives_below += neg;
    }
    Ok(twice_u as f64 / (2.0 * n_pos as f64 * n_neg as f64))
}

/// The mean log loss `-(1/n) sum_i [y_i ln p_i + (1 - y_i) ln(1 - p_i)]` of predicted probabilities
/// (natural log; the same as scikit-learn's `log_loss` without its clipping).
///
/// ```
/// use ltv_models::log_loss;
/// let loss = log_loss(&[0.5, 0.5], &[1.0, 0.0])?;
/// assert!((loss - std::f64::consts::LN_2).abs() < 1e-15);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// [`ModelError::InvalidData`] for a probability outside `[0, 1]`, a target other than 0 / 1, an empty
/// input, or a row predicted with certainty and wrong (p = 0 for a converted lead, or 1 for an unconverted
/// one), whose loss is infinite; [`ModelError::LengthMismatch`].
pub fn log_loss(probabilities: &[f64], target: &[f64]) -> Result<f64, ModelError> {
    check_pair("probabilities", probabilities, target)?;
    if probabilities.is_empty() {
        return Err(invalid("probabilities", None, "no rows"));
    }
    let mut sum = 0.0;
    for (row, (&p, &y)) in probabilities.iter().zip(target).enumerate() {
        if !(0.0..=1.0).contains(&p) {
            return Err(invalid("probabilities", Some(row), format!("got {p}, expected a probability in [0, 1]")));
        }
        let likelihood = if y == 1.0 { p } else { 1.0 - p };
        if likelihood == 0.0 {
            return Err(invalid(
                "probabilities",
                Some(row),
                format!("p = {p} for target {y}: a certain and wrong prediction has infinite log loss"),
            ));
        }
        sum -= likelihood.ln();
    }
    Ok(sum / probabilities.len() as f64)
}

/// One bin of a calibration table.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct CalibrationBin {
    /// The bin, 0 for the lowest predicted probabilities.
    pub bin: usize,
    /// Leads in the bin.
    pub count: u64,
    /// The lowest predicted probability in the bin.
    pub min_predicted: f64,
    /// The highest predicted probability in the bin.
    pub max_predicted: f64,
    /// The mean predicted probability (the expected conversion rate).
    pub mean_predicted: f64,
    /// The share of the bin's leads that converted.
    pub observed_rate: f64,
}

/// A calibration table in the manner of the Hosmer–Lemeshow test ("deciles of risk"; D. W. Hosmer and
/// S. Lemeshow, *Applied Logistic Regression*, 2nd ed., 2000, §5.2.2): the leads sorted by predicted
/// probability (ties in row order) and cut into `bins` groups of equal size (bin `k` holds sorted rows
/// `floor(k n / bins) .. floor((k + 1) n / bins)`), each with its mean predicted probability and observed
/// conversion rate. A calibrated model has the two close in every bin. With fewer rows than `bins`, each
/// row is its own bin.
///
/// ```
/// use ltv_models::calibration;
/// let p = [0.125, 0.25, 0.25, 0.375, 0.625, 0.75, 0.75, 0.875];
/// let y = [0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0];
/// let table = calibration(&p, &y, 2)?;
/// assert_eq!((table[0].count, table[0].mean_predicted, table[0].observed_rate), (4, 0.25, 0.25));
/// assert_eq!((table[1].count, table[1].mean_predicted, table[1].observed_rate), (4, 0.75, 0.75));
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// [`ModelError::InvalidData`] for a probability outside `[0, 1]`, a target other than 0 / 1, no rows, or
/// `bins == 0`; [`ModelError::LengthMismatch`].
pub fn calibration(probabilities: &[f64], target: &[f64], bins: usize) -> Result<Vec<CalibrationBin>, ModelError> {
    check_pair("probabilities", probabilities, target)?;
    if let Some(row) = probabilities.iter().position(|p| !(0.0..=1.0).contains(p)) {
        return Err(invalid(
            "probabilities",
            Some(row),
            format!("got {}, expected a probability in [0, 1]", probabilities[row]),
        ));
    }
    if bins == 0 {
        return Err(invalid("bins", None, "got 0, expected at least 1 bin"));
    }
    let n = probabilities.len();
    if n == 0 {
        return Err(invalid("probabilities", None, "no rows"));
    }
    let bins = bins.min(n);
    let order = by_value(probabilities);
    let mut table = Vec::with_capacity(bins);
    for bin in 0..bins {
        let rows = &order[bin * n / bins..(bin + 1) * n / bins];
        let count = rows.len();
        let predicted: f64 = rows.iter().map(|&r| probabilities[r]).sum();
        let observed: f64 = rows.iter().map(|&r| target[r]).sum();
        table.push(CalibrationBin {
            bin,
            count: count as u64,
            min_predicted: rows.first().map_or(0.0, |&r| probabilities[r]),
            max_predicted: rows.last().map_or(0.0, |&r| probabilities[r]),
            mean_predicted: predicted / count as f64,
            observed_rate: observed / count as f64,
        });
    }
    Ok(table)
}

/// How a scorer does on labelled leads (see [`LeadScorer::evaluate`](crate::LeadScorer::evaluate)).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Evaluation {
    /// Leads scored.
    pub n_rows: u64,
    /// Leads that converted.
    pub n_positive: u64,
    /// The area under the ROC curve ([`auc`]).
    pub auc: f64,
    /// The mean log loss, computed from the linear scores without rounding P to 0 or 1 ([`log_loss`]).
    pub log_loss: f64,
    /// The calibration table ([`calibration`]).
    pub calibration: Vec<CalibrationBin>,
}

pub(crate) fn evaluate(eta: &[f64], target: &[f64], bins: usize) -> Result<Evaluation, ModelError> {
    let p: Vec<f64> = eta.iter().map(|&e| sigmoid(e)).collect();
    let auc = auc(&p, target)?;
    let calibration = calibration(&p, target, bins)?;
    let loss: f64 = eta.iter().zip(target).map(|(&e, &y)| row_log_loss(e, y)).sum();
    let n_positive = target.iter().filter(|&&y| y == 1.0).count() as u64;
    Ok(Evaluation { n_rows: target.len() as u64, n_positive, auc, log_loss: loss / target.len() as f64, calibration })
}

/// SplitMix64 (Steele, Lea & Flood 2014; the seeding generator of `java.util.SplittableRandom`).
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform index in `0..bound` by multiply-shift (Lemire 2019; bias at most `bound / 2^64`).
    fn below(&mut self, bound: usize) -> usize {
        ((u128::from(self.next()) * bound as u128) >> 64) as usize
    }
}

/// A deterministic holdout split: `true` for the `round(n_rows x test_fraction)` rows in the test set.
///
/// The rows are shuffled by a Fisher–Yates shuffle driven by SplitMix64 seeded with `seed` (each draw a
/// multiply-shift of a 64-bit output onto the range), and the first rows of the shuffled order are the
/// test set; the same `n_rows`, `test_fraction` and `seed` give the same split on every platform, in Rust
/// and in Python.
///
/// ```
/// use ltv_models::holdout_mask;
/// let mask = holdout_mask(10, 0.3, 42)?;
/// assert_eq!(mask.iter().filter(|&&t| t).count(), 3);
/// assert_eq!(holdout_mask(10, 0.3, 42)?, mask);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// [`ModelError::InvalidParameter`] for a `test_fraction` not strictly between 0 and 1;
/// [`ModelError::InvalidData`] when the split would leave the training or the test set empty.
pub fn holdout_mask(n_rows: usize, test_fraction: f64, seed: u64) -> Result<Vec<bool>, ModelError> {
    if !(test_fraction > 0.0 && test_fraction < 1.0) {
        return Err(ModelError::InvalidParameter {
            field: "test_fraction",
            value: test_fraction,
            allowed: "a fraction strictly between 0 and 1",
        });
    }
    let n_test = (n_rows as f64 * test_fraction).round() as usize;
    if n_test == 0 || n_test >= n_rows {
        return Err(invalid(
            "test_fraction",
            None,
            format!(
                "{test_fraction} of {n_rows} rows is {n_test} test rows: both the training and the test set \
                 need at least one row"
            ),
        ));
    }
    let mut rng = SplitMix64(seed);
    let mut order: Vec<usize> = (0..n_rows).collect();
    for i in 0..n_test {
        let j = i + rng.below(n_rows - i);
        order.swap(i, j);
    }
    let mut mask = vec![false; n_rows];
    for &row in &order[..n_test] {
        mask[row] = true;
    }
    Ok(mask)
}

/// Lead value = P(convert) x customer LTV per row (`ltv_core::lead_ltv`), `customer_ltv` of length 1
/// (every row) or `p.len()`.
pub(crate) fn lead_values(p: &[f64], customer_ltv: &[f64]) -> Result<Vec<f64>, ModelError> {
    if customer_ltv.len() != 1 && customer_ltv.len() != p.len() {
        return Err(ModelError::LengthMismatch {
            field: "customer_ltv".to_owned(),
            reference: "features".to_owned(),
            expected: p.len(),
            found: customer_ltv.len(),
        });
    }
    p.iter()
        .enumerate()
        .map(|(row, &p)| {
            let ltv = if customer_ltv.len() == 1 { customer_ltv[0] } else { customer_ltv[row] };
            let value = Money::named("customer_ltv", ltv)
                .and_then(|ltv| Ok((ltv, Fraction::named("conversion_rate", p)?)))
                .and_then(|(ltv, p)| lead_ltv(ltv, p));
            value.map_err(|e| invalid("customer_ltv", Some(row), e.to_string()))
        })
        .collect()
}
