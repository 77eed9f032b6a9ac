"""Every image in every template says what it shows: an ``<img>`` without ``alt`` fails.

``alt=""`` (nothing to say) is only for a decorative image, and then the tag must say so as well, with
``role="presentation"`` or ``aria-hidden="true"``, so an empty alt is always a choice and never forgotten.
Walks ``templates/`` and every app's ``templates`` folder.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", ".lighthouse", ".git", "staticfiles", "media"}
IMG = re.compile(r"<img\b.*?>", re.IGNORECASE | re.DOTALL)
# Django comments: ``{# … #}`` and ``{% comment %}…{% endcomment %}`` are never sent to a browser.
COMMENTS = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.DOTALL)
ALT = re.compile(r"\salt\s*=", re.IGNORECASE)
EMPTY_ALT = re.compile(r"""\salt\s*=\s*(""|'')""", re.IGNORECASE)
DECORATIVE = re.compile(r"""role\s*=\s*["']presentation["']|aria-hidden\s*=\s*["']true["']""", re.IGNORECASE)


def template_files():
    folders = [p for p in ROOT.glob("**/templates") if p.is_dir() and not SKIP & set(p.relative_to(ROOT).parts)]
    return sorted(path for folder in folders for path in folder.rglob("*") if path.suffix in (".html", ".txt"))


def problems(text: str) -> list[str]:
    found = []
    for tag in IMG.findall(COMMENTS.sub("", text)):
        if not ALT.search(tag):
            found.append(f"no alt: {tag}")
        elif EMPTY_ALT.search(tag) and not DECORATIVE.search(tag):
            found.append(f'alt="" without role="presentation" or aria-hidden="true": {tag}')
    return found


def test_the_walk_finds_the_templates():
    files = template_files()
    assert any(path.name == "_mood_image.html" for path in files)
    assert any("/api/templates/" in str(path) for path in files)


@pytest.mark.parametrize(
    ("snippet", "ok"),
    [
        ('<img src="a.png" alt="Een bankje">', True),
        ('<img src="a.png">', False),
        ('<img\n  src="a.png"\n  width="10">', False),
        ('<img src="a.png" alt="">', False),
        ('<img src="a.png" alt="" role="presentation">', True),
        ('<img src="a.png" alt="" aria-hidden="true">', True),
        ('<img src="{{ url }}"{% if x %} alt="{{ x }}"{% endif %} data-alt="no">', True),
        ('{# <img src="a.png"> #}', True),
        ('<img src="a.png" data-alt="x">', False),
    ],
)
def test_the_check_itself(snippet, ok):
    assert (not problems(snippet)) is ok


def test_every_img_in_every_template_has_an_alt_text():
    found = [
        f"{path.relative_to(ROOT)}: {problem}" for path in template_files() for problem in problems(path.read_text())
    ]
    assert not found, "Images without an alt text:\n" + "\n".join(found)
