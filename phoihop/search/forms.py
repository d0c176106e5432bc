from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.search.registry import KINDS
from phoihop.search.selectors import MAX_QUERY_LENGTH, SearchQuery


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, strip=True)
    kind = forms.ChoiceField(label=_("Loại"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Tất cả")), *((kind.key, kind.label) for kind in KINDS)]
        self.fields["q"].widget.attrs.update({"type": "search", "maxlength": MAX_QUERY_LENGTH * 2})

    def to_query(self) -> SearchQuery:
        """The query, whatever was typed: an unknown kind means all kinds, a long query
        is read up to MAX_QUERY_LENGTH characters (never an error)."""
        data = self.data
        text = str(data.get("q") or "").strip()
        kind = str(data.get("kind") or "")
        return SearchQuery(text=text, kind=kind if kind in dict(self.fields["kind"].choices) and kind else None)
