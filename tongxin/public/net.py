"""The client's address as seen through the reverse proxies we trust (TRUST_PROXY_HEADERS on, TRUSTED_PROXIES), and
never through others."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def trusted_networks() -> tuple[IPNetwork, ...]:
    """The proxies we believe: none unless TRUST_PROXY_HEADERS is on, then those in TRUSTED_PROXIES."""
    if not getattr(settings, "TRUST_PROXY_HEADERS", False):
        return ()
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def parse_ip(value: str) -> IPAddress | None:
    """An address from a header hop: tolerates ports ("1.2.3.4:80", "[::1]:80") and IPv4-mapped IPv6."""
    value = value.strip().strip('"')
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: IPAddress, networks: tuple[IPNetwork, ...]) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, unless it is a trusted proxy: then walk X-Forwarded-For from the right and take the first hop
    that is not a trusted proxy. Hops left of it were written by the client and may be forged, so they are ignored.
    "" when there is no usable address."""
    remote = parse_ip(request.META.get("REMOTE_ADDR", ""))
    if remote is None:  # no address at all (a Unix socket, a request built in code): nothing to key on
        return ""
    networks = trusted_networks()
    if not networks or not _trusted(remote, networks):
        return str(remote)
    nearest = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = parse_ip(hop)
        if address is None:
            # Garbage can only come from the far side of a trusted proxy; the last address we could trust is it.
            break
        nearest = address
        if not _trusted(address, networks):
            break
    return str(nearest)


def axes_client_ip(request: HttpRequest) -> str | None:
    """For django-axes (AXES_CLIENT_IP_CALLABLE), which stores the address in a nullable IP field."""
    return client_ip(request) or None
