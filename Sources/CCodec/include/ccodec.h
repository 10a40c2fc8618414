#ifndef KERKO_CCODEC_H
#define KERKO_CCODEC_H
// Hot integer-codec loops in C (owned by the Codec module); see Sources/Codec.
#include <stdint.h>
#endif
