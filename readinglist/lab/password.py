"""Where a member's password comes from: the URL, the environment, the keyring, the terminal.

``READINGLIST_LAB_PASSWORD`` (for scripts and tests) wins over the keyring,
which is then never touched. The password is never written to the library.
"""

from __future__ import annotations

import getpass
import os
import sys

from sqlalchemy.engine import URL

from readinglist.lab import urls

ENV = "READINGLIST_LAB_PASSWORD"
SERVICE = "readinglist-lab"


def resolve(url: URL, *, ask: bool = True) -> tuple[str | None, str]:
    """The password for ``url`` and where it came from ('url', 'env', 'keyring', 'terminal')."""
    if url.password:
        return str(url.password), "url"
    if os.environ.get(ENV):
        return os.environ[ENV], "env"
    found = _from_keyring(url)
    if found:
        return found, "keyring"
    if ask and sys.stdin.isatty():
        return getpass.getpass(f"Password for {urls.shown(url)}: "), "terminal"
    return None, "none"


def _from_keyring(url: URL) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, urls.keyring_user(url))
        except KeyringError:
            return None
    except Exception:
        # No usable keyring backend on this machine is not an error: other
        # sources remain (the environment, the terminal).
        return None


def remember(url: URL, password: str) -> bool:
    """Keep the password in the system keyring; False when there is no keyring."""
    if os.environ.get(ENV):
        return False
    try:
        import keyring

        keyring.set_password(SERVICE, urls.keyring_user(url), password)
        return True
    except Exception:
        return False


def forget(url: URL) -> None:
    if os.environ.get(ENV):
        return
    try:
        import keyring

        keyring.delete_password(SERVICE, urls.keyring_user(url))
    except Exception:
        return


def require(url: URL, *, ask: bool = True) -> str | None:
    """The password from the first source that has one (``ask``: on a terminal).

    None when there is none: libpq may still find one (``PGPASSWORD``,
    ``~/.pgpass``) or the server may not ask (trust, peer); a server that
    does ask says so in one line when connecting.
    """
    password, _ = resolve(url, ask=ask)
    return password
