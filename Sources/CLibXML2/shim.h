#ifndef KMATICKER_CLIBXML2_SHIM_H
#define KMATICKER_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, so its encoding.h includes ICU's headers, which clash with
// the copy of ICU inside Swift's Foundation ('UErrorCode' has different definitions). kmaticker
// never touches the ICU-dependent fields (it hands libxml2 UTF-8 only), so hide them.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

static void kmaticker_xml_ignore_error(void *context, xmlErrorPtr error) {
    (void)context; (void)error;
}
/// libxml2 prints parse errors on stderr by default; tag soup from news sites produces
/// hundreds. Install a handler that drops them (per thread, as libxml2 keeps it).
static inline void kmaticker_xml_silence_errors(void) {
    xmlSetStructuredErrorFunc(NULL, kmaticker_xml_ignore_error);
}
/// xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state.
static inline void kmaticker_xml_free(void *pointer) { xmlFree(pointer); }
#endif
