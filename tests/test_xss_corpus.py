"""The XSS corpus (tests/xss_vectors.py) pushed through every field people write, through
the real views and as the right role; then every page that shows the value is parsed and
must hold no executable markup: no script that did not come from our static files, no
event-handler attribute, no javascript:/vbscript:/data: address, no embedding element
(iframe, object, embed, base, meta refresh, a form posting elsewhere) and no CSS that runs
code. Wagtail admin pages carry their own scripts, so there only what the clean page
(the same view without the corpus) lacks counts.

Values are sent in chunks, to keep the run short: each value carries as many vectors as
fit the field's limit, joined by newlines (the whole corpus where there is no limit), so a
field takes a few submissions, not 237. Each chunk starts with a marker ("xq123z") that
must appear on every page said to show the field, so a page that stopped showing it fails
instead of passing silently. COVERAGE counts what was checked, (vector, field, page) and
(vector, field), and the total is printed at the end of the run. Values the site refuses
(a bad address, an unknown choice) are checked on the form shown again; values a field
cannot hold at all (NUL characters in Django forms and CSV files) go without those.
"""

from __future__ import annotations

import csv
import html as html_lib
import io
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from tests.xss_vectors import SECRET_MARKERS, TEMPLATE_RESULT, VECTORS

pytestmark = pytest.mark.django_db

# --- the corpus in chunks ---------------------------------------------------------------------

_markers = itertools.count(100)


@dataclass(frozen=True)
class Chunk:
    marker: str
    indices: tuple[int, ...]
    text: str


def chunks(limit: int, *, sep: str = "\n") -> list[Chunk]:
    """The whole corpus as values of at most `limit` characters, each starting with its own
    marker; a vector is never split (one longer than the limit goes alone)."""
    groups: list[list[int]] = [[]]
    for index in range(len(VECTORS)):
        group = groups[-1]
        length = len("xq00000z") + sum(len(sep) + len(VECTORS[i]) for i in [*group, index])
        if group and length > limit:
            groups.append([])
        groups[-1].append(index)
    result = []
    for group in groups:
        marker = f"xq{next(_markers)}z"
        result.append(Chunk(marker, tuple(group), sep.join([marker, *(VECTORS[i] for i in group)])))
    return result


def whole_corpus() -> Chunk:
    """The whole corpus as one value (for fields without a limit), with a marker of its own."""
    return chunks(len("\n".join(VECTORS)) + 20)[0]


# --- what counts as executable ------------------------------------------------------------

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "lowsrc",
    "dynsrc",
    "codebase",
    "cite",
    "longdesc",
    "ping",
    "manifest",
    "icon",
    "profile",
    "archive",
    "classid",
    "usemap",
}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
EMBEDDING = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
ANIMATION = {"animate", "set", "animatetransform", "animatemotion"}
BAD_CSS = ("expression(", "javascript:", "vbscript:", "behavior:", "behaviour:", "-moz-binding")
# Script types a browser runs (an empty type included).
JS_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/x-javascript",
    "text/ecmascript",
    "application/ecmascript",
    "text/jscript",
    "text/livescript",
    "text/vbscript",
}
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def _squeeze(value: str) -> str:
    """An address as a browser reads its scheme: controls and whitespace gone, lowercase."""
    return _CONTROL.sub("", value).lower()


def _bad_url(tag: str, attribute: str, value: str) -> bool:
    for candidate in {_squeeze(value), _squeeze(unquote(value))}:
        if tag == "img" and attribute == "src" and candidate.startswith("data:image/"):
            continue
        if candidate.startswith(BAD_SCHEMES):
            return True
    return False


def _bad_css(value: str) -> bool:
    """CSS that runs script: expression(), script addresses, behaviours and bindings, also
    written with CSS escapes (\\65 is e) or comments in between."""
    text = re.sub(r"\\([0-9a-fA-F]{1,6})\s?", lambda m: chr(int(m.group(1), 16)), value)
    squeezed = re.sub(r"/\*.*?\*/", "", _squeeze(text.replace("\\", "")))
    return (
        any(pattern in squeezed for pattern in BAD_CSS)
        or "url(" in squeezed
        and any(scheme in squeezed for scheme in BAD_SCHEMES)
    )


def _local_action(value: str) -> bool:
    value = value.strip()
    return value == "" or (value.startswith(("/", "?", "#")) and not value.startswith("//"))


def _inspect(found: Counter[str], tag: str, values: dict[str, str]) -> None:
    """What one element (tag and attributes, names lowercased) would run or load."""
    brief = f"<{tag} " + " ".join(f"{k}={v[:80]!r}" for k, v in values.items()) + ">"
    for name, value in values.items():
        if name.startswith("on"):
            found[f"event handler {name} in {brief}"] += 1
        if name in URL_ATTRIBUTES and _bad_url(tag, name, value):
            found[f"dangerous address in {brief}"] += 1
        if name == "style" and _bad_css(value):
            found[f"script in CSS in {brief}"] += 1
        if name == "srcdoc":
            found[f"srcdoc in {brief}"] += 1
    if tag in EMBEDDING:
        found[f"embedding element {brief}"] += 1
    if tag == "meta" and values.get("http-equiv", "").strip().lower() in ("refresh", "set-cookie"):
        found[f"meta {brief}"] += 1
    if tag == "form" and not _local_action(values.get("action", "")):
        found[f"form posting elsewhere {brief}"] += 1
    if "formaction" in values and not _local_action(values["formaction"]):
        found[f"button posting elsewhere {brief}"] += 1
    # Our own files only: static ones, and the installable app's manifest (a fixed path).
    href = values.get("href", "")
    if tag == "link" and not (href.startswith("/static/") or href == "/manifest.webmanifest"):
        found[f"foreign link {brief}"] += 1
    if tag in ANIMATION:
        target = values.get("attributename", "").lower()
        if target.startswith("on") or target.endswith("href"):
            found[f"animation of {target} {brief}"] += 1
        for name in ("values", "to", "from", "by"):
            if name in values and _bad_url(tag, "href", values[name].split(";")[0]):
                found[f"animated address {brief}"] += 1


def _inspect_text(found: Counter[str], tag: str, values: dict[str, str], text: str) -> None:
    """A script is ours only when it is a file from /static/; a style element never is."""
    text = text.strip()
    if tag == "script":
        kind = values.get("type", "").strip().lower()
        if kind not in JS_TYPES:
            # Data for the page's own code (json_script escapes <, > and &): only markup in
            # it could break out of the element.
            if re.search(r"<[a-zA-Z!/?]", text):
                found[f"markup in a {kind} script: {text[:200]!r}"] += 1
            return
        src = values.get("src", "")
        if src.startswith("/static/") and not text:
            return
        shape = re.sub(r"\d+", "0", " ".join(text.split()))[:300]
        found[f"script src={src!r} {shape!r}"] += 1
    elif tag == "style" and text:
        found[f"style element {' '.join(text.split())[:200]!r}"] += 1


# The elements our templates use: a page with nothing else (and no comment, script or style
# element) is one html.parser reads as a browser does, so html5lib need not read it again.
_PLAIN = """
    html head title meta link body header nav main footer section article aside div span p a
    h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table caption thead tbody tfoot tr th td form label
    input button select option optgroup textarea fieldset legend details summary blockquote
    strong em b i small br hr code pre ins del figure figcaption img time progress
"""
PLAIN_TAGS = frozenset(_PLAIN.split())


class _StdlibDangers(HTMLParser):
    """The page as Python's html.parser reads it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: Counter[str] = Counter()
        self.unusual = False
        self._raw: tuple[str, dict] | None = None
        self._text: list[str] = []

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        _inspect(self.found, tag, values)
        if tag not in PLAIN_TAGS:
            self.unusual = True
        if tag in ("script", "style"):
            self._raw, self._text = (tag, values), []

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self._raw is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._raw is not None and tag == self._raw[0]:
            _inspect_text(self.found, tag, self._raw[1], "".join(self._text))
            self._raw = None

    def handle_comment(self, data):
        self.unusual = True
        if data.strip().lower().startswith("[if"):
            self.found[f"conditional comment {data[:80]!r}"] += 1

    def handle_pi(self, data):
        self.unusual = True

    def unknown_decl(self, data):
        self.found[f"declaration {data[:80]!r}"] += 1


_XLINK = "{http://www.w3.org/1999/xlink}"


def _html5lib_dangers(page: str) -> Counter[str]:
    """The page as a browser builds it (HTML5 tree construction with SVG and MathML
    namespaces), through the html5lib that bleach ships; empty if it is not there."""
    found: Counter[str] = Counter()
    try:
        from bleach._vendor import html5lib
    except ImportError:  # pragma: no cover - bleach without its vendored parser
        return found
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    tree = parser.parse(page, scripting=True)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        tag = element.tag.rsplit("}", 1)[-1].lower()
        values = {
            (
                f"xlink:{k[len(_XLINK) :]}" if k.startswith(_XLINK) else k.rsplit("}", 1)[-1]
            ).lower(): v
            for k, v in element.attrib.items()
        }
        _inspect(found, tag, values)
        if tag in ("script", "style"):
            _inspect_text(found, tag, values, element.text or "")
    return found


def markup_dangers(page: str) -> Counter[str]:
    """What the page's elements would run or load, as html.parser and (when the page holds
    anything unusual) a browser's parser read them."""
    parser = _StdlibDangers()
    parser.feed(page)
    parser.close()
    found = parser.found
    if found or parser.unusual:
        found |= _html5lib_dangers(page)
    return found


def dangers(page: str) -> Counter[str]:
    """markup_dangers(), and any vector with markup found verbatim (not escaped) in the
    page, a template expression the server evaluated, or a secret it leaked."""
    found = markup_dangers(page)
    for vector in VECTORS:
        if re.search(r"<[a-zA-Z!/?]", vector) and len(vector) >= 8 and vector in page:
            found[f"vector verbatim in the page: {vector!r}"] += 1
    if re.search(rf"(?<![0-9]){TEMPLATE_RESULT}(?![0-9])", page):
        found[f"template expression evaluated ({TEMPLATE_RESULT})"] += 1
    for secret in SECRET_MARKERS:
        if secret in page:
            found[f"secret in the page: {secret!r}"] += 1
    return found


def assert_safe(page: str, where: str, baseline: str | None = None) -> None:
    found = dangers(page)
    if baseline is not None:
        found -= dangers(baseline)
    assert not found, f"executable markup on {where}:\n" + "\n".join(sorted(found))


# --- rendering and counting -----------------------------------------------------------------

COVERAGE: dict[tuple[str, str], set[int]] = defaultdict(set)


class Pages:
    """The pages of one view fetched during a test, all checked, for the markers to be found."""

    def __init__(self, name: str, baseline: str | None = None):
        self.name, self.baseline, self.html = name, baseline, []

    def get(self, client, url: str, status: int = 200, **params) -> str:
        response = client.get(url, params or None)
        assert response.status_code == status, (url, response.status_code)
        return self.add(response.content.decode(), url)

    def add(self, page: str, where: str) -> str:
        assert_safe(page, f"{self.name} ({where})", self.baseline)
        self.html.append(page)
        return page

    def shows(self, field: str, chunk_list: list[Chunk]) -> None:
        """Every chunk of `field` appears on these pages (by its marker): count it checked."""
        missing = [c.marker for c in chunk_list if not any(c.marker in h for h in self.html)]
        assert not missing, f"{self.name} does not show {field}: {missing[:5]}"
        for chunk in chunk_list:
            COVERAGE[(field, self.name)].update(chunk.indices)

    def all_pages(self, client, url: str, per_page: int, total: int, key="page", **params):
        for number in range(1, -(-total // per_page) + 1):
            self.get(client, url, **{key: number}, **params)

    def following_next(self, client, url: str, **params) -> None:
        """Every page of a list paged by keyset (its "Next" link names the last row shown)."""
        page = self.get(client, url, **params)
        while found := re.search(r'href="\?([^"]*after=[^"]*)">', page):
            page = self.get(client, f"{url}?{html_lib.unescape(found.group(1))}")


def shown_on(targets, field, chunks):
    """Open each (page name, client, url) and check that it shows `chunks` of `field`."""
    for name, client, url in targets:
        pages = Pages(name)
        pages.get(client, url)
        pages.shows(field, chunks)


def post(client, url: str, data: dict, status: int = 302, **extra):
    response = client.post(url, data, **extra)
    assert response.status_code == status, (url, response.status_code, data.keys())
    return response


def no_nul(data: dict) -> dict:
    """Values without NUL characters, which typed-text fields drop (core.forms.TypedTextField)."""
    return {
        key: value.replace("\x00", "") if isinstance(value, str) else value
        for key, value in data.items()
    }


def assert_covered(*fields_and_pages: tuple[str, str]) -> None:
    everything = set(range(len(VECTORS)))
    for key in fields_and_pages:
        assert COVERAGE[key] == everything, f"{key}: {len(COVERAGE[key])} of {len(everything)}"


@pytest.fixture(scope="module", autouse=True)
def _coverage_report(request):
    yield
    combinations = sum(len(indices) for indices in COVERAGE.values())
    by_field: dict[str, set[int]] = defaultdict(set)
    for (field, _page), indices in COVERAGE.items():
        by_field[field] |= indices
    line = (
        f"XSS corpus: {len(VECTORS)} vectors; {sum(map(len, by_field.values()))} vector x field "
        f"combinations over {len(by_field)} fields; {combinations} vector x field x page "
        f"combinations over {len(COVERAGE)} field/page pairs."
    )
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if capture is not None and reporter is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line("\n" + line)


# --- the corpus itself --------------------------------------------------------------------


# Vectors with markup that a browser, reading them as they are, would not run: they are
# there for filters that decode, repair or include (server-side includes, PHP, Vue), and
# only the verbatim check catches them in a page.
INERT_AS_MARKUP = {
    "<scr<script>ipt>alert('xss-13')</scr</script>ipt>",
    "<script\x00>alert('xss-15')</script>",
    "<scri\x00pt>alert('xss-16')</scri\x00pt>",
    "<img/src=x/onerror=alert('xss-32')>",
    "<listing>&lt;img src=x onerror=alert('xss-170')&gt;</listing>",
    "<</p>img src=x onerror=alert('xss-173')>",
    "<!DOCTYPE x [<!ENTITY a \"<script>alert('xss-185')</script>\">]>&a;",
    "<? echo '<script>alert(\"xss-186\")</script>'; ?>",
    "<!--#exec cmd=\"/bin/echo '<script>alert(xss-187)</script>'\"-->",
    "<div v-html=\"'<img src=x onerror=alert(`xss-214`)>'\"></div>",
    "<javascript:alert('xss-235')>",
}


def test_the_corpus_is_large_distinct_and_detected():
    """At least 150 distinct vectors. Escaped, none is flagged; as raw markup in a page,
    every vector with markup is flagged by the element checks (except the inert ones,
    which the verbatim check flags)."""
    assert len(VECTORS) >= 150
    assert len(set(VECTORS)) == len(VECTORS)
    escaped = "".join(f"<p>{html_lib.escape(vector)}</p>" for vector in VECTORS)
    assert not dangers(f"<html><body>{escaped}</body></html>")
    raw = [vector for vector in VECTORS if re.search(r"<[a-zA-Z!/?]", vector)]
    unflagged = {vector for vector in raw if not markup_dangers(f"<div>{vector}</div>")}
    assert unflagged == INERT_AS_MARKUP
    assert all(dangers(f"<div>{vector}</div>") for vector in raw)


# --- mentor desk ----------------------------------------------------------------------------


def _mentors():
    from mentors.models import Kind
    from tests.factories.mentors import make_mentor

    every_kind = Kind.values
    # The first is team lead: they open and work on every request, whoever has it.
    lead = make_mentor(*every_kind, capacity=1000, lead=True)
    return lead, make_mentor(*every_kind, capacity=1000)


def _url_like(form_field: bool) -> list[int]:
    """The vectors an http(s) address field accepts (they are stored and shown as links):
    through a form's URLField first (the mediation form), or as typed (mission evidence)."""
    from django import forms
    from django.core.exceptions import ValidationError

    from mentors.services import http_url

    field, accepted = forms.URLField(assume_scheme="https", max_length=1000), []
    for index, vector in enumerate(VECTORS):
        try:
            http_url(field.clean(vector) if form_field else vector.strip())
        except ValidationError:
            continue
        accepted.append(index)
    return accepted


def test_help_requests_every_kind_and_field(client_for, employee, monkeypatch):
    """Subject, body and each kind's own questions, as the employee files them; shown on
    the employee's request page and list, and on the mentor's desk page and queue."""
    from mentors import services as desk_services
    from mentors.models import Ticket

    # One employee files the whole corpus: lift the daily limit on new requests.
    monkeypatch.setattr(desk_services.tickets, "REQUESTS_PER_DAY", 10_000)

    mentor, _other = _mentors()
    requester, desk = client_for(employee), client_for(mentor)
    own_fields = {
        "coaching": {"availability": chunks(300)},
        "ghostwriting": {"topic": chunks(200), "audience": chunks(200)},
        "editing": {"wishes": chunks(1000)},
    }
    extra = {"ghostwriting": {"tone": "personal", "network": "linkedin"}}
    extra["editing"] = {"network": "linkedin"}
    requests: list[tuple[str, dict[str, Chunk]]] = []
    for kind, fields in own_fields.items():
        for number in range(max(len(values) for values in fields.values())):
            requests.append((kind, {f: v[number % len(v)] for f, v in fields.items()}))
    subjects, bodies = chunks(200), chunks(10_000)
    while len(requests) < len(subjects):
        requests.append(("question", {}))
    filed = []
    for number, (kind, fields) in enumerate(requests):
        fields = {
            **fields,
            "subject": subjects[number % len(subjects)],
            "body": bodies[number % len(bodies)],
        }
        data = {**{f: c.text for f, c in fields.items()}, **extra.get(kind, {})}
        post(requester, f"/help/new/{kind}/", {k: v.replace("\x00", "") for k, v in data.items()})
        filed.append((Ticket.objects.latest("pk"), fields))

    lists = {"help list (employee)": Pages("help list (employee)")}
    lists["desk queue (mentor)"] = Pages("desk queue (mentor)")
    lists["help list (employee)"].all_pages(requester, "/help/", 20, len(filed))
    lists["desk queue (mentor)"].following_next(desk, "/desk/", view="all")
    for pages in lists.values():
        pages.shows("help request: subject", [fields["subject"] for _t, fields in filed])
    by_field: dict[str, list[Chunk]] = defaultdict(list)
    for _ticket, fields in filed:
        for field, chunk in fields.items():
            by_field[field].append(chunk)
    for ticket, fields in filed:
        for name, client, url in (
            ("request page (employee)", requester, f"/help/{ticket.pk}/"),
            ("desk request page (mentor)", desk, f"/desk/{ticket.pk}/"),
        ):
            pages = Pages(name)
            pages.get(client, url)
            for field, chunk in fields.items():
                pages.shows(f"help request: {field}", [chunk])
    assert_covered(
        *[
            (f"help request: {field}", page)
            for field in by_field
            for page in ("request page (employee)", "desk request page (mentor)")
        ],
        *[("help request: subject", name) for name in lists],
    )


def test_mediation_link(client_for, employee, monkeypatch):
    """A refused link comes back in the form; an accepted one is a link on both pages."""
    from mentors import services as desk_services

    # One employee, many links.
    monkeypatch.setattr(desk_services.tickets, "REQUESTS_PER_DAY", 10_000)
    mentor, _other = _mentors()
    requester, desk = client_for(employee), client_for(mentor)
    refused = Pages("mediation form shown again (employee)")
    links = chunks(1000)
    for chunk in links:
        data = {"subject": "Help", "body": "It escalates", "urgency": "now", "link": chunk.text}
        refused.add(requester.post("/help/new/mediation/", data).content.decode(), "refused")
    refused.shows("mediation: link", links)
    accepted = _url_like(form_field=True)
    assert accepted, "no vector is an http(s) address: the stored link goes untested"
    from mentors.models import Ticket

    for index in accepted:
        data = {"subject": f"Link {index}", "body": "Escalating", "urgency": "now"}
        post(requester, "/help/new/mediation/", {**data, "link": VECTORS[index]})
        ticket = Ticket.objects.latest("pk")
        for name, client, url in (
            ("request page (employee)", requester, f"/help/{ticket.pk}/"),
            ("desk request page (mentor)", desk, f"/desk/{ticket.pk}/"),
        ):
            page = Pages(name).get(client, url)
            assert ticket.details["link"] in html_lib.unescape(page), "the link is not shown"
            COVERAGE[("mediation: link (http addresses only)", name)].add(index)
    assert_covered(("mediation: link", "mediation form shown again (employee)"))


def test_request_thread_notes_drafts_and_reasons(client_for, employee):
    """The thread of one editing request: the employee's replies, the mentor's public replies
    (also in the employee's notifications), internal notes (never on the employee's page),
    drafts (with the marked changes, and as the start of a mission's evidence text) and
    reassignment reasons in the history."""
    from mentors.models import Draft, Message, Ticket
    from missions import services as mission_services
    from tests.factories.missions import mission

    first, second = _mentors()
    requester, desk = client_for(employee), client_for(first)
    data = {"subject": "My post", "body": "Draft words here", "network": "linkedin"}
    post(requester, "/help/new/editing/", data)
    ticket = Ticket.objects.get()
    help_url, desk_url = f"/help/{ticket.pk}/", f"/desk/{ticket.pk}/"
    written = {
        "thread: employee reply": chunks(1000),
        "thread: mentor reply": chunks(200),
        "thread: internal note": chunks(1000),
        "thread: draft": chunks(1000),
        "thread: reassignment reason": chunks(300),
    }
    for chunk in written["thread: employee reply"]:
        post(requester, help_url, no_nul({"body": chunk.text}))
    for chunk in written["thread: mentor reply"]:
        post(desk, desk_url, no_nul({"action": "reply", "body": chunk.text}))
    for chunk in written["thread: internal note"]:
        post(desk, desk_url, no_nul({"action": "reply", "body": chunk.text, "internal": "on"}))
    for chunk in written["thread: draft"]:
        post(desk, desk_url, no_nul({"action": "draft", "text": chunk.text}))
    mentors = itertools.cycle([second, first])
    for chunk in written["thread: reassignment reason"]:
        target = next(mentors)
        post(
            desk,
            desk_url,
            no_nul({"action": "reassign", "to_user": target.pk, "reason": chunk.text}),
        )

    own = Pages("request page (employee)")
    own.get(requester, help_url)
    desk_page = Pages("desk request page (mentor)")
    desk_page.get(desk, desk_url)
    for field in ("thread: employee reply", "thread: mentor reply", "thread: draft"):
        own.shows(field, written[field])
    for field, values in written.items():
        desk_page.shows(field, values)
    assert not any(c.marker in own.html[0] for c in written["thread: internal note"])

    # The employee is told of each public reply, with its first 300 characters.
    told = Pages("notifications (employee)")
    told.all_pages(requester, "/notifications/", 20, len(written["thread: mentor reply"]) + 20)
    told.get(requester, "/path/")
    complete = {m.body for m in Message.objects.filter(internal=False) if len(m.body) <= 300}
    told.shows(
        "thread: mentor reply",
        [c for c in written["thread: mentor reply"] if any(c.marker in b for b in complete)],
    )

    # A draft can start a mission's evidence text.
    assignment = mission_services.mission_pick(user=employee, mission=mission(needs_text=True))
    prefilled = Pages("mission form started from a draft (employee)")
    for draft in Draft.objects.all():
        prefilled.get(requester, f"/missions/{assignment.pk}/", draft=f"desk-{draft.pk}")
    prefilled.shows("thread: draft", written["thread: draft"])
    assert_covered(
        *[(field, "desk request page (mentor)") for field in written],
        *[(f, "request page (employee)") for f in written if "note" not in f and "reason" not in f],
        ("thread: draft", "mission form started from a draft (employee)"),
    )


def test_rating_comment(client_for, employee):
    """The employee's comment with a rating: on their page (to edit) and on the desk."""
    mentor, _other = _mentors()
    requester, desk = client_for(employee), client_for(mentor)
    post(requester, "/help/new/question/", {"subject": "Rate me", "body": "A question"})
    from mentors.models import Ticket

    ticket = Ticket.objects.get()
    post(requester, f"/help/{ticket.pk}/close/", {})
    comments = chunks(2000)
    for chunk in comments:
        post(
            requester,
            f"/help/{ticket.pk}/rate/",
            no_nul({"satisfaction": "4", "comment": chunk.text}),
        )
        shown_on(
            [
                ("request page (employee)", requester, f"/help/{ticket.pk}/"),
                ("desk request page (mentor)", desk, f"/desk/{ticket.pk}/"),
            ],
            "rating comment",
            [chunk],
        )
    assert_covered(
        ("rating comment", "request page (employee)"),
        ("rating comment", "desk request page (mentor)"),
    )


def test_canned_responses(client_for, employee):
    """Mentors' canned responses: the list, and the picker on a request page."""
    mentor, _other = _mentors()
    desk = client_for(mentor)
    titles, bodies = chunks(120), chunks(5000)
    for number, title in enumerate(titles):
        body = bodies[number % len(bodies)]
        post(desk, "/desk/canned/", no_nul({"title": title.text, "body": body.text, "kind": ""}))
    post(client_for(employee), "/help/new/question/", {"subject": "Hi", "body": "A question"})
    from mentors.models import Ticket

    listing = Pages("canned responses (mentor)")
    listing.get(desk, "/desk/canned/")
    listing.shows("canned response: title", titles)
    picker = Pages("desk request page (mentor)")
    picker.get(desk, f"/desk/{Ticket.objects.get().pk}/")
    picker.shows("canned response: title", titles)
    picker.shows("canned response: text", bodies)
    assert_covered(
        ("canned response: title", "canned responses (mentor)"),
        ("canned response: title", "desk request page (mentor)"),
        ("canned response: text", "desk request page (mentor)"),
    )


# --- missions -------------------------------------------------------------------------------


def test_mission_evidence_and_review_feedback(client_for, employee, mentor):
    """Evidence text and links as the ambassador hands them in, feedback as the reviewer
    writes it: on the ambassador's mission page, the review page, the ambassador's
    notifications and path, and the forms shown again when something is refused."""
    from missions.models import Assignment
    from tests.factories.missions import mission

    ambassador, reviewer = client_for(employee), client_for(mentor)

    def take(**needs) -> Assignment:
        task = mission(**{"needs_link": False, **needs})
        post(ambassador, f"/missions/pick/{task.pk}/", {})
        return Assignment.objects.get(mission=task)

    def hand_in(assignment, **evidence):
        post(ambassador, f"/missions/{assignment.pk}/", evidence)

    def ask_changes(assignment, feedback="Almost: one more thing."):
        data = {"decision": "changes", "feedback": feedback}
        post(reviewer, f"/missions/review/{assignment.pk}/", data)

    texts = chunks(5000)
    with_text = take(needs_text=True)
    for number, chunk in enumerate(texts):
        if number:
            ask_changes(with_text)
        hand_in(with_text, text=chunk.text)
    links = _url_like(form_field=False)
    with_link = take(needs_text=False, needs_link=True)
    for number, index in enumerate(links):
        if number:
            ask_changes(with_link)
        hand_in(with_link, link=VECTORS[index])
    for name, client, url in (
        ("mission page (ambassador)", ambassador, "/missions/{}/"),
        ("review page (reviewer)", reviewer, "/missions/review/{}/"),
    ):
        pages = Pages(name)
        pages.get(client, url.format(with_text.pk))
        pages.shows("mission evidence: text", texts)
        page = pages.get(client, url.format(with_link.pk))
        stored = [VECTORS[i] for i in links]
        assert all(html_lib.escape(link) in page for link in stored), "links not shown"
        COVERAGE[("mission evidence: link (http addresses only)", name)].update(links)
    Pages("review queue (reviewer)").get(reviewer, "/missions/review/")

    # Feedback: one mission each, so each is its own notification.
    feedback = chunks(2000)
    for chunk in feedback:
        assignment = take(needs_text=True)
        hand_in(assignment, text="Done.")
        refused = reviewer.post(f"/missions/review/{assignment.pk}/", {"feedback": chunk.text})
        assert refused.status_code == 400
        again = Pages("review form shown again (reviewer)")
        again.add(refused.content.decode(), "no decision")
        again.shows("review feedback", [chunk])
        ask_changes(assignment, chunk.text)
        shown_on(
            [
                ("mission page (ambassador)", ambassador, f"/missions/{assignment.pk}/"),
                ("review page (reviewer)", reviewer, f"/missions/review/{assignment.pk}/"),
            ],
            "review feedback",
            [chunk],
        )
    told = Pages("notifications (ambassador)")
    told.get(ambassador, "/notifications/")
    told.get(ambassador, "/path/")
    told.shows("review feedback", feedback)

    # Refused evidence comes back in the form as it was typed.
    typed = {"link": whole_corpus(), "text": whole_corpus()}
    fresh = take(needs_text=True)
    refused = ambassador.post(f"/missions/{fresh.pk}/", {k: c.text for k, c in typed.items()})
    assert refused.status_code == 400
    again = Pages("evidence form shown again (ambassador)")
    again.add(refused.content.decode(), "refused link")
    again.shows("mission evidence: link", [typed["link"]])
    again.shows("mission evidence: text", [typed["text"]])
    assert_covered(
        *[
            (field, page)
            for field in ("mission evidence: text", "review feedback")
            for page in ("mission page (ambassador)", "review page (reviewer)")
        ],
        ("review feedback", "notifications (ambassador)"),
        ("review feedback", "review form shown again (reviewer)"),
        ("mission evidence: link", "evidence form shown again (ambassador)"),
        ("mission evidence: text", "evidence form shown again (ambassador)"),
    )


# --- sharing --------------------------------------------------------------------------------


def _cms_baseline(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _feed_until_empty(client, pages: Pages) -> None:
    """Read the feed, hide what it shows (20 at a time), until nothing is left."""
    for _round in range(20):
        response = client.get("/share/")
        pages.add(response.content.decode(), "/share/")
        shown = [s.item for s in response.context["suggestions"]]
        if not shown:
            return
        for item in shown:
            post(client, f"/share/{item.pk}/dismiss/", {"reason": ""})
    raise AssertionError("the feed did not empty")


def test_link_proposals(client_for, comms):
    """Title and comment of a proposed link, as a curation-stage ambassador writes them; the
    reason comms give when reviewing. Shown in the CMS (review page, library list, inspect
    view), to colleagues (feed, share page) and to the proposer (notifications)."""
    from ambassadors.models import Stage
    from ambassadors.roles import Role
    from sharing.models import ContentItem
    from tests.factories import make_user

    curator = make_user(Role.EMPLOYEE, stage=Stage.CURATION)
    reader = make_user(Role.EMPLOYEE, stage=Stage.CURATION)
    author, cms = client_for(curator), client_for(comms)
    plain = {"url": "https://blog.example/plain", "title": "Plain", "comment": "Plain words"}
    post(author, "/share/propose/", plain)
    first = ContentItem.objects.get()
    review_baseline = _cms_baseline(cms, f"/cms/sharing/proposals/{first.pk}/")
    inspect_url = "/cms/snippets/sharing/contentitem/inspect/{}/"
    inspect_baseline = _cms_baseline(cms, inspect_url.format(first.pk))
    list_url = "/cms/snippets/sharing/contentitem/"
    list_baseline = _cms_baseline(cms, list_url)

    typed = {"url": whole_corpus(), "title": whole_corpus(), "comment": whole_corpus()}
    refused = author.post("/share/propose/", {k: c.text for k, c in typed.items()})
    assert refused.status_code == 400
    again = Pages("proposal form shown again (ambassador)")
    again.add(refused.content.decode(), "refused")
    for field, chunk in (("address", typed["url"]), ("title", typed["title"])):
        again.shows(f"proposal: {field}", [chunk])
    again.shows("proposal: comment", [typed["comment"]])

    titles, comments, reasons = chunks(200), chunks(1000), chunks(300)
    proposals = []
    for number, title in enumerate(titles):
        comment = comments[number % len(comments)]
        data = {"url": f"https://blog.example/{number}", "title": title.text}
        post(author, "/share/propose/", {**data, "comment": comment.text})
        proposals.append((ContentItem.objects.latest("pk"), title, comment))

    listing = Pages("CMS content library (comms)", list_baseline)
    listing.all_pages(cms, list_url, 20, len(proposals) + 1, key="p")
    listing.shows("proposal: title", titles)
    for item, _title, comment in proposals[: len(comments)]:
        for name, url, baseline in (
            ("CMS proposal review (comms)", f"/cms/sharing/proposals/{item.pk}/", review_baseline),
            ("CMS library item (comms)", inspect_url.format(item.pk), inspect_baseline),
        ):
            pages = Pages(name, baseline)
            pages.get(cms, url)
            pages.shows("proposal: comment", [comment])
    for number, (item, _title, _comment) in enumerate(proposals):
        reason = reasons[number % len(reasons)].text
        post(cms, f"/cms/sharing/proposals/{item.pk}/", {"decision": "approve", "reason": reason})
    reviewed = Pages("CMS proposal review (comms)", review_baseline)
    for item, _title, _comment in proposals[: len(reasons)]:
        reviewed.get(cms, f"/cms/sharing/proposals/{item.pk}/")
    reviewed.shows("proposal review: reason", reasons)

    told = Pages("notifications (ambassador)")
    told.all_pages(author, "/notifications/", 20, len(proposals))
    told.shows("proposal review: reason", reasons)

    reading = client_for(reader)
    feed = Pages("share feed (colleague)")
    _feed_until_empty(reading, feed)
    feed.shows("proposal: title", titles)
    feed.shows("proposal: comment", comments)
    share_page = Pages("share page (colleague)")
    for item, _title, comment in proposals[: len(comments)]:
        share_page.get(reading, f"/share/{item.pk}/", network="linkedin")
        share_page.shows("proposal: comment", [comment])
    assert_covered(
        ("proposal: title", "CMS content library (comms)"),
        ("proposal: title", "share feed (colleague)"),
        ("proposal: title", "proposal form shown again (ambassador)"),
        ("proposal: address", "proposal form shown again (ambassador)"),
        ("proposal: comment", "proposal form shown again (ambassador)"),
        ("proposal: comment", "CMS proposal review (comms)"),
        ("proposal: comment", "CMS library item (comms)"),
        ("proposal: comment", "share feed (colleague)"),
        ("proposal: comment", "share page (colleague)"),
        ("proposal review: reason", "CMS proposal review (comms)"),
        ("proposal review: reason", "notifications (ambassador)"),
    )


def test_colleague_post_comments(client_for, comms):
    """ "Ask colleagues to engage": the comment on your own LinkedIn post, shown to
    colleagues with the same topics (feed, share page, notifications) and in the CMS."""
    from ambassadors.models import Topic
    from ambassadors.roles import Role
    from sharing.models import ContentItem
    from tests.factories import make_user

    topic = Topic.objects.create(slug="warmte", name_nl="Warmte", name_en="Heat")
    poster, colleague = make_user(Role.EMPLOYEE), make_user(Role.EMPLOYEE)
    for person in (poster, colleague):
        person.ambassador.topics.add(topic)
    author, reading, cms = client_for(poster), client_for(colleague), client_for(comms)
    typed = {"url": whole_corpus(), "comment": whole_corpus()}
    refused = author.post("/share/my-post/", {k: c.text for k, c in typed.items()})
    assert refused.status_code == 400
    again = Pages("my-post form shown again (ambassador)")
    again.add(refused.content.decode(), "refused")
    again.shows("colleague post: comment", [typed["comment"]])
    again.shows("colleague post: address", [typed["url"]])

    plain = {"url": "https://www.linkedin.com/posts/plain", "comment": "Plain words"}
    post(author, "/share/my-post/", plain)
    inspect_url = "/cms/snippets/sharing/contentitem/inspect/{}/"
    baseline = _cms_baseline(cms, inspect_url.format(ContentItem.objects.get().pk))
    comments = chunks(1000)
    for number, comment in enumerate(comments):
        data = {"url": f"https://www.linkedin.com/posts/xq-{number}", "comment": comment.text}
        post(author, "/share/my-post/", data)
    items = list(ContentItem.objects.order_by("pk"))
    feed = Pages("share feed (colleague)")
    feed.get(reading, "/share/", network="linkedin")
    feed.shows("colleague post: comment", comments)
    share_page = Pages("share page (colleague)")
    inspect = Pages("CMS library item (comms)", baseline)
    for item in items:
        share_page.get(reading, f"/share/{item.pk}/", network="linkedin")
        inspect.get(cms, inspect_url.format(item.pk))
    share_page.shows("colleague post: comment", comments)
    inspect.shows("colleague post: comment", comments)
    Pages("notifications (colleague)").get(reading, "/notifications/")
    assert_covered(
        ("colleague post: comment", "share feed (colleague)"),
        ("colleague post: comment", "share page (colleague)"),
        ("colleague post: comment", "CMS library item (comms)"),
        ("colleague post: comment", "my-post form shown again (ambassador)"),
        ("colleague post: address", "my-post form shown again (ambassador)"),
    )


def test_share_texts(client_for, employee):
    """The text an ambassador writes to share: on the Instagram page (copy and paste), and in
    the form when a network refuses it as too long."""
    from tests.factories.sharing import make_item

    item = make_item()
    sharer = client_for(employee)
    texts = chunks(2100)
    for chunk in texts:
        response = post(sharer, f"/share/{item.pk}/", {"network": "instagram", "text": chunk.text})
        pages = Pages("Instagram share page (ambassador)")
        pages.get(sharer, response["Location"])
        pages.shows("share text", [chunk])
    everything = whole_corpus()
    refused = sharer.post(f"/share/{item.pk}/", {"network": "x", "text": everything.text})
    assert refused.status_code == 400
    again = Pages("share form shown again (ambassador)")
    again.add(refused.content.decode(), "too long")
    again.shows("share text", [everything])
    assert_covered(
        ("share text", "Instagram share page (ambassador)"),
        ("share text", "share form shown again (ambassador)"),
    )


def test_reasons_for_hiding_a_suggestion(client_for, employee, comms, monkeypatch):
    """Why an ambassador hid a suggestion: comms see the reasons in Insights (the first 100
    characters, the five most given). Groups of one are shown here (the privacy threshold
    of five is not what this test is about), five reasons per round."""
    from django.utils import timezone

    from insights import dashboard, rollups
    from sharing.models import Dismissal
    from tests.factories.sharing import make_item

    monkeypatch.setattr(dashboard, "MINIMUM_GROUP", 1)
    hiding, cms = client_for(employee), client_for(comms)
    reasons = chunks(100)
    insights = Pages("insights (comms)")
    for start in range(0, len(reasons), 5):
        Dismissal.objects.all().delete()
        for chunk in reasons[start : start + 5]:
            post(hiding, f"/share/{make_item().pk}/dismiss/", {"reason": chunk.text})
        rollups.refresh(timezone.localdate())
        insights.get(cms, "/insights/", days="7")
    insights.shows("reason for hiding a suggestion", reasons)
    assert_covered(("reason for hiding a suggestion", "insights (comms)"))


# --- people: the employee import, the profile, signing in -----------------------------------

HEADER = ["email", "first_name", "last_name", "department", "language"]


def _csv_upload(cms, rows: list[list[str]], name: str = "employees.csv"):
    """Upload a CSV through the CMS. Plain rows come first, so the dialect sniffer (which
    reads the first 4 KB) sees commas and a doubled quote, as in the cells that follow."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ambassadors.models import EmployeeImport

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    plain = ([f"plain{n}@example.org", "Plain", 'The "Plain" One', "", "nl"] for n in range(100))
    writer.writerows(plain)
    # A CSV with NUL bytes is refused as a whole (binary data): the cells go without them.
    writer.writerows([[cell.replace("\x00", "") for cell in row] for row in rows])
    upload = SimpleUploadedFile(name, buffer.getvalue().encode())
    post(cms, "/cms/import-employees/", {"file": upload})
    return EmployeeImport.objects.latest("pk")


def test_employee_csv_import(client_for, comms, django_capture_on_commit_callbacks):
    """Names, departments, addresses and languages from a CSV as comms upload it: the CMS
    report (also of a refused file), the CMS lists of ambassadors and departments, and the
    site: each imported person's own path page, the department choice on the profile and
    in Insights."""
    from ambassadors.models import Ambassador, Department
    from ambassadors.services import ambassador_join

    cms = client_for(comms)
    baseline = _cms_baseline(cms, f"/cms/import-employees/{_csv_upload(cms, []).pk}/")
    wrong = chunks(1000)
    refused = _csv_upload(cms, [[c.text, "Ann", "", "", c.text] for c in wrong], "refused.csv")
    report = Pages("CMS import report (comms)", baseline)
    report.get(cms, f"/cms/import-employees/{refused.pk}/")
    report.shows("CSV: e-mail address (refused)", wrong)
    report.shows("CSV: language (refused)", wrong)

    columns = {"CSV: first name": chunks(150), "CSV: last name": chunks(150)}
    columns["CSV: department"] = chunks(120)
    count = max(len(values) for values in columns.values())
    people = [[values[n % len(values)] for values in columns.values()] for n in range(count)]
    rows = [
        [f"xq-person-{n}@example.org", *(c.text for c in person), "nl"]
        for n, person in enumerate(people)
    ]
    checked = _csv_upload(cms, rows)
    report.get(cms, f"/cms/import-employees/{checked.pk}/")
    with django_capture_on_commit_callbacks(execute=True):  # the apply task runs on commit
        post(cms, f"/cms/import-employees/{checked.pk}/", {})
    report.get(cms, f"/cms/import-employees/{checked.pk}/")
    lists = Pages(
        "CMS ambassadors and departments (comms)",
        _cms_baseline(cms, "/cms/snippets/ambassadors/ambassador/?q=nobody"),
    )
    lists.all_pages(cms, "/cms/snippets/ambassadors/ambassador/", 50, count + 110, key="p")
    lists.all_pages(cms, "/cms/snippets/ambassadors/department/", 20, count + 5, key="p")
    for field, values in columns.items():
        report.shows(field, values)
        lists.shows(field, values)

    imported = list(Ambassador.objects.filter(user__email__startswith="xq-person-").order_by("pk"))
    own = Pages("path page (the imported person)")
    for ambassador in imported[: len(columns["CSV: first name"])]:
        ambassador_join(ambassador=ambassador)
        own.get(client_for(ambassador.user), "/path/")
    own.shows("CSV: first name", columns["CSV: first name"])
    choices = Pages("department choices (profile, Insights)")
    choices.get(client_for(imported[0].user), "/profile/")
    choices.get(cms, "/insights/")
    choices.shows("CSV: department", columns["CSV: department"])
    assert Department.objects.count() >= len(columns["CSV: department"])
    assert_covered(
        *[(field, "CMS import report (comms)") for field in columns],
        *[(field, "CMS ambassadors and departments (comms)") for field in columns],
        ("CSV: e-mail address (refused)", "CMS import report (comms)"),
        ("CSV: language (refused)", "CMS import report (comms)"),
        ("CSV: first name", "path page (the imported person)"),
        ("CSV: department", "department choices (profile, Insights)"),
    )


def test_profile_form_shows_refused_values_escaped(client_for, employee):
    """The profile has no free text (choices, numbers, times); what a tampered form sends
    comes back in the error messages and inputs, escaped."""
    sent = {
        name: whole_corpus()
        for name in (
            "language",
            "topics",
            "max_nudges_per_week",
            "quiet_hours_start",
            "quiet_hours_end",
            "linkedin_audience",
        )
    }
    data = {name: chunk.text for name, chunk in sent.items()}
    response = client_for(employee).post("/profile/", {**data, "department": data["language"]})
    assert response.status_code == 200
    assert response.context["form"].errors
    page = Pages("profile form shown again (ambassador)")
    page.add(response.content.decode(), "refused")
    echoed = [name for name, chunk in sent.items() if chunk.marker in page.html[0]]
    assert echoed, "the refused profile form shows none of the values"
    for name in echoed:
        page.shows(f"profile: {name} (refused)", [sent[name]])


def test_sign_in_and_password_reset_forms(client):
    """The address typed at sign-in or password reset comes back in the form, escaped."""
    for name, url, field in (
        ("sign-in form shown again", "/accounts/login/", "username"),
        ("password reset form shown again", "/accounts/password/reset/", "email"),
    ):
        everything = whole_corpus()
        response = client.post(url, {field: everything.text, "password": "wrong"})
        assert response.status_code == 200
        page = Pages(name)
        page.add(response.content.decode(), url)
        page.shows(f"{field} (refused)", [everything])
        assert_covered((f"{field} (refused)", name))


def test_search_terms_are_shown_escaped(client_for, employee):
    """The search box shows what was searched for (whitespace folded, 200 characters)."""
    searcher = client_for(employee)
    terms = chunks(200, sep=" ")
    results = Pages("search results")
    for chunk in terms:
        results.get(searcher, "/search/", q=chunk.text)
    results.shows("search terms", terms)
    assert_covered(("search terms", "search results"))
