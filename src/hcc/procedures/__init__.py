"""Procedure records, the catalogue, its file formats and validation, and dossier codes.

>>> from hcc.procedures import Level
>>> Level("commune").label
'Cấp xã'
"""

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

__all__ = [
    "CODE_PATTERN",
    "Agencies",
    "Channel",
    "ChannelKind",
    "ChannelNotOfferedError",
    "DossierCase",
    "DossierDocument",
    "LegalDocument",
    "Level",
    "OnlineLevel",
    "Procedure",
    "ProcedureResult",
    "PublishingDecision",
    "Step",
    "is_procedure_code",
]
