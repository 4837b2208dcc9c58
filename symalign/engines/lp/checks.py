from symalign.engines.lp.problem import _IntLP, _obj

"""Exact checks of a candidate answer on the integer problem: primal and dual feasibility,
Farkas certificates and improving rays."""




# ---------------------------------------------------------------------------------------------
# Exact checks on the integer problem
# ---------------------------------------------------------------------------------------------



def _Ax(P: _IntLP, X: list) -> list:
    """``A X`` exactly for an integer vector ``X`` (sparse in its support)."""
    supp = [j for j, v in enumerate(X) if v != 0]
    if not supp or P.m == 0:
        return [0] * P.m
    A = P.A_obj[:, supp]
    return [int(v) for v in A.dot(_obj([X[j] for j in supp])).tolist()]


def _ATy(P: _IntLP, Y: list) -> list:
    supp = [i for i, v in enumerate(Y) if v != 0]
    if not supp:
        return [0] * P.n
    A = P.A_obj[supp, :]
    return [int(v) for v in _obj([Y[i] for i in supp]).dot(A).tolist()]


def _primal_ok(P: _IntLP, X: list, d: int) -> bool:
    """``x = X/d`` (d > 0) satisfies every constraint."""
    if d <= 0:
        return False
    if any(X[j] < 0 for j in range(P.n) if not P.free[j]):
        return False
    ax = _Ax(P, X)
    for r in range(P.m):
        if r < P.m_ub:
            if ax[r] > d * P.b[r]:
                return False
        elif ax[r] != d * P.b[r]:
            return False
    return True


def _dual_ok(P: _IntLP, Y: list, d: int) -> bool:
    """``y = Y/d`` (d > 0) is dual feasible for the minimisation ``min c x``."""
    if d <= 0:
        return False
    if any(Y[r] > 0 for r in range(P.m_ub)):
        return False
    aty = _ATy(P, Y)
    for j in range(P.n):
        red = d * P.c[j] - aty[j]
        if P.free[j]:
            if red != 0:
                return False
        elif red < 0:
            return False
    return True


def _farkas_ok(P: _IntLP, Z: list) -> bool:
    """``z_ub >= 0``, ``A^T z >= 0`` (``== 0`` on free variables), ``b . z < 0``."""
    if any(Z[r] < 0 for r in range(P.m_ub)):
        return False
    atz = _ATy(P, Z)
    for j in range(P.n):
        if P.free[j]:
            if atz[j] != 0:
                return False
        elif atz[j] < 0:
            return False
    return sum(b * z for b, z in zip(P.b, Z)) < 0


def _ray_ok(P: _IntLP, R: list) -> bool:
    """``A_ub r <= 0``, ``A_eq r == 0``, ``r >= 0`` on non-free variables, ``c . r < 0``."""
    if any(R[j] < 0 for j in range(P.n) if not P.free[j]):
        return False
    ar = _Ax(P, R)
    for r in range(P.m):
        if (r < P.m_ub and ar[r] > 0) or (r >= P.m_ub and ar[r] != 0):
            return False
    return sum(c * v for c, v in zip(P.c, R)) < 0
