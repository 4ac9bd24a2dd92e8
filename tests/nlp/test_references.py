"""References without a name: titles that name an office-holder, titles with a demonym, plural
references to a group named before, and signatories of a pact. When unsure, nothing is emitted."""

from __future__ import annotations

import pytest

from nlp.records import RelType


@pytest.mark.parametrize(
    ("text", "published", "person", "org"),
    [
        ("The Chinese president warned against decoupling.", "2024-06-05", "Xi Jinping", "China"),
        ("Nvidia's chief executive said demand was strong.", "2025-07-17", "Jensen Huang", "Nvidia"),
        ("The British prime minister flew to Delhi.", "2023-05-02", "Rishi Sunak", "United Kingdom"),
        ("The British prime minister flew to Delhi.", "2025-05-02", "Keir Starmer", "United Kingdom"),
    ],
)
def test_a_title_with_its_organisation_names_the_office_holder_on_the_publication_date(
    run, facts, text, published, person, org
):
    result = run(text, published)
    assert ("AFFILIATED_WITH", person, org) in facts(result)
    assert person in {e.name for e in result.entities if e.kind.value == "Person"}


@pytest.mark.parametrize(
    ("text", "published", "pair"),
    [
        ("Trump met Xi in Busan on Thursday.", "2025-10-31", {"Donald Trump", "Xi Jinping"}),
        ("Modi received Sam Altman in New Delhi.", "2025-02-19", {"Narendra Modi", "Sam Altman"}),
    ],
)
def test_a_surname_alone_names_the_one_office_holder_who_bears_it(run, text, published, pair):
    meetings = [r for r in run(text, published).relations if r.type is RelType.MET_WITH]
    assert [{r.subject, r.object} for r in meetings] == [pair]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Li Auto unveiled a new car on Monday.", "2025-06-18"),  # a longer name is someone else's
        ("Trump met Xi in Busan on Thursday.", "2022-06-18"),  # out of office on that day: no one to pick
    ],
)
def test_no_office_holder_from_a_surname_that_is_part_of_a_name_or_out_of_office(run, text, published):
    people = {e.name for e in run(text, published).entities if e.kind.value == "Person"}
    assert not people & {"Li Qiang", "Donald Trump"}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a definite noun refers back to the entity of its kind named before, never to its demonym
        (
            "Nvidia reported record sales. The chipmaker also unveiled the Blackwell Ultra GPU.",
            ("ANNOUNCED", "Nvidia", "Blackwell Ultra"),
        ),
        (
            "Cambricon makes AI processors. Washington put the Beijing-based company on the Entity List.",
            ("RESTRICTED", "United States", "Cambricon"),
        ),
        (
            "Samsung posted a profit drop. The South Korean company unveiled the Exynos 2600 chip.",
            ("ANNOUNCED", "Samsung Electronics", "Exynos 2600 chip"),
        ),
        (
            "China's Ministry of Commerce met reporters. The ministry announced export controls on gallium.",
            ("ANNOUNCED", "Ministry of Commerce", "export controls on gallium"),
        ),
        (
            "Regulators questioned DeepSeek over its data practices. Italy blocked the Chinese chatbot in January.",
            ("RESTRICTED", "Italy", "DeepSeek"),
        ),
        # "we" and "I" in reported speech are the speaker
        (
            '"We will restrict chip exports to China," the Dutch government said.',
            ("RESTRICTED", "Netherlands", "China"),
        ),
        (
            '"I met President Trump on Wednesday," Jensen Huang told reporters.',
            ("MET_WITH", "Jensen Huang", "Donald Trump"),
        ),
    ],
)
def test_a_reference_stands_for_the_one_entity_it_refers_to(run, facts, text, fact):
    found = {f for f in facts(run(text, "2025-06-18")) if f[0] == fact[0]}
    assert found == {fact}


def test_it_after_a_pact_is_the_pact_not_a_signatory_or_the_state_before(run, facts):
    text = "The EU published a code of practice. OpenAI and Mistral AI have already signed it."
    allied = {f for f in facts(run(text, "2025-06-18")) if f[0] == "ALLIED_WITH"}
    assert allied == {("ALLIED_WITH", "OpenAI", "code of practice"), ("ALLIED_WITH", "Mistral AI", "code of practice")}


def test_the_office_holder_stands_in_relations(run, facts):
    result = run("Donald Trump met the Chinese president in Busan on Thursday.", "2025-10-31")
    assert ("MET_WITH", "Donald Trump", "Xi Jinping") in facts(result)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("The Chinese president warned against decoupling.", "2010-06-05"),  # before the table's term
        ("A Chinese president once said so.", "2024-06-05"),  # no definite office
        ("The former Chinese president spoke.", "2024-06-05"),
        ("Jensen Huang, Nvidia's chief executive, spoke.", "2025-07-17"),  # named by the apposition
    ],
)
def test_no_office_holder_is_guessed_when_the_title_does_not_pick_one(run, text, published):
    people = {e.name for e in run(text, published).entities if e.kind.value == "Person"}
    assert people <= {"Jensen Huang"}


@pytest.mark.parametrize(
    ("text", "person", "country", "role"),
    [
        ("Japanese Trade Minister Yasutoshi Nishimura spoke.", "Yasutoshi Nishimura", "Japan", "Trade Minister"),
        ("Taiwan's Economy Minister J.W. Kuo spoke.", "J.W. Kuo", "Taiwan", "Economy Minister"),
        (
            "South Korean Industry Minister Ahn Duk-geun spoke.",
            "Ahn Duk-geun",
            "South Korea",
            "Industry Minister",
        ),
        (
            "Dutch Digital Affairs Minister Alexandra van Huffelen spoke.",
            "Alexandra van Huffelen",
            "Netherlands",
            "Digital Affairs Minister",
        ),
    ],
)
def test_a_title_the_tables_do_not_know_takes_the_country_of_its_demonym(run, text, person, country, role):
    rel = next(r for r in run(text).relations if r.type is RelType.AFFILIATED_WITH)
    assert (rel.subject, rel.object, rel.item) == (person, country, role)


def test_a_title_without_country_or_table_entry_gives_no_affiliation(run):
    result = run("Trade minister Piyush Goyal spoke to reporters.")
    assert not [r for r in result.relations if r.type is RelType.AFFILIATED_WITH]


def test_a_title_only_one_state_has_takes_that_state_when_the_story_names_it(run, facts):
    text = "The United States added Huawei to the list. Commerce Secretary Wilbur Ross said so."
    assert ("AFFILIATED_WITH", "Wilbur Ross", "United States") in facts(run(text, "2019-05-16"))
    alone = run("Commerce Secretary Wilbur Ross said so.", "2019-05-16")
    assert not alone.relations


def test_title_followed_by_a_portfolio_reaches_the_name(run):
    text = "Under Secretary of Commerce for industry and security Alan Estevez spoke."
    rel = next(r for r in run(text, "2024-12-03").relations if r.type is RelType.AFFILIATED_WITH)
    assert (rel.subject, rel.object, rel.item) == (
        "Alan Estevez",
        "United States",
        "Under Secretary of Commerce for industry and security",
    )


def test_the_two_countries_are_the_pair_named_just_before(run, facts):
    result = run("Germany and France met on Monday. The two countries signed the Aachen Treaty.")
    found = facts(result)
    assert ("ALLIED_WITH", "Germany", "Aachen Treaty") in found
    assert ("ALLIED_WITH", "France", "Aachen Treaty") in found


def test_the_three_leaders_are_the_host_and_guests(run, facts):
    text = (
        "President Joe Biden hosted Prime Minister Fumio Kishida and President Yoon Suk Yeol on Friday. "
        "The three leaders launched a trilateral framework on economic security."
    )
    found = facts(run(text, "2023-08-19"))
    for person in ("Joe Biden", "Fumio Kishida", "Yoon Suk Yeol"):
        assert ("ANNOUNCED", person, "trilateral framework on economic security") in found


def test_they_continues_a_plural_subject(run, facts):
    text = "India and Japan agreed on Monday to deepen ties, and they signed a declaration on chips."
    found = facts(run(text))
    pact = "declaration on chips"
    assert {("ALLIED_WITH", "India", pact), ("ALLIED_WITH", "Japan", pact)} <= found


@pytest.mark.parametrize(
    "text",
    [
        "The two countries signed the Aachen Treaty.",  # nothing named before
        "Germany and France met on Monday. The three countries signed the Aachen Treaty.",  # wrong size
        "Germany met officials. They signed the Aachen Treaty.",  # no plural subject before
    ],
)
def test_plural_references_without_a_fitting_group_give_nothing(run, text):
    assert not [r for r in run(text).relations if r.type is RelType.ALLIED_WITH]


def test_each_named_signatory_allies_with_the_pact(run, facts):
    text = "The US, China and 26 other nations agreed to the Bletchley Declaration on Wednesday."
    found = facts(run(text, "2023-11-01"))
    pact = "Bletchley Declaration"
    assert {("ALLIED_WITH", "United States", pact), ("ALLIED_WITH", "China", pact)} <= found


def test_signatories_and_endorsers_of_a_pact_named_earlier(run, facts):
    text = (
        "Leaders gathered in Seoul to discuss a declaration on AI safety. About 30 countries, including "
        "Canada and Kenya, endorsed it.\n\nIndia and Brazil were among the signatories, as was the EU."
    )
    found = facts(run(text, "2024-05-22"))
    pact = "declaration on AI safety"
    for signatory in ("Canada", "Kenya", "India", "Brazil", "European Union"):
        assert ("ALLIED_WITH", signatory, pact) in found


@pytest.mark.parametrize(
    "text",
    [
        "The United States and Britain declined to sign the declaration.",
        "The Netherlands did not sign the declaration.",
        "Britain said it would only sign initiatives that were in the national interest.",
    ],
)
def test_refusals_and_generic_objects_give_no_signatory(run, text):
    assert not [r for r in run(text).relations if r.type is RelType.ALLIED_WITH]


@pytest.mark.parametrize(
    "between",
    ["The company is headquartered in Paris.", "It is headquartered in Paris, with offices in Oslo and Lima."],
)
def test_its_continues_what_the_sentence_before_referred_to(pairs, between):
    text = f"Lumo Labs develops models. {between} Its investors include Microsoft and Nvidia."
    assert pairs(text, RelType.ALLIED_WITH) == {("Microsoft", "Lumo Labs"), ("Nvidia", "Lumo Labs")}


def test_he_in_a_clause_of_a_sentence_is_its_main_subject_not_a_subject_inside_it(pairs):
    text = (
        "Sam Altman, on his first trip since Lee Jae-myung took office, was received in Seoul, "
        "where he also sat down with Chey Tae-won."
    )
    assert ("Sam Altman", "Chey Tae-won") in pairs(text, RelType.MET_WITH, "2025-10-02")
    assert ("Lee Jae-myung", "Chey Tae-won") not in pairs(text, RelType.MET_WITH, "2025-10-02")


@pytest.mark.parametrize(
    "named",
    [
        "South Africa's communications minister, Lindiwe Mokoena,",
        "Lindiwe Mokoena, South Africa's communications minister,",
    ],
)
def test_a_minister_set_off_by_commas_and_her_department_stand_for_her_country(pairs, named):
    text = f"{named} welcomed the plan. Mokoena's department published a draft national AI policy last year."
    assert pairs(text, RelType.AFFILIATED_WITH, "2025-03-27") == {("Lindiwe Mokoena", "South Africa")}
    assert ("South Africa", "draft national AI policy") in pairs(text, RelType.ANNOUNCED, "2025-03-27")


def test_the_two_governments_after_a_sentence_the_parser_lost_are_its_two_leaders_states(pairs):
    text = (
        "President Lee Jae-myung hosted Crown Prince Mohammed bin Salman in Seoul on Monday. The two governments"
        " signed a memorandum of understanding on artificial intelligence."
    )
    assert ("South Korea", "Saudi Arabia") in pairs(text, RelType.ALLIED_WITH, "2026-04-21")


def test_the_delegation_named_before_is_its_leader(pairs):
    text = (
        "The visit was made by a delegation of 30 Taiwanese chip companies, led by Taiwan's Minister of Economic"
        " Affairs Kung Ming-hsin. The delegation met on Wednesday with Industry Minister Karel Havlicek."
    )
    assert pairs(text, RelType.MET_WITH, "2026-04-09") == {("Kung Ming-hsin", "Karel Havlicek")}
