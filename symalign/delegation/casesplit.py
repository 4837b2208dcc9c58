"""Private: closed forms of delegation measures by cases of indifference (issue 14).

A standardisation magnitude is zero exactly when the utility is constant (Sourbut, Hammond &
Wood (2024), Sec. 3), a linear condition on the payoffs. Where the assumptions do not decide
it for a member that a measure uses, the measure is a ``Piecewise`` over these conditions:

* the branches are ordered by the set ``C`` of members that are constant: larger sets first
  (so the first matching branch is the one whose set is exactly the constant members), sets
  of one size in the order the measure lists its members; the generic branch (no member
  constant) comes last with the condition True;
* each branch's condition is the conjunction of the ``Eq`` conditions of ``C``; on a branch
  the payoffs are rewritten with those equalities solved (a deterministic choice: the
  parameters sorted by name), and the members outside ``C`` are known to be non-constant;
* a branch whose region is proved empty (`symalign.engines.signs.is_satisfiable`) is dropped;
  a branch on which the measure is undefined has the value ``nan``.
"""

from __future__ import annotations

import dataclasses
import itertools

import sympy

from symalign.core.errors import UndecidableError, UndefinedMetricError
from symalign.engines.algebraic import sign
from symalign.engines.piecewise import closed_max, closed_min, _larger_than
from symalign.engines.signs import decide
from symalign.engines.symbolic import finish as _tidy
from symalign.engines.piecewise import piecewise
from symalign.engines.signs import _negate, is_constant, is_satisfiable

__all__ = ["merged_assumptions", "with_assumptions", "by_constancy", "dispatch", "verdict",
           "min_by_pieces"]


def merged_assumptions(dg, assumptions) -> tuple:
    """The delegation game's assumptions plus the caller's ``assumptions=`` (parsed like
    `Game.assuming`)."""
    return tuple(with_assumptions(dg, assumptions).assumptions)


def with_assumptions(dg, assumptions):
    """``dg`` with the caller's ``assumptions=`` added to both games (``None``: unchanged)."""
    if assumptions is None:
        return dg
    rels = [assumptions] if isinstance(assumptions, (sympy.Basic, str)) else list(assumptions)
    if not rels:
        return dg
    from symalign.delegation.model import DelegationGame
    return DelegationGame(dg.agents.assuming(*rels), dg.principals.assuming(*rels),
                          welfare=dg.welfare_form, weights=dg.weights)


def _values(dg, member):
    group, i = member
    return list(dg.game(group).utility(i))


def _substitution(eqs, syms):
    """Solve linear equalities for some parameters (deterministic), or {} when not linear."""
    if not eqs:
        return {}
    try:
        sol = sympy.solve([e.lhs - e.rhs for e in eqs], syms, dict=True)
    except (NotImplementedError, ValueError, TypeError):
        return {}
    if len(sol) != 1:
        return {}
    return {k: v for k, v in sol[0].items()}


def _subs_dg(dg, rule):
    if not rule:
        return dg
    from symalign.delegation.model import DelegationGame
    return DelegationGame(dg.agents.subs(rule), dg.principals.subs(rule),
                          welfare=dg.welfare_form, weights=dg.weights)


def by_constancy(dg, members, compute, assumptions, *, strict=False, context="the measure",
                 combine=None):
    """Evaluate ``compute(dg_branch, assumptions_branch)`` on every case of indifference.

    ``members`` lists ``(group, i)`` pairs. Returns ``compute``'s value when every member's
    constancy is decided; otherwise ``combine(branches, assumptions)`` (default: a canonical
    `piecewise` of the values), with ``branches`` the list of ``(value, condition)``.
    """
    A = tuple(assumptions)
    undecided = []
    for m in members:
        d = is_constant(_values(dg, m), A)
        if d.value is None and not any(c == d.certificate for _, c in undecided):
            undecided.append((m, d.certificate))
    if not undecided:
        return compute(dg, A)
    syms = sorted(set().union(*[c.free_symbols for _, c in undecided]), key=lambda s: s.name)
    branches = []
    k = len(undecided)
    for size in range(k, -1, -1):
        for C in itertools.combinations(range(k), size):
            eqs = [undecided[j][1] for j in C]
            others = [undecided[j][1] for j in range(k) if j not in C]
            region = list(eqs) + [_negate(c) for c in others]
            if is_satisfiable(region, A).value is False:
                continue
            rule = _substitution(list(itertools.chain.from_iterable(
                sympy.And.make_args(e) for e in eqs)), syms)
            try:
                dgb = _subs_dg(dg, rule)
            except Exception:      # the substitution contradicts an assumption: empty
                continue
            B = [r.subs(rule) for r in A] + [e.subs(rule) for e in eqs]
            for j in range(k):
                if j not in C:
                    cj = is_constant(_values(dgb, undecided[j][0])).certificate
                    if cj is None:          # identically constant on this branch: empty
                        B.append(sympy.false)
                    else:
                        B.append(_negate(cj))
            B = tuple(r for r in B if r is not sympy.true)
            if any(r is sympy.false for r in B):
                continue
            try:
                value = compute(dgb, B)
            except UndefinedMetricError:
                value = sympy.nan
            cond = sympy.And(*eqs) if eqs else sympy.true
            branches.append((value, cond))
    if combine is not None:
        return combine(branches, A)
    return piecewise(branches, A, strict=strict, context=context)


# -- regret-bound records on symbolic games ----------------------------------------------------

def verdict(regret, value, A=()):
    """``regret <= value`` exactly; for symbolic games undecided verdicts are the condition."""
    if _larger_than(value, 2000) and sympy.sympify(value).has(sympy.Pow):
        # a large closed form with radicals: expanding it to decide would be the whole cost
        # (and the engine tries no strategy on such expressions): the condition itself
        return sympy.Ge(value, regret)
    diff = _tidy(value - regret)
    if diff.free_symbols:
        v = decide(sympy.Ge(diff, 0), A).value
        return sympy.Ge(value, regret) if v is None else v
    return sign(diff, "whether the regret is within the bound") >= 0


def dispatch(dg, assumptions, strict, form, compute, groups=("agents", "principals")):
    """Numeric games directly; symbolic games by cases of indifference (a piecewise record)
    of the members of ``groups`` (those whose indifference changes the form's formula)."""
    dg = with_assumptions(dg, assumptions)
    if dg.is_numeric:
        return compute(dg, dg.assumptions)
    members = [(g, i) for g in groups for i in range(dg.n)]
    rec = by_constancy(dg, members, compute, dg.assumptions, context=form,
                       combine=lambda branches, A: _combine(form, branches, A))
    if rec.value is not None and sympy.sympify(rec.value).has(sympy.Max, sympy.Min):
        A = dg.assumptions
        value = sympy.sympify(rec.value).replace(
            sympy.Max, lambda *a: closed_max(a, A)).replace(sympy.Min, lambda *a: closed_min(a, A))
        rec = dataclasses.replace(rec, value=value, holds=verdict(rec.regret, value, A))
    if strict and rec.value is not None and sympy.sympify(rec.value).has(sympy.Piecewise):
        cond = next(iter(sympy.sympify(rec.value).atoms(sympy.Piecewise))).args[0][1]
        raise UndecidableError(cond, f"{form} (a single expression was asked for)")
    return rec


def _combine(form, branches, A):
    """One record from the records of the cases of indifference: each field piecewise."""
    recs = [(r, c) for r, c in branches if hasattr(r, 'holds_hypotheses')]
    ok = [(r, c) for r, c in recs if r.holds_hypotheses]
    if not ok:
        return recs[-1][0]
    first = ok[0][0]

    def field_(name):
        vals = [((getattr(r, name) if r.holds_hypotheses else None), c) for r, c in recs]
        vals = [(sympy.nan if v is None else v, c) for v, c in vals]
        return piecewise(vals, A)

    value = field_("value")
    regret = piecewise([(r.regret, c) for r, c in recs], A)
    return dataclasses.replace(
        first, holds_hypotheses=True, regret=regret, value=value,
        cooperation=field_("cooperation"), alignment=field_("alignment"),
        calibration=field_("calibration"), holds=verdict(regret, value, A),
        reason="; ".join(sorted({r.reason for r, _ in recs if r.reason})),
        details={"branches": tuple((c, r) for r, c in recs)})


def _pieces(expr):
    """``expr`` as ``[(value, condition)]`` over the branches of its ``Piecewise`` parts."""
    e = sympy.piecewise_fold(sympy.sympify(expr))
    if not isinstance(e, sympy.Piecewise):
        return [(e, sympy.true)]
    return [(v, c) for v, c in e.args]


def min_by_pieces(totals, B):
    """``min(totals)`` split first over the branches of the Piecewise parts (e.g. of WR)."""
    pw = [t for t in totals if sympy.sympify(t).has(sympy.Piecewise)]
    if not pw:
        return closed_min(totals, B)
    conds = None
    for t in pw:
        cs = [c for _, c in _pieces(t)]
        if conds is None or len(cs) > len(conds):
            conds = cs
    out, previous = [], []
    for c in conds:
        region = [c] + [sympy.Not(p) for p in previous]
        region = [r for r in region if r is not sympy.true]
        extra = tuple(a for r in region for a in _conjuncts(r))
        subs = [_select(t, region) for t in totals]
        out.append((closed_min(subs, B + extra), c))
        previous.append(c)
    return piecewise(out, B)


def _conjuncts(c) -> list:
    """``c`` as a list of conditions whose conjunction it is (negations pushed into relations;
    no ``simplify_logic``, which can run for minutes on conditions with radicals)."""
    if isinstance(c, sympy.And):
        return [a for x in c.args for a in _conjuncts(x)]
    if isinstance(c, sympy.Not):
        inner = c.args[0]
        if isinstance(inner, sympy.Or):
            return [a for x in inner.args for a in _conjuncts(sympy.Not(x))]
        if isinstance(inner, sympy.And):
            return [sympy.Or(*[_negate(x) for x in inner.args])]
        if isinstance(inner, sympy.Not):
            return _conjuncts(inner.args[0])
        return [_negate(inner)]
    return [c]


def _select(t, region):
    """The branch of the Piecewise parts of ``t`` that the region selects (first match)."""
    t = sympy.piecewise_fold(sympy.sympify(t))
    if not isinstance(t, sympy.Piecewise):
        return t
    for v, c in t.args:
        if c is sympy.true or c in region:
            return v
        if sympy.Not(c) in region:
            continue
        return t
    return t
