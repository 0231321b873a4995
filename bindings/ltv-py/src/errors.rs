//! The Python exception hierarchy: `LtvError(ValueError)` and one subclass per `ltv_core::LtvError` kind.

use ltv_core::LtvError as CoreError;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(ltv, LtvError, PyValueError, "Base class of every ltv error; a ValueError.");
create_exception!(ltv, InvalidInputError, LtvError, "A value outside the range its field allows.");
create_exception!(ltv, ZeroChurnError, LtvError, "Churn of zero: the undiscounted lifetime is infinite.");
create_exception!(ltv, NegativeNetChurnError, LtvError, "Net revenue churn <= 0 in a formula that divides by it.");
create_exception!(ltv, DivergenceError, LtvError, "A discounted sum that diverges without a horizon.");
create_exception!(ltv, NotFiniteError, LtvError, "NaN or an infinity where a number is needed.");
create_exception!(ltv, LtvOverflowError, LtvError, "A result outside the range of the number type.");
create_exception!(ltv, UndefinedError, LtvError, "A quantity that is undefined for these inputs.");

/// The Python exception for a core error, with `.field`, `.value`, `.kind` and `.row` set.
pub(crate) fn to_py(py: Python<'_>, err: CoreError) -> PyErr {
    build(py, &err, err.to_string(), None)
}

/// As [`to_py`], for row `row` of a vectorised call: the message starts with `row {row}: `.
pub(crate) fn to_py_row(py: Python<'_>, err: CoreError, row: usize) -> PyErr {
    build(py, &err, format!("row {row}: {err}"), Some(row))
}

/// As [`to_py`], with its own `message`, `row` and `.label` (a billing line id).
pub(crate) fn to_py_labelled(
    py: Python<'_>,
    err: &CoreError,
    message: String,
    row: Option<usize>,
    label: Option<&str>,
) -> PyErr {
    let py_err = build(py, err, message, row);
    let _ = py_err.value(py).setattr("label", label);
    py_err
}

fn build(py: Python<'_>, err: &CoreError, message: String, row: Option<usize>) -> PyErr {
    let py_err = match err {
        CoreError::InvalidInput { .. } => InvalidInputError::new_err(message),
        CoreError::ZeroChurn { .. } => ZeroChurnError::new_err(message),
        CoreError::NegativeNetChurn { .. } => NegativeNetChurnError::new_err(message),
        CoreError::Divergent { .. } => DivergenceError::new_err(message),
        CoreError::NotFinite { .. } => NotFiniteError::new_err(message),
        CoreError::Overflow { .. } => LtvOverflowError::new_err(message),
        CoreError::Undefined { .. } => UndefinedError::new_err(message),
        _ => LtvError::new_err(message),
    };
    let instance = py_err.value(py);
    // Setting attributes on a fresh exception instance cannot fail in practice; if it did, the exception
    // still carries the full message.
    let _ = instance.setattr("field", err.field());
    let _ = instance.setattr("value", err.value());
    let _ = instance.setattr("kind", err.kind());
    let _ = instance.setattr("row", row);
    let _ = instance.setattr("label", py.None());
    py_err
}

/// Wraps a core error so pyfunctions can use `?` on core results.
pub(crate) struct PyLtvError(pub(crate) CoreError);

impl From<CoreError> for PyLtvError {
    fn from(err: CoreError) -> Self {
        Self(err)
    }
}

impl From<PyLtvError> for PyErr {
    fn from(err: PyLtvError) -> Self {
        Python::attach(|py| to_py(py, err.0))
    }
}

/// The Python exception for an `ltv_models::ModelError`, in the same hierarchy as the core errors, one
/// class per variant (listed explicitly, so a new variant must be placed here): bad inputs, data and model
/// files raise `InvalidInputError`, an infinite lifetime, a non-converging series or a divergent value
/// `DivergenceError`, an unbounded likelihood `UndefinedError`, a count overflow `LtvOverflowError`.
/// `.kind` is [`ltv_models::ModelError::kind`]; `.field`, `.row` and `.value` (the offending number as
/// a string, in the message's notation, or the tag / version found in a model file) come from the
/// variant where it has them, else `None`.
pub(crate) fn model_to_py(err: &ltv_models::ModelError) -> PyErr {
    let py_err = model_exception(err, err.to_string());
    Python::attach(|py| {
        let instance = py_err.value(py);
        let _ = instance.setattr("field", err.field());
        let _ = instance.setattr("value", model_value(err));
        let _ = instance.setattr("kind", err.kind());
        let _ = instance.setattr("row", err.row());
        let _ = instance.setattr("label", py.None());
    });
    py_err
}

/// The `.value` of a model error: the number at fault in the message's notation, or the model tag /
/// format version found in a model file.
fn model_value(err: &ltv_models::ModelError) -> Option<String> {
    use ltv_models::ModelError as M;
    match err {
        M::UnknownModel { found, .. } | M::UnsupportedFormatVersion { found, .. } => Some(found.clone()),
        M::InCohort { source, .. } => model_value(source),
        _ => err.value().map(|v| v.to_string()),
    }
}

/// The exception class of a model error, with `message`.
fn model_exception(err: &ltv_models::ModelError, message: String) -> PyErr {
    use ltv_models::ModelError as M;
    match err {
        M::InvalidParameter { .. }
        | M::InvalidPeriod { .. }
        | M::NoCohorts
        | M::CohortTooShort { .. }
        | M::EmptyCohort { .. }
        | M::IncreasingSurviving { .. }
        | M::TooFewPeriods
        | M::UnknownModel { .. }
        | M::UnsupportedFormatVersion { .. }
        | M::MissingFit
        | M::Json { .. }
        | M::InvalidData { .. }
        | M::LengthMismatch { .. } => InvalidInputError::new_err(message),
        M::InfiniteLifetime { .. }
        | M::SeriesNotConverged { .. }
        | M::DivergentValue { .. }
        | M::NotComputable { .. }
        | M::InfiniteMeanSpend { .. } => DivergenceError::new_err(message),
        M::NoFiniteMaximum { .. } => UndefinedError::new_err(message),
        M::CustomerCountOverflow => LtvOverflowError::new_err(message),
        // An error in one cohort of a table: the class of the error within the cohort.
        M::InCohort { source, .. } => model_exception(source, message),
        // ModelError is #[non_exhaustive]: a variant added to ltv-models before it is placed above.
        _ => LtvError::new_err(message),
    }
}

/// Wraps a model error so pyfunctions can use `?` on `ltv-models` results.
pub(crate) struct PyModelError(pub(crate) ltv_models::ModelError);

impl From<ltv_models::ModelError> for PyModelError {
    fn from(err: ltv_models::ModelError) -> Self {
        Self(err)
    }
}

impl From<PyModelError> for PyErr {
    fn from(err: PyModelError) -> Self {
        model_to_py(&err.0)
    }
}
