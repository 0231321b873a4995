//! Positive ratios.

use crate::quantity::quantity;
use crate::quantity::validate::{positive, positive_with};

quantity! {
    /// A ratio `> 0`, such as a target LTV:CAC of 3 (for 3:1).
    ///
    /// ```
    /// use ltv_core::Ratio;
    /// use ltv_core::Decimal;
    /// assert!(Ratio::new(Decimal::new(3, 0)).is_ok());
    /// assert!(Ratio::new(Decimal::ZERO).is_err());
    /// ```
    Ratio, default_field = "ratio", check = positive, check_with = positive_with
}
