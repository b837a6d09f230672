"""Creating a partnership, changing its fields and status, and its parties."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.models import User
from maillage.actors.models import Actor, PartnershipType, Theme
from maillage.core.errors import DomainError, DomainValidationError
from maillage.partnerships.enums import (
    ALLOWED_TRANSITIONS,
    DIRECTION_BY_TYPE,
    EventKind,
    HelpDirection,
    Objective,
    PartnershipOrigin,
    PartnershipStatus,
    PartyRole,
)
from maillage.partnerships.models import Partnership, Party
from maillage.partnerships.services.events import (
    partnership_event_record,
    partnership_notify,
    save_versioned,
)
from maillage.partnerships.services.method import checklist_instantiate
from maillage.territories.codes import InvalidTerritoryCode, parse_territory_code
from maillage.territories.selectors import territory_get, territory_parents

if TYPE_CHECKING:
    from maillage.matching.models import Introduction
    from maillage.programmes.models import Action

MIN_PARTIES = 2
TITLE_MAX = 200
PUBLIC_SPHERE = "pouvoirs_publics"
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "summary",
        "partnership_type",
        "help_direction",
        "themes",
        "territory_code",
        "starts_on",
        "ends_on",
        "lessons",
    }
)


class _Errors:
    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise DomainValidationError(self.by_field)


# --------------------------------------------------------------------------- territory


def territory_keys_for(code: str) -> str:
    """``"|com:86194|epci:…|dep:86|reg:75|fr|"`` for a territory and those containing it."""
    if not code:
        return ""
    codes = [code, *(parent.code for parent in territory_parents(code=code))]
    return "|" + "|".join(dict.fromkeys(codes)) + "|"


def common_territory(actors: Sequence[Actor]) -> str:
    """The smallest territory holding every party's seat (parties without a seat are
    left out); empty when none has one."""
    seated = [actor for actor in actors if actor.seat_commune_id]
    if not seated:
        return ""
    for field, prefix in (
        ("seat_commune_id", "com"),
        ("epci_id", "epci"),
        ("departement_id", "dep"),
        ("region_id", "reg"),
    ):
        values = {getattr(actor, field) for actor in seated}
        if len(values) == 1 and None not in values:
            return f"{prefix}:{values.pop()}"
    return "fr"


# --------------------------------------------------------------------------- creation


def _check_parties(actors: Sequence[Actor]) -> None:
    ids = [actor.pk for actor in actors]
    duplicates = sorted({actor.name for actor in actors if ids.count(actor.pk) > 1})
    if duplicates:
        raise DomainError(
            _(
                "%(names)s figure deux fois parmi les parties : chaque acteur n'y figure "
                "qu'une fois."
            )
            % {"names": ", ".join(duplicates)},
            field="parties",
            code="duplicate_party",
        )
    if len(set(ids)) < MIN_PARTIES:
        raise DomainError(
            _("Un partenariat réunit au moins deux acteurs différents."),
            field="parties",
            code="too_few_parties",
        )
    closed = [actor.name for actor in actors if actor.is_closed]
    if closed:
        raise DomainError(
            _("%(names)s est fermé ou dissous : il ne peut pas devenir partie.")
            % {"names": ", ".join(closed)},
            field="parties",
            code="closed_actor",
        )


def _default_roles(actors: Sequence[Actor]) -> list[str]:
    """The first actor carries the project; with three parties or more, public bodies
    join as the facilitating third party (« une relation à 3 », seed 2011)."""
    roles: list[str] = []
    for index, actor in enumerate(actors):
        if index == 0:
            roles.append(PartyRole.PORTEUR)
        elif len(actors) > MIN_PARTIES and actor.sphere == PUBLIC_SPHERE:
            roles.append(PartyRole.TIERS_FACILITATEUR)
        else:
            roles.append(PartyRole.PARTENAIRE)
    return roles


@transaction.atomic
def partnership_create_draft(
    *,
    created_by: User | None,
    parties: Sequence[Actor],
    origin: str,
    introduction: Introduction | None = None,
    title: str = "",
    programme_action: Action | None = None,
) -> Partnership:
    """A partnership at the idea stage between ``parties`` (two or more distinct actors;
    the first one is the porteur). Its checklist comes from the practical sheets, its
    territory from the parties' seats. Called by the matching app when an introduction is
    accepted or a speed-dating pair wants to go on: with an ``introduction`` that already
    has its partnership, that partnership is returned (idempotent). ``programme_action``
    links a partnership born from a territorial programme's action."""
    actors = list(parties)
    _check_parties(actors)
    if origin not in PartnershipOrigin.values:
        raise DomainError(
            _("Origine inconnue : %(value)r.") % {"value": origin},
            field="origin",
            code="unknown_origin",
        )
    if introduction is not None:
        existing = Partnership.objects.filter(introduction=introduction).order_by("id").first()
        if existing is not None:
            return existing
    clean_title = " ".join((title or "").split())
    if not clean_title:
        clean_title = _("Partenariat %(names)s") % {
            "names": " – ".join(actor.acronym or actor.name for actor in actors)
        }
    territory = common_territory(actors)
    partnership = Partnership(
        title=clean_title[:TITLE_MAX],
        origin=origin,
        status=PartnershipStatus.IDEE,
        territory_code=territory,
        territory_keys=territory_keys_for(territory),
        created_by=created_by,
        status_changed_at=timezone.now(),
        introduction=introduction,
        programme_action=programme_action,
    )
    partnership.save()
    Party.objects.bulk_create(
        Party(partnership=partnership, actor=actor, role=role)
        for actor, role in zip(actors, _default_roles(actors), strict=True)
    )
    checklist_instantiate(partnership=partnership)
    partnership_event_record(
        partnership=partnership,
        kind=EventKind.CREATED,
        user=created_by,
        data={"origin": origin, "parties": [actor.name for actor in actors]},
    )
    partnership_notify(
        partnership=partnership,
        kind="partnership_created",
        title=_("Nouveau partenariat en projet : %(title)s") % {"title": partnership.title},
        body=_("Il réunit %(names)s. Précisez vos objectifs et vos attentes.")
        % {"names": ", ".join(actor.name for actor in actors)},
        exclude=created_by,
    )
    return partnership


# --------------------------------------------------------------------------- fields


def _clean_changes(partnership: Partnership, changes: dict[str, Any]) -> dict[str, Any]:
    """Validate the changed fields against the others; model-ready values."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise DomainValidationError({key: [_("Champ inconnu.")] for key in sorted(unknown)})
    errors = _Errors()
    cleaned: dict[str, Any] = {}
    if "title" in changes:
        title = " ".join((changes["title"] or "").split())
        if not title:
            errors.add("title", _("Donnez un intitulé au partenariat."))
        elif len(title) > TITLE_MAX:
            errors.add("title", _("200 caractères au plus."))
        cleaned["title"] = title
    for key in ("summary", "lessons"):
        if key in changes:
            cleaned[key] = (changes[key] or "").strip()
    if "partnership_type" in changes:
        code = (changes["partnership_type"] or "").strip()
        found = PartnershipType.objects.filter(code=code).first() if code else None
        if code and found is None:
            errors.add("partnership_type", _("Type de partenariat inconnu : %(v)r.") % {"v": code})
        cleaned["partnership_type"] = found
    if "help_direction" in changes or "partnership_type" in cleaned:
        # Blank means "the type's own direction of help".
        direction = (changes.get("help_direction") or "").strip()
        if direction and direction not in HelpDirection.values:
            errors.add("help_direction", _("Sens de l'appui inconnu : %(v)r.") % {"v": direction})
        if not direction:
            chosen = cleaned.get("partnership_type", partnership.partnership_type)
            direction = (
                DIRECTION_BY_TYPE.get(chosen.code, HelpDirection.CO_CONSTRUCTION) if chosen else ""
            )
        cleaned["help_direction"] = direction
    if "themes" in changes:
        wanted = list(dict.fromkeys(code.strip() for code in changes["themes"] if code.strip()))
        known = set(Theme.objects.filter(code__in=wanted).values_list("code", flat=True))
        unknown_themes = [code for code in wanted if code not in known]
        if unknown_themes:
            errors.add(
                "themes", _("Thématique(s) inconnue(s) : %(v)s.") % {"v": ", ".join(unknown_themes)}
            )
        cleaned["themes"] = [code for code in wanted if code in known]
    if "territory_code" in changes:
        code = (changes["territory_code"] or "").strip()
        territory = None
        if code:
            try:
                parse_territory_code(code)
                territory = territory_get(code)
            except InvalidTerritoryCode as error:
                errors.add("territory_code", str(error))
                code = ""
            else:
                if territory is None:
                    errors.add("territory_code", _("Territoire inconnu : %(v)r.") % {"v": code})
        cleaned["territory_code"] = territory.code if territory else ""
    for key in ("starts_on", "ends_on"):
        if key in changes:
            value = changes[key]
            if value is not None and not isinstance(value, dt.date):
                errors.add(key, _("Date invalide."))
                value = None
            cleaned[key] = value
    starts_on = cleaned.get("starts_on", partnership.starts_on)
    ends_on = cleaned.get("ends_on", partnership.ends_on)
    if starts_on and ends_on and starts_on > ends_on:
        errors.add(
            "ends_on",
            _("La fin (%(end)s) précède le début (%(start)s) : vérifiez les dates.")
            % {"end": ends_on.strftime("%d/%m/%Y"), "start": starts_on.strftime("%d/%m/%Y")},
        )
    errors.raise_if_any()
    return cleaned


@transaction.atomic
def partnership_update(
    *, partnership: Partnership, user: User | None, changes: dict[str, Any], expected_version: int
) -> Partnership:
    """Change some fields. ``expected_version`` is the version the user's page was built
    on: if someone saved in between, nothing is written (``code="stale"``)."""
    cleaned = _clean_changes(partnership, changes)
    themes = cleaned.pop("themes", None)
    for key, value in cleaned.items():
        setattr(partnership, key, value)
    fields = list(cleaned)
    if "territory_code" in cleaned:
        partnership.territory_keys = territory_keys_for(partnership.territory_code)
        fields.append("territory_keys")
    if "partnership_type" in fields:
        fields[fields.index("partnership_type")] = "partnership_type_id"
    save_versioned(partnership, expected_version=expected_version, fields=fields)
    if themes is not None:
        partnership.themes.set(themes)
    partnership_event_record(
        partnership=partnership,
        kind=EventKind.UPDATED,
        user=user,
        data={"fields": sorted(changes)},
    )
    return partnership


# --------------------------------------------------------------------------- status


def transition_error(current: str, target: str) -> DomainError:
    allowed = ALLOWED_TRANSITIONS.get(current, ())
    labels = ", ".join(f"« {PartnershipStatus(code).label} »" for code in allowed)
    return DomainError(
        _("Un partenariat « %(current)s » ne peut pas passer à « %(target)s ». %(next)s")
        % {
            "current": PartnershipStatus(current).label,
            "target": PartnershipStatus(target).label
            if target in PartnershipStatus.values
            else target,
            "next": _("Étapes possibles : %(labels)s.") % {"labels": labels}
            if labels
            else _("Son statut est définitif."),
        },
        field="status",
        code="transition_not_allowed",
    )


@transaction.atomic
def partnership_transition(
    *,
    partnership: Partnership,
    to_status: str,
    user: User | None,
    note: str = "",
    expected_version: int | None = None,
) -> Partnership:
    """Move along the lifecycle (``enums.ALLOWED_TRANSITIONS``); the move is recorded in
    the timeline with its note. Becoming active needs a type and a start date; giving up
    needs a reason (it is what others will learn from); finishing sets the end date to
    today when none was set or it lies ahead."""
    current = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if expected_version is None:
        expected_version = current.version
    if to_status not in ALLOWED_TRANSITIONS.get(current.status, ()):
        raise transition_error(current.status, to_status)
    note = (note or "").strip()
    errors = _Errors()
    today = timezone.localdate()
    fields = ["status", "status_changed_at"]
    if to_status == PartnershipStatus.ACTIVE:
        if current.partnership_type_id is None:
            errors.add(
                "partnership_type",
                _("Choisissez le type de partenariat avant de le déclarer actif."),
            )
        if current.starts_on is None:
            errors.add("starts_on", _("Indiquez la date de début avant de le déclarer actif."))
    if to_status == PartnershipStatus.ABANDONNEE and not note:
        errors.add(
            "note",
            _(
                "Dites en quelques mots pourquoi le partenariat est abandonné : c'est utile "
                "pour la suite."
            ),
        )
    errors.raise_if_any()
    if to_status == PartnershipStatus.TERMINEE and (
        current.ends_on is None or current.ends_on > today
    ):
        partnership.ends_on = max(today, current.starts_on) if current.starts_on else today
        fields.append("ends_on")
    previous = current.status
    partnership.status = to_status
    partnership.status_changed_at = timezone.now()
    save_versioned(partnership, expected_version=expected_version, fields=fields)
    partnership_event_record(
        partnership=partnership,
        kind=EventKind.STATUS,
        user=user,
        data={"from": previous, "to": to_status},
        note=note,
    )
    partnership_notify(
        partnership=partnership,
        kind="partnership_status",
        title=_("« %(title)s » : %(status)s")
        % {"title": partnership.title, "status": PartnershipStatus(to_status).label},
        body=note,
        exclude=user,
    )
    return partnership


# --------------------------------------------------------------------------- parties


def _refuse_when_closed(partnership: Partnership) -> None:
    if partnership.is_closed:
        raise DomainError(
            _("Ce partenariat est %(status)s : ses parties ne changent plus.")
            % {"status": partnership.get_status_display().lower()},
            field="parties",
            code="closed",
        )


@transaction.atomic
def party_add(*, partnership: Partnership, actor: Actor, role: str, user: User | None) -> Party:
    _refuse_when_closed(partnership)
    if role not in PartyRole.values:
        raise DomainError(_("Rôle inconnu : %(v)r.") % {"v": role}, field="role", code="invalid")
    if actor.is_closed:
        raise DomainError(
            _("%(name)s est fermé ou dissous : il ne peut pas devenir partie.")
            % {"name": actor.name},
            field="actor",
            code="closed_actor",
        )
    if Party.objects.filter(partnership=partnership, actor=actor).exists():
        raise DomainError(
            _("%(name)s est déjà partie à ce partenariat.") % {"name": actor.name},
            field="actor",
            code="duplicate_party",
        )
    party = Party.objects.create(partnership=partnership, actor=actor, role=role)
    partnership_event_record(
        partnership=partnership,
        kind=EventKind.PARTY_ADDED,
        user=user,
        data={"actor": actor.name, "role": role},
    )
    return party


def _clean_objectives(codes: Sequence[str]) -> list[str]:
    wanted = list(dict.fromkeys(code.strip() for code in codes if code and code.strip()))
    unknown = [code for code in wanted if code not in Objective.values]
    if unknown:
        raise DomainError(
            _("Objectif(s) inconnu(s) : %(v)s.") % {"v": ", ".join(unknown)},
            field="objectives",
            code="invalid",
        )
    return wanted


@transaction.atomic
def party_update(
    *,
    party: Party,
    user: User | None,
    expected_version: int,
    objectives: Sequence[str] | None = None,
    expectations: str | None = None,
    brings: str | None = None,
    role: str | None = None,
) -> Party:
    """A party states its objectives (« carré magique », most important first), its
    expectations and what it brings. Versioned like the partnership itself."""
    fields = []
    if objectives is not None:
        party.objectives = _clean_objectives(objectives)
        fields.append("objectives")
    if expectations is not None:
        party.expectations = expectations.strip()
        fields.append("expectations")
    if brings is not None:
        party.brings = brings.strip()
        fields.append("brings")
    if role is not None:
        if role not in PartyRole.values:
            raise DomainError(_("Rôle inconnu : %(v)r.") % {"v": role}, field="role")
        party.role = role
        fields.append("role")
    save_versioned(party, expected_version=expected_version, fields=fields)
    partnership_event_record(
        partnership=party.partnership,
        kind=EventKind.PARTY_UPDATED,
        user=user,
        data={"actor": party.actor.name},
    )
    return party


@transaction.atomic
def party_remove(*, party: Party, user: User | None) -> None:
    partnership = party.partnership
    _refuse_when_closed(partnership)
    if Party.objects.filter(partnership=partnership).count() <= MIN_PARTIES:
        raise DomainError(
            _(
                "Un partenariat réunit au moins deux acteurs : ajoutez-en un autre avant de "
                "retirer celui-ci."
            ),
            field="parties",
            code="too_few_parties",
        )
    name = party.actor.name
    try:
        with transaction.atomic():
            party.delete()
    except ProtectedError as error:
        raise DomainError(
            _("%(name)s a des contributions ou des évaluations enregistrées : retirez-les d'abord.")
            % {"name": name},
            field="parties",
            code="party_in_use",
        ) from error
    partnership_event_record(
        partnership=partnership, kind=EventKind.PARTY_REMOVED, user=user, data={"actor": name}
    )
