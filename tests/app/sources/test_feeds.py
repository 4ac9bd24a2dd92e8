"""Feeds of every kind feedparser reads become items with absolute links and UTC dates; other bodies do not."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.sources.feeds import parse_feed, parse_items
from app.sources.reasons import Reason, Skipped

BASE = "http://news.example/feeds/main.xml"

RSS_091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Wire</title><link>http://news.example/</link>
<description>d</description><item><title>Old style</title><link>http://news.example/old</link></item></channel></rss>"""

RSS_10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://news.example/"><title>Wire</title><link>http://news.example/</link><description>d</description>
</channel>
<item rdf:about="http://news.example/rdf-item"><title>RDF item</title><link>http://news.example/rdf-item</link>
<dc:date>2025-06-02T10:00:00Z</dc:date></item></rdf:RDF>"""

RSS_20 = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://news.example/</link>
<description>d</description>
<item><title>Relative</title><link>/news/relative.html</link><pubDate>Tue, 03 Jun 2025 09:30:00 +0200</pubDate></item>
<item><title>No link</title></item></channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<id>urn:wire</id><updated>2025-06-04T08:00:00Z</updated>
<entry><title>Atom entry</title><id>urn:e1</id><link href="http://news.example/atom-entry"/>
<updated>2025-06-04T08:00:00Z</updated></entry></feed>"""


def test_rss_091_items_have_their_links():
    [item] = parse_feed(RSS_091, BASE)
    assert (item.link, item.title, item.published) == ("http://news.example/old", "Old style", None)


def test_rss_10_items_have_their_dublin_core_dates():
    [item] = parse_feed(RSS_10, BASE)
    assert item.link == "http://news.example/rdf-item"
    assert item.day == date(2025, 6, 2)


def test_rss_20_links_are_made_absolute_and_dates_are_utc():
    relative, no_link = parse_feed(RSS_20, BASE)
    assert relative.link == "http://news.example/news/relative.html"
    assert relative.published == datetime(2025, 6, 3, 7, 30, tzinfo=UTC)
    assert (no_link.link, no_link.title) == (None, "No link")


def test_atom_entries_have_their_links_and_updated_dates():
    [entry] = parse_feed(ATOM, BASE)
    assert (entry.link, entry.title, entry.published) == ("http://news.example/atom-entry", "Atom entry", None)
    assert entry.updated == datetime(2025, 6, 4, 8, 0, tzinfo=UTC)
    assert entry.day == date(2025, 6, 4)


@pytest.mark.parametrize(
    "body", [b"<html><body><p>A page</p></body></html>", b"plain words", b"", b'{"items": []}'],
    ids=["html", "text", "empty", "json"],
)
def test_a_body_that_is_no_feed_is_skipped_as_not_a_feed(body: bytes):
    with pytest.raises(Skipped) as caught:
        parse_feed(body, BASE)
    assert caught.value.reason is Reason.NOT_A_FEED


def test_a_url_given_as_the_body_is_never_fetched():
    with pytest.raises(Skipped):
        parse_feed(b"http://127.0.0.1:9/feed.xml", BASE)


SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://news.example/news/one.html</loc><lastmod>2025-06-05</lastmod></url>
<url><loc>http://news.example/news/two.html</loc><news:news><news:publication_date>2025-06-04T10:00:00+02:00</news:publication_date>
<news:title>Second story</news:title></news:news></url>
<url><loc></loc></url></urlset>"""


def test_a_sitemap_lists_its_pages_with_news_titles_and_dates():
    one, two, empty = parse_items(SITEMAP, BASE)
    assert (one.link, one.title, one.updated) == (
        "http://news.example/news/one.html", None, datetime(2025, 6, 5, tzinfo=UTC)
    )
    assert (two.title, two.published) == ("Second story", datetime(2025, 6, 4, 8, 0, tzinfo=UTC))
    assert empty.link is None


def test_feeds_are_read_by_parse_items_too():
    assert [i.link for i in parse_items(ATOM, BASE)] == ["http://news.example/atom-entry"]


@pytest.mark.parametrize(
    "body",
    [
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://x/s.xml</loc>'
        b"</sitemap></sitemapindex>",
        b"<html><body><p>A page</p></body></html>",
        b"<unclosed",
    ],
    ids=["sitemap-index", "html", "broken-xml"],
)
def test_neither_feed_nor_sitemap_is_not_a_feed(body: bytes):
    with pytest.raises(Skipped) as caught:
        parse_items(body, BASE)
    assert caught.value.reason is Reason.NOT_A_FEED
