"""The four-step method: checklists from the editable sheets, climbing the steps, the
risk analysis and the guidance on legal forms."""

from __future__ import annotations

import pytest

from maillage.actors.tests.factories import ActorFactory
from maillage.core.errors import DomainError, DomainValidationError
from maillage.partnerships import services
from maillage.partnerships.enums import HelpDirection, LegalForm, MethodStep
from maillage.partnerships.guidance import (
    DISCOURAGED,
    RECOMMENDED,
    PartyFacts,
    legal_form_advice,
    risk_suggestions,
)
from maillage.partnerships.models import ChecklistItem, PracticalSheet, SheetItem
from maillage.partnerships.reference_data import SHEETS
from maillage.partnerships.selectors import (
    legal_form_guidance,
    method_progress,
    partnership_parties,
    risk_overview,
    sheet_blocks,
)
from maillage.partnerships.tests.factories import add_contribution, partnership_between

pytestmark = pytest.mark.django_db


def _partnership():
    return partnership_between(
        ActorFactory(name="Association Entraide"),
        ActorFactory(name="Entreprise Solidaire", entreprise=True),
    )


# --------------------------------------------------------------------------- sheets


def test_every_step_has_sheets_with_actions_loaded_by_the_migration():
    for step in MethodStep.values:
        sheets = PracticalSheet.objects.filter(step=step)
        assert sheets.exists(), step
        assert SheetItem.objects.filter(sheet__step=step).count() >= 3, step
    assert PracticalSheet.objects.count() == len(SHEETS)
    risks = PracticalSheet.objects.get(code="analyser-les-risques")
    assert "statut juridique et fiscal" in risks.body
    assert "prestation de service" in risks.body


def test_sheet_text_becomes_paragraphs_and_lists():
    blocks = sheet_blocks("Pour l'association :\n- la dépendance ;\n- l'image.\n\nFin.")
    assert [(b.kind, b.lines) for b in blocks] == [
        ("text", ["Pour l'association :"]),
        ("list", ["la dépendance ;", "l'image."]),
        ("text", ["Fin."]),
    ]


def test_an_edited_sheet_changes_new_checklists_not_existing_ones():
    before = _partnership()
    item = SheetItem.objects.get(code="preparer-enjeux")
    item.label = "Nouvelle formulation"
    item.save()
    retired = SheetItem.objects.get(code="preparer-apports")
    retired.is_active = False
    retired.save()

    after = _partnership()

    assert before.checklist.filter(label__startswith="Chaque partie a formulé").exists()
    assert after.checklist.filter(label="Nouvelle formulation").exists()
    assert before.checklist.filter(sheet_item=retired).exists()
    assert not after.checklist.filter(sheet_item=retired).exists()


def test_items_added_to_the_sheets_later_can_be_pulled_in_once():
    partnership = _partnership()
    sheet = PracticalSheet.objects.get(code="co-construire-le-projet")
    SheetItem.objects.create(sheet=sheet, code="construire-charte", label="Une charte commune")
    assert services.checklist_instantiate(partnership=partnership) == 1
    assert services.checklist_instantiate(partnership=partnership) == 0
    assert partnership.checklist.get(label="Une charte commune").step == "construire"


# --------------------------------------------------------------------------- checklist and steps


def test_progress_per_step_counts_ticked_actions():
    partnership = _partnership()
    first = partnership.checklist.filter(step="preparer").order_by("position").first()
    assert first is not None
    services.checklist_item_set_done(item=first, done=True, user=None)
    steps = method_progress(partnership=partnership)
    assert [s.step for s in steps] == ["preparer", "rencontrer", "construire", "evaluer"]
    prepare = steps[0]
    assert prepare.is_current and prepare.done == 1
    assert prepare.total == partnership.checklist.filter(step="preparer").count()
    assert prepare.percent == round(100 / prepare.total)
    assert steps[1].done == 0 and not steps[1].is_current


def test_unticking_clears_who_and_when():
    partnership = _partnership()
    item = partnership.checklist.first()
    assert item is not None
    services.checklist_item_set_done(item=item, done=True, user=None)
    services.checklist_item_set_done(item=item, done=False, user=None)
    item.refresh_from_db()
    assert not item.done and item.done_at is None


def test_advancing_with_unticked_actions_needs_confirmation():
    partnership = _partnership()
    with pytest.raises(DomainError) as error:
        services.partnership_advance_step(partnership=partnership, user=None)
    assert error.value.code == "checklist_incomplete"
    assert "à l'étape « Se préparer »" in error.value.message
    partnership.refresh_from_db()
    assert partnership.current_step == "preparer"

    services.partnership_advance_step(partnership=partnership, user=None, force=True)
    partnership.refresh_from_db()
    assert partnership.current_step == "rencontrer"


def test_a_completed_step_advances_without_confirmation_up_to_the_last_one():
    partnership = _partnership()
    for step in ("preparer", "rencontrer", "construire"):
        for item in partnership.checklist.filter(step=step):
            services.checklist_item_set_done(item=item, done=True, user=None)
        services.partnership_advance_step(partnership=partnership, user=None)
    partnership.refresh_from_db()
    assert partnership.current_step == "evaluer"
    with pytest.raises(DomainError) as error:
        services.partnership_advance_step(partnership=partnership, user=None, force=True)
    assert error.value.code == "last_step"


def test_own_actions_are_added_and_removed_but_not_the_sheets_ones():
    partnership = _partnership()
    own = services.checklist_item_add(
        partnership=partnership, step="construire", label="Présenter le projet au CA", user=None
    )
    assert own.step == "construire"
    with pytest.raises(DomainValidationError):
        services.checklist_item_add(partnership=partnership, step="dormir", label="", user=None)
    sheet_item = partnership.checklist.exclude(sheet_item=None).first()
    assert sheet_item is not None
    with pytest.raises(DomainError):
        services.checklist_item_delete(item=sheet_item, user=None)
    services.checklist_item_delete(item=own, user=None)
    assert not ChecklistItem.objects.filter(pk=own.pk).exists()


# --------------------------------------------------------------------------- legal form


def _facts(kind: str, sphere: str, party_id: int = 1) -> PartyFacts:
    return PartyFacts(party_id=party_id, name=f"{kind} {party_id}", kind=kind, sphere=sphere)


def test_the_fitting_legal_forms_come_first_for_each_type():
    advice = legal_form_advice(
        type_code="mecenat", help_direction=HelpDirection.COMPANY_HELPS, chosen="", parties=[]
    )
    assert advice[0].code == LegalForm.CONVENTION_MECENAT and advice[0].fit == RECOMMENDED
    innovation = legal_form_advice(
        type_code="innovation_societale",
        help_direction=HelpDirection.CO_CONSTRUCTION,
        chosen="",
        parties=[],
    )
    assert innovation[0].code == LegalForm.CONVENTION_PARTENARIAT
    fits = {item.code: item.fit for item in innovation}
    assert fits[LegalForm.CONVENTION_MECENAT] == DISCOURAGED


def test_a_service_contract_warns_about_the_associations_tax_status():
    parties = [_facts("association", "ess", 1), _facts("entreprise", "entreprises", 2)]
    advice = {
        item.code: item
        for item in legal_form_advice(
            type_code="pratiques_responsables",
            help_direction=HelpDirection.ASSOCIATION_HELPS,
            chosen=LegalForm.PRESTATION,
            parties=parties,
        )
    }
    prestation = advice[LegalForm.PRESTATION]
    assert prestation.is_chosen and prestation.fit == RECOMMENDED
    assert any("non-lucrativité" in warning for warning in prestation.warnings)
    # An SIAE sells its services: no tax-status warning.
    siae = legal_form_advice(
        type_code="pratiques_responsables",
        help_direction=HelpDirection.ASSOCIATION_HELPS,
        chosen="",
        parties=[_facts("siae", "ess", 1), _facts("entreprise", "entreprises", 2)],
    )
    assert not next(i for i in siae if i.code == LegalForm.PRESTATION).warnings


def test_a_sponsorship_agreement_warns_it_may_not_fit_a_co_construction():
    parties = [_facts("association", "ess", 1), _facts("entreprise", "entreprises", 2)]
    advice = legal_form_advice(
        type_code="innovation_societale",
        help_direction=HelpDirection.CO_CONSTRUCTION,
        chosen="",
        parties=parties,
    )
    mecenat = next(item for item in advice if item.code == LegalForm.CONVENTION_MECENAT)
    assert any("co-construction" in warning for warning in mecenat.warnings)


def test_choosing_a_legal_form_is_versioned_and_checked():
    partnership = _partnership()
    services.partnership_set_legal_form(
        partnership=partnership,
        legal_form=LegalForm.CONVENTION_MECENAT,
        note="Un don de matériel.",
        user=None,
        expected_version=partnership.version,
    )
    partnership.refresh_from_db()
    assert partnership.legal_form == LegalForm.CONVENTION_MECENAT
    with pytest.raises(DomainError):
        services.partnership_set_legal_form(
            partnership=partnership,
            legal_form="contrat_magique",
            note="",
            user=None,
            expected_version=partnership.version,
        )
    with pytest.raises(DomainError) as stale:
        services.partnership_set_legal_form(
            partnership=partnership, legal_form="", note="", user=None, expected_version=1
        )
    assert stale.value.code == "stale"
    guidance = legal_form_guidance(
        partnership=partnership, parties=partnership_parties(partnership=partnership)
    )
    assert sum(1 for item in guidance if item.is_chosen) == 1


# --------------------------------------------------------------------------- risks


def test_points_of_attention_follow_the_legal_form_and_the_money():
    association = _facts("association", "ess", 1)
    company = _facts("entreprise", "entreprises", 2)
    found = risk_suggestions(
        parties=[association, company],
        help_direction=HelpDirection.CO_CONSTRUCTION,
        legal_form=LegalForm.PRESTATION,
        money_by_party={2: 5000},  # type: ignore[dict-item]
        recorded=[],
    )
    kinds = {(item.party_id, item.kind) for item in found}
    assert (1, "statut") in kinds and (1, "dependance") in kinds and (1, "image") in kinds
    assert (2, "image") in kinds and (2, "capacite") in kinds
    again = risk_suggestions(
        parties=[association, company],
        help_direction=HelpDirection.CO_CONSTRUCTION,
        legal_form=LegalForm.PRESTATION,
        money_by_party={},
        recorded=[(1, "statut"), (1, "image")],
    )
    assert (1, "statut") not in {(item.party_id, item.kind) for item in again}


def test_risks_are_analysed_per_party_and_checked():
    partnership = _partnership()
    parties = partnership_parties(partnership=partnership)
    association = next(p for p in parties if p.actor.name == "Association Entraide")
    company = next(p for p in parties if p.actor.name == "Entreprise Solidaire")
    add_contribution(partnership, company, amount="20000")
    overview = risk_overview(partnership=partnership, parties=parties)
    assert any(
        s.party_id == association.pk and s.kind == "dependance" for s in overview.suggestions
    )
    services.risk_create(
        partnership=partnership,
        party=association,
        kind="dependance",
        level="eleve",
        description="Ce soutien représente 40 % de notre budget.",
        mitigation="Chercher deux autres mécènes.",
        user=None,
    )
    overview = risk_overview(partnership=partnership, parties=parties)
    assert [len(row.risks) for row in overview.by_party] == [1, 0]
    assert not any(
        s.party_id == association.pk and s.kind == "dependance" for s in overview.suggestions
    )
    other = partnership_between(ActorFactory(), ActorFactory())
    with pytest.raises(DomainValidationError) as error:
        services.risk_create(
            partnership=other,
            party=association,
            kind="meteo",
            level="enorme",
            description="",
            user=None,
        )
    assert set(error.value.errors) == {"party", "kind", "level", "description"}
