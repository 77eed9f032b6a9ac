"""The favicon, the app icons and the web manifest: one drawing (bin/make_icons.py), linked from every page."""

import json
from xml.etree import ElementTree as ET

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db

PNGS = {
    "img/apple-touch-icon.png": 180,
    "img/icon-192.png": 192,
    "img/icon-512.png": 512,
    "img/icon-maskable-512.png": 512,
}


@pytest.mark.parametrize(("path", "side"), PNGS.items())
def test_png_icons_have_their_size(path, side):
    with Image.open(finders.find(path)) as image:
        assert image.size == (side, side)


def test_svg_icon_and_ico():
    root = ET.parse(finders.find("img/icon.svg")).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 64 64"
    with Image.open(finders.find("img/favicon.ico")) as ico:
        assert ico.format == "ICO"


def test_every_page_links_the_icons_and_the_manifest(anonymous):
    html = anonymous.get(reverse("wijk:privacy")).content.decode()
    assert 'rel="icon" href="/static/img/icon.svg" type="image/svg+xml"' in html
    assert 'rel="icon" href="/static/img/favicon.ico"' in html
    assert 'rel="apple-touch-icon" href="/static/img/apple-touch-icon.png"' in html
    assert f'rel="manifest" href="{reverse("web_manifest")}"' in html
    assert '<meta name="theme-color" content="#005a70">' in html


def test_web_manifest(anonymous):
    response = anonymous.get(reverse("web_manifest"))
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Wijkportaal" and manifest["start_url"] == "/" and manifest["lang"] == "nl"
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_favicon_ico_at_the_root(anonymous):
    response = anonymous.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/img/favicon.ico"


def test_the_svg_is_what_the_drawing_script_writes():
    """One drawing: the committed icon.svg is the script's, so the PNGs show the same picture."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bin" / "make_icons.py"
    spec = importlib.util.spec_from_file_location("make_icons", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(finders.find("img/icon.svg")) as committed:
        assert committed.read() == module.svg()
