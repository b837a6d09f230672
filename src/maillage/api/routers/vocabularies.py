"""``/api/v1/vocabularies``: the reference vocabularies' stable codes and French labels."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from ninja import Router

from maillage.actors.enums import CompanySize, Sphere
from maillage.actors.models import Category, Kind, Label, Odd, PartnershipType, Theme
from maillage.api.schemas.vocabularies import (
    CodeLabelOut,
    DescribedCodeLabelOut,
    KindOut,
    OddOut,
    SubKindOut,
    ThemeOut,
    VocabulariesOut,
)

router = Router(tags=["vocabularies"])


@router.get(
    "",
    response=VocabulariesOut,
    operation_id="vocabularies_get",
    summary="Vocabulaires de référence",
    description="Codes stables (utilisés dans les paramètres et les réponses de l'API, les "
    "fichiers et les adresses) et libellés français : sphères, types et sous-types "
    "d'acteurs, tailles d'entreprise, thématiques et leurs ODD, catégories de besoins et "
    "d'offres, types de partenariat, labels.",
)
def vocabularies_get(request: HttpRequest) -> VocabulariesOut:
    # Labels are French whatever the client's language: the referential is French.
    with translation.override("fr"):
        spheres = [CodeLabelOut(code=code, label=str(label)) for code, label in Sphere.choices]
        sizes = [CodeLabelOut(code=code, label=str(label)) for code, label in CompanySize.choices]
    kinds = [
        KindOut(
            code=kind.code,
            label=kind.name,
            default_sphere=kind.default_sphere,
            di_typology=kind.di_typology,
            subkinds=[
                SubKindOut(code=sub.code, label=sub.name, di_typology=sub.di_typology)
                for sub in kind.subkinds.all()
            ],
        )
        for kind in Kind.objects.prefetch_related("subkinds")
    ]
    themes = [
        ThemeOut(
            code=theme.code,
            label=theme.name,
            odds=sorted(odd.number for odd in theme.odds.all()),
        )
        for theme in Theme.objects.prefetch_related("odds")
    ]
    return VocabulariesOut(
        spheres=spheres,
        kinds=kinds,
        company_sizes=sizes,
        themes=themes,
        odds=[OddOut(number=o.number, label=o.name, colour=o.colour) for o in Odd.objects.all()],
        categories=[CodeLabelOut(code=c.code, label=c.name) for c in Category.objects.all()],
        partnership_types=[
            DescribedCodeLabelOut(code=p.code, label=p.name, description=p.description)
            for p in PartnershipType.objects.all()
        ],
        labels=[CodeLabelOut(code=item.code, label=item.name) for item in Label.objects.all()],
    )
