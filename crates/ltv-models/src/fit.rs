//! A maximum-likelihood fit of any [`Model`]: the model, the maximised log-likelihood, standard errors,
//! the data's size and how the optimizer did.

use crate::error::ModelError;
use crate::model::Model;

/// A maximum-likelihood fit of a [`Model`] `M` to data.
///
/// For the sBG this is [`SbgFit`](crate::SbgFit) `= Fit<SbgModel>`, made by
/// [`SbgFit::fit`](crate::SbgFit::fit) or [`SbgFit::fit_cohorts`](crate::SbgFit::fit_cohorts).
/// Serializes to the model's JSON model file with a `"fit"` object ([`Fit::to_json`], the serde impls),
/// described in the [crate documentation](crate#json-model-files).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Fit<M> {
    /// The fitted model (the maximum-likelihood parameters).
    pub model: M,
    /// The maximised log-likelihood (natural log; `<= 0` unless [`Model::LIKELIHOOD_IS_DENSITY`]).
    pub log_likelihood: f64,
    /// The asymptotic standard error of each parameter, in [`Model::PARAMS`] order: the square root of
    /// the diagonal of the inverse observed information matrix (minus the analytic Hessian of the
    /// log-likelihood in the parameters). `None` where that matrix is not positive definite (only possible
    /// when the fit did not converge).
    pub std_err: Vec<Option<f64>>,
    /// The number of customers in the data (for the sBG, the sum of the cohort sizes `surviving[0]`).
    pub n_customers: u64,
    /// The number of cohorts (independent groups of customers) the data came in; 1 for one table.
    pub n_cohorts: u64,
    /// The number of optimizer iterations (Newton steps, plus Nelder–Mead steps if it was needed).
    pub iterations: u32,
    /// Whether the optimizer met its convergence test.
    pub converged: bool,
}

impl<M: Model> Fit<M> {
    /// The standard error of the parameter named `param` (one of [`Model::PARAMS`]), `None` when not
    /// available or not a parameter of `M`.
    #[must_use]
    pub fn std_err_of(&self, param: &str) -> Option<f64> {
        M::PARAMS.iter().position(|p| *p == param).and_then(|i| self.std_err.get(i).copied().flatten())
    }

    /// Checks the statistics read from a file: a finite log-likelihood `<= 0`, standard errors finite
    /// and `> 0` (or absent), one per parameter, and `1 <= n_cohorts <= n_customers`.
    pub(crate) fn validate(&self) -> Result<(), ModelError> {
        if !(self.log_likelihood.is_finite() && (M::LIKELIHOOD_IS_DENSITY || self.log_likelihood <= 0.0)) {
            return Err(ModelError::InvalidParameter {
                field: "fit.log_likelihood",
                value: self.log_likelihood,
                allowed: if M::LIKELIHOOD_IS_DENSITY {
                    "a finite log-likelihood"
                } else {
                    "a finite log-likelihood <= 0"
                },
            });
        }
        if self.std_err.len() != M::PARAMS.len() {
            return Err(ModelError::InvalidData {
                field: "fit.std_err".to_owned(),
                row: None,
                reason: format!("got {} standard errors, expected {}", self.std_err.len(), M::PARAMS.len()),
            });
        }
        for (&field, value) in std_err_fields::<M>().iter().zip(&self.std_err) {
            if let Some(value) = *value
                && !(value.is_finite() && value > 0.0)
            {
                return Err(ModelError::InvalidParameter {
                    field,
                    value,
                    allowed: "a finite standard error > 0, or null",
                });
            }
        }
        if self.n_cohorts == 0 || self.n_cohorts > self.n_customers {
            return Err(ModelError::InvalidParameter {
                field: "fit.n_cohorts",
                value: self.n_cohorts as f64,
                allowed: "a number of cohorts >= 1 and <= fit.n_customers",
            });
        }
        Ok(())
    }
}

/// `"fit.std_err_<param>"` for each parameter of `M`, as `'static` field names for errors.
fn std_err_fields<M: Model>() -> Vec<&'static str> {
    M::PARAMS
        .iter()
        .map(|p| match *p {
            "alpha" => "fit.std_err_alpha",
            "beta" => "fit.std_err_beta",
            "r" => "fit.std_err_r",
            "a" => "fit.std_err_a",
            "b" => "fit.std_err_b",
            "s" => "fit.std_err_s",
            "p" => "fit.std_err_p",
            "q" => "fit.std_err_q",
            "gamma" => "fit.std_err_gamma",
            "delta" => "fit.std_err_delta",
            _ => "fit.std_err",
        })
        .collect()
}

/// `sqrt(x)` when that is a finite number `> 0`.
fn positive_sqrt(x: f64) -> Option<f64> {
    let s = x.sqrt();
    (s.is_finite() && s > 0.0).then_some(s)
}

/// The standard errors from the Hessian `hessian` (`n x n`, row-major) of the log-likelihood in the
/// parameters: the square roots of the diagonal of `(-H)^-1`, all `None` when `-H` is not positive
/// definite. 2 x 2 in closed form, larger by Cholesky.
pub(crate) fn standard_errors(hessian: &[f64], n: usize) -> Vec<Option<f64>> {
    if n == 2 {
        let (i_aa, i_ab, i_bb) = (-hessian[0], -hessian[1], -hessian[3]);
        let det = i_aa * i_bb - i_ab * i_ab;
        return if i_aa > 0.0 && det > 0.0 && det.is_finite() {
            vec![positive_sqrt(i_bb / det), positive_sqrt(i_aa / det)]
        } else {
            vec![None, None]
        };
    }
    let information: Vec<f64> = hessian.iter().map(|h| -h).collect();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut unit = vec![0.0; n];
        unit[i] = 1.0;
        match crate::optim::newton::cholesky_solve(&information, &unit, 0.0) {
            Some(column) => out.push(positive_sqrt(column[i])),
            None => return vec![None; n],
        }
    }
    out
}

/// Checks an L2 penalty coefficient: finite and `>= 0`.
pub(crate) fn check_penalty(penalty: f64) -> Result<(), crate::error::ModelError> {
    if penalty.is_finite() && penalty >= 0.0 {
        Ok(())
    } else {
        Err(crate::error::ModelError::InvalidParameter {
            field: "penalty",
            value: penalty,
            allowed: "a finite L2 penalty coefficient >= 0",
        })
    }
}

/// The covariance matrix (row-major `n x n`) from the Hessian `hessian` of the (penalised) log-likelihood in
/// the parameters: `(-H)^-1` by Cholesky, column by column (the columns [`standard_errors`] takes the
/// diagonal of), the two triangles averaged (symmetric up to rounding by construction).
///
/// # Errors
/// [`ModelError::NoFiniteMaximum`](crate::error::ModelError::NoFiniteMaximum) when `-H` is not positive
/// definite (the parameters are not a maximum of the objective).
pub(crate) fn covariance_from_hessian(hessian: &[f64], n: usize) -> Result<Vec<f64>, crate::error::ModelError> {
    let singular = crate::error::ModelError::NoFiniteMaximum {
        reason: "the observed information at these parameters is not positive definite (not a maximum of the \
                 likelihood of these data): fit the model to the data first",
    };
    if hessian.len() != n * n || !hessian.iter().all(|h| h.is_finite()) {
        return Err(singular);
    }
    let information: Vec<f64> = hessian.iter().map(|h| -h).collect();
    let mut out = vec![0.0; n * n];
    for j in 0..n {
        let mut unit = vec![0.0; n];
        unit[j] = 1.0;
        let column = crate::optim::newton::cholesky_solve(&information, &unit, 0.0).ok_or(singular.clone())?;
        for (i, v) in column.iter().enumerate() {
            out[i * n + j] = *v;
        }
    }
    for i in 0..n {
        for j in 0..i {
            let m = 0.5 * (out[i * n + j] + out[j * n + i]);
            out[i * n + j] = m;
            out[j * n + i] = m;
        }
    }
    if out.iter().all(|v| v.is_finite()) && (0..n).all(|i| out[i * (n + 1)] > 0.0) { Ok(out) } else { Err(singular) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_errors_invert_the_information() {
        // -H = [[4, 1, 0], [1, 3, 0], [0, 0, 2]]: the inverse's diagonal is 3/11, 4/11, 1/2.
        let h = [-4.0, -1.0, 0.0, -1.0, -3.0, 0.0, 0.0, 0.0, -2.0];
        let se = standard_errors(&h, 3);
        let want = [(3.0_f64 / 11.0).sqrt(), (4.0_f64 / 11.0).sqrt(), 0.5_f64.sqrt()];
        for (got, want) in se.iter().zip(want) {
            assert!(got.is_some_and(|g| (g - want).abs() < 1e-15), "{got:?} vs {want}");
        }
        let two = standard_errors(&[-4.0, -1.0, -1.0, -3.0], 2);
        assert!(two[0].is_some_and(|g| (g - (3.0_f64 / 11.0).sqrt()).abs() < 1e-15));
        assert_eq!(standard_errors(&[1.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, -1.0], 3), vec![None; 3]);
    }
}
