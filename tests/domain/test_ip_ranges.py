"""IP addresses as agents paste them, and the range columns of ``product_addresses``."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kcp_desk.domain.ip_ranges import (
    RANGE_DIGITS,
    address_key,
    network_range,
    network_text,
    parse_address,
    parse_network,
)

ports = st.integers(min_value=0, max_value=65535)


def _expected(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> object:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


@given(address=st.ip_addresses(), port=ports)
def test_an_address_reads_back_bare_with_a_port_and_in_brackets(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, port: int
) -> None:
    expected = _expected(address)
    assert parse_address(str(address)) == expected
    assert parse_address(f" {address.exploded.upper()} ") == expected
    if address.version == 4:
        assert parse_address(f"{address}:{port}") == expected
    else:
        assert parse_address(f"[{address}]") == expected
        assert parse_address(f"[{address}]:{port}") == expected
        assert parse_address(f"{address}%eth0") == expected


@given(text=st.text(max_size=60))
def test_any_text_is_an_address_or_none_never_an_error(text: str) -> None:
    address = parse_address(text)
    network = parse_network(text)
    assert address is None or isinstance(address, ipaddress.IPv4Address | ipaddress.IPv6Address)
    assert network is None or isinstance(network, ipaddress.IPv4Network | ipaddress.IPv6Network)


@pytest.mark.parametrize(
    "text", ["999.1.1.1", "1.2.3", "1.2.3.4.5", "1", "203.0.113.45:65536", "[2001:db8::1]:99999",
             "2001:db8:::1", "[2001:db8::g]", "v10042", "", "203.0.113.45/24"],
)  # fmt: skip
def test_what_is_no_address(text: str) -> None:
    assert parse_address(text) is None


@given(address=st.ip_addresses(), data=st.data())
def test_a_subnet_reads_back_with_host_bits_cleared(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, data: st.DataObject
) -> None:
    address = _expected(address)  # type: ignore[assignment]
    prefix = data.draw(st.integers(0, address.max_prefixlen))
    network = ipaddress.ip_network(f"{address}/{prefix}", strict=False)
    assert parse_network(f"{address}/{prefix}") == network
    assert parse_network(network_text(network)) == network
    assert parse_network(f"{address}/{address.max_prefixlen + 1}") is None
    assert parse_network(str(address)) is None


@given(network=st.ip_addresses().flatmap(
    lambda a: st.integers(0, a.max_prefixlen).map(
        lambda p: ipaddress.ip_network(f"{a}/{p}", strict=False))),
    address=st.ip_addresses())  # fmt: skip
def test_the_range_columns_compare_like_membership(
    network: ipaddress.IPv4Network | ipaddress.IPv6Network,
    address: ipaddress.IPv4Address | ipaddress.IPv6Address,
) -> None:
    family, start, end = network_range(network)
    assert family == network.version
    assert len(start) == len(end) == RANGE_DIGITS
    key = address_key(address)
    if address.version == family:
        assert (start <= key <= end) == (address in network)


@given(a=st.ip_addresses(v=6), b=st.ip_addresses(v=6))
def test_keys_sort_like_the_addresses(a: ipaddress.IPv6Address, b: ipaddress.IPv6Address) -> None:
    assert (address_key(a) < address_key(b)) == (a < b)


def test_canonical_text_is_what_postgresql_prints() -> None:
    assert network_text(ipaddress.ip_network("2001:DB8:0:5:0::/64")) == "2001:db8:0:5::/64"
    assert network_text(ipaddress.ip_network("203.0.113.7/32")) == "203.0.113.7/32"
