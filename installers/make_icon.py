#!/usr/bin/env python3
"""Draw FlexDesk's application icon: resources/icons/flexdesk.png (256 px) and flexdesk.ico.

    python installers/make_icon.py

A blue rounded tile with a white calendar sheet and a green tick: "schedules, approved". The
output is committed (a few KiB), so neither the app nor the build needs Pillow; run this again
only to change the drawing. The app loads the PNG through importlib.resources (window icon),
the .deb installs it as the menu icon, PyInstaller and Inno Setup take the .ico on Windows.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
BLUE = (21, 101, 192, 255)
DARK = (13, 71, 161, 255)
WHITE = (255, 255, 255, 255)
GREEN = (46, 160, 67, 255)
GREY = (176, 190, 197, 255)


def draw(size: int = 1024) -> Image.Image:
    s = size / 256
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((8 * s, 8 * s, 248 * s, 248 * s), radius=48 * s, fill=BLUE)
    # calendar sheet with a header band and two rings
    d.rounded_rectangle((52 * s, 60 * s, 204 * s, 204 * s), radius=14 * s, fill=WHITE)
    d.rounded_rectangle((52 * s, 60 * s, 204 * s, 96 * s), radius=14 * s, fill=DARK)
    d.rectangle((52 * s, 82 * s, 204 * s, 96 * s), fill=DARK)
    for x in (86, 170):
        d.rounded_rectangle(((x - 7) * s, 44 * s, (x + 7) * s, 76 * s), radius=7 * s, fill=WHITE)
    # a grid of days
    for row in range(3):
        for col in range(5):
            x = 68 + col * 26
            y = 110 + row * 28
            d.rounded_rectangle((x * s, y * s, (x + 16) * s, (y + 16) * s), radius=3 * s, fill=GREY)
    # the tick
    d.line(
        [(96 * s, 160 * s), (124 * s, 188 * s), (190 * s, 118 * s)],
        fill=GREEN,
        width=int(22 * s),
        joint="curve",
    )
    return img


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(ICONS / "flexdesk.png", optimize=True)
    big.save(ICONS / "flexdesk.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (256, 256)])
    print(ICONS / "flexdesk.png")
    print(ICONS / "flexdesk.ico")


if __name__ == "__main__":
    main()
