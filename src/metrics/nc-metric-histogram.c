/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-metrics.h"

#include <string.h>

void
nc_metric_histogram (const NcImage *image,
                     NcHistogram   *out)
{
  gsize n = nc_image_get_n_pixels (image);
  const guint8 *p = image->data;

  memset (out, 0, sizeof *out);
  out->channels = image->channels;
  out->n = n;
  if (image->channels == 1)
    for (gsize i = 0; i < n; i++)
      out->counts[0][p[i]]++;
  else
    for (gsize i = 0; i < n; i++, p += 3)
      {
        out->counts[0][p[0]]++;
        out->counts[1][p[1]]++;
        out->counts[2][p[2]]++;
      }
}

/* χ² = Σ (o − e)² / e with e = n / 256; below 293.25 the histogram is
 * indistinguishable from uniform at α = 0.05. */
double
nc_metric_chi_square (const guint64 counts[256],
                      guint64       n)
{
  double expected = (double) n / 256.0;
  double sum = 0.0;

  if (n == 0)
    return 0.0;
  for (int i = 0; i < 256; i++)
    {
      double d = (double) counts[i] - expected;

      sum += d * d;
    }
  return sum / expected;
}
