"""The mutation check: how many seeded bugs the proofs alone, and the proofs with the tests, catch.

A manual job (CPU-heavy; not part of CI)::

    python benchmarks/mutation/run.py                 # the NEW set (the acceptance check)
    python benchmarks/mutation/run.py --set heldout   # a second set, written afterwards
    python benchmarks/mutation/run.py --set issue     # the survivors reported in issue 19
    python benchmarks/mutation/run.py --json out.json --jobs 2

Each mutant (`mutants.py`) is applied as a text patch to a scratch copy of the source tree.
First ``symalign prove --only`` runs the mutant's theorems: a mutant is *killed by the proofs*
when a theorem does not come out as expected (a crash counts, as it is that theorem's named
failure). Only the mutants the proofs miss are then run against their test files with pytest
(``--all-tests`` runs the tests for every mutant, to measure the tests alone). A patch whose
text is not found exactly once is reported as stale and counts as not killed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutants import HELDOUT, ISSUE, NEW  # noqa: E402
from mutants_fresh import FRESH  # noqa: E402
import reach as _reach  # noqa: E402

_REACH = None


def _theorems(mutant) -> list[str] | None:
    """The mutant's theorems: as written, or (``None``) every theorem that reaches the mutated
    function according to reach.json (``None`` again: run every theorem)."""
    global _REACH
    if mutant[4] is not None:
        return list(mutant[4])
    if _REACH is None:
        f = Path(__file__).resolve().parent / "reach.json"
        if not f.exists():
            raise SystemExit("reach.json is missing: run benchmarks/mutation/reach.py first")
        _REACH = json.loads(f.read_text())
    return _reach.theorems_for(mutant[1], mutant[2], _REACH)


def _copy_tree(dst: Path) -> None:
    for name in ("symalign", "proofs", "tests", "pyproject.toml"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dst / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, dst / name)


def _run(cmd, cwd: Path, timeout: float) -> tuple[int, float, str]:
    env = dict(os.environ, PYTHONPATH=str(cwd), PYTHONDONTWRITEBYTECODE="1")
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                           timeout=timeout)
        return p.returncode, time.perf_counter() - t0, (p.stdout + p.stderr)[-2000:]
    except subprocess.TimeoutExpired:
        return -1, time.perf_counter() - t0, "timeout"


#: traced seconds per theorem (reach.py's log, a loaded machine): only the order of the runs
COST = {"alpha_per_player_scaling": 1.4, "surplus_claim_refuted": 2.4, "pd_covariance": 3.2,
        "welfare_regret_decomposition": 3.1, "measure_definitions": 4, "power_shortfall_at_ne": 5.2,
        "epic_constants": 5.2, "collective_alignment_range": 7.7, "security_certificates": 7.6,
        "correlated_certificates": 8.3, "form_p_bound": 8.9, "equilibrium_sets": 10.1,
        "alpha_translation_invariance": 10.2, "alpha_nonpositive": 10.3,
        "false_alpha_zero_common_payoff": 10.9, "power_welfare_identity": 11.5,
        "nash_bargaining_covariance": 13.7, "alpha_common_scaling": 18.8,
        "alignment_inequality": 24.3, "individual_alignment": 28.5, "form_a1_bound": 33.2,
        "alignment_equality_cases": 31.6, "solution_optimality": 32.4,
        "ideal_regret_bound": 33.3, "coordination_inequality": 35.8,
        "coordination_equality_constant_welfare": 40.3, "constant_sum_power": 40.4,
        "standardisation_invariance": 63.7, "form_a_bound": 65.8,
        "surplus_security_reference": 98.4, "form_c_bound": 200}

_UNTIL_FAIL = """
import sys
from symalign.proving.runner import run_proofs
for name in sys.argv[1:]:
    [v] = run_proofs(only=[name])
    if not v.ok:
        print(f"{name}: not as expected ({v.error or v.holds})")
        sys.exit(1)
print("all as expected")
"""


def _all_theorems() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from symalign.proving.runner import theorem_names
    return theorem_names()


def _witness(mutant, tmp: Path, out: dict, timeout: float) -> dict:
    """Run the mutant's witness program on the mutated tree and on the original one."""
    code = mutant[6]
    rc1, _, mutated = _run([sys.executable, "-c", code], tmp, timeout)
    rc0, _, original = _run([sys.executable, "-c", code], ROOT, timeout)
    out.update(status="changes output" if (rc0, original) != (rc1, mutated) else "NO CHANGE",
               proofs=False, tests=None, original=original.strip()[-300:],
               mutated=mutated.strip()[-300:])
    return out


def check(mutant, *, all_tests: bool, timeout: float, witness_only: bool = False) -> dict:
    name, path, old, new, _, tests = mutant[:6]
    theorems = None if witness_only else _theorems(mutant)
    out = {"name": name, "path": path,
           "theorems": "all" if theorems is None else list(theorems), "tests": list(tests)}
    with tempfile.TemporaryDirectory(prefix="symalign-mutant-") as tmp:
        tmp = Path(tmp)
        _copy_tree(tmp)
        target = tmp / path
        text = target.read_text() if target.exists() else ""
        if text.count(old) != 1:
            out.update(status="stale", proofs=False, tests=False,
                       detail=f"patch text found {text.count(old)} times")
            return out
        target.write_text(text.replace(old, new))
        py = sys.executable
        killed_p = False
        if witness_only:
            return _witness(mutant, tmp, out, timeout)
        if theorems is None or theorems:
            # cheapest first, stopping at the first theorem that does not come out as expected
            # (a killed mutant needs one failure; the verdict is the same as running them all)
            order = sorted(theorems or _all_theorems(), key=lambda t: (COST.get(t, 30), t))
            cmd = [py, "-c", _UNTIL_FAIL, *order]
            rc, sec, log = _run(cmd, tmp, timeout)
            killed_p = rc != 0
            out["proof_seconds"] = round(sec, 1)
            out["proof_log"] = log.strip().splitlines()[-1:] if log.strip() else []
            if rc == -1:
                out["proof_timeout"] = True
        out["proofs"] = killed_p
        killed_t = None
        if tests and (all_tests or not killed_p):
            rc, sec, log = _run([py, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                                 *tests], tmp, timeout)
            killed_t = rc != 0
            out["test_seconds"] = round(sec, 1)
        out["tests"] = killed_t
        out["status"] = "killed" if killed_p or killed_t else "survived"
    return out


def baseline(timeout: float) -> bool:
    """The unmutated tree must pass every theorem and test the mutants name."""
    thms = sorted({t for m in NEW + HELDOUT + ISSUE for t in m[4]})  # all but FRESH
    with tempfile.TemporaryDirectory(prefix="symalign-mutant-") as tmp:
        tmp = Path(tmp)
        _copy_tree(tmp)
        cmd = [sys.executable, "-m", "symalign", "prove", "--format", "json"]
        for t in thms:
            cmd += ["--only", t]
        rc, sec, log = _run(cmd, tmp, timeout)
        print(f"baseline proofs: {'ok' if rc == 0 else 'FAIL'} ({sec:.0f} s)")
        return rc == 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=("new", "heldout", "issue", "fresh", "all"), default="new")
    ap.add_argument("--witness", action="store_true",
                    help="only check that each mutant changes its witness program's output")
    ap.add_argument("--all-tests", action="store_true")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--only", action="append", help="run only mutants whose name contains this")
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args(argv)
    chosen = {"new": NEW, "heldout": HELDOUT, "issue": ISSUE, "fresh": FRESH,
              "all": NEW + HELDOUT + ISSUE + FRESH}[args.set]
    if args.only:
        chosen = [m for m in chosen if any(s in m[0] for s in args.only)]
    if args.witness:
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(lambda m: check(m, all_tests=False, timeout=args.timeout,
                                                    witness_only=True), chosen))
        for r in results:
            print(f"{r['status']:14} {r['name']}: {r['original'][-80:]!r} -> "
                  f"{r['mutated'][-80:]!r}")
        return 0 if all(r["status"] == "changes output" for r in results) else 1
    if not args.no_baseline and not baseline(args.timeout):
        return 2
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda m: check(m, all_tests=args.all_tests,
                                                timeout=args.timeout), chosen))
    for r in results:
        t = {None: "-", True: "killed", False: "missed"}[r["tests"]]
        print(f"{r['status']:9} proofs={'killed' if r['proofs'] else 'missed':6} tests={t:6} "
              f"{r['name']}" + (f"  [{r.get('detail')}]" if r.get("detail") else ""))
    n = len(results)
    kp = sum(r["proofs"] for r in results)
    kall = sum(r["status"] == "killed" for r in results)
    print(f"\n{n} mutants: proofs alone killed {kp} ({100 * kp / n:.0f}%); proofs and tests "
          f"together killed {kall} ({100 * kall / n:.0f}%); {time.perf_counter() - t0:.0f} s")
    if args.all_tests:
        kt = sum(bool(r["tests"]) for r in results)
        print(f"tests alone killed {kt} ({100 * kt / n:.0f}%)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0 if kall == n else 1


if __name__ == "__main__":
    sys.exit(main())
