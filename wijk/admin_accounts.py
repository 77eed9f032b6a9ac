"""The admin pages of accounts that come from Django and django-allauth, in Dutch.

Django stores a permission's name in English ("Can add rol"); the group page shows each permission in
words instead. allauth's two-step login keys have no Dutch field names; their page names the columns itself and
never shows the secret key.
"""

from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .models import TwoStepKey

PERMISSION_ACTIONS = {
    "add": _("mag toevoegen"),
    "change": _("mag wijzigen"),
    "delete": _("mag verwijderen"),
    "view": _("mag bekijken"),
}


def permission_label(permission) -> str:
    """ "Wijk | rol | mag toevoegen" for Django's "Can add rol"; a permission of our own keeps its own name."""
    model = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if model is None or permission.codename != f"{action}_{model._meta.model_name}" or action not in PERMISSION_ACTIONS:
        return str(permission)
    original = getattr(model, "instance_type", None)  # a django-simple-history model: the history of another
    name = (
        _("geschiedenis van %(name)s") % {"name": original._meta.verbose_name} if original else model._meta.verbose_name
    )
    app = model._meta.app_config.verbose_name
    return f"{app} | {name} | {PERMISSION_ACTIONS[action]}"


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if db_field.name == "permissions":
            field.label_from_instance = permission_label
        return field


class AuthenticatorTypeFilter(admin.SimpleListFilter):
    title = _("soort")
    parameter_name = "type"

    def lookups(self, request, model_admin):
        return Authenticator.Type.choices

    def queryset(self, request, queryset):
        return queryset.filter(type=self.value()) if self.value() else queryset


admin.site.unregister(Authenticator)


@admin.register(TwoStepKey)
class TwoStepKeyAdmin(admin.ModelAdmin):
    """A lost phone: the superuser removes the key, so the colleague can set up a new one. Nobody adds one here."""

    list_display = ["account", "kind", "made_on", "last_used_on"]
    list_filter = [AuthenticatorTypeFilter]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__name"]
    fields = ["account", "kind", "made_on", "last_used_on"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("account"), ordering="user__email")
    def account(self, obj):
        return obj.user

    @admin.display(description=_("soort"), ordering="type")
    def kind(self, obj):
        return obj.get_type_display()

    @admin.display(description=_("gemaakt op"), ordering="created_at")
    def made_on(self, obj):
        return obj.created_at

    @admin.display(description=_("laatst gebruikt op"), ordering="last_used_at")
    def last_used_on(self, obj):
        return obj.last_used_at
