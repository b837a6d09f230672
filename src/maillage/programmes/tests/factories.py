"""Factories for programmes, working groups and actions (traits named after situations)."""

from __future__ import annotations

from typing import Any

import factory

from maillage.actors.tests.factories import ActorFactory
from maillage.programmes.enums import ActionStatus, ProgrammeStatus
from maillage.programmes.models import Action, GroupMember, Programme, WorkingGroup


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A published programme. Traits: ``draft``. ``facilitators=[user]`` to set them."""

    class Meta:
        model = Programme
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Agir ensemble n° {n}")
    summary = "Associations, entreprises et collectivités agissent ensemble."
    territory_codes = factory.LazyFunction(lambda: ["dep:86"])
    status = ProgrammeStatus.ACTIVE

    class Params:
        draft = factory.Trait(status=ProgrammeStatus.DRAFT)

    @factory.post_generation
    def facilitators(self, create: bool, extracted: list[Any] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.facilitators.set(extracted)  # type: ignore[attr-defined]


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Groupe n° {n}")
    co_lead_association = factory.SubFactory(ActorFactory)
    co_lead_company = factory.SubFactory(ActorFactory, company=True)


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(WorkingGroupFactory)
    actor = factory.SubFactory(ActorFactory)


class ActionFactory(factory.django.DjangoModelFactory):
    """A selected action with a referent organisation. Traits: ``proposed``."""

    class Meta:
        model = Action

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Action n° {n}")
    summary = "Une action conjointe sur le territoire."
    status = ActionStatus.SELECTED
    referent_actor = factory.SubFactory(ActorFactory)

    class Params:
        proposed = factory.Trait(status=ActionStatus.PROPOSED)
