/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SSIM as Wang et al. (2004) and scikit-image's
 * structural_similarity(gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False, data_range=255): the Gaussian-weighted
 * moments are taken only where the 11 × 11 window lies inside the image,
 * which is where scikit-image averages (it crops a 5-pixel border), so
 * its border handling never comes into play. Separable filtering of all
 * five moments in one pass with a ring of rows, in double precision, the
 * rows split between two threads. */
#include "nc-metrics.h"

#include <math.h>
#include <string.h>

#include "nc-math.h"

#define RADIUS (NC_SSIM_WINDOW / 2)
#define N_MOMENTS 5

typedef struct {
  const NcImage *a, *b;
  double         weights[NC_SSIM_WINDOW];
  guint          valid_width, valid_height;
  guint          y0, y1;              /* this job's output rows */
  double         sums[3];             /* Σ SSIM over its rows, per channel */
} SsimJob;

/* dst[x] += w · src[x]: restrict lets the compiler vectorise it. */
G_ALWAYS_INLINE static inline void
accumulate (double       * restrict dst,
            const double * restrict src,
            double                  w,
            guint                   width)
{
  for (guint x = 0; x < width; x++)
    dst[x] += w * src[x];
}

/* dst[x] += w · (a[x] + b[x]) */
G_ALWAYS_INLINE static inline void
accumulate_pair (double       * restrict dst,
                 const double * restrict a,
                 const double * restrict b,
                 double                  w,
                 guint                   width)
{
  for (guint x = 0; x < width; x++)
    dst[x] += w * (a[x] + b[x]);
}

/* The weighted sums of x, y, x², y² and xy along image row y, for every
 * column the window fits; each output adds its eleven taps in order, the
 * five sums of a column kept in registers. */
G_ALWAYS_INLINE static inline void
horizontal_row (const SsimJob *job,
                guint          channel,
                guint          y,
                double        *line,
                double        *out)
{
  guint c = job->a->channels;
  guint width = job->a->width;
  guint valid = job->valid_width;
  const guint8 *pa = job->a->data + (gsize) y * width * c + channel;
  const guint8 *pb = job->b->data + (gsize) y * width * c + channel;
  const double *u = line, *v = line + width;
  const double *g = job->weights;
  double * restrict o0 = out, * restrict o1 = out + valid, * restrict o2 = out + 2 * (gsize) valid;
  double * restrict o3 = out + 3 * (gsize) valid, * restrict o4 = out + 4 * (gsize) valid;

  for (guint x = 0; x < width; x++)
    {
      line[x] = pa[(gsize) x * c];
      line[width + x] = pb[(gsize) x * c];
    }
  for (guint x = 0; x < valid; x++)
    {
      double uc = u[x + RADIUS], vc = v[x + RADIUS];
      double m0 = g[RADIUS] * uc, m1 = g[RADIUS] * vc;
      double m2 = g[RADIUS] * (uc * uc), m3 = g[RADIUS] * (vc * vc), m4 = g[RADIUS] * (uc * vc);

      /* Taps j and 10 − j share a weight. */
      for (guint j = 0; j < RADIUS; j++)
        {
          double ul = u[x + j], ur = u[x + NC_SSIM_WINDOW - 1 - j];
          double vl = v[x + j], vr = v[x + NC_SSIM_WINDOW - 1 - j];

          m0 += g[j] * (ul + ur);
          m1 += g[j] * (vl + vr);
          m2 += g[j] * (ul * ul + ur * ur);
          m3 += g[j] * (vl * vl + vr * vr);
          m4 += g[j] * (ul * vl + ur * vr);
        }
      o0[x] = m0;
      o1[x] = m1;
      o2[x] = m2;
      o3[x] = m3;
      o4[x] = m4;
    }
}

/* Output rows [y0, y1) of every channel: the last eleven horizontal rows
 * are kept in a ring, small enough for the cache, and combined down the
 * window for each output row, whose SSIM values are summed. */
NC_WIDE_VECTORS static gpointer
ssim_rows (gpointer data)
{
  SsimJob *job = data;
  const double c1 = (0.01 * 255.0) * (0.01 * 255.0);
  const double c2 = (0.03 * 255.0) * (0.03 * 255.0);
  gsize moments = N_MOMENTS * (gsize) job->valid_width;
  g_autofree double *line = g_new (double, 2 * (gsize) job->a->width);
  g_autofree double *ring = g_new (double, NC_SSIM_WINDOW * moments);
  g_autofree double *m = g_new (double, moments);
  g_autofree double *map = g_new (double, job->valid_width);

  for (guint channel = 0; channel < job->a->channels; channel++)
    {
      double sum = 0.0;

      for (guint y = job->y0; y < job->y1 + NC_SSIM_WINDOW - 1; y++)
        {
          guint top;

          horizontal_row (job, channel, y, line, ring + (y % NC_SSIM_WINDOW) * moments);
          if (y < job->y0 + NC_SSIM_WINDOW - 1)
            continue;
          top = y - (NC_SSIM_WINDOW - 1);
          /* The window is symmetric: rows i and 10 − i share a weight,
           * so they are added before the multiplication. */
          {
            const double *centre = ring + ((top + RADIUS) % NC_SSIM_WINDOW) * moments;

            for (gsize i = 0; i < moments; i++)
              m[i] = job->weights[RADIUS] * centre[i];
          }
          for (guint i = 0; i < RADIUS; i++)
            accumulate_pair (m, ring + ((top + i) % NC_SSIM_WINDOW) * moments,
                             ring + ((top + NC_SSIM_WINDOW - 1 - i) % NC_SSIM_WINDOW) * moments,
                             job->weights[i], (guint) moments);
          /* The map first, vectorised; then its sum, in order. */
          for (guint x = 0; x < job->valid_width; x++)
            {
              double ux = m[x], uy = m[job->valid_width + x];
              double vx = m[2 * job->valid_width + x] - ux * ux;
              double vy = m[3 * job->valid_width + x] - uy * uy;
              double vxy = m[4 * job->valid_width + x] - ux * uy;

              map[x] = ((2.0 * ux * uy + c1) * (2.0 * vxy + c2))
                       / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
            }
          for (guint x = 0; x < job->valid_width; x++)
            sum += map[x];
        }
      job->sums[channel] = sum;
    }
  return NULL;
}

/**
 * nc_metric_ssim:
 * @a: an image
 * @b: an image of the same shape, at least 11 × 11
 * @out: (out): the mean SSIM over positions, then over channels
 * @error: return location for an error
 */
gboolean
nc_metric_ssim (const NcImage  *a,
                const NcImage  *b,
                double         *out,
                GError        **error)
{
  double weights[NC_SSIM_WINDOW], total = 0.0, sum = 0.0;
  SsimJob top, bottom;

  if (!nc_image_same_shape (a, b))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   "SSIM needs two images of one shape (%u × %u × %u and %u × %u × %u)",
                   a->width, a->height, a->channels, b->width, b->height, b->channels);
      return FALSE;
    }
  if (a->width < NC_SSIM_WINDOW || a->height < NC_SSIM_WINDOW)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   "SSIM needs at least %d × %d pixels for its window; the image is %u × %u",
                   NC_SSIM_WINDOW, NC_SSIM_WINDOW, a->width, a->height);
      return FALSE;
    }

  /* scipy.ndimage's kernel: exp(−x² / 2σ²) for x = −5 … 5, normalised. */
  for (int i = 0; i < NC_SSIM_WINDOW; i++)
    {
      double x = i - RADIUS;

      weights[i] = exp (-0.5 / (1.5 * 1.5) * x * x);
      total += weights[i];
    }
  for (int i = 0; i < NC_SSIM_WINDOW; i++)
    weights[i] /= total;

  top = (SsimJob) { a, b, { 0 }, a->width - 2 * RADIUS, a->height - 2 * RADIUS, 0, 0, { 0 } };
  memcpy (top.weights, weights, sizeof weights);
  bottom = top;
  top.y1 = bottom.y0 = top.valid_height / 2;
  bottom.y1 = top.valid_height;
  nc_run_halves (ssim_rows, &top, &bottom,
                 (gsize) top.valid_width * top.valid_height >= NC_PARALLEL_THRESHOLD / 4);
  for (guint c = 0; c < a->channels; c++)
    sum += (top.sums[c] + bottom.sums[c]) / ((double) top.valid_width * top.valid_height);
  *out = sum / a->channels;
  return TRUE;
}
