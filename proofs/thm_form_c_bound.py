r"""Form C, the welfare-regret bound with a calibration term coupled to collective alignment.

Under (H1)–(H4), with CA the agents' collective alignment for a scale norm
$m\ge\lVert\cdot\rVert_\infty$ and $\bar r=\sum_i\hat m_i/\sum_im_i$:

.. math::

    \widehat{\mathrm{WR}}(\sigma)\le\bar r\,\mathrm{WR}(\sigma)+2K_d\sum_i\hat m_id_i
    +2\max_i\lvert r_i-\bar r\rvert\,(1-\mathrm{CA})\sum_im_i .

Source: ``delegation_games.md`` §7.7 ([der]; unconfirmed as the paper's form).

Method: lemma chain.

1. *identity*: $\sum_i(r_i-\bar r)m_i=0$ (three players, generic positive magnitudes);
2. *identity*: hence the calibration term is unchanged when $\mu(\hat s^*)-\mu(\sigma)$ is
   subtracted from every $\Delta\nu_i$;
3. *certificate*: $(r_i-\bar r)m_i\Delta(\nu_i-\mu)\le2\max_j\lvert r_j-\bar r\rvert\,m_i
   \lVert\nu_i-\mu\rVert_\infty$ (degree-three products);
4. *identity*: $\sum_im_i\,m(\nu_i-\mu)=(1-\mathrm{CA})\sum_im_i$ from the definition of CA;
5. the key lemma with $R=\bar r$ and the cooperation and alignment certificates of Form A;
6. *exhaustive*: `symalign.delegation.bounds.form_c` holds exactly on a family of delegation games.
"""

from __future__ import annotations

import sys
import time

import sympy

from symalign.delegation.bounds import form_c
from symalign.proving.claims import Verification, check_identity, exhaustive

from . import _regret
from ._support import bound_holds, delegation_family, finish

NAME = "form_c_bound"
STATEMENT = (r"\widehat{\mathrm{WR}}(\sigma)\le\bar r\,\mathrm{WR}(\sigma)+2K_d\sum_i\hat m_id_i"
             r"+2\max_i\lvert r_i-\bar r\rvert(1-\mathrm{CA})\sum_im_i")
SOURCE = "delegation_games.md §7.7"
HYPOTHESES = ("(H1)-(H4)", r"$m(x)\ge\lVert x\rVert_\infty$ for the CA norm")
EXPECTED = True


def statement() -> str:
    """The theorem in LaTeX."""
    return STATEMENT


def proof() -> Verification:
    """The rbar identities, the CA-coupled certificate, the CA identity and the library check."""
    t0 = time.perf_counter()
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
    parts.append(exhaustive(bound_holds(form_c), delegation_family(),
                            name="symalign.delegation.bounds.form_c holds",
                            description="seeded 2x2 delegation games x profiles"))
    return finish(sys.modules[__name__], parts, t0=t0)
