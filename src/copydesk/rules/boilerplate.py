"""Boilerplate lines: page furniture that scrapers leave inside article text.

Each pattern matches a *whole short line* (see `MAX_BOILERPLATE_CHARS`), never a phrase inside a
sentence: "Follow us on Twitter" alone is furniture, "He told followers on Twitter" is news.
Patterns are grouped by language; a line is tested against all groups, since pages mix
languages (an English "Advertisement" label on a German page is common).
"""

from __future__ import annotations

import re

#: Longer lines are prose even when they start like a prompt ("Read more about how ...").
MAX_BOILERPLATE_CHARS = 200

#: Lines that are furniture whatever follows them ("Also Read: <another headline>").
PREFIXES: dict[str, tuple[str, ...]] = {
    "en": (
        "also read",
        "read also",
        "read more",
        "read next",
        "see also",
        "also see",
        "related:",
        "related stories",
        "related articles",
        "related coverage",
        "recommended:",
        "more:",
        "watch:",
        "watch video",
        "listen:",
        "click here",
        "tap here",
        "follow us",
        "follow @",
        "subscribe to our",
        "subscribe to the",
        "sign up for our",
        "sign up for the newsletter",
        "sign up to our",
        "sign up to receive",
        "get the latest",
        "share this",
        "share on",
        "share:",
        "image credit",
        "image source",
        "image:",
        "photo credit",
        "photo:",
        "photograph:",
        "picture:",
        "pictured:",
        "file photo",
        "(file photo",
        "video:",
        "caption:",
        "story continues",
        "continue reading",
        "scroll down",
        "scroll to continue",
        "advertisement",
        "sponsored",
        "don't miss",
        "trending:",
        "must read",
        "top stories",
        "download the",
        "get our",
        "join our",
        "we use cookies",
        "this site uses cookies",
        "by continuing to",
        "accept cookies",
        "cookie settings",
        "click to share",
        "(click here",
        "also watch",
        "more from",
        "more on this",
        "next article",
        "previous article",
        "updated:",
        "published:",
        "first published",
        "last updated",
        "posted:",
        "copyright ©",
        "© copyright",
        "all rights reserved",
        "leave a comment",
        "comments",
        "view comments",
        "print this",
        "email this",
        "tags:",
        "topics:",
        "filed under",
        "for more news",
        "for the latest",
        "get breaking news",
        "newsletter",
        "you may also like",
        "you might also like",
        "recommended for you",
        "more stories",
        "most read",
        "most popular",
        "trending now",
        "(with inputs",
        "read the full story",
        "read full article",
        "see more:",
        "related post",
        "related posts",
        "reading time",
        "source:",
        "sources:",
        "catch all the",
    ),
    "de": (
        "anzeige",
        "werbung",
        "lesen sie auch",
        "lesen sie mehr",
        "mehr zum thema",
        "auch interessant",
        "das könnte sie auch interessieren",
        "folgen sie uns",
        "teilen",
        "jetzt teilen",
        "newsletter",
        "abonnieren",
        "jetzt abonnieren",
        "foto:",
        "bild:",
        "fotos:",
        "quelle:",
        "quellen:",
        "video:",
        "weiterlesen",
        "mehr lesen",
        "zum artikel",
        "empfehlungen",
        "kommentare",
        "artikel teilen",
        "hinweis:",
        "lesezeit",
        "aktualisiert:",
        "veröffentlicht:",
    ),
    "fr": (
        "publicité",
        "lire aussi",
        "à lire aussi",
        "a lire aussi",
        "lire la suite",
        "voir aussi",
        "suivez-nous",
        "partager",
        "abonnez-vous",
        "inscrivez-vous",
        "photo :",
        "crédit photo",
        "vidéo :",
        "sur le même sujet",
        "à voir aussi",
        "newsletter",
        "mis à jour",
        "temps de lecture",
        "source :",
    ),
    "es": (
        "publicidad",
        "lee también",
        "leer más",
        "lea también",
        "te puede interesar",
        "le puede interesar",
        "síguenos",
        "compartir",
        "suscríbete",
        "foto:",
        "vídeo:",
        "video:",
        "más información",
        "ver también",
        "noticias relacionadas",
        "relacionado:",
        "tiempo de lectura",
        "fuente:",
        "fuentes:",
    ),
    "it": (
        "pubblicità",
        "leggi anche",
        "leggi di più",
        "seguici",
        "condividi",
        "iscriviti",
        "foto:",
        "video:",
        "potrebbe interessarti",
        "articoli correlati",
        "tempo di lettura",
        "fonte:",
    ),
    "pt": (
        "publicidade",
        "leia também",
        "leia mais",
        "veja também",
        "siga-nos",
        "compartilhe",
        "assine",
        "foto:",
        "vídeo:",
        "saiba mais",
        "tempo de leitura",
        "fonte:",
        "fontes:",
    ),
    "nl": (
        "advertentie",
        "lees ook",
        "lees meer",
        "volg ons",
        "deel dit",
        "delen",
        "foto:",
        "video:",
    ),
    "sv": ("annons", "läs också", "läs mer", "följ oss", "dela", "foto:"),
    "da": ("annonce", "læs også", "læs mere", "følg os", "del", "foto:"),
    "no": ("annonse", "les også", "les mer", "følg oss", "del", "foto:", "kilde:", "kilder:"),
    "fi": ("mainos", "lue myös", "lue lisää", "seuraa meitä", "jaa", "kuva:"),
    "pl": (
        "reklama",
        "czytaj też",
        "czytaj także",
        "czytaj więcej",
        "zobacz także",
        "zobacz też",
        "udostępnij",
        "obserwuj nas",
        "fot.",
        "foto:",
    ),
    "cs": ("reklama", "čtěte také", "čtěte též", "sdílet", "foto:"),
    "hu": ("hirdetés", "olvassa el", "kapcsolódó", "megosztás", "fotó:"),
    "ro": ("publicitate", "citește și", "citeste si", "distribuie", "foto:"),
    "tr": ("reklam", "ilginizi çekebilir", "ayrıca okuyun", "paylaş", "bizi takip edin", "foto:"),
    "ru": ("реклама", "читайте также", "читайте еще", "подписывайтесь", "поделиться", "фото:"),
    "uk": ("реклама", "читайте також", "підписуйтесь", "поділитися", "фото:"),
    "id": (
        "iklan",
        "baca juga",
        "baca selengkapnya",
        "simak juga",
        "ikuti kami",
        "bagikan",
        "foto:",
    ),
    "ja": ("広告", "関連記事", "あわせて読みたい", "シェア", "写真："),
    "zh": ("广告", "相关阅读", "延伸阅读", "分享"),
    "ko": ("광고", "관련기사", "공유하기"),
    "ar": ("إعلان", "اقرأ أيضا", "اقرأ أيضاً", "شارك"),
    "el": ("διαφήμιση", "διαβάστε επίσης"),
    "he": ("פרסומת", "קראו עוד"),
}

#: Whole lines (after stripping punctuation) that are furniture.
EXACT: frozenset[str] = frozenset(
    s.casefold()
    for s in (
        "Share",
        "Tweet",
        "Email",
        "Print",
        "Comments",
        "Comment",
        "Facebook",
        "Twitter",
        "X",
        "WhatsApp",
        "LinkedIn",
        "Reddit",
        "Pinterest",
        "Telegram",
        "Copy link",
        "Link copied",
        "Menu",
        "Search",
        "Close",
        "Skip to content",
        "Skip to main content",
        "Back to top",
        "Subscribe",
        "Log in",
        "Sign in",
        "Register",
        "Newsletter",
        "Loading",
        "Loading...",
        "More",
        "Next",
        "Previous",
        "Home",
        "Top",
        "Ad",
        "AD",
        "Sponsored content",
    )
)


def _is_phrase(prefix: str) -> bool:
    """Multi-word prefixes and labels ending in a colon may start a longer line; a single word
    ("del", "teilen", "reklama") is a real word elsewhere, so it must stand alone or before a
    separator ("Anzeige | ...", "Advertisement - Scroll to continue")."""
    return " " in prefix or prefix.endswith((":", ".", "：")) or prefix.startswith("(")


_ALL_PREFIXES = {p for group in PREFIXES.values() for p in group}
_PREFIX_RE = re.compile(
    r"^[\s(\[*_•·-]*(?:"
    + "|".join(
        sorted((re.escape(p) for p in _ALL_PREFIXES if _is_phrase(p)), key=len, reverse=True)
    )
    + r")(?=$|[\s:.,;!)\]|»>-]|\w*:)",
    re.IGNORECASE,
)
_WORD_RE = re.compile(
    r"^[\s(\[*_•·-]*(?:"
    + "|".join(
        sorted((re.escape(p) for p in _ALL_PREFIXES if not _is_phrase(p)), key=len, reverse=True)
    )
    + r")\s*(?:$|[:|•·»>–—-]\s*\S.*$|\W*$)",
    re.IGNORECASE,
)

#: "Follow us on Twitter/Facebook ..." and "Join us on Telegram" in any of the listed languages.
SOCIAL = re.compile(
    r"\b(?:facebook|twitter|instagram|whatsapp|telegram|youtube|tiktok|linkedin|google news"
    r"|x\.com)\b",
    re.IGNORECASE,
)
SOCIAL_VERBS = re.compile(
    r"^\W*(?:follow|join|like|subscribe|find|connect with|folgen|suivez|síguenos|seguici|siga|"
    r"volg|følg|följ|obserwuj|подписывайтесь|ikuti)\b",
    re.IGNORECASE,
)


#: First words of every pattern: a line whose first word is none of these skips the big
#: alternations (most lines), which keeps the check cheap on long texts.
_FIRST_WORDS = frozenset(
    re.split(r"[\s:.：]", p.lstrip("(").casefold(), maxsplit=1)[0] for p in _ALL_PREFIXES
) | {w.split()[0] for w in EXACT}
_LEAD = re.compile(r"[\s(\[*_•·-]*([^\s:：.,;!)\]|»>(-]*)")


def is_boilerplate(line: str) -> bool:
    """True when the whole line is page furniture in one of the listed languages."""
    text = line.strip()
    if not text or len(text) > MAX_BOILERPLATE_CHARS:
        return False
    lead = _LEAD.match(text)
    first = lead.group(1).casefold() if lead else ""
    if first not in _FIRST_WORDS and not _social(text):
        return False
    if text.strip(" .:!|·•-–—()[]").casefold() in EXACT:
        return True
    if _PREFIX_RE.match(text) or _WORD_RE.match(text):
        return True
    return bool(SOCIAL_VERBS.match(text) and _social(text))


#: Every SOCIAL name, lowercased: on ASCII text one of them must be a substring for SOCIAL to
#: match, and seven substring tests are much cheaper than the case-insensitive scan.
_SOCIAL_NAMES = (
    "facebook",
    "twitter",
    "instagram",
    "whatsapp",
    "telegram",
    "youtube",
    "tiktok",
    "linkedin",
    "google news",
    "x.com",
)


def _social(text: str) -> bool:
    if text.isascii():
        low = text.lower()
        for name in _SOCIAL_NAMES:  # a plain loop: twice as fast as any() over a generator
            if name in low:
                break
        else:
            return False
    return SOCIAL.search(text) is not None
