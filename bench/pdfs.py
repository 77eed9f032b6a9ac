"""Benchmark: every PDF the portal makes, at pilot volumes, in-process (WeasyPrint).

The question behind it (heavy work off the request path): which PDF takes longer than a request should? The
letters run is made by the worker since it took seconds; here, without a worker, it runs inside the request
(the task backend runs at once), so its line is the worker's time per run.
Each line gives the pages, the median and slowest time of a few renders and the size. The letters run is
measured at 100 envelopes (200 letters), the poster for the demo month, "Mijn gegevens" for the busiest demo
resident, the paper forms (made for someone logged in, and as anonymous visitors get them from the page cache, `_kept`), and the walk of the bench's size (40 stops, as in
``bench/programme.py``): the worker's render, and the download once it is made. p95 is the slowest of the runs, the first render in the process included; ``cpu_p95_ms`` is the
same in processor time, which a busy machine (other processes on the same cores) does not inflate.

``pdf_cold_start`` is a new process that imports WeasyPrint and makes a one-page PDF: what the first PDF request
in a web process paid before the processes warmed WeasyPrint up when they start (see docs/performance.md).
"""

import statistics
import subprocess
import sys
import time
from decimal import Decimal

from .common import corporation_and_neighbourhood, line

ENVELOPES = 100
LETTERS_PER_ENVELOPE = 2
RUNS = 5
WALK_STOPS = 40

COLD_START = """
import time
start = time.perf_counter()
import weasyprint
weasyprint.HTML(string="<p>Hallo</p>").write_pdf()
print(round((time.perf_counter() - start) * 1000, 1))
"""


def _pages(body: bytes) -> int:
    from io import BytesIO

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(body)).pages)


def _time(name, request, **extra):
    timings, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = request()
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        if response.status_code != 200 or response["Content-Type"] != "application/pdf":
            print(f"bench: pdf_{name} error=status_{response.status_code}", flush=True)
            return
    timings.sort()
    cpu.sort()
    line(
        f"pdf_{name}",
        **extra,
        pages=_pages(response.content),
        p50_ms=round(statistics.median(timings), 1),
        p95_ms=round(timings[-1], 1),
        cpu_p95_ms=round(cpu[-1], 1),
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


def _walk():
    """A published walk of ``WALK_STOPS`` places, each with a street, a description and practical details."""
    from django.utils import timezone

    from parelketting.choices import PearlKind, PearlStatus, RouteStatus
    from parelketting.models import Pearl, Route, RouteStop

    _, hood = corporation_and_neighbourhood(
        "bench-pdf-hw",
        "bench-pdf-zuidwijk",
        name="Zuidwijk (bench pdf)",
        municipality="Oud-Beijerland",
        centre=("51.815900", "4.413000"),
    )
    places = Pearl.objects.bulk_create(
        [
            Pearl(
                kind=PearlKind.PLACE,
                title=f"Plek {i}",
                story="Een fijne plek.",
                neighbourhood=hood,
                street=f"Zuidstraat {i}",
                location_description="Bij de bank onder de boom",
                lat=Decimal("51.815900") + Decimal(i) / Decimal(5000),
                lng=Decimal("4.413000") + Decimal(i % 7) / Decimal(5000),
                status=PearlStatus.PUBLISHED,
                published_at=timezone.now(),
                bench="yes",
                toilet="no",
            )
            for i in range(WALK_STOPS)
        ]
    )
    route = Route.objects.create(
        slug="bench-pdf-ketting", title="Bench", neighbourhood=hood, status=RouteStatus.PUBLISHED
    )
    RouteStop.objects.bulk_create([RouteStop(route=route, pearl=p, position=i + 1) for i, p in enumerate(places)])
    return route


def _phone_photo(width=4032, height=3024) -> bytes:
    """A JPEG the size of a phone camera's (12 megapixels, about 1.3 MB): gradients with noise."""
    import io

    from PIL import Image, ImageChops

    red = Image.linear_gradient("L").resize((width, height))
    green = Image.radial_gradient("L").resize((width, height))
    blue = ImageChops.add(Image.effect_noise((width, height), 30), red, scale=2.0)
    buffer = io.BytesIO()
    Image.merge("RGB", (red, green, blue)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _photos():
    """What a photo upload costs in the request: cleaning it (decode, drop EXIF, scale to 1600 px, thumbnail)
    and the smaller copies for ``srcset`` (480 and 960 px) that the pearl's save makes."""
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lib.photos import photo_process, photo_variants_save
    from parelketting.models import Pearl

    upload = _phone_photo()
    timings = {"photo_clean": ([], []), "photo_variants": ([], [])}

    def clock(name, work):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = work()
        timings[name][0].append((time.perf_counter() - start) * 1000)
        timings[name][1].append((time.process_time() - start_cpu) * 1000)
        return result

    for _ in range(RUNS):
        processed = clock(
            "photo_clean", lambda: photo_process(SimpleUploadedFile("foto.jpg", upload, content_type="image/jpeg"))
        )
        pearl = Pearl()
        pearl.photo.name = default_storage.save(f"bench/{processed.photo.name}", processed.photo)
        clock("photo_variants", lambda: photo_variants_save(pearl.photo))  # noqa: B023 - called at once
    for name, (wall, cpu) in timings.items():
        wall.sort()
        cpu.sort()
        line(
            name,
            upload_kb=round(len(upload) / 1024),
            p50_ms=round(statistics.median(wall), 1),
            p95_ms=round(wall[-1], 1),
            cpu_p95_ms=round(cpu[-1], 1),
        )


def _cold_start():
    timings = sorted(
        float(subprocess.run([sys.executable, "-c", COLD_START], capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    )
    line("pdf_cold_start", p50_ms=round(statistics.median(timings), 1), p95_ms=round(timings[-1], 1))


def run():
    from django.core.management import call_command
    from django.test import Client, override_settings
    from django.urls import reverse

    from droomhuis.models import Dream
    from lib.pdf import pdf_response
    from parelketting.necklace.views import walk_pdf_render
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

    # The blank paper forms: made each time for someone logged in (never kept), and as anonymous visitors get
    # them after the first, from the public page cache (``_kept``).
    paper = {
        "paper_pearl": (reverse("parelketting:paper_pearl_pdf"), {"wijk": neighbourhood.slug}),
        "paper_signup_blank": (reverse("parelketting:paper_signup_blank_pdf"), {}),
        "paper_dream": (reverse("droomhuis:paper_pdf"), {}),
    }
    for name, (url, query) in paper.items():
        _time(name, lambda url=url, query=query: own.get(url, query))
        _time(f"{name}_kept", lambda url=url, query=query: anonymous.get(url, query))
    # The walk is made by the worker and kept (``parelketting.walk_pdf``): its line is the worker's time per
    # render; ``walk_request`` is what a visitor waits for once it is made.
    route = _walk()
    _time("walk", lambda: pdf_response(walk_pdf_render(route), filename="walk.pdf"), stops=route.stops.count())
    _time(
        "walk_request",
        lambda: anonymous.get(reverse("parelketting:route_pdf", args=[route.slug])),
        stops=route.stops.count(),
    )
    _photos()
    _cold_start()
