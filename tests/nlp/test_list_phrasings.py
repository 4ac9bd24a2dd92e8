"""Facts stated through lists (issue 12), written in our own words: a group's members listed by a
verb of composition or after "founding members are", the countries at a group's meeting, targets
listed in the sentence after a restriction, and a company's investors."""

from __future__ import annotations

import pytest

from nlp.records import RelType


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Quad comprises Australia, India, Japan and the United States.",
            {("Australia", "Quad"), ("India", "Quad"), ("Japan", "Quad"), ("United States", "Quad")},
        ),
        (
            "BRICS is made up of Brazil, Russia and India.",
            {("Brazil", "BRICS"), ("Russia", "BRICS"), ("India", "BRICS")},
        ),
        ("BRICS consists of Brazil and Russia.", {("Brazil", "BRICS"), ("Russia", "BRICS")}),
        # the members as subject, the group named in the sentence before
        (
            "The Five Eyes met in Ottawa. Canada, Australia and New Zealand make up the group.",
            {("Canada", "Five Eyes"), ("Australia", "Five Eyes"), ("New Zealand", "Five Eyes")},
        ),
        # a coalition named as one, its founders listed in the next sentence
        (
            "Nvidia and Intel on Tuesday launched the Open Silicon Alliance. Founding members are Nvidia, Intel"
            " and Qualcomm.",
            {
                ("Nvidia", "Open Silicon Alliance"),
                ("Intel", "Open Silicon Alliance"),
                ("Qualcomm", "Open Silicon Alliance"),
            },
        ),
        # "its" is the group's, not the company named first
        (
            "Nvidia and Intel launched the Open Silicon Alliance. Its members include Arm and Qualcomm.",
            {("Arm", "Open Silicon Alliance"), ("Qualcomm", "Open Silicon Alliance")},
        ),
        # a relative clause, an apposition, a participle
        (
            "The Quad, which includes Australia, India and Japan, met in Tokyo.",
            {("Australia", "Quad"), ("India", "Quad"), ("Japan", "Quad")},
        ),
        ("The Quad, which does not include China, met in Tokyo.", set()),
        (
            "BRICS, a group made up of Brazil, Russia and India, met in Kazan.",
            {("Brazil", "BRICS"), ("Russia", "BRICS"), ("India", "BRICS")},
        ),
        (
            "The Pacific Chip Alliance, made up of Nvidia, Intel and Arm, met in Austin.",
            {("Nvidia", "Pacific Chip Alliance"), ("Intel", "Pacific Chip Alliance"), ("Arm", "Pacific Chip Alliance")},
        ),
        (
            "The Pacific Chip Alliance unites Nvidia and Arm.",
            {("Nvidia", "Pacific Chip Alliance"), ("Arm", "Pacific Chip Alliance")},
        ),
        # a member of a coalition named as one
        ("Mistral AI is a member of the Open Silicon Alliance.", {("Mistral AI", "Open Silicon Alliance")}),
        ("Mistral AI is not a member of the Open Silicon Alliance.", set()),
        ("The G7 does not include China.", set()),
        ("The Quad made a deal with Japan.", set()),
        # no group named before: founding members of nothing known
        ("Nvidia launched a chip on Tuesday. Founding members are Intel and Qualcomm.", set()),
    ],
)
def test_members_listed_by_a_verb_of_composition_or_after_founding_members(pairs, text, expected):
    assert pairs(text, RelType.ALLIED_WITH) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the list, the count or "they" names in the next sentence what the listing only counted
        (
            "The Commerce Department added eleven firms to the Entity List on Friday. The list includes the chip"
            " designers Huawei and SMIC, and the toolmaker Naura.",
            {
                ("United States Department of Commerce", "Huawei"),
                ("United States Department of Commerce", "SMIC"),
                ("United States Department of Commerce", "Naura Technology Group"),
            },
        ),
        (
            "Beijing added three American firms to its unreliable entity list on Tuesday. The three include Micron"
            " and Intel.",
            {("China", "United States"), ("China", "Micron"), ("China", "Intel")},
        ),
        (
            "The Commerce Department added eleven firms to the Entity List on Friday. They include Huawei and SMIC.",
            {("United States Department of Commerce", "Huawei"), ("United States Department of Commerce", "SMIC")},
        ),
        # a late "including", "among them", a verb of sanction, a list hung on the object
        (
            "The Commerce Department added 12 entities to the Entity List on Monday, including Huawei and ZTE.",
            {("United States Department of Commerce", "Huawei"), ("United States Department of Commerce", "ZTE")},
        ),
        (
            "Washington sanctioned several firms on Monday. Among them were Huawei and ZTE.",
            {("United States", "Huawei"), ("United States", "ZTE")},
        ),
        (
            "The Commerce Department placed 12 entities on the Entity List on Monday. Huawei and SMIC are among"
            " them.",
            {("United States Department of Commerce", "Huawei"), ("United States Department of Commerce", "SMIC")},
        ),
        (
            "Washington sanctioned 12 firms on Monday. They include Huawei and ZTE.",
            {("United States", "Huawei"), ("United States", "ZTE")},
        ),
        ("Washington did not sanction any firms on Monday. They include Huawei and ZTE.", set()),
        # the next sentence lists something else
        ("The Commerce Department added eleven firms to the Entity List on Friday. Analysts include Huawei.", set()),
        # nothing was listed
        (
            "The Commerce Department did not add the firms to the Entity List on Friday. The firms include Huawei.",
            set(),
        ),
    ],
)
def test_targets_named_in_the_sentence_after_a_counted_listing(pairs, text, expected):
    assert pairs(text, RelType.RESTRICTED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the restrictions" reach the list the next sentence gives: the imposer's
        (
            "The Commerce Department imposed new export controls on Monday. The curbs extend to Huawei and ZTE.",
            {("United States Department of Commerce", "Huawei"), ("United States Department of Commerce", "ZTE")},
        ),
        ("The Commerce Department criticised export controls on Monday. The restrictions apply to Huawei.", set()),
        (
            "The Commerce Department imposed new export controls on Monday. The restrictions do not apply to Huawei.",
            set(),
        ),
        ("Restrictions apply to Huawei and ZTE.", set()),
    ],
)
def test_restrictions_referred_back_to_restrict_the_targets_they_reach(pairs, text, expected):
    assert pairs(text, RelType.RESTRICTED) == expected


def test_targets_named_after_a_listing_carry_its_date(run):
    text = "Beijing added three American firms to its unreliable entity list on Tuesday. The three include Micron."
    dates = {r.object: r.date for r in run(text).relations if r.type is RelType.RESTRICTED}
    assert dates["Micron"] == dates["United States"] == "2025-03-11"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lettered round: its leader and those who took part
        (
            "Mistral AI closed a $50 million Series C led by Nvidia, with participation from Salesforce.",
            {("Nvidia", "Mistral AI"), ("Salesforce", "Mistral AI")},
        ),
        ("Mistral AI closed a Series A last month, led by Nvidia.", {("Nvidia", "Mistral AI")}),
        ("Mistral AI did not close a $50 million Series C led by Nvidia.", set()),
        ("Mistral AI raised a series of concerns from Nvidia.", set()),
        # backers, stakes and sums put in
        ("Mistral AI, backed by Nvidia, released a model on Monday.", {("Nvidia", "Mistral AI")}),
        ("Mistral AI builds open models. It is backed by Nvidia.", {("Nvidia", "Mistral AI")}),
        ("Microsoft took a stake in Mistral AI last year.", {("Microsoft", "Mistral AI")}),
        ("Microsoft invested $100 million in Mistral AI.", {("Microsoft", "Mistral AI")}),
        # the backer before a hyphen, a verb of funding
        ("Nvidia-backed Mistral AI released a model on Monday.", {("Nvidia", "Mistral AI")}),
        ("Mistral AI closed a SoftBank-led round on Monday.", {("SoftBank", "Mistral AI")}),
        ("Mistral AI is funded by Nvidia.", {("Nvidia", "Mistral AI")}),
        ("Nvidia did not fund Mistral AI.", set()),
        ("Taxpayers funded the project.", set()),
    ],
)
def test_investors_of_a_round_a_stake_or_a_sum_back_the_company(pairs, text, expected):
    assert pairs(text, RelType.ALLIED_WITH) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each state at a group's meeting belongs to the group; those it joined are not its allies
        (
            "New Zealand took part in the first preparatory meeting of the so-called Five Eyes group on Tuesday,"
            " joining working-level officials from Canada, Australia and the United Kingdom in a video call,"
            " Wellington said.",
            {
                ("New Zealand", "Five Eyes"),
                ("Canada", "Five Eyes"),
                ("Australia", "Five Eyes"),
                ("United Kingdom", "Five Eyes"),
            },
        ),
        ("Vietnam attended a meeting of ASEAN in Jakarta on Monday.", {("Vietnam", "ASEAN")}),
        ("Vietnam did not attend the meeting of ASEAN in Jakarta on Monday.", set()),
        ("India attended the meeting of the G7 as a guest on Monday.", set()),
        # the states a named body lets act together are its members, not each other's allies
        (
            "Officials unveiled the Andean Water Network, which is meant to let Peru, Chile and Bolivia warn each"
            " other of droughts.",
            {("Peru", "Andean Water Network"), ("Chile", "Andean Water Network"), ("Bolivia", "Andean Water Network")},
        ),
        ("The Pacific Chip Alliance, which will not allow Japan to share fab capacity, opened on Monday.", set()),
        # the signers of a pact that sets up a body join the body
        (
            "Canadian Prime Minister Justin Trudeau hosted Mexican President Claudia Sheinbaum on Saturday. The"
            " leaders signed a memorandum setting up the Critical Minerals Early Warning Network.",
            {
                ("Canada", "Critical Minerals Early Warning Network"),
                ("Mexico", "Critical Minerals Early Warning Network"),
            },
        ),
    ],
)
def test_states_at_a_groups_meeting_or_listed_in_its_purpose_belong_to_the_group(pairs, text, expected):
    assert pairs(text, RelType.ALLIED_WITH) == expected


def test_a_group_meeting_is_dated_by_the_meeting_not_the_report(run):
    text = "Vietnam took part in a meeting of ASEAN on Tuesday, Hanoi said on Wednesday."
    assert {r.date for r in run(text).relations if r.type is RelType.ALLIED_WITH} == {"2025-03-11"}


def test_founding_members_listed_after_a_launch_are_dated_as_the_launch(run):
    text = "Nvidia and Intel launched the Open Silicon Alliance on Tuesday. Founding members are Nvidia and Arm."
    dates = {r.subject: r.date for r in run(text).relations if r.type is RelType.ALLIED_WITH}
    assert dates == {"Nvidia": "2025-03-11", "Arm": "2025-03-11"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a partner noun coordinated after another shares its possessor and its subject
        ("Nvidia is Mistral AI's anchor customer and cloud partner.", {("Nvidia", "Mistral AI")}),
        ("Nvidia is Mistral AI's rival and not its partner.", set()),
    ],
)
def test_a_partner_listed_after_another_role_shares_its_possessor(pairs, text, expected):
    assert pairs(text, RelType.ALLIED_WITH) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the company that speaks of its partners, not the listed partners among themselves
        (
            "Arvane Systems said partners including Dell Technologies, Lenovo and Supermicro would sell the board.",
            {("Dell", "Arvane Systems"), ("Lenovo", "Arvane Systems"), ("Super Micro Computer", "Arvane Systems")},
        ),
        (
            "The board ships through Arvane partners including Dell Technologies and Lenovo.",
            {("Dell", "Arvane"), ("Lenovo", "Arvane")},
        ),
    ],
)
def test_partners_listed_after_including_are_the_speakers_or_the_named_companys(pairs, text, expected):
    assert pairs(text, RelType.ALLIED_WITH) == expected


def test_those_signing_together_with_the_agent_each_signed_and_are_not_partners(pairs):
    text = "The Lima Accord was signed by the European Union together with Peru, Chile and Ecuador."
    assert pairs(text, RelType.ALLIED_WITH) == {
        ("European Union", "Lima Accord"),
        ("Peru", "Lima Accord"),
        ("Chile", "Lima Accord"),
        ("Ecuador", "Lima Accord"),
    }


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Chad joined the Sahel Digital Council last year. The council's members include Mali, Niger and Ghana.",
         "Sahel Digital Council"),
        ("Chad joined the Sahel Digital Council last year. Its members include Mali, Niger and Ghana.",
         "Sahel Digital Council"),
        ("Chad signed the Bamako Declaration on Monday. Earlier adherents include Mali, Niger and Ghana.",
         "Bamako Declaration"),
    ],
)
def test_members_of_a_group_referred_back_to_or_adherents_of_a_pact_are_listed(pairs, text, group):
    assert {("Mali", group), ("Niger", group), ("Ghana", group)} <= pairs(text, RelType.ALLIED_WITH)


@pytest.mark.parametrize(
    "text",
    [
        "The Lisbon Call was signed by Chile, Peru and Ghana.",
        "Delegates closed the conference on Friday. The document, billed by its hosts as the Lisbon Call, was"
        " signed by Chile, Peru and Ghana.",
    ],
)
def test_a_call_is_a_pact_and_a_document_billed_as_one_is_it(pairs, text):
    assert pairs(text, RelType.ALLIED_WITH) == {(state, "Lisbon Call") for state in ("Chile", "Peru", "Ghana")}


def test_a_pact_many_sign_is_the_one_described_before_and_allies_them_with_it_not_each_other(pairs):
    text = (
        "Trade ministers from four Andean countries on Friday signed a charter on pooling computing capacity"
        " for research. The pact was signed by Peru's Javier Gonzalez, Chile's Maria Fernandez, Ecuador's"
        " Carlos Rodriguez and Bolivia's Laura Martinez."
    )
    charter = "charter on pooling computing capacity for research"
    assert pairs(text, RelType.ALLIED_WITH) == {
        ("Peru", charter), ("Chile", charter), ("Ecuador", charter), ("Bolivia", charter)
    }


def test_those_among_the_signatories_each_signed_and_are_not_partners(pairs):
    # the parser reads "The EU, the U.S. and the UK" as the EU with an apposition: it is a list
    text = "The EU, the U.S. and the UK are among the countries that signed the Convention on Cybercrime."
    assert pairs(text, RelType.ALLIED_WITH) == {
        ("European Union", "Convention on Cybercrime"),
        ("United States", "Convention on Cybercrime"),
        ("United Kingdom", "Convention on Cybercrime"),
    }


@pytest.mark.parametrize(
    ("text", "pact"),
    [
        ("Britain signed the Convention on Cybercrime.", "Convention on Cybercrime"),
        ("Britain joined the Framework Convention on Artificial Intelligence.",
         "Framework Convention on Artificial Intelligence"),
        # a comma cuts the run: the complement is not read, the name before it stands
        ("Britain backed the Seoul Declaration for Safe, Innovative and Inclusive AI.", "Seoul Declaration"),
    ],
)
def test_a_pact_word_with_a_capitalised_complement_names_a_pact(pairs, text, pact):
    assert pairs(text, RelType.ALLIED_WITH) == {("United Kingdom", pact)}


def test_a_pact_described_but_not_named_is_the_one_named_before(pairs):
    text = (
        "The Council of Europe opened the Framework Convention on Artificial Intelligence for signature. "
        "Japan and Canada signed the first binding international treaty on Thursday."
    )
    assert pairs(text, RelType.ALLIED_WITH) == {
        ("Japan", "Framework Convention on Artificial Intelligence"),
        ("Canada", "Framework Convention on Artificial Intelligence"),
    }


@pytest.mark.parametrize(
    ("text", "members", "bloc"),
    [
        (
            "Xi spoke to the BRICS bloc of developing nations, which is made up of Brazil, Russia and India.",
            {"Brazil", "Russia", "India"},
            "BRICS",
        ),
        ("Japan joined the talks as a member of the G7.", {"Japan"}, "G7"),
    ],
)
def test_members_a_described_group_is_made_of_or_a_state_joins_as_belong_to_it(pairs, text, members, bloc):
    found = pairs(text, RelType.ALLIED_WITH)
    assert found == {(m, bloc) for m in members}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # companies that found a venture are its partners, whichever the voice
        (
            "Toyota, Sony and NEC founded Rapidus in 2022.",
            {("Toyota", "Rapidus"), ("Sony", "Rapidus"), ("NEC", "Rapidus")},
        ),
        # the stake's company hangs on the verb in the parse
        ("Microsoft took a minority stake in G42.", {("Microsoft", "G42")}),
        # a designation as an ally allies the leader's state, and restricts no one
        ("Biden designated Colombia a major non-NATO ally in 2022.", {("Colombia", "United States")}),
    ],
)
def test_founders_stakeholders_and_designated_allies_are_partners(run, text, expected):
    result = run(text, "2024-05-02")
    assert {(r.subject, r.object) for r in result.relations if r.type is RelType.ALLIED_WITH} == expected
    assert not [r for r in result.relations if r.type is RelType.RESTRICTED]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Countries that signed the Lima Accord include Peru, Chile and Ghana.", {"Peru", "Chile", "Ghana"}),
        # the pact named in the sentence before, a member added "as well as"
        (
            "Delegates adopted the Lima Accord on Tuesday. The countries that signed include Peru, Chile, Ghana"
            " and Vietnam, as well as the host, Brazil.",
            {"Peru", "Chile", "Ghana", "Vietnam", "Brazil"},
        ),
    ],
)
def test_the_ones_a_relative_clause_says_signed_are_listed_by_the_main_verb(pairs, text, expected):
    assert pairs(text, RelType.ALLIED_WITH) == {(member, "Lima Accord") for member in expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brazil, which holds the G20 presidency this year, wants chips.", {("Brazil", "G20")}),
        ("India took over the BRICS chair in January.", {("India", "BRICS")}),
        ("Indonesia, which holds the rotating chair of ASEAN this year, wants chips.", {("Indonesia", "ASEAN")}),
        ("Russia, which chairs BRICS this year, wants chips.", {("Russia", "BRICS")}),
    ],
)
def test_a_state_holding_a_groups_presidency_is_a_member(pairs, text, expected):
    assert pairs(text, RelType.ALLIED_WITH) == expected


def test_entities_counted_from_countries_and_listed_restrict_those_countries(pairs):
    text = "The Commerce Department added 601 entities from Russia, Iran and China to its Entity List."
    restrictor = "United States Department of Commerce"
    assert pairs(text, RelType.RESTRICTED) == {(restrictor, "Russia"), (restrictor, "Iran"), (restrictor, "China")}


def test_signatories_after_a_by_the_parser_hung_on_a_noun_each_signed(pairs):
    text = "The Lima Accord, signed at the close of the summit by Chile, Peru and Ecuador, calls for shared data."
    assert pairs(text, RelType.ALLIED_WITH) == {(state, "Lima Accord") for state in ("Chile", "Peru", "Ecuador")}


def test_signatories_sign_the_code_named_before_not_the_law_it_serves(pairs):
    text = (
        "The Commission published the General-Purpose AI Code of Practice on Thursday to help firms comply"
        " with the AI Act. Signatories so far include OpenAI and Anthropic."
    )
    pact = "General-Purpose AI Code of Practice"
    assert pairs(text, RelType.ALLIED_WITH) == {("OpenAI", pact), ("Anthropic", pact)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kestrel Robotics has raised $90 million in a round led by Accel. Sequoia Capital and Index Ventures"
         " also participated.",
         {(backer, "Kestrel Robotics") for backer in ("Accel", "Sequoia Capital", "Index Ventures")}),
        # a taking part in something else names no investor
        ("Kestrel Robotics has raised $90 million in a round led by Accel. Sequoia Capital participated in a panel.",
         {("Accel", "Kestrel Robotics")}),
    ],
)
def test_investors_who_also_took_part_in_the_round_just_told_back_the_company(pairs, text, expected):
    assert pairs(text, RelType.ALLIED_WITH) == expected


def test_partners_in_which_a_relative_clause_says_are_partners_of_its_noun(pairs):
    text = "The Stargate project, in which OpenAI, Oracle and SoftBank are partners, is huge."
    assert pairs(text, RelType.ALLIED_WITH) == {(partner, "Stargate") for partner in ("OpenAI", "Oracle", "SoftBank")}


def test_partners_named_with_as_partners_are_the_subject_s(pairs):
    text = "Mistral AI said it would build a campus in France, with MGX and Bpifrance as partners."
    assert pairs(text, RelType.ALLIED_WITH) == {("Bpifrance", "Mistral AI"), ("MGX", "Mistral AI")}


def test_a_law_named_with_a_capitalised_complement_is_one_policy(pairs):
    text = "Vietnam's National Assembly passed a Law on Digital Technology Industry that offers tax breaks."
    assert ("National Assembly", "Law on Digital Technology Industry") in pairs(text, RelType.ANNOUNCED)
