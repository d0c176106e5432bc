from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: sau 5 lần sai liên tiếp, tài khoản sẽ bị tạm khóa."
        ),
        "inactive": _("Tài khoản này đã bị vô hiệu hóa."),
    }


class SwitchOrganizationForm(forms.Form):
    organization = forms.IntegerField()
