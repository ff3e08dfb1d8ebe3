"""Which hub addresses a terminal may talk to: HTTPS, or plain HTTP to this machine only.

Over plain HTTP a hall's network would see the terminal's token, ID numbers and phones.
Provisioning refuses such a URL unless the operator says `--insecure-hub` (a lab, a
demo); `kiosk doctor` then reports the insecure hub as a failure, every time.
Problems are machine codes; the command line words them.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

HTTPS, HTTP = "https", "http"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})

# Problem codes
BAD_SCHEME = "hub_url_scheme"  # neither https nor http (ftp://, file://, no scheme)
NO_HOST = "hub_url_host"  # no host name, or credentials in the URL
NOT_HTTPS = "hub_url_not_https"  # http to another machine, not allowed as insecure
INSECURE = "hub_url_insecure"  # http to another machine, allowed by --insecure-hub


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def hub_url_problem(url: str, *, insecure: bool = False) -> str | None:
    """None when provisioning may use `url`; else a problem code.

    `insecure` (`--insecure-hub`) allows plain HTTP to another machine; nothing allows a
    scheme other than http and https."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        _ = parts.port  # a port that is not a number raises
    except ValueError:
        return NO_HOST
    if parts.scheme.lower() not in (HTTPS, HTTP):
        return BAD_SCHEME
    if not host or parts.username is not None or parts.password is not None:
        return NO_HOST
    if parts.scheme.lower() == HTTP and not is_loopback(host) and not insecure:
        return NOT_HTTPS
    return None


def doctor_problem(url: str) -> str | None:
    """What `kiosk doctor` reports as a failure about the provisioned hub URL: any problem,
    including plain HTTP that `--insecure-hub` allowed (`hub_url_insecure`)."""
    problem = hub_url_problem(url)
    if problem == NOT_HTTPS and hub_url_problem(url, insecure=True) is None:
        return INSECURE
    return problem
