"""Alignment and calibration measures of delegation games (Sourbut, Hammond & Wood (2024), individual and collective alignment; Sourbut, Hammond & Wood (2024), calibration).

* individual alignment ``IA_i = 1 - d(nu_hat_i, nu_i) / d_max`` (principal ``i`` vs agent ``i``),
* collective alignment ``CA = 1 - sum_i (m_i / sum_j m_j) m(nu_i - mu)`` of one group,
* welfare ratios ``r_i = m_hat_i / m_i`` (calibration) and total misalignment
  ``sum_i m_hat_i d_i``.

Every value is exact: rational, or an algebraic expression in square roots (EPIC).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import sympy
from sympy import Integer, Rational

from symalign.engines.signs import is_constant
from symalign.delegation.casesplit import by_constancy, merged_assumptions
from symalign.delegation.model import DelegationGame, _require as _check_dg
from symalign.core.deprecation import warn_deprecated
from symalign.core.errors import InvalidGameError, SymalignError, UndecidableError, UndefinedMetricError
from symalign.core.exact import to_exact
from symalign.core.game import Game
from symalign.delegation.standardisation import (EPIC, Standardisation, _as_values, _num_std_of_game,
                              _num_standardise, _NumStd, _tidy, standardise)

__all__ = [
    "epic_distance",
    "alignment_distance",
    "pairwise_alignment",
    "pearson_correlation",
    "individual_alignment",
    "individual_alignments",
    "collective_alignment",
    "calibration_ratios",
    "aggregate_ratio",
    "total_misalignment",
]

SOURCE_IA = "Sourbut, Hammond & Wood (2024), individual and collective alignment"
SOURCE_CA = "Sourbut, Hammond & Wood (2024), individual and collective alignment"
SOURCE_CAL = "Sourbut, Hammond & Wood (2024), calibration"


class _Member:
    """Private: one utility's standardisation in both exact representations."""

    __slots__ = ("num", "shift", "magnitude", "nu", "centred", "constant")

    def __init__(self, num, shift, magnitude, nu, centred, constant):
        self.num = num
        self.shift = shift
        self.magnitude = magnitude
        self.nu = nu
        self.centred = centred
        self.constant = constant


def _member_from_num(ns: _NumStd) -> _Member:
    x, D0 = ns.centred
    return _Member(ns, Rational(ns.shift.numerator, ns.shift.denominator), ns.magnitude_sympy(),
                   ns.nu_sympy(), [Rational(a, D0) for a in x], ns.constant)


def _member_from_values(vals, std, assumptions) -> _Member:
    if all(v.is_Rational for v in vals):
        import math
        den = math.lcm(*(int(v.q) for v in vals))
        return _member_from_num(_num_standardise([int(v.p) * (den // int(v.q)) for v in vals],
                                                 den, std))
    assumptions = tuple(assumptions)
    constant = is_constant(vals, assumptions)     # magnitude 0 iff constant (a standardisation magnitude)
    if constant.value is None:     # undecided: the standardised vector is piecewise
        s = standardise(vals, std, assumptions=assumptions)
        return _Member(None, s.shift, s.magnitude, list(s.vector),
                       [_tidy(v - s.shift) for v in vals], constant.certificate)
    c = std.shift_of(vals, assumptions)
    centred = [_tidy(v - c) for v in vals]
    if constant.value:
        zero = [Integer(0)] * len(vals)
        return _Member(None, c, Integer(0), zero, zero, True)
    m = std.norm_of(centred, assumptions)
    if std.norm == "L2":
        m = _tidy_root(m)
    return _Member(None, c, m, [_tidy(x / m) for x in centred], centred, False)


def _tidy_root(m):
    """``sqrt(q/k)`` as ``sqrt(q)/sqrt(k)`` with integer coefficients in ``q`` (one printed form)."""
    if m.is_Pow and m.exp == sympy.S.Half:
        c, q = sympy.expand(m.base).as_content_primitive()
        return sympy.sqrt(c) * sympy.sqrt(q)
    if m.is_Mul:
        return sympy.Mul(*[_tidy_root(a) for a in m.args])
    return m


def _members(game: Game, std: Standardisation, assumptions=None) -> list[_Member]:
    assumptions = tuple(game.assumptions) if assumptions is None else tuple(assumptions)
    key = ("symalign.delegation.alignment.members", std, assumptions)
    hit = game._cache.get(key)
    if hit is None:
        if game.is_numeric:
            hit = [_member_from_num(_num_std_of_game(game, i, std))
                   for i in range(game.n_players)]
        else:
            U = game.sympy_array()
            hit = [_member_from_values(list(U[i].reshape(-1)), std, assumptions)
                   for i in range(game.n_players)]
        game._cache[key] = hit
    return hit


def _check_std(std) -> Standardisation:
    if not isinstance(std, Standardisation):
        raise SymalignError(f"Argument 'standardisation' is {std!r}; pass a Standardisation "
                            "such as EPIC or MAX.")
    return std


def _weights(std: Standardisation, n: int):
    return std.distribution or (Integer(1),) * n


def _distance(a: _Member, b: _Member, std: Standardisation, assumptions=()) -> sympy.Expr:
    """``d(nu_a, nu_b)`` exactly; the Gram form for L2 norms gives canonical radicals."""
    kappa = std.distance_factor
    if a.constant is True and b.constant is True:
        return Integer(0)
    if a.constant is True or b.constant is True:
        return kappa  # d(nu, 0) = kappa * m(nu) = kappa (zero-magnitude convention, docs/discussion/delegation.rst)
    if std.norm == "L2" and a.num is not None and b.num is not None:
        w = std.distribution
        if w is None:
            dot = sum(x * y for x, y in zip(a.num.v, b.num.v))
        else:
            dot = sum(Fraction(int(d.p), int(d.q)) * x * y for d, x, y in
                      zip(w, a.num.v, b.num.v))
        dot = Fraction(dot)
        PP = a.num.P * b.num.P
        rho = Rational(dot.numerator, dot.denominator) / sympy.sqrt(
            Rational(PP.numerator, PP.denominator))
        return _tidy(kappa * sympy.sqrt(2 - 2 * rho))
    if std.norm == "L2" and a.constant is False and b.constant is False:
        w = _weights(std, len(a.centred))
        dot = sympy.factor_terms(_tidy(sympy.Add(*(d * x * y for d, x, y in
                                                   zip(w, a.centred, b.centred)))))
        # kappa sqrt(2 - 2 rho) with rho the correlation, kept unexpanded (readable, canonical)
        return kappa * sympy.sqrt(2 - 2 * _quotient(dot, a.magnitude, b.magnitude))
    return std.distance(a.nu, b.nu, assumptions)


def _magnitude_times_distance(dg, i, std: Standardisation, assumptions=None) -> sympy.Expr:
    """``m_hat_i d(nu_hat_i, nu_i)``, continuous where principal ``i`` may be constant.

    With ``x_hat = m_hat nu_hat`` the principal's centred utility, the product is
    ``kappa m(x_hat - m_hat nu_i)`` (the norm is positively homogeneous and ``m_hat >= 0``),
    which is 0 for a constant principal, as ``m_hat d = 0 * kappa`` is by the zero-magnitude
    convention; under L2 it is ``kappa sqrt(2 m_hat^2 - 2 m_hat <x_hat, x>/m)``. So a bound
    that uses only these products needs no case split on the principals' indifference.
    """
    A = tuple(dg.assumptions) if assumptions is None else tuple(assumptions)
    p = _members(dg.principals, std, A)[i]
    a = _members(dg.agents, std, A)[i]
    if p.constant is True:
        return Integer(0)
    if p.constant is False or a.constant not in (True, False):
        return _tidy(p.magnitude * _pair_distance(dg, i, std, A))
    kappa = std.distance_factor
    if a.constant is True:
        return _tidy(kappa * p.magnitude)
    if std.norm == "L2":
        w = _weights(std, len(a.centred))
        dot = sympy.factor_terms(_tidy(sympy.Add(*(d * x * y for d, x, y in
                                                   zip(w, p.centred, a.centred)))))
        sq = _tidy(sympy.Add(*(d * x * x for d, x in zip(w, p.centred))))
        return kappa * sympy.sqrt(2 * sq - 2 * p.magnitude * dot / a.magnitude)
    return _tidy(kappa * std.norm_of([_tidy(x - p.magnitude * y)
                                      for x, y in zip(p.centred, a.nu)], A))


def _quotient(dot, ma, mb):
    """``dot / (ma mb)`` with the common factors of the radicands cancelled (one printed form)."""
    if ma == mb:
        return sympy.cancel(dot / sympy.expand(ma**2))
    return dot / (ma * mb)


def epic_distance(u, v) -> sympy.Expr:
    """The EPIC distance ``(1/2) ||nu(u) - nu(v)||_2`` between two utilities (Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC; Sourbut, Hammond & Wood (2024), individual and collective alignment).

    Examples
    ========

    >>> from symalign.delegation.alignment import epic_distance
    >>> epic_distance([2, 0, 3, 1], [2, 3, 0, 1])     # PD(+) players, Sourbut, Hammond & Wood (2024), individual and collective alignment
    3*sqrt(10)/10
    >>> epic_distance([1, 2, 3], [10, 20, 30]), epic_distance([1, 2], [2, 1])
    (0, 1)

    """
    return alignment_distance(u, v, EPIC)


def alignment_distance(u_hat, u, standardisation: Standardisation = EPIC, *,
                       assumptions=()) -> sympy.Expr:
    """``d(nu(u_hat), nu(u))`` between two utilities under a standardisation (Sourbut, Hammond & Wood (2024), individual and collective alignment).

    Examples
    ========

    >>> from symalign.delegation.alignment import alignment_distance
    >>> from symalign.delegation.standardisation import MAX
    >>> alignment_distance([2, 1, 1, 10], [-2, -1, -1, -10], MAX)
    2

    """
    std = _check_std(standardisation)
    a = _member_from_values(_as_values(u_hat, "u_hat"), std, tuple(assumptions))
    b = _member_from_values(_as_values(u, "u"), std, tuple(assumptions))
    if len(a.nu) != len(b.nu):
        raise SymalignError(f"Arguments 'u_hat' and 'u' have {len(a.nu)} and {len(b.nu)} "
                            "outcomes; they must be equal.")
    return _distance(a, b, std, tuple(assumptions))


def pairwise_alignment(u_hat, u, standardisation: Standardisation = EPIC, *,
                       assumptions=()) -> sympy.Expr:
    """``1 - d(nu(u_hat), nu(u)) / d_max`` for two utility vectors (Sourbut, Hammond & Wood (2024), individual and collective alignment).

    Examples
    ========

    >>> from symalign.delegation.alignment import pairwise_alignment
    >>> pairwise_alignment([2, 0, 0, 1], [1, 0, 0, 2])     # BoS players, Sourbut, Hammond & Wood (2024), individual and collective alignment
    1 - sqrt(22)/11

    """
    std = _check_std(standardisation)
    return _tidy(1 - alignment_distance(u_hat, u, std, assumptions=assumptions) / std.d_max)


def pearson_correlation(u_hat, u, standardisation: Standardisation = EPIC) -> sympy.Expr:
    """``rho = <nu_hat, nu>``, the (D-weighted) Pearson correlation of two utilities (Sourbut, Hammond & Wood (2024), individual and collective alignment).

    Defined for the L2 standardisations with the mean shift (EPIC, `mean_under`); then
    ``d = sqrt((1 - rho)/2)`` and ``IA = 1 - sqrt((1 - rho)/2)``.

    Examples
    ========

    >>> from symalign.delegation.alignment import pearson_correlation
    >>> pearson_correlation([2, 0, 3, 1], [2, 3, 0, 1])       # PD(+), Sourbut, Hammond & Wood (2024), individual and collective alignment
    -4/5

    Raises
    ======

    UndefinedMetricError
        If either utility is constant.

    """
    std = _check_std(standardisation)
    if std.norm != "L2" or std.shift != "mean":
        raise SymalignError(f"Argument 'standardisation' is {std.name}; the Pearson form needs "
                            "the mean shift and an L2 norm (EPIC or mean_under).")
    a = _member_from_values(_as_values(u_hat, "u_hat"), std, ())
    b = _member_from_values(_as_values(u, "u"), std, ())
    if a.constant is True or b.constant is True:
        raise UndefinedMetricError("the Pearson correlation", "a utility is constant, so its "
                                   "variance is 0")
    w = _weights(std, len(a.nu))
    return _tidy(sympy.Add(*(d * x * y for d, x, y in zip(w, a.nu, b.nu))))


def _pair_distance(dg: DelegationGame, i: int, std: Standardisation, assumptions=None
                   ) -> sympy.Expr:
    A = tuple(dg.assumptions) if assumptions is None else tuple(assumptions)
    key = ("symalign.delegation.alignment.d", i, std, A)
    hit = dg._cache.get(key)
    if hit is None:
        a = _members(dg.principals, std, A)[i]
        b = _members(dg.agents, std, A)[i]
        hit = _distance(a, b, std, A)
        dg._cache[key] = hit
    return hit


def individual_alignment(dg: DelegationGame, i, standardisation: Standardisation = EPIC, *,
                         assumptions=None, strict: bool = False) -> sympy.Expr:
    """``IA_i = 1 - d(nu_hat_i, nu_i)/d_max`` of principal ``i`` and agent ``i`` (Sourbut, Hammond & Wood (2024), individual and collective alignment).

    Under EPIC, ``IA_i = 1 - (1/2)||nu_hat_i - nu_i||_2 = 1 - sqrt((1 - rho_i)/2)`` with
    ``rho_i`` the Pearson correlation (`pearson_correlation`). ``IA = 1`` iff the preferences
    agree, ``0`` iff they are exactly opposite. A constant utility has ``nu = 0``, so under
    EPIC its IA against a non-constant utility is 1/2, and 1 if both are constant.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation import DelegationGame
    >>> from symalign.delegation.alignment import individual_alignment
    >>> sh = sa.games.stag_hunt()
    >>> neg = sa.Game.from_arrays(*[-a for a in sh.sympy_array()])
    >>> individual_alignment(DelegationGame(sh, sh), 0)          # the cooperation-is-necessary example (symalign)
    1
    >>> individual_alignment(DelegationGame(neg, sh), 0)         # the alignment-is-necessary example (symalign)
    0

    Parameters
    ==========

    dg : DelegationGame
    i : int or str
        The pair (player index or name).
    standardisation : Standardisation

    Returns
    =======

    sympy.Expr

    """
    std = _check_std(standardisation)
    i = _check_dg(dg).agents.player_index(i)
    if dg.is_numeric:
        return _tidy(1 - _pair_distance(dg, i, std) / std.d_max)
    return by_constancy(
        dg, [("principals", i), ("agents", i)],
        lambda g, A: 1 - _pair_distance(g, i, std, A) / std.d_max,
        merged_assumptions(dg, assumptions), strict=strict,
        context=f"individual alignment IA_{i}")


def individual_alignments(dg: DelegationGame, standardisation: Standardisation = EPIC
                          ) -> tuple[sympy.Expr, ...]:
    """Every pair's `individual_alignment`, in player order.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation import DelegationGame
    >>> from symalign.delegation.alignment import individual_alignments
    >>> sh = sa.games.stag_hunt()
    >>> individual_alignments(DelegationGame(sh, sh))
    (1, 1)

    """
    return tuple(individual_alignment(dg, i, standardisation) for i in range(_check_dg(dg).n))


def _collective(members: Sequence[_Member], factors, std: Standardisation, assumptions):
    """CA of members with effective magnitudes ``f_i m_i`` (Sourbut, Hammond & Wood (2024), individual and collective alignment)."""
    mags = [f * mb.magnitude for f, mb in zip(factors, members)]
    M = _tidy(sympy.Add(*mags))
    # sum_j f_j m_j = 0 iff every member with f_j > 0 is constant (magnitudes are >= 0)
    active = [mb.constant for f, mb in zip(factors, members) if f != 0]
    if all(c is True for c in active):
        raise UndefinedMetricError("collective alignment", "every member is indifferent (all "
                                   "magnitudes are 0), so sum_j m_j = 0")
    if not any(c is False for c in active):
        raise UndecidableError(sympy.And(*[c for c in active if c is not True]),
                               "collective alignment (whether every member is indifferent)")
    n_out = len(members[0].nu)
    w = _weights(std, n_out)
    W = [_tidy(sympy.Add(*(f * mb.centred[s] for f, mb in zip(factors, members))))
         for s in range(n_out)]
    numeric = all(mb.num is not None or mb.constant in (True, False) for mb in members) and all(
        sympy.sympify(f).is_Rational for f in factors)
    total = Integer(0)
    if std.norm == "L2" and numeric:   # |W|^2, the same for every member
        b = sympy.Add(*(d * y * y for d, y in zip(w, W)))
    for f, mb, m in zip(factors, members, mags):
        if mb.constant is True or f == 0:
            continue
        if std.norm == "L2" and numeric:
            a = sympy.Add(*(d * f * x * y for d, x, y in zip(w, mb.centred, W)))
            dist = sympy.sqrt(1 - 2 * a / (m * M) + b / M**2)
        else:
            mu = [y / M for y in W]
            dist = std.norm_of([_tidy(x - y) for x, y in zip(mb.nu, mu)], assumptions)
        total += m / M * dist
    return _tidy(1 - total)


def collective_alignment(dg, group: str | None = None, standardisation: Standardisation = EPIC,
                         *, weights=None, assumptions=None, strict: bool = False) -> sympy.Expr:
    """Collective alignment ``CA = 1 - sum_i (m_i / sum_j m_j) m(nu_i - mu)`` (Sourbut, Hammond & Wood (2024), individual and collective alignment).

    ``mu = sum_i m_i nu_i / sum_j m_j`` is the standardised direction of the group's welfare.
    Under EPIC, ``CA`` lies in [0, 1], with 1 iff the group is common-interest and 0 iff it
    is constant-sum; other norms can give negative values, which are returned as they are
    (never clipped). ``dg`` may also be a plain `Game` (its players form the group).

    The magnitudes are weighted by the delegation game's welfare weights (``m_i`` becomes
    ``lambda_i m_i``), as in Forms C and Prop B, unless ``weights`` overrides them; a plain
    `Game` is unweighted unless ``weights`` is given.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation.alignment import collective_alignment
    >>> collective_alignment(sa.games.chicken())                  # Sourbut, Hammond & Wood (2024), individual and collective alignment
    1 - 5*sqrt(262)/131
    >>> collective_alignment(sa.games.matching_pennies()), collective_alignment(sa.games.stag_hunt())
    (0, 1)
    >>> from symalign.delegation import DelegationGame
    >>> dg = DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]])   # the calibration-is-necessary example (symalign)
    >>> collective_alignment(dg, "agents"), collective_alignment(dg, "principals")
    (1/25, 1/9)
    >>> collective_alignment(sa.games.stag_hunt(), weights=[1, 2])   # common interest: still 1
    1

    Parameters
    ==========

    dg : DelegationGame or Game
    group : {"principals", "agents"}
        Which group of a delegation game (ignored for a `Game`). The default is the
        principals, as for every delegation measure; calling without ``group`` on a
        `DelegationGame` is deprecated (it meant the agents before) and warns.
    standardisation : Standardisation
    weights : sequence of exact non-negative numbers, optional
        Welfare weights ``lambda_i``; by default the delegation game's own.

    Raises
    ======

    UndefinedMetricError
        If every member is indifferent (all magnitudes 0).

    """
    std = _check_std(standardisation)
    if isinstance(dg, Game):
        factors = _factors(weights, dg.n_players) or [Integer(1)] * dg.n_players
        if dg.is_numeric:
            return _collective(_members(dg, std), factors, std, dg.assumptions)
        dg, group = DelegationGame(dg, dg), "agents"
    dg = _check_dg(dg)
    if group is None:
        warn_deprecated("collective_alignment(dg) without group=",
                        "collective_alignment(dg, 'agents') (the default becomes 'principals')")
        group = "agents"
    g = dg.game(group)
    factors = _factors(weights, dg.n) or list(dg.factors())
    if dg.is_numeric:
        return _collective(_members(g, std), factors, std, dg.assumptions)
    group = "agents" if g is dg.agents else "principals"

    def compute(d, B):
        return _collective(_members(d.game(group), std, B), factors, std, B)
    return by_constancy(dg, [(group, i) for i in range(g.n_players)], compute,
                        merged_assumptions(dg, assumptions), strict=strict,
                        context=f"the collective alignment of the {group}")


def _factors(weights, n: int) -> list | None:
    """Validated welfare weights (exact, non-negative, one per player), or None."""
    if weights is None:
        return None
    w = list(weights)
    if len(w) != n:
        raise InvalidGameError(f"Argument 'weights' has {len(w)} entries, but there are {n} "
                               f"players: {weights!r}.")
    out = [to_exact(x, name="weights", where=f" (player {i})", error=InvalidGameError)
           for i, x in enumerate(w)]
    for i, x in enumerate(out):
        if x.is_negative:
            raise InvalidGameError(f"Argument 'weights': player {i}'s weight is {x}, which is "
                                   "negative.")
    return out


def calibration_ratios(dg: DelegationGame, standardisation: Standardisation = EPIC, *,
                       assumptions=None, strict: bool = False) -> tuple[sympy.Expr, ...]:
    """Welfare ratios ``r_i = m_hat_i / m_i`` (Sourbut, Hammond & Wood (2024), calibration); equal ratios are perfect calibration.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation import DelegationGame
    >>> from symalign.delegation.alignment import calibration_ratios
    >>> dg = DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]])   # the calibration-is-necessary example (symalign)
    >>> calibration_ratios(dg)
    (1/3, 1)

    Raises
    ======

    UndefinedMetricError
        If an agent is indifferent (``m_i = 0``).

    """
    std = _check_std(standardisation)
    dg = _check_dg(dg)

    def ratio(d, i, B):
        a = _members(d.agents, std, B)[i]
        p = _members(d.principals, std, B)[i]
        if a.constant is True:
            raise UndefinedMetricError(f"the welfare ratio r_{i}", f"agent {i} is indifferent "
                                       "(magnitude m_i = 0)")
        if a.constant is not False:
            raise UndecidableError(a.constant, f"the welfare ratio r_{i}")
        return _tidy(p.magnitude / a.magnitude)

    if dg.is_numeric:
        return tuple(ratio(dg, i, dg.assumptions) for i in range(dg.n))
    A = merged_assumptions(dg, assumptions)
    # r_i = m_hat_i / m_i is continuous in the principal (0 where it is indifferent): only the
    # agent's indifference splits
    return tuple(by_constancy(dg, [("agents", i)],
                              lambda d, B, i=i: ratio(d, i, B), A, strict=strict,
                              context=f"the welfare ratio r_{i}") for i in range(dg.n))


def aggregate_ratio(dg: DelegationGame, standardisation: Standardisation = EPIC) -> sympy.Expr:
    """The aggregate ratio ``r_bar = sum_i m_hat_i / sum_i m_i`` (Sourbut, Hammond & Wood (2024), calibration).

    Examples
    ========

    >>> from symalign.delegation import DelegationGame
    >>> from symalign.delegation.alignment import aggregate_ratio
    >>> aggregate_ratio(DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]]))
    3/5

    """
    std = _check_std(standardisation)
    dg = _check_dg(dg)
    agents = _members(dg.agents, std)
    M = sympy.Add(*(a.magnitude for a in agents))
    if all(a.constant is True for a in agents):
        raise UndefinedMetricError("the aggregate ratio", "every agent is indifferent")
    return _tidy(sympy.Add(*(p.magnitude for p in _members(dg.principals, std))) / M)


def total_misalignment(dg: DelegationGame, standardisation: Standardisation = EPIC
                       ) -> sympy.Expr:
    """Total misalignment ``sum_i m_hat_i d_i``, principal-weighted distances (Sourbut, Hammond & Wood (2024), individual and collective alignment).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation import DelegationGame
    >>> from symalign.delegation.alignment import total_misalignment
    >>> sh = sa.games.stag_hunt()
    >>> neg = sa.Game.from_arrays(*[-a for a in sh.sympy_array()])
    >>> total_misalignment(DelegationGame(neg, sh))               # d_i = 1, m_hat_i = sqrt(57)
    2*sqrt(57)

    """
    std = _check_std(standardisation)
    dg = _check_dg(dg)
    P = _members(dg.principals, std)
    return _tidy(sympy.Add(*(p.magnitude * _pair_distance(dg, i, std)
                             for i, p in enumerate(P))))
