"""`python manage.py load_demo`: the demo data set, idempotently, and the demo logins."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from phoihop.demo.data import DEMO_PASSWORD, DEMO_USERS
from phoihop.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu (đơn vị hành chính, cơ quan trong các bài báo mẫu, sắp xếp tổ chức năm 2025, "
        "người dùng mẫu, chương trình phối hợp với kế hoạch và nhiệm vụ). Chạy lại nhiều lần không tạo thêm gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Đặt lại mật khẩu mẫu cho các tài khoản mẫu đã có.",
        )

    def handle(self, *args, reset_passwords=False, **options):
        try:
            result = load_demo(reset_passwords=reset_passwords)
        except ValidationError as exc:  # the database holds something the demo contradicts
            raise CommandError(f"Không nạp được dữ liệu mẫu (không có gì được ghi): {exc}") from exc
        created_units = sum(result.units.values())
        self.stdout.write(
            f"Đơn vị hành chính mới: {created_units}; cơ quan mới: {result.organizations_created}; "
            f"sắp xếp tổ chức mới: {result.reorganizations_created}; người dùng mới: {result.users_created}; "
            f"thành viên mới: {result.memberships_created}; chương trình mới: {result.programs_created}; "
            f"kế hoạch mới: {result.plans_created}; nhiệm vụ mới: {result.tasks_created}. "
            f"Vấn đề phối hợp mới: {result.subjects_created}."
        )
        self.stdout.write(f"Lần cung cấp thông tin mới: {result.provisions_created}.")
        issue5 = result.issue5
        self.stdout.write(
            f"Báo cáo dư luận mới: {issue5.opinion_reports}; vấn đề nổi cộm mới: {issue5.hot_issues}; "
            f"tin bài mới: {issue5.press_items}; thông tin sai sự thật mới: {issue5.false_claims}."
        )
        for note in issue5.notes:
            self.stderr.write(self.style.WARNING(note))
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Tài khoản dùng thử:"))
        self.stdout.write(self.login_table(result))

    @staticmethod
    def login_table(result) -> str:
        kept = set(result.other_passwords)
        header = ("Tên đăng nhập", "Mật khẩu", "Vai trò", "Cơ quan")
        rows = [
            (
                user.username,
                DEMO_PASSWORD + (" *" if user.username in kept else ""),
                user.role_label,
                "; ".join(user.organization_names) or "—",
            )
            for user in DEMO_USERS
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
        lines = []
        for row in [header, *rows]:
            lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3])
            if row is header:
                lines.append("  ".join("-" * width for width in widths) + "  " + "-" * len(header[3]))
        if kept:
            lines.append("")
            lines.append(
                "* Tài khoản đã đổi mật khẩu: mật khẩu được giữ nguyên "
                "(chạy lại với --reset-passwords để đặt lại mật khẩu mẫu)."
            )
        return "\n".join(lines)
