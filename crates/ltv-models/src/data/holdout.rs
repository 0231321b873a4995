//! The calibration / holdout split of a transaction log: the RFM summary of the calibration period and
//! each of its customers' purchases in the holdout period that follows.

use super::group::{bad, end_period, group, summarize};
use super::rfm::{RfmOptions, RfmSummary, Transactions};
use crate::error::ModelError;

/// The [`calibration_holdout`] split: the summary of the calibration period and, per customer (in the
/// same order), the purchases in the holdout period.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CalibrationHoldout {
    /// The RFM summary up to the calibration end (its `age` is measured to the calibration end); its
    /// `rows_after_observation_end` counts the rows after the observation end.
    pub calibration: RfmSummary,
    /// Purchase periods in the holdout (merged per period, as in calibration), per customer.
    pub holdout_frequency: Vec<f64>,
    /// The mean value of those periods (each period's values summed), 0 when there are none; `None` when
    /// the log has no values.
    pub holdout_monetary_value: Option<Vec<f64>>,
    /// The length of the holdout, from the calibration end's period to the observation end's, in the
    /// output unit (the same for every customer).
    pub holdout_duration: f64,
    /// The calibration end's period (its day when fractional).
    pub calibration_end_period: i64,
    /// Customers whose first purchase lies in the holdout: excluded from the result.
    pub customers_first_in_holdout: usize,
}

/// Splits a transaction log at `calibration_end` (inclusive of its period) into the RFM summary of the
/// calibration period and each calibration customer's purchases in the holdout, the periods after the
/// calibration end's up to `observation_end`'s (inclusive). Times are in the log's time base; periods,
/// merging and units are those of [`RfmOptions`] (whose `observation_end` is ignored here). Customers first
/// seen in the holdout are excluded and counted in [`CalibrationHoldout::customers_first_in_holdout`].
///
/// ```
/// use ltv_models::{RfmOptions, TimeBase, Transactions, calibration_holdout};
/// // Days 0..: customer 7 buys on days 0, 2 and 5, customer 9 on day 4 (in the holdout).
/// let log = Transactions::new(&[7, 7, 7, 9], &[0, 2, 5, 4], Some(&[10.0, 20.0, 30.0, 5.0]), TimeBase::Days)?;
/// let split = calibration_holdout(&log, 3, 6, &RfmOptions::default())?;
/// assert_eq!(split.calibration.customer, [7]);
/// assert_eq!((split.calibration.frequency[0], split.calibration.age[0]), (1.0, 3.0));
/// assert_eq!(split.holdout_frequency, [1.0]);
/// assert_eq!(split.holdout_monetary_value, Some(vec![30.0]));
/// assert_eq!((split.holdout_duration, split.customers_first_in_holdout), (3.0, 1));
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// As [`rfm_summary`](crate::rfm_summary) for the rows and options; [`ModelError::InvalidData`] naming
/// `calibration_end` when it is not a time, lies before the first purchase or after `observation_end`.
pub fn calibration_holdout(
    transactions: &Transactions<'_>,
    calibration_end: i64,
    observation_end: i64,
    options: &RfmOptions,
) -> Result<CalibrationHoldout, ModelError> {
    if calibration_end > observation_end {
        return Err(bad(
            "calibration_end",
            None,
            format!(
                "got {calibration_end}, after observation_end = {observation_end}: expected a time at or before it"
            ),
        ));
    }
    let grouped = group(transactions, options, Some(observation_end), "observation_end")?;
    let cal = end_period(transactions, options, calibration_end, grouped.first, "calibration_end")?;
    let rows = summarize(&grouped, cal);
    let has_value = transactions.value.is_some();
    let holdout_frequency = rows.customers.iter().map(|r| r.holdout_purchases as f64).collect();
    let holdout_monetary_value = has_value.then(|| {
        rows.customers
            .iter()
            .map(|r| if r.holdout_purchases == 0 { 0.0 } else { r.holdout_value / r.holdout_purchases as f64 })
            .collect()
    });
    let calibration = RfmSummary::from_rows(&rows.customers, options, cal, has_value, grouped.rows_after_end);
    Ok(CalibrationHoldout {
        calibration,
        holdout_frequency,
        holdout_monetary_value,
        holdout_duration: (grouped.end - cal) as f64 / options.scale(),
        calibration_end_period: cal,
        customers_first_in_holdout: rows.first_after_cal,
    })
}
