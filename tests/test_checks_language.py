"""checks/language.py on its own: the language of a profile's prose, read from its function
words when `meta.lang` does not say. The spelling rule that uses it is tested in
test_checks_spelling.py and on the real-world corpus in test_realworld.py."""

from __future__ import annotations

import pytest

from jobpacket.checks.language import NAMES, STOP_WORDS, detect

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


def test_every_language_with_stop_words_has_a_name() -> None:
    assert set(STOP_WORDS) <= set(NAMES)
