"""The grid scan of Sourbut, Hammond & Wood (2024), Sec. 6.1: symalign's exact pipeline timed
against a numpy float64 implementation of the same pipeline, in the same run.

Usage::

    python benchmarks/bench_experiments.py [--quick] [--shape 3,3] [--repeat 3]

The float baseline draws the same games from the same seeds (the shared float construction,
without the rounding), finds the pure NE and eps-NE with the authors' tolerance ``1e-10``,
the CC window with their ``1e-6``, and evaluates Form P and Prop B in float64. symalign's
pipeline rounds the payoffs, decides every set exactly in integers and every bound's verdict
exactly (balls; `symalign.experiments.rounded`). Both run inline on one core; the ratio is
``symalign / float`` (the issue's target: at most 2). The paper's body size is shape (3, 3),
4 measures x 26 values x 25 repetitions = 2,600 games.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

import numpy as np  # noqa: E402

MEASURES = ("IA", "IC", "CA", "CC")


def _eps_ne_mask(U, ic, tol=1e-10):
    mask = np.ones(U.shape[1:], dtype=bool)
    for i in range(U.shape[0]):
        u = U[i]
        lo = u.min(axis=i, keepdims=True)
        hi = u.max(axis=i, keepdims=True)
        mask &= u + tol >= lo + ic * (hi - lo)
    return mask


def _norms(X):
    return np.sqrt(np.multiply(X, X).sum(axis=1))


def float_game(seed, mi, oi, vj, rep, params):
    """The float64 twin of `symalign.experiments.grid.run_game`."""
    from symalign.experiments.rounded import float_construction
    inc = params["increments"]
    v, o = vj / inc, float(Fraction(params["others"][oi]))
    t = {m: (v if m == MEASURES[mi] else o) for m in MEASURES}
    rng = np.random.default_rng(np.random.SeedSequence([seed, mi, oi, vj, rep]))
    shape = tuple(params["shape"])
    n, N = len(shape), int(np.prod(shape))
    draws = 0
    while True:
        tol = 0.01 * (draws // 5)
        P, A = float_construction(rng, N, n, [t["IA"]] * n, t["CA"])
        ne = _eps_ne_mask(A.reshape((n,) + shape), 1.0 - tol).reshape(-1)
        draws += 1
        if ne.any():
            break
    ic = min(t["IC"], 1 - tol)
    W = A.sum(axis=0) / n
    eps_ne = ne if ic >= 1 - tol else _eps_ne_mask(A.reshape((n,) + shape), ic).reshape(-1)
    w_star, w0, w_eps = W.max(), W[ne].min(), W[eps_ne].min()
    cc = t["CC"]
    lo_w, hi_w = w_eps + cc * (w_star - w0), w_eps + (w_star - w0)
    played = np.flatnonzero((W + 1e-6 > lo_w) & (W - 1e-6 < hi_w))
    inside = played.size > 0
    if not inside:
        played = np.array([np.argmin(np.abs(W - (lo_w + hi_w) / 2))])
    Wp = P.sum(axis=0) / n
    s_hat = int(np.argmax(Wp))
    ca_, cp = A - A.mean(axis=1, keepdims=True), P - P.mean(axis=1, keepdims=True)
    m, mh = _norms(ca_), _norms(cp)
    nu, nuh = ca_ / m[:, None], cp / mh[:, None]
    d = _norms(nuh - nu)
    regret = Wp[s_hat] - Wp[played].mean()
    value_p = ((1 - cc) * (w_star - w0) + (w0 - w_eps) + 2 * np.sum(mh * d) / n
               + np.sum((mh / m - 1) * (A[:, s_hat] - A[:, played].mean(axis=1))) / n)
    M = mh.sum()
    mu = (mh[:, None] * nuh).sum(axis=0) / M
    ca_hat = 1 - np.sum(mh / M * _norms(nuh - mu))
    plus, minus = P.max(axis=1).sum() / n, P.min(axis=1).sum() / n
    value_b = (1 - ca_hat) * M / n
    regret_b = plus - Wp[s_hat]

    def norm(x):
        return (x - minus) / (plus - minus)
    hyp_p = inside or W[played].mean() >= lo_w
    x = {"IA": float(np.mean(1 - d / 2)), "CA": float(ca_hat), "IC": ic, "CC": cc}
    return {"measure": MEASURES[mi], "x": x[MEASURES[mi]], "min": norm(Wp.min()),
            "max": norm(Wp[s_hat]), "played_welfare": norm(Wp[played].mean()),
            "bound_1": norm(Wp[s_hat] - value_p) if hyp_p else None,
            "bound_2": norm(plus - value_b),
            "violations": int(hyp_p and regret > value_p + 1e-9) + int(regret_b > value_b + 1e-9)}


def jobs(params):
    return [(mi, oi, vj, rep) for mi in range(4) for oi in range(len(params["others"]))
            for vj in range(params["increments"] + 1) for rep in range(params["repetitions"])]


def bench_grid(shape=(3, 3), repetitions=25, increments=25, repeat=3, seed=1282):
    """Median times of the exact and the float grid scans (inline, one process)."""
    from symalign.experiments import grid
    params = {"shape": list(shape), "others": ["9/10"], "increments": increments,
              "repetitions": repetitions, "measures": list(MEASURES)}
    todo = jobs(params)
    grid.run_game(seed, *todo[0], params)        # imports and first-call costs outside
    float_game(seed, *todo[0], params)
    te, tf = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fr = [float_game(seed, *j, params) for j in todo]
        tf.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        er = [grid.run_game(seed, *j, params) for j in todo]
        te.append(time.perf_counter() - t0)
    viol = sum(sum(r["violations"].values()) for r in er)
    dx = max(abs(a["x"] - b["x"]) for a, b in zip(fr, er) if b["x"] is not None)
    return {"games": len(todo), "exact_s": statistics.median(te),
            "float_s": statistics.median(tf), "violations": viol,
            "float_violations": sum(r["violations"] for r in fr),
            "max_abs_x_difference": dx}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2 repetitions instead of 25")
    ap.add_argument("--shape", default="3,3")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    shape = tuple(int(k) for k in a.shape.split(","))
    r = bench_grid(shape, repetitions=2 if a.quick else 25, repeat=1 if a.quick else a.repeat)
    ratio = r["exact_s"] / r["float_s"]
    print(f"grid scan {a.shape}: {r['games']} games; exact {r['exact_s']:.2f} s "
          f"({r['games'] / r['exact_s']:.0f} games/s), float64 {r['float_s']:.2f} s; "
          f"ratio {ratio:.2f} (target <= 2); {r['violations']} violations; "
          f"|x exact - x float| <= {r['max_abs_x_difference']:.1e}")
    return r


if __name__ == "__main__":
    main()
