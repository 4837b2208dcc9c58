"""The paper's experiments at the paper's settings, in one call (Sourbut, Hammond & Wood (2024),
Sec. 6 and the appendix).

`paper_experiments` runs, into one folder:

* ``grid_body/``: the body's grid scan (shape (3, 3), others 9/10, 25 increments, 25
  repetitions: 2,600 games);
* ``grid_appendix_<shape>/`` for (5, 5, 4), (6, 7, 4, 6) and (7, 3, 8, 5, 12): others in
  {0, 1/4, 1/2, 3/4, 1}, 25 increments, 10 repetitions (5,200 games each);
* ``estimation/``: the four sizes above, 25 games each, 1,000 samples;
* ``bounds/``: the 3-D experiment (MAX, 4 pairs, 4 outcomes, 100,000 games per welfare
  ratio, seed 9622709), one panel per welfare ratio;

and a ``summary.json`` that lists every part with its games, violations, wall time and
files. Each part keeps its own chunk results, so an interrupted run continues where it
stopped when rerun with the same arguments. ``quick=True`` runs a small version of each
(seconds to a minute), for CI and for trying it out.
"""

from __future__ import annotations

import os
import time

from symalign.experiments.drivers import (
    PAPER_SIZES,
    APPENDIX_OTHERS,
    ExperimentResult,
    bound_validation,
    estimation_error,
    grid_scan,
)
from symalign.experiments.runner import prepare_out, write_json

__all__ = ["paper_experiments", "PAPER_RATIOS"]

PAPER_RATIOS = (("1",), ("1", "1", "2", "2"))


def _parts(quick: bool):
    """``(folder, function, keyword arguments)`` of every part."""
    if quick:
        return [
            ("grid_body", grid_scan, {"shape": (3, 3), "others": ("9/10",), "increments": 5,
                                      "repetitions": 2}),
            ("grid_appendix_5x5x4", grid_scan, {"shape": (5, 5, 4), "others": ("0", "1"),
                                                "increments": 2, "repetitions": 1}),
            ("estimation", estimation_error, {"sizes": PAPER_SIZES[:2], "repetitions": 2,
                                              "max_samples": 100}),
            ("bounds", bound_validation, {"games": 200, "welfare_ratios": PAPER_RATIOS}),
        ]
    parts = [("grid_body", grid_scan, {"shape": (3, 3), "others": ("9/10",),
                                       "increments": 25, "repetitions": 25})]
    for shape in PAPER_SIZES[1:]:
        parts.append((f"grid_appendix_{'x'.join(map(str, shape))}", grid_scan,
                      {"shape": shape, "others": APPENDIX_OTHERS, "increments": 25,
                       "repetitions": 10}))
    parts.append(("estimation", estimation_error, {"sizes": PAPER_SIZES, "repetitions": 25,
                                                   "max_samples": 1000}))
    parts.append(("bounds", bound_validation, {"games": 100_000,
                                               "welfare_ratios": PAPER_RATIOS}))
    return parts


def paper_experiments(out, *, quick: bool = False, only=None, workers=None, scheduler=None,
                      cluster=None, progress=None, figures: bool = True,
                      resume: bool = True) -> ExperimentResult:
    """Every experiment of the paper at its settings, into ``out`` (Sourbut, Hammond & Wood
    (2024), Sec. 6 and appendix C).

    Examples
    ========

    The quick version of the body's grid scan (Sourbut, Hammond & Wood (2024), Sec. 6.1):

    >>> import tempfile
    >>> from symalign.experiments import paper_experiments
    >>> with tempfile.TemporaryDirectory() as d:
    ...     r = paper_experiments(d, quick=True, only=["grid_body"], workers=1,
    ...                           progress=False, figures=False)
    >>> [(p["part"], p["games"], p["violations"]) for p in r.summary["parts"]]
    [('grid_body', 48, 0)]

    Parameters
    ==========

    out : path
        Folder for every part's subfolder and the combined ``summary.json``.
    quick : bool
        A small version of every part.
    only : sequence of str, optional
        Run only these parts (folder names, e.g. ``["grid_body"]``).
    workers, scheduler, cluster, progress, figures, resume
        As for `grid_scan`.

    Returns
    =======

    ExperimentResult
        Its summary lists every part; ``data`` holds the parts' results by folder.

    """
    t0 = time.monotonic()
    out = prepare_out(out)
    parts = _parts(bool(quick))
    names = [p[0] for p in parts]
    if only is not None:
        unknown = [x for x in only if x not in names]
        if unknown:
            from symalign.core.errors import SymalignError
            raise SymalignError(f"Argument 'only' holds {unknown!r}; the parts are {names}.")
        parts = [p for p in parts if p[0] in only]
    results, listing = {}, []
    common = {"workers": workers, "scheduler": scheduler, "cluster": cluster,
              "progress": progress, "figures": figures, "resume": resume}
    for folder, fn, kwargs in parts:
        res = fn(out=os.path.join(out, folder), **kwargs, **common)
        results[folder] = res
        s = res.summary
        listing.append({"part": folder, "experiment": res.name, "games": s["games"],
                        "violations": s["violations"], "max_tightness": s["max_tightness"],
                        "wall_time_s": round(res.wall_time, 1),
                        "files": [f"{folder}/{f}" for f in s.get("files", [])],
                        "figures_note": s.get("figures_note")})
    summary = {"experiment": "paper", "quick": bool(quick),
               "source": "Sourbut, Hammond & Wood (2024), Sec. 6 and appendix C",
               "games": sum(p["games"] for p in listing),
               "violations": sum(p["violations"] for p in listing),
               "max_tightness": max((p["max_tightness"] for p in listing
                                     if p["max_tightness"] is not None), default=None),
               "parts": listing,
               "wall_time_s": round(time.monotonic() - t0, 1)}
    write_json(os.path.join(out, "summary.json"), summary)
    files = tuple(os.path.join(out, f) for p in listing for f in p["files"])
    return ExperimentResult("paper", summary, files, time.monotonic() - t0, results)
