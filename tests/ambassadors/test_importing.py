"""Employee CSV import: dry run with per-row errors, all-or-nothing apply, invitations by task."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from ambassadors.importing import (
    employee_import_apply,
    employee_import_check,
    employee_import_start,
)
from ambassadors.models import Ambassador, Department, EmployeeImport, Source
from ambassadors.roles import Role
from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

GOOD = (
    "email,first_name,last_name,department,language\n"
    "anna@example.org,Anna,Jansen,Sales,nl\n"
    "ben@example.org,Ben,Smit,IT,en\n"
)


def check(uploader, text: str | bytes) -> EmployeeImport:
    raw = text.encode() if isinstance(text, str) else text
    return employee_import_check(uploaded_by=uploader, file_name="people.csv", raw=raw)


def apply(employee_import: EmployeeImport, by=None) -> EmployeeImport:
    """Ask for the import to be applied and run its task here (as the worker would)."""
    employee_import_start(employee_import=employee_import, by=by)
    return employee_import_apply(employee_import_id=employee_import.pk)


def test_good_file_is_checked_without_writing(comms):
    """The dry run reports what would happen and creates nobody."""
    result = check(comms, GOOD)
    assert result.status == EmployeeImport.Status.CHECKED
    assert [row["email"] for row in result.report["create"]] == [
        "anna@example.org",
        "ben@example.org",
    ]
    assert not User.objects.filter(email="anna@example.org").exists()


def test_apply_creates_people_and_invites_them_once(comms, django_capture_on_commit_callbacks):
    """Applying creates users, profiles and departments, and sends one invitation each."""
    result = check(comms, GOOD)
    with django_capture_on_commit_callbacks(execute=True):
        employee_import_start(employee_import=result, by=comms)
    anna = User.objects.get(email="anna@example.org")
    assert not anna.has_usable_password()
    assert anna.groups.filter(name=Role.EMPLOYEE.value).exists()
    assert anna.ambassador.department.name == "Sales"
    assert User.objects.get(email="ben@example.org").ambassador.language == "en"
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "ben@example.org"]
    assert "/accounts/password/reset/" in mail.outbox[0].body
    # Applying the same import again is refused; nobody is invited twice.
    with pytest.raises(Exception, match="applied"):
        employee_import_start(employee_import=EmployeeImport.objects.get(pk=result.pk), by=comms)
    from ambassadors import tasks

    assert tasks.send_invitation(anna.ambassador.pk) is False
    tasks.sweep_outbox()
    assert len(mail.outbox) == 2


def test_invitation_link_lets_the_person_choose_a_password(
    client, comms, django_capture_on_commit_callbacks
):
    """The link in the invitation opens the set-password form and the new password works."""
    with django_capture_on_commit_callbacks(execute=True):
        employee_import_start(employee_import=check(comms, GOOD), by=comms)
    body = next(m.body for m in mail.outbox if m.to == ["anna@example.org"])
    link = next(line for line in body.splitlines() if "/accounts/password/reset/" in line)
    path = link.split("127.0.0.1:8000", 1)[1].strip()
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"] is True
    new = "Sunflower-Harbour-42"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert client.login(username="anna@example.org", password=new)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("email,first_name\nanna@example.org,Anna\n", "Missing columns"),
        (b"email,first_name,last_name,department,language\nj\xe9r\xf4me@x.org,J,R,S,nl\n", "UTF-8"),
        ("", "empty"),
        ("email,first_name,last_name,department,language\n", "no employees"),
    ],
)
def test_file_level_problems_are_fatal(comms, content, expected):
    """Missing columns, wrong encoding and empty files are rejected with a clear reason."""
    result = check(comms, content)
    assert result.status == EmployeeImport.Status.REJECTED
    assert expected in result.report["fatal"]


def test_row_errors_are_listed_per_line_and_nothing_is_written(comms):
    """Bad e-mail, missing name, unknown language and duplicates are reported with their line."""
    text = (
        "email,first_name,last_name,department,language\n"
        "good@example.org,Good,One,Sales,nl\n"
        "not-an-email,Bad,Mail,Sales,nl\n"
        "noname@example.org,,X,Sales,nl\n"
        "lang@example.org,Lang,X,Sales,fr\n"
        "GOOD@example.org,Dup,Licate,Sales,nl\n"
        "short@example.org,Short\n"
    )
    result = check(comms, text)
    assert result.status == EmployeeImport.Status.REJECTED
    lines = {error["line"]: error["message"] for error in result.report["errors"]}
    assert sorted(lines) == [3, 4, 5, 6, 7]
    assert "not-an-email" in lines[3]
    assert "line 2" in lines[6]
    with pytest.raises(Exception, match="checked"):
        employee_import_start(employee_import=result, by=comms)
    assert not User.objects.filter(email="good@example.org").exists()
    assert not Department.objects.exists()


def test_semicolons_and_dutch_headers_are_understood(comms):
    """A Dutch Excel export (semicolons, BOM, Dutch headers) is read correctly."""
    text = (
        "\ufeffE-mail;Voornaam;Achternaam;Afdeling;Taal\nkees@example.org;Kees;Mol;HR;Nederlands\n"
    )
    result = check(comms, text.encode("utf-8"))
    assert result.status == EmployeeImport.Status.CHECKED
    assert result.report["create"][0]["department"] == "HR"
    assert result.report["create"][0]["language"] == "nl"


def test_existing_people_are_updated_not_duplicated(comms, employee):
    """A row for an existing e-mail updates the department and keeps a joined person's language."""
    Ambassador.objects.filter(user=employee).update(language="en")
    text = f"email,first_name,last_name,department,language\n{employee.email},New,Name,HR,nl\n"
    result = check(comms, text)
    assert len(result.report["update"]) == 1
    apply(result)
    ambassador = Ambassador.objects.get(user=employee)
    assert ambassador.department.name == "HR"
    assert ambassador.language == "en"
    assert User.objects.filter(email__iexact=employee.email).count() == 1


def test_apply_rechecks_and_writes_nothing_when_data_changed(comms):
    """If someone was added between check and apply, the import is rejected and nothing written."""
    result = check(comms, GOOD)
    result.content = GOOD + "anna@example.org,Anna,Again,Sales,nl\n"
    result.save()
    outcome = apply(result)
    assert outcome.status == EmployeeImport.Status.REJECTED
    assert not User.objects.filter(email="anna@example.org").exists()


def test_upload_through_the_admin(client_for, comms, django_capture_on_commit_callbacks):
    """Comms staff upload, read the report and apply it in the Wagtail admin."""
    client = client_for(comms)
    upload = SimpleUploadedFile("people.csv", GOOD.encode(), content_type="text/csv")
    response = client.post("/cms/import-employees/", {"file": upload})
    assert response.status_code == 302
    report_url = response["Location"]
    page = client.get(report_url)
    assert page.status_code == 200
    assert b"anna@example.org" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(report_url)
    assert response.status_code == 302
    assert User.objects.filter(email="anna@example.org").exists()


def test_oversized_upload_is_refused(comms, settings):
    """A file over the size limit is rejected before it is parsed."""
    settings.ACADEMY_IMPORT_MAX_BYTES = 100
    result = check(comms, GOOD * 10)
    assert result.status == EmployeeImport.Status.REJECTED
    assert "KB" in result.report["fatal"]


def test_doubled_quotes_further_down_the_file_are_read(comms):
    """The delimiter is guessed from the start of the file; doubled quotes later are still
    understood as one quote (the sniffer alone missed them)."""
    rows = "".join(f"p{n}@example.org,Person,Number{n},,nl\n" for n in range(200))
    text = (
        "email,first_name,last_name,department,language\n"
        + rows
        + 'jan@example.org,"Jan ""Johnny""",de Vries,"Sales, North",nl\n'
    )
    result = check(comms, text)
    assert result.status == EmployeeImport.Status.CHECKED, result.report
    jan = next(row for row in result.report["create"] if row["email"] == "jan@example.org")
    assert (jan["first_name"], jan["department"]) == ('Jan "Johnny"', "Sales, North")


def test_cms_list_exports_make_formulas_harmless(client_for, comms):
    """The CMS's own CSV exports (Wagtail makes formulas safe for XLSX only) put an
    apostrophe before text that a spreadsheet would run, as the insights export does."""
    Department.objects.create(name='=HYPERLINK("https://evil.example","Sales")')
    Department.objects.create(name="Service")
    response = client_for(comms).get("/cms/snippets/ambassadors/department/?export=csv")
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert "Service" in lines
    assert any(line.startswith("\"'=HYPERLINK") for line in lines), lines
    assert not any(line.startswith(("=", '"=')) for line in lines)


def _rename_all(*people) -> str:
    return "email,first_name,last_name,department,language\n" + "".join(
        f"{person.email},Renamed,Byimport,Sales,nl\n" for person in people
    )


def test_the_import_changes_only_employees_and_reports_the_others(
    comms, employee, mentor, administrator
):
    """Comms staff may not edit users: rows for administrators, comms staff, mentors, members
    of other groups, staff and accounts outside the programme are left out with the reason;
    the employees in the same file are updated."""
    editor = User.objects.create_user("editor", "editor@example.org", first_name="Eddie")
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    staff = User.objects.create_user("staff", "staff@example.org", is_staff=True)
    outsider = User.objects.create_user("outsider", "outsider@example.org", first_name="Olga")
    people = [employee, mentor, comms, administrator, editor, staff, outsider]
    before = {person.pk: person.get_full_name() for person in people}

    result = check(comms, _rename_all(*people) + "new@example.org,New,Person,Sales,en\n")

    assert result.status == EmployeeImport.Status.CHECKED
    assert [row["email"] for row in result.report["update"]] == [employee.email]
    assert [row["email"] for row in result.report["create"]] == ["new@example.org"]
    reasons = {row["email"]: row["message"] for row in result.report["refused"]}
    assert set(reasons) == {person.email for person in people[1:]}
    assert reasons[administrator.email].startswith("This is the account of an administrator:")
    assert reasons[staff.email].startswith("This is the account of an administrator:")
    assert reasons[comms.email].startswith("This is the account of a member of the comms team:")
    assert reasons[mentor.email].startswith("This is the account of a mentor:")
    assert reasons[editor.email].startswith(
        "This is the account of a member of the group “Editors”:"
    )
    assert reasons[outsider.email].startswith("This account is not an employee in the programme")

    apply(result, by=comms)
    for person in people[1:]:
        person.refresh_from_db()
        assert person.get_full_name() == before[person.pk]
        assert not Ambassador.objects.filter(user=person, department__name="Sales").exists()
    employee.refresh_from_db()
    assert employee.get_full_name() == "Renamed Byimport"
    assert User.objects.filter(email="new@example.org").exists()


def test_the_cms_report_shows_the_rows_left_out(
    client_for, comms, administrator, django_capture_on_commit_callbacks
):
    """The report in the CMS lists a left-out row with its reason, and applying the file
    leaves the administrator's name alone."""
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=comms, defaults={"preferred_language": "en"})
    client = client_for(comms)
    upload = SimpleUploadedFile(
        "people.csv",
        (_rename_all(administrator) + "new@example.org,New,Person,Sales,en\n").encode(),
        content_type="text/csv",
    )
    report_url = client.post("/cms/import-employees/", {"file": upload})["Location"]
    page = client.get(report_url).content.decode()
    assert "1 row is left out: the import changes only employees in the programme." in page
    assert administrator.email in page
    assert "This is the account of an administrator" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(report_url)
    administrator.refresh_from_db()
    assert administrator.first_name != "Renamed"
    assert User.objects.filter(email="new@example.org").exists()


def test_a_file_of_only_other_roles_is_refused_as_a_whole(comms, mentor):
    """Nothing to do is said plainly, not applied as an empty import."""
    result = check(comms, _rename_all(mentor))
    assert result.status == EmployeeImport.Status.REJECTED
    assert result.report["fatal"].startswith("Nothing to import")
    assert result.report["refused"][0]["email"] == mentor.email


# Applying in the background, in bulk (issue 20).


def _people(start: int, count: int, *, first_name: str = "Person", department: str = "Sales"):
    return "".join(
        f"p{n}@example.org,{first_name},Number{n},{department},nl\n"
        for n in range(start, start + count)
    )


HEADER = "email,first_name,last_name,department,language\n"


def test_the_task_applies_and_reports_what_it_did(comms, employee):
    """The task creates, updates and counts the rows that were already up to date."""
    from ambassadors import tasks

    Ambassador.objects.filter(user=employee).update(department=None)
    same = make_user(Role.EMPLOYEE)
    same_row = f"{same.email},{same.first_name},{same.last_name},,{same.ambassador.language}\n"
    text = HEADER + _people(0, 3) + f"{employee.email},Eva,Nieuw,HR,nl\n" + same_row
    result = check(comms, text)
    employee_import_start(employee_import=result, by=comms)
    assert tasks.apply_employee_import(result.pk) == EmployeeImport.Status.APPLIED
    result.refresh_from_db()
    assert result.result == {
        "created": 3,
        "updated": 1,
        "unchanged": 1,
        "refused": 0,
        "invited": 3,
    }
    person = User.objects.get(email="p1@example.org")
    assert person.ambassador.source == Source.IMPORT
    assert person.ambassador.department.name == "Sales"
    assert not person.has_usable_password()
    assert person.username == "p1@example.org"
    assert list(person.groups.values_list("name", flat=True)) == [Role.EMPLOYEE.value]
    employee.refresh_from_db()
    assert (employee.first_name, employee.ambassador.department.name) == ("Eva", "HR")
    assert result.applied_by == comms
    assert result.applied_at is not None


def test_a_second_run_of_the_task_applies_nothing(comms, django_capture_on_commit_callbacks):
    """A retried or duplicated task finds the import applied and writes nothing more."""
    from ambassadors import tasks

    result = check(comms, HEADER + _people(0, 3))
    with django_capture_on_commit_callbacks(execute=True):
        employee_import_start(employee_import=result, by=comms)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert tasks.apply_employee_import(result.pk) == EmployeeImport.Status.APPLIED
    assert callbacks == []  # no invitation queued again
    assert User.objects.filter(email__regex=r"^p\d+@example\.org$").count() == 3
    assert ModelLogEntry.objects.filter(action="academy.import_apply").count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{n}@example.org" for n in range(3)]


def test_a_failure_midway_writes_nothing_and_says_so(comms, employee, monkeypatch):
    """An error in the second batch leaves no user, profile, department or name change: only
    the import's status FAILED and a message for comms staff."""
    from ambassadors import importing

    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    calls = []
    original = importing._reference_index_refresh

    def failing(ambassadors):
        calls.append(len(ambassadors))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        original(ambassadors)

    monkeypatch.setattr(importing, "_reference_index_refresh", failing)
    users_before = User.objects.count()
    text = HEADER + _people(0, 5, department="Brand new") + f"{employee.email},X,Y,HR,nl\n"
    result = apply(check(comms, text), by=comms)
    assert len(calls) == 2
    assert result.status == EmployeeImport.Status.FAILED
    assert User.objects.count() == users_before
    assert not Department.objects.filter(name__in=["Brand new", "HR"]).exists()
    employee.refresh_from_db()
    assert employee.first_name != "X"
    assert not ModelLogEntry.objects.filter(action="academy.import_apply").exists()
    assert importing.failure_message(result).startswith(
        "Applying the import failed, so nothing was written."
    )
    # A failed import cannot be applied again: comms staff upload the file anew.
    with pytest.raises(Exception, match="checked"):
        employee_import_start(employee_import=result, by=comms)


def test_a_taken_user_name_fails_the_import_with_the_reason(comms):
    """An account whose user name is the new address (its e-mail differs) stops the import."""
    User.objects.create_user("p1@example.org", "someone.else@example.org")
    result = apply(check(comms, HEADER + _people(0, 3)), by=comms)
    assert result.status == EmployeeImport.Status.FAILED
    from ambassadors.importing import failure_message

    assert "“p1@example.org” (line 3)" in failure_message(result)
    assert not User.objects.filter(email="p0@example.org").exists()


def test_a_department_lists_the_people_imported_into_it(comms):
    """Wagtail's usage of a department (its reference index) includes bulk-created people,
    and follows a move to another department."""
    from wagtail.models import ReferenceIndex

    apply(check(comms, HEADER + _people(0, 2)), by=comms)
    sales = Department.objects.get(name="Sales")
    assert ReferenceIndex.get_references_to(sales).count() == 2
    apply(check(comms, HEADER + _people(0, 1, department="HR")), by=comms)
    assert ReferenceIndex.get_references_to(sales).count() == 1
    hr = Department.objects.get(name="HR")
    assert ReferenceIndex.get_references_to(hr).count() == 1


def _apply_queries(comms, count: int) -> int:
    """Queries of applying a file of `count` rows, half updates of earlier imported people."""
    half = count // 2
    apply(check(comms, HEADER + _people(0, half)), by=comms)
    second = check(comms, HEADER + _people(0, half, first_name="Renamed") + _people(half, half))
    employee_import_start(employee_import=second, by=comms)
    with CaptureQueriesContext(connection) as captured:
        outcome = employee_import_apply(employee_import_id=second.pk)
    assert (outcome.result["created"], outcome.result["updated"]) == (half, half)
    User.objects.filter(email__regex=r"^p\d+@example\.org$").delete()
    return len(captured)


def test_applying_costs_about_the_same_queries_for_20_and_200_rows(comms):
    """Bulk writes: the queries of applying do not grow per row. (On SQLite Django splits one
    bulk insert into statements of at most 999 parameters, about 90 users each: 180 more rows
    may cost a few statements more, never one per row.)"""
    small, large = _apply_queries(comms, 20), _apply_queries(comms, 200)
    assert small <= 25
    assert large - small <= 180 // 50


def test_the_report_page_shows_progress_then_the_result(
    client_for, comms, employee, django_capture_on_commit_callbacks
):
    """While applying the page has a progress bar fed by the status endpoint; then the counts."""
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=comms, defaults={"preferred_language": "en"})
    client = client_for(comms)
    text = HEADER + _people(0, 2) + f"{employee.email},Eva,Nieuw,HR,nl\n"
    result = check(comms, text)
    url = f"/cms/import-employees/{result.pk}/"
    client.post(url)  # the task waits for the commit, which a test transaction never makes
    page = client.get(url).content.decode()
    assert '<progress aria-labelledby="import-progress-label" max="3" value="0">' in page
    assert "js/import-progress.js" in page
    status = client.get(f"{url}status/").json()
    assert (status["status"], status["finished"], status["done"], status["total"]) == (
        "applying",
        False,
        0,
        3,
    )
    with django_capture_on_commit_callbacks(execute=True):
        employee_import_apply(employee_import_id=result.pk)
    assert client.get(f"{url}status/").json()["finished"] is True
    page = client.get(url).content.decode()
    assert "<progress" not in page
    cells = dict(re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', page))
    assert cells == {
        "Created": "2",
        "Updated": "1",
        "Unchanged (already up to date)": "0",
        "Left out": "0",
        "Invitations queued": "2",
    }


def test_progress_is_read_from_the_cache_while_applying(comms):
    """The task's writes are invisible until it commits; its progress is in the cache."""
    from django.core.cache import cache

    from ambassadors.importing import import_progress, progress_key

    result = check(comms, HEADER + _people(0, 4))
    started = employee_import_start(employee_import=result, by=comms)
    cache.set(progress_key(result.pk), {"done": 2, "total": 4})
    assert import_progress(started) == {"done": 2, "total": 4}


def test_the_sweep_hands_a_stalled_import_to_a_worker_again(comms):
    """An import whose task was lost is applied by the periodic sweep."""
    import datetime as dt

    from ambassadors import tasks

    result = check(comms, HEADER + _people(0, 2))
    employee_import_start(employee_import=result, by=comms)
    tasks.sweep_outbox()
    assert EmployeeImport.objects.get(pk=result.pk).status == EmployeeImport.Status.APPLYING
    EmployeeImport.objects.filter(pk=result.pk).update(
        applying_since=timezone.now() - dt.timedelta(hours=1)
    )
    tasks.sweep_outbox()
    assert EmployeeImport.objects.get(pk=result.pk).status == EmployeeImport.Status.APPLIED


def test_an_import_that_never_finishes_fails_after_a_few_attempts(comms, monkeypatch):
    """A task killed every time (longer than a task may run) is not handed out forever."""
    import datetime as dt

    from ambassadors import importing, tasks

    handed_out = []
    monkeypatch.setattr(tasks, "enqueue", lambda name, pk: handed_out.append(pk))
    result = check(comms, HEADER + _people(0, 2))
    employee_import_start(employee_import=result, by=comms)
    for _attempt in range(importing.STALLED_ATTEMPTS + 1):
        EmployeeImport.objects.filter(pk=result.pk).update(
            applying_since=timezone.now() - dt.timedelta(hours=1)
        )
        tasks.sweep_outbox()
    assert handed_out == [result.pk] * importing.STALLED_ATTEMPTS
    failed = EmployeeImport.objects.get(pk=result.pk)
    assert failed.status == EmployeeImport.Status.FAILED
    with translation.override("en"):
        assert "nothing was written" in importing.failure_message(failed)
