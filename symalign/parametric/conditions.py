"""Whether a condition on the parameters can hold: exact LP on the sign cases of its factors.

A closed form's branch is kept only when its region can be non-empty; a condition built from
relations between rational functions (``And``, ``Or``, ``Not``) is split into conjunctions of
linear sign conditions on the factors of each side, and each conjunction is decided by the
exact rational LP of `symalign.parametric.closedforms`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import sympy

from symalign.parametric.closedforms import (
    _consistent,
    _forms_of,
    _interior,
    _linear,
    _NonLinear,
    _relation_forms,
    _symbol_forms,
    parameters_of,
)

__all__ = ["condition_satisfiable"]

_MAX_DNF = 256


def _atom_cases(rel) -> list[list[tuple[sympy.Expr, str]]]:
    """A relation as a disjunction of conjunctions of linear forms (``e > 0``, ``e >= 0``,
    ``e == 0``), by the signs of the factors of its numerator and denominator."""
    if isinstance(rel, sympy.Ne):
        e = rel.lhs - rel.rhs
        return _atom_cases(sympy.Gt(e, 0)) + _atom_cases(sympy.Lt(e, 0))
    if isinstance(rel, sympy.Eq):
        e, kind = rel.lhs - rel.rhs, "=="
    else:
        (e, kind), = _relation_forms(rel)
    n, d = sympy.fraction(sympy.together(sympy.expand(e)))
    syms = sorted(n.free_symbols | d.free_symbols, key=lambda x: x.name)
    if not (n.is_polynomial(*syms) and d.is_polynomial(*syms)) or n.has(sympy.I) or \
            d.has(sympy.I):
        raise _NonLinear(rel)   # radicals, Abs, Piecewise ...: not a rational function
    coeff_n, fn = sympy.factor_list(n)
    coeff_d, fd = sympy.factor_list(d)
    const = coeff_n * coeff_d
    if n == 0:
        return [[]] if kind in (">=", "==") else []
    factors = [(f, m) for f, m in fn] + [(f, m) for f, m in fd]
    if len(factors) > 4:
        raise _NonLinear(rel)
    out = []
    if kind in ("==", ">="):
        for f, _ in fn:  # the numerator vanishes with one factor; the denominator does not
            out.append([(f, "==")] + [(g, "!=") for g, _ in fd])
        if kind == "==":
            return _expand_ne(out)
    # strict sign: every factor non-zero, product of signs matches
    for signs in itertools.product((1, -1), repeat=len(factors)):
        s = 1 if const > 0 else -1
        for (_f, m), t in zip(factors, signs):
            s *= t ** m
        if s > 0:
            out.append([(t * f, ">") for (f, _), t in zip(factors, signs)])
    return _expand_ne(out)


def _expand_ne(conjunctions):
    out = []
    for conj in conjunctions:
        parts = [[[(f, ">")], [(-f, ">")]] if k == "!=" else [[(f, k)]] for f, k in conj]
        for combo in itertools.product(*parts):
            out.append([x for c in combo for x in c])
    return out


def _dnf(cond) -> list[list[tuple[sympy.Expr, str]]]:
    if cond is sympy.true:
        return [[]]
    if cond is sympy.false:
        return []
    if isinstance(cond, sympy.And):
        out = [[]]
        for a in cond.args:
            out = [x + y for x in out for y in _dnf(a)]
            if len(out) > _MAX_DNF:
                raise _NonLinear(cond)
        return out
    if isinstance(cond, sympy.Or):
        out = []
        for a in cond.args:
            out += _dnf(a)
        if len(out) > _MAX_DNF:
            raise _NonLinear(cond)
        return out
    if isinstance(cond, sympy.Not):
        return _dnf(sympy.simplify_logic(cond, force=False) if not isinstance(
            cond.args[0], sympy.core.relational.Relational) else cond.args[0].negated)
    if isinstance(cond, sympy.core.relational.Relational):
        return _atom_cases(cond)
    raise _NonLinear(cond)


def condition_satisfiable(condition, assumptions: Iterable = ()) -> bool | None:
    """Whether a condition can hold under the assumptions: False when proved impossible.

    The condition (``And``/``Or``/``Not`` of relations between rational functions) is split
    into conjunctions of linear sign conditions on the factors of each side; every
    conjunction is decided by the exact LP. None when a factor is not linear.

    Examples
    ========

    >>> import sympy
    >>> from symalign.parametric.conditions import condition_satisfiable
    >>> x = sympy.Symbol("x")
    >>> condition_satisfiable((x > 2) & (x < -1))
    False
    >>> condition_satisfiable((x - 1)**2 < 0)
    False
    >>> condition_satisfiable(x * (x - 1) < 0, [x > 0])
    True

    """
    condition = sympy.sympify(condition)
    if condition is sympy.true or condition is True:
        return _consistent(tuple(assumptions))
    if condition is sympy.false or condition is False:
        return False
    assumptions = tuple(assumptions)
    syms = parameters_of(condition, *assumptions)
    try:
        base = _symbol_forms(syms) + _forms_of(assumptions)
        for conj in _dnf(condition):
            forms = base + conj
            for e, _k in conj:
                if _linear(e, syms) is None:
                    raise _NonLinear(e)
            status, _ = _interior(forms, syms) if syms else (
                "interior" if all(_holds_const(e, k) for e, k in conj) else "empty", None)
            if status == "interior":  # ("thin": the strict forms cannot hold together)
                return True
        return False
    except (_NonLinear, ImportError, TypeError):   # TypeError: a comparison sympy refuses
        return None


def _holds_const(e, kind) -> bool:
    e = sympy.sympify(e)
    return bool(e > 0) if kind == ">" else bool(e >= 0) if kind == ">=" else e == 0


def _register() -> None:
    from symalign.parametric import closedforms
    closedforms._SATISFIABLE[:] = [condition_satisfiable]


_register()
