"""Bytes to text: BOM-aware UTF decoding, UTF-8 first, then a detected legacy encoding; binary refused."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# (BOM, codec) in the order they must be tried: UTF-32 LE starts with the UTF-16 LE BOM.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TEXT_CONTROLS = {9, 10, 12, 13, 27}  # tab, newlines, form feed, escape
_SNIFF = 8192
# Mostly UTF-8 with a few stray bytes (text pasted from two sources): keep the UTF-8 reading
# when at most this share of the non-ASCII characters had to be replaced.
_STRAY_SHARE = 0.1
# Among equally plausible readings the web's most common legacy encoding wins: the detector
# cannot tell cp1252 from cp1006 on a text with one accented letter.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


class DecodeError(ValueError):
    """The bytes are not text dyad can read; the message says why."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str = "utf-8"
    note: str | None = None  # how the bytes were read when that was not plain UTF-8


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than one control byte in ten, in the first 8 KiB."""
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    return bool(head) and controls / len(head) > 0.1


def _mostly_utf8(data: bytes) -> Decoded | None:
    text = data.decode("utf-8", "replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if non_ascii > replaced and replaced <= _STRAY_SHARE * non_ascii:
        return Decoded(text, "utf-8", f"read as UTF-8 with {replaced} undecodable byte sequence(s) replaced")
    return None


def _detected(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    plausible = [m for m in matches if m.chaos <= least + 0.01]
    for name in _PREFERRED:
        for match in plausible:
            if name in match.could_be_from_charset:
                try:
                    return Decoded(data.decode(name), name, f"read as {name} (not UTF-8)")
                except UnicodeDecodeError:
                    break
    best = max(plausible, key=lambda m: m.coherence)
    return Decoded(str(best), best.encoding, f"read as {best.encoding} (not UTF-8, detected)")


def decode(data: bytes, charset: str | None = None) -> Decoded:
    """UTF-8 (with or without BOM), UTF-16/32 with BOM, a declared charset, else a detected encoding."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not {codec.upper()} text despite its byte-order mark (byte {exc.start})") from exc
    if looks_binary(data):
        raise DecodeError("binary file")
    if charset:
        try:
            return Decoded(data.decode(charset), charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall through to UTF-8
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    found = _mostly_utf8(data) or _detected(data)
    if found is None:
        raise DecodeError(f"not text in UTF-8 or any encoding dyad can detect (byte {first_bad})")
    return found


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """The text of `decode`, without the note."""
    return decode(data, charset).text
