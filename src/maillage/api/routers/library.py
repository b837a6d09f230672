"""``/api/v1/library``: the public case library — published case studies and good
practices (search by words, theme, partnership type and territory), and the practical
sheets of the method. Drafts are never served (404, as a missing entry). Open to
everyone; a case study names organisations, never people.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Query, Router

from maillage.actors.models import PartnershipType, Theme
from maillage.api.errors import ErrorOut, invalid_parameter
from maillage.api.schemas.library import (
    CasePartyOut,
    CaseStudyListOut,
    CaseStudyOut,
    CaseStudySummaryOut,
    CodeLabelOut,
    FigureOut,
    GoodPracticeListOut,
    GoodPracticeOut,
    LibrarySearchIn,
    PracticalSheetListOut,
    PracticalSheetOut,
)
from maillage.library.models import CaseStudy, GoodPractice
from maillage.library.selectors import (
    LibraryFilters,
    filters_from_params,
    practical_sheets,
    published_case_studies,
    published_practices,
)
from maillage.partnerships.models import Party

router = Router(tags=["library"])

_MESSAGES = {
    "theme": gettext_lazy("Thématique inconnue : « %(v)s »."),
    "type": gettext_lazy("Type de partenariat inconnu : « %(v)s »."),
    "territory": gettext_lazy("Code de territoire invalide : « %(v)s »."),
}


def _filters(params: LibrarySearchIn) -> LibraryFilters:
    filters, errors = filters_from_params(
        {"q": params.q, "theme": params.theme, "type": params.type, "territory": params.territory}
    )
    for field, value in errors.items():
        raise invalid_parameter(field, str(_MESSAGES[field]) % {"v": value})
    return filters


def _code(row: Theme | PartnershipType) -> CodeLabelOut:
    return CodeLabelOut(code=row.code, label=row.name)


def _case_summary(request: HttpRequest, case: CaseStudy) -> dict[str, Any]:
    assert case.published_at is not None
    return {
        "id": case.pk,
        "title": case.title,
        "summary": case.summary,
        "partnership_type": _code(case.partnership_type) if case.partnership_type else None,
        "themes": [_code(theme) for theme in case.themes.all()],
        "territory": case.territory_code,
        "published_at": case.published_at,
        "url": request.build_absolute_uri(case.get_absolute_url()),
    }


def _practice_out(request: HttpRequest, practice: GoodPractice) -> GoodPracticeOut:
    return GoodPracticeOut(
        id=practice.pk,
        title=practice.title,
        summary=practice.summary,
        body=practice.body,
        step=practice.step,  # type: ignore[arg-type]
        themes=[_code(theme) for theme in practice.themes.all()],
        partnership_types=[_code(kind) for kind in practice.partnership_types.all()],
        territory=practice.territory_code,
        source=practice.source,
        published_at=practice.published_at,
        url=request.build_absolute_uri(practice.get_absolute_url()),
    )


def _page(params: LibrarySearchIn) -> slice:
    start = (params.page - 1) * params.per_page
    return slice(start, start + params.per_page)


@router.get(
    "/case-studies",
    response={200: CaseStudyListOut, 400: ErrorOut},
    operation_id="library_case_studies_list",
    summary="Études de cas publiées",
    description="Les études de cas de la bibliothèque (publiées avec l'accord de chaque "
    "partie), les plus récentes d'abord ; tous les mots de « q » doivent y figurer. Un "
    "code inconnu est une erreur 400.",
)
def case_studies_list(request: HttpRequest, params: Query[LibrarySearchIn]) -> CaseStudyListOut:
    rows = published_case_studies(filters=_filters(params))
    found = list(rows[_page(params)])
    return CaseStudyListOut(
        total=rows.count(),
        page=params.page,
        per_page=params.per_page,
        results=[CaseStudySummaryOut(**_case_summary(request, case)) for case in found],
    )


@router.get(
    "/case-studies/{int:case_study_id}",
    response={200: CaseStudyOut, 404: ErrorOut},
    operation_id="library_case_study_get",
    summary="Une étude de cas publiée",
    description="Le projet, les acteurs, les résultats, les enseignements et les chiffres "
    "clés. Une étude de cas en préparation répond 404.",
)
def case_study_get(request: HttpRequest, case_study_id: int) -> CaseStudyOut:
    case = (
        CaseStudy.objects.published()
        .select_related("partnership_type")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "code")))
        .filter(pk=case_study_id)
        .first()
    )
    if case is None:
        raise Http404
    parties = Party.objects.filter(partnership_id=case.partnership_id).select_related("actor")
    return CaseStudyOut(
        **_case_summary(request, case),
        what=case.what,
        who=case.who,
        results=case.results,
        lessons=case.lessons,
        figures=[
            FigureOut(label=f.label, value=f.value) for f in case.figures.order_by("position", "id")
        ],
        parties=[
            CasePartyOut(id=party.actor_id, name=party.actor.name, role=party.role)
            for party in parties.order_by("id")
        ],
    )


@router.get(
    "/good-practices",
    response={200: GoodPracticeListOut, 400: ErrorOut},
    operation_id="library_good_practices_list",
    summary="Bonnes pratiques publiées",
    description="Mêmes filtres que les études de cas.",
)
def good_practices_list(
    request: HttpRequest, params: Query[LibrarySearchIn]
) -> GoodPracticeListOut:
    rows = published_practices(filters=_filters(params)).prefetch_related("partnership_types")
    found = list(rows[_page(params)])
    return GoodPracticeListOut(
        total=rows.count(),
        page=params.page,
        per_page=params.per_page,
        results=[_practice_out(request, practice) for practice in found],
    )


@router.get(
    "/good-practices/{int:practice_id}",
    response={200: GoodPracticeOut, 404: ErrorOut},
    operation_id="library_good_practice_get",
    summary="Une bonne pratique publiée",
)
def good_practice_get(request: HttpRequest, practice_id: int) -> GoodPracticeOut:
    practice = GoodPractice.objects.published().filter(pk=practice_id).first()
    if practice is None:
        raise Http404
    return _practice_out(request, practice)


@router.get(
    "/sheets",
    response={200: PracticalSheetListOut, 400: ErrorOut},
    operation_id="library_sheets_list",
    summary="Fiches pratiques de la méthode",
    description="Les fiches des quatre étapes (se préparer, rencontrer et choisir, "
    "construire, faire vivre et évaluer), filtrées par les mots de « q ».",
)
def sheets_list(request: HttpRequest, q: str = Query("", max_length=200)) -> PracticalSheetListOut:
    sheets = practical_sheets(filters=LibraryFilters(q=q))
    return PracticalSheetListOut(
        count=len(sheets),
        results=[
            PracticalSheetOut(
                code=sheet.code,
                step=sheet.step,
                title=sheet.title,
                summary=sheet.summary,
                url=request.build_absolute_uri(sheet.get_absolute_url()),
            )
            for sheet in sheets
        ],
    )
