"""Reporting a place is not removing it: "Er klopt iets niet", the threshold rule, the owner's notice, and the
pages of a pearl that is off the map for now (QR plaque, route stop)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from parelketting.choices import PearlStatus, ReportWhat
from parelketting.models import Pearl, PearlReport, Route, RouteStop
from parelketting.necklace.models import validate_no_stop_count
from parelketting.necklace.services import pearl_short_code_ensure
from parelketting.services import pearl_hide, pearl_publish, pearl_reject, pearl_report
from tests.factories import ResidentFactory
from wijk.choices import ContactPreference
from wijk.models import Letter

pytestmark = pytest.mark.django_db


def _report_url(pearl):
    return reverse("parelketting:report", kwargs={"uid": pearl.uid})


def _subjects_to(address):
    return [m.subject for m in mail.outbox if address in m.to]


# --- the rule ----------------------------------------------------------------------------------------------


def test_one_anonymous_report_leaves_the_pearl_on_the_map(make_pearl):
    """A broken bench, reported once, stays on the map and waits in the queue."""
    pearl = make_pearl()
    report = pearl_report(pearl=pearl, what=ReportWhat.BROKEN, note="Leuning los.", reporter="ip-10.0.0.1")
    pearl.refresh_from_db()
    assert pearl.status == PearlStatus.PUBLISHED and pearl.reported
    assert report.took_off_map is False and report.status == "open"


@pytest.mark.parametrize("what", [ReportWhat.BROKEN, ReportWhat.GONE, ReportWhat.UNSUITABLE, ReportWhat.OTHER])
def test_three_independent_reports_take_the_pearl_off_the_map(make_pearl, what):
    pearl = make_pearl()
    for n in (1, 2):
        assert not pearl_report(pearl=pearl, what=what, reporter=f"ip-10.0.0.{n}").took_off_map
    assert Pearl.objects.get(pk=pearl.pk).status == PearlStatus.PUBLISHED
    assert pearl_report(pearl=pearl, what=what, reporter="ip-10.0.0.3").took_off_map
    pearl.refresh_from_db()
    assert pearl.status == PearlStatus.SUBMITTED and pearl.reported
    assert pearl.history.first().history_change_reason == "reported: off the map"


def test_the_same_reporter_counts_once(make_pearl):
    pearl = make_pearl()
    for _ in range(4):
        pearl_report(pearl=pearl, what=ReportWhat.OTHER, reporter="ip-10.0.0.1")
    assert Pearl.objects.get(pk=pearl.pk).status == PearlStatus.PUBLISHED
    assert PearlReport.objects.filter(pearl=pearl).count() == 4


@override_settings(PEARL_REPORTS_TO_HIDE=2)
def test_the_number_of_reports_is_a_setting(make_pearl):
    pearl = make_pearl()
    pearl_report(pearl=pearl, what=ReportWhat.OTHER, reporter="ip-a")
    assert pearl_report(pearl=pearl, what=ReportWhat.OTHER, reporter="ip-b").took_off_map


def test_not_suitable_from_a_logged_in_resident_takes_it_off_at_once(make_pearl, world):
    pearl = make_pearl(neighbourhood=world.zuidwijk)
    report = pearl_report(
        pearl=pearl, what=ReportWhat.UNSUITABLE, reporter="user-1", reported_by=world.users.resident_hagedoorn
    )
    assert report.took_off_map
    assert Pearl.objects.get(pk=pearl.pk).status == PearlStatus.SUBMITTED


@pytest.mark.parametrize("who", ["anonymous", "moderator_bw"])
def test_not_suitable_from_someone_else_waits_for_the_threshold(make_pearl, world, who):
    """Anonymous visitors and accounts without a resident record count as one report, like any other."""
    user = None if who == "anonymous" else getattr(world.users, who)
    pearl = make_pearl()
    assert not pearl_report(pearl=pearl, what=ReportWhat.UNSUITABLE, reporter="x", reported_by=user).took_off_map


def test_reports_must_say_what_is_wrong(make_pearl):
    with pytest.raises(ValidationError) as info:
        pearl_report(pearl=make_pearl(), what="whatever", reporter="ip-a")
    assert info.value.code == "what_required"


def test_no_address_is_stored(make_pearl):
    report = pearl_report(pearl=make_pearl(), what=ReportWhat.OTHER, reporter="ip-192.0.2.7")
    assert "192.0.2.7" not in report.reporter_key and len(report.reporter_key) == 64


# --- through the page: clients told apart by lib.antispam.client_ip --------------------------------------------


def test_three_clients_behind_three_addresses_take_it_off(make_pearl, client):
    pearl = make_pearl()
    for n in (1, 2, 3):
        response = client.post(_report_url(pearl), {"what": "broken"}, REMOTE_ADDR=f"192.0.2.{n}")
        assert response.status_code == 200
    html = response.content.decode()
    assert "staat nu even niet op de kaart" in html and "Wat gebeurt er nu?" in html
    assert Pearl.objects.get(pk=pearl.pk).status == PearlStatus.SUBMITTED


def test_one_client_reporting_three_times_does_not(make_pearl, client):
    pearl = make_pearl()
    for _ in range(3):
        response = client.post(_report_url(pearl), {"what": "broken"}, REMOTE_ADDR="192.0.2.1")
    assert "blijft op de kaart" in response.content.decode()
    assert Pearl.objects.get(pk=pearl.pk).status == PearlStatus.PUBLISHED


def test_the_form_asks_an_address_only_of_visitors_without_an_account(make_pearl, anonymous, resident_hagedoorn):
    pearl = make_pearl()
    assert 'name="reply_to"' in anonymous.get(_report_url(pearl)).content.decode()
    assert 'name="reply_to"' not in resident_hagedoorn.get(_report_url(pearl)).content.decode()
    html = anonymous.post(_report_url(pearl), {"what": "gone", "reply_to": "buur@example.org"}).content.decode()
    assert "U krijgt een e-mail" in html
    assert PearlReport.objects.get().reply_address() == "buur@example.org"


@pytest.mark.parametrize(
    ("typed", "email", "phone"),
    [("06 12 34 56 78", "", "06 12 34 56 78"), ("+31 (0)186 123 456", "", "+31 (0)186 123 456"), ("", "", "")],
)
def test_one_field_takes_an_email_address_or_a_phone_number(make_pearl, anonymous, typed, email, phone):
    html = anonymous.post(_report_url(make_pearl()), {"what": "broken", "reply_to": typed}).content.decode()
    report = PearlReport.objects.get()
    assert (report.reply_email, report.reply_phone) == (email, phone)
    assert ("Een medewerker belt u" in html) == bool(phone)


@pytest.mark.parametrize("typed", ["buur@", "bel me maar", "12345"])
def test_something_that_is_neither_is_asked_again(make_pearl, anonymous, typed):
    response = anonymous.post(_report_url(make_pearl()), {"what": "broken", "reply_to": typed})
    assert 'id="id_reply_to_errors"' in response.content.decode()
    assert not PearlReport.objects.exists()


def test_a_resident_reporting_not_suitable_sees_it_left_the_map(make_pearl, resident_hagedoorn):
    pearl = make_pearl()
    html = resident_hagedoorn.post(_report_url(pearl), {"what": "unsuitable"}).content.decode()
    assert "staat nu even niet op de kaart" in html and "U krijgt een e-mail" in html


# --- the owner is told --------------------------------------------------------------------------------------


def test_owner_hears_of_the_first_report_and_of_leaving_the_map(make_pearl, world, django_capture_on_commit_callbacks):
    pearl = make_pearl()  # shared by Ans, who has an e-mail address
    owner = world.residents.zuidwijk.email
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pearl_report(pearl=pearl, what=ReportWhat.BROKEN, note="Stomme bank!", reporter="a")
        pearl_report(pearl=pearl, what=ReportWhat.BROKEN, reporter="b")
    assert _subjects_to(owner) == ["Iemand zag iets bij uw parel"]
    body = [m for m in mail.outbox if owner in m.to][0].body
    assert "Het is kapot of niet veilig" in body and "blijft gewoon op de kaart" in body
    assert "Stomme bank" not in body  # the reporter's own words are not passed on
    with django_capture_on_commit_callbacks(execute=True):
        pearl_report(pearl=pearl, what=ReportWhat.BROKEN, reporter="c")
    assert _subjects_to(owner)[-1] == "Uw parel staat even niet op de kaart"


def test_owner_by_letter_gets_a_letter_and_without_contact_nothing(
    make_pearl, world, django_capture_on_commit_callbacks
):
    by_post = ResidentFactory(
        neighbourhood=world.zuidwijk,
        contact_preference=ContactPreference.LETTER,
        postal_address="Spui 1\nOud-Beijerland",
    )
    nobody = ResidentFactory(neighbourhood=world.zuidwijk)
    for resident in (by_post, nobody):
        pearl = make_pearl(submitter=resident, title=f"Plek van {resident.first_name}")
        with django_capture_on_commit_callbacks(execute=True):
            pearl_report(pearl=pearl, what=ReportWhat.GONE, reporter="a")
    letter = Letter.objects.get(resident=by_post, reason="parelketting.reported")
    assert "blijft gewoon op de kaart" in letter.body and "http" not in letter.body
    assert not Letter.objects.filter(resident=nobody).exists()


def test_approving_again_after_a_report_does_not_say_on_the_map_twice(
    make_pearl, world, django_capture_on_commit_callbacks
):
    owner = world.residents.zuidwijk.email
    with django_capture_on_commit_callbacks(execute=True):
        pearl = make_pearl()
    assert _subjects_to(owner) == ["Uw parel staat op de kaart"]
    with django_capture_on_commit_callbacks(execute=True):
        pearl_report(pearl=pearl, what=ReportWhat.UNSUITABLE, reporter="x", reported_by=world.users.resident_hagedoorn)
        pearl_publish(pearl=Pearl.objects.get(pk=pearl.pk), by=world.users.moderator_hw)
    assert _subjects_to(owner) == [
        "Uw parel staat op de kaart",
        "Uw parel staat even niet op de kaart",
        "Uw parel staat weer op de kaart",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        pearl = pearl_hide(pearl=Pearl.objects.get(pk=pearl.pk), by=world.users.moderator_hw)
        pearl_publish(pearl=pearl, by=world.users.moderator_hw)
    assert _subjects_to(owner).count("Uw parel staat op de kaart") == 1
    assert len(_subjects_to(owner)) == 3


# --- the pages of a pearl that is off the map -----------------------------------------------------------------


def _off_the_map(pearl, world):
    pearl_report(pearl=pearl, what=ReportWhat.UNSUITABLE, reporter="x", reported_by=world.users.resident_hagedoorn)
    pearl.refresh_from_db()
    return pearl


def test_qr_plaque_of_a_hidden_pearl_leads_to_a_plain_page(make_pearl, world, anonymous):
    pearl = make_pearl(title="Privétuin van de buren")
    code = pearl_short_code_ensure(pearl=pearl)
    _off_the_map(pearl, world)
    response = anonymous.get(reverse("parelketting:short", kwargs={"code": code}), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze plek is tijdelijk niet te zien" in html and "typefout" not in html
    assert "Privétuin" not in html  # nothing of the pearl itself
    assert anonymous.get(_report_url(pearl)).status_code == 404  # nothing left to report


def test_a_rejected_pearl_says_it_is_no_longer_on_the_map(make_pearl, world, anonymous):
    pearl = _off_the_map(make_pearl(), world)
    pearl_reject(pearl=pearl, by=world.users.moderator_hw, reason="Dit is een eigen tuin.")
    response = anonymous.get(pearl.get_absolute_url())
    assert response.status_code == 200 and "Deze plek staat niet meer op de kaart" in response.content.decode()


def test_a_pearl_never_published_is_still_missing(make_pearl, anonymous):
    assert anonymous.get(make_pearl(status=PearlStatus.SUBMITTED).get_absolute_url()).status_code == 404


def test_owner_and_moderator_still_see_the_pearl_with_a_note(make_pearl, world, resident_zuidwijk, moderator_hw):
    pearl = _off_the_map(make_pearl(title="Bankje"), world)
    for client in (resident_zuidwijk, moderator_hw):
        html = client.get(pearl.get_absolute_url()).content.decode()
        assert "Bankje" in html and "Iemand meldde dat er iets niet klopt" in html


def test_route_counts_the_visible_stops_and_its_stop_page_stays(make_pearl, world, anonymous):
    route = Route.objects.create(slug="ketting", title="Ketting", neighbourhood=world.zuidwijk, status="published")
    pearls = [make_pearl(title=f"Plek {n}") for n in (1, 2, 3)]
    for position, pearl in enumerate(pearls, start=1):
        RouteStop.objects.create(route=route, pearl=pearl, position=position)
    assert "3 stops" in anonymous.get(route.get_absolute_url()).content.decode()
    _off_the_map(pearls[1], world)
    html = anonymous.get(route.get_absolute_url()).content.decode()
    assert "2 stops" in html and "Plek 2" not in html
    assert "1 plek van deze wandeling is tijdelijk niet te zien" in html
    stop_page = anonymous.get(pearls[1].get_absolute_url())
    assert stop_page.status_code == 200 and 'href="/parelketting/ketting/ketting/"' in stop_page.content.decode()
    assert RouteStop.objects.filter(route=route).count() == 3  # the stop is kept for when the pearl is back


@pytest.mark.parametrize("text", ["Een wandeling langs zes fijne plekken.", "Loop langs 8 parels.", "Drie stops."])
def test_route_texts_never_count_stops_by_hand(text):
    with pytest.raises(ValidationError):
        validate_no_stop_count(text)


def test_route_texts_may_say_other_numbers():
    """Numbers that do not count the walk's stops are fine; "zes plekken" is not."""
    try:
        validate_no_stop_count(
            "Een rustige wandeling van een uur, langs fijne plekken. Twee bankjes hebben een leuning."
        )
    except ValidationError as error:
        pytest.fail(f"a text that counts no stops was refused: {error.messages}")
    with pytest.raises(ValidationError):
        validate_no_stop_count("Een wandeling langs zes plekken in de wijk.")


def test_mine_tells_the_owner_what_a_report_did(make_pearl, world, resident_zuidwijk):
    on_map = make_pearl(title="Bankje")
    pearl_report(pearl=on_map, what=ReportWhat.BROKEN, reporter="a")
    _off_the_map(make_pearl(title="Tuin"), world)
    html = resident_zuidwijk.get(reverse("parelketting:mine")).content.decode()
    assert "Uw parel staat op de kaart. Iemand meldde dat er iets niet klopt" in html
    assert "Daarom staat uw parel even niet op de kaart" in html


def test_only_reports_since_the_pearl_was_put_back_count(make_pearl, world):
    """Put back on the map in the admin with the old reports still open: one new report does not hide it again."""
    pearl = make_pearl()
    for reporter in "abc":
        pearl_report(pearl=pearl, what=ReportWhat.BROKEN, reporter=reporter)
    pearl_publish(pearl=Pearl.objects.get(pk=pearl.pk), by=world.users.moderator_hw)
    assert not pearl_report(pearl=pearl, what=ReportWhat.BROKEN, reporter="d").took_off_map
    assert Pearl.objects.get(pk=pearl.pk).status == PearlStatus.PUBLISHED
