"""Kinds of phrasing news uses for each relation without the classic trigger verbs, on sentences
written for these tests: member lists, stopped trade, orders to stop dealing, meetings named by
other nouns and verbs."""

from __future__ import annotations

import pytest

from nlp.records import RelType


@pytest.mark.parametrize(
    "text",
    [
        "Twenty states signed the Lisbon Declaration on Open AI on Tuesday. Its signatories include Kenya, Chile"
        " and Norway.",
        "Ministers agreed the Lisbon Declaration on Open AI on Tuesday. The declaration was backed by Kenya, Chile"
        " and Norway.",
        "Ministers agreed the Lisbon Declaration on Open AI on Tuesday. It was co-sponsored by 40 countries,"
        " including Kenya, Chile and Norway.",
    ],
)
def test_each_listed_member_backer_or_cosponsor_allies_with_the_pact(pairs, text):
    allied = pairs(text, RelType.ALLIED_WITH, "2025-05-10")
    assert {s for s, o in allied if "Lisbon Declaration" in o} == {"Kenya", "Chile", "Norway"}


def test_a_blocs_members_include_each_listed_state(run, facts):
    text = "The Quad's members include the United States, Japan, India and Australia."
    members = {s for t, s, o in facts(run(text)) if t == "ALLIED_WITH" and o == "Quad"}
    assert members == {"United States", "Japan", "India", "Australia"}


def test_sponsoring_a_resolution_proposes_it_and_cosponsoring_backs_it(run):
    text = "Brazil sponsored a resolution on AI safety, and Ghana co-sponsored it."
    found = {(r.type, r.subject) for r in run(text, "2025-05-10").relations}
    assert (RelType.ANNOUNCED, "Brazil") in found
    assert (RelType.ANNOUNCED, "Ghana") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TSMC halted shipments to Huawei after the discovery.", {("TSMC", "Huawei")}),
        ("Both Nvidia and AMD suspended sales to Russia in March.", {("Nvidia", "Russia"), ("AMD", "Russia")}),
        ("The US-sanctioned chipmaker SMIC reported higher sales.", {("United States", "SMIC")}),
        ("Germany ordered DeepSeek removed from app stores.", {("Germany", "DeepSeek")}),
        (
            "China's cyberspace regulator told operators to stop buying equipment from Micron.",
            {("China", "Micron")},
        ),
        (
            "The restrictions now extend to Huawei and ZTE, the Commerce Department said.",
            {("United States Department of Commerce", "Huawei"), ("United States Department of Commerce", "ZTE")},
        ),
    ],
)
def test_restrictions_without_the_classic_verbs(pairs, text, expected):
    found = pairs(text, RelType.RESTRICTED, "2025-05-10")
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "TSMC resumed shipments to Huawei after the review.",
        "Nvidia halted production of the chip in March.",
        "Germany did not order DeepSeek removed from app stores.",
    ],
)
def test_resumed_trade_other_halts_and_denied_orders_restrict_nothing(run, text):
    assert not [r for r in run(text, "2025-05-10").relations if r.type is RelType.RESTRICTED]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Canada on Friday adopted a fourth package of sanctions against Belarus.", {("Canada", "Belarus")}),
        ("Japan imposed a new round of export controls on Russia.", {("Japan", "Russia")}),
        ("Britain lifted a package of sanctions on Belarus.", set()),
        ("A package of reforms to the tax code passed.", set()),
    ],
)
def test_a_batch_of_measures_restricts_as_the_measures_would(pairs, text, expected):
    assert pairs(text, RelType.RESTRICTED, "2025-05-10") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DeepSeek has been banned in Italy since January.", {("Italy", "DeepSeek")}),
        ("TikTok was blocked in India in 2020.", {("India", "TikTok")}),
    ],
)
def test_banned_in_a_country_is_restricted_by_it(pairs, text, expected):
    assert pairs(text, RelType.RESTRICTED, "2025-05-10") == expected


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("President Emmanuel Macron had a phone conversation with Prime Minister Narendra Modi.",
         ("Emmanuel Macron", "Narendra Modi")),
        ("President William Ruto held discussions with Speaker Mike Johnson.", ("William Ruto", "Mike Johnson")),
        ("President Joe Biden welcomed President William Ruto to the White House.", ("Joe Biden", "William Ruto")),
        ("Sam Altman sat down with Prime Minister Keir Starmer to discuss AI safety.", ("Sam Altman", "Keir Starmer")),
        ("Jensen Huang attended a dinner with President Yoon Suk Yeol in Seoul.", ("Jensen Huang", "Yoon Suk Yeol")),
        ("Secretary Antony Blinken and Minister Yoko Kamikawa co-chaired a session of the dialogue.",
         ("Antony Blinken", "Yoko Kamikawa")),
        ("Canada and Mexico exchanged views in talks on trade.", ("Canada", "Mexico")),
        ("Xi Jinping held a rare meeting on Monday with Alibaba founder Jack Ma.", ("Xi Jinping", "Jack Ma")),
    ],
)
def test_meetings_named_by_other_nouns_and_verbs(run, text, pair):
    meetings = {frozenset((r.subject, r.object)) for r in run(text, "2025-05-10").relations
                if r.type is RelType.MET_WITH}
    assert frozenset(pair) in meetings


def test_welcoming_a_decision_is_no_meeting(run):
    text = "President Joe Biden welcomed the decision by Japan on Thursday."
    assert not [r for r in run(text, "2025-05-10").relations if r.type is RelType.MET_WITH]


@pytest.mark.parametrize(
    ("text", "person", "org"),
    [
        ("China's ambassador to the UN, Fu Cong, rejected the claim.", "Fu Cong", "China"),
        ("Indian Foreign Minister Subrahmanyam Jaishankar met his Chinese counterpart Wang Yi.", "Wang Yi", "China"),
        ("UK PM Keir Starmer launched the plan.", "Keir Starmer", "United Kingdom"),
        ("John Smith, deputy research director at Gavekal Dragonomics, said the curbs would bite.",
         "John Smith", "Gavekal Dragonomics"),
        ("White House Science and Technology Advisor Michael Kratsios spoke on Monday.",
         "Michael Kratsios", "White House"),
        ("President Joe Biden's Chief of Staff Jeff Zients attended the meeting.", "Jeff Zients", "United States"),
        # the post's field before its employer; a participle that qualifies the title
        ("Rahul Mehta, head of research at Kestrel Capital, said the deal was priced well.",
         "Rahul Mehta", "Kestrel Capital"),
        ("The KRI opened in Lyon. Anne Roux, the KRI's founding director, said so.",
         "Anne Roux", "KRI"),
    ],
)
def test_affiliations_from_titles_with_phrases_qualifiers_and_possessors(run, facts, text, person, org):
    assert ("AFFILIATED_WITH", person, org) in facts(run(text, "2024-05-10"))


@pytest.mark.parametrize(
    ("text", "actor", "thing"),
    [
        ("TSMC will invest $100 billion in Arizona.", "TSMC", "$100 billion investment in Arizona"),
        ("Microsoft pledged to invest $80 billion in data centres.", "Microsoft",
         "$80 billion investment in data centres"),
        ("Samsung opened its first chip plant in Texas on Monday.", "Samsung Electronics", "chip plant in Texas"),
        ("Nvidia will establish an AI factory network in Japan.", "Nvidia", "AI factory network"),
        ("Huawei revealed its Ascend 910C chip on Tuesday.", "Huawei", "Ascend 910C"),
        ("The United States and the EU announced a new forum to coordinate on minerals trade.", "United States",
         "forum to coordinate on minerals trade"),
        ("Huawei's Ascend 910B, released in 2022, is not sold abroad.", "Huawei", "Ascend 910B"),
    ],
)
def test_announcements_of_pledges_openings_purposes_and_participles(pairs, text, actor, thing):
    announced = pairs(text, RelType.ANNOUNCED, "2025-03-04")
    assert (actor, thing) in announced


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft, which has invested $13 billion in OpenAI since 2019, stayed a partner.",
        "Analysts took the device apart, revealing the TSMC chip inside.",
    ],
)
def test_a_stake_already_taken_or_a_chip_found_is_no_announcement(run, text):
    assert not [r for r in run(text, "2025-03-04").relations if r.type is RelType.ANNOUNCED]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Microsoft and OpenAI announced a partnership to build new data centres.", ("Microsoft", "OpenAI")),
        ("SoftBank took a minority stake in Arm last year.", ("SoftBank", "Arm")),
        ("Japan is an important US ally in the region.", ("Japan", "United States")),
        ("The US-UK deal covers AI safety research.", ("United States", "United Kingdom")),
        ("OpenAI and SoftBank are joining forces in a joint venture.", ("OpenAI", "SoftBank")),
        ("The Netherlands joined the US-led effort to curb chip exports.", ("Netherlands", "United States")),
    ],
)
def test_partnerships_named_by_stakes_forces_hyphens_and_leaders(run, text, pair):
    allied = {frozenset((r.subject, r.object)) for r in run(text, "2025-02-03").relations
              if r.type is RelType.ALLIED_WITH}
    assert frozenset(pair) in allied


def test_a_partner_company_with_a_national_adjective_is_no_alliance_with_that_state(run):
    text = "Nvidia's Japanese partner SoftBank will build the supercomputer."
    allied = {frozenset((r.subject, r.object)) for r in run(text).relations if r.type is RelType.ALLIED_WITH}
    assert frozenset(("SoftBank", "Japan")) not in allied


def test_each_country_listed_as_issuing_a_joint_statement_backs_it(run):
    text = "Dozens of countries, including Brazil and Kenya, issued a joint statement on AI safety."
    allied = {r.subject for r in run(text).relations if r.type is RelType.ALLIED_WITH}
    assert allied == {"Brazil", "Kenya"}


def test_a_blocs_own_joint_declaration_is_only_announced(run):
    text = "Leaders of the G20 adopted a joint declaration at their summit."
    found = {(r.type, r.subject) for r in run(text).relations}
    assert (RelType.ANNOUNCED, "G20") in found and (RelType.ALLIED_WITH, "G20") not in found


def test_representatives_from_listed_countries_sign_for_them(run):
    text = (
        "Ministers agreed the Lisbon Declaration on Open AI. The declaration, signed by representatives from 40"
        " countries, including Chile, takes effect in May."
    )
    assert ("ALLIED_WITH", "Chile") in {(r.type.value, r.subject) for r in run(text).relations}


@pytest.mark.parametrize(
    ("text", "restrictor", "target"),
    [
        ("China added 27 American companies to its export control and unreliable entity lists.", "China",
         "United States"),
        ("China announced 34% tariffs on U.S. imports.", "China", "United States"),
        ("The efforts by the United States to limit China's chip industry have failed.", "United States", "China"),
        ("China added Skydio to its unreliable entity list on Friday. Huawei was blacklisted too.", "China", "Huawei"),
        ("TSMC suspended shipments to Sophgo after the discovery.", "TSMC", "Sophgo"),
    ],
)
def test_restrictions_of_demonym_groups_goods_efforts_and_passives_after_a_restrictor(pairs, text, restrictor, target):
    found = pairs(text, RelType.RESTRICTED, "2025-04-04")
    assert (restrictor, target) in found


def test_a_passive_restriction_with_no_restrictor_in_the_story_gives_nothing(run):
    assert not run("BRINC was blacklisted on Friday.", "2025-04-04").relations


@pytest.mark.parametrize(
    "text",
    [
        "Washington revoked Huawei's licences to buy chips from Intel.",
        "The US cancelled export licences for Huawei last year.",
        "The Commerce Department revoked licences that let Intel sell chips to Huawei.",
    ],
)
def test_a_withdrawn_licence_restricts_its_holder_or_buyer(run, text):
    targets = {r.object for r in run(text).relations if r.type is RelType.RESTRICTED}
    assert targets == {"Huawei"}


def test_a_cancelled_meeting_restricts_nobody(run):
    assert not run("The US cancelled its meeting with Huawei.").relations


def test_a_name_opening_a_clause_after_a_title_and_comma_is_not_that_title(run, facts):
    text = "During the meeting with the Chinese commerce minister, Gina Raimondo stressed that controls are narrow."
    assert ("AFFILIATED_WITH", "Gina Raimondo", "China") not in facts(run(text, "2023-08-28"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Beijing responded by banning exports of gallium and germanium to the United States.",
         ("RESTRICTED", "China", "United States")),
        ("China's commerce ministry placed Zorvex on its unreliable entity list.",
         ("RESTRICTED", "Ministry of Commerce of the People's Republic of China", "Zorvex")),
        ("South Korea passed the AI Basic Act in December.", ("ANNOUNCED", "South Korea", "AI Basic Act")),
        ("Microsoft said it would spend $80 billion on AI data centres in fiscal 2025.",
         ("ANNOUNCED", "Microsoft", "$80 billion investment on AI data centres")),
        ("Britain and France agreed to deepen cooperation on artificial intelligence.",
         ("ALLIED_WITH", "United Kingdom", "France")),
    ],
)
def test_bans_on_listed_goods_unknown_names_laws_spending_and_deeper_cooperation(run, facts, text, expected):
    assert expected in facts(run(text, "2025-01-10"))


def test_passing_a_test_or_spending_past_money_announces_nothing(run):
    text = "Nvidia's chip passed the test, and Microsoft spent $10 billion on data centres last year."
    assert not [r for r in run(text).relations if r.type is RelType.ANNOUNCED]


@pytest.mark.parametrize(
    ("text", "person", "org"),
    [
        ("Kazuo Ueda, governor of the Bank of Japan, said rates would rise.", "Kazuo Ueda", "Japan"),
        ("Gregory Allen, director of the Wadhwani AI Center at CSIS, said the controls would bite.",
         "Gregory Allen", "Wadhwani AI Center"),
    ],
)
def test_a_title_of_a_name_the_model_cut_short_or_ran_on(run, facts, text, person, org):
    assert ("AFFILIATED_WITH", person, org) in facts(run(text))


def test_the_two_sides_after_two_leaders_met_are_their_countries(run):
    text = (
        "Indian Prime Minister Narendra Modi hosted French President Emmanuel Macron in New Delhi. During the"
        " visit, the two sides signed agreements on AI and nuclear energy."
    )
    allied = {frozenset((r.subject, r.object)) for r in run(text).relations if r.type is RelType.ALLIED_WITH}
    assert allied == {frozenset(("India", "France"))}


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("The Netherlands announced new export restrictions on ASML's most advanced machines.", set()),
        ("Washington imposed new restrictions on Chinese chips.", {"China"}),
    ],
)
def test_restricted_goods_name_their_country_not_their_maker(run, text, targets):
    assert {r.object for r in run(text).relations if r.type is RelType.RESTRICTED} == targets


def test_the_leaders_of_a_blocs_nations_set_off_by_dashes_are_its_members(run, facts):
    text = "The leaders of the G7 nations - the United States, Japan, Germany and Canada - met in Hiroshima."
    members = {s for t, s, o in facts(run(text)) if t == "ALLIED_WITH" and o == "G7"}
    assert members == {"United States", "Japan", "Germany", "Canada"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The summit began with the announcement of a new AI institute by Britain.",
         ("ANNOUNCED", "United Kingdom", "AI institute")),
        ("At the summit in Nairobi, President William Ruto of Kenya welcomed the investment.",
         ("AFFILIATED_WITH", "William Ruto", "Kenya")),
        ("Joe Biden met President William Ruto, who leads Kenya, at the White House.",
         ("AFFILIATED_WITH", "William Ruto", "Kenya")),
    ],
)
def test_actors_after_the_thing_and_countries_after_or_led_by_a_person(run, facts, text, expected):
    assert expected in facts(run(text, "2024-05-23"))


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("ASML has become the biggest investor in Mistral AI.", ("ASML", "Mistral AI")),
        ("SoftBank is a major shareholder of Arm.", ("SoftBank", "Arm")),
    ],
)
def test_a_stakeholder_allies_with_the_company_it_holds(run, text, pair):
    allied = {frozenset((r.subject, r.object)) for r in run(text).relations if r.type is RelType.ALLIED_WITH}
    assert allied == {frozenset(pair)}


def test_a_percentage_stays_in_the_name_of_what_was_announced(run, facts):
    assert ("ANNOUNCED", "China", "34% retaliatory tariffs on U.S. imports") in facts(
        run("China announced 34% retaliatory tariffs on U.S. imports.")
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Beijing told its tech companies to avoid buying Nvidia's H20 chips.", {("China", "Nvidia")}),
        ("Germany vetoed the sale of a chip factory to a Chinese investor.", {("Germany", "China")}),
        ("The Dutch government said on Friday it would expand export restrictions on ASML's chipmaking equipment"
         " to China.", {("Netherlands", "China")}),
        ("The Biden administration had restricted chip exports to the Gulf.", set()),  # a region, not a company
    ],
)
def test_makers_of_named_products_vetoes_speakers_and_regions(pairs, text, expected):
    assert pairs(text, RelType.RESTRICTED) == expected


def test_a_person_of_an_organisation_belongs_to_it(run, facts):
    text = "Prime Minister Shigeru Ishiba later met Tomoko Arai of Nvidia."
    assert ("AFFILIATED_WITH", "Tomoko Arai", "Nvidia") in facts(run(text))


def test_a_person_of_a_country_without_a_title_is_no_affiliation(run, facts):
    text = "Tomoko Arai of Japan won the prize."
    assert not [f for f in facts(run(text)) if f[0] == "AFFILIATED_WITH"]


def test_a_long_list_keeps_every_listed_name(run):
    text = (
        "The signatories of the Lisbon Declaration on Open AI include OpenAI, Google, Microsoft, Amazon, Meta and"
        " Anthropic."
    )
    allied = {r.subject for r in run(text).relations if r.type is RelType.ALLIED_WITH}
    assert allied == {"OpenAI", "Google", "Microsoft", "Amazon", "Meta", "Anthropic"}


def test_an_apposition_or_a_possessor_after_a_name_is_no_list(run, facts):
    found = facts(run("Donald Trump met Nvidia's Jensen Huang and AMD's Lisa Su at the White House."))
    assert {o for t, s, o in found if t == "MET_WITH"} == {"Jensen Huang", "Lisa Su"}


@pytest.mark.parametrize(
    "text",
    [
        "Britain, Japan and Canada have set up or plan to set up similar bodies, officials said.",
        "Wei came to the White House to announce the investment.",
    ],
)
def test_a_bare_reference_to_something_worded_otherwise_is_not_announced(run, text):
    assert not [r for r in run(text).relations if r.type is RelType.ANNOUNCED]


def test_the_law_refers_back_to_the_act_named_before(run, facts):
    text = "Lawmakers debated the AI Act for two years. The European Parliament passed the law on Wednesday."
    assert ("ANNOUNCED", "European Parliament", "EU AI Act") in facts(run(text))


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("Jonathan Ho, a partner at Hong Kong consultancy Redleaf Advisory, said demand was soft.",
         ("AFFILIATED_WITH", "Jonathan Ho", "Hong Kong")),
        ("Christophe Fouquet, a Frenchman who joined ASML in 2008, became chief executive.",
         ("ALLIED_WITH", "Frenchman", "ASML")),
        ("Rebecca Linwood, who helped draft the export controls on chips to China, joined Anthropic.",
         ("RESTRICTED", "Rebecca Linwood", "China")),
    ],
)
def test_places_qualifying_a_noun_people_described_and_drafters_are_not_parties(run, facts, text, unwanted):
    assert unwanted not in facts(run(text))


def test_a_person_who_joins_a_company_works_there(run, facts):
    text = "Christophe Fouquet, a Frenchman who joined ASML in 2008, became chief executive."
    assert ("AFFILIATED_WITH", "Christophe Fouquet", "ASML") in facts(run(text))


def test_a_framework_called_by_a_name_is_announced_by_that_name(run, facts):
    text = "India and the United States launched a new framework called the U.S.-India TRUST initiative."
    assert ("ANNOUNCED", "India", "U.S.-India TRUST initiative") in facts(run(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tokyo Electron said sales rose. Its chief executive, Toshiki Kawai, said demand stayed strong.",
         ("AFFILIATED_WITH", "Toshiki Kawai", "Tokyo Electron")),
        ("Samsung said it would set up an AI team. Nvidia chief executive Jensen Huang said the company had"
         " already released its own safety framework.", ("ANNOUNCED", "Nvidia", "safety framework")),
        ("TSMC stopped supplying Huawei after the United States imposed sweeping restrictions on the Chinese"
         " telecoms equipment maker.", ("RESTRICTED", "United States", "Huawei")),
        ("TSMC stopped supplying Huawei in 2020.", ("RESTRICTED", "TSMC", "Huawei")),
    ],
)
def test_references_by_possessive_speaker_and_origin_and_stopped_supply(run, facts, text, expected):
    assert expected in facts(run(text))


def test_a_demonym_reference_never_lands_on_a_company_of_another_country(run, facts):
    text = "TSMC stopped supplying Huawei after the United States imposed sweeping restrictions on the Chinese maker."
    assert ("RESTRICTED", "United States", "TSMC") not in facts(run(text))


@pytest.mark.parametrize(
    ("text", "expected", "unwanted"),
    [
        ("The AI Safety Pledge was drafted in Seoul. Elon Musk's xAI also signed the pledge, as did IBM and the"
         " Canadian startup Cohere.", ("ALLIED_WITH", "IBM", "AI Safety Pledge"),
         ("ALLIED_WITH", "Canada", "AI Safety Pledge")),
        ("India is a member of the Quad, alongside the United States, Japan and Australia.",
         ("ALLIED_WITH", "Japan", "Quad"), None),
        ("ASML stopped shipping its most advanced machines to Chinese customers in January.",
         ("RESTRICTED", "ASML", "China"), ("RESTRICTED", "ASML", "ASML")),
        ("China's cyberspace regulator barred operators from buying products made by Micron.",
         ("RESTRICTED", "China", "Micron"), None),
        ("Nvidia said it was ordered to stop selling its fastest accelerators to China.", None,
         ("RESTRICTED", "Nvidia", "China")),
    ],
)
def test_as_did_alongside_customers_makers_and_orders_received(run, facts, text, expected, unwanted):
    found = facts(run(text))
    assert expected is None or expected in found
    assert unwanted is None or unwanted not in found


def test_a_thing_named_in_the_next_sentence_is_announced_by_that_name(run, facts):
    text = "Mistral AI released a new model on Tuesday. The model, called Codestral, writes code."
    assert ("ANNOUNCED", "Mistral AI", "Codestral") in facts(run(text))


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Donald Trump met Intel chief executive Lip-Bu Tan in Washington. The meeting was also attended by"
         " Treasury Secretary Scott Bessent.", ("Scott Bessent", "Lip-Bu Tan")),
        ("Sam Altman and Masayoshi Son joined Donald Trump at the White House.", ("Masayoshi Son", "Donald Trump")),
        ("Narendra Modi and Joe Biden spoke by phone on Tuesday.", ("Narendra Modi", "Joe Biden")),
        ("Jake Sullivan and Wang Yi held two days of talks in Bangkok.", ("Jake Sullivan", "Wang Yi")),
        ("Fumio Kishida hosted a dinner for Joe Biden in Tokyo.", ("Fumio Kishida", "Joe Biden")),
    ],
)
def test_meetings_attended_joined_phoned_held_for_days_and_hosted_dinners(run, text, pair):
    meetings = {frozenset((r.subject, r.object)) for r in run(text, "2024-05-10").relations
                if r.type is RelType.MET_WITH}
    assert frozenset(pair) in meetings


def test_an_attendee_on_the_hosts_side_does_not_meet_the_host(run):
    text = (
        "U.S. President Donald Trump met Intel chief executive Lip-Bu Tan in Washington. The meeting was also"
        " attended by U.S. Treasury Secretary Scott Bessent."
    )
    meetings = {frozenset((r.subject, r.object)) for r in run(text, "2025-08-12").relations
                if r.type is RelType.MET_WITH}
    assert frozenset(("Scott Bessent", "Donald Trump")) not in meetings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rapidus was founded in 2022 by eight Japanese companies including Toyota Motor, Sony Group and NEC.",
         ("ALLIED_WITH", "Sony Group", "Rapidus")),
        ("MGX, an investment firm backed by Mubadala and G42, joined the consortium.", ("ALLIED_WITH", "G42", "MGX")),
        ("The U.S. Treasury designated Asialink Trade and Sino Golden Bridge for supplying Russia.",
         ("RESTRICTED", "United States Department of the Treasury", "Sino Golden Bridge")),
        ("Joe Biden and Narendra Modi met in Washington. The two leaders signed a strategic economic partnership.",
         ("ALLIED_WITH", "United States", "India")),
    ],
)
def test_founders_backers_designations_work_and_leaders_signing_for_their_states(run, facts, text, expected):
    found = facts(run(text, "2024-06-01"))
    assert expected in found or (expected[0], expected[2], expected[1]) in found


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("G42 said it had divested its stakes in Chinese firms, including ByteDance.",
         ("ALLIED_WITH", "G42", "ByteDance")),
        ("The U.S. Treasury designated Sino Golden Bridge for supplying Russia.",
         ("RESTRICTED", "United States Department of the Treasury", "China")),
    ],
)
def test_a_stake_given_up_and_a_country_word_inside_a_company_name(run, facts, text, unwanted):
    assert unwanted not in facts(run(text, "2024-06-01"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moonshot AI launched Kimi k1.5 on Monday.", ("ANNOUNCED", "Moonshot AI", "Kimi k1.5")),
        ("Emmanuel Macron announced 109 billion euros of private investment in AI.",
         ("ANNOUNCED", "Emmanuel Macron", "109 billion euros of private investment in AI")),
        ("The Commerce Department finalised a $7.86 billion grant to Intel.",
         ("ANNOUNCED", "United States Department of Commerce", "$7.86 billion grant")),
        ("Nvidia built the H20, a less powerful version that Washington later barred from export to China.",
         ("RESTRICTED", "United States", "China")),
        ("Donald Trump held talks with Crown Prince Mohammed bin Salman before a lunch attended by Sam Altman.",
         ("MET_WITH", "Sam Altman", "Mohammed bin Salman")),
    ],
)
def test_misread_products_unlabelled_sums_grants_export_bans_and_lunches(run, facts, text, expected):
    assert expected in facts(run(text, "2025-05-13"))


def test_the_new_firm_is_the_one_just_launched(run, facts):
    text = "Saudi Arabia's Public Investment Fund has launched Humain, and the new firm signed agreements with Nvidia."
    found = facts(run(text))
    assert ("ALLIED_WITH", "Humain", "Nvidia") in found
    assert ("ALLIED_WITH", "Public Investment Fund", "Nvidia") not in found


def test_one_capitalised_word_before_a_common_noun_is_no_person(run):
    text = "Katrin Voss visited TSMC's Kumamoto site in June."
    assert {e.name for e in run(text).entities if e.kind.value == "Person"} == {"Katrin Voss"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NEW DELHI: British foreign secretary David Lammy held talks with external affairs minister S. Jaishankar.",
         ("AFFILIATED_WITH", "S. Jaishankar", "India")),
        ("TOKYO, March 5 (Reuters) - Finance Minister Shunichi Kato said the yen was weak.",
         ("AFFILIATED_WITH", "Shunichi Kato", "Japan")),
    ],
)
def test_a_minister_without_a_country_serves_where_the_story_is_datelined(run, facts, text, expected):
    assert expected in facts(run(text))


@pytest.mark.parametrize(
    "text",
    [
        "RIYADH (Reuters) - The project will be built by G42, the Emirati AI firm chaired by national security"
        " adviser Sheikh Tahnoon bin Zayed.",
        "WASHINGTON (Reuters) - President Joe Biden welcomed President William Ruto to the White House.",
    ],
)
def test_the_dateline_gives_no_country_to_a_foreign_frame_or_a_head_of_state(run, facts, text):
    found = facts(run(text, "2024-05-23"))
    assert not {f for f in found if f[0] == "AFFILIATED_WITH" and f[2] in ("Saudi Arabia", "United States")
                and f[1] in ("Tahnoon bin Zayed", "William Ruto")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("COPENHAGEN - Prime Minister Anna Holm said the plan would pass.", {("Anna Holm", "Denmark")}),
        ("NAIROBI - President Amina Wekesa signed the bill on Monday.", {("Amina Wekesa", "Kenya")}),
        # a head of state acting in the sentence beside another country is not the dateline's
        ("NAIROBI - President Amina Wekesa of Ghana signed the bill.", {("Amina Wekesa", "Ghana")}),
        # a company acting around the name: a company's president
        ("TOKYO - Toyota is building a plant. President Ren Ishida said it would open in May.", set()),
    ],
)
def test_a_head_of_state_no_demonym_qualifies_serves_where_the_story_is_datelined(pairs, text, expected):
    assert pairs(text, RelType.AFFILIATED_WITH) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SAO PAULO, Feb 5 - Finance Minister Ana Costa said the fund would grow.", {("Ana Costa", "Brazil")}),
        ("Barcelona, 3 March 2026 – Digital Minister Oscar Ruiz said the bid was strong.", {("Oscar Ruiz", "Spain")}),
        ("OSAKA - Trade Minister Kenji Sato said exports rose.", {("Kenji Sato", "Japan")}),
        ("Prague, April 9 (news desk) – Prime Minister Jan Novak said the plan would pass.",
         {("Jan Novak", "Czech Republic")}),
        # a wire's dateline closed by its name and a full stop; a city alone on the first line
        ("YEREVAN, JUNE 27, ARMENPRESS. Foreign Minister Aram Petrosyan said the charter was signed.",
         {("Aram Petrosyan", "Armenia")}),
        ("OSAKA\n\nTrade Minister Kenji Sato said exports rose.", {("Kenji Sato", "Japan")}),
        # a headline in capitals is no dateline, nor is a first line that is no city
        ("NEW RULES ANNOUNCED. Trade Minister Kenji Sato said exports rose.", set()),
        ("Markets\n\nTrade Minister Kenji Sato said exports rose.", set()),
        # a minister's field after "of" that the model took for a body is no employer
        ("YEREVAN - Minister of High-Tech Industry Mkhitar Hayrapetyan said the factory would open.",
         {("Mkhitar Hayrapetyan", "Armenia")}),
        # a city's or a party's office is not the country's
        ("SHENZHEN - Shenzhen Party Secretary Li Wei met the founders.", set()),
        ("Texas Gov. Greg Abbott issued a similar ban in January.", {("Greg Abbott", "Texas")}),
        # a monarch's title ties the holder to the office table's country
        ("Emir Sheikh Tamim bin Hamad Al Thani welcomed the delegation.", {("Tamim bin Hamad Al Thani", "Qatar")}),
    ],
)
def test_a_dateline_city_that_is_no_capital_gives_its_country(pairs, text, expected):
    assert pairs(text, RelType.AFFILIATED_WITH) == expected


def test_an_office_holder_written_without_accents_is_the_office_holder(pairs):
    text = "SANTIAGO - President Luiz Inacio Lula da Silva signed the decree on Monday."
    assert pairs(text, RelType.AFFILIATED_WITH, "2025-03-01") == {("Luiz Inácio Lula da Silva", "Brazil")}


def test_a_bloc_grouping_of_listed_states_acts_and_has_them_as_members(run, facts):
    text = "The Quad grouping of the United States, Japan, India and Australia launched a chip supply network."
    found = facts(run(text))
    assert ("ANNOUNCED", "Quad", "chip supply network") in found
    assert {s for t, s, o in found if t == "ALLIED_WITH" and o == "Quad"} == {
        "United States", "Japan", "India", "Australia"
    }
    assert not {s for t, s, o in found if t == "ANNOUNCED" and s != "Quad"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The move follows Monday's decision by the U.S. Commerce Department to place Naura Technology and"
         " Piotech on its entity list.", ("RESTRICTED", "United States Department of Commerce", "Piotech")),
        ("Biren, whose BR100 chip was unveiled last year, was added to the entity list.",
         ("ANNOUNCED", "Biren Technology", "BR100")),
        ("Samsung inaugurated a $1.6 billion plant in Texas.",
         ("ANNOUNCED", "Samsung Electronics", "$1.6 billion plant in Texas")),
    ],
)
def test_decisions_by_an_agent_whose_things_and_inaugurations(run, facts, text, expected):
    found = facts(run(text, "2024-12-03"))
    assert expected in found
    assert not {f for f in found if f[0] == "RESTRICTED" and f[1] in ("Piotech", "Naura Technology Group")}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("MGX has joined a consortium led by BlackRock and Microsoft.", ("MGX", "Microsoft")),
        ("G42 received a $1.5 billion investment from Microsoft in April.", ("G42", "Microsoft")),
        ("Joe Biden and Narendra Modi met in Washington. They praised the strategic technology partnership between"
         " the two democracies.", ("United States", "India")),
    ],
)
def test_consortia_led_by_investments_from_and_partnerships_between_the_two_democracies(run, text, pair):
    allied = {frozenset((r.subject, r.object)) for r in run(text, "2024-06-01").relations
              if r.type is RelType.ALLIED_WITH}
    assert frozenset(pair) in allied


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Malaysia, whose Prime Minister Anwar Ibrahim has courted chipmakers, approved the plan.",
         ("AFFILIATED_WITH", "Anwar Ibrahim", "Malaysia")),
        ("Elon Musk, the owner of xAI, criticised the deal.", ("AFFILIATED_WITH", "Elon Musk", "xAI")),
    ],
)
def test_whose_titles_and_owners(run, facts, text, expected):
    assert expected in facts(run(text))


def test_a_rule_expanding_curbs_restricts_for_its_issuer(run, facts):
    text = "The new rule from the U.S. Commerce Department expands the curbs to Saudi Arabia and the UAE."
    found = facts(run(text))
    issuer = "United States Department of Commerce"
    assert {("RESTRICTED", issuer, t) for t in ("Saudi Arabia", "United Arab Emirates")} <= found


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("SEOUL (Reuters) - Japan has not banned the app, but Digital Minister Masaaki Taira urged caution.",
         ("AFFILIATED_WITH", "Masaaki Taira", "South Korea")),
        ("BEIJING (Reuters) - Senator Marco Rubio urged the administration to add ChangXin to the Entity List.",
         ("RESTRICTED", "United States Department of Commerce", "ChangXin")),
        ("India banned TikTok and dozens of other Chinese applications.", ("RESTRICTED", "India", "China")),
        ("Arm, Microsoft, Nvidia, Oracle and OpenAI are the key initial technology partners.",
         ("ALLIED_WITH", "Arm", "Microsoft")),
    ],
)
def test_datelines_beside_other_countries_calls_to_act_unnamed_others_and_company_partner_lists(
    run, facts, text, unwanted
):
    found = facts(run(text, "2025-02-10"))
    assert unwanted not in found and (unwanted[0], unwanted[2], unwanted[1]) not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Advanced Micro Devices unveiled a $10 billion collaboration with Humain.", ("ALLIED_WITH", "AMD", "Humain")),
        ("The Union Cabinet of India approved the IndiaAI Mission in March.",
         ("ANNOUNCED", "India", "IndiaAI Mission")),
        ("Huawei has been on the US Entity List since 2019.",
         ("RESTRICTED", "United States Department of Commerce", "Huawei")),
        ("South Korea has suspended new downloads of the DeepSeek chatbot app.",
         ("RESTRICTED", "South Korea", "DeepSeek")),
        ("The Netherlands joined the United States and Japan in restricting sales of chipmaking tools to China.",
         ("RESTRICTED", "Japan", "China")),
        ("Elon Musk's xAI raised $6 billion.", ("AFFILIATED_WITH", "Elon Musk", "xAI")),
        ("BEIJING (Reuters) - Foreign ministry spokesman Guo Jiakun said the curbs were unfair.",
         ("AFFILIATED_WITH", "Guo Jiakun", "China")),
    ],
)
def test_collaborations_approvals_lists_downloads_joined_curbs_owners_and_spokesmen(run, facts, text, expected):
    assert expected in facts(run(text, "2024-03-08"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"It is a step back," said Tao Minjie, a senior analyst at Shenzhen-based Qianhai Insight.',
         ("AFFILIATED_WITH", "Tao Minjie", "Qianhai Insight")),
        ("The US Navy told personnel not to use the DeepSeek app.", ("RESTRICTED", "United States", "DeepSeek")),
    ],
)
def test_a_based_organisation_after_a_title_and_an_order_not_to_use(run, facts, text, expected):
    assert expected in facts(run(text))


def test_an_order_to_use_something_restricts_nothing(run):
    assert not run("The US Navy told personnel to use the DeepSeek app.").relations


def test_imposing_a_restriction_restricts_without_announcing(run, facts):
    found = facts(run("The US has imposed fresh restrictions on the sale of advanced chips to Russia."))
    assert ("RESTRICTED", "United States", "Russia") in found
    assert not {f for f in found if f[0] == "ANNOUNCED"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peng Xiao, Group CEO of G42, spoke at the event.", ("AFFILIATED_WITH", "Peng Xiao", "G42")),
        ("China and Malaysia signed a memorandum of understanding on digital economy cooperation.",
         ("ALLIED_WITH", "China", "Malaysia")),
        ("Nvidia Corp. CEO Jensen Huang met President Yoon Suk Yeol in Seoul.",
         ("MET_WITH", "Jensen Huang", "Yoon Suk Yeol")),
    ],
)
def test_group_titles_bilateral_memoranda_and_abbreviated_company_names(run, facts, text, expected):
    found = facts(run(text))
    assert expected in found or (expected[0], expected[2], expected[1]) in found


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("Tenstorrent, the Canadian AI chip startup led by Jim Keller, signed a deal. Rapidus said it would build"
         " chips.", ("AFFILIATED_WITH", "Jim Keller", "Rapidus")),
        ("Israel's Tower Semiconductor is reportedly in talks with the Adani Group.",
         ("MET_WITH", "Tower Semiconductor", "Adani Group")),
        ("Union Minister for Electronics and IT Shri Ashwini Vaishnaw met Jensen Huang.",
         ("AFFILIATED_WITH", "Jensen Huang", "Nvidia")),
    ],
)
def test_descriptions_of_a_name_companies_in_talks_and_a_title_that_runs_into_a_verb(run, facts, text, unwanted):
    assert unwanted not in facts(run(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brad Smith, Vice Chair and President of Microsoft, visited Abu Dhabi.",
         ("AFFILIATED_WITH", "Brad Smith", "Microsoft")),
        ("Cerebras Systems and G42 today announced the build of Condor Galaxy 3.",
         ("ANNOUNCED", "G42", "Condor Galaxy 3")),
    ],
)
def test_vice_chairs_and_the_build_of_a_named_system(run, facts, text, expected):
    assert expected in facts(run(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BRICS members include Brazil, Russia, India, China and South Africa.", ("ALLIED_WITH", "India", "BRICS")),
        ("Alibaba put out its Qwen2 model in June.", ("ANNOUNCED", "Alibaba Group", "Qwen2")),
        ("Japan pledged 2 trillion yen for chip subsidies last year.",
         ("ANNOUNCED", "Japan", "2 trillion yen investment for chip subsidies")),
    ],
)
def test_bloc_members_things_put_out_and_past_pledges(run, facts, text, expected):
    assert expected in facts(run(text, "2024-06-01"))


def test_its_members_are_never_a_countrys(run, facts):
    text = "The bloc counts Brazil and South Africa among its founding members alongside Egypt and Iran."
    assert not {f for f in facts(run(text)) if f[0] == "ALLIED_WITH" and "South Africa" in f[1:] and "Egypt" in f[1:]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mistral AI, the Paris-based start-up co-founded by Arthur Mensch, unveiled a model.",
         ("AFFILIATED_WITH", "Arthur Mensch", "Mistral AI")),
        ("Malaysia said its trade minister Tengku Zafrul Aziz would lead the talks.",
         ("AFFILIATED_WITH", "Tengku Zafrul Aziz", "Malaysia")),
    ],
)
def test_cofounders_and_a_states_own_minister(run, facts, text, expected):
    assert expected in facts(run(text))


def test_a_name_misread_as_a_place_lends_its_apposition_owner_nothing(run, facts):
    text = "Ilya Sutskever, OpenAI's co-founder and former chief scientist, launched Safe Superintelligence."
    assert ("ANNOUNCED", "OpenAI", "Safe Superintelligence") not in facts(run(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser reads the verb as an adjective of its object; the trade's destination is restricted
        (
            "Japan and the Netherlands have both limited sales of advanced equipment to China.",
            {("Japan", "China"), ("Netherlands", "China")},
        ),
        ("The United States tightened controls on the export of AI chips to China.", {("United States", "China")}),
        ("The United States eased controls on the export of AI chips to China.", set()),
        # rules imposed that restrict: who imposed them
        ("Washington imposed sweeping rules restricting sales of AI chips to China.", {("United States", "China")}),
        ("Beijing criticised rules restricting sales of chips to Russia.", set()),
        # a limit on investments restricts where the money would go
        ("The US imposed curbs on outbound investments in Chinese AI firms.", {("United States", "China")}),
    ],
)
def test_trade_and_investment_curbs_restrict_where_the_goods_or_money_go(pairs, text, expected):
    assert pairs(text, RelType.RESTRICTED) == expected


def test_companies_listed_after_including_are_each_added_to_the_list(pairs):
    text = "The Commerce Department added 27 Chinese firms to its list, including Lingxin Micro and Hengxin Semi."
    found = pairs(text, RelType.RESTRICTED)
    department = "United States Department of Commerce"
    assert {(department, "Lingxin Micro"), (department, "Hengxin Semi")} <= found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Minister Yoji Muto held a videoconference last week with U.S. Secretary of Commerce Howard Lutnick.",
            {("Yoji Muto", "Howard Lutnick")},
        ),
        (
            "Jaishankar separately spoke by telephone with Swedish Foreign Minister Tobias Billstrom.",
            {("Jaishankar", "Tobias Billstrom")},
        ),
        (
            "Commissioner Anna Berg co-chaired the forum along with Ken Sato, the Japanese minister.",
            {("Anna Berg", "Ken Sato")},
        ),
        # the parse gives the countries; the people their titles introduce are the ones met
        (
            "Hartley also held bilateral talks with Germany's Digital Minister Friedrich Haas"
            " and Japan's State Minister Mai Kuroda.",
            {("Hartley", "Friedrich Haas"), ("Hartley", "Mai Kuroda")},
        ),
    ],
)
def test_calls_and_talks_with_a_titled_person_meet_that_person(pairs, text, expected):
    assert pairs(text, RelType.MET_WITH) == expected


@pytest.mark.parametrize(
    ("text", "unexpected"),
    [
        # what an acting subject will make is announced, not the subject itself
        (
            "Xi announced that the BRICS bloc of developing nations will create an AI study group.",
            ("Xi Jinping", "BRICS bloc of developing nations"),
        ),
        ("Elon Musk announced that xAI will build a large computing campus in Texas.", ("Elon Musk", "xAI")),
        # people counted are no product
        ("Google announced it would train 500,000 young Africans in AI skills by 2027.", ("Google", "Africans")),
    ],
)
def test_an_announced_clause_s_actor_or_the_people_it_trains_are_not_announced(pairs, text, unexpected):
    assert unexpected not in pairs(text, RelType.ANNOUNCED)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rapidus is developing its technology in collaboration with IBM of the United States.", {("Rapidus", "IBM")}),
        ("Najm Compute signed agreements with two American chip companies.", set()),
        ("Japan signed a deal with the United States.", {("Japan", "United States")}),
    ],
)
def test_a_country_that_says_where_a_partner_company_is_from_is_no_partner(pairs, text, expected):
    assert pairs(text, RelType.ALLIED_WITH) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Italy blocked the takeover of Alba Robotics by Zhen Robotics Group.", {("Italy", "Zhen Robotics Group")}),
        ("China blocked Intel's acquisition of Tower Semiconductor.", {("China", "Intel")}),
        ("Britain blocked the takeover of Newport Wafer Fab.", set()),  # no buyer named: the bought is none
        # the restrictor's own people are what an order protects
        ("Italy ordered DeepSeek to stop processing the data of Italian users.", {("Italy", "DeepSeek")}),
    ],
)
def test_a_blocked_takeover_stops_the_buyer_and_an_order_restricts_whom_it_orders(pairs, text, expected):
    assert pairs(text, RelType.RESTRICTED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chinese President Xi Jinping visited Hanoi in December 2023.", {("Xi Jinping", "Vietnam")}),
        ("Jensen Huang visited Vietnam in December.", set()),  # a trip, no state visit
        ("Chinese President Xi Jinping visited Shanghai in December 2023.", set()),  # at home
    ],
)
def test_a_head_of_state_visiting_a_country_meets_it(run, text, expected):
    relations = run(text, published="2024-03-10").relations
    assert {(r.subject, r.object) for r in relations if r.type is RelType.MET_WITH} == expected


def test_a_minister_with_no_country_serves_the_country_the_story_leads_with_and_names_most(pairs):
    text = ("Kenya launched a data centre plan. Kenya and the United States signed a memorandum. The United States"
            " will fund it, and Kenya said more deals would come. Digital Economy Minister Wanjiru Kamau said the"
            " plan was ready.")
    assert ("Wanjiru Kamau", "Kenya") in pairs(text, RelType.AFFILIATED_WITH)
