"""Nash equilibria of symbolic m x n games in three or more parameters, as an exact partition.

The polyhedra, bases and critical factors are those of `symalign.parametric.vertex_partition`:
which bases of the labelled polyhedra are vertices, which vertices coincide and which are
tight on which labels depends only on the signs of the irreducible factors of the basis
determinants and slacks. In one or two parameters a cylindrical decomposition lists every
realisable sign vector; in more, this module branches lazily instead. The combinatorial
reading of the extreme equilibria asks for the signs of the factors one at a time; the first
sign not yet fixed splits the current region into three (``f > 0``, ``f = 0``, ``f < 0``), and
each part is kept unless the sign engine (`symalign.engines.signs.is_satisfiable`: an exact LP
for linear conditions, sums of squares, structural rules, ...) proves it empty. A branch ends
when the equilibria are determined, so the leaves are disjoint conjunctions of sign
conditions that cover the admissible parameter space, boundaries included, and on each the
extreme equilibria have one closed form.

Every leaf gets an exact rational witness point: inherited from its parent when the new sign
holds there, taken from a pool of points found so far (each checked exactly), or found by the
engine (the LP's interior point for linear conditions, else a deterministic search certified by
exact evaluation). A leaf neither proved empty nor witnessed is undecided; leaves with the same
equilibria are merged into one region, and a region none of whose leaves is witnessed is
reported undecided, by name, with ``complete=False``.
"""

from __future__ import annotations

import itertools
import random

import sympy

from symalign.core.config import settings
from symalign.core.errors import ResourceLimitError
from symalign.core.game import Game
from symalign.engines.piecewise import SIGN_SET_RELATION, canonical_condition
from symalign.parametric.vertex_partition import _closed_forms, _equilibria, _prepare

__all__ = ["branching_partition"]

METHOD = ("exact partition by lazy branching on the signs of the basis determinants and slacks "
          "of the labelled polyhedra (each branch kept unless proved empty, a rational witness "
          "in every decided region); each region's extreme equilibria are its completely "
          "labelled vertex pairs, in closed form")

_POOL = 40          # deterministic random points tried as witnesses before any LP


class _Need(Exception):
    """The sign of factor ``k`` is not fixed on the current branch."""

    def __init__(self, k):
        super().__init__(k)
        self.k = k


class _PartialSigns:
    """The sign of a rational function of the parameters under a partial assignment of
    signs to the critical factors (raises `_Need` naming the first factor it lacks)."""

    def __init__(self, factors, gens):
        self.index = {f: k for k, f in enumerate(factors)}
        self.gens = gens
        self.cache: dict = {}

    def _decompose(self, e):
        out = self.cache.get(e)
        if out is None:
            num, den = sympy.fraction(sympy.together(e))
            const, parts = 1, ([], [])
            for p, part in zip((num, den), parts):
                p = sympy.expand(p)
                if not p.free_symbols:
                    const *= int(sympy.sign(p))
                    continue
                c, fl = sympy.Poly(p, *self.gens).factor_list()
                const *= int(sympy.sign(c))
                for f, mult in fl:
                    const *= int(sympy.sign(f.LC())) ** mult
                    part.append((self.index[f.monic()], mult))
            out = self.cache[e] = (const, parts[0], parts[1])
        return out

    def __call__(self, e, assign):
        const, num, den = self._decompose(e)
        if const == 0 or any(assign.get(k) == 0 for k, _ in num):
            return 0       # (the denominators divide a basis determinant, nonzero here)
        for k, mult in num + den:
            if k not in assign:
                raise _Need(k)
            const *= assign[k] ** mult
        return const


class _Witnesses:
    """Exact rational points of the admissible space, and the factor signs at each."""

    def __init__(self, factors, gens, assumptions):
        from symalign.engines.linearforms import holds_at
        self.factors, self.gens, self.assumptions = factors, gens, assumptions
        self.holds_at = holds_at
        self.points: list = []
        self.signs: list = []
        rng = random.Random(20261204)
        for _ in range(_POOL):
            self.add({g: sympy.Rational(rng.randint(-9, 9), rng.randint(1, 3)) for g in gens})

    def add(self, point) -> int | None:
        """The index of ``point`` in the pool (completed with zeros), None if inadmissible."""
        pt = {g: sympy.Rational(point.get(g, 0)) for g in self.gens}
        if pt in self.points:
            return self.points.index(pt)
        if not all(self._sign_ok(g, v) for g, v in pt.items()):
            return None
        if not all(self.holds_at(a, pt) is True for a in self.assumptions):
            return None
        self.points.append(pt)
        self.signs.append({})
        return len(self.points) - 1

    @staticmethod
    def _sign_ok(g, v) -> bool:
        return not ((g.is_positive and v <= 0) or (g.is_nonnegative and v < 0)
                    or (g.is_negative and v >= 0) or (g.is_nonpositive and v > 0))

    def sign(self, i, k) -> int:
        s = self.signs[i].get(k)
        if s is None:
            v = self.factors[k](*[self.points[i][g] for g in self.gens])
            s = self.signs[i][k] = int(sympy.sign(v))
        return s

    def find(self, assign, hint=None):
        """The index of a pool point where every assigned sign holds, or None."""
        order = ([hint] if hint is not None else []) + list(range(len(self.points)))
        for i in order:
            if all(self.sign(i, k) == s for k, s in assign.items()):
                return i
        return None


def _conditions(assign, factors):
    return [SIGN_SET_RELATION[frozenset({s})](factors[k].as_expr(), 0)
            for k, s in sorted(assign.items())]


def _status(assign, factors, assumptions, pool, hint, search: bool):
    """``(True | None, pool index or None)`` for a branch not proved empty, None if it is."""
    i = pool.find(assign, hint)
    if i is not None:
        return True, i
    conds = _conditions(assign, factors)
    value, point = _eliminate(conds + list(assumptions) + _symbol_relations(pool.gens),
                              search, 0)
    if value is False:
        return None
    if point is not None and all(getattr(v, "is_Rational", False) for v in point.values()):
        j = pool.add(point)      # checked exactly there: the assumptions and every sign
        if j is not None and all(pool.sign(j, k) == s for k, s in assign.items()):
            return True, j
    return value, None


def _symbol_relations(gens) -> list:
    from symalign.engines.linearforms import _symbol_forms
    return [(sympy.Gt if kind == ">" else sympy.Ge)(e, 0) for e, kind in _symbol_forms(gens)]


_MAX_SPLITS = 4     # case splits (a coefficient zero or not) per satisfiability question


def _eliminate(rels, search: bool, splits: int):
    """``(True | False | None, point or None)``: whether polynomial relations hold together.

    An equality ``g x + h = 0`` with ``x`` absent from ``g`` and ``h`` is solved for ``x``
    (when ``g`` may vanish, in two cases: ``g != 0`` with ``x = -h/g``, and ``g = h = 0``) and
    substituted into the other relations, their denominators (powers of ``g``) cleared without
    changing a sign; what remains goes to the engine (`is_satisfiable`: an exact LP, and in
    one or two parameters a cylindrical decomposition). A witness point is carried back
    through the substitutions (every witness is checked exactly by the caller).
    """
    from symalign.engines.signs import _is_satisfiable
    rels = [r for r in rels if r is not sympy.true]
    if any(r is sympy.false for r in rels):
        return False, None
    if not all(_polynomial(r) for r in rels):
        d = _is_satisfiable(tuple(rels), (), search)
        return d.value, d.certificate if isinstance(d.certificate, dict) else None
    best = None
    for r in rels:
        if not isinstance(r, sympy.Eq):
            continue
        e = sympy.expand(r.lhs - r.rhs)
        for x in sorted(e.free_symbols, key=lambda v: v.name):
            P = sympy.Poly(e, x)
            if P.degree() != 1:
                continue
            g, h = P.all_coeffs()
            if best is None or (g.is_number and not best[2].is_number):
                best = (r, x, g, h)
        if best is not None and best[2].is_number:
            break
    if best is None or (not best[2].is_number and splits >= _MAX_SPLITS):
        if best is None and len(_free(rels)) >= 3:
            out = _project(rels, search, splits)
            if out is not None:
                return out
        d = _is_satisfiable(tuple(rels), (), search)
        return d.value, d.certificate if isinstance(d.certificate, dict) else None
    r, x, g, h = best
    rest = [q for q in rels if q is not r]
    sol = -h / g
    cases = [([sympy.Ne(g, 0)] if not g.is_number else [])
             + [_substitute(q, x, g, h) for q in rest]]
    if not g.is_number:
        cases.append([sympy.Eq(g, 0), sympy.Eq(h, 0)] + rest)
    unknown = False
    for k, case in enumerate(cases):
        value, point = _eliminate(case, search, splits + (not g.is_number))
        if value:
            if point is not None and k == 0:
                point = dict(point)
                try:
                    point[x] = sol.xreplace({v: point.get(v, sympy.Integer(0))
                                             for v in sol.free_symbols})
                except (ZeroDivisionError, TypeError):
                    point = None
            return True, point
        unknown = unknown or value is None
    return (None if unknown else False), None


def _free(rels) -> list:
    return sorted(set().union(*[r.free_symbols for r in rels]), key=lambda v: v.name)


def _project(rels, search: bool, splits: int):
    """Eliminate a variable ``x`` in which every relation is linear (Fourier-Motzkin with
    polynomial coefficients): with the sign of each coefficient fixed by a case split, each
    relation bounds ``x`` from below or above, and ``x`` exists iff every lower bound is
    below every upper bound (``<=`` when both bounds are attained). ``x != r`` is split
    into ``x < r`` or ``x > r``. None when no variable qualifies or the splits would exceed
    `_MAX_SPLITS`; else ``(True | False | None, point)``, the witness's ``x`` chosen between
    its bounds (the caller checks every witness exactly)."""
    best = None
    for x in _free(rels):
        parts = []
        for r in rels:
            e = sympy.expand(r.lhs - r.rhs)
            if not e.has(x):
                continue
            P = sympy.Poly(e, x)
            if P.degree() != 1:
                break
            g, h = P.all_coeffs()
            parts.append((r, g, h))
        else:
            cost = sum(not g.is_number for _, g, _ in parts) + sum(
                isinstance(r, sympy.Ne) for r, _, _ in parts)
            if best is None or cost < best[0]:
                best = (cost, x, parts)
    if best is None or splits + best[0] > _MAX_SPLITS:
        return None
    _, x, parts = best
    keep = [r for r in rels if not r.has(x)]
    # every combination of coefficient signs and of the sides of each x != r
    options = []
    for r, g, h in parts:
        signs = [int(sympy.sign(g))] if g.is_number else [1, 0, -1]
        sides = (">", "<") if isinstance(r, sympy.Ne) else (None,)
        options.append([(r, g, h, sg, sd) for sg in signs for sd in sides])
    unknown = False
    for combo in itertools.product(*options):
        extra, lower, upper = [], [], []
        for r, g, h, sg, sd in combo:
            if not g.is_number:
                extra.append(SIGN_SET_RELATION[frozenset({sg})](g, 0))
            if sg == 0:
                extra.append(_relate(r, sd, h))
                continue
            kind = _kind(r, sd, sg)        # g x + h (kind) 0, as a bound on x
            bound = (g, h, kind in (">=", "<=", "=="))
            if kind in (">", ">=", "=="):
                lower.append(bound)
            if kind in ("<", "<=", "=="):
                upper.append(bound)
        pairs = []
        for (g1, h1, lc), (g2, h2, hc) in itertools.product(lower, upper):
            # -h2/g2 - (-h1/g1) = (h1 g2 - h2 g1)/(g1 g2): the sign of the product
            diff = sympy.expand((h1 * g2 - h2 * g1) * g1 * g2)
            pairs.append((sympy.Ge if lc and hc else sympy.Gt)(diff, 0))
        value, point = _eliminate(keep + extra + pairs, search, splits + best[0])
        if value:
            if point is not None:
                point = _place(x, point, lower, upper)
            return True, point
        unknown = unknown or value is None
    return (None if unknown else False), None


def _relate(r, side, h):
    """The relation ``r`` when its ``x`` coefficient is zero: ``h (rel) 0``."""
    if side is not None:
        return (sympy.Gt if side == ">" else sympy.Lt)(h, 0)
    return r.func(h, 0)


def _kind(r, side, sg) -> str:
    """The relation of ``g x + h`` with 0 as seen from ``x`` (flipped when ``g < 0``)."""
    kind = side if side is not None else {
        sympy.StrictGreaterThan: ">", sympy.GreaterThan: ">=", sympy.StrictLessThan: "<",
        sympy.LessThan: "<=", sympy.Eq: "=="}[type(r)]
    if sg < 0:
        kind = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "==": "=="}[kind]
    return kind


def _place(x, point, lower, upper):
    """A value of ``x`` strictly between the bounds at ``point`` (or on a common bound)."""
    def at(e):
        return sympy.sympify(e).xreplace({v: point.get(v, sympy.Integer(0))
                                          for v in sympy.sympify(e).free_symbols})
    try:
        lo = max((at(-hb / gb) for gb, hb, _ in lower), default=None)
        hi = min((at(-hb / gb) for gb, hb, _ in upper), default=None)
    except (TypeError, ZeroDivisionError):
        return None
    point = dict(point)
    if lo is None and hi is None:
        point[x] = sympy.Integer(0)
    elif hi is None:
        point[x] = lo + 1
    elif lo is None:
        point[x] = hi - 1
    else:
        point[x] = (lo + hi) / 2
    return point


def _polynomial(r) -> bool:
    if not isinstance(r, (sympy.Eq, sympy.Ne, sympy.core.relational._Inequality)):
        return False
    e = r.lhs - r.rhs
    return e.is_polynomial(*e.free_symbols)


def _substitute(rel, x, g, h):
    """``rel`` with ``x = -h/g`` (``g != 0``) as a polynomial relation: ``p(-h/g)`` times
    ``g`` to an even power (the sign is kept), by polynomial arithmetic."""
    P = sympy.Poly(sympy.expand(rel.lhs - rel.rhs), x)
    d = P.degree()
    if d <= 0:
        return rel
    num = sympy.expand(sum(c * (-h) ** k * g ** (d - k)
                           for k, c in zip(range(d, -1, -1), P.all_coeffs())))
    if isinstance(rel, (sympy.Eq, sympy.Ne)):
        return type(rel)(num, 0)
    return rel.func(sympy.expand(num * g ** (d % 2)), 0)


def _leaves(setup, sign_of, pool):
    """Depth-first lazy branching: ``[(assign, True | None, pool index | None, equilibria)]``."""
    P, Q, m, n = setup.P, setup.Q, setup.m, setup.n
    factors, A, deadline = setup.factors, setup.assumptions, setup.deadline
    root = _status({}, factors, A, pool, None, True)
    if root is None:
        return []
    stack = [({}, root[0], root[1])]
    leaves, nodes = [], 0
    while stack:
        assign, known, where = stack.pop()
        deadline.check()
        nodes += 1
        if nodes > settings.max_cases:
            raise ResourceLimitError(f"the equilibrium partition by sign branching visited "
                                     f"{nodes} regions", "max_cases", settings.max_cases)
        try:
            eqs = _equilibria(P, Q, m, n, lambda e, known=assign: sign_of(e, known))
        except _Need as need:
            children = []
            for s in (1, 0, -1):
                child = {**assign, need.k: s}
                st = _status(child, factors, A, pool, where, False)
                if st is not None:
                    children.append((child, *st))
            stack.extend(reversed(children))
            continue
        if where is None:       # a leaf not yet witnessed: search, or prove it empty
            st = _status(assign, factors, A, pool, None, True)
            if st is None:
                continue
            known, where = st
        leaves.append((assign, known, where, eqs))
    return leaves


def _grow(box, others):
    """Widen a box's sign sets while it meets no box of another region (exact: the leaves
    cover the admissible space, so a widened box gains only points of its own region or of
    none)."""
    def meets(b):
        return any(all(x & y for x, y in zip(b, o)) for o in others)
    box = list(box)
    full = frozenset({1, 0, -1})
    for k, sset in enumerate(box):
        if sset == full:
            continue
        (v,) = sset
        for opt in [full] + [frozenset({v, w}) for w in (1, 0, -1) if w != v]:
            trial = box[:k] + [opt] + box[k + 1:]
            if not meets(trial):
                box = trial
                break
    return tuple(box)


def branching_partition(game: Game, assumptions: tuple = ()):
    """Regions ``(condition, witness, profiles, payoffs, decided)`` partitioning the
    admissible parameter space of a symbolic two-player game in any number of parameters,
    and the list of regions left undecided (neither proved empty nor witnessed).

    Examples
    ========

    Rock-paper-scissors with a win paying ``w``, a loss ``l`` and a tie ``t`` to each player.
    By hand (von Stengel 2002, Sec. 2; Avis, Rosenberg, Savani & von Stengel (2010),
    Sec. 2): against the uniform mix every action pays ``(w + l + t)/3``, so it is always an
    equilibrium. A pure tie ``(i, i)`` pays ``t`` against deviations paying ``w`` and ``l``:
    an equilibrium iff ``t >= w`` and ``t >= l``. When ``w = l = t`` every profile is an
    equilibrium and the extreme ones are the 9 pure profiles. With ``w > t > l`` (the
    classic ordering) the uniform profile is the only equilibrium:

    >>> import sympy, symalign as sa
    >>> from symalign.parametric.sign_branching import branching_partition
    >>> w, l, t = sympy.symbols("w l t", real=True)
    >>> R = [[t, l, w], [w, t, l], [l, w, t]]
    >>> g = sa.Game.from_arrays(R, [list(r) for r in zip(*R)])
    >>> regions, undecided = branching_partition(g, (w > t, t > l))
    >>> [(str(c), len(profiles)) for c, _, profiles, _, _ in regions], undecided
    ([('True', 1)], [])
    >>> regions, undecided = branching_partition(g)
    >>> [len(r[2]) for r in regions if r[0].subs({w: 1, l: 1, t: 1})]
    [9]

    Raises
    ======

    ResourceLimitError
        More bases, factors or visited branches than ``symalign.settings.max_cases``, or
        over ``settings.timeout``.

    """
    setup = _prepare(game, tuple(assumptions), None)
    factors, back, A = setup.factors, setup.back, setup.assumptions
    sign_of = _PartialSigns(factors, setup.gens)
    pool = _Witnesses(factors, setup.gens, A)
    leaves = _leaves(setup, sign_of, pool)
    full = frozenset({1, 0, -1})
    groups: dict = {}       # equilibria key -> [leaf]
    for leaf in leaves:
        groups.setdefault(tuple(sorted(map(str, leaf[3]))), []).append(leaf)
    boxes = {key: [tuple(frozenset({a[k]}) if k in a else full for k in range(len(factors)))
                   for a, *_ in members] for key, members in groups.items()}
    regions, undecided = [], []
    for key, members in groups.items():
        setup.deadline.check()
        others = [b for k2, bs in boxes.items() if k2 != key for b in bs]
        grown = []
        for b in boxes[key]:
            g = _grow(b, others)
            if g not in grown:
                grown.append(g)
        grown = [g for g in grown if not any(h != g and all(x <= y for x, y in zip(g, h))
                                             for h in grown)]
        cond = sympy.Or(*[sympy.And(*[SIGN_SET_RELATION[s](factors[k].as_expr(), 0)
                                      for k, s in enumerate(g) if s != full]) for g in grown])
        cond = canonical_condition(cond, A)
        where = next((mm[2] for mm in members if mm[2] is not None), None)
        witness = None if where is None else {back[g]: v for g, v in pool.points[where].items()}
        decided = True if any(mm[1] for mm in members) else None
        profiles, payoffs = _closed_forms(members[0][3], cond, back)
        cond = cond.xreplace(back)
        if decided is None:
            undecided.append(cond)
        regions.append((cond, witness, profiles, payoffs, decided))
    regions.sort(key=lambda r: (not r[0].has(sympy.Eq), sympy.default_sort_key(r[0])))
    undecided.sort(key=sympy.default_sort_key)
    return regions, undecided
