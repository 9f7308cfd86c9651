"""A panel of the item's form in the CMS: a suggested text's retired state, read only."""

from __future__ import annotations

from wagtail.admin.panels import Panel


class RetiredStatePanel(Panel):
    """Says when a suggested text was retired and where to offer it again; nothing for a text
    still offered. The state itself is changed only on the item's "Texts and figures" page."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "sharing/admin/retired_state_panel.html"

        def is_shown(self) -> bool:
            return getattr(self.instance, "retired_at", None) is not None

        def get_context_data(self, parent_context=None):
            return {**super().get_context_data(parent_context), "variant": self.instance}
