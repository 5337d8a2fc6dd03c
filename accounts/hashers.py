"""Password hashing: Argon2id with OWASP's minimum parameters (Password Storage Cheat Sheet:
m = 19 MiB, t = 2, p = 1), first in PASSWORD_HASHERS so existing PBKDF2 hashes are upgraded to it
the next time their owner signs in (Django re-hashes when the first hasher differs)."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id, 19 MiB of memory, 2 passes, 1 lane: tens of milliseconds a login instead of the
    second PBKDF2 takes at 1,000,000 iterations on a busy core, and memory-hard against GPUs.

    The algorithm name stays "argon2": hashes carry their own parameters, so a later change of
    the parameters upgrades them on login (`must_update`)."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
