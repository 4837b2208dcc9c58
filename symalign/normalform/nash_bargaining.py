"""The Nash bargaining solution, exact: pure, convex hull (algebraic) and transferable utility (Nash (1950), the bargaining problem)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import sympy
from sympy import Integer

from symalign.core.errors import InvalidGameError, InvalidProfileError, UndefinedMetricError
from symalign.core.exact import to_exact
from symalign.core.game import Game
from symalign.core.lazy import np
from symalign.engines.symbolic import finish as _finish
from symalign.normalform.bargaining import (
    SOURCE_NBS,
    DegenerateBargainingError,
    _numeric,
    threat_point,
)
from symalign.normalform.feasible_set import _F_d_2d, _max_coordinate

__all__ = ["nash_bargaining_solution", "NashBargainingSolution"]


# -- Nash bargaining -----------------------------------------------------------------------

@dataclass(frozen=True)
class NashBargainingSolution:
    """The Nash bargaining solution with its threat point and how it was found (Nash (1950), the bargaining problem).

    ``point`` is the solution; ``points`` all solutions (a set only for ``feasible="pure"``,
    with ``profiles[k]`` the pure profiles attaining ``points[k]``); ``product`` is
    ``prod_i (x_i - d_i)^{w_i}`` at the solution.

    Examples
    ========

    >>> from symalign.normalform.games import chicken
    >>> from symalign.normalform.nash_bargaining import nash_bargaining_solution
    >>> s = nash_bargaining_solution(chicken(), "security")    # d = v = (2, 2)
    >>> s.point, s.product, s.threat, s.feasible
    ((6, 6), 16, (2, 2), 'hull')

    """

    point: tuple
    product: sympy.Expr
    threat: tuple
    feasible: str
    weights: tuple
    points: tuple = field(repr=False, default=())
    profiles: tuple = field(repr=False, default=())
    method: str = ""
    source: str = SOURCE_NBS


def _weights(game: Game, weights) -> tuple:
    if weights is None:
        return (Integer(1),) * game.n_players
    w = list(weights)
    if len(w) != game.n_players:
        raise InvalidGameError(f"Argument 'weights' has {len(w)} entries, but the game has "
                               f"{game.n_players} players: {weights!r}.")
    out = tuple(to_exact(x, name="weights", where=f" (player {i})") for i, x in enumerate(w))
    for i, x in enumerate(out):
        if not (x.is_Rational and x > 0):
            raise InvalidGameError(f"Argument 'weights': player {i}'s weight is {x}; weights must "
                                   "be positive rational numbers.")
    return out


def _product(x, d, w):
    return _finish(sympy.Mul(*[(a - b) ** wi for a, b, wi in zip(x, d, w)]))


def _int_power_key(x, d, w):
    """``prod (x_i - d_i)^{L w_i}`` with ``L`` clearing the weights' denominators: an exact
    rational that orders candidates like the weighted Nash product (for ``x >= d``)."""
    L = 1
    for wi in w:
        L = sympy.ilcm(L, wi.q)
    return sympy.Mul(*[(a - b) ** int(wi * L) for a, b, wi in zip(x, d, w)])


def nash_bargaining_solution(game: Game, threat="security", *, threat_profile=None,
                             feasible: str = "hull",
                             weights=None) -> NashBargainingSolution:
    """The (weighted) Nash bargaining solution ``argmax_{x in F_d} prod_i (x_i - d_i)^{w_i}``
    (Nash (1950)).

    ``threat`` is explicit (see `threat_point`). Feasible sets: ``"hull"`` — ``conv P``, the
    correlated agreements (exact for every ``n``: the maximiser is found on a simplex of
    efficient pure payoff vectors by solving the stationarity equations exactly, and certified
    by ``g . x* = max_{p in P} g . p`` with ``g = grad log prod``; rational for two players,
    algebraic possibly for ``n >= 3``); ``"pure"`` — the finite set ``P`` (every maximiser is
    returned, with its profiles); ``"tu"`` — transferable utility ``sum_i x_i <= OPT``, closed
    form ``x_i = d_i + w_i (OPT - sum_j d_j) / sum_j w_j``.

    If ``F_d = {d}`` the solution is ``d`` (product 0). If ``F_d`` is empty the solution is
    undefined (`UndefinedMetricError`); if ``F_d != {d}`` but no feasible ``x > d`` exists the
    problem is degenerate (`DegenerateBargainingError`, with ``F_d`` attached).

    Examples
    ========

    Test vectors:

    >>> from symalign.normalform.games import (prisoners_dilemma, battle_of_the_sexes, bargaining_test,
    ...                             matching_pennies)
    >>> from symalign.normalform.nash_bargaining import nash_bargaining_solution as nbs
    >>> s = nbs(prisoners_dilemma(), (1, 1))
    >>> s.point, s.product
    ((2, 2), 1)
    >>> nbs(battle_of_the_sexes(), ("2/3", "2/3")).product
    25/36
    >>> nbs(bargaining_test(), (0, 0)).point, nbs(bargaining_test(), (0, 0), feasible="tu").point
    ((3, 1), (2, 2))
    >>> nbs(matching_pennies(), "pure-security").point
    (0, 0)

    Parameters
    ==========

    game : Game
        Numeric payoffs.
    threat : ``"security"``, ``"pure-security"`` or a payoff vector
        The threat point (see `threat_point`); default the mixed security values.
    threat_profile : profile, optional
        A profile whose payoffs are the threat point, instead of ``threat``.
    feasible : ``"hull"``, ``"pure"`` or ``"tu"``
    weights : sequence of positive rationals, optional
        Bargaining powers ``w_i`` (default all 1).

    Returns
    =======

    NashBargainingSolution

    Raises
    ======

    UndefinedMetricError
        If ``F_d`` is empty.
    DegenerateBargainingError
        In the degenerate case (docs/discussion/security-bargaining.rst).
    UndecidableError
        For an irrational threat point on the boundary of ``F_d``'s cases that the exact
        certificates do not settle (see `_nbs_algebraic`).

    """
    _numeric(game, "nash_bargaining_solution")
    d = threat_point(game, threat, threat_profile=threat_profile)
    for i, x in enumerate(d):
        if not x.is_Rational and (x.free_symbols or x.is_algebraic is not True
                                  or x.is_extended_real is False):
            raise InvalidProfileError(f"Argument 'threat': entry {i} is {x}, which is not a "
                                      "real algebraic number.")
    w = _weights(game, weights)
    if not all(x.is_Rational for x in d):
        return _nbs_algebraic(game, tuple(d), w, feasible, threat_profile is not None)
    if feasible == "tu":
        return _nbs_tu(game, d, w)
    if feasible == "pure":
        return _nbs_pure(game, d, w)
    if feasible == "hull":
        return _nbs_hull(game, d, w)
    raise InvalidGameError(f"Argument 'feasible' is {feasible!r}; use 'hull', 'pure' or 'tu'.")


def _nbs_tu(game, d, w):
    from symalign.normalform.ca import max_welfare
    opt = max_welfare(game)
    slack = opt - sum(d, Integer(0))
    if slack < 0:
        raise UndefinedMetricError("nash_bargaining_solution", f"F_d is empty: OPT = {opt} is "
                                   f"below the threat point's total {sum(d, Integer(0))}")
    W = sum(w, Integer(0))
    x = tuple(di + wi * slack / W for di, wi in zip(d, w))
    return NashBargainingSolution(x, _product(x, d, w), d, "tu", w, (x,), (),
                                  method="closed form x_i = d_i + w_i (OPT - sum d) / sum w")


def _nbs_pure(game, d, w):
    from symalign.normalform.pareto import payoff_points
    pts = payoff_points(game)
    Fd = [p for p in pts if all(a >= b for a, b in zip(p, d))]
    if not Fd:
        raise UndefinedMetricError("nash_bargaining_solution", f"no pure payoff vector weakly "
                                   f"dominates the threat point {d}: F_d is empty")
    if Fd == [tuple(d)]:
        return NashBargainingSolution(tuple(d), Integer(0), d, "pure", w, (tuple(d),),
                                      (pts[tuple(d)],), method="F_d = {d}")
    pos = [p for p in Fd if all(a > b for a, b in zip(p, d))]
    if not pos:
        raise DegenerateBargainingError(
            "nash_bargaining_solution", "degenerate problem: F_d != {d} but no pure payoff "
            "vector is strictly above d", tuple(sorted(Fd)), d)
    keys = {p: _int_power_key(p, d, w) for p in pos}
    best = max(keys.values())
    sols = tuple(sorted(p for p in pos if keys[p] == best))
    return NashBargainingSolution(sols[0], _product(sols[0], d, w), d, "pure", w, sols,
                                  tuple(pts[p] for p in sols),
                                  method="exact enumeration of the pure payoff set")


def _sgn(e) -> int:
    """Exact sign of a closed real algebraic expression (radicals or ``CRootOf``)."""
    e = sympy.sympify(e)
    if e.is_Rational:
        return (e.p > 0) - (e.p < 0)
    from symalign.core.errors import SymalignError
    from symalign.engines.algebraic import sign
    try:
        return sign(e)
    except (SymalignError, AttributeError, TypeError, ValueError, NotImplementedError):
        pass
    if e.is_extended_positive:
        return 1
    if e.is_extended_negative:
        return -1
    if e.is_zero or e.equals(0):
        return 0
    from symalign.core.errors import UndecidableError
    raise UndecidableError(sympy.Gt(e, 0), "the sign of an algebraic number in the Nash "
                           "bargaining solver")


def _candidates(S, d, w):
    """Maximisers of ``sum_i w_i log(x_i - d_i)`` over the affine hull of ``S`` that lie in
    ``conv S`` with ``x > d`` (exact; ``S`` affinely independent).

    With ``x = s0 + sum_k t_k (s_k - s0)`` the stationarity conditions are
    ``sum_i w_i (s_k - s0)_i / (x_i - d_i) = 0``: for a hyperplane (``|S| = n``) the closed form
    ``x_i = d_i + w_i (c - lambda . d) / (lambda_i sum w)``; for an edge a univariate polynomial
    whose real roots are exact (rational or ``CRootOf``); otherwise sympy's exact solver.
    """
    n = len(d)
    s0 = S[0]
    dirs = [tuple(a - b for a, b in zip(p, s0)) for p in S[1:]]
    K = len(dirs)
    if K == 0:
        return [tuple(s0)] if all(_sgn(a - b) > 0 for a, b in zip(s0, d)) else []
    ts = sympy.symbols(f"t0:{K}", real=True)
    xt = [s0[i] + sum((ts[k] * dirs[k][i] for k in range(K)), Integer(0)) for i in range(n)]
    tsols = []
    if K == n - 1:
        M = sympy.Matrix(dirs)
        lam = list(M.nullspace()[0])
        if any(x == 0 for x in lam):
            return []
        c = sum((a * b for a, b in zip(lam, s0)), Integer(0))
        slack = c - sum((a * b for a, b in zip(lam, d)), Integer(0))
        W = sum(w, Integer(0))
        x = [di + wi * slack / (W * li) for di, wi, li in zip(d, w, lam)]
        A = sympy.Matrix(dirs).T
        sol = A.solve_least_squares(sympy.Matrix([a - b for a, b in zip(x, s0)]))
        tsols.append(list(sol))
    else:
        eqs = [sympy.together(sum((w[i] * dirs[k][i] / (xt[i] - d[i]) for i in range(n)),
                                  Integer(0))).as_numer_denom()[0] for k in range(K)]
        if K == 1:
            poly = sympy.Poly(sympy.expand(eqs[0]), ts[0])
            if poly.is_zero:
                return []
            tsols = [[r] for r in _real_roots_exact(poly)]
        else:
            tsols = _groebner_solutions(eqs, ts)
            if tsols is not None:
                raw = []
            else:
                tsols = []
                try:
                    raw = sympy.solve(eqs, ts, dict=True)
                except NotImplementedError:
                    return []
            for r in raw:
                if len(r) != K:
                    continue
                vals = [r[t] for t in ts]
                if any(v.free_symbols or v.is_real is False for v in vals):
                    continue
                tsols.append(vals)
    out = []
    for tv in tsols:
        try:
            if any(_sgn(v) < 0 for v in tv) or _sgn(sum(tv, Integer(0)) - 1) > 0:
                continue
            x = tuple(_clean(xi.subs(dict(zip(ts, tv)))) for xi in xt)
            if any(_sgn(a - b) <= 0 for a, b in zip(x, d)):
                continue
        except Exception as exc:  # an unsolvable sign: skip, the certificate stays sound
            from symalign.core.errors import UndecidableError
            if not isinstance(exc, (UndecidableError, AttributeError, TypeError, ValueError)):
                raise
            continue
        out.append(x)
    return out


def _groebner_solutions(eqs, ts):
    """Real solutions of a zero-dimensional polynomial system in shape-lemma position (a lex
    Groebner basis ``t_k - h_k(t_last)``, ..., ``p(t_last)``), exactly; None otherwise."""
    try:
        G = sympy.groebner([sympy.expand(e) for e in eqs], *ts, order="lex")
    except Exception:  # noqa: BLE001 - fall back to sympy.solve
        return None
    polys = list(G.exprs)
    last = ts[-1]
    uni = [p for p in polys if p.free_symbols <= {last}]
    if len(uni) != 1:
        return None
    maps = {}
    for t in ts[:-1]:
        lin = [p for p in polys if t in p.free_symbols and sympy.degree(p, t) == 1
               and (p.free_symbols - {t}) <= {last}]
        if not lin:
            return None
        p = lin[0]
        a = p.coeff(t, 1)
        if a.free_symbols:
            return None
        maps[t] = sympy.expand(-(p - a * t) / a)
    out = []
    for r in _real_roots_exact(sympy.Poly(uni[0], last)):
        vals = [maps[t].subs(last, r) for t in ts[:-1]] + [r]
        out.append([sympy.expand(v) if not v.has(sympy.CRootOf) else v for v in vals])
    return out


def _clean(e):
    e = sympy.sympify(e)
    if e.is_Rational or e.has(sympy.CRootOf):
        return e
    return sympy.radsimp(sympy.expand(e))


def _certified(x, d, w, points) -> bool:
    g = [wi / (a - b) for a, b, wi in zip(x, d, w)]
    gx = sum((gi * xi for gi, xi in zip(g, x)), Integer(0))
    return all(_sgn(sum((gi * pi for gi, pi in zip(g, p)), Integer(0)) - gx) <= 0
               for p in points)


def _nbs_hull(game, d, w):
    from symalign.normalform.pareto import convex_pareto_frontier, pareto_frontier, payoff_points
    n = game.n_players
    points = list(payoff_points(game))
    d = tuple(d)
    if n == 2:
        Fd = _F_d_2d(points, d)
        if not Fd:
            raise UndefinedMetricError("nash_bargaining_solution", f"F_d is empty: no point of "
                                       f"conv P weakly dominates the threat point {d}")
        if Fd == [d]:
            return NashBargainingSolution(d, Integer(0), d, "hull", w, (d,),
                                          method="F_d = {d}")
        if not all(max(p[k] for p in Fd) > d[k] for k in range(2)):
            raise DegenerateBargainingError(
                "nash_bargaining_solution", "degenerate problem: F_d != {d} but no point of "
                "conv P is strictly above d in every coordinate", tuple(Fd), d)
        verts = list(convex_pareto_frontier(game).vertices)
    else:
        maxima = [_max_coordinate(points, d, k) for k in range(n)]
        if any(m is None for m in maxima):
            raise UndefinedMetricError("nash_bargaining_solution", f"F_d is empty: no point of "
                                       f"conv P weakly dominates the threat point {d}")
        if all(m == dk for m, dk in zip(maxima, d)):
            return NashBargainingSolution(d, Integer(0), d, "hull", w, (d,),
                                          method="F_d = {d} (exact LP)")
        if any(m == dk for m, dk in zip(maxima, d)):
            raise DegenerateBargainingError(
                "nash_bargaining_solution", "degenerate problem: F_d != {d} but no point of "
                "conv P is strictly above d in every coordinate", (tuple(points), d), d)
        verts = [p.payoff for p in pareto_frontier(game)]
    return _solve_on_frontier(verts, d, w, points,
                              "the stationarity equations on a face of dimension >= 2 "
                              "(possible only for n >= 4 players) were not solved in closed form")


def _solve_on_frontier(verts, d, w, points, why: str):
    """The certified maximiser of the Nash product over the hull of the efficient vertices
    ``verts``: first on the face the float guide points at, then on all of them."""
    # The Nash product is nondecreasing in every coordinate above d, and every pure payoff
    # vector is weakly dominated by an efficient one, so the maximum over conv P is attained
    # on the hull of the efficient vertices: the float guide needs only those (a few points
    # instead of every outcome; SLSQP is cubic in the number of points).
    guide, x_float = _float_guide(list(dict.fromkeys(tuple(v) for v in verts)), d, w)
    face = [v for v in verts if v in guide]
    attempts = [(face, x_float)] if face else []
    attempts.append((verts, None))
    for pool, xf in attempts:
        found = _search(pool, d, w, points, xf)
        if found is not None:
            return found
    raise UndefinedMetricError("nash_bargaining_solution",
                               f"the exact solver found no certified maximiser: {why}")


def _float_guide(points, d, w) -> tuple:
    """Float guidance only: the pure payoff vectors on the supporting hyperplane at an
    approximate optimum (scipy SLSQP). The exact search tries subsets of them first; every
    returned answer is still certified exactly."""
    try:
        from scipy.optimize import minimize
    except ImportError:  # pragma: no cover - scipy is a dependency
        return [], None
    P = np.array([[float(x) for x in p] for p in points])
    dd = np.array([float(x) for x in d])
    ww = np.array([float(x) for x in w])
    if len(points) == 1:
        return list(points), None

    def neg(mu):
        return -float(np.sum(ww * np.log(np.maximum(mu @ P - dd, 1e-300))))

    def jac(mu):
        return -(P @ (ww / np.maximum(mu @ P - dd, 1e-300)))

    best = None
    with np.errstate(all="ignore"):
        for start in range(4):
            mu0 = np.random.default_rng(start).dirichlet(np.ones(len(P)))
            try:
                res = minimize(neg, mu0, jac=jac, method="SLSQP", bounds=[(0, 1)] * len(P),
                               constraints=[{"type": "eq", "fun": lambda m: m.sum() - 1}],
                               options={"ftol": 1e-13, "maxiter": 300})
            except Exception:  # noqa: BLE001 - guidance only
                continue
            if best is None or res.fun < best.fun:
                best = res
    if best is None:
        return [], None
    x = best.x @ P
    if np.any(x - dd <= 0):
        return [], None
    g = ww / (x - dd)
    scores = P @ g
    top = scores.max()
    return [p for p, sc in zip(points, scores) if top - sc <= 1e-6 * (1 + abs(top))], x


def _near(S, x_float) -> bool:
    """Float guidance: is the approximate optimum in (or next to) ``conv S``?"""
    s0 = np.array([float(v) for v in S[0]])
    if len(S) == 1:
        return bool(np.allclose(s0, x_float, atol=1e-4 * (1 + np.abs(x_float).max())))
    D = np.array([[float(a) - float(b) for a, b in zip(p, S[0])] for p in S[1:]]).T
    t, *_ = np.linalg.lstsq(D, x_float - s0, rcond=None)
    resid = np.abs(D @ t - (x_float - s0)).max()
    scale = 1 + np.abs(x_float).max()
    return bool(resid <= 1e-4 * scale and t.min() >= -1e-4 and t.sum() <= 1 + 1e-4)


def _search(verts, d, w, points, x_float=None):
    n = len(d)
    top = min(n, len(verts))
    sizes = [k for k in (1, 2, n) if k <= top] + [k for k in range(top, 2, -1) if k != n]
    for size in dict.fromkeys(sizes):
        for S in itertools.combinations(verts, size):
            if x_float is not None and not _near(S, x_float):
                continue
            if size > 1:
                M = sympy.Matrix([[a - b for a, b in zip(p, S[0])] for p in S[1:]])
                if M.rank() != size - 1:
                    continue
            for x in _candidates(S, d, w):
                if _certified(x, d, w, points):
                    return NashBargainingSolution(
                        x, _product(x, d, w), d, "hull", w, (x,),
                        method=f"exact stationarity on the face spanned by {S}, certified by "
                               "a supporting hyperplane")
    return None


# -- algebraic (irrational) threat points ---------------------------------------------------

def _real_roots_exact(poly) -> list:
    """Real roots of a univariate polynomial with real algebraic coefficients of degree at
    most 2 (closed forms, the discriminant's sign decided exactly); rational coefficients
    of any degree by exact isolation."""
    coeffs = [c if c.is_Rational else _clean(c) for c in poly.all_coeffs()]
    if all(c.is_Rational for c in coeffs):
        return list(sympy.Poly(coeffs, poly.gens[0]).real_roots())
    while coeffs and _sgn(coeffs[0]) == 0:
        coeffs = coeffs[1:]
    if len(coeffs) <= 1:
        return []
    if len(coeffs) == 2:
        return [_clean(-coeffs[1] / coeffs[0])]
    if len(coeffs) == 3:
        a, b, c = coeffs
        disc = _clean(b * b - 4 * a * c)
        s = _sgn(disc)
        if s < 0:
            return []
        if s == 0:
            return [_clean(-b / (2 * a))]
        r = sympy.sqrt(disc)
        return [_clean((-b - r) / (2 * a)), _clean((-b + r) / (2 * a))]
    return []           # degree >= 3 with irrational coefficients (n >= 4): face skipped


def _nbs_algebraic(game, d, w, feasible, in_hull):
    """The Nash bargaining solution for a threat point with irrational (real algebraic)
    entries, e.g. the payoffs of an irrational equilibrium of three players.

    ``"tu"`` and ``"pure"``: the closed form and the finite comparison with exact signs.
    ``"hull"``: the sign of ``t* = max_{y in conv P} min_i (y_i - d_i)`` is decided exactly
    (`symalign.normalform.feasible_set.threat_slack_sign`); if positive, the maximiser is
    searched on faces of the efficient hull as for rational threats, the stationarity
    conditions solved in closed form (facets: ``x_i = d_i + w_i (c - lambda . d) /
    (lambda_i sum w)``; edges of three players: a quadratic), candidates compared and
    certified by exact signs. ``t* < 0``: ``F_d`` is empty. ``t* = 0`` with ``d`` the payoffs
    of a profile (so in ``conv P``) and a strictly positive certificate ``lambda`` (every
    feasible ``y >= d`` has ``lambda . y <= lambda . d``): ``F_d = {d}``.
    """
    from symalign.core.errors import UndecidableError
    from symalign.normalform.feasible_set import threat_slack_sign
    if feasible == "tu":
        from symalign.normalform.ca import max_welfare
        opt = max_welfare(game)
        slack = _clean(opt - sum(d, Integer(0)))
        if _sgn(slack) < 0:
            raise UndefinedMetricError("nash_bargaining_solution", f"F_d is empty: OPT = {opt} "
                                       f"is below the threat point's total {sum(d, Integer(0))}")
        W = sum(w, Integer(0))
        x = tuple(_clean(di + wi * slack / W) for di, wi in zip(d, w))
        return NashBargainingSolution(x, _product(x, d, w), d, "tu", w, (x,), (),
                                      method="closed form x_i = d_i + w_i (OPT - sum d) / sum w "
                                             "(algebraic threat point)")
    if feasible == "pure":
        from symalign.normalform.pareto import payoff_points
        pts = payoff_points(game)
        pos = [p for p in pts if all(_sgn(a - b) > 0 for a, b in zip(p, d))]
        Fd = [p for p in pts if all(_sgn(a - b) >= 0 for a, b in zip(p, d))]
        if not Fd:
            raise UndefinedMetricError("nash_bargaining_solution", f"no pure payoff vector "
                                       f"weakly dominates the threat point {d}: F_d is empty")
        if not pos:
            raise DegenerateBargainingError(
                "nash_bargaining_solution", "degenerate problem: F_d != {d} but no pure payoff "
                "vector is strictly above d", tuple(sorted(Fd)), d)
        keys = {p: _int_power_key(p, d, w) for p in pos}
        best = pos[0]
        for p in pos[1:]:
            if _sgn(keys[p] - keys[best]) > 0:
                best = p
        sols = tuple(sorted(p for p in pos if _sgn(keys[p] - keys[best]) == 0))
        return NashBargainingSolution(sols[0], _product(sols[0], d, w), d, "pure", w, sols,
                                      tuple(pts[p] for p in sols),
                                      method="exact enumeration of the pure payoff set "
                                             "(algebraic threat point, exact signs)")
    if feasible != "hull":
        raise InvalidGameError(f"Argument 'feasible' is {feasible!r}; use 'hull', 'pure' or "
                               "'tu'.")
    from symalign.normalform.pareto import pareto_frontier, payoff_points
    points = list(payoff_points(game))
    s, lam = threat_slack_sign(points, d)
    if s < 0:
        raise UndefinedMetricError("nash_bargaining_solution", f"F_d is empty: no point of "
                                   f"conv P weakly dominates the threat point {d}")
    if s == 0:
        if in_hull and all(v > 0 for v in lam):
            return NashBargainingSolution(d, Integer(0), d, "hull", w, (d,),
                                          method="F_d = {d}: d is the payoff of a profile and "
                                                 f"lambda . y <= lambda . d on conv P for "
                                                 f"lambda = {lam}")
        raise UndecidableError(sympy.Eq(sympy.Symbol("F_d"), sympy.Symbol("d")),
                               "the bargaining problem at an irrational threat point with no "
                               "feasible agreement strictly above it (F_d = {d}, empty or "
                               "degenerate is not decided exactly)")
    return _solve_on_frontier([p.payoff for p in pareto_frontier(game)], d, w, points,
                              "for the irrational threat point, its face has dimension >= 2 "
                              "below a facet, or is an edge of n >= 4 players")
