"""A plan written for these tests, and the shapes real files give it: numbering styles,
task tables, Word automatic numbering, laid-out and scanned PDFs, portal pages.

The expected extraction (`expected()`) is what the document says, written once by hand;
every shape of the same plan must give it back.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ISSUER = ["ỦY BAN NHÂN DÂN", "XÃ PHÚ LÂM"]
NUMBER = "Số: 58/KH-UBND"
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
DATE = "Phú Lâm, ngày 12 tháng 3 năm 2025"
TITLE = ["KẾ HOẠCH", "Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2025"]
BASIS = [
    "Căn cứ Luật Bình đẳng giới số 73/2006/QH11;",
    "Căn cứ Kế hoạch số 41/KH-UBND ngày 20/02/2025 của UBND tỉnh Tuyên Quang về công tác bình đẳng giới năm 2025;",
    "Ủy ban nhân dân xã Phú Lâm ban hành Kế hoạch như sau:",
]
PURPOSE = "Nâng cao nhận thức của cán bộ và Nhân dân về bình đẳng giới, vì sự tiến bộ của phụ nữ."
REQUIREMENT = "Các cơ quan, đơn vị chủ động triển khai, bảo đảm thiết thực, hiệu quả."
TARGETS = [
    "100% cán bộ, công chức xã được tập huấn về bình đẳng giới;",
    "Trên 85% hộ gia đình được tuyên truyền về phòng, chống bạo lực gia đình.",
]


@dataclass
class Task:
    title: str
    activities: list[str]
    lead: str
    partners: str
    time: str
    timeframe: dict[str, Any] = field(default_factory=dict)


TASKS = [
    Task(
        "Tuyên truyền, nâng cao nhận thức về bình đẳng giới",
        [
            "Phát thanh tin, bài hưởng ứng Ngày Quốc tế Phụ nữ 8/3 và Ngày Phụ nữ Việt Nam 20/10;",
            "Tổ chức ít nhất 04 buổi nói chuyện chuyên đề tại các thôn.",
        ],
        "Hội Liên hiệp Phụ nữ xã",
        "Đoàn Thanh niên xã",
        "Quý II/2025",
        {"start": "2025-04", "end": "2025-06", "recurrence": "once"},
    ),
    Task(
        "Tập huấn nâng cao năng lực cho cán bộ làm công tác bình đẳng giới",
        ["Tổ chức 01 lớp tập huấn cho cán bộ thôn và hội viên các đoàn thể."],
        "Phòng Văn hóa - Xã hội",
        "Trạm Y tế xã",
        "Trước ngày 30/6/2025",
        {"start": None, "end": "2025-06-30", "recurrence": "once"},
    ),
    Task(
        "Tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
        ["Treo băng rôn, khẩu hiệu tại trụ sở và nhà văn hóa các thôn."],
        "Đoàn Thanh niên xã",
        "Hội Liên hiệp Phụ nữ xã",
        "Từ ngày 15/11/2025 đến ngày 15/12/2025",
        {"start": "2025-11-15", "end": "2025-12-15", "recurrence": "once"},
    ),
    Task(
        "Hỗ trợ phụ nữ phát triển kinh tế, khởi nghiệp",
        ["Giới thiệu phụ nữ vay vốn ưu đãi, tham gia các lớp dạy nghề."],
        "Hội Nông dân xã",
        "Ngân hàng Chính sách xã hội",
        "Thường xuyên",
        {"start": None, "end": None, "recurrence": "continuous"},
    ),
]
FUNDING = "Kinh phí thực hiện từ ngân sách xã năm 2025 và các nguồn hợp pháp khác."
ASSIGNMENTS = [
    (
        "Phòng Văn hóa - Xã hội",
        [
            "Là cơ quan thường trực, tham mưu UBND xã triển khai Kế hoạch.",
            "Tổng hợp, báo cáo kết quả 6 tháng gửi UBND xã trước ngày 10/6/2025.",
        ],
    ),
    ("Hội Liên hiệp Phụ nữ xã", ["Phối hợp tuyên truyền, vận động hội viên tham gia."]),
    ("Các thôn", ["Triển khai các hoạt động trên địa bàn thôn."]),
]
CLOSING = "Trên đây là Kế hoạch thực hiện công tác bình đẳng giới năm 2025 của UBND xã Phú Lâm./."
RECIPIENTS = ["UBND tỉnh Tuyên Quang;", "Sở Nội vụ tỉnh;", "Lưu: VT, VHXH."]
SIGNATURE = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hoàng Văn Sơn"]


@dataclass
class Style:
    """How the parts are numbered: a format string for each level."""

    section: str = "{roman}. {title}"
    item: str = "{n}. {title}"
    sub: str = "{letter}) {text}"
    bullet: str = "- "


ROMANS = ["I", "II", "III", "IV", "V"]
LETTERS = "abcdefgh"


def head_lines() -> list[str]:
    return [*ISSUER, NUMBER, *MOTTO, DATE, *TITLE, *BASIS]


def tail_lines() -> list[str]:
    return [CLOSING, "Nơi nhận:", *(f"- {r}" for r in RECIPIENTS), *SIGNATURE]


def task_lines(task: Task, bullet: str = "- ") -> list[str]:
    return [
        *(bullet + a for a in task.activities),
        f"{bullet}Cơ quan chủ trì: {task.lead}",
        f"{bullet}Cơ quan phối hợp: {task.partners}",
        f"{bullet}Thời gian thực hiện: {task.time}.",
    ]


def body_lines(style: Style | None = None, tasks_block: list[str] | None = None) -> list[str]:
    """Sections I-IV. `tasks_block` replaces the numbered tasks of section II (a table)."""
    style = style or Style()

    def section(i: int, title: str) -> str:
        return style.section.format(roman=ROMANS[i], title=title)

    def item(n: int, title: str) -> str:
        return style.item.format(n=n, letter_n=LETTERS[n - 1], title=title)

    lines = [section(0, "MỤC ĐÍCH, YÊU CẦU")]
    lines += [item(1, "Mục đích"), style.bullet + PURPOSE, item(2, "Yêu cầu"), style.bullet + REQUIREMENT]
    lines += [item(3, "Chỉ tiêu")]
    lines += [style.sub.format(letter=LETTERS[i], n=i + 1, text=t) for i, t in enumerate(TARGETS)]
    lines += [section(1, "NHIỆM VỤ VÀ GIẢI PHÁP")]
    if tasks_block is not None:
        lines += tasks_block
    else:
        for n, task in enumerate(TASKS, start=1):
            lines += [item(n, task.title), *task_lines(task, style.bullet)]
    lines += [section(2, "KINH PHÍ"), style.bullet + FUNDING, section(3, "TỔ CHỨC THỰC HIỆN")]
    for n, (agency, duties) in enumerate(ASSIGNMENTS, start=1):
        lines += [item(n, agency), *(style.bullet + d for d in duties)]
    return lines


def plan_text(style: Style | None = None) -> str:
    return "\n".join([*head_lines(), *body_lines(style), *tail_lines()]) + "\n"


TABLE_HEADER = ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]


def table_rows() -> list[list[str]]:
    rows = [TABLE_HEADER]
    for n, task in enumerate(TASKS, start=1):
        content = "\n".join([task.title, *(f"- {a}" for a in task.activities)])
        rows.append([str(n), content, task.lead, task.partners, task.time])
    return rows


def expected(fmt: str = "txt") -> dict[str, Any]:
    tasks = []
    for n, task in enumerate(TASKS, start=1):
        tasks.append(
            {
                "ref": f"II.{n}",
                "title": task.title,
                "activities": task.activities,
                "lead": [task.lead],
                "partners": [task.partners],
                "timeframe": {"text": task.time, **task.timeframe},
            }
        )
    return copy.deepcopy(
        {
            "schema_version": "1.0",
            "document": {
                "kind": "KH",
                "number": "58/KH-UBND",
                "issuer": {
                    "name": "Ủy ban nhân dân xã Phú Lâm",
                    "level": "commune",
                    "locality": "Phú Lâm",
                    "parent": "tỉnh Tuyên Quang",
                },
                "place": "Phú Lâm",
                "date": "2025-03-12",
                "title": TITLE[1],
                "year": 2025,
            },
            "references": [
                {
                    "kind": "Luật",
                    "number": "73/2006/QH11",
                    "date": None,
                    "issuer": None,
                    "title": "Bình đẳng giới",
                    "role": "basis",
                },
                {
                    "kind": "KH",
                    "number": "41/KH-UBND",
                    "date": "2025-02-20",
                    "issuer": "UBND tỉnh Tuyên Quang",
                    "title": "về công tác bình đẳng giới năm 2025",
                    "role": "basis",
                },
            ],
            "objectives": {"purposes": [PURPOSE], "requirements": [REQUIREMENT]},
            "tasks": tasks,
            "targets": [
                {
                    "text": TARGETS[0],
                    "comparator": "=",
                    "value": 100,
                    "unit": "%",
                    "subject": "cán bộ, công chức xã được tập huấn về bình đẳng giới",
                    "task_ref": None,
                },
                {
                    "text": TARGETS[1],
                    "comparator": ">",
                    "value": 85,
                    "unit": "%",
                    "subject": "hộ gia đình được tuyên truyền về phòng, chống bạo lực gia đình",
                    "task_ref": None,
                },
                {
                    "text": TASKS[0].activities[1],
                    "comparator": ">=",
                    "value": 4,
                    "unit": "buổi",
                    "subject": "buổi nói chuyện chuyên đề tại các thôn",
                    "task_ref": "II.1",
                },
            ],
            "assignments": [
                {"agency": a, "standing": a.startswith("Phòng"), "duties": d} for a, d in ASSIGNMENTS
            ],
            "events": [
                {"name": "Ngày Quốc tế Phụ nữ", "start": "2025-03-08", "end": "2025-03-08"},
                {"name": "Ngày Phụ nữ Việt Nam", "start": "2025-10-20", "end": "2025-10-20"},
                {
                    "name": "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
                    "start": "2025-11-15",
                    "end": "2025-12-15",
                },
            ],
            "funding": [FUNDING],
            "reporting": [
                {"text": ASSIGNMENTS[0][1][1], "period": "6-month", "due": "2025-06-10", "to": "UBND xã"}
            ],
            "signer": {"authority": ["TM. ỦY BAN NHÂN DÂN"], "position": "CHỦ TỊCH", "name": "Hoàng Văn Sơn"},
            "recipients": [r.rstrip(";.") for r in RECIPIENTS],
            "source": {"format": fmt, "warnings": []},
        }
    )


# --- files ----------------------------------------------------------------------------


def write_docx(path: Path, paragraphs: list[str], header_table: bool = True) -> Path:
    import docx

    document = docx.Document()
    if header_table:
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "\n".join([*ISSUER, NUMBER])
        table.cell(0, 1).text = "\n".join([*MOTTO, DATE])
    for line in paragraphs:
        document.add_paragraph(line)
    document.save(str(path))
    return path


NUMBERING_STYLES = {
    "roman-dash-slash": Style("{roman} - {title}", "{n}/ {title}", "{letter}/ {text}"),
    "roman-colon-hyphen": Style("{roman}: {title}", "{n}- {title}", "{n}) {text}"),
    "roman-endash-colon": Style("{roman} – {title}", "{n}: {title}", "{letter}. {text}", "+ "),
    "phan-paren": Style("Phần {roman}. {title}", "({n}) {title}", "{letter}) {text}", "• "),
    "letters-top": Style("{roman}. {title}", "{letter_n}) {title}", "{n}) {text}"),
    "bold-markdown": Style("## **{roman}. {title}**", "**{n}. {title}**", "{letter}) {text}", "* "),
}


def styled_text(style: Style) -> str:
    return "\n".join([*head_lines(), *body_lines(style), *tail_lines()]) + "\n"


def items_in_lists(style: Style | None = None) -> str:
    """Activities written as a "1)" list inside each task: items, not new tasks."""
    text = plan_text(style)
    for task in TASKS:
        for n, activity in enumerate(task.activities, start=1):
            text = text.replace(f"- {activity}", f"{n}) {activity}")
    return text


def write_numbered_docx(path: Path) -> Path:
    """The same plan with Word's automatic numbering: the numbers are only in numbering.xml."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "\n".join([*ISSUER, NUMBER])
    table.cell(0, 1).text = "\n".join([*MOTTO, DATE])
    numbering = document.part.numbering_part.element
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.append(
        parse_xml(
            f"<w:abstractNum {w} w:abstractNumId='7'>"
            "<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='upperRoman'/><w:lvlText w:val='%1.'/></w:lvl>"
            "<w:lvl w:ilvl='1'><w:start w:val='1'/><w:numFmt w:val='decimal'/><w:lvlText w:val='%2.'/></w:lvl>"
            "<w:lvl w:ilvl='2'><w:start w:val='1'/><w:numFmt w:val='lowerLetter'/><w:lvlText w:val='%3)'/></w:lvl>"
            "<w:lvl w:ilvl='3'><w:start w:val='1'/><w:numFmt w:val='bullet'/><w:lvlText w:val='•'/></w:lvl>"
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f"<w:num {w} w:numId='9'><w:abstractNumId w:val='7'/></w:num>"))

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f"<w:numPr {w}><w:ilvl w:val='{level}'/><w:numId w:val='9'/></w:numPr>")
        )

    for line in TITLE + BASIS:
        document.add_paragraph(line)
    style = Style("<0>{title}", "<1>{title}", "<2>{text}", "<3>")
    for line in body_lines(style):
        level = int(line[1])
        numbered(line[3:], level)
    for line in tail_lines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_table_docx(path: Path, grouped: bool = False) -> Path:
    """Section II as a task table; `grouped` adds group rows and a lead cell merged down."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "\n".join([*ISSUER, NUMBER])
    table.cell(0, 1).text = "\n".join([*MOTTO, DATE])
    lines = body_lines(tasks_block=["<TABLE>"])
    for line in TITLE + BASIS:
        document.add_paragraph(line)
    for line in lines:
        if line != "<TABLE>":
            document.add_paragraph(line)
            continue
        rows = table_rows()
        if grouped:
            rows = [rows[0], ["A", "Công tác tuyên truyền", "", "", ""], *rows[1:3]]
            rows += [["B", "Các hoạt động khác", "", "", ""], *table_rows()[3:]]
        grid = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
            if row[0] in ("A", "B"):
                grid.cell(r, 1).merge(grid.cell(r, 4))
                grid.cell(r, 1).text = row[1]
    for line in tail_lines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def pipe_table_text(markdown: bool = True) -> str:
    rows = table_rows()
    block = []
    for i, row in enumerate(rows):
        cells = [c.replace("\n", "<br>") for c in row]
        block.append("| " + " | ".join(cells) + " |")
        if i == 0 and markdown:
            block.append("|" + "---|" * len(row))
    return "\n".join([*head_lines(), *body_lines(tasks_block=block), *tail_lines()]) + "\n"


def tab_table_text() -> str:
    rows = table_rows()
    block = []
    for row in rows:
        # a cell of several lines is exported as rows below that hold only that cell
        title, *details = row[1].split("\n")
        block.append("\t".join([row[0], title, *row[2:]]))
        block.extend("\t".join(["", detail, "", "", ""]) for detail in details)
    return "\n".join([*head_lines(), *body_lines(tasks_block=block), *tail_lines()]) + "\n"


class _Flow:
    """Paragraphs flowed down pages, wrapped, with page numbers at the foot."""

    LEFT, RIGHT, TOP, BOTTOM = 70.0, 540.0, 60.0, 780.0

    def __init__(self) -> None:
        from .pdfmaker import LayoutPdf

        self.pdf = LayoutPdf()
        self.y = self.TOP
        self.page = 1

    def need(self, height: float) -> None:
        if self.y + height > self.BOTTOM:
            self.pdf.text(290, 815, str(self.page + 1), 10)  # the next page's number, at its foot
            self.pdf.new_page()
            self.page += 1
            self.y = self.TOP

    def paragraph(self, text: str, size: float = 12, indent: float = 20, center: bool = False) -> None:
        from .pdfmaker import text_width, wrap

        for number, line in enumerate(wrap(text, self.RIGHT - self.LEFT - indent, size)):
            self.need(size * 1.5)
            x = (
                (self.LEFT + self.RIGHT - text_width(line, size)) / 2
                if center
                else self.LEFT + (indent if number == 0 else 0)
            )
            self.pdf.text(x, self.y, line, size)
            self.y += size * 1.5

    def columns(self, left: list[str], right: list[str], size: float = 11) -> None:
        for row in range(max(len(left), len(right))):
            self.need(size * 1.5)
            if row < len(left):
                self.pdf.text(self.LEFT - 10, self.y, left[row], size)
            if row < len(right):
                self.pdf.text(310, self.y, right[row], size)
            self.y += size * 1.5

    def table(self, rows: list[list[str]], widths: list[float], size: float = 10) -> None:
        from .pdfmaker import wrap

        xs = [self.LEFT - 20]
        for width in widths:
            xs.append(xs[-1] + width)
        for row in rows:
            cells = [
                [w for part in cell.split("\n") for w in wrap(part, width - 8, size)]
                for cell, width in zip(row, widths, strict=True)
            ]
            height = max(len(c) for c in cells) * size * 1.4 + 8
            self.need(height)
            top = self.y
            self.pdf.line(xs[0], top, xs[-1], top)
            for cell, x in zip(cells, xs, strict=False):
                for n, line in enumerate(cell):
                    self.pdf.text(x + 4, top + 4 + size + n * size * 1.4, line, size)
            for x in xs:
                self.pdf.line(x, top, x, top + height)
            self.pdf.line(xs[0], top + height, xs[-1], top + height)
            self.y = top + height
        self.y += 10


def write_layout_pdf(path: Path, table: bool = False, repeat: int = 1) -> Path:
    """The plan as a word processor prints it: header and signature in two columns,
    wrapped paragraphs, page numbers; `table` draws section II as a ruled task table;
    `repeat` repeats the tasks to make a long document."""
    flow = _Flow()
    flow.columns([*ISSUER, NUMBER], [*MOTTO, DATE])
    flow.y += 10
    flow.paragraph(TITLE[0], 13, center=True)
    flow.paragraph(TITLE[1], 12, center=True)
    for line in BASIS:
        flow.paragraph(line)
    block = ["<TABLE>"] if table else None
    for line in body_lines(tasks_block=block):
        if line == "<TABLE>":
            for _ in range(repeat):
                flow.table(table_rows(), [30, 200, 95, 95, 75])
            continue
        flow.paragraph(line)
        if line.startswith("II.") and not table:
            for _ in range(repeat - 1):
                for n, task in enumerate(TASKS, start=1):
                    flow.paragraph(f"{n}. {task.title}")
                    for detail in task_lines(task):
                        flow.paragraph(detail)
    flow.paragraph(CLOSING)
    flow.y += 10
    flow.columns(["Nơi nhận:", *(f"- {r}" for r in RECIPIENTS)], SIGNATURE[:2], 11)
    flow.y += 40
    flow.columns([], ["", SIGNATURE[2]], 12)
    flow.pdf.save(path)
    return path


def rasterise(pdf_path: Path, out: Path, dpi: int = 200) -> Path:
    """A scan of a printed plan: every page an image, no text layer."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf_path))
    images = [document[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(document))]
    document.close()
    images[0].save(str(out), "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out


def photograph(pdf_path: Path, out: Path, dpi: int = 200) -> Path:
    """The pages of a plan in one tall picture (a phone's scrolling capture)."""
    import pypdfium2 as pdfium
    from PIL import Image

    document = pdfium.PdfDocument(str(pdf_path))
    pages = [document[i].render(scale=dpi / 72).to_pil() for i in range(len(document))]
    document.close()
    picture = Image.new("RGB", (max(p.width for p in pages), sum(p.height for p in pages)), "white")
    y = 0
    for page in pages:
        picture.paste(page, (0, y))
        y += page.height
    picture.save(str(out))
    return out


def portal_html(path: Path) -> Path:
    """The plan as a provincial portal shows it: menu, breadcrumb, metadata, related documents, footer."""
    menu = "".join(f"<li><a href='#'>{m}</a></li>" for m in ["Trang chủ", "Giới thiệu", "Tin tức", "Văn bản"])
    paragraphs = "".join(f"<p>{line}</p>" for line in plan_text().splitlines())
    related = "".join(
        f"<li><a href='#'>Kế hoạch số {n}/KH-UBND ngày 0{n}/01/2025 của UBND tỉnh Ninh Thuận</a></li>"
        for n in (3, 4)
    )
    page = (
        "<html><head><title>Cổng thông tin điện tử tỉnh Tuyên Quang</title></head><body>"
        f"<div class='menu'><ul>{menu}</ul></div>"
        "<div class='breadcrumb'>Trang chủ &gt; Văn bản &gt; Kế hoạch</div>"
        f"<div class='noi-dung'>{paragraphs}</div>"
        f"<div class='lien-quan'><h3>Văn bản liên quan</h3><ul>{related}</ul></div>"
        "<div class='footer'>Bản quyền thuộc Ủy ban nhân dân tỉnh Ninh Thuận. Địa chỉ: 450 đường 16/4.</div>"
        "</body></html>"
    )
    path.write_text(page, encoding="utf-8")
    return path


def portal_copy() -> str:
    """The same page copied as text from the browser: chrome lines around the plan."""
    return (
        "\n".join(
            [
                "Trang chủ",
                "Giới thiệu",
                "Tin tức - Sự kiện",
                "UBND tỉnh Ninh Thuận",
                "Trang chủ > Văn bản > Kế hoạch",
                "Số ký hiệu: 58/KH-UBND | Ngày ban hành: 12/03/2025",
                *plan_text().splitlines(),
                "Văn bản liên quan",
                "Kế hoạch số 3/KH-UBND ngày 03/01/2025 của UBND tỉnh Ninh Thuận",
                "Kế hoạch số 4/KH-UBND ngày 04/01/2025 của UBND tỉnh Ninh Thuận",
                "Bản quyền © Cổng thông tin điện tử. Lượt xem: 1234",
            ]
        )
        + "\n"
    )


DECISION = [
    *ISSUER,
    "Số: 21/QĐ-UBND",
    *MOTTO,
    DATE,
    "QUYẾT ĐỊNH",
    "Về việc ban hành Kế hoạch thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2025",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHÚ LÂM",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội xã.",
    "QUYẾT ĐỊNH:",
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện công tác bình đẳng giới và vì sự tiến bộ "
    "của phụ nữ năm 2025 trên địa bàn xã.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "Điều 3. Văn phòng HĐND và UBND xã, các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này./.",
    "Nơi nhận:",
    "- Như Điều 3;",
    "- Lưu: VT.",
    "CHỦ TỊCH",
    "Hoàng Văn Sơn",
]


def decision_with_plan() -> str:
    """A decision that issues the plan, the plan attached after its signature."""
    plan = [
        *ISSUER,
        *MOTTO,
        *TITLE,
        "(Ban hành kèm theo Quyết định số 21/QĐ-UBND ngày 12/3/2025 của Chủ tịch UBND xã Phú Lâm)",
        *BASIS,
    ]
    return "\n".join([*DECISION, *plan, *body_lines(), *tail_lines()]) + "\n"


def expected_decision() -> dict[str, Any]:
    result = expected()
    result["document"]["number"] = None
    result["references"].insert(
        0,
        {
            "kind": "QĐ",
            "number": "21/QĐ-UBND",
            "date": "2025-03-12",
            "issuer": "Chủ tịch UBND xã Phú Lâm",
            "title": None,
            "role": "basis",
        },
    )
    return result


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


def date_variants() -> dict[str, str]:
    """The same plan with the date and header shapes that portals and PDF extractions give."""
    base = plan_text()
    return {
        "number-and-date-on-one-pipe-row": _replace(base, f"{NUMBER}\n", "").replace(
            DATE, f"{NUMBER} | {DATE} |"
        ),
        "columns-run-together": _replace(
            _replace(
                _replace(
                    base,
                    "\n".join([*ISSUER, NUMBER, *MOTTO, DATE]),
                    "\n".join([f"{ISSUER[0]} {MOTTO[0]}", f"{ISSUER[1]} {MOTTO[1]}", f"{NUMBER} {DATE}"]),
                ),
                "Nơi nhận:\n",
                f"Nơi nhận: {SIGNATURE[0]}\n",
            ),
            f"- {RECIPIENTS[0]}\n",
            f"- {RECIPIENTS[0]} {SIGNATURE[1]}\n",
        ).replace(f"\n{SIGNATURE[0]}\n{SIGNATURE[1]}\n", "\n"),
        "deadlines-without-year": _replace(
            _replace(base, "Trước ngày 30/6/2025.", "Trước ngày 30/6."),
            "trước ngày 10/6/2025.",
            "trước ngày 10/6.",
        ),
        "time-in-the-heading": _replace(
            _replace(base, f"{TASKS[2].title}\n", f"{TASKS[2].title} (từ ngày 15/11 đến 15/12/2025)\n"),
            f"- Thời gian thực hiện: {TASKS[2].time}.\n",
            "",
        ),
        "separators-and-broken-lines": _replace(
            _replace(
                _replace(
                    _replace(base, f"{ISSUER[1]}\n", f"{ISSUER[1]}\n——-\n"),
                    f"{MOTTO[1]}\n",
                    f"{MOTTO[1]}\n_______________\n",
                ),
                "Kế hoạch số 41/KH-UBND ngày",
                "Kế hoạch số 41/KH-\nUBND ngày",
            ),
            "- UBND tỉnh Tuyên Quang;",
            "- UBND tỉnh Tuyên\nQuang;",
        ),
        "all-caps-title-without-date": _replace(
            _replace(base, TITLE[1], TITLE[1].upper()), DATE, "Phú Lâm, ngày      tháng 3 năm"
        ),
    }


def expected_date_variant(name: str) -> dict[str, Any]:
    result = expected()
    if name == "time-in-the-heading":
        result["tasks"][2]["title"] += " (từ ngày 15/11 đến 15/12/2025)"
    if name == "all-caps-title-without-date":
        result["document"]["title"] = TITLE[1].upper()
        result["document"]["date"] = None
    return result


def target_variants() -> dict[str, str]:
    bullets = plan_text(Style(sub="- {text}"))
    return {
        "letters": plan_text(),
        "numbers-in-brackets": plan_text(Style(sub="{n}) {text}")),
        "letters-with-dots": plan_text(Style(sub="{letter}. {text}")),
        "bullets-under-chi-tieu": bullets,
        "plus-bullets": plan_text(Style(sub="+ {text}", bullet="+ ")),
    }
