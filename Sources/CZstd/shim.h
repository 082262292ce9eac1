#ifndef KMATICKER_CZSTD_SHIM_H
#define KMATICKER_CZSTD_SHIM_H
// libzstd: `.warc.zst` archives (frame by frame, with the dictionary of the IIPC warc-zstd
// specification) and `.zst` pages.
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>
#include <zstd_errors.h>

/// Whether the decoder checks each frame's checksum (the default) or hands out a frame whose
/// checksum is wrong: a frame read again so, to tell which record its damage cost (libzstd
/// hands out no byte of a call that fails). ZSTD_d_forceIgnoreChecksum is a macro of the
/// experimental API, so it is wrapped here.
static inline size_t kmaticker_zstd_check_checksums(ZSTD_DCtx *context, int check) {
    return ZSTD_DCtx_setParameter(context, ZSTD_d_forceIgnoreChecksum,
                                  check ? ZSTD_d_validateChecksum : ZSTD_d_ignoreChecksum);
}

/// Whether `code` (a result of ZSTD_decompressStream) is a checksum found wrong.
static inline int kmaticker_zstd_is_checksum_error(size_t code) {
    return ZSTD_isError(code) && ZSTD_getErrorCode(code) == ZSTD_error_checksum_wrong;
}
#endif
