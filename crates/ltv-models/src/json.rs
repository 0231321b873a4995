//! The JSON model file (see the crate documentation for the format).

use serde::{Deserialize, Serialize};

use crate::error::ModelError;
use crate::fit::SbgFit;
use crate::sbg::SbgModel;

/// The `"model"` tag of an sBG model file.
pub const SBG_MODEL_TAG: &str = "sbg";
/// The `"format_version"` this crate writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// The file as it is on disk; validated on the way in by the `TryFrom` impls below.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileRepr {
    model: String,
    format_version: u32,
    alpha: f64,
    beta: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fit: Option<FitRepr>,
}

/// The `"fit"` object.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FitRepr {
    log_likelihood: f64,
    std_err_alpha: Option<f64>,
    std_err_beta: Option<f64>,
    n_customers: u64,
    n_cohorts: u64,
    iterations: u32,
    converged: bool,
}

impl From<SbgModel> for FileRepr {
    fn from(model: SbgModel) -> Self {
        Self {
            model: SBG_MODEL_TAG.to_owned(),
            format_version: FORMAT_VERSION,
            alpha: model.alpha(),
            beta: model.beta(),
            fit: None,
        }
    }
}

impl From<SbgFit> for FileRepr {
    fn from(fit: SbgFit) -> Self {
        Self {
            fit: Some(FitRepr {
                log_likelihood: fit.log_likelihood,
                std_err_alpha: fit.std_err_alpha,
                std_err_beta: fit.std_err_beta,
                n_customers: fit.n_customers,
                n_cohorts: fit.n_cohorts,
                iterations: fit.iterations,
                converged: fit.converged,
            }),
            ..Self::from(fit.model)
        }
    }
}

impl TryFrom<FileRepr> for SbgModel {
    type Error = ModelError;

    /// Checks the tag, the version, the parameters, and the `"fit"` object if there is one.
    fn try_from(file: FileRepr) -> Result<Self, ModelError> {
        check_header(file.model, file.format_version, SBG_MODEL_TAG)?;
        let model = Self::new(file.alpha, file.beta)?;
        if let Some(fit) = &file.fit {
            fit.validate()?;
        }
        Ok(model)
    }
}

impl TryFrom<FileRepr> for SbgFit {
    type Error = ModelError;

    fn try_from(file: FileRepr) -> Result<Self, ModelError> {
        let fit = file.fit.clone();
        let model = SbgModel::try_from(file)?;
        let Some(fit) = fit else {
            return Err(ModelError::MissingFit);
        };
        Ok(Self {
            model,
            log_likelihood: fit.log_likelihood,
            std_err_alpha: fit.std_err_alpha,
            std_err_beta: fit.std_err_beta,
            n_customers: fit.n_customers,
            n_cohorts: fit.n_cohorts,
            iterations: fit.iterations,
            converged: fit.converged,
        })
    }
}

impl FitRepr {
    fn validate(&self) -> Result<(), ModelError> {
        if !(self.log_likelihood.is_finite() && self.log_likelihood <= 0.0) {
            return Err(ModelError::InvalidParameter {
                name: "fit.log_likelihood",
                value: self.log_likelihood,
                allowed: "a finite log-likelihood <= 0",
            });
        }
        for (name, value) in [("fit.std_err_alpha", self.std_err_alpha), ("fit.std_err_beta", self.std_err_beta)] {
            if let Some(value) = value
                && !(value.is_finite() && value > 0.0)
            {
                return Err(ModelError::InvalidParameter {
                    name,
                    value,
                    allowed: "a finite standard error > 0, or null",
                });
            }
        }
        if self.n_cohorts == 0 || self.n_cohorts > self.n_customers {
            return Err(ModelError::InvalidParameter {
                name: "fit.n_cohorts",
                value: self.n_cohorts as f64,
                allowed: "a number of cohorts >= 1 and <= fit.n_customers",
            });
        }
        Ok(())
    }
}

/// Parses a model file tagged `tag`, checking the `"model"` tag and `"format_version"` before the rest so
/// that a file of another model or version gets that error rather than one about its fields. Shared by
/// every model file of the crate.
pub(crate) fn parse<R: serde::de::DeserializeOwned>(json: &str, tag: &'static str) -> Result<R, ModelError> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(json_error)?;
    let Some(object) = value.as_object() else {
        return Err(ModelError::Json { message: "expected a JSON object at the top level".to_owned() });
    };
    match object.get("model") {
        Some(serde_json::Value::String(found)) if found == tag => {}
        Some(serde_json::Value::String(found)) => {
            return Err(ModelError::UnknownModel { found: found.clone(), expected: tag });
        }
        Some(other) => return Err(ModelError::UnknownModel { found: other.to_string(), expected: tag }),
        None => return Err(ModelError::Json { message: format!("missing field `model` (expected {tag:?})") }),
    }
    match object.get("format_version") {
        Some(version) if version.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
        Some(version) => {
            return Err(ModelError::UnsupportedFormatVersion { found: version.to_string(), supported: FORMAT_VERSION });
        }
        None => return Err(ModelError::Json { message: "missing field `format_version`".to_owned() }),
    }
    serde_json::from_value(value).map_err(json_error)
}

/// The same header check on a file already deserialized (the `TryFrom` path that serde takes).
pub(crate) fn check_header(model: String, format_version: u32, tag: &'static str) -> Result<(), ModelError> {
    if model != tag {
        return Err(ModelError::UnknownModel { found: model, expected: tag });
    }
    if format_version != FORMAT_VERSION {
        return Err(ModelError::UnsupportedFormatVersion {
            found: format_version.to_string(),
            supported: FORMAT_VERSION,
        });
    }
    Ok(())
}

pub(crate) fn json_error(error: serde_json::Error) -> ModelError {
    ModelError::Json { message: error.to_string() }
}

impl SbgModel {
    /// The model as a JSON model file (compact, one line):
    /// `{"model":"sbg","format_version":1,"alpha":…,"beta":…}`. See the
    /// [crate documentation](crate#json-model-files) for the format.
    ///
    /// # Errors
    /// None in practice (the parameters are finite); the `Result` guards the serializer.
    pub fn to_json(&self) -> Result<String, ModelError> {
        serde_json::to_string(self).map_err(json_error)
    }

    /// Reads the parameters from a JSON model file, with or without a `"fit"` object (which, when
    /// present, is validated but not kept; use [`SbgFit::from_json`] to keep it).
    ///
    /// # Errors
    /// [`ModelError::UnknownModel`] / [`ModelError::UnsupportedFormatVersion`] for another model or version;
    /// [`ModelError::InvalidParameter`] for a parameter or fit statistic out of its domain;
    /// [`ModelError::Json`] for malformed JSON or a missing, extra or mistyped field.
    pub fn from_json(json: &str) -> Result<Self, ModelError> {
        Self::try_from(parse::<FileRepr>(json, SBG_MODEL_TAG)?)
    }
}

impl SbgFit {
    /// The fit as a JSON model file (compact, one line):
    /// `{"model":"sbg","format_version":1,"alpha":…,"beta":…,"fit":{…}}`. See the
    /// [crate documentation](crate#json-model-files) for the format.
    ///
    /// # Errors
    /// None in practice (every number is finite); the `Result` guards the serializer.
    pub fn to_json(&self) -> Result<String, ModelError> {
        serde_json::to_string(self).map_err(json_error)
    }

    /// Reads a fit from a JSON model file; the `"fit"` object is required.
    ///
    /// # Errors
    /// As for [`SbgModel::from_json`], and [`ModelError::MissingFit`] when there is no `"fit"` object.
    pub fn from_json(json: &str) -> Result<Self, ModelError> {
        Self::try_from(parse::<FileRepr>(json, SBG_MODEL_TAG)?)
    }
}
