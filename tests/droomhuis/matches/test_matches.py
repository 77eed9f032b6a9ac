"""Matching that works: suggestions only from the dream's own corporation and neighbourhood, themes read right,
and a match recorded, reached through the existing relay, and closed with an outcome that shows on the case's
history and in the evidence. For the case's owner only; every step writes its access-log row in the service."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from droomhuis.matches import matching
from droomhuis.matches import services as matches
from droomhuis.matches.models import Match, MatchStatus
from droomhuis.selectors import evidence_counts
from parelketting.choices import PearlKind
from parelketting.models import PearlMessage
from tests.factories import PartnerFactory
from tests.parelketting.conftest import make_pearl  # noqa: F401 - fixture
from wijk.models import AccessLogEntry

from ..conftest import give_referral_consent, picked_up


def case_url(dream):
    return reverse("droomhuis:case", args=[dream.reference])


def helpers_fold(page: str) -> str:
    """The "Wie kan helpen?" fold of a case page without matches yet (the care tools list every partner)."""
    start = page.index('id="wie-kan-helpen"')
    return page[start : page.index("</details>", start)]


@pytest.fixture
def both(world, make_pearl):  # noqa: F811
    """Fitting partners and personal pearls in both corporations, all with the theme 'ontmoeting'."""
    ontmoeting = world.themes["ontmoeting"]
    world.welzijn.themes.set([ontmoeting])
    hw_partner = PartnerFactory(slug="welzijn-hw", name="Zuidwijk Samen")
    hw_partner.works_with.set([world.hw])
    hw_partner.neighbourhoods.set([world.zuidwijk])
    hw_partner.themes.set([ontmoeting])
    # Works with both corporations, but only in Zuidwijk: never suggested for a Hagedoorn dream.
    both_partner = PartnerFactory(slug="beide", name="Overal Actief")
    both_partner.works_with.set([world.hw, world.bw])
    both_partner.neighbourhoods.set([world.zuidwijk])
    both_partner.themes.set([ontmoeting])
    hw_pearl = make_pearl(kind=PearlKind.PERSON, title="Ik repareer fietsen", themes=[ontmoeting])
    bw_pearl = make_pearl(
        kind=PearlKind.PERSON, title="Ik kook graag", neighbourhood=world.hagedoorn, themes=[ontmoeting]
    )
    return {"hw_partner": hw_partner, "both_partner": both_partner, "hw_pearl": hw_pearl, "bw_pearl": bw_pearl}


@pytest.fixture
def owned(world, make_dream):
    dream = make_dream(themes=[world.themes["ontmoeting"]])
    return picked_up(dream, world.users.broker_bw)


def test_no_other_corporation_or_neighbourhood_is_ever_suggested(world, both, owned, broker_bw):
    assert [p.name for p in matching.partner_suggestions(owned)] == ["Welzijn Almelo"]
    assert [p.title for p in matching.pearl_suggestions(owned)] == ["Ik kook graag"]
    page = helpers_fold(broker_bw.get(case_url(owned)).content.decode())
    assert "Welzijn Almelo" in page and "Ik kook graag" in page
    for name in ("Zuidwijk Samen", "Overal Actief", "Ik repareer fietsen"):
        assert name not in page
    # Not through the form, not through the service.
    response = broker_bw.post(
        reverse("droomhuis:match_add", args=[owned.reference]), {"match-target": f"partner:{both['hw_partner'].pk}"}
    )
    assert response.status_code == 400 and not Match.objects.exists()
    for kwargs in ({"partner": both["hw_partner"]}, {"partner": both["both_partner"]}, {"pearl": both["hw_pearl"]}):
        with pytest.raises(ValidationError):
            matches.match_record(dream=owned, actor=world.users.broker_bw, **kwargs)
    assert not Match.objects.exists()


def test_a_zuidwijk_dream_gets_only_zuidwijk_suggestions(world, both, make_dream):
    dream = make_dream(neighbourhood=world.zuidwijk, themes=[world.themes["ontmoeting"]])
    assert {p.name for p in matching.partner_suggestions(dream)} == {"Zuidwijk Samen", "Overal Actief"}
    assert [p.title for p in matching.pearl_suggestions(dream)] == ["Ik repareer fietsen"]


def test_themes_are_read_from_the_dream(world, broker_bw, owned, make_dream):
    page = broker_bw.get(case_url(owned)).content.decode()
    assert "nog geen thema" not in page and "Geen partners of parels in Hagedoorn" in page
    no_themes = picked_up(make_dream(), world.users.broker_bw)
    assert "nog geen thema" in broker_bw.get(case_url(no_themes)).content.decode()


def test_partner_match_recorded_referred_closed_and_counted(
    world, both, owned, broker_bw, django_capture_on_commit_callbacks
):
    add = broker_bw.post(
        reverse("droomhuis:match_add", args=[owned.reference]),
        {"match-target": f"partner:{world.welzijn.pk}", "match-note": "Zij doen een koffieochtend"},
    )
    match = Match.objects.get()
    assert add.status_code == 302 and match.partner == world.welzijn and match.status == MatchStatus.RECORDED
    contact_url = reverse("droomhuis:match_contact", args=[match.uid])
    # No consent yet: the referral relay says so and nothing is sent.
    refused = broker_bw.post(contact_url, {"message": "Kan zij aansluiten?", "categories": ["contact"]})
    assert refused.status_code == 400 and "geen geldige toestemming" in refused.content.decode()
    give_referral_consent(world, owned, "contact")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = broker_bw.post(contact_url, {"message": "Kan zij aansluiten?", "categories": ["contact"]})
    match.refresh_from_db()
    assert sent.status_code == 302 and match.status == MatchStatus.CONTACTED
    assert match.referral.partner == world.welzijn and match.referral.status == "sent"
    assert any("aanmelding" in m.subject.lower() for m in mail.outbox)
    closed = broker_bw.post(
        reverse("droomhuis:match_close", args=[match.uid]), {"outcome": "helped", "note": "Gaat elke week."}
    )
    match.refresh_from_db()
    assert closed.status_code == 302 and match.status == MatchStatus.CLOSED and match.outcome == "helped"
    page = broker_bw.get(case_url(owned)).content.decode()
    assert "Welzijn Almelo → Het hielp" in page and "Gaat elke week." in page
    logged = AccessLogEntry.objects.filter(object_type="droomhuis.match", object_id=str(match.pk))
    assert logged.count() == 3
    row = evidence_counts(world.hagedoorn)[-1]
    assert row["matches_closed"] == 1 and row["matches_helped"] == 1


def test_pearl_match_goes_through_the_pearl_relay(world, both, owned, broker_bw, django_capture_on_commit_callbacks):
    match = matches.match_record(dream=owned, actor=world.users.broker_bw, pearl=both["bw_pearl"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = broker_bw.post(reverse("droomhuis:match_contact", args=[match.uid]), {"message": "Wilt u koken?"})
    assert response.status_code == 302
    message = PearlMessage.objects.get()
    assert message.pearl == both["bw_pearl"] and message.sender == world.users.broker_bw
    assert "Beter Wonen" in message.sender_name
    assert [m.to for m in mail.outbox] == [["bewoner@hagedoorn.test"]]
    match.refresh_from_db()
    assert match.status == MatchStatus.CONTACTED


def test_a_second_open_match_with_the_same_partner_is_refused(world, both, owned, broker_bw):
    matches.match_record(dream=owned, actor=world.users.broker_bw, partner=world.welzijn)
    matches.match_record(dream=owned, actor=world.users.broker_bw, pearl=both["bw_pearl"])
    page = broker_bw.get(case_url(owned)).content.decode()
    assert "staat al een open match" in page and "Geen partners of parels" not in page
    with pytest.raises(ValidationError):
        matches.match_record(dream=owned, actor=world.users.broker_bw, partner=world.welzijn)


def test_close_needs_an_outcome(world, both, owned, broker_bw):
    match = matches.match_record(dream=owned, actor=world.users.broker_bw, partner=world.welzijn)
    response = broker_bw.post(reverse("droomhuis:match_close", args=[match.uid]), {"outcome": ""})
    assert response.status_code == 400 and "Kies een uitkomst" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("resident_hagedoorn", 403), ("moderator_bw", 403), ("partner_welzijn", 403)],
)
def test_match_urls_need_a_broker(as_persona, world, both, owned, persona, expected):
    match = matches.match_record(dream=owned, actor=world.users.broker_bw, partner=world.welzijn)
    client = as_persona(persona)
    for url, data in (
        (reverse("droomhuis:match_add", args=[owned.reference]), {"match-target": f"partner:{world.welzijn.pk}"}),
        (reverse("droomhuis:match_contact", args=[match.uid]), {"message": "x", "categories": ["contact"]}),
        (reverse("droomhuis:match_close", args=[match.uid]), {"outcome": "helped"}),
    ):
        assert client.post(url, data).status_code == expected
    assert Match.objects.get().status == MatchStatus.RECORDED


def test_only_the_owner_works_on_matches(world, both, owned, broker_bw2, broker_hw):
    match = matches.match_record(dream=owned, actor=world.users.broker_bw, partner=world.welzijn)
    for client in (broker_bw2, broker_hw):
        assert client.post(reverse("droomhuis:match_close", args=[match.uid]), {"outcome": "helped"}).status_code == 404
        add = client.post(
            reverse("droomhuis:match_add", args=[owned.reference]), {"match-target": f"pearl:{both['bw_pearl'].uid}"}
        )
        assert add.status_code == 404
    # A colleague of the same corporation sees the match and the suggestions, without the forms.
    page = broker_bw2.get(case_url(owned)).content.decode()
    assert "Welzijn Almelo" in page and reverse("droomhuis:match_close", args=[match.uid]) not in page
    assert Match.objects.get().status == MatchStatus.RECORDED


def test_anonymising_keeps_only_the_outcome(world, both, owned):
    from droomhuis.erasure import dream_anonymise

    match = matches.match_record(dream=owned, actor=world.users.broker_bw, pearl=both["bw_pearl"], note="Koken")
    matches.match_close(match=match, actor=world.users.broker_bw, outcome="helped", note="Samen gekookt")
    dream_anonymise(owned)
    match.refresh_from_db()
    assert (match.note, match.outcome_note, match.pearl, match.outcome) == ("", "", None, "helped")


def test_the_atelier_shows_few_matches_as_less_than_ten(world, both, owned):
    from atelier.evidence import build

    match = matches.match_record(dream=owned, actor=world.users.broker_bw, partner=world.welzijn)
    matches.match_close(match=match, actor=world.users.broker_bw, outcome="helped")
    series = {s.key: s for s in build(evidence_counts(world.hagedoorn)).series}
    assert series["matches_closed"].label == "Koppelingen afgerond"
    assert [c.text for c in series["matches_closed"].cells] == ["<10"]
    assert [c.text for c in series["matches_helped"].cells] == ["<10"]
