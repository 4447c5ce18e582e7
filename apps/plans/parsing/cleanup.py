"""Clean-up of text copied or saved from a web portal: the menu and breadcrumb above the
document, the metadata box, the "văn bản liên quan" list and the footer below it.
Applied to the reader's blocks line by line, before they are cut into paragraphs: a
table or numbered item stays whole unless some of its lines are dropped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .blocks import Block, flatten, regroup
from .tables import render

# where a document begins: its issuer, the national motto, its number or its kind line
DOCUMENT_START = re.compile(
    r"^\s*(?:(?:ỦY|UỶ) BAN NHÂN DÂN|UBND [A-ZĐ]|HỘI ĐỒNG NHÂN DÂN|SỞ [A-ZĐ]|BỘ [A-ZĐ]|BAN CHỈ ĐẠO|"
    r"CỘNG H[OÒ]A XÃ HỘI|Số\s*:|(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|HƯỚNG DẪN)\s*$)"
)
# "Trang chủ > Văn bản > Kế hoạch", "Trang chủ / Tin tức"
BREADCRUMB = re.compile(
    r"^\s*(?:Trang chủ|Home|Trang nhất)\s*[>»›/|]|^[^>»›\n]{1,40}\s[>»›]\s[^>»›\n]{1,40}\s[>»›]\s"
)
# lines of a portal's frame: metadata box, sharing, counters, copyright, contact
CHROME_LINE = re.compile(
    r"^\s*(?:Số ký hiệu|Ngày ban hành|Ngày hiệu lực|Loại văn bản|Cơ quan ban hành|Người ký|Trích yếu|"
    r"Lĩnh vực|Lượt xem|Chia sẻ|In trang|Gửi email|Bản quyền|Copyright|©|Cơ quan chủ quản|"
    r"Giấy phép|Chịu trách nhiệm|Tải về|Tải văn bản|Xem thêm|Đăng nhập)\b",
    re.IGNORECASE,
)
# the heading of the lists of other documents and news that portals put below a document
RELATED = re.compile(
    r"^\s*(?:Văn bản liên quan|Các văn bản liên quan|Văn bản cùng lĩnh vực|Văn bản khác|Tin liên quan|"
    r"Các tin khác|Tin cùng chuyên mục|Bài viết liên quan)\s*:?\s*$",
    re.IGNORECASE,
)
# the end of a document: the signature block, or the closing "./."
DOCUMENT_END = re.compile(r"^\s*(?:Nơi nhận|TM\.|KT\.|TL\.)|\./\.\s*$")


@dataclass
class Cleaned:
    blocks: list[Block]
    dropped: int  # lines of portal chrome removed


def portal(blocks: Sequence[Block]) -> Cleaned:
    sourced = flatten(blocks, render)
    keep = _kept([line for line, _ in sourced])
    dropped = sum(1 for k, (line, _) in zip(keep, sourced, strict=True) if not k and line.strip())
    return Cleaned(regroup([item for k, item in zip(keep, sourced, strict=True) if k], render), dropped)


def _kept(lines: list[str]) -> list[bool]:
    """Which lines are the document's own."""
    keep = [True] * len(lines)
    start = next((i for i, line in enumerate(lines) if DOCUMENT_START.match(line)), None)
    if start is not None and start > 0:
        before = [line for line in lines[:start] if line.strip()]
        # only a frame of short lines (a menu) is dropped, never a paragraph of the document
        if before and all(len(line.split()) <= 14 for line in before):
            for i in range(start):
                keep[i] = False
    seen_end = False
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        if DOCUMENT_END.search(line):
            seen_end = True
        if BREADCRUMB.search(line) or CHROME_LINE.match(line):
            keep[i] = False
        elif RELATED.match(line) and (seen_end or (start is not None and i > start)):
            for j in range(i, len(lines)):
                keep[j] = False
            break
    return keep
