//! Second-order forward-mode differentiation in `N` variables: a [`Jet`] carries a value with its exact
//! gradient and Hessian, and the arithmetic below propagates all three by the chain rule.
//!
//! **Why our own and not `num-dual`**: `num-dual`'s multi-variable second-order type (`Dual2Vec`) needs
//! its `nalgebra` feature (nalgebra, simba, approx: a large build for 4 variables), and its scalar
//! hyper-dual numbers need one evaluation per Hessian entry (10 for 4 parameters). The purchase models
//! need a handful of operations (`+ - * /`, `ln`, `exp`, `ln Γ`, log-sum-exp and the composition with a
//! function whose own derivatives are known, such as the hypergeometric series), so a `[f64; N]` gradient
//! and `[[f64; N]; N]` Hessian with those rules is about 150 lines, allocation-free and `Copy`.
//!
//! [`Scalar`] is implemented by `f64` (value only) and by [`Jet`], so one likelihood body serves the
//! optimizer's cheap value evaluations and its derivative evaluations.

use std::ops::{Add, Div, Mul, Neg, Sub};

use super::gamma::{digamma, ln_gamma, trigamma};

/// A value with its gradient and Hessian in `N` variables.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Jet<const N: usize> {
    /// The value.
    pub(crate) v: f64,
    /// The gradient.
    pub(crate) g: [f64; N],
    /// The Hessian (symmetric).
    pub(crate) h: [[f64; N]; N],
}

impl<const N: usize> Jet<N> {
    /// The `i`-th independent variable at `value`.
    pub(crate) fn var(value: f64, i: usize) -> Self {
        let mut j = Self::cst(value);
        j.g[i] = 1.0;
        j
    }

    /// A constant.
    pub(crate) fn cst(value: f64) -> Self {
        Self { v: value, g: [0.0; N], h: [[0.0; N]; N] }
    }

    /// `f(self)` for a function of one variable with `f(v) = f0`, `f'(v) = f1`, `f''(v) = f2`.
    #[inline]
    pub(crate) fn map(self, f0: f64, f1: f64, f2: f64) -> Self {
        let mut out = Self::cst(f0);
        for i in 0..N {
            out.g[i] = f1 * self.g[i];
            for j in 0..N {
                out.h[i][j] = f1 * self.h[i][j] + f2 * self.g[i] * self.g[j];
            }
        }
        out
    }

    /// `f(u_1, ..., u_M)` for a function of `M` variables with value `f0`, gradient `d` and Hessian `d2`
    /// at the values of `inner`.
    pub(crate) fn compose<const M: usize>(f0: f64, d: &[f64; M], d2: &[[f64; M]; M], inner: &[Self; M]) -> Self {
        let mut out = Self::cst(f0);
        for i in 0..N {
            out.g[i] = (0..M).map(|u| d[u] * inner[u].g[i]).sum();
            for j in 0..N {
                let mut h = 0.0;
                for u in 0..M {
                    h += d[u] * inner[u].h[i][j];
                    for w in 0..M {
                        h += d2[u][w] * inner[u].g[i] * inner[w].g[j];
                    }
                }
                out.h[i][j] = h;
            }
        }
        out
    }
}

impl<const N: usize> Add for Jet<N> {
    type Output = Self;
    #[inline]
    fn add(mut self, o: Self) -> Self {
        self.v += o.v;
        for i in 0..N {
            self.g[i] += o.g[i];
            for j in 0..N {
                self.h[i][j] += o.h[i][j];
            }
        }
        self
    }
}

impl<const N: usize> Sub for Jet<N> {
    type Output = Self;
    #[inline]
    fn sub(self, o: Self) -> Self {
        self + (-o)
    }
}

impl<const N: usize> Neg for Jet<N> {
    type Output = Self;
    #[inline]
    fn neg(mut self) -> Self {
        self.v = -self.v;
        self.g.iter_mut().for_each(|x| *x = -*x);
        self.h.iter_mut().flatten().for_each(|x| *x = -*x);
        self
    }
}

impl<const N: usize> Mul for Jet<N> {
    type Output = Self;
    #[inline]
    fn mul(self, o: Self) -> Self {
        let mut out = Self::cst(self.v * o.v);
        for i in 0..N {
            out.g[i] = self.v * o.g[i] + o.v * self.g[i];
            for j in 0..N {
                out.h[i][j] = self.v * o.h[i][j] + o.v * self.h[i][j] + self.g[i] * o.g[j] + o.g[i] * self.g[j];
            }
        }
        out
    }
}

impl<const N: usize> Div for Jet<N> {
    type Output = Self;
    #[inline]
    fn div(self, o: Self) -> Self {
        let inv = 1.0 / o.v;
        self * o.map(inv, -inv * inv, 2.0 * inv * inv * inv)
    }
}

/// The arithmetic a likelihood needs, for `f64` (values) and [`Jet`] (values with derivatives).
pub(crate) trait Scalar:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self> + Neg<Output = Self>
{
    /// The value.
    fn val(&self) -> f64;
    /// A constant.
    fn cst(value: f64) -> Self;
    /// `self + c` for a constant `c`.
    fn add_c(self, c: f64) -> Self;
    /// `c * self` for a constant `c`.
    fn scale(self, c: f64) -> Self;
    /// Natural logarithm.
    fn ln(self) -> Self;
    /// Exponential.
    fn exp(self) -> Self;
    /// `ln Γ(self)` (for `self > 0`).
    fn ln_gamma(self) -> Self;
    /// A function of three variables with known value, gradient and Hessian, at `inner`.
    fn compose3(f0: f64, d: &[f64; 3], d2: &[[f64; 3]; 3], inner: &[Self; 3]) -> Self;
    /// Whether `compose3` uses `d` and `d2` (false for plain values: callers may skip computing them).
    const DERIVATIVES: bool;
}

impl Scalar for f64 {
    fn val(&self) -> f64 {
        *self
    }
    fn cst(value: f64) -> Self {
        value
    }
    fn add_c(self, c: f64) -> Self {
        self + c
    }
    fn scale(self, c: f64) -> Self {
        c * self
    }
    fn ln(self) -> Self {
        f64::ln(self)
    }
    fn exp(self) -> Self {
        f64::exp(self)
    }
    fn ln_gamma(self) -> Self {
        ln_gamma(self)
    }
    fn compose3(f0: f64, _: &[f64; 3], _: &[[f64; 3]; 3], _: &[Self; 3]) -> Self {
        f0
    }
    const DERIVATIVES: bool = false;
}

impl<const N: usize> Scalar for Jet<N> {
    fn val(&self) -> f64 {
        self.v
    }
    fn cst(value: f64) -> Self {
        Jet::cst(value)
    }
    fn add_c(mut self, c: f64) -> Self {
        self.v += c;
        self
    }
    fn scale(mut self, c: f64) -> Self {
        self.v *= c;
        self.g.iter_mut().for_each(|x| *x *= c);
        self.h.iter_mut().flatten().for_each(|x| *x *= c);
        self
    }
    fn ln(self) -> Self {
        let inv = 1.0 / self.v;
        self.map(self.v.ln(), inv, -inv * inv)
    }
    fn exp(self) -> Self {
        let e = self.v.exp();
        self.map(e, e, e)
    }
    fn ln_gamma(self) -> Self {
        self.map(ln_gamma(self.v), digamma(self.v), trigamma(self.v))
    }
    fn compose3(f0: f64, d: &[f64; 3], d2: &[[f64; 3]; 3], inner: &[Self; 3]) -> Self {
        Jet::compose(f0, d, d2, inner)
    }
    const DERIVATIVES: bool = true;
}

/// `ln(e^a + e^b)` without overflow.
pub(crate) fn log_add_exp<S: Scalar>(a: S, b: S) -> S {
    let m = a.val().max(b.val());
    if m == f64::NEG_INFINITY {
        return a;
    }
    ((a.add_c(-m)).exp() + (b.add_c(-m)).exp()).ln().add_c(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `f(x, y) = ln Γ(x) y + exp(x / y) - ln(x y) + ln(e^x + e^{2y})`, generic.
    fn f<S: Scalar>(x: S, y: S) -> S {
        x.ln_gamma() * y + (x / y).exp() - (x * y).ln() + log_add_exp(x, y.scale(2.0))
    }

    #[test]
    fn derivatives_match_finite_differences() {
        let (x0, y0) = (1.7, 0.6);
        let j = f(Jet::<2>::var(x0, 0), Jet::<2>::var(y0, 1));
        assert!((j.v - f(x0, y0)).abs() < 1e-15);
        let h = 1e-5;
        let fx = (f(x0 + h, y0) - f(x0 - h, y0)) / (2.0 * h);
        let fy = (f(x0, y0 + h) - f(x0, y0 - h)) / (2.0 * h);
        assert!((fx - j.g[0]).abs() < 1e-7 * fx.abs() && (fy - j.g[1]).abs() < 1e-7 * fy.abs(), "{fx} {fy} {j:?}");
        let grad = |x: f64, y: f64| f(Jet::<2>::var(x, 0), Jet::<2>::var(y, 1)).g;
        let hxx = (grad(x0 + h, y0)[0] - grad(x0 - h, y0)[0]) / (2.0 * h);
        let hxy = (grad(x0, y0 + h)[0] - grad(x0, y0 - h)[0]) / (2.0 * h);
        let hyy = (grad(x0, y0 + h)[1] - grad(x0, y0 - h)[1]) / (2.0 * h);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-7 * a.abs();
        assert!(close(hxx, j.h[0][0]) && close(hxy, j.h[0][1]) && close(hyy, j.h[1][1]), "{hxx} {hxy} {hyy} {j:?}");
        assert_eq!(j.h[0][1], j.h[1][0]);
    }
}
