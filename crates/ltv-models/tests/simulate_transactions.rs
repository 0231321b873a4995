//! Simulated transaction logs (`simulate_transactions` of BG/NBD, MBG/NBD, Pareto/NBD and BG/BB, and the
//! Gamma-Gamma's `simulate_transaction_values`): a log summarised by an independent count is exactly the
//! summary that `simulate` draws with the same seed; the BG/BB log summarised by `rfm_summary` too; values
//! refit by the Gamma-Gamma recover its parameters; hostile input is refused naming the field.

use ltv_models::{
    BgBbModel, BgNbdModel, GammaGammaFit, GammaGammaModel, MbgNbdModel, Model, ModelError, ParetoNbdModel, RfmOptions,
    SimulatedTransactions, SpendHistories, TimeBase, Transactions, rfm_summary,
};
use proptest::prelude::*;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// `(x, t_x)` per customer from the log, counted here (rows - 1, the last time), after checking its shape:
/// every customer `0..n` in order, the first row at time 0, times increasing and within `(0, end]`.
fn summarise(log: &SimulatedTransactions, ends: &[f64]) -> Result<(Vec<f64>, Vec<f64>), String> {
    let (mut x, mut t_x) = (vec![-1.0; ends.len()], vec![0.0; ends.len()]);
    for (row, (&c, &t)) in log.customer.iter().zip(&log.time).enumerate() {
        let c = usize::try_from(c).map_err(|e| e.to_string())?;
        let previous = if row == 0 { None } else { Some(log.customer[row - 1]) };
        let first = previous != Some(c as u64);
        if first {
            if previous.map_or(c != 0, |p| p + 1 != c as u64) || t != 0.0 {
                return Err(format!("row {row}: customer {c} starts out of order or at time {t}"));
            }
        } else if !(t > log.time[row - 1] && t <= ends[c]) {
            return Err(format!("row {row}: time {t} not after {} or past {}", log.time[row - 1], ends[c]));
        }
        x[c] += 1.0;
        t_x[c] = t;
    }
    if x.contains(&-1.0) {
        return Err("a customer has no rows".to_owned());
    }
    Ok((x, t_x))
}

fn field_row(e: ModelError) -> (&'static str, Option<String>, Option<usize>) {
    (e.kind(), e.field().map(str::to_owned), e.row())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn a_log_summarises_to_the_simulated_summary(
        seed in any::<u64>(),
        ages in prop::collection::vec(0.5_f64..80.0, 1..60),
        r in 0.1_f64..3.0, alpha in 0.5_f64..20.0, a in 0.1_f64..3.0, b in 0.1_f64..5.0,
    ) {
        let bg = BgNbdModel::new(r, alpha, a, b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mbg = MbgNbdModel::new(r, alpha, a, b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let pareto = ParetoNbdModel::new(r, alpha, a, b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let draws = [
            (bg.simulate_transactions(&ages, seed), bg.simulate(&ages, seed)),
            (mbg.simulate_transactions(&ages, seed), mbg.simulate(&ages, seed)),
            (pareto.simulate_transactions(&ages, seed), pareto.simulate(&ages, seed)),
        ];
        for (log, summary) in draws {
            let (log, summary) = (log.map_err(|e| TestCaseError::fail(e.to_string()))?, summary.map_err(|e| TestCaseError::fail(e.to_string()))?);
            let (x, t_x) = summarise(&log, &ages).map_err(TestCaseError::fail)?;
            prop_assert_eq!(&x, &summary.frequency);
            prop_assert_eq!(&t_x, &summary.recency);
        }
    }

    #[test]
    fn a_bg_bb_log_summarises_to_the_simulated_summary(
        seed in any::<u64>(),
        periods in prop::collection::vec(1_u32..30, 1..60),
        alpha in 0.1_f64..3.0, beta in 0.1_f64..3.0, gamma in 0.1_f64..3.0, delta in 0.1_f64..5.0,
    ) {
        let periods: Vec<f64> = periods.into_iter().map(f64::from).collect();
        let m = BgBbModel::new(alpha, beta, gamma, delta).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let log = m.simulate_transactions(&periods, seed).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let summary = m.simulate(&periods, seed).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (x, t_x) = summarise(&log, &periods).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&x, &summary.frequency);
        prop_assert_eq!(&t_x, &summary.recency);
        prop_assert!(log.time.iter().all(|t| t.fract() == 0.0));
    }
}

/// The BG/BB log as daily dates (opportunity `k` of a customer with `n` is day `end - n + k`) gives back
/// `(x, t_x, n)` through `rfm_summary`, the library's own summary of a real log.
#[test]
fn a_bg_bb_log_as_dates_goes_through_rfm_summary() -> TestResult {
    let m = BgBbModel::new(1.204, 0.750, 0.657, 2.783)?;
    let periods: Vec<f64> = (0..500).map(|i| f64::from(1 + i % 11)).collect();
    let log = m.simulate_transactions(&periods, 5)?;
    let end = 20_000_i64;
    let customer: Vec<i64> = log.customer.iter().map(|&c| i64::try_from(c)).collect::<Result<_, _>>()?;
    let day: Vec<i64> =
        log.customer.iter().zip(&log.time).map(|(&c, &t)| end - periods[c as usize] as i64 + t as i64).collect();
    let s = rfm_summary(
        &Transactions::new(&customer, &day, None, TimeBase::Days)?,
        &RfmOptions { observation_end: Some(end), ..RfmOptions::default() },
    )?;
    let want = m.simulate(&periods, 5)?;
    assert_eq!((s.frequency, s.recency, s.age), (want.frequency, want.recency, periods));
    Ok(())
}

#[test]
fn simulated_values_refit_to_the_gamma_gamma() -> TestResult {
    let truth = GammaGammaModel::new(6.25, 3.74, 15.44)?;
    let ages = vec![52.0; 40_000];
    let log = BgNbdModel::new(0.8, 4.0, 0.5, 3.0)?.simulate_transactions(&ages, 3)?;
    let value = truth.simulate_transaction_values(&log.customer, 4)?;
    assert_eq!(value, truth.simulate_transaction_values(&log.customer, 4)?);
    // The repeat purchases' mean per customer, first purchase left out (rfm_summary's monetary value).
    let (mut count, mut sum) = (vec![0.0; ages.len()], vec![0.0; ages.len()]);
    for (row, &c) in log.customer.iter().enumerate() {
        let c = c as usize;
        if row > 0 && log.customer[row - 1] as usize == c {
            count[c] += 1.0;
            sum[c] += value[row];
        }
    }
    let (x, m): (Vec<f64>, Vec<f64>) =
        count.iter().zip(&sum).filter(|(n, _)| **n > 0.0).map(|(n, s)| (*n, s / n)).unzip();
    let fit = GammaGammaFit::fit(&SpendHistories::new(&x, &m, None)?, 0.0)?;
    for (i, want) in [6.25, 3.74, 15.44].into_iter().enumerate() {
        let se = fit.std_err[i].ok_or("no standard error")?;
        let got = fit.model.params()[i];
        assert!((got - want).abs() < 4.0 * se, "parameter {i}: {got} against {want} (se {se})");
    }
    Ok(())
}

#[test]
fn simulated_logs_refuse_hostile_input() -> TestResult {
    let bg = BgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
    let pareto = ParetoNbdModel::new(0.553, 10.578, 0.606, 11.669)?;
    for age in [f64::NAN, f64::INFINITY, -1.0, 0.0, 2e9] {
        let want = Err(("invalid_data", Some("age".to_owned()), Some(1)));
        assert_eq!(bg.simulate_transactions(&[5.0, age], 1).map_err(field_row), want);
        assert_eq!(pareto.simulate_transactions(&[5.0, age], 1).map_err(field_row), want);
    }
    // No customers: the argument is named (not the frequency of the summary that would be built).
    let none = ("invalid_data", Some("age".to_owned()), None);
    assert_eq!(bg.simulate_transactions(&[], 1).err().map(field_row), Some(none.clone()));
    assert_eq!(bg.simulate(&[], 1).err().map(field_row), Some(none.clone()));
    assert_eq!(pareto.simulate_transactions(&[], 1).err().map(field_row), Some(none));
    let bb = BgBbModel::new(1.2, 0.75, 0.66, 2.8)?.simulate_transactions(&[], 1).err().map(field_row);
    assert_eq!(bb, Some(("invalid_data", Some("periods".to_owned()), None)));
    // A purchase rate so high that the log would pass 1e9 rows: refused, not allocated.
    let busy = BgNbdModel::new(1e6, 1e-3, 1e-3, 1e6)?;
    assert_eq!(
        busy.simulate_transactions(&[1e6; 10], 1).map_err(field_row),
        Err(("invalid_data", Some("age".to_owned()), None))
    );
    let bb = BgBbModel::new(1.204, 0.750, 0.657, 2.783)?;
    assert_eq!(
        bb.simulate_transactions(&[3.0, 2.5], 1).map_err(field_row),
        Err(("invalid_data", Some("periods".to_owned()), Some(1)))
    );
    let gg = GammaGammaModel::new(6.25, 3.74, 15.44)?;
    assert_eq!(
        gg.simulate_transaction_values(&[0, 0, 1, 0], 1).map_err(field_row),
        Err(("invalid_data", Some("customer".to_owned()), Some(3)))
    );
    assert_eq!(gg.simulate_transaction_values(&[], 1)?, Vec::<f64>::new());
    Ok(())
}
