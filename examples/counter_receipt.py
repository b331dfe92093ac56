"""A counter application: receive a dossier and print its receipt and appointment slip (form 01).

The flow a district's counter software follows, on hcc's default catalogue:

1. look up the procedure;
2. compute the appointment from the receipt moment (the 15:00 cut-off, days off, Tết...);
3. quote the fee;
4. give the dossier its code (Circular 01/2018 art. 19);
5. render the receipt slip as text (for the receipt printer), HTML (A5, print-ready) or DOCX.

Every input is explicit -- there is no implicit "now" -- so the same command prints the same slip::

    python examples/counter_receipt.py
    python examples/counter_receipt.py --code 2.000884 --received "2026-03-06 15:40" --cases 2
    python examples/counter_receipt.py --format html --out phieu-hen.html

Copy it and replace the office, officer and unit code with your own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from hcc.documents import ReceiptContext, render
from hcc.procedures import DossierCodeAllocator, default_catalogue

OFFICE = {
    "name": "Ủy ban nhân dân xã Nghi Phong",
    "unit": "Bộ phận Tiếp nhận và Trả kết quả",
    "place": "Nghi Phong",
}
RECEIVER = {"name": "Trần Thị Bình", "position": "Công chức Bộ phận Một cửa"}
UNIT_CODE = "000.00.23.H40"  # the receiving unit's code (QCVN 102:2016/BTTTT)
QUANTITIES = ("pages", "copies", "cases", "certificates")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line; every value has a fixed default so the example is reproducible."""
    p = argparse.ArgumentParser(description="Print a receipt and appointment slip (form 01).")
    p.add_argument("--code", default="2.000815", help="procedure code (default: 2.000815)")
    p.add_argument(
        "--received",
        default="2026-03-06 10:15",
        help="receipt moment, Vietnam local time (default: 2026-03-06 10:15)",
    )
    p.add_argument("--channel", default="direct", choices=("direct", "online", "postal"))
    p.add_argument("--applicant", default="Nguyễn Thị Hoa")
    p.add_argument("--address", default="Xóm 2, xã Nghi Phong")
    p.add_argument("--phone", default="0912 000 111")
    p.add_argument("--serial-start", type=int, default=0, help="serials already issued that day")
    for q in QUANTITIES:
        p.add_argument(f"--{q}", type=int, default=None, help=f"fee quantity: {q}")
    p.add_argument("--format", default="text", choices=("text", "html", "docx"))
    p.add_argument("--out", type=Path, default=None, help="write to this file instead of stdout")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Print (or write) the receipt slip; return the process exit code."""
    args = parse_args(argv)
    catalogue = default_catalogue()
    received = dt.datetime.fromisoformat(args.received)

    procedure = catalogue.get(args.code, on=received.date())
    deadline = catalogue.deadline(args.code, received, channel=args.channel)
    quantities = {q: getattr(args, q) for q in QUANTITIES if getattr(args, q) is not None}
    fee = catalogue.quote(args.code, channel=args.channel, on=received.date(), **quantities)

    allocator = DossierCodeAllocator(UNIT_CODE)
    for _ in range(args.serial_start):  # in a real counter: seed it with the register's codes
        allocator.allocate(received)
    code = allocator.allocate(received)

    context = ReceiptContext(
        office=OFFICE,
        applicant={"name": args.applicant, "address": args.address, "phone": args.phone},
        procedure=procedure,
        dossier={"code": str(code), "received_at": received, "due_at": deadline},
        receiver=RECEIVER,
        pickup_place=f"{OFFICE['unit']}, {OFFICE['name']}",
        fee=fee,
    )
    output = render("receipt", context, format=args.format)
    if args.out is not None:
        if isinstance(output, bytes):
            args.out.write_bytes(output)
        else:
            args.out.write_text(output, encoding="utf-8")
        print(f"{args.out}: receipt {code}, due {deadline.due_at:%H:%M %d/%m/%Y}")
    elif isinstance(output, bytes):
        print("DOCX output needs --out FILE", file=sys.stderr)
        return 2
    else:
        print(output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
