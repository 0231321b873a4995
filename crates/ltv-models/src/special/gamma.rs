//! `ln Γ(x)`, `ln B(a, b)` and the digamma function `ψ(x) = d ln Γ(x) / dx`, for finite `x > 0`.
//!
//! Both `ln Γ` and `ψ` use the same method: the recurrence `Γ(x + 1) = x Γ(x)` (`ψ(x + 1) = ψ(x) + 1 / x`)
//! moves `x` up to at least [`SHIFT`] = 15, where the asymptotic (Stirling) series converges to full
//! precision after eight terms:
//!
//! - `ln Γ(x) = (x - 1/2) ln x - x + ln(2π)/2 + sum_{k=1}^{8} B_{2k} / (2k (2k - 1) x^{2k - 1})`
//!   (Abramowitz & Stegun 1964, 6.1.41);
//! - `ψ(x) = ln x - 1 / (2x) - sum_{k=1}^{8} B_{2k} / (2k x^{2k})` (Abramowitz & Stegun 1964, 6.3.18),
//!
//! with `B_{2k}` the Bernoulli numbers. For `x >= 15` the first omitted term is below `3.3e-20` (relative to
//! a value `>= 25`), so the truncation error is far below rounding, and the error is rounding alone. For
//! `x >= 15` that is within `1e-15` relative. Below 15, `ln Γ(x) = ln Γ(x + n) - ln(x (x + 1) ... (x + n - 1))`
//! subtracts two numbers of size about 25, so the error is within `1e-14` *absolute* (about `4e-15`
//! at `x = 1` and `x = 2`, where `ln Γ` is 0): ample for log-likelihoods, which sum such terms. `ψ` is
//! within `1e-14` absolute (or relative, whichever is larger). The tests check both against exact values.
//!
//! Reference: M. Abramowitz and I. A. Stegun (1964), *Handbook of Mathematical Functions*, National
//! Bureau of Standards, §6.1 and §6.3.

/// Below this, the recurrence moves the argument up first.
const SHIFT: f64 = 15.0;

/// `ln(2π) / 2`.
const HALF_LN_TWO_PI: f64 = 0.918_938_533_204_672_8;

/// `B_{2k} / (2k (2k - 1))` for `k = 1..=8`: the Stirling series of `ln Γ`.
const LN_GAMMA_SERIES: [f64; 8] = [
    1.0 / 12.0,
    -1.0 / 360.0,
    1.0 / 1260.0,
    -1.0 / 1680.0,
    1.0 / 1188.0,
    -691.0 / 360_360.0,
    1.0 / 156.0,
    -3617.0 / 122_400.0,
];

/// `B_{2k} / (2k)` for `k = 1..=8`: the asymptotic series of `ψ`.
const DIGAMMA_SERIES: [f64; 8] =
    [1.0 / 12.0, -1.0 / 120.0, 1.0 / 252.0, -1.0 / 240.0, 1.0 / 132.0, -691.0 / 32_760.0, 1.0 / 12.0, -3617.0 / 8160.0];

/// `B_{2k}` for `k = 1..=8`: the asymptotic series of the trigamma function `ψ1`.
const TRIGAMMA_SERIES: [f64; 8] =
    [1.0 / 6.0, -1.0 / 30.0, 1.0 / 42.0, -1.0 / 30.0, 5.0 / 66.0, -691.0 / 2730.0, 7.0 / 6.0, -3617.0 / 510.0];

/// `sum_k c_k y^k` for `k = 0..` by Horner's rule.
fn horner(coefficients: &[f64], y: f64) -> f64 {
    coefficients.iter().rev().fold(0.0, |acc, &c| acc * y + c)
}

/// `ln Γ(x)` for finite `x > 0` (NaN otherwise; callers check their parameters first).
pub(crate) fn ln_gamma(x: f64) -> f64 {
    if !(x > 0.0 && x.is_finite()) {
        return f64::NAN;
    }
    // ln Γ(x) = ln Γ(x + n) - ln(x (x + 1) ... (x + n - 1)).
    let mut z = x;
    let mut product = 1.0;
    while z < SHIFT {
        product *= z;
        z += 1.0;
    }
    let inv = 1.0 / z;
    let series = inv * horner(&LN_GAMMA_SERIES, inv * inv);
    (z - 0.5) * z.ln() - z + HALF_LN_TWO_PI + series - product.ln()
}

/// `ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b)` for finite `a, b > 0`.
pub(crate) fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// `ln Γ(x + a) - ln Γ(x)` for `x >= 15` and `a > 0`, without the cancellation of two large `ln Γ`:
/// by Stirling's series, `(x - 1/2) ln(1 + a / x) + a ln(x + a) - a + c(x + a) - c(x)` with `c` the
/// series' correction terms. Every term is of the size of the result, so it is accurate to a few ulps of
/// `a ln(x + a)` (the sBG's survival at large `t`).
pub(crate) fn ln_gamma_shift(x: f64, a: f64) -> f64 {
    let correction = |y: f64| {
        let inv = 1.0 / y;
        inv * horner(&LN_GAMMA_SERIES, inv * inv)
    };
    (x - 0.5) * (a / x).ln_1p() + a * (x + a).ln() - a + (correction(x + a) - correction(x))
}

/// The digamma function `ψ(x) = Γ'(x) / Γ(x)` for finite `x > 0` (NaN otherwise).
pub(crate) fn digamma(x: f64) -> f64 {
    if !(x > 0.0 && x.is_finite()) {
        return f64::NAN;
    }
    // ψ(x) = ψ(x + n) - sum_{k<n} 1 / (x + k).
    let mut z = x;
    let mut shift = 0.0;
    while z < SHIFT {
        shift += 1.0 / z;
        z += 1.0;
    }
    let inv2 = 1.0 / (z * z);
    z.ln() - 0.5 / z - inv2 * horner(&DIGAMMA_SERIES, inv2) - shift
}

/// The trigamma function `ψ1(x) = d ψ(x) / dx` for finite `x > 0` (NaN otherwise): the recurrence
/// `ψ1(x) = ψ1(x + 1) + 1 / x^2` up to `x >= 15`, then `ψ1(x) = 1 / x + 1 / (2 x^2) + sum_{k=1}^{8} B_{2k} / x^{2k + 1}`
/// (Abramowitz & Stegun 1964, 6.4.12); within `1e-14` relative.
pub(crate) fn trigamma(x: f64) -> f64 {
    if !(x > 0.0 && x.is_finite()) {
        return f64::NAN;
    }
    let mut z = x;
    let mut shift = 0.0;
    while z < SHIFT {
        shift += 1.0 / (z * z);
        z += 1.0;
    }
    let inv = 1.0 / z;
    let inv2 = inv * inv;
    inv + 0.5 * inv2 + inv * inv2 * horner(&TRIGAMMA_SERIES, inv2) + shift
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Euler–Mascheroni constant.
    const EULER_GAMMA: f64 = 0.577_215_664_901_532_9;

    fn close(got: f64, want: f64, rel: f64) -> bool {
        (got - want).abs() <= rel * want.abs().max(1.0)
    }

    #[test]
    fn ln_gamma_shift_matches_ln_gamma() {
        // Small x: the difference of two ln Γ is accurate enough to compare with.
        for &(x, a) in &[(15.0, 0.5), (20.0, 1.0), (30.5, 3.25), (50.0, 100.0)] {
            let want = ln_gamma(x + a) - ln_gamma(x);
            let got = ln_gamma_shift(x, a);
            assert!(close(got, want, 1e-13), "shift({x}, {a}) = {got}, want {want}");
        }
        // Large x, whole a: ln Γ(x + k) - ln Γ(x) = ln(x (x + 1) ... (x + k - 1)) exactly.
        for &x in &[1e3, 1e6, 2.5e9, 4.3e9 + 0.7] {
            let got = ln_gamma_shift(x, 1.0);
            assert!(close(got, x.ln(), 1e-15), "shift({x}, 1) = {got}");
            let got = ln_gamma_shift(x, 3.0);
            let want = x.ln() + (x + 1.0).ln() + (x + 2.0).ln();
            assert!(close(got, want, 1e-15), "shift({x}, 3) = {got}, want {want}");
        }
    }

    #[test]
    fn ln_gamma_matches_factorials_and_half_integers() {
        let mut factorial = 1.0_f64;
        for n in 1..=60_u32 {
            // Γ(n) = (n - 1)!
            let got = ln_gamma(f64::from(n));
            assert!(close(got, factorial.ln(), 1e-14), "ln Γ({n}) = {got}, want {}", factorial.ln());
            factorial *= f64::from(n);
        }
        // Γ(1/2) = sqrt(π), Γ(3/2) = sqrt(π) / 2, Γ(5/2) = 3 sqrt(π) / 4.
        let half = 0.5 * std::f64::consts::PI.ln();
        assert!(close(ln_gamma(0.5), half, 1e-14));
        assert!(close(ln_gamma(1.5), half - 2.0_f64.ln(), 1e-14));
        assert!(close(ln_gamma(2.5), half + 0.75_f64.ln(), 1e-14));
        // Beyond the shift, relative accuracy: ln Γ(1000) against ln 999! as a sum of logs.
        let ln_999_factorial: f64 = (1..1000).map(|k| f64::from(k).ln()).sum();
        assert!(close(ln_gamma(1000.0), ln_999_factorial, 1e-14));
        // Near 0, Γ(x) ~ 1/x - γ: ln Γ(x) = -ln x - γ x + O(x^2).
        let x = 1e-10;
        assert!(close(ln_gamma(x), -x.ln() - EULER_GAMMA * x, 1e-15));
        assert!(ln_gamma(0.0).is_nan() && ln_gamma(-1.0).is_nan() && ln_gamma(f64::INFINITY).is_nan());
    }

    #[test]
    fn ln_gamma_obeys_the_recurrence() {
        for i in 1..400 {
            let x = f64::from(i) * 0.137;
            let lhs = ln_gamma(x + 1.0) - ln_gamma(x);
            assert!((lhs - x.ln()).abs() < 2e-14 * ln_gamma(x + 1.0).abs().max(1.0), "x = {x}");
        }
    }

    #[test]
    fn ln_beta_matches_closed_forms() {
        // B(1, b) = 1 / b; B(a, b) = (a - 1)! (b - 1)! / (a + b - 1)!.
        assert!(close(ln_beta(1.0, 4.0), -(4.0_f64.ln()), 2e-14));
        assert!(close(ln_beta(3.0, 4.0), (2.0_f64 * 6.0 / 720.0).ln(), 2e-14));
        // B(1/2, 1/2) = π.
        assert!(close(ln_beta(0.5, 0.5), std::f64::consts::PI.ln(), 2e-14));
    }

    #[test]
    fn digamma_matches_exact_values() {
        // ψ(1) = -γ, ψ(1/2) = -γ - 2 ln 2, ψ(n + 1) = ψ(n) + 1 / n.
        assert!(close(digamma(1.0), -EULER_GAMMA, 1e-14));
        assert!(close(digamma(0.5), -EULER_GAMMA - 2.0 * 2.0_f64.ln(), 1e-14));
        let mut harmonic = 0.0;
        for n in 1..=100_u32 {
            let got = digamma(f64::from(n) + 1.0);
            harmonic += 1.0 / f64::from(n);
            assert!(close(got, harmonic - EULER_GAMMA, 1e-14), "ψ({}) = {got}", n + 1);
        }
        // ψ is the derivative of ln Γ (central differences, step 1e-5: error ~1e-10).
        for x in [0.3, 1.7, 8.0, 23.5, 140.0] {
            let h = 1e-5;
            let numeric = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert!((numeric - digamma(x)).abs() < 1e-8, "x = {x}");
        }
        assert!(digamma(0.0).is_nan());
    }

    #[test]
    fn trigamma_matches_exact_values() {
        // ψ1(1) = π^2 / 6, ψ1(1/2) = π^2 / 2, ψ1(n + 1) = ψ1(n) - 1 / n^2.
        let pi2 = std::f64::consts::PI * std::f64::consts::PI;
        assert!(close(trigamma(1.0), pi2 / 6.0, 1e-14));
        assert!(close(trigamma(0.5), pi2 / 2.0, 1e-14));
        let mut value = pi2 / 6.0;
        for n in 1..=100_u32 {
            value -= 1.0 / f64::from(n * n);
            assert!((trigamma(f64::from(n) + 1.0) - value).abs() < 1e-14 * value.max(1e-3), "n = {n}");
        }
        for x in [0.3, 1.7, 8.0, 23.5, 140.0] {
            let h = 1e-5;
            let numeric = (digamma(x + h) - digamma(x - h)) / (2.0 * h);
            assert!((numeric - trigamma(x)).abs() < 1e-8 * trigamma(x).max(1.0), "x = {x}");
        }
        assert!(trigamma(-1.0).is_nan());
    }
}
