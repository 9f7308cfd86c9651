"""Every CMS list that offers CSV/XLSX exports exports its rows, cell by cell."""

import csv
import io

import pytest
from openpyxl import load_workbook
from wagtail.snippets.models import get_snippet_models

from ambassadors.models import Department, Topic
from ambassadors.roles import Role
from missions.models import Mission
from tests.factories import make_user
from tests.factories.sharing import make_item

pytestmark = pytest.mark.django_db


def _ambassador():
    department = Department.objects.create(name="Service North")
    user = make_user(Role.EMPLOYEE, department=department)
    return [user.email, user.first_name, user.last_name, "Service North"]


def _department():
    Department.objects.create(name="Sales South")
    return ["Sales South"]


def _topic():
    Topic.objects.create(slug="heat-pumps", name_nl="Warmtepompen", name_en="Heat pumps")
    return ["heat-pumps", "Warmtepompen", "Heat pumps"]


def _mission():
    Mission.objects.create(
        stage=1, kind=Mission.Kind.COMMENT, title_nl="Reageer op ons bericht", title_en="Comment"
    )
    return ["Reageer op ons bericht", "Comment"]


def _content_item():
    item = make_item(title="Heat pumps in winter", url="https://news.example/heat-pumps")
    return [item.title, item.url]


def _refresher_question():
    from tests.factories.refreshers import DISCLOSURE_QUESTION, make_question

    make_question(language="en", explanation="Say it in your profile.")
    return ["en", DISCLOSURE_QUESTION["text"], "Say it in your profile."]


# A known row per exporting list: (make it, the cells it must show). A new list with
# `list_export` needs a row here (test_every_exporting_list_is_checked).
KNOWN_ROWS = {
    "ambassadors.ambassador": _ambassador,
    "ambassadors.department": _department,
    "ambassadors.topic": _topic,
    "missions.mission": _mission,
    "sharing.contentitem": _content_item,
    "refreshers.refresherquestion": _refresher_question,
}


def exporting_lists() -> set[str]:
    return {
        model._meta.label_lower
        for model in get_snippet_models()
        if isinstance(model.snippet_viewset.list_export, list | tuple)
        and model.snippet_viewset.list_export
    }


def test_every_exporting_list_is_checked():
    """Each snippet list with CSV/XLSX exports has a known row in this test."""
    assert exporting_lists() == set(KNOWN_ROWS)


def _rows(response, export_format: str) -> list[list[str]]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        return list(csv.reader(io.StringIO(content.decode())))
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [["" if cell is None else str(cell) for cell in row] for row in sheet.values]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("label", sorted(KNOWN_ROWS))
def test_exports_hold_their_rows(client_for, comms, label, export_format):
    """The export has the header and the known row with its cells, in CSV and in XLSX."""
    expected = KNOWN_ROWS[label]()
    app_label, model_name = label.split(".")
    response = client_for(comms).get(
        f"/cms/snippets/{app_label}/{model_name}/?export={export_format}"
    )
    assert response.status_code == 200
    header, *rows = _rows(response, export_format)
    assert all(heading and "__" not in heading and "." not in heading for heading in header)
    matching = [row for row in rows if set(expected) <= set(row)]
    assert matching, rows
    assert len(matching[0]) <= len(header)  # XLSX leaves out trailing empty cells
