"""Indicators on a hand-built set of dossiers, against figures worked out by hand below.

March 2026 has no holiday (Tết 2026 ended on 22 February; Hùng Kings' day falls on Sunday
26 April 2026). Working days: Mon 2 - Fri 6, Mon 9 - Fri 13, Mon 16 - Fri 20, Mon 23 - Fri 27,
Mon 30, Tue 31 March; 1-3 and 6 April. Due dates follow REFERENCE §3 (the receipt day is not
counted; the due moment is 17:00, the closing time, of the n-th working day after it).

=====  ======  ==========  =====  =======================================  ============  =========
name   proc.   received    limit  what happens (2026)                      due (hand)    class
=====  ======  ==========  =====  =======================================  ============  =========
A      P1 dir  Mon 2/3 9h  5 wd   result Thu 5/3, counter 6/3, very sat.   Mon 9/3 17h   early
B      P2 onl  Mon 2/3 14h 3 wd   result Thu 5/3 16h, posted 6/3, sat.     Thu 5/3 17h   on time
C      P1 dir  Tue 3/3 10h 3 wd   result Mon 9/3, home 9/3, dissatisfied   Fri 6/3 17h   late
D      P2 onl  Wed 4/3 9h  5 wd   refused Tue 10/3, counter 10/3            Wed 11/3 17h  early
E      P1 dir  Thu 5/3 9h  5 wd   withdrawn Fri 6/3                         —             —
F      P2 onl  Mon 16/3 9h 3 wd   nothing more: pending, overdue            Thu 19/3 17h  —
G      P1 dir  Mon 23/3 9h 10 wd  nothing more: pending                     Mon 6/4 17h   —
H      P1 onl  Fri 27/2 9h 5 wd   result Tue 3/3, counter Wed 4/3           Fri 6/3 17h   early
I_     P2 dir  Tue 10/3 9h 5 wd   supplement asked 11/3, given Mon 16/3     Mon 23/3 17h  early
                                  (reset), result Fri 20/3, counter 20/3
J      P2 dir  Mon 30/3 9h 5 wd   result Wed 1/4 (after the period)         Mon 6/4 17h   —
=====  ======  ==========  =====  =======================================  ============  =========

Processing days, working days in (receipt date, answer date]: A 3, B 3, C 4, D 4, H 2, I 8.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import pytest

from hcc.calendar import VN_TZ
from hcc.deadlines import Classification, DeadlinePolicy
from hcc.dossiers import (
    Dossier,
    Period,
    circular01_indices,
    group_indicators,
    indicators,
    on_time_rate_with_overdue_pending,
)
from hcc.errors import ProvisionalCalendarWarning

P1 = {
    "procedure_code": "1.000001",
    "procedure_name": "Thủ tục P1",
    "field": "Đất đai",
    "lead_agency": "Agency X",
}
P2 = {
    "procedure_code": "2.000002",
    "procedure_name": "Thủ tục P2",
    "field": "Hộ tịch",
    "lead_agency": "Agency Y",
}


def at(day: int, hour: int = 9, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=VN_TZ)


def dossier(n: int, proc: dict[str, str], channel: str, limit: str, events: list[Any]) -> Dossier:
    received = events[0][1]
    return Dossier(
        code=f"000.00.01.H38-{received:%y%m%d}-{n:04d}",
        applicant=f"Người nộp {n}",
        channel=channel,
        time_limit=limit,
        events=[{"kind": k, "at": t, **(extra[0] if extra else {})} for k, t, *extra in events],
        **proc,
    )


A = dossier(
    1,
    P1,
    "direct",
    "05 ngày làm việc",
    [
        ("received", at(2)),
        ("result_ready", at(5, 10)),
        ("returned", at(6)),
        ("rated", at(6), {"rating": "very_satisfied"}),
    ],
)
B = dossier(
    2,
    P2,
    "online",
    "03 ngày làm việc",
    [
        ("received", at(2, 14)),
        ("result_ready", at(5, 16)),
        ("posted", at(6)),
        ("rated", at(6, 10), {"rating": "satisfied"}),
    ],
)
C = dossier(
    3,
    P1,
    "direct",
    "03 ngày làm việc",
    [
        ("received", at(3, 10)),
        ("result_ready", at(9)),
        ("delivered", at(9, 15)),
        ("rated", at(9, 15), {"rating": "dissatisfied"}),
    ],
)
D = dossier(
    4,
    P2,
    "online",
    "05 ngày làm việc",
    [
        ("received", at(4)),
        ("refused", at(10), {"reason": "Không đủ điều kiện"}),
        ("returned", at(10, 10)),
    ],
)
E = dossier(5, P1, "direct", "05 ngày làm việc", [("received", at(5)), ("withdrawn", at(6))])
F = dossier(6, P2, "online", "03 ngày làm việc", [("received", at(16))])
G = dossier(7, P1, "direct", "10 ngày làm việc", [("received", at(23))])
H = dossier(
    8,
    P1,
    "online",
    "05 ngày làm việc",
    [("received", at(27, 9, month=2)), ("result_ready", at(3)), ("returned", at(4))],
)
I_ = dossier(
    9,
    P2,
    "direct",
    "05 ngày làm việc",
    [
        ("received", at(10)),
        ("supplement_requested", at(11)),
        ("supplement_received", at(16)),
        ("result_ready", at(20)),
        ("returned", at(20, 10)),
    ],
)
J = dossier(
    10,
    P2,
    "direct",
    "05 ngày làm việc",
    [("received", at(30)), ("result_ready", at(1, 9, month=4))],
)
ALL = [A, B, C, D, E, F, G, H, I_, J]

MARCH = Period.month(2026, 3)
AS_OF = dt.datetime(2026, 4, 15, 12, 0, tzinfo=VN_TZ)
# The hand figures read I's supplement as a reset (Decree 61/2018 art. 19(4)): named explicitly,
# since dossiers received in 2026 otherwise get Decree 118/2025's (unconfirmed) pause.
RESET = DeadlinePolicy.decree_61_2018()


def test_hand_figures_for_march() -> None:
    ind = indicators(ALL, MARCH, as_of=AS_OF, policy=RESET)
    assert ind.received == 9  # every one but H (February)
    assert ind.received_online == 3  # B, D, F
    assert (ind.settled, ind.early, ind.on_time, ind.late) == (6, 4, 1, 1)  # A D H I | B | C
    assert ind.refused == 1  # D
    assert ind.withdrawn == 1  # E
    assert (ind.pending, ind.pending_overdue) == (3, 1)  # F G J | F
    assert ind.on_time_rate == Fraction(5, 6)
    assert ind.on_time_formula == "on_time_rate_766"
    assert ind.processing_days_total == 3 + 3 + 4 + 4 + 2 + 8
    assert ind.average_processing_days == Fraction(4)
    assert (ind.returned, ind.returned_by_post, ind.returned_at_home) == (6, 1, 1)
    assert ind.post_or_home_share == Fraction(1, 3)
    assert (ind.rated, ind.very_satisfied, ind.satisfied, ind.dissatisfied) == (3, 1, 1, 1)
    assert ind.satisfaction_rate == Fraction(2, 3)
    assert ind.online_share == Fraction(1, 3)
    assert ind.percent("on_time_rate") == 83.33


def test_pluggable_formula() -> None:
    ind = indicators(ALL, MARCH, as_of=AS_OF, on_time_rate=on_time_rate_with_overdue_pending)
    assert ind.on_time_rate == Fraction(5, 7)
    assert ind.on_time_formula == "on_time_rate_with_overdue_pending"
    lenient = indicators(
        ALL, MARCH, as_of=AS_OF, on_time_rate=lambda c: Fraction(c.settled - c.late, c.settled)
    )
    assert lenient.on_time_rate == Fraction(5, 6)


def test_as_of_inside_the_period_ignores_later_events() -> None:
    # at Fri 6 March 12:00: received A B C D E (5); settled A, B (5/3), H (3/3); C's result of
    # 9 March is not known: C is pending and overdue since Fri 6 March 17:00? not yet at 12:00
    ind = indicators(ALL, MARCH, as_of=at(6, 12))
    assert ind.received == 5
    assert (ind.settled, ind.early, ind.on_time, ind.late) == (3, 2, 1, 0)
    assert ind.withdrawn == 1  # E, 6 March 09:00
    assert (ind.pending, ind.pending_overdue) == (2, 0)  # C, D
    later = indicators(ALL, MARCH, as_of=at(6, 18))
    assert later.pending_overdue == 1  # C is past Fri 6 March 17:00
    assert (later.rated, later.returned) == (2, 3)  # A and B rated on 6 March; A, B, H returned


def test_grouped_by_procedure_field_agency() -> None:
    by_proc = group_indicators(ALL, MARCH, by="procedure", as_of=AS_OF, policy=RESET)
    assert list(by_proc) == ["1.000001", "2.000002"]
    p1, p2 = by_proc["1.000001"], by_proc["2.000002"]
    assert (p1.received, p1.settled, p1.early, p1.late, p1.withdrawn, p1.pending) == (
        4,
        3,
        2,
        1,
        1,
        1,
    )
    assert p1.on_time_rate == Fraction(2, 3)
    assert (p2.received, p2.settled, p2.early, p2.on_time, p2.pending, p2.pending_overdue) == (
        5,
        3,
        2,
        1,
        2,
        1,
    )
    assert p2.on_time_rate == Fraction(1)
    assert group_indicators(ALL, MARCH, by="field", as_of=AS_OF, policy=RESET)["Đất đai"] == p1
    assert group_indicators(ALL, MARCH, by="agency", as_of=AS_OF, policy=RESET)["Agency Y"] == p2


def test_grouped_by_month() -> None:
    months = group_indicators(
        ALL, Period(start="2026-02-01", end="2026-03-31"), by="month", as_of=AS_OF
    )
    feb, mar = months["2026-02"], months["2026-03"]
    assert (feb.received, feb.received_online, feb.settled, feb.pending, feb.pending_overdue) == (
        1,
        1,
        0,
        1,
        0,
    )
    assert mar == indicators(ALL, MARCH, as_of=AS_OF)


def test_pause_policy_changes_the_due_of_i() -> None:
    # pause: 5 working days counted 10/3 -> due Tue 17/3, moved by the working days between the
    # request (Wed 11/3) and the supplement (Mon 16/3): 12, 13, 16 = 3 -> Fri 20/3 17:00; the
    # result of Fri 20/3 09:00 is then on time, not early
    pause = DeadlinePolicy.decree_118_2025()
    ind = indicators([I_], MARCH, as_of=AS_OF, policy=pause)
    assert (ind.early, ind.on_time) == (0, 1)
    assert I_.sla(as_of=AS_OF, policy=pause).due_at == at(20, 17)
    # a dossier's own policy wins over the report's
    own = I_.model_copy(update={"policy": pause})
    assert indicators([own], MARCH, as_of=AS_OF).on_time == 1


def test_circular_01_indices() -> None:
    # statutory 07 wd from Mon 2/3 -> Wed 11/3 17:00; committed 05 wd -> Mon 9/3 17:00.
    # Tax office: 02 wd from 2/3 10:00 -> Wed 4/3 17:00, back Thu 5/3 09:00: late (0).
    # Land office: 01 wd from 5/3 10:00 -> Fri 6/3 17:00, back Fri 6/3 09:00: on the day (1).
    k = dossier(
        11,
        P1,
        "direct",
        "05 ngày làm việc",
        [
            ("received", at(2)),
            ("transferred", at(2, 10), {"agency": "Chi cục Thuế", "allotment": "02 ngày làm việc"}),
            ("transfer_returned", at(5)),
            (
                "transferred",
                at(5, 10),
                {"agency": "Văn phòng đăng ký đất đai", "allotment": "01 ngày làm việc"},
            ),
            ("transfer_returned", at(6)),
            ("result_ready", at(11, 10)),
        ],
    ).model_copy(update={"statutory_limit": "07 ngày làm việc"})
    ind = circular01_indices(k)
    assert (ind.index1, ind.classification) == (1, Classification.ON_TIME)
    assert [(a.agency, a.index) for a in ind.index2] == [
        ("Chi cục Thuế", 0),
        ("Văn phòng đăng ký đất đai", 1),
    ]
    assert k.sla(as_of=AS_OF).classification is Classification.LATE  # against the committed 05 wd
    assert circular01_indices(A).index1 == 2
    assert circular01_indices(C).index1 == 0
    assert circular01_indices(F).index1 is None
    assert circular01_indices(E).index1 is None


def test_extension_keeps_the_original_classification() -> None:
    # 03 wd from Mon 2/3 -> Thu 5/3 17:00; new appointment Tue 10/3 17:00; result Mon 9/3
    ext = dossier(
        12,
        P1,
        "direct",
        "03 ngày làm việc",
        [
            ("received", at(2)),
            ("extended", at(4, 10), {"new_due": at(10, 17), "reason": "Chờ xác minh"}),
            ("result_ready", at(9)),
        ],
    )
    s = ext.sla(as_of=AS_OF)
    assert s.classification is Classification.LATE
    assert s.due_at == at(10, 17)
    assert indicators([ext], MARCH, as_of=AS_OF).late == 1


def test_empty_and_bad_inputs() -> None:
    empty = indicators([], MARCH, as_of=AS_OF)
    assert (empty.received, empty.on_time_rate, empty.satisfaction_rate) == (0, None, None)
    with pytest.raises(ValueError, match="by"):
        group_indicators(ALL, MARCH, by="colour", as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        indicators(["not a dossier"], MARCH, as_of=AS_OF)  # type: ignore[list-item]
    assert indicators(ALL, ("2026-03-01", "2026-03-31"), as_of=AS_OF) == indicators(
        ALL, MARCH, as_of=AS_OF
    )


def test_provisional_year_warns_once() -> None:
    late = Dossier(
        code="000.00.01.H38-271229-0001",
        procedure_code="1.000001",
        procedure_name="P",
        lead_agency="X",
        applicant="A",
        time_limit="05 ngày làm việc",
        events=[{"kind": "received", "at": dt.datetime(2027, 12, 29, 9, tzinfo=VN_TZ)}],
    )
    with pytest.warns(ProvisionalCalendarWarning) as record:
        ind = indicators(
            [late, late.model_copy(update={"code": "000.00.01.H38-271229-0002"})],
            Period.year(2027),
            as_of=dt.datetime(2028, 1, 31, tzinfo=VN_TZ),
        )
    assert len(record) == 1
    assert ind.pending == 2
