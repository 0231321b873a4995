//! Predictive lead scoring: a logistic-regression scorer trained on 75 % of the leads, checked on the rest,
//! and lead values = P(convert) x customer LTV.
//!
//! Reads `examples/data/leads.csv` when it is there (plain comma-separated, with a header); otherwise
//! generates a small deterministic table with the same columns.

use std::collections::BTreeMap;

use ltv_models::{LeadColumn, LeadScorer, ModelError, ScorerOptions, holdout_mask};

const NUMERIC: [&str; 4] = ["pricing_page_visits", "webinar_attended", "email_opens", "days_since_engagement"];
const CATEGORICAL: [&str; 3] = ["channel", "company_size", "industry"];

/// The columns the scorer uses, plus `converted` and `customer_ltv` (NaN when blank).
struct Leads {
    numeric: BTreeMap<String, Vec<f64>>,
    labels: BTreeMap<String, Vec<String>>,
}

impl Leads {
    fn len(&self) -> usize {
        self.numeric.get("converted").map_or(0, Vec::len)
    }

    fn rows(&self, keep: &[bool], want: bool) -> Self {
        let pick_f = |v: &Vec<f64>| v.iter().zip(keep).filter(|(_, k)| **k == want).map(|(x, _)| *x).collect();
        let pick_s =
            |v: &Vec<String>| v.iter().zip(keep).filter(|(_, k)| **k == want).map(|(x, _)| x.clone()).collect();
        Self {
            numeric: self.numeric.iter().map(|(k, v)| (k.clone(), pick_f(v))).collect(),
            labels: self.labels.iter().map(|(k, v)| (k.clone(), pick_s(v))).collect(),
        }
    }
}

fn read_csv(path: &std::path::Path) -> Option<Leads> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next()?.split(',').map(str::trim).collect();
    let index = |name: &str| header.iter().position(|h| *h == name);
    let mut numeric: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut labels: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        if fields.len() != header.len() {
            return None; // quoted commas or a ragged row: use the generated table instead
        }
        for name in NUMERIC.iter().chain(&["converted", "customer_ltv"]) {
            let raw = fields[index(name)?].trim();
            let value = if raw.is_empty() { f64::NAN } else { raw.parse().ok()? };
            numeric.entry((*name).to_owned()).or_default().push(value);
        }
        for name in CATEGORICAL {
            labels.entry(name.to_owned()).or_default().push(fields[index(name)?].trim().to_owned());
        }
    }
    Some(Leads { numeric, labels })
}

fn generated() -> Leads {
    let mut state = 2026_u64;
    let mut uniform = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1_u64 << 53) as f64
    };
    let n = 5_000;
    let mut numeric: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut labels: BTreeMap<String, Vec<String>> = BTreeMap::new();
    fn pick(u: f64, options: &[&'static str]) -> &'static str {
        options[((u * options.len() as f64) as usize).min(options.len() - 1)]
    }
    for _ in 0..n {
        let channel = pick(uniform(), &["organic", "paid_search", "referral", "events"]);
        let u = uniform();
        let size = if u < 0.6 {
            "smb"
        } else if u < 0.9 {
            "mid_market"
        } else {
            "enterprise"
        };
        let industry = pick(uniform(), &["software", "retail", "finance", "health"]);
        let visits = (uniform() * 6.0).floor();
        let webinar = f64::from(u8::from(uniform() < 0.25));
        let opens = (uniform() * 12.0).floor();
        let days = (uniform() * 240.0).floor();
        let size_effect = match size {
            "enterprise" => 1.0,
            "mid_market" => 0.4,
            _ => 0.0,
        };
        let eta = -3.0 + 0.45 * visits + webinar + 0.05 * opens - 0.008 * days
            + size_effect
            + if channel == "referral" { 0.7 } else { 0.0 };
        let converted = f64::from(u8::from(uniform() < 1.0 / (1.0 + (-eta).exp())));
        let base = match size {
            "enterprise" => 60_000.0,
            "mid_market" => 18_000.0,
            _ => 6_000.0,
        };
        let ltv = if converted == 1.0 { base * (0.6 + 0.8 * uniform()) } else { f64::NAN };
        for (name, value) in NUMERIC.iter().zip([visits, webinar, opens, days]) {
            numeric.entry((*name).to_owned()).or_default().push(value);
        }
        numeric.entry("converted".to_owned()).or_default().push(converted);
        numeric.entry("customer_ltv".to_owned()).or_default().push(ltv);
        for (name, value) in CATEGORICAL.iter().zip([channel, size, industry]) {
            labels.entry((*name).to_owned()).or_default().push(value.to_owned());
        }
    }
    Leads { numeric, labels }
}

fn columns<'a>(leads: &'a Leads, strs: &'a BTreeMap<String, Vec<&'a str>>) -> Vec<LeadColumn<'a>> {
    let numeric = NUMERIC.iter().filter_map(|n| leads.numeric.get(*n).map(|v| LeadColumn::numeric(n, v)));
    numeric.chain(CATEGORICAL.iter().filter_map(|n| strs.get(*n).map(|v| LeadColumn::labels(n, v)))).collect()
}

fn strs(leads: &Leads) -> BTreeMap<String, Vec<&str>> {
    leads.labels.iter().map(|(k, v)| (k.clone(), v.iter().map(String::as_str).collect())).collect()
}

/// Prints the lead-scoring section of the report.
pub fn report() -> Result<(), ModelError> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/leads.csv");
    let leads = read_csv(&path).unwrap_or_else(generated);
    println!("\nPredictive lead scoring ({} leads, logistic regression, C = 1)", leads.len());
    let test_rows = holdout_mask(leads.len(), 0.25, 7)?;
    let (train, test) = (leads.rows(&test_rows, false), leads.rows(&test_rows, true));
    let (train_strs, test_strs) = (strs(&train), strs(&test));
    let target = |l: &Leads| l.numeric.get("converted").cloned().unwrap_or_default();
    let train_y = target(&train);
    let scorer = LeadScorer::fit(
        &columns(&train, &train_strs),
        &LeadColumn::numeric("converted", &train_y),
        None,
        ScorerOptions::with_c(1.0),
    )?;
    println!("  {:<58} {:>14}", "Newton steps to converge", scorer.training().iterations);
    let test_y = target(&test);
    let mut test_cols = columns(&test, &test_strs);
    test_cols.push(LeadColumn::numeric("converted", &test_y));
    let evaluation = scorer.evaluate(&test_cols, 10)?;
    println!("  {:<58} {:>14.3}", "Holdout AUC", evaluation.auc);
    println!("  {:<58} {:>14.3}", "Holdout log loss", evaluation.log_loss);
    for bin in [&evaluation.calibration[0], &evaluation.calibration[9]] {
        println!(
            "    decile {:>2}: {:5.1} % predicted, {:5.1} % observed ({} leads)",
            bin.bin + 1,
            100.0 * bin.mean_predicted,
            100.0 * bin.observed_rate,
            bin.count
        );
    }

    // One smb lead, cold and then warm: the value follows its signals.
    let ltv_smb = {
        let ltv = train.numeric.get("customer_ltv").cloned().unwrap_or_default();
        let sizes = train.labels.get("company_size").cloned().unwrap_or_default();
        let smb: Vec<f64> =
            ltv.iter().zip(&sizes).filter(|(v, s)| v.is_finite() && *s == "smb").map(|(v, _)| *v).collect();
        smb.iter().sum::<f64>() / smb.len().max(1) as f64
    };
    let (visits, webinar, opens, days) = ([0.0, 5.0], [0.0, 1.0], [4.0, 4.0], [60.0, 2.0]);
    let lead = [
        LeadColumn::numeric("pricing_page_visits", &visits),
        LeadColumn::numeric("webinar_attended", &webinar),
        LeadColumn::numeric("email_opens", &opens),
        LeadColumn::numeric("days_since_engagement", &days),
        LeadColumn::labels("channel", &["organic", "organic"]),
        LeadColumn::labels("company_size", &["smb", "smb"]),
        LeadColumn::labels("industry", &["software", "software"]),
    ];
    let p = scorer.predict_proba(&lead)?;
    let value = scorer.lead_values(&lead, &[ltv_smb])?;
    println!("  One smb lead (customer LTV {ltv_smb:.0}) before and after its signals change");
    println!(
        "  {:<58} {:>14}",
        "    cold: 0 pricing visits, no webinar, 60 days quiet",
        format!("P {:.1} %, {:.0}", 100.0 * p[0], value[0])
    );
    println!(
        "  {:<58} {:>14}",
        "    warm: 5 pricing visits, webinar, engaged 2 days ago",
        format!("P {:.1} %, {:.0}", 100.0 * p[1], value[1])
    );
    let back = LeadScorer::from_json(&scorer.to_json()?)?;
    println!("  {:<58} {:>14}", "JSON model file round trip", back == scorer);
    Ok(())
}
