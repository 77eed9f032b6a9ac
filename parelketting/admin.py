"""Moderation in the Django admin: a queue per corporation, bulk publish / reject / return, history, photos."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from wijk.admin_scoping import OrganisationScopedAdmin

from .choices import PearlStatus
from .models import Pearl, PearlMessage, PearlReport
from .services import pearl_hide, pearl_photo_remove, pearl_publish, pearl_reject, pearl_return


class QueueFilter(admin.SimpleListFilter):
    """Opens on what waits: submitted pearls (reported ones first); other statuses one click away."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*PearlStatus.choices, ("all", _("Alle"))]

    def choices(self, changelist):
        value = self.value() or PearlStatus.SUBMITTED
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or PearlStatus.SUBMITTED
        if value == "all":
            return queryset
        return queryset.filter(status=value)


class PearlReportInline(admin.TabularInline):
    model = PearlReport
    extra = 0
    can_delete = False
    fields = ["created_at", "reason"]
    readonly_fields = ["created_at", "reason"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return True


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Bericht aan de inzender"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Schrijf vriendelijk en kort. De inzender leest dit in de e-mail en op ‘Mijn parels’."),
    )


@admin.register(Pearl)
class PearlAdmin(SimpleHistoryAdmin, OrganisationScopedAdmin):
    organisation_path = "neighbourhood__corporation"
    staff_can_add = False
    list_display = ["title", "kind", "status", "reported", "neighbourhood", "has_photo", "created_at"]
    list_filter = [QueueFilter, "kind", "reported", "neighbourhood"]
    search_fields = ["title", "story", "street"]
    ordering = ["-reported", "created_at"]
    list_select_related = ["neighbourhood"]
    actions = ["publish_selected", "reject_selected", "return_selected", "hide_selected", "remove_photo_selected"]
    inlines = [PearlReportInline]
    history_list_display = ["status", "moderator_message", "reported"]
    readonly_fields = [
        "uid",
        "kind",
        "status",
        "moderator_message",
        "reported",
        "submitter",
        "partner",
        "created_by",
        "submitted_via",
        "consent_method",
        "photo_preview",
        "created_at",
        "published_at",
    ]
    fieldsets = [
        (None, {"fields": ["kind", "status", "reported", "moderator_message", "title", "story", "themes"]}),
        (_("Waar"), {"fields": ["street", "location_description", "lat", "lng", "meeting_place"]}),
        (_("Foto"), {"fields": ["photo_preview", "photo_description"]}),
        (
            _("Wie"),
            {"fields": ["submitter", "partner", "created_by", "submitted_via", "consent_method"]},
        ),
        (_("Gegevens"), {"fields": ["uid", "created_at", "published_at"]}),
    ]

    @admin.display(boolean=True, description=_("foto"))
    def has_photo(self, obj):
        return bool(obj.photo)

    @admin.display(description=_("foto"))
    def photo_preview(self, obj):
        if not obj or not obj.thumbnail:
            return _("Geen foto")
        return format_html(
            '<a href="{}"><img src="{}" alt="{}" width="200"></a>',
            reverse("parelketting:photo", kwargs={"uid": obj.uid}),
            reverse("parelketting:thumbnail", kwargs={"uid": obj.uid}),
            obj.photo_description or _("Foto bij de parel"),
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Plain checkboxes: Django's filter_horizontal widget fails axe-core (an aria-label on a <span>).
        if db_field.name == "themes":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "meeting_place":
            kwargs["queryset"] = self.get_queryset(request).filter(kind="place", status=PearlStatus.PUBLISHED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _each(self, request, queryset, service, done_message, **kwargs):
        done, failed = 0, []
        for pearl in queryset:
            try:
                service(pearl=pearl, by=request.user, **kwargs)
                done += 1
            except ValidationError as error:
                failed.append(f"{pearl.title}: {' '.join(error.messages)}")
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)
        for text in failed:
            self.message_user(request, text, messages.WARNING)

    @admin.action(description=_("Plaatsen op de kaart"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            pearl_publish,
            lambda n: ngettext("%(n)d parel geplaatst.", "%(n)d parels geplaatst.", n) % {"n": n},
        )

    @admin.action(description=_("Verbergen"), permissions=["change"])
    def hide_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            pearl_hide,
            lambda n: ngettext("%(n)d parel verborgen.", "%(n)d parels verborgen.", n) % {"n": n},
        )

    @admin.action(description=_("Foto weghalen"), permissions=["change"])
    def remove_photo_selected(self, request, queryset):
        self._each(
            request,
            queryset.exclude(photo=""),
            pearl_photo_remove,
            lambda n: ngettext("Foto weggehaald bij %(n)d parel.", "Foto weggehaald bij %(n)d parels.", n) % {"n": n},
        )

    def _with_message(self, request, queryset, *, action, title, service, keyword, done_message):
        """An in-between page: the moderator writes the reason or question once for the selected pearls."""
        form = MessageForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            self._each(request, queryset, service, done_message, **{keyword: form.cleaned_data["message"]})
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "pearls": queryset,
            "form": form,
            "action": action,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "parelketting/admin/message_action.html", context)

    @admin.action(description=_("Niet plaatsen, met een reden"), permissions=["change"])
    def reject_selected(self, request, queryset):
        return self._with_message(
            request,
            queryset,
            action="reject_selected",
            title=_("Niet plaatsen: schrijf de reden"),
            service=pearl_reject,
            keyword="reason",
            done_message=lambda n: (
                ngettext("%(n)d parel niet geplaatst.", "%(n)d parels niet geplaatst.", n) % {"n": n}
            ),
        )

    @admin.action(description=_("Terugsturen met een vraag"), permissions=["change"])
    def return_selected(self, request, queryset):
        return self._with_message(
            request,
            queryset,
            action="return_selected",
            title=_("Terugsturen: schrijf uw vraag"),
            service=pearl_return,
            keyword="question",
            done_message=lambda n: ngettext("%(n)d parel teruggestuurd.", "%(n)d parels teruggestuurd.", n) % {"n": n},
        )


@admin.register(PearlMessage)
class PearlMessageAdmin(OrganisationScopedAdmin):
    """Messages for residents without e-mail: staff read them here and pass them on."""

    organisation_path = "pearl__neighbourhood__corporation"
    staff_can_add = False
    list_display = ["pearl", "sender_name", "delivery", "created_at"]
    list_filter = ["delivery"]
    list_select_related = ["pearl"]
    readonly_fields = ["pearl", "sender_name", "body", "reply_how", "delivery", "created_at"]
    fields = readonly_fields

    def has_change_permission(self, request, obj=None):
        return False
