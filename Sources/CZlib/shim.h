#ifndef KMATICKER_CZLIB_SHIM_H
#define KMATICKER_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro (it passes the library version and the struct size); wrap it.
/// windowBits 15 + 32: accept a gzip or a zlib header, whichever the stream has.
static inline int kmaticker_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}
/// windowBits -15: a raw deflate stream, no header (what some servers send as
/// `Content-Encoding: deflate`, against the standard's zlib wrapper).
static inline int kmaticker_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -15);
}
#endif
