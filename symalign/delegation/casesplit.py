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

import itertools

import sympy

from symalign.core.errors import UndefinedMetricError
from symalign.engines.piecewise import piecewise
from symalign.engines.signs import _negate, is_constant, is_satisfiable

__all__ = ["merged_assumptions", "with_assumptions", "by_constancy"]


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
