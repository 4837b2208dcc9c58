"""Benchmark: one Nash equilibrium of a random integer bimatrix game by Lemke–Howson (issue 18).

Compares ``symalign.lemke_howson`` (exact integer pivoting, lexicographic ratio test, the
result verified exactly) with nashpy's floating-point ``Game.lemke_howson`` in the same run,
on the same games, and prints the time ratios. pygambit's exact ``lcp_solve`` is the third
column when pygambit is installed; otherwise the column says so.

Two symalign timings are given per game: the default ``label=None`` (all labels' paths side
by side, the first to end kept: the one-equilibrium entry point) and ``label=0`` (the one
path that drops label 0, the same work as nashpy's default). Each peer runs in a child
process with a time limit, since nashpy's float tableau can lose its way on larger games (its
entries grow without the Bareiss division) and then run on without end; a peer that hits
the limit is reported as such and left out of the summary (so the summary understates our
advantage there). nashpy's answer is checked: it counts as solved only when its support
pair passes an exact equilibrium check.

After each size the summary gives the ratios over all games and over the games whose race
does not end after two pivots (no pure equilibrium reached by argmaxes: the harder group,
``piv`` > 2 in the race column); the goal of issue 18 is a median of at least 10 against
pygambit and at least 1 against nashpy for both groups at every size.

Times are the smallest CPU time (``time.process_time``) of a few repeated calls (at least
three when calls are short) of each solver on an already built game; after each size the
median, smallest and largest ratio (peer time / ours) are printed. Timings taken on a
loaded machine vary, so read the ratios, not the absolute values. Tests never assert
timings.

Usage::

    python benchmarks/bench_lemke_howson.py [--sizes 10 20 50 100 200] [--games 5]
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


def _best(call, budget: float = 0.2, most: int = 7) -> float:
    """The smallest CPU time of repeated calls (at least 3 unless one call takes longer than
    ``budget`` / 3, at most ``most``): sub-millisecond calls on a loaded machine vary."""
    times = []
    while len(times) < most:
        t = time.process_time()
        call()
        times.append(time.process_time() - t)
        if len(times) >= 3 and sum(times) > budget or times[0] > budget / 3:
            break
    return min(times)


def _ours(A, B, label, budget):
    """Best CPU time and pivots; ``(inf, None)`` when the path is over ``budget`` seconds
    (symalign.settings.lemke_howson_seconds)."""
    g = sa.Game.from_arrays(A, B)
    with sa.limits(lemke_howson_seconds=budget):
        try:
            t = time.process_time()
            r = sa.lemke_howson(g, label=label)
        except sa.ResourceLimitError:
            return float("inf"), None
        if time.process_time() - t > 0.1:
            return time.process_time() - t, r.pivots
        return _best(lambda: sa.lemke_howson(g, label=label)), r.pivots


def _nashpy_child(A, B, q):
    import nashpy
    warnings.simplefilter("ignore")
    g = nashpy.Game(A, B)
    try:
        x, y = g.lemke_howson(initial_dropped_label=0)
        el = _best(lambda: g.lemke_howson(initial_dropped_label=0))
    except Exception as exc:  # noqa: BLE001 - report the peer's failure, do not crash
        q.put(("error", float("nan"), repr(exc)))
        return
    q.put(("ok", el, (x.tolist(), y.tolist())))


def _gambit_child(A, B, q):
    import pygambit
    g = pygambit.Game.from_arrays(A.astype(object), B.astype(object))
    el = _best(lambda: pygambit.nash.lcp_solve(g, rational=True, stop_after=1))
    q.put(("ok", el, None))


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


#: the games whose race does not end after two pivots (no pure equilibrium found by argmaxes)
NO2 = "%s / race, no 2-pivot end"


def _summary(n, ratios) -> None:
    for name, vals in ratios.items():
        over = sum(1 for v in vals if v == 0)      # ours over the time limit
        vals = sorted(v for v in vals if v == v and v > 0)
        if over:
            print(f"    {n}x{n} {name:<42} ours over the limit in {over} game(s), left out")
        if not vals and not over:
            print(f"    {n}x{n} {name:<42} no games")
        if vals:
            med = vals[len(vals) // 2] if len(vals) % 2 else (vals[len(vals) // 2 - 1]
                                                               + vals[len(vals) // 2]) / 2
            print(f"    {n}x{n} {name:<42} median {med:7.1f}  min {vals[0]:7.1f}  "
                  f"max {vals[-1]:7.1f}  ({len(vals)} games)")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 20, 50, 100, 200])
    ap.add_argument("--games", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=30.0,
                    help="seconds for each peer call and for each of ours (a path over it is "
                         "reported as such)")
    ap.add_argument("--low", type=int, default=-1000)
    ap.add_argument("--high", type=int, default=1000)
    args = ap.parse_args(argv)
    try:
        import pygambit  # noqa: F401
        have_gambit = True
    except ImportError:
        have_gambit = False
    print("Lemke-Howson, one equilibrium of a random integer game; best CPU seconds of "
          "repeated calls; shared, loaded machine (load average "
          f"{os.getloadavg()[0]:.1f})")
    print("race = sa.lemke_howson(g) (the default: every label side by side); k=0 = "
          "label 0's path (nashpy's default); ratios are peer time / ours")
    print(f"{'size':>8} {'game':>4} | {'race':>8} {'piv':>4} | {'k=0':>8} {'piv':>6} | "
          f"{'nashpy k=0':>14} {'/race':>6} {'/k=0':>6} | {'gambit':>8} {'/race':>6} "
          f"{'/k=0':>6}")
    for n in args.sizes:
        ratios = {"pygambit lcp_solve / race": [], NO2 % "pygambit lcp_solve": [],
                  "pygambit lcp_solve / k=0": [],
                  "nashpy / race": [], NO2 % "nashpy": [], "nashpy / k=0": []}
        for k in range(args.games):
            rng = np.random.default_rng(1000 * n + k)
            A = rng.integers(args.low, args.high, (n, n), endpoint=True)
            B = rng.integers(args.low, args.high, (n, n), endpoint=True)
            race, rpiv = _ours(A.tolist(), B.tolist(), None, args.timeout)
            ours, piv = _ours(A.tolist(), B.tolist(), 0, args.timeout)
            status, theirs, payload = _run_child(_nashpy_child, A, B, args.timeout)
            if status == "ok" and not _supports_are_equilibrium(A, B, *payload):
                status = "wrong"
            if status == "ok" and race == float("inf"):
                status = "ours over"
            if status == "ok":
                np_col = f"{theirs:14.5f} {theirs / race:6.1f} {theirs / ours:6.1f}"
                ratios["nashpy / race"].append(theirs / race)
                if rpiv != 2:
                    ratios[NO2 % "nashpy"].append(theirs / race)
                ratios["nashpy / k=0"].append(theirs / ours)
            elif status == "timeout":
                np_col = f"{'>' + format(args.timeout, '.0f') + ' (limit)':>14} {'':>6} {'':>6}"
            else:
                np_col = f"{status:>14} {'-':>6} {'-':>6}"
            if have_gambit:
                gs, gt, _ = _run_child(_gambit_child, A, B, args.timeout)
                if gs == "ok" and race == float("inf"):
                    gcol = f"{gt:8.5f} (ours over the limit)"
                elif gs == "ok":
                    gcol = f"{gt:8.5f} {gt / race:6.1f} {gt / ours:6.1f}"
                    ratios["pygambit lcp_solve / race"].append(gt / race)
                    if rpiv != 2:
                        ratios[NO2 % "pygambit lcp_solve"].append(gt / race)
                    ratios["pygambit lcp_solve / k=0"].append(gt / ours)
                else:
                    gcol = f">{args.timeout:.0f} (limit)" if gs == "timeout" else gs
            else:
                gcol = "skipped: pygambit is not installed"
            print(f"{n:>4}x{n:<3} {k:>4} | {race:8.5f} {rpiv!s:>4} | {ours:8.5f} {piv!s:>6} | "
                  f"{np_col} | {gcol}", flush=True)
        _summary(n, ratios)


if __name__ == "__main__":
    main()
