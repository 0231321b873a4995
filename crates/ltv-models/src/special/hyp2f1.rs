//! The Gaussian hypergeometric function `2F1(1, b; c; z)` by its power series.

/// The most terms the hypergeometric series behind the sBG's DEL / DERL (and the unlimited-horizon tail
/// of [`cohort_ltv`](fn@crate::cohort_ltv)) sums before giving up with
/// [`ModelError::SeriesNotConverged`](crate::ModelError::SeriesNotConverged): `10_000_000` (about 0.1 s;
/// reached only for a discount rate below about `4e-6` a period, where the terms shrink by a factor of
/// only `1 / (1 + d)` each). Exported as `MAX_SERIES_TERMS`.
pub const MAX_TERMS: u64 = 10_000_000;

/// The relative precision [`hyp2f1_one`] sums to: the bound on the tail is below this share of the sum.
const REL_TOL: f64 = 4.0 * f64::EPSILON;

/// Why [`hyp2f1_one`] gave no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SeriesError {
    /// [`MAX_TERMS`] terms were summed without reaching full precision (the count summed).
    NotConverged(u64),
    /// The arguments are outside the series' domain.
    Domain,
}

/// `2F1(1, b; c; z) = sum_{k >= 0} (b)_k / (c)_k z^k` for `0 < b < c` and `0 <= z < 1`.
///
/// The general series has term ratio `(a + k)(b + k) / ((c + k)(k + 1)) z`; with `a = 1` it is
/// `(b + k) / (c + k) z`, which for `b < c` is below `z`. So after the term `t_k` the rest of the series is
/// at most `t_k z / (1 - z)`: the sum stops when that bound is below `REL_TOL` times the partial sum, a
/// rigorous (not heuristic) stopping rule. All terms are positive, so there is no cancellation.
///
/// `c == b` is allowed (the limit `1 / (1 - z)`, reached when `c = b + a` rounds to `b` for an `a` below
/// the spacing of `f64`s near `b`): the ratio is then `z` and the bound still holds.
///
/// # Errors
/// [`SeriesError::NotConverged`] if [`MAX_TERMS`] terms were not enough; [`SeriesError::Domain`] when
/// the arguments are outside `0 < b <= c`, `0 <= z < 1` (a real check, not an assertion: callers
/// validate first, so it is not expected).
pub(crate) fn hyp2f1_one(b: f64, c: f64, z: f64) -> Result<f64, SeriesError> {
    if !(b > 0.0 && c >= b && c.is_finite() && (0.0..1.0).contains(&z)) {
        return Err(SeriesError::Domain);
    }
    let tail_factor = z / (1.0 - z);
    let mut term = 1.0_f64;
    let mut sum = 1.0_f64;
    let mut k = 0.0_f64;
    let mut n: u64 = 0;
    while term * tail_factor > REL_TOL * sum {
        if n >= MAX_TERMS {
            return Err(SeriesError::NotConverged(n));
        }
        term *= (b + k) / (c + k) * z;
        sum += term;
        k += 1.0;
        n += 1;
    }
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_elementary_cases() -> Result<(), SeriesError> {
        // 2F1(1, b; b + 1; z) with b = 1: sum z^k / (k + 1) = -ln(1 - z) / z.
        let z = 0.9;
        let got = hyp2f1_one(1.0, 2.0, z)?;
        let want = -(1.0 - z).ln() / z;
        assert!((got - want).abs() < 1e-13 * want, "{got} vs {want}");
        // z = 0 gives 1.
        assert!((hyp2f1_one(2.5, 3.5, 0.0)? - 1.0).abs() < f64::EPSILON);
        // 2F1(1, 1; 1 + eps; z) -> 1 / (1 - z) as c -> b.
        let got = hyp2f1_one(1.0, 1.0 + 1e-12, 0.5)?;
        assert!((got - 2.0).abs() < 1e-9);
        Ok(())
    }

    #[test]
    fn gives_up_when_too_slow() {
        assert_eq!(hyp2f1_one(1.0, 1.5, 1.0 - 1e-9), Err(SeriesError::NotConverged(MAX_TERMS)));
    }

    #[test]
    fn out_of_domain_is_an_error_not_an_assertion() {
        assert_eq!(hyp2f1_one(2.0, 1.0, 0.5), Err(SeriesError::Domain));
        assert_eq!(hyp2f1_one(0.0, 1.0, 0.5), Err(SeriesError::Domain));
        assert_eq!(hyp2f1_one(1.0, 2.0, 1.0), Err(SeriesError::Domain));
        assert_eq!(hyp2f1_one(1.0, f64::NAN, 0.5), Err(SeriesError::Domain));
        // c rounds to b: the geometric limit 1 / (1 - z).
        assert!((hyp2f1_one(1.0, 1.0, 0.5).unwrap_or(0.0) - 2.0).abs() < 1e-15);
    }
}
