#ifndef KMATICKER_CLIBDEFLATE_SHIM_H
#define KMATICKER_CLIBDEFLATE_SHIM_H
/// libdeflate: whole-buffer DEFLATE and gzip, faster than zlib's streaming inflate when a
/// gzip member is whole in memory (each record of a .warc.gz is its own member).
#include <libdeflate.h>
#endif
