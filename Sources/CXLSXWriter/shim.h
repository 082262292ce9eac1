#ifndef KMATICKER_CXLSXWRITER_SHIM_H
#define KMATICKER_CXLSXWRITER_SHIM_H
// libxlsxwriter (Debian libxlsxwriter-dev): `export --xlsx`. Its API is plain functions and
// structs that Swift imports as they are; XLSXWriter.swift is the one file that calls it.
#include <xlsxwriter.h>
#endif
