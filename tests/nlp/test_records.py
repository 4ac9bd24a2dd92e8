"""The contract's own rules, without a model: one fact per pair per article."""

from nlp.records import Kind, RelType, one_per_fact
from tests.factories import entity, relation

TEXT = "Japan met Australia; Australia met Japan; Japan restricted Nvidia."
JAPAN, AUSTRALIA = entity("Japan", Kind.COUNTRY), entity("Australia", Kind.COUNTRY)
NVIDIA = entity("Nvidia", Kind.ORGANIZATION)


def test_one_statement_per_fact_the_first_in_the_order_first_stated_with_the_first_date_a_repeat_has():
    met = relation(RelType.MET_WITH, JAPAN, AUSTRALIA, TEXT, confidence=0.5)
    restricted = relation(RelType.RESTRICTED, JAPAN, NVIDIA, TEXT)
    met_again = relation(RelType.MET_WITH, AUSTRALIA, JAPAN, TEXT, confidence=0.9, date="2025-01-08")
    met_later = relation(RelType.MET_WITH, JAPAN, AUSTRALIA, TEXT, date="2025-01-09")

    kept, repeats = one_per_fact([met, restricted, met_again, met_later])

    assert [(r.type, r.subject_id, r.confidence, r.date) for r in kept] == [
        (RelType.MET_WITH, JAPAN.id, 0.5, "2025-01-08"),
        (RelType.RESTRICTED, JAPAN.id, 0.9, None),
    ]
    assert repeats == 2
    assert met.date is None  # the winner is copied, not changed


def test_a_directed_fact_the_other_way_round_is_another_fact():
    restricted = relation(RelType.RESTRICTED, JAPAN, AUSTRALIA, TEXT)
    restricted_back = relation(RelType.RESTRICTED, AUSTRALIA, JAPAN, TEXT)
    assert one_per_fact([restricted, restricted_back]) == ([restricted, restricted_back], 0)
