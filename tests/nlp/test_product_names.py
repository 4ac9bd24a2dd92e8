"""Products named by version: new models and chips every month, faster than any gazetteer."""

from __future__ import annotations

import pytest

from nlp.records import Kind, RelType


@pytest.mark.parametrize(
    ("text", "maker", "product"),
    [
        ("OpenAI released GPT-5 on Tuesday.", "OpenAI", "GPT-5"),  # unknown to the gazetteer
        ("Alibaba released Qwen3.", "Alibaba Group", "Qwen3"),  # the model read it as an adverb
        ("Zhipu released GLM-4.5 on Monday.", "Zhipu AI", "GLM-4.5"),
        ("Moonshot AI launched Kimi K2 in July.", "Moonshot AI", "Kimi K2"),  # the model said a person
        ("Anthropic released Claude Opus 4 in May.", "Anthropic", "Claude Opus 4"),  # a known name run on
        ("Google launched Gemini 2.5 Pro.", "Google", "Gemini 2.5 Pro"),
        ("Huawei unveiled the Ascend 910C.", "Huawei", "Ascend 910C"),
        ("DeepSeek released DeepSeek-V3 in December.", "DeepSeek", "DeepSeek-V3"),  # the maker's name, hyphened
    ],
)
def test_a_versioned_name_is_a_product_announced_by_its_maker(run, text, maker, product):
    result = run(text, "2025-08-01")
    assert ("Product", product) in {(e.kind.value, e.name) for e in result.entities}
    assert [(r.subject, r.object) for r in result.relations if r.type is RelType.ANNOUNCED] == [(maker, product)]


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose in H1 and Q3.",  # half-years and quarters (the model calls them products)
        "The G20 met in Rio in 2024.",  # a bloc
    ],
)
def test_periods_and_blocs_are_no_versioned_products(run, text):
    assert not [e for e in run(text).entities if e.kind.value == "Product"]


def test_a_number_that_counts_is_no_version(run):
    result = run("Google launched Gemini 2 weeks after OpenAI released GPT-4.")
    assert {e.name for e in result.entities if e.kind.value == "Product"} == {"Gemini", "GPT-4"}


@pytest.mark.parametrize(
    ("text", "products"),
    [
        # the tokenizer splits a name written without a space; the pieces are the name's
        ("Alibaba released Qwen2.5-VL and Qwen2.5-1M in January.", {"Qwen2.5-VL", "Qwen2.5-1M"}),
        ("OpenAI launched GPT-4o-mini.", {"GPT-4o-mini"}),
        # a lowercase word after the hyphen describes: no part of the name
        ("Startups built Qwen2.5-powered apps.", {"Qwen2.5"}),
    ],
)
def test_a_versioned_name_runs_on_over_pieces_written_without_a_space(run, text, products):
    assert {e.name for e in run(text, "2025-02-14").entities if e.kind.value == "Product"} == products


def test_each_product_named_before_a_product_noun_is_announced(run):
    result = run("Alibaba released its Qwen2.5-VL and Qwen2.5-1M models in January.", "2025-02-14")
    assert {(r.subject, r.object) for r in result.relations if r.type is RelType.ANNOUNCED} == {
        ("Alibaba Group", "Qwen2.5-VL"),
        ("Alibaba Group", "Qwen2.5-1M"),
    }


def test_a_version_after_a_known_family_names_its_own_product(run):
    # the gazetteer knows the family "Ascend"; "910C" makes it one chip of that family
    result = run("Huawei's Ascend 910C chip will ship from May.", "2025-04-21")
    assert "Ascend 910C" in {e.name for e in result.entities if e.kind.value == "Product"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moyu released Lingxi 3 in January.", {("Moyu", "Lingxi 3")}),
        ("Kalpa Labs released Vaani 2 on Monday.", {("Kalpa Labs", "Vaani 2")}),
        ("Sahra AI launched Nakhla 2, an Arabic model.", {("Sahra AI", "Nakhla 2")}),
    ],
)
def test_a_name_and_number_a_launch_verb_takes_is_a_product_and_its_version(run, text, expected):
    assert {(r.subject, r.object) for r in run(text).relations if r.type is RelType.ANNOUNCED} == expected


def test_a_numbered_part_of_a_document_is_no_product(run):
    entities = run("The agency released Section 3 of its report.").entities
    assert "Section 3" not in {e.name for e in entities if e.kind is Kind.PRODUCT}
