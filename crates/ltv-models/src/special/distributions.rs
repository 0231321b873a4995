//! The Gamma and Beta distributions of the purchase models' heterogeneity (the transaction rate
//! `lambda ~ Gamma(r, alpha)`, the dropout probability `p ~ Beta(a, b)`): their log densities and their
//! quantiles, for the heterogeneity plots.
//!
//! The regularized incomplete gamma function `P(a, x)` is its power series for `x < a + 1` and the Legendre
//! continued fraction of `Q(a, x)` otherwise (Press, Teukolsky, Vetterling & Flannery 2007, *Numerical
//! Recipes*, 3rd ed., §6.2, eqs. 6.2.5 and 6.2.7, the latter by the modified Lentz method of §5.2); the
//! regularized incomplete beta function `I_x(a, b)` is its continued fraction (ibid. §6.4, eq. 6.4.5), on
//! the side `x < (a + 1) / (a + b + 2)` where it converges fast, by the symmetry `I_x(a, b) = 1 - I_{1-x}(b, a)`
//! otherwise. Each loop stops at [`MAX_TERMS`] terms (an error, never a silent value); the quantiles bisect a
//! bracket at most [`MAX_BISECTIONS`] times.

use super::gamma::{ln_beta, ln_gamma};
use crate::error::ModelError;

/// The most terms of a series or continued fraction (`sqrt(1e8)`-order terms suffice for shapes up to `1e8`).
pub const MAX_TERMS: usize = 100_000;
/// The most bisection steps of a quantile (the bracket halves each step: 200 reach any `f64`).
pub const MAX_BISECTIONS: usize = 400;
/// Shapes and rates accepted: `[1e-8, 1e8]`, the fitted parameters' range.
const MIN_PARAMETER: f64 = 1e-8;
const MAX_PARAMETER: f64 = 1e8;
const EPS: f64 = 1e-16;
const TINY: f64 = 1e-300;

fn check_parameter(field: &'static str, value: f64) -> Result<(), ModelError> {
    if (MIN_PARAMETER..=MAX_PARAMETER).contains(&value) {
        Ok(())
    } else {
        Err(ModelError::InvalidParameter { field, value, allowed: "a number in [1e-8, 1e8]" })
    }
}

fn check_probability(q: f64) -> Result<(), ModelError> {
    if q > 0.0 && q < 1.0 {
        Ok(())
    } else {
        Err(ModelError::InvalidParameter { field: "q", value: q, allowed: "a probability in (0, 1)" })
    }
}

fn not_converged(quantity: &'static str, field: &'static str, value: f64) -> ModelError {
    ModelError::NotComputable { quantity, field, value, reason: "the series did not converge within MAX_TERMS terms" }
}

fn finite(quantity: &'static str, field: &'static str, value: f64, out: f64) -> Result<f64, ModelError> {
    if out.is_finite() {
        Ok(out)
    } else {
        Err(ModelError::NotComputable { quantity, field, value, reason: "the density is infinite at this point" })
    }
}

/// `ln` of the Gamma density with shape `shape` and rate `rate` at `x >= 0`:
/// `shape ln(rate) - ln Γ(shape) + (shape - 1) ln x - rate x`.
///
/// ```
/// // Gamma(1, 2) is the exponential with rate 2: density 2 e^(-2x).
/// let v = ltv_models::gamma_ln_density(0.5, 1.0, 2.0)?;
/// assert!((v - (2.0_f64.ln() - 1.0)).abs() < 1e-13); // ln Γ(1) by ln_gamma, within 1e-14
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// [`ModelError::InvalidParameter`] for `shape` or `rate` outside `[1e-8, 1e8]` or `x` not a finite number
/// `>= 0`; [`ModelError::NotComputable`] where the density is infinite (`x = 0` with `shape < 1`).
pub fn gamma_ln_density(x: f64, shape: f64, rate: f64) -> Result<f64, ModelError> {
    check_parameter("shape", shape)?;
    check_parameter("rate", rate)?;
    if !(x.is_finite() && x >= 0.0) {
        return Err(ModelError::InvalidParameter { field: "x", value: x, allowed: "a finite number >= 0" });
    }
    let quantity = "gamma_density";
    if x == 0.0 {
        return if shape == 1.0 {
            Ok(rate.ln())
        } else if shape > 1.0 {
            Ok(f64::MIN)
        } else {
            finite(quantity, "x", x, f64::INFINITY)
        };
    }
    finite(quantity, "x", x, shape * rate.ln() - ln_gamma(shape) + (shape - 1.0) * x.ln() - rate * x)
}

/// `ln` of the Beta density with shapes `a`, `b` at `x` in `[0, 1]`:
/// `(a - 1) ln x + (b - 1) ln(1 - x) - ln B(a, b)`.
///
/// ```
/// // Beta(2, 1) has density 2x.
/// let v = ltv_models::beta_ln_density(0.25, 2.0, 1.0)?;
/// assert!((v - 0.5_f64.ln()).abs() < 1e-13); // ln B(2, 1) by ln_gamma, within 1e-14
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// [`ModelError::InvalidParameter`] for `a` or `b` outside `[1e-8, 1e8]` or `x` outside `[0, 1]`;
/// [`ModelError::NotComputable`] where the density is infinite (`x = 0` with `a < 1`, `x = 1` with `b < 1`).
pub fn beta_ln_density(x: f64, a: f64, b: f64) -> Result<f64, ModelError> {
    check_parameter("a", a)?;
    check_parameter("b", b)?;
    if !(0.0..=1.0).contains(&x) {
        return Err(ModelError::InvalidParameter { field: "x", value: x, allowed: "a probability in [0, 1]" });
    }
    let edge = |shape: f64| {
        if shape == 1.0 {
            Ok(0.0)
        } else if shape > 1.0 {
            Ok(f64::MIN)
        } else {
            Err(())
        }
    };
    let quantity = "beta_density";
    let left = if x == 0.0 { edge(a) } else { Ok((a - 1.0) * x.ln()) };
    let right = if x == 1.0 { edge(b) } else { Ok((b - 1.0) * (-x).ln_1p()) };
    match (left, right) {
        (Ok(l), Ok(r)) => finite(quantity, "x", x, (l + r - ln_beta(a, b)).max(f64::MIN)),
        _ => finite(quantity, "x", x, f64::INFINITY),
    }
}

/// The regularized lower incomplete gamma function `P(a, x)` (Numerical Recipes §6.2).
pub(crate) fn regularized_gamma(a: f64, x: f64) -> Result<f64, ModelError> {
    if x <= 0.0 {
        return Ok(0.0);
    }
    let ln_front = a * x.ln() - x - ln_gamma(a);
    if x < a + 1.0 {
        return gamma_series(a, x, ln_front);
    }
    Ok((1.0 - gamma_fraction(a, x, ln_front)?).max(0.0))
}

/// The regularized upper incomplete gamma function `Q(a, x) = 1 - P(a, x)`, computed directly (not as
/// `1 - P`) where it is small, so that a far tail keeps its relative precision (Numerical Recipes §6.2).
pub(crate) fn regularized_gamma_upper(a: f64, x: f64) -> Result<f64, ModelError> {
    if x <= 0.0 {
        return Ok(1.0);
    }
    let ln_front = a * x.ln() - x - ln_gamma(a);
    if x < a + 1.0 {
        return Ok((1.0 - gamma_series(a, x, ln_front)?).max(0.0));
    }
    gamma_fraction(a, x, ln_front)
}

/// eq. 6.2.5: `P = e^-x x^a / Γ(a + 1) sum_n x^n / ((a + 1)...(a + n))`, for `x < a + 1`.
fn gamma_series(a: f64, x: f64, ln_front: f64) -> Result<f64, ModelError> {
    let (mut ap, mut term) = (a, 1.0 / a);
    let mut sum = term;
    for _ in 0..MAX_TERMS {
        ap += 1.0;
        term *= x / ap;
        sum += term;
        if term.abs() < sum.abs() * EPS {
            return Ok((sum.ln() + ln_front).exp().min(1.0));
        }
    }
    Err(not_converged("regularized_gamma", "x", x))
}

/// eq. 6.2.7: `Q` by the continued fraction (modified Lentz), for `x >= a + 1`.
fn gamma_fraction(a: f64, x: f64, ln_front: f64) -> Result<f64, ModelError> {
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / TINY;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..=MAX_TERMS {
        let an = -(i as f64) * (i as f64 - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < TINY {
            d = TINY;
        }
        c = b + an / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < EPS {
            return Ok((ln_front + h.ln()).exp().min(1.0));
        }
    }
    Err(not_converged("regularized_gamma", "x", x))
}

/// The continued fraction of `I_x(a, b)` (Numerical Recipes §6.4, eq. 6.4.5, modified Lentz).
fn beta_fraction(x: f64, a: f64, b: f64) -> Result<f64, ModelError> {
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=MAX_TERMS {
        let m = m as f64;
        let m2 = 2.0 * m;
        for aa in [m * (b - m) * x / ((qam + m2) * (a + m2)), -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))] {
            d = 1.0 + aa * d;
            if d.abs() < TINY {
                d = TINY;
            }
            c = 1.0 + aa / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            h *= d * c;
        }
        if (d * c - 1.0).abs() < EPS {
            return Ok(h);
        }
    }
    Err(not_converged("regularized_beta", "x", x))
}

/// The regularized incomplete beta function `I_x(a, b)` (Numerical Recipes §6.4).
pub(crate) fn regularized_beta(x: f64, a: f64, b: f64) -> Result<f64, ModelError> {
    if x <= 0.0 {
        return Ok(0.0);
    }
    if x >= 1.0 {
        return Ok(1.0);
    }
    let ln_front = a * x.ln() + b * (-x).ln_1p() - ln_beta(a, b);
    if x < (a + 1.0) / (a + b + 2.0) {
        Ok(((ln_front).exp() * beta_fraction(x, a, b)? / a).clamp(0.0, 1.0))
    } else {
        Ok((1.0 - ln_front.exp() * beta_fraction(1.0 - x, b, a)? / b).clamp(0.0, 1.0))
    }
}

/// Bisects `cdf(x) = q` on `[lo, hi]` (`cdf(lo) <= q <= cdf(hi)`) at most [`MAX_BISECTIONS`] times.
fn bisect(mut lo: f64, mut hi: f64, q: f64, cdf: impl Fn(f64) -> Result<f64, ModelError>) -> Result<f64, ModelError> {
    for _ in 0..MAX_BISECTIONS {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if cdf(mid)? < q {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(0.5 * (lo + hi))
}

/// The `q` quantile of the Gamma distribution with shape `shape` and rate `rate`: the `x` with
/// `P(shape, rate x) = q`, by bisection on a bracket grown from the mean by doubling (both capped).
///
/// ```
/// // Gamma(1, 1) is the unit exponential: its median is ln 2.
/// let m = ltv_models::gamma_quantile(0.5, 1.0, 1.0)?;
/// assert!((m - 2.0_f64.ln()).abs() < 1e-14);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// [`ModelError::InvalidParameter`] for `shape` or `rate` outside `[1e-8, 1e8]` or `q` not in `(0, 1)`;
/// [`ModelError::NotComputable`] when the bracket cannot be found or a series does not converge.
pub fn gamma_quantile(q: f64, shape: f64, rate: f64) -> Result<f64, ModelError> {
    check_parameter("shape", shape)?;
    check_parameter("rate", rate)?;
    check_probability(q)?;
    // In units of 1 / rate: bracket [0, hi] with P(shape, hi) >= q.
    let mut hi = shape + 10.0 * shape.sqrt() + 10.0;
    let mut doublings = 0;
    while regularized_gamma(shape, hi)? < q {
        hi *= 2.0;
        doublings += 1;
        if doublings > 1100 || !hi.is_finite() {
            return Err(ModelError::NotComputable {
                quantity: "gamma_quantile",
                field: "q",
                value: q,
                reason: "no finite upper bracket for the quantile",
            });
        }
    }
    Ok(bisect(0.0, hi, q, |x| regularized_gamma(shape, x))? / rate)
}

/// The `q` quantile of the Beta distribution with shapes `a`, `b`: the `x` in `[0, 1]` with `I_x(a, b) = q`,
/// by bisection.
///
/// ```
/// // Beta(2, 1) has CDF x^2: its median is sqrt(1/2).
/// let m = ltv_models::beta_quantile(0.5, 2.0, 1.0)?;
/// assert!((m - 0.5_f64.sqrt()).abs() < 1e-14);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// [`ModelError::InvalidParameter`] for `a` or `b` outside `[1e-8, 1e8]` or `q` not in `(0, 1)`;
/// [`ModelError::NotComputable`] when a continued fraction does not converge.
pub fn beta_quantile(q: f64, a: f64, b: f64) -> Result<f64, ModelError> {
    check_parameter("a", a)?;
    check_parameter("b", b)?;
    check_probability(q)?;
    bisect(0.0, 1.0, q, |x| regularized_beta(x, a, b))
}
