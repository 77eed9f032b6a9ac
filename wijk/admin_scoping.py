"""Admin classes that keep organisations apart: staff only ever see their own corporation's records.

Also the admin bases that keep odd addresses from failing: history pages and date drill-downs.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from .choices import RoleKind
from .permissions import organisation_ids


class OrganisationScopedAdmin(admin.ModelAdmin):
    """Base for every admin of a scoped model.

    ``organisation_path`` is the lookup from the model to its owning corporation, for example
    ``"neighbourhood__corporation"``. Staff with one of ``staff_role_kinds`` for that corporation may
    view and change its records; everyone else without superuser rights sees nothing. "Missing" and
    "not yours" look the same: the admin answers 404 for both.
    """

    organisation_path: str = ""
    staff_role_kinds: tuple[str, ...] = (RoleKind.MODERATOR,)
    staff_can_add = True
    staff_can_delete = False

    def scoped_organisation_ids(self, request) -> set[int]:
        return organisation_ids(request.user, *self.staff_role_kinds)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.organisation_path}__in": self.scoped_organisation_ids(request)}).distinct()

    def _is_staff_for(self, request) -> bool:
        return bool(self.scoped_organisation_ids(request))

    def has_module_permission(self, request):
        return request.user.is_superuser or self._is_staff_for(request)

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return self._is_staff_for(request) and (obj is None or self._in_scope(request, obj))

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request):
        return request.user.is_superuser or (self.staff_can_add and self._is_staff_for(request))

    def has_delete_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return self.staff_can_delete and self.has_change_permission(request, obj)

    def _in_scope(self, request, obj) -> bool:
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Offer only the corporation's own neighbourhoods and organisations in drop-downs."""
        if not request.user.is_superuser:
            ids = self.scoped_organisation_ids(request)
            model = db_field.related_model
            if model._meta.label == "wijk.Neighbourhood":
                kwargs["queryset"] = model.objects.filter(corporation_id__in=ids)
            elif model._meta.label == "wijk.Organisation":
                kwargs["queryset"] = model.objects.filter(pk__in=ids) | model.objects.filter(works_with__in=ids)
            elif model._meta.label == "wijk.Resident":
                kwargs["queryset"] = model.objects.filter(neighbourhood__corporation_id__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadOnlyAdmin(admin.ModelAdmin):
    """For ledgers and logs: nobody adds, changes or deletes through the admin, not even a superuser."""

    def get_actions(self, request):
        return {}

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _require_key(field, value):
    """A value that cannot be this primary key (``x``, a NUL) is a missing object: 404, as on the change page."""
    try:
        field.to_python(unquote(value))
    except ValidationError:
        raise Http404 from None


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin; its history pages answer 404 for an id that cannot be one, not 500."""

    def history_view(self, request, object_id, extra_context=None):
        _require_key(self.model._meta.pk, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _require_key(self.model._meta.pk, object_id)
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute).model
        _require_key(history._meta.pk, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class BoundedDateChangeList(ChangeList):
    """A date drill-down past the calendar (year 10000, a 30-digit year) is a wrong parameter, as a bad month is."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class DateHierarchyAdmin(admin.ModelAdmin):
    """For admins with ``date_hierarchy``: an odd year or month in the address shows the list's error page."""

    def get_changelist(self, request, **kwargs):
        return BoundedDateChangeList
