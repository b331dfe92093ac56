"""Templates in a sandbox (issue 13, point 3): a district template lays out values, it runs nothing."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from hcc.documents import render
from hcc.errors import HccError, TemplateError, TemplateSecurityError, UnknownDocumentError

CONTEXT = {
    "office": {"name": "Ủy ban nhân dân xã Nghi Phong", "place": "Nghi Phong"},
    "addressee": {"name": "Lê Văn Dũng", "title": "Ông"},
    "deceased": {"name": "Lê Văn Cường", "title": "Cụ ông", "died_on": "2026-01-03", "age": 86},
    "signer": {"name": "Hoàng Thị Em", "position": "Chủ tịch"},
    "issued_on": dt.date(2026, 1, 5),
}
KIND = "death_condolence"


def _district(tmp_path: Path, body: str, ext: str = "txt") -> Path:
    folder = tmp_path / "district"
    folder.mkdir(exist_ok=True)
    (folder / f"{KIND}.{ext}.j2").write_text(body, encoding="utf-8")
    return folder


def _marker_payloads(marker: Path) -> list[str]:
    cmd = f"touch {marker}"
    return [
        # the issue's payload, verbatim apart from the command
        "{{ lipsum.__globals__['os'].popen('" + cmd + "').read() }}",
        "{{ cycler.__init__.__globals__.os.popen('" + cmd + "').read() }}",
        "{{ joiner.__init__.__globals__['os'].system('" + cmd + "') }}",
        "{{ namespace.__init__.__globals__['os'].system('" + cmd + "') }}",
        "{{ date_line.__globals__['os'].system('" + cmd + "') }}",
        "{{ vnd.__globals__['__builtins__']['__import__']('os').system('" + cmd + "') }}",
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}{% if c.__name__ == 'Popen' %}"
        "{{ c(['touch', '" + str(marker) + "']) }}{% endif %}{% endfor %}",
        "{{ ctx.__class__.__init__.__globals__['os'].system('" + cmd + "') }}",
        "{{ self.__init__.__globals__.__builtins__.__import__('os').system('" + cmd + "') }}",
        "{{ ctx.model_config.__class__.__base__.__subclasses__() }}",
        "{{ '{0.__class__.__init__.__globals__}'.format(ctx) }}",
        "{{ ctx.__dict__ }}",
        "{{ form.__class__.__subclasses__() }}",
    ]


@pytest.mark.parametrize("index", range(13))
def test_template_code_injection_is_refused_and_runs_nothing(tmp_path: Path, index: int) -> None:
    marker = tmp_path / "pwned"
    payload = _marker_payloads(marker)[index]
    folder = _district(tmp_path, "Kính gửi {{ ctx.addressee.name }}\n" + payload + "\n")
    with pytest.raises(TemplateSecurityError) as info:
        render(KIND, CONTEXT, template_dir=folder)
    assert isinstance(info.value, HccError)
    assert isinstance(info.value, ValueError)
    assert f"{KIND}.txt.j2" in info.value.template
    assert info.value.reason
    assert not marker.exists()


def test_the_issue_payload_in_an_html_template(tmp_path: Path) -> None:
    folder = _district(
        tmp_path, "<p>{{ lipsum.__globals__['os'].popen('id').read() }}</p>\n", ext="html"
    )
    with pytest.raises(TemplateSecurityError, match="__globals__"):
        render(KIND, CONTEXT, format="html", template_dir=folder)


@pytest.mark.parametrize(
    "body",
    [
        "{% set xs = [1] %}{{ xs.append(2) }}",
        "{% set d = {'a': 1} %}{{ d.update({'b': 2}) }}",
        "{{ ctx.addressee.__setattr__('name', 'X') }}",
        "{{ 'a' * 10 ** 9 }}",
        "{{ ['a'] * 2000000 }}",
        "{{ 10 ** 100000 }}",
        "{{ range(10 ** 7) | list | length }}",
        "{{ lipsum(100000) | length }}",
        "{{ lipsum(1, max=10 ** 7) | length }}",
    ],
)
def test_mutation_and_resource_bombs_are_refused(tmp_path: Path, body: str) -> None:
    folder = _district(tmp_path, body)
    with pytest.raises(TemplateSecurityError):
        render(KIND, CONTEXT, template_dir=folder)


def test_ordinary_district_template_still_renders(tmp_path: Path) -> None:
    folder = _district(
        tmp_path,
        "{{ ctx.office.name | upper }} — {{ ctx.addressee.title }} {{ ctx.addressee.name }}\n"
        "{% for w in ['một', 'hai'] %}{{ loop.index }}:{{ w }} {% endfor %}\n"
        "{{ 'x' * 3 }} {{ 2 ** 10 }} {{ date_line(ctx.office.place, ctx.issued_on) }}\n",
    )
    text = render(KIND, CONTEXT, template_dir=folder)
    assert text.splitlines() == [
        "ỦY BAN NHÂN DÂN XÃ NGHI PHONG — Ông Lê Văn Dũng",
        # trim_blocks: the newline after {% endfor %} is dropped
        "1:một 2:hai xxx 1024 Nghi Phong, ngày 05 tháng 01 năm 2026",
    ]


def test_district_html_is_autoescaped(tmp_path: Path) -> None:
    folder = _district(tmp_path, "<p>{{ ctx.addressee.name }}</p>\n", ext="html")
    ctx = dict(CONTEXT, addressee={"name": "<script>alert(1)</script>", "title": "Ông"})
    html = render(KIND, ctx, format="html", template_dir=folder)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_district_template_may_extend_the_package_layout(tmp_path: Path) -> None:
    folder = _district(
        tmp_path,
        '{% extends "death_condolence.html.j2" if false else "_base.html.j2" %}\n',
        ext="html",
    )
    # _base.html.j2 lays out a page: the district's file reaches the package's through the loader
    html = render(KIND, CONTEXT, format="html", template_dir=folder)
    assert html.lstrip().lower().startswith("<!doctype html>")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links are needed")
def test_symlink_leaving_the_folder_is_refused_before_it_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-PASSWORD", encoding="utf-8")
    folder = tmp_path / "district"
    folder.mkdir()
    (folder / f"{KIND}.txt.j2").symlink_to(secret)
    with pytest.raises(TemplateSecurityError, match="outside the template folder") as info:
        render(KIND, CONTEXT, template_dir=folder)
    assert "SECRET-PASSWORD" not in str(info.value)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links are needed")
def test_symlinked_include_leaving_the_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0", encoding="utf-8")
    folder = _district(tmp_path, '{% include "part.txt" %}\n')
    (folder / "part.txt").symlink_to(secret)
    with pytest.raises(TemplateSecurityError, match="outside"):
        render(KIND, CONTEXT, template_dir=folder)


def test_dotdot_include_finds_nothing(tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_text("root:x:0:0", encoding="utf-8")
    folder = _district(tmp_path, '{% include "../outside.txt" %}\n')
    with pytest.raises(UnknownDocumentError, match=r"\.\./outside\.txt"):
        render(KIND, CONTEXT, template_dir=folder)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX only")
def test_a_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    folder = tmp_path / "district"
    folder.mkdir()
    os.mkfifo(folder / f"{KIND}.txt.j2")  # opening it would block forever
    with pytest.raises(TemplateSecurityError, match="not a regular file"):
        render(KIND, CONTEXT, template_dir=folder)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links are needed")
def test_symlinks_inside_the_folder_and_a_symlinked_folder_are_fine(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "shared").mkdir(parents=True)
    (real / "shared" / "body.txt").write_text("{{ ctx.addressee.name }}\n", encoding="utf-8")
    (real / f"{KIND}.txt.j2").symlink_to(real / "shared" / "body.txt")
    link = tmp_path / "district-link"
    link.symlink_to(real, target_is_directory=True)
    assert render(KIND, CONTEXT, template_dir=link) == "Lê Văn Dũng\n"


def test_a_template_in_another_encoding_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "district"
    folder.mkdir()
    (folder / f"{KIND}.txt.j2").write_bytes("Kính gửi".encode("cp1258", errors="replace"))
    with pytest.raises(TemplateError, match="not UTF-8"):
        render(KIND, CONTEXT, template_dir=folder)


@pytest.mark.parametrize(
    ("body", "match"),
    [
        ("{{ ctx.addressee.name }\n", r"line 1: unexpected '}'"),
        ("{% for x in %}{% endfor %}", "line 1"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{{ 'a' + 1 }}", "TypeError"),
        ("{{ '{:d}'.format(ctx.addressee.name) }}", "ValueError"),
    ],
)
def test_broken_district_templates_are_template_errors(
    tmp_path: Path, body: str, match: str
) -> None:
    folder = _district(tmp_path, body)
    with pytest.raises(TemplateError, match=match) as info:
        render(KIND, CONTEXT, template_dir=folder)
    assert not isinstance(info.value, TemplateSecurityError)
    assert info.value.template.endswith(f"{KIND}.txt.j2")


def test_a_syntax_error_in_an_included_template_names_it(tmp_path: Path) -> None:
    folder = _district(tmp_path, '{% include "part.txt" %}\n')
    (folder / "part.txt").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(TemplateError, match="line 1") as info:
        render(KIND, CONTEXT, template_dir=folder)
    assert info.value.template.endswith("part.txt")
