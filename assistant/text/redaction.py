"""What a Woo release puts where it withheld text, taken out of a page's text: the grounds
of the Woo ("5.1.2.e", "5.1.2e", "5.1.1 c") and the Wob ("10.2.e", "10.2g"), placeholders
such as "[Redacted]" or "[gelakt]", and runs of block characters (█▀▄) a redaction tool
leaves in a text layer. They mark what is missing; they are never content to cite.

Entry point: `strip_redactions(text)`, for text layers and OCR output alike.
"""

from __future__ import annotations

import re

# A ground is a Woo article 5.1.1-5.1.5 or Wob 10.1/10.2 with its letter; the letter is
# required, so a section number ("5.1.2 Werkgelegenheid") stays. OCR drops or doubles a
# dot now and then ("51.2.e", "5.1.2..e"), so a dot may be missing but not all of them.
_GROUND = re.compile(
    r"(?<![\w.,])\(?(?P<number>5[.,]*1[.,]*[1-5]|10[.,]*[12])[.,]*\s?\(?[a-i]\)?(?!\w|\.\w)"
)
_PLACEHOLDER = re.compile(
    r"\[\s*(?:redacted|gelakt|weggelakt|zwartgelakt|geanonimiseerd)\b[^\]\n]{0,60}\]", re.I
)
_BLOCKS = re.compile(r"[\u2580-\u259f]+|\u25a0{2,}")  # a single ■ may be a bullet


def _ground(match: re.Match[str]) -> str:
    return "" if re.search(r"[.,]", match.group("number")) else match.group(0)


def strip_redactions(text: str) -> str:
    """`text` without Woo grounds, redaction placeholders and block characters. A line
    they were taken from has its spaces tidied; a line they were all of becomes empty.
    Other lines are returned as they were."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        kept = _BLOCKS.sub("", _PLACEHOLDER.sub("", _GROUND.sub(_ground, line)))
        if kept != line:
            kept = re.sub(r"\(\s*\)|\[\s*\]", "", kept)
            kept = re.sub(r"[ \t]{2,}", " ", kept).strip()
            lines[i] = "" if not re.search(r"\w", kept) else kept
    return "\n".join(lines)
