"""Press monitoring (*theo dõi báo chí*, issue 5 item 4): the outlets a department
follows (with a feed polled on a schedule, or entered by hand), the items that concern
its locality, the keyword watch lists that flag items, and the weekly digest of hot items
per programme shared with the programme's partners.

Items describe published articles — outlet, title, link, date, summary, tone, area,
topic — never the people in them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import SearchableMixin, TimestampedModel, VersionedModel
from phoihop.opinion.models import Topic
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.programs.models import Program


class PressSource(VersionedModel):
    """An outlet a department follows; with a feed URL it is polled by the schedule, and
    its health (last success, last error, items) shows on the sources page."""

    class Kind(models.TextChoices):
        RSS = "rss", _("RSS")
        ATOM = "atom", _("Atom")
        MANUAL = "manual", _("Nhập tay")

    owner = models.ForeignKey(
        Organization, verbose_name=_("Ban theo dõi"), on_delete=models.PROTECT, related_name="press_sources"
    )
    name = models.CharField(_("Tên cơ quan báo chí"), max_length=255)
    feed_url = models.URLField(_("Địa chỉ nguồn tin (RSS/Atom)"), max_length=2000, blank=True)
    kind = models.CharField(_("Loại nguồn"), max_length=16, choices=Kind.choices, default=Kind.RSS)
    is_active = models.BooleanField(_("Đang theo dõi"), default=True)
    last_polled_at = models.DateTimeField(_("Lần lấy tin gần nhất"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("Lấy tin thành công lúc"), null=True, blank=True)
    last_error = models.TextField(_("Lỗi gần nhất"), blank=True)
    last_error_at = models.DateTimeField(_("Lỗi lúc"), null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(_("Số lần lỗi liên tiếp"), default=0)
    items_count = models.PositiveIntegerField(_("Số tin bài"), default=0)
    last_new_items = models.PositiveIntegerField(_("Tin mới lần gần nhất"), default=0)
    # What the last successful poll wants said beside its counts (e.g. only the newest
    # items of a huge feed were taken).
    last_poll_note = models.CharField(_("Ghi chú lần lấy tin gần nhất"), max_length=500, blank=True, default="")
    # "Poll now": when a person asked for it and the background job that runs it.
    poll_requested_at = models.DateTimeField(_("Yêu cầu lấy tin lúc"), null=True, blank=True)
    poll_task_id = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("Nguồn tin báo chí")
        verbose_name_plural = _("Nguồn tin báo chí")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["is_active", "kind"], name="press_source_active_idx")]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="press_source_unique_name")]

    def __str__(self):
        return self.name

    @property
    def is_healthy(self) -> bool:
        return self.consecutive_failures == 0

    @property
    def poll_pending(self) -> bool:
        """A "poll now" was asked for and has not run yet."""
        if self.poll_requested_at is None:
            return False
        return self.last_polled_at is None or self.last_polled_at < self.poll_requested_at


class Tone(models.TextChoices):
    POSITIVE = "positive", _("Tích cực")
    NEUTRAL = "neutral", _("Trung tính")
    NEGATIVE = "negative", _("Tiêu cực")


class PressItem(SearchableMixin, TimestampedModel):
    """A published article that concerns the locality."""

    class Origin(models.TextChoices):
        FEED = "feed", _("Lấy tự động")
        MANUAL = "manual", _("Nhập tay")
        PASTE = "paste", _("Dán nhiều tin")

    owner = models.ForeignKey(
        Organization, verbose_name=_("Ban theo dõi"), on_delete=models.PROTECT, related_name="press_items"
    )
    source = models.ForeignKey(
        PressSource, verbose_name=_("Nguồn tin"), null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    outlet = models.CharField(_("Cơ quan báo chí"), max_length=255)
    title = models.CharField(_("Tiêu đề"), max_length=1000)
    link = models.URLField(_("Đường dẫn"), max_length=2000, blank=True)
    published_on = models.DateField(_("Ngày đăng"))
    summary = models.TextField(_("Tóm tắt"), blank=True)
    tone = models.CharField(_("Sắc thái"), max_length=16, choices=Tone.choices, default=Tone.NEUTRAL)
    area = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("Địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="press_items",
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("Chủ đề"), null=True, blank=True, on_delete=models.PROTECT, related_name="press_items"
    )
    programs = models.ManyToManyField(
        Program, verbose_name=_("Chương trình liên quan"), related_name="press_items", blank=True
    )
    is_hot = models.BooleanField(_("Tin nổi bật"), default=False)
    # Set when a watch list matched the item (the matches say which and by what keyword).
    is_flagged = models.BooleanField(_("Khớp từ khóa theo dõi"), default=False)
    origin = models.CharField(_("Cách nhập"), max_length=16, choices=Origin.choices, default=Origin.MANUAL)
    # sha256 of the link (or of outlet, title and date without one): the same article is
    # stored once per department whichever way it arrives.
    fingerprint = models.CharField(max_length=64, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = ("title", "summary", "outlet")
    sort_field = "title"

    class Meta:
        verbose_name = _("Tin bài báo chí")
        verbose_name_plural = _("Tin bài báo chí")
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["owner", "-published_on", "-id"], name="press_item_owner_date_idx"),
            models.Index(fields=["owner", "is_flagged", "-published_on"], name="press_item_flagged_idx"),
            models.Index(fields=["is_hot", "published_on"], name="press_item_hot_idx"),
            models.Index(fields=["topic", "published_on"], name="press_item_topic_idx"),
        ]
        constraints = [models.UniqueConstraint(fields=["owner", "fingerprint"], name="press_item_unique_per_owner")]

    def __str__(self):
        return self.title


class WatchList(VersionedModel):
    """Keywords a department watches for, one per line; they match titles and summaries
    with or without diacritics."""

    owner = models.ForeignKey(
        Organization, verbose_name=_("Ban theo dõi"), on_delete=models.PROTECT, related_name="watch_lists"
    )
    name = models.CharField(_("Tên danh sách"), max_length=255)
    keywords = models.TextField(_("Từ khóa (mỗi dòng một từ khóa)"))
    is_active = models.BooleanField(_("Đang dùng"), default=True)

    class Meta:
        verbose_name = _("Danh sách từ khóa theo dõi")
        verbose_name_plural = _("Danh sách từ khóa theo dõi")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="watch_list_unique_name")]

    def __str__(self):
        return self.name


class WatchMatch(models.Model):
    """A watch list matched an item, by this keyword."""

    item = models.ForeignKey(PressItem, on_delete=models.CASCADE, related_name="matches")
    watch_list = models.ForeignKey(WatchList, on_delete=models.CASCADE, related_name="matches")
    keyword = models.CharField(_("Từ khóa"), max_length=255)
    matched_at = models.DateTimeField(_("Khớp lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Tin khớp từ khóa")
        verbose_name_plural = _("Tin khớp từ khóa")
        constraints = [models.UniqueConstraint(fields=["item", "watch_list"], name="watch_match_unique")]

    def __str__(self):
        return f"{self.item} · {self.keyword}"


class PressDigest(TimestampedModel):
    """The week's hot press items of a programme, shared with its parties."""

    program = models.ForeignKey(
        Program, verbose_name=_("Chương trình"), on_delete=models.CASCADE, related_name="press_digests"
    )
    week_start = models.DateField(_("Tuần bắt đầu ngày"))
    items = models.ManyToManyField(PressItem, verbose_name=_("Tin bài"), related_name="digests", blank=True)

    class Meta:
        verbose_name = _("Điểm báo tuần")
        verbose_name_plural = _("Điểm báo tuần")
        ordering = ["-week_start", "-id"]
        constraints = [models.UniqueConstraint(fields=["program", "week_start"], name="press_digest_unique_week")]

    def __str__(self):
        return f"{self.program} · {self.week_start:%d/%m/%Y}"
