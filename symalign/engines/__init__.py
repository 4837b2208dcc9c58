"""Exact solvers that the metrics use: linear programming with certificates, vertex enumeration
of bimatrix games, sign decisions for algebraic numbers and symbolic expressions.
"""

from __future__ import annotations

from symalign.core.lazy import export_lazily as _export_lazily

#: module -> the public names it defines; each module loads when one of its names is
#: first used (symalign.core.lazy), so that ``import symalign`` stays light
_LAZY = {
    "symalign.engines.lp": ("LPResult", "optimal_face_vertices", "solve_lp"),
    "symalign.engines.signs": ("Decision", "SignDecision", "decide_sign", "is_satisfiable"),
}

__all__ = [
    "LPResult",
    "optimal_face_vertices",
    "solve_lp",
    "Decision",
    "SignDecision",
    "decide_sign",
    "is_satisfiable",
]

_export_lazily(globals())
