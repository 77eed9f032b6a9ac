import uuid

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lib.form_fields import PhoneField

from . import admin_accounts, login_codes  # noqa: F401 - admin_accounts registers Django's and allauth's pages
from .admin_scoping import DateHierarchyAdmin, HistoryAdmin, OrganisationScopedAdmin, ReadOnlyAdmin
from .choices import DataCategory, RoleKind
from .export_summary import role_label
from .models import (
    AccessLogEntry,
    ConsentRecord,
    ConsentText,
    ConsentWithdrawal,
    ErasureRecord,
    Neighbourhood,
    Organisation,
    Resident,
    Role,
    Street,
    Theme,
    User,
    WalkInPlace,
)
from .mood import MoodImageAdminMixin
from .permissions import organisation_ids


def _resume_codes(model_admin, request, addresses) -> None:
    """End a login-code pause (too many wrong codes today) for these addresses, at the owner's request."""
    addresses = sorted(set(addresses))
    for address in addresses:
        login_codes.resume(address)
    model_admin.message_user(
        request, _("Inloggen met een code kan weer voor: %(addresses)s.") % {"addresses": ", ".join(addresses)}
    )


class ColleagueInviteForm(forms.ModelForm):
    """A colleague's name, e-mail address and roles; no password: they choose their own through the e-mail."""

    kinds = forms.MultipleChoiceField(label=_("rollen"), choices=RoleKind.choices, widget=forms.CheckboxSelectMultiple)
    organisation = forms.ModelChoiceField(label=_("Organisatie"), queryset=Organisation.objects.all())
    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"),
        queryset=Neighbourhood.objects.all(),
        required=False,
        help_text=_("Leeg: alle wijken van de organisatie."),
    )

    class Meta:
        model = User
        fields = ["name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "roles_in_words", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "name"]
    fieldsets = (
        (None, {"fields": ("email", "password", "name")}),
        (_("Rechten"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Data"), {"fields": ("last_login", "date_joined")}),
    )
    add_form = ColleagueInviteForm
    add_form_template = None  # the plain add page: Django's user page speaks of a password to type first
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "description": _(
                    "Uw collega krijgt een e-mail met een link. Daarmee kiest uw collega zelf een wachtwoord."
                ),
                "fields": ("name", "email", "kinds", "organisation", "neighbourhood"),
            },
        ),
    )
    filter_horizontal = ["groups"]
    actions = ["login_codes_resume"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles__organisation")

    def get_inlines(self, request, obj):
        return [UserRoleInline] if obj is not None else []

    @admin.display(description=_("rollen"))
    def roles_in_words(self, obj):
        return ", ".join(f"{role.get_kind_display()} ({role.organisation})" for role in obj.roles.all())

    def save_model(self, request, obj, form, change):
        """A new account is an invitation: the service makes it, its roles and the e-mail."""
        if change:
            return super().save_model(request, obj, form, change)
        from .services import colleague_invite

        data = form.cleaned_data
        invited = colleague_invite(
            email=data["email"],
            name=data["name"],
            kinds=data["kinds"],
            organisation=data["organisation"],
            neighbourhood=data["neighbourhood"],
            invited_by=request.user,
        )
        obj.pk = invited.pk  # the admin's log line and the next page are about the new account

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request, _("De uitnodiging is verstuurd naar %(email)s.") % {"email": obj.email}, messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:wijk_user_change", args=[obj.pk]))

    @admin.action(description=_("Inloggen met een code weer toestaan (na te veel verkeerde codes)"))
    def login_codes_resume(self, request, queryset):
        _resume_codes(self, request, queryset.values_list("email", flat=True))


class UserRoleInline(admin.TabularInline):
    """The account's roles, on the account's own page."""

    model = Role
    fk_name = "user"
    extra = 0
    fields = ["kind", "organisation", "neighbourhood", "active"]
    verbose_name_plural = _("rollen van dit account")


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["user"]


class WalkInPlaceInline(admin.TabularInline):
    """Walk-in places are shown with the organisation's phone and address wherever residents are told to come by."""

    model = WalkInPlace
    extra = 0
    fields = ["neighbourhood", "name", "address", "opening_hours"]

    def _own(self, request, obj) -> bool:
        """Superusers, and a corporation's moderators for their own organisation's places."""
        if request.user.is_superuser:
            return True
        ids = organisation_ids(request.user, RoleKind.MODERATOR)
        return bool(ids) and (obj is None or obj.pk in ids)

    def has_view_permission(self, request, obj=None):
        return self._own(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._own(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._own(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._own(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "neighbourhood" and not request.user.is_superuser:
            ids = organisation_ids(request.user, RoleKind.MODERATOR)
            kwargs["queryset"] = Neighbourhood.objects.filter(corporation_id__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OrganisationAdminForm(forms.ModelForm):
    """Shows the data categories of a sharing agreement as checkboxes instead of raw JSON."""

    sharing_categories = forms.MultipleChoiceField(
        label=_("soorten gegevens die zij mogen ontvangen"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    phone = PhoneField(
        label=_("telefoonnummer"), required=False, help_text=Organisation._meta.get_field("phone").help_text
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "slug",
            "kind",
            "partner_type",
            "description",
            "website",
            "phone",
            "opening_hours",
            "visiting_address",
            "postal_address",
            "works_with",
            "neighbourhoods",
            "themes",
            "sharing_agreement_ref",
            "sharing_agreement_valid_until",
            "sharing_categories",
        ]


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin, OrganisationScopedAdmin):
    form = OrganisationAdminForm
    list_display = ["name", "kind", "partner_type", "sharing_agreement_valid_until"]
    list_filter = ["kind", "partner_type"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["works_with", "neighbourhoods", "themes"]
    staff_can_add = False

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return qs
        ids = self.scoped_organisation_ids(request)
        return (qs.filter(pk__in=ids) | qs.filter(works_with__in=ids)).distinct()

    def get_inlines(self, request, obj):
        return [WalkInPlaceInline, RoleInline] if request.user.is_superuser else [WalkInPlaceInline]


class StreetInline(admin.TabularInline):
    """The neighbourhood's streets: choices on the pearl form; with a point, the map moves there."""

    model = Street
    extra = 0
    fields = ["name", "lat", "lng", "number_from", "number_to"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(MoodImageAdminMixin, OrganisationScopedAdmin):
    inlines = [StreetInline]
    list_display = ["name", "municipality", "corporation", "experiment", "cbs_code"]
    list_filter = ["corporation", "experiment"]
    search_fields = ["name", "municipality"]
    prepopulated_fields = {"slug": ["name"]}
    organisation_path = "corporation"
    staff_can_add = False


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "in_english", "in_turkish", "in_arabic", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}

    def has_module_permission(self, request):
        return request.user.is_superuser or request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or request.user.is_staff

    # The names in other languages carry their language, so a screen reader reads them as such.
    @admin.display(description=Theme._meta.get_field("name_en").verbose_name, ordering="name_en")
    def in_english(self, obj):
        return format_html('<span lang="en">{}</span>', obj.name_en)

    @admin.display(description=Theme._meta.get_field("name_tr").verbose_name, ordering="name_tr")
    def in_turkish(self, obj):
        return format_html('<span lang="tr">{}</span>', obj.name_tr)

    @admin.display(description=Theme._meta.get_field("name_ar").verbose_name, ordering="name_ar")
    def in_arabic(self, obj):
        return format_html('<span lang="ar" dir="rtl">{}</span>', obj.name_ar)


@admin.register(Role)
class RoleAdmin(HistoryAdmin):
    list_display = ["user", "kind", "organisation", "neighbourhood", "active"]
    list_filter = ["kind", "organisation", "active"]
    search_fields = ["user__email", "user__name"]
    autocomplete_fields = ["user"]
    readonly_fields = ["account"]
    fields = ["user", "account", "kind", "organisation", "neighbourhood", "active"]

    @admin.display(description=_("account"))
    def account(self, obj):
        if obj.user_id is None:
            return ""
        url = reverse("admin:wijk_user_change", args=[obj.user_id])
        return format_html('<a href="{}">{}</a>', url, obj.user)

    def has_module_permission(self, request):
        return request.user.is_superuser


@admin.register(Resident)
class ResidentAdmin(OrganisationScopedAdmin):
    # Personal data stays out of list columns: staff open a record to see it.
    list_display = ["short_uid", "neighbourhood", "contact_preference", "created_via", "created_at"]
    list_filter = ["neighbourhood", "contact_preference", "created_via"]
    search_fields = ["display_name", "first_name", "alias", "email"]
    readonly_fields = ["uid", "created_at", "updated_at", "created_by", "created_via", "user"]
    organisation_path = "neighbourhood__corporation"
    fieldsets = (
        (None, {"fields": ("uid", "neighbourhood", "language")}),
        (_("Naam"), {"fields": ("display_name", "first_name", "alias")}),
        (_("Contact"), {"fields": ("contact_preference", "phone", "email", "postal_address", "contact_notes")}),
        (_("Herkomst"), {"fields": ("user", "created_by", "created_via", "created_at", "updated_at")}),
    )

    @admin.display(description=_("kenmerk"))
    def short_uid(self, obj):
        return str(obj.uid)[:8]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.created_via = "in_person"
        super().save_model(request, obj, form, change)


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    """Explanation texts are versioned: a change is a new version, old ones stay readable."""

    list_display = ["key", "version", "language", "title", "created_at"]
    list_filter = ["key", "language"]

    def get_actions(self, request):
        return {}

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        from .services import consent_text_publish

        consent_text_publish(key=obj.key, title=obj.title, body=obj.body, language=obj.language)


class ConsentWithdrawalInline(admin.StackedInline):
    model = ConsentWithdrawal
    extra = 0
    can_delete = False
    readonly_fields = ["withdrawn_at", "method", "recorded_by", "note"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin, OrganisationScopedAdmin):
    list_display = ["category", "purpose", "recipient", "method", "given_at", "valid_until", "is_withdrawn"]
    list_filter = ["category", "purpose", "method"]
    search_fields = ["resident__display_name", "resident__first_name", "resident__email", "recipient__name"]
    list_select_related = ["recipient", "withdrawal"]
    organisation_path = "resident__neighbourhood__corporation"
    inlines = [ConsentWithdrawalInline]

    @admin.display(boolean=True, description=_("ingetrokken"))
    def is_withdrawn(self, obj):
        return hasattr(obj, "withdrawal")

    def has_view_permission(self, request, obj=None):
        return OrganisationScopedAdmin.has_view_permission(self, request, obj)


def _model_name(code: str) -> str:
    """ "droomhuis.dream" as "droom": the model's own name, or the code when the model is gone."""
    try:
        return str(apps.get_model(code)._meta.verbose_name)
    except (LookupError, ValueError):
        return code


class _WordsFilter(admin.SimpleListFilter):
    """A filter on a stored code that shows each code in words."""

    words = staticmethod(str)

    def lookups(self, request, model_admin):
        codes = model_admin.get_queryset(request).order_by().values_list(self.parameter_name, flat=True).distinct()
        return sorted(((code, self.words(code)) for code in codes if code), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(**{self.parameter_name: self.value()}) if self.value() else queryset


class AccessRoleFilter(_WordsFilter):
    title = _("rol")
    parameter_name = "role"
    words = staticmethod(role_label)


class AccessWhatFilter(_WordsFilter):
    title = _("soort gegeven")
    parameter_name = "object_type"
    words = staticmethod(_model_name)


class WhoseFileFilter(admin.SimpleListFilter):
    """ "Who looked at Anneke's file?": a click on a name in the list shows every row about that resident.

    Only the chosen resident is offered (a list of every resident would be long, and would name them all)."""

    title = _("van wie")
    parameter_name = "bewoner"

    def lookups(self, request, model_admin):
        if not self.value():
            return []
        resident = Resident.objects.filter(uid=self.value()).first() if _is_uuid(self.value()) else None
        return [(self.value(), str(resident) if resident else _("onbekend"))]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(resident__uid=self.value()) if _is_uuid(self.value()) else queryset.none()


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(DateHierarchyAdmin, ReadOnlyAdmin):
    # Five columns, so the list fits at 1280 px: who looked, as what and for which organisation, in one.
    list_display = ["at", "who", "action", "what_in_words", "whose_file"]
    list_filter = [WhoseFileFilter, "action", AccessWhatFilter, AccessRoleFilter]
    list_select_related = ["user", "organisation", "resident"]
    # "Who looked at Anneke's file?": search by whose file it is, or by who looked.
    search_fields = ["resident__display_name", "resident__first_name", "resident__email", "user__email", "user__name"]
    date_hierarchy = "at"

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description=_("rol"), ordering="role")
    def role_in_words(self, obj):
        return role_label(obj.role) if obj.role else ""

    @admin.display(description=_("door"), ordering="user__email")
    def who(self, obj):
        as_what = ", ".join(str(part) for part in (self.role_in_words(obj), obj.organisation or "") if part)
        return format_html("{}<br><small>{}</small>", obj.user or "", as_what) if as_what else (obj.user or "")

    @admin.display(description=_("soort gegeven"), ordering="object_type")
    def what_in_words(self, obj):
        return _model_name(obj.object_type)

    @admin.display(description=_("van wie"), ordering="resident")
    def whose_file(self, obj):
        if obj.resident is None:
            return ""
        title = _("Alles over %(name)s in het logboek") % {"name": obj.resident}
        return format_html('<a href="?bewoner={}" title="{}">{}</a>', obj.resident.uid, title, obj.resident)


@admin.register(ErasureRecord)
class ErasureRecordAdmin(DateHierarchyAdmin, ReadOnlyAdmin, OrganisationScopedAdmin):
    """Proof that an erasure was carried out, for the corporation's moderators; it names nobody."""

    list_display = ["on", "scope", "neighbourhood", "role", "channel", "carried_out_by"]
    list_filter = ["scope", "channel"]
    search_fields = ["carried_out_by__email", "carried_out_by__name"]  # "which erasures did Fatima carry out?"
    list_select_related = ["neighbourhood", "carried_out_by"]
    organisation_path = "neighbourhood__corporation"
    date_hierarchy = "on"

    def has_view_permission(self, request, obj=None):
        return OrganisationScopedAdmin.has_view_permission(self, request, obj)
