/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Noise resistance: damage the ciphertext, decrypt, and compare with the
 * plaintext. */
#include "nc-metrics.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

static const struct {
  const char *id, *label;
  double      max;     /* where a sweep over strengths ends by default */
} noises[NC_N_NOISES] = {
  { "salt-and-pepper", N_("Salt and pepper (share of pixels)"), 0.1 },
  { "gaussian", N_("Gaussian (σ in grey levels)"), 20.0 },
  { "occlusion", N_("Occlusion (share of the area, centred)"), 0.5 },
  { "crop", N_("Cropping (share of the area, top left)"), 0.5 },
};

const char *
nc_noise_to_string (NcNoise noise)
{
  return (guint) noise < NC_N_NOISES ? noises[noise].id : "unknown";
}

const char *
nc_noise_label (NcNoise noise)
{
  return (guint) noise < NC_N_NOISES ? nc_tr (noises[noise].label) : _("unknown");
}

double
nc_noise_default_max (NcNoise noise)
{
  return noises[noise].max;
}

gboolean
nc_noise_from_string (const char *text,
                      NcNoise    *out,
                      GError    **error)
{
  for (guint i = 0; i < NC_N_NOISES; i++)
    if (g_str_equal (text, noises[i].id))
      {
        *out = (NcNoise) i;
        return TRUE;
      }
  g_set_error (error, NC_ERROR, NC_ERROR_NOT_FOUND,
               _("No damage “%s”; there are salt-and-pepper, gaussian, occlusion and crop"), text);
  return FALSE;
}

static inline void
add_noise (guint8 *sample,
           double  noise)
{
  double v = floor (*sample + noise + 0.5);

  *sample = (guint8) CLAMP (v, 0.0, 255.0);
}

/**
 * nc_noise_apply:
 * @image: the image to damage, in place
 * @noise: the kind of damage
 * @strength: for salt-and-pepper the share of pixels set to black or
 *   white (0…1); for Gaussian noise its standard deviation in grey levels;
 *   for occlusion the share of the area, a centred block, set to black;
 *   for cropping the same share cut from the top left corner, as the
 *   cropping attacks of the literature show it
 * @seed: makes the damage repeat
 */
void
nc_noise_apply (NcImage *image,
                NcNoise  noise,
                double   strength,
                guint64  seed)
{
  gsize n_pixels = nc_image_get_n_pixels (image);
  guint c = image->channels;
  NcRng rng;

  nc_rng_init (&rng, seed);
  switch (noise)
    {
    case NC_NOISE_SALT_AND_PEPPER:
      for (gsize p = 0; p < n_pixels; p++)
        if (nc_rng_double (&rng) < strength)
          {
            guint8 value = (nc_rng_next (&rng) & 1) ? 255 : 0;

            for (guint k = 0; k < c; k++)
              image->data[p * c + k] = value;
          }
      break;
    case NC_NOISE_GAUSSIAN:
      {
        gsize n = nc_image_get_n_bytes (image);

        /* Marsaglia's polar method: two normal variates per accepted
         * point of the unit disc, with no sine or cosine. */
        for (gsize i = 0; i < n; i += 2)
          {
            double u, v, s, f;

            do
              {
                u = 2.0 * nc_rng_double (&rng) - 1.0;
                v = 2.0 * nc_rng_double (&rng) - 1.0;
                s = u * u + v * v;
              }
            while (s >= 1.0 || s == 0.0);
            f = sqrt (-2.0 * log (s) / s);
            add_noise (&image->data[i], strength * u * f);
            if (i + 1 < n)
              add_noise (&image->data[i + 1], strength * v * f);
          }
        break;
      }
    case NC_NOISE_OCCLUSION:
    case NC_NOISE_CROP:
      {
        double side = sqrt (CLAMP (strength, 0.0, 1.0));
        guint w = (guint) floor (image->width * side + 0.5);
        guint h = (guint) floor (image->height * side + 0.5);
        guint x0 = noise == NC_NOISE_CROP ? 0 : (image->width - w) / 2;
        guint y0 = noise == NC_NOISE_CROP ? 0 : (image->height - h) / 2;

        for (guint y = y0; y < y0 + h; y++)
          memset (image->data + ((gsize) y * image->width + x0) * c, 0, (gsize) w * c);
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

/**
 * nc_metric_noise_resistance:
 * @engine: the engine
 * @key: the key
 * @plain: the plaintext
 * @cipher: its ciphertext under @key
 * @noise: the damage
 * @strength: how much (see nc_noise_apply())
 * @seed: makes the damage repeat
 * @out_psnr: (out): PSNR of the decrypted damaged ciphertext against @plain
 * @out_ssim: (out): its SSIM (NaN for images under 11 × 11)
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 */
gboolean
nc_metric_noise_resistance (const NcEngine  *engine,
                            const NcParams  *key,
                            const NcImage   *plain,
                            const NcImage   *cipher,
                            NcNoise          noise,
                            double           strength,
                            guint64          seed,
                            double          *out_psnr,
                            double          *out_ssim,
                            GCancellable    *cancellable,
                            GError         **error)
{
  g_autoptr(NcImage) damaged = nc_image_copy (cipher, error);
  g_autoptr(NcImage) back = NULL;
  double mse;

  if (damaged == NULL)
    return FALSE;
  nc_noise_apply (damaged, noise, strength, seed);
  back = nc_image_new_like (cipher, error);
  if (back == NULL || !nc_engine_decrypt (engine, key, damaged, back, cancellable, error))
    return FALSE;
  if (!nc_metric_mse (plain, back, &mse, error))
    return FALSE;
  *out_psnr = nc_metric_psnr_of_mse (mse);
  if (!nc_metric_ssim (plain, back, out_ssim, NULL))
    *out_ssim = NAN;
  return TRUE;
}
