"""The agencies a commune plan assigns work to, created for a commune when it starts
using binhdang. Base names and kinds follow shared/domain/agencies.yaml (a test keeps
them in step); villages get their own agency when the village is added."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultAgency:
    base_name: str
    kind: str
    # True where officials name the body with its locality ("Công an xã Hà Tây").
    with_locality: bool = False
    ward_name: str | None = None


COMMUNE_AGENCIES: tuple[DefaultAgency, ...] = (
    DefaultAgency("Văn phòng HĐND và UBND", "office"),
    DefaultAgency("Phòng Văn hóa - Xã hội", "department"),
    DefaultAgency("Phòng Kinh tế", "department", ward_name="Phòng Kinh tế, Hạ tầng và Đô thị"),
    DefaultAgency("Trung tâm Phục vụ hành chính công", "centre"),
    DefaultAgency("Trung tâm Dịch vụ sự nghiệp công", "centre"),
    DefaultAgency("Công an", "police", with_locality=True),
    DefaultAgency("Trạm Y tế", "health", with_locality=True),
    DefaultAgency("Ban Chỉ huy Quân sự", "military", with_locality=True),
    DefaultAgency("Ủy ban Mặt trận Tổ quốc Việt Nam", "front", with_locality=True),
    DefaultAgency("Hội Liên hiệp Phụ nữ", "mass_org", with_locality=True),
    DefaultAgency("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "mass_org", with_locality=True),
    DefaultAgency("Hội Nông dân", "mass_org", with_locality=True),
    DefaultAgency("Hội Cựu chiến binh", "mass_org", with_locality=True),
    DefaultAgency("Các trường học / cơ sở giáo dục", "school"),
    DefaultAgency("Doanh nghiệp, hợp tác xã", "enterprise"),
)

# The bodies a province plan assigns work to (shared/domain/agency-mapping.yaml lists them
# as province bodies): created for a province when it starts using binhdang, so that the
# province plan's tasks have a lead. "tỉnh" / "thành phố" follows the province's own type.
PROVINCE_AGENCIES: tuple[DefaultAgency, ...] = (
    DefaultAgency("Sở Nội vụ", "department"),
    DefaultAgency("Ban vì sự tiến bộ của phụ nữ", "committee"),
    DefaultAgency("Sở Y tế", "department"),
    DefaultAgency("Sở Giáo dục và Đào tạo", "department"),
    DefaultAgency("Sở Văn hóa, Thể thao và Du lịch", "department"),
    DefaultAgency("Sở Khoa học và Công nghệ", "department"),
    DefaultAgency("Sở Tư pháp", "department"),
    DefaultAgency("Sở Tài chính", "department"),
    DefaultAgency("Sở Nông nghiệp và Môi trường", "department"),
    DefaultAgency("Sở Công Thương", "department"),
    DefaultAgency("Sở Xây dựng", "department"),
    DefaultAgency("Sở Dân tộc và Tôn giáo", "department"),
    DefaultAgency("Văn phòng UBND", "office", with_locality=True),
    DefaultAgency("Công an", "police", with_locality=True),
    DefaultAgency("Hội Liên hiệp Phụ nữ", "mass_org", with_locality=True),
    DefaultAgency("Ủy ban Mặt trận Tổ quốc Việt Nam", "front", with_locality=True),
    DefaultAgency("Hội Nông dân", "mass_org", with_locality=True),
    DefaultAgency("Hội Cựu chiến binh", "mass_org", with_locality=True),
)
