"""Aggregate, not people (issue 5): no model of the opinion, press, hot issue and false
claim apps has a field for a citizen's identity.

Every field of every model of those apps — and of their many-to-many tables — is checked
by its name and its verbose name (Vietnamese, folded: "Họ tên" and "ho ten" alike)
against words that suggest a person's identity. A field that matches must be on the
allowlist below with the reason it is not about a citizen; foreign keys to users are the
system's own users (collaborators, officers) and pass. Adding `OpinionItem.citizen_name`
makes this test fail: `test_the_detector_catches_a_citizen_field` proves it.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from phoihop.core.text import fold

# issue 6: + meetings, exemplary models, inspections, reports
APPS = ("opinion", "press", "hotissues", "claims", "meetings", "exemplary", "inspections", "reports")

# Words (folded, matched on word boundaries) that suggest a person's identity.
IDENTITY_WORDS = (
    # English, in field names
    "name",
    "fullname",
    "firstname",
    "lastname",
    "surname",
    "nickname",
    "username",
    "phone",
    "mobile",
    "tel",
    "address",
    "email",
    "mail",
    "account",
    "facebook",
    "zalo",
    "tiktok",
    "youtube",
    "handle",
    "profile",
    "identity",
    "id_number",
    "passport",
    "birth",
    "birthday",
    "dob",
    "age",
    "gender",
    "sex",
    "citizen",
    "person",
    "resident",
    "informant",
    "reporter_name",
    # Vietnamese, in verbose names (folded)
    "ho ten",
    "ho va ten",
    "ten nguoi",
    "biet danh",
    "dien thoai",
    "so dt",
    "sdt",
    "dia chi",
    "thu dien tu",
    "tai khoan",
    "cccd",
    "cmnd",
    "can cuoc",
    "chung minh",
    "ho chieu",
    "ngay sinh",
    "nam sinh",
    "tuoi",
    "gioi tinh",
    "cong dan",
    "nguoi dan",
    "nguoi dang",
    "nguoi phan anh",
    "nguoi chia se",
    "que quan",
    "noi o",
)

# "app.Model.field": why it is not a citizen's identity.
ALLOWLIST = {
    "opinion.Topic.name": "the name of a topic of the taxonomy",
    "opinion.Tag.name": "the name of an event or occasion (Tết, a plenum)",
    "opinion.Tag.folded_name": "the folded name of an event or occasion",
    "press.PressSource.name": "the name of a press outlet",
    "press.PressSource.feed_url": "the address of an outlet's RSS/Atom feed ('Địa chỉ nguồn tin')",
    "press.WatchList.name": "the name of a department's keyword list",
    "hotissues.EscalationRule.name": "the name of a department's escalation rule",
    # issue 6: officials, never citizens (DESIGN.md: "the only people in it are its users and
    # the signatories of agreements" — and those who chair and sign for the agencies)
    "meetings.Meeting.chair_name": "the official who chairs the meeting, with their position",
    "meetings.ConnectionPoint.name": "the name of a connection point (a hall), not of a person",
    "reports.Report.signer_name": "the official who signs the report for the issuing agency",
}

# Field names allowed on every model, and why.
ALLOWED_EVERYWHERE = {
    "sort_name": "the sort key of the record's own title (core.models.SearchableMixin)",
}

_PATTERNS = [re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])") for word in IDENTITY_WORDS]


def _words(text: str) -> str:
    """Folded, with underscores and punctuation as spaces: `citizen_name` → `citizen name`."""
    return re.sub(r"[^a-z0-9]+", " ", fold(str(text or "")).replace("_", " "))


def suspicious(text: str) -> list[str]:
    words = _words(text)
    return [word for word, pattern in zip(IDENTITY_WORDS, _PATTERNS, strict=True) if pattern.search(words)]


def _is_user_key(field) -> bool:
    return (
        field.is_relation
        and field.related_model is not None
        and (field.related_model._meta.label == settings.AUTH_USER_MODEL)
    )


def model_fields(app_labels=APPS) -> list[tuple[type[models.Model], models.Field]]:
    """Every concrete and many-to-many field of the apps' models and of their
    auto-created many-to-many tables."""
    result = []
    for label in app_labels:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            for field in model._meta.get_fields(include_hidden=True):
                if field.auto_created and not field.concrete:
                    continue  # a reverse relation: checked on the model that declares it
                result.append((model, field))
    return result


def findings(fields) -> dict[str, list[str]]:
    """{"app.Model.field": [matching words]} for the fields that suggest a person's
    identity and are neither allowlisted nor a key to the system's users."""
    found = {}
    for model, field in fields:
        key = f"{model._meta.label}.{field.name}"
        if key in ALLOWLIST or field.name in ALLOWED_EVERYWHERE or _is_user_key(field):
            continue
        words = suspicious(field.name) + suspicious(getattr(field, "verbose_name", "") or "")
        if words:
            found[key] = sorted(set(words))
    return found


def test_no_model_of_issue_5_has_a_field_for_a_citizens_identity():
    fields = model_fields()
    assert len({model for model, _field in fields}) >= 15  # the apps' models and their M2M tables were walked
    assert findings(fields) == {}


def test_every_allowlisted_field_exists_and_needs_its_entry():
    """A stale allowlist entry would let a later field of the same name through unseen."""
    needed = {
        f"{model._meta.label}.{field.name}"
        for model, field in model_fields()
        if suspicious(field.name) or suspicious(field.verbose_name)
    }
    assert set(ALLOWLIST) <= needed


def _fake(name: str, verbose_name: str) -> models.Field:
    field = models.CharField(verbose_name, max_length=255)
    field.set_attributes_from_name(name)
    return field


@pytest.mark.parametrize(
    ("name", "verbose_name", "word"),
    [
        ("citizen_name", "Tên người dân", "citizen"),
        ("reporter", "Họ và tên người phản ánh", "ho va ten"),
        ("contact", "Số điện thoại liên hệ", "dien thoai"),
        ("poster_account", "Tài khoản người đăng", "tai khoan"),
        ("cccd", "Số CCCD", "cccd"),
        ("born_on", "Ngày sinh", "ngay sinh"),
        ("home", "Địa chỉ thường trú", "dia chi"),
        ("fb", "Facebook cá nhân", "facebook"),
    ],
)
def test_the_detector_catches_a_citizen_field(name, verbose_name, word):
    item_model = apps.get_model("opinion", "OpinionItem")
    fields = [*model_fields(), (item_model, _fake(name, verbose_name))]
    found = findings(fields)
    assert list(found) == [f"opinion.OpinionItem.{name}"]
    assert word in found[f"opinion.OpinionItem.{name}"]


def test_the_detector_leaves_areas_outlets_and_users_alone():
    item_model = apps.get_model("opinion", "OpinionItem")
    harmless = [_fake("area_note", "Địa bàn"), _fake("outlet", "Cơ quan báo chí"), _fake("summary", "Tóm tắt")]
    assert findings([(item_model, field) for field in harmless]) == {}
    collaborator = apps.get_model("opinion", "OpinionReport")._meta.get_field("collaborator")
    assert _is_user_key(collaborator)  # "Cộng tác viên" is a user of the system
