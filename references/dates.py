"""Dates as people write them: '13 March 2011', 'March 13, 2011', 'March 2011'."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def long_date(value: str, month_first: bool = False) -> str:
    """'11 October 2026' ('October 11, 2026' when `month_first`) from '2026-10-11'; else as written.

    >>> long_date("2011-03-13"), long_date("2011-03"), long_date("last week"), long_date("2011-03-13", True)
    ('13 March 2011', 'March 2011', 'last week', 'March 13, 2011')
    """
    try:
        day = dt.date.fromisoformat(value[:10])
        if month_first:
            return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    except ValueError:
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if match and 1 <= int(match.group(2)) <= 12:
            return f"{MONTHS[int(match.group(2)) - 1]} {match.group(1)}"
        return value
