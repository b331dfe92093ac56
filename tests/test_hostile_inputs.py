"""Hostile input through every public entry point of hcc (issue 13, "Must hold").

Every name of ``hcc.__all__`` and of each subpackage's ``__all__`` that can be called — functions,
classes (constructors, ``model_validate``) and the public methods of a sample instance of each
class — is called with arbitrary values for its required arguments: text (with controls,
bidirectional overrides, other scripts' digits), bytes, numbers (NaN, infinities, huge, booleans),
``None``, wrong types, naive and aware datetimes at the extremes (``datetime.min``/``max``, UTC±23:59),
deeply nested lists and dicts, and megabyte strings. Each case asserts:

- **only documented errors**: whatever is raised is an :class:`hcc.errors.HccError` (the family;
  each error also subclasses the matching built-in, ``ValueError``, ``TypeError``, ``LookupError``);
- **no hang**: each call runs in a worker thread joined with a timeout (the watchdog);
- **no silent change of an answer**: a set of reference answers, computed before any hostile call,
  is the same after them, and no process-wide state (warning filters, the decimal context, the
  collector, the recursion limit) has changed.

The example count is bounded (the "hostile" profile below) so the module runs in tens of seconds.
"""

from __future__ import annotations

import datetime as dt
import decimal
import gc
import inspect
import sys
import threading
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import hcc
from hcc.errors import HccError

WATCHDOG_SECONDS = 20.0
"""Generous for a shared CI machine; a parser that is linear in its input answers in milliseconds."""

settings.register_profile(
    "hostile",
    max_examples=12,
    deadline=None,
    derandomize=True,  # the same cases on every run: a failure is reproducible
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
HOSTILE = settings.get_profile("hostile")

# ---------------------------------------------------------------------------- hostile values


def _deep_list(n: int) -> Any:
    value: Any = []
    for _ in range(n):
        value = [value]
    return value


def _deep_dict(n: int) -> Any:
    value: Any = {}
    for _ in range(n):
        value = {"a": value}
    return value


def _tz(hours: int, minutes: int = 0) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours, minutes=minutes if hours >= 0 else -minutes))


EXTREME_MOMENTS = [
    dt.datetime.min,
    dt.datetime.max,
    dt.datetime.min.replace(tzinfo=_tz(23, 59)),
    dt.datetime.max.replace(tzinfo=_tz(-23, 59)),
    dt.datetime.max.replace(tzinfo=dt.UTC),
    dt.datetime(2026, 3, 2, 9, 0, tzinfo=_tz(14)),
    dt.datetime(2026, 3, 2, 9, 0, tzinfo=_tz(-12)),
    dt.date.min,
    dt.date.max,
    dt.time.max,
    dt.timedelta.max,
    dt.timedelta.min,
]

SPECIAL_TEXT = [
    "",
    " ",
    "\x00",
    "\u202e1.001193",
    "1.001193\u200b",
    "\ufeff03 ngày làm việc",
    "١.٠٠١١٩٣",  # Arabic-Indic digits
    "１.００１１９３",  # full-width digits
    "03 ngày làm việc\n",
    "000.00.01.H38\n",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    '=HYPERLINK("http://x")',
    "9" * 2_000,
    "[" * 5_000,
    "mức thu " * 1_000,
    "2026-02-30",
    "NaN",
    "-1",
    "1E+1000000",
]

SPECIAL_NUMBERS = [
    True,
    False,
    0,
    -1,
    10**20,
    -(10**20),
    10**5000,
    2**63,
    float("nan"),
    float("inf"),
    -0.0,
    1.5,
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("Infinity"),
    Decimal("1E+1000000"),
    Decimal("-1E+1000000"),
    Decimal("1E-1000000"),
    Decimal("0.5"),
]


class _Weird:
    """An object whose every use fails: a value no function should touch beyond a type check."""

    def __repr__(self) -> str:
        return "<weird>"

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("compared")

    __hash__ = object.__hash__


def _others() -> list[Any]:
    out: list[Any] = [_Weird(), object(), b"\xff\xfe", bytearray(b"x"), [], {}, (), set()]
    out += [_deep_list(3_000), _deep_dict(3_000), [None], {"": None}, [float("nan")]]
    try:
        import numpy as np

        out += [
            np.datetime64("NaT"),
            np.array(["2026-03-02T09:00", "NaT"], dtype="datetime64[m]"),
            np.array([], dtype="datetime64[D]"),
            np.float64("nan"),
            np.int64(5),
        ]
    except ImportError:  # pragma: no cover - numpy is in the test extra
        pass
    return out


_aware = st.datetimes(
    min_value=dt.datetime(1, 1, 2),
    max_value=dt.datetime(9999, 12, 30),
    timezones=st.sampled_from([dt.UTC, _tz(7), _tz(14), _tz(-12), _tz(23, 59), _tz(-23, 59)]),
)

hostile_values: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(SPECIAL_TEXT),
    st.sampled_from(SPECIAL_NUMBERS),
    st.sampled_from(EXTREME_MOMENTS),
    st.sampled_from(_others()),
    st.none(),
    st.text(max_size=30),
    st.binary(max_size=10),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.dates(),
    st.datetimes(),
    _aware,
    st.lists(st.integers() | st.text(max_size=5) | st.none(), max_size=4),
    st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=3),
)

# A path argument gets no text: a random string could name a real file or folder of the machine
# (the tests run as root). It gets a missing path in the test's own folder, or a non-path.
_PATH_PARAMS = ("path", "file", "dir", "folder", "out", "dest", "target", "template")


def _is_path_param(name: str) -> bool:
    return any(p in name.lower() for p in _PATH_PARAMS)


path_values: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from([None, 0, True, b"\x00", _Weird(), [], Decimal("NaN")]),
    st.sampled_from(["missing.json", "missing.toml", "missing.csv", "missing"]).map(Path),
)

# ---------------------------------------------------------------------------- the watchdog


def call_with_watchdog(label: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``fn`` in a worker thread; fail if it does not return within WATCHDOG_SECONDS, or
    if it raises anything but an HccError. Returns the result (or the HccError raised)."""
    box: dict[str, Any] = {}
    before = _state()

    def run() -> None:
        try:
            box["value"] = fn(*args, **kwargs)
        except BaseException as exc:
            box["error"] = exc

    worker = threading.Thread(target=run, name=f"hostile:{label}", daemon=True)
    worker.start()
    worker.join(WATCHDOG_SECONDS)
    if worker.is_alive():
        pytest.fail(f"{label} did not return within {WATCHDOG_SECONDS} s for {_show(args, kwargs)}")
    assert _state() == before, f"{label} changed process-wide state for {_show(args, kwargs)}"
    error = box.get("error")
    if error is not None:
        if not isinstance(error, HccError):
            raise AssertionError(
                f"{label} raised {type(error).__module__}.{type(error).__qualname__} "
                f"(not an hcc.errors.HccError) for {_show(args, kwargs)}: {str(error)[:300]}"
            ) from error
        str(error)  # the message itself must be computable
        return error
    return box.get("value")


def _show(args: Any, kwargs: Any) -> str:
    parts = [_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
    return "(" + ", ".join(parts) + ")"


def _short(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return f"<int of {value.bit_length()} bits>"
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    return text if len(text) < 120 else text[:120] + "…"


# ---------------------------------------------------------------------------- entry points


def _public_modules() -> list[Any]:
    import hcc.documents
    import hcc.dossiers
    import hcc.importer
    import hcc.testing

    return [
        hcc,
        hcc.calendar,
        hcc.deadlines,
        hcc.procedures,
        hcc.fees,
        hcc.documents,
        hcc.dossiers,
        hcc.importer,
        hcc.testing,
    ]


# Callables that are not entry points for data: the lazy-loading hook of ``hcc`` and the
# hypothesis strategies of ``hcc.testing`` (test helpers whose arguments are other strategies).
_SKIP = {"hcc.__getattr__", "hcc.__dir__"}


def _entry_points() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for module in _public_modules():
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not callable(obj):
                continue
            if not str(getattr(obj, "__module__", "")).startswith("hcc"):
                continue  # a type alias (Callable, Literal, a union) is not an entry point
            if isinstance(obj, type) and issubclass(obj, BaseException):
                continue  # errors are raised, not called with data
            if isinstance(obj, type) and getattr(obj, "_is_protocol", False):
                continue  # a Protocol describes what to implement; it is never instantiated
            key = f"{obj.__module__}.{getattr(obj, '__qualname__', name)}"
            if key in _SKIP:
                continue
            found.setdefault(key, obj)
    return dict(sorted(found.items()))


ENTRY_POINTS = _entry_points()


def _required(fn: Callable[..., Any]) -> tuple[list[str], list[str]] | None:
    """(positional, keyword-only) required parameter names; None if the signature is unknown."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    positional, keyword = [], []
    for p in sig.parameters.values():
        if p.name in ("self", "cls") or p.default is not inspect.Parameter.empty:
            continue
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            positional.append(p.name)
        elif p.kind is p.KEYWORD_ONLY:
            keyword.append(p.name)
    return positional, keyword


@st.composite
def _arguments(draw: st.DrawFn, fn: Callable[..., Any]) -> tuple[tuple[Any, ...], dict[str, Any]]:
    spec = _required(fn) or (["value"], [])
    positional, keyword = spec
    if not positional and not keyword:
        # nothing required: pass one hostile value to the first optional parameter, if any
        try:
            params = [
                p
                for p in inspect.signature(fn).parameters.values()
                if p.name not in ("self", "cls") and p.kind not in (p.VAR_POSITIONAL,)
            ]
        except (TypeError, ValueError):
            params = []
        if not params:
            return (), {}
        p = params[0]
        if p.kind is p.VAR_KEYWORD:
            return (), {draw(st.sampled_from(["pages", "x", "copies"])): draw(hostile_values)}
        strategy = path_values if _is_path_param(p.name) else hostile_values
        return (), {p.name: draw(strategy)}
    args = tuple(draw(path_values if _is_path_param(n) else hostile_values) for n in positional)
    kwargs = {n: draw(path_values if _is_path_param(n) else hostile_values) for n in keyword}
    return args, kwargs


def _model_fields(cls: type[BaseModel]) -> list[str]:
    return list(cls.model_fields)


@st.composite
def _model_data(draw: st.DrawFn, cls: type[BaseModel]) -> dict[str, Any]:
    fields = _model_fields(cls)
    names = draw(st.lists(st.sampled_from(fields), max_size=4, unique=True)) if fields else []
    data = {n: draw(hostile_values) for n in names}
    if draw(st.booleans()):
        data[draw(st.text(max_size=8))] = draw(hostile_values)
    return data


# ---------------------------------------------------------------------------- process state


def _state() -> tuple[Any, ...]:
    ctx = decimal.getcontext()
    return (
        list(warnings.filters),
        warnings.showwarning,
        (
            ctx.prec,
            ctx.rounding,
            ctx.Emax,
            ctx.Emin,
            tuple(sorted(str(t) for t, on in ctx.traps.items() if on)),
        ),
        gc.isenabled(),
        gc.get_threshold(),
        sys.getrecursionlimit(),
    )


def _answers() -> dict[str, Any]:
    """Reference answers of valid calls (each checked by hand elsewhere in the suite)."""
    cal = hcc.vietnam_calendar()
    cat = hcc.default_catalogue()
    return {
        "add_working_days": cal.add_working_days(dt.date(2026, 2, 13), 1),
        "working_days_between": cal.working_days_between(dt.date(2026, 1, 1), dt.date(2026, 3, 1)),
        "compute_deadline": hcc.compute_deadline(
            dt.datetime(2026, 2, 12, 9, 0), "03 ngày làm việc"
        ).due_at,
        "time_limit": str(hcc.TimeLimit.parse("03 ngày làm việc")),
        "catalogue": (len(cat), cat.get("1.001193").name, cat.search("chung thuc")[0].code),
        "quote": hcc.quote("chung-thuc-ban-sao", on=dt.date(2025, 3, 3), pages=5, copies=2).total,
        "format_vnd": hcc.format_vnd(1250000),
        "words": hcc.amount_in_words(1050),
    }


ANSWERS_BEFORE = _answers()


# ---------------------------------------------------------------------------- the tests

FUNCTIONS = {k: v for k, v in ENTRY_POINTS.items() if not isinstance(v, type)}
CLASSES = {k: v for k, v in ENTRY_POINTS.items() if isinstance(v, type)}


@pytest.fixture(autouse=True)
def _contained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # anything written by a relative path lands here


def test_entry_points_are_found() -> None:
    # the table below grows with the API; it must at least hold the named functions
    for name in (
        "hcc.fees.money.format_vnd",
        "hcc.fees.money.amount_in_words",
        "hcc.procedures.validation.validate_catalogue",
        "hcc.procedures.validation.load_catalogue",
        "hcc.calendar.entries.parse_overrides",
        "hcc.deadlines.compute.compute_deadlines",
        "hcc.fees.quote.quote",
    ):
        assert name in FUNCTIONS, name
    assert len(FUNCTIONS) >= 40
    assert len(CLASSES) >= 40


@pytest.mark.filterwarnings("ignore::hcc.errors.HccWarning")
@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_functions_raise_only_hcc_errors(name: str) -> None:
    fn = FUNCTIONS[name]

    @HOSTILE
    @given(_arguments(fn))
    def check(call: tuple[tuple[Any, ...], dict[str, Any]]) -> None:
        args, kwargs = call
        call_with_watchdog(name, fn, *args, **kwargs)

    check()


@pytest.mark.filterwarnings("ignore::hcc.errors.HccWarning")
@pytest.mark.parametrize("name", sorted(CLASSES))
def test_constructors_raise_only_hcc_errors(name: str) -> None:
    cls = CLASSES[name]
    if issubclass(cls, BaseModel):

        @HOSTILE
        @given(_model_data(cls), hostile_values)
        def check_model(data: dict[str, Any], raw: Any) -> None:
            call_with_watchdog(f"{name}(**data)", lambda: cls(**data))
            call_with_watchdog(f"{name}.model_validate", cls.model_validate, raw)
            call_with_watchdog(f"{name}.model_validate(data)", cls.model_validate, data)

        check_model()
        return

    @HOSTILE
    @given(_arguments(cls))
    def check(call: tuple[tuple[Any, ...], dict[str, Any]]) -> None:
        args, kwargs = call
        call_with_watchdog(name, cls, *args, **kwargs)

    check()


def _sample_instances() -> dict[str, Any]:
    """One valid instance of each class whose methods take data."""
    import hcc.documents
    import hcc.dossiers

    cal = hcc.vietnam_calendar()
    cat = hcc.default_catalogue()
    schedule = hcc.get_fee_schedule("chung-thuc-ban-sao")
    dossier = hcc.dossiers.Dossier.receive(
        code="000.00.15.H38-260302-0001",
        procedure_code="2.000815",
        procedure_name="Chứng thực bản sao từ bản chính",
        lead_agency="UBND xã",
        applicant="Nguyễn Văn A",
        time_limit="03 ngày làm việc",
        at="2026-03-02T08:00",
    )
    return {
        "WorkingCalendar": cal,
        "Catalogue": cat,
        "Procedure": cat.get("1.001193"),
        "FeeSchedule": schedule,
        "TimeLimit": hcc.TimeLimit.parse("03 ngày làm việc"),
        "OfficeHours": cal.office_hours,
        "Deadline": hcc.compute_deadline(dt.datetime(2026, 2, 12, 9, 0), "03 ngày làm việc"),
        "DeadlinePolicy": hcc.DeadlinePolicy.decree_61_2018(),
        "Dossier": dossier,
        "DossierCodeAllocator": hcc.DossierCodeAllocator("000.00.15.H38"),
        "Quote": hcc.quote(schedule, on=dt.date(2025, 3, 3), pages=3),
    }


SAMPLES = _sample_instances()

_NOT_DATA_METHODS = {
    "copy",
    "dict",
    "json",
    "parse_file",
    "parse_obj",
    "parse_raw",
    "from_orm",
    "construct",
    "schema",
    "schema_json",
    "update_forward_refs",
    "validate",
    "model_construct",  # pydantic's documented "no validation" escape hatch
    "model_post_init",
    "model_rebuild",
    "model_parametrized_name",
    "model_json_schema",
    "model_copy",  # pydantic's documented "no validation" copy
    "model_dump",
    "model_dump_json",
}


def _methods() -> dict[str, tuple[Any, Callable[..., Any]]]:
    out: dict[str, tuple[Any, Callable[..., Any]]] = {}
    for label, obj in SAMPLES.items():
        for attr in dir(obj):
            if attr.startswith("_") or attr in _NOT_DATA_METHODS:
                continue
            try:
                member = getattr(obj, attr)
            except Exception:
                continue
            if callable(member) and not isinstance(member, type):
                out[f"{label}.{attr}"] = (obj, member)
    return dict(sorted(out.items()))


METHODS = _methods()


@pytest.mark.filterwarnings("ignore::hcc.errors.HccWarning")
@pytest.mark.parametrize("name", sorted(METHODS))
def test_methods_raise_only_hcc_errors(name: str) -> None:
    _, method = METHODS[name]

    @HOSTILE
    @given(_arguments(method))
    def check(call: tuple[tuple[Any, ...], dict[str, Any]]) -> None:
        args, kwargs = call
        call_with_watchdog(name, method, *args, **kwargs)

    check()


# Every entry point also gets each of these, deterministically, in its first required argument
# (the random draws above may miss a rare one): nesting past the recursion limit, 400 KB of
# text, a 5,000-digit number, NaN, None, a bool, the last moment of year 9999 at UTC-23:59.
NASTY = [
    _deep_list(3_000),
    _deep_dict(3_000),
    "9" * 2_000,  # long digit runs at 100 KB: the limits and importer branches' own tests
    "ngày \u202e\u200b " * 50_000 + "\x00",  # 400 KB of words and invisible characters
    10**5000,
    Decimal("1E+1000000"),
    float("nan"),
    None,
    True,
    dt.datetime.max.replace(tzinfo=_tz(-23, 59)),
    dt.datetime.min.replace(tzinfo=_tz(23, 59)),
]


def _first_argument_calls() -> list[tuple[str, Callable[..., Any], str | None, bool]]:
    """(label, callable, parameter name or None for positional, keyword-only?)."""
    calls = []
    for label, fn in [*ENTRY_POINTS.items(), *((k, m) for k, (_, m) in METHODS.items())]:
        spec = _required(fn)
        if spec is None:
            continue
        positional, keyword = spec
        if positional and not _is_path_param(positional[0]):
            calls.append((label, fn, None, False))
        elif keyword and not _is_path_param(keyword[0]):
            calls.append((label, fn, keyword[0], True))
    return calls


FIRST_ARGUMENT_CALLS = _first_argument_calls()


@pytest.mark.filterwarnings("ignore::hcc.errors.HccWarning")
@pytest.mark.parametrize("index", range(len(NASTY)))
def test_nasty_values_in_every_first_argument(index: int) -> None:
    value = NASTY[index]
    problems: list[str] = []
    for label, fn, keyword, _ in FIRST_ARGUMENT_CALLS:
        spec = _required(fn)
        assert spec is not None
        positional, keywords = spec
        fillers = [0] * (len(positional) - 1)  # the other required arguments: a plain wrong value
        kwargs = dict.fromkeys(keywords, 0)
        try:
            if keyword is None:
                call_with_watchdog(label, fn, value, *fillers, **kwargs)
            else:
                kwargs[keyword] = value
                call_with_watchdog(label, fn, **kwargs)
        except AssertionError as exc:  # collected: one run names every entry point that fails
            problems.append(str(exc).splitlines()[0])
    assert not problems, "\n".join(problems)


def test_no_answer_changed() -> None:
    """Runs last in this module (pytest keeps file order): the hostile calls above changed no
    answer (each call also checked that it left the process-wide state as it found it)."""
    assert _answers() == ANSWERS_BEFORE
