"""Output schemas of the reference vocabularies (stable codes and their French labels)."""

from __future__ import annotations

from ninja import Field, Schema


class CodeLabelOut(Schema):
    code: str
    label: str


class DescribedCodeLabelOut(CodeLabelOut):
    description: str


class SubKindOut(CodeLabelOut):
    di_typology: str = Field(description="Typologie de structure data·inclusion (v0).")


class KindOut(CodeLabelOut):
    default_sphere: str
    di_typology: str = Field(description="Typologie de structure data·inclusion (v0).")
    subkinds: list[SubKindOut]


class OddOut(Schema):
    number: int
    label: str
    colour: str


class ThemeOut(CodeLabelOut):
    odds: list[int] = Field(description="Numéros des ODD associés.")


class VocabulariesOut(Schema):
    spheres: list[CodeLabelOut]
    kinds: list[KindOut]
    company_sizes: list[CodeLabelOut]
    themes: list[ThemeOut]
    odds: list[OddOut]
    categories: list[CodeLabelOut] = Field(description="Catégories de besoins et d'offres.")
    partnership_types: list[DescribedCodeLabelOut]
    labels: list[CodeLabelOut] = Field(description="Labels, agréments et reconnaissances.")
