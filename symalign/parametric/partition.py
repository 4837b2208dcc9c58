"""Nash equilibria of symbolic bimatrix games as a partition of the parameter space.

For a 2x2 game the best-response correspondences depend only on the signs of four payoff
differences: the row player's ``d_j = u_0(0, j) - u_0(1, j)`` against each column ``j`` and
the column player's ``e_i = u_1(i, 0) - u_1(i, 1)`` against each row ``i``. Every extreme
equilibrium has coordinates in ``{0, 1, p*}`` x ``{0, 1, q*}`` with ``p* = e_1/(e_1 - e_0)``
(the row mix making the column player indifferent) and ``q* = d_1/(d_1 - d_0)``. So the sign
vectors of ``(d_0, d_1, e_0, e_1)`` in ``{<0, =0, >0}^4`` cut the parameter space into cells
on each of which the set of extreme equilibria has one closed form: it is read off an integer
game with the same signs (solved by the exact vertex enumeration) and mapped to ``p*`` and
``q*``. Cells are kept when the assumptions do not refute them (an exact LP for linear
payoffs and assumptions, with a rational witness point), so the regions partition the whole
admissible parameter space, boundaries (the equalities) included.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from symalign.core.config import Deadline
from symalign.core.errors import InvalidGameError
from symalign.core.game import Game, assumptions_of
from symalign.core.profiles import MixedProfile
from symalign.engines.piecewise import SIGN_SET_RELATION, sign_box_cover
from symalign.parametric.solutions import (
    ConditionalEquilibrium,
    _generic_equilibria,
)

__all__ = ["EquilibriumRegion", "ParametricEquilibria", "equilibrium_partition",
           "parametric_equilibria"]

SOURCE = ("Nash (1951), Non-cooperative games, Annals of Mathematics 54; extreme equilibria as "
          "in Avis, Rosenberg, Savani & von Stengel (2010); exact sign cells of the "
          "best-response differences of a 2x2 game")
METHOD_CELLS = ("exact partition by the signs of the four best-response differences (exact LP "
                "on each cell, rational witness); each cell's extreme equilibria from the exact "
                "vertex enumeration of an integer game with the same signs")
METHOD_GENERIC = ("support enumeration over equal-size supports with symbolic payoffs (the "
                  "generic case: degenerate parameter values may carry further equilibria)")


@dataclass(frozen=True)
class EquilibriumRegion:
    """One cell of the parameter space and every extreme Nash equilibrium on it (the vertices
    of the maximal Nash subsets, Avis, Rosenberg, Savani & von Stengel 2010).

    ``condition`` is a conjunction of sign conditions (those the assumptions prove are left
    out), ``witness`` a rational point of the cell (None when none was found), ``decided``
    True when the cell was proved non-empty and None when it was only not refuted. ``signs``
    are the signs of the four best-response differences on the cell and ``types`` say, for
    each profile, whether each player's first probability is 1, 0 or ``"*"`` (interior).

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> x = sympy.Symbol("x")
    >>> g = sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> r = sa.nash_equilibria(g).region_at({x: 0})
    >>> r.condition, len(r.profiles)
    (Eq(x, 0), 3)
    """

    condition: sympy.Basic
    witness: dict | None
    profiles: tuple
    payoffs: tuple
    decided: bool | None = True
    signs: tuple = field(default=(), repr=False)
    types: tuple = field(default=(), repr=False)

    def _latex(self, printer):
        return (r"\{" + ", ".join(printer._print(p) for p in self.profiles) + r"\}"
                + r" \quad \text{if } " + printer._print(self.condition))


@dataclass(frozen=True)
class ParametricEquilibria:
    """The Nash equilibria (Nash 1951) of a symbolic two-player game, with their conditions.

    ``regions`` partition the admissible parameter space (when ``complete``): at every point
    exactly one region's condition holds and its ``profiles`` are every extreme equilibrium
    of the game there (the vertices of the maximal Nash subsets, as `nash_equilibria` lists
    for numeric games). ``equilibria`` lists each distinct closed-form equilibrium once, with
    the disjunction of the conditions of the regions that contain it. Iterating, indexing
    and ``len`` act on ``equilibria``.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> m = sympy.Symbol("m", positive=True)
    >>> ne = sa.nash_equilibria(sa.games.stag_hunt(2, 1, 1, m), assumptions=[m > 2])
    >>> len(ne.regions)
    1
    >>> for e in ne:
    ...     print(e.profile.strategies, e.condition)
    ((1, 0), (1, 0)) True
    (((m - 1)/m, 1/m), ((m - 1)/m, 1/m)) True
    ((0, 1), (0, 1)) True

    Attributes
    ==========

    regions : tuple of EquilibriumRegion
    equilibria : tuple of ConditionalEquilibrium
    complete : bool
        True when the regions are proved to partition the admissible space and each lists
        every extreme equilibrium; False when a region is undecided (see ``notes``) or for the
        generic enumeration (payoffs not polynomial in three or more parameters).
    method : str
    assumptions : tuple
    notes : tuple of str
        Why the result is not complete (a region neither proved empty nor given a witness
        point is named here), else empty.

    """

    regions: tuple
    equilibria: tuple
    complete: bool
    method: str
    assumptions: tuple = ()
    source: str = field(default=SOURCE, repr=False)
    notes: tuple = ()

    def __iter__(self):
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, k):
        return self.equilibria[k]

    def region_at(self, point: Mapping) -> EquilibriumRegion:
        """The region whose condition holds at ``point`` (a dict symbol -> number).

        Raises `InvalidGameError` when no region holds there (the point violates the
        assumptions, or the regions were not computed for this game).
        """
        pt = {k: sympy.sympify(v) for k, v in point.items()}
        if any(sympy.sympify(a).subs(pt) is sympy.false for a in self.assumptions):
            raise InvalidGameError(f"Argument 'point' {point} violates the assumptions "
                                   f"{self.assumptions}.")
        for r in self.regions:
            if r.condition.subs(pt) is sympy.true:
                return r
        raise InvalidGameError(f"Argument 'point' {point} lies in no region (it violates the "
                               f"assumptions {self.assumptions}, or no regions were computed).")


# -- the 2x2 partition -----------------------------------------------------------------------

def _cell_status(forms, base, syms, assumptions):
    """('interior' | 'empty' | 'unknown', witness) of a cell given by sign forms.

    ``base`` holds the linear forms of the assumptions (None when they are not linear).
    """
    from symalign.parametric.closedforms import _interior, _NonLinear, _sample_witness
    if base is not None:
        try:
            status, point = _interior(base + forms, syms) if syms else ("interior", {})
            if status == "thin":  # the strict sign conditions cannot hold together
                return "empty", None
            return status, point
        except _NonLinear:
            pass
    conds = [_form_relation(e, k) for e, k in forms]
    from symalign.engines.symbolic import decide
    if any(decide(c, assumptions) is False for c in conds):
        return "empty", None
    from symalign.parametric.closedforms import conjunction_feasible
    if conjunction_feasible(conds, assumptions) is False:
        return "empty", None
    from symalign.parametric.closedforms import _symbol_forms
    sign_conds = [(sympy.Gt if k == ">" else sympy.Ge)(e, 0) for e, k in _symbol_forms(syms)]
    return "unknown", _sample_witness(conds + sign_conds, assumptions, syms)


def _form_relation(e, kind):
    return {">": sympy.Gt, "==": sympy.Eq}[kind](e, 0)


def _relation(lhs, rhs, sign):
    if sign > 0:
        return sympy.Gt(lhs, rhs)
    if sign < 0:
        return sympy.Lt(lhs, rhs)
    return sympy.Eq(lhs, rhs)


@functools.lru_cache(maxsize=81)
def _representative_equilibria(signs) -> list[tuple[Fraction, Fraction]]:
    """``(P(row 0), P(column 0))`` of every extreme equilibrium of an integer 2x2 game whose
    four differences have the given signs, in the order of `nash_equilibria`."""
    from symalign.engines.vertex_enumeration import extreme_equilibria
    s0, s1, t0, t1 = signs
    found = [(Fraction(x[0], xd), Fraction(y[0], yd))
             for x, xd, y, yd in extreme_equilibria([[s0, s1], [0, 0]], [[t0, 0], [t1, 0]])]
    return tuple(sorted(found, key=lambda t: (-t[0], -t[1])))


def _cells_2x2(game: Game, A: tuple) -> list[EquilibriumRegion]:
    from symalign.parametric.closedforms import _forms_of, _NonLinear, _symbol_forms, parameters_of
    U = game.sympy_array()
    R, C = U[0], U[1]
    pairs = [(R[0, 0], R[1, 0]), (R[0, 1], R[1, 1]), (C[0, 0], C[0, 1]), (C[1, 0], C[1, 1])]
    diffs = [sympy.expand(p - q) for p, q in pairs]
    d0, d1, e0, e1 = diffs
    syms = parameters_of(*diffs, *A)
    try:
        base = _symbol_forms(syms) + _forms_of(A)
    except _NonLinear:
        base = None
    deadline = Deadline("the parametric equilibrium enumeration")
    out = []
    built: dict = {}    # (kind of P(row 0), kind of P(column 0)) -> (profile, payoffs)
    stars: list = []    # p* and q*, computed once when first needed
    for signs in itertools.product((1, 0, -1), repeat=4):
        deadline.check()
        forms = [((s * d) if s else d, ">" if s else "==") for s, d in zip(signs, diffs)]
        if any(f.is_number and not _holds(f, k) for f, k in forms):
            continue
        status, witness = _cell_status(forms, base, syms, A)
        if status == "empty":
            continue
        profiles, payoffs, types = [], [], []
        for x0, y0 in _representative_equilibria(signs):
            key = (_kind(x0), _kind(y0))   # 1, 0 or "*" (the indifference point) each
            if key not in built:
                if "*" in key and not stars:
                    stars.extend([sympy.cancel(e1 / (e1 - e0)) if e1 != e0 else None,
                                  sympy.cancel(d1 / (d1 - d0)) if d1 != d0 else None])
                x = stars[0] if key[0] == "*" else sympy.Integer(key[0])
                y = stars[1] if key[1] == "*" else sympy.Integer(key[1])
                xs, ys = (x, 1 - x), (y, 1 - y)
                built[key] = (_profile(xs, ys), tuple(_payoff(M, xs, ys) for M in (R, C)))
            profiles.append(built[key][0])
            payoffs.append(built[key][1])
            types.append(key)
        decided = True if status == "interior" or witness is not None else None
        out.append(EquilibriumRegion(sympy.true, witness, tuple(profiles), tuple(payoffs),
                                     decided, signs, tuple(types)))
    feasible = {r.signs for r in out}
    forced = [{c[k] for c in feasible} for k in range(4)]
    out = [dataclasses.replace(r, condition=sympy.And(*[
        _relation(p, q, s) for (p, q), s, f in zip(pairs, r.signs, forced) if len(f) > 1]))
        for r in out]
    return out, pairs


def _holds(value, kind) -> bool:
    return bool(value > 0) if kind == ">" else value == 0


def _kind(v):
    """A coordinate of an extreme equilibrium of a 2x2 game: 1, 0, or "*" when interior (then
    it is the opponent's indifference point, which exists since its differences differ)."""
    return int(v) if v in (0, 1) else "*"


def _profile(xs, ys) -> MixedProfile:
    obj = object.__new__(MixedProfile)
    obj._strategies = (tuple(sympy.cancel(v) for v in xs), tuple(sympy.cancel(v) for v in ys))
    return obj


def _payoff(M, xs, ys):
    return sympy.factor(sympy.cancel(sum(xs[i] * ys[j] * M[i, j]
                                         for i in range(2) for j in range(2))))


def _sign_condition(cells, feasible, pairs):
    """The union of sign cells as a short disjunction of boxes (products of sign sets).

    Each box is grown from a cell while it holds only the given cells or infeasible ones
    (don't-cares); boxes are then chosen greedily to cover the cells. A coordinate whose
    set holds every feasible sign is left out (the assumptions imply it).
    """
    cells = sorted(set(cells), reverse=True)
    wanted = set(cells)
    forced = [frozenset(c[k] for c in feasible) for k in range(4)]

    def allowed(box):
        return all(c in wanted or c not in feasible for c in itertools.product(*box))

    chosen = sign_box_cover(cells, allowed)
    terms = []
    for box in chosen:
        rels = [SIGN_SET_RELATION[sset](p, q) for (p, q), sset, f in zip(pairs, box, forced)
                if not sset >= f]
        terms.append(sympy.And(*rels))
    return sympy.Or(*terms)


def _merge(regions, feasible, pairs) -> tuple:
    """Each distinct equilibrium once, with the condition of the regions that contain it."""
    found: dict = {}    # type key -> (profile, payoffs, cells); the same key, the same form
    for r in regions:
        for prof, pay, key in zip(r.profiles, r.payoffs, r.types):
            found.setdefault(key, (prof, pay, []))[2].append(r.signs)
    return tuple(ConditionalEquilibrium(p, pay, _sign_condition(cells, feasible, pairs),
                                        _supports(p)) for p, pay, cells in found.values())


def _supports(prof):
    return tuple(tuple(k for k, v in enumerate(s) if v != 0) for s in prof.strategies)


def equilibrium_partition(game: Game, assumptions: Iterable = ()) -> ParametricEquilibria:
    """Every extreme Nash equilibrium of a symbolic two-player game, region by region.

    For 2x2 games the result partitions the admissible parameter space exactly (see the
    module docstring); so does it for larger two-player games in one or two parameters
    (`symalign.parametric.vertex_partition`) and in three or more
    (`symalign.parametric.sign_branching`; ``complete=False`` when a region is neither proved
    empty nor witnessed, named in ``notes``). Payoffs that are not polynomial in three or
    more parameters get the generic support enumeration, ``complete=False`` and no regions.

    Examples
    ========

    A coordination game with a payoff ``x``: at ``x = 0`` the row player is indifferent
    against the first column and a segment of equilibria appears; its extreme points are
    listed, as `nash_equilibria` lists them for numeric games (Avis, Rosenberg, Savani &
    von Stengel 2010):

    >>> import sympy, symalign as sa
    >>> from symalign.parametric.partition import equilibrium_partition
    >>> x = sympy.Symbol("x")
    >>> g = sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> part = equilibrium_partition(g)
    >>> [str(r.condition) for r in part.regions]
    ['x > 0', 'Eq(x, 0)', 'x < 0']
    >>> part.region_at({x: 0}).profiles[1]
    MixedProfile(((1/2, 1/2), (1, 0)))

    """
    if game.n_players != 2:
        raise InvalidGameError(f"Argument 'game' has {game.n_players} players; equilibria of "
                               "symbolic games are implemented for two-player games.")
    A = tuple(assumptions)
    if game.shape == (2, 2):
        regs, pairs = _cells_2x2(game, A)
        feasible = {r.signs for r in regs}
        complete = all(r.decided for r in regs)
        return ParametricEquilibria(tuple(regs), _merge(regs, feasible, pairs), complete,
                                    METHOD_CELLS, A)
    k = len(game.free_symbols | set().union(*[sympy.sympify(a).free_symbols for a in A]))
    notes: tuple = ()
    if 1 <= k <= 2:
        from symalign.parametric.vertex_partition import METHOD, vertex_partition
        regs = tuple(EquilibriumRegion(c, w, prof, pay) for c, w, prof, pay
                     in vertex_partition(game, A))
        return ParametricEquilibria(regs, _by_profile(regs, game), True, METHOD, A)
    if k >= 3:
        from symalign.parametric.sign_branching import METHOD, branching_partition
        try:
            found, undecided = branching_partition(game, A)
        except sympy.polys.polyerrors.PolynomialError as exc:    # not polynomial payoffs
            notes = (f"no exact partition: the payoffs are not polynomial in the parameters "
                     f"({exc})",)
        else:
            regs = tuple(EquilibriumRegion(c, w, prof, pay, dec)
                         for c, w, prof, pay, dec in found)
            notes = tuple(f"region {c} was neither proved empty nor given a witness point"
                          for c in undecided)
            return ParametricEquilibria(regs, _by_profile(regs, game), not undecided, METHOD, A,
                                        notes=notes)
    eqs = _generic_equilibria(game, A)
    return ParametricEquilibria((), tuple(eqs), False, METHOD_GENERIC, A, notes=notes)


def _by_profile(regs, game) -> tuple:
    """Each distinct closed-form equilibrium once, with the disjunction of its regions.

    A region's payoff forms hold on that region (simplified on its equalities, or read off a
    basis that is one of several at a degenerate vertex), so the merged entry's payoffs are
    the profile's expected payoffs computed from the game, valid wherever it appears.
    """
    U = game.sympy_array()
    found: dict = {}
    for r in regs:
        for prof in r.profiles:
            found.setdefault(str(prof.strategies), (prof, []))[1].append(r.condition)
    out = []
    for prof, cs in found.values():
        x, y = prof.strategies
        pay = tuple(sympy.factor(sympy.cancel(sum(x[i] * y[j] * M[i, j]
                                                  for i in range(len(x))
                                                  for j in range(len(y))))) for M in U)
        out.append(ConditionalEquilibrium(prof, pay, sympy.Or(*cs), _supports(prof)))
    return tuple(out)


def parametric_equilibria(game: Game, *, assumptions: Iterable = ()
                          ) -> tuple[ConditionalEquilibrium, ...]:
    """Deprecated: use ``nash_equilibria(game, assumptions=...)`` (a `ParametricEquilibria`).

    Kept for one release; emits a `DeprecationWarning` and returns the tuple of
    `ConditionalEquilibrium` of ``nash_equilibria(game, assumptions=...)``.

    Examples
    ========

    >>> import warnings, sympy, symalign as sa
    >>> m = sympy.Symbol("m", positive=True)
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DeprecationWarning)
    ...     old = sa.parametric_equilibria(sa.games.stag_hunt(2, 1, 1, m), assumptions=[m > 2])
    >>> len(old)
    3

    """
    from symalign.core.deprecation import warn_deprecated
    warn_deprecated("parametric_equilibria(game, assumptions=...)",
                    "nash_equilibria(game, assumptions=...)")
    return tuple(equilibrium_partition(game, assumptions_of(game, assumptions)))
