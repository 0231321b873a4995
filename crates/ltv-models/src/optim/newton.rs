//! Newton's method with a backtracking (Armijo) line search, `n`-dimensional, and the Cholesky solve.
//!
//! Two drivers share the linear algebra:
//!
//! - [`maximize`]: for log-likelihoods in transformed parameters (see [`super::transform`]). Where the
//!   Hessian is not negative definite it is shifted until it is (Levenberg–Marquardt style, by an upper
//!   bound of its largest eigenvalue: exact for 2 x 2, Gershgorin's bound beyond), steps are capped at
//!   `max_step` in every coordinate, a step out of the search box reports [`Status::Diverged`] (the
//!   maximum is at `0` or infinity in that parameter), and the run ends on a Newton step below `step_tol`
//!   on a negative-definite Hessian;
//! - [`minimize`]: for strictly convex objectives (the lead scorer's penalised log loss, IRLS): Cholesky
//!   with Levenberg damping only if the Hessian is numerically singular, until the largest gradient
//!   component is `tolerance` times its starting value, then one polishing step.
//!
//! 2 x 2 systems are solved in closed form (Cramer's rule), larger ones by Cholesky ([`cholesky_solve`]).

use super::{Derivatives, Objective, Outcome, Status, max_abs};

/// The Cholesky factor `L` (lower triangular, row-major `n x n`, `L L' = A + shift I`) of a symmetric
/// `A` (row-major `n x n`, only the lower triangle is read); `None` if `A + shift I` is not numerically
/// positive definite (a pivot that is not a finite number `> 0`).
pub(crate) fn cholesky(a: &[f64], n: usize, shift: f64) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let mut sum = a[i * n + j] + if i == j { shift } else { 0.0 };
            for k in 0..j {
                sum -= l[i * n + k] * l[j * n + k];
            }
            if i == j {
                if !(sum > 0.0 && sum.is_finite()) {
                    return None;
                }
                l[i * n + i] = sum.sqrt();
            } else {
                l[i * n + j] = sum / l[j * n + j];
            }
        }
    }
    Some(l)
}

/// Solves `(A + shift I) x = b` for a symmetric positive-definite `A` (row-major `n x n`) by Cholesky;
/// `None` if `A + shift I` is not numerically positive definite or the solution is not finite.
pub(crate) fn cholesky_solve(a: &[f64], b: &[f64], shift: f64) -> Option<Vec<f64>> {
    let n = b.len();
    let l = cholesky(a, n, shift)?;
    let mut x = b.to_vec();
    for i in 0..n {
        let s: f64 = (0..i).map(|k| l[i * n + k] * x[k]).sum();
        x[i] = (x[i] - s) / l[i * n + i];
    }
    for i in (0..n).rev() {
        let s: f64 = (i + 1..n).map(|k| l[k * n + i] * x[k]).sum();
        x[i] = (x[i] - s) / l[i * n + i];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// The options of [`maximize`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct MaximizeOptions {
    /// The most iterations.
    pub(crate) max_iterations: u32,
    /// The largest step in any coordinate.
    pub(crate) max_step: f64,
    /// A Newton step on a negative-definite Hessian below this in every coordinate ends the run.
    pub(crate) step_tol: f64,
    /// Below this share of `1 + |f|`, the squared Newton decrement is at the resolution of `f`: Newton
    /// steps are taken without a line search.
    pub(crate) decrement_tol: f64,
    /// When the line search fails, the run has converged if the largest gradient component is at most this.
    pub(crate) gradient_tol: f64,
    /// The search box `|x_i| <= bound`; a step beyond it ends the run as [`Status::Diverged`].
    pub(crate) bound: f64,
}

impl MaximizeOptions {
    /// The defaults (100 iterations, steps of at most 3, step tolerance `1e-9`, decrement tolerance
    /// `1e-10`) with the given gradient tolerance and box.
    pub(crate) fn new(gradient_tol: f64, bound: f64) -> Self {
        Self { max_iterations: 100, max_step: 3.0, step_tol: 1e-9, decrement_tol: 1e-10, gradient_tol, bound }
    }
}

/// Writes the ascent direction `-H~^-1 g` into `step`, for the Hessian `h` shifted to be negative definite
/// where it is not; returns whether no shift was needed, or `None` if the shifted system cannot be solved.
#[inline]
fn ascent_direction(g: &[f64], h: &[f64], step: &mut [f64]) -> Option<bool> {
    let n = g.len();
    if n == 2 {
        let (a, b, c) = (h[0], h[1], h[3]);
        let pure = a < 0.0 && a * c - b * b > 0.0;
        let shift = if pure {
            0.0
        } else {
            let largest = 0.5 * (a + c) + (0.25 * (a - c) * (a - c) + b * b).sqrt();
            largest.max(0.0) + (1e-3 * (a.abs() + c.abs())).max(1e-8)
        };
        let (a, c) = (a - shift, c - shift);
        let det = a * c - b * b;
        step[0] = -(c * g[0] - b * g[1]) / det;
        step[1] = -(a * g[1] - b * g[0]) / det;
        return Some(pure);
    }
    // Solve (-H + shift I) s = g: s is the ascent step.
    let minus_h: Vec<f64> = h.iter().map(|v| -v).collect();
    if let Some(solution) = cholesky_solve(&minus_h, g, 0.0) {
        step.copy_from_slice(&solution);
        return Some(true);
    }
    let (mut largest, mut scale) = (f64::NEG_INFINITY, 0.0_f64);
    for i in 0..n {
        let off: f64 = (0..n).filter(|&j| j != i).map(|j| h[i * n + j].abs()).sum();
        largest = largest.max(h[i * n + i] + off);
        scale += h[i * n + i].abs();
    }
    // Levenberg–Marquardt: the smallest shift (from 1e-6 of the mean diagonal, by factors of 10) that makes
    // -H + shift I positive definite keeps the step close to Newton's in the well-curved directions;
    // Gershgorin's bound (always enough, but often far too large: tiny steps) is the last resort.
    let mut trial = (1e-6 * scale / n as f64).max(1e-12);
    while trial < largest.max(0.0) {
        if let Some(solution) = cholesky_solve(&minus_h, g, trial) {
            step.copy_from_slice(&solution);
            return Some(false);
        }
        trial *= 10.0;
    }
    let shift = largest.max(0.0) + (1e-3 * scale).max(1e-8);
    let solution = cholesky_solve(&minus_h, g, shift)?;
    step.copy_from_slice(&solution);
    Some(false)
}

/// Maximises `f` from `start` (see the module docs); `f.value` is `-inf` outside its domain. Allocates
/// its buffers once; the iterations allocate nothing for up to two parameters.
pub(crate) fn maximize<O: Objective + ?Sized>(f: &O, start: Vec<f64>, options: &MaximizeOptions) -> Outcome {
    let n = start.len();
    let mut x = start;
    let mut d = Derivatives::with_dim(n);
    // The derivatives at the full step's point, taken during the line search: when the full step is
    // accepted (the usual case near the optimum) they are the next iteration's, and one evaluation of `f`
    // per iteration is saved.
    let mut at_candidate = Derivatives::with_dim(n);
    let mut have_derivatives = false;
    let mut step = vec![0.0; n];
    let mut candidate = vec![0.0; n];
    let stalled = |x: Vec<f64>, iterations| Outcome { x, iterations, status: Status::Stalled };
    for iteration in 1..=options.max_iterations {
        if !have_derivatives {
            f.derivatives(&x, &mut d);
        }
        have_derivatives = false;
        let (g, h) = (&d.gradient, &d.hessian);
        if h.len() != n * n || !(g.iter().all(|v| v.is_finite()) && h.iter().all(|v| v.is_finite())) {
            return stalled(x, iteration);
        }
        let Some(pure) = ascent_direction(g, h, &mut step) else {
            return stalled(x, iteration);
        };
        let largest = max_abs(&step);
        if !largest.is_finite() {
            return stalled(x, iteration);
        }
        if largest > options.max_step {
            let scale = options.max_step / largest;
            step.iter_mut().for_each(|s| *s *= scale);
        }
        for ((c, xi), si) in candidate.iter_mut().zip(&x).zip(&step) {
            *c = xi + si;
        }
        if candidate.iter().any(|v| v.abs() > options.bound) {
            return Outcome { x: candidate, iterations: iteration, status: Status::Diverged };
        }
        if pure && largest < options.step_tol {
            return Outcome { x: candidate, iterations: iteration, status: Status::Converged };
        }
        // `slope` is the squared Newton decrement: twice the gain the quadratic model predicts. Once that
        // is below what `f` itself can resolve, a line search cannot tell better from worse, but the exact
        // gradient still can: take full Newton steps (quadratic convergence) until the step is below
        // `step_tol`.
        let slope = g.iter().zip(&step).fold(0.0, |acc, (gi, si)| acc + gi * si);
        if pure && slope <= options.decrement_tol * (1.0 + d.value.abs()) {
            std::mem::swap(&mut x, &mut candidate);
            continue;
        }
        // Backtracking line search (Armijo, with strict increase).
        let mut t = 1.0;
        let mut accepted = false;
        for trial in 0..40 {
            for ((c, xi), si) in candidate.iter_mut().zip(&x).zip(&step) {
                *c = xi + t * si;
            }
            let value = if trial == 0 {
                f.derivatives(&candidate, &mut at_candidate);
                at_candidate.value
            } else {
                f.value(&candidate)
            };
            if value > d.value && value >= d.value + 1e-4 * t * slope {
                accepted = true;
                have_derivatives = trial == 0;
                break;
            }
            t *= 0.5;
        }
        if accepted {
            std::mem::swap(&mut x, &mut candidate);
            if have_derivatives {
                std::mem::swap(&mut d, &mut at_candidate);
            }
        } else {
            // No progress possible at this precision: converged if the gradient has vanished.
            let status = if max_abs(g) <= options.gradient_tol { Status::Converged } else { Status::Stalled };
            return Outcome { x, iterations: iteration, status };
        }
    }
    stalled(x, options.max_iterations)
}

/// The Newton direction `-H^-1 g`, with Levenberg damping if `H` is not numerically positive definite;
/// `None` if even damping does not make it factorisable.
fn descent_direction(d: &Derivatives) -> Option<Vec<f64>> {
    let h = &d.hessian;
    let n = d.gradient.len();
    if h.len() != n * n {
        return None;
    }
    let minus_g: Vec<f64> = d.gradient.iter().map(|g| -g).collect();
    let max_diag = (0..n).fold(0.0_f64, |m, i| m.max(h[i * n + i].abs())).max(1.0);
    let mut shift = 0.0;
    for attempt in 0..12 {
        if let Some(direction) = cholesky_solve(h, &minus_g, shift) {
            return Some(direction);
        }
        shift = max_diag * 1e-12 * 100_f64.powi(attempt);
    }
    None
}

/// The Hessian cannot be factorised, even with damping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Singular;

/// Minimises a strictly convex `f` from `start` until the largest gradient component is at most
/// `tolerance` times its value at `start` (see the module docs); returns the outcome and the derivatives
/// at its point.
pub(crate) fn minimize<O: Objective + ?Sized>(
    f: &O,
    start: Vec<f64>,
    tolerance: f64,
    max_iterations: u32,
) -> Result<(Outcome, Derivatives), Singular> {
    let mut x = start;
    let mut eval = Derivatives::default();
    let mut next = Derivatives::default();
    f.derivatives(&x, &mut eval);
    let threshold = tolerance * max_abs(&eval.gradient);
    let mut iterations = 0_u32;
    let mut converged = max_abs(&eval.gradient) <= threshold;
    while !converged && iterations < max_iterations {
        let direction = descent_direction(&eval).ok_or(Singular)?;
        let slope: f64 = eval.gradient.iter().zip(&direction).map(|(g, d)| g * d).sum();
        let slack = 1e-14 * eval.value.abs();
        let mut step = 1.0;
        let mut accepted = None;
        for _ in 0..60 {
            let candidate: Vec<f64> = x.iter().zip(&direction).map(|(t, d)| t + step * d).collect();
            f.derivatives(&candidate, &mut next);
            if next.value <= eval.value + 1e-4 * step * slope + slack {
                accepted = Some(candidate);
                break;
            }
            step *= 0.5;
        }
        let Some(candidate) = accepted else {
            break;
        };
        x = candidate;
        std::mem::swap(&mut eval, &mut next);
        iterations += 1;
        converged = max_abs(&eval.gradient) <= threshold;
    }
    if converged && iterations > 0 {
        // Polish: Newton converges quadratically, so one more full step takes a gradient at the tolerance
        // down to rounding level. Kept only if it lowers the gradient.
        let direction = descent_direction(&eval).ok_or(Singular)?;
        let candidate: Vec<f64> = x.iter().zip(&direction).map(|(t, d)| t + d).collect();
        f.derivatives(&candidate, &mut next);
        if max_abs(&next.gradient) < max_abs(&eval.gradient) && next.value <= eval.value + 1e-14 * eval.value.abs() {
            x = candidate;
            std::mem::swap(&mut eval, &mut next);
            iterations += 1;
        }
    }
    let status = if converged { Status::Converged } else { Status::Stalled };
    Ok((Outcome { x, iterations, status }, eval))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `f(x) = -sum_i w_i (x_i - c_i)^2 - (x_0 x_1 - 1)^2 / 4`, a smooth 3- or 4-dimensional test function.
    struct Bowl(Vec<f64>);

    impl Objective for Bowl {
        fn dim(&self) -> usize {
            self.0.len()
        }
        fn value(&self, x: &[f64]) -> f64 {
            let r = x[0] * x[1] - 1.0;
            -x.iter().zip(&self.0).enumerate().map(|(i, (xi, ci))| (i + 1) as f64 * (xi - ci).powi(2)).sum::<f64>()
                - 0.25 * r * r
        }
        fn derivatives(&self, x: &[f64], out: &mut Derivatives) {
            let n = x.len();
            let r = x[0] * x[1] - 1.0;
            let mut gradient: Vec<f64> =
                x.iter().zip(&self.0).enumerate().map(|(i, (xi, ci))| -2.0 * (i + 1) as f64 * (xi - ci)).collect();
            gradient[0] -= 0.5 * r * x[1];
            gradient[1] -= 0.5 * r * x[0];
            let mut h = vec![0.0; n * n];
            for i in 0..n {
                h[i * n + i] = -2.0 * (i + 1) as f64;
            }
            h[0] -= 0.5 * x[1] * x[1];
            h[n + 1] -= 0.5 * x[0] * x[0];
            h[1] -= 0.5 * (2.0 * x[0] * x[1] - 1.0);
            h[n] = h[1];
            out.set(self.value(x), &gradient, &h);
        }
    }

    #[test]
    fn cholesky_solves_a_spd_system() -> Result<(), &'static str> {
        let a = [4.0, 2.0, 0.4, 2.0, 5.0, 1.0, 0.4, 1.0, 3.0];
        let x = cholesky_solve(&a, &[1.0, 2.0, 3.0], 0.0).ok_or("not spd")?;
        for i in 0..3 {
            let ax: f64 = (0..3).map(|j| a[i * 3 + j] * x[j]).sum();
            assert!((ax - [1.0, 2.0, 3.0][i]).abs() < 1e-14);
        }
        assert_eq!(cholesky_solve(&[1.0, 2.0, 2.0, 1.0], &[1.0, 1.0], 0.0), None);
        Ok(())
    }

    #[test]
    fn maximize_and_minimize_find_the_same_optimum_in_3_and_4_dimensions() -> Result<(), Singular> {
        for centre in [vec![0.5, 1.5, -0.3], vec![2.0, -1.0, 0.7, 0.2]] {
            let f = Bowl(centre.clone());
            let options = MaximizeOptions::new(1e-10, 50.0);
            let up = maximize(&f, vec![-3.0; centre.len()], &options);
            assert_eq!(up.status, Status::Converged);
            let mut at = Derivatives::default();
            f.derivatives(&up.x, &mut at);
            let g = at.gradient;
            assert!(max_abs(&g) < 1e-10, "{g:?}");

            struct Negated<'a>(&'a Bowl);
            impl Objective for Negated<'_> {
                fn dim(&self) -> usize {
                    self.0.dim()
                }
                fn value(&self, x: &[f64]) -> f64 {
                    -self.0.value(x)
                }
                fn derivatives(&self, x: &[f64], out: &mut Derivatives) {
                    self.0.derivatives(x, out);
                    out.value = -out.value;
                    out.gradient.iter_mut().chain(out.hessian.iter_mut()).for_each(|v| *v = -*v);
                }
            }
            let (down, _) = minimize(&Negated(&f), vec![-3.0; centre.len()], 1e-12, 100)?;
            assert_eq!(down.status, Status::Converged);
            for (a, b) in up.x.iter().zip(&down.x) {
                assert!((a - b).abs() < 1e-9, "{:?} vs {:?}", up.x, down.x);
            }
        }
        Ok(())
    }

    #[test]
    fn maximize_reports_divergence_out_of_the_box() {
        // f(x) = x_0 + x_1 + x_2 - exp(-x_0): increases without bound.
        struct Ramp;
        impl Objective for Ramp {
            fn dim(&self) -> usize {
                3
            }
            fn value(&self, x: &[f64]) -> f64 {
                x.iter().sum::<f64>() - (-x[0]).exp() - 1e-3 * (x[1] * x[1] + x[2] * x[2])
            }
            fn derivatives(&self, x: &[f64], out: &mut Derivatives) {
                let gradient = [1.0 + (-x[0]).exp(), 1.0 - 2e-3 * x[1], 1.0 - 2e-3 * x[2]];
                let hessian = [-(-x[0]).exp(), 0.0, 0.0, 0.0, -2e-3, 0.0, 0.0, 0.0, -2e-3];
                out.set(self.value(x), &gradient, &hessian);
            }
        }
        let out = maximize(&Ramp, vec![0.0; 3], &MaximizeOptions::new(1e-10, 25.0));
        assert_eq!(out.status, Status::Diverged);
    }
}
