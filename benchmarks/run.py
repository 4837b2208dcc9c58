"""symalign's performance benchmarks: exact results timed against float and peer baselines in one run.

Usage::

    python benchmarks/run.py [--quick] [--json FILE] [--only SUBSTRING]

Each benchmark times symalign and its baseline in the same process and run (median of
several repetitions) and reports ``ratio = symalign_s / baseline_s`` (below 1: symalign is
faster). Baselines: a numpy float64 implementation of the same formula; scipy's HiGHS LP in
floats; lrsnash (Debian's lrslib), nashpy, quantecon and pygambit where installed (the
``bench`` extra installs the PyPI ones). ``--quick`` uses small sizes and is what CI runs as a
smoke test. Timings are measured, never asserted: the issue's targets are printed beside the
ratios so a reader can compare.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

import numpy as np  # noqa: E402

RECORDS: list[dict] = []


def median_time(f, repeat: int, setup=None) -> float:
    """Median wall time of ``f()`` (or ``f(setup())``, with the setup outside the timing)."""
    times = []
    for _ in range(repeat):
        arg = setup() if setup is not None else None
        t0 = time.perf_counter()
        f() if setup is None else f(arg)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def record(name, symalign_s, baseline, baseline_s, target="", **extra):
    rec = {"name": name, "symalign_s": symalign_s, "baseline": baseline,
           "baseline_s": baseline_s,
           "ratio": (symalign_s / baseline_s) if baseline_s else None, "target": target}
    rec.update(extra)
    RECORDS.append(rec)
    ratio = f"{rec['ratio']:.2f}" if rec["ratio"] is not None else "-"
    print(f"{name:<58} {symalign_s:>10.4f} {baseline:<26} {baseline_s:>10.4f} {ratio:>8}  "
          f"{target}", flush=True)


# -- 1. vectorised exact path: alpha, C-A report, EPIC standardisation -------------------------

def bench_vectorised(quick: bool):
    import symalign as sa

    k = 25 if quick else 100  # quick: still above the LazyVector threshold of 10 000 outcomes
    rng = np.random.default_rng(0)
    ints = [rng.integers(-1000, 1001, size=(k, k, k), dtype=np.int64) for _ in range(3)]
    dens = [rng.integers(1, 1001, size=(k, k, k), dtype=np.int64) for _ in range(3)]
    nums = [rng.integers(-1000, 1001, size=(k, k, k), dtype=np.int64) * d // 3
            for d in dens]
    repeat = 3 if quick else 5
    for label, make, floats, build_floats in [
        ("integer", lambda: sa.Game.from_arrays(*ints), [x.astype(np.float64) for x in ints],
         lambda: [x.astype(np.float64) for x in ints]),
        ("rational (q <= 1000)", lambda: sa.Game.from_fractions(nums, dens),
         [p / q for p, q in zip(nums, dens)],
         lambda: [p / q for p, q in zip(nums, dens)]),
    ]:
        # Both sides start from data built just before, outside the timing: a fresh game per
        # repetition (so no cached value is reused) and fresh float arrays per repetition
        # (so neither side reads warmer memory than the other).
        def alpha_exact(g):
            sa.alpha(g)

        def alpha_float(fl):
            W = fl[0] + fl[1] + fl[2]
            return W.max() - sum(x.max() for x in fl)

        def fresh():
            return [x.copy() for x in floats]

        outcomes = k ** 3
        record(f"alpha, {label}, {outcomes} outcomes x 3 players",
               median_time(alpha_exact, repeat, make), "numpy float64",
               median_time(alpha_float, repeat, fresh), "<= 2")

        def report_exact(g):
            sa.ca_inequalities(g, (0, 0, 0))

        def report_float(fl):
            W = fl[0] + fl[1] + fl[2]
            opt = W.max()
            ustar = sum(x.max() for x in fl)
            w = W[0, 0, 0]
            return opt - w, ustar - opt, opt - w == 0, ustar - opt == 0

        record(f"C-A report, {label}", median_time(report_exact, repeat, make), "numpy float64",
               median_time(report_float, repeat, fresh), "<= 2")

        def epic_exact(g):
            for i in range(3):
                _epic_player(g, i)

        def epic_float(fl):
            out = []
            for x in fl:
                v = x.reshape(-1)
                c = v.mean()
                m = np.sqrt(((v - c) ** 2).sum())
                out.append(((v - c) / m, c, m))
            return out

        record(f"EPIC standardisation x 3, {label}", median_time(epic_exact, repeat, make),
               "numpy float64", median_time(epic_float, repeat, fresh), "<= 2")

        # building the game from its integer arrays, against building the float arrays: the
        # exact side normalises the fractions and (elementwise fractions) makes its float
        # guide and the guide's range here, once per game; no target, reported for honesty
        record(f"build the game, {label}", median_time(make, repeat), "numpy float64 arrays",
               median_time(build_floats, repeat), "(reported)")

        # peak memory of the exact metrics (the game already built) over the int64 payload
        g = make()
        data_bytes = 3 * outcomes * 8
        tracemalloc.start()
        sa.alpha(g)
        sa.ca_inequalities(g, (0, 0, 0))
        for i in range(3):
            _epic_player(g, i)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        record(f"peak memory / int64 payload, {label}", peak / 2**20, "payload MiB",
               data_bytes / 2**20, "<= 2")
        # what the built game holds, over the same payload (numerators, denominators and,
        # for elementwise fractions, the float guide)
        held = sum(_held_bytes(ex) for ex in g.exact_arrays())
        record(f"game memory / int64 payload, {label}", held / 2**20, "payload MiB",
               data_bytes / 2**20, "(reported)")


def _held_bytes(ex) -> int:
    total = 0
    for name in ("_num", "_p", "_q", "_floats"):
        a = getattr(ex, name, None)
        if isinstance(a, np.ndarray):
            total += a.nbytes
    return total


def _epic_player(game, i):
    from symalign.delegation.standardisation import EPIC, standardise
    try:
        return standardise(game, EPIC, player=i)
    except TypeError:
        return standardise(game.utility(i), EPIC)


# -- 2. exact LP: mixed security values of zero-sum games ------------------------------------

def bench_security(quick: bool):
    from scipy.optimize import linprog

    import symalign as sa
    from symalign.normalform.security import security_value

    sizes = [20] if quick else [50, 200]
    for n in sizes:
        rng = np.random.default_rng(n)
        A = rng.integers(-100, 101, size=(n, n))
        def exact():  # a fresh game each time, so no cached result is reused
            security_value(sa.Game.from_arrays(A, -A), 0, mixed=True)

        def highs():
            # max v s.t. A^T x >= v, sum x = 1, x >= 0
            c = np.zeros(n + 1)
            c[-1] = -1
            A_ub = np.hstack([-A.T, np.ones((n, 1))])
            linprog(c, A_ub=A_ub, b_ub=np.zeros(n), A_eq=[[1] * n + [0]], b_eq=[1],
                    bounds=[(0, None)] * n + [(None, None)], method="highs")

        repeat = 3
        t_exact = median_time(exact, repeat)
        record(f"mixed security value, zero-sum {n}x{n}", t_exact, "scipy HiGHS (float)",
               median_time(highs, repeat), "<= 5")
        # pygambit's rational LP takes minutes at 200x200 (over 300 s measured): 50x50 only
        gambit = _pygambit_lp_time(A) if not quick and n <= 50 else None
        if gambit is not None:
            record(f"mixed security value, zero-sum {n}x{n}", t_exact, "pygambit rational LP",
                   gambit, "<= 1/20")


def _pygambit_lp_time(A):
    try:
        import pygambit as gbt
    except ImportError:
        return None
    n = A.shape[0]
    g = gbt.Game.from_arrays([[Fraction(int(x)) for x in row] for row in A],
                             [[Fraction(-int(x)) for x in row] for row in A])
    t0 = time.perf_counter()
    gbt.nash.lp_solve(g, rational=True)
    return time.perf_counter() - t0 if n else None


def bench_correlated(quick: bool):
    """Welfare-maximising correlated equilibrium, exact, against the same LP in HiGHS floats.

    Seed 3 at 21x21 is the degenerate case where every HiGHS basis fails exact verification
    (HiGHS stops within its 1e-7 feasibility tolerance), so symalign repairs it with the
    warm-started exact simplex; the other games verify HiGHS's basis directly.
    """
    from scipy.optimize import linprog

    import symalign as sa
    from symalign.normalform.correlated import correlated_equilibrium

    cases = [(8, 0)] if quick else [(21, 3), (21, 0), (30, 0)]
    for n, seed in cases:
        g = sa.games.random_game((n, n), seed=seed)
        A = np.array([[int(g.payoff(0, (i, j))) for j in range(n)] for i in range(n)])
        B = np.array([[int(g.payoff(1, (i, j))) for j in range(n)] for i in range(n)])

        def exact():
            correlated_equilibrium(sa.games.random_game((n, n), seed=seed))

        def highs():
            rows = []
            for s in range(n):        # row player: recommended s, deviation t
                for t in range(n):
                    if s != t:
                        r = np.zeros((n, n))
                        r[s, :] = A[t, :] - A[s, :]
                        rows.append(r.ravel())
            for s in range(n):        # column player
                for t in range(n):
                    if s != t:
                        r = np.zeros((n, n))
                        r[:, s] = B[:, t] - B[:, s]
                        rows.append(r.ravel())
            linprog(-(A + B).ravel(), A_ub=np.array(rows), b_ub=np.zeros(len(rows)),
                    A_eq=np.ones((1, n * n)), b_eq=[1], bounds=(0, None), method="highs")

        method = correlated_equilibrium(g).method
        record(f"welfare-max correlated equilibrium {n}x{n} seed {seed}", median_time(exact, 3),
               "scipy HiGHS (float)", median_time(highs, 3), "(reported)", method=method)


# -- 3. exact equilibrium enumeration ----------------------------------------------------------

def bench_equilibria(quick: bool):
    import symalign as sa
    from symalign.normalform.crosscheck import lrsnash_input
    from symalign.normalform.equilibria import nash_equilibria

    sizes = [6] if quick else [10, 15]
    lrs = shutil.which("lrsnash")
    for n in sizes:
        rng = np.random.default_rng(100 + n)
        A = rng.integers(-50, 51, size=(n, n))
        B = rng.integers(-50, 51, size=(n, n))
        repeat = 3
        t = median_time(lambda: nash_equilibria(sa.Game.from_arrays(A, B), kind="mixed"), repeat)
        count = len(nash_equilibria(sa.Game.from_arrays(A, B), kind="mixed"))
        if lrs:
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
                fh.write(lrsnash_input(sa.Game.from_arrays(A, B)))
                path = fh.name
            t_lrs = median_time(lambda: subprocess.run([lrs, path], capture_output=True,
                                                       check=True), repeat)
            os.unlink(path)
            record(f"all Nash equilibria {n}x{n} ({count} found)", t, "lrsnash", t_lrs, "<= 5")
        try:
            import quantecon.game_theory as qgt

            qg = qgt.NormalFormGame((qgt.Player(A.astype(float)), qgt.Player(B.T.astype(float))))
            qgt.vertex_enumeration(qg)   # warm-up: numba compiles on the first call
            t_q = median_time(lambda: qgt.vertex_enumeration(qg), repeat)
            record(f"all Nash equilibria {n}x{n}", t, "quantecon (float)", t_q, "")
        except ImportError:
            pass
        if not quick and n <= 10:  # pygambit's exact enumeration: seconds at 10x10
            try:
                import pygambit as gbt

                gg = gbt.Game.from_arrays([[Fraction(int(x)) for x in r] for r in A],
                                          [[Fraction(int(x)) for x in r] for r in B])
                t0 = time.perf_counter()
                gbt.nash.enummixed_solve(gg, rational=True)
                record(f"all Nash equilibria {n}x{n}", t, "pygambit enummixed (exact)",
                       time.perf_counter() - t0, "<= 1/10")
            except ImportError:
                pass
        if not quick and n <= 10:  # nashpy takes 12-68 s at 10x10 already
            try:
                import nashpy

                ng = nashpy.Game(A, B)
                t0 = time.perf_counter()
                list(ng.support_enumeration())
                record(f"all Nash equilibria {n}x{n}", t, "nashpy (float)",
                       time.perf_counter() - t0, "")
            except ImportError:
                pass


# -- 4. delegation-game bound validation -------------------------------------------------------

def bench_delegation(quick: bool):
    from symalign.delegation.bounds import check_bounds
    from symalign.delegation.constructions import random_delegation_game, random_regret_profile
    from symalign.delegation.standardisation import MAX

    n_games = 200 if quick else 2000
    seed = 9622709
    games = [(dg, random_regret_profile(dg, seed=s + 10**6, standardisation=MAX))
             for s, dg in ((s, random_delegation_game(4, 4, seed=s, standardisation=MAX))
                           for s in range(seed, seed + n_games))]
    c0 = time.process_time()
    violations = 0
    for dg, mu in games:
        r = check_bounds(dg, mu, standardisation=MAX)
        violations += sum(v is False for v in r.verdicts.values())
    exact_s = time.process_time() - c0

    # float baseline: the same Form A formula (optimal R over {0} and r_i, capped) in float64
    data = []
    for dg, mu in games:
        data.append(_float_inputs(dg, mu))
    c0 = time.process_time()
    for d in data:
        _float_form_a(*d)
    float_s = time.process_time() - c0
    record(f"bound validation, 4 players x 4 outcomes ({n_games} games, "
           f"{n_games / exact_s:.0f} games/s/core, {violations} violations)",
           exact_s / n_games, "numpy float64 Form A", float_s / n_games, ">= 500 games/s/core",
           games_per_s=n_games / exact_s)


def _float_inputs(dg, mu):
    A = np.array([[float(x) for x in dg.agents.utility(i)] for i in range(4)])
    P = np.array([[float(x) for x in dg.principals.utility(i)] for i in range(4)])
    p = np.array([float(x) for x in np.asarray(mu.probabilities, dtype=object).reshape(-1)]) \
        if hasattr(mu, "probabilities") else np.full(A.shape[1], 1 / A.shape[1])
    return A, P, p


def _float_form_a(A, P, p):
    def mid_half(u):
        c = (u.max() + u.min()) / 2
        m = (u.max() - u.min()) / 2
        return c, m

    nus, nuh, ms, mh = [], [], [], []
    for u, uh in zip(A, P):
        c, m = mid_half(u)
        ch, mhh = mid_half(uh)
        nus.append((u - c) / m)
        nuh.append((uh - ch) / mhh)
        ms.append(m)
        mh.append(mhh)
    ms, mh = np.array(ms), np.array(mh)
    r = mh / ms
    d = np.array([np.abs(a - b).max() for a, b in zip(nus, nuh)])
    w = A.sum(0)
    wh = P.sum(0)
    wr = w.max() - w @ p
    whr = wh.max() - wh @ p
    cands = [R * wr + 2 * (mh * d).sum() + 2 * (ms * np.abs(r - R)).sum() for R in [0, *r]]
    return whr <= min(min(cands), 2 * mh.sum())


# -- 4b. the paper's grid scan: exact pipeline against its float64 twin ----------------------

def bench_grid_scan(quick: bool):
    from bench_experiments import bench_grid   # benchmarks/bench_experiments.py

    r = bench_grid((3, 3), repetitions=2 if quick else 25, repeat=1 if quick else 3)
    record(f"grid scan, 3x3, {r['games']} games ({r['games'] / r['exact_s']:.0f} games/s, "
           f"{r['violations']} violations)", r["exact_s"], "numpy float64 same pipeline",
           r["float_s"], "<= 2", games=r["games"])


# -- 5. import time ----------------------------------------------------------------------------

def bench_import(quick: bool):
    # as a user would import it: with compiled bytecode (pip writes it at install time; some
    # environments set PYTHONDONTWRITEBYTECODE, which would charge compilation to every import)
    import compileall

    root = os.path.join(HERE, "..")
    compileall.compile_dir(os.path.join(root, "symalign"), quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def t(mod):
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {mod}"],
                             capture_output=True, text=True, check=True, cwd=root, env=env)
        last = out.stderr.strip().splitlines()[-1]
        return int(last.split("|")[1]) / 1e6

    repeat = 3 if quick else 7
    a = statistics.median(t("symalign") for _ in range(repeat))
    b = statistics.median(t("sympy") for _ in range(repeat))
    record("import symalign", a, "import sympy", b, "<= 1.3")


BENCHES = {"vectorised": bench_vectorised, "security": bench_security,
           "correlated": bench_correlated, "equilibria": bench_equilibria, "delegation": bench_delegation,
           "grid_scan": bench_grid_scan, "import": bench_import}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (CI smoke test)")
    parser.add_argument("--json", help="write the records to this file")
    parser.add_argument("--only", help="run the benchmarks whose name contains this")
    args = parser.parse_args(argv)
    print(f"{'benchmark':<58} {'symalign_s':>10} {'baseline':<26} {'baseline_s':>10} "
          f"{'ratio':>8}  target")
    for name, bench in BENCHES.items():
        if args.only and args.only not in name:
            continue
        try:
            bench(args.quick)
        except ImportError as exc:
            print(f"{name}: skipped ({exc})", flush=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(RECORDS, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
