"""Exact solvers that the metrics use: linear programming with certificates, vertex enumeration
of bimatrix games, sign decisions for algebraic numbers and symbolic expressions.
"""

from __future__ import annotations

from symalign.engines.lp import (
    LPResult,
    optimal_face_vertices,
    solve_lp,
)

__all__ = [
    "LPResult",
    "optimal_face_vertices",
    "solve_lp",
]
