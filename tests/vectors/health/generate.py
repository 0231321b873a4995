"""Writes model.json and cases.json: a HealthModel trained IN PYTHON (ltv.health) on a seeded synthetic
panel, and its churn probability and hazard on a sample of rows. The Rust suite
(crates/ltv-models/tests/health.rs) retrains on the same panel and checks it gets the same model bit for
bit and the same scores; the Python suite (tests/python/test_health.py) reads the same files.

Run from the repository root: .venv/bin/python tests/vectors/health/generate.py
"""

import json
import pathlib

import ltv.health as health

ACCOUNTS, PERIODS, SEED, CUT = 1500, 12, 5, 9
here = pathlib.Path(__file__).parent
panel = health.synthetic_panel(accounts=ACCOUNTS, periods=PERIODS, seed=SEED)
f = health.features(panel, metrics=["logins", "seats"])
model = health.HealthModel.fit(f, cut=CUT)
p = model.churn_probability(f).to_numpy()
h = model.hazard(f).to_numpy()
rows = list(range(0, len(f), max(1, len(f) // 40)))
(here / "model.json").write_text(model.to_json() + "\n")
cases = {
    "accounts": ACCOUNTS,
    "periods": PERIODS,
    "seed": SEED,
    "cut": CUT,
    "rows": [{"row": i, "p_churn": float(p[i]), "hazard": float(h[i])} for i in rows],
}
(here / "cases.json").write_text(json.dumps(cases, indent=1) + "\n")
print(f"{len(f)} rows, {len(rows)} cases")
