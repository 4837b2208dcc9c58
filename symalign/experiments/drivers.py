"""The experiments of the delegation-games paper, reproducible from a seed (Sourbut, Hammond & Wood (2024), Sec. 6).

* `bound_validation`: the 3-D regret experiment (Sourbut, Hammond & Wood (2024), Appendix C.2): random delegation games under MAX
  with calibrated agents and a correlated profile aimed at a target principals' regret; every
  verdict of Form A (optimal ``R``, capped) and Form A1 is decided exactly (the forms are
  explained in docs/discussion/delegation.rst);
* `grid_scan`: principal welfare against each of IA, IC, CA and CC (Sourbut, Hammond & Wood (2024), Sec. 6.1), on exact
  constructions with Form P and Prop B decided exactly;
* `estimation_error`: the error of the estimators against the number of samples
  (Sourbut, Hammond & Wood (2024), Sec. 6.2).

Each experiment cuts its games into chunks (``chunk_size`` games per task) and runs them on
any ``concurrent.futures``-style executor: inline (``workers=1``), a ``ProcessPoolExecutor``
(``workers=W``, the default uses every core), a ``dask.distributed`` scheduler
(``scheduler="tcp://host:8786"``) or a local dask cluster (``cluster="local"``). Every game's
randomness comes from ``numpy.random.SeedSequence([seed, game_index, ...])``, so the JSON
summary is identical whatever the executor, the number of workers or the chunk size.

Each writes into the folder ``out`` a JSON summary (``summary.json``; keys ``games``,
``violations``, ``max_tightness``, the parameters and the seed) and figures as PNG and PDF,
atomically. Floats appear only as plotting coordinates and as the float companions of the
exact values recorded as strings.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from fractions import Fraction

from symalign.experiments.runner import (
    chunk_cache,
    chunk_ranges,
    prepare_out,
    run_tasks,
    write_json,
)
from symalign.core.lazy import np
from symalign.core.errors import MissingDependencyError, SymalignError

__all__ = ["ExperimentResult", "bound_validation", "grid_scan", "estimation_error"]


@dataclass(frozen=True)
class ExperimentResult:
    """The outcome of an experiment: the JSON summary, the files written and the wall time.

    ``summary`` is exactly what ``summary.json`` holds (identical for any executor);
    ``data`` holds the plotting coordinates (floats); ``wall_time`` is in seconds and is
    deliberately not part of the summary.

    Examples
    ========

    >>> from symalign.experiments import bound_validation
    >>> r = bound_validation(games=20, seed=1, workers=1, progress=False)
    >>> r.name, r.summary["games"], r.violations
    ('bound_validation', 20, 0)
    """

    name: str
    summary: dict
    files: tuple = ()
    wall_time: float = 0.0
    data: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def violations(self) -> int:
        """Total number of exact bound violations (expected 0)."""
        return self.summary["violations"]


def _check_count(value, name, minimum=1):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise SymalignError(f"Argument '{name}' is {value!r}; pass an int >= {minimum}.")
    return int(value)


def _check_seed(seed):
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise SymalignError(f"Argument 'seed' is {seed!r}; pass a non-negative int.")
    return int(seed)


def _exact_text(x):
    """Exact text of a rational (Fraction or sympy); None for an irrational value, whose
    printed form is not canonical (it may depend on how the value was computed)."""
    if isinstance(x, Fraction) or getattr(x, "is_Rational", False):
        return str(x)
    return None


PAPER_SIZES = ((3, 3), (5, 5, 4), (6, 7, 4, 6), (7, 3, 8, 5, 12))
APPENDIX_OTHERS = ("0", "1/4", "1/2", "3/4", "1")


def _check_shape(shape, name="shape"):
    if isinstance(shape, (str, bytes)) or not hasattr(shape, "__iter__"):
        raise SymalignError(f"Argument '{name}' is {shape!r}; pass a tuple of action counts "
                            "such as (3, 3).")
    shape = tuple(_check_count(k, name) for k in shape)
    if not shape or int(np.prod(shape)) < max(len(shape) + 1, 3):
        raise SymalignError(f"Argument '{name}' is {shape}; the construction needs at least "
                            f"max(n + 1, 3) = {max(len(shape) + 1, 3)} outcomes.")
    if int(np.prod(shape)) > 200_000:      # keeps the int64 Gram sums of rounded payoffs exact
        raise SymalignError(f"Argument '{name}' is {shape}: {int(np.prod(shape)):,} outcomes, "
                            "above the limit of 200,000 for the experiments.")
    return shape


def _check_unit_rationals(values, name):
    from symalign.core.exact import to_exact
    if isinstance(values, (str, int, Fraction)) or not hasattr(values, "__iter__"):
        values = [values]
    out = []
    for v in values:
        x = to_exact(v, name=name)
        if not (x.is_Rational and 0 <= x <= 1):
            raise SymalignError(f"Argument '{name}' holds {v!r}; pass rationals in [0, 1].")
        out.append(str(x))
    if not out:
        raise SymalignError(f"Argument '{name}' is empty; pass at least one value.")
    return out



def _finish(name, summary, out, figure_fn, data, t0, make_figures):
    files = []
    if out is not None:
        out = prepare_out(out)
        if make_figures:
            try:
                files += [os.path.basename(f) for f in figure_fn(out)]
            except MissingDependencyError as exc:     # no matplotlib: results, no figures
                summary["figures_note"] = f"no figures: {exc}"
        summary["files"] = sorted(files + ["summary.json"])
        write_json(os.path.join(out, "summary.json"), summary)
        files = [os.path.join(out, f) for f in summary["files"]]
    return ExperimentResult(name, summary, tuple(files), time.monotonic() - t0, data)


def bound_validation(games: int = 100_000, seed: int = 9622709, *, out=None, n: int = 4,
                     n_outcomes: int = 4, standardisation="MAX", max_misalignment=1,
                     agent_magnitudes=None, welfare_ratios=None, denominator: int = 1000,
                     chunk_size: int = 1000, resume: bool = True, workers=None,
                     scheduler=None, cluster=None, executor=None, progress=None,
                     figures: bool = True) -> ExperimentResult:
    """Validate Forms A and A1 exactly on random delegation games (Sourbut, Hammond & Wood
    (2024), appendix C.2, the 3-D regret experiment; the defaults are its settings).

    The paper's final 3-D setting: MAX standardisation, ``n = 4``, ``|S| = 4``, calibrated
    agents ``m = (1, 1, 1, 1)``, principals ``standardise(U(0,1)^|S|)``, agents rotated towards
    random headings with a sampled total misalignment, and a correlated profile aimed at a
    principals' regret drawn from ``U(0, n K_m)`` (`symalign.delegation.constructions`). For
    each game it records the realised total misalignment ``sum_i m_hat_i d_i``, the agents'
    ``WR`` and the principals' ``WR_hat`` (sum form) and decides Form A (optimal ``R``, capped)
    and Form A1 exactly (`symalign.delegation.bounds.check_bounds`); for MAX an independent
    exact ``Fraction`` evaluation re-decides each verdict (``disagreements`` counts mismatches).
    ``max_tightness`` is the largest ``WR_hat / Form A`` (exact, also as a string).

    ``welfare_ratios`` runs the same ``games`` games once per set of welfare ratios
    ``r_i = m_hat_i / m_i`` (the principals have ``m_hat_i = 1``, so the agents get
    ``m_i = 1 / r_i``); the summary adds one entry per set (``by_welfare_ratio``) and the 3-D
    figure one panel per set.

    Examples
    ========

    >>> from symalign.experiments import bound_validation
    >>> r = bound_validation(games=20, seed=1, workers=1, progress=False)
    >>> r.summary["games"], r.summary["violations"], r.summary["disagreements"]
    (20, 0, 0)
    >>> 0 < r.summary["max_tightness"] <= 1
    True

    Parameters
    ==========

    games : int
        Number of games per set of welfare ratios (the paper: 100,000).
    seed : int
        The experiment's seed (the paper's notebook: 9622709).
    out : path, optional
        Folder for ``summary.json``, ``bounds_3d.{png,pdf}`` and ``bounds_tightness.{png,pdf}``;
        nothing is written without it.
    n, n_outcomes : int
        Pairs and outcomes (a flat outcome set).
    standardisation : {"MAX", "EPIC"}
        EPIC runs through the exact sympy records and is much slower.
    max_misalignment : exact number
        ``T ~ U(0, max_misalignment) n`` (the notebook's ``max_epic``).
    agent_magnitudes : sequence of n exact positive numbers, optional
        Default ``(1, ..., 1)``: perfectly calibrated. Otherwise Form A1's hypothesis fails
        and is counted in ``hypotheses_failed``.
    welfare_ratios : sequence of sets, optional
        Each set is one exact positive number (every pair) or ``n`` of them; excludes
        ``agent_magnitudes``. Default: the one set ``agent_magnitudes`` gives.
    denominator : int
        Grid of the rational random draws.
    chunk_size : int
        Games per task.
    resume : bool
        Reuse the chunk results of an earlier run with the same arguments in ``out``
        (written to ``out/.chunks/``).
    workers : int, optional
        Worker processes (default: every core; 1 runs inline).
    scheduler : str, optional
        Address of a running dask scheduler.
    cluster : {"local"}, optional
        Start a ``distributed.LocalCluster`` with ``workers`` workers.
    executor : concurrent.futures.Executor or distributed.Client, optional
        Run on this executor (left open).
    progress : bool, optional
        Progress bar on stderr; default only on a terminal.
    figures : bool
        Draw the figures (with ``out``).

    Returns
    =======

    ExperimentResult

    Raises
    ======

    SymalignError
        For invalid arguments.
    MissingDependencyError
        For ``scheduler``/``cluster`` without dask, or figures without matplotlib.

    """
    from symalign.experiments import bounds as B
    t0 = time.monotonic()
    games = _check_count(games, "games")
    seed = _check_seed(seed)
    name = getattr(standardisation, "name", standardisation)
    if name not in ("MAX", "EPIC"):
        raise SymalignError(f"Argument 'standardisation' is {standardisation!r}; use 'MAX' or "
                            "'EPIC'.")
    n = _check_count(n, "n")
    n_outcomes = _check_count(n_outcomes, "n_outcomes", 3)
    denominator = _check_count(denominator, "denominator")
    from symalign.core.exact import to_exact
    if agent_magnitudes is not None and welfare_ratios is not None:
        raise SymalignError("Arguments 'agent_magnitudes' and 'welfare_ratios' exclude each "
                            "other; pass one of them.")
    if agent_magnitudes is not None:
        mags = [to_exact(m, name="agent_magnitudes") for m in agent_magnitudes]
        if len(mags) != n or any(not (m.is_Rational and m > 0) for m in mags):
            raise SymalignError(f"Argument 'agent_magnitudes' is {agent_magnitudes!r}; pass "
                                f"{n} positive rational numbers.")
        sets = [[str(1 / m) for m in mags]]
    else:
        sets = _ratio_sets(welfare_ratios if welfare_ratios is not None else [["1"]], n)
    mm = to_exact(max_misalignment, name="max_misalignment")
    if not (mm.is_Rational and mm >= 0):
        raise SymalignError(f"Argument 'max_misalignment' is {max_misalignment!r}; pass a "
                            "non-negative rational number.")
    params = {"n": n, "n_outcomes": n_outcomes, "standardisation": name,
              "max_misalignment": str(mm), "denominator": denominator}
    per_set = [{**params, "agent_magnitudes": None if all(r == "1" for r in rs)
                else [str(1 / Fraction(r)) for r in rs]} for rs in sets]
    ranges = chunk_ranges(games, chunk_size)
    tasks = [(seed, a, b, p) for p in per_set for a, b in ranges]
    cache = chunk_cache(out, "bounds", [seed, per_set, ranges]) if resume else None
    results = run_tasks(B.run_chunk, tasks, sizes=[b - a for _, a, b, _ in tasks],
                        executor=executor, workers=workers, scheduler=scheduler,
                        cluster=cluster, progress=progress, desc="bounds", cache=cache)
    k = len(ranges)
    groups = [results[j * k:(j + 1) * k] for j in range(len(sets))]
    points = np.concatenate([np.column_stack([r["points"], np.full(len(r["points"]), j)])
                             for j, rs in enumerate(groups) for r in rs])
    by_ratio = [_bounds_summary(rs, ratios, p["agent_magnitudes"] or ["1"] * n, games)
                for rs, ratios, p in zip(groups, sets, per_set)]
    best = None
    for b in by_ratio:
        if b["_best"] is not None and (best is None or _greater(b["_best"][0], best[0])):
            best = b["_best"]
    summary = {
        "experiment": "bound_validation",
        "source": "Sourbut, Hammond & Wood (2024), appendix C.2 (3-D regret experiment); "
                  "Form A (optimal R, capped) and Form A1",
        "games": games * len(sets),
        "seed": seed,
        "parameters": {**params, "agent_magnitudes": by_ratio[0]["agent_magnitudes"],
                       "welfare_ratios": sets, "welfare": "sum",
                       "profile": "correlated, aimed at U(0, n K_m) regret"},
        "violations": sum(b["violations"] for b in by_ratio),
        "violations_by_form": {f: sum(b["violations_by_form"][f] for b in by_ratio)
                               for f in ("form_a", "form_a1")},
        "hypotheses_failed": {f: sum(b["hypotheses_failed"][f] for b in by_ratio)
                              for f in ("form_a", "form_a1")},
        "disagreements": sum(b["disagreements"] for b in by_ratio),
        "exact_fallbacks": sum(b["exact_fallbacks"] for b in by_ratio),
        "max_tightness": None if best is None else (
            float(best[0]) if isinstance(best[0], Fraction) else _float(best[0])),
        "max_tightness_exact": None if best is None else _exact_text(best[0]),
        "max_tightness_game": None if best is None else int(best[1]),
        "ranges": {key: [float(points[:, j].min()), float(points[:, j].max())]
                   for j, key in enumerate(("agents_welfare_regret", "total_misalignment",
                                            "principals_welfare_regret", "form_a_bound"))},
        "by_welfare_ratio": [{k: v for k, v in b.items() if k != "_best"} for b in by_ratio],
    }
    fig_params = {**params, "agent_magnitudes": per_set[0]["agent_magnitudes"],
                  "welfare_ratios": sets}
    return _finish("bound_validation", summary, out,
                   lambda d: B.figures(points, fig_params, d), {"points": points}, t0, figures)


def _ratio_sets(welfare_ratios, n: int) -> list:
    """Each set of welfare ratios as ``n`` exact positive rationals (text)."""
    from symalign.core.exact import to_exact
    if isinstance(welfare_ratios, (str, bytes)) or not hasattr(welfare_ratios, "__iter__"):
        raise SymalignError(f"Argument 'welfare_ratios' is {welfare_ratios!r}; pass a list of "
                            "sets, e.g. [['1'], ['1', '1', '2', '2']].")
    sets = []
    for rs in welfare_ratios:
        rs = [rs] if isinstance(rs, (str, int, Fraction)) else list(rs)
        vals = [to_exact(r, name="welfare_ratios") for r in rs]
        if len(vals) not in (1, n) or any(not (v.is_Rational and v > 0) for v in vals):
            raise SymalignError(f"Argument 'welfare_ratios' holds {rs!r}; each set is one "
                                f"positive rational or {n} of them.")
        sets.append([str(v) for v in vals] * (n if len(vals) == 1 else 1))
    if not sets:
        raise SymalignError("Argument 'welfare_ratios' is empty; pass at least one set.")
    return sets


def _bounds_summary(results, ratios, mags, games) -> dict:
    best = None
    for r in results:
        b = r["best"]
        if b is not None and (best is None or _greater(b[0], best[0])):
            best = b
    return {"welfare_ratios": ratios, "agent_magnitudes": mags, "games": games,
            "violations": sum(r["violations"][f] for r in results
                              for f in ("form_a", "form_a1")),
            "violations_by_form": {f: sum(r["violations"][f] for r in results)
                                   for f in ("form_a", "form_a1")},
            "hypotheses_failed": {f: sum(r["hypotheses_failed"][f] for r in results)
                                  for f in ("form_a", "form_a1")},
            "disagreements": sum(r["disagreements"] for r in results),
            "exact_fallbacks": sum(r["exact_fallbacks"] for r in results),
            "max_tightness": None if best is None else (
                float(best[0]) if isinstance(best[0], Fraction) else _float(best[0])),
            "_best": best}


def _greater(a, b) -> bool:
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return a > b
    from symalign.engines.algebraic import compare
    return compare(a, b, "the largest tightness") > 0


def _float(x) -> float:
    """A float of an exact value, from 50 correct digits (independent of how it is written)."""
    import sympy
    return float(sympy.re(sympy.N(x, 50)))


def grid_scan(seed: int = 1282, *, out=None, shape=(3, 3), others=("9/10",),
              increments: int = 25, repetitions: int = 25,
              measures=("IA", "IC", "CA", "CC"), chunk_size: int = 26, resume: bool = True,
              workers=None, scheduler=None, cluster=None, executor=None, progress=None,
              figures: bool = True) -> ExperimentResult:
    """Principal welfare against each of IA, IC, CA and CC, bounds decided exactly
    (Sourbut, Hammond & Wood (2024), Sec. 6.1; the defaults are the paper's body figure).

    For each value of ``others`` and each swept measure, the other three measures are fixed
    at that value and the swept one takes ``increments + 1`` values in [0, 1];
    ``repetitions`` games are drawn at each point. Games are built as the authors build
    theirs, in floats with payoffs rounded (here to multiples of ``1e-6``), so IA and CA are
    hit up to rounding and their actual values are recorded and plotted; IC and CC are exact
    (`symalign.experiments.grid`). The agents play uniformly over the CC window with
    ``eps = 1 - IC``. Form P (``w_hat* - Form P`` bounds the played welfare) and Prop B
    (``w_hat^+ - Prop B`` bounds ``w_hat*``) are decided exactly in every game
    (``violations``, expected 0; a fallback profile outside an empty CC window fails Form P's
    hypotheses and is counted in ``hypotheses_failed``). ``max_tightness`` is the largest
    ``WR_hat / Form P`` (a float from a rigorous ball).

    Examples
    ========

    Collective capability swept over {0, 1}, the others at 9/10, one 3x3 game per point
    (Sourbut, Hammond & Wood (2024), Sec. 6.1):

    >>> from symalign.experiments import grid_scan
    >>> r = grid_scan(seed=3, increments=1, repetitions=1, measures=["CC"], workers=1,
    ...               progress=False)
    >>> r.summary["games"], r.summary["violations"]
    (2, 0)
    >>> [p["x"] for p in r.summary["points"]]
    [0.0, 1.0]

    Parameters
    ==========

    seed : int
        The paper's common seed is 1282.
    out : path, optional
        Folder for ``summary.json`` and ``grid.{png,pdf}``; chunk results go to
        ``out/.chunks/`` so that a rerun with the same arguments continues.
    shape : tuple of int
        Actions per agent (the paper: (3, 3) in the body; (5, 5, 4), (6, 7, 4, 6) and
        (7, 3, 8, 5, 12) in the appendix).
    others : exact number in [0, 1] or a sequence of them
        The value of the three measures not swept (the body: 9/10; the appendix: 0, 1/4,
        1/2, 3/4, 1); one row of panels each.
    increments, repetitions : int
    measures : sequence of {"IA", "IC", "CA", "CC"}
        The measures to sweep (default all four, one column of panels each).
    chunk_size : int
        Games per task.
    resume : bool
        Reuse the chunk results of an earlier run with the same arguments in ``out``.
    workers, scheduler, cluster, executor, progress, figures
        As for `bound_validation`.

    Returns
    =======

    ExperimentResult

    """
    from symalign.experiments import grid as G
    t0 = time.monotonic()
    seed = _check_seed(seed)
    increments = _check_count(increments, "increments")
    repetitions = _check_count(repetitions, "repetitions")
    others = _check_unit_rationals(others, "others")
    shape = _check_shape(shape)
    if isinstance(measures, str):
        measures = [m.strip() for m in measures.split(",")]
    measures = list(measures)
    bad = [m for m in measures if m not in G.MEASURES]
    if bad or not measures or len(set(measures)) != len(measures):
        raise SymalignError(f"Argument 'measures' is {measures!r}; pass distinct names among "
                            f"{G.MEASURES}.")
    params = {"increments": increments, "repetitions": repetitions, "others": others,
              "shape": list(shape), "measures": [m for m in G.MEASURES if m in measures]}
    jobs = [(mi, oi, vj, rep) for mi, m in enumerate(G.MEASURES) if m in measures
            for oi in range(len(others)) for vj in range(increments + 1)
            for rep in range(repetitions)]
    ranges = chunk_ranges(len(jobs), chunk_size)
    cache = chunk_cache(out, "grid", [seed, params, ranges]) if resume else None
    results = run_tasks(G.run_chunk, [(seed, jobs[a:b], params) for a, b in ranges],
                        sizes=[b - a for a, b in ranges], executor=executor, workers=workers,
                        scheduler=scheduler, cluster=cluster, progress=progress, desc="grid",
                        cache=cache)
    records = [r for chunk in results for r in chunk]
    viol = {f: sum(r["violations"][f] for r in records) for f in ("form_p", "prop_b")}
    failed = {f: sum(r["hypotheses_failed"][f] for r in records) for f in ("form_p", "prop_b")}
    tights = [(r["tightness"], k) for k, r in enumerate(records) if r["tightness"] is not None]
    best = max(tights) if tights else None
    summary = {
        "experiment": "grid_scan",
        "source": "Sourbut, Hammond & Wood (2024), Sec. 6.1; Form P (key lemma with R = 1) "
                  "and Prop B",
        "games": len(records),
        "seed": seed,
        "parameters": {**params, "standardisation": "EPIC", "welfare": "average",
                       "payoff_grid": "1/1000000"},
        "violations": sum(viol.values()),
        "violations_by_form": viol,
        "hypotheses_failed": failed,
        "exact_fallbacks": sum(r["exact_fallback"] for r in records),
        "relaxed_equilibria": sum(r["tolerance"] != "0" for r in records),
        "max_tightness": None if best is None else best[0],
        "max_tightness_exact": None,
        "max_tightness_at": None if best is None else {
            k: records[best[1]][k] for k in ("measure", "others", "value", "rep")},
        "redraws": sum(r["draws"] - 1 for r in records),
        "points": [{k: r[k] for k in ("measure", "others", "value", "rep", "x", "min", "max",
                                      "played_welfare", "bound_1", "bound_2", "tolerance")}
                   for r in records],
    }
    return _finish("grid_scan", summary, out, lambda d: G.figures(records, params, d),
                   {"records": records}, t0, figures)


def estimation_error(seed: int = 1282, *, out=None, sizes=PAPER_SIZES, repetitions: int = 25,
                     max_samples: int = 1000, checkpoints=None, grid: int = 100,
                     sources=None, chunk_size: int = 5, resume: bool = True,
                     workers=None, scheduler=None, cluster=None, executor=None,
                     progress=None, figures: bool = True) -> ExperimentResult:
    """Error of the estimators of IA, CA, IC and CC against the number of samples
    (Sourbut, Hammond & Wood (2024), Sec. 6.2; the defaults are the paper's).

    Per game: targets ``IA_i, CA, IC, CC`` uniform on the grid ``1/grid``, the agents carrying
    CA, laid out as a game of one of ``sizes`` (`symalign.experiments.estimation`). Samples
    are drawn with replacement from each estimator's source (``sources``; the paper's: all
    outcomes for IA and CA, the pure eps-NE with ``eps = 1 - IC`` for IC, the CC window for
    CC); at each checkpoint the absolute error of each estimate (mean over pairs for IA and IC)
    against the game's actual value is recorded as a float. IA and CA are undefined while
    fewer than two distinct outcomes have been seen, CC when ``w* = w_0`` (counted in
    ``undefined``). Exact checks (``violations``, expected 0; ``consistency_checks`` counts
    them): the range-consistent IC estimate from eps-NE samples is at least IC, and the window
    CC estimate from played samples is at least CC when the window is non-empty. The window
    estimate converges to the least CC in the window, which is at least CC, so its error
    need not fall to 0. There is no bound here, so ``max_tightness`` is None.

    Examples
    ========

    One 2x2 game, estimates after 2 and 4 samples (Sourbut, Hammond & Wood (2024), Sec. 6.2):

    >>> from symalign.experiments import estimation_error
    >>> r = estimation_error(sizes=[(2, 2)], repetitions=1, max_samples=4, checkpoints=[2, 4],
    ...                      workers=1, progress=False)
    >>> r.summary["violations"], r.summary["max_tightness"], r.summary["parameters"]["checkpoints"]
    (0, None, [2, 4])

    Parameters
    ==========

    seed : int
    out : path, optional
        Folder for ``summary.json`` and ``estimation.{png,pdf}`` (and ``.chunks/``).
    sizes : sequence of tuples
        Game sizes (actions per agent); the paper's (3, 3), (5, 5, 4), (6, 7, 4, 6) and
        (7, 3, 8, 5, 12).
    repetitions : int
        Games per size (the paper: 25).
    max_samples : int
        Samples per source (the paper: 1000).
    checkpoints : sequence of int, optional
        Sample counts at which to estimate (default every ``max_samples / 100``).
    grid : int
        Targets lie on ``{0, 1/grid, ..., 1}``.
    sources : dict, optional
        Estimate name to sampled set, among ``"all"``, ``"ne"`` (pure NE), ``"eps_ne"`` and
        ``"played"``; missing names keep the paper's source.
    chunk_size, resume, workers, scheduler, cluster, executor, progress, figures
        As for `grid_scan`.

    Returns
    =======

    ExperimentResult

    """
    from symalign.experiments import estimation as E
    t0 = time.monotonic()
    seed = _check_seed(seed)
    repetitions = _check_count(repetitions, "repetitions")
    max_samples = _check_count(max_samples, "max_samples", 2)
    grid = _check_count(grid, "grid")
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__iter__"):
        raise SymalignError(f"Argument 'sizes' is {sizes!r}; pass a list of shapes.")
    sizes = [_check_shape(s, "sizes") for s in sizes]
    if not sizes:
        raise SymalignError("Argument 'sizes' is empty; pass at least one shape.")
    src = dict(E.SOURCES)
    for m, s in (sources or {}).items():
        if m not in E.ESTIMATES or s not in E.SOURCE_NAMES:
            raise SymalignError(f"Argument 'sources' maps {m!r} to {s!r}; map names among "
                                f"{E.ESTIMATES} to sets among {E.SOURCE_NAMES}.")
        src[m] = s
    if checkpoints is None:
        step = max(1, max_samples // 100)
        checkpoints = list(range(step, max_samples + 1, step))
        if checkpoints[-1] != max_samples:
            checkpoints.append(max_samples)
    checkpoints = sorted({_check_count(k, "checkpoints") for k in checkpoints})
    if checkpoints[-1] > max_samples:
        raise SymalignError(f"Argument 'checkpoints' goes up to {checkpoints[-1]}, above "
                            f"max_samples = {max_samples}.")
    params = {"sizes": [list(s) for s in sizes], "repetitions": repetitions,
              "max_samples": max_samples, "checkpoints": checkpoints, "grid": grid,
              "sources": src}
    jobs = [(si, rep) for si in range(len(sizes)) for rep in range(repetitions)]
    ranges = chunk_ranges(len(jobs), chunk_size)
    cache = chunk_cache(out, "estimation", [seed, params, ranges]) if resume else None
    results = run_tasks(E.run_chunk, [(seed, jobs[a:b], params) for a, b in ranges],
                        sizes=[b - a for a, b in ranges], executor=executor, workers=workers,
                        scheduler=scheduler, cluster=cluster, progress=progress,
                        desc="estimation", cache=cache)
    records = [r for chunk in results for r in chunk]
    mae = {}
    for m in E.ESTIMATES:
        per_size = {}
        for si, s in enumerate(sizes):
            rows = [r for r in records if r["size"] == si]
            per_size["x".join(map(str, s))] = [
                (None if not vals else float(np.mean(vals)))
                for vals in ([r["errors"][m][j] for r in rows if r["errors"][m][j] is not None]
                             for j in range(len(checkpoints)))]
        mae[m] = per_size
    summary = {
        "experiment": "estimation_error",
        "source": "Sourbut, Hammond & Wood (2024), Sec. 6.2 (estimators of the measures)",
        "games": len(records),
        "seed": seed,
        "parameters": {**params, "standardisation": "EPIC",
                       "estimators": {"IC": "range", "CC": "window"},
                       "payoff_grid": "1/1000000"},
        "violations": sum(r["violations"] for r in records),
        "consistency_checks": sum(r["checks"] for r in records),
        "empty_windows": sum(r["empty_window"] for r in records),
        "relaxed_equilibria": sum(r["tolerance"] != "0" for r in records),
        "max_tightness": None,
        "undefined": {m: sum(r["undefined"][m] for r in records) for m in E.ESTIMATES},
        "redraws": sum(r["draws"] - 1 for r in records),
        "mean_absolute_error": mae,
        "targets": [r["targets"] for r in records],
    }
    return _finish("estimation_error", summary, out, lambda d: E.figures(records, params, d),
                   {"records": records}, t0, figures)
