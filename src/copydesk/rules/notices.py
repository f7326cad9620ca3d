"""Site notices: newsletter sign-up boxes, cookie / privacy notices, paywall and support
notes, and consent placeholders for embedded content, printed as paragraphs.

`copydesk.rules.boilerplate` judges short lines by how they start, and stops at 200 characters
because a longer line that starts like a prompt ("Read more about how ...") is prose. A
newsletter box or a cookie notice is often longer than that: two to six sentences of furniture.
So this rule judges a paragraph sentence by sentence. A sentence must open a notice in the
site's own voice (`NOTICE_OPENERS`: "Sign up for our ...", "This site uses cookies ...",
"Melden Sie sich für unseren Newsletter an.", "La suite est réservée aux abonnés."), and every
later sentence must either open one too or speak the notice's vocabulary (`NOTICE_WORDS`:
cookies, consent, privacy policy, opting out). An article that reports on cookies or quotes a
banner opens in its own words ("The regulator said ...", a quotation mark) and keeps every
sentence; an opener that carries an attribution ("We use cookies, the company said") is
reported speech and opens nothing.

A box often puts a label or a hook before its opener: "Ground Game: Sign up ...", "Don't miss
a thing: ...", "Need more space? Subscribe to our ...", "Der Newsletter zu Energie & Klima.
Hier geht es zur Anmeldung." A label (a few words and a colon) is skipped; up to
`MAX_LEAD_IN` short sentences may come before a sign-up or subscription opener when each is a
hook (a question or a cry) or names the box (`BOX_WORDS`). A paragraph of news that merely
ends in a plug ("The council meets on Tuesday. Sign up for our newsletter.") opens with a
plain statement and is kept whole.

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
#: of the sentence patterns, since every line of every article passes here. A paragraph needs
#: one of them besides its opener: "Sign up for our course on Monday." is no notice.
KEYWORDS = (
    "cookie", "privacy", "newsletter", "inbox", "boletín", "subscri", "opt-in", "e-mail",
    "email", "recaptcha", "javascript", "briefing", "anmeld", "einverstanden", "zustimmung",
    "externe", "unterstützen sie", "réservé", "il vous reste",
)  # fmt: skip

#: A notice's vocabulary (casefolded substrings): a sentence after the opener that holds one
#: of these belongs to the notice ("Read more about cookies here.", "These cookies will be
#: stored in your browser only with your consent.", "If you don't see it, please check your
#: junk folder.", "Du kannst ihn dir mit einem Klick anzeigen lassen und wieder ausblenden.").
NOTICE_WORDS = (
    "cookie", "privacy", "consent", "opt out", "opt-out", "unsubscribe", "inbox", "newsletter",
    "terms of use", "terms of service", "personal data", "junk folder", "spam folder",
    "datenschutz", "einwilligung", "widerrufen", "personenbezogene", "drittplattform",
    "mit einem klick", "anzeigen lassen", "ausblenden", "einblenden",
    "données personnelles", "datos personales", "boletín",
)  # fmt: skip

#: Words that name the box itself (casefolded substrings): a sentence before the opener that
#: holds one is the box's blurb ("Der Newsletter zu Energie & Klima für Experten.").
BOX_WORDS = ("newsletter", "inbox", "briefing", "postfach")

#: How many sentences may come before a sign-up or subscription opener, and how long each may
#: be: a box's blurb is a line or two, a news paragraph that ends in a plug is longer.
MAX_LEAD_IN = 2
LEAD_IN_WORDS = 20
#: The kinds that a hook or a blurb may lead into (a cookie notice opens with its opener).
LEAD_IN_KINDS = frozenset({"newsletter sign-up", "subscription notice"})

#: Sentence openings, per kind of notice and language, matched at the start of a sentence
#: (case-blind). Each needs the site's own voice ("our", "this site", "we use") or a notice's
#: fixed words, so that a sentence of news never matches: "Sign up for a free 7-day trial"
#: (a review) and "We value your privacy, the spokesman said" (a quote) are prose.
NOTICE_OPENERS: dict[str, dict[str, tuple[str, ...]]] = {
    "newsletter sign-up": {
        "en": (
            # "Sign up for our daily newsletter ...", "Subscribe to the Morning Brief newsletter"
            # "... for our daily newsletter", "... to our sister magazine for the latest news":
            # what is signed up for is a letter or a title, not a course or an event
            r"(?:sign up|subscribe|register)(?: now| today| for free)? (?:for|to) our\b"
            r"[^.!?;]{0,60}?"
            r"\b(?:newsletters?|e-?mails?|updates|alerts|briefings?|digest|mailing list"
            r"|bulletins?|inbox|magazines?|title|channel|podcasts?|the latest)\b",
            # "... to the Morning Brief newsletter.": the newsletter named right after, and
            # the sentence ending soon (not "Register to vote by Friday, ... its newsletter.")
            # or going on with what the letter is ("Subscribe to Nature Briefing: Careers, an
            # unmissable free weekly round-up ...")
            r"(?:sign up|subscribe|register)(?: now| today| here)? (?:for|to) "
            r"(?:the |my )?[\w'’ -]{0,40}?(?:newsletters?|briefing)\b(?: here| now| today"
            r"| below| for free| to (?:get|receive|have)\b[^.!?]{0,60}"
            r"|\s*[,:—–-][^.!?]{0,100}\b(?:free|daily|weekly|every (?:morning|day|weekday|week))"
            r"\b[^.!?]*)?[.!?]?$",
            # "Get our best stories delivered straight to your inbox."
            r"(?:get|receive) (?:the|our)\b[^.!?]*\b(?:to|in) your inbox\b",
            # the form around the box: its promises, its confirmations and its errors
            r"(?:you can (?:easily )?)?unsubscribe (?:at any time|anytime)\b",
            r"no spam\b[^.!?]{0,20}[.!]?$",
            r"by (?:signing up|subscribing|registering)\b[^.!?]*\b(?:agree|accept|consent)",
            r"thank(?:s| you) for (?:signing up|subscribing)\b",
            r"i (?:agree|consent)\b[^.!?]*\b(?:send me\b|newsletters?\b|to receive "
            r"(?:e-?mails?|newsletters?|marketing|offers|updates)\b)",
            r"(?:please )?(?:check|tick) the (?:opt-in )?box\b[^.!?]*\b(?:subscribe|newsletters?"
            r"|e-?mails?)\b",
            r"keep an eye on your inbox\b",
            r"the (?:next|first|latest) (?:issue|edition) of\b[^.!?]*\byour inbox\b",
            r"(?:a|your) (?:welcome|confirmation|verification) e-?mail (?:is on its way"
            r"|has been sent)\b",
            r"there was an? (?:error|problem|issue) (?:processing your (?:subscription|sign-?up)"
            r"|signing you up)\b",
            r"(?:there was an error, )?please (?:provide|enter) a valid e-?mail(?: address)?\W*$",
        ),
        "de": (
            # "Melden Sie sich jetzt für unseren Newsletter an", "Abonnieren Sie den BR24
            # Newsletter": our / the letter, and "an" after it; advice names newsletters
            # otherwise ("Melden Sie sich von Newslettern ab", "Abonnieren Sie nur Newsletter
            # von Absendern, denen Sie vertrauen")
            r"melden sie sich (?:(?:jetzt|hier|gleich|kostenlos|gratis|einfach) )*"
            r"(?:(?:für|zu|bei) (?:unser(?:e[mn]?)?|de[mn]|diese[mn]) |zu[mr] )[^.!?]*newsletter"
            r"[^.!?]*\ban\b",
            r"abonnieren sie (?:(?:jetzt|hier|gleich|kostenlos|gratis|einfach) )*"
            r"(?:unser(?:e[nr]?)?|den|die|das|diese[nr]?) [^.!?]*newsletter",
            # "Der BR24 Newsletter informiert Sie ...": the letter, a verb, and the reader
            r"(?:der|unser|dieser)(?: [\w&-]+)? ?newsletter (?:informiert|liefert|bringt|versorgt"
            r"|schickt)\b[^.!?]*\b(?:sie|dich|ihnen|dir|euch)\b",
            # the box's last line: nothing after it ("zur Anmeldung für den Marathon" is news)
            r"hier (?:geht(?:['’]s| es) )?zur (?:newsletter-?)?anmeldung\W*$",
        ),
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
            # the reCAPTCHA line under every sign-up form
            r"this (?:site|page|form) is protected by recaptcha\b",
            r"(?:the )?(?:google )?privacy policy and terms of (?:service|use) apply\W*$",
        ),
        "de": (r"(?:diese|unsere) (?:webseite|website|seite) (?:verwendet|nutzt) cookies\b",
               r"wir (?:verwenden|nutzen) cookies\b"),
        "fr": (r"ce site (?:web )?utilise des cookies\b", r"nous utilisons des cookies\b",
               r"en poursuivant votre navigation\b"),
        "es": (r"este sitio (?:web )?(?:utiliza|usa) cookies\b",
               r"(?:utilizamos|usamos) cookies\b", r"si continúa navegando\b"),
    },
    # What stands where a page embeds a video or a post until the reader agrees to load it.
    "consent placeholder": {
        "en": (r"(?:please )?enable javascript to (?:view|see|watch|play|load)\b",),
        "de": (
            r"an dieser stelle (?:finden sie|findest du|befindet sich|ist) (?:einen?|ein)\b"
            r"[^.!?]*\bexterne[nrs]? (?:inhalt|video|beitrag)",
            r"(?:ja, )?ich bin (?:damit )?einverstanden, dass mir\b[^.!?]*\b(?:inhalte?|angezeigt)",
            r"um (?:externe|eingebettete|diese[n]?|den) (?:inhalte?|videos?|beitrag|dienst)\b"
            r"[^.!?]*\b(?:anzuzeigen|zu laden|darzustellen|abzuspielen)\b[^.!?]*"
            r"\b(?:zustimmung|einwilligung|einverständnis)",
            # consent to load something ("... um den Inhalt von YouTube zu laden"), not to a law
            r"wir (?:benötigen|brauchen) (?:ihre|deine) (?:zustimmung|einwilligung)\b[^.!?]*"
            r"\b(?:zu laden|anzuzeigen|darzustellen|abzuspielen|inhalte?|cookies)\b",
        ),
    },
    # Paywall notes and appeals for money, in the site's voice.
    "subscription notice": {
        "de": (r"(?:dann )?unterstützen sie (?:uns|unsere arbeit)\b",),
        "fr": (
            r"(?:cet article|ce contenu|la suite(?: de cet article)?) est réservée? (?:aux|à nos) "
            r"abonnés",
            r"il vous reste \d+(?:[.,]\d+)?\s?% de cet article à lire",
        ),
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
#: ...", "Don't miss a thing: ...", "\"Hier ist Bayern\": Der BR24 Newsletter ..."): a few
#: words, no sentence end, and a colon.
_LABEL = re.compile(r"^[\"„“«]?[^\s.!?:\"„“”«»][^.!?:\"„“”«»]{0,40}[\"“”»]?:\s+")
#: Verbs that report what someone said or wrote, past and present: after a comma and a few
#: words ("..., Meta admitted", "..., räumte der Konzern ein", "..., a indiqué la CNIL") they make
#: the sentence reported speech. A notice cites its policy, never a speaker ("as stated in our
#: cookie policy" puts "as" before the verb, and "as", "which", "that" open no attribution).
SPEECH_VERBS = {
    "en": (
        "said", "says", "told", "tells", "wrote", "writes", "added", "adds", "warned", "warns",
        "explained", "explains", "insisted", "insists", "confirmed", "confirms", "acknowledged",
        "acknowledges", "admitted", "admits", "claimed", "claims", "argued", "argues", "noted",
        "stated", "announced", "announces", "urged", "urges", "promised", "promises", "pleaded",
        "alleged", "alleges", "conceded", "concedes", "stressed", "stresses", "replied",
        "maintained", "maintains", "heard", "reported", "recalled", "countered", "tweeted",
    ),
    "de": (
        "sagte", "sagt", "erklärte", "erklärt", "schrieb", "schreibt", "betonte", "betont",
        "räumte", "räumt", "forderte", "fordert", "appellierte", "warnte", "warnt", "rät",
        "riet", "teilte", "meinte", "meint", "versicherte", "versichert", "kritisierte",
        "hieß es", "heißt es",
    ),
    "fr": (
        "a déclaré", "a dit", "a indiqué", "indique", "a affirmé", "affirme", "a expliqué",
        "explique", "reconnaît", "a reconnu", "a souligné", "souligne", "a assuré", "assure",
        "a précisé", "précise", "a annoncé", "a écrit", "écrit", "estime", "a estimé",
        "a regretté", "déplore", "a averti", "avertit",
    ),
}  # fmt: skip
#: Attributions without a verb of their own ("according to", "so der Verlag", "selon le site").
SPEECH_PHRASES = (r"\baccording to\b", r"[,;]\s+so (?:der|die|das|ein|eine)\b",
                  r"[,;]\s+(?:selon|d['’]après) (?:le|la|les|l['’]|un|une)")  # fmt: skip
#: An attribution inside a sentence: what follows it is reported speech, not the site's voice
#: ("We use cookies, the company said, ...", "..., according to the regulator").
_ATTRIBUTED = re.compile(
    r"[,;]\s+(?!(?:as|which|that)\b)(?:[\w.'’-]+\s+){0,4}(?:"
    + "|".join(v.replace(" ", r"\s+") for vs in SPEECH_VERBS.values() for v in vs)
    + r"|the (?:notice|banner|message|pop-?up|sign|text|e-?mail|letter|statement) reads?)\b|"
    + "|".join(SPEECH_PHRASES),
    re.IGNORECASE,
)
#: Bullets and the like before a sentence ("• Sign up for ...").
_LEAD = " \t•·*-–—"
#: Closing quotes and brackets after a sentence's last mark.
_CLOSERS = "\"'”’)»"


def notice_of(line: str) -> str | None:
    """The kind of notice the whole paragraph is ("cookie notice", "newsletter sign-up", ...,
    or several joined by ", "), or None when it does not open as one or any later sentence is
    something else."""
    text = line.strip()
    if not text or len(text) > MAX_NOTICE_CHARS or not text.endswith(_ENDS):
        return None
    if not _speaks(text, KEYWORDS):
        return None
    sentences = [s.lstrip(_LEAD) for s in _SENTENCE_END.split(text)]
    opened = _opener(sentences)
    if opened is None:
        return None
    at, first = opened
    kinds = [first]
    for sentence in sentences[at + 1 :]:
        kind = _kind(sentence)
        if kind is None and not _speaks(sentence, NOTICE_WORDS):
            return None
        if kind is not None and kind not in kinds:
            kinds.append(kind)
    return ", ".join(kinds)


def _opener(sentences: list[str]) -> tuple[int, str] | None:
    """Where the notice opens and its kind: the first sentence (its label skipped), or a sign-up
    or subscription opener after up to `MAX_LEAD_IN` hooks and blurbs."""
    for at, sentence in enumerate(sentences[: MAX_LEAD_IN + 1]):
        unlabelled = _LABEL.sub("", sentence, count=1) if at == 0 else sentence
        kind = _kind(sentence) or _kind(unlabelled)
        if kind is not None:
            return (at, kind) if at == 0 or kind in LEAD_IN_KINDS else None
        if not _leads_in(unlabelled):
            return None
    return None


def _leads_in(sentence: str) -> bool:
    """A box's hook or blurb: short, and a question, a cry or a sentence naming the box."""
    if len(sentence.split()) > LEAD_IN_WORDS or _ATTRIBUTED.search(sentence):
        return False
    return sentence.rstrip(_CLOSERS).endswith(("?", "!")) or _speaks(sentence, BOX_WORDS)


def _kind(sentence: str) -> str | None:
    if _ATTRIBUTED.search(sentence):
        return None
    for kind, pattern in _PATTERNS.items():
        if pattern.match(sentence):
            return kind
    return None


def _speaks(text: str, words: tuple[str, ...]) -> bool:
    low = text.casefold()
    # a plain loop, not any() over a generator: twice as fast, and every line passes here
    for word in words:  # noqa: SIM110
        if word in low:
            return True
    return False
