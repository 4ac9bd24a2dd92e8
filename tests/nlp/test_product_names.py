"""Products named by version: new models and chips every month, faster than any gazetteer."""

from __future__ import annotations

import pytest

from nlp.records import RelType


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
