"""Checking attachments by their content: images, PDF and office documents on an allowlist.

Images go through `ambassadors.images.image_clean` (re-encoded, metadata removed). PDF must
start like a PDF; office documents must be real OOXML or OpenDocument packages (ZIP files
with the parts those formats require) without macros, and unpack to a bounded size (no zip
bombs). The stored name is rebuilt from a safe stem and the detected type's extension.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ambassadors.images import ImageRejected, image_clean

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024
MAX_PER_MESSAGE = 5
ERROR_TOO_LARGE = _("An attachment is larger than 10 MB.")
ERROR_TOO_MANY = _("At most 5 attachments at a time.")
ERROR_TYPE = _(
    "“%(name)s” is not an image (JPEG, PNG, WebP), PDF or office document "
    "(Word, Excel, PowerPoint, OpenDocument)."
)

OOXML = {
    "word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}


class AttachmentRejected(Exception):
    pass


@dataclass
class CleanFile:
    name: str
    content: bytes
    content_type: str


def safe_stem(filename: str) -> str:
    """The file's name without directories, odd characters or extension; never empty."""
    base = re.split(r"[\\/]", filename or "")[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^\w\- ]+", "", stem, flags=re.UNICODE).strip(" .-_")[:80]
    return stem or "attachment"


def _office(data: bytes) -> tuple[str, str] | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            return None
        if any(name.lower().endswith(("vbaproject.bin", ".bin")) for name in names):
            return None  # macros
        if "[Content_Types].xml" in names:
            for prefix, found in OOXML.items():
                if any(name.startswith(prefix) for name in names):
                    return found
        if "mimetype" in names:
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
            if mimetype in OPENDOCUMENT:
                return OPENDOCUMENT[mimetype], mimetype
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def attachment_clean(upload) -> CleanFile:
    """A checked copy of an uploaded file, or AttachmentRejected with a readable reason."""
    original = getattr(upload, "name", "") or ""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise AttachmentRejected(ERROR_TOO_LARGE)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise AttachmentRejected(ERROR_TOO_LARGE)
    stem = safe_stem(original)
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise AttachmentRejected(ERROR_TYPE % {"name": stem})
        return CleanFile(f"{stem}.pdf", data, "application/pdf")
    if data.startswith(b"PK\x03\x04"):
        found = _office(data)
        if found is None:
            raise AttachmentRejected(ERROR_TYPE % {"name": stem})
        extension, content_type = found
        return CleanFile(f"{stem}.{extension}", data, content_type)
    upload.seek(0)
    try:
        image = image_clean(upload, name=stem)
    except ImageRejected as error:
        raise AttachmentRejected(ERROR_TYPE % {"name": stem}) from error
    return CleanFile(image.name, image.read(), image.content_type)
