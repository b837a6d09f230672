"""``maillage search``: the directory search, as the web page runs it (contracts.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from maillage.core.commands import MaillageCommand, UsageError
from maillage.search.backends.base import SearchQuery
from maillage.search.selectors import actors_search, search_query_errors

MAX_LIMIT = 1000


class Command(MaillageCommand):
    help = (
        "Cherche dans l'annuaire comme la page /acteurs/ : texte en français (accents, "
        "pluriels et une faute de frappe dans les noms tolérés, dernier mot complété), "
        "filtres et classement par pertinence puis proximité."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "query",
            nargs="?",
            default="",
            help="Texte recherché (nom, sigle, présentation, thématiques, besoins et offres). "
            "Vide : toute la sélection.",
        )
        for option, metavar, text in (
            ("--kind", "K", "Type d'acteur (association, entreprise, siae…)"),
            ("--sphere", "S", "Sphère (ess, entreprises, pouvoirs_publics)"),
            ("--theme", "T", "Thématique (insertion_iae, handicap…)"),
            ("--need", "CATEGORY", "Catégorie de besoin publié (financement, locaux…)"),
            ("--offer", "CATEGORY", "Catégorie d'offre publiée (competences, materiel…)"),
        ):
            parser.add_argument(
                option,
                action="append",
                default=[],
                metavar=metavar,
                help=f"{text} ; répétable, les valeurs s'ajoutent (l'une ou l'autre).",
            )
        parser.add_argument(
            "--territory",
            default="",
            metavar="CODE",
            help="Territoire du siège, avec tout ce qu'il contient : com:86194, "
            "epci:200069854, dep:86, reg:75 ou fr.",
        )
        parser.add_argument(
            "--place",
            default="",
            metavar="COMMUNE",
            help="Code INSEE de la commune d'où l'on cherche : les acteurs proches passent "
            "d'abord (même commune, intercommunalité, département, région).",
        )
        parser.add_argument(
            "--sort",
            default="relevance",
            choices=["relevance", "name", "recent", "completeness"],
            help="Ordre : pertinence (par défaut), nom, mise à jour récente, complétude.",
        )
        parser.add_argument(
            "--include-closed",
            action="store_true",
            help="Inclure les structures fermées ou dissoutes (exclues par défaut).",
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=20,
            metavar="N",
            help=f"Nombre de résultats affichés (1 à {MAX_LIMIT}, 20 par défaut).",
        )
        parser.add_argument(
            "--page",
            type=int,
            default=1,
            metavar="N",
            help="Page de résultats (de --limit résultats chacune).",
        )

    def run(self, **options: Any) -> dict[str, Any]:
        limit, page = options["limit"], options["page"]
        if not 1 <= limit <= MAX_LIMIT:
            raise UsageError(f"--limit doit être compris entre 1 et {MAX_LIMIT}.")
        if page < 1:
            raise UsageError("--page doit être supérieur ou égal à 1.")
        query = SearchQuery(
            text=options["query"],
            kinds=tuple(options["kind"]),
            spheres=tuple(options["sphere"]),
            themes=tuple(options["theme"]),
            needs=tuple(options["need"]),
            offers=tuple(options["offer"]),
            territory=options["territory"].strip(),
            place=options["place"].strip(),
            include_closed=options["include_closed"],
            sort=options["sort"],
            page=page,
            per_page=limit,
        )
        errors = search_query_errors(query=query)
        if errors:
            raise UsageError(
                " ".join(message for messages in errors.values() for message in messages)
            )
        result, actors = actors_search(query=query)
        return {
            "total": result.total,
            # Very broad queries: the total is estimated (two significant digits).
            "total_estimated": result.total_estimated,
            "took_ms": round(result.took_ms, 2),
            "results": [
                {
                    "id": actor.pk,
                    "name": actor.name,
                    "kind": actor.kind_id,
                    "commune": actor.seat_commune_id or "",
                    "commune_name": actor.seat_commune.name if actor.seat_commune else "",
                    "score": round(result.scores.get(actor.pk, 0.0), 6),
                }
                for actor in actors
            ],
            "corrections": result.corrections,
        }

    def human_summary(self, result: dict[str, Any]) -> str:
        total = result["total"]
        about = "environ " if result.get("total_estimated") else ""
        lines = [
            f"{about}{total} acteur{'s' if total > 1 else ''} trouvé{'s' if total > 1 else ''} "
            f"({result['took_ms']} ms)."
        ]
        for word, fixes in result["corrections"].items():
            lines.append(f"« {word} » inconnu : cherché aussi {', '.join(fixes)}.")
        for row in result["results"]:
            place = f" — {row['commune_name']}" if row["commune_name"] else ""
            lines.append(f"  {row['id']:>7}  {row['name']}{place} [{row['kind']}]")
        return "\n".join(lines)
