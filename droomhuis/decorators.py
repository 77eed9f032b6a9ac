"""Who may open the Droomhuis staff pages, as view decorators over the predicates in ``permissions`` and
``care.permissions``: anonymous visitors log in first, logged-in users without the role get 403."""

from lib.decorators import role_required

from .care.permissions import is_expert, is_partner_contact
from .permissions import is_broker, is_team_lead

broker_required = role_required(is_broker)
expert_required = role_required(is_expert)
partner_required = role_required(is_partner_contact)
team_lead_required = role_required(is_team_lead)
