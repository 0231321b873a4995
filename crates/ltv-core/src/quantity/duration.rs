//! Durations in months and days.

use crate::quantity::quantity;
use crate::quantity::validate::{non_negative, non_negative_with};

quantity! {
    /// A duration in months, `>= 0` (customer lifespan, months until a lead closes). May be fractional.
    ///
    /// ```
    /// use ltv_core::Months;
    /// use ltv_core::Decimal;
    /// assert_eq!(Months::new(Decimal::new(24, 0))?.get(), Decimal::new(24, 0));
    /// assert!(Months::new(Decimal::new(-1, 0)).is_err());
    /// # Ok::<(), ltv_core::LtvError>(())
    /// ```
    Months, default_field = "months", check = non_negative, check_with = non_negative_with
}

quantity! {
    /// A duration in days, `>= 0` (days since a lead last engaged). May be fractional.
    ///
    /// ```
    /// use ltv_core::Days;
    /// use ltv_core::Decimal;
    /// assert!(Days::new(Decimal::new(181, 0)).is_ok());
    /// ```
    Days, default_field = "days", check = non_negative, check_with = non_negative_with
}
