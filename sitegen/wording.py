"""A clause's wording (its text and HTML) packed small: most of what a large archive holds.

The wording is two strings of ~150 letters per clause, 45 clauses per resolution; as `str`,
Cyrillic takes 2 bytes a letter, and it was 60 % of the parsed model. Packed it takes ~100
bytes instead of ~740, which is what lets a 50,000-resolution archive build in 2 GiB:
- UTF-8, and the HTML only where it differs from the text (a clause without markup);
- raw deflate (no header, no checksum: the bytes never leave sitegen) primed with WORDS, the
  words every resolution repeats: a clause alone is too short for deflate to find repeats.

Equal wording gives equal bytes (the same input, level and dictionary), so page keys and
comparisons take the packed bytes as they are. Changing WORDS changes every packed value: the
parse cache follows, as it is keyed by sitegen's code.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

# The words of four or more letters found at least twice in the sample resolutions of
# content/ (Ukrainian and Russian), the most frequent last, where deflate reaches them best.
WORDS = (
    "Активізувати Забезпечити Изучить Костанайской Костаная Обеспечить Ознакомиться Продовжити "
    "Розглянути Управление Участники Центра будущих вебинара века виховного вищої внедрения "
    "возможностей вопросов відповідно года деятельность достижением достижений забезпечення "
    "закладами закладу закладі залучення здійснення института использования качественного колегії "
    "колективів лучших методичної моніторинг наработок начальника обновлению образовательного "
    "обратной общеобразовательных опережающего опыт опыта органам организацией организациях "
    "освітніми оцениванию партнерство партнерськими педагогическим педагогическими педагогів "
    "педагогічних педвуза передовым переподготовки повышение позиції практики практико практику "
    "предоставление профессиональных професійної развитие развитию разработке рекомендуют "
    "розвитку рішення самообразования середньої середовища систему системы сообщества социальное "
    "створення умови учасників учебных учитель формування ходе широкого экспертизы электронных "
    "эффективной МБОУ Совершенствовать будущего вихованців встановлення города деятельности "
    "достижения загальної инновационных качества квалификации керівників мастерства "
    "международного навчання обмена обновления образовательной обучению організації "
    "педагогических повышения подготовки преподаванию преподавания реализации руководителей связи "
    "сельских управління услуг участников учетом числе школы євроінтеграції line ФГОС "
    "Чернівецької Школа внедрению впровадження міжнародного навчальних навчально научно опытом "
    "отдельных питання подходов процесу ради роботу сетевого співробітництва целью інноваційних "
    "закладах инновационной качественных метою міської обеспечения развития рамках семинара "
    "системе технологій условиях щодо области обучения педагогического педвуз результатов "
    "управления школьного взаимодействия профессионального Постійно новых содержания "
    "образовательных организаций партнерства социального школ закладів учителей школа "
    "позашкільної образования освіти"
)
_DICTIONARY = WORDS.encode()
_WINDOW_BITS = -12  # raw deflate, 4 KB window: room for the dictionary and a long clause
_LEVEL = 6
# A compressor primed with the dictionary, copied for each clause: priming one costs more than
# compressing a clause (2.6× the time, 10 s of a cold 10k build). A small hash table (memory
# level 4, 8 KB) makes the copy cheap; for a clause of a few hundred bytes it finds the same
# matches as the default one.
_PRIMED = zlib.compressobj(_LEVEL, zlib.DEFLATED, _WINDOW_BITS, 4, zdict=_DICTIONARY)


def pack_wording(text: str, html: str) -> bytes:
    """The packed wording; a clause's text never holds NUL (load refuses such files)."""
    packed = text.encode() if html == text else text.encode() + b"\0" + html.encode()
    deflate = _PRIMED.copy()
    return deflate.compress(packed) + deflate.flush()


@lru_cache(maxsize=1 << 12)
def unpack_wording(wording: bytes) -> tuple[str, str]:
    """(text, html); kept for the pages that read both, and the next page listing the clause."""
    inflate = zlib.decompressobj(_WINDOW_BITS, zdict=_DICTIONARY)
    text, apart, html = (inflate.decompress(wording) + inflate.flush()).decode().partition("\0")
    return text, html if apart else text
