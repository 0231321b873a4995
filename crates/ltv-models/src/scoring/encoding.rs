//! Turning lead columns into the model's design: standardized numeric values and category codes.

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::types::{ColumnValues, FeatureSpec, LeadColumn};
use crate::error::ModelError;

/// A feature ready for the kernels: numeric values with their standardization, or category codes in
/// `-1..width` (`-1`: a category unseen at training, all indicators 0).
pub(crate) enum Encoded<'a> {
    Numeric { values: &'a [f64], mean: f64, scale: f64 },
    Categorical { codes: Cow<'a, [i64]>, width: usize },
}

/// The encoded features of a lead table.
pub(crate) struct Design<'a> {
    pub(crate) features: Vec<Encoded<'a>>,
    pub(crate) n_rows: usize,
    /// The number of coefficients (one per numeric feature, one per category).
    pub(crate) width: usize,
}

fn invalid(field: &str, row: Option<usize>, reason: impl Into<String>) -> ModelError {
    ModelError::InvalidData { field: field.to_owned(), row, reason: reason.into() }
}

fn check_length(column: &LeadColumn<'_>, reference: &str, expected: usize) -> Result<(), ModelError> {
    let found = column.values.len();
    if found == expected {
        Ok(())
    } else {
        Err(ModelError::LengthMismatch {
            field: column.name.to_owned(),
            reference: reference.to_owned(),
            expected,
            found,
        })
    }
}

/// The largest magnitude of a numeric feature value, in training and in scoring: `1e100`. Beyond it the
/// standardization's squares (training) or the standardized value (scoring) would leave the range of
/// `f64`; a value beyond is an error naming the column and row, never silently dropped.
pub const MAX_FEATURE_MAGNITUDE: f64 = 1e100;
/// The smallest standardization scale (a numeric feature's standard deviation) of a scorer: `1e-100`.
/// A column whose values vary by less is an error at training (rescale it); a model file with a smaller
/// `scale` is rejected, so that `(x - mean) / scale` stays finite.
pub const MIN_FEATURE_SCALE: f64 = 1e-100;

/// `|x| <= bound` (false for NaN).
pub(crate) fn within(x: f64, bound: f64) -> bool {
    x.abs() <= bound
}

fn check_finite(name: &str, values: &[f64]) -> Result<(), ModelError> {
    match values.iter().position(|v| !within(*v, MAX_FEATURE_MAGNITUDE)) {
        None => Ok(()),
        Some(row) if values[row].is_finite() => Err(invalid(
            name,
            Some(row),
            format!(
                "got {:e}, expected a number of magnitude at most MAX_FEATURE_MAGNITUDE = 1e100 (rescale the column)",
                values[row]
            ),
        )),
        Some(row) => Err(invalid(
            name,
            Some(row),
            format!("got {}, expected a finite number (fill or drop missing values first)", crate::Shown(values[row])),
        )),
    }
}

/// The categories in sorted order and each code remapped to its sorted position (`-1` kept when
/// `allow_unseen`).
fn sorted_codes(
    name: &str,
    codes: &[i64],
    categories: &[String],
    allow_unseen: bool,
) -> Result<(Vec<String>, Vec<i64>), ModelError> {
    let mut order: Vec<usize> = (0..categories.len()).collect();
    order.sort_by(|&a, &b| categories[a].cmp(&categories[b]));
    for pair in order.windows(2) {
        if let [a, b] = pair
            && categories[*a] == categories[*b]
        {
            return Err(invalid(
                name,
                None,
                format!("category {:?} is listed twice: categories must be unique", categories[*a]),
            ));
        }
    }
    let mut rank = vec![0_i64; categories.len()];
    for (position, &original) in order.iter().enumerate() {
        rank[original] = position as i64;
    }
    let sorted: Vec<String> = order.iter().map(|&i| categories[i].clone()).collect();
    let remapped = remap(name, codes, &rank, allow_unseen)?;
    Ok((sorted, remapped))
}

/// `codes` mapped through `map` (`map[code]`, `-1` stays `-1` when `allow_unseen`).
fn remap(name: &str, codes: &[i64], map: &[i64], allow_unseen: bool) -> Result<Vec<i64>, ModelError> {
    codes
        .iter()
        .enumerate()
        .map(|(row, &code)| match usize::try_from(code).ok().and_then(|c| map.get(c)) {
            Some(&mapped) => Ok(mapped),
            None => Err(bad_code(name, row, code, map.len(), allow_unseen)),
        })
        .collect()
}

fn bad_code(name: &str, row: usize, code: i64, n_categories: usize, allow_unseen: bool) -> ModelError {
    if code == -1 && allow_unseen {
        // Not an error: callers only reach here for codes they could not map.
        return invalid(name, Some(row), "internal: unseen code");
    }
    let reason = match code {
        -1 => "an unknown category at training: every training row needs one of the listed categories".to_owned(),
        c if c < -1 => "a missing category (fill missing values with a label such as \"unknown\" first)".to_owned(),
        c => format!("category code {c} is out of range: expected -1 (unseen) or 0..{n_categories}"),
    };
    invalid(name, Some(row), reason)
}

/// Validates codes against `width` categories, keeping `-1` (unseen).
fn check_codes(name: &str, codes: &[i64], width: usize) -> Result<(), ModelError> {
    let width_i = i64::try_from(width).unwrap_or(i64::MAX);
    match codes.iter().position(|&c| c < -1 || c >= width_i) {
        None => Ok(()),
        Some(row) => Err(bad_code(name, row, codes[row], width, true)),
    }
}

/// Weighted mean and population standard deviation (`1` for a constant column), or an error naming the
/// column when the scale is below [`MIN_FEATURE_SCALE`] or the sums leave the range of `f64`.
fn standardization(
    name: &str,
    values: &[f64],
    weight: Option<&[f64]>,
    total_weight: f64,
) -> Result<(f64, f64), ModelError> {
    let (mean, scale) = raw_standardization(values, weight, total_weight);
    if !(mean.is_finite() && scale.is_finite()) {
        return Err(invalid(
            name,
            None,
            "the column's weighted mean or standard deviation overflows f64: rescale the column or its weights",
        ));
    }
    if scale < MIN_FEATURE_SCALE {
        return Err(invalid(
            name,
            None,
            format!(
                "the column's standard deviation {scale:e} is below MIN_FEATURE_SCALE = 1e-100: rescale the column"
            ),
        ));
    }
    Ok((mean, scale))
}

fn raw_standardization(values: &[f64], weight: Option<&[f64]>, total_weight: f64) -> (f64, f64) {
    let (min, max) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let sum: f64 = match weight {
        Some(w) => values.iter().zip(w).map(|(x, w)| x * w).sum(),
        None => values.iter().sum(),
    };
    let mean = sum / total_weight;
    if min == max {
        return (min, 1.0);
    }
    let squares: f64 = match weight {
        Some(w) => values.iter().zip(w).map(|(x, w)| w * (x - mean) * (x - mean)).sum(),
        None => values.iter().map(|x| (x - mean) * (x - mean)).sum(),
    };
    let scale = (squares / total_weight).sqrt();
    // 0 only when every row with weight has the same value: that column carries no information.
    if scale == 0.0 { (mean, 1.0) } else { (mean, scale) }
}

impl<'a> Design<'a> {
    /// Encodes the training columns and learns each feature's spec (standardization, categories).
    pub(crate) fn for_training(
        columns: &'a [LeadColumn<'a>],
        standardize: bool,
        weight: Option<&[f64]>,
        total_weight: f64,
    ) -> Result<(Self, Vec<FeatureSpec>), ModelError> {
        let Some(first) = columns.first() else {
            return Err(invalid("features", None, "no features: give at least one numeric or categorical column"));
        };
        let n_rows = first.values.len();
        let mut seen = BTreeSet::new();
        let mut features = Vec::with_capacity(columns.len());
        let mut specs = Vec::with_capacity(columns.len());
        for column in columns {
            let name = column.name;
            if name.is_empty() {
                return Err(invalid("features", None, "a feature has an empty name"));
            }
            if !seen.insert(name) {
                return Err(invalid(name, None, "the feature is given twice: feature names must be unique"));
            }
            check_length(column, first.name, n_rows)?;
            match column.values {
                ColumnValues::Numeric(values) => {
                    check_finite(name, values)?;
                    let (mean, scale) =
                        if standardize { standardization(name, values, weight, total_weight)? } else { (0.0, 1.0) };
                    features.push(Encoded::Numeric { values, mean, scale });
                    specs.push(FeatureSpec::Numeric { name: name.to_owned(), mean, scale });
                }
                ColumnValues::Labels(labels) => {
                    let categories: Vec<String> =
                        labels.iter().copied().collect::<BTreeSet<&str>>().into_iter().map(str::to_owned).collect();
                    let codes = label_codes(labels, &categories);
                    features.push(Encoded::Categorical { codes: Cow::Owned(codes), width: categories.len() });
                    specs.push(FeatureSpec::Categorical { name: name.to_owned(), categories });
                }
                ColumnValues::Codes { codes, categories } => {
                    let (categories, codes) = sorted_codes(name, codes, categories, false)?;
                    features.push(Encoded::Categorical { codes: Cow::Owned(codes), width: categories.len() });
                    specs.push(FeatureSpec::Categorical { name: name.to_owned(), categories });
                }
            }
        }
        let width = specs.iter().map(FeatureSpec::width).sum();
        Ok((Self { features, n_rows, width }, specs))
    }

    /// Encodes `columns` against a trained model's feature specs.
    pub(crate) fn for_scoring(specs: &[FeatureSpec], columns: &'a [LeadColumn<'a>]) -> Result<Self, ModelError> {
        let mut features = Vec::with_capacity(specs.len());
        let mut reference: Option<(&str, usize)> = None;
        for spec in specs {
            let name = spec.name();
            let Some(column) = columns.iter().find(|c| c.name == name) else {
                return Err(invalid(name, None, "the column is missing: the model was trained with this feature"));
            };
            match reference {
                Some((reference, expected)) => check_length(column, reference, expected)?,
                None => reference = Some((name, column.values.len())),
            }
            features.push(encode_for_scoring(spec, column)?);
        }
        let n_rows = reference.map_or(0, |(_, n)| n);
        let width = specs.iter().map(FeatureSpec::width).sum();
        Ok(Self { features, n_rows, width })
    }
}

fn label_codes(labels: &[&str], categories: &[String]) -> Vec<i64> {
    labels.iter().map(|label| categories.binary_search_by(|c| c.as_str().cmp(label)).map_or(-1, |i| i as i64)).collect()
}

fn encode_for_scoring<'a>(spec: &FeatureSpec, column: &LeadColumn<'a>) -> Result<Encoded<'a>, ModelError> {
    let name = column.name;
    let wrong_kind = |expected: &str| invalid(name, None, format!("expected a {expected} column, as at training"));
    match (spec, column.values) {
        (FeatureSpec::Numeric { mean, scale, .. }, ColumnValues::Numeric(values)) => {
            check_finite(name, values)?;
            Ok(Encoded::Numeric { values, mean: *mean, scale: *scale })
        }
        (FeatureSpec::Categorical { categories, .. }, ColumnValues::Labels(labels)) => {
            Ok(Encoded::Categorical { codes: Cow::Owned(label_codes(labels, categories)), width: categories.len() })
        }
        (FeatureSpec::Categorical { categories, .. }, ColumnValues::Codes { codes, categories: given }) => {
            let width = categories.len();
            if given == categories.as_slice() {
                check_codes(name, codes, width)?;
                return Ok(Encoded::Categorical { codes: Cow::Borrowed(codes), width });
            }
            let map: Vec<i64> =
                given.iter().map(|label| categories.binary_search(label).map_or(-1, |i| i as i64)).collect();
            let remapped: Vec<i64> = codes
                .iter()
                .enumerate()
                .map(|(row, &code)| {
                    if code == -1 {
                        return Ok(-1);
                    }
                    match usize::try_from(code).ok().and_then(|c| map.get(c)) {
                        Some(&mapped) => Ok(mapped),
                        None => Err(bad_code(name, row, code, given.len(), true)),
                    }
                })
                .collect::<Result<_, _>>()?;
            Ok(Encoded::Categorical { codes: Cow::Owned(remapped), width })
        }
        (FeatureSpec::Numeric { .. }, _) => Err(wrong_kind("numeric")),
        (FeatureSpec::Categorical { .. }, ColumnValues::Numeric(_)) => Err(wrong_kind("categorical")),
    }
}

/// The target column `name` among `columns`, checked to be 0 / 1 and `n_rows` long.
pub(crate) fn find_target<'a>(
    name: &str,
    columns: &'a [LeadColumn<'a>],
    n_rows: usize,
) -> Result<&'a [f64], ModelError> {
    let Some(column) = columns.iter().find(|c| c.name == name) else {
        return Err(invalid(name, None, "the target column is missing"));
    };
    let target = target_values(column)?;
    if target.len() != n_rows {
        return Err(ModelError::LengthMismatch {
            field: name.to_owned(),
            reference: "features".to_owned(),
            expected: n_rows,
            found: target.len(),
        });
    }
    Ok(target)
}

/// A target column's values, each exactly 0 or 1.
pub(crate) fn target_values<'a>(column: &LeadColumn<'a>) -> Result<&'a [f64], ModelError> {
    let ColumnValues::Numeric(values) = column.values else {
        return Err(invalid(column.name, None, "the target must be a numeric column of 0 and 1"));
    };
    match values.iter().position(|&y| y != 0.0 && y != 1.0) {
        None => Ok(values),
        Some(row) => {
            Err(invalid(column.name, Some(row), format!("got {}, expected 0 or 1", crate::Shown(values[row]))))
        }
    }
}

/// Adds `sum_j beta_j z_j` to `eta` (already holding the intercept) for rows `start..start + eta.len()`,
/// feature by feature in model order: the one definition of the linear score, for training and scoring.
pub(crate) fn add_linear_terms(design: &Design<'_>, coefficients: &[f64], start: usize, eta: &mut [f64]) {
    let end = start + eta.len();
    let mut offset = 0;
    for feature in &design.features {
        match feature {
            Encoded::Numeric { values, mean, scale } => {
                let beta = coefficients[offset];
                for (e, &x) in eta.iter_mut().zip(&values[start..end]) {
                    *e += beta * ((x - mean) / scale);
                }
                offset += 1;
            }
            Encoded::Categorical { codes, width } => {
                let betas = &coefficients[offset..offset + width];
                for (e, &code) in eta.iter_mut().zip(&codes[start..end]) {
                    if let Some(beta) = usize::try_from(code).ok().and_then(|c| betas.get(c)) {
                        *e += beta;
                    }
                }
                offset += width;
            }
        }
    }
}

/// Writes the design block of rows `start..start + m` column by column into `block` (`(width + 1) x m`,
/// column 0 all ones for the intercept, then the standardized numeric values and category indicators).
pub(crate) fn fill_block(design: &Design<'_>, start: usize, m: usize, block: &mut [f64]) {
    let end = start + m;
    block[..m].fill(1.0);
    let mut column = 1;
    for feature in &design.features {
        match feature {
            Encoded::Numeric { values, mean, scale } => {
                let out = &mut block[column * m..(column + 1) * m];
                for (z, &x) in out.iter_mut().zip(&values[start..end]) {
                    *z = (x - mean) / scale;
                }
                column += 1;
            }
            Encoded::Categorical { codes, width } => {
                let out = &mut block[column * m..(column + width) * m];
                out.fill(0.0);
                for (i, &code) in codes[start..end].iter().enumerate() {
                    if let Ok(c) = usize::try_from(code)
                        && c < *width
                    {
                        out[c * m + i] = 1.0;
                    }
                }
                column += width;
            }
        }
    }
}
