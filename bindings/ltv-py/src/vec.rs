//! Vectorised formulas: float64 columns in, `ltv_core::columns` does the rest (chunking, broadcasting,
//! vectorised validation, threads, first bad row), float64 out. This module only converts.
//!
//! Each column is a 1-D float64 numpy array of length 1 (broadcast) or n, contiguous or strided (a strided
//! view is read chunk by chunk, never copied whole), read-only included. The engine runs with the GIL
//! released into a `numpy.empty(n)` output.

use ltv_core::columns::{self, Column, Errors, Formula, Options, Source};
use ltv_core::{LtvError as CoreError, Period};
use numpy::ndarray::{ArrayView1, Axis};
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

use crate::convert::{Choice, option};
use crate::errors::{PyLtvError, to_py_row};

static NUMPY_EMPTY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Switches multi-threading off for this process (called in a forked child).
#[pyfunction]
pub fn _disable_parallelism() {
    columns::set_threads_enabled(false);
}

/// How many worker threads the column engine has started in this process (a diagnostic for the tests).
#[pyfunction]
pub fn _vec_threads_spawned() -> usize {
    columns::threads_spawned()
}

type Col<'py> = PyReadonlyArray1<'py, f64>;
pub(crate) type Out<'py> = PyResult<Bound<'py, PyArray1<f64>>>;

/// A strided numpy view as an engine [`Source`].
struct Strided<'a>(ArrayView1<'a, f64>);

impl Source for Strided<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn read(&self, start: usize, buf: &mut [f64]) {
        let (_, rest) = self.0.view().split_at(Axis(0), start);
        for (slot, x) in buf.iter_mut().zip(rest.iter()) {
            *slot = *x;
        }
    }
}

/// The `errors` option, `'raise'` or `'nan'`: an `InvalidInputError` (or a `TypeError` for a non-string)
/// naming `errors` otherwise.
fn errors_option(errors: &Choice) -> PyResult<Errors> {
    const ALLOWED: &str = "'raise' or 'nan'";
    let text = match errors {
        Choice::Default(s) => *s,
        Choice::Text(s) | Choice::Unencodable(s) => s.as_str(),
        Choice::NotText(type_name) => {
            return Err(PyTypeError::new_err(format!("errors: expected {ALLOWED}, got {type_name}")));
        }
    };
    text.parse().map_err(|_| {
        let err = ltv_core::LtvError::InvalidInput {
            field: "errors",
            value: crate::convert::shown(text),
            allowed: ALLOWED,
            suggestion: None,
        };
        Python::attach(|py| crate::errors::to_py(py, err))
    })
}

/// Runs `formula` over `cols` (borrowed without a copy) into a new numpy array.
pub(crate) fn run<'py, const K: usize, F: Formula<K> + Send>(
    py: Python<'py>,
    formula: &F,
    cols: [&Col<'py>; K],
    errors: Choice,
    parallel: bool,
) -> Out<'py> {
    run_with(py, formula.fields(), cols, errors, parallel, |columns, out, options| {
        columns::run_into(formula, columns, out, options)
    })
}

/// [`run`] with the engine call given: `exec(columns, out, options)`.
fn run_with<'py, const K: usize>(
    py: Python<'py>,
    fields: [&'static str; K],
    cols: [&Col<'py>; K],
    errors: Choice,
    parallel: bool,
    exec: impl FnOnce([Column<'_>; K], &mut [f64], &Options) -> Result<(), ltv_core::RowError> + Send,
) -> Out<'py> {
    let options =
        Options { errors: errors_option(&errors)?, threads: if parallel { 0 } else { 1 }, ..Options::default() };
    let views: [ArrayView1<'_, f64>; K] = std::array::from_fn(|k| cols[k].as_array());
    let strided: [Strided<'_>; K] = std::array::from_fn(|k| Strided(views[k].view()));
    let columns: [Column<'_>; K] = std::array::from_fn(|k| match views[k].as_slice() {
        Some(slice) => Column::Slice(slice),
        None => Column::Source(&strided[k]),
    });
    let n = match columns::rows(fields, &columns) {
        Ok(n) => n,
        // A column of another length: an InvalidInputError naming it, its length the value.
        Err(e) => return Err(crate::errors::to_py(py, e.error)),
    };
    let n = if columns.iter().any(Column::is_empty) { 0 } else { n };
    if n == 0 {
        return Ok(PyArray1::zeros(py, 0, false));
    }
    // The output is the only allocation: `numpy.empty(n)` (numpy asks for huge pages on large arrays and,
    // unlike `zeros`, does not write the buffer first), filled in place without the GIL.
    let out = NUMPY_EMPTY.import(py, "numpy", "empty")?.call1((n,))?.cast_into::<PyArray1<f64>>()?;
    let result = {
        let mut writer = out.readwrite();
        let values = writer.as_slice_mut().map_err(|_| PyValueError::new_err("output array is not contiguous"))?;
        py.detach(|| exec(columns, values, &options))
    };
    match result {
        Ok(()) => Ok(out),
        Err(e) => match e.row {
            Some(row) => Err(to_py_row(py, e.error, row)),
            None => Err(py_err(e.error)),
        },
    }
}

pub(crate) fn py_err(e: CoreError) -> PyErr {
    PyLtvError(e).into()
}

/// Registers the engine switches and the two irregular column functions (the regular ones are declared
/// with their scalar function in [`crate::formulas`]).
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_disable_parallelism, m)?)?;
    m.add_function(wrap_pyfunction!(_vec_threads_spawned, m)?)?;
    m.add_function(wrap_pyfunction!(_vec_discounted_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(_vec_mrr, m)?)?;
    Ok(())
}

/// The metrics of [`_vec_mrr`], as `metric` spells them.
const MRR_METRICS: &str = "'ending_mrr', 'gross_mrr_churn', 'net_mrr_churn', 'net_revenue_retention', \
     'gross_revenue_retention' or 'quick_ratio'";

/// The MRR metrics (`metric` first, as `python/ltv/vec.py` calls it).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _vec_mrr<'py>(
    py: Python<'py>,
    metric: &str,
    starting_mrr: Col<'py>,
    new: Col<'py>,
    expansion: Col<'py>,
    contraction: Col<'py>,
    churned: Col<'py>,
    reactivation: Col<'py>,
    errors: Choice,
    parallel: bool,
) -> Out<'py> {
    let metric: columns::MrrMetric = metric.parse().map_err(|_| {
        let err = CoreError::InvalidInput {
            field: "metric",
            value: crate::convert::shown(metric),
            allowed: MRR_METRICS,
            suggestion: None,
        };
        crate::errors::to_py(py, err)
    })?;
    let cols = [&starting_mrr, &new, &expansion, &contraction, &churned, &reactivation];
    let mrr = columns::Mrr { metric };
    run_with(py, mrr.fields(), cols, errors, parallel, |columns, out, options| mrr.run_into(columns, out, options))
}

/// Discounted LTV: exactly one of the two discount rate columns (named in errors as given).
#[pyfunction]
#[pyo3(signature = (monthly_margin, monthly_churn, annual_discount_rate, monthly_discount_rate, timing, horizon_months, churn_basis, errors, parallel))]
#[allow(clippy::too_many_arguments)]
pub fn _vec_discounted_ltv<'py>(
    py: Python<'py>,
    monthly_margin: Col<'py>,
    monthly_churn: Col<'py>,
    annual_discount_rate: Option<Col<'py>>,
    monthly_discount_rate: Option<Col<'py>>,
    timing: Choice,
    horizon_months: Option<Bound<'py, PyAny>>,
    churn_basis: Choice,
    errors: Choice,
    parallel: bool,
) -> Out<'py> {
    let horizon_months = crate::convert::optional_count("horizon_months", horizon_months.as_ref())?;
    let churn_basis = option(&churn_basis)?;
    let timing = option(&timing)?;
    let (rate, discount_period) = match (annual_discount_rate, monthly_discount_rate) {
        (Some(a), None) => (a, Period::Annual),
        (None, Some(m)) => (m, Period::Monthly),
        _ => return Err(PyTypeError::new_err("give exactly one of annual_discount_rate and monthly_discount_rate")),
    };
    let formula = columns::DiscountedLtv { churn_basis, discount_period, timing, horizon_months };
    run(py, &formula, [&monthly_margin, &monthly_churn, &rate], errors, parallel)
}
