"""Reads of partnerships: lists, method progress, contribution totals, the timeline, the
guidance of the method, and ``actors_are_partners`` for the matching app.

Access rules are applied by callers through ``partnerships.permissions``; the list
selector takes the user and applies them itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.actors.models import Actor
from maillage.actors.permissions import AnyUser
from maillage.partnerships.enums import (
    PARTNER_STATUSES,
    STEP_ORDER,
    ContributionKind,
    ContributionStatus,
    DocumentKind,
    EventKind,
    LegalForm,
    MethodStep,
    PartnershipOrigin,
    PartnershipStatus,
    PartyRole,
    RiskKind,
)
from maillage.partnerships.guidance import (
    LegalFormAdvice,
    PartyFacts,
    RiskSuggestion,
    legal_form_advice,
    risk_suggestions,
)
from maillage.partnerships.models import (
    ChecklistItem,
    Contribution,
    Milestone,
    Partnership,
    PartnershipEvent,
    Party,
    PracticalSheet,
    Risk,
)
from maillage.partnerships.permissions import partnerships_visible_to

ZERO = Decimal(0)

# --------------------------------------------------------------------------- lists


def partnerships_for_user(*, user: AnyUser, status: str = "") -> QuerySet[Partnership]:
    """« Mes partenariats »: those the user may see, most recently changed first."""
    queryset = partnerships_visible_to(user)
    if status:
        queryset = queryset.filter(status=status)
    return (
        queryset.select_related("partnership_type")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=Party.objects.select_related("actor").order_by("id"),
            )
        )
        .order_by("-updated_at", "-id")
    )


def actors_are_partners(*, actor_a: Actor, actor_b: Actor) -> bool:
    """True when two distinct actors are parties to a same partnership that is being
    built, active or finished (an idea or an abandoned project does not count)."""
    if actor_a.pk == actor_b.pk:
        return False
    return (
        Partnership.objects.filter(status__in=PARTNER_STATUSES, parties__actor=actor_a)
        .filter(parties__actor=actor_b)
        .exists()
    )


def partnership_parties(*, partnership: Partnership) -> list[Party]:
    return list(
        Party.objects.filter(partnership=partnership)
        .select_related("actor", "actor__kind", "actor__seat_commune")
        .order_by("id")
    )


_ACTOR_REF = re.compile(r"\(#(\d+)\)\s*$")


def actor_find(*, text: str) -> Actor | None:
    """The actor named in a form field: « Nom — Commune (#12) » as the suggestions give it,
    an id, a SIRET, a SIREN or an RNA number, or an exact (unique) name."""
    value = (text or "").strip()
    if not value:
        return None
    match = _ACTOR_REF.search(value)
    if match:
        return Actor.objects.filter(pk=int(match.group(1))).first()
    found = list(Actor.objects.with_identifier(value).order_by("id")[:2])
    if len(found) == 1:
        return found[0]
    named = list(Actor.objects.filter(name__iexact=value).order_by("id")[:2])
    return named[0] if len(named) == 1 else None


# --------------------------------------------------------------------------- sheets


@dataclass
class SheetBlock:
    kind: str  # "text" or "list"
    lines: list[str]


def sheet_blocks(body: str) -> list[SheetBlock]:
    """A sheet's text as paragraphs and lists: blank lines separate paragraphs, lines
    starting with « - » make a list."""
    blocks: list[SheetBlock] = []
    for paragraph in (body or "").replace("\r\n", "\n").split("\n\n"):
        current: SheetBlock | None = None
        for line in paragraph.splitlines():
            text = line.strip()
            if not text:
                continue
            kind = "list" if text.startswith("- ") else "text"
            if current is None or current.kind != kind:
                current = SheetBlock(kind=kind, lines=[])
                blocks.append(current)
            current.lines.append(text[2:].strip() if kind == "list" else text)
    return blocks


def sheets_by_step() -> list[tuple[str, str, list[PracticalSheet]]]:
    """The active sheets grouped by step, in the method's order."""
    rows = list(
        PracticalSheet.objects.filter(is_active=True)
        .prefetch_related("items")
        .order_by("position", "code")
    )
    return [
        (code, str(label), [sheet for sheet in rows if sheet.step == code])
        for code, label in MethodStep.choices
    ]


# --------------------------------------------------------------------------- method


@dataclass
class StepProgress:
    step: str
    label: str
    items: list[ChecklistItem]
    sheets: list[PracticalSheet]
    is_current: bool
    is_past: bool

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def done(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def method_progress(*, partnership: Partnership) -> list[StepProgress]:
    """The four steps in order, each with its checklist, its sheets and its progress."""
    items = list(
        ChecklistItem.objects.filter(partnership=partnership)
        .select_related("sheet_item__sheet", "done_by")
        .order_by("position", "id")
    )
    sheets = list(PracticalSheet.objects.filter(is_active=True).order_by("position", "code"))
    current = STEP_ORDER.index(partnership.current_step)
    return [
        StepProgress(
            step=step,
            label=str(MethodStep(step).label),
            items=[item for item in items if item.step == step],
            sheets=[sheet for sheet in sheets if sheet.step == step],
            is_current=index == current,
            is_past=index < current,
        )
        for index, step in enumerate(STEP_ORDER)
    ]


def _facts(parties: list[Party]) -> list[PartyFacts]:
    return [
        PartyFacts(
            party_id=party.pk,
            name=party.actor.name,
            kind=party.actor.kind_id,
            sphere=party.actor.sphere,
        )
        for party in parties
    ]


def legal_form_guidance(*, partnership: Partnership, parties: list[Party]) -> list[LegalFormAdvice]:
    return legal_form_advice(
        type_code=partnership.partnership_type_id or "",
        help_direction=partnership.help_direction,
        chosen=partnership.legal_form,
        parties=_facts(parties),
    )


@dataclass
class PartyRisks:
    party: Party
    risks: list[Risk]


@dataclass
class RiskOverview:
    by_party: list[PartyRisks]
    suggestions: list[RiskSuggestion]


def risk_overview(*, partnership: Partnership, parties: list[Party]) -> RiskOverview:
    risks = list(Risk.objects.filter(partnership=partnership).order_by("party_id", "id"))
    money: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for party_id, amount in Contribution.objects.filter(
        partnership=partnership, kind=ContributionKind.FINANCEMENT
    ).values_list("party_id", "amount_eur"):
        money[party_id] += amount or ZERO
    suggestions = risk_suggestions(
        parties=_facts(parties),
        help_direction=partnership.help_direction,
        legal_form=partnership.legal_form,
        money_by_party=dict(money),
        recorded=[(risk.party_id, risk.kind) for risk in risks],
    )
    return RiskOverview(
        by_party=[
            PartyRisks(party=party, risks=[r for r in risks if r.party_id == party.pk])
            for party in parties
        ],
        suggestions=suggestions,
    )


# --------------------------------------------------------------------------- commitments


@dataclass
class Totals:
    """Sums of a set of contributions. ``amount_eur`` adds money given and the valued
    amount of contributions in kind."""

    amount_eur: Decimal = ZERO
    money_eur: Decimal = ZERO
    in_kind_eur: Decimal = ZERO
    hours: Decimal = ZERO
    people: int = 0
    count: int = 0

    def add(self, *, kind: str, amount: Decimal, hours: Decimal, people: int, count: int) -> None:
        self.amount_eur += amount
        if kind in (ContributionKind.FINANCEMENT, ContributionKind.ACHATS):
            self.money_eur += amount
        else:
            self.in_kind_eur += amount
        self.hours += hours
        self.people += people
        self.count += count


@dataclass
class KindTotals:
    kind: str
    label: str
    totals: Totals


@dataclass
class PartyTotals:
    party: Party
    totals: Totals
    by_kind: dict[str, Totals] = field(default_factory=dict)


@dataclass
class ContributionTotals:
    all: Totals
    realised: Totals
    by_kind: list[KindTotals]
    by_party: list[PartyTotals]

    @property
    def realised_percent(self) -> int:
        if not self.all.amount_eur:
            return 0
        return round(100 * self.realised.amount_eur / self.all.amount_eur)


def contribution_totals(
    *, partnership: Partnership, parties: list[Party] | None = None
) -> ContributionTotals:
    """Totals by kind, by party and overall, of everything committed (and of what is
    already realised). One grouped query."""
    parties = parties if parties is not None else partnership_parties(partnership=partnership)
    rows = (
        Contribution.objects.filter(partnership=partnership)
        .values("party_id", "kind", "status")
        .annotate(
            amount=Sum("amount_eur"),
            hours_sum=Sum("hours"),
            people_sum=Sum("people"),
            n=Count("id"),
        )
        .order_by("party_id", "kind", "status")
    )
    overall, realised = Totals(), Totals()
    by_kind = {kind: Totals() for kind in ContributionKind.values}
    by_party = {party.pk: PartyTotals(party=party, totals=Totals()) for party in parties}
    for row in rows:
        values = {
            "kind": row["kind"],
            "amount": row["amount"] or ZERO,
            "hours": row["hours_sum"] or ZERO,
            "people": row["people_sum"] or 0,
            "count": row["n"],
        }
        overall.add(**values)
        if row["status"] == ContributionStatus.REALISEE:
            realised.add(**values)
        by_kind[row["kind"]].add(**values)
        party_totals = by_party.get(row["party_id"])
        if party_totals is not None:
            party_totals.totals.add(**values)
            party_totals.by_kind.setdefault(row["kind"], Totals()).add(**values)
    return ContributionTotals(
        all=overall,
        realised=realised,
        by_kind=[
            KindTotals(kind=kind, label=str(label), totals=by_kind[kind])
            for kind, label in ContributionKind.choices
            if by_kind[kind].count
        ],
        by_party=list(by_party.values()),
    )


def partnership_contributions(*, partnership: Partnership) -> list[Contribution]:
    return list(
        Contribution.objects.filter(partnership=partnership)
        .select_related("party__actor")
        .order_by("starts_on", "id")
    )


def partnership_milestones(*, partnership: Partnership) -> list[Milestone]:
    return list(Milestone.objects.filter(partnership=partnership).order_by("due_on", "id"))


# --------------------------------------------------------------------------- timeline


def _status_label(code: str) -> str:
    return str(PartnershipStatus(code).label) if code in PartnershipStatus.values else code


def _label(choices: type, code: str) -> str:
    values = choices.values  # type: ignore[attr-defined]
    return str(choices(code).label) if code in values else code


def event_sentence(event: PartnershipEvent) -> str:
    """The event in a sentence, in the reader's language."""
    data = event.data or {}
    kind = event.kind
    if kind == EventKind.CREATED:
        return _("Partenariat créé (%(origin)s) entre %(parties)s.") % {
            "origin": _label(PartnershipOrigin, data.get("origin", "")).lower(),
            "parties": ", ".join(data.get("parties", [])),
        }
    if kind == EventKind.STATUS:
        return _("Statut : %(from)s → %(to)s.") % {
            "from": _status_label(data.get("from", "")),
            "to": _status_label(data.get("to", "")),
        }
    if kind == EventKind.UPDATED:
        return _("Fiche du partenariat modifiée.")
    if kind == EventKind.PARTY_ADDED:
        return _("%(actor)s rejoint le partenariat (%(role)s).") % {
            "actor": data.get("actor", ""),
            "role": _label(PartyRole, data.get("role", "")).lower(),
        }
    if kind == EventKind.PARTY_REMOVED:
        return _("%(actor)s quitte le partenariat.") % {"actor": data.get("actor", "")}
    if kind == EventKind.PARTY_UPDATED:
        return _("%(actor)s précise ses objectifs et ses attentes.") % {
            "actor": data.get("actor", "")
        }
    if kind == EventKind.STEP:
        return _("Méthode : passage à l'étape « %(step)s ».") % {
            "step": _label(MethodStep, data.get("to", ""))
        }
    if kind == EventKind.CHECKLIST:
        if data.get("added"):
            return _("Action ajoutée : %(label)s.") % {"label": data.get("label", "")}
        template = _("Fait : %(label)s.") if data.get("done") else _("À refaire : %(label)s.")
        return template % {"label": data.get("label", "")}
    if kind == EventKind.RISK:
        return _("Risque analysé pour %(actor)s : %(kind)s.") % {
            "actor": data.get("actor", ""),
            "kind": _label(RiskKind, data.get("kind", "")).lower(),
        }
    if kind == EventKind.LEGAL_FORM:
        code = data.get("legal_form", "")
        if not code:
            return _("Forme juridique à redéfinir.")
        return _("Forme juridique choisie : %(form)s.") % {"form": _label(LegalForm, code)}
    if kind == EventKind.CONTRIBUTION:
        if data.get("deleted"):
            template = _("Contribution retirée (%(actor)s) : %(description)s.")
        elif data.get("updated"):
            template = _("Contribution modifiée (%(actor)s) : %(description)s.")
        else:
            template = _("Contribution de %(actor)s : %(description)s.")
        return template % {
            "actor": data.get("actor", ""),
            "description": data.get("description", ""),
        }
    if kind == EventKind.DOCUMENT:
        if data.get("deleted"):
            return _("Document retiré : %(title)s.") % {"title": data.get("title", "")}
        return _("Document déposé (%(kind)s) : %(title)s.") % {
            "kind": _label(DocumentKind, data.get("document_kind", "")).lower(),
            "title": data.get("title", ""),
        }
    if kind == EventKind.MILESTONE:
        if data.get("done_on"):
            return _("Jalon atteint : %(title)s.") % {"title": data.get("title", "")}
        return _("Jalon prévu : %(title)s.") % {"title": data.get("title", "")}
    if kind == EventKind.EVALUATION:
        return str(data.get("sentence", "")) or _("Évaluation mise à jour.")
    return str(EventKind(kind).label) if kind in EventKind.values else kind


@dataclass
class TimelineEntry:
    at: dt.datetime | dt.date
    day: dt.date
    kind: str
    kind_label: str
    sentence: str
    note: str = ""
    who: str = ""
    is_upcoming: bool = False


def partnership_timeline(
    *, partnership: Partnership, limit: int | None = None
) -> list[TimelineEntry]:
    """Everything that happened, most recent first, after the milestones still ahead."""
    today = timezone.localdate()
    upcoming = [
        TimelineEntry(
            at=milestone.due_on,
            day=milestone.due_on,
            kind="upcoming",
            kind_label=_("À venir"),
            sentence=_("Jalon : %(title)s.") % {"title": milestone.title},
            is_upcoming=True,
        )
        for milestone in Milestone.objects.filter(
            partnership=partnership, done_on__isnull=True, due_on__gte=today
        ).order_by("-due_on", "-id")
    ]
    events = PartnershipEvent.objects.filter(partnership=partnership).select_related("user")
    events = events.order_by("-at", "-id")
    if limit is not None:
        events = events[:limit]
    past = [
        TimelineEntry(
            at=event.at,
            day=timezone.localtime(event.at).date(),
            kind=event.kind,
            kind_label=event.get_kind_display(),
            sentence=event_sentence(event),
            note=event.note,
            who=str(event.user) if event.user else "",
        )
        for event in events
    ]
    return [*upcoming, *past] if limit is None else past


@dataclass
class StatusChange:
    at: dt.datetime
    from_label: str
    to_label: str
    note: str
    who: str


def status_history(*, partnership: Partnership) -> list[StatusChange]:
    """The status changes, oldest first."""
    return [
        StatusChange(
            at=event.at,
            from_label=_status_label(event.data.get("from", "")),
            to_label=_status_label(event.data.get("to", "")),
            note=event.note,
            who=str(event.user) if event.user else "",
        )
        for event in PartnershipEvent.objects.filter(partnership=partnership, kind=EventKind.STATUS)
        .select_related("user")
        .order_by("at", "id")
    ]
