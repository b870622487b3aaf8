// SwiftPM builds a C target from at least one source file. Everything this module offers
// is a static inline function in include/CVectorMath.h, compiled where Swift calls it.
#include "CVectorMath.h"
