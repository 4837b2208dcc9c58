"""Individual and collective capability of agents, and the regret decomposition (Sourbut, Hammond & Wood (2024), individual and collective capability).

* ``IC_i(sigma) = (u_i(sigma) - lo_i) / (hi_i - lo_i)`` (1 when ``hi_i = lo_i``), the
  range-relative epsilon-Nash measure: ``sigma`` is an epsilon-NE iff ``IC_i >= 1 - eps_i``;
* ``CC(sigma) = (w(sigma) - w_eps) / (w* - w_0)`` over the **pure** equilibrium class;
* the identity ``WR(sigma) = (1 - CC)(w* - w_0) + (w_0 - w_eps)``.
"""

from __future__ import annotations


import functools
import itertools
from dataclasses import dataclass, field

from symalign.core.lazy import np
import sympy
from sympy import Integer

from symalign.normalform import ca
from symalign.core.exact import to_exact
from symalign.engines.piecewise import piecewise
from symalign.engines.symbolic import finish as _tidy, is_zero, smax, smin
from symalign.delegation.model import DelegationGame
from symalign.core.deprecation import player_first
from symalign.core.errors import SymalignError, UndefinedMetricError
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
    "PureEquilibriumRegions",
    "EpsilonNashRegion",
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


def is_epsilon_nash(game, profile, eps, *, assumptions=None, strict: bool = False):
    """True iff ``IC_i(sigma) >= 1 - eps_i`` for every player (range-relative, Sourbut, Hammond & Wood (2024), individual and collective capability).

    On a symbolic game whose assumptions do not decide it, the result is the condition
    (a sympy Boolean over the payoffs, from `symalign.delegation.casesplit.split_cases`)
    under which the profile is an epsilon-Nash equilibrium; ``strict=True`` raises
    `UndecidableError` naming the first undecided comparison instead.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> from symalign.delegation.capability import is_epsilon_nash
    >>> pd = sa.games.prisoners_dilemma()
    >>> is_epsilon_nash(pd, ("C", "C"), 0), is_epsilon_nash(pd, ("C", "C"), 1)
    (False, True)
    >>> x = sympy.Symbol("x")
    >>> g = sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> is_epsilon_nash(g, (0, 0), 0)          # the row player may not prefer row 1
    x >= 0

    """
    g, _, _ = _agent_game(game)
    g = _with(g, assumptions)
    epsilons = _epsilons(eps, g.n_players)
    mu = as_correlated(g, profile).probabilities

    def compute(A):
        for i, e in enumerate(epsilons):
            dev, own = _deviation_values(g, mu, i)
            if not _is_eps_best(own, dev, e, A):
                return False
        return True

    if g.is_numeric:
        return compute(g.assumptions)
    from symalign.delegation.casesplit import split_cases, tree_condition
    tree = split_cases(compute, g.assumptions, context="is_epsilon_nash", strict=strict)
    c = tree_condition(tree)
    return True if c is sympy.true else False if c is sympy.false else c


def _with(g: Game, assumptions) -> Game:
    """``g`` with the caller's ``assumptions=`` added (the forms of `Game.assuming`)."""
    if assumptions is None:
        return g
    rels = [assumptions] if isinstance(assumptions, (sympy.Basic, str)) else list(assumptions)
    return g.assuming(*rels) if rels else g


def _strict(rel, A) -> bool:
    """``rel`` decided exactly under ``A``, or `UndecidableError` naming it (to be split on)."""
    from symalign.delegation.casesplit import decide_or_split
    return decide_or_split(rel, A)


def _is_eps_best(own, dev, e, A) -> bool:
    """``own >= lo + (1 - e)(hi - lo)`` with ``lo, hi`` the extremes of ``dev``, every
    comparison decided exactly or raised as `UndecidableError` (a relation between two
    payoff expressions)."""
    if e == 0:
        return all(_strict(sympy.Ge(own, _tidy(d)), A) for d in dev if _tidy(own - d) != 0)
    hi = lo = dev[0]
    for d in dev[1:]:
        if _tidy(d - hi) != 0 and _strict(sympy.Gt(d, hi), A):
            hi = d
        if _tidy(d - lo) != 0 and _strict(sympy.Lt(d, lo), A):
            lo = d
    gap = _tidy(own - lo - (1 - e) * (hi - lo))
    return True if gap == 0 else _strict(sympy.Ge(gap, 0), A)


def pure_epsilon_nash_equilibria(game, eps=0, *, assumptions=None, strict: bool = False):
    """Every pure range-relative epsilon-Nash equilibrium, row-major order (Sourbut, Hammond & Wood (2024), individual and collective capability).

    ``a`` qualifies iff ``u_i(a) >= lo_i + (1 - eps_i)(hi_i - lo_i)`` for every ``i``, with
    ``lo_i, hi_i`` the extremes of ``u_i(., a_-i)``. ``eps = 0`` gives the pure Nash equilibria.

    A numeric game, or a symbolic one whose assumptions decide every comparison, gives the
    tuple of profiles. Otherwise the set depends on the region of the parameters and the
    result is a `PureEquilibriumRegions` record: regions that partition the admissible
    parameter space (boundaries, i.e. ties, included), each with the tuple of profiles that
    qualify there (`symalign.delegation.casesplit.split_cases`: each undecided comparison
    split into it and its negation, in the order the profiles and players are examined,
    empty regions dropped). ``strict=True`` raises `UndecidableError` instead.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> from symalign.delegation.capability import pure_epsilon_nash_equilibria
    >>> pure_epsilon_nash_equilibria(sa.games.stag_hunt())
    ((0, 0), (1, 1))
    >>> len(pure_epsilon_nash_equilibria(sa.games.prisoners_dilemma(), 1))
    4
    >>> x = sympy.Symbol("x")
    >>> ne = pure_epsilon_nash_equilibria(sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 1]]))
    >>> for r in ne.regions:
    ...     print(r.condition, r.profiles)
    Eq(x, 0) ((0, 0), (1, 1))
    x > 0 ((0, 0), (1, 1))
    x < 0 ((1, 1),)
    >>> ne.region_at({x: -2}).profiles
    ((1, 1),)

    Raises
    ======

    UndecidableError
        With ``strict=True``, for symbolic payoffs when the assumptions do not decide a
        profile (the error names the comparison).

    """
    g, _, _ = _agent_game(game)
    g = _with(g, assumptions)
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
    from symalign.delegation.casesplit import split_cases, tree_leaves
    tree = split_cases(lambda A: _pure_eps_ne(g, epsilons, A), g.assumptions,
                       context="the pure epsilon-Nash equilibria", strict=strict)
    leaves = tree_leaves(tree)
    if len(leaves) == 1:
        return leaves[0][1]
    from symalign.delegation.casesplit import path_condition
    regions = tuple(EpsilonNashRegion(path_condition(path), profiles)
                    for path, profiles in leaves)
    return PureEquilibriumRegions(regions, tuple(epsilons), METHOD_SPLIT, g.assumptions)


def _pure_eps_ne(g: Game, epsilons, A) -> tuple:
    """The pure epsilon-NE under ``A``; `UndecidableError` names the first open comparison."""
    U = g.sympy_array()
    out = []
    for a in g.outcomes():
        if all(_is_eps_best(U[(i, *a)], [U[(i, *a[:i], b, *a[i + 1:])]
                                         for b in range(g.shape[i])], e, A)
               for i, e in enumerate(epsilons)):
            out.append(a)
    return tuple(out)


METHOD_SPLIT = ("exact case split: each comparison of payoffs the assumptions leave open is "
                "split into it and its negation (exact LP satisfiability of every region)")


@dataclass(frozen=True)
class EpsilonNashRegion:
    """One region of `PureEquilibriumRegions`: a condition on the payoffs and every pure range-relative epsilon-Nash equilibrium there (Sourbut, Hammond & Wood (2024), individual and collective capability).

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> x = sympy.Symbol("x")
    >>> g = sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> r = sa.pure_epsilon_nash_equilibria(g).region_at({x: 3})
    >>> r.condition, r.profiles
    (x > 0, ((0, 0), (1, 1)))

    Attributes
    ==========

    condition : sympy.Boolean
        A conjunction of relations between payoffs (``Eq`` for ties).
    profiles : tuple of tuple of int
        The qualifying pure profiles, row-major order.

    """

    condition: sympy.Basic
    profiles: tuple


@dataclass(frozen=True)
class PureEquilibriumRegions:
    """The pure range-relative epsilon-Nash equilibria of a symbolic game by region (Sourbut, Hammond & Wood (2024), individual and collective capability).

    ``regions`` partition the admissible parameter space: at every admissible point exactly
    one region's ``condition`` holds, and its ``profiles`` are every pure epsilon-NE there.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation.capability import pure_epsilon_nash_equilibria
    >>> ne = pure_epsilon_nash_equilibria(sa.games.symbolic_game((2, 2)))
    >>> len(ne.regions), ne.method.startswith("exact case split")
    (47, True)

    Attributes
    ==========

    regions : tuple of EpsilonNashRegion
    epsilon : tuple
        Each player's epsilon.
    method : str
    assumptions : tuple

    """

    regions: tuple
    epsilon: tuple
    method: str
    assumptions: tuple = ()
    source: str = field(default=SOURCE_CC, repr=False)

    def region_at(self, point) -> EpsilonNashRegion:
        """The region whose condition holds at ``point`` (a dict symbol -> number)."""
        pt = {k: sympy.sympify(v) for k, v in point.items()}
        for r in self.regions:
            if sympy.sympify(r.condition).subs(pt) is sympy.true:
                return r
        raise SymalignError(f"Argument 'point' {point} lies in no region (it violates the "
                            f"assumptions {self.assumptions}).")


def _reference_candidates(game, eps, equilibria: str, A=None, refs=None):
    """The candidate lists of ``w*``, ``w_0`` and ``w_eps`` (before the max and minima); a
    minimum already decided in ``refs`` is its only candidate."""
    g, w, div = _agent_game(game)
    A = g.assumptions if A is None else tuple(A)
    W = ca._values(ca._welfare_array(g, list(w) if w is not None else None))
    index = {a: k for k, a in enumerate(g.outcomes())}
    out = [[_tidy(x / div) for x in W]]
    for k, e in ((4, 0), (5, eps)):
        if refs is not None and not refs[k].has(sympy.Min):
            out.append([refs[k]])
        else:
            ne = _pure_eps_ne(g, _epsilons(e, g.n_players), A)
            out.append([_tidy(W[index[a]] / div) for a in ne])
    return tuple(out)


def _reference_welfares(game, eps, equilibria: str, assumptions=None, split: bool = False):
    """``(g, w, div, w*, w_0, w_eps)``; with ``split=True`` every comparison the minima need
    is decided or raised as `UndecidableError` (for `split_cases`), so that ``w_0`` and
    ``w_eps`` are single payoff expressions on each case."""
    if equilibria != "pure":
        raise SymalignError(f"Argument 'equilibria' is {equilibria!r}; only 'pure' (the "
                            "authors' class, Sourbut, Hammond & Wood (2024), individual and collective capability) is supported.")
    g, w, div = _agent_game(game)
    W = ca._values(ca._welfare_array(g, list(w) if w is not None else None))
    profiles = list(g.outcomes())
    index = {a: k for k, a in enumerate(profiles)}
    A = g.assumptions if assumptions is None else tuple(assumptions)
    if split:
        ne = _pure_eps_ne(g, _epsilons(0, g.n_players), A)
    else:
        ne = pure_epsilon_nash_equilibria(g, 0, strict=True)
    if not ne:
        raise UndefinedMetricError("collective capability", "the agents' game has no pure Nash "
                                   "equilibrium, so w_0 is undefined")
    epsilons = _epsilons(eps, g.n_players)
    if all(e == 0 for e in epsilons):   # the 0-NE are the NE: not enumerated twice
        eps_ne = ne
    elif split:
        eps_ne = _pure_eps_ne(g, epsilons, A)
    else:
        eps_ne = pure_epsilon_nash_equilibria(g, eps, strict=True)
    least = _strict_min if split else smin
    # w* on a case: the maximum under the game's own assumptions (one Max for every case,
    # resolved once by `closed_max`)
    w_star = (_smax_once(tuple(W), g.assumptions) if split else smax(W, A)) / div
    w0 = least([W[index[a]] for a in ne], A) / div
    w_eps = least([W[index[a]] for a in eps_ne], A) / div
    return g, w, div, _tidy(w_star), _tidy(w0), _tidy(w_eps)


@functools.lru_cache(maxsize=64)
def _smax_once(values: tuple, A: tuple):
    """`smax` of the welfares, once for every case of a split."""
    return smax(values, A)


def _strict_min(values, A):
    """The least of ``values`` (the first of equal ones), each comparison decided or raised."""
    best = values[0]
    for v in values[1:]:
        if _tidy(v - best) != 0 and _strict(sympy.Lt(v, best), A):
            best = v
    return best


def _agents_under(game, assumptions):
    """``(game, agents)`` with the caller's ``assumptions=`` added to the agents' game (and a
    delegation game rebuilt around it); unchanged when ``assumptions`` is None."""
    g, _, _ = _agent_game(game)
    if assumptions is not None:
        g = _with(g, assumptions)
        game = g if not isinstance(game, DelegationGame) else DelegationGame(
            g, game.principals, welfare=game.welfare_form, weights=game.weights)
    return game, g


def collective_capability(game, profile, eps=0, equilibria: str = "pure", *, assumptions=None,
                          strict: bool = False) -> sympy.Expr:
    """``CC(sigma) = (w(sigma) - w_eps) / (w* - w_0)`` (Sourbut, Hammond & Wood (2024), individual and collective capability), pure equilibrium class.

    ``w_0`` is the worst pure-NE welfare and ``w_eps`` the worst pure epsilon-NE welfare.
    On a symbolic game whose pure equilibria depend on the region the value is a nested
    ``Piecewise`` over the comparisons that decide them (each comparison, then its
    negation; `symalign.delegation.casesplit.split_cases`), ``nan`` on the regions where CC
    is undefined; ``strict=True`` raises `UndecidableError` naming the comparison instead.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> from symalign.delegation.capability import collective_capability
    >>> sh = sa.games.stag_hunt()          # w* = 20, w_0 = 4 (FF), w_eps = 4 at eps = 0
    >>> collective_capability(sh, ("M", "M")), collective_capability(sh, ("F", "F"))
    (1, 0)
    >>> x = sympy.Symbol("x")              # (1, 1) is always a NE; (0, 0) only when x >= 0
    >>> g = sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> ccs = [collective_capability(g, p, assumptions=[x > 1]) for p in [(1, 1), (0, 0)]]
    >>> ccs                                # w* = x + 1, w_0 = w_eps = 2: (2 - 2)/(x - 1), 1
    [0, 1]
    >>> cc = collective_capability(g, (0, 0))      # nan where x < 0 or x = 1 (w* = w_0)
    >>> [cc.subs(x, v) for v in (-1, 0, sympy.Rational(1, 2), 1, 3)]
    [nan, 0, 0, nan, 1]

    Raises
    ======

    UndefinedMetricError
        If there is no pure NE, or ``w* = w_0`` (even the worst NE is optimal), everywhere.

    """
    game, g = _agents_under(game, assumptions)
    if g.is_numeric:
        return _cc_values(game, [profile], eps, equilibria)[0]
    from symalign.delegation.casesplit import split_cases, tree_value
    tree = split_cases(lambda A: _cc_values(game, [profile], eps, equilibria, A=A)[0],
                       g.assumptions, context="the collective capability", strict=strict)
    if tree.condition is None and isinstance(tree.value, Exception):
        raise tree.value
    return _resolve(tree_value(tree), g.assumptions)


def _resolve(value, A):
    """``Max`` in a case-split closed form written as `closed_max` (a canonical Piecewise)."""
    from symalign.engines.piecewise import closed_max
    value = sympy.sympify(value)
    if not value.has(sympy.Max):
        return value
    return value.xreplace({m: closed_max(m.args, A) for m in value.atoms(sympy.Max)})


def _cc_values(game, profiles, eps=0, equilibria: str = "pure",
               refs: tuple | None = None, A=None) -> list:
    """`collective_capability` at each of ``profiles``, with the reference welfares (the
    equilibrium enumerations) computed once, or taken from ``refs``; with ``A`` (the
    assumptions of one case of `split_cases`) every comparison is decided or raised."""
    g, w, div, w_star, w0, w_eps = refs or _reference_welfares(
        game, eps, equilibria, A, split=A is not None)
    split = A is not None
    A = g.assumptions if A is None else tuple(A)
    den = _tidy(w_star - w0)
    if split and w_star.has(sympy.Max):    # w* = w_0 iff no welfare exceeds w_0
        W = [_tidy(x) for x in w_star.args]
        zero = all(_strict(sympy.Le(x, w0), A) for x in W)
    else:
        zero = is_zero(den, A)
    if zero is True:
        raise UndefinedMetricError("collective capability", "w* = w_0: even the worst "
                                   "equilibrium is optimal")
    weights = list(w) if w is not None else None
    values = [_tidy(ca.welfare(g, profile, weights) / div) for profile in profiles]
    if split and zero is False:      # w* stays a Max, resolved by the caller (`closed_max`)
        return [_tidy((v - w_eps) / den) for v in values]
    if zero is False and not any(x.has(sympy.Max, sympy.Min) for x in (w_star, w0, w_eps)):
        return [_tidy((v - w_eps) / den) for v in values]
    # a closed form (issue 14): by cases of which welfare is w*, w_0 and w_eps; nan where
    # w* = w_0 (undefined there, as the numeric measure raises)
    stars, zeros, epss = _reference_candidates(game, eps, equilibria, A,
                                               (g, w, div, w_star, w0, w_eps))
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
        out.append(piecewise(pairs, A, context="the collective capability"))
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


def regret_decomposition(game, profile, eps=0, equilibria: str = "pure", *, assumptions=None,
                         strict: bool = False) -> RegretDecomposition:
    """The exact identity ``WR(sigma) = (1 - CC)(w* - w_0) + (w_0 - w_eps)`` (Sourbut, Hammond & Wood (2024), individual and collective capability).

    For a `DelegationGame` the agents' welfare in its form (sum or average) is used. On a
    symbolic game whose pure equilibria depend on the region, each term is a nested
    ``Piecewise`` over the comparisons that decide them (as in `collective_capability`),
    ``nan`` where no pure NE exists, and ``identity_holds`` is True when the identity is
    proved on every region; ``strict=True`` raises `UndecidableError` instead.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> from symalign.delegation.capability import regret_decomposition
    >>> r = regret_decomposition(sa.games.stag_hunt(), ("F", "F"))
    >>> r.welfare_regret, r.cooperation_term, r.irrationality_loss, r.identity_holds
    (16, 16, 0, True)
    >>> r = regret_decomposition(sa.games.symbolic_game((2, 2)), (0, 0))
    >>> r.identity_holds, r.w_0.has(sympy.Piecewise)
    (True, True)

    """
    game, g = _agents_under(game, assumptions)
    if g.is_numeric:
        return _decomposition(game, profile, eps, equilibria, None)
    from symalign.delegation.casesplit import split_cases, tree_leaves, tree_value
    tree = split_cases(lambda A: _decomposition(game, profile, eps, equilibria, A),
                       g.assumptions, context="the regret decomposition", strict=strict)
    if tree.condition is None:
        if isinstance(tree.value, Exception):
            raise tree.value
        return tree.value
    names = ("welfare_regret", "collective_capability", "w_star", "w_0", "w_eps",
             "anarchy_gap", "irrationality_loss", "cooperation_term")
    vals = [_resolve(tree_value(tree, lambda r, n=n: getattr(r, n)), g.assumptions)
            for n in names]
    holds = all(r.identity_holds for _, r in tree_leaves(tree) if not isinstance(r, Exception))
    return RegretDecomposition(*vals, holds, eps, equilibria)


def _decomposition(game, profile, eps, equilibria, A) -> RegretDecomposition:
    refs = _reference_welfares(game, eps, equilibria, A, split=A is not None)
    g, w, div, w_star, w0, w_eps = refs
    A = g.assumptions if A is None else A
    cc = _cc_values(game, [profile], refs=refs, A=A)[0]
    val = ca.welfare(g, profile, list(w) if w is not None else None) / div
    wr = _tidy(w_star - val)
    # (1 - CC)(w* - w_0) = w* - w_0 - (w(sigma) - w_eps), also where CC is a closed form
    coop = _tidy(w_star - w0 - val + w_eps) if g.free_symbols else _tidy((1 - cc) * (w_star - w0))
    loss = _tidy(w0 - w_eps)
    holds = is_zero(_tidy(wr - coop - loss), A) is True
    return RegretDecomposition(wr, cc, w_star, w0, w_eps, _tidy(w_star - w0), loss, coop, holds,
                               eps, equilibria)
