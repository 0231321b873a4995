//! The lead scorer's coefficient covariance `(X'WX + P / C)^-1`, standard errors and summary: an
//! independent recomputation from the fitted coefficients, the closed-form standard error of a 2 x 2
//! table's log odds ratio, symmetry and positive definiteness, the model file (version 2 keeps it,
//! version 1 still loads), and the hostile cases (separable classes, collinear one-hot columns).

use ltv_models::{FeatureSpec, LeadColumn, LeadScorer, ModelError, ScorerOptions};
use proptest::prelude::*;
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The inverse of a square matrix by Gauss-Jordan elimination with partial pivoting (independent of the
/// crate's Cholesky).
fn gauss_jordan_inverse(a: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let n = a.len();
    let mut m: Vec<Vec<f64>> = a
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut r = row.clone();
            r.extend((0..n).map(|j| if i == j { 1.0 } else { 0.0 }));
            r
        })
        .collect();
    for col in 0..n {
        let pivot = (col..n).max_by(|&x, &y| m[x][col].abs().total_cmp(&m[y][col].abs())).unwrap_or(col);
        m.swap(col, pivot);
        let p = m[col][col];
        for v in &mut m[col] {
            *v /= p;
        }
        let pivot_row = m[col].clone();
        for (r, row) in m.iter_mut().enumerate() {
            if r != col {
                let f = row[col];
                for (v, q) in row.iter_mut().zip(&pivot_row) {
                    *v -= f * q;
                }
            }
        }
    }
    m.into_iter().map(|r| r[n..].to_vec()).collect()
}

/// The design rows `(1, z_1, ..., z_p)` of the training columns as the scorer encodes them, from its
/// feature specs (standardized numeric values, then category indicators).
fn design_rows(scorer: &LeadScorer, numeric: &[(&str, &[f64])], labels: &[(&str, &[&str])], n: usize) -> Vec<Vec<f64>> {
    (0..n)
        .map(|i| {
            let mut row = vec![1.0];
            for spec in scorer.features() {
                match spec {
                    FeatureSpec::Numeric { name, mean, scale } => {
                        let values = numeric.iter().find(|(n, _)| n == name).map(|(_, v)| *v).unwrap_or_default();
                        row.push((values[i] - mean) / scale);
                    }
                    FeatureSpec::Categorical { name, categories } => {
                        let values = labels.iter().find(|(n, _)| n == name).map(|(_, v)| *v).unwrap_or_default();
                        row.extend(categories.iter().map(|c| if c == values[i] { 1.0 } else { 0.0 }));
                    }
                    _ => unreachable!("two kinds of features"),
                }
            }
            row
        })
        .collect()
}

/// `(X' diag(w p (1 - p)) X + P / C)^-1` from the fitted coefficients, computed here from scratch.
fn independent_covariance(scorer: &LeadScorer, rows: &[Vec<f64>], weight: &[f64]) -> Vec<Vec<f64>> {
    let theta: Vec<f64> = std::iter::once(scorer.intercept()).chain(scorer.coefficients().iter().copied()).collect();
    let k = theta.len();
    let mut info = vec![vec![0.0; k]; k];
    for (row, w) in rows.iter().zip(weight) {
        let eta: f64 = row.iter().zip(&theta).map(|(x, b)| x * b).sum();
        let p = 1.0 / (1.0 + (-eta).exp());
        let curvature = w * p * (1.0 - p);
        for a in 0..k {
            for b in 0..k {
                info[a][b] += curvature * row[a] * row[b];
            }
        }
    }
    for (a, row) in info.iter_mut().enumerate().skip(1) {
        row[a] += 1.0 / scorer.c();
    }
    gauss_jordan_inverse(&info)
}

fn max_abs(m: &[f64]) -> f64 {
    m.iter().fold(0.0, |acc, v| acc.max(v.abs()))
}

#[test]
fn covariance_is_the_inverse_information_recomputed_from_the_coefficients() -> TestResult {
    let visits = [0.0, 1.0, 0.0, 2.0, 3.0, 1.0, 4.0, 5.0, 2.0, 0.0, 3.0, 1.0, 6.0, 2.0];
    let opens = [1.0, 0.0, 3.0, 2.0, 5.0, 1.0, 0.0, 7.0, 2.0, 4.0, 1.0, 3.0, 2.0, 0.5];
    let size: [&str; 14] =
        ["smb", "smb", "mid", "ent", "mid", "smb", "ent", "mid", "ent", "smb", "smb", "mid", "ent", "mid"];
    let y = [0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0];
    let weight = [1.0, 2.0, 0.5, 1.0, 1.5, 1.0, 3.0, 1.0, 0.25, 1.0, 2.0, 1.0, 1.0, 0.75];
    let columns = [
        LeadColumn::numeric("visits", &visits),
        LeadColumn::numeric("opens", &opens),
        LeadColumn::labels("size", &size),
    ];
    for (c, standardize, weighted) in [(0.7, true, true), (3.0, false, true), (1.0, true, false), (25.0, true, true)] {
        let w: Vec<f64> = if weighted { weight.to_vec() } else { vec![1.0; 14] };
        let options = ScorerOptions::with_c(c).standardize(standardize);
        let scorer =
            LeadScorer::fit(&columns, &LeadColumn::numeric("converted", &y), weighted.then_some(&w[..]), options)?;
        assert!(scorer.training().converged);
        let rows = design_rows(&scorer, &[("visits", &visits), ("opens", &opens)], &[("size", &size)], 14);
        let want: Vec<f64> = independent_covariance(&scorer, &rows, &w).concat();
        let got = scorer.covariance()?;
        assert_eq!(got.len(), 36);
        let tol = 1e-9 * max_abs(&want);
        for (i, (g, e)) in got.iter().zip(&want).enumerate() {
            assert!((g - e).abs() <= tol, "C = {c}, entry {i}: {g} vs {e}");
        }
        let se = scorer.std_errors()?;
        for (k, s) in se.iter().enumerate() {
            assert_eq!(*s, got[k * 7].sqrt());
        }
    }
    Ok(())
}

/// The 2 x 2 table `exposed: a converted, b not; unexposed: c converted, d not`. Its maximum-likelihood
/// logistic regression on `x = exposed` has slope `ln(a d / (b c))` with the exact standard error
/// `sqrt(1/a + 1/b + 1/c + 1/d)`, and intercept `ln(c / d)` with standard error `sqrt(1/c + 1/d)`
/// (Agresti, *Categorical Data Analysis*, 3rd ed., §3.1.3): `C = 1e12` is all but unpenalised.
#[test]
fn almost_unpenalised_standard_errors_are_the_2x2_tables() -> TestResult {
    for (a, b, c, d) in [(30.0_f64, 10.0, 20.0, 40.0), (7.0, 3.0, 2.0, 11.0), (120.0, 80.0, 95.0, 105.0)] {
        let (x, y, w) = ([1.0, 1.0, 0.0, 0.0], [1.0, 0.0, 1.0, 0.0], [a, b, c, d]);
        let log_or = (a * d / (b * c)).ln();
        let se_log_or = (1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d).sqrt();
        let se_intercept = (1.0 / c + 1.0 / d).sqrt();
        // Weighted rows, and the same table as one row per lead.
        let expanded = |v: &[f64]| -> Vec<f64> {
            v.iter().zip(&w).flat_map(|(&value, &count)| std::iter::repeat_n(value, count as usize)).collect()
        };
        let (xe, ye) = (expanded(&x), expanded(&y));
        let fits = [
            LeadScorer::fit(
                &[LeadColumn::numeric("x", &x)],
                &LeadColumn::numeric("y", &y),
                Some(&w),
                ScorerOptions::with_c(1e12).standardize(false),
            )?,
            LeadScorer::fit(
                &[LeadColumn::numeric("x", &xe)],
                &LeadColumn::numeric("y", &ye),
                None,
                ScorerOptions::with_c(1e12).standardize(false),
            )?,
        ];
        for scorer in &fits {
            let rows = scorer.summary()?;
            assert_eq!((rows[0].name.as_str(), rows[1].name.as_str()), ("(intercept)", "x"));
            assert!((rows[1].estimate - log_or).abs() < 1e-9, "{} vs {log_or}", rows[1].estimate);
            assert!((rows[1].std_err / se_log_or - 1.0).abs() < 1e-9, "{} vs {se_log_or}", rows[1].std_err);
            assert!((rows[0].estimate - (c / d).ln()).abs() < 1e-9);
            assert!((rows[0].std_err / se_intercept - 1.0).abs() < 1e-9, "{} vs {se_intercept}", rows[0].std_err);
        }
        // Standardized, the slope is per standard deviation s of x: estimate and standard error times s.
        let scorer = LeadScorer::fit(
            &[LeadColumn::numeric("x", &x)],
            &LeadColumn::numeric("y", &y),
            Some(&w),
            ScorerOptions::with_c(1e12),
        )?;
        let share = (a + b) / (a + b + c + d);
        let s = (share * (1.0 - share)).sqrt();
        let se = scorer.std_errors()?;
        assert!((se[1] / (se_log_or * s) - 1.0).abs() < 1e-9, "{} vs {}", se[1], se_log_or * s);
    }
    Ok(())
}

#[test]
fn summary_rows_follow_from_the_covariance() -> TestResult {
    let (x, y, w) = ([1.0, 1.0, 0.0, 0.0], [1.0, 0.0, 1.0, 0.0], [30.0, 10.0, 20.0, 40.0]);
    let g: [&str; 4] = ["a", "b", "a", "b"];
    let scorer = LeadScorer::fit(
        &[LeadColumn::numeric("x", &x), LeadColumn::labels("g", &g)],
        &LeadColumn::numeric("y", &y),
        Some(&w),
        ScorerOptions::with_c(2.0),
    )?;
    let rows = scorer.summary()?;
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["(intercept)", "x", "g=a", "g=b"]);
    let se = scorer.std_errors()?;
    let estimates = [scorer.intercept(), scorer.coefficients()[0], scorer.coefficients()[1], scorer.coefficients()[2]];
    for (k, row) in rows.iter().enumerate() {
        assert_eq!((row.estimate, row.std_err), (estimates[k], se[k]));
        assert_eq!(row.lower_95, row.estimate - 1.959963984540054 * row.std_err);
        assert_eq!(row.upper_95, row.estimate + 1.959963984540054 * row.std_err);
        assert_eq!(row.z, row.estimate / row.std_err);
        // 2 (1 - Phi(|z|)), from libm's erfc.
        let want = libm_erfc(row.z.abs() / std::f64::consts::SQRT_2);
        assert!((row.p_value - want).abs() <= 1e-14 * want.max(1e-300), "{} vs {want}", row.p_value);
    }
    Ok(())
}

/// erfc by its continued fraction (x > 2) or `1 - erf` from the Maclaurin series (x <= 2), in the
/// test only, to check the crate's p-values (which use the incomplete gamma function).
fn libm_erfc(x: f64) -> f64 {
    if x <= 2.0 {
        // erf(x) = 2 / sqrt(pi) sum_n (-1)^n x^(2n+1) / (n! (2n + 1)).
        let mut term = x;
        let mut sum = x;
        for n in 1..200 {
            term *= -x * x / n as f64;
            let t = term / (2 * n + 1) as f64;
            sum += t;
            if t.abs() < 1e-18 * sum.abs() {
                break;
            }
        }
        1.0 - 2.0 / std::f64::consts::PI.sqrt() * sum
    } else {
        // erfc(x) = e^-x^2 / sqrt(pi) * 1 / (x + 1/2 / (x + 1 / (x + 3/2 / (x + ...)))), evaluated bottom-up.
        let mut f = x;
        for k in (1..400).rev() {
            f = x + (k as f64 / 2.0) / f;
        }
        (-x * x).exp() / std::f64::consts::PI.sqrt() / f
    }
}

/// Leading minors of a row-major `n x n` matrix, all `> 0` (Sylvester's criterion), by elimination.
fn positive_definite(m: &[f64], n: usize) -> bool {
    let mut a: Vec<Vec<f64>> = (0..n).map(|i| m[i * n..(i + 1) * n].to_vec()).collect();
    for c in 0..n {
        if a[c][c] <= 0.0 {
            return false;
        }
        let pivot_row = a[c].clone();
        for row in a.iter_mut().skip(c + 1) {
            let f = row[c] / pivot_row[c];
            for (v, p) in row.iter_mut().zip(&pivot_row).skip(c) {
                *v -= f * p;
            }
        }
    }
    true
}

prop_compose! {
    fn table()(n in 8_usize..40)(
        x in prop::collection::vec(-5.0_f64..5.0, n),
        g in prop::collection::vec(0_usize..3, n),
        y in prop::collection::vec(prop::bool::ANY, n),
        w in prop::collection::vec(0.1_f64..3.0, n),
        c in 0.01_f64..1000.0,
    ) -> (Vec<f64>, Vec<usize>, Vec<f64>, Vec<f64>, f64) {
        let mut y: Vec<f64> = y.into_iter().map(|b| f64::from(u8::from(b))).collect();
        y[0] = 0.0;
        y[1] = 1.0;
        (x, g, y, w, c)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Exactly symmetric, positive definite, diagonal = squared standard errors, intervals around the
    /// estimates, p-values in [0, 1]; and the model file keeps it bit for bit.
    #[test]
    fn covariance_is_symmetric_positive_definite_and_survives_the_file((x, g, y, w, c) in table()) {
        let labels: Vec<&str> = g.iter().map(|&k| ["a", "b", "c"][k]).collect();
        let scorer = LeadScorer::fit(
            &[LeadColumn::numeric("x", &x), LeadColumn::labels("g", &labels)],
            &LeadColumn::numeric("y", &y),
            Some(&w),
            ScorerOptions::with_c(c),
        ).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let cov = scorer.covariance().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let n = scorer.coefficients().len() + 1;
        prop_assert_eq!(cov.len(), n * n);
        for i in 0..n {
            for j in 0..n {
                prop_assert_eq!(cov[i * n + j], cov[j * n + i]);
            }
        }
        prop_assert!(positive_definite(cov, n));
        let rows = scorer.summary().map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (k, row) in rows.iter().enumerate() {
            prop_assert_eq!(row.std_err * row.std_err, cov[k * n + k].sqrt() * cov[k * n + k].sqrt());
            prop_assert!(row.std_err.is_finite() && row.std_err > 0.0);
            prop_assert!(row.lower_95 < row.estimate && row.estimate < row.upper_95);
            prop_assert!((0.0..=1.0).contains(&row.p_value));
        }
        let back = LeadScorer::from_json(&scorer.to_json().map_err(|e| TestCaseError::fail(e.to_string()))?)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.covariance().map_err(|e| TestCaseError::fail(e.to_string()))?, cov);
        prop_assert_eq!(&back, &scorer);
    }
}

fn fitted() -> Result<LeadScorer, ModelError> {
    let visits = [0.0, 1.0, 0.0, 2.0, 3.0, 1.0, 4.0, 5.0];
    let webinar: [&str; 8] = ["no", "no", "yes", "no", "yes", "no", "yes", "yes"];
    let y = [0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0];
    LeadScorer::fit(
        &[LeadColumn::numeric("visits", &visits), LeadColumn::labels("webinar", &webinar)],
        &LeadColumn::numeric("converted", &y),
        None,
        ScorerOptions::with_c(1.5),
    )
}

#[test]
fn the_model_file_keeps_the_covariance_as_a_lower_triangle() -> TestResult {
    let scorer = fitted()?;
    let json = scorer.to_json()?;
    let v: Value = serde_json::from_str(&json)?;
    assert_eq!(v["format_version"], 2);
    let rows = v["covariance"].as_array().ok_or("covariance")?;
    let cov = scorer.covariance()?;
    assert_eq!(rows.len(), 4);
    for (i, row) in rows.iter().enumerate() {
        let row = row.as_array().ok_or("row")?;
        assert_eq!(row.len(), i + 1);
        for (j, value) in row.iter().enumerate() {
            assert_eq!(value.as_f64(), Some(cov[i * 4 + j]));
        }
    }
    let back = LeadScorer::from_json(&json)?;
    assert_eq!(back.covariance()?, cov);
    assert_eq!(back.to_json()?, json);
    // Through serde too (the Serialize / Deserialize impls).
    let through: LeadScorer = serde_json::from_value(serde_json::to_value(&scorer)?)?;
    assert_eq!(through, scorer);
    Ok(())
}

const VERSION_1: &str = include_str!("../../../tests/vectors/scorer/format_version_1.json");

#[test]
fn a_format_version_1_file_still_loads_and_is_written_back_as_version_1() -> TestResult {
    let scorer = LeadScorer::from_json(VERSION_1)?;
    let err = scorer.covariance().err().ok_or("a version 1 file has no covariance")?;
    assert!(matches!(&err, ModelError::InvalidData { field, row: None, .. } if field == "covariance"), "{err:?}");
    assert!(err.to_string().contains("format version 1"), "{err}");
    assert_eq!(scorer.std_errors().err(), Some(err.clone()));
    assert_eq!(scorer.summary().err(), Some(err));
    let written: Value = serde_json::from_str(&scorer.to_json()?)?;
    assert_eq!(written, serde_json::from_str::<Value>(VERSION_1)?);
    // Scores as before; retrained, the same scorer has a covariance and is written as version 2.
    assert_eq!(scorer.coefficients().len(), 10);
    let through: LeadScorer = serde_json::from_str(VERSION_1)?;
    assert_eq!(through, scorer);
    Ok(())
}

fn edit(json: &str, f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(json).unwrap_or_default();
    f(&mut v);
    v.to_string()
}

#[test]
fn bad_covariances_in_a_file_are_errors_naming_them() -> TestResult {
    let json = fitted()?.to_json()?;
    let read = |text: String| LeadScorer::from_json(&text).err();
    let named =
        |e: Option<ModelError>| matches!(&e, Some(ModelError::InvalidData { field, .. }) if field == "covariance");
    // Version 2 needs the key; version 1 has none.
    let e = read(edit(&json, |v| drop(v.as_object_mut().and_then(|o| o.remove("covariance")))));
    assert!(
        matches!(&e, Some(ModelError::Json { message }) if message.contains("missing field `covariance`")),
        "{e:?}"
    );
    let e = read(edit(&json, |v| v["format_version"] = 1.into()));
    assert!(matches!(&e, Some(ModelError::Json { message }) if message.contains("covariance")), "{e:?}");
    assert_eq!(
        read(edit(&json, |v| v["format_version"] = 3.into())).map(|e| e.kind()),
        Some("unsupported_format_version")
    );
    // Shape: a row of the wrong length (naming it), too few or too many rows.
    let e = read(edit(&json, |v| v["covariance"][2] = serde_json::json!([0.1, 0.2])));
    assert!(matches!(&e, Some(ModelError::InvalidData { field, row: Some(2), .. }) if field == "covariance"), "{e:?}");
    assert!(named(read(edit(&json, |v| drop(v["covariance"].as_array_mut().map(Vec::pop))))));
    assert!(named(read(edit(&json, |v| {
        if let Some(rows) = v["covariance"].as_array_mut() {
            rows.push(serde_json::json!([0.0, 0.0, 0.0, 0.0, 1.0]));
        }
    }))));
    // Not positive definite: a zero or negative variance, or a correlation beyond 1.
    assert!(named(read(edit(&json, |v| v["covariance"][0][0] = 0.0.into()))));
    assert!(named(read(edit(&json, |v| v["covariance"][1][1] = (-1.0).into()))));
    assert!(named(read(edit(&json, |v| v["covariance"] =
        serde_json::json!([[1.0], [5.0, 1.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]])))));
    // Mistyped, or a number beyond f64 (JSON has no NaN).
    assert_eq!(read(edit(&json, |v| v["covariance"][0][0] = "1".into())).map(|e| e.kind()), Some("json"));
    assert_eq!(read(json.replacen("\"covariance\":[[", "\"covariance\":[[1e999,", 1)).map(|e| e.kind()), Some("json"));
    // null: a covariance that did not exist at training, reported as such.
    let scorer = LeadScorer::from_json(&edit(&json, |v| v["covariance"] = Value::Null))?;
    assert!(matches!(scorer.covariance(), Err(ModelError::NoFiniteMaximum { .. })));
    assert!(scorer.to_json()?.contains("\"covariance\":null"));
    Ok(())
}

/// Separable classes with a weak penalty: the coefficient runs off until the fitted probabilities are
/// 0 and 1 to about 1e-35, where the curvature `p (1 - p)` vanishes. The covariance stays finite (the
/// `P / C` term and the last curvature keep it positive definite), and the standard errors are far larger
/// than the estimates: z near 0, p near 1, an interval spanning 0. Never a NaN.
#[test]
fn separable_classes_give_finite_huge_standard_errors() -> TestResult {
    let x = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
    let y = [0.0, 0.0, 0.0, 1.0, 1.0, 1.0];
    for c in [1e4, 1e8, 1e12, 1e100, 1e300] {
        let scorer = LeadScorer::fit(
            &[LeadColumn::numeric("x", &x)],
            &LeadColumn::numeric("y", &y),
            None,
            ScorerOptions::with_c(c),
        )?;
        let rows = scorer.summary()?;
        let slope = &rows[1];
        assert!(slope.estimate > 10.0, "{c}: {}", slope.estimate);
        assert!(slope.std_err.is_finite() && slope.std_err > slope.estimate, "{c}: {slope:?}");
        assert!(slope.lower_95 < 0.0 && slope.p_value > 0.5, "{c}: {slope:?}");
        assert!(scorer.covariance()?.iter().all(|v| v.is_finite()));
    }
    Ok(())
}

/// A full one-hot encoding with the intercept is collinear: only the penalty identifies the level, and
/// the variance of a shift of every indicator against the intercept grows like C. Beyond C ~ 1e15,
/// `1 / C` is below the rounding of `X'WX` and the information matrix is numerically singular: an error
/// (no_finite_maximum), never a NaN or a garbage matrix.
#[test]
fn collinear_indicators_with_no_penalty_have_no_covariance() -> TestResult {
    let g: [&str; 6] = ["a", "a", "b", "b", "c", "c"];
    let y = [0.0, 1.0, 0.0, 1.0, 1.0, 0.0];
    let fit = |c: f64| {
        LeadScorer::fit(&[LeadColumn::labels("g", &g)], &LeadColumn::numeric("y", &y), None, ScorerOptions::with_c(c))
    };
    let mut previous = 0.0;
    for c in [1.0, 1e4, 1e8] {
        let se = fit(c)?.std_errors()?;
        assert!(se[0] > 10.0 * previous, "{c}: {se:?}");
        previous = se[0];
    }
    for c in [1e16, 1e100] {
        let scorer = fit(c)?;
        let err = scorer.covariance().err().ok_or("singular")?;
        assert_eq!(err.kind(), "no_finite_maximum");
        assert!(err.to_string().contains("smaller C"), "{err}");
        assert!(scorer.summary().is_err() && scorer.std_errors().is_err());
        // The file says so (null), and reads back the same.
        let json = scorer.to_json()?;
        assert!(json.contains("\"covariance\":null"));
        assert_eq!(LeadScorer::from_json(&json)?, scorer);
    }
    Ok(())
}
