"""Delegation games ``D = (S, u, u_hat)``: agents act, principals are paid (Sourbut, Hammond & Wood (2024), the delegation-game model; Sourbut, Hammond & Wood (2024), welfare regret).

Notation follows the paper: agent ``i`` has utility ``u_i`` and principal ``i`` has ``u_hat_i``
(the hatted symbols belong to the principals). Welfare is the sum form ``w = sum_i u_i`` or
the average form ``w / n`` (Sourbut, Hammond & Wood (2024), welfare regret), optionally weighted.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Integer

from symalign.normalform import ca
from symalign.core.exact import to_exact
from symalign.engines.symbolic import finish
from symalign.core.errors import InvalidGameError, SymalignError
from symalign.core.game import Game
from symalign.core.profiles import as_correlated

__all__ = [
    "DelegationGame",
    "group_welfare",
    "optimal_welfare",
    "utopia",
    "dystopia",
    "welfare_regret",
    "ideal_regret",
]

SOURCE = "Sourbut, Hammond & Wood (2024), welfare regret"
_GROUPS = ("agents", "principals")


class DelegationGame:
    """A delegation game: ``n`` agents and ``n`` principals over one strategy space (Sourbut, Hammond & Wood (2024), the delegation-game model).

    Built from two `Game` objects, the agents' game first (as in the authors' code), or with
    `DelegationGame.from_arrays`. Only agents act; profiles are profiles of the agent game.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation import DelegationGame
    >>> sh = sa.games.stag_hunt()
    >>> dg = DelegationGame(sh, sh)                 # agents equal their principals
    >>> dg.n, dg.shape, dg.welfare_form
    (2, (2, 2), 'sum')
    >>> dg.u_hat(0).T
    Matrix([[2, 1, 1, 10]])
    >>> dg.w_hat_star, dg.w_hat_plus, dg.w_hat_minus
    (20, 20, 2)

    Parameters
    ==========

    agents : Game
        The agent game ``G = (S, u)``.
    principals : Game
        The principal game ``G_hat = (S, u_hat)``, same shape and number of players.
    welfare : {"sum", "average"}
        The welfare form (Sourbut, Hammond & Wood (2024)); the average form divides every welfare by ``n``.
    weights : sequence of exact non-negative numbers, optional
        Welfare weights ``lambda_i`` (applied to both groups).

    Raises
    ======

    InvalidGameError
        If the games differ in shape, or the welfare form or weights are invalid.

    """

    __slots__ = ("_agents", "_principals", "_welfare", "_weights", "_cache")

    def __init__(self, agents: Game, principals: Game, *, welfare: str = "sum", weights=None):
        if not isinstance(agents, Game):
            raise InvalidGameError(f"Argument 'agents' is {agents!r}; pass a symalign.Game.")
        if not isinstance(principals, Game):
            raise InvalidGameError(f"Argument 'principals' is {principals!r}; pass a "
                                   "symalign.Game.")
        if agents.shape != principals.shape:
            raise InvalidGameError(f"Argument 'principals' has shape {principals.shape}, but the "
                                   f"agents' game has shape {agents.shape}; a delegation game "
                                   "has one strategy space.")
        if welfare not in ("sum", "average"):
            raise InvalidGameError(f"Argument 'welfare' is {welfare!r}; use 'sum' or 'average'.")
        self._agents = agents
        self._principals = principals
        self._welfare = welfare
        self._weights = None
        if weights is not None:
            w = list(weights)
            if len(w) != agents.n_players:
                raise InvalidGameError(f"Argument 'weights' has {len(w)} entries, but there are "
                                       f"{agents.n_players} principal-agent pairs.")
            w = tuple(to_exact(x, name="weights", where=f" (pair {i})", error=InvalidGameError)
                      for i, x in enumerate(w))
            for i, x in enumerate(w):
                if x.is_negative:
                    raise InvalidGameError(f"Argument 'weights': pair {i}'s weight is {x}, which "
                                           "is negative.")
            self._weights = w
        self._cache = {}

    @classmethod
    def from_arrays(cls, u_arrays: Sequence, u_hat_arrays: Sequence, *, welfare: str = "sum",
                    weights=None, players=None, actions=None, assumptions=(),
                    allow_floats: bool = False) -> DelegationGame:
        """Build from the agents' payoff arrays ``u`` and the principals' ``u_hat`` (Sourbut, Hammond & Wood (2024), the delegation-game model).

        Examples
        ========

        >>> from symalign.delegation import DelegationGame
        >>> dg = DelegationGame.from_arrays([[1, 0]], [[0, 2]])  # one pair, two outcomes
        >>> dg.n, dg.n_outcomes
        (1, 2)

        """
        A = Game(list(u_arrays), players=players, actions=actions, assumptions=assumptions,
                 allow_floats=allow_floats)
        P = Game(list(u_hat_arrays), players=players, actions=actions, assumptions=assumptions,
                 allow_floats=allow_floats)
        return cls(A, P, welfare=welfare, weights=weights)

    # -- accessors ---------------------------------------------------------------------------
    @property
    def agents(self) -> Game:
        """The agent game ``G = (S, u)``."""
        return self._agents

    @property
    def principals(self) -> Game:
        """The principal game ``G_hat = (S, u_hat)``."""
        return self._principals

    @property
    def n(self) -> int:
        """Number of principal-agent pairs."""
        return self._agents.n_players

    @property
    def shape(self) -> tuple[int, ...]:
        """Actions per agent."""
        return self._agents.shape

    @property
    def n_outcomes(self) -> int:
        """``|S|``."""
        return self._agents.n_outcomes

    @property
    def welfare_form(self) -> str:
        """``"sum"`` or ``"average"``."""
        return self._welfare

    @property
    def weights(self) -> tuple | None:
        """Welfare weights, or None for the unweighted welfare."""
        return self._weights

    @property
    def is_numeric(self) -> bool:
        """True when both games are numeric (the exact integer path applies)."""
        return self._agents.is_numeric and self._principals.is_numeric

    @property
    def assumptions(self) -> tuple:
        """Assumptions of both games."""
        a = self._agents.assumptions
        return a + tuple(r for r in self._principals.assumptions if r not in a)

    def game(self, group: str = "principals") -> Game:
        """The agents' or the principals' game."""
        return self._agents if _group(group) == "agents" else self._principals

    def u(self, i) -> sympy.ImmutableMatrix:
        """Agent ``i``'s utility over outcomes (row-major column vector)."""
        return self._agents.utility(i)

    def u_hat(self, i) -> sympy.ImmutableMatrix:
        """Principal ``i``'s utility over outcomes (row-major column vector)."""
        return self._principals.utility(i)

    def factors(self) -> tuple:
        """Per-pair welfare factors ``f_i = lambda_i`` (sum) or ``lambda_i / n`` (average)."""
        w = self._weights or (Integer(1),) * self.n
        if self._welfare == "average":
            return tuple(x / self.n for x in w)
        return tuple(w)

    # -- welfare summaries --------------------------------------------------------------------
    @property
    def w_star(self):
        """``w* = max_s w(s)``, the agents' optimal welfare."""
        return optimal_welfare(self, "agents")

    @property
    def w_hat_star(self):
        """``w_hat* = max_s w_hat(s)``, the principals' optimal welfare."""
        return optimal_welfare(self, "principals")

    @property
    def w_hat_plus(self):
        """Principals' utopia ``w_hat^+ = sum_i max_s u_hat_i(s)``."""
        return utopia(self, "principals")

    @property
    def w_hat_minus(self):
        """Principals' dystopia ``w_hat^- = sum_i min_s u_hat_i(s)``."""
        return dystopia(self, "principals")

    def __eq__(self, other):
        if not isinstance(other, DelegationGame):
            return NotImplemented
        return (self._agents, self._principals, self._welfare, self._weights) == (
            other._agents, other._principals, other._welfare, other._weights)

    def __hash__(self):
        return hash((self._agents, self._principals, self._welfare, self._weights))

    def __repr__(self):
        return (f"DelegationGame(n={self.n}, shape={self.shape}, welfare={self._welfare!r}"
                + (f", weights={self._weights}" if self._weights else "") + ")")


def _group(group: str) -> str:
    if group not in _GROUPS:
        raise SymalignError(f"Argument 'group' is {group!r}; use 'agents' or 'principals'.")
    return group


def _form(dg: DelegationGame, value):
    return finish(value / dg.n if dg.welfare_form == "average" else value)


def _require(dg) -> DelegationGame:
    if not isinstance(dg, DelegationGame):
        raise SymalignError(f"Argument 'dg' is {dg!r}; pass a DelegationGame.")
    return dg


def group_welfare(dg: DelegationGame, profile, group: str = "principals") -> sympy.Expr:
    """Welfare ``w(sigma)`` (agents) or ``w_hat(sigma)`` (principals) at any profile (Sourbut, Hammond & Wood (2024), welfare regret).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation import DelegationGame, group_welfare
    >>> sh = sa.games.stag_hunt()
    >>> group_welfare(DelegationGame(sh, sh), ("F", "F"))
    4
    >>> group_welfare(DelegationGame(sh, sh, welfare="average"), ("M", "M"))
    10

    """
    g = _require(dg).game(group)
    return _form(dg, ca.welfare(g, profile, dg.weights))


def optimal_welfare(dg: DelegationGame, group: str = "principals") -> sympy.Expr:
    """``w* = max_s w(s)`` or ``w_hat* = max_s w_hat(s)`` (Sourbut, Hammond & Wood (2024), welfare regret).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation import DelegationGame, optimal_welfare
    >>> sh = sa.games.stag_hunt()
    >>> optimal_welfare(DelegationGame(sh, sh), "agents")
    20

    """
    g = _require(dg).game(group)
    return _form(dg, ca.max_welfare(g, dg.weights, assumptions=dg.assumptions))


def utopia(dg: DelegationGame, group: str = "principals") -> sympy.Expr:
    """``w^+ = sum_i lambda_i max_s u_i(s)`` of a group; ``w_hat^+`` for principals (Sourbut, Hammond & Wood (2024), welfare regret).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation import DelegationGame, utopia
    >>> dg = DelegationGame(sa.games.chicken(), sa.games.chicken())
    >>> utopia(dg)
    14

    """
    g = _require(dg).game(group)
    return _form(dg, ca.utopia_welfare(g, dg.weights, assumptions=dg.assumptions))


def dystopia(dg: DelegationGame, group: str = "principals") -> sympy.Expr:
    """``w^- = sum_i lambda_i min_s u_i(s)``; ``w_hat^-`` for principals (Sourbut, Hammond & Wood (2024), welfare regret).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation import DelegationGame, dystopia
    >>> dg = DelegationGame(sa.games.stag_hunt(), sa.games.stag_hunt(), welfare="average")
    >>> dystopia(dg)                                  # Sourbut, Hammond & Wood (2024), blog post: w_hat^- = 1
    1

    """
    g = _require(dg).game(group)
    w = dg.weights or (Integer(1),) * dg.n
    mins = ca._player_extremes(g, dg.assumptions, "min")
    return _form(dg, sympy.Add(*(wi * m for wi, m in zip(w, mins))))


def welfare_regret(dg: DelegationGame, profile, group: str = "principals") -> sympy.Expr:
    """Welfare regret ``WR = w* - w(sigma)`` or ``WR_hat = w_hat* - w_hat(sigma)`` (Sourbut, Hammond & Wood (2024), welfare regret).

    The default is the principals' regret, the paper's dependent variable; the agents' regret
    measures how well the agents cooperated by their own criteria.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation import DelegationGame, welfare_regret
    >>> sh = sa.games.stag_hunt()
    >>> welfare_regret(DelegationGame(sh, sh), ("F", "F"))   # Sourbut, Hammond & Wood (2024), blog post: 16 (sum form)
    16
    >>> welfare_regret(DelegationGame(sh, sh, welfare="average"), ("F", "F"), "agents")
    8

    Parameters
    ==========

    dg : DelegationGame
    profile : pure tuple, mixed or correlated profile
    group : {"principals", "agents"}

    """
    return finish(optimal_welfare(dg, group) - group_welfare(dg, profile, group))


def ideal_regret(dg: DelegationGame) -> sympy.Expr:
    """Ideal regret ``w_hat^+ - w_hat*``, the principals' alignment gap ``-alpha(G_hat)`` (Sourbut, Hammond & Wood (2024), welfare regret).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation import DelegationGame, ideal_regret
    >>> dg = DelegationGame(sa.games.chicken(), sa.games.chicken())
    >>> ideal_regret(dg)
    2

    """
    return finish(utopia(dg, "principals") - optimal_welfare(dg, "principals"))


def _probabilities(dg: DelegationGame, profile):
    """Private: the profile as a flat row-major list of exact outcome probabilities."""
    if isinstance(profile, tuple) and all(isinstance(a, int) for a in profile) and \
            len(profile) == dg.n:
        idx = 0
        for a, k in zip(profile, dg.shape):
            if not 0 <= a < k:
                break
            idx = idx * k + a
        else:
            return {idx: Integer(1)}
    mu = as_correlated(dg.agents, profile)
    flat = mu.probabilities.reshape(-1)
    return {k: p for k, p in enumerate(flat) if p != 0}



