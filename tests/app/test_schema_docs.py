"""The committed SDL matches the code, and everything a user can set or call is described."""

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType
from typer.main import get_command

from app.cli import cli
from app.graphql.schema import SCHEMA
from app.settings import Settings

REPO = Path(__file__).resolve().parents[2]
TYPES = SCHEMA._schema.type_map


def test_schema_graphql_is_up_to_date():
    committed = (REPO / "schema.graphql").read_text()
    assert committed.strip() == SCHEMA.as_str().strip(), "run `make schema` and commit schema.graphql"


def _fields() -> Iterator[tuple[str, str | None]]:
    for name, graphql_type in TYPES.items():
        if not name.startswith("__") and isinstance(
            graphql_type, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType
        ):
            for field_name, field in graphql_type.fields.items():
                yield f"{name}.{field_name}", field.description


@pytest.mark.parametrize(("field", "description"), list(_fields()))
def test_every_graphql_field_has_a_description(field: str, description: str | None):
    assert description, f"{field} has no description"


def test_every_graphql_enum_is_described():
    enums = [t for n, t in TYPES.items() if isinstance(t, GraphQLEnumType) and not n.startswith("__")]
    assert [e.name for e in enums if not e.description] == []


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_has_a_description(name: str):
    assert Settings.model_fields[name].description


def _commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    for name, command in group.commands.items():
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")


@pytest.mark.parametrize(("name", "command"), list(_commands(get_command(cli))))  # type: ignore[arg-type]
def test_every_cli_command_and_option_has_help(name: str, command: click.Command):
    assert command.help, f"racegraph {name} has no help"
    undocumented = [
        p.name for p in command.params if isinstance(p, click.Option | click.Argument) and not getattr(p, "help", None)
    ]
    assert undocumented == [], f"racegraph {name}: parameters without help"
