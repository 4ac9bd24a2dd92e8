"""Pages into articles: the main text without navigation, the metadata, the date htmldate finds."""

from __future__ import annotations

from datetime import date

import pytest

from app.sources.language import detect_language
from app.sources.pages import check_html, extract_page
from app.sources.reasons import Reason, Skipped
from tests.app.sources.news_site import story_page, story_text

URL = "http://news.example/news/story-4.html"


def test_the_main_text_title_author_and_date_of_a_story_page():
    page = extract_page(story_page(4).encode(), URL)
    for paragraph in story_text(4):
        assert paragraph in page.text
    assert "Home" not in page.text and "made up for racegraph" not in page.text
    assert page.title is not None and page.title.startswith("Story 4: talks on")
    assert (page.author, page.published) == ("Sam Reporter", date(2025, 6, 3))


def test_a_date_only_in_the_text_of_the_page_is_found_by_htmldate():
    html = story_page(4, date_in_meta=False).replace("<article>", "<article><p class='byline'>Published 2024-11-20</p>")
    assert extract_page(html, URL).published == date(2024, 11, 20)


def test_a_page_without_main_text_is_skipped_as_empty_text():
    html = "<html><head><title>Video</title></head><body><nav>Home | World</nav><div>Watch</div></body></html>"
    with pytest.raises(Skipped) as caught:
        extract_page(html, URL)
    assert caught.value.reason is Reason.EMPTY_TEXT


@pytest.mark.parametrize("content_type", ["application/pdf", "application/json", "image/png"])
def test_a_response_that_is_not_html_is_skipped_as_wrong_content_type(content_type: str):
    with pytest.raises(Skipped) as caught:
        check_html(content_type, URL)
    assert caught.value.reason is Reason.WRONG_CONTENT_TYPE


def test_languages_are_told_apart():
    assert detect_language(" ".join(story_text(1))) == "en"
    assert detect_language(
        "Les ministres se sont réunis mardi pour discuter des semi-conducteurs et de la recherche publique."
    ) == "fr"
