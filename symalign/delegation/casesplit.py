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

`split_cases` is the general fallback for a computation that needs a comparison the
assumptions leave open (for example which profiles are pure Nash equilibria): it splits on the
condition named by the `UndecidableError`, first the condition, then its negation, each side's
region checked with `is_satisfiable` (empty sides dropped) and evaluated again with the side
added to the assumptions, recursively. The result is a binary tree of cases in that
deterministic order; `tree_value` turns it into a nested ``Piecewise`` (``Piecewise((yes,
condition), (no, True))`` at each split, equal sides merged), `tree_condition` into a condition
and `tree_leaves` into ``(conditions, value)`` pairs. The number of evaluations is bounded by
``symalign.settings.max_cases`` and the time by ``symalign.settings.timeout``.
"""

from __future__ import annotations

import dataclasses
import itertools
import math

import sympy

from symalign.core.errors import UndecidableError, UndefinedMetricError
from symalign.engines.algebraic import sign
from symalign.engines.piecewise import closed_max, closed_min, folded, _larger_than
from symalign.engines.signs import decide
from symalign.engines.symbolic import finish as _tidy
from symalign.engines.piecewise import piecewise
from symalign.engines.signs import _negate, is_constant, is_satisfiable

__all__ = ["merged_assumptions", "with_assumptions", "by_constancy", "regret_once", "dispatch",
           "verdict", "min_by_pieces", "split_cases", "decide_or_split", "path_condition",
           "principals_optimum_term", "tree_value", "tree_condition", "tree_leaves"]


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

    def sub(g):          # a game the rule leaves unchanged is kept, with its caches
        syms = g.free_symbols.union(*[r.free_symbols for r in g.assumptions])
        return g.subs(rule) if syms & set(rule) else g
    return DelegationGame(sub(dg.agents), sub(dg.principals), welfare=dg.welfare_form,
                          weights=dg.weights)


def regret_once(dg, profile, group):
    """`welfare_regret` of a group, memoised on the group's game (every case of
    `by_constancy` that leaves that game unchanged shares it)."""
    from symalign.delegation.model import welfare_regret
    g = dg.game(group)
    key = ("casesplit.regret", group, profile, dg.weights, dg.welfare_form, dg.n,
           tuple(dg.assumptions))
    try:
        hit = g._cache.get(key)
    except TypeError:                   # an unhashable (e.g. mixed) profile: no memo
        return welfare_regret(dg, profile, group)
    if hit is None:
        hit = g._cache[key] = welfare_regret(dg, profile, group)
    return hit


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
        A, value = dg.assumptions, sympy.sympify(rec.value)
        ext = value.atoms(sympy.Max, sympy.Min)
        if any(a.has(sympy.Max, sympy.Min) for m in ext for a in m.args):
            value = value.replace(sympy.Max, lambda *a: closed_max(a, A)).replace(
                sympy.Min, lambda *a: closed_min(a, A))
        else:     # each distinct Max/Min once (they recur on every case of a split)
            value = value.xreplace({m: (closed_max if isinstance(m, sympy.Max) else closed_min)(
                m.args, A) for m in sorted(ext, key=sympy.default_sort_key)})
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
    e = folded(sympy.sympify(expr))
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
    t = folded(sympy.sympify(t))
    if not isinstance(t, sympy.Piecewise):
        return t
    for v, c in t.args:
        if c is sympy.true or c in region:
            return v
        if sympy.Not(c) in region:
            continue
        return t
    return t


# -- splitting on an undecided condition -------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Case:
    """A node of `split_cases`'s tree: a leaf (``condition`` None, ``value`` the computed
    value or the `UndefinedMetricError` raised there) or a split on ``condition`` into the
    cases ``yes`` (the condition holds) and ``no`` (its negation holds)."""

    condition: object = None
    value: object = None
    yes: object = None
    no: object = None


def _splittable(c) -> bool:
    c = sympy.sympify(c)
    return (isinstance(c, sympy.core.relational.Relational) and bool(c.free_symbols)
            and not c.has(sympy.Max, sympy.Min, sympy.Piecewise, sympy.Abs))


def split_cases(compute, assumptions=(), *, context: str = "the value",
                strict: bool = False) -> Case:
    """``compute(A)`` on every case of the conditions it cannot decide, as a tree of `Case`.

    ``compute`` is called with the assumptions (a tuple); when it raises `UndecidableError`
    whose condition is a relation, it is called again on the condition's side and on its
    negation's side (in that order), each side whose region the engine proves empty dropped.
    An `UndefinedMetricError` becomes a leaf holding the error. With ``strict=True`` (or a
    condition that is not a relation, or one already split on) the error propagates.
    """
    from symalign.core.config import Deadline, settings
    from symalign.core.errors import ResourceLimitError
    A = tuple(assumptions)
    deadline = Deadline(f"the case analysis of {context}")
    calls = [0]

    def run(path):
        calls[0] += 1
        if calls[0] > settings.max_cases:
            raise ResourceLimitError(f"the case analysis of {context} needs more than "
                                     f"{settings.max_cases} cases", "max_cases",
                                     settings.max_cases)
        deadline.check()
        try:
            return Case(value=compute(A + path))
        except UndefinedMetricError as exc:
            return Case(value=exc)
        except UndecidableError as exc:
            c = exc.condition
            if strict or not _splittable(c) or c in path or _negate(c) in path:
                raise
            sides = []
            for side in (c, _negate(c)):
                empty = not isinstance(exc, OpenComparison) and \
                    is_satisfiable(list(path) + [side], A).value is False
                sides.append(None if empty else run(path + (side,)))
            if sides[0] is None or sides[1] is None:
                if sides[0] is None and sides[1] is None:
                    raise
                return sides[0] or sides[1]
            return Case(c, yes=sides[0], no=sides[1])

    return run(())


def tree_value(tree: Case, field=None):
    """A nested ``Piecewise`` of ``field(value)`` over the tree (``nan`` where the leaf holds
    an error or ``field`` gives None); equal sides of a split are merged."""
    if tree.condition is None:
        v = tree.value
        if isinstance(v, Exception):
            return sympy.nan
        v = field(v) if field is not None else v
        return sympy.nan if v is None else sympy.sympify(v)
    yes, no = tree_value(tree.yes, field), tree_value(tree.no, field)
    if yes == no:
        return yes
    from symalign.engines.piecewise import canonical_condition
    return sympy.Piecewise((yes, canonical_condition(tree.condition)), (no, True))


def tree_condition(tree: Case, field=None):
    """Where ``field(value)`` (default: the value) is true, as a condition over the splits."""
    if tree.condition is None:
        v = tree.value
        v = False if isinstance(v, Exception) else (field(v) if field is not None else v)
        return sympy.true if v is True or v is sympy.true else sympy.false
    yes, no = tree_condition(tree.yes, field), tree_condition(tree.no, field)
    if yes == no:
        return yes
    from symalign.engines.piecewise import canonical_condition
    c = canonical_condition(tree.condition)
    return sympy.Or(sympy.And(c, yes), sympy.And(canonical_condition(_negate(c)), no))


def tree_leaves(tree: Case, path=()) -> list:
    """``[(conditions, value)]`` of the leaves, in the tree's order (each condition's side
    before its negation's)."""
    if tree.condition is None:
        return [(path, tree.value)]
    return (tree_leaves(tree.yes, path + (tree.condition,))
            + tree_leaves(tree.no, path + (_negate(tree.condition),)))


#: the signs of ``d`` that ``d op 0`` allows
_SIGNS = {sympy.StrictGreaterThan: {1}, sympy.GreaterThan: {0, 1}, sympy.StrictLessThan: {-1},
          sympy.LessThan: {-1, 0}, sympy.Eq: {0}, sympy.Ne: {-1, 1}}


def _difference(rel):
    """``(d, allowed signs of d)`` for a relation ``d op 0``, with ``d`` expanded (memoised:
    the same relations recur at every node of a case tree)."""
    hit = _DIFFERENCES.get(rel)
    if hit is None:
        if len(_DIFFERENCES) > 50000:
            _DIFFERENCES.clear()
        hit = _DIFFERENCES[rel] = (sympy.expand(rel.lhs - rel.rhs), _SIGNS[type(rel)])
    return hit


_DIFFERENCES: dict = {}


def decide_or_split(rel, A) -> bool:
    """``rel`` decided exactly under ``A``, or `UndecidableError` naming it (for `split_cases`).

    Cheapest first: the relations of ``A`` on the same difference (up to sign) decide it
    syntactically; a linear difference none of whose symbols (transitively) appears in ``A``
    nor carries a sign assumption is open at once; a decision made before under fewer
    assumptions is reused; a linear comparison under linear relations and disjunctions of
    linear ``Ne`` (non-constancy) is decided by the signs of the difference at stored exact
    witness points of the region and by exact LPs for the signs still in question
    (`_deciding_signs`), and proved open (`OpenComparison`: both sides satisfiable) when
    signs on both sides are feasible;
    otherwise the sign engine (`symalign.engines.signs.decide`) decides, under the
    assumptions that share symbols with it (transitively).
    """
    rel = sympy.sympify(rel)
    if rel is sympy.true or rel is sympy.false:
        return bool(rel)
    d, want = _difference(rel)
    if d.is_number:
        return bool(want & {int(sign(d, "a comparison"))})
    rels = [r for r in A if type(r) in _SIGNS]
    possible, nd = {-1, 0, 1}, -d
    for r in rels:
        e, allowed = _difference(r)
        if e == d:
            possible &= allowed
        elif e == nd:
            possible &= {-x for x in allowed}
    if possible <= want:
        return True
    if not possible & want:
        return False
    related = _related(d.free_symbols, A)
    free = all(s.is_positive is None and s.is_negative is None and s.is_nonnegative is None
               and s.is_nonpositive is None and s.is_zero is None for s in d.free_symbols)
    # the relations alone first (a decision under fewer assumptions holds under all); the
    # comparison is certified open only when nothing else (e.g. a disjunction) was left out
    relations = [r for r in related if type(r) in _SIGNS]
    linear = all(_is_linear(x) for x in [rel] + relations)
    if not related and free and linear:
        raise OpenComparison(rel)
    key = frozenset(related)
    for known, value in _DECIDED.get(rel, ()):
        if known <= key:            # decided under fewer assumptions: holds here too
            return value
    v = _decide_linear(rel, d, want, related, relations, linear)
    if len(_DECIDED) > 20000:
        _DECIDED.clear()
    _DECIDED.setdefault(rel, []).append((key, v))
    return v


def _related(syms, A) -> list:
    """The assumptions of ``A`` that share symbols with ``syms`` (transitively), in order:
    the others constrain independent parameters and cannot change a decision on ``syms``."""
    syms, related, rest = set(syms), [], list(A)
    grew = True
    while grew:
        grew = False
        for r in list(rest):
            if getattr(r, "free_symbols", set()) & syms:
                related.append(r)
                rest.remove(r)
                syms |= r.free_symbols
                grew = True
    return related


#: ``rel -> [(assumptions, truth)]``: decisions of `decide_or_split`, reused under supersets
_DECIDED: dict = {}


def _decide_linear(rel, d, want, related, relations, linear) -> bool:
    v, alts = None, _alternatives([r for r in related if type(r) not in _SIGNS])
    if linear and alts is not None:   # the feasible signs of d: witness points, exact LPs
        from symalign.engines.signs import _ctx
        signs = _deciding_signs(d, want, _ctx(tuple(relations)), relations, alts)
        if signs is not None:
            v = True if signs <= want else False if not signs & want else None
            if v is None:
                raise OpenComparison(rel)
    if v is None:
        v = decide(rel, tuple(related)).value
    if v is None:
        raise UndecidableError(rel, "the comparison")
    return bool(v)


_SIGN_FORM = {1: lambda d: (d, ">"), 0: lambda d: (d, "=="), -1: lambda d: (-d, ">")}


def _alternatives(conditions):
    """Each condition a disjunction of linear ``Ne`` (e.g. "the utility is not constant") as
    its list of alternative strict forms; None when some condition is of another kind."""
    out = []
    for c in conditions:
        if c not in _ALTERNATIVES:      # memoised: the same conditions recur at every node
            if len(_ALTERNATIVES) > 20000:
                _ALTERNATIVES.clear()
            _ALTERNATIVES[c] = _alternatives_of(c)
        if _ALTERNATIVES[c] is None:
            return None
        out.append(_ALTERNATIVES[c])
    return out


_ALTERNATIVES: dict = {}


def _alternatives_of(c):
    c = sympy.sympify(c)
    if isinstance(c, sympy.Not) and isinstance(c.args[0], sympy.And):
        c = sympy.Or(*[_negate(a) for a in c.args[0].args])
    args = c.args if isinstance(c, sympy.Or) else (c,)
    if not all(isinstance(a, sympy.Ne) and _is_linear(a) for a in args):
        return None
    alts = []
    for a in args:
        e = sympy.expand(a.lhs - a.rhs)
        alts += [(e, ">"), (-e, ">")]
    return alts


def _positive_at(e, point) -> bool:
    v = sympy.sympify(e).xreplace(point)
    return bool(v.is_Rational and v > 0)


def _feasible(ctx, forms, alts):
    """Whether the linear assumptions, ``forms`` and every disjunction of ``alts`` have a
    common solution (True, False, or None when not linear).

    The linear part is a convex set ``P``; each disjunction of ``Ne`` is the complement of a
    linear subspace, and a convex set lies in a union of subspaces only if it lies in one of
    them. So the system is feasible iff ``P`` is non-empty and, for each disjunction, one of
    its alternatives is feasible together with ``P`` alone.
    """
    if ctx.witness_satisfying(forms, alts) is not None:
        return True                 # an exact witness of an earlier LP lies in the system
    ok, point = ctx.feasible(forms)
    if not ok:
        return ok
    _remember(point)
    if point is not None and all(any(_positive_at(e, point) for e, _ in alt) for alt in alts):
        return True                 # the LP's witness point satisfies every disjunction
    for alt in alts:
        found = False
        for form in alt:
            ok, point = ctx.feasible(forms + [form])
            if ok:
                _remember(point)
            if ok is None:
                return None
            if ok:
                found = True
                break
        if not found:
            return False
    return True


def _deciding_signs(d, want, ctx, relations, alts):
    """Feasible signs of the linear ``d`` under the linear ``relations`` and the disjunctions
    ``alts``, enough of them to decide ``d``'s relation: a set ``S`` with ``S <= want`` iff
    every feasible sign is wanted and ``S & want`` empty iff none is (None: not linear).

    Signs seen at a stored witness point of the region need no LP; a sign is tested by an
    exact LP only while the question it answers (is some wanted sign feasible, is some other
    sign feasible) is still open, so an open comparison costs no LP once each side has a
    witness (the LPs of the parent's split supply one side of each child region).
    """
    seen = _witnessed_signs(d, want, relations, alts)
    for x in (1, 0, -1):
        if x in seen or (seen & want if x in want else seen - want):
            continue
        ok = _feasible(ctx, [_SIGN_FORM[x](d)], alts)
        if ok is None:
            return None
        if ok:
            seen.add(x)
    return seen


#: rational points found by the exact LPs of `_feasible`, newest last, each as integer
#: numerators and a positive common denominator: each satisfies the linear system of its LP
#: and is reused wherever it satisfies a region exactly
_WITNESSES: list = []
#: expression -> ``(((symbol, int), ...), int)``: a positive multiple of its linear form
#: with integer coefficients, or None when it is not linear
_LINEAR_FORMS: dict = {}


def _remember(point):
    if point:
        if len(_WITNESSES) >= 600:
            del _WITNESSES[:300]
        q = math.lcm(*[int(v.q) for v in point.values()])
        _WITNESSES.append(({s: int(v.p) * (q // int(v.q)) for s, v in point.items()}, q))


def _linear_form(e):
    hit = _LINEAR_FORMS.get(e, False)
    if hit is False:
        if len(_LINEAR_FORMS) > 50000:
            _LINEAR_FORMS.clear()
        terms = list(sympy.expand(e).as_coefficients_dict().items())
        if all(c.is_Rational and (t is sympy.S.One or t.is_Symbol) for t, c in terms):
            q = math.lcm(*[int(c.q) for _, c in terms])
            const = sum(int(c.p) * (q // int(c.q)) for t, c in terms if t is sympy.S.One)
            hit = (tuple((t, int(c.p) * (q // int(c.q))) for t, c in terms
                         if t is not sympy.S.One), const)
        else:
            hit = None
        _LINEAR_FORMS[e] = hit
    return hit


def _sign_at(form, point):
    """The sign of a linear form at a stored point (None when the point misses a symbol)."""
    (terms, const), (num, q) = form, point
    v = const * q
    for s, c in terms:
        x = num.get(s)
        if x is None:
            return None
        v += c * x
    return (v > 0) - (v < 0)


def _witnessed_signs(d, want, relations, alts) -> set:
    """The signs of ``d`` at the stored points that satisfy the region exactly: every
    relation, every disjunction and the symbols' sign assumptions; when they show one side
    of the comparison only, a region point moved in one coordinate (`_moved`) may show the
    other."""
    fd = _linear_form(d)
    if fd is None:
        return set()
    checks = []
    for r in reversed(relations):       # the newest (a path's own) exclude most points
        e, allowed = _difference(r)
        checks.append((_linear_form(e), allowed))
    for s in d.free_symbols.union(*[r.free_symbols for r in relations]):
        allowed = ({1} if s.is_positive else {0, 1} if s.is_nonnegative else
                   {-1} if s.is_negative else {-1, 0} if s.is_nonpositive else None)
        if allowed is not None:
            checks.append((_linear_form(s), allowed))
    ors = [[_linear_form(e) for e, _ in alt] for alt in alts]
    if any(f is None for f, _ in checks) or any(f is None for alt in ors for f in alt):
        return set()
    def inside(point):
        return all(_sign_at(f, point) in allowed for f, allowed in checks) and \
            all(any(_sign_at(f, point) == 1 for f in alt) for alt in ors)

    seen, found = set(), []
    for point in reversed(_WITNESSES):
        x = _sign_at(fd, point)
        if x is None or x in seen:
            continue
        if inside(point):
            seen.add(x)
            found.append(point)
            if seen & want and seen - want:
                return seen
    for point in found:     # the other side: one coordinate of a region point moved
        for q in _moved(fd, point):
            x = _sign_at(fd, q)
            if x not in seen and (x in want) != bool(seen & want) and inside(q):
                seen.add(x)
                _WITNESSES.append(q)
                return seen
    return seen


def _moved(form, point):
    """Points that differ from ``point`` in one symbol of the linear ``form`` and give it the
    value 0, 1 or -1 (candidates only: each is checked against the region exactly)."""
    (terms, const), (num, q) = form, point
    v = const * q + sum(c * num[s] for s, c in terms)
    for s, c in terms:
        k = abs(c)                     # scale the point by |c| so that the move is integral
        scaled = {t: x * k for t, x in num.items()}
        for target in (0, 1, -1):
            moved = dict(scaled)
            moved[s] += (target * q - v) * (1 if c > 0 else -1)
            yield moved, q * k


class OpenComparison(UndecidableError):
    """A linear comparison that the exact LP proved open: both it and its negation are
    satisfiable together with the assumptions (so `split_cases` keeps both sides unchecked)."""

    def __init__(self, condition, context: str = "the comparison"):
        super().__init__(condition, context)


def _is_linear(rel) -> bool:
    if type(rel) not in _SIGNS:
        return False
    d = sympy.expand(rel.lhs - rel.rhs)
    syms = sorted(d.free_symbols, key=str)
    if not syms:
        return True
    try:
        return sympy.Poly(d, *syms).total_degree() <= 1
    except sympy.PolynomialError:
        return False


def path_condition(path):
    """The conjunction of a `split_cases` path: the relations on one difference (up to sign)
    combined into one (``x >= y`` and ``x <= y`` give ``Eq(x, y)``, ``x >= y`` and ``x > y``
    give ``x > y``), each in canonical form, in the order of their first appearance."""
    from symalign.engines.signs import _canon
    diffs, allowed = [], []
    for c in path:
        d, signs = _difference(sympy.sympify(c))
        for k, e in enumerate(diffs):
            if e == d or e == -d:
                allowed[k] &= signs if e == d else {-x for x in signs}
                break
        else:
            diffs.append(d)
            allowed.append(set(signs))
    rel = {frozenset(v): k for k, v in _SIGNS.items()}
    out = []
    for d, signs in zip(diffs, allowed):
        if not signs:
            return sympy.false
        out.append(sympy.true if len(signs) == 3 else _canon(rel[frozenset(signs)](d, 0), ()))
    return sympy.And(*out)


def principals_optimum_term(dg, profile, f, ratios, B):
    """``(s_hat*, sum_i f_i (r_i - 1)(u_i(s_hat*) - u_i(sigma)))`` of Form P: ``(None, 0)``
    when every ``r_i = 1``; a ``Piecewise`` over the principals' welfare maximiser (and
    ``s_hat*`` None) when the assumptions do not decide it."""
    from symalign.core.profiles import expected_payoff
    from symalign.delegation.model import group_welfare
    from symalign.normalform import ca

    def cal_at(s_hat):
        return _tidy(sympy.Add(*(fi * (ri - 1) * (dg.agents.payoff(i, s_hat)
                                                   - expected_payoff(dg.agents, i, profile))
                                 for i, (fi, ri) in enumerate(zip(f, ratios)))))

    if all(decide(sympy.Eq(ri, 1), B).value for ri in ratios):
        return None, sympy.Integer(0)        # calibrated at r = 1: the term vanishes
    try:
        s_hat = ca.welfare_maximisers(dg.principals, list(dg.weights) if dg.weights else None)[0]
        return s_hat, cal_at(s_hat)
    except UndecidableError:             # the principals' optimum depends on the region
        W = {s: group_welfare(dg, s, "principals") for s in dg.principals.outcomes()}
        # the branches' regions only under the assumptions on the principals' parameters
        related = tuple(_related(set().union(*[w.free_symbols for w in W.values()]), B))
        return None, piecewise([(cal_at(s), sympy.And(*[sympy.Ge(W[s], W[t]) for t in W
                                                         if t != s])) for s in W], related)
