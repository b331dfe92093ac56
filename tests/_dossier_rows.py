"""Random dossiers for the kernel and Dask tests, as hcc Dossier objects and as summary rows.

Deterministic (a seeded generator). Each dossier is received, then answered (result or refusal,
perhaps handed back and rated), withdrawn, stopped, or left pending. The rows are written from
the drawn facts, not by hcc.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

LIMITS = (
    "Trong ngày",
    "Ngay",
    "03 ngày làm việc",
    "05 ngày làm việc",
    "10 ngày làm việc",
    "15 ngày",
    "01 tháng",
    "04 giờ làm việc",
    "24 giờ",
    "0,5 ngày làm việc",
)
PROVINCES = ("Hà Nội", "Huế", "Cần Thơ")
FIELDS = ("Hộ tịch", "Chứng thực", "Đất đai")
CHANNELS = ("direct", "online", "postal")


def draw(n: int, seed: int, start: dt.date, days: int) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    out = []
    for k in range(n):
        day = start + dt.timedelta(days=rnd.randrange(days))
        at = dt.datetime.combine(day, dt.time(rnd.randrange(6, 19), rnd.randrange(60)))
        row: dict[str, Any] = {
            "k": k,
            "province": rnd.choice(PROVINCES),
            "commune": f"xã {rnd.randrange(4)}",
            "field": rnd.choice(FIELDS),
            "procedure": f"1.00{rnd.randrange(3)}",
            "limit": rnd.choice(LIMITS),
            "channel": rnd.choice(CHANNELS),
            "received_at": at,
            "settled_at": None,
            "settled_by": None,
            "withdrawn_at": None,
            "stopped_at": None,
            "returned_at": None,
            "returned_via": None,
            "rated_at": None,
            "rating": None,
        }
        fate = rnd.random()
        later = at + dt.timedelta(minutes=rnd.randrange(1, 60 * 24 * 25))
        if fate < 0.6:
            row["settled_at"] = later
            row["settled_by"] = "refused" if rnd.random() < 0.1 else "result_ready"
            if rnd.random() < 0.7:
                row["returned_at"] = later + dt.timedelta(minutes=rnd.randrange(1, 60 * 24 * 6))
                row["returned_via"] = rnd.choice(("returned", "posted", "delivered"))
                if rnd.random() < 0.5:
                    row["rated_at"] = row["returned_at"] + dt.timedelta(hours=rnd.randrange(1, 90))
                    row["rating"] = rnd.choice(("very_satisfied", "satisfied", "dissatisfied"))
        elif fate < 0.7:
            row["withdrawn_at"] = later
        elif fate < 0.75:
            row["stopped_at"] = later
        out.append(row)
    return out


def dossier(row: dict[str, Any]) -> Any:
    from hcc.dossiers import Dossier

    at = row["received_at"]
    d = Dossier.receive(
        code=f"000.00.01.H38-{at:%y%m%d}-{row['k'] % 9999 + 1:04d}",
        procedure_code=row["procedure"],
        procedure_name="Thủ tục",
        lead_agency="UBND " + row["commune"],
        applicant="A",
        time_limit=row["limit"],
        channel=row["channel"],
        field=row["field"],
        at=at,
    )
    if row["settled_at"] is not None:
        d = d.record(row["settled_by"], row["settled_at"])
        if row["returned_at"] is not None:
            d = d.record(row["returned_via"], row["returned_at"])
            if row["rated_at"] is not None:
                d = d.record("rated", row["rated_at"], rating=row["rating"])
    elif row["withdrawn_at"] is not None:
        d = d.record("withdrawn", row["withdrawn_at"])
    elif row["stopped_at"] is not None:
        d = d.record("stopped", row["stopped_at"], reason="Hồ sơ không đủ điều kiện")
    return d


def frame(rows: list[dict[str, Any]]) -> Any:
    import pandas as pd

    f = pd.DataFrame(rows)
    for c in ("received_at", "settled_at", "withdrawn_at", "stopped_at", "returned_at", "rated_at"):
        f[c] = pd.to_datetime(f[c])
    return f
