"""The typed record the relation rules emit, and the word lists they read from `nlp/data/`."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest
import spacy
from spacy.tokens import Doc

from nlp.components.lexicon import data_dir
from nlp.components.relation_rules.candidate import Candidate, Party
from nlp.components.relation_rules.tables import RuleWords
from nlp.components.relations import RELATIONS_ATTR
from nlp.errors import ModelError
from nlp.records import Kind, RelType


def _candidate() -> Candidate:
    return Candidate(
        type=RelType.RESTRICTED,
        subject=Party(Kind.COUNTRY, "United States", (0, 4)),
        object=Party(Kind.ORGANIZATION, "Huawei", None),
        start=0,
        end=30,
        date="2019-05-15",
        hedged=False,
        confidence=0.75,
        item="exports",
    )


def test_a_candidate_crosses_a_process_boundary_as_itself(nlp):
    # nlp.pipe(n_process=N) hands docs back as bytes: the record must come back typed, not as a map
    doc = nlp.make_doc("The US restricted exports to Huawei.")
    doc._.set(RELATIONS_ATTR, [_candidate()])
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    [candidate] = back._.get(RELATIONS_ATTR)
    assert candidate == _candidate()
    assert type(candidate.type) is RelType and type(candidate.subject.kind) is Kind


def test_shifting_a_candidate_moves_its_evidence_and_named_spans():
    moved = _candidate().shifted(100)
    assert (moved.start, moved.end, moved.subject.span, moved.object.span) == (100, 130, (100, 104), None)


def test_every_word_list_the_rules_read_is_in_the_data_file():
    lines = (data_dir() / "rule_words.jsonl").read_text(encoding="utf-8").splitlines()
    names = [json.loads(line)["name"] for line in lines if line.strip()]
    assert sorted(names) == sorted(f.name for f in fields(RuleWords))


def test_a_word_list_the_rules_do_not_know_is_refused():
    with pytest.raises(ModelError, match="mystery_verbs"):
        RuleWords.build([{"name": "mystery_verbs", "words": ["ponder"]}])


def test_the_shipped_word_lists_reach_the_rules(nlp):
    words = nlp.get_pipe("racegraph_relations").tables.words
    assert "impose" in words.imposing_verbs and "shipment" in words.trade_nouns


def test_a_blank_pipeline_loads_the_word_lists_from_a_users_file(tmp_path):
    own = tmp_path / "words.jsonl"
    own.write_text('{"name": "imposing_verbs", "words": ["decree"]}\n', encoding="utf-8")
    blank = spacy.blank("en")
    blank.add_pipe("racegraph_relations").initialize(nlp=blank, words=str(own))
    words = blank.get_pipe("racegraph_relations").tables.words
    assert (words.imposing_verbs, words.trade_nouns) == (frozenset({"decree"}), frozenset())
