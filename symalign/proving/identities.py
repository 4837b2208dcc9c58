"""Claims proved as identities: ``lhs - rhs`` simplifies to zero after exact rewrite lemmas for maxima."""

from __future__ import annotations

import sympy

from symalign.proving.records import (
    Step,
    Verification,
    _abs_to_max,
    _pull_out,
    _refute_at_points,
    _timed,
)

# -- identities --------------------------------------------------------------------------------

def _identity_step(lhs, rhs=0, assumptions=()) -> Step:
    lhs, rhs = sympy.sympify(lhs), sympy.sympify(rhs)
    assumptions = tuple(sympy.sympify(a) for a in assumptions)
    subs = {}
    for a in assumptions:  # equalities with a symbol on one side are used as substitutions
        if isinstance(a, sympy.Eq) and isinstance(a.lhs, sympy.Symbol):
            subs[a.lhs] = a.rhs
    positives = set()
    for a in assumptions:
        if isinstance(a, (sympy.StrictGreaterThan,)) and a.rhs == 0 and a.lhs.is_Symbol:
            positives.add(a.lhs)
        if isinstance(a, (sympy.StrictLessThan,)) and a.lhs == 0 and a.rhs.is_Symbol:
            positives.add(a.rhs)
    diff = sympy.sympify(lhs - rhs).subs(subs) if subs else lhs - rhs
    statement = sympy.Eq(lhs, rhs, evaluate=False)
    d = sympy.expand(diff)
    how = "expand"
    if d.has(sympy.Max, sympy.Min, sympy.Abs):
        d2 = sympy.expand(_pull_out(_abs_to_max(d), positives))
        if d2 != d:
            how = "expand with the lemmas max(x + c) = max(x) + c, max(l x) = l max(x) (l > 0)"
        d = d2
    if d != 0:
        quick = _refute_at_points(d, assumptions)
        if quick is not None:
            pt, val = quick
            return Step(statement, f"lhs - rhs = {val} != 0 at {pt} (exact sign)", False,
                        detail={"point": pt})
        d = sympy.simplify(sympy.factor_terms(d))
        how = "simplify"
    if d != 0 and positives:
        reps = {s: sympy.Symbol(s.name, positive=True) for s in positives if not s.is_positive}
        if reps:
            d2 = sympy.simplify(sympy.expand(d.xreplace(reps)))
            if d2 == 0:
                d, how = d2, "simplify with positivity assumptions"
    if d == 0:
        return Step(statement, f"{how}: lhs - rhs = 0", True)
    if d.is_number:
        return Step(statement, f"lhs - rhs = {d}, a non-zero constant", False,
                    detail={"difference": d})
    quick = _refute_at_points(d, assumptions, tries=8)
    if quick is not None:
        pt, val = quick
        return Step(statement, f"lhs - rhs = {val} != 0 at {pt} (exact sign)", False,
                    detail={"point": pt})
    return Step(statement, f"undecided: lhs - rhs simplifies to {d}", None)


@_timed
def check_identity(lhs, rhs=0, assumptions=(), *, name: str = "identity", claim: str | None = None,
                   expected: bool = True, source: str = "") -> Verification:
    """Check ``lhs == rhs`` identically: the difference simplifies to zero under the assumptions.

    Equalities ``Eq(symbol, value)`` among the assumptions are substituted; ``x > 0`` marks
    ``x`` positive for the rewrite ``max(x a, x b) = x max(a, b)``. A non-zero difference is
    refuted with an exact rational point when one is found; otherwise the result is undecided.

    Examples
    ========

    >>> import sympy
    >>> from symalign.proving.claims import check_identity
    >>> a, b, c = sympy.symbols("a b c", real=True)
    >>> check_identity(sympy.Max(a + c, b + c), sympy.Max(a, b) + c).holds
    True
    >>> check_identity(a * (b + c), a * b).holds
    False

    Returns
    =======

    Verification
        ``method="identity"``.

    """
    step = _identity_step(lhs, rhs, assumptions)
    return Verification(claim=claim or sympy.latex(step.statement), name=name, method="identity",
                        steps=(step,), assumptions=tuple(assumptions), expected=expected,
                        holds=step.holds, counterexample=(step.detail or {}).get("point")
                        if step.holds is False else None, source=source)
