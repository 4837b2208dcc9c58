"""Which theorems reach which library functions: the map `run.py` uses to choose, for a mutant,
the theorems that can possibly see it, without anyone choosing them by hand.

A manual job (one traced ``symalign prove``; minutes)::

    python benchmarks/mutation/reach.py            # writes benchmarks/mutation/reach.json
    python benchmarks/mutation/reach.py --update NAME ...   # re-trace changed theorems only

Each theorem runs alone under a `sys.settrace` call hook that records every function of
``symalign/`` it calls (its qualified name, and every enclosing function's). A mutant changes
the lines of one function; a theorem that never calls that function runs exactly as before and
cannot fail, so the theorems that reach the function are all the proofs that could kill the
mutant (calls made while symalign is imported, such as building the EPIC and MAX constants,
count for every theorem), and running only them measures "the proofs alone" as the whole ``symalign prove``
would. A mutant outside every function (module level) runs every theorem.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "reach.json"
_STRIP = ("<listcomp>", "<genexpr>", "<dictcomp>", "<setcomp>", "<lambda>", "<locals>")


def _keys(qualname: str) -> list[str]:
    """``f.<locals>.g.<locals>.<listcomp>`` -> ``["f", "f.<locals>.g"]``: every enclosing def."""
    parts = [p for p in qualname.split(".")]
    out, cur = [], []
    for p in parts:
        if p in _STRIP:
            if p == "<locals>":
                cur.append(p)
            continue
        cur.append(p)
        if cur[-1] != "<locals>":
            out.append(".".join(cur))
    return out


def trace_one(name: str) -> dict[str, dict[str, list[str]]]:
    """Run one theorem under the call hook (in a fresh process: caches filled by an earlier
    theorem would hide calls)."""
    sys.path.insert(0, str(ROOT))
    pkg = str(ROOT / "symalign") + "/"
    reach: dict[str, set[str]] = {}
    seen: set = set()

    def hook(frame, event, arg):
        code = frame.f_code
        if code not in seen:
            seen.add(code)
            fn = code.co_filename
            if fn.startswith(pkg):
                reach.setdefault(fn[len(str(ROOT)) + 1:], set()).update(_keys(code.co_qualname))
        return None

    sys.settrace(hook)       # before the import: module-level constants (EPIC, MAX) count
    threading.settrace(hook)
    try:
        from symalign.proving.runner import run_proofs
        [v] = run_proofs(only=[name])
    finally:
        sys.settrace(None)
        threading.settrace(None)
    return {"ok": v.ok, "reach": {f: sorted(k) for f, k in reach.items()}}


def trace_all(names=None, previous=None) -> dict[str, dict[str, list[str]]]:
    """Trace every theorem (or re-trace ``names`` and keep ``previous`` for the others)."""
    sys.path.insert(0, str(ROOT))
    from symalign.proving.runner import theorem_names

    reach: dict[str, dict[str, set[str]]] = {}
    every = theorem_names()
    if names is not None:
        for f, d in (previous or {}).items():
            for k, thms in d.items():
                kept = {t for t in thms if t not in names and t in every}
                if kept:
                    reach.setdefault(f, {})[k] = kept
    for name in (every if names is None else names):
        t0 = time.perf_counter()
        p = subprocess.run([sys.executable, __file__, "--one", name], cwd=ROOT,
                           capture_output=True, text=True,
                           env=dict(os.environ, PYTHONPATH=str(ROOT)))
        if p.returncode != 0:
            raise SystemExit(f"{name}: {p.stderr[-2000:]}")
        one = json.loads(p.stdout.strip().splitlines()[-1])
        for f, ks in one["reach"].items():
            for k in ks:
                reach.setdefault(f, {}).setdefault(k, set()).add(name)
        print(f"{name}: ok={one['ok']} {time.perf_counter() - t0:.1f} s", flush=True)
    return {f: {k: sorted(v) for k, v in sorted(d.items())} for f, d in sorted(reach.items())}


def enclosing_function(path: str, old: str) -> str | None:
    """The qualified name of the innermost function holding every line of ``old`` in ``path``
    (None when some line is at module level or ``old`` is not found once)."""
    text = (ROOT / path).read_text()
    if text.count(old) != 1:
        return None
    start = text[:text.index(old)].count("\n") + 1
    end = start + old.count("\n")
    best = None

    def visit(node, prefix):
        nonlocal best
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                q = f"{prefix}{child.name}"
                if child.lineno <= start and end <= child.end_lineno:
                    best = q
                visit(child, q + ".<locals>.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    visit(ast.parse(text), "")
    return best


def theorems_for(path: str, old: str, reach: dict) -> list[str] | None:
    """The theorems that reach the function ``old`` lies in (None: run every theorem)."""
    fn = enclosing_function(path, old)
    if fn is None:
        return None
    return reach.get(path, {}).get(fn, [])


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(trace_one(sys.argv[2])))
        sys.exit(0)
    t0 = time.perf_counter()
    if sys.argv[1:2] == ["--update"]:     # re-trace only the named theorems
        data = trace_all(sys.argv[2:], json.loads(OUT.read_text()))
    else:
        data = trace_all()
    OUT.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT} ({time.perf_counter() - t0:.0f} s)")
