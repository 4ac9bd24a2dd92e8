"""`racegraph_resolver`: map every entity mention to a canonical identity.

Gazetteer spans already carry their canonical name. The resolver cleans the model's own
PERSON/ORG/GPE spans (titles and honorifics stripped and kept as roles, "the" and company
suffixes dropped, hyphenated names rejoined), decides capital-city metonymy ("Beijing vowed"
"Washington and New Delhi agreed", "talks with Washington" are countries, "in Beijing" is a
place), links surnames
to the nearest compatible full name ("Premier Li" -> "Li Qiang"), including surnames the model
left unlabelled, falls back on the dated office-holder table ("President Xi" -> "Xi Jinping",
"the Chinese president" -> its holder on the publication date), turns "the Biden
administration" into the country its head governed, and names products by their version
("GPT-5", "Claude Opus 4": `product_names`). The result: `doc.ents` labelled with
`Kind` values and `kb_id_` = canonical name, and `doc._.racegraph_entities` with each
entity's aliases and mention offsets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span, Token
from spacy.training import Example
from spacy.util import filter_spans

from ..records import slugify
from .gazetteer import CAPITAL, KINDS, TITLE_ATTR, GazetteerRuler
from .lexicon import LexiconPipe, read_csv, read_jsonl, resolve_data_path
from .name_shapes import (
    POSSESSIVE,
    acronym_mentions,
    after_company_title,
    capitalised,
    capitalised_complement,
    describes,
    holder_start,
    in_capitalised_name,
    inside_a_longer_name,
    list_head,
    listed_among_companies,
    looks_like_a_name,
    of_a_person,
    portfolio_run_end,
    proper,
    set_off_before_title,
    surname_of_named,
)
from .product_names import MODEL_LABELS, VersionWords, product_names, versioned
from .spans import covered_tokens

logger = logging.getLogger(__name__)

VERSION = "racegraph.resolver.v10"
ENTITIES_ATTR = "racegraph_entities"
PUBLISHED_ATTR = "racegraph_published"
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
# words before a title that name a past holder; relation_rules/affiliations.py reads them too
FORMER = frozenset({"former", "then", "ex", "erstwhile", "outgoing", "late", "past", "previous"})
# "Lagos-based X": what is based or headquartered somewhere is an organisation, not a person
BASED = frozenset({"based", "headquartered"})
# the model's labels the resolver reads as places, and as named things of one Kind
PLACE_LABELS = ("GPE", "LOC", "FAC")
NAMED_LABELS = {"EVENT": "Event", "PRODUCT": "Product", "LAW": "Policy"}
# the Kinds a name's last word gives it, in the order they are tried, and their roles in resolver_words
NAME_HEADS = (("Event", "event"), ("Policy", "policy"), ("Location", "place"))
# what the model may have called a company's name that the resolver then dropped ("" for nothing)
NAME_GUESSES = frozenset({"", "PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT"})
# where `_classify` sends a span: resolved, a person to link to a full name, or one loose word
KNOWN, PERSON, LOOSE = "known", "person", "loose"


def _hyphenated(span: Span, keyed: dict[str, list[Span]]) -> Span:
    """`span` with the hyphen and word written on to it when together they are a surname named before
    ("Meinl" in "Meinl-Reisinger"), else `span`."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != "-" or span[-1].whitespace_ or doc[span.end].whitespace_:
        return span
    joined = Span(doc, span.start, span.end + 2, label=span.label_, kb_id=span.kb_id_)
    return joined if joined.text in keyed else span


def _with_last_syllable(person: Span) -> Span:
    """A full name with the syllable the model cut after a hyphen ("Han Jae" of "Han Jae-won", "Ahn
    Duk-geun"): a lowercase word written on to the name."""
    doc = person.doc
    end = person.end
    if end + 1 >= len(doc) or doc[end].text != "-" or person[-1].whitespace_:
        return person
    syllable = doc[end + 1]
    # "Jae-won", "Ming-hsin"; not "Elon Musk-founded", "Huang-led"
    if doc[end].whitespace_ or not (syllable.is_alpha and syllable.is_lower and len(syllable) <= 5):
        return person
    if syllable.pos_ in ("VERB", "ADJ") or syllable.text.endswith("ed"):
        return person
    return Span(doc, person.start, end + 2, label=person.label_, kb_id=doc[person.start : end + 2].text)


def _with_first_word(span: Span) -> Span:
    """An organisation's span with the sentence's first word when the model dropped it there but the
    article writes the two together again: "Thinking Machines Lab, the startup ..." (read as a verb
    opening the sentence) after or before "Thinking Machines"."""
    doc = span.doc
    first = doc[span.start - 1] if span.start > 0 else None
    if span.label_ != "Organization" or first is None or not first.is_sent_start or not first.is_title:
        return span
    if not first.is_alpha or first.is_stop or doc.text.count(f"{first.text} {span[0].text}") < 2:
        return span
    return Span(doc, first.i, span.end, label=span.label_, kb_id=doc[first.i : span.end].text)


def _joined_pairs(doc: Doc, spans: list[Span], joins: Callable[[Span], bool]) -> Iterator[tuple[Span, Span]]:
    """Yield each two spans with one or two words between them that `joins` accepts ("and", "e", "and
    the")."""
    starts = {s.start: s for s in spans}
    for first in spans:
        second = next((starts[first.end + gap] for gap in (1, 2) if first.end + gap in starts), None)
        if second is not None and joins(doc[first.end : second.start]):
            yield first, second


def _office_valid(office: dict[str, str], on: str | None) -> bool:
    if on is None:
        return not office["end"]
    return office["start"] <= on and (not office["end"] or on < office["end"])


class EntityResolver(LexiconPipe):
    """Turns entity mentions into canonical entities; see the module docstring."""

    LEXICON = ("entities", "offices", "titles", "suffixes", "words")
    DOC_EXTENSIONS = (ENTITIES_ATTR, PUBLISHED_ATTR)
    # the model's own English word list (its lemmatizer's), read at initialize: "Host" opening a
    # sentence is a word, "Amitesh" a name
    _english_words: frozenset[str] = frozenset()

    def _build(self) -> None:
        self._records = {(r["kind"], r["name"]): r for r in self.lexicon["entities"]}
        self._offices: dict[str, list[dict[str, str]]] = {}
        self._offices_by_token: dict[str, set[str]] = {}
        for office in self.lexicon["offices"]:
            self._offices.setdefault(office["person"], []).append(office)
            tokens = office["person"].split()
            for token in (tokens[0], tokens[-1]):
                self._offices_by_token.setdefault(token, set()).add(office["person"])
        # "Luiz Inacio Lula da Silva" written without its accents is the office holder all the same
        self._office_spellings = {slugify(person): person for person in self._offices}
        self._titles = {t["title"].lower() for t in self.lexicon["titles"]}
        self._title_words = {word for title in self._titles for word in title.split()}
        # "chief executive" holds the office the table calls "CEO"
        self._roles = {t["title"].lower(): t["role"].lower() for t in self.lexicon["titles"] if t.get("role")}
        suffixes = self.lexicon["suffixes"]
        self._suffixes = sorted((s["suffix"] for s in suffixes if s.get("strip", True)), key=len, reverse=True)
        # words that end company names ("Stars Microelectronics") whatever the model called the span
        self._org_heads = {s["suffix"] for s in suffixes}
        # last words of the legal forms ("Ltd", "Inc."): one ends a name that may hold an "and"
        self._legal_words = {s["suffix"].split()[-1] for s in suffixes if s.get("strip", True)}
        words: dict[str, set[str]] = {}
        for word in self.lexicon["words"]:
            words.setdefault(word["role"], set()).add(word["word"])
        # nouns that make a leader's name a country ("the Biden administration")
        self._government = frozenset(words.get("government", ()))
        # lowercase words inside a name in other languages: "Cassa Depositi e Prestiti", "Banco do Brasil"
        self._name_connectors = frozenset(words.get("name_connector", ()))
        self._name_possessors = frozenset(words.get("name_possessor", ()))
        # last words that make a name an event, a policy or a place ("Paris summit", "CHIPS Act")
        self._heads = {kind: frozenset(words.get(f"{role}_head", ())) for kind, role in NAME_HEADS}
        # a title after these names no one in office: "a Chinese president", "the former CEO"
        self._no_holder = FORMER | words.get("indefinite", set())
        # a place name the model guessed acts like a company with these: "Renesas's chief executive",
        # "Renesas launched", "a plant built by Renesas"
        # last words of a pact's name: "the Seoul Declaration", "the Paris Agreement"
        self._pact_heads = frozenset(words.get("pact_head", ()))
        self._company_nouns = frozenset(words.get("company_noun", ()))
        self._company_verbs = frozenset(words.get("company_verb", ()))
        self._org_kinds = frozenset(words.get("organization_kind", ()))
        # last words of a company's name that end no person's ("Sahab AI"), though a pact's may end so
        self._company_last_words = frozenset(words.get("company_last_word", ()))
        # first words of a government body's name ("Ministry of Science and ICT")
        self._body_heads = frozenset(words.get("body_head", ()))
        # last words of a body's name after its country's: "the Kenya Space Agency"
        self._body_last_words = frozenset(words.get("body_last_word", ()))
        # last words of a title, never of a name: "the company's Chief Business Officer"
        self._title_last_words = frozenset(words.get("title_last_word", ()))
        self._company_agent_of = frozenset(words.get("company_agent_of", ()))
        # common nouns a product's name qualifies: "Nvidia's Grace Hopper chips" names no person
        self._product_nouns = frozenset(words.get("product_noun", ()))
        self._version_words = VersionWords(
            frozenset(words.get("version_tier", ())),
            frozenset(words.get("counted", ())),
            frozenset(words.get("launch", ())),
            frozenset(words.get("numbered_part", ())),
        )

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        offices: str = "",
        titles: str = "",
        suffixes: str = "",
        words: str = "",
    ) -> None:
        """Load the office-holder table, titles, company suffixes and words; the entity records are
        those of the pipeline's gazetteer (whatever its pipe is called), so a gazetteer loaded from
        the user's own files is the one both pipes know (none without that pipe)."""
        pipes = nlp.pipeline if nlp is not None else []
        gazetteer = next((pipe for _, pipe in pipes if isinstance(pipe, GazetteerRuler)), None)
        self.lexicon = {
            "entities": list(gazetteer.entity_records()) if gazetteer is not None else [],
            "offices": [dict(row) for row in read_csv(resolve_data_path(offices, "offices.csv"))],
            "titles": list(read_jsonl(resolve_data_path(titles, "titles.jsonl"))),
            "suffixes": list(read_jsonl(resolve_data_path(suffixes, "gazetteers/org_suffixes.jsonl"))),
            "words": list(read_jsonl(resolve_data_path(words, "resolver_words.jsonl"))),
        }
        self._build()
        lemmatizer = nlp.get_pipe("lemmatizer") if nlp is not None and "lemmatizer" in nlp.pipe_names else None
        if isinstance(lemmatizer, Lemmatizer):
            index = lemmatizer.lookups.get_table("lemma_index", {})
            self._english_words = frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, []))

    # -- public lookups used by the relation extractor -------------------------------------------
    def offices_of(self, person: str, on: str | None) -> list[dict[str, str]]:
        """Return the offices `person` held on date `on` (ISO string), the current ones when None."""
        return [o for o in self._offices.get(person, []) if _office_valid(o, on)]

    def record(self, kind: str, name: str) -> dict[str, Any] | None:
        """Return the lexicon record of a known entity, or None."""
        return self._records.get((kind, name))

    # -- pipeline ------------------------------------------------------------------------------
    def annotate(self, doc: Doc) -> Doc:
        """Return `doc` with canonical entity labels and `doc._.racegraph_entities` set."""
        return self.set_annotations(doc, self.resolve(doc))

    def resolve(self, doc: Doc) -> list[Span]:
        """Return the entity spans of `doc`, labelled with a Kind and carrying the canonical name."""
        published = doc._.get(PUBLISHED_ATTR)
        titles = doc._.get(TITLE_ATTR) or []
        title_starts = {start: end for start, end, _ in titles}
        title_ends = {holder_start(doc, start, end) for start, end, _ in titles}
        found: dict[str, list[Span]] = {KNOWN: [], PERSON: [], LOOSE: []}
        for ent in doc.ents:
            where, span = self._classify(ent, title_starts, title_ends)
            if span is not None:
                found[where].append(span)
        loose = found[LOOSE]
        people = self._link_people(found[PERSON], loose, published)
        linked = {p.start for p in people}
        out = [*found[KNOWN], *(s for s in loose if s.start not in linked and s.label_ != "NORP")]
        spans = filter_spans([*out, *people])
        spans = filter_spans([*self._national_bodies(doc, spans), *spans])
        spans = filter_spans([*spans, *self._office_mentions(doc, spans, published)])
        spans = filter_spans([*spans, *self._titled_names(doc, spans)])
        spans = filter_spans([*self._named_pacts(doc, spans), *spans])
        spans = filter_spans([*spans, *self._surname_mentions(doc, spans)])
        spans = filter_spans([*self._office_holder_names(doc, spans, published), *spans])
        spans = filter_spans([*spans, *self._acting_companies(doc, spans)])
        spans = filter_spans([*self._names_with_and(doc, spans), *spans])
        spans = filter_spans([*self._names_with_connectors(doc, spans), *spans])
        spans = filter_spans([*spans, *self._described_companies(doc, spans), *self._title_owners(doc, spans)])
        spans = filter_spans([*spans, *self._apposed_companies(doc, spans)])
        spans = filter_spans([*spans, *self._listed_companies(doc, spans)])
        spans = acronym_mentions(doc, [_with_first_word(self._with_legal_form(s)) for s in spans])
        # "sensor supplier Vantage9" is a company whatever its digits say
        model_spans = [e for e in doc.ents if e.label_ in MODEL_LABELS and not self._introduced_as_a_company(e)]
        spans, products = product_names(doc, spans, model_spans, self._version_words)
        named = covered_tokens(products)
        return filter_spans([*products, *(s for s in spans if not named.intersection(range(s.start, s.end)))])

    def _classify(self, ent: Span, title_starts: dict[int, int], title_ends: set[int]) -> tuple[str, Span | None]:
        """Return where a span of `doc.ents` goes (KNOWN, a PERSON to link, or LOOSE: one word that
        may be a surname) and the span cleaned and labelled with a Kind, None when it names nothing."""
        doc = ent.doc
        label = ent.label_
        if label in ("ORG", "GPE", "LOC") and looks_like_a_name(ent) and (
            ent.start in title_ends or set_off_before_title(ent, title_starts)
        ):
            label = "PERSON"  # "chief executive Arjun Isez", "Arjun Isez, the chief executive of X"
        gov = self._government_of(ent) if label in ("PERSON", "ORG", "NORP", "GPE") else None
        if label in ("PRODUCT", "EVENT", "LAW", "GPE", "LOC", "FAC", "WORK_OF_ART") and (
            ent[-1].text in self._org_heads or self._introduced_as_a_company(ent)
        ):
            label = "ORG"
        if gov is not None:
            return KNOWN, gov
        if label in KINDS:
            return (PERSON if label == "Person" else KNOWN), ent
        if label == CAPITAL:
            return KNOWN, self._capital(ent)
        if label == "PERSON" and (
            self._owned_like_a_company(ent)
            or self._described_as_a_company(ent)
            or self._introduced_as_a_company(ent)
            or ent[-1].text in self._org_heads
            or ent[-1].text in self._company_last_words
            or after_company_title(ent)
            or (len(ent) == 1 and listed_among_companies(ent.root) and not surname_of_named(ent))
        ):  # "Hanbit Semitech Labs": a company word ends no person's name; "Toyota, Sony and Denso" list firms
            name = self._strip(ent) or ent
            return KNOWN, Span(doc, name.start, name.end, label="Organization", kb_id=name.text)
        if label == "PERSON" and ent.end < len(doc) and doc[ent.end].lower_ in self._product_nouns:
            return KNOWN, Span(doc, ent.start, ent.end, label="Product", kb_id=ent.text)
        if label == "PERSON":
            return PERSON, self._clean_person(ent, title_starts)
        if label == "ORG":
            span = self._clean_org(ent)
            alone = span is not None and len(span) == 1 and span.label_ == "Organization"
            return (LOOSE if alone else KNOWN), span
        if label == "NORP":
            return LOOSE, Span(doc, ent.start, ent.end, label="NORP") if len(ent) == 1 else None
        span = self._strip(ent) if label in (*PLACE_LABELS, *NAMED_LABELS) else None
        if span is None:
            return KNOWN, None
        if label in PLACE_LABELS and self._acts_like_a_company(span):
            return KNOWN, Span(doc, span.start, span.end, label="Organization", kb_id=span.text)
        if label in PLACE_LABELS:
            place = Span(doc, span.start, span.end, label="Location", kb_id=_pretty(span.text))
            return (LOOSE if len(span) == 1 and label == "GPE" else KNOWN), place
        return KNOWN, Span(doc, span.start, span.end, label=NAMED_LABELS[label], kb_id=span.text)

    def _titled_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Return Person spans for two or three capitalised words the model left unlabelled right
        after a title: "National Security Advisor Ajit Doval", where the small model knows the title's
        words but not the name."""
        taken = covered_tokens(spans)
        found = []
        countries = {s.start: s.end for s in spans if s.label_ == "Country"}
        for start, end, _ in doc._.get(TITLE_ATTR) or []:
            end = holder_start(doc, start, end)
            if end + 1 < len(doc) and doc[end].lower_ == "of":
                # "President of the Kyrgyz Republic Sadyr Japarov": the name after the country's
                state = end + 2 if doc[end + 1].lower_ == "the" else end + 1
                end = countries.get(state, end)
            stop = end
            while stop < min(end + 4, len(doc)) and stop not in taken and self._name_word(doc[stop]):
                stop += 1
            # "vice chairman of the Taiwan Semiconductor Industry Association": a body, not a name
            body = any(t.text in self._org_heads for t in doc[end:stop])
            # "Chief Business Officer": the title goes on past the words the lexicon knows
            body = body or doc[stop - 1].lower_ in self._title_last_words
            if 2 <= stop - end <= 3 and not body and (stop == len(doc) or not self._name_word(doc[stop])):
                found.append(_with_last_syllable(Span(doc, end, stop, label="Person", kb_id=doc[end:stop].text)))
            named = self._name_before(doc, start, taken)
            if named is not None:
                found.append(named)
        return found

    def _name_before(self, doc: Doc, title_start: int, taken: set[int]) -> Span | None:
        """"N Chandrasekaran, chairman of Tata Sons": an unlabelled name set off before a title, an
        initial allowed first."""
        comma = title_start - 1
        if comma > 0 and doc[comma].lower_ in ("the", "a", "an"):
            comma -= 1
        if comma < 2 or doc[comma].text != ",":
            return None
        first = comma
        while first > max(0, comma - 3) and first - 1 not in taken and (
            self._name_word(doc[first - 1]) or (doc[first - 1].is_upper and len(doc[first - 1].text.rstrip(".")) == 1)
        ):
            first -= 1
        if comma - first < 2 or (first > 0 and doc[first - 1].is_title and not doc[first - 1].is_sent_start):
            return None
        return Span(doc, first, comma, label="Person", kb_id=doc[first:comma].text)

    def _acting_companies(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Return Organization spans for capitalised names the model left unlabelled that do what
        companies do as a verb's subject ("Sarvam has tied up with Microsoft", "Rebellions launched
        a chip"): the small model misses most small companies' names."""
        taken = covered_tokens(spans)
        found = []
        for tok in doc:
            if tok.dep_ != "nsubj" or tok.pos_ != "PROPN" or not tok.is_alpha or not capitalised(tok):
                continue
            if tok.i in taken or tok.head.lemma_.lower() not in self._company_verbs:
                continue
            start = tok.i
            while start > 0 and start - 1 not in taken and proper(doc[start - 1]):
                start -= 1
            if start > 0 and start - 1 in taken and capitalised(doc[start - 1]):
                continue  # "Taiwan Semiconductor Manufacturing Co.": a longer name around a known one
            words = doc[start : tok.i + 1].text.lower()
            # "The Government yesterday launched ...": a government word is no company's name
            if words in self._titles or words in self._government or start - tok.i < -2:
                continue
            found.append(Span(doc, start, tok.i + 1, label="Organization", kb_id=doc[start : tok.i + 1].text))
        return found

    def _names_with_and(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Return one Organization span for two unknown names the model cut at an "and" inside one:
        "Tata Semiconductor Assembly and Test Pvt Ltd" (only the last part carries the legal form),
        "Ministry of Science and ICT", "Ministry of Information, Communications and the Digital Economy" (a
        body's portfolio, whose last field is no body of its own)."""
        found = []
        joins = ("and", "&", "and the")
        for first, second in _joined_pairs(doc, spans, lambda words: words.text.lower() in joins):
            if any(s.label_ != "Organization" or self.record(s.label_, s.kb_id_) for s in (first, second)):
                continue
            legal = doc[second.end - 1].text in self._legal_words and not any(
                t.text in self._legal_words for t in first
            )
            body = first[0].text in self._body_heads and "of" in {t.lower_ for t in first} and (
                len(second) == 1 or (len(second) == 2 and second[-1].text not in self._body_last_words)
            )
            if legal or body:
                name = self._without_legal_form(doc[first.start : second.end].text)
                found.append(Span(doc, first.start, second.end, label="Organization", kb_id=name))
        return found

    def _names_with_connectors(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Return one span for two names the model cut at a lowercase connector of another language:
        "Cassa Depositi e Prestiti", "Casa dos Ventos", "Banco do Brasil" (an organisation when either
        part was taken for one, else of the first part's kind)."""
        found = []
        for first, second in _joined_pairs(doc, spans, lambda words: words.text in self._name_connectors):
            if first.label_ == "Country" or not (first[-1].is_title and second[0].is_title):
                continue
            labels = {first.label_, second.label_}
            label = "Organization" if "Organization" in labels else first.label_
            found.append(Span(doc, first.start, second.end, label=label, kb_id=doc[first.start : second.end].text))
        return found

    def _described_companies(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Return Organization spans for capitalised names the model left unlabelled right after
        words that call them a company: "sensor supplier Vantage9", "Lagos-based Ventures Platform"."""
        taken = covered_tokens(spans)
        found = []
        for tok in doc:
            if tok.i + 1 in taken or not self._introduces_a_company(tok):
                continue
            end = tok.i + 1
            while end < min(tok.i + 4, len(doc)) and end not in taken and self._company_word(doc[end], end > tok.i + 1):
                end += 1
            if end > tok.i + 1:
                found.append(Span(doc, tok.i + 1, end, label="Organization", kb_id=doc[tok.i + 1 : end].text))
        return found

    def _apposed_companies(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Return Organization spans for capitalised names the model left unlabelled that an apposition
        calls a company: "Safaricom, the country's largest telecoms operator, ..."."""
        taken = covered_tokens(spans)
        found = []
        for tok in doc:
            described = any(c.dep_ == "appos" and c.lemma_.lower() in self._org_kinds for c in tok.children)
            if not described or tok.i in taken or tok.i + 1 >= len(doc) or doc[tok.i + 1].text != ",":
                continue
            start = tok.i
            while start > 0 and start - 1 not in taken and self._company_word(doc[start - 1], True):
                start -= 1
            if all(self._company_word(t, t.i > start) for t in doc[start : tok.i + 1]):
                found.append(Span(doc, start, tok.i + 1, label="Organization", kb_id=doc[start : tok.i + 1].text))
        return found

    def _national_bodies(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Return Organization spans for a country's body the gazetteer cut at the country's name:
        "the Kenya Space Agency", "Japan Fair Trade Commission", "the Netherlands Organisation for
        Applied Scientific Research" (capitalised words after a country, with a body's head word last
        or before its "of" or "for"). "the Dutch Ministry of Economic Affairs" is named without its
        country's word, as ministries are."""
        taken = covered_tokens(spans)
        found = []
        for span in spans:
            if span.label_ != "Country":
                continue
            end = span.end
            while end < len(doc) and end not in taken and in_capitalised_name(doc, end, joiners=("for",)):
                end += 1
            if any(t.lower_ == "of" for t in doc[span.end : end]):
                end = portfolio_run_end(doc, end, taken)
            while end > span.end and not capitalised(doc[end - 1]):
                end -= 1  # "the Kenya Space Agency for" a known name after it
            heads = [t for t in doc[span.end : end] if t.text in self._body_last_words]
            # the head word ends the name or opens its "of" or "for" phrase
            if end <= span.end + 1 or not heads:
                continue
            if heads[-1].i != end - 1 and heads[-1].nbor().lower_ not in ("of", "for"):
                continue
            start = span.end if doc[span.end].text in self._body_heads else span.start
            found.append(Span(doc, start, end, label="Organization", kb_id=doc[start:end].text))
        return found

    def _listed_companies(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Return Organization spans for capitalised names the model left unlabelled in a list of
        companies: "investors include General Catalyst, Lightspeed and Microsoft", "companies including
        Google and Salesforce". A list names things of one kind: a company in it, no place, and a head
        noun that calls them companies or a company's backers."""
        taken = covered_tokens(spans)
        kind_at = {i: s.label_ for s in spans for i in range(s.start, s.end)}
        found = []
        for tok in doc:
            if tok.i in taken or not tok.conjuncts or tok.dep_ == "compound" or not proper(tok) or not tok.is_alpha:
                continue
            kinds = [kind_at.get(t.i) for t in tok.conjuncts]
            if "Country" in kinds or "Location" in kinds or "Organization" not in kinds:
                continue
            head = list_head(tok)
            if head is None or head.lemma_.lower() not in self._org_kinds and head.lower_ not in self._company_nouns:
                continue
            start = tok.i
            while start > 0 and start - 1 not in taken and doc[start - 1].dep_ == "compound":
                if not proper(doc[start - 1]):
                    break
                start -= 1
            if start > 0 and start - 1 in taken and capitalised(doc[start - 1]):
                continue  # "Huawei Cloud": the end of a longer name around a known one
            found.append(Span(doc, start, tok.i + 1, label="Organization", kb_id=doc[start : tok.i + 1].text))
        return found

    def _title_owners(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Return Organization spans for capitalised names the model left unlabelled right before a
        company title: "Safaricom chief executive Peter Ndegwa", "Harlow's chief technology officer".
        Only a title a company gives counts ("founder", not "Prime Minister"); the name must be a
        proper noun or written capitalised elsewhere in mid-sentence, so "Former" is no company."""
        taken = covered_tokens(spans)
        mid_sentence = {t.text for t in doc if not t.is_sent_start and t.text[:1].isupper()}
        found = []
        for start, _, scope in doc._.get(TITLE_ATTR) or []:
            if scope != "org":
                continue
            end = start - 1 if start > 0 and doc[start - 1].text in POSSESSIVE else start
            first = end
            while first > max(0, end - 3) and first - 1 not in taken and self._company_word(doc[first - 1], False):
                first -= 1
            name = doc[first:end]
            if not len(name) or not all(t.pos_ == "PROPN" or t.text in mid_sentence for t in name):
                continue
            if first > 0 and first - 1 in taken and capitalised(doc[first - 1]):
                continue  # "the African Union Commission's": the end of a longer known name
            found.append(Span(doc, first, end, label="Organization", kb_id=name.text))
        return found

    def _company_word(self, tok: Token, inside: bool) -> bool:
        """True for a word of a company's name the model left unlabelled: capitalised, no title's or
        everyday word, and (`inside` a name already begun) a company word such as "Labs" may follow."""
        text = tok.text
        if not text[:1].isupper() or tok.ent_type_ not in NAME_GUESSES or tok.is_stop:
            return False
        if not (tok.is_alpha or versioned(tok)):
            return False
        if text in self._org_heads:
            return inside
        return tok.lower_ not in self._title_words and tok.lower_ not in self._no_holder

    def _named_pacts(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Return Policy spans for capitalised words ended by a pact's head word, whatever the model
        made of them: "the Seoul Declaration" (a capital and a common noun to it), "the Lisbon Accord"."""
        policies = {i for s in spans if s.label_ == "Policy" for i in range(s.start, s.end)}
        found = []
        for tok in doc:
            if not tok.is_title or tok.lower_ not in self._pact_heads or tok.i in policies:
                continue
            start = tok.i
            while start > tok.sent.start and capitalised(doc[start - 1]) and doc[start - 1].pos_ in ("PROPN", "ADJ"):
                start -= 1
            end = capitalised_complement(doc, tok.i + 1)
            if start < tok.i or end > tok.i + 1:
                found.append(Span(doc, start, end, label="Policy", kb_id=doc[start:end].text))
        return found

    def _name_word(self, tok: Token) -> bool:
        return (
            tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha
            and tok.text not in self._org_heads and tok.lower_ not in self._titles
        )

    def _surname_mentions(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Return Person spans for capitalised words the model left unlabelled that repeat a name
        part of a person named earlier in the doc ("... JD Vance ... Vance held talks")."""
        parts: dict[str, set[str]] = {}
        first_seen: dict[str, int] = {}
        for span in spans:
            if span.label_ != "Person":
                continue
            first_seen[span.kb_id_] = min(first_seen.get(span.kb_id_, span.start), span.start)
            names = span.kb_id_.split()
            if len(names) > 1:
                for part in (names[0], names[-1]):
                    parts.setdefault(part, set()).add(span.kb_id_)
        if not parts:
            return []
        taken = covered_tokens(spans)
        found = []
        wanted = {doc.vocab.strings.add(part) for part, people in parts.items() if len(people) == 1}
        # compare hashes first: making a Token for every word costs more than the rest together
        for i in (i for i, orth in enumerate(doc.to_array(ORTH)) if orth in wanted and i not in taken):
            tok = doc[i]
            people = parts[tok.text]
            if not tok.is_title:
                continue
            person = next(iter(people))
            if first_seen[person] >= tok.i or tok.pos_ not in ("PROPN", "NOUN", ""):
                continue
            if inside_a_longer_name(tok, taken):
                continue
            found.append(Span(doc, tok.i, tok.i + 1, label="Person", kb_id=person))
        return found

    def _office_holder_names(self, doc: Doc, spans: list[Span], published: str | None) -> list[Span]:
        """Return Person spans for capitalised words the model left unlabelled, or took for a place,
        that name exactly one person in office on the publication date, with no full name before:
        "Trump met Xi", where the small model reads a sentence-initial "Trump" as a common noun, and
        "Blinken said", where it reads a place."""
        # a place after "in", "to" or "from" stays one
        places = {s.start for s in spans if s.label_ == "Location" and len(s) == 1 and s.root.dep_ != "pobj"}
        taken = covered_tokens(spans) - places
        found = []
        for tok in doc:
            if tok.i in taken or not tok.is_title or tok.pos_ not in ("PROPN", "NOUN"):
                continue
            people = self._candidates(tok.text, published) if tok.text in self._offices_by_token else []
            if len(people) != 1:
                continue
            if inside_a_longer_name(tok, taken):
                continue
            found.append(Span(doc, tok.i, tok.i + 1, label="Person", kb_id=people[0]))
        return found

    def _office_mentions(self, doc: Doc, spans: list[Span], published: str | None) -> list[Span]:
        """Return Person spans for a title that names no one but whose holder the office table
        knows on the publication date: "the Chinese president", "Nvidia's chief executive"."""
        if published is None:
            return []
        ends = {s.end: s for s in spans}
        starts = {s.start: s for s in spans}
        taken = covered_tokens(spans)
        found = []
        for start, end, scope in doc._.get(TITLE_ATTR) or []:
            if scope == "honorific" or any(i in taken for i in range(start, end)):
                continue
            nxt = doc[end] if end < len(doc) else None
            if nxt is not None and (end in starts or (nxt.pos_ == "PROPN" and nxt.is_title)):
                continue  # the name follows: "President Xi"
            if nxt is not None and nxt.text == "," and end + 1 in starts and starts[end + 1].label_ == "Person":
                continue  # "Nvidia's chief executive, Jensen Huang"
            org_end = start - 1 if start > 0 and doc[start - 1].text in POSSESSIVE else start
            org = ends.get(org_end)
            if org is None or org.label_ not in ("Country", "Organization", "Alliance"):
                continue
            if org.start > 0 and doc[org.start - 1].lower_ in self._no_holder:
                continue  # "a Chinese president", "the former Chinese president": no one in office
            if org.start > 1 and doc[org.start - 1].text == "," and org.start - 1 in ends:
                continue  # "Jensen Huang, Nvidia's chief executive": the apposition names him
            role = self._roles.get(doc[start:end].text.lower(), doc[start:end].text.lower())
            holders = {
                o["person"]
                for o in self.lexicon["offices"]
                if o["organization"] == org.kb_id_ and o["role"].lower() == role and _office_valid(o, published)
            }
            if len(holders) == 1:
                found.append(Span(doc, start, end, label="Person", kb_id=holders.pop()))
        return found

    def _strip(self, ent: Span) -> Span | None:
        start, end = ent.start, ent.end
        doc = ent.doc
        while start < end and doc[start].lower_ in ("the", "a", "an"):
            start += 1
        # "the Wadhwani AI Center at (CSIS)": the model may take a trailing preposition into a name
        while end > start and (
            doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].pos_ in ("ADP", "CCONJ")
        ):
            end -= 1
        while start < end and doc[start].is_punct:
            start += 1
        # "London-based lab Meridian Intelligence": the common noun the model took in describes the name
        while start < end - 1 and describes(doc[start]) and not doc[start + 1].is_lower:
            start += 1
        # "Chipmakers Piotech and Naura were added": a sentence's first word, capitalised only there
        if start < end - 1 and doc[start].is_sent_start and doc[start].lower_.removesuffix("s") in self._org_kinds:
            start += 1
        if start >= end:
            return None
        return Span(doc, start, end, label=ent.label_, kb_id=ent.kb_id_)

    def _capital(self, ent: Span) -> Span:
        doc = ent.doc
        if self._governs(ent) and not ent.text.isupper():
            # the seat of a bloc ("Brussels") stands for the bloc, a capital for its country
            kind = next((k for k in ("Country", "Alliance") if (k, ent.kb_id_) in self._records), "Country")
            return Span(doc, ent.start, ent.end, label=kind, kb_id=ent.kb_id_)
        return Span(doc, ent.start, ent.end, label="Location", kb_id=_pretty(ent.text))

    def _governs(self, ent: Span, depth: int = 0) -> bool:
        """True when a capital acts ("Beijing vowed", "Washington's stance", "Washington and
        New Delhi agreed") rather than names a place ("in Beijing")."""
        doc = ent.doc
        root = ent.root
        if root.dep_ in SUBJECT_DEPS or (ent.end < len(doc) and doc[ent.end].text in POSSESSIVE):
            return True
        if root.dep_ == "pobj" and root.head.lower_ in ("with", "against"):
            return True  # "talks with Washington", "curbs against Beijing"; "in Beijing" stays a place
        if root.dep_ == "pobj" and root.head.dep_ == "agent":
            return True  # "blacklisted by Washington"
        if root.dep_ != "conj" or depth > 3:
            return False
        head = next((e for e in doc.ents if e.start <= root.head.i < e.end), None)
        if head is None:
            return False
        return head.label_ in ("Country", "Alliance") or (head.label_ == CAPITAL and self._governs(head, depth + 1))

    def _clean_person(self, ent: Span, title_starts: dict[int, int]) -> Span | None:
        span = self._strip(ent)
        if span is None:
            return None
        doc = ent.doc
        start, end = span.start, span.end
        while start < end:
            if start in title_starts and title_starts[start] <= end:
                start = title_starts[start]
            elif doc[start].lower_ in self._titles:
                start += 1
            else:
                break
        if start >= end or not doc[start].is_title and not doc[start].is_upper:
            return None
        if doc[end - 1].lower_ in self._title_last_words:
            return None
        # "Amitesh Kumar Sinha": the model may leave out a first name it does not know
        # ("chief executive Øyvind Eriksen", read as "Eriksen": after a title, a surname alone has one too)
        titled = start > 1 and doc[start - 2].lower_ in self._title_last_words
        first = start == span.start > 0 and (end - start > 1 or titled)
        if first and self._first_name_before(doc[start - 1], doc[start]):
            start -= 1
        if end - start == 1 and end < len(doc) and doc[end].is_lower and doc[end].pos_ == "NOUN":
            return None  # "TSMC's Kumamoto site": one capitalised word before a common noun qualifies it
        return _with_last_syllable(Span(doc, start, end, label="Person", kb_id=doc[start:end].text))

    def _first_name_before(self, tok: Token, name: Token) -> bool:
        """True for an unlabelled capitalised word the parser joins to the name right after it, where a
        name starts: a sentence's first word or one after a title ("NIC director Do Thi Minh
        Chau"); never a title word."""
        starts = tok.is_sent_start and tok.lower_ not in self._english_words
        before = tok.nbor(-1) if tok.i > 0 else None
        # "Minister Mehmet Fatih Kacir", read as "Fatih Kacir"; not "Minister for Defence Procurement X"
        starts = starts or (before is not None and before.is_lower and before.lower_ in self._title_words)
        starts = starts or (before is not None and before.lower_ in self._title_last_words)
        return (
            starts and tok.ent_type_ == "" and tok.tag_ == "NNP" and tok.is_alpha and tok.is_title
            and tok.dep_ == "compound" and tok.head.i >= name.i and tok.lower_ not in self._title_words
        )

    def _acts_like_a_company(self, span: Span) -> bool:
        """True when a name the model read as a place does what only companies do: owns a chief
        executive or shares, launches or ships things, or builds and owns them ("built by X")."""
        root, doc = span.root, span.doc
        if span.end < len(doc) and doc[span.end].text in POSSESSIVE:
            return self._owned_like_a_company(span)
        if listed_among_companies(root) or after_company_title(span) or of_a_person(span):
            return True
        if root.dep_ == "nsubj":
            return root.head.lemma_.lower() in self._company_verbs
        if root.dep_ == "pobj" and root.head.dep_ == "agent":
            return root.head.head.lemma_.lower() in self._company_agent_of
        return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in self._company_nouns

    def _described_as_a_company(self, span: Span) -> bool:
        """True for "Aleph Alpha, the Heidelberg company founded by ...": an apposition calls it one
        ("Jane Doe, a developer at Mistral AI" is a person's job)."""
        return any(
            c.dep_ == "appos" and c.lemma_.lower() in self._org_kinds and not any(g.lower_ == "at" for g in c.children)
            for c in span.root.children
        )

    def _introduced_as_a_company(self, span: Span) -> bool:
        """True for "chip designer Kaveri Semi" and "Hangzhou-based Moyu": the words just before call
        the name a company (a place's apposition does not: "Santa Clara, the chipmaker's home")."""
        return span.start > 0 and self._introduces_a_company(span.doc[span.start - 1])

    def _introduces_a_company(self, tok: Token) -> bool:
        """True for a lowercase word that calls the next name a company: "designer", "startup", and
        "based" in "Lagos-based", a place compounded with where a firm sits."""
        if not tok.is_lower:
            return False
        if tok.lemma_ in self._org_kinds or tok.lower_ in self._org_kinds:
            return True
        return tok.lower_ in BASED and tok.i > 1 and tok.doc[tok.i - 1].text == "-"

    def _owned_like_a_company(self, span: Span) -> bool:
        """True for "X's chief executive", "X's shares": what X owns makes it a company (the model's
        span may take in the "'s")."""
        doc = span.doc
        end = span.end - 1 if span[-1].text in POSSESSIVE else span.end
        if end >= len(doc) or doc[end].text not in POSSESSIVE:
            return False
        if any(t.text in self._offices_by_token for t in doc[span.start : end]):
            return False  # "Biden's chief of staff": a known office holder's staff
        head = span.root.head
        return head.lower_ in self._company_nouns or head.lemma_.lower() in self._company_nouns

    def _government_of(self, ent: Span) -> Span | None:
        """The country of "the Biden administration": a head of government's name (in office on
        the publication date or not) followed by a government noun, whatever the model labelled it."""
        span = self._strip(ent)
        doc = ent.doc
        if span is None:
            return None
        if len(span) > 1 and span[-1].lower_ in self._government:  # the model took "Trump administration"
            span = Span(doc, span.start, span.end - 1)
        if span.end >= len(doc) or doc[span.end].lower_ not in self._government:
            return None
        name = span.text
        people = [name] if name in self._offices else sorted(self._offices_by_token.get(name, set()))
        countries = {
            o["organization"]
            for person in people
            for o in self._offices.get(person, [])
            if ("Country", o["organization"]) in self._records
        }
        if len(countries) != 1:
            return None
        return Span(doc, span.start, span.end + 1, label="Country", kb_id=countries.pop())

    def _clean_org(self, ent: Span) -> Span | None:
        span = self._strip(ent)
        if span is None:
            return None
        doc = ent.doc
        start, end = span.start, span.end
        # "China's State Administration ..." -> the body; the possessor is its own mention, but for a
        # possessive that belongs to the name ("People's Party", "People's Bank of China")
        for i in range(start, end - 1):
            if doc[i + 1].text in POSSESSIVE and i + 2 < end and doc[i].lower_ not in self._name_possessors:
                start = i + 2
        # "(SAMR" and friends
        for i in range(start, end):
            if doc[i].text in ("(", "["):
                end = i
                break
        text = doc[start:end].text if start < end else ""
        if not text or not any(c.isupper() for c in text) or text.lower() in self._titles:
            return None
        name = self._without_legal_form(text)
        # "National AI Strategy Roadmap 2.0": a version after the head word leaves it the head
        head = next((t.lower_ for t in reversed(doc[start:end]) if t.is_alpha), doc[end - 1].lower_)
        nxt = doc[end].lower_ if end < len(doc) else ""
        if nxt in self._heads["Event"]:
            return Span(doc, start, end + 1, label="Event", kb_id=f"{name} {doc[end].text}")
        if nxt in self._heads["Policy"] and doc[end].is_title:
            # "the IndiaAI Mission", the model's name stopping before its capitalised head word
            return Span(doc, start, end + 1, label="Policy", kb_id=f"{name} {doc[end].text}")
        kind = next((kind for kind, heads in self._heads.items() if head in heads), "Organization")
        return Span(doc, start, end, label=kind, kb_id=name)

    def _with_legal_form(self, span: Span) -> Span:
        """A company's span with the legal form after it ("Rebellions Inc."), the name unchanged: the
        parse makes "Inc." the head, and a bare one would stand for nothing."""
        doc = span.doc
        if span.label_ != "Organization" or span.end >= len(doc) or doc[span.end].text not in self._org_heads:
            return span
        return Span(doc, span.start, span.end + 1, label=span.label_, kb_id=span.kb_id_)

    def _without_legal_form(self, name: str) -> str:
        """`name` without the legal form that ends it: "Tata Electronics Pvt Ltd" -> "Tata Electronics"."""
        for suffix in self._suffixes:
            if name.endswith(" " + suffix):
                return name[: -len(suffix) - 1].rstrip(" ,")
        return name

    def _candidates(self, name: str, published: str | None) -> list[str]:
        if name in self._offices:
            return [name]
        tokens = name.split()
        if len(tokens) != 1:
            return []
        people = self._offices_by_token.get(tokens[0], set())
        return sorted(p for p in people if self.offices_of(p, published))

    def _link_people(self, people: list[Span], loose: list[Span], published: str | None) -> list[Span]:
        """Return person spans with canonical names: surnames linked to the nearest full name."""
        people = [self._office_spelled(p) for p in people]
        full = [p for p in people if len(p.kb_id_.split()) > 1]
        keyed: dict[str, list[Span]] = {}
        for p in full:
            parts = p.kb_id_.split()
            for token in {parts[0], parts[-1]}:
                keyed.setdefault(token, []).append(p)
        resolved: list[Span] = []
        for p in people:
            if len(p.kb_id_.split()) > 1:
                resolved.append(p)
                continue
            p = _hyphenated(p, keyed) if len(p) == 1 else p
            name = self._antecedent(p, keyed)
            if name is None:
                candidates = self._candidates(p.kb_id_, published)
                name = candidates[0] if len(candidates) == 1 else p.kb_id_
            resolved.append(Span(p.doc, p.start, p.end, label="Person", kb_id=name))
        for span in loose:
            if len(span) != 1:
                continue
            span = _hyphenated(span, keyed)  # "Meinl-Reisinger", which the model cut at the hyphen
            name = self._antecedent(span, keyed) if span.text in keyed else None
            if name is None and span.label_ == "Organization":
                # "Trump hosted ...", with "Trump" taken for a company: an office-holder's surname
                candidates = self._candidates(span.text, published)
                name = candidates[0] if len(candidates) == 1 else None
            if name is not None:
                resolved.append(Span(span.doc, span.start, span.end, label="Person", kb_id=name))
        return resolved

    def _office_spelled(self, person: Span) -> Span:
        """`person` named as the office table spells them, when only accents or case differ."""
        name = self._office_spellings.get(slugify(person.kb_id_), person.kb_id_)
        if name == person.kb_id_:
            return person
        return Span(person.doc, person.start, person.end, label="Person", kb_id=name)

    @staticmethod
    def _antecedent(mention: Span, keyed: dict[str, list[Span]]) -> str | None:
        options = keyed.get(mention.text.split()[-1]) or keyed.get(mention.text.split()[0]) or []
        before = [o for o in options if o.start < mention.start]
        if before:
            return max(before, key=lambda o: o.start).kb_id_
        after = [o for o in options if o.start > mention.start]
        return min(after, key=lambda o: o.start).kb_id_ if after else None

    def set_annotations(self, doc: Doc, spans: list[Span]) -> Doc:
        """Store `spans` as `doc.ents` and the entity table built from them."""
        other = [e for e in doc.ents if e.label_ not in KINDS and e.label_ not in _MODEL_KINDS]
        taken = covered_tokens(spans)
        other = [e for e in other if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = filter_spans([*spans, *other])
        published = doc._.get(PUBLISHED_ATTR)
        table: dict[tuple[str, str], dict[str, Any]] = {}
        title_ends = {end: (start, scope) for start, end, scope in (doc._.get(TITLE_ATTR) or [])}
        title_spans = {(start, end) for start, end, _ in (doc._.get(TITLE_ATTR) or [])}
        text = doc.text
        ents = doc.ents
        ends = {e.end: e.start_char for e in ents}
        for ent in ents:
            if ent.label_ not in KINDS:
                continue
            key = (ent.label_, ent.kb_id_)
            entry = table.get(key)
            if entry is None:
                record = self._records.get(key, {})
                props = {k: v for k, v in record.get("properties", {}).items() if isinstance(v, str)}
                entry = table[key] = {
                    "name": ent.kb_id_,
                    "kind": ent.label_,
                    "aliases": [],
                    "properties": props,
                    "mentions": [],
                }
                if ent.label_ == "Person":
                    offices = self.offices_of(ent.kb_id_, published)
                    if offices:
                        entry["properties"]["role"] = offices[0]["role"]
                        entry["properties"]["organization"] = offices[0]["organization"]
            if ent.label_ == "Person" and ent.start in title_ends:
                start, _ = title_ends[ent.start]
                entry["properties"]["role"] = doc[start : ent.start].text
            start_char = ent.start_char
            if ent.label_ == "Person" and (ent.start, ent.end) in title_spans:
                # a title naming its holder: the mention is "Chinese president", "Nvidia's chief executive"
                org_end = ent.start - 1 if ent.start > 0 and doc[ent.start - 1].text in POSSESSIVE else ent.start
                start_char = ends.get(org_end, start_char)
            surface = text[start_char : ent.end_char]
            if surface != ent.kb_id_ and surface not in entry["aliases"]:
                entry["aliases"].append(surface)
            entry["mentions"].append([start_char, ent.end_char])
        doc._.set(ENTITIES_ATTR, list(table.values()))
        return doc



_MODEL_KINDS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", CAPITAL, "WORK_OF_ART"}
)


def _pretty(text: str) -> str:
    return text.title() if text.isupper() and len(text) > 3 else text


@Language.factory(
    "racegraph_resolver",
    default_config={},
    assigns=["doc.ents", f"doc._.{ENTITIES_ATTR}"],
    requires=["doc.ents", f"doc._.{TITLE_ATTR}"],
)
def make_entity_resolver(nlp: Language, name: str) -> EntityResolver:
    """Return an `EntityResolver`; its tables are loaded by `initialize()`."""
    return EntityResolver(nlp, name)
