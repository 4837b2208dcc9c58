r"""Form P, the bound plotted in the authors' grid-scan experiment.

If $\sigma$ lies in the CC window, $w(\sigma)\ge w_\varepsilon+\mathrm{CC}\,(w^*-w_0)$, then (EPIC,
$K_d=2$, $d_i=1-\mathrm{IA}_i$; average form divides every term by $n$):

.. math::

    \widehat{\mathrm{WR}}(\sigma)\le(1-\mathrm{CC})(w^*-w_0)+(w_0-w_\varepsilon)
    +4\sum_i\hat m_i(1-\mathrm{IA}_i)+\sum_i(r_i-1)\bigl(u_i(\hat s^*)-u_i(\sigma)\bigr).

Source: docs/discussion/delegation.rst, Form P (the authors' code: `measures.py` `get_bounds`;
derived for symalign: the key lemma with $R=1$, WR expanded by the collective capability).

Method: lemma chain.

1. *identity*: the key lemma with $R=1$;
2. *certificate*: in the CC window, $\mathrm{WR}=w^*-w(\sigma)\le(1-\mathrm{CC})(w^*-w_0)+(w_0-w_\varepsilon)$;
3. *identity*: $(r_i-1)m_i\Delta\nu_i=(r_i-1)\bigl(u_i(\hat s^*)-u_i(\sigma)\bigr)$ (shifts cancel);
4. *certificate*: the alignment term is at most $2K_d\hat m_id_i$, and $2K_d\hat m_id_i=4\hat m_i(1-\mathrm{IA}_i)$
   for EPIC (*identity* with $K_d=2$, $d_i=1-\mathrm{IA}_i$);
5. *exhaustive*: `symalign.delegation.bounds.form_p` (``cc=0`` and ``cc=1/2``, ``eps=0``) against the
   statement evaluated independently (`proofs._formulas`, pure equilibria by definition):
   hypotheses (H4, a pure NE, the window), regret, value, validity and verdict;
6. *tightness*: with principals $\lambda$ times the agents' stag hunt ($\lambda>0$ a symbol)
   and ``cc`` the profile's own collective capability, the bound equals the regret.
"""

from __future__ import annotations

from functools import partial

import sympy

from symalign.delegation.bounds import form_p
from symalign.proving.claims import check_identity, prove_piecewise_linear
from symalign.proving.theorems import theorem

from . import _regret
from ._bound_checks import attained, every_scheme, matches_statement, scaled_stag_hunt
from ._formulas import Quantities
from ._support import delegation_family


@theorem(
    name="form_p_bound",
    statement=r"\widehat{\mathrm{WR}}\le(1-\mathrm{CC})(w^*-w_0)+(w_0-w_\varepsilon)"
              r"+4\sum_i\hat m_i(1-\mathrm{IA}_i)+\sum_i(r_i-1)(u_i(\hat s^*)-u_i(\sigma))",
    source="Form P of the authors' code",
    hypotheses=("(H1)-(H4), EPIC", r"$w(\sigma)\ge w_\varepsilon+\mathrm{CC}(w^*-w_0)$ (the CC window)",
              "a pure NE exists"),
    scope="generic shapes",
    covers=("the term-wise lemmas on free symbols (two players in the key lemma); the library "
            "against the formula on named delegation games; attained on a symbolic family"
            "; under MAX, mean/L1, mean/Linf, midrange/L1, midrange/L2 and mean_under(D), and with "
            "weighted [2, 1] and average welfare (EPIC), on three named games"),
)
def proof():
    """Key lemma at R = 1, the window certificate, the calibration and alignment identities,
    the library against the formula, and tightness on a symbolic family."""
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
    parts.append(matches_statement(
        "form_p (cc = 0, eps = 0) = the formula; it applies iff H4, a pure NE and the window hold",
        partial(form_p, cc=0), partial(Quantities.form_p, cc=0), delegation_family(),
        applies=_applies(0)))
    parts.append(matches_statement(
        "form_p (cc = 0, eps = 1) = the formula with the slack w_0 - w_eps",
        partial(form_p, cc=0, eps=1), partial(Quantities.form_p, cc=0, eps=1),
        delegation_family(4) + _eps_family(), applies=_applies(0, 1)))
    parts += every_scheme("form_p (cc = 0) = the formula", partial(form_p, cc=0),
                          partial(Quantities.form_p, cc=0), applies=_applies(0))
    parts.append(matches_statement(
        "form_p (cc = 1/2) = the formula; outside the window the hypotheses fail",
        partial(form_p, cc=sympy.Rational(1, 2)),
        partial(Quantities.form_p, cc=sympy.Rational(1, 2)), delegation_family(4),
        applies=_applies(sympy.Rational(1, 2))))
    lam = sympy.Symbol("lambda", positive=True)
    family = scaled_stag_hunt(lam)
    parts.append(attained("attained: principals = lambda x agents (lambda > 0 symbolic), "
                          "cc = CC(sigma)", _at_own_cc, [family[0], family[3], family[4]]))
    return parts


def _eps_family():
    """Battle-of-the-sexes agents: with the range-relative eps = 1 every profile is an
    eps-equilibrium, so w_eps = 0 < w_0 = 3 and the slack w_0 - w_eps = 3 matters."""
    from symalign.delegation import DelegationGame
    u = [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]
    uh = [[[2, 0], [1, 1]], [[1, 0], [0, 3]]]
    return [("BoS, eps = 1", DelegationGame.from_arrays(u, uh), p)
            for p in ((0, 0), (0, 1), (1, 1))]


def _applies(cc, eps=0):
    def rule(q):
        if any(x == 0 for x in q.m) or not q.pure_nash():
            return False
        raw = q.raw
        W = [sum(f * u[k] for f, u in zip(raw.f, raw.u)) for k in range(len(raw.outcomes))]
        w0 = min(W[k] for k in q.pure_nash())
        w_eps = min(W[k] for k in q.pure_nash(eps))
        w_sigma = sum(p * x for p, x in zip(q.probs, W))
        return w_sigma - w_eps - cc * (max(W) - w0) >= 0
    return rule


def _at_own_cc(dg, profile):
    """Form P at the window parameter cc = CC(sigma), computed from the definition
    (Sourbut, Hammond & Wood (2024))."""
    return form_p(dg, profile, cc=Quantities(dg, profile).collective_capability())
