"""One story, one URL: canonical URLs lose tracking parameters, fragments and default ports."""

from __future__ import annotations

import pytest

from app.sources.reasons import Reason, Skipped
from app.sources.urls import canonical_url, origin


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("HTTPS://News.Example:443/a/story.html?utm_source=rss&utm_medium=feed", "https://news.example/a/story.html"),
        ("https://news.example/a?id=7&fbclid=XYZ&gclid=1#comments", "https://news.example/a?id=7"),
        ("http://news.example:80/b?z=2&a=1", "http://news.example/b?a=1&z=2"),
        ("http://127.0.0.1:8123/news/story-1.html", "http://127.0.0.1:8123/news/story-1.html"),
    ],
)
def test_canonical_urls(given: str, canonical: str):
    assert canonical_url(given) == canonical


@pytest.mark.parametrize("given", ["ftp://news.example/a", "javascript:alert(1)", "/relative/path", "https://"])
def test_anything_but_an_absolute_http_url_is_a_bad_link(given: str):
    with pytest.raises(Skipped) as caught:
        canonical_url(given)
    assert caught.value.reason is Reason.BAD_LINK


def test_origin_keeps_scheme_host_and_port():
    assert origin("http://127.0.0.1:8123/news/a.html?x=1") == "http://127.0.0.1:8123"
