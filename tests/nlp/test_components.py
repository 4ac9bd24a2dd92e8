"""Component-level tests on `spacy.blank("en")`: lexicon matching, serialisation, dates."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Span

from nlp.components.dates import DATES_ATTR
from nlp.components.gazetteer import TITLE_ATTR
from nlp.components.resolve import ENTITIES_ATTR, PUBLISHED_ATTR
from nlp.extract import extract
from nlp.pipeline import config_path, load_pipeline
from nlp.records import ArticleIn


@pytest.fixture()
def blank_gazetteer() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("racegraph_gazetteer").initialize(nlp=nlp)
    return nlp


def ents(doc: spacy.tokens.Doc) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.kb_id_) for e in doc.ents]


def test_gazetteer_short_forms_map_to_our_canonical_countries(blank_gazetteer):
    doc = blank_gazetteer("The UK and Niger talked to the U.S. and the PRC.")
    assert ("UK", "Country", "United Kingdom") in ents(doc)
    assert ("Niger", "Country", "Niger") in ents(doc)
    assert ("U.S.", "Country", "United States") in ents(doc)
    assert ("PRC", "Country", "China") in ents(doc)


def test_gazetteer_knows_demonyms_blocs_and_companies(blank_gazetteer):
    doc = blank_gazetteer("Dutch officials said NVIDIA and SK Hynix briefed the Quad and BRICS.")
    found = ents(doc)
    assert ("Dutch", "Country", "Netherlands") in found
    assert ("NVIDIA", "Organization", "Nvidia") in found
    assert ("SK Hynix", "Organization", "SK Hynix") in found
    assert ("Quad", "Alliance", "Quad") in found
    assert ("BRICS", "Alliance", "BRICS") in found


def test_a_cloud_unit_with_a_page_of_its_own_is_not_its_parent(blank_gazetteer):
    # the guideline names entities as English Wikipedia does: AWS and Alibaba Cloud have their own pages
    found = ents(blank_gazetteer("AWS, Amazon, Alibaba Cloud and Alibaba bid."))
    assert {name for _, _, name in found} == {"Amazon Web Services", "Amazon", "Alibaba Cloud", "Alibaba Group"}


def test_gazetteer_records_titles(blank_gazetteer):
    doc = blank_gazetteer("Vice Premier Ding spoke.")
    assert doc._.get(TITLE_ATTR) == [[0, 2, "state"]]


def test_gazetteer_round_trips_through_disk(blank_gazetteer, tmp_path):
    blank_gazetteer.to_disk(tmp_path / "pipe")
    reloaded = spacy.load(tmp_path / "pipe")
    text = "Samsung and the EU met in Brussels."
    assert ents(reloaded(text)) == ents(blank_gazetteer(text))
    assert ("Samsung", "Organization", "Samsung Electronics") in ents(reloaded(text))


def test_resolver_links_surnames_and_strips_suffixes():
    nlp = spacy.blank("en")
    nlp.add_pipe("racegraph_gazetteer").initialize(nlp=nlp)
    resolver = nlp.add_pipe("racegraph_resolver")
    resolver.initialize(nlp=nlp)
    doc = nlp.make_doc("Mr Tamsin Okoro joined Quillon Robotics Inc. and Okoro said so.")
    doc.ents = [
        Span(doc, 0, 3, label="PERSON"),
        Span(doc, 4, 7, label="ORG"),
        Span(doc, 9, 10, label="PERSON"),
    ]
    doc = nlp.get_pipe("racegraph_gazetteer")(doc)
    doc = resolver(doc)
    names = {(e["kind"], e["name"]) for e in doc._.get(ENTITIES_ATTR)}
    assert names == {("Person", "Tamsin Okoro"), ("Organization", "Quillon Robotics")}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Saturday", "2025-07-26", "2025-07-26"),  # a Saturday: same day
        ("Thursday", "2025-07-26", "2025-07-24"),
        ("yesterday", "2025-03-26", "2025-03-25"),
        ("earlier this month", "2025-07-26", "2025-07"),
        ("days earlier", "2025-07-26", "2025-07"),
        ("last year", "2023-11-15", "2022"),
        ("August last year", "2023-11-15", "2022-08"),
        ("last October", "2023-08-28", "2022-10"),  # the latest October before the story
        ("last December, days", "2025-09-16", "2024-12"),  # the model glued "days after ..." on
        ("last March", "2023-08-28", "2023-03"),
        ("next March", "2023-08-28", "2024-03"),
        ("Since 2022", "2025-07-26", "2022"),
        ("October", "2023-01-29", "2022-10"),
        ("Sept. 15, 2021", "2024-04-09", "2021-09-15"),
        ("Dec. 2", "2024-12-03", "2024-12-02"),
        ("three-month", "2025-07-26", None),
        ("about six months", "2025-07-26", None),
        ("2500", "2024-05-01", None),  # a model number the small model called a date ("Exynos 2500")
    ],
)
def test_dates_resolve_against_publication(text, published, expected):
    nlp = spacy.blank("en")
    nlp.add_pipe("racegraph_dates").initialize(nlp=nlp)
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, 0, len(doc), label="DATE")]
    doc._.set(PUBLISHED_ATTR, date.fromisoformat(published).isoformat())
    doc = nlp.get_pipe("racegraph_dates")(doc)
    assert doc._.get(DATES_ATTR) == [[0, len(doc), expected]]


def test_dates_without_publication_keep_only_absolute_values():
    nlp = spacy.blank("en")
    nlp.add_pipe("racegraph_dates").initialize(nlp=nlp)
    doc = nlp.make_doc("Tuesday or March 3, 2024")
    doc.ents = [Span(doc, 0, 1, label="DATE"), Span(doc, 2, 6, label="DATE")]
    doc = nlp.get_pipe("racegraph_dates")(doc)
    assert doc._.get(DATES_ATTR) == [[0, 1, None], [2, 6, "2024-03-03"]]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Electronics and IT Minister Ashwini Vaishnaw spoke.", "Electronics and IT Minister"),
        ("Dutch Trade Minister Liesje Schreinemacher spoke.", "Trade Minister"),
        ("The Minister for Trade and Industry Gan Kim Yong spoke.", "Minister for Trade and Industry"),
    ],
)
def test_gazetteer_recognises_titles_its_lexicon_does_not_list(text, title):
    nlp = spacy.blank("en")
    nlp.add_pipe("racegraph_gazetteer").initialize(nlp=nlp)
    doc = nlp.make_doc(text)
    names = {"Ashwini", "Liesje", "Gan"}
    start = next(t.i for t in doc if t.text in names)
    doc.ents = [Span(doc, start, len(doc) - 2, label="PERSON")]
    doc = nlp.get_pipe("racegraph_gazetteer")(doc)
    titles = [doc[s:e].text for s, e, _ in doc._.get(TITLE_ATTR)]
    assert title in titles


def test_gazetteer_heads_unlisted_titles_with_the_office_words_of_its_file(tmp_path):
    own = tmp_path / "office_heads.jsonl"
    own.write_text('{"word": "Steward"}\n')
    nlp = spacy.blank("en")
    nlp.add_pipe("racegraph_gazetteer").initialize(nlp=nlp, office_heads=str(own))
    nlp.to_disk(tmp_path / "pipe")
    text = "Harbour Steward Tamsin Okoro met Harbour Minister Emil Venden."
    for pipeline in (nlp, spacy.load(tmp_path / "pipe")):
        doc = pipeline(text)
        # "Minister" is a title of titles.jsonl, but heads no "Harbour Minister" without the shipped words
        assert [doc[s:e].text for s, e, _ in doc._.get(TITLE_ATTR)] == ["Harbour Steward", "Minister"]


def test_resolver_reads_its_words_from_the_configured_file(tmp_path):
    own = tmp_path / "words.jsonl"
    own.write_text('{"word": "regime", "role": "government"}\n')
    nlp = spacy.blank("en")
    nlp.add_pipe("racegraph_gazetteer").initialize(nlp=nlp)
    nlp.add_pipe("racegraph_resolver").initialize(nlp=nlp, words=str(own))
    kinds = {}
    for text in ("The Biden regime acted.", "The Biden administration acted."):
        doc = nlp.make_doc(text)
        doc.ents = [Span(doc, 1, 2, label="PERSON")]
        doc = nlp.get_pipe("racegraph_resolver")(nlp.get_pipe("racegraph_gazetteer")(doc))
        kinds[text] = [(e["kind"], e["name"]) for e in doc._.get(ENTITIES_ATTR)]
    assert kinds["The Biden regime acted."] == [("Country", "United States")]
    assert kinds["The Biden administration acted."] == [("Person", "Biden")]  # a word of the shipped file only


@pytest.mark.parametrize(
    ("text", "first_sentence"),
    [
        ("WASHINGTON — The administration acted.", "WASHINGTON —"),
        ("BRUSSELS (Reuters) - The G7 will agree.", "BRUSSELS (Reuters) -"),
        ("(Bloomberg) -- The US agreed.", "(Bloomberg) --"),
        ("OSLO and LIMA, May 2, 2025 /PRNewswire/ -- Norvik AI agreed.", "OSLO and LIMA, May 2, 2025 /PRNewswire/ --"),
        ("Chips and tools - the US and Japan agreed.", "Chips and tools - the US and Japan agreed."),
        ("The state-run firm — like others — agreed.", "The state-run firm — like others — agreed."),
        ("Prague, April 9 (news desk) – The agency acted.", "Prague, April 9 (news desk) –"),
        # a hyphen inside a name closes no dateline
        ("President Lee Jae-myung hosted the talks.", "President Lee Jae-myung hosted the talks."),
    ],
)
def test_a_dateline_ends_the_first_sentence(text, first_sentence):
    nlp = spacy.blank("en")
    nlp.add_pipe("racegraph_paragraphs")
    nlp.add_pipe("sentencizer")  # stands in for the parser, which keeps preset starts
    doc = nlp(text)
    assert next(doc.sents).text == first_sentence


def test_an_abbreviation_of_the_lexicon_ends_no_sentence_before_a_capitalised_word(tmp_path):
    own = tmp_path / "abbreviations.jsonl"
    own.write_text('{"text": "Bros."}\n')
    text = "Warner Bros. Discovery and Quillon Corp. Chairman Okoro"
    shipped, users = spacy.blank("en"), spacy.blank("en")
    shipped.add_pipe("racegraph_paragraphs").initialize(nlp=shipped)
    users.add_pipe("racegraph_paragraphs").initialize(nlp=users, abbreviations=str(own))
    users.to_disk(tmp_path / "pipe")
    reloaded = spacy.load(tmp_path / "pipe")
    assert [t.is_sent_start for t in shipped(text)][2:7] == [None, None, None, None, False]
    assert [t.is_sent_start for t in users(text)][2:7] == [False, None, None, None, None]
    assert [t.is_sent_start for t in reloaded(text)] == [t.is_sent_start for t in users(text)]


@pytest.mark.parametrize(
    ("published", "people"),
    [("2019-06-01", ["Donald Trump"]), ("2022-06-01", ["Joe Biden"]), ("2025-06-01", ["Donald Trump"]), (None, [])],
)
def test_resolver_links_a_title_to_the_office_holder_of_the_day(published, people):
    nlp = spacy.blank("en")
    nlp.add_pipe("racegraph_gazetteer").initialize(nlp=nlp)
    resolver = nlp.add_pipe("racegraph_resolver")
    resolver.initialize(nlp=nlp)
    doc = nlp.make_doc("The US president spoke.")
    doc._.set(PUBLISHED_ATTR, published)
    doc = resolver(nlp.get_pipe("racegraph_gazetteer")(doc))
    assert [e["name"] for e in doc._.get(ENTITIES_ATTR) if e["kind"] == "Person"] == people


def test_whole_pipeline_round_trips_through_disk(nlp, tmp_path):
    text = "The Chinese president met Nvidia CEO Jensen Huang in Beijing. The two men talked."
    article = ArticleIn(id="t", text=text, published=date(2025, 7, 17))
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert extract(reloaded, article).model_dump() == extract(nlp, article).model_dump()
    assert ("MET_WITH", "Xi Jinping") in {(r.type.value, r.subject) for r in extract(nlp, article).relations}


def test_the_resolver_knows_the_entities_of_a_gazetteer_loaded_from_the_users_files(tmp_path):
    own = tmp_path / "organizations.jsonl"
    own.write_text(
        '{"name": "Quillon Robotics", "kind": "Organization", "aliases": ["Quillon"],'
        ' "properties": {"type": "company", "country": "NZ"}}\n'
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("racegraph_gazetteer").initialize(nlp=nlp, organizations=str(own))
    resolver = nlp.add_pipe("racegraph_resolver")
    resolver.initialize(nlp=nlp)
    assert resolver.record("Organization", "Quillon Robotics") == {
        "name": "Quillon Robotics", "kind": "Organization", "properties": {"type": "company", "country": "NZ"},
    }
    assert resolver.record("Organization", "Nvidia") is None  # the shipped file was not read


def test_a_pipeline_configured_with_the_users_gazetteer_resolves_a_name_only_that_file_has(tmp_path):
    own = tmp_path / "organizations.jsonl"
    own.write_text(
        '{"name": "Quillon Robotics", "kind": "Organization", "aliases": ["Quillon"],'
        ' "properties": {"type": "company", "country": "NZ"}}\n'
    )
    config = tmp_path / "config.cfg"
    shipped = config_path().read_text(encoding="utf-8")
    config.write_text(shipped.replace('organizations = ""', f'organizations = "{own}"', 1), encoding="utf-8")
    article = ArticleIn(id="t", text="Quillon said on Monday that it would open a lab.", published=date(2025, 7, 17))
    entities = {(e.kind.value, e.name): e for e in extract(load_pipeline(config=config), article).entities}
    quillon = entities[("Organization", "Quillon Robotics")]
    assert quillon.properties == {"type": "company", "country": "NZ"}  # the record of the user's file
    assert quillon.aliases == ["Quillon"]


def test_the_resolver_finds_the_gazetteer_whatever_the_pipe_is_called(tmp_path):
    own = tmp_path / "organizations.jsonl"
    own.write_text('{"name": "Quillon Robotics", "kind": "Organization", "properties": {"country": "NZ"}}\n')
    nlp = spacy.blank("en")
    nlp.add_pipe("racegraph_gazetteer", name="own_gazetteer").initialize(nlp=nlp, organizations=str(own))
    resolver = nlp.add_pipe("racegraph_resolver")
    resolver.initialize(nlp=nlp)
    assert resolver.record("Organization", "Quillon Robotics") == {
        "name": "Quillon Robotics", "kind": "Organization", "properties": {"country": "NZ"},
    }


def test_a_component_error_goes_to_the_pipelines_error_handler(nlp):
    seen: list[tuple[str, str]] = []
    dates = nlp.get_pipe("racegraph_dates")
    original = dates.get_error_handler()
    dates.set_error_handler(lambda name, pipe, docs, exc: seen.append((name, type(exc).__name__)) or docs[0])
    try:
        doc = nlp.make_doc("Talks on Monday.")
        doc._.set(PUBLISHED_ATTR, "not a date")  # fromisoformat raises inside the component
        assert dates(doc) is doc
    finally:
        dates.set_error_handler(original)
    assert seen == [("racegraph_dates", "ValueError")]
