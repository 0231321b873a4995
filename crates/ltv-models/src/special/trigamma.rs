//! The trigamma function `ψ'(x) = d² ln Γ(x) / dx²` for finite `x > 0` (the Hessians of the purchase
//! models' likelihoods, through [`super::jet`]).
//!
//! As for `ψ` in [`super::gamma`]: the recurrence `ψ'(x) = ψ'(x + 1) + 1 / x²` moves `x` up to at least
//! 15, where the asymptotic series `ψ'(x) = 1/x + 1/(2x²) + sum_{k=1}^{8} B_{2k} / x^{2k+1}` (Abramowitz &
//! Stegun 1964, 6.4.12) is summed; its first omitted term is below `1e-19` relative there. The shifted sum
//! has only positive terms, so the result is within a few ulps (the tests check `1e-14` relative).

/// Below this, the recurrence moves the argument up first.
const SHIFT: f64 = 15.0;

/// `B_{2k}` for `k = 1..=8`.
const BERNOULLI: [f64; 8] =
    [1.0 / 6.0, -1.0 / 30.0, 1.0 / 42.0, -1.0 / 30.0, 5.0 / 66.0, -691.0 / 2730.0, 7.0 / 6.0, -3617.0 / 510.0];

/// `ψ'(x)` for finite `x > 0` (NaN otherwise; callers check their parameters first).
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
    let series = BERNOULLI.iter().rev().fold(0.0, |acc, &b| acc * inv2 + b);
    shift + inv + 0.5 * inv2 + inv * inv2 * series
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_exact_values() {
        // ψ'(1) = π² / 6, ψ'(1/2) = π² / 2, ψ'(n + 1) = ψ'(n) - 1 / n².
        let pi2 = std::f64::consts::PI * std::f64::consts::PI;
        assert!((trigamma(1.0) - pi2 / 6.0).abs() < 1e-14 * pi2);
        assert!((trigamma(0.5) - pi2 / 2.0).abs() < 1e-14 * pi2);
        let mut want = pi2 / 6.0;
        for n in 1..200_u32 {
            want -= 1.0 / f64::from(n * n);
            let got = trigamma(f64::from(n) + 1.0);
            assert!((got - want).abs() < 1e-14 * want.max(1e-3) + 1e-16, "ψ'({}) = {got}, want {want}", n + 1);
        }
        // Near 0, ψ'(x) ~ 1 / x².
        assert!((trigamma(1e-8) * 1e-16 - 1.0).abs() < 1e-7);
        assert!(trigamma(0.0).is_nan());
    }
}
