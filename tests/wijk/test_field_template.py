"""One field template for the whole portal (``wijk/_field.html``) and an error summary at the top of every form
that uses it: the summary gets focus (``autofocus``), links to each field, and each field's own message is linked
by ``aria-describedby`` with one id convention (``<id>_errors``, ``<id>_helptext``)."""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from lib.form_fields import PhoneField

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Staff pages with several small forms on one page (one summary would have to choose); their own issue.
SEVERAL_FORMS = {
    "droomhuis/broker/_care.html",
    "droomhuis/broker/case.html",
    "droomhuis/broker/intake.html",
    "droomhuis/broker/queue.html",
    "droomhuis/broker/review.html",
    "droomhuis/broker/update_preview.html",
    "droomhuis/expert/case.html",
    "droomhuis/partner/detail.html",
    "werkplek/activity.html",
    "werkplek/pearl.html",
    "werkplek/_decision.html",  # the decision block of the item pages above
    "droomhuis/broker/_matches.html",  # part of the case page
}
# Parts of a form whose page has the summary at its top.
PARTS_OF_A_FORM = {
    "parelketting/_signup_anonymous.html",  # the sign-up on the activity page (summary in activity.html)
    "wijk/_kept_photo.html",  # the kept photo inside the pearl and dream forms
}


def _templates():
    return sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))


def test_there_is_one_field_template():
    partials = [name for name in _templates() if name.endswith("/_field.html")]
    assert partials == ["wijk/_field.html"]
    for name in _templates():
        text = (TEMPLATES / name).read_text()
        assert not re.search(r"(parelketting|atelier)/_field\.html", text), name


def test_every_form_with_the_field_template_has_the_error_summary():
    missing = []
    for name in _templates():
        text = (TEMPLATES / name).read_text()
        uses_fields = "wijk/_field.html" in text or "parelketting/_choices.html" in text
        if uses_fields and name not in SEVERAL_FORMS and name != "wijk/_field.html":
            if "wijk/_error_summary.html" not in text and "error-summary" not in text:
                missing.append(name)
    assert missing == sorted(PARTS_OF_A_FORM), missing
    assert "wijk/_error_summary.html" in (TEMPLATES / "parelketting/activity.html").read_text()


# Forms on those pages that never come back with an error: a GET filter and the preview's form (its text was just
# accepted). The expert's signal does now: it comes back with its summary and what was typed.
NEVER_REFUSED_HERE = {
    ("droomhuis/broker/queue.html", 'method="get"'),
    ("droomhuis/broker/update_preview.html", 'value="preview"'),
}


def test_each_small_form_on_a_page_with_several_has_its_own_summary():
    """On a page with several forms only the refused one is bound, so each form carries the summary itself
    (``droomhuis/_form_errors.html``); before, most showed a message at the field only, far below the top."""
    assert "wijk/_error_summary.html" in (TEMPLATES / "droomhuis/_form_errors.html").read_text()
    missing = []
    for name in sorted(SEVERAL_FORMS):
        for form in re.findall(r"<form\b.*?</form>", (TEMPLATES / name).read_text(), re.S):
            if "wijk/_field.html" not in form or "droomhuis/_form_errors.html" in form:
                continue
            if not any(name == page and mark in form for page, mark in NEVER_REFUSED_HERE):
                missing.append(f"{name}: {form[:80]}")
    assert missing == [], missing
    # On the case page and a moderated item a message for the whole form leads to the form's own section.
    for name in ("droomhuis/broker/case.html", "droomhuis/broker/_care.html", "droomhuis/broker/_matches.html",
                 "werkplek/_decision.html"):  # fmt: skip
        includes = re.findall(r'\{% include "droomhuis/_form_errors.html"[^%]*%\}', (TEMPLATES / name).read_text())
        assert includes and all(" anchor=" in one for one in includes), (name, includes)


class _Form(forms.Form):
    name = forms.CharField(label="Naam", help_text="Uw voornaam is genoeg.")
    way = forms.ChoiceField(label="Hoe?", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    phone = PhoneField(label="Telefoon", required=False)
    ok = forms.BooleanField(label="Akkoord")


@pytest.mark.parametrize("bound", [False, True])
def test_each_input_points_at_its_own_hint_and_message(bound):
    form = _Form({"phone": ""} if bound else None)
    if bound:
        form.is_valid()
    html = "".join(render_to_string("wijk/_field.html", {"field": form[name]}) for name in form.fields)
    described = re.findall(r'aria-describedby="([^"]+)"', html)
    for ids in described:
        for one in ids.split():
            assert f'id="{one}"' in html, f"aria-describedby points at a missing id: {one}"
    if not bound:
        assert described == ["id_name_helptext"] and "aria-invalid" not in html
        return
    assert re.search(r'<input[^>]*aria-describedby="id_name_helptext id_name_errors"', html)
    assert re.search(r'<input[^>]*aria-invalid="true"', html)
    assert re.search(r'<fieldset[^>]*aria-describedby="id_way_errors"', html)
    summary = render_to_string("wijk/_error_summary.html", {"form": form, "anchor": "f"})
    assert "autofocus" in summary and 'tabindex="-1"' in summary
    assert 'href="#id_name"' in summary and 'href="#id_way_0"' in summary and 'href="#id_ok"' in summary


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "data", "target"),
    [
        ("account_login", {"login": "bewoner@zuidwijk.test", "password": "fout"}, "id_password"),
        ("account_signup", {"email": "geen-adres"}, "id_email"),
        ("account_request_login_code", {"email": ""}, "id_email"),
        ("account_reset_password", {"email": "geen-adres"}, "id_email"),
    ],
)
def test_account_forms_have_the_error_summary_too(client, world, url_name, data, target):
    """allauth's forms go through ``allauth/elements/fields.html``: the same summary, focused, linking to the
    field; a wrong password is a message at the password field (and one at the e-mail field)."""
    html = client.post(reverse(url_name), data).content.decode()
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert summary and "autofocus" in summary.group(0), html
    assert f'href="#{target}"' in summary.group(1)
    assert f'id="{target}"' in html
    assert html.count("autofocus") == 1
    field_message = f'id="{target}_errors"'
    if field_message in html:
        assert re.search(rf'<input[^>]*aria-describedby="[^"]*{target}_errors"[^>]*id="{target}"', html)
