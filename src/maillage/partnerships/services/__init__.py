"""The one write path of partnerships (style.md, habit 1). Views, the API, commands, other
apps and ``seed_demo`` call these functions; each is atomic and raises ``DomainError``
(field, code) for a broken rule.

- ``lifecycle``: ``partnership_create_draft``, ``partnership_update``,
  ``partnership_transition``, ``party_add``, ``party_update``, ``party_remove``;
- ``method``: checklists, ``partnership_advance_step``, risks, the legal form;
- ``commitments``: contributions, documents, milestones;
- ``events``: the timeline (``partnership_event_record``) and notices to the parties.
"""

from maillage.partnerships.services.commitments import (
    ContributionInput,
    contribution_create,
    contribution_delete,
    contribution_update,
    document_delete,
    document_upload,
    milestone_complete,
    milestone_create,
    milestone_delete,
    milestone_update,
)
from maillage.partnerships.services.events import (
    partnership_event_record,
    partnership_notify,
    stale_error,
)
from maillage.partnerships.services.lifecycle import (
    common_territory,
    partnership_create_draft,
    partnership_transition,
    partnership_update,
    party_add,
    party_remove,
    party_update,
    territory_keys_for,
)
from maillage.partnerships.services.method import (
    checklist_instantiate,
    checklist_item_add,
    checklist_item_delete,
    checklist_item_set_done,
    partnership_advance_step,
    partnership_set_legal_form,
    risk_create,
    risk_delete,
    risk_update,
)

__all__ = [
    "ContributionInput",
    "checklist_instantiate",
    "checklist_item_add",
    "checklist_item_delete",
    "checklist_item_set_done",
    "common_territory",
    "contribution_create",
    "contribution_delete",
    "contribution_update",
    "document_delete",
    "document_upload",
    "milestone_complete",
    "milestone_create",
    "milestone_delete",
    "milestone_update",
    "partnership_advance_step",
    "partnership_create_draft",
    "partnership_event_record",
    "partnership_notify",
    "partnership_set_legal_form",
    "partnership_transition",
    "partnership_update",
    "party_add",
    "party_remove",
    "party_update",
    "risk_create",
    "risk_delete",
    "risk_update",
    "stale_error",
    "territory_keys_for",
]
