/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Noise resistance studied: the damaged ciphertext and its decryption at
 * one strength; the curves over strengths for the key's engine and for
 * the engines overlaid (each with its default key). Each point is
 * nc_metric_noise_resistance(), the measure the analysis makes. */
#include "nc-noise-study.h"
#include "nc-i18n.h"

#include <math.h>

/**
 * nc_noise_study_run:
 * @overlay: (nullable): ids of engines to draw beside the key's, each
 *   with its default key
 *
 * The strengths run from max/8 to max, max the damage's usual range or
 * @strength if larger.
 */
NcNoiseStudy *
nc_noise_study_run (const NcEngine      *engine,
                    const NcParams      *key,
                    const NcImage       *plain,
                    NcNoise              damage,
                    double               strength,
                    guint64              seed,
                    const char * const  *overlay,
                    NcNoiseStudyProgress progress,
                    gpointer             progress_data,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_autoptr(NcNoiseStudy) study = g_new0 (NcNoiseStudy, 1);
  g_autoptr(NcImage) cipher = NULL;
  g_autoptr(GPtrArray) engines = g_ptr_array_new ();
  double max = MAX (nc_noise_default_max (damage), strength), mse;
  guint total, done = 0;

  if (!(strength >= 0) || ((damage == NC_NOISE_SALT_AND_PEPPER || damage >= NC_NOISE_OCCLUSION) && strength > 1))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("A %s strength of %g is out of range (%s)"),
                   nc_noise_to_string (damage), strength,
                   damage == NC_NOISE_GAUSSIAN ? "σ ≥ 0" : "a share from 0 to 1");
      return NULL;
    }
  g_ptr_array_add (engines, (gpointer) engine);
  for (gsize i = 0; overlay != NULL && overlay[i] != NULL; i++)
    {
      const NcEngine *other = nc_engine_find (overlay[i], error);

      if (other == NULL)
        return NULL;
      if (other != engine)
        g_ptr_array_add (engines, (gpointer) other);
    }
  study->damage = damage;
  study->strength = strength;
  study->seed = seed;
  for (guint i = 0; i < NC_NOISE_STUDY_POINTS; i++)
    study->strengths[i] = max * (i + 1) / NC_NOISE_STUDY_POINTS;
  total = 1 + engines->len * NC_NOISE_STUDY_POINTS;

  if ((cipher = nc_image_new_like (plain, error)) == NULL ||
      !nc_engine_encrypt (engine, key, plain, cipher, cancellable, error) ||
      (study->damaged = nc_image_copy (cipher, error)) == NULL ||
      (study->decrypted = nc_image_new_like (plain, error)) == NULL)
    return NULL;
  nc_noise_apply (study->damaged, damage, strength, seed);
  if (!nc_engine_decrypt (engine, key, study->damaged, study->decrypted, cancellable, error) ||
      !nc_metric_mse (plain, study->decrypted, &mse, error))
    return NULL;
  study->psnr = nc_metric_psnr_of_mse (mse);
  if (!nc_metric_ssim (plain, study->decrypted, &study->ssim, NULL))
    study->ssim = NAN;
  if (progress != NULL)
    progress (++done, total, progress_data);

  study->n_curves = engines->len;
  study->curves = g_new0 (NcNoiseCurve, engines->len);
  for (guint e = 0; e < engines->len; e++)
    {
      NcNoiseCurve *curve = &study->curves[e];
      g_autoptr(NcParams) other_key = NULL;
      g_autoptr(NcImage) other_cipher = NULL;
      const NcParams *k = key;
      const NcImage *c = cipher;

      curve->engine = engines->pdata[e];
      if (e == 0)
        curve->label = nc_engine_describe_variant (engine, nc_params_get_variant (key));
      else
        {
          other_key = nc_engine_new_params (curve->engine);
          curve->label = nc_engine_describe_variant (curve->engine, nc_params_get_variant (other_key));
          if ((other_cipher = nc_image_new_like (plain, error)) == NULL ||
              !nc_engine_encrypt (curve->engine, other_key, plain, other_cipher, cancellable, error))
            return NULL;
          k = other_key;
          c = other_cipher;
        }
      for (guint i = 0; i < NC_NOISE_STUDY_POINTS; i++)
        {
          if (!nc_metric_noise_resistance (curve->engine, k, plain, c, damage, study->strengths[i], seed,
                                           &curve->psnr[i], &curve->ssim[i], cancellable, error))
            return NULL;
          if (progress != NULL)
            progress (++done, total, progress_data);
        }
    }
  return g_steal_pointer (&study);
}

void
nc_noise_study_free (NcNoiseStudy *study)
{
  if (study == NULL)
    return;
  g_clear_pointer (&study->damaged, nc_image_unref);
  g_clear_pointer (&study->decrypted, nc_image_unref);
  for (guint i = 0; i < study->n_curves; i++)
    g_free (study->curves[i].label);
  g_free (study->curves);
  g_free (study);
}
