"""Checks a Dutch text for what makes it hard to read at B1 level.

Four rules, from the writing guidelines for residents:
- a sentence of more than ``MAX_WORDS`` words is too long;
- words from the jargon list do not belong in text for residents;
- a passive sentence that addresses the reader ("u wordt ... gebeld") should say who does what;
- the portal says "u" to everyone: "je", "jij" and "jouw" change the tone from page to page.
"""

import re
from dataclasses import dataclass

MAX_WORDS = 15

JARGON = {
    "casus": "een droom, een vraag of 'uw situatie'",
    "casussen": "dromen of vragen",
    "avg": "'privacy' of 'uw gegevens'",
    "vroegsignalering": "'op tijd zien dat iemand hulp nodig heeft'",
    "verwerking": "'wat wij met uw gegevens doen'",
    "verwerken": "'gebruiken' of 'bewaren'",
    "retentie": "'hoe lang wij iets bewaren'",
    "bewaartermijn": "'hoe lang wij iets bewaren'",
    "betrokkene": "'u'",
    "betrokkenen": "'bewoners'",
    "grondslag": "'waarom wij dit mogen'",
    "conform": "'volgens'",
    "middels": "'met'",
    "ten behoeve van": "'voor'",
    "inzake": "'over'",
    "dienen te": "'moeten'",
    "dient te": "'moet'",
    "doorverwijzing": "'wij brengen u in contact met'",
    "intake": "'een eerste gesprek'",
    "escalatie": "'wij vragen hulp van iemand anders'",
    "triage": "'wij kijken wat er nodig is'",
    "interventie": "'hulp'",
    "pseudonimiseren": "'uw naam weghalen'",
    "anonimiseren": "'uw naam en gegevens weghalen'",
    "geanonimiseerd": "'zonder naam'",
    "authenticatie": "'inloggen'",
    "account aanmaken": "'een account maken'",
}

_PASSIVE_AUX = r"(?:wordt|worden|werd|werden)"
_PARTICIPLE = r"(?:ge\w+[dt]|ge\w+en|(?:be|ver|ont|her|er)\w+[dt])"
_PASSIVE = re.compile(rf"\b{_PASSIVE_AUX}\b(?:\s+\w+){{0,5}}?\s+{_PARTICIPLE}\b", re.I)
_ADDRESSES_READER = re.compile(r"\b(?:u|uw)\b", re.I)
_INFORMAL = re.compile(r"\b(?:je|jij|jou|jouw|jezelf)\b", re.I)
_TAG = re.compile(r"<[^>]+>")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}|\{[\w.]+\}")
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n+")
_WORD = re.compile(r"[\w'’-]+", re.U)


@dataclass(frozen=True)
class Problem:
    rule: str
    sentence: str
    advice: str


def sentences(text: str) -> list[str]:
    clean = _PLACEHOLDER.sub("X", _TAG.sub(" ", text))
    return [s.strip() for s in _SENTENCE_END.split(clean) if s.strip()]


def check(text: str) -> list[Problem]:
    problems = []
    for sentence in sentences(text):
        words = _WORD.findall(sentence)
        if len(words) > MAX_WORDS:
            problems.append(
                Problem("long", sentence, f"{len(words)} woorden; maak er zinnen van ten hoogste {MAX_WORDS}.")
            )
        lowered = f" {sentence.lower()} "
        for word, better in JARGON.items():
            if re.search(rf"\b{re.escape(word)}\b", lowered):
                problems.append(Problem("jargon", sentence, f"'{word}' is vaktaal; schrijf liever {better}."))
        if _ADDRESSES_READER.search(sentence) and _PASSIVE.search(sentence):
            problems.append(Problem("passive", sentence, "lijdende vorm; zeg wie iets doet ('de makelaar belt u')."))
        if _INFORMAL.search(sentence):
            problems.append(Problem("informal", sentence, "spreek de lezer aan met 'u' en 'uw', zoals overal."))
    return problems
