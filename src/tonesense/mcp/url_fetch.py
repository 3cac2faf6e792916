"""Download audio over http(s) without letting a URL reach the server's own network (SSRF).

The host name is resolved once; every address must be public (not private, loopback, link-local, multicast,
reserved or unspecified) and the connection goes to the vetted address, so DNS cannot be re-pointed between the
check and the connect. Redirects are followed by hand and re-checked; size and total time are capped.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urljoin, urlsplit

from tonesense.errors import AudioTooLargeError, InputError

__all__ = ["check_public_address", "fetch_url"]

_MAX_REDIRECTS = 3
_CHUNK = 64 * 1024


def fetch_url(url: str, *, max_bytes: int, timeout: float) -> bytes:
    """The body of `url`, read from a public address only, at most `max_bytes`, within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    for _ in range(_MAX_REDIRECTS + 1):
        response, connection = _request(url, deadline)
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise InputError("the audio URL redirected without a Location")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise InputError(f"the audio URL answered HTTP {response.status}; check the URL")
            return _read_capped(response, max_bytes, deadline)
        finally:
            connection.close()
    raise InputError("the audio URL redirected too many times")


def check_public_address(address: str) -> None:
    """Raise `InputError` unless `address` (an IP literal) is a public unicast address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_unspecified:
        raise InputError("audio URLs must point at a public internet address; private and local hosts are refused")


def _request(url: str, deadline: float) -> tuple[http.client.HTTPResponse, http.client.HTTPConnection]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError("audio URLs must be http:// or https:// with a host name")
    if parts.username or parts.password:
        raise InputError("audio URLs must not carry credentials")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _resolve_public(parts.hostname, port)
    connection = _connection(parts.scheme, parts.hostname, address, port, _remaining(deadline))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("GET", path, headers={"Host": parts.netloc, "User-Agent": "tonesense-mcp"})
        return connection.getresponse(), connection
    except (OSError, http.client.HTTPException) as exc:
        connection.close()
        raise InputError(f"the audio URL could not be fetched ({type(exc).__name__})") from None


def _resolve_public(host: str, port: int) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise InputError(f"the audio URL's host {host!r} does not resolve") from None
    addresses = [str(info[4][0]) for info in infos]
    for address in addresses:
        check_public_address(address)
    return addresses[0]


def _connection(scheme: str, host: str, address: str, port: int, timeout: float) -> http.client.HTTPConnection:
    if scheme == "https":
        return _PinnedHTTPSConnection(host, address, port, timeout)
    return _PinnedHTTPConnection(host, address, port, timeout)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to a vetted address, whatever the host name resolves to now."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to a vetted address, with the certificate checked against the host name."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address
        self._tls = ssl.create_default_context()

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._tls.wrap_socket(raw, server_hostname=self.host)


def _read_capped(response: http.client.HTTPResponse, max_bytes: int, deadline: float) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise AudioTooLargeError(_too_big(int(declared), max_bytes))
    chunks: list[bytes] = []
    total = 0
    while chunk := response.read(_CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise AudioTooLargeError(_too_big(total, max_bytes))
        _remaining(deadline)
        chunks.append(chunk)
    return b"".join(chunks)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise InputError("the audio URL took too long to download; pass a local file instead")
    return left


def _too_big(size: int, cap: int) -> str:
    return f"the audio URL holds over {min(size, cap + 1) / 1e6:.0f} MB, over the {cap / 1e6:.0f} MB download cap"
