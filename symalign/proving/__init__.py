"""Machine-checked claims and the runner of the theorems in `proofs/`: identities, Farkas
certificates, argmax case splits, finite search, and hypothesis strategies for exact games.
"""

from __future__ import annotations

from symalign.proving.claims import (
    Verification,
    check_certificate,
    check_identity,
    exhaustive,
    find_certificate,
    prove_piecewise_linear,
    sampled,
    verify,
)
from symalign.proving.runner import (
    run_proofs,
)
from symalign.proving.theorems import Theorem, theorem

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
