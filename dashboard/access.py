"""Who may change data/: anyone at this computer; over the office network, only with the administrator's password.

The app listens on 127.0.0.1 by default (.streamlit/config.toml). An administrator who serves the office network
sets a password first: `python -m dashboard password` prints its salted scrypt hash, which goes into
.streamlit/secrets.toml (`write_password_hash = "…"`, never in git) or the environment variable
DASHBOARD_WRITE_PASSWORD_HASH. The password itself is stored nowhere.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

LOCAL_ADDRESSES = {"127.0.0.1", "localhost", "::1"}
ENVIRONMENT_VARIABLE = "DASHBOARD_WRITE_PASSWORD_HASH"
SECRET_NAME = "write_password_hash"
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}  # the standard library's scrypt with its usual interactive cost


def password_hash(password: str, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$salt$hash` (base64), a fresh random salt each time."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    encode = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${encode(salt)}${encode(digest)}"


def check_password(password: str, stored: str) -> bool:
    """True when `password` gives `stored` (compared in constant time); False for a malformed hash too."""
    try:
        scheme, n, r, p, salt, digest = stored.strip().split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt, validate=True),
                                n=int(n), r=int(r), p=int(p), dklen=len(expected), maxmem=2 ** 26)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def is_local_only(server_address: str | None) -> bool:
    """Streamlit listens on every interface when server.address is unset."""
    return (server_address or "").strip() in LOCAL_ADDRESSES
