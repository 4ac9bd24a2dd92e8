"""Invariants of extraction on arbitrary and generated text (hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.extract import extract
from nlp.records import SYMMETRIC_TYPES, ArticleIn, entity_id

ACTORS = [
    "China",
    "the U.S.",
    "Japan",
    "Nvidia",
    "Huawei",
    "the EU",
    "Germany",
    "TSMC",
    "South Korea",
    "NATO",
]
PEOPLE = ["Satya Nadella", "Lisa Su", "Sam Altman", "Xi Jinping", "Antony Blinken"]
TEMPLATES = [
    "{a} met with {b} on Monday.",
    "{a} and {b} signed a partnership on chips.",
    "{a} imposed export controls on {b} last year.",
    "{p}, the chief executive of {a}, met {q} in Tokyo.",
    "{a} is an ally of {b}, officials said.",
    "{a} did not restrict {b}.",
    "{a} unveiled a new AI strategy, according to a person familiar with the matter.",
]

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def articles(draw: st.DrawFn) -> str:
    sentences = []
    for _ in range(draw(st.integers(1, 5))):
        template = draw(st.sampled_from(TEMPLATES))
        a, b = draw(st.sampled_from(ACTORS)), draw(st.sampled_from(ACTORS))
        p, q = draw(st.sampled_from(PEOPLE)), draw(st.sampled_from(PEOPLE))
        sentences.append(template.format(a=a, b=b, p=p, q=q))
    return draw(st.sampled_from([" ", "\n\n", "  "])).join(sentences)


def _article(text: str) -> ArticleIn:
    return ArticleIn(id="h", text=text, published=date(2024, 6, 5))


@SETTINGS
@given(text=st.text(max_size=300))
def test_arbitrary_text_never_crashes_and_evidence_is_verbatim(nlp, text):
    result = extract(nlp, _article(text))
    for rel in result.relations:
        assert text[rel.start : rel.end] == rel.evidence
        assert 0.0 <= rel.confidence <= 1.0


@SETTINGS
@given(text=articles())
def test_generated_articles_keep_the_invariants(nlp, text):
    first = extract(nlp, _article(text))
    second = extract(nlp, _article(text))
    assert first.model_dump() == second.model_dump()
    pairs = []
    for rel in first.relations:
        assert text[rel.start : rel.end] == rel.evidence
        named = {(e.id, e.name) for e in first.entities}
        assert (rel.subject_id, rel.subject) in named and (rel.object_id, rel.object) in named
        if rel.type in SYMMETRIC_TYPES:
            pairs.append((rel.type, frozenset((rel.subject_id, rel.object_id))))
        assert rel.date is None or len(rel.date) in (4, 7, 10)
    assert len(pairs) == len(set(pairs))
    for entity in first.entities:
        assert entity.id == entity_id(entity.kind, entity.name)
