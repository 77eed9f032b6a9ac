"""The staff's notices in the Werkplek, and per kind how they want to hear them: at once, one e-mail a day, or
only here. Acute danger always comes at once by e-mail; the page says so. Writes go through ``wijk.notices``.

Each notice is unread until the person marks it read ("Gelezen", "Alles gelezen": plain POST forms) or opens its
link here (``notice_open`` marks it read and goes on to the item). The menu's unread count is cached like the
Werkplek's count (``attention.badge_count``) and forgotten at once when the person reads something.
"""

from urllib.parse import urlsplit

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from droomhuis.selectors import is_broker
from lib.decorators import role_required
from wijk.models import NoticeKind, NoticeWay, StaffNotice
from wijk.notices import (
    BROKER_KINDS,
    MODERATOR_KINDS,
    notice_for,
    notice_mark_read,
    notices_mark_all_read,
    preferences_save,
    recent_notices,
    ways_for,
)
from wijk.permissions import has_workplace

from .attention import badge_forget, is_moderator

workplace_required = role_required(has_workplace)

RECENT = 30


def kinds_for(user) -> list[str]:
    """The kinds of notice this person's roles can bring."""
    kinds = []
    if is_broker(user):
        kinds += BROKER_KINDS
    if is_moderator(user):
        kinds += MODERATOR_KINDS
    return kinds


class PreferencesForm(forms.Form):
    """One choice per kind the person can receive."""

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind] = forms.ChoiceField(
                label=NoticeKind(kind).label,
                choices=NoticeWay.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies hoe u dit wilt horen.")},
            )


@require_http_methods(["GET", "POST"])
def notices(request):
    """Anonymous visitors log in first; residents without a staff role get 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_workplace(request.user):
        raise PermissionDenied
    kinds = kinds_for(request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST, kinds=kinds)
        if form.is_valid():
            preferences_save(user=request.user, ways=form.cleaned_data)
            messages.success(request, _("Uw keuzes zijn bewaard."))
            return redirect("werkplek:notices")
    else:
        form = PreferencesForm(initial=ways_for(request.user), kinds=kinds)
    kind = request.GET.get("soort", "")
    shown = recent_notices(request.user, RECENT)
    if kind in NoticeKind.values:
        shown = StaffNotice.objects.filter(user=request.user, kind=kind).order_by("-created_at", "-pk")[:RECENT]
    else:
        kind = ""
    shown = list(shown)
    context = {
        "form": form,
        "notices": shown,
        "any_unread": any(notice.read_at is None for notice in shown),
        "kinds": kinds,
        "kind": kind,
        "kind_label": NoticeKind(kind).label if kind else "",
    }
    return render(request, "werkplek/notices.html", context)


def _own_notice(request, uid):
    notice = notice_for(request.user, uid)
    if notice is None:
        raise Http404("No such notice.")
    return notice


@workplace_required
@require_POST
def notice_read(request, uid):
    """ "Gelezen": one notice read; back to the list."""
    notice_mark_read(notice=_own_notice(request, uid))
    badge_forget(request.user)
    return redirect(reverse_notices(request.POST.get("soort", "")))


@workplace_required
@require_POST
def notices_read_all(request):
    """ "Alles gelezen": every unread notice of the person."""
    count = notices_mark_all_read(user=request.user)
    badge_forget(request.user)
    messages.success(
        request, _("Alle berichten staan op gelezen.") if count else _("Er waren geen ongelezen berichten.")
    )
    return redirect("werkplek:notices")


@workplace_required
@require_GET
def notice_open(request, uid):
    """Open a notice's link from the Werkplek: the notice is read, and on to the item (on this site only)."""
    notice = notice_mark_read(notice=_own_notice(request, uid))
    badge_forget(request.user)
    if not notice.url:
        return redirect("werkplek:notices")
    parts = urlsplit(notice.url)  # a full link in e-mails; here only its path, so it stays on this host
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect("werkplek:notices")
    return redirect(target)


def reverse_notices(kind: str) -> str:
    url = reverse("werkplek:notices")
    return f"{url}?soort={kind}" if kind in NoticeKind.values else url
