"""The one write path of the case library: case studies (draft, consents, publication)
and good practices. Every function is atomic and raises ``DomainError`` (field, code) for
a broken rule.

The consent rules (docs/decisions/0025):

- a partnership can become a case study when it is finished, or active for at least
  ``ELIGIBLE_ACTIVE_MONTHS`` months (``not_eligible`` otherwise), once (``already_exists``);
- the draft is pre-filled from the partnership (title, summary, parties, type, themes,
  territory, lessons) and its evaluation (contribution totals, indicators against their
  targets); everything stays editable;
- each party's consent is given by one of its active admins (staff may record the consent
  a party gave in writing, with a note); any party may withdraw it before publication;
- changing the text of a draft sets every consent given back to « awaited »: a party
  agrees to the text that will be published, not to an earlier one;
- publication needs every party's consent (``consent_missing``); an admin of a party (or
  staff) may take a published case study back out of the library: it becomes a draft
  again and that party's consent is withdrawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from maillage.accounts.enums import MembershipRole, MembershipStatus
from maillage.accounts.models import User
from maillage.actors.models import Actor, PartnershipType, Theme
from maillage.core.errors import DomainError, DomainValidationError
from maillage.evaluation.selectors import format_number, indicators_overview
from maillage.library.enums import (
    ELIGIBLE_ACTIVE_MONTHS,
    CaseStudyStatus,
    ConsentStatus,
    PracticeStatus,
)
from maillage.library.models import CaseConsent, CaseFigure, CaseStudy, GoodPractice
from maillage.library.permissions import can_consent_for, is_party_admin
from maillage.partnerships.enums import MethodStep, PartnershipStatus
from maillage.partnerships.models import Partnership, Party
from maillage.partnerships.selectors import contribution_totals, partnership_parties
from maillage.partnerships.services import territory_keys_for
from maillage.search.analysis import words
from maillage.territories.codes import InvalidTerritoryCode, parse_territory_code
from maillage.territories.selectors import territory_get

TITLE_MAX = 200
MAX_FIGURES = 12
FIGURE_LABEL_MAX = 150
FIGURE_VALUE_MAX = 80
CASE_TEXT_FIELDS = ("title", "summary", "what", "who", "results", "lessons")
CASE_FIELDS = frozenset(
    {*CASE_TEXT_FIELDS, "partnership_type", "themes", "territory_code", "figures"}
)


class _Errors:
    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise DomainValidationError(self.by_field)


def search_text_of(*parts: str) -> str:
    """The folded words of the parts, separated by spaces (see ``LibraryQuerySet.matching``)."""
    return " " + " ".join(words(" ".join(part or "" for part in parts))) + " "


def _slug(title: str) -> str:
    return slugify(title)[:120] or "cas"


def _months_between(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(0, months)


# --------------------------------------------------------------------------- eligibility


def case_study_eligibility(partnership: Partnership, *, today: dt.date | None = None) -> str:
    """Why the partnership cannot become a case study yet (empty when it can)."""
    today = today or timezone.localdate()
    if partnership.status == PartnershipStatus.TERMINEE:
        return ""
    if partnership.status == PartnershipStatus.ACTIVE:
        if partnership.starts_on is None:
            return _("Indiquez la date de début du partenariat.")
        months = _months_between(partnership.starts_on, today)
        if months >= ELIGIBLE_ACTIVE_MONTHS:
            return ""
        return _(
            "Un partenariat actif peut devenir une étude de cas après %(n)d mois d'existence "
            "(celui-ci en a %(m)d)."
        ) % {"n": ELIGIBLE_ACTIVE_MONTHS, "m": months}
    return _(
        "Seul un partenariat terminé, ou actif depuis au moins %(n)d mois, peut devenir une "
        "étude de cas (celui-ci est « %(status)s »)."
    ) % {"n": ELIGIBLE_ACTIVE_MONTHS, "status": partnership.get_status_display().lower()}


# --------------------------------------------------------------------------- pre-filling


@dataclass
class FigureInput:
    label: str
    value: str


def _eur(value: Decimal) -> str:
    return f"{format_number(value, decimals=0)}\u00a0€"


def prefill_figures(partnership: Partnership, parties: list[Party]) -> list[FigureInput]:
    """Key figures drawn from the partnership (contributions, duration) and its
    evaluation (indicators: latest measure against the target)."""
    figures: list[FigureInput] = []
    totals = contribution_totals(partnership=partnership, parties=parties).all
    if totals.money_eur:
        figures.append(FigureInput(_("Apports financiers et achats"), _eur(totals.money_eur)))
    if totals.in_kind_eur:
        figures.append(
            FigureInput(_("Apports en nature et compétences (valorisés)"), _eur(totals.in_kind_eur))
        )
    if totals.hours:
        figures.append(
            FigureInput(_("Heures de compétences mobilisées"), format_number(totals.hours))
        )
    if totals.people:
        figures.append(FigureInput(_("Personnes mobilisées"), format_number(totals.people)))
    if partnership.starts_on:
        end = partnership.ends_on or timezone.localdate()
        months = _months_between(partnership.starts_on, end)
        if months:
            figures.append(FigureInput(_("Durée du partenariat"), _("%(n)d mois") % {"n": months}))
    for view in indicators_overview(partnership=partnership):
        latest = view.latest
        if latest is None:
            continue
        indicator = view.indicator
        value = f"{format_number(latest.value)} {indicator.unit}".strip()
        value += " " + _("(cible : %(target)s)") % {"target": format_number(indicator.target)}
        figures.append(FigureInput(indicator.name[:FIGURE_LABEL_MAX], value[:FIGURE_VALUE_MAX]))
    return figures[:MAX_FIGURES]


def _who(parties: list[Party]) -> str:
    """What each party brought, in its own words (the page lists the parties, their kind
    and role, from the partnership itself)."""
    return "\n".join(
        f"{party.actor.name} : {party.brings.strip()}" for party in parties if party.brings.strip()
    )


def _results(partnership: Partnership) -> str:
    lines = []
    for view in indicators_overview(partnership=partnership):
        if view.latest is None:
            continue
        lines.append(
            _("%(name)s : %(value)s %(unit)s (départ %(baseline)s, cible %(target)s).")
            % {
                "name": view.indicator.name,
                "value": format_number(view.latest.value),
                "unit": view.indicator.unit,
                "baseline": format_number(view.indicator.baseline),
                "target": format_number(view.indicator.target),
            }
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- notices


def _notify(users: Iterable[User], *, kind: str, title: str, body: str, url: str) -> None:
    try:
        from maillage.notifications.services import notification_send
    except ImportError:  # pragma: no cover - the notifications app is optional here
        return
    recipients = list(users)

    def send_all() -> None:
        for user in recipients:
            notification_send(user=user, kind=kind, title=title, body=body, url=url)

    transaction.on_commit(send_all)


def _party_admins(case_study: CaseStudy, *, exclude: User | None = None) -> list[User]:
    users = User.objects.filter(
        is_active=True,
        memberships__status=MembershipStatus.ACTIVE,
        memberships__role=MembershipRole.ADMIN,
        memberships__actor__in=case_study.consents.values("actor_id"),
    ).distinct()
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return list(users.order_by("pk"))


# --------------------------------------------------------------------------- case studies


def _save_figures(case_study: CaseStudy, figures: Sequence[FigureInput]) -> None:
    CaseFigure.objects.filter(case_study=case_study).delete()
    CaseFigure.objects.bulk_create(
        CaseFigure(case_study=case_study, label=f.label, value=f.value, position=index)
        for index, f in enumerate(figures)
    )


def _refresh_search_text(case_study: CaseStudy) -> None:
    case_study.search_text = search_text_of(
        case_study.title,
        case_study.summary,
        case_study.what,
        case_study.who,
        case_study.results,
        case_study.lessons,
    )


@transaction.atomic
def case_study_create_draft(*, partnership: Partnership, user: User | None) -> CaseStudy:
    """A draft case study of ``partnership``, pre-filled, with one awaited consent per
    party; the parties' admins are asked for their agreement."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    reason = case_study_eligibility(partnership)
    if reason:
        raise DomainError(reason, field="partnership", code="not_eligible")
    if CaseStudy.objects.filter(partnership=partnership).exists():
        raise DomainError(
            _("Ce partenariat a déjà son étude de cas."),
            field="partnership",
            code="already_exists",
        )
    parties = partnership_parties(partnership=partnership)
    summary = partnership.summary.strip() or _("Un partenariat entre %(names)s.") % {
        "names": ", ".join(party.actor.name for party in parties)
    }
    case_study = CaseStudy(
        partnership=partnership,
        title=partnership.title[:TITLE_MAX],
        slug=_slug(partnership.title),
        summary=summary,
        what=partnership.summary.strip(),
        who=_who(parties),
        partnership_type_id=partnership.partnership_type_id,
        territory_code=partnership.territory_code,
        territory_keys=partnership.territory_keys,
        results=_results(partnership),
        lessons=partnership.lessons.strip(),
        created_by=user,
    )
    _refresh_search_text(case_study)
    try:
        with transaction.atomic():
            case_study.save()
    except IntegrityError as error:  # created by someone else meanwhile
        raise DomainError(
            _("Ce partenariat a déjà son étude de cas."), field="partnership", code="already_exists"
        ) from error
    case_study.themes.set(partnership.themes.all())
    _save_figures(case_study, prefill_figures(partnership, parties))
    CaseConsent.objects.bulk_create(
        CaseConsent(case_study=case_study, actor=party.actor) for party in parties
    )
    _notify(
        _party_admins(case_study, exclude=user),
        kind="case_study_consent",
        title=_("Étude de cas à valider : %(title)s") % {"title": case_study.title},
        body=_(
            "Une étude de cas de votre partenariat est en préparation. Relisez-la et donnez "
            "(ou non) l'accord de votre structure pour la publier dans la bibliothèque."
        ),
        url=case_study.get_absolute_url(),
    )
    return case_study


def _clean_case(case_study: CaseStudy, changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - CASE_FIELDS
    if unknown:
        raise DomainValidationError({key: [_("Champ inconnu.")] for key in sorted(unknown)})
    errors = _Errors()
    cleaned: dict[str, Any] = {}
    for key in CASE_TEXT_FIELDS:
        if key in changes:
            cleaned[key] = (changes[key] or "").strip()
    if "title" in cleaned:
        cleaned["title"] = " ".join(cleaned["title"].split())
        if not cleaned["title"]:
            errors.add("title", _("Donnez un titre à l'étude de cas."))
        elif len(cleaned["title"]) > TITLE_MAX:
            errors.add("title", _("200 caractères au plus."))
    if "summary" in cleaned and not cleaned["summary"]:
        errors.add("summary", _("Résumez le cas en deux ou trois phrases."))
    if "partnership_type" in changes:
        code = (changes["partnership_type"] or "").strip()
        found = PartnershipType.objects.filter(code=code).first() if code else None
        if code and found is None:
            errors.add("partnership_type", _("Type de partenariat inconnu : %(v)r.") % {"v": code})
        cleaned["partnership_type"] = found
    if "themes" in changes:
        wanted = list(dict.fromkeys(c.strip() for c in changes["themes"] or [] if c.strip()))
        known = set(Theme.objects.filter(code__in=wanted).values_list("code", flat=True))
        unknown_themes = [c for c in wanted if c not in known]
        if unknown_themes:
            errors.add(
                "themes", _("Thématique(s) inconnue(s) : %(v)s.") % {"v": ", ".join(unknown_themes)}
            )
        cleaned["themes"] = [c for c in wanted if c in known]
    if "territory_code" in changes:
        cleaned["territory_code"] = _clean_territory(errors, changes["territory_code"])
    if "figures" in changes:
        cleaned["figures"] = _clean_figures(errors, changes["figures"] or [])
    errors.raise_if_any()
    return cleaned


def _clean_territory(errors: _Errors, value: str | None) -> str:
    code = (value or "").strip()
    if not code:
        return ""
    try:
        parse_territory_code(code)
    except InvalidTerritoryCode as error:
        errors.add("territory_code", str(error))
        return ""
    territory = territory_get(code)
    if territory is None:
        errors.add("territory_code", _("Territoire inconnu : %(v)r.") % {"v": code})
        return ""
    return territory.code


def _clean_figures(errors: _Errors, figures: Sequence[FigureInput]) -> list[FigureInput]:
    cleaned = []
    for index, figure in enumerate(figures, start=1):
        label = " ".join((figure.label or "").split())
        value = " ".join((figure.value or "").split())
        if not label and not value:
            continue
        if not label or not value:
            errors.add(
                "figures",
                _("Ligne %(n)d : un chiffre clé a un libellé et une valeur (« Libellé : valeur »).")
                % {"n": index},
            )
            continue
        if len(label) > FIGURE_LABEL_MAX or len(value) > FIGURE_VALUE_MAX:
            errors.add(
                "figures",
                _("Ligne %(n)d : libellé de %(l)d caractères au plus, valeur de %(v)d au plus.")
                % {"n": index, "l": FIGURE_LABEL_MAX, "v": FIGURE_VALUE_MAX},
            )
            continue
        cleaned.append(FigureInput(label=label, value=value))
    if len(cleaned) > MAX_FIGURES:
        errors.add("figures", _("%(n)d chiffres clés au plus.") % {"n": MAX_FIGURES})
    return cleaned


def _refuse_unless_draft(case_study: CaseStudy, field: str) -> None:
    if case_study.status != CaseStudyStatus.BROUILLON:
        raise DomainError(
            _(
                "Cette étude de cas est publiée : retirez-la d'abord de la bibliothèque pour la "
                "modifier (chaque partie devra redonner son accord)."
            ),
            field=field,
            code="published",
        )


def stale_error() -> DomainError:
    return DomainError(
        _(
            "Cette étude de cas a été modifiée par quelqu'un d'autre depuis que vous avez ouvert "
            "la page. Rien n'a été écrasé : rechargez la page pour voir ses changements, puis "
            "refaites les vôtres."
        ),
        field="version",
        code="stale",
    )


@transaction.atomic
def case_study_update(
    *, case_study: CaseStudy, user: User | None, changes: dict[str, Any], expected_version: int
) -> CaseStudy:
    """Change a draft (``changes``: text fields, ``partnership_type`` code, ``themes``
    codes, ``territory_code``, ``figures`` as ``FigureInput``s). A stale
    ``expected_version`` writes nothing (``stale``). When the text changes, the consents
    already given are awaited again."""
    current = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    _refuse_unless_draft(current, "title")
    if current.version != expected_version:
        raise stale_error()
    cleaned = _clean_case(current, changes)
    themes = cleaned.pop("themes", None)
    figures = cleaned.pop("figures", None)
    before_themes = set(current.themes.values_list("code", flat=True))
    before_figures = [(f.label, f.value) for f in current.figures.order_by("position", "id")]
    changed = any(getattr(current, key) != value for key, value in cleaned.items())
    for key, value in cleaned.items():
        setattr(current, key, value)
    if "title" in cleaned:
        current.slug = _slug(current.title)
    if "territory_code" in cleaned:
        current.territory_keys = territory_keys_for(current.territory_code)
    _refresh_search_text(current)
    current.version += 1
    current.save()
    if themes is not None:
        changed = changed or set(themes) != before_themes
        current.themes.set(Theme.objects.filter(code__in=themes))
    if figures is not None:
        changed = changed or [(f.label, f.value) for f in figures] != before_figures
        _save_figures(current, figures)
    if changed:
        reset = CaseConsent.objects.filter(
            case_study=current, status=ConsentStatus.ACCORDEE
        ).update(
            status=ConsentStatus.EN_ATTENTE,
            decided_at=None,
            decided_by=None,
            on_behalf=False,
            note="",
        )
        if reset:
            _notify(
                _party_admins(current, exclude=user),
                kind="case_study_consent",
                title=_("Étude de cas modifiée : %(title)s") % {"title": current.title},
                body=_("Le texte a changé : relisez-le et redonnez l'accord de votre structure."),
                url=current.get_absolute_url(),
            )
    return current


def _consent_of(case_study: CaseStudy, actor: Actor) -> CaseConsent:
    consent = (
        CaseConsent.objects.select_for_update().filter(case_study=case_study, actor=actor).first()
    )
    if consent is None:
        raise DomainError(
            _("%(name)s n'est pas partie à ce partenariat.") % {"name": actor.name},
            field="actor",
            code="not_a_party",
        )
    return consent


def _check_consenter(user: User, actor: Actor, note: str) -> bool:
    """True when staff records it for the party (then a note is required)."""
    if is_party_admin(user, actor):
        return False
    if not can_consent_for(user, actor):
        raise DomainError(
            _("Seul un administrateur de %(name)s peut donner ou retirer son accord.")
            % {"name": actor.name},
            field="actor",
            code="forbidden",
        )
    if not note.strip():
        raise DomainError(
            _(
                "Pour enregistrer l'accord d'une structure à sa place, dites comment elle l'a "
                "donné (courrier, courriel, réunion du…)."
            ),
            field="note",
            code="note_required",
        )
    return True


@transaction.atomic
def case_consent_give(
    *, case_study: CaseStudy, actor: Actor, user: User, note: str = ""
) -> CaseConsent:
    """``actor`` agrees to publish the draft as it stands."""
    current = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    _refuse_unless_draft(current, "actor")
    consent = _consent_of(current, actor)
    on_behalf = _check_consenter(user, actor, note)
    consent.status = ConsentStatus.ACCORDEE
    consent.decided_at = timezone.now()
    consent.decided_by = user
    consent.on_behalf = on_behalf
    consent.note = note.strip()
    consent.save()
    if (
        not CaseConsent.objects.filter(case_study=current)
        .exclude(status=ConsentStatus.ACCORDEE)
        .exists()
    ):
        _notify(
            _party_admins(current, exclude=user),
            kind="case_study_ready",
            title=_("Étude de cas prête à publier : %(title)s") % {"title": current.title},
            body=_("Toutes les parties ont donné leur accord."),
            url=current.get_absolute_url(),
        )
    return consent


@transaction.atomic
def case_consent_withdraw(
    *, case_study: CaseStudy, actor: Actor, user: User, note: str = ""
) -> CaseConsent:
    """``actor`` withdraws (or refuses) its consent, before publication."""
    current = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    if current.status != CaseStudyStatus.BROUILLON:
        raise DomainError(
            _(
                "L'étude de cas est déjà publiée : pour revenir sur l'accord, retirez-la de la "
                "bibliothèque."
            ),
            field="actor",
            code="published",
        )
    consent = _consent_of(current, actor)
    on_behalf = _check_consenter(user, actor, note)
    consent.status = ConsentStatus.RETIREE
    consent.decided_at = timezone.now()
    consent.decided_by = user
    consent.on_behalf = on_behalf
    consent.note = note.strip()
    consent.save()
    return consent


@transaction.atomic
def case_study_publish(*, case_study: CaseStudy, user: User | None) -> CaseStudy:
    """Publish a draft every party agreed to."""
    current = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    _refuse_unless_draft(current, "status")
    missing = list(
        CaseConsent.objects.filter(case_study=current)
        .exclude(status=ConsentStatus.ACCORDEE)
        .select_related("actor")
        .order_by("actor__name", "id")
    )
    if missing:
        raise DomainError(
            _("L'accord de chaque partie est nécessaire ; il manque celui de : %(names)s.")
            % {"names": ", ".join(consent.actor.name for consent in missing)},
            field="status",
            code="consent_missing",
        )
    if not current.consents.exists():
        raise DomainError(
            _("Aucune partie n'a donné son accord."), field="status", code="consent_missing"
        )
    current.status = CaseStudyStatus.PUBLIEE
    current.published_at = timezone.now()
    current.save(update_fields=["status", "published_at", "updated_at"])
    _notify(
        _party_admins(current, exclude=user),
        kind="case_study_published",
        title=_("Étude de cas publiée : %(title)s") % {"title": current.title},
        body=_("Elle figure désormais dans la bibliothèque publique."),
        url=current.get_absolute_url(),
    )
    return current


@transaction.atomic
def case_study_unpublish(
    *, case_study: CaseStudy, actor: Actor, user: User, note: str = ""
) -> CaseStudy:
    """An admin of ``actor`` (a party) takes the case study out of the library: it
    becomes a draft again, and ``actor``'s consent is withdrawn."""
    current = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    if current.status != CaseStudyStatus.PUBLIEE:
        raise DomainError(
            _("Cette étude de cas n'est pas publiée."), field="status", code="not_published"
        )
    consent = _consent_of(current, actor)
    on_behalf = _check_consenter(user, actor, note)
    current.status = CaseStudyStatus.BROUILLON
    current.published_at = None
    current.save(update_fields=["status", "published_at", "updated_at"])
    consent.status = ConsentStatus.RETIREE
    consent.decided_at = timezone.now()
    consent.decided_by = user
    consent.on_behalf = on_behalf
    consent.note = note.strip()
    consent.save()
    _notify(
        _party_admins(current, exclude=user),
        kind="case_study_unpublished",
        title=_("Étude de cas retirée de la bibliothèque : %(title)s") % {"title": current.title},
        body=_("%(name)s a retiré son accord.") % {"name": actor.name},
        url=current.get_absolute_url(),
    )
    return current


@transaction.atomic
def case_study_delete(*, case_study: CaseStudy, user: User | None) -> None:
    current = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    _refuse_unless_draft(current, "status")
    current.delete()


# --------------------------------------------------------------------------- good practices


@dataclass
class PracticeInput:
    title: str
    summary: str
    body: str = ""
    step: str = ""
    themes: Sequence[str] = ()
    partnership_types: Sequence[str] = ()
    territory_code: str = ""
    source: str = ""


def _clean_practice(data: PracticeInput) -> tuple[str, list[str], list[str], str]:
    errors = _Errors()
    title = " ".join((data.title or "").split())
    if not title:
        errors.add("title", _("Donnez un titre à la bonne pratique."))
    elif len(title) > TITLE_MAX:
        errors.add("title", _("200 caractères au plus."))
    if not (data.summary or "").strip():
        errors.add("summary", _("Résumez la pratique en quelques phrases."))
    if data.step and data.step not in MethodStep.values:
        errors.add("step", _("Étape inconnue : %(v)r.") % {"v": data.step})
    themes = list(dict.fromkeys(c.strip() for c in data.themes if c.strip()))
    known = set(Theme.objects.filter(code__in=themes).values_list("code", flat=True))
    if set(themes) - known:
        errors.add(
            "themes",
            _("Thématique(s) inconnue(s) : %(v)s.") % {"v": ", ".join(sorted(set(themes) - known))},
        )
    types = list(dict.fromkeys(c.strip() for c in data.partnership_types if c.strip()))
    known_types = set(PartnershipType.objects.filter(code__in=types).values_list("code", flat=True))
    if set(types) - known_types:
        errors.add(
            "partnership_types",
            _("Type(s) inconnu(s) : %(v)s.") % {"v": ", ".join(sorted(set(types) - known_types))},
        )
    territory = _clean_territory(errors, data.territory_code)
    errors.raise_if_any()
    return title, themes, types, territory


def _practice_fill(practice: GoodPractice, data: PracticeInput) -> tuple[list[str], list[str]]:
    title, themes, types, territory = _clean_practice(data)
    practice.title = title
    practice.slug = _slug(title)
    practice.summary = data.summary.strip()
    practice.body = (data.body or "").strip()
    practice.step = data.step or ""
    practice.territory_code = territory
    practice.territory_keys = territory_keys_for(territory)
    practice.source = (data.source or "").strip()[:250]
    practice.search_text = search_text_of(practice.title, practice.summary, practice.body)
    return themes, types


@transaction.atomic
def good_practice_create(
    *, data: PracticeInput, user: User | None, publish: bool = False
) -> GoodPractice:
    practice = GoodPractice(created_by=user)
    themes, types = _practice_fill(practice, data)
    if publish:
        practice.status = PracticeStatus.PUBLIEE
        practice.published_at = timezone.now()
    practice.save()
    practice.themes.set(Theme.objects.filter(code__in=themes))
    practice.partnership_types.set(PartnershipType.objects.filter(code__in=types))
    return practice


@transaction.atomic
def good_practice_update(
    *, practice: GoodPractice, data: PracticeInput, user: User | None
) -> GoodPractice:
    themes, types = _practice_fill(practice, data)
    practice.save()
    practice.themes.set(Theme.objects.filter(code__in=themes))
    practice.partnership_types.set(PartnershipType.objects.filter(code__in=types))
    return practice


@transaction.atomic
def good_practice_set_status(
    *, practice: GoodPractice, status: str, user: User | None
) -> GoodPractice:
    if status not in PracticeStatus.values:
        raise DomainError(_("État inconnu : %(v)r.") % {"v": status}, field="status")
    practice.status = status
    practice.published_at = timezone.now() if status == PracticeStatus.PUBLIEE else None
    practice.save(update_fields=["status", "published_at", "updated_at"])
    return practice
