"""Seed 000: the Phú Yên programme of 12/5/2022, carried to Đắk Lắk."""

from __future__ import annotations

import datetime as dt

from phoihop.programs.models import Program

from .base import (
    BEFORE,
    CT_05,
    DEMO_LEADER,
    DEMO_OFFICER,
    DURING,
    KL_01,
    LEAD,
    ORAL,
    PRESS,
    QD_238,
    RADIO_TV,
    SIGNER,
    SOCIAL,
    VISUAL,
    Days,
    DemoParty,
    DemoPlan,
    DemoProgram,
    DemoTask,
    Report,
    Sig,
)

# --- Seed 000: Phú Yên, then Đắk Lắk -----------------------------------------------------

PY_BTG, PY_BDV, PY_MERGED, DL = "phuyen.btgtu", "phuyen.bdvtu", "phuyen.btgdvtu", "daklak.btgdvtu"
PY_PROGRAM_TITLE = "Chương trình phối hợp về thực hiện công tác dân vận, công tác tuyên giáo giai đoạn 2022 - 2026"
PY_PLAN_2022_TITLE = (
    "Kế hoạch thực hiện Chương trình phối hợp giữa Ban Tuyên giáo Tỉnh ủy và Ban Dân vận Tỉnh ủy năm 2022"
)

PY_CONTENT_ITEMS = (
    # Seed 000, "Một là" … "Năm là", as written.
    "tuyên truyền, phổ biến, quán triệt các nghị quyết, chỉ thị, kết luận của Đảng về công tác dân vận, công tác "
    "dân tộc, tôn giáo và thực hiện Quy chế dân chủ ở cơ sở; các chủ trương, chính sách của tỉnh liên quan mật thiết "
    "đến đời sống Nhân dân.",
    "tuyên truyền, vận động Nhân dân cảnh giác, tích cực đấu tranh phản bác các quan điểm sai trái, thù địch, thông "
    "tin giả, xấu, độc, sai sự thật về Đảng, Nhà nước, gây chia rẽ khối đại đoàn kết toàn dân tộc.",
    "tăng cường công tác theo dõi, nắm bắt tình hình dư luận xã hội, tâm tư, tình cảm của cán bộ, đảng viên, Nhân "
    "dân trong việc triển khai thực hiện các đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước, nhất "
    "là những vấn đề có liên quan mật thiết đến đời sống Nhân dân; tuyên truyền, vận động, định hướng dư luận xã hội "
    "và tham mưu Ban Thường vụ Tỉnh ủy, Thường trực Tỉnh ủy chỉ đạo (khi cần thiết) đối với những vấn đề có tính chất "
    "“nổi cộm”, “phức tạp”, “nhạy cảm” mà dư luận và Nhân dân quan tâm.",
    "trao đổi, chia sẻ, nắm bắt những thông tin nổi cộm trên báo chí để tham mưu lãnh đạo, chỉ đạo, điều hành trong "
    "công tác dân vận, công tác tuyên giáo.",
    "tuyên truyền, biểu dương các tấm gương, điển hình tiên tiến trong phong trào thi đua “Dân vận khéo” gắn với việc "
    "thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị (khóa XIII) về tiếp tục thực hiện Chỉ thị số "
    "05-CT/TW, ngày 15/5/2016 của Bộ Chính trị (khóa XII) về “Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong "
    "cách Hồ Chí Minh”.",
)

PY_PURPOSE = (
    "Nâng cao chất lượng, hiệu quả công tác chính trị, tư tưởng, đẩy mạnh tuyên truyền, vận động tạo sự đồng thuận, "
    "nhất trí cao trong nhận thức và hành động của toàn Đảng bộ và Nhân dân trên địa bàn tỉnh trong triển khai kế "
    "hoạch phát triển kinh tế - xã hội, giải quyết các vấn đề nổi cộm, Nhân dân quan tâm; chủ động nắm bắt tình hình "
    "tư tưởng, dư luận xã hội, kịp thời ngăn chặn, phòng ngừa không để xảy ra điểm nóng. Công tác phối hợp phải "
    "thường xuyên, chặt chẽ; nội dung cụ thể, thiết thực, phù hợp với thực tiễn từng giai đoạn."
)

_py_2022 = (
    DemoTask(
        "Phối hợp tổ chức hội nghị quán triệt các nghị quyết, chỉ thị, kết luận của Đảng về công tác dân vận, công "
        "tác dân tộc, tôn giáo",
        PY_BDV,
        dt.date(2022, 6, 30),
        item=1,
        partners=(PY_BTG,),
        start=dt.date(2022, 5, 16),
        channels=(ORAL,),
        product="03 hội nghị",
        reports=(
            Report(
                dt.date(2022, 6, 10),
                60,
                "Đã tổ chức 02 hội nghị cho cán bộ chủ chốt khối dân vận.",
                counts=(("hội nghị", 2),),
            ),
            Report(
                dt.date(2022, 6, 24),
                100,
                "Cử báo cáo viên trình bày chuyên đề tại 03 hội nghị.",
                org=PY_BTG,
                counts=(("lượt báo cáo viên", 3),),
            ),
            Report(
                dt.date(2022, 6, 24),
                100,
                "Hoàn thành 03 hội nghị, 420 lượt cán bộ tham dự.",
                counts=(("hội nghị", 3), ("lượt cán bộ tham dự", 420)),
            ),
        ),
        done_on=dt.date(2022, 6, 24),
    ),
    DemoTask(
        "Tuyên truyền việc thực hiện Quy chế dân chủ ở cơ sở trên báo chí và Cổng thông tin điện tử của tỉnh",
        PY_BDV,
        dt.date(2022, 9, 30),
        item=1,
        partners=(PY_BTG,),
        start=dt.date(2022, 6, 1),
        channels=(PRESS, RADIO_TV),
        product="12 bài viết",
        reports=(
            Report(dt.date(2022, 9, 26), 100, "Định hướng các cơ quan báo chí mở chuyên mục.", org=PY_BTG),
            Report(
                dt.date(2022, 9, 28),
                100,
                "Đăng 12 bài viết, 01 chuyên mục trên sóng phát thanh.",
                counts=(("bài viết", 12), ("chuyên mục", 1)),
                links=("https://example.org/phoihop-demo/quy-che-dan-chu-o-co-so",),
            ),
        ),
        done_on=dt.date(2022, 9, 28),
    ),
    DemoTask(
        "Xây dựng tin, bài đấu tranh phản bác quan điểm sai trái, thù địch, thông tin xấu, độc trên không gian mạng",
        PY_BTG,
        dt.date(2022, 10, 31),
        item=2,
        partners=(PY_BDV,),
        start=dt.date(2022, 5, 16),
        channels=(PRESS, SOCIAL),
        product="20 bài viết, 40 tin đăng trên mạng xã hội",
        people="Phòng Tuyên truyền",
        reports=(
            Report(
                dt.date(2022, 10, 31),
                70,
                "Chậm do thay đổi cộng tác viên viết bài.",
                counts=(("bài viết", 14), ("tin mạng xã hội", 28)),
            ),
            Report(dt.date(2022, 11, 10), 100, "Cung cấp thông tin từ khối dân vận cho 06 bài viết.", org=PY_BDV),
            Report(dt.date(2022, 11, 15), 100, "Hoàn thành.", counts=(("bài viết", 20), ("tin mạng xã hội", 41))),
        ),
        done_on=dt.date(2022, 11, 15),
    ),
    DemoTask(
        "Tổng hợp tình hình dư luận xã hội, tâm tư, tình cảm của cán bộ, đảng viên và Nhân dân hằng quý, báo cáo "
        "Ban Thường vụ Tỉnh ủy",
        PY_BTG,
        dt.date(2022, 12, 15),
        item=3,
        partners=(PY_BDV,),
        product="04 báo cáo quý",
        people="Phòng Lý luận chính trị - Dư luận xã hội",
        reports=(
            Report(dt.date(2022, 12, 12), 100, "Gửi thông tin dư luận trong khối dân vận mỗi quý.", org=PY_BDV),
            Report(dt.date(2022, 12, 13), 100, "Đã gửi 04 báo cáo quý.", counts=(("báo cáo", 4),)),
        ),
        done_on=dt.date(2022, 12, 13),
    ),
    DemoTask(
        "Nắm tình hình, định hướng dư luận về công tác bồi thường, giải phóng mặt bằng các dự án trọng điểm của tỉnh",
        PY_BDV,
        dt.date(2022, 8, 31),
        item=3,
        partners=(PY_BTG,),
        start=dt.date(2022, 6, 1),
        phase=DURING,
        channels=(ORAL, RADIO_TV),
        product="02 đợt khảo sát, 01 báo cáo chuyên đề",
        reports=(
            Report(
                dt.date(2022, 8, 31),
                50,
                "Xong đợt khảo sát thứ nhất; đợt hai lùi do lịch của địa phương.",
                counts=(("đợt khảo sát", 1),),
            ),
            Report(
                dt.date(2022, 9, 20),
                100,
                "Hoàn thành đợt hai và báo cáo chuyên đề.",
                counts=(("đợt khảo sát", 2), ("báo cáo chuyên đề", 1)),
            ),
            Report(
                dt.date(2022, 9, 20),
                100,
                "Định hướng 06 tin, bài trên Đài Phát thanh - Truyền hình tỉnh.",
                org=PY_BTG,
                counts=(("tin, bài", 6),),
            ),
        ),
        done_on=dt.date(2022, 9, 20),
    ),
    DemoTask(
        "Trao đổi thông tin nổi cộm trên báo chí tại giao ban báo chí hằng tháng",
        PY_BTG,
        dt.date(2022, 12, 31),
        item=4,
        partners=(PY_BDV,),
        channels=(PRESS,),
        product="08 kỳ giao ban",
        reports=(
            Report(dt.date(2022, 12, 28), 100, "Tham dự, nêu ý kiến tại 08 kỳ giao ban.", org=PY_BDV),
            Report(
                dt.date(2022, 12, 28), 100, "Tổ chức 08 kỳ giao ban (tháng 5 - tháng 12).", counts=(("kỳ giao ban", 8),)
            ),
        ),
        done_on=dt.date(2022, 12, 28),
    ),
    DemoTask(
        "Tuyên truyền, biểu dương gương điển hình trong phong trào thi đua “Dân vận khéo” gắn với học tập và làm "
        "theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        PY_BDV,
        dt.date(2022, 11, 30),
        item=5,
        partners=(PY_BTG,),
        channels=(PRESS, RADIO_TV, VISUAL),
        product="15 tin, bài; 01 phóng sự truyền hình",
        reports=(
            Report(
                dt.date(2022, 11, 25),
                100,
                "Giới thiệu 15 mô hình “Dân vận khéo” tiêu biểu.",
                counts=(("tin, bài", 15), ("phóng sự", 1)),
            ),
            Report(
                dt.date(2022, 11, 25), 100, "Định hướng báo chí và lồng ghép vào tài liệu sinh hoạt chi bộ.", org=PY_BTG
            ),
        ),
        done_on=dt.date(2022, 11, 25),
    ),
    DemoTask(
        "Tổ chức tọa đàm về phát huy vai trò của Nhân dân trong tham gia góp ý xây dựng Đảng, xây dựng chính quyền",
        PY_BTG,
        dt.date(2022, 10, 15),
        item=1,
        partners=(PY_BDV,),
        channels=(ORAL,),
        product="01 tọa đàm",
        cancelled=(dt.date(2022, 9, 30), "Hai Ban thống nhất lồng ghép nội dung vào hội nghị sơ kết cuối năm."),
    ),
)

_py_2025 = (
    DemoTask(
        "Tuyên truyền kết quả sắp xếp tổ chức bộ máy của hệ thống chính trị tỉnh",
        PY_MERGED,
        dt.date(2025, 4, 30),
        item=1,
        start=dt.date(2025, 3, 15),
        channels=(PRESS, RADIO_TV, SOCIAL),
        product="10 tin, bài",
        reports=(Report(dt.date(2025, 4, 25), 100, "Hoàn thành.", counts=(("tin, bài", 11),)),),
        done_on=dt.date(2025, 4, 25),
    ),
    DemoTask(
        "Nắm tình hình dư luận xã hội về chủ trương sắp xếp đơn vị hành chính cấp tỉnh, cấp xã",
        PY_MERGED,
        dt.date(2025, 6, 30),
        item=3,
        start=dt.date(2025, 3, 15),
        product="03 báo cáo nhanh",
        reports=(Report(dt.date(2025, 6, 27), 100, "Gửi 03 báo cáo nhanh.", counts=(("báo cáo", 3),)),),
        done_on=dt.date(2025, 6, 27),
    ),
    DemoTask(
        "Tuyên truyền, biểu dương điển hình “Dân vận khéo” năm 2025",
        PY_MERGED,
        dt.date(2025, 9, 30),
        item=5,
        start=dt.date(2025, 4, 1),
        channels=(PRESS, RADIO_TV),
        product="12 tin, bài",
        reports=(
            Report(dt.date(2025, 6, 20), 40, "Đã đăng 05 tin, bài.", counts=(("tin, bài", 5),)),
            Report(
                dt.date(2025, 10, 10),
                100,
                "Hoàn thành sau khi hợp nhất tỉnh; bổ sung điển hình của hai tỉnh cũ.",
                org=DL,
                counts=(("tin, bài", 14),),
            ),
        ),
        done_on=dt.date(2025, 10, 10),
    ),
    DemoTask(
        "Đấu tranh phản bác thông tin xấu, độc về việc sắp xếp tổ chức bộ máy và đơn vị hành chính",
        PY_MERGED,
        dt.date(2025, 12, 31),
        item=2,
        start=dt.date(2025, 3, 15),
        channels=(PRESS, SOCIAL),
        product="30 tin, bài phản bác",
        reports=(
            Report(dt.date(2025, 6, 25), 50, "", counts=(("tin, bài", 15),)),
            Report(dt.date(2025, 12, 29), 100, "", org=DL, counts=(("tin, bài", 32),)),
        ),
        done_on=dt.date(2025, 12, 29),
    ),
    DemoTask(
        "Khảo sát các mô hình “Dân vận khéo” ở cấp huyện",
        PY_MERGED,
        dt.date(2025, 9, 30),
        item=5,
        start=dt.date(2025, 5, 1),
        product="01 báo cáo khảo sát",
        cancelled=(
            dt.date(2025, 7, 15),
            "Cấp huyện kết thúc hoạt động từ 01/07/2025; nội dung chuyển sang kế hoạch năm 2026.",
        ),
    ),
)

_py_2026 = (
    DemoTask(
        "Tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ "
        "2026 - 2031",
        DL,
        dt.date(2026, 3, 31),
        item=1,
        start=dt.date(2026, 1, 26),
        phase=BEFORE,
        channels=(PRESS, RADIO_TV, VISUAL, ORAL),
        product="40 tin, bài; 200 pa-nô, áp-phích",
        reports=(
            Report(dt.date(2026, 3, 27), 100, "Hoàn thành.", counts=(("tin, bài", 46), ("pa-nô, áp-phích", 230))),
        ),
        done_on=dt.date(2026, 3, 27),
    ),
    DemoTask(
        "Phối hợp tổ chức hội nghị học tập, quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
        DL,
        dt.date(2026, 4, 30),
        item=1,
        start=dt.date(2026, 2, 15),
        channels=(ORAL,),
        product="01 hội nghị trực tuyến toàn tỉnh",
        reports=(
            Report(
                dt.date(2026, 4, 22),
                100,
                "Hội nghị trực tuyến đến 102 điểm cầu xã, phường.",
                counts=(("điểm cầu", 102),),
            ),
        ),
        done_on=dt.date(2026, 4, 22),
    ),
    DemoTask(
        "Nắm tình hình dư luận xã hội 6 tháng đầu năm 2026 về hoạt động của chính quyền địa phương hai cấp",
        DL,
        dt.date(2026, 6, 30),
        item=3,
        start=dt.date(2026, 1, 26),
        product="01 báo cáo chuyên đề",
        reports=(
            Report(
                dt.date(2026, 7, 8),
                100,
                "Báo cáo gửi chậm do chờ số liệu của các xã, phường mới.",
                counts=(("báo cáo", 1),),
            ),
        ),
        done_on=dt.date(2026, 7, 8),
    ),
    DemoTask(
        "Biên tập tài liệu tuyên truyền về thực hiện Quy chế dân chủ ở cơ sở tại các xã, phường mới",
        DL,
        Days(-25),
        item=1,
        start=dt.date(2026, 7, 1),
        channels=(ORAL, VISUAL),
        product="01 tài liệu hỏi - đáp",
        people=DEMO_OFFICER,
        reports=(Report(Days(-30), 40, "Đã có dự thảo, đang lấy ý kiến các phòng."),),
    ),
    DemoTask(
        "Tổng hợp tình hình dư luận xã hội quý III/2026, báo cáo Ban Thường vụ Tỉnh ủy",
        DL,
        Days(-12),
        item=3,
        start=dt.date(2026, 10, 1),
        product="01 báo cáo quý",
        people=DEMO_OFFICER,
        reports=(Report(Days(-14), 60, "Đã tổng hợp ý kiến của 70/102 xã, phường."),),
    ),
    DemoTask(
        "Tuyên truyền, biểu dương điển hình “Dân vận khéo” năm 2026",
        DL,
        Days(5),
        item=5,
        start=dt.date(2026, 3, 1),
        channels=(PRESS, RADIO_TV, SOCIAL),
        product="15 tin, bài",
        people=DEMO_OFFICER,
        reports=(Report(Days(-6), 70, "Đã đăng 10 tin, bài.", counts=(("tin, bài", 10),)),),
    ),
    DemoTask(
        "Chuẩn bị nội dung nổi cộm trên báo chí cho hội nghị giao ban báo chí cuối năm",
        DL,
        Days(9),
        item=4,
        channels=(PRESS,),
        product="01 báo cáo tổng hợp",
        reports=(Report(Days(-2), 20, "Đang tổng hợp."),),
    ),
    DemoTask(
        "Tổng kết 05 năm thực hiện Chương trình phối hợp giai đoạn 2022 - 2026",
        DL,
        Days(35),
        product="01 báo cáo tổng kết, 01 hội nghị",
    ),
)

PHU_YEN = DemoProgram(
    key="phuyen",
    title=PY_PROGRAM_TITLE,
    start_year=2022,
    end_year=2026,
    # Between two party departments: not a 238-QĐ/TW programme with state bodies.
    kind=Program.Kind.OTHER,
    parties=(
        DemoParty(PY_BTG, LEAD, "Chủ trì các nội dung về tuyên truyền, dư luận xã hội và thông tin báo chí."),
        DemoParty(
            PY_BDV,
            LEAD,
            "Chủ trì các nội dung về công tác dân vận, Quy chế dân chủ ở cơ sở và phong trào thi đua “Dân vận khéo”.",
        ),
    ),
    content_items=PY_CONTENT_ITEMS,
    legal_bases=(QD_238, KL_01, CT_05),
    purpose=PY_PURPOSE,
    signatures=(
        Sig(PY_BTG, "Bùi Thanh Toàn", "Trưởng Ban", dt.date(2022, 5, 12), "Phú Yên"),
        Sig(PY_BDV, "Đinh Thị Thu Thanh", "Trưởng Ban", dt.date(2022, 5, 12), "Phú Yên"),
    ),
    plans=(
        DemoPlan(
            2022,
            PY_PLAN_2022_TITLE,
            (
                Sig(PY_BTG, "Nguyễn Văn Sự", "Phó Trưởng Ban trực", dt.date(2022, 5, 12), "Phú Yên"),
                Sig(PY_BDV, "Lê Thị Ngọc Hoa", "Phó Trưởng Ban trực", dt.date(2022, 5, 12), "Phú Yên"),
            ),
            _py_2022,
            closed_on=dt.date(2023, 1, 10),
        ),
        DemoPlan(
            2025,
            "Kế hoạch thực hiện Chương trình phối hợp về thực hiện công tác dân vận, công tác tuyên giáo năm 2025",
            (Sig(PY_MERGED, SIGNER, "Phó Trưởng Ban", dt.date(2025, 3, 14), "Phú Yên"),),
            _py_2025,
            summary="Từ 01/03/2025, Ban Tuyên giáo Tỉnh ủy và Ban Dân vận Tỉnh ủy hợp nhất thành Ban Tuyên giáo và "
            "Dân vận Tỉnh ủy; Ban tiếp tục thực hiện các nội dung của Chương trình phối hợp.",
            closed_on=dt.date(2026, 1, 15),
        ),
        DemoPlan(
            2026,
            "Kế hoạch thực hiện Chương trình phối hợp về thực hiện công tác dân vận, công tác tuyên giáo năm 2026",
            (Sig(DL, DEMO_LEADER, "Phó Trưởng Ban", dt.date(2026, 1, 23), "Đắk Lắk"),),
            _py_2026,
            summary="Năm cuối của Chương trình; từ 01/07/2025 do Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk thực hiện "
            "sau khi hợp nhất tỉnh Phú Yên và tỉnh Đắk Lắk.",
        ),
    ),
)
