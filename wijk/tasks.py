"""Work the worker does for the core: making a letters run's PDF (seconds for a hundred envelopes).

Without a worker (``WIJKPORTAAL_TASKS`` unset) tasks run at once, inside the request that queued them."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def letter_run_pdf(*, run_uid: str) -> str:
    """Make the PDF of one letters run; a failure is kept on the run, so staff see it and can try again."""
    from .models import LetterRun
    from .services import letter_run_pdf_make

    run = LetterRun.objects.filter(uid=run_uid).first()
    if run is None or run.sent_at is not None:
        return "gone"
    try:
        letter_run_pdf_make(run)
    except Exception:
        LetterRun.objects.filter(pk=run.pk).update(pdf_failed=True)
        logger.exception("The PDF of letters run %s could not be made.", run_uid)
        raise
    return "made"
