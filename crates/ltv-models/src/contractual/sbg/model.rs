//! [`SbgModel`]: the sBG model, its predictions and its model file.

use super::likelihood;
use crate::error::ModelError;
use crate::model::{Model, check_param_count};
use crate::special::{SeriesError, hyp2f1_one, ln_gamma_shift};

/// The `"model"` tag of an sBG model file (= [`SbgModel::TAG`](Model::TAG)).
pub const SBG_MODEL_TAG: &str = "sbg";
/// The `"format_version"` of the sBG model file this crate writes and reads
/// (= [`SbgModel::FORMAT_VERSION`](Model::FORMAT_VERSION)).
pub const FORMAT_VERSION: u32 = 1;

/// The smallest `alpha` and `beta` an [`SbgModel`] accepts: `1e-8`.
///
/// **The domain `[MIN_PARAMETER, MAX_PARAMETER]` = `[1e-8, 1e8]`** is where every prediction is finite and
/// accurate: `alpha + beta` stays distinct from the larger of the two (`1e8 + 1e-8 > 1e8` in `f64`), `E[T]`
/// and the DEL / DERL stay within the range of `f64`, and the recursions neither overflow nor lose the
/// ratio `alpha / (alpha + beta)`. Fitted models are in it too ([`SbgFit`](crate::SbgFit) reports no finite
/// maximum when the likelihood's maximum lies outside).
pub const MIN_PARAMETER: f64 = 1e-8;
/// The largest `alpha` and `beta` an [`SbgModel`] accepts: `1e8` (see [`MIN_PARAMETER`]).
pub const MAX_PARAMETER: f64 = 1e8;
/// The most periods of one survival curve ([`SbgModel::survival_curve`]) and of a cohort valuation's
/// horizon ([`cohort_ltv`](fn@crate::cohort_ltv)): `1_000_000` (8 MB of `f64`), checked before anything is
/// allocated. Single values ([`SbgModel::survival`], [`SbgModel::churn_probability`], ...) take any `u32`.
pub const MAX_PERIODS: u32 = 1_000_000;
/// Up to this `t`, [`SbgModel::survival`] multiplies the exact recursion out (bit for bit the curve of
/// [`SbgModel::survival_curve`]); beyond, it continues from `S(EXACT_PERIODS)` in closed form, `O(1)`.
const EXACT_PERIODS: u32 = 1024;

/// The shifted-beta-geometric (sBG) contractual retention model of Fader & Hardie (2007).
///
/// Each customer renews at the end of every period with a probability `1 - theta` fixed for that
/// customer, so their lifetime `T` (the number of periods they pay for, `T >= 1`) is geometric; `theta`
/// varies across customers as `Beta(alpha, beta)`. Integrating `theta` out gives, for `t >= 1`:
///
/// - churn probability `P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta)`, computed by the recursion
///   `P(T = 1) = alpha / (alpha + beta)`, `P(T = t) = P(T = t - 1) (beta + t - 2) / (alpha + beta + t - 1)`;
/// - survival `S(t) = P(T > t) = B(alpha, beta + t) / B(alpha, beta)`, by
///   `S(0) = 1`, `S(t) = S(t - 1) (beta + t - 1) / (alpha + beta + t - 1)`;
/// - retention `r_t = S(t) / S(t - 1) = (beta + t - 1) / (alpha + beta + t - 1)`, which *rises* with `t`:
///   the customers who churn readily leave first (the heterogeneity that a constant churn rate ignores).
///
/// Both parameters are in `[MIN_PARAMETER, MAX_PARAMETER]` = `[1e-8, 1e8]`; the mean churn probability is `alpha / (alpha + beta)` and
/// `alpha + beta` measures how alike customers are (large: homogeneous).
///
/// References: P. S. Fader and B. G. S. Hardie (2007), "How to Project Customer Retention", *Journal of
/// Interactive Marketing* 21(1), 76–90; P. S. Fader and B. G. S. Hardie (2010), "Customer-Base Valuation
/// in a Contractual Setting: The Perils of Ignoring Heterogeneity", *Marketing Science* 29(1), 85–93.
///
/// ```
/// use ltv_models::SbgModel;
///
/// let m = SbgModel::new(0.704, 1.182)?; // Fader & Hardie (2007), "regular" customers
/// assert!((m.survival(1) - 0.627).abs() < 1e-3);
/// assert!((m.retention(2)? - 0.756).abs() < 1e-3); // retention rises: r_1 = S(1) = 0.627
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SbgModel {
    alpha: f64,
    beta: f64,
}

/// The check on discount rates, shared by the DEL and DERL.
fn check_discount_rate(d: f64, alpha: f64) -> Result<(), ModelError> {
    if !d.is_finite() || d < 0.0 {
        return Err(ModelError::InvalidParameter {
            field: "discount_rate",
            value: d,
            allowed: "a finite discount rate per period >= 0 (0 only when alpha > 1)",
        });
    }
    if d == 0.0 && alpha <= 1.0 {
        return Err(ModelError::InfiniteLifetime { alpha });
    }
    Ok(())
}

impl SbgModel {
    /// A model with the given `alpha` and `beta`, both in `[MIN_PARAMETER, MAX_PARAMETER]` = `[1e-8, 1e8]`
    /// (where every prediction is finite and accurate, see [`MIN_PARAMETER`]).
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] naming `alpha` or `beta` when it is not a number in `[1e-8, 1e8]`.
    pub fn new(alpha: f64, beta: f64) -> Result<Self, ModelError> {
        for (field, value) in [("alpha", alpha), ("beta", beta)] {
            if !(MIN_PARAMETER..=MAX_PARAMETER).contains(&value) {
                return Err(ModelError::InvalidParameter {
                    field,
                    value,
                    allowed: "a number in [1e-8, 1e8] (where the sBG's predictions stay finite and accurate)",
                });
            }
        }
        Ok(Self { alpha, beta })
    }

    /// The `alpha` parameter of the Beta distribution of churn probabilities.
    #[must_use]
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// The `beta` parameter of the Beta distribution of churn probabilities.
    #[must_use]
    pub fn beta(&self) -> f64 {
        self.beta
    }

    /// The survival function `S(t) = P(T > t)`: the share of a cohort still subscribed (surviving) at the start of
    /// period `t` (after `t` renewal decisions), with `S(0) = 1`.
    ///
    /// `S(t) = prod_{i=1}^{t} (beta + i - 1) / (alpha + beta + i - 1)`, multiplied out for `t <= 1024`
    /// (identical to [`Self::survival_curve`]); for larger `t`, in `O(1)` by the closed form
    /// `S(t) = S(1024) Γ(beta + t) Γ(alpha + beta + 1024) / (Γ(alpha + beta + t) Γ(beta + 1024))`, each
    /// ratio of gammas by Stirling's series without cancellation (within about `1e-13` relative of the
    /// product; `S(t) = B(alpha, beta + t) / B(alpha, beta)`). So any `t` up to `u32::MAX` takes
    /// microseconds.
    #[must_use]
    pub fn survival(&self, t: u32) -> f64 {
        let exact = t.min(EXACT_PERIODS);
        let mut s = 1.0;
        let mut i = 0.0_f64;
        for _ in 0..exact {
            s *= (self.beta + i) / (self.alpha + self.beta + i);
            if s == 0.0 {
                return 0.0;
            }
            i += 1.0;
        }
        if t == exact {
            return s;
        }
        // ln[Γ(x) / Γ(x + alpha)] at x = beta + t, less the same at x = beta + EXACT_PERIODS.
        let (x0, x) = (self.beta + f64::from(exact), self.beta + f64::from(t));
        let ln_ratio = ln_gamma_shift(x0, self.alpha) - ln_gamma_shift(x, self.alpha);
        s * ln_ratio.exp()
    }

    /// `S(0), S(1), ..., S(periods)`: `periods + 1` values, computed by the recursion in one pass.
    ///
    /// # Errors
    /// [`ModelError::InvalidPeriod`] naming `periods` when it exceeds [`MAX_PERIODS`] (checked before
    /// anything is allocated).
    pub fn survival_curve(&self, periods: u32) -> Result<Vec<f64>, ModelError> {
        if periods > MAX_PERIODS {
            return Err(ModelError::InvalidPeriod {
                field: "periods",
                value: periods,
                allowed: "at most MAX_PERIODS = 1000000 periods per curve",
            });
        }
        let mut curve = Vec::with_capacity(periods as usize + 1);
        let mut s = 1.0;
        curve.push(s);
        let mut i = 0.0_f64;
        for _ in 0..periods {
            s *= (self.beta + i) / (self.alpha + self.beta + i);
            curve.push(s);
            i += 1.0;
        }
        Ok(curve)
    }

    /// The retention rate `r_t = S(t) / S(t - 1) = (beta + t - 1) / (alpha + beta + t - 1)` for `t >= 1`:
    /// the share of the customers who made `t - 1` renewals that make the `t`-th one (`r_1 = S(1)`).
    ///
    /// # Errors
    /// [`ModelError::InvalidPeriod`] when `t == 0`.
    pub fn retention(&self, t: u32) -> Result<f64, ModelError> {
        check_period("t", t)?;
        let shift = f64::from(t) - 1.0;
        Ok((self.beta + shift) / (self.alpha + self.beta + shift))
    }

    /// The probability `P(T = t)` that a new customer's lifetime is exactly `t >= 1` periods, i.e. that
    /// they churn at the `t`-th renewal decision: `P(T = t) = S(t - 1) - S(t) = S(t - 1) alpha / (alpha + beta + t - 1)`.
    ///
    /// # Errors
    /// [`ModelError::InvalidPeriod`] when `t == 0`.
    pub fn churn_probability(&self, t: u32) -> Result<f64, ModelError> {
        check_period("t", t)?;
        let shift = f64::from(t) - 1.0;
        Ok(self.survival(t - 1) * self.alpha / (self.alpha + self.beta + shift))
    }

    /// The expected lifetime of a new customer in periods, `E[T] = sum_{t>=0} S(t) = (alpha + beta - 1) / (alpha - 1)`.
    ///
    /// # Errors
    /// [`ModelError::InfiniteLifetime`] when `alpha <= 1`: the sum diverges (the churn-probability
    /// distribution has too much mass near zero); use [`Self::discounted_expected_lifetime`] instead.
    pub fn expected_lifetime(&self) -> Result<f64, ModelError> {
        if self.alpha <= 1.0 {
            return Err(ModelError::InfiniteLifetime { alpha: self.alpha });
        }
        Ok((self.alpha + self.beta - 1.0) / (self.alpha - 1.0))
    }

    /// The discounted expected lifetime of a new customer (Fader & Hardie 2010):
    ///
    /// `DEL(d) = sum_{t>=0} S(t) / (1 + d)^t = 2F1(1, beta; alpha + beta; 1 / (1 + d))`,
    ///
    /// with `d` the discount rate per period. The first period is paid at once (undiscounted), the `t`-th
    /// renewal payment after `t` periods. Multiply by the (constant) margin per period for the expected
    /// customer lifetime value. At `d = 0` (allowed only when `alpha > 1`) this is
    /// [`Self::expected_lifetime`].
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] when `d` is not finite or is negative;
    /// [`ModelError::InfiniteLifetime`] when `d == 0` and `alpha <= 1`;
    /// [`ModelError::SeriesNotConverged`] when `d` is so small (below about `4e-6`) that the series needs
    /// more than ten million terms.
    pub fn discounted_expected_lifetime(&self, d: f64) -> Result<f64, ModelError> {
        check_discount_rate(d, self.alpha)?;
        if d == 0.0 {
            return self.expected_lifetime();
        }
        hyp2f1_one(self.beta, self.alpha + self.beta, 1.0 / (1.0 + d)).map_err(|e| series_error(e, d))
    }

    /// The discounted expected residual lifetime of a customer who has made `n - 1` renewals and is about
    /// to make their `n`-th renewal decision (`n >= 1`), in the closed form of Fader & Hardie (2010):
    ///
    /// `DERL(d, n) = sum_{t>=n} [S(t) / S(n - 1)] / (1 + d)^(t - n)
    ///             = (beta + n - 1) / (alpha + beta + n - 1) * 2F1(1, beta + n; alpha + beta + n; 1 / (1 + d))`.
    ///
    /// **Convention** (the one that reproduces Table 3 of Fader & Hardie 2010): the customer is valued just
    /// *before* the `n`-th renewal, so the payment that renewal brings is counted at once, undiscounted,
    /// weighted by its probability `r_n = S(n) / S(n - 1)`; the one after is discounted by one period, and
    /// so on. The payment already made for the current period is not counted. So `n = 1` values a
    /// customer who has just paid for period 1 ("0 renewals"), and `DERL(d, 1) = (DEL(d) - 1) (1 + d)`.
    /// At `d = 0` (allowed only when `alpha > 1`) it is `(beta + n - 1) / (alpha - 1)`.
    ///
    /// ```
    /// use ltv_models::SbgModel;
    ///
    /// // Fader & Hardie (2010), Table 3, d = 10 %: 3.31 for a customer with 0 renewals.
    /// let derl = SbgModel::new(3.80, 15.20)?.discounted_expected_residual_lifetime(0.10, 1)?;
    /// assert_eq!((derl * 100.0).round() / 100.0, 3.31);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// [`ModelError::InvalidPeriod`] when `n == 0`; otherwise as for [`Self::discounted_expected_lifetime`].
    pub fn discounted_expected_residual_lifetime(&self, d: f64, n: u32) -> Result<f64, ModelError> {
        check_period("n", n)?;
        check_discount_rate(d, self.alpha)?;
        let n = f64::from(n);
        if d == 0.0 {
            return Ok((self.beta + n - 1.0) / (self.alpha - 1.0));
        }
        let first = (self.beta + n - 1.0) / (self.alpha + self.beta + n - 1.0);
        let series =
            hyp2f1_one(self.beta + n, self.alpha + self.beta + n, 1.0 / (1.0 + d)).map_err(|e| series_error(e, d))?;
        Ok(first * series)
    }

    /// The log-likelihood of survival counts under this model (the function that
    /// [`SbgFit::fit_cohorts`](crate::SbgFit::fit_cohorts) maximises); see there for the data layout.
    ///
    /// For one cohort with `surviving[t]` customers at the start of period `t`, `t = 0..=k`:
    /// `LL = sum_{t=1}^{k} (surviving[t-1] - surviving[t]) ln P(T = t) + surviving[k] ln S(k)`,
    /// summed over cohorts.
    ///
    /// # Errors
    /// As for [`SbgFit::fit_cohorts`](crate::SbgFit::fit_cohorts) on invalid data.
    pub fn log_likelihood<C: AsRef<[u64]>>(&self, cohorts: &[C]) -> Result<f64, ModelError> {
        let data = likelihood::Sufficient::from_cohorts(cohorts)?;
        Ok(data.log_likelihood(self.alpha, self.beta))
    }
}

/// The error of the DEL / DERL series at discount rate `d`.
fn series_error(error: SeriesError, d: f64) -> ModelError {
    match error {
        SeriesError::NotConverged(terms) => ModelError::SeriesNotConverged { terms, discount_rate: d },
        // Not reachable for a model in its domain and a checked `d`; an error all the same.
        SeriesError::Domain => ModelError::InvalidParameter {
            field: "discount_rate",
            value: d,
            allowed: "a discount rate of at least about 1e-5 per period (or 0 when alpha > 1)",
        },
    }
}

/// Periods are counted from 1.
fn check_period(field: &'static str, value: u32) -> Result<(), ModelError> {
    if value == 0 {
        return Err(ModelError::InvalidPeriod { field, value, allowed: "a period >= 1 (periods are counted from 1)" });
    }
    Ok(())
}

impl Model for SbgModel {
    const TAG: &'static str = SBG_MODEL_TAG;
    const FORMAT_VERSION: u32 = FORMAT_VERSION;
    const PARAMS: &'static [&'static str] = &["alpha", "beta"];

    fn params(&self) -> Vec<f64> {
        vec![self.alpha, self.beta]
    }

    fn from_params(params: &[f64]) -> Result<Self, ModelError> {
        check_param_count::<Self>(params)?;
        Self::new(params[0], params[1])
    }
}

impl SbgModel {
    /// The model as a JSON model file (compact, one line):
    /// `{"model":"sbg","format_version":1,"alpha":…,"beta":…}`. See the
    /// [crate documentation](crate#json-model-files) for the format.
    ///
    /// # Errors
    /// None in practice (the parameters are finite); the `Result` guards the serializer.
    pub fn to_json(&self) -> Result<String, ModelError> {
        crate::file::write_model(self, None)
    }

    /// Reads the parameters from a JSON model file, with or without a `"fit"` object (which, when
    /// present, is validated but not kept; use [`SbgFit::from_json`](crate::SbgFit::from_json) to keep it).
    ///
    /// # Errors
    /// [`ModelError::UnknownModel`] / [`ModelError::UnsupportedFormatVersion`] for another model or version;
    /// [`ModelError::InvalidParameter`] for a parameter or fit statistic out of its domain;
    /// [`ModelError::Json`] for malformed JSON or a missing, extra or mistyped field.
    pub fn from_json(json: &str) -> Result<Self, ModelError> {
        Ok(crate::file::read_model_json::<Self>(json)?.0)
    }
}

impl serde::Serialize for SbgModel {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::file::serialize_model(serializer, self, None)
    }
}

impl<'de> serde::Deserialize<'de> for SbgModel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let crate::file::Strict(value) = crate::file::Strict::deserialize(deserializer)?;
        crate::file::read_model_value::<Self>(value).map(|(model, _)| model).map_err(serde::de::Error::custom)
    }
}
