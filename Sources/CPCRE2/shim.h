#ifndef KMATICKER_CPCRE2_SHIM_H
#define KMATICKER_CPCRE2_SHIM_H
// PCRE2's generic names (pcre2_compile, …) are macros over the width-specific functions,
// which Swift cannot import. Fix the width at 8 bits (UTF-8) and offer plain functions.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

static inline pcre2_code_8 *kmaticker_pcre2_compile(const unsigned char *pattern, size_t length,
                                                    uint32_t options, int *error_code,
                                                    size_t *error_offset) {
    return pcre2_compile_8(pattern, length, options, error_code, error_offset, NULL);
}
static inline int kmaticker_pcre2_jit_compile(pcre2_code_8 *code) {
    return pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE);
}
static inline void kmaticker_pcre2_code_free(pcre2_code_8 *code) { pcre2_code_free_8(code); }
static inline pcre2_match_data_8 *kmaticker_pcre2_match_data_create(pcre2_code_8 *code) {
    return pcre2_match_data_create_from_pattern_8(code, NULL);
}
static inline void kmaticker_pcre2_match_data_free(pcre2_match_data_8 *data) {
    pcre2_match_data_free_8(data);
}
/// Matches without re-validating UTF-8: the caller passes bytes of a Swift String, which are
/// valid UTF-8 by construction (re-validation on every call is quadratic over one buffer).
static inline int kmaticker_pcre2_match(const pcre2_code_8 *code, const unsigned char *subject,
                                        size_t length, size_t start_offset,
                                        pcre2_match_data_8 *data) {
    return pcre2_match_8(code, subject, length, start_offset, PCRE2_NO_UTF_CHECK, data, NULL);
}
static inline size_t *kmaticker_pcre2_ovector(pcre2_match_data_8 *data) {
    return pcre2_get_ovector_pointer_8(data);
}
static inline int kmaticker_pcre2_group_number(const pcre2_code_8 *code, const unsigned char *name) {
    return pcre2_substring_number_from_name_8(code, name);
}
static inline int kmaticker_pcre2_error_message(int code, unsigned char *buffer, size_t length) {
    return pcre2_get_error_message_8(code, buffer, length);
}
static inline uint32_t kmaticker_pcre2_utf(void) { return PCRE2_UTF | PCRE2_UCP; }
static inline uint32_t kmaticker_pcre2_caseless(void) { return PCRE2_CASELESS; }
static inline size_t kmaticker_pcre2_unset(void) { return PCRE2_UNSET; }
#endif
