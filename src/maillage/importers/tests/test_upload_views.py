"""The upload pages: who may use them, the form's refusals (nothing stored), CSRF, query
budgets."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from maillage.accounts.tests.factories import FacilitatorScopeFactory, UserFactory
from maillage.accounts.tests.personas import build_cast
from maillage.importers.enums import UploadStatus
from maillage.importers.models import ImportUpload
from maillage.importers.tests.web import csv_bytes, csv_file, signed_in, upload_in_state
from maillage.importers.uploads import MAX_UPLOAD_BYTES

pytestmark = [
    pytest.mark.usefixtures("referential"),
    pytest.mark.urls("maillage.importers.tests.urls"),
]

ROW = ["Les Jardins du Clain", "association", "86194", "", "", ""]


@pytest.fixture
def cast(db):
    return build_cast()


def _stored_files() -> set[str]:
    found: set[str] = set()
    if not default_storage.exists("imports"):
        return found
    directories, _files = default_storage.listdir("imports")
    for directory in directories:
        for name in default_storage.listdir(f"imports/{directory}")[1]:
            found.add(f"imports/{directory}/{name}")
    return found


# --------------------------------------------------------------------------- who may


def test_anonymous_visitors_are_sent_to_sign_in(db):
    client = Client()
    upload = upload_in_state(user=None, status=UploadStatus.READY)
    urls = [
        ("get", reverse("importers:uploads")),
        ("get", reverse("importers:upload")),
        ("get", reverse("importers:template")),
        ("get", reverse("importers:detail", args=[upload.pk])),
        ("get", reverse("importers:state", args=[upload.pk])),
        ("get", reverse("importers:rejected_csv", args=[upload.pk])),
        ("post", reverse("importers:confirm", args=[upload.pk])),
        ("post", reverse("importers:cancel", args=[upload.pk])),
        ("post", reverse("importers:resume", args=[upload.pk])),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url
    upload.refresh_from_db()
    assert upload.status == UploadStatus.READY


@pytest.mark.parametrize("role", ["stranger", "member", "admin"])
def test_people_who_are_neither_facilitators_nor_staff_cannot_import(cast, role):
    client = signed_in(getattr(cast, role))

    for url in (
        reverse("importers:uploads"),
        reverse("importers:upload"),
        reverse("importers:template"),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("importers:upload"), {"file": csv_file([ROW])})

    assert response.status_code == 403
    assert not ImportUpload.objects.exists()


@pytest.mark.parametrize("role", ["stranger", "member", "admin", "facilitator_out"])
def test_an_upload_is_invisible_outside_its_uploader_territory_and_staff(cast, role):
    upload = upload_in_state(user=cast.facilitator_in, status=UploadStatus.READY)
    client = signed_in(getattr(cast, role))

    for url in (
        reverse("importers:detail", args=[upload.pk]),
        reverse("importers:state", args=[upload.pk]),
        reverse("importers:rejected_csv", args=[upload.pk]),
    ):
        assert client.get(url).status_code == 404, url
    for name in ("confirm", "cancel", "resume"):
        assert client.post(reverse(f"importers:{name}", args=[upload.pk])).status_code == 404
    upload.refresh_from_db()
    assert upload.status == UploadStatus.READY


def test_a_colleague_of_the_same_territory_sees_the_upload_but_cannot_confirm_it(cast):
    colleague = UserFactory(email="collegue@vienne.example")
    FacilitatorScopeFactory(user=colleague, territory_code="dep:86")
    upload = upload_in_state(user=cast.facilitator_in, status=UploadStatus.READY)
    client = signed_in(colleague)

    page = client.get(reverse("importers:detail", args=[upload.pk]))
    listing = client.get(reverse("importers:uploads"))

    assert page.status_code == 200
    assert reverse("importers:confirm", args=[upload.pk]) not in page.content.decode()
    assert "ne peut être confirmé, relancé ou annulé que par" in page.content.decode()
    assert reverse("importers:detail", args=[upload.pk]) in listing.content.decode()
    assert client.post(reverse("importers:confirm", args=[upload.pk])).status_code == 404
    assert client.post(reverse("importers:cancel", args=[upload.pk])).status_code == 404


def test_staff_see_and_manage_every_upload(cast):
    upload = upload_in_state(user=cast.facilitator_in, status=UploadStatus.FAILED)
    client = signed_in(cast.staff)

    assert client.get(reverse("importers:detail", args=[upload.pk])).status_code == 200
    assert client.post(reverse("importers:cancel", args=[upload.pk])).status_code == 302

    upload.refresh_from_db()
    assert upload.status == UploadStatus.CANCELLED


def test_facilitators_and_staff_open_the_upload_form(cast):
    for user in (cast.facilitator_in, cast.facilitator_out, cast.staff):
        response = signed_in(user).get(reverse("importers:upload"))
        assert response.status_code == 200
        assert 'enctype="multipart/form-data"' in response.content.decode()
    page = signed_in(cast.facilitator_in).get(reverse("importers:upload")).content.decode()
    assert "Vienne (86)" in page
    assert "hors de votre territoire" in page


def test_the_model_file_has_the_canonical_header(cast):
    response = signed_in(cast.facilitator_in).get(reverse("importers:template"))

    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("name;kind;subkind;siret;siren;rna;commune;")


def test_the_list_shows_mine_and_my_territory_only(cast):
    mine = upload_in_state(user=cast.facilitator_in, original_name="mes-acteurs.csv")
    other = upload_in_state(
        user=cast.facilitator_out, original_name="val-de-marne.csv", territories="|dep:94|"
    )

    page = signed_in(cast.facilitator_in).get(reverse("importers:uploads")).content.decode()
    staff_page = signed_in(cast.staff).get(reverse("importers:uploads")).content.decode()

    assert mine.original_name in page and other.original_name not in page
    assert mine.original_name in staff_page and other.original_name in staff_page


def test_the_list_has_a_query_budget(cast, django_assert_max_num_queries):
    for n in range(12):
        upload_in_state(user=cast.facilitator_in, original_name=f"fichier-{n}.csv")
    client = signed_in(cast.facilitator_in)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("importers:uploads"))

    assert response.status_code == 200


# --------------------------------------------------------------------------- refusals


def _refused(client: Client, file: SimpleUploadedFile, message: str) -> None:
    before = _stored_files()
    response = client.post(reverse("importers:upload"), {"file": file})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page, page
    assert 'role="alert"' in page
    assert not ImportUpload.objects.exists()
    assert _stored_files() == before


def test_a_file_over_the_limit_is_refused_with_its_size(cast):
    big = SimpleUploadedFile(
        "gros.csv", csv_bytes([ROW]) + b"x" * MAX_UPLOAD_BYTES, content_type="text/csv"
    )

    _refused(signed_in(cast.facilitator_in), big, "la limite est de 20 Mo")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("acteurs.pdf", b"%PDF-1.4", "Seuls les fichiers CSV (.csv) et les classeurs Excel"),
        ("acteurs.xls", b"\xd0\xcf\x11\xe0", "Le format .xls n&#x27;est pas pris en charge"),
        ("acteurs.xlsx", b"name;kind\n", "n&#x27;est pas un classeur Excel (.xlsx) valide"),
        ("acteurs.csv", "name;kind\nA;association\n".encode("utf-16"), "UTF-16"),
        ("acteurs.csv", b"", "Le fichier est vide."),
        ("acteurs.csv", b"nom;type\nA;association\n", "colonnes manquantes : name, kind"),
    ],
)
def test_a_wrong_file_is_refused_on_the_form_and_nothing_is_stored(cast, name, content, message):
    _refused(signed_in(cast.facilitator_in), SimpleUploadedFile(name, content), message)


def test_a_zip_named_csv_is_refused(cast):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("acteurs.csv", "name;kind\n")

    _refused(
        signed_in(cast.facilitator_in),
        SimpleUploadedFile("acteurs.csv", buffer.getvalue()),
        "en réalité une archive",
    )


def test_a_zip_bomb_named_xlsx_is_refused_before_being_read(cast):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (50 * 1024 * 1024))

    _refused(
        signed_in(cast.facilitator_in),
        SimpleUploadedFile("acteurs.xlsx", buffer.getvalue()),
        "volume anormal",
    )


@pytest.mark.parametrize("name", ["../../etc/passwd.csv", "..\\..\\boot.csv", "/tmp/x.csv"])
def test_path_traversal_names_are_stored_under_a_safe_name(cast, name):
    client = signed_in(cast.facilitator_in)
    client.post(reverse("importers:upload"), {"file": csv_file([ROW], name=name)})
    upload = ImportUpload.objects.get()
    assert ".." not in upload.stored_name
    assert upload.stored_name.startswith("imports/")


def test_an_xlsx_workbook_is_accepted(cast):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["name", "kind", "commune"])
    sheet.append(["Les Jardins du Clain", "association", "86194"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = signed_in(cast.facilitator_in)

    response = client.post(
        reverse("importers:upload"),
        {"file": SimpleUploadedFile("acteurs.xlsx", buffer.getvalue())},
    )

    assert response.status_code == 302
    upload = ImportUpload.objects.get()
    assert upload.status == UploadStatus.READY
    assert (upload.preview["read"], upload.preview["rejected"]) == (1, 0)


def test_a_windows_1252_file_is_read_with_a_warning(cast):
    content = "name;kind;commune\nRégie de quartier;association;86194\n".encode("cp1252")
    client = signed_in(cast.facilitator_in)

    client.post(reverse("importers:upload"), {"file": SimpleUploadedFile("a.csv", content)})

    upload = ImportUpload.objects.get()
    assert upload.preview["preview"][0]["name"] == "Régie de quartier"
    page = client.get(reverse("importers:detail", args=[upload.pk])).content.decode()
    assert "Windows-1252" in page


def test_no_file_chosen(cast):
    response = signed_in(cast.facilitator_in).post(reverse("importers:upload"), {})

    assert response.status_code == 400
    assert "Choisissez un fichier CSV ou XLSX." in response.content.decode()


# --------------------------------------------------------------------------- CSRF


def test_every_upload_post_needs_the_csrf_token(cast):
    upload = upload_in_state(user=cast.facilitator_in, status=UploadStatus.READY)
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.facilitator_in)

    assert client.post(reverse("importers:upload"), {"file": csv_file([ROW])}).status_code == 403
    for name in ("confirm", "cancel", "resume"):
        assert client.post(reverse(f"importers:{name}", args=[upload.pk])).status_code == 403
    assert not ImportUpload.objects.exclude(pk=upload.pk).exists()
    upload.refresh_from_db()
    assert upload.status == UploadStatus.READY


def test_actions_are_post_only(cast):
    upload = upload_in_state(user=cast.facilitator_in, status=UploadStatus.READY)
    client = signed_in(cast.facilitator_in)

    for name in ("confirm", "cancel", "resume"):
        assert client.get(reverse(f"importers:{name}", args=[upload.pk])).status_code == 405
