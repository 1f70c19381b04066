"""A clause's wording (its text and HTML) packed small: most of what a large archive holds.

The wording is two strings of ~150 letters per clause, 45 clauses per resolution; as `str`,
Cyrillic takes 2 bytes a letter, and it was 60 % of the parsed model. Packed it takes ~120
bytes instead of ~740, which is what lets a 50,000-resolution archive build in 2 GiB:
- UTF-8, and the HTML only where it differs from the text (a clause without markup);
- Zstandard primed with WORDS, the words every resolution repeats (a clause alone is too short
  for a compressor to find repeats), in its bare frame format (no magic number, dictionary id
  or checksum: the bytes never leave sitegen).

Why Zstandard: every clause is packed when parsed and unpacked for each page that shows it
(~450,000 and ~2 million times in a cold 10,000-document build). Raw deflate with the same
dictionary packed a clause ~15 % smaller but took 12 µs to pack and 2 µs to unpack (a copy of
a primed compressor, a dictionary set per call: 11 s of a cold 10k build's 148 CPU-s); a
Zstandard context keeps its digested dictionary and takes 3 µs and 1 µs.

Equal wording gives equal bytes (the same input, level and dictionary), so page keys and
comparisons take the packed bytes as they are. Changing WORDS or _LEVEL changes every packed
value: the parse cache follows, as it is keyed by sitegen's code and its libraries' versions.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import zstandard

# The words of four or more letters found at least twice in the sample resolutions of
# content/ (Ukrainian and Russian), the most frequent last, where the compressor reaches them
# cheapest.
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
_LEVEL = 4  # ~120 bytes a clause; level 3 is as fast but 12 % bigger, level 6 twice as slow
_FORMAT = zstandard.FORMAT_ZSTD1_MAGICLESS
_WORDS = WORDS.encode()
_DICTIONARY = zstandard.ZstdCompressionDict(_WORDS, dict_type=zstandard.DICT_TYPE_RAWCONTENT)
_PARAMETERS = zstandard.ZstdCompressionParameters.from_level(
    _LEVEL,
    source_size=512,  # tuned for a clause's few hundred bytes
    dict_size=len(_WORDS),
    format=_FORMAT,
    write_checksum=False,
    write_dict_id=False,
)
_DICTIONARY.precompute_compress(compression_params=_PARAMETERS)  # digested once, not per thread


class _Codec(threading.local):
    """A compressor and a decompressor for each thread: a Zstandard context must not be used
    by two threads at once (`serve` parses in its rebuild thread while it renders pages)."""

    def __init__(self) -> None:
        self.compress = zstandard.ZstdCompressor(
            dict_data=_DICTIONARY, compression_params=_PARAMETERS
        ).compress
        self.decompress = zstandard.ZstdDecompressor(
            dict_data=_DICTIONARY, format=_FORMAT
        ).decompress


_CODEC = _Codec()


def pack_wording(text: str, html: str) -> bytes:
    """The packed wording; a clause's text never holds NUL (load refuses such files)."""
    packed = text.encode() if html == text else text.encode() + b"\0" + html.encode()
    return _CODEC.compress(packed)


@lru_cache(maxsize=1 << 12)
def unpack_wording(wording: bytes) -> tuple[str, str]:
    """(text, html); kept for the pages that read both, and the next page listing the clause."""
    text, apart, html = _CODEC.decompress(wording).decode().partition("\0")
    return text, html if apart else text
