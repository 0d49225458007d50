"""Fetch http(s) URLs with a timeout and a size limit."""

from __future__ import annotations

import re

import httpx

from dyad.ingest.decode import DecodeError, decode_bytes
from dyad.ingest.items import IngestError, RawText
from dyad.ingest.meta import Meta
from dyad.version import __version__

_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.IGNORECASE)


def is_url(raw: str) -> bool:
    return raw.lower().startswith(("http://", "https://"))


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<head" in head


def _reason(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        text = str(exc).lower()
        return "connection refused" if "refused" in text else f"cannot connect ({exc})"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    return f"fetch failed ({exc.__class__.__name__}: {exc})"


def fetch(url: str, timeout: float, max_bytes: int) -> RawText | IngestError:
    """GET the URL; HTML comes back marked for extraction, anything else as text."""
    headers = {"User-Agent": f"dyad/{__version__}", "Accept": "text/html, text/plain;q=0.9, */*;q=0.5"}
    try:
        with httpx.stream("GET", url, timeout=timeout, follow_redirects=True, headers=headers) as response:
            if response.status_code >= 400:
                return IngestError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                return IngestError(url, f"too large ({declared} bytes > {max_bytes})")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    return IngestError(url, f"too large (more than {max_bytes} bytes)")
                chunks.append(chunk)
            final_url = str(response.url)
            content_type = response.headers.get("content-type", "").lower()
            charset = response.charset_encoding
    except httpx.InvalidURL as exc:
        return IngestError(url, f"invalid URL ({exc})")
    except httpx.HTTPError as exc:
        return IngestError(url, _reason(exc))
    data = b"".join(chunks)
    html = "html" in content_type or looks_like_html(data)
    if html and not charset and (match := _CHARSET.search(data[:4096])):
        charset = match.group(1).decode("ascii", "replace")
    try:
        text = decode_bytes(data, charset)
    except DecodeError as exc:
        return IngestError(url, str(exc))
    return RawText(source=url, text=text, meta=Meta(url=final_url), html=html)
