"""Seed 003: a town's 2021–2026 programme, ended with the district level."""

from __future__ import annotations

import datetime as dt

from .base import (
    BEFORE,
    DISTRICTS_END,
    DURING,
    LEAD,
    ORAL,
    QD_238,
    RADIO_TV,
    SIGNER,
    VISUAL,
    DemoParty,
    DemoPlan,
    DemoProgram,
    DemoTask,
    Report,
    Sig,
)

# --- Seed 003: a town (Thị xã Sông Cầu in the demo) --------------------------------------

SC_UBND, SC_BTG = "songcau.ubnd", "songcau.btgthu"
SC_SIGNED = dt.date(2021, 1, 25)
SC_CANCELLED = (
    dt.date(2025, 6, 30),
    "Cấp huyện kết thúc hoạt động từ 01/07/2025; nội dung chuyển cho chính quyền các xã, phường mới.",
)

SONG_CAU = DemoProgram(
    key="songcau",
    title="Chương trình phối hợp công tác giữa Ủy ban nhân dân thị xã và Ban Tuyên giáo Thị ủy Sông Cầu "
    "giai đoạn 2021 - 2026",
    start_year=2021,
    end_year=2026,
    parties=(
        DemoParty(
            SC_UBND,
            LEAD,
            "Cung cấp thông tin, tài liệu; chỉ đạo các phòng, cơ quan, đơn vị phối hợp tuyên "
            "truyền trước, trong và sau khi triển khai công việc.",
        ),
        DemoParty(
            SC_BTG,
            LEAD,
            "Làm cơ quan thường trực; tham mưu Ban Chấp hành Đảng bộ, Thường trực Thị ủy; phát "
            "huy đội ngũ báo cáo viên, cộng tác viên dư luận xã hội.",
        ),
    ),
    content_items=(
        "Phối hợp trong việc thực thi pháp luật, triển khai kế hoạch phát triển kinh tế - xã hội, giải quyết các vấn "
        "đề nổi cộm, nhân dân quan tâm trên địa bàn thị xã, nhất là công tác giải phóng mặt bằng và giải quyết khiếu "
        "nại, tố cáo.",
        "Phối hợp trên lĩnh vực tuyên giáo, khoa giáo; tham mưu Ban Chấp hành Đảng bộ, Thường trực Thị ủy sơ kết, "
        "tổng kết các chỉ thị, nghị quyết liên quan đến công tác tuyên giáo.",
        "Cung cấp thông tin nhanh, chính xác theo vụ việc và định kỳ hằng tháng.",
        "Phát huy vai trò của đội ngũ báo cáo viên, cộng tác viên dư luận xã hội, nắm bắt kịp thời tình hình tư "
        "tưởng của các tầng lớp nhân dân, phối hợp cung cấp thông tin giúp các cơ quan chức năng giải quyết các vấn "
        "đề bức xúc trong nhân dân.",
    ),
    legal_bases=(QD_238,),
    purpose="Đưa các chủ trương, chính sách của Đảng và Nhà nước vào cuộc sống; góp phần định hướng tư tưởng, giữ "
    "gìn an ninh chính trị, trật tự an toàn xã hội trên địa bàn thị xã.",
    signatures=(
        Sig(SC_UBND, SIGNER, "Chủ tịch Ủy ban nhân dân thị xã", SC_SIGNED, "Sông Cầu"),
        Sig(SC_BTG, SIGNER, "Trưởng Ban", SC_SIGNED, "Sông Cầu"),
    ),
    plans=(
        DemoPlan(
            2021,
            "Kế hoạch phối hợp công tác năm 2021 giữa Ủy ban nhân dân thị xã và Ban Tuyên giáo Thị ủy Sông Cầu",
            (
                Sig(SC_UBND, SIGNER, "Phó Chủ tịch Ủy ban nhân dân thị xã", SC_SIGNED, "Sông Cầu"),
                Sig(SC_BTG, SIGNER, "Phó Trưởng Ban", SC_SIGNED, "Sông Cầu"),
            ),
            (
                DemoTask(
                    "Tuyên truyền, vận động Nhân dân đồng thuận trong công tác bồi thường, giải phóng mặt bằng các dự "
                    "án trên địa bàn thị xã",
                    SC_UBND,
                    dt.date(2021, 6, 30),
                    item=1,
                    partners=(SC_BTG,),
                    start=dt.date(2021, 2, 1),
                    phase=BEFORE,
                    channels=(ORAL, RADIO_TV),
                    product="15 buổi tuyên truyền tại khu dân cư",
                    reports=(
                        Report(dt.date(2021, 6, 25), 100, "Báo cáo viên tham gia 15 buổi.", org=SC_BTG),
                        Report(dt.date(2021, 6, 28), 100, "", counts=(("buổi tuyên truyền", 15),)),
                    ),
                    done_on=dt.date(2021, 6, 28),
                ),
                DemoTask(
                    "Cung cấp thông tin định kỳ hằng tháng và đột xuất theo vụ việc cho Ban Tuyên giáo Thị ủy",
                    SC_UBND,
                    dt.date(2021, 12, 31),
                    item=3,
                    partners=(SC_BTG,),
                    product="12 bản tin",
                    reports=(Report(dt.date(2021, 12, 31), 100, "", counts=(("bản tin", 12), ("tin đột xuất", 3))),),
                    done_on=dt.date(2021, 12, 31),
                ),
                DemoTask(
                    "Nắm bắt tình hình tư tưởng, dư luận xã hội qua đội ngũ báo cáo viên, cộng tác viên",
                    SC_BTG,
                    dt.date(2021, 12, 15),
                    item=4,
                    partners=(SC_UBND,),
                    product="04 báo cáo",
                    reports=(Report(dt.date(2021, 12, 20), 100, "", counts=(("báo cáo", 4),)),),
                    done_on=dt.date(2021, 12, 20),
                ),
                DemoTask(
                    "Tham mưu sơ kết các chỉ thị, nghị quyết về công tác tuyên giáo, khoa giáo",
                    SC_BTG,
                    dt.date(2021, 11, 30),
                    item=2,
                    partners=(SC_UBND,),
                    product="02 báo cáo sơ kết",
                    reports=(Report(dt.date(2021, 11, 25), 100, ""),),
                    done_on=dt.date(2021, 11, 25),
                ),
            ),
            closed_on=dt.date(2022, 1, 10),
        ),
        DemoPlan(
            2025,
            "Kế hoạch phối hợp công tác năm 2025 giữa Ủy ban nhân dân thị xã và Ban Tuyên giáo Thị ủy Sông Cầu",
            (
                Sig(SC_UBND, SIGNER, "Phó Chủ tịch Ủy ban nhân dân thị xã", dt.date(2025, 1, 20), "Sông Cầu"),
                Sig(SC_BTG, SIGNER, "Phó Trưởng Ban", dt.date(2025, 1, 20), "Sông Cầu"),
            ),
            (
                DemoTask(
                    "Tuyên truyền kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2025)",
                    SC_BTG,
                    dt.date(2025, 4, 30),
                    item=2,
                    partners=(SC_UBND,),
                    start=dt.date(2025, 3, 1),
                    channels=(VISUAL, ORAL, RADIO_TV),
                    product="50 pa-nô, băng rôn; 10 tin, bài",
                    reports=(Report(dt.date(2025, 4, 28), 100, "", counts=(("pa-nô, băng rôn", 56),)),),
                    done_on=dt.date(2025, 4, 28),
                ),
                DemoTask(
                    "Tuyên truyền, vận động Nhân dân về chủ trương sắp xếp đơn vị hành chính cấp xã",
                    SC_BTG,
                    dt.date(2025, 6, 15),
                    item=1,
                    partners=(SC_UBND,),
                    start=dt.date(2025, 4, 1),
                    phase=BEFORE,
                    channels=(ORAL, RADIO_TV),
                    product="01 tài liệu hỏi - đáp; 20 buổi tuyên truyền",
                    reports=(Report(dt.date(2025, 6, 14), 100, "", counts=(("buổi tuyên truyền", 20),)),),
                    done_on=dt.date(2025, 6, 14),
                ),
                DemoTask(
                    "Phối hợp tuyên truyền, đối thoại giải quyết khiếu nại liên quan đến bồi thường, giải phóng mặt "
                    "bằng",
                    SC_UBND,
                    dt.date(2025, 9, 30),
                    item=1,
                    partners=(SC_BTG,),
                    start=dt.date(2025, 3, 1),
                    phase=DURING,
                    channels=(ORAL,),
                    product="04 buổi đối thoại",
                    reports=(
                        Report(
                            dt.date(2025, 6, 10), 25, "Đã tổ chức 01 buổi đối thoại.", counts=(("buổi đối thoại", 1),)
                        ),
                    ),
                    cancelled=SC_CANCELLED,
                ),
                DemoTask(
                    "Sơ kết thực hiện Chương trình phối hợp giai đoạn 2021 - 2025",
                    SC_BTG,
                    dt.date(2025, 12, 15),
                    item=2,
                    partners=(SC_UBND,),
                    product="01 hội nghị sơ kết",
                    cancelled=SC_CANCELLED,
                ),
            ),
            closed_on=dt.date(2025, 6, 30),
        ),
    ),
    ending=(
        "terminate",
        dt.date(2025, 6, 30),
        f"{DISTRICTS_END}; Ủy ban nhân dân thị xã và Ban Tuyên giáo Thị ủy Sông Cầu kết thúc hoạt động.",
    ),
)
