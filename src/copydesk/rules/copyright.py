"""Copyright lines that close an article: "Copyright © 2026 Media Group. All Rights Reserved",
"<Copyright ⓒ 한국일보. All rights reserved. 무단 전재 및 재배포 금지>", "© The Financial Times Ltd.
2024".

A bare "© Reuters" under a photo is a picture credit that the Zyte gold keeps in the body, so a
copyright sign counts only with a year, and the word "copyright" only with a sign right after it
("Copyright ©", "Copyright @ 2026", as sites misprint it) or a year at most two words on
("copyright Inexhibit 2019"): "Copyright reform" is a subheading, "Copyright law changed in
1998." a sentence. The structure stage looks for these lines only among the
last lines of the article (`copydesk.structure.build`).
"""

from __future__ import annotations

import re

COPYRIGHT = re.compile(
    r"^[\s<(\[]*(?:copyright\s*(?:[©ⓒ@]|\(c\))|copyright(?:\W+[^\W\d]+){0,2}\W+(?:19|20)\d\d(?!\d)|"
    r"(?:©|ⓒ|\(c\)).{0,60}?(?<!\d)(?:19|20)\d{2}(?!\d))",
    re.IGNORECASE,
)

#: "All rights reserved" in the languages of the dev sets; the phrase is never article prose.
RIGHTS_RESERVED = re.compile(
    r"all rights reserved|alle rechte vorbehalten|tous droits réservés|"
    r"todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati",
    re.IGNORECASE,
)

#: Longer lines are prose about copyright, not the notice.
MAX_COPYRIGHT_CHARS = 200


def is_copyright(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > MAX_COPYRIGHT_CHARS:
        return False
    return COPYRIGHT.match(text) is not None or RIGHTS_RESERVED.search(text) is not None
