//! The Python exception hierarchy: `LtvError(ValueError)` and one subclass per `ltv_core::LtvError` kind.

use ltv_core::LtvError as CoreError;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

// The docstrings are numpydoc (as Python's help() shows them), mirrored exactly in python/ltv/_ltv.pyi.
create_exception!(
    ltv,
    LtvError,
    PyValueError,
    concat!(
        "Base class of every ltv error; a ValueError.\n",
        "\n",
        "Every error that an input cannot be valued (a value out of range, a churn of zero, a sum that diverges,\n",
        "NaN, an overflow, an undefined ratio) is one of its subclasses, so ``except ltv.LtvError`` catches them all\n",
        "(and ``except ValueError`` too). ``.field`` names the parameter or column at fault, ``.value`` its value as\n",
        "written (or ``None``), ``.kind`` the error kind (``\"invalid_input\"``, ``\"zero_churn\"``, ...), ``.row`` the\n",
        "row of a column input (or ``None``) and ``.label`` that row's pandas index label (or ``None``).\n",
        "\n",
        "Examples\n",
        "--------\n",
        ">>> import ltv\n",
        ">>> try:\n",
        "...     ltv.saas_ltv(arpu=100, gross_margin=0.8, monthly_churn=0)\n",
        "... except ltv.LtvError as err:\n",
        "...     print(type(err).__name__, err.field, err.kind, isinstance(err, ValueError))\n",
        "ZeroChurnError monthly_churn zero_churn True"
    )
);
create_exception!(
    ltv,
    InvalidInputError,
    LtvError,
    concat!(
        "A value outside the range its field allows; an LtvError (and a ValueError).\n",
        "\n",
        "Raised for a parameter out of range (a gross margin above 1, a negative amount, a churn above 1; a\n",
        "percentage typed as a whole number, 80 for 80 %, gets a \"did you mean 0.8?\" hint), an option string that is\n",
        "not one of its choices, columns of different lengths, an unparseable period or date, a missing value or label\n",
        "in a column, and an unreadable model file. ``.field`` and ``.value`` name the input, ``.row`` its row in a\n",
        "column. :class:`ltv.MissingColumnError` (a column not in the frame) is a subclass.\n",
        "\n",
        "Examples\n",
        "--------\n",
        ">>> import ltv\n",
        ">>> ltv.saas_ltv(arpu=100, gross_margin=1.5, monthly_churn=0.03)\n",
        "Traceback (most recent call last):\n",
        "...\n",
        "ltv.InvalidInputError: gross_margin = 1.5 is out of range: expected a fraction in [0, 1]; did you mean 0.015?"
    )
);
create_exception!(
    ltv,
    ZeroChurnError,
    LtvError,
    concat!(
        "Churn of zero: the undiscounted lifetime is infinite; an LtvError (and a ValueError).\n",
        "\n",
        "Raised by the formulas that divide by churn (:func:`ltv.saas_ltv`, :func:`ltv.lifespan_from_churn`, ...)\n",
        "when the churn rate is exactly 0: the expected lifetime ``1 / churn`` and so the undiscounted LTV are\n",
        "unbounded. Value such customers with a discount rate (:func:`ltv.discounted_ltv`) or a finite horizon\n",
        "(``horizon_months``). ``.field`` names the churn parameter, ``.kind`` is ``\"zero_churn\"``.\n",
        "\n",
        "Examples\n",
        "--------\n",
        ">>> import ltv\n",
        ">>> ltv.saas_ltv(arpu=100, gross_margin=0.8, monthly_churn=0)\n",
        "Traceback (most recent call last):\n",
        "...\n",
        "ltv.ZeroChurnError: monthly_churn = 0: with zero churn the expected lifetime is infinite ..."
    )
);
create_exception!(
    ltv,
    NegativeNetChurnError,
    LtvError,
    concat!(
        "Net revenue churn <= 0 in a formula that divides by it; an LtvError (and a ValueError).\n",
        "\n",
        "Raised with ``churn_basis=\"net_revenue\"`` when the net revenue churn is negative (expansion outweighs churn):\n",
        "``ARPU x margin / churn`` would be negative. Value the customers with :func:`ltv.discounted_ltv` and a\n",
        "horizon, or with a cohort LTV (:func:`ltv.cohort_ltv`). ``.field`` and ``.value`` name the churn,\n",
        "``.kind`` is ``\"negative_net_churn\"``.\n",
        "\n",
        "Examples\n",
        "--------\n",
        ">>> import ltv\n",
        ">>> ltv.saas_ltv(arpu=100, gross_margin=0.8, monthly_churn=-0.01, churn_basis=\"net_revenue\")\n",
        "Traceback (most recent call last):\n",
        "...\n",
        "ltv.NegativeNetChurnError: monthly_churn = -0.01 is net negative churn (expansion outweighs churn): ..."
    )
);
create_exception!(
    ltv,
    DivergenceError,
    LtvError,
    concat!(
        "A discounted sum that diverges without a horizon; an LtvError (and a ValueError).\n",
        "\n",
        "Raised when a value has no finite limit: a discounted LTV whose retention per period is at least\n",
        "``1 + discount rate`` and no ``horizon_months`` (:func:`ltv.discounted_ltv`), a cohort LTV whose margin grows\n",
        "at or above the discount rate and no ``horizon`` (:func:`ltv.cohort_ltv`), the sBG model's undiscounted\n",
        "expected lifetime with ``alpha <= 1`` (:meth:`ltv.SbgModel.expected_lifetime`), a series that does not\n",
        "converge, or a Gamma-Gamma mean spend that is infinite. A finite horizon or a larger discount rate values it.\n",
        "\n",
        "Examples\n",
        "--------\n",
        ">>> import ltv\n",
        ">>> ltv.discounted_ltv(monthly_margin=80, monthly_churn=-0.01, churn_basis=\"net_revenue\",\n",
        "...                    monthly_discount_rate=0.005)\n",
        "Traceback (most recent call last):\n",
        "...\n",
        "ltv.DivergenceError: monthly_churn = -0.01 makes the discounted sum diverge (retention >= 1 + discount rate); ..."
    )
);
create_exception!(
    ltv,
    NotFiniteError,
    LtvError,
    concat!(
        "NaN or an infinity where a number is needed; an LtvError (and a ValueError).\n",
        "\n",
        "Raised for a float input (or a column value) that is NaN, ``inf`` or ``-inf``; ``.field`` names it,\n",
        "``.value`` is ``\"NaN\"``, ``\"inf\"`` or ``\"-inf\"`` and, in a column, ``.row`` is its row. Missing values are\n",
        "never read as 0 or dropped silently.\n",
        "\n",
        "Examples\n",
        "--------\n",
        ">>> import ltv\n",
        ">>> ltv.saas_ltv(arpu=float(\"nan\"), gross_margin=0.8, monthly_churn=0.03)\n",
        "Traceback (most recent call last):\n",
        "...\n",
        "ltv.NotFiniteError: arpu = NaN is not a finite number"
    )
);
create_exception!(
    ltv,
    LtvOverflowError,
    LtvError,
    concat!(
        "A result outside the range of the number type; an LtvError (and a ValueError).\n",
        "\n",
        "Raised when a result or an intermediate step exceeds the range of ``decimal.Decimal`` as the exact formulas\n",
        "use it (about 7.9e28) or of float64, or a count of customers overflows; check the inputs' scale (cents\n",
        "where dollars were meant, a churn of 1e-27). ``.field`` names the quantity being computed, ``.kind`` is\n",
        "``\"overflow\"``.\n",
        "\n",
        "Examples\n",
        "--------\n",
        ">>> import ltv\n",
        ">>> ltv.saas_ltv(arpu=10**27, gross_margin=1, monthly_churn=1e-27)\n",
        "Traceback (most recent call last):\n",
        "...\n",
        "ltv.LtvOverflowError: saas_ltv: the result overflows the number range (about 7.9e28 for Decimal); check the input's scale"
    )
);
create_exception!(
    ltv,
    UndefinedError,
    LtvError,
    concat!(
        "A quantity that is undefined for these inputs; an LtvError (and a ValueError).\n",
        "\n",
        "Raised for a ratio whose denominator is 0 (a churn rate of a period that started with no customers, a\n",
        "revenue retention with no starting MRR, a quick ratio with nothing lost) and for a likelihood with no finite\n",
        "maximum. ``.field`` names the quantity, ``.kind`` is ``\"undefined\"``.\n",
        "\n",
        "Examples\n",
        "--------\n",
        ">>> import ltv\n",
        ">>> ltv.logo_churn_rate(customers_at_start=0, customers_lost=0)\n",
        "Traceback (most recent call last):\n",
        "...\n",
        "ltv.UndefinedError: logo_churn_rate is undefined: customers_at_start is 0"
    )
);

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
