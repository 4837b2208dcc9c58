"""Private: the 3-D bound-validation experiment of Sourbut, Hammond & Wood (2024), appendix C.2 (worker and figures).

Each game ``k`` of an experiment with seed ``S`` is drawn from ``SeedSequence([S, k, 0])``
(the game) and ``SeedSequence([S, k, 1])`` (the profile), so a game does not depend on the
chunk it lands in. Verdicts of Form A (optimal ``R``, capped) and Form A1 come from
`symalign.delegation.bounds.check_bounds` (exact); for the rational standardisations (MAX and the other
``L^1``/``L^inf`` ones) an independent evaluation in `fractions.Fraction` recomputes every
quantity and verdict, and any disagreement is counted.
"""

from __future__ import annotations

from fractions import Fraction

from symalign.core.lazy import np

__all__: list[str] = []


def _std_by_name(name: str):
    from symalign.delegation.standardisation import EPIC, MAX
    return {"MAX": MAX, "EPIC": EPIC}[name]


def _frac(x) -> Fraction:
    return Fraction(int(x.p), int(x.q))


def _vectors(game) -> list[list[Fraction]]:
    return [[Fraction(int(v), ex.den) for v in ex.num.reshape(-1).tolist()]
            for ex in game.exact_arrays()]


def _rational_standardise(u: list[Fraction], std):
    """(magnitude, nu) of a rational utility for a mean/mid-range shift and L1/Linf norm."""
    c = (max(u) + min(u)) / 2 if std.shift == "midrange" else sum(u) / len(u)
    x = [a - c for a in u]
    m = max(abs(a) for a in x) if std.norm == "Linf" else sum(abs(a) for a in x)
    if m == 0:
        return Fraction(0), [Fraction(0)] * len(u)
    return m, [a / m for a in x]


def _norm(x, std) -> Fraction:
    return max(abs(a) for a in x) if std.norm == "Linf" else sum(abs(a) for a in x)


def rational_evaluation(dg, probs: dict, std) -> dict:
    """Every quantity of Forms A and A1 in exact Fractions (rational standardisations only).

    Independent of `symalign.delegation.bounds`: written from Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC; Sourbut, Hammond & Wood (2024), individual and collective alignment; Sourbut, Hammond & Wood (2024), calibration; Form A of the authors' code, proof derived for symalign; Form A1 of the authors' code.
    """
    U, Uh = _vectors(dg.agents), _vectors(dg.principals)
    W = [sum(col) for col in zip(*U)]
    Wh = [sum(col) for col in zip(*Uh)]
    WR = max(W) - sum(p * W[k] for k, p in probs.items())
    WRh = max(Wh) - sum(p * Wh[k] for k, p in probs.items())
    A = [_rational_standardise(u, std) for u in U]
    P = [_rational_standardise(u, std) for u in Uh]
    kappa = _frac(std.distance_factor)
    d = []
    for (ma, na), (mp, npr) in zip(A, P):
        if ma == 0 and mp == 0:
            d.append(Fraction(0))
        elif ma == 0 or mp == 0:
            d.append(kappa)
        else:
            d.append(kappa * _norm([a - b for a, b in zip(npr, na)], std))
    K_m, K_d = _frac(std.K_m), _frac(std.K_d)
    T = sum(mp * di for (mp, _), di in zip(P, d))
    align = 2 * K_d * T
    r = [None if ma == 0 else mp / ma for (ma, _), (mp, _) in zip(A, P)]

    def form_a_at(R):
        cal = sum(ma * abs(ri - R) for (ma, _), ri in zip(A, r) if ri is not None)
        return R * WR + align + K_m * cal

    uncapped = min(form_a_at(R) for R in [Fraction(0)] + [x for x in r if x is not None])
    cap = K_m * sum(mp for mp, _ in P)
    a_value = min(uncapped, cap)
    a1_value = None
    if all(x is not None for x in r) and len(set(r)) == 1:
        a1_value = r[0] * WR + align
    return {"WR": WR, "WRh": WRh, "T": T, "A": a_value, "A1": a1_value,
            "holds_A": WRh <= a_value, "holds_A1": None if a1_value is None else WRh <= a1_value}


def _record_evaluation(dg, profile, std) -> dict:
    """The same quantities from the library's exact records (any standardisation)."""
    from symalign.delegation.alignment import total_misalignment
    from symalign.delegation.bounds import form_a, form_a1
    a = form_a(dg, profile, standardisation=std)
    a1 = form_a1(dg, profile, standardisation=std)
    return {"WR": _wr(dg, profile), "WRh": a.regret,
            "T": total_misalignment(dg, std), "A": a.value,
            "A1": a1.value if a1.holds_hypotheses else None,
            "holds_A": a.holds, "holds_A1": a1.holds if a1.holds_hypotheses else None}


def _wr(dg, profile):
    from symalign.delegation.model import welfare_regret
    return welfare_regret(dg, profile, "agents")


def make_game(seed: int, index: int, params: dict):
    """Game ``index`` of the experiment with ``seed`` and its correlated profile (Sourbut, Hammond & Wood (2024), appendix C.2)."""
    from symalign.delegation.constructions import random_delegation_game, random_regret_profile
    std = _std_by_name(params["standardisation"])
    dg = random_delegation_game(params["n"], params["n_outcomes"],
                                np.random.SeedSequence([seed, index, 0]), standardisation=std,
                                max_misalignment=params["max_misalignment"],
                                agent_magnitudes=params["agent_magnitudes"],
                                denominator=params["denominator"])
    mu = random_regret_profile(dg, np.random.SeedSequence([seed, index, 1]),
                               standardisation=std, denominator=params["denominator"])
    return dg, mu


def run_chunk(seed: int, start: int, stop: int, params: dict) -> dict:
    """Evaluate games ``start .. stop - 1``; plain picklable results (floats only to plot)."""
    import sympy

    from symalign.engines.algebraic import compare
    from symalign.delegation.bounds import check_bounds
    from symalign.delegation.model import _probabilities
    std = _std_by_name(params["standardisation"])
    rational = std.norm in ("Linf", "L1") and std.distribution is None
    pts = np.empty((stop - start, 4), dtype=float)
    viol = {"form_a": 0, "form_a1": 0}
    failed = {"form_a": 0, "form_a1": 0}
    disagree = fallbacks = 0
    best = None  # (tightness, index)
    for row, k in enumerate(range(start, stop)):
        dg, mu = make_game(seed, k, params)
        check = check_bounds(dg, mu, standardisation=std, forms=("A", "A1"))
        fallbacks += check.exact_fallbacks
        lib = {"form_a": check.verdicts["A"], "form_a1": check.verdicts["A1"]}
        if rational:
            probs = {s: _frac(p) for s, p in _probabilities(dg, mu).items()}
            ev = rational_evaluation(dg, probs, std)
            own = {"form_a": ev["holds_A"], "form_a1": ev["holds_A1"]}
            disagree += sum(own[f] != lib[f] for f in own)
            tight = ev["WRh"] / ev["A"] if ev["A"] > 0 else None
            if tight is not None and (best is None or tight > best[0]):
                best = (tight, k)
        else:
            ev = _record_evaluation(dg, mu, std)
            own = {"form_a": ev["holds_A"], "form_a1": ev["holds_A1"]}
            disagree += sum(own[f] != lib[f] for f in own)
            tight = None
            if compare(ev["A"], 0, "the bound's sign") > 0:
                tight = sympy.radsimp(ev["WRh"] / ev["A"])
                if best is None or compare(tight, best[0], "the largest tightness") > 0:
                    best = (tight, k)
        for f, v in lib.items():
            if v is None:
                failed[f] += 1
            elif v is False:
                viol[f] += 1
        pts[row] = [float(ev["WR"]), float(ev["T"]), float(ev["WRh"]), float(ev["A"])]
    return {"start": start, "stop": stop, "points": pts, "violations": viol,
            "hypotheses_failed": failed, "disagreements": disagree,
            "exact_fallbacks": fallbacks, "best": best}


def surface(params: dict, mags=None):
    """The Form A surface ``z(WR, T)`` (optimal R, capped) for the agents' magnitudes ``mags``
    (default ``params['agent_magnitudes']``; Sourbut, Hammond & Wood (2024), Sec. 5).

    Principals have ``m_hat_i = 1`` by construction and agent ``i`` has ``m_i``, so
    ``r_i = 1/m_i`` and the bound depends only on WR and T (floats, for plotting only).
    """
    std = _std_by_name(params["standardisation"])
    n = params["n"]
    if mags is None:
        mags = params["agent_magnitudes"]
    mags = [float(Fraction(str(m))) for m in mags] if mags is not None else [1.0] * n
    if params["standardisation"] != "MAX":
        return None
    mh = [1.0] * n
    K_m, K_d = float(std.K_m), float(std.K_d)
    r = [h / m for h, m in zip(mh, mags)]

    def z(WR, T):
        vals = [R * WR + 2 * K_d * T + K_m * sum(m * abs(ri - R) for m, ri in zip(mags, r))
                for R in [0.0] + r]
        return np.minimum(np.minimum.reduce(vals), K_m * sum(mh))
    return z


def _ratio_text(ratios) -> str:
    if len(set(ratios)) == 1:
        return f"$r_i = {ratios[0]}$"
    return "$r = (" + ", ".join(str(x) for x in ratios) + ")$"


def figures(points: np.ndarray, params: dict, out: str, stem: str = "bounds") -> list[str]:
    """3-D scatter under the Form A surface, one panel per welfare-ratio set, and regret
    against the bound (2-D), one panel per set."""
    from symalign.experiments.runner import new_figure, save_figure
    sets = params.get("welfare_ratios") or [["1"] * params["n"]]
    k = len(sets)
    written = []
    fig = new_figure(figsize=(5.2 * k + 1.2, 5.0), layout="constrained")
    from matplotlib.lines import Line2D
    sc = None
    for j, ratios in enumerate(sets):
        P = points[points[:, 4] == j]
        WR, T, WRh, A = P[:, 0], P[:, 1], P[:, 2], P[:, 3]
        ax = fig.add_subplot(1, k, j + 1, projection="3d")
        mags = [str(1 / Fraction(x)) for x in ratios]
        z = surface(params, mags)
        if z is not None and len(WR):
            gx = np.linspace(0, max(WR.max(), 1e-9), 25)
            gy = np.linspace(0, max(T.max(), 1e-9), 25)
            X, Y = np.meshgrid(gx, gy)
            ax.plot_wireframe(X, Y, z(X, Y), color="tab:orange", linewidth=0.5, alpha=0.7)
        ratio = np.divide(WRh, A, out=np.zeros_like(WRh), where=A > 0)
        sc = ax.scatter(WR, T, WRh, s=1.0, c=ratio, cmap="viridis", vmin=0, vmax=1, alpha=0.5,
                        depthshade=False, rasterized=True)
        ax.set_xlabel("Agents' welfare regret $WR$", fontsize=8)
        ax.set_ylabel(r"Total misalignment $\sum_i \hat m_i d_i$", fontsize=8)
        ax.set_zlabel(r"Principals' welfare regret $\widehat{WR}$", fontsize=8)
        ax.set_title(f"welfare ratios {_ratio_text(ratios)}: {len(WR):,} games", fontsize=9)
        ax.view_init(elev=18, azim=-60)
        ax.tick_params(labelsize=7)
    if sc is not None:
        fig.colorbar(sc, ax=fig.axes, shrink=0.6, label=r"Tightness $\widehat{WR}$ / Form A")
    fig.legend([Line2D([], [], color="tab:orange", lw=1)], ["Form A (optimal R, capped)"],
               loc="outside lower center", frameon=False, fontsize=8)
    fig.suptitle(f"Form A on random delegation games ({params['standardisation']}, "
                 f"n = {params['n']}, |S| = {params['n_outcomes']}); colour: tightness",
                 fontsize=9)
    written += save_figure(fig, f"{out}/{stem}_3d")
    fig = new_figure(figsize=(4.2 * k + 0.4, 4.4), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, k, squeeze=False)[0])
    for j, (ax, ratios) in enumerate(zip(axes, sets)):
        P = points[points[:, 4] == j]
        A, WRh = P[:, 3], P[:, 2]
        ax.scatter(A, WRh, s=1.2, alpha=0.3, rasterized=True, color="tab:blue",
                   label="games")
        hi = float(max(A.max(), WRh.max())) if len(A) else 1.0
        ax.plot([0, hi], [0, hi], color="black", lw=1, label="regret = bound")
        ax.set_xlim(0, 1.03 * hi)
        ax.set_ylim(0, 1.03 * hi)
        ax.set_xlabel("Form A bound (optimal R, capped)")
        ax.set_title(f"welfare ratios {_ratio_text(ratios)}", fontsize=9)
        ax.set_aspect("equal")
        ax.legend(loc="upper left", fontsize=8, markerscale=4)
    axes[0].set_ylabel(r"Principals' welfare regret $\widehat{WR}$")
    written += save_figure(fig, f"{out}/{stem}_tightness")
    return written
