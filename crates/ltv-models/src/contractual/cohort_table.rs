//! [`cohort_ltv`] for every cohort of a long cohort table (one row per cohort and observed age).

use super::cohort_ltv::{CohortLtv, CohortLtvOptions, cohort_ltv};
use super::sbg::SbgFit;
use crate::error::ModelError;

/// The columns of a long cohort table, one entry per row (rows in any order).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct CohortTable<'a> {
    /// The cohort of each row, as an index into `labels`.
    pub cohort: &'a [usize],
    /// The cohort labels (as they should appear in messages), in output order; every label has rows.
    pub labels: &'a [String],
    /// The age of each row (0 = the period of acquisition); each cohort's ages must be `0, 1, ..., A`.
    pub age: &'a [u64],
    /// Customers still subscribed at that age.
    pub surviving_customers: &'a [u64],
    /// Customers who paid at that age.
    pub active_customers: &'a [u64],
    /// Revenue at that age.
    pub revenue: &'a [f64],
}

impl<'a> CohortTable<'a> {
    /// A table from its columns (see the fields).
    #[must_use]
    pub fn new(
        cohort: &'a [usize],
        labels: &'a [String],
        age: &'a [u64],
        surviving_customers: &'a [u64],
        active_customers: &'a [u64],
        revenue: &'a [f64],
    ) -> Self {
        Self { cohort, labels, age, surviving_customers, active_customers, revenue }
    }
}

/// The most ages [`cohort_ltv_table`] projects in all (the number of cohorts times the horizon):
/// `5_000_000` (about 200 MB of projection rows), checked before anything is allocated.
pub const MAX_TABLE_AGES: u64 = 5_000_000;

/// [`cohort_ltv`] for every cohort of a long cohort table, one result per label, in `labels` order.
///
/// Each cohort's rows are sorted by age, which must run `0, 1, ..., A`. The model: with `pooled`, one
/// [`SbgFit::fit_cohorts`] on every cohort observed at 2 or more ages (a cohort observed at age 0 only
/// adds no renewal decision to the fit, and is valued with the pooled model); otherwise `options.model`
/// when given, else each cohort is fitted alone.
///
/// ```
/// use ltv_models::{CohortLtvOptions, CohortTable, cohort_ltv_table};
///
/// let labels = ["2024-01".to_owned(), "2024-02".to_owned()];
/// let cohort = [0, 0, 0, 0, 1, 1, 1];
/// let age = [0, 1, 2, 3, 0, 1, 2];
/// let surviving = [100, 60, 45, 40, 200, 130, 100];
/// let revenue: Vec<f64> = surviving.iter().map(|&s| 50.0 * s as f64).collect();
/// let table = CohortTable::new(&cohort, &labels, &age, &surviving, &surviving, &revenue);
/// let out = cohort_ltv_table(&table, &CohortLtvOptions::new(0.8, 0.01), true)?;
/// assert_eq!((out[0].ages_observed, out[1].ages_observed), (4, 3));
/// assert_eq!(out[0].model, out[1].model); // one pooled model
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// [`ModelError::LengthMismatch`] for columns of different lengths; [`ModelError::InvalidData`] for a
/// cohort index outside `labels`, a label without rows, or ages that are not `0, 1, ..., A` (naming the
/// table's row); the errors of [`SbgFit::fit_cohorts`] and [`cohort_ltv`], wrapped in
/// [`ModelError::InCohort`] with the cohort's label and the table's row; [`ModelError::InvalidPeriod`]
/// naming `horizon` when cohorts x horizon exceeds [`MAX_TABLE_AGES`].
pub fn cohort_ltv_table(
    table: &CohortTable<'_>,
    options: &CohortLtvOptions,
    pooled: bool,
) -> Result<Vec<CohortLtv>, ModelError> {
    let n = table.cohort.len();
    for (field, len) in [
        ("age", table.age.len()),
        ("surviving_customers", table.surviving_customers.len()),
        ("active_customers", table.active_customers.len()),
        ("revenue", table.revenue.len()),
    ] {
        if len != n {
            return Err(ModelError::LengthMismatch {
                field: field.to_owned(),
                reference: "cohort".to_owned(),
                expected: n,
                found: len,
            });
        }
    }
    let invalid = |field: &str, row: Option<usize>, reason: String| ModelError::InvalidData {
        field: field.to_owned(),
        row,
        reason,
    };
    if let Some(horizon) = options.horizon
        && table.labels.len() as u64 * u64::from(horizon) > MAX_TABLE_AGES
    {
        return Err(ModelError::InvalidPeriod {
            field: "horizon",
            value: horizon,
            allowed: "a horizon with cohorts x horizon at most MAX_TABLE_AGES = 5000000 projected ages, or no \
                      horizon (the tail in closed form)",
        });
    }
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); table.labels.len()];
    for (row, &code) in table.cohort.iter().enumerate() {
        let Some(group) = rows.get_mut(code) else {
            return Err(invalid(
                "cohort",
                Some(row),
                format!("cohort index {code} is outside the {} labels", table.labels.len()),
            ));
        };
        group.push(row);
    }
    for (label, group) in table.labels.iter().zip(rows.iter_mut()) {
        if group.is_empty() {
            return Err(invalid("cohort", None, format!("cohort {label} has no rows")));
        }
        group.sort_by_key(|&row| table.age[row]);
        for (expected, &row) in group.iter().enumerate() {
            if table.age[row] != expected as u64 {
                return Err(invalid(
                    "age",
                    Some(row),
                    format!(
                        "cohort {label} has age {} where {expected} is expected: ages must be 0, 1, ..., A",
                        table.age[row]
                    ),
                ));
            }
        }
    }
    let in_cohort = |index: usize, err: ModelError| {
        let row = err.row().and_then(|age| rows[index].get(age).copied());
        ModelError::InCohort { cohort: table.labels[index].clone(), row, source: Box::new(err) }
    };
    let gather = |group: &[usize]| -> Vec<u64> { group.iter().map(|&r| table.surviving_customers[r]).collect() };

    let mut options = *options;
    if pooled {
        let fitted: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].len() >= 2).collect();
        let cohorts: Vec<Vec<u64>> = fitted.iter().map(|&i| gather(&rows[i])).collect();
        let fit = SbgFit::fit_cohorts(&cohorts).map_err(|err| match err {
            ModelError::CohortTooShort { cohort, .. }
            | ModelError::EmptyCohort { cohort }
            | ModelError::IncreasingSurviving { cohort, .. } => in_cohort(fitted[cohort], err),
            other => other,
        })?;
        options.model = Some(fit.model);
    }
    rows.iter()
        .enumerate()
        .map(|(index, group)| {
            let active: Vec<u64> = group.iter().map(|&r| table.active_customers[r]).collect();
            let revenue: Vec<f64> = group.iter().map(|&r| table.revenue[r]).collect();
            cohort_ltv(&gather(group), &active, &revenue, &options).map_err(|err| in_cohort(index, err))
        })
        .collect()
}
