//! `G(b, c, z) = 2F1(1, b; c; z)` with its gradient and Hessian in `(b, c, z)`, summed in one pass over
//! the power series (the Pareto/NBD likelihood's Euler-transformed hypergeometric term, differentiated in
//! the model's parameters through [`super::jet`]).
//!
//! With `t_k = p_k z^k`, `p_k = prod_{j<k} (b + j) / (c + j)`, `G = sum_k t_k` and
//! `ln t_k = sum_{j<k} ln(b + j) - sum_{j<k} ln(c + j) + k ln z`, so
//! `d t_k / d b = t_k P_k`, `d t_k / d c = -t_k C_k` (`P_k = sum_{j<k} 1 / (b + j)`,
//! `C_k = sum_{j<k} 1 / (c + j)`), `d t_k / d z = k p_k z^(k-1)`, and the second derivatives follow
//! (`d2 ln t_k / d b2 = -sum 1 / (b + j)^2`, `d2 ln t_k / d c2 = sum 1 / (c + j)^2`, no cross terms). All
//! terms of the value are positive. The series stops on [`super::hyp2f1_one`]'s rigorous bound for the
//! value, tightened by `(k + 1)^2 (1 + P_k^2 + C_k^2)` so that the derivative sums (whose terms carry those
//! factors) are complete too; it gives up after [`MAX_TERMS`](super::hyp2f1::MAX_TERMS).

use super::hyp2f1::{MAX_TERMS, SeriesError};

/// The relative precision of the value.
const REL_TOL: f64 = 4.0 * f64::EPSILON;

/// `G(b, c, z)` with its gradient and Hessian in `(b, c, z)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SeriesDerivatives {
    /// `G`.
    pub(crate) value: f64,
    /// `[dG/db, dG/dc, dG/dz]`.
    pub(crate) gradient: [f64; 3],
    /// The Hessian in `(b, c, z)`.
    pub(crate) hessian: [[f64; 3]; 3],
}

/// `2F1(1, b; c; z)` and its derivatives for `0 < b <= c`, `0 <= z < 1` (see the module docs).
///
/// # Errors
/// [`SeriesError::Domain`] outside that domain; [`SeriesError::NotConverged`] after `MAX_TERMS` terms.
pub(crate) fn hyp2f1_one_derivatives(b: f64, c: f64, z: f64) -> Result<SeriesDerivatives, SeriesError> {
    if !(b > 0.0 && c >= b && c.is_finite() && (0.0..1.0).contains(&z)) {
        return Err(SeriesError::Domain);
    }
    let tail_factor = z / (1.0 - z);
    let (mut g, mut gb, mut gc, mut gz) = (1.0, 0.0, 0.0, 0.0);
    let (mut gbb, mut gcc, mut gbc, mut gbz, mut gcz, mut gzz) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    let (mut p, mut pb, mut pc, mut qb, mut qc) = (1.0_f64, 0.0_f64, 0.0_f64, 0.0_f64, 0.0_f64);
    // z^(k-2) and z^(k-1) for the current k (0^0 = 1).
    let (mut z_km2, mut z_km1) = (0.0_f64, 1.0_f64);
    let mut k: u64 = 0;
    loop {
        k += 1;
        if k > MAX_TERMS {
            return Err(SeriesError::NotConverged(MAX_TERMS));
        }
        let kf = k as f64;
        let (ib, ic) = (1.0 / (b + kf - 1.0), 1.0 / (c + kf - 1.0));
        p *= (b + kf - 1.0) * ic;
        pb += ib;
        pc += ic;
        qb += ib * ib;
        qc += ic * ic;
        if k >= 2 {
            z_km2 = if k == 2 { 1.0 } else { z_km2 * z };
            z_km1 *= z;
        }
        let t = p * z_km1 * z;
        let dz = kf * p * z_km1;
        g += t;
        gb += t * pb;
        gc -= t * pc;
        gz += dz;
        gbb += t * (pb * pb - qb);
        gcc += t * (pc * pc + qc);
        gbc -= t * pb * pc;
        gbz += dz * pb;
        gcz -= dz * pc;
        gzz += kf * (kf - 1.0) * p * z_km2;
        if k >= 2 {
            // t_k / z times the factors the derivative terms carry, times the geometric tail bound.
            let weight = (kf + 1.0) * (kf + 1.0) * (1.0 + pb * pb + pc * pc + qb + qc);
            if z == 0.0 || p * z_km1 * weight * tail_factor <= REL_TOL * g {
                break;
            }
        }
    }
    Ok(SeriesDerivatives {
        value: g,
        gradient: [gb, gc, gz],
        hessian: [[gbb, gbc, gbz], [gbc, gcc, gcz], [gbz, gcz, gzz]],
    })
}

#[cfg(test)]
mod tests {
    use super::super::hyp2f1_one;
    use super::*;

    #[test]
    fn value_matches_the_plain_series_and_derivatives_match_finite_differences() -> Result<(), SeriesError> {
        for &(b, c, z) in &[(0.8, 2.9, 0.3), (101.5, 102.9, 0.7), (1.6, 3.0, 0.0), (2.5, 2.6, 0.95)] {
            let d = hyp2f1_one_derivatives(b, c, z)?;
            let plain = hyp2f1_one(b, c, z)?;
            assert!((d.value - plain).abs() <= 1e-14 * plain, "{b} {c} {z}");
            let h = 1e-6;
            let f = |b: f64, c: f64, z: f64| hyp2f1_one(b, c, z);
            let fd = [
                (f(b + h, c, z)? - f(b - h, c, z)?) / (2.0 * h),
                (f(b, c + h, z)? - f(b, c - h, z)?) / (2.0 * h),
                (f(b, c, z + h)? - f(b, c, (z - h).max(0.0))?) / (if z == 0.0 { h } else { 2.0 * h }),
            ];
            for (i, (numeric, exact)) in fd.iter().zip(d.gradient).enumerate() {
                let tol = 1e-6 * exact.abs().max(1.0) * if z == 0.0 && i == 2 { 10.0 } else { 1.0 };
                assert!((numeric - exact).abs() < tol, "{b} {c} {z}: d{i} {numeric} vs {exact}");
            }
            let grad = |b: f64, c: f64, z: f64| hyp2f1_one_derivatives(b, c, z).map(|d| d.gradient);
            let hb = [grad(b + h, c, z)?, grad(b - h, c, z)?];
            let hc = [grad(b, c + h, z)?, grad(b, c - h, z)?];
            for i in 0..3 {
                let (nb, nc) = ((hb[0][i] - hb[1][i]) / (2.0 * h), (hc[0][i] - hc[1][i]) / (2.0 * h));
                assert!((nb - d.hessian[0][i]).abs() < 1e-5 * nb.abs().max(1.0), "{b} {c} {z} H0{i}");
                assert!((nc - d.hessian[1][i]).abs() < 1e-5 * nc.abs().max(1.0), "{b} {c} {z} H1{i}");
            }
            if z > 0.0 {
                let hz = [grad(b, c, z + h)?, grad(b, c, z - h)?];
                let nz = (hz[0][2] - hz[1][2]) / (2.0 * h);
                assert!((nz - d.hessian[2][2]).abs() < 1e-5 * nz.abs().max(1.0), "{b} {c} {z} H22");
            }
        }
        // z = 0: G = 1, dG/dz = b / c, d2G/dz2 = 2 b (b + 1) / (c (c + 1)).
        let d = hyp2f1_one_derivatives(1.5, 4.0, 0.0)?;
        assert_eq!(d.value, 1.0);
        assert!((d.gradient[2] - 1.5 / 4.0).abs() < 1e-15);
        assert!((d.hessian[2][2] - 2.0 * 1.5 * 2.5 / 20.0).abs() < 1e-15);
        assert_eq!(hyp2f1_one_derivatives(2.0, 1.0, 0.5), Err(SeriesError::Domain));
        Ok(())
    }
}
