"""`core.text.fold_with_offsets` folds exactly as `fold` does and points back into the original."""

from hypothesis import given
from hypothesis import strategies as st

from phoihop.core.text import fold, fold_tokens, fold_with_offsets

VIETNAMESE = st.text(alphabet=st.sampled_from(list("aăâđĐeêoôơuưyAĂÂEÊ ỏếộữỳẠẶẬÉ\u0301\u0300\u0323\t\n.-:*\"'ßİ_1")))


@given(st.one_of(st.text(), VIETNAMESE))
def test_folds_as_fold_does_and_every_offset_points_into_the_original(text):
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text)
    assert len(offsets) == len(folded)
    assert offsets == sorted(offsets)
    assert all(0 <= offset < len(text) for offset in offsets)


def test_decomposed_input_maps_to_the_base_letters():
    text = "Tuye\u0302\u0300n gia\u0301o"  # "Tuyền giáo" typed with combining marks
    folded, offsets = fold_with_offsets(text)
    assert folded == "tuyen giao"
    assert [text[offset] for offset in offsets] == list("Tuyen giao")


def test_tokens_are_letters_and_digits_only():
    tokens = fold_tokens('05-CTr/BTGTU "Đắk Lắk" NEAR(x*) a_b')
    assert tokens == ["05", "ctr", "btgtu", "dak", "lak", "near", "x", "a", "b"]
