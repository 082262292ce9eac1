#ifndef KMATICKER_CBYTESEARCH_TICKER_EVIDENCE_H
#define KMATICKER_CBYTESEARCH_TICKER_EVIDENCE_H
/* A necessary condition for "this page holds a KMA ticker", read from the page's UTF-8 bytes in
   one pass, without building lines or a tree. TickerEvidenceScan.swift says what it is derived
   from (the recognizer's rule) and why each part can only keep a page the full reader would
   read: wherever this scan cannot be sure, it says "may hold".

   The words (station names, condition words, the credit's `기상청`) come from Swift, built from
   the tables the tokenizer uses, grouped by their first syllable. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum {
    KMATICKER_WORD_NAME = 1,
    KMATICKER_WORD_CONDITION = 2,
    KMATICKER_WORD_CREDIT = 3,
    /* `제공`, the credit's second word. */
    KMATICKER_WORD_CREDIT_TAIL = 4,
};

typedef struct {
    /* Words starting with syllable U+AC00+s are words[starts[s] ..< starts[s + 1]], longest
       first; 11,173 entries. */
    const int32_t *starts;
    /* Word w is bytes[offsets[w] ..< offsets[w + 1]] (UTF-8, conditions without inner spaces). */
    const int32_t *offsets;
    const unsigned char *bytes;
    const unsigned char *kinds;
    /* Bit s set when some word starts with syllable U+AC00+s (1,397 bytes): most syllables of a
       page start none, and are passed with this one test. */
    const unsigned char *firsts;
    /* Bit s set when a word starts with syllable s and then no syllable (`비`, `눈`, `비/눈`):
       looked up whatever follows. */
    const unsigned char *shortFirsts;
    /* Bit s set when a condition word starts with syllable s: conditions may print spaces
       (`구름 많음`), so one is looked up whatever follows, too. */
    const unsigned char *spacedFirsts;
    /* Bit KMATICKER_PAIR_BIT(s, t) set when a word starts with syllables s, t (8,192 bytes): of
       the syllables that start a word (이, 전, 대, 수 are common), most are not followed by one
       that goes on with it. */
    const unsigned char *pairs;
    /* The longest word's length in syllables. */
    int32_t longest;
    /* Set by the scan: the text is HTML (tags are gaps in conditions). */
    int32_t markup;
} kmaticker_lexicon;

typedef struct {
    /* Registry names printed (a ticker names its stations). */
    int names;
    /* Condition words the tokenizer would read as such, and `-` placeholders before a name. */
    int conditions;
    /* Something an item that is evidence on its own needs: a unit's sign, `도` after a number,
       or a name or condition word with a number, a sign or another word next to it (through
       spaces, separators and markup). */
    int evidence;
    /* KMA's credit: `기상청`, and `제공` somewhere after it. The recognizer wants `기상청 제공` on
       one line with nothing but spaces between; what the text reader and TickerText make a
       space of (references, other spaces, tags, an `alt`) is many things, so here anything may
       stand between the two words. */
    int credit;
    /* `기상청` was seen. */
    int sawAgency;
    /* Text this scan cannot judge (conjoining jamo, which NFC composes; a reference to Hangul
       or to a character the tokenizer drops; a document inside an attribute): read the page. */
    int unsure;
} kmaticker_ticker_evidence;

/* The bit of the syllable pair (s, t) in kmaticker_lexicon.pairs. */
#define KMATICKER_PAIR_BIT(s, t) ((((uint32_t)(s) * 11173u + (uint32_t)(t)) * 2654435761u) >> 16)

/* KMATICKER_PAIR_BIT for Swift, which builds the table. */
static inline uint32_t kmaticker_pair_bit(int32_t s, int32_t t) { return KMATICKER_PAIR_BIT(s, t); }

/* The syllable index (0 ..< 11172) of the Hangul syllable at p, or -1. */
static inline int kmaticker_syllable_at(const unsigned char *p, size_t left) {
    if (left < 3 || p[0] < 0xEA || p[0] > 0xED) return -1;
    if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return -1;
    unsigned value = ((unsigned)(p[0] & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) | (unsigned)(p[2] & 0x3F);
    if (value < 0xAC00 || value > 0xD7A3) return -1;
    return (int)(value - 0xAC00);
}

/* The length in bytes of the UTF-8 character at p (at most `left`). */
static inline size_t kmaticker_char_length(const unsigned char *p, size_t left) {
    size_t length = p[0] < 0x80 ? 1 : p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : 4;
    return length <= left ? length : left;
}

/* The scalar at p (UTF-8; a stray byte is itself). */
static inline uint32_t kmaticker_scalar_at(const unsigned char *p, size_t left) {
    size_t length = kmaticker_char_length(p, left);
    if (length == 2) return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    if (length == 3) return ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (length == 4) return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) | ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    return p[0];
}

/* Scalars TickerText drops (zero-width spaces and joiners, U+FEFF, the soft hyphen, direction
   marks): `서\u200B울` is 서울 to the tokenizer. */
static inline int kmaticker_is_dropped_scalar(uint32_t v) {
    return v == 0x200B || v == 0x200C || v == 0x200D || v == 0x2060 || v == 0xFEFF || v == 0x00AD || v == 0x200E
        || v == 0x200F || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) || v == 0xFFFE;
}

/* ASCII control bytes other than whitespace, which libxml2 leaves out of an HTML page's text
   (`속\x01초` is 속초 to the reader). */
static inline int kmaticker_is_dropped_control(unsigned char b) {
    return (b >= 0x01 && b <= 0x08) || b == 0x0B || (b >= 0x0E && b <= 0x1F);
}

/* Scalars TickerText folds to a digit, a sign or a dot (full-width digits, minus variants). */
static inline int kmaticker_is_number_scalar(uint32_t v) {
    return (v >= 0xFF10 && v <= 0xFF19) || v == 0xFF0E || v == 0xFF0D || v == 0x2212 || v == 0x2013 || v == 0x2012
        || v == 0xFE63 || v == 0xFF0B;
}

/* Conjoining jamo, which NFC composes into syllables (and into a syllable before them). */
static inline int kmaticker_is_jamo_scalar(uint32_t v) {
    return (v >= 0x1100 && v <= 0x11FF) || (v >= 0xA960 && v <= 0xA97F) || (v >= 0xD7B0 && v <= 0xD7FF);
}

/* Whether `<` at p[0] opens a tag, a comment or a declaration (HTML: a letter, `/`, `!`, `?`). */
static inline int kmaticker_opens_tag(const unsigned char *p, size_t left) {
    if (left < 2) return 0;
    unsigned char c = p[1] | 0x20;
    return (c >= 'a' && c <= 'z') || p[1] == '/' || p[1] == '!' || p[1] == '?';
}

/* Tags and comments are looked through up to this many bytes: a page of unclosed `<a` would
   otherwise cost a search to its end at every word. Past it, the scan says "may hold". */
#define KMATICKER_LONGEST_TAG 8192
#define KMATICKER_TAG_TOO_LONG ((size_t)-1)
/* How far the scans look past an item's part for what goes on with it, or back for a `-` or a
   number, before saying "may" (a page of tags chained by stray `>` would otherwise cost a walk
   to its start at every word). */
#define KMATICKER_LONGEST_GAP 4096

/* The end (one past `>`) of the tag or comment opening at p, or KMATICKER_TAG_TOO_LONG when it
   does not close within KMATICKER_LONGEST_TAG bytes (or at all). */
static inline size_t kmaticker_tag_end(const unsigned char *p, size_t left) {
    size_t window = left < KMATICKER_LONGEST_TAG ? left : KMATICKER_LONGEST_TAG;
    if (window >= 4 && p[1] == '!' && p[2] == '-' && p[3] == '-') {
        const unsigned char *end = (const unsigned char *)memmem(p + 4, window - 4, "-->", 3);
        return end ? (size_t)(end - p) + 3 : KMATICKER_TAG_TOO_LONG;
    }
    /* A `>` inside a quoted attribute value does not end the tag (`<b title="a>b">`). */
    unsigned char quote = 0;
    for (size_t k = 1; k < window; k++) {
        unsigned char c = p[k];
        if (quote) { if (c == quote) quote = 0; continue; }
        if ((c == '"' || c == '\'') && (p[k - 1] == '=' || p[k - 1] == ' ')) { quote = c; continue; }
        if (c == '>') return k + 1;
    }
    return KMATICKER_TAG_TOO_LONG;
}

/* Where the tag that ends just before p + end (its `>` at p[end - 1]) opens, or
   KMATICKER_TAG_TOO_LONG when no `<` is found within KMATICKER_LONGEST_TAG bytes before it. */
static inline size_t kmaticker_tag_start(const unsigned char *p, size_t end) {
    size_t floor = end > KMATICKER_LONGEST_TAG ? end - KMATICKER_LONGEST_TAG : 0;
    for (size_t open = end - 1; open > floor; open--) {
        if (p[open - 1] == '<') return open - 1;
    }
    return KMATICKER_TAG_TOO_LONG;
}

/* Whether a tag opens a style sheet or a script, whose content is no text. */
static inline int kmaticker_tag_opens_raw_text(const unsigned char *tag, size_t length) {
    static const char *names[] = {"<style", "<script", "<template", "<textarea", "<title", "<xmp", "<noscript"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        size_t count = strlen(names[k]);
        if (length <= count) continue;
        size_t j = 0;
        while (j < count && (tag[j] | 0x20) == names[k][j]) j++;
        unsigned char after = tag[count];
        if (j == count && (after == '>' || after == ' ' || after == '\t' || after == '\n' || after == '/')) return 1;
    }
    return 0;
}

/* Whether a tag opens (1) or closes (2) an element whose content the text reader leaves out
   (scripts, styles, objects, selects, titles, frames, SVG's descriptions); 0 for any other. */
static inline int kmaticker_hidden_element_tag(const unsigned char *tag, size_t length) {
    static const char *names[] = {"script", "style", "object", "select", "title", "iframe", "noscript", "template",
                                  "textarea", "svg", "desc", "metadata", "head", "option", "noframes", "noembed"};
    int closing = length >= 2 && tag[1] == '/';
    size_t start = closing ? 2 : 1;
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        size_t count = strlen(names[k]);
        if (length <= start + count) continue;
        size_t j = 0;
        while (j < count && (tag[start + j] | 0x20) == names[k][j]) j++;
        unsigned char after = tag[start + count];
        if (j == count && (after == '>' || after == ' ' || after == '\t' || after == '\n' || after == '/')) return closing ? 2 : 1;
    }
    return 0;
}

/* Whether a tag (`<` through `>`) may put text into the page: a non-ASCII byte or a reference in
   it, or an `alt` attribute (`<img alt="흐림">` is read as text). */
static inline int kmaticker_tag_may_hold_text(const unsigned char *tag, size_t length) {
    if (length >= 4 && tag[1] == '!' && tag[2] == '-' && tag[3] == '-') return 0;  /* a comment */
    for (size_t k = 0; k < length; k++) {
        if (tag[k] >= 0x80 || tag[k] == '&') return 1;
        if (k + 3 < length && (tag[k] | 0x20) == 'a' && (tag[k + 1] | 0x20) == 'l' && (tag[k + 2] | 0x20) == 't'
            && (tag[k + 3] == '=' || tag[k + 3] == ' ')) return 1;
    }
    return 0;
}

/* The character reference at p (`&` first): 1 when it is one the tokenizer passes over as a
   separator or space (`&nbsp;`, `&amp;`, `&middot;`, …), with its length in *length. */
static inline int kmaticker_separator_reference(const unsigned char *p, size_t left, size_t *length) {
    static const char *separators[] = {"&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&middot;", "&bull;",
                                       "&#160;", "&#xa0;", "&#xA0;", "&#39;", "&#34;", "&#183;", "&#xb7;", "&#xB7;",
                                       "&#8226;", "&#32;"};
    for (size_t k = 0; k < sizeof separators / sizeof *separators; k++) {
        size_t count = strlen(separators[k]);
        if (left >= count && memcmp(p, separators[k], count) == 0) { *length = count; return 1; }
    }
    return 0;
}

/* The length of what stands at p that the page's text makes a space of, or nothing: ASCII
   whitespace, other spaces (U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000), the scalars
   TickerText drops, any character reference (`&ensp;`, `&#9;`: whatever it stands for, taking it
   for a space only ever finds more), and, in markup, a tag or comment. 0 when none. */
static inline size_t kmaticker_gap_at(const unsigned char *p, size_t left, int markup) {
    unsigned char b = p[0];
    if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f') return 1;
    if (b == '&') {
        for (size_t k = 1; k < left && k < 12; k++) {
            if (p[k] == ';') return k + 1;
            if (!((p[k] >= '0' && p[k] <= '9') || ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z') || p[k] == '#')) break;
        }
        return 0;
    }
    if (markup && b == '<' && left >= 2 && ((p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'z' || p[1] == '/' || p[1] == '!')) {
        const unsigned char *close = (const unsigned char *)memchr(p, '>', left < 8192 ? left : 8192);
        return close ? (size_t)(close - p) + 1 : 0;
    }
    if (b >= 0x80) {
        size_t length = p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : 4;
        if (length > left) return 0;
        uint32_t v = length == 2 ? ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F)
                   : length == 3 ? ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F) : 0;
        if (v == 0xA0 || (v >= 0x2000 && v <= 0x200F) || v == 0x202F || v == 0x205F || v == 0x3000 || v == 0x00AD
            || v == 0x2060 || v == 0xFEFF || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)) return length;
    }
    return 0;
}

/* Where the character reference that ends with the `;` at p[end - 1] starts (its `&`), or
   KMATICKER_TAG_TOO_LONG when the `;` ends none (no `&` and name or number within 12 bytes). */
static inline size_t kmaticker_reference_start(const unsigned char *p, size_t end) {
    for (size_t k = end - 1; k > 0 && end - k < 12; k--) {
        unsigned char c = p[k - 1];
        if (c == '&') return k - 1;
        if (!((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '#')) break;
    }
    return KMATICKER_TAG_TOO_LONG;
}

/* Going back from p[i - 1] == ';': the start of the character reference it ends, when that
   reference stands for a space or separator (`&nbsp;`), to go on from; KMATICKER_TAG_TOO_LONG
   when the `;` ends no reference the scan can judge (the page is kept); `i` itself when the
   reference stands for something else, which the caller weighs. */
static inline size_t kmaticker_separator_reference_start(const unsigned char *p, size_t i) {
    size_t start = kmaticker_reference_start(p, i);
    if (start == KMATICKER_TAG_TOO_LONG) return start;
    size_t length;
    if (!kmaticker_separator_reference(p + start, i - start, &length) || length != i - start) return i;
    return start;
}

/* The longest word of the lexicon in the text at p, or -1. Conditions may print spaces between
   their characters (`비 또는 눈`), as the tokenizer allows, and a space here is anything the text
   makes one of (kmaticker_gap_at). `*length`: its bytes. */
static inline int kmaticker_word_at(const kmaticker_lexicon *lexicon, const unsigned char *p, size_t left, size_t *length) {
    int syllable = kmaticker_syllable_at(p, left);
    if (syllable < 0) return -1;
    for (int32_t w = lexicon->starts[syllable]; w < lexicon->starts[syllable + 1]; w++) {
        const unsigned char *word = lexicon->bytes + lexicon->offsets[w];
        size_t count = (size_t)(lexicon->offsets[w + 1] - lexicon->offsets[w]);
        int spaces = lexicon->kinds[w] == KMATICKER_WORD_CONDITION;
        size_t i = 0, j = 0;
        while (j < count && i < left) {
            if (spaces && j > 0 && (word[j] & 0xC0) != 0x80 && p[i] != word[j]) {
                size_t gap = kmaticker_gap_at(p + i, left - i, lexicon->markup);
                if (gap > 0) { i += gap; continue; }
            }
            if (p[i] != word[j]) break;
            i++;
            j++;
        }
        if (j == count) {
            *length = i;
            return w;
        }
    }
    return -1;
}

/* Whether `text[0..<count]` (syllables, maybe spaces) is a proper beginning of a word of the
   lexicon: a word that tag or hidden content may complete. Spaces in it: cannot tell, yes. */
static inline int kmaticker_is_word_prefix(const kmaticker_lexicon *lexicon, const unsigned char *text, size_t count) {
    int syllable = kmaticker_syllable_at(text, count);
    if (syllable < 0) return 0;
    for (int32_t w = lexicon->starts[syllable]; w < lexicon->starts[syllable + 1]; w++) {
        const unsigned char *word = lexicon->bytes + lexicon->offsets[w];
        size_t length = (size_t)(lexicon->offsets[w + 1] - lexicon->offsets[w]), i = 0, j = 0;
        /* The text's spaces are passed (a condition may print them). */
        while (i < count && j < length) {
            if (text[i] == ' ') { i++; continue; }
            if (text[i] != word[j]) break;
            i++;
            j++;
        }
        if (i == count && j < length) return 1;
    }
    return 0;
}

/* The word of the lexicon starting at syllable p + at, read as the tokenizer reads the page's
   text: tags and dropped scalars between its syllables are not there (`서<b>울</b>`,
   `서\u200B울`). `*end`: where the word ends in p. `*unsure` is set when a tag too long to look
   through stands inside the syllables. */
static inline int kmaticker_word_in_page(const kmaticker_lexicon *lexicon, const unsigned char *p, size_t n, size_t at,
                                         int markup, size_t *end, int *unsure) {
    size_t length;
    int word = kmaticker_word_at(lexicon, p + at, n - at, &length);
    /* When the syllables glued on after this one run into a tag or a dropped scalar before the
       longest word could end, the word may go on beyond it. */
    size_t run = at;
    int32_t syllables = 0;
    while (syllables < lexicon->longest && kmaticker_syllable_at(p + run, n - run) >= 0) { run += 3; syllables++; }
    int interrupted = 0;
    if (syllables < lexicon->longest && run < n) {
        if (markup && p[run] == '<' && kmaticker_opens_tag(p + run, n - run)) interrupted = 1;
        else if (p[run] >= 0x80 && kmaticker_is_dropped_scalar(kmaticker_scalar_at(p + run, n - run))) interrupted = 1;
        else if (kmaticker_is_dropped_control(p[run])) interrupted = 1;
    }
    if (!interrupted) {
        if (word >= 0) *end = at + length;
        return word;
    }
    /* Gather the next syllables (and spaces) past tags and dropped scalars, remembering where
       each gathered byte came from. */
    unsigned char text[96];
    size_t from[96];
    size_t count = 0, i = at;
    int gathered = 0;
    while (i < n && count + 3 <= sizeof text && gathered < lexicon->longest) {
        if (kmaticker_syllable_at(p + i, n - i) >= 0) {
            for (int k = 0; k < 3; k++) { text[count] = p[i + k]; from[count] = i + k; count++; }
            i += 3;
            gathered++;
        } else if (markup && p[i] == '<' && kmaticker_opens_tag(p + i, n - i)) {
            size_t tag = kmaticker_tag_end(p + i, n - i);
            /* A tag the reader takes text from (an `alt`), or an element whose content it leaves
               out (a script, an object), may complete or hide part of the word: cannot tell. */
            if (tag == KMATICKER_TAG_TOO_LONG
                || ((kmaticker_tag_may_hold_text(p + i, tag) || kmaticker_hidden_element_tag(p + i, tag) == 1)
                    && kmaticker_is_word_prefix(lexicon, text, count))) {
                *unsure = 1;
                break;
            }
            i += tag;
        } else if (p[i] >= 0x80 && kmaticker_is_dropped_scalar(kmaticker_scalar_at(p + i, n - i))) {
            i += kmaticker_char_length(p + i, n - i);
        } else if (kmaticker_is_dropped_control(p[i])) {
            i += 1;
        } else if (p[i] == ' ') {
            text[count] = ' ';
            from[count] = i;
            count++;
            i++;
        } else {
            break;
        }
    }
    int joined = kmaticker_word_at(lexicon, text, count, &length);
    if (joined < 0) {
        if (word >= 0) *end = at + length;
        return word;
    }
    *end = from[length - 1] + 1;
    return joined;
}

/* Whether a word sign (`영하`, `영상`) stands at p. */
static inline int kmaticker_word_sign_at(const unsigned char *p, size_t left) {
    static const unsigned char below[] = {0xEC, 0x98, 0x81, 0xED, 0x95, 0x98}, above[] = {0xEC, 0x98, 0x81, 0xEC, 0x83, 0x81};
    return left >= 6 && (memcmp(p, below, 6) == 0 || memcmp(p, above, 6) == 0);
}

/* Whether the character at p is a unit's sign or printed form (℃ ℉ ° ˚ º), no word's. */
static inline int kmaticker_unit_sign_at(const unsigned char *p, size_t left) {
    if (p[0] < 0x80 || (p[0] >= 0xEA && p[0] <= 0xED)) return 0;
    if (p[0] == 0xE1 && left >= 2 && p[1] >= 0x84 && p[1] <= 0x87) return 0;  /* jamo */
    return KMATICKER_ITEM_CHARACTER_AT(p, left);
}

/* Separators and spaces the tokenizer passes between an item's parts, in ASCII. */
static inline int kmaticker_is_ascii_separator(unsigned char b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '|' || b == '/' || b == ',' || b == ':'
        || b == ';' || b == '*' || b == '[' || b == ']' || b == '"' || b == '\'' || b == ')' || b == '(' || b == '<'
        || b == '>';
}

/* Whether what stands after an item's part (the text at p) lets the item go on: a digit, a
   sign, a unit, a word of the lexicon, a word sign, markup that may hold text, a reference
   that is no separator. Passes spaces, separators, tags, comments, other scripts' characters
   and marks, and one unknown Hangul word (an unknown name or condition takes a part:
   `맑음신도시28.0`). `markup`: the text is HTML, where `<…>` is a tag. */
static inline int kmaticker_item_goes_on(const kmaticker_lexicon *lexicon, const unsigned char *p, size_t left, int markup) {
    size_t i = 0;
    int passedWord = 0, unsure = 0;
    while (i < left) {
        /* Looked this far without an answer: say "may go on" rather than look further (a page
           of nothing but tags and spaces would cost a search to its end at every word). */
        if (i > KMATICKER_LONGEST_GAP) return 1;
        unsigned char b = p[i];
        if (b < 0x80) {
            if ((b >= '0' && b <= '9') || b == '-' || b == '+') return 1;
            if (markup && b == '<' && kmaticker_opens_tag(p + i, left - i)) {
                size_t tag = kmaticker_tag_end(p + i, left - i);
                if (tag == KMATICKER_TAG_TOO_LONG || kmaticker_tag_may_hold_text(p + i, tag)) return 1;
                /* What a style sheet or a script holds is no text: what stands after it is next. */
                if (kmaticker_tag_opens_raw_text(p + i, tag)) return 1;
                i += tag;
                continue;
            }
            if (b == '&') {
                size_t length;
                if (!kmaticker_separator_reference(p + i, left - i, &length)) return 1;
                i += length;
                continue;
            }
            if (kmaticker_is_ascii_separator(b)) { i++; continue; }
            return 0;
        }
        if (kmaticker_unit_sign_at(p + i, left - i)) return 1;
        if (kmaticker_syllable_at(p + i, left - i) >= 0) {
            size_t end;
            if (kmaticker_word_in_page(lexicon, p, left, i, markup, &end, &unsure) >= 0 || unsure
                || kmaticker_word_sign_at(p + i, left - i)) return 1;
            if (passedWord) return 0;
            /* One unknown word (up to 10 syllables); a word of the lexicon inside it counts. */
            passedWord = 1;
            int syllables = 0;
            while (i < left && kmaticker_syllable_at(p + i, left - i) >= 0) {
                if (syllables > 0 && (kmaticker_word_in_page(lexicon, p, left, i, markup, &end, &unsure) >= 0 || unsure
                                      || kmaticker_word_sign_at(p + i, left - i))) return 1;
                if (++syllables > 10) return 0;
                i += 3;
            }
            continue;
        }
        uint32_t scalar = kmaticker_scalar_at(p + i, left - i);
        if (kmaticker_is_number_scalar(scalar) || kmaticker_is_jamo_scalar(scalar)) return 1;
        i += kmaticker_char_length(p + i, left - i);  /* another script's character, a bullet, a space: passed */
    }
    return 0;
}

/* Where the tag ending with the `>` at p[end - 1] opens, when a walk backwards may pass it;
   KMATICKER_TAG_TOO_LONG when it may not (too long to look through, a tag that gives text, the end
   of an element whose content is no text, a comment: what stands before it cannot be told). */
static inline size_t kmaticker_tag_passed_backward(const unsigned char *p, size_t end) {
    size_t open = kmaticker_tag_start(p, end);
    if (open == KMATICKER_TAG_TOO_LONG || kmaticker_tag_may_hold_text(p + open, end - open)
        || kmaticker_hidden_element_tag(p + open, end - open) != 0 || memmem(p + open, end - open, "--", 2)) {
        return KMATICKER_TAG_TOO_LONG;
    }
    return open;
}

/* Where the UTF-8 scalar that ends at p[end - 1] starts (at most 4 bytes back). */
static inline size_t kmaticker_scalar_start(const unsigned char *p, size_t end) {
    size_t start = end - 1;
    while (start > 0 && (p[start] & 0xC0) == 0x80 && end - start < 4) start--;
    return start;
}

/* Whether a `-` placeholder (`-동두천`, or a cell of its own before the name's) stands before
   the name at p + at: passes spaces, tags and dropped scalars backwards. */
static inline int kmaticker_placeholder_before(const unsigned char *p, size_t at, int markup) {
    size_t i = at;
    while (i > 0) {
        if (at - i > KMATICKER_LONGEST_GAP) return 1;
        unsigned char b = p[i - 1];
        if (b == ';') {
            /* A reference: a space or separator is passed; any other may be a minus (`&minus;`,
               `&#8722;`, `&#45;`). */
            size_t start = kmaticker_separator_reference_start(p, i);
            if (start == KMATICKER_TAG_TOO_LONG) return 0;
            if (start == i) return 1;
            i = start;
            continue;
        }
        if (b == '-') {
            /* `a-동두천` is a word's hyphen, `--` a separator. */
            if (i >= 2) {
                unsigned char c = p[i - 2], lower = c | 0x20;
                if ((c >= '0' && c <= '9') || (lower >= 'a' && lower <= 'z') || c == '.' || c == '-') return 0;
            }
            return 1;
        }
        if (markup && b == '>') {
            size_t open = kmaticker_tag_passed_backward(p, i);
            if (open == KMATICKER_TAG_TOO_LONG) return 1;
            i = open;
            continue;
        }
        if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f') { i--; continue; }
        if (b >= 0x80) {
            /* A multibyte scalar ends here: a minus variant is a placeholder, a space is passed. */
            size_t start = kmaticker_scalar_start(p, i);
            uint32_t scalar = kmaticker_scalar_at(p + start, i - start);
            if (kmaticker_is_number_scalar(scalar)) return 1;
            if (scalar == 0xA0 || scalar == 0x3000 || (scalar >= 0x2000 && scalar <= 0x200A) || kmaticker_is_dropped_scalar(scalar)) {
                i = start;
                continue;
            }
        }
        return 0;
    }
    return 0;
}

/* Whether a `-` placeholder (or a reference that may be one) stands after a name that ends at
   p, through spaces, separators and tags (name first: `속초 - 27.8℃`, a cell of its own). */
static inline int kmaticker_placeholder_after(const unsigned char *p, size_t left, int markup) {
    size_t i = 0;
    while (i < left && i <= KMATICKER_LONGEST_GAP) {
        unsigned char b = p[i];
        if (b == '-') {
            /* `-3.0` is a temperature, `- ` a bullet, `--` a separator (the tokenizer's reading). */
            unsigned char next = i + 1 < left ? p[i + 1] : '\n';
            return !((next >= '0' && next <= '9') || next == ' ' || next == '-' || next == '.');
        }
        if (b == '&') {
            size_t length;
            if (!kmaticker_separator_reference(p + i, left - i, &length)) return 1;
            i += length;
            continue;
        }
        if (markup && b == '<' && kmaticker_opens_tag(p + i, left - i)) {
            size_t tag = kmaticker_tag_end(p + i, left - i);
            if (tag == KMATICKER_TAG_TOO_LONG || kmaticker_tag_may_hold_text(p + i, tag) || kmaticker_hidden_element_tag(p + i, tag) == 1) return 1;
            i += tag;
            continue;
        }
        if (b < 0x80) {
            if (kmaticker_is_ascii_separator(b) || kmaticker_is_dropped_control(b)) { i++; continue; }
            return 0;
        }
        uint32_t scalar = kmaticker_scalar_at(p + i, left - i);
        if (kmaticker_is_number_scalar(scalar)) return 1;
        if (scalar == 0xA0 || scalar == 0x3000 || (scalar >= 0x2000 && scalar <= 0x200A) || kmaticker_is_dropped_scalar(scalar)) {
            i += kmaticker_char_length(p + i, left - i);
            continue;
        }
        return 0;
    }
    return i > KMATICKER_LONGEST_GAP;
}

/* Whether `청` (the end of `기상청`) stands right before p + at, through spaces and tags, or a
   tag that may hold text (an `alt`) or a reference stands there: what may end `기상청`. */
static inline int kmaticker_agency_before(const unsigned char *p, size_t at, int markup) {
    static const unsigned char cheong[] = {0xEC, 0xB2, 0xAD};
    size_t i = at;
    while (i > 0) {
        if (at - i > KMATICKER_LONGEST_GAP) return 1;
        unsigned char b = p[i - 1];
        if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || kmaticker_is_dropped_control(b)) { i--; continue; }
        if (b == ';') return 1;
        if (markup && b == '>') {
            size_t open = kmaticker_tag_passed_backward(p, i);
            if (open == KMATICKER_TAG_TOO_LONG) return 1;
            i = open;
            continue;
        }
        if (b >= 0x80) {
            if (i >= 3 && memcmp(p + i - 3, cheong, 3) == 0) return 1;
            size_t start = kmaticker_scalar_start(p, i);
            uint32_t scalar = kmaticker_scalar_at(p + start, i - start);
            if (scalar == 0xA0 || scalar == 0x3000 || (scalar >= 0x2000 && scalar <= 0x200A) || scalar == 0x202F
                || scalar == 0x205F || kmaticker_is_dropped_scalar(scalar)) { i = start; continue; }
        }
        return 0;
    }
    return 0;
}

/* Whether a number ends right before p + at, through spaces and tags (`3도`, `3 도`, `3</b>도`). */
static inline int kmaticker_number_before(const unsigned char *p, size_t at, int markup) {
    size_t i = at;
    while (i > 0) {
        if (at - i > KMATICKER_LONGEST_GAP) return 1;
        unsigned char b = p[i - 1];
        if (b >= '0' && b <= '9') return 1;
        if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f') { i--; continue; }
        if (b == ';') {
            /* A reference: a space is passed; any other may be a digit (`&#51;`). */
            size_t start = kmaticker_separator_reference_start(p, i);
            if (start == KMATICKER_TAG_TOO_LONG) return 0;
            if (start == i) return 1;
            i = start;
            continue;
        }
        if (markup && b == '>') {
            size_t open = kmaticker_tag_passed_backward(p, i);
            if (open == KMATICKER_TAG_TOO_LONG) return 1;
            i = open;
            continue;
        }
        if (b >= 0x80) {
            size_t start = kmaticker_scalar_start(p, i);
            uint32_t scalar = kmaticker_scalar_at(p + start, i - start);
            if (kmaticker_is_number_scalar(scalar)) return 1;
            if (scalar == 0xA0 || kmaticker_is_dropped_scalar(scalar)) { i = start; continue; }
        }
        return 0;
    }
    return 0;
}

/* Names a block without the credit prints at least: ten items, in passes that each print a
   name, the longest naming more than half of its own (TickerEvidenceScan.swift). */
#define KMATICKER_NAMES_WITHOUT_CREDIT 4

/* Whether what was found makes the page one to read: the rule itself (TickerEvidenceScan.swift
   reads it from here), and the scan's early stop. */
static inline int kmaticker_evidence_suffices(const kmaticker_ticker_evidence *found) {
    return found->unsure || (found->names > 0 && found->evidence
                             && (found->credit || (found->conditions >= 2 && found->names >= KMATICKER_NAMES_WITHOUT_CREDIT)));
}

/* `도`, a unit after a number. */
#define KMATICKER_SYLLABLE_DO (0xB3C4 - 0xAC00)

/* What the syllable at p + i (index `syllable`) starts: a word of the lexicon, or `도`. Returns
   1 when the page must be read. */
static inline int kmaticker_scan_syllable(const kmaticker_lexicon *lexicon, const unsigned char *p, size_t n, size_t i,
                                          int syllable, int markup, kmaticker_ticker_evidence *found) {
    /* `도` after a number: a temperature with its unit. */
    if (syllable == KMATICKER_SYLLABLE_DO && !found->evidence && kmaticker_number_before(p, i, markup)) found->evidence = 1;
    size_t end;
    int word = kmaticker_word_in_page(lexicon, p, n, i, markup, &end, &found->unsure);
    if (word >= 0) {
        unsigned char kind = lexicon->kinds[word];
        if (kind == KMATICKER_WORD_CREDIT) {
            found->sawAgency = 1;
        } else if (kind == KMATICKER_WORD_CREDIT_TAIL) {
            /* Or `청` right before it, the rest of `기상청` left in a tag (`<img alt="기">상청 제공`). */
            if (found->sawAgency || kmaticker_agency_before(p, i, markup)) found->credit = 1;
        } else {
            int isToken = 1;
            if (kind == KMATICKER_WORD_CONDITION && end - i == 3) {
                /* `비가`, `눈이`: a one-syllable condition glued to a syllable that starts
                   no word is the start of a word (the tokenizer's rule). */
                size_t next;
                if (kmaticker_syllable_at(p + end, n - end) >= 0
                    && kmaticker_word_in_page(lexicon, p, n, end, markup, &next, &found->unsure) < 0
                    && !kmaticker_word_sign_at(p + end, n - end)) isToken = 0;
            }
            if (isToken) {
                if (kind == KMATICKER_WORD_NAME) {
                    found->names++;
                    if (kmaticker_placeholder_before(p, i, markup) || kmaticker_placeholder_after(p + end, n - end, markup)) {
                        found->conditions++;
                        found->evidence = 1;
                    }
                } else {
                    found->conditions++;
                }
                if (!found->evidence && kmaticker_item_goes_on(lexicon, p + end, n - end, markup)) found->evidence = 1;
            }
        }
    }
    return kmaticker_evidence_suffices(found);
}

/* Whether a word may start at syllable p + i (whose first syllable some word has; `next`: the
   syllable after it, or -1): a one-syllable word; a condition before a space; a pair of
   syllables some word starts with; or a syllable before a tag or a scalar the tokenizer drops,
   which a word may go on after. The rest (most) need no lookup. */
static inline int kmaticker_may_start_word(const kmaticker_lexicon *lexicon, const unsigned char *p, size_t n, size_t i,
                                           int syllable, int next, unsigned bit) {
    if (lexicon->shortFirsts[syllable >> 3] & bit) return 1;
    if (next >= 0) {
        uint32_t pair = KMATICKER_PAIR_BIT(syllable, next);
        return (lexicon->pairs[pair >> 3] >> (pair & 7)) & 1;
    }
    if (i + 3 >= n) return 0;
    /* A condition may go on after a space, or anything the text makes one of. */
    if (lexicon->spacedFirsts[syllable >> 3] & bit) return 1;
    unsigned char after = p[i + 3];
    return after == '<' || after == '&' || after >= 0x80 || kmaticker_is_dropped_control(after);
}

/* Whether a word of the lexicon may begin in the text of the tag that ends right before p + at
   (an `alt`'s last syllables) and end in the syllables at p + at: the reader joins the two. */
static inline int kmaticker_word_from_tag_text(const kmaticker_lexicon *lexicon, const unsigned char *p, size_t n, size_t at) {
    size_t open = kmaticker_tag_start(p, at);
    if (open == KMATICKER_TAG_TOO_LONG || !kmaticker_tag_may_hold_text(p + open, at - open)) return 0;
    /* The tag's last run of syllables (before its closing quote or `>`). */
    size_t end = at - 1;
    while (end > open && (p[end - 1] == '"' || p[end - 1] == '\'' || p[end - 1] == ' ' || p[end - 1] == '/')) end--;
    size_t start = end;
    while (start >= open + 3 && kmaticker_syllable_at(p + start - 3, 3) >= 0 && (end - start) / 3 < (size_t)lexicon->longest) start -= 3;
    if (start == end) return 0;
    /* Each suffix of that run, with the syllables after the tag. */
    unsigned char text[96];
    size_t tail = 0;
    while (tail / 3 < (size_t)lexicon->longest && at + tail + 3 <= n && kmaticker_syllable_at(p + at + tail, 3) >= 0) tail += 3;
    for (size_t from = start; from < end; from += 3) {
        size_t head = end - from;
        if (head + tail > sizeof text) continue;
        memcpy(text, p + from, head);
        memcpy(text + head, p + at, tail);
        size_t length;
        if (kmaticker_word_at(lexicon, text, head + tail, &length) >= 0 && length > head) return 1;
    }
    return 0;
}

/* Reads `p[0..<n]` (UTF-8 text; `markup`: HTML, where `<…>` are tags) into `found`, stopping as
   soon as the page must be read. */
static inline void kmaticker_scan_ticker_evidence(const kmaticker_lexicon *lexicon, const unsigned char *p, size_t n,
                                                   int markup, kmaticker_ticker_evidence *found) {
    memset(found, 0, sizeof *found);
    if (markup && memmem(p, n, "srcdoc", 6)) { found->unsure = 1; return; }
    size_t i = 0;
    while (i < n) {
        if (i + 32 <= n && kmaticker_block_is_plain(p + i)) { i += 32; continue; }
        unsigned char b = p[i];
        if (b < 0x80) {
            if (b == '&' && i + 1 < n) {
                if (KMATICKER_UNIT_REFERENCE_NAME_AT(p + i + 1, n - i - 1)) {
                    found->evidence = 1;
                } else if (p[i + 1] == '#') {
                    /* A numeric reference: a unit's sign or a number's is evidence; Hangul,
                       jamo or a scalar the tokenizer drops, unsure. */
                    unsigned long value = 0;
                    size_t j = i + 2;
                    int hex = j < n && (p[j] == 'x' || p[j] == 'X');
                    if (hex) j++;
                    size_t digits = 0;
                    for (; j < n && digits < 8; j++, digits++) {
                        unsigned char c = p[j], lower = c | 0x20;
                        if (c >= '0' && c <= '9') value = value * (hex ? 16 : 10) + (c - '0');
                        else if (hex && lower >= 'a' && lower <= 'f') value = value * 16 + (lower - 'a' + 10);
                        else break;
                    }
                    if (digits == 8 || (value >= 0xAC00 && value <= 0xD7A3) || kmaticker_is_jamo_scalar((uint32_t)value)
                        || kmaticker_is_dropped_scalar((uint32_t)value) || (value >= 0x3130 && value <= 0x318F)) {
                        found->unsure = 1;
                    } else if (value == 0x2103 || value == 0x2109 || value == 0xB0 || value == 0x2DA || value == 0xBA
                               || kmaticker_is_number_scalar((uint32_t)value) || (value >= '0' && value <= '9')) {
                        found->evidence = 1;
                    }
                } else if (n - i >= 4 && (memcmp(p + i + 1, "shy", 3) == 0 || memcmp(p + i + 1, "zwj", 3) == 0
                                          || memcmp(p + i + 1, "zwnj", 4) == 0 || memcmp(p + i + 1, "lrm", 3) == 0
                                          || memcmp(p + i + 1, "rlm", 3) == 0)) {
                    found->unsure = 1;
                }
                if (kmaticker_evidence_suffices(found)) return;
            }
            i++;
            continue;
        }
        int syllable = kmaticker_syllable_at(p + i, n - i);
        if (syllable < 0) {
            uint32_t scalar = kmaticker_scalar_at(p + i, n - i);
            if (kmaticker_is_jamo_scalar(scalar)) found->unsure = 1;
            else if (kmaticker_unit_sign_at(p + i, n - i)) found->evidence = 1;
            if (kmaticker_evidence_suffices(found)) return;
            i += kmaticker_char_length(p + i, n - i);
            continue;
        }
        /* A run right after a tag that gives text (`<img alt="속">초`): a word may start in it. */
        if (markup && i > 0 && p[i - 1] == '>' && kmaticker_word_from_tag_text(lexicon, p, n, i)) found->unsure = 1;
        if (kmaticker_evidence_suffices(found)) return;
        /* A run of syllables: most start no word and are passed with one bit test each. */
        do {
            int next = kmaticker_syllable_at(p + i + 3, n - i - 3);
            unsigned bit = 1u << (syllable & 7);
            if ((lexicon->firsts[syllable >> 3] & bit) && kmaticker_may_start_word(lexicon, p, n, i, syllable, next, bit)) {
                if (kmaticker_scan_syllable(lexicon, p, n, i, syllable, markup, found)) return;
            } else if (syllable == KMATICKER_SYLLABLE_DO) {
                if (kmaticker_scan_syllable(lexicon, p, n, i, syllable, markup, found)) return;
            }
            /* Every syllable is a start: words may overlap (`북강릉`, `강릉`), which only counts more. */
            i += 3;
            syllable = next;
        } while (syllable >= 0);
    }
}

#endif
