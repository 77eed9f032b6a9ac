"""How often one visitor may use each public form per hour (``lib.antispam.rate_limit_hit`` counts)."""

PEARLS_PER_HOUR = 10
REPORTS_PER_HOUR = 5
MESSAGES_PER_HOUR = 10
SUGGESTIONS_PER_HOUR = 10
PROPOSALS_PER_HOUR = 5
SIGNUPS_PER_HOUR = 30
WITHDRAWALS_PER_HOUR = 10

# Wrong follow codes (pearls sent without an account) one visitor may try per hour; ten times as many from
# everyone together before a visitor with a wrong guess of their own is refused (``views.follow``).
FOLLOW_WRONG_PER_HOUR = 20
