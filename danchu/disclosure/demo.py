"""Demo publications for the demo commune (Xã Hà Trung, 15271): one published publication under
most commune catalogue items, with channel records, loudspeaker logs and village relays.

``build_demo_publications(commune)`` is called by the demo builder (danchu/demo/builder.py)
after the villages and personas exist. Running it again changes nothing: each publication has
a fixed reference. Like the rest of the demo data the rows are written directly (they are not
official acts, so there are no audit events); the search index is filled for them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from danchu.common.text import fold
from danchu.core.calendar import add_working_days
from danchu.core.search.services import search_index_many
from danchu.core.units.models import Unit
from danchu.disclosure.domain.channels import Channel
from danchu.disclosure.models import (
    BroadcastLog,
    CatalogueItem,
    ChannelRecord,
    Publication,
    PublicationStatus,
    PublicationVersion,
    Regime,
    RelayConfirmation,
)
from danchu.disclosure.services_publications import (
    SEARCH_KIND,
    content_hash,
    due_date,
    posting_end,
)

BUDGET_TITLE = "Dự toán ngân sách {name} năm 2027"


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def demo_texts(commune: Unit) -> dict[int, tuple[str, str, str, str]]:
    """Per commune item number: title, summary, body (simple HTML) and the decision."""
    name = _lower_first(commune.name)
    return {
        1: (
            f"Kế hoạch phát triển kinh tế - xã hội {name} năm 2027",
            "Các chỉ tiêu chủ yếu về kinh tế, văn hóa - xã hội, môi trường và quốc phòng - "
            "an ninh năm 2027.",
            "<p>Tốc độ tăng giá trị sản xuất 8,5%; thu nhập bình quân đầu người 62 triệu "
            "đồng/năm; tỷ lệ hộ nghèo giảm còn 1,8%.</p><ul><li>Duy trì 100% thôn đạt chuẩn "
            "nông thôn mới;</li><li>Tỷ lệ người dân tham gia bảo hiểm y tế đạt 95%.</li></ul>",
            "Nghị quyết số 45/NQ-HĐND",
        ),
        2: (
            BUDGET_TITLE.format(name=name),
            "Dự toán thu, chi ngân sách xã năm 2027 đã được Hội đồng nhân dân xã thông qua.",
            "<p>Tổng thu ngân sách xã: 18.450 triệu đồng, trong đó thu bổ sung từ ngân sách "
            "cấp trên 12.300 triệu đồng.</p><p>Tổng chi ngân sách xã: 18.450 triệu đồng, "
            "trong đó chi đầu tư phát triển 4.200 triệu đồng, chi thường xuyên 13.880 triệu "
            "đồng, dự phòng 370 triệu đồng.</p><table><tr><th>Nội dung</th><th>Dự toán "
            "(triệu đồng)</th></tr><tr><td>Chi sự nghiệp giáo dục</td><td>1.150</td></tr>"
            "<tr><td>Chi sự nghiệp văn hóa, thể thao</td><td>420</td></tr></table>",
            "Nghị quyết số 52/NQ-HĐND",
        ),
        3: (
            "Dự án nâng cấp đường giao thông liên thôn Đông Sơn - Yên Thái",
            "Quy mô, tổng mức đầu tư, tiến độ và phương án bồi thường giải phóng mặt bằng.",
            "<p>Chiều dài tuyến 2,4 km, mặt đường bê tông rộng 5 m; tổng mức đầu tư 6.800 "
            "triệu đồng; thời gian thực hiện từ quý II đến quý IV năm 2027.</p>",
            "Quyết định số 118/QĐ-UBND",
        ),
        4: (
            f"Quy chế thực hiện dân chủ ở cơ sở của {name}",
            "Quy chế thực hiện dân chủ, nhiệm vụ, quyền hạn của cán bộ, công chức và quy tắc "
            "ứng xử.",
            "<p>Quy chế gồm 5 chương, 28 điều, quy định những nội dung công khai, Nhân dân bàn "
            "và quyết định, tham gia ý kiến, kiểm tra, giám sát.</p>",
            "Quyết định số 20/QĐ-UBND",
        ),
        5: (
            "Kết quả vận động Quỹ Vì người nghèo năm 2026",
            "Số tiền vận động được và việc sử dụng quỹ.",
            "<p>Tổng số tiền vận động: 146.500.000 đồng; đã hỗ trợ sửa chữa 3 nhà ở cho hộ "
            "nghèo và tặng 120 suất quà dịp Tết.</p>",
            "Báo cáo số 31/BC-UBND",
        ),
        6: (
            "Thanh lý tài sản công: xe ô tô phục vụ công tác chung",
            "Phương án thanh lý và kết quả bán đấu giá.",
            "<p>Thanh lý 01 xe ô tô 7 chỗ đã sử dụng 17 năm theo hình thức đấu giá; giá khởi "
            "điểm 95.000.000 đồng.</p>",
            "Quyết định số 77/QĐ-UBND",
        ),
        7: (
            "Danh sách hộ nghèo, hộ cận nghèo được hỗ trợ nhà ở năm 2027",
            "Tiêu chí, đối tượng, quy trình bình xét và kết quả bình xét.",
            "<p>Sau bình xét công khai tại các thôn, 12 hộ được đề nghị hỗ trợ xây mới, 9 hộ "
            "sửa chữa nhà ở. Mức hỗ trợ 60 triệu đồng/hộ xây mới.</p>",
            "Quyết định số 95/QĐ-UBND",
        ),
        8: (
            "Phân bổ tiền, hàng cứu trợ khắc phục hậu quả bão số 3",
            "Danh sách hộ được hỗ trợ và mức hỗ trợ.",
            "<p>Tổng kinh phí hỗ trợ 215.000.000 đồng cho 86 hộ bị thiệt hại về nhà ở và "
            "hoa màu.</p>",
            "Quyết định số 102/QĐ-UBND",
        ),
        9: (
            "Danh sách công dân nhập ngũ năm 2027",
            "Chỉ tiêu, tiêu chuẩn và danh sách công dân đủ điều kiện gọi nhập ngũ.",
            "<p>Chỉ tiêu giao: 14 công dân (12 nghĩa vụ quân sự, 2 nghĩa vụ công an). Danh sách "
            "kèm theo được niêm yết tại trụ sở và nhà văn hóa các thôn.</p>",
            "Quyết định số 12/QĐ-HĐNVQS",
        ),
        10: (
            "Kết quả lấy phiếu tín nhiệm đối với người giữ chức vụ do Hội đồng nhân dân bầu",
            "Số phiếu tín nhiệm cao, tín nhiệm, tín nhiệm thấp của từng chức danh.",
            "<p>Tổng số đại biểu tham gia: 25/25. Không có chức danh nào có trên 50% phiếu "
            "tín nhiệm thấp.</p>",
            "Nghị quyết số 60/NQ-HĐND",
        ),
        11: (
            "Kế hoạch lấy ý kiến Nhân dân về phương án xây dựng nhà văn hóa thôn Bái Đô",
            "Nội dung, hình thức, thời gian lấy ý kiến.",
            "<p>Lấy ý kiến từ ngày 10 đến hết ngày 30 của tháng bằng phát phiếu đến từng hộ "
            "gia đình và hội nghị thôn.</p>",
            "Kế hoạch số 40/KH-UBND",
        ),
        12: (
            "Các khoản phí, lệ phí do xã trực tiếp thu năm 2027",
            "Danh mục, mức thu và căn cứ pháp lý.",
            "<p>Lệ phí chứng thực bản sao từ bản chính: 2.000 đồng/trang; lệ phí đăng ký kết "
            "hôn: miễn thu.</p>",
            "Thông báo số 5/TB-UBND",
        ),
        13: (
            "Danh mục thủ tục hành chính giải quyết tại xã",
            "Thủ tục, hồ sơ, thời hạn giải quyết và lệ phí.",
            "<p>86 thủ tục hành chính thuộc 14 lĩnh vực, trong đó 62 thủ tục thực hiện trực "
            "tuyến toàn trình trên Cổng Dịch vụ công quốc gia.</p>",
            "Quyết định số 3/QĐ-UBND",
        ),
    }


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(8, 30)))


def _villages(commune: Unit) -> list[Unit]:
    return list(
        Unit.objects.filter(parent=commune, level="village", valid_to__isnull=True).order_by("code")
    )


@transaction.atomic
def build_demo_publications(commune: Unit, *, today: date | None = None) -> list[Publication]:
    """Published publications under items 1–13 of the commune catalogue (item 14, "other
    content", stays empty), each published on time; returns the demo publications."""
    today = today or timezone.localdate()
    items = {
        i.number: i
        for i in CatalogueItem.objects.filter(regime=Regime.COMMUNE, active=True, number__lt=14)
    }
    villages = _villages(commune)
    made: list[Publication] = []
    new_pks: list[int] = []
    for number, (title, summary, body, decision_ref) in demo_texts(commune).items():
        item = items.get(number)
        if item is None:
            continue
        reference = f"DEMO-{commune.code}-{number:02d}"
        existing = Publication.objects.filter(reference=reference).first()
        if existing is not None:
            made.append(existing)
            continue
        decision_date = today - timedelta(days=20 * number + 7)
        published_on = add_working_days(decision_date, 2)
        publication = Publication.objects.create(
            unit=commune,
            item=item,
            reference=reference,
            decision_ref=decision_ref,
            decision_date=decision_date,
            due_on=due_date(decision_date, item),
            status=PublicationStatus.PUBLISHED,
            published_on=published_on,
            posting_ends_on=posting_end(published_on, item),
            title_folded=fold(title)[:255],
        )
        version = PublicationVersion.objects.create(
            publication=publication,
            number=1,
            title=title,
            summary=summary,
            body=body,
            published_at=_moment(published_on),
            content_hash=content_hash(title, summary, body, []),
        )
        publication.current_version = version
        publication.save(update_fields=["current_version", "updated_at"])
        _proofs(publication, item, villages, published_on)
        made.append(publication)
        new_pks.append(publication.pk)
    if new_pks:
        search_index_many(SEARCH_KIND, new_pks)
    return made


def _proofs(publication: Publication, item, villages: list[Unit], first_day: date) -> None:
    channels = set(item.required_channels)
    records = [
        ChannelRecord(
            publication=publication,
            channel=Channel.WEBSITE,
            started_on=first_day,
            note="Trang thông tin điện tử của xã",
        )
    ]
    if Channel.POSTING_HQ in channels:
        records.append(
            ChannelRecord(
                publication=publication,
                channel=Channel.POSTING_HQ,
                place=publication.unit,
                started_on=first_day,
                ended_on=posting_end(first_day, item),
                note="Bảng tin trụ sở UBND xã",
            )
        )
    if Channel.POSTING_VILLAGE in channels:
        records += [
            ChannelRecord(
                publication=publication,
                channel=Channel.POSTING_VILLAGE,
                place=village,
                started_on=first_day + timedelta(days=1),
                ended_on=posting_end(first_day + timedelta(days=1), item),
            )
            for village in villages[:3]
        ]
    ChannelRecord.objects.bulk_create(records)
    if item.broadcast_days:
        BroadcastLog.objects.bulk_create(
            BroadcastLog(
                publication=publication,
                broadcast_on=first_day + timedelta(days=n),
                read_by="Cán bộ Văn hóa - Thông tin xã",
            )
            for n in range(item.broadcast_days)
        )
    if item.village_relay:
        RelayConfirmation.objects.bulk_create(
            RelayConfirmation(
                publication=publication,
                village=village,
                method="Thông báo tại cuộc họp thôn và nhóm Zalo của thôn",
                relayed_on=first_day + timedelta(days=2),
            )
            for village in villages[:4]
        )
