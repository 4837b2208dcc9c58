r"""Form P, the bound plotted in the authors' grid-scan experiment.

If $\sigma$ lies in the CC window, $w(\sigma)\ge w_\varepsilon+\mathrm{CC}\,(w^*-w_0)$, then (EPIC,
$K_d=2$, $d_i=1-\mathrm{IA}_i$; average form divides every term by $n$):

.. math::

    \widehat{\mathrm{WR}}(\sigma)\le(1-\mathrm{CC})(w^*-w_0)+(w_0-w_\varepsilon)
    +4\sum_i\hat m_i(1-\mathrm{IA}_i)+\sum_i(r_i-1)\bigl(u_i(\hat s^*)-u_i(\sigma)\bigr).

Source: ``delegation_games.md`` §7.6 ([code] `measures.py` `get_bounds`; [der]: the key lemma
with $R=1$, WR expanded by §6.2).

Method: lemma chain.

1. *identity*: the key lemma with $R=1$;
2. *certificate*: in the CC window, $\mathrm{WR}=w^*-w(\sigma)\le(1-\mathrm{CC})(w^*-w_0)+(w_0-w_\varepsilon)$;
3. *identity*: $(r_i-1)m_i\Delta\nu_i=(r_i-1)\bigl(u_i(\hat s^*)-u_i(\sigma)\bigr)$ (shifts cancel);
4. *certificate*: the alignment term is at most $2K_d\hat m_id_i$, and $2K_d\hat m_id_i=4\hat m_i(1-\mathrm{IA}_i)$
   for EPIC (*identity* with $K_d=2$, $d_i=1-\mathrm{IA}_i$);
5. *exhaustive*: `symalign.delegation.bounds.form_p` (``cc=0``) holds exactly on a family of delegation games.
"""

from __future__ import annotations

import sys
import time

import sympy

from symalign.delegation.bounds import form_p
from symalign.proving.claims import Verification, check_identity, exhaustive, prove_piecewise_linear

from . import _regret
from ._support import bound_holds, delegation_family, finish

NAME = "form_p_bound"
STATEMENT = (r"\widehat{\mathrm{WR}}\le(1-\mathrm{CC})(w^*-w_0)+(w_0-w_\varepsilon)"
             r"+4\sum_i\hat m_i(1-\mathrm{IA}_i)+\sum_i(r_i-1)(u_i(\hat s^*)-u_i(\sigma))")
SOURCE = "delegation_games.md §7.6"
HYPOTHESES = ("(H1)-(H4), EPIC", r"$w(\sigma)\ge w_\varepsilon+\mathrm{CC}(w^*-w_0)$ (the CC window)",
              "a pure NE exists")
EXPECTED = True


def statement() -> str:
    """The theorem in LaTeX."""
    return STATEMENT


def proof() -> Verification:
    """Key lemma at R = 1, the window certificate, the calibration and alignment identities."""
    t0 = time.perf_counter()
    parts = [_regret.key_lemma(R=1, name="key lemma with R = 1")]
    w, ws, w0, we, cc = sympy.symbols("w w^* w_0 w_epsilon CC", real=True)
    parts.append(prove_piecewise_linear(
        ws - w <= (1 - cc) * (ws - w0) + (w0 - we), assumptions=[w - we - cc * (ws - w0) >= 0],
        name="in the CC window: WR <= (1 - CC)(w* - w0) + (w0 - w_eps)"))
    m, c, r, a, b = sympy.symbols("m c r nu(s*) nu(sigma)", real=True)
    parts.append(check_identity((r - 1) * m * (a - b), (r - 1) * ((m * a + c) - (m * b + c)),
                                name="(r_i - 1) m_i dnu_i = (r_i - 1)(u_i(s*) - u_i(sigma))"))
    parts.append(_regret.alignment_lemma())
    mh, ia = sympy.symbols("mhat IA", real=True)
    parts.append(check_identity((2 * 2 * mh * (1 - ia)), 4 * mh * (1 - ia),
                                name="2 K_d mhat_i d_i = 4 mhat_i (1 - IA_i) for EPIC (K_d = 2, d = 1 - IA)"))
    parts.append(_regret.sum_lemma())
    parts.append(exhaustive(bound_holds(form_p, cc=0), delegation_family(),
                            name="symalign.delegation.bounds.form_p (cc = 0) holds",
                            description="seeded 2x2 delegation games x profiles"))
    return finish(sys.modules[__name__], parts, t0=t0)
