"""The one rounding site for fee arithmetic: Decimal to whole đồng under a named convention."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

_MODES = {"half_up": ROUND_HALF_UP, "down": ROUND_FLOOR, "up": ROUND_CEILING}


def round_vnd(value: Decimal, mode: str = "half_up") -> Decimal:
    """Round a non-negative Decimal to whole đồng: "half_up" (default), "down" or "up".

    >>> round_vnd(Decimal("12.5")), round_vnd(Decimal("12.5"), "down"), round_vnd(Decimal("12.1"), "up")
    (Decimal('13'), Decimal('12'), Decimal('13'))
    """
    with localcontext() as ctx:
        ctx.prec = max(28, value.adjusted() + 10)
        return value.quantize(Decimal(1), rounding=_MODES[mode])
