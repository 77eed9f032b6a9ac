"""Paper versions of the Parelketting forms, and typing a paper sign-up in on a resident's behalf.

The paper pearl form prints the questions of ``PearlForm``; the paper sign-up form prints those of
``SignUpQuestionsForm``, which staff then type in with ``PaperSignUpEntryForm``. Nothing is written twice.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lib.paper import paper_online, paper_questions
from lib.pdf import pdf_response, render_pdf
from wijk.models import Neighbourhood
from wijk.services import resident_create

from .. import permissions as perms
from ..choices import ActivityStatus, SignUpStatus
from ..forms import PearlForm
from ..paper_forms import PaperPearlAboutForm, PaperSignUpEntryForm, SignUpQuestionsForm
from ..programme.services import signup_create

PAPER_CSS = "css/paper.css"
PEARL_SECTIONS = (
    ("what", ("kind", "title", "story", "themes")),
    ("where", ("street", "location_description", "meeting_place")),
    ("photo", ("photo", "photo_description")),
    ("show", ("show_first_name", "show_photo")),
)


def resident_pearl_form(neighbourhood) -> PearlForm:
    """The pearl form exactly as a resident sees it online (a place or a person)."""
    return PearlForm(neighbourhood=neighbourhood)


def _paper_page(request, template, body_template, context, *, pdf_name=""):
    """The paper form as a page (print with the browser), or as an A4 PDF when ``pdf_name`` is given. The
    forms are blank, so their PDFs are the same for everyone and kept in the public page cache."""
    context = {**context, "body_template": body_template}
    if pdf_name:
        pdf = render_pdf("wijk/paper_pdf.html", context, stylesheets=[PAPER_CSS], request=request)
        return pdf_response(pdf, filename=pdf_name, shared=True)
    return render(request, template, context)


# --- the pearl ---------------------------------------------------------------------------------------------


def _pearl_neighbourhood(request):
    """The neighbourhood from ``?wijk=``, else the resident's own; None means: let the visitor choose."""
    slug = request.GET.get("wijk")
    if slug:
        hood = Neighbourhood.objects.select_related("corporation").filter(slug=slug).first()
        if hood is None:
            raise Http404
        return hood
    resident = perms.resident_for_user(request.user)
    return resident.neighbourhood if resident else None


def _pearl_context(request, neighbourhood) -> dict:
    form = resident_pearl_form(neighbourhood)
    sections = {key: paper_questions(form, only=names) for key, names in PEARL_SECTIONS}
    return {
        "neighbourhood": neighbourhood,
        "sections": sections,
        "about": paper_questions(PaperPearlAboutForm()),
        "paper_title": _("Papieren formulier: zet een parel op de kaart"),
        **paper_online(reverse("parelketting:new")),
    }


@require_GET
def paper_pearl(request, pdf=False):
    """The pearl form on paper, for one neighbourhood (its streets and meeting places are printed)."""
    neighbourhood = _pearl_neighbourhood(request)
    if neighbourhood is None:
        if pdf:
            return redirect("parelketting:paper_pearl")
        hoods = Neighbourhood.objects.order_by("name")
        return render(request, "parelketting/paper_choose.html", {"neighbourhoods": hoods})
    context = _pearl_context(request, neighbourhood)
    name = f"parel-op-papier-{slugify(neighbourhood.slug)}.pdf" if pdf else ""
    return _paper_page(
        request, "parelketting/paper_pearl.html", "parelketting/_paper_pearl_body.html", context, pdf_name=name
    )


# --- signing up for an activity ----------------------------------------------------------------------------


def _open_activity(request, uid):
    activity = perms.get_activity_for_user(request.user, uid)
    if activity.status != ActivityStatus.PUBLISHED:
        raise Http404
    return activity


def _signup_context(activity=None) -> dict:
    return {
        "activity": activity,
        "questions": paper_questions(SignUpQuestionsForm()),
        "paper_title": _("Papieren formulier: aanmelden voor een activiteit"),
        # The QR code opens the activity itself; the address to type is the programme's, not a long one.
        **paper_online(reverse("parelketting:programme"), opens=activity.get_absolute_url() if activity else ""),
    }


@require_GET
def paper_signup(request, uid, pdf=False):
    """The sign-up form on paper for one activity: its name, day, time and place are printed on it."""
    activity = _open_activity(request, uid)
    name = f"aanmelden-{activity.uid}.pdf" if pdf else ""
    return _paper_page(
        request,
        "parelketting/paper_signup.html",
        "parelketting/_paper_signup_body.html",
        _signup_context(activity),
        pdf_name=name,
    )


@require_GET
def paper_signup_blank(request, pdf=False):
    """A blank sign-up form: the resident writes the name and day of the activity on it themselves."""
    name = "aanmelden-op-papier.pdf" if pdf else ""
    return _paper_page(
        request,
        "parelketting/paper_signup.html",
        "parelketting/_paper_signup_body.html",
        _signup_context(),
        pdf_name=name,
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_signup_entry(request, uid):
    """Staff type in a paper sign-up: a known resident or a new one. The channel and who typed it are kept."""
    activity = perms.get_activity_for_user(request.user, uid)
    if not perms.can_sign_up_on_behalf(request.user, activity):
        raise PermissionDenied
    if activity.status != ActivityStatus.PUBLISHED:
        raise Http404
    form = PaperSignUpEntryForm(request.POST or None, neighbourhood=activity.neighbourhood)
    if request.method == "POST" and form.is_valid():
        channel = form.cleaned_data["channel"]
        try:
            with transaction.atomic():
                resident = form.cleaned_data["resident"]
                if resident is None:
                    resident = resident_create(
                        neighbourhood=activity.neighbourhood,
                        created_by=request.user,
                        created_via=channel,
                        **form.new_resident_fields(),
                    )
                signup = signup_create(activity=activity, resident=resident, by=request.user, channel=channel)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if signup.status == SignUpStatus.CONFIRMED:
                messages.success(request, _("De bewoner is aangemeld."))
            else:
                messages.success(request, _("Het is vol. De bewoner staat op de wachtlijst."))
            return redirect("parelketting:paper_signup_entry", uid=activity.uid)
    return render(request, "parelketting/paper_signup_entry.html", {"activity": activity, "form": form})
