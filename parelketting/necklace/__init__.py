"""The necklace: walking routes that string published place pearls into a walk, with a map sketch, a GPX
file, residents' suggestions and the QR plaques at the places.

Its models belong to the ``parelketting`` app (``parelketting/models.py`` imports them), so their app label
and tables are unchanged.
"""
