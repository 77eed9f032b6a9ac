"""What a simulated resident does: browse the map and the programme, share a dream, put in a pearl."""

import random
import re
from dataclasses import dataclass, field

from .client import Client

_STREET_OPTION = re.compile(r'<select[^>]*name="street"[^>]*>.*?<option value="([^"]+)"', re.S)


@dataclass
class Tally:
    requests: int = 0
    errors: int = 0
    refused: int = 0
    accepted: dict = field(default_factory=lambda: {"dream": 0, "pearl": 0})
    error_samples: list = field(default_factory=list)

    def merge(self, other: "Tally"):
        self.requests += other.requests
        self.errors += other.errors
        self.refused += other.refused
        for kind, count in other.accepted.items():
            self.accepted[kind] += count
        self.error_samples.extend(other.error_samples[: max(0, 10 - len(self.error_samples))])


class Resident:
    """One virtual resident with its own connection and cookies."""

    def __init__(self, base_url: str, marker: str, number: int, email: str | None, password: str, outage=None):
        self.client = Client(base_url)
        self.marker = marker
        self.number = number
        self.email = email
        self.password = password
        self.tally = Tally()
        self.logged_in = False
        self.outage = outage  # a threading.Event set while the database is down (fault test)
        self.sequence = 0

    def _record(self, response, expected=(200,)):
        self.tally.requests += 1
        if response is None:
            self.tally.errors += 1
            return False
        if response.status == 503:
            self.tally.refused += 1
            return False
        if response.status not in expected:
            self.tally.errors += 1
            return False
        return True

    def _call(self, method, path, data=None, expected=(200,)):
        try:
            response = self.client.request(method, path, data)
        except OSError as exc:
            self.tally.requests += 1
            if self.outage is not None and self.outage.is_set():
                self.tally.refused += 1
            else:
                self.tally.errors += 1
                if len(self.tally.error_samples) < 10:
                    self.tally.error_samples.append(f"{type(exc).__name__} {method} {path}")
            return None
        if response.status not in expected and response.status != 503 and len(self.tally.error_samples) < 10:
            self.tally.error_samples.append(f"{response.status} {method} {path}")
        return response if self._record(response, expected) else None

    def browse(self):
        self._call("GET", "/")
        self._call("GET", "/parelketting/")
        self._call("GET", "/parelketting/pearls.geojson")
        if random.random() < 0.3:
            self._call("GET", "/parelketting/lijst/")

    def share_dream(self):
        page = self._call("GET", "/droomhuis/")
        if page is None:
            return
        self.sequence += 1
        data = {
            "csrfmiddlewaretoken": page.csrf_token(),
            "text": f"{self.marker} droom {self.number}-{self.sequence}: een bankje bij de speeltuin.",
            "neighbourhood": re.search(r'name="neighbourhood"[^>]*>\s*<option value="(\d+)"', page.text).group(1),
            "first_name": "",
            "alias": f"Last{self.number}",
            "contact_preference": "",
            "website": "",
        }
        response = self._call("POST", "/droomhuis/", data, expected=(302,))
        if response is not None and "/droomhuis/bedankt/" in response.location:
            self.tally.accepted["dream"] += 1
            self._call("GET", response.location)
        elif response is not None:
            self.tally.errors += 1

    def _log_in(self):
        page = self._call("GET", "/accounts/login/")
        if page is None:
            return False
        response = self._call(
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": page.csrf_token(), "login": self.email, "password": self.password},
            expected=(302,),
        )
        self.logged_in = response is not None
        return self.logged_in

    def submit_pearl(self):
        if self.email is None or (not self.logged_in and not self._log_in()):
            return
        page = self._call("GET", "/parelketting/nieuw/")
        if page is None:
            return
        street = _STREET_OPTION.search(page.text)
        self.sequence += 1
        data = {
            "csrfmiddlewaretoken": page.csrf_token(),
            "kind": "place",
            "title": f"{self.marker} parel {self.number}-{self.sequence}",
            "story": "Een fijne plek om even te zitten en buren te groeten.",
            "street": street.group(1) if street else "",
            "location_description": "Bij de bank naast de speeltuin.",
            "website": "",
        }
        response = self._call("POST", "/parelketting/nieuw/", data, expected=(302,))
        if response is not None:
            self.tally.accepted["pearl"] += 1

    def step(self):
        roll = random.random()
        if roll < 0.6:
            self.browse()
        elif roll < 0.85:
            self.share_dream()
        else:
            self.submit_pearl()
