"""A fresh held-out set of seeded bugs (session 21, issue 19's acceptance), written from the
library modules alone, before any of them was run and without choosing theorems.

Each mutant is ``(name, path, old, new, None, tests, witness)``: ``None`` in place of the
theorems means "every theorem that reaches the mutated function" (`reach.py` decides, from a
traced run of ``symalign prove``, not a person); ``tests`` are the test files of the mutated
module (tests/<subpackage>/test_<module>.py, plus the module's direct users where named);
``witness`` is a short program whose output must differ between the original and the mutated
tree (`run.py --witness` checks it), so that every mutant changes a real output.
"""

B = "symalign/delegation/bounds.py"
AL = "symalign/delegation/alignment.py"
ST = "symalign/delegation/standardisation.py"
CA = "symalign/normalform/ca.py"
SE = "symalign/normalform/security.py"
CO = "symalign/normalform/correlated.py"
EQ = "symalign/normalform/equilibria.py"
PA = "symalign/normalform/pareto.py"
NB = "symalign/normalform/nash_bargaining.py"
BA = "symalign/normalform/bargaining.py"
PO = "symalign/normalform/power.py"
VE = "symalign/engines/vertex_enumeration.py"
LC = "symalign/engines/lp/checks.py"

T_B = ("tests/delegation/test_bounds.py",)
T_AL = ("tests/delegation/test_alignment.py",)
T_ST = ("tests/delegation/test_standardisation.py",)
T_CA = ("tests/normalform/test_ca.py",)
T_SE = ("tests/normalform/test_security.py",)
T_CO = ("tests/normalform/test_correlated.py",)
T_EQ = ("tests/normalform/test_equilibria.py",)
T_PA = ("tests/normalform/test_pareto.py",)
T_BA = ("tests/normalform/test_bargaining.py",)
T_PO = ("tests/normalform/test_power.py",)
T_VE = ("tests/engines/test_vertex_enumeration.py",)
T_LP = ("tests/engines/test_lp.py",)

_DG = ("import symalign as sa\n"
       "from symalign.delegation import DelegationGame as DG\n"
       "from symalign.delegation import bounds as bd, alignment as al, standardisation as st\n"
       "dg = DG.from_arrays([[[3, 0], [1, 2]], [[1, 2], [0, 3]]], "
       "[[[2, 0], [2, 1]], [[0, 3], [1, 1]]])\n"
       "dgw = DG.from_arrays([[[3, 0], [1, 2]], [[1, 2], [0, 3]]], "
       "[[[2, 0], [2, 1]], [[0, 3], [1, 1]]], weights=[2, 1])\n")

FRESH = [
    # -- standardisation
    ("MAX shift without the halving", ST,
     "        out.shift = Fraction(hi + lo, 2 * den)",
     "        out.shift = Fraction(hi + lo, den)",
     None, T_ST + T_AL,
     _DG + "print(st.standardise([2, 1, 1, 10], st.MAX).shift)"),
    ("L-infinity K_m = 1", ST,
     "            K_m, K_d = Integer(2), 1 / kappa",
     "            K_m, K_d = Integer(1), 1 / kappa",
     None, T_ST + T_B,
     _DG + "print(st.MAX.K_m, bd.form_a(dg, (0, 0), standardisation=st.MAX).value)"),
    ("L2(D) norm drops the weights (integer path)", ST,
     "            out.P = sum((Fraction(int(d.p), int(d.q)) * a * a for d, a in\n"
     "                         zip(std.distribution, v)), Fraction(0))",
     "            out.P = sum((Fraction(1) * a * a for d, a in\n"
     "                         zip(std.distribution, v)), Fraction(0))",
     None, T_ST,
     _DG + "print(st.standardise([2, 1, 1, 10], st.mean_under(['1/2', '1/4', '1/8', '1/8']))"
     ".magnitude)"),
    # -- alignment
    ("collective alignment |W|^2 / M instead of / M^2", AL,
     "            dist = sympy.sqrt(1 - 2 * a / (m * M) + b / M**2)",
     "            dist = sympy.sqrt(1 - 2 * a / (m * M) + b / M)",
     None, T_AL,
     _DG + "print(al.collective_alignment(dg, 'principals'))"),
    ("symbolic EPIC distance sqrt(2 - rho)", AL,
     "        return kappa * sympy.sqrt(2 - 2 * _quotient(dot, a.magnitude, b.magnitude))",
     "        return kappa * sympy.sqrt(2 - _quotient(dot, a.magnitude, b.magnitude))",
     None, T_AL,
     _DG + "import sympy\nx = sympy.Symbol('x', positive=True)\n"
     "print(al.alignment_distance([x, 0, 0], [0, x, 0]))"),
    ("calibration ratio inverted", AL,
     "        return _tidy(p.magnitude / a.magnitude)",
     "        return _tidy(a.magnitude / p.magnitude)",
     None, T_AL,
     _DG + "print(al.calibration_ratios(dg))"),
    ("L2(D) correlation drops the weights", AL,
     "            dot = sum(Fraction(int(d.p), int(d.q)) * x * y for d, x, y in\n"
     "                      zip(w, a.num.v, b.num.v))",
     "            dot = sum(Fraction(1) * x * y for d, x, y in\n"
     "                      zip(w, a.num.v, b.num.v))",
     None, T_AL,
     _DG + "D = st.mean_under(['1/2', '1/4', '1/8', '1/8'])\n"
     "print(al.alignment_distance([3, 0, 1, 2], [2, 0, 2, 1], D))"),
    # -- bounds
    ("Form C / Prop B accept L2(D) standardisations", B,
     "    return std.distribution is None  # L1, L2 and Linf all dominate Linf; L2(D) need not",
     "    return True  # L1, L2 and Linf all dominate Linf; L2(D) need not",
     None, T_B,
     _DG + "D = st.mean_under(['1/2', '1/4', '1/8', '1/8'])\n"
     "print(bd.prop_b(dg, standardisation=D).holds_hypotheses)"),
    ("principals' magnitudes lose the welfare weights", B,
     "        self.mp = [_tidy(fi * p.magnitude) for fi, p in zip(f, P)]",
     "        self.mp = [_tidy(p.magnitude) for fi, p in zip(f, P)]",
     None, T_B,
     _DG + "print(bd.form_a(dgw, (0, 0)).value)"),
    ("Form A calibration without the absolute value", B,
     "    cal = sympy.Add(*(m * _abs(_tidy(ri - R), ctx.A) for m, ri in zip(ctx.ma, r)",
     "    cal = sympy.Add(*(m * _tidy(ri - R) for m, ri in zip(ctx.ma, r)",
     None, T_B,
     _DG + "print(bd.form_a(dg, (0, 0), R=2).value)"),
    ("Prop B total without the weights", B,
     "    total = _tidy(sympy.Add(*(f * p.magnitude for f, p in zip(dg.factors(), P))))",
     "    total = _tidy(sympy.Add(*(p.magnitude for f, p in zip(dg.factors(), P))))",
     None, T_B,
     _DG + "print(bd.prop_b(dgw).value)"),
    ("Form P drops the epsilon slack w_0 - w_eps", B,
     "    coop = _tidy((1 - cc) * (w_star - w0) + (w0 - w_eps))",
     "    coop = _tidy((1 - cc) * (w_star - w0))",
     None, T_B,
     _DG + "g = DG.from_arrays([[[2, 0], [0, 1]], [[1, 0], [0, 2]]], "
     "[[[2, 0], [0, 1]], [[1, 0], [0, 2]]])\n"
     "print(bd.form_p(g, (0, 0), cc=0, eps=1).value)"),
    # -- welfare / C-A
    ("utopia welfare ignores the weights", CA,
     "    maxima = _player_extremes(game, A)\n    ws = w if w is not None else [Integer(1)] * game.n_players",
     "    maxima = _player_extremes(game, A)\n    ws = [Integer(1)] * game.n_players",
     None, T_CA,
     "import symalign as sa\nprint(sa.alpha(sa.games.prisoners_dilemma(), weights=[2, 1]))"),
    ("C-A report: coordination gap measured from U*", CA,
     "    cg = closed(sympy.expand(opt_raw - W), A)",
     "    cg = closed(sympy.expand(ustar_raw - W), A)",
     None, T_CA,
     "import symalign as sa\nprint(sa.ca_inequalities(sa.games.chicken(), (0, 0)).coordination_gap)"),
    # -- security
    ("pure maxmin keeps only the first strategy", SE,
     "    strategies = tuple(int(a) for a in np.flatnonzero(mins == best))",
     "    strategies = tuple(int(a) for a in np.flatnonzero(mins == best)[:1])",
     None, T_SE,
     "import symalign as sa\nprint(sa.security_value(sa.games.matching_pennies(), 0, mixed=False).strategies)"),
    ("mixed maxmin keeps only one vertex", SE,
     "    strategies = tuple(sorted(tuple(v[:k]) for v in vertices))",
     "    strategies = tuple(sorted(tuple(v[:k]) for v in vertices[:1]))",
     None, T_SE,
     "import symalign as sa\ng = sa.Game.from_arrays([[1, 1], [1, 1]], [[0, 0], [0, 0]])\n"
     "print(sa.security_value(g, 0).strategies)"),
    # -- correlated
    ("CE check: a tight incentive constraint counts as violated", CO,
     "        return all(int(g) <= 0 for g in gains.tolist())",
     "        return all(int(g) < 0 for g in gains.tolist())",
     None, T_CO,
     "import symalign as sa\nprint(sa.is_correlated_equilibrium(sa.games.prisoners_dilemma(), (1, 1)))"),
    ("CE cache key forgets coarse", CO,
     '    key = ("ce", objective, bool(coarse), None if weights is None else tuple(map(str, weights)))',
     '    key = ("ce", objective, None if weights is None else tuple(map(str, weights)))',
     None, T_CO,
     "import symalign as sa\n"
     "g = sa.Game.from_arrays([[2, 1, 4], [0, 2, 0], [0, 0, 4]], [[0, 3, 1], [3, 0, 4], [1, 3, 3]])\n"
     "sa.correlated_welfare_range(g)\nprint(sa.correlated_welfare_range(g, coarse=True))"),
    # -- equilibria
    ("pure NE: every player's best reply along axis 0", EQ,
     "        best = ex.num.max(axis=i, keepdims=True)",
     "        best = ex.num.max(axis=0, keepdims=True)",
     None, T_EQ,
     "import symalign as sa\nprint(sa.pure_nash_equilibria(sa.Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [2, 0]])))"),
    ("mixed NE payoffs: player 1 in player 0's units", EQ,
     "               _rat(u1.numerator, u1.denominator * denB))",
     "               _rat(u1.numerator, u1.denominator * denA))",
     None, T_EQ,
     "import symalign as sa\ng = sa.Game.from_arrays([[1, 0], [0, 1]], [['1/2', 0], [0, '1/2']])\n"
     "print(sa.nash_equilibria(g).payoffs)"),
    # -- pareto
    ("convex frontier keeps collinear points as vertices", PA,
     "        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:",
     "        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) < 0:",
     None, T_PA,
     "import symalign as sa\ng = sa.Game.from_arrays([[0, 1], [2, 0]], [[2, 1], [0, 0]])\n"
     "print(sa.convex_pareto_frontier(g).vertices)"),
    ("dominance needs a strict gain in every coordinate", PA,
     "        if any(v is True for v in ne):\n            return True",
     "        if all(v is True for v in ne):\n            return True",
     None, T_PA,
     "from symalign.normalform.pareto import dominates\nprint(dominates((1, 1), (1, 0)))"),
    # -- bargaining
    ("TU Nash bargaining splits equally whatever the weights", NB,
     "    x = tuple(di + wi * slack / W for di, wi in zip(d, w))",
     "    x = tuple(di + slack / len(d) for di, wi in zip(d, w))",
     None, T_BA,
     "import symalign as sa\nprint(sa.nash_bargaining_solution(sa.games.chicken(), feasible='tu', "
     "weights=[2, 1]).point)"),
    ("coco value uses the column player's value", BA,
     "    val = _security_value_lp(Z, 0)",
     "    val = _security_value_lp(Z, 1)",
     None, T_BA,
     "import symalign as sa\nprint(sa.coco_value(sa.Game.from_arrays([[3, 0], [1, 2]], [[0, 0], [0, 0]])))"),
    # -- power
    ("Bayesian OPT ignores the types", PO,
     "                a = tuple(strat[i][t[i]] for i in range(n))",
     "                a = tuple(strat[i][0] for i in range(n))",
     None, T_PO,
     "import symalign as sa\nbg = sa.BayesianGame([['1/2'], ['1/2']], "
     "[[[[1], [0]], [[0], [1]]], [[[0], [0]]]])\nprint(bg.max_welfare())"),
    ("POWER shortfall measured from OPT", PO,
     "        utopia_welfare=ustar, welfare=W, nashconv=nc, shortfall=_finish(ustar - total),",
     "        utopia_welfare=ustar, welfare=W, nashconv=nc, shortfall=_finish(opt - total),",
     None, T_PO,
     "import symalign as sa\nprint(sa.power_shortfall(sa.games.chicken(), (0, 0)).shortfall)"),
    # -- vertex enumeration
    ("tall games: strategies not transposed back", VE,
     "        return [(y, yd, x, xd) for x, xd, y, yd in extreme_equilibria(At, Bt, method=method)]",
     "        return [(x, xd, y, yd) for x, xd, y, yd in extreme_equilibria(At, Bt, method=method)]",
     None, T_VE + T_EQ,
     "from symalign.engines.vertex_enumeration import extreme_equilibria\n"
     "print(extreme_equilibria([[3, 0], [0, 2], [1, 1]], [[2, 0], [0, 3], [1, 1]]))"),
    ("check_equilibrium divides by the wrong weights", VE,
     "    return Fraction(best0, sum(y)), Fraction(best1, sum(x))",
     "    return Fraction(best0, sum(x)), Fraction(best1, sum(y))",
     None, T_VE + T_EQ,
     "import symalign as sa\nprint(sa.nash_equilibria(sa.Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 3]])).payoffs)"),
    # -- LP checks
    ("primal check: equality rows as <=", LC,
     "        elif ax[r] != d * P.b[r]:\n            return False\n    return True",
     "        elif ax[r] > d * P.b[r]:\n            return False\n    return True",
     None, T_LP,
     "from symalign.engines.lp.problem import _IntLP\nfrom symalign.engines.lp.checks import _primal_ok\n"
     "import numpy as np\nP = _IntLP([1, 1], np.array([[1, 1]]), [1], 0, np.zeros(2, dtype=bool), 1, 1, [1])\n"
     "print(_primal_ok(P, [0, 0], 1))"),
    ("dual check: sign of the inequality multipliers not checked", LC,
     "    if any(Y[r] > 0 for r in range(P.m_ub)):\n        return False\n    aty",
     "    if any(Y[r] > 0 for r in range(0)):\n        return False\n    aty",
     None, T_LP,
     "from symalign.engines.lp.problem import _IntLP\nfrom symalign.engines.lp.checks import _dual_ok\n"
     "import numpy as np\nP = _IntLP([1], np.array([[1]]), [1], 1, np.zeros(1, dtype=bool), 1, 1, [1])\n"
     "print(_dual_ok(P, [1], 1))"),
]
