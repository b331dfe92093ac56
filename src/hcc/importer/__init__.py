"""Import procedure records from the national portal's layout (issue 9).

[`import_portal_records`][import_portal_records] takes records as dicts keyed by scraper/export field names
(``ma_thu_tuc``, ``cach_thuc_thuc_hien``, ...) or by the portal's Vietnamese labels ("Mã thủ tục",
"Cách thức thực hiện", ...) and returns an [`ImportReport`][ImportReport]: a typed
[`hcc.procedures.Catalogue`][hcc.procedures.Catalogue], one [`RecordResult`][RecordResult] per record (imported, imported with
warnings, rejected, with reasons) and an [`ImportSummary`][ImportSummary]. Free text that cannot be
structured is kept verbatim. The cell readers are public too: [`read_time_limit`][read_time_limit],
[`parse_fee_text`][parse_fee_text], [`read_levels`][read_levels], [`read_counts`][read_counts], [`read_legal_line`][read_legal_line].

>>> from hcc.importer import import_portal_records
>>> import_portal_records([{"Mã thủ tục": "1.001193"}]).summary.rejected
1
"""

from hcc.importer.cells import (
    LegalLine,
    read_channel_kind,
    read_counts,
    read_legal_line,
    read_levels,
)
from hcc.importer.core import ImportInputError, import_portal_records
from hcc.importer.fee_text import FeeReading, parse_fee_text
from hcc.importer.limits import TimeLimitReading, read_time_limit
from hcc.importer.records import CHANNEL_ALIASES, DOCUMENT_ALIASES, FIELD_ALIASES
from hcc.importer.report import (
    ISSUE_CODES,
    ISSUE_CODES_VI,
    ChannelRow,
    ImportIssue,
    ImportReport,
    ImportSummary,
    KeptText,
    RecordResult,
    RecordStatus,
)

__all__ = [
    "CHANNEL_ALIASES",
    "DOCUMENT_ALIASES",
    "FIELD_ALIASES",
    "ISSUE_CODES",
    "ISSUE_CODES_VI",
    "ChannelRow",
    "FeeReading",
    "ImportInputError",
    "ImportIssue",
    "ImportReport",
    "ImportSummary",
    "KeptText",
    "LegalLine",
    "RecordResult",
    "RecordStatus",
    "TimeLimitReading",
    "import_portal_records",
    "parse_fee_text",
    "read_channel_kind",
    "read_counts",
    "read_legal_line",
    "read_levels",
    "read_time_limit",
]
