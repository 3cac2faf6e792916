"""SSRF guards of the optional http(s) audio download."""

from __future__ import annotations

import pytest

from tonesense.errors import InputError
from tonesense.mcp.url_fetch import check_public_address, fetch_url


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.5",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_private_loopback_link_local_and_mapped_addresses_are_refused(address: str) -> None:
    with pytest.raises(InputError):
        check_public_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    check_public_address(address)


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8080/a.wav",
        "http://127.0.0.1/a.wav",
        "http://[::1]/a.wav",
        "http://169.254.169.254/latest/meta-data",
        "http://user:pass@example.com/a.wav",
        "ftp://example.com/a.wav",
    ],
)
def test_urls_reaching_this_machine_or_carrying_credentials_are_refused_before_connecting(url: str) -> None:
    with pytest.raises(InputError):
        fetch_url(url, max_bytes=1024, timeout=5)
