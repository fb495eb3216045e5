"""A synthetic household register (CSV, one row per person) for the import benchmark."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Ngọc", "Hữu")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Mai", "Nam", "Sơn", "Thảo", "Yến")
HEADER = [
    "ma_thon", "so_ho", "dia_chi", "ho_ten", "ngay_sinh", "gioi_tinh",
    "so_dinh_danh", "dien_thoai", "quan_he", "dai_dien", "cu_tru",
]  # fmt: skip


def write_register(path: Path, village_codes: list[str], rows: int, seed: int = 7) -> int:
    """Write ``rows`` person rows in households of 1–6; return the number of households."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    today = date.today()
    written = households = 0
    serial = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        while written < rows:
            households += 1
            village = village_codes[households % len(village_codes)]
            size = min(rng.choice((1, 2, 3, 3, 4, 4, 5, 6)), rows - written)
            for position in range(size):
                male = rng.random() < 0.5
                born = today - timedelta(days=rng.randint(16 * 365, 80 * 365))
                serial += 1
                digit = (0 if born.year < 2000 else 2) + (0 if male else 1)
                writer.writerow(
                    [
                        village,
                        f"I{households:07d}",
                        f"Số {households}, {village}",
                        f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                        born.strftime("%d/%m/%Y"),
                        "Nam" if male else "Nữ",
                        f"038{digit}{born.year % 100:02d}{serial:06d}",
                        "",
                        "Chủ hộ" if position == 0 else "Con",
                        "x" if position == 0 else "",
                        "thường trú",
                    ]
                )
            written += size
    return households
