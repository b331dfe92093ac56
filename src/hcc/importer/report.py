"""The import report: per-record results, issues with stable codes, verbatim kept text, a summary.

>>> from hcc.importer import import_portal_records
>>> report = import_portal_records([{"Tên thủ tục": "Đăng ký khai sinh"}])
>>> report.results[0].status.value, report.results[0].issue_codes()
('rejected', ('missing_code', 'missing_field', 'missing_level', 'missing_agency', 'missing_legal_basis', 'missing_channel', 'missing_time_limit'))
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict

from hcc._types import HccModel, HccStrEnum
from hcc.errors import InvalidInputError
from hcc.fees import FeeSchedule
from hcc.procedures import Catalogue, Procedure
from hcc.procedures.models import PhraseLimit

__all__ = [
    "ISSUE_CODES",
    "ISSUE_CODES_VI",
    "ChannelRow",
    "ImportIssue",
    "ImportReport",
    "ImportSummary",
    "KeptText",
    "RecordResult",
    "RecordStatus",
]


class RecordStatus(HccStrEnum):
    """What happened to one input record.

    >>> RecordStatus("imported_with_warnings") is RecordStatus.IMPORTED_WITH_WARNINGS
    True
    """

    IMPORTED = "imported"
    """In the catalogue; everything the record says was structured or has a home in the model."""
    IMPORTED_WITH_WARNINGS = "imported_with_warnings"
    """In the catalogue; some text could not be structured (kept verbatim, see the warnings)."""
    REJECTED = "rejected"
    """Not in the catalogue: the record lacks something a procedure needs (see the errors)."""


ISSUE_CODES: dict[str, str] = {
    # errors: the record is rejected
    "not_a_mapping": "the record is not an object/dict",
    "missing_code": "no procedure code (mã thủ tục)",
    "malformed_code": "the code does not match ^\\d\\.\\d{6}(\\.[A-Z0-9]+)?$",
    "duplicate_code": "an earlier record of this import has the same code",
    "missing_name": "no procedure name (tên thủ tục)",
    "missing_field": "no field (lĩnh vực)",
    "missing_level": "no recognised level (cấp thực hiện)",
    "missing_channel": "no recognised channel (cách thức thực hiện)",
    "invalid_record": "the assembled record fails the procedure model (pydantic error code in the message)",
    "catalogue_conflict": "the catalogue refused the record (cross-record check)",
    "importer_error": "an unexpected error inside the importer (a bug: please report it)",
    # warnings: the record is imported, something is kept as text or missing
    "missing_agency": "no implementing agency (cơ quan thực hiện): imported without one",
    "missing_legal_basis": "no legal document with a number (căn cứ pháp lý): imported without one",
    "missing_time_limit": "no time limit could be read from any channel: imported without one",
    "cells_run_together": "a bare time number glued to an amount ('Trực tuyến120 VNĐ'): the split "
    "is a guess, the fee is kept as text",
    "time_limit_unparsed": "a channel's time limit does not parse; the text is kept in time_limit_note",
    "time_limit_not_stated": "a channel states no time limit; it falls back to the statutory limit",
    "fee_as_text": "a channel's fee was left as text (Channel.fee_text); no fee schedule is attached",
    "level_unrecognised": "a level item is not one of Cấp bộ / tỉnh / huyện / xã / Cơ quan khác",
    "unknown_channel": "a channel row names no known channel (trực tiếp, trực tuyến, bưu chính)",
    "duplicate_channel": "a second row for the same channel; only the first is structured",
    "counts_not_stated": "a dossier document without original/copy counts (1 original assumed)",
    "document_unnamed": "a dossier row without a document name",
    "legal_basis_unsplit": "a legal-basis line without a document number",
    "malformed_related": "related procedures that are not procedure codes",
    "unexpected_shape": "a cell of an unexpected type or shape",
    "unknown_field": "a field this importer does not know",
    "conflicting_fields": "two keys of the record mean the same field with different values",
}
"""Every issue code an [`ImportIssue`][ImportIssue] may carry, with its meaning (a stable list)."""

ISSUE_CODES_VI: dict[str, str] = {
    "not_a_mapping": "bản ghi không phải là một đối tượng (object/dict)",
    "missing_code": "không có mã thủ tục",
    "malformed_code": "mã thủ tục không đúng dạng ^\\d\\.\\d{6}(\\.[A-Z0-9]+)?$",
    "duplicate_code": "một bản ghi trước đó trong lần nhập này có cùng mã",
    "missing_name": "không có tên thủ tục",
    "missing_field": "không có lĩnh vực",
    "missing_level": "không có cấp thực hiện nhận biết được",
    "missing_channel": "không có cách thức thực hiện nhận biết được",
    "invalid_record": "bản ghi ghép lại không đạt mô hình thủ tục (mã lỗi pydantic trong thông báo)",
    "catalogue_conflict": "danh mục từ chối bản ghi (kiểm tra chéo giữa các bản ghi)",
    "importer_error": "lỗi không lường trước trong bộ nhập (một lỗi của hcc: xin báo lại)",
    "missing_agency": "không có cơ quan thực hiện: nhập mà không có",
    "missing_legal_basis": "không có văn bản có số hiệu trong căn cứ pháp lý: nhập mà không có",
    "missing_time_limit": "không đọc được thời hạn giải quyết ở cách thức nào: nhập mà không có",
    "cells_run_together": "số thời hạn dính liền số tiền ('Trực tuyến120 VNĐ'): cách tách là phỏng đoán, "
    "phí được giữ nguyên văn bản",
    "time_limit_unparsed": "không đọc được thời hạn của một cách thức; văn bản giữ trong time_limit_note",
    "time_limit_not_stated": "một cách thức không nêu thời hạn; dùng thời hạn theo quy định",
    "fee_as_text": "phí của một cách thức được giữ nguyên văn bản (Channel.fee_text); không gắn biểu phí",
    "level_unrecognised": "một cấp thực hiện không thuộc Cấp bộ / tỉnh / huyện / xã / Cơ quan khác",
    "unknown_channel": "một dòng cách thức không nêu cách thức đã biết (trực tiếp, trực tuyến, bưu chính)",
    "duplicate_channel": "dòng thứ hai cho cùng một cách thức; chỉ dòng đầu được cấu trúc hóa",
    "counts_not_stated": "thành phần hồ sơ không nêu số bản chính/bản sao (coi là 1 bản chính)",
    "document_unnamed": "một dòng thành phần hồ sơ không có tên giấy tờ",
    "legal_basis_unsplit": "một dòng căn cứ pháp lý không có số hiệu văn bản",
    "malformed_related": "thủ tục liên quan không phải là mã thủ tục",
    "unexpected_shape": "một ô có kiểu hoặc dạng không như mong đợi",
    "unknown_field": "một trường bộ nhập không biết",
    "conflicting_fields": "hai khóa của bản ghi cùng chỉ một trường nhưng có giá trị khác nhau",
}
"""[`ISSUE_CODES`][ISSUE_CODES] in Vietnamese (what ``python -m hcc import`` prints by default)."""


class ImportIssue(HccModel):
    """Something about one record: an ``"error"`` (the record is rejected) or a ``"warning"``.

    ``code`` is one of [`ISSUE_CODES`][ISSUE_CODES]; ``field`` the input field it concerns (with a path,
    ``cach_thuc_thuc_hien[1].thoi_han_giai_quyet``); ``text`` the input text verbatim, if any.

    >>> ImportIssue(severity="warning", code="fee_as_text", field="x", message="m").code
    'fee_as_text'
    """

    severity: Literal["error", "warning"]
    code: str
    field: str
    message: str
    text: str | None = None


class ChannelRow(HccModel):
    """One channel row as the record lists it (a channel may have several rows, one per case).

    ``kind`` is the channel (``direct``, ``online``, ``postal``); ``time_text`` the time cell as
    published and ``time_limit`` the canonical phrase of the limit read from it (``None`` when
    none is stated or readable); ``fee_text`` the fee cell and ``fee_status`` how it was read
    (``structured``, ``no_fee``, ``text``, ``not_stated``). In JSON the limit is its canonical
    phrase.

    >>> row = ChannelRow(kind="online", time_text="5 Ngày làm việc", time_limit="5 ngày làm việc",
    ...                  fee_status="no_fee")
    >>> row.time_limit.amount, row.time_limit.unit.value
    (5, 'working_days')
    """

    kind: str
    time_text: str | None = None
    time_limit: PhraseLimit | None = None
    fee_text: str | None = None
    fee_status: Literal["structured", "no_fee", "text", "not_stated"] = "not_stated"
    description: str | None = None


class KeptText(HccModel):
    """Text of a record that has no place in the procedure model, kept verbatim.

    >>> KeptText(field="dia_chi_tiep_nhan", text="Bộ phận một cửa").field
    'dia_chi_tiep_nhan'
    """

    field: str
    text: str


class RecordResult(HccModel):
    """The outcome for one input record, at position ``index`` of the input list.

    ``procedure`` is the imported record (``None`` when rejected); ``draft`` is, for a rejected
    record, what could be assembled in the catalogue file shape (fix it and load it with
    [`hcc.procedures.load_catalogue`][hcc.procedures.load_catalogue]); ``fee_schedules`` are the schedules built from its fee
    text, which its channels reference. ``kept`` lists verbatim text with no home in the model.
    The counters feed [`ImportSummary`][ImportSummary].

    >>> RecordResult(index=0, status="rejected").accepted
    False
    """

    index: int
    status: RecordStatus
    code: str | None = None
    name: str | None = None
    source: str | None = None
    issues: tuple[ImportIssue, ...] = ()
    kept: tuple[KeptText, ...] = ()
    procedure: Procedure | None = None
    draft: dict[str, Any] | None = None
    fee_schedules: tuple[FeeSchedule, ...] = ()
    rows: tuple[ChannelRow, ...] = ()
    """Every channel row the record lists, in order (repeated channels included)."""
    channels: int = 0
    channels_with_time_limit: int = 0
    fees_structured: int = 0
    fees_as_text: int = 0
    fees_not_stated: int = 0

    @property
    def accepted(self) -> bool:
        """Whether the record is in the catalogue (imported, with or without warnings)."""
        return self.status is not RecordStatus.REJECTED

    @property
    def errors(self) -> tuple[ImportIssue, ...]:
        """The issues that rejected the record."""
        return tuple(i for i in self.issues if i.severity == "error")

    @property
    def warnings(self) -> tuple[ImportIssue, ...]:
        """The issues of an imported record."""
        return tuple(i for i in self.issues if i.severity == "warning")

    def issue_codes(self) -> tuple[str, ...]:
        """The codes of the issues, in order.

        >>> RecordResult(index=0, status="imported").issue_codes()
        ()
        """
        return tuple(i.code for i in self.issues)


class ImportSummary(HccModel):
    """The figures of an import.

    ``imported``, ``imported_with_warnings`` and ``rejected`` are disjoint and add up to
    ``records_read``. The channel and fee figures count **every record read**, rejected ones
    included (a rejected record's channels were read too): ``channels`` rows with a known channel
    (every row: a channel listed in several rows, one per case, counts each), ``channels_with_time_limit``
    those whose time limit parsed, ``fees_structured`` channel fees turned into fee rules or read as
    "no fee", ``fees_as_text`` fees kept as text, ``fees_not_stated`` empty fee cells.

    >>> ImportSummary(records_read=0, imported=0, imported_with_warnings=0, rejected=0).lines()[0]
    'records read: 0'
    """

    records_read: int
    imported: int
    imported_with_warnings: int
    rejected: int
    channels: int = 0
    channels_with_time_limit: int = 0
    fees_structured: int = 0
    fees_as_text: int = 0
    fees_not_stated: int = 0
    fee_schedules: int = 0

    def lines(self, lang: Literal["en", "vi"] = "en") -> list[str]:
        """The summary as readable lines (what ``python -m hcc import`` prints), in ``lang``.

        >>> print("\\n".join(ImportSummary(records_read=3, imported=2, imported_with_warnings=0,
        ...     rejected=1).lines(lang="vi")[:4]))
        số bản ghi đã đọc: 3
        đã nhập: 2
        đã nhập, có cảnh báo: 0
        bị từ chối: 1

        Raises:
            hcc.errors.InvalidInputError: ``lang`` is neither ``"en"`` nor ``"vi"``.
        """
        if lang == "vi":
            return [
                f"số bản ghi đã đọc: {self.records_read}",
                f"đã nhập: {self.imported}",
                f"đã nhập, có cảnh báo: {self.imported_with_warnings}",
                f"bị từ chối: {self.rejected}",
                f"cách thức thực hiện: {self.channels}, đọc được thời hạn: "
                f"{self.channels_with_time_limit}",
                f"phí, lệ phí có cấu trúc: {self.fees_structured}, giữ nguyên văn bản: "
                f"{self.fees_as_text}, không nêu: {self.fees_not_stated} "
                f"(biểu phí đã tạo: {self.fee_schedules})",
            ]
        if lang != "en":
            raise InvalidInputError("lang", lang, "'en' or 'vi'")
        return [
            f"records read: {self.records_read}",
            f"imported: {self.imported}",
            f"imported with warnings: {self.imported_with_warnings}",
            f"rejected: {self.rejected}",
            f"channels: {self.channels}, with a parsed time limit: {self.channels_with_time_limit}",
            f"fees structured: {self.fees_structured}, kept as text: {self.fees_as_text}, "
            f"not stated: {self.fees_not_stated} (fee schedules created: {self.fee_schedules})",
        ]


class ImportReport(HccModel):
    """What [`hcc.importer.import_portal_records`][hcc.importer.import_portal_records] returns: the catalogue, one result per input
    record (same order, same length) and the summary.

    >>> from hcc.importer import import_portal_records
    >>> r = import_portal_records([])
    >>> len(r.catalogue), r.summary.records_read
    (0, 0)
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    catalogue: Catalogue
    results: tuple[RecordResult, ...]
    summary: ImportSummary

    def by_status(self, status: RecordStatus | str) -> tuple[RecordResult, ...]:
        """The results with ``status``.

        >>> from hcc.importer import import_portal_records
        >>> import_portal_records([None]).by_status("rejected")[0].issue_codes()
        ('not_a_mapping',)
        """
        st = RecordStatus(status)
        return tuple(r for r in self.results if r.status is st)

    def issue_counts(self) -> dict[str, int]:
        """How many records carry each issue code (a record counts once per code), by code.

        >>> from hcc.importer import import_portal_records
        >>> import_portal_records([1, "x"]).issue_counts()
        {'not_a_mapping': 2}
        """
        counts: dict[str, int] = {}
        for r in self.results:
            for code in dict.fromkeys(r.issue_codes()):
                counts[code] = counts.get(code, 0) + 1
        return dict(sorted(counts.items()))

    def to_dict(self, *, procedures: bool = False, drafts: bool = False) -> dict[str, Any]:
        """JSON-compatible summary and per-record results (with the procedures, and the drafts of
        rejected records, if asked).

        >>> from hcc.importer import import_portal_records
        >>> sorted(import_portal_records([]).to_dict())
        ['issue_counts', 'results', 'summary']
        >>> import_portal_records([{"ma_thu_tuc": "1.001193"}]).to_dict(drafts=True)["results"][0]["draft"]
        {'code': '1.001193', 'levels': [], 'agencies': {}, 'legal_basis': [], 'channels': []}
        """
        exclude: set[str] = {"fee_schedules"}
        if not procedures:
            exclude.add("procedure")
        if not drafts:
            exclude.add("draft")
        return {
            "summary": self.summary.model_dump(mode="json"),
            "issue_counts": self.issue_counts(),
            "results": [
                r.model_dump(mode="json", exclude=exclude, exclude_none=True) for r in self.results
            ],
        }
