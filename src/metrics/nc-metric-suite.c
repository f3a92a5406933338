/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-metric-suite.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

const double nc_alphas[NC_N_ALPHAS] = { 0.05, 0.01, 0.001 };

/* Salt-and-pepper share, Gaussian σ, occluded share of the area. */
const double nc_suite_noise_strengths[3][3] = {
  { 0.001, 0.01, 0.05 },
  { 1.0, 5.0, 10.0 },
  { 1.0 / 64, 1.0 / 16, 1.0 / 4 },
};

void
nc_image_stats_compute (const NcImage *image,
                        guint          n_pairs,
                        guint64        seed,
                        NcImageStats  *out)
{
  guint64 pooled[256];

  memset (out, 0, sizeof *out);
  out->channels = image->channels;
  nc_metric_histogram (image, &out->histogram);
  out->n = out->histogram.n;
  out->entropy_ideal = nc_metric_entropy_ideal (out->n);
  out->local_entropy_valid = TRUE;
  out->n_pairs = n_pairs;

  for (int i = 0; i < 256; i++)
    pooled[i] = 0;
  for (guint c = 0; c < image->channels; c++)
    {
      out->entropy[c] = nc_metric_entropy_of_counts (out->histogram.counts[c], out->n);
      out->chi_square[c] = nc_metric_chi_square (out->histogram.counts[c], out->n);
      out->chi_square_verdict[c] = nc_verdict_chi_square (out->chi_square[c], out->n);
      if (!nc_metric_local_entropy (image, c, seed, &out->local_entropy[c], NULL))
        out->local_entropy_valid = FALSE;
      out->local_entropy_verdict[c] = nc_verdict_local_entropy (out->local_entropy_valid
                                                                ? out->local_entropy[c] : NAN);
      out->local_entropy_published[c] = nc_verdict_local_entropy_published (out->local_entropy_valid
                                                                            ? out->local_entropy[c] : NAN);
      for (int i = 0; i < 256; i++)
        pooled[i] += out->histogram.counts[c][i];
      for (int d = 0; d < 3; d++)
        {
          out->pairs[c][d][0] = g_new (guint8, MAX (n_pairs, 1));
          out->pairs[c][d][1] = g_new (guint8, MAX (n_pairs, 1));
          if (nc_metric_sample_pairs (image, c, (NcDirection) d, n_pairs, seed + c * 3 + d,
                                      out->pairs[c][d][0], out->pairs[c][d][1]) == 0)
            out->n_pairs = 0;
        }
    }
  nc_metric_correlations (image, out->correlation);
  for (guint c = 0; c < image->channels; c++)
    for (int d = 0; d < 3; d++)
      out->correlation_verdict[c][d] =
        nc_verdict_correlation (out->correlation[c][d],
                                nc_metric_correlation_n_pairs (image, (NcDirection) d));
  out->entropy_all = nc_metric_entropy_of_counts (pooled, out->n * image->channels);
}

void
nc_image_stats_clear (NcImageStats *stats)
{
  for (int c = 0; c < 3; c++)
    for (int d = 0; d < 3; d++)
      for (int k = 0; k < 2; k++)
        g_clear_pointer (&stats->pairs[c][d][k], g_free);
}

/* @dest gets its own copy of @src's measures and sampled pairs. */
void
nc_image_stats_copy (NcImageStats       *dest,
                     const NcImageStats *src)
{
  *dest = *src;
  for (int c = 0; c < 3; c++)
    for (int d = 0; d < 3; d++)
      for (int k = 0; k < 2; k++)
        if (src->pairs[c][d][k] != NULL)
          dest->pairs[c][d][k] = g_memdup2 (src->pairs[c][d][k], MAX (src->n_pairs, 1));
}

/* The central NC_ANALYSIS_ATTACK_SIDE² of @plain, or @plain itself when
 * it is no larger. */
static NcImage *
attack_plain (const NcImage  *plain,
              GError        **error)
{
  guint width = MIN (plain->width, NC_ANALYSIS_ATTACK_SIDE);
  guint height = MIN (plain->height, NC_ANALYSIS_ATTACK_SIDE);
  guint x0 = (plain->width - width) / 2, y0 = (plain->height - height) / 2;
  gsize row = (gsize) width * plain->channels;
  NcImage *crop;

  if (width == plain->width && height == plain->height)
    return nc_image_ref ((NcImage *) plain);
  crop = nc_image_new (width, height, plain->channels, error);
  if (crop == NULL)
    return NULL;
  for (guint y = 0; y < height; y++)
    memcpy (crop->data + (gsize) y * row,
            plain->data + ((gsize) (y0 + y) * plain->width + x0) * plain->channels, row);
  return crop;
}

/* The attack lab against an oracle for @key: what the statistics cannot
 * say. On a large image it runs on the central 512 × 512, which shows
 * the same cipher at a cost that stays bounded (4096² RGB took 2.2 GB
 * and 45 s otherwise). */
static gboolean
run_attacks (const NcEngine  *engine,
             const NcParams  *key,
             const NcImage   *plain,
             NcAnalysis      *out,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(NcOracle) oracle = nc_oracle_new (engine, key);
  g_autoptr(NcImage) small = attack_plain (plain, error);
  g_autoptr(NcImage) target = NULL;
  const NcAttack * const *attacks;
  guint n;

  if (small == NULL)
    return FALSE;
  if (small == plain)
    target = nc_image_ref (out->cipher_image);
  else if ((target = nc_image_new_like (small, error)) == NULL ||
           !nc_engine_encrypt (engine, key, small, target, cancellable, error))
    return FALSE;
  out->attack_plain = nc_image_ref (small);
  out->attack_target = nc_image_ref (target);
  /* Enough for every attack but the differential tables (256 images
   * more), which would take seconds at 512 × 512 and stall the view. */
  nc_oracle_set_budget (oracle, NC_ANALYSIS_ATTACK_BUDGET);
  attacks = nc_attacks_list (&n);
  g_assert (n <= NC_ANALYSIS_MAX_ATTACKS);
  for (guint i = 0; i < n; i++)
    {
      out->n_attacks = i + 1;
      if (!nc_attack_run (attacks[i], oracle, target, small, &out->attacks[i], cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/* Key sensitivity a live update left out: every number NAN. */
static void
key_sensitivity_unmeasured (guint             bit,
                            NcKeySensitivity *out)
{
  *out = (NcKeySensitivity) { bit, { NAN, NAN }, NAN, { NAN, NAN, NAN }, NAN };
}

/**
 * nc_analysis_run:
 * @plain: the plaintext
 * @cipher: (nullable): a ciphertext of it; encrypted with @key when %NULL
 *   and a key is given
 * @engine: (nullable): the engine, for the measures that encrypt
 * @key: (nullable): its key
 * @key_bit: the key bit to flip for key sensitivity
 * @flags: how much to measure
 * @out: (out): every measure that applies; free with nc_analysis_clear()
 *   whether or not this succeeds
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 */
gboolean
nc_analysis_run (const NcImage   *plain,
                 const NcImage   *cipher,
                 const NcEngine  *engine,
                 const NcParams  *key,
                 guint            key_bit,
                 NcAnalysisFlags  flags,
                 NcAnalysis      *out,
                 GCancellable    *cancellable,
                 GError         **error)
{
  return nc_analysis_run_with_plain (plain, NULL, cipher, engine, key, key_bit, flags, out,
                                     cancellable, error);
}

/**
 * nc_analysis_run_with_plain:
 * @plain_stats: (nullable): the measures of @plain, from an earlier
 *   analysis of the same image (the workbench keeps them while only the
 *   key changes); computed when %NULL
 *
 * nc_analysis_run() without measuring the plaintext again.
 */
gboolean
nc_analysis_run_with_plain (const NcImage      *plain,
                            const NcImageStats *plain_stats,
                            const NcImage      *cipher,
                            const NcEngine     *engine,
                            const NcParams     *key,
                            guint               key_bit,
                            NcAnalysisFlags     flags,
                            NcAnalysis         *out,
                            GCancellable       *cancellable,
                            GError            **error)
{
  memset (out, 0, sizeof *out);
  if (plain_stats != NULL)
    nc_image_stats_copy (&out->plain, plain_stats);
  else
    nc_image_stats_compute (plain, NC_SUITE_DEFAULT_PAIRS, NC_SUITE_DEFAULT_SEED, &out->plain);

  if (engine != NULL && key != NULL)
    {
      gint64 start;
      NcKeystreamCache cache_before;
      gboolean encrypted;

      out->has_engine = TRUE;
      out->full = (flags & NC_ANALYSIS_FULL) != 0;
      out->nominal_key_bits = nc_engine_get_nominal_key_bits (engine, key, nc_image_get_n_pixels (plain));
      out->encoding_key_bits = nc_params_get_key_space_bits (key);
      out->key_bits = nc_params_get_key_bits (key);
      /* The weak-key check integrates the network for thousands of
       * steps: worth it once the sliders rest, not at every move. */
      if (flags & NC_ANALYSIS_FULL)
        out->warning = nc_engine_diagnose (engine, key);

      out->cipher_image = nc_image_new_like (plain, error);
      if (out->cipher_image == NULL)
        return FALSE;
      /* The time is the engine's: its keystream made, not copied from
       * an earlier encryption under this key (and kept for the rest). */
      cache_before = nc_engine_set_keystream_cache (NC_KEYSTREAM_CACHE_FRESH);
      start = g_get_monotonic_time ();
      encrypted = nc_engine_encrypt (engine, key, plain, out->cipher_image, cancellable, error);
      out->encrypt_ms = (g_get_monotonic_time () - start) / 1000.0;
      nc_engine_set_keystream_cache (cache_before);
      if (!encrypted)
        return FALSE;
      if (cipher == NULL)
        cipher = out->cipher_image;

      out->decrypted = nc_image_new_like (plain, error);
      if (out->decrypted == NULL ||
          !nc_engine_decrypt (engine, key, cipher, out->decrypted, cancellable, error))
        return FALSE;
      out->exact = nc_image_equal (plain, out->decrypted);
      nc_metric_mse (plain, out->decrypted, &out->mse, NULL);
      out->psnr = nc_metric_psnr_of_mse (out->mse);
      out->ssim = NAN;

      if (flags & NC_ANALYSIS_FULL)
        {
          gboolean two = (flags & NC_ANALYSIS_TWO_NOISES) != 0;

          if (two || !nc_metric_ssim (plain, out->decrypted, &out->ssim, NULL))
            out->ssim = NAN;
          for (int kind = 0; kind < 3; kind++)
            for (int i = 0; i < 3; i++)
              if (two && !(i == NC_SUITE_SHOWN_NOISE && (kind == NC_NOISE_SALT_AND_PEPPER || kind == NC_NOISE_OCCLUSION)))
                out->noise_psnr[kind][i] = out->noise_ssim[kind][i] = NAN;
              else if (!nc_metric_noise_resistance (engine, key, plain, cipher, (NcNoise) kind,
                                                    nc_suite_noise_strengths[kind][i],
                                                    NC_SUITE_DEFAULT_SEED, &out->noise_psnr[kind][i],
                                                    &out->noise_ssim[kind][i], cancellable, error))
                return FALSE;
        }

      out->has_key_flip = (flags & NC_ANALYSIS_FULL) || !(flags & NC_ANALYSIS_NO_KEY_FLIP);
      if (out->has_key_flip)
        {
          if (!nc_metric_key_sensitivity (engine, key, plain, out->cipher_image, key_bit,
                                          &out->flipped_cipher, &out->wrong_plain, &out->key,
                                          cancellable, error))
            return FALSE;
        }
      else
        key_sensitivity_unmeasured (key_bit, &out->key);
      /* NPCR and UACI compare every sample of the two ciphertexts. */
      nc_verdict_differential (&out->key.ciphers, nc_image_get_n_bytes (plain), &out->key_verdicts);
      out->plaintext.npcr = out->plaintext.uaci = NAN;
      if ((flags & NC_ANALYSIS_FULL) &&
          !nc_metric_plaintext_sensitivity (engine, key, plain, out->cipher_image, plain->width / 2,
                                            plain->height / 2, &out->plaintext, cancellable,
                                            error))
        return FALSE;
      nc_verdict_differential (&out->plaintext, nc_image_get_n_bytes (plain),
                               &out->plaintext_verdicts);
      if ((flags & (NC_ANALYSIS_FULL | NC_ANALYSIS_ATTACKS)) &&
          !run_attacks (engine, key, plain, out, cancellable, error))
        return FALSE;
      if (flags & NC_ANALYSIS_FULL)
        {
          out->has_key_space = TRUE;
          if (!nc_metric_key_space (engine, key, &out->key_space, cancellable, error))
            return FALSE;
        }
    }

  if (cipher != NULL)
    {
      if (!nc_image_same_shape (plain, cipher))
        {
          g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                       _("the ciphertext (%u × %u × %u) and the image (%u × %u × %u) differ in shape"),
                       cipher->width, cipher->height, cipher->channels,
                       plain->width, plain->height, plain->channels);
          return FALSE;
        }
      out->has_cipher = TRUE;
      nc_image_stats_compute (cipher, NC_SUITE_DEFAULT_PAIRS, NC_SUITE_DEFAULT_SEED, &out->cipher);
      /* Eq. 14: how much of the plaintext the ciphertext still shows. */
      nc_metric_mse (plain, cipher, &out->distortion_mse, NULL);
      out->distortion_psnr = nc_metric_psnr_of_mse (out->distortion_mse);
      if (!(flags & NC_ANALYSIS_FULL) || !nc_metric_ssim (plain, cipher, &out->distortion_ssim, NULL))
        out->distortion_ssim = NAN;
    }
  return TRUE;
}

/**
 * nc_analysis_drop_images:
 *
 * Frees the images an analysis holds (the ciphertext, the decryption,
 * the key-flip pair, the attacks' targets, chosen and recovered images),
 * keeping every measure and verdict: what a comparison keeps of each of
 * its rows, so that thirteen rows do not hold 30 MB each.
 */
void
nc_analysis_drop_images (NcAnalysis *analysis)
{
  g_clear_pointer (&analysis->cipher_image, nc_image_unref);
  g_clear_pointer (&analysis->decrypted, nc_image_unref);
  g_clear_pointer (&analysis->flipped_cipher, nc_image_unref);
  g_clear_pointer (&analysis->wrong_plain, nc_image_unref);
  for (guint i = 0; i < analysis->n_attacks; i++)
    nc_attack_result_drop_images (&analysis->attacks[i]);
  g_clear_pointer (&analysis->attack_plain, nc_image_unref);
  g_clear_pointer (&analysis->attack_target, nc_image_unref);
}

void
nc_analysis_clear (NcAnalysis *analysis)
{
  nc_analysis_drop_images (analysis);
  nc_image_stats_clear (&analysis->plain);
  nc_image_stats_clear (&analysis->cipher);
  g_clear_pointer (&analysis->warning, g_free);
  for (guint i = 0; i < analysis->n_attacks; i++)
    nc_attack_result_clear (&analysis->attacks[i]);
  nc_key_space_clear (&analysis->key_space);
  analysis->n_attacks = 0;
}
