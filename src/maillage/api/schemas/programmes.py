"""Schemas of ``/api/v1/programmes`` (``…In`` parsed, ``…Out`` rendered)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class ActorRefOut(Schema):
    id: int
    name: str


class NeedOut(Schema):
    id: int
    text: str
    category: str | None = Field(None, description="Code de catégorie (financement…).")
    is_met: bool


class ActionSummaryOut(Schema):
    id: int
    title: str
    status: str = Field(description="proposee, retenue, non_retenue, en_cours, realisee…")
    is_cross_cutting: bool
    referent: ActorRefOut | None
    url: str


class ActionOut(ActionSummaryOut):
    summary: str
    programme: int
    groups: list[int]
    needs: list[NeedOut]
    selection_method: str = Field(description="vote, choix_animateur ou vide.")
    selected_at: dt.datetime | None


class GroupOut(Schema):
    id: int
    title: str
    theme: str | None
    co_lead_association: ActorRefOut | None
    co_lead_company: ActorRefOut | None
    members: int
    meetings: int


class PhaseOut(Schema):
    kind: str
    title: str
    starts_on: dt.date | None
    ends_on: dt.date | None


class ProgrammeSummaryOut(Schema):
    id: int
    title: str
    status: str
    territory_codes: list[str]
    lead_actor: ActorRefOut | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    url: str


class ProgrammeOut(ProgrammeSummaryOut):
    summary: str
    themes: list[str]
    co_pilots: list[ActorRefOut]
    phases: list[PhaseOut]
    groups: list[GroupOut]
    actions: list[ActionSummaryOut]


class ProgrammeListOut(Schema):
    count: int
    results: list[ProgrammeSummaryOut]


class ContributionIn(Schema):
    message: str = Field(max_length=4000, description="Ce que vous pouvez apporter.")
    actor: int | None = Field(None, description="Votre organisation (vous en êtes membre).")
    need: int | None = Field(None, description="Le besoin de l'action visé, s'il y en a un.")


class ContributionOut(Schema):
    id: int
    action: int
    status: str
    actor: ActorRefOut | None
    message: str
    created_at: dt.datetime


class FunnelOut(Schema):
    events: int
    participants: int
    meetings: int
    follow_ups: int
    introductions: int
    partnerships: int
