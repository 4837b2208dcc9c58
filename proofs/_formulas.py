"""The welfare-regret bounds of docs/discussion/delegation.rst, evaluated from their statements.

An independent evaluator (not a theorem): it reads only the raw payoff arrays of a delegation
game and implements the standardisations (Gleave et al. (2021), EPIC: mean shift, Euclidean
scale, distance ``||nu - nu'||_2 / 2``, ``K_m = sqrt 2``, ``K_d = 2``; and every other scheme
of `SCHEMES`, with the constants of Skalse et al. (2024), STARC, `constants`), weighted welfare
(the pairs' factors), welfare regret, collective alignment and pure equilibria (Sourbut,
Hammond & Wood (2024)) and the formulas of Forms A, A1, C, P and Prop B
(docs/discussion/delegation.rst) with sympy, sharing
no code with `symalign.delegation.bounds`, `symalign.delegation.alignment` or
`symalign.delegation.standardisation`. The bound theorems compare the library's values with
these exactly (`proofs._exact`: rigorous intervals for non-zero signs, minimal polynomials for
zero; no comparison is decided by floating digits).
"""

from __future__ import annotations

import itertools

import sympy
from sympy import Integer, sqrt

from ._exact import absolute, same, sign

__all__ = ["same", "Quantities"]

K_M = sqrt(2)   # EPIC (Gleave et al. (2021)), as in the authors' code
K_D = Integer(2)

HALF = sympy.Rational(1, 2)
D3 = (HALF, sympy.Rational(1, 4), sympy.Rational(1, 4))
D4 = (HALF, sympy.Rational(1, 4), sympy.Rational(1, 8), sympy.Rational(1, 8))
#: ``(name, shift, norm, kappa, D)``: every standardisation symalign offers, as the statement
#: reads them (Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC)
EPIC_SCHEME = ("EPIC", "mean", "L2", HALF, None)
SCHEMES = (EPIC_SCHEME, ("MAX", "midrange", "Linf", Integer(1), None),
           ("mean/L1", "mean", "L1", HALF, None), ("mean/Linf", "mean", "Linf", HALF, None),
           ("midrange/L1", "midrange", "L1", HALF, None),
           ("midrange/L2", "midrange", "L2", HALF, None),
           ("mean_under(D)", "mean", "L2", HALF, D4))   # four outcomes: the 2x2 games
#: the range bound of a standardised vector by norm (STARC's table): 1 (L1), sqrt 2 (L2), 2
K_M_BY_NORM = {"L1": Integer(1), "L2": sqrt(2), "Linf": Integer(2)}


def constants(scheme):
    """``(K_m, K_d)`` of a scheme: ``K_d = 1/kappa`` (``1/(kappa sqrt(D_min))`` under ``D``)."""
    _, _, norm, kappa, D = scheme
    if D is None:
        return K_M_BY_NORM[norm], 1 / sympy.sympify(kappa)
    a, b = sorted(D)[:2]
    return sqrt(1 / a + 1 / b), 1 / (kappa * sqrt(min(D)))


def scheme_norm(x, scheme):
    """The scheme's scale norm of a vector (exact absolute values)."""
    _, _, norm, _, D = scheme
    if norm == "L1":
        return sympy.Add(*(absolute(v) if not v.free_symbols else sympy.Abs(v) for v in x))
    if norm == "Linf":
        if any(v.free_symbols for v in x):
            return sympy.Max(*(sympy.Abs(v) for v in x))
        return _max([absolute(v) for v in x])
    w = D or (1,) * len(x)
    return sqrt(sympy.Add(*(d * v * v for d, v in zip(w, x))))


def standardise_by(u, scheme):
    """``(shift, magnitude, nu)`` by the definition: ``c`` the mean, D-mean or mid-range,
    ``m = ||u - c||``, ``nu = (u - c)/m`` (0 for a constant ``u``)."""
    _, shift, _, _, D = scheme
    u = [sympy.sympify(v) for v in u]
    if shift == "midrange":
        c = (sympy.Max(*u) + sympy.Min(*u)) / 2
    elif D is not None:
        c = sympy.Add(*(d * v for d, v in zip(D, u)))
    else:
        c = sympy.Add(*u) / len(u)
    x = [sympy.expand(v - c) for v in u]
    if all(v == 0 for v in x):
        return c, Integer(0), [Integer(0)] * len(u)
    m = scheme_norm(x, scheme)
    return c, m, [v / m for v in x]


class Raw:
    """The raw data of a delegation game: payoff vectors over outcomes (row-major)."""

    def __init__(self, dg):
        self.shape = tuple(dg.shape)
        self.n = len(self.shape)
        self.outcomes = list(itertools.product(*(range(k) for k in self.shape)))
        A, P = dg.agents.sympy_array(), dg.principals.sympy_array()
        self.u = [[A[i][s] for s in self.outcomes] for i in range(self.n)]
        self.uh = [[P[i][s] for s in self.outcomes] for i in range(self.n)]
        f = dg.factors()
        self.f = [sympy.sympify(x) for x in f]


def probabilities(raw: Raw, profile) -> list:
    """The outcome distribution of a pure profile (indices) or a mixed product profile."""
    if all(isinstance(a, int) for a in profile):
        return [Integer(1) if s == tuple(profile) else Integer(0) for s in raw.outcomes]
    strat = [[sympy.sympify(p) for p in row] for row in profile]
    return [sympy.Mul(*(strat[i][s[i]] for i in range(raw.n))) for s in raw.outcomes]


def standardise(vec):
    """EPIC: ``(m, nu)`` with ``m = ||u - mean||_2`` and ``nu = (u - mean) / m`` (0 if m = 0)."""
    mean = sympy.Add(*vec) / len(vec)
    x = [v - mean for v in vec]
    m = sqrt(sympy.Add(*(t * t for t in x)))
    if m == 0:
        return Integer(0), [Integer(0)] * len(vec)
    return m, [t / m for t in x]


def norm2(v):
    return sqrt(sympy.Add(*(t * t for t in v)))


def welfare(raw: Raw, vecs, probs):
    return sympy.Add(*(p * sympy.Add(*(f * v[k] for f, v in zip(raw.f, vecs)))
                       for k, p in enumerate(probs)))


def welfare_at(raw: Raw, vecs, k):
    return sympy.Add(*(f * v[k] for f, v in zip(raw.f, vecs)))


def regret(raw: Raw, vecs, probs):
    """``max_s w(s) - w(sigma)``."""
    best = _max([welfare_at(raw, vecs, k) for k in range(len(raw.outcomes))])
    return best - welfare(raw, vecs, probs)


class Quantities:
    """Magnitudes, ratios, distances and regrets of one delegation game and profile (EPIC)."""

    def __init__(self, dg, profile, scheme=EPIC_SCHEME):
        raw = self.raw = Raw(dg)
        self.scheme = scheme
        self.K_m, self.K_d = constants(scheme)
        self.dominates_linf = scheme[4] is None     # L1, L2, Linf >= Linf; L2(D) need not
        self.probs = probabilities(raw, profile) if profile is not None else None
        A = [standardise_by(v, scheme)[1:] for v in raw.u]
        P = [standardise_by(v, scheme)[1:] for v in raw.uh]
        self.m = [f * a[0] for f, a in zip(raw.f, A)]
        self.mh = [f * p[0] for f, p in zip(raw.f, P)]
        self.nu = [a[1] for a in A]
        self.nuh = [p[1] for p in P]
        self.d = [scheme[3] * scheme_norm([sympy.expand(x - y) for x, y in zip(p, a)], scheme)
                  for p, a in zip(self.nuh, self.nu)]
        if profile is not None:
            self.WR = regret(raw, raw.u, self.probs)
            self.WRh = regret(raw, raw.uh, self.probs)
        self.align = 2 * self.K_d * sympy.Add(*(mh * d for mh, d in zip(self.mh, self.d)))
        self.r = [None if m == 0 else mh / m for m, mh in zip(self.m, self.mh)]

    def form_a_value(self, R):
        cal = sympy.Add(*(m * absolute(r - R) for m, r in zip(self.m, self.r) if r is not None))
        return R * self.WR + self.align + self.K_m * cal

    def form_a(self, R=None, cap=True):
        cands = [R] if R is not None else [Integer(0)] + [r for r in self.r if r is not None]
        vals = [self.form_a_value(c) for c in cands]
        if cap:
            vals.append(self.K_m * sympy.Add(*self.mh))
        return _min(vals)

    def calibrated(self) -> bool:
        return all(r is not None for r in self.r) and all(same(r, self.r[0]) for r in self.r)

    def form_a1(self):
        return self.r[0] * self.WR + self.align

    def collective(self, mags, nus):
        """CA (Sourbut, Hammond & Wood (2024)) in the scheme's norm; None when every member is
        indifferent."""
        total = sympy.Add(*mags)
        if total == 0:
            return None
        mu = [sympy.Add(*(m * v[k] for m, v in zip(mags, nus))) / total
              for k in range(len(nus[0]))]
        return 1 - sympy.Add(*(m / total * scheme_norm([sympy.expand(a - b)
                                                         for a, b in zip(v, mu)], self.scheme)
                               for m, v in zip(mags, nus)))

    def form_c(self):
        rbar = sympy.Add(*self.mh) / sympy.Add(*self.m)
        ca = self.collective(self.m, self.nu)
        spread = _max([absolute(r - rbar) for r in self.r])
        return rbar * self.WR + self.align + 2 * spread * (1 - ca) * sympy.Add(*self.m)

    def ideal_regret(self):
        raw = self.raw
        plus = sympy.Add(*(f * _max(v) for f, v in zip(raw.f, raw.uh)))
        return plus - _max([welfare_at(raw, raw.uh, k) for k in range(len(raw.outcomes))])

    def prop_b(self):
        ca = self.collective(self.mh, self.nuh)
        return None if ca is None else (1 - ca) * sympy.Add(*self.mh)

    def pure_nash(self, eps=0):
        """Every pure (range-relative eps-)Nash equilibrium of the agents' game (outcome
        indices), by definition: ``u_i(a) >= lo_i + (1 - eps)(hi_i - lo_i)`` with ``lo_i, hi_i``
        the extremes of ``u_i(., a_-i)`` (eps = 0: no profitable deviation)."""
        raw = self.raw
        index = {s: k for k, s in enumerate(raw.outcomes)}
        out = []
        for k, s in enumerate(raw.outcomes):
            ok = True
            for i in range(raw.n):
                dev = [raw.u[i][index[s[:i] + (b,) + s[i + 1:]]] for b in range(raw.shape[i])]
                lo, hi = min(dev), max(dev)
                ok = ok and raw.u[i][k] >= lo + (1 - eps) * (hi - lo)
            if ok:
                out.append(k)
        return out

    def form_p(self, cc, eps=0):
        """Form P: ``(1 - CC)(w* - w_0) + (w_0 - w_eps) + align + cal``; ``None`` if no pure NE."""
        raw = self.raw
        ne = self.pure_nash()
        if not ne:
            return None
        W = [welfare_at(raw, raw.u, k) for k in range(len(raw.outcomes))]
        w_star, w0 = _max(W), _min([W[k] for k in ne])
        w_eps = _min([W[k] for k in self.pure_nash(eps)])
        What = [welfare_at(raw, raw.uh, k) for k in range(len(raw.outcomes))]
        s_hat = What.index(_max(What))            # the first maximiser, row-major
        cal = sympy.Add(*(f * (r - 1) * (u[s_hat] - sympy.Add(*(p * x for p, x in
                                                                  zip(self.probs, u))))
                          for f, r, u in zip(raw.f, self.r, raw.u)))
        return (1 - cc) * (w_star - w0) + (w0 - w_eps) + self.align + cal

    def collective_capability(self):
        raw = self.raw
        ne = self.pure_nash()
        W = [welfare_at(raw, raw.u, k) for k in range(len(raw.outcomes))]
        w_star, w0 = _max(W), _min([W[k] for k in ne])
        return (welfare(raw, raw.u, self.probs) - w0) / (w_star - w0)


def _min(vals):
    best = vals[0]
    for v in vals[1:]:
        if sign(v - best) < 0:
            best = v
    return best


def _max(vals):
    best = vals[0]
    for v in vals[1:]:
        if sign(v - best) > 0:
            best = v
    return best



def collective_alignment_of(game):
    """EPIC CA (Sourbut, Hammond & Wood (2024)) of a plain game's players from its raw payoffs; None if all indifferent."""
    outs = list(itertools.product(*(range(k) for k in game.shape)))
    arr = game.sympy_array()
    members = [standardise([arr[i][s] for s in outs]) for i in range(len(game.shape))]
    mags = [m for m, _ in members]
    total = sympy.Add(*mags)
    if total == 0:
        return None
    nus = [v for _, v in members]
    mu = [sympy.Add(*(m * v[k] for m, v in zip(mags, nus))) / total for k in range(len(outs))]
    return 1 - sympy.Add(*(m / total * norm2([a - b for a, b in zip(v, mu)])
                           for m, v in zip(mags, nus)))
