r"""Form C, the welfare-regret bound with a calibration term coupled to collective alignment.

Under (H1)–(H4), with CA the agents' collective alignment for a scale norm
$m\ge\lVert\cdot\rVert_\infty$ and $\bar r=\sum_i\hat m_i/\sum_im_i$:

.. math::

    \widehat{\mathrm{WR}}(\sigma)\le\bar r\,\mathrm{WR}(\sigma)+2K_d\sum_i\hat m_id_i
    +2\max_i\lvert r_i-\bar r\rvert\,(1-\mathrm{CA})\sum_im_i .

Source: docs/discussion/delegation.rst, Form C (derived for symalign; unconfirmed as the paper's form).

Method: lemma chain.

1. *identity*: $\sum_i(r_i-\bar r)m_i=0$ (three players, generic positive magnitudes);
2. *identity*: hence the calibration term is unchanged when $\mu(\hat s^*)-\mu(\sigma)$ is
   subtracted from every $\Delta\nu_i$;
3. *certificate*: $(r_i-\bar r)m_i\Delta(\nu_i-\mu)\le2\max_j\lvert r_j-\bar r\rvert\,m_i
   \lVert\nu_i-\mu\rVert_\infty$ (degree-three products);
4. *identity*: $\sum_im_i\,m(\nu_i-\mu)=(1-\mathrm{CA})\sum_im_i$ from the definition of CA;
5. the key lemma with $R=\bar r$ and the cooperation and alignment certificates of Form A;
6. *exhaustive*: `symalign.delegation.bounds.form_c` against the statement evaluated independently
   (`proofs._formulas`): hypotheses (H4 must be reported as holding whenever every agent has
   $m_i>0$), regret, value, validity and verdict, on named delegation games;
7. *tightness*: with principals $\lambda$ times the agents' stag hunt ($\lambda>0$ a symbol)
   the bound equals the regret at every profile.
"""

from __future__ import annotations

import sympy

from symalign.delegation.bounds import form_c
from symalign.proving.claims import check_identity
from symalign.proving.theorems import theorem

from . import _regret
from ._bound_checks import attained, every_scheme, matches_statement, scaled_stag_hunt
from ._formulas import Quantities
from ._support import delegation_family


@theorem(
    name="form_c_bound",
    statement=r"\widehat{\mathrm{WR}}(\sigma)\le\bar r\,\mathrm{WR}(\sigma)+2K_d\sum_i\hat m_id_i"
              r"+2\max_i\lvert r_i-\bar r\rvert(1-\mathrm{CA})\sum_im_i",
    source="Form C (derived for symalign)",
    hypotheses=("(H1)-(H4)", r"$m(x)\ge\lVert x\rVert_\infty$ for the CA norm"),
    scope="generic shapes",
    covers=("the term-wise lemmas on free symbols (three players; two in the key lemma); the "
            "library against the formula on named delegation games; attained on a symbolic "
            "family"
            "; under MAX, mean/L1, mean/Linf, midrange/L1, midrange/L2 (and not applicable under "
            "mean_under(D), whose norm does not dominate L-infinity), and with weighted [2, 1] and "
            "average welfare (EPIC), on three named games"),
)
def proof():
    """The rbar identities, the CA-coupled certificate, the CA identity, the library against
    the formula and tightness on a symbolic family."""
    m = sympy.symbols("m_0:3", positive=True)
    mh = sympy.symbols("mhat_0:3", positive=True)
    rbar = sum(mh) / sum(m)
    r = [mh[i] / m[i] for i in range(3)]
    parts = [check_identity(sum((r[i] - rbar) * m[i] for i in range(3)), 0,
                            name="sum (r_i - rbar) m_i = 0")]
    dn = sympy.symbols("dnu_0:3", real=True)
    dmu = sympy.Symbol("dmu", real=True)
    parts.append(check_identity(sum((r[i] - rbar) * m[i] * dn[i] for i in range(3)),
                                sum((r[i] - rbar) * m[i] * (dn[i] - dmu) for i in range(3)),
                                name="calibration term is unchanged by subtracting mu"))
    parts.append(_regret.ca_coupled_lemma())
    D = sympy.symbols("D_0:3", nonnegative=True)
    ca = 1 - sum(m[i] / sum(m) * D[i] for i in range(3))
    parts.append(check_identity(sum(m[i] * D[i] for i in range(3)), (1 - ca) * sum(m),
                                name="sum m_i m(nu_i - mu) = (1 - CA) sum m_i"))
    parts += [_regret.key_lemma(R=sympy.Symbol("rbar", positive=True), name="key lemma with R = rbar"),
              _regret.cooperation_lemma(), _regret.alignment_lemma(), _regret.sum_lemma()]
    parts.append(matches_statement(
        "form_c = rbar WR + 2 K_d sum mhat d + 2 max|r - rbar| (1 - CA) sum m", form_c,
        Quantities.form_c, delegation_family(), applies=lambda q: all(x != 0 for x in q.m)))
    parts += every_scheme("form_c = the formula; it applies iff H4 and the norm dominates "
                          "L-infinity", form_c, Quantities.form_c,
                          applies=lambda q: q.dominates_linf and all(x != 0 for x in q.m))
    lam = sympy.Symbol("lambda", positive=True)
    parts.append(attained("attained: principals = lambda x agents, lambda > 0 symbolic", form_c,
                          scaled_stag_hunt(lam)))
    return parts
