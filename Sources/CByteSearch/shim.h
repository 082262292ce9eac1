#ifndef KMATICKER_CBYTESEARCH_SHIM_H
#define KMATICKER_CBYTESEARCH_SHIM_H
// memmem is a GNU extension: Swift's Glibc module does not export it. glibc's memmem and memchr
// are vectorized; kmaticker finds the ticker in a page with them before parsing anything.
#define _GNU_SOURCE 1
#include <string.h>

static inline const unsigned char *kmaticker_memmem(const unsigned char *haystack, size_t haystack_length,
                                                    const unsigned char *needle, size_t needle_length) {
    return (const unsigned char *)memmem(haystack, haystack_length, needle, needle_length);
}
static inline const unsigned char *kmaticker_memchr(const unsigned char *haystack, int byte, size_t length) {
    return (const unsigned char *)memchr(haystack, byte, length);
}
#endif
