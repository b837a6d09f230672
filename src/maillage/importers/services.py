"""The importers' write path, as the rest of Maillage calls it.

- ``sirene_import`` — the INSEE SIRENE stock files (``importers.sirene``);
- ``rna_import`` — the Répertoire national des associations (``importers.rna``);
- ``actors_file_import`` — a CSV/XLSX in the canonical columns (``importers.canonical``);
  the web upload calls it with ``dry_run=True`` for the preview (the summary's ``preview``
  and ``errors``), then again to import, with ``on_progress``/``on_batch`` for progress;
- ``merge_proposal_accept`` / ``merge_proposal_reject`` — a facilitator's decision on two
  actors that may be one organisation (``importers.merging``).

Every function returns or raises as documented in its module; unusable files raise
``UnusableFileError`` (a ``core.commands.UsageError``), nothing written.
"""

from maillage.importers.canonical import actors_file_import
from maillage.importers.merging import merge_proposal_accept, merge_proposal_reject
from maillage.importers.readers import UnusableFileError
from maillage.importers.rna import rna_import
from maillage.importers.runs import ImportSummary, ProgressInfo
from maillage.importers.sirene import sirene_import

__all__ = [
    "ImportSummary",
    "ProgressInfo",
    "UnusableFileError",
    "actors_file_import",
    "merge_proposal_accept",
    "merge_proposal_reject",
    "rna_import",
    "sirene_import",
]
