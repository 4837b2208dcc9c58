"""Private: the estimation experiment of spec §11.2 (estimator error against samples, §10).

Each game has targets ``IA_i, CA, IC, CC ~ U(0, 1)`` (on the grid ``1/grid``), built exactly
with `symalign.delegation.constructions.exact_alignment_game` (the agents carry the CA target, as in
the inference runs) and laid out as a product game; games without a pure NE are resampled.
Outcomes are sampled from the four sources of §10 with one random state per game; at each
checkpoint the estimators of `symalign.delegation.estimation` run on the samples so far (the library's
corrected estimators: centred CA weights, range-consistent IC, window CC), and the absolute
errors against the targets are recorded as floats (plotting coordinates, from 50 digits).

Exact checks (a failure is a violation). Each observed eps-NE outcome satisfies
``u_i >= lo_k + (1 - eps)(hi_k - lo_k)`` with ``hi_k`` at least the observed maximum ``h_k``,
so the range-consistent estimate ``min_k (l_k - lo_k)/(h_k - lo_k)`` is at least
``1 - eps = IC`` (§10 [der]); and when the CC window is non-empty every played outcome lies
in it, so the window estimate ``min_s CC(s)`` is at least ``CC`` (§6.2). Both are decided
exactly at every checkpoint (`symalign.engines.algebraic.sign`, with the minimal polynomial for
values that are exactly equal).
"""

from __future__ import annotations

from symalign.core.lazy import np
import sympy
from sympy import Rational

__all__: list[str] = []

ESTIMATES = ("IA", "CA", "IC", "CC")
SOURCES = {"IA": "all", "CA": "all", "IC": "eps_ne", "CC": "played"}


def _target(rng, grid: int):
    return Rational(int(rng.integers(0, grid + 1)), grid)


def _sign(x) -> int:
    """The exact sign of an algebraic number: intervals first, the minimal polynomial for
    the zeros that intervals cannot see (an estimate equal to its target)."""
    from symalign.engines.algebraic import sign
    from symalign.core.errors import UndecidableError
    x = sympy.sympify(x)
    try:
        return sign(x, "an absolute error")
    except UndecidableError:
        # e.g. sqrt(0) written as sqrt(a - b) with a = b: its intervals straddle the
        # imaginary axis. Decide with the minimal polynomial and exact root isolation.
        t = sympy.Dummy("t")
        mp = sympy.Poly(sympy.minimal_polynomial(x, t), t)
        if mp.degree() == 1:
            a, b = mp.all_coeffs()
            return int(sympy.sign(-b / a))
        approx = sympy.re(sympy.N(x, 60))
        for eps in (sympy.Rational(1, 10**12), sympy.Rational(1, 10**30)):
            hits = [(lo, hi) for lo, hi in mp.intervals(eps=eps) if lo <= approx <= hi]
            if len(hits) == 1 and hits[0][0] * hits[0][1] > 0:
                return 1 if hits[0][0] > 0 else -1
        raise


def _at_least(a, b) -> bool:
    """Exact ``a >= b`` (intervals, then the minimal polynomial for equal values)."""
    return _sign(sympy.sympify(a) - sympy.sympify(b)) >= 0


def _num_abs(a, b) -> float:
    """``|a - b|`` as a float from 50 digits (a plotting coordinate, not a verdict)."""
    return abs(float(sympy.re(sympy.N(sympy.sympify(a) - sympy.sympify(b), 50))))


def run_game(seed: int, si: int, rep: int, params: dict) -> dict:
    """One game of size ``params['sizes'][si]``: errors at every checkpoint."""
    from symalign.experiments.grid import generic_game
    from symalign.delegation.capability import _cc_values, pure_epsilon_nash_equilibria
    from symalign.core.errors import UndefinedMetricError
    from symalign.delegation.estimation import (
        estimate_collective_alignment,
        estimate_collective_capability,
        estimate_individual_alignment,
        estimate_individual_capability,
        sample_outcomes,
    )
    shape = tuple(params["sizes"][si])
    n = len(shape)
    grid = params["grid"]
    rng = np.random.default_rng(np.random.SeedSequence([seed, si, rep]))
    for attempt in range(params["max_resamples"]):  # noqa: B007 (used after the loop)
        t = {"IA": [_target(rng, grid) for _ in range(n)], "CA": _target(rng, grid),
             "IC": _target(rng, grid), "CC": _target(rng, grid)}
        dg, c = generic_game(t["IA"], t["CA"], shape, rng, n=n, ca_group="agents")
        if pure_epsilon_nash_equilibria(dg.agents, 0):
            break
    else:
        raise UndefinedMetricError("the estimation game", "no pure Nash equilibrium in "
                                   f"{params['max_resamples']} resamples")
    eps = 1 - t["IC"]
    counts = params["checkpoints"]
    big = max(counts)
    draws = {src: sample_outcomes(dg, big, int(rng.integers(0, 2**31)), source=src, eps=eps,
                                  cc=t["CC"] if src == "played" else None)
             for src in ("all", "eps_ne", "played")}
    errors = {m: [] for m in ESTIMATES}
    undefined = {m: 0 for m in ESTIMATES}
    cache: dict = {}
    violations = checks = 0
    # the window check needs CC at every outcome; CC is undefined when w* = w_0, and then
    # the CC estimates are counted as undefined below rather than checked
    try:
        ccs = _cc_values(dg, list(dg.agents.outcomes()), eps)
    except UndefinedMetricError:
        ccs = []
    window = any(_at_least(v, t["CC"]) and _at_least(1, v) for v in ccs)
    for k in counts:
        for m in ESTIMATES:
            obs = draws[SOURCES[m]][:k]
            key = (m, frozenset(obs))
            if key not in cache:
                try:
                    if m == "IA":
                        est = estimate_individual_alignment(dg, obs)
                        err = np.mean([_num_abs(a, b) for a, b in zip(est, t["IA"])])
                    elif m == "CA":
                        est = estimate_collective_alignment(dg, obs, "agents")
                        err = _num_abs(est, t["CA"])
                    elif m == "IC":
                        est = [estimate_individual_capability(dg, i, obs) for i in range(n)]
                        err = np.mean([_num_abs(e, t["IC"]) for e in est])
                        # every observed outcome is an eps-NE, so IC_hat_i >= 1 - eps = IC
                        violations += sum(not _at_least(e, t["IC"]) for e in est)
                        checks += n
                    else:
                        est = estimate_collective_capability(dg, obs, eps=eps)
                        err = _num_abs(est, t["CC"])
                        if window:  # every played outcome lies in the window: CC_hat >= CC
                            violations += not _at_least(est, t["CC"])
                            checks += 1
                    cache[key] = float(err)
                except UndefinedMetricError:
                    cache[key] = None
            if cache[key] is None:
                undefined[m] += 1
            errors[m].append(cache[key])
    return {"size": si, "rep": rep, "attempts": attempt + 1, "errors": errors,
            "undefined": undefined, "violations": violations, "checks": checks,
            "empty_window": not window,
            "targets": {"IA": [str(x) for x in t["IA"]], "CA": str(t["CA"]),
                        "IC": str(t["IC"]), "CC": str(t["CC"])}}


def run_chunk(seed: int, tasks: list, params: dict) -> list:
    return [run_game(seed, si, rep, params) for si, rep in tasks]


def figures(records: list, params: dict, out: str, stem: str = "estimation") -> list[str]:
    """Mean absolute error against samples, log x, one line per game size (§11.2)."""
    from symalign.experiments.runner import new_figure, save_figure
    counts = params["checkpoints"]
    fig = new_figure(figsize=(11.0, 3.2))
    axes = fig.subplots(1, 4)
    titles = {"IA": "Individual Alignment (all)", "CA": "Collective Alignment (all)",
              "IC": "Individual Capabilities (eps-NE)", "CC": "Collective Capabilities (played)"}
    for ax, m in zip(axes, ESTIMATES):
        for si, size in enumerate(params["sizes"]):
            rows = [r for r in records if r["size"] == si]
            mid, lo, hi, xs = [], [], [], []
            for j, k in enumerate(counts):
                ys = np.array([r["errors"][m][j] for r in rows if r["errors"][m][j] is not None])
                if len(ys) == 0:
                    continue
                xs.append(k)
                mid.append(float(ys.mean()))
                lo.append(float(np.percentile(ys, 5)))
                hi.append(float(np.percentile(ys, 95)))
            if xs:
                line, = ax.plot(xs, mid, marker="o", ms=3,
                                label="x".join(str(a) for a in size))
                ax.fill_between(xs, lo, hi, color=line.get_color(), alpha=0.15, lw=0)
        ax.set_xscale("log")
        ax.set_xlabel("Samples")
        ax.set_title(titles[m], fontsize=9)
        ax.set_ylim(0, 0.1 if m in ("IA", "CA") else 0.6)
    axes[0].set_ylabel("Mean absolute error")
    axes[0].legend(title="game size", fontsize=8, title_fontsize=8)
    fig.suptitle(f"Estimation error, {params['repetitions']} games per size "
                 "(bands: 5-95% over games)", fontsize=9)
    fig.tight_layout()
    return save_figure(fig, f"{out}/{stem}")
