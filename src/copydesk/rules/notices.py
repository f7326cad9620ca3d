"""Site notices: newsletter sign-up boxes and cookie / privacy notices printed as paragraphs.

`copydesk.rules.boilerplate` judges short lines by how they start, and stops at 200 characters
because a longer line that starts like a prompt ("Read more about how ...") is prose. A
newsletter box or a cookie notice is often longer than that: two to six sentences of furniture.
So this rule judges a paragraph sentence by sentence. Its first sentence must open a notice in
the site's own voice (`NOTICE_OPENERS`: "Sign up for our ...", "This site uses cookies ...",
"We value your privacy."), and every later sentence must either open one too or speak the
notice's vocabulary (`NOTICE_WORDS`: cookies, consent, privacy policy, opting out). An article
that reports on cookies or quotes a banner opens in its own words ("The regulator said ...",
a quotation mark) and keeps every sentence.

Beside being noise in the body, these paragraphs are the same under every article of a site,
and for a short story they are most of its words, enough for two unrelated stories to look like
copies to the dedup stage. They are removed with the reason ``boilerplate`` and the kind of
notice as the detail, like every other line the structure stage drops.
"""

from __future__ import annotations

import re

#: Longer paragraphs are not judged (a bound on the regex work, not a claim about prose).
MAX_NOTICE_CHARS = 800

#: A paragraph that holds none of these (casefolded) is not a notice; the cheap gate in front
#: of the sentence patterns, since every line of every article passes here.
KEYWORDS = ("cookie", "privacy", "newsletter", "inbox", "boletín")

#: A notice's vocabulary (casefolded substrings): a sentence after the opener that holds one
#: of these belongs to the notice ("Read more about cookies here.", "These cookies will be
#: stored in your browser only with your consent.", "You can unsubscribe at any time.").
NOTICE_WORDS = (
    "cookie", "privacy", "consent", "opt out", "opt-out", "unsubscribe", "inbox", "newsletter",
    "terms of use", "terms of service", "personal data", "datenschutz", "einwilligung",
    "données personnelles", "datos personales", "boletín",
)  # fmt: skip

#: Sentence openings, per kind of notice and language, matched at the start of a sentence
#: (case-blind). Each needs the site's own voice ("our", "this site", "we use") or a notice's
#: fixed words, so that a sentence of news never matches: "Sign up for a free 7-day trial"
#: (a review) and "We value your privacy, the spokesman said" (a quote) are prose.
NOTICE_OPENERS: dict[str, dict[str, tuple[str, ...]]] = {
    "newsletter sign-up": {
        "en": (
            # "Sign up for our daily newsletter ...", "Subscribe to the Morning Brief newsletter"
            r"(?:sign up|subscribe|register)(?: now| today| for free)? (?:for|to) our\b",
            # "... to the Morning Brief newsletter.": the newsletter named right after, and
            # the sentence ending soon (not "Register to vote by Friday, ... its newsletter.")
            r"(?:sign up|subscribe|register)(?: now| today| here)? (?:for|to) "
            r"(?:the |my )?[\w'’ -]{0,40}?newsletters?\b(?: here| now| today| below"
            r"| for free| to (?:get|receive|have)\b[^.!?]{0,60})?[.!?]?$",
            # "Get our best stories delivered straight to your inbox."
            r"(?:get|receive) (?:the|our)\b[^.!?]*\b(?:to|in) your inbox\b",
            r"(?:you can )?unsubscribe at any time\W*$",
            r"by (?:signing up|subscribing|registering)\b[^.!?]*\b(?:agree|accept|consent)",
            r"thank(?:s| you) for (?:signing up|subscribing)\b",
        ),
        "de": (r"(?:melden sie sich|abonnieren sie)\b[^.!?]*\bnewsletter",),
        "fr": (r"(?:inscrivez-vous|abonnez-vous) à notre (?:newsletter|lettre)",),
        "es": (
            r"(?:suscríbete|suscríbase|regístrate|regístrese) a nuestr[oa] "
            r"(?:newsletter|boletín)",
        ),
    },
    "cookie notice": {
        "en": (
            # A short declaration, only as a whole sentence: "We value your privacy."
            r"we (?:value|respect|care about) your privacy\W*$",
            r"your privacy (?:is important to us|matters(?: to us)?)\W*$",
            r"(?:this|our) (?:web)?site uses cookies\b",
            r"we(?: and our (?:partners|vendors))? use cookies\b",
            # "By continuing to browse the site you agree to our use of cookies."
            r"by (?:continuing to (?:browse|use)|using|browsing) (?:this|the|our) (?:web)?site\b"
            r"[^.!?]*\b(?:agree|accept|consent)",
            # "For more information, see our cookie policy."
            r"(?:for more information|to (?:find|learn) out more|learn more"
            r"|(?:please )?(?:see|read))\b[^.!?]*\bour (?:cookie|privacy) "
            r"(?:policy|notice|statement)",
            # the site's offer, not a how-to ("You can change your cookie settings in most
            # browsers."): "at any time", "below", "by clicking ..."
            r"you can (?:change|manage|update|withdraw)\b[^.!?]*\b(?:cookie|privacy) "
            r"(?:settings|preferences|choices)\b[^.!?]*\b(?:at any time|below|here|by clicking)",
        ),
        "de": (r"(?:diese|unsere) (?:webseite|website|seite) (?:verwendet|nutzt) cookies\b",
               r"wir (?:verwenden|nutzen) cookies\b"),
        "fr": (r"ce site (?:web )?utilise des cookies\b", r"nous utilisons des cookies\b",
               r"en poursuivant votre navigation\b"),
        "es": (r"este sitio (?:web )?(?:utiliza|usa) cookies\b",
               r"(?:utilizamos|usamos) cookies\b", r"si continúa navegando\b"),
    },
}  # fmt: skip

_PATTERNS = {
    kind: re.compile("|".join(f"(?:{p})" for ps in langs.values() for p in ps), re.IGNORECASE)
    for kind, langs in NOTICE_OPENERS.items()
}
#: Sentence ends: . ! or ? (closing quotes allowed) followed by space.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
#: What a paragraph may end with: a hard-wrapped fragment of a notice ("This site uses cookies
#: to improve your" / "experience ...") does not end a sentence, and removing it would leave
#: the rest of the paragraph behind.
_ENDS = (".", "!", "?", "…", '"', "'", "”", "’", ")")
#: A box's label before its opener ("Ground Game: Sign up for AP's weekly politics newsletter
#: ..."): up to three capitalised words and a colon.
_LABEL = re.compile(r"^(?:[A-Z][\w'’&-]*\s+){0,2}[A-Z][\w'’&-]*:\s+")
#: Bullets and the like before a sentence ("• Sign up for ...").
_LEAD = " \t•·*-–—"


def notice_of(line: str) -> str | None:
    """The kind of notice the whole paragraph is ("cookie notice", "newsletter sign-up", or
    both joined by ", "), or None when it does not open as one or any later sentence is
    something else."""
    text = line.strip()
    if not text or len(text) > MAX_NOTICE_CHARS or not text.endswith(_ENDS):
        return None
    if not any(word in text.casefold() for word in KEYWORDS):
        return None
    first, *rest = (s.lstrip(_LEAD) for s in _SENTENCE_END.split(text))
    kind = _kind(first) or _kind(_LABEL.sub("", first, count=1))
    if kind is None:
        return None
    kinds = [kind]
    for sentence in rest:
        kind = _kind(sentence)
        if kind is None and not _speaks_notice(sentence):
            return None
        if kind is not None and kind not in kinds:
            kinds.append(kind)
    return ", ".join(kinds)


def _kind(sentence: str) -> str | None:
    for kind, pattern in _PATTERNS.items():
        if pattern.match(sentence):
            return kind
    return None


def _speaks_notice(sentence: str) -> bool:
    low = sentence.casefold()
    return any(word in low for word in NOTICE_WORDS)
