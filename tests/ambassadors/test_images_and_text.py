"""Uploaded images are verified, bounded and stripped; user text is sanitised."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.images import ImageRejected, image_clean
from core.sanitise import clean_html, clean_text


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "teal")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0)}  # GPS info
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


def test_exif_and_location_are_removed():
    """A phone photo keeps its pixels and loses its camera and GPS data."""
    raw = _jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif()
    cleaned = image_clean(SimpleUploadedFile("photo.jpg", raw))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.size == (40, 30)
        assert not image.getexif()
    assert cleaned.name.endswith(".jpg")


@pytest.mark.parametrize(
    "payload",
    [
        b"%PDF-1.4 not an image",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"\x89PNG\r\n\x1a\n" + b"corrupt" * 10,
        b"",
    ],
)
def test_non_images_and_corrupt_files_are_refused(payload):
    """Renamed files, SVG and corrupt images are refused by content, not by name."""
    with pytest.raises(ImageRejected):
        image_clean(SimpleUploadedFile("screenshot.png", payload))


def test_decompression_bomb_is_refused():
    """A small file that would decode to a huge image is refused before decoding."""
    image = Image.new("1", (9000, 9000))  # 81 megapixels, a few kB as PNG
    output = io.BytesIO()
    image.save(output, format="PNG")
    assert len(output.getvalue()) < 200_000
    with pytest.raises(ImageRejected):
        image_clean(SimpleUploadedFile("bomb.png", output.getvalue()))


def test_oversized_file_is_refused():
    """More than 8 MB is refused without reading the rest."""
    with pytest.raises(ImageRejected):
        image_clean(SimpleUploadedFile("big.png", b"\0" * (8 * 1024 * 1024 + 1)))


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        "<svg onload=alert(1)>",
        '<iframe src="data:text/html,x"></iframe>',
    ],
)
def test_sanitiser_leaves_nothing_executable(attack):
    """Scripts, handlers and javascript: links do not survive either cleaner."""
    for cleaned in (clean_html(attack), clean_text(attack)):
        lowered = cleaned.lower()
        assert "<script" not in lowered
        assert "onerror=" not in lowered
        assert "onload=" not in lowered
        assert "javascript:" not in lowered
        assert "<iframe" not in lowered
    assert clean_html("<p>Hi <strong>there</strong></p>") == "<p>Hi <strong>there</strong></p>"


def test_plain_text_is_text_not_html():
    """Tags go, the rest stays as typed (shown once escaped by the templates, not twice)."""
    assert clean_text("Q&A <3 <b>bold</b>\x00 done") == "Q&A <3 bold done"
    assert clean_text("Tom &amp; Jerry") == "Tom & Jerry"
    assert clean_text("line\nnext\ttab") == "line\nnext\ttab"


@pytest.mark.django_db
def test_a_request_with_an_ampersand_reads_right_on_both_sides(client_for, employee):
    from tests.factories.mentors import file_request, make_mentor

    mentor = make_mentor("question")
    ticket = file_request(employee, subject="Q&A <3 session", body="Tom & Jerry, R&D")
    for client, url in (
        (client_for(employee), f"/help/{ticket.pk}/"),
        (client_for(mentor), f"/desk/{ticket.pk}/"),
    ):
        html = client.get(url).content.decode()
        assert "Q&amp;A &lt;3 session" in html
        assert "&amp;amp;" not in html
        assert "Tom &amp; Jerry, R&amp;D" in html


@pytest.mark.django_db
def test_a_subject_with_a_line_break_still_makes_a_one_line_e_mail_subject(employee):
    from ambassadors import services

    notification = services.notify(
        recipient=employee, kind="test", key="line-break", subject="Hello\r\nBcc: x@example.org"
    )
    assert notification.subject == "Hello Bcc: x@example.org"
