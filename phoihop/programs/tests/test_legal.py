"""The citation parser: every citation in the seeds, the issue's examples, real-world forms,
their variants, the canonical text, round trips, refusals and extraction from running text."""

from __future__ import annotations

import dataclasses
import datetime
import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phoihop.core.text import fold
from phoihop.programs.legal import (
    Citation,
    CitationError,
    CitationStyle,
    DocumentType,
    find_citations,
    format_citation_date,
    parse_citation,
)

PARTY, STATE, NAME, NUMBER = CitationStyle.PARTY, CitationStyle.STATE, CitationStyle.NAME, CitationStyle.NUMBER
d = datetime.date

# --------------------------------------------------------------------------------------------------
# Quoted from the seed articles (/work/shared/seeds/), verbatim.

SEED_000_RESOLUTIONS = (
    "phục hồi, thúc đẩy phát triển kinh tế - xã hội của tỉnh; thực hiện thắng lợi Nghị quyết Đại hội đại biểu "
    "Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020 - 2025 và Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII "
    "của Đảng. "
)
SEED_000_NAM_LA = (
    "Năm là, tuyên truyền, biểu dương các tấm gương, điển hình tiên tiến trong phong trào thi đua “Dân vận "
    "khéo” gắn với việc thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị (khóa XIII) về tiếp "
    "tục thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị (khóa XII) về “Đẩy mạnh học tập và "
    "làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”."
)
SEED_000_CONTENT_ONE = (
    "Một là, tuyên truyền, phổ biến, quán triệt các nghị quyết, chỉ thị, kết luận của Đảng về công tác dân "
    "vận, công tác dân tộc, tôn giáo và thực hiện Quy chế dân chủ ở cơ sở; các chủ trương, chính sách của "
    "tỉnh liên quan mật thiết đến đời sống Nhân dân. "
)
SEED_001_TEN_YEARS = (
    "Qua hơn 10 năm triển khai thực hiện Quyết định số 221-QĐ/TW, ngày 27/4/2009 của Ban Bí thư (khóa X) "
    "cho thấy sự phối hợp giữa Ban Tuyên giáo các cấp với cơ quan quản lý nhà nước cùng cấp là hết sức cần "
    "thiết;"
)
SEED_001_PARAGRAPH = (
    "Trên cơ sở kết quả đạt được và thực hiện Quyết định số 238-QĐTW của Ban Bí thư, Hướng dẫn số "
    "170-HD/BTGTW, ngày 26/01/2021 của Ban Tuyên giáo Trung ương, Ban Thường vụ Tỉnh ủy ban hành Công văn "
    "số 93-CV/TU, ngày 10/3/2021 về quán triệt, tổ chức thực hiện Quy chế số 238 của Ban Bí thư, chỉ đạo "
    "các cấp ủy, tổ chức đảng nghiêm túc quán triệt và tổ chức thực hiện bằng hình thức phù hợp với tình "
    "hình thực tiễn ở địa phương, đơn vị, tạo sự gắn kết chặt chẽ giữa công tác tư tưởng với việc chỉ đạo, "
    "điều hành triển khai nhiệm vụ phát triển kinh tế -xã hội, giải quyết các vấn đề bức xúc của nhân dân."
)
SEED_001_BESIDES = (
    "Ngoài các kế hoạch phối hợp cụ thể hóa thực hiện Quyết định số 238-QĐTW của Ban Bí thư, Ban Tuyên "
    "giáo Tỉnh ủy và Văn phòng Tỉnh ủy cũng đã ký kết kế hoạch phối hợp thông tin về công tác xây dựng Đảng "
    "và hệ thống chính trị nhằm chủ động thông tin công khai trong nội bộ và tuyên truyền rộng rãi ra nhân "
    "dân các chủ trương, biện pháp và kết quả lãnh đạo của Đảng bộ tỉnh, nhất là việc cụ thể hóa Nghị quyết "
    "Đại hội Đảng bộ các cấp, những kinh nghiệm, mô hình, cách làm hay để đưa Nghị quyết của Đảng vào cuộc "
    "sống;"
)
SEED_003_CONCLUSION = (
    "đề nghị cơ quan thường trực bám sát nội dung quy chế phối hợp đã được ban hành để bổ sung một số nội "
    "dung cho phù hợp với dự thảo chương trình phối hợp trong việc thực thi pháp luật, triển khai kế hoạch "
    "phát triển kinh tế - xã hội, giải quyết các vấn đề nổi cộm, nhân dân quan tâm trên địa bàn thị xã giai "
    "đoạn 2021 - 2026; đồng thời đề nghị 2 đơn vị tiếp tục đẩy mạnh công tác phối hợp trên lĩnh vực tuyên "
    "giáo, khoa giáo; tham mưu cho Ban Chấp hành Đảng bộ, Thường trực Thị ủy sơ kết, tổng kết các chỉ thị, "
    "nghị quyết liên quan đến công tác tuyên giáo;"
)
# The seed articles live in shared/, beside the repository (as on CI and developers' machines).
SEEDS_DIR = pathlib.Path(__file__).resolve().parents[3].parent / "shared" / "seeds"


def test_quoted_seed_passages_are_verbatim():
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS_DIR}")  # the passages above are still tested
    corpus = " ".join(" ".join(path.read_text().split()) for path in SEEDS_DIR.glob("*.txt"))
    passages = (
        SEED_000_RESOLUTIONS,
        SEED_000_NAM_LA,
        SEED_000_CONTENT_ONE,
        SEED_001_TEN_YEARS,
        SEED_001_PARAGRAPH,
        SEED_001_BESIDES,
        SEED_003_CONCLUSION,
    )
    for passage in passages:
        assert " ".join(passage.split()) in corpus


# --------------------------------------------------------------------------------------------------
# Every citation in the seeds, and the issue's examples, field by field.

QD_238 = Citation("Quyết định", "238", 2020, "QĐ", "TW", d(2020, 9, 30), "Ban Bí thư", "khóa XII", PARTY)
KL_01 = Citation("Kết luận", "01", 2021, "KL", "TW", d(2021, 5, 18), "Bộ Chính trị", "khóa XIII", PARTY)
CT_05_TITLE = "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
CT_05 = Citation("Chỉ thị", "05", 2016, "CT", "TW", d(2016, 5, 15), "Bộ Chính trị", "khóa XII", PARTY, CT_05_TITLE)
HD_170 = Citation("Hướng dẫn", "170", 2021, "HD", "BTGTW", d(2021, 1, 26), style=PARTY)
CV_93 = Citation("Công văn", "93", 2021, "CV", "TU", d(2021, 3, 10), style=PARTY)
CV_93_TITLE = "quán triệt, tổ chức thực hiện Quy chế số 238 của Ban Bí thư"
ND_30 = Citation("Nghị định", "30", 2020, "NĐ", "CP", style=STATE, year_in_symbol=True)

SEED_CITATIONS = [
    # seed 000
    (
        "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020 - 2025",
        Citation(
            "Nghị quyết", term="nhiệm kỳ 2020 - 2025", style=NAME, title="Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII"
        ),
    ),
    (
        "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
        Citation("Nghị quyết", issuing_body="Đảng", style=NAME, title="Đại hội đại biểu toàn quốc lần thứ XIII"),
    ),
    ("Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị (khóa XIII)", KL_01),
    (
        "Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị (khóa XIII) về tiếp tục thực hiện Chỉ thị số "
        "05-CT/TW, ngày 15/5/2016 của Bộ Chính trị (khóa XII) về “Đẩy mạnh học tập và làm theo tư tưởng, đạo "
        "đức, phong cách Hồ Chí Minh”",
        Citation(
            "Kết luận",
            "01",
            2021,
            "KL",
            "TW",
            d(2021, 5, 18),
            "Bộ Chính trị",
            "khóa XIII",
            PARTY,
            "tiếp tục thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị (khóa XII) về “Đẩy mạnh "
            "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”",
        ),
    ),
    ("Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị (khóa XII)", dataclasses.replace(CT_05, title=None)),
    (
        "Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị (khóa XII) về “Đẩy mạnh học tập và làm theo tư "
        "tưởng, đạo đức, phong cách Hồ Chí Minh”",
        CT_05,
    ),
    # seed 001
    (
        "Quyết định số 221-QĐ/TW, ngày 27/4/2009 của Ban Bí thư (khóa X)",
        Citation("Quyết định", "221", 2009, "QĐ", "TW", d(2009, 4, 27), "Ban Bí thư", "khóa X", PARTY),
    ),
    ("Quyết định số 238-QĐTW", Citation("Quyết định", "238", None, "QĐ", "TW", style=PARTY)),
    (
        "Quyết định số 238-QĐTW của Ban Bí thư",
        Citation("Quyết định", "238", None, "QĐ", "TW", issuing_body="Ban Bí thư", style=PARTY),
    ),
    ("Hướng dẫn số 170-HD/BTGTW, ngày 26/01/2021", HD_170),
    (
        "Hướng dẫn số 170-HD/BTGTW, ngày 26/01/2021 của Ban Tuyên giáo Trung ương",
        Citation("Hướng dẫn", "170", 2021, "HD", "BTGTW", d(2021, 1, 26), "Ban Tuyên giáo Trung ương", style=PARTY),
    ),
    ("Công văn số 93-CV/TU, ngày 10/3/2021", CV_93),
    (
        "Công văn số 93-CV/TU, ngày 10/3/2021 về quán triệt, tổ chức thực hiện Quy chế số 238 của Ban Bí thư",
        Citation("Công văn", "93", 2021, "CV", "TU", d(2021, 3, 10), style=PARTY, title=CV_93_TITLE),
    ),
    ("Quy chế số 238", Citation("Quy chế", "238", style=NUMBER)),
    ("Quy chế số 238 của Ban Bí thư", Citation("Quy chế", "238", issuing_body="Ban Bí thư", style=NUMBER)),
]

ISSUE_EXAMPLES = [
    ("Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)", QD_238),
    (
        "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư",
        Citation("Quyết định", "238", 2020, "QĐ", "TW", d(2020, 9, 30), "Ban Bí thư", style=PARTY),
    ),
    ("Công văn số 93-CV/TU", Citation("Công văn", "93", None, "CV", "TU", style=PARTY)),
    (
        "Chương trình hành động số 34-CTr/TU, ngày 25/8/2013",
        Citation("Chương trình hành động", "34", 2013, "CTr", "TU", d(2013, 8, 25), style=PARTY),
    ),
    ("Nghị định số 30/2020/NĐ-CP", ND_30),
    (
        "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ",
        Citation("Nghị định", "30", 2020, "NĐ", "CP", d(2020, 3, 5), "Chính phủ", style=STATE, year_in_symbol=True),
    ),
    ("Kế hoạch số 12/KH-UBND", Citation("Kế hoạch", "12", None, "KH", "UBND", style=STATE)),
    ("Luật Báo chí 2016", Citation("Luật", year=2016, style=NAME, title="Báo chí")),
    (
        "Chương trình phối hợp số 05-CTr/BTGTU-BDVTU",
        Citation("Chương trình phối hợp", "05", None, "CTr", "BTGTU-BDVTU", style=PARTY),
    ),
]

# --------------------------------------------------------------------------------------------------
# Other real-world forms (real documents, as they are cited in practice).

REAL_WORLD = [
    (
        "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
        Citation(
            "Nghị định", "30", 2020, "NĐ", "CP", d(2020, 3, 5), "Chính phủ", None, STATE, "công tác văn thư", True
        ),
    ),
    ("Nghị định số 34/2016/NĐ-CP", Citation("Nghị định", "34", 2016, "NĐ", "CP", style=STATE, year_in_symbol=True)),
    ("Quyết định số 1286/QĐ-TTg", Citation("Quyết định", "1286", None, "QĐ", "TTg", style=STATE)),
    ("Quyết định số 15/2020/QĐ-TTg", Citation("Quyết định", "15", 2020, "QĐ", "TTg", style=STATE, year_in_symbol=True)),
    (
        "Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án phát triển ứng dụng dữ "
        "liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm "
        "nhìn đến năm 2030",
        Citation(
            "Quyết định",
            "06",
            2022,
            "QĐ",
            "TTg",
            d(2022, 1, 6),
            "Thủ tướng Chính phủ",
            style=STATE,
            title="phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ "
            "chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030",
        ),
    ),
    (
        "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh",
        Citation(
            "Nghị quyết",
            "202",
            2025,
            None,
            "QH15",
            d(2025, 6, 12),
            "Quốc hội",
            style=STATE,
            title="sắp xếp đơn vị hành chính cấp tỉnh",
            year_in_symbol=True,
        ),
    ),
    (
        "Nghị quyết số 202/2025/QH15",
        Citation("Nghị quyết", "202", 2025, None, "QH15", style=STATE, year_in_symbol=True),
    ),
    (
        "Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ hướng dẫn thể thức và kỹ thuật trình bày văn "
        "bản hành chính",
        Citation(
            "Thông tư",
            "01",
            2011,
            "TT",
            "BNV",
            d(2011, 1, 19),
            "Bộ Nội vụ",
            style=STATE,
            title="hướng dẫn thể thức và kỹ thuật trình bày văn bản hành chính",
            year_in_symbol=True,
        ),
    ),
    (
        "Hướng dẫn số 36-HD/VPTW, ngày 03/4/2018 của Văn phòng Trung ương Đảng về thể thức và kỹ thuật trình bày "
        "văn bản của Đảng",
        Citation(
            "Hướng dẫn",
            "36",
            2018,
            "HD",
            "VPTW",
            d(2018, 4, 3),
            "Văn phòng Trung ương Đảng",
            style=PARTY,
            title="thể thức và kỹ thuật trình bày văn bản của Đảng",
        ),
    ),
    ("Hướng dẫn số 36-HD/VPTW", Citation("Hướng dẫn", "36", None, "HD", "VPTW", style=PARTY)),
    ("Quy định số 66-QĐ/TW", Citation("Quy định", "66", None, "QĐ", "TW", style=PARTY)),
    (
        "Quy định số 66-QĐ/TW, ngày 06/02/2017 của Ban Chấp hành Trung ương về thể loại, thẩm quyền ban hành và "
        "thể thức văn bản của Đảng",
        Citation(
            "Quy định",
            "66",
            2017,
            "QĐ",
            "TW",
            d(2017, 2, 6),
            "Ban Chấp hành Trung ương",
            style=PARTY,
            title="thể loại, thẩm quyền ban hành và thể thức văn bản của Đảng",
        ),
    ),
    (
        "Quy định số 144-QĐ/TW, ngày 09/5/2024 của Bộ Chính trị về chuẩn mực đạo đức cách mạng của cán bộ, đảng "
        "viên trong giai đoạn mới",
        Citation(
            "Quy định",
            "144",
            2024,
            "QĐ",
            "TW",
            d(2024, 5, 9),
            "Bộ Chính trị",
            style=PARTY,
            title="chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới",
        ),
    ),
    ("Nghị quyết số 35-NQ/TW", Citation("Nghị quyết", "35", None, "NQ", "TW", style=PARTY)),
    (
        "Nghị quyết số 35-NQ/TW, ngày 22/10/2018 của Bộ Chính trị (khóa XII) về tăng cường bảo vệ nền tảng tư "
        "tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới",
        Citation(
            "Nghị quyết",
            "35",
            2018,
            "NQ",
            "TW",
            d(2018, 10, 22),
            "Bộ Chính trị",
            "khóa XII",
            PARTY,
            "tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch "
            "trong tình hình mới",
        ),
    ),
    (
        "Nghị quyết số 18-NQ/TW, ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII",
        Citation(
            "Nghị quyết",
            "18",
            2017,
            "NQ",
            "TW",
            d(2017, 10, 25),
            "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng",
            "khóa XII",
            PARTY,
        ),
    ),
    (
        "Nghị quyết số 27-NQ/TW, ngày 09/11/2022 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XIII "
        "về tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai đoạn mới",
        Citation(
            "Nghị quyết",
            "27",
            2022,
            "NQ",
            "TW",
            d(2022, 11, 9),
            "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng",
            "khóa XIII",
            PARTY,
            "tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai đoạn mới",
        ),
    ),
    (
        "Kết luận số 21-KL/TW, ngày 25/10/2021 của Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII về "
        "đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
        Citation(
            "Kết luận",
            "21",
            2021,
            "KL",
            "TW",
            d(2021, 10, 25),
            "Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng",
            "khóa XIII",
            PARTY,
            "đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
        ),
    ),
    (
        "Quyết định số 99-QĐ/TW, ngày 03/10/2017 của Ban Bí thư",
        Citation("Quyết định", "99", 2017, "QĐ", "TW", d(2017, 10, 3), "Ban Bí thư", style=PARTY),
    ),
    (
        "Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ về thực hiện các biện pháp cấp bách phòng, "
        "chống dịch COVID-19",
        Citation(
            "Chỉ thị",
            "16",
            2020,
            "CT",
            "TTg",
            d(2020, 3, 31),
            "Thủ tướng Chính phủ",
            style=STATE,
            title="thực hiện các biện pháp cấp bách phòng, chống dịch COVID-19",
        ),
    ),
    ("Chỉ thị số 16/CT-TTg", Citation("Chỉ thị", "16", None, "CT", "TTg", style=STATE)),
    ("Chỉ thị 05-CT/TW", Citation("Chỉ thị", "05", None, "CT", "TW", style=PARTY)),
    ("Công văn số 1234/UBND-KGVX", Citation("Công văn", "1234", None, None, "UBND-KGVX", style=STATE)),
    (
        "Kế hoạch số 12/KH-UBND ngày 15/01/2022 của Ủy ban nhân dân tỉnh Phú Yên",
        Citation("Kế hoạch", "12", 2022, "KH", "UBND", d(2022, 1, 15), "Ủy ban nhân dân tỉnh Phú Yên", style=STATE),
    ),
    ("Kế hoạch số 05-KH/BTGTU", Citation("Kế hoạch", "05", None, "KH", "BTGTU", style=PARTY)),
    ("Luật Báo chí năm 2016", Citation("Luật", year=2016, style=NAME, title="Báo chí")),
    (
        "Luật Báo chí số 103/2016/QH13 ngày 05/4/2016 của Quốc hội",
        Citation(
            "Luật", "103", 2016, None, "QH13", d(2016, 4, 5), "Quốc hội", None, STATE, "Báo chí", year_in_symbol=True
        ),
    ),
    ("Luật số 103/2016/QH13", Citation("Luật", "103", 2016, None, "QH13", style=STATE, year_in_symbol=True)),
    (
        "Luật Tổ chức chính quyền địa phương 2025",
        Citation("Luật", year=2025, style=NAME, title="Tổ chức chính quyền địa phương"),
    ),
    ("Luật Thi đua, khen thưởng năm 2022", Citation("Luật", year=2022, style=NAME, title="Thi đua, khen thưởng")),
    (
        "Luật Phòng, chống tham nhũng số 36/2018/QH14",
        Citation("Luật", "36", 2018, None, "QH14", style=STATE, title="Phòng, chống tham nhũng", year_in_symbol=True),
    ),
    (
        "Luật Ban hành văn bản quy phạm pháp luật năm 2015",
        Citation("Luật", year=2015, style=NAME, title="Ban hành văn bản quy phạm pháp luật"),
    ),
    (
        "Bộ luật Lao động số 45/2019/QH14",
        Citation("Bộ luật", "45", 2019, None, "QH14", style=STATE, title="Lao động", year_in_symbol=True),
    ),
    ("Bộ luật Hình sự năm 2015", Citation("Bộ luật", year=2015, style=NAME, title="Hình sự")),
    (
        "Pháp lệnh số 02/2022/UBTVQH15",
        Citation("Pháp lệnh", "02", 2022, None, "UBTVQH15", style=STATE, year_in_symbol=True),
    ),
    ("Hiến pháp năm 2013", Citation("Hiến pháp", year=2013, style=NAME)),
    (
        "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013",
        Citation("Hiến pháp", year=2013, style=NAME, title="nước Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ),
    ("Điều lệ Đảng", Citation("Điều lệ", style=NAME, title="Đảng")),
    ("Nghị quyết Trung ương 4 (khóa XII)", Citation("Nghị quyết", term="khóa XII", style=NAME, title="Trung ương 4")),
    (
        "Nghị quyết số 12/2021/NQ-HĐND",
        Citation("Nghị quyết", "12", 2021, "NQ", "HĐND", style=STATE, year_in_symbol=True),
    ),
    ("Quy định số 01/QyĐ-UBND", Citation("Quy định", "01", None, "QyĐ", "UBND", style=STATE)),
    ("Công điện số 06/CĐ-TTg", Citation("Công điện", "06", None, "CĐ", "TTg", style=STATE)),
    ("Đề án số 06-ĐA/TU", Citation("Đề án", "06", None, "ĐA", "TU", style=PARTY)),
    ("Tờ trình số 15/TTr-UBND", Citation("Tờ trình", "15", None, "TTr", "UBND", style=STATE)),
    ("Báo cáo số 120-BC/TU", Citation("Báo cáo", "120", None, "BC", "TU", style=PARTY)),
    ("Thông báo kết luận số 35-TB/TW", Citation("Thông báo kết luận", "35", None, "TB", "TW", style=PARTY)),
    ("Thông tri số 03-TT/TW", Citation("Thông tri", "03", None, "TT", "TW", style=PARTY)),
    ("Quy chế số 07-QC/TU", Citation("Quy chế", "07", None, "QC", "TU", style=PARTY)),
    (
        "Thông tư liên tịch số 14/2015/TTLT-BTTTT-BNV",
        Citation("Thông tư liên tịch", "14", 2015, "TTLT", "BTTTT-BNV", style=STATE, year_in_symbol=True),
    ),
    ("Quyết định Số: 1234/QĐ-UBND", Citation("Quyết định", "1234", None, "QĐ", "UBND", style=STATE)),
    (
        "Quyết định số 1286/QĐ-TTg về việc ban hành Quy chế làm việc",
        Citation("Quyết định", "1286", None, "QĐ", "TTg", style=STATE, title="ban hành Quy chế làm việc"),
    ),
]

ALL_CASES = SEED_CITATIONS + ISSUE_EXAMPLES + REAL_WORLD


def _id(case) -> str:
    return case[0][:60]


def test_there_are_at_least_thirty_real_world_forms():
    assert len(REAL_WORLD) >= 30
    assert len({text for text, _ in REAL_WORLD}) == len(REAL_WORLD)


@pytest.mark.parametrize(("text", "expected"), ALL_CASES, ids=[_id(c) for c in ALL_CASES])
def test_parses_each_field(text, expected):
    assert parse_citation(text) == expected


@pytest.mark.parametrize(("text", "expected"), ALL_CASES, ids=[_id(c) for c in ALL_CASES])
def test_round_trips_through_the_canonical_text(text, expected):
    citation = parse_citation(text)
    assert parse_citation(citation.canonical()) == citation
    assert parse_citation(parse_citation(citation.canonical()).canonical()) == citation


SEED_TEXTS_ALREADY_CANONICAL = [
    "Quyết định số 221-QĐ/TW, ngày 27/4/2009 của Ban Bí thư (khóa X)",
    "Hướng dẫn số 170-HD/BTGTW, ngày 26/01/2021 của Ban Tuyên giáo Trung ương",
    "Công văn số 93-CV/TU, ngày 10/3/2021 về quán triệt, tổ chức thực hiện Quy chế số 238 của Ban Bí thư",
    "Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị (khóa XIII)",
    "Quy chế số 238 của Ban Bí thư",
    "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020 - 2025",
    "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
    "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)",
    "Chương trình hành động số 34-CTr/TU, ngày 25/8/2013",
    "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ",
    "Kế hoạch số 12/KH-UBND",
    "Hiến pháp năm 2013",
]


@pytest.mark.parametrize("text", SEED_TEXTS_ALREADY_CANONICAL)
def test_seed_and_issue_citations_are_written_canonically_already(text):
    assert parse_citation(text).canonical() == text


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Quyết định số 238-QĐTW", "Quyết định số 238-QĐ/TW"),
        ("Quyết định số 238-QĐTW của Ban Bí thư", "Quyết định số 238-QĐ/TW của Ban Bí thư"),
        (
            "quyết định số 238-qđ/tw ngày 30 tháng 9 năm 2020 của ban bí thư trung ương đảng khoá 12",
            "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)",
        ),
        (
            "Nghị định 30/2020/ND-CP, ngày 5/3/2020 của Chính phủ",
            "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ",
        ),
        ("Hướng dẫn số 170-HD/BTGTW, ngày 26/1/2021", "Hướng dẫn số 170-HD/BTGTW, ngày 26/01/2021"),
        ("Kế hoạch số 12/KH-UBND ngày 15/1/2022", "Kế hoạch số 12/KH-UBND ngày 15/01/2022"),
        ("Quy chế số 238, ngày 30/09/2020", "Quy chế số 238, ngày 30/9/2020"),
        ("Luật Báo chí 2016", "Luật Báo chí năm 2016"),
        ("Hiến pháp 2013", "Hiến pháp năm 2013"),
        ("Luật Báo chí số 103/2016/QH13", "Luật Báo chí số 103/2016/QH13"),
        (
            "Quyết định số 1286/QĐ-TTg về việc ban hành Quy chế làm việc",
            "Quyết định số 1286/QĐ-TTg ban hành Quy chế làm việc",
        ),
        (
            "Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị (khóa XII) về “Đẩy mạnh học tập”",
            "Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị (khóa XII) về Đẩy mạnh học tập",
        ),
        ("Đề án số 06-DA/TU", "Đề án số 06-ĐA/TU"),
        ("Chương trình số 05-CTR/TU", "Chương trình số 05-CTr/TU"),
        ("Quy định số 01/QYD-UBND", "Quy định số 01/QyĐ-UBND"),
        ("Quyết định số 238-QĐ/tw", "Quyết định số 238-QĐ/TW"),
        ("238-QĐ/TW", "Quyết định số 238-QĐ/TW"),
        ("Số: 30/2020/NĐ-CP", "Nghị định số 30/2020/NĐ-CP"),
        ("Kế hoạch số 05-KH/TU của Ban Thường vụ Tỉnh uỷ", "Kế hoạch số 05-KH/TU của Ban Thường vụ Tỉnh ủy"),
        ("Nghị quyết Trung ương 4 khoá XII", "Nghị quyết Trung ương 4 (khóa XII)"),
        (
            "Nghị quyết Trung ương 4 khóa XII về tăng cường xây dựng, chỉnh đốn Đảng",
            "Nghị quyết Trung ương 4 (khóa XII) về tăng cường xây dựng, chỉnh đốn Đảng",
        ),
        ("Luật Báo chí 2016 số 103", "Luật Báo chí năm 2016 số 103"),
        ("Luật Báo chí năm 2016 số 103/2016/QH13", "Luật Báo chí số 103/2016/QH13"),
        (
            "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII (nhiệm kỳ 2020-2025)",
            "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020 - 2025",
        ),
    ],
)
def test_canonical_text(text, canonical):
    assert parse_citation(text).canonical() == canonical
    assert str(parse_citation(text)) == canonical


# --------------------------------------------------------------------------------------------------
# Variants of the same citation.


@pytest.mark.parametrize(
    "text",
    [
        "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)",
        "Quyết định 238-QĐ/TW ngày 30/9/2020 của Ban Bí thư khóa XII",
        "quyết định số 238-QĐ/TW, ngày 30/09/2020 của Ban Bí thư Trung ương Đảng (khoá XII)",
        "QUYẾT ĐỊNH SỐ 238-QD/TW NGÀY 30 THÁNG 9 NĂM 2020 CỦA Ban Bí thư (KHÓA XII)",
        "Quyết định số: 238 – QĐ/TW, ngày 30-9-2020, của Ban Bí thư (khóa 12)",
        "Quyết định số 238—Qđ/TW ngày 30.9.2020 của Ban Bí thư khoá XII",
        "Quyết định số 238-QĐ/TW của Ban Bí thư (khóa XII), ngày 30/9/2020",
        "Quyết định số 238-QĐ/TW của Ban Bí thư Trung ương, ngày 30/9/2020, khóa XII",
        "Quyet dinh so 238-QD/TW ngay 30/9/2020 cua Ban Bi thu (khoa XII)",
        "Quyết định số 238-QĐTW, ngày 30/9/2020 của Ban Bí thư (khóa XII).",
        "Số: 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)",
        "238-QĐ/TW ngày 30/9/2020 của Ban Bí thư (khóa XII)",
        "Quyết  định   số 238 - QĐ / TW ,  ngày 30 / 9 / 2020  của  Ban Bí thư ( khóa XII )",
        "  Quyết định số 238-QĐ/TW,\nngày 30/9/2020 của Ban Bí thư\t(khóa XII)  ",
    ],
)
def test_variants_of_decision_238_parse_the_same(text):
    assert parse_citation(text) == QD_238


@pytest.mark.parametrize(
    "text",
    [
        "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ",
        "Nghị định 30/2020/NĐ-CP, ngày 5/3/2020 của Chính phủ",
        "Nghị định số 30/2020/ND-CP ngày 05 tháng 3 năm 2020 của Chính phủ",
        "nghị định số 30/2020/NĐ–CP ngày 05/03/2020 của Chính phủ",
        "Nghị định số 30 / 2020 / NĐ-CP ngày 05-3-2020 của Chính phủ",
        "Số: 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ",
    ],
)
def test_variants_of_decree_30_parse_the_same(text):
    assert parse_citation(text) == Citation(
        "Nghị định", "30", 2020, "NĐ", "CP", d(2020, 3, 5), "Chính phủ", style=STATE, year_in_symbol=True
    )


@pytest.mark.parametrize(
    "text", ["Luật Báo chí 2016", "Luật Báo chí năm 2016", "luật Báo chí năm 2016", "Luat Bao chi nam 2016 "]
)
def test_variants_of_the_press_law_parse_the_same(text):
    parsed = parse_citation(text)
    assert (parsed.doc_type, parsed.year, parsed.style) == ("Luật", 2016, NAME)
    assert fold(parsed.title) == "bao chi"


def test_old_tone_placement_is_normalised_but_quy_and_toan_are_left_alone():
    parsed = parse_citation("Thông báo số 01-TB/TU của Ban Thường vụ Tỉnh uỷ về hoá đơn quý I và toán học")
    assert parsed.issuing_body == "Ban Thường vụ Tỉnh ủy"
    assert parsed.title == "hóa đơn quý I và toán học"


# --------------------------------------------------------------------------------------------------
# Symbol, year and date details.


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("Quyết định số 238-QĐ/TW, ngày 30/9/2020", "238-QĐ/TW"),
        ("Quyết định số 238-QĐTW", "238-QĐ/TW"),
        ("Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP"),
        ("Kế hoạch số 12/KH-UBND ngày 15/01/2022", "12/KH-UBND"),
        ("Nghị quyết số 202/2025/QH15", "202/2025/QH15"),
        ("Công văn số 1234/UBND-KGVX", "1234/UBND-KGVX"),
        ("Chương trình phối hợp số 05-CTr/BTGTU-BDVTU", "05-CTr/BTGTU-BDVTU"),
        ("Quy chế số 238", None),
        ("Luật Báo chí 2016", None),
    ],
)
def test_symbol(text, symbol):
    assert parse_citation(text).symbol == symbol


def test_year_comes_from_the_date_when_the_symbol_has_none():
    parsed = parse_citation("Kế hoạch số 12/KH-UBND ngày 15/01/2022")
    assert (parsed.year, parsed.year_in_symbol) == (2022, False)
    assert parse_citation("Quyết định số 238-QĐ/TW").year is None


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (d(2020, 3, 5), "05/3/2020"),
        (d(2021, 1, 26), "26/01/2021"),
        (d(2020, 9, 30), "30/9/2020"),
        (d(2019, 12, 1), "01/12/2019"),
        (d(2022, 2, 2), "02/02/2022"),
        (d(2013, 8, 25), "25/8/2013"),
    ],
)
def test_citation_dates_pad_days_below_ten_and_months_one_and_two(date, text):
    assert format_citation_date(date) == text


def test_to_dict_gives_json_ready_fields():
    data = parse_citation("Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)").to_dict()
    assert data == {
        "doc_type": "Quyết định",
        "doc_type_key": "QD",
        "number": "238",
        "year": 2020,
        "type_code": "QĐ",
        "issuer_code": "TW",
        "date": "2020-09-30",
        "issuing_body": "Ban Bí thư",
        "term": "khóa XII",
        "style": "party",
        "title": None,
        "symbol": "238-QĐ/TW",
        "canonical": "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)",
    }


# --------------------------------------------------------------------------------------------------
# Document types.


def test_document_types_have_unique_keys_and_labels():
    assert len({member.value for member in DocumentType}) == len(DocumentType)
    assert len({fold(member.label) for member in DocumentType}) == len(DocumentType)
    assert DocumentType.QD == "QD"
    assert DocumentType.QD.label == "Quyết định"
    assert DocumentType.ND.codes == ("NĐ",)
    assert DocumentType.QYD.codes == ("QĐ", "QyĐ")
    assert DocumentType.L.law_like and not DocumentType.NQ.law_like


@pytest.mark.parametrize(
    "label",
    [
        "Quyết định",
        "Hướng dẫn",
        "Công văn",
        "Kết luận",
        "Chương trình",
        "Chương trình hành động",
        "Nghị định",
        "Kế hoạch",
        "Nghị quyết",
        "Chỉ thị",
        "Thông báo",
        "Quy chế",
        "Thông tư",
        "Báo cáo",
        "Luật",
        "Quy định",
        "Đề án",
        "Pháp lệnh",
        "Hiến pháp",
        "Bộ luật",
    ],
)
def test_the_document_types_the_issue_names_exist(label):
    assert DocumentType.from_label(label).label == label
    assert DocumentType.from_label(fold(label)).label == label
    assert (DocumentType.from_label(label).value, label) in DocumentType.choices()


def test_a_bare_code_gives_the_first_type_that_uses_it_in_that_style():
    assert parse_citation("03-TT/TW").doc_type == "Thông tri"  # Party "TT"
    assert parse_citation("01/2011/TT-BNV").doc_type == "Thông tư"  # State "TT"
    assert parse_citation("66-QĐ/TW").doc_type == "Quyết định"  # Quy định shares "QĐ": say "Quy định số …"
    assert parse_citation("01/QyĐ-UBND").doc_type == "Quy định"
    assert parse_citation("Quyết định số 238-QĐ/TW").document_type is DocumentType.QD


# --------------------------------------------------------------------------------------------------
# Refusals.


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Chưa nhập trích dẫn"),
        ("   ", "Chưa nhập trích dẫn"),
        ("abc", "Không nhận ra loại văn bản"),
        ("Quyết định", "Thiếu số và ký hiệu của Quyết định"),
        ("Quyết định số", "Thiếu số và ký hiệu của Quyết định sau chữ “số”"),
        ("Quyết định số abc", "Thiếu số và ký hiệu"),
        ("Quyết định số 238-QĐ/TW, ngày 31/02/2021", "Ngày 31/02/2021 không có thật"),
        ("Hướng dẫn số 170-HD/BTGTW, ngày 29/2/2021", "Ngày 29/02/2021 không có thật"),
        ("Kế hoạch số 12/KH-UBND ngày 12/13/2021", "không có thật"),
        ("Quyết định số 35-NQ/TW", "“NQ” không phải ký hiệu của Quyết định"),
        ("Nghị định số 30/2020/TT-CP", "không phải ký hiệu của Nghị định"),
        ("Quyết định số 238-XY/TW", "Không nhận ra ký hiệu loại văn bản “XY”"),
        ("Quyết định số 238-XYTW", "không tách được"),
        ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2019", "Năm ban hành không khớp"),
        ("Luật Báo chí năm 2016 số 103/2015/QH13", "Năm ban hành không khớp"),
        ("Nghị định số 30/1820/NĐ-CP", "Năm 1820 không hợp lệ"),
        ("Quyết định số 12/3/2021", "không đúng dạng"),
        ("Quyết định số 64/QĐ", "thiếu cơ quan ban hành"),
        ("Quyết định số 238-QĐ/TW xyz", "Không hiểu phần “xyz”"),
        ("Quyết định số 238-QĐ/TW (khóa ABC)", "Không hiểu phần"),
        ("Quyết định số 238-QĐ/TW khóa 0", "Khóa “0” không hợp lệ"),
        ("Kế hoạch thực hiện chương trình phối hợp", "Thiếu số và ký hiệu của Kế hoạch"),
        ("Luật", "Thiếu tên, năm ban hành hoặc số của Luật"),
        ("1234/UBND-KGVX", "Không xác định được loại văn bản"),
        ("Luật Báo chí 2016 về hoạt động báo chí", "Không hiểu phần “về hoạt động báo chí”"),
        ("Hiến pháp 2013 2013", "Không hiểu phần “2013”"),
        ("34-CTr238", "không tách được"),
        ("Quyết định số 238-QĐ/TW" + " về x" * 1000, "quá dài"),
    ],
)
def test_bad_input_is_refused_with_a_vietnamese_message(text, message):
    with pytest.raises(CitationError) as caught:
        parse_citation(text)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_none_is_refused_not_crashed():
    with pytest.raises(CitationError):
        parse_citation(None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------
# Citations in running text.


def test_finds_the_four_citations_of_the_seed_001_paragraph_in_order():
    found = find_citations(SEED_001_PARAGRAPH)
    assert [c.canonical() for c in found] == [
        "Quyết định số 238-QĐ/TW của Ban Bí thư",
        "Hướng dẫn số 170-HD/BTGTW, ngày 26/01/2021 của Ban Tuyên giáo Trung ương",
        "Công văn số 93-CV/TU, ngày 10/3/2021 về quán triệt, tổ chức thực hiện Quy chế số 238 của Ban Bí thư",
        "Quy chế số 238 của Ban Bí thư",
    ]
    assert found[2].title == CV_93_TITLE


def test_finds_the_other_seed_001_citations():
    assert find_citations(SEED_001_TEN_YEARS) == [
        Citation("Quyết định", "221", 2009, "QĐ", "TW", d(2009, 4, 27), "Ban Bí thư", "khóa X", PARTY)
    ]
    assert [c.canonical() for c in find_citations(SEED_001_BESIDES)] == ["Quyết định số 238-QĐ/TW của Ban Bí thư"]


def test_finds_the_seed_000_congress_resolutions():
    assert find_citations(SEED_000_RESOLUTIONS) == [SEED_CITATIONS[0][1], SEED_CITATIONS[1][1]]


def test_finds_a_conclusion_and_the_directive_nested_in_its_subject():
    found = find_citations(SEED_000_NAM_LA)
    assert found == [SEED_CITATIONS[3][1], CT_05]


def test_passing_mentions_of_kinds_of_documents_are_not_citations():
    assert find_citations(SEED_000_CONTENT_ONE) == []
    assert find_citations(SEED_003_CONCLUSION) == []
    assert find_citations("thực thi pháp luật 2015, các nghị quyết, chỉ thị, quyết định của Đảng và Luật") == []
    assert find_citations("") == []


def test_citations_with_errors_in_running_text_are_skipped():
    text = "Theo Quyết định số 238-QĐ/TW, ngày 31/02/2021 và Hướng dẫn số 170-HD/BTGTW, ngày 26/01/2021."
    assert find_citations(text) == [HD_170]


def test_the_body_in_running_text_stops_where_the_prose_starts():
    found = find_citations(
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 15/01/2022 của Ủy ban nhân dân tỉnh Phú Yên công tác tuyên "
        "truyền được đẩy mạnh; Nghị quyết số 35-NQ/TW của Bộ Chính trị và các văn bản hướng dẫn, Quyết định số "
        "1286/QĐ-TTg của Thủ tướng Chính phủ ban hành Quy chế làm việc. Luật Báo chí 2016 và Luật Thi đua, khen "
        "thưởng năm 2022 được phổ biến cùng Hiến pháp năm 2013."
    )
    assert [(c.doc_type, c.issuing_body, c.title) for c in found] == [
        ("Kế hoạch", "Ủy ban nhân dân tỉnh Phú Yên", None),
        ("Nghị quyết", "Bộ Chính trị", None),
        ("Quyết định", "Thủ tướng Chính phủ", "ban hành Quy chế làm việc"),
        ("Luật", None, "Báo chí"),
        ("Luật", None, "Thi đua, khen thưởng"),
        ("Hiến pháp", None, None),
    ]


@pytest.mark.parametrize(("text", "expected"), ALL_CASES, ids=[_id(c) for c in ALL_CASES])
def test_found_citations_round_trip(text, expected):
    for citation in find_citations(text):
        assert parse_citation(citation.canonical()) == citation


# --------------------------------------------------------------------------------------------------
# Generated citations: every rendering parses to the expected fields, and round-trips.

PARTY_ISSUERS = ["TW", "TU", "HU", "ĐU", "BTGTW", "VPTW", "BTGTU-BDVTU", "ĐUK"]
STATE_ISSUERS = ["CP", "TTg", "UBND", "BNV", "HĐND", "UBND-VX", "BTTTT-BNV", "SNV"]
BODIES = [
    "Ban Bí thư",
    "Bộ Chính trị",
    "Ban Tuyên giáo Trung ương",
    "Ủy ban nhân dân tỉnh Kiên Giang",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Ban Thường vụ Tỉnh ủy",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Bộ Thông tin và Truyền thông",
    "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng",
]
TITLES = [
    "công tác văn thư",
    "tăng cường bảo vệ nền tảng tư tưởng của Đảng",
    "ban hành Quy chế phối hợp",
    "phê duyệt Đề án tuyên truyền giai đoạn 2021 - 2025",
    "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "phối hợp giữa Ban Tuyên giáo với cơ quan nhà nước cùng cấp",
    "thực hiện Quy chế số 238 của Ban Bí thư",
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]
PARTY_TYPES = [m for m in DocumentType if m.party_codes and not m.law_like]
STATE_TYPES = [m for m in DocumentType if m.state_codes and not m.law_like]
LAW_NAMES = ["Báo chí", "Tổ chức chính quyền địa phương", "Thi đua, khen thưởng", "Phòng, chống tham nhũng"]

dates = st.dates(min_value=d(1990, 1, 1), max_value=d(2030, 12, 31))
numbers = st.from_regex(r"\A0?[1-9][0-9]{0,3}\Z")
terms = st.one_of(
    st.none(),
    st.sampled_from(ROMAN).map(lambda r: ("khóa", r)),
    st.integers(1990, 2025).map(lambda y: ("nhiệm kỳ", y)),
)


def _date_text(date: datetime.date, form: int) -> str:
    if form == 0:
        return f"{date.day}/{date.month}/{date.year}"
    if form == 1:
        return f"{date.day:02d}/{date.month:02d}/{date.year}"
    if form == 2:
        return f"{date.day}-{date.month}-{date.year}"
    if form == 3:
        return f"{date.day}.{date.month}.{date.year}"
    return f"{date.day} tháng {date.month} năm {date.year}"


def _term_text(term, form: int) -> tuple[str, str | None]:
    if term is None:
        return "", None
    kind, value = term
    if kind == "nhiệm kỳ":
        text = f", nhiệm kỳ {value}-{value + 5}" if form % 2 else f" (nhiệm kỳ {value} - {value + 5})"
        return text, f"nhiệm kỳ {value} - {value + 5}"
    arabic = ROMAN.index(value) + 1
    word = "khoá" if form in (1, 3) else "khóa"
    number = str(arabic) if form == 2 else value
    text = f" {word} {number}" if form == 3 else f" ({word} {number})"
    return text, f"khóa {value}"


@st.composite
def generated(draw):
    """(text, expected Citation) for a Party or State citation written in one of many ways."""
    style = draw(st.sampled_from([PARTY, STATE]))
    doc_type = draw(st.sampled_from(PARTY_TYPES if style == PARTY else STATE_TYPES))
    codes = doc_type.party_codes if style == PARTY else doc_type.state_codes
    code = draw(st.sampled_from(codes))
    number = draw(numbers)
    date = draw(st.none() | dates)
    body = draw(st.none() | st.sampled_from(BODIES))
    term = draw(terms)
    title = draw(st.none() | st.sampled_from(TITLES))
    year_in_symbol = style == STATE and draw(st.booleans())
    year = date.year if date else (draw(st.integers(1990, 2030)) if year_in_symbol else None)

    type_word = draw(st.sampled_from([doc_type.label, doc_type.label.lower(), fold(doc_type.label)]))
    if type_word == fold(doc_type.label) and type_word == doc_type.label.lower():
        type_word = doc_type.label
    written_code = draw(st.sampled_from([code, fold(code).upper()]))
    dash = draw(st.sampled_from(["-", "–", " - "]))
    if style == PARTY:
        issuer = draw(st.sampled_from(PARTY_ISSUERS))
        glued = issuer in ("TW", "TU", "HU") and code == codes[-1] and draw(st.booleans())
        slash = "" if glued else draw(st.sampled_from(["/", " / "]))
        symbol_text = f"{number}{dash}{written_code}{slash}{issuer}"
    else:
        issuer = draw(st.sampled_from(STATE_ISSUERS))
        year_part = f"/{year}" if year_in_symbol else ""
        symbol_text = f"{number}{year_part}/{written_code}-{issuer}"
    so = draw(st.sampled_from(["số ", "Số: ", "số: ", ""]))
    text = f"{type_word} {so}{symbol_text}"
    if date:
        comma = draw(st.sampled_from([",", ""]))
        text += f"{comma} ngày {_date_text(date, draw(st.integers(0, 4)))}"
    if body:
        text += f" của {body}"
    term_text, term_value = _term_text(term, draw(st.integers(0, 3)))
    text += term_text
    if title:
        intro = draw(st.sampled_from([" về ", " về việc "]))
        text += f"{intro}{title}"
    if draw(st.booleans()):
        text = text.replace(" ", "  ")

    expected = Citation(
        doc_type=doc_type.label,
        number=number,
        year=year,
        type_code=code,
        issuer_code=issuer,
        date=date,
        issuing_body=body,
        term=term_value,
        style=style,
        title=title,
        year_in_symbol=year_in_symbol,
    )
    return text, expected


@st.composite
def generated_laws(draw):
    doc_type = draw(st.sampled_from([DocumentType.L, DocumentType.BL, DocumentType.PL]))
    name = draw(st.sampled_from(LAW_NAMES))
    year = draw(st.integers(1992, 2030))
    with_symbol = draw(st.booleans())
    date = draw(st.none() | st.dates(min_value=d(year, 1, 1), max_value=d(year, 12, 31)))
    text = f"{doc_type.label} {name}"
    if with_symbol:
        number = draw(numbers)
        issuer = draw(st.sampled_from(["QH13", "QH14", "QH15", "UBTVQH15"]))
        text += f" số {number}/{year}/{issuer}"
    else:
        number = issuer = None
        text += draw(st.sampled_from([f" {year}", f" năm {year}"]))
    if date:
        text += f" ngày {_date_text(date, draw(st.integers(0, 4)))}"
    expected = Citation(
        doc_type=doc_type.label,
        number=number,
        year=year,
        issuer_code=issuer,
        date=date,
        style=STATE if with_symbol else NAME,
        title=name,
        year_in_symbol=with_symbol,
    )
    return text, expected


@settings(max_examples=300, deadline=None)
@given(generated())
def test_generated_citations_parse_and_round_trip(case):
    text, expected = case
    parsed = parse_citation(text)
    assert parsed == expected
    assert parse_citation(parsed.canonical()) == parsed


@settings(max_examples=150, deadline=None)
@given(generated_laws())
def test_generated_laws_parse_and_round_trip(case):
    text, expected = case
    parsed = parse_citation(text)
    assert parsed == expected
    assert parse_citation(parsed.canonical()) == parsed


@settings(max_examples=100, deadline=None)
@given(generated())
def test_a_canonical_citation_is_found_alone_in_a_sentence(case):
    _text, expected = case
    found = find_citations(f"Căn cứ {expected.canonical()}.\nCác bên thống nhất như sau.")
    assert found[:1] == [expected]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_either_parses_and_round_trips_or_is_refused(text):
    try:
        parsed = parse_citation(text)
    except CitationError:
        return
    assert parse_citation(parsed.canonical()) == parsed


FRAGMENTS = [
    "Quyết định",
    " số ",
    "238",
    "-QĐ",
    "/TW",
    "QĐTW",
    ", ngày 30/9/2020",
    " ngày 5 tháng 3 năm 2020",
    " của ",
    "Ban Bí thư",
    "Ủy ban nhân dân tỉnh",
    " (khóa XII)",
    " khoá 12",
    ", nhiệm kỳ 2020 - 2025",
    " về ",
    " việc ",
    " ban hành ",
    " phê duyệt ",
    " thực hiện ",
    "x",
    " Luật ",
    "Bộ luật",
    "Hiến pháp",
    "Báo chí",
    " 2016",
    " năm ",
    "Nghị quyết",
    " Đại hội",
    " lần thứ XIII",
    "Trung ương 4",
    "/2020/NĐ-CP",
    "12/KH-UBND",
    "/QH15",
    " 05",
    "Kế hoạch",
    "Chương trình hành động",
    "34-CTr",
    "Quy chế",
    "Số:",
    "“",
    "”",
    ",",
    ".",
    "(",
    ")",
    "–",
    " và ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=16).map("".join))
def test_pieces_of_citations_either_parse_and_round_trip_or_are_refused(text):
    try:
        parsed = parse_citation(text)
    except CitationError:
        pass
    else:
        assert parse_citation(parsed.canonical()) == parsed
    for citation in find_citations(text):
        assert parse_citation(citation.canonical()) == citation
