/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fifteen tests of NIST SP 800-22 Rev. 1a on one sequence, each as
 * the spec defines it and as NIST's reference implementation (sts 2.1.2)
 * computes it, where the two differ in a constant or a rounding: the
 * Appendix B values come from that implementation. Bits are one per byte,
 * 0 or 1. */
#include "nc-randomness.h"
#include "nc-i18n.h"

#include <complex.h>
#include <math.h>
#include <string.h>

#define MACHEP 1.11022302462515654042e-16
#define MAXLOG 7.09782712893383996843e2
#define BIG 4.503599627370496e15
#define BIGINV 2.22044604925031308085e-16

/* P(a, x) by its power series (Cephes igam). */
static double
igam_series (double a,
             double x)
{
  double ax = a * log (x) - x - lgamma (a), r = a, c = 1.0, sum = 1.0;

  if (ax < -MAXLOG)
    return 0.0;
  ax = exp (ax);
  do
    {
      r += 1.0;
      c *= x / r;
      sum += c;
    }
  while (c / sum > MACHEP);
  return sum * ax / a;
}

/**
 * nc_igamc:
 *
 * The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a),
 * by Cephes' series and continued fraction (the functions NIST's suite
 * uses), good to about 1e-14 relative.
 */
double
nc_igamc (double a,
          double x)
{
  double ax, y, z, c, pkm2, qkm2, pkm1, qkm1, ans, t;

  if (x <= 0.0 || a <= 0.0)
    return 1.0;
  if (x < 1.0 || x < a)
    return 1.0 - igam_series (a, x);

  ax = a * log (x) - x - lgamma (a);
  if (ax < -MAXLOG)
    return 0.0;
  ax = exp (ax);
  y = 1.0 - a;
  z = x + y + 1.0;
  c = 0.0;
  pkm2 = 1.0;
  qkm2 = x;
  pkm1 = x + 1.0;
  qkm1 = z * x;
  ans = pkm1 / qkm1;
  do
    {
      double yc, pk, qk;

      c += 1.0;
      y += 1.0;
      z += 2.0;
      yc = y * c;
      pk = pkm1 * z - pkm2 * yc;
      qk = qkm1 * z - qkm2 * yc;
      if (qk != 0.0)
        {
          double r = pk / qk;

          t = fabs ((ans - r) / r);
          ans = r;
        }
      else
        t = 1.0;
      pkm2 = pkm1;
      pkm1 = pk;
      qkm2 = qkm1;
      qkm1 = qk;
      if (fabs (pk) > BIG)
        {
          pkm2 *= BIGINV;
          pkm1 *= BIGINV;
          qkm2 *= BIGINV;
          qkm1 *= BIGINV;
        }
    }
  while (t > MACHEP);
  return ans * ax;
}

static double
normal_cdf (double x)
{
  return 0.5 * erfc (-x / G_SQRT2);
}

/* ---- 2.1 Frequency (monobit) ---- */

double
nc_nist_frequency (const guint8 *bits,
                   gsize         n)
{
  gint64 s = 0;

  for (gsize i = 0; i < n; i++)
    s += 2 * bits[i] - 1;
  return erfc (fabs ((double) s) / sqrt ((double) n) / G_SQRT2);
}

/* ---- 2.2 Frequency within a block ---- */

double
nc_nist_block_frequency (const guint8 *bits,
                         gsize         n,
                         guint         m)
{
  gsize blocks = n / m;
  double chi2 = 0.0;

  if (blocks == 0)
    return NAN;
  for (gsize b = 0; b < blocks; b++)
    {
      guint ones = 0;

      for (guint j = 0; j < m; j++)
        ones += bits[b * m + j];
      chi2 += ((double) ones / m - 0.5) * ((double) ones / m - 0.5);
    }
  chi2 *= 4.0 * m;
  return nc_igamc (blocks / 2.0, chi2 / 2.0);
}

/* ---- 2.13 Cumulative sums ---- */

double
nc_nist_cumulative_sums (const guint8 *bits,
                         gsize         n,
                         gboolean      reverse)
{
  gint64 s = 0, sup = 0, inf = 0, z, nn = (gint64) n;
  double sum1 = 0.0, sum2 = 0.0, root = sqrt ((double) n);

  for (gsize i = 0; i < n; i++)
    {
      s += bits[i] ? 1 : -1;
      sup = MAX (sup, s);
      inf = MIN (inf, s);
    }
  /* The reverse walk's extreme, from the forward one's. */
  z = reverse ? MAX (sup - s, s - inf) : MAX (sup, -inf);
  if (z == 0)
    return NAN;

  /* Integer division, truncating, as the reference code's bounds do. */
  for (gint64 k = (-nn / z + 1) / 4; k <= (nn / z - 1) / 4; k++)
    sum1 += normal_cdf ((4 * k + 1) * z / root) - normal_cdf ((4 * k - 1) * z / root);
  for (gint64 k = (-nn / z - 3) / 4; k <= (nn / z - 1) / 4; k++)
    sum2 += normal_cdf ((4 * k + 3) * z / root) - normal_cdf ((4 * k + 1) * z / root);
  return 1.0 - sum1 + sum2;
}

/* ---- 2.3 Runs ---- */

double
nc_nist_runs (const guint8 *bits,
              gsize         n)
{
  gsize ones = 0, v = 1;
  double pi;

  for (gsize i = 0; i < n; i++)
    ones += bits[i];
  pi = (double) ones / n;
  /* The frequency prerequisite: a sequence this unbalanced fails. */
  if (fabs (pi - 0.5) > 2.0 / sqrt ((double) n))
    return 0.0;
  for (gsize i = 1; i < n; i++)
    v += bits[i] != bits[i - 1];
  return erfc (fabs (v - 2.0 * n * pi * (1.0 - pi))
               / (2.0 * sqrt (2.0 * n) * pi * (1.0 - pi)));
}

/* ---- 2.4 Longest run of ones in a block ---- */

double
nc_nist_longest_run (const guint8 *bits,
                     gsize         n,
                     const char  **why)
{
  static const double pi8[] = { 0.21484375, 0.3671875, 0.23046875, 0.1875 };
  static const double pi128[] = { 0.1174035788, 0.242955959, 0.249363483,
                                  0.17517706, 0.102701071, 0.112398847 };
  static const double pi10k[] = { 0.0882, 0.2092, 0.2483, 0.1933, 0.1208, 0.0675, 0.0727 };
  const double *pi;
  guint m, k, first;
  guint64 nu[7] = { 0 };
  gsize blocks;
  double chi2 = 0.0;

  if (n < 128)
    {
      *why = _("needs at least 128 bits");
      return NAN;
    }
  if (n < 6272)
    m = 8, k = 3, first = 1, pi = pi8;
  else if (n < 750000)
    m = 128, k = 5, first = 4, pi = pi128;
  else
    m = 10000, k = 6, first = 10, pi = pi10k;

  blocks = n / m;
  for (gsize b = 0; b < blocks; b++)
    {
      guint run = 0, longest = 0;

      for (guint j = 0; j < m; j++)
        {
          run = bits[b * m + j] ? run + 1 : 0;
          longest = MAX (longest, run);
        }
      nu[CLAMP (longest, first, first + k) - first]++;
    }
  for (guint i = 0; i <= k; i++)
    chi2 += (nu[i] - blocks * pi[i]) * (nu[i] - blocks * pi[i]) / (blocks * pi[i]);
  return nc_igamc (k / 2.0, chi2 / 2.0);
}

/* ---- 2.5 Binary matrix rank ---- */

static guint
rank32 (guint32 rows[32])
{
  guint rank = 0;

  for (guint col = 0; col < 32 && rank < 32; col++)
    {
      guint32 bit = 1u << (31 - col);
      guint pivot = rank;

      while (pivot < 32 && !(rows[pivot] & bit))
        pivot++;
      if (pivot == 32)
        continue;
      if (pivot != rank)
        {
          guint32 t = rows[pivot];

          rows[pivot] = rows[rank];
          rows[rank] = t;
        }
      for (guint r = rank + 1; r < 32; r++)
        if (rows[r] & bit)
          rows[r] ^= rows[rank];
      rank++;
    }
  return rank;
}

/* The probability that a random 32 × 32 matrix over GF(2) has rank r. */
static double
rank_probability (guint r)
{
  double product = 1.0;

  for (guint i = 0; i < r; i++)
    product *= (1.0 - ldexp (1.0, (int) i - 32)) * (1.0 - ldexp (1.0, (int) i - 32))
               / (1.0 - ldexp (1.0, (int) i - (int) r));
  return ldexp (product, (int) (r * (64 - r)) - 1024);
}

double
nc_nist_rank (const guint8 *bits,
              gsize         n,
              const char  **why)
{
  gsize matrices = n / 1024, full = 0, less = 0;
  double p32, p31, p30, chi2;

  if (matrices < 38)
    {
      *why = _("needs at least 38 912 bits (38 matrices)");
      return NAN;
    }
  for (gsize k = 0; k < matrices; k++)
    {
      guint32 rows[32];
      guint rank;

      for (guint i = 0; i < 32; i++)
        {
          const guint8 *row = bits + k * 1024 + i * 32;

          rows[i] = 0;
          for (guint j = 0; j < 32; j++)
            rows[i] = (rows[i] << 1) | row[j];
        }
      rank = rank32 (rows);
      if (rank == 32)
        full++;
      else if (rank == 31)
        less++;
    }
  p32 = rank_probability (32);
  p31 = rank_probability (31);
  p30 = 1.0 - p32 - p31;
  chi2 = (full - matrices * p32) * (full - matrices * p32) / (matrices * p32)
         + (less - matrices * p31) * (less - matrices * p31) / (matrices * p31)
         + (matrices - full - less - matrices * p30) * (matrices - full - less - matrices * p30)
           / (matrices * p30);
  return exp (-chi2 / 2.0);
}

/* ---- 2.6 Discrete Fourier transform (spectral) ---- */

/* A product without C99's checks for infinities (a library call per
 * product): the values here are finite. */
static inline double complex
cmul (double complex a,
      double complex b)
{
  double ar = creal (a), ai = cimag (a), br = creal (b), bi = cimag (b);

  return CMPLX (ar * br - ai * bi, ar * bi + ai * br);
}

/* A mixed-radix decimation in time: @out[k] = Σ in[j·stride] w^(jk) over
 * the n inputs, w = e^(−2πi/n) = @twiddle[@step] (the table is for the
 * full length). Radices up to 32; larger prime factors go to Bluestein. */
static void
fft_mixed (const double complex *in,
           double complex       *out,
           gsize                 n,
           gsize                 stride,
           const guint          *factors,
           const double complex *twiddle,
           gsize                 step)
{
  guint p;
  gsize m;

  if (n == 1)
    {
      out[0] = in[0];
      return;
    }
  p = factors[0];
  m = n / p;
  for (guint q = 0; q < p; q++)
    fft_mixed (in + q * stride, out + q * m, m, stride * p, factors + 1, twiddle, step * p);

  for (gsize k = 0; k < m; k++)
    {
      double complex t[32];

      for (guint q = 0; q < p; q++)
        t[q] = cmul (out[q * m + k], twiddle[(q * k) * step]);
      if (p == 2)
        {
          out[k] = t[0] + t[1];
          out[k + m] = t[0] - t[1];
          continue;
        }
      if (p == 4)
        {
          /* w_4 = −i */
          double complex a = t[0] + t[2], b = t[0] - t[2], c = t[1] + t[3], d = CMPLX (cimag (t[1] - t[3]), -creal (t[1] - t[3]));

          out[k] = a + c;
          out[k + m] = b + d;
          out[k + 2 * m] = a - c;
          out[k + 3 * m] = b - d;
          continue;
        }
      for (guint s = 0; s < p; s++)
        {
          double complex sum = 0.0;

          for (guint q = 0; q < p; q++)
            sum += cmul (t[q], twiddle[((q * s) % p) * m * step]);
          out[k + s * m] = sum;
        }
    }
}

/* Factors @n into radices ≤ 32 (fours first); FALSE if a larger prime
 * divides it. */
static gboolean
factorize (gsize  n,
           guint *factors)
{
  guint count = 0;

  while (n % 4 == 0)
    factors[count++] = 4, n /= 4;
  for (guint p = 2; p <= 32 && n > 1; p++)
    while (n % p == 0)
      factors[count++] = p, n /= p;
  return n == 1;
}

static double complex *
twiddles (gsize n)
{
  double complex *w = g_new (double complex, n);

  for (gsize j = 0; j < n; j++)
    w[j] = cexp (-2.0 * G_PI * I * (double) j / (double) n);
  return w;
}

static void
fft_pow2_or_smooth (double complex *data,
                    gsize           n)
{
  guint factors[64];
  g_autofree double complex *w = twiddles (n);
  g_autofree double complex *out = g_new (double complex, n);

  if (!factorize (n, factors))
    g_assert_not_reached ();
  fft_mixed (data, out, n, 1, factors, w, 1);
  memcpy (data, out, n * sizeof *out);
}

/* The DFT of any length: directly when its prime factors are small,
 * otherwise as a convolution with a chirp (Bluestein). */
static void
dft (double complex *data,
     gsize           n)
{
  guint factors[64];
  gsize m = 1;
  g_autofree double complex *chirp = NULL, *a = NULL, *b = NULL;

  if (factorize (n, factors))
    {
      fft_pow2_or_smooth (data, n);
      return;
    }
  while (m < 2 * n - 1)
    m *= 2;
  chirp = g_new (double complex, n);
  a = g_new0 (double complex, m);
  b = g_new0 (double complex, m);
  for (gsize k = 0; k < n; k++)
    {
      /* k² mod 2n keeps the angle exact for large k. */
      guint64 k2 = ((guint64) k * k) % (2 * (guint64) n);

      chirp[k] = cexp (-G_PI * I * (double) k2 / (double) n);
      a[k] = cmul (data[k], chirp[k]);
      b[k] = conj (chirp[k]);
      if (k > 0)
        b[m - k] = b[k];
    }
  fft_pow2_or_smooth (a, m);
  fft_pow2_or_smooth (b, m);
  for (gsize k = 0; k < m; k++)
    a[k] = conj (cmul (a[k], b[k]));
  fft_pow2_or_smooth (a, m);
  for (gsize k = 0; k < n; k++)
    data[k] = cmul (conj (a[k]) / (double) m, chirp[k]);
}

double
nc_nist_fft (const guint8 *bits,
             gsize         n)
{
  g_autofree double complex *x = g_new (double complex, n);
  double threshold = sqrt (log (1.0 / 0.05) * n), expected, d;
  gsize below = 0;

  for (gsize i = 0; i < n; i++)
    x[i] = bits[i] ? 1.0 : -1.0;
  dft (x, n);
  for (gsize i = 0; i < n / 2; i++)
    below += cabs (x[i]) < threshold;
  expected = 0.95 * n / 2.0;
  d = (below - expected) / sqrt (n / 4.0 * 0.95 * 0.05);
  return erfc (fabs (d) / G_SQRT2);
}

/* ---- 2.7 Non-overlapping template matching ---- */

/**
 * nc_nist_aperiodic_templates:
 *
 * The templates of @m bits that cannot overlap themselves (no proper
 * prefix equals a suffix), in NIST's order (ascending): 148 for m = 9.
 */
guint
nc_nist_aperiodic_templates (guint  m,
                             guint *templates,
                             guint  max)
{
  guint count = 0;

  for (guint t = 0; t < (1u << m); t++)
    {
      gboolean aperiodic = TRUE;

      for (guint shift = 1; shift < m && aperiodic; shift++)
        {
          guint width = m - shift, mask = (1u << width) - 1;

          /* The first @width bits against the last @width bits. */
          if ((t >> shift) == (t & mask))
            aperiodic = FALSE;
        }
      if (aperiodic && count < max)
        templates[count++] = t;
      else if (aperiodic)
        count++;
    }
  return count;
}

/* The @m-bit value at each position (most significant bit first). */
static guint
window_at (const guint8 *bits,
           gsize         i,
           guint         m)
{
  guint v = 0;

  for (guint k = 0; k < m; k++)
    v = (v << 1) | bits[i + k];
  return v;
}

void
nc_nist_non_overlapping (const guint8 *bits,
                         gsize         n,
                         guint         m,
                         guint         n_blocks,
                         guint         n_templates,
                         const guint  *templates,
                         double       *p_values)
{
  gsize block = n / n_blocks;
  g_autofree gint *index = g_new (gint, 1u << m);
  g_autofree guint64 *counts = g_new0 (guint64, (gsize) n_templates * n_blocks);
  g_autofree gsize *next = g_new (gsize, n_templates);
  double mu, sigma2;

  if (block < m)
    {
      for (guint t = 0; t < n_templates; t++)
        p_values[t] = NAN;
      return;
    }
  for (guint v = 0; v < (1u << m); v++)
    index[v] = -1;
  for (guint t = 0; t < n_templates; t++)
    index[templates[t]] = (gint) t;

  /* One pass for every template: a match counts unless it overlaps the
   * template's previous match, as scanning for each in turn would. */
  for (guint b = 0; b < n_blocks; b++)
    {
      const guint8 *start = bits + b * block;
      guint v = window_at (start, 0, m - 1), mask = (1u << m) - 1;

      memset (next, 0, n_templates * sizeof *next);
      for (gsize j = 0; j + m <= block; j++)
        {
          gint t;

          v = ((v << 1) | start[j + m - 1]) & mask;
          t = index[v];
          if (t >= 0 && j >= next[t])
            {
              counts[(gsize) t * n_blocks + b]++;
              next[t] = j + m;
            }
        }
    }

  mu = (block - m + 1) / ldexp (1.0, (int) m);
  sigma2 = block * (1.0 / ldexp (1.0, (int) m) - (2.0 * m - 1.0) / ldexp (1.0, 2 * (int) m));
  for (guint t = 0; t < n_templates; t++)
    {
      double chi2 = 0.0;

      for (guint b = 0; b < n_blocks; b++)
        {
          double d = counts[(gsize) t * n_blocks + b] - mu;

          chi2 += d * d / sigma2;
        }
      p_values[t] = nc_igamc (n_blocks / 2.0, chi2 / 2.0);
    }
}

/* ---- 2.8 Overlapping template matching (the template of m ones) ---- */

/* The probability of u matches in a block, η = λ / 2 (the reference
 * code's formula, which Rev. 1a's corrected table follows). */
static double
overlapping_probability (guint  u,
                         double eta)
{
  double sum = 0.0;

  if (u == 0)
    return exp (-eta);
  for (guint l = 1; l <= u; l++)
    sum += exp (-eta - u * G_LN2 + l * log (eta) - lgamma (l + 1.0)
                + lgamma (u) - lgamma (l) - lgamma (u - l + 1.0));
  return sum;
}

double
nc_nist_overlapping (const guint8 *bits,
                     gsize         n,
                     guint         m,
                     guint         block)
{
  const guint k = 5;
  gsize blocks = n / block;
  guint64 nu[6] = { 0 };
  double pi[6], eta, sum = 0.0, chi2 = 0.0;

  if (blocks == 0)
    return NAN;
  eta = (block - m + 1) / ldexp (1.0, (int) m) / 2.0;
  for (guint i = 0; i < k; i++)
    {
      pi[i] = overlapping_probability (i, eta);
      sum += pi[i];
    }
  pi[k] = 1.0 - sum;

  for (gsize b = 0; b < blocks; b++)
    {
      const guint8 *start = bits + b * block;
      guint run = 0, matches = 0;

      for (guint j = 0; j < block; j++)
        {
          run = start[j] ? run + 1 : 0;
          matches += run >= m;
        }
      nu[MIN (matches, k)]++;
    }
  for (guint i = 0; i <= k; i++)
    chi2 += (nu[i] - blocks * pi[i]) * (nu[i] - blocks * pi[i]) / (blocks * pi[i]);
  return nc_igamc (k / 2.0, chi2 / 2.0);
}

/* ---- 2.9 Maurer's universal statistical test ---- */

static const double universal_mean[17] = {
  0, 0.73264948, 1.5374383, 2.40160681, 3.31122472, 4.25342659, 5.2177052,
  6.1962507, 7.1836656, 8.1764248, 9.1723243, 10.170032, 11.168765,
  12.168070, 13.167693, 14.167488, 15.167379,
};
static const double universal_variance[17] = {
  0, 0.690, 1.338, 1.901, 2.358, 2.705, 2.954, 3.125, 3.238, 3.311, 3.356,
  3.384, 3.401, 3.410, 3.416, 3.419, 3.421,
};

/* NIST's block length for @n bits; 0 below 387 840 bits. */
guint
nc_nist_universal_block (gsize n)
{
  static const guint64 from[] = { 387840, 904960, 2068480, 4654080, 10342400,
                                  22753280, 49643520, 107560960, 231669760,
                                  496435200, 1059061760 };
  guint l = 0;

  for (guint i = 0; i < G_N_ELEMENTS (from); i++)
    if (n >= from[i])
      l = 6 + i;
  return l;
}

double
nc_nist_universal (const guint8 *bits,
                   gsize         n,
                   guint         l,
                   guint         q,
                   const char  **why)
{
  g_autofree gsize *last = NULL;
  gsize k;
  double sum = 0.0, c, sigma;

  if (l < 1 || l > 16 || n / l <= q)
    {
      *why = _("needs at least 387 840 bits");
      return NAN;
    }
  k = n / l - q;
  last = g_new0 (gsize, (gsize) 1 << l);
  for (gsize i = 1; i <= q; i++)
    last[window_at (bits, (i - 1) * l, l)] = i;
  for (gsize i = q + 1; i <= q + k; i++)
    {
      guint v = window_at (bits, (i - 1) * l, l);

      sum += log2 ((double) (i - last[v]));
      last[v] = i;
    }
  c = 0.7 - 0.8 / l + (4.0 + 32.0 / l) * pow ((double) k, -3.0 / l) / 15.0;
  sigma = c * sqrt (universal_variance[l] / k);
  return erfc (fabs (sum / k - universal_mean[l]) / (G_SQRT2 * sigma));
}

/* ---- 2.11 Serial and 2.12 Approximate entropy ---- */

/* Counts of every @m-bit pattern over the sequence read as a circle. */
static guint64 *
cyclic_counts (const guint8 *bits,
               gsize         n,
               guint         m)
{
  guint64 *counts = g_new0 (guint64, (gsize) 1 << m);
  guint mask = (1u << m) - 1, v = 0;

  for (guint k = 0; k + 1 < m; k++)
    v = (v << 1) | bits[k % n];
  for (gsize i = 0; i < n; i++)
    {
      v = ((v << 1) | bits[(i + m - 1) % n]) & mask;
      counts[v]++;
    }
  return counts;
}

/* The counts of the patterns one bit shorter (every circular window of
 * m − 1 bits starts a window of m bits). */
static guint64 *
shorter_counts (const guint64 *counts,
                guint          m)
{
  guint64 *shorter = g_new0 (guint64, (gsize) 1 << (m - 1));

  for (guint v = 0; v < (1u << m); v++)
    shorter[v >> 1] += counts[v];
  return shorter;
}

static double
psi2 (const guint64 *counts,
      guint          m,
      gsize          n)
{
  double sum = 0.0;

  if (m == 0)
    return 0.0;
  for (guint v = 0; v < (1u << m); v++)
    sum += (double) counts[v] * (double) counts[v];
  return sum * ldexp (1.0, (int) m) / n - n;
}

void
nc_nist_serial (const guint8 *bits,
                gsize         n,
                guint         m,
                double        p_values[2])
{
  g_autofree guint64 *c0 = NULL, *c1 = NULL, *c2 = NULL;
  double psi_m, psi_m1, psi_m2;

  if (m < 3 || n < m)
    {
      p_values[0] = p_values[1] = NAN;
      return;
    }
  c0 = cyclic_counts (bits, n, m);
  c1 = shorter_counts (c0, m);
  c2 = shorter_counts (c1, m - 1);
  psi_m = psi2 (c0, m, n);
  psi_m1 = psi2 (c1, m - 1, n);
  psi_m2 = m >= 2 ? psi2 (c2, m - 2, n) : 0.0;
  p_values[0] = nc_igamc (ldexp (1.0, (int) m - 2), (psi_m - psi_m1) / 2.0);
  p_values[1] = nc_igamc (ldexp (1.0, (int) m - 3), (psi_m - 2.0 * psi_m1 + psi_m2) / 2.0);
}

static double
phi (const guint64 *counts,
     guint          m,
     gsize          n)
{
  double sum = 0.0;

  for (guint v = 0; v < (1u << m); v++)
    if (counts[v] > 0)
      sum += counts[v] * log ((double) counts[v] / n);
  return sum / n;
}

double
nc_nist_approximate_entropy (const guint8 *bits,
                             gsize         n,
                             guint         m)
{
  g_autofree guint64 *longer = NULL, *counts = NULL;
  double apen, chi2;

  if (m < 1 || n < m + 1)
    return NAN;
  longer = cyclic_counts (bits, n, m + 1);
  counts = shorter_counts (longer, m + 1);
  apen = phi (counts, m, n) - phi (longer, m + 1, n);
  chi2 = 2.0 * n * (G_LN2 - apen);
  return nc_igamc (ldexp (1.0, (int) m - 1), chi2 / 2.0);
}

/* ---- 2.14 Random excursions and 2.15 the variant ---- */

static gsize
count_cycles (const guint8 *bits,
              gsize         n)
{
  gint64 s = 0;
  gsize cycles = 0;

  for (gsize i = 0; i < n; i++)
    {
      s += bits[i] ? 1 : -1;
      cycles += s == 0;
    }
  return cycles + (s != 0);
}

static gboolean
enough_cycles (gsize        cycles,
               gsize        n,
               guint        min_cycles,
               const char **why)
{
  double needed = min_cycles > 0 ? min_cycles : MAX (0.005 * sqrt ((double) n), 500.0);

  if (cycles < needed)
    {
      *why = _("fewer than 500 cycles of the random walk");
      return FALSE;
    }
  return TRUE;
}

gboolean
nc_nist_random_excursions (const guint8 *bits,
                           gsize         n,
                           guint         min_cycles,
                           double        p_values[8],
                           const char  **why)
{
  /* π_k(x) for |x| = 1 … 4 and k = 0 … 5 (5: five or more visits). */
  static const double pi[5][6] = {
    { 0 },
    { 0.5000000000, 0.25000000000, 0.12500000000, 0.06250000000, 0.03125000000, 0.0312500000 },
    { 0.7500000000, 0.06250000000, 0.04687500000, 0.03515625000, 0.02636718750, 0.0791015625 },
    { 0.8333333333, 0.02777777778, 0.02314814815, 0.01929012346, 0.01607510288, 0.0803755143 },
    { 0.8750000000, 0.01562500000, 0.01367187500, 0.01196289063, 0.01046752930, 0.0732727051 },
  };
  gsize cycles = count_cycles (bits, n);
  guint64 nu[6][8] = { { 0 } };
  guint visits[8] = { 0 };
  gint64 s = 0;

  if (!enough_cycles (cycles, n, min_cycles, why))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      s += bits[i] ? 1 : -1;
      if (s >= -4 && s <= 4 && s != 0)
        visits[s < 0 ? s + 4 : s + 3]++;
      if (s == 0 || i == n - 1)
        {
          for (guint x = 0; x < 8; x++)
            {
              nu[MIN (visits[x], 5)][x]++;
              visits[x] = 0;
            }
        }
    }
  for (guint x = 0; x < 8; x++)
    {
      guint state = x < 4 ? 4 - x : x - 3;
      double chi2 = 0.0;

      for (guint k = 0; k < 6; k++)
        {
          double e = cycles * pi[state][k];

          chi2 += (nu[k][x] - e) * (nu[k][x] - e) / e;
        }
      p_values[x] = nc_igamc (2.5, chi2 / 2.0);
    }
  return TRUE;
}

gboolean
nc_nist_random_excursions_variant (const guint8 *bits,
                                   gsize         n,
                                   guint         min_cycles,
                                   double        p_values[18],
                                   const char  **why)
{
  gsize cycles = count_cycles (bits, n);
  guint64 visits[19] = { 0 };
  gint64 s = 0;

  if (!enough_cycles (cycles, n, min_cycles, why))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      s += bits[i] ? 1 : -1;
      if (s >= -9 && s <= 9)
        visits[s + 9]++;
    }
  for (guint i = 0; i < 18; i++)
    {
      gint x = i < 9 ? (gint) i - 9 : (gint) i - 8;

      p_values[i] = erfc (fabs ((double) visits[x + 9] - (double) cycles)
                          / sqrt (2.0 * cycles * (4.0 * ABS (x) - 2.0)));
    }
  return TRUE;
}

/* ---- 2.10 Linear complexity ---- */

#define LC_WORDS 16 /* blocks up to 1024 bits */

/**
 * nc_nist_berlekamp_massey:
 *
 * The length of the shortest LFSR that generates @bits (n ≤ 1024), with
 * the connection polynomials and the reversed sequence held as bit sets,
 * so each discrepancy is the parity of a word-wise AND.
 */
guint
nc_nist_berlekamp_massey (const guint8 *bits,
                          gsize         n)
{
  guint64 c[LC_WORDS] = { 1 }, b[LC_WORDS] = { 1 }, r[LC_WORDS] = { 0 };
  guint l = 0, words = (guint) ((n + 64) / 64);
  gint64 m = -1;

  g_return_val_if_fail (n <= 64 * LC_WORDS - 1, 0);
  for (gsize i = 0; i < n; i++)
    {
      guint d = 0;

      /* r holds s_i at bit 0, s_(i−1) at bit 1, and so on. */
      for (guint w = words; w-- > 1;)
        r[w] = (r[w] << 1) | (r[w - 1] >> 63);
      r[0] = (r[0] << 1) | bits[i];
      for (guint w = 0; w < words; w++)
        d ^= (guint) __builtin_parityll (c[w] & r[w]);
      if (d)
        {
          guint64 t[LC_WORDS];
          gsize shift = (gsize) ((gint64) i - m), ws = shift / 64, bs = shift % 64;

          memcpy (t, c, sizeof t);
          /* c ^= b · x^(i − m) */
          for (guint w = words; w-- > ws;)
            {
              guint64 v = b[w - ws] << bs;

              if (bs > 0 && w > ws)
                v |= b[w - ws - 1] >> (64 - bs);
              c[w] ^= v;
            }
          if (2 * l <= i)
            {
              l = (guint) (i + 1 - l);
              m = (gint64) i;
              memcpy (b, t, sizeof b);
            }
        }
    }
  return l;
}

double
nc_nist_linear_complexity (const guint8 *bits,
                           gsize         n,
                           guint         m,
                           const char  **why)
{
  /* The reference code's class probabilities (its first is 0.01047, where
   * the spec prints 0.010417; Appendix B was computed with it). */
  static const double pi[7] = { 0.01047, 0.03125, 0.12500, 0.50000, 0.25000, 0.06250, 0.020833 };
  gsize blocks = n / m;
  guint64 nu[7] = { 0 };
  double mean, chi2 = 0.0;

  if (m < 2 || m > 64 * LC_WORDS - 1 || blocks < 1)
    {
      *why = _("needs at least one block of 500 bits");
      return NAN;
    }
  mean = m / 2.0 + (9.0 + ((m + 1) % 2 == 0 ? 1.0 : -1.0)) / 36.0
         - (m / 3.0 + 2.0 / 9.0) / ldexp (1.0, (int) MIN (m, 1000));
  for (gsize b = 0; b < blocks; b++)
    {
      double l = nc_nist_berlekamp_massey (bits + b * m, m);
      double t = (m % 2 == 0 ? 1.0 : -1.0) * (l - mean) + 2.0 / 9.0;
      guint k;

      if (t <= -2.5)
        k = 0;
      else if (t <= -1.5)
        k = 1;
      else if (t <= -0.5)
        k = 2;
      else if (t <= 0.5)
        k = 3;
      else if (t <= 1.5)
        k = 4;
      else if (t <= 2.5)
        k = 5;
      else
        k = 6;
      nu[k]++;
    }
  for (guint k = 0; k < 7; k++)
    chi2 += (nu[k] - blocks * pi[k]) * (nu[k] - blocks * pi[k]) / (blocks * pi[k]);
  return nc_igamc (3.0, chi2 / 2.0);
}
