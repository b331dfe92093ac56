"""register_document_kind: a district's own document kind, rendered like a built-in one."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hcc.calendar import InvalidInputError, WorkingCalendar
from hcc.deadlines import DeadlinePolicy
from hcc.documents import (
    CONTEXT_MODELS,
    DocumentContext,
    Office,
    Signer,
    form_set,
    form_sets,
    register_document_kind,
    render,
    unregister_document_kind,
    validate_context,
)
from hcc.errors import DocumentContextError, DocumentRuleError, UnknownDocumentError


class ThanksContext(DocumentContext):
    """A letter of thanks to a donor (a district's own letter)."""

    kind = "thanks_letter"
    office: Office
    donor: str
    gift: str
    signer: Signer
    issued_on: dt.date

    def check_rules(
        self, *, policy: DeadlinePolicy | None = None, calendar: WorkingCalendar | None = None
    ) -> None:
        if self.issued_on.year < 2020:
            raise DocumentRuleError(
                self.kind, "issued_on", self.issued_on.isoformat(), "2020 or later", "too old"
            )


TEXT = """{% import "_macros.txt.j2" as m with context %}
{{ m.heading(ctx.office.agency_heading, none, date_line(ctx.office.place, ctx.issued_on)) }}

{{ m.title() }}

{{ ("Kính gửi: " ~ ctx.donor)|ctr }}

{% filter para(indent="    ") %}
{{ ctx.office.name }} trân trọng cảm ơn {{ ctx.donor }} đã ủng hộ {{ ctx.gift }}.
{% endfilter +%}

{{ m.letter_end(ctx.signer) }}
"""
HTML = """<h1>{{ form.title }}</h1>
<p>{{ ctx.office.name }} trân trọng cảm ơn {{ ctx.donor }} đã ủng hộ {{ ctx.gift }}.</p>
<p>{{ date_line(ctx.office.place, ctx.issued_on) }}</p>
"""
CONTEXT = {
    "office": {"name": "Ủy ban nhân dân xã Nghi Phong", "place": "Nghi Phong"},
    "donor": "Ông Lê Văn Dũng",
    "gift": "02 bộ bàn ghế <gỗ> & sách vở",
    "signer": {"name": "Hoàng Thị Em", "position": "Chủ tịch"},
    "issued_on": dt.date(2026, 3, 2),
}


@pytest.fixture
def thanks(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "thanks_letter.txt.j2").write_text(TEXT, encoding="utf-8")
    (folder / "thanks_letter.html.j2").write_text(HTML, encoding="utf-8")
    spec = register_document_kind(
        "thanks_letter",
        ThanksContext,
        templates=folder,
        title="THƯ CẢM ƠN",
        basis="Quyết định số 12/QĐ-UBND của UBND xã Nghi Phong (local)",
        paper="A5",
    )
    assert spec.kind == "thanks_letter"
    try:
        yield folder
    finally:
        unregister_document_kind("thanks_letter")
    assert "thanks_letter" not in CONTEXT_MODELS


def test_text_uses_the_package_macros_and_helpers(thanks: Path) -> None:
    text = render("thanks_letter", CONTEXT)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "THƯ CẢM ƠN" in text
    assert "Nghi Phong, ngày 02 tháng 3 năm 2026" in text
    words = " ".join(text.split())  # the paragraph is wrapped to 78 columns
    assert "trân trọng cảm ơn Ông Lê Văn Dũng đã ủng hộ 02 bộ bàn ghế <gỗ> & sách vở." in words
    assert "Hoàng Thị Em" in text


def test_html_is_escaped_and_places_kept_whole(thanks: Path) -> None:
    html = render("thanks_letter", CONTEXT, format="html")
    assert "<h1>THƯ CẢM ƠN</h1>" in html
    assert "02 bộ bàn ghế &lt;gỗ&gt; &amp; sách vở" in html
    assert "<gỗ>" not in html
    assert '<span class="nw">Nghi Phong</span>' in html


def test_docx_is_built_from_the_html(thanks: Path) -> None:
    pytest.importorskip("docx", reason="DOCX output needs the docx extra (python-docx)")
    data = render("thanks_letter", CONTEXT, format="docx")
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "THƯ CẢM ƠN" in body
    assert "Lê Văn Dũng" in body


def test_every_form_set_has_the_kind_and_its_page(thanks: Path) -> None:
    for fs in form_sets():
        spec = fs.spec("thanks_letter")
        assert (spec.title, spec.paper, spec.orientation, spec.form) == (
            "THƯ CẢM ƠN",
            "A5",
            "portrait",
            None,
        )
    assert "thanks_letter" not in form_set().kinds  # the official list stays official


def test_context_is_validated_and_rules_checked(thanks: Path) -> None:
    with pytest.raises(DocumentContextError) as info:
        render("thanks_letter", {**CONTEXT, "donor": None, "gifts": "x"})
    assert set(info.value.fields) >= {"donor", "gifts"}
    with pytest.raises(DocumentRuleError, match="issued_on"):
        render("thanks_letter", {**CONTEXT, "issued_on": dt.date(2019, 5, 1)})
    assert isinstance(validate_context("thanks_letter", CONTEXT), ThanksContext)


def test_a_district_template_dir_still_wins(thanks: Path, tmp_path: Path) -> None:
    own = tmp_path / "district"
    own.mkdir()
    (own / "thanks_letter.html.j2").write_text("<p>{{ ctx.donor }}</p>", encoding="utf-8")
    assert render("thanks_letter", CONTEXT, format="html", template_dir=own) == (
        "<p>Ông Lê Văn Dũng</p>"
    )


def test_templates_given_as_text() -> None:
    register_document_kind(
        "short_note",
        ThanksContext,
        templates={"text": "{{ form.title }}: {{ ctx.donor }}\n"},
        title="GHI CHÚ",
        basis="local",
    )
    try:
        assert render("short_note", CONTEXT) == "GHI CHÚ: Ông Lê Văn Dũng\n"
        with pytest.raises(UnknownDocumentError, match="no template for 'short_note' \\(html\\)"):
            render("short_note", CONTEXT, format="html")
    finally:
        unregister_document_kind("short_note")
    with pytest.raises(UnknownDocumentError, match="no document kind 'short_note'"):
        render("short_note", CONTEXT)


@pytest.mark.parametrize(
    ("kind", "model", "templates", "field"),
    [
        ("receipt", ThanksContext, {"text": "x"}, "kind"),  # a built-in kind
        ("Thanks Letter", ThanksContext, {"text": "x"}, "kind"),
        ("", ThanksContext, {"text": "x"}, "kind"),
        ("note", dict, {"text": "x"}, "context_model"),
        ("note", Office, {"text": "x"}, "context_model"),  # a model, but not a context
        ("note", ThanksContext, {"pdf": "x"}, "templates"),
        ("note", ThanksContext, {}, "templates"),
        ("note", ThanksContext, "/nonexistent/folder", "templates"),
    ],
)
def test_bad_registrations_name_the_argument(
    kind: str, model: type, templates: object, field: str
) -> None:
    with pytest.raises(InvalidInputError) as info:
        register_document_kind(kind, model, templates=templates, title="T", basis="b")  # type: ignore[arg-type]
    assert info.value.field == field
    assert "note" not in CONTEXT_MODELS


def test_a_folder_without_the_kinds_templates_is_refused(tmp_path: Path) -> None:
    (tmp_path / "other.txt.j2").write_text("x", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"note\.txt\.j2 or note\.html\.j2"):
        register_document_kind("note", ThanksContext, templates=tmp_path, title="T", basis="b")


def test_registering_twice_and_unregistering_unknown(thanks: Path) -> None:
    with pytest.raises(InvalidInputError, match="registered already"):
        register_document_kind(
            "thanks_letter", ThanksContext, templates=thanks, title="T", basis="b"
        )
    with pytest.raises(InvalidInputError):
        unregister_document_kind("receipt")
    with pytest.raises(InvalidInputError):
        unregister_document_kind("never_registered")
