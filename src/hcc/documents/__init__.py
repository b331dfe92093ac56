"""One-stop forms and letters: typed contexts, Jinja2 templates, text / HTML / PDF / DOCX output.

The forms of Circular 01/2018/TT-VPCP (receipt and appointment slip 01, request to supplement 02,
refusal 03, apology and new appointment 04, control slip 05, register 06), the same forms in the
versioned — and **unconfirmed** — set of Circular 03/2025/TT-VPCP, the district's letters
(marriage congratulation, death condolence, home delivery of a birth certificate, result sent by
post), the pre-filled birth declaration of the Tuesday "no-writing day", and the counter board of
a field's procedures.

>>> import datetime as dt
>>> from hcc.documents import date_line, render, sample_context
>>> date_line("Nghi Lộc", dt.date(2020, 6, 3))
'Nghi Lộc, ngày 03 tháng 6 năm 2020'
>>> html = render("receipt", sample_context("receipt"), format="html")
>>> "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in html
True
"""

from hcc.documents._format import appointment_phrase, date_in_words, date_line, date_phrase
from hcc.documents.formsets import (
    DEFAULT_FORM_SET,
    FormSet,
    FormSpec,
    form_set,
    form_set_in_force,
    form_sets,
)
from hcc.documents.models import (
    CONTEXT_MODELS,
    ApologyContext,
    Applicant,
    BirthDeclarationContext,
    BirthHomeDeliveryContext,
    ChildParticulars,
    ControlSlipContext,
    DeathCondolenceContext,
    Deceased,
    DocumentContext,
    DocumentItem,
    DossierInfo,
    FeeInfo,
    FeeLine,
    HandOver,
    ListingEntry,
    MarriageCongratulationContext,
    Office,
    ParentParticulars,
    PostalReturnContext,
    ProcedureInfo,
    ProcessingStopContext,
    PublicListingContext,
    ReceiptContext,
    RefusalContext,
    RegisterContext,
    RegisterRow,
    Requester,
    Signer,
    SupplementItem,
    SupplementRequestContext,
)
from hcc.documents.offices import IssuerKind, issuing_office
from hcc.documents.registry import register_document_kind, unregister_document_kind
from hcc.documents.rendering import Format, kinds, render, validate_context
from hcc.documents.samples import sample_context, sample_data
from hcc.errors import MissingExtraError

__all__ = [
    "CONTEXT_MODELS",
    "DEFAULT_FORM_SET",
    "ApologyContext",
    "Applicant",
    "BirthDeclarationContext",
    "BirthHomeDeliveryContext",
    "ChildParticulars",
    "ControlSlipContext",
    "DeathCondolenceContext",
    "Deceased",
    "DocumentContext",
    "DocumentItem",
    "DossierInfo",
    "FeeInfo",
    "FeeLine",
    "FormSet",
    "FormSpec",
    "Format",
    "HandOver",
    "IssuerKind",
    "ListingEntry",
    "MarriageCongratulationContext",
    "MissingExtraError",
    "Office",
    "ParentParticulars",
    "PostalReturnContext",
    "ProcedureInfo",
    "ProcessingStopContext",
    "PublicListingContext",
    "ReceiptContext",
    "RefusalContext",
    "RegisterContext",
    "RegisterRow",
    "Requester",
    "Signer",
    "SupplementItem",
    "SupplementRequestContext",
    "appointment_phrase",
    "date_in_words",
    "date_line",
    "date_phrase",
    "form_set",
    "form_set_in_force",
    "form_sets",
    "issuing_office",
    "kinds",
    "register_document_kind",
    "render",
    "sample_context",
    "sample_data",
    "unregister_document_kind",
    "validate_context",
]
