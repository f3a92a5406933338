/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The adversarial engine's networks: the weights file (shipped, written,
 * refused when damaged), training that does what training should, and
 * the difference training makes to the ciphertext. Round trips and
 * golden vectors are in test-engines with every other engine. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "nc-adversarial.h"
#include "nc-metric-suite.h"
#include "nc-engine.h"
#include "nc-metrics.h"
#include "nc-test-util.h"

static GBytes *
shipped_bytes (void)
{
  g_autoptr(NcGanWeights) weights = nc_gan_weights_dup_shipped (NULL);

  g_assert_nonnull (weights);
  return nc_gan_weights_serialize (weights);
}

static void
test_shipped (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NcGanWeights) weights = nc_gan_weights_dup_shipped (&error);
  const NcEngine *engine = nc_engine_find ("adversarial", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autoptr(NcGanWeights) used = nc_gan_weights_dup_for_key (key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (weights);
  /* A key with no weights of its own runs the shipped ones. */
  g_assert_true (weights == used);
  g_assert_true (strstr (weights->provenance, "seed") != NULL);
  g_assert_cmpuint (strlen (weights->checksum), ==, 64);
  g_assert_cmpuint (weights->direct[3].n_in, ==, NC_GAN_LATENT + NC_GAN_NOISE + NC_GAN_HALF);
}

static void
test_file_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NcGanWeights) shipped = nc_gan_weights_dup_shipped (NULL);
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "w.ncw", NULL);
  g_autoptr(NcGanWeights) back = NULL;

  g_assert_true (nc_gan_weights_save (shipped, path, &error));
  g_assert_no_error (error);
  back = nc_gan_weights_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->provenance, ==, shipped->provenance);
  g_assert_cmpstr (back->checksum, ==, shipped->checksum);
  g_assert_cmpmem (back->transformation.params, back->transformation.n_params * sizeof (float),
                   shipped->transformation.params, shipped->transformation.n_params * sizeof (float));
  nc_test_tmpdir_remove (dir);
}

static void
expect_refused (GBytes     *bytes,
                const char *problem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NcGanWeights) weights = nc_gan_weights_parse (bytes, "bad.ncw", &error);

  g_assert_null (weights);
  g_assert_nonnull (error);
  if (!g_str_has_prefix (error->message, "bad.ncw: ") || strstr (error->message, problem) == NULL)
    g_error ("expected “bad.ncw: …%s…”, got “%s”", problem, error->message);
}

/* Rewrites the trailing checksum so a deliberate change gets past it and
 * reaches the check behind. */
static GBytes *
resealed (const guint8 *data,
          gsize         length)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 *copy = g_memdup2 (data, length);
  gsize digest_length = 32;

  g_checksum_update (checksum, copy, (gssize) (length - 32));
  g_checksum_get_digest (checksum, copy + length - 32, &digest_length);
  return g_bytes_new_take (copy, length);
}

static void
test_refuses_damage (void)
{
  g_autoptr(GBytes) good = shipped_bytes ();
  gsize length;
  const guint8 *data = g_bytes_get_data (good, &length);
  g_autofree guint8 *copy = g_memdup2 (data, length);
  g_autoptr(GError) error = NULL;
  gsize first_weight;

  expect_refused (g_bytes_new_static ("", 0), "empty");
  expect_refused (g_bytes_new_static ("\x89PNG\r\n\x1a\n....", 12), "not a Neurocipher weights file");

  /* Every prefix is refused (a sample of them; each is a separate parse). */
  for (gsize n = 1; n < length; n += 1 + n / 3)
    {
      g_autoptr(GBytes) prefix = g_bytes_new_static (data, n);
      g_autoptr(NcGanWeights) weights = nc_gan_weights_parse (prefix, "cut.ncw", NULL);

      g_assert_null (weights);
    }

  /* One flipped bit anywhere fails the checksum. */
  copy[length / 2] ^= 0x10;
  expect_refused (g_bytes_new_static (copy, length), "checksum");
  copy[length / 2] ^= 0x10;

  /* Version 2. */
  copy[8] = 2;
  {
    g_autoptr(GBytes) v2 = resealed (copy, length);
    expect_refused (v2, "version 2 is not supported");
  }
  copy[8] = NC_GAN_WEIGHTS_VERSION;

  /* A tensor of another shape: the first tensor's row count, 64 → 65. */
  {
    guint32 provenance_length;
    gsize rows_at;

    memcpy (&provenance_length, copy + 12, 4);
    rows_at = 16 + GUINT32_FROM_LE (provenance_length) + 4 + 4 + strlen ("perturbation.w1");
    copy[rows_at] = 65;
    {
      g_autoptr(GBytes) reshaped = resealed (copy, length);
      expect_refused (reshaped, "is 65 × 16, this build's network needs 64 × 16");
    }
    copy[rows_at] = 64;
    first_weight = rows_at + 8;
  }

  /* A NaN weight. */
  {
    float nan_value = NAN;
    guint8 saved[4];

    memcpy (saved, copy + first_weight, 4);
    memcpy (copy + first_weight, &nan_value, 4);
    {
      g_autoptr(GBytes) poisoned = resealed (copy, length);
      expect_refused (poisoned, "impossible weight");
    }
    memcpy (copy + first_weight, saved, 4);
  }

  /* The repaired copy reads again. */
  {
    g_autoptr(GBytes) repaired = g_bytes_new_static (copy, length);
    g_autoptr(NcGanWeights) weights = nc_gan_weights_parse (repaired, "ok.ncw", &error);

    g_assert_no_error (error);
    g_assert_nonnull (weights);
  }

  /* Files: missing, and a folder. */
  {
    g_autoptr(NcGanWeights) none = nc_gan_weights_load ("/nonexistent/w.ncw", &error);

    g_assert_null (none);
    g_assert_true (g_str_has_prefix (error->message, "/nonexistent/w.ncw: "));
  }
}

static GPtrArray *
camera_only (void)
{
  g_autofree char *path = nc_test_sample_path ("camera.png");
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  GPtrArray *images = nc_gan_load_training_images (paths, &error);

  g_assert_no_error (error);
  return images;
}

/* A short seeded run: after the warm-up (the discriminators learn alone
 * and easily tell the faint untrained generators' output from noise),
 * the generators' loss falls and the discriminators' accuracy moves
 * back towards a coin toss. About 10 s optimised; the sanitizer build
 * skips it (the optimised run of the same suite does not), and runs the
 * steps of test_training_repeats instead. */
static void
test_training (void)
{
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("150 training steps take minutes under AddressSanitizer");
#else
  g_autoptr(GPtrArray) images = camera_only ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NcGanTrainer) trainer = nc_gan_trainer_new (7, images, &error);
  enum { WINDOW = 10, STEPS = NC_GAN_WARM_UP + 100 };
  NcGanStats first[NC_GAN_N_VARIANTS] = { { 0 } }, last[NC_GAN_N_VARIANTS] = { { 0 } };

  g_assert_no_error (error);
  g_assert_cmpuint (nc_gan_trainer_get_n_patches (trainer), ==, 64 * 64);
  for (guint i = 0; i < STEPS; i++)
    {
      NcGanStats stats[NC_GAN_N_VARIANTS];
      NcGanStats *sum = NULL;

      if (i >= NC_GAN_WARM_UP && i < NC_GAN_WARM_UP + WINDOW)
        sum = first;
      else if (i >= STEPS - WINDOW)
        sum = last;
      nc_gan_trainer_step (trainer, stats);
      for (guint v = 0; sum != NULL && v < NC_GAN_N_VARIANTS; v++)
        {
          sum[v].g_loss += stats[v].g_loss / WINDOW;
          sum[v].d_accuracy += stats[v].d_accuracy / WINDOW;
        }
    }
  for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
    {
      g_test_message ("%s: G loss %.3f → %.3f, D accuracy %.3f → %.3f", nc_gan_variant_label (v),
                      first[v].g_loss, last[v].g_loss, first[v].d_accuracy, last[v].d_accuracy);
      g_assert_cmpfloat (last[v].g_loss, <, first[v].g_loss);
      g_assert_cmpfloat (fabs (last[v].d_accuracy - 0.5), <, fabs (first[v].d_accuracy - 0.5));
    }
#endif
}

static void
test_training_repeats (void)
{
  g_autoptr(GPtrArray) images = camera_only ();
  g_autoptr(NcGanTrainer) a = nc_gan_trainer_new (3, images, NULL);
  g_autoptr(NcGanTrainer) b = nc_gan_trainer_new (3, images, NULL);
  g_autoptr(NcGanWeights) wa = NULL;
  g_autoptr(NcGanWeights) wb = NULL;
  g_autoptr(GBytes) ba = NULL;
  g_autoptr(GBytes) bb = NULL;

  for (guint i = 0; i < 3; i++)
    {
      NcGanStats stats[NC_GAN_N_VARIANTS];

      nc_gan_trainer_step (a, stats);
      nc_gan_trainer_step (b, stats);
    }
  wa = nc_gan_trainer_dup_weights (a);
  wb = nc_gan_trainer_dup_weights (b);
  ba = nc_gan_weights_serialize (wa);
  bb = nc_gan_weights_serialize (wb);
  g_assert_true (g_bytes_equal (ba, bb));
}

static void
test_training_refuses_tiny_images (void)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) nc_image_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(NcGanTrainer) trainer = NULL;

  g_ptr_array_add (images, nc_image_new (7, 100, 1, NULL));
  trainer = nc_gan_trainer_new (1, images, &error);
  g_assert_null (trainer);
  g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
}

static double
horizontal_correlation (const NcImage *image)
{
  return nc_metric_correlation (image, 0, NC_DIRECTION_HORIZONTAL);
}

/* Training is what makes the cipher: with the untrained generators the
 * camera shows through the ciphertext; with the shipped ones it does not. */
static void
test_training_matters (void)
{
  g_autoptr(GPtrArray) images = camera_only ();
  g_autoptr(NcGanTrainer) trainer = nc_gan_trainer_new (1, images, NULL);
  g_autoptr(NcGanWeights) untrained = nc_gan_trainer_dup_weights (trainer);
  const NcEngine *engine = nc_engine_find ("adversarial", NULL);
  NcImage *plain = g_ptr_array_index (images, 0);

  for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
    {
      g_autoptr(NcParams) key = nc_engine_new_params (engine);
      g_autoptr(NcImage) weak = nc_image_new_like (plain, NULL);
      g_autoptr(NcImage) strong = nc_image_new_like (plain, NULL);
      g_autoptr(NcImage) back = nc_image_new_like (plain, NULL);
      g_autoptr(NcParams) untrained_key = NULL;
      double r_weak, r_strong;

      g_assert_true (nc_params_set (key, NC_PARAM_VARIANT_ID, v, NULL));
      untrained_key = nc_params_copy (key);
      nc_gan_weights_attach (untrained_key, untrained);
      g_assert_true (nc_engine_encrypt (engine, untrained_key, plain, weak, NULL, NULL));
      g_assert_true (nc_engine_decrypt (engine, untrained_key, weak, back, NULL, NULL));
      g_assert_true (nc_image_equal (plain, back));
      /* The weights travel with the key: the copy made before runs the
       * shipped ones still. */
      g_assert_true (nc_engine_encrypt (engine, key, plain, strong, NULL, NULL));

      r_weak = horizontal_correlation (weak);
      r_strong = horizontal_correlation (strong);
      g_test_message ("%s: horizontal correlation untrained %.4f, shipped %.5f",
                      nc_gan_variant_label (v), r_weak, r_strong);
      g_assert_cmpfloat (r_weak, >, 0.3);
      g_assert_cmpfloat (fabs (r_strong), <, 0.02);
    }
}

/* The network's own key sensitivity: with the noise codes drawn from
 * the position alone, one level of z1 changes a small share of the
 * samples (the generators' input moves a little); drawn from the hash
 * of z, the whole image. Both decrypt exactly. */
static void
test_hashed_codes (void)
{
  g_autoptr(GPtrArray) images = camera_only ();
  NcImage *plain = g_ptr_array_index (images, 0);
  const NcEngine *engine = nc_engine_find ("adversarial", NULL);

  for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
    for (int hashed = 0; hashed < 2; hashed++)
      {
        g_autoptr(NcParams) key = nc_engine_new_params (engine);
        g_autoptr(NcImage) back = nc_image_new_like (plain, NULL);
        NcAnalysis analysis;

        g_assert_true (nc_params_set (key, NC_PARAM_VARIANT_ID, v, NULL));
        g_assert_true (nc_params_set (key, "hashed_codes", hashed, NULL));
        g_assert_true (nc_analysis_run (plain, NULL, engine, key, 0, NC_ANALYSIS_LIVE, &analysis,
                                        NULL, NULL));
        g_assert_true (analysis.exact);
        g_test_message ("variant %u, codes %s: key bit 0 NPCR %.4f %%", v,
                        hashed ? "hashed from z" : "from the position", analysis.key.ciphers.npcr);
        if (hashed)
          g_assert_cmpfloat (analysis.key.ciphers.npcr, >, 99.0);
        else
          g_assert_cmpfloat (analysis.key.ciphers.npcr, <, 20.0);
        nc_analysis_clear (&analysis);
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/adversarial/shipped", test_shipped);
  g_test_add_func ("/adversarial/file-round-trip", test_file_round_trip);
  g_test_add_func ("/adversarial/refuses-damage", test_refuses_damage);
  g_test_add_func ("/adversarial/training", test_training);
  g_test_add_func ("/adversarial/training-repeats", test_training_repeats);
  g_test_add_func ("/adversarial/training-refuses-tiny-images", test_training_refuses_tiny_images);
  g_test_add_func ("/adversarial/training-matters", test_training_matters);
  g_test_add_func ("/adversarial/hashed-codes", test_hashed_codes);

  return g_test_run ();
}
