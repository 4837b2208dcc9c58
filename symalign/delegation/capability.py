"""Individual and collective capability of agents, and the regret decomposition (Sourbut, Hammond & Wood (2024), individual and collective capability).

* ``IC_i(sigma) = (u_i(sigma) - lo_i) / (hi_i - lo_i)`` (1 when ``hi_i = lo_i``), the
  range-relative epsilon-Nash measure: ``sigma`` is an epsilon-NE iff ``IC_i >= 1 - eps_i``;
* ``CC(sigma) = (w(sigma) - w_eps) / (w* - w_0)`` over the **pure** equilibrium class;
* the identity ``WR(sigma) = (1 - CC)(w* - w_0) + (w_0 - w_eps)``.
"""

from __future__ import annotations


import itertools
from dataclasses import dataclass, field

from symalign.core.lazy import np
import sympy
from sympy import Integer

from symalign.normalform import ca
from symalign.core.exact import to_exact
from symalign.engines.piecewise import piecewise
from symalign.engines.symbolic import decide, finish as _tidy, is_zero, require, smax, smin
from symalign.delegation.model import DelegationGame
from symalign.core.deprecation import player_first
from symalign.core.errors import SymalignError, UndecidableError, UndefinedMetricError
from symalign.core.game import Game
from symalign.core.profiles import as_correlated

__all__ = [
    "individual_capability",
    "individual_capabilities",
    "is_epsilon_nash",
    "pure_epsilon_nash_equilibria",
    "collective_capability",
    "regret_decomposition",
    "RegretDecomposition",
]

SOURCE_IC = "Sourbut, Hammond & Wood (2024), individual and collective capability"
SOURCE_CC = "Sourbut, Hammond & Wood (2024), individual and collective capability"


def _agent_game(game) -> tuple[Game, tuple | None, int]:
    """(game, weights, divisor) for a Game or a DelegationGame's agents."""
    if isinstance(game, DelegationGame):
        return game.agents, game.weights, (game.n if game.welfare_form == "average" else 1)
    if isinstance(game, Game):
        return game, None, 1
    raise SymalignError(f"Argument 'game' is {game!r}; pass a Game or a DelegationGame.")


def _deviation_values(game: Game, mu: np.ndarray, i: int) -> tuple[list, sympy.Expr]:
    """``[u_i(a', mu_-i) for a']`` and ``u_i(mu)``."""
    U = game.sympy_array()[i]
    others = mu.sum(axis=i)  # marginal of the others (shape without axis i)
    dev = []
    for a in range(game.shape[i]):
        Ua = np.take(U, a, axis=i)
        dev.append(_tidy(sympy.Add(*(others.reshape(-1) * Ua.reshape(-1)))))
    own = _tidy(sympy.Add(*(mu.reshape(-1) * U.reshape(-1))))
    return dev, own


@player_first("individual_capability", "individual_capability(game, player, profile)")
def individual_capability(game, player, profile) -> sympy.Expr:
    """``IC_i(sigma) = (u_i(sigma) - lo_i)/(hi_i - lo_i)``, 1 for a zero range (Sourbut, Hammond & Wood (2024), individual and collective capability).

    ``lo_i`` and ``hi_i`` are the worst and best payoffs of a unilateral pure deviation
    ``u_i(a', sigma_-i)``. For a correlated profile the deviation is against the others'
    marginal (the coarse-correlated reading). ``game`` may be a `DelegationGame` (its agents).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation.capability import individual_capability
    >>> pd = sa.games.prisoners_dilemma()
    >>> individual_capability(pd, 0, ("C", "C")), individual_capability(pd, 0, ("D", "C"))
    (0, 1)
    >>> individual_capability(pd, 0, [["1/2", "1/2"], [1, 0]])
    1/2

    Parameters
    ==========

    game : Game or DelegationGame
    player : int or str
    profile : pure tuple, mixed or correlated profile

    Raises
    ======

    UndecidableError
        For symbolic payoffs whose range cannot be decided to be zero or not.

    """
    g, _, _ = _agent_game(game)
    i = g.player_index(player)
    mu = as_correlated(g, profile).probabilities
    dev, own = _deviation_values(g, mu, i)
    A = g.assumptions
    hi, lo = smax(dev, A), smin(dev, A)
    z = is_zero(_tidy(hi - lo), A)
    if z is True:
        return Integer(1)
    if z is None or (hi.has(sympy.Max) or lo.has(sympy.Min)):   # a closed form (issue 14)
        pairs = [(Integer(1), sympy.And(*[sympy.Eq(d, dev[0]) for d in dev[1:]]))]
        for (h, ch), (l_, cl) in itertools.product(_extreme_cases(dev, True),
                                                   _extreme_cases(dev, False)):
            if h != l_:
                pairs.append((_tidy((own - l_) / (h - l_)), sympy.And(ch, cl)))
        return piecewise(pairs, A, context=f"the individual capability of player {i}")
    return _tidy((own - lo) / (hi - lo))


def _extreme_cases(values, largest: bool) -> list:
    """``[(v, condition that v is the largest (smallest) of values)]`` over distinct values."""
    vals = []
    for v in values:
        if v not in vals:
            vals.append(v)
    rel = sympy.Ge if largest else sympy.Le
    return [(v, sympy.And(*[rel(v, w) for w in vals if w is not v])) for v in vals]


def individual_capabilities(game, profile) -> tuple[sympy.Expr, ...]:
    """Every player's `individual_capability` at ``profile``.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation.capability import individual_capabilities
    >>> individual_capabilities(sa.games.stag_hunt(), ("F", "F"))
    (1, 1)

    """
    g, _, _ = _agent_game(game)
    return tuple(individual_capability(g, i, profile) for i in range(g.n_players))


def _epsilons(eps, n: int) -> list:
    if isinstance(eps, (list, tuple, np.ndarray)):
        vals = list(eps)
        if len(vals) != n:
            raise SymalignError(f"Argument 'eps' has {len(vals)} entries, but the game has {n} "
                                "players.")
    else:
        vals = [eps] * n
    out = [to_exact(e, name="eps", where=f" (player {k})") for k, e in enumerate(vals)]
    for k, e in enumerate(out):
        if e.is_number and (e < 0 or e > 1):
            raise SymalignError(f"Argument 'eps' is {e} for player {k}; it must lie in [0, 1].")
    return out


def is_epsilon_nash(game, profile, eps) -> bool:
    """True iff ``IC_i(sigma) >= 1 - eps_i`` for every player (range-relative, Sourbut, Hammond & Wood (2024), individual and collective capability).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation.capability import is_epsilon_nash
    >>> pd = sa.games.prisoners_dilemma()
    >>> is_epsilon_nash(pd, ("C", "C"), 0), is_epsilon_nash(pd, ("C", "C"), 1)
    (False, True)

    """
    g, _, _ = _agent_game(game)
    epsilons = _epsilons(eps, g.n_players)
    for i, e in enumerate(epsilons):
        ic = individual_capability(g, i, profile)
        if not require(sympy.Ge(ic, 1 - e), g.assumptions, f"is_epsilon_nash (player {i})"):
            return False
    return True


def pure_epsilon_nash_equilibria(game, eps=0) -> tuple[tuple[int, ...], ...]:
    """Every pure range-relative epsilon-Nash equilibrium, row-major order (Sourbut, Hammond & Wood (2024), individual and collective capability).

    ``a`` qualifies iff ``u_i(a) >= lo_i + (1 - eps_i)(hi_i - lo_i)`` for every ``i``, with
    ``lo_i, hi_i`` the extremes of ``u_i(., a_-i)``. ``eps = 0`` gives the pure Nash equilibria.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation.capability import pure_epsilon_nash_equilibria
    >>> pure_epsilon_nash_equilibria(sa.games.stag_hunt())
    ((0, 0), (1, 1))
    >>> len(pure_epsilon_nash_equilibria(sa.games.prisoners_dilemma(), 1))
    4

    Raises
    ======

    UndecidableError
        For symbolic payoffs when the assumptions do not decide a profile.

    """
    g, _, _ = _agent_game(game)
    epsilons = _epsilons(eps, g.n_players)
    if g.is_numeric and all(e.is_Rational for e in epsilons):
        mask = np.ones(g.shape, dtype=bool)
        for i, (ex, e) in enumerate(zip(g.exact_arrays(), epsilons)):
            p, q = int(e.p), int(e.q)
            num = ex.num
            if num.dtype != object and ex.max_abs() * 4 * q < 2**62:
                num = num.astype(np.int64)
            else:
                num = num.astype(object)
            hi = num.max(axis=i, keepdims=True)
            lo = num.min(axis=i, keepdims=True)
            mask &= q * (num - lo) >= (q - p) * (hi - lo)
        return tuple(tuple(int(x) for x in row) for row in np.argwhere(mask))
    U = g.sympy_array()
    out = []
    A = g.assumptions
    for a in g.outcomes():
        ok = True
        for i, e in enumerate(epsilons):
            vals = [U[(i, *a[:i], b, *a[i + 1:])] for b in range(g.shape[i])]
            hi, lo = smax(vals, A), smin(vals, A)
            v = decide(sympy.Ge(U[(i, *a)], lo + (1 - e) * (hi - lo)), A)
            if v is None:
                raise UndecidableError(sympy.Ge(U[(i, *a)], lo + (1 - e) * (hi - lo)),
                                       f"whether {a} is an epsilon-Nash equilibrium")
            if not v:
                ok = False
                break
        if ok:
            out.append(a)
    return tuple(out)


def _reference_candidates(game, eps, equilibria: str):
    """The candidate lists of ``w*``, ``w_0`` and ``w_eps`` (before the max and minima)."""
    g, w, div = _agent_game(game)
    W = ca._values(ca._welfare_array(g, list(w) if w is not None else None))
    index = {a: k for k, a in enumerate(g.outcomes())}
    ne = pure_epsilon_nash_equilibria(g, 0)
    eps_ne = pure_epsilon_nash_equilibria(g, eps)
    return ([_tidy(x / div) for x in W], [_tidy(W[index[a]] / div) for a in ne],
            [_tidy(W[index[a]] / div) for a in eps_ne])


def _reference_welfares(game, eps, equilibria: str):
    if equilibria != "pure":
        raise SymalignError(f"Argument 'equilibria' is {equilibria!r}; only 'pure' (the "
                            "authors' class, Sourbut, Hammond & Wood (2024), individual and collective capability) is supported.")
    g, w, div = _agent_game(game)
    W = ca._values(ca._welfare_array(g, list(w) if w is not None else None))
    profiles = list(g.outcomes())
    index = {a: k for k, a in enumerate(profiles)}
    A = g.assumptions
    ne = pure_epsilon_nash_equilibria(g, 0)
    if not ne:
        raise UndefinedMetricError("collective capability", "the agents' game has no pure Nash "
                                   "equilibrium, so w_0 is undefined")
    eps_ne = pure_epsilon_nash_equilibria(g, eps)
    w_star = smax(W, A) / div
    w0 = smin([W[index[a]] for a in ne], A) / div
    w_eps = smin([W[index[a]] for a in eps_ne], A) / div
    return g, w, div, _tidy(w_star), _tidy(w0), _tidy(w_eps)


def collective_capability(game, profile, eps=0, equilibria: str = "pure") -> sympy.Expr:
    """``CC(sigma) = (w(sigma) - w_eps) / (w* - w_0)`` (Sourbut, Hammond & Wood (2024), individual and collective capability), pure equilibrium class.

    ``w_0`` is the worst pure-NE welfare and ``w_eps`` the worst pure epsilon-NE welfare.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation.capability import collective_capability
    >>> sh = sa.games.stag_hunt()          # w* = 20, w_0 = 4 (FF), w_eps = 4 at eps = 0
    >>> collective_capability(sh, ("M", "M")), collective_capability(sh, ("F", "F"))
    (1, 0)

    Raises
    ======

    UndefinedMetricError
        If there is no pure NE, or ``w* = w_0`` (even the worst NE is optimal).

    """
    return _cc_values(game, [profile], eps, equilibria)[0]


def _cc_values(game, profiles, eps=0, equilibria: str = "pure",
               refs: tuple | None = None) -> list:
    """`collective_capability` at each of ``profiles``, with the reference welfares (the
    equilibrium enumerations) computed once, or taken from ``refs``."""
    g, w, div, w_star, w0, w_eps = refs or _reference_welfares(game, eps, equilibria)
    den = _tidy(w_star - w0)
    zero = is_zero(den, g.assumptions)
    if zero is True:
        raise UndefinedMetricError("collective capability", "w* = w_0: even the worst "
                                   "equilibrium is optimal")
    weights = list(w) if w is not None else None
    values = [_tidy(ca.welfare(g, profile, weights) / div) for profile in profiles]
    if zero is False and not any(x.has(sympy.Max, sympy.Min) for x in (w_star, w0, w_eps)):
        return [_tidy((v - w_eps) / den) for v in values]
    # a closed form (issue 14): by cases of which welfare is w*, w_0 and w_eps; nan where
    # w* = w_0 (undefined there, as the numeric measure raises)
    stars, zeros, epss = _reference_candidates(game, eps, equilibria)
    cases = list(itertools.product(_extreme_cases(stars, True), _extreme_cases(zeros, False),
                                   _extreme_cases(epss, False)))
    out = []
    for v in values:
        pairs = []
        for (ws, cs), (wz, cz), (we, ce) in cases:
            cond = sympy.And(cs, cz, ce)
            pairs.append((sympy.nan, sympy.And(cond, sympy.Eq(ws, wz))))
            if _tidy(ws - wz) != 0:
                pairs.append((_tidy((v - we) / (ws - wz)), cond))
        out.append(piecewise(pairs, g.assumptions, context="the collective capability"))
    return out


@dataclass(frozen=True)
class RegretDecomposition:
    """``WR = (1 - CC)(w* - w_0) + (w_0 - w_eps)`` with every term (Sourbut, Hammond & Wood (2024), individual and collective capability).

    Examples
    ========

    Stag hunt at (F, F) (Sourbut, Hammond & Wood (2024), blog post): regret 16, the worst NE is (F, F) itself, so CC = 0.

    >>> import symalign as sa
    >>> d = sa.regret_decomposition(sa.games.stag_hunt(), ("F", "F"))
    >>> d.welfare_regret, d.w_star, d.w_0, d.collective_capability, d.identity_holds
    (16, 20, 4, 0, True)
    """

    welfare_regret: sympy.Expr
    collective_capability: sympy.Expr
    w_star: sympy.Expr
    w_0: sympy.Expr
    w_eps: sympy.Expr
    anarchy_gap: sympy.Expr
    irrationality_loss: sympy.Expr
    cooperation_term: sympy.Expr
    identity_holds: bool
    epsilon: object = field(repr=False, default=0)
    equilibria: str = field(repr=False, default="pure")
    source: str = field(repr=False, default=SOURCE_CC)


def regret_decomposition(game, profile, eps=0, equilibria: str = "pure") -> RegretDecomposition:
    """The exact identity ``WR(sigma) = (1 - CC)(w* - w_0) + (w_0 - w_eps)`` (Sourbut, Hammond & Wood (2024), individual and collective capability).

    For a `DelegationGame` the agents' welfare in its form (sum or average) is used.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation.capability import regret_decomposition
    >>> r = regret_decomposition(sa.games.stag_hunt(), ("F", "F"))
    >>> r.welfare_regret, r.cooperation_term, r.irrationality_loss, r.identity_holds
    (16, 16, 0, True)

    """
    refs = _reference_welfares(game, eps, equilibria)
    g, w, div, w_star, w0, w_eps = refs
    cc = _cc_values(game, [profile], refs=refs)[0]
    val = ca.welfare(g, profile, list(w) if w is not None else None) / div
    wr = _tidy(w_star - val)
    # (1 - CC)(w* - w_0) = w* - w_0 - (w(sigma) - w_eps), also where CC is a closed form
    coop = _tidy(w_star - w0 - val + w_eps) if g.free_symbols else _tidy((1 - cc) * (w_star - w0))
    loss = _tidy(w0 - w_eps)
    holds = is_zero(_tidy(wr - coop - loss), g.assumptions) is True
    return RegretDecomposition(wr, cc, w_star, w0, w_eps, _tidy(w_star - w0), loss, coop, holds,
                               eps, equilibria)



