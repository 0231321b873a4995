//! The coefficient covariance of a trained scorer, its standard errors, Wald intervals and z tests.
//!
//! **Definition.** Write `theta = (b0, beta)` for the intercept and the coefficients, `X` for the
//! `n x (p + 1)` design (a column of ones, then the standardized numeric values and the category
//! indicators), `p_i` for the fitted probabilities and `W = diag(w_i p_i (1 - p_i))` (`w_i` the sample
//! weights). The penalised negative log-likelihood divided by `C` (in likelihood units),
//! `sum_i w_i logloss_i + ||beta||^2 / (2 C)`, has the Hessian `I(theta) = X'WX + P / C`, with
//! `P = diag(0, 1, ..., 1)` (the intercept is not penalised). The covariance kept on a trained scorer is
//! its inverse at the fitted coefficients,
//!
//! ```text
//! Cov(theta) = (X'WX + P / C)^-1,
//! ```
//!
//! the inverse Hessian of the penalised log-likelihood, the usual "sandwich-free" approximation for an
//! L2-penalised (ridge) logistic regression: the Bayesian (posterior) covariance of the coefficients under
//! a `N(0, C I)` prior on `beta` (flat on `b0`), and, as `C` grows, the textbook maximum-likelihood
//! covariance `(X'WX)^-1` (Hastie, Tibshirani & Friedman, *The Elements of Statistical Learning*, 2nd ed.,
//! §4.4.3). It is not the frequentist sampling covariance of the shrunken estimate, which is the sandwich
//! `I^-1 X'WX I^-1` (le Cessie & van Houwelingen, *Ridge estimators in logistic regression*, Applied
//! Statistics 41, 1992; it is smaller). The intervals and z tests built on it are centred on a shrunken
//! estimate: read them as approximate, the closer to exact the smaller the penalty's share of the
//! curvature (`1 / C` against the diagonal of `X'WX`).
//!
//! **Computation.** Newton's method ends with the Hessian of the objective `C * loss + 0.5 ||beta||^2`
//! at the final coefficients, `H = C X'WX + P` (see [`LeadScorer`](super::LeadScorer)); `I = H / C`.
//! `I` is factorised by Cholesky (`I = L L'`) and inverted as `(L^-1)' L^-1`, symmetric by construction.
//! When `I` is not numerically positive definite (a Cholesky pivot below `1e-12` of its diagonal entry,
//! a variance inflation beyond `1e12`), or its inverse is not a finite positive-definite matrix, there
//! is no covariance (never a NaN, never rounding noise): an error says so ([`no_covariance`]). That
//! happens only where the penalty is too weak for the data: collinear features (a full one-hot encoding
//! with the intercept) with `C` so large that `P / C` is lost in the rounding of `X'WX`, or fitted
//! probabilities of exactly 0 or 1 (`W` vanishes). Separable classes with a weak penalty usually still
//! have a covariance: the coefficients stop growing where `p (1 - p)` is about `1e-35`, and the
//! standard errors come out finite and far larger than the estimates (z near 0).

use crate::error::ModelError;
use crate::optim::newton::cholesky;

/// The standard normal quantile `z_{0.975} = Phi^-1(0.975)` of a two-sided 95 % Wald interval.
const Z_95: f64 = 1.959963984540054;

/// The coefficient covariance kept on a scorer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Covariance {
    /// `(p + 1) x (p + 1)`, row-major, intercept first; finite, exactly symmetric, positive definite.
    Matrix(Vec<f64>),
    /// `X'WX + P / C` was not numerically positive definite at the fit.
    Singular,
    /// Read from a format version 1 model file, which has no covariance.
    NotStored,
}

/// The error for a scorer without a covariance.
pub(crate) fn no_covariance(state: &Covariance) -> ModelError {
    match state {
        Covariance::NotStored => ModelError::InvalidData {
            field: "covariance".to_owned(),
            row: None,
            reason: "the scorer was read from a format version 1 model file, which has no coefficient covariance: \
                     train it again (format version 2 files keep the covariance)"
                .to_owned(),
        },
        _ => ModelError::NoFiniteMaximum {
            reason: "the lead scorer's information matrix X'WX + P/C is not numerically positive definite at the \
                     fitted coefficients (a Cholesky pivot below 1e-12 of its diagonal entry), so there is no \
                     coefficient covariance nor standard errors: with so weak a penalty the data do not pin every \
                     coefficient down (collinear features such as a full one-hot encoding with the intercept, or \
                     separable classes); train with a smaller C",
        },
    }
}

/// The covariance from the Hessian `hessian` (`n x n`, row-major) of the penalised objective
/// `C * loss + 0.5 ||beta||^2` at the fit: `(H / C)^-1` (see the module docs); [`Covariance::Singular`]
/// where it does not exist.
pub(crate) fn from_objective_hessian(hessian: &[f64], n: usize, c: f64) -> Covariance {
    if hessian.len() != n * n {
        return Covariance::Singular;
    }
    let information: Vec<f64> = hessian.iter().map(|h| h / c).collect();
    match spd_inverse(&information, n) {
        Some(inverse) if check(&inverse, n).is_ok() => Covariance::Matrix(inverse),
        _ => Covariance::Singular,
    }
}

/// The smallest Cholesky pivot of the information matrix relative to its diagonal entry,
/// `L_kk^2 / I_kk = 1 - R_k^2` (`R_k^2` of column `k` regressed on the columns before it, in the metric
/// of `I`; its inverse is a variance inflation factor): `1e-12`. Below it the collinearity is no longer
/// resolved by `f64` arithmetic (the pivot is within a few thousand roundings of zero) and the inverse
/// would be noise, so there is no covariance.
const MIN_RELATIVE_PIVOT: f64 = 1e-12;

/// The inverse of a symmetric positive-definite `a` (`n x n`, row-major) by Cholesky, `(L^-1)' L^-1`,
/// exactly symmetric; `None` if `a` is not numerically positive definite (a relative pivot below
/// [`MIN_RELATIVE_PIVOT`]) or the inverse is not finite.
pub(crate) fn spd_inverse(a: &[f64], n: usize) -> Option<Vec<f64>> {
    if !a.iter().all(|v| v.is_finite()) {
        return None;
    }
    let l = cholesky(a, n, 0.0)?;
    // Every entry is finite (checked above) and every pivot finite and > 0 (Cholesky), so no NaN here.
    if (0..n).any(|k| l[k * n + k] * l[k * n + k] < MIN_RELATIVE_PIVOT * a[k * n + k]) {
        return None;
    }
    // m = L^-1, lower triangular, column by column (forward substitution on the unit vectors).
    let mut m = vec![0.0; n * n];
    for j in 0..n {
        m[j * n + j] = 1.0 / l[j * n + j];
        for i in j + 1..n {
            let s: f64 = (j..i).map(|k| l[i * n + k] * m[k * n + j]).sum();
            m[i * n + j] = -s / l[i * n + i];
        }
    }
    // a^-1 = m' m: entry (i, j) = sum over k >= max(i, j) of m[k][i] m[k][j].
    let mut inverse = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = (i..n).map(|k| m[k * n + i] * m[k * n + j]).sum();
            inverse[i * n + j] = s;
            inverse[j * n + i] = s;
        }
    }
    inverse.iter().all(|v| v.is_finite()).then_some(inverse)
}

fn bad(reason: impl Into<String>) -> ModelError {
    ModelError::InvalidData { field: "covariance".to_owned(), row: None, reason: reason.into() }
}

/// Checks a covariance (`n x n`, row-major): finite entries, exactly symmetric, positive definite
/// (Cholesky). Training keeps only a matrix that passes, and a model file's is checked the same way.
pub(crate) fn check(matrix: &[f64], n: usize) -> Result<(), ModelError> {
    if matrix.len() != n * n {
        return Err(bad(format!(
            "got {} entries, expected {n} x {n} (the intercept and one per coefficient)",
            matrix.len()
        )));
    }
    if let Some(&v) = matrix.iter().find(|v| !v.is_finite()) {
        return Err(bad(format!("got {}, expected finite entries", crate::Shown(v))));
    }
    for i in 0..n {
        for j in 0..i {
            if matrix[i * n + j] != matrix[j * n + i] {
                return Err(bad(format!("entries ({i}, {j}) and ({j}, {i}) differ: a covariance is symmetric")));
            }
        }
    }
    if cholesky(matrix, n, 0.0).is_none() {
        return Err(bad("the matrix is not positive definite"));
    }
    Ok(())
}

/// One row of [`LeadScorer::summary`](super::LeadScorer::summary): a coefficient (or the intercept), its
/// standard error, its 95 % Wald interval and its Wald z test of a zero coefficient.
///
/// `std_err = sqrt(Cov[k, k])` of the [covariance](super::LeadScorer::covariance); `lower_95`, `upper_95`
/// `= estimate -/+ 1.959964 std_err` (`Phi^-1(0.975)`); `z = estimate / std_err`; `p_value` the two-sided
/// normal tail `2 (1 - Phi(|z|)) = erfc(|z| / sqrt 2)`, computed as the regularized upper incomplete
/// gamma function `Q(1/2, z^2 / 2)` (so a far tail keeps its relative precision; `0` beyond `|z| ~ 38`,
/// where it is below the smallest `f64`). For a penalised fit the estimate is shrunk towards 0, so the z
/// test is conservative and the interval approximate (see the covariance's definition).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CoefficientEstimate {
    /// `"(intercept)"` for the intercept, else the [coefficient name](super::LeadScorer::coefficient_names).
    pub name: String,
    /// The estimate (the intercept or coefficient).
    pub estimate: f64,
    /// Its standard error, finite and `> 0`.
    pub std_err: f64,
    /// The lower end of the 95 % Wald interval.
    pub lower_95: f64,
    /// The upper end of the 95 % Wald interval.
    pub upper_95: f64,
    /// The Wald statistic `estimate / std_err`.
    pub z: f64,
    /// The two-sided p-value of `z` under the standard normal, in `[0, 1]`.
    pub p_value: f64,
}

/// The name of the intercept's row in [`LeadScorer::summary`](super::LeadScorer::summary) (R's
/// convention, in parentheses so that it cannot be mistaken for a feature column).
pub(crate) const INTERCEPT_NAME: &str = "(intercept)";

/// The two-sided normal p-value of `z`: `Q(1/2, z^2 / 2)`.
fn two_sided_p(z: f64) -> Result<f64, ModelError> {
    let x = 0.5 * z * z;
    if !x.is_finite() || x > 800.0 {
        return Ok(0.0); // erfc(sqrt(800)) = e^-800 / ..., below the smallest f64
    }
    crate::special::distributions::regularized_gamma_upper(0.5, x)
}

/// The summary rows of the estimates `theta` (intercept first) with covariance `matrix`.
pub(crate) fn summary(
    names: Vec<String>,
    theta: &[f64],
    matrix: &[f64],
) -> Result<Vec<CoefficientEstimate>, ModelError> {
    let n = theta.len();
    std::iter::once(INTERCEPT_NAME.to_owned())
        .chain(names)
        .zip(theta)
        .enumerate()
        .map(|(k, (name, &estimate))| {
            let std_err = matrix[k * n + k].sqrt();
            let z = estimate / std_err;
            Ok(CoefficientEstimate {
                name,
                estimate,
                std_err,
                lower_95: estimate - Z_95 * std_err,
                upper_95: estimate + Z_95 * std_err,
                z,
                p_value: two_sided_p(z)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spd_inverse_inverts_and_rejects_an_indefinite_matrix() {
        // [[4, 2, 0], [2, 3, 1], [0, 1, 2]] has determinant 4 (6 - 1) - 2 (4 - 0) = 12.
        let a = [4.0, 2.0, 0.0, 2.0, 3.0, 1.0, 0.0, 1.0, 2.0];
        let inv = spd_inverse(&a, 3).unwrap_or_default();
        // The adjugate over 12: [[5, -4, 2], [-4, 8, -4], [2, -4, 8]] / 12.
        let want = [5.0, -4.0, 2.0, -4.0, 8.0, -4.0, 2.0, -4.0, 8.0].map(|v: f64| v / 12.0);
        assert_eq!(inv.len(), 9);
        for (g, w) in inv.iter().zip(want) {
            assert!((g - w).abs() < 1e-15, "{g} vs {w}");
        }
        assert_eq!(spd_inverse(&[1.0, 2.0, 2.0, 1.0], 2), None);
        assert_eq!(spd_inverse(&[1.0, f64::NAN, f64::NAN, 1.0], 2), None);
        assert!(check(&inv, 3).is_ok());
        assert!(check(&[1.0, 0.5, 0.25, 1.0], 2).is_err());
    }

    #[test]
    fn p_values_are_the_normal_tails() {
        // Phi(-1.959963984540054) = 0.025; 2 (1 - Phi(1)) = 0.3173105078629141 (erfc(1 / sqrt 2)).
        let p = |z: f64| two_sided_p(z).unwrap_or(f64::NAN);
        assert!((p(Z_95) - 0.05).abs() < 1e-15);
        assert!((p(1.0) - 0.317_310_507_862_914_1).abs() < 1e-15);
        assert_eq!(p(0.0), 1.0);
        // erfc(10 / sqrt 2) = 1.523970604832105e-23 (mpmath), to full relative precision.
        assert!((p(-10.0) / 1.523_970_604_832_105e-23 - 1.0).abs() < 1e-12);
        assert_eq!(p(1e200), 0.0);
    }
}
