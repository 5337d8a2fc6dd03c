"""What the client wrote in a reply, without the quoted history and the signature (CHN-1).

A pure function over plain text: the mail clients' ways of quoting, in Portuguese and English —
Gmail and Thunderbird ("Em …, Fulano escreveu:" / "On …, Fulano wrote:", possibly wrapped over two
lines), Apple Mail (the same attribution, "Enviado do meu iPhone"), Outlook ("-----Mensagem
original-----" / "-----Original Message-----", or a "De: … Enviado: …" header block, often after a
line of underscores), lines starting with ">", and the "-- " signature separator.
"""

from __future__ import annotations

import re

_ATTRIBUTION_START = re.compile(r"^\s*(em|on|le|am)\s", re.IGNORECASE)
_ATTRIBUTION_END = re.compile(r"(escreveu|wrote|a écrit|schrieb)\s*:\s*$", re.IGNORECASE)
_ORIGINAL = re.compile(
    r"^\s*-{2,}\s*(original message|mensagem original|mensaje original|forwarded message|"
    r"mensagem encaminhada)\s*-{2,}\s*$",
    re.IGNORECASE,
)
_FORWARDED = re.compile(
    r"^\s*(begin forwarded message|início da mensagem encaminhada)\s*:\s*$", re.IGNORECASE
)
_HEADER_FROM = re.compile(r"^\s*\*?(de|from)\s*:\*?\s+\S", re.IGNORECASE)
_HEADER_NEXT = re.compile(r"^\s*\*?(enviad[oa]|sent|date|data|para|to|assunto|subject|cc)\s*:", re.IGNORECASE)
_RULE = re.compile(r"^\s*_{10,}\s*$")
_SIGNATURE = re.compile(r"^--\s?$")
_SENT_FROM = re.compile(
    r"^\s*(enviado do meu|enviado de meu|sent from my|get outlook for|obter o outlook para)\b", re.IGNORECASE
)


def _is_attribution(lines: list[str], index: int) -> bool:
    """An "On … wrote:" line, which Gmail may wrap over the next line or two."""
    if not _ATTRIBUTION_START.match(lines[index]):
        return False
    joined = ""
    for line in lines[index : index + 3]:
        joined = f"{joined} {line.strip()}"
        if _ATTRIBUTION_END.search(joined):
            return True
        if not line.strip():
            return False
    return False


def _is_header_block(lines: list[str], index: int) -> bool:
    """Outlook's "De: …" followed by "Enviado: …" / "Sent: …" / "Para: …" within a few lines."""
    if not _HEADER_FROM.match(lines[index]):
        return False
    following = [line for line in lines[index + 1 : index + 5] if line.strip()]
    return any(_HEADER_NEXT.match(line) for line in following[:3])


def _cut_at(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if _SIGNATURE.match(line) or _SENT_FROM.match(line):
            return index
        if _ORIGINAL.match(line) or _FORWARDED.match(line):
            return index
        if _RULE.match(line) and any(
            _is_header_block(lines, later) for later in range(index + 1, min(index + 3, len(lines)))
        ):
            return index
        if _is_header_block(lines, index) or _is_attribution(lines, index):
            return index
    return len(lines)


def strip_quotes(text: str) -> str:
    """The new text of a reply: everything before the quoted history or the signature, without
    lines quoted with ">", and without surrounding blank lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = lines[: _cut_at(lines)]
    kept = [line.rstrip() for line in lines if not line.lstrip().startswith(">")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
