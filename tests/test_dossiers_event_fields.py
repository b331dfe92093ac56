"""A rejected event field is named in the message (the field, the value received, what is allowed)."""

from __future__ import annotations

import pydantic
import pytest

from hcc.dossiers import DossierEvent


def test_bad_new_due_is_named_new_due() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        DossierEvent(kind="extended", at="2026-03-02T08:00", new_due="tomorrow", reason="x")
    (error,) = info.value.errors()
    assert error["loc"] == ("new_due",)
    assert error["msg"].startswith("Value error, new_due: got 'tomorrow'")


def test_bad_at_is_named_at() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        DossierEvent(kind="received", at="soon")
    (error,) = info.value.errors()
    assert error["loc"] == ("at",)
    assert error["msg"].startswith("Value error, at: got 'soon'")
