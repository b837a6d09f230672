"""One actor per real organisation: merge proposals and merges.

Contract:
- importers match records to actors on official identifiers (``actors.bulk``: SIRET, then
  SIREN, then RNA); this module adds the conservative rule for what identifiers cannot
  tell: the same name (legal forms, articles, accents and punctuation ignored) in the same
  commune, between actors whose identifiers do not contradict each other, gives a
  ``MergeProposal`` — it NEVER merges by itself;
- an identifier a record carries but another actor already holds also gives a proposal;
- ``merge_proposal_accept`` merges the two actors in one transaction: everything pointing
  to the absorbed actor moves to the kept one (memberships, needs, offers, contacts,
  territories, themes, registry records, other apps' links), empty fields are filled from
  the absorbed actor, then the absorbed actor is deleted; a link that cannot move (a
  duplicate an unknown model forbids) stops the merge with a ``DomainError``;
- a rejected pair is never proposed again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.enums import MembershipRole, MembershipStatus
from maillage.accounts.models import ClaimRequest, Membership
from maillage.actors.bulk import PROTECTED_ORIGINS, IdentifierConflict
from maillage.actors.models import Actor, ActorOdd, InterventionArea
from maillage.core.errors import DomainError
from maillage.importers.enums import MergeReason, MergeStatus
from maillage.importers.models import ImportRun, MergeProposal
from maillage.search.services import search_index_refresh
from maillage.territories.names import fold

# Words that say nothing about which organisation it is.
_NOISE = frozenset(
    [
        "association",
        "asso",
        "assoc",
        "ass",
        "sarl",
        "sas",
        "sasu",
        "sa",
        "eurl",
        "sci",
        "scop",
        "scic",
        "snc",
        "selarl",
        "ste",
        "societe",
        "ets",
        "etablissement",
        "etablissements",
        "cie",
        "compagnie",
        "le",
        "la",
        "les",
        "l",
        "de",
        "du",
        "des",
        "d",
        "et",
        "en",
        "au",
        "aux",
        "a",
        "the",
    ]
)


_WORD = re.compile(r"[a-z0-9]+")


def name_key(name: str) -> str:
    """``name_key("Association Les Amis du Vieux-Poitiers") == "amis vieux poitiers"``;
    "" when too little remains to compare safely."""
    words = [word for word in _WORD.findall(fold(name)) if word not in _NOISE]
    key = " ".join(words)
    return key if len(key.replace(" ", "")) >= 4 and not key.replace(" ", "").isdigit() else ""


@dataclass(frozen=True, slots=True)
class _Known:
    actor_id: int
    siren: str
    rna: str


class NameCandidates:
    """Actors that a newcomer may duplicate, by (seat commune, name key)."""

    def __init__(self, actors: Iterable[tuple[int, str, str | None, str, str]] = ()) -> None:
        self._by_key: dict[tuple[str, str], list[_Known]] = defaultdict(list)
        for actor_id, name, commune, siren, rna in actors:
            self.add(actor_id=actor_id, name=name, commune=commune, siren=siren, rna=rna)

    @classmethod
    def from_queryset(cls, queryset: models.QuerySet[Actor]) -> NameCandidates:
        return cls(
            queryset.exclude(seat_commune=None)
            .order_by()
            .values_list("id", "name", "seat_commune_id", "siren", "rna")
            .iterator(chunk_size=10000)
        )

    def add(self, *, actor_id: int, name: str, commune: str | None, siren: str, rna: str) -> None:
        key = name_key(name)
        if key and commune:
            self._by_key[(commune, key)].append(_Known(actor_id, siren, rna))

    def find(
        self, *, actor_id: int, name: str, commune: str | None, siren: str, rna: str
    ) -> list[int]:
        key = name_key(name)
        if not key or not commune:
            return []
        return [
            known.actor_id
            for known in self._by_key.get((commune, key), [])
            if known.actor_id != actor_id
            and not (siren and known.siren and siren != known.siren)
            and not (rna and known.rna and rna != known.rna)
        ]

    def __len__(self) -> int:
        return len(self._by_key)


def _existing_pairs(pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    if not pairs:
        return set()
    ids = {a for pair in pairs for a in pair}
    found = set()
    for actor_id, candidate_id in MergeProposal.objects.filter(
        actor_id__in=ids, candidate_id__in=ids
    ).values_list("actor_id", "candidate_id"):
        found |= {(actor_id, candidate_id), (candidate_id, actor_id)}
    return found


def merge_proposals_create(
    *,
    pairs: Iterable[tuple[int, int, str, str]],
    run: ImportRun | None,
) -> int:
    """Record (actor, candidate, reason, detail) proposals not already known in either
    direction (pending, accepted or rejected). Returns how many were created."""
    wanted: dict[tuple[int, int], tuple[str, str]] = {}
    for actor_id, candidate_id, reason, detail in pairs:
        if actor_id == candidate_id:
            continue
        if (candidate_id, actor_id) in wanted or (actor_id, candidate_id) in wanted:
            continue
        wanted[(actor_id, candidate_id)] = (reason, detail)
    known = _existing_pairs(set(wanted))
    todo = {pair: value for pair, value in wanted.items() if pair not in known}
    if not todo:
        return 0
    names = dict(
        Actor.objects.filter(pk__in={a for p in todo for a in p}).values_list("id", "name")
    )
    proposals = [
        MergeProposal(
            actor_id=actor_id,
            candidate_id=candidate_id,
            reason=reason,
            detail=detail[:250],
            run=run,
            actor_name=names.get(actor_id, "")[:250],
            candidate_name=names.get(candidate_id, "")[:250],
        )
        for (actor_id, candidate_id), (reason, detail) in todo.items()
        if actor_id in names and candidate_id in names
    ]
    MergeProposal.objects.bulk_create(proposals, ignore_conflicts=True)
    return len(proposals)


def conflict_pairs(conflicts: Iterable[IdentifierConflict]) -> list[tuple[int, int, str, str]]:
    labels = {"siret": "SIRET", "siren": "SIREN", "rna": _("numéro RNA")}
    return [
        (
            c.actor_id,
            c.holder_id,
            MergeReason.SHARED_IDENTIFIER,
            _("La source attribue le %(field)s %(value)s, déjà porté par l'autre acteur.")
            % {"field": labels.get(c.field, c.field), "value": c.value},
        )
        for c in conflicts
        if c.actor_id and c.holder_id
    ]


# --------------------------------------------------------------------------- decisions


def _lock(proposal: MergeProposal) -> MergeProposal:
    locked = MergeProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != MergeStatus.PENDING:
        raise DomainError(_("Cette proposition a déjà été traitée."), code="already_decided")
    return locked


@transaction.atomic
def merge_proposal_reject(*, proposal: MergeProposal, user: Any, note: str = "") -> MergeProposal:
    """The two actors are distinct organisations: the pair is never proposed again.
    ``note`` says why (kept with the decision)."""
    proposal = _lock(proposal)
    proposal.status = MergeStatus.REJECTED
    proposal.decided_by = user if getattr(user, "is_authenticated", False) else None
    proposal.decided_at = timezone.now()
    proposal.decision_note = note.strip()
    proposal.save(
        update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"]
    )
    return proposal


@transaction.atomic
def merge_proposal_accept(
    *, proposal: MergeProposal, user: Any, keep: Actor | None = None, note: str = ""
) -> Actor:
    """Merge the two actors of a pending proposal; returns the kept actor.

    ``keep`` chooses the actor that stays (its page, id and members); by default the one
    with active members, else the one the organisation edited most, else the older.
    ``note`` is kept with the decision."""
    proposal = _lock(proposal)
    if proposal.actor_id is None or proposal.candidate_id is None:
        raise DomainError(_("L'un des deux acteurs n'existe plus."), code="actor_missing")
    first = Actor.objects.select_for_update().get(pk=proposal.actor_id)
    second = Actor.objects.select_for_update().get(pk=proposal.candidate_id)
    if keep is not None and keep.pk not in (first.pk, second.pk):
        raise DomainError(_("L'acteur à conserver doit être l'un des deux."), field="keep")
    survivor = keep if keep is not None else _default_survivor(first, second)
    survivor = first if survivor.pk == first.pk else second
    absorbed = second if survivor is first else first
    absorbed_id = absorbed.pk
    _absorb(survivor, absorbed)
    proposal.status = MergeStatus.ACCEPTED
    proposal.decided_by = user if getattr(user, "is_authenticated", False) else None
    proposal.decided_at = timezone.now()
    proposal.kept_actor_id, proposal.merged_actor_id = survivor.pk, absorbed_id
    proposal.decision_note = note.strip()
    proposal.save()
    absorbed.delete()
    search_index_refresh(actor_ids=[survivor.pk, absorbed_id])
    return survivor


def _default_survivor(first: Actor, second: Actor) -> Actor:
    def weight(actor: Actor) -> tuple[int, int, int]:
        members = Membership.objects.filter(actor=actor, status=MembershipStatus.ACTIVE).count()
        edited = sum(
            1 for origin in (actor.field_origins or {}).values() if origin in PROTECTED_ORIGINS
        )
        return (members, edited, -actor.pk)

    return first if weight(first) >= weight(second) else second


_MERGED_FIELDS = (
    "acronym",
    "kind_id",
    "subkind_id",
    "company_size",
    "employees",
    "seat_commune_id",
    "epci_id",
    "departement_id",
    "region_id",
    "address",
    "postal_code",
    "description",
    "website",
    "email",
    "phone",
    "created_on",
    "profile_confirmed_at",
)
_ORIGIN_KEYS = {"kind_id": "kind", "subkind_id": "subkind", "seat_commune_id": "commune"}


def _absorb(survivor: Actor, absorbed: Actor) -> None:
    origins = dict(survivor.field_origins or {})
    theirs = absorbed.field_origins or {}
    # Identifiers are unique: free them on the absorbed actor before the survivor takes them.
    moved = {}
    for name in ("siret", "siren", "rna"):
        if not getattr(survivor, name) and getattr(absorbed, name):
            moved[name] = getattr(absorbed, name)
    if moved:
        Actor.objects.filter(pk=absorbed.pk).update(**dict.fromkeys(moved, ""))
        for name, value in moved.items():
            setattr(survivor, name, value)
            if name in theirs:
                origins[name] = theirs[name]
    for name in _MERGED_FIELDS:
        if getattr(survivor, name) in (None, "") and getattr(absorbed, name) not in (None, ""):
            setattr(survivor, name, getattr(absorbed, name))
            key = _ORIGIN_KEYS.get(name, name)
            if key in theirs:
                origins[key] = theirs[key]
    if survivor.latitude is None and absorbed.latitude is not None:
        survivor.latitude, survivor.longitude = absorbed.latitude, absorbed.longitude
        survivor.coordinates_approximate = absorbed.coordinates_approximate
    survivor.is_ess = survivor.is_ess or absorbed.is_ess
    survivor.is_mission_company = survivor.is_mission_company or absorbed.is_mission_company
    survivor.field_origins = origins
    survivor.save()
    for relation in ("themes", "partnership_types", "labels"):
        getattr(survivor, relation).add(*getattr(absorbed, relation).all())
    _move_links(survivor, absorbed)


def _move_links(survivor: Actor, absorbed: Actor) -> None:
    """Re-point every row that references the absorbed actor."""
    for relation in Actor._meta.related_objects:
        model = relation.related_model
        if model is MergeProposal or not isinstance(model, type):
            continue
        related: Any = relation
        if relation.many_to_many:
            through = related.through
            if through is None:
                continue
            _move_rows(through, related.field.m2m_reverse_field_name(), survivor, absorbed)
            continue
        _move_rows(model, related.field.name, survivor, absorbed)
    _move_proposals(survivor, absorbed)


def _move_rows(
    model: type[models.Model], field_name: str, survivor: Actor, absorbed: Actor
) -> None:
    rows = model._default_manager.filter(**{field_name: absorbed})
    try:
        with transaction.atomic():
            rows.update(**{field_name: survivor})
        return
    except IntegrityError:
        pass
    for row in list(rows.order_by("pk")):
        try:
            with transaction.atomic():
                model._default_manager.filter(pk=row.pk).update(**{field_name: survivor})
        except IntegrityError:
            _resolve_duplicate(model, row, field_name, survivor)


def _resolve_duplicate(
    model: type[models.Model], row: Any, field_name: str, survivor: Actor
) -> None:
    """A row that already exists on the kept actor: keep the kept actor's, stronger."""
    if model is Membership and row.user_id is not None:
        mine = Membership.objects.get(user_id=row.user_id, actor=survivor)
        rank: dict[str, int] = {
            MembershipStatus.ACTIVE: 3,
            MembershipStatus.PENDING: 2,
            MembershipStatus.INVITED: 1,
        }
        if rank.get(row.status, 0) > rank.get(mine.status, 0):
            mine.status = row.status
        if row.role == MembershipRole.ADMIN and row.status == MembershipStatus.ACTIVE:
            mine.role = MembershipRole.ADMIN
        mine.save(update_fields=["status", "role", "updated_at"])
        row.delete()
        return
    if model._meta.pk.name == field_name:
        # A row keyed on the actor (a derived profile, a search document): the kept
        # actor's own row stays and is recomputed from the merged record.
        row.delete()
        return
    if model in (InterventionArea, ActorOdd, ClaimRequest, Membership) or (
        model._meta.auto_created
    ):
        # The same link (an area, a pending claim, an open invitation) is already there.
        row.delete()
        return
    raise DomainError(
        _("Fusion impossible : %(what)s existe déjà pour l'acteur conservé.")
        % {"what": model._meta.verbose_name},
        code="merge_conflict",
    )


def _move_proposals(survivor: Actor, absorbed: Actor) -> None:
    """Other proposals about the absorbed actor now concern the kept one."""
    for proposal in MergeProposal.objects.filter(
        Q(actor=absorbed) | Q(candidate=absorbed), status=MergeStatus.PENDING
    ).order_by("pk"):
        other = proposal.candidate_id if proposal.actor_id == absorbed.pk else proposal.actor_id
        if (
            other == survivor.pk
            or other is None
            or MergeProposal.objects.filter(
                Q(actor_id=survivor.pk, candidate_id=other)
                | Q(actor_id=other, candidate_id=survivor.pk)
            ).exists()
        ):
            proposal.delete()
            continue
        if proposal.actor_id == absorbed.pk:
            proposal.actor_id, proposal.actor_name = survivor.pk, survivor.name
        else:
            proposal.candidate_id, proposal.candidate_name = survivor.pk, survivor.name
        proposal.save()
