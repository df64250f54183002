"""Which language a question is in: Dutch unless its function words are mostly English."""

from __future__ import annotations

import re

from assistant.text.analysis import DUTCH_STOPWORDS, ENGLISH_STOPWORDS, fold


def detect_language(text: str) -> str:
    """ "en" or "nl", by which language's function words the text uses more."""
    words = re.findall(r"[a-z]+", fold(text))
    english = sum(w in ENGLISH_STOPWORDS and w not in DUTCH_STOPWORDS for w in words)
    dutch = sum(w in DUTCH_STOPWORDS and w not in ENGLISH_STOPWORDS for w in words)
    return "en" if english > dutch else "nl"
