"""Inputs no newsroom sends on purpose: empty, markup, other languages, broken bytes, 5 MB.
Extraction never crashes, offsets stay exact, and what it cannot read it leaves out."""

from __future__ import annotations

import pytest

from nlp.components.relations import VERSION as RELATIONS_VERSION
from nlp.records import Extraction, RelType

STORY = "Nvidia CEO Jensen Huang met Chinese Vice Premier He Lifeng in Beijing on Wednesday."


def assert_offsets_exact(result: Extraction, text: str) -> None:
    """Assert that each relation's evidence and each entity mention is what `text` holds at its offsets,
    and that there is something to check (a text that gave nothing proves nothing about offsets)."""
    spans = [(text[r.start : r.end], {r.evidence}) for r in result.relations]
    spans += [(text[m.start : m.end], {e.name, *e.aliases}) for e in result.entities for m in e.mentions]
    assert spans, "no relation and no mention to check the offsets of"
    assert [found for found, expected in spans if found not in expected] == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "\n\n\n\n",
        "12345 !!! ???",
        "<html><body><p>Hello</p></body></html>",
        "Le gouvernement français a annoncé un plan pour l'intelligence artificielle.",
        "中国和美国在人工智能领域展开竞争。英伟达首席执行官黄仁勋访问北京。",
        "أعلنت المملكة العربية السعودية عن خطة للذكاء الاصطناعي.",
        "\ufffd\ufffd broken \ufffd text \ufffd",
        "\x00\x01\x02 control \x1f characters",
        "🚀🇨🇳🇺🇸 " * 50,
        "word " * 5000,
        "—" * 300,
    ],
)
def test_odd_inputs_do_not_crash_and_keep_offsets_exact(run, text):
    assert run(text).id == "t"
    # the same input before a plain story still gives the story's facts, and every offset counts the odd text
    mixed = f"{text}\n\n{STORY}"
    found = run(mixed, "2025-07-17")
    assert any(r.type is RelType.MET_WITH and r.evidence in STORY for r in found.relations)
    assert_offsets_exact(found, mixed)


@pytest.mark.parametrize("text", ["", "  ", "\n\t\n"])
def test_empty_or_blank_text_gives_an_empty_extraction(run, text):
    result = run(text)
    assert (result.entities, result.relations) == ([], [])
    assert RELATIONS_VERSION in result.extractor_version


def test_text_without_entities_gives_nothing(run):
    result = run("The weather was mild, the markets were calm and nobody said anything of note.")
    assert (result.entities, result.relations) == ([], [])


def test_html_markup_left_in_the_text_does_not_hide_the_facts(run, facts):
    text = f"<div class=\"story\"><p>{STORY.replace('Jensen Huang', '<b>Jensen Huang</b>')}</p></div>"
    result = run(text, "2025-07-17")
    assert ("AFFILIATED_WITH", "Jensen Huang", "Nvidia") in facts(result)
    assert not [e for e in result.entities if "<" in e.name or ">" in e.name]
    assert_offsets_exact(result, text)


def test_replacement_characters_give_a_partial_result(run, facts):
    text = "Nvidia\ufffd\ufffd CEO Jensen Huang met Chinese Vice Premier He Lifeng in Bei\ufffdjing on Wednesday."
    result = run(text, "2025-07-17")
    assert ("MET_WITH", "Jensen Huang", "He Lifeng") in facts(result)
    assert_offsets_exact(result, text)


def test_other_languages_give_no_english_guesses(run):
    result = run("Le président chinois a rencontré le président américain à Pékin mercredi.")
    assert not result.relations


def test_a_five_megabyte_article_is_processed_in_pieces_with_exact_offsets(run):
    # long blank runs keep the test fast: the size, not the word count, is what chunking must handle
    block = STORY + "\n\n" + " " * 250_000 + "\n\n"
    text = block * 20
    assert len(text) > 5_000_000
    result = run(text, "2025-07-17")
    huang = next(e for e in result.entities if e.name == "Jensen Huang")
    assert [m.start for m in huang.mentions] == [i * len(block) + STORY.index("Jensen") for i in range(20)]
    meeting = next(r for r in result.relations if r.type is RelType.MET_WITH)
    assert (meeting.start, meeting.evidence) == (0, STORY)
    assert_offsets_exact(result, text)


def test_five_megabytes_without_a_single_break_give_an_empty_extraction(run):
    result = run("x" * 5_000_000)
    assert (result.entities, result.relations) == ([], [])
