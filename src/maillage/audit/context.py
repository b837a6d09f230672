"""Who is acting, and from where: the context the audit triggers record with each change.

``audit_context(user=..., label=...)`` opens a context for a block of code: a request (the
``AuditContextMiddleware``), a command (``MaillageCommand``), a background task. The
triggers read it from the database session:

- PostgreSQL: session settings ``maillage.audit_user``, ``maillage.audit_context`` and
  ``maillage.audit_mode``, set with ``set_config`` when the context opens and put back
  when it closes (see docs/decisions/0022 for why not transaction-local settings). A
  connection opened inside a context gets it at once (``connection_created``).
- SQLite: the triggers call functions (``maillage_audit_user()``…) that this module
  registers on every connection Django opens; they read the context of the running thread.

Contexts nest: an inner one inherits what it does not set, and the outer one is back when
it closes. The state lives in a ``ContextVar``, so threads never see each other's.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from maillage.audit.enums import AuditMode
from maillage.audit.registry import MASK

CONTEXT_MAX_LENGTH = 255


@dataclass(frozen=True)
class AuditState:
    user_id: int | None = None
    label: str = ""
    mode: str = AuditMode.ROW
    maintenance: bool = False
    # Inside an ``audit_context`` (``audit_set_user`` does nothing outside one).
    active: bool = False

    def settings(self) -> tuple[str, str, str, str]:
        """The values of the PostgreSQL session settings."""
        return (
            "" if self.user_id is None else str(self.user_id),
            self.label,
            str(self.mode),
            "on" if self.maintenance else "",
        )


DEFAULT_STATE = AuditState()
_state: ContextVar[AuditState] = ContextVar("maillage_audit_state", default=DEFAULT_STATE)
_UNSET: Any = object()


def current_state() -> AuditState:
    return _state.get()


def _user_id(user: Any) -> int | None:
    if user is None:
        return None
    if isinstance(user, int):
        return user
    if not getattr(user, "is_authenticated", False):
        return None
    return int(user.pk)


@contextmanager
def _with_state(state: AuditState) -> Iterator[AuditState]:
    token = _state.set(state)
    apply_state()
    try:
        yield state
    finally:
        _state.reset(token)
        apply_state()


@contextmanager
def audit_context(*, user: Any = _UNSET, label: str | None = None) -> Iterator[AuditState]:
    """Record ``user`` (a ``User``, an id, or ``None`` for nobody; an anonymous user counts
    as nobody) and ``label`` (where from) with every change made inside the block. What is
    not given is inherited from the enclosing context."""
    state = _state.get()
    changes: dict[str, Any] = {"active": True}
    if user is not _UNSET:
        changes["user_id"] = _user_id(user)
    if label is not None:
        changes["label"] = label[:CONTEXT_MAX_LENGTH]
    with _with_state(replace(state, **changes)) as new_state:
        yield new_state


def audit_command_context(name: str) -> Any:
    """The context of a management command (registered with ``MaillageCommand``)."""
    return audit_context(user=None, label=f"maillage {name}")


def audit_set_user(user: Any) -> None:
    """Change the acting user of the current context, until it closes (after a sign-in, or
    an API call authenticated by token inside the view). Outside any context, does nothing:
    a thread's default stays "nobody"."""
    state = _state.get()
    if not state.active:
        return
    _state.set(replace(state, user_id=_user_id(user)))
    apply_state()


@contextmanager
def audit_bulk_summary(*, using: str = DEFAULT_DB_ALIAS) -> Iterator[AuditState]:
    """Inside this block (within the batch's ``transaction.atomic``) the triggers record
    nothing on this connection: the bulk writer records one entry per batch itself with
    ``services.audit_record_bulk`` (see docs/decisions/0022).

    PostgreSQL: the triggers see the mode in the session and return at once. SQLite: a
    trigger costs a bulk insert even when it does nothing (index writes lose their fast
    path), so the triggers are dropped inside the transaction and created again before it
    ends: SQLite has one writer at a time, so no other connection writes meanwhile, and
    none ever sees the schema without them (a rollback restores them too)."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("audit_bulk_summary() must run inside transaction.atomic().")
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        from maillage.audit.triggers import audit_triggers_drop

        audit_triggers_drop(using=using, keep_readonly=True)
    try:
        with _with_state(replace(_state.get(), mode=AuditMode.SUMMARY)) as state:
            yield state
    finally:
        if sqlite and not connection.needs_rollback:
            from maillage.audit.triggers import audit_triggers_install

            audit_triggers_install(using=using)


@contextmanager
def audit_maintenance() -> Iterator[AuditState]:
    """Allow changing audit rows (RGPD erasure, retention): only ``audit.services``."""
    with _with_state(replace(_state.get(), maintenance=True)) as state:
        yield state


# --------------------------------------------------------------------------- PostgreSQL

_APPLIED = "_maillage_audit_applied"
_SET_SQL = (
    "SELECT set_config('maillage.audit_user', %s, false), "
    "set_config('maillage.audit_context', %s, false), "
    "set_config('maillage.audit_mode', %s, false), "
    "set_config('maillage.audit_maintenance', %s, false)"
)


def _apply_postgresql(connection: BaseDatabaseWrapper, state: AuditState) -> None:
    raw = connection.connection
    if raw is None:
        return  # not connected yet: ``on_connection_created`` applies it on connection
    values = state.settings()
    if getattr(connection, _APPLIED, None) == values:
        return
    if connection.in_atomic_block and connection.needs_rollback:
        # The transaction is doomed; its rollback puts back the value it started with.
        setattr(connection, _APPLIED, None)
        return
    from psycopg import Error

    try:
        # The driver's cursor, not Django's: this bookkeeping is not one of the page's
        # queries (query budgets in tests count what the code asks for).
        with raw.cursor() as cursor:
            cursor.execute(_SET_SQL, values)
    except Error:
        # An aborted transaction: its rollback restores the earlier value, which is the
        # one wanted here, since contexts nest like transactions. Unknown until next time.
        setattr(connection, _APPLIED, None)
        return
    setattr(connection, _APPLIED, values)


def apply_state(using: str = DEFAULT_DB_ALIAS) -> None:
    """Bring the database session in line with the current context (PostgreSQL only; the
    SQLite functions read the context directly)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        _apply_postgresql(connection, _state.get())


# --------------------------------------------------------------------------- SQLite


def _sqlite_user() -> int | None:
    return _state.get().user_id


def _sqlite_context() -> str:
    return _state.get().label


def _sqlite_mode() -> str:
    return str(_state.get().mode)


def _sqlite_maintenance() -> int:
    return 1 if _state.get().maintenance else 0


@functools.lru_cache(maxsize=256)
def _diff_spec(
    columns: str, masked: str, json_columns: str
) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    return (
        tuple(columns.split(",")),
        frozenset(masked.split(",")) - {""},
        frozenset(json_columns.split(",")) - {""},
    )


def _sqlite_diff(columns: str, masked: str, json_columns: str, *values: Any) -> str | None:
    """``maillage_audit_diff(columns, masked, json, old…, new…)``: the changed columns as
    ``{"old": {...}, "new": {...}}``, or NULL when none changed (the update triggers)."""
    names, masked_set, json_set = _diff_spec(columns, masked, json_columns)
    count = len(names)
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for name, before, after in zip(names, values[:count], values[count:], strict=True):
        if before == after and type(before) is type(after):
            continue
        if name in json_set:
            before = None if before is None else json.loads(before)
            after = None if after is None else json.loads(after)
        elif name in masked_set:
            before = MASK if before not in (None, "") else before
            after = MASK if after not in (None, "") else after
        old[name], new[name] = before, after
    if not new:
        return None
    return json.dumps({"old": old, "new": new}, ensure_ascii=False)


SQLITE_FUNCTIONS: dict[str, tuple[int, Any]] = {
    "maillage_audit_user": (0, _sqlite_user),
    "maillage_audit_context": (0, _sqlite_context),
    "maillage_audit_mode": (0, _sqlite_mode),
    "maillage_audit_maintenance": (0, _sqlite_maintenance),
    "maillage_audit_diff": (-1, _sqlite_diff),
}


def on_connection_created(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Every new connection: SQLite gets the functions its triggers call; PostgreSQL gets
    the open context, if any."""
    if connection.vendor == "sqlite":
        for name, (arguments, function) in SQLITE_FUNCTIONS.items():
            connection.connection.create_function(name, arguments, function, deterministic=False)
    elif connection.vendor == "postgresql":
        setattr(connection, _APPLIED, None)
        state = _state.get()
        if state.settings() != DEFAULT_STATE.settings():
            _apply_postgresql(connection, state)
        else:  # a new session has none of the settings: the same as the defaults
            setattr(connection, _APPLIED, DEFAULT_STATE.settings())
