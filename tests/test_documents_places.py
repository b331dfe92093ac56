"""Place names kept on one line: which names are found, and how the HTML is wrapped.

Answers are written by hand from the naming of administrative units (Law on Local Government:
tỉnh, thành phố, huyện, quận, thị xã, xã, phường, thị trấn; villages and residential groups: thôn,
xóm, ấp, bản, khối, tổ dân phố, khu phố).
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from hcc.documents import render, sample_context
from hcc.documents._places import keep_places, place_names

SPAN = re.compile(r'<span class="nw">(.*?)</span>')


def test_names_with_their_unit_words() -> None:
    got = place_names(["Khu phố 3, phường Bến Nghé, quận 1, Thành phố Hồ Chí Minh"])
    assert got == {
        "Khu phố 3",
        "phường Bến Nghé",
        "Bến Nghé",
        "quận 1",
        "Thành phố Hồ Chí Minh",
        "Hồ Chí Minh",
    }


def test_a_name_ends_at_a_lower_case_word_or_punctuation() -> None:
    got = place_names(
        ["Ủy ban nhân dân xã Nghi Phong trân trọng kính mời. Thôn Đông. tỉnh Nghệ An."]
    )
    assert got == {"xã Nghi Phong", "Nghi Phong", "Thôn Đông", "tỉnh Nghệ An", "Nghệ An"}


def test_common_words_are_not_units_without_a_capitalised_name() -> None:
    assert place_names(["Bản chính 01, bản sao 02; tổ chức, khối lượng công việc"]) == set()


def test_headings_are_wrapped_in_any_case() -> None:
    html = (
        "<div>ỦY BAN NHÂN DÂN XÃ NGHI PHONG</div><p>Ủy ban nhân dân xã Nghi Phong; Nghi Phong.</p>"
    )
    out = keep_places(html, {"xã Nghi Phong", "Nghi Phong"})
    assert SPAN.findall(out) == ["XÃ NGHI PHONG", "xã Nghi Phong", "Nghi Phong"]


def test_style_title_and_nowrap_elements_are_left_alone() -> None:
    html = (
        "<title>Nghi Phong</title><style>/* Nghi Phong */</style>"
        '<div class="c i nw">Nghi Phong, ngày 05</div><p>Nghi Phong</p>'
    )
    out = keep_places(html, {"Nghi Phong"})
    assert out.count('<span class="nw">') == 1
    assert out.endswith('<p><span class="nw">Nghi Phong</span></p>')


def test_a_receipt_keeps_its_places_together() -> None:
    data = sample_context("receipt").model_dump()
    data["office"] = {
        **data["office"],
        "name": "Ủy ban nhân dân xã Nghi Phong",
        "unit": "Bộ phận Tiếp nhận và Trả kết quả",
        "place": "Nghi Phong",
    }
    data["applicant"]["address"] = "Xóm 3, xã Nghi Phong, tỉnh Nghệ An"
    html = render("receipt", data, format="html")
    wrapped = set(SPAN.findall(html))
    assert {"XÃ NGHI PHONG", "Xóm 3", "xã Nghi Phong", "tỉnh Nghệ An"} <= wrapped
    # the date line is one no-wrap span of its own, left whole
    assert re.search(r'<span class="nw">Nghi Phong, ngày \d\d tháng \d\d năm \d{4}</span>', html)


words = st.sampled_from(
    ["Nghi", "Phong", "Lộc", "xã", "huyện", "&amp;", "ngày", "05", "-", "Bà", "Rịa"]
)
texts = st.lists(words, max_size=30).map(" ".join)


@given(texts, st.lists(st.lists(words, min_size=1, max_size=4).map(" ".join), max_size=5))
def test_wrapping_only_adds_spans(text: str, names: list[str]) -> None:
    html = f"<p>{text}</p>"
    out = keep_places(html, names)
    assert out.replace('<span class="nw">', "").replace("</span>", "") == html
    # every wrapped run is one of the names (any case, whitespace as in the text)
    folded = {" ".join(n.split()).casefold() for n in names}
    assert all(" ".join(s.split()).casefold() in folded for s in SPAN.findall(out))


@given(
    st.lists(
        st.sampled_from(["Xóm 3,", "xã Nghi Phong", "huyện Nghi Lộc", "và", "tỉnh Nghệ An"]),
        max_size=20,
    )
)
def test_every_found_name_is_wrapped(parts: list[str]) -> None:
    text = " ".join(parts)
    names = place_names([text])
    out = keep_places(f"<p>{text}</p>", names)
    for unit_name in ("xã Nghi Phong", "huyện Nghi Lộc", "tỉnh Nghệ An"):
        assert out.count(f'<span class="nw">{unit_name}</span>') == text.count(unit_name)
