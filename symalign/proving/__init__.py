"""Machine-checked claims and the runner of the theorems in `proofs/`: identities, Farkas
certificates, argmax case splits, finite search, and hypothesis strategies for exact games.
"""

from __future__ import annotations

from symalign.core.lazy import export_lazily as _export_lazily

#: module -> the public names it defines; each module loads when one of its names is
#: first used (symalign.core.lazy), so that ``import symalign`` stays light
_LAZY = {
    "symalign.proving.claims": (
        "Verification", "check_certificate", "check_identity", "exhaustive", "find_certificate",
        "prove_piecewise_linear", "sampled", "verify",
    ),
    "symalign.proving.runner": ("run_proofs",),
    "symalign.proving.theorems": ("Theorem", "theorem"),
}

__all__ = [
    "Verification",
    "check_certificate",
    "check_identity",
    "exhaustive",
    "find_certificate",
    "prove_piecewise_linear",
    "sampled",
    "verify",
    "run_proofs",
    "theorem",
    "Theorem",
]

_export_lazily(globals())
