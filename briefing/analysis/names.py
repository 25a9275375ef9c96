"""What every actor rule shares: a mention, and the capitalised words that are never names alone."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import ActorKind

__all__ = ["FUNCTION_WORDS", "INSTITUTION_WORDS", "NOT_ACTOR_WORDS", "PERSONISH", "STOP", "Mention"]


@dataclass(frozen=True)
class Mention:
    """One mention of an actor in a sentence."""

    name: str  # canonical name, e.g. "United States"
    kind: ActorKind
    start: int  # offsets into the sentence text
    end: int
    surface: str  # the text as written, e.g. "Washington"


# Aliases that are also common given names or surnames.
PERSONISH = frozenset({"Washington", "Jordan", "Chad", "Georgia", "Israel", "Sofia"})

# Capitalised only because they start a sentence: never part of a name.
FUNCTION_WORDS = frozenset("""
A An The In On At By For From To With Without And But Or Nor As After Before During
Since Until Although Though However Nevertheless Nonetheless Meanwhile Moreover
Furthermore Thus Therefore Hence Also Even Yet Still Then Now Today Yesterday This
That These Those It Its He She They We I You His Her Their Our My Your There Here When
Where While Why How What Who Which If Whether Both Each Every All Some Many Most Several
Other Another Such One Two Three Four Five Over Under Beyond Within Between Among
Against Despite Following According Indeed Instead Already Only Just Not No Yes Unlike
Like Through Toward Towards Upon Amid About Above Below Within Recognizing Recognising
Later Earlier Again Soon Finally Recently Separately Eventually Initially Currently
Previously Subsequently Last Next First Second Third New Old Dear Sources
""".split())
# Capitalised words that name institutions, documents and publications, never people.
STOP = FUNCTION_WORDS | frozenset("""
Post Times Journal Tribune Herald Telegraph News Daily Gazette Press Tech Review
Member Members States Nations Countries People Officials Leaders
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
Ministry Government Parliament Council Committee Commission Group Agreement Declaration
Summit Memorandum Treaty Act Section Article Resolution Corridor Pipeline Project Forum
Conference Union Organization Organisation Republic Kingdom Federation Party Bank Fund
Institute University Center Centre Office Agency Service Forces Army Navy Strategic
Working Joint Peace National International Southern Northern Eastern Western Central
East West North South Official Analysis Support Freedom Constitution Understanding
Partnership Cooperation Security Energy Gas Oil State Department House Senate Court
""".split())

# Words that name an institution, in English (as the head of a phrase).
INSTITUTION_WORDS = frozenset("""
Department Ministry Agency Service Services Administration Commission Board Council Committee Court Bank
Office Bureau Authority Parliament Assembly Senate Institute Institution University College Center Centers
Centre Centres Corporation Company Association Organization Organisation Foundation Federation Party Caucus
Coalition Alliance Police Army Navy Guard Command Secretariat Tribunal Reserve Survey Inspectorate Directorate
Trust Society League Academy Laboratory Laboratories Chamber Cabinet Government Corps Inc Corp Ltd LLC
Holdings Airlines Airways Motors Pictures Studios Network Newspapers
""".split())
# A phrase that goes on to one of these names a law, a programme or a document.
NOT_ACTOR_WORDS = frozenset("""
Act Acts Program Programs Programme Grant Grants Report Reports Plan Strategy Initiative Amendment Bill Law
Order Rule Regulation Agreement Treaty Project Projects Account Budget Request Database Dashboard Manual
Guidance Notice Review Index Forum Summit Conference Building Headquarters Award Prize Model Method
""".split())
