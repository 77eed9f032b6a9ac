"""Every page the portal serves is valid HTML, as the Nu HTML Checker (vnu) reads it.

The pages are the ones the access matrix opens: every URL pattern outside the Django admin, rendered for the
first persona that may see it (the anonymous visitor and the residents first, then staff). Screen readers and
older browsers depend on valid markup more than new browsers do; a stray ``</div>`` or a duplicate ``id`` breaks
a label or a skip link without anyone seeing it. The checker is the npm package ``vnu-jar`` (installed by
``npm ci``) and runs on the machine's Java in one go for all pages.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from .access_fixtures import matrix_world, response_close  # noqa: F401  (module-scoped fixture)
from .conftest import PERSONAS
from .test_access_matrix import PATTERNS, client_for, expected, is_admin, url_for

pytestmark = [pytest.mark.django_db]

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = [key for key, (route, _) in PATTERNS.items() if not is_admin(key, route)]


def first_persona_allowed(key):
    return next((persona for persona in PERSONAS if expected(key, persona) == "ok"), None)


def rendered_pages(objects, folder):
    """Write each HTML page to ``folder``; returns ``{file name: (persona, url)}``."""
    pages = {}
    for number, key in enumerate(PAGES):
        persona = first_persona_allowed(key)
        if persona is None:
            continue
        url = url_for(key, objects)
        response = client_for(objects, persona).get(url)
        response_close(response)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        name = f"{number:03d}-{key.replace(':', '-').replace('/', '_')[:60]}.html"
        (folder / name).write_bytes(response.content)
        pages[name] = (persona, url)
    return pages


def test_every_page_is_valid_html(matrix_world, tmp_path):  # noqa: F811  (fixture imported above)
    java = shutil.which("java")
    assert java, "The HTML check needs Java (Debian: default-jre-headless); `make test` installs it."
    assert VNU.exists(), "The HTML check needs the npm package vnu-jar: run `npm ci` (`make assets`)."
    _, objects = matrix_world
    pages = rendered_pages(objects, tmp_path)
    assert len(pages) > 60, f"only {len(pages)} pages rendered; the walk lost its pages"
    result = subprocess.run(  # noqa: S603  (fixed command, files we just wrote)
        [java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", *sorted(map(str, tmp_path.iterdir()))],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems = []
    for message in messages:
        name = Path(message.get("url", "")).name
        persona, url = pages.get(name, ("?", name))
        problems.append(f"{url} ({persona}), line {message.get('lastLine', '?')}: {message['message']}")
    assert not problems, f"{len(problems)} HTML errors:\n" + "\n".join(problems)
