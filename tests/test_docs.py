"""The README's settings table names every field of `Settings`, with its environment name, default and meaning."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import AliasChoices
from pydantic.fields import FieldInfo

from app.settings import Settings

README = Path(__file__).resolve().parents[1] / "README.md"


def settings_table(readme: str) -> dict[str, tuple[str, str]]:
    """Return the rows of the table under `## Settings`: environment name -> (default, meaning), backticks off."""
    section = f"\n{readme}".split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split(" | ") for line in section.splitlines() if line.startswith("| `")]
    return {name.strip("` "): (default.strip("` "), meaning.strip()) for name, default, meaning in rows}


def env_name(name: str, field: FieldInfo) -> str:
    """The environment variable a field is read from: its upper-case alias (the NEO4J_* ones), else the prefix."""
    if isinstance(field.validation_alias, AliasChoices):
        return next(c for c in field.validation_alias.choices if isinstance(c, str) and c.isupper())
    return f"{Settings.model_config['env_prefix']}{name.upper()}"


def env_text(value: object) -> str:
    """A default as one would write it in the environment; `unset` for None."""
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


TABLE = settings_table(README.read_text(encoding="utf-8"))
FIELDS = {env_name(name, field): field for name, field in Settings.model_fields.items()}


@pytest.mark.parametrize("env", sorted(FIELDS))
def test_the_readme_names_each_setting_with_its_default_and_meaning(env: str):
    assert env in TABLE, f"README.md's settings table has no row for {env}"
    default, meaning = TABLE[env]
    assert default == env_text(FIELDS[env].get_default(call_default_factory=True))
    assert len(meaning.split()) >= 2, f"{env} needs a meaning in README.md"


def test_the_readme_names_no_setting_that_does_not_exist():
    assert sorted(set(TABLE) - set(FIELDS)) == []


def test_the_table_reader_reads_rows_and_defaults_as_written_in_the_environment():
    readme = "## Settings\n\n| name | default | meaning |\n|---|---|---|\n| `RACEGRAPH_PORT` | `8080` | The port. |\n"
    assert settings_table(readme) == {"RACEGRAPH_PORT": ("8080", "The port.")}
    values = [None, True, 180.0, 0.5, 100_000, Path("data/neo4j"), []]
    assert [env_text(v) for v in values] == ["unset", "true", "180", "0.5", "100000", "data/neo4j", "[]"]
