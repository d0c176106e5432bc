from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.jobs.schedules import SCHEDULES
from phoihop.jobs.selectors import RunFilter
from phoihop.organisations.forms import ALL

STATUS_CHOICES = [ALL, ("failed", _("Thất bại")), ("success", _("Thành công"))]


class RunFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Kết quả"), required=False, choices=STATUS_CHOICES)
    func = forms.ChoiceField(label=_("Công việc"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        funcs = {job.func: str(job.description) for job in SCHEDULES}
        funcs.setdefault("phoihop.notifications.jobs.deliver_immediate", str(_("Gửi thư thông báo ngay")))
        self.fields["func"].choices = [ALL, *sorted(funcs.items(), key=lambda item: item[1])]

    def to_filter(self) -> RunFilter:
        if not self.is_valid():
            return RunFilter()
        return RunFilter(status=self.cleaned_data["status"] or None, func=self.cleaned_data["func"] or None)
