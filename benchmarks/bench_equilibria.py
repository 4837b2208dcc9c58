"""Benchmark: all extreme Nash equilibria of random integer bimatrix games (issue 7).

Compares ``symalign.normalform.equilibria.nash_equilibria`` (exact) with ``lrsnash`` (lrslib, exact,
C with GMP) and pygambit's exact enumeration (``enummixed_solve(rational=True)``) when they
are installed, checks that the equilibrium sets are identical, and prints time ratios.

Times are CPU times (``time.process_time`` for symalign, ``RUSAGE_CHILDREN`` for lrsnash,
which runs as a subprocess; pygambit runs in a child process with a time limit), so other
load on the machine disturbs them little. Tests never assert timings; this script reports.

Usage::

    python benchmarks/bench_equilibria.py [--sizes 10 15] [--games 3] [--low 0 --high 99]
                                          [--gambit-timeout 120] [--no-gambit]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import symalign as sa  # noqa: E402
from symalign.normalform.crosscheck import lrsnash_equilibria, lrsnash_input  # noqa: E402
from symalign.normalform.equilibria import nash_equilibria  # noqa: E402


def _ours(A, B):
    g = sa.Game.from_arrays(A, B)
    t = time.process_time()
    ne = nash_equilibria(g)
    el = time.process_time() - t
    eqs = {tuple(tuple(Fraction(int(v.p), int(v.q)) for v in s) for s in sigma.strategies)
           for sigma in ne}
    return eqs, el


def _lrsnash(A, B):
    """lrsnash's equilibrium set (read back by symalign.normalform.crosscheck) and the CPU time of one
    run of the program itself (children's rusage, so no Python overhead is charged to it)."""
    g = sa.Game.from_arrays(A, B)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(lrsnash_input(g))
        path = f.name
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(["lrsnash", path], capture_output=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        os.unlink(path)
    el = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    pairs = {tuple(tuple(Fraction(int(v.p), int(v.q)) for v in s) for s in sigma.strategies)
             for sigma in lrsnash_equilibria(g)}
    return pairs, el


def _gambit_worker(A, B, queue):
    import pygambit
    g = pygambit.Game.from_arrays(np.array(A, dtype=object), np.array(B, dtype=object))
    t = time.process_time()
    res = pygambit.nash.enummixed_solve(g, rational=True)
    el = time.process_time() - t
    eqs = set()
    for eq in res.equilibria:
        eqs.add(tuple(tuple(Fraction(str(eq[s])) for s in p.strategies) for p in g.players))
    queue.put((eqs, el))


def _gambit(A, B, timeout):
    """Run pygambit in a child; on timeout return the CPU time it had used (a lower bound)."""
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = ctx.Process(target=_gambit_worker, args=(A, B, q))
    proc.start()
    try:
        eqs, el = q.get(timeout=timeout)
    except Exception:
        proc.kill()
        proc.join()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return None, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    proc.join()
    return eqs, el


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 15])
    ap.add_argument("--games", type=int, default=3)
    ap.add_argument("--low", type=int, default=0)
    ap.add_argument("--high", type=int, default=99)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--gambit-timeout", type=float, default=120.0)
    ap.add_argument("--no-gambit", action="store_true")
    args = ap.parse_args(argv)
    have_lrs = shutil.which("lrsnash") is not None
    try:
        import pygambit  # noqa: F401
        have_gambit = not args.no_gambit
    except ImportError:
        have_gambit = False
    print(f"lrsnash: {'yes' if have_lrs else 'not found'}; pygambit: "
          f"{'yes' if have_gambit else 'skipped'}; payoffs in [{args.low}, {args.high}]")
    header = f"{'size':>5} {'seed':>5} {'#NE':>5} {'symalign s':>11} {'lrsnash s':>10} " \
             f"{'ratio':>7} {'gambit s':>10} {'gambit/us':>10}  agree"
    print(header)
    ratios_lrs, ratios_gbt = [], []
    for size in args.sizes:
        for k in range(args.games):
            seed = args.seed + k
            rng = np.random.default_rng(seed)
            A = rng.integers(args.low, args.high + 1, (size, size)).tolist()
            B = rng.integers(args.low, args.high + 1, (size, size)).tolist()
            ours, t_ours = _ours(A, B)
            agree = []
            t_lrs = t_gbt = None
            if have_lrs:
                lrs, t_lrs = _lrsnash(A, B)
                agree.append("lrs=" + ("yes" if lrs == ours else "NO"))
                ratios_lrs.append(t_ours / max(t_lrs, 1e-3))
            if have_gambit:
                gbt, t_gbt = _gambit(A, B, args.gambit_timeout)
                if gbt is None:
                    agree.append(f"gambit stopped after {args.gambit_timeout:g}s wall "
                                 f"({t_gbt:.1f}s CPU)")
                    ratios_gbt.append(t_gbt / t_ours)
                else:
                    agree.append("gambit=" + ("yes" if gbt == ours else "NO"))
                    ratios_gbt.append(t_gbt / t_ours)
            print(f"{size:>5} {seed:>5} {len(ours):>5} {t_ours:>11.3f} "
                  f"{t_lrs if t_lrs is not None else float('nan'):>10.3f} "
                  f"{(t_ours / max(t_lrs, 1e-3)) if t_lrs else float('nan'):>7.2f} "
                  f"{t_gbt if t_gbt is not None else float('nan'):>10.3f} "
                  f"{(t_gbt / t_ours) if t_gbt else float('nan'):>10.1f}  {' '.join(agree)}",
                  flush=True)
    if ratios_lrs:
        print(f"symalign / lrsnash time: max {max(ratios_lrs):.2f}, "
              f"geometric mean {np.exp(np.mean(np.log(ratios_lrs))):.2f} (target <= 5)")
    if ratios_gbt:
        print(f"pygambit / symalign time: min {min(ratios_gbt):.1f} (target >= 10; "
              "a stopped run counts with the CPU time it had used, a lower bound)")


if __name__ == "__main__":
    main()
