//! The Gamma / Beta densities and quantiles of `ltv_models` (the heterogeneity plots' helpers in
//! `ltv.lifetimes.plotting`): internal, underscored.

use ltv_models as models;
use numpy::PyArray1;
use pyo3::prelude::*;

use crate::errors::model_to_py;

fn densities(x: &[f64], f: impl Fn(f64) -> Result<f64, models::ModelError>) -> PyResult<Vec<f64>> {
    x.iter().map(|&v| f(v).map(f64::exp).map_err(|e| model_to_py(&e))).collect()
}

/// The Gamma(shape, rate) density at each `x` (see `ltv_models::gamma_ln_density`).
#[pyfunction]
#[pyo3(signature = (x, *, shape, rate))]
pub fn _gamma_density<'py>(py: Python<'py>, x: Vec<f64>, shape: f64, rate: f64) -> PyResult<Bound<'py, PyArray1<f64>>> {
    Ok(PyArray1::from_vec(py, densities(&x, |v| models::gamma_ln_density(v, shape, rate))?))
}

/// The Beta(a, b) density at each `x` (see `ltv_models::beta_ln_density`).
#[pyfunction]
#[pyo3(signature = (x, *, a, b))]
pub fn _beta_density<'py>(py: Python<'py>, x: Vec<f64>, a: f64, b: f64) -> PyResult<Bound<'py, PyArray1<f64>>> {
    Ok(PyArray1::from_vec(py, densities(&x, |v| models::beta_ln_density(v, a, b))?))
}

/// The `q` quantile of Gamma(shape, rate) (see `ltv_models::gamma_quantile`).
#[pyfunction]
#[pyo3(signature = (q, *, shape, rate))]
pub fn _gamma_quantile(q: f64, shape: f64, rate: f64) -> PyResult<f64> {
    models::gamma_quantile(q, shape, rate).map_err(|e| model_to_py(&e))
}

/// The `q` quantile of Beta(a, b) (see `ltv_models::beta_quantile`).
#[pyfunction]
#[pyo3(signature = (q, *, a, b))]
pub fn _beta_quantile(q: f64, a: f64, b: f64) -> PyResult<f64> {
    models::beta_quantile(q, a, b).map_err(|e| model_to_py(&e))
}

/// Registers the helpers.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_gamma_density, m)?)?;
    m.add_function(wrap_pyfunction!(_beta_density, m)?)?;
    m.add_function(wrap_pyfunction!(_gamma_quantile, m)?)?;
    m.add_function(wrap_pyfunction!(_beta_quantile, m)?)?;
    Ok(())
}
