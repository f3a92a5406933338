/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MSE and PSNR between two images. */
#include "nc-metrics.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

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
                   _("distortion needs two images of one shape (%u × %u × %u and %u × %u × %u)"),
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

/**
 * nc_metric_pair:
 * @a: an image
 * @b: another of the same shape
 *
 * Every two-image measure: MSE, PSNR, SSIM, the correlation between the
 * two, and NPCR and UACI judged against Wu, Noonan & Agaian's critical
 * values for the samples compared, over all samples and per channel.
 */
gboolean
nc_metric_pair (const NcImage   *a,
                const NcImage   *b,
                NcPairMeasures  *out,
                GError         **error)
{
  memset (out, 0, sizeof *out);
  if (!nc_metric_mse (a, b, &out->mse, error) ||
      !nc_metric_ssim (a, b, &out->ssim, error) ||
      !nc_metric_cross_correlation (a, b, &out->correlation, error) ||
      !nc_metric_differential (a, b, NC_ALL_CHANNELS, &out->all, error))
    return FALSE;
  out->psnr = nc_metric_psnr_of_mse (out->mse);
  nc_verdict_differential (&out->all, nc_image_get_n_bytes (a), &out->verdicts);
  out->channels = a->channels;
  for (guint c = 0; c < a->channels; c++)
    {
      nc_metric_differential (a, b, (int) c, &out->channel[c], NULL);
      nc_verdict_differential (&out->channel[c], nc_image_get_n_pixels (a), &out->channel_verdicts[c]);
    }
  return TRUE;
}
