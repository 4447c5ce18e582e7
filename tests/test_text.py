import pytest

from core.text import fold, normalize, normalize_tone


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("hoà", "hòa"),
        ("Hoà Bình", "Hòa Bình"),
        ("Thuỷ Nguyên", "Thủy Nguyên"),
        ("khoẻ", "khỏe"),
        ("Uỷ ban", "Ủy ban"),
        # the tone stays where the syllable goes on, and after "qu"
        ("hoàng", "hoàng"),
        ("huỳnh", "huỳnh"),
        ("Quý II", "Quý II"),
    ],
)
def test_one_tone_placement_style(written: str, canonical: str) -> None:
    assert normalize_tone(written) == canonical


def test_decomposed_input_is_composed() -> None:
    decomposed = "Ha\u0300 Ta\u0302y"
    assert normalize(decomposed) == "Hà Tây"


@pytest.mark.parametrize("query", ["ha tay", "Hà Tây", "HA TAY", "hà  tây", "Ha Tay"])
def test_fold_makes_accents_and_case_irrelevant(query: str) -> None:
    assert fold(query) == "ha tay"


def test_fold_maps_d_stroke() -> None:
    assert fold("Đăk Cấm") == "dak cam"
    assert fold("hoà") == fold("hòa")
