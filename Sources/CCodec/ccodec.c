#include "ccodec.h"
