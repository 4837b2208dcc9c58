"""Benchmark: every Nash equilibrium of random integer games with 3 or 4 players (issue 15).

Times ``symalign.nash_equilibria`` (exact support enumeration, `symalign.normalform.nplayer`)
on random 2x2x2, 3x3x3 and 2x2x2x2 games with integer payoffs, and, when pygambit is
installed, its floating-point ``gnm`` and ``enumpoly`` solvers on the same games, in child
processes with a time limit. It reports how many equilibria each method finds, whether each
of pygambit's equilibria is one of symalign's (to 1e-6), and the issue's targets:
2x2x2 at most 0.5 s per game; 3x3x3 and 2x2x2x2 at most 30 s per game.

Times are CPU times (``time.process_time`` plus the CPU time of reaped child processes, in which
symalign solves systems of 7 or more unknowns); run on a shared machine they are indicative.
Tests never assert timings; this script reports.

Usage::

    python benchmarks/bench_nplayer.py [--games 5] [--low -9 --high 9] [--shapes 2x2x2 3x3x3]
                                       [--gambit-timeout 60] [--no-gambit] [--nfg FILE ...]

``--nfg`` adds game files (e.g. tests/data/gambit_5x4x3.nfg, Gambit's 5x4x3 example).
The last lines give, per shape, symalign's total time over pygambit's (gnm, enumpoly) on
the games where pygambit finished: the ratio in one run.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import symalign as sa  # noqa: E402

TARGETS = {(2, 2, 2): 0.5, (3, 3, 3): 30.0, (2, 2, 2, 2): 30.0}


def _gambit_worker(arrays, method, queue):
    from symalign.normalform.crosscheck import gambit_equilibria
    g = sa.Game.from_arrays(*arrays)
    t = time.process_time()
    eqs = gambit_equilibria(g, method=method)
    queue.put((eqs, time.process_time() - t))


def _gambit(arrays, method, timeout):
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    proc = ctx.Process(target=_gambit_worker, args=(arrays, method, q))
    proc.start()
    try:
        out = q.get(timeout=timeout)
    except Exception:
        proc.kill()
        out = (None, None)
    proc.join()
    return out


def _cpu() -> float:
    """This process's CPU time plus that of its reaped children (symalign's solver workers)."""
    t = os.times()
    return time.process_time() + t.children_user + t.children_system


def _contained(eqs, ours) -> bool:
    return all(any(all(abs(a - b) < 1e-6 for s, t in zip(eq, o) for a, b in zip(s, t))
                   for o in ours) for eq in eqs)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shapes", nargs="+", default=["2x2x2", "3x3x3", "2x2x2x2"])
    ap.add_argument("--games", type=int, default=5)
    ap.add_argument("--low", type=int, default=-9)
    ap.add_argument("--high", type=int, default=9)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--gambit-timeout", type=float, default=60.0)
    ap.add_argument("--no-gambit", action="store_true")
    ap.add_argument("--nfg", nargs="*", default=[])
    args = ap.parse_args(argv)
    have_gambit = False
    if not args.no_gambit:
        try:
            from symalign.normalform.crosscheck import _gambit_module
            _gambit_module()
            have_gambit = True
        except sa.MissingDependencyError as e:
            print(f"pygambit cross-check skipped: {e}")
    print(f"{'shape':>8} {'seed':>4} {'#NE':>4} {'#irr':>4} {'#comp':>5} {'complete':>8} "
          f"{'symalign s':>10}  gambit (gnm / enumpoly: #NE, s, all ours?)")
    summary, vs = {}, {}
    jobs = []
    for text in args.shapes:
        shape = tuple(int(k) for k in text.split("x"))
        for k in range(args.games):
            seed = args.seed + k
            rng = np.random.default_rng(seed)
            jobs.append((text, seed, [rng.integers(args.low, args.high + 1, shape).tolist()
                                      for _ in shape]))
    for path in args.nfg:
        from symalign.io.nfg import read_nfg
        g = read_nfg(path)
        jobs.append((os.path.basename(path), "-", [a.tolist() for a in g.sympy_array()]))
    for text, seed, arrays in jobs:
        times = summary.setdefault(text, [])
        g = sa.Game.from_arrays(*arrays)
        t = _cpu()
        ne = sa.nash_equilibria(g)
        el = _cpu() - t
        times.append(el)
        ours = ne.as_floats()
        irr = sum(not all(v.is_Rational for s in p.strategies for v in s) for p in ne)
        cols = []
        if have_gambit:
            for method in ("gnm", "enumpoly"):
                eqs, gt = _gambit(arrays, method, args.gambit_timeout)
                if eqs is None:
                    cols.append(f"{method}: stopped after {args.gambit_timeout:g}s")
                else:
                    cols.append(f"{method}: {len(eqs)}, {gt:.2f}s, "
                                f"{'yes' if _contained(eqs, ours) else 'NO'}")
                    acc = vs.setdefault((text, method), [0.0, 0.0])
                    acc[0] += el
                    acc[1] += gt
        print(f"{text:>8} {seed:>4} {len(ne):>4} {irr:>4} {len(ne.components):>5} "
              f"{str(ne.complete):>8} {el:>10.3f}  {'; '.join(cols)}", flush=True)
    for text, times in summary.items():
        shape = tuple(int(k) for k in text.split("x")) if text[0].isdigit() and \
            text.replace("x", "").isdigit() else None
        target = TARGETS.get(shape)
        line = (f"{text}: max {max(times):.3f} s, mean {sum(times) / len(times):.3f} s over "
                f"{len(times)} games")
        if target:
            line += f" (target <= {target:g} s; max / target = {max(times) / target:.3f})"
        for method in ("gnm", "enumpoly"):
            if (text, method) in vs:
                a, b = vs[(text, method)]
                line += f"; symalign / {method} = {a / b:.1f}" if b > 0 else ""
        print(line)


if __name__ == "__main__":
    main()
