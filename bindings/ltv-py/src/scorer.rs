//! `_ltv._LeadScorer`: the Rust lead scorer (`ltv_models::LeadScorer`) behind `ltv.scoring.LeadScorer`.
//!
//! The Python layer encodes the columns (numeric columns as contiguous float64 arrays, categorical ones as
//! int64 codes into a category list) and calls these methods; training, scoring and evaluation run here
//! with the GIL released.

use std::sync::atomic::{AtomicBool, Ordering};

use ltv_models::{FeatureSpec, LeadColumn, LeadScorer, ModelError, ScorerOptions};
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::model_to_py;

static PARALLEL_ALLOWED: AtomicBool = AtomicBool::new(true);

/// Switches the scorer's multi-threading off for this process (called in a forked child).
#[pyfunction]
pub fn _scorer_disable_parallelism() {
    PARALLEL_ALLOWED.store(false, Ordering::Relaxed);
}

fn parallel() -> bool {
    PARALLEL_ALLOWED.load(Ordering::Relaxed)
}

fn slice<'a, T: numpy::Element>(name: &str, array: &'a PyReadonlyArray1<'_, T>) -> PyResult<&'a [T]> {
    array.as_slice().map_err(|_| PyTypeError::new_err(format!("{name}: expected a contiguous 1-D array")))
}

/// Borrowed column slices, ready to become `LeadColumn`s without the GIL.
struct Columns<'a> {
    numeric: Vec<(&'a str, &'a [f64])>,
    categorical: Vec<(&'a str, &'a [i64], &'a [String])>,
}

impl<'a> Columns<'a> {
    fn lead_columns(&self) -> Vec<LeadColumn<'a>> {
        let numeric = self.numeric.iter().map(|&(name, values)| LeadColumn::numeric(name, values));
        let categorical =
            self.categorical.iter().map(|&(name, codes, categories)| LeadColumn::codes(name, codes, categories));
        numeric.chain(categorical).collect()
    }
}

fn numeric_slices<'a>(
    names: &'a [String],
    arrays: &'a [PyReadonlyArray1<'_, f64>],
) -> PyResult<Vec<(&'a str, &'a [f64])>> {
    names.iter().zip(arrays).map(|(n, a)| Ok((n.as_str(), slice(n, a)?))).collect()
}

fn code_slices<'a>(names: &'a [String], codes: &'a [PyReadonlyArray1<'_, i64>]) -> PyResult<Vec<(&'a str, &'a [i64])>> {
    names.iter().zip(codes).map(|(n, a)| Ok((n.as_str(), slice(n, a)?))).collect()
}

/// A trained logistic-regression lead scorer (see `ltv.scoring.LeadScorer`, which wraps it).
#[pyclass(module = "ltv._ltv", name = "_LeadScorer", frozen)]
pub struct PyLeadScorer {
    inner: LeadScorer,
}

impl PyLeadScorer {
    /// The model's categories of feature `name`, to decode the codes the Python layer computed against them.
    fn categories(&self, name: &str) -> PyResult<&[String]> {
        self.inner
            .features()
            .iter()
            .find_map(|f| match f {
                FeatureSpec::Categorical { name: n, categories } if n == name => Some(categories.as_slice()),
                _ => None,
            })
            .ok_or_else(|| {
                model_to_py(&ModelError::InvalidData {
                    field: name.to_owned(),
                    row: None,
                    reason: "not a categorical feature of this scorer".to_owned(),
                })
            })
    }

    fn scoring_columns<'a>(
        &'a self,
        numeric_names: &'a [String],
        numeric: &'a [PyReadonlyArray1<'_, f64>],
        categorical_names: &'a [String],
        codes: &'a [PyReadonlyArray1<'_, i64>],
    ) -> PyResult<Columns<'a>> {
        let categorical = code_slices(categorical_names, codes)?
            .into_iter()
            .map(|(name, codes)| Ok((name, codes, self.categories(name)?)))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Columns { numeric: numeric_slices(numeric_names, numeric)?, categorical })
    }

    /// The scorer with threads on or off as they are now (off in a forked child): a copy, so that a
    /// scoring call never mutates a model another thread may be reading.
    fn scoring_model(&self) -> LeadScorer {
        let mut model = self.inner.clone();
        model.set_parallel(parallel());
        model
    }
}

#[pymethods]
impl PyLeadScorer {
    /// Trains a scorer. Codes index `categories` (any order, no duplicates); -1 is an unknown category,
    /// any other negative code a missing value (both errors at training).
    #[staticmethod]
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (numeric_names, numeric, categorical_names, codes, categories, target_name, target, sample_weight, c, standardize, tolerance, max_iterations))]
    fn fit(
        py: Python<'_>,
        numeric_names: Vec<String>,
        numeric: Vec<PyReadonlyArray1<'_, f64>>,
        categorical_names: Vec<String>,
        codes: Vec<PyReadonlyArray1<'_, i64>>,
        categories: Vec<Vec<String>>,
        target_name: String,
        target: PyReadonlyArray1<'_, f64>,
        sample_weight: Option<PyReadonlyArray1<'_, f64>>,
        c: f64,
        standardize: bool,
        tolerance: f64,
        max_iterations: u32,
    ) -> PyResult<Self> {
        let categorical = code_slices(&categorical_names, &codes)?
            .into_iter()
            .zip(&categories)
            .map(|((name, codes), cats)| (name, codes, cats.as_slice()))
            .collect();
        let columns = Columns { numeric: numeric_slices(&numeric_names, &numeric)?, categorical };
        let target = slice(&target_name, &target)?;
        let weight = sample_weight.as_ref().map(|w| slice("sample_weight", w)).transpose()?;
        let options = ScorerOptions::with_c(c)
            .standardize(standardize)
            .convergence(tolerance, max_iterations)
            .parallel(parallel());
        let result = py.detach(|| {
            let features = columns.lead_columns();
            LeadScorer::fit(&features, &LeadColumn::numeric(&target_name, target), weight, options)
        });
        result.map(|inner| Self { inner }).map_err(|e| model_to_py(&e))
    }

    /// P(convert) per row; categorical codes index the scorer's own categories (-1: unseen).
    fn predict_proba<'py>(
        &self,
        py: Python<'py>,
        numeric_names: Vec<String>,
        numeric: Vec<PyReadonlyArray1<'py, f64>>,
        categorical_names: Vec<String>,
        codes: Vec<PyReadonlyArray1<'py, i64>>,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let columns = self.scoring_columns(&numeric_names, &numeric, &categorical_names, &codes)?;
        let model = self.scoring_model();
        let result = py.detach(|| model.predict_proba(&columns.lead_columns()));
        Ok(result.map_err(|e| model_to_py(&e))?.into_pyarray(py))
    }

    /// The linear score (log-odds) per row.
    fn decision_function<'py>(
        &self,
        py: Python<'py>,
        numeric_names: Vec<String>,
        numeric: Vec<PyReadonlyArray1<'py, f64>>,
        categorical_names: Vec<String>,
        codes: Vec<PyReadonlyArray1<'py, i64>>,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let columns = self.scoring_columns(&numeric_names, &numeric, &categorical_names, &codes)?;
        let model = self.scoring_model();
        let result = py.detach(|| model.decision_function(&columns.lead_columns()));
        Ok(result.map_err(|e| model_to_py(&e))?.into_pyarray(py))
    }

    /// P(convert) x customer LTV per row (`customer_ltv` of length 1 or one per row).
    fn lead_values<'py>(
        &self,
        py: Python<'py>,
        numeric_names: Vec<String>,
        numeric: Vec<PyReadonlyArray1<'py, f64>>,
        categorical_names: Vec<String>,
        codes: Vec<PyReadonlyArray1<'py, i64>>,
        customer_ltv: PyReadonlyArray1<'py, f64>,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let columns = self.scoring_columns(&numeric_names, &numeric, &categorical_names, &codes)?;
        let ltv = slice("customer_ltv", &customer_ltv)?;
        let model = self.scoring_model();
        let result = py.detach(|| model.lead_values(&columns.lead_columns(), ltv));
        Ok(result.map_err(|e| model_to_py(&e))?.into_pyarray(py))
    }

    /// AUC, log loss and the calibration table (as a dict of lists) against `target` (0 / 1).
    #[allow(clippy::too_many_arguments)]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        numeric_names: Vec<String>,
        numeric: Vec<PyReadonlyArray1<'py, f64>>,
        categorical_names: Vec<String>,
        codes: Vec<PyReadonlyArray1<'py, i64>>,
        target: PyReadonlyArray1<'py, f64>,
        bins: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let columns = self.scoring_columns(&numeric_names, &numeric, &categorical_names, &codes)?;
        let target = slice(self.inner.target(), &target)?;
        let model = self.scoring_model();
        let name = model.target().to_owned();
        let result = py.detach(|| {
            let mut cols = columns.lead_columns();
            cols.push(LeadColumn::numeric(&name, target));
            model.evaluate(&cols, bins)
        });
        let e = result.map_err(|e| model_to_py(&e))?;
        let d = PyDict::new(py);
        d.set_item("n_rows", e.n_rows)?;
        d.set_item("n_positive", e.n_positive)?;
        d.set_item("auc", e.auc)?;
        d.set_item("log_loss", e.log_loss)?;
        let table = PyDict::new(py);
        table.set_item("bin", e.calibration.iter().map(|b| b.bin).collect::<Vec<_>>())?;
        table.set_item("count", e.calibration.iter().map(|b| b.count).collect::<Vec<_>>())?;
        table.set_item("min_predicted", e.calibration.iter().map(|b| b.min_predicted).collect::<Vec<_>>())?;
        table.set_item("max_predicted", e.calibration.iter().map(|b| b.max_predicted).collect::<Vec<_>>())?;
        table.set_item("mean_predicted", e.calibration.iter().map(|b| b.mean_predicted).collect::<Vec<_>>())?;
        table.set_item("observed_rate", e.calibration.iter().map(|b| b.observed_rate).collect::<Vec<_>>())?;
        d.set_item("calibration", table)?;
        Ok(d)
    }

    /// The JSON model file.
    fn to_json(&self) -> PyResult<String> {
        self.inner.to_json().map_err(|e| model_to_py(&e))
    }

    /// Reads a JSON model file.
    #[staticmethod]
    fn from_json(json: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = crate::sbg::json_text(json)?;
        LeadScorer::from_json(&text).map(|inner| Self { inner }).map_err(|e| model_to_py(&e))
    }

    /// The target column's name.
    #[getter]
    fn target(&self) -> &str {
        self.inner.target()
    }

    /// `(name, mean, scale)` of each numeric feature, in model order.
    #[getter]
    fn numeric_features(&self) -> Vec<(String, f64, f64)> {
        self.inner
            .features()
            .iter()
            .filter_map(|f| match f {
                FeatureSpec::Numeric { name, mean, scale } => Some((name.clone(), *mean, *scale)),
                _ => None,
            })
            .collect()
    }

    /// `(name, categories)` of each categorical feature, in model order.
    #[getter]
    fn categorical_features(&self) -> Vec<(String, Vec<String>)> {
        self.inner
            .features()
            .iter()
            .filter_map(|f| match f {
                FeatureSpec::Categorical { name, categories } => Some((name.clone(), categories.clone())),
                _ => None,
            })
            .collect()
    }

    /// The feature names in model order.
    #[getter]
    fn feature_names(&self) -> Vec<String> {
        self.inner.features().iter().map(|f| f.name().to_owned()).collect()
    }

    /// One name per coefficient (`feature` or `feature=category`).
    #[getter]
    fn coefficient_names(&self) -> Vec<String> {
        self.inner.coefficient_names()
    }

    /// The coefficients, in `coefficient_names` order.
    #[getter]
    fn coefficients<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        self.inner.coefficients().to_vec().into_pyarray(py)
    }

    /// The intercept.
    #[getter]
    fn intercept(&self) -> f64 {
        self.inner.intercept()
    }

    /// The penalty C.
    #[getter]
    fn c(&self) -> f64 {
        self.inner.c()
    }

    /// Whether numeric features were standardized.
    #[getter]
    fn standardized(&self) -> bool {
        self.inner.standardized()
    }

    /// The coefficient covariance `(X'WX + P/C)^-1` (intercept first), flat row-major; raises where the
    /// scorer has none (`LeadScorer::covariance`).
    fn covariance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<f64>>> {
        Ok(self.inner.covariance().map_err(|e| model_to_py(&e))?.to_vec().into_pyarray(py))
    }

    /// The standard errors (intercept first); raises where the scorer has no covariance.
    fn std_errors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<f64>>> {
        Ok(self.inner.std_errors().map_err(|e| model_to_py(&e))?.into_pyarray(py))
    }

    /// The summary table as a dict of columns: `name`, `estimate`, `std_err`, `lower_95`, `upper_95`, `z`,
    /// `p_value` (intercept first); raises where the scorer has no covariance.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let rows = self.inner.summary().map_err(|e| model_to_py(&e))?;
        let d = PyDict::new(py);
        d.set_item("name", rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>())?;
        d.set_item("estimate", rows.iter().map(|r| r.estimate).collect::<Vec<_>>())?;
        d.set_item("std_err", rows.iter().map(|r| r.std_err).collect::<Vec<_>>())?;
        d.set_item("lower_95", rows.iter().map(|r| r.lower_95).collect::<Vec<_>>())?;
        d.set_item("upper_95", rows.iter().map(|r| r.upper_95).collect::<Vec<_>>())?;
        d.set_item("z", rows.iter().map(|r| r.z).collect::<Vec<_>>())?;
        d.set_item("p_value", rows.iter().map(|r| r.p_value).collect::<Vec<_>>())?;
        Ok(d)
    }

    /// The training statistics as a dict.
    #[getter]
    fn training<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let t = self.inner.training();
        let d = PyDict::new(py);
        d.set_item("n_rows", t.n_rows)?;
        d.set_item("n_positive", t.n_positive)?;
        d.set_item("total_weight", t.total_weight)?;
        d.set_item("objective", t.objective)?;
        d.set_item("log_loss", t.log_loss)?;
        d.set_item("gradient_max", t.gradient_max)?;
        d.set_item("iterations", t.iterations)?;
        d.set_item("converged", t.converged)?;
        Ok(d)
    }
}

/// The seeded holdout split: `True` for test rows (`ltv_models::holdout_mask`).
#[pyfunction]
pub fn _scorer_holdout_mask<'py>(
    py: Python<'py>,
    n_rows: usize,
    test_fraction: f64,
    seed: u64,
) -> PyResult<Bound<'py, PyArray1<bool>>> {
    let mask = ltv_models::holdout_mask(n_rows, test_fraction, seed).map_err(|e| model_to_py(&e))?;
    Ok(mask.into_pyarray(py))
}

/// The AUC (Mann-Whitney, ties 1/2) of scores against a 0 / 1 target.
#[pyfunction]
pub fn _scorer_auc(scores: PyReadonlyArray1<'_, f64>, target: PyReadonlyArray1<'_, f64>) -> PyResult<f64> {
    ltv_models::auc(slice("scores", &scores)?, slice("target", &target)?).map_err(|e| model_to_py(&e))
}
