//! The covariance of the Pareto/NBD, BG/BB and Gamma-Gamma estimates: its diagonal is the fits' squared
//! standard errors, it is symmetric and positive definite, and a bad penalty names itself.

use std::path::PathBuf;

use ltv_models::{
    BgBbFit, DiscreteHistories, GammaGammaFit, ModelError, ParetoNbdFit, PurchaseFitOptions, PurchaseHistories,
    SpendHistories,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Rows of a CSV file of numbers under `tests/data` (header skipped).
fn csv(name: &str) -> Result<Vec<Vec<f64>>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name))?;
    let mut rows = Vec::new();
    for line in text.lines().skip(1) {
        rows.push(line.split(',').map(str::parse).collect::<Result<Vec<f64>, _>>()?);
    }
    Ok(rows)
}

/// The determinant of the `k x k` leading block of the row-major `n x n` matrix `m` (Gaussian elimination).
fn leading_minor(m: &[f64], n: usize, k: usize) -> f64 {
    let mut a: Vec<Vec<f64>> = (0..k).map(|i| m[i * n..i * n + k].to_vec()).collect();
    let mut det = 1.0;
    for c in 0..k {
        let pivot = a[c][c];
        if pivot == 0.0 {
            return 0.0;
        }
        det *= pivot;
        let pivot_row = a[c].clone();
        for row in a.iter_mut().skip(c + 1) {
            let f = row[c] / pivot;
            for (v, p) in row.iter_mut().zip(&pivot_row).skip(c) {
                *v -= f * p;
            }
        }
    }
    det
}

/// Diagonal == se², symmetric, positive definite (Sylvester: every leading minor > 0).
fn check(cov: &[f64], se: &[Option<f64>]) -> TestResult {
    let n = se.len();
    assert_eq!(cov.len(), n * n);
    for i in 0..n {
        let s = se[i].ok_or("std_err")?;
        assert!((cov[i * (n + 1)] - s * s).abs() <= 1e-12 * s * s, "{i}: {} vs {}", cov[i * (n + 1)], s * s);
        for j in 0..n {
            assert_eq!(cov[i * n + j], cov[j * n + i]);
        }
    }
    for k in 1..=n {
        assert!(leading_minor(cov, n, k) > 0.0, "leading minor {k}");
    }
    Ok(())
}

fn bad_penalty<T: std::fmt::Debug>(e: Result<T, ModelError>) {
    assert!(matches!(e, Err(ModelError::InvalidParameter { field: "penalty", .. })), "{e:?}");
}

#[test]
fn pareto_nbd_covariance_on_cdnow() -> TestResult {
    let rows = csv("cdnow_cbs_holdout.csv")?;
    let col = |j: usize| rows.iter().map(|r| r[j]).collect::<Vec<f64>>();
    let data = PurchaseHistories::new(&col(1), &col(2), &col(3), None)?;
    for penalty in [0.0, 0.01] {
        let fit = ParetoNbdFit::fit(&data, &PurchaseFitOptions::with_penalty(penalty))?;
        check(&fit.model.covariance(&data, penalty)?, &fit.std_err)?;
    }
    let fit = ParetoNbdFit::fit(&data, &PurchaseFitOptions::default())?;
    bad_penalty(fit.model.covariance(&data, -1.0));
    bad_penalty(fit.model.covariance(&data, f64::INFINITY));
    Ok(())
}

#[test]
fn bg_bb_covariance_on_the_donations() -> TestResult {
    let rows = csv("donations.csv")?;
    let col = |j: usize| rows.iter().map(|r| r[j]).collect::<Vec<f64>>();
    let data = DiscreteHistories::new(&col(0), &col(1), &col(2), Some(&col(3)))?;
    for penalty in [0.0, 0.01] {
        let fit = BgBbFit::fit(&data, &PurchaseFitOptions::with_penalty(penalty))?;
        check(&fit.model.covariance(&data, penalty)?, &fit.std_err)?;
    }
    let fit = BgBbFit::fit(&data, &PurchaseFitOptions::default())?;
    bad_penalty(fit.model.covariance(&data, f64::NAN));
    Ok(())
}

#[test]
fn gamma_gamma_covariance_on_cdnow_repeaters() -> TestResult {
    let rows: Vec<Vec<f64>> = csv("cdnow_cbs_holdout.csv")?.into_iter().filter(|r| r[1] > 0.0).collect();
    let data = SpendHistories::new(
        &rows.iter().map(|r| r[1]).collect::<Vec<f64>>(),
        &rows.iter().map(|r| r[5]).collect::<Vec<f64>>(),
        None,
    )?;
    for penalty in [0.0, 0.001] {
        let fit = GammaGammaFit::fit(&data, penalty)?;
        check(&fit.model.covariance(&data, penalty)?, &fit.std_err)?;
    }
    let fit = GammaGammaFit::fit(&data, 0.0)?;
    bad_penalty(fit.model.covariance(&data, -0.5));
    Ok(())
}
