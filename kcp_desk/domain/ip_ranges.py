"""IP addresses and subnets as an agent types them, and as ranges a btree can look up.

SPEC C1.1: abuse reports arrive by IP address; an address inside a subnet assigned to a
server finds the server's owner. What an agent pastes is often an address with a port
(``203.0.113.45:443``), an IPv6 address in brackets (``[2001:db8::1]:8443``), an IPv6
address with a zone (``fe80::1%eth0``) or an IPv4-mapped IPv6 address
(``::ffff:203.0.113.45``); :func:`parse_address` reads all of them.

A network is stored as its canonical text (``203.0.113.40/29``, ``2001:db8:1::/64``)
and, for databases without an address type (SQLite), as ``family`` plus the first and
the last address of the range, each as :data:`RANGE_DIGITS` lower-case hex digits
(:func:`network_range`): text compares like the number it spells, so one index on
``(family, range_start)`` answers "the range that starts last at or before x".
"""

from __future__ import annotations

import ipaddress
import re
from typing import Final

__all__ = [
    "RANGE_DIGITS",
    "IPAddress",
    "IPNetwork",
    "address_key",
    "network_range",
    "network_text",
    "parse_address",
    "parse_network",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

#: hex digits of a range bound: 128 bits (IPv4 addresses are stored the same width)
RANGE_DIGITS: Final = 32

_BRACKETED: Final = re.compile(r"\[([0-9A-Fa-f:.]+(?:%[^\]\s]+)?)\](?::([0-9]{1,5}))?")
_IPV4_PORT: Final = re.compile(r"([0-9.]+):([0-9]{1,5})")
_MAX_PORT: Final = 65535
#: longest text that can be an address (IPv6 with embedded IPv4, zone, brackets, port)
_MAX_CHARS: Final = 100


def _port_ok(port: str | None) -> bool:
    return port is None or int(port) <= _MAX_PORT


def _address(text: str) -> IPAddress | None:
    text = text.split("%", 1)[0]  # a zone (fe80::1%eth0) names no other address
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def parse_address(text: str) -> IPAddress | None:
    """The address ``text`` spells, with or without a port or brackets; ``None`` if it is
    none (``999.1.1.1``, ``1.2.3``, a host name). Never raises."""
    text = text.strip()
    if not text or len(text) > _MAX_CHARS:
        return None
    if m := _BRACKETED.fullmatch(text):
        return _address(m.group(1)) if _port_ok(m.group(2)) else None
    if m := _IPV4_PORT.fullmatch(text):
        address = _address(m.group(1)) if _port_ok(m.group(2)) else None
        return address if isinstance(address, ipaddress.IPv4Address) else None
    if ":" not in text and text.count(".") != 3:
        return None  # ipaddress reads "1" or "1.2" as no address anyway; say so early
    return _address(text)


def parse_network(text: str) -> IPNetwork | None:
    """The subnet ``text`` spells in CIDR notation (``203.0.113.40/29``); host bits are
    cleared (``203.0.113.45/29`` is that subnet). ``None`` without a ``/prefix``."""
    text = text.strip()
    if "/" not in text or len(text) > _MAX_CHARS:
        return None
    address, _, prefix = text.partition("/")
    if not prefix.isdigit() or not prefix.isascii():
        return None
    parsed = _address(address.strip("[]"))
    if parsed is None:
        return None
    try:
        return ipaddress.ip_network(f"{parsed}/{int(prefix)}", strict=False)
    except ValueError:  # prefix longer than the address
        return None


def network_text(network: IPNetwork) -> str:
    """The canonical text of ``network``: ``203.0.113.40/29``, ``2001:db8::/64``;
    PostgreSQL's ``cidr`` output is the same."""
    return network.with_prefixlen


def address_key(address: IPAddress) -> str:
    """``address`` as a range bound: :data:`RANGE_DIGITS` lower-case hex digits."""
    return f"{int(address):0{RANGE_DIGITS}x}"


def network_range(network: IPNetwork) -> tuple[int, str, str]:
    """(family 4 or 6, first address, last address) of ``network`` for the range columns."""
    return (
        network.version,
        address_key(network.network_address),
        address_key(network.broadcast_address),
    )
