//! The beta-geometric/beta-Bernoulli (BG/BB) model of discrete-time purchasing (Fader, Hardie & Shang
//! 2010): [`BgBbModel`], its predictions in periods, its likelihood and its fit [`BgBbFit`]; the
//! conditional distribution of future transactions and `P(alive)` at later opportunities in `predict`,
//! the seeded simulator in `simulate`.

mod predict;
mod simulate;

use super::PurchaseFitOptions;
use super::bg_nbd::{MAX_PURCHASE_PARAMETER, MIN_PURCHASE_PARAMETER};
use super::discrete::{DiscreteHistories, MAX_OPPORTUNITIES, check_discrete};
use crate::error::ModelError;
use crate::fit::{Fit, check_penalty, covariance_from_hessian, standard_errors};
use crate::model::{Model, check_param_count};
use crate::optim::newton::{MaximizeOptions, maximize};
use crate::optim::transform::{LOG_BOUND, LogParams};
use crate::optim::{Derivatives, Objective, Status, nelder_mead};
use crate::special::gamma::{ln_beta, ln_gamma};
use crate::special::hyp2f1::MAX_TERMS;
use crate::special::jet::{Jet, Scalar, log_add_exp};
use crate::special::{SeriesError, hyp2f1_one};

/// The BG/BB model of Fader, Hardie & Shang (2010): at each of the discrete transaction opportunities
/// `1, 2, ...` a customer who is alive transacts with probability `p ~ Beta(alpha, beta)`; before each
/// opportunity they die (for good, unobserved) with probability `theta ~ Beta(gamma, delta)`.
///
/// For a history `(x, t_x, n)` (eq. 5)
/// `L = B(α+x, β+n-x)/B(α,β) B(γ, δ+n)/B(γ,δ) + sum_{i=0}^{n-t_x-1} B(α+x, β+t_x-x+i)/B(α,β) B(γ+1, δ+t_x+i)/B(γ,δ)`,
/// summed in log space from `ln B` terms (no overflow for any `n` up to [`MAX_OPPORTUNITIES`]).
///
/// Reference: P. S. Fader, B. G. S. Hardie and J. Shang (2010), "Customer-Base Analysis in a
/// Discrete-Time Noncontractual Setting", *Marketing Science* 29(6), 1086–1108: eq. (5) (likelihood),
/// (7) (`E[X(n)]`), (8) (`P(X(n) = x)`), (11) (`P(alive)`, also at later opportunities:
/// [`BgBbModel::probability_alive_at`]), (13) (conditional expectation; its distribution from the appendix:
/// [`BgBbModel::conditional_probability_of_transactions`], [`BgBbModel::probability_of_no_transaction`]),
/// (14) (DERT); [`BgBbModel::simulate`] draws customers from the model.
///
/// ```
/// use ltv_models::BgBbModel;
///
/// // Fader, Hardie & Shang (2010): the donations estimates (yearly opportunities).
/// let m = BgBbModel::new(1.204, 0.750, 0.657, 2.783)?;
/// // A donor who gave in every one of the 6 years: alive in year 7 with probability about 0.9.
/// let alive = m.probability_alive(6.0, 6.0, 6.0)?;
/// assert!(alive > 0.85 && alive < 0.95);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BgBbModel {
    alpha: f64,
    beta: f64,
    gamma: f64,
    delta: f64,
}

/// A maximum-likelihood fit of the [`BgBbModel`]: [`Fit`] for the BG/BB (`std_err` in the order
/// `alpha, beta, gamma, delta`; `n_cohorts` is 1).
///
/// ```
/// use ltv_models::{BgBbFit, DiscreteHistories, PurchaseFitOptions};
///
/// // Fader, Hardie & Shang (2010), the 11,104 donors in 22 patterns (x, t_x, n = 6).
/// let x = [6., 5., 4., 3., 2., 1., 5., 4., 3., 2., 1., 4., 3., 2., 1., 3., 2., 1., 2., 1., 1., 0.];
/// let tx = [6., 6., 6., 6., 6., 6., 5., 5., 5., 5., 5., 4., 4., 4., 4., 3., 3., 3., 2., 2., 1., 0.];
/// let w = [1203., 728., 512., 357., 234., 129., 335., 284., 225., 173., 119., 240., 181., 155., 78.,
///          322., 255., 129., 613., 277., 1091., 3464.];
/// let data = DiscreteHistories::new(&x, &tx, &[6.0; 22], Some(&w))?;
/// let fit = BgBbFit::fit(&data, &PurchaseFitOptions::default())?;
/// assert_eq!((fit.model.alpha() * 1e3).round() / 1e3, 1.204);
/// assert_eq!((fit.model.delta() * 1e3).round() / 1e3, 2.783);
/// assert_eq!((fit.log_likelihood * 10.0).round() / 10.0, -33225.6);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
pub type BgBbFit = Fit<BgBbModel>;

fn check_parameter(field: &'static str, value: f64) -> Result<(), ModelError> {
    if (MIN_PURCHASE_PARAMETER..=MAX_PURCHASE_PARAMETER).contains(&value) {
        Ok(())
    } else {
        Err(ModelError::InvalidParameter { field, value, allowed: "a number in [1e-8, 1e8]" })
    }
}

fn check_periods(field: &'static str, n: u32) -> Result<(), ModelError> {
    if f64::from(n) <= MAX_OPPORTUNITIES {
        Ok(())
    } else {
        Err(ModelError::InvalidPeriod { field, value: n, allowed: "a number of periods in [0, 1e6]" })
    }
}

fn scalar_ln_beta<S: Scalar>(a: S, b: S) -> S {
    a.ln_gamma() + b.ln_gamma() - (a + b).ln_gamma()
}

/// One history's log-likelihood (eq. 5), and the log of its first term (alive through period `n`).
fn customer_terms<S: Scalar>(p: &[S; 4], x: f64, tx: f64, n: f64) -> (S, S) {
    let [alpha, beta, gamma, delta] = *p;
    let (b_ab, b_gd) = (scalar_ln_beta(alpha, beta), scalar_ln_beta(gamma, delta));
    let ax = alpha.add_c(x);
    let first = scalar_ln_beta(ax, beta.add_c(n - x)) - b_ab + scalar_ln_beta(gamma, delta.add_c(n)) - b_gd;
    let mut ll = first;
    let gamma1 = gamma.add_c(1.0);
    let mut i = 0.0;
    while i < n - tx {
        let term =
            scalar_ln_beta(ax, beta.add_c(tx - x + i)) - b_ab + scalar_ln_beta(gamma1, delta.add_c(tx + i)) - b_gd;
        ll = log_add_exp(ll, term);
        i += 1.0;
    }
    (ll, first)
}

/// `ln S(t) = ln B(γ, δ+t) - ln B(γ, δ)`: the probability of being alive at opportunity `t`.
fn ln_survival(gamma: f64, delta: f64, t: f64) -> f64 {
    ln_gamma(delta + t) - ln_gamma(delta) - ln_gamma(gamma + delta + t) + ln_gamma(gamma + delta)
}

impl BgBbModel {
    /// A model with transaction-probability parameters `alpha`, `beta` and dropout-probability parameters
    /// `gamma`, `delta`, each in `[1e-8, 1e8]`.
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] naming the first parameter out of its domain.
    pub fn new(alpha: f64, beta: f64, gamma: f64, delta: f64) -> Result<Self, ModelError> {
        check_parameter("alpha", alpha)?;
        check_parameter("beta", beta)?;
        check_parameter("gamma", gamma)?;
        check_parameter("delta", delta)?;
        Ok(Self { alpha, beta, gamma, delta })
    }

    /// `alpha` of the Beta distribution of transaction probabilities.
    #[must_use]
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// `beta` of the Beta distribution of transaction probabilities.
    #[must_use]
    pub fn beta(&self) -> f64 {
        self.beta
    }

    /// `gamma` of the Beta distribution of dropout probabilities.
    #[must_use]
    pub fn gamma(&self) -> f64 {
        self.gamma
    }

    /// `delta` of the Beta distribution of dropout probabilities.
    #[must_use]
    pub fn delta(&self) -> f64 {
        self.delta
    }

    fn values(&self) -> [f64; 4] {
        [self.alpha, self.beta, self.gamma, self.delta]
    }

    /// The log-likelihood of one history `(x, t_x, n)` (eq. 5).
    ///
    /// # Errors
    /// [`ModelError::InvalidData`] naming `frequency`, `recency` or `periods` for an invalid history.
    pub fn log_likelihood(&self, frequency: f64, recency: f64, periods: f64) -> Result<f64, ModelError> {
        check_discrete(frequency, recency, periods, None)?;
        Ok(customer_terms(&self.values(), frequency, recency, periods).0)
    }

    /// `P(alive at opportunity n + 1 | x, t_x, n)` (eq. 11):
    /// `B(α+x, β+n-x)/B(α,β) B(γ, δ+n+1)/B(γ,δ) / L`.
    ///
    /// # Errors
    /// As for [`Self::log_likelihood`].
    pub fn probability_alive(&self, frequency: f64, recency: f64, periods: f64) -> Result<f64, ModelError> {
        // B(γ, δ+n+1) / B(γ, δ+n) = (δ+n) / (γ+δ+n).
        self.probability_alive_at(1, frequency, recency, periods)
    }

    /// `E[X(t)]`: the expected transactions of a new customer in the first `t` opportunities (eq. 7, with
    /// `n = t`), `α/(α+β) sum_{k=1}^{t} B(γ, δ+k)/B(γ,δ)` (summed, so `γ = 1` needs no limit).
    ///
    /// # Errors
    /// [`ModelError::InvalidPeriod`] naming `t` above `1e6`.
    pub fn expected_transactions(&self, t: u32) -> Result<f64, ModelError> {
        check_periods("t", t)?;
        let alive: f64 = (1..=t).map(|k| ln_survival(self.gamma, self.delta, f64::from(k)).exp()).sum();
        Ok(self.alpha / (self.alpha + self.beta) * alive)
    }

    /// `E[X(n, n + t) | x, t_x, n]`: the expected transactions in the next `t` opportunities of a
    /// customer with this history (eq. 13, `n* = t`), as
    /// `B(α+x+1, β+n-x)/B(α,β) / L sum_{k=n+1}^{n+t} B(γ, δ+k)/B(γ,δ)`.
    ///
    /// # Errors
    /// As for [`Self::log_likelihood`]; [`ModelError::InvalidPeriod`] naming `t` above `1e6`.
    pub fn conditional_expected_transactions(
        &self,
        t: u32,
        frequency: f64,
        recency: f64,
        periods: f64,
    ) -> Result<f64, ModelError> {
        check_periods("t", t)?;
        check_discrete(frequency, recency, periods, None)?;
        let (ll, _) = customer_terms(&self.values(), frequency, recency, periods);
        let ln_p =
            ln_beta(self.alpha + frequency + 1.0, self.beta + periods - frequency) - ln_beta(self.alpha, self.beta);
        let sum: f64 =
            (1..=t).map(|k| (ln_p - ll + ln_survival(self.gamma, self.delta, periods + f64::from(k))).exp()).sum();
        Ok(sum)
    }

    /// `P(X(t) = n)`: the probability that a new customer makes exactly `n` transactions in the first `t`
    /// opportunities (eq. 8, there `P(X(n) = x)`):
    /// `C(t,n) B(α+n, β+t-n)/B(α,β) B(γ, δ+t)/B(γ,δ) + sum_{i=n}^{t-1} C(i,n) B(α+n, β+i-n)/B(α,β) B(γ+1, δ+i)/B(γ,δ)`.
    ///
    /// # Errors
    /// [`ModelError::InvalidPeriod`] naming `t` above `1e6`.
    pub fn probability_of_transactions(&self, n: u32, t: u32) -> Result<f64, ModelError> {
        check_periods("t", t)?;
        let (x, n) = (n, t);
        if x > n {
            return Ok(0.0);
        }
        let (a, b, g, d) = (self.alpha, self.beta, self.gamma, self.delta);
        let (xf, nf) = (f64::from(x), f64::from(n));
        let ln_choose = |m: f64, k: f64| ln_gamma(m + 1.0) - ln_gamma(k + 1.0) - ln_gamma(m - k + 1.0);
        let (b_ab, b_gd) = (ln_beta(a, b), ln_beta(g, d));
        let mut total = (ln_choose(nf, xf) + ln_beta(a + xf, b + nf - xf) - b_ab + ln_beta(g, d + nf) - b_gd).exp();
        for i in x..n {
            let i = f64::from(i);
            total += (ln_choose(i, xf) + ln_beta(a + xf, b + i - xf) - b_ab + ln_beta(g + 1.0, d + i) - b_gd).exp();
        }
        Ok(total.clamp(0.0, 1.0))
    }

    /// Discounted expected residual transactions (eq. 14) at discount rate `d` per opportunity:
    /// `B(α+x+1, β+n-x)/B(α,β) B(γ, δ+n+1)/(B(γ,δ)(1+d)) 2F1(1, δ+n+1; γ+δ+n+1; 1/(1+d)) / L`.
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] naming `discount_rate` unless it is finite and `> 0`;
    /// [`ModelError::SeriesNotConverged`] when the series needs more than `1e7` terms (rates below about
    /// `1e-6`); as for [`Self::log_likelihood`].
    pub fn discounted_expected_residual_transactions(
        &self,
        discount_rate: f64,
        frequency: f64,
        recency: f64,
        periods: f64,
    ) -> Result<f64, ModelError> {
        if !(discount_rate.is_finite() && discount_rate > 0.0) {
            return Err(ModelError::InvalidParameter {
                field: "discount_rate",
                value: discount_rate,
                allowed: "a finite discount rate per period > 0",
            });
        }
        check_discrete(frequency, recency, periods, None)?;
        let (ll, _) = customer_terms(&self.values(), frequency, recency, periods);
        let (a, b, g, d) = (self.alpha, self.beta, self.gamma, self.delta);
        let ln_p = ln_beta(a + frequency + 1.0, b + periods - frequency) - ln_beta(a, b);
        let ln_alive = ln_survival(g, d, periods + 1.0);
        let series =
            hyp2f1_one(d + periods + 1.0, g + d + periods + 1.0, 1.0 / (1.0 + discount_rate)).map_err(|e| match e {
                SeriesError::NotConverged(terms) => ModelError::SeriesNotConverged { terms, discount_rate },
                SeriesError::Domain => ModelError::SeriesNotConverged { terms: MAX_TERMS, discount_rate },
            })?;
        let dert = (ln_p + ln_alive - ll - discount_rate.ln_1p()).exp() * series;
        if dert.is_finite() {
            Ok(dert)
        } else {
            Err(ModelError::SeriesNotConverged { terms: MAX_TERMS, discount_rate })
        }
    }
}

impl Model for BgBbModel {
    const TAG: &'static str = "bg_bb";
    const FORMAT_VERSION: u32 = 1;
    const PARAMS: &'static [&'static str] = &["alpha", "beta", "gamma", "delta"];

    fn params(&self) -> Vec<f64> {
        self.values().to_vec()
    }

    fn from_params(params: &[f64]) -> Result<Self, ModelError> {
        check_param_count::<Self>(params)?;
        Self::new(params[0], params[1], params[2], params[3])
    }
}

impl BgBbModel {
    /// The model as a JSON model file (compact, one line):
    /// `{"model":"bg_bb","format_version":1,"alpha":…,"beta":…,"gamma":…,"delta":…}`.
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

impl serde::Serialize for BgBbModel {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::file::serialize_model(serializer, self, None)
    }
}

impl<'de> serde::Deserialize<'de> for BgBbModel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let crate::file::Strict(value) = crate::file::Strict::deserialize(deserializer)?;
        crate::file::read_model_value::<Self>(value).map(|(model, _)| model).map_err(serde::de::Error::custom)
    }
}

/// The penalised log-likelihood of the data, as an [`Objective`] in `(alpha, beta, gamma, delta)`.
struct Likelihood<'a> {
    data: &'a DiscreteHistories,
    /// `penalty * n_customers`.
    penalty: f64,
}

impl Likelihood<'_> {
    fn penalty_value(&self, p: &[f64]) -> f64 {
        self.penalty * p.iter().map(|v| v * v).sum::<f64>()
    }
}

impl Objective for Likelihood<'_> {
    fn dim(&self) -> usize {
        4
    }

    fn value(&self, p: &[f64]) -> f64 {
        let q = [p[0], p[1], p[2], p[3]];
        let d = self.data;
        let ll: f64 = (0..d.len())
            .filter(|&i| d.weight[i] > 0.0)
            .map(|i| d.weight[i] * customer_terms(&q, d.frequency[i], d.recency[i], d.periods[i]).0)
            .sum();
        let v = ll - self.penalty_value(p);
        if v.is_nan() { f64::NEG_INFINITY } else { v }
    }

    fn derivatives(&self, p: &[f64], out: &mut Derivatives) {
        let q: [Jet<4>; 4] = [Jet::var(p[0], 0), Jet::var(p[1], 1), Jet::var(p[2], 2), Jet::var(p[3], 3)];
        let d = self.data;
        let mut total = Jet::<4>::cst(0.0);
        for i in (0..d.len()).filter(|&i| d.weight[i] > 0.0) {
            total = total + customer_terms(&q, d.frequency[i], d.recency[i], d.periods[i]).0.scale(d.weight[i]);
        }
        let mut gradient = [0.0; 4];
        let mut hessian = [0.0; 16];
        for i in 0..4 {
            gradient[i] = total.g[i] - 2.0 * self.penalty * p[i];
            for j in 0..4 {
                hessian[i * 4 + j] = total.h[i][j] - if i == j { 2.0 * self.penalty } else { 0.0 };
            }
        }
        out.set(total.v - self.penalty_value(p), &gradient, &hessian);
    }
}

impl Fit<BgBbModel> {
    #[allow(clippy::self_named_constructors, reason = "`BgBbFit::fit` is the family's name")]
    /// Fits the BG/BB model by maximum likelihood to `data` (weighted rows: compressed patterns fit as the
    /// exploded rows do), by Newton's method in the log parameters with the exact gradient and Hessian
    /// (forward-mode second derivatives of the `ln B` terms), from all parameters 1 (or `options.start`), with the Nelder–Mead
    /// fallback; standard errors from the Hessian at the optimum.
    ///
    /// # Errors
    /// As for [`PurchaseFitOptions`] for invalid options; [`ModelError::NoFiniteMaximum`]
    /// when the maximum has a parameter outside `[1e-8, 1e8]` (e.g. nobody ever transacted, or everybody
    /// transacted at every opportunity).
    pub fn fit(data: &DiscreteHistories, options: &PurchaseFitOptions) -> Result<Self, ModelError> {
        options.validate(4)?;
        let n_customers = data.n_customers();
        let likelihood = Likelihood { data, penalty: options.penalty * n_customers };
        let objective = LogParams::new(&likelihood);
        let mut newton = MaximizeOptions::new(1e-8 * n_customers.max(1.0), LOG_BOUND);
        newton.max_iterations = options.max_iterations;
        let start = match &options.start {
            Some(p) => p.iter().map(|v| v.ln()).collect(),
            None => vec![0.0; 4],
        };
        let mut result = maximize(&objective, start, &newton);
        let mut iterations = result.iterations;
        if result.status == Status::Stalled {
            let (best, nm) =
                nelder_mead::minimize_at_most(|x| -objective.value(x), &result.x, 0.5, options.max_iterations);
            iterations += nm;
            result = maximize(&objective, best, &newton);
            iterations += result.iterations;
        }
        let params: Vec<f64> = result.x.iter().map(|v| v.exp()).collect();
        let in_domain = params.iter().all(|p| (MIN_PURCHASE_PARAMETER..=MAX_PURCHASE_PARAMETER).contains(p));
        if result.status == Status::Diverged || !in_domain {
            return Err(ModelError::NoFiniteMaximum {
                reason: "a BG/BB parameter runs to 0 or infinity (outside [1e-8, 1e8]): the data do not identify \
                         the model (too few customers, no transactions, or no sign of dropout); try a penalty > 0",
            });
        }
        let model = BgBbModel::from_params(&params)?;
        let mut at = Derivatives::with_dim(4);
        likelihood.derivatives(&params, &mut at);
        if !at.value.is_finite() {
            return Err(ModelError::NoFiniteMaximum { reason: "the log-likelihood is not finite at the optimum" });
        }
        Ok(Self {
            model,
            log_likelihood: at.value + likelihood.penalty_value(&params),
            std_err: standard_errors(&at.hessian, 4),
            n_customers: n_customers.round() as u64,
            n_cohorts: 1,
            iterations,
            converged: result.status == Status::Converged,
        })
    }
}

impl BgBbModel {
    /// The covariance matrix of the maximum-likelihood estimates (row-major 4 x 4, in [`Model::PARAMS`] order
    /// `alpha, beta, gamma, delta`): the inverse of the observed information `-∇² (LL - N penalty sum θ²)` of
    /// `data` at these parameters (a fit's model and the data and `penalty` it was fitted with), the matrix
    /// whose diagonal is the square of the fit's standard errors.
    ///
    /// ```
    /// use ltv_models::{BgBbFit, DiscreteHistories, PurchaseFitOptions};
    ///
    /// // Fader, Hardie & Shang (2010), the 11,104 donors in 22 patterns (x, t_x, n = 6).
    /// let x = [6., 5., 4., 3., 2., 1., 5., 4., 3., 2., 1., 4., 3., 2., 1., 3., 2., 1., 2., 1., 1., 0.];
    /// let tx = [6., 6., 6., 6., 6., 6., 5., 5., 5., 5., 5., 4., 4., 4., 4., 3., 3., 3., 2., 2., 1., 0.];
    /// let w = [1203., 728., 512., 357., 234., 129., 335., 284., 225., 173., 119., 240., 181., 155., 78.,
    ///          322., 255., 129., 613., 277., 1091., 3464.];
    /// let data = DiscreteHistories::new(&x, &tx, &[6.0; 22], Some(&w))?;
    /// let fit = BgBbFit::fit(&data, &PurchaseFitOptions::default())?;
    /// let cov = fit.model.covariance(&data, 0.0)?;
    /// let se_alpha = fit.std_err[0].unwrap_or(0.0);
    /// assert!((cov[0].sqrt() - se_alpha).abs() < 1e-12 * se_alpha);
    /// assert_eq!(cov[1], cov[4]);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] for a penalty not finite and `>= 0`; [`ModelError::NoFiniteMaximum`]
    /// when the information is not positive definite (these parameters are not a maximum for `data`).
    pub fn covariance(&self, data: &DiscreteHistories, penalty: f64) -> Result<Vec<f64>, ModelError> {
        check_penalty(penalty)?;
        let likelihood = Likelihood { data, penalty: penalty * data.n_customers() };
        let mut at = Derivatives::with_dim(4);
        likelihood.derivatives(&self.params(), &mut at);
        covariance_from_hessian(&at.hessian, 4)
    }
}
