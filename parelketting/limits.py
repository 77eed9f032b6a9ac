"""How often one visitor may use each public form per hour (``wijk.antispam.rate_limit_hit`` counts)."""

PEARLS_PER_HOUR = 10
REPORTS_PER_HOUR = 5
MESSAGES_PER_HOUR = 10
SUGGESTIONS_PER_HOUR = 10
PROPOSALS_PER_HOUR = 5
SIGNUPS_PER_HOUR = 30
