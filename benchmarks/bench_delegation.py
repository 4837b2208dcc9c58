"""Benchmark: exact delegation-game bound validation in the paper's 3-D setting (Sourbut, Hammond & Wood (2024), appendix C.2).

Issue 7 target: at least 500 games per second per core, every verdict exact. The setting is
n = 4 principal-agent pairs and |S| = 4 outcomes; each game gets a correlated profile aimed at a
random principals' regret (`random_regret_profile`). For every game, `check_bounds` decides
Form A (optimal R, capped), Form A1, Form C and Prop B exactly: rigorous float intervals first,
exact sympy arithmetic (`symalign.engines.algebraic.sign`) for the verdicts the intervals cannot settle.

Usage: python3 benchmarks/bench_delegation.py [n_games] [seed]

Rates are CPU time of one process (time.process_time), so other load on the machine does not
distort them; wall-clock time is reported too.
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from sympy import Rational  # noqa: E402

from symalign.delegation.bounds import check_bounds  # noqa: E402
from symalign.delegation.constructions import random_delegation_game, random_regret_profile  # noqa: E402
from symalign.delegation.standardisation import EPIC, MAX  # noqa: E402


def _instances(count, std, seed0, miscalibrated):
    out = []
    for s in range(seed0, seed0 + count):
        mags = [Rational(1 + (s + 3 * i) % 5, 2) for i in range(4)] if miscalibrated else None
        dg = random_delegation_game(4, 4, seed=s, standardisation=std, agent_magnitudes=mags)
        out.append((dg, random_regret_profile(dg, seed=s + 10**6, standardisation=std)))
    return out


def run(n_games: int = 2000, seed: int = 9622709) -> list[dict]:
    rows = []
    for name, std, mis in (("MAX, calibrated (paper's final setting)", MAX, False),
                           ("MAX, miscalibrated", MAX, True),
                           ("EPIC, miscalibrated", EPIC, True)):
        c0, w0 = time.process_time(), time.perf_counter()
        games = _instances(n_games, std, seed, mis)
        c1, w1 = time.process_time(), time.perf_counter()
        violations = fallbacks = 0
        for dg, mu in games:
            r = check_bounds(dg, mu, standardisation=std)
            fallbacks += r.exact_fallbacks
            violations += sum(v is False for v in r.verdicts.values())
        c2, w2 = time.process_time(), time.perf_counter()
        rows.append({"setting": name, "games": n_games,
                     "generate_per_s": n_games / max(c1 - c0, 1e-9),
                     "validate_per_s": n_games / max(c2 - c1, 1e-9),
                     "end_to_end_per_s": n_games / max(c2 - c0, 1e-9),
                     "validate_wall_per_s": n_games / max(w2 - w1, 1e-9),
                     "exact_fallbacks": fallbacks, "violations": violations})
    return rows


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    n = int(argv[0]) if argv else 2000
    seed = int(argv[1]) if len(argv) > 1 else 9622709
    ok = True
    for row in run(n, seed):
        print(f"{row['setting']}: {row['games']} games; validation {row['validate_per_s']:.0f}/s "
              f"CPU ({row['validate_wall_per_s']:.0f}/s wall); generation "
              f"{row['generate_per_s']:.0f}/s; end to end {row['end_to_end_per_s']:.0f}/s; "
              f"exact fallbacks {row['exact_fallbacks']}; violations {row['violations']}")
        ok &= row["validate_per_s"] >= 500 and row["violations"] == 0
    print("target (>= 500 validations/s per core, no violations):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
