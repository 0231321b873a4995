//! The sBG section of the demo: Fader & Hardie's (2007) cohorts fitted, DERL (Fader & Hardie 2010, Table 3)
//! and the cohort LTV next to the simple SaaS formula.

use ltv_models::{CohortLtvOptions, ModelError, SbgFit, SbgModel, cohort_ltv};

/// Prints the section; an error (none is expected on this data) is printed in its place.
pub fn report() {
    if let Err(e) = run() {
        println!("  sBG section failed: {e}");
    }
}

fn run() -> Result<(), ModelError> {
    println!("\nsBG retention model (Fader & Hardie 2007: 1000 customers, survivors after 0..7 renewals)");
    for (label, survivors) in [
        ("regular", [1000, 631, 468, 382, 326, 289, 262, 241]),
        ("high end", [1000, 869, 743, 653, 593, 551, 517, 491]),
    ] {
        let fit = SbgFit::fit(&survivors)?;
        let (a, b) = (fit.model.alpha(), fit.model.beta());
        let se = |s: Option<f64>| s.map_or_else(|| "n/a".to_owned(), |s| format!("{s:.3}"));
        println!(
            "  {label:<9} alpha {a:.3} (se {}), beta {b:.3} (se {}), LL {:.2}, S(12) = {:.3}",
            se(fit.std_err_alpha()),
            se(fit.std_err_beta()),
            fit.log_likelihood,
            fit.model.survival(12)
        );
    }

    println!("\nDERL at d = 10 % by renewals made (Fader & Hardie 2010, Table 3)");
    println!("  {:<28} {:>7} {:>7} {:>7} {:>7} {:>7}", "alpha, beta", "0", "1", "2", "3", "4");
    for (label, alpha, beta) in [("3.80, 15.20", 3.80, 15.20), ("1/15, 4/15", 1.0 / 15.0, 4.0 / 15.0)] {
        let model = SbgModel::new(alpha, beta)?;
        let values = (1..=5)
            .map(|n| model.discounted_expected_residual_lifetime(0.10, n).map(|v| format!("{v:>7.2}")))
            .collect::<Result<Vec<_>, _>>()?;
        println!("  {label:<28} {}", values.join(" "));
    }

    println!("\nCohort LTV (ARPU 100, 80 % margin, 1 %/month) next to ARPU x margin / latest churn");
    let surviving = [1000, 550, 400, 340, 305, 285, 270];
    let revenue: Vec<f64> = surviving.iter().map(|&s| 100.0 * s as f64).collect();
    let cohort = cohort_ltv(&surviving, &surviving, &revenue, &CohortLtvOptions::new(0.8, 0.01))?;
    let latest_churn = 1.0 - 270.0 / 285.0;
    println!("  {:<58} {:>14.2}", "simple: 100 x 0.8 / 5.26 % churn", 80.0 / latest_churn);
    println!("  {:<58} {:>14.2}", "cohort: observed margin to date", cohort.observed_value);
    println!("  {:<58} {:>14.2}", "cohort: projected tail (sBG)", cohort.projected_value);
    println!("  {:<58} {:>14.2}", "cohort LTV per acquired customer", cohort.ltv_per_customer);
    Ok(())
}
