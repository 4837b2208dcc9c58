"""An independent checker: plain `fractions.Fraction` arithmetic, no code shared with symalign.

It imports nothing from symalign (a test enforces this). Games are given as payoff tables:
``U[i][a]`` is player ``i``'s payoff at the pure profile ``a`` (a tuple of action indices), for
``a`` in row-major order. The checks follow the definitions of
security values (von Neumann's minimax theorem), correlated equilibria (Aumann (1974)), Nash
equilibria (Nash (1951)), Pareto efficiency (docs/discussion/security-bargaining.rst), the Nash
bargaining solution (Nash (1950)) and POWER (Stavrianos & Turner (2021b)).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

# -- games as tables ------------------------------------------------------------------------


def outcomes(shape):
    return list(itertools.product(*(range(k) for k in shape)))


def deviate(a, i, b):
    return a[:i] + (b,) + a[i + 1:]


def expected(U_i, shape, strategies):
    """``u_i(sigma)`` for a mixed product profile (lists of Fractions)."""
    total = Fraction(0)
    for a in outcomes(shape):
        p = Fraction(1)
        for j, s in enumerate(strategies):
            p *= s[a[j]]
        total += p * U_i[a]
    return total


def deviation_values(U_i, shape, strategies, i):
    """``u_i(b, sigma_{-i})`` for every action ``b`` of player ``i``."""
    out = []
    for b in range(shape[i]):
        s = list(strategies)
        s[i] = [Fraction(int(k == b)) for k in range(shape[i])]
        out.append(expected(U_i, shape, s))
    return out


def is_distribution(p) -> bool:
    return all(x >= 0 for x in p) and sum(p, Fraction(0)) == 1


# -- security values (LP primal and dual) ---------------------------------------------------


def check_security(U_i, shape, i, value, x, punisher) -> bool:
    """``value`` is player ``i``'s mixed security value, certified by both sides.

    Primal: ``x`` is a mixed strategy guaranteeing ``value`` against every pure opponent profile.
    Dual: ``punisher`` (pairs ``(opponent profile, probability)``) is a distribution over
    opponent profiles against which every action earns at most ``value``.
    """
    x = list(x)
    if len(x) != shape[i] or not is_distribution(x):
        return False
    others = [k for j, k in enumerate(shape) if j != i]
    for b in itertools.product(*(range(k) for k in others)):
        guaranteed = sum((x[a] * U_i[b[:i] + (a,) + b[i:]] for a in range(shape[i])), Fraction(0))
        if guaranteed < value:
            return False
    probs = [p for _, p in punisher]
    if not is_distribution(probs):
        return False
    for a in range(shape[i]):
        earned = sum((p * U_i[tuple(b[:i]) + (a,) + tuple(b[i:])] for b, p in punisher),
                     Fraction(0))
        if earned > value:
            return False
    return True


def check_pure_security(U_i, shape, i, value, certificate) -> bool:
    """Each action ``a`` has a named reply ``b`` with ``u_i(a, b) = min_b' u_i(a, b') <= value``,
    and some action attains ``value``: the pure security value's certificate."""
    others = [k for j, k in enumerate(shape) if j != i]
    opp = list(itertools.product(*(range(k) for k in others)))
    if len(certificate) != shape[i]:
        return False
    lows = []
    for a, (b, v) in enumerate(certificate):
        row = [U_i[c[:i] + (a,) + c[i:]] for c in opp]
        if U_i[b[:i] + (a,) + b[i:]] != v or v != min(row) or v > value:
            return False
        lows.append(v)
    return max(lows) == value


def pure_security(U_i, shape, i):
    """``max_a min_b u_i(a, b)`` by enumeration."""
    others = [k for j, k in enumerate(shape) if j != i]
    opp = list(itertools.product(*(range(k) for k in others)))
    return max(min(U_i[b[:i] + (a,) + b[i:]] for b in opp) for a in range(shape[i]))


# -- correlated equilibria (LP primal and dual) ---------------------------------------------


def _gain(U, shape, label, a, coarse):
    """The deviation gain ``g_label(a)`` of the correlated-equilibrium constraints."""
    if coarse:
        i, dev = label
        return U[i][deviate(a, i, dev)] - U[i][a]
    i, rec, dev = label
    if a[i] != rec:
        return Fraction(0)
    return U[i][deviate(a, i, dev)] - U[i][a]


def is_correlated_equilibrium(U, shape, mu, coarse=False) -> bool:
    """``mu`` (dict outcome -> probability) is a (coarse) correlated equilibrium."""
    if not is_distribution(list(mu.values())):
        return False
    n = len(shape)
    labels = ([(i, d) for i in range(n) for d in range(shape[i])] if coarse else
              [(i, r, d) for i in range(n) for r in range(shape[i]) for d in range(shape[i])])
    return all(sum((mu[a] * _gain(U, shape, lab, a, coarse) for a in outcomes(shape)),
                   Fraction(0)) <= 0 for lab in labels)


def check_correlated(U, shape, value, mu, multipliers, shift, objective="max",
                     coarse=False) -> bool:
    """``value`` is the best (``"max"``) or worst (``"min"``) welfare over (coarse) CE.

    Primal: ``mu`` is a CE with welfare ``value``. Dual: ``lambda >= 0`` and every outcome has
    ``W(a) <= shift + sum lambda g(a)`` (max) or ``W(a) >= shift - sum lambda g(a)`` (min), with
    ``shift == value``; since every CE has ``sum_a mu(a) g(a) <= 0`` no CE does better.
    """
    if not is_correlated_equilibrium(U, shape, mu, coarse):
        return False
    W = {a: sum((U[i][a] for i in range(len(shape))), Fraction(0)) for a in outcomes(shape)}
    if sum((mu[a] * W[a] for a in outcomes(shape)), Fraction(0)) != value or shift != value:
        return False
    if any(lam < 0 for _, lam in multipliers):
        return False
    for a in outcomes(shape):
        dual = sum((lam * _gain(U, shape, lab, a, coarse) for lab, lam in multipliers),
                   Fraction(0))
        if objective == "max" and W[a] > shift + dual:
            return False
        if objective == "min" and W[a] < shift - dual:
            return False
    return True


# -- Nash equilibria of bimatrix games: vertex enumeration ----------------------------------


def solve(rows, rhs):
    """The unique solution of a square linear system (Fractions), or None if singular."""
    n = len(rows)
    M = [list(r) + [b] for r, b in zip(rows, rhs)]
    for c in range(n):
        piv = next((r for r in range(c, n) if M[r][c] != 0), None)
        if piv is None:
            return None
        M[c], M[piv] = M[piv], M[c]
        inv = 1 / M[c][c]
        M[c] = [v * inv for v in M[c]]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c]
                M[r] = [v - f * w for v, w in zip(M[r], M[c])]
    return [M[r][n] for r in range(n)]


def polytope_vertices(C, dim):
    """Vertices of ``{z >= 0, C z <= 1}`` (``C`` has ``dim`` columns) with their label sets.

    Labels ``0..dim-1`` are the tight non-negativity constraints, ``dim + k`` the tight rows.
    """
    cons = [([Fraction(int(j == k)) for j in range(dim)], Fraction(0)) for k in range(dim)]
    cons += [(list(row), Fraction(1)) for row in C]
    verts = {}
    for chosen in itertools.combinations(range(len(cons)), dim):
        z = solve([cons[k][0] for k in chosen], [cons[k][1] for k in chosen])
        if z is None or any(v < 0 for v in z):
            continue
        if any(sum(c * v for c, v in zip(row, z)) > 1 for row in C):
            continue
        key = tuple(z)
        if key not in verts:
            labels = {k for k in range(dim) if z[k] == 0}
            labels |= {dim + r for r, row in enumerate(C)
                       if sum(c * v for c, v in zip(row, z)) == 1}
            verts[key] = labels
    return verts


def extreme_equilibria(A, B):
    """Every extreme Nash equilibrium of the bimatrix game ``(A, B)`` (lists of Fractions).

    Payoffs are shifted to be positive; ``P = {x >= 0, B^T x <= 1}``, ``Q = {y >= 0, A y <= 1}``;
    the extreme equilibria are the completely labelled vertex pairs other than ``(0, 0)``,
    normalised (Avis, Rosenberg, Savani & von Stengel 2010). Returns a set of
    ``(x, y)`` tuples of Fractions.
    """
    m, n = len(A), len(A[0])
    low = min(min(min(r) for r in A), min(min(r) for r in B))
    shift = 1 - low if low <= 0 else 0
    A1 = [[v + shift for v in r] for r in A]
    B1 = [[v + shift for v in r] for r in B]
    BT = [[B1[i][j] for i in range(m)] for j in range(n)]
    P = polytope_vertices(BT, m)       # x labels: 0..m-1 (x_i = 0), m..m+n-1 (best response j)
    Q = polytope_vertices(A1, n)       # y labels: 0..n-1 (y_j = 0), n..n+m-1 (best response i)
    out = set()
    for x, lx in P.items():
        if not any(x):
            continue
        # relabel so that the labels are actions: row i is "i", column j is "m + j"
        ax = {k for k in lx if k < m} | {m + (k - m) for k in lx if k >= m}
        for y, ly in Q.items():
            if not any(y):
                continue
            ay = {m + k for k in ly if k < n} | {k - n for k in ly if k >= n}
            if ax | ay == set(range(m + n)):
                sx, sy = sum(x), sum(y)
                out.add((tuple(v / sx for v in x), tuple(v / sy for v in y)))
    return out


def is_nash(U, shape, strategies) -> bool:
    """No player gains by a unilateral pure deviation."""
    for i in range(len(shape)):
        if max(deviation_values(U[i], shape, strategies, i)) > expected(U[i], shape, strategies):
            return False
    return True


def pure_equilibria(U, shape):
    return [a for a in outcomes(shape)
            if all(U[i][a] >= U[i][deviate(a, i, b)]
                   for i in range(len(shape)) for b in range(shape[i]))]


# -- Pareto efficiency ----------------------------------------------------------------------


def payoff_vectors(U, shape):
    return {a: tuple(U[i][a] for i in range(len(shape))) for a in outcomes(shape)}


def dominates(y, x) -> bool:
    return all(p >= q for p, q in zip(y, x)) and y != x


def efficient_points(U, shape):
    """``{payoff vector: sorted profiles}`` for every payoff vector no other one dominates."""
    pts = payoff_vectors(U, shape)
    vecs = set(pts.values())
    out = {}
    for a, v in pts.items():
        if not any(dominates(w, v) for w in vecs):
            out.setdefault(v, []).append(a)
    return out


def check_facet(points, vertices, normal, offset) -> bool:
    """``normal > 0`` sums to 1, ``normal . y <= offset`` on every payoff vector, with equality
    at each listed vertex (which must be payoff vectors): a supporting hyperplane certificate."""
    if any(c <= 0 for c in normal) or sum(normal, Fraction(0)) != 1:
        return False
    val = [sum((c * v for c, v in zip(normal, p)), Fraction(0)) for p in points]
    if any(v > offset for v in val):
        return False
    pts = set(points)
    return len(vertices) >= 2 and all(
        tuple(v) in pts and sum((c * x for c, x in zip(normal, v)), Fraction(0)) == offset
        for v in vertices)


# -- the Nash bargaining solution (two players, the convex hull) ----------------------------


def nash_product_max(points, d):
    """``max (x_0 - d_0)(x_1 - d_1)`` over ``conv(points) ∩ {x >= d}`` and a maximiser.

    The hull is the union of the segments between pairs of points (every segment lies in it and
    its boundary is made of such segments), and the product is maximal on the boundary; on a
    segment ``x(t) = P + t (Q - P)`` it is a quadratic in ``t``, maximised in closed form.
    Returns ``None`` when no point of the hull is ``>= d``.
    """
    best = None

    def consider(x):
        nonlocal best
        if x[0] >= d[0] and x[1] >= d[1]:
            v = (x[0] - d[0]) * (x[1] - d[1])
            if best is None or v > best[0]:
                best = (v, x)

    pts = list(set(points))
    for p in pts:
        consider(p)
    for p, q in itertools.combinations(pts, 2):
        e = (q[0] - p[0], q[1] - p[1])
        a = e[0] * e[1]
        b = (p[0] - d[0]) * e[1] + (p[1] - d[1]) * e[0]
        cands = []
        if a != 0:
            cands.append(-b / (2 * a))
        for k in range(2):          # where the segment crosses x_k = d_k
            if e[k] != 0:
                cands.append((d[k] - p[k]) / e[k])
        for t in cands:
            if 0 <= t <= 1:
                consider((p[0] + t * e[0], p[1] + t * e[1]))
    return best


# -- POWER ----------------------------------------------------------------------------------


def power(U, shape, i, strategies):
    """``POWER_i(sigma) = max_b u_i(b, sigma_{-i})`` (Stavrianos & Turner (2021b))."""
    return max(deviation_values(U[i], shape, strategies, i))


def bayesian_power(prior, rewards, n_types, shape, i, strategies):
    """Interim Bayesian POWER (Stavrianos & Turner (2021b)): ``sum_{t_i} P(t_i) max_b E[r_i(t_i, b, sigma_{-i}) | t_i]``.

    ``prior[t]`` for type profiles ``t``; ``rewards[i][t_i][a]``; ``strategies[j][t_j]`` a
    distribution over player ``j``'s actions.
    """
    total = Fraction(0)
    types = list(itertools.product(*(range(k) for k in n_types)))
    for ti in range(n_types[i]):
        p_ti = sum((prior[t] for t in types if t[i] == ti), Fraction(0))
        if p_ti == 0:
            continue
        best = None
        for b in range(shape[i]):
            val = Fraction(0)
            for t in types:
                if t[i] != ti or prior[t] == 0:
                    continue
                for a in outcomes(shape):
                    if a[i] != b:
                        continue
                    p = prior[t] / p_ti
                    for j in range(len(shape)):
                        if j != i:
                            p *= strategies[j][t[j]][a[j]]
                    val += p * rewards[i][ti][a]
            best = val if best is None or val > best else best
        total += p_ti * best
    return total
