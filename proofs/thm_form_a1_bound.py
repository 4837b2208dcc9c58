r"""Form A₁, the perfectly calibrated welfare-regret bound.

If every welfare ratio equals $r$ ($r_i=\hat m_i/m_i=r$), then for every profile $\sigma$

.. math::

    \widehat{\mathrm{WR}}(\sigma)\le r\,\mathrm{WR}(\sigma)+2K_d\sum_i\hat m_id_i
    \qquad(\text{EPIC}, r=1:\ \widehat{\mathrm{WR}}\le\mathrm{WR}+4\textstyle\sum_i\hat m_id_i).

Source: docs/discussion/delegation.rst, Form A1 (the authors' code: default multiplier 4 $=2K_d$
for EPIC).

Method: lemma chain: the Form A lemmas (key lemma identity, three term-wise certificates and
their sum) with $R=r$; the *identity* that the calibration term
$K_m\sum_im_i\lvert r_i-R\rvert$ vanishes when $r_i=R=r$; an *exhaustive* comparison of
`symalign.delegation.bounds.form_a1` with the statement evaluated independently (`proofs._formulas`) on
perfectly calibrated games (players swapped in symmetric catalogue games, and principals
$2u_i\pm1$) and miscalibrated ones (where the hypothesis must be reported as failing); and
*tightness*: with principals $\lambda$ times the agents' stag hunt ($\lambda>0$ a symbol) the
bound equals the regret $\lambda\,\mathrm{WR}$ at every profile.
"""

from __future__ import annotations

import sympy

from symalign.delegation.bounds import form_a1
from symalign.proving.claims import check_identity
from symalign.proving.theorems import theorem

from . import _regret
from ._bound_checks import attained, every_scheme, matches_statement, scaled_stag_hunt
from ._formulas import Quantities
from ._support import delegation_family


@theorem(
    name="form_a1_bound",
    statement=r"r_i\equiv r\Rightarrow\widehat{\mathrm{WR}}(\sigma)\le r\,\mathrm{WR}(\sigma)"
              r"+2K_d\sum_i\hat m_id_i",
    source="Form A1 of the authors' code",
    hypotheses=("(H1)-(H4)", r"$r_i=r$ for every $i$"),
    scope="generic shapes",
    covers=("the term-wise lemmas on free symbols (two players in the key lemma); the library "
            "against the formula on named delegation games; attained on a symbolic family"
            "; under MAX, mean/L1, mean/Linf, midrange/L1, midrange/L2 and mean_under(D), and with "
            "weighted [2, 1] and average welfare (EPIC), on three named games"),
)
def proof():
    """Form A's lemmas at R = r, the vanishing calibration term, the library against the
    formula, and tightness on a symbolic family."""
    r, Km = sympy.symbols("r K_m", positive=True)
    m = sympy.symbols("m_0:3", positive=True)
    parts = [_regret.key_lemma(R=r, name="key lemma with R = r"), _regret.cooperation_lemma(),
             _regret.alignment_lemma(), _regret.sum_lemma(_regret.N + 1),
             check_identity(Km * sum(mi * sympy.Abs(r - r) for mi in m), 0,
                            name="calibration term K_m sum m_i |r_i - R| = 0 at r_i = R = r")]
    parts.append(matches_statement(
        "form_a1 = r WR + 2 K_d sum mhat_i d_i exactly when r_i = r", form_a1,
        Quantities.form_a1, _regret.calibrated_family() + delegation_family(3),
        applies=Quantities.calibrated,
        description="calibrated and miscalibrated delegation games x profiles"))
    parts += every_scheme("form_a1 = r WR + 2 K_d sum mhat_i d_i exactly when r_i = r", form_a1,
                          Quantities.form_a1, applies=Quantities.calibrated)
    lam = sympy.Symbol("lambda", positive=True)
    parts.append(attained("attained: principals = lambda x agents, lambda > 0 symbolic", form_a1,
                          scaled_stag_hunt(lam)))
    return parts
