"""Bargaining problems: threat points, surplus and the coco value, exact (Nash (1950); Kalai & Smorodinsky (1975); Kalai & Kalai (2013)).

The solutions live beside it: `symalign.normalform.nash_bargaining` and
`symalign.normalform.kalai_smorodinsky`.

The threat (disagreement) point is always an explicit argument (a symalign convention, docs/discussion/security-bargaining.rst):
a payoff vector, ``"security"`` (mixed security values, the default), ``"pure-security"``, or a
profile ``a0`` whose payoffs ``u(a0)`` are used (the choice of Stavrianos & Turner (2021)).

Undefined values raise `symalign.UndefinedMetricError`; the degenerate bargaining problem of
Nash (1950) (``F_d != {d}`` but no feasible point strictly above ``d``) raises its subclass
`DegenerateBargainingError`, which carries the individually rational set ``F_d``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy
from sympy import Integer

from symalign.core.deprecation import warn_deprecated
from symalign.core.errors import InvalidGameError, InvalidProfileError, UndefinedMetricError
from symalign.core.exact import to_exact
from symalign.core.game import Game
from symalign.core.lazy import np
from symalign.core.profiles import CorrelatedProfile, MixedProfile, expected_payoffs
from symalign.engines.symbolic import finish as _finish

__all__ = ["surplus", "threat_point", "pure_security_values", "DegenerateBargainingError", "coco_value", "CocoValue"]


SOURCE_NBS = "Nash (1950), the bargaining problem"


class DegenerateBargainingError(UndefinedMetricError):
    """The bargaining problem is degenerate: ``F_d != {d}`` but no ``x in F_d`` has ``x > d``.

    ``F_d`` holds the individually rational set: for two players the vertices of the polygon
    (a segment here) ``conv P ∩ {x >= d}``; for ``n >= 3`` the pair ``(P, d)`` describing it
    as ``{x in conv P : x >= d}``. ``threat`` is ``d``.

    Examples
    ========

    >>> from symalign.normalform.games import surplus_counterexample
    >>> from symalign.normalform.nash_bargaining import nash_bargaining_solution
    >>> from symalign.normalform.bargaining import DegenerateBargainingError
    >>> try:
    ...     nash_bargaining_solution(surplus_counterexample(), (3, 1))
    ... except DegenerateBargainingError as exc:
    ...     print(exc.F_d)
    ((3, 1), (5, 1))

    """

    def __init__(self, metric: str, reason: str, F_d, threat):
        super().__init__(metric, reason)
        self.F_d = F_d
        self.threat = threat


def _numeric(game: Game, what: str) -> None:
    if not game.is_numeric:
        raise InvalidGameError(f"Argument 'game' has symbolic payoffs; {what} needs numeric "
                               "payoffs (substitute values with game.subs).")


def pure_security_values(game: Game) -> tuple:
    """``v_i^pure = max_{a_i} min_{a_{-i}} u_i(a_i, a_{-i})`` for every player (von Neumann's minimax theorem).

    Examples
    ========

    >>> from symalign.normalform.games import matching_pennies, surplus_counterexample
    >>> from symalign.normalform.bargaining import pure_security_values
    >>> pure_security_values(matching_pennies()), pure_security_values(surplus_counterexample())
    ((-1, -1), (2, 1))

    """
    _numeric(game, "pure_security_values")
    U = game.sympy_array()
    out = []
    for i in range(game.n_players):
        arr = np.moveaxis(U[i], i, 0).reshape(game.shape[i], -1)
        out.append(max(min(row) for row in arr.tolist()))
    return tuple(out)


def _security_value_lp(game: Game, i: int):
    """Player ``i``'s mixed security value by the exact maxmin LP (`symalign.engines.lp`, verified)."""
    from symalign.engines.lp import solve_lp
    U = game.sympy_array()
    k = game.shape[i]
    cols = np.moveaxis(U[i], i, 0).reshape(k, -1)          # rows a_i, columns a_{-i}
    A_ub = [[-cols[a, c] for a in range(k)] + [Integer(1)] for c in range(cols.shape[1])]
    res = solve_lp([Integer(0)] * k + [Integer(1)], A_ub, [Integer(0)] * len(A_ub),
                   A_eq=[[Integer(1)] * k + [Integer(0)]], b_eq=[Integer(1)], maximize=True,
                   free=[k])
    return res.value


def _mixed_security_values(game: Game) -> tuple:
    _numeric(game, "mixed security values")
    return tuple(_security_value_lp(game, i) for i in range(game.n_players))


def _is_profile(game: Game, x) -> bool:
    if isinstance(x, (MixedProfile, CorrelatedProfile, Mapping)):
        return True
    if isinstance(x, (list, tuple)) and x:
        if len(x) == game.n_players and any(isinstance(a, str) for a in x):
            # a pure profile by names: every string is an action name of its player
            return all(not isinstance(a, str) or a in game.actions[i] for i, a in enumerate(x))
        if any(isinstance(a, (list, tuple, np.ndarray)) for a in x):
            return True
    return False


def threat_point(game: Game, threat="security", *, threat_profile=None) -> tuple:
    """Resolve a threat (disagreement) point to an exact payoff vector ``d`` (Nash (1950), the bargaining problem).

    The threat point is given in exactly one of two ways, never guessed from its type:

    - ``threat``: ``"security"`` (the default: the mixed security values ``v``, the exact LP of
      maxmin LP), ``"pure-security"`` (the pure ones), or a payoff vector (one exact number per player;
      strings such as ``"2/3"`` are parsed exactly);
    - ``threat_profile``: a profile ``a0`` (pure, mixed or correlated) whose payoffs ``u(a0)``
      are the threat point (the C-A post's reference point).

    Passing a profile as ``threat`` is deprecated: it warns and is read as ``threat_profile``.

    Examples
    ========

    >>> from symalign.normalform.games import surplus_counterexample
    >>> from symalign.normalform.bargaining import threat_point
    >>> g = surplus_counterexample()
    >>> threat_point(g, "pure-security"), threat_point(g, (2, "1/2"))
    ((2, 1), (2, 1/2))
    >>> threat_point(g, threat_profile=("Y", "R")), threat_point(g, threat_profile=(1, 1))
    ((3, 1), (3, 1))

    """
    if threat_profile is not None:
        if not (isinstance(threat, str) and threat == "security"):
            raise InvalidProfileError(f"Arguments 'threat' ({threat!r}) and 'threat_profile' "
                                      f"({threat_profile!r}) are both given; give one.")
        from symalign.normalform.nplayer import field_payoffs
        exact = field_payoffs(game, threat_profile)     # an equilibrium found for 3+ players
        if exact is not None:
            return exact
        return tuple(expected_payoffs(game, threat_profile))
    if isinstance(threat, str):
        if threat == "security":
            return _mixed_security_values(game)
        if threat == "pure-security":
            return pure_security_values(game)
        raise InvalidProfileError(f"Argument 'threat' is {threat!r}; use 'security', "
                                  "'pure-security' or a payoff vector (or threat_profile=).")
    if _is_profile(game, threat):
        warn_deprecated("a profile as threat=", "threat_profile= for a profile (threat= takes "
                        "'security', 'pure-security' or a payoff vector)", stacklevel=4)
        return tuple(expected_payoffs(game, threat))
    try:
        vec = list(threat)
    except TypeError:
        raise InvalidProfileError(f"Argument 'threat' is {threat!r}; use 'security', "
                                  "'pure-security' or a payoff vector (or threat_profile=).") from None
    if len(vec) != game.n_players:
        raise InvalidProfileError(f"Argument 'threat' has {len(vec)} entries, but the game has "
                                  f"{game.n_players} players: {threat!r}.")
    return tuple(to_exact(x, name="threat", where=f" (player {i})", error=InvalidProfileError)
                 for i, x in enumerate(vec))


def surplus(game: Game, profile, *, threat="security", threat_profile=None, mixed: bool = True,
            reference: str | None = None, a0=None) -> tuple:
    """Every player's surplus ``s_i(mu) = u_i(mu) - d_i`` over a threat point ``d`` (Stavrianos & Turner (2021), surplus).

    ``d`` is given as for `threat_point`: ``threat="security"`` (default) uses the mixed
    (``mixed=True``) or pure security values, and then a best-responding player always has
    ``s_i >= 0`` (the claim of Stavrianos & Turner (2021), true); ``threat=`` a payoff vector uses that vector;
    ``threat_profile=a0`` uses ``u(a0)`` for a maxmin profile ``a0`` (the C-A post's reference),
    and then the post's claim fails (the surplus
    counterexample). The keywords ``reference="profile", a0=...`` of earlier releases are
    deprecated spellings of ``threat_profile=...``.

    Examples
    ========

    >>> from symalign.normalform.games import surplus_counterexample
    >>> from symalign.normalform.bargaining import surplus
    >>> g = surplus_counterexample()
    >>> surplus(g, ("Y", "L"), threat_profile=("Y", "R"))   # s_0 = -1 < 0
    (-1, -1)
    >>> surplus(g, ("Y", "L"), mixed=False)                   # security reference
    (0, -1)
    >>> surplus(g, ("Y", "L"), threat=(0, 0))                  # a payoff vector: u itself
    (2, 0)

    Parameters
    ==========

    game : Game
    profile : pure, mixed or correlated profile
    threat : ``"security"``, ``"pure-security"`` or a payoff vector
    threat_profile : profile, optional
    mixed : bool
        Mixed (default) or pure security values for ``threat="security"``.

    Returns
    =======

    tuple of sympy.Expr

    """
    if reference is not None or a0 is not None:
        if reference not in (None, "security", "profile"):
            raise InvalidProfileError(f"Argument 'reference' is {reference!r}; use 'security' "
                                      "or 'profile' (better: threat= or threat_profile=).")
        if reference == "profile" or (reference is None and a0 is not None):
            if a0 is None:
                raise InvalidProfileError("Argument 'a0' is required with reference='profile': "
                                          "the maxmin profile is often not unique, so pass it.")
            warn_deprecated("surplus(..., reference='profile', a0=a0)",
                            "surplus(..., threat_profile=a0)")
            threat_profile = a0
        elif a0 is not None:
            raise InvalidProfileError("Argument 'a0' is only used with reference='profile'.")
        else:
            warn_deprecated("surplus(..., reference='security')", "surplus(..., threat='security')")
    if isinstance(threat, str) and threat == "security" and threat_profile is None and not mixed:
        threat = "pure-security"
    d = threat_point(game, threat, threat_profile=threat_profile)
    u = expected_payoffs(game, profile)
    return tuple(_finish(a - b) for a, b in zip(u, d))


# -- coco value ----------------------------------------------------------------------------

@dataclass(frozen=True)
class CocoValue:
    """The Kalai–Kalai cooperative–competitive value and its parts (Kalai & Kalai (2013), the coco value).

    Examples
    ========

    >>> from symalign.normalform.games import prisoners_dilemma
    >>> from symalign.normalform.bargaining import coco_value
    >>> c = coco_value(prisoners_dilemma(0, -1, -2, -3))    # PD(-)
    >>> c.value, c.cooperative, c.competitive
    ((-1, -1), -1, 0)

    """

    value: tuple
    cooperative: sympy.Expr
    competitive: sympy.Expr
    method: str = "max (A+B)/2 plus the exact LP value of the zero-sum part (A-B)/2"
    source: str = "Kalai & Kalai (2013), the coco value"


def coco_value(game: Game) -> CocoValue:
    """``coco(A, B) = (max (A+B)/2 + val (A-B)/2, max (A+B)/2 - val (A-B)/2)`` (Kalai & Kalai (2013), the coco value).

    Two players only. ``val`` is the row player's value of the zero-sum game, from the exact
    security LP (solved by `symalign.engines.lp`). The components sum to OPT.

    Examples
    ========

    >>> from symalign.normalform.games import surplus_counterexample, chicken
    >>> from symalign.normalform.bargaining import coco_value
    >>> c = coco_value(surplus_counterexample())
    >>> c.value, c.competitive
    ((4, 2), 1)
    >>> coco_value(chicken()).value
    (6, 6)

    Returns
    =======

    CocoValue

    """
    _numeric(game, "coco_value")
    if game.n_players != 2:
        raise InvalidGameError(f"Argument 'game' has {game.n_players} players; the coco value is "
                               "defined for two players.")
    U = game.sympy_array()
    A, B = U[0], U[1]
    coop = max((a + b) / 2 for a, b in zip(A.reshape(-1), B.reshape(-1)))
    Z = Game.from_arrays((A - B) / 2, (B - A) / 2)
    val = _security_value_lp(Z, 0)
    return CocoValue((coop + val, coop - val), coop, val)
