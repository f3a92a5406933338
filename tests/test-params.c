/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parameter specs, the key bit model and key files. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "nc-engine.h"
#include "nc-test-util.h"

static const NcParamChoice variants[] = {
  { "plain", "Plain" },
  { "fancy", "Fancy" },
  { NULL, NULL },
};

static const NcParamChoice maps[] = {
  { "logistic", "Logistic" },
  { "henon", "Hénon" },
  { "lorenz", "Lorenz" },
  { NULL, NULL },
};

/* Levels: variant 2, x0 2001 (11 bits), rounds 4 (2 bits), map 3 (2 bits,
 * fancy only), mix flag 2 (1 bit), gain 1 (0 bits). */
static const NcParamSpec test_specs[] = {
  { "variant", "Variant", NC_PARAM_CHOICE, 0, 1, 1, 0, "", "Which variant", FALSE, variants, 0, FALSE, FALSE },
  { "x0", "Initial state", NC_PARAM_REAL, -1, 1, 0.001, 0.1, "", "Start", TRUE, NULL, 0, FALSE, FALSE },
  { "rounds", "Rounds", NC_PARAM_INT, 1, 4, 1, 2, "", "Rounds", FALSE, NULL, 0, FALSE, FALSE },
  { "map", "Map", NC_PARAM_CHOICE, 0, 2, 1, 0, "", "Chaotic map", TRUE, maps, 1u << 1, FALSE, FALSE },
  { "mix", "Mix", NC_PARAM_FLAG, 0, 1, 1, 1, "", "Mixing", TRUE, NULL, 0, FALSE, FALSE },
  { "gain", "Gain", NC_PARAM_REAL, 2.5, 2.5, 1, 2.5, "V", "Fixed", TRUE, NULL, 0, FALSE, FALSE },
};

static const NcParamSchema test_schema = { "test-engine", test_specs, G_N_ELEMENTS (test_specs) };

static void
test_levels_and_bits (void)
{
  static const guint64 levels[] = { 2, 2001, 4, 3, 2, 1 };
  static const guint bits[] = { 1, 11, 2, 2, 1, 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (test_specs); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (nc_param_spec_validate (&test_specs[i], &error));
      g_assert_no_error (error);
      g_assert_cmpuint (nc_param_spec_levels (&test_specs[i]), ==, levels[i]);
      g_assert_cmpuint (nc_param_spec_bits (&test_specs[i]), ==, bits[i]);
    }
}

/* Decimal steps whose range is a whole number of steps must not lose the
 * last level to binary rounding. */
static void
test_levels_decimal_steps (void)
{
  NcParamSpec spec = { "p", "P", NC_PARAM_REAL, 0, 0.3, 0.1, 0, "", "h", TRUE, NULL, 0, FALSE, FALSE };

  g_assert_cmpuint (nc_param_spec_levels (&spec), ==, 4);
  spec.min = 3.6; spec.max = 4.0; spec.step = 1e-15; spec.default_value = 3.6;
  g_assert_cmpuint (nc_param_spec_levels (&spec), ==, 400000000000001);
  g_assert_cmpuint (nc_param_spec_bits (&spec), ==, 49);
  spec.min = 0; spec.max = 4294967295.0; spec.step = 1;
  g_assert_cmpuint (nc_param_spec_levels (&spec), ==, G_GUINT64_CONSTANT (4294967296));
  g_assert_cmpuint (nc_param_spec_bits (&spec), ==, 32);
}

static void
test_value_grid (void)
{
  const NcParamSpec *x0 = &test_specs[1];
  g_autoptr(GError) error = NULL;
  guint64 level = 0;

  g_assert_true (nc_param_spec_level_of (x0, 0.1, &level, NULL));
  g_assert_cmpuint (level, ==, 1100);
  g_assert_cmpfloat_with_epsilon (nc_param_spec_value_at (x0, level), 0.1, 1e-12);
  g_assert_true (nc_param_spec_level_of (x0, 1.0, &level, NULL));
  g_assert_cmpuint (level, ==, 2000);

  g_assert_false (nc_param_spec_level_of (x0, 1.5, &level, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "outside its range"));
  g_clear_error (&error);
  g_assert_false (nc_param_spec_level_of (x0, 0.1234, &level, &error));
  g_assert_nonnull (strstr (error->message, "not on its grid"));
  g_clear_error (&error);
  g_assert_false (nc_param_spec_level_of (x0, NAN, &level, &error));
  g_assert_nonnull (strstr (error->message, "finite"));
  g_clear_error (&error);
  g_assert_false (nc_param_spec_level_of (x0, INFINITY, &level, &error));
  g_clear_error (&error);
}

static void
test_parse_and_format (void)
{
  static const struct {
    guint spec;
    const char *text;
    guint64 level;
    const char *formatted;
  } good[] = {
    { 1, "0.1", 1100, "0.1" },
    { 1, " -1 ", 0, "-1" },
    { 1, "1e-3", 1001, "0.001" },
    { 2, "4", 3, "4" },
    { 3, "HENON", 1, "henon" },
    { 4, "off", 0, "false" },
    { 4, "yes", 1, "true" },
  };
  static const struct {
    guint spec;
    const char *text;
    const char *words;
  } bad[] = {
    { 1, "", "no value" },
    { 1, "nan", "finite" },
    { 1, "inf", "finite" },
    { 1, "0.1x", "not a number" },
    { 1, "2", "outside its range" },
    { 2, "2.5", "whole number" },
    { 2, "0", "outside its range" },
    { 3, "tent", "no choice" },
    { 4, "maybe", "not true or false" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      guint64 level = G_MAXUINT64;

      g_assert_true (nc_param_spec_parse (&test_specs[good[i].spec], good[i].text, &level, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (level, ==, good[i].level);
      text = nc_param_spec_format_level (&test_specs[good[i].spec], level);
      g_assert_cmpstr (text, ==, good[i].formatted);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 level;

      g_assert_false (nc_param_spec_parse (&test_specs[bad[i].spec], bad[i].text, &level, &error));
      g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
      if (strstr (error->message, bad[i].words) == NULL)
        g_error ("“%s”: message “%s” lacks “%s”", bad[i].text, error->message, bad[i].words);
    }
}

/* Every level of a real parameter formats to text that parses back to it. */
static void
test_format_round_trip (void)
{
  NcParamSpec spec = { "w", "W", NC_PARAM_REAL, -2.5, 7.3, 0.0007, 0, "", "h", TRUE, NULL, 0, FALSE, FALSE };
  guint64 levels = nc_param_spec_levels (&spec);

  for (guint64 level = 0; level < levels; level += 7)
    {
      g_autofree char *text = nc_param_spec_format_level (&spec, level);
      guint64 back;

      g_assert_true (nc_param_spec_parse (&spec, text, &back, NULL));
      g_assert_cmpuint (back, ==, level);
    }
}

static void
test_variant_activity (void)
{
  g_autoptr(NcParams) params = nc_params_new (&test_schema);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (nc_params_get_variant (params), ==, 0);
  g_assert_false (nc_params_is_active (params, 3));
  /* plain: x0 11 + mix 1 + gain 0 */
  g_assert_cmpuint (nc_params_get_key_bits (params), ==, 12);
  g_assert_cmpfloat_with_epsilon (nc_params_get_key_space_bits (params),
                                  log2 (2001.0) + 1.0, 1e-12);

  g_assert_true (nc_params_set_from_string (params, "variant=fancy", &error));
  g_assert_no_error (error);
  g_assert_true (nc_params_is_active (params, 3));
  g_assert_cmpuint (nc_params_get_key_bits (params), ==, 14);
  g_assert_cmpfloat_with_epsilon (nc_params_get_key_space_bits (params),
                                  log2 (2001.0) + log2 (3.0) + 1.0, 1e-12);

  g_assert_false (nc_params_set_from_string (params, "nope=1", &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (nc_params_set_from_string (params, "x0", &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
}

static void
test_key_bits_and_flip (void)
{
  g_autoptr(NcParams) params = nc_params_new (&test_schema);
  g_autoptr(NcParams) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bit_string = NULL;
  guint index, local;

  nc_params_set_from_string (params, "variant=fancy", NULL);
  /* x0 = 0.1 → level 1100 = 0b10001001100; map 0 → 00; mix 1 → 1 */
  bit_string = nc_params_get_key_bit_string (params);
  g_assert_cmpstr (bit_string, ==, "10001001100" "00" "1");

  g_assert_true (nc_params_locate_key_bit (params, 0, &index, &local, NULL));
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpuint (local, ==, 0);
  g_assert_true (nc_params_locate_key_bit (params, 11, &index, &local, NULL));
  g_assert_cmpuint (index, ==, 3);
  g_assert_true (nc_params_locate_key_bit (params, 13, &index, &local, NULL));
  g_assert_cmpuint (index, ==, 4);
  g_assert_false (nc_params_locate_key_bit (params, 14, &index, &local, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
  g_clear_error (&error);

  /* Every bit flips to a different valid key, and flipping twice
   * restores it where the level count is a power of two. */
  for (guint bit = 0; bit < nc_params_get_key_bits (params); bit++)
    {
      g_clear_pointer (&before, nc_params_free);
      before = nc_params_copy (params);
      g_assert_true (nc_params_flip_key_bit (params, bit, NULL));
      g_assert_false (nc_params_equal (before, params));
      nc_params_locate_key_bit (params, bit, &index, &local, NULL);
      g_assert_cmpuint (nc_params_get_level (params, index), <,
                        nc_param_spec_levels (&test_specs[index]));
      g_clear_pointer (&params, nc_params_free);
      params = nc_params_copy (before);
    }

  /* x0's top bit (2^10 = 1024) from level 1100 gives 76; from 1000 it
   * would give 2024 ≥ 2001 and wraps to 23. */
  g_assert_true (nc_params_flip_key_bit (params, 10, NULL));
  g_assert_cmpuint (nc_params_get_level (params, 1), ==, 76);
  nc_params_set_level (params, 1, 1000, NULL);
  g_assert_true (nc_params_flip_key_bit (params, 10, NULL));
  g_assert_cmpuint (nc_params_get_level (params, 1), ==, 23);

  /* The flag has two levels: flipping its bit twice restores it. */
  g_assert_true (nc_params_flip_key_bit (params, 13, NULL));
  g_assert_true (nc_params_flip_key_bit (params, 13, NULL));
  g_assert_cmpuint (nc_params_get_level (params, 4), ==, 1);
}

static void
test_randomize (void)
{
  g_autoptr(NcParams) a = nc_params_new (&test_schema);
  g_autoptr(NcParams) b = nc_params_new (&test_schema);
  g_autoptr(NcParams) c = nc_params_new (&test_schema);
  NcRng rng;

  nc_rng_init (&rng, 42);
  nc_params_randomize_key (a, &rng);
  nc_rng_init (&rng, 42);
  nc_params_randomize_key (b, &rng);
  g_assert_true (nc_params_equal (a, b));
  /* Public parameters keep their values. */
  g_assert_cmpuint (nc_params_get_level (a, 2), ==, 1);
  g_assert_cmpuint (nc_params_get_level (a, 0), ==, 0);

  nc_params_randomize_key (c, NULL);
  for (guint i = 0; i < test_schema.n_specs; i++)
    g_assert_cmpuint (nc_params_get_level (c, i), <, nc_param_spec_levels (&test_specs[i]));
}

static void
test_key_file_round_trip (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "k.nckey", NULL);
  g_autoptr(NcParams) params = nc_params_new (&test_schema);
  g_autoptr(NcParams) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  NcRng rng;

  nc_params_set_from_string (params, "variant=fancy", NULL);
  for (guint64 seed = 0; seed < 50; seed++)
    {
      g_clear_pointer (&back, nc_params_free);
      nc_rng_init (&rng, seed);
      nc_params_randomize_key (params, &rng);
      g_assert_true (nc_params_save_key_file (params, path, &error));
      g_assert_no_error (error);
      back = nc_params_load_key_file (&test_schema, path, &error);
      g_assert_no_error (error);
      g_assert_true (nc_params_equal (params, back));
    }
  owner = nc_key_file_peek_owner (path, &error);
  g_assert_cmpstr (owner, ==, "test-engine");
  nc_test_tmpdir_remove (dir);
}

static void
test_key_file_refusals (void)
{
  static const struct {
    const char *text;
    const char *words;
  } cases[] = {
    { "", "empty" },
    { "just some text\n", "not a key file" },
    { "\xff\xfe\x00binary", "not a key file" },
    { "[Other]\nA=1\n", "no [Neurocipher Key] section" },
    { "[Neurocipher Key]\nEngine=test-engine\n", "no valid Version" },
    { "[Neurocipher Key]\nVersion=9\nEngine=test-engine\n", "version 9" },
    { "[Neurocipher Key]\nVersion=1\n", "names no engine" },
    { "[Neurocipher Key]\nVersion=1\nEngine=chacha20\n[Parameters]\n", "not for test-engine" },
    { "[Neurocipher Key]\nVersion=1\nEngine=test-engine\n", "no [Parameters] section" },
    { "[Neurocipher Key]\nVersion=1\nEngine=test-engine\n[Parameters]\nx0=0.1\nmix=true\nbogus=1\n",
      "unknown parameter “bogus”" },
    { "[Neurocipher Key]\nVersion=1\nEngine=test-engine\n[Parameters]\nmix=true\n",
      "“x0” is missing" },
    /* A secret value is never repeated: the message says what is allowed. */
    { "[Neurocipher Key]\nVersion=1\nEngine=test-engine\n[Parameters]\nx0=nan\nmix=true\n",
      "“x0” is not a number from -1 to 1 in steps of 0.001 (its value is secret and not shown)" },
    { "[Neurocipher Key]\nVersion=1\nEngine=test-engine\n[Parameters]\nx0=7\nmix=true\n",
      "“x0” is not a number from -1 to 1" },
    { "[Neurocipher Key]\nVersion=1\nEngine=test-engine\n[Parameters]\nx0=0.00015\nmix=true\n",
      "“x0” is not a number from -1 to 1" },
    { "[Neurocipher Key]\nVersion=1\nEngine=test-engine\n[Parameters]\nvariant=fancy\nx0=0\nmix=1\n",
      "“map” is missing" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NcParams) params = nc_params_load_key_data (&test_schema, cases[i].text,
                                                            strlen (cases[i].text) +
                                                            (i == 2 ? 6 : 0),
                                                            "bad.nckey", &error);

      g_assert_null (params);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "bad.nckey: "));
      g_assert_null (strstr (error->message, "0.00015"));
      g_assert_null (strstr (error->message, "= 7"));
      if (strstr (error->message, cases[i].words) == NULL)
        g_error ("case %" G_GSIZE_FORMAT ": message “%s” lacks “%s”", i, error->message,
                 cases[i].words);
    }
}

static void
test_key_file_public_defaults (void)
{
  const char *text = "[Neurocipher Key]\nVersion=1\nEngine=test-engine\n"
                     "[Parameters]\nx0=-0.25\nmix=false\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(NcParams) params = nc_params_load_key_data (&test_schema, text, strlen (text),
                                                        "k", &error);

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (nc_params_get (params, "x0"), -0.25, 1e-12);
  g_assert_cmpfloat (nc_params_get (params, "rounds"), ==, 2);
}

static void
test_engine_specs_valid (void)
{
  const NcEngine * const *engines;
  guint n;

  engines = nc_engines_list (&n);
  g_assert_cmpuint (n, >, 0);
  for (guint e = 0; e < n; e++)
    {
      g_assert_cmpstr (engines[e]->schema.owner, ==, engines[e]->id);
      for (guint i = 0; i < engines[e]->schema.n_specs; i++)
        {
          g_autoptr(GError) error = NULL;

          if (!nc_param_spec_validate (&engines[e]->schema.specs[i], &error))
            g_error ("%s: %s", engines[e]->id, error->message);
        }
    }
}

static void
test_engine_key_wrong_engine (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "k.nckey", NULL);
  g_autoptr(NcParams) params = nc_params_new (&test_schema);
  g_autoptr(GError) error = NULL;
  g_autoptr(NcParams) loaded = NULL;
  const NcEngine *chacha = nc_engine_find ("chacha20", NULL);

  nc_params_save_key_file (params, path, NULL);
  loaded = nc_engine_load_key (NULL, path, &error);
  g_assert_null (loaded);
  g_assert_error (error, NC_ERROR, NC_ERROR_KEY);
  g_assert_nonnull (strstr (error->message, "no engine “test-engine”"));
  g_clear_error (&error);

  loaded = nc_engine_load_key (chacha, path, &error);
  g_assert_null (loaded);
  g_assert_nonnull (strstr (error->message, "not for chacha20"));
  nc_test_tmpdir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/params/levels-and-bits", test_levels_and_bits);
  g_test_add_func ("/core/params/levels-decimal-steps", test_levels_decimal_steps);
  g_test_add_func ("/core/params/value-grid", test_value_grid);
  g_test_add_func ("/core/params/parse-and-format", test_parse_and_format);
  g_test_add_func ("/core/params/format-round-trip", test_format_round_trip);
  g_test_add_func ("/core/params/variant-activity", test_variant_activity);
  g_test_add_func ("/core/params/key-bits-and-flip", test_key_bits_and_flip);
  g_test_add_func ("/core/params/randomize", test_randomize);
  g_test_add_func ("/core/keyfile/round-trip", test_key_file_round_trip);
  g_test_add_func ("/core/keyfile/refusals", test_key_file_refusals);
  g_test_add_func ("/core/keyfile/public-defaults", test_key_file_public_defaults);
  g_test_add_func ("/core/engines/specs-valid", test_engine_specs_valid);
  g_test_add_func ("/core/engines/key-wrong-engine", test_engine_key_wrong_engine);

  return g_test_run ();
}
