"""Care in the Droomhuis: signals, referrals to partners, experts by experience and their pairings.

Models (``models.py``, app label ``droomhuis``), the referral's transition table (``workflow.py``), the services
by what they write (``signals``, ``referrals``, ``confidentiality``, ``pairings``), who may (``permissions.py``),
forms and views. Kept empty here: ``droomhuis.models`` imports ``care.models`` while the app loads.
"""
