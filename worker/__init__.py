"""Background work: outgoing e-mail through a queue and the scheduled commands, run by ``manage.py run_worker``."""
