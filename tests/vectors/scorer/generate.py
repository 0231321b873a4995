"""Writes tests/vectors/scorer/python_trained.json: a scorer trained through the Python package, a few leads
and the probabilities Python gives them. The Rust runner (crates/ltv-models/tests/scorer_vectors.rs) loads the
scorer and must score the leads identically. rust_trained.json is written by that runner
(LTV_REGENERATE_VECTORS=1 cargo test -p ltv-models --test scorer_vectors) and read by
tests/python/test_scorer.py.

Run: .venv/bin/python tests/vectors/scorer/generate.py
"""

from __future__ import annotations

import json
import pathlib

import numpy as np

import ltv.scoring

HERE = pathlib.Path(__file__).resolve().parent


def training_table() -> dict[str, list]:
    rng = np.random.default_rng(2026)
    n = 400
    visits = rng.poisson(2.0, n).astype(float)
    webinar = (rng.random(n) < 0.3).astype(float)
    opens = rng.poisson(5.0, n).astype(float)
    size = rng.choice(["smb", "mid_market", "enterprise"], n, p=[0.6, 0.3, 0.1])
    channel = rng.choice(["organic", "paid_search", "referral", "events"], n)
    eta = -2.5 + 0.45 * visits + 1.1 * webinar + 0.05 * opens + np.select(
        [size == "enterprise", size == "mid_market"], [0.9, 0.4], 0.0
    ) + np.where(channel == "referral", 0.7, 0.0)
    converted = (rng.random(n) < 1.0 / (1.0 + np.exp(-eta))).astype(float)
    return {
        "pricing_page_visits": visits.tolist(),
        "webinar_attended": webinar.tolist(),
        "email_opens": opens.tolist(),
        "company_size": size.tolist(),
        "channel": channel.tolist(),
        "converted": converted.tolist(),
    }


LEADS = {
    "pricing_page_visits": [0.0, 1.0, 4.0, 9.0, 2.0, 0.0],
    "webinar_attended": [0.0, 0.0, 1.0, 1.0, 0.0, 1.0],
    "email_opens": [0.0, 3.0, 8.0, 20.0, 5.0, 1.0],
    "company_size": ["smb", "smb", "enterprise", "mid_market", "enterprise", "agency"],
    "channel": ["organic", "paid_search", "referral", "events", "podcast", "referral"],
}


def main() -> None:
    table = training_table()
    scorer = ltv.scoring.LeadScorer.fit(
        table,
        numeric=["pricing_page_visits", "webinar_attended", "email_opens"],
        categorical=["company_size", "channel"],
        c=0.5,
    )
    p = scorer.predict_proba(LEADS)
    document = {
        "description": "A scorer trained in Python (ltv.scoring.LeadScorer.fit, c=0.5) on a seeded table; "
        "Rust must give these probabilities to the leads (agency and podcast are unseen categories).",
        "scorer": json.loads(scorer.to_json()),
        "leads": LEADS,
        "expected_probabilities": [float(x) for x in p],
    }
    (HERE / "python_trained.json").write_text(json.dumps(document, indent=1) + "\n")
    # The training table, shared with the Rust-trained vector.
    (HERE / "training_table.json").write_text(json.dumps(table) + "\n")


if __name__ == "__main__":
    main()
