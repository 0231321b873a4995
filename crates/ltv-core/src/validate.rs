//! Range checks shared by every quantity and formula, generic over [`Number`].

use crate::error::{LtvError, Result};
use crate::number::Number;

pub(crate) fn invalid<T: Number>(field: &'static str, value: T, allowed: &'static str) -> LtvError {
    LtvError::InvalidInput { field, value: value.to_string(), allowed, suggestion: None }
}

/// A value in (1, 100] was probably typed as a percentage: suggest `value / 100`.
fn percent_suggestion<T: Number>(value: T) -> Option<String> {
    let hundred = T::from_u32(100);
    (value > T::ONE && value <= hundred).then(|| value.checked_div(hundred).map(|v| v.to_string())).flatten()
}

pub(crate) fn finite<T: Number>(field: &'static str, value: T) -> Result<T> {
    if value.is_finite() { Ok(value) } else { Err(LtvError::NotFinite { field, value: value.to_string() }) }
}

/// `lo <= value <= hi`; above `hi`, suggests the value read as a percentage.
pub(crate) fn within<T: Number>(field: &'static str, value: T, lo: T, hi: T, allowed: &'static str) -> Result<T> {
    finite(field, value)?;
    if value >= lo && value <= hi {
        Ok(value)
    } else {
        let suggestion = if value > hi { percent_suggestion(value) } else { None };
        Err(LtvError::InvalidInput { field, value: value.to_string(), allowed, suggestion })
    }
}

/// A fraction in [0, 1] (gross margin, conversion rate, retention).
pub(crate) fn fraction<T: Number>(field: &'static str, value: T) -> Result<T> {
    within(field, value, T::ZERO, T::ONE, "a fraction in [0, 1]")
}

/// A value >= 0 (money, durations).
pub(crate) fn non_negative<T: Number>(field: &'static str, value: T) -> Result<T> {
    finite(field, value)?;
    if value >= T::ZERO { Ok(value) } else { Err(invalid(field, value, "a value >= 0")) }
}

/// A value > 0 (ratios, denominators).
pub(crate) fn positive<T: Number>(field: &'static str, value: T) -> Result<T> {
    finite(field, value)?;
    if value > T::ZERO { Ok(value) } else { Err(invalid(field, value, "a value > 0")) }
}
