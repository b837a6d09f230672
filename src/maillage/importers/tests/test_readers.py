"""The streaming readers: encodings, quoting, line numbers, broken and hostile input.

Property-based: any table of text values written by the csv module reads back the same,
in UTF-8 or Windows-1252, with either separator; random bytes never crash a reader — they
give records or rows with an error, or an ``UnusableFileError``."""

from __future__ import annotations

import csv
import io
import string
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from maillage.importers.readers import (
    DecodeStats,
    UnusableFileError,
    csv_table,
    csv_tables,
    decoded_lines,
    detect_delimiter,
)


def _read(path: Path, **options: object) -> tuple[list[str], list[tuple[int, list[str], str]]]:
    tables = csv_table(path, **options)  # type: ignore[arg-type]
    table = next(tables)
    rows = [(r.line, r.fields, r.error) for r in table.records]
    tables.close()
    return table.header, rows


def test_bom_is_dropped_and_lines_are_numbered_from_the_header(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes('\ufeffnom;objet\nA;"un ; deux\ntrois"\nB;quatre\n'.encode())

    header, rows = _read(path)

    assert header == ["nom", "objet"]
    assert rows == [(2, ["A", "un ; deux\ntrois"], ""), (4, ["B", "quatre"], "")]


def test_windows_1252_lines_are_decoded_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("nom,ville\nÉcole,Poitiers\nŒuvre,Niort\n".encode("cp1252"))
    tables = csv_table(path)
    table = next(tables)

    rows = [r.fields for r in table.records]
    tables.close()

    assert rows == [["École", "Poitiers"], ["Œuvre", "Niort"]]
    assert table.stats.encoding == "windows-1252"


def test_undefined_windows_1252_bytes_fall_back_to_latin_1() -> None:
    stats = DecodeStats()
    assert list(decoded_lines([b"caf\xe9 \x81\n"], stats)) == ["café \x81\n"]
    assert stats.fallback_lines == 1


def test_truncated_last_line_and_extra_separator_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('a,b,c\n1,2,3\n4,5,6,7\n8,"neuf')

    _header, rows = _read(path)

    assert rows[0] == (2, ["1", "2", "3"], "")
    assert rows[1][0] == 3 and "4 champs au lieu de 3" in rows[1][2]
    assert rows[2][0] == 4 and "2 champs au lieu de 3" in rows[2][2]


def test_blank_lines_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("a,b\n\n1,2\n\n")

    assert _read(path)[1] == [(3, ["1", "2"], "")]


def test_missing_required_columns_make_the_file_unusable(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("siren,nom\n1,2\n")
    tables = csv_table(path)
    table = next(tables)

    with pytest.raises(UnusableFileError, match="siret, codeCommuneEtablissement"):
        table.require(["siren", "siret", "codeCommuneEtablissement"], what="un stock")


@pytest.mark.parametrize("content", [b"", b"\n\n"])
def test_empty_file_is_unusable(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(content)

    with pytest.raises(UnusableFileError, match="vide"):
        next(csv_table(path))


def test_missing_file_and_directory_are_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableFileError, match="introuvable"):
        next(csv_table(tmp_path / "absent.csv"))
    with pytest.raises(UnusableFileError, match="dossier"):
        next(csv_table(tmp_path))


def test_zip_members(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("lisezmoi.pdf", b"%PDF")
        archive.writestr("x_dpt_86.csv", "a;b\n1;2\n")
        archive.writestr("x_dpt_79.csv", "a;b\n3;4\n")

    with pytest.raises(UnusableFileError, match="plusieurs fichiers CSV"):
        next(csv_table(path))
    names = [
        t.name for t in csv_tables(path, single=False, member_filter=lambda name: "86" in name)
    ]
    assert names == ["a.zip:x_dpt_86.csv"]
    with pytest.raises(UnusableFileError, match="aucun fichier CSV attendu"):
        next(csv_tables(path, single=False, member_filter=lambda name: False))


def test_corrupt_zip_is_unusable(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)

    with pytest.raises(UnusableFileError, match="zip"):
        next(csv_table(path))


def test_delimiter_is_detected_from_the_header() -> None:
    assert detect_delimiter("name;kind;commune") == ";"
    assert detect_delimiter("name,kind") == ","
    assert detect_delimiter("name\tkind") == "\t"
    assert detect_delimiter("name") == ","


# --------------------------------------------------------------------------- properties

TEXT = st.text(alphabet=st.characters(codec="cp1252", exclude_characters="\x00\r"), max_size=30)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(TEXT, min_size=3, max_size=3), min_size=1, max_size=8),
    delimiter=st.sampled_from([";", ","]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_valid_rows_round_trip(
    tmp_path: Path, rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    header = ["colonne_a", "colonne_b", "colonne_c"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    if encoding == "cp1252":
        # Some cp1252 byte runs are also valid UTF-8 ("Â\xa0" is the bytes of a UTF-8
        # no-break space): such a line is ambiguous and the reader's rule is UTF-8 first.
        for line in data.split(b"\n"):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            assume(line.decode("utf-8") == line.decode("cp1252"))
    path = tmp_path / "t.csv"
    path.write_bytes(data)

    read_header, records = _read(path)

    assert read_header == header
    assert [fields for _line, fields, _error in records] == rows
    assert all(not error for _line, _fields, error in records)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    content=st.binary(max_size=400)
    | st.text(alphabet=string.printable + ';,"éÉ\n', max_size=400).map(str.encode)
)
def test_random_garbage_never_crashes_and_is_reported(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes(content)
    try:
        tables = csv_table(path)
        table = next(tables)
    except UnusableFileError:
        return
    for record in table.records:
        assert record.line >= 2
        assert record.error or len(record.fields) == len(table.header)
    tables.close()
