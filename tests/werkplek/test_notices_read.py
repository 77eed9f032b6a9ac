"""Notices read and unread: each notice on /werkplek/berichten/ can be marked read (a plain POST form), opening its
link from the Werkplek marks it read too, unread ones stand out, "Alles gelezen" marks all. The staff menu shows
the unread count from the same cached value as the Werkplek's count (one query when it is counted, none when
cached), forgotten at once when the person reads something. A broker's Werkplek counts "nieuwe signalen op mijn
dromen": signals on their cases whose notice they have not read."""

import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from droomhuis.care.signals import signal_record
from tests.conftest import notice_target, session_queries
from tests.droomhuis.conftest import SIGNAL_TEXT, picked_up
from wijk.models import NoticeKind, NoticePreference, NoticeWay, StaffNotice
from wijk.notices import staff_notify

from .conftest import add_work

pytestmark = pytest.mark.django_db
URL = "/werkplek/berichten/"
HOME = "/werkplek/"


@pytest.fixture
def owned(world, dream):
    return picked_up(dream, world.users.broker_bw)


def signal(world, dream, kind="money"):
    signal_record(dream=dream, actor=world.users.expert_bw, kind=kind, description=SIGNAL_TEXT)
    return StaffNotice.objects.filter(user=world.users.broker_bw, kind=NoticeKind.SIGNAL).first()


def unread_badge(html):
    marker = 'class="nav-badge nav-badge--unread">'
    return int(html.split(marker, 1)[1].split("<", 1)[0]) if marker in html else 0


def test_the_urls():
    assert reverse("werkplek:notices_read_all") == URL + "alles-gelezen/"
    uid = "0b9e7a52-3c1d-4f4e-9a55-1f2d3c4b5a69"
    assert reverse("werkplek:notice_read", args=[uid]) == URL + uid + "/gelezen/"
    assert reverse("werkplek:notice_open", args=[uid]) == URL + uid + "/openen/"


def test_an_unread_notice_stands_out_until_it_is_marked_read(world, owned, broker_bw):
    notice = signal(world, owned)
    html = broker_bw.get(URL).content.decode()
    assert f'id="bericht-{notice.pk}"' in html and "wp-notice--unread" in html
    assert '<strong class="wp-new">Nieuw</strong>' in html and "Gelezen" in html and "Alles gelezen" in html
    assert reverse("werkplek:notice_open", args=[notice.uid]) in html
    response = broker_bw.post(reverse("werkplek:notice_read", args=[notice.uid]))
    assert response.status_code == 302 and response["Location"] == URL
    notice.refresh_from_db()
    assert notice.read_at is not None
    html = broker_bw.get(URL).content.decode()
    assert "wp-notice--unread" not in html and "Alles gelezen" not in html
    assert notice.subject in html  # still listed, now as read


def test_opening_a_notice_marks_it_read_and_goes_to_the_item(world, owned, broker_bw):
    notice = signal(world, owned)
    assert notice.url.startswith("http")  # the full link, as in the e-mail
    response = broker_bw.get(reverse("werkplek:notice_open", args=[notice.uid]))
    assert response.status_code == 302
    assert response["Location"] == reverse("droomhuis:case", args=[owned.reference])  # on this host
    notice.refresh_from_db()
    assert notice.read_at is not None
    first = notice.read_at
    broker_bw.get(reverse("werkplek:notice_open", args=[notice.uid]))
    notice.refresh_from_db()
    assert notice.read_at == first  # the first reading counts


def test_the_link_in_a_notices_email_marks_it_read_too(world, owned, broker_bw, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notice = signal(world, owned)
    (message,) = [m for m in mail.outbox if world.users.broker_bw.email in m.to]
    assert notice_target(message) == reverse("droomhuis:case", args=[owned.reference])
    assert notice.url not in message.body  # one link: through the notice, not straight to the case
    link = urlsplit(re.search(r"http\S+/openen/", message.body)[0]).path
    assert broker_bw.get(link)["Location"] == reverse("droomhuis:case", args=[owned.reference])
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_the_daily_email_links_through_each_notice(world, owned, broker_bw):
    user = world.users.broker_bw
    NoticePreference.objects.update_or_create(user=user, kind=NoticeKind.SIGNAL, defaults={"way": NoticeWay.DIGEST})
    notice = signal(world, owned)
    mail.outbox.clear()
    call_command("staff_digest", stdout=StringIO())
    (message,) = [m for m in mail.outbox if user.email in m.to]
    assert reverse("werkplek:notice_open", args=[notice.uid]) in message.body
    assert notice.url not in message.body


def test_a_notice_without_a_link_opens_the_list_and_a_foreign_link_stays_home(world, broker_bw):
    user = world.users.broker_bw
    plain, foreign = (
        staff_notify(users=[user], kind="signal", subject=subject, body="x", url=url)[0]
        for subject, url in (("Zonder link", ""), ("Vreemd", "https://example.org//evil.example/pad"))
    )
    assert broker_bw.get(reverse("werkplek:notice_open", args=[plain.uid]))["Location"] == URL
    assert broker_bw.get(reverse("werkplek:notice_open", args=[foreign.uid]))["Location"] == URL


def test_alles_gelezen_marks_every_unread_notice(world, owned, broker_bw):
    for kind in ("money", "loneliness", "health"):
        signal(world, owned, kind)
    assert StaffNotice.objects.filter(user=world.users.broker_bw, read_at__isnull=True).count() == 3
    response = broker_bw.post(reverse("werkplek:notices_read_all"), follow=True)
    assert "Alle berichten staan op gelezen." in response.content.decode()
    assert not StaffNotice.objects.filter(user=world.users.broker_bw, read_at__isnull=True).exists()


def test_someone_elses_notice_is_missing(world, owned, as_persona):
    notice = signal(world, owned)
    for persona in ("moderator_bw", "expert_bw", "superuser"):
        client = as_persona(persona)
        assert client.post(reverse("werkplek:notice_read", args=[notice.uid])).status_code == 404
        assert client.get(reverse("werkplek:notice_open", args=[notice.uid])).status_code == 404
        client.post(reverse("werkplek:notices_read_all"))
    notice.refresh_from_db()
    assert notice.read_at is None
    resident = as_persona("resident_hagedoorn")
    assert resident.post(reverse("werkplek:notices_read_all")).status_code == 403
    assert (
        as_persona("anonymous")
        .get(reverse("werkplek:notice_open", args=[notice.uid]))["Location"]
        .startswith("/accounts/login/")
    )


def test_the_menu_shows_the_unread_count_and_reading_updates_it_at_once(world, owned, broker_bw):
    notices = [signal(world, owned, kind) for kind in ("money", "loneliness")]
    queue = reverse("droomhuis:queue")
    assert unread_badge(broker_bw.get(queue).content.decode()) == 2
    broker_bw.post(reverse("werkplek:notice_read", args=[notices[0].uid]))
    assert unread_badge(broker_bw.get(queue).content.decode()) == 1
    broker_bw.post(reverse("werkplek:notices_read_all"))
    assert unread_badge(broker_bw.get(queue).content.decode()) == 0


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries) - session_queries()


def test_the_menus_counts_stay_cached_a_new_notice_costs_no_query_on_other_pages(world, owned, broker_bw):
    queue = reverse("droomhuis:queue")
    _queries(broker_bw, queue)  # counts the menu once, then it is cached
    before = _queries(broker_bw, queue)
    signal(world, owned)
    assert _queries(broker_bw, queue) == before  # still the cached count (at most a minute old), no new query
    assert unread_badge(broker_bw.get(HOME).content.decode()) == 1  # the Werkplek itself counts afresh


# --- "Nieuwe signalen op mijn dromen" on a broker's Werkplek --------------------------------------------------


def test_new_signals_on_my_cases_are_counted_until_read(world, owned, broker_bw):
    notices = [signal(world, owned, kind) for kind in ("money", "loneliness")]
    html = broker_bw.get(HOME).content.decode()
    assert "2 nieuwe signalen op mijn dromen" in html
    assert f'href="{URL}?soort=signal"' in html
    listing = broker_bw.get(URL + "?soort=signal").content.decode()
    assert all(reverse("werkplek:notice_open", args=[n.uid]) in listing for n in notices)
    assert "Een nieuw signaal bij een droom van u" in listing  # the list says what it holds
    broker_bw.get(reverse("werkplek:notice_open", args=[notices[0].uid]))
    assert "1 nieuw signaal op mijn dromen" in broker_bw.get(HOME).content.decode()
    (dreams,) = [g for g in broker_bw.get(HOME).context["groups"] if g["title"] == "Dromen"]
    assert [item.key for item in dreams["items"]][:2] == ["reviews", "signals_new"]  # high on the list
    assert dreams["items"][1].urgent


def test_a_brokers_own_signal_is_not_new_to_them_and_moderators_have_no_such_count(world, owned, broker_bw, as_persona):
    signal_record(dream=owned, actor=world.users.broker_bw, kind="money", description=SIGNAL_TEXT)
    assert not StaffNotice.objects.filter(user=world.users.broker_bw).exists()  # no notice to oneself
    assert "0 nieuwe signalen op mijn dromen" in broker_bw.get(HOME).content.decode()
    assert "signalen op mijn dromen" not in as_persona("moderator_bw").get(HOME).content.decode()


def _home_queries(client):
    client.get(HOME)
    return _queries(client, HOME)


def test_the_brokers_werkplek_costs_the_same_queries_with_1_or_16_new_signals(world, make_dream, broker_bw):
    add_work(world, make_dream, n=1)
    case = picked_up(make_dream(text="Mijn droom"), world.users.broker_bw)
    signal(world, case)
    small = _home_queries(broker_bw)
    add_work(world, make_dream, n=15)
    for _ in range(15):
        signal(world, case, "loneliness")
    assert "16 nieuwe signalen op mijn dromen" in broker_bw.get(HOME).content.decode()
    assert _home_queries(broker_bw) == small == 4, small  # the unread counts join the one count query
