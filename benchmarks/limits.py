"""Cost of reading time limits: TimeLimit.parse on real portal cells and on hostile 20 KB / 100 KB cells.

Run: ``python benchmarks/limits.py``. The parser is compared, in the same run, with the obvious
alternative for finding a count and a unit: one regular expression scanned over the folded text
(``re.finditer``), which reads less (no ranges, cases, conditions, channels) and so bounds the cost
from below. Ratios, not absolute times, are what to compare; a recorded run is in
docs/performance.md.
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import timeit
from pathlib import Path

from hcc._text import fold_text
from hcc.deadlines import MAX_TEXT_LENGTH, TimeLimit
from hcc.deadlines import limits as limits_module
from hcc.errors import TimeLimitParseError

SAMPLE = Path("/work/shared/domain/fixtures/portal-records-2026-sample.json")
NAIVE = re.compile(r"([0-9]+)\s*(ngay lam viec|ngay|gio lam viec|gio|thang)")


def parse(text: str) -> None:
    """One uncached parse (the public method caches short phrases)."""
    with contextlib.suppress(TimeLimitParseError):
        limits_module._parse(text, None, None)


def public(text: str) -> None:
    with contextlib.suppress(TimeLimitParseError):
        TimeLimit.parse(text)


def naive(text: str) -> None:
    for _ in NAIVE.finditer(fold_text(text)):
        pass


def best(fn, repeat: int = 5) -> float:
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def hostile(n: int, rng: random.Random) -> dict[str, str]:
    words = [
        "ngày",
        "làm",
        "việc",
        "giờ",
        "tháng",
        "năm",
        "trường",
        "hợp",
        "đối",
        "với",
        "thì",
        "không",
        "quá",
        "kể",
        "từ",
        "Trực",
        "tiếp:",
        "(",
        ")",
        ";",
        ".",
        "-",
        "05",
        "1/2",
        "0,5",
    ]
    cutoff = "Trong ngày; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo; "
    return {
        "digits": "9" * n,
        "nested brackets": "(" * (n // 2 - 4) + "05 ngày" + ")" * (n // 2 - 4),
        "15:00 clause repeated": cutoff * (n // len(cutoff)),
        "many limits": "05 ngày làm việc; " * (n // 18),
        "open ranges": "Từ 01 đến " * (n // 10),
        "random words": " ".join(rng.choice(words) for _ in range(n // 5))[:n],
        "random characters": "".join(
            rng.choice("0123456789 ngàylmviệc()/,.-;:giờ") for _ in range(n)
        ),
    }


def main() -> None:
    rng = random.Random(20261206)
    print(f"hostile cells of {MAX_TEXT_LENGTH:,} characters (the cap), best of 5")
    print(f"{'input':<24}{'parse ms':>10}{'naive ms':>10}{'ratio':>8}")
    for name, text in hostile(MAX_TEXT_LENGTH, rng).items():
        # the naive scan is quadratic on digit runs: one run is enough to see it
        p, q = best(lambda t=text: parse(t)), best(lambda t=text: naive(t), repeat=1)
        print(f"{name:<24}{p * 1e3:>10.2f}{q * 1e3:>10.2f}{p / q:>8.1f}")
    print()
    print("100 KB cells (over the cap: refused before reading), best of 5")
    for name, text in hostile(100_000, rng).items():
        p = best(lambda t=text: public(t))
        print(f"{name:<24}{p * 1e6:>10.1f} µs")
    if not SAMPLE.exists():
        print("\n(the 2026 portal sample is not on this machine: real cells skipped)")
        return
    records = json.loads(SAMPLE.read_text(encoding="utf-8"))
    cells = [r["cach_thuc_thuc_hien"] or "" for r in records]
    phrases = [p for c in cells for p in re.split(r"(?<=[.;\n])", c) if p.strip()]
    times = re.findall(
        r"(?:Trực tuyến|Dịch vụ bưu chính|Trực tiếp)([0-9]+ (?:Ngày làm việc|Ngày|Giờ))",
        "".join(cells),
    )
    print()
    print(
        f"real text: {len(cells)} whole 'Cách thức thực hiện' cells, {len(phrases):,} sentences, "
        f"{len(times):,} time cells"
    )
    for label, items in (("whole cells", cells), ("sentences", phrases), ("time cells", times)):
        p = best(lambda items=items: [parse(t) for t in items], repeat=3)
        q = best(lambda items=items: [naive(t) for t in items], repeat=3)
        print(f"{label:<24}{p / len(items) * 1e6:>10.1f} µs each{p / q:>8.1f}× the naive scan")


if __name__ == "__main__":
    main()
