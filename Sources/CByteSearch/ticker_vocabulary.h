/* Generated from TickerVocabulary (Sources/KMATickerParsing/Ticker/TickerVocabulary.swift) by
   dev/fixtures/generate-ticker-vocabulary: edit the table, not this file. TickerVocabularyTests
   fails when this file is not what the table gives. */
#ifndef KMATICKER_TICKER_VOCABULARY_H
#define KMATICKER_TICKER_VOCABULARY_H

/* Whether a character a ticker item needs may start at `p` (`left` >= 1 bytes of UTF-8):
   a word's scalar or one composing into one, by leading bytes, or a unit's sign or printed
   form: U+AC00...U+D7A3 U+1100...U+11FF ℃ ℉ ° ˚ º. */
#define KMATICKER_ITEM_CHARACTER_AT(p, left) ( \
    ((p)[0] == 0xC2 && (left) >= 2 && ((p)[1] == 0xB0 || (p)[1] == 0xBA)) || \
    ((p)[0] == 0xCB && (left) >= 2 && (p)[1] == 0x9A) || \
    ((p)[0] == 0xE1 && (left) >= 2 && ((p)[1] >= 0x84 && (p)[1] <= 0x87)) || \
    ((p)[0] == 0xE2 && (left) >= 3 && ((p)[1] == 0x84 && ((p)[2] == 0x83 || (p)[2] == 0x89))) || \
    ((p)[0] >= 0xEA && (p)[0] <= 0xED))

/* Whether the name after a `&` (`rest`, `left` bytes) is HTML's for a unit's sign or form:
   deg ordm ring. */
#define KMATICKER_UNIT_REFERENCE_NAME_AT(rest, left) ( \
    ((left) >= 3 && memcmp((rest), "deg", 3) == 0) || \
    ((left) >= 4 && memcmp((rest), "ordm", 4) == 0) || \
    ((left) >= 4 && memcmp((rest), "ring", 4) == 0))

/* The length of the region marker at `p` (`left` >= 1 bytes), or 0: ℃ ° ˚ &#8451;. */
#define KMATICKER_REGION_MARKER_LENGTH_AT(p, left) ( \
    ((p)[0] == '&' && (left) >= 7 && (p)[1] == '#' && (p)[2] == '8' && (p)[3] == '4' && (p)[4] == '5' && (p)[5] == '1' && (p)[6] == ';') ? 7 : \
    ((p)[0] == 0xE2 && (left) >= 3 && (p)[1] == 0x84 && (p)[2] == 0x83) ? 3 : \
    ((p)[0] == 0xC2 && (left) >= 2 && (p)[1] == 0xB0) ? 2 : \
    ((p)[0] == 0xCB && (left) >= 2 && (p)[1] == 0x9A) ? 2 : \
    0)

/* Whether a byte may start a region marker, and the same for 16 bytes at once (SSE2). */
#define KMATICKER_REGION_MARKER_FIRST_BYTE(b) ((b) == '&' || (b) == 0xC2 || (b) == 0xCB || (b) == 0xE2)
#define KMATICKER_REGION_MARKER_FIRST_BYTES_SSE2(v) \
    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8((v), _mm_set1_epi8((char)'&')), _mm_cmpeq_epi8((v), _mm_set1_epi8((char)0xC2))), _mm_or_si128(_mm_cmpeq_epi8((v), _mm_set1_epi8((char)0xCB)), _mm_cmpeq_epi8((v), _mm_set1_epi8((char)0xE2))))

#endif
