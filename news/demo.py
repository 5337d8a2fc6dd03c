"""Demo data of news, loaded by `manage.py seed_demo` (idempotent)."""


def seed_demo() -> None:
    """Create the demo rows once; running it again changes nothing."""
