"""Benchmark: exact mixed security values (symalign.engines.lp) against float HiGHS, pygambit and sympy.

Issue 7 targets: on random integer zero-sum games of size 50x50 and 200x200 the exact
security value should take at most 5x scipy's HiGHS float time, and be at least 20x faster
than pygambit's rational LP and sympy's simplex. Run::

    python3 benchmarks/bench_lp.py [--sizes 50 200] [--seeds 5] [--slow-baselines]

It prints median wall-clock times and the ratios. pygambit is optional (skipped when not
installed); sympy's simplex is run only where it finishes in reasonable time (up to 50x50
by default; ``--slow-baselines`` tries every size, with a time budget).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import time

import numpy as np

import symalign as sa
from symalign.normalform.security import security_value


def _highs_time(U: np.ndarray, repeat: int = 3) -> float:
    from scipy.optimize import linprog
    k, K = U.shape
    c = np.zeros(k + 1)
    c[-1] = -1.0
    A = np.hstack([-U.T.astype(float), np.ones((K, 1))])
    b = np.zeros(K)
    Aeq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
    bounds = [(0, None)] * k + [(None, None)]
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        res = linprog(c, A, b, Aeq, [1.0], bounds=bounds, method="highs")
        best = min(best, time.perf_counter() - t)
        assert res.status == 0
    return best


def _exact_time(n: int, seed: int, repeat: int = 3):
    best, value = float("inf"), None
    for _ in range(repeat):
        g = sa.games.random_zero_sum_game((n, n), seed=seed)   # fresh game: no cache
        t = time.perf_counter()
        r = security_value(g, 0)
        best = min(best, time.perf_counter() - t)
        value = r.value
    return best, value, r.method


def _gambit_job(U, q):

    import pygambit as gbt
    g = gbt.Game.from_arrays(U.astype(object), (-U).astype(object))
    t = time.perf_counter()
    res = gbt.nash.lp_solve(g, rational=True)
    el = time.perf_counter() - t
    eq = res.equilibria[0]
    q.put((el, str(eq.payoff(list(g.players)[0]))))


def _sympy_job(U, q):
    import sympy
    from sympy.solvers.simplex import lpmax
    k, K = U.shape
    xs = sympy.symbols(f"x0:{k}")   # no sign assumptions: lpmax would drop x >= 0
    v = sympy.Symbol("v")
    cons = [sum(int(U[a, b]) * xs[a] for a in range(k)) >= v for b in range(K)]
    cons.append(sympy.Eq(sum(xs), 1))
    cons += [x >= 0 for x in xs]          # lpmax ignores sign assumptions
    t = time.perf_counter()
    val, _ = lpmax(v, cons)
    q.put((time.perf_counter() - t, str(val)))


def _timed(job, U, budget):
    q = mp.Queue()
    p = mp.Process(target=job, args=(U, q))
    p.start()
    p.join(budget)
    if p.is_alive():
        p.terminate()
        p.join()
        return None, None
    if q.empty():
        raise RuntimeError(f"{job.__name__} failed (see the traceback above)")
    return q.get()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[50, 200])
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--budget", type=float, default=120.0,
                    help="seconds allowed per pygambit/sympy run")
    ap.add_argument("--slow-baselines", action="store_true",
                    help="also run sympy's simplex on sizes above 50")
    args = ap.parse_args(argv)
    security_value(sa.games.random_zero_sum_game((5, 5), seed=0), 0)   # import warm-up
    try:
        import pygambit  # noqa: F401
        have_gambit = True
    except ImportError:
        have_gambit = False
    print(f"{'size':>8} {'exact s':>10} {'HiGHS s':>10} {'exact/HiGHS':>12} "
          f"{'gambit s':>10} {'gambit/exact':>13} {'sympy s':>10} {'sympy/exact':>12}")
    for n in args.sizes:
        ex, hi = [], []
        for seed in range(args.seeds):
            t, value, method = _exact_time(n, seed)
            ex.append(t)
            U = sa.games.random_zero_sum_game((n, n), seed=seed).exact_arrays()[0].num
            hi.append(_highs_time(U))
        te, th = statistics.median(ex), statistics.median(hi)
        U0 = sa.games.random_zero_sum_game((n, n), seed=0).exact_arrays()[0].num
        tg = ts = None
        if have_gambit:
            tg, gval = _timed(_gambit_job, U0, args.budget)
            exact0 = security_value(sa.games.random_zero_sum_game((n, n), seed=0), 0).value
            if tg is not None:
                assert gval == str(exact0), (gval, exact0)
        if n <= 50 or args.slow_baselines:
            ts, sval = _timed(_sympy_job, U0, args.budget)
        t_e0 = ex[0]

        def fmt(x):
            return f"{x:10.4f}" if x is not None else f"{'>' + str(int(args.budget)):>10}"

        def ratio(x, base):
            if x is None:
                return f"{'>' + format(args.budget / base, '.0f'):>13}"
            return f"{x / base:13.1f}"
        ran_sympy = n <= 50 or args.slow_baselines
        print(f"{n:>5}x{n:<3}{te:10.4f} {th:10.4f} {te / th:12.2f} "
              f"{fmt(tg) if have_gambit else '      n/a'} "
              f"{ratio(tg, t_e0) if have_gambit else '  (no gambit)'} "
              f"{fmt(ts) if ran_sympy else '   skipped'} "
              f"{ratio(ts, t_e0) if ran_sympy else '   skipped'}")
    print("exact: symalign.normalform.security.security_value (LP via symalign.engines.lp, verified); "
          "HiGHS: scipy linprog float; times are medians of best-of-3 over seeds "
          "(gambit and sympy: seed 0, one run, compared to the exact time for seed 0).")


if __name__ == "__main__":
    main()
