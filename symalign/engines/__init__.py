"""Exact solvers that the metrics use: linear programming with certificates, vertex enumeration
of bimatrix games, sign decisions for algebraic numbers and symbolic expressions.
"""

from __future__ import annotations

from symalign.engines.lp import (
    LPResult,
    optimal_face_vertices,
    solve_lp,
)
from symalign.engines.signs import (
    Decision,
    SignDecision,
    decide_sign,
    is_satisfiable,
)

__all__ = [
    "LPResult",
    "optimal_face_vertices",
    "solve_lp",
    "Decision",
    "SignDecision",
    "decide_sign",
    "is_satisfiable",
]
