"""The period switcher of the dashboards. It only parses the query string; the rule for a
valid period is `stats.Period.parse` (the API uses it too), whose errors go next to the
fields."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.dashboards.stats import ROMAN, Period
from phoihop.organisations.forms import attach_errors

YEARS_BACK = 6


def year_choices(today=None) -> list[tuple[str, str]]:
    year = (today or timezone.localdate()).year
    return [(str(y), str(y)) for y in range(year + 1, year - YEARS_BACK - 1, -1)]


class PeriodForm(forms.Form):
    year = forms.CharField(label=_("Năm"), required=False, max_length=8)
    quarter = forms.CharField(label=_("Kỳ"), required=False, max_length=8)
    below = forms.BooleanField(label=_("Gồm cả đơn vị cấp dưới"), required=False)

    def __init__(self, *args, with_below: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget = forms.Select(choices=year_choices())
        quarters = [("", _("Cả năm")), *((str(q), _("Quý %(n)s") % {"n": ROMAN[q]}) for q in ROMAN)]
        self.fields["quarter"].widget = forms.Select(choices=quarters)
        if not with_below:
            del self.fields["below"]

    def clean(self):
        cleaned = super().clean()
        try:
            cleaned["period"] = Period.parse(cleaned.get("year"), cleaned.get("quarter"))
        except ValidationError as exc:
            attach_errors(self, exc)
        return cleaned

    def period(self) -> Period:
        """The asked period when valid, else this year."""
        if self.is_valid():
            return self.cleaned_data["period"]
        return Period(timezone.localdate().year)
