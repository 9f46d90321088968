"""One clock for every date a user reads (pages, the pack, file stamps): Vietnam time, whatever the machine's zone."""
from __future__ import annotations

import datetime as dt

VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7), "giờ Việt Nam")


def now() -> dt.datetime:
    return dt.datetime.now(VIETNAM_TIME)


def today() -> dt.date:
    return now().date()
