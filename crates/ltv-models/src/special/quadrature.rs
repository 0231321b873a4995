//! Adaptive Gauss–Kronrod quadrature (7-point Gauss, 15-point Kronrod) of smooth positive integrands on a
//! finite interval: the Pareto/NBD's `P(X(t) = n)` and its discounted expected residual transactions,
//! whose closed forms are sums of alternating hypergeometric terms (cancellation) or confluent
//! hypergeometric functions at small arguments (slow continued fractions).
//!
//! The global adaptive strategy of QUADPACK's QAG (R. Piessens, E. de Doncker-Kapenga, C. W. Überhuber
//! and D. K. Kahaner (1983), *QUADPACK*, Springer): the interval with the largest error estimate
//! `|K15 - G7|` is bisected until the sum of the estimates is below the relative tolerance, or
//! [`MAX_INTERVALS`] intervals are in use. The node and weight constants are QUADPACK's `qk15`; the tests
//! check that the Kronrod rule integrates polynomials of degree 22 exactly and the Gauss rule degree 13.

/// The most subintervals of one integral.
pub(crate) const MAX_INTERVALS: usize = 2000;

/// Kronrod nodes (positive half, the last is 0).
const XGK: [f64; 8] = [
    0.991_455_371_120_812_6,
    0.949_107_912_342_758_5,
    0.864_864_423_359_769_1,
    0.741_531_185_599_394_4,
    0.586_087_235_467_691_1,
    0.405_845_151_377_397_2,
    0.207_784_955_007_898_5,
    0.0,
];
/// Kronrod weights.
const WGK: [f64; 8] = [
    0.022_935_322_010_529_22,
    0.063_092_092_629_978_55,
    0.104_790_010_322_250_18,
    0.140_653_259_715_525_92,
    0.169_004_726_639_267_9,
    0.190_350_578_064_785_4,
    0.204_432_940_075_298_9,
    0.209_482_141_084_727_83,
];
/// Gauss weights for the nodes `XGK[1], XGK[3], XGK[5]` and 0.
const WG: [f64; 4] =
    [0.129_484_966_168_869_7, 0.279_705_391_489_276_7, 0.381_830_050_505_118_9, 0.417_959_183_673_469_4];

/// The integral did not reach the tolerance within [`MAX_INTERVALS`] subintervals, or the integrand
/// was not finite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct QuadratureError;

/// The 15-point Kronrod estimate on `[a, b]` and its error estimate `|K15 - G7|`.
fn kronrod(f: &impl Fn(f64) -> f64, a: f64, b: f64) -> (f64, f64) {
    let (centre, half) = (0.5 * (a + b), 0.5 * (b - a));
    let f0 = f(centre);
    let (mut k, mut g) = (WGK[7] * f0, WG[3] * f0);
    for i in 0..7 {
        let d = half * XGK[i];
        let pair = f(centre - d) + f(centre + d);
        k += WGK[i] * pair;
        if i % 2 == 1 {
            g += WG[i / 2] * pair;
        }
    }
    (k * half, ((k - g) * half).abs())
}

/// `∫_a^b f` for a smooth `f >= 0` on finite `a <= b`, to `rel_tol` relative (see the module docs).
///
/// # Errors
/// [`QuadratureError`] when the estimate is not finite or the tolerance is not met within
/// [`MAX_INTERVALS`] subintervals.
pub(crate) fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64, rel_tol: f64) -> Result<f64, QuadratureError> {
    if !(a.is_finite() && b.is_finite() && a <= b) {
        return Err(QuadratureError);
    }
    if a == b {
        return Ok(0.0);
    }
    let first = kronrod(&f, a, b);
    let mut intervals = vec![(a, b, first.0, first.1)];
    loop {
        let (total, error) = intervals.iter().fold((0.0, 0.0), |(t, e), iv| (t + iv.2, e + iv.3));
        if !(total.is_finite() && error.is_finite()) {
            return Err(QuadratureError);
        }
        if error <= rel_tol * total.abs() || error <= f64::MIN_POSITIVE {
            // Sum in order of position for a result independent of the bisection order's rounding.
            intervals.sort_by(|x, y| x.0.total_cmp(&y.0));
            return Ok(intervals.iter().map(|iv| iv.2).sum());
        }
        if intervals.len() >= MAX_INTERVALS {
            return Err(QuadratureError);
        }
        let worst = intervals.iter().enumerate().fold(0, |w, (i, iv)| if iv.3 > intervals[w].3 { i } else { w });
        let (lo, hi, _, _) = intervals.swap_remove(worst);
        let mid = 0.5 * (lo + hi);
        if !(lo < mid && mid < hi) {
            // The interval cannot be split further in f64: keep its estimate as the best there is.
            let (value, _) = kronrod(&f, lo, hi);
            intervals.push((lo, hi, value, 0.0));
            continue;
        }
        let left = kronrod(&f, lo, mid);
        let right = kronrod(&f, mid, hi);
        intervals.push((lo, mid, left.0, left.1));
        intervals.push((mid, hi, right.0, right.1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_exact_for_polynomials() {
        for degree in 0..=22 {
            let (k, _) = kronrod(&|x: f64| x.powi(degree), -1.0, 1.0);
            let want = if degree % 2 == 0 { 2.0 / f64::from(degree + 1) } else { 0.0 };
            assert!((k - want).abs() < 1e-15, "K15, degree {degree}");
        }
        for degree in 0..=13 {
            let f = |x: f64| x.powi(degree);
            let mut g = WG[3] * f(0.0);
            for i in 0..3 {
                g += WG[i] * (f(XGK[2 * i + 1]) + f(-XGK[2 * i + 1]));
            }
            let want = if degree % 2 == 0 { 2.0 / f64::from(degree + 1) } else { 0.0 };
            assert!((g - want).abs() < 1e-15, "G7, degree {degree}");
        }
    }

    #[test]
    fn adapts_to_peaks_and_endpoint_behaviour() -> Result<(), QuadratureError> {
        // ∫_0^1 sqrt(x) = 2/3; ∫_0^100 e^{-x} = 1 - e^{-100}; ∫_0^1 1e-4 / (1e-8 + (x - 0.3)^2) ~ peak.
        assert!((integrate(f64::sqrt, 0.0, 1.0, 1e-13)? - 2.0 / 3.0).abs() < 1e-12);
        assert!((integrate(|x| (-x).exp(), 0.0, 100.0, 1e-14)? - 1.0).abs() < 1e-13);
        let eps: f64 = 1e-4;
        let want = ((0.7 / eps).atan() + (0.3 / eps).atan()) / eps;
        let got = integrate(|x| 1.0 / (eps * eps + (x - 0.3) * (x - 0.3)), 0.0, 1.0, 1e-13)?;
        assert!((got - want).abs() < 1e-12 * want, "{got} vs {want}");
        assert_eq!(integrate(|_| f64::NAN, 0.0, 1.0, 1e-10), Err(QuadratureError));
        Ok(())
    }
}
