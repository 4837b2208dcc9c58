"""Private: the paper's random delegation games as rounded integer games, decided exactly and fast.

The grid scan and the estimation experiment of Sourbut, Hammond & Wood (2024), Sec. 6, need
thousands of games whose IA, CA (EPIC), IC and CC hit chosen targets. The authors build them
in floats and round every payoff to five decimals. Here:

* `float_construction` builds the principals and agents in float64: the CA group has unit
  vectors ``nu_i = sqrt(1 - delta^2) e + delta g_i`` (``delta = 1 - CA``; ``e`` and the centred
  regular simplex ``g_i`` come from a random orthonormal mean-zero frame, so the games are
  generic), the paired group ``nu'_i = (1 - 2 delta_i^2) nu_i + 2 delta_i sqrt(1 - delta_i^2)
  xi_i`` (``delta_i = 1 - IA_i``, ``xi_i`` a random unit heading orthogonal to ``nu_i``);
  magnitudes and shifts are random;
* `round_payoffs` rounds every payoff to a multiple of ``1/scale`` (integers in int64), so
  the game is exactly rational; its IA and CA differ from the targets by rounding only
  (about ``1e-6``), and the *actual* values are recorded;
* every later step is exact: pure epsilon-NE and the CC window in integer arithmetic,
  welfares as integers, and the bounds' verdicts as signs of numbers built from integers and
  square roots, decided by rigorous ball arithmetic (python-flint's ``arb``; the ball
  contains the true value, so a ball that excludes 0 gives the exact sign). A ball that
  cannot exclude 0 at 512 bits falls back to `symalign.delegation.bounds` on the same
  rational game (counted as ``exact_fallbacks``).

The EPIC quantities come from integer Gram entries: with ``U_i`` the scaled integer payoffs
over ``N`` outcomes, ``N * c_i . c_j = N sum U_i U_j - sum U_i sum U_j`` (``c_i`` centred).
"""

from __future__ import annotations

from fractions import Fraction

from symalign.core.lazy import np

__all__: list[str] = []

SCALE = 10**6          # payoffs are multiples of 1 / SCALE
_PRECISIONS = (128, 512)


# -- construction (float64) ---------------------------------------------------------------------

def _dot(a: np.ndarray, b: np.ndarray) -> float:
    # elementwise, not BLAS: a multithreaded BLAS spins on a loaded machine (1000x slower)
    return float(np.multiply(a, b).sum())


def _frame(rng, N: int, k: int) -> np.ndarray:
    """``k`` orthonormal mean-zero vectors of length ``N`` (rows), uniformly oriented
    (Gram-Schmidt, twice, of centred Gaussian vectors)."""
    Z = rng.standard_normal((k, N))
    Z -= Z.mean(axis=1, keepdims=True)
    for i in range(k):
        for _ in range(2):
            for j in range(i):
                Z[i] -= _dot(Z[i], Z[j]) * Z[j]
        Z[i] /= np.sqrt(_dot(Z[i], Z[i]))
    return Z


def _heading(rng, nu: np.ndarray) -> np.ndarray:
    """A random unit mean-zero vector orthogonal to the unit mean-zero ``nu``."""
    h = rng.standard_normal(nu.shape[0])
    h -= h.mean()
    h -= _dot(h, nu) * nu
    return h / np.sqrt(_dot(h, h))


def float_construction(rng, N: int, n: int, ia, ca: float, *,
                       magnitude_range=(0.5, 1.5), shift_range=(-1.0, 1.0)):
    """``(ca_group, paired_group)`` payoffs, float64 arrays of shape ``(n, N)``.

    The CA group has CA exactly ``ca`` and a common random magnitude; pair ``i`` of the paired
    group has IA exactly ``ia[i]`` against it and its own random magnitude (all up to float
    rounding).
    """
    delta = 1.0 - float(ca)
    if n == 1:
        nus = _frame(rng, N, 1)
    else:
        b = _frame(rng, N, n)
        e = b.sum(axis=0) / np.sqrt(n)
        g = np.sqrt(n / (n - 1)) * (b - e / np.sqrt(n))
        nus = np.sqrt(max(0.0, 1.0 - delta * delta)) * e + delta * g
    lo, hi = magnitude_range
    m = rng.uniform(lo, hi)
    group_a = m * nus + rng.uniform(*shift_range, size=(n, 1))
    others = np.empty_like(nus)
    for i in range(n):
        d = 1.0 - float(ia[i])
        xi = _heading(rng, nus[i])
        others[i] = (1 - 2 * d * d) * nus[i] + 2 * d * np.sqrt(max(0.0, 1 - d * d)) * xi
    group_b = (rng.uniform(lo, hi, size=(n, 1)) * others
               + rng.uniform(*shift_range, size=(n, 1)))
    return group_a, group_b


def round_payoffs(x: np.ndarray, scale: int = SCALE) -> np.ndarray:
    """Payoffs ``x`` rounded to multiples of ``1/scale``, as int64 numerators."""
    return np.rint(x * scale).astype(np.int64)


# -- exact integer steps --------------------------------------------------------------------------

def pure_eps_ne_mask(U: np.ndarray, ic: Fraction) -> np.ndarray:
    """Pure range-relative eps-NE with ``1 - eps = ic`` of the integer game ``U`` (shape
    ``(n, *shape)``): ``u_i(a) - lo_i >= ic (hi_i - lo_i)``, decided in integers."""
    p, q = ic.numerator, ic.denominator
    mask = np.ones(U.shape[1:], dtype=bool)
    for i in range(U.shape[0]):
        u = U[i]
        lo = u.min(axis=i, keepdims=True)
        hi = u.max(axis=i, keepdims=True)
        mask &= q * (u - lo) >= p * (hi - lo)
    return mask


def reference_welfares(U: np.ndarray, ic: Fraction, tol: Fraction = Fraction(0)):
    """``(W, w_star, w0, w_eps)`` of the agents' integer game (welfare ``W = sum_i U_i``,
    flattened), or None when it has no pure ``tol``-NE.

    ``w0`` is the worst welfare over pure ``tol``-NE (``tol = 0``: the pure Nash equilibria;
    the authors' code relaxes ``tol`` by 1/100 after every few games without one) and
    ``w_eps`` over pure eps-NE with ``1 - eps = min(ic, 1 - tol)``."""
    W = U.sum(axis=0).reshape(-1)
    ne = pure_eps_ne_mask(U, 1 - tol).reshape(-1)
    if not ne.any():
        return None
    ic = min(ic, 1 - tol)
    eps_ne = ne if ic == 1 - tol else pure_eps_ne_mask(U, ic).reshape(-1)
    return W, int(W.max()), int(W[ne].min()), int(W[eps_ne].min())


def played_indices(W: np.ndarray, w_star: int, w0: int, w_eps: int, cc: Fraction):
    """Flat indices in the CC window ``w_eps + cc (w* - w0) <= w <= w_eps + (w* - w0)``
    (exact); if it is empty the code's fallback: the first outcome closest to the midpoint.
    Returns ``(indices, in_window)``."""
    p, q = cc.numerator, cc.denominator
    span = w_star - w0
    lo_q = q * w_eps + p * span           # q * lower end
    hi = w_eps + span
    Wq = W.astype(object) * q if abs(int(W.max(initial=0))) * q > 2**62 else W * q
    inside = np.flatnonzero((Wq >= lo_q) & (W <= hi))
    if inside.size:
        return inside, True
    # midpoint (lo + hi)/2 = (lo_q + q hi) / (2q): compare |2q W - (lo_q + q hi)|
    dist = np.abs(2 * Wq - (lo_q + q * hi))
    return np.array([int(np.argmin(dist))]), False


def gram(U: np.ndarray) -> list[list[int]]:
    """``N * c_i . c_j`` for the flattened integer utilities ``U`` (rows), as Python ints."""
    N = U.shape[1]
    S = [int(s) for s in U.sum(axis=1)]
    k = U.shape[0]
    _check_int64(U)
    G = [[0] * k for _ in range(k)]
    for i in range(k):
        for j in range(i, k):
            G[i][j] = G[j][i] = N * int(np.multiply(U[i], U[j]).sum()) - S[i] * S[j]
    return G


def _check_int64(U: np.ndarray) -> None:
    bound = int(np.abs(U).max(initial=0))
    if bound * bound * U.shape[-1] >= 2**62:
        raise OverflowError("rounded payoffs too large for the int64 Gram matrix")


# -- the bounds' exact verdicts by ball arithmetic ------------------------------------------------

def _flint():
    try:
        import flint
    except ImportError as exc:
        from symalign.core.errors import MissingDependencyError
        raise MissingDependencyError("python-flint", "experiments",
                                     "the exact verdicts of the grid scan (ball arithmetic)"
                                     ) from exc
    return flint


def _nonneg_sqrt(x):
    """sqrt of a ball known to contain a true value >= 0 (clipped below at 0)."""
    flint = _flint()
    if x.lower() < 0:
        x = flint.arb(0).union(x.upper())
    return x.sqrt()


def _sign(x) -> int | None:
    if x.is_zero():
        return 0
    if x > 0:
        return 1
    if x < 0:
        return -1
    return None


def grid_quantities(U, Uh, played, cc: Fraction, refs, prec: int) -> dict:
    """Form P and Prop B of the rounded game (average welfare, EPIC) as balls and Fractions.

    ``U``/``Uh``: agents'/principals' integer payoffs, shape ``(n, N)`` (flattened outcomes,
    scale `SCALE`); ``played``: flat indices of the uniform profile sigma; ``refs``:
    ``(W, w_star, w0, w_eps)`` from `reference_welfares`.
    """
    flint = _flint()
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        arb = flint.arb
        n, N = U.shape
        D = SCALE
        nD = n * D
        W, w_star, w0, w_eps = refs
        Wp = Uh.sum(axis=0)
        s_hat = int(np.argmax(Wp))
        k = len(played)
        G = gram(np.vstack([U, Uh]))
        Ga = [G[i][i] for i in range(n)]
        Gp = [G[n + i][n + i] for i in range(n)]
        # Form P (each term over n: the average welfare form)
        regret = Fraction(int(Wp[s_hat]) * k - int(Wp[played].sum()), k * nD)
        p, q = cc.numerator, cc.denominator
        coop = Fraction((q - p) * (w_star - w0) + q * (w0 - w_eps), q * nD)
        align = arb(0)
        cal = arb(0)
        dist = []                       # ||nu_hat_i - nu_i|| as balls
        for i in range(n):
            X = G[i][n + i]
            prod = Ga[i] * Gp[i]
            if Gp[i] == 0 or Ga[i] == 0:
                # a constant utility has nu = 0 (EPIC): ||nu_hat - nu|| is the other's norm
                d = arb(0) if Gp[i] == Ga[i] else arb(1)
            else:
                gap = prod - X * X          # >= 0 (Cauchy-Schwarz), 0 iff proportional
                if gap == 0 and X > 0:
                    d = arb(0)
                else:
                    r = arb(prod).sqrt()
                    diff = (arb(gap) / (r + X)) if X > 0 else (r - X)
                    d = _nonneg_sqrt(2 * diff / r)
            dist.append(d)
            m_hat = arb(Gp[i]).sqrt() / (arb(N).sqrt() * D)
            align += 2 * m_hat * d
            if Ga[i]:
                ratio = (arb(Gp[i]) / Ga[i]).sqrt()
                du = Fraction(int(U[i, s_hat]) * k - int(U[i, played].sum()), k * D)
                cal += (ratio - 1) * arb(du.numerator) / du.denominator
        align /= n
        cal /= n
        value_p = arb(coop.numerator) / coop.denominator + align + cal
        # Prop B: regret w_hat^+ - w_hat*, bound (1/n) sum_i ||c_hat_i - (m_hat_i / M) W||
        plus = int(Uh.max(axis=1).sum())
        regret_b = Fraction(plus - int(Wp[s_hat]), nD)
        sq = [arb(g).sqrt() for g in Gp]
        M = sum(sq, arb(0))
        R = [sum(G[n + i][n + j] for j in range(n)) for i in range(n)]
        T = sum(R)
        # every non-constant c_hat_i a positive multiple of W (Cauchy-Schwarz equality in
        # integers): then M = |W| and every term is exactly 0 (CA_hat = 1)
        common = all(g == 0 or (g * T == r * r and r > 0) for g, r in zip(Gp, R))
        terms = []
        for i in range(n):
            if Gp[i] == 0 or M == 0 or common:
                terms.append(arb(0))
                continue
            t = sq[i] / M
            terms.append(_nonneg_sqrt(Gp[i] - 2 * t * R[i] + t * t * T))
        scale_b = arb(N).sqrt() * D          # c = (integer form) / (sqrt(N) D)
        value_b = sum(terms, arb(0)) / (scale_b * n)
        ca_hat = None if all(g == 0 for g in Gp) else 1 - sum(terms, arb(0)) / M
        margin_p = value_p - arb(regret.numerator) / regret.denominator
        margin_b = value_b - arb(regret_b.numerator) / regret_b.denominator
        return {"margin_p": margin_p, "margin_b": margin_b, "s_hat": s_hat,
                "regret_p": regret, "value_p": value_p, "coop": coop,
                "regret_b": regret_b, "value_b": value_b, "ia": [1 - d / 2 for d in dist],
                "ca_hat": ca_hat, "indifferent": any(g == 0 for g in Ga),
                "no_ca": all(g == 0 for g in Gp)}
    finally:
        flint.ctx.prec = old


def decide(U, Uh, played, cc: Fraction, ic: Fraction, refs, shape, tol=Fraction(0)):
    """Exact verdicts ``(quantities, form_p_holds, prop_b_holds, fallback)``.

    Balls at 128 bits, then 512; if a ball still contains 0 the verdicts come from
    `symalign.delegation.bounds` on the same rational game (``fallback`` is then True). A
    game whose ``w0`` comes from relaxed equilibria (``tol > 0``) is not what the library
    computes, so it is tried at 4096 bits instead and an undecided sign is an error."""
    from symalign.core.errors import UndecidableError
    for prec in _PRECISIONS if tol == 0 else _PRECISIONS + (4096,):
        qd = grid_quantities(U, Uh, played, cc, refs, prec)
        sp, sb = _sign(qd["margin_p"]), _sign(qd["margin_b"])
        if sp is not None and sb is not None:
            return qd, sp >= 0, sb >= 0, False
    if tol != 0:
        raise UndecidableError("Form P >= WR_hat", "the sign of Form P minus the regret in a "
                               "game with relaxed equilibria (balls at 4096 bits contain 0)")
    P, B = library_bounds(U, Uh, played, cc, ic, shape)
    return qd, bool(P.holds), bool(B.holds), True


def delegation_game(U, Uh, shape):
    """The rounded game as an exact `DelegationGame` (average welfare)."""
    from symalign.core.game import Game
    from symalign.delegation.model import DelegationGame
    D = SCALE

    def game(X):
        return Game.from_fractions([x.reshape(shape) for x in X],
                                   [np.full(shape, D, dtype=np.int64)] * len(X))
    return DelegationGame(game(U), game(Uh), welfare="average")


def library_bounds(U, Uh, played, cc: Fraction, ic: Fraction, shape):
    """Form P and Prop B from `symalign.delegation.bounds` on the rounded game (the slow,
    independent exact path)."""
    import sympy
    from symalign.delegation.bounds import form_p, prop_b
    dg = delegation_game(U, Uh, shape)
    profiles = [tuple(int(x) for x in np.unravel_index(k, shape)) for k in played]
    sigma = {a: sympy.Rational(1, len(profiles)) for a in profiles}
    eps = 1 - sympy.Rational(ic.numerator, ic.denominator)
    c = sympy.Rational(cc.numerator, cc.denominator)
    return form_p(dg, sigma, cc=c, eps=eps), prop_b(dg)
