//! The numerics shared by BG/NBD and MBG/NBD ("beta-geometric" dropout on Poisson purchasing): the
//! log-likelihood with its exact gradient and Hessian, the fit, and the new-customer predictions.
//!
//! Both models have purchases at rate `lambda ~ Gamma(r, alpha)` while alive and a dropout coin
//! `p ~ Beta(a, b)` flipped after each repeat purchase (BG/NBD) or also right after the first purchase
//! (MBG/NBD). `shift` is the number of extra flips: `0` for BG/NBD, `1` for MBG/NBD. With `k = shift`
//! the log-likelihood of one customer `(x, t_x, T)` is, in the stable form of Hardie's note 027
//! (log-sum-exp of the two terms of Fader, Hardie & Lee 2005, eq. 6),
//!
//! `ln Γ(r + x) - ln Γ(r) + r ln alpha + ln B(a, b + x + k) - ln B(a, b) - (r + x) ln(alpha + T)
//!  + [x + k > 0] softplus(u)`, `u = ln a - ln(b + x + k - 1) + (r + x) ln((alpha + T) / (alpha + t_x))`,
//!
//! with `softplus(u) = ln(1 + e^u)` computed without overflow. The terms in `x` alone are summed once per
//! distinct `x` (with the digamma and trigamma functions for the derivatives), the rest once per distinct
//! row `(x, t_x, T)` (identical rows are merged into weights), in parallel chunks for large data.

use rayon::prelude::*;

use super::data::{FastMap, Merged, MergedRow, PurchaseHistories, merge};
use super::options::PurchaseFitOptions;
use crate::error::ModelError;
use crate::fit::standard_errors;
use crate::optim::newton::{MaximizeOptions, cholesky_solve, maximize};
use crate::optim::transform::{LOG_BOUND, LogParams};
use crate::optim::{Derivatives, Objective, Status, nelder_mead};
use crate::special::gamma::{digamma, ln_gamma, trigamma};

/// The most terms a prediction's series sums before giving up with [`ModelError::NotComputable`].
pub(crate) const MAX_SERIES_TERMS: u64 = 10_000_000;

/// The relative precision the series are summed to.
const REL_TOL: f64 = 4.0 * f64::EPSILON;

/// Distinct rows of the subsample whose fit starts a fit to more than twice as many.
const SUBSAMPLE_ROWS: usize = 20_000;

/// Rows per parallel chunk (fixed, so that the sums are the same for any number of threads).
const CHUNK: usize = 16_384;

/// `ln(1 + e^u)` without overflow.
#[inline]
pub(crate) fn softplus(u: f64) -> f64 {
    u.max(0.0) + (-u.abs()).exp().ln_1p()
}

/// `1 / (1 + e^-u)`.
#[inline]
fn sigmoid(u: f64) -> f64 {
    if u >= 0.0 {
        1.0 / (1.0 + (-u).exp())
    } else {
        let e = u.exp();
        e / (1.0 + e)
    }
}

/// `(e^y - 1) / y`, `1` at `y = 0`.
fn exprel(y: f64) -> f64 {
    if y.abs() < 1e-5 { 1.0 + y * (0.5 + y / 6.0) } else { y.exp_m1() / y }
}

/// One distinct row: `(x, t_x, T)` (the times as indexes into [`Likelihood::times`]) and the customers
/// sharing it.
#[derive(Debug, Clone, Copy)]
struct Row {
    x: f64,
    w: f64,
    /// The index of `t_x` in `Likelihood::times`.
    tx: usize,
    /// The index of `T` in `Likelihood::times`.
    t: usize,
    /// The index of this row's `x` in `Likelihood::groups`.
    group: usize,
}

/// The data of a fit, compressed: distinct rows, the distinct times (`t_x` and `T`) they refer to, and,
/// per distinct `x`, the total weight. Each evaluation takes `ln(alpha + v)` and `1 / (alpha + v)` once
/// per distinct time `v`, not once per row: summaries in whole days or weeks share a few thousand times.
#[derive(Debug)]
pub(crate) struct Likelihood {
    rows: Vec<Row>,
    times: Vec<f64>,
    groups: Vec<(f64, f64)>,
    /// The number of customers `N` (sum of the weights).
    pub(crate) n: f64,
    /// `sum w x`, the repeat purchases.
    pub(crate) purchases: f64,
    /// `sum w T`.
    exposure: f64,
    shift: f64,
    /// `N c`: the penalty on `sum theta^2` in the total log-likelihood.
    penalty: f64,
}

/// Per evaluation: `ln(alpha + v)` and `1 / (alpha + v)` for each distinct time `v`.
struct TimeTerms {
    ln: Vec<f64>,
    inv: Vec<f64>,
}

/// Sums of value, gradient and the upper triangle of the Hessian (`rr, ra, raa? ...` in `[i][j]`).
#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    v: f64,
    g: [f64; 4],
    h: [[f64; 4]; 4],
}

impl Acc {
    fn add(mut self, o: Self) -> Self {
        self.v += o.v;
        for i in 0..4 {
            self.g[i] += o.g[i];
            for j in 0..4 {
                self.h[i][j] += o.h[i][j];
            }
        }
        self
    }
}

impl Likelihood {
    /// Compresses the data ([`super::data::merge`]); `shift` 0 for BG/NBD, 1 for MBG/NBD; `penalty` the
    /// options' `c`.
    pub(crate) fn new(data: &PurchaseHistories, shift: f64, penalty: f64) -> Self {
        let merged = merge(data);
        let mut time_index: FastMap<u64, usize> = FastMap::default();
        let mut times: Vec<f64> = Vec::new();
        let mut time_of = |v: f64| -> usize {
            *time_index.entry(v.to_bits()).or_insert_with(|| {
                times.push(v);
                times.len() - 1
            })
        };
        let mut group_of: FastMap<u64, usize> = FastMap::default();
        let mut groups: Vec<(f64, f64)> = Vec::new();
        let mut rows: Vec<Row> = Vec::with_capacity(merged.rows.len());
        for &MergedRow { x, tx, t, w } in &merged.rows {
            let next = groups.len();
            let group = *group_of.entry(x.to_bits()).or_insert(next);
            if group == next {
                groups.push((x, 0.0));
            }
            groups[group].1 += w;
            rows.push(Row { x, w, tx: time_of(tx), t: time_of(t), group });
        }
        let Merged { n, purchases, exposure, .. } = merged;
        Self { rows, times, groups, n, purchases, exposure, shift, penalty: penalty * n }
    }

    /// Every `step`-th distinct row (weights unchanged): a deterministic subsample for a starting point.
    fn subsample(&self, step: usize) -> Self {
        let rows: Vec<Row> = self.rows.iter().step_by(step.max(1)).copied().collect();
        let mut groups: Vec<(f64, f64)> = self.groups.iter().map(|&(x, _)| (x, 0.0)).collect();
        let (mut n, mut purchases, mut exposure) = (0.0, 0.0, 0.0);
        for row in &rows {
            groups[row.group].1 += row.w;
            n += row.w;
            purchases += row.w * row.x;
            exposure += row.w * self.times[row.t];
        }
        let penalty = if self.n > 0.0 { self.penalty / self.n * n } else { 0.0 };
        Self { rows, times: self.times.clone(), groups, n, purchases, exposure, shift: self.shift, penalty }
    }

    /// The number of distinct rows.
    #[cfg(test)]
    pub(crate) fn distinct_rows(&self) -> usize {
        self.rows.len()
    }

    /// The start: `r = 1`, `alpha` matching the mean purchase rate, `a = b = 1`, in logs.
    pub(crate) fn start(&self) -> Vec<f64> {
        let rate = (self.purchases / self.exposure).max(1e-12);
        vec![0.0, (1.0 / rate).clamp(1e-6, 1e6).ln(), 0.0, 0.0]
    }

    /// The row-level part of the value, gradient and Hessian for one row; `ln_a = ln a`, `ln_m[g] =
    /// ln(b + x + k - 1)` for group `g` (0 where `x + k = 0`), `tt` the time terms at this `alpha`.
    #[inline]
    #[allow(clippy::too_many_arguments, reason = "the per-evaluation tables of one hot loop")]
    fn row_terms(
        &self,
        p: &[f64; 4],
        ln_a: f64,
        ln_m: &[f64],
        tt: &TimeTerms,
        row: &Row,
        acc: &mut Acc,
        derivatives: bool,
    ) {
        let [r, _, a, b] = *p;
        let Row { x, w, tx: txi, t: ti, group } = *row;
        let l1 = tt.ln[ti];
        let rx = r + x;
        acc.v += w * (-rx * l1);
        let active = x + self.shift > 0.0;
        let (mut u, mut d, mut e) = (0.0, 0.0, 0.0);
        if active {
            // ln((alpha + T) / (alpha + t_x)) from the two tabled logs: absolute error ~1e-16 x ln(alpha + T).
            d = l1 - tt.ln[txi];
            u = ln_a - ln_m[group] + rx * d;
            // softplus(u) = max(u, 0) + ln(1 + e^-|u|); its derivative, the sigmoid, from the same e^-|u|.
            e = (-u.abs()).exp();
            acc.v += w * (u.max(0.0) + e.ln_1p());
        }
        if !derivatives {
            return;
        }
        let inv_at = tt.inv[ti];
        acc.g[0] += w * (-l1);
        acc.g[1] += w * (-rx * inv_at);
        acc.h[0][1] += w * (-inv_at);
        acc.h[1][1] += w * (rx * inv_at * inv_at);
        if active {
            let inv_atx = tt.inv[txi];
            let s = if u >= 0.0 { 1.0 / (1.0 + e) } else { e / (1.0 + e) };
            let s2 = s * (1.0 - s);
            let m = b + x + self.shift - 1.0;
            // 1 / (alpha + T) - 1 / (alpha + t_x), without cancellation.
            let dinv = -(self.times[ti] - self.times[txi]) * inv_at * inv_atx;
            let du = [d, rx * dinv, 1.0 / a, -1.0 / m];
            let d2_aa = rx * (inv_atx * inv_atx - inv_at * inv_at);
            for i in 0..4 {
                acc.g[i] += w * s * du[i];
                for j in i..4 {
                    acc.h[i][j] += w * s2 * du[i] * du[j];
                }
            }
            acc.h[0][1] += w * s * dinv;
            acc.h[1][1] += w * s * d2_aa;
            acc.h[2][2] += w * s * (-1.0 / (a * a));
            acc.h[3][3] += w * s * (1.0 / (m * m));
        }
    }

    /// The total over rows, in fixed chunks (in parallel when there are many).
    fn rows_total(&self, p: &[f64; 4], derivatives: bool) -> Acc {
        let ln_a = p[2].ln();
        let alpha = p[1];
        let ln_m: Vec<f64> = self
            .groups
            .iter()
            .map(|&(x, _)| if x + self.shift > 0.0 { (p[3] + x + self.shift - 1.0).ln() } else { 0.0 })
            .collect();
        let tt = TimeTerms {
            ln: self.times.iter().map(|v| (alpha + v).ln()).collect(),
            inv: if derivatives { self.times.iter().map(|v| 1.0 / (alpha + v)).collect() } else { Vec::new() },
        };
        let chunk_sum = |chunk: &[Row]| {
            let mut acc = Acc::default();
            for row in chunk {
                self.row_terms(p, ln_a, &ln_m, &tt, row, &mut acc, derivatives);
            }
            acc
        };
        if self.rows.len() <= CHUNK {
            return chunk_sum(&self.rows);
        }
        let parts: Vec<Acc> = self.rows.par_chunks(CHUNK).map(chunk_sum).collect();
        parts.into_iter().fold(Acc::default(), Acc::add)
    }

    /// The log-likelihood (penalised when `penalised`) and, with `derivatives`, its gradient and Hessian
    /// in `p = (r, alpha, a, b)`.
    fn evaluate(&self, p: &[f64; 4], derivatives: bool, penalised: bool) -> Acc {
        let [r, alpha, a, b] = *p;
        let mut acc = self.rows_total(p, derivatives);
        let k = self.shift;
        let (ln_g_r, ln_g_b, ln_g_ab) = (ln_gamma(r), ln_gamma(b), ln_gamma(a + b));
        let (psi_r, psi_b, psi_ab) =
            if derivatives { (digamma(r), digamma(b), digamma(a + b)) } else { (0.0, 0.0, 0.0) };
        let (tri_r, tri_b, tri_ab) =
            if derivatives { (trigamma(r), trigamma(b), trigamma(a + b)) } else { (0.0, 0.0, 0.0) };
        for &(x, w) in &self.groups {
            if x > 0.0 {
                acc.v += w * (ln_gamma(r + x) - ln_g_r);
                if derivatives {
                    acc.g[0] += w * (digamma(r + x) - psi_r);
                    acc.h[0][0] += w * (trigamma(r + x) - tri_r);
                }
            }
            let xk = x + k;
            if xk > 0.0 {
                acc.v += w * (ln_gamma(b + xk) - ln_g_b - ln_gamma(a + b + xk) + ln_g_ab);
                if derivatives {
                    let (psi_abx, tri_abx) = (digamma(a + b + xk), trigamma(a + b + xk));
                    acc.g[2] += w * (psi_ab - psi_abx);
                    acc.g[3] += w * (digamma(b + xk) - psi_b - psi_abx + psi_ab);
                    acc.h[2][2] += w * (tri_ab - tri_abx);
                    acc.h[2][3] += w * (tri_ab - tri_abx);
                    acc.h[3][3] += w * (trigamma(b + xk) - tri_b - tri_abx + tri_ab);
                }
            }
        }
        let n = self.n;
        acc.v += n * r * alpha.ln();
        if derivatives {
            acc.g[0] += n * alpha.ln();
            acc.g[1] += n * r / alpha;
            acc.h[0][1] += n / alpha;
            acc.h[1][1] -= n * r / (alpha * alpha);
        }
        if penalised && self.penalty > 0.0 {
            acc.v -= self.penalty * p.iter().map(|v| v * v).sum::<f64>();
            if derivatives {
                for (i, pi) in p.iter().enumerate() {
                    acc.g[i] -= 2.0 * self.penalty * pi;
                    acc.h[i][i] -= 2.0 * self.penalty;
                }
            }
        }
        acc
    }

    /// The unpenalised log-likelihood at `p`.
    pub(crate) fn log_likelihood(&self, p: &[f64; 4]) -> f64 {
        self.evaluate(p, false, false).v
    }

    /// The Hessian (row-major 4 x 4) of the penalised objective at `p`.
    pub(crate) fn hessian(&self, p: &[f64; 4]) -> Vec<f64> {
        full_hessian(&self.evaluate(p, true, true))
    }

    /// The unpenalised log-likelihood and the Hessian of the penalised objective at `p`, from one pass
    /// over the rows (the penalty's Hessian is `-2 N c` on the diagonal).
    fn log_likelihood_and_hessian(&self, p: &[f64; 4]) -> (f64, Vec<f64>) {
        let mut acc = self.evaluate(p, true, false);
        for i in 0..4 {
            acc.h[i][i] -= 2.0 * self.penalty;
        }
        (acc.v, full_hessian(&acc))
    }
}

fn full_hessian(acc: &Acc) -> Vec<f64> {
    let mut h = vec![0.0; 16];
    for i in 0..4 {
        for j in i..4 {
            h[i * 4 + j] = acc.h[i][j];
            h[j * 4 + i] = acc.h[i][j];
        }
    }
    h
}

fn as4(p: &[f64]) -> Option<[f64; 4]> {
    p.try_into().ok()
}

impl Objective for Likelihood {
    fn dim(&self) -> usize {
        4
    }

    fn value(&self, p: &[f64]) -> f64 {
        match as4(p) {
            Some(p) if p.iter().all(|v| *v > 0.0 && v.is_finite()) => {
                let v = self.evaluate(&p, false, true).v;
                if v.is_finite() { v } else { f64::NEG_INFINITY }
            }
            _ => f64::NEG_INFINITY,
        }
    }

    fn derivatives(&self, p: &[f64], out: &mut Derivatives) {
        let Some(p) = as4(p) else {
            out.set(f64::NEG_INFINITY, &[], &[]);
            return;
        };
        let acc = self.evaluate(&p, true, true);
        out.set(acc.v, &acc.g, &full_hessian(&acc));
    }
}

/// What a beta-geometric fit found: parameters, log-likelihood, standard errors, iterations, convergence.
pub(crate) struct Found {
    pub(crate) params: [f64; 4],
    pub(crate) log_likelihood: f64,
    pub(crate) std_err: Vec<Option<f64>>,
    pub(crate) iterations: u32,
    pub(crate) converged: bool,
}

/// Fits the beta-geometric likelihood with `shift` to `data` (see the module docs).
pub(crate) fn fit(data: &PurchaseHistories, options: &PurchaseFitOptions, shift: f64) -> Result<Found, ModelError> {
    options.validate(4)?;
    let likelihood = Likelihood::new(data, shift, options.penalty);
    if likelihood.purchases == 0.0 {
        return Err(ModelError::NoFiniteMaximum {
            reason: "nobody made a repeat purchase (every frequency is 0), so the purchase rate and the \
                     dropout probability are not identified: the likelihood rises as r -> 0",
        });
    }
    let objective = LogParams::new(&likelihood);
    let mut maximize_options = MaximizeOptions::new(1e-8 * likelihood.n.max(1.0), LOG_BOUND);
    maximize_options.max_iterations = options.max_iterations;
    let mut iterations = 0_u32;
    let start = match &options.start {
        Some(s) => s.iter().map(|v| v.ln()).collect(),
        // Large data: start from the fit to a deterministic subsample of SUBSAMPLE_ROWS distinct rows, so
        // that the full data need only the last, quadratically convergent Newton steps.
        None if likelihood.rows.len() > 2 * SUBSAMPLE_ROWS => {
            let sample = likelihood.subsample(likelihood.rows.len() / SUBSAMPLE_ROWS);
            let sample_objective = LogParams::new(&sample);
            let mut sample_options = MaximizeOptions::new(1e-8 * sample.n.max(1.0), LOG_BOUND);
            sample_options.max_iterations = options.max_iterations;
            let found = maximize(&sample_objective, likelihood.start(), &sample_options);
            iterations += found.iterations;
            if found.status == Status::Converged { found.x } else { likelihood.start() }
        }
        None => likelihood.start(),
    };
    let mut result = maximize(&objective, start, &maximize_options);
    iterations += result.iterations;
    if result.status == Status::Stalled {
        let (best, steps) =
            nelder_mead::minimize_at_most(|x| -objective.value(x), &result.x, 0.5, options.max_iterations);
        iterations += steps;
        result = maximize(&objective, best, &maximize_options);
        iterations += result.iterations;
    }
    let p: Vec<f64> = result.x.iter().map(|v| v.exp()).collect();
    let in_domain = p.iter().all(|v| (1e-8..=1e8).contains(v));
    if result.status == Status::Diverged || !in_domain {
        return Err(ModelError::NoFiniteMaximum {
            reason: "a parameter runs to 0 or infinity (outside [1e-8, 1e8]): the data are too few or too \
                     degenerate to identify r, alpha, a and b (e.g. no customer looks inactive, so the \
                     dropout probability goes to 0)",
        });
    }
    let params = as4(&p).ok_or(ModelError::NoFiniteMaximum { reason: "internal: wrong parameter count" })?;
    let (log_likelihood, hessian) = likelihood.log_likelihood_and_hessian(&params);
    if !log_likelihood.is_finite() {
        return Err(ModelError::NoFiniteMaximum { reason: "the log-likelihood is not finite at the optimum" });
    }
    Ok(Found {
        params,
        log_likelihood,
        std_err: standard_errors(&hessian, 4),
        iterations,
        converged: result.status == Status::Converged,
    })
}

/// The covariance matrix (row-major 4 x 4) of the estimates at `p`: the inverse of the observed
/// information, minus the Hessian of the (penalised) objective of `data` that the fit maximises, the matrix
/// whose diagonal gives a fit's standard errors.
///
/// # Errors
/// [`ModelError::InvalidParameter`] for a bad `penalty`; [`ModelError::NoFiniteMaximum`] when the
/// information is not positive definite (`p` is not a maximum of the objective).
pub(crate) fn covariance(
    data: &PurchaseHistories,
    p: [f64; 4],
    shift: f64,
    penalty: f64,
) -> Result<Vec<f64>, ModelError> {
    if !(penalty.is_finite() && penalty >= 0.0) {
        return Err(ModelError::InvalidParameter {
            field: "penalty",
            value: penalty,
            allowed: "a finite L2 penalty coefficient >= 0",
        });
    }
    let singular = ModelError::NoFiniteMaximum {
        reason: "the observed information at these parameters is not positive definite (not a maximum of the \
                 likelihood of these data): fit the model to the data first",
    };
    let information: Vec<f64> = Likelihood::new(data, shift, penalty).hessian(&p).iter().map(|h| -h).collect();
    let mut out = vec![0.0; 16];
    for j in 0..4 {
        let mut unit = [0.0; 4];
        unit[j] = 1.0;
        let column = cholesky_solve(&information, &unit, 0.0).ok_or(singular.clone())?;
        for (i, v) in column.iter().enumerate() {
            out[i * 4 + j] = *v;
        }
    }
    // Symmetric by construction up to rounding: average the two triangles.
    for i in 0..4 {
        for j in 0..i {
            let m = 0.5 * (out[i * 4 + j] + out[j * 4 + i]);
            out[i * 4 + j] = m;
            out[j * 4 + i] = m;
        }
    }
    if out.iter().all(|v| v.is_finite()) && (0..4).all(|i| out[i * 5] > 0.0) { Ok(out) } else { Err(singular) }
}

/// One customer's log-likelihood under the beta-geometric model with `shift`.
pub(crate) fn customer_log_likelihood(p: [f64; 4], shift: f64, x: f64, tx: f64, t: f64) -> f64 {
    let [r, alpha, a, b] = p;
    let mut ll = r * alpha.ln() - (r + x) * (alpha + t).ln();
    if x > 0.0 {
        ll += ln_gamma(r + x) - ln_gamma(r);
    }
    let xk = x + shift;
    if xk > 0.0 {
        ll += ln_gamma(b + xk) - ln_gamma(b) - ln_gamma(a + b + xk) + ln_gamma(a + b);
        let u = a.ln() - (b + xk - 1.0).ln() + (r + x) * ((t - tx) / (alpha + tx)).ln_1p();
        ll += softplus(u);
    }
    ll
}

/// `P(alive | x, t_x, T) = 1 / (1 + [x + k > 0] a / (b + x + k - 1) ((alpha + T) / (alpha + t_x))^(r + x))`.
pub(crate) fn probability_alive(p: [f64; 4], shift: f64, x: f64, tx: f64, t: f64) -> f64 {
    let [r, alpha, a, b] = p;
    if x + shift <= 0.0 {
        return 1.0;
    }
    let u = a.ln() - (b + x + shift - 1.0).ln() + (r + x) * ((t - tx) / (alpha + tx)).ln_1p();
    // 1 / (1 + e^u): 0 (not NaN) when e^u overflows.
    sigmoid(-u)
}

fn not_computable(quantity: &'static str, t: f64, reason: &'static str) -> ModelError {
    ModelError::NotComputable { quantity, field: "t", value: t, reason }
}

/// `E[X(t)]` of a new BG/NBD customer with parameters `(r, alpha, a, b)` (FHL 2005, eq. 9),
/// `(a + b - 1) / (a - 1) [1 - (alpha / (alpha + t))^r 2F1(r, b; a + b - 1; z)]`, `z = t / (alpha + t)`.
///
/// Evaluated after Euler's transformation `2F1(r, b; c; z) = (1 - z)^(c - r - b) 2F1(c - r, a - 1; c; z)`
/// (`c = a + b - 1`; Abramowitz & Stegun 15.3.3), which turns the bracket into
/// `1 - (1 - z)^(a - 1) (1 + (a - 1) S)` with `S = sum_{k>=1} (c - r)_k (a)_{k-1} / ((c)_k k!) z^k`: so
/// `E[X(t)] = c [-ln(1 - z) exprel((a - 1) ln(1 - z)) - (1 - z)^(a - 1) S]`, free of the pole at `a = 1`
/// and with numerator parameters that do not grow with `x` (for the conditional expectation, where `r`,
/// `alpha`, `b` become `r + x`, `alpha + T`, `b + x`). For `c < 1/4` (only `x = 0` with `a + b < 5/4`), the
/// recursion `E(a, b) = b / (a + b) E(a, b + 1) + (1 - (1 - z)^r 2F1(r, b; a + b; z))` moves `c` up first: with
/// `g(p) = 1 - (1 + p t / alpha)^-r`, `E(a, b) = E_p[g / p] = E_p[(g / p)(1 - p)] + E_p[g]`,
/// `E_{Beta(a, b)}[(1 - p) h] = b / (a + b) E_{Beta(a, b + 1)}[h]`, and `E_p[g]` by Euler's integral and Pfaff's
/// transformation (A&S 15.3.1, 15.3.4).
pub(crate) fn expected_new(r: f64, alpha: f64, a: f64, b: f64, t: f64) -> Result<f64, ModelError> {
    if t == 0.0 {
        return Ok(0.0);
    }
    let quantity = "expected_purchases";
    let z = t / (alpha + t);
    let l = -(t / alpha).ln_1p();
    let c = a + b - 1.0;
    if c < 0.25 {
        let f = positive_series(r, b, a + b, z)
            .ok_or_else(|| not_computable(quantity, t, "the horizon is too long for the model's time scale alpha"))?;
        let q = -(r * l).exp_m1() - (r * l).exp() * (f - 1.0);
        let rest = expected_new(r, alpha, a, b + 1.0, t)?;
        return Ok((b / (a + b)) * rest + q);
    }
    let eps = a - 1.0;
    // The transformed series below needs about (a - 1) z terms (its terms grow like ((a - 1) z)^k / k! at
    // first): for large a (a fit on customers who rarely drop out), sum the original series instead, whose
    // ratio tends to b z / c < z, and keep the transformed one where the original cancels.
    if eps * z > 16.0
        && let Some(value) = expected_new_direct(r, a, b, c, z, l)
    {
        return Ok(value);
    }
    let big_a = c - r;
    // S = sum_{k >= 1} t_k, t_1 = A z / c, t_{k+1} / t_k = (A + k)(eps + k) / ((c + k)(k + 1)) z.
    let mut term = big_a * z / c;
    let (mut sum, mut abs_sum) = (term, term.abs());
    let mut k = 1.0_f64;
    let mut n: u64 = 1;
    let mut previous_ratio = f64::INFINITY;
    while term != 0.0 {
        let ratio = (big_a + k) * (eps + k) / ((c + k) * (k + 1.0)) * z;
        let rho = ratio.abs().max(z);
        if rho < 1.0 && (ratio.abs() <= previous_ratio || ratio.abs() <= z) {
            // The tail bound |term| rho / (1 - rho) <= REL_TOL |sum|, multiplied out (no division per term).
            if term.abs() * rho <= REL_TOL * sum.abs() * (1.0 - rho) {
                break;
            }
        }
        if n >= MAX_SERIES_TERMS || !term.is_finite() {
            return Err(not_computable(
                quantity,
                t,
                "the hypergeometric series converges too slowly: the horizon is far beyond the model's time \
                 scale alpha (+ the customer's age); use a shorter horizon",
            ));
        }
        previous_ratio = ratio.abs();
        term *= ratio;
        sum += term;
        abs_sum += term.abs();
        k += 1.0;
        n += 1;
    }
    finish_transformed(c, eps, l, sum, abs_sum, t)
}

/// `E[X(t)]` from the transformed series' sum `S` (and the sum of its absolute terms), checked for
/// cancellation.
fn finish_transformed(c: f64, eps: f64, l: f64, sum: f64, abs_sum: f64, t: f64) -> Result<f64, ModelError> {
    let value = c * (-l * exprel(eps * l) - (eps * l).exp() * sum);
    // The rounding error of the sum is about 1e-16 of the sum of its absolute terms, and the sum enters the
    // value times c (1 - z)^(a - 1): at long horizons that factor is small, so a large sum of large terms
    // need not spoil the value (scaling by it keeps long horizons from being refused for no reason).
    let rounding = abs_sum * 1e-15 * c * (eps * l).exp();
    if !(value.is_finite() && value >= 0.0) || rounding > 1e-9 * value.max(f64::MIN_POSITIVE) {
        return Err(not_computable(
            "expected_purchases",
            t,
            "the terms of the hypergeometric series cancel (r far above a + b): the result would be inaccurate",
        ));
    }
    Ok(value)
}

/// Horizons per lane group of [`expected_new_curve`]'s joint series (a SIMD width of f64).
const LANES: usize = 4;

/// [`expected_new`] at each horizon of `ts`, value for value the same (bit for bit): the transformed
/// series of the horizons summed together, [`LANES`] at a time. Its coefficients
/// `(A + k)(eps + k) / ((c + k)(k + 1))` do not depend on the horizon (only the power of `z` does), so they
/// are computed once per `k` for the group, and each lane does the scalar loop's arithmetic until every
/// lane has stopped (a stopped lane keeps its state). Horizons that take another branch of
/// `expected_new` (`t = 0`, `c < 1/4`, the original series at large `a`) are evaluated on their own.
pub(crate) fn expected_new_curve(r: f64, alpha: f64, a: f64, b: f64, ts: &[f64]) -> Vec<Result<f64, ModelError>> {
    let mut out: Vec<Result<f64, ModelError>> = Vec::with_capacity(ts.len());
    let (c, eps) = (a + b - 1.0, a - 1.0);
    let big_a = c - r;
    // (position, t, z, l) of the horizons of the joint series.
    let mut joint: Vec<(usize, f64, f64, f64)> = Vec::with_capacity(ts.len());
    for (at, &t) in ts.iter().enumerate() {
        if t == 0.0 || c < 0.25 {
            out.push(expected_new(r, alpha, a, b, t));
            continue;
        }
        let z = t / (alpha + t);
        let l = -(t / alpha).ln_1p();
        // `expected_new`'s branch for large a: the original series, where it does not cancel.
        if eps * z > 16.0
            && let Some(value) = expected_new_direct(r, a, b, c, z, l)
        {
            out.push(Ok(value));
            continue;
        }
        // (A placeholder until the horizon's group finishes.)
        out.push(Ok(f64::NAN));
        joint.push((at, t, z, l));
    }
    for group in joint.chunks(LANES) {
        let mut z = [0.0; LANES];
        let mut active = [false; LANES];
        for (j, &(_, _, zj, _)) in group.iter().enumerate() {
            (z[j], active[j]) = (zj, true);
        }
        let mut term = z.map(|z| big_a * z / c);
        let (mut sum, mut abs_sum) = (term, term.map(f64::abs));
        let mut previous_ratio = [f64::INFINITY; LANES];
        let mut failed = [false; LANES];
        let (mut k, mut n) = (1.0_f64, 1_u64);
        while active.iter().any(|&x| x) {
            let coefficient = (big_a + k) * (eps + k) / ((c + k) * (k + 1.0));
            let give_up = n >= MAX_SERIES_TERMS;
            for j in 0..LANES {
                let ratio = coefficient * z[j];
                let ratio_abs = ratio.abs();
                let rho = ratio_abs.max(z[j]);
                let converged = (term[j] == 0.0)
                    | ((rho < 1.0)
                        & ((ratio_abs <= previous_ratio[j]) | (ratio_abs <= z[j]))
                        & (term[j].abs() * rho <= REL_TOL * sum[j].abs() * (1.0 - rho)));
                let fails = !converged & (give_up | !term[j].is_finite());
                failed[j] |= active[j] & fails;
                active[j] &= !converged & !fails;
                let next = term[j] * ratio;
                if active[j] {
                    previous_ratio[j] = ratio_abs;
                    term[j] = next;
                    sum[j] += next;
                    abs_sum[j] += next.abs();
                }
            }
            k += 1.0;
            n += 1;
        }
        for (j, &(at, t, _, l)) in group.iter().enumerate() {
            out[at] = if failed[j] {
                Err(not_computable(
                    "expected_purchases",
                    t,
                    "the hypergeometric series converges too slowly: the horizon is far beyond the model's time \
                     scale alpha (+ the customer's age); use a shorter horizon",
                ))
            } else {
                finish_transformed(c, eps, l, sum[j], abs_sum[j], t)
            };
        }
    }
    out
}

/// `E[Y(t) | alive now, x, T]` at each horizon of `t` of the beta-geometric model `p = (r, alpha, a, b)` with
/// `shift` extra dropout flips (0 BG/NBD, 1 MBG/NBD): each horizon checked as the one-horizon method checks
/// it, the valid ones valued together ([`expected_new_curve`], posterior `(r + x, alpha + T, a, b + x + shift)`).
pub(crate) fn expected_if_alive_curve(
    p: [f64; 4],
    shift: f64,
    t: &[f64],
    frequency: f64,
    age: f64,
) -> Vec<Result<f64, ModelError>> {
    let [r, alpha, a, b] = p;
    let checks: Vec<Result<(), ModelError>> =
        t.iter().map(|&h| super::check_alive_history(h, frequency, age)).collect();
    let valid: Vec<f64> = t.iter().zip(&checks).filter(|(_, c)| c.is_ok()).map(|(&h, _)| h).collect();
    let mut values = expected_new_curve(r + frequency, alpha + age, a, b + frequency + shift, &valid).into_iter();
    // (One value per valid horizon: `next` is never `None`.)
    let missing = || not_computable("expected_purchases", f64::NAN, "internal: a horizon without a value");
    checks.into_iter().map(|c| c.and_then(|()| values.next().unwrap_or_else(|| Err(missing())))).collect()
}

/// The DERT of a customer alive now with `(x, T)` (checked by the caller) of the beta-geometric model `p`
/// with `shift` (as [`expected_if_alive_curve`]): the quadrature of the live customer's expected purchases,
/// whose rate is at most `(r + x) / (alpha + T)`.
pub(crate) fn residual_if_alive(
    p: [f64; 4],
    shift: f64,
    delta: f64,
    frequency: f64,
    age: f64,
) -> Result<f64, ModelError> {
    let [r, alpha, a, b] = p;
    let (r, alpha, b) = (r + frequency, alpha + age, b + frequency + shift);
    super::dert::by_quadrature(delta, r / alpha, |t| expected_new(r, alpha, a, b, t))
}

/// FHL 2005 eq. (9) as written, `c / (a - 1) [1 - (1 - z)^r 2F1(r, b; c; z)]` (`c = a + b - 1`,
/// `l = ln(1 - z)`), for `a > 1`; `None` where the bracket loses more than 1e-9 of its value to the rounding
/// of the series (short horizons, where the bracket is small), or the series does not converge.
fn expected_new_direct(r: f64, a: f64, b: f64, c: f64, z: f64, l: f64) -> Option<f64> {
    let series = positive_series(r, b, c, z)?;
    let ln_product = r * l + series.ln();
    let bracket = -ln_product.exp_m1();
    let value = c / (a - 1.0) * bracket;
    (value.is_finite() && bracket > 0.0 && ln_product.exp() * 1e-14 <= 1e-9 * bracket).then_some(value)
}

/// `2F1(a, b; c; z)` for `a, b, c > 0`, `0 <= z < 1` by its positive series; `None` when it does not
/// converge within [`MAX_SERIES_TERMS`] terms or overflows.
fn positive_series(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    let (mut term, mut sum, mut k) = (1.0_f64, 1.0_f64, 0.0_f64);
    let mut previous_ratio = f64::INFINITY;
    for _ in 0..MAX_SERIES_TERMS {
        let ratio = (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        let rho = ratio.max(z);
        if rho < 1.0 && (ratio <= previous_ratio || ratio <= z) && term * rho / (1.0 - rho) <= REL_TOL * sum {
            return Some(sum);
        }
        previous_ratio = ratio;
        term *= ratio;
        sum += term;
        k += 1.0;
        if !sum.is_finite() {
            return None;
        }
    }
    None
}

/// The most `n` accepted by the probabilities of `n` purchases (the negative binomial sums have `n` terms).
pub const MAX_PURCHASE_COUNT: u32 = 1_000_000;

/// `P(X(t) = n)` of a new BG/NBD customer with parameters `(r, alpha, a, b)` (FHL 2005, eq. 8):
/// `B(a, b + n) / B(a, b) NB(n) + [n > 0] B(a + 1, b + n - 1) / B(a, b) P(NB >= n)`, with `NB` the negative
/// binomial count of a customer who never drops out, `NB(j) = Γ(r + j) / (Γ(r) j!) (1 - z)^r z^j`,
/// `z = t / (alpha + t)`. The tail `P(NB >= n)` is `1 - sum_{j<n} NB(j)` when `n` is at most the mean
/// `+ 1`, else the sum of the tail itself (no cancellation either way).
pub(crate) fn pmf_new(r: f64, alpha: f64, a: f64, b: f64, n: u32, t: f64) -> Result<f64, ModelError> {
    if t == 0.0 {
        return Ok(if n == 0 { 1.0 } else { 0.0 });
    }
    let ln_1mz = -(t / alpha).ln_1p();
    if n == 0 {
        return Ok((r * ln_1mz).exp());
    }
    let nf = f64::from(n);
    let ln_z = (t / (alpha + t)).ln();
    let ln_nb = |j: f64| ln_gamma(r + j) - ln_gamma(r) - ln_gamma(j + 1.0) + r * ln_1mz + j * ln_z;
    let ln_b_ab = ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
    let first = (ln_gamma(a) + ln_gamma(b + nf) - ln_gamma(a + b + nf) - ln_b_ab + ln_nb(nf)).exp();
    let mean = r * t / alpha;
    let tail = if nf - 1.0 <= mean {
        let mut below = 0.0;
        let mut ln_term = ln_nb(0.0);
        for j in 0..n {
            let jf = f64::from(j);
            below += ln_term.exp();
            ln_term += ((r + jf) / (jf + 1.0)).ln() + ln_z;
        }
        (1.0 - below).max(0.0)
    } else {
        let z = t / (alpha + t);
        let mut term = ln_nb(nf).exp();
        let mut sum = term;
        let mut j = nf;
        let mut converged = false;
        for _ in 0..MAX_SERIES_TERMS {
            let ratio = (r + j) / (j + 1.0) * z;
            let rho = ratio.max(z);
            if term == 0.0 || (rho < 1.0 && term * rho / (1.0 - rho) <= REL_TOL * sum) {
                converged = true;
                break;
            }
            term *= ratio;
            sum += term;
            j += 1.0;
        }
        if !converged {
            return Err(not_computable(
                "probability_of_purchases",
                t,
                "the negative binomial tail converges too slowly",
            ));
        }
        sum.min(1.0)
    };
    let second = (a.ln() + ln_gamma(b + nf - 1.0) + ln_gamma(a + b) - ln_gamma(b) - ln_gamma(a + b + nf)).exp() * tail;
    let value = first + second;
    if value.is_finite() {
        Ok(value.clamp(0.0, 1.0))
    } else {
        Err(not_computable("probability_of_purchases", t, "overflow"))
    }
}

/// `2F1(a, b; c; z)` for `b > 0`, `c > 0`, `0 <= z < 1` and any real `a`, by its series (the terms change
/// sign at most while `k < -a`); `None` when it does not converge within [`MAX_SERIES_TERMS`] terms or its
/// terms cancel beyond `1e-9` relative.
fn signed_series(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    let (mut term, mut sum, mut abs_sum, mut k) = (1.0_f64, 1.0_f64, 1.0_f64, 0.0_f64);
    let mut previous_ratio = f64::INFINITY;
    for _ in 0..MAX_SERIES_TERMS {
        let ratio = (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        let rho = ratio.abs().max(z);
        if term == 0.0
            || (rho < 1.0
                && (ratio.abs() <= previous_ratio || ratio.abs() <= z)
                && term.abs() * rho / (1.0 - rho) <= REL_TOL * sum.abs())
        {
            return (sum.is_finite() && abs_sum * 1e-15 <= 1e-9 * sum.abs()).then_some(sum);
        }
        previous_ratio = ratio.abs();
        term *= ratio;
        sum += term;
        abs_sum += term.abs();
        k += 1.0;
        if !abs_sum.is_finite() {
            return None;
        }
    }
    None
}

/// `P(alive at T + t | alive at T)` for a BG/NBD customer whose posterior is `(r', alpha', a, b')`
/// (`r + x`, `alpha + T`, `a`, `b + x` (+ 1 for MBG/NBD)): the customer survives every purchase of the next
/// `t`, `E[e^{-lambda p t}] = E_p[(1 + p t / alpha')^{-r'}] = 2F1(r', a; a + b'; -t / alpha')` (Euler's
/// integral), by Pfaff's and Euler's transformations (A&S 15.3.4, 15.3.3)
/// `= (1 - z)^a 2F1(a + b' - r', a; a + b'; z)`, `z = t / (alpha' + t)`.
pub(crate) fn survival_new(r: f64, alpha: f64, a: f64, b: f64, t: f64) -> Result<f64, ModelError> {
    if t == 0.0 {
        return Ok(1.0);
    }
    let z = t / (alpha + t);
    let l = -(t / alpha).ln_1p();
    let f = signed_series(a + b - r, a, a + b, z).ok_or_else(|| {
        not_computable(
            "probability_alive_at",
            t,
            "the hypergeometric series converges too slowly or cancels: use a shorter horizon",
        )
    })?;
    let value = (a * l).exp() * f;
    if value.is_finite() {
        Ok(value.clamp(0.0, 1.0))
    } else {
        Err(not_computable("probability_alive_at", t, "overflow"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Large `a` and `b` (a fit on customers who rarely drop out): the transformed series would need millions
    /// of terms and overflow; the original one converges. References: mpmath (30 digits) integrating
    /// `(1 - (1 + p t / alpha)^-r) / p` against the Beta(a, b) density, which is `E[X(t)]` by its definition
    /// (and equals mpmath's `hyp2f1` form where that converges: the last case).
    #[test]
    fn expected_purchases_with_large_a_match_the_integral() -> Result<(), ModelError> {
        let (r, alpha, a, b) =
            (0.474_106_740_632_877_9, 2.861_111_762_857_466, 6_789_951.072_368_102, 9_136_478.371_742_813);
        let cases = [
            (expected_new(r, alpha, a, b, 12.0)?, 0.903_050_397_577_863_3),
            (expected_new(0.25, 4.0, 1e5, 3e5, 100.0)?, 1.562_332_414_995_210_4),
            (expected_new(0.243, 4.414, 40.0, 60.0, 39.0)?, 0.772_792_102_938_937_7),
        ];
        for (got, want) in cases {
            assert!((got - want).abs() <= 1e-12 * want, "{got} vs {want}");
        }
        // The conditional expectation of (x, t_x, T) = (2, 11.88, 20.03) over 12: P(alive) E[X(12)] posterior.
        let alive = probability_alive([r, alpha, a, b], 0.0, 2.0, 11.88, 20.03);
        let got = alive * expected_new(r + 2.0, alpha + 20.03, a, b + 2.0, 12.0)?;
        let want = 0.287_279_606_821_914_03;
        assert!((got - want).abs() <= 1e-12 * want, "{got} vs {want}");
        Ok(())
    }

    #[test]
    fn analytic_derivatives_match_finite_differences() -> Result<(), ModelError> {
        let data = PurchaseHistories::new(
            &[0.0, 1.0, 4.0, 12.0, 1.0],
            &[0.0, 2.5, 20.0, 37.0, 2.5],
            &[38.0, 30.0, 38.0, 39.0, 30.0],
            Some(&[10.0, 3.0, 2.0, 1.0, 4.0]),
        )?;
        for shift in [0.0, 1.0] {
            let likelihood = Likelihood::new(&data, shift, 0.01);
            assert_eq!(likelihood.distinct_rows(), 4);
            let p = [0.7, 3.0, 1.3, 2.2];
            let at = likelihood.evaluate(&p, true, true);
            let h = 1e-6;
            for i in 0..4 {
                let (mut up, mut down) = (p, p);
                up[i] += h;
                down[i] -= h;
                let (fu, fd) = (likelihood.evaluate(&up, true, true), likelihood.evaluate(&down, true, true));
                let g = (fu.v - fd.v) / (2.0 * h);
                assert!((g - at.g[i]).abs() < 1e-6 * at.g[i].abs().max(1.0), "shift {shift} g{i}: {g} vs {}", at.g[i]);
                for j in 0..4 {
                    let numeric = (fu.g[j] - fd.g[j]) / (2.0 * h);
                    let exact = if i <= j { at.h[i][j] } else { at.h[j][i] };
                    assert!(
                        (numeric - exact).abs() < 1e-5 * exact.abs().max(1.0),
                        "shift {shift} h{i}{j}: {numeric} vs {exact}"
                    );
                }
            }
        }
        Ok(())
    }
}
