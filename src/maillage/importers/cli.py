"""What the three import commands share: a progress line on a terminal, the summary."""

from __future__ import annotations

import sys
from typing import Any

from django.utils.translation import gettext as _

from maillage.core.commands import MaillageCommand
from maillage.importers.runs import ProgressInfo


class ImportCommand(MaillageCommand):
    def progress(self, info: ProgressInfo) -> None:
        """A one-line progress display on standard error, only on a terminal."""
        if not getattr(sys.stderr, "isatty", lambda: False)():
            return
        fraction = info.fraction
        bar = ""
        if fraction is not None:
            filled = int(fraction * 30)
            bar = f"[{'#' * filled}{'.' * (30 - filled)}] {fraction * 100:5.1f} % "
        sys.stderr.write(f"\r{bar}{info.phase} : {info.rows:,} lignes".replace(",", " "))
        sys.stderr.flush()

    def human_summary(self, result: dict[str, Any]) -> str:
        if getattr(sys.stderr, "isatty", lambda: False)():
            sys.stderr.write("\n")
        lines = [
            _(
                "Lignes lues : %(read)s · créés : %(created)s · mis à jour : %(updated)s · "
                "inchangés : %(unchanged)s · écartés : %(skipped)s · rejetés : %(rejected)s"
            )
            % result,
        ]
        if result.get("dry_run"):
            lines.append(_("Essai à blanc : rien n'a été enregistré."))
        if result.get("resumed_after_records"):
            lines.append(
                _("Reprise d'un import interrompu après %(n)s enregistrements.")
                % {"n": result["resumed_after_records"]}
            )
        if result.get("merge_proposals"):
            lines.append(
                _("Propositions de fusion à examiner : %(n)s.") % {"n": result["merge_proposals"]}
            )
        if result.get("warning_count"):
            lines.append(
                _("Avertissements : %(n)s (lignes importées, un champ écarté) :")
                % {"n": result["warning_count"]}
            )
            for warning in result.get("warnings", [])[:20]:
                lines.append("  {file}:{line} [{field}] {message}".format(**warning))
        if result.get("errors"):
            lines.append(_("Lignes rejetées :"))
        return "\n".join(lines)
