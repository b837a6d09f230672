"""Which actors an export holds: exactly the directory's selection, validated strictly.

The directory page reads its query string with ``actors.directory_forms.DirectoryForm``; the
export reads the same parameters (``q``, ``kind``, ``sphere``, ``theme``, ``territory``,
``need``, ``offer``, ``closed``, ``sort``) through the same form, so both always select the
same actors in the same order. The directory is lenient (it ignores a bad filter and says
so); an export is not: a file silently holding more actors than asked would mislead, so any
unknown code or territory is refused with a message naming it (400 on the web and the API,
exit status 2 on the command line). ``page`` is ignored: an export holds every page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.http import QueryDict
from django.utils.translation import gettext as _

from maillage.actors.directory_forms import MULTI_KEYS, SORT_CHOICES, DirectoryForm
from maillage.core.errors import DomainError
from maillage.search.backends.base import SearchQuery

SELECTION_KEYS = ("q", "kind", "sphere", "theme", "territory", "need", "offer", "closed", "sort")


class InvalidSelectionError(DomainError):
    """The selection's parameters name something unknown; ``messages`` lists every problem."""

    def __init__(self, messages: list[str], *, field: str | None) -> None:
        super().__init__(" ".join(messages), field=field, code="invalid_parameter")
        self.messages = messages


def _query_dict(params: QueryDict | Mapping[str, str | Sequence[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    if isinstance(params, QueryDict):
        for key in SELECTION_KEYS:
            data.setlist(key, params.getlist(key))
        return data
    for key in SELECTION_KEYS:
        value = params.get(key)
        if value is None or value == "" or value == []:
            continue
        data.setlist(key, [value] if isinstance(value, str) else [str(v) for v in value])
    return data


def _message(form: DirectoryForm, data: QueryDict, key: str, errors: list[str]) -> str:
    if key in MULTI_KEYS:
        known = {str(code) for code, _label in form.fields[key].choices}  # type: ignore[attr-defined]
        unknown = [value for value in data.getlist(key) if value not in known]
        return _("Code(s) inconnu(s) pour « %(field)s » : %(codes)s.") % {
            "field": key,
            "codes": ", ".join(unknown),
        }
    if key == "territory":
        return _(
            "Territoire inconnu : « %(value)s » (attendu un code comme com:86194, "
            "epci:200069854, dep:86, reg:75 ou fr)."
        ) % {"value": data.get(key, "")}
    if key == "sort":
        return _("Tri inconnu : « %(value)s » (attendu %(choices)s).") % {
            "value": data.get(key, ""),
            "choices": ", ".join(code for code, _label in SORT_CHOICES),
        }
    return _("Paramètre « %(field)s » invalide : %(detail)s") % {
        "field": key,
        "detail": " ".join(errors),
    }


def selection_parse(
    *, params: QueryDict | Mapping[str, str | Sequence[str]], per_page: int = 1000
) -> SearchQuery:
    """The search query of a directory selection; raises ``InvalidSelectionError``.

    ``params`` is a query string (``request.GET``) or a mapping of the same keys to a value
    or a list of values (the API and the command line). Other keys are ignored.
    """
    data = _query_dict(params)
    form = DirectoryForm(data)
    if not form.is_valid():
        messages = [
            _message(form, data, key, [str(error) for error in errors])
            for key, errors in form.errors.items()
        ]
        raise InvalidSelectionError(messages, field=next(iter(form.errors)))
    return form.search_query(page=1, per_page=per_page, with_facets=False)
