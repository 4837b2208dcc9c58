"""Welfare and the Coordination–Alignment inequalities: OPT, utopia, alpha and the gaps (Stavrianos & Turner (2021), utilitarian welfare; Stavrianos & Turner (2021), the Coordination-Alignment inequalities; standard game classes)."""

from __future__ import annotations

import itertools

from collections.abc import Sequence
from dataclasses import dataclass, field

from symalign.core.lazy import np
import sympy
from sympy import Integer

from symalign.engines import numeric as _numeric
from symalign.core.exact import to_exact
from symalign.engines.symbolic import check_consistent, closed, decide, is_zero, smax, smin
from symalign.core.errors import InvalidGameError, UndecidableError
from symalign.core.game import Game, assumptions_of
from symalign.core.profiles import expected_payoff

__all__ = [
    "welfare",
    "max_welfare",
    "min_welfare",
    "welfare_maximisers",
    "utopia_welfare",
    "alpha",
    "alignment_gap",
    "coordination_gap",
    "ca_inequalities",
    "CAReport",
    "is_common_payoff",
    "is_common_interest",
    "is_constant_sum",
    "is_zero_sum",
    "is_constant_welfare",
    "is_payoff_constant",
    "has_unique_pareto_payoff",
]

SOURCE_CA = "Stavrianos & Turner (2021), the Coordination-Alignment inequalities"


def _assumptions(game: Game, assumptions) -> tuple:
    A = assumptions_of(game, assumptions)
    if A and not game.is_numeric:
        check_consistent(A)
    return A


def _weights(game: Game, weights) -> list | None:
    if weights is None:
        return None
    w = list(weights)
    if len(w) != game.n_players:
        raise InvalidGameError(f"Argument 'weights' has {len(w)} entries, but the game has "
                               f"{game.n_players} players: {weights!r}.")
    out = [to_exact(x, name="weights", where=f" (player {i})") for i, x in enumerate(w)]
    for i, x in enumerate(out):
        if x.is_negative:
            raise InvalidGameError(f"Argument 'weights': player {i}'s weight is {x}, which is "
                                   "negative.")
    return out


def _numeric_weights(game: Game, w) -> bool:
    return game.is_numeric and (w is None or all(x.is_Rational for x in w))


def _welfare_array(game: Game, w):
    """The welfare tensor as an `ExactArray` (numeric) or sympy object array (symbolic)."""
    key = ("W", None if w is None else tuple(w))
    cache = game._cache
    if key not in cache:
        if _numeric_weights(game, w):
            cache[key] = _numeric.weighted_sum(game.exact_arrays(), w)
        else:
            U = game.sympy_array()
            ws = w if w is not None else [Integer(1)] * game.n_players
            W = np.empty(game.shape, dtype=object)
            for a in np.ndindex(*game.shape):
                W[a] = sympy.expand(sympy.Add(*(wi * U[(i, *a)] for i, wi in enumerate(ws))))
            cache[key] = W
    return cache[key]


def _values(arr) -> list:
    """The entries of a welfare tensor (sympy object array or `ExactArray`), row-major."""
    if isinstance(arr, np.ndarray):
        return list(arr.reshape(-1))
    return [_numeric.as_rational(int(x), arr.den) for x in arr.num.reshape(-1).tolist()]


def welfare(game: Game, profile, weights: Sequence | None = None) -> sympy.Expr:
    """Utilitarian welfare ``W(mu) = sum_i lambda_i u_i(mu)`` at any profile (Stavrianos & Turner (2021), utilitarian welfare).

    With ``weights=None`` every ``lambda_i = 1`` (the post's convention).

    Examples
    ========

    >>> import symalign as sa
    >>> pd = sa.games.prisoners_dilemma()
    >>> sa.welfare(pd, ("C", "C")), sa.welfare(pd, [["1/2", "1/2"], [0, 1]])
    (4, 5/2)
    >>> sa.welfare(pd, ("C", "D"), weights=[2, 1])
    3

    Parameters
    ==========

    game : Game
    profile : pure tuple, list of distributions, MixedProfile or CorrelatedProfile
    weights : sequence of exact non-negative numbers, optional

    Returns
    =======

    sympy.Expr

    """
    w = _weights(game, weights)
    ws = w if w is not None else [Integer(1)] * game.n_players
    terms = [wi * expected_payoff(game, i, profile) for i, wi in enumerate(ws) if wi != 0]
    out = sympy.Add(*terms)
    return sympy.expand(out) if out.free_symbols else out


def max_welfare(game: Game, weights: Sequence | None = None, *, assumptions=()) -> sympy.Expr:
    """``OPT = max_a W(a)``, the best attainable welfare (Stavrianos & Turner (2021), utilitarian welfare).

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> sa.max_welfare(sa.games.prisoners_dilemma())
    4
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> pd = sa.games.prisoners_dilemma(T, R, P, S)
    >>> sa.max_welfare(pd, assumptions=[2*R > T + S, R > P])
    2*R

    Returns
    =======

    sympy.Expr
        A number for numeric games; for symbolic games the maximum under the assumptions
        (a single expression when they decide it, else ``Max``).

    """
    A = _assumptions(game, assumptions)
    return closed(_opt(game, _weights(game, weights), A), A)


def _opt(game: Game, w, A) -> sympy.Expr:
    if _numeric_weights(game, w):
        fast = _numeric.sum_extreme(game.exact_arrays(), w, "max")
        if fast is not None:
            return fast
    W = _welfare_array(game, w)
    if isinstance(W, np.ndarray):
        return smax(_values(W), A)
    return _numeric.player_extreme(W, "max")


def min_welfare(game: Game, weights: Sequence | None = None, *, assumptions=()) -> sympy.Expr:
    """``W_min = min_a W(a)`` (Stavrianos & Turner (2021), utilitarian welfare).

    Examples
    ========

    >>> import symalign as sa
    >>> sa.min_welfare(sa.games.chicken())
    0

    """
    w = _weights(game, weights)
    W = _welfare_array(game, w)
    A = _assumptions(game, assumptions)
    if isinstance(W, np.ndarray):
        return closed(smin(_values(W), A), A)
    return _numeric.player_extreme(W, "min")


def welfare_maximisers(game: Game, weights: Sequence | None = None, *, assumptions=()
                       ) -> tuple[tuple[int, ...], ...]:
    """The welfare-optimal set ``A* = argmax_a W(a)``, every maximiser, in row-major order.

    Examples
    ========

    >>> import symalign as sa
    >>> sa.welfare_maximisers(sa.games.battle_of_the_sexes())
    ((0, 0), (1, 1))

    Raises
    ======

    UndecidableError
        For symbolic games when the assumptions do not decide which profiles are optimal.

    """
    w = _weights(game, weights)
    W = _welfare_array(game, w)
    if not isinstance(W, np.ndarray):
        idx = np.argwhere(W.num == W.num.max())
        return tuple(tuple(int(x) for x in row) for row in idx)
    A = _assumptions(game, assumptions)
    vals = _values(W)
    profiles = list(game.outcomes())
    out = []
    for a, v in zip(profiles, vals):
        conds = [decide(sympy.Ge(v, other), A) for other in vals if other is not v]
        if all(c is True for c in conds):
            out.append(a)
        elif any(c is None for c in conds) and not any(c is False for c in conds):
            cond = sympy.And(*[sympy.Ge(v, other) for other in vals if other != v])
            raise UndecidableError(cond, f"whether {a} maximises welfare")
    return tuple(out)


def _player_extremes(game: Game, assumptions, which: str = "max") -> list:
    """Each player's best (``which="max"``) or worst payoff over the outcomes."""
    if game.is_numeric:
        return [_numeric.player_extreme(ex, which) for ex in game.exact_arrays()]
    U = game.sympy_array()
    pick = smax if which == "max" else smin
    return [pick(list(U[i].reshape(-1)), assumptions) for i in range(game.n_players)]


def utopia_welfare(game: Game, weights: Sequence | None = None, *, assumptions=()) -> sympy.Expr:
    """``U* = sum_i lambda_i max_a u_i(a)``: everyone gets their own best outcome (Stavrianos & Turner (2021), utilitarian welfare).

    Examples
    ========

    >>> import symalign as sa
    >>> sa.utopia_welfare(sa.games.prisoners_dilemma())
    6

    """
    A = _assumptions(game, assumptions)
    return closed(_utopia(game, _weights(game, weights), A), A)


def _utopia(game: Game, w, A) -> sympy.Expr:
    maxima = _player_extremes(game, A)
    ws = w if w is not None else [Integer(1)] * game.n_players
    out = sympy.Add(*(wi * m for wi, m in zip(ws, maxima)))
    return sympy.expand(out) if out.free_symbols else out


def alpha(game: Game, weights: Sequence | None = None, *, assumptions=()) -> sympy.Expr:
    """The C-A alignment metric ``alpha = max_a sum_i u_i(a) - sum_i max_a u_i(a) <= 0`` (Stavrianos & Turner (2021), the Coordination-Alignment inequalities).

    ``alpha = 0`` exactly when one profile maximises every player's payoff; it is invariant
    under per-player translation and equivariant under a common positive scaling, but not
    invariant under per-player scaling (docs/discussion/coordination-alignment.rst, "Invariances").
    With ``weights`` it is ``alpha(lambda ⊙ U)``.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> sa.alpha(sa.games.matching_pennies()), sa.alpha(sa.games.battle_of_the_sexes())
    (-2, -1)
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> pd = sa.games.prisoners_dilemma(T, R, P, S)
    >>> sa.alpha(pd, assumptions=[T > R, R > P, P > S, 2*R > T + S])
    2*R - 2*T

    Parameters
    ==========

    game : Game
    weights : sequence, optional
        Welfare weights ``lambda_i >= 0``.
    assumptions : iterable of sympy relations, optional
        Added to ``game.assumptions`` to decide symbolic maxima.

    Returns
    =======

    sympy.Expr

    References
    ==========

    J. Stavrianos and A. Turner, *Game-theoretic Alignment in terms of Attainable Utility* (2021).

    """
    A = _assumptions(game, assumptions)
    w = _weights(game, weights)
    return closed(sympy.expand(_opt(game, w, A) - _utopia(game, w, A)), A)


def alignment_gap(game: Game, weights: Sequence | None = None, *, assumptions=()) -> sympy.Expr:
    """``AG = U* - OPT = -alpha >= 0`` (Stavrianos & Turner (2021), the Coordination-Alignment inequalities); the principals' ideal regret in delegation games.

    Examples
    ========

    >>> import symalign as sa
    >>> sa.alignment_gap(sa.games.chicken())
    2

    """
    return -alpha(game, weights, assumptions=assumptions)


def coordination_gap(game: Game, profile, weights: Sequence | None = None, *,
                     assumptions=()) -> sympy.Expr:
    """``CG(mu) = OPT - W(mu) >= 0`` (Stavrianos & Turner (2021), the Coordination-Alignment inequalities), the welfare regret of the delegation paper.

    Examples
    ========

    >>> import symalign as sa
    >>> sa.coordination_gap(sa.games.prisoners_dilemma(), ("D", "D"))
    2

    """
    A = _assumptions(game, assumptions)
    out = _opt(game, _weights(game, weights), A) - welfare(game, profile, weights)
    return closed(sympy.expand(out) if out.free_symbols else out, A)


@dataclass(frozen=True)
class CAReport:
    """Both C-A inequalities ``W(mu) <= OPT <= U*`` at a profile, with the gaps and tightness.

    ``coordination_tight`` and ``alignment_tight`` are ``True``/``False``, or a sympy condition
    when a symbolic game leaves them open.

    Examples
    ========

    >>> import symalign as sa
    >>> r = sa.ca_inequalities(sa.games.coordination(), ("B", "B"))
    >>> r.coordination_gap, r.coordination_tight, r.alignment_tight
    (2, False, True)
    """

    welfare: sympy.Expr
    max_welfare: sympy.Expr
    utopia_welfare: sympy.Expr
    coordination_gap: sympy.Expr
    alignment_gap: sympy.Expr
    alpha: sympy.Expr
    coordination_tight: object
    alignment_tight: object
    profile: object = field(repr=False)
    method: str = "vectorised exact integer arithmetic"
    source: str = SOURCE_CA

    def _latex(self, printer):
        from symalign.core.printing import report_latex
        return report_latex(self, printer)


def _tight(gap, assumptions):
    v = is_zero(gap, assumptions)
    return sympy.Eq(gap, 0) if v is None else v


def ca_inequalities(game: Game, profile, weights: Sequence | None = None, *,
                    assumptions=()) -> CAReport:
    """The Coordination and Alignment inequalities at ``profile`` as a `CAReport` (Stavrianos & Turner (2021), the Coordination-Alignment inequalities; Stavrianos & Turner (2021), the equality cases (corrected in symalign)).

    (C) ``W(mu) <= OPT`` is tight iff the profile's support lies in the welfare-optimal set;
    (A) ``OPT <= U*`` is tight iff some profile maximises every payoff.

    Examples
    ========

    >>> import symalign as sa
    >>> r = sa.ca_inequalities(sa.games.prisoners_dilemma(), ("D", "D"))
    >>> r.welfare, r.max_welfare, r.utopia_welfare
    (2, 4, 6)
    >>> r.coordination_gap, r.alignment_gap, r.coordination_tight, r.alignment_tight
    (2, 2, False, False)

    """
    A = _assumptions(game, assumptions)
    w = _weights(game, weights)
    W = welfare(game, profile, weights)
    opt_raw, ustar_raw = _opt(game, w, A), _utopia(game, w, A)
    opt, ustar = closed(opt_raw, A), closed(ustar_raw, A)
    cg = closed(sympy.expand(opt_raw - W), A)
    ag = closed(sympy.expand(ustar_raw - opt_raw), A)
    return CAReport(
        welfare=W, max_welfare=opt, utopia_welfare=ustar, coordination_gap=cg,
        alignment_gap=ag, alpha=closed(sympy.expand(opt_raw - ustar_raw), A), coordination_tight=_tight(cg, A),
        alignment_tight=_tight(ag, A), profile=profile,
        method=_numeric_method(game) if game.is_numeric else
        "sympy with assumption-aware maxima")


def _numeric_method(game: Game) -> str:
    if any(ex.is_elementwise for ex in game.exact_arrays()):
        return ("vectorised float-guided search over elementwise fractions, "
                "every candidate confirmed in exact rational arithmetic")
    return "vectorised exact integer arithmetic"


# -- classifiers -------------------------------------------------------------------------------

def _classify(conditions, assumptions, name, as_condition):
    """All conditions must hold: True/False when decided, else the undecided condition."""
    undecided = []
    for c in conditions:
        v = decide(c, assumptions)
        if v is False:
            return sympy.false if as_condition else False
        if v is None:
            undecided.append(c)
    if not undecided:
        return sympy.true if as_condition else True
    from symalign.parametric.closedforms import _consistent
    if _consistent(tuple(assumptions) + tuple(undecided)) is False:  # jointly impossible
        return sympy.false if as_condition else False
    cond = sympy.And(*[_tidy_relation(c) for c in undecided])
    if as_condition:
        return cond
    raise UndecidableError(cond, name)


def _tidy_relation(rel):
    """``Eq(2*P, 0)`` as ``Eq(P, 0)``: an equation divided by the content of its sides."""
    if not isinstance(rel, sympy.Eq):
        return rel
    e = sympy.expand(rel.lhs - rel.rhs)
    content, prim = e.as_content_primitive()
    if prim.could_extract_minus_sign():
        prim = -prim
    if prim.is_Add and len(prim.args) == 2:
        a, b = sorted(prim.args, key=sympy.default_sort_key)
        return sympy.Eq(a, -b) if not a.could_extract_minus_sign() else sympy.Eq(b, -a)
    return sympy.Eq(sympy.factor(prim), 0)


def is_common_payoff(game: Game, *, assumptions=(), as_condition: bool = False):
    """True iff ``u_0 = u_1 = ... = u_{n-1}`` entrywise (standard game classes).

    For symbolic games the answer is decided under the assumptions; an open answer raises
    `UndecidableError` naming the deciding condition, or is returned as that condition with
    ``as_condition=True``.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> sa.is_common_payoff(sa.games.stag_hunt()), sa.is_common_payoff(sa.games.chicken())
    (True, False)
    >>> x = sympy.Symbol("x")
    >>> g = sa.Game.from_arrays([[x, 0]], [[1, 0]])
    >>> sa.is_common_payoff(g, as_condition=True)
    Eq(x, 1)

    """
    if game.is_numeric:
        ex = game.exact_arrays()
        return all(e.den == ex[0].den and np.array_equal(e.num, ex[0].num) for e in ex[1:])
    U = game.sympy_array()
    conds = [sympy.Eq(U[(0, *a)], U[(i, *a)]) for i in range(1, game.n_players)
             for a in game.outcomes()]
    return _classify(conds, _assumptions(game, assumptions), "is_common_payoff", as_condition)


def is_constant_welfare(game: Game, weights: Sequence | None = None, *, assumptions=(),
                        as_condition: bool = False):
    """True iff the (weighted) welfare is the same at every outcome (standard game classes).

    Examples
    ========

    >>> import symalign as sa
    >>> sa.is_constant_welfare(sa.games.matching_pennies())
    True
    >>> sa.is_constant_welfare(sa.games.matching_pennies(), weights=[2, 1])
    False

    """
    w = _weights(game, weights)
    W = _welfare_array(game, w)
    if not isinstance(W, np.ndarray):
        return bool(np.all(W.num == W.num.reshape(-1)[0]))
    vals = _values(W)
    conds = [sympy.Eq(v, vals[0]) for v in vals[1:]]
    return _classify(conds, _assumptions(game, assumptions), "is_constant_welfare", as_condition)


def is_constant_sum(game: Game, *, assumptions=(), as_condition: bool = False):
    """True iff ``sum_i u_i`` is constant on the outcomes (= constant-welfare, standard game classes).

    Examples
    ========

    >>> import symalign as sa
    >>> sa.is_constant_sum(sa.games.matching_pennies()), sa.is_constant_sum(sa.games.chicken())
    (True, False)

    """
    return is_constant_welfare(game, assumptions=assumptions, as_condition=as_condition)


def is_zero_sum(game: Game, *, assumptions=(), as_condition: bool = False):
    """True iff ``sum_i u_i = 0`` at every outcome (standard game classes).

    Examples
    ========

    >>> import symalign as sa
    >>> sa.is_zero_sum(sa.games.matching_pennies())
    True

    """
    W = _welfare_array(game, None)
    if not isinstance(W, np.ndarray):
        return not np.any(W.num)
    conds = [sympy.Eq(v, 0) for v in _values(W)]
    return _classify(conds, _assumptions(game, assumptions), "is_zero_sum", as_condition)


def is_payoff_constant(game: Game, *, assumptions=(), as_condition: bool = False):
    """True iff every player's payoff is constant (constants may differ), standard game classes.

    Examples
    ========

    >>> import symalign as sa
    >>> sa.is_payoff_constant(sa.Game.from_arrays([[1, 1]], [[3, 3]]))
    True

    """
    if game.is_numeric:
        return all(bool(np.all(e.num == e.num.reshape(-1)[0])) for e in game.exact_arrays())
    U = game.sympy_array()
    conds = [sympy.Eq(U[(i, *a)], U[(i,) + (0,) * game.n_players])
             for i in range(game.n_players) for a in game.outcomes()]
    return _classify(conds, _assumptions(game, assumptions), "is_payoff_constant", as_condition)


def is_common_interest(game: Game, *, assumptions=(), as_condition: bool = False):
    """True iff every non-constant ``u_i`` is a positive affine map of one utility ``v`` (standard game classes).

    Equivalently, all non-constant players have the same standardised utility. Decided exactly
    for numeric games. For symbolic games the condition is polynomial (no division): the
    centred payoff vectors of every two players have vanishing 2x2 minors (they are parallel)
    and agree in sign outcome by outcome, so it is exact where a player is constant too.

    Examples
    ========

    >>> import symalign as sa
    >>> g = sa.Game.from_arrays([[2, 0], [0, 1]], [[5, 1], [1, 3]])   # u_1 = 2 u_0 + 1
    >>> sa.is_common_interest(g), sa.is_common_payoff(g)
    (True, False)

    """
    U = game.sympy_array()
    A = _assumptions(game, assumptions)
    # centred differences d_i = u_i - u_i(first outcome); player i is constant iff d_i = 0
    vecs = [[sympy.expand(v - U[i].reshape(-1)[0]) for v in U[i].reshape(-1)[1:]]
            for i in range(game.n_players)]
    if game.is_numeric:
        vecs = [v for v in vecs if any(x != 0 for x in v)]
        if not vecs:
            return sympy.true if as_condition else True
        ref, k = vecs[0], next(k for k, x in enumerate(vecs[0]) if x != 0)
        ok = all(v[k] * ref[k] > 0 and all(x * ref[k] == v[k] * r for x, r in zip(v, ref))
                 for v in vecs[1:])
        return (sympy.true if ok else sympy.false) if as_condition else ok
    conds = []
    # non-constant d_i, d_j are positive multiples of each other iff every 2x2 minor of
    # (d_i, d_j) vanishes and d_i(k) d_j(k) >= 0 at every k; a zero vector passes both, so
    # the conditions need no division and hold at degenerate points too
    for i, j in itertools.combinations(range(len(vecs)), 2):
        di, dj = vecs[i], vecs[j]
        for k, m in itertools.combinations(range(len(di)), 2):
            conds.append(sympy.Eq(sympy.factor(di[k] * dj[m] - di[m] * dj[k]), 0))
        for a, b in zip(di, dj):
            if sympy.expand(a - b) == 0:   # a square: always >= 0 (parameters are real)
                continue
            conds.append(sympy.Eq(a, 0) if sympy.expand(a + b) == 0 else
                         sympy.Ge(sympy.factor(a * b), 0))
    if any(c is sympy.false for c in conds):
        return sympy.false if as_condition else False
    return _classify(conds, A, "is_common_interest", as_condition)


def has_unique_pareto_payoff(game: Game, *, assumptions=(), as_condition: bool = False):
    """True iff the pure Pareto frontier is one payoff vector, iff ``alpha == 0`` (Stavrianos & Turner (2021), the equality cases (corrected in symalign); standard game classes).

    Equivalently, some profile maximises every player's payoff (a common best outcome).

    Examples
    ========

    >>> import symalign as sa
    >>> sa.has_unique_pareto_payoff(sa.games.coordination())
    True
    >>> sa.has_unique_pareto_payoff(sa.games.prisoners_dilemma())
    False

    """
    if game.is_numeric:
        maxima = [e.num.max() for e in game.exact_arrays()]
        mask = np.ones(game.shape, dtype=bool)
        for e, m in zip(game.exact_arrays(), maxima):
            mask &= e.num == m
        return bool(mask.any())
    A = _assumptions(game, assumptions)
    U = game.sympy_array()
    options = []
    for a in game.outcomes():
        options.append(sympy.And(*[sympy.Ge(U[(i, *a)], U[(i, *b)])
                                   for i in range(game.n_players) for b in game.outcomes()
                                   if b != a]))
    cond = sympy.Or(*options)
    v = decide(cond, A)
    if v is not None:
        return (sympy.true if v else sympy.false) if as_condition else v
    if as_condition:
        return cond
    raise UndecidableError(cond, "has_unique_pareto_payoff")
