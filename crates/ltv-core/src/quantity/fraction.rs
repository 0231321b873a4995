//! Fractions in [0, 1].

use crate::quantity::quantity;
use crate::quantity::validate::{fraction, fraction_with};

quantity! {
    /// A fraction in `[0, 1]`: gross margin, conversion rate, retention. 80 % is `0.80`.
    ///
    /// A value in `(1, 100]` is rejected with a suggestion, since it was almost surely typed as a percentage:
    ///
    /// ```
    /// use ltv_core::{Fraction, LtvError};
    /// use ltv_core::Decimal;
    /// let err = Fraction::named("gross_margin", Decimal::new(80, 0)).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "gross_margin = 80 is out of range: expected a fraction in [0, 1]; did you mean 0.80?"
    /// );
    /// assert!(matches!(err, LtvError::InvalidInput { .. }));
    /// ```
    Fraction, default_field = "fraction", check = fraction, check_with = fraction_with
}
