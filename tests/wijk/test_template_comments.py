"""Django's ``{# ... #}`` comment ends on its own line; one spread over two lines is printed on the page as text
(the dream queue showed its own comment to brokers). Longer comments use ``{% comment %}``."""

from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_no_one_line_comment_runs_over_a_line():
    broken = []
    for path in sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.txt")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            start = line.find("{#")
            if start != -1 and "#}" not in line[start:]:
                broken.append(f"{path.relative_to(TEMPLATES)}:{number}")
    assert broken == []
