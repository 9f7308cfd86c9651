"""Employee import from CSV: check everything first, write all or nothing."""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import ReferenceIndex

from core import versions
from core.audit import record
from core.queue import enqueue_on_commit
from core.sanitise import FORMULA_START

from .accounts import invitations_enqueue
from .models import Ambassador, Department, EmployeeImport, Language, Source
from .roles import Role

logger = logging.getLogger(__name__)

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
    # The account each update row changes, by address (for applying; not in the report).
    user_ids: dict[str, int] = field(default_factory=dict, repr=False)

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
            report.user_ids[email] = existing[email]
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


# Applying: in the background, in bulk, all or nothing.
#
# Comms staff ask for an import to be applied (`employee_import_start`: CHECKED → APPLYING,
# committed at once); a django-q2 task then applies it (`employee_import_apply`) in one
# transaction: APPLYING → APPLIED, or REJECTED when the file no longer passes the check, or
# FAILED when anything goes wrong, with nothing else written. The status, read under a row
# lock, is what makes a second run of the task (a retry, the sweep) do nothing.

BATCH_SIZE = 1000
STALLED_ATTEMPTS = 3
PROGRESS_TIMEOUT = 60 * 60

NOT_APPLICABLE = gettext_lazy("Only a checked file that has not been applied can be applied.")
FAILURES = {
    "error": gettext_lazy(
        "Applying the import failed, so nothing was written. Try again with a new upload; "
        "if it fails again, an administrator finds the cause in the server log "
        "(employee import %(pk)s)."
    ),
    "username_taken": gettext_lazy(
        "Nothing was written: the user name “%(username)s” (line %(line)s) already belongs to "
        "an account with another e-mail address. An administrator can change that account "
        "under Settings → Users; then upload the file again."
    ),
    "account_invalid": gettext_lazy(
        "Nothing was written: line %(line)s cannot become an account (%(problem)s). "
        "Correct the file and upload it again."
    ),
}


class ImportNotApplicable(Exception):
    pass


class ImportFailure(Exception):
    """A reason the whole import is refused while applying, worded by FAILURES[code]."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


def failure_message(employee_import: EmployeeImport) -> str:
    """Why applying failed, in the reader's language."""
    code = employee_import.result.get("failure", "error")
    params = {"pk": employee_import.pk, **employee_import.result.get("params", {})}
    return FAILURES.get(code, FAILURES["error"]) % params


def progress_key(pk: int) -> str:
    return f"employee-import:{pk}:progress"


def import_progress(employee_import: EmployeeImport) -> dict:
    """Rows done out of the rows to write, while applying; the counts once it is done."""
    total = len(employee_import.report.get("create", [])) + len(
        employee_import.report.get("update", [])
    )
    if employee_import.status == EmployeeImport.Status.APPLIED:
        return {"done": total, "total": total}
    if employee_import.status != EmployeeImport.Status.APPLYING:
        return {"done": 0, "total": total}
    # The task's writes are invisible to everyone else until its one transaction commits,
    # so the task reports progress where they can read it at once: the shared cache (Redis,
    # or files on one machine). A row updated from a second database connection would be
    # visible too, but on SQLite that connection waits for the task's write lock, and the
    # progress is worth nothing once the import is done. Without a shared cache the bar
    # stays at 0 until the result is there, nothing worse.
    progress = cache.get(progress_key(employee_import.pk)) or {}
    return {"done": min(progress.get("done", 0), total), "total": total}


def employee_import_start(*, employee_import: EmployeeImport, by: User | None) -> EmployeeImport:
    """Hand a checked import to a worker; refused for anything but a checked import."""
    with transaction.atomic():
        locked = EmployeeImport.objects.select_for_update().get(pk=employee_import.pk)
        if locked.status != EmployeeImport.Status.CHECKED:
            raise ImportNotApplicable(str(NOT_APPLICABLE))
        locked.status = EmployeeImport.Status.APPLYING
        locked.applied_by = by
        locked.applying_since = timezone.now()
        locked.save(update_fields=["status", "applied_by", "applying_since"])
        cache.delete(progress_key(locked.pk))
        enqueue_on_commit("ambassadors.tasks.apply_employee_import", locked.pk)
    return locked


def imports_stalled() -> list[int]:
    """Imports asked for long ago and still not applied: their task was lost (for the sweep).

    Longer than a task may run and be retried (Q_CLUSTER's timeout and retry), so a task
    still at work is not handed out again; if it is, the row lock and status make it a no-op.
    Each is handed out again STALLED_ATTEMPTS times at most, that long apart; then it fails
    (an import that cannot finish within a task's time is not retried forever).
    """
    now = timezone.now()
    since = now - timedelta(seconds=settings.Q_CLUSTER["retry"] * 2)
    again = []
    with transaction.atomic():
        for stalled in EmployeeImport.objects.select_for_update().filter(
            status=EmployeeImport.Status.APPLYING, applying_since__lt=since
        ):
            attempts = stalled.result.get("attempts", 0) + 1
            if attempts > STALLED_ATTEMPTS:
                stalled.status = EmployeeImport.Status.FAILED
                stalled.result = {"failure": "error", "params": {}}
                logger.error("Employee import %s never finished; marked failed.", stalled.pk)
            else:
                stalled.result = {**stalled.result, "attempts": attempts}
                stalled.applying_since = now
                again.append(stalled.pk)
            stalled.save(update_fields=["status", "result", "applying_since"])
    return again


def employee_import_apply(*, employee_import_id: int) -> EmployeeImport:
    """The task's work: apply an import once, all or nothing, then invite the new people."""
    owned = False
    try:
        with transaction.atomic():
            locked = EmployeeImport.objects.select_for_update().get(pk=employee_import_id)
            if locked.status != EmployeeImport.Status.APPLYING:
                return locked  # applied, failed or rejected by an earlier run
            owned = True
            return _apply(locked)
    except Exception as error:
        if not owned:
            raise  # not ours to mark (e.g. the lock was not granted): the retry decides
        logger.exception("Employee import %s failed; nothing was written.", employee_import_id)
        if isinstance(error, ImportFailure):
            result = {"failure": error.code, "params": error.params}
        else:
            result = {"failure": "error", "params": {}}
        EmployeeImport.objects.filter(
            pk=employee_import_id, status=EmployeeImport.Status.APPLYING
        ).update(status=EmployeeImport.Status.FAILED, result=result)
        cache.delete(progress_key(employee_import_id))
        return EmployeeImport.objects.get(pk=employee_import_id)


def _apply(locked: EmployeeImport) -> EmployeeImport:
    # Check again: people may have been added since the dry run.
    report = employee_csv_check(locked.content)
    if not report.ok:
        locked.status = EmployeeImport.Status.REJECTED
        locked.report = report.as_json()
        locked.save(update_fields=["status", "report"])
        return locked
    progress = _Progress(locked.pk, total=len(report.create) + len(report.update))
    departments = _departments({entry["department"] for entry in report.create + report.update})
    invited = _create_people(report.create, departments, progress)
    updated, unchanged = _update_people(report, departments, progress)
    # Bulk writes send no save signal: what is shown about people by name is out of date.
    versions.move(versions.PEOPLE)
    locked.status = EmployeeImport.Status.APPLIED
    locked.applied_at = timezone.now()
    locked.report = report.as_json()
    locked.result = {
        "created": len(report.create),
        "updated": updated,
        "unchanged": unchanged,
        "refused": len(report.refused),
        "invited": len(invited),
    }
    locked.save(update_fields=["status", "applied_at", "report", "result"])
    record(
        locked,
        "academy.import_apply",
        user=locked.applied_by,
        title=locked.file_name,
        created=len(report.create),
        updated=updated,
        unchanged=unchanged,
        refused=len(report.refused),
    )
    invitations_enqueue(invited)
    return locked


class _Progress:
    def __init__(self, pk: int, *, total: int):
        self.key, self.total, self.done = progress_key(pk), total, 0
        cache.set(self.key, {"done": 0, "total": total}, PROGRESS_TIMEOUT)

    def advance(self, rows: int) -> None:
        self.done += rows
        cache.set(self.key, {"done": self.done, "total": self.total}, PROGRESS_TIMEOUT)


def _batches(rows: list):
    size = BATCH_SIZE  # read at call time (a test makes batches small)
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _departments(names: set[str]) -> dict[str, Department]:
    """Every department the file names, by name; the missing ones created (one query each way)."""
    names.discard("")
    found = {department.name: department for department in Department.objects.all()}
    missing = [Department(name=name) for name in sorted(names - found.keys())]
    for batch in _batches(missing):
        Department.objects.bulk_create(batch)
    if missing and missing[0].pk is None:  # a database that returns no keys from an insert
        found = {department.name: department for department in Department.objects.all()}
    else:
        found.update((department.name, department) for department in missing)
    return found


def _create_people(
    entries: list[dict], departments: dict[str, Department], progress: _Progress
) -> list[int]:
    """New users (unusable password, Employees group) and their profiles; their ids."""
    employees_group, _created = Group.objects.get_or_create(name=Role.EMPLOYEE.value)
    membership = User.groups.through
    invited = []
    for batch in _batches(entries):
        users = []
        for entry in batch:
            user = User(
                username=entry["email"][:150],
                email=entry["email"],
                first_name=entry["first_name"],
                last_name=entry["last_name"],
            )
            user.set_unusable_password()
            try:
                # Uniqueness is checked for the whole batch below, in one query.
                user.full_clean(exclude=["password"], validate_unique=False)
            except ValidationError as error:
                problem = " ".join(
                    message for messages in error.message_dict.values() for message in messages
                )
                raise ImportFailure(
                    "account_invalid", line=entry["line"], problem=problem
                ) from error
            users.append(user)
        taken = set(
            User.objects.filter(username__in=[user.username for user in users]).values_list(
                "username", flat=True
            )
        )
        if taken:
            entry = next(e for e in batch if e["email"][:150] in taken)
            raise ImportFailure("username_taken", username=entry["email"][:150], line=entry["line"])
        User.objects.bulk_create(users)
        if users[0].pk is None:  # a database that returns no keys from an insert
            ids = dict(
                User.objects.filter(username__in=[user.username for user in users]).values_list(
                    "username", "pk"
                )
            )
            for user in users:
                user.pk = ids[user.username]
        membership.objects.bulk_create(
            [membership(user_id=user.pk, group_id=employees_group.pk) for user in users]
        )
        ambassadors = [
            Ambassador(
                user_id=user.pk,
                source=Source.IMPORT,
                department=departments.get(entry["department"]),
                language=entry["language"],
            )
            for user, entry in zip(users, batch, strict=True)
        ]
        Ambassador.objects.bulk_create(ambassadors)
        if ambassadors[0].pk is None:
            ids = dict(
                Ambassador.objects.filter(user_id__in=[user.pk for user in users]).values_list(
                    "user_id", "pk"
                )
            )
            for ambassador in ambassadors:
                ambassador.pk = ids[ambassador.user_id]
        _reference_index_refresh(ambassadors)
        invited.extend(ambassador.pk for ambassador in ambassadors)
        progress.advance(len(batch))
    return invited


def _update_people(
    report: ImportReport, departments: dict[str, Department], progress: _Progress
) -> tuple[int, int]:
    """Names, department and (until someone joins) language of existing employees; only the
    rows that change anything are written. Returns (updated, unchanged)."""
    updated = unchanged = 0
    for batch in _batches(report.update):
        ids = [report.user_ids[entry["email"]] for entry in batch]
        users = User.objects.only("pk", "first_name", "last_name").in_bulk(ids)
        profiles = {
            ambassador.user_id: ambassador
            for ambassador in Ambassador.objects.filter(user_id__in=ids).only(
                "pk", "user_id", "department_id", "language", "status"
            )
        }
        changed_users, changed_profiles, new_profiles = [], [], []
        for entry, pk in zip(batch, ids, strict=True):
            user, ambassador = users[pk], profiles.get(pk)
            department = departments.get(entry["department"])
            department_id = department.pk if department else None
            user_changed = (user.first_name, user.last_name) != (
                entry["first_name"],
                entry["last_name"],
            )
            if user_changed:
                user.first_name, user.last_name = entry["first_name"], entry["last_name"]
                changed_users.append(user)
            if ambassador is None:
                # An employee without a profile gets one (as `get_or_create` gave before).
                new_profiles.append(
                    Ambassador(user_id=pk, department=department, language=entry["language"])
                )
                updated += 1
                continue
            # Once someone has joined, the language is theirs to choose, not the file's.
            language = (
                entry["language"]
                if ambassador.status == Ambassador.Status.INVITED
                else ambassador.language
            )
            if (ambassador.department_id, ambassador.language) != (department_id, language):
                ambassador.department, ambassador.language = department, language
                changed_profiles.append(ambassador)
            elif not user_changed:
                unchanged += 1
                continue
            updated += 1
        User.objects.bulk_update(changed_users, ["first_name", "last_name"], batch_size=BATCH_SIZE)
        Ambassador.objects.bulk_update(
            changed_profiles, ["department", "language"], batch_size=BATCH_SIZE
        )
        Ambassador.objects.bulk_create(new_profiles)
        if new_profiles and new_profiles[0].pk is None:
            ids_by_user = dict(
                Ambassador.objects.filter(
                    user_id__in=[profile.user_id for profile in new_profiles]
                ).values_list("user_id", "pk")
            )
            for profile in new_profiles:
                profile.pk = ids_by_user[profile.user_id]
        _reference_index_refresh(changed_profiles + new_profiles)
        progress.advance(len(batch))
    return updated, unchanged


def _reference_index_refresh(ambassadors: list[Ambassador]) -> None:
    """Wagtail's reference index ("Usage" of a department) for profiles written in bulk.

    `save()` has Wagtail's post_save handler index each profile (two or three queries per
    profile); `bulk_create`/`bulk_update` send no signals, so the batch is indexed here in
    two queries, with the references Wagtail itself extracts.
    """
    if not ambassadors:
        return
    content_type = ContentType.objects.get_for_model(Ambassador)
    rows = [
        ReferenceIndex(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(ambassador.pk),
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for ambassador in ambassadors
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(ambassador)
        )
    ]
    ReferenceIndex.objects.filter(
        base_content_type=content_type, object_id__in=[str(a.pk) for a in ambassadors]
    ).delete()
    ReferenceIndex.objects.bulk_create(rows, batch_size=BATCH_SIZE)
