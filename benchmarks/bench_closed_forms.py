"""Benchmark: closed forms of the delegation measures and bounds on 2x2 families (issue 14).

Issue 14 target: each closed form of a 2x2 family takes at most 10 s. For every family of the
issue's acceptance list and every measure (IA of each agent, CA of agents and principals, the
calibration ratios, welfare regret, Forms A, A1, C and P, Prop B) the closed form is computed
cold: in a child process forked from a parent that has done no symbolic work (it has only
imported the solvers), so neither the game's caches nor the sign engine's module-level caches
carry over from another measure. A
measure still running after ``--limit`` seconds (default 600) is stopped and reported as such.
The baseline is the same measure on the numeric game at one admissible point, in the parent.
Timings are measured, never asserted; the machine may be shared and loaded.

Usage: python3 benchmarks/bench_closed_forms.py [--only FAMILY] [--measure MEASURE]
       [--limit SECONDS] [--json FILE]
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import sympy  # noqa: E402

import symalign as sa  # noqa: E402
from symalign.delegation.alignment import (calibration_ratios, collective_alignment,  # noqa: E402
                                           individual_alignment)
from symalign.delegation.bounds import form_a, form_a1, form_c, form_p, prop_b  # noqa: E402
from symalign.delegation.model import DelegationGame, welfare_regret  # noqa: E402

T, R, P, S = sympy.symbols("T R P S", real=True)
M, c = sympy.symbols("M c", real=True)
k, x = sympy.symbols("k x", positive=True)


def _pd(extra=()):
    pd = sa.games.prisoners_dilemma(T, R, P, S).assuming(T > R, R > P, P > S, *extra)
    return DelegationGame(pd, sa.games.prisoners_dilemma())


def _families():
    sh = sa.games.stag_hunt()
    gen_a, gen_p = sa.games.symbolic_game((2, 2)), sa.games.symbolic_game((2, 2), "v")
    return {
        "PD, T > R > P > S": (lambda: _pd(), ("D", "D"), {T: 3, R: 2, P: 1, S: 0}),
        "PD, and 2R > T + S": (lambda: _pd([2 * R > T + S]), ("D", "D"),
                               {T: 3, R: 2, P: 1, S: 0}),
        "stag hunt, mammoth M > 2": (
            lambda: DelegationGame(sa.games.stag_hunt(mammoth=M).assuming(M > 2), sh),
            ("F", "F"), {M: 5}),
        "stag hunt scaled by k > 0": (
            lambda: DelegationGame(sa.Game.from_arrays(*[k * a for a in sh.sympy_array()]), sh),
            (0, 0), {k: 3}),
        "Battle of the Sexes, x > 0": (
            lambda: DelegationGame(sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 2]]),
                                   sa.games.battle_of_the_sexes()), (0, 1), {x: 3}),
        "chicken, crash cost c > 1": (
            lambda: DelegationGame(sa.Game.from_arrays([[6, 2], [7, -c]], [[6, 7], [2, -c]])
                                   .assuming(c > 1), sa.games.chicken()), (1, 1), {c: 2}),
        "generic symbolic 2x2": (lambda: DelegationGame(gen_a, gen_p), (0, 0),
                                 {s: sympy.Integer(i % 3) for i, s in enumerate(sorted(
                                     gen_a.free_symbols | gen_p.free_symbols,
                                     key=lambda s: s.name))}),
    }


MEASURES = {
    "IA_0": lambda dg, pr: individual_alignment(dg, 0),
    "IA_1": lambda dg, pr: individual_alignment(dg, 1),
    "CA agents": lambda dg, pr: collective_alignment(dg, "agents"),
    "CA principals": lambda dg, pr: collective_alignment(dg, "principals"),
    "calibration ratios": lambda dg, pr: calibration_ratios(dg),
    "welfare regret": lambda dg, pr: welfare_regret(dg, pr),
    "Form A": lambda dg, pr: form_a(dg, pr).value,
    "Form A1": lambda dg, pr: form_a1(dg, pr).value,
    "Form C": lambda dg, pr: form_c(dg, pr).value,
    "Form P (CC = 0)": lambda dg, pr: form_p(dg, pr, cc=0).value,
    "Prop B": lambda dg, pr: prop_b(dg).value,
}


def _child(queue, family, measure):
    make, profile, _ = _families()[family]
    dg = make()
    t0 = time.perf_counter()
    try:
        MEASURES[measure](dg, profile)
        status = "ok"
    except Exception as exc:          # reported, not hidden
        status = type(exc).__name__
    queue.put((time.perf_counter() - t0, status))


def _cold(family: str, measure: str, limit: float):
    """``(seconds, status)`` of one closed form in a fresh forked child (cold caches)."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(queue, family, measure))
    t0 = time.perf_counter()
    proc.start()
    proc.join(limit)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return time.perf_counter() - t0, f"stopped after {limit:g} s"
    if queue.empty():
        return time.perf_counter() - t0, f"child exit code {proc.exitcode}"
    return queue.get()


def _warm_imports():
    """Load the lazily imported solvers (scipy's HiGHS, about 3 s on a loaded machine) in
    the parent, so that no child pays a one-time import; no symbolic work, no cache filled."""
    from symalign.engines.lp import solve_lp
    solve_lp([1], [[1]], [1], None, None, maximize=True, free=[0])


def run(only: str | None = None, measure: str | None = None, limit: float = 600) -> list[dict]:
    _warm_imports()
    rows = []
    print(f"{'family':<28} {'measure':<20} {'closed form s':>13} {'numeric s':>10}  "
          "target 10 s")
    for fam, (make, profile, point) in _families().items():
        if only and only.lower() not in fam.lower():
            continue
        for name, f in MEASURES.items():
            if measure and measure.lower() != name.lower():
                continue
            closed_s, status = _cold(fam, name, limit)
            dg = make()
            ng = DelegationGame(dg.agents.subs(point), dg.principals.subs(point))
            t2 = time.perf_counter()
            try:
                f(ng, profile)
            except Exception:
                pass
            numeric_s = time.perf_counter() - t2
            rows.append({"family": fam, "measure": name, "closed_s": closed_s,
                         "numeric_s": numeric_s, "status": status,
                         "within_target": closed_s <= 10 and status == "ok"})
            flag = "" if closed_s <= 10 else "  over target"
            print(f"{fam:<28} {name:<20} {closed_s:>13.2f} {numeric_s:>10.3f}  {status}{flag}",
                  flush=True)
    over = [r for r in rows if not r["within_target"]]
    print(f"{len(rows) - len(over)} of {len(rows)} closed forms within the 10 s target"
          + ("; over: " + ", ".join(f"{r['family']} / {r['measure']}" for r in over)
             if over else ""))
    return rows


def _arg(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


if __name__ == "__main__":
    out = run(_arg("--only"), _arg("--measure"), float(_arg("--limit", 600)))
    if _arg("--json"):
        with open(_arg("--json"), "w") as fh:
            json.dump(out, fh, indent=1)
