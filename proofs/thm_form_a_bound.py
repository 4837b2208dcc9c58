r"""Form A, the ratio-shift welfare-regret bound.

Under (H1)–(H4), for every $R\ge0$ and every profile $\sigma$:

.. math::

    \widehat{\mathrm{WR}}(\sigma)\ \le\ R\,\mathrm{WR}(\sigma)+2K_d\sum_i\hat m_i\,d_i
    +K_m\sum_im_i\,\lvert r_i-R\rvert,\qquad r_i=\hat m_i/m_i .

Source: docs/discussion/delegation.rst, Form A (the functional form of the authors' code; the key
lemma and the proof derived for symalign).
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
6. *exhaustive*: `symalign.delegation.bounds.form_a` against the statement evaluated independently
   (`proofs._formulas`): hypotheses, regret, the value (the minimum over
   $R\in\{0\}\cup\{r_i\}$ and the cap $K_m\sum_i\hat m_i$; the same minimum without the cap;
   and at fixed $R$ without the cap), validity and the verdict, on named delegation games including one where the cap binds;
7. *tightness*: the bound is attained (value = regret exactly) when the principals are
   $\lambda$ times the agents ($\lambda=\tfrac13,1,2$), and the cap is attained by
   common-payoff principals $(1,-1,0,0)$ at their worst outcome.
"""

from __future__ import annotations

from functools import partial

import sympy

from symalign.delegation.bounds import form_a
from symalign.proving.theorems import theorem

from . import _regret
from ._bound_checks import attained, every_scheme, matches_statement, scaled_stag_hunt
from ._formulas import Quantities
from ._support import delegation_family


@theorem(
    name="form_a_bound",
    statement=r"\widehat{\mathrm{WR}}(\sigma)\le R\,\mathrm{WR}(\sigma)+2K_d\sum_i\hat m_id_i"
              r"+K_m\sum_im_i\lvert r_i-R\rvert\ \ (R\ge0)",
    source="the bounds' key lemma (derived for symalign); Form A of the authors' code, proof derived for symalign",
    hypotheses=("(H1) finite game, sum form", "(H2) a standardisation with K_m, K_d",
              r"(H3) any profile $\sigma$", r"(H4) $m_i>0$", r"$R\ge0$"),
    scope="generic shapes",
    covers=("the term-wise lemmas on free symbols (two players in the key lemma); the library "
            "against the formula on named delegation games; attained on named families"
            "; under MAX, mean/L1, mean/Linf, midrange/L1, midrange/L2 and mean_under(D), and with "
            "weighted [2, 1] and average welfare (EPIC), on three named games"),
)
def proof():
    """Key lemma, the term bounds and their sum; the library against the formula; tightness."""
    parts = [_regret.key_lemma(), _regret.cooperation_lemma(), _regret.calibration_lemma(),
             _regret.alignment_lemma(), _regret.sum_lemma()]
    parts.append(matches_statement(
        "form_a = min over R in {0} u {r_i} and the cap K_m sum mhat_i", form_a,
        lambda q: q.form_a(), delegation_family()))
    parts.append(matches_statement(
        "form_a(cap=False) = min over R in {0} u {r_i} of the formula", partial(form_a, cap=False),
        partial(Quantities.form_a, cap=False), delegation_family()))
    parts += every_scheme("form_a = min over R in {0} u {r_i} and the cap", form_a,
                          lambda q: q.form_a())
    for R in (0, sympy.Rational(1, 3), 1):
        parts.append(matches_statement(
            f"form_a(R = {R}, cap=False) = the formula at R", partial(form_a, R=R, cap=False),
            partial(Quantities.form_a, R=R, cap=False), delegation_family(4)))
    for lam in (sympy.Rational(1, 3), 1, 2):
        parts.append(attained(f"attained: principals = {lam} x agents (R = r, d = 0)", form_a,
                              scaled_stag_hunt(lam)))
    parts.append(attained("attained by the cap: common-payoff principals (1,-1,0,0), agents "
                          "negated, at the principals' worst outcome", form_a, _cap_family()))
    return parts


def _cap_family():
    import symalign as sa
    from symalign.delegation import DelegationGame
    u = [[1, -1], [0, 0]]
    principals = sa.Game([u, u])
    agents = sa.Game([[[-1, 1], [0, 0]], [[-1, 1], [0, 0]]])
    return [("cap family", DelegationGame(agents, principals), (0, 1))]
