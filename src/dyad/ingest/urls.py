"""Fetch http(s) URLs within bounds: redirects checked hop by hop, a size cap and one overall deadline.

The URL a user names is fetched wherever it points (tests serve on
127.0.0.1). A redirect is followed only when it keeps the scheme, and only to
a public address or back to the very origin the user named, unless the
`url_allow_private` setting says otherwise: a page must not be able to steer
dyad to a service on the user's own machine or network. Every read has the
`url_timeout`, and the whole fetch, redirects and body included, ends at
`url_deadline`: a server that trickles bytes is cut off.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from urllib.parse import urljoin, urlsplit

import httpx

from dyad.ingest.decode import DecodeError, decode
from dyad.ingest.items import IngestError, RawText
from dyad.ingest.meta import Meta
from dyad.settings import Settings
from dyad.version import __version__

_CHARSET = re.compile(rb"<meta[^>]{0,512}?charset=[\"']?([\w-]{1,40})", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]{0,30}):")
_REDIRECTS = {301, 302, 303, 307, 308}


class Refused(Exception):
    """A fetch dyad will not make or finish; the message is the problem line."""


def is_url(raw: str) -> bool:
    return raw.lower().startswith(("http://", "https://"))


def unsupported_scheme(raw: str) -> str | None:
    """The scheme of a URL dyad does not fetch (`ftp://...`, `file:...`), or None."""
    match = _SCHEME.match(raw)
    if match is None or len(match.group(1)) == 1:  # `C:\...` is a Windows path
        return None
    return match.group(1).lower() if raw[match.end() :].startswith("//") or match.group(1).lower() == "file" else None


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<head" in head


def _addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []  # the request itself will say it cannot connect
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def _private(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    return not address.is_global or address.is_multicast


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port


def check_redirect(first: str, target: str, allow_private: bool) -> None:
    """Raise Refused unless a redirect from the user's URL `first` to `target` may be followed."""
    scheme = urlsplit(target).scheme.lower()
    if scheme not in ("http", "https"):
        raise Refused(f"redirect to a {scheme or 'scheme-less'}: URL refused (only http and https)")
    if scheme != urlsplit(first).scheme.lower():
        raise Refused(f"redirect from {urlsplit(first).scheme} to {scheme} refused (scheme change); give {target}")
    if allow_private or _origin(target) == _origin(first):
        return
    host = urlsplit(target).hostname or ""
    if any(_private(a) for a in _addresses(host)):
        raise Refused(f"redirect to a private, loopback or link-local address refused ({host})")


def _reason(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        text = str(exc).lower()
        return "connection refused" if "refused" in text else f"cannot connect ({exc})"
    return f"fetch failed ({exc.__class__.__name__}: {exc})"


def _body(response: httpx.Response, max_bytes: int, deadline: float, seconds: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise Refused(f"too large ({declared} bytes > {max_bytes})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise Refused(f"too large (more than {max_bytes} bytes)")
        if time.monotonic() > deadline:
            raise Refused(f"took longer than {seconds:g} s in all; cut off")
        chunks.append(chunk)
    return b"".join(chunks)


def _get(client: httpx.Client, url: str, settings: Settings) -> tuple[str, httpx.Headers, str | None, bytes]:
    """(final URL, headers, declared charset, body) after the redirects allowed."""
    deadline = time.monotonic() + settings.url_deadline
    current = url
    for _ in range(settings.url_max_redirects + 1):
        left = deadline - time.monotonic()
        if left <= 0:
            raise Refused(f"took longer than {settings.url_deadline:g} s in all; cut off")
        timeout = httpx.Timeout(min(settings.url_timeout, left))
        with client.stream("GET", current, timeout=timeout) as response:
            if response.status_code in _REDIRECTS and "location" in response.headers:
                target = urljoin(current, response.headers["location"])
                check_redirect(url, target, settings.url_allow_private)
                current = target
                continue
            if response.status_code >= 400:
                raise Refused(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            data = _body(response, settings.max_bytes, deadline, settings.url_deadline)
            return str(response.url), response.headers, response.charset_encoding, data
    raise Refused(f"too many redirects (more than {settings.url_max_redirects})")


PAGE_ACCEPT = "text/html, text/plain;q=0.9, */*;q=0.5"


def fetch_bytes(
    url: str, settings: Settings, accept: str = PAGE_ACCEPT
) -> tuple[str, httpx.Headers, str | None, bytes] | IngestError:
    """(final URL, headers, declared charset, body) of a GET within every URL limit, or the error line."""
    headers = {"User-Agent": f"dyad/{__version__}", "Accept": accept}
    try:
        with httpx.Client(follow_redirects=False, headers=headers) as client:
            return _get(client, url, settings)
    except Refused as exc:
        return IngestError(url, str(exc))
    except httpx.InvalidURL as exc:
        return IngestError(url, f"invalid URL ({exc})")
    except httpx.HTTPError as exc:
        return IngestError(url, _reason(exc))
    except (ValueError, UnicodeError) as exc:  # a URL httpx or idna cannot even parse
        return IngestError(url, f"invalid URL ({exc})")


def fetch(url: str, settings: Settings) -> RawText | IngestError:
    """GET the URL; HTML comes back marked for extraction, anything else as text."""
    got = fetch_bytes(url, settings)
    if isinstance(got, IngestError):
        return got
    final_url, response_headers, charset, data = got
    html = "html" in response_headers.get("content-type", "").lower() or looks_like_html(data)
    if html and not charset and (match := _CHARSET.search(data[:4096])):
        charset = match.group(1).decode("ascii", "replace")
    try:
        found = decode(data, charset)
    except DecodeError as exc:
        return IngestError(url, str(exc))
    return RawText(source=url, text=found.text, meta=Meta(url=final_url), html=html,
                   notes=[found.note] if found.note else [])
