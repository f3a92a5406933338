/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-metrics.h"
#include "nc-i18n.h"

#include <math.h>

#include "nc-math.h"

__extension__ typedef __int128 NcWide;

const char *
nc_direction_to_string (NcDirection direction)
{
  switch (direction)
    {
    case NC_DIRECTION_HORIZONTAL: return "horizontal";
    case NC_DIRECTION_VERTICAL: return "vertical";
    case NC_DIRECTION_DIAGONAL: return "diagonal";
    default: return "unknown";
    }
}

static void
step_of (NcDirection  direction,
         guint       *dx,
         guint       *dy)
{
  *dx = direction == NC_DIRECTION_VERTICAL ? 0 : 1;
  *dy = direction == NC_DIRECTION_HORIZONTAL ? 0 : 1;
}

/* Returns: how many adjacent pairs of one channel lie in @direction */
guint64
nc_metric_correlation_n_pairs (const NcImage *image,
                               NcDirection    direction)
{
  guint dx, dy;

  step_of (direction, &dx, &dy);
  return (guint64) (image->width - MIN (dx, image->width)) * (image->height - MIN (dy, image->height));
}

/* Σu, Σv, Σu², Σv², Σuv over the pairs of one channel and direction. */
typedef struct {
  guint64 s[5];
} Sums;

typedef struct {
  const NcImage *image;
  guint          y0, y1;
  Sums           sums[3][3];   /* [channel][direction] */
} CorrelationJob;

/* Rows a job: bands taken by whichever thread is free. */
#define ROWS_A_JOB 64

/* Columns summed in 32 bits before joining the 64-bit totals:
 * 65536 × 255² < 2^32. */
#define SPAN 65536

/* Σ over x of the pair (a[x], b[x + shift]) for x in [0, n), into sums:
 * vectorisable, in 32-bit partial sums. */
G_ALWAYS_INLINE static inline void
add_pairs (Sums          *sums,
           const guint16 *a,
           const guint16 *b,
           guint          n)
{
  for (guint x0 = 0; x0 < n; x0 += SPAN)
    {
      guint x1 = MIN (n, x0 + SPAN);
      guint32 s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;

      for (guint x = x0; x < x1; x++)
        {
          guint32 u = a[x], v = b[x];

          s0 += u;
          s1 += v;
          s2 += u * u;
          s3 += v * v;
          s4 += u * v;
        }
      sums->s[0] += s0;
      sums->s[1] += s1;
      sums->s[2] += s2;
      sums->s[3] += s3;
      sums->s[4] += s4;
    }
}

/* Rows [y0, y1) of the first sample of every pair, all channels and
 * directions in one pass over the image, each row's channels first
 * copied apart so the sums run over contiguous samples. */
NC_WIDE_VECTORS static gpointer
correlation_rows (gpointer data)
{
  CorrelationJob *job = data;
  const NcImage *image = job->image;
  guint c = image->channels, w = image->width;
  g_autofree guint16 *planes = g_new (guint16, 2 * (gsize) c * w);

  for (guint y = job->y0; y < job->y1; y++)
    {
      const guint8 *row = image->data + (gsize) y * w * c;
      gboolean has_below = y + 1 < image->height;

      for (guint k = 0; k < c; k++)
        for (guint x = 0; x < w; x++)
          {
            planes[(gsize) k * w + x] = row[(gsize) x * c + k];
            if (has_below)
              planes[((gsize) c + k) * w + x] = row[(gsize) (w + x) * c + k];
          }

      for (guint k = 0; k < c; k++)
        {
          const guint16 *here = planes + (gsize) k * w;
          const guint16 *below = planes + ((gsize) c + k) * w;

          if (w > 1)
            add_pairs (&job->sums[k][NC_DIRECTION_HORIZONTAL], here, here + 1, w - 1);
          if (!has_below)
            continue;
          add_pairs (&job->sums[k][NC_DIRECTION_VERTICAL], here, below, w);
          if (w > 1)
            add_pairs (&job->sums[k][NC_DIRECTION_DIAGONAL], here, below + 1, w - 1);
        }
    }
  return NULL;
}

static double
pearson (const Sums *sums,
         guint64     n)
{
  NcWide num, var_x, var_y;

  if (n == 0)
    return NAN;
  num = (NcWide) n * sums->s[4] - (NcWide) sums->s[0] * sums->s[1];
  var_x = (NcWide) n * sums->s[2] - (NcWide) sums->s[0] * sums->s[0];
  var_y = (NcWide) n * sums->s[3] - (NcWide) sums->s[1] * sums->s[1];
  if (var_x == 0 || var_y == 0)
    return NAN;
  return (double) num / (sqrt ((double) var_x) * sqrt ((double) var_y));
}

/**
 * nc_metric_cross_correlation:
 * @a: an image
 * @b: an image of the same shape
 * @out: (out): Pearson's coefficient between their samples, all
 *   channels together (NaN where one is constant)
 * @error: return location for an error
 *
 * How much of @a one can read in @b: near 0 for a ciphertext and its
 * plaintext.
 */
gboolean
nc_metric_cross_correlation (const NcImage  *a,
                             const NcImage  *b,
                             double         *out,
                             GError        **error)
{
  Sums sums = { { 0 } };
  gsize n = nc_image_get_n_bytes (a);

  if (!nc_image_same_shape (a, b))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("a correlation needs two images of one shape (%u × %u × %u and %u × %u × %u)"),
                   a->width, a->height, a->channels, b->width, b->height, b->channels);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      guint64 u = a->data[i], v = b->data[i];

      sums.s[0] += u;
      sums.s[1] += v;
      sums.s[2] += u * u;
      sums.s[3] += v * v;
      sums.s[4] += u * v;
    }
  *out = pearson (&sums, n);
  return TRUE;
}

/**
 * nc_metric_correlations:
 * @image: an image
 * @out: (out): Pearson's coefficient per [channel][NcDirection]
 *
 * Every adjacent pair: (x, y) with (x + 1, y), (x, y + 1) or
 * (x + 1, y + 1). The sums are kept exactly in integers, so the value is
 * as good as a double can hold and does not depend on how the rows are
 * split between the threads. NaN where a side of the pairs is
 * constant or there are no pairs.
 */
void
nc_metric_correlations (const NcImage *image,
                        double         out[3][3])
{
  guint n_jobs = nc_pieces_of (image->height, ROWS_A_JOB);
  g_autofree CorrelationJob *jobs = g_new0 (CorrelationJob, n_jobs);

  for (guint j = 0; j < n_jobs; j++)
    {
      jobs[j].image = image;
      jobs[j].y0 = MIN (j * ROWS_A_JOB, image->height);
      jobs[j].y1 = MIN ((j + 1) * ROWS_A_JOB, image->height);
    }
  nc_run_jobs (correlation_rows, jobs, sizeof *jobs, n_jobs,
               nc_image_get_n_bytes (image) >= NC_PARALLEL_THRESHOLD);

  for (guint k = 0; k < image->channels; k++)
    for (int d = 0; d < 3; d++)
      {
        guint dx, dy;
        Sums sums = { { 0 } };

        step_of ((NcDirection) d, &dx, &dy);
        for (guint j = 0; j < n_jobs; j++)
          for (int i = 0; i < 5; i++)
            sums.s[i] += jobs[j].sums[k][d].s[i];
        out[k][d] = image->width > dx && image->height > dy
                    ? pearson (&sums, (guint64) (image->width - dx) * (image->height - dy))
                    : NAN;
      }
}

/* One channel and direction of nc_metric_correlations(). */
double
nc_metric_correlation (const NcImage *image,
                       guint          channel,
                       NcDirection    direction)
{
  double all[3][3];

  nc_metric_correlations (image, all);
  return all[channel][direction];
}

/**
 * nc_metric_sample_pairs:
 * @image: an image
 * @channel: the channel
 * @direction: which neighbour each sampled pixel is paired with
 * @n: how many pairs
 * @seed: picks the pixels, so the scatter plot repeats
 * @first: (out caller-allocates) (array length=n): the samples
 * @second: (out caller-allocates) (array length=n): their neighbours
 *
 * Returns: the number of pairs written: @n, or 0 when the image has no
 *   pair in that direction
 */
guint
nc_metric_sample_pairs (const NcImage *image,
                        guint          channel,
                        NcDirection    direction,
                        guint          n,
                        guint64        seed,
                        guint8        *first,
                        guint8        *second)
{
  guint dx, dy, c = image->channels;
  NcRng rng;

  step_of (direction, &dx, &dy);
  if (image->width <= dx || image->height <= dy)
    return 0;
  nc_rng_init (&rng, seed);
  for (guint i = 0; i < n; i++)
    {
      guint x = (guint) nc_rng_below (&rng, image->width - dx);
      guint y = (guint) nc_rng_below (&rng, image->height - dy);

      first[i] = image->data[((gsize) y * image->width + x) * c + channel];
      second[i] = image->data[((gsize) (y + dy) * image->width + x + dx) * c + channel];
    }
  return n;
}
