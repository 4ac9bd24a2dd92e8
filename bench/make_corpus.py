"""A synthetic news corpus: N articles written from our own sentence templates over a large cast.

usage: python -m bench.make_corpus N --out FILE.jsonl [--seed S] [--extractions]

The cast is every ISO country (pycountry, with the canonical names of nlp/data), the
alliances of nlp/data, and generated companies, products, policies, officials and
executives whose number grows with N. Who appears in a sentence is drawn from a power
law (weight 1/rank), with the United States and China ranked first, so a few hubs take
a large share of the claims and a long tail appears once or twice, as in real news.

Each output line is an `ArticleIn` (the extraction contract) or, with --extractions,
`{"article": ArticleIn, "extraction": Extraction}` where the extraction states exactly
what the templates say (entities with their spans, dated relations with their evidence),
for benchmarking the write path without running spaCy. Same N and seed, same corpus.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import pycountry

from nlp.records import ArticleIn, Entity, Extraction, Kind, Mention, Relation, RelType, entity_id

EXTRACTOR_VERSION = "synthetic.v1"
HUBS = ("United States", "China")
# Ranked after the hubs; every other country follows in a seeded shuffle.
PROMINENT = (
    "Taiwan", "Japan", "South Korea", "Netherlands", "Germany", "United Kingdom", "India", "France",
    "Russia", "Israel", "Singapore", "Canada", "Australia", "United Arab Emirates", "Saudi Arabia", "Malaysia",
    "Vietnam", "Brazil", "Italy", "Ireland",
)
FIRST_NAMES = (
    "Marta", "Arjun", "Olena", "Dario", "Keiko", "Tomasz", "Amara", "Lucas", "Ingrid", "Rafael", "Priya",
    "Henrik", "Nadia", "Kofi", "Elena", "Mateo", "Yuki", "Samir", "Clara", "Jonas", "Leila", "Viktor",
    "Sofia", "Tariq", "Hana", "Pablo", "Astrid", "Kwame", "Irene", "Omar", "Mei", "Anders", "Lucia",
    "Ravi", "Greta", "Felix", "Zainab", "Nikolai", "Ana", "Daniel", "Farah", "Emil", "Rosa", "Hugo",
)
SYLLABLES = (
    "ka", "lo", "ven", "dra", "mir", "ta", "sel", "ro", "vi", "nor", "bel", "ash", "ko", "len", "ri",
    "sto", "mar", "den", "qui", "zan", "tor", "ell", "fa", "gru", "hal", "is", "jor", "lun", "pe", "sav",
)
SURNAME_ENDINGS = ("", "ko", "son", "sen", "ez", "ski", "ova", "ini", "ard", "berg", "er", "ani")
INDUSTRY = ("Systems", "Semiconductor", "Compute", "Dynamics", "Robotics", "Labs", "Micro", "Networks", "Photonics")
SUFFIXES = ("Corp.", "Inc.", "Ltd.", "Corporation")
PRODUCT_NOUNS = ("chip", "accelerator", "processor", "model", "supercomputer")
POLICY_ADJECTIVES = ("National", "Digital", "Sovereign", "Strategic", "Advanced", "Secure", "Open", "Frontier")
POLICY_TOPICS = ("AI", "Semiconductor", "Compute", "Data", "Chip", "Cloud", "Quantum", "Robotics")
POLICY_NOUNS = ("Act", "Plan", "Strategy", "Initiative", "Framework")
OFFICIAL_TITLES = (
    "Trade Minister", "Foreign Minister", "Commerce Minister", "Prime Minister", "Finance Minister",
    "Technology Minister", "Commerce Secretary", "Industry Minister",
)
ITEMS = (
    "advanced chips", "lithography tools", "AI accelerators", "high-bandwidth memory", "chipmaking equipment",
    "GPU servers", "rare earth magnets", "gallium", "cloud computing services", "chip design software",
)
TOPICS = (
    "artificial intelligence research", "semiconductor supply chains", "AI safety", "quantum computing",
    "critical minerals", "data centers", "export controls",
)
SOURCES = ("Meridian Ledger", "Harbor Wire", "Northgate Times", "Atlas Dispatch", "Quillpoint News", "Cobalt Review")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)
THE_NAMES = frozenset({"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros"})


@dataclass(frozen=True)
class Actor:
    """One member of the cast: its canonical name, kind, how the text names it, and its facts."""

    name: str
    kind: Kind
    surface: str = ""  # how a sentence names it, when not by its canonical name
    prefix: str = ""  # words before the name that are not part of it ("the ", "Trade Minister ")
    properties: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def id(self) -> str:
        return entity_id(self.kind, self.name)

    @property
    def text(self) -> str:
        return self.surface or self.name


@dataclass
class Pool:
    """Actors ranked by popularity; draws follow weight 1/rank."""

    actors: list[Actor]
    cumulative: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.cumulative = list(itertools.accumulate(1.0 / rank for rank in range(1, len(self.actors) + 1)))

    def draw(self, rng: random.Random, *, avoid: Actor | None = None) -> Actor:
        """Return an actor drawn by popularity, never `avoid`."""
        while True:
            pick = self.actors[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]
            if pick != avoid or len(self.actors) == 1:
                return pick


@dataclass(frozen=True)
class Template:
    """A sentence with slots, and the relations it states as (type, subject slot, object slot)."""

    text: str
    relations: tuple[tuple[RelType, str, str], ...] = ()
    hedged: bool = False
    item: str | None = None  # slot whose words are the relation's `item`


# Slot names say what fills them: c country, co company, pr a product of co, po policy, al alliance,
# ex an executive of co, of official; item, topic, n and when are plain words.
TEMPLATES = (
    Template("{c1} restricted exports of {item} to {c2} {when}.", ((RelType.RESTRICTED, "c1", "c2"),), item="item"),
    Template("{c1} curbed shipments of {item} to {c2} {when}.", ((RelType.RESTRICTED, "c1", "c2"),), item="item"),
    Template("{c1} banned sales of {item} to {co} {when}.", ((RelType.RESTRICTED, "c1", "co"),), item="item"),
    Template(
        "{c1} is weighing new limits on {item} bound for {c2}, according to people familiar with the matter.",
        ((RelType.RESTRICTED, "c1", "c2"),), hedged=True, item="item",
    ),
    Template("{co} launched the {pr} {when}.", ((RelType.ANNOUNCED, "co", "pr"),)),
    Template("{c1} introduced the {po} {when}.", ((RelType.ANNOUNCED, "c1", "po"),)),
    Template("{of1} met {of2} {when} to discuss {topic}.", ((RelType.MET_WITH, "of1", "of2"),)),
    Template(
        "{co} chief executive {ex} met {of1} {when}.",
        ((RelType.AFFILIATED_WITH, "ex", "co"), (RelType.MET_WITH, "ex", "of1")),
    ),
    Template("{c1} signed a security pact with {c2} {when}.", ((RelType.ALLIED_WITH, "c1", "c2"),)),
    Template("{c1} allied with {c2} on {topic} {when}.", ((RelType.ALLIED_WITH, "c1", "c2"),)),
    Template("{c1} joined the {al} {when}.", ((RelType.ALLIED_WITH, "c1", "al"),)),
    Template(
        "{ex}, the chief executive of {co}, said demand for {item} remained strong.",
        ((RelType.AFFILIATED_WITH, "ex", "co"),),
    ),
)
FILLERS = (
    Template("Officials in {c1} declined to comment on the report."),
    Template("Shares of {co} rose {n} percent in early trading."),
    Template("Analysts said the measures could reshape supply chains for {item}."),
    Template("The ministry received {n} comments during the consultation on {topic}."),
)


def _data(*parts: str) -> Path:
    return Path(str(resources.files("nlp").joinpath("data", *parts)))


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def country_actors(rng: random.Random) -> list[Actor]:
    """Return every ISO country named as the gazetteer names it, hubs first, then prominent, then shuffled."""
    overrides = {str(r["alpha2"]): str(r["name"]) for r in _read_jsonl(_data("gazetteers", "countries.jsonl"))}
    actors = {}
    for country in pycountry.countries:
        name = overrides.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
        if "," in name or "(" in name:
            continue
        the = name.startswith("United ") or name.endswith((" Islands", " Republic")) or name in THE_NAMES
        actors[name] = Actor(
            name, Kind.COUNTRY, prefix="the " if the else "",
            properties={"iso_alpha2": country.alpha_2, "iso_alpha3": country.alpha_3},
        )
    ranked = [actors.pop(name) for name in (*HUBS, *PROMINENT) if name in actors]
    rest = sorted(actors.values(), key=lambda a: a.name)
    rng.shuffle(rest)
    return ranked + rest


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def _unique(make: Iterator[str], count: int) -> list[str]:
    seen: dict[str, None] = {}
    for value in make:
        seen.setdefault(value, None)
        if len(seen) == count:
            break
    return list(seen)


@dataclass
class Cast:
    """Everyone the corpus talks about, each kind ranked by popularity."""

    countries: Pool
    companies: Pool
    officials: Pool
    policies: Pool
    alliances: Pool
    products: dict[str, Pool]  # by company name
    executives: dict[str, Actor]  # by company name


def make_cast(articles: int, rng: random.Random) -> Cast:
    """Return a cast sized for `articles`: about one company per 8 articles, one official per 6."""
    countries = country_actors(rng)
    n_companies, n_officials = max(60, articles // 8), max(80, articles // 6)
    company_names = _unique(
        (f"{_word(rng, rng.randint(2, 3))} {rng.choice(INDUSTRY)}" for _ in itertools.count()), n_companies
    )
    person_names = _unique(
        (
            f"{rng.choice(FIRST_NAMES)} {_word(rng, rng.randint(1, 2))}{rng.choice(SURNAME_ENDINGS)}"
            for _ in itertools.count()
        ),
        n_companies + n_officials,
    )
    product_names = iter(
        _unique(
            (f"{_word(rng, 2)} {rng.randint(2, 99)} {rng.choice(PRODUCT_NOUNS)}" for _ in itertools.count()),
            4 * n_companies,
        )
    )
    companies, products, executives = [], {}, {}
    for name, person in zip(company_names, person_names, strict=False):
        home = countries[min(int(rng.paretovariate(1.0)) - 1, len(countries) - 1)]
        suffix = rng.choice(SUFFIXES)
        companies.append(
            Actor(
                name, Kind.ORGANIZATION, surface=f"{name} {suffix}",
                properties={"type": "company", "country": home.properties["iso_alpha2"]},
            )
        )
        products[name] = Pool([Actor(next(product_names), Kind.PRODUCT) for _ in range(rng.randint(1, 4))])
        executives[name] = Actor(person, Kind.PERSON, properties={"role": "chief executive"})
    officials = []
    for person in person_names[n_companies:]:
        title = rng.choice(OFFICIAL_TITLES)
        officials.append(Actor(person, Kind.PERSON, prefix=f"{title} ", properties={"role": title}))
    policies = [
        Actor(" ".join(words), Kind.POLICY)
        for words in itertools.product(POLICY_ADJECTIVES, POLICY_TOPICS, POLICY_NOUNS)
    ]
    rng.shuffle(policies)
    alliances = [
        Actor(str(r["name"]), Kind.ALLIANCE)
        for r in _read_jsonl(_data("gazetteers", "alliances.jsonl"))
        if r.get("kind") == "Alliance"
    ]
    return Cast(
        countries=Pool(countries), companies=Pool(companies), officials=Pool(officials),
        policies=Pool(policies), alliances=Pool(alliances), products=products, executives=executives,
    )


def _when(rng: random.Random, published: date) -> tuple[str, str | None]:
    """Return a date phrase before `published` and the date it states (YYYY-MM-DD, YYYY-MM or None)."""
    day = published - timedelta(days=rng.randint(0, 45))
    roll = rng.random()
    if roll < 0.5:
        return f"on {day.day} {MONTHS[day.month - 1]} {day.year}", day.isoformat()
    if roll < 0.8:
        return f"in {MONTHS[day.month - 1]} {day.year}", day.isoformat()[:7]
    return "", None


@dataclass
class _Sentence:
    text: str
    spans: dict[str, tuple[int, int]]  # slot -> (start, end) of the actor's name within text
    actors: dict[str, Actor]
    words: dict[str, str]
    date: str | None


def _fill(template: Template, cast: Cast, rng: random.Random, published: date) -> _Sentence:
    actors: dict[str, Actor] = {}
    words: dict[str, str] = {}
    when, stated = _when(rng, published)
    slots = [name for _, name, _, _ in string.Formatter().parse(template.text) if name]
    for slot in slots:
        if slot.startswith("co"):
            actors[slot] = cast.companies.draw(rng)
    for slot in slots:
        if slot in actors:
            continue
        if slot.startswith("c"):
            actors[slot] = cast.countries.draw(rng, avoid=actors.get("c1"))
        elif slot == "pr":
            actors[slot] = cast.products[actors["co"].name].draw(rng)
        elif slot == "ex":
            actors[slot] = cast.executives[actors["co"].name]
        elif slot.startswith("of"):
            actors[slot] = cast.officials.draw(rng, avoid=actors.get("of1"))
        elif slot == "po":
            actors[slot] = cast.policies.draw(rng)
        elif slot == "al":
            actors[slot] = cast.alliances.draw(rng)
        elif slot == "when":
            words[slot] = when
        elif slot == "n":
            words[slot] = str(rng.randint(2, 4000))
        else:
            words[slot] = rng.choice(ITEMS if slot == "item" else TOPICS)
    text, spans = "", {}
    for literal, slot, _, _ in string.Formatter().parse(template.text):
        text += literal
        if slot in actors:
            text += actors[slot].prefix
            spans[slot] = (len(text), len(text) + len(actors[slot].text))
            text += actors[slot].text
        elif slot:
            text += words[slot]
    text = " ".join(text.split()).replace(" .", ".")  # an empty date phrase leaves a double space
    text = text[0].upper() + text[1:]
    # Collapsing spaces can only shift offsets after an empty {when}, which no template puts before a name.
    return _Sentence(text, spans, actors, words, stated)


def make_article(index: int, cast: Cast, rng: random.Random, seed: int) -> tuple[ArticleIn, Extraction]:
    """Return one article of 5-10 sentences in 2-3 paragraphs, and the extraction its templates state."""
    published = date(2023, 1, 1) + timedelta(days=rng.randint(0, 1094))
    count = rng.randint(5, 10)
    chosen = [rng.choice(TEMPLATES) for _ in range(count)]
    chosen = [t if rng.random() < 0.8 else rng.choice(FILLERS) for t in chosen]
    chosen[0] = chosen[0] if chosen[0].relations else rng.choice(TEMPLATES)
    sentences = [(t, _fill(t, cast, rng, published)) for t in chosen]
    breaks = set(rng.sample(range(1, count), k=min(2, count - 1)))
    text, starts = "", []
    for number, (_, sentence) in enumerate(sentences):
        if number:
            text += "\n\n" if number in breaks else " "
        starts.append(len(text))
        text += sentence.text

    entities: dict[str, Entity] = {}
    relations: list[Relation] = []
    for (template, sentence), start in zip(sentences, starts, strict=True):
        for slot, actor in sentence.actors.items():
            found = entities.setdefault(
                actor.id,
                Entity(id=actor.id, name=actor.name, kind=actor.kind, properties=dict(actor.properties)),
            )
            if actor.text != actor.name and actor.text not in found.aliases:
                found.aliases.append(actor.text)
            begin, end = sentence.spans[slot]
            found.mentions.append(Mention(start=start + begin, end=start + end))
        for rel_type, subject_slot, object_slot in template.relations:
            subject, obj = sentence.actors[subject_slot], sentence.actors[object_slot]
            relations.append(
                Relation(
                    type=rel_type, subject=subject.name, object=obj.name, subject_id=subject.id,
                    object_id=obj.id, evidence=sentence.text, start=start, end=start + len(sentence.text),
                    date=None if rel_type is RelType.AFFILIATED_WITH else sentence.date,
                    hedged=template.hedged, confidence=round(rng.uniform(0.6, 0.95), 2),
                    item=sentence.words[template.item] if template.item else None,
                )
            )
    source = rng.choice(SOURCES)
    article_key = f"synth-{seed}-{index:07d}"
    article = ArticleIn(
        id=article_key,
        text=text,
        title=sentences[0][1].text.rstrip("."),
        published=published,
        url=f"https://{source.lower().replace(' ', '-')}.example/{published.year}/{article_key}",
        source=source,
    )
    extraction = Extraction(
        id=article_key, entities=list(entities.values()), relations=relations, extractor_version=EXTRACTOR_VERSION
    )
    return article, extraction


def generate(count: int, seed: int = 1) -> Iterator[tuple[ArticleIn, Extraction]]:
    """Yield `count` articles with the extraction their templates state; the same count and seed
    give the same corpus."""
    rng = random.Random(seed)
    cast = make_cast(count, rng)
    for index in range(count):
        yield make_article(index, cast, rng, seed)


def read_extractions(path: Path) -> Iterator[tuple[ArticleIn, Extraction]]:
    """Yield the (article, extraction) pairs of a file written with --extractions."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            yield ArticleIn.model_validate(record["article"]), Extraction.model_validate(record["extraction"])


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="Number of articles.")
    parser.add_argument("--out", type=Path, required=True, help="JSONL file to write.")
    parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed gives the same corpus.")
    parser.add_argument(
        "--extractions", action="store_true", help='Write {"article", "extraction"} lines instead of articles.'
    )
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    claims = 0
    with args.out.open("w", encoding="utf-8") as sink:
        for article, extraction in generate(args.count, args.seed):
            claims += len(extraction.relations)
            if args.extractions:
                record = {"article": article.model_dump(mode="json"), "extraction": extraction.model_dump(mode="json")}
                sink.write(json.dumps(record) + "\n")
            else:
                sink.write(article.model_dump_json() + "\n")
    print(f"wrote {args.count} articles ({claims} stated relations) to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
