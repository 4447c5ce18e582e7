"""Words shared by several stages of the parser, written once."""

from __future__ import annotations

# The first word(s) of the name of a body that plans assign work to:
# "Phòng Văn hóa - Xã hội", "Hội Liên hiệp Phụ nữ xã", "Trạm Y tế", "Liên đoàn Lao động".
# Longest first, so that "Văn phòng" wins over "Phòng" in an alternation.
AGENCY_WORDS: tuple[str, ...] = tuple(
    sorted(
        (
            "Phòng",
            "Văn phòng",
            "Ban",
            "Hội",
            "Chi hội",
            "Công an",
            "Trạm",
            "Trung tâm",
            "Đoàn",
            "Ủy ban",
            "Uỷ ban",
            "UBND",
            "MTTQ",
            "Mặt trận",
            "Trường",
            "Sở",
            "Bộ",
            "Cục",
            "Quân sự",
            "Ban Chỉ huy",
            "Đài",
            "Bưu điện",
            "Ngân hàng",
            "Bảo hiểm",
            "Thôn",
            "Tổ",
            "Liên đoàn",
            "Hợp tác xã",
            "Doanh nghiệp",
            "Bệnh viện",
            "Cơ quan",
        ),
        key=len,
        reverse=True,
    )
)
# the same words as a regex alternation (no group), to be followed by \b
AGENCY_WORD = "|".join(AGENCY_WORDS)
