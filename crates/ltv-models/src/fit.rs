//! Maximum-likelihood estimation of the sBG model from cohort survival counts.

use crate::error::ModelError;
use crate::sbg::SbgModel;

/// A maximum-likelihood fit of the [`SbgModel`] to cohort survival counts.
///
/// Made by [`SbgFit::fit`] (one cohort) or [`SbgFit::fit_cohorts`] (several cohorts sharing `alpha` and
/// `beta`). Serializes to the JSON model file described in the [crate documentation](crate#json-model-files).
///
/// ```
/// use ltv_models::SbgFit;
///
/// // Fader & Hardie (2007), "regular" customers: 1000 at the start, 241 left after 7 renewals.
/// let fit = SbgFit::fit(&[1000, 631, 468, 382, 326, 289, 262, 241])?;
/// assert!(fit.converged);
/// assert!((fit.model.alpha() - 0.704).abs() < 5e-4);
/// assert!((fit.model.beta() - 1.182).abs() < 5e-4);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(into = "crate::json::FileRepr", try_from = "crate::json::FileRepr")]
#[non_exhaustive]
pub struct SbgFit {
    /// The fitted model (the maximum-likelihood `alpha` and `beta`).
    pub model: SbgModel,
    /// The maximised log-likelihood (natural log, `<= 0`).
    pub log_likelihood: f64,
    /// The asymptotic standard error of `alpha`: the square root of the `alpha` diagonal element of the
    /// inverse observed information matrix (minus the analytic Hessian of the log-likelihood in
    /// `(alpha, beta)`). `None` when that matrix is not positive definite (only possible when the fit did
    /// not converge).
    pub std_err_alpha: Option<f64>,
    /// The asymptotic standard error of `beta`, as for [`Self::std_err_alpha`].
    pub std_err_beta: Option<f64>,
    /// The number of customers: the sum of the cohort sizes `active[0]`.
    pub n_customers: u64,
    /// The number of cohorts.
    pub n_cohorts: u64,
    /// The number of optimizer iterations (Newton steps, plus Nelder–Mead steps if it was needed).
    pub iterations: u32,
    /// Whether the optimizer met its convergence test (a Newton step on a negative-definite Hessian
    /// below `1e-9` in `ln alpha` and `ln beta`, or a vanishing gradient).
    pub converged: bool,
}

impl SbgFit {
    /// Fits the sBG model to one cohort: `active[t]` customers active at the start of period `t` for
    /// `t = 0..=k`, so `active[0]` is the cohort size and `active[t - 1] - active[t]` customers churned at the
    /// `t`-th renewal decision. See [`Self::fit_cohorts`].
    ///
    /// # Errors
    /// As for [`Self::fit_cohorts`].
    pub fn fit(active: &[u64]) -> Result<Self, ModelError> {
        Self::fit_cohorts(&[active])
    }

    /// Fits the sBG model by maximum likelihood to several cohorts that share `alpha` and `beta`, each
    /// observed for its own number of periods (e.g. customers acquired in successive years, the older
    /// cohorts observed longer).
    ///
    /// Each cohort is a slice of non-increasing counts `active[0..=k]` as for [`Self::fit`]. The
    /// log-likelihood (Fader & Hardie 2007) is, summed over cohorts,
    ///
    /// `LL(alpha, beta) = sum_{t=1}^{k} (active[t-1] - active[t]) ln P(T = t) + active[k] ln S(k)`;
    ///
    /// the customers still active after `k` periods are right-censored. By the sBG recursions this is
    /// `w ln alpha + sum_j u_j ln(beta + j) - sum_j v_j ln(alpha + beta + j)`, with `w` the customers who
    /// churned, `u_j` those who made renewal `j + 1` and `v_j` those who faced it, so its gradient and Hessian
    /// are exact sums of rational terms (no gamma functions).
    ///
    /// It is maximised over `(ln alpha, ln beta)` by Newton's method with a backtracking line search (the
    /// Hessian shifted to be negative definite where it is not), started from the method-of-moments values
    /// that match the first two pooled retention rates; if Newton fails to converge, Nelder–Mead takes over
    /// and Newton polishes its result. Work per iteration is `O(k)`; a 12-period cohort fits in
    /// microseconds.
    ///
    /// # Errors
    /// - [`ModelError::NoCohorts`], [`ModelError::CohortTooShort`], [`ModelError::EmptyCohort`],
    ///   [`ModelError::IncreasingActive`], [`ModelError::CustomerCountOverflow`] for malformed data;
    /// - [`ModelError::TooFewPeriods`] when no cohort is observed for 2 or more periods;
    /// - [`ModelError::NoFiniteMaximum`] when the likelihood keeps rising as a parameter goes to `0` or
    ///   infinity: nobody churned, nobody renewed, or retention does not rise over time (no sign of
    ///   heterogeneity, so a constant churn rate fits better than any sBG).
    pub fn fit_cohorts<C: AsRef<[u64]>>(cohorts: &[C]) -> Result<Self, ModelError> {
        let data = Sufficient::from_cohorts(cohorts)?;
        if data.at_risk.len() < 2 {
            return Err(ModelError::TooFewPeriods);
        }
        if data.churned == 0.0 {
            return Err(ModelError::NoFiniteMaximum {
                reason: "no customer churned in the observed periods, so alpha -> 0 (retention 100 %)",
            });
        }
        if data.renewed.iter().all(|&u| u == 0.0) {
            return Err(ModelError::NoFiniteMaximum {
                reason: "no customer renewed, so beta -> 0 (churn 100 % in the first period)",
            });
        }

        let start = data.start();
        let mut iterations = 0_u32;
        let mut result = newton(&data, start);
        iterations += result.iterations;
        if result.status == Status::Stalled {
            let (best, nm_iterations) = nelder_mead(&data, result.theta);
            iterations += nm_iterations;
            result = newton(&data, best);
            iterations += result.iterations;
        }
        if result.status == Status::Diverged {
            return Err(ModelError::NoFiniteMaximum {
                reason: match (result.theta[0] > 0.0, result.theta[1] > 0.0) {
                    (true, true) => HOMOGENEOUS,
                    (false, false) => {
                        "alpha and beta shrink to 0: the data look like a mix of customers who churn \
                         at the first renewal and customers who never churn"
                    }
                    _ => {
                        "alpha or beta runs to 0 or infinity: the data are too few or too degenerate \
                         to identify both parameters"
                    }
                },
            });
        }

        let (alpha, beta) = (result.theta[0].exp(), result.theta[1].exp());
        let model = SbgModel::new(alpha, beta)?;
        let eval = data.evaluate(alpha, beta);
        // As alpha, beta -> infinity with alpha / (alpha + beta) = p fixed, the sBG tends to the geometric
        // model, so the sBG likelihood's supremum is at least the geometric maximum. If the optimizer's
        // point does not beat it, the supremum is that limit (the optimizer stopped on the flat ridge
        // towards it), and there is no finite maximum.
        if eval.ll <= data.geometric_log_likelihood() + 1e-12 * (1.0 + eval.ll.abs()) {
            return Err(ModelError::NoFiniteMaximum { reason: HOMOGENEOUS });
        }
        // Observed information = -Hessian in (alpha, beta); its inverse is the asymptotic covariance.
        let (i_aa, i_ab, i_bb) = (-eval.hess[0], -eval.hess[1], -eval.hess[2]);
        let det = i_aa * i_bb - i_ab * i_ab;
        let (std_err_alpha, std_err_beta) = if i_aa > 0.0 && det > 0.0 && det.is_finite() {
            (positive_sqrt(i_bb / det), positive_sqrt(i_aa / det))
        } else {
            (None, None)
        };
        Ok(Self {
            model,
            log_likelihood: eval.ll,
            std_err_alpha,
            std_err_beta,
            n_customers: data.n_customers,
            n_cohorts: data.n_cohorts,
            iterations,
            converged: result.status == Status::Converged,
        })
    }
}

/// Why there is no finite maximum when the data show no heterogeneity.
const HOMOGENEOUS: &str = "alpha and beta grow without bound: retention does not rise over time (no sign \
     of heterogeneity), so the sBG is no better than its limit, a constant churn rate (geometric \
     lifetime); fit that instead";

/// `sqrt(x)` when that is a finite number `> 0`.
fn positive_sqrt(x: f64) -> Option<f64> {
    let s = x.sqrt();
    (s.is_finite() && s > 0.0).then_some(s)
}

/// The sufficient statistics of the sBG likelihood, pooled over cohorts.
#[derive(Debug)]
pub(crate) struct Sufficient {
    /// `w`: customers who churned in their observed periods.
    churned: f64,
    /// `u_j`: customers who made renewal `j + 1` (active at the start of period `j + 1`).
    renewed: Vec<f64>,
    /// `v_j`: customers who faced renewal decision `j + 1` (active at the start of period `j`).
    at_risk: Vec<f64>,
    n_customers: u64,
    n_cohorts: u64,
}

/// The log-likelihood and its derivatives in `(alpha, beta)`.
struct Evaluation {
    ll: f64,
    /// `[d/d alpha, d/d beta]`.
    grad: [f64; 2],
    /// `[d2/d alpha2, d2/d alpha d beta, d2/d beta2]`.
    hess: [f64; 3],
}

impl Sufficient {
    /// Validates the cohorts and pools them.
    pub(crate) fn from_cohorts<C: AsRef<[u64]>>(cohorts: &[C]) -> Result<Self, ModelError> {
        if cohorts.is_empty() {
            return Err(ModelError::NoCohorts);
        }
        let mut data = Self { churned: 0.0, renewed: Vec::new(), at_risk: Vec::new(), n_customers: 0, n_cohorts: 0 };
        for (cohort, active) in cohorts.iter().enumerate() {
            let active = active.as_ref();
            let (Some(&size), Some(&last)) = (active.first(), active.last()) else {
                return Err(ModelError::CohortTooShort { cohort, len: 0 });
            };
            if active.len() < 2 {
                return Err(ModelError::CohortTooShort { cohort, len: active.len() });
            }
            if size == 0 {
                return Err(ModelError::EmptyCohort { cohort });
            }
            let periods = active.len() - 1;
            if data.at_risk.len() < periods {
                data.at_risk.resize(periods, 0.0);
                data.renewed.resize(periods, 0.0);
            }
            for (j, pair) in active.windows(2).enumerate() {
                let (previous, current) = (pair[0], pair[1]);
                if current > previous {
                    return Err(ModelError::IncreasingActive { cohort, period: j + 1, previous, current });
                }
                data.at_risk[j] += previous as f64;
                data.renewed[j] += current as f64;
            }
            data.churned += (size - last) as f64;
            data.n_customers = data.n_customers.checked_add(size).ok_or(ModelError::CustomerCountOverflow)?;
            data.n_cohorts += 1;
        }
        Ok(data)
    }

    /// `LL(alpha, beta) = w ln alpha + sum_j u_j ln(beta + j) - sum_j v_j ln(alpha + beta + j)`.
    pub(crate) fn log_likelihood(&self, alpha: f64, beta: f64) -> f64 {
        let mut ll = if self.churned > 0.0 { self.churned * alpha.ln() } else { 0.0 };
        let mut j = 0.0_f64;
        for (&u, &v) in self.renewed.iter().zip(&self.at_risk) {
            if u > 0.0 {
                ll += u * (beta + j).ln();
            }
            if v > 0.0 {
                ll -= v * (alpha + beta + j).ln();
            }
            j += 1.0;
        }
        ll
    }

    /// The maximised log-likelihood of the geometric model (one churn probability `p` for everyone),
    /// the limit of the sBG as `alpha, beta -> infinity`: `w ln p + (V - w) ln(1 - p)` at `p = w / V`,
    /// with `V = sum_j v_j` the renewal decisions observed.
    fn geometric_log_likelihood(&self) -> f64 {
        let decisions: f64 = self.at_risk.iter().sum();
        let renewals = decisions - self.churned;
        let xlnp = |x: f64| if x > 0.0 { x * (x / decisions).ln() } else { 0.0 };
        xlnp(self.churned) + xlnp(renewals)
    }

    /// The log-likelihood with its exact gradient and Hessian in `(alpha, beta)`.
    fn evaluate(&self, alpha: f64, beta: f64) -> Evaluation {
        let w = self.churned;
        let (mut ga, mut gb) = (w / alpha, 0.0);
        let (mut haa, mut hab, mut hbb) = (-w / (alpha * alpha), 0.0, 0.0);
        let mut j = 0.0_f64;
        for (&u, &v) in self.renewed.iter().zip(&self.at_risk) {
            let sb = 1.0 / (beta + j);
            let sab = 1.0 / (alpha + beta + j);
            let (vs, vs2) = (v * sab, v * sab * sab);
            ga -= vs;
            gb += u * sb - vs;
            haa += vs2;
            hab += vs2;
            hbb += vs2 - u * sb * sb;
            j += 1.0;
        }
        Evaluation { ll: self.log_likelihood(alpha, beta), grad: [ga, gb], hess: [haa, hab, hbb] }
    }

    /// The log-likelihood at `(ln alpha, ln beta)`, `-inf` outside the search box.
    fn ll_at(&self, theta: [f64; 2]) -> f64 {
        if theta.iter().all(|x| x.abs() <= LOG_BOUND) {
            self.log_likelihood(theta[0].exp(), theta[1].exp())
        } else {
            f64::NEG_INFINITY
        }
    }

    /// The start: `alpha`, `beta` that match the pooled retention rates of the first two periods,
    /// `r_1 = beta / (alpha + beta)` and `r_2 = (beta + 1) / (alpha + beta + 1)`, in `(ln alpha, ln beta)`.
    fn start(&self) -> [f64; 2] {
        let rate = |j: usize| match (self.renewed.get(j), self.at_risk.get(j)) {
            (Some(&u), Some(&v)) if v > 0.0 => Some(u / v),
            _ => None,
        };
        let r1 = rate(0).unwrap_or(0.5).clamp(0.01, 0.99);
        // alpha + beta = (1 - r2) / (r2 - r1) when retention rises; otherwise start fairly homogeneous.
        let s = match rate(1) {
            Some(r2) if r2 > r1 => ((1.0 - r2) / (r2 - r1)).clamp(0.05, 1000.0),
            _ => 20.0,
        };
        [((1.0 - r1) * s).ln(), (r1 * s).ln()]
    }
}

/// `|ln alpha|` or `|ln beta|` beyond this (about `7e10` or `1.4e-11`): the parameter is running away.
const LOG_BOUND: f64 = 25.0;
/// The most Newton iterations in one run.
const MAX_NEWTON: u32 = 100;
/// The most Nelder–Mead iterations.
const MAX_NELDER_MEAD: u32 = 2000;
/// The largest Newton step in `ln alpha` or `ln beta`.
const MAX_STEP: f64 = 3.0;
/// A Newton step on a negative-definite Hessian below this in both coordinates ends the iteration.
const STEP_TOL: f64 = 1e-9;
/// Below this share of `1 + |LL|`, the squared Newton decrement is at the resolution of `LL`: Newton
/// steps are taken without a line search.
const DECREMENT_TOL: f64 = 1e-10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Converged,
    /// Out of iterations, or the line search found no better point away from a stationary point.
    Stalled,
    /// A parameter left the search box.
    Diverged,
}

struct NewtonResult {
    theta: [f64; 2],
    iterations: u32,
    status: Status,
}

/// Newton's method on `(ln alpha, ln beta)` from `theta`.
fn newton(data: &Sufficient, mut theta: [f64; 2]) -> NewtonResult {
    let gradient_tol = 1e-8 * (data.n_customers as f64).max(1.0);
    for iteration in 1..=MAX_NEWTON {
        let (alpha, beta) = (theta[0].exp(), theta[1].exp());
        let e = data.evaluate(alpha, beta);
        // Chain rule to log space: d/dx = alpha d/d alpha, d2/dx2 = alpha^2 d2/d alpha2 + alpha d/d alpha.
        let g = [alpha * e.grad[0], beta * e.grad[1]];
        let (a, b, c) = (alpha * alpha * e.hess[0] + g[0], alpha * beta * e.hess[1], beta * beta * e.hess[2] + g[1]);
        if !(g.iter().all(|x| x.is_finite()) && a.is_finite() && b.is_finite() && c.is_finite()) {
            return NewtonResult { theta, iterations: iteration, status: Status::Stalled };
        }
        // Shift the Hessian to be negative definite where it is not (Levenberg–Marquardt style).
        let pure = a < 0.0 && a * c - b * b > 0.0;
        let shift = if pure {
            0.0
        } else {
            let largest = 0.5 * (a + c) + (0.25 * (a - c) * (a - c) + b * b).sqrt();
            largest.max(0.0) + (1e-3 * (a.abs() + c.abs())).max(1e-8)
        };
        let (a, c) = (a - shift, c - shift);
        let det = a * c - b * b;
        let mut step = [-(c * g[0] - b * g[1]) / det, -(a * g[1] - b * g[0]) / det];
        let largest = step[0].abs().max(step[1].abs());
        if !largest.is_finite() {
            return NewtonResult { theta, iterations: iteration, status: Status::Stalled };
        }
        if largest > MAX_STEP {
            let scale = MAX_STEP / largest;
            step = [step[0] * scale, step[1] * scale];
        }
        let next = [theta[0] + step[0], theta[1] + step[1]];
        if next.iter().any(|x| x.abs() > LOG_BOUND) {
            return NewtonResult { theta: next, iterations: iteration, status: Status::Diverged };
        }
        if pure && largest < STEP_TOL {
            return NewtonResult { theta: next, iterations: iteration, status: Status::Converged };
        }
        // `slope` is the squared Newton decrement: twice the gain the quadratic model predicts. Once that
        // is below what the log-likelihood itself can resolve, a line search cannot tell better from worse,
        // but the exact gradient still can: take full Newton steps (quadratic convergence) until the step
        // is below STEP_TOL.
        let slope = g[0] * step[0] + g[1] * step[1];
        if pure && slope <= DECREMENT_TOL * (1.0 + e.ll.abs()) {
            theta = next;
            continue;
        }
        // Backtracking line search (Armijo, with strict increase) on the log-likelihood.
        let mut t = 1.0;
        let mut accepted = None;
        for _ in 0..40 {
            let candidate = [theta[0] + t * step[0], theta[1] + t * step[1]];
            let ll = data.ll_at(candidate);
            if ll > e.ll && ll >= e.ll + 1e-4 * t * slope {
                accepted = Some(candidate);
                break;
            }
            t *= 0.5;
        }
        match accepted {
            Some(next) => theta = next,
            None => {
                // No progress possible at this precision: converged if the gradient has vanished.
                let status =
                    if g[0].abs().max(g[1].abs()) <= gradient_tol { Status::Converged } else { Status::Stalled };
                return NewtonResult { theta, iterations: iteration, status };
            }
        }
    }
    NewtonResult { theta, iterations: MAX_NEWTON, status: Status::Stalled }
}

/// Nelder–Mead on `-LL(ln alpha, ln beta)` from `start`; returns the best vertex and the iterations.
fn nelder_mead(data: &Sufficient, start: [f64; 2]) -> ([f64; 2], u32) {
    let f = |p: [f64; 2]| -data.ll_at(p);
    let lerp = |p: [f64; 2], q: [f64; 2], t: f64| [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
    let mut simplex = [start, [start[0] + 0.5, start[1]], [start[0], start[1] + 0.5]].map(|p| (p, f(p)));
    let mut iterations = 0;
    while iterations < MAX_NELDER_MEAD {
        simplex.sort_by(|x, y| x.1.total_cmp(&y.1));
        let [(best, f_best), (_, f_mid), (worst, f_worst)] = simplex;
        let size = simplex.iter().map(|(p, _)| (p[0] - best[0]).abs().max((p[1] - best[1]).abs())).fold(0.0, f64::max);
        if (f_worst - f_best).abs() <= 1e-13 * (1.0 + f_best.abs()) && size < 1e-9 {
            break;
        }
        iterations += 1;
        let centroid = lerp(simplex[0].0, simplex[1].0, 0.5);
        let reflected = lerp(centroid, worst, -1.0);
        let f_reflected = f(reflected);
        if f_reflected < f_best {
            let expanded = lerp(centroid, worst, -2.0);
            let f_expanded = f(expanded);
            simplex[2] = if f_expanded < f_reflected { (expanded, f_expanded) } else { (reflected, f_reflected) };
        } else if f_reflected < f_mid {
            simplex[2] = (reflected, f_reflected);
        } else {
            let contracted =
                if f_reflected < f_worst { lerp(centroid, reflected, 0.5) } else { lerp(centroid, worst, 0.5) };
            let f_contracted = f(contracted);
            if f_contracted < f_worst.min(f_reflected) {
                simplex[2] = (contracted, f_contracted);
            } else {
                for vertex in simplex.iter_mut().skip(1) {
                    let p = lerp(best, vertex.0, 0.5);
                    *vertex = (p, f(p));
                }
            }
        }
    }
    simplex.sort_by(|x, y| x.1.total_cmp(&y.1));
    (simplex[0].0, iterations)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGULAR: [u64; 8] = [1000, 631, 468, 382, 326, 289, 262, 241];

    #[test]
    fn sufficient_statistics_reproduce_the_direct_likelihood() -> Result<(), ModelError> {
        let data = Sufficient::from_cohorts(&[REGULAR])?;
        let (alpha, beta) = (0.7, 1.2);
        let model = SbgModel::new(alpha, beta)?;
        let mut direct = 0.0;
        for t in 1..REGULAR.len() {
            let churned = (REGULAR[t - 1] - REGULAR[t]) as f64;
            direct += churned * model.churn_probability(t as u32)?.ln();
        }
        direct += REGULAR[7] as f64 * model.survival(7).ln();
        let pooled = data.log_likelihood(alpha, beta);
        assert!((pooled - direct).abs() < 1e-9 * direct.abs(), "{pooled} vs {direct}");
        Ok(())
    }

    #[test]
    fn analytic_derivatives_match_finite_differences() -> Result<(), ModelError> {
        let data = Sufficient::from_cohorts(&[&REGULAR[..], &[500, 300, 250]])?;
        let (alpha, beta) = (0.8, 1.7);
        let e = data.evaluate(alpha, beta);
        let h = 1e-5;
        let grad_fd = |a: f64, b: f64| {
            [
                (data.log_likelihood(a + h, b) - data.log_likelihood(a - h, b)) / (2.0 * h),
                (data.log_likelihood(a, b + h) - data.log_likelihood(a, b - h)) / (2.0 * h),
            ]
        };
        let g = grad_fd(alpha, beta);
        assert!((g[0] - e.grad[0]).abs() < 1e-5 * e.grad[0].abs().max(1.0));
        assert!((g[1] - e.grad[1]).abs() < 1e-5 * e.grad[1].abs().max(1.0));
        let ga = data.evaluate(alpha + h, beta).grad;
        let gb = data.evaluate(alpha, beta + h).grad;
        let gam = data.evaluate(alpha - h, beta).grad;
        let gbm = data.evaluate(alpha, beta - h).grad;
        let fd = [(ga[0] - gam[0]) / (2.0 * h), (ga[1] - gam[1]) / (2.0 * h), (gb[1] - gbm[1]) / (2.0 * h)];
        for (numeric, exact) in fd.iter().zip(e.hess) {
            assert!((numeric - exact).abs() < 1e-5 * exact.abs().max(1.0), "{numeric} vs {exact}");
        }
        Ok(())
    }

    #[test]
    fn nelder_mead_fallback_finds_the_newton_maximum() -> Result<(), ModelError> {
        let data = Sufficient::from_cohorts(&[REGULAR])?;
        let newton = newton(&data, data.start());
        assert_eq!(newton.status, Status::Converged);
        let (nm, iterations) = nelder_mead(&data, [2.0, -2.0]);
        assert!(iterations < MAX_NELDER_MEAD);
        assert!((nm[0] - newton.theta[0]).abs() < 1e-6, "{nm:?} vs {:?}", newton.theta);
        assert!((nm[1] - newton.theta[1]).abs() < 1e-6, "{nm:?} vs {:?}", newton.theta);
        Ok(())
    }

    #[test]
    fn newton_converges_from_far_away_starts() -> Result<(), ModelError> {
        let data = Sufficient::from_cohorts(&[REGULAR])?;
        let reference = newton(&data, data.start()).theta;
        for start in [[-5.0, 5.0], [5.0, -5.0], [8.0, 8.0], [-8.0, -8.0], [0.0, 0.0]] {
            let result = newton(&data, start);
            assert_eq!(result.status, Status::Converged, "from {start:?}");
            assert!((result.theta[0] - reference[0]).abs() < 1e-8, "from {start:?}");
            assert!((result.theta[1] - reference[1]).abs() < 1e-8, "from {start:?}");
        }
        Ok(())
    }
}
