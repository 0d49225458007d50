"""Bytes to text: BOM-aware UTF decoding, and a refusal of binary data."""

from __future__ import annotations

import codecs

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


class DecodeError(ValueError):
    """The bytes are not text dyad can read; the message says why."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than one control byte in ten, in the first 8 KiB."""
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    return bool(head) and controls / len(head) > 0.1


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """Decode UTF-8, UTF-8 with BOM, UTF-16/32 with BOM, or a declared charset."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not {codec.upper()} text despite its byte-order mark (byte {exc.start})") from exc
    if looks_binary(data):
        raise DecodeError("binary file")
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall through to UTF-8
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"not UTF-8 text (byte {exc.start})") from exc
