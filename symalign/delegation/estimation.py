"""Estimating IA, CA, IC and CC from observed outcomes (Sourbut, Hammond & Wood (2024), Sec. 6.2), exactly.

Data are pure outcomes drawn uniformly with replacement from a candidate set (`sample_outcomes`):
all of ``S``, the pure NE, the pure epsilon-NE, or the played set of the CC window (Sourbut, Hammond & Wood (2024), Sec. 6.2).

Library corrections to the authors' `inference.py` (Sourbut, Hammond & Wood (2024), Sec. 6.2, [choice]):

* the CA weights are the **centred** magnitudes of the standardisation (the code used uncentred norms);
* with a single distinct observed outcome IA and CA are **undefined** (the code returned the
  raw value);
* `estimate_individual_capability` defaults to the range-consistent estimator
  ``min_k (l_k - lo_k)/(h_k - lo_k)`` (off-path payoffs are known in a game); the code's ratio
  ``min_k l_k / h_k`` is ``method="ratio"``;
* `estimate_collective_capability` offers the code's heuristic ``w_min / w_max``
  (``method="ratio"``) and the window-consistent ``min_s CC(s)`` (``method="window"``).
"""

from __future__ import annotations

from collections.abc import Iterable

from symalign.core.lazy import np
import sympy
from sympy import Integer

from symalign.normalform import ca
from symalign.engines.symbolic import is_zero, smax, smin
from symalign.delegation.alignment import _collective, _member_from_values, pairwise_alignment
from symalign.delegation.capability import _agent_game, _reference_welfares, pure_epsilon_nash_equilibria
from symalign.delegation.model import DelegationGame, _require
from symalign.core.deprecation import player_first, warn_deprecated
from symalign.core.errors import SymalignError, UndefinedMetricError
from symalign.core.game import Game
from symalign.delegation.standardisation import EPIC, Standardisation, _tidy

__all__ = [
    "sample_outcomes",
    "played_set",
    "estimate_individual_alignment",
    "estimate_collective_alignment",
    "estimate_individual_capability",
    "estimate_collective_capability",
    "mean_absolute_error",
]

SOURCE = "Sourbut, Hammond & Wood (2024), Sec. 6.2"


def _distinct(game: Game, observed: Iterable) -> list[tuple[int, ...]]:
    seen = {game.pure_profile(s) for s in observed}
    if not seen:
        raise SymalignError("Argument 'observed' is empty: pass at least one outcome.")
    return sorted(seen)


def played_set(game, cc, eps=0) -> tuple[tuple[int, ...], ...]:
    """The pure profiles in the CC window ``w_eps + CC (w* - w_0) <= w(s) <= w_eps + (w* - w_0)``.

    The window uses welfare only. If it is empty, the code's fallback is used: the one
    profile whose welfare is closest to the window's midpoint (first in row-major order).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation.estimation import played_set
    >>> played_set(sa.games.stag_hunt(), 1)     # w* = 20, w_0 = w_eps = 4: window [20, 20]
    ((1, 1),)
    >>> played_set(sa.games.stag_hunt(), 0)     # window [4, 20]
    ((0, 0), (1, 1))

    """
    from symalign.core.exact import to_exact
    g, w, div, w_star, w0, w_eps = _reference_welfares(game, eps, "pure")
    cc = to_exact(cc, name="cc")
    W = [v / div for v in ca._values(ca._welfare_array(g, list(w) if w else None))]
    lo, hi = w_eps + cc * (w_star - w0), w_eps + (w_star - w0)
    profiles = list(g.outcomes())
    out = [a for a, v in zip(profiles, W) if bool(v >= lo) and bool(v <= hi)]
    if out:
        return tuple(out)
    mid = (lo + hi) / 2
    k = min(range(len(W)), key=lambda j: (abs(W[j] - mid), j))
    return (profiles[k],)


def sample_outcomes(game, n_samples: int, seed=None, *, source: str = "all", eps=0,
                    cc=None) -> tuple[tuple[int, ...], ...]:
    """Outcomes drawn uniformly with replacement from a candidate set (Sourbut, Hammond & Wood (2024), Sec. 6.2).

    ``source`` is ``"all"`` (every outcome), ``"ne"`` (pure NE), ``"eps_ne"`` (pure
    epsilon-NE with ``eps``) or ``"played"`` (the CC window for ``cc``, see `played_set`).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation.estimation import sample_outcomes
    >>> sorted(set(sample_outcomes(sa.games.stag_hunt(), 50, seed=0, source="ne")))
    [(0, 0), (1, 1)]

    """
    g, _, _ = _agent_game(game)
    if source == "all":
        cands = list(g.outcomes())
    elif source == "ne":
        cands = list(pure_epsilon_nash_equilibria(g, 0, strict=True))
    elif source == "eps_ne":
        cands = list(pure_epsilon_nash_equilibria(g, eps, strict=True))
    elif source == "played":
        if cc is None:
            raise SymalignError("Argument 'cc' is None; source='played' needs the CC window "
                                "parameter.")
        cands = list(played_set(game, cc, eps))
    else:
        raise SymalignError(f"Argument 'source' is {source!r}; use 'all', 'ne', 'eps_ne' or "
                            "'played'.")
    if not cands:
        raise UndefinedMetricError("the sample", f"the candidate set {source!r} is empty")
    if not isinstance(n_samples, (int, np.integer)) or n_samples < 0:
        raise SymalignError(f"Argument 'n_samples' is {n_samples!r}; pass a non-negative int.")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(cands), size=int(n_samples))
    return tuple(cands[int(k)] for k in idx)


def _restricted(game: Game, i: int, outcomes) -> list:
    return [game.payoff(i, a) for a in outcomes]


def estimate_individual_alignment(dg: DelegationGame, observed,
                                  standardisation: Standardisation = EPIC
                                  ) -> tuple[sympy.Expr, ...]:
    """``IA_i`` estimated on the distinct observed outcomes ``O`` (uniform over ``O``).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation import DelegationGame
    >>> from symalign.delegation.estimation import estimate_individual_alignment
    >>> pd = sa.games.prisoners_dilemma()
    >>> dg = DelegationGame(pd, pd)
    >>> estimate_individual_alignment(dg, [(0, 0), (1, 1), (0, 1)])
    (1, 1)

    Raises
    ======

    UndefinedMetricError
        With a single distinct observed outcome.

    """
    _require(dg)
    O = _distinct(dg.agents, observed)
    if len(O) == 1:
        raise UndefinedMetricError("the estimated individual alignment",
                                   "only one distinct outcome was observed")
    if standardisation.distribution is not None:
        raise SymalignError("Argument 'standardisation' has a coverage distribution; the "
                            "estimator standardises uniformly over the observed outcomes.")
    return tuple(pairwise_alignment(_restricted(dg.principals, i, O),
                                    _restricted(dg.agents, i, O), standardisation)
                 for i in range(dg.n))


def estimate_collective_alignment(game, observed, group: str | None = None,
                                  standardisation: Standardisation = EPIC) -> sympy.Expr:
    """CA estimated on the distinct observed outcomes, with centred magnitudes.

    ``game`` is a `DelegationGame` (``group`` picks the principals, the default of every
    delegation measure, or the agents, which the inference experiment estimates; calling
    without ``group`` on a delegation game is deprecated and means the agents, with a warning)
    or a `Game`. Magnitudes are weighted by the delegation game's welfare weights, as in
    `collective_alignment`.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation.estimation import estimate_collective_alignment
    >>> estimate_collective_alignment(sa.games.chicken(), list(sa.games.chicken().outcomes()))
    1 - 5*sqrt(262)/131

    """
    factors = None
    if isinstance(game, DelegationGame):
        if group is None:
            warn_deprecated("estimate_collective_alignment(dg, observed) without group=",
                            "estimate_collective_alignment(dg, observed, 'agents') (the default "
                            "becomes 'principals')")
            group = "agents"
        g, factors = game.game(group), list(game.factors())
    else:
        g = game
    if not isinstance(g, Game):
        raise SymalignError(f"Argument 'game' is {game!r}; pass a Game or a DelegationGame.")
    O = _distinct(g, observed)
    if len(O) == 1:
        raise UndefinedMetricError("the estimated collective alignment",
                                   "only one distinct outcome was observed")
    members = [_member_from_values(_restricted(g, i, O), standardisation, g.assumptions)
               for i in range(g.n_players)]
    factors = factors or [Integer(1)] * g.n_players
    return _collective(members, factors, standardisation, g.assumptions)


@player_first("estimate_individual_capability",
              "estimate_individual_capability(game, player, observed)")
def estimate_individual_capability(game, player, observed, *, method: str = "range"
                                   ) -> sympy.Expr:
    """``IC_i`` estimated from observed (epsilon-NE) outcomes (Sourbut, Hammond & Wood (2024), Sec. 6.2).

    For each observed context ``k = s_-i``, ``l_k`` and ``h_k`` are the least and greatest
    observed ``u_i(s)``. ``method="range"`` (default) gives ``min_k (l_k - lo_k)/(h_k - lo_k)``
    with ``lo_k = min_a u_i(a, k)`` (1 when ``h_k = lo_k``); ``method="ratio"`` gives the code's
    ``min_k l_k / h_k``, which needs positive utilities.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation.estimation import estimate_individual_capability
    >>> pd = sa.games.prisoners_dilemma()
    >>> estimate_individual_capability(pd, 0, [(0, 0), (1, 0)])   # context C: l = 2, h = 3, lo = 2
    0
    >>> estimate_individual_capability(pd, 0, [(0, 0), (1, 0)], method="ratio")
    2/3

    """
    g, _, _ = _agent_game(game)
    i = g.player_index(player)
    if method not in ("range", "ratio"):
        raise SymalignError(f"Argument 'method' is {method!r}; use 'range' or 'ratio'.")
    O = _distinct(g, observed)
    contexts: dict = {}
    for a in O:
        k = a[:i] + a[i + 1:]
        contexts.setdefault(k, []).append(g.payoff(i, a))
    A = g.assumptions
    vals = []
    for k, us in contexts.items():
        lk, hk = smin(us, A), smax(us, A)
        if method == "ratio":
            if not (hk.is_number and hk > 0):
                raise UndefinedMetricError("the ratio estimate of individual capability",
                                           f"the largest observed payoff in context {k} is {hk}, "
                                           "not positive")
            vals.append(lk / hk)
        else:
            lo = smin([g.payoff(i, k[:i] + (b,) + k[i:]) for b in range(g.shape[i])], A)
            if is_zero(_tidy(hk - lo), A) is True:
                vals.append(Integer(1))
            else:
                vals.append(_tidy((lk - lo) / (hk - lo)))
    return _tidy(smin(vals, A))


def estimate_collective_capability(game, observed, *, method: str = "window", eps=0
                                   ) -> sympy.Expr:
    """CC estimated from observed (played) outcomes (Sourbut, Hammond & Wood (2024), Sec. 6.2).

    ``method="ratio"`` is the code's heuristic ``w_min / w_max`` of the observed (average)
    welfare; ``method="window"`` is ``min_s CC(s)`` over the observed outcomes, consistent with
    the collective capability (``w_eps`` at ``eps``).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation.estimation import estimate_collective_capability
    >>> sh = sa.games.stag_hunt()
    >>> estimate_collective_capability(sh, [(1, 1)]), estimate_collective_capability(sh, [(0, 0), (1, 1)], method="ratio")
    (1, 1/5)

    """
    from symalign.delegation.capability import _cc_values
    g, w, div = _agent_game(game)
    O = _distinct(g, observed)
    if method == "window":
        return _tidy(smin(_cc_values(game, O, eps), g.assumptions))
    if method != "ratio":
        raise SymalignError(f"Argument 'method' is {method!r}; use 'window' or 'ratio'.")
    W = [ca.welfare(g, a, list(w) if w else None) / g.n_players for a in O]
    hi, lo = smax(W, g.assumptions), smin(W, g.assumptions)
    if not (hi.is_number and hi > 0):
        raise UndefinedMetricError("the ratio estimate of collective capability",
                                   f"the largest observed welfare is {hi}, not positive")
    return _tidy(lo / hi)


def mean_absolute_error(estimates, targets) -> sympy.Expr:
    """The exact mean absolute error of estimates against targets (Sourbut, Hammond & Wood (2024), Sec. 6.2 error measure).

    Examples
    ========

    >>> from symalign.delegation.estimation import mean_absolute_error
    >>> mean_absolute_error(["1/2", 1], [0, 1])
    1/4

    """
    from symalign.engines.algebraic import sign
    from symalign.core.exact import to_exact
    est = [to_exact(x, name="estimates") for x in estimates]
    tar = [to_exact(x, name="targets") for x in targets]
    if len(est) != len(tar) or not est:
        raise SymalignError(f"Arguments 'estimates' and 'targets' have {len(est)} and "
                            f"{len(tar)} entries; they must be equal and non-empty.")
    diffs = [_tidy(a - b) for a, b in zip(est, tar)]
    return _tidy(sympy.Add(*(d if sign(d) >= 0 else -d for d in diffs)) / len(diffs))
