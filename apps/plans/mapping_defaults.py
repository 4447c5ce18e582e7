"""Which commune agency takes over a province body's task when a commune derives its plan
from the province plan. From shared/domain/agency-mapping.yaml (structure of 01/7/2025,
older names as aliases); a test keeps the two in step. A province edits its own copy
(ProvinceAgencyMapping), seeded from this table the first time it is used."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BodyMapping:
    province_body: str
    aliases: tuple[str, ...]
    commune_lead: str
    commune_partners: tuple[str, ...] = ()


DEFAULT_MAPPINGS: tuple[BodyMapping, ...] = (
    BodyMapping(
        "Sở Nội vụ",
        (
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Lao động, Thương binh và Xã hội",
            "Sở LĐ-TB&XH",
            "Sở LĐTBXH",
            "Phòng Lao động - Thương binh và Xã hội",
            "Phòng LĐ-TB&XH",
            "Phòng Nội vụ",
        ),
        "Phòng Văn hóa - Xã hội",
        (),
    ),
    BodyMapping(
        "Sở Y tế",
        (
            "Sở Lao động - Thương binh và Xã hội (bảo trợ xã hội, trẻ em, phòng chống tệ nạn xã hội)",
            "Chi cục Dân số - Kế hoạch hóa gia đình",
            "Trung tâm Y tế huyện",
            "Phòng Y tế",
        ),
        "Trạm Y tế",
        ("Phòng Văn hóa - Xã hội",),
    ),
    BodyMapping(
        "Sở Giáo dục và Đào tạo",
        ("Sở Lao động - Thương binh và Xã hội (giáo dục nghề nghiệp)", "Phòng Giáo dục và Đào tạo"),
        "Các trường học / cơ sở giáo dục",
        ("Phòng Văn hóa - Xã hội",),
    ),
    BodyMapping(
        "Sở Văn hóa, Thể thao và Du lịch",
        (
            "Sở Văn hóa và Thể thao",
            "Sở Du lịch",
            "Sở Thông tin và Truyền thông (báo chí, phát thanh, thông tin cơ sở)",
            "Phòng Văn hóa và Thông tin",
            "Phòng Văn hóa, Khoa học và Thông tin",
            "Trung tâm Văn hóa và Truyền thông huyện",
            "Trung tâm Văn hóa - Thể thao và Truyền thông",
        ),
        "Phòng Văn hóa - Xã hội",
        ("Trung tâm Dịch vụ sự nghiệp công",),
    ),
    BodyMapping(
        "Sở Khoa học và Công nghệ",
        (
            "Sở Thông tin và Truyền thông (bưu chính, viễn thông, chuyển đổi số)",
            "Phòng Văn hóa, Khoa học và Thông tin",
        ),
        "Phòng Văn hóa - Xã hội",
        (),
    ),
    BodyMapping(
        "Công an tỉnh",
        ("Công an thành phố (trực thuộc trung ương)", "Công an huyện", "Công an quận", "Công an thị xã"),
        "Công an xã",
        ("Thôn / tổ dân phố",),
    ),
    BodyMapping(
        "Sở Tư pháp",
        ("Trung tâm Trợ giúp pháp lý nhà nước tỉnh", "Phòng Tư pháp"),
        "Văn phòng HĐND và UBND",
        ("Phòng Văn hóa - Xã hội",),
    ),
    BodyMapping(
        "Sở Tài chính",
        ("Sở Kế hoạch và Đầu tư", "Phòng Tài chính - Kế hoạch", "Phòng Tài chính Kế hoạch"),
        "Phòng Kinh tế",
        ("Phòng Văn hóa - Xã hội",),
    ),
    BodyMapping(
        "Sở Nông nghiệp và Môi trường",
        (
            "Sở Nông nghiệp và Phát triển nông thôn",
            "Sở Tài nguyên và Môi trường",
            "Văn phòng Điều phối nông thôn mới tỉnh",
            "Sở Lao động - Thương binh và Xã hội (giảm nghèo)",
            "Phòng Nông nghiệp và Phát triển nông thôn",
            "Phòng Tài nguyên và Môi trường",
            "Phòng Nông nghiệp và Môi trường",
            "Phòng Kinh tế",
        ),
        "Phòng Kinh tế",
        ("Phòng Văn hóa - Xã hội", "Hội Liên hiệp Phụ nữ"),
    ),
    BodyMapping(
        "Sở Công Thương",
        ("Phòng Kinh tế và Hạ tầng", "Phòng Kinh tế, Hạ tầng và Đô thị"),
        "Phòng Kinh tế",
        (),
    ),
    BodyMapping(
        "Sở Xây dựng",
        (
            "Sở Giao thông vận tải",
            "Phòng Kinh tế và Hạ tầng",
            "Phòng Quản lý đô thị",
            "Phòng Kinh tế, Hạ tầng và Đô thị",
        ),
        "Phòng Kinh tế",
        (),
    ),
    BodyMapping(
        "Sở Dân tộc và Tôn giáo",
        ("Ban Dân tộc tỉnh", "Ban Tôn giáo", "Phòng Dân tộc", "Phòng Dân tộc và Tôn giáo"),
        "Phòng Văn hóa - Xã hội",
        ("Hội Liên hiệp Phụ nữ", "Thôn / tổ dân phố"),
    ),
    BodyMapping(
        "Văn phòng UBND tỉnh",
        ("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng HĐND và UBND huyện"),
        "Văn phòng HĐND và UBND",
        (),
    ),
    BodyMapping(
        "Sở Ngoại vụ",
        (),
        "Văn phòng HĐND và UBND",
        ("Phòng Văn hóa - Xã hội",),
    ),
    BodyMapping(
        "Thanh tra tỉnh",
        ("Thanh tra huyện",),
        "Phòng Văn hóa - Xã hội",
        ("Văn phòng HĐND và UBND",),
    ),
    BodyMapping(
        "Ban vì sự tiến bộ của phụ nữ",
        ("Ban vì sự tiến bộ của phụ nữ tỉnh", "Ban VSTBPN tỉnh", "Ban vì sự tiến bộ của phụ nữ huyện"),
        "Ban vì sự tiến bộ của phụ nữ",
        ("Phòng Văn hóa - Xã hội",),
    ),
    BodyMapping(
        "Hội Liên hiệp Phụ nữ tỉnh",
        ("Hội LHPN tỉnh", "Hội Liên hiệp Phụ nữ huyện", "Hội LHPN huyện"),
        "Hội Liên hiệp Phụ nữ",
        (),
    ),
    BodyMapping(
        "Tỉnh đoàn",
        ("Tỉnh Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Huyện đoàn"),
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        (),
    ),
    BodyMapping(
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        ("Ủy ban MTTQ tỉnh", "UBMTTQVN tỉnh", "Ủy ban MTTQ Việt Nam huyện"),
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        ("Thôn / tổ dân phố",),
    ),
    BodyMapping(
        "Hội Nông dân tỉnh",
        ("Hội Nông dân huyện",),
        "Hội Nông dân",
        (),
    ),
    BodyMapping(
        "Hội Cựu chiến binh tỉnh",
        ("Hội Cựu chiến binh huyện",),
        "Hội Cựu chiến binh",
        (),
    ),
    BodyMapping(
        "Bộ Chỉ huy Quân sự tỉnh",
        ("Ban Chỉ huy Quân sự huyện",),
        "Ban Chỉ huy Quân sự",
        (),
    ),
    BodyMapping(
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        (),
        "Đồn Biên phòng",
        ("Công an xã",),
    ),
    BodyMapping(
        "Cục Thống kê tỉnh",
        ("Thống kê tỉnh", "Chi cục Thống kê huyện", "Chi cục Thống kê khu vực"),
        "Phòng Kinh tế",
        ("Phòng Văn hóa - Xã hội",),
    ),
    BodyMapping(
        "Báo và Phát thanh, Truyền hình tỉnh",
        ("Đài Phát thanh và Truyền hình tỉnh", "Báo tỉnh", "Trung tâm Văn hóa và Truyền thông huyện"),
        "Trung tâm Dịch vụ sự nghiệp công",
        ("Phòng Văn hóa - Xã hội",),
    ),
    BodyMapping(
        "Liên đoàn Lao động tỉnh",
        ("Liên đoàn Lao động huyện",),
        "Doanh nghiệp, hợp tác xã",
        ("Phòng Văn hóa - Xã hội",),
    ),
    BodyMapping(
        "Ngân hàng Chính sách xã hội chi nhánh tỉnh",
        ("NHCSXH tỉnh", "Phòng giao dịch NHCSXH huyện"),
        "Hội Liên hiệp Phụ nữ",
        ("Phòng Kinh tế",),
    ),
)
