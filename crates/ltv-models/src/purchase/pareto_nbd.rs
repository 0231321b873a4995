//! The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): [`ParetoNbdModel`], its predictions, its
//! likelihood and its fit [`ParetoNbdFit`].

use rayon::prelude::*;

use super::bg_nbd::{MAX_PURCHASE_PARAMETER, MIN_PURCHASE_PARAMETER};
use super::data::{MergedRow, PurchaseHistories, check_customer, merge};
use super::simulate::SimulatedTransactions;
use super::{PurchaseFitOptions, PurchaseModel, check_alive_history, check_count, check_horizon};
use crate::error::ModelError;
use crate::fit::{Fit, check_penalty, covariance_from_hessian, standard_errors};
use crate::model::{Model, check_param_count};
use crate::optim::newton::{MaximizeOptions, maximize};
use crate::optim::transform::{LOG_BOUND, LogParams};
use crate::optim::{Derivatives, Objective, Status, nelder_mead};
use crate::special::gamma::ln_gamma;
use crate::special::hyp2f1_derivatives::hyp2f1_one_derivatives;
use crate::special::jet::{Jet, Scalar};
use crate::special::quadrature::integrate;
use crate::special::{SeriesError, hyp2f1_one};

/// The largest continuous discount rate per time unit [`ParetoNbdModel::discounted_expected_residual_transactions`]
/// accepts.
const MAX_DISCOUNT_RATE: f64 = 1e9;

/// The Pareto/NBD model of Schmittlein, Morrison & Colombo (1987): while alive, a customer buys as a
/// Poisson process with rate `lambda ~ Gamma(r, alpha)` (shape `r`, rate `alpha`); their lifetime is
/// exponential with rate `mu ~ Gamma(s, beta)`, independent of `lambda`; dropout is never observed.
///
/// The likelihood of `(x, t_x, T)` is Fader & Hardie's (2005) eq. (22)–(24), computed with the Gaussian
/// hypergeometric function after Euler's transformation: for `alpha >= beta`,
/// `L = Γ(r+x) α^r β^s / Γ(r) [ (α+T)^-(r+x) (β+T)^-s + s / (r+s+x) (F(t_x) - F(T)) ]` with
/// `F(τ) = (α+τ)^-(r+x) (β+τ)^-s 2F1(1, r+x; r+s+x+1; (α-β)/(α+τ))`, and for `alpha < beta`
/// `F(τ) = (α+τ)^(1-r-x) (β+τ)^-(s+1) 2F1(1, s+1; r+s+x+1; (β-α)/(β+τ))`. So the series argument is in
/// `[0, 1)` and every term is positive; the sum is formed in log space (`ln(e^a + e^b)`,
/// the difference `F(t_x) - F(T)` added to the first term with the largest exponent factored out), so no
/// customer history overflows or cancels (recency = age gives the first term alone, finite).
///
/// References: D. C. Schmittlein, D. G. Morrison and R. Colombo (1987), "Counting Your Customers: Who Are
/// They and What Will They Do Next?", *Management Science* 33(1), 1–24; P. S. Fader and B. G. S. Hardie
/// (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions" (note 008), eqs. (19), (22)
/// (the likelihood), (18) (`E[X(t)]`), (11) (`P(alive)`), (27) (conditional expectation); P. S. Fader,
/// B. G. S. Hardie and K. L. Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base
/// Analysis", *Journal of Marketing Research* 42(4), 415–430, eq. (2) (DERT).
///
/// ```
/// use ltv_models::{ParetoNbdModel, PurchaseModel};
///
/// // Fader, Hardie & Lee (2005), the CDNOW estimates (weeks).
/// let m = ParetoNbdModel::new(0.553, 10.578, 0.606, 11.669)?;
/// // A customer with 2 repeat purchases, the last at week 30.43 of 38.86: P(alive) 0.869.
/// let p = m.probability_alive(2.0, 30.43, 38.86)?;
/// assert_eq!((p * 1e3).round() / 1e3, 0.869);
/// // The customer who bought 1000 times long ago is gone (0, not NaN).
/// assert_eq!(m.probability_alive(1000.0, 1.0, 1000.0)?, 0.0);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParetoNbdModel {
    r: f64,
    alpha: f64,
    s: f64,
    beta: f64,
}

/// A maximum-likelihood fit of the [`ParetoNbdModel`]: [`Fit`] for the Pareto/NBD (`std_err` in the
/// order `r, alpha, s, beta`; `n_cohorts` is 1).
///
/// ```
/// use ltv_models::{ParetoNbdFit, PurchaseFitOptions, PurchaseHistories};
///
/// // The CDNOW sample (Fader, Hardie & Lee 2005): 2,357 customers' (x, t_x, T) in weeks.
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cdnow_cbs_holdout.csv");
/// let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
/// let (mut x, mut tx, mut age) = (vec![], vec![], vec![]);
/// for line in text.lines().skip(1) {
///     let cols: Vec<f64> = line.split(',').map(|v| v.parse().unwrap_or(f64::NAN)).collect();
///     (x.push(cols[1]), tx.push(cols[2]), age.push(cols[3]));
/// }
/// let fit = ParetoNbdFit::fit(&PurchaseHistories::new(&x, &tx, &age, None)?, &PurchaseFitOptions::default())?;
/// // Published: r 0.553, alpha 10.578, s 0.606, beta 11.669, LL -9595.0.
/// let m = fit.model;
/// let round3 = |v: f64| (v * 1e3).round() / 1e3;
/// assert_eq!([round3(m.r()), round3(m.alpha()), round3(m.s()), round3(m.beta())], [0.553, 10.578, 0.606, 11.669]);
/// assert_eq!((fit.log_likelihood * 10.0).round() / 10.0, -9595.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type ParetoNbdFit = Fit<ParetoNbdModel>;

fn check_parameter(field: &'static str, value: f64) -> Result<(), ModelError> {
    if (MIN_PURCHASE_PARAMETER..=MAX_PURCHASE_PARAMETER).contains(&value) {
        Ok(())
    } else {
        Err(ModelError::InvalidParameter { field, value, allowed: "a number in [1e-8, 1e8]" })
    }
}

/// The error for a hypergeometric series or integral that did not converge at these parameters.
fn not_converged(what: &str) -> ModelError {
    ModelError::InvalidData {
        field: "params".to_owned(),
        row: None,
        reason: format!(
            "the {what} did not converge for these parameters and this history (alpha and beta more than \
             about 1e6 apart relative to the customer's recency): rescale the time unit or refit"
        ),
    }
}

/// `ln 2F1(1, b; c; z)`, with its derivatives when `S` carries them.
fn ln_series<S: Scalar>(b: S, c: S, z: S) -> Result<S, SeriesError> {
    if S::DERIVATIVES {
        let d = hyp2f1_one_derivatives(b.val(), c.val(), z.val())?;
        let g = d.value;
        let grad = d.gradient.map(|v| v / g);
        let mut hess = [[0.0; 3]; 3];
        for u in 0..3 {
            for w in 0..3 {
                hess[u][w] = d.hessian[u][w] / g - grad[u] * grad[w];
            }
        }
        Ok(S::compose3(g.ln(), &grad, &hess, &[b, c, z]))
    } else {
        Ok(S::cst(hyp2f1_one(b.val(), c.val(), z.val())?.ln()))
    }
}

/// `ln F(τ)` (see [`ParetoNbdModel`]).
fn ln_f<S: Scalar>(p: &[S; 4], x: f64, tau: f64) -> Result<S, SeriesError> {
    let [r, alpha, s, beta] = *p;
    let rx = r.add_c(x);
    let c = (rx + s).add_c(1.0);
    let (ln_a, ln_b) = (alpha.add_c(tau).ln(), beta.add_c(tau).ln());
    if alpha.val() >= beta.val() {
        let z = (alpha - beta) / alpha.add_c(tau);
        Ok(ln_series(rx, c, z)? - rx * ln_a - s * ln_b)
    } else {
        let z = (beta - alpha) / beta.add_c(tau);
        let b = s.add_c(1.0);
        Ok(ln_series(b, c, z)? + (-rx).add_c(1.0) * ln_a - b * ln_b)
    }
}

/// The pieces of one customer's log-likelihood: `ln L = ln C + ln_sum`, `ln_sum = ln(e^a1 + K F(t_x) - K F(T))`
/// with `K = s / (r + s + x)`, and `a1` (so `P(alive) = e^(a1 - ln_sum)`).
///
/// The difference is summed directly, not as `ln F(t_x) + ln(1 - F(T) / F(t_x))`: the latter's derivatives
/// cancel catastrophically when `t_x` is close to `T` (huge `1 / (1 - e^d)` terms that the log-sum-exp
/// weight cancels), while the sum is well conditioned: `e^a1 >= K F(T)` (the first term is the integral
/// from `T` of a density that includes the dropout term), so `e^a1 - K F(T) >= (r + x) / (r + s + x) e^a1`
/// up to rounding, and no term cancels more than the others sum to.
struct Terms<S> {
    ln_c: S,
    a1: S,
    ln_sum: S,
}

/// `ln C = ln Γ(r+x) - ln Γ(r) + r ln α + s ln β`.
fn ln_c<S: Scalar>(p: &[S; 4], x: f64) -> S {
    let [r, alpha, s, beta] = *p;
    let gammas = if x == 0.0 { S::cst(0.0) } else { r.add_c(x).ln_gamma() - r.ln_gamma() };
    gammas + r * alpha.ln() + s * beta.ln()
}

fn terms<S: Scalar>(p: &[S; 4], x: f64, tx: f64, age: f64) -> Result<Terms<S>, SeriesError> {
    let (a1, ln_sum) = history_terms(p, x, tx, age)?;
    Ok(Terms { ln_c: ln_c(p, x), a1, ln_sum })
}

/// `(a1, ln_sum)` of [`Terms`]: the part of the log-likelihood that depends on the history beyond `x`.
fn history_terms<S: Scalar>(p: &[S; 4], x: f64, tx: f64, age: f64) -> Result<(S, S), SeriesError> {
    let [r, alpha, s, beta] = *p;
    let rx = r.add_c(x);
    let a1 = -(rx * alpha.add_c(age).ln()) - s * beta.add_c(age).ln();
    if tx >= age {
        return Ok((a1, a1));
    }
    let ln_k = s.ln() - (rx + s).ln();
    let (b_tx, b_age) = (ln_k + ln_f(p, x, tx)?, ln_k + ln_f(p, x, age)?);
    let m = a1.val().max(b_tx.val());
    let sum = a1.add_c(-m).exp() + b_tx.add_c(-m).exp() - b_age.add_c(-m).exp();
    if sum.val().is_nan() || sum.val() <= 0.0 {
        // Only reachable through rounding when t_x is within rounding of T: the first term alone.
        return Ok((a1, a1));
    }
    Ok((a1, sum.ln().add_c(m)))
}

fn customer_ll<S: Scalar>(p: &[S; 4], x: f64, tx: f64, age: f64) -> Result<S, SeriesError> {
    let t = terms(p, x, tx, age)?;
    Ok(t.ln_c + t.ln_sum)
}

/// `(1 - (1 + u)^-(s - 1)) / (s - 1)`, and its limit `ln(1 + u)` at `s = 1`, without cancellation.
fn dropout_integral(s: f64, u: f64) -> f64 {
    let l = u.ln_1p();
    let a = (s - 1.0) * l;
    if a.abs() < 1e-8 { l * (1.0 - 0.5 * a + a * a / 6.0) } else { -(-a).exp_m1() / (s - 1.0) }
}

/// `E[1 / (m + y)]` for `m ~ Gamma(s, 1)`, `y > 0`: `∫_0^∞ e^(-y v) (1 + v)^-s dv`, integrated over
/// `u = ln(1 + v)` up to where `e^(-y (e^u - 1))` is below `e^-80` of the integrand's peak.
fn inverse_mean(s: f64, y: f64) -> Result<f64, ModelError> {
    let upper = (((80.0 + (1.0 - s).max(0.0) * (1.0 / y).ln_1p()) / y).ln_1p()).max(1.0);
    let f = |u: f64| (-y * u.exp_m1() + (1.0 - s) * u).exp();
    integrate(f, 0.0, upper, 1e-13).map_err(|_| not_converged("integral of the discounted lifetime"))
}

impl ParetoNbdModel {
    /// A model with purchase-rate shape `r` and rate `alpha`, dropout-rate shape `s` and rate `beta`, each
    /// in `[1e-8, 1e8]`.
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] naming the first parameter out of its domain.
    pub fn new(r: f64, alpha: f64, s: f64, beta: f64) -> Result<Self, ModelError> {
        check_parameter("r", r)?;
        check_parameter("alpha", alpha)?;
        check_parameter("s", s)?;
        check_parameter("beta", beta)?;
        Ok(Self { r, alpha, s, beta })
    }

    /// The shape of the purchase-rate distribution.
    #[must_use]
    pub fn r(&self) -> f64 {
        self.r
    }

    /// The rate (inverse scale, in time units) of the purchase-rate distribution.
    #[must_use]
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// The shape of the dropout-rate distribution.
    #[must_use]
    pub fn s(&self) -> f64 {
        self.s
    }

    /// The rate (inverse scale, in time units) of the dropout-rate distribution.
    #[must_use]
    pub fn beta(&self) -> f64 {
        self.beta
    }

    fn jets(&self) -> [f64; 4] {
        [self.r, self.alpha, self.s, self.beta]
    }

    fn checked_terms(&self, x: f64, tx: f64, age: f64) -> Result<Terms<f64>, ModelError> {
        check_customer(x, tx, age)?;
        terms(&self.jets(), x, tx, age).map_err(|_| not_converged("hypergeometric series of the likelihood"))
    }

    /// Discounted expected residual transactions (DERT) of a customer with history `(x, t_x, T)`, with
    /// continuous discounting at rate `discount_rate` per time unit (`delta > 0`; `e^-delta` is the
    /// value of 1 one time unit ahead): `E[∫_T^∞ e^(-δ(t - T)) dY(t) | x, t_x, T]`.
    ///
    /// Fader, Hardie & Lee (2005), eq. (2):
    /// `DERT = α^r β^s δ^(s-1) Γ(r+x+1) U(s, s; δ(β+T)) / (Γ(r) (α+T)^(r+x+1) L(r, α, s, β | x, t_x, T))`
    /// with `U` the confluent hypergeometric function of the second kind. Equivalently (and so computed)
    /// `DERT = P(alive) (r+x) / (α+T) (β+T) E[1 / (m + δ(β+T))]`, `m ~ Gamma(s, 1)`, the expectation an
    /// integral by adaptive Gauss–Kronrod quadrature (the continued fraction of `U` converges too slowly at
    /// the small arguments of weekly or daily discount rates).
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] naming `discount_rate` unless it is in `(0, 1e9]`; as for
    /// [`PurchaseModel::probability_alive`].
    pub fn discounted_expected_residual_transactions(
        &self,
        discount_rate: f64,
        frequency: f64,
        recency: f64,
        age: f64,
    ) -> Result<f64, ModelError> {
        check_discount_rate(discount_rate)?;
        let alive = self.probability_alive(frequency, recency, age)?;
        Ok(alive * self.residual_if_alive(discount_rate, frequency, age)?)
    }

    /// The DERT of a customer alive now with `(x, T)`: `(r+x) / (α+T) (β+T) E[1 / (m + δ(β+T))]`.
    fn residual_if_alive(&self, discount_rate: f64, frequency: f64, age: f64) -> Result<f64, ModelError> {
        let mean = inverse_mean(self.s, discount_rate * (self.beta + age))?;
        let live = (self.r + frequency) / (self.alpha + age) * (self.beta + age) * mean;
        finite(live, "discounted expected residual transactions")
    }

    /// [`ParetoNbdModel::discounted_expected_residual_transactions`] of every customer at one
    /// `discount_rate`, the same values (bit for bit): `P(alive)` per customer times the DERT of a live
    /// customer, computed once per distinct `(x, T)`, in parallel.
    ///
    /// ```
    /// use ltv_models::ParetoNbdModel;
    ///
    /// let m = ParetoNbdModel::new(0.553, 10.578, 0.606, 11.669)?;
    /// let delta = 1.15_f64.ln() / 52.0;
    /// let all = m.discounted_expected_residual_transactions_columns(delta, &[2.0, 2.0, 0.0], &[30.43, 5.0, 0.0], &[38.86; 3])?;
    /// assert_eq!(all[1], m.discounted_expected_residual_transactions(delta, 2.0, 5.0, 38.86)?);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// As for [`ParetoNbdModel::discounted_expected_residual_transactions`], naming the first row at fault;
    /// [`ModelError::LengthMismatch`] for columns of different lengths.
    pub fn discounted_expected_residual_transactions_columns(
        &self,
        discount_rate: f64,
        frequency: &[f64],
        recency: &[f64],
        age: &[f64],
    ) -> Result<Vec<f64>, ModelError> {
        check_discount_rate(discount_rate)?;
        super::value::alive_times(self, frequency, recency, age, |x, t| self.residual_if_alive(discount_rate, x, t))
    }
}

fn check_discount_rate(discount_rate: f64) -> Result<(), ModelError> {
    if discount_rate.is_finite() && discount_rate > 0.0 && discount_rate <= MAX_DISCOUNT_RATE {
        Ok(())
    } else {
        Err(ModelError::InvalidParameter {
            field: "discount_rate",
            value: discount_rate,
            allowed: "a continuous discount rate per time unit in (0, 1e9]",
        })
    }
}

fn finite(value: f64, what: &str) -> Result<f64, ModelError> {
    if value.is_finite() { Ok(value) } else { Err(not_converged(what)) }
}

impl PurchaseModel for ParetoNbdModel {
    /// Fader & Hardie (2005, note 008), eq. (22)–(24), in log space (see [`ParetoNbdModel`]).
    fn log_likelihood(&self, frequency: f64, recency: f64, age: f64) -> Result<f64, ModelError> {
        check_customer(frequency, recency, age)?;
        customer_ll(&self.jets(), frequency, recency, age)
            .map_err(|_| not_converged("hypergeometric series of the likelihood"))
    }

    /// `E[X(t)] = r β / (α (s - 1)) [1 - (β / (β + t))^(s-1)]` (note 008, eq. 18; at `s = 1` its limit
    /// `r β / α ln(1 + t / β)`).
    fn expected_purchases(&self, t: f64) -> Result<f64, ModelError> {
        check_horizon(t)?;
        finite(self.r / self.alpha * self.beta * dropout_integral(self.s, t / self.beta), "expectation")
    }

    /// `E[Y(t) | x, t_x, T] = (r + x)(β + T) / ((α + T)(s - 1)) [1 - ((β + T) / (β + T + t))^(s-1)]
    /// P(alive | x, t_x, T)` (note 008, eq. 27).
    fn conditional_expected_purchases(
        &self,
        t: f64,
        frequency: f64,
        recency: f64,
        age: f64,
    ) -> Result<f64, ModelError> {
        check_horizon(t)?;
        let alive = self.probability_alive(frequency, recency, age)?;
        let rate = (self.r + frequency) / (self.alpha + age) * (self.beta + age);
        finite(rate * dropout_integral(self.s, t / (self.beta + age)) * alive, "conditional expectation")
    }

    /// `(r + x) / (alpha + T) (beta + T) ∫_0^{t / (beta + T)} (1 + u)^-s du`: the posterior rates
    /// `lambda ~ Gamma(r + x, alpha + T)` and `mu ~ Gamma(s, beta + T)` of a customer alive at `T`.
    fn expected_purchases_if_alive(&self, t: f64, frequency: f64, age: f64) -> Option<Result<f64, ModelError>> {
        Some(check_alive_history(t, frequency, age).and_then(|()| {
            let rate = (self.r + frequency) / (self.alpha + age) * (self.beta + age);
            finite(rate * dropout_integral(self.s, t / (self.beta + age)), "conditional expectation")
        }))
    }

    /// `P(alive | x, t_x, T) = (α+T)^-(r+x) (β+T)^-s Γ(r+x) α^r β^s / (Γ(r) L)` (note 008, eq. 11), as
    /// `exp(a1 - ln(e^a1 + K F(t_x) - K F(T)))`: 0 (never NaN) for a customer whose last purchase is long past.
    fn probability_alive(&self, frequency: f64, recency: f64, age: f64) -> Result<f64, ModelError> {
        let t = self.checked_terms(frequency, recency, age)?;
        Ok((t.a1 - t.ln_sum).exp().clamp(0.0, 1.0))
    }

    /// `P(alive at T + t | x, t_x, T) = P(alive | x, t_x, T) ((β + T) / (β + T + t))^s`: alive at `T`, the
    /// dropout rate has the posterior `mu ~ Gamma(s, β + T)`, and `E[e^(-mu t)]` is its Laplace transform.
    fn probability_alive_at(&self, t: f64, frequency: f64, recency: f64, age: f64) -> Result<f64, ModelError> {
        check_horizon(t)?;
        let alive = self.probability_alive(frequency, recency, age)?;
        finite(alive * (-self.s * (t / (self.beta + age)).ln_1p()).exp(), "probability")
    }

    /// `P(X(t) = n)` for a new customer: the customer alive at `t` with `n` purchases from the NBD, plus
    /// those who died at `τ < t` after `n` purchases:
    /// `NBD(n; τ = t) (β / (β + t))^s + ∫_0^t NBD(n; τ) s β^s (β + τ)^-(s+1) dτ`, with
    /// `NBD(n; τ) = Γ(r+n) / (Γ(r) n!) (α/(α+τ))^r (τ/(α+τ))^n` (Fader & Hardie's 2006 note, "Deriving an
    /// Expression for P(X(t) = x) Under the Pareto/NBD Model", eq. 1–3 before the hypergeometric closed form,
    /// whose alternating sum cancels). The integral is summed by adaptive Gauss–Kronrod quadrature over
    /// `u = ln(1 + τ / α)`.
    fn probability_of_purchases(&self, n: u32, t: f64) -> Result<f64, ModelError> {
        check_horizon(t)?;
        check_count(n)?;
        count_probability(self.r, self.alpha, self.s, self.beta, n, t)
    }

    /// `P(Y(t) = n | x, t_x, T) = P(alive) P_post(X(t) = n) + [n = 0] (1 - P(alive))`: alive at `T`, the
    /// customer's rates have the posterior `lambda ~ Gamma(r + x, alpha + T)`, `mu ~ Gamma(s, beta + T)`
    /// (memorylessness), so the count in the next `t` is a new customer's under those parameters (see
    /// [`PurchaseModel::probability_of_purchases`]).
    fn conditional_probability_of_purchases(
        &self,
        n: u32,
        t: f64,
        frequency: f64,
        recency: f64,
        age: f64,
    ) -> Result<f64, ModelError> {
        check_horizon(t)?;
        check_count(n)?;
        let alive = self.probability_alive(frequency, recency, age)?;
        let given_alive = count_probability(self.r + frequency, self.alpha + age, self.s, self.beta + age, n, t)?;
        let dead = if n == 0 { 1.0 - alive } else { 0.0 };
        finite((alive * given_alive + dead).clamp(0.0, 1.0), "probability")
    }
}

/// `P(X(t) = n)` of a new customer under `(r, alpha, s, beta)` (see
/// [`PurchaseModel::probability_of_purchases`] for [`ParetoNbdModel`]).
fn count_probability(r: f64, alpha: f64, s: f64, beta: f64, n: u32, t: f64) -> Result<f64, ModelError> {
    if t == 0.0 {
        return Ok(if n == 0 { 1.0 } else { 0.0 });
    }
    let nf = f64::from(n);
    let ln_k = ln_gamma(r + nf) - ln_gamma(r) - ln_gamma(nf + 1.0);
    // ln NBD(n; τ) with u = ln(1 + τ/α): ln(α/(α+τ)) = -u, ln(τ/(α+τ)) = ln(1 - e^-u).
    let ln_nbd = |u: f64| {
        let tail = if n == 0 { 0.0 } else { nf * (-(-u).exp_m1()).ln() };
        ln_k - r * u + tail
    };
    let u_t = (t / alpha).ln_1p();
    let alive = (ln_nbd(u_t) - s * (t / beta).ln_1p()).exp();
    // dτ = α e^u du; τ = α (e^u - 1).
    let f = |u: f64| {
        let tau = alpha * u.exp_m1();
        (ln_nbd(u) + s.ln() - s * (tau / beta).ln_1p() - (beta + tau).ln() + alpha.ln() + u).exp()
    };
    let dead = integrate(f, 0.0, u_t, 1e-12).map_err(|_| not_converged("integral of P(X(t) = n)"))?;
    finite((alive + dead).clamp(0.0, 1.0), "probability")
}

impl ParetoNbdModel {
    /// Draws one synthetic customer per entry of `ages` (each customer's age `T`, observed from the first
    /// purchase), with a seeded generator, faithful to the model: `lambda ~ Gamma(r, alpha)`,
    /// `mu ~ Gamma(s, beta)`, an exponential lifetime with rate `mu`, and Poisson purchases at rate `lambda`
    /// until death or `T`. The same seed gives the same customers on every platform (the generator of the
    /// BG/NBD's simulation: splitmix64, Marsaglia–Tsang).
    ///
    /// # Errors
    /// [`ModelError::InvalidData`] naming `age` (and the row) for an age not in `(0, 1e9]`, no customers or
    /// more than `1e8` customers, or more than `1e9` purchases drawn in all (checked as they are drawn).
    pub fn simulate(&self, ages: &[f64], seed: u64) -> Result<PurchaseHistories, ModelError> {
        super::simulate::pareto(self.jets(), ages, seed, &mut super::simulate::Summaries)
    }

    /// Draws the same customers as [`ParetoNbdModel::simulate`] (same `ages`, same `seed`) as a transaction
    /// log: one row per purchase, the first purchase included at time 0 (see [`SimulatedTransactions`]).
    ///
    /// ```
    /// use ltv_models::ParetoNbdModel;
    ///
    /// let m = ParetoNbdModel::new(0.553, 10.578, 0.606, 11.669)?;
    /// let log = m.simulate_transactions(&[38.86; 100], 7)?;
    /// let summary = m.simulate(&[38.86; 100], 7)?;
    /// let first = log.customer.iter().filter(|&&c| c == 0).count();
    /// assert_eq!(first as f64 - 1.0, summary.frequency[0]);
    /// assert_eq!(log.customer.len() as f64, summary.frequency.iter().sum::<f64>() + 100.0);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// As for [`ParetoNbdModel::simulate`].
    pub fn simulate_transactions(&self, ages: &[f64], seed: u64) -> Result<SimulatedTransactions, ModelError> {
        let mut log = SimulatedTransactions::default();
        super::simulate::pareto(self.jets(), ages, seed, &mut log)?;
        Ok(log)
    }
}

impl Model for ParetoNbdModel {
    const TAG: &'static str = "pareto_nbd";
    const FORMAT_VERSION: u32 = 1;
    const PARAMS: &'static [&'static str] = &["r", "alpha", "s", "beta"];
    const LIKELIHOOD_IS_DENSITY: bool = true;

    fn params(&self) -> Vec<f64> {
        self.jets().to_vec()
    }

    fn from_params(params: &[f64]) -> Result<Self, ModelError> {
        check_param_count::<Self>(params)?;
        Self::new(params[0], params[1], params[2], params[3])
    }
}

impl ParetoNbdModel {
    /// The model as a JSON model file (compact, one line):
    /// `{"model":"pareto_nbd","format_version":1,"r":…,"alpha":…,"s":…,"beta":…}`.
    ///
    /// # Errors
    /// None in practice (the parameters are finite); the `Result` guards the serializer.
    pub fn to_json(&self) -> Result<String, ModelError> {
        crate::file::write_model(self, None)
    }

    /// Reads the parameters from a JSON model file, with or without a `"fit"` object.
    ///
    /// # Errors
    /// As for [`Fit::from_json`], except that a missing `"fit"` is allowed.
    pub fn from_json(json: &str) -> Result<Self, ModelError> {
        Ok(crate::file::read_model_json::<Self>(json)?.0)
    }
}

impl serde::Serialize for ParetoNbdModel {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::file::serialize_model(serializer, self, None)
    }
}

impl<'de> serde::Deserialize<'de> for ParetoNbdModel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let crate::file::Strict(value) = crate::file::Strict::deserialize(deserializer)?;
        crate::file::read_model_value::<Self>(value).map(|(model, _)| model).map_err(serde::de::Error::custom)
    }
}

/// Rows per parallel chunk of the likelihood sums (fixed, so the sum is the same on any thread count).
const CHUNK: usize = 2048;

/// Distinct rows of the subsample whose fit starts a fit to more than twice as many.
const SUBSAMPLE_ROWS: usize = 20_000;

/// The penalised log-likelihood of the data, as an [`Objective`] in `(r, alpha, s, beta)`, over the
/// distinct histories (identical rows merged into weights, [`super::data::merge`]).
pub(crate) struct Likelihood {
    rows: Vec<MergedRow>,
    /// `penalty * n_customers`: the penalty on the summed (not mean) log-likelihood.
    penalty: f64,
    /// `(x, sum of the weights of the rows with frequency x)`: `ln C` depends on the history only through
    /// `x`, so its `ln Γ` terms are evaluated once per distinct frequency, not once per row.
    by_frequency: Vec<(f64, f64)>,
}

impl Likelihood {
    /// `penalty` is the options' `c`, scaled here by the number of customers.
    fn new(data: &PurchaseHistories, penalty: f64) -> Self {
        Self::from_rows(merge(data).rows, penalty)
    }

    /// The likelihood of distinct rows; `penalty` the options' `c`.
    fn from_rows(rows: Vec<MergedRow>, penalty: f64) -> Self {
        let mut totals = std::collections::BTreeMap::new();
        let mut n = 0.0;
        for row in &rows {
            // Frequencies are whole numbers in [0, 1e7] (validated), so the cast is exact.
            *totals.entry(row.x as u64).or_insert(0.0) += row.w;
            n += row.w;
        }
        Self { rows, penalty: penalty * n, by_frequency: totals.into_iter().map(|(x, w)| (x as f64, w)).collect() }
    }

    /// Every `step`-th distinct row (weights unchanged): a deterministic subsample for a starting point.
    fn subsample(&self, step: usize, penalty: f64) -> Self {
        Self::from_rows(self.rows.iter().step_by(step.max(1)).copied().collect(), penalty)
    }

    /// The number of customers (the summed weights).
    fn total_weight(&self) -> f64 {
        self.by_frequency.iter().map(|&(_, w)| w).sum()
    }

    /// `sum_x W_x ln C(x)`.
    fn constant_part<S: Scalar>(&self, p: &[S; 4]) -> S {
        self.by_frequency.iter().fold(S::cst(0.0), |acc, &(x, w)| acc + ln_c(p, x).scale(w))
    }

    fn chunk_jet(&self, p: &[f64], rows: &[MergedRow]) -> Option<Jet<4>> {
        let jets: [Jet<4>; 4] = [Jet::var(p[0], 0), Jet::var(p[1], 1), Jet::var(p[2], 2), Jet::var(p[3], 3)];
        let mut sum = Jet::cst(0.0);
        for row in rows {
            let (_, ll) = history_terms(&jets, row.x, row.tx, row.t).ok()?;
            sum = sum + ll.scale(row.w);
        }
        Some(sum)
    }

    fn chunk_value(&self, p: &[f64; 4], rows: &[MergedRow]) -> f64 {
        let mut sum = 0.0;
        for row in rows {
            match history_terms(p, row.x, row.tx, row.t) {
                Ok((_, ll)) => sum += row.w * ll,
                Err(_) => return f64::NEG_INFINITY,
            }
        }
        sum
    }
}

impl Objective for Likelihood {
    fn dim(&self) -> usize {
        4
    }

    fn value(&self, p: &[f64]) -> f64 {
        let p = [p[0], p[1], p[2], p[3]];
        let parts: Vec<f64> = self.rows.par_chunks(CHUNK).map(|rows| self.chunk_value(&p, rows)).collect();
        let ll: f64 = parts.iter().sum::<f64>() + self.constant_part(&p);
        let v = ll - self.penalty * p.iter().map(|v| v * v).sum::<f64>();
        if v.is_nan() { f64::NEG_INFINITY } else { v }
    }

    fn derivatives(&self, p: &[f64], out: &mut Derivatives) {
        let parts: Vec<Option<Jet<4>>> = self.rows.par_chunks(CHUNK).map(|rows| self.chunk_jet(p, rows)).collect();
        let jets: [Jet<4>; 4] = [Jet::var(p[0], 0), Jet::var(p[1], 1), Jet::var(p[2], 2), Jet::var(p[3], 3)];
        let mut total = self.constant_part(&jets);
        for part in parts {
            match part {
                Some(j) => total = total + j,
                None => {
                    out.set(f64::NEG_INFINITY, &[f64::NAN; 4], &[f64::NAN; 16]);
                    return;
                }
            }
        }
        let mut hessian = [0.0; 16];
        let mut gradient = [0.0; 4];
        for i in 0..4 {
            gradient[i] = total.g[i] - 2.0 * self.penalty * p[i];
            for j in 0..4 {
                hessian[i * 4 + j] = total.h[i][j] - if i == j { 2.0 * self.penalty } else { 0.0 };
            }
        }
        let value = total.v - self.penalty * p.iter().map(|v| v * v).sum::<f64>();
        out.set(value, &gradient, &hessian);
    }
}

/// The first Nelder–Mead simplex step in log parameters.
const NELDER_MEAD_STEP: f64 = 0.5;

impl Fit<ParetoNbdModel> {
    #[allow(clippy::self_named_constructors, reason = "`ParetoNbdFit::fit` is the family's name")]
    /// Fits the Pareto/NBD model by maximum likelihood to `data` (weighted rows: a row of weight `w`
    /// counts as `w` customers with that history, so compressed patterns fit as the exploded rows do).
    ///
    /// Maximises the log-likelihood (minus the L2 penalty of [`PurchaseFitOptions`], times the number of
    /// customers; the reported `log_likelihood` is unpenalised) over the log parameters by Newton's method with a line search, with the exact
    /// gradient and Hessian (second-order forward-mode differentiation through the hypergeometric series,
    /// see `special::jet`), started at `r = s = 1`, `alpha` = mean age / mean frequency, `beta` = mean age
    /// (so the start, like the fit, scales with the time unit) unless `options.start` is given; Nelder–Mead takes over if Newton stalls.
    /// Standard errors are from the Hessian in the parameters at the optimum.
    ///
    /// # Errors
    /// As for [`PurchaseFitOptions`] for invalid options;
    /// [`ModelError::NoFiniteMaximum`] when the likelihood has no maximum with every parameter in
    /// `[1e-8, 1e8]` (e.g. no customer ever made a repeat purchase, or the data show no dropout).
    pub fn fit(data: &PurchaseHistories, options: &PurchaseFitOptions) -> Result<Self, ModelError> {
        options.validate(4)?;
        let n_customers = data.n_customers();
        let (mut sx, mut st) = (0.0, 0.0);
        for i in 0..data.len() {
            sx += data.weight[i] * data.frequency[i];
            st += data.weight[i] * data.age[i];
        }
        if sx == 0.0 {
            return Err(ModelError::NoFiniteMaximum {
                reason: "no customer made a repeat purchase, so the purchase rate r / alpha -> 0",
            });
        }
        let mean_age = st / n_customers;
        let mean_x = sx / n_customers;
        let likelihood = Likelihood::new(data, options.penalty);
        let objective = LogParams::new(&likelihood);
        let mut newton = MaximizeOptions::new(1e-8 * n_customers.max(1.0), LOG_BOUND);
        newton.max_iterations = options.max_iterations;
        let default_start = vec![0.0, (mean_age / mean_x).ln(), 0.0, mean_age.ln()];
        let mut iterations = 0;
        let start = match &options.start {
            Some(p) => p.iter().map(|v| v.ln()).collect(),
            // Large data: start from the fit to a deterministic subsample of SUBSAMPLE_ROWS distinct rows, so
            // that the full data need only the last, quadratically convergent Newton steps.
            None if likelihood.rows.len() > 2 * SUBSAMPLE_ROWS => {
                let sample = likelihood.subsample(likelihood.rows.len() / SUBSAMPLE_ROWS, options.penalty);
                let sample_objective = LogParams::new(&sample);
                let mut sample_options = MaximizeOptions::new(1e-8 * sample.total_weight().max(1.0), LOG_BOUND);
                sample_options.max_iterations = options.max_iterations;
                let found = maximize(&sample_objective, default_start.clone(), &sample_options);
                iterations += found.iterations;
                if found.status == Status::Converged { found.x } else { default_start }
            }
            None => default_start,
        };
        let mut result = maximize(&objective, start, &newton);
        iterations += result.iterations;
        if result.status == Status::Stalled {
            let (best, nm) = nelder_mead::minimize_at_most(
                |x| -objective.value(x),
                &result.x,
                NELDER_MEAD_STEP,
                options.max_iterations,
            );
            iterations += nm;
            result = maximize(&objective, best, &newton);
            iterations += result.iterations;
        }
        let params: Vec<f64> = result.x.iter().map(|v| v.exp()).collect();
        let in_domain = params.iter().all(|p| (MIN_PURCHASE_PARAMETER..=MAX_PURCHASE_PARAMETER).contains(p));
        if result.status == Status::Diverged || !in_domain {
            return Err(ModelError::NoFiniteMaximum {
                reason: "a Pareto/NBD parameter runs to 0 or infinity (outside [1e-8, 1e8]): the data do not \
                         identify the model (too few customers, no sign of dropout, or no heterogeneity); \
                         try a penalty > 0",
            });
        }
        let model = ParetoNbdModel::from_params(&params)?;
        let mut at = Derivatives::with_dim(4);
        likelihood.derivatives(&params, &mut at);
        if !at.value.is_finite() {
            return Err(ModelError::NoFiniteMaximum { reason: "the log-likelihood is not finite at the optimum" });
        }
        let penalty_term = likelihood.penalty * params.iter().map(|v| v * v).sum::<f64>();
        Ok(Self {
            model,
            log_likelihood: at.value + penalty_term,
            std_err: standard_errors(&at.hessian, 4),
            n_customers: n_customers.round() as u64,
            n_cohorts: 1,
            iterations,
            converged: result.status == Status::Converged,
        })
    }
}

impl ParetoNbdModel {
    /// The covariance matrix of the maximum-likelihood estimates (row-major 4 x 4, in [`Model::PARAMS`] order
    /// `r, alpha, s, beta`): the inverse of the observed information `-∇² (LL - N penalty sum θ²)` of `data` at
    /// these parameters (a fit's model and the data and `penalty` it was fitted with), the matrix whose
    /// diagonal is the square of the fit's standard errors.
    ///
    /// ```
    /// use ltv_models::{ParetoNbdFit, PurchaseFitOptions, PurchaseHistories};
    ///
    /// let data = PurchaseHistories::new(
    ///     &[0.0, 1.0, 2.0, 4.0, 7.0, 1.0, 0.0],
    ///     &[0.0, 10.0, 3.0, 30.0, 36.0, 36.0, 0.0],
    ///     &[38.0, 38.0, 38.0, 38.0, 38.0, 38.0, 20.0],
    ///     Some(&[600.0, 200.0, 150.0, 120.0, 80.0, 100.0, 300.0]),
    /// )?;
    /// let fit = ParetoNbdFit::fit(&data, &PurchaseFitOptions::default())?;
    /// let cov = fit.model.covariance(&data, 0.0)?;
    /// let se_r = fit.std_err[0].unwrap_or(0.0);
    /// assert!((cov[0].sqrt() - se_r).abs() < 1e-12 * se_r);
    /// assert_eq!(cov[1], cov[4]);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] for a penalty not finite and `>= 0`; [`ModelError::NoFiniteMaximum`]
    /// when the information is not positive definite (these parameters are not a maximum for `data`).
    pub fn covariance(&self, data: &PurchaseHistories, penalty: f64) -> Result<Vec<f64>, ModelError> {
        check_penalty(penalty)?;
        let likelihood = Likelihood::new(data, penalty);
        let mut at = Derivatives::with_dim(4);
        likelihood.derivatives(&self.params(), &mut at);
        covariance_from_hessian(&at.hessian, 4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jet_likelihood_matches_the_value_and_finite_differences() -> Result<(), SeriesError> {
        for &(p, x, tx, age) in &[
            ([0.55, 10.6, 0.61, 11.7], 2.0, 30.43, 38.86),
            ([0.55, 12.6, 0.61, 11.7], 0.0, 0.0, 38.86),
            ([1.3, 2.0, 2.2, 2.0], 7.0, 20.0, 21.0),
            ([0.2, 1e-3, 0.8, 30.0], 300.0, 50.0, 52.0),
        ] {
            let jets: [Jet<4>; 4] = [Jet::var(p[0], 0), Jet::var(p[1], 1), Jet::var(p[2], 2), Jet::var(p[3], 3)];
            let j = customer_ll(&jets, x, tx, age)?;
            let v = customer_ll(&p, x, tx, age)?;
            assert!((j.v - v).abs() < 1e-12 * v.abs().max(1.0), "{j:?} vs {v}");
            for i in 0..4 {
                let h = 1e-6 * p[i];
                let (mut up, mut down) = (p, p);
                up[i] += h;
                down[i] -= h;
                let fd = (customer_ll(&up, x, tx, age)? - customer_ll(&down, x, tx, age)?) / (2.0 * h);
                assert!((fd - j.g[i]).abs() < 1e-5 * fd.abs().max(1.0), "{p:?} g{i}: {fd} vs {}", j.g[i]);
                let jet_at = |q: [f64; 4]| {
                    customer_ll::<Jet<4>>(
                        &[Jet::var(q[0], 0), Jet::var(q[1], 1), Jet::var(q[2], 2), Jet::var(q[3], 3)],
                        x,
                        tx,
                        age,
                    )
                };
                let (gu, gd) = (jet_at(up)?.g, jet_at(down)?.g);
                for k in 0..4 {
                    let fd = (gu[k] - gd[k]) / (2.0 * h);
                    assert!((fd - j.h[i][k]).abs() < 1e-4 * fd.abs().max(1.0), "{p:?} h{i}{k}: {fd} vs {}", j.h[i][k]);
                }
            }
        }
        Ok(())
    }
}
