#ifndef KERKO_CLIBXML2_SHIM_H
#define KERKO_CLIBXML2_SHIM_H
// Debian's libxml2 is built with ICU support, so <libxml/encoding.h> would include the system ICU headers,
// whose UErrorCode clashes with Foundation's private ICU in debug builds ("'UErrorCode' has different
// definitions in different modules"; ../shared/notes/platform-traps.md §2). Kërko never touches libxml2's
// ICU converter fields, so hiding them is safe: include xmlversion.h first, then undefine the switch.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#endif
