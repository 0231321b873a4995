//! Newton's method (IRLS) for the L2-penalised logistic regression, and the scoring kernels.

use rayon::prelude::*;

use super::encoding::{Design, add_linear_terms, fill_block, target_values};
use super::inference::{self, Covariance};
use super::types::{FeatureSpec, LeadColumn, ScorerOptions, TrainingStats};
use crate::error::ModelError;
use crate::optim::newton::minimize;
use crate::optim::{Derivatives, Objective, Status, max_abs};

/// Rows per chunk. Fixed, so that partial sums, added in chunk order, do not depend on the thread count.
pub(crate) const CHUNK: usize = 4096;

/// The logistic function `1 / (1 + e^-x)`, without overflow for any finite `x`.
#[inline]
pub(crate) fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// `log(1 + e^x)`, without overflow or cancellation.
#[inline]
pub(crate) fn softplus(x: f64) -> f64 {
    x.max(0.0) + (-x.abs()).exp().ln_1p()
}

/// The log loss of one row with linear score `eta` and target `y` (0 or 1): `log(1 + e^eta) - y eta`.
#[inline]
pub(crate) fn row_log_loss(eta: f64, y: f64) -> f64 {
    softplus(eta) - y * eta
}

/// A dot product summed in 8 lanes (vectorizable and deterministic).
#[inline]
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut lanes = [0.0_f64; 8];
    let (a8, a_rest) = a.split_at(a.len() - a.len() % 8);
    let (b8, b_rest) = b.split_at(a8.len().min(b.len()));
    for (x, y) in a8.chunks_exact(8).zip(b8.chunks_exact(8)) {
        for k in 0..8 {
            lanes[k] += x[k] * y[k];
        }
    }
    let tail: f64 = a_rest.iter().zip(b_rest).map(|(x, y)| x * y).sum();
    lanes.iter().sum::<f64>() + tail
}

/// Loss, gradient and (optionally) Hessian of the data term over one chunk of rows.
struct Partial {
    loss: f64,
    grad: Vec<f64>,
    /// Lower triangle, row by row: `(a, b)` with `b <= a` at `a (a + 1) / 2 + b`.
    hess: Vec<f64>,
}

struct Problem<'a> {
    design: Design<'a>,
    y: &'a [f64],
    weight: Option<&'a [f64]>,
    c: f64,
    parallel: bool,
}

impl Problem<'_> {
    fn chunk(&self, theta: &[f64], index: usize, want_hess: bool, block: &mut Vec<f64>) -> Partial {
        let p1 = self.design.width + 1;
        let start = index * CHUNK;
        let m = CHUNK.min(self.design.n_rows - start);
        let mut eta = vec![theta[0]; m];
        add_linear_terms(&self.design, &theta[1..], start, &mut eta);
        let mut loss = 0.0;
        let mut residual = vec![0.0; m];
        let mut curvature = vec![0.0; m];
        for (i, &e) in eta.iter().enumerate() {
            let y = self.y[start + i];
            let s = self.weight.map_or(1.0, |w| w[start + i]);
            loss += s * row_log_loss(e, y);
            residual[i] = s * (sigmoid(e) - y);
            curvature[i] = s * sigmoid(e) * sigmoid(-e);
        }
        block.resize(p1 * m, 0.0);
        fill_block(&self.design, start, m, block);
        let column = |a: usize| &block[a * m..(a + 1) * m];
        let grad: Vec<f64> = (0..p1).map(|a| dot(&residual, column(a))).collect();
        let mut hess = Vec::new();
        if want_hess {
            hess.reserve(p1 * (p1 + 1) / 2);
            let mut weighted = vec![0.0; m];
            for a in 0..p1 {
                for (w, (&h, &z)) in weighted.iter_mut().zip(curvature.iter().zip(column(a))) {
                    *w = h * z;
                }
                for b in 0..=a {
                    hess.push(dot(&weighted, column(b)));
                }
            }
        }
        Partial { loss, grad, hess }
    }

    /// The penalised objective `C * loss + 0.5 ||beta||^2`, its gradient and Hessian (full, row-major;
    /// empty unless `want_hess`), and the unpenalised weighted loss sum.
    fn evaluate(&self, theta: &[f64], want_hess: bool) -> Evaluation {
        let p1 = theta.len();
        let n_chunks = self.design.n_rows.div_ceil(CHUNK);
        let partials: Vec<Partial> = if self.parallel {
            (0..n_chunks)
                .into_par_iter()
                .map_init(Vec::new, |block, k| self.chunk(theta, k, want_hess, block))
                .collect()
        } else {
            let mut block = Vec::new();
            (0..n_chunks).map(|k| self.chunk(theta, k, want_hess, &mut block)).collect()
        };
        let mut loss = 0.0;
        let mut grad = vec![0.0; p1];
        let mut packed = vec![0.0; p1 * (p1 + 1) / 2];
        for part in &partials {
            loss += part.loss;
            for (g, x) in grad.iter_mut().zip(&part.grad) {
                *g += x;
            }
            for (h, x) in packed.iter_mut().zip(&part.hess) {
                *h += x;
            }
        }
        let c = self.c;
        let penalty: f64 = theta[1..].iter().map(|b| b * b).sum::<f64>() * 0.5;
        let objective = c * loss + penalty;
        for (a, g) in grad.iter_mut().enumerate() {
            *g = c * *g + if a == 0 { 0.0 } else { theta[a] };
        }
        if !want_hess {
            return Evaluation { objective, loss, grad, hess: Vec::new() };
        }
        let mut hess = vec![0.0; p1 * p1];
        for a in 0..p1 {
            for b in 0..=a {
                let h = c * packed[a * (a + 1) / 2 + b] + if a == b && a > 0 { 1.0 } else { 0.0 };
                hess[a * p1 + b] = h;
                hess[b * p1 + a] = h;
            }
        }
        Evaluation { objective, loss, grad, hess }
    }
}

struct Evaluation {
    objective: f64,
    loss: f64,
    grad: Vec<f64>,
    hess: Vec<f64>,
}

impl Objective for Problem<'_> {
    fn dim(&self) -> usize {
        self.design.width + 1
    }

    fn value(&self, theta: &[f64]) -> f64 {
        self.evaluate(theta, false).objective
    }

    fn derivatives(&self, theta: &[f64], out: &mut Derivatives) {
        let e = self.evaluate(theta, true);
        *out = Derivatives { value: e.objective, gradient: e.grad, hessian: e.hess };
    }
}

/// The most Newton iterations a scorer's training may be given ([`ScorerOptions::max_iterations`]):
/// `1000` (Newton's method needs 5 to 10; the default is 100). A larger limit is an error naming
/// `max_iterations`, so that a tiny tolerance cannot keep training running for hours.
pub const MAX_SCORER_ITERATIONS: u32 = 1000;

fn check_options(options: &ScorerOptions) -> Result<(), ModelError> {
    if options.max_iterations > MAX_SCORER_ITERATIONS {
        return Err(ModelError::InvalidParameter {
            field: "max_iterations",
            value: f64::from(options.max_iterations),
            allowed: "at most MAX_SCORER_ITERATIONS = 1000 Newton iterations",
        });
    }
    if !(options.c.is_finite() && options.c > 0.0) {
        return Err(ModelError::InvalidParameter {
            field: "c",
            value: options.c,
            allowed: "a finite penalty C > 0 (scikit-learn's C; l2 = 1 / C)",
        });
    }
    if !(options.tolerance.is_finite() && options.tolerance > 0.0) {
        return Err(ModelError::InvalidParameter {
            field: "tolerance",
            value: options.tolerance,
            allowed: "a finite relative gradient tolerance > 0",
        });
    }
    Ok(())
}

fn invalid(field: &str, row: Option<usize>, reason: impl Into<String>) -> ModelError {
    ModelError::InvalidData { field: field.to_owned(), row, reason: reason.into() }
}

fn check_weights(weight: &[f64], n_rows: usize, reference: &str) -> Result<f64, ModelError> {
    if weight.len() != n_rows {
        return Err(ModelError::LengthMismatch {
            field: "sample_weight".to_owned(),
            reference: reference.to_owned(),
            expected: n_rows,
            found: weight.len(),
        });
    }
    if let Some(row) = weight.iter().position(|w| !(w.is_finite() && *w >= 0.0)) {
        return Err(invalid(
            "sample_weight",
            Some(row),
            format!("got {}, expected a finite weight >= 0", crate::Shown(weight[row])),
        ));
    }
    let total: f64 = weight.iter().sum();
    if total > 0.0 && total.is_finite() {
        Ok(total)
    } else {
        Err(invalid("sample_weight", None, "the weights sum to 0 (or overflow): give some rows a positive weight"))
    }
}

/// What training found, for [`LeadScorer::from_parts`](super::scorer::LeadScorer) to assemble.
pub(crate) struct Trained {
    pub(crate) specs: Vec<FeatureSpec>,
    pub(crate) coefficients: Vec<f64>,
    pub(crate) intercept: f64,
    pub(crate) training: TrainingStats,
    pub(crate) covariance: Covariance,
}

pub(crate) fn fit(
    features: &[LeadColumn<'_>],
    target: &LeadColumn<'_>,
    sample_weight: Option<&[f64]>,
    options: ScorerOptions,
) -> Result<Trained, ModelError> {
    check_options(&options)?;
    let y = target_values(target)?;
    let n_rows = y.len();
    let reference = features.first().map_or("features", |c| c.name);
    if let Some(column) = features.iter().find(|c| c.values.len() != n_rows) {
        return Err(ModelError::LengthMismatch {
            field: column.name.to_owned(),
            reference: target.name.to_owned(),
            expected: n_rows,
            found: column.values.len(),
        });
    }
    let total_weight = match sample_weight {
        Some(w) => check_weights(w, n_rows, reference)?,
        None => n_rows as f64,
    };
    if n_rows == 0 {
        return Err(invalid(target.name, None, "no rows: training needs leads"));
    }
    let weight_of = |i: usize| sample_weight.map_or(1.0, |w| w[i]);
    let positive_weight: f64 = (0..n_rows).filter(|&i| y[i] == 1.0).map(weight_of).sum();
    let negative_weight: f64 = (0..n_rows).filter(|&i| y[i] == 0.0).map(weight_of).sum();
    if positive_weight <= 0.0 || negative_weight <= 0.0 {
        let only = if positive_weight > 0.0 { 1 } else { 0 };
        return Err(invalid(
            target.name,
            None,
            format!(
                "every (weighted) lead has target {only}: training needs both converted (1) and not converted (0) leads"
            ),
        ));
    }
    let (design, specs) = Design::for_training(features, options.standardize, sample_weight, total_weight)?;
    let problem = Problem { design, y, weight: sample_weight, c: options.c, parallel: options.parallel };

    let start = vec![0.0; problem.dim()];
    let (outcome, at_solution) =
        minimize(&problem, start, options.tolerance, options.max_iterations).map_err(|_| {
            ModelError::NoFiniteMaximum {
                reason: "the Hessian of the lead scorer's penalised log-likelihood cannot be factorised, even with \
                     damping",
            }
        })?;
    let mut theta = outcome.x;
    // The Hessian C X'WX + P at the final coefficients (the optimizer's last evaluation is there).
    let covariance = inference::from_objective_hessian(&at_solution.hessian, theta.len(), options.c);
    // The unpenalised loss at the solution (the optimizer sees only the penalised objective).
    let eval = problem.evaluate(&theta, false);
    let (iterations, converged) = (outcome.iterations, outcome.status == Status::Converged);

    let n_positive = y.iter().filter(|&&v| v == 1.0).count() as u64;
    let training = TrainingStats {
        n_rows: n_rows as u64,
        n_positive,
        total_weight,
        objective: eval.objective,
        log_loss: eval.loss / total_weight,
        gradient_max: max_abs(&eval.grad),
        iterations,
        converged,
    };
    let intercept = theta[0];
    theta.remove(0);
    Ok(Trained { specs, coefficients: theta, intercept, training, covariance })
}

/// The linear scores of every row, chunk by chunk (in parallel when asked), each passed through `link`.
fn scores(design: &Design<'_>, coefficients: &[f64], intercept: f64, parallel: bool, link: fn(f64) -> f64) -> Vec<f64> {
    let mut out = vec![intercept; design.n_rows];
    let kernel = |(k, chunk): (usize, &mut [f64])| {
        add_linear_terms(design, coefficients, k * CHUNK, chunk);
        chunk.iter_mut().for_each(|x| *x = link(*x));
    };
    if parallel {
        out.par_chunks_mut(CHUNK).enumerate().for_each(kernel);
    } else {
        out.chunks_mut(CHUNK).enumerate().for_each(kernel);
    }
    out
}

/// The linear scores (log-odds) of every row.
pub(crate) fn linear_scores(design: &Design<'_>, coefficients: &[f64], intercept: f64, parallel: bool) -> Vec<f64> {
    scores(design, coefficients, intercept, parallel, |x| x)
}
