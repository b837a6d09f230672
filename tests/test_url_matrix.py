"""The URL × role matrix (issue 8): every named URL of the site, for every role, answers
what its table says — and a URL that nobody put in a table fails the suite.

- The resolver is walked (``django.urls.get_resolver()``); Django's admin (staff only, by
  design: one test below), the API (fuzzed by ``api/tests/test_fuzz.py``) and
  ``set_language`` are left out. Every other name must have an entry in
  ``tests/url_matrix/tables/`` and every entry must still exist.
- One world (``url_matrix/world.py``) is built once for the module inside a transaction
  rolled back at the end; every test runs in a savepoint of it.
- GET per (URL, role), redirects not followed: ``LOGIN`` is a 302 to the sign-in page.
  Pages and files answered to someone not entitled to them must not show A's contact
  persons, A's people nor the titles of A's private objects (``World.secrets``).
- IDOR: for every state-changing URL on an object, a visitor (sent to sign in) and the
  outsiders (B's admin, the other territory's facilitator, and whoever else the entry
  names) POST what a legitimate user would; they must be refused (404, 403 or 405) and
  the database must not change. The same POST by the entry's owner must change it (so
  that the probe could fail).
- « My parent, your child »: for URLs with nested ids, B's admin uses an object of B as the
  parent and A's object as the child: 404, nothing changed.
- Foreign ids in a POST's body (``tables/tampered.py``) and mass assignment (fields a form
  does not offer) change nothing.
- An id that does not exist answers 404 to staff and to the facilitator, never 500.
- Every URL refuses a POST without its CSRF token (no view is exempt).

Known bugs are kept in the tables with the correct expectation and ``xfail(strict=True)``
(``Entry.bugs``, ``Entry.post_bugs``, ``Post.owner_bug``, ``Tampered.bug``): the suite goes
red when one is fixed, so that its marker goes with the fix.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from url_matrix.spec import LOGIN, Entry, Status
from url_matrix.tables import ENTRIES
from url_matrix.tables.tampered import CASES as TAMPERED
from url_matrix.tables.tampered import Tampered
from url_matrix.world import MISSING_ID, ROLES, World, build_world

EXCLUDED_NAMESPACES = ("admin", "api-v1")
EXCLUDED_NAMES = {"set_language"}
REFUSED = (403, 404, 405)

# B's counterpart of A's objects: the outsider (B's admin) owns these.
MIRROR = {
    "A": "B",
    "need_a": "need_b",
    "contact_a": "contact_b",
    "m_member": "m_b_member",
    "pship": "mirror",
    **{
        f"pship_{child}": f"mirror_{child}"
        for child in (
            "party",
            "party_other",
            "contribution",
            "risk",
            "checklist_item",
            "milestone",
            "document",
            "indicator",
            "measurement",
            "period",
        )
    },
    "envelope": "mirror_envelope",
    "allocation": "mirror_allocation",
    "allocation_spare": "mirror_allocation",
    "expense": "mirror_expense",
}
# A's objects under a parent of A that B has no counterpart of.
CHILDREN_OF_A = {"m_pending", "m_invited", "m_deactivated", "pship_party_third"}

# Streamed exports keep their temporary file until the response is closed, and closing it
# here would end the test database's connection (request_finished): the matrix checks
# statuses and contents, not file handles.
pytestmark = pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)


# --------------------------------------------------------------------------- the resolver


def collect_url_names() -> dict[str, str]:
    """Every named URL as ``namespace:name`` → its route, outside the exclusions."""
    found: dict[str, str] = {}

    def walk(patterns: Any, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if name.split(":")[0] in EXCLUDED_NAMESPACES or name in EXCLUDED_NAMES:
                    continue
                found[name] = prefix + str(pattern.pattern)

    walk(get_resolver().url_patterns, "/", "")
    return found


def test_every_url_has_an_entry_and_every_entry_a_url() -> None:
    urls = collect_url_names()
    named = {entry.name for entry in ENTRIES}
    missing = sorted(set(urls) - named)
    stale = sorted(named - set(urls))
    assert not missing and not stale, (
        "Add the new URLs to tests/url_matrix/tables/ (expected status per role):\n  "
        + "\n  ".join(f"{name}  {urls[name]}" for name in missing)
        + "\nRemove the entries of URLs that no longer exist:\n  "
        + "\n  ".join(stale)
    )


def test_every_entry_states_every_role_once() -> None:
    ids = [entry.id for entry in ENTRIES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    incomplete = [entry.id for entry in ENTRIES if set(entry.get) != set(ROLES)]
    assert not incomplete
    for entry in ENTRIES:
        if entry.post is None:
            continue
        assert set(entry.post.probes) <= set(ROLES) - {"visitor"}, entry.id
        assert entry.post.owner not in entry.post.probes, entry.id
        assert entry.post.owner or entry.post.reason_no_owner, entry.id


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """The world and one signed-in client per role, in a transaction rolled back once the
    module is done (each test runs in a savepoint inside it)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world()
            for role in ROLES:
                client = Client()
                user = built.users[role]
                if user is not None:
                    client.force_login(user)
                built.clients[role] = client
            built.pristine = snapshot()
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def w(world: World, db: None) -> World:
    for client in world.clients.values():
        client.cookies.pop("messages", None)  # no notice carried from one test to the next
    return world


def _url(entry: Entry, world: World, replace: dict[str, Any] | None = None) -> str:
    url = reverse(entry.name, kwargs=entry.resolve(world, replace=replace))
    return f"{url}?{entry.query}" if entry.query else url


def _check(response: Any, expected: Status, what: str) -> None:
    got = response.status_code
    location = response.get("Location", "")
    if expected == LOGIN:
        login = reverse("accounts:login")
        assert got == 302 and location.startswith(f"{login}?next="), (
            f"{what}: expected a redirect to sign in, got {got} {location}"
        )
    else:
        assert got == expected, f"{what}: expected {expected}, got {got} {location}".rstrip()


def _payload(entry: Entry, world: World, url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """What a legitimate user posts: the owner's form with its current values (when the
    entry says so), then the entry's data on top; and the state of the database before
    the POST (the world's, unless reading the form wrote something)."""
    assert entry.post is not None
    data: dict[str, Any] = {}
    before = world.pristine
    if entry.post.from_form:
        owner = entry.post.owner or "staff"
        page = world.clients[owner].get(url)
        assert page.status_code == 200, f"{entry.id}: the owner's form: {page.status_code}"
        data = form_values(page.context[entry.post.from_form])
        before = snapshot()
    data.update(entry.post.payload(world))
    return data, before


def form_values(form: Any) -> dict[str, Any]:
    """An unbound form's current values, as a browser would post them back."""
    values: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            values[bound.html_name] = "on"
        elif isinstance(value, (list, tuple)):
            values[bound.html_name] = [str(item) for item in value]
        elif hasattr(value, "isoformat"):
            values[bound.html_name] = value.isoformat()
        else:
            values[bound.html_name] = str(value)
    return values


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the project's apps (the world is small)."""
    state: dict[str, list[tuple[Any, ...]]] = {}
    for model in apps.get_models():
        meta = model._meta
        if not meta.app_config.name.startswith("maillage.") or meta.proxy or not meta.managed:
            continue
        state[meta.label] = list(model._base_manager.order_by("pk").values_list())
    return state


def _feedback(response: Any) -> str:
    """The messages and form errors a refused POST left, to fix a payload."""
    from django.contrib.messages import get_messages

    said = [str(message) for message in get_messages(response.wsgi_request)]
    errors = []
    for context in response.context or []:
        for value in context.flatten().values():
            if hasattr(value, "errors") and hasattr(value, "is_bound") and value.errors:
                errors.append(dict(value.errors))
    return f"Messages: {said}; form errors: {errors}"


def changed_tables(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(label for label in before if before[label] != after.get(label))


# --------------------------------------------------------------------------- GET matrix


def _get_cases() -> list[Any]:
    cases = []
    for entry in ENTRIES:
        for role in ROLES:
            marks = []
            if role in entry.bugs:
                marks.append(pytest.mark.xfail(strict=True, reason=entry.bugs[role]))
            cases.append(pytest.param(entry, role, id=f"{entry.id}-{role}", marks=marks))
    return cases


@pytest.mark.parametrize(("entry", "role"), _get_cases())
def test_get(w: World, entry: Entry, role: str) -> None:
    """The status, and for those not entitled to them, no contact person nor member of
    the organisation in what the page or file shows."""
    response = w.clients[role].get(_url(entry, w))
    text = text_of(response)  # read to the end: a streamed file is then closed
    _check(response, entry.get[role], f"GET {entry.id} as {role}")
    if response.status_code == 200 and role in w.secrets and not entry.discloses:
        shown = [
            secret
            for secret in w.secrets[role]
            if secret in text or json.dumps(secret)[1:-1] in text
        ]
        assert not shown, f"GET {entry.id} as {role} shows personal data: {shown}"


def text_of(response: Any) -> str:
    """What a page or a file shows, as text (the sheets of an XLSX file unzipped)."""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    return body.decode("utf-8", "replace")


# --------------------------------------------------------------------------- IDOR on POST


def _probe_cases() -> list[Any]:
    cases = []
    for entry in ENTRIES:
        if entry.post is None:
            continue
        for probe in entry.post.probes:
            marks = []
            if probe in entry.post_bugs:
                marks.append(pytest.mark.xfail(strict=True, reason=entry.post_bugs[probe]))
            cases.append(pytest.param(entry, probe, id=f"{entry.id}-{probe}", marks=marks))
    return cases


@pytest.mark.parametrize(("entry", "probe"), _probe_cases())
def test_outsider_post_is_refused_and_changes_nothing(w: World, entry: Entry, probe: str) -> None:
    url = _url(entry, w)
    data, before = _payload(entry, w, url)
    response = w.clients[probe].post(url, data)
    assert response.status_code in REFUSED, (
        f"POST {entry.id} as {probe}: expected one of {REFUSED}, got {response.status_code}"
    )
    assert not changed_tables(before, snapshot()), f"POST {entry.id} as {probe} changed data"


@pytest.mark.parametrize(
    "entry", [pytest.param(entry, id=entry.id) for entry in ENTRIES if entry.post is not None]
)
def test_visitor_post_is_refused_and_changes_nothing(w: World, entry: Entry) -> None:
    assert entry.post is not None
    url = _url(entry, w)
    response = w.clients["visitor"].post(url, entry.post.payload(w))
    if response.status_code == 302:
        _check(response, LOGIN, f"POST {entry.id} as visitor")
    else:
        assert response.status_code in REFUSED, (
            f"POST {entry.id} as visitor: {response.status_code}"
        )
    assert not changed_tables(w.pristine, snapshot()), f"POST {entry.id} as visitor changed data"


def _owner_cases() -> list[Any]:
    cases = []
    for entry in ENTRIES:
        if entry.post is None or not entry.post.owner:
            continue
        bug = entry.post.owner_bug
        marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
        cases.append(pytest.param(entry, id=entry.id, marks=marks))
    return cases


@pytest.mark.parametrize("entry", _owner_cases())
def test_owner_post_changes_something(w: World, entry: Entry) -> None:
    """The positive control of the probe above: the same POST by someone entitled to make
    it does change the database."""
    assert entry.post is not None and entry.post.owner
    url = _url(entry, w)
    data, before = _payload(entry, w, url)
    response = w.clients[entry.post.owner].post(url, data)
    what = f"POST {entry.id} as {entry.post.owner}"
    assert response.status_code in (200, 302), f"{what}: {response.status_code}"
    assert changed_tables(before, snapshot()), (
        f"{what} changed nothing: fix the payload. {_feedback(response)}"
    )


# --------------------------------------------------------------------------- my parent, your child


def _cross_cases() -> list[Any]:
    """URLs whose first id is an object of A with a counterpart of B, and whose other ids
    are A's objects under it."""
    cases = []
    for entry in ENTRIES:
        keys = [str(entry.kwargs[key]) for key in entry.object_kwargs()]
        if len(keys) < 2 or keys[0] not in MIRROR:
            continue
        if all(key in MIRROR or key in CHILDREN_OF_A for key in keys[1:]):
            cases.append(pytest.param(entry, id=entry.id))
    return cases


def _mirrored(entry: Entry, world: World, *, children: bool) -> dict[str, Any]:
    keys = entry.object_kwargs()
    replace = {keys[0]: world.pk(MIRROR[str(entry.kwargs[keys[0]])])}
    if children:
        for key in keys[1:]:
            replace[key] = world.pk(MIRROR[str(entry.kwargs[key])])
    return replace


@pytest.mark.parametrize("entry", _cross_cases())
def test_own_parent_with_another_organisation_child_is_404(w: World, entry: Entry) -> None:
    url = _url(entry, w, replace=_mirrored(entry, w, children=False))
    client = w.clients["outsider"]
    if not entry.post_only:
        response = client.get(url)
        assert response.status_code == 404, f"GET {url}: {response.status_code}"
    if entry.post is not None:
        response = client.post(url, entry.post.payload(w))
        assert response.status_code == 404, f"POST {url}: {response.status_code}"
        assert not changed_tables(w.pristine, snapshot()), f"POST {url} changed data"


def _control_cases() -> list[Any]:
    return [
        case
        for case in _cross_cases()
        if all(str(case.values[0].kwargs[key]) in MIRROR for key in case.values[0].object_kwargs())
    ]


@pytest.mark.parametrize("entry", _control_cases())
def test_own_parent_with_own_child_is_reachable(w: World, entry: Entry) -> None:
    """The control of the test above: with B's own parent and child, B's admin gets the
    page (so the 404 above comes from the foreign child, not from the parent)."""
    url = _url(entry, w, replace=_mirrored(entry, w, children=True))
    response = w.clients["outsider"].get(url)
    expected = 405 if entry.post_only else 200
    assert response.status_code == expected, f"GET {url}: {response.status_code}"


# --------------------------------------------------------------------------- ids in the body


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(strict=True, reason=case.bug)] if case.bug else [],
        )
        for case in TAMPERED
    ],
)
def test_foreign_id_in_the_body_changes_nothing(w: World, case: Tampered) -> None:
    url = _url(case.entry, w)
    response = w.clients[case.role].post(url, case.data(w))
    assert response.status_code < 500, f"POST {url} as {case.role}: {response.status_code}"
    assert not changed_tables(w.pristine, snapshot()), f"{case.why}: {_feedback(response)}"


@pytest.mark.parametrize(
    "case", [pytest.param(case, id=case.id) for case in TAMPERED if case.control is not None]
)
def test_own_id_in_the_body_does_change(w: World, case: Tampered) -> None:
    """The control of the test above."""
    assert case.control is not None
    role = case.control_role or case.role
    response = w.clients[role].post(_url(case.entry, w), case.control(w))
    assert response.status_code in (200, 302), response.status_code
    assert changed_tables(w.pristine, snapshot()), f"{case.id}: {_feedback(response)}"


# --------------------------------------------------------------------------- mass assignment


def test_profile_form_ignores_staff_flags_and_e_mail(w: World) -> None:
    member = w.users["member"]
    assert member is not None
    response = w.clients["member"].post(
        reverse("accounts:profile"),
        {
            "display_name": "Marc M.",
            "is_staff": "on",
            "is_superuser": "on",
            "email": "pirate@exemple.org",
            "username": "pirate",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Marc M."  # the form did save
    assert (member.is_staff, member.is_superuser) == (False, False)
    assert (member.email, member.username) == ("membre@ateliers.example",) * 2


def test_actor_form_ignores_what_the_platform_sets(w: World) -> None:
    actor = w["A"]
    url = reverse("actors:edit", kwargs={"pk": actor.pk})
    client = w.clients["org_admin"]
    data = form_values(client.get(url).context["form"])
    data.update(
        description="Changée par son administratrice.",
        source="sirene",
        slug="pirate",
        completeness="100",
        status="closed",
        profile_confirmed_at="2000-01-01",
    )
    response = client.post(url, data)
    assert response.status_code == 302, _feedback(response)
    before = actor
    actor = type(actor).objects.get(pk=actor.pk)
    assert actor.description == "Changée par son administratrice."
    assert (actor.source, actor.slug, actor.status) == (before.source, before.slug, before.status)
    assert actor.profile_confirmed_at == before.profile_confirmed_at


def test_partnership_form_ignores_status_and_author(w: World) -> None:
    partnership = w["pship"]
    url = reverse("partnerships:edit", kwargs={"pk": partnership.pk})
    client = w.clients["member"]
    data = form_values(client.get(url).context["form"])
    data.update(
        summary="Changé par un membre.",
        status="terminee",
        created_by=str(w.pk_of_user("outsider")),
        territory_keys="|fr|",
    )
    response = client.post(url, data)
    assert response.status_code == 302, _feedback(response)
    after = type(partnership).objects.get(pk=partnership.pk)
    assert after.summary == "Changé par un membre."
    assert (after.status, after.created_by_id, after.territory_keys) == (
        partnership.status,
        partnership.created_by_id,
        partnership.territory_keys,
    )


# --------------------------------------------------------------------------- missing ids


def _missing_cases() -> list[Any]:
    cases = []
    for entry in ENTRIES:
        if entry.variant:
            continue
        for key in entry.object_kwargs():
            for role in ("facilitator", "staff"):
                cases.append(pytest.param(entry, key, role, id=f"{entry.id}-{key}-{role}"))
    return cases


@pytest.mark.parametrize(("entry", "key", "role"), _missing_cases())
def test_missing_object_is_404_never_500(w: World, entry: Entry, key: str, role: str) -> None:
    url = _url(entry, w, replace={key: MISSING_ID})
    client = w.clients[role]
    if entry.post_only:
        data = entry.post.payload(w) if entry.post is not None else {}
        response = client.post(url, data)
    else:
        response = client.get(url)
    assert response.status_code == 404, f"{url} as {role}: {response.status_code}"


# --------------------------------------------------------------------------- CSRF


@pytest.mark.parametrize(
    "entry", [pytest.param(entry, id=entry.id) for entry in ENTRIES if not entry.variant]
)
def test_post_without_csrf_token_is_refused(w: World, entry: Entry) -> None:
    """Every page refuses a POST without the CSRF token (no view is exempt): with the
    entry's own payload, by its owner when it has one."""
    role = entry.post.owner if entry.post and entry.post.owner else "org_admin"
    client = Client(enforce_csrf_checks=True)
    client.force_login(w.people[role])
    data = entry.post.payload(w) if entry.post is not None else {}
    response = client.post(_url(entry, w), data)
    assert response.status_code == 403, f"POST {entry.id} as {role}: {response.status_code}"
    # Refused by the CSRF middleware, before any view (which may answer 403 itself).
    assert b"CSRF" in response.content, f"POST {entry.id} as {role}: refused by the view"


# --------------------------------------------------------------------------- Django's admin


@pytest.mark.parametrize("role", [role for role in ROLES if role != "staff"])
def test_admin_site_sends_non_staff_to_its_sign_in(w: World, role: str) -> None:
    response = w.clients[role].get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_site_opens_for_staff(w: World) -> None:
    assert w.clients["staff"].get("/admin/").status_code == 200
