"""Words/sec of `extract_many` against bare `nlp.pipe` of the same model, in one run.

usage: python bench/extract_speed.py [--articles N] [--workers N] [--model NAME]

Articles are generated from sentences written here (varied names, dates and order), so
the bench needs no shared material. Prints words/sec of both, their ratio, peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date, timedelta

import spacy

from nlp.extract import extract_many
from nlp.pipeline import DEFAULT_MODEL, load_pipeline
from nlp.records import ArticleIn

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


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=1, help="n_process for both runs")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)

    articles = make_articles(args.articles)
    total = words(articles)
    bare = spacy.load(args.model)
    ours = load_pipeline(args.model)
    texts = [a.text for a in articles]

    list(bare.pipe(texts[:50]))  # warm-up: lazy tables, first-batch allocation
    list(extract_many(ours, articles[:50]))

    start = time.perf_counter()
    for _ in bare.pipe(texts, n_process=args.workers, batch_size=args.batch_size):
        pass
    bare_wps = total / (time.perf_counter() - start)

    start = time.perf_counter()
    relations = 0
    for extraction in extract_many(ours, articles, n_process=args.workers, batch_size=args.batch_size):
        relations += len(extraction.relations)
    ours_wps = total / (time.perf_counter() - start)

    print(f"model={args.model} articles={len(articles)} words={total} workers={args.workers}")
    print(f"bare nlp.pipe      {bare_wps:10.0f} words/s")
    print(f"extract_many       {ours_wps:10.0f} words/s  ({relations} relations)")
    print(f"ratio              {ours_wps / bare_wps:10.2f}")
    print(f"peak memory        {peak_mb():10.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
