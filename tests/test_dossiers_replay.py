"""A dossier is a plain pydantic record (DossierData) plus an object that replays its log once."""

from __future__ import annotations

import pickle

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

import hcc.dossiers.dossier as dossier_module
from hcc.dossiers import Dossier, DossierData
from hcc.errors import InvalidTransitionError

HEADER = {
    "code": "000.00.01.H38-260302-0001",
    "procedure_code": "1.001193",
    "procedure_name": "Đăng ký khai sinh",
    "lead_agency": "UBND xã Tân Lập",
    "applicant": "Nguyễn Văn A",
    "time_limit": "03 ngày làm việc",
}
RECEIVED = {"kind": "received", "at": "2026-03-02T08:00"}


@pytest.fixture
def replays(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the calls of the replay function (``_walk``) made by the code under test."""
    calls: list[int] = []
    walk = dossier_module._walk

    def counting(events):  # type: ignore[no-untyped-def]
        calls.append(len(events))
        return walk(events)

    monkeypatch.setattr(dossier_module, "_walk", counting)
    return calls


def test_each_construction_replays_the_log_once(replays: list[int]) -> None:
    d = Dossier(**HEADER, events=[RECEIVED])
    assert replays == [1]
    d2 = d.record("transferred", "2026-03-02T09:00", agency="Công an xã")
    assert replays == [1, 2]
    assert Dossier.model_validate(d2.model_dump()) == d2
    assert replays == [1, 2, 2]
    assert Dossier.model_validate_json(d2.model_dump_json()) == d2
    assert replays == [1, 2, 2, 2]
    assert Dossier.from_data(d2.data) == d2
    assert replays == [1, 2, 2, 2, 2]
    assert pickle.loads(pickle.dumps(d2)) == d2
    assert replays == [1, 2, 2, 2, 2, 2]
    moved = d2.model_copy(update={"applicant": "Trần Thị B"})
    assert moved.applicant == "Trần Thị B"
    assert moved.state == d2.state
    assert replays == [1, 2, 2, 2, 2, 2, 2]
    assert d2.model_copy() is d2
    assert d2.model_copy(deep=True) is d2  # immutable: nothing to copy, nothing replayed
    assert replays == [1, 2, 2, 2, 2, 2, 2]
    assert d2.as_of("2026-03-02T08:30") == d
    assert replays == [1, 2, 2, 2, 2, 2, 2, 1]
    # reading derived facts does not replay again
    before = len(replays)
    assert (d2.state.value, len(d2.agency_steps), d2.received_at.hour) == ("at_agency", 1, 8)
    d2.sla(as_of="2026-03-03T08:00")
    assert len(replays) == before


def test_receive_and_a_dossier_given_as_is_replay_once(replays: list[int]) -> None:
    d = Dossier.receive(at="2026-03-02T08:00", **HEADER)
    assert replays == [1]
    assert Dossier.model_validate(d) is d
    assert replays == [1]


def test_the_data_is_a_plain_pydantic_model() -> None:
    # no custom __init__ and none of pydantic's entry points overridden
    for name in ("__init__", "model_validate", "model_validate_json", "model_copy", "__getstate__"):
        assert name not in vars(DossierData), name
    assert issubclass(DossierData, BaseModel)
    assert not issubclass(Dossier, BaseModel)
    # no per-instance __dict__ to write into
    d = Dossier(**HEADER, events=[RECEIVED])
    assert not hasattr(d, "__dict__")
    with pytest.raises(AttributeError):
        d.code = d.code  # type: ignore[misc]


def test_a_bad_log_raises_the_hcc_error_itself_and_a_bad_field_a_validation_error() -> None:
    with pytest.raises(InvalidTransitionError):
        Dossier(**HEADER, events=[{"kind": "returned", "at": "2026-03-02T08:00"}])
    with pytest.raises(InvalidTransitionError):
        Dossier.model_validate({**HEADER, "events": [{"kind": "posted", "at": "2026-03-02T08:00"}]})
    # the data alone only checks the fields: the log is the dossier's business
    data = DossierData(**HEADER, events=[{"kind": "returned", "at": "2026-03-02T08:00"}])
    with pytest.raises(InvalidTransitionError):
        Dossier.from_data(data)
    with pytest.raises(ValidationError) as info:
        Dossier(**{**HEADER, "sets": 0}, events=[RECEIVED])
    assert info.value.errors()[0]["loc"] == ("sets",)


def test_a_dossier_as_a_field_of_another_model() -> None:
    class Batch(BaseModel):
        dossiers: list[Dossier]

    d = Dossier(**HEADER, events=[RECEIVED]).record("result_ready", "2026-03-03T10:00")
    batch = Batch(dossiers=[d, d.model_dump(mode="json")])
    assert batch.dossiers[0] is d
    assert batch.dossiers[1] == d
    assert Batch.model_validate_json(batch.model_dump_json()) == batch
    adapter = TypeAdapter(list[Dossier])
    assert adapter.validate_python(adapter.dump_python([d], mode="json")) == [d]
    # inside a pydantic model, a bad log is reported by pydantic
    with pytest.raises(ValidationError):
        Batch(dossiers=[{**HEADER, "events": [{"kind": "returned", "at": "2026-03-02T08:00"}]}])


def test_equality_hash_and_repr_follow_the_data() -> None:
    a = Dossier(**HEADER, events=[RECEIVED])
    b = Dossier.model_validate(a.model_dump())
    assert a == b
    assert hash(a) == hash(b)
    assert a is not b
    assert a != a.record("result_ready", "2026-03-02T09:00")
    assert a != a.data  # a dossier is not its data
    assert repr(a).startswith("Dossier(code=")
    assert "DossierData" not in repr(a)


def test_code_text_is_the_canonical_code_on_every_path() -> None:
    d = Dossier(**{**HEADER, "code": "  000.00.01.H38-260302-0001 "}, events=[RECEIVED])
    later = d.record("result_ready", "2026-03-02T10:00")
    again = Dossier.model_validate_json(later.model_dump_json())
    for x in (d, later, later.as_of("2026-03-02T09:00"), again):
        assert x.code_text == str(x.code) == "000.00.01.H38-260302-0001"
