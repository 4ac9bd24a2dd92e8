"""Read articles from files, folders and JSON lines into `ArticleIn` records.

Problems with one input (a missing file, binary data, an empty text, a bad
JSON line) are raised as `InputError` naming the input, so callers can report
and skip it while the rest goes on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from pydantic import ValidationError

from nlp.errors import InputError
from nlp.records import ArticleIn

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSON_SUFFIXES = frozenset({".json", ".jsonl"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES


class _TextOfHtml(HTMLParser):
    """Collects the visible text of an HTML page, one block per line."""

    SKIP = frozenset({"script", "style", "noscript", "template", "head"})
    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: str | None = None
        self._skipping = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data.strip()
        elif not self._skipping:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        return "\n".join(line for line in lines if line)


def html_to_text(html: str) -> tuple[str | None, str]:
    """Return the page title (or None) and its visible text."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    return parser.title, parser.text()


def decode(data: bytes, source: str) -> str:
    """Return `data` as text; raise InputError for binary data. Invalid UTF-8 bytes become U+FFFD."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        log.warning("%s: invalid UTF-8 bytes replaced", source)
        return data.decode("utf-8", errors="replace")


def _require_text(article: ArticleIn, source: str) -> ArticleIn:
    if not article.text.strip():
        raise InputError(f"{source}: empty text")
    return article


def parse_record(record: object, source: str) -> ArticleIn:
    """Return the article in a JSON object of the extraction contract; raise InputError naming `source`."""
    if not isinstance(record, dict):
        raise InputError(f"{source}: expected a JSON object, got {type(record).__name__}")
    try:
        return _require_text(ArticleIn.model_validate(record), source)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'line'}: {e['msg']}" for e in exc.errors())
        raise InputError(f"{source}: {problems}") from exc


def parse_json_line(line: str, source: str) -> ArticleIn:
    """Return the article on one JSON line; raise InputError naming `source` (file:line)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:  # an attacker's or a broken writer's thousands of nested brackets
        raise InputError(f"{source}: JSON nested too deeply") from exc
    return parse_record(record, source)


def read_text_article(
    path: Path,
    *,
    title: str | None = None,
    published: date | None = None,
    url: str | None = None,
) -> ArticleIn:
    """Return the article in a .txt, .md or .html file; the first line of a text file is its title
    unless `title` is given."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    text = decode(path.read_bytes(), str(path))
    if path.suffix.lower() in HTML_SUFFIXES:
        page_title, text = html_to_text(text)
        title = title or page_title
    elif title is None:
        first, _, rest = text.lstrip().partition("\n")
        title, text = first.strip().lstrip("#").strip() or None, rest
    return _require_text(ArticleIn(id=path.stem, text=text, title=title, published=published, url=url), str(path))


def iter_json_file(path: Path) -> Iterator[ArticleIn | InputError]:
    """Yield the articles of a .json (one object or a list) or .jsonl file, and an InputError
    in place of each bad record."""
    text = decode(path.read_bytes(), str(path))
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    yield parse_json_line(line, f"{path}:{number}")
                except InputError as exc:
                    yield exc
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(f"{path}: invalid JSON ({exc.msg} at line {exc.lineno})")
        return
    except RecursionError:
        yield InputError(f"{path}: JSON nested too deeply")
        return
    for number, record in enumerate(data if isinstance(data, list) else [data], start=1):
        try:
            yield parse_record(record, f"{path}#{number}" if isinstance(data, list) else str(path))
        except InputError as exc:
            yield exc


def expand_paths(paths: list[Path]) -> Iterator[Path | InputError]:
    """Yield the article files named or found (recursively, sorted) in folders; an InputError for
    a path that does not exist or has an unsupported type."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif not path.exists():
            yield InputError(f"{path}: no such file or folder")
        elif path.suffix.lower() not in SUFFIXES:
            yield InputError(f"{path}: unsupported file type (expected {', '.join(sorted(SUFFIXES))})")
        else:
            yield path


def iter_articles(
    paths: list[Path],
    *,
    title: str | None = None,
    published: date | None = None,
    url: str | None = None,
) -> Iterator[ArticleIn | InputError]:
    """Yield every article in `paths` (files and folders), with an InputError in place of each
    input that cannot be read. `title` and `url` apply to text files only; `published` fills in
    articles that have no date of their own."""
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            yield item
        elif item.suffix.lower() in JSON_SUFFIXES:
            for article in iter_json_file(item):
                if isinstance(article, ArticleIn) and article.published is None and published:
                    article = article.model_copy(update={"published": published})
                yield article
        else:
            try:
                yield read_text_article(item, title=title, published=published, url=url)
            except (InputError, OSError) as exc:
                yield exc if isinstance(exc, InputError) else InputError(f"{item}: {exc}")
