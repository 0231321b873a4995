//! What every parametric model of the crate has in common: a tag and format version for its model file,
//! named parameters, and construction from them with validation.

use crate::error::ModelError;

/// A parametric model with a JSON model file (see the [crate documentation](crate#json-model-files)).
///
/// Implemented by [`SbgModel`](crate::SbgModel); the purchase models to come (BG/NBD, MBG/NBD,
/// Pareto/NBD, BG/BB, Gamma-Gamma) implement it too, and then get [`Fit`](crate::Fit) and the
/// model-file reader and writer for free.
///
/// ```
/// use ltv_models::{Model, SbgModel};
///
/// let m = SbgModel::new(0.704, 1.182)?;
/// assert_eq!((SbgModel::TAG, SbgModel::FORMAT_VERSION, SbgModel::PARAMS), ("sbg", 1, &["alpha", "beta"][..]));
/// assert_eq!(SbgModel::from_params(&m.params())?, m);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
pub trait Model: Sized + Clone + PartialEq + std::fmt::Debug {
    /// The `"model"` tag of the model file, e.g. `"sbg"`.
    const TAG: &'static str;
    /// The `"format_version"` this crate writes and reads for this model.
    const FORMAT_VERSION: u32;
    /// The parameter names, in the order of [`Self::params`] (and of the model file's keys).
    const PARAMS: &'static [&'static str];

    /// Whether the log-likelihood is that of a density in continuous data (the purchase models' recency
    /// `t_x`), which may exceed 1, so that a fit's log-likelihood may be positive. `false` (the default,
    /// the sBG's counts): the log-likelihood of probabilities, always `<= 0`, which a model file's reader
    /// checks.
    const LIKELIHOOD_IS_DENSITY: bool = false;

    /// The parameter values, one per name in [`Self::PARAMS`].
    fn params(&self) -> Vec<f64>;

    /// The model with these parameter values (one per name in [`Self::PARAMS`]), validated.
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] naming the parameter that is out of its domain, or
    /// [`ModelError::InvalidData`] for the wrong number of values.
    fn from_params(params: &[f64]) -> Result<Self, ModelError>;
}

/// The check shared by `from_params` implementations: one value per parameter name.
pub(crate) fn check_param_count<M: Model>(params: &[f64]) -> Result<(), ModelError> {
    if params.len() == M::PARAMS.len() {
        Ok(())
    } else {
        Err(ModelError::InvalidData {
            field: "params".to_owned(),
            row: None,
            reason: format!("got {} values, expected {} ({})", params.len(), M::PARAMS.len(), M::PARAMS.join(", ")),
        })
    }
}
