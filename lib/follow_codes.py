"""Follow codes: the key a resident without an account gets to follow what they sent (a dream, a pearl).

10 characters from 31 (no 0/O, 1/I/L): 8.2 × 10^14 possibilities. Every lookup by code goes through a
``lib.guesses.GuessLimit`` (see docs/security.md)."""

import secrets

# No 0/O, 1/I/L: a code read out over the phone or copied from paper stays unambiguous.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 10


def reference_new() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def reference_normalise(value: str) -> str:
    """Accept codes typed with spaces, dashes or lower case."""
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


def reference_display(value: str) -> str:
    """Split a code in readable groups: ``ABCD-EFG-HJK``."""
    return f"{value[:4]}-{value[4:7]}-{value[7:]}" if len(value) == REFERENCE_LENGTH else value
