//! The purchase-model section of the demo: a CDNOW-like transaction log the demo simulates (seeded), its RFM
//! summary, BG/NBD and Gamma-Gamma fits, and P(alive) and 12-month value for three customers.
//!
//! The log: 2,357 customers with first purchases spread over the first 12 weeks of 1997, observed to
//! 1997-09-30; each customer's repeat purchases `x` and the time of the last `t_x` drawn by
//! [`BgNbdModel::simulate`] with Fader, Hardie & Lee's (2005) CDNOW estimates (weeks); the other `x - 1`
//! repeat purchases evenly spaced before `t_x` (the summary only sees their count and the last); amounts a
//! per-customer spend level times a uniform jitter (splitmix64, seeded), so that the Gamma-Gamma has
//! something to fit. The Python demo (examples/data/purchase_log.py) draws its own log the same way, with
//! numpy for the in-between times and Gamma-distributed amounts, so the two demos print different figures.

use ltv_models::PurchaseModel;
use ltv_models::{
    BgNbdFit, BgNbdModel, GammaGammaFit, ModelError, PurchaseFitOptions, PurchaseHistories, RfmOptions, SpendHistories,
    TimeBase, TimeUnit, Transactions, ValueOptions, customer_value, rfm_summary,
};

const CUSTOMERS: usize = 2357;
/// 1997-01-01 in days since 1970-01-01.
const START_DAY: i64 = 9862;
/// 1997-09-30, the observation end, in days from 1997-01-01.
const END_DAY: i64 = 272;
const TRUTH: [f64; 4] = [0.243, 4.414, 0.793, 2.426];

/// splitmix64 uniforms in (0, 1) (Steele, Lea & Flood 2014), for the amounts only.
struct Uniform(u64);

impl Uniform {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (((z ^ (z >> 31)) >> 11) as f64 + 0.5) / (1_u64 << 53) as f64
    }
}

/// The simulated log, one entry per purchase.
struct Log {
    customer: Vec<i64>,
    /// Seconds since the epoch.
    time: Vec<i64>,
    amount: Vec<f64>,
}

fn purchase_log() -> Result<Log, ModelError> {
    let first_day: Vec<i64> = (0..CUSTOMERS).map(|i| (i * 84 / CUSTOMERS) as i64).collect();
    let ages: Vec<f64> = first_day.iter().map(|&d| (END_DAY - d) as f64 / 7.0).collect();
    let [r, alpha, a, b] = TRUTH;
    let sim = BgNbdModel::new(r, alpha, a, b)?.simulate(&ages, 2)?;
    let mut uniform = Uniform(2);
    let (mut customer, mut time, mut amount) = (Vec::new(), Vec::new(), Vec::new());
    for (i, &day) in first_day.iter().enumerate() {
        let (x, tx) = (sim.frequency[i], sim.recency[i]);
        let level = 10.0 + 50.0 * uniform.next().powi(2);
        let purchases = x as u32; // x <= MAX_FREQUENCY, checked by PurchaseHistories
        for k in 0..=purchases {
            let weeks = if purchases == 0 { 0.0 } else { tx * f64::from(k) / f64::from(purchases) };
            customer.push(i as i64 + 1);
            time.push(((START_DAY + day) as f64 * 86_400.0 + (weeks * 7.0 * 86_400.0).round()) as i64);
            amount.push((level * (0.5 + uniform.next()) * 100.0).round() / 100.0);
        }
    }
    Ok(Log { customer, time, amount })
}

/// Prints the section; an error (none is expected on this data) is printed in its place.
pub fn report() {
    if let Err(e) = run() {
        println!("  purchase-model section failed: {e}");
    }
}

fn run() -> Result<(), ModelError> {
    let Log { customer, time, amount } = purchase_log()?;
    let log = Transactions::new(&customer, &time, Some(&amount), TimeBase::Seconds)?;
    let options = RfmOptions {
        fractional: true,
        observation_end: Some((START_DAY + END_DAY) * 86_400),
        ..RfmOptions::new(TimeUnit::Week)
    };
    let summary = rfm_summary(&log, &options)?;
    println!(
        "\nPurchase models ({} simulated purchases by {} customers, weeks, to 1997-09-30)",
        customer.len(),
        summary.len()
    );
    let histories = PurchaseHistories::new(&summary.frequency, &summary.recency, &summary.age, None)?;
    let fit = BgNbdFit::fit(&histories, &PurchaseFitOptions::default())?;
    let m = &fit.model;
    println!(
        "  BG/NBD fit (simulated from): r {:.3} ({}), alpha {:.3} ({}), a {:.3} ({}), b {:.3} ({}), LL {:.1}",
        m.r(),
        TRUTH[0],
        m.alpha(),
        TRUTH[1],
        m.a(),
        TRUTH[2],
        m.b(),
        TRUTH[3],
        fit.log_likelihood
    );
    let values = summary.monetary_value.clone().unwrap_or_default();
    let repeaters: Vec<usize> = (0..summary.len()).filter(|&i| summary.frequency[i] > 0.0).collect();
    let spend_data = SpendHistories::new(
        &repeaters.iter().map(|&i| summary.frequency[i]).collect::<Vec<_>>(),
        &repeaters.iter().map(|&i| values[i]).collect::<Vec<_>>(),
        None,
    )?;
    let spend = GammaGammaFit::fit(&spend_data, 0.0)?;
    let g = &spend.model;
    println!(
        "  Gamma-Gamma fit on the {} repeat buyers: p {:.3}, q {:.3}, gamma {:.3}, mean spend {:.2}",
        repeaters.len(),
        g.p(),
        g.q(),
        g.gamma(),
        g.mean_spend()?
    );
    // The busiest customer, a frequent buyer gone quiet (the earliest last purchase among 4+), a one-time buyer.
    let busiest = (0..summary.len()).max_by(|&i, &j| summary.frequency[i].total_cmp(&summary.frequency[j]));
    let quiet = repeaters
        .iter()
        .copied()
        .filter(|&i| summary.frequency[i] >= 4.0)
        .min_by(|&i, &j| summary.recency[i].total_cmp(&summary.recency[j]));
    let once = (0..summary.len()).find(|&i| summary.frequency[i] == 0.0);
    println!("  customer  frequency  recency    age  mean spend  P(alive)  12-month value (1 %/month)");
    for i in [busiest, quiet, once].into_iter().flatten() {
        let (x, tx, t, mv) = (summary.frequency[i], summary.recency[i], summary.age[i], values[i]);
        let expected_spend = g.conditional_expected_spend(x, mv)?;
        let value = customer_value(m, &[x], &[tx], &[t], &[expected_spend], &ValueOptions::default())?;
        println!(
            "  {:>8} {x:>10.0} {tx:>8.1} {t:>6.1} {mv:>11.2} {:>9.3} {:>12.2}",
            summary.customer[i],
            m.probability_alive(x, tx, t)?,
            value.first().copied().unwrap_or_default()
        );
    }
    Ok(())
}
