"""Test helpers for suites that embed hcc: a fixed calendar, catalogue checks, hypothesis strategies.

Install with ``pip install 'hcc[testing]'``. The pytest plugin (``hcc.testing.pytest_plugin``)
gives the fixtures ``hcc_calendar`` and ``hcc_assert_valid_catalogue``; the strategies live in
[`hcc.testing.strategies`][hcc.testing.strategies] (import it explicitly: it needs hypothesis). No production module of
hcc imports this package.

>>> import datetime as dt
>>> from hcc.testing import FixedCalendar
>>> FixedCalendar(holidays=["2030-09-02"], years=(2030, 2030)).is_working_day(dt.date(2030, 9, 2))
False
"""

from hcc.testing.calendars import FIXED_SOURCE, FixedCalendar
from hcc.testing.catalogues import CatalogueAssertionError, assert_valid_catalogue

__all__ = ["FIXED_SOURCE", "CatalogueAssertionError", "FixedCalendar", "assert_valid_catalogue"]
