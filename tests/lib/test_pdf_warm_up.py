"""WeasyPrint is loaded when a web process starts, not in the first PDF request (docs/performance.md, "PDFs")."""

import os
import subprocess
import sys
from pathlib import Path

CHECK = """
import sys
import wijkportaal.wsgi
print("weasyprint.text.ffi" in sys.modules, "weasyprint.pdf.fonts" in sys.modules)
"""


def test_a_web_process_has_weasyprint_loaded_once_the_wsgi_application_is():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wijkportaal.settings.test"}
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", CHECK], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]
