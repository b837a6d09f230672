"""Receivers flagging matching profiles dirty when what they are built from changes.

Only a flag (one upsert): the rebuild happens when a suggestion is next asked for, or in
``maillage matching_housekeeping``. Raw saves (fixtures) are ignored.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from maillage.actors.models import Actor, InterventionArea, NeedOffer
from maillage.matching.profiles import profiles_mark_dirty


def _actor_saved(sender: Any, instance: Actor, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        profiles_mark_dirty(actor_ids=[instance.pk])


def _deleting_actors(origin: Any) -> bool:
    """True while an actor itself is being deleted (its profile goes with it)."""
    if isinstance(origin, Actor):
        return True
    return isinstance(origin, QuerySet) and origin.model is Actor


def _child_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or _deleting_actors(kwargs.get("origin")):
        return
    actor_id = getattr(instance, "actor_id", None)
    if actor_id:
        profiles_mark_dirty(actor_ids=[actor_id])


def _actor_m2m(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kw: Any
) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Actor):
        profiles_mark_dirty(actor_ids=[instance.pk])
    elif reverse and pk_set:
        profiles_mark_dirty(actor_ids=pk_set)


def _item_m2m(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kw: Any
) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, NeedOffer):
        profiles_mark_dirty(actor_ids=[instance.actor_id])
    elif reverse and pk_set:
        profiles_mark_dirty(
            actor_ids=NeedOffer.objects.filter(pk__in=pk_set).values_list("actor_id", flat=True)
        )


def connect() -> None:
    post_save.connect(_actor_saved, sender=Actor, dispatch_uid="matching_actor_saved")
    for model in (NeedOffer, InterventionArea):
        post_save.connect(_child_changed, sender=model, dispatch_uid=f"matching_{model.__name__}_s")
        post_delete.connect(
            _child_changed, sender=model, dispatch_uid=f"matching_{model.__name__}_d"
        )
    for through in (Actor.themes.through, Actor.partnership_types.through, Actor.labels.through):
        m2m_changed.connect(_actor_m2m, sender=through, dispatch_uid=f"matching_{through.__name__}")
    m2m_changed.connect(
        _item_m2m, sender=NeedOffer.themes.through, dispatch_uid="matching_needoffer_themes"
    )
