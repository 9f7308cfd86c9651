"""Employee import from CSV: check everything first, write all or nothing."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record
from core.sanitise import FORMULA_START

from .accounts import invitations_enqueue
from .models import Ambassador, Department, EmployeeImport, Language, Source
from .roles import Role

COLUMNS = ("email", "first_name", "last_name", "department", "language")
# Headers people actually type, in both languages, mapped to our columns.
HEADER_ALIASES = {
    "email": "email",
    "e-mail": "email",
    "e-mailadres": "email",
    "emailadres": "email",
    "mail": "email",
    "first_name": "first_name",
    "first name": "first_name",
    "firstname": "first_name",
    "voornaam": "first_name",
    "last_name": "last_name",
    "last name": "last_name",
    "lastname": "last_name",
    "achternaam": "last_name",
    "department": "department",
    "afdeling": "department",
    "language": "language",
    "taal": "language",
}
LANGUAGE_ALIASES = {
    "": Language.DUTCH,
    "nl": Language.DUTCH,
    "nederlands": Language.DUTCH,
    "dutch": Language.DUTCH,
    "en": Language.ENGLISH,
    "engels": Language.ENGLISH,
    "english": Language.ENGLISH,
}


@dataclass
class ImportReport:
    fatal: str = ""
    errors: list[dict] = field(default_factory=list)
    create: list[dict] = field(default_factory=list)
    update: list[dict] = field(default_factory=list)
    # Rows for existing accounts the import may not change (see `_refusal`): left out.
    refused: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.fatal and not self.errors

    def as_json(self) -> dict:
        return {
            "fatal": self.fatal,
            "errors": self.errors,
            "create": self.create,
            "update": self.update,
            "refused": self.refused,
        }


def decode_upload(raw: bytes) -> tuple[str | None, str]:
    """The text of an upload, or None with the reason a person can act on."""
    if len(raw) > settings.ACADEMY_IMPORT_MAX_BYTES:
        limit = settings.ACADEMY_IMPORT_MAX_BYTES // 1024
        return None, _("The file is larger than %(limit)s KB.") % {"limit": limit}
    if not raw.strip():
        return None, _("The file is empty.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, _(
            "The file is not UTF-8 text (unreadable byte at position %(position)s). "
            "In Excel choose 'CSV UTF-8' when saving."
        ) % {"position": exc.start}
    if "\x00" in text:
        return None, _(
            "The file contains binary data (a NUL byte at position %(position)s), not text. "
            "In Excel choose 'CSV UTF-8' when saving."
        ) % {"position": text.index("\x00")}
    return text, ""


def employee_csv_check(text: str) -> ImportReport:
    """Read and validate every row; nothing is written."""
    report = ImportReport()
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        # Only the delimiter is guessed: quotes are always doubled the standard way (the
        # sniffer misses that when the first lines happen to have no doubled quote).
        dialect.doublequote, dialect.quotechar, dialect.escapechar = True, '"', None
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        report.fatal = _("The file has no header row.")
        return report
    columns = [HEADER_ALIASES.get(name.strip().lower()) for name in header]
    missing = [name for name in COLUMNS if name not in columns]
    if missing:
        report.fatal = _("Missing columns: %(missing)s. Expected: %(expected)s.") % {
            "missing": ", ".join(missing),
            "expected": ", ".join(COLUMNS),
        }
        return report
    index = {name: columns.index(name) for name in COLUMNS}
    # The account a row updates is the first with its address (as sign-in finds it).
    existing = {
        email.lower(): pk
        for pk, email in User.objects.exclude(email="").order_by("-pk").values_list("pk", "email")
    }
    refusals = _refusals()
    seen: dict[str, int] = {}
    try:
        rows = list(reader)
    except csv.Error as exc:
        report.fatal = _("The file is not valid CSV: %(error)s") % {"error": exc}
        return report
    if len(rows) > settings.ACADEMY_IMPORT_MAX_ROWS:
        report.fatal = _("The file has more than %(limit)s rows.") % {
            "limit": settings.ACADEMY_IMPORT_MAX_ROWS
        }
        return report
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            report.errors.append(
                {"line": line, "message": _("This row has fewer columns than the header.")}
            )
            continue
        values = {name: row[index[name]].strip() for name in COLUMNS}
        problems = _row_problems(values)
        email = values["email"].lower()
        if email and email in seen:
            problems.append(
                _("This e-mail address already appears on line %(line)s.") % {"line": seen[email]}
            )
        seen.setdefault(email, line)
        if problems:
            report.errors.append({"line": line, "message": " ".join(problems)})
            continue
        entry = {
            "line": line,
            "email": email,
            "first_name": values["first_name"],
            "last_name": values["last_name"],
            "department": values["department"],
            "language": LANGUAGE_ALIASES[values["language"].lower()],
        }
        if email not in existing:
            report.create.append(entry)
        elif existing[email] in refusals:
            report.refused.append(
                {"line": line, "email": email, "message": refusals[existing[email]]}
            )
        else:
            report.update.append(entry)
    if not report.errors and not report.create and not report.update:
        report.fatal = (
            _("Nothing to import: every person in the file is left out (see below).")
            if report.refused
            else _("The file has a header but no employees.")
        )
    return report


def _refusals() -> dict[int, str]:
    """The existing accounts an import may not change, each with the reason.

    Comms staff run the import and may not edit users, so it touches only employees of the
    programme: accounts in the Employees group and in no other group, neither staff nor
    superuser. Everyone else (administrators, comms staff, mentors, members of Wagtail's
    own groups, accounts outside the programme) is left out, and the report says why.
    """
    employees = Role.EMPLOYEE.value
    other_groups = Group.objects.exclude(name=employees)
    refusals: dict[int, str] = {}
    candidates = User.objects.filter(
        Q(is_staff=True)
        | Q(is_superuser=True)
        | Q(groups__in=other_groups)
        | ~Q(pk__in=User.objects.filter(groups__name=employees).values("pk"))
    ).distinct()
    memberships: dict[int, set[str]] = {}
    for pk, group in User.groups.through.objects.filter(user__in=candidates).values_list(
        "user_id", "group__name"
    ):
        memberships.setdefault(pk, set()).add(group)
    for user in candidates.only("pk", "is_staff", "is_superuser"):
        groups = memberships.get(user.pk, set())
        if user.is_superuser or user.is_staff or Role.ADMIN.value in groups:
            role = _("an administrator")
        elif Role.COMMS.value in groups:
            role = _("a member of the comms team")
        elif Role.MENTOR.value in groups:
            role = _("a mentor")
        elif groups - {employees}:
            role = _("a member of the group “%(group)s”") % {
                "group": sorted(groups - {employees})[0]
            }
        else:
            refusals[user.pk] = _(
                "This account is not an employee in the programme, so the import leaves it "
                "alone. An administrator can change it under Settings → Users."
            )
            continue
        refusals[user.pk] = _(
            "This is the account of %(role)s: the import changes only employees. "
            "An administrator can change it under Settings → Users."
        ) % {"role": role}
    return refusals


def _row_problems(values: dict[str, str]) -> list[str]:
    problems = []
    for name in ("email", "first_name", "last_name", "department"):
        value = values[name]
        if len(value) > 1 and value.startswith(FORMULA_START):
            problems.append(
                _(
                    "'%(value)s' starts with '%(start)s', so a spreadsheet would run it as a "
                    "formula. Remove that character."
                )
                % {"value": value[:60], "start": value[0]}
            )
    try:
        validate_email(values["email"])
    except ValidationError:
        problems.append(
            _("'%(email)s' is not a valid e-mail address.") % {"email": values["email"]}
            if values["email"]
            else _("The e-mail address is missing.")
        )
    if not values["first_name"]:
        problems.append(_("The first name is missing."))
    for name in ("first_name", "last_name"):
        if len(values[name]) > 150:
            problems.append(_("A name may be at most 150 characters."))
    if len(values["department"]) > 120:
        problems.append(_("A department name may be at most 120 characters."))
    if values["language"].lower() not in LANGUAGE_ALIASES:
        problems.append(
            _("Language '%(language)s' is unknown: use nl or en.")
            % {"language": values["language"]}
        )
    return problems


def employee_import_check(*, uploaded_by: User, file_name: str, raw: bytes) -> EmployeeImport:
    """Store an upload with its dry-run report."""
    text, problem = decode_upload(raw)
    report = ImportReport(fatal=problem) if text is None else employee_csv_check(text)
    return EmployeeImport.objects.create(
        uploaded_by=uploaded_by,
        file_name=file_name[:255],
        content=text or "",
        status=EmployeeImport.Status.CHECKED if report.ok else EmployeeImport.Status.REJECTED,
        report=report.as_json(),
    )


class ImportNotApplicable(Exception):
    pass


def employee_import_apply(
    *, employee_import: EmployeeImport, by: User | None = None
) -> EmployeeImport:
    """Create and update everyone in one transaction, then invite the new people."""
    with transaction.atomic():
        locked = EmployeeImport.objects.select_for_update().get(pk=employee_import.pk)
        if locked.status != EmployeeImport.Status.CHECKED:
            raise ImportNotApplicable(
                _("Only a checked file that has not been applied can be applied.")
            )
        # Check again: people may have been added since the dry run.
        report = employee_csv_check(locked.content)
        if not report.ok:
            locked.status = EmployeeImport.Status.REJECTED
            locked.report = report.as_json()
            locked.save(update_fields=["status", "report"])
            return locked
        employees_group, _created = Group.objects.get_or_create(name=Role.EMPLOYEE.value)
        departments = {}
        for entry in report.create + report.update:
            name = entry["department"]
            if name and name not in departments:
                departments[name], _created = Department.objects.get_or_create(name=name)
        new_ambassadors = []
        for entry in report.create:
            user = User(
                username=entry["email"][:150],
                email=entry["email"],
                first_name=entry["first_name"],
                last_name=entry["last_name"],
            )
            user.set_unusable_password()
            user.full_clean(exclude=["password"])
            user.save()
            user.groups.add(employees_group)
            new_ambassadors.append(
                Ambassador.objects.create(
                    user=user,
                    source=Source.IMPORT,
                    department=departments.get(entry["department"]),
                    language=entry["language"],
                )
            )
        for entry in report.update:
            user = User.objects.filter(email__iexact=entry["email"]).order_by("pk").first()
            user.first_name, user.last_name = entry["first_name"], entry["last_name"]
            user.save(update_fields=["first_name", "last_name"])
            ambassador, created = Ambassador.objects.get_or_create(
                user=user, defaults={"language": entry["language"]}
            )
            ambassador.department = departments.get(entry["department"])
            fields = ["department"]
            if ambassador.status == Ambassador.Status.INVITED:
                # Once someone has joined, the language is theirs to choose, not the file's.
                ambassador.language = entry["language"]
                fields.append("language")
            ambassador.save(update_fields=fields)
        locked.status = EmployeeImport.Status.APPLIED
        locked.applied_at = timezone.now()
        locked.report = report.as_json()
        locked.save(update_fields=["status", "applied_at", "report"])
        record(
            locked,
            "academy.import_apply",
            user=by,
            title=locked.file_name,
            created=len(report.create),
            updated=len(report.update),
            refused=len(report.refused),
        )
        invitations_enqueue([ambassador.pk for ambassador in new_ambassadors])
    return locked
