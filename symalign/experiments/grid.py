"""Private: the grid scan of Sourbut, Hammond & Wood (2024), Sec. 6.1 (principal welfare against
IA, IC, CA and CC), on rounded exact games.

Three of the four measures are fixed at ``others`` and the fourth is swept over ``increments +
1`` values in [0, 1]. Each game is built as the authors build theirs (float construction,
payoffs rounded; `symalign.experiments.rounded`): the principals carry CA, the agents IA, so
IA and CA are hit up to rounding and their *actual* values are recorded; IC and CC are exact
by definition (the eps-NE set and the CC window are computed exactly). A game without a pure
NE is redrawn, and after every 5 draws without one the equilibrium tolerance grows by 1/100,
as in the authors' code (``tolerance`` records it; IC is capped at ``1 - tolerance``).

Recorded per game, normalised to [0, 1] by the principals' dystopia ``w_hat^-`` and utopia
``w_hat^+`` (as the authors plot): the worst and best principal welfare over outcomes, the
welfare of the played profile (uniform over the CC window), ``w_hat* - Form P`` (a lower bound
on the played welfare) and ``w_hat^+ - Prop B`` (a lower bound on ``w_hat*``). Form P and
Prop B are decided exactly in every game.
"""

from __future__ import annotations

from fractions import Fraction

from symalign.core.lazy import np

__all__: list[str] = []

MEASURES = ("IA", "IC", "CA", "CC")
LABELS = {"IA": "Individual alignment (IA)", "IC": "Individual capabilities (IC)",
          "CA": "Collective alignment (CA)", "CC": "Collective capabilities (CC)"}
RELAX_EVERY = 5       # draws without a pure NE before the tolerance grows (authors' code)


def targets(mi: int, vj: int, others: Fraction, increments: int) -> dict:
    v = Fraction(vj, increments)
    return {m: (v if m == MEASURES[mi] else others) for m in MEASURES}


def draw_game(rng, shape, ia, ca, *, ca_group: str, relax_every: int, ic: Fraction):
    """Draw rounded games until one has a pure NE at the current tolerance.

    Returns ``(U, Uh, refs, tolerance, draws)``: agents' and principals' integer payoffs
    (shape ``(n, N)``), `rounded.reference_welfares`, the tolerance and the number of draws.
    The loop ends: at tolerance 1 every outcome qualifies, so after at most
    ``100 * relax_every + 1`` draws."""
    from symalign.experiments import rounded as R
    n, N = len(shape), int(np.prod(shape))
    draws = 0
    while True:
        tol = Fraction(draws // relax_every, 100)
        group_a, group_b = R.float_construction(rng, N, n, [float(x) for x in ia], float(ca))
        A, B = R.round_payoffs(group_a), R.round_payoffs(group_b)
        U, Uh = (B, A) if ca_group == "principals" else (A, B)
        refs = R.reference_welfares(U.reshape((n,) + tuple(shape)), ic, tol)
        draws += 1
        if refs is not None:
            return U, Uh, refs, tol, draws


def run_game(seed: int, mi: int, oi: int, vj: int, rep: int, params: dict) -> dict:
    """One grid-scan game: measure ``MEASURES[mi]`` at ``vj / increments``, the others at
    ``params['others'][oi]``."""
    from symalign.experiments import rounded as R
    inc = params["increments"]
    others = Fraction(params["others"][oi])
    t = targets(mi, vj, others, inc)
    rng = np.random.default_rng(np.random.SeedSequence([seed, mi, oi, vj, rep]))
    shape = tuple(params["shape"])
    n = len(shape)
    U, Uh, refs, tol, draws = draw_game(rng, shape, [t["IA"]] * n, t["CA"],
                                        ca_group="principals", relax_every=RELAX_EVERY,
                                        ic=t["IC"])
    ic = min(t["IC"], 1 - tol)
    W, w_star, w0, w_eps = refs
    cc = t["CC"]
    played, inside = R.played_indices(W, w_star, w0, w_eps, cc)
    qd, p_ok, b_ok, fallback = R.decide(U, Uh, played, cc, ic, refs, shape, tol)
    k = len(played)
    p, q = cc.numerator, cc.denominator
    in_window = inside or q * int(W[played].sum()) >= k * (q * w_eps + p * (w_star - w0))
    hyp_p = in_window and not qd["indifferent"]
    nD = n * R.SCALE
    Wp = Uh.sum(axis=0)
    lo, hi = int(Uh.min(axis=1).sum()), int(Uh.max(axis=1).sum())

    def norm(x) -> float:          # x in units of 1 / (n * SCALE)
        return (float(x) - lo) / (hi - lo) if hi > lo else 0.0
    m = MEASURES[mi]
    actual = {"IA": float(np.mean([float(x.mid()) for x in qd["ia"]])),
              "CA": None if qd["ca_hat"] is None else float(qd["ca_hat"].mid()),
              "IC": float(ic), "CC": float(cc)}
    s_hat = qd["s_hat"]
    tight = None
    if hyp_p and qd["value_p"] > 0:
        tight = float(qd["regret_p"]) / float(qd["value_p"].mid())
    return {
        "measure": m, "others": oi, "value": vj, "rep": rep, "draws": draws,
        "tolerance": str(tol), "played": k, "exact_fallback": fallback,
        "x": actual[m], "ia": actual["IA"], "ca": actual["CA"],
        "min": norm(Wp.min()), "max": norm(Wp[s_hat]),
        "played_welfare": norm(Fraction(int(Wp[played].sum()), k)),
        "bound_1": norm(int(Wp[s_hat]) - float(qd["value_p"].mid()) * nD) if hyp_p else None,
        "bound_2": norm(hi - float(qd["value_b"].mid()) * nD),
        "violations": {"form_p": int(hyp_p and not p_ok), "prop_b": int(not b_ok)},
        "hypotheses_failed": {"form_p": int(not hyp_p), "prop_b": 0},
        "tightness": tight,
    }


def run_chunk(seed: int, tasks: list, params: dict) -> list:
    return [run_game(seed, *task, params) for task in tasks]


# -- figures -----------------------------------------------------------------------------------

SERIES = (
    ("max", r"best outcome, $\hat w^*$", "#2f5f52", "-"),
    ("played_welfare", r"played, $\hat w(\sigma)$ ($\sigma$ uniform on the CC window)",
     "#e0693f", "-"),
    ("min", r"worst outcome", "#2f5f52", ":"),
    ("bound_1", r"$\hat w^* -$ Form P (lower bound on $\hat w(\sigma)$)", "#a1292f", "--"),
    ("bound_2", r"$\hat w^+ -$ Prop B (lower bound on $\hat w^*$)", "#588fbc", "--"),
)


def mean_band(ys: np.ndarray, rng, level: float = 0.90, resamples: int = 1000):
    """Mean and the bootstrap ``level`` confidence interval of the mean (the authors'
    seaborn ``errorbar=('ci', 90)``)."""
    if len(ys) == 1:
        return float(ys[0]), float(ys[0]), float(ys[0])
    idx = rng.integers(0, len(ys), size=(resamples, len(ys)))
    means = ys[idx].mean(axis=1)
    a = (1 - level) / 2
    return float(ys.mean()), float(np.quantile(means, a)), float(np.quantile(means, 1 - a))


SYMLOG_BELOW = 5      # a bound below -5 (in units of w_hat^+ - w_hat^-) switches to symlog


def _limits(low: float, high: float):
    if low < -SYMLOG_BELOW:       # symlog: pad by a fraction of a decade below
        return low * 1.15, high + 0.06
    span = high - low
    return low - 0.04 * span, high + 0.04 * span


def figures(records: list, params: dict, out: str, stem: str = "grid") -> list[str]:
    """One row of panels per value of the other measures, one column per swept measure."""
    from symalign.experiments.runner import new_figure, save_figure
    shown = [m for m in MEASURES if m in params["measures"]]
    others = params["others"]
    fig = new_figure(figsize=(3.1 * len(shown) + 0.6, 2.5 * len(others) + 1.4),
                     layout="constrained")
    fig.get_layout_engine().set(wspace=0.04)
    axes = np.array(fig.subplots(len(others), len(shown), sharey="row", squeeze=False))
    rng = np.random.default_rng(0)
    inc = params["increments"]
    logscale = False
    for r, o in enumerate(others):
        lows, highs = [0.0], [1.0]
        for c, m in enumerate(shown):
            ax = axes[r, c]
            rows = [x for x in records if x["measure"] == m and x["others"] == r]
            for key, label, color, ls in SERIES:
                xs, mid, lo, hi = [], [], [], []
                for j in range(inc + 1):
                    pts = [x for x in rows if x["value"] == j and x[key] is not None
                           and x["x"] is not None]
                    if not pts:
                        continue
                    mm, a, b = mean_band(np.array([x[key] for x in pts]), rng)
                    xs.append(float(np.mean([x["x"] for x in pts])))
                    mid.append(mm)
                    lo.append(a)
                    hi.append(b)
                if xs:        # by the actual value (a relaxed IC can fall below its target)
                    order = np.argsort(xs, kind="stable")
                    xs, mid, lo, hi = ([v[k] for k in order] for v in (xs, mid, lo, hi))
                    ax.plot(xs, mid, color=color, ls=ls, lw=1.4, label=label)
                    ax.fill_between(xs, lo, hi, color=color, alpha=0.2, lw=0)
                    lows.append(min(lo))
                    highs.append(max(hi))
            ax.set_xlim(0, 1)
            ax.set_xticks([0, 0.5, 1], ["0", "0.5", "1"])
            if r == len(others) - 1:
                ax.set_xlabel(LABELS[m])
            if c == 0:
                ax.set_ylabel("Principal welfare" + (f"\n(others = {o})" if len(others) > 1
                                                      else ""))
        axes[r, 0].set_ylim(*_limits(min(lows), max(highs)))
        if min(lows) < -SYMLOG_BELOW:
            logscale = True
            # the bounds go far below w_hat^-: linear on [-1, 1] (the welfare lines), then
            # logarithmic, so every value is shown and [0, 1] stays readable
            axes[r, 0].set_yscale("symlog", linthresh=1, linscale=3)
            ticks = [0.0, 1.0] + [-(10.0 ** k) for k in range(int(np.log10(-min(lows))) + 1)]
        else:
            ticks = [0.0, 1.0] + [float(t) for t in range(-1, int(np.floor(min(lows))) - 1, -1)
                                  if t >= min(lows) - 0.2]
        axes[r, 0].set_yticks(sorted(ticks))
        axes[r, 0].set_yticklabels([{0.0: r"$\hat w^-$", 1.0: r"$\hat w^+$"}.get(t, f"{t:g}")
                                    for t in sorted(ticks)])
        axes[r, 0].minorticks_off()
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=3, fontsize=8, frameon=False)
    shape = "x".join(str(k) for k in params["shape"])
    others_text = ", ".join(str(o) for o in others)
    log = " (logarithmic below $-1$)" if logscale else ""
    fig.suptitle(f"Grid scan: {shape} games, others at {others_text}, "
                 f"{params['repetitions']} game{'s' if params['repetitions'] != 1 else ''} "
                 "per point\n"
                 r"welfare scaled so that $\hat w^- = 0$, $\hat w^+ = 1$" + log + "; lines: "
                 "means; bands: 90% confidence intervals of the means", fontsize=9)
    return save_figure(fig, f"{out}/{stem}")
