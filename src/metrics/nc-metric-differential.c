/* SPDX-License-Identifier: GPL-3.0-or-later */
/* NPCR and UACI with the critical values of Wu, Noonan & Agaian (2011),
 * computed from their formulas for the image's size. */
#include "nc-metrics.h"
#include "nc-i18n.h"

#include <math.h>

#define F 255.0

/**
 * nc_metric_differential:
 * @a: an image
 * @b: an image of the same shape
 * @channel: a channel, or NC_ALL_CHANNELS for every sample together
 * @out: (out): NPCR, the share of samples that differ, and UACI, their
 *   mean absolute difference over 255, both in percent
 * @error: return location for an error
 */
gboolean
nc_metric_differential (const NcImage   *a,
                        const NcImage   *b,
                        int              channel,
                        NcDifferential  *out,
                        GError         **error)
{
  gsize n = nc_image_get_n_bytes (a);
  gsize stride = 1, start = 0, count;
  guint64 differ = 0, total = 0;

  if (!nc_image_same_shape (a, b))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("NPCR and UACI need two images of one shape (%u × %u × %u and %u × %u × %u)"),
                   a->width, a->height, a->channels, b->width, b->height, b->channels);
      return FALSE;
    }
  if (channel >= 0)
    {
      stride = a->channels;
      start = (gsize) channel;
    }
  for (gsize i = start; i < n; i += stride)
    {
      int d = (int) a->data[i] - (int) b->data[i];

      differ += d != 0;
      total += (guint64) ABS (d);
    }
  count = (n - start + stride - 1) / stride;
  out->npcr = 100.0 * (double) differ / (double) count;
  out->uaci = 100.0 * (double) total / (F * (double) count);
  return TRUE;
}

/* Φ⁻¹(p) by Acklam's rational approximation, refined by one step of
 * Halley's method with erfc: good to about 1e-15. */
double
nc_normal_quantile (double p)
{
  static const double a[] = { -3.969683028665376e+01, 2.209460984245205e+02,
                              -2.759285104469687e+02, 1.383577518672690e+02,
                              -3.066479806614716e+01, 2.506628277459239e+00 };
  static const double b[] = { -5.447609879822406e+01, 1.615858368580409e+02,
                              -1.556989798598866e+02, 6.680131188771972e+01,
                              -1.328068155288572e+01 };
  static const double c[] = { -7.784894002430293e-03, -3.223964580411365e-01,
                              -2.400758277161838e+00, -2.549732539343734e+00,
                              4.374664141464968e+00, 2.938163982698783e+00 };
  static const double d[] = { 7.784695709041462e-03, 3.224671290700398e-01,
                              2.445134137142996e+00, 3.754408661907416e+00 };
  double q, r, x, e, u;

  if (p <= 0.0)
    return -INFINITY;
  if (p >= 1.0)
    return INFINITY;
  if (p < 0.02425)
    {
      q = sqrt (-2.0 * log (p));
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    }
  else if (p > 1.0 - 0.02425)
    {
      q = sqrt (-2.0 * log (1.0 - p));
      x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    }
  else
    {
      q = p - 0.5;
      r = q * q;
      x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
          / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    }
  e = 0.5 * erfc (-x / G_SQRT2) - p;
  u = e * sqrt (2.0 * G_PI) * exp (x * x / 2.0);
  return x - u / (1.0 + x * u / 2.0);
}

/**
 * nc_metric_differential_critical:
 * @n: samples compared (pixels of one channel)
 * @alpha: significance level (0.05, 0.01, 0.001)
 * @out: (out): the critical NPCR and the UACI acceptance interval, in
 *   percent
 *
 * N*_α = (F − Φ⁻¹(1 − α) √(F / N)) / (F + 1); UACI passes inside
 * μ ± Φ⁻¹(1 − α/2) σ, μ = (F + 2) / (3F + 3),
 * σ² = (F + 2)(F² + 2F + 3) / (18 (F + 1)² N F), with F = 255.
 */
void
nc_metric_differential_critical (guint64                 n,
                                 double                  alpha,
                                 NcDifferentialCritical *out)
{
  double N = (double) n;
  double mu = (F + 2.0) / (3.0 * F + 3.0);
  double sigma = sqrt ((F + 2.0) * (F * F + 2.0 * F + 3.0) / (18.0 * (F + 1.0) * (F + 1.0) * N * F));
  double z_uaci = nc_normal_quantile (1.0 - alpha / 2.0);

  out->alpha = alpha;
  out->npcr_critical = 100.0 * (F - nc_normal_quantile (1.0 - alpha) * sqrt (F / N)) / (F + 1.0);
  out->uaci_low = 100.0 * (mu - z_uaci * sigma);
  out->uaci_high = 100.0 * (mu + z_uaci * sigma);
}
