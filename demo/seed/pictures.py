"""Calm generated illustrations for the demo (no stock photos): a soft gradient in the
brand palette, a few simple shapes that belong to a topic, and a label. The same key
always draws the same picture; it is made in memory and stored once as a Wagtail image
(found again by its title, so seeding twice adds nothing)."""

from __future__ import annotations

import hashlib
import io
import math
import random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

# The palette of static/css/site.css: teal, dark teal, light teal, amber, ink, green.
TEAL, TEAL_DARK, TEAL_LIGHT = (11, 93, 99), (7, 67, 73), (227, 241, 241)
AMBER, INK, GREEN, WHITE = (242, 177, 52), (29, 43, 44), (30, 107, 52), (255, 255, 255)
BACKGROUNDS = [
    (TEAL_DARK, TEAL),
    (TEAL, (36, 128, 122)),
    ((16, 74, 64), GREEN),
    (INK, TEAL_DARK),
    ((24, 82, 104), TEAL),
]
# Drawn at half size and scaled up: soft edges, and fast.
SCALE = 2


def picture(
    *, key: str, motif: str, label: str, size: tuple[int, int], title: str, colour: str = ""
):
    """The Wagtail image titled `title`, drawn when it does not exist yet (on a gradient
    of `colour`, a "#rrggbb", when given; else of the brand palette)."""
    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    buffer = io.BytesIO()
    draw_picture(key=key, motif=motif, label=label, size=size, colour=colour).save(
        buffer, format="JPEG", quality=86, optimize=True
    )
    image = model(title=title)
    image.file = ImageFile(buffer, name=f"{key}.jpg")
    image.save()
    return image


def draw_picture(
    *, key: str, motif: str, label: str, size: tuple[int, int], colour: str = ""
) -> Image.Image:
    seed = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")
    rng = random.Random(seed)  # noqa: S311 (a picture, not a secret)
    width, height = size[0] // SCALE, size[1] // SCALE
    start, end = rng.choice(BACKGROUNDS)
    if colour:
        end = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        start = tuple(int(part * 0.62) for part in end)
    canvas = _gradient(width, height, start, end, flip=rng.random() < 0.5)
    halo = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    _halo(ImageDraw.Draw(halo), rng, width, height)
    if motif == "duurzaamheid":
        _fields(ImageDraw.Draw(halo), rng, width, height)
    shapes = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    MOTIFS.get(motif, _rings)(ImageDraw.Draw(shapes), rng, width, height)
    # The shapes sit a little differently on every picture, at a slightly different size.
    scale = rng.uniform(0.8, 1.0)
    shapes = shapes.resize((int(width * scale), int(height * scale)))
    offset = (
        int(width * (1 - scale) * rng.uniform(0.3, 1.0)) + rng.randint(-width // 20, 0),
        int(height * (1 - scale) * rng.uniform(0.0, 0.7)),
    )
    canvas = Image.alpha_composite(canvas.convert("RGBA"), halo)
    canvas.alpha_composite(shapes, dest=(max(offset[0], 0), offset[1]))
    canvas = canvas.resize(size, Image.Resampling.BICUBIC)
    if label:
        _label(canvas, label)
    return canvas.convert("RGB")


def _gradient(width, height, start, end, flip: bool) -> Image.Image:
    """A diagonal gradient from `start` (top left, or bottom left) to `end`."""
    down = Image.linear_gradient("L").resize((width, height))
    across = down.rotate(90, expand=True).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    mask = Image.blend(down, across.resize((width, height)), 0.5)
    if flip:
        mask = mask.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    return Image.composite(
        Image.new("RGB", (width, height), end), Image.new("RGB", (width, height), start), mask
    )


def _alpha(colour, alpha):
    return (*colour, alpha)


def _halo(draw, rng, width, height) -> None:
    """Two large soft circles behind everything."""
    for _ in range(2):
        radius = rng.randint(height // 2, height)
        x, y = rng.randint(width // 3, width), rng.randint(-height // 3, height)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 14))


def _sun(draw, rng, width, height) -> None:
    """Sustainability: a sun (over the fields of `_fields`)."""
    cx, cy = int(width * rng.uniform(0.6, 0.8)), int(height * rng.uniform(0.3, 0.45))
    radius = int(height * rng.uniform(0.13, 0.19))
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=_alpha(AMBER, 235))
    for ring in (1.5, 2.0):
        r = int(radius * ring)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=_alpha(AMBER, 90), width=3)


def _fields(draw, rng, width, height) -> None:
    """A low horizon of fields across the whole picture."""
    for row in range(rng.randint(3, 4)):
        y = int(height * (0.68 + row * 0.075))
        tilt = rng.randint(-14, 14)
        draw.polygon(
            [(0, y + tilt), (width, y - tilt), (width, height), (0, height)],
            fill=_alpha(TEAL_LIGHT, 30 + row * 18),
        )


def _network(draw, rng, width, height) -> None:
    """Innovation: a few nodes joined by thin lines, over a grid of dots."""
    for x in range(width // 2, width - 10, 24):
        for y in range(20, height - 10, 24):
            draw.ellipse((x - 2, y - 2, x + 2, y + 2), fill=(255, 255, 255, 40))
    cx, cy = int(width * 0.72), height // 2
    nodes = [
        (
            int(cx + math.cos(angle) * width * rng.uniform(0.12, 0.2)),
            int(cy + math.sin(angle) * height * rng.uniform(0.25, 0.36)),
        )
        for angle in (n * math.tau / 6 + rng.uniform(-0.3, 0.3) for n in range(6))
    ]
    for a, b in zip(nodes, nodes[1:] + nodes[:1], strict=True):
        draw.line((a, b), fill=(255, 255, 255, 120), width=2)
    for a in nodes[1::2]:
        draw.line((a, (cx, cy)), fill=(255, 255, 255, 80), width=2)
    draw.ellipse((cx - 18, cy - 18, cx + 18, cy + 18), fill=_alpha(AMBER, 235))
    for number, (x, y) in enumerate(nodes):
        r = 8 + 3 * (number % 2)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_alpha(WHITE, 230))


def _bubbles(draw, rng, width, height) -> None:
    """Customer stories: two speech bubbles, one answering the other."""
    for number, (left, top) in enumerate(((0.5, 0.2), (0.62, 0.5))):
        x, y = int(width * left), int(height * top)
        w, h = int(width * 0.3), int(height * 0.22)
        colour = _alpha(WHITE, 215) if number == 0 else _alpha(AMBER, 225)
        draw.rounded_rectangle((x, y, x + w, y + h), radius=18, fill=colour)
        tail = x + (24 if number == 0 else w - 24)
        draw.polygon([(tail - 10, y + h), (tail + 10, y + h), (tail, y + h + 16)], fill=colour)
        for line in range(2):
            ly = y + 22 + line * 22
            draw.rounded_rectangle(
                (x + 20, ly, x + w - 20 - line * 50, ly + 8),
                radius=4,
                fill=_alpha(TEAL_DARK, 90),
            )


def _people(draw, rng, width, height) -> None:
    """Working here: a small team, one of them in amber."""
    count = rng.randint(3, 4)
    base = int(height * 0.82)
    for number in range(count):
        x = int(width * 0.5) + number * int(width * 0.12)
        head = 22 + (number % 2) * 4
        top = base - 120 - (number % 2) * 14
        colour = AMBER if number == count // 2 else WHITE
        draw.ellipse((x - head, top - head, x + head, top + head), fill=_alpha(colour, 225))
        draw.rounded_rectangle(
            (x - 40, top + head + 8, x + 40, base), radius=30, fill=_alpha(colour, 180)
        )


def _rings(draw, rng, width, height) -> None:
    """Craftsmanship: a gear-like ring with square teeth."""
    cx, cy = int(width * 0.72), int(height * 0.5)
    radius = int(height * 0.24)
    for tooth in range(10):
        angle = tooth * math.pi / 5 + rng.random() * 0.1
        tx, ty = cx + math.cos(angle) * radius * 1.18, cy + math.sin(angle) * radius * 1.18
        draw.ellipse((tx - 14, ty - 14, tx + 14, ty + 14), fill=_alpha(WHITE, 200))
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=_alpha(WHITE, 210))
    inner = radius // 2
    draw.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), fill=_alpha(AMBER, 240))
    for ring in (1.6, 1.95):
        r = int(radius * ring)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(255, 255, 255, 50), width=2)


def _calendar(draw, rng, width, height) -> None:
    """Events: a calendar page with one day marked."""
    x, y = int(width * 0.52), int(height * 0.16)
    w, h = int(width * 0.36), int(height * 0.66)
    draw.rounded_rectangle((x, y, x + w, y + h), radius=16, fill=_alpha(WHITE, 220))
    draw.rounded_rectangle((x, y, x + w, y + 40), radius=16, fill=_alpha(AMBER, 240))
    draw.rectangle((x, y + 24, x + w, y + 40), fill=_alpha(AMBER, 240))
    marked = rng.randrange(15)
    cell = (w - 30) // 5
    for number in range(15):
        cx = x + 15 + (number % 5) * cell + cell // 2
        cy = y + 64 + (number // 5) * 38
        fill = _alpha(TEAL, 230) if number == marked else _alpha(TEAL, 60)
        r = 12 if number == marked else 6
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)


def _chart(draw, rng, width, height) -> None:
    """Market developments: rising bars and a trend line."""
    base, left, bar = int(height * 0.82), int(width * 0.5), int(width * 0.06)
    tops = []
    level = rng.uniform(0.25, 0.35)
    for number in range(5):
        level = min(level + rng.uniform(0.04, 0.12), 0.9)
        top = base - int(height * 0.6 * level)
        x = left + number * int(bar * 1.5)
        draw.rounded_rectangle(
            (x, top, x + bar, base), radius=6, fill=_alpha(WHITE, 170 + number * 12)
        )
        tops.append((x + bar // 2, top - 18))
    draw.line(tops, fill=_alpha(AMBER, 240), width=4)
    for x, y in tops:
        draw.ellipse((x - 6, y - 6, x + 6, y + 6), fill=_alpha(AMBER, 255))
    draw.line(
        (left - 10, base, left + 5 * int(bar * 1.5), base), fill=(255, 255, 255, 120), width=2
    )


def _blocks(draw, rng, width, height) -> None:
    """A lesson: stacked cards, like pages of a course."""
    for number in range(3):
        x = int(width * 0.55) + number * 26
        y = int(height * 0.2) + number * 30
        w, h = int(width * 0.3), int(height * 0.45)
        fill = _alpha(AMBER, 235) if number == 2 else _alpha(WHITE, 90 + number * 60)
        draw.rounded_rectangle((x, y, x + w, y + h), radius=14, fill=fill)
    x, y = int(width * 0.55) + 52 + 24, int(height * 0.2) + 60 + 30
    for line in range(3):
        draw.rounded_rectangle(
            (x, y + line * 22, x + 140 - line * 30, y + line * 22 + 9),
            radius=4,
            fill=_alpha(INK, 110),
        )


MOTIFS = {
    "duurzaamheid": _sun,
    "innovatie": _network,
    "klantverhalen": _bubbles,
    "werken-bij": _people,
    "vakmanschap": _rings,
    "evenementen": _calendar,
    "marktontwikkelingen": _chart,
    "lesson": _blocks,
}


def _label(canvas: Image.Image, label: str) -> None:
    """The label in a light pill at the bottom left, large enough to read on a card."""
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.load_default(size=max(canvas.height // 10, 28))
    left, top, right, bottom = draw.textbbox((0, 0), label, font=font)
    pad_x, pad_y = 34, 18
    x, y = 64, canvas.height - 64 - (bottom - top) - 2 * pad_y
    draw.rounded_rectangle(
        (x, y, x + right - left + 2 * pad_x, y + bottom - top + 2 * pad_y),
        radius=(bottom - top) // 2 + pad_y,
        fill=TEAL_LIGHT,
    )
    draw.text((x + pad_x - left, y + pad_y - top), label, font=font, fill=TEAL_DARK)
