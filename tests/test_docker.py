"""The Dockerfile, read rather than built (no Docker here): a node:20-slim stage builds web/ the way
`make web` does, and the Python image gets its output where the app serves /static from."""

from __future__ import annotations

import fnmatch
import posixpath
import re
import shlex
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from app.web import static

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Copy:
    stage: str | None  # --from, None for the build context
    sources: list[str]
    dest: str  # absolute, resolved against the WORKDIR
    step: int  # index among the stage's instructions


@dataclass
class Stage:
    image: str
    name: str | None
    workdir: str = "/"
    steps: list[tuple[str, str]] = field(default_factory=list)  # (instruction, arguments)
    copies: list[Copy] = field(default_factory=list)

    def step(self, instruction: str, pattern: str) -> int:
        """The index of the first `instruction` whose arguments match `pattern`."""
        return next(i for i, (ins, args) in enumerate(self.steps) if ins == instruction and re.search(pattern, args))

    def context_sources(self) -> list[str]:
        return [src for copy in self.copies if copy.stage is None for src in copy.sources]


def parse_dockerfile(text: str) -> list[Stage]:
    """Return the stages of a Dockerfile (comments dropped, continuation lines joined); COPY
    destinations are resolved against the WORKDIR (a `--from` source is a path in that stage)."""
    stages: list[Stage] = []
    kept = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for line in re.sub(r"\\\n", " ", kept).splitlines():
        if not line.strip():
            continue
        instruction, _, arguments = line.strip().partition(" ")
        instruction, arguments = instruction.upper(), arguments.strip()
        if instruction == "FROM":
            words = arguments.split()
            name = words[2] if len(words) == 3 and words[1].lower() == "as" else None
            stages.append(Stage(image=words[0], name=name))
            continue
        stage = stages[-1]
        if instruction == "WORKDIR":
            stage.workdir = posixpath.normpath(posixpath.join(stage.workdir, arguments))
        elif instruction == "COPY":
            words = shlex.split(arguments)
            flags = dict(w[2:].partition("=")[::2] for w in words if w.startswith("--"))
            paths = [w for w in words if not w.startswith("--")]
            dest = posixpath.normpath(posixpath.join(stage.workdir, paths[-1]))
            stage.copies.append(Copy(flags.get("from"), paths[:-1], dest, len(stage.steps)))
        stage.steps.append((instruction, arguments))
    return stages


@pytest.fixture(scope="module")
def stages() -> list[Stage]:
    return parse_dockerfile((REPO / "Dockerfile").read_text())


def is_ignored(path: str) -> bool:
    """Whether .dockerignore keeps `path` out of the build context."""
    lines = (REPO / ".dockerignore").read_text().splitlines()
    patterns = [line.strip().rstrip("/") for line in lines if line.strip() and not line.startswith("#")]
    parts = Path(path).parts
    return any(fnmatch.fnmatch("/".join(parts[: i + 1]), p) for i in range(len(parts)) for p in patterns)


def test_a_node_stage_builds_the_web_assets_with_npm_ci_and_the_app_image_is_python(stages: list[Stage]):
    web, app = stages
    assert (web.image, app.image) == ("node:20-slim", "python:3.11-slim") and web.name
    # The manifest and lockfile come in first, then npm ci, then the sources, then the build.
    lockfile = next(c for c in web.copies if "web/package-lock.json" in c.sources)
    assert "web/package.json" in lockfile.sources
    sources = next(c for c in web.copies if "web/build.mjs" in c.sources)
    assert lockfile.step < web.step("RUN", r"\bnpm ci\b") < sources.step < web.step("RUN", r"\bnode build\.mjs\b")


def test_every_copy_source_is_in_the_build_context(stages: list[Stage]):
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    context = REPO / compose["services"]["app"]["build"]
    sources = [src for stage in stages for src in stage.context_sources()]
    assert sources
    assert [src for src in sources if not (context / src).exists()] == []
    assert [src for src in sources if is_ignored(src)] == []


def test_the_web_stage_gets_every_file_the_build_reads(stages: list[Stage]):
    copied = [src.rstrip("/") for src in stages[0].context_sources()]
    needed = ["web/package.json", "web/package-lock.json", "web/build.mjs"]
    needed += [str(p.relative_to(REPO)) for p in (REPO / "web" / "src").rglob("*") if p.is_file()]
    assert [path for path in needed if not any(path == src or path.startswith(src + "/") for src in copied)] == []


def test_the_built_assets_land_where_the_app_serves_static_files(stages: list[Stage]):
    web, app = stages
    # build.mjs writes to path.join(<its folder>, ...); locally that is app/static, which /static serves.
    (out,) = re.findall(r"const out = path\.join\(here, (.*?)\);", (REPO / "web" / "build.mjs").read_text())
    parts = [part.strip().strip("\"'") for part in out.split(",")]
    assert (REPO / "web").joinpath(*parts).resolve() == static.STATIC_DIR
    # In the node stage, build.mjs sits in a folder of its own: the assets are at that folder/../app/static.
    (script,) = [c for c in web.copies if "web/build.mjs" in c.sources]
    web_out = posixpath.normpath(posixpath.join(script.dest, *parts))

    (assets,) = [c for c in app.copies if c.stage == web.name]
    (package,) = [c for c in app.copies if c.stage is None and c.sources == ["app"]]
    assert [posixpath.normpath(s) for s in assets.sources] == [web_out]
    assert assets.dest == posixpath.join(package.dest, "static")
    # ... before `pip install .`, which installs them with `app` as package data.
    assert package.step < assets.step < app.step("RUN", r"\bpip install\b")
    package_data = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["app"]
    assert "static/**/*" in package_data and "templates/*" in package_data
    # Local build output and node_modules stay out of the context: the image builds its own.
    assert is_ignored("app/static/embed.js") and is_ignored("web/node_modules/react/index.js")


def test_the_image_serves_the_api_as_a_plain_user(stages: list[Stage]):
    steps = dict(stages[-1].steps)
    assert (steps["CMD"], steps["EXPOSE"]) == ('["racegraph", "serve"]', "8000")
    assert steps["USER"] not in ("root", "0")
