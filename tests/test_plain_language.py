"""Resident-facing Dutch texts are plain (B1): short sentences, no jargon, no passive towards the reader.

The check reads every translatable string in templates and Python code. Pages and code only staff see
(the admin, the broker's workspace, management commands) are left out: they may use work words.
A failure names the string, where it is used, and what to write instead.
"""

from pathlib import Path

import pytest

from lib.language import plain, sources

ROOT = Path(__file__).resolve().parent.parent
INCLUDE = [
    "templates/**/*.html",
    "lib/**/*.py",
    "wijk/**/*.py",
    "parelketting/**/*.py",
    "droomhuis/**/*.py",
    "atelier/**/*.py",
]
ATELIER_TEAM_ONLY = [
    "templates/atelier/story_form.html",
    "templates/atelier/why_how_what_form.html",
    "templates/atelier/workshop_form.html",
    "templates/atelier/canvas_item_form.html",
    "templates/atelier/_canvas_add_form.html",
    "templates/atelier/_canvas_item_actions.html",
    "templates/atelier/_publication.html",
    "atelier/forms.py",
    "atelier/services.py",
    "atelier/record_views.py",
    "atelier/demo.py",
]
STAFF_ONLY = [
    "*/admin.py",
    "*/admin_*.py",
    "*/admin/*.py",
    "*/management/commands/*.py",
    "*/migrations/*.py",
    "templates/admin/**",
    "templates/*/admin/*",
    "templates/*/beheer/*",
    "templates/*/makelaar/*",
    "templates/*/staff/*",
    "*/views/broker*.py",
    "*/views/staff*.py",
    "*/broker*.py",
    # The atelier's public pages (the introduction, experiments, stories, "Hoe dit ontstond" on the front door)
    # are for residents too; only the team's own forms and the code behind them are left out.
    *ATELIER_TEAM_ONLY,
    "lib/language/*.py",
    "templates/account/email/*",
    "templates/*/email/*",
]


# Our own Dutch for allauth's account pages and e-mails (sign up, log in with a code, new password).
ACCOUNT_TEXTS = ROOT / "locale_overrides" / "nl" / "LC_MESSAGES" / "django.po"


def resident_facing():
    return sources.collect(ROOT, INCLUDE, STAFF_ONLY) + sources.from_po(ACCOUNT_TEXTS, ROOT)


def test_the_checker_finds_each_kind_of_problem():
    long = "Dit is een heel lange zin met veel te veel woorden die niemand in een keer goed kan lezen hier."
    assert [p.rule for p in plain.check(long)] == ["long"]
    assert [p.rule for p in plain.check("Uw casus is klaar.")] == ["jargon"]
    assert [p.rule for p in plain.check("U wordt binnenkort gebeld.")] == ["passive"]
    assert [p.rule for p in plain.check("Weet je zeker dat je wilt afmelden?")] == ["informal"]
    assert plain.check("De makelaar belt u binnen vijf werkdagen.") == []
    assert plain.check("Wij bewaren %(count)s foto's. <strong>Goed zo!</strong>") == []


def test_the_checker_reads_templates_and_code():
    found = resident_facing()
    assert any(s.path == "templates/wijk/home.html" for s in found)
    assert any(s.path.startswith("wijk/") and s.path.endswith(".py") for s in found)
    assert len(found) > 100
    assert any(s.path.startswith("locale_overrides/") and s.text == "U bent uitgelogd." for s in found)


def test_the_atelier_pages_residents_reach_are_checked_and_the_teams_forms_are_not():
    paths = {s.path for s in resident_facing()}
    for public in (
        "templates/atelier/index.html",
        "templates/atelier/experiment_detail.html",
        "templates/atelier/_front_door.html",
        "templates/atelier/_team_question.html",
        "atelier/frontdoor.py",
        "atelier/views.py",
    ):
        assert public in paths, public
    assert "templates/atelier/story_form.html" not in paths and "atelier/forms.py" not in paths


@pytest.mark.parametrize("rule", ["long", "jargon", "passive", "informal"])
def test_resident_facing_dutch_is_plain(rule):
    report = []
    for source in resident_facing():
        for problem in plain.check(source.text):
            if problem.rule == rule:
                report.append(f"{source.where}: {problem.sentence!r} — {problem.advice}")
    assert not report, "Texts that are not plain enough:\n" + "\n".join(sorted(set(report)))
