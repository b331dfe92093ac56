"""Keep place names on one line in the HTML output ("XÃ NGHI PHONG", never "XÃ NGHI / PHONG").

Place names are read from the document's context, where they are written in sentence case: an
administrative-unit word ("xã", "phường", "thị trấn", "huyện", "tỉnh", "thành phố", "xóm"...)
followed by capitalised words or numbers ("xã Nghi Phong", "Xóm 3", "thị trấn Quán Hành",
"quận 1"). The office's ``place`` (the date line's place) is one too. In the rendered HTML every
occurrence of such a name — in any case, so the upper-case headings are found as well — is
wrapped in ``<span class="nw">`` (``white-space: nowrap``): a line may break before the unit word
or after the name, never inside. Text whose element already has the class ``nw`` (the date line)
and the contents of ``<style>`` and ``<title>`` are left alone.

>>> names = place_names(["Xóm 3, xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An"])
>>> sorted(names)
['Nghi Lộc', 'Nghi Phong', 'Nghệ An', 'Xóm 3', 'huyện Nghi Lộc', 'tỉnh Nghệ An', 'xã Nghi Phong']
>>> keep_places("<div class='c b'>ỦY BAN NHÂN DÂN XÃ NGHI PHONG</div>", names)
'<div class=\\'c b\\'>ỦY BAN NHÂN DÂN <span class="nw">XÃ NGHI PHONG</span></div>'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

__all__ = ["context_strings", "keep_places", "place_names"]

# Administrative units and settlements (Law on Local Government; villages and residential groups).
_UNITS = (
    "tổ dân phố",
    "thành phố",
    "thị trấn",
    "thị xã",
    "đặc khu",
    "phường",
    "huyện",
    "quận",
    "tỉnh",
    "xã",
    "thôn",
    "xóm",
    "ấp",
    "bản",
    "khối",
    "khu phố",
    "làng",
)
_UNIT_WORDS = tuple(tuple(u.split()) for u in sorted(_UNITS, key=lambda u: -len(u.split())))
_DASHES = {"-", "–", "—"}
_TRAIL = ",.;:!?)]}\"'”’"


def _is_name_token(token: str) -> bool:
    head = token.lstrip("(\"'“‘")
    return bool(head) and (head[0].isupper() or head[0].isdigit())


def place_names(texts: Iterable[str]) -> set[str]:
    """Place names ("xã Nghi Phong" and "Nghi Phong") found in sentence-case texts.

    >>> sorted(place_names(["Ủy ban nhân dân thị trấn Quán Hành trân trọng", "quận 1"]))
    ['Quán Hành', 'quận 1', 'thị trấn Quán Hành']
    >>> sorted(place_names(["tỉnh Bà Rịa - Vũng Tàu"]))
    ['Bà Rịa - Vũng Tàu', 'tỉnh Bà Rịa - Vũng Tàu']
    """
    found: set[str] = set()
    for text in texts:
        tokens = text.split()
        lowered = [t.lower() for t in tokens]
        i = 0
        while i < len(tokens):
            for unit in _UNIT_WORDS:
                n = len(unit)
                if tuple(lowered[i : i + n]) != unit:
                    continue
                # the unit word itself must not end a clause ("... xã, Nghi ...")
                if any(t[-1] in _TRAIL for t in tokens[i : i + n]):
                    continue
                name: list[str] = []
                j = i + n
                while j < len(tokens):
                    if (
                        name
                        and tokens[j] in _DASHES
                        and j + 1 < len(tokens)
                        and _is_name_token(tokens[j + 1])
                    ):
                        name.append(tokens[j])  # "Bà Rịa - Vũng Tàu"
                        j += 1
                        continue
                    if not _is_name_token(tokens[j]):
                        break
                    if name and any(tuple(lowered[j : j + len(u)]) == u for u in _UNIT_WORDS):
                        break  # "xã Nghi Phong Xóm 3": the next unit starts a new name
                    token = tokens[j].rstrip(_TRAIL)
                    if token:
                        name.append(token)
                    if token != tokens[j]:
                        break
                    j += 1
                if name:
                    bare = " ".join(name)
                    found.add(bare)
                    found.add(" ".join([*tokens[i : i + n], bare]))
                    i = j - 1
                break
            i += 1
    return {n for n in found if " " in n}


def context_strings(value: Any) -> Iterator[str]:
    """Every string inside a context model (or a mapping / sequence of them)."""
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from context_strings(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from context_strings(item)


_PIECES = re.compile(r"(<[^>]*>)")
_SKIP_AFTER = re.compile(r"""<(style|title)\b|<[^>]*\bclass\s*=\s*["'][^"']*\bnw\b""", re.I)
_WORD = re.compile(r"\w+(?:['’]\w+)*|[-–—]")
_END = ""  # marks the end of a name in the trie (never a word)


def _trie(names: Iterable[str]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for name in names:
        words = [w.casefold() for w in _WORD.findall(name)]
        if len(words) < 2:
            continue  # a one-word name cannot be split
        node = root
        for word in words:
            node = node.setdefault(word, {})
        node[_END] = True
    return root


def _wrap(piece: str, trie: dict[str, Any]) -> str:
    tokens = [(m.start(), m.end(), m.group(0).casefold()) for m in _WORD.finditer(piece)]
    out: list[str] = []
    done = 0
    i = 0
    while i < len(tokens):
        node = trie.get(tokens[i][2])
        last = -1
        j = i
        while node is not None:
            if _END in node:
                last = j
            j += 1
            if j >= len(tokens) or not piece[tokens[j - 1][1] : tokens[j][0]].isspace():
                break
            node = node.get(tokens[j][2])
        if last > i:  # the longest name starting here, at least two words
            start, end = tokens[i][0], tokens[last][1]
            out.append(piece[done:start])
            out.append(f'<span class="nw">{piece[start:end]}</span>')
            done = end
            i = last + 1
        else:
            i += 1
    out.append(piece[done:])
    return "".join(out)


def keep_places(html: str, names: Iterable[str]) -> str:
    """Wrap every occurrence of ``names`` (any case) in the text of ``html`` in a no-wrap span.

    Longer names win ("huyện Nghi Lộc" over "Nghi Lộc"); a name must stand as whole words. Time is
    linear in the HTML (a trie of the names' words, walked from each word).

    >>> keep_places("<p>Nghi Phong, ngày 05</p>", {"Nghi Phong"})
    '<p><span class="nw">Nghi Phong</span>, ngày 05</p>'
    """
    trie = _trie(names)
    if not trie:
        return html
    out: list[str] = []
    previous_tag = ""
    for piece in _PIECES.split(html):
        if piece.startswith("<"):
            out.append(piece)
            previous_tag = piece
        elif piece and not _SKIP_AFTER.match(previous_tag):
            out.append(_wrap(piece, trie))
        else:
            out.append(piece)
    return "".join(out)
