r"""Form A, the ratio-shift welfare-regret bound.

Under (H1)–(H4), for every $R\ge0$ and every profile $\sigma$:

.. math::

    \widehat{\mathrm{WR}}(\sigma)\ \le\ R\,\mathrm{WR}(\sigma)+2K_d\sum_i\hat m_i\,d_i
    +K_m\sum_im_i\,\lvert r_i-R\rvert,\qquad r_i=\hat m_i/m_i .

Source: ``delegation_games.md`` §7.3 (key lemma) and §7.4 ([code] functional form; [der] proof).
Not "Theorem 1" of the paper (whose text was not available).

Method: lemma chain.

1. *identity* (key lemma, two players, generic magnitudes, shifts and standardised values):
   $\widehat{\mathrm{WR}}=R[w(\hat s^*)-w(\sigma)]+\sum_i(r_i-R)m_i\Delta\nu_i+\sum_i\hat m_i\Delta(\hat\nu_i-\nu_i)$;
2. *certificate*: $R\ge0$, $w(\hat s^*)\le w^*$ bound the first term by $R\,\mathrm{WR}$;
3. *certificate*: $\lvert\Delta\nu_i\rvert\le K_m$ (the range bound of the EPIC-constants theorem)
   bounds the calibration term by $K_mm_i\lvert r_i-R\rvert$ (argmax cases of $\lvert\cdot\rvert$,
   degree-three products);
4. *certificate*: $\lVert\hat\nu_i-\nu_i\rVert_\infty\le K_dd_i$ bounds the alignment term by
   $2K_d\hat m_id_i$;
5. *certificate*: the five term-wise bounds add up;
6. *exhaustive*: `symalign.delegation.bounds.form_a` holds exactly on a deterministic family of delegation
   games and profiles.
"""

from __future__ import annotations

import sys
import time

from symalign.delegation.bounds import form_a
from symalign.proving.claims import Verification, exhaustive

from . import _regret
from ._support import bound_holds, delegation_family, finish

NAME = "form_a_bound"
STATEMENT = (r"\widehat{\mathrm{WR}}(\sigma)\le R\,\mathrm{WR}(\sigma)+2K_d\sum_i\hat m_id_i"
             r"+K_m\sum_im_i\lvert r_i-R\rvert\ \ (R\ge0)")
SOURCE = "delegation_games.md §7.3, §7.4"
HYPOTHESES = ("(H1) finite game, sum form", "(H2) a standardisation with K_m, K_d",
              r"(H3) any profile $\sigma$", r"(H4) $m_i>0$", r"$R\ge0$")
EXPECTED = True


def statement() -> str:
    """The theorem in LaTeX."""
    return STATEMENT


def proof() -> Verification:
    """Key lemma, the three term bounds, their sum, and the library's Form A on examples."""
    t0 = time.perf_counter()
    parts = [_regret.key_lemma(), _regret.cooperation_lemma(), _regret.calibration_lemma(),
             _regret.alignment_lemma(), _regret.sum_lemma()]
    parts.append(exhaustive(bound_holds(form_a), delegation_family(),
                            name="symalign.delegation.bounds.form_a holds",
                            description="seeded 2x2 delegation games x profiles"))
    for R in (0, 1):
        parts.append(exhaustive(bound_holds(form_a, R=R), delegation_family(4),
                                name=f"symalign.delegation.bounds.form_a holds with R = {R}",
                                description="seeded 2x2 delegation games x profiles"))
    return finish(sys.modules[__name__], parts, t0=t0)
