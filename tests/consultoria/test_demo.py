"""The demo's consultancy sessions (CON-5) record work already done, each at least two hours after
the one before, whatever the hour `seed_demo` runs at."""

from datetime import timedelta

import pytest

from consultoria.demo import _session_times
from tests.helpers import at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("hour", [9, 12, 16, 19, 23])
def test_con5_the_demo_sessions_never_share_an_instant(hour):
    """At 16:08 on a Wednesday the second and third sessions both fell on Tuesday's first working
    instant, and the demo's entries overlapped (seed_demo failed)."""
    now = at(2026, 12, 2, hour, 8)
    start, later, latest = _session_times(now)
    assert later - start >= timedelta(hours=2) and latest - later >= timedelta(hours=2)
    assert latest + timedelta(hours=1) <= now
