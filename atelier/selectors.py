"""What other apps may read from the Atelier, and the only module they may import (``import-linter``).

The open-data API reads the public experiments and their live evidence, whose counts from 1 to 9 are already
"<10" (``atelier.evidence``).
"""

from .evidence import Evidence, evidence_for
from .models import Experiment


def public_experiments():
    """The experiments the public may see, by name, with their corporation and neighbourhood."""
    return Experiment.objects.public().select_related("corporation", "neighbourhood").order_by("name", "slug")


def experiment_evidence(experiment: Experiment) -> Evidence:
    """The experiment's monthly figures from its live part, never a count from 1 to 9 (see ``atelier.evidence``)."""
    return evidence_for(experiment)
