"""Reads of the case library: the search (case studies, good practices, practical
sheets) by words, theme, partnership type and territory; one case study as a reader may
see it; the partnerships a user may turn into case studies.

The search is plain ORM filtering, the same on both databases: each word of the query,
folded (lower case, no accents: ``search.analysis.words``, stop words dropped), must
appear in the entry's folded text; themes, types and territories are exact codes (a
territory matches the entries located inside it). Practical sheets, a few dozen rows
owned by the partnerships app, are filtered in Python on the same folded text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from maillage.actors.models import PartnershipType, Theme
from maillage.actors.permissions import AnyUser
from maillage.library.enums import (
    ELIGIBLE_ACTIVE_MONTHS,
    CaseStudyStatus,
    ConsentStatus,
    EntryKind,
)
from maillage.library.models import CaseConsent, CaseFigure, CaseStudy, GoodPractice
from maillage.library.permissions import (
    can_edit_case_study,
    can_unpublish,
    case_studies_visible_to,
    consent_actors_for,
    practices_visible_to,
)
from maillage.partnerships.enums import PartnershipStatus
from maillage.partnerships.models import Partnership, Party, PracticalSheet
from maillage.partnerships.permissions import partnerships_visible_to
from maillage.search.analysis import STOPWORDS, words
from maillage.territories.codes import InvalidTerritoryCode, parse_territory_code

RESULTS_LIMIT = 60
# Vocabulary codes are slugs: anything else is unknown without asking the database (which
# would refuse some characters, NUL for one).
_CODE = re.compile(r"^[a-z0-9_-]{1,50}$")


@dataclass(frozen=True)
class LibraryFilters:
    q: str = ""
    theme: str = ""
    partnership_type: str = ""
    territory: str = ""
    kind: str = ""  # "" (everything), or an ``EntryKind`` code

    @property
    def query_words(self) -> list[str]:
        found = [word for word in words(self.q[:500]) if word not in STOPWORDS]
        return found[:12] or words(self.q[:500])[:12]

    @property
    def is_filtered(self) -> bool:
        return bool(self.q.strip() or self.theme or self.partnership_type or self.territory)

    @property
    def has_structured_filters(self) -> bool:
        """Themes, types and territories: practical sheets have none of them."""
        return bool(self.theme or self.partnership_type or self.territory)


def filters_from_params(params: dict[str, str]) -> tuple[LibraryFilters, dict[str, str]]:
    """Parse the query string; unknown codes are dropped and reported (field → message)."""
    errors: dict[str, str] = {}
    theme = (params.get("theme") or "").strip()
    if theme and not (_CODE.match(theme) and Theme.objects.filter(code=theme).exists()):
        errors["theme"] = theme[:60]
        theme = ""
    kind_type = (params.get("type") or "").strip()
    if kind_type and not (
        _CODE.match(kind_type) and PartnershipType.objects.filter(code=kind_type).exists()
    ):
        errors["type"] = kind_type[:60]
        kind_type = ""
    territory = (params.get("territory") or "").strip()
    if territory:
        try:
            level, value = parse_territory_code(territory)
            territory = "fr" if level == "fr" else f"{level}:{value}"
        except InvalidTerritoryCode:
            errors["territory"] = territory[:60]
            territory = ""
    kind = (params.get("kind") or "").strip()
    if kind not in EntryKind.values:
        kind = ""
    return (
        LibraryFilters(
            q=(params.get("q") or "").strip()[:200],
            theme=theme,
            partnership_type=kind_type,
            territory=territory,
            kind=kind,
        ),
        errors,
    )


def published_case_studies(*, filters: LibraryFilters) -> QuerySet[CaseStudy]:
    rows = CaseStudy.objects.published()
    if filters.theme:
        rows = rows.filter(pk__in=CaseStudy.objects.with_theme(filters.theme).values("pk"))
    if filters.partnership_type:
        rows = rows.filter(partnership_type_id=filters.partnership_type)
    if filters.territory and filters.territory != "fr":
        rows = rows.in_territory(filters.territory)
    if filters.q.strip():
        rows = rows.matching(filters.query_words)
    return (
        rows.select_related("partnership_type")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "code")))
        .order_by("-published_at", "-id")
    )


def published_practices(*, filters: LibraryFilters) -> QuerySet[GoodPractice]:
    rows = GoodPractice.objects.published()
    if filters.theme:
        rows = rows.filter(pk__in=GoodPractice.objects.with_theme(filters.theme).values("pk"))
    if filters.partnership_type:
        rows = rows.filter(
            pk__in=GoodPractice.objects.filter(
                partnership_types__code=filters.partnership_type
            ).values("pk")
        )
    if filters.territory and filters.territory != "fr":
        rows = rows.in_territory(filters.territory)
    if filters.q.strip():
        rows = rows.matching(filters.query_words)
    return rows.prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position", "code"))
    ).order_by("-published_at", "title", "id")


def practical_sheets(*, filters: LibraryFilters) -> list[PracticalSheet]:
    """The method's practical sheets (partnerships app) matching the words; none when a
    theme, type or territory is asked (sheets have none)."""
    if filters.has_structured_filters:
        return []
    sheets = list(PracticalSheet.objects.filter(is_active=True).order_by("position", "code"))
    wanted = filters.query_words if filters.q.strip() else []
    if not wanted:
        return sheets
    return [
        sheet
        for sheet in sheets
        if all(
            word in " ".join(words(f"{sheet.title} {sheet.summary} {sheet.body}"))
            for word in wanted
        )
    ]


@dataclass
class LibraryResults:
    filters: LibraryFilters
    case_studies: list[CaseStudy]
    case_count: int
    practices: list[GoodPractice]
    practice_count: int
    sheets: list[PracticalSheet]

    @property
    def total(self) -> int:
        return self.case_count + self.practice_count + len(self.sheets)


def library_search(*, filters: LibraryFilters) -> LibraryResults:
    """What the library page lists (``RESULTS_LIMIT`` of each kind at most)."""
    kinds = {filters.kind} if filters.kind else set(EntryKind.values)
    cases = published_case_studies(filters=filters) if EntryKind.CAS in kinds else None
    practices = published_practices(filters=filters) if EntryKind.PRATIQUES in kinds else None
    return LibraryResults(
        filters=filters,
        case_studies=list(cases[:RESULTS_LIMIT]) if cases is not None else [],
        case_count=cases.count() if cases is not None else 0,
        practices=list(practices[:RESULTS_LIMIT]) if practices is not None else [],
        practice_count=practices.count() if practices is not None else 0,
        sheets=practical_sheets(filters=filters) if EntryKind.FICHES in kinds else [],
    )


# --------------------------------------------------------------------------- one case


@dataclass
class ConsentRow:
    consent: CaseConsent
    can_decide: bool


@dataclass
class CaseStudyPage:
    case_study: CaseStudy
    figures: list[CaseFigure]
    themes: list[Theme]
    parties: list[Party]
    consents: list[ConsentRow] = field(default_factory=list)
    can_edit: bool = False
    can_unpublish: bool = False
    unpublish_actors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def all_agreed(self) -> bool:
        return bool(self.consents) and all(
            row.consent.status == ConsentStatus.ACCORDEE for row in self.consents
        )


def case_study_page(*, case_study: CaseStudy, user: AnyUser) -> CaseStudyPage:
    """A case study as ``user`` may see it (after ``access_case_study_for_view``): the
    consents and actions only for the people concerned by a draft."""
    figures = list(case_study.figures.order_by("position", "id"))
    themes = list(case_study.themes.order_by("position", "code"))
    parties = list(
        Party.objects.filter(partnership_id=case_study.partnership_id)
        .select_related("actor", "actor__kind")
        .order_by("id")
    )
    page = CaseStudyPage(case_study=case_study, figures=figures, themes=themes, parties=parties)
    if case_study.status == CaseStudyStatus.BROUILLON or can_unpublish(user, case_study):
        own = {actor.pk for actor in consent_actors_for(user, case_study)}
        page.consents = [
            ConsentRow(consent=consent, can_decide=consent.actor_id in own)
            for consent in case_study.consents.select_related("actor").order_by("id")
        ]
        page.can_edit = can_edit_case_study(user, case_study)
        page.can_unpublish = can_unpublish(user, case_study)
        page.unpublish_actors = [
            (row.consent.actor_id, row.consent.actor.name)
            for row in page.consents
            if row.can_decide
        ]
    return page


# --------------------------------------------------------------------------- my library


def case_studies_in_preparation(*, user: AnyUser) -> list[CaseStudy]:
    """The drafts the user may see (their partnerships', or their territory's)."""
    return list(
        case_studies_visible_to(user)
        .filter(status=CaseStudyStatus.BROUILLON)
        .select_related("partnership")
        .order_by("-updated_at", "-id")[:100]
    )


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day when it has fewer):
    a partnership started on or before it has lasted ``months`` months on ``day``."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def eligible_partnerships(*, user: AnyUser, today: dt.date | None = None) -> list[Partnership]:
    """Partnerships the user may see that may become a case study and have none yet:
    finished, or active for at least ``ELIGIBLE_ACTIVE_MONTHS`` months."""
    today = today or timezone.localdate()
    limit = months_before(today, ELIGIBLE_ACTIVE_MONTHS)
    rows = partnerships_visible_to(user).filter(case_study__isnull=True)
    finished = rows.filter(status=PartnershipStatus.TERMINEE)
    long_active = rows.filter(status=PartnershipStatus.ACTIVE, starts_on__lte=limit)
    return list((finished | long_active).distinct().order_by("-updated_at", "-id")[:100])


def practices_of(*, user: AnyUser) -> list[GoodPractice]:
    """Good practices the user writes (drafts and published)."""
    return list(
        practices_visible_to(user)
        .filter(created_by_id=user.pk)
        .order_by("-updated_at", "-id")[:100]
    )
