"""Checking uploaded images: real images only, bounded in bytes and pixels, metadata removed."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
# One limit for the site's and the CMS's images (about 7,700 × 5,200).
MAX_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

ERROR_TOO_LARGE = _("The image is larger than 8 MB.")
ERROR_NOT_IMAGE = _("This file is not a JPEG, PNG or WebP image.")
ERROR_TOO_MANY_PIXELS = _("The image has too many pixels.")


class ImageRejected(Exception):
    pass


def image_probe(data: bytes) -> str:
    """The image's format if `data` is an allowed image within the pixel limit;
    ImageRejected otherwise. Reads the header only: no pixels are decoded yet."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            width, height = probe.size
            probe.verify()
    except Image.DecompressionBombError as exc:  # a header claiming billions of pixels
        raise ImageRejected(ERROR_TOO_MANY_PIXELS) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImageRejected(ERROR_NOT_IMAGE) from exc
    if kind not in ALLOWED_FORMATS:
        raise ImageRejected(ERROR_NOT_IMAGE)
    if width * height > MAX_PIXELS:
        raise ImageRejected(ERROR_TOO_MANY_PIXELS)
    return kind


def image_decode(data: bytes) -> None:
    """Decode every pixel (after `image_probe`): truncated files and compressed-chunk bombs
    fail here, with ImageRejected, instead of later when the image is used."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ImageRejected(ERROR_NOT_IMAGE) from exc


def image_clean(upload, *, name: str = "image") -> SimpleUploadedFile:
    """A re-encoded copy of an uploaded image without EXIF or location data, or ImageRejected.

    Reads the content, not the file name; refuses decompression bombs before decoding.
    """
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ImageRejected(ERROR_TOO_LARGE)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImageRejected(ERROR_TOO_LARGE)
    kind = image_probe(data)
    extension = ALLOWED_FORMATS[kind]
    content_type = "image/jpeg" if extension == "jpg" else f"image/{extension}"
    return SimpleUploadedFile(
        f"{name}.{extension}", image_without_metadata(data, kind=kind), content_type=content_type
    )


def image_without_metadata(data: bytes, *, kind: str, quality: int | None = None) -> bytes:
    """The image re-encoded in its own format (JPEG, PNG or WebP): the pixels in their
    upright orientation, without EXIF, GPS, text chunks or comments; ImageRejected if it
    cannot be decoded. Check it with `image_probe` first."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            clean = ImageOps.exif_transpose(image)  # keep the orientation, drop the tags
            clean.info = {}  # text chunks, ICC notes, GPS: nothing travels along
            if kind == "JPEG" and clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            output = io.BytesIO()
            clean.save(output, format=kind, **({} if quality is None else {"quality": quality}))
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageRejected(ERROR_NOT_IMAGE) from exc
    return output.getvalue()
