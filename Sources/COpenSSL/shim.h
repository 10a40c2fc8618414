#ifndef KERKO_COPENSSL_SHIM_H
#define KERKO_COPENSSL_SHIM_H
// OpenSSL's libcrypto, for SHA-256 only (Ingest's content hash). The one-shot SHA256() and the EVP digest
// calls are the non-deprecated API of OpenSSL 3; libcrypto picks the SHA-NI / AVX2 block function at run
// time from the CPU's features.
#include <openssl/sha.h>
#include <openssl/evp.h>
#endif
