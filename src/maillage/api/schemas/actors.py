"""Input and output schemas of the actors endpoints (``…In`` parsed, ``…Out`` rendered).

Vocabulary values are given by their stable codes (domain.md §9); their French labels are
served once by ``GET /api/v1/vocabularies``. Territories are ``{code, name}`` objects.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator

MAX_PER_PAGE = 100


def _split_codes(value: object) -> object:
    """``?kind=a&kind=b`` and ``?kind=a,b`` mean the same; blanks are ignored."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list | tuple):
        return [part.strip() for item in value for part in str(item).split(",") if part.strip()]
    return value


class ActorSelectionIn(Schema):
    """The directory's selection (the same query parameters as ``/acteurs/``), shared by
    the search and export endpoints."""

    q: str = Field("", description="Texte libre (nom, présentation).", max_length=200)
    kind: list[str] = Field(default_factory=list, description="Codes de type d'acteur.")
    sphere: list[str] = Field(default_factory=list, description="Codes de sphère.")
    theme: list[str] = Field(default_factory=list, description="Codes de thématique.")
    territory: str = Field(
        "",
        description="Code de territoire (com:86194, epci:200069854, dep:86, reg:75, fr) : "
        "les acteurs dont le siège est situé dans ce territoire.",
    )
    need: list[str] = Field(
        default_factory=list, description="Catégories de besoins publiés (codes)."
    )
    offer: list[str] = Field(
        default_factory=list, description="Catégories d'offres publiées (codes)."
    )
    closed: bool = Field(False, description="Inclure les structures fermées ou dissoutes.")
    sort: Literal["relevance", "name", "recent", "completeness"] = Field(
        "relevance", description="Ordre des résultats."
    )

    _split = field_validator("kind", "sphere", "theme", "need", "offer", mode="before")(
        _split_codes
    )


class ActorSearchIn(ActorSelectionIn):
    """The directory's filters plus paging."""

    page: int = Field(1, ge=1, description="Numéro de page, à partir de 1.")
    per_page: int = Field(
        20, ge=1, le=MAX_PER_PAGE, description=f"Résultats par page ({MAX_PER_PAGE} au plus)."
    )
    facets: bool = Field(False, description="Ajouter le décompte par facette.")


class TerritoryRefOut(Schema):
    code: str = Field(description="Code officiel (INSEE, SIREN de l'EPCI…).")
    name: str


class ActorSummaryOut(Schema):
    id: int
    name: str
    acronym: str
    kind: str = Field(description="Code du type d'acteur.")
    subkind: str | None = Field(description="Code du sous-type.")
    sphere: str
    commune: TerritoryRefOut | None = Field(description="Commune du siège.")
    departement: TerritoryRefOut | None
    themes: list[str] = Field(description="Codes des thématiques.")
    url: str = Field(description="Adresse de la page publique de l'acteur.")


class FacetValueOut(Schema):
    code: str
    label: str
    count: int


class ActorListOut(Schema):
    total: int = Field(description="Nombre d'acteurs correspondant à la recherche.")
    total_estimated: bool = Field(
        False,
        description="Vrai quand « total » est une estimation (recherche très large sur un "
        "grand annuaire) : le décompte exact coûterait plus que la page elle-même.",
    )
    facets_estimated: bool = Field(
        False, description="Vrai quand les décomptes des facettes sont des estimations."
    )
    page: int
    per_page: int
    pages: int = Field(description="Nombre de pages.")
    results: list[ActorSummaryOut]
    facets: dict[str, list[FacetValueOut]] | None = Field(
        None,
        description="Avec facets=true : décompte par kind, sphere, theme, departement, need "
        "et offer.",
    )


class NeedOfferOut(Schema):
    id: int
    direction: Literal["need", "offer"]
    category: str = Field(description="Code de catégorie.")
    title: str
    text: str
    themes: list[str]
    territory: str = Field(description="Code de territoire, vide si non précisé.")
    quantity: str
    value_eur: float | None
    valid_from: dt.date | None
    valid_until: dt.date | None


class ContactOut(Schema):
    id: int
    first_name: str
    last_name: str
    role: str
    email: str
    phone: str
    is_primary: bool


class OddTagOut(Schema):
    number: int = Field(description="Numéro de l'ODD (1 à 17).")
    target: str = Field(description="Cible, par exemple « 4.4 » ; vide pour l'objectif.")


class InterventionAreaOut(Schema):
    level: str = Field(description="Échelon (commune, epci, departement, region, national…).")
    territory: str = Field(description="Code de territoire, vide pour un échelon sans code.")
    label: str


class ActorOut(ActorSummaryOut):
    """An actor's public profile. ``contacts`` is null when you may not see them."""

    is_ess: bool
    company_size: str
    employees: int | None
    is_mission_company: bool
    public_service_mission: bool
    siren: str
    siret: str
    rna: str
    epci: TerritoryRefOut | None
    region: TerritoryRefOut | None
    address: str
    postal_code: str
    latitude: float | None
    longitude: float | None
    coordinates_approximate: bool
    description: str
    website: str
    email: str = Field(description="Courriel de la structure (pas d'une personne).")
    phone: str
    odds: list[OddTagOut]
    partnership_types: list[str]
    labels: list[str]
    intervention: list[InterventionAreaOut]
    needs: list[NeedOfferOut]
    offers: list[NeedOfferOut]
    status: Literal["active", "closed"]
    completeness: int = Field(description="Complétude du profil, en pourcentage.")
    profile_confirmed_at: dt.datetime | None
    updated_at: dt.datetime
    contacts: list[ContactOut] | None = Field(
        description="Personnes contacts : null si vous n'êtes pas autorisé à les voir "
        "(membres de l'organisation, animateurs du territoire, équipe)."
    )


class ActorKeysetIn(Schema):
    """Keyset paging through the directory (stable under concurrent writes)."""

    after: str = Field(
        "",
        description="Curseur opaque renvoyé par la page précédente (« next ») ; vide pour "
        "commencer.",
        max_length=40,
    )
    limit: int = Field(100, ge=1, le=500, description="Acteurs par page (500 au plus).")
    kind: list[str] = Field(default_factory=list, description="Codes de type d'acteur.")
    theme: list[str] = Field(default_factory=list, description="Codes de thématique.")
    territory: str = Field("", description="Code de territoire (com:…, epci:…, dep:…, reg:…).")
    closed: bool = Field(False, description="Inclure les structures fermées ou dissoutes.")

    _split = field_validator("kind", "theme", mode="before")(_split_codes)


class ActorKeysetOut(Schema):
    results: list[ActorSummaryOut]
    next: str | None = Field(
        description="Curseur de la page suivante ; null quand il n'y a plus rien."
    )


class _ActorFieldsIn(Schema):
    """The fields of a profile a member may set (never the owner, status, source, or the
    computed completeness): extra keys are refused, so mass assignment changes nothing."""

    model_config = {"extra": "forbid"}

    subkind: str | None = Field(None, max_length=50)
    sphere: str | None = Field(None, max_length=30)
    acronym: str | None = Field(None, max_length=50)
    is_ess: bool | None = None
    company_size: str | None = Field(None, max_length=10)
    employees: int | None = Field(None, ge=0, le=10_000_000)
    is_mission_company: bool | None = None
    public_service_mission: bool | None = None
    siren: str | None = Field(None, max_length=9)
    siret: str | None = Field(None, max_length=14)
    rna: str | None = Field(None, max_length=10)
    commune: str | None = Field(None, max_length=5, description="Code INSEE de la commune.")
    address: str | None = Field(None, max_length=300)
    postal_code: str | None = Field(None, max_length=5)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    description: str | None = Field(None, max_length=5000)
    website: str | None = Field(None, max_length=300)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=30)
    themes: list[str] | None = Field(None, max_length=50)
    partnership_types: list[str] | None = Field(None, max_length=10)
    labels: list[str] | None = Field(None, max_length=50)
    intervention: list[str] | None = Field(
        None, max_length=50, description="Codes de territoire (com:…, epci:…, dep:…, reg:…, fr)."
    )
    created_on: dt.date | None = None


class ActorCreateIn(_ActorFieldsIn):
    """A new organisation; you become its administrator."""

    name: str = Field(min_length=1, max_length=300)
    kind: str = Field(min_length=1, max_length=50, description="Code du type d'acteur.")


class ActorUpdateIn(_ActorFieldsIn):
    """Only the fields given change (``null`` is refused for text fields: send "")."""

    name: str | None = Field(None, min_length=1, max_length=300)
    kind: str | None = Field(None, max_length=50)


class NeedOfferIn(Schema):
    model_config = {"extra": "forbid"}

    direction: Literal["need", "offer"]
    category: str = Field(max_length=50, description="Code de catégorie.")
    text: str = Field(min_length=1, max_length=2000)
    title: str = Field("", max_length=200)
    themes: list[str] = Field(default_factory=list, max_length=20)
    territory: str = Field("", max_length=20, description="Code de territoire, ou vide.")
    quantity: str = Field("", max_length=100)
    value_eur: float | None = Field(None, ge=0, le=1_000_000_000)
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


class NeedOfferUpdateIn(Schema):
    model_config = {"extra": "forbid"}

    category: str | None = Field(None, max_length=50)
    text: str | None = Field(None, min_length=1, max_length=2000)
    title: str | None = Field(None, max_length=200)
    themes: list[str] | None = Field(None, max_length=20)
    territory: str | None = Field(None, max_length=20)
    quantity: str | None = Field(None, max_length=100)
    value_eur: float | None = Field(None, ge=0, le=1_000_000_000)
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    is_active: bool | None = None
