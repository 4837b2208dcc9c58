"""Shared lemmas for the welfare-regret bounds of docs/discussion/delegation.rst (not a theorem)."""

from __future__ import annotations

import sympy

from symalign.proving.claims import check_identity, prove_piecewise_linear

N = 2  # players in the generic lemma instances


def symbols():
    """Generic per-player quantities: magnitudes, shifts and standardised values at s* and sigma."""
    m = sympy.symbols(f"m_0:{N}", positive=True)
    mh = sympy.symbols(f"mhat_0:{N}", positive=True)
    c = sympy.symbols(f"c_0:{N}", real=True)
    ch = sympy.symbols(f"chat_0:{N}", real=True)
    nu_s = sympy.symbols(f"nu_0:{N}(s*)", real=True)
    nu_x = sympy.symbols(f"nu_0:{N}(sigma)", real=True)
    nh_s = sympy.symbols(f"nuhat_0:{N}(s*)", real=True)
    nh_x = sympy.symbols(f"nuhat_0:{N}(sigma)", real=True)
    return m, mh, c, ch, nu_s, nu_x, nh_s, nh_x


def key_lemma(R=None, name="key lemma (docs/discussion/delegation.rst, Form A)"):
    """Identity: WR_hat = R[w(s*) - w(sigma)] + sum (r_i - R) m_i dnu_i + sum mhat_i d(nuhat_i - nu_i)."""
    m, mh, c, ch, nu_s, nu_x, nh_s, nh_x = symbols()
    R = sympy.Symbol("R", real=True) if R is None else R
    r = [mh[i] / m[i] for i in range(N)]
    u = lambda i, v: m[i] * v + c[i]  # noqa: E731
    uh = lambda i, v: mh[i] * v + ch[i]  # noqa: E731
    wr_hat = sum(uh(i, nh_s[i]) - uh(i, nh_x[i]) for i in range(N))
    w_s = sum(u(i, nu_s[i]) for i in range(N))
    w_x = sum(u(i, nu_x[i]) for i in range(N))
    rhs = (R * (w_s - w_x) + sum((r[i] - R) * m[i] * (nu_s[i] - nu_x[i]) for i in range(N))
           + sum(mh[i] * ((nh_s[i] - nu_s[i]) - (nh_x[i] - nu_x[i])) for i in range(N)))
    return check_identity(wr_hat, rhs, name=name)


def cooperation_lemma():
    """Certificate: R >= 0 and w(s*) <= w* give R [w(s*) - w(sigma)] <= R (w* - w(sigma))."""
    R, ws, wst, wx = sympy.symbols("R w^* w(s*) w(sigma)", real=True)
    return prove_piecewise_linear(R * (wst - wx) <= R * (ws - wx), assumptions=[R >= 0, ws - wst >= 0],
                                  products=True, name="cooperation term <= R WR")


def calibration_lemma():
    """Certificate: m >= 0 and |y| <= K give m x y <= K m |x| (y a difference of standardised values)."""
    x, y = sympy.symbols("x y", real=True)
    m, K = sympy.symbols("m K", real=True)
    return prove_piecewise_linear(m * x * y <= K * m * sympy.Abs(x),
                                  assumptions=[m >= 0, K - y >= 0, K + y >= 0], products=3,
                                  name="(r_i - R) m_i dnu_i <= K_m m_i |r_i - R| given range(nu_i) <= K_m")


def alignment_lemma():
    """Certificate: |z(s)|, |z(t)| <= Z <= K_d d and mhat >= 0 give mhat (z(s) - z(t)) <= 2 K_d mhat d."""
    zs, zt, Z, d, mh, Kd = sympy.symbols("z(s*) z(sigma) Z d mhat K_d", real=True)
    return prove_piecewise_linear(mh * (zs - zt) <= 2 * Kd * mh * d,
                                  assumptions=[mh >= 0, Z - zs >= 0, Z + zt >= 0, Kd * d - Z >= 0],
                                  products=True,
                                  name="mhat_i d(nuhat_i - nu_i) <= 2 K_d mhat_i d_i given ||.||_inf <= K_d d")


def sum_lemma(terms: int = 2 * N + 1):
    """Certificate: adding term-wise bounds T_k <= B_k gives sum T_k <= sum B_k."""
    T = sympy.symbols(f"T_0:{terms}", real=True)
    B = sympy.symbols(f"B_0:{terms}", real=True)
    return prove_piecewise_linear(sum(T) <= sum(B), assumptions=[b - t >= 0 for t, b in zip(T, B)],
                                  name="sum of the term-wise bounds")


def ca_coupled_lemma():
    """Certificate: |x| <= X, |a|, |b| <= Y, m >= 0 give x m (a - b) <= 2 X m Y."""
    x, a, b, X, Y, m = sympy.symbols("x a b X Y m", real=True)
    return prove_piecewise_linear(x * m * (a - b) <= 2 * X * m * Y,
                                  assumptions=[m >= 0, X - x >= 0, X + x >= 0, Y - a >= 0,
                                               Y + a >= 0, Y - b >= 0, Y + b >= 0],
                                  products=3,
                                  name="(r_i - rbar) m_i d(nu_i - mu) <= 2 max|r - rbar| m_i ||nu_i - mu||_inf")


def calibrated_family():
    """Perfectly calibrated delegation games (equal ratios r_i) with every pure profile and uniform."""
    import itertools

    import symalign as sa
    from symalign.delegation import DelegationGame
    out = []
    for key in ("prisoners-dilemma", "battle-of-the-sexes", "chicken", "coordination", "stag-hunt",
                "matching-pennies"):
        g = sa.games.by_name(key)
        U = g.sympy_array()
        swapped = sa.Game([U[1], U[0]])                      # equal magnitudes: r_i = 1
        affine = sa.Game([2 * U[0] + 1, 2 * U[1] - 1])      # r_i = 2 and IA = 1
        for principals in (swapped, affine):
            dg = DelegationGame(g, principals)
            profiles = list(itertools.product(range(2), repeat=2))
            profiles.append([[sympy.Rational(1, 2)] * 2] * 2)
            out += [(key, dg, p) for p in profiles]
    return out
