//! Account health on a synthetic panel with a planted engagement drop: the lift of a fall in logins, the
//! hazard model on a time-based holdout, and risk-adjusted LTV by risk band.

use ltv_models::{
    HealthModel, HealthOptions, ModelError, RiskLtvOptions, ScorerOptions, health_features, lift_table,
    risk_adjusted_ltv, synthetic_panel, value_at_risk,
};

fn row(label: &str, value: impl std::fmt::Display) {
    println!("  {label:<58} {value:>14}");
}

/// Prints the account-health section.
pub fn report() -> Result<(), ModelError> {
    let panel = synthetic_panel(4000, 12, 11)?;
    let f = health_features(&panel.view(), HealthOptions::new(2, 2))?;
    println!("\nAccount health (4,000 accounts x 12 months, planted engagement drop)");
    let labelled: Vec<usize> = (0..f.len()).filter(|&i| f.label_known[i]).collect();
    let change = f.column("logins_change").unwrap_or_default();
    let x: Vec<f64> = labelled.iter().map(|&i| change[i]).collect();
    let y: Vec<f64> = labelled.iter().map(|&i| f.churn_within_horizon[i]).collect();
    let lift = lift_table(&x, &y, &[0.6], 1, 1.959963984540054)?;
    if let Some(fell) = lift.first() {
        row(
            "logins fell 40 %+ in 2 months: churn within 2 months",
            format!("x{:.1} ({:.1} to {:.1})", fell.ratio, fell.ratio_low, fell.ratio_high),
        );
    }
    let model = HealthModel::fit(&f, Some(9), ScorerOptions::default())?;
    let test = model.evaluate(&f, 9, 10)?;
    row("hazard model, holdout from month 9: AUC / log loss", format!("{:.3} / {:.3}", test.auc, test.log_loss));
    // Value the accounts still there in month 12 from their own hazard, 1 % discount a month.
    let p = model.churn_probability(&f)?;
    let h = model.hazard(&f)?;
    let now: Vec<usize> = (0..f.len()).filter(|&i| f.period[i] == 12).collect();
    let revenue = f.column("revenue").unwrap_or_default();
    let mrr: Vec<f64> = now.iter().map(|&i| revenue[i]).collect();
    let (p_now, h_now): (Vec<f64>, Vec<f64>) = now.iter().map(|&i| (p[i], h[i])).unzip();
    let options = RiskLtvOptions::new(1.0, 0.01);
    let values = risk_adjusted_ltv(&mrr, &h_now, options)?;
    let total: f64 = values.iter().map(|v| v.ltv).sum();
    let mean_h = h_now.iter().sum::<f64>() / h_now.len().max(1) as f64;
    let simple: f64 = mrr.iter().map(|m| m * 1.01 / (mean_h + 0.01)).sum();
    row("risk-adjusted LTV of active accounts (1 %/month)", format!("{total:.0}"));
    row("  ... the simple formula at their mean hazard", format!("{simple:.0}"));
    println!("  band (P churn 2 months)  accounts      MRR  MRR at risk  value of 20 % less risk");
    for b in value_at_risk(&mrr, &p_now, &h_now, &[0.1, 0.3], 0.2, options)? {
        let band = format!("{:.1} to {:.1}", b.lower.unwrap_or(0.0), b.upper.unwrap_or(1.0));
        println!(
            "  {band:>22} {:>9} {:>8.0} {:>12.0} {:>24.0}",
            b.accounts, b.mrr, b.mrr_at_risk, b.value_of_reduction
        );
    }
    Ok(())
}
