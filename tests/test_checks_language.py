"""checks/language.py: the language of a profile's prose, read from its function words when
`meta.lang` does not say (the spelling rule that uses it is tested in test_checks_spelling.py
and on the real-world corpus in test_realworld.py); and rule `language`, a letter or the
profile written in another language than `meta.lang` says."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.checks.language import KNOWN, NAMES, STOP_WORDS, detect
from jobpacket.errors import Problem

from .checks_support import BASE, LETTER_BODY, at, findings, pos, write
from .conftest import EXAMPLE, run_cli

PROSE = {
    "en": [
        "Nurse educator with ten years in the intensive care unit of a regional hospital.",
        "Designed the simulation programme for new graduates and trained over forty staff.",
    ],
    "fr": [
        "Infirmière formatrice depuis dix ans dans le service de réanimation.",
        "Conception du programme de simulation pour les nouveaux diplômés et formation des "
        "équipes de nuit.",
    ],
    "de": [
        "Pflegepädagogin mit zehn Jahren Erfahrung auf der Intensivstation.",
        "Aufbau des Simulationsprogramms für neue Absolventen und Schulung der Nachtdienste "
        "sowie der Praxisanleiter.",
    ],
    "es": [
        "Enfermera formadora con diez años en la unidad de cuidados intensivos del hospital.",
        "Diseñé el programa de simulación para los nuevos graduados y formé a las enfermeras.",
    ],
    "pt": [
        "Enfermeira formadora com dez anos na unidade de cuidados intensivos do hospital.",
        "Criei o programa de simulação para os novos enfermeiros e formei as equipas da noite.",
    ],
    "it": [
        "Infermiera formatrice con dieci anni nel reparto di terapia intensiva dell'ospedale.",
        "Ho progettato il programma di simulazione per gli infermieri neoassunti della notte.",
    ],
    "nl": [
        "Verpleegkundige opleider met tien jaar ervaring op de intensive care van het ziekenhuis.",
        "Ontwikkelde het simulatieprogramma voor nieuwe collega's en trainde de nachtdienst.",
    ],
    "ru": ["Медсестра-преподаватель с десятилетним опытом работы в отделении реанимации."],
    "uk": [
        "Медична сестра-викладач із десятирічним досвідом роботи у відділенні реанімації.",
        "Розробила програму симуляційного навчання для нових працівників і провела тренінги.",
    ],
    "be": [
        "Медыцынская сястра-выкладчык з дзесяцігадовым вопытам працы ў аддзяленні рэанімацыі.",
        "Распрацавала праграму сімуляцыйнага навучання для новых супрацоўнікаў.",
    ],
    "bg": [
        "Медицинска сестра-преподавател с десетгодишен опит в отделението по интензивно "
        "лечение. Създадох програма за симулационно обучение на новите колеги в България.",
    ],
    "sr": [
        "Медицинска сестра са десетогодишњим искуством у одељењу интензивне неге.",
        "Развила сам програм симулационе обуке и обучила више од четрдесет колега.",
    ],
    "mk": [
        "Медицинска сестра со десетгодишно искуство во одделот за интензивна нега.",
        "Развив програма за обука на новите вработени и ќе продолжам да ги обучувам.",
    ],
    "ar": ["ممرضة ومدربة في وحدة العناية المركزة منذ عشر سنوات في مستشفى إقليمي."],
    "fa": ["پرستار و مربی در بخش مراقبت‌های ویژه با ده سال تجربه در بیمارستان."],
}


@pytest.mark.parametrize("lang", sorted(PROSE))
def test_each_language_is_recognized_from_a_few_sentences(lang: str) -> None:
    assert detect(PROSE[lang]) == lang
    assert lang in NAMES


def test_too_few_words_decide_nothing() -> None:
    assert detect(["Python, SQL, Airflow"]) is None
    assert detect(["the data"]) is None  # one function word is below MIN_HITS
    assert detect([]) is None


def test_two_languages_mixed_evenly_decide_nothing() -> None:
    assert detect([*PROSE["en"], *PROSE["fr"]]) is None


def test_numbers_and_names_do_not_count_as_words() -> None:
    noisy = [f"{line} 2019-2024 Acme GmbH, 12 300 €" for line in PROSE["de"]]
    assert detect(noisy) == "de"


def test_cyrillic_is_read_by_its_alphabet_and_a_borrowed_name_does_not_decide() -> None:
    """Every Cyrillic text was once Russian. A Ukrainian place name in Russian prose, or a
    Russian one in Ukrainian, stays the prose's language: under 1% of the letters."""
    russian = [
        *PROSE["ru"],
        "Работала в областной больнице во Львове и в центре симуляции в Київі, где отвечала "
        "за обучение новых сотрудников и разработку программы практических занятий.",
    ]
    assert detect(russian) == "ru"
    ukrainian = [*PROSE["uk"], "Пройшла стажування в Москве в центрі симуляційного навчання."]
    assert detect(ukrainian) == "uk"
    # Russian writes ъ only before е, ё, ю, я; Bulgarian before a consonant and at the end
    assert detect(["Руководил внедрением объектной модели, что ускорило подъезд к складу."]) == "ru"
    assert detect(["Ръководих екипа и съм отговорна за пътуванията на колегите."]) == "bg"


@pytest.mark.parametrize(
    "text",
    [
        # Bulgarian or Russian: no ы, э, ё, no ъ, none of either's own words
        "Медицинска сестра-преподавател с десетгодишен опит в отделението по интензивно лечение.",
        # Serbian or Macedonian: љ, but no ђ, ћ, ѓ, ќ, ѕ and none of either's own words
        "Обука нових запослених, развој програма симулација, одељење интензивне неге.",
        # half Russian, half Ukrainian
        "Руководил командой разработки мобильных приложений и внедрил системы отчётности. "
        "Розробила програму симуляційного навчання для нових працівників і провела тренінги.",
        "Python, SQL",
    ],
    ids=["bg-or-ru", "sr-or-mk", "ru-and-uk", "too-few"],
)
def test_cyrillic_letters_that_do_not_decide_name_nothing(text: str) -> None:
    assert detect([text]) is None


def test_every_language_with_stop_words_has_a_name() -> None:
    assert set(STOP_WORDS) <= set(NAMES)


# --- rule `language`: a letter, or the profile, in another language than meta.lang ---------

GERMAN_LETTER = (
    "mit großem Interesse habe ich Ihre Ausschreibung für die Stelle als Senior Data Analyst "
    "bei der Harbour Retail Group gelesen. Seit fünf Jahren erstelle ich bei Camden Foods die "
    "wöchentlichen Absatzprognosen, mit denen die Einkäufer den Bestand planen. Im letzten Jahr "
    "habe ich den Prognosefehler um ein Fünftel gesenkt, indem ich Aktionen und das Wetter in "
    "das Modell aufgenommen habe. Außerdem habe ich das Berichtswesen mit SQL und Python neu "
    "aufgebaut, so dass jede Filialleitung am Montagmorgen eine kurze Übersicht erhält. In "
    "Ihrer Ausschreibung nennen Sie „experience with forecasting at scale“ als wichtigste "
    "Anforderung: genau das ist meine tägliche Arbeit. Gern bringe ich diese Erfahrung in Ihr "
    "Team ein. Meinen Lebenslauf finden Sie in der Anlage. Über eine Einladung zu einem "
    "Gespräch freue ich mich sehr."
)
GERMAN_BASE = """\
basics:
  name: Priya Raman
  label: Datenanalystin
  email: priya.raman@example.com
  url: https://priyaraman.example.com
  summary: >-
    Datenanalystin mit fünf Jahren Erfahrung in der Absatzprognose und im Berichtswesen für
    den Einzelhandel. Ich verbinde Statistik mit einem klaren Blick für die Fragen der
    Einkäufer und Filialleitungen.
work:
  - name: Camden Foods
    position: Datenanalystin
    startDate: "2021-04"
    highlights:
      - Aufbau der wöchentlichen Absatzprognose für alle Filialen; der Prognosefehler sank um
        ein Fünftel.
      - Neuaufbau des Berichtswesens mit SQL und Python für die Filialleitungen.
projects:
  - name: Open Transit Forecast
    description: >-
      Gewinnerin beim Wettbewerb „Best Use of Open Data in the City of London“ mit einer
      Prognose der Busverspätungen aus offenen Fahrplandaten.
"""
APP = """\
applications:
  - id: harbour
    organization: Harbour Retail Group
    position: Senior Data Analyst
    letter:
      kind: cover
      greeting: {greeting}
      body: >-
        {body}
"""


def _profile(base: str, lang: str, body: str, greeting: str = "Dear Ms. Okafor,") -> str:
    app = APP.format(greeting=greeting, body=body)
    return f"{base}{app}meta:\n  lang: {lang}\n"


def _language(tmp_path: Path, text: str) -> list[Problem]:
    return findings(tmp_path, text, "language")


@pytest.mark.parametrize("lang, name", [("de", "German"), ("fr", "French")])
def test_english_letters_under_another_meta_lang_warn_at_each_letter(
    tmp_path: Path, lang: str, name: str
) -> None:
    """The example profile as it was noticed: meta.lang de (or fr) around English letters."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("lang: en-US", f"lang: {lang}")
    found = _language(tmp_path, text)
    letters = [p for p in found if p.path[0] == "applications"]
    assert [p.path for p in letters] == [
        ("applications", 0, "letter", "body"),
        ("applications", 1, "letter", "body"),
    ]
    reconsideration = letters[1]
    body_at = pos(text, "body: |", 0), pos(text, "body: |", 1)
    assert [at(p) for p in letters] == [(line, col + len("body: ")) for line, col in body_at]
    assert reconsideration.severity == "warning"
    assert reconsideration.message == (
        f"the reconsideration letter reads as English but meta.lang is {lang}: its date, "
        f"subject line and enclosures line come out in {name} around English paragraphs"
    )
    # the rest of the example is English too: each fix is offered
    assert reconsideration.hint == (
        f"write it in {name}, or set applications[1].lang: en for this application's "
        "letters, or meta.lang: en for the whole profile"
    )
    whole = [p for p in found if p.path == ("meta", "lang")]
    line, col = pos(text, f"lang: {lang}")
    assert len(whole) == 1 and at(whole[0]) == (line, col + len("lang: "))
    assert whole[0].message == (
        f"the profile reads as English but meta.lang is {lang}: its headings, month names and "
        f"'Present' come out in {name} around English text"
    )


def test_the_example_as_it_is_is_quiet(tmp_path: Path) -> None:
    assert _language(tmp_path, EXAMPLE.read_text(encoding="utf-8")) == []


def test_a_german_letter_under_meta_lang_de_is_quiet(tmp_path: Path) -> None:
    """A real German letter, quoting the English posting, in a German profile that names an
    English competition: nothing to say."""
    text = _profile(GERMAN_BASE, "de-DE", GERMAN_LETTER, "Sehr geehrte Frau Okafor,")
    assert _language(tmp_path, text) == []
    # enough prose to be judged: under meta.lang en both the profile and the letter are German
    found = _language(tmp_path, text.replace("lang: de-DE", "lang: en"))
    assert [p.path for p in found] == [("applications", 0, "letter", "body"), ("meta", "lang")]
    assert [p.hint for p in found] == [
        "write it in English, or set applications[0].lang: de for this application's "
        "letters, or meta.lang: de for the whole profile",
        "set meta.lang: de, or write the profile in English",
    ]


def test_a_german_letter_in_an_english_profile_says_to_write_it_in_english(
    tmp_path: Path,
) -> None:
    text = _profile(BASE, "en-GB", GERMAN_LETTER, "Sehr geehrte Frau Okafor,")
    (found,) = _language(tmp_path, text)
    assert found.path == ("applications", 0, "letter", "body")
    assert found.message == (
        "the cover letter reads as German but meta.lang is en-GB: its date, subject line, "
        "closing and enclosures line come out in English around German paragraphs"
    )
    # meta.lang: de would make the English résumé German-headed: the application's own
    # language is offered instead
    assert found.hint == (
        "write it in English, or set applications[0].lang: de for this application's letters"
    )


def test_what_jobpacket_writes_is_named_and_a_letter_in_letters_is_located(
    tmp_path: Path,
) -> None:
    """A thank-you with no attachments prints no enclosures line; without a greeting or a
    closing jobpacket writes those too. An entry of `letters:` is found where it is."""
    text = (
        GERMAN_BASE
        + APP.format(greeting="Sehr geehrte Frau Okafor,", body=GERMAN_LETTER)
        + "    letters:\n      - kind: thank-you\n        body: >-\n          "
        + LETTER_BODY
        + "\nmeta:\n  lang: de\n"
    )
    (found,) = _language(tmp_path, text)
    assert found.path == ("applications", 0, "letters", 0, "body")
    line, col = pos(text, "body: >-", 1)
    assert at(found) == (line, col + len("body: "))
    assert found.message == (
        "the thank-you letter reads as English but meta.lang is de: its date, subject line, "
        "salutation and closing come out in German around English paragraphs"
    )
    assert found.hint == (
        "write it in German, or set applications[0].lang: en for this application's letters"
    )


FRENCH_PROFILE = """\
basics:
  name: Camille Durand
  label: Cheffe de projet numérique
  email: camille.durand@example.fr
  summary: >-
    Cheffe de projet dans le secteur public depuis huit ans, je conduis la refonte des
    services en ligne de la ville avec les équipes métiers et les usagers.
work:
  - name: Mairie de Lyon
    position: Cheffe de projet
    startDate: "2019-09"
    highlights:
      - Pilotage de la refonte du portail des démarches en ligne, utilisé par plus de
        200 000 habitants.
      - Animation des ateliers avec les agents et les associations pour recueillir leurs besoins.
references:
  - name: Dr. Sarah Whitfield
    reference: >-
      Camille is the project lead I would hire again without hesitation: she listens to the
      people who use a service, and she ships.
projects:
  - name: Données ouvertes
    description: >-
      Lauréate du prix « Best Civic Design for the Open Data of the City » lors du hackathon
      de la métropole, avec une carte des équipements publics.
meta:
  lang: fr-FR
"""


def test_a_french_profile_with_an_english_quotation_is_quiet(tmp_path: Path) -> None:
    """An English referee's words and an English prize title inside French prose."""
    assert _language(tmp_path, FRENCH_PROFILE) == []
    english = FRENCH_PROFILE.replace("lang: fr-FR", "lang: en")
    (found,) = _language(tmp_path, english)
    assert found.path == ("meta", "lang")
    assert found.message.startswith("the profile reads as French but meta.lang is en:")
    assert found.hint == "set meta.lang: fr, or write the profile in English"


def test_a_short_letter_is_not_judged(tmp_path: Path) -> None:
    short = "Thank you for the interview on Monday and for the tour of the stores with the team."
    text = _profile(GERMAN_BASE, "de", short)
    assert _language(tmp_path, text) == []
    assert len(_language(tmp_path, _profile(GERMAN_BASE, "de", LETTER_BODY))) == 1


def test_a_language_the_detector_cannot_name_is_never_contradicted(tmp_path: Path) -> None:
    """Polish shares short words with English ("i", "to"): its profile is left alone."""
    assert _language(tmp_path, _profile(BASE, "pl", LETTER_BODY)) == []


def test_an_application_can_turn_the_rule_off(tmp_path: Path) -> None:
    text = _profile(GERMAN_BASE, "de", LETTER_BODY).replace(
        "    letter:\n", "    checks:\n      disable: [language]\n    letter:\n"
    )
    assert _language(tmp_path, text) == []


def test_check_prints_it_at_file_line_col_and_exits_as_warnings_do(tmp_path: Path) -> None:
    text = _profile(GERMAN_BASE, "de", LETTER_BODY)
    path = write(tmp_path, text)
    line, col = pos(text, "body: >-")
    col += len("body: ")
    relaxed = run_cli("check", str(path))
    assert relaxed.returncode == 0
    expected = (
        f"{path.name}:{line}:{col}: warning language: applications[0].letter.body: the cover "
        "letter reads as English but meta.lang is de:"
    )
    assert expected in relaxed.stderr
    assert run_cli("check", "--strict", str(path)).returncode == 1
    assert run_cli("check", "--strict", "--disable", "language", str(path)).returncode == 0


# --- Cyrillic languages: the rule and the spelling language ---------------------------------

UK_BASE = """\
basics:
  name: Оксана Коваленко
  label: Аналітикиня даних
  email: oksana.kovalenko@example.com
  summary: >-
    Аналітикиня даних із п'ятирічним досвідом у прогнозуванні продажів і звітності для
    роздрібної торгівлі. Поєдную статистику з розумінням потреб закупівельників і
    керівників магазинів.
work:
  - name: Camden Foods
    position: Аналітикиня даних
    startDate: "2021-04"
    highlights:
      - Побудувала щотижневий прогноз продажів для всіх магазинів; похибка прогнозу
        зменшилася на п'яту частину.
      - Перебудувала звітність на SQL і Python для керівників магазинів, які тепер щотижня
        отримують короткий огляд.
"""
UK_LETTER = (
    "з великим інтересом прочитала вашу вакансію старшого аналітика даних у Harbour Retail "
    "Group. Уже п'ять років я готую щотижневі прогнози продажів для закупівельників Camden "
    "Foods, і торік зменшила похибку прогнозу на п'яту частину, додавши до моделі акції та "
    "погоду. Також я перебудувала звітність на SQL і Python, тож кожен керівник магазину "
    "щопонеділка отримує короткий огляд. Буду рада розповісти про цей досвід на співбесіді. "
    "Моє резюме додаю."
)


def test_a_ukrainian_profile_is_told_ukrainian_not_russian(tmp_path: Path) -> None:
    text = _profile(UK_BASE, "en", UK_LETTER, "Шановна пані Окафор,")
    found = _language(tmp_path, text)
    assert [p.path for p in found] == [("applications", 0, "letter", "body"), ("meta", "lang")]
    assert found[0].message.startswith("the cover letter reads as Ukrainian but meta.lang is en")
    assert [p.hint for p in found] == [
        "write it in English, or set meta.lang: uk",
        "set meta.lang: uk, or write the profile in English",
    ]
    assert _language(tmp_path, text.replace("lang: en", "lang: uk")) == []
    under_ru = _language(tmp_path, text.replace("lang: en", "lang: ru"))
    assert [p.message.split(":")[0] for p in under_ru] == [
        "the cover letter reads as Ukrainian but meta.lang is ru",
        "the profile reads as Ukrainian but meta.lang is ru",
    ]


def test_serbian_is_named_but_never_contradicted(tmp_path: Path) -> None:
    """meta.lang: sr is as often written in Latin letters, which only function words read."""
    assert "sr" not in KNOWN
    text = _profile(BASE, "sr", LETTER_BODY)
    assert _language(tmp_path, text) == []


def test_ukrainian_prose_without_meta_lang_is_not_spelt_as_russian(tmp_path: Path) -> None:
    """It was: the Russian word list, whose suggestions would corrupt Ukrainian words."""
    (note,) = findings(tmp_path, UK_BASE, "spelling")
    assert note.severity == "info"
    assert note.message == (
        "meta.lang is not set; the text reads as Ukrainian, so spelling is not checked"
    )


def test_cyrillic_prose_of_no_clear_language_is_not_spelt_as_english(tmp_path: Path) -> None:
    text = (
        "basics:\n  name: Мария Петрова\n  summary: >-\n    Медицинска сестра-преподавател с "
        "десетгодишен опит в отделението по интензивно лечение.\n"
    )
    (note,) = findings(tmp_path, text, "spelling")
    assert note.severity == "info" and note.path == ("meta", "lang")
    assert "Cyrillic letters do not say which language" in note.message
    assert note.hint.startswith("set meta.lang: ru, uk, be, bg, sr or mk")


# --- an application with a language of its own (applications[].lang) ----------------------------

OWN = APP.replace(
    "    position: Senior Data Analyst\n", "    position: Senior Data Analyst\n    lang: de\n"
)
FRENCH_LETTER = (
    "c'est avec un grand intérêt que j'ai lu votre offre pour le poste d'analyste de données "
    "au sein de Harbour Retail Group. Depuis cinq ans, je prépare chez Camden Foods les "
    "prévisions de ventes hebdomadaires des acheteurs, et l'an dernier j'ai réduit l'erreur de "
    "prévision d'un cinquième en ajoutant les promotions et la météo au modèle. J'ai aussi "
    "refondu les rapports avec SQL et Python pour que chaque responsable de magasin reçoive une "
    "synthèse le lundi matin. Je serais heureuse de mettre cette expérience au service de votre "
    "équipe, et je joins mon curriculum vitae à cette lettre."
)


def test_a_german_letter_of_a_german_application_in_an_english_profile_is_quiet(
    tmp_path: Path,
) -> None:
    """The letter is compared with its application's language, not meta.lang: under `lang:
    de` a German letter of an English profile is what was meant."""
    app = OWN.format(greeting="Sehr geehrte Frau Okafor,", body=GERMAN_LETTER)
    assert _language(tmp_path, f"{BASE}{app}meta:\n  lang: en\n") == []
    # without meta.lang (English by default, the profile not judged) the letter still is
    assert _language(tmp_path, f"{BASE}{app}") == []


def test_an_english_letter_of_a_german_application_names_its_lang(tmp_path: Path) -> None:
    text = f"{BASE}{OWN.format(greeting='Dear Ms. Okafor,', body=LETTER_BODY)}meta:\n  lang: en\n"
    (found,) = _language(tmp_path, text)
    assert found.path == ("applications", 0, "letter", "body")
    line, col = pos(text, "body: >-")
    assert at(found) == (line, col + len("body: "))
    assert found.message == (
        "the cover letter reads as English but applications[0].lang is de: its date, subject "
        "line, closing and enclosures line come out in German around English paragraphs"
    )
    assert found.hint == ("write it in German, or remove applications[0].lang to use meta.lang's")
    # the same letter with no meta.lang: English is the default, the same way out
    (bare,) = _language(
        tmp_path, f"{BASE}{OWN.format(greeting='Dear Ms. Okafor,', body=LETTER_BODY)}"
    )
    assert bare.message.startswith("the cover letter reads as English but applications[0].lang")
    # a French letter there: its language can be the application's
    french = OWN.format(greeting="Madame,", body=FRENCH_LETTER)
    (other,) = _language(tmp_path, f"{BASE}{french}meta:\n  lang: en\n")
    assert other.message.startswith("the cover letter reads as French but applications[0].lang")
    assert other.hint == (
        "write it in German, or set applications[0].lang: fr for this application's letters"
    )
