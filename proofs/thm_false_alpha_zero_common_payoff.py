r"""(Deliberately false) Every game with $\alpha=0$ is common-payoff.

.. math::

    \alpha(G)=0\ \Longrightarrow\ u_0=u_1=\dots=u_{n-1}.

This claim is kept to check that the prover refutes false statements (,
`teorth/estimates` observation 3). The relations between the classes say common-payoff $\subset$
common-interest $\subset$ UPE $=\{\alpha=0\}$, with strict inclusions; the exhaustive search
over $2\times2$ games with payoffs in $\{0,1\}$ finds a UPE game that is not common-payoff.

Source: docs/discussion/game-classes.rst (relations between the classes).

Method: exhaustive (a refuting search).
"""

from __future__ import annotations

import symalign as sa
from symalign.normalform import ca
from symalign.proving.claims import refute_by_search
from symalign.proving.theorems import theorem

from ._support import small_games


@theorem(
    name="false_alpha_zero_common_payoff",
    statement=r"\alpha(G)=0\Longrightarrow u_0=u_1=\dots=u_{n-1}",
    source="standard game classes",
    expected=False,
    scope="counterexample",
    covers="found among the 2x2 games with payoffs in {0,1}",
)
def proof():
    """Search all 2x2 games with payoffs in {0, 1} for alpha = 0 without a common payoff."""
    v = refute_by_search(lambda g: ca.alpha(g) != 0 or sa.is_common_payoff(g),
                         small_games((2, 2), (0, 1)), name='false_alpha_zero_common_payoff',
                         description="all 2x2 games with payoffs in {0,1}")
    return [v]
