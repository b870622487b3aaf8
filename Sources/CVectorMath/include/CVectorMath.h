// Element-wise operations on eight floats that Swift's SIMD8<Float> does lane by lane.
//
// Swift's SIMD8<Float>.squareRoot() calls Float.squareRoot() for each lane, which on Linux
// is C's sqrtf with errno handling: eight scalar square roots, each behind a test for a
// negative input. Clang's element-wise builtin is one vsqrtps (or two sqrtps): the same
// correctly rounded IEEE square root, so the same bits, eight at a time. Swift imports
// `ext_vector_type(8)` floats as SIMD8<Float>, and the static inline function is compiled
// into, and inlined in, the Swift code that calls it.
#ifndef UNROLLED_CVECTORMATH_H
#define UNROLLED_CVECTORMATH_H

typedef float unrolled_float8 __attribute__((ext_vector_type(8)));

/// The correctly rounded square root of each of the eight lanes.
static inline __attribute__((always_inline)) unrolled_float8 unrolled_square_root8(unrolled_float8 x) {
  return __builtin_elementwise_sqrt(x);
}

#endif
