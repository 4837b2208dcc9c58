"""Private: the grid scan of spec §11.1 (principal welfare against IA, IC, CA and CC).

Games come from the exact constructions of §9.2 (`symalign.delegation.constructions.exact_alignment_game`):
the principals carry the target CA, the agents the target IA, so both are realised exactly.
The construction spans only ``n + 1`` directions, so every game is then moved by a random
*rational* orthogonal map that fixes the constant vector (a product of Householder
reflections in mean-zero integer vectors): inner products, means and norms are unchanged, so
IA, CA, magnitudes and shifts stay exactly on target while ties between outcomes disappear.
The outcome vectors are then laid out as a product game of the requested shape.
"""

from __future__ import annotations

from fractions import Fraction

from symalign.core.lazy import np
import sympy
from sympy import Rational

__all__: list[str] = []

MEASURES = ("IA", "IC", "CA", "CC")
LABELS = {"IA": "Individual Alignment", "IC": "Individual Capabilities",
          "CA": "Collective Alignment", "CC": "Collective Capabilities"}


def _rational(rng, lo: Fraction, hi: Fraction, den: int = 100) -> sympy.Rational:
    k = int(rng.integers(0, den + 1))
    x = lo + (hi - lo) * Fraction(k, den)
    return Rational(x.numerator, x.denominator)


def householder(vectors, rng, reflections: int = 2):
    """Apply ``reflections`` random rational Householder maps ``I - 2 v v^T / v^T v`` with
    mean-zero integer ``v`` to each vector (exact; fixes the constant vector)."""
    N = len(vectors[0])
    out = [list(v) for v in vectors]
    for _ in range(reflections):
        while True:
            y = [int(t) for t in rng.integers(-5, 6, size=N)]
            v = [N * t - sum(y) for t in y]
            if any(v):
                break
        vv = sum(t * t for t in v)
        out = [[sympy.expand(x - Rational(2, vv) * t * sympy.Add(*(a * b for a, b in
                                                                     zip(v, u))))
                for x, t in zip(u, v)] for u in out]
    return out


def generic_game(ia, ca, shape, rng, *, n, ca_group="principals", welfare="average",
                 magnitude_range=(Fraction(1, 2), Fraction(3, 2)), reflections=0):
    """An exact delegation game of ``shape`` with target IA (per pair) and CA (spec §9.2)."""
    from symalign.delegation.constructions import exact_alignment_game
    from symalign.delegation.model import DelegationGame
    from symalign.core.game import Game
    N = int(np.prod(shape))
    lo, hi = magnitude_range
    other_m = [_rational(rng, lo, hi) for _ in range(n)]
    shifts = [_rational(rng, Fraction(-1), Fraction(1)) for _ in range(n)]
    other_shifts = [_rational(rng, Fraction(-1), Fraction(1)) for _ in range(n)]
    c = exact_alignment_game(ia, ca, n=n, n_outcomes=N, other_magnitudes=other_m,
                             shifts=shifts, other_shifts=other_shifts, ca_group=ca_group,
                             seed=int(rng.integers(0, 2**31)))
    dg = c.game
    A = [list(dg.agents.sympy_array()[i].reshape(-1)) for i in range(n)]
    P = [list(dg.principals.sympy_array()[i].reshape(-1)) for i in range(n)]
    moved = householder(A + P, rng, reflections)

    def game(vecs):
        return Game([np.array(v, dtype=object).reshape(shape) for v in vecs])
    out = DelegationGame(game(moved[:n]), game(moved[n:]), welfare=welfare)
    if not reflections:
        _reuse_standardisations(dg, out)
    return out, c


def _reuse_standardisations(src, dst) -> None:
    """Hand the exact standardisations already computed for ``src`` to ``dst``.

    Without reflections ``dst`` has the same outcome vectors as ``src`` in the same row-major
    order, only laid out in another shape, so every standardisation and pair distance is the
    same exact value. This only saves recomputing them symbolically (the slow path for
    algebraic payoffs); if the cache keys of `symalign.delegation.alignment` change, ``dst`` simply
    recomputes them.
    """
    for s_game, d_game in ((src.agents, dst.agents), (src.principals, dst.principals)):
        for key, value in s_game._cache.items():
            if isinstance(key, tuple) and key and key[0] == "symalign.delegation.alignment.members":
                d_game._cache.setdefault(key, value)
    for key, value in src._cache.items():
        if isinstance(key, tuple) and key and key[0] == "symalign.delegation.alignment.d":
            dst._cache.setdefault(key, value)


def _value(j: int, increments: int):
    return Rational(j, increments)


def run_game(seed: int, mi: int, vj: int, rep: int, params: dict) -> dict:
    """One grid-scan game: measure ``MEASURES[mi]`` at value ``vj / increments``."""
    from symalign.engines.algebraic import compare
    from symalign.engines.symbolic import smin
    from symalign.delegation.bounds import form_p, prop_b, tightness
    from symalign.delegation.capability import pure_epsilon_nash_equilibria
    from symalign.delegation.model import dystopia, group_welfare, optimal_welfare, utopia
    from symalign.core.errors import UndefinedMetricError
    from symalign.delegation.estimation import played_set
    inc = params["increments"]
    others = Rational(params["others"])
    measure = MEASURES[mi]
    v = _value(vj, inc)
    t = {m: (v if m == measure else others) for m in MEASURES}
    rng = np.random.default_rng(np.random.SeedSequence([seed, mi, vj, rep]))
    shape = tuple(params["shape"])
    n = len(shape)
    for attempt in range(params["max_resamples"]):  # noqa: B007 (used after the loop)
        dg, c = generic_game(t["IA"], t["CA"], shape, rng, n=n,
                             reflections=params.get("reflections", 0))
        if pure_epsilon_nash_equilibria(dg.agents, 0):
            break
    else:
        raise UndefinedMetricError("the grid-scan game", f"no pure Nash equilibrium in "
                                   f"{params['max_resamples']} resamples")
    eps = 1 - t["IC"]
    played = played_set(dg, t["CC"], eps)
    sigma = {p: Rational(1, len(played)) for p in played}
    wp, wm = utopia(dg), dystopia(dg)
    span = wp - wm
    values = [group_welfare(dg, a, "principals") for a in dg.principals.outcomes()]
    w_min = smin(values, dg.assumptions)
    w_star = optimal_welfare(dg)
    w_sigma = group_welfare(dg, sigma, "principals")
    P = form_p(dg, sigma, cc=t["CC"], eps=eps)
    B = prop_b(dg)
    rec = {"measure": measure, "value": vj, "rep": rep, "attempts": attempt + 1,
           "played": len(played)}
    x_actual = {"IA": sympy.Add(*c.individual_alignment) / n, "CA": c.collective_alignment,
                "IC": t["IC"], "CC": t["CC"]}[measure]

    def norm(x):
        return float(sympy.N((x - wm) / span, 30))
    rec["x"] = float(sympy.N(x_actual, 30))
    rec["min"], rec["max"], rec["played_welfare"] = norm(w_min), norm(w_star), norm(w_sigma)
    rec["violations"] = {"form_p": 0, "prop_b": 0}
    rec["hypotheses_failed"] = {"form_p": 0, "prop_b": 0}
    rec["tightness"] = None
    for key, b in (("form_p", P), ("prop_b", B)):
        if not b.holds_hypotheses:
            rec["hypotheses_failed"][key] += 1
        elif not b.holds:
            rec["violations"][key] += 1
    rec["bound_1"] = norm(w_star - P.value) if P.holds_hypotheses else None
    rec["bound_2"] = norm(wp - B.value) if B.holds_hypotheses else None
    if P.holds_hypotheses and compare(P.value, 0, "the bound's sign") > 0:
        rec["tightness"] = tightness(P)
    return rec


def run_chunk(seed: int, tasks: list, params: dict) -> list:
    return [run_game(seed, mi, vj, rep, params) for mi, vj, rep in tasks]


def figures(records: list, params: dict, out: str, stem: str = "grid") -> list[str]:
    """One panel per swept measure: normalised principal welfare with the two bounds (§11.1)."""
    from symalign.experiments.runner import new_figure, save_figure
    shown = params.get("measures", list(MEASURES))
    fig = new_figure(figsize=(2.75 * len(shown) + 0.5, 3.2))
    axes = np.atleast_1d(fig.subplots(1, len(shown), sharey=True))
    series = (("max", "max over outcomes", "tab:green", "-"),
              ("played_welfare", "played (uniform over CC window)", "tab:blue", "-"),
              ("min", "min over outcomes", "tab:red", "-"),
              ("bound_1", "bound_1 = w_hat* - Form P", "tab:purple", "--"),
              ("bound_2", "bound_2 = w_hat^+ - Prop B", "tab:orange", "--"))
    inc = params["increments"]
    for ax, m in zip(axes, shown):
        rows = [r for r in records if r["measure"] == m]
        for key, label, color, ls in series:
            xs, mid, lo, hi = [], [], [], []
            for j in range(inc + 1):
                pts = [r for r in rows if r["value"] == j and r[key] is not None]
                if not pts:
                    continue
                ys = np.array([r[key] for r in pts])
                xs.append(float(np.mean([r["x"] for r in pts])))
                mid.append(float(ys.mean()))
                lo.append(float(np.percentile(ys, 5)))
                hi.append(float(np.percentile(ys, 95)))
            if xs:
                ax.plot(xs, mid, color=color, ls=ls, label=label)
                ax.fill_between(xs, lo, hi, color=color, alpha=0.15, lw=0)
        ax.set_xlabel(LABELS[m])
        ax.set_xlim(0, 1)
        ax.set_ylim(-0.1, 1.1)   # a bound below Min is vacuous; it leaves the panel
        ax.set_yticks([0, 1])
        ax.set_yticklabels(["Min", "Max"])
    axes[0].set_ylabel("Principal Welfare")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.subplots_adjust(bottom=0.32, top=0.86, wspace=0.22)
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=8,
               bbox_to_anchor=(0.5, 0.0), frameon=False)
    fig.suptitle(f"Grid scan: others at {params['others']}, shape {tuple(params['shape'])}, "
                 f"{params['repetitions']} repetitions (bands: 5-95% over repetitions)",
                 fontsize=9)
    return save_figure(fig, f"{out}/{stem}")
