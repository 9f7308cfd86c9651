"""Posting checks (issue 23): each check fires and stays silent as it should (the pure
`posting_hints`), the composer and its live coach show the hints with the guideline's
section and still share, the hints speak the person's language, the CMS setting refuses
hostile input, and the composer's queries do not grow."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from ambassadors.roles import Role
from core import provisioning
from sharing.checks import (
    DEFAULT_HINTS,
    INFO,
    WARNING,
    PostingRules,
    found_words,
    hashtags_in,
    posting_hints,
    posting_rules,
)
from sharing.models import (
    CHECK_CONFIDENTIAL,
    CHECK_DISCLOSURE,
    CHECK_HASHTAGS,
    CHECK_LENGTH,
    CHECK_LINK,
    CHECKS,
    CONFIDENTIAL_MAX_WORDS,
    ContentItem,
    PostingChecks,
    Share,
)
from tests.factories import make_user
from tests.factories.guidelines import acknowledge, build_guidelines
from tests.factories.sharing import make_item
from tests.queries import page_queries

# Messages read in English (the site's default is Dutch); each person's own language is
# tested through the composer below.
pytestmark = pytest.mark.usefixtures("english")

ITEM_URL = "https://news.example/article-1?ref=home"


def _item(**fields) -> ContentItem:
    """An unsaved item: the checks read its fields only."""
    values = {"url": ITEM_URL, "title": "Article", "kind": "third_party", "language": "nl"}
    return ContentItem(**(values | fields))


def _hints(text, *, network="linkedin", item=None, **rules):
    return posting_hints(
        text=text, network=network, item=item or _item(), checks=PostingRules(**rules)
    )


def _codes(hints) -> list[str]:
    return [hint.code for hint in hints]


# --- confidential words ----------------------------------------------------------------------


def test_confidential_words_are_found_whatever_the_capitals_and_accents():
    """Dutch words with diacritics are found written with or without them, in any case."""
    words = ("Noordlicht", "financiële cijfers", "café Oost")
    found = found_words("De FINANCIELE cijfers van noordlicht, bij Cafe Oost.", words)
    assert found == ["Noordlicht", "financiële cijfers", "café Oost"]


def test_confidential_words_count_as_whole_words_only():
    """A code name inside a longer word (a street name) is not the code name."""
    assert found_words("Ik woon aan de Noordlichtweg en Hoognoordlicht.", ("Noordlicht",)) == []
    assert found_words("Noordlicht!", ("Noordlicht",)) == ["Noordlicht"]


def test_regex_characters_in_the_list_are_read_literally():
    """A list from the CMS is never a pattern: '.*' matches only '.*', 'c++' only 'c++'."""
    words = (".*", "a.b", "(x", "c++", "[a-z]+", "\\d")
    assert found_words("axb, abc and anything at all 42", words) == []
    assert found_words("we write c++ and a.b", words) == ["a.b", "c++"]


def test_a_confidential_word_gives_a_warning_with_the_word():
    hints = _hints("Straks: Project Noordlicht!", confidential=("noordlicht",))
    assert _codes(hints) == [CHECK_CONFIDENTIAL]
    assert hints[0].severity == WARNING
    assert "“noordlicht”" in hints[0].detail


def test_no_confidential_words_no_hint():
    assert _hints("Straks: Project Noordlicht!") == []
    assert _hints("Een gewoon bericht.", confidential=("Noordlicht",)) == []


# --- hashtags --------------------------------------------------------------------------------


def test_hashtags_with_digits_underscores_and_diacritics_count():
    """#één, #co2 and #werken_bij are hashtags; '#' alone, #2024, an address's #fragment and
    a#b inside a word are not."""
    text = "#één #co2 #werken_bij # #2024 https://site.example/page#section mail#tag ##"
    assert hashtags_in(text) == ["#één", "#co2", "#werken_bij"]


def test_hashtags_above_the_maximum_give_an_info_hint():
    text = "Mooi werk #één #twee #drie"
    assert _hints(text, max_hashtags=3) == []
    hints = _hints(text + " #vier", max_hashtags=3)
    assert _codes(hints) == [CHECK_HASHTAGS]
    assert hints[0].severity == INFO
    assert hints[0].detail == "4 hashtags; the guidelines suggest at most 3."


# --- disclosure ------------------------------------------------------------------------------


def test_the_items_own_disclosure_missing_says_it_is_added():
    """An item with a required disclosure: missing from the text, the hint says we add it."""
    item = _item(disclosure="Ik werk bij Vermeer Techniek.")
    hints = _hints("Mooi project.", item=item)
    assert _codes(hints) == [CHECK_DISCLOSURE]
    assert hints[0].severity == INFO
    assert "Ik werk bij Vermeer Techniek." in hints[0].detail
    assert _hints("Mooi project. Ik werk bij Vermeer Techniek.", item=item) == []


def test_the_programme_line_is_asked_on_own_content_and_a_synonym_counts():
    """With the programme's line on own content: a corporate post without it warns; the line
    or any synonym (in any case) is enough; an article by others is not asked."""
    rules = {
        "disclosure_own_content": True,
        "disclosure_lines": {"nl": "#medewerker", "en": "#employee"},
        "disclosure_synonyms": ("bij Vermeer Techniek",),
    }
    corporate = _item(kind="corporate")
    hints = _hints("Mooi project.", item=corporate, **rules)
    assert _codes(hints) == [CHECK_DISCLOSURE]
    assert hints[0].severity == WARNING
    assert "#medewerker" in hints[0].detail
    for text in ("Mooi #Medewerker", "Mooi #employee", "Ik werk BIJ Vermeer Techniek."):
        assert _hints(text, item=corporate, **rules) == [], text
    assert _hints("Mooi project.", item=_item(kind="third_party"), **rules) == []
    assert (
        _hints("Mooi project.", item=corporate, **(rules | {"disclosure_own_content": False})) == []
    )


# --- the tracked link ------------------------------------------------------------------------


def test_the_pasted_raw_address_warns_that_the_tracked_link_is_added():
    """The item's own address pasted (www., trailing slash, other query): clicks would not
    count; the hint says we add the personal link."""
    for pasted in (
        "https://www.news.example/article-1/?utm_source=x",
        "http://news.example/article-1.",
        "www.news.example/article-1",
    ):
        hints = _hints(f"Lees dit: {pasted}")
        assert _codes(hints) == [CHECK_LINK], pasted
        assert hints[0].severity == WARNING
        assert "We add your personal link" in hints[0].detail


def test_another_address_or_none_on_a_network_that_adds_the_link_is_silent():
    assert _hints("Lees ook https://other.example/article-1") == []
    assert _hints("Geen link", network="x") == []
    assert _hints("Geen link", network="facebook") == []


def test_something_that_only_looks_like_an_address_is_no_crash():
    """A broken IPv6 host ("https://[oops") makes urlsplit refuse: no hint, no error."""
    assert _hints("Lees dit: https://[oops en https://x]") == []


def test_instagram_says_where_the_link_goes():
    """Instagram adds no link: an info hint about the link for the bio; the pasted raw
    address there points to the personal link of the next step."""
    hints = _hints("Mooie foto", network="instagram")
    assert _codes(hints) == [CHECK_LINK]
    assert hints[0].severity == INFO
    raw = _hints(f"Mooie foto {ITEM_URL}", network="instagram")
    assert "next step" in raw[0].detail


# --- length ----------------------------------------------------------------------------------


def test_length_on_x_counts_the_link_as_23():
    """X: 280 with the link (23 and a space): 256 characters fit, 257 do not."""
    assert _hints("a" * 256, network="x") == []
    hints = _hints("a" * 257, network="x")
    assert _codes(hints) == [CHECK_LENGTH]
    assert "281 of 280" in hints[0].detail
    assert "by 1" in hints[0].detail


def test_length_counts_the_disclosure_that_will_be_added():
    item = _item(disclosure="Ik werk hier.")  # 13 characters and two line breaks
    assert _codes(_hints("a" * 256, network="x", item=item)) == [CHECK_DISCLOSURE, CHECK_LENGTH]
    assert _hints("a" * 241, network="x", item=item)[-1].code == CHECK_DISCLOSURE


# --- configuration ---------------------------------------------------------------------------


def test_checks_that_are_off_stay_silent():
    text = f"#a #b #c #d {ITEM_URL} Noordlicht " + "a" * 3000
    assert len(_hints(text, confidential=("Noordlicht",))) == 4
    assert _hints(text, confidential=("Noordlicht",), enabled=frozenset()) == []


def test_hints_use_the_cms_text_in_the_active_language_else_the_default():
    rules = {
        "confidential": ("Noordlicht",),
        "hints": {CHECK_CONFIDENTIAL: {"nl": "Dit blijft binnen.", "en": "This stays inside."}},
        "links": {CHECK_CONFIDENTIAL: {"nl": "/richtlijnen/#conf", "en": "/guidelines/#conf"}},
    }
    with translation.override("en"):
        [hint] = _hints("Noordlicht", **rules)
        assert (hint.message, hint.link) == ("This stays inside.", "/guidelines/#conf")
        [default] = _hints("#a #b #c #d")
        assert default.message == str(DEFAULT_HINTS[CHECK_HASHTAGS])
        assert default.link == ""
    with translation.override("nl"):
        [hint] = _hints("Noordlicht", **rules)
        assert (hint.message, hint.link) == ("Dit blijft binnen.", "/richtlijnen/#conf")


@pytest.mark.django_db
def test_a_fresh_programme_has_useful_checks_without_a_settings_row():
    """No row yet: length, hashtags (at most 3), disclosure and link on; nothing is written."""
    rules = posting_rules()
    assert rules.enabled == frozenset(CHECKS)
    assert rules.max_hashtags == 3
    assert rules.confidential == ()
    assert not PostingChecks.objects.exists()


@pytest.mark.django_db
def test_the_rules_follow_a_change_in_the_cms():
    """Saved settings reach the composer at once (the structure cache moves)."""
    assert posting_rules().confidential == ()
    PostingChecks.objects.create(confidential_words="Noordlicht\nnoordlicht\n\nOost")
    assert posting_rules().confidential == ("Noordlicht", "Oost")


# --- the composer and its coach ---------------------------------------------------------------


def _programme(**fields) -> PostingChecks:
    """Settings linking each check to a section of a page in the site."""
    home = provisioning.wagtail_site_ensure()
    values = {"confidential_words": "Noordlicht", "confidential_hint_en": "This stays inside."}
    checks = PostingChecks(**(values | fields))
    checks.confidential_page = home
    checks.confidential_anchor = "confidentiality"
    checks.full_clean()
    checks.save()
    return checks


@pytest.mark.django_db
def test_the_composer_shows_the_hints_with_the_section_link_and_still_shares(client_for):
    """The hint and its link are on the page; the share goes through all the same."""
    _programme()
    person = make_user(Role.EMPLOYEE, language="en")
    item = make_item(language="en")
    client = client_for(person)
    text = "Project Noordlicht starts soon!"
    checked = client.post(f"/share/{item.pk}/", {"network": "linkedin", "text": text, "check": "1"})
    body = checked.content.decode()
    assert checked.status_code == 200
    assert 'role="status"' in body
    assert "This stays inside." in body
    assert "What the guidelines say" in body
    assert 'href="/#confidentiality"' in body
    assert not Share.objects.filter(user=person).exists()  # checking shares nothing
    done = client.post(f"/share/{item.pk}/", {"network": "linkedin", "text": text})
    assert done.status_code == 302
    assert Share.objects.get(user=person).text.startswith(text)


@pytest.mark.django_db
def test_the_composer_renders_hints_of_the_starting_text(client_for, employee):
    """On page load the text to start from is checked: its hashtags are counted."""
    item = make_item()
    item.variants.filter(network="linkedin").update(text="Kijk #een #twee #drie #vier")
    page = client_for(employee).get(f"/share/{item.pk}/?network=linkedin")
    assert 'data-hint="hashtags"' in page.content.decode()


@pytest.mark.django_db
def test_the_coach_returns_the_hints_for_the_network(client_for):
    _programme()
    person = make_user(Role.EMPLOYEE, language="en")
    item = make_item(language="en")
    client = client_for(person)
    url = f"/share/{item.pk}/coach/"
    data = client.post(url, {"text": "Noordlicht " + "a" * 260, "network": "x"}).json()
    assert [hint["code"] for hint in data["hints"]] == [CHECK_CONFIDENTIAL, CHECK_LENGTH]
    assert data["hints"][0]["message"] == "This stays inside."
    assert data["hints"][0]["link"] == "/#confidentiality"
    assert client.post(url, {"text": "Noordlicht", "network": "linkedin"}).json()["hints"][0][
        "code"
    ] == (CHECK_CONFIDENTIAL)
    unknown = client.post(url, {"text": "Mooi", "network": "nope"})
    assert unknown.status_code == 400
    assert unknown.json() == {"error": "Choose a network."}


@pytest.mark.django_db
def test_a_dutch_and_an_english_employee_get_their_own_hint_text(client_for):
    _programme(confidential_hint_nl="Dit blijft binnen.")
    item = make_item()
    url = f"/share/{item.pk}/coach/"
    for language, expected in (("en", "This stays inside."), ("nl", "Dit blijft binnen.")):
        person = make_user(Role.EMPLOYEE, language=language)
        data = client_for(person).post(url, {"text": "Noordlicht", "network": "linkedin"}).json()
        assert data["hints"][0]["message"] == expected


@pytest.mark.django_db
def test_the_composer_queries_do_not_grow_with_the_checks(client_for, employee):
    """The same queries with a short and a full confidential list and every check linked."""
    item = make_item()
    client = client_for(employee)
    checks = _programme()
    small = page_queries(client, f"/share/{item.pk}/")
    for check in CHECKS:
        setattr(checks, f"{check}_page", checks.confidential_page)
        setattr(checks, f"{check}_anchor", "section")
    checks.confidential_words = "\n".join(f"woord{n}" for n in range(CONFIDENTIAL_MAX_WORDS))
    checks.save()
    large = page_queries(client, f"/share/{item.pk}/")
    assert small == large


@pytest.mark.django_db
def test_guideline_sections_have_stable_ids(client_for, employee):
    """The guideline page gives each section its kind as id, a second one numbered."""
    guidelines = build_guidelines()
    acknowledge(employee, guidelines.main)
    body = client_for(employee).get(guidelines.main.url).content.decode()
    for anchor in ("principles", "dos-and-donts", "negative-reactions"):
        assert f'id="{anchor}"' in body
    assert "anchors" not in body  # the template's own comment stays out of the page


# --- the CMS setting ---------------------------------------------------------------------------


def _edit_url() -> str:
    return reverse(
        "wagtailsettings:edit", args=["sharing", "postingchecks", PostingChecks.load().pk]
    )


def _form(**changes) -> dict:
    data = {
        "length_on": "on",
        "hashtags_on": "on",
        "hashtags_max": "3",
        "disclosure_on": "on",
        "confidential_on": "on",
        "link_on": "on",
        "confidential_words": "Noordlicht",
    }
    for check in CHECKS:
        data |= {f"{check}_anchor": "", f"{check}_hint_nl": "", f"{check}_hint_en": ""}
    return data | changes


@pytest.fixture
def comms_en(db):
    comms = make_user(Role.EMPLOYEE, Role.COMMS)
    UserProfile.objects.update_or_create(user=comms, defaults={"preferred_language": "en"})
    return comms


@pytest.mark.django_db
def test_comms_staff_save_the_checks_and_empty_hints_fall_back(client_for, comms_en):
    client = client_for(comms_en)
    response = client.post(
        _edit_url(),
        _form(
            confidential_words="  Noordlicht \n\nnoordlicht\nWarmtenet Oost",
            confidential_hint_en="   ",
            hashtags_max="2",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    checks = PostingChecks.objects.get()
    assert checks.confidential_words == "Noordlicht\nWarmtenet Oost"
    assert checks.confidential_hint_en == ""
    with translation.override("en"):
        [hint] = posting_hints(
            text="noordlicht", network="linkedin", item=_item(), checks=posting_rules()
        )
        assert hint.message == str(DEFAULT_HINTS[CHECK_CONFIDENTIAL])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "error"),
    [
        (
            {"confidential_words": "\n".join(f"w{n}" for n in range(CONFIDENTIAL_MAX_WORDS + 1))},
            "At most 200 words or phrases",
        ),
        ({"confidential_words": "x" * 61}, "is longer than 60 characters"),
        ({"confidential_words": "Noord\u202elicht"}, "without hidden characters"),
        ({"disclosure_synonyms": "\n".join(f"#s{n}" for n in range(21))}, "At most 20 words"),
        ({"confidential_anchor": "a b<script>"}, "as it appears after #"),
        ({"hashtags_max": "99"}, "less than or equal to 30"),
    ],
)
def test_hostile_or_overlong_settings_are_refused_in_the_users_language(
    client_for, comms_en, changes, error
):
    response = client_for(comms_en).post(_edit_url(), _form(**changes))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not PostingChecks.objects.filter(confidential_words="Noordlicht").exists()


@pytest.mark.django_db
def test_an_employee_cannot_edit_the_checks(client_for, employee):
    response = client_for(employee).get(_edit_url())
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_comms_staff_may_change_the_checks_and_employees_not(comms_en, employee):
    """Sharing declares the permission for the comms group (sharing/provisioning.py)."""
    assert comms_en.has_perm("sharing.change_postingchecks")
    assert not employee.has_perm("sharing.change_postingchecks")
