from django.contrib import admin

from wijk.admin_scoping import OrganisationScopedAdmin

from .models import StandardReply


@admin.register(StandardReply)
class StandardReplyAdmin(OrganisationScopedAdmin):
    """A corporation's moderators keep their own standard replies; without any of a kind the portal's texts show."""

    organisation_path = "organisation"
    staff_can_delete = True
    list_display = ["label", "kind", "organisation", "position"]
    list_filter = ["kind", "organisation"]
    search_fields = ["label", "text"]
    list_select_related = ["organisation"]
    fields = ["organisation", "kind", "label", "text", "position"]
