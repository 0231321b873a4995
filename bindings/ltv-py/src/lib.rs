//! `ltv._ltv`: the compiled module behind the `ltv` Python package.
//!
//! A thin PyO3 layer over `ltv-core`: exact scalar functions ([`scalar`]), result classes ([`classes`]),
//! vectorised column kernels ([`vec`]) and the exception hierarchy ([`errors`]). No formula is implemented
//! here; every number comes from `ltv-core`.

mod classes;
mod cohort;
mod cohort_ltv;
mod convert;
mod errors;
mod inputs;
mod lead_valuation;
mod leads;
mod sbg;
mod scalar;
mod scorer;
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

    m.add_class::<classes::LtvCacRatio>()?;
    m.add_class::<classes::CacPayback>()?;
    m.add_class::<classes::MrrMovements>()?;

    m.add_function(wrap_pyfunction!(scalar::purchase_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::subscription_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::lifespan_from_churn, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::saas_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::monthly_churn_from_annual, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::annual_to_monthly_rate, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::discounted_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::retention_cltv, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::ltv_cac_ratio, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::max_cac, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::cac_payback_months, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::lead_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::net_lead_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::present_value_lead_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::lead_value, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::is_zombie, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::campaign_value, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::bid_cap, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::logo_churn_rate, m)?)?;

    m.add_function(wrap_pyfunction!(vec::_disable_parallelism, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_purchase_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_subscription_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_lifespan_from_churn, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_saas_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_monthly_churn_from_annual, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_annual_to_monthly_rate, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_discounted_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_retention_cltv, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_ltv_cac_ratio, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_ltv_cac_band, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_max_cac, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_cac_payback_months, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_lead_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_net_lead_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_present_value_lead_ltv, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_lead_value, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_campaign_value, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_bid_cap, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_logo_churn_rate, m)?)?;
    m.add_function(wrap_pyfunction!(vec::_vec_mrr, m)?)?;

    m.add_class::<lead_valuation::LeadValuation>()?;
    m.add_class::<lead_valuation::AccountValuation>()?;
    m.add_function(wrap_pyfunction!(lead_valuation::explain_lead_value, m)?)?;
    m.add_function(wrap_pyfunction!(lead_valuation::account_value, m)?)?;
    m.add_function(wrap_pyfunction!(lead_valuation::shrunk_conversion_rate, m)?)?;
    m.add_function(wrap_pyfunction!(leads::_leads_segment_table, m)?)?;
    m.add_function(wrap_pyfunction!(leads::_leads_cohorts, m)?)?;
    m.add_function(wrap_pyfunction!(leads::_leads_compare_campaigns, m)?)?;
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
    m.add_class::<scorer::PyLeadScorer>()?;
    m.add_function(wrap_pyfunction!(scorer::_scorer_disable_parallelism, m)?)?;
    m.add_function(wrap_pyfunction!(scorer::_scorer_holdout_mask, m)?)?;
    m.add_function(wrap_pyfunction!(scorer::_scorer_auc, m)?)?;
    Ok(())
}
