"""The one domain exception: a broken business rule, with a message a user can read."""


class DomainError(Exception):
    """Raised by services when a rule refuses an action; views show `message` to the user.

    `code` is a stable machine-readable slug for the API; `field` names the form field the
    message belongs to, when there is one.
    """

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def __str__(self) -> str:
        return str(self.message)
