"""An upload is a photo only if its bytes are one: the whole JPEG signature (FF D8 FF) is
read, not its first byte. A text file saved as UTF-16 by Notepad starts with FF FE; it is
neither taken for a photo as evidence nor sent to OCR as a scanned plan."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from apps.plans.uploads import sniff as sniff_plan
from apps.work import evidence
from core.filetypes import binary_type

UTF16_TEXT = "Kế hoạch bình đẳng giới năm 2026\r\n".encode("utf-16")  # FF FE, then the text


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, format="JPEG")
    return out.getvalue()


def test_a_file_starting_with_ff_but_not_a_jpeg_is_no_photo() -> None:
    assert UTF16_TEXT[:1] == b"\xff"
    assert binary_type(UTF16_TEXT, UTF16_TEXT) is None
    assert binary_type(b"\xff\xd9" + bytes(30)) is None
    assert binary_type(_jpeg()) == "jpg"


def test_evidence_refuses_it_as_the_wrong_type_of_file() -> None:
    with pytest.raises(ValidationError) as refused:
        evidence.check(UTF16_TEXT)
    assert refused.value.code == "wrong_type"
    assert evidence.check(_jpeg())[0] == "jpg"


def test_a_plan_upload_does_not_take_it_for_a_scan() -> None:
    assert sniff_plan(UTF16_TEXT) != "jpg"
    assert sniff_plan(_jpeg()) == "jpg"
