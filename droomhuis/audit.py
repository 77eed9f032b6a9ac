"""The access-log row for a case: who looked at or changed something in a resident's file, in which role.

Services write the row of a change inside their own transaction, so a page, the admin or a command leave the
same trace. Views write the row of what someone looked at. Both go through ``case_log`` (``partner_log`` for
a partner contact, who acts for their own organisation).
"""

from django.utils.translation import gettext as _

from wijk.choices import RoleKind
from wijk.models import AccessAction, AccessLogEntry
from wijk.services import access_log_record


def case_log(
    user,
    obj,
    dream,
    detail: str,
    *,
    action: str = AccessAction.CHANGE,
    role: str = RoleKind.BROKER,
    resident=None,
    organisation=None,
    on_behalf_of: str = "",
) -> AccessLogEntry:
    """One row about ``obj`` in ``dream``'s file, by default for the corporation the dream belongs to.

    ``resident``: the resident when the caller already has it loaded (a referral's), else the dream's.
    """
    return access_log_record(
        user=user,
        action=action,
        obj=obj,
        resident=resident or dream.resident,
        role=role,
        organisation=organisation or dream.neighbourhood.corporation,
        on_behalf_of=on_behalf_of,
        detail=detail,
    )


def partner_log(user, referral, *, via_link: bool, action: str = AccessAction.CHANGE) -> AccessLogEntry:
    """One row for a partner contact's look at, or step on, a referral sent to their organisation.

    ``via_link``: through the signed link in their e-mail, without logging in (``user`` is then anonymous).
    """
    via = _("via de link in de e-mail") if via_link else ""
    return case_log(
        user,
        referral,
        referral.dream,
        "aanmelding",
        action=action,
        role=RoleKind.PARTNER_CONTACT,
        resident=referral.resident,
        organisation=referral.partner,
        on_behalf_of=via,
    )
