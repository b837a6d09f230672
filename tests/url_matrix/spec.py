"""How a table entry is written: the URL's name, how to build its arguments from the world,
the expected GET status for every role, and, for a state-changing URL, the POST that an
outsider must not be able to make.

Statuses: an ``int`` is the status code expected as is (redirects not followed); ``LOGIN``
is a 302 whose ``Location`` is the sign-in page (with ``?next=``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Union

from url_matrix.world import ROLES, World

LOGIN = "login"
Status = Union[int, str]  # noqa: UP007 — an int code or LOGIN
SIGNED_IN = tuple(role for role in ROLES if role != "visitor")
PROBES = ("outsider", "other_facilitator")


@dataclass(frozen=True)
class Lit:
    """A literal URL argument (not an object of the world)."""

    value: Any


@dataclass(frozen=True)
class Attr:
    """An attribute of a world object (a slug, a code)."""

    name: str
    attribute: str


Arg = Union[str, Lit, Attr]  # noqa: UP007 — a world object's key (its pk), a literal, an attribute


@dataclass(frozen=True)
class Post:
    """A state-changing request. ``data`` is what a legitimate user would send (so that the
    owner's POST does change something: the positive control); ``owner`` is a role for
    whom it succeeds; ``probes`` are roles that must be refused (404, 403 or 405) and
    change nothing. An action open to everyone by design (registering for a public event,
    asking to join an organisation) has no probes."""

    data: Callable[[World], dict[str, Any]] | Mapping[str, Any] = field(default_factory=dict)
    owner: str | None = "org_admin"
    # The name of the form in the page's context: the owner's GET gives its current values,
    # ``data`` is applied on top (so that a whole valid form is sent).
    from_form: str | None = None
    probes: tuple[str, ...] = PROBES
    reason_no_owner: str = ""
    # A known bug that stops the owner's POST (the positive control is then xfail).
    owner_bug: str = ""

    def payload(self, world: World) -> dict[str, Any]:
        return dict(self.data(world) if callable(self.data) else self.data)


@dataclass(frozen=True)
class Entry:
    name: str
    kwargs: Mapping[str, Arg] = field(default_factory=dict)
    # A second entry for the same URL on another object (a draft…) names its variant.
    variant: str = ""
    get: Mapping[str, Status] = field(default_factory=dict)
    post: Post | None = None
    query: str = ""
    # Known bugs: role -> reason; the matrix expects the correct status and marks the case
    # xfail(strict=True) until the owner of the view fixes it.
    bugs: Mapping[str, str] = field(default_factory=dict)
    post_bugs: Mapping[str, str] = field(default_factory=dict)
    # Why the page may show a person to those the matrix would otherwise not (empty: it
    # may not).
    discloses: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name

    @property
    def post_only(self) -> bool:
        return all(status in (405, LOGIN) for status in self.get.values())

    def resolve(self, world: World, *, replace: Mapping[str, Any] | None = None) -> dict[str, Any]:
        replace = replace or {}
        values: dict[str, Any] = {}
        for key, arg in self.kwargs.items():
            if key in replace:
                values[key] = replace[key]
            elif isinstance(arg, Lit):
                values[key] = arg.value
            elif isinstance(arg, Attr):
                values[key] = getattr(world[arg.name], arg.attribute)
            else:
                values[key] = world.pk(arg)
        return values

    def object_kwargs(self) -> list[str]:
        """The URL arguments that are ids of world objects."""
        return [key for key, arg in self.kwargs.items() if isinstance(arg, str)]


# --------------------------------------------------------------------------- expectations


def every(status: Status) -> dict[str, Status]:
    """The same answer for everyone (public pages)."""
    return dict.fromkeys(ROLES, status)


def signed_in(status: Status = 200, *, visitor: Status = LOGIN) -> dict[str, Status]:
    """Any signed-in person gets ``status``; a visitor is sent to sign in."""
    return {**dict.fromkeys(SIGNED_IN, status), "visitor": visitor}


def only(
    status: Status, *roles: str, others: Status = 404, visitor: Status = LOGIN
) -> dict[str, Status]:
    """``roles`` get ``status``; other signed-in people ``others`` (404: missing and
    forbidden alike); a visitor ``visitor`` (unless listed)."""
    expected: dict[str, Status] = dict.fromkeys(SIGNED_IN, others)
    expected["visitor"] = visitor
    for role in roles:
        expected[role] = status
    return expected


def post_only(*, visitor: Status = LOGIN) -> dict[str, Status]:
    """A POST-only endpoint: GET is refused with 405 once signed in."""
    return signed_in(405, visitor=visitor)


def but(base: Mapping[str, Status], **changes: Status) -> dict[str, Status]:
    return {**base, **changes}
