"""Measured texts: the Wilson interval, retiring a text (never offered again, anywhere), the
rewrite measure stored with a share, and the figures per text with the rule of five."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from ambassadors.roles import Role
from integrations.channels.suggestions import suggestion_of
from sharing import services
from sharing.models import ClickDay, Share, TextVariant
from sharing.selectors import best_text, current_variants, feed_for, offered_variants
from sharing.variants import BETTER, UNCLEAR, WORSE, Figures, variant_figures, wilson_interval
from tests.factories import make_user
from tests.factories.sharing import make_item

pytestmark = pytest.mark.django_db


# --- the Wilson interval (pure) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        (5, 10, 0.2366, 0.7634),
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (1, 1, 0.2065, 1.0),
        (81, 263, 0.2553, 0.3662),
    ],
)
def test_wilson_interval_known_values(successes, trials, low, high):
    """The interval matches published values (e.g. 5 of 10: 0.237–0.763)."""
    found = wilson_interval(successes, trials)
    assert found == (pytest.approx(low, abs=1e-4), pytest.approx(high, abs=1e-4))


def test_wilson_interval_without_trials_is_none():
    """No shares: no interval, and no division by zero."""
    assert wilson_interval(0, 0) is None


def test_wilson_interval_refuses_impossible_counts():
    with pytest.raises(ValueError, match="successes"):
        wilson_interval(3, 2)


def test_a_variant_with_no_shares_has_no_interval():
    """A text nobody shared yet: "no shares yet", no rate, no interval."""
    figures = Figures()
    assert figures.none
    assert not figures.shown
    assert (figures.interval, figures.reached_percent, figures.median_rewritten) == (
        None,
        None,
        None,
    )


# --- retiring: never offered again -----------------------------------------------------------


def _linkedin(item):
    return list(item.variants.filter(network="linkedin").order_by("sort_order", "pk"))


def test_retired_variant_is_never_offered(comms):
    """Every colleague is offered the one text left; a retired one is offered to nobody."""
    item = make_item(variants=2)
    first, second = _linkedin(item)
    services.variant_retire(variant=first, user=comms)
    people = [make_user(Role.EMPLOYEE) for _n in range(4)]
    item = type(item).objects.prefetch_related("variants").get(pk=item.pk)
    for person in people:
        assert offered_variants(user=person, items=[item], network="linkedin") == {item.pk: second}
        assert best_text(user=person, item=item, network="linkedin") == second.text
    assert first not in current_variants(item)


def test_all_texts_of_a_network_retired_fall_back_like_an_item_without_them(comms, employee):
    """With both LinkedIn texts retired, LinkedIn offers none: the composer starts from what
    an item without LinkedIn texts gives (another network's text that fits)."""
    item = make_item(variants=2)
    for variant in _linkedin(item):
        services.variant_retire(variant=variant, user=comms)
    item = type(item).objects.prefetch_related("variants").get(pk=item.pk)
    assert offered_variants(user=employee, items=[item], network="linkedin") == {}
    x_text = item.variants.get(network="x").text
    assert best_text(user=employee, item=item, network="linkedin") == x_text


def test_the_composer_starts_from_a_text_not_retired(client_for, comms, employee):
    """The share page's text is the remaining variant for everyone."""
    item = make_item(variants=2)
    first, second = _linkedin(item)
    services.variant_retire(variant=first, user=comms)
    html = client_for(employee).get(f"/share/{item.pk}/?network=linkedin").content.decode()
    assert second.text in html
    assert first.text not in html


def test_the_feed_rotation_skips_a_retired_text(comms):
    """In the feed, colleagues are offered only texts still in use (the cached library is
    renewed when a text is retired)."""
    item = make_item(variants=2)
    first, second = _linkedin(item)
    people = [make_user(Role.EMPLOYEE) for _n in range(4)]
    before = {feed_for(ambassador=p.ambassador, network="linkedin")[0][0].text for p in people}
    assert before == {first, second}
    services.variant_retire(variant=first, user=comms)
    after = [feed_for(ambassador=p.ambassador, network="linkedin")[0][0] for p in people]
    assert {suggestion.text for suggestion in after} == {second}
    assert {suggestion.body for suggestion in after} == {second.text}


def test_slack_and_teams_suggestions_skip_retired_texts(comms, employee):
    """The channels' suggestion: never a retired text, also not as the fallback."""
    item = make_item(variants=1)
    (linkedin,) = _linkedin(item)
    services.variant_retire(variant=linkedin, user=comms)
    x_text = item.variants.get(network="x")
    services.variant_retire(variant=x_text, user=comms)
    item = type(item).objects.prefetch_related("variants").get(pk=item.pk)
    suggestion = suggestion_of(item, user=employee, networks=["linkedin", "x"])
    assert suggestion.text == ""
    services.variant_restore(variant=x_text, user=comms)
    item = type(item).objects.prefetch_related("variants").get(pk=item.pk)
    assert suggestion_of(item, user=employee, networks=["linkedin"]).text == x_text.text


def test_retire_and_restore_are_audited_and_refused_twice(comms):
    item = make_item(variants=1)
    (variant,) = _linkedin(item)
    retired = services.variant_retire(variant=variant, user=comms)
    assert (retired.retired_by, retired.retired_at is not None) == (comms, True)
    with pytest.raises(services.SharingError) as refused:
        services.variant_retire(variant=variant, user=comms)
    assert refused.value.message == services.ERROR_ALREADY_RETIRED
    restored = services.variant_restore(variant=variant, user=comms)
    assert (restored.retired_at, restored.retired_by) == (None, None)
    with pytest.raises(services.SharingError) as refused:
        services.variant_restore(variant=variant, user=comms)
    assert refused.value.message == services.ERROR_NOT_RETIRED
    actions = ModelLogEntry.objects.filter(object_id=str(item.pk)).values_list("action", flat=True)
    assert sorted(actions) == ["academy.variant_restore", "academy.variant_retire"]


def test_an_employee_may_not_retire(employee):
    item = make_item(variants=1)
    (variant,) = _linkedin(item)
    with pytest.raises(services.SharingError) as refused:
        services.variant_retire(variant=variant, user=employee)
    assert refused.value.message == services.ERROR_MAY_NOT_RETIRE
    variant.refresh_from_db()
    assert variant.retired_at is None


# --- the rewrite measure ---------------------------------------------------------------------


def test_a_share_stores_how_much_was_rewritten(employee):
    """The offered text as it is: 0; one's own words: far more; edited later: measured anew."""
    item = make_item(variants=1)
    (variant,) = _linkedin(item)
    share = services.share_create(user=employee, item=item, network="linkedin", text=variant.text)
    assert (share.variant, share.rewritten, share.edited) == (variant, 0, False)
    own = "I was at this school myself last week and nobody heard the heat pump at all."
    share = services.share_create(user=employee, item=item, network="linkedin", text=own)
    share.refresh_from_db()
    assert share.rewritten > 50
    assert share.edited


def test_a_share_without_an_offered_text_has_no_measure(employee):
    item = make_item(variants=1)
    TextVariant.objects.filter(item=item, network="x").delete()
    share = services.share_create(user=employee, item=item, network="x", text="My own words")
    assert (share.variant, share.rewritten) == (None, None)


# --- figures per text ------------------------------------------------------------------------


def _shares(item, variant, count, *, reached, clicks=3, rewritten=20):
    """`count` shares of `variant`, the first `reached` of them with visitors."""
    for n in range(count):
        share = Share.objects.create(
            user=make_user(Role.EMPLOYEE),
            item=item,
            network=variant.network if variant else "linkedin",
            variant=variant,
            text="Shared",
            edited=n % 2 == 0,
            rewritten=rewritten if variant else None,
        )
        if n < reached:
            ClickDay.objects.create(
                share=share,
                day=timezone.localdate() - dt.timedelta(days=40),
                clicks=clicks,
                visitors=2,
                bot_clicks=5,
            )


def test_figures_per_text_with_a_clear_winner():
    item = make_item(variants=3)
    good, poor, unshared = _linkedin(item)
    _shares(item, good, 12, reached=11, rewritten=30)
    _shares(item, poor, 12, reached=2, rewritten=10)
    (linkedin, x) = variant_figures(item)
    assert (linkedin.network, x.network) == ("linkedin", "x")
    rows = {row.variant: row for row in linkedin.rows}
    figures = rows[good].figures
    assert (figures.shares, figures.sharers, figures.clicks, figures.visitors) == (12, 12, 33, 22)
    assert (figures.reached_percent, figures.edited_percent, figures.median_rewritten) == (
        92,
        50,
        30,
    )
    assert figures.clicks_per_share == 2.8  # bots left out
    assert rows[good].verdict == BETTER
    assert rows[poor].verdict == WORSE
    assert rows[unshared].figures.none
    assert rows[unshared].figures.interval is None
    assert linkedin.total.shares == 24
    assert x.rows[0].figures.none


def test_overlapping_intervals_say_no_clear_difference():
    item = make_item(variants=2)
    first, second = _linkedin(item)
    _shares(item, first, 6, reached=4)
    _shares(item, second, 6, reached=3)
    rows = {row.variant: row for row in variant_figures(item)[0].rows}
    assert rows[first].verdict == rows[second].verdict == UNCLEAR


def test_rule_of_five_withholds_a_text_shared_by_fewer_than_five():
    """Four sharers: no figures and no rate; and the network total minus the shown text can't
    reveal them: one more part is withheld with them."""
    item = make_item(variants=2)
    big, small = _linkedin(item)
    _shares(item, big, 8, reached=5)
    _shares(item, small, 4, reached=4)
    linkedin = variant_figures(item)[0]
    rows = {row.variant: row.figures for row in linkedin.rows}
    assert not rows[small].shown
    assert rows[small].interval is None
    assert rows[small].reached_percent is None
    assert not rows[big].shown
    assert rows[big].protects_others
    assert linkedin.total.shown  # twelve people: the network's total shows


def test_shares_without_a_text_count_on_their_network():
    """Shares that started from no text of the network show as their own part."""
    item = make_item(variants=1)
    (variant,) = _linkedin(item)
    _shares(item, variant, 5, reached=5)
    _shares(item, None, 6, reached=1)
    linkedin = variant_figures(item)[0]
    assert linkedin.without_text.shares == 6
    assert linkedin.rows[0].figures.shown
    assert linkedin.total.shares == 11


def test_the_api_lists_only_texts_still_offered(comms):
    """The API's items carry the texts a system may suggest: not a retired one."""
    from tests.api.calls import Caller

    item = make_item(variants=2)
    first, second = _linkedin(item)
    services.variant_retire(variant=first, user=comms)
    rows = Caller("content:read").get("/api/v1/content-items").json()["items"]
    texts = [variant["text"] for variant in rows[0]["variants"]]
    assert second.text in texts
    assert first.text not in texts


def test_the_migration_measures_shares_made_before_it(employee):
    """Older shares get the same measure `share_create` stores now; none without a text."""
    import importlib

    from django.apps import apps

    from sharing.coach import rewritten

    migration = importlib.import_module("sharing.migrations.0017_i23_variants")
    item = make_item(variants=1, disclosure="I work here.")
    (variant,) = _linkedin(item)
    text = f"{variant.text} My own thought.\n\nI work here."
    old = Share.objects.create(
        user=employee, item=item, network="linkedin", variant=variant, text=text
    )
    own = Share.objects.create(user=make_user(Role.EMPLOYEE), item=item, network="x", text="Mine")
    migration.measure_old_shares(apps, None)
    old.refresh_from_db()
    own.refresh_from_db()
    assert old.rewritten == rewritten(text, item=item, suggestion=variant.text)
    assert 0 < old.rewritten < 50
    assert own.rewritten is None
