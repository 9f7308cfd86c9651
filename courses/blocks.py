"""StreamField blocks of a lesson. The quiz block never renders its answers: the page
template shows questions and options only, and grading happens on the server."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from core.streamfield import stream_value


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("text alternative"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video address"), help_text=_("A YouTube or Vimeo link."))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)
    transcript = blocks.TextBlock(label=_("transcript"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("warning", _("Watch out"))], default="tip", label=_("kind")
    )
    text = blocks.TextBlock(label=_("text"))

    class Meta:
        icon = "help"
        label = _("Tip or warning")
        template = "courses/blocks/callout.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    items = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("items"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "courses/blocks/checklist.html"


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)
    feedback = blocks.CharBlock(
        label=_("feedback"),
        max_length=500,
        required=False,
        help_text=_("Shown after grading, when this answer was chosen."),
    )


class QuestionBlock(blocks.StructBlock):
    SINGLE, MULTIPLE, TRUE_FALSE = "single", "multiple", "truefalse"
    kind = blocks.ChoiceBlock(
        choices=[
            (SINGLE, _("Single choice")),
            (MULTIPLE, _("Multiple choice")),
            (TRUE_FALSE, _("True or false")),
        ],
        default=SINGLE,
        label=_("kind"),
    )
    text = blocks.CharBlock(label=_("question"), max_length=500)
    options = blocks.ListBlock(OptionBlock(), label=_("answers"), min_num=2)

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["correct"])
        errors = {}
        if value["kind"] in (self.SINGLE, self.TRUE_FALSE) and correct != 1:
            errors["options"] = ValidationError(_("Mark exactly one answer as correct."))
        elif value["kind"] == self.MULTIPLE and correct < 1:
            errors["options"] = ValidationError(_("Mark at least one answer as correct."))
        if value["kind"] == self.TRUE_FALSE and len(value["options"]) != 2:
            errors["options"] = ValidationError(_("A true-or-false question has two answers."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    pass_mark = blocks.IntegerBlock(
        label=_("pass mark (%)"), min_value=1, max_value=100, default=70
    )
    max_attempts = blocks.IntegerBlock(
        label=_("attempts allowed"),
        min_value=0,
        default=0,
        help_text=_("0 means unlimited."),
    )
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "form"
        label = _("Quiz")


class LessonStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"], label=_("Text")
    )
    image = ImageWithCaptionBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    quiz = QuizBlock()


def lesson_body(blocks_and_values: list[tuple[str, object]]):
    """A lesson body from simple (type, value) pairs, every block and list item with an id."""
    return stream_value(LessonStreamBlock(), blocks_and_values)
