"""Site notices: newsletter boxes and cookie notices as whole paragraphs, never news prose."""

from __future__ import annotations

import pytest

import copydesk
from copydesk.rules.notices import notice_of

NEWSLETTER = (
    "Sign up for our daily newsletter to receive the most important business and markets news "
    "of the day, with analysis from our reporters and editors around the world, delivered "
    "straight to your inbox every morning."
)
COOKIES = (
    "We value your privacy. This site uses cookies to improve your experience and to show you "
    "personalised content and advertising. By continuing to browse the site you agree to our "
    "use of cookies."
)


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        (NEWSLETTER, "newsletter sign-up"),  # over the 200 characters of a boilerplate line
        (COOKIES, "cookie notice"),
        ("Subscribe to the Morning Brief newsletter. You can unsubscribe at any time.",
         "newsletter sign-up"),
        ("Get our best stories delivered straight to your inbox.", "newsletter sign-up"),
        ("By signing up, you agree to our Privacy Policy.", "newsletter sign-up"),
        ("Thank you for signing up! Look out for our newsletter in your inbox.",
         "newsletter sign-up"),
        ("Your privacy is important to us.", "cookie notice"),
        ("We and our partners use cookies to personalise ads. For more information, see our "
         "cookie policy.", "cookie notice"),
        ("You can change your cookie settings at any time.", "cookie notice"),
        ("This website uses cookies to improve your experience. Read more about cookies here. "
         "By continuing to use our site, you agree to our Terms of Use.", "cookie notice"),
        ("We use cookies. Sign up for our newsletter to get the news first.",
         "cookie notice, newsletter sign-up"),
        # German, French, Spanish
        ("Wir verwenden Cookies, um unser Angebot zu verbessern. Mehr dazu in unserer "
         "Datenschutzerklärung.", "cookie notice"),
        ("Melden Sie sich für unseren Newsletter an.", "newsletter sign-up"),
        ("Ce site utilise des cookies. En poursuivant votre navigation, vous acceptez leur "
         "utilisation.", "cookie notice"),
        ("Abonnez-vous à notre newsletter.", "newsletter sign-up"),
        ("Este sitio web utiliza cookies. Si continúa navegando, acepta su uso.", "cookie notice"),
        ("Suscríbete a nuestro boletín.", "newsletter sign-up"),
    ],
)  # fmt: skip
def test_notice_paragraphs(paragraph: str, kind: str) -> None:
    assert notice_of(paragraph) == kind


@pytest.mark.parametrize(
    "paragraph",
    [
        # news about cookies, privacy and newsletters opens in its own words
        "The regulator fined the company for setting cookies without consent. Privacy groups "
        "welcomed the decision.",
        "“We value your privacy,” a spokesman said. The firm denied selling data.",
        "We value your privacy, the company said in a statement on Monday.",
        # a notice opener followed by a sentence of news is not a notice
        "This site uses cookies, the court heard. The judge said the banner was unclear.",
        # sign-ups that are the story (a review, a subscription business)
        "Sign up for the Disney+ bundle using the same email as your Hulu account.",
        "If you just want Disney+, you can sign up for a free 7-day trial.",
        "Sign up numbers for the newsletter rose sharply in March, the company said.",
        "Subscribers to the newsletter grew by a fifth in a year.",
        # a hard-wrapped fragment of a notice runs on into the next line
        "We value your privacy. This site uses cookies to improve your experience and",
        # no notice vocabulary at all
        "Sign up for our course on Monday.",
        "",
        # a how-to story about privacy (found by a reviewer: all removed)
        "You can change your cookie settings in most browsers. In Chrome, go to Settings, then "
        "Privacy and security.",
        "Read the privacy policy before you install any app. Many apps share your personal "
        "data with advertisers.",
        "Sign up for a newsletter on Substack and you quickly discover how many writers have "
        "left Twitter.",
        "Register to vote by Friday, the election office said in its newsletter.",
    ],
)
def test_prose_is_not_a_notice(paragraph: str) -> None:
    assert notice_of(paragraph) is None


def test_notices_are_removed_and_recorded() -> None:
    """The tester's page: the copyright line went, the newsletter and cookie paragraphs stayed
    in the body (and made two unrelated stories look like copies)."""
    text = (
        "Bus crash kills four in Peru\n\n"
        "LIMA - A bus plunged into a ravine in the Peruvian Andes on Sunday, killing four "
        "passengers and injuring 20, police said.\n\n"
        "Road accidents are frequent in Peru's mountainous regions, where many highways are "
        "narrow, poorly maintained and lack guard rails.\n\n"
        f"{NEWSLETTER}\n\n{COOKIES}\n"
    )
    rec = copydesk.parse(text)
    removed = {(r.text, r.reason, r.detail) for r in rec.removed}
    assert removed == {
        (NEWSLETTER, "boilerplate", "newsletter sign-up"),
        (COOKIES, "boilerplate", "cookie notice"),
    }
    assert len(rec.body) == 2 and rec.body[1].startswith("Road accidents")


def test_a_boxs_label_before_its_opener() -> None:
    # found by a reviewer on an AP page: "Ground Game: Sign up for AP's weekly ..."
    box = "Ground Game: Sign up for AP's weekly politics newsletter to get it in your inbox."
    assert notice_of(box) == "newsletter sign-up"
    assert notice_of("Analysis: Sign up for a newsletter and you find writers who left.") is None
