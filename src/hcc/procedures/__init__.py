"""Procedure records, the catalogue, its file formats and validation, and dossier codes.

>>> from hcc.procedures import default_catalogue
>>> cat = default_catalogue()
>>> cat.get("1.001193").name, cat.search("chung thuc chu ky")[0].code
('Đăng ký khai sinh', '2.000884')
"""

from hcc._text import fold
from hcc.errors import TimeLimitNotStatedError
from hcc.procedures.bulk import bulk_load
from hcc.procedures.catalogue import (
    Catalogue,
    CatalogueData,
    CatalogueDiff,
    FieldChange,
    ProcedureChange,
    diff_catalogues,
)
from hcc.procedures.counter_stores import (
    CounterStore,
    MemoryCounterStore,
    PostgresCounterStore,
    SQLiteCounterStore,
)
from hcc.procedures.dossier_codes import (
    MAX_SERIAL,
    UNIT_PATTERN,
    DossierCode,
    DossierCodeAllocator,
)
from hcc.procedures.models import (
    CODE_PATTERN,
    Agencies,
    Channel,
    ChannelKind,
    ChannelNotOfferedError,
    DossierCase,
    DossierDocument,
    LegalDocument,
    Level,
    OnlineLevel,
    Procedure,
    ProcedureResult,
    PublishingDecision,
    Step,
    is_procedure_code,
)
from hcc.procedures.validation import (
    CatalogueProblem,
    CatalogueReport,
    default_catalogue,
    load_catalogue,
    read_catalogue_document,
    validate_catalogue,
)

__all__ = [
    "CODE_PATTERN",
    "MAX_SERIAL",
    "UNIT_PATTERN",
    "Agencies",
    "Catalogue",
    "CatalogueData",
    "CatalogueDiff",
    "CatalogueProblem",
    "CatalogueReport",
    "Channel",
    "ChannelKind",
    "ChannelNotOfferedError",
    "CounterStore",
    "DossierCase",
    "DossierCode",
    "DossierCodeAllocator",
    "DossierDocument",
    "FieldChange",
    "LegalDocument",
    "Level",
    "MemoryCounterStore",
    "OnlineLevel",
    "PostgresCounterStore",
    "Procedure",
    "ProcedureChange",
    "ProcedureResult",
    "PublishingDecision",
    "SQLiteCounterStore",
    "Step",
    "TimeLimitNotStatedError",
    "bulk_load",
    "default_catalogue",
    "diff_catalogues",
    "fold",
    "is_procedure_code",
    "load_catalogue",
    "read_catalogue_document",
    "validate_catalogue",
]
