import dataclasses

import pytest

from danchu.core.documents.domain.layout import (
    OFFICIAL_LAYOUT,
    Layout,
    LayoutOutsideDecree,
    check_layout,
)


def test_official_layout_is_inside_the_decree():
    layout = OFFICIAL_LAYOUT
    assert 20 <= layout.margin_top_mm <= 25 and 20 <= layout.margin_bottom_mm <= 25
    assert 30 <= layout.margin_left_mm <= 35 and 15 <= layout.margin_right_mm <= 20
    assert 13 <= layout.body_pt <= 14
    assert layout.first_line_indent_cm in (1, 1.27)
    assert layout.paragraph_space_pt >= 6
    assert layout.recipients_label_pt == 12 and layout.recipients_pt == 11


@pytest.mark.parametrize(
    "change",
    [
        {"margin_left_mm": 25},
        {"margin_right_mm": 25},
        {"margin_top_mm": 15},
        {"body_pt": 12},
        {"first_line_indent_cm": 1.5},
        {"paragraph_space_pt": 3},
        {"line_height": 2},
    ],
)
def test_layout_outside_the_decree_is_refused(change):
    with pytest.raises(LayoutOutsideDecree):
        check_layout(dataclasses.replace(Layout(), **change))
