"""Named tables of HTML leftovers trafilatura keeps in the body, each with why it is safe.

A rule is ``(block, blocks, index) -> bool``; `copydesk.extract.cleanup` applies them in order
and records the first that fires as the removal's reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from copydesk.extract.xmlblocks import RawBlock

Rule = Callable[[RawBlock, list[RawBlock], int], bool]

#: How many leading blocks may hold the headline or the standfirst echoed from the metadata.
LEAD_BLOCKS = 4

#: Share of the description's words found in the first paragraphs above which it repeats them.
DESCRIPTION_IN_BODY = 0.7

#: Class names that mark a paragraph as the dek (standfirst) in site templates.
DEK_CLASS = re.compile(
    r"(?:^|[\s_-])(?:lead|intro|summary|subtitle|sub-title|excerpt|teaser|standfirst|dek|sapo|"
    r"einleitung|description|desc|abstract|synopsis|kicker|chapo|entradilla|subheadline|"
    r"strapline)(?:$|[\s_-])",
    re.IGNORECASE,
)
#: A drop cap opens the body's first paragraph: a block styled with one is never the dek,
#: whatever else its class names say ("has-dropcap__lead-standard-heading").
DROPCAP_CLASS = re.compile(r"drop-?cap", re.IGNORECASE)

#: A "Tags:" / "Topics:" line, or a heading that introduces a list of tag links.
TAG_LABELS = re.compile(
    r"^(?:tags?|tagged(?: with)?|topics?|related topics|keywords?|themen|schlagwörter|"
    r"schlagworte|mehr zum thema|étiquettes|mots-clés|etiquetas|temas|argomenti|tag|etiketler)"
    r"\s*:?\s*",
    re.IGNORECASE,
)

#: Comment-section notes and house rules: never article text.
COMMENT_POLICY = re.compile(
    r"(?:comments? (?:are|is) (?:closed|moderated|disabled)|comment policy|community guidelines|"
    r"leave a (?:comment|reply)|post a comment|join the (?:conversation|discussion)|"
    r"(?:log ?in|sign ?in|register) to (?:comment|post|reply)|you must be logged in to|"
    r"be the first to comment|no comments yet|view comments|show comments|\d+ comments?$|"
    r"kommentare? (?:sind|ist) (?:geschlossen|deaktiviert)|kommentarfunktion|"
    r"die kommentarfunktion|netiquette)",
    re.IGNORECASE,
)
#: Text that every match of `COMMENT_POLICY` contains (lowercased), tested before it.
COMMENT_STEMS = (
    "comment", "community guidelines", "leave a ", "join the ", " to post", " to reply",
    "logged in", "kommentar", "netiquette",
)  # fmt: skip

#: Cookie banners and embed-consent notes (English and German sites mostly say it like this).
CONSENT = re.compile(
    r"(?:\b(?:this|our) (?:web)?site uses cookies|\bwe use cookies\b|cookies (?:to|that) "
    r"(?:improve|enhance|give|personali[sz]e)|\bnecessary cookies\b|cookie (?:policy|settings)|"
    r"externe[rn]? inhalt(?:e)? (?:angezeigt|laden|zu)|einverstanden, dass mir externe|"
    r"personenbezogene daten an drittplattformen|obsah vložený z jiného webu|"
    r"(?:show|load) (?:external|third[- ]party) content|"
    r"an dieser stelle finden sie (?:einen?|ein)\b[^.]{0,80}\bexterne[nr]? inhalt)",
    re.IGNORECASE,
)

#: What stands in the text where a page embeds a video, a post or an external box that the
#: extractor cannot show: a bare "Embed", "Link zum YouTube-Inhalt", "Empfohlener redaktioneller
#: Inhalt". Only a whole block of these words.
EMBED_LABEL = re.compile(
    r"(?:embed|embedded (?:content|video|post)|(?:externer|empfohlener(?: redaktioneller)?) "
    r"inhalt|link zum [\w-]+-inhalt|(?:youtube|twitter|instagram|tiktok|facebook|spotify|x)"
    r"[- ](?:inhalt|embed)|(?:external|third[- ]party|recommended) content)",
    re.IGNORECASE,
)
#: Longer than this, a block is not a bare embed label.
EMBED_LABEL_CHARS = 60

#: Words one of which every `CONSENT` match contains: a cheap test before the pattern.
CONSENT_KEYS = ("cookie", "inhalt", "drittplattform", "vložený", "content")

#: Contributor and editing credits that close wire stories ("Reporting by X; Editing by Y"), and
#: the German labels for the same ("Redaktion: ...", "Faktencheck: ...", a broadcaster's
#: "Sendung: Antenne Brandenburg, 24.04.2024").
CONTRIBUTORS = re.compile(
    r"^\(?(?:additional )?(?:reporting|writing|editing|compiled) by\b|"
    r"\bcontributed (?:reporting|to this (?:report|story|article))|"
    r"\bwriters? .{0,200}contributed\b|"
    r"^(?:redaktion|mitarbeit|recherche|faktencheck|schlussredaktion|grafik|sendung)\s*:",
    re.IGNORECASE,
)

#: Pitches for newsletters, apps and subscriptions. The last alternatives are the calls to
#: action a site closes its pages with, telling the reader to come back for more of its news
#: ("For more stories like this, check our news page.", "Get your need-to-know latest news,
#: ...", "Access the most recent journalism from ...'s award-winning team", "Get real-time
#: updates and result insights on ...", "Folgst du schon 20 Minuten auf Whatsapp?").
PROMO = re.compile(
    r"(?:\bsign up (?:for|to)\b|\bsubscribe (?:to|for|now)\b|\bnewsletters?\b.{0,80}"
    r"\b(?:inbox|sign|subscribe|abonn)|\bget (?:access|the (?:latest|app))\b|"
    r"\bdownload (?:the|our) app\b|abonniere|abonnieren sie|whatsapp-kanal|"
    r"\bhave a (?:news )?tip\b|\bfollow (?:us|him|her|them) on\b|\bstay informed with\b|"
    r"\bfor only .{0,12}\d+ (?:a|per) (?:month|year)\b|\bnewsletter informiert\b|"
    r"\bsigning up to our\b|\bcommunity members are treated\b|\bunterstützen sie uns\b|"
    r"\bfor more (?:stories|news|articles) like this\b|"
    r"^(?:get|access|explore) (?:your|our|the (?:most recent|latest)|real-time)\b[^.!?]{0,60}"
    r"\b(?:news|updates|journalism|stories|features)\b|"
    r"^folgst du (?:uns|schon)\b)",
    re.IGNORECASE,
)

#: A note asking readers to write in, with the address: "Get in touch with our news team by
#: emailing us at ...", "Senden Sie uns Ihr Feedback ... an: briefe@...", "• Email: ...". A bare
#: address (a columnist's signature) has no such words and stays.
CONTACT = re.compile(
    r"(?:get in touch|e-?mail(?:ing)? us|feedback|contact us|write to us|schreiben sie uns|"
    r"senden sie uns|\be-?mail\s*:)",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")

#: Rules for article endings look at this many last blocks.
TAIL_BLOCKS = 5
#: A note about the author, or the authors' names again, is looked for in this many last blocks.
AUTHOR_TAIL_BLOCKS = 3

#: Paywall notes: where the page cuts a subscriber's article off for everyone else ("La suite
#: est réservée aux abonnés.", "この記事は会員限定です。", "Log in or create an account to
#: continue"). Part of `NOTICE`; `after_paywall` also drops what follows them.
PAYWALL = (
    r"\bla suite est réservée aux abonnés|\bil vous reste \d|\bthis (?:article|content) is "
    r"(?:for|reserved for) subscribers|\bsubscribe to (?:continue|read)|"
    r"この記事は会員限定です|\blog in or create an account to continue\b|"
    r"\besta funcionalidad es s[oó]lo para suscriptores"
)
_PAYWALL = re.compile(PAYWALL, re.IGNORECASE)
#: What may follow a paywall note and still be its box: a few short blocks (the offer, its
#: list of benefits, the page's "related" labels). The article going on after a note (a
#: teaser for another, paid story set mid-article) has paragraphs longer than this.
AFTER_PAYWALL_BLOCKS = 10
AFTER_PAYWALL_CHARS = 200

#: Page furniture that reads like a sentence, anywhere in the body: affiliate disclosures,
#: paywall teasers, outdated-browser notices, calls for readers' tips, error-report prompts.
#: Matched only in blocks up to `NOTICE_MAX_CHARS`.
NOTICE = re.compile(
    r"(?:\b(?:may|might) earn (?:an? )?(?:affiliate )?commission|\baffiliate (?:links?|commission)|"
    r"\bbuying through (?:us|our links)|\bwe independently (?:select|review)|"
    rf"{PAYWALL}|"
    r"\byou are using a browser version|\bbrowser (?:version|is) (?:with limited|not supported|"
    r"out of date)|\bgot a story\b|\bwe want to hear from you\b|\bhave you got a story\b|"
    r"\bsend us (?:a|your) (?:tip|story|news)|\bhaben sie hinweise\b|\bhinweise zum "
    r"themengebiet|\bsign up for (?:our|the|ap’s|ap's)\b[^.]{0,60}\bnewsletter|"
    r"\bif you buy something (?:through|from|via)\b|\bshare (?:it|this(?: story| article)?) with "
    r"(?:a|your) friends?\b|"
    # error-report prompts
    r"\bfehler gefunden\s*\?|\b(?:spotted|found) (?:an error|a mistake|a typo)\s*\?)",
    re.IGNORECASE,
)
NOTICE_MAX_CHARS = 400
#: Text that every match of `NOTICE` contains (lowercased): a block with none of these is
#: skipped without running the pattern, which tried its alternatives at every position of
#: every block and was a third of the cleanup's time.
NOTICE_STEMS = (
    "commission", "affiliate ", "buying through", "independently", "réservée", "il vous reste",
    "subscribers", "subscribe to", "browser", "got a story", "hear from you", "send us",
    "hinweise", "newsletter", "buy something", "friend", "fehler gefunden", "an error",
    "a mistake", "a typo", "会員限定", "create an account", "suscriptores",
)  # fmt: skip

#: Share bars and their labels: short blocks made only of these words.
SHARE_WORDS = frozenset(
    {
        "share",
        "shares",
        "sharing",
        "this",
        "article",
        "story",
        "on",
        "via",
        "email",
        "e-mail",
        "print",
        "copy",
        "link",
        "facebook",
        "twitter",
        "x",
        "linkedin",
        "whatsapp",
        "telegram",
        "reddit",
        "pinterest",
        "flipboard",
        "messenger",
        "tumblr",
        "xing",
        "mail",
        "teilen",
        "drucken",
        "artikel",
        "partager",
        "partagez",
        "condividi",
        "compartir",
        "comparte",
        "tweet",
        "pin",
        "save",
        "bookmark",
        "comment",
        "comments",
    }
)

#: Link share and length of a block that is a link to another page rather than text.
TEASER_LINK_SHARE = 0.9
TEASER_MAX_CHARS = 200
SENTENCE_END = re.compile(r"[.!…。！]['\"”’»)]?\s*$")
#: Linked text that cites rather than navigates: a bare address ("http://...", "www..."), an
#: e-mail address (the reporter's), a numbered reference ("[2] Joint Commission ...").
CITATION = re.compile(r"^\s*(?:https?://\S+$|www\.\S+$|[\w.+-]+@[\w-]+\.[\w.-]+$|\[\d{1,3}\]\s)")

#: A list closing the body whose every item carries a link this large a share of its text
#: (a linked headline, with or without a teaser line around it) is a "more stories" index.
LINK_LIST_SHARE = 0.25
LINK_LIST_ITEMS = (3, 20)

#: How far back a table row looks for its table's first row (a `<tfoot>` copy comes right
#: after the header; long tables repeat it every few dozen rows).
MAX_TABLE_ROWS = 100

_WORD = re.compile(r"\w+", re.UNICODE)


def tag_line(block: RawBlock, blocks: list[RawBlock], n: int) -> bool:
    """ "Tags: a, b, c" as one paragraph, or a short heading "Tags" / "Topics"."""
    match = TAG_LABELS.match(block.text)
    if not match:
        return False
    rest = block.text[match.end() :]
    if not rest:
        return block.hint in ("head", "p", "list") and len(block.text) <= 30
    return match.group(0).rstrip().endswith(":") and len(rest) <= 300 and rest.count(".") <= 1


def tag_list_item(block: RawBlock, blocks: list[RawBlock], n: int) -> bool:
    """Items of a list right after a "Tags" heading or line."""
    if block.hint != "list" or block.in_list < 0:
        return False
    first = next(i for i, b in enumerate(blocks) if b.in_list == block.in_list)
    if first == 0:
        return False
    label = blocks[first - 1]
    return bool(TAG_LABELS.match(label.text)) and len(label.text) <= 30


def comment_policy(block: RawBlock, blocks: list[RawBlock], n: int) -> bool:
    """A note about the comments that starts the block ("Leave a comment and let us know"
    closing a paragraph of prose is the writer talking, and stays)."""
    if len(block.text) > 300:
        return False
    low = block.text[:120].lower()
    for stem in COMMENT_STEMS:
        if stem in low:
            match = COMMENT_POLICY.search(block.text, 0, 120)
            return match is not None and match.start() <= 40
    return False


def consent_notice(block: RawBlock, blocks: list[RawBlock], n: int) -> bool:
    """Cookie banners and "show external content" consent texts caught inside the article."""
    if len(block.text) > 800:
        return False
    low = block.text.casefold()
    return any(k in low for k in CONSENT_KEYS) and bool(CONSENT.search(block.text))


def embed_label(block: RawBlock, blocks: list[RawBlock], n: int) -> bool:
    """The label left where an embedded video, post or external box stood."""
    text = block.text
    return len(text) <= EMBED_LABEL_CHARS and EMBED_LABEL.fullmatch(text.strip(" .:")) is not None


def contributor_line(block: RawBlock, blocks: list[RawBlock], n: int) -> bool:
    """ "Reporting by ...; Editing by ..." and "X contributed to this report" at the end."""
    return (
        n >= len(blocks) - TAIL_BLOCKS
        and len(block.text) <= 400
        and bool(CONTRIBUTORS.search(block.text))
    )


def notice(block: RawBlock, blocks: list[RawBlock], n: int) -> bool:
    if len(block.text) > NOTICE_MAX_CHARS:
        return False
    low = block.text.lower()
    for stem in NOTICE_STEMS:  # a plain loop: cheaper than any() over a generator
        if stem in low:
            return NOTICE.search(block.text) is not None
    return False


def after_paywall(block: RawBlock, blocks: list[RawBlock], n: int) -> bool:
    """A block after the paywall note that closes the body: the subscription box's pitch and
    list of benefits, and the page's furniture under it (Chunichi: "紙の新聞の定期購読者の方は、
    無料で会員登録できます。" and five more lines; Nature: "Access the most recent journalism
    ..."). Only when everything after the note is short: the article cut off there has nothing
    more of its own to print."""
    first = len(blocks) - AFTER_PAYWALL_BLOCKS - 1
    if n <= first or any(len(b.text) > AFTER_PAYWALL_CHARS for b in blocks[n:]):
        return False
    for k in range(n - 1, max(first, -1), -1):
        if len(blocks[k].text) > AFTER_PAYWALL_CHARS:
            return False
        if _PAYWALL.search(blocks[k].text):
            return True
    return False


def tail_promo(block: RawBlock, blocks: list[RawBlock], n: int) -> bool:
    """Newsletter, app and subscription pitches in the last blocks of the article."""
    return (
        n >= len(blocks) - TAIL_BLOCKS and len(block.text) <= 400 and bool(PROMO.search(block.text))
    )


def contact_note(block: RawBlock, blocks: list[RawBlock], n: int) -> bool:
    """A request for readers' mail with the address, among the last blocks."""
    return (
        n >= len(blocks) - TAIL_BLOCKS
        and len(block.text) <= NOTICE_MAX_CHARS
        and EMAIL.search(block.text) is not None
        and CONTACT.search(block.text) is not None
    )


def share_bar(block: RawBlock, blocks: list[RawBlock], n: int) -> bool:
    if len(block.text) > 100:
        return False
    words = _WORD.findall(block.text.casefold())
    return 0 < len(words) <= 8 and all(w in SHARE_WORDS for w in words)


def linked_teaser(block: RawBlock, blocks: list[RawBlock], n: int) -> bool:
    """A short block that is all link text and not a sentence: a related-story headline, a
    "more on this" link, a promo button. (Prose paragraphs that happen to be links end with
    sentence punctuation and are kept, and so are cited sources: a link that shows its own
    address, a contact address, a numbered reference.)"""
    return (
        block.link_share >= TEASER_LINK_SHARE
        and len(block.text) < TEASER_MAX_CHARS
        and not SENTENCE_END.search(block.text)
        and not CITATION.match(block.text)
    )


def closing_link_list(block: RawBlock, blocks: list[RawBlock], n: int) -> bool:
    """An item of the list of three to twenty that ends the body, when every item is partly a
    link and none is a citation: the "More great stories" and series indexes sites put under
    the article. (On the dev sets the two such lists are both that; a closing list of sources
    shows its addresses and stays, see `CITATION`.)"""
    least, most = LINK_LIST_ITEMS
    if block.hint != "list" or len(blocks) - n > most:
        return False
    start = n
    while start > 0 and n - start < most and _linked_item(blocks[start - 1]):
        start -= 1
    run = len(blocks) - start
    return least <= run <= most and all(_linked_item(b) for b in blocks[n:])


def _linked_item(block: RawBlock) -> bool:
    return (
        block.hint == "list"
        and block.link_share >= LINK_LIST_SHARE
        and not CITATION.match(block.text)
    )


def header_again(block: RawBlock, blocks: list[RawBlock], n: int) -> bool:
    """A table row that repeats the first row of its table: the header printed again in the
    footer (``<tfoot>``) or every so many rows of a long table."""
    if block.hint != "table":
        return False
    first = n
    while first > 0 and blocks[first - 1].hint == "table" and n - first < MAX_TABLE_ROWS:
        first -= 1
    return first < n and blocks[first].text == block.text


def tag_names(text: str) -> list[str]:
    """The tags a removed "Tags: a, b" line or tag-list item names (the label dropped)."""
    rest = TAG_LABELS.sub("", text, count=1)
    return [t.strip() for t in re.split(r"\s*[,;|·•]\s*", rest) if 1 < len(t.strip()) <= 60]


BOILERPLATE_RULES: dict[str, Rule] = {
    "tags": tag_line,
    "tag list": tag_list_item,
    "comment policy": comment_policy,
    "consent notice": consent_notice,
    "embed label": embed_label,
    "contributors": contributor_line,
    "promo": tail_promo,
    "contact note": contact_note,
    "notice": notice,
    "after paywall": after_paywall,
    "share bar": share_bar,
    "linked teaser": linked_teaser,
    "link list": closing_link_list,
    "table header again": header_again,
}
