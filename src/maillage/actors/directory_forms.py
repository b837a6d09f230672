"""The directory's query parameters (contracts.md, ``/acteurs/``), shared by the map.

Lenient by design: an unknown value never breaks the page. The form reports it (a visible,
friendly message naming the filter) and the search runs with the valid parameters only.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.actors.enums import Sphere
from maillage.actors.models import Category, Kind, Theme
from maillage.search.backends.base import SearchQuery
from maillage.territories.selectors import Territory, territory_autocomplete, territory_get

SORT_CHOICES = [
    ("relevance", _("Pertinence")),
    ("name", _("Nom (A → Z)")),
    ("recent", _("Mis à jour récemment")),
    ("completeness", _("Profils les plus complets")),
]
PER_PAGE = 20
# Parameters that define the selection (not how it is shown), in URL order.
SELECTION_KEYS = ("q", "territory", "kind", "sphere", "theme", "need", "offer", "closed")
MULTI_KEYS = ("kind", "sphere", "theme", "need", "offer")

_EMPTY: dict[str, Any] = {"q": "", "territory": "", "sort": "", "closed": False, "page": None}
_UNKNOWN = _("« %(value)s » n'est pas une valeur connue : ce filtre a été ignoré.")


class _Choices(forms.MultipleChoiceField):
    def __init__(self, *, label: Any) -> None:
        super().__init__(label=label, required=False, error_messages={"invalid_choice": _UNKNOWN})


class DirectoryForm(forms.Form):
    """Bind it to ``request.GET``; read ``search_query()`` even when it is invalid."""

    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    territory = forms.CharField(
        label=_("Territoire"),
        required=False,
        max_length=120,
        help_text=_("Commune, intercommunalité, département ou région (ex. dep:86)."),
    )
    kind = _Choices(label=_("Type d'acteur"))
    sphere = _Choices(label=_("Sphère"))
    theme = _Choices(label=_("Thématique"))
    need = _Choices(label=_("Besoins exprimés"))
    offer = _Choices(label=_("Offres proposées"))
    closed = forms.BooleanField(label=_("Inclure les structures fermées"), required=False)
    sort = forms.ChoiceField(
        label=_("Trier par"),
        choices=SORT_CHOICES,
        required=False,
        error_messages={"invalid_choice": _UNKNOWN},
    )
    page = forms.IntegerField(
        label=_("Page"),
        min_value=1,
        max_value=100_000,
        required=False,
        error_messages={"invalid": _("Numéro de page invalide.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        categories = list(Category.objects.values_list("code", "name"))
        self.fields["kind"].choices = list(Kind.objects.values_list("code", "name"))  # type: ignore[attr-defined]
        self.fields["sphere"].choices = Sphere.choices  # type: ignore[attr-defined]
        self.fields["theme"].choices = list(Theme.objects.values_list("code", "name"))  # type: ignore[attr-defined]
        self.fields["need"].choices = categories  # type: ignore[attr-defined]
        self.fields["offer"].choices = categories  # type: ignore[attr-defined]
        self.resolved_territory: Territory | None = None
        self.territory_guessed = False

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data.get("q", "").split())

    def clean_territory(self) -> str:
        text = (self.cleaned_data.get("territory") or "").strip()
        if not text:
            return ""
        territory = territory_get(text)
        if territory is None and ":" not in text and text.lower() != "fr":
            # Without JavaScript people type a name or a number ("Poitiers", "86"):
            # take the best match and say so.
            matches = territory_autocomplete(query=text, limit=1)
            if matches:
                territory = matches[0]
                self.territory_guessed = True
        if territory is None:
            raise forms.ValidationError(
                _(
                    "Territoire inconnu : « %(value)s ». Choisissez une commune, une "
                    "intercommunalité, un département ou une région dans la liste, ou saisissez "
                    "un code comme dep:86 ; ce filtre a été ignoré."
                ),
                params={"value": text},
                code="unknown_territory",
            )
        self.resolved_territory = territory
        return territory.code

    # ------------------------------------------------------------------ reading the values

    def value_of(self, key: str) -> Any:
        """The cleaned value, or the empty value when the parameter was absent or invalid."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        value = self.cleaned_data.get(key)
        if key in MULTI_KEYS:
            return list(value or [])
        return _EMPTY.get(key) if value is None else value

    def search_query(
        self, *, page: int | None = None, per_page: int = PER_PAGE, with_facets: bool = True
    ) -> SearchQuery:
        return SearchQuery(
            text=self.value_of("q"),
            kinds=tuple(self.value_of("kind")),
            spheres=tuple(self.value_of("sphere")),
            themes=tuple(self.value_of("theme")),
            territory=self.value_of("territory"),
            needs=tuple(self.value_of("need")),
            offers=tuple(self.value_of("offer")),
            include_closed=bool(self.value_of("closed")),
            sort=self.value_of("sort") or "relevance",
            page=page if page is not None else (self.value_of("page") or 1),
            per_page=per_page,
            with_facets=with_facets,
        )

    def selection_params(self) -> list[tuple[str, str]]:
        """The valid selection as ordered (key, value) pairs, empty values left out."""
        pairs: list[tuple[str, str]] = []
        for key in SELECTION_KEYS:
            value = self.value_of(key)
            if key in MULTI_KEYS:
                pairs += [(key, item) for item in value]
            elif key == "closed":
                if value:
                    pairs.append((key, "1"))
            elif value:
                pairs.append((key, value))
        return pairs

    def canonical_query(
        self,
        *,
        include_sort: bool = True,
        page: int | None = None,
        without: tuple[str, str] | None = None,
        replace: dict[str, str] | None = None,
    ) -> str:
        """A clean query string for links: the valid selection, optionally minus one value
        (``without``), with some keys replaced, the sort and a page."""
        pairs = [pair for pair in self.selection_params() if pair != without]
        for key, value in (replace or {}).items():
            pairs = [pair for pair in pairs if pair[0] != key]
            if value:
                pairs.append((key, value))
        sort = self.value_of("sort")
        if include_sort and sort and sort != "relevance":
            pairs.append(("sort", sort))
        if page and page > 1:
            pairs.append(("page", str(page)))
        return urlencode(pairs)

    def invalid_messages(self) -> list[str]:
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        messages: list[str] = []
        for name, errors in self.errors.items():
            label = str(self.fields[name].label if name in self.fields else name)
            for error in errors:
                # Name the parameter unless the message already does.
                text = str(error)
                messages.append(text if text.startswith(label) else f"{label} : {text}")
        return messages

    def active_count(self) -> int:
        return sum(1 for key, _value in self.selection_params() if key != "q")
