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

/**
 * nc_metric_correlation:
 * @image: an image
 * @channel: the channel
 * @direction: which neighbour each pixel is paired with
 *
 * Pearson's coefficient over every pair of adjacent samples: (x, y) with
 * (x + 1, y), (x, y + 1) or (x + 1, y + 1). The sums are kept exactly in
 * integers, so the value is as good as a double can hold.
 *
 * Returns: the coefficient, or NaN when a side of the pairs is constant
 *   (or there are no pairs)
 */
double
nc_metric_correlation (const NcImage *image,
                       guint          channel,
                       NcDirection    direction)
{
  guint dx, dy, c = image->channels;
  guint64 sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, n;
  NcWide num, var_x, var_y;

  step_of (direction, &dx, &dy);
  if (image->width <= dx || image->height <= dy)
    return NAN;
  n = (guint64) (image->width - dx) * (image->height - dy);

  for (guint y = 0; y + dy < image->height; y++)
    {
      const guint8 *a = image->data + (gsize) y * image->width * c + channel;
      const guint8 *b = image->data + ((gsize) (y + dy) * image->width + dx) * c + channel;

      for (guint x = 0; x + dx < image->width; x++)
        {
          guint64 u = a[(gsize) x * c], v = b[(gsize) x * c];

          sx += u;
          sy += v;
          sxx += u * u;
          syy += v * v;
          sxy += u * v;
        }
    }

  num = (NcWide) n * sxy - (NcWide) sx * sy;
  var_x = (NcWide) n * sxx - (NcWide) sx * sx;
  var_y = (NcWide) n * syy - (NcWide) sy * sy;
  if (var_x == 0 || var_y == 0)
    return NAN;
  return (double) num / (sqrt ((double) var_x) * sqrt ((double) var_y));
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
