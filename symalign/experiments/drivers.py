"""The experiments of the delegation-games paper, reproducible from a seed (spec §11).

* `bound_validation`: the 3-D regret experiment (§11.3): random delegation games under MAX
  with calibrated agents and a correlated profile aimed at a target principals' regret; every
  verdict of Form A (optimal ``R``, capped, §7.4) and Form A1 (§7.5) is decided exactly;
* `grid_scan`: principal welfare against each of IA, IC, CA and CC (§11.1), on exact
  constructions (§9.2) with Form P (§7.6) and Prop B (§7.8) decided exactly;
* `estimation_error`: the error of the §10 estimators against the number of samples (§11.2).

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

from symalign.experiments.runner import chunk_ranges, prepare_out, run_tasks, write_json
from symalign.core.lazy import np
from symalign.core.errors import SymalignError

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


def _finish(name, summary, out, figure_fn, data, t0, make_figures):
    files = []
    if out is not None:
        out = prepare_out(out)
        if make_figures:
            files += [os.path.basename(f) for f in figure_fn(out)]
        summary["files"] = sorted(files + ["summary.json"])
        write_json(os.path.join(out, "summary.json"), summary)
        files = [os.path.join(out, f) for f in summary["files"]]
    return ExperimentResult(name, summary, tuple(files), time.monotonic() - t0, data)


def bound_validation(games: int = 1000, seed: int = 9622709, *, out=None, n: int = 4,
                     n_outcomes: int = 4, standardisation="MAX", max_misalignment=1,
                     agent_magnitudes=None, denominator: int = 1000, chunk_size: int = 1000,
                     workers=None, scheduler=None, cluster=None, executor=None, progress=None,
                     figures: bool = True) -> ExperimentResult:
    """Validate Forms A and A1 exactly on random delegation games (spec §11.3, §7.4, §7.5).

    The paper's final 3-D setting: MAX standardisation, ``n = 4``, ``|S| = 4``, calibrated
    agents ``m = (1, 1, 1, 1)``, principals ``standardise(U(0,1)^|S|)``, agents rotated towards
    random headings with a sampled total misalignment, and a correlated profile aimed at a
    principals' regret drawn from ``U(0, n K_m)`` (`symalign.delegation.constructions`). For each game
    it records the realised total misalignment ``sum_i m_hat_i d_i``, the agents' ``WR`` and
    the principals' ``WR_hat`` (sum form) and decides Form A (optimal ``R``, capped) and
    Form A1 exactly (`symalign.delegation.bounds.check_bounds`); for MAX an independent exact
    ``Fraction`` evaluation re-decides each verdict (``disagreements`` counts mismatches).
    ``max_tightness`` is the largest ``WR_hat / Form A`` (exact, also as a string).

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
        Number of games (the paper: 100,000).
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
    denominator : int
        Grid of the rational random draws.
    chunk_size : int
        Games per task.
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

    References
    ==========

    delegation_games.md §11.3 (setting), §7.4-§7.5 (bounds).

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
    mags = None
    if agent_magnitudes is not None:
        mags = [to_exact(m, name="agent_magnitudes") for m in agent_magnitudes]
        if len(mags) != n or any(not (m.is_Rational and m > 0) for m in mags):
            raise SymalignError(f"Argument 'agent_magnitudes' is {agent_magnitudes!r}; pass "
                                f"{n} positive rational numbers.")
        mags = [str(m) for m in mags]
    mm = to_exact(max_misalignment, name="max_misalignment")
    if not (mm.is_Rational and mm >= 0):
        raise SymalignError(f"Argument 'max_misalignment' is {max_misalignment!r}; pass a "
                            "non-negative rational number.")
    params = {"n": n, "n_outcomes": n_outcomes, "standardisation": name,
              "max_misalignment": str(mm), "agent_magnitudes": mags,
              "denominator": denominator}
    ranges = chunk_ranges(games, chunk_size)
    results = run_tasks(B.run_chunk, [(seed, a, b, params) for a, b in ranges],
                        sizes=[b - a for a, b in ranges], executor=executor, workers=workers,
                        scheduler=scheduler, cluster=cluster, progress=progress,
                        desc="bounds")
    points = np.concatenate([r["points"] for r in results])
    viol = {f: sum(r["violations"][f] for r in results) for f in ("form_a", "form_a1")}
    failed = {f: sum(r["hypotheses_failed"][f] for r in results) for f in ("form_a", "form_a1")}
    best = None
    for r in results:
        b = r["best"]
        if b is None:
            continue
        if best is None or _greater(b[0], best[0]):
            best = b
    summary = {
        "experiment": "bound_validation",
        "source": "delegation_games.md §11.3; bounds §7.4 (Form A), §7.5 (Form A1)",
        "games": games,
        "seed": seed,
        "parameters": {**params, "agent_magnitudes": mags or ["1"] * n,
                       "welfare": "sum", "profile": "correlated, aimed at U(0, n K_m) regret"},
        "violations": sum(viol.values()),
        "violations_by_form": viol,
        "hypotheses_failed": failed,
        "disagreements": sum(r["disagreements"] for r in results),
        "exact_fallbacks": sum(r["exact_fallbacks"] for r in results),
        "max_tightness": None if best is None else (
            float(best[0]) if isinstance(best[0], Fraction) else _float(best[0])),
        "max_tightness_exact": None if best is None else _exact_text(best[0]),
        "max_tightness_game": None if best is None else int(best[1]),
        "ranges": {key: [float(points[:, j].min()), float(points[:, j].max())]
                   for j, key in enumerate(("agents_welfare_regret", "total_misalignment",
                                            "principals_welfare_regret", "form_a_bound"))},
    }
    return _finish("bound_validation", summary, out,
                   lambda d: B.figures(points, params, d), {"points": points}, t0, figures)


def _greater(a, b) -> bool:
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return a > b
    from symalign.engines.algebraic import compare
    return compare(a, b, "the largest tightness") > 0


def _float(x) -> float:
    """A float of an exact value, from 50 correct digits (independent of how it is written)."""
    import sympy
    return float(sympy.re(sympy.N(x, 50)))


def _best_tightness(values):
    best = None
    for v in values:
        if v is not None and (best is None or _greater(v, best)):
            best = v
    return best


def grid_scan(seed: int = 1282, *, out=None, increments: int = 2, repetitions: int = 1,
              others="9/10", shape=(2, 2), measures=("IA", "IC", "CA", "CC"),
              chunk_size: int = 1, max_resamples: int = 50,
              workers=None, scheduler=None, cluster=None, executor=None, progress=None,
              figures: bool = True) -> ExperimentResult:
    """Principal welfare against each of IA, IC, CA and CC, bounds decided exactly (spec §11.1).

    Three of the measures are fixed at ``others``; the fourth is swept over
    ``increments + 1`` equally spaced values in [0, 1] (IA and IC equal for all pairs). Each
    game is the exact construction of §9.2 (`symalign.delegation.constructions.exact_alignment_game`:
    principals carry CA, agents IA, so both are realised exactly; agents' magnitudes in
    [1/2, 3/2] and shifts in [-1, 1] are random rationals), laid out in ``shape`` and
    resampled until a pure NE exists. The agents play uniformly over the CC window (§6.2)
    with ``eps = 1 - IC``. Recorded in the average form and normalised to [Min, Max] by the
    principals' dystopia and utopia: min and max principal welfare over outcomes, the played
    welfare, ``bound_1 = w_hat* - Form P`` and ``bound_2 = w_hat^+ - Prop B`` (§7.6, §7.8).
    Form P and Prop B are decided exactly in every game (``violations``, expected 0; a
    fallback profile outside an empty CC window fails Form P's hypotheses and is counted in
    ``hypotheses_failed``). ``max_tightness`` is the largest ``WR_hat / Form P``.

    The exact games carry square roots, which the library handles symbolically, so a game
    takes seconds: the defaults are far smaller than the paper's (``(3, 3)`` games, 25
    increments, 25 repetitions, others 0.9).

    Examples
    ========

    Collective capability swept over {0, 1}, the others at 9/10 (spec §11.1):

    >>> from symalign.experiments import grid_scan
    >>> r = grid_scan(seed=3, increments=1, measures=["CC"], workers=1, progress=False)
    >>> r.summary["games"], r.summary["violations"]
    (2, 0)
    >>> [p["x"] for p in r.summary["points"]]
    [0.0, 1.0]

    Parameters
    ==========

    seed : int
        The paper's common seed is 1282.
    out : path, optional
        Folder for ``summary.json`` and ``grid.{png,pdf}``.
    increments, repetitions : int
    others : exact number in [0, 1]
    shape : tuple of int
        Actions per agent; needs ``prod(shape) >= len(shape) + 1``.
    measures : sequence of {"IA", "IC", "CA", "CC"}
        The measures to sweep (default all four, one figure panel each).
    chunk_size : int
        Games per task.
    max_resamples : int
        Attempts to find a game with a pure NE.
    workers, scheduler, cluster, executor, progress, figures
        As for `bound_validation`.

    Returns
    =======

    ExperimentResult

    References
    ==========

    delegation_games.md §11.1, §9.2, §6.2, §7.6, §7.8.

    """
    from symalign.experiments import grid as G
    from symalign.core.exact import to_exact
    t0 = time.monotonic()
    seed = _check_seed(seed)
    increments = _check_count(increments, "increments")
    repetitions = _check_count(repetitions, "repetitions")
    max_resamples = _check_count(max_resamples, "max_resamples")
    o = to_exact(others, name="others")
    if not (o.is_Rational and 0 <= o <= 1):
        raise SymalignError(f"Argument 'others' is {others!r}; pass a rational in [0, 1].")
    shape = tuple(_check_count(k, "shape") for k in shape)
    if int(np.prod(shape)) < max(len(shape) + 1, 3):
        raise SymalignError(f"Argument 'shape' is {shape}; the exact construction needs at "
                            f"least max(n + 1, 3) = {max(len(shape) + 1, 3)} outcomes.")
    measures = list(measures)
    bad = [m for m in measures if m not in G.MEASURES]
    if bad or not measures or len(set(measures)) != len(measures):
        raise SymalignError(f"Argument 'measures' is {measures!r}; pass distinct names among "
                            f"{G.MEASURES}.")
    params = {"increments": increments, "repetitions": repetitions, "others": str(o),
              "shape": list(shape), "max_resamples": max_resamples,
              "measures": [m for m in G.MEASURES if m in measures]}
    jobs = [(mi, vj, rep) for mi, m in enumerate(G.MEASURES) if m in measures
            for vj in range(increments + 1) for rep in range(repetitions)]
    ranges = chunk_ranges(len(jobs), chunk_size)
    results = run_tasks(G.run_chunk, [(seed, jobs[a:b], params) for a, b in ranges],
                        sizes=[b - a for a, b in ranges], executor=executor, workers=workers,
                        scheduler=scheduler, cluster=cluster, progress=progress, desc="grid")
    records = [r for chunk in results for r in chunk]
    viol = {f: sum(r["violations"][f] for r in records) for f in ("form_p", "prop_b")}
    failed = {f: sum(r["hypotheses_failed"][f] for r in records) for f in ("form_p", "prop_b")}
    best = _best_tightness(r["tightness"] for r in records)
    at = None
    if best is not None:
        at = next({k: r[k] for k in ("measure", "value", "rep")} for r in records
                  if r["tightness"] is best)
    summary = {
        "experiment": "grid_scan",
        "source": "delegation_games.md §11.1; constructions §9.2; bounds §7.6 (Form P), "
                  "§7.8 (Prop B)",
        "games": len(records),
        "seed": seed,
        "parameters": {**params, "standardisation": "EPIC", "welfare": "average"},
        "violations": sum(viol.values()),
        "violations_by_form": viol,
        "hypotheses_failed": failed,
        "max_tightness": None if best is None else _float(best),
        "max_tightness_exact": None if best is None else _exact_text(best),
        "max_tightness_at": at,
        "resamples": sum(r["attempts"] - 1 for r in records),
        "points": [{k: r[k] for k in ("measure", "value", "rep", "x", "min", "max",
                                      "played_welfare", "bound_1", "bound_2")}
                   for r in records],
    }
    return _finish("grid_scan", summary, out, lambda d: G.figures(records, params, d),
                   {"records": records}, t0, figures)


def estimation_error(seed: int = 1282, *, out=None, sizes=((2, 2), (3, 3)),
                     repetitions: int = 2, max_samples: int = 64, checkpoints=None,
                     grid: int = 20, chunk_size: int = 1, max_resamples: int = 50,
                     workers=None, scheduler=None, cluster=None, executor=None,
                     progress=None, figures: bool = True) -> ExperimentResult:
    """Error of the §10 estimators of IA, CA, IC and CC against the number of samples (§11.2).

    Per game: targets ``IA_i, CA, IC, CC`` uniform on the grid ``1/grid``, the exact §9.2
    construction with the agents carrying CA, laid out as a product game of one of ``sizes``
    (resampled until a pure NE exists). Samples are drawn with replacement from all outcomes
    (for IA and CA), the pure ``eps``-NE with ``eps = 1 - IC`` (for IC) and the CC window
    (for CC); at each checkpoint the exact absolute error of each estimate against its target
    is recorded (mean over pairs for IA and IC) as a float. Errors are undefined while fewer
    than two distinct outcomes have been seen (counted in ``undefined``). Exact checks
    (``violations``, expected 0; ``consistency_checks`` counts them): the range-consistent
    IC estimate from eps-NE samples is at least the target IC, and the window CC estimate
    from played samples is at least the target CC when the window is non-empty (games with
    an empty window, where the code's fallback profile is played, are counted in
    ``empty_windows``). There is no bound here, so ``max_tightness`` is None.

    Examples
    ========

    One 2x2 game, estimates after 2 and 4 samples (spec §11.2):

    >>> from symalign.experiments import estimation_error
    >>> r = estimation_error(sizes=[(2, 2)], repetitions=1, max_samples=4, workers=1,
    ...                      progress=False)
    >>> r.summary["violations"], r.summary["max_tightness"], r.summary["parameters"]["checkpoints"]
    (0, None, [2, 4])

    Parameters
    ==========

    seed : int
    out : path, optional
        Folder for ``summary.json`` and ``estimation.{png,pdf}``.
    sizes : sequence of tuples
        Game sizes (actions per agent); the paper uses ``SIZES[:4]``.
    repetitions : int
        Games per size.
    max_samples : int
        Samples per source (the paper: 1000).
    checkpoints : sequence of int, optional
        Sample counts at which to estimate (default powers of 2 up to ``max_samples``).
    grid : int
        Targets lie on ``{0, 1/grid, ..., 1}``.
    chunk_size, max_resamples, workers, scheduler, cluster, executor, progress, figures
        As for `grid_scan`.

    Returns
    =======

    ExperimentResult

    References
    ==========

    delegation_games.md §11.2, §10, §9.2.

    """
    from symalign.experiments import estimation as E
    t0 = time.monotonic()
    seed = _check_seed(seed)
    repetitions = _check_count(repetitions, "repetitions")
    max_samples = _check_count(max_samples, "max_samples", 2)
    grid = _check_count(grid, "grid")
    max_resamples = _check_count(max_resamples, "max_resamples")
    sizes = [tuple(_check_count(k, "sizes") for k in s) for s in sizes]
    for s in sizes:
        if int(np.prod(s)) < max(len(s) + 1, 3):
            raise SymalignError(f"Argument 'sizes' holds {s}; the exact construction needs "
                                f"at least max(n + 1, 3) = {max(len(s) + 1, 3)} outcomes.")
    if checkpoints is None:
        checkpoints, k = [], 2
        while k < max_samples:
            checkpoints.append(k)
            k *= 2
        checkpoints.append(max_samples)
    checkpoints = sorted({_check_count(k, "checkpoints") for k in checkpoints})
    if checkpoints[-1] > max_samples:
        raise SymalignError(f"Argument 'checkpoints' goes up to {checkpoints[-1]}, above "
                            f"max_samples = {max_samples}.")
    params = {"sizes": [list(s) for s in sizes], "repetitions": repetitions,
              "max_samples": max_samples, "checkpoints": checkpoints, "grid": grid,
              "max_resamples": max_resamples}
    jobs = [(si, rep) for si in range(len(sizes)) for rep in range(repetitions)]
    ranges = chunk_ranges(len(jobs), chunk_size)
    results = run_tasks(E.run_chunk, [(seed, jobs[a:b], params) for a, b in ranges],
                        sizes=[b - a for a, b in ranges], executor=executor, workers=workers,
                        scheduler=scheduler, cluster=cluster, progress=progress,
                        desc="estimation")
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
        "source": "delegation_games.md §11.2; estimators §10; constructions §9.2",
        "games": len(records),
        "seed": seed,
        "parameters": {**params, "standardisation": "EPIC",
                       "sources": dict(E.SOURCES),
                       "estimators": {"IC": "range", "CC": "window"}},
        "violations": sum(r["violations"] for r in records),
        "consistency_checks": sum(r["checks"] for r in records),
        "empty_windows": sum(r["empty_window"] for r in records),
        "max_tightness": None,
        "undefined": {m: sum(r["undefined"][m] for r in records) for m in E.ESTIMATES},
        "resamples": sum(r["attempts"] - 1 for r in records),
        "mean_absolute_error": mae,
        "targets": [r["targets"] for r in records],
    }
    return _finish("estimation_error", summary, out, lambda d: E.figures(records, params, d),
                   {"records": records}, t0, figures)
