from django.core.management.base import BaseCommand, CommandError

from phoihop.search import indexer
from phoihop.search.registry import BY_KEY


class Command(BaseCommand):
    help = "Dựng lại chỉ mục tìm kiếm từ dữ liệu (sau khi nạp dữ liệu hàng loạt)."

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", help=f"Chỉ loại này (có thể lặp lại): {', '.join(BY_KEY)}")
        parser.add_argument("--chunk", type=int, default=indexer.CHUNK, help="Số bản ghi mỗi lượt ghi.")

    def handle(self, *args, kind=None, chunk=indexer.CHUNK, **options):
        unknown = [key for key in kind or [] if key not in BY_KEY]
        if unknown:
            raise CommandError(f"Loại không có: {', '.join(unknown)}. Các loại: {', '.join(BY_KEY)}.")
        if chunk < 1:
            raise CommandError("--chunk phải lớn hơn 0.")
        result = indexer.rebuild(kind, chunk=chunk)
        for key, count in result.indexed.items():
            self.stdout.write(f"{key}: {count} mục, bỏ {result.removed[key]} mục cũ.")
