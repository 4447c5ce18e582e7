"""The outline grammar: which paragraphs open a numbered part, and how deep each is.

Plans number their parts in many ways ("I.", "I -", "Phần I."; "1.", "1)", "1/", "1-",
"1:", "(1)", "1.2."; "a)", "a.", "a/"; bullets "-", "+", "•", "*", "–"). The depth of
a marker is not fixed: it is taken from the document's own use — a style met inside
the part opened by another style is one level deeper, a style met again closes the
parts opened after it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .tables import TaskRow

# "I. MỤC ĐÍCH", "II - NỘI DUNG", "III: KINH PHÍ", "IV – TỔ CHỨC", "Phần I. ...", "PHẦN II"
ROMAN_MARKER = re.compile(
    r"^(?:(?:Phần|PHẦN)\s+)?(?P<num>[IVX]{1,5})\s*(?P<sep>[.):/–-]|(?=\s))\s*(?P<rest>\S.*)$"
)
# "1.2.3.", "1.2 " — nested arabic numbers written out in full
DOTTED_MARKER = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<rest>\S.*)$")
# "1.", "1)", "1/", "1-", "1 -", "1:", "1–" ; a separator is needed so that a sentence
# opening with a figure is not a marker
# ("20 hộ gia đình ..."), and "/", ":" or "-" needs a space after it, so that a line that
# starts inside a wrapped number ("45-CT/TW, ngày ...") is not one either
ARABIC_MARKER = re.compile(
    r"^(?P<num>\d{1,2})\s?(?:(?P<sep>[.)])\s*|(?P<spaced>[/:–-])\s+)(?P<rest>[^\d\s].*)$"
)
# "(1)", "(a)"
PAREN_MARKER = re.compile(r"^\((?P<num>\d{1,2}|[a-zđ])\)\s*(?P<rest>\S.*)$")
# "a)", "a.", "a/", "đ)"
LETTER_MARKER = re.compile(r"^(?P<num>[a-zđ])\s?(?P<sep>[.)/])\s+(?P<rest>\S.*)$")
# "- ", "+ ", "• ", "* ", "– ", "— "
BULLET_MARKER = re.compile(r"^(?P<sep>[-+•*–—·▪])\s*(?P<rest>\S.*)$")


@dataclass(frozen=True)
class Marker:
    kind: str  # "roman", "arabic", "dotted", "paren", "letter", "bullet"
    style: str  # kind plus separator (and depth for dotted numbers): what makes two markers siblings
    label: str  # the number as printed, without its separator
    rest: str  # the text after the marker


def marker(text: str) -> Marker | None:
    m = ROMAN_MARKER.match(text)
    if (
        m
        and (m["rest"][:1].isupper() or m["rest"][:1].isdigit())
        and (m["sep"] or m["rest"].isupper() or text[:4].upper() == "PHẦN")
    ):
        return Marker("roman", "roman", m["num"], m["rest"])
    m = DOTTED_MARKER.match(text)
    if m:
        return Marker("dotted", f"dotted{m['num'].count('.')}", m["num"], m["rest"])
    m = ARABIC_MARKER.match(text)
    if m:
        sep = (m["sep"] or m["spaced"]).replace("–", "-")
        return Marker("arabic", "arabic" + sep, m["num"], m["rest"])
    m = PAREN_MARKER.match(text)
    if m:
        kind = "paren" if m["num"].isdigit() else "paren-letter"
        return Marker(kind, kind, m["num"], m["rest"])
    m = LETTER_MARKER.match(text)
    if m:
        return Marker("letter", "letter" + m["sep"], m["num"], m["rest"])
    m = BULLET_MARKER.match(text)
    if m:
        return Marker("bullet", "bullet" + m["sep"], "", m["rest"])
    return None


def numbered(text: str) -> Marker | None:
    """A marker that carries a number or letter (not a bullet, not a section numeral)."""
    found = marker(text)
    return found if found and found.kind not in ("bullet", "roman") else None


def section_marker(text: str) -> Marker | None:
    found = marker(text)
    return found if found and found.kind == "roman" else None


@dataclass
class Node:
    ref: str
    title: str
    depth: int
    style: str = ""
    items: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    row: TaskRow | None = None  # the task table row this part was read from, if any


def looks_like_item(rest: str) -> bool:
    """'a) Treo băng rôn;' is a list item; 'a) Kiện toàn Ban ...: thực hiện ...' or a bare
    'b) Bố trí cán bộ' heads a part."""
    rest = rest.strip()
    if rest.endswith((";", ",")):
        return True
    return rest.endswith(".") and ":" not in rest


def tree(
    paragraphs: list[str],
    prefix: str,
    rows: Mapping[int, TaskRow] | None = None,
    depths: Mapping[int, int] | None = None,
) -> list[Node]:
    """Numbered parts of a section as a tree, with the other paragraphs as their items.

    The first numbered style of the section opens its top-level parts. A deeper style
    opens sub-parts only when none of its siblings reads as a list item; otherwise the
    whole run of them are items of the part above (a "1)" list inside a task is not a
    set of new tasks). `rows[i]`: the task table row that paragraph i opens, kept on
    its part. `depths[i]`: the level Word gives paragraph i in its list; numbers that
    look alike at two levels ("1." under "1.") are then two styles, not siblings."""
    rows = rows or {}
    depths = depths or {}
    markers = [numbered(p) for p in paragraphs]
    styles = [
        "" if m is None else m.style if i not in depths else f"{m.style}@{depths[i]}"
        for i, m in enumerate(markers)
    ]
    top_style = next((styles[i] for i, m in enumerate(markers) if m), None)
    # which (parent index, style) runs hold a list item
    item_runs: set[tuple[int, str]] = set()
    parent_of: list[int] = []
    stack: list[tuple[str, int]] = []  # (style, paragraph index)
    for index, found in enumerate(markers):
        if found is None:
            parent_of.append(stack[-1][1] if stack else -1)
            continue
        style = styles[index]
        open_styles = [s for s, _ in stack]
        if style in open_styles:
            del stack[open_styles.index(style) :]
        parent = stack[-1][1] if stack else -1
        parent_of.append(parent)
        if style != top_style and found.kind != "dotted" and looks_like_item(found.rest):
            item_runs.add((parent, style))
        stack.append((style, index))

    roots: list[Node] = []
    open_nodes: list[Node] = []
    for index, (text, found) in enumerate(zip(paragraphs, markers, strict=True)):
        style = styles[index]
        heading = found is not None and (parent_of[index], style) not in item_runs
        if not heading or found is None:
            if open_nodes:
                open_nodes[-1].items.append(text)
            else:
                roots.append(Node("", "", 0, items=[text]))
            continue
        open_styles = [n.style for n in open_nodes]
        if style in open_styles:
            del open_nodes[open_styles.index(style) :]
        parent_node = open_nodes[-1] if open_nodes else None
        if found.kind == "dotted":
            ref = f"{prefix}.{found.label}"
        elif parent_node is not None:
            ref = f"{parent_node.ref}.{found.label}"
        else:
            ref = f"{prefix}.{found.label}"
        node = Node(ref, found.rest.strip(), len(open_nodes) + 1, style, row=rows.get(index))
        (parent_node.children if parent_node else roots).append(node)
        open_nodes.append(node)
    return roots


def leaves(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        if node.children:
            out.extend(leaves(node.children))
        elif node.ref:
            out.append(node)
    return out
