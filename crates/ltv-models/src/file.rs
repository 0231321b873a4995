//! The one JSON model-file envelope, shared by every model of the crate:
//!
//! ```json
//! {"model": "<TAG>", "format_version": <version of that TAG>, <the model's fields...>}
//! ```
//!
//! Writing puts `model` and `format_version` first, then the body's fields in their declared order
//! (compact, floats in shortest round-trip form). Reading checks `model` and `format_version` before
//! anything else, so that a file of another model or version gets that error rather than one about its
//! fields, then hands the rest of the object to the body's reader, which rejects missing, unknown and
//! mistyped fields. For [`Model`]s the body is generic: the parameters by name ([`Model::PARAMS`]) and
//! an optional `"fit"` object ([`Fit`]); see the [crate documentation](crate#json-model-files).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::ModelError;
use crate::fit::Fit;
use crate::model::Model;

/// A JSON object's fields.
pub(crate) type Object = Map<String, Value>;

/// The file as written: the header, then the body's fields.
#[derive(Serialize)]
struct Envelope<'a, B: Serialize> {
    model: &'a str,
    format_version: u32,
    #[serde(flatten)]
    body: &'a B,
}

/// A serializer error as a [`ModelError::Json`].
pub(crate) fn json_error(error: serde_json::Error) -> ModelError {
    ModelError::Json { message: error.to_string() }
}

fn malformed(message: impl Into<String>) -> ModelError {
    ModelError::Json { message: message.into() }
}

/// Writes a model file tagged `tag`, version `format_version`, with `body`'s fields (compact, one line).
pub(crate) fn write<B: Serialize>(tag: &str, format_version: u32, body: &B) -> Result<String, ModelError> {
    serde_json::to_string(&Envelope { model: tag, format_version, body }).map_err(json_error)
}

/// Serializes a model file into any serde serializer (the `Serialize` impls of the model types).
pub(crate) fn serialize<S: serde::Serializer, B: Serialize>(
    serializer: S,
    tag: &str,
    format_version: u32,
    body: &B,
) -> Result<S::Ok, S::Error> {
    Envelope { model: tag, format_version, body }.serialize(serializer)
}

/// Parses `json`, checks its header, and returns the other fields. A key given twice in any object of
/// the file is an error (JSON leaves duplicates undefined; serde_json would keep the last silently).
pub(crate) fn read(json: &str, tag: &'static str, format_version: u32) -> Result<Object, ModelError> {
    read_versions(json, tag, &[format_version]).map(|(object, _)| object)
}

/// As [`read`], for a reader of several format versions (see [`open_versions`]).
pub(crate) fn read_versions(json: &str, tag: &'static str, versions: &[u32]) -> Result<(Object, u32), ModelError> {
    let value = serde_json::from_str::<Strict>(json).map_err(json_error)?.0;
    open_versions(value, tag, versions)
}

/// A JSON value read with every object's keys checked unique (the model files' reader; the
/// `Deserialize` impls of the model types read through it too, from any serde format).
pub(crate) struct Strict(pub(crate) Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom(format!("{v} is not a finite number")))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        serde::Deserialize::deserialize(deserializer).map(|Strict(v)| v)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Object::new();
        while let Some(key) = map.next_key::<String>()? {
            let Strict(value) = map.next_value()?;
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "duplicate key `{}`: each key may appear once in an object",
                    key.chars().take(80).collect::<String>()
                )));
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// Checks the header of a parsed model file and returns the other fields.
pub(crate) fn open(value: Value, tag: &'static str, format_version: u32) -> Result<Object, ModelError> {
    open_versions(value, tag, &[format_version]).map(|(object, _)| object)
}

/// As [`open`], for a reader of several format versions (`versions`, the newest last, which the error
/// for another version names): the other fields and the version found.
pub(crate) fn open_versions(value: Value, tag: &'static str, versions: &[u32]) -> Result<(Object, u32), ModelError> {
    let Value::Object(mut object) = value else {
        return Err(malformed("expected a JSON object at the top level"));
    };
    match object.remove("model") {
        Some(Value::String(found)) if found == tag => {}
        Some(Value::String(found)) => return Err(ModelError::UnknownModel { found, expected: tag }),
        Some(other) => return Err(ModelError::UnknownModel { found: other.to_string(), expected: tag }),
        None => return Err(malformed(format!("missing field `model` (expected {tag:?})"))),
    }
    match object.remove("format_version") {
        Some(version) => match versions.iter().find(|&&v| version.as_u64() == Some(u64::from(v))) {
            Some(&found) => Ok((object, found)),
            None => Err(ModelError::UnsupportedFormatVersion {
                found: version.to_string(),
                supported: versions.last().copied().unwrap_or_default(),
            }),
        },
        None => Err(malformed("missing field `format_version`")),
    }
}

/// Reads a body with a derived (`deny_unknown_fields`) deserializer from the fields after the header.
pub(crate) fn body<B: DeserializeOwned>(object: Object) -> Result<B, ModelError> {
    serde_json::from_value(Value::Object(object)).map_err(json_error)
}

/// Takes the required field `key` of type `T`.
fn take<T: DeserializeOwned>(object: &mut Object, key: &str) -> Result<T, ModelError> {
    let value = object.remove(key).ok_or_else(|| malformed(format!("missing field `{key}`")))?;
    serde_json::from_value(value).map_err(|e| malformed(format!("{key}: {e}")))
}

/// Takes the optional field `key` (absent or `null`: `None`).
fn take_optional<T: DeserializeOwned>(object: &mut Object, key: &str) -> Result<Option<T>, ModelError> {
    match object.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => serde_json::from_value(value).map(Some).map_err(|e| malformed(format!("{key}: {e}"))),
    }
}

/// Rejects any field left after the known ones were taken.
fn deny_rest(object: &Object, expected: &[String]) -> Result<(), ModelError> {
    match object.keys().next() {
        None => Ok(()),
        Some(key) => {
            let list: Vec<String> = expected.iter().map(|k| format!("`{k}`")).collect();
            Err(malformed(format!("unknown field `{key}`, expected one of {}", list.join(", "))))
        }
    }
}

/// The `"fit"` key of a standard error.
fn std_err_key(param: &str) -> String {
    format!("std_err_{param}")
}

/// A [`Model`]'s file body: its parameters by name, then `"fit"` when there is a fit.
struct ModelBody<'a, M: Model> {
    model: &'a M,
    fit: Option<&'a Fit<M>>,
}

impl<M: Model> Serialize for ModelBody<'_, M> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for (name, value) in M::PARAMS.iter().zip(self.model.params()) {
            map.serialize_entry(name, &value)?;
        }
        if let Some(fit) = self.fit {
            map.serialize_entry("fit", &FitBody(fit))?;
        }
        map.end()
    }
}

/// The `"fit"` object: `log_likelihood`, `std_err_<param>` per parameter, `n_customers`, `n_cohorts`,
/// `iterations`, `converged`.
struct FitBody<'a, M: Model>(&'a Fit<M>);

impl<M: Model> Serialize for FitBody<'_, M> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let fit = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("log_likelihood", &fit.log_likelihood)?;
        for (i, name) in M::PARAMS.iter().enumerate() {
            map.serialize_entry(&std_err_key(name), &fit.std_err.get(i).copied().flatten())?;
        }
        map.serialize_entry("n_customers", &fit.n_customers)?;
        map.serialize_entry("n_cohorts", &fit.n_cohorts)?;
        map.serialize_entry("iterations", &fit.iterations)?;
        map.serialize_entry("converged", &fit.converged)?;
        map.end()
    }
}

/// Writes a model, with its fit when given, as a model file.
pub(crate) fn write_model<M: Model>(model: &M, fit: Option<&Fit<M>>) -> Result<String, ModelError> {
    write(M::TAG, M::FORMAT_VERSION, &ModelBody { model, fit })
}

/// Serializes a model, with its fit when given, into any serde serializer.
pub(crate) fn serialize_model<S: serde::Serializer, M: Model>(
    serializer: S,
    model: &M,
    fit: Option<&Fit<M>>,
) -> Result<S::Ok, S::Error> {
    serialize(serializer, M::TAG, M::FORMAT_VERSION, &ModelBody { model, fit })
}

/// Reads a model file of `M` (header already checked and removed): the validated model and, when the
/// file has one, the validated fit.
pub(crate) fn read_model<M: Model>(mut object: Object) -> Result<(M, Option<Fit<M>>), ModelError> {
    let mut params = Vec::with_capacity(M::PARAMS.len());
    for name in M::PARAMS {
        params.push(take::<f64>(&mut object, name)?);
    }
    let fit_object = match take_optional::<Value>(&mut object, "fit")? {
        None => None,
        Some(Value::Object(fit)) => Some(fit),
        Some(other) => return Err(malformed(format!("fit: invalid type: {other}, expected a JSON object"))),
    };
    let mut expected: Vec<String> = ["model", "format_version"].iter().map(|k| (*k).to_owned()).collect();
    expected.extend(M::PARAMS.iter().map(|p| (*p).to_owned()));
    expected.push("fit".to_owned());
    deny_rest(&object, &expected)?;

    let stats = match fit_object {
        None => None,
        Some(mut fit) => {
            let log_likelihood: f64 = take(&mut fit, "log_likelihood")?;
            let mut std_err = Vec::with_capacity(M::PARAMS.len());
            for name in M::PARAMS {
                std_err.push(take_optional::<f64>(&mut fit, &std_err_key(name))?);
            }
            let n_customers: u64 = take(&mut fit, "n_customers")?;
            let n_cohorts: u64 = take(&mut fit, "n_cohorts")?;
            let iterations: u32 = take(&mut fit, "iterations")?;
            let converged: bool = take(&mut fit, "converged")?;
            let mut expected = vec!["log_likelihood".to_owned()];
            expected.extend(M::PARAMS.iter().map(|p| std_err_key(p)));
            expected.extend(["n_customers", "n_cohorts", "iterations", "converged"].map(str::to_owned));
            deny_rest(&fit, &expected)?;
            Some((log_likelihood, std_err, n_customers, n_cohorts, iterations, converged))
        }
    };
    let model = M::from_params(&params)?;
    let fit = match stats {
        None => None,
        Some((log_likelihood, std_err, n_customers, n_cohorts, iterations, converged)) => {
            let fit =
                Fit { model: model.clone(), log_likelihood, std_err, n_customers, n_cohorts, iterations, converged };
            fit.validate()?;
            Some(fit)
        }
    };
    Ok((model, fit))
}

/// Reads a model file of `M` from text: the model, and the fit if the file has one.
pub(crate) fn read_model_json<M: Model>(json: &str) -> Result<(M, Option<Fit<M>>), ModelError> {
    read_model(read(json, M::TAG, M::FORMAT_VERSION)?)
}

/// As [`read_model_json`], from an already parsed value (the `Deserialize` impls).
pub(crate) fn read_model_value<M: Model>(value: Value) -> Result<(M, Option<Fit<M>>), ModelError> {
    read_model(open(value, M::TAG, M::FORMAT_VERSION)?)
}

/// The model file of a fit (here, so that `fit` does not import `file` back).
impl<M: Model> Fit<M> {
    /// The fit as a JSON model file (compact, one line): the model's file with a `"fit"` object. See the
    /// [crate documentation](crate#json-model-files) for the format.
    ///
    /// # Errors
    /// None in practice (every number is finite); the `Result` guards the serializer.
    pub fn to_json(&self) -> Result<String, ModelError> {
        write_model(&self.model, Some(self))
    }

    /// Reads a fit from a JSON model file; the `"fit"` object is required.
    ///
    /// # Errors
    /// [`ModelError::UnknownModel`] / [`ModelError::UnsupportedFormatVersion`] for another model or version;
    /// [`ModelError::InvalidParameter`] for a parameter or fit statistic out of its domain;
    /// [`ModelError::Json`] for malformed JSON or a missing, extra or mistyped field;
    /// [`ModelError::MissingFit`] when there is no `"fit"` object.
    pub fn from_json(json: &str) -> Result<Self, ModelError> {
        read_model_json::<M>(json)?.1.ok_or(ModelError::MissingFit)
    }
}

impl<M: Model> serde::Serialize for Fit<M> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_model(serializer, &self.model, Some(self))
    }
}

impl<'de, M: Model> serde::Deserialize<'de> for Fit<M> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Strict(value) = Strict::deserialize(deserializer)?;
        read_model_value::<M>(value)
            .and_then(|(_, fit)| fit.ok_or(ModelError::MissingFit))
            .map_err(serde::de::Error::custom)
    }
}
