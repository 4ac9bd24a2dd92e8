"""CSV files for `neo4j-admin database import full`: the nodes and edges `graph.write` would create for a
corpus, one file per kind, headers typed as the importer reads them.

Articles, claims and their edges stream to disk batch by batch; entities, aggregated edges and the
graph version are written at the end from the fold (`graph.bulk_rows`). Strings are always quoted
(quotes doubled); a missing value is an empty unquoted field, which the importer leaves unset, as
Cypher does with a null. Arrays are joined with ARRAY_DELIMITER, a control character no name holds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from graph.build import mention_rows
from graph.bulk_rows import GraphFold, batch_claims
from graph.errors import BulkLoadError
from graph.model import ArticleGraph
from graph.version import GRAPH_VERSION_ID

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"  # how neo4j-admin is told
_PROPERTY_KEY = re.compile(r"^[a-z_][a-z0-9_]*$")

# file stem -> header. Labels and types come from the import command (`ImportFiles`), except an
# entity's kind label and an aggregated edge's type, which vary per row.
HEADERS: dict[str, tuple[str, ...]] = {
    "articles": ("id:ID(Article)", "sha256", "external_id", "url", "title", "source", "published", "text",
                 "ingested_at:datetime"),
    "claims": ("id:ID(Claim)", "type", "subject_id", "object_id", "date", "confidence:double", "hedged:boolean",
               "item", "evidence", "start:long", "end:long", "extractor_version", "article_id", "published",
               "source", "created_at:datetime"),
    "mentions": (":START_ID(Article)", ":END_ID(Entity)", "spans:long[]"),
    "subjects": (":START_ID(Claim)", ":END_ID(Entity)"),
    "objects": (":START_ID(Claim)", ":END_ID(Entity)"),
    "reports": (":START_ID(Claim)", ":END_ID(Article)"),
    "relations": (":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "claims:long", "articles:long", "first_seen",
                  "last_seen", "confidence:double", "hedged:boolean"),
    "versions": ("id:ID(GraphVersion)", "value:long"),
}
_ENTITY_HEADER = ("id:ID(Entity)", ":LABEL", "name", "kind", "aliases:string[]", "alias_text", "created_at:datetime")
# What each file holds, for the import command: --nodes=<label>=<file> or --relationships=<type>=<file>.
NODE_FILES = {"articles": "Article", "claims": "Claim", "entities": "Entity", "versions": "GraphVersion"}
RELATIONSHIP_FILES = {"mentions": "MENTIONS", "subjects": "SUBJECT", "objects": "OBJECT", "reports": "REPORTED_IN",
                      "relations": ""}


def field(value: Any) -> str:
    """Return one CSV field: None empty, strings quoted, booleans and numbers as the importer reads them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return field(ARRAY_DELIMITER.join(_element(v) for v in value))
    text = str(value)
    return '"' + text.replace('"', '""') + '"'


def _element(value: Any) -> str:
    text = str(value)
    if ARRAY_DELIMITER in text:
        raise BulkLoadError(f"{text!r} holds the array delimiter U+001F and cannot be bulk-loaded")
    return text


def _line(values: Iterable[Any]) -> str:
    return ",".join(field(v) for v in values) + "\n"


def _now() -> str:
    # What Cypher's datetime() stores for ingested_at and created_at: the time of writing, in UTC.
    return dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class ImportFiles:
    """The CSV files of one bulk load, by stem (HEADERS' keys and "entities")."""

    folder: Path

    def path(self, stem: str) -> Path:
        return self.folder / f"{stem}.csv"

    def arguments(self) -> list[str]:
        """Return the --nodes, --relationships and --multiline-fields options naming these files."""
        nodes = [f"--nodes={label}={self.path(stem)}" for stem, label in NODE_FILES.items()]
        edges = [
            f"--relationships={f'{rel_type}=' if rel_type else ''}{self.path(stem)}"
            for stem, rel_type in RELATIONSHIP_FILES.items()
        ]
        # Texts, evidence and names may hold line breaks. Not the v2 format, which names the files to parse
        # for them: in 5.26 its chunker fails ("found CR outside a text cell") where a 4 MB read buffer
        # ends inside a quoted line break.
        return [*nodes, *edges, "--multiline-fields=true", f"--array-delimiter={ARRAY_DELIMITER_OPTION}"]


class CsvWriter:
    """Writes batches of new article graphs as import CSV; `close` adds the folded entities and edges.
    The graphs given must be whole new articles as `GraphFold.admit` keeps them, in batches of the
    size the transactional path would use."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.files = ImportFiles(folder)
        self.fold = GraphFold()
        self.claims = 0
        self._out: dict[str, IO[str]] = {}
        for stem, header in HEADERS.items():
            if stem in ("relations", "versions"):
                continue
            handle = self.files.path(stem).open("w", encoding="utf-8", newline="")
            handle.write(",".join(header) + "\n")
            self._out[stem] = handle

    def __enter__(self) -> CsvWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        for handle in self._out.values():
            handle.close()

    def add_batch(self, graphs: Sequence[ArticleGraph]) -> None:
        """Write one batch's articles, mentions, claims and claim edges; fold its entities and edges."""
        batch = list(graphs)
        now = _now()
        out = self._out
        for graph in batch:
            a = graph.article
            out["articles"].write(_line((a.id, a.sha256, a.external_id, a.url, a.title, a.source, a.published,
                                         a.text, now)))
        for mention in mention_rows(batch):
            out["mentions"].write(_line((mention["article_id"], mention["entity_id"], mention["spans"])))
        claims = batch_claims(batch)
        for c in claims:
            out["claims"].write(_line((
                c["id"], c["type"], c["subject_id"], c["object_id"], c["date"], c["confidence"], c["hedged"],
                c["item"], c["evidence"], c["start"], c["end"], c["extractor_version"], c["article_id"],
                c["published"], c["source"], now,
            )))
            out["subjects"].write(_line((c["id"], c["subject_id"])))
            out["objects"].write(_line((c["id"], c["object_id"])))
            out["reports"].write(_line((c["id"], c["article_id"])))
        self.claims += len(claims)
        self.fold.add_batch(batch, claims)

    def close(self) -> ImportFiles:
        """Write the entities, aggregated edges and graph version; return the files to import."""
        self.__exit__(None, None, None)
        self._write_entities()
        with self.files.path("relations").open("w", encoding="utf-8", newline="") as out:
            out.write(",".join(HEADERS["relations"]) + "\n")
            for r in self.fold.relations.values():
                out.write(_line((r["subject_id"], r["object_id"], r["type"], r["claims"], r["articles"],
                                 r["first_seen"], r["last_seen"], r["confidence"], r["hedged"])))
        with self.files.path("versions").open("w", encoding="utf-8", newline="") as out:
            out.write(",".join(HEADERS["versions"]) + "\n")
            if self.fold.batches:
                out.write(_line((GRAPH_VERSION_ID, self.fold.batches)))
        return self.files

    def _write_entities(self) -> None:
        # One column per property key any entity has, after the fixed ones; name_key is left to the
        # migration that sets it with Cypher's own toLower, so it equals what MERGE_ENTITIES stores.
        keys = sorted({key for e in self.fold.entities.values() for key in e["properties"]})
        fixed = {column.split(":")[0] for column in _ENTITY_HEADER} | {"name_key"}
        for key in keys:
            if not _PROPERTY_KEY.match(key) or key in fixed:
                raise BulkLoadError(f"the entity property {key!r} cannot be a CSV column of its own")
        now = _now()
        with self.files.path("entities").open("w", encoding="utf-8", newline="") as out:
            out.write(",".join((*_ENTITY_HEADER, *keys)) + "\n")
            for e in self.fold.entities.values():
                aliases = e["aliases"]
                out.write(_line((
                    e["id"], e["kind"], e["name"], e["kind"], aliases or None,
                    "".join(" " + alias for alias in aliases), now,
                    *(e["properties"].get(key) for key in keys),
                )))
