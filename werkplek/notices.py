"""The staff's notices in the Werkplek, and per kind how they want to hear them: at once, one e-mail a day, or
only here. Acute danger always comes at once by e-mail; the page says so. Writes go through ``wijk.notices``."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from droomhuis.selectors import is_broker
from wijk.models import NoticeKind, NoticeWay
from wijk.notices import BROKER_KINDS, MODERATOR_KINDS, preferences_save, recent_notices, ways_for
from wijk.permissions import has_workplace

from .attention import is_moderator

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
    context = {"form": form, "notices": list(recent_notices(request.user, RECENT)), "kinds": kinds}
    return render(request, "werkplek/notices.html", context)
