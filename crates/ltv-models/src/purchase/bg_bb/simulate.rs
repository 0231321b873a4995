//! Drawing synthetic customers from the BG/BB with the seeded generator of `purchase::simulate`.

use super::BgBbModel;
use crate::error::ModelError;
use crate::purchase::discrete::{DiscreteHistories, MAX_OPPORTUNITIES};
use crate::purchase::simulate::{
    MAX_SIMULATED_CUSTOMERS, MAX_SIMULATED_PURCHASES, SimulatedTransactions, Sink, Summaries,
};
use crate::random::Rng;

fn bad(row: Option<usize>, reason: String) -> ModelError {
    ModelError::InvalidData { field: "periods".to_owned(), row, reason }
}

impl BgBbModel {
    /// Draws one synthetic customer per entry of `periods` (their transaction opportunities `n`), with the
    /// generator seed `seed`, faithful to the model's story (Fader, Hardie & Shang 2010, section 2): each
    /// customer draws `p ~ Beta(α, β)` and `θ ~ Beta(γ, δ)`; at the start of each opportunity an alive
    /// customer dies for good with probability `θ`, and an alive customer transacts with probability `p`.
    /// The number of opportunities survived is drawn at once (geometric, by inversion), then one Bernoulli
    /// draw per opportunity alive. Returns the histories `(x, t_x, n)`, one row per customer, weight 1.
    ///
    /// The generator is `purchase::simulate`'s (splitmix64, Marsaglia–Tsang Gamma, Beta as a ratio of
    /// Gammas): the same customers for the same seed on every platform and release.
    ///
    /// **Caps, checked first:** 1 to `MAX_SIMULATED_CUSTOMERS` (`1e8`) customers, each `periods` a whole
    /// number in `[1, 1e6]`, and at most `MAX_SIMULATED_PURCHASES` (`1e9`) opportunities in all (the sum of
    /// `periods`, the work of the draw).
    ///
    /// ```
    /// use ltv_models::{BgBbFit, BgBbModel, PurchaseFitOptions};
    ///
    /// let truth = BgBbModel::new(1.2, 0.75, 0.66, 2.8)?;
    /// let data = truth.simulate(&[6.0; 20_000], 7)?;
    /// let fit = BgBbFit::fit(&data, &PurchaseFitOptions::default())?;
    /// let se = fit.std_err[0].unwrap_or(f64::INFINITY);
    /// assert!((fit.model.alpha() - 1.2).abs() < 4.0 * se);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// [`ModelError::InvalidData`] naming `periods` (with the row for a bad value) for no or too many customers
    /// or opportunities, or a value that is not a whole number in `[1, 1e6]`.
    pub fn simulate(&self, periods: &[f64], seed: u64) -> Result<DiscreteHistories, ModelError> {
        self.draw(periods, seed, &mut Summaries)
    }

    /// Draws the same customers as [`BgBbModel::simulate`] (same `periods`, same `seed`) as a transaction
    /// log: one row per transaction, the initial one at time 0 and each repeat transaction at its
    /// opportunity `1..=n` (see [`SimulatedTransactions`]). With one opportunity a year, a customer of `n`
    /// opportunities observed to year `E` made the initial transaction in year `E − n`.
    ///
    /// ```
    /// use ltv_models::BgBbModel;
    ///
    /// let m = BgBbModel::new(1.204, 0.750, 0.657, 2.783)?;
    /// let log = m.simulate_transactions(&[6.0; 100], 7)?;
    /// let summary = m.simulate(&[6.0; 100], 7)?;
    /// let first = log.customer.iter().filter(|&&c| c == 0).count();
    /// assert_eq!(first as f64 - 1.0, summary.frequency[0]);
    /// assert!(log.time.iter().all(|t| t.fract() == 0.0 && (0.0..=6.0).contains(t)));
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// As for [`BgBbModel::simulate`].
    pub fn simulate_transactions(&self, periods: &[f64], seed: u64) -> Result<SimulatedTransactions, ModelError> {
        let mut log = SimulatedTransactions::default();
        self.draw(periods, seed, &mut log)?;
        Ok(log)
    }

    fn draw(&self, periods: &[f64], seed: u64, sink: &mut impl Sink) -> Result<DiscreteHistories, ModelError> {
        if periods.is_empty() || periods.len() > MAX_SIMULATED_CUSTOMERS {
            return Err(bad(None, format!("got {} customers, expected 1 to 1e8 per simulation", periods.len())));
        }
        let mut opportunities = 0.0;
        for (row, &n) in periods.iter().enumerate() {
            if !(n.is_finite() && n.fract() == 0.0 && (1.0..=MAX_OPPORTUNITIES).contains(&n)) {
                return Err(bad(
                    Some(row),
                    format!("got {}, expected a whole number of opportunities in [1, 1e6]", crate::Shown(n)),
                ));
            }
            opportunities += n;
        }
        if opportunities > MAX_SIMULATED_PURCHASES as f64 {
            return Err(bad(
                None,
                format!(
                    "got {} opportunities in all, expected at most 1e9 per simulation: use fewer customers or periods",
                    crate::Shown(opportunities)
                ),
            ));
        }
        let mut rng = Rng::new(seed);
        let (mut frequency, mut recency) = (Vec::with_capacity(periods.len()), Vec::with_capacity(periods.len()));
        for (row, &n) in periods.iter().enumerate() {
            let p = rng.beta(self.alpha, self.beta)?;
            let theta = rng.beta(self.gamma, self.delta)?;
            // Opportunities survived before the dropout coin comes up: P(k) = (1 - θ)^k θ.
            // (θ = 1 gives 0; θ = 0, or a NaN from 0 / 0, gives n.)
            let survived = if theta >= 1.0 { 0.0 } else { (rng.uniform().ln() / (-theta).ln_1p()).floor().min(n) };
            let (mut x, mut last) = (0.0_f64, 0.0_f64);
            sink.purchase(row, 0.0);
            let mut t = 1.0;
            while t <= survived {
                if rng.uniform() < p {
                    x += 1.0;
                    last = t;
                    sink.purchase(row, t);
                }
                t += 1.0;
            }
            frequency.push(x);
            recency.push(last);
        }
        DiscreteHistories::new(&frequency, &recency, periods, None)
    }
}
