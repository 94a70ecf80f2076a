"""Synthetic site photos for the demo audit: drawn scenes with camera EXIF (time, GPS, serial).

They carry GPS and a camera serial on purpose, so a newcomer can see that display copies strip them
while the original stays byte for byte what the "camera" wrote.
"""

from __future__ import annotations

import io
import random
from datetime import datetime

from PIL import Image, ImageDraw, ImageFont

SIZE = (1600, 1200)


def _font(size: int):
    for name in ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _scene(kind: str, rng: random.Random) -> Image.Image:
    img = Image.new("RGB", SIZE, (188, 190, 186))
    draw = ImageDraw.Draw(img)
    w, h = SIZE
    draw.rectangle([0, int(h * 0.62), w, h], fill=(132, 128, 118))  # floor
    for x in range(0, w, 160):  # ceiling lights
        draw.rectangle([x + 40, 20, x + 120, 34], fill=(245, 245, 230))
    if kind == "exit":
        draw.rectangle([620, 250, 980, 760], fill=(70, 110, 80))
        draw.rectangle([700, 180, 900, 235], fill=(20, 160, 60))
        draw.text((718, 188), "EXIT", font=_font(30), fill="white")
        for _ in range(7):  # cartons stacked against the door
            x, y = 560 + rng.randint(0, 380), 600 + rng.randint(-40, 120)
            draw.rectangle([x, y, x + 150, y + 120], fill=(176, 136, 90), outline=(120, 90, 60), width=4)
        draw.line([720, 520, 880, 520], fill=(40, 40, 40), width=12)  # chain and padlock
        draw.ellipse([780, 500, 830, 560], fill=(200, 170, 40))
    elif kind == "machine":
        draw.rectangle([400, 300, 1200, 760], fill=(60, 90, 140))
        draw.rectangle([620, 420, 980, 600], fill=(30, 30, 30))
        draw.text((420, 310), "PUNCH PRESS #7", font=_font(34), fill="white")
    elif kind == "dormitory":
        for i in range(3):
            x = 180 + i * 460
            draw.rectangle([x, 420, x + 380, 700], fill=(150, 120, 90))
            draw.rectangle([x, 300, x + 380, 330], fill=(110, 90, 70))
        draw.line([100, 200, 1500, 260], fill=(30, 30, 30), width=6)  # overloaded extension lead
    elif kind == "chemicals":
        for i in range(8):
            x = 200 + i * 150
            draw.rectangle([x, 520, x + 110, 760], fill=(rng.randint(20, 220), 60, 60))
            draw.rectangle([x + 20, 560, x + 90, 620], fill=(240, 240, 240))
    elif kind == "records":
        img.paste((235, 232, 220), (200, 120, 1400, 1100))
        for row in range(22):
            y = 160 + row * 42
            draw.line([240, y, 1360, y], fill=(150, 150, 160), width=2)
            draw.text((250, y + 6), f"2026-08-{row + 1:02d}  08:00  20:30  {'✓' if row % 7 else ' '}",
                      font=_font(24), fill=(30, 30, 60))
    else:
        draw.rectangle([300, 350, 1300, 700], fill=(120, 130, 150))
    for _ in range(2500):  # sensor noise, so the JPEG looks like a photo, not a drawing
        x, y = rng.randrange(w), rng.randrange(h)
        v = rng.randint(-25, 25)
        pixel = img.getpixel((x, y))
        assert isinstance(pixel, tuple)  # an RGB image's pixels are (r, g, b)
        r, g, b = pixel
        img.putpixel((x, y), (max(0, min(255, r + v)), max(0, min(255, g + v)), max(0, min(255, b + v))))
    return img


def demo_photo(kind: str, taken: datetime, seed: int) -> bytes:
    """A JPEG as a phone would write it: EXIF time, orientation, GPS and the camera's serial."""
    rng = random.Random(seed)
    img = _scene(kind, rng)
    exif = Image.Exif()
    exif[0x010F] = "DemoCam"                      # Make
    exif[0x0110] = "Field 12"                     # Model
    exif[0x0112] = 1                              # Orientation
    ifd = exif.get_ifd(0x8769)
    ifd[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")  # DateTimeOriginal
    ifd[0x9011] = "+08:00"                        # OffsetTimeOriginal
    ifd[0xA431] = "SN-DEMO-000417"                # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (22.0, 58.0, 30.0)      # Changping, Dongguan
    gps[3], gps[4] = "E", (114.0, 0.0, 20.0)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=88, exif=exif)
    return out.getvalue()
