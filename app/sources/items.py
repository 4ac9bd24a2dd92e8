"""A page URL into an `ArticleIn`: fetch, check it is HTML, extract its main text, keep it only in the
source's language."""

from __future__ import annotations

import asyncio
from datetime import date

from app.sources.fetch import Fetched, Fetcher
from app.sources.language import detect_language
from app.sources.pages import check_html, extract_page
from app.sources.reasons import Reason, Skipped
from nlp.records import ArticleIn

PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"


async def page_article(
    fetched: Fetched, url: str, *, language: str, title: str | None = None, published: date | None = None,
    source: str | None = None,
) -> ArticleIn:
    """Return the article of a fetched page, stored under the canonical `url`; the page's own title and date
    win over the feed's. Raise Skipped when the page is not HTML, has no main text or another language."""
    check_html(fetched.content_type, url)
    # trafilatura takes a few tens of milliseconds of CPU a page: off the event loop.
    page = await asyncio.to_thread(extract_page, fetched.body, url)
    found = detect_language(page.text)
    if found != language:
        raise Skipped(Reason.NOT_ENGLISH, f"{url}: in {found!r}, not {language!r}")
    return ArticleIn(
        id=url, text=page.text, title=page.title or title, published=page.published or published, url=url,
        source=source,
    )


async def fetch_article(
    fetcher: Fetcher, url: str, *, language: str, title: str | None = None, published: date | None = None,
    source: str | None = None,
) -> ArticleIn:
    """Fetch the page at canonical `url` and return its article; raise Skipped with the reason otherwise."""
    fetched = await fetcher.get(url, accept=PAGE_ACCEPT)
    return await page_article(fetched, url, language=language, title=title, published=published, source=source)
