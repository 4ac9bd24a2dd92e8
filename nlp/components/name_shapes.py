"""What a name looks like in the parse: capitalised runs, lists, titles set off around a name, and
the words around a name that say what it names. The resolver (`resolve.py`) reads these shapes when it
decides where a name starts and ends and which kind it is."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .gazetteer import TITLE_ATTR
from .spans import covered_tokens

POSSESSIVE = ("'s", "’s", "'", "’")
# what a bracketed acronym may abbreviate: bodies, blocs and laws, never a person or a place
ACRONYM_KINDS = frozenset({"Organization", "Alliance", "Policy"})


def looks_like_a_name(ent: Span) -> bool:
    """Two or three capitalised words, none of them a company word: "Arjun Isez", "Yoon Sang-ho", not
    "Faden Systems"."""
    words = ent.text.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)


def set_off_before_title(ent: Span, title_starts: dict[int, int]) -> bool:
    """True for a name followed by a comma and a title: "Arjun Isez, (the) chief executive of X"."""
    doc = ent.doc
    after = ent.end + 1
    if after < len(doc) and doc[after].lower_ in ("the", "a", "an"):
        after += 1
    # "Solly Malatsi, South Africa's communications minister": the title's owner may come first
    owner_end = next((i for i in range(after, min(after + 4, len(doc))) if doc[i].text in POSSESSIVE), None)
    if owner_end is not None and all(t.text[:1].isupper() for t in doc[after:owner_end]):
        after = owner_end + 1
        while after < len(doc) - 1 and after not in title_starts and doc[after].is_lower and doc[after].is_alpha:
            after += 1  # "communications minister": words that qualify the title
    return ent.end < len(doc) and doc[ent.end].text == "," and after in title_starts


def proper(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and capitalised(tok)


def capitalised(tok: Token) -> bool:
    return tok.is_title or (tok.is_upper and tok.is_alpha)


def capitalised_complement(doc: Doc, start: int) -> int:
    """Return the end of a capitalised "on ..." or "for ..." phrase from `start` ("Convention on
    Artificial Intelligence", "Partnership for Global Infrastructure"), or `start` when there is none."""
    if start + 1 >= len(doc) or doc[start].lower_ not in ("on", "for") or not capitalised(doc[start + 1]):
        return start
    if doc[start + 1].ent_type_ in ("DATE", "TIME"):
        return start  # "signed the Seoul Declaration on Tuesday"
    end = _capitalised_run(doc, start + 1)
    while end < len(doc) and doc[end].text == ",":
        # "Declaration for Safe, Innovative and Inclusive AI", "Convention on Cybercrime and Data,
        # Privacy and the Rule of Law": a title's list closes with "and"; a comma
        # before anything else, or before a name ("on AI, Japan and the US said"), ends no title here
        after = _capitalised_run(doc, end + 1, articles=True)
        listed = doc[end + 1 : after]
        closes = any(t.lower_ == "and" for t in listed)
        if after == end + 1 or not closes or any(t.ent_type_ in NAME_TYPES for t in listed):
            return start
        end = after
    return end


# labels of names a title's own words never are
NAME_TYPES = frozenset({"GPE", "NORP", "ORG", "PERSON", "Country", "Organization", "Person"})


def _capitalised_run(doc: Doc, start: int, articles: bool = False) -> int:
    """The end of the run of capitalised words from `start`, joined by "and", "of" and "the"; with
    `articles`, also by "and the" ("Democracy and the Rule of Law")."""
    end = start
    while end < len(doc) and (capitalised(doc[end]) or joins_capitalised(doc, end) or (
        articles and doc[end].lower_ in ("and", "of") and end + 1 < len(doc) and doc[end + 1].lower_ == "the"
        and joins_capitalised(doc, end + 1)
    )):
        end += 1
    return end


def joins_capitalised(doc: Doc, i: int) -> bool:
    return doc[i].lower_ in ("and", "of", "the") and i + 1 < len(doc) and capitalised(doc[i + 1])


def listed_among_companies(root: Token) -> bool:
    """True for a name in a list of at least three whose other names are mostly companies ("xAI, Cisco,
    AMD and Qualcomm"): a list names things of one kind, and no place is among them."""
    siblings = root.conjuncts
    companies = [t for t in siblings if t.ent_type_ in ("ORG", "Organization")]
    places = [t for t in siblings if t.ent_type_ in ("GPE", "LOC", "Country", "Location")]
    return len(siblings) >= 2 and len(companies) >= 2 and not places


def in_capitalised_name(doc: Doc, i: int, joiners: tuple[str, ...] = ()) -> bool:
    """True for a word that carries a capitalised name on: a capitalised word, or a joining word
    ("and", "of", the)" and any of `joiners`) before one."""
    if doc[i].is_alpha and capitalised(doc[i]):
        return True
    return joins_capitalised(doc, i) or doc[i].lower_ in joiners and i + 1 < len(doc) and capitalised(doc[i + 1])


def portfolio_run_end(doc: Doc, end: int, taken: set[int]) -> int:
    """Where a body's portfolio ends when commas list it: "Ministry of Municipal, Rural Affairs and
    Housing" (capitalised words after the comma, an "and" among them), `end` when none follow."""
    j = end
    while j + 1 < len(doc) and doc[j].text == "," and capitalised(doc[j + 1]) and j + 1 not in taken:
        j += 1
        while j < len(doc) and j not in taken and in_capitalised_name(doc, j):
            j += 1
        if any(doc[k].lower_ == "and" for k in range(end, j)):
            return j
    return end


def list_head(tok: Token) -> Token | None:
    """Return the noun a list hangs on: "companies" in "companies including A and B" or "companies
    such as A", "investors" in "its investors include A and B" (None when there is none)."""
    first = tok
    while first.dep_ == "conj":
        first = first.head
    head = first.head
    if head.lower_ in ("including", "as", "like"):
        return head.head
    if head.lemma_ == "include":
        return next((c for c in head.children if c.dep_ == "nsubj"), None)
    return None


def after_company_title(ent: Span) -> bool:
    """True for the name after a company's title and "of" or "at": "director of Viettel", "the chief
    executive of Nimbus Cloud", "a researcher at Tsinghua" (no one holds such a title of a person,
    and the model's guess of a place is a company's name there)."""
    doc = ent.doc
    before = ent.start - 1 if ent.start > 0 and doc[ent.start - 1].lower_ == "the" else ent.start
    if ent.root.dep_ != "pobj" or before < 1 or doc[before - 1].lower_ not in ("of", "at"):
        return False
    return any(end == before - 1 and scope == "org" for _, end, scope in doc._.get(TITLE_ATTR) or [])


def of_a_person(ent: Span) -> bool:
    """True for the name in "Janardan Menon of Jefferies", "analyst Ann Lee of Daiwa": a person is "of"
    the firm they work for; not when a state's title names them ("Senator Tom Cotton of Arkansas")."""
    person = ent.root.head.head if ent.root.dep_ == "pobj" and ent.root.head.lower_ == "of" else None
    if person is None or person.ent_type_ not in ("PERSON", "Person") or ent.root.head.i != person.i + 1:
        return False
    doc = ent.doc
    first = person
    while first.i > 0 and doc[first.i - 1].ent_type_ == person.ent_type_:
        first = doc[first.i - 1]
    return not any(end == first.i and scope == "state" for _, end, scope in doc._.get(TITLE_ATTR) or [])


def surname_of_named(ent: Span) -> bool:
    """True for one word that ends a full name the doc gives ("Sam Altman ... Oracle and Altman")."""
    return any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == ent.text for e in ent.doc.ents)


def inside_a_longer_name(tok: Token, taken: set[int]) -> bool:
    """True when a free proper noun stands next to `tok`: a longer unknown name ("Li Auto", "Wei
    Jianguo") is someone or something else than the person `tok` alone would name."""
    doc = tok.doc
    neighbours = [doc[j] for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc) and j not in taken]
    return any(n.pos_ == "PROPN" and n.is_title and not n.is_sent_start for n in neighbours)


def acronym_mentions(doc: Doc, spans: list[Span]) -> list[Span]:
    """`spans` with each acronym a name defines in brackets ("the Bureau of Industry and Security
    (BIS)", "the African Development Bank (AfDB)") naming it wherever it recurs, whatever the model
    called it there ("AfDB Vice President X", "BIS said")."""
    defined: dict[str, Span] = {}
    for span in spans:
        end = span.end
        if span.label_ in ACRONYM_KINDS and end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            acronym = doc[end + 1].text
            if len(acronym) > 1 and acronym[0].isupper() and sum(c.isupper() for c in acronym) >= 2:
                defined.setdefault(acronym, span)
    if not defined:
        return spans

    def named(start: int, end: int) -> Span:
        name = defined[doc[start:end].text]
        return Span(doc, start, end, label=name.label_, kb_id=name.kb_id_)

    out = [named(s.start, s.end) if s.text in defined else s for s in spans]
    taken = covered_tokens(out)
    out += [named(t.i, t.i + 1) for t in doc if t.text in defined and t.i not in taken]
    return filter_spans(out)


def describes(tok: Token) -> bool:
    """True for a lowercase noun or adjective, which describes a name rather than begins it."""
    return tok.is_lower and tok.pos_ in ("NOUN", "ADJ")


def holder_start(doc: Doc, start: int, end: int) -> int:
    """Where the name of a title's holder starts, the title being doc[start:end]."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 1].is_upper and doc[end + 2].text == ")":
        return end + 3  # "National Security Advisor (NSA) Ajit Doval": the title's acronym comes first
    if end < len(doc) and doc[end].text == "," and any(t.lower_ in ("of", "for") for t in doc[start:end]):
        return end + 1  # "Minister of Science, Technology and Innovation, Luiza Serra": a listed portfolio
    before = start - 1
    while before > max(0, start - 4) and doc[before].is_lower and doc[before].is_alpha:
        before -= 1  # "South Africa's communications minister": words that qualify the title
    if end + 1 < len(doc) and doc[end].text == "," and before >= 0 and doc[before].text in POSSESSIVE:
        return end + 1  # "South Africa's communications minister, Solly Malatsi": the owner's title, then the name
    if end < len(doc) and doc[end].lower_ in ("to", "in"):
        # "ambassador to Poland, Yoon Sang-ho": the post's place, then the name set off by a comma
        comma = next((i for i in range(end + 2, min(end + 6, len(doc))) if doc[i].text == ","), end)
        if comma > end and all(t.pos_ in ("PROPN", "DET") for t in doc[end + 1 : comma]):
            return comma + 1
    return end
