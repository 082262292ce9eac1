#ifndef KMATICKER_CLIBZIP_SHIM_H
#define KMATICKER_CLIBZIP_SHIM_H
// libzip: WACZ packages (a zip of WARCs), read member by member.
#include <zip.h>
#endif
