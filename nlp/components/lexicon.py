"""Reading the lexicon files shipped in `nlp/data/` (JSONL and CSV, one record per line)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, Self

import srsly
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Token

from ..errors import ModelError


def data_dir() -> Path:
    """Return the directory of the data files shipped with the package."""
    return Path(str(resources.files("nlp") / "data"))


def resolve_data_path(path: str | Path | None, default: str) -> Path:
    """Return `path`, or the shipped file `default` (relative to `nlp/data/`) when `path` is empty."""
    target = Path(path) if path else data_dir() / default
    if not target.exists():
        raise ModelError(f"lexicon file not found: {target} (expected a file shipped in nlp/data/)")
    return target


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield one dict per non-blank line of a JSONL file."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ModelError(f"{path}:{number}: not a JSON line: {exc}") from exc


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    """Yield one dict per row of a CSV file with a header row."""
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    """Write `records` as JSONL, creating the parent directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


class LexiconPipe(Pipe):
    """A pipe whose whole state is `lexicon` (named lists of records): it saves one JSONL file per
    name and rebuilds its matchers with `_build()` after loading. Subclasses name their lists in
    `LEXICON`, the doc and token extensions they set in `DOC_EXTENSIONS` and `TOKEN_GETTERS`, fill
    the lists in `initialize()`, and annotate a doc in `annotate`."""

    LEXICON: ClassVar[tuple[str, ...]] = ()
    DOC_EXTENSIONS: ClassVar[tuple[str, ...]] = ()
    # token extensions computed on demand: name -> getter
    TOKEN_GETTERS: ClassVar[dict[str, Callable[[Token], Any]]] = {}

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self.lexicon: dict[str, list[Any]] = {key: [] for key in self.LEXICON}
        self._build()
        # extensions are global to spaCy: registered once, whichever pipe comes first
        for attr in self.DOC_EXTENSIONS:
            if not Doc.has_extension(attr):
                Doc.set_extension(attr, default=None)
        for attr, getter in self.TOKEN_GETTERS.items():
            if not Token.has_extension(attr):
                Token.set_extension(attr, getter=getter)

    def _build(self) -> None:
        raise NotImplementedError

    def annotate(self, doc: Doc) -> Doc:
        """Return `doc` with this pipe's annotations set."""
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        """Return `doc` annotated; an error goes to the pipeline's error handler (raise by default)."""
        try:
            return self.annotate(doc)
        except Exception as exc:  # noqa: BLE001 - handed to spaCy's pipeline error handler
            return self.get_error_handler()(self.name, self, [doc], exc)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write each lexicon list as `<name>.jsonl` under `path`."""
        for key, records in self.lexicon.items():
            write_jsonl(Path(path) / f"{key}.jsonl", records)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Self:
        """Load the lists written by `to_disk` and rebuild the matchers."""
        self.lexicon = {key: list(read_jsonl(Path(path) / f"{key}.jsonl")) for key in self.lexicon}
        self._build()
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return bytes(srsly.msgpack_dumps(self.lexicon))

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Self:
        self.lexicon = srsly.msgpack_loads(data)
        self._build()
        return self
