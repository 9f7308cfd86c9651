"""The CMS page of an item's texts and figures: what comms staff read, the Retire/Offer again
buttons, hostile texts escaped, fixed queries, and the item's edit form keeping the retired
state."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from ambassadors.roles import Role
from sharing import services
from sharing.models import Click, ClickDay, ContentItem, Share, TextVariant
from tests.factories import make_user
from tests.factories.sharing import make_item
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def comms_en(comms):
    UserProfile.objects.update_or_create(user=comms, defaults={"preferred_language": "en"})
    return comms


def _page(item) -> str:
    return f"/cms/sharing/items/{item.pk}/texts/"


def _linkedin(item):
    return list(item.variants.filter(network="linkedin").order_by("sort_order", "pk"))


def _shared(item, variant, count, *, clicks_per_share=0):
    for _n in range(count):
        share = Share.objects.create(
            user=make_user(Role.EMPLOYEE),
            item=item,
            network=variant.network,
            variant=variant,
            text=variant.text,
            rewritten=0,
        )
        for n in range(clicks_per_share):
            Click.objects.create(share=share, day=timezone.localdate(), visitor=f"v{n}")
        ClickDay.objects.create(
            share=share, day=timezone.localdate() - dt.timedelta(days=60), clicks=2, visitors=1
        )


def test_the_page_shows_each_text_with_its_figures(client_for, comms_en):
    """Six sharers: figures and a range; two: "fewer than 5", and with them the next
    smallest text (five) is withheld so the network's total can't give the two away."""
    item = make_item(variants=4)
    shared, protecting, few, _unshared = _linkedin(item)
    _shared(item, shared, 6, clicks_per_share=1)
    _shared(item, protecting, 5)
    _shared(item, few, 2)
    html = client_for(comms_en).get(_page(item)).content.decode()
    assert shared.text in html
    assert "no shares yet" in html
    assert "fewer than 5" in html
    assert "withheld, so a smaller group" in html
    assert "95% range" in html
    assert "18 clicks, 12 visitors" in html  # 6 shares: 1 raw click + 2 archived each
    assert 'value="retire"' in html


def test_a_hostile_text_is_escaped(client_for, comms_en):
    item = make_item(variants=1)
    TextVariant.objects.filter(item=item, network="linkedin").update(text=HOSTILE)
    html = client_for(comms_en).get(_page(item)).content.decode()
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_retire_and_offer_again_from_the_page(client_for, comms_en):
    item = make_item(variants=2)
    first, _second = _linkedin(item)
    client = client_for(comms_en)
    response = client.post(_page(item), {"variant": first.pk, "action": "retire"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.retired_at is not None
    assert "Offer again" in client.get(_page(item)).content.decode()
    again = client.post(_page(item), {"variant": first.pk, "action": "retire"})
    assert again.status_code == 400
    with translation.override("en"):  # the CMS user reads English
        assert str(services.ERROR_ALREADY_RETIRED) in again.content.decode()
    client.post(_page(item), {"variant": first.pk, "action": "restore"})
    first.refresh_from_db()
    assert first.retired_at is None


def test_another_items_text_is_refused(client_for, comms_en):
    """A variant id of another item is not a choice: nothing is retired."""
    item, other = make_item(), make_item()
    stranger = _linkedin(other)[0]
    response = client_for(comms_en).post(_page(item), {"variant": stranger.pk, "action": "retire"})
    assert response.status_code == 400
    stranger.refresh_from_db()
    assert stranger.retired_at is None


def test_a_missing_item_is_404(client_for, comms_en):
    assert client_for(comms_en).get("/cms/sharing/items/999999/texts/").status_code == 404


def test_the_list_and_the_edit_page_link_to_the_figures(client_for, comms_en):
    item = make_item()
    client = client_for(comms_en)
    assert _page(item) in client.get("/cms/snippets/sharing/contentitem/").content.decode()
    edit = client.get(f"/cms/snippets/sharing/contentitem/edit/{item.pk}/").content.decode()
    assert _page(item) in edit


def test_the_page_reads_a_fixed_number_of_queries(client_for, comms_en):
    """Two shares or forty, with clicks or not: the same queries."""
    small, large = make_item(variants=2), make_item(variants=2)
    for variant in _linkedin(small):
        _shared(small, variant, 1)
    for variant in _linkedin(large):
        _shared(large, variant, 20, clicks_per_share=2)
    client = client_for(comms_en)
    assert page_queries(client, _page(small)) == page_queries(client, _page(large))


def _edit_form_data(item: ContentItem, variants: list[dict]) -> dict:
    return nested_form_data(
        {
            "url": item.url,
            "title": item.title,
            "summary": item.summary,
            "kind": item.kind,
            "min_stage": item.min_stage,
            "language": item.language,
            "publish_from": "",
            "expires_at": "",
            "disclosure": item.disclosure,
            "status": item.status,
            "proposal_comment": "",
            "review_reason": "",
            "variants": inline_formset(variants, initial=len(_all(item))),
        }
    )


def _all(item):
    return list(item.variants.order_by("sort_order", "pk"))


def test_saving_the_item_in_the_cms_keeps_the_retired_text(client_for, comms_en):
    """The edit form saves its texts in place: the retired one keeps its id, its state and
    its shares, while another text is changed and the order swapped."""
    item = make_item(variants=2)
    first, second = _linkedin(item)
    x_text = item.variants.get(network="x")
    services.variant_retire(variant=first, user=comms_en)
    edit_page = f"/cms/snippets/sharing/contentitem/edit/{item.pk}/"
    shown = client_for(comms_en).get(edit_page).content.decode()
    assert shown.count("nobody is offered this text") == 1  # only on the retired one
    share = Share.objects.create(
        user=make_user(Role.EMPLOYEE), item=item, network="linkedin", variant=first, text="t"
    )
    data = _edit_form_data(
        item,
        [
            {"id": second.pk, "network": "linkedin", "text": "A new wording", "ORDER": 1},
            {"id": first.pk, "network": "linkedin", "text": first.text, "ORDER": 2},
            {"id": x_text.pk, "network": "x", "text": x_text.text, "ORDER": 3},
        ],
    )
    response = client_for(comms_en).post(f"/cms/snippets/sharing/contentitem/edit/{item.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.retired_at is not None
    assert first.retired_by == comms_en
    assert second.text == "A new wording"
    assert second.retired_at is None
    share.refresh_from_db()
    assert share.variant_id == first.pk
    assert set(item.variants.values_list("pk", flat=True)) == {first.pk, second.pk, x_text.pk}


def test_the_demo_tells_the_story_of_its_texts(client_for):
    """After seed_demo: one item with a clear winner, texts nobody shared, a retired text
    (by pieter, in the item's history), and the comms page showing them."""
    from django.core.management import call_command

    from sharing.variants import BETTER, WORSE, variant_figures

    call_command("seed_demo", stdout=None)
    school = ContentItem.objects.get(url__contains="/nl/warmtepomp-school")
    networks = {block.network: block for block in variant_figures(school)}
    verdicts = [row.verdict for row in networks["linkedin"].rows]
    assert verdicts == [BETTER, WORSE]
    assert all(row.figures.none for row in networks["instagram"].rows)
    jobs = ContentItem.objects.get(url__contains="/nl/monteurs-gezocht")
    retired = [v for v in jobs.variants.all() if v.retired_at is not None]
    assert [v.retired_by.username for v in retired] == ["pieter"]
    pieter = retired[0].retired_by
    html = client_for(pieter).get(_page(school)).content.decode()
    assert "95%" in html
