"""Benchmark: every PDF the portal makes, at pilot volumes, in-process (WeasyPrint).

The question behind it (heavy work off the request path): which PDF takes longer than a request should? The
letters run is made by the worker since it took seconds; here, without a worker, it runs inside the request
(the task backend runs at once), so its line is the worker's time per run.
Each line gives the pages, the median and slowest time of a few renders and the size. The letters run is
measured at 100 envelopes (200 letters), the poster for the demo month, "Mijn gegevens" for the busiest demo
resident, the paper forms and the walk as residents download them.
"""

import statistics
import time

from .common import line

ENVELOPES = 100
LETTERS_PER_ENVELOPE = 2
RUNS = 5


def _pages(body: bytes) -> int:
    from io import BytesIO

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(body)).pages)


def _time(name, request, **extra):
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = request()
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200 or response["Content-Type"] != "application/pdf":
            print(f"bench: pdf_{name} error=status_{response.status_code}", flush=True)
            return
    timings.sort()
    line(
        f"pdf_{name}",
        **extra,
        pages=_pages(response.content),
        p50_ms=round(statistics.median(timings), 1),
        p95_ms=round(timings[-1], 1),
        kb=round(len(response.content) / 1024, 1),
    )


def _letters(corporation, neighbourhood):
    """``ENVELOPES`` residents with a full address, each with ``LETTERS_PER_ENVELOPE`` queued letters."""
    from wijk.models import Resident
    from wijk.services import letter_queue

    residents = Resident.objects.bulk_create(
        [
            Resident(
                neighbourhood=neighbourhood,
                first_name=f"Briefbuur{i}",
                postal_address=f"Brieflaan {i}\n3262 ZZ Oud-Beijerland",
            )
            for i in range(ENVELOPES)
        ]
    )
    letters = []
    for resident in residents:
        for n in range(LETTERS_PER_ENVELOPE):
            letters.append(
                letter_queue(
                    resident=resident,
                    organisation=corporation,
                    subject=f"Nieuws over uw aanmelding {n + 1}",
                    body="Beste buur,\n\nU bent aangemeld voor de activiteit. Wij zien u graag.\n\nHartelijke groet",
                    reason="bench",
                )
            )
    return letters


def run():
    from django.core.management import call_command
    from django.test import Client, override_settings
    from django.urls import reverse

    from droomhuis.models import Dream
    from parelketting.models import Route
    from wijk.models import Neighbourhood, Resident, User

    with override_settings(DEBUG=True):
        call_command("loaddemo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser("bench@bench.example")
    staff = Client()
    staff.force_login(admin)
    anonymous = Client()

    neighbourhood = Neighbourhood.objects.select_related("corporation").get(slug="zuidwijk")
    corporation = neighbourhood.corporation
    letters = _letters(corporation, neighbourhood)
    uids = [str(letter.uid) for letter in letters]
    _time(
        "letters_run",
        lambda: staff.post(reverse("wijk:letters_pdf"), {"letters": uids}, follow=True),
        envelopes=ENVELOPES,
        letters=len(letters),
    )
    _time("poster", lambda: staff.get(reverse("parelketting:poster_pdf"), {"wijk": neighbourhood.slug}))

    resident = max(
        Resident.objects.filter(user__isnull=False).exclude(neighbourhood__slug__startswith="bench"),
        key=lambda r: Dream.objects.filter(resident=r).count(),
    )
    own = Client()
    own.force_login(resident.user)
    _time("my_data", lambda: own.get(reverse("wijk:my_data"), {"formaat": "pdf"}))

    _time("paper_pearl", lambda: anonymous.get(reverse("parelketting:paper_pearl_pdf"), {"wijk": neighbourhood.slug}))
    _time("paper_signup_blank", lambda: anonymous.get(reverse("parelketting:paper_signup_blank_pdf")))
    _time("paper_dream", lambda: anonymous.get(reverse("droomhuis:paper_pdf")))
    route = Route.objects.filter(status="published").order_by("pk").first()
    if route is not None:
        _time(
            "walk",
            lambda: anonymous.get(reverse("parelketting:route_pdf", args=[route.slug])),
            stops=route.stops.count(),
        )
