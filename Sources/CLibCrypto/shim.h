#ifndef KMATICKER_CLIBCRYPTO_SHIM_H
#define KMATICKER_CLIBCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/sha.h>
#endif
