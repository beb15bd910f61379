"""The legend under the Jadwal grid: each day code's colour chip and name, and how to read
the frames and the "Di kantor" row (in the page's translation context, "SchedulePage")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from flexdesk.domain.schedule import DAY_CODE_INFO


def legend_html(lang: str) -> str:
    chips = []
    for code, info in DAY_CODE_INFO.items():
        label = info.label_en if lang == "en" else info.label_id
        chips.append(
            f"<span style='background:{info.colour}'>&nbsp;<b>{code.value}</b>&nbsp;</span>"
            f"&nbsp;{label}"
        )
    return (
        "&nbsp;&nbsp; ".join(chips)
        + "&nbsp;&nbsp; "
        + QCoreApplication.translate(
            "SchedulePage",
            "(W = O. Bingkai merah: kesalahan, jingga: peringatan. Baris 'Di kantor': jumlah "
            "WFO, +n belum dijadwalkan.)",
        )
    )


class Legend(QLabel):
    def __init__(self, lang: str) -> None:
        super().__init__(legend_html(lang))
        self.setObjectName("schedule_legend")
        self.setWordWrap(True)
