"""Word tables behind the enrichment heuristics, each with why it exists.

Kept apart from the code so that a rule and its vocabulary can be read (and tested) in one place.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """A table written as whitespace-separated words (easier to read and extend)."""
    return frozenset(text.split())


#: Entity labels kept as entities; DATE goes to `dates`, numbers and money are not asked for.
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)

#: Honorifics, ranks and offices that the model folds into PERSON spans ("Adm Mike Mullen",
#: "President Obama"). Matched case-insensitively, with or without a final period.
TITLES = _words(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sr sheikh
    adm admiral gen general lt col colonel maj major capt captain cmdr commander sgt sergeant
    cpl pvt brig marshal
    president vice prime minister secretary chancellor premier governor gov senator sen rep
    representative congressman congresswoman speaker mayor ambassador envoy judge justice
    chief king queen prince princess emperor pope cardinal bishop imam rabbi ayatollah
    chairman chairwoman chair ceo director spokesman spokeswoman spokesperson minister
    """
)

#: Lowercase nouns that end an organisation's name after a proper noun: "Haqqani network",
#: "Wagner group". The model often tags the proper noun alone, as a person or place.
ORG_HEADS = _words(
    """
    network group movement party faction militia brigade brigades army front alliance council
    committee foundation institute organisation organization coalition campaign union
    """
)

#: Government portfolios that the model tags as organisations when they are part of a title:
#: "Interior" in "Interior Minister", "State" in "Secretary of State".
PORTFOLIOS = _words(
    """
    interior foreign home defence defense finance state justice commerce trade education health
    labor labour energy treasury agriculture transport transportation information culture
    environment housing
    """
)

#: Office nouns that follow a portfolio in a title ("Interior Minister", "Home Secretary").
OFFICE_NOUNS = frozenset({"minister", "secretary", "ministry", "department", "dept", "office"})

#: Lemmas of verbs that introduce reported speech or thought: the cue of an attribution.
#: Broad on purpose (PARC/PolNeAR annotate beliefs and reports, not only "say").
SPEECH_VERBS = _words(
    """
    say tell add state claim argue insist note write report announce explain declare assert
    warn caution accuse allege admit acknowledge concede deny confirm reveal suggest predict
    promise pledge vow ask question wonder reply respond answer recall complain comment
    remark observe point mention describe call testify tweet post boast brag joke quip scoff
    urge demand estimate conclude emphasize emphasise stress maintain contend counter
    believe think feel know say recount retort lament concede charge indicate agree
    show find reveal disclose acknowledge hint signal fear hope expect doubt worry
    read continue proclaim exclaim shout chant put
    cite discuss criticize criticise propose reject support oppose praise condemn blast attack
    dispute dismiss defend endorse echo decry slam welcome urge want plan
    talk speak accuse charge tout highlight blame credit applaud lay paint recognize recognise
    back cover vote decline refuse decide offer
    """
)

#: Verbs of saying proper: the only cues accepted without a speaker ("it was reported that");
#: a cue of stance or action ("backing", "expects") reports nothing unless someone holds it.
SAYING_VERBS = _words(
    """
    say tell add state claim argue insist note write report announce explain declare assert
    warn allege admit acknowledge deny confirm reveal suggest predict reply respond comment
    testify tweet post estimate conclude
    """
)

#: Cues whose object is what they report ("denied the allegations", "called for a ban"): for
#: these a noun phrase is content, for the others ("told reporters") it is the listener.
OBJECT_CONTENT_VERBS = _words(
    """
    announce deny cite discuss criticize criticise propose reject support oppose praise
    condemn blast attack call question dispute acknowledge confirm predict demand urge promise
    pledge describe mention estimate dismiss defend endorse echo decry slam welcome reveal
    disclose claim allege report tout highlight emphasize emphasise stress blame credit applaud
    lay paint see recognize recognise back show find cover vote
    """
)

#: Nouns of communication whose possessor speaks ("his statement", "Trump's tweet").
SPEECH_NOUNS = frozenset({"statement", "tweet", "remarks", "interview", "speech", "post"})

#: Pronouns that stand for a person speaker; resolved to the last person in subject position.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
#: Pronouns that may stand for a group or organisation.
GROUP_PRONOUNS = frozenset({"they", "we"})
#: Pronouns that stand for an organisation or country speaker ("it said").
THING_PRONOUNS = frozenset({"it"})

#: Function words skipped when spelling an acronym from a name ("Department of State" -> DoS).
ACRONYM_STOPWORDS = frozenset({"of", "the", "and", "for", "in", "on", "&", "de", "du", "des", "la"})

#: Determiners and possessive endings trimmed from entity spans ("the Foreign Ministry").
LEADING_TRIM = frozenset({"the", "a", "an", "this", "that", "these", "those"})
TRAILING_TRIM = frozenset({"'s", "’s", "'", "’"})

#: Nouns after a nationality adjective that make it a language: "Spanish speakers", "a
#: Spanish-language ad". The model tags some such uses NORP (most it tags LANGUAGE, which is not
#: kept), and a language is not a people: it must not become a country.
LANGUAGE_NOUNS = _words(
    """
    speaker speakers speaking language languages translation translations translator
    translators subtitles subtitled dubbed accent dialect
    """
)

#: Words before a nationality adjective that make it a language when a clause ends right after
#: it: "written in German.", "translated into English,". With anything else after it, it is the
#: people's adjective ("into Swedish and Finnish airspace", "in Democratic-leaning wards").
LANGUAGE_LEADS = _words("in into fluent")

#: Words in a date phrase's clause that put it ahead of the publication date: "the vote will take
#: place on Friday" is the next Friday, not the last one. Matched on lowercase tokens ("won't"
#: is "wo" + "n't"). "would" is left out: it reports a past plan as often as a coming one.
FUTURE_WORDS = _words("will 'll ’ll shall wo upcoming scheduled")

#: Verbs of intent: in the past tense and followed by "to" and a verb ("agreed to look at a pause
#: in July"), they put the date on an act that was still to come when they were said, and the
#: paper's date does not tell whether it has come since: the date nearest the paper is taken.
INTENT_LEMMAS = _words(
    "agree decide vote pledge promise vow plan intend threaten offer propose resolve choose "
    "opt seek aim hope want expect ask order urge tell schedule"
)

#: Word pairs that do the same: "is due", "going to", "expected to", "set for".
FUTURE_PAIRS = frozenset(
    {
        ("is", "due"),
        ("are", "due"),
        ("going", "to"),
        ("expected", "to"),
        ("set", "to"),
        ("set", "for"),
        ("plans", "to"),
        ("plan", "to"),
        ("due", "on"),
        # British "is to visit", and aims and hopes (found by a reviewer)
        ("is", "to"),
        ("are", "to"),
        ("hope", "to"),
        ("hopes", "to"),
        ("aim", "to"),
        ("aims", "to"),
        ("intends", "to"),
        ("intend", "to"),
    }
)
