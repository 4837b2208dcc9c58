"""Closed forms for parametric games: exact case analysis of maxima and minima into ``Piecewise`` regions.

A metric built from maxima and minima of payoffs (alpha, OPT, utopia, security values, gaps ...) is
a piecewise function of the parameters. `case_analysis` splits it into the cases of every
``Max``/``Min``; for payoffs linear in the parameters each case is decided exactly with the
library's verified rational LP (`symalign.engines.lp.solve_lp`): a case is dropped only when the LP proves
it has no interior (so on it the value agrees with a neighbouring case), and every kept case gets a
rational witness point. Non-linear cases fall back to sympy's reasoning and keep undecided branches.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import sympy
from sympy import Max, Min, Piecewise, Rational

from symalign.core.config import Deadline, settings
from symalign.core.errors import ResourceLimitError, SymalignError
from symalign.core.game import assumptions_of
from symalign.engines.linearforms import _linear, _NonLinear, _symbol_forms
from symalign.engines.linearforms import _lp as _interior

__all__ = ["Region", "regions", "case_analysis", "closed_form", "parameters_of", "raw_maxima",
           "conjunction_feasible"]

SOURCE = "closed forms by exact case analysis (issue: closed forms for parametric games)"

_RAW = contextvars.ContextVar("symalign_raw_max", default=False)


@contextlib.contextmanager
def raw_maxima():
    """Inside this block metrics return ``Max``/``Min`` forms instead of ``Piecewise``.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> x = sympy.Symbol("x")
    >>> g = sa.Game.from_arrays([[x, 1]], [[0, 0]])
    >>> sa.max_welfare(g)
    Piecewise((1, x <= 1), (x, True))
    >>> with sa.raw_maxima():
    ...     sa.max_welfare(g)
    Max(1, x)
    """
    token = _RAW.set(True)
    try:
        yield
    finally:
        _RAW.reset(token)


@dataclass(frozen=True)
class Region:
    """One case of a closed form: where ``condition`` holds the metric equals ``value``.

    ``witness`` is a point of the region (a dict from symbol to rational) when one was found,
    ``decided`` says whether the region was proved non-empty (True) or only not refuted (None).

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> x = sympy.Symbol("x")
    >>> r = sa.case_analysis(sympy.Max(x, 0))[0]
    >>> r.value, r.condition, r.witness
    (0, 0 >= x, {x: -1})
    """

    condition: sympy.Basic
    value: sympy.Expr
    witness: dict | None
    decided: bool | None = True
    method: str = "exact LP"
    source: str = field(default=SOURCE, repr=False)

    def _latex(self, printer):
        return printer._print(self.value) + r" \quad \text{if } " + printer._print(self.condition)


# -- linear algebra of conditions -------------------------------------------------------------


def parameters_of(*exprs) -> list[sympy.Symbol]:
    """The free symbols of the expressions, sorted by name (a deterministic variable order)."""
    syms: set = set()
    for e in exprs:
        syms |= getattr(e, "free_symbols", set())
    return sorted(syms, key=lambda s: s.name)


def _relation_forms(rel) -> list[tuple[sympy.Expr, str]]:
    """A relation (or And of relations) as forms ``(e, kind)`` meaning ``e > 0``, ``e >= 0`` or ``e == 0``."""
    if isinstance(rel, sympy.And):
        out = []
        for a in rel.args:
            out += _relation_forms(a)
        return out
    if isinstance(rel, sympy.StrictGreaterThan):
        return [(rel.lhs - rel.rhs, ">")]
    if isinstance(rel, sympy.StrictLessThan):
        return [(rel.rhs - rel.lhs, ">")]
    if isinstance(rel, sympy.GreaterThan):
        return [(rel.lhs - rel.rhs, ">=")]
    if isinstance(rel, sympy.LessThan):
        return [(rel.rhs - rel.lhs, ">=")]
    if isinstance(rel, sympy.Eq):
        return [(rel.lhs - rel.rhs, "==")]
    if rel is sympy.true:
        return []
    raise _NonLinear(rel)


# -- case analysis ---------------------------------------------------------------------------


def _innermost(expr):
    """A ``Max``/``Min``/``Piecewise`` node of ``expr`` none of whose arguments contains one."""
    best = None
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (Max, Min, Piecewise)):
            if not any(a.has(Max, Min, Piecewise) for a in node.args):
                return node
            best = node
    return best


def _choices(node, partition: bool = False):
    """The cases of one node: ``(replacement, [conditions])``.

    With ``partition`` the cases are disjoint: a tie goes to the first argument.
    """
    if isinstance(node, Piecewise):
        previous = []
        for value, cond in node.args:
            conds = [sympy.Not(p) for p in previous] + ([] if cond is sympy.true else [cond])
            yield value, conds
            previous.append(cond)
        return
    args = list(node.args)
    for k, a in enumerate(args):
        if isinstance(node, Max):
            conds = [(sympy.Gt if partition and j < k else sympy.Ge)(a, b)
                     for j, b in enumerate(args) if j != k]
        else:
            conds = [(sympy.Lt if partition and j < k else sympy.Le)(a, b)
                     for j, b in enumerate(args) if j != k]
        yield a, conds


def _conjunctions(conds) -> list[list]:
    """Conditions (with ``Not``, ``Or``, ``Ne``) as a disjunction of conjunctions of the
    relations ``>``, ``>=``, ``<``, ``<=``, ``==`` (a ``Ne`` is split into its two sides)."""
    out = [[]]
    for c in conds:
        c = sympy.to_nnf(c) if isinstance(c, sympy.Not) else c
        if isinstance(c, sympy.Not):
            c = c.args[0].negated
        if isinstance(c, sympy.Or):
            alts = [x for a in c.args for x in _conjunctions([a])]
        elif isinstance(c, sympy.And):
            alts = _conjunctions(list(c.args))
        elif isinstance(c, sympy.Ne):
            alts = [[sympy.Gt(c.lhs, c.rhs)], [sympy.Lt(c.lhs, c.rhs)]]
        elif c is sympy.true:
            alts = [[]]
        elif c is sympy.false:
            alts = []
        else:
            alts = [[c]]
        out = [x + y for x in out for y in alts]
        if len(out) > settings.max_cases:
            raise ResourceLimitError("the case analysis needs more cases than allowed",
                                     "max_cases", settings.max_cases)
    return out


def _negation_forms(cond):
    """Forms of a negated simple relation (for Piecewise 'previous branch failed')."""
    inner = cond.args[0]
    if isinstance(inner, sympy.StrictGreaterThan):
        return [(inner.rhs - inner.lhs, ">=")]
    if isinstance(inner, sympy.StrictLessThan):
        return [(inner.lhs - inner.rhs, ">=")]
    if isinstance(inner, sympy.GreaterThan):
        return [(inner.rhs - inner.lhs, ">")]
    if isinstance(inner, sympy.LessThan):
        return [(inner.lhs - inner.rhs, ">")]
    raise _NonLinear(cond)


def _forms_of(conds):
    out = []
    for c in conds:
        if isinstance(c, sympy.Not):
            out += _negation_forms(c)
        else:
            out += _relation_forms(c)
    return out


def _feasible(conds, base_forms, syms, assumptions):
    """('interior'|'thin'|'empty'|'unknown', witness) for a case with conditions ``conds``."""
    try:
        forms = base_forms + [(e, ">" if k != "==" else k) for e, k in _forms_of(conds)]
        return _interior(forms, syms)
    except _NonLinear:
        from symalign.engines.symbolic import decide
        vals = [decide(c, assumptions) for c in conds]
        if any(v is False for v in vals):
            return "empty", None
        if _SATISFIABLE and _SATISFIABLE[0](sympy.And(*conds), tuple(assumptions)) is False:
            return "empty", None   # every sign case of the factors is empty (exact LP)
        return "unknown", _sample_witness(conds, assumptions, syms)


#: ``condition_satisfiable`` of `symalign.parametric.conditions`, registered when that module
#: is imported (it builds on this one, so this module cannot import it)
_SATISFIABLE: list = []


def _sample_witness(conds, assumptions, syms, tries: int = 200):
    """A rational point satisfying the conditions, found by a deterministic small search."""
    import random
    rng = random.Random(0)
    allc = list(conds) + list(assumptions)
    for _ in range(tries):
        point = {s: Rational(rng.randint(-12, 12), rng.randint(1, 4)) for s in syms}
        ok = True
        for c in allc:
            v = c.subs(point)
            if v is not sympy.true and v is not True:
                ok = False
                break
        if ok:
            return point
    return None


def case_analysis(expr, assumptions: Iterable = (), *, partition: bool = False) -> list[Region]:
    """Split an expression with ``Max``/``Min``/``Piecewise`` into regions with closed-form values.

    By default the regions' closures cover the admissible space (ties belong to every tied
    case, and cases without interior are dropped). With ``partition=True`` the regions
    partition it exactly: ties go to the first tied argument of a ``Max``/``Min``, the
    negated conditions of earlier ``Piecewise`` branches are kept exactly (``Ne`` split into
    its two sides), and every case with a point (checked with its strict and non-strict
    conditions as they are) is kept, lower-dimensional ones included, with a witness.

    Examples
    ========

    >>> import sympy
    >>> from symalign.parametric.closedforms import case_analysis
    >>> x, y = sympy.symbols("x y")
    >>> for r in case_analysis(sympy.Max(x, y) - y):
    ...     print(r.value, "if", r.condition, "e.g.", r.witness)
    x - y if x >= y e.g. {x: 1, y: 0}
    0 if y >= x e.g. {x: -1, y: 0}
    >>> [r.value for r in case_analysis(sympy.Max(x, y) - y, [x > y])]
    [x - y]
    >>> regs = case_analysis(sympy.Piecewise((1, sympy.Eq(x, 0)), (x, True)), partition=True)
    >>> [(r.value, r.condition.subs(x, 0), r.condition.subs(x, -1)) for r in regs]
    [(1, True, False), (x, False, True)]

    Parameters
    ==========

    expr : sympy.Expr
    assumptions : iterable of sympy relations

    Returns
    =======

    list of Region

    """
    expr = sympy.sympify(expr)
    assumptions = tuple(assumptions)
    syms = parameters_of(expr, *assumptions)
    try:
        base_forms = _symbol_forms(syms) + _forms_of(assumptions)
        linear_base = True
        status, _ = _interior(base_forms, syms) if syms else ("interior", {})
        strict_ok = status == "interior"
    except _NonLinear:
        base_forms, linear_base, strict_ok = [], False, True
    leaves: list[Region] = []
    budget = [settings.max_cases]
    deadline = Deadline("the case analysis")

    def rec(e, conds, witness, decided):
        node = _innermost(e)
        if node is None:
            leaves.append(Region(sympy.And(*conds) if conds else sympy.true,
                                 _tidy(e), witness, decided,
                                 "exact LP" if decided else "sympy (undecided)"))
            return
        for value, extra in _choices(node, partition):
            deadline.check()
            budget[0] -= 1
            if budget[0] < 0:
                raise ResourceLimitError("the case analysis needs more cases than allowed",
                                         "max_cases", settings.max_cases)
            if partition:
                for conj in _conjunctions(extra):
                    new = conds + conj
                    if linear_base:
                        try:
                            status, point = _interior(base_forms + _forms_of(new), syms)
                        except _NonLinear:
                            status, point = _feasible(new, [], syms, assumptions)
                            if status != "empty":
                                rec(e.xreplace({node: value}), new, point, None)
                            continue
                        if status == "interior":  # a point with every condition as it is
                            rec(e.xreplace({node: value}), new, point, decided)
                        continue
                    status, point = _feasible(new, [], syms, assumptions)
                    if status != "empty":
                        rec(e.xreplace({node: value}), new, point,
                            None if status == "unknown" else decided)
                continue
            new = conds + extra
            if linear_base:
                status, point = _feasible(new, base_forms, syms, assumptions)
                if status == "empty" or (status == "thin" and strict_ok):
                    continue
                rec(e.xreplace({node: value}), new, point,
                    decided and status in ("interior", "thin"))
            else:
                status, point = _feasible(new, [], syms, assumptions)
                if status == "empty":
                    continue
                rec(e.xreplace({node: value}), new, point, None if status == "unknown" else
                    decided)

    rec(expr, [], {s: Rational(0) for s in syms} if not syms else None, True)
    return _merge(leaves, base_forms, syms, linear_base)


def _tidy(e):
    e = sympy.sympify(e)
    if not e.free_symbols:
        return e
    if e.is_polynomial():
        return sympy.expand(e)
    t = sympy.cancel(sympy.together(e))
    return sympy.expand(t) if t.is_polynomial() else t


def _same(a, b) -> bool:
    d = sympy.expand(a - b)
    if d == 0:
        return True
    if d.is_polynomial():
        return False
    return sympy.simplify(d) == 0


def _merge(leaves: list[Region], base_forms, syms, linear) -> list[Region]:
    groups: dict = {}
    order = []
    for r in leaves:
        key = sympy.expand(r.value)
        for k in order:
            if _same(k, key):
                key = k
                break
        else:
            order.append(key)
            groups[key] = []
        groups[key].append(r)
    out = []
    for key in order:
        rs = groups[key]
        conds = [_simplify_condition(r.condition, base_forms, syms, linear) for r in rs]
        cond = conds[0] if len(conds) == 1 else sympy.Or(*conds)
        decided = True if all(r.decided for r in rs) else None
        witness = next((r.witness for r in rs if r.witness is not None), None)
        out.append(Region(cond, rs[0].value, witness, decided, rs[0].method))
    return out


def _simplify_condition(cond, base_forms, syms, linear):
    """Drop conjuncts implied by the others and the assumptions (exact LP), keep readable order."""
    if not linear or not isinstance(cond, sympy.And):
        return cond
    parts = list(cond.args)
    kept = list(parts)
    for p in parts:
        others = [q for q in kept if q is not p]
        try:
            forms = base_forms + _forms_of(others) + [(-e, ">") for e, k in _forms_of([p])
                                                      if k != "=="]
            status, _ = _interior(forms, syms)
        except _NonLinear:
            continue
        if status == "empty":
            kept = others
    return sympy.And(*kept) if len(kept) > 1 else (kept[0] if kept else sympy.true)


def closed_form(expr, assumptions: Iterable = ()):
    """The closed form of ``expr`` under the assumptions: one expression, or a ``Piecewise``.

    Examples
    ========

    >>> import sympy
    >>> from symalign.parametric.closedforms import closed_form
    >>> x = sympy.Symbol("x")
    >>> closed_form(sympy.Max(x, 1), [x > 2])
    x
    >>> closed_form(sympy.Max(x, 1) - 1)
    Piecewise((0, x <= 1), (x - 1, True))

    """
    expr = sympy.sympify(expr)
    if not expr.has(Max, Min, Piecewise) or _RAW.get():
        return expr
    regs = case_analysis(expr, assumptions)
    if not regs:
        raise SymalignError(f"the assumptions {tuple(assumptions)} are infeasible")
    if len(regs) == 1 and regs[0].decided:
        return regs[0].value
    pieces = [(r.value, r.condition) for r in regs[:-1]] + [(regs[-1].value, sympy.true)]
    if any(r.decided is None for r in regs):
        pieces[-1] = (regs[-1].value, regs[-1].condition)
    return Piecewise(*pieces)


def regions(metric: Callable, game, assumptions: Iterable = (), **kwargs) -> list[Region]:
    """The regions of a metric's closed form over the parameters of a symbolic game.

    Each `Region` has a ``condition``, the metric's ``value`` there and a ``witness`` point
    (symbol -> rational) at which the numeric game's metric equals the formula. The regions
    partition the parameter space allowed by the assumptions, boundaries included: at every
    admissible point exactly one region's condition holds (ties go to the first argument of
    a maximum, see `case_analysis` with ``partition=True``).

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> pd = sa.games.prisoners_dilemma(T, R, P, S)
    >>> for r in sa.regions(sa.alpha, pd, [T > R, R > P, P > S]):
    ...     print(r.value, "where", r.condition)
    2*R - 2*T where 2*R >= S + T
    S - T where S + T > 2*R
    >>> r = sa.regions(sa.alpha, pd, [T > R, R > P, P > S])[1]
    >>> r.value.subs(r.witness) == sa.alpha(pd.subs(r.witness))
    True
    >>> r.value
    S - T

    Parameters
    ==========

    metric : callable
        A symalign metric taking ``(game, assumptions=...)``, e.g. `symalign.alpha`.
    game : Game
    assumptions : iterable of sympy relations
        In addition to ``game.assumptions``.

    Returns
    =======

    list of Region

    """
    assumptions = assumptions_of(game, assumptions)
    with raw_maxima():
        expr = metric(game, assumptions=assumptions, **kwargs)
    if not getattr(expr, "free_symbols", None):
        return [Region(sympy.true, sympy.sympify(expr), {}, True)]
    return case_analysis(expr, assumptions, partition=True)


def _lp_nonneg(expr, assumptions: Sequence) -> bool | None:
    """Prove ``expr >= 0`` from linear assumptions with an exact LP (the `_symbolic` hook)."""
    syms = parameters_of(expr, *assumptions)
    try:
        forms = _symbol_forms(syms) + _forms_of(assumptions)
        if not forms:  # nothing constrains the parameters: a non-constant form is unbounded
            return None
        e = sympy.expand(expr)
        if _linear(e, syms) is None:
            return None
        # expr >= 0 holds iff {assumptions, expr < 0} is empty
        status, _ = _interior(forms + [(-e, ">")], syms)
    except (_NonLinear, ImportError):
        return None
    # "thin": no point satisfies the strict assumptions and expr < 0 together
    return True if status in ("empty", "thin") else None


def _lp_pos(expr, assumptions: Sequence) -> bool | None:
    """Prove ``expr > 0`` from linear assumptions with an exact LP."""
    syms = parameters_of(expr, *assumptions)
    try:
        forms = _symbol_forms(syms) + _forms_of(assumptions)
        if not forms:
            return None
        e = sympy.expand(expr)
        if _linear(e, syms) is None:
            return None
        status, _ = _interior(forms + [(-e, ">=")], syms)
    except (_NonLinear, ImportError):
        return None
    # "thin": no point satisfies the strict assumptions with expr <= 0
    return True if status in ("empty", "thin") else None


def conjunction_feasible(conditions, assumptions: Iterable = ()) -> bool | None:
    """Whether rational-function conditions can hold together: False when proved impossible.

    Each condition ``n/d > 0`` (or ``>=``) is split on the signs of the factors of ``d``; in
    each sign case it is linear when ``n`` is, and the exact LP decides the case. Returns
    True when some case is proved feasible, False when every case is proved empty, and None
    otherwise (non-linear numerators, too many factors).

    Examples
    ========

    >>> import sympy
    >>> from symalign.parametric.closedforms import conjunction_feasible
    >>> x, y = sympy.symbols("x y")
    >>> conjunction_feasible([1/(x - y) > 0, 1/(y - x) > 0])
    False
    >>> conjunction_feasible([x/(y + 1) > 0], [y > 0])
    True

    """
    assumptions = tuple(assumptions)
    conds = [c for c in conditions if not isinstance(c, sympy.Ne) and c is not sympy.true]
    syms = parameters_of(*conds, *assumptions)
    try:
        base = _symbol_forms(syms) + _forms_of(assumptions)
        items = []
        for c in conds:
            for e, kind in _relation_forms(c):
                n, d = sympy.fraction(sympy.together(e))
                items.append((sympy.expand(n), sympy.expand(d), kind))
    except _NonLinear:
        return None
    factors = []
    for _, d, _ in items:
        for f, _m in sympy.factor_list(d)[1]:
            if f not in factors and -f not in factors:
                factors.append(f)
    if len(factors) > 8:
        return None
    for signs in itertools.product((1, -1), repeat=len(factors)):
        forms = list(base) + [(s * f, ">") for f, s in zip(factors, signs)]
        for n, d, kind in items:
            coeff, fl = sympy.factor_list(d)
            sgn = 1 if coeff > 0 else -1
            for f, mult in fl:
                k = factors.index(f) if f in factors else factors.index(-f)
                s = signs[k] if f in factors else -signs[k]
                sgn *= s ** mult
            forms.append((sgn * n, kind))
        try:
            status, _ = _interior(forms, syms)
        except _NonLinear:
            return None
        if status == "interior":
            return True
    return False


@functools.lru_cache(maxsize=512)
def _consistent(assumptions: tuple) -> bool | None:
    """False when the (linear) assumptions are proved contradictory, True when a point exists."""
    if not assumptions:
        return True
    syms = parameters_of(*assumptions)
    try:
        status, _ = _interior(_symbol_forms(syms) + _forms_of(assumptions), syms)
    except (_NonLinear, ImportError):
        return None
    return status == "interior"


def _install_hook() -> None:
    from symalign.engines import symbolic as _symbolic
    _symbolic._HOOKS["nonneg"] = _lp_nonneg
    _symbolic._HOOKS["pos"] = _lp_pos
    _symbolic._HOOKS["consistent"] = _consistent
    _symbolic._HOOKS["closed_form"] = closed_form
