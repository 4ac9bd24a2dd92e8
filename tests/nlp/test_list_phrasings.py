"""Facts stated through lists (issue 12), written in our own words: a group's members listed by a
verb of composition or after "founding members are", the countries at a group's meeting, targets
listed in the sentence after a restriction, and a company's investors."""

from __future__ import annotations

import pytest

from nlp.records import RelType


def _found(run, text: str, rel: RelType) -> set[tuple[str, str]]:
    return {(r.subject, r.object) for r in run(text).relations if r.type is rel}


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
        ("The G7 does not include China.", set()),
        ("The Quad made a deal with Japan.", set()),
        # no group named before: founding members of nothing known
        ("Nvidia launched a chip on Tuesday. Founding members are Intel and Qualcomm.", set()),
    ],
)
def test_members_listed_by_a_verb_of_composition_or_after_founding_members(run, text, expected):
    assert _found(run, text, RelType.ALLIED_WITH) == expected
