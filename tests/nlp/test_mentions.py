"""`Entity.mentions`: every span that named an entity, as offsets into the article text."""

from __future__ import annotations

import pytest

from nlp import extract as extract_module
from nlp.records import Extraction, RelType

TEXT = (
    "Nvidia CEO Jensen Huang met Chinese Vice Premier He Lifeng in Beijing on Wednesday.\n\n"
    "Huang said NVIDIA would keep selling to China. Beijing welcomed the visit, and the "
    "Chinese president praised U.S. companies."
)


def surfaces(result: Extraction, text: str) -> dict[str, list[str]]:
    return {e.name: [text[m.start : m.end] for m in e.mentions] for e in result.entities}


def test_every_mention_is_a_surface_form_of_its_entity(run):
    result = run(TEXT, "2025-07-17")
    assert all(e.mentions for e in result.entities)
    for entity in result.entities:
        forms = {entity.name, *entity.aliases}
        assert {TEXT[m.start : m.end] for m in entity.mentions} <= forms


def test_mentions_cover_aliases_demonyms_surnames_and_titles(run):
    found = surfaces(run(TEXT, "2025-07-17"), TEXT)
    assert found["Jensen Huang"] == ["Jensen Huang", "Huang"]
    assert found["Nvidia"] == ["Nvidia", "NVIDIA"]
    assert found["China"] == ["Chinese", "China", "Beijing", "Chinese"]
    assert found["Xi Jinping"] == ["Chinese president"]
    assert found["Beijing"] == ["Beijing"]  # "in Beijing" is the city


def test_mentions_are_sorted_and_never_pronouns(run):
    text = "Xi Jinping met Joe Biden. He said China wanted stable ties, and he repeated it."
    result = run(text, "2023-11-16")
    xi = next(e for e in result.entities if e.name == "Xi Jinping")
    assert [(m.start, m.end) for m in xi.mentions] == [(0, 10)]
    for entity in result.entities:
        starts = [m.start for m in entity.mentions]
        assert starts == sorted(starts)


def test_surname_the_model_missed_is_a_mention(run):
    text = "U.S. Vice President JD Vance spoke in Paris.\n\nVance held talks with Emmanuel Macron later."
    vance = next(e for e in run(text, "2025-02-11").entities if e.name == "JD Vance")
    assert [text[m.start : m.end] for m in vance.mentions] == ["JD Vance", "Vance"]


def test_a_hyphenated_surname_the_model_cut_is_one_mention_of_the_person(run):
    text = (
        "Foreign Minister Beate Meinl-Reisinger opened the talks. On the margins, Meinl-Reisinger met Antony Blinken."
    )
    result = run(text, "2024-05-01")
    beate = next(e for e in result.entities if e.name == "Beate Meinl-Reisinger")
    assert [text[m.start : m.end] for m in beate.mentions] == ["Beate Meinl-Reisinger", "Meinl-Reisinger"]
    assert {(r.subject, r.object) for r in result.relations if r.type.value == "MET_WITH"} == {
        ("Beate Meinl-Reisinger", "Antony Blinken")
    }


def test_the_named_thing_of_a_relation_is_a_mention(run):
    text = "South Korea on Friday unveiled a national semiconductor strategy."
    strategy = next(e for e in run(text).entities if e.kind.value == "Policy")
    assert [text[m.start : m.end] for m in strategy.mentions] == ["national semiconductor strategy"]


def test_mention_offsets_point_into_the_original_text_of_a_chunked_article(run, monkeypatch):
    monkeypatch.setattr(extract_module, "CHUNK_CHARS", 200)
    filler = "Markets were calm and the weather mild across the region today.\n\n"
    text = filler * 5 + "Nvidia CEO Jensen Huang met Li Qiang in Beijing.\n\n" + filler * 3 + "Huang left.\n"
    result = run(text, "2025-07-17")
    huang = next(e for e in result.entities if e.name == "Jensen Huang")
    assert [text[m.start : m.end] for m in huang.mentions] == ["Jensen Huang", "Huang"]
    assert huang.mentions[0].start > 200 and huang.mentions[1].start > 400
    for entity in result.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] in {entity.name, *entity.aliases}


def test_a_common_noun_the_model_took_into_a_name_is_left_out(run):
    text = "Oliver Stanton, co-founder of London-based lab Meridian Intelligence, said so."
    names = {e.name for e in run(text).entities}
    assert "Meridian Intelligence" in names
    assert "lab Meridian Intelligence" not in names


def test_a_romanised_name_written_without_its_hyphen_is_the_same_person(run):
    names = {e.name for e in run("President Lee Jae Myung met Sam Altman in Seoul.", published="2025-10-01").entities}
    assert "Lee Jae-myung" in names


def test_a_name_the_model_stopped_before_its_capitalised_head_word_takes_it_in(run):
    relations = run("The Union Cabinet on Thursday approved the IndiaAI Mission with a large outlay.").relations
    assert ("Union Cabinet", "IndiaAI Mission") in {(r.subject, r.object) for r in relations}


def test_an_acronym_a_name_defines_in_brackets_names_it_where_it_recurs(run):
    text = "The African Development Bank (AfDB) will host the fund. AfDB Vice President Solomon Quaye said so."
    relations = run(text).relations
    assert ("Solomon Quaye", "African Development Bank") in {(r.subject, r.object) for r in relations}
    assert "AfDB" not in {e.name for e in run(text).entities}


def test_a_multilateral_bank_is_one_organisation_not_the_demonym_inside_its_name(run):
    names = {e.name: e.kind for e in run("The Inter-American Development Bank will lend more.").entities}
    assert names.get("Inter-American Development Bank") is not None
    assert "United States" not in names


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Tom Baker, chief executive of the Kenya Space Agency, signed the deal.", "Kenya Space Agency"),
        ("The Japan Fair Trade Commission fined the firm.", "Japan Fair Trade Commission"),
        ("The UK Competition and Markets Authority opened a probe.", "UK Competition and Markets Authority"),
    ],
)
def test_a_country_s_name_before_a_body_s_is_part_of_the_body_s_name(run, text, body):
    entities = {e.name: e.kind.value for e in run(text).entities}
    assert entities.get(body) == "Organization"
    assert not any(kind == "Person" and "Agency" in name for name, kind in entities.items())


def test_an_unlabelled_name_in_a_list_of_companies_is_a_company(run):
    text = (
        "Its investors include General Catalyst, Andreessen Horowitz, Lightspeed Venture Partners, "
        "Microsoft and Nvidia."
    )
    assert {e.name: e.kind.value for e in run(text).entities}.get("General Catalyst") == "Organization"


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Jane Roe, director of Viettel, spoke first.", "Viettel"),
        ("Paul Stone, the chief executive of Nimbus Cloud, said demand grew.", "Nimbus Cloud"),
    ],
)
def test_the_name_after_a_company_s_title_is_a_company_whatever_the_model_guessed(pairs, text, company):
    person = text.split(",")[0]
    assert pairs(text, RelType.AFFILIATED_WITH) == {(person, company)}


def test_a_place_that_only_qualifies_the_company_after_a_title_stays_a_place(run):
    text = "Ann Lee, a fellow at the Milan think tank ISPI, and Bo Chen, chief executive of Texas-based Lumo, spoke."
    kinds = {e.name: e.kind.value for e in run(text).entities}
    assert kinds.get("Milan") != "Organization" and kinds.get("Texas") != "Organization"


@pytest.mark.parametrize(
    ("text", "names", "not_names"),
    [
        ("He was briefed by Ann Roe, the company's Chief Business Officer.", {"Ann Roe"}, {"Business Officer"}),
        ("Chipmakers Piotech and Naura were added to the entity list.", {"Piotech"}, {"Chipmakers Piotech"}),
        ("Amitesh Kumar Sinha, who runs it, said 48 countries came.", {"Amitesh Kumar Sinha"}, {"Kumar Sinha"}),
        (
            "The Netherlands Organisation for Applied Scientific Research and the Dutch Ministry of Economic "
            "Affairs and Climate Policy signed it.",
            {
                "Netherlands Organisation for Applied Scientific Research",
                "Ministry of Economic Affairs and Climate Policy",
            },
            set(),
        ),
    ],
)
def test_a_name_starts_and_ends_where_the_name_does(run, text, names, not_names):
    found = {e.name for e in run(text).entities}
    assert names <= found and not not_names & found


def test_a_word_opening_a_sentence_is_no_first_name_of_the_name_after_it(run):
    assert "Dan Whitaker" in {e.name for e in run("Host Dan Whitaker is joined by Ann Lee.").entities}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Cassa Depositi e Prestiti unveiled a fund on Tuesday.", "Cassa Depositi e Prestiti", "Organization"),
        ("Banco do Brasil said it would lend to the project.", "Banco do Brasil", "Organization"),
        # a possessive that belongs to the name
        ("Opposition People's Party spokesperson Ester Munoz said no.", "People's Party", "Organization"),
    ],
)
def test_a_name_with_a_connector_or_a_possessive_of_its_own_is_one_name(run, text, name, kind):
    assert (name, kind) in {(e.name, e.kind.value) for e in run(text).entities}


def test_a_company_s_first_word_the_model_dropped_opening_a_sentence_is_kept_when_written_again(run):
    text = "Thinking Machines Lab, the startup, launched Loom on Tuesday. Nvidia owns a stake in Thinking Machines."
    names = {e.name for e in run(text).entities}
    assert "Thinking Machines Lab" in names and "Machines Lab" not in names
