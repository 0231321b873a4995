//! The MBG/NBD model (Batislam, Denizel & Filiztekin 2007): [`MbgNbdModel`], its predictions, and its fit
//! [`MbgNbdFit`]. The numerics are BG/NBD's (`purchase::beta_geometric`) with one more dropout coin, flipped
//! right after the first purchase.

use super::beta_geometric;
use super::bg_nbd::{check_parameters, customer_count};
use super::data::{PurchaseHistories, check_customer};
use super::options::PurchaseFitOptions;
use super::simulate::SimulatedTransactions;
use super::{PurchaseModel, check_alive_history, check_count, check_horizon};
use crate::error::ModelError;
use crate::fit::Fit;
use crate::model::{Model, check_param_count};

/// The BG/NBD ("beta-geometric / negative binomial distribution") model of Fader, Hardie & Lee (2005).
///
/// While alive, a customer buys as a Poisson process of rate `lambda`; after each repeat purchase they drop
/// out (for good, unobserved) with probability `p`. Across customers `lambda ~ Gamma(r, alpha)` (shape `r`,
/// rate `alpha`, so `alpha` is in the data's time unit) and `p ~ Beta(a, b)`. A customer's data are
/// `(x, t_x, T)`: repeat purchases, the time of the last one, and their age (all from the first purchase).
///
/// Formulas (E. P. Batislam, M. Denizel and A. Filiztekin (2007), "Empirical validation and comparison of
/// models for customer base analysis", *International Journal of Research in Marketing* 24(3), 201–209;
/// the likelihood, eq. (2) of their MBG/NBD section, is BG/NBD's with `B(a, b + x + 1)` and
/// `B(a + 1, b + x)` in place of `B(a, b + x)` and `B(a + 1, b + x - 1)`, for every `x`):
/// `P(alive | x, t_x, T) = 1 / (1 + a / (b + x) ((alpha + T) / (alpha + t_x))^(r + x))`;
/// `E[X(t)] = b / (a + b) E_BG[X(t); r, alpha, a, b + 1]`; the conditional expectation is `P(alive)` times
/// `E_BG[X(t); r + x, alpha + T, a, b + x + 1]` (an alive customer's `p` has the posterior
/// `Beta(a, b + x + 1)`). Each parameter is in `[1e-8, 1e8]`. No published figure of the paper uses data
/// we ship, so the tests check independent (mpmath) computations.
///
/// ```
/// use ltv_models::{MbgNbdModel, PurchaseModel};
///
/// let m = MbgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
/// // A customer who never repeated may be dead: P(alive) = 1 / (1 + a / b ((alpha + T) / alpha)^r).
/// let alive = m.probability_alive(0.0, 0.0, 38.86)?;
/// assert!(alive < 1.0);
/// let want = 1.0 / (1.0 + 0.793 / 2.426 * ((4.414_f64 + 38.86) / 4.414).powf(0.243));
/// assert!((alive - want).abs() < 1e-15);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MbgNbdModel {
    r: f64,
    alpha: f64,
    a: f64,
    b: f64,
}

impl MbgNbdModel {
    /// The covariance matrix of the maximum-likelihood estimates (row-major 4 x 4, in [`Model::PARAMS`] order
    /// `r, alpha, a, b`): the inverse of the observed information `-∇² (LL - N penalty sum θ²)` of `data` at
    /// these parameters (a fit's model and the data and `penalty` it was fitted with). Its diagonal is the
    /// square of the fit's standard errors.
    ///
    /// ```
    /// use ltv_models::{MbgNbdFit, PurchaseFitOptions, PurchaseHistories};
    ///
    /// let data = PurchaseHistories::new(
    ///     &[0.0, 1.0, 2.0, 4.0, 7.0, 1.0],
    ///     &[0.0, 10.0, 3.0, 30.0, 36.0, 36.0],
    ///     &[38.0; 6],
    ///     Some(&[600.0, 200.0, 150.0, 120.0, 80.0, 100.0]),
    /// )?;
    /// let fit = MbgNbdFit::fit(&data, &PurchaseFitOptions::default())?;
    /// let cov = fit.model.covariance(&data, 0.0)?;
    /// let se_r = fit.std_err[0].unwrap_or(0.0);
    /// assert!((cov[0].sqrt() - se_r).abs() < 1e-12 * se_r);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] for a penalty not finite and `>= 0`; [`ModelError::NoFiniteMaximum`]
    /// when the information is not positive definite (these parameters are not a maximum for `data`).
    pub fn covariance(&self, data: &PurchaseHistories, penalty: f64) -> Result<Vec<f64>, ModelError> {
        beta_geometric::covariance(data, self.p(), 1.0, penalty)
    }

    /// Discounted expected residual transactions (DERT) of a customer with history `(x, t_x, T)`, with
    /// continuous discounting at `discount_rate` (`δ`) per time unit: `E[∫_T^∞ e^(-δ(t - T)) dY(t) | x, t_x, T]`
    /// (Fader, Hardie & Lee 2005, "RFM and CLV", *JMR* 42(4), eq. (1)); the same method as
    /// [`ParetoNbdModel::discounted_expected_residual_transactions`](crate::ParetoNbdModel::discounted_expected_residual_transactions).
    ///
    /// This model has no closed form: `DERT = ∫_0^∞ e^(-u) E[Y(u / δ) | x, t_x, T] du` by adaptive
    /// Gauss–Kronrod quadrature (relative error estimate `1e-11`) with a rigorous bound on the truncated
    /// tail (below `1e-12` of the value): see `purchase::dert`. Checked against an independent mpmath
    /// computation, `P(alive) E[lambda / (δ + lambda p)]` over the posterior of `(lambda, p)`, to `1e-9`.
    ///
    /// ```
    /// use ltv_models::MbgNbdModel;
    ///
    /// // FHL 2005's CDNOW estimates (weeks), their customer (2, 30.43, 38.86); a discount rate of ln(1.15) / 52
    /// // a week (15% a year, continuously compounded). mpmath: 5.99070
    /// let m = MbgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
    /// let dert = m.discounted_expected_residual_transactions(1.15_f64.ln() / 52.0, 2.0, 30.43, 38.86)?;
    /// assert_eq!((dert * 1000.0).round() / 1000.0, 5.991);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] naming `discount_rate` unless it is in `[1e-6, 1e9]`; as for
    /// [`PurchaseModel::conditional_expected_purchases`]; [`ModelError::NotComputable`] naming
    /// `discount_rate` when the integral does not converge.
    pub fn discounted_expected_residual_transactions(
        &self,
        discount_rate: f64,
        frequency: f64,
        recency: f64,
        age: f64,
    ) -> Result<f64, ModelError> {
        super::dert::check_rate(discount_rate)?;
        let alive = self.probability_alive(frequency, recency, age)?;
        if alive == 0.0 {
            return Ok(0.0);
        }
        Ok(alive * beta_geometric::residual_if_alive(self.p(), 1.0, discount_rate, frequency, age)?)
    }

    /// [`MbgNbdModel::discounted_expected_residual_transactions`] of every customer at one `discount_rate`, the
    /// same values (bit for bit): `P(alive)` per customer times the DERT of a live customer, computed once per
    /// distinct `(x, T)` (customers of one cohort share `T`), in parallel.
    ///
    /// ```
    /// use ltv_models::MbgNbdModel;
    ///
    /// let m = MbgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
    /// let delta = 1.15_f64.ln() / 52.0;
    /// let all = m.discounted_expected_residual_transactions_columns(delta, &[2.0, 2.0, 0.0], &[30.43, 5.0, 0.0], &[38.86; 3])?;
    /// assert_eq!(all[1], m.discounted_expected_residual_transactions(delta, 2.0, 5.0, 38.86)?);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// As for [`MbgNbdModel::discounted_expected_residual_transactions`], naming the first row at fault;
    /// [`ModelError::LengthMismatch`] for columns of different lengths.
    pub fn discounted_expected_residual_transactions_columns(
        &self,
        discount_rate: f64,
        frequency: &[f64],
        recency: &[f64],
        age: &[f64],
    ) -> Result<Vec<f64>, ModelError> {
        super::dert::check_rate(discount_rate)?;
        super::value::alive_times(self, frequency, recency, age, |x, t| {
            beta_geometric::residual_if_alive(self.p(), 1.0, discount_rate, x, t)
        })
    }

    /// A model with these parameters, each in `[1e-8, 1e8]`.
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] naming the first parameter out of its domain.
    pub fn new(r: f64, alpha: f64, a: f64, b: f64) -> Result<Self, ModelError> {
        check_parameters(["r", "alpha", "a", "b"], [r, alpha, a, b])?;
        Ok(Self { r, alpha, a, b })
    }

    /// The shape `r` of the Gamma distribution of purchase rates.
    #[must_use]
    pub fn r(&self) -> f64 {
        self.r
    }

    /// The rate `alpha` of the Gamma distribution of purchase rates (in the data's time unit).
    #[must_use]
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// The `a` of the Beta distribution of dropout probabilities.
    #[must_use]
    pub fn a(&self) -> f64 {
        self.a
    }

    /// The `b` of the Beta distribution of dropout probabilities.
    #[must_use]
    pub fn b(&self) -> f64 {
        self.b
    }

    fn p(&self) -> [f64; 4] {
        [self.r, self.alpha, self.a, self.b]
    }

    /// The total log-likelihood of `data` (weighted), the quantity [`MbgNbdFit::fit`] maximises.
    #[must_use]
    pub fn total_log_likelihood(&self, data: &PurchaseHistories) -> f64 {
        beta_geometric::Likelihood::new(data, 1.0, 0.0).log_likelihood(&self.p())
    }

    /// Draws one synthetic customer per entry of `ages` (their `T`) from this model, with the seeded
    /// generator of `purchase::simulate` (the same customers for the same seed on every platform and
    /// release): `lambda ~ Gamma(r, alpha)`, `p ~ Beta(a, b)`, Poisson purchases while alive, the dropout coin
    /// after each repeat purchase and right after the first.
    ///
    /// # Errors
    /// [`ModelError::InvalidData`] naming `age` (and the row) for an age not in `(0, 1e9]`, no customers or
    /// more than `1e8` customers, or more than `1e9` purchases drawn in all (checked as they are drawn).
    pub fn simulate(&self, ages: &[f64], seed: u64) -> Result<PurchaseHistories, ModelError> {
        super::simulate::beta_geometric(self.p(), 1, ages, seed, &mut super::simulate::Summaries)
    }

    /// Draws the same customers as [`MbgNbdModel::simulate`] (same `ages`, same `seed`) as a transaction log:
    /// one row per purchase, the first purchase included at time 0 (see [`SimulatedTransactions`]).
    ///
    /// ```
    /// use ltv_models::MbgNbdModel;
    ///
    /// let m = MbgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
    /// let log = m.simulate_transactions(&[38.86; 100], 7)?;
    /// let summary = m.simulate(&[38.86; 100], 7)?;
    /// let first = log.customer.iter().filter(|&&c| c == 0).count();
    /// assert_eq!(first as f64 - 1.0, summary.frequency[0]);
    /// assert_eq!(log.customer.len() as f64, summary.frequency.iter().sum::<f64>() + 100.0);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// As for [`MbgNbdModel::simulate`].
    pub fn simulate_transactions(&self, ages: &[f64], seed: u64) -> Result<SimulatedTransactions, ModelError> {
        let mut log = SimulatedTransactions::default();
        super::simulate::beta_geometric(self.p(), 1, ages, seed, &mut log)?;
        Ok(log)
    }

    /// The model file (compact JSON, see the [crate documentation](crate#json-model-files)).
    ///
    /// # Errors
    /// None in practice; the `Result` guards the serializer.
    pub fn to_json(&self) -> Result<String, ModelError> {
        crate::file::write_model(self, None)
    }

    /// Reads a model from a model file (with or without a `"fit"` object).
    ///
    /// # Errors
    /// As for [`Fit::from_json`], except that a missing `"fit"` is allowed.
    pub fn from_json(json: &str) -> Result<Self, ModelError> {
        crate::file::read_model_json::<Self>(json).map(|(m, _)| m)
    }
}

impl Model for MbgNbdModel {
    const TAG: &'static str = "mbg_nbd";
    const FORMAT_VERSION: u32 = 1;
    const PARAMS: &'static [&'static str] = &["r", "alpha", "a", "b"];
    const LIKELIHOOD_IS_DENSITY: bool = true;

    fn params(&self) -> Vec<f64> {
        self.p().to_vec()
    }

    fn from_params(params: &[f64]) -> Result<Self, ModelError> {
        check_param_count::<Self>(params)?;
        Self::new(params[0], params[1], params[2], params[3])
    }
}

impl PurchaseModel for MbgNbdModel {
    /// Batislam et al. (2007) in log-sum-exp form; a density in `t_x`, so it may be positive.
    fn log_likelihood(&self, frequency: f64, recency: f64, age: f64) -> Result<f64, ModelError> {
        check_customer(frequency, recency, age)?;
        Ok(beta_geometric::customer_log_likelihood(self.p(), 1.0, frequency, recency, age))
    }

    /// `b / (a + b) E_BG[X(t); r, alpha, a, b + 1]`.
    fn expected_purchases(&self, t: f64) -> Result<f64, ModelError> {
        check_horizon(t)?;
        let (a, b) = (self.a, self.b);
        Ok(b / (a + b) * beta_geometric::expected_new(self.r, self.alpha, a, b + 1.0, t)?)
    }

    /// `P(alive)` times `E[X(t)]` of a new BG/NBD customer with the posterior parameters
    /// `(r + x, alpha + T, a, b + x + 1)`.
    fn conditional_expected_purchases(
        &self,
        t: f64,
        frequency: f64,
        recency: f64,
        age: f64,
    ) -> Result<f64, ModelError> {
        check_horizon(t)?;
        let alive = self.probability_alive(frequency, recency, age)?;
        if alive == 0.0 {
            return Ok(0.0);
        }
        let e =
            beta_geometric::expected_new(self.r + frequency, self.alpha + age, self.a, self.b + frequency + 1.0, t)?;
        Ok(alive * e)
    }

    /// `E[X(t)]` of a new BG/NBD customer with the posterior parameters `(r + x, alpha + T, a, b + x + 1)`.
    fn expected_purchases_if_alive(&self, t: f64, frequency: f64, age: f64) -> Option<Result<f64, ModelError>> {
        Some(check_alive_history(t, frequency, age).and_then(|()| {
            beta_geometric::expected_new(self.r + frequency, self.alpha + age, self.a, self.b + frequency + 1.0, t)
        }))
    }

    /// Every horizon's series in one loop (`beta_geometric::expected_new_curve`): the same values as
    /// [`PurchaseModel::expected_purchases_if_alive`] at each.
    fn expected_purchases_if_alive_curve(
        &self,
        t: &[f64],
        frequency: f64,
        age: f64,
    ) -> Option<Vec<Result<f64, ModelError>>> {
        Some(beta_geometric::expected_if_alive_curve(self.p(), 1.0, t, frequency, age))
    }

    /// `P(alive)` times the posterior probability of surviving every purchase of the next `t`.
    fn probability_alive_at(&self, t: f64, frequency: f64, recency: f64, age: f64) -> Result<f64, ModelError> {
        check_horizon(t)?;
        let alive = self.probability_alive(frequency, recency, age)?;
        if alive == 0.0 {
            return Ok(0.0);
        }
        let b = self.b + frequency + 1.0;
        Ok(alive * beta_geometric::survival_new(self.r + frequency, self.alpha + age, self.a, b, t)?)
    }

    fn probability_alive(&self, frequency: f64, recency: f64, age: f64) -> Result<f64, ModelError> {
        check_customer(frequency, recency, age)?;
        Ok(beta_geometric::probability_alive(self.p(), 1.0, frequency, recency, age))
    }

    /// `a / (a + b) [n = 0] + b / (a + b) P_BG(X(t) = n; r, alpha, a, b + 1)`: dead right after the first
    /// purchase, or alive and then BG/NBD; `n <=` [`MAX_PURCHASE_COUNT`](crate::MAX_PURCHASE_COUNT).
    fn probability_of_purchases(&self, n: u32, t: f64) -> Result<f64, ModelError> {
        check_horizon(t)?;
        check_count(n)?;
        let (a, b) = (self.a, self.b);
        let dead = if n == 0 { a / (a + b) } else { 0.0 };
        let p = beta_geometric::pmf_new(self.r, self.alpha, a, b + 1.0, n, t)?;
        Ok((dead + b / (a + b) * p).clamp(0.0, 1.0))
    }

    /// `(1 - P(alive)) [n = 0] + P(alive) P_BG(X(t) = n)` of a new BG/NBD customer with the posterior
    /// parameters `(r + x, alpha + T, a, b + x + 1)`.
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
        let dead = if n == 0 { 1.0 - alive } else { 0.0 };
        if alive == 0.0 {
            return Ok(dead);
        }
        let p = beta_geometric::pmf_new(self.r + frequency, self.alpha + age, self.a, self.b + frequency + 1.0, n, t)?;
        Ok((dead + alive * p).clamp(0.0, 1.0))
    }
}

/// A maximum-likelihood fit of the [`MbgNbdModel`]: [`Fit`] for MBG/NBD, made by [`MbgNbdFit::fit`].
///
/// ```
/// use ltv_models::{MbgNbdFit, PurchaseFitOptions, PurchaseHistories};
///
/// let data = PurchaseHistories::new(
///     &[0.0, 1.0, 2.0, 4.0, 7.0, 1.0],
///     &[0.0, 10.0, 3.0, 30.0, 36.0, 36.0],
///     &[38.0; 6],
///     Some(&[600.0, 200.0, 150.0, 120.0, 80.0, 100.0]),
/// )?;
/// let fit = MbgNbdFit::fit(&data, &PurchaseFitOptions::default())?;
/// assert!(fit.converged);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
pub type MbgNbdFit = Fit<MbgNbdModel>;

impl Fit<MbgNbdModel> {
    #[allow(clippy::self_named_constructors, reason = "`MbgNbdFit::fit` mirrors `SbgFit::fit`")]
    /// Fits the MBG/NBD model by maximum likelihood, as [`BgNbdFit::fit`](crate::BgNbdFit::fit) does BG/NBD: Newton's method with the exact gradient and Hessian
    /// over `ln r, ln alpha, ln a, ln b` (Nelder–Mead if Newton stalls), from `r = a = b = 1` and
    /// `alpha = 1 / (sum w x / sum w T)` unless `options.start` is given; optional L2 penalty (see
    /// [`PurchaseFitOptions`]). Identical rows `(x, t_x, T)` are merged into weights first, so fitting the
    /// compressed patterns equals fitting the exploded rows. Standard errors from the exact Hessian at the
    /// optimum.
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] / [`ModelError::InvalidData`] for bad options;
    /// [`ModelError::NoFiniteMaximum`] when nobody repeats, or a parameter runs out of `[1e-8, 1e8]`.
    pub fn fit(data: &PurchaseHistories, options: &PurchaseFitOptions) -> Result<Self, ModelError> {
        let found = beta_geometric::fit(data, options, 1.0)?;
        let [r, alpha, a, b] = found.params;
        Ok(Self {
            model: MbgNbdModel::new(r, alpha, a, b)?,
            log_likelihood: found.log_likelihood,
            std_err: found.std_err,
            n_customers: customer_count(data),
            n_cohorts: 1,
            iterations: found.iterations,
            converged: found.converged,
        })
    }
}

impl serde::Serialize for MbgNbdModel {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::file::serialize_model(serializer, self, None)
    }
}

impl<'de> serde::Deserialize<'de> for MbgNbdModel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let crate::file::Strict(value) = <crate::file::Strict as serde::Deserialize>::deserialize(deserializer)?;
        crate::file::read_model_value::<Self>(value).map(|(model, _)| model).map_err(serde::de::Error::custom)
    }
}
