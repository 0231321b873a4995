"""Attribution over 10M touchpoints / 2M journeys / 20 channels: ltv.attribution against straightforward pandas.

Run: nice -n 10 .venv/bin/python benches/bench_attribution.py [--touchpoints 10000000] [--channels 20] [--repeat 3]
     [--skip-data-driven]

On one synthetic data set (seed 42; 5 touchpoints per journey on average, 30 % converted, values in cents):
  * ltv, six rule-based models   first_touch, last_touch, last_non_direct, linear, time_decay, position_based
                                 in one call (validation, grouping, exact largest-remainder credits per journey)
  * pandas, same six models      sort + groupby/transform + vectorised weights, float credits, no validation
Checks that every channel total agrees to within a cent per journey touching it, then prints medians, the
ratio and each side's peak memory (the growth of the peak resident set over the data set's, measured in a
forked child per side, so one side's allocations do not hide the other's). Then, on a 12-channel data set of the same size: Markov (removal effects, 13 solves) and Shapley
(closed form), timed, with Shapley checked against the full coalition sum (2^12 coalitions, numpy).
Asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import time
from typing import Any, Callable, List, Tuple

import numpy as np
import pandas as pd

import ltv.attribution

RULES = ["first_touch", "last_touch", "last_non_direct", "linear", "time_decay", "position_based"]


def make(touchpoints: int, channels: int) -> Tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(42)
    journeys = max(touchpoints // 5, 1)
    # Every journey gets at least one touchpoint; the rest are spread at random.
    jid = np.concatenate([np.arange(journeys), rng.integers(0, journeys, touchpoints - journeys)])
    names = np.array(["direct"] + [f"ch{c:02d}" for c in range(1, channels)], dtype=object)
    tp = pd.DataFrame({
        "journey": jid,
        "timestamp": rng.uniform(0, 90, touchpoints).round(3),
        "channel": names[rng.integers(0, channels, touchpoints)],
    })
    converted = rng.random(journeys) < 0.3
    cents = np.where(converted, np.round(rng.lognormal(8.0, 1.0, journeys) * 100), 0)
    out = pd.DataFrame({"journey": np.arange(journeys), "converted": converted, "value": cents / 100})
    return tp, out


def pandas_rules(tp: pd.DataFrame, out: pd.DataFrame, half_life: float = 7.0) -> pd.DataFrame:
    """The six rule-based models in plain pandas (float credits): the straightforward implementation."""
    df = tp.sort_values(["journey", "timestamp", "channel"], kind="stable").reset_index(drop=True)
    g = df.groupby("journey", sort=False)
    pos = g.cumcount().to_numpy()
    n = g["channel"].transform("size").to_numpy()
    value = df["journey"].map(out.set_index("journey")["value"]).to_numpy()
    direct = (df["channel"] == "direct").to_numpy()
    df["pos"] = pos
    last_nd = df[~direct].groupby("journey")["pos"].max()
    chosen = df["journey"].map(last_nd).fillna(pd.Series(n - 1, index=df.index)).to_numpy()
    t_last = g["timestamp"].transform("max").to_numpy()
    decay = np.exp2(-(t_last - df["timestamp"].to_numpy()) / half_life)
    decay = decay / pd.Series(decay).groupby(df["journey"]).transform("sum").to_numpy()
    middle = np.where(n > 2, 0.2 / np.maximum(n - 2, 1), 0.0)
    position = np.where(n == 1, 1.0, np.where(n == 2, 0.5, np.where((pos == 0) | (pos == n - 1), 0.4, middle)))
    weights = {
        "first_touch": (pos == 0).astype(float),
        "last_touch": (pos == n - 1).astype(float),
        "last_non_direct": (pos == chosen).astype(float),
        "linear": 1.0 / n,
        "time_decay": decay,
        "position_based": position,
    }
    credits = pd.DataFrame({"channel": df["channel"], **{m: w * value for m, w in weights.items()}})
    return credits.groupby("channel", sort=True).sum()


def median_time(fn: Callable[[], Any], repeat: int) -> Tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def _child(conn: Any, fn: Callable[[], Any], repeat: int) -> None:
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t, result = median_time(fn, repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    conn.send((t, (peak - base) / 1024, result))  # ru_maxrss is in KiB on Linux
    conn.close()


def measured(fn: Callable[[], Any], repeat: int) -> Tuple[float, float, Any]:
    """Median seconds, peak memory growth in MiB and the result of ``fn``, run in a forked child."""
    parent, child = multiprocessing.get_context("fork").Pipe()
    proc = multiprocessing.get_context("fork").Process(target=_child, args=(child, fn, repeat))
    proc.start()
    out = parent.recv()
    proc.join()
    return out  # type: ignore[no-any-return]


def coalition_shapley(tp: pd.DataFrame, out: pd.DataFrame, channels: List[str]) -> np.ndarray:
    """Shapley by the definition: v(S) = value of journeys whose channel set is inside S, over all 2^N S."""
    k = len(channels)
    code = pd.Categorical(tp["channel"], categories=channels).codes.astype(np.int64)
    masks = np.zeros(len(out), dtype=np.int64)
    np.bitwise_or.at(masks, tp["journey"].to_numpy(), 1 << code)
    r = np.bincount(masks, weights=out["value"].to_numpy(), minlength=1 << k)  # R(T)
    v = r.copy()
    for c in range(k):  # zeta transform: v(S) = sum over T inside S of R(T)
        bit = 1 << c
        idx = np.arange(1 << k)
        has = (idx & bit) != 0
        v[has] += v[idx[has] ^ bit]
    sizes = np.array([bin(s).count("1") for s in range(1 << k)])
    fact = [float(np.prod(np.arange(1, i + 1))) for i in range(k + 1)]
    phi = np.zeros(k)
    for c in range(k):
        idx = np.arange(1 << k)
        s = idx[(idx & (1 << c)) == 0]
        w = np.array([fact[z] * fact[k - z - 1] / fact[k] for z in sizes[s]])
        phi[c] = np.sum(w * (v[s | (1 << c)] - v[s]))
    return phi


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--touchpoints", type=int, default=10_000_000)
    ap.add_argument("--channels", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-data-driven", action="store_true", help="time only the six rule-based models")
    args = ap.parse_args()
    tp, out = make(args.touchpoints, args.channels)
    print(f"{len(tp):,} touchpoints, {len(out):,} journeys, {args.channels} channels; median of {args.repeat}")

    t_ltv, mem_ltv, ch = measured(
        lambda: ltv.attribution.attribute(tp, out, models=RULES).channels.set_index("channel"), args.repeat)
    t_pd, mem_pd, p = measured(lambda: pandas_rules(tp, out), args.repeat)
    journeys_per_channel = ch["journeys"].to_numpy()
    worst = 0.0
    for m in RULES:
        diff = np.abs(ch[f"{m}_value"].to_numpy() - p[m].reindex(ch.index).to_numpy())
        assert np.all(diff <= 0.01 * journeys_per_channel + 1e-6), (m, diff.max())
        worst = max(worst, float(np.max(diff / np.maximum(journeys_per_channel, 1))))
    print(f"  ltv, six rule-based models      {t_ltv:8.3f} s   peak memory +{mem_ltv:7.0f} MiB")
    print(f"  pandas, same six models         {t_pd:8.3f} s   peak memory +{mem_pd:7.0f} MiB")
    print(f"  ratio pandas / ltv              {t_pd / t_ltv:8.1f} x   (channel totals agree; largest gap "
          f"{worst:.2e} per journey, under a cent)")
    if args.skip_data_driven:
        return

    tp12, out12 = make(args.touchpoints, 12)
    t_markov, rm = median_time(lambda: ltv.attribution.attribute(tp12, out12, models=["markov"]), args.repeat)
    t_shapley, rs = median_time(lambda: ltv.attribution.attribute(tp12, out12, models=["shapley"]), args.repeat)
    t_coal, phi = median_time(lambda: coalition_shapley(tp12, out12, list(rs.channels["channel"])), 1)
    got = rs.channels["shapley_value"].to_numpy()
    gap = np.abs(got - phi)
    assert np.all(gap <= 0.01 * rs.channels["journeys"].to_numpy() + 1e-6)
    print(f"12 channels, {len(tp12):,} touchpoints:")
    print(f"  ltv markov (removal effects)    {t_markov:8.3f} s   P(conversion) = {rm.conversion_probability:.6f}")
    print(f"  ltv shapley (exact, closed form){t_shapley:8.3f} s   largest gap to the coalition sum: {gap.max():.4f}")
    print(f"  numpy coalition sum (2^12)      {t_coal:8.3f} s   (the definition, as a check)")


if __name__ == "__main__":
    main()
