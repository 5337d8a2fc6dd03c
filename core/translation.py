"""Translations that remember what they already looked up.

Django looks a message up through one catalogue per installed app, then through a chain of
fallbacks: for Brazilian Portuguese, the "pt" catalogue of each contrib app (seven of them). The
portal's messages are written in Portuguese, so in pt-br every lookup misses everywhere: 8 µs a
call, and a page of 25 tickets translates some 550 labels. The catalogues never change while a
process runs (settings changes in tests build new translation objects), so each translation keeps
its answers: a dictionary hit the second time.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import trans_real

MEMO_LIMIT = 20_000  # messages are literals of the code; a dynamic one beyond this is looked up


class RememberingTranslation(trans_real.DjangoTranslation):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._memo: dict[str, str] = {}

    def gettext(self, message: str) -> str:
        memo = self._memo
        found = memo.get(message)
        if found is not None:
            return found
        result = super().gettext(message)
        if len(memo) < MEMO_LIMIT:
            memo[message] = result
        return result


def install() -> None:
    """Make `django.utils.translation` build remembering translations (from `CoreConfig.ready`).
    Those an app built while loading are dropped, as Django drops them when a language setting
    changes: the next activation builds them again, remembering."""
    trans_real.DjangoTranslation = RememberingTranslation  # type: ignore[misc]
    trans_real._translations = {}  # type: ignore[attr-defined]
    trans_real._default = None  # type: ignore[attr-defined]
