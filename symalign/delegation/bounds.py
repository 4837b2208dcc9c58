"""Welfare-regret bounds for delegation games (Sourbut, Hammond & Wood (2024)), each with its own
name and hypotheses (docs/discussion/delegation.rst, "The welfare-regret bounds").

None of these is "Theorem 1 of the paper": that statement was not available when symalign was
written. Each form is either the functional form the authors' public code evaluates, or a bound
derived for symalign with a proof sketch:

* `form_a`: ratio-shift bound, ``WR_hat <= R WR + 2 K_d sum m_hat_i d_i + K_m sum m_i |r_i - R|``
  for any ``R >= 0`` (optimal ``R`` over ``{0} ∪ {r_i}``), capped by ``K_m sum m_hat_i``;
* `form_a1`: the perfectly calibrated special case ``WR_hat <= r WR + 2 K_d sum m_hat_i d_i``
  whose hypothesis is ``r_0 = ... = r_{n-1}``;
* `form_p`: the bound plotted in the grid scan, with the capability decomposition;
* `form_c`: the CA-coupled calibration term;
* `prop_b`: the ideal-regret bound ``w_hat^+ - w_hat* <= (1 - CA_hat) sum m_hat_i``.

A form whose hypotheses fail returns a record with ``holds_hypotheses=False`` and the reason,
never a number. Every verdict ``regret <= bound`` is exact (`symalign.engines.algebraic.sign`).
`check_bounds` is the fast validator: rigorous float intervals first, exact arithmetic for the
cases the intervals cannot separate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

import sympy
from sympy import Integer

from symalign.normalform import ca
from symalign.engines.algebraic import Interval, compare, imax, sign
from symalign.engines.symbolic import finish as _tidy
from symalign.engines.piecewise import closed_abs, closed_max, piecewise, tidy_unless_large
from symalign.engines.signs import decide
from symalign.delegation.alignment import _collective, _magnitude_times_distance, _members
from symalign.delegation.casesplit import (
    decide_or_split, dispatch as _dispatch, min_by_pieces as _min_by_pieces, regret_once,
    principals_optimum_term, split_cases, tree_leaves, tree_value, verdict as _verdict)
from symalign.delegation.model import (DelegationGame, _probabilities, _require, group_welfare, ideal_regret,
                         welfare_regret)
from symalign.core.errors import SymalignError, UndecidableError, UndefinedMetricError
from symalign.delegation.standardisation import EPIC, Standardisation, _num_std_of_game

__all__ = [
    "RegretBound",
    "form_a",
    "form_a1",
    "form_p",
    "form_c",
    "prop_b",
    "all_bounds",
    "tightness",
    "check_bounds",
    "BoundCheck",
]

_H = {
    "H1": "(H1) D is finite; w and w_hat are both sum-form or both average-form",
    "H2": "(H2) a standardisation (c, m) with distance d and constants K_m, K_d (Sourbut, Hammond & Wood (2024); Gleave et al. (2021))",
    "H3": "(H3) sigma is any distribution over S; no rationality assumption",
    "H4": "(H4) m_i > 0 for every agent, so every r_i is defined",
    "Hinf": "the scale norm satisfies ||x||_inf <= m(x)",
}


@dataclass(frozen=True)
class RegretBound:
    """One welfare-regret bound evaluated on a delegation game and profile (Sourbut, Hammond & Wood (2024), welfare-regret bounds (forms of the authors' code)).

    ``regret`` is the bounded quantity (principals' welfare regret, or the ideal regret for
    Prop B); ``value`` the bound; ``cooperation``, ``alignment`` and ``calibration`` its terms
    (the three failure terms of Sourbut, Hammond & Wood's blog post, 2024). ``holds`` is the exact verdict ``regret <= value``.
    When ``holds_hypotheses`` is False, ``reason`` says which hypothesis fails and ``value``
    is None.

    Examples
    ========

    The calibration counterexample of the calibration-is-necessary example (symalign): Form A with the optimal R gives 4/3.

    >>> import symalign as sa
    >>> ex = sa.calibration_example()
    >>> b = sa.form_a(ex.game, ex.profile)
    >>> b.value, b.regret, b.holds
    (4/3, 1, True)
    """

    form: str
    holds_hypotheses: bool
    regret: sympy.Expr
    value: sympy.Expr | None
    cooperation: sympy.Expr | None = None
    alignment: sympy.Expr | None = None
    calibration: sympy.Expr | None = None
    holds: bool | None = None
    reason: str = ""
    standardisation: Standardisation = field(default=EPIC, repr=False)
    hypotheses: tuple = field(default=(), repr=False)
    source: str = field(default="", repr=False)
    details: dict = field(default_factory=dict, repr=False, compare=False)


def _check(dg, std):
    _require(dg)
    if not isinstance(std, Standardisation):
        raise SymalignError(f"Argument 'standardisation' is {std!r}; pass a Standardisation.")


def _abs(x, A=()):
    x = sympy.sympify(x)
    if not x.free_symbols:
        return x if sign(x, "an absolute value") >= 0 else -x
    return closed_abs(x, A)


#: Forms A, A1, C, P use principals only via m_hat_i, m_hat_i d_i (continuous) and welfare
_AGENTS = ("agents",)


def _failed(form, regret, reason, std, hyps, source) -> RegretBound:
    return RegretBound(form, False, regret, None, reason=reason, standardisation=std,
                       hypotheses=hyps, source=source)


class _Ctx:
    """Private: the exact quantities shared by every form (``zero`` at once, the others when
    first used: Form P needs few, and only ``WRh`` on a case where an agent is indifferent)."""

    def __init__(self, dg: DelegationGame, profile, std: Standardisation, assumptions=None):
        self.dg, self.std, self.profile = dg, std, profile
        self.A = B = tuple(dg.assumptions) if assumptions is None else tuple(assumptions)
        self.f = f = dg.factors()
        agents = _members(dg.agents, std, B)
        self.zero = [True if fi == 0 else a.constant for fi, a in zip(f, agents)]
        for i, z in enumerate(self.zero):
            if z is not True and z is not False:
                raise UndecidableError(z, f"whether agent {i} is indifferent")

    def __getattr__(self, name):        # a quantity not yet computed
        dg, std, B, f, pr = self.dg, self.std, self.A, self.f, self.profile
        if name in ("ma", "mp"):
            ms = _members(dg.agents if name == "ma" else dg.principals, std, B)
            value = [_tidy(fi * m.magnitude) for fi, m in zip(f, ms)]
        elif name == "md":
            value = [_magnitude_times_distance(dg, i, std, B) for i in range(dg.n)]
        elif name in ("WR", "WRh"):      # memoised on the group's game (shared by the cases)
            group = "agents" if name == "WR" else "principals"
            value = None if pr is None else regret_once(dg, pr, group)
        elif name == "align":
            value = _tidy(2 * std.K_d * sympy.Add(*(fi * md for fi, md in zip(f, self.md))))
        else:
            raise AttributeError(name)
        setattr(self, name, value)
        return value

    def ratios(self):
        return [None if z else _tidy(p / m) for z, p, m in zip(self.zero, self.mp, self.ma)]


def _form_a_value(ctx: _Ctx, R):
    r = ctx.ratios()
    cal = sympy.Add(*(m * _abs(_tidy(ri - R), ctx.A) for m, ri in zip(ctx.ma, r)
                      if ri is not None))
    cal = _tidy(ctx.std.K_m * cal)
    coop = _tidy(R * ctx.WR)
    return coop, cal, _tidy(coop + ctx.align + cal)


def form_a(dg: DelegationGame, profile, *, R=None, standardisation: Standardisation = EPIC,
           cap: bool = True, assumptions=None, strict: bool = False) -> RegretBound:
    """Form A, the ratio-shift bound (the functional form of the authors' code; the proof is derived
    for symalign, docs/discussion/delegation.rst).

    ``WR_hat(sigma) <= R WR(sigma) + 2 K_d sum_i m_hat_i d_i + K_m sum_i m_i |r_i - R|`` for
    every ``R >= 0``. Without ``R`` the optimum over ``{0} ∪ {r_i}`` is used (the right side
    is convex piecewise linear in ``R``); with ``cap=True`` the value is the minimum with the
    trivial bound ``K_m sum_i m_hat_i``. Indifferent agents (``m_i = 0``) are dropped from the
    calibration sum and the candidates (symalign's extension beyond H4).

    Examples
    ========

    The calibration example of the calibration-is-necessary example (symalign) (``R = 0``: 3, ``R = 1/3``: 4/3, ``R = 1``: 2):

    >>> from symalign.delegation import DelegationGame
    >>> from symalign.delegation.bounds import form_a
    >>> dg = DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]])
    >>> [form_a(dg, (0, 0), R=R, cap=False).value for R in (0, "1/3", 1)]
    [3, 4/3, 2]
    >>> b = form_a(dg, (0, 0))
    >>> b.regret, b.value, b.details["R"], b.holds
    (1, 4/3, 1/3, True)

    Parameters
    ==========

    dg : DelegationGame
    profile : pure, mixed or correlated profile of the agents
    R : exact non-negative number, optional
    standardisation : Standardisation
    cap : bool

    Returns
    =======

    RegretBound

    """
    std = standardisation
    _check(dg, std)
    return _dispatch(dg, assumptions, strict, "Form A",
                     lambda d, B: _form_a(d, profile, R, std, cap, B), _AGENTS)


def _form_a(dg, profile, R, std, cap, B) -> RegretBound:
    ctx = _Ctx(dg, profile, std, B)
    hyps = (_H["H1"], _H["H2"], _H["H3"], "R >= 0")
    src = ("Form A: the form evaluated by the authors' code (regret_bounds.py), proof derived "
           "for symalign")
    if R is not None:
        from symalign.core.exact import to_exact
        R = to_exact(R, name="R")
        if sign(R, "R >= 0") < 0:
            return _failed("Form A", ctx.WRh, f"Argument 'R' is {R}, but Form A needs R >= 0.",
                           std, hyps, src)
        candidates = [R]
    else:
        candidates = [Integer(0)] + [ri for ri in ctx.ratios() if ri is not None]
    values = [(Rc, *_form_a_value(ctx, Rc)) for Rc in candidates]
    capv = _tidy(std.K_m * sympy.Add(*ctx.mp))
    totals = [v[3] for v in values] + ([capv] if cap else [])
    if any(sympy.sympify(t).free_symbols for t in totals):   # a closed form (issue 14)
        value = _min_by_pieces(totals, B)
        pick = [v for v in values if v[3] == value] + [(None, None, None, value)]
        Rb, coop, cal, total = pick[0]
        binding = ("formula" if len(pick) > 1 else "cap" if cap and value == capv else
                   "piecewise: the minimum over the optimal-R candidates and the cap")
    else:
        best = None
        for entry in values:
            if best is None or compare(entry[3], best[3], "the optimal R") < 0:
                best = entry
        Rb, coop, cal, total = best
        value, binding = total, "formula"
        if cap and compare(capv, total, "the cap") < 0:
            value, binding = capv, "cap"
    return RegretBound("Form A", True, ctx.WRh, value, coop, ctx.align, cal,
                       _verdict(ctx.WRh, value, B), "", std, hyps, src,
                       {"R": Rb, "cap": capv, "uncapped": total, "binding": binding,
                        "candidates": tuple(candidates)})


def form_a1(dg: DelegationGame, profile, *, standardisation: Standardisation = EPIC,
            assumptions=None, strict: bool = False) -> RegretBound:
    """Form A₁, the perfectly calibrated case ``WR_hat <= r WR + 2 K_d sum m_hat_i d_i``
    (docs/discussion/delegation.rst, Form A1).

    Hypothesis: every agent has ``m_i > 0`` and all welfare ratios are equal (``r_i = r``).
    Under EPIC with ``r = 1`` this is the code's ``WR + 4 sum m_hat_i d_i``. On miscalibrated
    games the hypothesis fails and the record says so.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation import DelegationGame
    >>> from symalign.delegation.bounds import form_a1
    >>> sh = sa.games.stag_hunt()
    >>> b = form_a1(DelegationGame(sh, sh), ("F", "F"))         # the cooperation-is-necessary example (symalign): tight at 16
    >>> b.value, b.regret, b.holds
    (16, 16, True)
    >>> dg = DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]])
    >>> form_a1(dg, (0, 0)).holds_hypotheses
    False

    """
    std = standardisation
    _check(dg, std)
    return _dispatch(dg, assumptions, strict, "Form A1",
                     lambda d, B: _form_a1(d, profile, std, B), _AGENTS)


def _form_a1(dg, profile, std, B) -> RegretBound:
    ctx = _Ctx(dg, profile, std, B)
    hyps = (_H["H1"], _H["H2"], _H["H3"], _H["H4"], "r_0 = ... = r_{n-1} (perfect calibration)")
    src = "Form A1: the simple bound of the authors' code (regret_bounds.py)"
    if any(ctx.zero):
        return _failed("Form A1", ctx.WRh, "an agent is indifferent (m_i = 0), so its ratio "
                       "r_i is undefined (H4)", std, hyps, src)
    r = ctx.ratios()
    calibrated = [decide(sympy.Eq(_tidy(ri - r[0]), 0), B).value for ri in r[1:]]
    if any(v is False for v in calibrated):
        return _failed("Form A1", ctx.WRh, f"the agents are not perfectly calibrated: "
                       f"r = {tuple(r)}", std, hyps, src)
    coop = _tidy(r[0] * ctx.WR)
    value = _tidy(coop + ctx.align)
    if any(v is None for v in calibrated):     # the hypothesis holds only where r_i = r_0
        cond = sympy.And(*[sympy.Eq(ri, r[0]) for ri, v in zip(r[1:], calibrated) if v is None])
        value = piecewise([(value, cond), (sympy.nan, sympy.true)], B)
    return RegretBound("Form A1", True, ctx.WRh, value, coop, ctx.align, Integer(0),
                       _verdict(ctx.WRh, value, B), "", std, hyps, src, {"r": r[0]})


def _norm_ok(std: Standardisation) -> bool:
    return std.distribution is None  # L1, L2 and Linf all dominate Linf; L2(D) need not


def form_c(dg: DelegationGame, profile, *, standardisation: Standardisation = EPIC,
           assumptions=None, strict: bool = False) -> RegretBound:
    """Form C, the CA-coupled calibration term (Form C (derived for symalign), derived; not confirmed as the paper's).

    ``WR_hat <= r_bar WR + 2 K_d sum m_hat_i d_i + 2 max_i |r_i - r_bar| (1 - CA) sum m_i``
    with ``r_bar = sum m_hat_i / sum m_i`` and CA the agents' collective alignment. The
    calibration term vanishes under perfect calibration or perfect collective alignment.

    Examples
    ========

    >>> from symalign.delegation import DelegationGame
    >>> from symalign.delegation.bounds import form_c
    >>> dg = DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]])
    >>> b = form_c(dg, (0, 0))                                  # the calibration-is-necessary example (symalign)
    >>> b.value, b.holds
    (48*sqrt(2)/25, True)

    """
    std = standardisation
    _check(dg, std)
    return _dispatch(dg, assumptions, strict, "Form C",
                     lambda d, B: _form_c(d, profile, std, B), _AGENTS)


def _form_c(dg, profile, std, B) -> RegretBound:
    ctx = _Ctx(dg, profile, std, B)
    hyps = (_H["H1"], _H["H2"], _H["H3"], _H["H4"], _H["Hinf"])
    src = "Form C: derived for symalign"
    if any(ctx.zero):
        return _failed("Form C", ctx.WRh, "an agent is indifferent (m_i = 0), so H4 fails",
                       std, hyps, src)
    if not _norm_ok(std):
        return _failed("Form C", ctx.WRh, f"the scale norm of {std.name} does not dominate "
                       "the L-infinity norm", std, hyps, src)
    rbar = _tidy(sympy.Add(*ctx.mp) / sympy.Add(*ctx.ma))
    ca_agents = _collective(_members(dg.agents, std, B), dg.factors(), std, B)
    gaps = [_abs(_tidy(ri - rbar), B) for ri in ctx.ratios()]
    if any(sympy.sympify(x).free_symbols for x in gaps):
        spread = closed_max(gaps, B)
    else:
        spread = None
        for x in gaps:
            if spread is None or compare(x, spread, "max |r_i - r_bar|") > 0:
                spread = x
    cal = tidy_unless_large(2 * spread * (1 - ca_agents) * sympy.Add(*ctx.ma))
    coop = _tidy(rbar * ctx.WR)
    value = tidy_unless_large(coop + ctx.align + cal)
    return RegretBound("Form C", True, ctx.WRh, value, coop, ctx.align, cal,
                       _verdict(ctx.WRh, value, B), "", std, hyps, src,
                       {"r_bar": rbar, "CA": ca_agents})


def prop_b(dg: DelegationGame, *, standardisation: Standardisation = EPIC, assumptions=None,
           strict: bool = False) -> RegretBound:
    """Prop B, the ideal-regret bound ``w_hat^+ - w_hat* <= (1 - CA_hat) sum m_hat_i``
    (docs/discussion/delegation.rst, Prop B).

    Collective alignment of the principals bounds their alignment gap ``-alpha(G_hat)``.

    Examples
    ========

    >>> from symalign.delegation import DelegationGame
    >>> from symalign.delegation.bounds import prop_b
    >>> dg = DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]])
    >>> b = prop_b(dg)                                          # the calibration-is-necessary example (symalign)
    >>> b.regret, b.value, b.holds
    (1, 4*sqrt(2)/3, True)

    """
    std = standardisation
    _check(dg, std)
    return _dispatch(dg, assumptions, strict, "Prop B", lambda d, B: _prop_b(d, std, B),
                     ("principals",))


def _prop_b(dg, std, B) -> RegretBound:
    hyps = (_H["H1"], _H["H2"], _H["Hinf"])
    src = ("Prop B: the ideal regret of the authors' code (measures.py), proof derived for "
           "symalign")
    regret = ideal_regret(dg)
    if not _norm_ok(std):
        return _failed("Prop B", regret, f"the scale norm of {std.name} does not dominate the "
                       "L-infinity norm", std, hyps, src)
    P = _members(dg.principals, std, B)
    try:
        ca_p = _collective(P, dg.factors(), std, B)
    except UndefinedMetricError as exc:
        return _failed("Prop B", regret, f"the principals' collective alignment is undefined: "
                       f"{exc.reason}", std, hyps, src)
    total = _tidy(sympy.Add(*(f * p.magnitude for f, p in zip(dg.factors(), P))))
    value = tidy_unless_large((1 - ca_p) * total)
    return RegretBound("Prop B", True, regret, value, None, value, None,
                       _verdict(regret, value, B), "", std, hyps, src, {"CA_hat": ca_p})


def form_p(dg: DelegationGame, profile, *, cc, eps=0, standardisation: Standardisation = EPIC,
           assumptions=None, strict: bool = False) -> RegretBound:
    """Form P, the bound plotted in the authors' grid scan (Form P of the authors' code), in the game's welfare form.

    ``WR_hat <= (1 - CC)(w* - w_0) + (w_0 - w_eps) + 2 K_d sum_i m_hat_i d_i
    + sum_i (r_i - 1)(u_i(s_hat*) - u_i(sigma))`` (each term divided by ``n`` in the average
    form; EPIC gives the code's ``4/n sum m_hat_i (1 - IA_i)``). It is the key lemma with
    ``R = 1``. Hypotheses: H4, a pure NE exists, and ``w(sigma) >= w_eps + CC (w* - w_0)``
    (the profile lies in the CC window, so ``WR <= (1 - CC)(w* - w_0) + (w_0 - w_eps)``).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.delegation import DelegationGame
    >>> from symalign.delegation.bounds import form_p
    >>> sh = sa.games.stag_hunt()
    >>> b = form_p(DelegationGame(sh, sh, welfare="average"), ("F", "F"), cc=0)
    >>> b.value, b.regret, b.holds                    # (1 - 0)(10 - 2) + 0 + 0 + 0 = 8
    (8, 8, True)

    """
    from symalign.core.exact import to_exact
    std = standardisation
    _check(dg, std)
    cc = to_exact(cc, name="cc")
    return _dispatch(dg, assumptions, strict, "Form P",
                     lambda d, B: _form_p(d, profile, cc, eps, std, B), _AGENTS)


def _form_p(dg, profile, cc, eps, std, B) -> RegretBound:
    from .capability import _reference_welfares
    ctx = _Ctx(dg, profile, std, B)
    hyps = (_H["H1"], _H["H2"], _H["H4"], "a pure Nash equilibrium exists",
            "w(sigma) >= w_eps + CC (w* - w_0) (sigma in the CC window)")
    src = "Form P: the plotted bound of the authors' code (measures.py get_bounds)"
    if any(ctx.zero):
        return _failed("Form P", ctx.WRh, "an agent is indifferent (m_i = 0), so H4 fails",
                       std, hyps, src)
    s_hat, cal = principals_optimum_term(dg, profile, ctx.f, ctx.ratios(), B)
    w_sigma = group_welfare(dg, profile, "agents")

    def case(A):   # one case of the pure equilibria (every comparison decided, or split on)
        try:
            _, _, _, w_star, w0, w_eps = _reference_welfares(dg, eps, "pure", A,
                                                             not dg.agents.is_numeric)
        except UndefinedMetricError as exc:
            return exc.reason
        window = _tidy(w_sigma - w_eps - cc * (w_star - w0))
        inside = decide(sympy.Ge(window, 0), A).value if window.has(sympy.Max) \
            else decide_or_split(sympy.Ge(window, 0), A)
        if inside is False:
            return (f"the profile's welfare {w_sigma} is below the CC window's lower end "
                    f"{_tidy(w_eps + cc * (w_star - w0))}")
        coop = _tidy((1 - cc) * (w_star - w0) + (w0 - w_eps))
        if inside is None:         # the hypothesis holds only inside the CC window
            coop = piecewise([(coop, sympy.Ge(window, 0)), (sympy.nan, sympy.true)], A)
        return coop, {"s_hat_star": s_hat, "w_star": w_star, "w_0": w0, "w_eps": w_eps, "CC": cc}

    tree = split_cases(case, B, context="Form P")
    ok = [v for _, v in tree_leaves(tree) if not isinstance(v, str)]
    if not ok:
        return _failed("Form P", ctx.WRh, tree_leaves(tree)[-1][1], std, hyps, src)
    coop = tree_value(tree, lambda v: None if isinstance(v, str) else v[0])
    value = _tidy(coop + ctx.align + cal)
    reasons = "; ".join(sorted({v for _, v in tree_leaves(tree) if isinstance(v, str)}))
    return RegretBound("Form P", True, ctx.WRh, value, coop, ctx.align, cal,
                       _verdict(ctx.WRh, value, B), reasons, std, hyps, src,
                       ok[0][1] if tree.condition is None else {"s_hat_star": s_hat, "cases": tree,
                                                                "CC": cc})


def all_bounds(dg: DelegationGame, profile, *, standardisation: Standardisation = EPIC,
               cc=None, eps=0) -> tuple[RegretBound, ...]:
    """Form A, Form A₁, Form C and Prop B (and Form P when ``cc`` is given), in that order.

    Examples
    ========

    >>> from symalign.delegation import DelegationGame
    >>> from symalign.delegation.bounds import all_bounds
    >>> dg = DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]])
    >>> [(b.form, b.holds) for b in all_bounds(dg, (0, 0))]
    [('Form A', True), ('Form A1', None), ('Form C', True), ('Prop B', True)]

    """
    out = [form_a(dg, profile, standardisation=standardisation),
           form_a1(dg, profile, standardisation=standardisation),
           form_c(dg, profile, standardisation=standardisation),
           prop_b(dg, standardisation=standardisation)]
    if cc is not None:
        out.append(form_p(dg, profile, cc=cc, eps=eps, standardisation=standardisation))
    return tuple(out)


def tightness(bound: RegretBound) -> sympy.Expr:
    """``regret / bound``: 1 means the bound is attained (Sourbut, Hammond & Wood (2024), welfare-regret bounds (forms of the authors' code) footnote on tightness).

    Examples
    ========

    >>> from symalign.delegation import DelegationGame
    >>> from symalign.delegation.bounds import form_a, tightness
    >>> dg = DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]])
    >>> tightness(form_a(dg, (0, 0)))
    3/4

    Raises
    ======

    UndefinedMetricError
        If the hypotheses fail or the bound is 0.

    """
    if not isinstance(bound, RegretBound):
        raise SymalignError(f"Argument 'bound' is {bound!r}; pass a RegretBound.")
    if not bound.holds_hypotheses:
        raise UndefinedMetricError("tightness", f"{bound.form}'s hypotheses fail: "
                                   f"{bound.reason}")
    value = sympy.piecewise_fold(sympy.sympify(bound.value))
    if value.free_symbols:      # a closed form wherever the bound is not 0, branch by branch
        arms = value.args if isinstance(value, sympy.Piecewise) else [(value, sympy.true)]
        out = piecewise([p for v, c in arms for p in ((sympy.nan, sympy.And(c, sympy.Eq(v, 0))),
                                                       (bound.regret / v, c))])
        if out is sympy.nan:
            raise UndefinedMetricError("tightness", f"{bound.form}'s value is 0")
        return out
    if sign(value, "whether the bound is 0") == 0:
        raise UndefinedMetricError("tightness", f"{bound.form}'s value is 0")
    return _tidy(sympy.radsimp(bound.regret / value))


# -- the fast validator ------------------------------------------------------------------------

@dataclass(frozen=True)
class BoundCheck:
    """Exact verdicts of `check_bounds`: for each form True (holds), False (violated) or None
    (hypotheses fail). ``exact_fallbacks`` counts the verdicts intervals could not settle.

    Examples
    ========

    In the miscalibrated game of the calibration-is-necessary example (symalign), Form A₁ does not apply (its hypothesis of equal
    ratios fails) while Forms A, C and Prop B hold:

    >>> import symalign as sa
    >>> ex = sa.calibration_example()
    >>> sa.check_bounds(ex.game, ex.profile).verdicts
    {'A': True, 'A1': None, 'C': True, 'B': True}
    """

    verdicts: dict
    exact_fallbacks: int = 0
    method: str = field(default="float intervals with outward rounding; exact sympy fallback",
                        repr=False)


_KCACHE: dict = {}


def _const_interval(x) -> Interval:
    x = sympy.sympify(x)
    if x.is_Rational:
        return Interval.from_fraction(Fraction(int(x.p), int(x.q)))
    hit = _KCACHE.get(x)
    if hit is None:
        from mpmath import iv
        from symalign.engines.algebraic import _iv_eval
        old = iv.prec
        iv.prec = 80
        try:
            v = _iv_eval(x)
        finally:
            iv.prec = old
        import math
        hit = Interval(math.nextafter(float(v.a), -math.inf), math.nextafter(float(v.b), math.inf))
        _KCACHE[x] = hit
    return hit


def _fr(x) -> Fraction:
    return Fraction(int(x.p), int(x.q))


def check_bounds(dg: DelegationGame, profile, *, standardisation: Standardisation = EPIC,
                 forms=("A", "A1", "C", "B")) -> BoundCheck:
    """Exact verdicts of Forms A, A₁, C and Prop B, fast (numeric delegation games).

    Rigorous float intervals (outward rounding) decide almost every verdict; any interval
    that cannot separate the bound from the regret is re-decided exactly by the sympy records
    (`form_a` ... `prop_b`) and `symalign.engines.algebraic.sign`. The verdicts are the same as the
    records' ``holds``.

    Examples
    ========

    >>> from symalign.delegation import DelegationGame
    >>> from symalign.delegation.bounds import check_bounds
    >>> dg = DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]])
    >>> check_bounds(dg, (0, 0)).verdicts
    {'A': True, 'A1': None, 'C': True, 'B': True}
    >>> check_bounds(dg, (0, 0), forms=("A", "D")).verdicts
    Traceback (most recent call last):
    ...
    symalign.SymalignError: Argument 'forms' contains ['D']; the forms are 'A', 'A1', 'C' and 'B'.

    """
    std = standardisation
    _check(dg, std)
    unknown = [k for k in forms if k not in ("A", "A1", "C", "B")]
    if unknown:
        raise SymalignError(f"Argument 'forms' contains {unknown!r}; the forms are "
                            "'A', 'A1', 'C' and 'B'.")
    if not dg.is_numeric:
        out = {}
        for b, k in zip(all_bounds(dg, profile, standardisation=std), ("A", "A1", "C", "B")):
            if k in forms:
                out[k] = b.holds if b.holds_hypotheses else None
        return BoundCheck(out, len(out))
    n = dg.n
    f = [_fr(x) for x in dg.factors()]
    probs = [(k, _fr(p)) for k, p in _probabilities(dg, profile).items()]

    def welfare_int(game):
        exs = game.exact_arrays()
        coef = [fi / ex.den for fi, ex in zip(f, exs)]
        L = math.lcm(*(c.denominator for c in coef))
        ks = [c.numerator * (L // c.denominator) for c in coef]
        cols = [ex.num.reshape(-1).tolist() for ex in exs]
        W = [sum(k * col[s] for k, col in zip(ks, cols)) for s in range(len(cols[0]))]
        return W, L, cols, exs

    WA, LA, _, exA = welfare_int(dg.agents)
    WP, LP, colsP, exP = welfare_int(dg.principals)
    wsA = sum((p * WA[k] for k, p in probs), Fraction(0))
    wsP = sum((p * WP[k] for k, p in probs), Fraction(0))
    WR = (max(WA) - wsA) / LA
    WRh = (max(WP) - wsP) / LP
    IWR = Interval.from_fraction(WR)
    IWRh = Interval.from_fraction(WRh)

    NA = [_num_std_of_game(dg.agents, i, std) for i in range(n)]
    NP = [_num_std_of_game(dg.principals, i, std) for i in range(n)]
    l2 = std.norm == "L2"
    kappa = _fr(std.distance_factor)
    w = None if std.distribution is None else [_fr(x) for x in std.distribution]

    def mag(ns, fi):
        if ns.constant or fi == 0:
            return Interval(0.0, 0.0)
        if ns.P is not None:
            return Interval.from_fraction(fi * ns.scale) * Interval.from_fraction(ns.P).sqrt()
        return Interval.from_fraction(fi * ns.scale * ns.nv)

    ma = [mag(a, fi) for a, fi in zip(NA, f)]
    mp = [mag(p, fi) for p, fi in zip(NP, f)]
    zero = [a.constant or fi == 0 for a, fi in zip(NA, f)]

    def dist(a, b):
        if a.constant and b.constant:
            return Interval(0.0, 0.0)
        if a.constant or b.constant:
            return Interval.from_fraction(kappa)
        if l2:
            if w is None:
                dot = Fraction(sum(x * y for x, y in zip(a.v, b.v)))
            else:
                dot = sum((d * x * y for d, x, y in zip(w, a.v, b.v)), Fraction(0))
            rho = Interval.from_fraction(dot) / Interval.from_fraction(a.P * b.P).sqrt()
            return Interval.from_fraction(kappa) * (2 - 2 * rho).sqrt()
        na, nb = int(a.nv), int(b.nv)
        diff = [x * nb - y * na for x, y in zip(a.v, b.v)]
        val = sum(abs(x) for x in diff) if std.norm == "L1" else max(abs(x) for x in diff)
        return Interval.from_fraction(kappa * Fraction(val, na * nb))

    d = [dist(p, a) for p, a in zip(NP, NA)]
    K_m = _const_interval(std.K_m)
    K_d = _const_interval(std.K_d)
    align = 2 * K_d * sum((m * di for m, di in zip(mp, d)), Interval(0.0, 0.0))
    r = [None if z else p / m for z, p, m in zip(zero, mp, ma)]
    verdicts: dict = {}
    fallbacks = 0
    exact_cache: dict = {}

    def exact(key):
        nonlocal fallbacks
        fallbacks += 1
        if key not in exact_cache:
            rec = {"A": lambda: form_a(dg, profile, standardisation=std),
                   "A1": lambda: form_a1(dg, profile, standardisation=std),
                   "C": lambda: form_c(dg, profile, standardisation=std),
                   "B": lambda: prop_b(dg, standardisation=std)}[key]()
            exact_cache[key] = rec.holds if rec.holds_hypotheses else None
        return exact_cache[key]

    def decide_all(values, regret):
        """True if every value >= regret is proved, False if one < regret is proved, else None."""
        undecided = False
        for v in values:
            s = (v - regret).sign()
            if s is None:
                undecided = True
            elif s < 0:
                return False
        return None if undecided else True

    if "A" in forms:
        cands = [Interval(0.0, 0.0)] + [ri for ri in r if ri is not None]
        vals = []
        for R in cands:
            cal = sum((m * abs(ri - R) for m, ri in zip(ma, r) if ri is not None),
                      Interval(0.0, 0.0))
            vals.append(R * IWR + align + K_m * cal)
        capv = K_m * sum(mp, Interval(0.0, 0.0))
        v = decide_all(vals + [capv], IWRh)
        verdicts["A"] = v if v is not None else exact("A")
    if "A1" in forms:
        if any(zero):
            verdicts["A1"] = None
        else:
            rsq = [p.magnitude_sq() / a.magnitude_sq() for p, a in zip(NP, NA)]
            if any(x != rsq[0] for x in rsq[1:]):
                verdicts["A1"] = None
            else:
                v = decide_all([r[0] * IWR + align], IWRh)
                verdicts["A1"] = v if v is not None else exact("A1")
    if "C" in forms or "B" in forms:
        def ca_interval(ns_list, mags):
            """Exact integer CA for L1/Linf, interval CA for L2 (exact inner products)."""
            M = sum(mags, Interval(0.0, 0.0))
            if all(m.hi == 0 for m in mags):
                return None, M
            active = [(ns, fi) for ns, fi in zip(ns_list, f) if not ns.constant and fi != 0]
            if l2:
                ks = [fi / ns.centred[1] for ns, fi in active]
                cs = [ns.centred[0] for ns, _ in active]
            else:
                ks = [fi * ns.scale for ns, fi in active]
                cs = [ns.v for ns, _ in active]
            L = math.lcm(*(k.denominator for k in ks))
            K = [k.numerator * (L // k.denominator) for k in ks]
            WL = [sum(Ki * c[s] for Ki, c in zip(K, cs)) for s in range(len(cs[0]))]
            if l2:
                L2 = L * L
                if w is None:
                    B = Fraction(sum(y * y for y in WL), L2)
                else:
                    B = sum((c * y * y for c, y in zip(w, WL)), Fraction(0)) / L2
                b = Interval.from_fraction(B)
                total = Interval(0.0, 0.0)
                act_m = [m for m, ns, fi in zip(mags, ns_list, f) if not ns.constant and fi != 0]
                for Ki, c, m in zip(K, cs, act_m):
                    if w is None:
                        A = Fraction(Ki * sum(x * y for x, y in zip(c, WL)), L2)
                    else:
                        A = Ki * sum((d * x * y for d, x, y in zip(w, c, WL)), Fraction(0)) / L2
                    inner = 1 - 2 * Interval.from_fraction(A) / (m * M) + b / (M * M)
                    total = total + m / M * inner.sqrt()
                return 1 - total, M
            ML = sum(Ki * int(ns.nv) for Ki, (ns, _) in zip(K, active))
            tot = 0
            for Ki, (ns, _) in zip(K, active):
                nvi = int(ns.nv)
                diff = [x * ML - y * nvi for x, y in zip(ns.v, WL)]
                nrm = sum(abs(x) for x in diff) if std.norm == "L1" else max(abs(x) for x in diff)
                tot += Ki * nrm
            return Interval.from_fraction(1 - Fraction(tot, ML * ML)), M
    if "C" in forms:
        if any(zero) or not _norm_ok(std):
            verdicts["C"] = None
        else:
            CA, M = ca_interval(NA, ma)
            Mp = sum(mp, Interval(0.0, 0.0))
            rbar = Mp / M
            spread = imax([abs(ri - rbar) for ri in r])
            val = rbar * IWR + align + 2 * spread * (1 - CA) * M
            v = decide_all([val], IWRh)
            verdicts["C"] = v if v is not None else exact("C")
    if "B" in forms:
        if not _norm_ok(std):
            verdicts["B"] = None
        else:
            CAh, Mp = ca_interval(NP, mp)
            if CAh is None:
                verdicts["B"] = None
            else:
                plus = sum((fi * Fraction(max(col), ex.den) for fi, col, ex in
                            zip(f, colsP, exP)), Fraction(0))
                ideal = plus - Fraction(max(WP), LP)
                v = decide_all([(1 - CAh) * Mp], Interval.from_fraction(ideal))
                verdicts["B"] = v if v is not None else exact("B")
    return BoundCheck(verdicts, fallbacks)



