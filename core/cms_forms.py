"""The CMS's image and document forms, with the same content checks as the site's uploads.

Wagtail checks images by format, size and pixel count (`WAGTAILIMAGES_*` settings) and
documents by extension only, and keeps the originals as uploaded (at a public address).
These bases, set in the settings (`WAGTAILIMAGES_IMAGE_FORM_BASE`,
`WAGTAILDOCS_DOCUMENT_FORM_BASE`), also decode every pixel of an image (truncated files
and compressed-chunk bombs are refused, not a server error later) and refuse images
carrying web page or script code, and store the original re-encoded without EXIF, GPS or
comments; a PDF or office document must be what its extension says, checked like mentor
desk attachments (no active PDFs, no macros).
"""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .images import ImageRejected, image_decode, image_probe, image_without_metadata
from .uploads import MARKUP, AttachmentRejected, attachment_clean, safe_stem

# Originals are what renditions are made from: re-encode them at a high quality.
CMS_JPEG_QUALITY = 92
CHECKED_DOCUMENTS = {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp"}
ERROR_NOT_WHAT_IT_SAYS = _("“%(name)s” is not the kind of file its name says (.%(extension)s).")
ERROR_NOT_TEXT = _("“%(name)s” is not a text file.")
ERROR_IMAGE_WITH_CODE = _(
    "“%(name)s” contains web page or script code. Save the image again and upload that."
)


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _without_metadata(upload, data: bytes):
    """The original as it will be stored (at a public address): re-encoded without EXIF,
    GPS, comments or text chunks. GIFs (no EXIF) are kept as they came."""
    try:
        kind = image_probe(data)
    except ImageRejected:
        return upload  # a GIF, which Wagtail allows and which carries no EXIF
    try:
        clean = image_without_metadata(data, kind=kind, quality=CMS_JPEG_QUALITY)
    except ImageRejected as error:
        raise ValidationError(error.args[0]) from error
    stripped = SimpleUploadedFile(upload.name, clean, content_type=upload.content_type)
    stripped.image = getattr(upload, "image", None)
    return stripped


class VerifiedImageField(WagtailImageField):
    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 (Pillow raises many kinds on broken files)
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class VerifiedImageForm(BaseImageForm):
    file = VerifiedImageField(label=_("File"))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or not hasattr(upload, "read"):
            return upload  # editing other fields, the file unchanged
        data = _read(upload)
        try:
            image_decode(data)  # format, size and pixels are checked by Wagtail's field
        except ImageRejected as error:
            raise ValidationError(error.args[0]) from error
        if MARKUP.search(data):
            raise ValidationError(ERROR_IMAGE_WITH_CODE % {"name": safe_stem(upload.name)})
        return _without_metadata(upload, data)


class VerifiedDocumentForm(BaseDocumentForm):
    def _post_clean(self):
        # A refused file is not put on the document, so the model's own extension check
        # would add a confusing second error ("extension '' is not allowed"): skip it.
        if self.has_error("file"):
            return
        super()._post_clean()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or not hasattr(upload, "read"):
            return upload
        name = safe_stem(upload.name)
        extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
        if extension in CHECKED_DOCUMENTS:
            upload.seek(0)
            try:
                found = attachment_clean(upload)
            except AttachmentRejected as error:
                raise ValidationError(error.args[0]) from error
            finally:
                upload.seek(0)
            if not found.name.endswith(f".{extension}"):
                raise ValidationError(
                    ERROR_NOT_WHAT_IT_SAYS % {"name": name, "extension": extension}
                )
        elif b"\x00" in _read(upload):  # csv, txt: text, not a binary file renamed
            raise ValidationError(ERROR_NOT_TEXT % {"name": name})
        return upload


class CmsLoginForm(LoginForm):
    """Wagtail's login form with its password field labelled in the person's language.

    Wagtail 8.0.1 redefines the field without a label, so Django names it from the field
    ("Password", in English on a Dutch page).
    """

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["password"].label = _("Password")
