//! BG/BB predictions beyond the next opportunity, given a history: the distribution of the transactions in
//! the next `t` opportunities, the probability of none, and `P(alive)` at a later opportunity (Fader, Hardie
//! & Shang 2010, section 3 and the appendix; Fader & Hardie's BG/BB notes).

use super::{BgBbModel, check_periods, customer_terms, ln_survival};
use crate::error::ModelError;
use crate::purchase::discrete::check_discrete;
use crate::special::gamma::{ln_beta, ln_gamma, ln_gamma_shift};

/// `ln C(m, k)` for whole `0 <= k <= m`.
fn ln_choose(m: f64, k: f64) -> f64 {
    ln_gamma(m + 1.0) - ln_gamma(k + 1.0) - ln_gamma(m - k + 1.0)
}

/// `ln B(γ, δ+n+t) - ln B(γ, δ+n)`: the log-probability of surviving `t` more opportunities after `n`,
/// `ln Γ(δ+n+t) - ln Γ(δ+n) - (ln Γ(γ+δ+n+t) - ln Γ(γ+δ+n))`, each difference by Stirling's series
/// (`ln_gamma_shift`, no cancellation of two large `ln Γ`) once `δ+n >= 15`.
fn ln_survival_step(gamma: f64, delta: f64, n: f64, t: f64) -> f64 {
    let x = delta + n;
    if t == 0.0 {
        0.0
    } else if t == 1.0 {
        (x / (gamma + x)).ln()
    } else if x >= 15.0 {
        ln_gamma_shift(x, t) - ln_gamma_shift(gamma + x, t)
    } else {
        ln_survival(gamma, delta, n + t) - ln_survival(gamma, delta, n)
    }
}

impl BgBbModel {
    /// `P(alive at opportunity n + t | x, t_x, n)`: the probability that a customer with this history is still
    /// alive (has survived the dropout coin) at opportunity `n + t` (Fader, Hardie & Shang 2010, eq. (11)
    /// carried `t` opportunities on):
    /// `B(α+x, β+n-x)/B(α,β) B(γ, δ+n+t)/B(γ,δ) / L`, `L` the likelihood (eq. 5).
    ///
    /// `t = 1` is [`Self::probability_alive`] (alive at the next opportunity); `t = 0` is the probability
    /// of having survived the `n` observed opportunities. Closed form, in log space: no loop over `t`; `t`
    /// is still capped at `MAX_OPPORTUNITIES` (`1e6`), as every BG/BB horizon is.
    ///
    /// ```
    /// use ltv_models::BgBbModel;
    ///
    /// let m = BgBbModel::new(1.204, 0.750, 0.657, 2.783)?;
    /// // A donor who gave in 2 of 6 years, last in year 3: alive in year 7, and 5 years later.
    /// let next = m.probability_alive_at(1, 2.0, 3.0, 6.0)?;
    /// assert_eq!(next, m.probability_alive(2.0, 3.0, 6.0)?);
    /// assert!(m.probability_alive_at(5, 2.0, 3.0, 6.0)? < next);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// [`ModelError::InvalidPeriod`] naming `t` above `1e6` (checked first); [`ModelError::InvalidData`]
    /// naming `frequency`, `recency` or `periods` for an invalid history.
    pub fn probability_alive_at(&self, t: u32, frequency: f64, recency: f64, periods: f64) -> Result<f64, ModelError> {
        check_periods("t", t)?;
        check_discrete(frequency, recency, periods, None)?;
        let (ll, first) = customer_terms(&self.values(), frequency, recency, periods);
        let step = ln_survival_step(self.gamma, self.delta, periods, f64::from(t));
        Ok((first + step - ll).exp().clamp(0.0, 1.0))
    }

    /// `P(X(n, n + t) = k | x, t_x, n)`: the probability that a customer with this history makes exactly `k`
    /// transactions in the next `t` opportunities (Fader, Hardie & Shang 2010, appendix; Hardie's BG/BB
    /// note, the conditional distribution whose mean is eq. (13)):
    ///
    /// `δ_{k=0} (1 - A/L) + 1/L [ C(t,k) B(α+x+k, β+n-x+t-k)/B(α,β) B(γ, δ+n+t)/B(γ,δ)
    ///   + sum_{i=k}^{t-1} C(i,k) B(α+x+k, β+n-x+i-k)/B(α,β) B(γ+1, δ+n+i)/B(γ,δ) ]`,
    ///
    /// where `L` is the likelihood (eq. 5) and `A = B(α+x, β+n-x)/B(α,β) B(γ, δ+n)/B(γ,δ)` its part in which
    /// the customer survives the `n` observed opportunities: dead already (`1 - A/L`, summed as the rest of
    /// eq. 5 rather than subtracted) or alive for `i < t` more opportunities and then gone, or alive
    /// throughout, with `k` of the opportunities alive taken. Every term is `exp(ln term - ln L)` from
    /// `ln B` terms (no overflow for any history up to `1e6` opportunities). `k > t` gives 0; `t = 0` gives 1
    /// for `k = 0`. The sum over `k = 0..=t` is 1 and its mean is
    /// [`Self::conditional_expected_transactions`].
    ///
    /// **Cap:** the sums have `t - k` and `n - t_x` terms: `t` (like `n`) is at most `MAX_OPPORTUNITIES`
    /// (`1e6`), checked first.
    ///
    /// ```
    /// use ltv_models::BgBbModel;
    ///
    /// let m = BgBbModel::new(1.204, 0.750, 0.657, 2.783)?;
    /// // A donor who gave in 2 of 6 years, last in year 3: the next 5 years.
    /// let p: Vec<f64> =
    ///     (0..=5).map(|k| m.conditional_probability_of_transactions(k, 5, 2.0, 3.0, 6.0)).collect::<Result<_, _>>()?;
    /// assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    /// let mean: f64 = p.iter().enumerate().map(|(k, p)| k as f64 * p).sum();
    /// assert!((mean - m.conditional_expected_transactions(5, 2.0, 3.0, 6.0)?).abs() < 1e-12);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// [`ModelError::InvalidPeriod`] naming `t` above `1e6` (checked first); [`ModelError::InvalidData`]
    /// naming `frequency`, `recency` or `periods` for an invalid history.
    pub fn conditional_probability_of_transactions(
        &self,
        n: u32,
        t: u32,
        frequency: f64,
        recency: f64,
        periods: f64,
    ) -> Result<f64, ModelError> {
        check_periods("t", t)?;
        check_discrete(frequency, recency, periods, None)?;
        let (ll, _) = customer_terms(&self.values(), frequency, recency, periods);
        if n > t {
            return Ok(0.0);
        }
        if t == 0 {
            // Nothing can happen in no opportunities (exactly; the sums below give it to rounding).
            return Ok(1.0);
        }
        let (a, b, g, d) = (self.alpha, self.beta, self.gamma, self.delta);
        let (x, tx, np) = (frequency, recency, periods);
        let (k, horizon) = (f64::from(n), f64::from(t));
        let (b_ab, b_gd) = (ln_beta(a, b), ln_beta(g, d));
        let ak = a + x + k;
        let mut total = (ln_choose(horizon, k) + ln_beta(ak, b + np - x + horizon - k) - b_ab
            + ln_beta(g, d + np + horizon)
            - b_gd
            - ll)
            .exp();
        for i in n..t {
            let i = f64::from(i);
            total +=
                (ln_choose(i, k) + ln_beta(ak, b + np - x + i - k) - b_ab + ln_beta(g + 1.0, d + np + i) - b_gd - ll)
                    .exp();
        }
        if n == 0 {
            // Dead within the observed opportunities: the terms of eq. 5 after its first.
            let mut i = 0.0;
            while i < np - tx {
                total += (ln_beta(a + x, b + tx - x + i) - b_ab + ln_beta(g + 1.0, d + tx + i) - b_gd - ll).exp();
                i += 1.0;
            }
        }
        Ok(total.clamp(0.0, 1.0))
    }

    /// `P(X(n, n + t) = 0 | x, t_x, n)`: the probability that a customer with this history makes no
    /// transaction in the next `t` opportunities (dead, or alive and not transacting):
    /// [`Self::conditional_probability_of_transactions`] at `k = 0`.
    ///
    /// ```
    /// use ltv_models::BgBbModel;
    ///
    /// let m = BgBbModel::new(1.204, 0.750, 0.657, 2.783)?;
    /// assert_eq!(m.probability_of_no_transaction(0, 2.0, 3.0, 6.0)?, 1.0);
    /// let (one, five) = (m.probability_of_no_transaction(1, 2.0, 3.0, 6.0)?, m.probability_of_no_transaction(5, 2.0, 3.0, 6.0)?);
    /// assert!(five < one && one < 1.0);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// As for [`Self::conditional_probability_of_transactions`].
    pub fn probability_of_no_transaction(
        &self,
        t: u32,
        frequency: f64,
        recency: f64,
        periods: f64,
    ) -> Result<f64, ModelError> {
        self.conditional_probability_of_transactions(0, t, frequency, recency, periods)
    }
}
