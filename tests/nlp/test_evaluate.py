"""`nlp.evaluate` gives the shared scorer's figures, and the seed article is extracted exactly."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from nlp.evaluate import GoldArticle, load_gold, score
from nlp.extract import extract_many
from nlp.records import Extraction

SEED = "cnbc-2025-07-26-china-ai-action-plan"


@pytest.fixture(scope="module")
def dev_predictions(nlp, shared_eval) -> dict[str, Extraction]:
    return {e.id: e for e in extract_many(nlp, load_gold(shared_eval / "dev"))}


def test_load_gold_reads_articles(shared_eval):
    articles = load_gold(shared_eval / "dev")
    seed = next(a for a in articles if a.id == SEED)
    assert seed.published is not None and seed.published.isoformat() == "2025-07-26"
    assert seed.text.startswith("SHANGHAI")


def test_scores_equal_the_shared_scorer(dev_predictions, shared_eval, tmp_path):
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("".join(e.model_dump_json() + "\n" for e in dev_predictions.values()))
    scorer = shared_eval / "score.py"
    completed = subprocess.run(
        [sys.executable, str(scorer), str(shared_eval / "dev"), str(pred_file), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    shared = json.loads(completed.stdout)
    for row in shared["by_type"].values():
        row["f1"] = row.pop("f")  # ours names F1 alike for the totals and the types
    ours = score(shared_eval / "dev", dev_predictions)
    assert len(ours.pop("errors")) == ours["relations"]["fp"] + ours["relations"]["fn"]
    wrong_dates = ours.pop("date_errors")
    assert all(e["error"] == "wrong date" and e["gold_date"] for e in wrong_dates)
    assert ours == shared


def test_missing_predictions_count_as_misses(shared_eval):
    result = score(shared_eval / "dev", {})
    assert result["relations"]["tp"] == 0 and result["relations"]["fn"] > 0
    assert result["predicted_articles"] == 0


def test_seed_article_every_gold_relation_and_no_false_positive(dev_predictions, shared_eval):
    gold_doc = json.loads((shared_eval / "dev" / f"{SEED}.json").read_text())
    gold = GoldArticle(gold_doc)
    preds = dev_predictions[SEED].model_dump(mode="json")["relations"]
    missed = [
        g
        for g in gold_doc["relations"]
        if not g.get("optional") and not any(gold.matches(g, p) for p in preds)
    ]
    wrong = [p for p in preds if not any(gold.matches(g, p) for g in gold_doc["relations"])]
    assert (missed, wrong) == ([], [])
