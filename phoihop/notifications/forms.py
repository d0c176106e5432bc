"""Forms of the notification pages: the list filter and the delivery choice per kind.
The preference form only collects; `services.notification_preferences_set` validates."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from phoihop.notifications import kinds
from phoihop.notifications.kinds import Delivery
from phoihop.notifications.selectors import NotificationFilter
from phoihop.organisations.forms import ALL


class NotificationFilterForm(forms.Form):
    unread = forms.BooleanField(label=_("Chỉ thông báo chưa đọc"), required=False)
    kind = forms.ChoiceField(label=_("Loại thông báo"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [ALL, *kinds.choices()]

    def to_filter(self) -> NotificationFilter:
        if not self.is_valid():
            return NotificationFilter()
        return NotificationFilter(unread=self.cleaned_data["unread"], kind=self.cleaned_data["kind"] or None)


class PreferencesForm(forms.Form):
    """One choice per declared kind, named by the kind's key."""

    def __init__(self, *args, rows: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            default = Delivery(row["default"]).label
            self.fields[row["kind"]] = forms.ChoiceField(
                label=row["label"],
                choices=Delivery.choices,
                initial=row["delivery"],
                help_text=gettext("Mặc định: %(default)s.") % {"default": default},
                error_messages={
                    "invalid_choice": _("Cách nhận không hợp lệ: %(value)s. Hãy chọn một cách trong danh sách."),
                    "required": _("Hãy chọn cách nhận thông báo loại này."),
                },
            )

    def choices(self) -> dict[str, str]:
        return dict(self.cleaned_data)
