"""E-mail through the task queue: nothing lost on the way, sent by the worker, tried again when delivery fails."""

import json
import re
import smtplib
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from worker.mail import TASK_EMAIL_BACKEND, message_from_data, message_to_data
from worker.tasks import send_email_message

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class FlakyBackend(LocmemBackend):
    """Delivers to ``mail.outbox`` after refusing the first ``failures`` messages."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("mail server gone")
        return super().send_messages(messages)


@pytest.fixture
def queued_mail(settings):
    settings.EMAIL_BACKEND = TASK_EMAIL_BACKEND
    settings.WIJKPORTAAL_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = IMMEDIATE
    FlakyBackend.failures = 0
    return settings


def full_message():
    message = EmailMultiAlternatives(
        subject="Uw aanmelding – café “De Parel”",
        body="Hallo Fatma,\n\nU staat op de lijst.\n",
        from_email="Wijkportaal <noreply@wijkportaal.example>",
        to=["Fatma <fatma@bewoner.test>"],
        cc=["buurman@bewoner.test"],
        bcc=["archief@hw.test"],
        reply_to=["Buurthuis <buurthuis@hw.test>"],
        headers={"List-Unsubscribe": "<https://wijkportaal.example/account/>", "X-Wijk": "zuidwijk"},
    )
    message.attach_alternative("<p>Hallo <strong>Fatma</strong></p>", "text/html")
    message.attach("agenda.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    message.attach("kaart.png", b"\x89PNG\r\n\x1a\n\x00\xff", "image/png")
    return message


def assert_same_message(sent, original):
    assert sent.subject == original.subject
    assert sent.body == original.body
    assert sent.from_email == original.from_email
    assert sent.to == original.to and sent.cc == original.cc and sent.bcc == original.bcc
    assert sent.reply_to == original.reply_to
    assert sent.extra_headers == original.extra_headers
    assert [tuple(a) for a in sent.alternatives] == [tuple(a) for a in original.alternatives]
    assert [tuple(a) for a in sent.attachments] == [tuple(a) for a in original.attachments]
    rendered = sent.message()
    assert rendered["Reply-To"] == "Buurthuis <buurthuis@hw.test>"
    assert rendered["List-Unsubscribe"] == "<https://wijkportaal.example/account/>"


def test_a_message_survives_json_unchanged():
    original = full_message()
    rebuilt = message_from_data(json.loads(json.dumps(message_to_data(original))))
    assert_same_message(rebuilt, original)
    assert rebuilt.message().as_bytes().count(b"Content-Type: text/html") == 1


@pytest.mark.django_db
def test_with_tasks_that_run_at_once_every_part_of_a_mail_arrives(queued_mail):
    original = full_message()
    assert original.send() == 1
    assert len(mail.outbox) == 1
    assert_same_message(mail.outbox[0], original)


def test_without_a_worker_mail_goes_out_as_before(settings):
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    send_mail("Onderwerp", "Tekst", None, ["bewoner@zuidwijk.test"])
    assert [m.to for m in mail.outbox] == [["bewoner@zuidwijk.test"]]


@pytest.mark.django_db
def test_login_codes_go_through_the_queue_without_changing_allauth(client, world, queued_mail):
    response = client.post(reverse("account_request_login_code"), {"email": "bewoner@zuidwijk.test"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["bewoner@zuidwijk.test"]]
    assert mail.outbox[0].subject.startswith("[Wijkportaal] ")
    code = re.search(r"^\s*(\d{5}-\d{5})\s*$", mail.outbox[0].body, re.M).group(1)
    assert client.post(reverse("account_confirm_login_code"), {"code": code}).status_code == 302
    assert client.get(reverse("wijk:account")).status_code == 200


@pytest.mark.django_db
def test_a_failure_with_tasks_at_once_raises_like_before_unless_silent(queued_mail, caplog):
    queued_mail.WIJKPORTAAL_EMAIL_BACKEND = "tests.test_worker_mail.FlakyBackend"
    FlakyBackend.failures = 2
    with pytest.raises(OSError, match="mail server gone"):
        send_mail("Onderwerp", "Tekst", None, ["bewoner@zuidwijk.test"])
    assert send_mail("Onderwerp", "Tekst", None, ["bewoner@zuidwijk.test"], fail_silently=True) == 0
    assert mail.outbox == []
    assert "no more attempts" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_the_worker_sends_the_stored_mail(queued_mail):
    queued_mail.TASKS = DATABASE
    original = full_message()
    original.send()
    assert mail.outbox == []
    stored = DBTaskResult.objects.get()
    assert stored.task_path == "worker.tasks.send_email_message" and stored.status == "READY"

    call_command("run_worker", "--once", "--no-schedule", verbosity=0)

    assert len(mail.outbox) == 1
    assert_same_message(mail.outbox[0], original)
    stored.refresh_from_db()
    assert stored.status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_a_signup_code_waits_in_the_queue_until_the_worker_runs(client, world, queued_mail):
    queued_mail.TASKS = DATABASE
    response = client.post(reverse("account_signup"), {"email": "nieuw@bewoner.test"})
    assert response.status_code == 302
    assert mail.outbox == [] and DBTaskResult.objects.ready().count() == 1
    call_command("run_worker", "--once", "--no-schedule", verbosity=0)
    code = re.search(r"^\s*([A-Z0-9-]{4,12})\s*$", mail.outbox[-1].body, re.M).group(1)
    assert client.post(response["Location"], {"code": code}).status_code == 302
    assert client.get(reverse("wijk:account")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_no_mail_is_queued_when_the_change_that_sends_it_is_undone(queued_mail):
    queued_mail.TASKS = DATABASE
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Onderwerp", "Tekst", None, ["bewoner@zuidwijk.test"])
        raise RuntimeError("opslaan mislukt")
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_mail_the_server_refuses_is_tried_again_later_not_lost(queued_mail, caplog):
    queued_mail.TASKS = DATABASE
    queued_mail.WIJKPORTAAL_EMAIL_BACKEND = "tests.test_worker_mail.FlakyBackend"
    FlakyBackend.failures = 1
    send_mail("Herinnering", "Morgen om 10 uur.", None, ["bewoner@zuidwijk.test"])

    call_command("run_worker", "--once", "--no-schedule", verbosity=0)

    assert mail.outbox == []
    failed = DBTaskResult.objects.get(status="FAILED")
    assert "SMTPServerDisconnected" in failed.traceback
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now() + timedelta(seconds=30)
    assert "trying again" in caplog.text

    call_command("run_worker", "--once", "--no-schedule", verbosity=0)
    assert mail.outbox == []  # not due yet

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    call_command("run_worker", "--once", "--no-schedule", verbosity=0)
    assert [m.subject for m in mail.outbox] == ["Herinnering"]


@pytest.mark.django_db(transaction=True)
def test_after_the_last_attempt_the_mail_stays_failed_and_is_logged(queued_mail, caplog):
    queued_mail.TASKS = DATABASE
    queued_mail.WIJKPORTAAL_EMAIL_BACKEND = "tests.test_worker_mail.FlakyBackend"
    queued_mail.WIJKPORTAAL_TASK_RETRY_MINUTES = []
    FlakyBackend.failures = 1
    send_email_message.enqueue(data=message_to_data(full_message()))
    call_command("run_worker", "--once", "--no-schedule", verbosity=0)
    assert DBTaskResult.objects.get().status == "FAILED"
    assert "no more attempts" in caplog.text


def _settings_from_environment(**env):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.WIJKPORTAAL_EMAIL_BACKEND, s.TASKS['default']['BACKEND'])"
    )
    base = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "wijkportaal.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "wijkportaal.example",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_the_environment_alone_switches_the_worker_on():
    off = _settings_from_environment()
    assert off.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "django_tasks.backends.immediate.ImmediateBackend",
    ]
    on = _settings_from_environment(WIJKPORTAAL_TASKS="database")
    assert on.stdout.split() == [
        TASK_EMAIL_BACKEND,
        "django.core.mail.backends.smtp.EmailBackend",
        "django_tasks_db.DatabaseBackend",
    ]
    wrong = _settings_from_environment(WIJKPORTAAL_TASKS="celery")
    assert wrong.returncode != 0 and "WIJKPORTAAL_TASKS must be one of" in wrong.stderr
