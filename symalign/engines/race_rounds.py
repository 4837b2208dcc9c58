"""Private: rounds three and four of the Lemke–Howson race in closed form, every label at once.

`symalign.engines.complementary_pivoting.lemke_howson_race` runs the paths of all ``m + n``
dropped labels side by side; `race_two_pivot_end` decides its first two rounds by argmaxes.
When no path ends after two pivots, most random games still end the race within a few
pivots, but the exact race pays for every label's pivots. Here the third and fourth pivot of
every path are computed at once in integer numpy arithmetic, from the two-pivot state.

For a row label ``i`` (player 0's action), with ``A'``, ``B'`` the payoffs shifted to be
positive: the first pivot enters ``x_i`` in ``P`` and the slack of column ``j`` (the last
best reply to ``i``) leaves; the second enters ``y_j`` in ``Q`` and the slack of row ``r``
(the last best reply to ``j``) leaves. If ``r != i`` the third pivot enters ``x_r`` in ``P``,
whose dictionary after the first pivot is, scaled by ``B'[i, j] > 0``: for each column
``c != j`` the entering entry ``B'[r, c] B'[i, j] - B'[i, c] B'[r, j]`` over the right-hand
side ``B'[i, j] - B'[i, c]`` (the slack of column ``c``), and ``B'[r, j]`` over ``1`` (the
row of ``x_i``, at ``c = j``). The smallest ratio among positive entries leaves: ``x_i``
ends the path (3 pivots, at the pure profile ``(r, j)``); the slack of column ``c`` lets
``y_c`` enter ``Q`` (pivot 4), whose dictionary after the second pivot has the entries
``A'[s, c] A'[r, j] - A'[r, c] A'[s, j]`` over ``A'[r, j] - A'[s, j]`` for rows ``s != r``
and ``A'[r, c]`` over ``1`` for ``y_j``: the slack of row ``i`` leaving ends the path
(4 pivots, supports ``{i, r}`` and ``{j, c}``). A column label is the same on the transposed
game ``(B^T, A^T)``.

Every ratio test is decided exactly: the float argmin is checked against every other
candidate by integer cross-multiplication (int64, payoffs below ``2**20`` after the shift).
A tie (a degenerate step, which the exact path breaks lexicographically) or a float argmin
the integers refute makes that label *unknown*: up to `_MAX_TIED` unknown labels are
followed exactly for at most 4 pivots (`complementary_pivoting._Path`); with more, the race
is left to the exact race.

The race's schedule (label 0, the lead, makes ``1, 3, 7, ...`` extra pivots after rounds
``1, 2, 3, ...``) then decides: after round 2 (no path ended at two pivots) the lead is at
pivot 3; in round 3 the lead makes pivot 4, then the other labels their third in label
order, then the lead its extras up to pivot ``4 + e`` (``e = min(m + n - 1, 3)``); in round
4 the lead makes pivot ``5 + e``, then the others their fourth. So the winner is label 0 if
its path has 3 or 4 pivots; else the first other label with 3; else label 0 if its path
ends within ``5 + e`` pivots (the caller follows it that far); else the first other label
with 4; else the race goes on: `race_continue` follows it exactly from every label's state
after its fourth pivot, which the closed form also gives (no need to redo those pivots).
"""

from __future__ import annotations

from typing import NamedTuple

from symalign.core.lazy import np as _lazy_np
from symalign.engines import certified_pivoting as _certified
from symalign.engines import complementary_pivoting as _cp

__all__ = ["ShortRace", "decided_by_round_four", "race_continue", "race_rounds_three_four",
           "race_short", "round_four_paths"]

#: The closed form runs in int64: shifted payoffs below this bound keep every product exact.
_LIMIT = 2 ** 20


class ShortRace(NamedTuple):
    """What rounds 3 and 4 decide: ``lead_budget`` (> 0: label 0 wins if its path ends
    within that many pivots, which the caller checks; 0: no check needed) and ``winner``
    (``(label, pivots, x, y)`` with integer weight vectors ``x``, ``y`` of the end, or None
    when the race goes on past round 4)."""

    lead_budget: int
    winner: tuple | None
    #: when the race goes on past round 4: what `race_continue` needs to rebuild every
    #: label's state after its fourth pivot (None otherwise)
    rounds: tuple | None = None


def _argmin_exact(np, rhs, a, k):
    """Per row of ``rhs / a`` over the positive entries of ``a``: the column of the smallest
    ratio and whether it is strictly smallest (exact: int64 cross-multiplication); ``k`` is
    ``arange`` of the rows."""
    pos = a > 0
    ratio = np.full(a.shape, np.inf)
    np.divide(rhs, a, out=ratio, where=pos)
    c = ratio.argmin(axis=1)
    rc = rhs[k, c][:, None]
    ac = a[k, c][:, None]
    t = rhs * ac - rc * a            # > 0 where the other ratio is larger
    t[k, c] = 1
    ok = ~(pos & (t <= 0)).any(axis=1) & pos[k, c]
    return c, ok


def _row_labels(np, Ap, Bp):
    """Path lengths of the row labels (2, 3, 4, or 5 for "more than 4"; -1 unknown) and the
    indices ``(r, j, c, s4)`` that describe their ends (and, for length 5, the state after
    4 pivots: ``s4`` is the row of the fourth ratio test, ``r`` standing for ``y_j``), for
    a stack of ``K`` games: ``Ap``, ``Bp`` are ``(K, M, M)`` (zero-padded: a zero never
    wins an argmax over the positive payoffs and makes no entry positive), the results
    ``(K * M,)``, label ``i`` of game ``g`` at ``g * M + i``."""
    K, M, _ = Ap.shape
    f = np.arange(K * M)
    base = f - f % M                              # g * M
    i = f - base
    B2 = Bp.reshape(K * M, M)                     # B2[g*M + i] = Bp[g, i]
    AT = Ap.transpose(0, 2, 1).reshape(K * M, M)  # AT[g*M + j] = Ap[g, :, j]
    j = M - 1 - B2[:, ::-1].argmax(axis=1)        # last best reply to each row
    best_row = (M - 1 - Ap[:, ::-1].argmax(axis=1)).reshape(K * M)
    r = best_row[base + j]                        # last best reply to j
    Br = B2[base + r]
    bij = B2[f, j]
    brj = Br[f, j]
    a = Br * bij[:, None] - B2 * brj[:, None]
    rhs = bij[:, None] - B2
    a[f, j] = brj
    rhs[f, j] = 1
    c, ok3 = _argmin_exact(np, rhs, a, f)
    ends3 = c == j
    Aj = AT[base + j]                             # (label, row s): A'[s, j]
    Ac = AT[base + c]
    arj = Aj[f, r]
    arc = Ac[f, r]
    a4 = Ac * arj[:, None] - arc[:, None] * Aj
    rhs4 = arj[:, None] - Aj
    a4[f, r] = arc
    rhs4[f, r] = 1
    s4, ok4 = _argmin_exact(np, rhs4, a4, f)
    ends4 = s4 == i
    lengths = np.where(r == i, 2, np.where(ends3, 3, np.where(ends4, 4, 5)))
    unknown = (r != i) & (~ok3 | (~ends3 & ~ok4))
    lengths[unknown] = -1
    return lengths, r, j, c, s4


def _end(Ap, Bp, i, r, j, c, pivots):
    """Integer weights ``(x, y)`` of the end of row label ``i``'s path: the pure profile
    ``(r, j)`` after 3 pivots; after 4, the 2x2 supports ``{i, r}`` and ``{j, c}`` (Cramer's
    rule on the tight columns ``j, c`` and the tight rows ``r, i``)."""
    m, n = Ap.shape
    x = [0] * m
    y = [0] * n
    if pivots == 3:
        x[r] = y[j] = 1
        return x, y
    b = [[int(Bp[i, j]), int(Bp[r, j])], [int(Bp[i, c]), int(Bp[r, c])]]
    a = [[int(Ap[r, j]), int(Ap[r, c])], [int(Ap[i, j]), int(Ap[i, c])]]
    for M, out, (p, q) in ((b, x, (i, r)), (a, y, (j, c))):
        det = M[0][0] * M[1][1] - M[0][1] * M[1][0]
        u = M[1][1] - M[0][1]             # M (u, v) = (det, det)
        v = M[0][0] - M[1][0]
        if det < 0:
            u, v = -u, -v
        out[p], out[q] = u, v
    return x, y


#: At most this many labels with a tie in their third or fourth ratio test are followed
#: exactly (up to 4 pivots each); with more, the race is left to the exact race.
_MAX_TIED = 8


def race_rounds_three_four(A, B, lists=None):
    """Rounds 3 and 4 of the race over every label (see the module docstring), for integer
    arrays ``A``, ``B`` whose race did not end in round 2: a `ShortRace`, or None when the
    closed form does not apply (payoffs spread over ``2**20``, or a path that ends after two
    pivots). A label whose third or fourth ratio test ties (the lexicographic rule decides
    there) is followed exactly for up to 4 pivots when ``lists`` (``A``, ``B`` as lists of
    Python integers) is given and at most `_MAX_TIED` labels tie; otherwise None."""
    import numpy as np
    A = np.asarray(A)
    B = np.asarray(B)
    if A.dtype == object or B.dtype == object:
        return None
    Ap = A - (A.min() - 1)
    Bp = B - (B.min() - 1)
    if not (Ap.max() < _LIMIT and Bp.max() < _LIMIT):
        return None
    Ap = Ap.astype(np.int64, copy=False)
    Bp = Bp.astype(np.int64, copy=False)
    m, n = Ap.shape
    M = max(m, n)
    # the row labels of (A', B') and of the transposed game (B'^T, A'^T) (the column labels)
    # in one stack of two M x M games
    Ap3 = np.zeros((2, M, M), dtype=np.int64)
    Bp3 = np.zeros((2, M, M), dtype=np.int64)
    Ap3[0, :m, :n] = Ap
    Bp3[0, :m, :n] = Bp
    Ap3[1, :n, :m] = Bp.T
    Bp3[1, :n, :m] = Ap.T
    out = _row_labels(np, Ap3, Bp3)
    rows = [v[:m] for v in out]
    cols = [v[M:M + n] for v in out]
    lengths = np.concatenate([rows[0], cols[0]])
    if (lengths == 2).any():
        return None
    tied = np.nonzero(lengths == -1)[0].tolist()
    exact = {}
    running = {}        # tied labels followed exactly that go on past 4 pivots
    if tied:
        if lists is None or len(tied) > _MAX_TIED:
            return None
        shifted = _cp._shifted(*lists)
        for k in tied:
            path = _cp._Path(*shifted, k, "auto")
            while path.pivots < 4 and not path.step():
                pass
            lengths[k] = path.pivots if path.done else 5
            if path.done:
                exact[k] = path.result()
            else:
                running[k] = path

    def end(k):
        pivots = int(lengths[k])
        if k in exact:
            return (k, pivots, *exact[k])
        if k < m:
            _, r, j, c, _ = rows
            x, y = _end(Ap, Bp, k, int(r[k]), int(j[k]), int(c[k]), pivots)
        else:
            _, r, j, c, _ = cols
            h = k - m
            y, x = _end(Bp.T, Ap.T, h, int(r[h]), int(j[h]), int(c[h]), pivots)
        return k, pivots, x, y

    if lengths[0] in (3, 4):
        return ShortRace(0, end(0))
    rest = lengths[1:]
    e = min(m + n - 1, 3)
    if (rest == 3).any():
        return ShortRace(0, end(1 + int((rest == 3).argmax())))
    if (rest == 4).any():
        return ShortRace(5 + e, end(1 + int((rest == 4).argmax())))
    return ShortRace(5 + e, None, (m, rows, cols, running))


def round_four_paths(A, B, rounds) -> list:
    """The paths of every label of a race that goes on past round 4 (``rounds``: the
    `ShortRace` field): label 0's at its start, every other label's at its state after 4
    pivots (see `race_continue`), as `complementary_pivoting._Path` objects. The paths of
    tied labels are the ones in ``rounds`` (not copies): a `ShortRace` is used once."""
    m, rows, cols, running = rounds
    Ap, BpT = _cp._shifted(A, B)
    n = len(BpT)
    L = m + n
    floats = (_lazy_np.array(BpT, dtype=float), _lazy_np.array(Ap, dtype=float))
    lead = _cp._Path(Ap, BpT, 0, "revised", floats)
    paths = [lead]
    for k in range(1, L):
        if k in running:
            paths.append(running[k])
        elif k < m:
            _, r, j, c, s4 = (int(v[k]) for v in rows)
            P = ([k, r], [j, c])
            Q = ([j, c], [r, s4]) if s4 != r else ([c], [r])
            paths.append(lead.at(k, P, Q, True, s4 if s4 != r else m + j, 4))
        else:
            h = k - m
            _, r, j, c, s4 = (int(v[h]) for v in cols)
            Q = ([h, r], [j, c])
            P = ([j, c], [r, s4]) if s4 != r else ([c], [r])
            paths.append(lead.at(k, P, Q, False, m + s4 if s4 != r else j, 4))
    return paths


def race_continue(A, B, rounds, *, deadline=None):
    """The race of `complementary_pivoting.lemke_howson_race` from the end of round 4's
    fourth pivots, for a game whose `ShortRace` has no winner (``rounds``: its ``rounds``
    field): ``(x, y, label, pivots)``, the exact race's answer.

    Every label but 0 has made 4 pivots without ending; its state (basis solves,
    `complementary_pivoting._Revised`) follows from the closed form. For row label ``i``
    with ``j``, ``r``, ``c``, ``s4`` as in the module docstring, ``P`` has ``x_i``, ``x_r``
    basic and the slacks of columns ``j``, ``c`` non-basic; if the slack of row ``s4``
    left ``Q`` at pivot 4, ``Q`` has ``y_j``, ``y_c`` basic and rows ``r``, ``s4`` tight,
    and ``x_{s4}`` enters ``P`` next; if ``y_j`` left (``s4 = r``), ``Q`` has ``y_c`` basic
    and row ``r`` tight, and the slack of column ``j`` enters ``P`` next. A column label is
    the mirror image (``P`` and ``Q`` swapped). Labels whose ratio tests tied were followed
    exactly and go on from their own paths. Label 0 (the lead) is followed from the start
    to its ``5 + e`` pivots of round 4 (its path is longer: the caller checked), then the
    schedule goes on: the lead's extra pivots of round 4, then rounds 5, 6, ... as in the
    exact race."""
    paths = round_four_paths(A, B, rounds)
    lead = paths[0]
    L = len(paths)
    # the schedule: extra pivots 0, 1, 3, ... of the lead after rounds 1, 2, 3, ...
    extras = [0]
    for _ in range(4):
        extras.append(min(L - 1, 2 * extras[-1] + 1))
    # the lead's pivots up to round 4's (its own, then the extras of rounds 1-3, then its
    # round-4 pivot), then round 4's extras
    for _ in range(4 + sum(extras[:3]) + extras[3]):
        if lead.step():
            return (*lead.result(), 0, lead.pivots)
    extra = extras[4]
    while True:
        if deadline is not None:
            deadline.check()
        for path in paths:
            if path.step():
                return (*path.result(), path.label, path.pivots)
        for _ in range(extra):
            if lead.step():
                return (*lead.result(), 0, lead.pivots)
        extra = min(L - 1, 2 * extra + 1)


#: The lead's few pivots in `race_short` use the full dictionary up to this many outcomes.
_LEAD_SMALL = 150


def _lead_certified(A, B, arrays, budget, deadline):
    """Label 0's path for at most ``budget`` pivots with certified float pivots, from the
    integer arrays (`lemke_howson_path`'s ``"certified"`` without its list conversions, which
    the basis solves need only if a pivot is not certified)."""
    An, Bn = arrays
    Ap = An - An.min() + 1
    BpT = (Bn - Bn.min() + 1).T
    end = _certified.certified_path(Ap, BpT, 0, deadline=deadline, max_pivots=budget)
    if end is None:
        return _cp.lemke_howson_path(A, B, 0, deadline=deadline, method="revised",
                                     max_pivots=budget)
    if end[0] == "long":
        return None
    if end[0] != "resume":
        return end
    path = _cp._resumed(*_cp._shifted(A, B), 0, end)
    while not path.step():
        if path.pivots >= budget:
            return None
        if deadline is not None:
            deadline.check()
    return (*path.result(), path.pivots)


def decided_by_round_four(m: int, n: int, label: int, pivots: int) -> bool:
    """Whether the race of an ``m x n`` game that ended with ``label`` after ``pivots``
    pivots ended within its first four rounds (label 0, the lead, makes ``5 + e`` pivots by
    then, ``e = min(m + n - 1, 3)``; the others 4)."""
    return pivots <= (5 + min(m + n - 1, 3) if label == 0 else 4)


def race_short(A, B, *, arrays=None, deadline=None, two_pivot: bool = True):
    """The race over every label decided by its first four rounds in closed form
    (`race_two_pivot_end`, `race_rounds_three_four`): ``(x, y, label, pivots)`` as
    `symalign.engines.complementary_pivoting.lemke_howson_race` returns it, or None when
    those rounds do not decide it (then the race goes on). On games too large for the
    float guide of `lemke_howson_race` (which the caller then runs), a race that goes on
    is continued exactly from the states after round 4 (`race_continue`);
    `decided_by_round_four` tells the two apart. Label 0's path is followed
    exactly (for at most 8 pivots) when the closed form needs its length. ``arrays``:
    ``(A, B)`` as integer numpy arrays, if the caller has them; ``two_pivot=False`` when
    the caller has found no two-pivot end already."""
    if arrays is None:
        arrays = (_lazy_np.array(A), _lazy_np.array(B))
    end = _cp.race_two_pivot_end(*arrays) if two_pivot else None
    if end is not None:
        i, j, k = end
        x = [0] * len(A)
        y = [0] * len(A[0])
        x[i] = y[j] = 1
        return x, y, k, 2
    short = race_rounds_three_four(*arrays, lists=(A, B))
    if short is None:
        return None
    if short.lead_budget:
        # a few pivots from the artificial equilibrium: the full dictionary on the smallest
        # games, then certified float pivots, then (the float tableau growing with the
        # game, the supports staying small) the basis solves
        size = len(A) * len(A[0])
        if _LEAD_SMALL < size <= _cp._CERTIFIED_LARGE:
            lead = _lead_certified(A, B, arrays, short.lead_budget, deadline)
        else:
            method = "python" if size <= _LEAD_SMALL else "revised"
            lead = _cp.lemke_howson_path(A, B, 0, deadline=deadline, method=method,
                                         max_pivots=short.lead_budget)
        if lead is not None:
            return lead[0], lead[1], 0, lead[2]
    if short.winner is None:
        m, n = len(A), len(A[0])
        if (short.rounds is not None and _cp._fmpz_mat is not None
                and (m + n) * 2 * max(m, n) * (m + n + 1) > _cp._GUIDE_DOUBLES):
            # no float guide for this size: the exact race, from round 4's states
            return race_continue(A, B, short.rounds, deadline=deadline)
        return None
    k, pivots, x, y = short.winner
    return x, y, k, pivots
