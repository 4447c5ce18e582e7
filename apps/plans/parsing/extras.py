"""Targets, campaign events, reporting duties, signer and recipients."""

from __future__ import annotations

import re
from typing import Any

from core.text import fold

from .dates import dates_in
from .lines import Para
from .vocabulary import AGENCY_WORD

# the signature block's authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")
SIGN_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s*\S")

COMPARATORS = [
    (re.compile(r"trên|hơn|vượt"), ">"),
    (re.compile(r"ít nhất|tối thiểu|không dưới|không ít hơn"), ">="),
    (re.compile(r"dưới|thấp hơn"), "<"),
    (re.compile(r"không quá|tối đa|không vượt quá"), "<="),
]
COUNT_UNITS = (
    "hoạt động",
    "lớp",
    "buổi",
    "người",
    "lượt người",
    "lượt",
    "cuộc",
    "hội nghị",
    "mô hình",
    "câu lạc bộ",
    "hộ",
    "tin",
    "bài",
    "đợt",
    "văn bản",
    "kế hoạch",
    "xã",
    "thôn",
    "trường",
    "đơn vị",
    "cơ quan",
    "sản phẩm",
    "chuyên đề",
)
_PERCENT = re.compile(
    r"(?:(?P<cmp>[Tt]rên|[Hh]ơn|[Íí]t nhất|[Tt]ối thiểu|[Dd]ưới|[Kk]hông quá|[Tt]ối đa|[Đđ]ạt)\s+)?(?P<val>\d{1,3}(?:[.,]\d+)?)\s*%\s+(?P<subj>[^;.]+)"
)
_COUNT = re.compile(
    r"(?P<cmp>[Tt]rên|[Hh]ơn|[Íí]t nhất|[Tt]ối thiểu|[Dd]ưới|[Kk]hông quá|[Tt]ối đa)\s+(?P<val>\d{1,5})\s+(?P<unit>"
    + "|".join(sorted(COUNT_UNITS, key=len, reverse=True))
    + r")\b(?P<subj>[^;.]*)"
)


def _comparator(word: str | None) -> str:
    if not word:
        return "="
    for pattern, comparator in COMPARATORS:
        if pattern.fullmatch(word.lower()):
            return comparator
    return "="  # "đạt" and a bare figure


# "- ", "+ ", "• ", "* ": the bullet before an item
LEADING_BULLET = re.compile(r"^[-+•*]\s*")
# "so với năm 2024", "trở lên": words after a figure that are not what it counts
NOT_A_SUBJECT = re.compile(r"^(?:so với|trở lên)")


def targets_in(text: str, task_ref: str | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    clean = LEADING_BULLET.sub("", text).strip()
    for m in _PERCENT.finditer(clean):
        subject = m["subj"].strip(" ,:")
        if not subject or NOT_A_SUBJECT.match(subject):
            continue
        value = float(m["val"].replace(",", "."))
        out.append(
            {
                "text": clean,
                "comparator": _comparator(m["cmp"]),
                "value": int(value) if value.is_integer() else value,
                "unit": "%",
                "subject": subject,
                "task_ref": task_ref,
            }
        )
    for m in _COUNT.finditer(clean):
        out.append(
            {
                "text": clean,
                "comparator": _comparator(m["cmp"]),
                "value": int(m["val"]),
                "unit": m["unit"],
                "subject": (m["unit"] + m["subj"]).strip(" ,:"),
                "task_ref": task_ref,
            }
        )
    return out


CAMPAIGNS = [
    ("ngay quoc te phu nu", "Ngày Quốc tế Phụ nữ", "03-08", "03-08"),
    ("ngay gia dinh viet nam", "Ngày Gia đình Việt Nam", "06-28", "06-28"),
    ("ngay quoc te tre em gai", "Ngày Quốc tế Trẻ em gái", "10-11", "10-11"),
    ("ngay phu nu viet nam", "Ngày Phụ nữ Việt Nam", "10-20", "10-20"),
    ("ngay quoc te xoa bo bao luc", "Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ", "11-25", "11-25"),
    (
        "thang hanh dong quoc gia ve phong chong bao luc gia dinh",
        "Tháng hành động quốc gia về phòng, chống bạo lực gia đình",
        "06-01",
        "06-30",
    ),
    (
        "thang hanh dong vi binh dang gioi",
        "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
        "11-15",
        "12-15",
    ),
]


def events_in(text: str, year: int | None) -> list[dict[str, Any]]:
    """Campaign days and periods named in the text, resolved to the plan year, each once."""
    if year is None:
        return []
    key = fold(text)
    found: list[tuple[int, dict[str, Any]]] = []
    for pattern, name, start, end in CAMPAIGNS:
        pos = key.find(pattern)
        if pos >= 0:
            found.append((pos, {"name": name, "start": f"{year}-{start}", "end": f"{year}-{end}"}))
    return [event for _, event in sorted(found, key=lambda item: item[0])]


REPORT_CUE = re.compile(
    r"chế độ báo cáo|báo cáo[^.;]*(?:trước ngày|khi có yêu cầu|định kỳ|6 tháng|sáu tháng|hằng năm|hàng năm|hằng quý|gửi về)|"
    r"(?:định kỳ|6 tháng|hằng năm|hàng năm)[^.;]*báo cáo|(?:gửi|nộp)[^.;]*báo cáo|báo cáo kết quả[^.;]*(?:gửi|về)",
    re.IGNORECASE,
)


# "..., báo cáo năm trước ngày 15/12": a second report with its own deadline in one sentence
SECOND_REPORT = re.compile(r",?\s+(?:và\s+)?(?=(?:gửi\s+)?báo cáo\b)")
DEADLINE = re.compile(r"(?:trước|chậm nhất|hạn)[^0-9;]{0,12}(\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?)")


# "...; báo cáo ...": the clauses of a sentence
CLAUSE_BREAK = re.compile(r";\s+")
# "kết quả ... năm 2025", folded: a report of the year's results
YEAR_RESULTS = re.compile(r"ket qua[^;]*nam \d{4}")
# "gửi về Phòng Văn hóa - Xã hội trước ngày ...": where a report goes
SENT_TO = re.compile(
    rf"(?:gửi về|gửi|về)\s+((?:{AGENCY_WORD}|cơ quan)\b[^,.;]*?)(?=\s+(?:trước|để|theo|khi|chậm)|[,.;]|$)"
)
# "báo cáo UBND xã trước ngày ...": the body reported to
REPORT_TO = re.compile(rf"báo cáo\s+((?:{AGENCY_WORD})\b[^,.;]*?)(?=\s+(?:trước|để|theo|khi)|[,.;]|$)")
# "khi có yêu cầu của UBND huyện": who asks for an ad-hoc report
ON_REQUEST_OF = re.compile(r"khi có yêu cầu của\s+([^,.;]+)")


def reporting_in(text: str, year: int | None = None) -> list[dict[str, Any]]:
    """Reporting duties of a paragraph; a deadline without a year ("trước ngày 15/6") is
    in the plan's `year`."""
    out: list[dict[str, Any]] = []
    clean = LEADING_BULLET.sub("", text).strip()
    clauses = _report_clauses(clean)
    for index, clause in enumerate(clauses):
        if not REPORT_CUE.search(clause):
            continue
        due = None
        dm = DEADLINE.search(clause)
        if dm:
            found = dates_in(dm[1], year)
            due = found[0] if found else None
        key = fold(clause)
        clause_text = clause.strip()
        if clause_text and not clause_text.endswith("."):
            clause_text += "." if index < len(clauses) - 1 else ""
        out.append(
            {
                "text": clause_text or clean,
                "period": _period(key, due),
                "due": due,
                "to": _report_to(clause, key),
            }
        )
    return out


def _report_clauses(clean: str) -> list[str]:
    """The clauses of a paragraph, a clause with two deadlines cut into its two reports."""
    clauses: list[str] = []
    for clause in CLAUSE_BREAK.split(clean):
        if len(DEADLINE.findall(clause)) > 1:
            parts = [part for part in SECOND_REPORT.split(clause) if part.strip()]
            if len(parts) > 1 and not REPORT_CUE.search(parts[0]):
                parts[:2] = [f"{parts[0]} {parts[1]}"]  # the subject: "Các đơn vị báo cáo ..."
            clauses.extend(parts)
        else:
            clauses.append(clause)
    return clauses


def _period(key: str, due: str | None) -> str | None:
    """The period of a report from its folded clause: 6-month, quarterly, monthly, annual, ad-hoc."""
    if "6 thang" in key or "sau thang" in key:
        return "6-month"
    if "hang quy" in key:
        return "quarterly"
    if "hang thang" in key:
        return "monthly"
    if "dinh ky" in key and ("dot xuat" in key):
        return None
    if "hang nam" in key or YEAR_RESULTS.search(key) or (due and "dinh ky" not in key):
        return "annual"
    if "khi co yeu cau" in key or "dot xuat" in key:
        return "ad-hoc"
    return None


def _report_to(clause: str, key: str) -> str | None:
    """The body a report goes to."""
    tm = SENT_TO.search(clause) or REPORT_TO.search(clause)
    if tm is None and "khi co yeu cau cua" in key:
        tm = ON_REQUEST_OF.search(clause)
    return tm.group(1).strip() if tm else None


# "Nơi nhận:" and what follows it on the same line
RECIPIENTS_LABEL = re.compile(r"^Nơi nhận\s*:?\s*")
# a capital letter: a position line has some ("CHỦ TỊCH")
CAPITAL = re.compile(r"[A-ZĐ]")


def signer_and_recipients(tail: list[Para]) -> tuple[dict[str, Any], list[str], bool]:
    """From the lines after the body: (signer, recipients, had 'Nơi nhận')."""
    authority: list[str] = []
    position = name = None
    recipients: list[str] = []
    in_recipients = False
    had_recipients = False
    last_closed = True  # the last recipient ended with ";" or "."
    for para in tail:
        text = para.text.strip()
        if RECIPIENTS_LABEL.match(text):
            in_recipients = had_recipients = True
            rest = RECIPIENTS_LABEL.sub("", text)
            last_closed = True
            if rest:
                recipients.append(_recipient(rest))
                last_closed = rest.rstrip().endswith((";", ".", ":"))
            continue
        if SIGN_AUTHORITY.match(text):
            in_recipients = False
            authority.append(text.upper())
            continue
        if (
            in_recipients
            and recipients
            and not last_closed
            and not SIGN_AUTHORITY.match(text)
            and not text.startswith(("-", "+", "•"))
        ):
            # "- Bộ Lao động" / "TBXH;": an item of the list broken over two lines
            recipients[-1] = _recipient(f"{recipients[-1]} {text}")
            last_closed = text.rstrip().endswith((";", ".", ":"))
            continue
        bulleted = text.startswith(("-", "+", "•"))
        if (in_recipients and (bulleted or not recipients)) or (had_recipients and bulleted):
            # a bullet is a recipient even when a column layout put the signature before it
            recipients.append(_recipient(text))
            last_closed = text.rstrip().endswith((";", ".", ":"))
            continue
        in_recipients = False
        if (
            text == text.upper()
            and CAPITAL.search(text)
            and len(text) < 60
            and position is None
            and not text.endswith((";", ","))
        ):
            position = text
            continue
        if _looks_like_name(text):
            name = text
    return (
        {"authority": authority, "position": position, "name": name},
        [r for r in recipients if r],
        had_recipients,
    )


# "- ", "+ ", "• " before a recipient
RECIPIENT_BULLET = re.compile(r"^[-+•]\s*")
# "- UBND huyện; (để b/c)": a note after the semicolon stays with its recipient
NOTE_AFTER_SEMICOLON = re.compile(r";\s*(\([^)]*\))\s*$")


def _recipient(text: str) -> str:
    text = RECIPIENT_BULLET.sub("", text).strip()
    text = NOTE_AFTER_SEMICOLON.sub(r" \1", text)
    return text.rstrip(" ;.,")


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and w[1:].islower() for w in words if w)
