//! Cohort LTV: hand-checked values, the closed-form tail against its sum, growth, horizons, errors.

use ltv_models::{CohortLtvOptions, Growth, ModelError, SbgFit, SbgModel, cohort_ltv};
use proptest::prelude::*;

type TestResult = Result<(), ModelError>;

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

#[test]
fn hand_checked_value_with_a_given_model_and_horizon() -> TestResult {
    // sBG(1, 1): S(t) = 1 / (t + 1). Ages 0 and 1 observed; margin per active at age 1 = 0.5 * 500 / 50 = 5.
    // Ages 2 and 3: 50 * S(2) / S(1) = 100 / 3 and 50 * S(3) / S(1) = 25 customers, undiscounted.
    let model = SbgModel::new(1.0, 1.0)?;
    let options = CohortLtvOptions::new(0.5, 0.0).with_horizon(4).with_model(model);
    let r = cohort_ltv(&[100, 50], &[100, 50], &[1000.0, 500.0], &options)?;
    assert_eq!(r.observed_value, 7.5);
    assert!(close(r.projected_value, (100.0 / 3.0 * 5.0 + 25.0 * 5.0) / 100.0, 1e-15));
    assert!(close(r.ltv_per_customer, 7.5 + 2.916_666_666_666_667, 1e-15));
    assert_eq!((r.cohort_size, r.ages_observed, r.margin_per_active, r.growth_rate), (100, 2, 5.0, 0.0));
    assert_eq!(r.fit, None);
    assert_eq!(r.model, model);
    let ages: Vec<(u32, bool)> = r.projection.iter().map(|a| (a.age, a.observed)).collect();
    assert_eq!(ages, [(0, true), (1, true), (2, false), (3, false)]);
    assert!(close(r.projection[2].customers, 100.0 / 3.0, 1e-15));
    assert!(close(r.projection[3].customers, 25.0, 1e-15));
    assert!(close(r.projection[3].cumulative_value, r.ltv_per_customer, 1e-15));
    Ok(())
}

#[test]
fn discounting_starts_at_age_one() -> TestResult {
    let model = SbgModel::new(2.0, 3.0)?;
    let options = CohortLtvOptions::new(1.0, 0.1).with_horizon(3).with_model(model);
    let r = cohort_ltv(&[10, 8], &[10, 4], &[100.0, 40.0], &options)?;
    // Observed: (100 + 40 / 1.1) / 10; age 2: 8 S(2)/S(1) customers x (40 / 4) margin / 1.1^2.
    let s21 = model.survival(2) / model.survival(1);
    assert!(close(r.observed_value, (100.0 + 40.0 / 1.1) / 10.0, 1e-15));
    assert!(close(r.projected_value, 8.0 * s21 * 10.0 / 1.21 / 10.0, 1e-14));
    Ok(())
}

#[test]
fn undiscounted_unlimited_tail_is_the_residual_lifetime_when_alpha_exceeds_one() -> TestResult {
    // d = g = 0 converges for alpha > 1: sum_{k>=1} S(A + k) / S(A) = (beta + A) / (alpha - 1).
    let model = SbgModel::new(3.0, 2.0)?;
    let r = cohort_ltv(
        &[40, 30, 20],
        &[40, 30, 20],
        &[400.0, 300.0, 200.0],
        &CohortLtvOptions::new(1.0, 0.0).with_model(model),
    )?;
    assert!(close(r.projected_value, 20.0 * 10.0 * (2.0 + 2.0) / (3.0 - 1.0) / 40.0, 1e-14));
    assert_eq!(r.observed_value, 900.0 / 40.0);
    Ok(())
}

#[test]
fn fits_the_cohort_when_no_model_is_given() -> TestResult {
    let surviving = [1000, 631, 468, 382, 326, 289, 262, 241];
    let revenue: Vec<f64> = surviving.iter().map(|&s| 10.0 * s as f64).collect();
    let r = cohort_ltv(&surviving, &surviving, &revenue, &CohortLtvOptions::new(1.0, 0.1))?;
    let fit = SbgFit::fit(&surviving)?;
    assert_eq!(r.fit.as_ref(), Some(&fit));
    assert_eq!(r.model, fit.model);
    // Revenue per active customer is flat at 10, so the whole value is 10 x DEL(d) when survival follows the
    // model exactly; here the observed part is the data's and the tail the model's.
    let tail =
        241.0 * 10.0 / 1.1_f64.powi(7) / 1000.0 / 1.1 * fit.model.discounted_expected_residual_lifetime(0.1, 8)?;
    assert!(close(r.projected_value, tail, 1e-12));
    Ok(())
}

#[test]
fn observed_growth_is_the_compound_rate_of_revenue_per_active_customer() -> TestResult {
    let model = SbgModel::new(1.0, 4.0)?;
    // Revenue per active customer 10 -> 12.1 over two ages: 10 % a period.
    let options = CohortLtvOptions::new(0.8, 0.2).with_model(model).with_growth(Growth::Observed);
    let r = cohort_ltv(&[100, 90, 80], &[100, 80, 70], &[1000.0, 880.0, 847.0], &options)?;
    assert!(close(r.growth_rate, 0.1, 1e-14));
    let fixed =
        cohort_ltv(&[100, 90, 80], &[100, 80, 70], &[1000.0, 880.0, 847.0], &options.with_growth(Growth::Fixed(0.1)))?;
    assert!(close(fixed.ltv_per_customer, r.ltv_per_customer, 1e-13));
    let flat =
        cohort_ltv(&[100, 90, 80], &[100, 80, 70], &[1000.0, 880.0, 847.0], &options.with_growth(Growth::Fixed(0.0)))?;
    let none = cohort_ltv(&[100, 90, 80], &[100, 80, 70], &[1000.0, 880.0, 847.0], &options.with_growth(Growth::None))?;
    assert_eq!(flat, none);
    assert!(r.projected_value > none.projected_value);
    Ok(())
}

#[test]
fn a_horizon_shorter_than_the_data_values_only_its_ages() -> TestResult {
    let model = SbgModel::new(1.0, 1.0)?;
    let options = CohortLtvOptions::new(1.0, 0.0).with_model(model).with_horizon(2);
    let r = cohort_ltv(&[10, 8, 6, 5], &[10, 8, 6, 5], &[10.0, 8.0, 6.0, 5.0], &options)?;
    assert_eq!((r.observed_value, r.projected_value, r.projection.len()), (1.8, 0.0, 2));
    Ok(())
}

#[test]
fn a_cohort_at_age_0_is_valued_with_a_given_model() -> TestResult {
    // sBG(1, 1), S(t) = 1 / (t + 1); margin 2 per customer, undiscounted, ages 0..3: 2 x (1 + 1/2 + 1/3) x 10 / 10.
    let options = CohortLtvOptions::new(1.0, 0.0).with_model(SbgModel::new(1.0, 1.0)?).with_horizon(3);
    let r = cohort_ltv(&[10], &[10], &[20.0], &options)?;
    assert_eq!(r.observed_value, 2.0);
    assert!(close(r.projected_value, 2.0 * (0.5 + 1.0 / 3.0), 1e-15));
    // With no horizon the tail is 2 x (DEL(d) - 1).
    let options = CohortLtvOptions::new(1.0, 0.05).with_model(SbgModel::new(1.0, 1.0)?);
    let r = cohort_ltv(&[10], &[10], &[20.0], &options)?;
    let del = SbgModel::new(1.0, 1.0)?.discounted_expected_lifetime(0.05)?;
    assert!(close(r.ltv_per_customer, 2.0 * del, 1e-13));
    Ok(())
}

#[test]
fn no_survivors_means_no_tail() -> TestResult {
    let options = CohortLtvOptions::new(1.0, 0.0).with_model(SbgModel::new(0.5, 0.5)?);
    let r = cohort_ltv(&[10, 3, 0], &[10, 3, 0], &[10.0, 3.0, 0.0], &options)?;
    assert_eq!((r.projected_value, r.ltv_per_customer), (0.0, 1.3));
    Ok(())
}

#[test]
fn projection_with_no_horizon_shows_as_many_ages_as_observed_and_at_least_12() -> TestResult {
    let options = CohortLtvOptions::new(1.0, 0.05).with_model(SbgModel::new(0.5, 0.5)?);
    let r = cohort_ltv(&[10, 5, 4], &[10, 5, 4], &[10.0, 5.0, 4.0], &options)?;
    assert_eq!(r.projection.len(), 3 + 12);
    assert!(r.projection.last().is_some_and(|a| a.cumulative_value < r.ltv_per_customer));
    let surviving: Vec<u64> = (0..20).map(|a| 100 - a).collect();
    let r = cohort_ltv(&surviving, &surviving, &[1.0; 20], &options)?;
    assert_eq!(r.projection.len(), 40);
    Ok(())
}

#[test]
fn unlimited_horizons_that_diverge_are_errors() -> TestResult {
    let s = [100, 80, 70];
    let rev = [100.0, 80.0, 70.0];
    let heavy = SbgModel::new(0.5, 1.0)?;
    let options = CohortLtvOptions::new(1.0, 0.0).with_model(heavy);
    let err = cohort_ltv(&s, &s, &rev, &options).err();
    assert!(matches!(err, Some(ModelError::DivergentValue { alpha: 0.5, .. })), "{err:?}");
    let grows = CohortLtvOptions::new(1.0, 0.01).with_model(SbgModel::new(3.0, 1.0)?).with_growth(Growth::Fixed(0.02));
    let err = cohort_ltv(&s, &s, &rev, &grows).err();
    assert!(matches!(err, Some(ModelError::DivergentValue { discount_rate: 0.01, growth_rate: 0.02, .. })));
    assert_eq!(err.map(|e| e.kind()), Some("divergent_value"));
    // ... and a horizon makes them finite.
    assert!(cohort_ltv(&s, &s, &rev, &grows.with_horizon(120))?.ltv_per_customer.is_finite());
    Ok(())
}

fn invalid(err: Option<ModelError>) -> Option<(String, Option<usize>)> {
    match err {
        Some(ModelError::InvalidData { field, row, .. }) => Some((field, row)),
        _ => None,
    }
}

#[test]
fn bad_data_names_the_column_and_row() -> TestResult {
    let o = CohortLtvOptions::new(0.8, 0.01).with_model(SbgModel::new(1.0, 1.0)?);
    let f = |s: &[u64], a: &[u64], r: &[f64]| cohort_ltv(s, a, r, &o).err();
    assert!(matches!(f(&[10, 5], &[10], &[1.0, 1.0]), Some(ModelError::LengthMismatch { expected: 2, found: 1, .. })));
    assert_eq!(invalid(f(&[], &[], &[])), Some(("surviving_customers".to_owned(), None)));
    let alone = cohort_ltv(&[10], &[10], &[1.0], &CohortLtvOptions::new(1.0, 0.1)).err();
    assert_eq!(invalid(alone), Some(("surviving_customers".to_owned(), None)));
    let err = cohort_ltv(&[10], &[10], &[1.0], &o.with_growth(Growth::Observed)).err();
    assert_eq!(invalid(err), Some(("revenue".to_owned(), None)));
    assert_eq!(invalid(f(&[0, 0], &[0, 0], &[1.0, 1.0])), Some(("surviving_customers".to_owned(), Some(0))));
    assert_eq!(invalid(f(&[10, 5, 6], &[10, 5, 5], &[1.0; 3])), Some(("surviving_customers".to_owned(), Some(2))));
    assert_eq!(invalid(f(&[10, 5], &[10, 5], &[1.0, f64::NAN])), Some(("revenue".to_owned(), Some(1))));
    assert_eq!(invalid(f(&[10, 5], &[10, 5], &[-1.0, 1.0])), Some(("revenue".to_owned(), Some(0))));
    assert_eq!(invalid(f(&[10, 5], &[10, 0], &[1.0, 0.0])), Some(("active_customers".to_owned(), Some(1))));
    let observed = o.with_growth(Growth::Observed);
    let err = cohort_ltv(&[10, 5], &[10, 5], &[0.0, 1.0], &observed).err();
    assert_eq!(invalid(err), Some(("revenue".to_owned(), Some(0))));
    Ok(())
}

#[test]
fn bad_options_name_the_parameter() -> TestResult {
    let s = [10, 5];
    let r = [1.0, 1.0];
    let model = SbgModel::new(1.0, 1.0)?;
    let name = |o: CohortLtvOptions| match cohort_ltv(&s, &s, &r, &o.with_model(model)) {
        Err(ModelError::InvalidParameter { field, .. } | ModelError::InvalidPeriod { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(name(CohortLtvOptions::new(80.0, 0.01)), "gross_margin");
    assert_eq!(name(CohortLtvOptions::new(f64::NAN, 0.01)), "gross_margin");
    assert_eq!(name(CohortLtvOptions::new(0.8, -0.01)), "discount_rate");
    assert_eq!(name(CohortLtvOptions::new(0.8, f64::INFINITY)), "discount_rate");
    assert_eq!(name(CohortLtvOptions::new(0.8, 0.01).with_growth(Growth::Fixed(-1.0))), "growth");
    assert_eq!(name(CohortLtvOptions::new(0.8, 0.01).with_horizon(0)), "horizon");
    Ok(())
}

#[test]
fn a_projected_margin_beyond_f64_is_an_error() -> TestResult {
    let o = CohortLtvOptions::new(1.0, 0.5).with_model(SbgModel::new(1.0, 1000.0)?).with_growth(Growth::Fixed(1.0));
    let err = cohort_ltv(&[10, 9], &[10, 9], &[1e300, 1e300], &o.with_horizon(100)).err();
    assert!(matches!(err, Some(ModelError::InvalidParameter { field: "horizon", .. })), "{err:?}");
    Ok(())
}

#[test]
fn a_cohort_that_cannot_be_fitted_alone_says_why() {
    // Nobody churned: the sBG fit has no finite maximum; a given model values it.
    let err = cohort_ltv(&[10, 10, 10], &[10, 10, 10], &[1.0; 3], &CohortLtvOptions::new(1.0, 0.01)).err();
    assert!(matches!(err, Some(ModelError::NoFiniteMaximum { .. })), "{err:?}");
}

proptest! {
    /// The closed-form unlimited tail equals the sum of a long horizon, and the value grows with the horizon.
    #[test]
    fn closed_form_tail_matches_the_long_sum(
        alpha in 0.2f64..5.0,
        beta in 0.2f64..10.0,
        d in 0.02f64..0.5,
        growth_share in -0.5f64..0.5,
        margin in 0.0f64..=1.0,
        drop in 1u64..500,
    ) {
        let g = d * growth_share;
        let model = SbgModel::new(alpha, beta).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let s = [1000, 1000 - drop, 1000 - drop - drop / 2];
        let rev = [5000.0, 4000.0, 3500.0];
        let o = CohortLtvOptions::new(margin, d).with_model(model).with_growth(Growth::Fixed(g));
        let run = |o: CohortLtvOptions| cohort_ltv(&s, &s, &rev, &o).map_err(|e| TestCaseError::fail(e.to_string()));
        let unlimited = run(o)?;
        // Long enough that the rest of the tail is below e^-40 of it ((1 + g) / (1 + d) per age).
        let x = (1.0 + g) / (1.0 + d);
        let long = run(o.with_horizon((40.0 / -x.ln()).ceil() as u32 + 3))?;
        let short = run(o.with_horizon(5))?;
        prop_assert!(close(unlimited.ltv_per_customer, long.ltv_per_customer, 1e-9) || unlimited.ltv_per_customer == 0.0);
        prop_assert!(short.ltv_per_customer <= long.ltv_per_customer * (1.0 + 1e-12));
        prop_assert!(unlimited.observed_value <= unlimited.ltv_per_customer);
        prop_assert!(unlimited.projected_value.is_finite() && unlimited.projected_value >= 0.0);
    }
}

#[test]
fn the_table_helper_groups_sorts_pools_and_names_the_cohort_and_table_row() {
    use ltv_models::{CohortTable, SbgFit, cohort_ltv_table};
    let labels = ["'a'".to_owned(), "'b'".to_owned(), "'c'".to_owned()];
    // Rows shuffled: cohort a (ages 0..=3), b (0..=2), c (age 0 only).
    let cohort = [1, 0, 0, 2, 1, 0, 1, 0];
    let age = [2, 3, 0, 0, 0, 1, 1, 2];
    let surviving = [130, 60, 100, 50, 200, 75, 160, 66];
    let revenue: Vec<f64> = surviving.iter().map(|&s| 10.0 * s as f64).collect();
    let table = CohortTable::new(&cohort, &labels, &age, &surviving, &surviving, &revenue);
    let options = CohortLtvOptions::new(0.8, 0.01);
    let pooled = cohort_ltv_table(&table, &options, true).unwrap();
    let fit = SbgFit::fit_cohorts(&[vec![100, 75, 66, 60], vec![200, 160, 130]]).unwrap();
    assert!(pooled.iter().all(|r| r.model == fit.model));
    assert_eq!(pooled.iter().map(|r| r.ages_observed).collect::<Vec<_>>(), [4, 3, 1]);
    let alone = cohort_ltv(&[100, 75, 66, 60], &[100, 75, 66, 60], &[1000.0, 750.0, 660.0, 600.0], &options).unwrap();
    let (a, b) =
        (cohort_ltv_table(&table, &options.with_model(fit.model), false), cohort_ltv_table(&table, &options, false));
    assert_eq!(a.unwrap(), pooled);
    // Fitting each alone: cohort c (age 0 only) cannot be fitted, named with its label.
    let err = b.unwrap_err();
    assert!(err.to_string().starts_with("cohort 'c': invalid surviving_customers"), "{err}");
    assert_eq!((err.kind(), err.field()), ("invalid_data", Some("surviving_customers")));
    let two =
        CohortTable::new(&[1, 0, 0], &labels[..2], &[0, 1, 0], &[130, 60, 100], &[130, 60, 100], &[1.0, -1.0, 1.0]);
    let err = cohort_ltv_table(&two, &options.with_model(fit.model), false).unwrap_err();
    // Cohort a is rows 1 (age 1) and 2 (age 0): its revenue at age 1 is row 1 of the table.
    assert_eq!((err.kind(), err.field(), err.row()), ("invalid_data", Some("revenue"), Some(1)));
    assert!(err.to_string().starts_with("cohort 'a' (table row 1): invalid revenue at row 1"), "{err}");
    let gap = CohortTable::new(&[0, 0], &labels[..1], &[0, 2], &[10, 5], &[10, 5], &[1.0, 1.0]);
    let err = cohort_ltv_table(&gap, &options, false).unwrap_err();
    assert_eq!((err.field(), err.row()), (Some("age"), Some(1)));
    assert!(alone.ltv_per_customer > 0.0);
}
