//! The sBG likelihood: sufficient statistics pooled over cohorts, the log-likelihood with its exact
//! gradient and Hessian, and the [`Objective`] the optimizers maximise.
//!
//! For one cohort with `surviving[t]` customers at the start of period `t`, `t = 0..=k`,
//! `LL(alpha, beta) = sum_{t=1}^{k} (surviving[t-1] - surviving[t]) ln P(T = t) + surviving[k] ln S(k)`;
//! by the sBG recursions this is `w ln alpha + sum_j u_j ln(beta + j) - sum_j v_j ln(alpha + beta + j)`,
//! with `w` the customers who churned, `u_j` those who made renewal `j + 1` and `v_j` those who faced it,
//! so its gradient and Hessian are exact sums of rational terms (no gamma functions).

use crate::error::ModelError;
use crate::optim::{Derivatives, Objective};

/// The sufficient statistics of the sBG likelihood, pooled over cohorts.
#[derive(Debug)]
pub(crate) struct Sufficient {
    /// `w`: customers who churned in their observed periods.
    pub(crate) churned: f64,
    /// `u_j`: customers who made renewal `j + 1` (surviving at the start of period `j + 1`).
    pub(crate) renewed: Vec<f64>,
    /// `v_j`: customers who faced renewal decision `j + 1` (surviving at the start of period `j`).
    pub(crate) at_risk: Vec<f64>,
    pub(crate) n_customers: u64,
    pub(crate) n_cohorts: u64,
}

/// The log-likelihood and its derivatives in `(alpha, beta)`.
pub(crate) struct Evaluation {
    pub(crate) ll: f64,
    /// `[d/d alpha, d/d beta]`.
    pub(crate) grad: [f64; 2],
    /// `[d2/d alpha2, d2/d alpha d beta, d2/d beta2]`.
    pub(crate) hess: [f64; 3],
}

impl Sufficient {
    /// Validates the cohorts and pools them.
    pub(crate) fn from_cohorts<C: AsRef<[u64]>>(cohorts: &[C]) -> Result<Self, ModelError> {
        if cohorts.is_empty() {
            return Err(ModelError::NoCohorts);
        }
        let mut data = Self { churned: 0.0, renewed: Vec::new(), at_risk: Vec::new(), n_customers: 0, n_cohorts: 0 };
        for (cohort, surviving) in cohorts.iter().enumerate() {
            let surviving = surviving.as_ref();
            let (Some(&size), Some(&last)) = (surviving.first(), surviving.last()) else {
                return Err(ModelError::CohortTooShort { cohort, len: 0 });
            };
            if surviving.len() < 2 {
                return Err(ModelError::CohortTooShort { cohort, len: surviving.len() });
            }
            if size == 0 {
                return Err(ModelError::EmptyCohort { cohort });
            }
            let periods = surviving.len() - 1;
            if data.at_risk.len() < periods {
                data.at_risk.resize(periods, 0.0);
                data.renewed.resize(periods, 0.0);
            }
            for (j, pair) in surviving.windows(2).enumerate() {
                let (previous, current) = (pair[0], pair[1]);
                if current > previous {
                    return Err(ModelError::IncreasingSurviving { cohort, period: j + 1, previous, current });
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
    pub(crate) fn geometric_log_likelihood(&self) -> f64 {
        let decisions: f64 = self.at_risk.iter().sum();
        let renewals = decisions - self.churned;
        let xlnp = |x: f64| if x > 0.0 { x * (x / decisions).ln() } else { 0.0 };
        xlnp(self.churned) + xlnp(renewals)
    }

    /// The log-likelihood with its exact gradient and Hessian in `(alpha, beta)`.
    pub(crate) fn evaluate(&self, alpha: f64, beta: f64) -> Evaluation {
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

    /// The start: `alpha`, `beta` that match the pooled retention rates of the first two periods,
    /// `r_1 = beta / (alpha + beta)` and `r_2 = (beta + 1) / (alpha + beta + 1)`, in `(ln alpha, ln beta)`.
    pub(crate) fn start(&self) -> [f64; 2] {
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

impl Objective for Sufficient {
    fn dim(&self) -> usize {
        2
    }

    /// `LL(alpha, beta)` at `p = [alpha, beta]`.
    #[inline]
    fn value(&self, p: &[f64]) -> f64 {
        self.log_likelihood(p[0], p[1])
    }

    #[inline]
    fn derivatives(&self, p: &[f64], out: &mut Derivatives) {
        let e = self.evaluate(p[0], p[1]);
        let [haa, hab, hbb] = e.hess;
        out.set(e.ll, &e.grad, &[haa, hab, hab, hbb]);
    }
}
