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

/// The Python exception for an `ltv_models::ModelError`, in the same hierarchy as the core errors:
/// bad inputs and model files raise `InvalidInputError`, an infinite lifetime or a non-converging series
/// `DivergenceError`, an unbounded likelihood `UndefinedError`, a count overflow `LtvOverflowError`.
/// `.kind` is [`ltv_models::ModelError::kind`], `.field` and `.row` are set when the error has them, and
/// `.value` is `None`.
pub(crate) fn model_to_py(err: &ltv_models::ModelError) -> PyErr {
    use ltv_models::ModelError as M;
    let message = err.to_string();
    let py_err = match err {
        M::InfiniteLifetime { .. } | M::SeriesNotConverged { .. } | M::DivergentValue { .. } => {
            DivergenceError::new_err(message)
        }
        M::NoFiniteMaximum { .. } => UndefinedError::new_err(message),
        M::CustomerCountOverflow => LtvOverflowError::new_err(message),
        _ => InvalidInputError::new_err(message),
    };
    Python::attach(|py| {
        let instance = py_err.value(py);
        let _ = instance.setattr("field", err.field());
        let _ = instance.setattr("value", py.None());
        let _ = instance.setattr("kind", err.kind());
        let _ = instance.setattr("row", err.row());
        let _ = instance.setattr("label", py.None());
    });
    py_err
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
