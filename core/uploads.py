"""Checking uploaded files by their content: images, PDF and office documents on an allowlist.

One place for every upload that is not a plain image: mentor desk attachments and the
documents comms staff add in the CMS (`core.cms_forms`).

Images go through `core.images.image_clean` (re-encoded, metadata removed). PDF must
start and end like a PDF; office documents must be real OOXML or OpenDocument packages (ZIP
files with the parts those formats require, nothing after the archive, no entry outside it)
without macros (no VBA part, and none declared by content type or relationship), and unpack
to a bounded size (no zip bombs). A PDF that names scripts, program launches, form
submissions or embedded files (also inside compressed object streams) is refused: CMS
documents are served inline to anyone. PDF and office files are stored as they came, so one
that also carries a web page or script (a polyglot) is refused. The stored name is rebuilt
from a safe stem and the detected type's extension.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .images import ERROR_NOT_IMAGE, ImageRejected, image_clean

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024
ERROR_TOO_LARGE = _("An attachment is larger than 10 MB.")
ERROR_TYPE = _(
    "“%(name)s” is not an image (JPEG, PNG, WebP), PDF or office document "
    "(Word, Excel, PowerPoint, OpenDocument)."
)
ERROR_ACTIVE_CONTENT = _(
    "“%(name)s” contains web page or script code. Save it again as a PDF or office "
    "document and attach that."
)
# What makes a browser or a PHP server run a file; never in a PDF's or package's plain bytes.
MARKUP = re.compile(
    rb"<(?:!doctype|html|head|body|script|iframe|svg|object|embed|\?php)\b", re.IGNORECASE
)
ZIP_END = b"PK\x05\x06"

ERROR_ACTIVE_PDF = _(
    "“%(name)s” is a PDF that runs actions (scripts, programs, forms that send data or "
    "embedded files). Save it again as a plain PDF (for example with “Print to PDF”) and "
    "attach that."
)
ERROR_MACROS = _(
    "“%(name)s” contains macros or ActiveX controls. Save it again as a document without "
    "macros (.docx, .xlsx, .pptx) and attach that."
)
# A PDF's names for actions that run or send something, and for files carried inside it.
# Documents are served to anyone, inline: such a PDF is refused rather than trusted to the
# reader's viewer. Triggers (/OpenAction, /AA) are allowed: a harmless one opens a page or
# sets the zoom, and a harmful one names one of these.
PDF_ACTIVE_NAMES = {
    b"/JavaScript",
    b"/JS",
    b"/Launch",
    b"/SubmitForm",
    b"/ImportData",
    b"/EmbeddedFile",
    b"/EmbeddedFiles",
    b"/RichMedia",
    b"/XFA",
}
PDF_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Readers also accept a lone CR after the keyword, so the check must too.
PDF_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\r|\n)")
FILTERS = {
    b"/FlateDecode",
    b"/Fl",
    b"/ASCIIHexDecode",
    b"/AHx",
    b"/ASCII85Decode",
    b"/A85",
    b"/LZWDecode",
    b"/LZW",
    b"/RunLengthDecode",
    b"/RL",
    b"/Crypt",
}
# What makes an office package run code: declared content types and relationships.
OFFICE_ACTIVE = re.compile(
    rb"vbaProject|vbaData|macroEnabled|activeX|ms-office\.vba|keyMapCustomizations",
    re.IGNORECASE,
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


def _after_archive(data: bytes) -> tuple[bytes, bytes]:
    """A ZIP file's comment and whatever follows the archive (both empty for a clean one)."""
    end = data.rfind(ZIP_END)
    if end < 0 or len(data) < end + 22:
        return b"", data
    length = int.from_bytes(data[end + 20 : end + 22], "little")
    return data[end + 22 : end + 22 + length], data[end + 22 + length :]


def _declares_macros(archive: zipfile.ZipFile, names: list[str]) -> bool:
    """Whether the package says it runs code, wherever its parts are: a macro-enabled or
    VBA content type in [Content_Types].xml, a relationship to a VBA project or ActiveX
    control in any .rels part, an OpenDocument Basic or script folder."""
    declarations = [
        name
        for name in names
        if name == "[Content_Types].xml"
        or name.endswith(".rels")
        or name == "META-INF/manifest.xml"
    ]
    for name in declarations:
        if OFFICE_ACTIVE.search(archive.read(name)):
            return True
    return any(name.startswith(("Basic/", "Scripts/")) for name in names)


def _pdf_names(text: bytes):
    for match in PDF_NAME.finditer(text):
        name = match.group()
        yield PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), name) if b"#" in name else name


def _pdf_is_active(data: bytes) -> bool:
    """Whether a PDF names an action that runs or sends something, or an embedded file:
    in its plain objects, or in its object streams (where names can hide, compressed).
    An object stream that cannot be read (not plain Flate, or unpacking too large) counts
    as active: what cannot be checked is not served."""
    all_names = list(_pdf_names(data))
    if any(name in PDF_ACTIVE_NAMES for name in all_names):
        return True
    budget = MAX_UNPACKED
    object_streams = 0
    for match in PDF_STREAM.finditer(data):
        # The stream's dictionary, however long (padding must not push it out of sight).
        head = data[max(data.rfind(b"obj", 0, match.start()), 0) : match.start()]
        names = set(_pdf_names(head))
        if b"/ObjStm" not in names:
            continue  # page content, images, fonts: no dictionaries of actions
        object_streams += 1
        if names & {b"/DecodeParms", b"/DP"} or (names & FILTERS) != {b"/FlateDecode"}:
            return True
        end = data.find(b"endstream", match.end())
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(data[match.end() : end if end > 0 else None], budget)
        except zlib.error:
            return True
        budget -= len(inflated)
        if budget <= 0 or any(name in PDF_ACTIVE_NAMES for name in _pdf_names(inflated)):
            return True
    # An object stream named somewhere but not found as a stream above was not checked.
    return all_names.count(b"/ObjStm") > object_streams


def _office(data: bytes) -> tuple[str, str] | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            return None
        if any(name.startswith("/") or "\\" in name or ".." in name.split("/") for name in names):
            return None  # an entry that would unpack outside the folder
        if any(name.lower().endswith(("vbaproject.bin", ".bin")) for name in names):
            return None  # macros
        if _declares_macros(archive, names):
            raise AttachmentRejected(ERROR_MACROS)
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
        if MARKUP.search(data):
            raise AttachmentRejected(ERROR_ACTIVE_CONTENT % {"name": stem})
        if _pdf_is_active(data):
            raise AttachmentRejected(ERROR_ACTIVE_PDF % {"name": stem})
        return CleanFile(f"{stem}.pdf", data, "application/pdf")
    if data.startswith(b"PK\x03\x04"):
        comment, trailing = _after_archive(data)
        if MARKUP.search(comment + trailing):
            raise AttachmentRejected(ERROR_ACTIVE_CONTENT % {"name": stem})
        try:
            found = None if trailing else _office(data)
        except AttachmentRejected as error:
            raise AttachmentRejected(error.args[0] % {"name": stem}) from error
        if found is None:
            raise AttachmentRejected(ERROR_TYPE % {"name": stem})
        extension, content_type = found
        return CleanFile(f"{stem}.{extension}", data, content_type)
    upload.seek(0)
    try:
        image = image_clean(upload, name=stem)
    except ImageRejected as error:
        reason = error.args[0] if error.args else ERROR_NOT_IMAGE
        if reason is not ERROR_NOT_IMAGE:  # an image, but too large or too many pixels
            raise AttachmentRejected(reason) from error
        raise AttachmentRejected(ERROR_TYPE % {"name": stem}) from error
    return CleanFile(image.name, image.read(), image.content_type)
