"""The main navigation: the areas of the product, in the order officers work in them.

Areas not yet built show a short page saying what will be there; an area that is built
names its page in `url_name` and the navigation links there instead.
"""

from django.utils.translation import gettext_lazy as _

AREAS = [
    {
        "slug": "programs",
        "label": _("Chương trình phối hợp"),
        "summary": _("Chương trình, kế hoạch năm và nhiệm vụ."),
        "url_name": "programs:list",
    },
    # information exchange (issue 4): one entry per page officers work in
    {
        "slug": "subjects",
        "label": _("Vấn đề phối hợp"),
        "summary": _("Vấn đề, đề án, vụ việc cần phối hợp; thẩm định và kế hoạch tuyên truyền."),
        "url_name": "exchange:subject_list",
    },
    {
        "slug": "provisions",
        "label": _("Cung cấp thông tin"),
        "summary": _("Thông tin định kỳ và đột xuất giữa các bên."),
        "url_name": "provisions:list",
    },
    {
        "slug": "documents",
        "label": _("Tài liệu"),
        "summary": _("Tài liệu, phiên bản và sổ văn bản đến."),
        "url_name": "documents:list",
    },
    {
        "slug": "invitations",
        "label": _("Lời mời"),
        "summary": _("Mời dự hoạt động và trả lời."),
        "url_name": "exchange:invitation_list",
    },
    {
        "slug": "calendar",
        "label": _("Lịch công tác"),
        "summary": _("Nhiệm vụ và hoạt động theo ngày."),
        "url_name": "exchange:calendar",
    },
    {
        "slug": "opinion",
        "label": _("Dư luận xã hội"),
        "summary": _("Cộng tác viên, báo cáo dư luận định kỳ và báo cáo nhanh, tổng hợp theo chủ đề và địa bàn."),
        "url_name": "opinion:report_list",
    },
    {
        "slug": "hotissues",
        "label": _("Vấn đề nổi cộm"),
        "summary": _("Vấn đề nổi cộm, phức tạp, nhạy cảm; tham mưu, báo cáo Ban Thường vụ, chuyển xử lý."),
        "url_name": "hotissues:list",
    },
    # press monitoring (issue 5, item 4)
    {
        "slug": "press",
        "label": _("Báo chí"),
        "summary": _("Theo dõi tin bài liên quan đến địa phương."),
        "url_name": "press:item_list",
    },
    {
        "slug": "claims",
        "label": _("Thông tin sai sự thật"),
        "summary": _("Thông tin sai sự thật đang lan truyền, kết quả xác minh và thông tin chính thức."),
        "url_name": "claims:list",  # false claims (issue 5, item 5)
    },
    # meetings and reviews, inspections, exemplary models, reports, dashboards (issue 6)
    {
        "slug": "meetings",
        "label": _("Hội nghị"),
        "summary": _("Ký kết, giao ban, họp báo, sơ kết, tổng kết; kết luận thành nhiệm vụ."),
        "url_name": "meetings:list",
    },
    {
        "slug": "inspections",
        "label": _("Kiểm tra"),
        "summary": _("Kết luận kiểm tra và kế hoạch khắc phục."),
        "url_name": "inspections:list",
    },
    {
        "slug": "exemplary",
        "label": _("Điển hình tiên tiến"),
        "summary": _("Mô hình “Dân vận khéo”, điển hình tiên tiến: đề nghị, xét, khen thưởng."),
        "url_name": "exemplary:list",
    },
    {
        "slug": "reports",
        "label": _("Báo cáo"),
        "summary": _("Báo cáo tháng, quý, sáu tháng, năm, sơ kết, tổng kết; ban hành và tải về."),
        "url_name": "reports:list",
    },
    {
        "slug": "dashboards",
        "label": _("Bảng điều khiển"),
        "summary": _("Số liệu theo cơ quan và theo cấp, các đơn vị trực thuộc cạnh nhau."),
        "url_name": "dashboards:home",
    },
]
AREA_BY_SLUG = {area["slug"]: area for area in AREAS}


def navigation(request):
    """Context processor: the areas for the main navigation."""
    return {"nav_areas": AREAS}
