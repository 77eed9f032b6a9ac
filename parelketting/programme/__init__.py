"""The pop-up programme: activities at a place, sign-ups with a waiting list, the calendar feed and the poster.

Its models belong to the ``parelketting`` app (``parelketting/models.py`` imports them), so their app label
and tables are unchanged.
"""
