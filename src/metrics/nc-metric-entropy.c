/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-metrics.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

/* H = −Σ p_i log2 p_i over the 256 levels (review eq. 13). */
double
nc_metric_entropy_of_counts (const guint64 counts[256],
                             guint64       n)
{
  double h = 0.0;

  if (n == 0)
    return 0.0;
  for (int i = 0; i < 256; i++)
    if (counts[i] > 0)
      {
        double p = (double) counts[i] / (double) n;

        h -= p * log2 (p);
      }
  return h;
}

/* @channel: a channel, or NC_ALL_CHANNELS for every sample together */
double
nc_metric_entropy (const NcImage *image,
                   int            channel)
{
  NcHistogram histogram;
  guint64 pooled[256];

  nc_metric_histogram (image, &histogram);
  if (channel >= 0)
    return nc_metric_entropy_of_counts (histogram.counts[channel], histogram.n);
  for (int i = 0; i < 256; i++)
    {
      pooled[i] = 0;
      for (guint c = 0; c < histogram.channels; c++)
        pooled[i] += histogram.counts[c][i];
    }
  return nc_metric_entropy_of_counts (pooled, histogram.n * histogram.channels);
}

/* Above this (4096² samples), the third-order formula is within 1e-12
 * of the exact sum, which would take 2^16 terms and more. */
#define ENTROPY_EXACT_MAX (G_GUINT64_CONSTANT (1) << 24)

/* The expected entropy of n independent uniform samples over 256 values:
 * exactly, 256 Σₖ C(n,k) pᵏ (1−p)ⁿ⁻ᵏ · (−(k/n) log₂(k/n)) with p = 1/256,
 * up to ENTROPY_EXACT_MAX samples; beyond, to third order,
 * 8 − (255 / (2n) + (256² − 1) / (12 n²)) / ln 2. Never negative: a
 * 15-sample image expects 3.8528 bits, not the −4.26 the second-order
 * formula gives. */
double
nc_metric_entropy_ideal (guint64 n)
{
  const double log_p = log (1.0 / 256.0), log_q = log (255.0 / 256.0);
  double sum = 0.0, N = (double) n;
  double mean = N / 256.0, sd = sqrt (N * (1.0 / 256.0) * (255.0 / 256.0));
  /* Terms more than 40 deviations from the mean (n / 256) fall below
   * double's reach (e^−745) and add nothing: the sum runs over the rest
   * (a 4096² channel: 20 000 terms, not 75 000; the same bits). */
  guint64 first = mean - 40.0 * sd > 1.0 ? (guint64) (mean - 40.0 * sd) : 1;

  if (n == 0)
    return 0.0;
  if (n > ENTROPY_EXACT_MAX)
    return 8.0 - (255.0 / (2.0 * N) + 65535.0 / (12.0 * N * N)) / G_LN2;
  for (guint64 k = first; k <= n; k++)
    {
      double K = (double) k;
      double log_pk = lgamma (N + 1) - lgamma (K + 1) - lgamma (N - K + 1) + K * log_p + (N - K) * log_q;

      if (K > mean + 64.0 && log_pk < -745.0)
        break;
      sum += exp (log_pk) * (-(K / N) * log2 (K / N));
    }
  return 256.0 * sum;
}

/**
 * nc_metric_local_entropy:
 * @image: an image with room for 30 blocks of 44 × 44
 * @channel: the channel
 * @seed: picks the blocks, so the measure repeats
 * @out: (out): the mean of the blocks' entropies
 * @error: return location for an error
 *
 * The image is cut into non-overlapping 44 × 44 tiles from its top left;
 * 30 distinct tiles are drawn with NcRng (a partial Fisher–Yates over the
 * tile indices in row-major order, each draw nc_rng_below()).
 */
gboolean
nc_metric_local_entropy (const NcImage  *image,
                         guint           channel,
                         guint64         seed,
                         double         *out,
                         GError        **error)
{
  guint across = image->width / NC_LOCAL_ENTROPY_SIDE;
  guint down = image->height / NC_LOCAL_ENTROPY_SIDE;
  guint n_tiles = across * down;
  g_autofree guint *tiles = NULL;
  double sum = 0.0;
  NcRng rng;

  if (n_tiles < NC_LOCAL_ENTROPY_BLOCKS)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("a %u × %u image has %u blocks of 44 × 44; local entropy needs %d"),
                   image->width, image->height, n_tiles, NC_LOCAL_ENTROPY_BLOCKS);
      return FALSE;
    }

  tiles = g_new (guint, n_tiles);
  for (guint i = 0; i < n_tiles; i++)
    tiles[i] = i;
  nc_rng_init (&rng, seed);
  for (guint i = 0; i < NC_LOCAL_ENTROPY_BLOCKS; i++)
    {
      guint j = i + (guint) nc_rng_below (&rng, n_tiles - i);
      guint t = tiles[i];
      guint64 counts[256];
      guint x0, y0;

      tiles[i] = tiles[j];
      tiles[j] = t;
      x0 = (tiles[i] % across) * NC_LOCAL_ENTROPY_SIDE;
      y0 = (tiles[i] / across) * NC_LOCAL_ENTROPY_SIDE;

      memset (counts, 0, sizeof counts);
      for (guint y = y0; y < y0 + NC_LOCAL_ENTROPY_SIDE; y++)
        {
          const guint8 *row = image->data + ((gsize) y * image->width + x0) * image->channels + channel;

          for (guint x = 0; x < NC_LOCAL_ENTROPY_SIDE; x++)
            counts[row[(gsize) x * image->channels]]++;
        }
      sum += nc_metric_entropy_of_counts (counts, NC_LOCAL_ENTROPY_SIDE * NC_LOCAL_ENTROPY_SIDE);
    }
  *out = sum / NC_LOCAL_ENTROPY_BLOCKS;
  return TRUE;
}

/* -(c/n) log2 (c/n), one bin's share of the entropy. */
static double
bin_term (double c,
          double n)
{
  return c > 0 ? -(c / n) * log2 (c / n) : 0.0;
}

/* Counts beyond this in one bin of a 1936-sample block (mean 7.6) have
 * probabilities below 10⁻³⁰: the sums stop there. */
#define BIN_MAX 96

/**
 * nc_metric_block_entropy_moments:
 * @n: samples in a block
 * @out_mean: (out): E[H] of @n independent uniform samples
 * @out_sd: (out): its standard deviation
 *
 * Exactly, from the multinomial distribution of the 256 bin counts: the
 * mean from the binomial law of one count, the variance as
 * 256 Var f(c₁) + 256·255 Cov(f(c₁), f(c₂)) with the trinomial law of two
 * counts, f(c) = −(c/n) log2 (c/n). For n up to 4096.
 */
void
nc_metric_block_entropy_moments (guint64  n,
                                 double  *out_mean,
                                 double  *out_sd)
{
  const double N = (double) n, p = 1.0 / 256.0;
  const double log_p = log (p), log_q1 = log (1.0 - p), log_q2 = log (1.0 - 2.0 * p);
  guint top = (guint) MIN ((guint64) BIN_MAX, n);
  double e1 = 0.0, e2 = 0.0, e12 = 0.0, var;

  for (guint a = 0; a <= top; a++)
    {
      double A = (double) a;
      double log_pa = lgamma (N + 1) - lgamma (A + 1) - lgamma (N - A + 1) + A * log_p + (N - A) * log_q1;
      double pa = exp (log_pa), fa = bin_term (A, N);

      e1 += pa * fa;
      e2 += pa * fa * fa;
      for (guint b = 0; b <= top && a + b <= n; b++)
        {
          double B = (double) b;
          double log_pab = lgamma (N + 1) - lgamma (A + 1) - lgamma (B + 1) - lgamma (N - A - B + 1)
                           + (A + B) * log_p + (N - A - B) * log_q2;

          e12 += exp (log_pab) * fa * bin_term (B, N);
        }
    }
  var = 256.0 * (e2 - e1 * e1) + 256.0 * 255.0 * (e12 - e1 * e1);
  *out_mean = 256.0 * e1;
  *out_sd = sqrt (MAX (var, 0.0));
}

/**
 * nc_metric_local_entropy_interval:
 * @alpha: the significance level
 * @out_low: (out): the lower end of the acceptance interval
 * @out_high: (out): the upper end
 *
 * The α interval of the statistic nc_metric_local_entropy() computes:
 * the mean of NC_LOCAL_ENTROPY_BLOCKS block entropies of
 * NC_LOCAL_ENTROPY_SIDE² uniform samples, μ ± Φ⁻¹(1 − α/2) σ / √k with
 * the block's exact mean and deviation (the mean of 30 blocks is close
 * to normal; the tests check the coverage by simulation). For 30 blocks
 * of 1936 samples at α = 0.05: about 7.8994 … 7.9056, where Wu et al.'s
 * published interval, 7.901516 … 7.903423, is three times narrower and
 * holds only about half of truly random images.
 */
void
nc_metric_local_entropy_interval (double  alpha,
                                  double *out_low,
                                  double *out_high)
{
  static gsize computed = 0;
  static double mean, sd;
  double half;

  if (g_once_init_enter (&computed))
    {
      nc_metric_block_entropy_moments (NC_LOCAL_ENTROPY_SIDE * NC_LOCAL_ENTROPY_SIDE, &mean, &sd);
      g_once_init_leave (&computed, 1);
    }
  half = nc_normal_quantile (1.0 - alpha / 2.0) * sd / sqrt ((double) NC_LOCAL_ENTROPY_BLOCKS);
  *out_low = mean - half;
  *out_high = mean + half;
}
