"""Matches in the Droomhuis: a partner or a neighbour's personal pearl that could help with a dream.

Models (``models.py``, app label ``droomhuis``), who could help (``matching.py``), the writes (``services.py``),
forms and views. Kept empty here: ``droomhuis.models`` imports ``matches.models`` while the app loads.
"""
