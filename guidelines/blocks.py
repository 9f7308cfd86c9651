"""The sections a guideline page is made of."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ambassadors.models import Network

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class PrinciplesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    items = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label=_("principle"), max_length=120)),
                ("text", blocks.TextBlock(label=_("explanation"))),
            ]
        ),
        label=_("principles"),
        min_num=1,
    )

    class Meta:
        icon = "pick"
        label = _("Principles")
        template = "guidelines/blocks/principles.html"


class DosAndDontsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    dos = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("do"))
    donts = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("don't"))

    class Meta:
        icon = "list-ul"
        label = _("Do's and don'ts")
        template = "guidelines/blocks/dos_and_donts.html"


class DisclosureBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.RichTextBlock(features=TEXT_FEATURES, label=_("text"))
    example = blocks.CharBlock(
        label=_("example"),
        max_length=300,
        required=False,
        help_text=_("A line an employee can use to say they work here."),
    )

    class Meta:
        icon = "user"
        label = _("Disclosure of the employment relationship")
        template = "guidelines/blocks/disclosure.html"


class ConfidentialityBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.RichTextBlock(features=TEXT_FEATURES, label=_("text"))
    never_share = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("never share"))

    class Meta:
        icon = "lock"
        label = _("Confidentiality")
        template = "guidelines/blocks/confidentiality.html"


class NegativeReactionsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.RichTextBlock(features=TEXT_FEATURES, label=_("text"))
    steps = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("steps"))

    class Meta:
        icon = "warning"
        label = _("Handling negative reactions")
        template = "guidelines/blocks/negative_reactions.html"


class NetworkTipsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    networks = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("network", blocks.ChoiceBlock(choices=Network.choices, label=_("network"))),
                ("tips", blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("tips"))),
            ]
        ),
        label=_("networks"),
    )

    class Meta:
        icon = "site"
        label = _("Tips per network")
        template = "guidelines/blocks/network_tips.html"


class TextSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.RichTextBlock(features=TEXT_FEATURES, label=_("text"))

    class Meta:
        icon = "doc-full"
        label = _("Text section")
        template = "guidelines/blocks/text.html"


class GuidelineStreamBlock(blocks.StreamBlock):
    principles = PrinciplesBlock()
    dos_and_donts = DosAndDontsBlock()
    disclosure = DisclosureBlock()
    confidentiality = ConfidentialityBlock()
    negative_reactions = NegativeReactionsBlock()
    network_tips = NetworkTipsBlock()
    text = TextSectionBlock()


class AudienceBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("audience"), max_length=120)
    description = blocks.TextBlock(label=_("description"))

    class Meta:
        icon = "group"
        label = _("Target audience")
