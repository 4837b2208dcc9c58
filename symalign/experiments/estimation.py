"""Private: the estimation experiment of Sourbut, Hammond & Wood (2024), Sec. 6.2 (the error of
the estimators of IA, CA, IC and CC against the number of observed outcomes).

Each game has targets ``IA_i, CA, IC, CC`` uniform on the grid ``1/grid``, is built as in the
grid scan but with the *agents* carrying CA (the authors' ``agents_first``), and is redrawn
until it has a pure NE (the tolerance grows by 1/100 after every 10 draws without one, as in
the authors' code). Outcomes are drawn uniformly with replacement from each estimator's
source (by default the paper's: all outcomes for IA and CA, the pure eps-NE for IC, the CC
window for CC). At each checkpoint the estimators of `symalign.delegation.estimation` are
evaluated on the distinct outcomes seen so far (the same formulas, on the integer payoffs):
EPIC on the observed outcomes for IA and CA (agents), the range-consistent IC and the window
CC. Errors are against the game's actual IA and CA (the rounded game's, within ``1e-5`` of
the targets) and against IC and CC (exact by construction); they are plotting coordinates.

Exact checks (a failure is a violation): every observed eps-NE outcome gives an IC estimate
at least ``IC``, and when the CC window is non-empty every played outcome gives a CC estimate
at least ``CC`` (integer arithmetic).
"""

from __future__ import annotations

from fractions import Fraction

from symalign.core.lazy import np

__all__: list[str] = []

ESTIMATES = ("IA", "CA", "IC", "CC")
SOURCES = {"IA": "all", "CA": "all", "IC": "eps_ne", "CC": "played"}
SOURCE_NAMES = ("all", "ne", "eps_ne", "played")
SOURCE_LABELS = {"all": "all outcomes", "ne": "pure NE", "eps_ne": r"pure $\epsilon$-NE",
                 "played": "played (CC window)"}
TITLES = {"IA": "Individual alignment (IA)", "CA": "Collective alignment (CA)",
          "IC": "Individual capabilities (IC)", "CC": "Collective capabilities (CC)"}
RELAX_EVERY = 10


def _unit(x: np.ndarray):
    """EPIC standardisation of integer values over the observed outcomes (float64)."""
    c = x - x.mean()
    m = float(np.sqrt(np.multiply(c, c).sum()))
    return (c / m if m > 0 else c), m


def ia_estimate(x: np.ndarray, y: np.ndarray) -> float:
    """``1 - ||nu_x - nu_y|| / 2`` over the given outcomes (a constant utility has nu = 0)."""
    a, _ = _unit(x.astype(np.float64))
    b, _ = _unit(y.astype(np.float64))
    d = a - b
    return 1.0 - float(np.sqrt(np.multiply(d, d).sum())) / 2


def ca_estimate(X: np.ndarray) -> float | None:
    """``1 - sum_i ||c_i - (m_i / M) W|| / M`` of the rows of ``X`` (None if all constant)."""
    C = X.astype(np.float64)
    C = C - C.mean(axis=1, keepdims=True)
    m = np.sqrt(np.multiply(C, C).sum(axis=1))
    M = float(m.sum())
    if M == 0:
        return None
    W = C.sum(axis=0)
    D = C - (m / M)[:, None] * W
    return 1.0 - float(np.sqrt(np.multiply(D, D).sum(axis=1)).sum()) / M


def ic_estimate(U: np.ndarray, shape, seen: np.ndarray, i: int, ic: Fraction):
    """The range-consistent IC estimate of player ``i`` on the flat outcomes ``seen``:
    ``(float value, exactly >= ic)``."""
    u = U[i].reshape(shape)
    lo_full = np.broadcast_to(u.min(axis=i, keepdims=True), shape).reshape(-1)
    coords = np.unravel_index(seen, shape)
    stride = int(np.prod(shape[i + 1:]))
    key = seen - coords[i] * stride
    order = np.argsort(key, kind="stable")
    key, vals, lo = key[order], U[i][seen][order], lo_full[seen][order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    lk = np.minimum.reduceat(vals, starts)
    hk = np.maximum.reduceat(vals, starts)
    lok = lo[starts]
    span = hk - lok
    flat = span == 0
    ratio = np.where(flat, 1.0, (lk - lok) / np.where(flat, 1, span))
    p, q = ic.numerator, ic.denominator
    ok = bool(np.all(flat | (q * (lk - lok) >= p * span)))
    return float(ratio.min()), ok


def run_game(seed: int, si: int, rep: int, params: dict) -> dict:
    """One game of size ``params['sizes'][si]``: errors at every checkpoint."""
    from symalign.experiments import rounded as R
    from symalign.experiments.grid import draw_game
    shape = tuple(params["sizes"][si])
    n, N = len(shape), int(np.prod(shape))
    grid = params["grid"]
    rng = np.random.default_rng(np.random.SeedSequence([seed, si, rep]))

    def target():
        return Fraction(int(rng.integers(0, grid + 1)), grid)
    t = {"IA": [target() for _ in range(n)], "CA": target(), "IC": target(), "CC": target()}
    U, Uh, refs, tol, draws = draw_game(rng, shape, t["IA"], t["CA"], ca_group="agents",
                                        relax_every=RELAX_EVERY, ic=t["IC"])
    ic = min(t["IC"], 1 - tol)
    W, w_star, w0, w_eps = refs
    cc = t["CC"]
    Us = U.reshape((n,) + shape)
    cands = {"all": np.arange(N),
             "ne": np.flatnonzero(R.pure_eps_ne_mask(Us, 1 - tol)),
             "eps_ne": np.flatnonzero(R.pure_eps_ne_mask(Us, ic))}
    played, window = R.played_indices(W, w_star, w0, w_eps, cc)
    cands["played"] = played
    actual = {"IA": [ia_estimate(Uh[i], U[i]) for i in range(n)], "CA": ca_estimate(U)}
    counts = params["checkpoints"]
    big = max(counts)
    sources = params["sources"]
    draws_by = {s: cands[s][rng.integers(0, len(cands[s]), size=big)]
                for s in sorted(set(sources.values()))}
    errors = {m: [] for m in ESTIMATES}
    undefined = {m: 0 for m in ESTIMATES}
    violations = checks = 0
    p, q = cc.numerator, cc.denominator
    for k in counts:
        for m in ESTIMATES:
            src = sources[m]
            seen = np.unique(draws_by[src][:k])
            err = None
            if m == "IA" and len(seen) > 1:
                err = float(np.mean([abs(ia_estimate(Uh[i][seen], U[i][seen]) - actual["IA"][i])
                                     for i in range(n)]))
            elif m == "CA" and len(seen) > 1 and actual["CA"] is not None:
                est = ca_estimate(U[:, seen])
                err = None if est is None else abs(est - actual["CA"])
            elif m == "IC":
                vals = []
                for i in range(n):
                    v, ok = ic_estimate(U, shape, seen, i, ic)
                    vals.append(abs(v - float(ic)))
                    if src in ("eps_ne", "ne"):   # every observed outcome is an eps-NE
                        violations += not ok
                        checks += 1
                err = float(np.mean(vals))
            elif m == "CC" and w_star != w0:
                wmin = int(W[seen].min())
                err = abs(Fraction(wmin - w_eps, w_star - w0) - cc)
                err = float(err)
                if src == "played" and window:    # the window estimate is at least CC
                    violations += not (q * (wmin - w_eps) >= p * (w_star - w0))
                    checks += 1
            if err is None:
                undefined[m] += 1
            errors[m].append(err)
    return {"size": si, "rep": rep, "draws": draws, "tolerance": str(tol), "errors": errors,
            "undefined": undefined, "violations": violations, "checks": checks,
            "empty_window": not window,
            "targets": {"IA": [str(x) for x in t["IA"]], "CA": str(t["CA"]),
                        "IC": str(ic), "CC": str(cc)},
            "actual": {"IA": actual["IA"], "CA": actual["CA"]}}


def run_chunk(seed: int, tasks: list, params: dict) -> list:
    return [run_game(seed, si, rep, params) for si, rep in tasks]


def figures(records: list, params: dict, out: str, stem: str = "estimation") -> list[str]:
    """Mean absolute error against samples (log x), one line per game size, 90% CI bands."""
    from symalign.experiments.grid import mean_band
    from symalign.experiments.runner import new_figure, save_figure
    counts = params["checkpoints"]
    fig = new_figure(figsize=(12.5, 3.6))
    axes = fig.subplots(1, 4)
    rng = np.random.default_rng(0)
    for ax, m in zip(axes, ESTIMATES):
        top = 0.0
        for si, size in enumerate(params["sizes"]):
            rows = [r for r in records if r["size"] == si]
            mid, lo, hi, xs = [], [], [], []
            for j, k in enumerate(counts):
                ys = np.array([r["errors"][m][j] for r in rows if r["errors"][m][j] is not None])
                if len(ys) == 0:
                    continue
                a, b, c = mean_band(ys, rng)
                xs.append(k)
                mid.append(a)
                lo.append(b)
                hi.append(c)
            if xs:
                line, = ax.plot(xs, mid, lw=1.4, label=r"$\times$".join(str(a) for a in size))
                ax.fill_between(xs, lo, hi, color=line.get_color(), alpha=0.2, lw=0)
                top = max(top, max(hi))
        ax.set_xscale("log")
        ax.set_xlim(counts[0], counts[-1])
        ax.set_ylim(0, 1.08 * top if top > 0 else 1)
        ax.set_xlabel("Samples")
        ax.set_title(f"{TITLES[m]}\nsampled from {SOURCE_LABELS[params['sources'][m]]}",
                     fontsize=9)
    axes[0].set_ylabel("Mean absolute error")
    axes[0].legend(title="game size", fontsize=8, title_fontsize=8)
    fig.suptitle(f"Estimation error, {params['repetitions']} games per size; lines: means, "
                 "bands: 90% confidence intervals of the means", fontsize=9)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    fig.text(0.5, 0.01, "The IC and CC estimates are never below the true values (checked "
             "exactly); they converge to the least value over the sampled set, which in small "
             "games can stay well above IC and CC.", ha="center", fontsize=8)
    return save_figure(fig, f"{out}/{stem}")
