"""In a real browser: the broker records a signal, records consent given by phone and refers to a partner;
the partner acknowledges through the e-mailed link; the resident withdraws consent and the partner is told.
axe-core checks every page on the way."""

import re

import pytest
from django.core import mail

from droomhuis.care.models import Referral, Signal
from tests.browser import assert_accessible, log_in

from ..conftest import picked_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_signal_consent_referral_acknowledge_withdraw(live_server, page, world, make_dream, settings):
    settings.SITE_URL = live_server.url
    dream = picked_up(make_dream(), world.users.broker_bw)
    log_in(page, live_server, world.users.broker_bw)
    page.goto(f"{live_server.url}/droomhuis/makelaar/droom/{dream.reference}/")
    assert_accessible(page)

    # The care forms are folded away under their own heading; each opens with a click (no JavaScript needed).
    page.locator("summary", has_text="Signalen").click()
    page.check("input[name='signal-kind'][value='loneliness']")
    page.fill("#id_signal-description", "Spreekt bijna niemand sinds de verhuizing van haar zoon.")
    page.click("form[action$='/signaal/'] button[type=submit]")
    page.wait_for_url(re.compile(r"/makelaar/droom/[A-Z0-9]+/$"))
    assert "Het signaal is vastgelegd." in page.content()
    assert Signal.objects.filter(dream=dream, kind="loneliness").exists()

    page.locator("summary", has_text="Toestemming om aan te melden").click()
    page.select_option("#id_consent-partner", str(world.welzijn.pk))
    page.check("input[name='consent-categories'][value='contact']")
    page.check("input[name='consent-method'][value='phone']")
    page.click("form[action$='/toestemming/'] button[type=submit]")
    page.wait_for_url(re.compile(r"/makelaar/droom/[A-Z0-9]+/$"))
    assert "De toestemming is vastgelegd." in page.content()
    assert "Aan de telefoon" in page.content()
    assert_accessible(page)

    page.locator("summary", has_text="Aanmeldingen").click()
    page.select_option("#id_referral-partner", str(world.welzijn.pk))
    page.check("input[name='referral-categories'][value='contact']")
    page.fill("#id_referral-question", "Wilt u haar bellen over de wandelgroep?")
    page.click("form[action$='/doorverwijzen/'] button[type=submit]")
    page.wait_for_url(re.compile(r"/makelaar/droom/[A-Z0-9]+/$"))
    assert "De aanmelding is verstuurd." in page.content()
    referral = Referral.objects.get()
    (invitation,) = [m for m in mail.outbox if referral.reference in m.subject]
    link = re.search(r"http\S+/partner/link/\S+/", invitation.body).group(0)

    page.set_viewport_size({"width": 320, "height": 800})
    page.screenshot(path="/tmp/droomhuis-case-320.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.context.clear_cookies()
    page.goto(link)
    assert referral.reference in page.content() and "0546 123 456" in page.content()
    assert "Spreekt bijna niemand" not in page.content()
    assert_accessible(page)
    page.check("input[name='to_status'][value='acknowledged']")
    page.click("form[action*='/partner/link/'] button[type=submit]")
    page.get_by_text("Opgeslagen. Dank u wel.").wait_for()
    assert "Ontvangen door de partner" in page.content()
    referral.refresh_from_db()
    assert referral.status == "acknowledged"

    page.goto(f"{live_server.url}/droomhuis/volgen/{dream.reference}/")
    assert "Wie heeft mijn gegevens bekeken?" in page.content()
    assert "Een droommakelaar van Beter Wonen heeft uw gegevens bekeken." in page.content()
    assert "Spreekt bijna niemand" not in page.content()
    assert_accessible(page)
    page.screenshot(path="/tmp/droomhuis-follow.png", full_page=True)
    page.get_by_role("button", name="Stop met delen met Welzijn Almelo").click()
    page.wait_for_url(re.compile(r"/volgen/[A-Z0-9]+/$"))
    assert "Uw toestemming is ingetrokken." in page.content()
    assert_accessible(page)
    referral.refresh_from_db()
    assert referral.status == "consent_withdrawn"
    stop = [m for m in mail.outbox if m.subject == f"Stop: aanmelding {referral.reference}"]
    assert len(stop) == 1 and stop[0].to == ["partner@welzijn.test"]

    page.goto(link)
    assert "De bewoner heeft de toestemming ingetrokken." in page.content()
    assert "0546 123 456" not in page.content()
    page.screenshot(path="/tmp/droomhuis-partner-withdrawn.png", full_page=True)
