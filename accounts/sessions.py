"""The session store: Django's database sessions, each read by one prepared query
(`core.prepared`): every signed-in request reads its session, and compiling that read cost more
than running it."""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.base_session import AbstractBaseSession
from django.utils import timezone

from core.prepared import prepared_fetch


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> AbstractBaseSession | None:
        key = self.session_key
        model = self.model
        found = (
            prepared_fetch(
                "session",
                lambda session_key: model.objects.filter(session_key=session_key).order_by()[:1],
                {"session_key": key},
            )
            if key
            else []
        )
        # Django's store reads `expire_date > now` in the SQL; the same test here keeps the read's
        # shape free of the clock.
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
