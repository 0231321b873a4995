//! The input of every continuous-time purchase model: one row per customer (or per pattern of customers
//! sharing the same history), `(x, t_x, T)` in the literature's notation.

use crate::error::ModelError;

pub use crate::data::MAX_FREQUENCY;

/// The largest `age` (and so `recency`) accepted, in the data's time unit.
pub const MAX_AGE: f64 = 1e9;

/// Customers' purchase histories in continuous time, validated: per row the number of repeat purchases
/// `frequency` (`x`), the time of the last repeat purchase since the first purchase `recency` (`t_x`), the
/// time from the first purchase to the end of observation `age` (`T`), all in one time unit, and a
/// `weight` (how many customers share this history; 1 for one customer per row).
///
/// Checks, each an [`ModelError::InvalidData`] naming the column and row: every value finite;
/// `frequency` a whole number in `[0, MAX_FREQUENCY]`; `0 <= recency <= age`; `recency = 0` when
/// `frequency = 0`; `0 <= age <= MAX_AGE` (a customer first seen at the end of observation has age 0 and
/// adds nothing to a likelihood); weights finite and `>= 0`; at least one positive weight; all
/// columns of one length ([`ModelError::LengthMismatch`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PurchaseHistories {
    /// Repeat purchases `x` per row.
    pub frequency: Vec<f64>,
    /// Time of the last repeat purchase since the first purchase, `t_x` (0 when `x = 0`).
    pub recency: Vec<f64>,
    /// Time from the first purchase to the end of observation, `T`.
    pub age: Vec<f64>,
    /// Customers per row (all 1 when no weights were given).
    pub weight: Vec<f64>,
}

impl PurchaseHistories {
    /// Validates the columns (see the type's documentation); `weight: None` means one customer per row.
    ///
    /// # Errors
    /// [`ModelError::LengthMismatch`] for columns of different lengths, [`ModelError::InvalidData`] naming
    /// the column and row of the first bad value, or `"frequency"` with no row when there are no rows or
    /// no positive weight.
    pub fn new(frequency: &[f64], recency: &[f64], age: &[f64], weight: Option<&[f64]>) -> Result<Self, ModelError> {
        let n = frequency.len();
        same_length("recency", recency.len(), n)?;
        same_length("age", age.len(), n)?;
        if let Some(w) = weight {
            same_length("weight", w.len(), n)?;
        }
        for row in 0..n {
            check_row(frequency[row], recency[row], age[row], row)?;
        }
        let weight = match weight {
            Some(w) => {
                for (row, &v) in w.iter().enumerate() {
                    if !(v.is_finite() && v >= 0.0) {
                        return Err(bad(
                            "weight",
                            Some(row),
                            format!("got {}, expected a finite weight >= 0", crate::Shown(v)),
                        ));
                    }
                }
                w.to_vec()
            }
            None => vec![1.0; n],
        };
        if !weight.iter().any(|&w| w > 0.0) {
            return Err(bad(
                "frequency",
                None,
                "no customers: the data need at least one row with a positive weight".to_owned(),
            ));
        }
        Ok(Self { frequency: frequency.to_vec(), recency: recency.to_vec(), age: age.to_vec(), weight })
    }

    /// The number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.frequency.len()
    }

    /// Whether there are no rows (never true for a validated value).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.frequency.is_empty()
    }

    /// The number of customers: the sum of the weights.
    #[must_use]
    pub fn n_customers(&self) -> f64 {
        self.weight.iter().sum()
    }
}

/// Checks one customer's `(x, t_x, T)` (shared with the per-customer predictions). `row` is `None` for a
/// single customer's arguments.
pub(crate) fn check_customer(frequency: f64, recency: f64, age: f64) -> Result<(), ModelError> {
    check_fields(frequency, recency, age, None)
}

fn check_row(frequency: f64, recency: f64, age: f64, row: usize) -> Result<(), ModelError> {
    check_fields(frequency, recency, age, Some(row))
}

fn check_fields(frequency: f64, recency: f64, age: f64, row: Option<usize>) -> Result<(), ModelError> {
    if !(frequency.is_finite() && (0.0..=MAX_FREQUENCY).contains(&frequency) && frequency.fract() == 0.0) {
        return Err(bad(
            "frequency",
            row,
            format!("got {}, expected a whole number of repeat purchases in [0, 1e7]", crate::Shown(frequency)),
        ));
    }
    if !(age.is_finite() && (0.0..=MAX_AGE).contains(&age)) {
        return Err(bad(
            "age",
            row,
            format!("got {}, expected a finite time since the first purchase in [0, 1e9]", crate::Shown(age)),
        ));
    }
    if !(recency.is_finite() && recency >= 0.0 && recency <= age) {
        return Err(bad(
            "recency",
            row,
            format!(
                "got {}, expected a time of the last repeat purchase in [0, age = {}]",
                crate::Shown(recency),
                crate::Shown(age)
            ),
        ));
    }
    if frequency == 0.0 && recency != 0.0 {
        return Err(bad(
            "recency",
            row,
            format!("got {} with frequency 0, expected 0 (no repeat purchase)", crate::Shown(recency)),
        ));
    }
    Ok(())
}

fn same_length(field: &str, found: usize, expected: usize) -> Result<(), ModelError> {
    if found == expected {
        Ok(())
    } else {
        Err(ModelError::LengthMismatch { field: field.to_owned(), reference: "frequency".to_owned(), expected, found })
    }
}

fn bad(field: &str, row: Option<usize>, reason: String) -> ModelError {
    ModelError::InvalidData { field: field.to_owned(), row, reason }
}
