"""QR plaques: a short random link per place pearl, PNG and PDF plaques, and the QR read back from pixels."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader

from lib.qr import QR_BORDER, qr_matrix
from parelketting.necklace.plaques import (
    CODE_ALPHABET,
    CODE_LENGTH,
    PLAQUE_MARGIN,
    PLAQUE_WIDTH,
    QR_BOX_SIZE,
    plaque_png,
)
from parelketting.necklace.services import pearl_short_code_ensure

pytestmark = pytest.mark.django_db


def _find_qr_origin(image: Image.Image, modules: int) -> tuple[int, int]:
    """Find the QR's top-left finder pattern: a row of 7 dark modules with a light quiet zone to its left."""
    grey = image.convert("L")
    qr_side = (modules + 2 * QR_BORDER) * QR_BOX_SIZE
    x0 = (image.width - qr_side) // 2 + QR_BORDER * QR_BOX_SIZE  # plaques centre the QR horizontally
    for y in range(image.height):
        row_dark = all(grey.getpixel((x0 + i, y)) < 128 for i in range(7 * QR_BOX_SIZE))
        left_light = all(grey.getpixel((x0 - i, y)) > 128 for i in range(1, QR_BOX_SIZE + 1))
        if row_dark and left_light:
            return x0, y
    raise AssertionError("no QR finder pattern found")


def _read_matrix(image: Image.Image, origin: tuple[int, int], modules: int) -> list[list[bool]]:
    """Sample the centre pixel of every module: dark below mid-grey."""
    grey = image.convert("L")
    half = QR_BOX_SIZE // 2
    return [
        [
            grey.getpixel((origin[0] + x * QR_BOX_SIZE + half, origin[1] + y * QR_BOX_SIZE + half)) < 128
            for x in range(modules)
        ]
        for y in range(modules)
    ]


def test_short_code_is_random_stable_and_not_a_sequence(make_pearl):
    first, second = make_pearl(title="Een"), make_pearl(title="Twee")
    code = pearl_short_code_ensure(pearl=first)
    assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    assert pearl_short_code_ensure(pearl=first) == code  # stable
    assert pearl_short_code_ensure(pearl=second) != code


def test_short_link_redirects_to_the_pearl_page(anonymous, make_pearl):
    pearl = make_pearl()
    code = pearl_short_code_ensure(pearl=pearl)
    response = anonymous.get(reverse("parelketting:short", kwargs={"code": code}))
    assert response.status_code == 302 and response["Location"] == pearl.get_absolute_url()
    assert anonymous.get(reverse("parelketting:short", kwargs={"code": "zzzzzzz"})).status_code == 404


def test_png_plaque_qr_decodes_to_the_short_url(moderator_hw, make_pearl):
    """Read the QR modules back from the PNG's pixels and compare with the QR for the expected URL."""
    pearl = make_pearl(title="Het bankje bij de vijver")
    response = moderator_hw.get(reverse("parelketting:plaque_png", kwargs={"uid": pearl.uid}))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    pearl.refresh_from_db()
    expected_url = f"{settings.SITE_URL}/parelketting/p/{pearl.short_code}/"
    expected = qr_matrix(expected_url)
    image = Image.open(io.BytesIO(response.content))
    origin = _find_qr_origin(image, len(expected))
    read = _read_matrix(image, origin, len(expected))
    assert read == expected
    assert read != qr_matrix(f"{settings.SITE_URL}/parelketting/p/aaaaaaa/")  # the check can fail
    # The short URL really leads to the pearl.
    assert moderator_hw.get(expected_url.removeprefix(settings.SITE_URL))["Location"] == pearl.get_absolute_url()


TITLE_STRIP = (PLAQUE_MARGIN, PLAQUE_MARGIN, PLAQUE_WIDTH - PLAQUE_MARGIN, PLAQUE_MARGIN + 80)


def _title_strip(title: str) -> Image.Image:
    png, _origin = plaque_png(title=title, line="Een bankje.", url="https://example.org/p/abc/", caption="abc")
    return Image.open(io.BytesIO(png)).convert("L").crop(TITLE_STRIP)


def test_plaque_text_needs_no_font_file_on_the_machine(monkeypatch, tmp_path):
    """No DejaVu (no font folders, nothing in the working folder): the title is drawn in Pillow's own font."""
    for variable in ("XDG_DATA_HOME", "XDG_DATA_DIRS"):
        monkeypatch.setenv(variable, str(tmp_path))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OSError):
        ImageFont.truetype("DejaVuSans-Bold.ttf", 64)  # really not found
    expected = Image.new("L", (PLAQUE_WIDTH, 200), "white")
    ImageDraw.Draw(expected).text((PLAQUE_MARGIN, PLAQUE_MARGIN), "Het bankje", font=ImageFont.load_default(64))
    drawn = _title_strip("Het bankje")
    assert drawn.getextrema()[0] < 64  # there is ink
    assert drawn.tobytes() == expected.crop(TITLE_STRIP).tobytes()


def test_plaque_draws_dutch_accents_where_the_machine_has_dejavu():
    try:
        ImageFont.truetype("DejaVuSans-Bold.ttf", 64)
    except OSError:
        pytest.skip("no DejaVu Sans on this machine: Pillow's own font has ASCII letters only")
    missing_glyph = "\U0010ffff"  # drawn as the font's 'missing letter' box
    assert _title_strip("Café").tobytes() != _title_strip("Caf" + missing_glyph).tobytes()
    assert _title_strip("Café").tobytes() != _title_strip("Cafe").tobytes()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("resident_zuidwijk", 404), ("moderator_bw", 404), ("moderator_hw", 200), ("superuser", 200)],
)
def test_plaques_are_for_the_corporation_moderators(as_persona, make_pearl, persona, expected):
    pearl = make_pearl()
    client = as_persona(persona)
    assert client.get(reverse("parelketting:plaque_png", kwargs={"uid": pearl.uid})).status_code == expected
    assert client.get(reverse("parelketting:plaque_pdf", kwargs={"uid": pearl.uid})).status_code == expected


def test_no_plaque_for_a_person(moderator_hw, make_pearl):
    person = make_pearl(kind="person", title="Ik repareer fietsen")
    assert moderator_hw.get(reverse("parelketting:plaque_png", kwargs={"uid": person.uid})).status_code == 404


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_bulk_admin_action_prints_one_pdf_with_a_plaque_per_place(moderator_hw, make_pearl):
    places = [make_pearl(title=f"Plek {i}") for i in range(3)]
    person = make_pearl(kind="person", title="Ik lees voor")
    response = moderator_hw.post(
        reverse("admin:parelketting_pearl_changelist") + "?status=published",
        {"action": "print_plaques", "_selected_action": [p.pk for p in places] + [person.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = _pages(response.content)
    assert len(pages) == 3
    for place, text in zip(sorted(places, key=lambda p: p.title), pages, strict=True):
        place.refresh_from_db()
        assert place.title in text
        assert f"/parelketting/p/{place.short_code}/" in text.replace("\n", "")


def test_single_plaque_pdf(moderator_hw, make_pearl):
    pearl = make_pearl()
    response = moderator_hw.get(reverse("parelketting:plaque_pdf", kwargs={"uid": pearl.uid}))
    assert response.content.startswith(b"%PDF") and len(_pages(response.content)) == 1
