"""Loaded by tests as sitecustomize: refuse and record every non-loopback connection.

Put this folder first on PYTHONPATH and set NETGUARD_LOG to a file; each refused attempt
(address or host name) is appended to it, and the connection fails with an OSError.
"""

import ipaddress
import os
import socket

_LOG = os.environ.get("NETGUARD_LOG")
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _is_local(host) -> bool:
    if host is None:
        return True
    host = host.decode() if isinstance(host, bytes) else str(host)
    if host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _record(what: str) -> None:
    if _LOG:
        with open(_LOG, "a") as handle:
            handle.write(what + "\n")


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        _record(f"connect {address!r}")
        raise OSError(f"netguard: outbound connection to {address!r} refused")
    return _connect(self, address)


def _guarded_connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        _record(f"connect_ex {address!r}")
        return 111
    return _connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if not _is_local(host):
        _record(f"resolve {host!r}")
        raise socket.gaierror(f"netguard: name lookup of {host!r} refused")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex
socket.getaddrinfo = _guarded_getaddrinfo
