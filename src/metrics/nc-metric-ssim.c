/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SSIM as Wang et al. (2004) and scikit-image's
 * structural_similarity(gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False, data_range=255): the Gaussian-weighted
 * moments are taken only where the 11 × 11 window lies inside the image,
 * which is where scikit-image averages (it crops a 5-pixel border), so
 * its border handling never comes into play. Separable filtering of all
 * five moments with a ring of rows, in double precision, the rows split
 * between two threads. */
#include "nc-metrics.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

#include "nc-math.h"

#define RADIUS (NC_SSIM_WINDOW / 2)
#define N_MOMENTS 5
/* Window positions a strip; see ssim_rows(). */
#define STRIP 512
/* Moment rows 8 · 536 bytes apart, not a multiple of 4 KiB: the 55 rows
 * a window position reads would otherwise fall into the same cache sets. */
#define PITCH (STRIP + 24)
/* Output rows a job: bands taken by whichever thread is free, long
 * enough that the ten rows each one reads before its first output (the
 * window's height) stay a small part. */
#define ROWS_A_JOB 128

typedef struct {
  const NcImage *a, *b;
  double         weights[NC_SSIM_WINDOW];
  guint          valid_width, valid_height;
  guint          y0, y1;              /* this job's output rows */
  double         sums[3];             /* Σ SSIM over its rows, per channel */
} SsimJob;

/* One row filtered along x: out[x] = Σ_j g_j a[x + j] over the eleven
 * taps, taps j and 10 − j added before their shared weight multiplies
 * them, the centre first. */
G_ALWAYS_INLINE static inline void
filter_row (const double * restrict a,
            const double           *g,
            double       * restrict out,
            guint                   valid)
{
  double g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4], g5 = g[5];

  for (guint x = 0; x < valid; x++)
    {
      double m = g5 * a[x + 5];

      m += g0 * (a[x] + a[x + 10]);
      m += g1 * (a[x + 1] + a[x + 9]);
      m += g2 * (a[x + 2] + a[x + 8]);
      m += g3 * (a[x + 3] + a[x + 7]);
      m += g4 * (a[x + 4] + a[x + 6]);
      out[x] = m;
    }
}

/* The weighted sums of x, y, x², y² and xy along image row y, for the
 * @valid window positions from column @x0: the five products first
 * (exact: integers below 2^16), then each filtered. */
G_ALWAYS_INLINE static inline void
horizontal_row (const SsimJob *job,
                guint          channel,
                guint          y,
                guint          x0,
                guint          valid,
                double        *line,
                double        *out)
{
  guint c = job->a->channels;
  guint width = valid + NC_SSIM_WINDOW - 1;
  const guint8 *pa = job->a->data + ((gsize) y * job->a->width + x0) * c + channel;
  const guint8 *pb = job->b->data + ((gsize) y * job->a->width + x0) * c + channel;
  double * restrict u = line, * restrict v = line + width;
  double * restrict uu = line + 2 * (gsize) width, * restrict vv = line + 3 * (gsize) width;
  double * restrict uv = line + 4 * (gsize) width;

  for (guint x = 0; x < width; x++)
    {
      u[x] = pa[(gsize) x * c];
      v[x] = pb[(gsize) x * c];
    }
  for (guint x = 0; x < width; x++)
    {
      uu[x] = u[x] * u[x];
      vv[x] = v[x] * v[x];
      uv[x] = u[x] * v[x];
    }
  for (guint k = 0; k < N_MOMENTS; k++)
    filter_row (line + k * (gsize) width, job->weights, out + k * (gsize) PITCH, valid);
}

/* Output rows [y0, y1) of every channel, in strips of STRIP window
 * positions: the last eleven horizontal rows of a strip are kept in a
 * ring that stays in the cache; each output row takes its five moments
 * down the window (rows i and 10 − i added before their shared weight,
 * the centre first) and its SSIM values in one pass. */

NC_WIDE_VECTORS static gpointer
ssim_rows (gpointer data)
{
  SsimJob *job = data;
  const double c1 = (0.01 * 255.0) * (0.01 * 255.0);
  const double c2 = (0.03 * 255.0) * (0.03 * 255.0);
  const double *g = job->weights;
  gsize moments = N_MOMENTS * (gsize) PITCH + 40;
  g_autofree double *line = g_new (double, N_MOMENTS * (gsize) (STRIP + NC_SSIM_WINDOW - 1));
  g_autofree double *ring = g_new (double, NC_SSIM_WINDOW * moments);
  g_autofree double *map = g_new (double, STRIP);

  for (guint channel = 0; channel < job->a->channels; channel++)
    {
      double sum = 0.0;

      for (guint x0 = 0; x0 < job->valid_width; x0 += STRIP)
        {
          guint valid = MIN (STRIP, job->valid_width - x0);

          for (guint y = job->y0; y < job->y1 + NC_SSIM_WINDOW - 1; y++)
            {
              const double *rows[NC_SSIM_WINDOW];
              guint top;

              horizontal_row (job, channel, y, x0, valid, line,
                              ring + (y % NC_SSIM_WINDOW) * moments);
              if (y < job->y0 + NC_SSIM_WINDOW - 1)
                continue;
              top = y - (NC_SSIM_WINDOW - 1);
              for (guint i = 0; i < NC_SSIM_WINDOW; i++)
                rows[i] = ring + ((top + i) % NC_SSIM_WINDOW) * moments;

              for (guint x = 0; x < valid; x++)
                {
                  double m[N_MOMENTS];
                  double ux, uy, vx, vy, vxy;

                  for (guint k = 0; k < N_MOMENTS; k++)
                    {
                      gsize i = k * (gsize) PITCH + x;
                      double acc = g[5] * rows[5][i];

                      acc += g[0] * (rows[0][i] + rows[10][i]);
                      acc += g[1] * (rows[1][i] + rows[9][i]);
                      acc += g[2] * (rows[2][i] + rows[8][i]);
                      acc += g[3] * (rows[3][i] + rows[7][i]);
                      acc += g[4] * (rows[4][i] + rows[6][i]);
                      m[k] = acc;
                    }
                  ux = m[0];
                  uy = m[1];
                  vx = m[2] - ux * ux;
                  vy = m[3] - uy * uy;
                  vxy = m[4] - ux * uy;
                  map[x] = ((2.0 * ux * uy + c1) * (2.0 * vxy + c2))
                           / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
                }
              /* The sum in a fixed order, for the same result on every
               * build and thread count. */
              for (guint x = 0; x < valid; x++)
                sum += map[x];
            }
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
  g_autofree SsimJob *jobs = NULL;
  guint valid_width, valid_height, n_jobs;

  if (!nc_image_same_shape (a, b))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("SSIM needs two images of one shape (%u × %u × %u and %u × %u × %u)"),
                   a->width, a->height, a->channels, b->width, b->height, b->channels);
      return FALSE;
    }
  if (a->width < NC_SSIM_WINDOW || a->height < NC_SSIM_WINDOW)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("SSIM needs at least %d × %d pixels for its window; the image is %u × %u"),
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

  valid_width = a->width - 2 * RADIUS;
  valid_height = a->height - 2 * RADIUS;
  n_jobs = nc_pieces_of (valid_height, ROWS_A_JOB);
  jobs = g_new0 (SsimJob, n_jobs);
  for (guint j = 0; j < n_jobs; j++)
    {
      jobs[j] = (SsimJob) { a, b, { 0 }, valid_width, valid_height,
                            MIN (j * ROWS_A_JOB, valid_height), MIN ((j + 1) * ROWS_A_JOB, valid_height),
                            { 0 } };
      memcpy (jobs[j].weights, weights, sizeof weights);
    }
  nc_run_jobs (ssim_rows, jobs, sizeof *jobs, n_jobs,
               (gsize) valid_width * valid_height >= NC_PARALLEL_THRESHOLD / 4);
  /* The bands' sums in band order: the same value for any thread count. */
  for (guint c = 0; c < a->channels; c++)
    {
      double channel = 0.0;

      for (guint j = 0; j < n_jobs; j++)
        channel += jobs[j].sums[c];
      sum += channel / ((double) valid_width * valid_height);
    }
  *out = sum / a->channels;
  return TRUE;
}
