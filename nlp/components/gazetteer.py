"""`racegraph_gazetteer`: lexicon matching of countries, blocs, companies, bodies, people and titles.

Gazetteer matches replace the statistical model's entities where they overlap (the small
model calls "Nvidia" a place and "H20" a country); model entities on the blocklist ("AI")
or inside a job title ("Secretary of *State*") are dropped. Spans keep the model's label
scheme only for what the gazetteer does not know; known spans get the `Kind` as label and
the canonical name as `kb_id_`. Title mentions go to `doc._.racegraph_titles`: those of
`titles.jsonl`, and office titles it cannot list ("Electronics and IT Minister", "Minister for
Trade and Industry"), cut at the names around them (the words of `portfolio_words.jsonl` tell a
portfolio from the name of its holder written right after it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pycountry
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans

from ..errors import ModelError
from .lexicon import LexiconPipe, read_csv, read_jsonl, resolve_data_path
from .spans import covered_tokens

logger = logging.getLogger(__name__)

VERSION = "racegraph.gazetteer.v10"
CAPITAL = "CAPITAL"
TITLE_ATTR = "racegraph_titles"
KINDS = ("Country", "Person", "Organization", "Alliance", "Policy", "Product", "Event", "Location")
PORTFOLIO_WORD = {"TEXT": {"REGEX": r"^[A-Z][A-Za-z\-]*$"}}
NAME_LABELS = frozenset({"PERSON", "Person"})
PORTFOLIO_JOINS = frozenset({"and", "&", "the", ",", "of", "for", "-"})


OFFICER_TITLE: list[dict[str, Any]] = [{"LOWER": "chief"}, {"IS_ALPHA": True, "OP": "{1,3}"}, {"LOWER": "officer"}]


def generic_title_patterns(office_heads: list[str]) -> list[list[dict[str, Any]]]:
    """Return the Matcher patterns of the titles the lexicon cannot list one by one, headed by an
    office word of `office_heads`: "Electronics and IT Minister", "Minister for Trade and Industry"."""
    head = {"TEXT": {"IN": office_heads}}
    return [
        [PORTFOLIO_WORD, {"LOWER": {"IN": ["and", "&"]}, "OP": "?"}, PORTFOLIO_WORD, head],
        [PORTFOLIO_WORD, head],
        # "Minister of Economy, Trade, and Industry": a portfolio may list its parts
        [head, {"LOWER": {"IN": ["of", "for"]}}, {"TEXT": {"REGEX": r"^([^\W\d_]+|,|&)$"}, "OP": "+"}],
    ]


def country_records(overrides: Path, demonyms: Path) -> list[dict[str, Any]]:
    """Return one gazetteer record per ISO country: pycountry names, our canonical names and aliases.

    pycountry supplies the codes and official names; our table decides the canonical name
    (Wikipedia style) and the short forms, so no fuzzy lookup ever maps "UK" to Uganda.
    """
    by_code = {row["alpha2"]: row for row in read_jsonl(overrides)}
    demonym_map: dict[str, list[str]] = {}
    for row in read_csv(demonyms):
        demonym_map.setdefault(row["alpha2"], []).append(row["demonym"])
    records = []
    for country in pycountry.countries:
        code = country.alpha_2
        override = by_code.get(code, {})
        common = getattr(country, "common_name", None)
        name = override.get("name") or common or country.name
        aliases = {country.name, *override.get("aliases", [])}
        for attr in ("common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                aliases.add(value)
        aliases = {a for a in aliases if "," not in a and "(" not in a and a != name}
        records.append(
            {
                "name": name,
                "kind": "Country",
                "aliases": sorted(aliases),
                "demonyms": demonym_map.get(code, []),
                "properties": {"iso_alpha2": code, "iso_alpha3": country.alpha_3},
            }
        )
    return records


def build_patterns(
    countries: Path,
    demonyms: Path,
    capitals: Path,
    alliances: Path,
    organizations: Path,
    misc: Path,
    offices: Path,
    titles: Path,
    blocklist: Path,
) -> dict[str, list[dict[str, Any]]]:
    """Return the serialisable lexicon: entity patterns, title patterns, blocklist and entity records."""
    entities: list[dict[str, Any]] = []
    patterns: list[dict[str, Any]] = []

    def add(record: dict[str, Any], forms: Iterable[str]) -> None:
        entities.append({k: record[k] for k in ("name", "kind", "properties") if k in record})
        for form in {record["name"], *forms}:
            if form.strip():
                patterns.append({"text": form, "kind": record["kind"], "name": record["name"]})
        for form in record.get("local_aliases", []):
            patterns.append({"text": form, "kind": record["kind"], "name": record["name"], "local": True})

    for record in country_records(countries, demonyms):
        add(record, [*record["aliases"], *record["demonyms"]])
    for path in (alliances, organizations, misc):
        for record in read_jsonl(path):
            if record.get("kind") not in KINDS:
                raise ModelError(f"{path}: kind {record.get('kind')!r} is not one of {KINDS}")
            props = dict(record.get("properties", {}))
            if record.get("members"):
                props["members"] = "|".join(record["members"])
            add({**record, "properties": props}, record.get("aliases", []))
    people = sorted({row["person"] for row in read_csv(offices)})
    for person in people:
        # "Lee Jae-myung" is also written "Lee Jae Myung": a romanised name's hyphen is often dropped
        spaced = " ".join(part.capitalize() for part in person.replace("-", " ").split())
        add({"name": person, "kind": "Person", "properties": {}}, [spaced] if "-" in person else [])
    for record in read_jsonl(capitals):
        patterns.append({"text": record["text"], "kind": CAPITAL, "name": record["target"]})
    title_patterns = [{"text": r["title"], "scope": r["scope"]} for r in read_jsonl(titles)]
    blocked = [{"text": r["text"]} for r in read_jsonl(blocklist)]
    return {"entities": entities, "patterns": patterns, "titles": title_patterns, "blocklist": blocked}


class GazetteerRuler(LexiconPipe):
    """Matches the lexicon and merges it with the model's entities; see the module docstring."""

    LEXICON = ("entities", "patterns", "titles", "blocklist", "office_heads", "portfolio_words")
    DOC_EXTENSIONS = (TITLE_ATTR,)

    def __init__(self, nlp: Language, name: str, overwrite_ents: bool) -> None:
        self.overwrite_ents = overwrite_ents
        super().__init__(nlp, name)

    def _build(self) -> None:
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.title_matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._targets: dict[str, tuple[str, str]] = {}
        exact: dict[str, list[Doc]] = {}
        lower: dict[str, list[Doc]] = {}
        make = self.nlp.make_doc
        self._local_keys: set[str] = set()
        for pattern in self.lexicon["patterns"]:
            key = f"{pattern['kind']}\t{pattern['name']}"
            if pattern.get("local"):
                key += "\tlocal"
                self._local_keys.add(key)
            self._targets[key] = (pattern["kind"], pattern["name"])
            text = pattern["text"]
            forms = {text}
            if len(text) > 3 and text.upper() != text:
                forms.add(text.upper())
            exact.setdefault(key, []).extend(make(f) for f in forms)
            doc = make(text)
            # multi-word names are safe to match case-insensitively ("Commerce department")
            if len(doc) > 1 and any(t.is_alpha and len(t) > 3 for t in doc):
                lower.setdefault(key, []).append(doc)
        for key, docs in exact.items():
            self.exact.add(key, docs)
        for key, docs in lower.items():
            self.lower.add(key, docs)
        # a body's home country, and each country's code: "Japan AI Safety Institute" is Japan's own
        records = self.lexicon["entities"]
        self._homes = {r["name"]: r["properties"]["country"] for r in records if r.get("properties", {}).get("country")}
        self._codes = {r["name"]: r["properties"]["iso_alpha2"] for r in records if r.get("kind") == "Country"}
        self._title_scope: dict[str, str] = {}
        for title in self.lexicon["titles"]:
            key = title["text"].lower()
            self._title_scope[key] = title["scope"]
            self.title_matcher.add(f"TITLE\t{title['scope']}", [make(title["text"])])
        self._blocked = {b["text"] for b in self.lexicon["blocklist"]}
        office_heads = [head["word"] for head in self.lexicon["office_heads"]]
        self._office_words = frozenset(office_heads)
        self._office_heads = {self.nlp.vocab.strings.add(word) for word in office_heads}
        self._portfolio_words = frozenset(w["word"].lower() for w in self.lexicon["portfolio_words"])
        # "chief investment officer", "Chief Business Officer": a company's officers are too many to list
        self.officer_titles = Matcher(self.nlp.vocab)
        self.officer_titles.add("TITLE\torg", [OFFICER_TITLE])
        self.generic_titles = Matcher(self.nlp.vocab)
        if office_heads:
            self.generic_titles.add("TITLE\tstate", generic_title_patterns(office_heads))

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        countries: str = "",
        demonyms: str = "",
        capitals: str = "",
        alliances: str = "",
        organizations: str = "",
        misc: str = "",
        offices: str = "",
        titles: str = "",
        blocklist: str = "",
        office_heads: str = "",
        portfolio_words: str = "",
    ) -> None:
        """Load the lexicon files (the shipped ones for every empty path) and build the matchers."""
        lexicon = build_patterns(
            resolve_data_path(countries, "gazetteers/countries.jsonl"),
            resolve_data_path(demonyms, "demonyms.csv"),
            resolve_data_path(capitals, "gazetteers/capitals.jsonl"),
            resolve_data_path(alliances, "gazetteers/alliances.jsonl"),
            resolve_data_path(organizations, "gazetteers/organizations.jsonl"),
            resolve_data_path(misc, "gazetteers/misc.jsonl"),
            resolve_data_path(offices, "offices.csv"),
            resolve_data_path(titles, "titles.jsonl"),
            resolve_data_path(blocklist, "gazetteers/blocklist.jsonl"),
        )
        heads = list(read_jsonl(resolve_data_path(office_heads, "office_heads.jsonl")))
        portfolio = list(read_jsonl(resolve_data_path(portfolio_words, "portfolio_words.jsonl")))
        self.lexicon = {**lexicon, "office_heads": heads, "portfolio_words": portfolio}
        self._build()

    def annotate(self, doc: Doc) -> Doc:
        """Return `doc` with gazetteer entities merged into `doc.ents` and titles recorded."""
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> tuple[list[Span], list[Span]]:
        """Return the gazetteer entity spans and the title spans found in `doc`."""
        strings = self.nlp.vocab.strings
        spans: list[Span] = []
        local: list[Span] = []
        for match_id, start, end in [*self.exact(doc), *self.lower(doc)]:
            kind, name = self._targets[strings[match_id]]
            span = Span(doc, start, end, label=kind, kb_id=name)
            (local if strings[match_id] in self._local_keys else spans).append(span)
        spans += [s for s in local if not self._abroad(s, spans)]
        titles = [
            Span(doc, s, e, label=strings[m].split("\t")[1])
            for m, s, e in self.title_matcher(doc)
            if e - s > 1 or doc[s].pos_ not in ("VERB", "AUX")  # "Son will chair Stargate"
        ]
        if self._office_heads.intersection(doc.to_array(ORTH).tolist()):
            titles.extend(Span(doc, s, e, label="state") for _, s, e in self.generic_titles(doc))
        titles.extend(Span(doc, s, e, label="org") for _, s, e in self.officer_titles(doc))
        return self._national_twins(doc, filter_spans(spans)), titles

    def _abroad(self, body: Span, spans: list[Span]) -> bool:
        """True when the country named last before a body's local name ("the Senate", "Congress") is
        not the body's own: in a story about Brazil, "the Senate" is Brazil's."""
        before = [s for s in spans if s.label_ == "Country" and s.end <= body.start]
        last = max(before, key=lambda s: s.start, default=None)
        return last is not None and self._codes.get(last.kb_id_) != self._homes.get(body.kb_id_)

    def _national_twins(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A country's word right before a body another country keeps under that name names the
        country's own body: "the Japan AI Safety Institute", "a U.S. AI Safety Institute"."""
        out: list[Span] = []
        for span in spans:
            prev = out[-1] if out else None
            home = self._homes.get(span.kb_id_)
            if prev is not None and prev.end == span.start and prev.label_ == "Country" and home is not None \
                    and self._codes.get(prev.kb_id_) != home:
                # the country stays a mention of its own; the body is named with it
                span = Span(doc, span.start, span.end, label=span.label_, kb_id=doc[prev.start : span.end].text)
            out.append(span)
        return out

    def set_annotations(self, doc: Doc, matches: tuple[list[Span], list[Span]]) -> Doc:
        """Merge the matches into `doc.ents` (gazetteer first) and store titles on the doc."""
        spans, titles = matches
        taken = covered_tokens(spans)
        # a title inside a name ("China's Foreign Ministry spokesperson") yields to the name; a
        # generic one is cut at names ("Japanese | Trade Minister | Yasutoshi Nishimura")
        names = {i for e in [*spans, *doc.ents] if e.label_ in NAME_LABELS for i in range(e.start, e.end)}
        titles = [t for t in (self._trim_title(doc, t, taken | names) for t in titles) if t is not None]
        titles = filter_spans(_join_overlaps([t for t in titles if not any(i in taken for i in range(t.start, t.end))]))
        title_tokens = {i for t in titles for i in range(t.start, t.end)}
        kept = _country_units(doc, spans)
        for ent in doc.ents:
            unit = _unit_named_by_country(ent, spans)
            if unit is not None:  # "Nexperia China": the company's unit, not the country
                kept = [s for s in kept if s is not unit]
                kept.append(ent)
                continue
            if any(i in taken for i in range(ent.start, ent.end)):
                date = _date_before(ent, taken)
                if date is not None:  # the model ran "in January, South Africa" into one date
                    kept.append(date)
                continue
            if ent.text in self._blocked or ent.text.rstrip("’'s") in self._blocked:
                continue
            in_title = [i in title_tokens for i in range(ent.start, ent.end)]
            # "Secretary of *State*": a title word is no organisation; a PERSON span may start
            # with a title ("President Xi"), which the resolver strips and keeps as the role
            if ent.label_ in ("ORG", "GPE", "NORP", "LOC", "FAC") and any(in_title) or all(in_title):
                continue
            kept.append(ent)
        doc.ents = filter_spans(kept) if self.overwrite_ents else doc.ents
        doc._.set(TITLE_ATTR, [[t.start, t.end, t.label_] for t in titles if t.start in title_tokens])
        return doc

    def _trim_title(self, doc: Doc, title: Span, taken: set[int]) -> Span | None:
        """Return a generic title cut to the words between names, or None when nothing is left.

        Lexicon titles pass unchanged. A generic title keeps its office word, and one that
        runs on with "of"/"for" must end right before a name ("Minister of Trade Yasutoshi").
        """
        if not any(t.text in self._office_words for t in title) or title.text.lower() in self._title_scope:
            return title
        start, end = title.start, title.end
        while start < end and (start in taken or (doc[start].is_stop and not doc[start].is_title)):
            start += 1
        if doc[start].lower_ in ("the", "a", "an") and start < end:
            start += 1
        cut = next((i for i in range(start, end) if i in taken), end)
        # a portfolio is nouns and connectors: a verb ("... Vaishnaw met Jensen Huang") ends it
        cut = next((i for i in range(start + 1, cut) if doc[i].is_lower and doc[i].pos_ in ("VERB", "AUX")), cut)
        # "Minister for Electronics Shri Ashwini Vaishnaw": an honorific starts the name
        cut = next((i for i in range(start + 1, cut) if self._title_scope.get(doc[i].lower_) == "honorific"), cut)
        heads = [i for i in range(start, cut) if doc[i].text in self._office_words]
        if not heads:
            return None
        runs_on = any(doc[i].lower_ in ("of", "for") for i in range(heads[0], cut))
        holder = self._holder_inside(doc, heads[0], cut) if runs_on else cut
        if runs_on and holder == cut == end and not (end < len(doc) and end in taken):
            cut = next(i for i in range(heads[0], end) if doc[i].lower_ in ("of", "for"))
        cut = min(cut, holder)
        while cut > start and doc[cut - 1].lower_ in ("and", "&", "of", "for", "the", ","):
            cut -= 1
        if runs_on:
            cut = _portfolio_end(doc, heads[0], cut)
        return Span(doc, start, cut, label=title.label_) if cut > start else None

    def _holder_inside(self, doc: Doc, head: int, end: int) -> int:
        """Where a portfolio ends when the holder's name follows it with no comma ("Minister for Digital
        Development and Information Josephine Teo"): at the first capitalised word that is no portfolio's,
        when only two or three capitalised words of a name are left; `end` otherwise."""
        of = next((i for i in range(head, end) if doc[i].lower_ in ("of", "for")), end)
        portfolio = self._portfolio_words | PORTFOLIO_JOINS
        first = next((i for i in range(of + 1, end) if doc[i].lower_ not in portfolio), end)
        name = [t for t in doc[first:end] if t.text != "-"]
        if first > of + 1 and 2 <= len(name) <= 3 and all(t.is_title for t in name):
            return first
        return end

    def entity_records(self) -> list[dict[str, Any]]:
        """Return the known entities (name, kind, properties) of the lexicon."""
        return self.lexicon["entities"]



def _portfolio_end(doc: Doc, head: int, end: int) -> int:
    """Where a listed portfolio ends when the holder's name follows it after a comma ("Minister of
    Science, Technology and Innovation, Luiza Serra"): the last comma, when what comes after it is two
    or three capitalised words with no connector; a part of the portfolio ("Trade and Industry") has one."""
    comma = next((i for i in range(end - 1, head, -1) if doc[i].text == ","), None)
    if comma is None or not 2 <= end - comma - 1 <= 3:
        return end
    if all(t.is_title and t.pos_ == "PROPN" for t in doc[comma + 1 : end]):
        return comma
    return end


def _date_before(ent: Span, taken: set[int]) -> Span | None:
    """The part of a model date before the first word a lexicon name takes ("January" of "January,
    South Africa"), or None when it is no date or nothing is left."""
    if ent.label_ not in ("DATE", "TIME"):
        return None
    end = next(i for i in range(ent.start, ent.end) if i in taken)
    while end > ent.start and (ent.doc[end - 1].is_punct or ent.doc[end - 1].is_space):
        end -= 1
    return Span(ent.doc, ent.start, end, label=ent.label_) if end > ent.start else None


def _country_units(doc: Doc, spans: list[Span]) -> list[Span]:
    """`spans` with a known company's name and the country's right after it joined into one name, the
    company's unit there, when no noun follows ("ordered Hikvision Canada, the local arm, to ...");
    "Nvidia China sales" stays a company and a country."""
    countries = {s.start: s for s in spans if s.label_ == "Country"}
    units = []
    for org in spans:
        country = countries.get(org.end) if org.label_ == "Organization" else None
        after = doc[country.end] if country is not None and country.end < len(doc) else None
        if country is not None and (after is None or after.pos_ not in ("NOUN", "PROPN", "PART", "NUM")):
            units.append((org, country))
    joined = {id(s) for pair in units for s in pair}
    return [s for s in spans if id(s) not in joined] + [Span(doc, o.start, c.end, label="ORG") for o, c in units]


def _unit_named_by_country(ent: Span, spans: list[Span]) -> Span | None:
    """The country match that ends a company name the model found ("Nexperia China", "Microsoft
    India"), when only capitalised words the lexicon does not know come before it; else None."""
    if ent.label_ != "ORG" or len(ent) < 2:
        return None
    inside = [s for s in spans if s.start < ent.end and ent.start < s.end]
    if len(inside) != 1 or inside[0].label_ != "Country" or inside[0].end != ent.end:
        return None
    before = ent.doc[ent.start : inside[0].start]
    if not len(before) or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in before):
        return None
    return inside[0]


def _join_overlaps(titles: list[Span]) -> list[Span]:
    """Return `titles` plus the union of each pair that overlaps without nesting
    ("[Under Secretary of Commerce]" + "[Secretary of Commerce for industry]") and of each pair of
    company titles that meet ("[chief] [analyst]")."""
    joined = list(titles)
    for a in titles:
        for b in titles:
            # "chief" + "analyst": a company's titles written one after the other are one
            adjacent = a.end == b.start and a.label_ == b.label_ == "org"
            if a.start < b.start < a.end < b.end or adjacent:
                joined.append(Span(a.doc, a.start, b.end, label=a.label_))
    return joined


@Language.factory(
    "racegraph_gazetteer",
    default_config={"overwrite_ents": True},
    assigns=["doc.ents", f"doc._.{TITLE_ATTR}"],
    requires=["doc.ents"],
)
def make_gazetteer_ruler(nlp: Language, name: str, overwrite_ents: bool) -> GazetteerRuler:
    """Return a `GazetteerRuler`; its lexicon is loaded by `initialize()`."""
    return GazetteerRuler(nlp, name, overwrite_ents)
