"""Text normalisation and the content hash that is a document's identity."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n{3,}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Control characters with no place in stored text: C0 but tab, newlines and form feed; DEL; C1.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# (str.translate looks each character up in a dict; a replace per character scans in C, many times faster)
_LINE_BREAKS = (("\x85", "\n"), ("\u2028", "\n"), ("\u2029", "\n\n"), ("\r", "\n"), ("\x0b", " "))


def repair_surrogates(text: str) -> str:
    """Join surrogate pairs (an emoji escaped as two halves) into one character; a lone half becomes U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def scrub(text: str) -> str:
    """Text any store and terminal can hold: surrogates repaired, NUL and other control characters gone."""
    return _CONTROLS.sub("", repair_surrogates(text))


def normalize_text(text: str) -> str:
    """Scrubbed, NFC, unified newlines, no trailing spaces, at most one blank line in a row."""
    text = scrub(text).replace("\r\n", "\n")
    for old, new in _LINE_BREAKS:
        text = text.replace(old, new)
    text = text.replace("\ufeff", "")
    text = unicodedata.normalize("NFC", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def document_id(text: str) -> str:
    """Hash of the text with case and white space folded: the same story is the same id."""
    folded = " ".join(normalize_text(text).casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]
