//! The Gamma / Beta log densities and quantiles against mpmath (`tests/vectors/distributions/distributions.json`,
//! read by pytest too), their edges and errors, and quantile-CDF round trips.

use std::path::PathBuf;

use ltv_models::{ModelError, beta_ln_density, beta_quantile, gamma_ln_density, gamma_quantile};
use proptest::prelude::*;
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn vectors() -> Result<Value, Box<dyn std::error::Error>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/distributions/distributions.json");
    Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
}

fn num(v: &Value, key: &str) -> Result<f64, String> {
    v[key].as_f64().ok_or(format!("{key}: not a number"))
}

fn cases<'a>(v: &'a Value, key: &str) -> Result<&'a Vec<Value>, String> {
    v[key].as_array().ok_or(format!("{key}: not a list"))
}

#[test]
fn mpmath_vectors_are_reproduced() -> TestResult {
    let v = vectors()?;
    for c in cases(&v, "gamma_ln_density")? {
        let got = gamma_ln_density(num(c, "x")?, num(c, "shape")?, num(c, "rate")?)?;
        let want = num(c, "value")?;
        assert!((got - want).abs() <= 1e-12 * want.abs().max(1.0), "{c}: {got}");
    }
    for c in cases(&v, "beta_ln_density")? {
        let got = beta_ln_density(num(c, "x")?, num(c, "a")?, num(c, "b")?)?;
        let want = num(c, "value")?;
        assert!((got - want).abs() <= 1e-12 * want.abs().max(1.0), "{c}: {got}");
    }
    for c in cases(&v, "gamma_quantile")? {
        let got = gamma_quantile(num(c, "q")?, num(c, "shape")?, num(c, "rate")?)?;
        let want = num(c, "value")?;
        assert!((got - want).abs() <= 1e-10 * want.abs(), "{c}: {got}");
    }
    for c in cases(&v, "beta_quantile")? {
        let got = beta_quantile(num(c, "q")?, num(c, "a")?, num(c, "b")?)?;
        let want = num(c, "value")?;
        assert!((got - want).abs() <= 1e-10 * want.abs(), "{c}: {got}");
    }
    Ok(())
}

#[test]
fn edges_and_errors() -> TestResult {
    // The density at an edge: 0 (ln f64::MIN) above shape 1, finite at shape 1, an error below.
    assert_eq!(gamma_ln_density(0.0, 1.0, 3.0)?, 3.0_f64.ln());
    assert_eq!(gamma_ln_density(0.0, 2.0, 3.0)?, f64::MIN);
    assert!(matches!(gamma_ln_density(0.0, 0.5, 3.0), Err(ModelError::NotComputable { field: "x", .. })));
    assert!(matches!(beta_ln_density(1.0, 2.0, 0.5), Err(ModelError::NotComputable { field: "x", .. })));
    assert!(beta_ln_density(0.0, 1.0, 1.0)?.abs() < 1e-13, "ln_gamma is within 1e-14");
    for (e, field) in [
        (gamma_ln_density(1.0, 0.0, 1.0), "shape"),
        (gamma_ln_density(1.0, 1.0, f64::NAN), "rate"),
        (gamma_ln_density(-1.0, 1.0, 1.0), "x"),
        (beta_ln_density(1.5, 1.0, 1.0), "x"),
        (beta_ln_density(0.5, 1e9, 1.0), "a"),
        (gamma_quantile(1.0, 1.0, 1.0), "q"),
        (beta_quantile(f64::NAN, 1.0, 1.0), "q"),
        (beta_quantile(0.5, 1.0, -2.0), "b"),
    ] {
        assert!(matches!(e, Err(ModelError::InvalidParameter { field: f, .. }) if f == field), "{field}: {e:?}");
    }
    Ok(())
}

proptest! {
    #[test]
    fn quantiles_are_increasing_and_in_range(shape in 0.05f64..50.0, rate in 0.01f64..100.0, b in 0.05f64..50.0,
                                             q in 0.01f64..0.98) {
        let lo = gamma_quantile(q, shape, rate).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let hi = gamma_quantile(q + 0.01, shape, rate).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(lo.is_finite() && lo >= 0.0 && hi >= lo);
        let lo = beta_quantile(q, shape, b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let hi = beta_quantile(q + 0.01, shape, b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!((0.0..=1.0).contains(&lo) && hi >= lo);
    }
}
