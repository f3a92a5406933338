/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Deterministic math for the keystream path: only +, −, ×, ÷ and
 * comparisons, which IEEE 754 rounds the same way everywhere (the build
 * forbids contraction into fused multiply-adds). No libm transcendental
 * functions, whose last bits differ between C libraries. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A function marked so is built twice, for AVX2 and for the baseline, and
 * the loader picks one. The two give the same bits: the same sequence of
 * IEEE operations per element (no fused multiply-add: the build forbids
 * contraction), only more elements side by side. Not under the
 * sanitizers, whose builds need no speed. */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define NC_WIDE_VECTORS __attribute__ ((target_clones ("avx2", "default")))
/* Built for AVX-512 alone: call it only where nc_cpu_has_avx512() says
 * so, with a NC_WIDE_VECTORS twin for the other machines. */
#define NC_WIDEST_VECTORS __attribute__ ((target ("avx512f")))
#define NC_WIDEST_VECTORS_BUILT 1
#else
#define NC_WIDE_VECTORS
#define NC_WIDEST_VECTORS
#define NC_WIDEST_VECTORS_BUILT 0
#endif

/* Whether a NC_WIDEST_VECTORS function may run here (always, in builds
 * that make it for the baseline). */
static inline gboolean
nc_cpu_has_avx512 (void)
{
#if NC_WIDEST_VECTORS_BUILT
  return __builtin_cpu_supports ("avx512f");
#else
  return TRUE;
#endif
}

/* tanh from Lambert's continued fraction (a [7/6] rational function),
 * within 2e-7 of tanh for |x| ≤ 4.97; beyond, held at its value there, so
 * it stays continuous, odd and monotone. This function is the network's
 * activation: the dynamics are defined with it, not with libm's tanh. */
static inline double
nc_tanh (double x)
{
  double x2;

  if (x > 4.97)
    x = 4.97;
  else if (x < -4.97)
    x = -4.97;
  x2 = x * x;
  return x * (135135.0 + x2 * (17325.0 + x2 * (378.0 + x2)))
           / (135135.0 + x2 * (62370.0 + x2 * (3150.0 + x2 * 28.0)));
}

/* nc_tanh() in single precision, for layers that run in float. */
static inline float
nc_tanhf (float x)
{
  float x2;

  x = x > 4.97f ? 4.97f : (x < -4.97f ? -4.97f : x);
  x2 = x * x;
  return x * (135135.0f + x2 * (17325.0f + x2 * (378.0f + x2)))
           / (135135.0f + x2 * (62370.0f + x2 * (3150.0f + x2 * 28.0f)));
}

/* Eight floats side by side (GCC vector extension): one AVX register, or
 * two SSE ones in the baseline build. Element-wise IEEE operations, so
 * the results are those of the scalar code, element for element. They
 * pass by pointer: passing by value differs between the two builds. */
typedef float NcFloat8 __attribute__ ((vector_size (32)));
typedef int NcInt8 __attribute__ ((vector_size (32)));

/* nc_tanhf() on eight values, the same operations in the same order. */
G_ALWAYS_INLINE static inline void
nc_tanhf8 (NcFloat8 *value)
{
  const NcFloat8 hi = { 4.97f, 4.97f, 4.97f, 4.97f, 4.97f, 4.97f, 4.97f, 4.97f };
  NcFloat8 x = *value, x2;
  NcInt8 above = x > hi, below = x < -hi;

  x = (NcFloat8) (((NcInt8) x & ~above) | ((NcInt8) hi & above));
  x = (NcFloat8) (((NcInt8) x & ~below) | ((NcInt8) -hi & below));
  x2 = x * x;
  *value = x * (135135.0f + x2 * (17325.0f + x2 * (378.0f + x2)))
              / (135135.0f + x2 * (62370.0f + x2 * (3150.0f + x2 * 28.0f)));
}

/* Four and eight doubles side by side: one AVX or AVX-512 register, or
 * several narrower ones; element-wise IEEE operations, so each element is
 * what the scalar code computes. */
typedef double NcDouble4 __attribute__ ((vector_size (32)));
typedef long long NcLong4 __attribute__ ((vector_size (32)));
typedef double NcDouble8 __attribute__ ((vector_size (64)));
typedef long long NcLong8 __attribute__ ((vector_size (64)));

/* nc_tanh() on a vector of doubles in place, the same operations in the
 * same order (by pointer, as nc_tanhf8()). */
#define NC_DEFINE_TANH_VECTOR(name, Double, Long) \
  G_ALWAYS_INLINE static inline void \
  name (Double *value) \
  { \
    const Double hi = (Double) { 0 } + 4.97; \
    Double x = *value, x2; \
    Long above = x > hi, below = x < -hi; \
    \
    x = (Double) (((Long) x & ~above) | ((Long) hi & above)); \
    x = (Double) (((Long) x & ~below) | ((Long) -hi & below)); \
    x2 = x * x; \
    *value = x * (135135.0 + x2 * (17325.0 + x2 * (378.0 + x2))) \
                / (135135.0 + x2 * (62370.0 + x2 * (3150.0 + x2 * 28.0))); \
  }

NC_DEFINE_TANH_VECTOR (nc_tanh4, NcDouble4, NcLong4)
NC_DEFINE_TANH_VECTOR (nc_tanh8, NcDouble8, NcLong8)

/* The Chua–Yang output y = ½ (|x + 1| − |x − 1|). */
static inline double
nc_chua_yang (double x)
{
  return x > 1.0 ? 1.0 : (x < -1.0 ? -1.0 : x);
}

/* Keystream bytes from one state variable: the low @n (3 or 4) bytes of
 * |v| · 2^40, that is bits 2^-17 … 2^-40 for three, 2^-9 … 2^-40 for four.
 * A trajectory of the Hopfield network moves by about 2^-7 per step, so
 * three bytes turn over completely between steps while staying well above
 * the rounding of a double; the hyperchaotic CNN moves by several units
 * per step and gives four. A value that is not finite gives zeros instead
 * of undefined behaviour. */
static inline void
nc_chaos_bytes (double  v,
                guint8 *out,
                guint   n)
{
  guint64 q;

  if (v < 0)
    v = -v;
  if (!(v < 1e6))
    v = 0.0;
  q = (guint64) (v * 0x1p40);
  for (guint i = 0; i < n; i++)
    out[i] = (guint8) (q >> (8 * i));
}

G_END_DECLS
