"""``maillage recommend ACTOR``: partner suggestions for one actor (contracts.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from maillage.actors.models import Actor, Kind, PartnershipType, Theme
from maillage.core.commands import MaillageCommand, UsageError
from maillage.matching.engine import CandidateFilters
from maillage.matching.selectors import MAX_LIMIT, suggestions_for
from maillage.territories.codes import InvalidTerritoryCode, parse_territory_code
from maillage.territories.selectors import territory_get


def actor_lookup(identifier: str) -> tuple[Actor, list[Actor]]:
    """The actor named by an id, SIRET, SIREN or RNA number, and the others sharing a
    SIREN (establishments); ``UsageError`` if none."""
    found = list(
        Actor.objects.with_identifier(identifier)
        .select_related("seat_commune", "kind")
        .order_by("status", "siret", "id")
    )
    if not found:
        raise UsageError(
            f"Aucun acteur ne correspond à « {identifier} » (numéro, SIRET, SIREN ou numéro RNA)."
        )
    return found[0], found[1:]


class Command(MaillageCommand):
    help = (
        "Partenaires suggérés pour un acteur, comme la page « Partenaires suggérés » : score "
        "réciproque (ce que l'autre vous apporte et ce que vous lui apportez), et les raisons "
        "en clair. Si le profil ne permet aucune suggestion, dit quoi compléter."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "actor",
            metavar="ACTOR",
            help="L'acteur : son numéro sur Maillage, son SIRET, son SIREN ou son numéro RNA.",
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=20,
            metavar="N",
            help=f"Nombre de partenaires suggérés (1 à {MAX_LIMIT}, 20 par défaut).",
        )
        for option, metavar, text in (
            ("--kind", "K", "Seulement ce type d'acteur (association, entreprise, siae…)"),
            ("--theme", "T", "Seulement les acteurs de cette thématique"),
            ("--partnership-type", "P", "Seulement les acteurs recherchant ce type de partenariat"),
        ):
            parser.add_argument(
                option,
                action="append",
                default=[],
                metavar=metavar,
                help=f"{text} ; répétable (l'un ou l'autre).",
            )
        parser.add_argument(
            "--territory",
            default="",
            metavar="CODE",
            help="Seulement les acteurs dont le siège est dans ce territoire "
            "(com:86194, epci:200069854, dep:86, reg:75).",
        )

    def _filters(self, options: dict[str, Any]) -> CandidateFilters:
        for option, values, model in (
            ("--kind", options["kind"], Kind),
            ("--theme", options["theme"], Theme),
            ("--partnership-type", options["partnership_type"], PartnershipType),
        ):
            known = set(model.objects.filter(code__in=values).values_list("code", flat=True))
            unknown = sorted(set(values) - known)
            if unknown:
                raise UsageError(f"{option} : code(s) inconnu(s) : {', '.join(unknown)}.")
        territory = options["territory"].strip()
        if territory:
            try:
                parse_territory_code(territory)
            except InvalidTerritoryCode as error:
                raise UsageError(str(error)) from error
            found = territory_get(territory)
            if found is None:
                raise UsageError(f"Territoire inconnu : {territory}.")
            territory = found.code
        return CandidateFilters(
            kinds=tuple(options["kind"]),
            themes=tuple(options["theme"]),
            territory=territory,
            partnership_types=tuple(options["partnership_type"]),
        )

    def run(self, **options: Any) -> dict[str, Any]:
        limit = options["limit"]
        if not 1 <= limit <= MAX_LIMIT:
            raise UsageError(f"--limit doit être compris entre 1 et {MAX_LIMIT}.")
        filters = self._filters(options)
        actor, others = actor_lookup(options["actor"])
        if others:
            self.log(
                f"{len(others) + 1} acteurs portent cet identifiant ; retenu : {actor.pk} "
                f"({actor.name}). Précisez le numéro ou le SIRET pour un autre établissement."
            )
        result = suggestions_for(actor=actor, limit=limit, filters=filters)
        return {
            "actor": _actor_json(actor),
            "results": [
                {
                    **_actor_json(item.actor),
                    "score": round(item.score, 6),
                    "score_forward": round(item.score_forward, 6),
                    "score_backward": round(item.score_backward, 6),
                    "reasons": item.reasons,
                    "components": item.pair.components(),
                }
                for item in result.items
            ],
            "advice": [advice.message for advice in result.advice],
            "examined": result.examined,
            "took_ms": round(result.took_ms, 2),
        }

    def human_summary(self, result: dict[str, Any]) -> str:
        actor = result["actor"]
        place = f" ({actor['commune_name']})" if actor["commune_name"] else ""
        count = len(result["results"])
        lines = [
            f"Partenaires suggérés pour {actor['name']}{place} : {count} "
            f"({result['examined']} candidats examinés, {result['took_ms']} ms)."
        ]
        lines += [f"  ! {message}" for message in result["advice"]]
        for rank, row in enumerate(result["results"], start=1):
            where = f" — {row['commune_name']}" if row["commune_name"] else ""
            lines.append(
                f"{rank:>3}. {row['score']:.2f}  {row['name']}{where} [{row['kind']}]  "
                f"(vous apporte {row['score_forward']:.2f}, vous lui apportez "
                f"{row['score_backward']:.2f})"
            )
            lines += [f"       · {reason}" for reason in row["reasons"]]
        return "\n".join(lines)


def _actor_json(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.pk,
        "name": actor.name,
        "kind": actor.kind_id,
        "commune": actor.seat_commune_id or "",
        "commune_name": actor.seat_commune.name if actor.seat_commune else "",
    }
