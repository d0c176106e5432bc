"""Seed 001: the Kiên Giang coordination rules of 2021, carried to An Giang."""

from __future__ import annotations

import datetime as dt

from .base import (
    AFTER,
    BEFORE,
    BRIEFING,
    CV_93,
    DURING,
    HD_170,
    LEAD,
    ORAL,
    PARTNER,
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

# --- Seed 001: Kiên Giang, then An Giang ----------------------------------------------------

KG_BTG, KG_MERGED, AG_BTG = "kiengiang.btgtu", "kiengiang.btgdvtu", "angiang.btgdvtu"
KG_SIGNED = dt.date(2021, 6, 29)
KG_SIGNED_2025 = dt.date(2025, 1, 16)
AG_SIGNED_2026 = dt.date(2026, 1, 22)

KG_BTG_RESPONSIBILITIES = (
    "Nâng cao chất lượng thẩm định, đánh giá tác động xã hội và dự báo tình hình tư tưởng về các đề án, dự án, "
    "chương trình, nghị quyết hay vấn đề, vụ việc được xác định trong kế hoạch phối hợp; chủ trì, phối hợp xây dựng kế "
    "hoạch tuyên truyền; chủ động nắm bắt tình hình dư luận, phối hợp thông tin, định hướng tư tưởng, dư luận xã hội."
)
KG_PARTNER_RESPONSIBILITIES = (
    "Hằng năm lựa chọn vấn đề, nội dung cụ thể cần phối hợp và thông báo cho Ban Tuyên giáo Tỉnh ủy; cung cấp đầy "
    "đủ thông tin để thông tin, tuyên truyền (trừ các văn bản mật, văn bản có nội dung nhạy cảm); mời Ban Tuyên giáo "
    "Tỉnh ủy tham dự các hoạt động cần thiết."
)
KG_COMMON_ITEMS = (
    "Hằng năm lựa chọn vấn đề, nội dung cụ thể cần phối hợp hoặc theo thời điểm của các đề án, dự án, chương trình, "
    "nghị quyết hay vấn đề, vụ việc phù hợp chức năng, nhiệm vụ và thông báo cho Ban Tuyên giáo Tỉnh ủy biết; cung "
    "cấp đầy đủ thông tin để thông tin, tuyên truyền (trừ các văn bản mật, văn bản có nội dung nhạy cảm).",
    "Mời Ban Tuyên giáo Tỉnh ủy tham dự, tham gia các hoạt động cần thiết của nội dung cần phối hợp; phối hợp sơ "
    "kết, tổng kết, rút kinh nghiệm hoạt động phối hợp.",
)


def _kien_giang(
    body: str,
    partner_name: str,
    position: str,
    content: str,
    plans_2021: tuple[DemoTask, ...],
    plans_2025: tuple[DemoTask, ...] = (),
    plans_2026: tuple[DemoTask, ...] = (),
    *,
    ending: tuple[str, dt.date, str] | None = None,
    an_giang_name: str = "",
    info_day: int | None = None,
    adhoc_hours: int | None = None,
) -> DemoProgram:
    partner = f"kiengiang.{body}"
    plans = [
        DemoPlan(
            2021,
            f"Kế hoạch phối hợp năm 2021 giữa Ban Tuyên giáo Tỉnh ủy với {partner_name}",
            (
                Sig(KG_BTG, SIGNER, "Phó Trưởng Ban", KG_SIGNED, "Kiên Giang"),
                Sig(partner, SIGNER, position, KG_SIGNED, "Kiên Giang"),
            ),
            plans_2021,
            closed_on=dt.date(2022, 1, 20),
        )
    ]
    if plans_2025:
        plans.append(
            DemoPlan(
                2025,
                f"Kế hoạch phối hợp năm 2025 giữa Ban Tuyên giáo Tỉnh ủy với {partner_name}",
                (
                    Sig(KG_BTG, SIGNER, "Phó Trưởng Ban", KG_SIGNED_2025, "Kiên Giang"),
                    Sig(partner, SIGNER, position, KG_SIGNED_2025, "Kiên Giang"),
                ),
                plans_2025,
                closed_on=ending[1] if ending else dt.date(2026, 1, 12),
            )
        )
    if plans_2026:
        plans.append(
            DemoPlan(
                2026,
                f"Kế hoạch phối hợp năm 2026 giữa Ban Tuyên giáo và Dân vận Tỉnh ủy với {an_giang_name}",
                (
                    Sig(AG_BTG, SIGNER, "Phó Trưởng Ban", AG_SIGNED_2026, "An Giang"),
                    Sig(f"angiang.{body}", SIGNER, position, AG_SIGNED_2026, "An Giang"),
                ),
                plans_2026,
                summary="Sau khi hợp nhất tỉnh Kiên Giang và tỉnh An Giang, Quy chế phối hợp do các cơ quan của "
                "tỉnh An Giang tiếp tục thực hiện.",
            )
        )
    return DemoProgram(
        key=f"kiengiang.{body}",
        title=f"Quy chế phối hợp giữa Ban Tuyên giáo Tỉnh ủy với {partner_name}",
        start_year=2021,
        end_year=2026,
        parties=(
            DemoParty(KG_BTG, LEAD, KG_BTG_RESPONSIBILITIES),
            DemoParty(partner, PARTNER, KG_PARTNER_RESPONSIBILITIES),
        ),
        content_items=(content, *KG_COMMON_ITEMS),
        legal_bases=(QD_238, HD_170, CV_93),
        purpose="Cụ thể hóa Quyết định số 238-QĐ/TW của Ban Bí thư; góp phần thúc đẩy phát triển kinh tế - xã hội "
        "của tỉnh hằng năm và giai đoạn 2021 - 2025, chủ động ngăn chặn, phòng ngừa không để xảy ra điểm nóng, "
        "bảo đảm an ninh chính trị, trật tự an toàn xã hội.",
        signatures=(
            Sig(KG_BTG, SIGNER, "Phó Trưởng Ban", KG_SIGNED, "Kiên Giang"),
            Sig(partner, SIGNER, position, KG_SIGNED, "Kiên Giang"),
        ),
        plans=tuple(plans),
        ending=ending,
        info_day=info_day,
        adhoc_hours=adhoc_hours,
    )


KG_UBND, KG_HDND, KG_VKSND, KG_TAND = "kiengiang.ubnd", "kiengiang.hdnd", "kiengiang.vksnd", "kiengiang.tand"
KG_SNN, KG_STTTT, KG_SYT = "kiengiang.snnptnt", "kiengiang.stttt", "kiengiang.syt"
AG_UBND, AG_HDND, AG_VKSND, AG_TAND = "angiang.ubnd", "angiang.hdnd", "angiang.vksnd", "angiang.tand"

KIEN_GIANG_UBND = _kien_giang(
    "ubnd",
    "Ủy ban nhân dân tỉnh Kiên Giang",
    "Phó Chủ tịch",
    "Phối hợp trong triển khai các đề án, dự án, chương trình trọng điểm về phát triển kinh tế - xã hội của tỉnh có "
    "ảnh hưởng đến di tích lịch sử, văn hóa, dân tộc, tôn giáo; giải quyết các vấn đề nổi cộm, bức xúc; thông tin về "
    "kinh tế - xã hội, quốc phòng - an ninh.",
    (
        DemoTask(
            "Thẩm định, đánh giá tác động xã hội và dự báo tình hình tư tưởng đối với các dự án trọng điểm năm 2021",
            KG_BTG,
            dt.date(2021, 11, 30),
            item=1,
            partners=(KG_UBND,),
            start=dt.date(2021, 7, 1),
            phase=BEFORE,
            product="01 báo cáo đánh giá tác động xã hội",
            reports=(
                Report(
                    dt.date(2021, 11, 20), 100, "Cung cấp hồ sơ 04 dự án.", org=KG_UBND, counts=(("hồ sơ dự án", 4),)
                ),
                Report(dt.date(2021, 11, 26), 100, "Hoàn thành báo cáo.", counts=(("báo cáo", 1),)),
            ),
            done_on=dt.date(2021, 11, 26),
        ),
        DemoTask(
            "Cung cấp thông tin tình hình kinh tế - xã hội, quốc phòng - an ninh hằng tháng cho Ban Tuyên giáo Tỉnh ủy",
            KG_UBND,
            dt.date(2021, 12, 31),
            item=2,
            partners=(KG_BTG,),
            start=dt.date(2021, 7, 1),
            product="06 bản tin tháng",
            reports=(Report(dt.date(2021, 12, 28), 100, "", counts=(("bản tin", 6),)),),
            done_on=dt.date(2021, 12, 28),
        ),
    ),
    (
        DemoTask(
            "Tuyên truyền việc sắp xếp đơn vị hành chính cấp tỉnh, cấp xã và xây dựng chính quyền địa phương hai cấp",
            KG_BTG,
            dt.date(2025, 6, 30),
            item=1,
            partners=(KG_UBND,),
            start=dt.date(2025, 3, 1),
            phase=BEFORE,
            channels=(PRESS, RADIO_TV, ORAL, SOCIAL),
            product="25 tin, bài; 01 hội nghị báo cáo viên",
            reports=(
                Report(dt.date(2025, 6, 20), 100, "Cung cấp đề án và tài liệu hỏi - đáp.", org=KG_UBND),
                Report(
                    dt.date(2025, 6, 27),
                    100,
                    "",
                    org=KG_MERGED,
                    counts=(("tin, bài", 31), ("hội nghị báo cáo viên", 1)),
                ),
            ),
            done_on=dt.date(2025, 6, 27),
        ),
        DemoTask(
            "Cung cấp thông tin tình hình kinh tế - xã hội, quốc phòng - an ninh hằng tháng năm 2025",
            KG_UBND,
            dt.date(2025, 12, 31),
            item=2,
            partners=(KG_BTG,),
            start=dt.date(2025, 1, 16),
            product="12 bản tin tháng",
            reports=(
                Report(dt.date(2025, 6, 30), 50, "", counts=(("bản tin", 6),)),
                Report(
                    dt.date(2025, 12, 29),
                    100,
                    "Từ tháng 7 do Ủy ban nhân dân tỉnh An Giang cung cấp.",
                    org=AG_UBND,
                    counts=(("bản tin", 12),),
                ),
            ),
            done_on=dt.date(2025, 12, 29),
        ),
    ),
    (
        DemoTask(
            "Cung cấp thông tin tình hình kinh tế - xã hội, quốc phòng - an ninh hằng tháng năm 2026",
            AG_UBND,
            dt.date(2026, 12, 31),
            item=2,
            partners=(AG_BTG,),
            start=dt.date(2026, 1, 22),
            product="12 bản tin tháng",
            reports=(Report(Days(-5), 80, "Đã gửi bản tin đến hết tháng 10.", org=AG_UBND, counts=(("bản tin", 10),)),),
        ),
        DemoTask(
            "Đánh giá tác động xã hội của các dự án trọng điểm tại khu vực có di tích, cơ sở tôn giáo",
            AG_BTG,
            Days(6),
            item=1,
            partners=(AG_UBND,),
            start=dt.date(2026, 8, 1),
            phase=BEFORE,
            product="01 báo cáo đánh giá tác động xã hội",
            reports=(
                Report(Days(-9), 50, "Đã cung cấp hồ sơ 03/05 dự án.", org=AG_UBND),
                Report(Days(-3), 60, "Đang khảo sát thực địa."),
            ),
        ),
        DemoTask(
            "Tổng hợp các vấn đề nổi cộm, bức xúc của Nhân dân quý III/2026",
            AG_UBND,
            Days(-10),
            item=1,
            partners=(AG_BTG,),
            start=dt.date(2026, 10, 1),
            product="01 báo cáo",
            reports=(Report(Days(-11), 70, "Còn chờ số liệu của 12 xã, phường.", org=AG_UBND),),
        ),
    ),
    an_giang_name="Ủy ban nhân dân tỉnh An Giang",
    # Seed 003: "cung cấp thông tin nhanh, chính xác theo vụ việc và định kỳ hằng tháng".
    info_day=25,
    adhoc_hours=24,
)

KIEN_GIANG_HDND = _kien_giang(
    "hdnd",
    "Thường trực Hội đồng nhân dân tỉnh Kiên Giang",
    "Phó Chủ tịch Hội đồng nhân dân tỉnh",
    "Phối hợp tuyên truyền thực hiện nghị quyết Hội đồng nhân dân tỉnh về các chỉ tiêu kinh tế, xã hội của tỉnh "
    "hằng năm.",
    (
        DemoTask(
            "Cung cấp thông tin về kỳ họp thường lệ cuối năm 2021 của Hội đồng nhân dân tỉnh",
            KG_HDND,
            dt.date(2021, 12, 5),
            item=1,
            partners=(KG_BTG,),
            phase=BEFORE,
            product="01 thông cáo",
            reports=(Report(dt.date(2021, 12, 3), 100, ""),),
            done_on=dt.date(2021, 12, 3),
        ),
        DemoTask(
            "Tuyên truyền Nghị quyết của Hội đồng nhân dân tỉnh về kế hoạch phát triển kinh tế - xã hội năm 2022",
            KG_BTG,
            dt.date(2021, 12, 31),
            item=1,
            partners=(KG_HDND,),
            start=dt.date(2021, 12, 10),
            phase=AFTER,
            channels=(PRESS, RADIO_TV),
            product="10 tin, bài",
            reports=(
                Report(
                    dt.date(2022, 1, 14), 100, "Chậm do chờ văn bản nghị quyết chính thức.", counts=(("tin, bài", 10),)
                ),
            ),
            done_on=dt.date(2022, 1, 14),
        ),
    ),
    (
        DemoTask(
            "Tuyên truyền kết quả thực hiện Nghị quyết về nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm 2025",
            KG_BTG,
            dt.date(2025, 7, 31),
            item=1,
            partners=(KG_HDND,),
            start=dt.date(2025, 6, 1),
            phase=AFTER,
            channels=(PRESS, RADIO_TV),
            product="06 tin, bài",
            reports=(Report(dt.date(2025, 7, 25), 100, "", org=AG_BTG, counts=(("tin, bài", 7),)),),
            done_on=dt.date(2025, 7, 25),
        ),
    ),
    (
        DemoTask(
            "Tuyên truyền Nghị quyết của Hội đồng nhân dân tỉnh về kế hoạch phát triển kinh tế - xã hội năm 2027",
            AG_BTG,
            dt.date(2026, 12, 31),
            item=1,
            partners=(AG_HDND,),
            start=dt.date(2026, 12, 1),
            phase=AFTER,
            channels=(PRESS, RADIO_TV),
            product="10 tin, bài",
        ),
    ),
    an_giang_name="Thường trực Hội đồng nhân dân tỉnh An Giang",
)

KIEN_GIANG_VKSND = _kien_giang(
    "vksnd",
    "Viện Kiểm sát nhân dân tỉnh Kiên Giang",
    "Phó Viện trưởng",
    "Phối hợp trong tuyên truyền, định hướng dư luận về khởi tố, điều tra, truy tố các vụ án lớn, án điểm, dư luận "
    "quan tâm.",
    (
        DemoTask(
            "Cung cấp thông tin về các vụ án lớn, dư luận quan tâm đã khởi tố, truy tố năm 2021",
            KG_VKSND,
            dt.date(2021, 12, 15),
            item=1,
            partners=(KG_BTG,),
            product="02 báo cáo",
            reports=(Report(dt.date(2021, 12, 10), 100, "", counts=(("báo cáo", 2),)),),
            done_on=dt.date(2021, 12, 10),
        ),
        DemoTask(
            "Định hướng báo chí đưa tin về việc truy tố các vụ án lớn, dư luận quan tâm",
            KG_BTG,
            dt.date(2021, 12, 31),
            item=1,
            partners=(KG_VKSND,),
            phase=DURING,
            channels=(PRESS, BRIEFING),
            product="08 tin, bài định hướng",
            reports=(
                Report(dt.date(2021, 12, 30), 100, "Phát ngôn tại 01 cuộc họp báo.", org=KG_VKSND),
                Report(dt.date(2021, 12, 30), 100, "", counts=(("tin, bài", 9),)),
            ),
            done_on=dt.date(2021, 12, 30),
        ),
    ),
    (
        DemoTask(
            "Định hướng dư luận về việc khởi tố, truy tố các vụ án tham nhũng, tiêu cực dư luận quan tâm năm 2025",
            KG_BTG,
            dt.date(2025, 11, 30),
            item=1,
            partners=(KG_VKSND,),
            start=dt.date(2025, 2, 1),
            phase=DURING,
            channels=(PRESS,),
            product="10 tin, bài",
            reports=(
                Report(dt.date(2025, 6, 15), 40, "", org=KG_MERGED, counts=(("tin, bài", 4),)),
                Report(
                    dt.date(2025, 12, 5),
                    100,
                    "Hoàn thành chậm 5 ngày do chờ kết luận điều tra.",
                    org=AG_BTG,
                    counts=(("tin, bài", 11),),
                ),
            ),
            done_on=dt.date(2025, 12, 5),
        ),
    ),
    (
        DemoTask(
            "Cung cấp thông tin về các vụ án lớn được truy tố 9 tháng đầu năm 2026",
            AG_VKSND,
            Days(-8),
            item=1,
            partners=(AG_BTG,),
            start=dt.date(2026, 10, 1),
            product="01 báo cáo",
            reports=(Report(Days(-9), 50, "", org=AG_VKSND),),
        ),
    ),
    an_giang_name="Viện Kiểm sát nhân dân tỉnh An Giang",
)

KIEN_GIANG_TAND = _kien_giang(
    "tand",
    "Tòa án nhân dân tỉnh Kiên Giang",
    "Phó Chánh án",
    "Phối hợp trong tuyên truyền, định hướng dư luận trong xét xử các vụ án lớn, án điểm, dư luận xã hội quan tâm.",
    (
        # "03 giai đoạn" (seed 001): before, during and after the trial.
        DemoTask(
            "Cung cấp thông tin, xây dựng đề cương tuyên truyền trước phiên tòa xét xử án điểm năm 2021",
            KG_TAND,
            dt.date(2021, 10, 15),
            item=1,
            partners=(KG_BTG,),
            phase=BEFORE,
            product="01 đề cương",
            reports=(Report(dt.date(2021, 10, 12), 100, ""),),
            done_on=dt.date(2021, 10, 12),
        ),
        DemoTask(
            "Định hướng báo chí đưa tin trong thời gian diễn ra phiên tòa xét xử án điểm",
            KG_BTG,
            dt.date(2021, 10, 30),
            item=1,
            partners=(KG_TAND,),
            phase=DURING,
            channels=(PRESS, RADIO_TV),
            product="12 tin, bài",
            reports=(Report(dt.date(2021, 10, 29), 100, "", counts=(("tin, bài", 12),)),),
            done_on=dt.date(2021, 10, 29),
        ),
        DemoTask(
            "Tuyên truyền kết quả xét xử, nắm dư luận xã hội sau phiên tòa",
            KG_BTG,
            dt.date(2021, 11, 15),
            item=1,
            partners=(KG_TAND,),
            phase=AFTER,
            channels=(PRESS, ORAL),
            product="01 báo cáo dư luận xã hội",
            reports=(Report(dt.date(2021, 11, 22), 100, "", counts=(("báo cáo", 1),)),),
            done_on=dt.date(2021, 11, 22),
        ),
    ),
    (
        DemoTask(
            "Tuyên truyền phiên tòa xét xử lưu động án điểm năm 2025",
            KG_TAND,
            dt.date(2025, 9, 30),
            item=1,
            partners=(KG_BTG,),
            start=dt.date(2025, 5, 1),
            phase=BEFORE,
            channels=(ORAL, RADIO_TV),
            product="01 phiên tòa lưu động, 05 tin, bài",
            reports=(Report(dt.date(2025, 9, 26), 100, "", org=AG_TAND, counts=(("tin, bài", 5),)),),
            done_on=dt.date(2025, 9, 26),
        ),
    ),
    (
        DemoTask(
            "Định hướng dư luận trong xét xử các vụ án lớn, dư luận quan tâm năm 2026",
            AG_BTG,
            Days(12),
            item=1,
            partners=(AG_TAND,),
            start=dt.date(2026, 3, 1),
            phase=DURING,
            channels=(PRESS,),
            product="10 tin, bài",
            reports=(Report(Days(-4), 30, "", counts=(("tin, bài", 3),)),),
        ),
    ),
    an_giang_name="Tòa án nhân dân tỉnh An Giang",
)

KIEN_GIANG_SNN = _kien_giang(
    "snnptnt",
    "Sở Nông nghiệp và Phát triển nông thôn tỉnh Kiên Giang",
    "Phó Giám đốc",
    "Phối hợp trong tuyên truyền, nâng cao ý thức chấp hành pháp luật của chủ tàu cá và ngư dân nhằm ngăn chặn, "
    "giảm thiểu và chấm dứt tàu cá của tỉnh khai thác hải sản trái phép ở vùng biển nước ngoài.",
    (
        DemoTask(
            "Tuyên truyền chống khai thác hải sản bất hợp pháp, không báo cáo và không theo quy định (IUU) tại các "
            "cảng cá, bến cá",
            KG_SNN,
            dt.date(2021, 12, 31),
            item=1,
            partners=(KG_BTG,),
            start=dt.date(2021, 7, 1),
            channels=(ORAL, VISUAL, RADIO_TV),
            product="20 buổi tuyên truyền; 5.000 tờ rơi",
            reports=(
                Report(dt.date(2021, 12, 20), 100, "", counts=(("buổi tuyên truyền", 22), ("tờ rơi", 5000))),
                Report(dt.date(2021, 12, 20), 100, "Biên soạn tài liệu tuyên truyền miệng.", org=KG_BTG),
            ),
            done_on=dt.date(2021, 12, 20),
        ),
        DemoTask(
            "Định hướng báo chí phản ánh việc ngăn chặn tàu cá vi phạm vùng biển nước ngoài",
            KG_BTG,
            dt.date(2021, 12, 31),
            item=1,
            partners=(KG_SNN,),
            channels=(PRESS,),
            product="08 tin, bài",
            reports=(Report(dt.date(2021, 12, 31), 100, "", counts=(("tin, bài", 8),)),),
            done_on=dt.date(2021, 12, 31),
        ),
    ),
    ending=(
        "conclude",
        dt.date(2025, 2, 20),
        "Tổng kết Quy chế phối hợp: từ 01/03/2025 Sở Nông nghiệp và Phát triển nông thôn hợp nhất với Sở Tài nguyên "
        "và Môi trường thành Sở Nông nghiệp và Môi trường; việc phối hợp tiếp theo do các cơ quan sau sắp xếp ký kết.",
    ),
)

KIEN_GIANG_STTTT = _kien_giang(
    "stttt",
    "Sở Thông tin và Truyền thông tỉnh Kiên Giang",
    "Phó Giám đốc",
    "Phối hợp trong công tác định hướng báo chí thông tin tuyên truyền về chủ trương, biện pháp phát triển kinh tế - "
    "xã hội và giải quyết các vấn đề bức xúc của nhân dân; những vấn đề nổi cộm mà báo chí phản ánh liên quan đến "
    "địa phương.",
    (
        DemoTask(
            "Tổ chức giao ban báo chí hằng tháng, định hướng thông tin về các vấn đề nổi cộm",
            KG_BTG,
            dt.date(2021, 12, 31),
            item=1,
            partners=(KG_STTTT,),
            channels=(PRESS,),
            product="06 kỳ giao ban",
            reports=(Report(dt.date(2021, 12, 29), 100, "", counts=(("kỳ giao ban", 6),)),),
            done_on=dt.date(2021, 12, 29),
        ),
        DemoTask(
            "Tổng hợp những vấn đề nổi cộm báo chí phản ánh liên quan đến địa phương",
            KG_STTTT,
            dt.date(2021, 12, 31),
            item=1,
            partners=(KG_BTG,),
            product="06 báo cáo tháng",
            reports=(Report(dt.date(2022, 1, 6), 100, "", counts=(("báo cáo", 6),)),),
            done_on=dt.date(2022, 1, 6),
        ),
    ),
    ending=(
        "conclude",
        dt.date(2025, 2, 20),
        "Tổng kết Quy chế phối hợp: từ 01/03/2025 Sở Thông tin và Truyền thông hợp nhất vào Sở Khoa học và Công "
        "nghệ, nhiệm vụ quản lý báo chí chuyển sang Sở Văn hóa và Thể thao; việc phối hợp tiếp theo do các cơ quan "
        "được giao nhiệm vụ ký kết.",
    ),
)

KIEN_GIANG_SYT = _kien_giang(
    "syt",
    "Sở Y tế tỉnh Kiên Giang",
    "Phó Giám đốc",
    "Phối hợp trong công tác tuyên truyền, nâng cao ý thức của nhân dân về phòng, chống các dịch bệnh nguy hiểm.",
    (
        DemoTask(
            "Tuyên truyền phòng, chống dịch COVID-19 và tiêm vắc-xin phòng COVID-19",
            KG_SYT,
            dt.date(2021, 12, 31),
            item=1,
            partners=(KG_BTG,),
            start=dt.date(2021, 7, 1),
            channels=(PRESS, RADIO_TV, SOCIAL, VISUAL),
            product="120 tin, bài; 15 phóng sự",
            reports=(
                Report(dt.date(2021, 12, 31), 100, "", counts=(("tin, bài", 134), ("phóng sự", 15))),
                Report(dt.date(2021, 12, 31), 100, "Định hướng báo chí, mạng xã hội hằng tuần.", org=KG_BTG),
            ),
            done_on=dt.date(2021, 12, 31),
        ),
    ),
    (
        DemoTask(
            "Tuyên truyền phòng, chống sốt xuất huyết, tay chân miệng mùa mưa năm 2025",
            KG_SYT,
            dt.date(2025, 6, 30),
            item=1,
            partners=(KG_BTG,),
            start=dt.date(2025, 4, 1),
            channels=(RADIO_TV, SOCIAL),
            product="20 tin, bài",
            reports=(Report(dt.date(2025, 6, 20), 100, "", counts=(("tin, bài", 21),)),),
            done_on=dt.date(2025, 6, 20),
        ),
    ),
    ending=(
        "conclude",
        dt.date(2025, 6, 25),
        "Tổng kết Quy chế phối hợp trước khi hợp nhất tỉnh: từ 01/07/2025 Sở Y tế tỉnh Kiên Giang hợp nhất vào Sở Y tế "
        "tỉnh An Giang; việc phối hợp tiếp theo do các cơ quan của tỉnh An Giang ký kết.",
    ),
)
