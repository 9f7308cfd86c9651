"""The CMS list machinery: strict id filters, and exports safe to open in a spreadsheet."""

import django_filters
from django.core.exceptions import ValidationError
from django.db import models
from django_filters.fields import ModelChoiceField, ModelMultipleChoiceField
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.users.views.users import UserFilterSet
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .numbers import parse_int
from .sanitise import safe_cell


def _refuse_odd_ids(field, values) -> None:
    if (field.to_field_name or "pk") != "pk":
        return
    for value in values:
        if value in field.empty_values or value == getattr(field, "null_value", None):
            continue
        if parse_int(str(value), minimum=1) is None:
            raise ValidationError(
                field.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": value},
            )


class StrictModelChoiceField(ModelChoiceField):
    """A related-object filter that refuses odd ids before asking the database."""

    def to_python(self, value):
        _refuse_odd_ids(self, [value])
        return super().to_python(value)


class StrictModelMultipleChoiceField(ModelMultipleChoiceField):
    """A many-to-many filter that refuses odd ids before asking the database."""

    def _check_values(self, value):
        _refuse_odd_ids(self, value)
        return super()._check_values(value)


class StrictModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = StrictModelChoiceField


class StrictModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = StrictModelMultipleChoiceField


def _strict_defaults() -> dict:
    defaults = dict(WagtailFilterSet.FILTER_DEFAULTS)
    for field_class, filter_class in (
        (models.ForeignKey, StrictModelChoiceFilter),
        (models.OneToOneField, StrictModelChoiceFilter),
        (models.ManyToManyField, StrictModelMultipleChoiceFilter),
    ):
        defaults[field_class] = {**defaults[field_class], "filter_class": filter_class}
    return defaults


class StrictFilterSet(WagtailFilterSet):
    """The CMS lists' filters (`list_filter`), with related-object ids parsed strictly."""

    FILTER_DEFAULTS = _strict_defaults()


class StrictUserFilterSet(UserFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail adds the group filter per instance; its field is built on first use.
        self.filters["group"].field_class = StrictModelMultipleChoiceField


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user list (administrators only), with odd group ids ignored, not a 500."""

    filterset_class = StrictUserFilterSet


class SafeExportIndexView(SnippetIndexView):
    """A CMS list whose CSV export makes formula-like text safe (Wagtail does that for XLSX
    only): names, titles and descriptions come from people and imports."""

    custom_value_preprocess = {
        **SnippetIndexView.custom_value_preprocess,
        str: {SnippetIndexView.FORMAT_CSV: safe_cell},
    }
    base_filterset_class = StrictFilterSet


class ExportingSnippetViewSet(SnippetViewSet):
    """Base for our snippet lists that offer CSV/XLSX exports (`list_export`)."""

    index_view_class = SafeExportIndexView
