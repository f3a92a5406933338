/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every measure against an independent oracle: the values in
 * tests/oracle/expected-metrics.json come from numpy and scikit-image
 * (Debian's python3-skimage) by tests/oracle/metrics.py; rerun it from the
 * project root to remake them and the images in tests/data. The critical
 * values are checked against the published table of Wu, Noonan & Agaian
 * (2011) as ../shared/REFERENCES.md quotes it. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "nc-compare.h"
#include "nc-sweep.h"
#include "nc-engine.h"
#include "nc-metric-suite.h"
#include "nc-metrics.h"
#include "nc-test-util.h"

static JsonObject *expected;

static NcImage *
load (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  NcImage *image;

  if (g_str_equal (name, "camera.png") || g_str_equal (name, "astronaut.png"))
    path = nc_test_sample_path (name);
  else
    path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", name, NULL);
  image = nc_image_load (path, NULL, &error);
  g_assert_no_error (error);
  return image;
}

static void
assert_close (double      got,
              JsonNode   *want,
              double      tolerance,
              const char *what)
{
  if (JSON_NODE_HOLDS_NULL (want))
    {
      if (!isnan (got) && !isinf (got))
        g_error ("%s: got %.12g, expected undefined", what, got);
      return;
    }
  if (!(fabs (got - json_node_get_double (want)) <= tolerance))
    g_error ("%s: got %.15g, expected %.15g (tolerance %g)", what, got,
             json_node_get_double (want), tolerance);
}

static void
test_single (gconstpointer data)
{
  const char *name = data;
  JsonObject *want = json_object_get_object_member (json_object_get_object_member (expected, "single"), name);
  g_autoptr(NcImage) image = load (name);
  NcHistogram histogram;
  static const NcDirection directions[] = { NC_DIRECTION_HORIZONTAL, NC_DIRECTION_VERTICAL,
                                            NC_DIRECTION_DIAGONAL };

  nc_metric_histogram (image, &histogram);
  assert_close (nc_metric_entropy (image, NC_ALL_CHANNELS),
                json_object_get_member (want, "entropy_all"), 1e-9, "entropy (all)");
  for (guint c = 0; c < image->channels; c++)
    {
      JsonObject *correlation = json_object_get_object_member (want, "correlation");
      g_autoptr(GError) error = NULL;
      double local;
      gboolean ok;

      assert_close (nc_metric_entropy (image, (int) c),
                    json_array_get_element (json_object_get_array_member (want, "entropy"), c),
                    1e-9, "entropy");
      assert_close (nc_metric_chi_square (histogram.counts[c], histogram.n),
                    json_array_get_element (json_object_get_array_member (want, "chi_square"), c),
                    1e-9 * MAX (1.0, nc_metric_chi_square (histogram.counts[c], histogram.n)),
                    "chi-square");
      for (gsize d = 0; d < G_N_ELEMENTS (directions); d++)
        assert_close (nc_metric_correlation (image, c, directions[d]),
                      json_array_get_element (json_object_get_array_member (correlation,
                                              nc_direction_to_string (directions[d])), c),
                      1e-9, nc_direction_to_string (directions[d]));

      ok = nc_metric_local_entropy (image, c, 1, &local, &error);
      assert_close (ok ? local : NAN,
                    json_array_get_element (json_object_get_array_member (want, "local_entropy_seed_1"), c),
                    1e-9, "local entropy");
    }
}

static void
test_pair (gconstpointer data)
{
  const char *names = data;
  g_auto(GStrv) parts = g_strsplit (names, "|", 2);
  JsonObject *want = json_object_get_object_member (json_object_get_object_member (expected, "pair"), names);
  g_autoptr(NcImage) a = load (parts[0]);
  g_autoptr(NcImage) b = load (parts[1]);
  g_autoptr(GError) error = NULL;
  NcDifferential all;
  double mse, ssim;

  g_assert_true (nc_metric_differential (a, b, NC_ALL_CHANNELS, &all, &error));
  assert_close (all.npcr, json_object_get_member (want, "npcr_all"), 1e-9, "NPCR");
  assert_close (all.uaci, json_object_get_member (want, "uaci_all"), 1e-9, "UACI");
  for (guint c = 0; c < a->channels; c++)
    {
      NcDifferential one;

      g_assert_true (nc_metric_differential (a, b, (int) c, &one, NULL));
      assert_close (one.npcr, json_array_get_element (json_object_get_array_member (want, "npcr"), c),
                    1e-9, "NPCR per channel");
      assert_close (one.uaci, json_array_get_element (json_object_get_array_member (want, "uaci"), c),
                    1e-9, "UACI per channel");
    }
  g_assert_true (nc_metric_mse (a, b, &mse, NULL));
  assert_close (mse, json_object_get_member (want, "mse"), 1e-9, "MSE");
  assert_close (nc_metric_psnr_of_mse (mse), json_object_get_member (want, "psnr"), 1e-9, "PSNR");
  g_assert_true (nc_metric_ssim (a, b, &ssim, &error));
  g_assert_no_error (error);
  assert_close (ssim, json_object_get_member (want, "ssim"), 1e-6, "SSIM");
}

/* The published table (REFERENCES.md), to its four decimals. */
static void
test_critical_values (void)
{
  static const struct {
    guint side;
    double alpha, npcr, low, high;
  } table[] = {
    { 256, 0.05, 99.5693, 33.2824, 33.6447 },
    { 256, 0.01, 99.5527, 33.2255, 33.7016 },
    { 256, 0.001, 99.5341, 33.1594, 33.7677 },
    { 512, 0.05, 99.5893, 33.3730, 33.5541 },
    { 512, 0.01, 99.5810, 33.3445, 33.5826 },
    { 512, 0.001, 99.5717, 33.3115, 33.6156 },
    { 1024, 0.05, 99.5994, 33.4183, 33.5088 },
    { 1024, 0.01, 99.5952, 33.4040, 33.5231 },
    { 1024, 0.001, 99.5906, 33.3875, 33.5396 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      NcDifferentialCritical critical;

      nc_metric_differential_critical ((guint64) table[i].side * table[i].side,
                                       table[i].alpha, &critical);
      g_assert_cmpfloat_with_epsilon (critical.npcr_critical, table[i].npcr, 0.6e-4);
      g_assert_cmpfloat_with_epsilon (critical.uaci_low, table[i].low, 0.6e-4);
      g_assert_cmpfloat_with_epsilon (critical.uaci_high, table[i].high, 0.6e-4);
    }
  g_assert_cmpfloat_with_epsilon (NC_NPCR_EXPECTED, 99.6094, 1e-4);
  g_assert_cmpfloat_with_epsilon (NC_UACI_EXPECTED, 33.4635, 1e-4);
}

/* Each test is decided in one place, with the bounds it used. */
static void
test_verdicts (void)
{
  NcDifferentialVerdicts v;
  NcDifferential d = { 99.58, 33.40 };
  NcVerdict verdict;

  /* χ²: α = 0.05, 255 degrees of freedom; no verdict under five
   * expected samples a bin (1280 samples). */
  verdict = nc_verdict_chi_square (250.0, 512 * 512);
  g_assert_cmpint (verdict.outcome, ==, NC_OUTCOME_PASS);
  g_assert_cmpfloat (verdict.high, ==, NC_CHI_SQUARE_CRITICAL_005);
  g_assert_cmpint (nc_verdict_chi_square (300.0, 512 * 512).outcome, ==, NC_OUTCOME_FAIL);
  g_assert_cmpint (nc_verdict_chi_square (250.0, 1279).outcome, ==, NC_OUTCOME_NOT_APPLICABLE);
  g_assert_cmpint (nc_verdict_chi_square (250.0, 1280).outcome, ==, NC_OUTCOME_PASS);

  /* Correlation: |r| < 1.959964 / √n. */
  verdict = nc_verdict_correlation (0.003, 511 * 512);
  g_assert_cmpfloat_with_epsilon (verdict.high, 1.959963984540054 / sqrt (511.0 * 512.0), 1e-15);
  g_assert_cmpint (verdict.outcome, ==, NC_OUTCOME_PASS);
  g_assert_cmpint (nc_verdict_correlation (-0.004, 511 * 512).outcome, ==, NC_OUTCOME_FAIL);
  g_assert_cmpint (nc_verdict_correlation (NAN, 511 * 512).outcome, ==, NC_OUTCOME_NOT_APPLICABLE);

  /* NPCR/UACI for the samples compared: 3 × 512² is judged as 3 × 512²,
   * not as 512². */
  nc_verdict_differential (&d, 512 * 512, &v);
  g_assert_cmpint (v.npcr[0].outcome, ==, NC_OUTCOME_FAIL);   /* critical 99.5893 */
  g_assert_cmpint (v.npcr[1].outcome, ==, NC_OUTCOME_FAIL);   /* 99.5810 */
  g_assert_cmpint (v.npcr[2].outcome, ==, NC_OUTCOME_PASS);   /* 99.5717 */
  g_assert_cmpint (v.uaci[0].outcome, ==, NC_OUTCOME_PASS);
  g_assert_cmpfloat_with_epsilon (v.npcr[0].low, 99.5893, 0.6e-4);
  nc_verdict_differential (&d, 3 * 512 * 512, &v);
  g_assert_cmpfloat (v.npcr[0].low, >, 99.5893);
  g_assert_cmpfloat (v.npcr[0].alpha, ==, 0.05);
  g_assert_cmpfloat (v.npcr[2].alpha, ==, 0.001);
  g_assert_cmpstr (nc_outcome_to_string (NC_OUTCOME_NOT_APPLICABLE), ==, "does not apply");
}

static void
test_normal_quantile (void)
{
  /* Reference quantiles of the standard normal distribution. */
  g_assert_cmpfloat_with_epsilon (nc_normal_quantile (0.975), 1.959963984540054, 1e-12);
  g_assert_cmpfloat_with_epsilon (nc_normal_quantile (0.95), 1.6448536269514722, 1e-12);
  g_assert_cmpfloat_with_epsilon (nc_normal_quantile (0.999), 3.090232306167813, 1e-12);
  g_assert_cmpfloat_with_epsilon (nc_normal_quantile (0.01), -2.3263478740408408, 1e-12);
  g_assert_cmpfloat_with_epsilon (nc_normal_quantile (0.5), 0.0, 1e-15);
}

static void
test_ideal_entropy (void)
{
  g_assert_cmpfloat_with_epsilon (nc_metric_entropy_ideal (256 * 256), 7.9972, 1e-4);
  g_assert_cmpfloat_with_epsilon (nc_metric_entropy_ideal (512 * 512), 7.9993, 1e-4);
  /* Small images: the exact expectation, made with Python's exact
   * binomial weights (math.comb and fractions.Fraction, p = 1/256):
   * 256 Σ C(n,k) pᵏ(1−p)ⁿ⁻ᵏ (−k/n log2 k/n). */
  g_assert_cmpfloat (nc_metric_entropy_ideal (1), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (nc_metric_entropy_ideal (15), 3.8527741168601395, 1e-9);
  g_assert_cmpfloat_with_epsilon (nc_metric_entropy_ideal (256), 7.174966352532681, 1e-9);
  g_assert_cmpfloat_with_epsilon (nc_metric_entropy_ideal (1000), 7.803759566922945, 1e-9);
  g_assert_cmpfloat_with_epsilon (nc_metric_entropy_ideal (5000), 7.962878199903346, 1e-9);
  /* The exact sum agrees with the third-order formula the largest
   * images use. */
  g_assert_cmpfloat_with_epsilon (nc_metric_entropy_ideal (65536),
                                  8.0 - (255.0 / (2.0 * 65536) + 65535.0 / (12.0 * 65536.0 * 65536.0)) / G_LN2,
                                  2e-8);
  for (guint64 n = 1; n < 3000; n += 7)
    g_assert_cmpfloat (nc_metric_entropy_ideal (n), >=, 0.0);
}

static void
test_degenerate (void)
{
  g_autoptr(NcImage) tiny = nc_image_new (1, 1, 3, NULL);
  g_autoptr(NcImage) other = nc_image_new (2, 1, 3, NULL);
  g_autoptr(GError) error = NULL;
  guint8 first[4], second[4];
  double value;

  g_assert_true (isnan (nc_metric_correlation (tiny, 0, NC_DIRECTION_HORIZONTAL)));
  g_assert_cmpuint (nc_metric_sample_pairs (tiny, 0, NC_DIRECTION_DIAGONAL, 4, 1, first, second), ==, 0);
  g_assert_cmpfloat (nc_metric_entropy (tiny, 0), ==, 0.0);
  g_assert_false (nc_metric_local_entropy (tiny, 0, 1, &value, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (nc_metric_ssim (tiny, tiny, &value, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (nc_metric_mse (tiny, other, &value, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
  g_assert_true (nc_metric_mse (tiny, tiny, &value, NULL));
  g_assert_true (isinf (nc_metric_psnr_of_mse (value)));
}

static void
test_sample_pairs (void)
{
  g_autoptr(NcImage) image = load ("astronaut.png");
  guint8 a[3000], b[3000], c[3000], d[3000];

  g_assert_cmpuint (nc_metric_sample_pairs (image, 1, NC_DIRECTION_VERTICAL, 3000, 9, a, b), ==, 3000);
  nc_metric_sample_pairs (image, 1, NC_DIRECTION_VERTICAL, 3000, 9, c, d);
  g_assert_cmpmem (a, 3000, c, 3000);
  g_assert_cmpmem (b, 3000, d, 3000);
}

/* Noise on a ciphertext: a stream cipher without diffusion keeps the
 * damage where it fell; ciphertext-feedback diffusion spreads each
 * damaged sample to its neighbours in the chain when decrypting (only a
 * few, as in CBC), so the same noise costs more. */
static void
test_noise_resistance (void)
{
  g_autoptr(NcImage) plain = load ("camera.png");
  const char *engines[] = { "chacha20", "hopfield" };
  double psnr[2], ssim[2];

  for (int e = 0; e < 2; e++)
    {
      const NcEngine *engine = nc_engine_find (engines[e], NULL);
      g_autoptr(NcParams) key = nc_engine_new_params (engine);
      g_autoptr(NcImage) cipher = nc_image_new_like (plain, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (nc_engine_encrypt (engine, key, plain, cipher, NULL, NULL));
      g_assert_true (nc_metric_noise_resistance (engine, key, plain, cipher,
                                                 NC_NOISE_SALT_AND_PEPPER, 0.01, 3,
                                                 &psnr[e], &ssim[e], NULL, &error));
      g_assert_no_error (error);
      g_test_message ("%s: salt-and-pepper 1 %%: PSNR %.2f dB, SSIM %.4f", engines[e], psnr[e], ssim[e]);
    }
  g_assert_cmpfloat (psnr[0], >, 20.0);
  g_assert_cmpfloat (psnr[1], <, psnr[0] - 3.0);
  g_assert_cmpfloat (ssim[1], <, ssim[0]);
}

static void
test_noise_apply (void)
{
  g_autoptr(NcImage) a = nc_image_new (100, 60, 3, NULL);
  g_autoptr(NcImage) b = nc_image_new (100, 60, 3, NULL);
  g_autoptr(NcImage) c = nc_image_new (100, 60, 3, NULL);
  gsize black = 0;

  memset (a->data, 128, nc_image_get_n_bytes (a));
  memset (b->data, 128, nc_image_get_n_bytes (b));
  nc_noise_apply (a, NC_NOISE_GAUSSIAN, 10.0, 5);
  nc_noise_apply (b, NC_NOISE_GAUSSIAN, 10.0, 5);
  g_assert_true (nc_image_equal (a, b));
  /* Normal with σ = 10, rounded: mean 128 and standard deviation
   * √(100 + 1/12) within four standard errors (n = 18000: 0.075 for the
   * mean, 0.053 for the deviation). */
  {
    double sum = 0.0, sum2 = 0.0, n = (double) nc_image_get_n_bytes (a), mean, sd;

    for (gsize i = 0; i < nc_image_get_n_bytes (a); i++)
      {
        sum += a->data[i];
        sum2 += (double) a->data[i] * a->data[i];
      }
    mean = sum / n;
    sd = sqrt (sum2 / n - mean * mean);
    g_assert_cmpfloat_with_epsilon (mean, 128.0, 0.3);
    g_assert_cmpfloat_with_epsilon (sd, sqrt (100.0 + 1.0 / 12), 0.21);
  }

  memset (c->data, 200, nc_image_get_n_bytes (c));
  nc_noise_apply (c, NC_NOISE_OCCLUSION, 0.25, 1);
  for (gsize i = 0; i < nc_image_get_n_bytes (c); i++)
    black += c->data[i] == 0;
  /* A centred 50 × 30 block. */
  g_assert_cmpuint (black, ==, 50 * 30 * 3);
}

/* Given the plaintext's measures from an earlier analysis, the suite
 * reports exactly what it would have measured itself. */
/* Eq. 14, SSIM and PSNR between the plaintext and the ciphertext: the
 * same SSIM the oracle checks against scikit-image, of the ciphertext
 * the analysis made. (Checked by hand against structural_similarity on
 * a ciphertext from neurocipher-cli encrypt: 0.337491 both.) A
 * single-layer CNN keeps the outline; a chaotic cipher keeps nothing. */
static void
test_distortion (void)
{
  g_autofree char *path = nc_test_sample_path ("camera.png");
  g_autoptr(NcImage) plain = nc_image_load (path, NULL, NULL);
  const char *engines[] = { "convolutional", "hopfield" };

  for (gsize e = 0; e < G_N_ELEMENTS (engines); e++)
    {
      const NcEngine *engine = nc_engine_find (engines[e], NULL);
      g_autoptr(NcParams) key = nc_engine_new_params (engine);
      NcAnalysis live, full;
      double ssim, mse;

      if (e == 0)
        g_assert_true (nc_params_set_from_string (key, "variant=single-layer", NULL));
      g_assert_true (nc_analysis_run (plain, NULL, engine, key, 0, NC_ANALYSIS_LIVE, &live, NULL, NULL));
      g_assert_true (nc_analysis_run (plain, NULL, engine, key, 0, NC_ANALYSIS_FULL, &full, NULL, NULL));
      g_assert_true (isnan (live.distortion_ssim));
      g_assert_true (nc_metric_ssim (plain, full.cipher_image, &ssim, NULL));
      g_assert_true (nc_metric_mse (plain, full.cipher_image, &mse, NULL));
      g_assert_cmpfloat (full.distortion_ssim, ==, ssim);
      g_assert_cmpfloat (full.distortion_mse, ==, mse);
      g_assert_cmpfloat (live.distortion_psnr, ==, nc_metric_psnr_of_mse (mse));
      if (e == 0)
        g_assert_cmpfloat (ssim, >, 0.1);
      else
        g_assert_cmpfloat (fabs (ssim), <, 0.05);
      nc_analysis_clear (&live);
      nc_analysis_clear (&full);
    }
}

/* A live update without the key flip: the same ciphertext and
 * decryption, the key sensitivity NAN (its verdicts not applicable) and
 * no pair; the full analysis measures it whatever the flag says. */
static void
test_suite_no_key_flip (void)
{
  g_autoptr(NcImage) plain = nc_test_pattern_image (40, 24, 3, 9);
  const NcEngine *engine = nc_engine_find ("hopfield", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  NcAnalysis with, without, full;

  g_assert_true (nc_analysis_run (plain, NULL, engine, key, 2, NC_ANALYSIS_LIVE, &with, NULL, NULL));
  g_assert_true (nc_analysis_run (plain, NULL, engine, key, 2, NC_ANALYSIS_NO_KEY_FLIP, &without, NULL, NULL));
  g_assert_true (nc_analysis_run (plain, NULL, engine, key, 2, NC_ANALYSIS_FULL | NC_ANALYSIS_NO_KEY_FLIP,
                                  &full, NULL, NULL));
  g_assert_true (with.has_key_flip);
  g_assert_true (nc_image_equal (with.cipher_image, without.cipher_image));
  g_assert_true (without.exact);
  g_assert_cmpfloat (without.distortion_psnr, ==, with.distortion_psnr);
  g_assert_cmpfloat (without.cipher.entropy_all, ==, with.cipher.entropy_all);
  g_assert_false (without.has_key_flip);
  g_assert_null (without.flipped_cipher);
  g_assert_null (without.wrong_plain);
  g_assert_cmpuint (without.key.bit, ==, 2);
  g_assert_true (isnan (without.key.ciphers.npcr) && isnan (without.key.ciphers.uaci));
  g_assert_true (isnan (without.key.wrong_entropy) && isnan (without.key.wrong_psnr));
  for (int i = 0; i < NC_N_ALPHAS; i++)
    {
      g_assert_cmpint (without.key_verdicts.npcr[i].outcome, ==, NC_OUTCOME_NOT_APPLICABLE);
      g_assert_cmpint (without.key_verdicts.uaci[i].outcome, ==, NC_OUTCOME_NOT_APPLICABLE);
    }
  g_assert_true (full.has_key_flip);
  g_assert_nonnull (full.flipped_cipher);
  g_assert_cmpfloat (full.key.ciphers.npcr, ==, with.key.ciphers.npcr);
  g_assert_cmpfloat (full.key.ciphers.uaci, ==, with.key.ciphers.uaci);
  nc_analysis_clear (&with);
  nc_analysis_clear (&without);
  nc_analysis_clear (&full);
}

static double
weak_share_of (const NcEngine *engine,
               const NcParams *key)
{
  NcKeySpace space;
  double share;

  g_assert_true (nc_metric_key_space (engine, key, &space, NULL, NULL));
  g_assert_cmpuint (space.weak_draws, ==, 48);
  share = space.weak_share;
  nc_key_space_clear (&space);
  return share;
}

/* The weak share is kept per engine and public settings: the same for
 * another key, and for other settings what a fresh measurement gives,
 * whatever was kept before. */
static void
test_weak_share_kept (void)
{
  const NcEngine *engine = nc_engine_find ("hopfield", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autoptr(NcParams) other_key = nc_engine_new_params (engine);
  g_autoptr(NcParams) hybrid = nc_engine_new_params (engine);
  double first, fresh_hybrid;

  g_assert_true (nc_params_set (other_key, "x0", 0.3, NULL));
  g_assert_true (nc_params_set_from_string (hybrid, "variant=hybrid", NULL));
  g_assert_true (nc_params_set (hybrid, "source", 1, NULL));
  nc_key_space_forget_weak_shares ();
  fresh_hybrid = weak_share_of (engine, hybrid);
  nc_key_space_forget_weak_shares ();
  first = weak_share_of (engine, key);
  g_assert_cmpfloat (weak_share_of (engine, other_key), ==, first);
  g_assert_cmpfloat (weak_share_of (engine, hybrid), ==, fresh_hybrid);
  g_assert_cmpfloat (weak_share_of (engine, key), ==, first);
  nc_key_space_forget_weak_shares ();
}

/* The effective key space is measured and never above the nominal one,
 * for every engine and variant (the sanitizer build samples three). */
static void
test_key_space (void)
{
  const NcEngine * const *engines;
  guint n;

  engines = nc_engines_list (&n);
  for (guint e = 0; e < n; e++)
    {
      const NcParamSpec *variants = nc_engine_get_variant_spec (engines[e]);
      guint64 n_variants = nc_engine_get_n_variants (engines[e]);

      for (guint64 v = 0; v < n_variants; v++)
        {
          g_autoptr(NcParams) key = nc_engine_new_params (engines[e]);
          g_autoptr(GError) error = NULL;
          NcKeySpace space;
          double sum = 0;

#if defined(__SANITIZE_ADDRESS__)
          if (v > 0)
            continue;
#endif
          if (variants != NULL)
            g_assert_true (nc_params_set (key, NC_PARAM_VARIANT_ID, (double) v, NULL));
          g_assert_true (nc_metric_key_space (engines[e], key, &space, NULL, &error));
          g_assert_no_error (error);
          g_test_message ("%s %" G_GUINT64_FORMAT ": nominal %.1f, encoding %.1f, effective %.1f",
                          engines[e]->id, v, space.nominal_bits, space.encoding_bits,
                          space.effective_bits);
          g_assert_cmpfloat (space.effective_bits, <=, space.nominal_bits);
          g_assert_cmpfloat (space.effective_bits, <=, space.encoding_bits + 1e-9);
          g_assert_cmpfloat (space.effective_bits, >=, 0.0);
          g_assert_cmpfloat_with_epsilon (space.encoding_bits, nc_params_get_key_space_bits (key), 1e-9);
          for (guint p = 0; p < space.n_params; p++)
            {
              const NcKeyParamSpace *param = &space.params[p];

              g_assert_cmpuint (param->bits_that_matter, <=, param->bits);
              g_assert_cmpfloat (param->effective_bits, <=, param->encoding_bits + 1e-9);
              /* A burn-in only slides the keystream: it counts nothing. */
              if (g_str_equal (param->id, "burn_in"))
                {
                  g_assert_true (param->slide);
                  g_assert_cmpfloat (param->effective_bits, ==, 0.0);
                }
              sum += param->effective_bits;
            }
          g_assert_cmpfloat (space.uncapped_bits, <=, sum + 1e-9);
          if (g_str_equal (engines[e]->id, "chacha20"))
            /* Every bit of a good cipher's key matters. */
            g_assert_cmpfloat (space.effective_bits, ==, 256.0);
          if (g_str_equal (engines[e]->id, "adversarial"))
            g_assert_cmpfloat (space.effective_bits, ==, 64.0);
          nc_key_space_clear (&space);
        }
    }
}

/* The local-entropy interval fits the statistic computed: the block's
 * exact moments agree with a numpy simulation (numpy.random.default_rng(1),
 * 20 000 blocks of 1936 samples: mean 7.902495, sd 0.008714, standard
 * errors 0.00006 and 0.00004), and 95 % of random images fall inside
 * the α = 0.05 interval in a seeded simulation here, where about half
 * fall inside the published one. */
static void
test_local_entropy_interval (void)
{
  double mean, sd, low, high;
  guint inside = 0, inside_published = 0;
  const guint trials = 600;
  NcRng rng;

  nc_metric_block_entropy_moments (1936, &mean, &sd);
  g_assert_cmpfloat_with_epsilon (mean, 7.902495, 0.0002);
  g_assert_cmpfloat_with_epsilon (sd, 0.008714, 0.00015);
  nc_metric_local_entropy_interval (0.05, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 7.8993, 0.0002);
  g_assert_cmpfloat_with_epsilon (high, 7.9056, 0.0002);

  nc_rng_init (&rng, 11);
  for (guint t = 0; t < trials; t++)
    {
      g_autoptr(NcImage) image = nc_image_new (6 * 44, 5 * 44, 1, NULL);
      double h;

      for (gsize i = 0; i < nc_image_get_n_bytes (image); i++)
        image->data[i] = (guint8) (nc_rng_next (&rng) >> 56);
      g_assert_true (nc_metric_local_entropy (image, 0, t, &h, NULL));
      inside += nc_verdict_local_entropy (h).outcome == NC_OUTCOME_PASS;
      inside_published += nc_verdict_local_entropy_published (h).outcome == NC_OUTCOME_PASS;
    }
  g_test_message ("inside the derived interval %u / %u, the published one %u / %u",
                  inside, trials, inside_published, trials);
  /* Binomial(600, 0.95): 570 ± 5.3. */
  g_assert_cmpuint (inside, >=, 552);
  g_assert_cmpuint (inside, <=, 588);
  g_assert_cmpuint (inside_published, <, 400);
}

static void
test_suite_kept_plain (void)
{
  g_autofree char *path = nc_test_sample_path ("astronaut.png");
  g_autoptr(NcImage) plain = nc_image_load (path, NULL, NULL);
  const NcEngine *engine = nc_engine_find ("hopfield", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  NcAnalysis first, second;
  NcImageStats kept;

  g_assert_true (nc_analysis_run (plain, NULL, engine, key, 0, NC_ANALYSIS_LIVE, &first, NULL, NULL));
  nc_image_stats_copy (&kept, &first.plain);
  g_assert_true (nc_analysis_run_with_plain (plain, &kept, NULL, engine, key, 3, NC_ANALYSIS_LIVE,
                                             &second, NULL, NULL));
  nc_image_stats_clear (&kept);
  g_assert_cmpmem (&first.plain.histogram, sizeof first.plain.histogram,
                   &second.plain.histogram, sizeof second.plain.histogram);
  g_assert_cmpmem (first.plain.correlation, sizeof first.plain.correlation,
                   second.plain.correlation, sizeof second.plain.correlation);
  g_assert_cmpmem (first.plain.local_entropy, sizeof first.plain.local_entropy,
                   second.plain.local_entropy, sizeof second.plain.local_entropy);
  for (int c = 0; c < 3; c++)
    for (int d = 0; d < 3; d++)
      {
        g_assert_true (first.plain.pairs[c][d][0] != second.plain.pairs[c][d][0]);
        g_assert_cmpmem (first.plain.pairs[c][d][1], first.plain.n_pairs,
                         second.plain.pairs[c][d][1], second.plain.n_pairs);
      }
  g_assert_true (nc_image_equal (first.cipher_image, second.cipher_image));
  nc_analysis_clear (&first);
  nc_analysis_clear (&second);
}

static void
test_sensitivity (void)
{
  g_autoptr(NcImage) plain = load ("camera.png");
  const NcEngine *engine = nc_engine_find ("hopfield", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autoptr(NcImage) flipped = NULL;
  g_autoptr(NcImage) wrong = NULL;
  g_autofree double *curve = NULL;
  NcKeySensitivity sensitivity;
  NcDifferential plaintext;

  g_assert_true (nc_metric_key_sensitivity (engine, key, plain, NULL, 0, &flipped, &wrong,
                                            &sensitivity, NULL, NULL));
  g_assert_cmpfloat (sensitivity.ciphers.npcr, >, 99.0);
  g_assert_cmpfloat (sensitivity.wrong_psnr, <, 12.0);
  g_assert_cmpfloat (fabs (sensitivity.wrong_correlation[0]), <, 0.02);
  g_assert_nonnull (flipped);
  g_assert_nonnull (wrong);

  g_assert_true (nc_metric_plaintext_sensitivity (engine, key, plain, NULL, 256, 256, &plaintext,
                                                  NULL, NULL));
  g_assert_cmpfloat (plaintext.npcr, >, 99.0);

  /* The convolutional engine's key is only its seed: flipping any of its
   * 52 bits changes the weights. */
  engine = nc_engine_find ("convolutional", NULL);
  g_clear_pointer (&key, nc_params_free);
  key = nc_engine_new_params (engine);
  curve = g_new (double, nc_params_get_key_bits (key));
  g_assert_true (nc_metric_key_bit_curve (engine, key, plain, curve, NULL, NULL));
  for (guint bit = 0; bit < nc_params_get_key_bits (key); bit++)
    g_assert_cmpfloat (curve[bit], >, 1.0);
}

static void
compare_progress (guint               done,
                  guint               total,
                  const NcCompareRow *row,
                  gpointer            data)
{
  guint *calls = data;

  g_assert_cmpuint (done, ==, *calls + 1);
  g_assert_cmpuint (done, <=, total);
  g_assert_nonnull (row->label);
  (*calls)++;
}

/* The comparison has a row per engine and variant, each the analysis
 * `analyze` makes with the same key; the claims are judged and say why. */
static void
test_compare (void)
{
  g_autoptr(NcImage) plain = nc_test_pattern_image (64, 48, 3, 7);
  g_autoptr(NcComparison) c = NULL;
  g_autoptr(GError) error = NULL;
  guint n_engines, expected_rows = 0, progress_calls = 0;
  const NcEngine * const *engines = nc_engines_list (&n_engines);
  const char *two[] = { "chacha20", "hopfield", NULL };

  for (guint e = 0; e < n_engines; e++)
    expected_rows += nc_engine_get_n_variants (engines[e]);
  c = nc_compare_run (plain, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->n_rows, ==, expected_rows);
  g_assert_cmpuint (c->n_rows, >=, 13);
  for (guint i = 0; i < c->n_rows; i++)
    g_assert_true (c->rows[i].analysis.exact);
  /* Three rows checked against their own analysis (the first, one in the
   * middle, the last): each is a full analysis with the attack lab. */
  for (guint i = 0; i < c->n_rows; i += c->n_rows / 2)
    {
      const NcCompareRow *row = &c->rows[i];
      g_autoptr(NcParams) key = nc_compare_key (row->engine, row->variant, 0, &error);
      NcAnalysis direct;

      g_assert_no_error (error);
      g_assert_true (nc_analysis_run (plain, NULL, row->engine, key, 0, NC_ANALYSIS_FULL, &direct, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (row->analysis.cipher.entropy_all, ==, direct.cipher.entropy_all);
      g_assert_cmpfloat (row->analysis.key.ciphers.npcr, ==, direct.key.ciphers.npcr);
      g_assert_cmpfloat (row->analysis.key.ciphers.uaci, ==, direct.key.ciphers.uaci);
      g_assert_cmpfloat (row->analysis.noise_psnr[NC_NOISE_OCCLUSION][1], ==, direct.noise_psnr[NC_NOISE_OCCLUSION][1]);
      g_assert_cmpfloat (row->analysis.noise_ssim[NC_NOISE_OCCLUSION][1], ==, direct.noise_ssim[NC_NOISE_OCCLUSION][1]);
      g_assert_cmpfloat (row->analysis.noise_psnr[NC_NOISE_SALT_AND_PEPPER][1], ==,
                         direct.noise_psnr[NC_NOISE_SALT_AND_PEPPER][1]);
      g_assert_cmpfloat (row->analysis.noise_ssim[NC_NOISE_SALT_AND_PEPPER][1], ==,
                         direct.noise_ssim[NC_NOISE_SALT_AND_PEPPER][1]);
      /* Compare measures only the two damages it shows, and keeps the
       * numbers, not the images. */
      g_assert_true (isnan (row->analysis.noise_psnr[NC_NOISE_GAUSSIAN][1]));
      g_assert_true (isnan (row->analysis.noise_ssim[NC_NOISE_OCCLUSION][2]));
      g_assert_null (row->analysis.cipher_image);
      g_assert_null (row->analysis.attack_target);
      for (guint k = 0; k < row->analysis.n_attacks; k++)
        g_assert_null (row->analysis.attacks[k].recovered);
      g_assert_cmpfloat (row->analysis.key_space.effective_bits, ==, direct.key_space.effective_bits);
      g_assert_cmpfloat (row->analysis.distortion_ssim, ==, direct.distortion_ssim);
      g_assert_cmpuint (row->analysis.n_attacks, ==, direct.n_attacks);
      for (guint k = 0; k < direct.n_attacks; k++)
        g_assert_cmpint (row->analysis.attacks[k].broken, ==, direct.attacks[k].broken);
      nc_analysis_clear (&direct);
    }
  /* A claim per neural family, and one over every row. */
  g_assert_cmpuint (c->n_claims, ==, 5);
  for (guint i = 0; i < c->n_claims; i++)
    {
      g_assert_nonnull (c->claims[i].reason);
      g_assert_cmpstr (nc_claim_outcome_to_string (c->claims[i].outcome), !=, "");
    }
  g_assert_cmpint (c->claims[4].family, ==, -1);
  g_clear_pointer (&c, nc_comparison_free);

  c = nc_compare_run (plain, two, 3, compare_progress, &progress_calls, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->n_rows, ==, 1 + nc_engine_get_n_variants (nc_engine_find ("hopfield", NULL)));
  g_assert_cmpuint (progress_calls, ==, c->n_rows);
  g_assert_cmpstr (c->rows[0].engine->id, ==, "chacha20");
  /* A family with no rows is not tested. */
  g_assert_cmpint (c->claims[1].outcome, ==, NC_CLAIM_NOT_TESTED);
  g_clear_pointer (&c, nc_comparison_free);

  two[1] = "no-such-engine";
  g_assert_null (nc_compare_run (plain, two, 0, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
}

static double
ckey_step (const NcParams *key)
{
  return nc_params_get_schema (key)->specs[nc_params_find (key, "x1")].step;
}

/* A sweep's points are the analysis's measurements at the same values;
 * the values are on the parameter's grid, ends included. */
static void
test_sweep (void)
{
  g_autoptr(NcImage) plain = nc_test_pattern_image (48, 40, 3, 3);
  const NcEngine *engine = nc_engine_find ("hopfield", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autoptr(NcSweep) sweep = NULL;
  g_autoptr(GError) error = NULL;
  guint all = (1u << NC_SWEEP_N_METRICS) - 1;

  sweep = nc_sweep_run (engine, key, plain, "w11", NAN, NAN, 3, all, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sweep->n_points, ==, 3);
  g_assert_cmpfloat (sweep->values[0], ==, 1.99);
  g_assert_cmpfloat (sweep->values[2], ==, nc_params_get (key, "w11") + 0.01);
  g_assert_cmpfloat (sweep->current, ==, 2.0);
  g_assert_true (sweep->has_chaos);
  for (guint i = 0; i < sweep->n_points; i++)
    {
      g_autoptr(NcParams) at = nc_params_copy (key);
      NcAnalysis a;
      NcChaos chaos;
      double chi2 = 0.0, corr_h = 0.0, ssim;

      g_assert_true (nc_params_set (at, "w11", sweep->values[i], &error));
      /* The live analysis has all but SSIM(P, C), measured beside it. */
      g_assert_true (nc_analysis_run (plain, NULL, engine, at, 0, NC_ANALYSIS_LIVE, &a, NULL, &error));
      g_assert_true (nc_metric_ssim (plain, a.cipher_image, &ssim, &error));
      g_assert_no_error (error);
      for (guint c = 0; c < 3; c++)
        {
          chi2 += a.cipher.chi_square[c] / 3;
          corr_h += a.cipher.correlation[c][NC_DIRECTION_HORIZONTAL] / 3;
        }
      g_assert_cmpfloat (sweep->measured[NC_SWEEP_ENTROPY][i], ==, a.cipher.entropy_all);
      g_assert_cmpfloat_with_epsilon (sweep->measured[NC_SWEEP_CHI_SQUARE][i], chi2, 1e-9);
      g_assert_cmpfloat_with_epsilon (sweep->measured[NC_SWEEP_CORRELATION_H][i], corr_h, 1e-12);
      g_assert_cmpfloat (sweep->measured[NC_SWEEP_NPCR][i], ==, a.key.ciphers.npcr);
      g_assert_cmpfloat (sweep->measured[NC_SWEEP_UACI][i], ==, a.key.ciphers.uaci);
      g_assert_cmpfloat (sweep->measured[NC_SWEEP_SSIM][i], ==, ssim);
      g_assert_cmpfloat (sweep->measured[NC_SWEEP_TIME][i], >, 0.0);
      g_assert_true (nc_engine_chaos (engine, at, &chaos));
      g_assert_cmpfloat (sweep->measured[NC_SWEEP_LYAPUNOV][i], ==, chaos.lyapunov);
      g_assert_cmpfloat (sweep->chaos[i].lyapunov, ==, chaos.lyapunov);
      g_assert_cmpuint (sweep->chaos[i].n_peaks, ==, chaos.n_peaks);
      g_assert_cmpuint (chaos.n_peaks, >, 10);
      nc_analysis_clear (&a);
    }
  g_clear_pointer (&sweep, nc_sweep_free);

  /* Between grid values is snapped; the published exponent of the
   * hyperchaotic CNN is about +0.2. */
  {
    const NcEngine *cellular = nc_engine_find ("cellular", NULL);
    g_autoptr(NcParams) ckey = nc_engine_new_params (cellular);

    sweep = nc_sweep_run (cellular, ckey, plain, "x1", 0.1 + 0.3 * ckey_step (ckey), 0.2, 3,
                          1u << NC_SWEEP_LYAPUNOV, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (sweep->values[0], 0.1, 1e-12);
    g_assert_cmpfloat (sweep->measured[NC_SWEEP_LYAPUNOV][0], >, 0.1);
    g_assert_cmpfloat (sweep->measured[NC_SWEEP_LYAPUNOV][0], <, 0.35);
    g_assert_null (sweep->measured[NC_SWEEP_ENTROPY]);
    g_clear_pointer (&sweep, nc_sweep_free);
  }

  /* ChaCha20 has no chaotic system: its Lyapunov column is empty. */
  {
    const NcEngine *chacha = nc_engine_find ("chacha20", NULL);
    g_autoptr(NcParams) ckey = nc_engine_new_params (chacha);
    const NcParamSchema *schema = nc_params_get_schema (ckey);
    const char *real = NULL;

    for (guint p = 0; p < schema->n_specs && real == NULL; p++)
      if (schema->specs[p].kind == NC_PARAM_INT && schema->specs[p].in_key)
        real = schema->specs[p].id;
    g_assert_nonnull (real);
    sweep = nc_sweep_run (chacha, ckey, plain, real, NAN, NAN, 2, (1u << NC_SWEEP_LYAPUNOV) | 1u,
                          NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (sweep->has_chaos);
    g_assert_true (isnan (sweep->measured[NC_SWEEP_LYAPUNOV][0]));
    g_clear_pointer (&sweep, nc_sweep_free);
  }

  /* What cannot be swept says why. */
  g_assert_null (nc_sweep_run (engine, key, plain, "nope", NAN, NAN, 4, 1, NULL, NULL, NULL, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (nc_sweep_run (engine, key, plain, "source", NAN, NAN, 4, 1, NULL, NULL, NULL, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (nc_sweep_run (engine, key, plain, "henon_a", NAN, NAN, 4, 1, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "does not act"));
  g_clear_error (&error);
  g_assert_null (nc_sweep_run (engine, key, plain, "w11", NAN, NAN, 1, 1, NULL, NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_null (nc_sweep_run (engine, key, plain, "w11", 5.0, NAN, 4, 1, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "outside its range"));
}

static void
cancel_after_first (guint               done,
                    guint               total,
                    const NcCompareRow *row,
                    gpointer            data)
{
  (void) total;
  (void) row;
  if (done == 1)
    g_cancellable_cancel (data);
}

static void
cancel_sweep (guint    done,
              guint    total,
              gpointer data)
{
  (void) total;
  if (done == 2)
    g_cancellable_cancel (data);
}

/* A cancelled comparison or sweep stops, says so, and frees what it had
 * measured (the sanitizer build's leak check watches this test). */
static void
test_cancelled_studies (void)
{
  g_autoptr(NcImage) plain = nc_test_pattern_image (48, 32, 3, 11);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) sweep_cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NcParams) key = nc_engine_new_params (nc_engine_find ("cellular", NULL));

  g_assert_null (nc_compare_run (plain, NULL, 0, cancel_after_first, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (nc_sweep_run (nc_engine_find ("cellular", NULL), key, plain, "x1", NAN, NAN, 64,
                               (1u << NC_SWEEP_ENTROPY) | (1u << NC_SWEEP_LYAPUNOV), cancel_sweep,
                               sweep_cancellable, sweep_cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) singles = NULL;
  g_autoptr(GList) pairs = NULL;

  g_test_init (&argc, &argv, NULL);
  path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "oracle", "expected-metrics.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  expected = json_node_get_object (json_parser_get_root (parser));

  singles = json_object_get_members (json_object_get_object_member (expected, "single"));
  for (GList *l = singles; l != NULL; l = l->next)
    {
      g_autofree char *test = g_strdup_printf ("/metrics/single/%s", (const char *) l->data);

      g_test_add_data_func (test, l->data, test_single);
    }
  pairs = json_object_get_members (json_object_get_object_member (expected, "pair"));
  for (GList *l = pairs; l != NULL; l = l->next)
    {
      g_autofree char *test = g_strdup_printf ("/metrics/pair/%s", (const char *) l->data);

      g_test_add_data_func (test, l->data, test_pair);
    }
  g_test_add_func ("/metrics/critical-values", test_critical_values);
  g_test_add_func ("/metrics/normal-quantile", test_normal_quantile);
  g_test_add_func ("/metrics/ideal-entropy", test_ideal_entropy);
  g_test_add_func ("/metrics/degenerate", test_degenerate);
  g_test_add_func ("/metrics/sample-pairs", test_sample_pairs);
  g_test_add_func ("/metrics/noise-apply", test_noise_apply);
  g_test_add_func ("/metrics/noise-resistance", test_noise_resistance);
  g_test_add_func ("/metrics/sensitivity", test_sensitivity);
  g_test_add_func ("/metrics/suite-kept-plain", test_suite_kept_plain);
  g_test_add_func ("/metrics/verdicts", test_verdicts);
  g_test_add_func ("/metrics/distortion", test_distortion);
  g_test_add_func ("/metrics/suite-no-key-flip", test_suite_no_key_flip);
  g_test_add_func ("/metrics/key-space", test_key_space);
  g_test_add_func ("/metrics/weak-share-kept", test_weak_share_kept);
  g_test_add_func ("/metrics/local-entropy-interval", test_local_entropy_interval);
  g_test_add_func ("/metrics/compare", test_compare);
  g_test_add_func ("/metrics/sweep", test_sweep);
  g_test_add_func ("/metrics/cancelled-studies", test_cancelled_studies);

  return g_test_run ();
}
