/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-metrics.h"

#include <math.h>

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

/* Σu, Σv, Σu², Σv², Σuv over the pairs of one channel and direction. */
typedef struct {
  guint64 s[5];
} Sums;

typedef struct {
  const NcImage *image;
  guint          y0, y1;
  Sums           sums[3][3];   /* [channel][direction] */
} CorrelationJob;

G_ALWAYS_INLINE static inline void
add_pair (Sums    *sums,
          guint64  u,
          guint64  v)
{
  sums->s[0] += u;
  sums->s[1] += v;
  sums->s[2] += u * u;
  sums->s[3] += v * v;
  sums->s[4] += u * v;
}

/* Rows [y0, y1) of the first sample of every pair, all channels and
 * directions in one pass over the image. */
static gpointer
correlation_rows (gpointer data)
{
  CorrelationJob *job = data;
  const NcImage *image = job->image;
  guint c = image->channels, w = image->width;

  for (guint y = job->y0; y < job->y1; y++)
    {
      const guint8 *row = image->data + (gsize) y * w * c;
      const guint8 *below = y + 1 < image->height ? row + (gsize) w * c : NULL;

      for (guint k = 0; k < c; k++)
        {
          Sums *h = &job->sums[k][NC_DIRECTION_HORIZONTAL];
          Sums *v = &job->sums[k][NC_DIRECTION_VERTICAL];
          Sums *d = &job->sums[k][NC_DIRECTION_DIAGONAL];

          for (guint x = 0; x + 1 < w; x++)
            add_pair (h, row[(gsize) x * c + k], row[(gsize) (x + 1) * c + k]);
          if (below == NULL)
            continue;
          for (guint x = 0; x < w; x++)
            add_pair (v, row[(gsize) x * c + k], below[(gsize) x * c + k]);
          for (guint x = 0; x + 1 < w; x++)
            add_pair (d, row[(gsize) x * c + k], below[(gsize) (x + 1) * c + k]);
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
 * nc_metric_correlations:
 * @image: an image
 * @out: (out): Pearson's coefficient per [channel][NcDirection]
 *
 * Every adjacent pair: (x, y) with (x + 1, y), (x, y + 1) or
 * (x + 1, y + 1). The sums are kept exactly in integers, so the value is
 * as good as a double can hold and does not depend on how the rows are
 * split between the two threads. NaN where a side of the pairs is
 * constant or there are no pairs.
 */
void
nc_metric_correlations (const NcImage *image,
                        double         out[3][3])
{
  CorrelationJob top = { image, 0, image->height / 2, { { { { 0 } } } } };
  CorrelationJob bottom = { image, image->height / 2, image->height, { { { { 0 } } } } };

  if (nc_image_get_n_bytes (image) >= 65536)
    {
      GThread *helper = g_thread_new ("nc-correlation", correlation_rows, &bottom);

      correlation_rows (&top);
      g_thread_join (helper);
    }
  else
    {
      correlation_rows (&top);
      correlation_rows (&bottom);
    }

  for (guint k = 0; k < image->channels; k++)
    for (int d = 0; d < 3; d++)
      {
        guint dx, dy;
        Sums sums;

        step_of ((NcDirection) d, &dx, &dy);
        for (int i = 0; i < 5; i++)
          sums.s[i] = top.sums[k][d].s[i] + bottom.sums[k][d].s[i];
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
