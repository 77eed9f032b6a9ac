"""The direction of imports between the apps (contracts in pyproject.toml, docs/architecture.md) holds.

`make lint` runs the same check; here it also fails the suite, so a forbidden import never lands.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_permissions_are_plain_predicates_and_the_model_backend():
    """Who may do what lives in each app's ``permissions.py`` (predicates and scoped querysets); the admin's
    ``has_perm`` asks Django's model backend. No permission plug-in (``rules`` was removed: it held one rule
    that nothing checked)."""
    from django.conf import settings

    assert settings.AUTHENTICATION_BACKENDS == [
        "django.contrib.auth.backends.ModelBackend",
        "allauth.account.auth_backends.AuthenticationBackend",
    ]
    assert not [app for app in settings.INSTALLED_APPS if app.startswith(("rules", "django_filters"))]
