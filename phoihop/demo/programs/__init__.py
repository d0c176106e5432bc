"""The demo's coordination programmes, annual plans and tasks (issue 3, item 5).

Declarative, like `data`: `phoihop.demo.loader` writes them through
`phoihop.programs.services` in date order, carrying the open work over at each 2025
re-organisation, so the history reads as it happened.

Facts and fiction:

* Seed 000 (Phú Yên) is followed closely: the signing on 12/5/2022 of the 2022–2026
  programme and of its 2022 plan, the five content items (the seed's words), the legal
  bases the seed cites, and the four signatories with their positions as the public article
  names them. Signatories are the only people the system holds who are not users; these
  four names are used for those signatures and nowhere else.
* Seed 001 (Kiên Giang, 2021): one "quy chế phối hợp" per body the seed lists, each with
  the seed's words for what the two coordinate, and the seed's legal bases. The seed gives
  no signing date (the article is of 30/6/2021) and no end year: 29/6/2021 and 2021–2026
  (the People's Councils' term) are assumed.
* Seed 003 (an unnamed town, Thị xã Sông Cầu in the demo): the 2021–2026 programme between
  the town's People's Committee and its propaganda department, with the seed's contents.
  The seed shows the draft discussed on 11/01/2021; the signing date is assumed.
* Everything else — the tasks, their dates, products, progress and notes, the 2025 and 2026
  plans — is illustrative, and so are signatures other than the four above: their signer is
  `SIGNER` ("a representative of the leadership"), never an invented person, except the
  2026 Đắk Lắk plan, signed by the fictional demo user `lanhdao.daklak`. Evidence links
  point at example.org (a domain reserved for examples), never at a real article.

Dates: a `dt.date` is a fixed past date. A `Days(n)` is "n days from the day the loader
runs", used for the open tasks of the current year so that "Việc của tôi" always has work
overdue and due soon; the loader keeps it inside the plan's year.

After the two 2025 re-organisations:

* Phú Yên: on 01/03/2025 both parties merge into Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên,
  so the carried programme keeps a single party (`reorganization_carry_work` deletes the
  duplicate). The demo accepts that rather than invent a third party the seed does not
  have: the merged department carries on the programme's contents to the end of its term
  (2026), and from 01/07/2025 it is Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk. Finished
  work (the 2022 plan, the 2025 tasks done before 01/07/2025) keeps the old names.
* Kiên Giang: the programmes with the People's Committee, People's Council, procuracy and
  court are carried to their 2025 An Giang successors. Those with the two departments
  merged away on 01/03/2025 and with the health department (merged on 01/07/2025; no
  successor in the demo) are concluded just before, with the reason.
* Sông Cầu: the district level ended on 30/06/2025 (Nghị quyết 203/2025/QH15 amending the
  Constitution; 202/2025/QH15 is the one that merged the provinces); open tasks are
  cancelled, the 2025 plan closed and the programme terminated, each with the reason.
"""

from .base import Days, DemoParty, DemoPlan, DemoProgram, DemoTask, Report, Sig
from .kien_giang import (
    KIEN_GIANG_HDND,
    KIEN_GIANG_SNN,
    KIEN_GIANG_STTTT,
    KIEN_GIANG_SYT,
    KIEN_GIANG_TAND,
    KIEN_GIANG_UBND,
    KIEN_GIANG_VKSND,
)
from .phu_yen import PHU_YEN, PY_PLAN_2022_TITLE, PY_PROGRAM_TITLE
from .song_cau import SONG_CAU

__all__ = [
    "PROGRAMS",
    "PY_PLAN_2022_TITLE",
    "PY_PROGRAM_TITLE",
    "Days",
    "DemoParty",
    "DemoPlan",
    "DemoProgram",
    "DemoTask",
    "Report",
    "Sig",
]

PROGRAMS: list[DemoProgram] = [
    PHU_YEN,
    KIEN_GIANG_UBND,
    KIEN_GIANG_HDND,
    KIEN_GIANG_VKSND,
    KIEN_GIANG_TAND,
    KIEN_GIANG_SNN,
    KIEN_GIANG_STTTT,
    KIEN_GIANG_SYT,
    SONG_CAU,
]
assert len({p.title for p in PROGRAMS}) == len(PROGRAMS), "demo programmes are found by title: keep titles unique"
