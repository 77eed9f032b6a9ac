"""Evidence at pilot scale: a total per series over all months, shown when it is 10 or more, and no small cell
that can be worked out from it (complementary suppression).

The attack is written out here by brute force, apart from the code under test: a reader who sees the table's
texts ("0", "<10", "×", numbers and the total) and knows the rules ("<10" is 1 to 9; "×" is 10 or more and, as the
smallest months are hidden first, at most the smallest number shown) tries every value of every hidden cell that
fits the total. A hidden cell that has only one possible value is given away, and the test fails.
"""

import datetime
import itertools
import random

import pytest

from atelier import evidence
from atelier.models import LivePart

from .conftest import make_public
from .test_evidence import evidence_html

pytestmark = pytest.mark.django_db
LIMIT = 10
CAP = 400  # the highest value tried for an unbounded "×"


def possible(text: str, shown_numbers: list[int], cap: int = CAP) -> range:
    """Every value a cell's text allows, as the reader sees it (no cell is more than ``cap``, the total)."""
    if text == "<10":
        return range(1, LIMIT)
    if text == evidence.HIDDEN:
        return range(LIMIT, min([*shown_numbers, cap]) + 1)
    return range(int(text), int(text) + 1)


def given_away(texts: list[str], total_text: str) -> list[int]:
    """The positions of hidden cells whose value the reader can work out from the texts and the total."""
    shown_numbers = [int(t) for t in texts if t not in ("<10", evidence.HIDDEN) and int(t) > 0]
    cap = int(total_text) if total_text.isdigit() else CAP
    options = [possible(t, shown_numbers, cap) for t in texts]
    if not total_text:
        return []
    totals = range(LIMIT, CAP * len(texts) + 1) if total_text == evidence.HIDDEN else possible(total_text, [])
    hidden = [i for i, t in enumerate(texts) if t in ("<10", evidence.HIDDEN)]
    if not hidden:
        return []
    fixed = sum(options[i][0] for i in range(len(texts)) if i not in hidden)
    found = []
    for i in hidden:
        # Try every value of this cell: it fits when the other hidden cells can make up the rest of some total.
        # Each cell's options are a run of whole numbers, so together the others make every sum from their lowest
        # to their highest.
        others = [options[j] for j in hidden if j != i]
        low, high = sum(o[0] for o in others), sum(o[-1] for o in others)
        fits = [v for v in options[i] if totals[0] - fixed - v <= high and totals[-1] - fixed - v >= low]
        if len(fits) == 1:
            found.append(i)
    return found


def column(counts: list[int]) -> tuple[list[str], str]:
    built = evidence.build({"dreams_received": {f"2026-{m + 1:02d}": n for m, n in enumerate(counts)}})
    series = built.series[0]
    return [cell.text for cell in series.cells], series.total_text


def test_the_attack_finds_a_small_cell_when_nothing_more_is_hidden():
    """The attack itself works: "<10", 42 and a total of 49 give away the 7."""
    assert given_away(["0", "<10", "42"], "49") == [1]
    assert given_away(["<10", "<10", "20"], "22") == [0, 1]  # 1 + 1: both given away
    assert given_away(["<10", "<10", "10"], "20") == []


@pytest.mark.parametrize("months", [3, 4])
def test_no_hidden_cell_can_be_worked_out_from_the_total(months):
    values = [0, 1, 2, 5, 8, 9, 10, 11, 12, 19, 40] if months == 3 else [0, 1, 9, 10, 11, 30]
    checked = 0
    for counts in itertools.product(values, repeat=months):
        texts, total_text = column(list(counts))
        for count, text in zip(counts, texts, strict=True):
            if 0 < count < LIMIT:
                assert text == "<10", (counts, texts)  # the "<10" rule still holds
            elif text != evidence.HIDDEN:
                assert text == str(count), (counts, texts)  # what is shown is true
        assert given_away(texts, total_text) == [], (counts, texts, total_text)
        checked += 1
    assert checked == len(values) ** months


def test_random_pilot_columns_of_a_year_give_nothing_away():
    rng = random.Random(16)
    for _ in range(300):
        counts = [rng.choice([0, 0, 1, 2, 3, 7, 9, 10, 11, 14, 25]) for _ in range(6)]
        texts, total_text = column(counts)
        if texts.count("<10") + texts.count(evidence.HIDDEN) <= 4:  # keeps the brute force small
            assert given_away(texts, total_text) == [], (counts, texts, total_text)


@pytest.mark.parametrize(
    ("counts", "total"),
    [([3, 4, 5], "12"), ([12, 9, 0], "21"), ([2, 3], "<10"), ([0, 0], "0"), ([10, 20], "30"), ([1, 9, 9], "19")],
)
def test_the_total_is_shown_from_ten(counts, total):
    assert column(counts)[1] == total


def test_only_what_is_needed_is_hidden():
    assert column([12, 9, 0]) == (["×", "<10", "0"], "21")  # the 12 would give the 9 away
    assert column([12, 30, 4, 0]) == (["×", "30", "<10", "0"], "46")  # the smallest other month
    assert column([12, 30, 45]) == (["12", "30", "45"], "87")  # nothing small: nothing hidden
    assert column([1, 1, 30]) == (["<10", "<10", "×"], "32")  # 1 + 1 would be given away by the total


def test_partners_per_month_get_no_total():
    """A partner that joins in two months is one partner: a sum of the months would say two."""
    built = evidence.build({"partners_involved": {"2026-01": 3, "2026-02": 12}})
    assert built.series[0].total_text == "" and [c.text for c in built.series[0].cells] == ["<10", "12"]


def test_hidden_bars_look_like_suppressed_ones():
    built = evidence.build({"dreams_received": {"2026-01": 12, "2026-02": 9}})
    bars = built.series[0].bars
    assert [b["text"] for b in bars] == ["×", "<10"]
    assert bars[0]["height"] == bars[1]["height"] and all(b["suppressed"] for b in bars)


@pytest.fixture
def pilot_droomhuis(monkeypatch):
    """A Droomhuis at pilot scale: every month small, the half year not."""
    monkeypatch.setattr(
        evidence.LIVE_PARTS[LivePart.DROOMHUIS],
        "evidence_counts",
        lambda neighbourhood: [
            {"month": datetime.date(2026, m, 1), "received": n, "picked_up": p, "realised": r, "partners_involved": 2}
            for m, n, p, r in [(6, 4, 3, 0), (7, 6, 4, 1), (8, 3, 3, 1), (9, 12, 5, 2)]
        ],
    )


def test_the_droomhuis_page_shows_totals_and_gives_nothing_away(facilitator, atelier, pilot_droomhuis):
    import re

    make_public(atelier.droom)
    section = evidence_html(facilitator, atelier.droom)
    foot = section[section.index("<tfoot>") : section.index("</tfoot>")]
    totals = re.findall(r"<td[^>]*>([^<]*)</td>", foot)
    assert totals == ["25", "15", "&lt;10", "–"]  # received, picked up, realised (4 in all), partners
    assert "Onderaan staat het totaal van alle maanden samen." in section
    body = section[section.index("<tbody>") : section.index("</tbody>")]
    rows = [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in re.findall(r"<tr>.*?</tr>", body)]
    received = [row[0].replace("&lt;", "<") for row in rows]
    # 25 - 12 = 13 for three months of 1 to 9: none of them can be worked out, so the 12 stays.
    assert received == ["<10", "<10", "<10", "12"]
    for col, total in enumerate(t.replace("&lt;", "<") for t in totals[:3]):
        texts = [row[col].replace("&lt;", "<") for row in rows]
        assert given_away(texts, total) == [], (col, texts, total)
