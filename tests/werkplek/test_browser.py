"""The moderator's daily journey in a real browser at 1280 and 390 px: the Werkplek home → the pearls waiting →
the first pearl → a standard reason, changed → not placed → on to the next → on the map; then a proposed activity
into the programme; axe-core clean on every page, by keyboard, never through the Django admin.
Screenshots go to ``WERKPLEK_SHOTS`` when that is set (to look at them)."""

import pytest

from parelketting.choices import ActivityStatus, PearlStatus
from parelketting.models import Pearl
from parelketting.programme.models import Activity
from parelketting.services import pearl_submit
from tests.browser import assert_accessible, log_in, shot, tab_to

from .conftest import zuidwijk_pearl
from .test_activity_moderation import propose


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_werkplek_home_to_inbox_to_decisions(live_server, page, world, width):
    first = pearl_submit(
        kind="place",
        title="Bankje bij de vijver",
        story="Hier zit je fijn in de zon.",
        neighbourhood=world.zuidwijk,
        submitter=world.residents.zuidwijk,
        street="Spui",
    )
    second = zuidwijk_pearl(world, "De speeltuin")
    koffie = propose(world)
    log_in(page, live_server, world.users.moderator_hw)
    page.set_viewport_size({"width": width, "height": 800})

    # 1. The Werkplek: what waits, with the count in the menu.
    page.goto(f"{live_server.url}/werkplek/")
    assert page.get_by_role("heading", name="Werkplek", exact=True).is_visible()
    assert page.locator(".nav-badge").first.inner_text().startswith("3")  # 2 pearls and 1 proposed activity
    shot(page, "werkplek-home")
    assert_accessible(page)
    assert "2 parels wachten op controle" in page.locator("[data-key='pearls'] a").inner_text()
    tab_to(page, "[data-key='pearls'] a")
    page.keyboard.press("Enter")

    # 2. The inbox: the pearls, oldest first.
    page.wait_for_url("**/werkplek/parels/")
    assert page.get_by_role("heading", name="Parels controleren").is_visible()
    shot(page, "werkplek-inbox")
    assert_accessible(page)
    tab_to(page, "a.button")
    page.keyboard.press("Enter")

    # 3. The first pearl: how the submitter hears it, a standard reason picked and changed, not placed.
    page.wait_for_url(f"**/werkplek/parels/{first.uid}/")
    assert "De inzender hoort uw besluit per e-mail." in page.content()
    decide_top = page.evaluate("document.querySelector('.wp-decide').getBoundingClientRect().top + window.scrollY")
    assert decide_top < (1400 if width == 390 else 900), decide_top
    shot(page, "werkplek-pearl")
    assert_accessible(page)
    tab_to(page, "#afwijzen summary")
    page.keyboard.press("Enter")
    tab_to(page, "a[href$='/?afwijzen=persoonlijk#afwijzen']")
    page.keyboard.press("Enter")
    page.wait_for_url("**afwijzen=persoonlijk**")
    reason = page.locator("#id_reject_reason")
    assert reason.input_value().startswith("Er staat iets persoonlijks in")
    tab_to(page, "#id_reject_reason")
    page.keyboard.press("Control+End")
    page.keyboard.type(" Haalt u de naam weg? Dan kijken wij opnieuw.")
    shot(page, "werkplek-reject")
    assert_accessible(page)
    tab_to(page, "#afwijzen button[type=submit]")
    page.keyboard.press("Enter")

    # 4. Straight on to the next pearl, with the message of what happened; put it on the map.
    page.wait_for_url(f"**/werkplek/parels/{second.uid}/")
    message = page.locator(".messages").inner_text()
    assert "‘Bankje bij de vijver’ is niet geplaatst. De reden gaat naar de inzender." in message
    assert_accessible(page)
    tab_to(page, "form[action$='/plaatsen/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/werkplek/parels/")
    assert "Er wachten geen parels. Mooi zo." in page.content()
    shot(page, "werkplek-done")
    assert_accessible(page)

    # 5. Back to the Werkplek: the proposed activity, on its own page, into the programme.
    page.goto(f"{live_server.url}/werkplek/")
    assert "1 voorgestelde activiteit wacht" in page.locator("[data-key='activities'] a").inner_text()
    tab_to(page, "[data-key='activities'] a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/werkplek/activiteiten/")
    assert_accessible(page)
    tab_to(page, "a.button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/werkplek/activiteiten/{koffie.uid}/")
    assert "Wie het voorstelde, hoort uw besluit per e-mail." in page.content()
    shot(page, "werkplek-activity")
    assert_accessible(page)
    tab_to(page, "form[action$='/in-het-programma/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/werkplek/activiteiten/")
    assert "staat in het programma" in page.locator(".messages").inner_text()
    assert Activity.objects.get(pk=koffie.pk).status == ActivityStatus.PUBLISHED

    first.refresh_from_db()
    assert first.status == PearlStatus.REJECTED
    assert first.moderator_message.endswith("Haalt u de naam weg? Dan kijken wij opnieuw.")
    assert Pearl.objects.get(pk=second.pk).status == PearlStatus.PUBLISHED
