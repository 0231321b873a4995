//! Spend models: how much each transaction of a customer is worth.
//!
//! - [`GammaGammaModel`] / [`GammaGammaFit`] (Fader, Hardie & Lee 2005; note 025) on [`SpendHistories`]:
//!   the conditional expected spend per transaction that a customer value multiplies the expected
//!   purchases by ([`customer_value`](crate::customer_value)).

mod gamma_gamma;

pub use gamma_gamma::{
    GammaGammaFit, GammaGammaModel, MAX_MONETARY_VALUE, MAX_SPEND_PARAMETER, MIN_SPEND_PARAMETER, SpendFitOptions,
    SpendHistories,
};
