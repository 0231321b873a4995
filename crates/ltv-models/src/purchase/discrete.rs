//! The input of the discrete-time purchase model (BG/BB): per row of customers sharing a history, the
//! number of transaction opportunities `n`, the number of them taken `x` and the last one taken `t_x`.

use crate::error::ModelError;

/// The most transaction opportunities (`periods`, `n`) a row may have: `1_000_000`. The BG/BB likelihood
/// and predictions sum up to `n` terms per row, so this caps their work.
pub const MAX_OPPORTUNITIES: f64 = 1e6;

/// Customers' histories over discrete transaction opportunities (periods 1..=n after the first, e.g. yearly
/// donation drives), validated: per row the transactions made `frequency` (`x`), the period of the last
/// of them `recency` (`t_x`, 0 when `x = 0`), the opportunities observed `periods` (`n`), and a `weight`
/// (customers sharing this history).
///
/// Checks, each an [`ModelError::InvalidData`] naming the column and row: `periods` a whole number in
/// `[1, MAX_OPPORTUNITIES]`; `frequency` and `recency` whole numbers with `0 <= frequency <= recency <=
/// periods`; `recency = 0` exactly when `frequency = 0`; weights finite and `>= 0` with at least one
/// positive; columns of one length ([`ModelError::LengthMismatch`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DiscreteHistories {
    /// Transactions `x` per row.
    pub frequency: Vec<f64>,
    /// The period of the last transaction, `t_x` (0 when `x = 0`).
    pub recency: Vec<f64>,
    /// Transaction opportunities observed, `n`.
    pub periods: Vec<f64>,
    /// Customers per row.
    pub weight: Vec<f64>,
}

fn bad(field: &str, row: Option<usize>, reason: String) -> ModelError {
    ModelError::InvalidData { field: field.to_owned(), row, reason }
}

fn whole(v: f64) -> bool {
    v.is_finite() && v >= 0.0 && v.fract() == 0.0
}

/// Checks one history `(x, t_x, n)`; `row` is `None` for a single customer's arguments.
pub(crate) fn check_discrete(x: f64, tx: f64, n: f64, row: Option<usize>) -> Result<(), ModelError> {
    if !(whole(n) && (1.0..=MAX_OPPORTUNITIES).contains(&n)) {
        return Err(bad(
            "periods",
            row,
            format!("got {}, expected a whole number of opportunities in [1, 1e6]", crate::Shown(n)),
        ));
    }
    if !(whole(x) && x <= n) {
        return Err(bad(
            "frequency",
            row,
            format!("got {}, expected a whole number of transactions in [0, {}]", crate::Shown(x), crate::Shown(n)),
        ));
    }
    if !(whole(tx) && tx <= n && tx >= x) {
        return Err(bad(
            "recency",
            row,
            format!(
                "got {}, expected the whole period of the last transaction in [frequency = {}, periods = {}]",
                crate::Shown(tx),
                crate::Shown(x),
                crate::Shown(n)
            ),
        ));
    }
    if x == 0.0 && tx != 0.0 {
        return Err(bad(
            "recency",
            row,
            format!("got {} with frequency 0, expected 0 (no transaction)", crate::Shown(tx)),
        ));
    }
    Ok(())
}

impl DiscreteHistories {
    /// Validates the columns (see the type's documentation); `weight: None` means one customer per row.
    ///
    /// # Errors
    /// [`ModelError::LengthMismatch`], or [`ModelError::InvalidData`] naming the column and row of the first
    /// bad value (`"frequency"` with no row when no row has a positive weight).
    pub fn new(
        frequency: &[f64],
        recency: &[f64],
        periods: &[f64],
        weight: Option<&[f64]>,
    ) -> Result<Self, ModelError> {
        let n = frequency.len();
        for (field, len) in [("recency", recency.len()), ("periods", periods.len())] {
            if len != n {
                return Err(ModelError::LengthMismatch {
                    field: field.to_owned(),
                    reference: "frequency".to_owned(),
                    expected: n,
                    found: len,
                });
            }
        }
        for row in 0..n {
            check_discrete(frequency[row], recency[row], periods[row], Some(row))?;
        }
        let weight = match weight {
            Some(w) => {
                if w.len() != n {
                    return Err(ModelError::LengthMismatch {
                        field: "weight".to_owned(),
                        reference: "frequency".to_owned(),
                        expected: n,
                        found: w.len(),
                    });
                }
                if let Some(row) = w.iter().position(|v| !(v.is_finite() && *v >= 0.0)) {
                    return Err(bad(
                        "weight",
                        Some(row),
                        format!("got {}, expected a finite weight >= 0", crate::Shown(w[row])),
                    ));
                }
                w.to_vec()
            }
            None => vec![1.0; n],
        };
        if !weight.iter().any(|&w| w > 0.0) {
            return Err(bad("frequency", None, "no customers: the data need a row with a positive weight".to_owned()));
        }
        Ok(Self { frequency: frequency.to_vec(), recency: recency.to_vec(), periods: periods.to_vec(), weight })
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
