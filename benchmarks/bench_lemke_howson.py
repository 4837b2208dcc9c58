"""Benchmark: one Nash equilibrium of a random integer bimatrix game by Lemke–Howson (issue 18).

Compares ``symalign.lemke_howson`` (exact integer pivoting, lexicographic ratio test, the
result verified exactly) with nashpy's floating-point ``Game.lemke_howson`` in the same run,
on the same games, and prints the time ratios. pygambit's exact ``lcp_solve`` is the third
column when pygambit is installed; otherwise the column says so.

Two symalign timings are given per game: ``label=0`` (the one path that drops label 0, the
same work as nashpy's default) and the default ``label=None`` (all labels' paths side by
side, the first to end kept). Each peer runs in a child process with a time limit, since
nashpy's float tableau can lose its way on larger games (its entries grow without the
Bareiss division) and then run on without end; a peer that hits the limit is reported as
such, with the ratio as a lower bound. nashpy's answer is checked: it counts as solved only
when its support pair passes an exact equilibrium check.

Times are CPU times (``time.process_time``) of one call; timings taken on a loaded machine
vary, so read the ratios, not the absolute values. Tests never assert timings.

Usage::

    python benchmarks/bench_lemke_howson.py [--sizes 20 50 100 200] [--games 3]
                                           [--timeout 30] [--low -1000 --high 1000]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import time
import warnings

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import symalign as sa  # noqa: E402


def _ours(A, B, label):
    g = sa.Game.from_arrays(A, B)
    t = time.process_time()
    r = sa.lemke_howson(g, label=label)
    el = time.process_time() - t
    return el, r.pivots


def _nashpy_child(A, B, q):
    import nashpy
    warnings.simplefilter("ignore")
    t = time.process_time()
    try:
        x, y = nashpy.Game(A, B).lemke_howson(initial_dropped_label=0)
    except Exception as exc:  # noqa: BLE001 - report the peer's failure, do not crash
        q.put(("error", time.process_time() - t, repr(exc)))
        return
    q.put(("ok", time.process_time() - t, (x.tolist(), y.tolist())))


def _gambit_child(A, B, q):
    import pygambit
    g = pygambit.Game.from_arrays(A.astype(object), B.astype(object))
    t = time.process_time()
    pygambit.nash.lcp_solve(g, rational=True, stop_after=1)
    q.put(("ok", time.process_time() - t, None))


def _run_child(target, A, B, timeout):
    q = mp.Queue()
    p = mp.Process(target=target, args=(A, B, q))
    p.start()
    p.join(timeout)
    if p.is_alive():
        p.kill()
        p.join()
        return ("timeout", timeout, None)
    return q.get() if not q.empty() else ("error", float("nan"), "no answer")


def _supports_are_equilibrium(A, B, x, y) -> bool:
    """Exact check of nashpy's float answer: solve for the equilibrium on its supports in
    exact arithmetic and check it (so a float answer that is close counts as right)."""
    from symalign.core.errors import SymalignError
    S = [i for i, v in enumerate(x) if v > 1e-9]
    T = [j for j, v in enumerate(y) if v > 1e-9]
    if not S or not T or any(v != v for v in x + y):
        return False
    g = sa.Game.from_arrays(A, B)
    sub = g[S, T]
    try:
        for sigma in sa.nash_equilibria(sub) if len(S) * len(T) <= 400 else ():
            full = [[0] * A.shape[0], [0] * A.shape[1]]
            for k, i in enumerate(S):
                full[0][i] = sigma.strategies[0][k]
            for k, j in enumerate(T):
                full[1][j] = sigma.strategies[1][k]
            if sa.is_nash_equilibrium(g, full):
                return True
    except SymalignError:
        return False
    return False


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[20, 50, 100, 200])
    ap.add_argument("--games", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--low", type=int, default=-1000)
    ap.add_argument("--high", type=int, default=1000)
    args = ap.parse_args(argv)
    try:
        import pygambit  # noqa: F401
        have_gambit = True
    except ImportError:
        have_gambit = False
    print("Lemke-Howson, one equilibrium of a random integer game; CPU seconds; shared, "
          "loaded machine")
    print(f"{'size':>8} {'game':>4} | {'symalign k=0':>12} {'piv':>6} | {'race':>7} {'piv':>4} | "
          f"{'nashpy k=0':>14} | {'nashpy/ours':>11} | pygambit lcp_solve")
    for n in args.sizes:
        for k in range(args.games):
            rng = np.random.default_rng(1000 * n + k)
            A = rng.integers(args.low, args.high, (n, n), endpoint=True)
            B = rng.integers(args.low, args.high, (n, n), endpoint=True)
            ours, piv = _ours(A.tolist(), B.tolist(), 0)
            race, rpiv = _ours(A.tolist(), B.tolist(), None)
            status, theirs, payload = _run_child(_nashpy_child, A, B, args.timeout)
            if status == "ok" and not _supports_are_equilibrium(A, B, *payload):
                status = "wrong"
            if status == "ok":
                np_col = f"{theirs:14.3f}"
                ratio = f"{theirs / ours:11.1f}"
            elif status == "timeout":
                np_col = f"{'>' + format(args.timeout, '.0f') + ' (limit)':>14}"
                # a lower bound on the ratio, meaningful only when ours finished first
                ratio = (f"{'>' + format(args.timeout / ours, '.1f'):>11}" if ours < args.timeout
                         else f"{'unknown':>11}")
            else:
                np_col = f"{status:>14}"
                ratio = f"{'-':>11}"
            if have_gambit:
                gs, gt, _ = _run_child(_gambit_child, A, B, args.timeout)
                gcol = (f"{gt:.3f} (/ours: {gt / ours:.1f} k=0, {gt / race:.1f} race)"
                        if gs == "ok" else
                        f">{args.timeout:.0f} (limit)" if gs == "timeout" else gs)
            else:
                gcol = "skipped: pygambit is not installed"
            print(f"{n:>4}x{n:<3} {k:>4} | {ours:12.3f} {piv:>6} | {race:7.3f} {rpiv:>4} | "
                  f"{np_col} | {ratio} | {gcol}", flush=True)


if __name__ == "__main__":
    main()
