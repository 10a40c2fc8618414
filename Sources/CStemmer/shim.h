#ifndef KERKO_CSTEMMER_SHIM_H
#define KERKO_CSTEMMER_SHIM_H
// Snowball libstemmer (Debian libstemmer-dev 2.2.0): sb_stemmer_new / sb_stemmer_stem / sb_stemmer_length.
#include <libstemmer.h>
#endif
