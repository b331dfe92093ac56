"""Exact money arithmetic: one decimal context sized for the amounts hcc accepts, and the one
rounding site for fee arithmetic.

Every amount hcc accepts is at most :data:`MAX_AMOUNT` đồng (36 digits) and every quantity at most
:data:`MAX_QUANTITY` (9 digits); the products and sums of a quote then need at most 36 + 9 + 9
digits (a per-copy amount of several tiers, times copies), inside the 80 digits of
:data:`MONEY_CONTEXT`. A line or total above :data:`MAX_AMOUNT` is refused. That context traps ``Inexact`` and ``Rounded``, so an
operation that could not be exact raises instead of answering a few đồng off (the default context
has 28 digits: a 27-digit amount times 1,001 copies would be rounded silently).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from decimal import (
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    localcontext,
)

MAX_AMOUNT = 10**36 - 1
"""The largest amount of money hcc accepts, in đồng (36 nines): far above any real fee or
declared value; what matters is that arithmetic below it is exact and that larger input is
refused at once."""

MAX_QUANTITY = 10**9 - 1
"""The largest quantity (pages, copies, cases, ...) a quote or a per-unit rule accepts."""

MONEY_PRECISION = 80
"""Significant digits of :data:`MONEY_CONTEXT` (a 36-digit amount × a 9-digit quantity × a rate)."""

MONEY_CONTEXT = Context(
    prec=MONEY_PRECISION,
    rounding=ROUND_HALF_UP,
    Emin=-999,
    Emax=999,
    traps=[InvalidOperation, DivisionByZero, Overflow, Inexact, Rounded],
)
"""The decimal context of fee arithmetic: any operation that is not exact raises."""

_ROUNDING_CONTEXT = Context(
    prec=MONEY_PRECISION,
    rounding=ROUND_HALF_UP,
    Emin=-999,
    Emax=999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

_MODES = {"half_up": ROUND_HALF_UP, "down": ROUND_FLOOR, "up": ROUND_CEILING}


@contextlib.contextmanager
def exact() -> Iterator[None]:
    """Run fee arithmetic in :data:`MONEY_CONTEXT` (thread- and task-local, never process-wide).

    >>> with exact():
    ...     Decimal(10**26 + 7) * 1001
    Decimal('100100000000000000000000007007')
    """
    with localcontext(MONEY_CONTEXT):
        yield


def round_vnd(value: Decimal, mode: str = "half_up") -> Decimal:
    """Round a non-negative Decimal to whole đồng: "half_up" (default), "down" or "up".

    >>> round_vnd(Decimal("12.5")), round_vnd(Decimal("12.5"), "down"), round_vnd(Decimal("12.1"), "up")
    (Decimal('13'), Decimal('12'), Decimal('13'))
    """
    with localcontext(_ROUNDING_CONTEXT):
        return value.quantize(Decimal(1), rounding=_MODES[mode])
