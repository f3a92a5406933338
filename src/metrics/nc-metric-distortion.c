/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MSE and PSNR between two images. */
#include "nc-metrics.h"

#include <math.h>

gboolean
nc_metric_mse (const NcImage  *a,
               const NcImage  *b,
               double         *out,
               GError        **error)
{
  gsize n = nc_image_get_n_bytes (a);
  guint64 sum = 0;

  if (!nc_image_same_shape (a, b))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   "distortion needs two images of one shape (%u × %u × %u and %u × %u × %u)",
                   a->width, a->height, a->channels, b->width, b->height, b->channels);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      int d = (int) a->data[i] - (int) b->data[i];

      sum += (guint64) (d * d);
    }
  *out = (double) sum / (double) n;
  return TRUE;
}

/* PSNR = 10 log10(255² / MSE) dB; infinite for identical images. */
double
nc_metric_psnr_of_mse (double mse)
{
  return mse == 0.0 ? INFINITY : 10.0 * log10 (255.0 * 255.0 / mse);
}
