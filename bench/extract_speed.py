"""Words/sec of `extract_many` against bare `nlp.pipe` of the same model.

usage: python bench/extract_speed.py [--articles N] [--workers N] [--rounds N] [--model NAME]
       python bench/extract_speed.py --quality GOLD_DIR [GOLD_DIR ...]
       python -m bench.extract_speed --synthetic N

Articles are generated from sentences written here (varied names, dates and order), so
the bench needs no shared material. The two pipelines run in alternating rounds over slices
of the articles, so a change in the machine's load hits both alike. Prints words/s by wall
clock and by CPU time (this process plus its workers: what other sessions' load does not
change), their ratios, the median ratio of the rounds, and peak memory.

`--quality` instead scores `extract_many` and a naive baseline on gold folders, by relation
type. The baseline is the bare model's entities (PERSON, ORG, GPE, NORP, LOC by their text)
and, for each trigger word of `nlp/data/triggers.jsonl`, the nearest entity before it in the
sentence related to the nearest one after it.

`--synthetic N` scores `extract_many` on N articles of `bench.make_corpus` (seed 7) against what
their templates state: (type, subject, object) triples, either order for the symmetric types. The
templates are ours and few, so this measures the rules on many names and dates, not on real prose.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import spacy
from spacy.language import Language

from nlp.components.lexicon import data_dir, read_jsonl
from nlp.evaluate import SYMMETRIC, load_gold, prf, score
from nlp.extract import extract_many
from nlp.pipeline import DEFAULT_MODEL, load_pipeline
from nlp.records import ArticleIn, Entity, Extraction, Relation, entity_id

ACTORS = [
    "China",
    "the U.S.",
    "Japan",
    "the Netherlands",
    "South Korea",
    "Germany",
    "the EU",
    "India",
    "Taiwan",
]
COMPANIES = ["Nvidia", "Huawei", "TSMC", "ASML", "Samsung", "SMIC", "Alibaba", "OpenAI", "Micron", "Baidu"]
PEOPLE = [
    ("CEO", "Jensen Huang", "Nvidia"),
    ("Premier", "Li Qiang", "China"),
    ("Prime Minister", "Fumio Kishida", "Japan"),
]
WHEN = [
    "on Monday",
    "last week",
    "earlier this month",
    "in October",
    "last year",
    "on Thursday",
    "days earlier",
]
TEMPLATES = [
    "{a} {when} announced new export controls on advanced chips bound for {b}.",
    "{co} said it would resume shipments of its accelerators to {b} after a pause.",
    "{title} {person} met with officials from {a} {when} to discuss semiconductor supply chains.",
    "Analysts expect {a} to tighten rules on chipmaking equipment, people familiar with the matter said.",
    "{a} and {b} signed a partnership on artificial intelligence research {when}.",
    "The move comes as {co} faces growing competition from domestic rivals in {b}.",
    "{a} has sought to restrict {b}'s access to high-end processors since 2022.",
    "Officials in {a} declined to comment on the report, which cited unnamed sources.",
]


def make_articles(count: int, seed: int = 7) -> list[ArticleIn]:
    """Return `count` generated articles of 8-20 sentences in 2-5 paragraphs."""
    rng = random.Random(seed)
    articles = []
    for i in range(count):
        sentences = []
        for _ in range(rng.randint(8, 20)):
            title, person, _ = rng.choice(PEOPLE)
            sentences.append(
                rng.choice(TEMPLATES).format(
                    a=rng.choice(ACTORS),
                    b=rng.choice(ACTORS),
                    co=rng.choice(COMPANIES),
                    title=title,
                    person=person,
                    when=rng.choice(WHEN),
                )
            )
        cut = sorted(rng.sample(range(1, len(sentences)), k=min(3, len(sentences) - 1)))
        paragraphs = [
            " ".join(sentences[a:b]) for a, b in zip([0, *cut], [*cut, len(sentences)], strict=True)
        ]
        published = date(2023, 1, 1) + timedelta(days=rng.randint(0, 900))
        articles.append(ArticleIn(id=f"bench-{i}", text="\n\n".join(paragraphs), published=published))
    return articles


def words(articles: list[ArticleIn]) -> int:
    return sum(len(a.text.split()) for a in articles)


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the `n_process` workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(run: Callable[[], int]) -> tuple[float, float, int]:
    """Return wall seconds, CPU seconds and the result of `run()`."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = run()
    return time.perf_counter() - wall, cpu_seconds() - cpu, result


BASELINE_KINDS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Country", "NORP": "Country", "LOC": "Location"}


def baseline_extraction(bare: Language, article: ArticleIn, triggers: dict[str, str]) -> Extraction:
    """Return the naive baseline's extraction of `article` (see the module docstring)."""
    doc = bare(article.text)
    ents = [e for e in doc.ents if e.label_ in BASELINE_KINDS]
    relations = []
    for sent in doc.sents:
        inside = [e for e in ents if sent.start <= e.start < sent.end]
        for tok in sent:
            before = [e for e in inside if e.end <= tok.i]
            after = [e for e in inside if e.start > tok.i]
            if tok.lemma_ in triggers and before and after:
                subj, obj = before[-1], after[0]
                relations.append(
                    Relation(
                        type=triggers[tok.lemma_],
                        subject=subj.text,
                        object=obj.text,
                        subject_id=entity_id(BASELINE_KINDS[subj.label_], subj.text),
                        object_id=entity_id(BASELINE_KINDS[obj.label_], obj.text),
                        evidence=sent.text,
                        start=sent.start_char,
                        end=sent.end_char,
                        confidence=0.5,
                    )
                )
    kinds = {(BASELINE_KINDS[e.label_], e.text) for e in ents}
    entities = [Entity(id=entity_id(kind, name), name=name, kind=kind) for kind, name in sorted(kinds)]
    return Extraction(id=article.id, entities=entities, relations=relations)


def quality(gold_dirs: list[Path], model: str) -> None:
    """Print relation P/R/F1 by type, entity F1 and date accuracy of ours and of the baseline."""
    ours = load_pipeline(model)
    bare = spacy.load(model)
    triggers = {
        t["lemma"]: t["type"] for t in read_jsonl(data_dir() / "triggers.jsonl") if t["type"] != "AFFILIATED_WITH"
    }
    for gold_dir in gold_dirs:
        articles = load_gold(gold_dir)
        results = {
            "extract_many": score(gold_dir, {e.id: e for e in extract_many(ours, articles)}),
            "baseline": score(gold_dir, {a.id: baseline_extraction(bare, a, triggers) for a in articles}),
        }
        print(f"{gold_dir} ({len(articles)} articles)")
        for name, result in results.items():
            rel, ent = result["relations"], result["entities"]
            print(
                f"  {name:13} relations P {rel['p']:.2f} R {rel['r']:.2f} F1 {rel['f1']:.2f} "
                f"(tp {rel['tp']} fp {rel['fp']} fn {rel['fn']})  entities F1 {ent['f1']:.2f}  "
                f"dates {result['date_accuracy']:.2f}"
            )
            for rel_type, row in result["by_type"].items():
                print(f"    {rel_type:16} P {row['p']:.2f} R {row['r']:.2f} F1 {row['f1']:.2f}")


def synthetic_quality(count: int, model: str) -> None:
    """Print relation P/R/F1 by type of `extract_many` on generated articles against their templates."""
    from bench.make_corpus import generate  # the bench package; the gold-folder mode runs without it

    def triples(article_id: str, extraction: Extraction) -> set[tuple[str, ...]]:
        out = set()
        for r in extraction.relations:
            ends = sorted((r.subject, r.object)) if r.type.value in SYMMETRIC else [r.subject, r.object]
            out.add((article_id, r.type.value, *ends))
        return out

    pairs = list(generate(count, seed=7))
    truth = set().union(*(triples(a.id, x) for a, x in pairs))
    found = set().union(*(triples(e.id, e) for e in extract_many(load_pipeline(model), [a for a, _ in pairs])))
    print(f"{count} synthetic articles (bench.make_corpus, seed 7), {len(truth)} stated relations")
    for rel_type in [None, *sorted({t[1] for t in truth | found})]:
        stated = {t for t in truth if rel_type in (None, t[1])}
        got = {t for t in found if rel_type in (None, t[1])}
        tp, fp, fn = len(got & stated), len(got - stated), len(stated - got)
        p, r, f1 = prf(tp, fp, fn)
        print(f"  {rel_type or 'relations':16} P {p:.2f} R {r:.2f} F1 {f1:.2f} (tp {tp} fp {fp} fn {fn})")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=1, help="n_process for both runs")
    parser.add_argument("--rounds", type=int, default=4, help="alternating slices per pipeline")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--quality", nargs="+", type=Path, metavar="GOLD_DIR", help="score gold folders instead")
    parser.add_argument("--synthetic", type=int, metavar="N", help="score N generated articles instead")
    args = parser.parse_args(argv)
    if args.quality:
        quality(args.quality, args.model)
        return
    if args.synthetic:
        synthetic_quality(args.synthetic, args.model)
        return

    articles = make_articles(args.articles)
    bare = spacy.load(args.model)
    ours = load_pipeline(args.model)

    list(bare.pipe([a.text for a in articles[:50]]))  # warm-up: lazy tables, first-batch allocation
    list(extract_many(ours, articles[:50]))

    def run_bare(part: list[ArticleIn]) -> int:
        for _ in bare.pipe((a.text for a in part), n_process=args.workers, batch_size=args.batch_size):
            pass
        return 0

    def run_ours(part: list[ArticleIn]) -> int:
        stream = extract_many(ours, part, n_process=args.workers, batch_size=args.batch_size)
        return sum(len(extraction.relations) for extraction in stream)

    size = -(-len(articles) // args.rounds)
    totals = {"bare": [0.0, 0.0], "ours": [0.0, 0.0]}
    ratios, relations = [], 0
    for number in range(args.rounds):
        part = articles[number * size : (number + 1) * size]
        order = [("bare", run_bare), ("ours", run_ours)]
        wall = {}
        for name, run in order if number % 2 == 0 else order[::-1]:
            seconds, cpu, found = timed(lambda run=run, part=part: run(part))
            totals[name][0] += seconds
            totals[name][1] += cpu
            wall[name] = seconds
            relations += found
        ratios.append(wall["bare"] / wall["ours"])

    total = words(articles)
    bare_wps, ours_wps = total / totals["bare"][0], total / totals["ours"][0]
    bare_cpu, ours_cpu = total / totals["bare"][1], total / totals["ours"][1]
    print(f"model={args.model} articles={len(articles)} words={total} workers={args.workers} rounds={args.rounds}")
    print(f"bare nlp.pipe      {bare_wps:10.0f} words/s  {bare_cpu:10.0f} words/CPU-s")
    print(f"extract_many       {ours_wps:10.0f} words/s  {ours_cpu:10.0f} words/CPU-s  ({relations} relations)")
    print(f"ratio              {ours_wps / bare_wps:10.2f} wall    {ours_cpu / bare_cpu:10.2f} CPU")
    print(f"median round ratio {statistics.median(ratios):10.2f} wall")
    print(f"peak memory        {peak_mb():10.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
