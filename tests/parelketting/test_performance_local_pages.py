"""The in-process copy of cached public pages: fast repeat hits, never stale after a change or a cleared cache."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from wijk.public_cache import PEARLS, _LocalPages, local_pages, versions

pytestmark = pytest.mark.django_db


def test_repeat_hit_comes_from_the_local_copy_and_a_change_shows_at_once(anonymous, make_pearl):
    pearl = make_pearl(title="Bankje bij de vijver")
    url = reverse("parelketting:detail", kwargs={"uid": pearl.uid})
    assert anonymous.get(url)["X-Page-Cache"] == "miss"
    keys = [k for k in local_pages.entries if url in k]
    assert keys
    cache.delete_many(keys)  # gone from the shared cache: only the copy in this process is left
    hit = anonymous.get(url)
    assert hit["X-Page-Cache"] == "hit" and "Bankje bij de vijver" in hit.content.decode()
    pearl.title = "Bankje bij de eendenvijver"
    pearl.save()
    assert "Bankje bij de eendenvijver" in anonymous.get(url).content.decode()


def test_a_cleared_cache_starts_a_new_random_version(anonymous):
    before = versions(PEARLS)
    cache.clear()
    after = versions(PEARLS)
    assert after != before
    local_pages.clear()


def test_local_pages_respect_size_and_time():
    pages = _LocalPages(max_bytes=800)
    pages.set("a", (200, [], b"x" * 90), 60)
    pages.set("b", (200, [], b"y" * 90), 0)
    pages.set("c", (200, [], b"z" * 500), 60)  # bigger than a quarter of the room: not kept
    assert pages.get("a") is not None
    assert pages.get("b") is None  # expired
    assert pages.get("c") is None
