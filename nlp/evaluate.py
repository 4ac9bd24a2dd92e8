"""Score extractions against a gold directory, with the rules of the gold-set guideline.

The figures equal those of the shared scorer (`score.py --json`): relations micro P/R/F1
overall and by type, entity P/R/F1 over (canonical name, kind) of the scored kinds, and the
share of matched dated gold relations whose predicted date starts with the gold date.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .records import ArticleIn, Extraction

SYMMETRIC = frozenset({"MET_WITH", "ALLIED_WITH"})
LOOSE_KINDS = frozenset({"Policy", "Product", "Event"})
ENTITY_KINDS = frozenset({"Country", "Person", "Organization", "Alliance"})
STOPWORDS = frozenset({"the", "a", "an", "of", "for", "on", "and", "to", "in", "its", "s"})
JACCARD_MIN = 0.5


def norm(text: str) -> str:
    """Return `text` lowercased, ASCII-folded, without possessives and punctuation."""
    text = (text or "").replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return " ".join(text.split())


def content_words(text: str) -> set[str]:
    """Return the normalised words of `text` minus stopwords."""
    return {w for w in norm(text).split() if w not in STOPWORDS}


def jaccard(a: str, b: str) -> float:
    """Return the Jaccard index of the content words of `a` and `b` (0 when either is empty)."""
    x, y = content_words(a), content_words(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def load_gold(gold_dir: Path) -> list[ArticleIn]:
    """Return the articles of the gold files in `gold_dir` (sorted by file name)."""
    return [ArticleIn.model_validate(doc) for doc in gold_docs(gold_dir)]


def gold_docs(gold_dir: Path) -> list[dict[str, Any]]:
    """Return the parsed gold files of `gold_dir`, sorted by file name."""
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(Path(gold_dir).glob("*.json"))]


@dataclass
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    dated: int = 0
    date_ok: int = 0
    etp: int = 0
    efp: int = 0
    efn: int = 0
    by_type: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    date_errors: list[dict[str, Any]] = field(default_factory=list)

    def bump(self, rel_type: str, key: str) -> None:
        self.by_type.setdefault(rel_type, {"tp": 0, "fp": 0, "fn": 0})[key] += 1


class GoldArticle:
    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.entities = {e["name"]: e for e in doc["entities"]}

    def forms(self, name: str) -> list[str]:
        entity = self.entities.get(name, {"name": name, "aliases": []})
        return [entity["name"], *entity.get("aliases", [])]

    def slot_matches(self, names: Iterable[str], predicted: str) -> bool:
        target = norm(predicted)
        for name in names:
            loose = self.entities.get(name, {}).get("kind") in LOOSE_KINDS
            for form in self.forms(name):
                if norm(form) == target or (loose and jaccard(form, predicted) >= JACCARD_MIN):
                    return True
        return False

    def matches(self, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
        if gold["type"] != pred.get("type"):
            return False
        subj, obj = pred.get("subject", ""), pred.get("object", "")
        if self.slot_matches(gold["subject"], subj) and self.slot_matches(gold["object"], obj):
            return True
        return (
            gold["type"] in SYMMETRIC
            and self.slot_matches(gold["subject"], obj)
            and self.slot_matches(gold["object"], subj)
        )


def _score_relations(gold: GoldArticle, preds: list[dict[str, Any]], counts: _Counts) -> None:
    golds = gold.doc["relations"]
    used: set[int] = set()
    seen: set[tuple[str, ...]] = set()
    for pred in preds:
        key: tuple[str, ...] = (
            pred.get("type", ""),
            norm(pred.get("subject", "")),
            norm(pred.get("object", "")),
        )
        if pred.get("type") in SYMMETRIC:
            key = (key[0], *sorted(key[1:]))
        if key in seen:
            continue  # one fact predicted twice counts once
        seen.add(key)
        hit = None
        for i, g in enumerate(golds):
            if i not in used and gold.matches(g, pred):
                hit = i
                if not g.get("optional"):
                    break
        rel_type = pred.get("type", "?")
        if hit is None:
            if not any(gold.matches(golds[i], pred) for i in used):
                counts.fp += 1
                counts.bump(rel_type, "fp")
                counts.errors.append(_error(gold, "false positive", pred))
            continue  # else: another wording of an already matched fact
        used.add(hit)
        if golds[hit].get("optional"):
            continue
        counts.tp += 1
        counts.bump(rel_type, "tp")
        gold_date, pred_date = golds[hit].get("date"), pred.get("date")
        if gold_date:
            counts.dated += 1
            right = bool(pred_date) and str(pred_date).startswith(gold_date)
            counts.date_ok += int(right)
            if not right:
                counts.date_errors.append({**_error(gold, "wrong date", pred), "gold_date": gold_date})
    for i, g in enumerate(golds):
        if i not in used and not g.get("optional"):
            counts.fn += 1
            counts.bump(g["type"], "fn")
            counts.errors.append(_error(gold, "miss", g))


def _error(gold: GoldArticle, what: str, rel: dict[str, Any]) -> dict[str, Any]:
    """Return one scoring error: a missed gold relation or an unmatched prediction, with its evidence."""
    names = [" | ".join(v) if isinstance(v, list) else v for v in (rel["subject"], rel["object"])]
    return {
        "article": gold.doc["id"],
        "error": what,
        "type": rel["type"],
        "subject": names[0],
        "object": names[1],
        "date": rel.get("date"),
        "evidence": rel.get("evidence", ""),
    }


def _score_entities(gold: GoldArticle, preds: list[dict[str, Any]], counts: _Counts) -> None:
    scored = {e["name"] for e in gold.doc["entities"] if e["kind"] in ENTITY_KINDS}
    found: set[str] = set()
    for pred in preds:
        if pred.get("kind") not in ENTITY_KINDS:
            continue
        target = norm(pred.get("name", ""))
        match = next((n for n in gold.entities if any(norm(f) == target for f in gold.forms(n))), None)
        if match is not None and match in scored and match not in found:
            found.add(match)
            counts.etp += 1
        elif match is None:
            counts.efp += 1
    counts.efn += len(scored - found)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Return precision, recall and F1 (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold_dir: Path, predictions: dict[str, Extraction]) -> dict[str, Any]:
    """Return the scores of `predictions` (by article id) against the gold files in `gold_dir`
    (see `score_records`)."""
    return score_records(
        gold_docs(gold_dir), {key: x.model_dump(mode="json") for key, x in predictions.items()}
    )


def score_records(docs: list[dict[str, Any]], predictions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Return the scores of `predictions` (by article id: {relations, entities} as `racegraph extract`
    writes them) against the gold articles `docs`.

    Keys: articles, predicted_articles, relations {p, r, f1, tp, fp, fn}, entities {p, r, f1},
    date_accuracy, by_type {TYPE: {p, r, f1, tp, fp, fn}}, errors (each miss and false positive:
    article, error, type, subject, object, date, evidence), date_errors (each found relation whose
    date is not the gold one: the same keys, the predicted date, and gold_date).
    """
    golds = {doc["id"]: GoldArticle(doc) for doc in docs}
    counts = _Counts()
    for gold_id, gold in golds.items():
        record = predictions.get(gold_id, {})
        _score_relations(gold, record.get("relations", []), counts)
        _score_entities(gold, record.get("entities", []), counts)
    rp, rr, rf = prf(counts.tp, counts.fp, counts.fn)
    ep, er, ef = prf(counts.etp, counts.efp, counts.efn)
    return {
        "articles": len(golds),
        "predicted_articles": len(set(predictions) & set(golds)),
        "relations": {"p": rp, "r": rr, "f1": rf, "tp": counts.tp, "fp": counts.fp, "fn": counts.fn},
        "entities": {"p": ep, "r": er, "f1": ef},
        "date_accuracy": counts.date_ok / counts.dated if counts.dated else 0.0,
        "by_type": {
            t: {**dict(zip(("p", "r", "f1"), prf(c["tp"], c["fp"], c["fn"]), strict=True)), **c}
            for t, c in sorted(counts.by_type.items())
        },
        "errors": counts.errors,
        "date_errors": counts.date_errors,
    }
