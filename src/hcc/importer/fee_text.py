"""Reading a portal fee cell ("Phí, lệ phí") into :mod:`hcc.fees` rules, or keeping it as text.

Only what the cell states completely is structured; anything else is kept verbatim, with a reason.
Read, in the usual phrasing (case, diacritics and the portal's trailing "Đồng" / "Xem chi tiết" do
not matter):

* a flat amount: "Lệ phí: 200.000 đồng" → :class:`~hcc.fees.FlatFee`;
* an amount per unit: "8.000 đồng/bản", "10.000 đồng/trường hợp", "50.000 đồng/lần" →
  :class:`~hcc.fees.PerUnitFee` (units: trang, bản, lần / trường hợp / việc, hồ sơ, giấy chứng
  nhận / giấy phép / chứng chỉ / thẻ, hợp đồng / giao dịch, thửa, người, văn bản / giấy tờ);
* tiers and a cap per copy: "2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa
  thu không quá 200.000 đồng/bản" → one tiered per-page rule, counted per copy, capped;
* a percentage with bounds: "0,5% giá trị tài sản, tối thiểu 50.000 đồng, tối đa 500.000 đồng";
* exemptions after an amount: "Miễn lệ phí đối với người thuộc hộ nghèo; người khuyết tật" →
  :class:`~hcc.fees.Exemption` with the categories of :data:`hcc.fees.EXEMPTION_CATEGORIES`;
* no fee: "0 đồng", "Không", "Miễn phí".

Kept as text: an amount left to a province ("theo mức thu do Hội đồng nhân dân cấp tỉnh quy định"),
several amounts without the case each applies to ("Phí: 150.000 Đồng Phí: 500.000 Đồng"), a label
with no amount ("Phí: Đồng"), anything with a clause not listed above.

>>> r = parse_fee_text("2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang, "
...                    "tối đa thu không quá 200.000 đồng/bản")
>>> r.status, r.rules[0].amount_for(300), [t.amount for t in r.rules[0].tiers]
('structured', Decimal('200000'), [Decimal('2000'), Decimal('1000')])
>>> r = parse_fee_text("Lệ phí: Theo mức thu lệ phí do Hội đồng nhân dân cấp tỉnh quy định.")
>>> r.status, r.reason
('text', 'no amount in đồng is stated')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from hcc.errors import InvalidInputError
from hcc.fees import Exemption, FeeRule, FlatFee, PercentageFee, PerUnitFee, Tier
from hcc.fees.rules import FeeRuleDataError
from hcc.importer._text import clean, fold_text, is_not_stated

__all__ = ["MAX_FEE_CELL", "FeeReading", "parse_fee_text"]

FeeStatus = Literal["structured", "no_fee", "text", "not_stated"]

DEFAULT_LEGAL_BASIS = "as published on the national public-service portal; not checked"


@dataclass(frozen=True, slots=True)
class FeeReading:
    """What a fee cell gave.

    ``status``: ``"structured"`` (``rules`` hold the fee), ``"no_fee"`` (the cell says nothing is
    charged), ``"text"`` (kept verbatim in ``text``; ``reason`` says why) or ``"not_stated"``
    (an empty cell, "Không có thông tin"). ``text`` is the cleaned cell (NFC, markup and the
    portal's "Xem chi tiết" link label removed).

    >>> parse_fee_text("Lệ phí: 0 ĐồngXem chi tiết").status
    'no_fee'
    """

    text: str
    status: FeeStatus
    rules: tuple[FeeRule, ...] = field(default=())
    reason: str | None = None


class _Unread(Exception):
    """A clause this reader does not understand (internal: the cell is then kept as text)."""


_LINK = re.compile(r"\s*Xem chi tiết\s*", re.I)
_LABEL = re.compile(
    r"(?:^|(?<=[\s.;,]))(phi, le phi|phi le phi|le phi|phi)(?:\s+[a-z]+){0,8}?\s*:", re.I
)
_AMT = r"(?P<{n}>\d{{1,3}}(?:\.\d{{3}})+|\d+)\s*(?:dong|vnd|d)\b"
_UNITS = {
    "trang": "page",
    "ban sao": "copy",
    "ban": "copy",
    "lan": "case",
    "truong hop": "case",
    "viec": "case",
    "bo ho so": "dossier",
    "ho so": "dossier",
    "bo": "dossier",
    "giay chung nhan": "certificate",
    "giay phep": "certificate",
    "chung chi": "certificate",
    "the": "certificate",
    "hop dong": "contract",
    "giao dich": "contract",
    "thua dat": "parcel",
    "thua": "parcel",
    "nguoi": "person",
    "van ban": "document",
    "giay to": "document",
    "to khai": "document",
    "giay": "certificate",
    "ho chieu": "certificate",
}
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
_UNIT = rf"\s*/\s*(?P<unit>{_UNIT_ALT})\b"
# one word per repetition, each tried once (possessive): "mức thu" cannot be read two ways
_LEAD = r"(?:(?:muc thu|muc|thu|la|bang|gia)\b\s*+[:\-]?+\s*+)*+"
_ORD_WORDS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5}
_ORD = r"(?:thu\s+)?(?P<{n}>\d+|nhat|mot|hai|ba|tu|nam)"
_UNIT_WORD = rf"(?P<uw>{_UNIT_ALT})"

_BASE = re.compile(
    rf"^(?:(?:doi voi\s+)?(?:tu\s+)?{_UNIT_WORD}\s+{_ORD.format(n='a')}\s*(?:den|toi|-|va)\s*"
    rf"(?:(?P=uw)\s+)?{_ORD.format(n='b')}\s*(?:tro ve truoc\s*)?[:\-]?\s*)?"
    rf"{_LEAD}{_AMT.format(n='amt')}(?:{_UNIT})?"
    rf"(?:\s+(?:doi voi|cho)\s+(?P<uw2>{_UNIT_ALT})\s+{_ORD.format(n='a2')}\s*(?:den|toi|-|va)\s*"
    rf"(?:(?P=uw2)\s+)?{_ORD.format(n='b2')})?$"
)
_FROM = re.compile(
    rf"^(?:tu|ke tu|doi voi)\s+{_UNIT_WORD}\s+{_ORD.format(n='a')}\s*(?:tro len|tro di)?\s*[:\-]?\s*"
    rf"{_LEAD}{_AMT.format(n='amt')}{_UNIT}$"
)
_CAP = re.compile(
    rf"^(?:nhung\s+|va\s+)?(?:muc thu\s+)?(?:toi da|khong qua|khong vuot qua)\s*(?:thu\s+)?"
    rf"(?:khong qua\s+|khong vuot qua\s+)?(?:la\s+)?[:\-]?\s*{_AMT.format(n='amt')}"
    r"\s*/\s*(?P<per>ban sao|ban)\b$"
)
_PCT = re.compile(
    rf"^{_LEAD}(?P<rate>\d+(?:[.,]\d+)?)\s*%(?:\s+(?:cua\s+|tren\s+)?(?:tong\s+)?gia tri\b[^;]*)?$"
)
_BOUND = re.compile(
    rf"^(?:nhung\s+|va\s+)?(?:muc thu\s+)?(?P<kind>toi thieu|toi da|khong qua|khong vuot qua|"
    rf"khong thap hon)\s*(?:thu\s+)?(?:la\s+)?[:\-]?\s*{_AMT.format(n='amt')}$"
)
_NO_FEE = re.compile(
    r"^(?:0|0\s*(?:dong|vnd|d)|khong|khong thu|khong co|mien|mien phi|mien le phi|"
    r"khong thu phi|khong thu le phi|khong phai nop)\s*(?:dong)?$"
)
_EXEMPT = re.compile(
    r"(?:^|[.;,]\s*|\s-\s*)(?P<head>(?:duoc\s+)?mien\s+(?:thu\s+)?(?:phi, le phi|le phi|phi)?\s*"
    r"(?:cho|doi voi|voi)\s+)"
)
# exemption categories, most specific first (folded keywords)
_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("ho can ngheo", "near_poor_household"),
    ("ho ngheo", "poor_household"),
    ("co cong", "meritorious_family"),
    ("khuyet tat", "person_with_disability"),
    ("dung han", "on_time_registration"),
    ("giam ho", "guardianship"),
    ("duoi 6 tuoi", "child_under_6"),
    ("duoi 06 tuoi", "child_under_6"),
    ("dan toc thieu so", "ethnic_minority_disadvantaged_area"),
    ("cu tru o trong nuoc", "vietnamese_resident_marriage"),
)


def _drop_unit_column(text: str) -> str:
    """Drop the trailing "dong" words the portal's unit column appends (one backward pass over
    indices, no re-slicing per word); "đồng/hợp đồng" ends in a unit and keeps its "dong"."""
    end = len(text)
    while True:
        j = end
        while j > 0 and text[j - 1] in " .;,:-":
            j -= 1
        if j < 4 or text[j - 4 : j] != "dong" or (j > 4 and not text[j - 5].isspace()):
            break
        k = j - 4
        while k > 0 and text[k - 1] == " ":
            k -= 1
        if text[:k].endswith(("/hop", "/ hop")):
            break
        end = k
    return text[:end].strip(" .;,:-")


def _amount(s: str) -> Decimal:
    return Decimal(s.replace(".", ""))


def _ordinal(s: str) -> int:
    return _ORD_WORDS[s] if s in _ORD_WORDS else int(s)


def _clauses(folded: str) -> list[str]:
    # ";" and ", " and ". " separate clauses; "." inside an amount ("200.000") does not
    parts = re.split(r"\s*(?:;|,\s|\.\s|\s-\s)\s*", folded)
    return [p.strip(" .,:-") for p in parts if p.strip(" .,:-")]


def _categories(tail: str) -> tuple[str, ...]:
    found: list[str] = []
    for item in re.split(r"\s*(?:;|,|\bva\b|\bhoac\b)\s*", tail):
        item = item.strip(" .:-")
        if not item or item in ("nguoi", "truong hop"):
            continue
        hits = [cat for key, cat in _CATEGORIES if key in item]
        if not hits:
            raise _Unread(f"exemption for {item!r} is not a known category")
        if hits[0] not in found:
            found.append(hits[0])
    if not found:
        raise _Unread("an exemption without a category")
    return tuple(found)


def _charge(clauses: list[str], *, rule_id: str, description: str, basis: str) -> FeeRule:
    """The charge rule of an item's clauses (everything before an exemption)."""
    if not clauses:
        raise _Unread("no amount in đồng is stated")
    first = clauses[0]
    pct = _PCT.match(first)
    if pct:
        lo = hi = None
        for c in clauses[1:]:
            b = _BOUND.match(c)
            if not b:
                raise _Unread(f"cannot read {c!r} after a percentage")
            if b.group("kind") in ("toi thieu", "khong thap hon"):
                lo = _amount(b.group("amt"))
            else:
                hi = _amount(b.group("amt"))
        return PercentageFee(
            id=rule_id,
            description=description,
            rate_percent=Decimal(pct.group("rate").replace(",", ".")),
            minimum=lo,
            maximum=hi,
            legal_basis=basis,
            unconfirmed=True,
        )
    base = _BASE.match(first)
    if not base:
        raise _Unread(f"cannot read an amount from {first!r}")
    amount = _amount(base.group("amt"))
    unit_word = base.group("unit")
    if unit_word is None:
        if len(clauses) > 1:
            raise _Unread(f"cannot read {clauses[1]!r} after a flat amount")
        return FlatFee(
            id=rule_id, description=description, amount=amount, legal_basis=basis, unconfirmed=True
        )
    unit = _UNITS[unit_word]
    tiers: list[tuple[int, Decimal]] = [(1, amount)]
    first_last = None
    for g_unit, g_from, g_to in (("uw", "a", "b"), ("uw2", "a2", "b2")):
        if base.group(g_unit):
            if _UNITS[base.group(g_unit)] != unit or _ordinal(base.group(g_from)) != 1:
                raise _Unread(f"cannot read the range in {first!r}")
            first_last = _ordinal(base.group(g_to))
    cap = None
    for c in clauses[1:]:
        fm = _FROM.match(c)
        if fm and _UNITS[fm.group("uw")] == unit and _UNITS[fm.group("unit")] == unit:
            start = _ordinal(fm.group("a"))
            if start <= tiers[-1][0] or cap is not None:
                raise _Unread(f"tier {c!r} is out of order")
            tiers.append((start, _amount(fm.group("amt"))))
            continue
        cm = _CAP.match(c)
        if cm and cap is None:
            cap = _amount(cm.group("amt"))
            continue
        raise _Unread(f"cannot read {c!r}")
    if first_last is not None and (len(tiers) < 2 or tiers[1][0] != first_last + 1):
        raise _Unread(f"the range in {first!r} does not meet the next tier")
    if cap is not None and unit == "copy":
        raise _Unread("a cap per copy on an amount per copy")
    if len(tiers) == 1:
        return PerUnitFee(
            id=rule_id,
            description=description,
            unit=unit,
            amount=amount,
            per_copy=cap is not None,
            cap_per_copy=cap,
            legal_basis=basis,
            unconfirmed=True,
        )
    built = tuple(
        Tier(
            first=start,
            last=(tiers[i + 1][0] - 1) if i + 1 < len(tiers) else None,
            amount=amt,
        )
        for i, (start, amt) in enumerate(tiers)
    )
    return PerUnitFee(
        id=rule_id,
        description=description,
        unit=unit,
        tiers=built,
        per_copy=cap is not None,
        cap_per_copy=cap,
        legal_basis=basis,
        unconfirmed=True,
    )


_RULE_IDS = {
    "phi": "phi",
    "le phi": "le-phi",
    "phi, le phi": "phi-le-phi",
    "phi le phi": "phi-le-phi",
}
_LABEL_TEXT = {"phi": "Phí", "le-phi": "Lệ phí", "phi-le-phi": "Phí, lệ phí"}


MAX_FEE_CELL = 4000
"""The longest fee cell read, in characters (after cleaning). A longer cell is kept as text with a
reason: no fee cell seen on the portal comes near it (the longest notes run to about 1,500)."""

# ---------------------------------------------------------------------------- the 2026 portal cell
# The portal's fee column: "Miễn phí", or an amount with a currency from its picker, then an
# optional bracketed note: "50,000 Việt Nam Đồng((áp dụng mức phí 25.000 đồng/hồ sơ kể từ ngày
# 01/7/2025 đến hết ngày 31/12/2026 theo Thông tư số 64/2025/TT-BTC))". Read on the folded text.
_PICKER = re.compile(
    r"(?:(?P<free>mien phi)|(?P<amt>[0-9]{1,3}(?:,[0-9]{3})++|[0-9]{1,3}(?:\.[0-9]{3})++|[0-9]++)"
    r" ?+(?P<cur>viet nam dong|vnd|usd|eur|dong))(?=\(|$)"
)
_NOTE_AMT = re.compile(
    r"(?<![0-9.,])(?P<amt>[0-9]{1,3}(?:[.,][0-9]{3})++|[0-9]++)\s*+(?:dong|vnd|d|vnđ)(?![a-z])"
    r"(?:\s*+/\s*+(?:0?1\s++)?+(?P<unit>[a-z]++(?: [a-z]++)?+))?+"
)
_NOTE_UNIT = re.compile(r"^/\s*+(?:0?1\s++)?+(?P<unit>[a-z]++(?: [a-z]++)?+)")
# a temporary exemption: "(Miễn phí từ ngày 07/4/2026 đến 30/6/2026 theo Thông tư 40/2026/TT-BTC)"
_FREE_SPAN = re.compile(
    r"mien(?: phi| le phi)?+ (?:ke )?tu ngay (?P<d1>[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})"
    r" (?:den|toi) (?:het )?(?:ngay )?(?P<d2>[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})"
)
_CUT = re.compile(
    r"ap dung muc (?:phi|le phi|thu)\s*+(?::\s*+)?(?P<amt>[0-9]{1,3}(?:[.,][0-9]{3})++|[0-9]++)"
    r"\s*+(?:dong|d|vnd)\b.{0,200}?(?:ke )?tu ngay (?P<d1>[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})"
    r".{0,60}?den (?:het )?ngay (?P<d2>[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})"
)
_SET_ELSEWHERE = ("hoi dong nhan dan", "muc le phi", "muc thu", "muc phi")
_NOTHING = frozenset(
    {
        "",
        "khong",
        "khong co",
        "khong quy dinh",
        "khong thu",
        "khong thu phi",
        "khong thu le phi",
        "khong phai nop",
        "mien phi",
        "mien",
        "khong co thong tin",
    }
)
_CONDITION_WORDS = (
    "doi voi",
    "truong hop",
    "neu",
    "mien",
    "giam",
    "toi da",
    "toi thieu",
    "hoi dong nhan dan",
    "uy ban nhan dan",
    "tung ",
    "moi ",
    "khi ",
    "duoi ",
    "tren ",
    "tru ",
    "ty dong",
    "trieu dong",
    "ap dung",
    "den het",
)
_MILLIONS = re.compile(r"(?<![0-9.,])([0-9]{1,4}) trieu dong")
_DOC_NO = re.compile(r"(?<![0-9])[0-9]++/[0-9]{4}/[a-z]++(?:-[a-z]++)*+")
_DATE = re.compile(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")


def _date(s: str) -> dt.date | None:
    d, m, y = (int(x) for x in s.split("/"))
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _unit_of(word: str) -> str | None:
    for u in sorted(_UNITS, key=len, reverse=True):
        if word == u or word.startswith(u + " "):
            return _UNITS[u]
    return None


def _unit_rest(m: re.Match[str]) -> str:
    """An amount in a note, taken out with its unit; words the unit capture took past the unit
    ("lần đối" → "đối") stay."""
    word = m.group("unit")
    if word is None:
        return " "
    for u in sorted(_UNITS, key=len, reverse=True):
        if word == u or word.startswith(u + " "):
            return " " + word[len(u) :] + " "
    return " " + word + " "


def _portal_cell(text: str, basis: str, subject: str) -> FeeReading | None:
    """Read a 2026 portal fee cell (picker + optional note); ``None`` if the cell is not one."""
    folded = fold_text(text)
    m = _PICKER.match(folded)
    if m is None:
        return None
    note = folded[m.end() :].strip()
    while note.startswith("(") and note.endswith(")"):
        note = note[1:-1].strip()
    bare = note.strip(" .;,:-()")
    description = f"Phí, lệ phí {subject}".strip()
    if m.group("free"):
        if bare in _NOTHING or (
            bare.startswith(("mien ", "khong thu", "khong phai nop"))
            and not _NOTE_AMT.search(bare)
            # "... - Mức lệ phí cụ thể do Hội đồng nhân dân cấp tỉnh quyết định": not free
            and not any(w in bare for w in _SET_ELSEWHERE)
        ):
            return FeeReading(text=text, status="no_fee")
        if _NOTE_AMT.search(bare):
            return FeeReading(
                text=text, status="text", reason="the cell says free but its note states an amount"
            )
        return FeeReading(
            text=text,
            status="text",
            reason="the cell says free but its note says more (a fee set elsewhere, conditions)",
        )
    cur = m.group("cur")
    if cur in ("usd", "eur"):
        return FeeReading(
            text=text,
            status="text",
            reason=f"the amount is in {cur.upper()}, not in đồng: not converted",
        )
    amount = Decimal(m.group("amt").replace(",", "").replace(".", ""))
    if "trieu dong" in bare:  # "02 triệu đồng/Giấy chứng nhận": an amount in millions
        bare = _MILLIONS.sub(lambda t: f"{int(t.group(1)) * 1_000_000} dong", bare)
    in_note = [
        (Decimal(a.group("amt").replace(",", "").replace(".", "")), a.group("unit"))
        for a in _NOTE_AMT.finditer(bare)
    ]
    cut: re.Match[str] | None = _CUT.search(bare)
    free_span = _FREE_SPAN.search(bare) if cut is None else None
    unit_word = None
    scale = Decimal(1)
    cut_seen = (
        Decimal(cut.group("amt").replace(",", "").replace(".", "")) if cut is not None else None
    )
    if amount and amount < 1000:
        # the portal shows some amounts in thousands: believe it only when the note says so (the
        # full amount, or a temporary rate that only the amount in thousands can be above)
        if any(a == amount * 1000 for a, _ in in_note) or (
            cut_seen is not None and amount < cut_seen <= amount * 1000
        ):
            scale = Decimal(1000)
        else:
            return FeeReading(
                text=text,
                status="text",
                reason=f"an amount of {amount} đồng is below 1,000: the portal probably shows "
                "it in thousands, and no note gives the full amount",
            )
    amount *= scale
    if amount == 0 and not bare:
        return FeeReading(text=text, status="no_fee")
    cut_amount = cut_from = cut_to = None
    rest = bare
    if cut is None and free_span is not None:
        cut = free_span
    if cut is not None:
        cut_amount = (
            Decimal(0)
            if cut is free_span
            else Decimal(cut.group("amt").replace(",", "").replace(".", ""))
        )
        cut_from, cut_to = _date(cut.group("d1")), _date(cut.group("d2"))
        if cut_from is None or cut_to is None or cut_to < cut_from or cut_amount > amount:
            return FeeReading(
                text=text, status="text", reason="a temporary rate that cannot be read"
            )
        # what the cut clause says is read; the rest of the note must still be understood
        rest = (bare[: cut.start()] + " " + bare[cut.end() :]).strip(" .;,:-()")
        rest = _DOC_NO.sub(" ", rest)
        rest = re.sub(r"\b(?:theo|thong tu|so|cua|bo tai chinh|ngay)\b", " ", rest)
        rest = _DATE.sub(" ", rest).strip(" .;,:-()")
    for a, u in in_note:
        if cut is not None and a == cut_amount:
            continue
        if a != amount:
            return FeeReading(
                text=text,
                status="text",
                reason=f"the note states {a} đồng where the cell states {amount}",
            )
        if u is not None:
            unit_word = u
    exemption: Exemption | None = None
    ex = _EXEMPT.search(rest)
    if ex is not None:
        try:
            cats = _categories(rest[ex.end() :])
        except _Unread as exc:
            return FeeReading(text=text, status="text", reason=str(exc))
        exemption = Exemption(
            id="mien-phi-le-phi",
            description="Miễn phí, lệ phí",
            categories=cats,
            legal_basis=basis,
            unconfirmed=True,
        )
        rest = rest[: ex.start()].strip(" .;,:-()")
    um = _NOTE_UNIT.match(rest)
    if um is not None:
        unit_word = um.group("unit")
        rest = rest[um.end() :].strip(" .;,:-()")
    rest = _NOTE_AMT.sub(_unit_rest, rest).strip(" .;,:-()")
    unit = None
    if unit_word is not None:
        unit = _unit_of(unit_word)
        if unit is None:
            return FeeReading(
                text=text, status="text", reason=f"an amount per {unit_word!r}, not a known unit"
            )
    # what is left of the note may name the fee or cite its legal basis, nothing more
    leftover = " " + " ".join(_DOC_NO.sub(" ", rest).replace(",", " , ").split()) + " "
    if (
        "%" in leftover
        # a dated span not read as a cut ("từ ngày" — not "Thông tư ngày", which folds the same)
        or (cut is None and "từ ngày" in text.lower())
        or any(f" {w.strip()} " in leftover for w in _CONDITION_WORDS)
        or re.search(r"[0-9]{3}", _DATE.sub(" ", leftover))
    ):
        return FeeReading(
            text=text,
            status="text",
            reason="the note states conditions or further amounts that are not read",
        )

    def rule(amt: Decimal, frm: dt.date | None, to: dt.date | None) -> FeeRule:
        if unit is None:
            return FlatFee(
                id="phi-le-phi",
                description=description,
                amount=amt,
                legal_basis=basis,
                valid_from=frm,
                valid_to=to,
                unconfirmed=True,
            )
        return PerUnitFee(
            id="phi-le-phi",
            description=description,
            unit=unit,
            amount=amt,
            legal_basis=basis,
            valid_from=frm,
            valid_to=to,
            unconfirmed=True,
        )

    extra: tuple[FeeRule, ...] = (exemption,) if exemption is not None else ()
    try:
        if cut_amount is None or cut_from is None or cut_to is None:
            return FeeReading(
                text=text, status="structured", rules=(rule(amount, None, None), *extra)
            )
        day = dt.timedelta(days=1)
        return FeeReading(
            text=text,
            status="structured",
            rules=(
                rule(amount, None, cut_from - day),
                rule(cut_amount, cut_from, cut_to),
                rule(amount, cut_to + day, None),
                *extra,
            ),
        )
    except (FeeRuleDataError, ValueError, ArithmeticError) as exc:
        return FeeReading(text=text, status="text", reason=f"the fee model refuses it: {exc}")


@lru_cache(maxsize=8192)
def _parse(text: str, basis: str, subject: str) -> FeeReading:
    if is_not_stated(text):
        return FeeReading(text=text, status="not_stated")
    if len(text) > MAX_FEE_CELL:
        return FeeReading(
            text=text,
            status="text",
            reason=f"the cell is longer than {MAX_FEE_CELL} characters: not read",
        )
    portal = _portal_cell(text, basis, subject)
    if portal is not None:
        return portal
    folded = fold_text(text)
    # split into labelled items: "Phí: ... Lệ phí: ..."
    marks = list(_LABEL.finditer(folded))
    items: list[tuple[str, str]] = []
    if not marks or (marks[0].start() > 0 and folded[: marks[0].start()].strip()):
        end = marks[0].start() if marks else len(folded)
        items.append(("phi-le-phi", folded[:end]))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(folded)
        items.append((_RULE_IDS[m.group(1).lower()], folded[m.end() : end]))
    bodies: list[tuple[str, str]] = []
    for rid, body in items:
        # the portal's unit column appends "Đồng" to every amount cell
        stripped = body.strip(" .;,:-")
        # ... but "đồng/hợp đồng" ends in a unit ("hợp đồng"), not in the unit column
        stripped = _drop_unit_column(stripped)
        body = stripped + " dong" if stripped[-1:].isdigit() else stripped
        if body:
            bodies.append((rid, body))
    if not bodies:
        return FeeReading(text=text, status="text", reason="no amount is stated")
    distinct = list(dict.fromkeys(bodies))
    if all(_NO_FEE.match(b) for _, b in distinct):
        return FeeReading(text=text, status="no_fee")
    if len(distinct) > 1:
        return FeeReading(
            text=text,
            status="text",
            reason="several amounts are stated without the case each applies to",
        )
    rid, body = distinct[0]
    if not re.search(r"\d", body):
        return FeeReading(text=text, status="text", reason="no amount in đồng is stated")
    description = f"{_LABEL_TEXT[rid]} {subject}".strip()
    try:
        exempt = _EXEMPT.search(body)
        head = body[: exempt.start()] if exempt else body
        rules: list[FeeRule] = [
            _charge(_clauses(head), rule_id=rid, description=description, basis=basis)
        ]
        if exempt:
            cats = _categories(body[exempt.end() :])
            rules.append(
                Exemption(
                    id=f"mien-{rid}",
                    description=f"Miễn {_LABEL_TEXT[rid].lower()}",
                    categories=cats,
                    legal_basis=basis,
                    unconfirmed=True,
                )
            )
    except _Unread as exc:
        return FeeReading(text=text, status="text", reason=str(exc))
    except (FeeRuleDataError, ValueError, ArithmeticError) as exc:  # a rule the fee model refuses
        return FeeReading(text=text, status="text", reason=f"the fee model refuses it: {exc}")
    return FeeReading(text=text, status="structured", rules=tuple(rules))


def parse_fee_text(
    cell: str, *, legal_basis: str = DEFAULT_LEGAL_BASIS, subject: str = ""
) -> FeeReading:
    """Read one fee cell; never raises for a str (a cell that is not a str is
    :class:`hcc.errors.InvalidInputError`).

    Rules are marked ``unconfirmed`` (the amounts come from a scrape, not from the official
    text) and carry ``legal_basis``; their description is the label ("Phí", "Lệ phí") followed by
    ``subject`` (usually the procedure's name). Rule ids: ``phi``, ``le-phi`` or ``phi-le-phi``
    after the label, ``mien-<id>`` for an exemption.

    >>> r = parse_fee_text("Lệ phí: 50.000 đồng/lần ĐồngXem chi tiết")
    >>> r.rules[0].unit, r.rules[0].amount, r.rules[0].id
    ('case', Decimal('50000'), 'le-phi')
    >>> parse_fee_text("Phí: 150.000 Đồng Phí: 500.000 Đồng").reason
    'several amounts are stated without the case each applies to'
    """
    if not isinstance(cell, str):
        raise InvalidInputError("cell", cell, "a str (a table cell)")
    return _parse(_cleaned(cell), legal_basis, subject)


@lru_cache(maxsize=8192)
def _cleaned(cell: str) -> str:
    text = clean(cell)
    return _LINK.sub(" ", text).strip() if "chi ti" in text.lower() else text
