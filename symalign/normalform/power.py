"""Multi-agent POWER (Stavrianos & Turner (2021b)): complete information and Bayesian games,
NashConv (Lanctot et al. (2017)), and the POWER shortfall.

``POWER_i(sigma) = max_{a_i} u_i(a_i, sigma_{-i})`` is the value of a best response to the
others (Stavrianos & Turner (2021b)). Adding and subtracting ``u_i(sigma)`` gives the exact identity
(docs/discussion/power.rst, "NashConv and the POWER–welfare identity")

    sum_i POWER_i(sigma) = W(sigma) + NashConv(sigma),

so the POWER shortfall ``U* - sum_i POWER_i = AG + CG(sigma) - NashConv(sigma)``. In a
constant-sum game (``W = c``) this is the constant-sum POWER theorem (Stavrianos & Turner (2021b)): ``sum_i POWER_i
>= c`` with equality iff ``sigma`` is a Nash equilibrium. `BayesianGame` carries the same
quantities for games with types and a common prior (Stavrianos & Turner (2021b)).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from symalign.core.lazy import np
import sympy
from sympy import Integer

from symalign.core.exact import to_exact_array
from symalign.engines.symbolic import smax
from symalign.core.errors import InvalidGameError, InvalidProfileError
from symalign.core.game import Game, assumptions_of
from symalign.core.profiles import MixedProfile, as_mixed

__all__ = [
    "power",
    "powers",
    "best_case_power",
    "nashconv",
    "power_shortfall",
    "PowerDecomposition",
    "BayesianGame",
    "BayesianPowerDecomposition",
]

SOURCE = "Stavrianos & Turner, Generalizing POWER to multi-agent games (2021)"


def _finish(e):
    e = sympy.sympify(e)
    return sympy.expand(e) if e.free_symbols else e


def _deviation_values(game: Game, sigma: MixedProfile, i: int) -> list:
    """``u_i(b, sigma_{-i})`` for every pure action ``b`` of player ``i`` (shared with equilibria)."""
    from symalign.normalform.equilibria import _deviation_values as deviations
    return deviations(game, sigma, i)[0]


def _sigma(game: Game, profile) -> MixedProfile:
    """The mixed profile; correlated profiles are refused: POWER and NashConv are defined for
    mixed (product) profiles (the correlated analogue can be negative)."""
    from collections.abc import Mapping

    from symalign.core.profiles import CorrelatedProfile
    if isinstance(profile, (CorrelatedProfile, Mapping)):
        raise InvalidProfileError("Argument 'profile' is a correlated profile; POWER and NashConv "
                                  "are defined for pure or mixed (product) profiles (Lanctot et al. (2017), NashConv).")
    return as_mixed(game, profile)


def _own(game: Game, sigma: MixedProfile, i: int, dev: list):
    return _finish(sympy.Add(*[p * v for p, v in zip(sigma.strategies[i], dev)]))


def power(game: Game, player, profile, *, assumptions=()) -> sympy.Expr:
    """``POWER_i(sigma) = max_{a_i} u_i(a_i, sigma_{-i})``, complete information (Stavrianos & Turner, Generalizing POWER to multi-agent games (2021)).

    Player ``i``'s own strategy does not enter. For symbolic payoffs or probabilities the
    maximum is decided under the assumptions (``Max`` otherwise).

    Examples
    ========

    >>> from symalign.normalform.games import prisoners_dilemma, matching_pennies
    >>> from symalign.normalform.power import power
    >>> power(prisoners_dilemma(), 0, ("C", "C")), power(prisoners_dilemma(), 0, ("D", "D"))
    (3, 1)
    >>> power(matching_pennies(), 1, [[1, 0], ["1/2", "1/2"]])
    1

    Parameters
    ==========

    game : Game
    player : int or str
    profile : pure or mixed profile

    Returns
    =======

    sympy.Expr

    """
    i = game.player_index(player)
    sigma = _sigma(game, profile)
    return smax(_deviation_values(game, sigma, i), assumptions_of(game, assumptions))


def powers(game: Game, profile, *, assumptions=()) -> tuple:
    """Every player's POWER at ``profile`` (Stavrianos & Turner (2021b)).

    Examples
    ========

    >>> from symalign.normalform.games import battle_of_the_sexes
    >>> from symalign.normalform.power import powers
    >>> powers(battle_of_the_sexes(), [["2/3", "1/3"], ["1/3", "2/3"]])
    (2/3, 2/3)

    """
    return tuple(power(game, i, profile, assumptions=assumptions)
                 for i in range(game.n_players))


def best_case_power(game: Game, player, *, assumptions=()) -> sympy.Expr:
    """Best-case POWER ``max_a u_i(a)``: the value if everyone works for ``i``.

    Examples
    ========

    >>> from symalign.normalform.games import prisoners_dilemma
    >>> from symalign.normalform.power import best_case_power
    >>> best_case_power(prisoners_dilemma(), 0)
    3

    """
    i = game.player_index(player)
    return smax(list(game.sympy_array()[i].reshape(-1)),
                assumptions_of(game, assumptions))


def nashconv(game: Game, profile, *, assumptions=()) -> sympy.Expr:
    """``NashConv(sigma) = sum_i [max_{a_i} u_i(a_i, sigma_{-i}) - u_i(sigma)] >= 0`` (Lanctot et al. (2017), NashConv).

    Zero exactly at Nash equilibria. Defined for mixed (product) profiles only.

    Examples
    ========

    >>> from symalign.normalform.games import prisoners_dilemma, matching_pennies
    >>> from symalign.normalform.power import nashconv
    >>> [nashconv(prisoners_dilemma(), a) for a in [("C", "C"), ("C", "D"), ("D", "D")]]
    [2, 1, 0]
    >>> nashconv(matching_pennies(), [[1, 0], ["1/2", "1/2"]])
    1
    >>> nashconv(matching_pennies(), {("H", "H"): "1/2", ("T", "T"): "1/2"})
    Traceback (most recent call last):
    ...
    symalign.InvalidProfileError: Argument 'profile' is a correlated profile; POWER and NashConv are defined for pure or mixed (product) profiles (Lanctot et al. (2017), NashConv).

    """
    _sigma(game, profile)  # refuses correlated profiles with POWER's message
    from symalign.normalform.equilibria import nashconv as _nashconv
    return _nashconv(game, profile, assumptions=assumptions)


@dataclass(frozen=True)
class PowerDecomposition:
    """POWER at a profile and the exact decomposition of its shortfall (the POWER-welfare identity (derived for symalign)).

    ``shortfall = utopia_welfare - total_power = alignment_gap + coordination_gap - nashconv``
    and ``total_power = welfare + nashconv`` hold exactly.

    Examples
    ========

    >>> from symalign.normalform.games import stag_hunt
    >>> from symalign.normalform.power import power_shortfall
    >>> d = power_shortfall(stag_hunt(), ("F", "F"))
    >>> d.total_power, d.utopia_welfare, d.shortfall, d.coordination_gap
    (4, 20, 16, 16)

    """

    power: tuple
    total_power: sympy.Expr
    best_case_power: tuple
    utopia_welfare: sympy.Expr
    welfare: sympy.Expr
    nashconv: sympy.Expr
    shortfall: sympy.Expr
    alignment_gap: sympy.Expr
    coordination_gap: sympy.Expr
    profile: object = field(repr=False, default=None)
    method: str = "exact best-response values"
    source: str = SOURCE


def power_shortfall(game: Game, profile, *, assumptions=()) -> PowerDecomposition:
    """POWER shortfall ``U* - sum_i POWER_i(sigma) = AG + CG(sigma) - NashConv(sigma)``
    (docs/discussion/power.rst).

    At a Nash equilibrium the shortfall is ``AG + CG >= AG = -alpha``.

    Examples
    ========

    >>> from symalign.normalform.games import prisoners_dilemma, coordination
    >>> from symalign.normalform.power import power_shortfall
    >>> d = power_shortfall(prisoners_dilemma(), ("D", "D"))
    >>> d.power, d.welfare, d.nashconv, d.shortfall, d.alignment_gap, d.coordination_gap
    ((1, 1), 2, 0, 4, 2, 2)
    >>> power_shortfall(coordination(), ("B", "B")).shortfall
    2

    Returns
    =======

    PowerDecomposition

    """
    from symalign.normalform.ca import max_welfare, utopia_welfare, welfare
    sigma = _sigma(game, profile)
    A = assumptions_of(game, assumptions)
    pw, nc = [], Integer(0)
    for i in range(game.n_players):
        dev = _deviation_values(game, sigma, i)
        m = smax(dev, A)
        pw.append(m)
        nc += m - _own(game, sigma, i, dev)
    nc = _finish(nc)
    total = _finish(sympy.Add(*pw))
    ustar = utopia_welfare(game, assumptions=assumptions)
    opt = max_welfare(game, assumptions=assumptions)
    W = welfare(game, sigma)
    return PowerDecomposition(
        power=tuple(pw), total_power=total,
        best_case_power=tuple(best_case_power(game, i, assumptions=assumptions)
                              for i in range(game.n_players)),
        utopia_welfare=ustar, welfare=W, nashconv=nc, shortfall=_finish(ustar - total),
        alignment_gap=_finish(ustar - opt), coordination_gap=_finish(opt - W), profile=sigma)


# -- Bayesian games ------------------------------------------------------------------------

@dataclass(frozen=True)
class BayesianPowerDecomposition:
    """Bayesian POWER, welfare, NashConv and shortfall at a type-contingent profile
    (docs/discussion/power.rst, "Bayesian games").

    ``total_power = welfare + nashconv`` and ``shortfall = best_case_total - total_power =
    (best_case_total - opt) + (opt - welfare) - nashconv`` hold exactly.

    Examples
    ========

    >>> from symalign.normalform.games import coordination
    >>> from symalign.normalform.power import BayesianGame
    >>> g = BayesianGame.from_game(coordination())    # one type each: complete information
    >>> d = g.power_shortfall([[1], [1]])             # (B, B)
    >>> d.power, d.opt, d.shortfall
    ((1, 1), 4, 2)

    """

    power: tuple
    total_power: sympy.Expr
    welfare: sympy.Expr
    nashconv_contributions: tuple
    nashconv: sympy.Expr
    best_case_power: tuple
    best_case_total: sympy.Expr
    opt: sympy.Expr
    shortfall: sympy.Expr
    method: str = "exact interim best-response values"
    source: str = "Stavrianos & Turner, Generalizing POWER to multi-agent games (2021); the POWER-welfare identity (derived for symalign)"


class BayesianGame:
    """A finite Bayesian game: type sets, a joint prior and type-dependent rewards (Stavrianos & Turner, Generalizing POWER to multi-agent games (2021)).

    Player ``i`` has ``n_types[i]`` types; the common prior is a joint pmf on type profiles
    (types may be correlated); ``rewards[i][t_i][a_0]...[a_{n-1}] = r_i(t_i, a)`` depends on the
    player's own type only. A strategy profile gives, for each player and each of their types,
    a distribution over actions: ``strategies[i][t_i] = (p_0, ..., p_{k_i - 1})``.

    Examples
    ========

    A test vector: player 0 has two types with prior ``(1/3, 2/3)``; type 0 wants to
    match, type 1 to mismatch; player 1 has one type.

    >>> from symalign.normalform.power import BayesianGame
    >>> g = BayesianGame(prior=[["1/3"], ["2/3"]],
    ...                  rewards=[[[[1, 0], [0, 1]], [[0, 1], [1, 0]]], [[[1, 0], [0, 2]]]])
    >>> s = [[[1, 0], [0, 1]], [["1/2", "1/2"]]]
    >>> g.power(0, s), g.power(1, s), g.welfare(s)
    (1/2, 4/3, 4/3)
    >>> d = g.power_shortfall(s)
    >>> d.nashconv_contributions, d.total_power, d.opt, d.best_case_total, d.shortfall
    ((0, 1/2), 11/6, 7/3, 3, 7/6)

    Parameters
    ==========

    prior : array_like
        Joint pmf over type profiles, one axis per player (shape ``n_types``).
    rewards : sequence
        ``rewards[i]`` has shape ``(n_types[i], k_0, ..., k_{n-1})``.

    """

    def __init__(self, prior, rewards):
        shape_t, ex, sym = to_exact_array(prior, name="prior", error=InvalidGameError)
        P = ex.to_sympy() if ex is not None else sym
        if any(v.is_negative for v in P.reshape(-1)):
            raise InvalidGameError("Argument 'prior' has a negative probability.")
        total = sympy.Add(*P.reshape(-1))
        if sympy.simplify(total - 1) != 0:
            raise InvalidGameError(f"Argument 'prior' sums to {total}, not 1.")
        n = len(shape_t)
        r = list(rewards)
        if len(r) != n:
            raise InvalidGameError(f"Argument 'rewards' has {len(r)} arrays, but the prior has "
                                   f"{n} axes (players).")
        arrays = []
        shape_a = None
        for i, ri in enumerate(r):
            s, e, sy = to_exact_array(ri, name=f"rewards[{i}]", error=InvalidGameError)
            if len(s) != n + 1 or s[0] != shape_t[i]:
                raise InvalidGameError(f"Argument 'rewards[{i}]' has shape {s}; expected "
                                       f"({shape_t[i]}, k_0, ..., k_{n - 1}).")
            if shape_a is None:
                shape_a = s[1:]
            elif s[1:] != shape_a:
                raise InvalidGameError(f"Argument 'rewards[{i}]' has action shape {s[1:]}, "
                                       f"but rewards[0] has {shape_a}.")
            arrays.append(e.to_sympy() if e is not None else sy)
        self._prior = P
        self._rewards = tuple(arrays)
        self._n_types = tuple(shape_t)
        self._shape = tuple(shape_a)

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._shape)

    @property
    def shape(self) -> tuple:
        """Number of actions of each player."""
        return self._shape

    @property
    def n_types(self) -> tuple:
        """Number of types of each player."""
        return self._n_types

    @property
    def prior(self) -> np.ndarray:
        """The joint prior over type profiles (object array)."""
        return self._prior

    def reward(self, player: int, type_, profile) -> sympy.Expr:
        """``r_i(t_i, a)``."""
        return self._rewards[player][(type_, *profile)]

    def type_marginal(self, player: int) -> tuple:
        """The marginal prior of ``player``'s types."""
        axes = tuple(j for j in range(self.n_players) if j != player)
        m = self._prior.sum(axis=axes) if axes else self._prior
        return tuple(_finish(v) for v in m)

    @classmethod
    def from_game(cls, game: Game) -> BayesianGame:
        """The complete-information game as a Bayesian game with one type per player."""
        U = game.sympy_array()
        prior = np.empty((1,) * game.n_players, dtype=object)
        prior[...] = Integer(1)
        return cls(prior, [U[i][None, ...] for i in range(game.n_players)])

    # -- strategies -------------------------------------------------------------------
    def _strategies(self, strategies) -> tuple:
        s = list(strategies)
        if len(s) != self.n_players:
            raise InvalidProfileError(f"Argument 'strategies' has {len(s)} entries, but the game "
                                      f"has {self.n_players} players.")
        out = []
        for i, si in enumerate(s):
            si = list(si)
            if len(si) != self._n_types[i]:
                raise InvalidProfileError(f"Argument 'strategies': player {i} has "
                                          f"{self._n_types[i]} types, but {len(si)} "
                                          "distributions were given.")
            shape = [1] * self.n_players
            shape[i] = self._shape[i]
            dists = []
            for t, d in enumerate(si):
                if isinstance(d, (int, np.integer)) and not isinstance(d, bool):
                    d = [1 if b == d else 0 for b in range(self._shape[i])]
                if len(d) != self._shape[i]:
                    raise InvalidProfileError(f"Argument 'strategies': player {i}, type {t} "
                                              f"gives {len(d)} probabilities for "
                                              f"{self._shape[i]} actions.")
                prof = [[Integer(1)] + [Integer(0)] * (k - 1) for k in self._shape]
                prof[i] = d
                dists.append(MixedProfile(prof).strategies[i])
            out.append(tuple(dists))
        return tuple(out)

    def _interim(self, i: int, s) -> dict:
        """``{t_i: [f_i(t_i, b, sigma_{-i}) for b]}`` for every type with positive probability,
        with ``Omega(t_i)`` and player ``i``'s own mixed play."""
        n = self.n_players
        marg = self.type_marginal(i)
        out = {}
        for ti in range(self._n_types[i]):
            w = marg[ti]
            if w == 0:
                continue
            vals = [Integer(0)] * self._shape[i]
            for t in itertools.product(*(range(k) for k in self._n_types)):
                if t[i] != ti:
                    continue
                pt = self._prior[t]
                if pt == 0:
                    continue
                arr = self._rewards[i][ti]
                for j in reversed(range(n)):
                    if j == i:
                        continue
                    arr = np.tensordot(arr, np.asarray(s[j][t[j]], dtype=object),
                                       axes=([j], [0]))
                cond = pt / w
                for b in range(self._shape[i]):
                    vals[b] += cond * arr.reshape(-1)[b]
            out[ti] = (w, [_finish(v) for v in vals])
        return out

    def power(self, player: int, strategies) -> sympy.Expr:
        """``POWER_i(sigma) = E_{t_i}[max_{a_i} f_i(t_i, a_i, sigma_{-i})]`` (Stavrianos & Turner, Generalizing POWER to multi-agent games (2021))."""
        s = self._strategies(strategies)
        return _finish(sympy.Add(*[w * smax(v) for w, v in self._interim(player, s).values()]))

    def powers(self, strategies) -> tuple:
        """Every player's POWER."""
        return tuple(self.power(i, strategies) for i in range(self.n_players))

    def nashconv_contributions(self, strategies) -> tuple:
        """Per-player Bayesian NashConv ``E_{t_i}[max f_i - E_{sigma_i(t_i)} f_i]`` (Stavrianos & Turner (2021b))."""
        s = self._strategies(strategies)
        out = []
        for i in range(self.n_players):
            tot = Integer(0)
            for ti, (w, v) in self._interim(i, s).items():
                tot += w * (smax(v) - sympy.Add(*[p * x for p, x in zip(s[i][ti], v)]))
            out.append(_finish(tot))
        return tuple(out)

    def nashconv(self, strategies) -> sympy.Expr:
        """Bayesian NashConv, zero iff every positive-probability type best-responds."""
        return _finish(sympy.Add(*self.nashconv_contributions(strategies)))

    def welfare(self, strategies) -> sympy.Expr:
        """``E_t E_{a ~ sigma(t)} sum_i r_i(t_i, a)``."""
        s = self._strategies(strategies)
        total = Integer(0)
        for t in itertools.product(*(range(k) for k in self._n_types)):
            pt = self._prior[t]
            if pt == 0:
                continue
            for i in range(self.n_players):
                arr = self._rewards[i][t[i]]
                for j in reversed(range(self.n_players)):
                    arr = np.tensordot(arr, np.asarray(s[j][t[j]], dtype=object),
                                       axes=([j], [0]))
                total += pt * (arr[()] if isinstance(arr, np.ndarray) else arr)
        return _finish(total)

    def best_case_power(self, player: int) -> sympy.Expr:
        """``E_{t_i} max_a r_i(t_i, a)`` (symalign's choice, docs/discussion/power.rst)."""
        marg = self.type_marginal(player)
        return _finish(sympy.Add(*[w * smax(list(self._rewards[player][ti].reshape(-1)))
                                   for ti, w in enumerate(marg) if w != 0]))

    def max_welfare(self) -> sympy.Expr:
        """``OPT_B``: the best expected welfare over type-contingent pure profiles."""
        n = self.n_players
        choices = [list(itertools.product(range(self._shape[i]), repeat=self._n_types[i]))
                   for i in range(n)]
        count = math.prod(len(c) for c in choices)
        from symalign.core.config import settings
        if count > settings.max_cases:
            from symalign.core.errors import ResourceLimitError
            raise ResourceLimitError(f"OPT_B needs {count} type-contingent pure profiles",
                                     "max_cases", settings.max_cases)
        types = [t for t in itertools.product(*(range(k) for k in self._n_types))
                 if self._prior[t] != 0]
        vals = []
        for strat in itertools.product(*choices):
            tot = Integer(0)
            for t in types:
                a = tuple(strat[i][t[i]] for i in range(n))
                tot += self._prior[t] * sympy.Add(*[self._rewards[i][(t[i], *a)]
                                                    for i in range(n)])
            vals.append(_finish(tot))
        return smax(vals)

    def constant_sum(self):
        """The constant ``c`` if ``sum_i r_i(t_i, a) = c`` on the prior's support, else None."""
        c = None
        for t in itertools.product(*(range(k) for k in self._n_types)):
            if self._prior[t] == 0:
                continue
            for a in itertools.product(*(range(k) for k in self._shape)):
                v = _finish(sympy.Add(*[self._rewards[i][(t[i], *a)]
                                        for i in range(self.n_players)]))
                if c is None:
                    c = v
                elif sympy.expand(v - c) != 0:
                    return None
        return c

    def power_shortfall(self, strategies) -> BayesianPowerDecomposition:
        """The Bayesian POWER decomposition at ``strategies``."""
        pw = self.powers(strategies)
        nc = self.nashconv_contributions(strategies)
        bc = tuple(self.best_case_power(i) for i in range(self.n_players))
        bct = _finish(sympy.Add(*bc))
        total = _finish(sympy.Add(*pw))
        return BayesianPowerDecomposition(
            power=pw, total_power=total, welfare=self.welfare(strategies),
            nashconv_contributions=nc, nashconv=_finish(sympy.Add(*nc)), best_case_power=bc,
            best_case_total=bct, opt=self.max_welfare(), shortfall=_finish(bct - total))

    def __repr__(self):
        return f"BayesianGame(n_types={self._n_types}, shape={self._shape})"
