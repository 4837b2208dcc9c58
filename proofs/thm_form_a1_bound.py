r"""Form A₁, the perfectly calibrated welfare-regret bound.

If every welfare ratio equals $r$ ($r_i=\hat m_i/m_i=r$), then for every profile $\sigma$

.. math::

    \widehat{\mathrm{WR}}(\sigma)\le r\,\mathrm{WR}(\sigma)+2K_d\sum_i\hat m_id_i
    \qquad(\text{EPIC}, r=1:\ \widehat{\mathrm{WR}}\le\mathrm{WR}+4\textstyle\sum_i\hat m_id_i).

Source: ``delegation_games.md`` §7.5 ([code] default multiplier 4 $=2K_d$ for EPIC).

Method: lemma chain: the Form A lemmas (key lemma identity, three term-wise certificates and
their sum) with $R=r$; the *identity* that the calibration term
$K_m\sum_im_i\lvert r_i-R\rvert$ vanishes when $r_i=R=r$; and an *exhaustive* check of
`symalign.delegation.bounds.form_a1` on perfectly calibrated games (players swapped in symmetric
catalogue games, and principals $2u_i\pm1$).
"""

from __future__ import annotations

import sys
import time

import sympy

from symalign.delegation.bounds import form_a1
from symalign.proving.claims import Verification, check_identity, exhaustive

from . import _regret
from ._support import bound_holds, finish

NAME = "form_a1_bound"
STATEMENT = (r"r_i\equiv r\Rightarrow\widehat{\mathrm{WR}}(\sigma)\le r\,\mathrm{WR}(\sigma)"
             r"+2K_d\sum_i\hat m_id_i")
SOURCE = "delegation_games.md §7.5"
HYPOTHESES = ("(H1)-(H4)", r"$r_i=r$ for every $i$")
EXPECTED = True


def statement() -> str:
    """The theorem in LaTeX."""
    return STATEMENT


def proof() -> Verification:
    """Form A's lemmas at R = r, the vanishing calibration term, and the library on calibrated games."""
    t0 = time.perf_counter()
    r, Km = sympy.symbols("r K_m", positive=True)
    m = sympy.symbols("m_0:3", positive=True)
    parts = [_regret.key_lemma(R=r, name="key lemma with R = r"), _regret.cooperation_lemma(),
             _regret.alignment_lemma(), _regret.sum_lemma(_regret.N + 1),
             check_identity(Km * sum(mi * sympy.Abs(r - r) for mi in m), 0,
                            name="calibration term K_m sum m_i |r_i - R| = 0 at r_i = R = r")]
    parts.append(exhaustive(bound_holds(form_a1, require_hypotheses=True), _regret.calibrated_family(),
                            name="symalign.delegation.bounds.form_a1 holds (hypotheses met)",
                            description="perfectly calibrated delegation games x profiles"))
    return finish(sys.modules[__name__], parts, t0=t0)
