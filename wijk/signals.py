"""Signals other apps listen to, so ``wijk`` never has to import them."""

from django.dispatch import Signal

# Sent after a consent withdrawal is committed: kwargs ``consent`` and ``withdrawal``.
consent_withdrawn = Signal()
