//! Maximum-likelihood estimation of the sBG model from cohort survival counts: [`SbgFit`] `= Fit<SbgModel>`.

use super::likelihood::Sufficient;
use super::model::{MAX_PARAMETER, MIN_PARAMETER, SbgModel};
use crate::error::ModelError;
use crate::fit::{Fit, standard_errors};
use crate::optim::newton::{MaximizeOptions, maximize};
use crate::optim::transform::{LOG_BOUND, LogParams};
use crate::optim::{Objective, Status, nelder_mead};

/// A maximum-likelihood fit of the [`SbgModel`] to cohort survival counts: [`Fit`] for the sBG.
///
/// Made by [`SbgFit::fit`] (one cohort) or [`SbgFit::fit_cohorts`] (several cohorts sharing `alpha` and
/// `beta`). `std_err` holds the standard errors of `alpha` and `beta` (also [`SbgFit::std_err_alpha`],
/// [`SbgFit::std_err_beta`]); `converged` means a Newton step on a negative-definite Hessian below `1e-9`
/// in `ln alpha` and `ln beta`, or a vanishing gradient. Serializes to the JSON model file described in
/// the [crate documentation](crate#json-model-files).
///
/// ```
/// use ltv_models::SbgFit;
///
/// // Fader & Hardie (2007), "regular" customers: 1000 at the start, 241 left after 7 renewals.
/// let fit = SbgFit::fit(&[1000, 631, 468, 382, 326, 289, 262, 241])?;
/// assert!(fit.converged);
/// assert!((fit.model.alpha() - 0.704).abs() < 5e-4);
/// assert!((fit.model.beta() - 1.182).abs() < 5e-4);
/// assert!(fit.std_err_alpha().is_some_and(|se| se < 0.1));
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
pub type SbgFit = Fit<SbgModel>;

/// Why there is no finite maximum when the data show no heterogeneity.
const HOMOGENEOUS: &str = "alpha and beta grow without bound: retention does not rise over time (no sign \
     of heterogeneity), so the sBG is no better than its limit, a constant churn rate (geometric \
     lifetime); fit that instead";

/// The first Nelder–Mead simplex step in `ln alpha` and `ln beta`.
const NELDER_MEAD_STEP: f64 = 0.5;

impl Fit<SbgModel> {
    #[allow(clippy::self_named_constructors, reason = "`SbgFit::fit` is the established name")]
    /// Fits the sBG model to one cohort: `surviving[t]` customers still subscribed at the start of period
    /// `t` for `t = 0..=k`, so `surviving[0]` is the cohort size and `surviving[t - 1] - surviving[t]`
    /// customers churned at the `t`-th renewal decision. See [`Self::fit_cohorts`].
    ///
    /// # Errors
    /// As for [`Self::fit_cohorts`].
    pub fn fit(surviving: &[u64]) -> Result<Self, ModelError> {
        Self::fit_cohorts(&[surviving])
    }

    /// Fits the sBG model by maximum likelihood to several cohorts that share `alpha` and `beta`, each
    /// observed for its own number of periods (e.g. customers acquired in successive years, the older
    /// cohorts observed longer).
    ///
    /// Each cohort is a slice of non-increasing counts `surviving[0..=k]` as for [`Self::fit`]. The
    /// log-likelihood (Fader & Hardie 2007) is, summed over cohorts,
    ///
    /// `LL(alpha, beta) = sum_{t=1}^{k} (surviving[t-1] - surviving[t]) ln P(T = t) + surviving[k] ln S(k)`;
    ///
    /// the customers still subscribed after `k` periods are right-censored. By the sBG recursions this is
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
    ///   [`ModelError::IncreasingSurviving`], [`ModelError::CustomerCountOverflow`] for malformed data;
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

        let objective = LogParams::new(&data);
        let options = MaximizeOptions::new(1e-8 * (data.n_customers as f64).max(1.0), LOG_BOUND);
        let mut iterations = 0_u32;
        let mut result = maximize(&objective, data.start().to_vec(), &options);
        iterations += result.iterations;
        if result.status == Status::Stalled {
            let (best, nm_iterations) = nelder_mead::minimize(|x| -objective.value(x), &result.x, NELDER_MEAD_STEP);
            iterations += nm_iterations;
            result = maximize(&objective, best, &options);
            iterations += result.iterations;
        }
        if result.status == Status::Diverged {
            return Err(ModelError::NoFiniteMaximum {
                reason: match (result.x[0] > 0.0, result.x[1] > 0.0) {
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

        let (alpha, beta) = (result.x[0].exp(), result.x[1].exp());
        let domain = MIN_PARAMETER..=MAX_PARAMETER;
        if !(domain.contains(&alpha) && domain.contains(&beta)) {
            return Err(ModelError::NoFiniteMaximum {
                reason: if alpha > MAX_PARAMETER && beta > MAX_PARAMETER {
                    HOMOGENEOUS
                } else {
                    "the likelihood's maximum has alpha or beta outside [1e-8, 1e8], the domain of the \
                     model: the data are too few or too degenerate to identify both parameters"
                },
            });
        }
        let model = SbgModel::new(alpha, beta)?;
        let eval = data.evaluate(alpha, beta);
        // As alpha, beta -> infinity with alpha / (alpha + beta) = p fixed, the sBG tends to the geometric
        // model, so the sBG likelihood's supremum is at least the geometric maximum. If the optimizer's
        // point does not beat it, the supremum is that limit (the optimizer stopped on the flat ridge
        // towards it), and there is no finite maximum.
        if eval.ll <= data.geometric_log_likelihood() + 1e-12 * (1.0 + eval.ll.abs()) {
            return Err(ModelError::NoFiniteMaximum { reason: HOMOGENEOUS });
        }
        let [haa, hab, hbb] = eval.hess;
        Ok(Self {
            model,
            log_likelihood: eval.ll,
            std_err: standard_errors(&[haa, hab, hab, hbb], 2),
            n_customers: data.n_customers,
            n_cohorts: data.n_cohorts,
            iterations,
            converged: result.status == Status::Converged,
        })
    }

    /// The asymptotic standard error of `alpha` (`std_err[0]`): the square root of the `alpha` diagonal
    /// element of the inverse observed information matrix. `None` when that matrix is not positive
    /// definite (only possible when the fit did not converge).
    #[must_use]
    pub fn std_err_alpha(&self) -> Option<f64> {
        self.std_err.first().copied().flatten()
    }

    /// The asymptotic standard error of `beta` (`std_err[1]`), as for [`Self::std_err_alpha`].
    #[must_use]
    pub fn std_err_beta(&self) -> Option<f64> {
        self.std_err.get(1).copied().flatten()
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::Outcome;

    fn newton(data: &Sufficient, start: [f64; 2]) -> Outcome {
        let options = MaximizeOptions::new(1e-8 * (data.n_customers as f64).max(1.0), LOG_BOUND);
        maximize(&LogParams::new(data), start.to_vec(), &options)
    }

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
        let objective = LogParams::new(&data);
        let (nm, iterations) = nelder_mead::minimize(|x| -objective.value(x), &[2.0, -2.0], NELDER_MEAD_STEP);
        assert!(iterations < nelder_mead::MAX_ITERATIONS);
        assert!((nm[0] - newton.x[0]).abs() < 1e-6, "{nm:?} vs {:?}", newton.x);
        assert!((nm[1] - newton.x[1]).abs() < 1e-6, "{nm:?} vs {:?}", newton.x);
        Ok(())
    }

    #[test]
    fn newton_converges_from_far_away_starts() -> Result<(), ModelError> {
        let data = Sufficient::from_cohorts(&[REGULAR])?;
        let reference = newton(&data, data.start()).x;
        for start in [[-5.0, 5.0], [5.0, -5.0], [8.0, 8.0], [-8.0, -8.0], [0.0, 0.0]] {
            let result = newton(&data, start);
            assert_eq!(result.status, Status::Converged, "from {start:?}");
            assert!((result.x[0] - reference[0]).abs() < 1e-8, "from {start:?}");
            assert!((result.x[1] - reference[1]).abs() < 1e-8, "from {start:?}");
        }
        Ok(())
    }
}
