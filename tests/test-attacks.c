/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The attack lab: each attack recovers the whole target where the cipher
 * is what it assumes, and about 1/256 of it (chance) where it is not; the
 * attacks see an oracle, never a key. */
#include <math.h>
#include <string.h>

#include "nc-attack.h"
#include "nc-metric-suite.h"
#include "nc-test-util.h"

typedef struct {
  const char *engine;
  const char *sets[4];
  gboolean    keystream_breaks;
  gboolean    permutation_breaks;
} Case;

static const Case cases[] = {
  /* Both stages off: the plaintext itself, a keystream of zeros. */
  { "hopfield", { "permute=0", "diffuse=0", NULL }, TRUE, TRUE },
  /* Permutation alone (Hu et al. 2020). */
  { "hopfield", { "permute=1", "diffuse=0", NULL }, FALSE, TRUE },
  /* The perturbation is one fixed additive keystream. */
  { "adversarial", { "variant=perturbation", NULL }, TRUE, TRUE },
  /* ChaCha20 made to reuse its nonce: every image gets one keystream. */
  { "chacha20", { "nonce=0", NULL }, TRUE, TRUE },
  /* ChaCha20 as it is meant to be used: a fresh nonce for every image. */
  { "chacha20", { NULL }, FALSE, FALSE },
  /* A fresh nonce for every image defeats both, where the cipher has a
   * keystream to move. */
  { "hopfield", { "permute=1", "diffuse=0", "nonce=1" }, FALSE, FALSE },
  { "adversarial", { "variant=perturbation", "nonce=1", NULL }, FALSE, FALSE },
  /* Diffusion with ciphertext feedback defeats both. */
  { "hopfield", { NULL }, FALSE, FALSE },
  { "cellular", { NULL }, FALSE, FALSE },
  { "convolutional", { "variant=hybrid", NULL }, FALSE, FALSE },
};

static NcImage *
load_sample (const char *name)
{
  g_autofree char *path = nc_test_sample_path (name);
  g_autoptr(GError) error = NULL;
  NcImage *image = nc_image_load (path, NULL, &error);

  g_assert_no_error (error);
  return image;
}

/* @strict: also that an attack expected to fail does; not for tiny
 * images, whose keyed permutation may happen to leave every pixel. */
static void
check_case (const Case    *c,
            const NcImage *plain,
            gboolean       strict)
{
  gboolean large = nc_image_get_n_bytes (plain) > 100000;
  const NcEngine *engine = nc_engine_find (c->engine, NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autoptr(NcImage) target = nc_image_new_like (plain, NULL);
  g_autoptr(NcOracle) oracle = NULL;
  g_autoptr(GError) error = NULL;
  NcRng rng;

  nc_rng_init (&rng, 17);
  nc_params_randomize_key (key, &rng);
  for (guint i = 0; c->sets[i] != NULL; i++)
    g_assert_true (nc_params_set_from_string (key, c->sets[i], NULL));
  g_assert_true (nc_engine_encrypt (engine, key, plain, target, NULL, NULL));
  oracle = nc_oracle_new (engine, key);
  /* On large images, the budget of an analysis: the differential
   * tables (256 images more) are left out, and said to be. */
  if (large)
    nc_oracle_set_budget (oracle, NC_ANALYSIS_ATTACK_BUDGET);

  for (int a = 0; a < 4; a++)
    {
      static const char *ids[] = { "keystream", "permutation", "known-plaintext", "differential" };
      const NcAttack *attack = nc_attack_find (ids[a], NULL);
      /* Two known images, and a table per position, break what one
       * chosen zero image breaks. */
      gboolean expected = a == 1 ? c->permutation_breaks : c->keystream_breaks;

      if (a == 3 && large)
        expected = FALSE;
      NcAttackResult result;

      g_assert_true (nc_attack_run (attack, oracle, target, plain, &result, NULL, &error));
      g_assert_no_error (error);
      g_test_message ("%s %s on %s %u×%u×%u: %s, %.4f recovered", attack->id, c->engine,
                      c->sets[0] != NULL ? c->sets[0] : "defaults", plain->width, plain->height,
                      plain->channels, result.broken ? "broken" : "not broken",
                      result.recovered_share);
      if (strict || expected)
        g_assert_cmpint (result.broken, ==, expected);
      g_assert_cmpuint (result.oracle_calls, ==, result.chosen_images);
      g_assert_nonnull (result.summary);
      /* On a handful of samples a randomised cipher can pass a check by
       * chance; the summary says so. */
      if (result.broken && strict)
        g_assert_cmpfloat (result.recovered_share, ==, 1.0);
      else if (result.broken && result.recovered_share < 1.0)
        g_assert_nonnull (strstr (result.summary, "by chance"));
      else if (!result.broken && strict && result.recovered != NULL)
        /* Chance: about 1/256 of the samples, whatever the attack reads. */
        g_assert_cmpfloat (result.recovered_share, <, 0.02);
      else if (!result.broken)
        /* An attack that stops early reads nothing. */
        g_assert_true (result.recovered != NULL || isnan (result.recovered_share));
      nc_attack_result_clear (&result);
    }
}

static void
test_samples (void)
{
  const char *samples[] = { "camera.png", "astronaut.png" };
#if defined(__SANITIZE_ADDRESS__)
  /* One sample under AddressSanitizer: the optimised build runs both. */
  const gsize n_samples = 1;
#else
  const gsize n_samples = G_N_ELEMENTS (samples);
#endif

  for (gsize s = 0; s < n_samples; s++)
    {
      g_autoptr(NcImage) plain = load_sample (samples[s]);

      for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
        check_case (&cases[i], plain, TRUE);
    }
}

/* Odd, small and one-pixel images: the index codes and the permutation
 * map hold at every size. */
static void
test_sizes (void)
{
  static const guint shapes[][3] = { { 1, 1, 1 }, { 3, 1, 3 }, { 17, 9, 1 }, { 300, 211, 3 } };

  for (gsize s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autoptr(NcImage) plain = nc_test_pattern_image (shapes[s][0], shapes[s][1], shapes[s][2], s);

      for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
        check_case (&cases[i], plain, nc_image_get_n_bytes (plain) >= 4096);
    }
}

/* An attack sees the oracle and the ciphertext: no file of an attack
 * names a key, a parameter set or an engine call. */
static void
test_attacks_never_touch_a_key (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "src", "attacks", NULL);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *forbidden[] = { "NcParams", "nc_params_", "nc_engine_", "->key", "NcEngine" };
  const char *name;
  guint attacks = 0;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;

      if (!g_str_has_prefix (name, "nc-attack-"))
        continue;
      attacks++;
      path = g_build_filename (dir, name, NULL);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      for (gsize i = 0; i < G_N_ELEMENTS (forbidden); i++)
        if (strstr (text, forbidden[i]) != NULL)
          g_error ("%s names %s: attacks must see the oracle only", name, forbidden[i]);
    }
  g_assert_cmpuint (attacks, ==, 5);
}

/* Brute force estimates: a 52-bit seed is within reach at 10^12 keys a
 * second, a 256-bit key is not; the search on the key reduced to its
 * lowest bits finds one that fits; nothing of the target is read. */
static void
test_brute_force (void)
{
  g_autoptr(NcImage) plain = nc_test_pattern_image (48, 32, 1, 4);
  const char *engines[] = { "convolutional", "chacha20" };

  for (gsize e = 0; e < G_N_ELEMENTS (engines); e++)
    {
      const NcEngine *engine = nc_engine_find (engines[e], NULL);
      g_autoptr(NcParams) key = nc_engine_new_params (engine);
      g_autoptr(NcImage) target = nc_image_new_like (plain, NULL);
      g_autoptr(NcOracle) oracle = NULL;
      NcAttackResult result;
      NcRng rng;

      nc_rng_init (&rng, 8);
      nc_params_randomize_key (key, &rng);
      g_assert_true (nc_engine_encrypt (engine, key, plain, target, NULL, NULL));
      oracle = nc_oracle_new (engine, key);
      g_assert_true (nc_attack_run (nc_attack_find ("brute-force", NULL), oracle, target, plain,
                                    &result, NULL, NULL));
      g_test_message ("%s: %s", engines[e], result.summary);
      g_assert_null (result.recovered);
      g_assert_true (isnan (result.recovered_share));
      g_assert_cmpint (result.broken, ==, e == 0);
      g_assert_nonnull (strstr (result.summary, "found a key that fits"));
      g_assert_nonnull (strstr (result.summary, e == 0 ? "52-bit key" : "256-bit key"));
      g_assert_cmpuint (nc_oracle_get_trials (oracle), <=, 256);
      nc_attack_result_clear (&result);
    }
}

/* An analysis of a large image attacks its central 512 × 512, so the
 * lab's cost stays bounded: the verdicts are the same cipher's. */
static void
test_analysis_crops (void)
{
  g_autoptr(NcImage) plain = nc_test_pattern_image (700, 560, 1, 12);
  const NcEngine *engine = nc_engine_find ("hopfield", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  NcAnalysis analysis;

  g_assert_true (nc_params_set_from_string (key, "diffuse=0", NULL));
  g_assert_true (nc_analysis_run (plain, NULL, engine, key, 0, NC_ANALYSIS_ATTACKS, &analysis,
                                  NULL, NULL));
  g_assert_cmpuint (analysis.attack_plain->width, ==, NC_ANALYSIS_ATTACK_SIDE);
  g_assert_cmpuint (analysis.attack_plain->height, ==, NC_ANALYSIS_ATTACK_SIDE);
  /* The crop is the centre of the image. */
  g_assert_cmpmem (analysis.attack_plain->data, NC_ANALYSIS_ATTACK_SIDE,
                   plain->data + (gsize) 24 * 700 + 94, NC_ANALYSIS_ATTACK_SIDE);
  g_assert_true (analysis.attacks[1].broken);
  g_assert_cmpfloat (analysis.attacks[1].recovered_share, ==, 1.0);
  g_assert_false (analysis.attacks[0].broken);
  nc_analysis_clear (&analysis);
}

static void
test_registry (void)
{
  g_autoptr(GError) error = NULL;
  guint n;

  nc_attacks_list (&n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_null (nc_attack_find ("telepathy", &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "keystream, permutation, known-plaintext, differential, brute-force"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attacks/samples", test_samples);
  g_test_add_func ("/attacks/sizes", test_sizes);
  g_test_add_func ("/attacks/never-touch-a-key", test_attacks_never_touch_a_key);
  g_test_add_func ("/attacks/brute-force", test_brute_force);
  g_test_add_func ("/attacks/analysis-crops", test_analysis_crops);
  g_test_add_func ("/attacks/registry", test_registry);

  return g_test_run ();
}
