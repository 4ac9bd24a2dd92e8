"""graph.build turns an extraction into rows with deterministic ids; no database needed."""

from graph.build import apply_redirects, article_id, build_article_graph
from graph.schema import DropReason
from nlp.records import Kind, RelType
from tests.factories import article, entity, extraction, relation

JAPAN = entity("Japan", Kind.COUNTRY)
AUSTRALIA = entity("Australia", Kind.COUNTRY)
NVIDIA = entity("Nvidia", Kind.ORGANIZATION)
HUANG = entity("Jensen Huang", Kind.PERSON)
H20 = entity("H20", Kind.PRODUCT)
US = entity("United States", Kind.COUNTRY)


def test_the_same_text_is_the_same_article_whatever_its_id():
    assert article_id(article("Same text.", id="x")) == article_id(article("Same text.", id="y"))
    assert article_id(article("Same text.")) != article_id(article("Other text."))


def test_a_fact_stated_twice_in_an_article_is_one_claim_the_first_statement_with_a_later_date():
    # The one rule (nlp.records.one_per_fact), here on a symmetric pair stated both ways round: the
    # first statement wins, however confident the repeat, and takes the repeat's date when it has none.
    a = article()
    first = relation(RelType.ALLIED_WITH, JAPAN, AUSTRALIA, a.text, confidence=0.6)
    repeat = relation(RelType.ALLIED_WITH, AUSTRALIA, JAPAN, a.text, confidence=0.95, date="2025-01-08")
    graph = build_article_graph(a, extraction(a, [JAPAN, AUSTRALIA], [first, repeat]))
    assert [(c.subject_id, c.object_id, c.confidence, c.date) for c in graph.claims] == [
        ("country:australia", "country:japan", 0.6, "2025-01-08")
    ]
    assert graph.dropped == {DropReason.DUPLICATE: 1}


def test_a_redirect_that_makes_two_claims_one_fact_keeps_the_first_by_the_same_rule():
    a = article("The United States restricted Nvidia and Zenith.")
    zenith = entity("Zenith", Kind.ORGANIZATION)
    first = relation(RelType.RESTRICTED, US, NVIDIA, a.text, confidence=0.6)
    second = relation(RelType.RESTRICTED, US, zenith, a.text, confidence=0.95)
    graph = build_article_graph(a, extraction(a, [US, NVIDIA, zenith], [first, second]))
    apply_redirects([graph], {zenith.id: NVIDIA.id})  # curation merged Zenith into Nvidia
    assert [(c.subject_id, c.object_id, c.confidence) for c in graph.claims] == [(US.id, NVIDIA.id, 0.6)]
    assert graph.dropped == {DropReason.DUPLICATE: 1}


def test_relations_outside_the_schema_are_dropped_with_a_reason():
    a = article()
    rows = [
        relation(RelType.AFFILIATED_WITH, NVIDIA, HUANG, a.text),  # organization -> person: wrong way round
        relation(RelType.MET_WITH, JAPAN, JAPAN, a.text),
        relation(RelType.ANNOUNCED, NVIDIA, entity("Unknown", Kind.POLICY), a.text),
        relation(RelType.ANNOUNCED, NVIDIA, H20, a.text),
    ]
    graph = build_article_graph(a, extraction(a, [JAPAN, NVIDIA, HUANG, H20], rows))
    assert [(c.type, c.subject_id, c.object_id) for c in graph.claims] == [
        (RelType.ANNOUNCED, "organization:nvidia", "product:h20")
    ]
    assert graph.dropped == {DropReason.PATTERN: 1, DropReason.SELF_LOOP: 1, DropReason.UNKNOWN_ENTITY: 1}


def test_claim_ids_are_stable_across_runs_and_differ_across_articles():
    first, second = article("Text one."), article("Text two.")
    rel = relation(RelType.ALLIED_WITH, JAPAN, AUSTRALIA, "Text one.")
    ids = [build_article_graph(a, extraction(a, [JAPAN, AUSTRALIA], [rel])).claims[0].id for a in (first, first)]
    other = build_article_graph(second, extraction(second, [JAPAN, AUSTRALIA], [rel])).claims[0].id
    assert ids[0] == ids[1] != other
