"""The rules of `racegraph_relations`, which `nlp/components/relations.py` runs over each doc.

- `context.py`: `Arg` and `RuleContext`, the state of one doc; `tables.py`: the lexicon lookups, and
  `RuleWords`, the rules' word lists (`nlp/data/rule_words.jsonl`).
- Finding arguments: `arguments.py` (what a token stands for), `clauses.py` (a verb's subjects and
  objects), `antecedents.py` (pronouns, plural references), `surface.py` (word order where the
  parse fails), `things.py` (announceable things and pacts named earlier).
- One relation family each: `affiliations.py`, `announcements.py`, `restrictions.py`,
  `meetings.py`, `alliances.py` (with `funding.py`: investors back a company), `memberships.py`.
- Recording a relation: `emit.py` (negation, hedging, confidence) with `dating.py` (its date), as a
  `Candidate` (`candidate.py`), the record `nlp/extract.py` reads.
"""
