#ifndef KMATICKER_CBYTESEARCH_SHIM_H
#define KMATICKER_CBYTESEARCH_SHIM_H
// memmem is a GNU extension: Swift's Glibc module does not export it. glibc's memmem and memchr
// are vectorized; kmaticker finds the ticker in a page with them before parsing anything.
#define _GNU_SOURCE 1
#include <string.h>
/* What a ticker item is written with (units, their forms, the words' script), written from the
   Swift table TickerVocabulary: the scans below read their byte tests from it. */
#include "ticker_vocabulary.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static inline const unsigned char *kmaticker_memmem(const unsigned char *haystack, size_t haystack_length,
                                                    const unsigned char *needle, size_t needle_length) {
    return (const unsigned char *)memmem(haystack, haystack_length, needle, needle_length);
}
static inline const unsigned char *kmaticker_memchr(const unsigned char *haystack, int byte, size_t length) {
    return (const unsigned char *)memchr(haystack, byte, length);
}

/// Whether UTF-8 text can hold any ticker item: every item has a Hangul syllable (a condition
/// word, a station name, 영하, 도) or a temperature unit. So it looks for a Hangul syllable or
/// conjoining jamo (which NFC composes into syllables), a unit's sign or printed form (℃ ℉ ° º ˚),
/// all as `KMATICKER_ITEM_CHARACTER_AT` (ticker_vocabulary.h) says, or a character reference
/// that could stand for one (`&#…;` above U+007F, `&deg`, `&ordm`, `&ring`). A page without any
/// is no ticker page, and need not be parsed. Blocks of 32 bytes that are plain ASCII without `&`
/// (most of an English page) are passed over in one SSE2 test: every sign and word scalar is
/// above U+007F (TickerVocabularyTests).
static inline int kmaticker_block_is_plain(const unsigned char *p) {
#if defined(__SSE2__)
    // Two 16-byte loads: a byte at or above 0x80 has its high bit set (movemask), `&` is compared.
    __m128i a = _mm_loadu_si128((const __m128i *)p), b = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i amp = _mm_set1_epi8('&');
    int mask = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b),
                                              _mm_or_si128(_mm_cmpeq_epi8(a, amp), _mm_cmpeq_epi8(b, amp))));
    return mask == 0;
#else
    unsigned interesting = 0;
    for (int k = 0; k < 32; k++) interesting |= (unsigned)(p[k] >= 0x80) | (unsigned)(p[k] == '&');
    return !interesting;
#endif
}

/// Whether the text after a `&` (`rest`, `left` bytes) starts a character reference that could
/// stand for a ticker item's character: `&deg`, `&ordm`, `&ring`, or a numeric reference to
/// anything above U+007F.
static inline int kmaticker_reference_may_be_item(const unsigned char *rest, size_t left) {
    if (KMATICKER_UNIT_REFERENCE_NAME_AT(rest, left)) return 1;
    if (left == 0 || rest[0] != '#') return 0;
    // A numeric reference: any value above U+007F might be Hangul or a unit.
    unsigned long value = 0;
    size_t j = 1;
    int hex = j < left && (rest[j] == 'x' || rest[j] == 'X');
    if (hex) j++;
    size_t digits = 0;
    for (; j < left && digits < 8; j++, digits++) {
        unsigned char c = rest[j];
        if (c >= '0' && c <= '9') value = value * (hex ? 16 : 10) + (c - '0');
        else if (hex && c >= 'a' && c <= 'f') value = value * 16 + (c - 'a' + 10);
        else if (hex && c >= 'A' && c <= 'F') value = value * 16 + (c - 'A' + 10);
        else break;
    }
    return digits > 0 && (value > 0x7F || digits == 8);
}

static inline int kmaticker_may_hold_ticker_item(const unsigned char *p, size_t n) {
    size_t i = 0;
    while (i < n) {
        if (i + 32 <= n && kmaticker_block_is_plain(p + i)) { i += 32; continue; }
        unsigned char b = p[i];
        if (KMATICKER_ITEM_CHARACTER_AT(p + i, n - i)) return 1;
        if (b == '&' && i + 1 < n && kmaticker_reference_may_be_item(p + i + 1, n - i - 1)) return 1;
        i++;
    }
    return 0;
}

/// Whether `p[0..<n]` is well-formed UTF-8 (Unicode's Table 3-7: no overlong forms, no
/// surrogates, nothing above U+10FFFF), the same answer as Swift's `String(validating:)`, which
/// also builds a String, a copy of the page, only to be thrown away. Runs of plain ASCII (most
/// of an English page, the markup of a Korean one) are passed over 16 bytes at a time.
///
/// With `may_hold_item`, the same pass also answers ``kmaticker_may_hold_ticker_item`` for
/// these bytes (meaningful when they are valid, and so their own decoding): one read of a
/// page instead of two, which is most of what rejecting a crawl's page costs.
static inline int kmaticker_utf8_check(const unsigned char *p, size_t n, int *may_hold_item) {
    size_t i = 0;
    /* Still looking for what an item needs (Hangul, a unit, a reference). */
    int looking = may_hold_item != 0;
    if (may_hold_item) *may_hold_item = 0;
    /* After a multibyte character, the next is most likely one too (Korean text): the ASCII
       block test waits for the next ASCII byte. */
    int inText = 0;
    while (i < n) {
#if defined(__SSE2__)
        if (!inText && i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
            __m128i flagged = looking ? _mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_set1_epi8('&'))) : v;
            if (_mm_movemask_epi8(flagged) == 0) { i += 16; continue; }
        }
#endif
        unsigned char b = p[i];
        if (b < 0x80) {
            if (looking && b == '&' && i + 1 < n && kmaticker_reference_may_be_item(p + i + 1, n - i - 1)) {
                *may_hold_item = 1;
                looking = 0;
            }
            i += 1;
            inText = 0;
            continue;
        }
        inText = 1;
        if (b < 0xC2) return 0;  /* a continuation byte first, or an overlong two-byte form */
        if (b < 0xE0) {
            if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) return 0;
            if (looking && KMATICKER_ITEM_CHARACTER_AT(p + i, 2)) {
                *may_hold_item = 1;
                looking = 0;
            }
            i += 2;
            continue;
        }
        if (b < 0xF0) {
            if (i + 2 >= n) return 0;
            unsigned char c = p[i + 1];
            /* E0: not overlong (A0..BF); ED: not a surrogate (80..9F). */
            unsigned char low = b == 0xE0 ? 0xA0 : 0x80, high = b == 0xED ? 0x9F : 0xBF;
            if (c < low || c > high || (p[i + 2] & 0xC0) != 0x80) return 0;
            if (looking && KMATICKER_ITEM_CHARACTER_AT(p + i, 3)) {
                *may_hold_item = 1;
                looking = 0;
            }
            i += 3;
            continue;
        }
        if (b < 0xF5) {
            if (i + 3 >= n) return 0;
            unsigned char c = p[i + 1];
            /* F0: not overlong (90..BF); F4: not above U+10FFFF (80..8F). */
            unsigned char low = b == 0xF0 ? 0x90 : 0x80, high = b == 0xF4 ? 0x8F : 0xBF;
            if (c < low || c > high || (p[i + 2] & 0xC0) != 0x80 || (p[i + 3] & 0xC0) != 0x80) return 0;
            /* No sign is four bytes long today; the table may make one so. */
            if (looking && KMATICKER_ITEM_CHARACTER_AT(p + i, 4)) {
                *may_hold_item = 1;
                looking = 0;
            }
            i += 4;
            continue;
        }
        return 0;
    }
    return 1;
}

static inline int kmaticker_utf8_is_valid(const unsigned char *p, size_t n) {
    return kmaticker_utf8_check(p, n, 0);
}

/// The offsets of the temperature units that mark a ticker's region in `p[0..<n]` (`℃`,
/// `&#8451;`, `°`, `˚`: `KMATICKER_REGION_MARKER_LENGTH_AT`, ticker_vocabulary.h), written to
/// `starts` (room for `capacity`); returns how many there are (more than `capacity` when the
/// room ran out: call again with more). Blocks of 16 bytes holding none of the markers' first
/// bytes are passed over in one SSE2 test: in Korean text they are rare (Hangul's lead bytes
/// are EA..ED), where a pattern engine stops at every lead byte.
static inline size_t kmaticker_unit_starts(const unsigned char *p, size_t n, size_t *starts, size_t capacity) {
    size_t found = 0, i = 0;
    while (i < n) {
#if defined(__SSE2__)
        if (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
            if (_mm_movemask_epi8(KMATICKER_REGION_MARKER_FIRST_BYTES_SSE2(v)) == 0) { i += 16; continue; }
        }
#endif
        size_t length = KMATICKER_REGION_MARKER_FIRST_BYTE(p[i]) ? KMATICKER_REGION_MARKER_LENGTH_AT(p + i, n - i) : 0;
        if (length > 0) {
            if (found < capacity) starts[found] = i;
            found++;
            i += length;
        } else {
            i++;
        }
    }
    return found;
}

/// For the binary check of a page's top: `(size_t)-1` when `p[0..<n]` has a NUL byte, else
/// how many control bytes it has other than tab, LF, CR and form feed. Blocks of 16 bytes with
/// no byte below 0x20 are passed over in one SSE2 test.
static inline size_t kmaticker_control_bytes(const unsigned char *p, size_t n) {
    size_t controls = 0, i = 0;
    while (i < n) {
#if defined(__SSE2__)
        if (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
            /* v <= 0x1F exactly where max(v, 0x1F) == 0x1F (unsigned). */
            __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
            if (_mm_movemask_epi8(low) == 0) { i += 16; continue; }
        }
#endif
        unsigned char b = p[i++];
        if (b == 0) return (size_t)-1;
        if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C) controls++;
    }
    return controls;
}
/* The ticker evidence scan, which uses the block test above. */
#include "ticker_evidence.h"

#endif
