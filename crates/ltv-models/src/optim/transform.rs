//! The log transform of positive parameters, and the search box around it.
//!
//! Likelihoods of positive parameters `p` (sBG's `alpha`, `beta`; BG/NBD's `r`, `alpha`, `a`, `b`) are
//! maximised over `x = ln p`: the domain becomes all of `R^n`, steps are relative, and the curvature is
//! closer to quadratic. [`LogParams`] turns an objective in `p` (with gradient and Hessian in `p`) into the
//! same objective in `x`, by the chain rule; outside the box `|x_i| <= bound` its value is `-inf`.

use super::{Derivatives, Objective};

/// `|ln p|` beyond this (about `7e10` or `1.4e-11`): the parameter is running away to infinity or zero.
pub(crate) const LOG_BOUND: f64 = 25.0;

/// An objective in positive parameters `p`, seen in `x = ln p` (see the module docs).
pub(crate) struct LogParams<'a, O: ?Sized> {
    /// The objective in `p`.
    pub(crate) inner: &'a O,
    /// The box `|x_i| <= bound`.
    pub(crate) bound: f64,
}

impl<'a, O: Objective + ?Sized> LogParams<'a, O> {
    /// The objective `inner` in log parameters, within [`LOG_BOUND`].
    pub(crate) fn new(inner: &'a O) -> Self {
        Self { inner, bound: LOG_BOUND }
    }

    /// Whether `x` is inside the search box.
    pub(crate) fn inside(&self, x: &[f64]) -> bool {
        x.iter().all(|v| v.abs() <= self.bound)
    }
}

/// Up to this many parameters, `p = exp(x)` lives on the stack.
const STACK: usize = 8;

/// Calls `f` with `p = exp(x)`, entry by entry (on the stack for up to [`STACK`] parameters).
#[inline]
fn with_exp<R>(x: &[f64], f: impl FnOnce(&[f64]) -> R) -> R {
    if x.len() <= STACK {
        let mut buffer = [0.0; STACK];
        for (p, v) in buffer.iter_mut().zip(x) {
            *p = v.exp();
        }
        f(&buffer[..x.len()])
    } else {
        let p: Vec<f64> = x.iter().map(|v| v.exp()).collect();
        f(&p)
    }
}

impl<O: Objective + ?Sized> Objective for LogParams<'_, O> {
    fn dim(&self) -> usize {
        self.inner.dim()
    }

    #[inline]
    fn value(&self, x: &[f64]) -> f64 {
        if self.inside(x) { with_exp(x, |p| self.inner.value(p)) } else { f64::NEG_INFINITY }
    }

    /// The chain rule: `d/dx_i = p_i d/dp_i`, `d2/dx_i dx_j = p_i p_j d2/dp_i dp_j + [i = j] p_i d/dp_i`,
    /// in place on the inner objective's derivatives.
    #[inline]
    fn derivatives(&self, x: &[f64], out: &mut Derivatives) {
        with_exp(x, |p| {
            let n = p.len();
            self.inner.derivatives(p, out);
            for (g, pi) in out.gradient.iter_mut().zip(p) {
                *g *= pi;
            }
            if out.hessian.len() == n * n {
                for i in 0..n {
                    for j in 0..n {
                        let v = p[i] * p[j] * out.hessian[i * n + j];
                        out.hessian[i * n + j] = if i == j { v + out.gradient[i] } else { v };
                    }
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `f(p) = -(p0 - 2)^2 - (p0 p1 - 3)^2`, with exact derivatives.
    struct Quadratic;

    impl Objective for Quadratic {
        fn dim(&self) -> usize {
            2
        }
        fn value(&self, p: &[f64]) -> f64 {
            -(p[0] - 2.0).powi(2) - (p[0] * p[1] - 3.0).powi(2)
        }
        fn derivatives(&self, p: &[f64], out: &mut Derivatives) {
            let r = p[0] * p[1] - 3.0;
            let gradient = [-2.0 * (p[0] - 2.0) - 2.0 * r * p[1], -2.0 * r * p[0]];
            let h01 = -2.0 * p[0] * p[1] - 2.0 * r;
            out.set(self.value(p), &gradient, &[-2.0 - 2.0 * p[1] * p[1], h01, h01, -2.0 * p[0] * p[0]]);
        }
    }

    #[test]
    fn chain_rule_matches_finite_differences() {
        let f = LogParams::new(&Quadratic);
        let x = [0.3, -0.4];
        let grad_at = |x: &[f64]| {
            let mut d = Derivatives::default();
            f.derivatives(x, &mut d);
            d
        };
        let d = grad_at(&x);
        let h = 1e-6;
        for i in 0..2 {
            let mut up = x;
            let mut down = x;
            up[i] += h;
            down[i] -= h;
            let g = (f.value(&up) - f.value(&down)) / (2.0 * h);
            assert!((g - d.gradient[i]).abs() < 1e-7, "gradient {i}");
            let (gu, gd) = (grad_at(&up).gradient, grad_at(&down).gradient);
            let hess = d.hessian[i * 2 + (1 - i)];
            assert!(((gu[1 - i] - gd[1 - i]) / (2.0 * h) - hess).abs() < 1e-6, "hessian {i}");
        }
        assert_eq!(f.value(&[26.0, 0.0]), f64::NEG_INFINITY);
    }
}
