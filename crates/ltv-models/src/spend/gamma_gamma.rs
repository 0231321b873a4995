//! The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005; note 025):
//! [`GammaGammaModel`], its fit [`GammaGammaFit`], and the customers' data [`SpendHistories`].

use crate::error::ModelError;
use crate::fit::{Fit, check_penalty, covariance_from_hessian, standard_errors};
use crate::merge::{Distinct, key_bits, merge_rows};
use crate::model::{Model, check_param_count};
use crate::optim::newton::{MaximizeOptions, maximize};
use crate::optim::transform::{LOG_BOUND, LogParams};
use crate::optim::{Derivatives, Objective, Status, nelder_mead};
use crate::special::gamma::{digamma, ln_gamma, trigamma};
use rayon::prelude::*;

/// The smallest value of `p`, `q` and `gamma`: `1e-8`.
pub const MIN_SPEND_PARAMETER: f64 = 1e-8;
/// The largest value of `p`, `q` and `gamma`: `1e8`.
pub const MAX_SPEND_PARAMETER: f64 = 1e8;
/// The largest `monetary_value` accepted: `1e15`.
pub const MAX_MONETARY_VALUE: f64 = 1e15;

/// Repeat customers' spend: per row the number of repeat transactions `frequency` (`x >= 1`), their mean
/// value `monetary_value` (`z̄ > 0`), and a `weight` (customers sharing the row).
///
/// Checks, each an [`ModelError::InvalidData`] naming the column and row: `frequency` a whole number in
/// `[1, 1e7]` (the model describes repeat transactions; drop customers with `x = 0` first), `monetary_value`
/// finite in `(0, 1e15]`, weights finite and `>= 0` with at least one positive.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SpendHistories {
    /// Repeat transactions `x` per row.
    pub frequency: Vec<f64>,
    /// Mean value of the repeat transactions `z̄` per row.
    pub monetary_value: Vec<f64>,
    /// Customers per row.
    pub weight: Vec<f64>,
}

fn bad(field: &str, row: Option<usize>, reason: String) -> ModelError {
    ModelError::InvalidData { field: field.to_owned(), row, reason }
}

fn check_spend_row(x: f64, m: f64, row: Option<usize>, allow_zero: bool) -> Result<(), ModelError> {
    let min = if allow_zero { 0.0 } else { 1.0 };
    // (In range, `x as u64` is exact for a whole number: the test needs no libm `trunc`.)
    if !(x.is_finite() && x >= min && x <= crate::data::MAX_FREQUENCY && (x as u64) as f64 == x) {
        return Err(bad(
            "frequency",
            row,
            format!(
                "got {}, expected a whole number of repeat transactions in [{min}, 1e7]{}",
                crate::Shown(x),
                if allow_zero { "" } else { " (the Gamma-Gamma model is fitted on repeat customers only)" }
            ),
        ));
    }
    let ok = if x == 0.0 { m.is_finite() && m >= 0.0 } else { m.is_finite() && m > 0.0 };
    if !(ok && m <= MAX_MONETARY_VALUE) {
        return Err(bad(
            "monetary_value",
            row,
            format!(
                "got {}, expected a mean spend per repeat transaction in (0, 1e15] (0 allowed only when frequency = 0)",
                crate::Shown(m)
            ),
        ));
    }
    Ok(())
}

impl SpendHistories {
    /// Validates the columns (see the type's documentation).
    ///
    /// # Errors
    /// [`ModelError::LengthMismatch`], or [`ModelError::InvalidData`] naming the first bad column and row.
    pub fn new(frequency: &[f64], monetary_value: &[f64], weight: Option<&[f64]>) -> Result<Self, ModelError> {
        let n = frequency.len();
        let mismatch = |field: &str, found: usize| ModelError::LengthMismatch {
            field: field.to_owned(),
            reference: "frequency".to_owned(),
            expected: n,
            found,
        };
        if monetary_value.len() != n {
            return Err(mismatch("monetary_value", monetary_value.len()));
        }
        for row in 0..n {
            check_spend_row(frequency[row], monetary_value[row], Some(row), false)?;
        }
        let weight = match weight {
            Some(w) if w.len() != n => return Err(mismatch("weight", w.len())),
            Some(w) => {
                if let Some((row, v)) = w.iter().enumerate().find(|(_, v)| !(v.is_finite() && **v >= 0.0)) {
                    return Err(bad(
                        "weight",
                        Some(row),
                        format!("got {}, expected a finite weight >= 0", crate::Shown(*v)),
                    ));
                }
                w.to_vec()
            }
            None => vec![1.0; n],
        };
        if !weight.iter().any(|&w| w > 0.0) {
            return Err(bad(
                "frequency",
                None,
                "no customers: need at least one row with a positive weight".to_owned(),
            ));
        }
        Ok(Self { frequency: frequency.to_vec(), monetary_value: monetary_value.to_vec(), weight })
    }
}

/// The Gamma-Gamma model of the value of a customer's transactions (Fader, Hardie & Lee 2005).
///
/// Each transaction of a customer is worth `z ~ Gamma(p, nu)` (shape `p`, rate `nu`), so the customer's
/// mean spend is `zeta = p / nu`; across customers `nu ~ Gamma(q, gamma)`. The spend is assumed independent
/// of the purchase process. Given `x` repeat transactions of mean `z̄`, the conditional expected spend per
/// transaction is `(p (gamma + x z̄)) / (p x + q - 1)`, a weighted mean of the population mean
/// `p gamma / (q - 1)` and `z̄` (note 025 eq. 5); the mean is infinite for `q <= 1`
/// ([`ModelError::InfiniteMeanSpend`]). The likelihood is the density of `z̄` (note 025 eq. 3):
/// `Γ(p x + q) / (Γ(p x) Γ(q)) gamma^q x^(p x) z̄^(p x - 1) / (gamma + x z̄)^(p x + q)`.
///
/// References: P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "RFM and CLV: Using Iso-Value Curves for
/// Customer Base Analysis", *Journal of Marketing Research* 42(4), 415–430; P. S. Fader and B. G. S.
/// Hardie (2013), "The Gamma-Gamma Model of Monetary Value" (note 025, brucehardie.com/notes/025). Each
/// parameter is in `[1e-8, 1e8]`.
///
/// ```
/// use ltv_models::GammaGammaModel;
///
/// // Note 025's CDNOW estimates: p = 6.25, q = 3.74, gamma = 15.44; population mean 35.22 $.
/// let m = GammaGammaModel::new(6.25, 3.74, 15.44)?;
/// assert_eq!((m.mean_spend()? * 100.0).round() / 100.0, 35.22);
/// // A customer with 2 repeat purchases of mean 22.35 $: shrunk towards the population mean.
/// let e = m.conditional_expected_spend(2.0, 22.35)?;
/// assert!(e > 22.35 && e < 35.22);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GammaGammaModel {
    p: f64,
    q: f64,
    gamma: f64,
}

impl GammaGammaModel {
    /// A model with these parameters, each in `[1e-8, 1e8]`.
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] naming the first parameter out of its domain.
    pub fn new(p: f64, q: f64, gamma: f64) -> Result<Self, ModelError> {
        for (field, value) in [("p", p), ("q", q), ("gamma", gamma)] {
            if !(MIN_SPEND_PARAMETER..=MAX_SPEND_PARAMETER).contains(&value) {
                return Err(ModelError::InvalidParameter {
                    field,
                    value,
                    allowed: "a number in [1e-8, 1e8] (where the model's predictions stay finite)",
                });
            }
        }
        Ok(Self { p, q, gamma })
    }

    /// The shape `p` of the Gamma distribution of a customer's transaction values.
    #[must_use]
    pub fn p(&self) -> f64 {
        self.p
    }

    /// The shape `q` of the Gamma distribution of the rates `nu` across customers.
    #[must_use]
    pub fn q(&self) -> f64 {
        self.q
    }

    /// The rate `gamma` of the Gamma distribution of `nu` (in money units).
    #[must_use]
    pub fn gamma(&self) -> f64 {
        self.gamma
    }

    /// The population mean spend per transaction `E[zeta] = p gamma / (q - 1)`.
    ///
    /// # Errors
    /// [`ModelError::InfiniteMeanSpend`] when `q <= 1`.
    pub fn mean_spend(&self) -> Result<f64, ModelError> {
        if self.q <= 1.0 {
            return Err(ModelError::InfiniteMeanSpend { q: self.q });
        }
        Ok(self.p * self.gamma / (self.q - 1.0))
    }

    /// The variance across customers of their mean spend `zeta`: `p^2 gamma^2 / ((q - 1)^2 (q - 2))`.
    ///
    /// # Errors
    /// [`ModelError::InfiniteMeanSpend`] when `q <= 1`; [`ModelError::InvalidParameter`] naming `q` when
    /// `1 < q <= 2` (the variance is infinite).
    pub fn spend_variance(&self) -> Result<f64, ModelError> {
        let mean = self.mean_spend()?;
        if self.q <= 2.0 {
            return Err(ModelError::InvalidParameter {
                field: "q",
                value: self.q,
                allowed: "q > 2 (the variance of the mean spend is infinite for q <= 2)",
            });
        }
        Ok(mean * mean / (self.q - 2.0))
    }

    /// `E[zeta | x, z̄] = p (gamma + x z̄) / (p x + q - 1)` (note 025 eq. 5); for `x = 0` (with `z̄ = 0`) the
    /// population mean.
    ///
    /// # Errors
    /// [`ModelError::InfiniteMeanSpend`] when `q <= 1`; [`ModelError::InvalidData`] naming `frequency` or
    /// `monetary_value` for a bad value.
    pub fn conditional_expected_spend(&self, frequency: f64, monetary_value: f64) -> Result<f64, ModelError> {
        check_spend_row(frequency, monetary_value, None, true)?;
        let mean = self.mean_spend()?;
        let (p, q, x) = (self.p, self.q, frequency);
        if x == 0.0 {
            return Ok(mean);
        }
        // Weighted form: no overflow of gamma + x z̄ for large x z̄.
        let denominator = p * x + q - 1.0;
        Ok((q - 1.0) / denominator * mean + p * x / denominator * monetary_value)
    }

    /// One repeat customer's log-likelihood (the density of `z̄`; may be positive).
    ///
    /// # Errors
    /// [`ModelError::InvalidData`] for a bad row (`frequency >= 1`, `monetary_value > 0`).
    pub fn log_likelihood(&self, frequency: f64, monetary_value: f64) -> Result<f64, ModelError> {
        check_spend_row(frequency, monetary_value, None, false)?;
        let (p, q, g, x, m) = (self.p, self.q, self.gamma, frequency, monetary_value);
        let px = p * x;
        Ok(ln_gamma(px + q) - ln_gamma(px) - ln_gamma(q) + q * g.ln() + px * x.ln() + (px - 1.0) * m.ln()
            - (px + q) * (g + x * m).ln())
    }

    /// Draws the mean spend per transaction of one synthetic customer per entry of `frequency` (their
    /// numbers of repeat transactions `x`), with the generator seed `seed`, faithful to the model (Fader,
    /// Hardie & Lee 2005, section "spend"; note 025 section 2): each customer draws a rate
    /// `nu ~ Gamma(q, gamma)` (shape `q`, rate `gamma`), and each of their `x` transactions is worth
    /// `z_i ~ Gamma(p, nu)`; the result is `z̄ = (z_1 + ... + z_x) / x`, drawn as `Gamma(p x, nu) / x` (the
    /// sum of `x` independent `Gamma(p, nu)` values is `Gamma(p x, nu)`: the same distribution, one draw per
    /// customer). `x = 0` gives `z̄ = 0` (the convention of `rfm_summary`; its `nu` is drawn all the same,
    /// so each customer's draw does not depend on the others' frequencies).
    ///
    /// The generator is `purchase::simulate`'s (splitmix64, Marsaglia–Tsang Gamma): the same values for
    /// the same seed on every platform and release.
    ///
    /// **Caps, checked first:** at most `MAX_SIMULATED_CUSTOMERS` (`1e8`) customers; each `frequency` a
    /// whole number in `[0, 1e7]` (the work is one draw per customer, whatever `x`).
    ///
    /// ```
    /// use ltv_models::{GammaGammaFit, GammaGammaModel, SpendHistories};
    ///
    /// let truth = GammaGammaModel::new(6.25, 3.74, 15.44)?;
    /// let frequency: Vec<f64> = (0..20_000).map(|i| f64::from(1 + i % 7)).collect();
    /// let spend = truth.simulate(&frequency, 11)?;
    /// let fit = GammaGammaFit::fit(&SpendHistories::new(&frequency, &spend, None)?, 0.0)?;
    /// let se = fit.std_err[0].unwrap_or(f64::INFINITY);
    /// assert!((fit.model.p() - 6.25).abs() < 4.0 * se);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// [`ModelError::InvalidData`] naming `frequency` (and the row for a bad value);
    /// [`ModelError::NotComputable`] naming `q` (or `p`) when a draw leaves the floating-point range
    /// (shapes near `1e-8`: a rate `nu` or a spend that underflows to 0).
    pub fn simulate(&self, frequency: &[f64], seed: u64) -> Result<Vec<f64>, ModelError> {
        if frequency.len() > crate::random::MAX_SIMULATED_CUSTOMERS {
            return Err(bad(
                "frequency",
                None,
                format!("got {} customers, expected at most 1e8 per simulation", frequency.len()),
            ));
        }
        if let Some((row, x)) = frequency
            .iter()
            .enumerate()
            .find(|(_, x)| !(x.is_finite() && **x >= 0.0 && **x <= crate::data::MAX_FREQUENCY && x.fract() == 0.0))
        {
            return Err(bad(
                "frequency",
                Some(row),
                format!("got {}, expected a whole number of repeat transactions in [0, 1e7]", crate::Shown(*x)),
            ));
        }
        let mut rng = crate::random::Rng::new(seed);
        let mut out = Vec::with_capacity(frequency.len());
        for &x in frequency {
            let nu = self.draw_rate(&mut rng)?;
            if x == 0.0 {
                out.push(0.0);
                continue;
            }
            out.push(self.spend_in_range(rng.gamma(self.p * x)? / (nu * x))?);
        }
        Ok(out)
    }

    /// The value of every row of a transaction log, drawn from the model: one rate `nu ~ Gamma(q, gamma)`
    /// per customer, and `z ~ Gamma(p, nu)` per transaction (the first included; the model treats every
    /// transaction alike, and `rfm_summary` leaves the first out of the monetary value). `customer` holds
    /// each row's customer with **each customer's rows together** (as the purchase models'
    /// `simulate_transactions` write them): a new value starts a new customer, and a customer that comes
    /// back after another is an error.
    ///
    /// The generator is `purchase::simulate`'s: the same values for the same seed on every platform.
    ///
    /// ```
    /// use ltv_models::{BgNbdModel, GammaGammaModel};
    ///
    /// let log = BgNbdModel::new(0.243, 4.414, 0.793, 2.426)?.simulate_transactions(&[38.86; 1_000], 7)?;
    /// let value = GammaGammaModel::new(6.25, 3.74, 15.44)?.simulate_transaction_values(&log.customer, 11)?;
    /// assert_eq!(value.len(), log.customer.len());
    /// assert!(value.iter().all(|v| *v > 0.0 && v.is_finite()));
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// [`ModelError::InvalidData`] naming `customer` (and the row) for a customer whose rows are not together,
    /// or more than `MAX_SIMULATED_PURCHASES + MAX_SIMULATED_CUSTOMERS` rows; [`ModelError::NotComputable`]
    /// as for [`GammaGammaModel::simulate`].
    pub fn simulate_transaction_values(&self, customer: &[u64], seed: u64) -> Result<Vec<f64>, ModelError> {
        let most = crate::random::MAX_SIMULATED_PURCHASES as usize + crate::random::MAX_SIMULATED_CUSTOMERS;
        if customer.len() > most {
            return Err(bad(
                "customer",
                None,
                format!("got {} rows, expected at most {most} per simulation", customer.len()),
            ));
        }
        let mut rng = crate::random::Rng::new(seed);
        let mut out = Vec::with_capacity(customer.len());
        let (mut nu, mut seen) = (0.0, std::collections::HashSet::new());
        for (row, &c) in customer.iter().enumerate() {
            if row == 0 || c != customer[row - 1] {
                if !seen.insert(c) {
                    return Err(bad(
                        "customer",
                        Some(row),
                        "a customer seen again after other customers' rows: expected each customer's rows together"
                            .to_owned(),
                    ));
                }
                nu = self.draw_rate(&mut rng)?;
            }
            out.push(self.spend_in_range(rng.gamma(self.p)? / nu)?);
        }
        Ok(out)
    }

    /// A customer's rate `nu ~ Gamma(q, gamma)` for the simulators, or an error when it leaves the
    /// floating-point range.
    fn draw_rate(&self, rng: &mut crate::random::Rng) -> Result<f64, ModelError> {
        let nu = rng.gamma(self.q)? / self.gamma;
        if nu > 0.0 && nu.is_finite() {
            Ok(nu)
        } else {
            Err(ModelError::NotComputable {
                quantity: "simulate",
                field: "q",
                value: self.q,
                reason: "a drawn rate nu left the floating-point range (q or gamma too extreme)",
            })
        }
    }

    /// A drawn spend, or an error when it left the floating-point range.
    fn spend_in_range(&self, spend: f64) -> Result<f64, ModelError> {
        if spend > 0.0 && spend.is_finite() {
            Ok(spend)
        } else {
            Err(ModelError::NotComputable {
                quantity: "simulate",
                field: "p",
                value: self.p,
                reason: "a drawn spend left the floating-point range (p too small or nu too extreme)",
            })
        }
    }

    /// The model file (compact JSON).
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

impl Model for GammaGammaModel {
    const TAG: &'static str = "gamma_gamma";
    const FORMAT_VERSION: u32 = 1;
    const PARAMS: &'static [&'static str] = &["p", "q", "gamma"];
    const LIKELIHOOD_IS_DENSITY: bool = true;

    fn params(&self) -> Vec<f64> {
        vec![self.p, self.q, self.gamma]
    }

    fn from_params(params: &[f64]) -> Result<Self, ModelError> {
        check_param_count::<Self>(params)?;
        Self::new(params[0], params[1], params[2])
    }
}

impl serde::Serialize for GammaGammaModel {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::file::serialize_model(serializer, self, None)
    }
}

impl<'de> serde::Deserialize<'de> for GammaGammaModel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let crate::file::Strict(value) = <crate::file::Strict as serde::Deserialize>::deserialize(deserializer)?;
        crate::file::read_model_value::<Self>(value).map(|(model, _)| model).map_err(serde::de::Error::custom)
    }
}

/// Rows of the subsample whose fit starts a fit to more than twice as many.
const SUBSAMPLE_ROWS: usize = 20_000;

/// Rows per parallel chunk of the row sums (fixed, so the sums are the same on any number of threads).
const CHUNK: usize = 16_384;

/// The Gamma-Gamma log-likelihood of the data, with exact derivatives in `(p, q, gamma)`.
///
/// One row's log-likelihood is `ln Γ(p x + q) - ln Γ(p x) - ln Γ(q) + q ln γ + p x ln x + (p x - 1) ln z̄`
/// minus `(p x + q) ln(γ + x z̄)`. The gamma functions and `p x ln x` depend on the row only through `x`
/// and are summed once per distinct `x` (with their weights); `(p x - 1) ln z̄` is `p A - B` with the sums
/// `A = Σ w x ln z̄` and `B = Σ w ln z̄` taken once; only `ln(γ + x z̄)` is evaluated per distinct row
/// `(x, z̄)` (identical rows merged into weights first, `crate::merge`) and evaluation, in parallel chunks.
struct Likelihood {
    /// The distinct rows `(x, z̄)` (bit for bit) and their summed weights, as columns.
    x: Vec<f64>,
    m: Vec<f64>,
    w: Vec<f64>,
    /// `N c`.
    penalty: f64,
    /// `N`, the summed weights.
    n: f64,
    /// `(x, W_x)`: each distinct frequency and the summed weight of its rows.
    groups: Vec<(f64, f64)>,
    /// `Σ w x ln z̄`.
    sum_x_ln_m: f64,
    /// `Σ w ln z̄`.
    sum_ln_m: f64,
}

/// The row sums of one evaluation: `Σ w x L`, `Σ w L` (`L = ln(γ + x z̄)`), and with derivatives
/// `Σ w x / s`, `Σ w / s`, `Σ w x / s²`, `Σ w / s²` (`s = γ + x z̄`).
#[derive(Clone, Copy, Default)]
struct RowSums([f64; 6]);

impl RowSums {
    fn add(mut self, other: Self) -> Self {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
        self
    }
}

impl Likelihood {
    fn new(data: &SpendHistories, penalty: f64) -> Self {
        // Identical rows merged into weights: a million customers' spend rows (cents, small counts) are
        // about a fifth as many distinct `(x, z̄)`, and every evaluation is a sum over them.
        let key_of = |i: usize| [key_bits(data.frequency[i]), key_bits(data.monetary_value[i])];
        let add = |i: usize, n: &mut [f64; 1]| n[0] += data.weight[i];
        let (rows, [n]) = merge_rows(data.frequency.len(), &data.weight, key_of, add);
        let (mut x, mut m, mut w) =
            (Vec::with_capacity(rows.len()), Vec::with_capacity(rows.len()), Vec::with_capacity(rows.len()));
        let mut group_of: std::collections::BTreeMap<u64, f64> = std::collections::BTreeMap::new();
        let (mut sum_x_ln_m, mut sum_ln_m) = (0.0, 0.0);
        for Distinct { key: [xb, mb], w: wi } in rows {
            let (xi, mi) = (f64::from_bits(xb), f64::from_bits(mb));
            // Frequencies are whole numbers in [1, 1e7] (validated), so the cast is exact.
            *group_of.entry(xi as u64).or_insert(0.0) += wi;
            let lm = mi.ln();
            sum_x_ln_m += wi * xi * lm;
            sum_ln_m += wi * lm;
            x.push(xi);
            m.push(mi);
            w.push(wi);
        }
        let groups = group_of.into_iter().map(|(x, w)| (x as f64, w)).collect();
        Self { x, m, w, penalty: penalty * n, n, groups, sum_x_ln_m, sum_ln_m }
    }

    fn row_sums(&self, g: f64, derivatives: bool) -> RowSums {
        let chunk = |start: usize| {
            let end = (start + CHUNK).min(self.x.len());
            let mut acc = RowSums::default();
            for ((&x, &m), &w) in self.x[start..end].iter().zip(&self.m[start..end]).zip(&self.w[start..end]) {
                let s = g + x * m;
                let ls = s.ln();
                acc.0[0] += w * x * ls;
                acc.0[1] += w * ls;
                if derivatives {
                    let inv = 1.0 / s;
                    acc.0[2] += w * x * inv;
                    acc.0[3] += w * inv;
                    acc.0[4] += w * x * inv * inv;
                    acc.0[5] += w * inv * inv;
                }
            }
            acc
        };
        let starts: Vec<usize> = (0..self.x.len()).step_by(CHUNK).collect();
        if starts.len() <= 1 {
            return starts.first().map_or_else(RowSums::default, |&s| chunk(s));
        }
        let parts: Vec<RowSums> = starts.into_par_iter().map(chunk).collect();
        parts.into_iter().fold(RowSums::default(), RowSums::add)
    }

    fn evaluate(&self, p: &[f64], derivatives: bool, penalised: bool) -> (f64, [f64; 3], [f64; 9]) {
        let (pp, q, g) = (p[0], p[1], p[2]);
        let (mut v, mut gr, mut h) = (0.0, [0.0; 3], [0.0; 9]);
        let n = self.n;
        let ln_g = g.ln();
        v += n * (q * ln_g - ln_gamma(q)) + pp * self.sum_x_ln_m - self.sum_ln_m;
        for &(x, w) in &self.groups {
            let px = pp * x;
            v += w * (ln_gamma(px + q) - ln_gamma(px) + px * x.ln());
            if derivatives {
                let (psi_pxq, psi_px) = (digamma(px + q), digamma(px));
                let (tri_pxq, tri_px) = (trigamma(px + q), trigamma(px));
                gr[0] += w * x * (psi_pxq - psi_px + x.ln());
                gr[1] += w * psi_pxq;
                h[0] += w * x * x * (tri_pxq - tri_px);
                h[1] += w * x * tri_pxq;
                h[4] += w * tri_pxq;
            }
        }
        let RowSums(r) = self.row_sums(g, derivatives);
        v -= pp * r[0] + q * r[1];
        if derivatives {
            gr[0] += self.sum_x_ln_m - r[0];
            gr[1] += n * (ln_g - digamma(q)) - r[1];
            gr[2] += n * q / g - (pp * r[2] + q * r[3]);
            h[2] -= r[2];
            h[4] -= n * trigamma(q);
            h[5] += n / g - r[3];
            h[8] += -n * q / (g * g) + pp * r[4] + q * r[5];
        }
        if penalised && self.penalty > 0.0 {
            v -= self.penalty * (pp * pp + q * q + g * g);
            for k in 0..3 {
                gr[k] -= 2.0 * self.penalty * p[k];
                h[k * 4] -= 2.0 * self.penalty;
            }
        }
        (h[3], h[6], h[7]) = (h[1], h[2], h[5]);
        (v, gr, h)
    }
}

impl Objective for Likelihood {
    fn dim(&self) -> usize {
        3
    }

    fn value(&self, p: &[f64]) -> f64 {
        if p.len() != 3 || !p.iter().all(|v| *v > 0.0 && v.is_finite()) {
            return f64::NEG_INFINITY;
        }
        let v = self.evaluate(p, false, true).0;
        if v.is_finite() { v } else { f64::NEG_INFINITY }
    }

    fn derivatives(&self, p: &[f64], out: &mut Derivatives) {
        let (v, g, h) = self.evaluate(p, true, true);
        out.set(v, &g, &h);
    }
}

/// Options of a Gamma-Gamma fit ([`GammaGammaFit::fit_with`]).
///
/// - `penalty` (`c >= 0`): the L2 penalty of [`GammaGammaFit::fit`] (`LL / N - c (p² + q² + γ²)`).
/// - `start`: starting values `[p, q, gamma]`, each in `[1e-8, 1e8]`; `None` starts from `p = 1`, `q = 2`,
///   `gamma` = the mean spend.
/// - `q_at_least_one`: maximise over `q >= 1` only (a finite population mean spend; lifetimes'
///   `q_constraint`).
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct SpendFitOptions {
    /// The L2 penalty coefficient `c`.
    pub penalty: f64,
    /// Starting values `[p, q, gamma]`, or `None` for the default start.
    pub start: Option<[f64; 3]>,
    /// Constrain the fit to `q >= 1`.
    pub q_at_least_one: bool,
}

impl SpendFitOptions {
    /// The default options with L2 penalty `penalty`.
    #[must_use]
    pub fn with_penalty(penalty: f64) -> Self {
        Self { penalty, ..Self::default() }
    }
}

/// The Gamma-Gamma likelihood on the boundary `q = 1`, in `(p, gamma)`.
struct OnBoundary<'b> {
    inner: &'b Likelihood,
}

impl OnBoundary<'_> {
    fn full(p: &[f64]) -> [f64; 3] {
        [p[0], 1.0, p[1]]
    }
}

impl Objective for OnBoundary<'_> {
    fn dim(&self) -> usize {
        2
    }

    fn value(&self, p: &[f64]) -> f64 {
        if p.len() != 2 { f64::NEG_INFINITY } else { self.inner.value(&Self::full(p)) }
    }

    fn derivatives(&self, p: &[f64], out: &mut Derivatives) {
        let (v, g, h) = self.inner.evaluate(&Self::full(p), true, true);
        out.set(v, &[g[0], g[2]], &[h[0], h[2], h[6], h[8]]);
    }
}

/// The constrained maximum at `q = 1`, from the unconstrained end point `x` (log parameters).
fn boundary_fit(likelihood: &Likelihood, x: &[f64], iterations: u32) -> Result<GammaGammaFit, ModelError> {
    let n = likelihood.n;
    let boundary = OnBoundary { inner: likelihood };
    let objective = LogParams::new(&boundary);
    let options = MaximizeOptions::new(1e-8 * n.max(1.0), LOG_BOUND);
    let mut result = maximize(&objective, vec![x[0], x[2]], &options);
    let mut iterations = iterations + result.iterations;
    if result.status == Status::Stalled {
        let (best, steps) = nelder_mead::minimize(|y| -objective.value(y), &result.x, 0.5);
        iterations += steps;
        result = maximize(&objective, best, &options);
        iterations += result.iterations;
    }
    let p = [result.x[0].exp(), 1.0, result.x[1].exp()];
    if result.status == Status::Diverged
        || ![p[0], p[2]].iter().all(|v| (MIN_SPEND_PARAMETER..=MAX_SPEND_PARAMETER).contains(v))
    {
        return Err(ModelError::NoFiniteMaximum {
            reason: "a Gamma-Gamma parameter runs to 0 or infinity (outside [1e-8, 1e8]) on the boundary q = 1: the \
                     spend data show too little variation to identify p and gamma",
        });
    }
    let model = GammaGammaModel::new(p[0], p[1], p[2])?;
    let (_, _, h) = likelihood.evaluate(&p, true, true);
    let se = standard_errors(&[h[0], h[2], h[6], h[8]], 2);
    let log_likelihood = likelihood.evaluate(&p, false, false).0;
    let count = n.round();
    Ok(GammaGammaFit {
        model,
        log_likelihood,
        std_err: vec![se[0], None, se[1]],
        n_customers: if count >= 1.0 { count.min(9.0e15) as u64 } else { 1 },
        n_cohorts: 1,
        iterations,
        converged: result.status == Status::Converged,
    })
}

/// A maximum-likelihood fit of the [`GammaGammaModel`]: [`Fit`] for Gamma-Gamma, made by
/// [`GammaGammaFit::fit`].
pub type GammaGammaFit = Fit<GammaGammaModel>;

impl Fit<GammaGammaModel> {
    #[allow(clippy::self_named_constructors, reason = "`GammaGammaFit::fit` mirrors `SbgFit::fit`")]
    /// Fits the Gamma-Gamma model by maximum likelihood (Newton's method with the exact gradient and
    /// Hessian over `ln p, ln q, ln gamma`, Nelder–Mead if it stalls) from `p = 1`, `q = 2`,
    /// `gamma = mean z̄`; `penalty` as in [`PurchaseFitOptions`](crate::PurchaseFitOptions) (`LL / N - c
    /// (p^2 + q^2 + gamma^2)`).
    ///
    /// ```
    /// use ltv_models::{GammaGammaFit, SpendHistories};
    ///
    /// // Everyone spends the same: no heterogeneity to fit (tests/gamma_gamma.rs fits note 025's CDNOW data).
    /// let data = SpendHistories::new(&[1.0, 2.0, 5.0, 3.0], &[20.0, 20.0, 20.0, 20.0], None)?;
    /// let err = GammaGammaFit::fit(&data, 0.0).unwrap_err();
    /// assert_eq!(err.kind(), "no_finite_maximum");
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] for a bad `penalty`; [`ModelError::NoFiniteMaximum`] when a
    /// parameter runs out of `[1e-8, 1e8]` (e.g. every customer spends the same: no heterogeneity).
    pub fn fit(data: &SpendHistories, penalty: f64) -> Result<Self, ModelError> {
        Self::fit_with(data, &SpendFitOptions::with_penalty(penalty))
    }

    /// [`GammaGammaFit::fit`] with [`SpendFitOptions`]: a penalty, a start, and the constraint `q >= 1`.
    ///
    /// With `q_at_least_one`, an unconstrained maximum at `q >= 1` is returned as it is; one at `q < 1`
    /// (where the population mean spend `p gamma / (q - 1)` is not finite) is replaced by the maximum over
    /// `p` and `gamma` on the boundary `q = 1` (the constrained maximum of a likelihood that is unimodal in
    /// `q`, which the tests check through the Karush–Kuhn–Tucker conditions). That fit's `q` has no
    /// standard error (it sits on the bound). lifetimes' `q_constraint=True` asks for the same maximum.
    ///
    /// ```
    /// use ltv_models::{GammaGammaFit, GammaGammaModel, SpendFitOptions, SpendHistories};
    ///
    /// // Spend drawn with q = 0.7: the unconstrained fit finds q < 1, the constrained one q = 1.
    /// let truth = GammaGammaModel::new(4.0, 0.7, 10.0)?;
    /// let frequency: Vec<f64> = (0..3_000).map(|i| f64::from(1 + i % 5)).collect();
    /// let data = SpendHistories::new(&frequency, &truth.simulate(&frequency, 5)?, None)?;
    /// assert!(GammaGammaFit::fit(&data, 0.0)?.model.q() < 1.0);
    /// let mut options = SpendFitOptions::with_penalty(0.0);
    /// options.q_at_least_one = true;
    /// let fit = GammaGammaFit::fit_with(&data, &options)?;
    /// assert_eq!(fit.model.q(), 1.0);
    /// assert_eq!(fit.std_err[1], None);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// As [`GammaGammaFit::fit`], and [`ModelError::InvalidParameter`] for a `start` outside
    /// `[MIN_SPEND_PARAMETER, MAX_SPEND_PARAMETER]` (or with `q < 1` under `q_at_least_one`).
    pub fn fit_with(data: &SpendHistories, fit_options: &SpendFitOptions) -> Result<Self, ModelError> {
        let penalty = fit_options.penalty;
        if !(penalty.is_finite() && penalty >= 0.0) {
            return Err(ModelError::InvalidParameter {
                field: "penalty",
                value: penalty,
                allowed: "a finite L2 penalty coefficient >= 0",
            });
        }
        if let Some(start) = &fit_options.start {
            for (k, &v) in start.iter().enumerate() {
                let low = if k == 1 && fit_options.q_at_least_one { 1.0 } else { MIN_SPEND_PARAMETER };
                if !(low..=MAX_SPEND_PARAMETER).contains(&v) {
                    return Err(ModelError::InvalidParameter {
                        field: ["start.p", "start.q", "start.gamma"][k],
                        value: v,
                        allowed: "a start in [1e-8, 1e8] (q >= 1 under q_at_least_one)",
                    });
                }
            }
        }
        let likelihood = Likelihood::new(data, penalty);
        let n = likelihood.n;
        let objective = LogParams::new(&likelihood);
        let mean = data.monetary_value.iter().zip(&data.weight).map(|(m, w)| m * w).sum::<f64>() / n;
        let default_start = vec![0.0, 2.0_f64.ln(), mean.ln()];
        let mut iterations = 0;
        let start = match &fit_options.start {
            Some(s) => s.iter().map(|v| v.ln()).collect(),
            // Large data: start from the fit to every k-th row (about SUBSAMPLE_ROWS rows), so that the
            // full data need only the last, quadratically convergent Newton steps.
            None if data.frequency.len() > 2 * SUBSAMPLE_ROWS => {
                let step = data.frequency.len() / SUBSAMPLE_ROWS;
                let every = |v: &[f64]| v.iter().step_by(step).copied().collect::<Vec<f64>>();
                let sample = SpendHistories {
                    frequency: every(&data.frequency),
                    monetary_value: every(&data.monetary_value),
                    weight: every(&data.weight),
                };
                let sample_likelihood = Likelihood::new(&sample, penalty);
                if sample_likelihood.n > 0.0 {
                    let sample_objective = LogParams::new(&sample_likelihood);
                    let found = maximize(
                        &sample_objective,
                        default_start.clone(),
                        &MaximizeOptions::new(1e-8 * sample_likelihood.n.max(1.0), LOG_BOUND),
                    );
                    iterations += found.iterations;
                    if found.status == Status::Converged { found.x } else { default_start }
                } else {
                    default_start
                }
            }
            None => default_start,
        };
        let options = MaximizeOptions::new(1e-8 * n.max(1.0), LOG_BOUND);
        let mut result = maximize(&objective, start, &options);
        iterations += result.iterations;
        if result.status == Status::Stalled {
            let (best, steps) = nelder_mead::minimize(|x| -objective.value(x), &result.x, 0.5);
            iterations += steps;
            result = maximize(&objective, best, &options);
            iterations += result.iterations;
        }
        if fit_options.q_at_least_one && result.x[1] < 0.0 {
            return boundary_fit(&likelihood, &result.x, iterations);
        }
        let p: Vec<f64> = result.x.iter().map(|v| v.exp()).collect();
        if result.status == Status::Diverged
            || !p.iter().all(|v| (MIN_SPEND_PARAMETER..=MAX_SPEND_PARAMETER).contains(v))
        {
            return Err(ModelError::NoFiniteMaximum {
                reason: "a Gamma-Gamma parameter runs to 0 or infinity (outside [1e-8, 1e8]): the spend data show \
                         too little variation within or across customers to identify p, q and gamma",
            });
        }
        let model = GammaGammaModel::new(p[0], p[1], p[2])?;
        // One pass: the unpenalised value, and the Hessian with the penalty's `-2 N c` on its diagonal.
        let (log_likelihood, _, mut hessian) = likelihood.evaluate(&p, true, false);
        for k in 0..3 {
            hessian[k * 4] -= 2.0 * likelihood.penalty;
        }
        let count = n.round();
        Ok(Self {
            model,
            log_likelihood,
            std_err: standard_errors(&hessian, 3),
            n_customers: if count >= 1.0 { count.min(9.0e15) as u64 } else { 1 },
            n_cohorts: 1,
            iterations,
            converged: result.status == Status::Converged,
        })
    }
}

impl GammaGammaModel {
    /// The covariance matrix of the maximum-likelihood estimates (row-major 3 x 3, in [`Model::PARAMS`] order
    /// `p, q, gamma`): the inverse of the observed information `-∇² (LL - N penalty (p² + q² + γ²))` of `data`
    /// at these parameters (a fit's model and the data and `penalty` it was fitted with), the matrix whose
    /// diagonal is the square of the fit's standard errors.
    ///
    /// ```
    /// use ltv_models::{GammaGammaFit, GammaGammaModel, SpendHistories};
    ///
    /// let truth = GammaGammaModel::new(6.25, 3.74, 15.44)?;
    /// let frequency: Vec<f64> = (0..2_000).map(|i| f64::from(1 + i % 7)).collect();
    /// let data = SpendHistories::new(&frequency, &truth.simulate(&frequency, 11)?, None)?;
    /// let fit = GammaGammaFit::fit(&data, 0.0)?;
    /// let cov = fit.model.covariance(&data, 0.0)?;
    /// let se_p = fit.std_err[0].unwrap_or(0.0);
    /// assert!((cov[0].sqrt() - se_p).abs() < 1e-12 * se_p);
    /// assert_eq!(cov[1], cov[3]);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] for a penalty not finite and `>= 0`; [`ModelError::NoFiniteMaximum`]
    /// when the information is not positive definite (these parameters are not a maximum for `data`).
    pub fn covariance(&self, data: &SpendHistories, penalty: f64) -> Result<Vec<f64>, ModelError> {
        check_penalty(penalty)?;
        let likelihood = Likelihood::new(data, penalty);
        let (_, _, hessian) = likelihood.evaluate(&[self.p, self.q, self.gamma], true, true);
        covariance_from_hessian(&hessian, 3)
    }
}
