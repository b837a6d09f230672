"""The web import from end to end: upload → preview → confirm → background import →
summary; territory restriction; cancel; resume after an interruption.

The test settings run background tasks at once (django-tasks' ImmediateBackend), so a
request that enqueues the analysis or the import returns once it is done."""

from __future__ import annotations

import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.tests.personas import build_cast
from maillage.actors.enums import Source
from maillage.actors.models import Actor, NeedOffer
from maillage.actors.tests.factories import ActorFactory, valid_siret
from maillage.importers.canonical import actors_file_import
from maillage.importers.enums import ImportStatus, UploadStatus
from maillage.importers.models import ImportRun, ImportUpload
from maillage.importers.tests.web import HEADER, csv_file, signed_in, upload_in_state
from maillage.importers.uploads import STALLED_AFTER, _local_file
from maillage.territories.models import Commune

pytestmark = [
    pytest.mark.usefixtures("referential"),
    pytest.mark.urls("maillage.importers.tests.urls"),
]

SIRET = valid_siret(42)
ROWS = [
    [
        "Les Jardins du Clain",
        "association",
        "86194",
        "",
        "benevolat:bénévoles pour l'accueil|locaux:salle",
        "competences:formation",
    ],
    ['<script>alert("x")</script>', "association", "86194", "", "", ""],
    ["Boulangerie Martin", "entreprise", "86194", SIRET, "", ""],
    ["Ligne sans type", "", "86194", "", "", ""],
    ["Entraide marseillaise", "association", "13055", "", "", ""],
    ["Mauvais SIRET", "entreprise", "86194", "12345678901234", "", ""],
    ["Sans commune", "association", "", "", "", ""],
]


@pytest.fixture
def cast(db):
    return build_cast()


def _upload(client, file) -> ImportUpload:
    response = client.post(reverse("importers:upload"), {"file": file})
    assert response.status_code == 302, response.content.decode()
    upload = ImportUpload.objects.get()
    assert response["Location"] == reverse("importers:detail", args=[upload.pk])
    return upload


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_facilitator_uploads_previews_confirms_and_sees_the_summary(cast):
    client = signed_in(cast.facilitator_in)

    upload = _upload(client, csv_file(ROWS))

    # The analysis ran (dry run): a preview, nothing written.
    assert upload.status == UploadStatus.READY
    assert upload.rows_total == 7
    assert not Actor.objects.filter(name="Les Jardins du Clain").exists()
    assert not ImportRun.objects.exists()
    preview = client.get(reverse("importers:detail", args=[upload.pk]))
    assert preview.status_code == 200
    page = _text(preview)
    assert "Les Jardins du Clain" in page and "Boulangerie Martin" in page
    assert f"SIRET {SIRET}" in page
    assert "Poitiers (86194)" in page
    # every rejected line with its line number, column and reason
    rejected = {(e["line"], e["field"]) for e in upload.preview["errors"]}
    assert rejected == {(5, "kind"), (6, "commune"), (7, "siret"), (8, "commune")}
    for line in (5, 6, 7, 8):
        assert re.search(rf"<tr><td>{line}</td><td><code>", page), line
    assert "Hors de votre territoire : le siège (Marseille, 13055)" in page
    assert "Hors de votre territoire : la commune du siège manque" in page
    assert "Acteurs à créer</dt><dd>3</dd>" in page
    assert "Lignes rejetées</dt><dd>4</dd>" in page
    assert "Confirmer l'import (3 lignes)" in page

    confirmed = client.post(reverse("importers:confirm", args=[upload.pk]))

    assert confirmed.status_code == 302
    upload.refresh_from_db()
    assert upload.status == UploadStatus.DONE
    assert (upload.rows_done, upload.rows_total) == (7, 7)
    assert upload.confirmed_by == cast.facilitator_in
    run = upload.run
    assert run is not None and run.status == ImportStatus.DONE
    assert (run.created, run.rejected, run.started_by) == (3, 4, cast.facilitator_in)
    jardins = Actor.objects.get(name="Les Jardins du Clain")
    assert jardins.source == Source.IMPORT and jardins.seat_commune_id == "86194"
    assert NeedOffer.objects.filter(actor=jardins).count() == 3
    assert Actor.objects.filter(siret=SIRET).exists()
    assert not Actor.objects.filter(name="Entraide marseillaise").exists()
    # The stored file (it holds contact details) is deleted once imported.
    assert upload.stored_name == ""

    status = client.get(reverse("importers:detail", args=[upload.pk]))
    page = _text(status)
    assert "Import terminé" in page
    assert "Acteurs créés</dt><dd>3</dd>" in page
    assert f'href="{reverse("actors:detail", args=[jardins.pk])}"' in page
    assert "Hors de votre territoire" in page  # the rejected lines stay listed
    assert 'hx-trigger="every 2s"' not in page  # nothing to poll any more


def test_file_content_is_escaped_in_the_preview(cast):
    client = signed_in(cast.facilitator_in)
    upload = _upload(client, csv_file(ROWS))

    page = client.get(reverse("importers:detail", args=[upload.pk])).content.decode()

    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_staff_import_anywhere(cast):
    client = signed_in(cast.staff)
    upload = _upload(client, csv_file([ROWS[4]]))

    assert upload.restricted is False
    assert upload.preview["rejected"] == 0
    client.post(reverse("importers:confirm", args=[upload.pk]))

    assert Actor.objects.get(name="Entraide marseillaise").seat_commune_id == "13055"


def test_facilitator_cannot_update_an_actor_seated_elsewhere(cast):
    marseille = Commune.objects.get(code="13055")
    elsewhere = ActorFactory(
        name="Épicerie solidaire", company=True, seat_commune=marseille, siret=valid_siret(7)
    )
    client = signed_in(cast.facilitator_in)

    upload = _upload(
        client,
        csv_file(
            [["Épicerie solidaire (Poitiers)", "entreprise", "86194", elsewhere.siret, "", ""]]
        ),
    )

    [error] = upload.preview["errors"]
    assert error["line"] == 2
    assert "Hors de votre territoire" in error["message"]
    assert "Épicerie solidaire" in error["message"]
    assert upload.preview["rejected"] == 1


def test_preview_marks_rows_that_update_an_existing_actor(cast):
    existing = ActorFactory(
        name="Boulangerie Martin",
        company=True,
        seat_commune=Commune.objects.get(code="86194"),
        siret=SIRET,
    )
    client = signed_in(cast.facilitator_in)
    upload = _upload(client, csv_file([ROWS[2]]))

    page = _text(client.get(reverse("importers:detail", args=[upload.pk])))

    assert upload.preview["preview"][0]["actor"] == existing.pk
    assert f'<a href="{reverse("actors:detail", args=[existing.pk])}">mise à jour</a>' in page
    assert "Acteurs à mettre à jour</dt><dd>1</dd>" in page


def test_a_file_with_only_rejected_lines_cannot_be_confirmed(cast):
    client = signed_in(cast.facilitator_in)
    upload = _upload(client, csv_file([ROWS[3], ROWS[4]]))

    page = _text(client.get(reverse("importers:detail", args=[upload.pk])))
    assert "Aucune ligne valide à importer" in page
    assert reverse("importers:confirm", args=[upload.pk]) not in page

    response = client.post(reverse("importers:confirm", args=[upload.pk]), follow=True)

    assert "Aucune ligne valide à importer" in _text(response)
    upload.refresh_from_db()
    assert upload.status == UploadStatus.READY


def test_an_upload_is_imported_once(cast):
    client = signed_in(cast.facilitator_in)
    upload = _upload(client, csv_file([ROWS[0]]))
    client.post(reverse("importers:confirm", args=[upload.pk]))

    again = client.post(reverse("importers:confirm", args=[upload.pk]), follow=True)

    assert "n&#x27;est plus à confirmer" in _text(again)
    assert Actor.objects.filter(name="Les Jardins du Clain").count() == 1
    assert ImportRun.objects.count() == 1


def test_cancel_before_confirming_deletes_the_file_and_imports_nothing(cast):
    client = signed_in(cast.facilitator_in)
    upload = _upload(client, csv_file([ROWS[0]]))
    stored = upload.stored_name
    assert default_storage.exists(stored)

    client.post(reverse("importers:cancel", args=[upload.pk]))
    confirmed = client.post(reverse("importers:confirm", args=[upload.pk]), follow=True)

    upload.refresh_from_db()
    assert upload.status == UploadStatus.CANCELLED
    assert not default_storage.exists(stored)
    assert "Import annulé" in _text(confirmed)
    assert not Actor.objects.filter(name="Les Jardins du Clain").exists()


def test_running_import_shows_an_accessible_progress_bar_polled_every_two_seconds(cast):
    upload = upload_in_state(user=cast.facilitator_in, status=UploadStatus.RUNNING, phase="acteurs")
    client = signed_in(cast.facilitator_in)

    page = _text(client.get(reverse("importers:detail", args=[upload.pk])))
    partial = _text(
        client.get(reverse("importers:state", args=[upload.pk]), headers={"HX-Request": "true"})
    )

    for html in (page, partial):
        assert 'hx-trigger="every 2s"' in html
        assert f'hx-get="{reverse("importers:state", args=[upload.pk])}"' in html
        assert re.search(r'<progress class="import-progress" max="10" value="4" aria-', html)
        assert "4 lignes traitées sur 10 (40 %)" in html
        assert "Lecture et enregistrement des lignes" in html
    assert '<noscript><meta http-equiv="refresh"' in page  # without JavaScript


def test_polling_stops_and_announces_the_end_once_done(cast):
    upload = upload_in_state(
        user=cast.facilitator_in,
        status=UploadStatus.DONE,
        rows_done=10,
        result={
            "read": 10,
            "created": 9,
            "updated": 0,
            "unchanged": 0,
            "skipped": 0,
            "rejected": 1,
            "warning_count": 0,
            "warnings": [],
            "errors": [
                {"file": "acteurs.csv", "line": 3, "field": "kind", "message": "Type inconnu."}
            ],
        },
        finished_at=timezone.now(),
    )
    client = signed_in(cast.facilitator_in)

    partial = _text(
        client.get(reverse("importers:state", args=[upload.pk]), headers={"HX-Request": "true"})
    )

    assert "hx-trigger" not in partial
    assert 'id="import-announce" hx-swap-oob="innerHTML">Import terminé.' in partial
    assert "<tr><td>3</td><td><code>kind</code></td><td>Type inconnu.</td></tr>" in partial


def test_an_interrupted_import_resumes_after_its_last_batch_without_duplicates(cast):
    rows = [[f"Association numéro {n}", "association", "86194", "", "", ""] for n in range(700)]
    client = signed_in(cast.facilitator_in)
    upload = _upload(client, csv_file(rows))

    # The worker dies after the first committed batch (500 rows): same file, same
    # territories, as the background task runs it.
    class KilledError(Exception):
        pass

    def die(run: ImportRun, number: int) -> None:
        raise KilledError

    with _local_file(upload) as path, pytest.raises(KilledError):
        actors_file_import(
            path=path,
            on_batch=die,
            user=cast.facilitator_in,
            display_name=upload.original_name,
            territories=upload.territory_codes,
        )
    assert Actor.objects.filter(name__startswith="Association numéro").count() == 500
    ImportUpload.objects.filter(pk=upload.pk).update(
        status=UploadStatus.FAILED, confirmed_at=timezone.now(), error="Interrompu."
    )
    page = _text(client.get(reverse("importers:detail", args=[upload.pk])))
    assert "Reprendre l'import" in page

    client.post(reverse("importers:resume", args=[upload.pk]))

    upload.refresh_from_db()
    assert upload.status == UploadStatus.DONE
    assert Actor.objects.filter(name__startswith="Association numéro").count() == 700
    run = ImportRun.objects.get()
    assert (run.attempts, run.created, run.rows_read) == (2, 700, 700)
    assert upload.run == run


def test_a_stalled_import_can_be_resumed_but_a_live_one_cannot(cast):
    client = signed_in(cast.facilitator_in)
    upload = _upload(client, csv_file([ROWS[0]]))
    ImportUpload.objects.filter(pk=upload.pk).update(
        status=UploadStatus.RUNNING, confirmed_at=timezone.now()
    )

    live = client.post(reverse("importers:resume", args=[upload.pk]), follow=True)
    assert "rien à relancer" in _text(live)

    ImportUpload.objects.filter(pk=upload.pk).update(
        updated_at=timezone.now() - STALLED_AFTER - timezone.timedelta(minutes=1)
    )
    page = _text(client.get(reverse("importers:detail", args=[upload.pk])))
    assert "le traitement semble interrompu" in page
    client.post(reverse("importers:resume", args=[upload.pk]))

    upload.refresh_from_db()
    assert upload.status == UploadStatus.DONE
    assert Actor.objects.filter(name="Les Jardins du Clain").count() == 1


def test_rejected_lines_download_as_csv_with_formulas_neutralised(cast):
    client = signed_in(cast.facilitator_in)
    upload = _upload(
        client,
        csv_file([["=HYPERLINK(1)", "inconnu", "86194", "", "", ""]], header=HEADER),
    )

    response = client.get(reverse("importers:rejected_csv", args=[upload.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "ligne;champ;motif"
    assert lines[1].startswith("2;kind;")
