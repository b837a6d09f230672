"""Domain errors: the one exception services raise for broken business rules."""

from __future__ import annotations


class DomainError(Exception):
    """A broken rule, reported on a field with a stable code.

    Views show ``message`` next to ``field``; the API maps ``code`` to its error payload;
    commands print it with the input line when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class DomainValidationError(DomainError):
    """Several field errors at once (a form, an import row)."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        first_field = next(iter(errors), None)
        first = errors[first_field][0] if first_field else ""
        super().__init__(first, field=first_field, code="validation")
