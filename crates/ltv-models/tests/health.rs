//! Account health: feature definitions, panel errors, leakage-safety, the planted effect, the lift table's
//! intervals, risk-adjusted LTV against ltv-core, and the model file shared with Python.

use ltv_core::{Churn, Decimal, DiscountRate, Money, PaymentTiming, discounted_ltv};
use ltv_models::{
    AccountPanel, ChurnSignal, HealthModel, HealthOptions, HealthWarning, ModelError, RiskLtvOptions, ScorerOptions,
    constant_features, health_features, lift_table, per_period_hazard, risk_adjusted_ltv, synthetic_panel,
    value_at_risk,
};
use proptest::prelude::*;

type Result = std::result::Result<(), ModelError>;

fn col<'a>(f: &'a ltv_models::HealthFeatures, name: &str) -> &'a [f64] {
    f.column(name).unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn features_follow_their_definitions() -> Result {
    // Account 1: 6 periods, logins 4, 0, 0, 6, 2, 2; churned after period 6. Account 2: active, 3 periods.
    let logins = [4.0, 0.0, 0.0, 6.0, 2.0, 2.0, 1.0, 1.0, 1.0];
    let revenue = [10.0, 10.0, 10.0, 20.0, 20.0, 20.0, 5.0, 5.0, 5.0];
    let panel = AccountPanel {
        account: &[1, 1, 1, 1, 1, 1, 2, 2, 2],
        period: &[3, 4, 5, 6, 7, 8, 1, 2, 3],
        revenue: &revenue,
        metrics: vec![("logins", &logins)],
        churned: &[false, false, false, false, false, true, false, false, false],
    };
    let f = health_features(&panel, HealthOptions::new(2, 2))?;
    assert_eq!(
        f.names,
        [
            "revenue",
            "revenue_change",
            "revenue_change_undefined",
            "revenue_trend",
            "logins",
            "logins_change",
            "logins_change_undefined",
            "logins_trend",
            "periods_since_activity",
            "tenure"
        ]
    );
    // Change: (0 + 6) / 2 over (4 + 0) / 2 = 1.5 at period 6; prior mean 0 at period 7 -> 1, flagged.
    assert_eq!(col(&f, "logins_change")[..6], [1.0, 1.0, 1.0, 1.5, 1.0, 4.0 / 6.0]);
    assert_eq!(col(&f, "logins_change_undefined")[..6], [1.0, 1.0, 1.0, 0.0, 1.0, 0.0]);
    assert_eq!(col(&f, "revenue_change")[3], 1.5);
    assert_eq!(col(&f, "logins_trend")[..6], [0.0, -4.0, 0.0, 6.0, -4.0, 0.0]);
    assert_eq!(col(&f, "periods_since_activity")[..6], [0.0, 1.0, 2.0, 0.0, 0.0, 0.0]);
    assert_eq!(col(&f, "tenure")[6..], [0.0, 1.0, 2.0]);
    // Churn after period 8 with horizon 2: periods 7 and 8. Account 2 is active through period 3: the
    // label is known (0) only where period + 1 <= 3.
    assert_eq!(f.churn_within_horizon, [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0]);
    assert_eq!(f.label_known, [true, true, true, true, true, true, true, true, false]);
    // A longer window: trend is the least-squares slope over the last 3 periods.
    let g = health_features(&panel, HealthOptions::new(1, 3))?;
    assert_eq!(col(&g, "logins_trend")[3], 3.0); // 0, 0, 6
    assert_eq!(g.churn_within_horizon[..6], [0.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
    Ok(())
}

fn panel_error(account: &[i64], period: &[i64], logins: &[f64], churned: &[bool]) -> ModelError {
    let revenue = vec![1.0; account.len()];
    let panel = AccountPanel { account, period, revenue: &revenue, metrics: vec![("logins", logins)], churned };
    match health_features(&panel, HealthOptions::default()) {
        Err(e) => e,
        Ok(_) => panic!("expected an error"),
    }
}

#[test]
fn panel_errors_name_the_account_and_period() {
    let ok = [1.0; 3];
    let f = [false; 3];
    let cases: [(ModelError, &str, usize, &str); 6] = [
        (panel_error(&[4, 4, 4], &[1, 2, 2], &ok, &f), "period", 2, "account 4: period 2 after period 2 is duplicated"),
        (panel_error(&[4, 4, 4], &[1, 3, 2], &ok, &f), "period", 1, "account 4: period 3 after period 1 skips"),
        (panel_error(&[4, 4, 4], &[2, 1, 3], &ok, &f), "period", 1, "out of order"),
        (panel_error(&[4, 5, 4], &[1, 1, 2], &ok, &f), "account", 2, "account 4 appears again at period 2"),
        (
            panel_error(&[4, 4, 4], &[1, 2, 3], &ok, &[false, true, false]),
            "churned",
            2,
            "account 4 churned after period 2 but has a row for period 3",
        ),
        (
            panel_error(&[4, 4, 4], &[1, 2, 3], &[1.0, f64::NAN, 1.0], &f),
            "logins",
            1,
            "account 4, period 2: logins is missing",
        ),
    ];
    for (e, field, row, text) in cases {
        assert_eq!((e.kind(), e.field(), e.row()), ("invalid_data", Some(field), Some(row)), "{e}");
        assert!(e.to_string().contains(text), "{e}");
    }
    let bad = health_features(
        &AccountPanel { account: &[1], period: &[1], revenue: &[1.0], metrics: vec![], churned: &[false] },
        HealthOptions::new(0, 2),
    );
    assert!(matches!(bad, Err(ModelError::InvalidPeriod { field: "horizon", value: 0, .. })));
}

proptest! {
    /// Leakage-safety: replacing an account's rows after period t (values, churn, or dropping them) never
    /// changes any feature at or before t.
    #[test]
    fn features_never_see_the_future(
        values in proptest::collection::vec(0.0..100.0_f64, 2..30),
        future in proptest::collection::vec(0.0..100.0_f64, 30),
        cut in 0_usize..30,
        window in 1_u32..6,
    ) {
        let n = values.len();
        let cut = cut % n;
        let periods: Vec<i64> = (1..=n as i64).collect();
        let ids = vec![9_i64; n];
        let mut churned = vec![false; n];
        churned[n - 1] = true;
        let revenue = vec![50.0; n];
        let options = HealthOptions::new(2, window);
        let full = health_features(
            &AccountPanel { account: &ids, period: &periods, revenue: &revenue, metrics: vec![("m", &values)], churned: &churned },
            options,
        ).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // The same history up to `cut`, other values after it, then truncated at a random length.
        let mut changed = values.clone();
        changed[cut + 1..].copy_from_slice(&future[..n - cut - 1]);
        let keep = cut + 1 + (future[29] as usize) % (n - cut);
        let flags = vec![false; keep];
        let short = health_features(
            &AccountPanel { account: &ids[..keep], period: &periods[..keep], revenue: &revenue[..keep], metrics: vec![("m", &changed[..keep])], churned: &flags },
            options,
        ).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (a, b) in full.columns.iter().zip(&short.columns) {
            prop_assert_eq!(&a[..=cut], &b[..=cut]);
            prop_assert!(a.iter().all(|v| v.is_finite()));
        }
    }
}

#[test]
fn the_planted_engagement_drop_is_found() -> Result {
    let panel = synthetic_panel(4000, 12, 11)?;
    let f = health_features(&panel.view(), HealthOptions::new(2, 2))?;
    let rows: Vec<usize> = (0..f.len()).filter(|&i| f.label_known[i]).collect();
    let change: Vec<f64> = rows.iter().map(|&i| col(&f, "logins_change")[i]).collect();
    let label: Vec<f64> = rows.iter().map(|&i| f.churn_within_horizon[i]).collect();
    let table = lift_table(&change, &label, &[0.6], 1, 1.959963984540054)?;
    let fell = &table[0];
    assert!(fell.ratio > 2.0 && fell.ratio_low > 1.0, "{fell:?}");
    let model = HealthModel::fit(&f, Some(9), ScorerOptions::default())?;
    let test = model.evaluate(&f, 9, 10)?;
    assert!(test.auc > 0.68, "{test:?}");
    // The deciles of predicted risk sort the holdout: the top decile churns 5 times as often as the bottom.
    let (low, high) = (&test.calibration[0], &test.calibration[9]);
    assert!(high.observed_rate > 5.0 * low.observed_rate, "{test:?}");
    // Without the engagement metric the model loses most of its power: the effect is in logins.
    let mut blind = f.clone();
    let keep: Vec<bool> = blind.names.iter().map(|n| !n.starts_with("logins")).collect();
    let mut k = keep.iter();
    blind.names.retain(|_| *k.next().unwrap_or(&true));
    let mut k = keep.iter();
    blind.columns.retain(|_| *k.next().unwrap_or(&true));
    let without = HealthModel::fit(&blind, Some(9), ScorerOptions::default())?.evaluate(&blind, 9, 10)?;
    assert!(test.auc > without.auc + 0.1, "{} vs {}", test.auc, without.auc);
    // Engagement falling lowers the logins level: its coefficient is negative (more logins, less churn).
    let names = model.scorer().coefficient_names();
    let logins = names.iter().position(|n| n == "logins").map(|k| model.scorer().coefficients()[k]);
    assert!(logins.is_some_and(|b| b < 0.0), "{logins:?}");
    // No churn after the last period: a cut there is an error naming `cut`.
    let late = model.evaluate(&f, 12, 10);
    assert!(matches!(late, Err(ModelError::InvalidData { ref field, .. }) if field == "cut"), "{late:?}");
    Ok(())
}

#[test]
fn lift_intervals_match_published_and_independent_values() -> Result {
    // Newcombe (1998), Statistics in Medicine 17, 857-872, Table I: 81 of 263, Wilson 0.2553 to 0.3662.
    let mut label = vec![0.0; 263 + 100];
    label[..81].iter_mut().for_each(|y| *y = 1.0);
    label[263..273].iter_mut().for_each(|y| *y = 1.0);
    let mut values = vec![0.0; 263];
    values.extend(vec![1.0; 100]);
    let t = lift_table(&values, &label, &[0.5], 1, 1.959963984540054)?;
    assert_eq!(((t[0].rate_low * 1e4).round(), (t[0].rate_high * 1e4).round()), (2553.0, 3662.0));
    // Katz: 12 / 40 against 8 / 160 (computed independently with Python's math module).
    let mut label = vec![0.0; 200];
    for i in (0..12).chain(40..48) {
        label[i] = 1.0;
    }
    let values: Vec<f64> = (0..200).map(|i| if i < 40 { 0.5 } else { 1.0 }).collect();
    let t = lift_table(&values, &label, &[0.6], 1, 1.959963984540054)?;
    assert!((t[0].ratio_low - 2.6299944125760932).abs() < 1e-12 && (t[0].ratio_high - 13.68824200836906).abs() < 1e-11);
    // No events in a bucket: the Haldane-Anscombe 0.5 keeps every number finite.
    let zero = lift_table(&[0.0, 0.0, 1.0, 1.0], &[0.0, 0.0, 1.0, 0.0], &[0.5], 1, 1.96)?;
    assert!((zero[0].ratio - (0.5 / 2.5) / (1.5 / 2.5)).abs() < 1e-15 && zero[0].ratio_high.is_finite());
    assert!(lift_table(&[1.0], &[0.0], &[0.5], 0, 1.96).is_err()); // empty reference bucket
    Ok(())
}

#[test]
fn constant_hazard_ltv_is_discounted_ltv() -> Result {
    for (h, d, m) in [(0.05, 0.00797414, 80.0), (0.2, 0.01, 17.95), (0.013, 0.0, 250.0)] {
        let v = risk_adjusted_ltv(&[m], &[h], RiskLtvOptions::new(1.0, d))?;
        let dec = |x: f64| Decimal::try_from(x).unwrap_or_default();
        let core = discounted_ltv(
            Money::new(dec(m)).map_err(|e| ModelError::Json { message: e.to_string() })?,
            Churn::monthly(dec(h)).map_err(|e| ModelError::Json { message: e.to_string() })?,
            DiscountRate::monthly(dec(d)).map_err(|e| ModelError::Json { message: e.to_string() })?,
            PaymentTiming::StartOfPeriod,
            None,
        )
        .map_err(|e| ModelError::Json { message: e.to_string() })?;
        let core: f64 = core.to_string().parse().unwrap_or(f64::NAN);
        assert!((v[0].ltv - core).abs() < 1e-9 * core, "{} vs {core}", v[0].ltv);
        assert!((v[0].expected_lifetime - 1.0 / h).abs() < 1e-12 / h);
    }
    Ok(())
}

#[test]
fn relaxing_hazard_matches_a_direct_sum() -> Result {
    let (h0, b, t, d, m) = (0.3, 0.04, 4.0, 0.01, 120.0);
    let v = risk_adjusted_ltv(&[m], &[h0], RiskLtvOptions::new(0.8, d).relaxing(b, t))?;
    // Independent: sum 20,000 periods directly.
    let (mut s, mut life, mut value) = (1.0_f64, 0.0, 0.0);
    for k in 0..20_000 {
        life += s;
        value += s / (1.0_f64 + d).powi(k);
        s *= 1.0 - (b + (h0 - b) * 0.5_f64.powf(f64::from(k) / t));
    }
    assert!((v[0].expected_lifetime - life).abs() < 1e-9 * life);
    assert!((v[0].ltv - m * 0.8 * value).abs() < 1e-9 * value * m);
    assert!(risk_adjusted_ltv(&[1.0], &[0.0], RiskLtvOptions::default()).is_err());
    assert!(
        risk_adjusted_ltv(&[1.0], &[0.1], {
            let mut o = RiskLtvOptions::default();
            o.half_life = Some(2.0);
            o
        })
        .is_err()
    );
    Ok(())
}

#[test]
fn value_at_risk_adds_up() -> Result {
    let revenue = [100.0, 50.0, 200.0, 80.0];
    let p = [0.05, 0.4, 0.6, 0.1];
    let h = per_period_hazard(&p, 2)?;
    let bands = value_at_risk(&revenue, &p, &h, &[0.2], 0.25, RiskLtvOptions::new(0.8, 0.01))?;
    assert_eq!(bands.iter().map(|b| b.accounts).collect::<Vec<_>>(), [2, 2]);
    assert!((bands[1].mrr_at_risk - (50.0 * 0.4 + 200.0 * 0.6)).abs() < 1e-12);
    let ltv = risk_adjusted_ltv(&revenue, &h, RiskLtvOptions::new(0.8, 0.01))?;
    assert!((bands[0].ltv - ltv[0].ltv - ltv[3].ltv).abs() < 1e-9);
    assert!(bands.iter().all(|b| b.value_of_reduction > 0.0));
    Ok(())
}

/// A model trained in Python (tests/vectors/health/generate.py) is the model Rust trains on the same
/// synthetic panel, bit for bit, and scores the committed rows identically.
#[test]
fn python_trained_model_scores_identically() -> Result {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/health/");
    let text =
        std::fs::read_to_string(format!("{dir}model.json")).map_err(|e| ModelError::Json { message: e.to_string() })?;
    let python = HealthModel::from_json(&text)?;
    let cases: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}cases.json"))
            .map_err(|e| ModelError::Json { message: e.to_string() })?,
    )
    .map_err(|e| ModelError::Json { message: e.to_string() })?;
    let num = |k: &str| cases[k].as_u64().unwrap_or(0);
    let panel = synthetic_panel(num("accounts") as usize, num("periods") as u32, num("seed"))?;
    let f = health_features(&panel.view(), python.options())?;
    let rust = HealthModel::fit(&f, Some(num("cut") as i64), ScorerOptions::default())?;
    assert_eq!(rust, python);
    let p = python.churn_probability(&f)?;
    let h = python.hazard(&f)?;
    let rows = cases["rows"].as_array().map(Vec::as_slice).unwrap_or_default();
    assert!(!rows.is_empty());
    for r in rows {
        let i = r["row"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(p[i], r["p_churn"].as_f64().unwrap_or(f64::NAN), "row {i}");
        assert_eq!(h[i], r["hazard"].as_f64().unwrap_or(f64::NAN), "row {i}");
    }
    Ok(())
}

/// The end of revenue as the churn signal: exact labels, worked by hand.
#[test]
fn end_of_revenue_labels() -> Result {
    // Panel periods 1..=6. Account 1 pays through period 3, then rows with no revenue (still logging in):
    // churn period 4. Account 2 pays through period 4 and has no rows after: churn period 5. Account 3
    // pays through period 6 (the panel's last): censored. Account 4 never pays: never at risk.
    // A zero in the middle (account 3, period 2) is not an end of revenue.
    let account = [1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4];
    let period = [1, 2, 3, 4, 5, 2, 3, 4, 1, 2, 3, 4, 5, 6, 5, 6];
    let revenue = [9.0, 9.0, 9.0, 0.0, 0.0, 5.0, 5.0, 5.0, 7.0, 0.0, 7.0, 7.0, 7.0, 7.0, 0.0, 0.0];
    let logins = [1.0; 16];
    let panel = AccountPanel {
        account: &account,
        period: &period,
        revenue: &revenue,
        metrics: vec![("logins", &logins)],
        churned: &[],
    };
    let f = health_features(&panel, HealthOptions::new(2, 2).with_churn(ChurnSignal::EndOfRevenue))?;
    // Horizon 2: churn after period c is within 2 periods of t when c - t < 2.
    #[rustfmt::skip]
    let label = [0.0, 1.0, 1.0, 0.0, 0.0,  0.0, 1.0, 1.0,  0.0, 0.0, 0.0, 0.0, 0.0, 0.0,  0.0, 0.0];
    #[rustfmt::skip]
    let known = [true, true, true, false, false,  true, true, true,
                 true, true, true, true, true, false,  false, false];
    assert_eq!(f.churn_within_horizon, label);
    assert_eq!(f.label_known, known);
    // The features are those of the flag signal: only the labels differ.
    let flags = [false; 16];
    let flagged = health_features(&AccountPanel { churned: &flags, ..panel.clone() }, HealthOptions::new(2, 2))?;
    assert_eq!((f.names.clone(), f.columns.clone()), (flagged.names, flagged.columns));
    // Horizon 1: only the last paying period is labelled 1.
    let g = health_features(&panel, HealthOptions::new(1, 2).with_churn(ChurnSignal::EndOfRevenue))?;
    assert_eq!(g.churn_within_horizon[..8], [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
    // Flags with the end-of-revenue signal are refused, naming the column.
    let e = health_features(
        &AccountPanel { churned: &flags, ..panel },
        HealthOptions::default().with_churn(ChurnSignal::EndOfRevenue),
    );
    assert!(matches!(e, Err(ModelError::InvalidData { ref field, .. }) if field == "churned"), "{e:?}");
    assert_eq!("end_of_revenue".parse::<ChurnSignal>()?, ChurnSignal::EndOfRevenue);
    assert_eq!(ChurnSignal::EndOfRevenue.as_str(), "end_of_revenue");
    assert!("revenue".parse::<ChurnSignal>().is_err());
    Ok(())
}

#[test]
fn the_synthetic_panel_reads_the_same_from_its_revenue() -> Result {
    // The synthetic panel's accounts pay every period until they churn: the end of revenue is the flag,
    // so both signals give the same labels.
    let panel = synthetic_panel(500, 10, 4)?;
    let flag = health_features(&panel.view(), HealthOptions::default())?;
    let view = AccountPanel { churned: &[], ..panel.view() };
    let revenue = health_features(&view, HealthOptions::default().with_churn(ChurnSignal::EndOfRevenue))?;
    assert_eq!(flag.churn_within_horizon, revenue.churn_within_horizon);
    assert_eq!(flag.label_known, revenue.label_known);
    Ok(())
}

#[test]
fn a_constant_feature_is_a_warning_and_the_fit_works() -> Result {
    let panel = synthetic_panel(800, 10, 5)?;
    let mut f = health_features(&panel.view(), HealthOptions::default())?;
    f.names.push("plan_flag".to_owned());
    f.columns.push(vec![1.0; f.len()]);
    let model = HealthModel::fit(&f, Some(8), ScorerOptions::default())?;
    assert_eq!(model.warnings(), [HealthWarning::ConstantFeature { feature: "plan_flag".to_owned(), value: 1.0 }]);
    assert!(model.warnings()[0].to_string().contains("\"plan_flag\" is constant (1)"));
    let names = model.scorer().coefficient_names();
    let k = names.iter().position(|n| n == "plan_flag").unwrap_or(usize::MAX);
    assert_eq!(model.scorer().coefficients()[k], 0.0);
    // The warning is of the fit, not the model: the file does not carry it, equality ignores it.
    let read = HealthModel::from_json(&model.to_json()?)?;
    assert!(read.warnings().is_empty());
    assert_eq!(read, model);
    // Without the constant column, no warning.
    let plain = health_features(&panel.view(), HealthOptions::default())?;
    assert!(HealthModel::fit(&plain, Some(8), ScorerOptions::default())?.warnings().is_empty());
    assert!(constant_features(&[("x", &[])]).is_empty());
    Ok(())
}

#[test]
fn a_cut_with_no_churn_events_is_an_error_naming_cut() -> Result {
    // Two accounts churn only in period 5: a cut at 4 leaves no event in training (horizon 1).
    let account = [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3];
    let period = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5];
    let revenue = [1.0; 15];
    let logins: Vec<f64> = (0..15).map(f64::from).collect();
    let mut churned = [false; 15];
    churned[4] = true;
    churned[9] = true;
    let panel = AccountPanel {
        account: &account,
        period: &period,
        revenue: &revenue,
        metrics: vec![("logins", &logins)],
        churned: &churned,
    };
    let f = health_features(&panel, HealthOptions::new(1, 1))?;
    for (cut, field) in [(Some(4), "cut"), (Some(1), "cut")] {
        let e = HealthModel::fit(&f, cut, ScorerOptions::default());
        assert!(matches!(e, Err(ModelError::InvalidData { field: ref f, .. }) if f == field), "{e:?}");
    }
    let e = HealthModel::fit(&f, Some(4), ScorerOptions::default()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("0 churn events among the 9 training rows whose label window ends before the cut 4"), "{e}");
    let model = HealthModel::fit(&f, None, ScorerOptions::default())?;
    // Evaluating after the last churn period: no event, an error naming `cut`.
    let e = model.evaluate(&f, 6, 2);
    assert!(matches!(e, Err(ModelError::InvalidData { ref field, .. }) if field == "cut"), "{e:?}");
    Ok(())
}
