"""Errors raised by the extraction package; `NlpError` is the root."""


class NlpError(Exception):
    """Root of every error the nlp package raises on purpose."""


class InputError(NlpError):
    """An article or input line cannot be read (empty, binary, bad JSON, missing field)."""


class ModelError(NlpError):
    """The spaCy model or pipeline config cannot be loaded."""
