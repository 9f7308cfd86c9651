"""Course figures as a Wagtail report: the page, and its CSV and XLSX downloads."""

import csv
import io

import pytest
from openpyxl import load_workbook

from ambassadors.roles import Role
from courses import services
from tests.factories import make_user
from tests.factories.courses import answers

pytestmark = pytest.mark.django_db

# In Dutch, the CMS's language for a user who chose none.
HEADINGS = [
    "Cursus",
    "Gestart",
    "Afgerond",
    "Afrondingspercentage (%)",
    "Gemiddelde toetsscore (%)",
    "Waar de meeste cursisten afhaken",
    "Cursisten die daar afhaken",
]


@pytest.fixture
def learners(tree):
    """Two learners finish the intro and sit the quiz (one passes); a third only starts."""
    quiz = tree.quiz_lesson.quizzes()[0]
    finisher, stopper, starter = (make_user(Role.EMPLOYEE) for _ in range(3))
    for user in (finisher, stopper):
        services.lesson_open(user=user, course=tree.basics, lesson=tree.intro)
        services.lesson_mark_done(user=user, course=tree.basics, lesson=tree.intro)
        services.lesson_open(user=user, course=tree.basics, lesson=tree.quiz_lesson)
    common = {"course": tree.basics, "lesson": tree.quiz_lesson, "quiz_id": quiz.id}
    services.quiz_submit(
        user=stopper, answers=answers(tree.quiz_lesson, right=False), number=1, **common
    )
    services.quiz_submit(user=finisher, answers=answers(tree.quiz_lesson), number=1, **common)
    services.lesson_open(user=starter, course=tree.basics, lesson=tree.intro)
    return tree


def _rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_page_shows_each_course_with_its_figures(client_for, comms, learners):
    """The report lists each course with rate and score as percentages, and offers both
    downloads."""
    response = client_for(comms).get("/cms/course-figures/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Basics" in page
    assert "33%" in page
    assert "50%" in page
    assert "?export=csv" in page
    assert "?export=xlsx" in page


def test_the_csv_has_one_row_per_course_with_plain_numbers(client_for, comms, learners):
    """CSV: headings, then per course its counts and percentages as numbers, blank where a
    course has none."""
    response = client_for(comms).get("/cms/course-figures/?export=csv")
    assert response["Content-Type"] == "text/csv"
    assert 'filename="course-figures.csv"' in response["Content-Disposition"]
    rows = _rows(response)
    assert rows[0] == HEADINGS
    by_course = {row[0]: row for row in rows[1:]}
    basics = by_course["Basics"]
    assert basics[1:5] == ["3", "1", "33", "50"]
    assert basics[5] in {"Quiz time", "Your profile"}
    assert basics[6] == "1"
    assert by_course["Production"][1:] == ["0", "0", "", "", "", ""]


def test_the_xlsx_holds_the_same_rows_as_numbers(client_for, comms, learners):
    """XLSX: the same headings and rows, counts and percentages as numbers."""
    response = client_for(comms).get("/cms/course-figures/?export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    basics = next(row for row in rows[1:] if row[0] == "Basics")
    assert basics[1:5] == (3, 1, 33, 50)


def test_the_downloads_are_for_the_cms_only(client_for, mentor, learners):
    """Someone without CMS access gets no download."""
    response = client_for(mentor).get("/cms/course-figures/?export=csv")
    assert response.status_code == 302
    assert response["Location"].startswith("/cms/login/")
