//! `ltv._ltv`: the compiled module behind the `ltv` Python package.
//!
//! A thin PyO3 layer over `ltv-core` and `ltv-models`: every formula declared once in `formulas` (its
//! exact scalar function and its column functions), result classes in `classes`, the column-engine plumbing
//! in `vec`, the exception hierarchy in `errors`, and the table and model classes in their own modules. No
//! formula is implemented here; every number comes from the Rust crates.

/// mimalloc as the module's allocator: the fits and valuations allocate and free column-sized buffers on
/// every call, and the system allocator returns those to the OS, so each call would fault its pages in
/// again (a quarter of a Gamma-Gamma fit's time on a million customers); mimalloc keeps them for reuse.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod attribution;
mod bg_bb;
mod billing;
mod billing_columns;
mod channels;
mod classes;
mod cohort;
mod cohort_ltv;
mod convert;
mod distributions;
mod errors;
mod formulas;
mod health;
mod inputs;
mod lead_valuation;
mod leads;
mod purchase;
mod rfm;
mod sbg;
mod scorer;
mod spend;
mod vec;

use pyo3::prelude::*;

/// The module definition.
#[pymodule(gil_used = false)]
pub fn _ltv(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;

    m.add("LtvError", py.get_type::<errors::LtvError>())?;
    m.add("InvalidInputError", py.get_type::<errors::InvalidInputError>())?;
    m.add("ZeroChurnError", py.get_type::<errors::ZeroChurnError>())?;
    m.add("NegativeNetChurnError", py.get_type::<errors::NegativeNetChurnError>())?;
    m.add("DivergenceError", py.get_type::<errors::DivergenceError>())?;
    m.add("NotFiniteError", py.get_type::<errors::NotFiniteError>())?;
    m.add("LtvOverflowError", py.get_type::<errors::LtvOverflowError>())?;
    m.add("UndefinedError", py.get_type::<errors::UndefinedError>())?;

    // Defaults of the formulas, from the core (tests/python/test_defaults.py checks the signatures use them).
    m.add("DEFAULT_TARGET_RATIO", ltv_core::DEFAULT_TARGET_RATIO)?;
    m.add("DEFAULT_HEALTHY_MIN", ltv_core::DEFAULT_HEALTHY_MIN)?;
    m.add("DEFAULT_HEALTHY_MAX", ltv_core::DEFAULT_HEALTHY_MAX)?;
    m.add("DEFAULT_PAYBACK_TARGET_MONTHS", ltv_core::DEFAULT_PAYBACK_TARGET_MONTHS)?;
    m.add(
        "DEFAULT_LEAD_ANNUAL_DISCOUNT_RATE",
        ltv_core::Decimal::new(i64::from(ltv_core::DEFAULT_ANNUAL_DISCOUNT_RATE_PERCENT), 2),
    )?;
    m.add("DEFAULT_DISCOUNT_AFTER_MONTHS", ltv_core::DEFAULT_DISCOUNT_AFTER_MONTHS)?;
    m.add("DEFAULT_ZOMBIE_AFTER_DAYS", ltv_core::DEFAULT_ZOMBIE_AFTER_DAYS)?;
    m.add("DEFAULT_CHURN_BASIS", ltv_core::ChurnBasis::default().as_str())?;
    m.add("DEFAULT_TIMING", ltv_core::PaymentTiming::default().as_str())?;
    m.add("DEFAULT_RETENTION_PERIOD", ltv_core::DEFAULT_RETENTION_PERIOD.as_str())?;
    m.add("DEFAULT_ERRORS", ltv_core::columns::Errors::default().as_str())?;
    m.add("PARALLEL_MIN_ROWS", ltv_core::columns::DEFAULT_PARALLEL_MIN_ROWS)?;

    m.add_class::<classes::LtvCacRatio>()?;
    m.add_class::<classes::CacPayback>()?;
    m.add_class::<classes::MrrMovements>()?;

    formulas::register(m)?;
    vec::register(m)?;

    m.add_class::<lead_valuation::LeadValuation>()?;
    m.add_class::<lead_valuation::AccountValuation>()?;
    m.add_function(wrap_pyfunction!(lead_valuation::explain_lead_value, m)?)?;
    m.add_function(wrap_pyfunction!(lead_valuation::account_value, m)?)?;
    m.add_function(wrap_pyfunction!(lead_valuation::shrunk_conversion_rate, m)?)?;
    m.add_function(wrap_pyfunction!(leads::_leads_segment_table, m)?)?;
    m.add_function(wrap_pyfunction!(leads::_leads_cohorts, m)?)?;
    m.add_function(wrap_pyfunction!(leads::_leads_compare_campaigns, m)?)?;
    m.add_function(wrap_pyfunction!(leads::_leads_sufficiency_warnings, m)?)?;
    m.add_function(wrap_pyfunction!(channels::_channel_roas, m)?)?;
    m.add_function(wrap_pyfunction!(leads::_benchmarks, m)?)?;
    m.add_function(wrap_pyfunction!(leads::_benchmark_find, m)?)?;
    m.add_function(wrap_pyfunction!(leads::_defaults, m)?)?;
    m.add_function(wrap_pyfunction!(leads::_invalid_input_error, m)?)?;
    sbg::add_constants(m)?;
    m.add_class::<sbg::SbgModel>()?;
    m.add_class::<sbg::SbgFit>()?;
    m.add_class::<cohort_ltv::CohortLtv>()?;
    m.add_function(wrap_pyfunction!(cohort_ltv::_cohort_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(cohort_ltv::_cohort_ltv_table, m)?)?;
    m.add_class::<cohort::CohortResult>()?;
    m.add_function(wrap_pyfunction!(cohort::_cohort_analyse, m)?)?;
    m.add_function(wrap_pyfunction!(cohort::_cohort_parse_periods, m)?)?;
    m.add_function(wrap_pyfunction!(cohort::_cohort_days_to_periods, m)?)?;
    m.add_function(wrap_pyfunction!(cohort::_cohort_period_starts, m)?)?;
    m.add_function(wrap_pyfunction!(billing::_billing_normalise, m)?)?;
    m.add_function(wrap_pyfunction!(billing_columns::_billing_normalise_columns, m)?)?;
    m.add_function(wrap_pyfunction!(billing::_billing_allocate, m)?)?;
    m.add("MAX_SERVICE_DAYS", ltv_core::billing::MAX_SERVICE_DAYS)?;
    purchase::register(m)?;
    spend::register(m)?;
    bg_bb::register(m)?;
    distributions::register(m)?;
    m.add_class::<scorer::PyLeadScorer>()?;
    health::register(m)?;
    m.add_function(wrap_pyfunction!(scorer::_scorer_disable_parallelism, m)?)?;
    m.add_function(wrap_pyfunction!(scorer::_scorer_holdout_mask, m)?)?;
    m.add_function(wrap_pyfunction!(scorer::_scorer_auc, m)?)?;
    m.add_function(wrap_pyfunction!(rfm::_rfm_summary, m)?)?;
    m.add_function(wrap_pyfunction!(rfm::_rfm_calibration_holdout, m)?)?;
    m.add_function(wrap_pyfunction!(attribution::_attribution, m)?)?;
    Ok(())
}
