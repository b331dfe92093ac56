"""What the catalogue-load speed-ups must not change.

Records keep pydantic's own ``model_fields_set`` (no shared replacement): its content,
``model_copy(update=...)``, copies, pickling and equality are pydantic's. JSON files are handed to
pydantic as bytes when NFC leaves them unchanged.
"""

from __future__ import annotations

import copy
import pickle
import unicodedata
from pathlib import Path

from hcc.procedures import Procedure, default_catalogue, load_catalogue


def _record() -> Procedure:
    return default_catalogue().get("1.001193")


def test_fields_set_content_is_the_fields_given() -> None:
    given = {
        "code": "1.004222",
        "name": "Đăng ký thường trú",
        "field": "Đăng ký, quản lý cư trú",
        "levels": ["commune"],
        "agencies": {"implementing": ["Công an cấp xã"]},
        "channels": [{"kind": "direct"}],
        "statutory_time_limit": "07 ngày làm việc",
        "legal_basis": [{"number": "68/2020/QH14"}],
    }
    a = Procedure.model_validate(given)
    b = Procedure.model_validate(given)
    assert a.model_fields_set == set(given)
    assert a.agencies.model_fields_set == {"implementing"}
    assert a.model_fields_set == b.model_fields_set
    assert a.model_fields_set is not b.model_fields_set  # pydantic's own set per instance
    assert a.model_dump(mode="json", exclude_unset=True)["channels"] == [{"kind": "direct"}]


def test_copies_and_pickles_get_their_own_plain_set() -> None:
    p = _record()
    changed = p.model_copy(update={"name": "Đăng ký khai sinh (sửa)"})
    assert changed.name == "Đăng ký khai sinh (sửa)"
    assert changed.model_fields_set == p.model_fields_set | {"name"}
    assert type(changed.model_fields_set) is set
    deep = p.model_copy(deep=True)
    assert deep == p
    assert type(deep.model_fields_set) is set
    assert copy.deepcopy(p) == p
    back = pickle.loads(pickle.dumps(p))
    assert back == p
    assert back.model_fields_set == p.model_fields_set
    assert type(back.model_fields_set) is set


def test_json_file_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    # the loader hands pydantic the file's bytes when they need no normalisation (BOM dropped)
    cat = default_catalogue()
    text = cat.to_json()
    for name, data in (
        ("plain.json", text.encode()),
        ("bom.json", b"\xef\xbb\xbf" + text.encode()),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        assert load_catalogue(path) == cat
    nfd = tmp_path / "nfd.json"
    nfd.write_bytes(b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).encode())
    assert load_catalogue(nfd) == cat
