"""A sentence's tense and year (review2 E2, E3; issue 21): the perfect or preterite of any verb says
what was done, the present how the work usually goes; a sentence whose time phrases name only another
year than the report's is not what was done in the year reported on."""

from __future__ import annotations

import pytest

from sosfs_check.descriptions import Statements
from sosfs_check.packs import builtin_rules

VOCABULARY = builtin_rules().vocabulary


@pytest.mark.parametrize(("sentence", "past"), [
    # perfect and preterite of verbs no list names
    ("Undersköterskorna har lärt sig den nya dokumentationsrutinen.", True),
    ("Vi har köpt in nya sängar med sänkbara grindar.", True),
    ("Biståndshandläggarna har fått tillgång till journalsystemet.", True),
    ("Under hösten har samtliga sjuksköterskor deltagit i en heldag om sårvård.", True),
    ("I oktober skickade vi en enkät till alla anhöriga.", True),
    ("Rehabpersonalen byggde om träningslokalen.", True),
    ("Nattpatrullen gick över till digitala nycklar.", True),
    ("Trycksåren blev färre under hösten.", True),
    ("Avvikelserna analyserades, sammanställdes och återkopplades till personalen.", True),
    ("Varje enhet har nu ett eget hygienombud.", True),
    ("Under hösten har ett nytt larmsystem installerats på alla avdelningar.", True),
    # the present, a plan, an object after "har", an attribute, a restrictive or purpose clause, a list
    ("Sjuksköterskan går igenom läkemedelslistan vid varje besök.", False),
    ("Planerade insatser ska dokumenteras i genomförandeplanen.", False),
    ("Vi har ett nära samarbete med vårdcentralen.", False),
    ("Hemtjänsten har kontinuerligt kontakt med anhöriga.", False),
    ("Vi har ett strukturerat arbetssätt och ett etablerat samarbete med primärvården.", False),
    ("De utbildade ombuden stöttar sina kollegor.", False),
    ("Avvikelser som har inträffat analyseras av enhetschefen.", False),
    ("Rutinerna följs upp för att se att de har fungerat.", False),
    ("Arbetet utgår från egenkontroller, inkomna synpunkter, rapporterade avvikelser och klagomål.", False),
    ("Det viktigaste är att alla rapporterar.", False),
])
def test_the_tense_says_whether_it_was_done(sentence, past):
    [statement] = Statements([(0, sentence)], VOCABULARY).items
    assert statement.done is past


@pytest.mark.parametrize(("sentence", "elsewhen"), [
    ("Under 2024 sjönk antalet trycksår från 30 till 22.", True),
    ("I mars 2024 infördes en ny rutin för munvård.", True),
    ("Under 2026 införs en ny rutin för munvård.", True),
    ("Antalet trycksår sjönk från 30 (2024) till 22.", False),
    ("Under hösten 2024 och våren 2025 utbildades all personal.", False),
    ("Rutinen togs fram i december och införs under 2026.", False),
    ("Antalet trycksår sjönk från 30 till 22.", False),
])
def test_a_sentence_about_another_year(sentence, elsewhen):
    [statement] = Statements([(0, sentence)], VOCABULARY).items
    assert statement.elsewhen(2025) is elsewhen
    assert statement.elsewhen(None) is False
