"""Non-contractual purchase models ("buy till you die"): who is still buying, how much, and what they are worth.

Customers buy at random and leave silently. From each customer's ``frequency`` (repeat purchases ``x``),
``recency`` (time of the last repeat purchase since the first, ``t_x``) and ``age`` (time from the first
purchase to the end of observation, ``T``), in one time unit:

- :class:`BgNbdModel` / :class:`BgNbdFit`: the BG/NBD model of Fader, Hardie & Lee (2005), *Marketing
  Science* 24(2): Poisson purchasing while alive, dropout after each repeat purchase;
- :class:`MbgNbdModel` / :class:`MbgNbdFit`: the MBG/NBD of Batislam, Denizel & Filiztekin (2007), *IJRM*
  24(3): as BG/NBD, but a customer who never repeated may have left too.

Data come as the one positional argument (a pandas or polars frame with columns ``frequency``, ``recency``,
``age`` -- or ``T`` -- and optionally ``weight``) or as keyword columns; results come back in the same form
(a float, a numpy array, a pandas Series with the frame's index, or a polars Series). Every number comes
from the Rust crate ``ltv-models``.

The CDNOW sample of FHL 2005 (2,357 customers, weeks): their customer with ``x = 2``, ``t_x = 30.43``,
``T = 38.86`` expects 1.226 purchases in the next 39 weeks.

>>> from ltv.purchase import BgNbdModel
>>> m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
>>> round(m.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
1.226
>>> m.probability_alive(frequency=[0, 2, 2], recency=[0, 30.43, 5.0], age=38.86).round(3).tolist()
[1.0, 0.727, 0.12]

Fitting (the weights are customers per row):

>>> from ltv.purchase import BgNbdFit
>>> fit = BgNbdFit.fit(frequency=[0, 1, 3, 6], recency=[0, 10, 30, 36], age=38, weight=[600, 200, 120, 80])
>>> fit.converged, sorted(fit.params)
(True, ['a', 'alpha', 'b', 'r'])
>>> BgNbdFit.from_json(fit.to_json()) == fit
True
"""

from __future__ import annotations

from .._ltv import (
    MAX_FIT_ITERATIONS,
    MAX_PURCHASE_COUNT,
    PURCHASE_MAX_PARAMETER,
    PURCHASE_MIN_PARAMETER,
    BgNbdFit,
    BgNbdModel,
    MbgNbdFit,
    MbgNbdModel,
)

__all__ = [
    "BgNbdModel",
    "BgNbdFit",
    "MbgNbdModel",
    "MbgNbdFit",
    "MAX_FIT_ITERATIONS",
    "MAX_PURCHASE_COUNT",
    "PURCHASE_MIN_PARAMETER",
    "PURCHASE_MAX_PARAMETER",
]
