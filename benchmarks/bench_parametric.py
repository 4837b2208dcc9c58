"""Benchmark: closed forms of the normal-form functions on parametric 2x2 families (issue 14).

For each family of the issue (the prisoner's dilemma with ``T > R > P > S``, and with
``2R > T + S``; the stag hunt with mammoth payoff ``M > 2`` and scaled by ``k > 0``; Battle of
the Sexes with ``x > 0``; chicken with crash cost ``c > 1``; the generic symbolic 2x2 game)
it times, on the symbolic game, the pure and mixed security values, the Nash-equilibrium
partition, the ``as_condition=True`` class predicates and the regions of alpha; and, as the
baseline in the same run, the same function on the numeric game at a point of the family.
It prints the seconds and the ratio symbolic / numeric. The issue's target: each closed form
of a 2x2 family takes at most 10 s. Timings are wall-clock medians (``--repeat``), measured,
never asserted; on a shared machine they vary with the load.

Usage::

    python benchmarks/bench_parametric.py [--repeat 1] [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

import sympy  # noqa: E402

import symalign as sa  # noqa: E402

TARGET_S = 10.0


def families():
    T, R, P, S = sympy.symbols("T R P S")
    M, k, x, c = sympy.symbols("M k x c")
    pd = sa.games.prisoners_dilemma(T, R, P, S)
    pd_point = {T: 5, R: 3, P: 1, S: 0}
    hunt = sa.games.stag_hunt(2, 1, 1, M)
    base = sa.games.stag_hunt()
    scaled = sa.Game.from_arrays(*[k * base.sympy_array()[i] for i in range(2)])
    bos = sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, x]])
    chicken = sa.Game.from_arrays([[0, -1], [1, -c]], [[0, 1], [-1, -c]])
    generic = sa.games.symbolic_game((2, 2))
    gsyms = sorted(generic.free_symbols, key=lambda s: s.name)
    return [
        ("PD, T > R > P > S", pd, [T > R, R > P, P > S], pd_point),
        ("PD, T > R > P > S, 2R > T + S", pd, [T > R, R > P, P > S, 2 * R > T + S], pd_point),
        ("PD, no assumptions", pd, [], pd_point),
        ("stag hunt, M > 2", hunt, [M > 2], {M: 10}),
        ("stag hunt scaled by k > 0", scaled, [k > 0], {k: 3}),
        ("Battle of the Sexes, x > 0", bos, [x > 0], {x: 2}),
        ("chicken, crash cost c > 1", chicken, [c > 1], {c: 10}),
        ("generic 2x2", generic, [], dict(zip(gsyms, [3, 0, 5, 1, 3, 5, 0, 1]))),
    ]


def functions():
    classes = ["is_common_payoff", "is_common_interest", "is_constant_sum", "is_zero_sum",
               "has_unique_pareto_payoff"]
    out = [
        ("security_value pure (both players)",
         lambda g, A: [sa.security_value(g, i, mixed=False, assumptions=A).value
                       for i in range(2)],
         lambda g: [sa.security_value(g, i, mixed=False).value for i in range(2)]),
        ("security_value mixed (both players)",
         lambda g, A: [sa.security_value(g, i, assumptions=A).value for i in range(2)],
         lambda g: [sa.security_value(g, i).value for i in range(2)]),
        ("nash_equilibria (partition)",
         lambda g, A: sa.nash_equilibria(g, assumptions=A),
         lambda g: sa.nash_equilibria(g)),
        ("as_condition predicates (5)",
         lambda g, A: [getattr(sa, f)(g, assumptions=A, as_condition=True) for f in classes],
         lambda g: [getattr(sa, f)(g) for f in classes]),
        ("regions of alpha",
         lambda g, A: sa.regions(sa.alpha, g, A),
         lambda g: sa.alpha(g)),
    ]
    return out


def median_time(f, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--only", default="")
    args = ap.parse_args(argv)
    print(f"{'family':34s} {'function':38s} {'symbolic s':>10s} {'numeric s':>10s} "
          f"{'ratio':>8s}  target <= {TARGET_S:g} s")
    worst = 0.0
    for fam, game, A, point in families():
        numeric = game.subs(point)
        for name, symbolic_f, numeric_f in functions():
            if args.only and args.only not in fam + " " + name:
                continue
            game._cache.clear()
            s = median_time(lambda f=symbolic_f, g=game, a=A: f(g, a), args.repeat)
            n = median_time(lambda f=numeric_f, g=numeric: f(g), args.repeat)
            worst = max(worst, s)
            flag = "" if s <= TARGET_S else "  OVER TARGET"
            print(f"{fam:34s} {name:38s} {s:10.3f} {n:10.4f} {s / max(n, 1e-9):8.0f}{flag}",
                  flush=True)
    print(f"slowest closed form: {worst:.2f} s (target {TARGET_S:g} s)")


if __name__ == "__main__":
    main()
