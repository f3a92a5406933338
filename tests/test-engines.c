/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every registered engine: exact round trips over sizes and channel
 * counts, wrong keys, cancellation, golden vectors. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "nc-engine.h"
#include "nc-metrics.h"
#include "nc-stages.h"
#include "nc-test-util.h"

static const guint sizes[][2] = {
  { 1, 1 }, { 1, 17 }, { 17, 1 }, { 3, 5 }, { 257, 131 }, { 512, 512 },
};

static void
check_round_trip (const NcEngine *engine,
                  const NcParams *key,
                  const NcImage  *plain)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NcImage) cipher = nc_image_new_like (plain, NULL);
  g_autoptr(NcImage) back = nc_image_new_like (plain, NULL);

  g_assert_true (nc_engine_encrypt (engine, key, plain, cipher, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nc_engine_decrypt (engine, key, cipher, back, NULL, &error));
  g_assert_no_error (error);
  if (!nc_image_equal (plain, back))
    g_error ("%s: %u×%u×%u does not decrypt exactly", engine->id, plain->width,
             plain->height, plain->channels);
  if (nc_image_get_n_bytes (plain) >= 64)
    g_assert_false (nc_image_equal (plain, cipher));
}

static void
for_each_variant (const NcEngine *engine,
                  void          (*check) (const NcEngine *, NcParams *))
{
  const NcParamSpec *variants = nc_engine_get_variant_spec (engine);
  guint64 n = nc_engine_get_n_variants (engine);

  for (guint64 v = 0; v < n; v++)
    {
      g_autoptr(NcParams) params = nc_engine_new_params (engine);

      if (variants != NULL)
        g_assert_true (nc_params_set (params, NC_PARAM_VARIANT_ID, (double) v, NULL));
      check (engine, params);
    }
}

static void
round_trips (const NcEngine *engine,
             NcParams       *params)
{
  NcRng rng;

  nc_rng_init (&rng, 2024);
  for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint channels = 1; channels <= 3; channels += 2)
      {
        g_autoptr(NcImage) plain = nc_test_pattern_image (sizes[s][0], sizes[s][1],
                                                          channels, s * 10 + channels);
        g_autoptr(NcParams) random_key = nc_params_copy (params);

        check_round_trip (engine, params, plain);
        nc_params_randomize_key (random_key, &rng);
        check_round_trip (engine, random_key, plain);
      }
}

static void
test_round_trip (gconstpointer data)
{
  for_each_variant (data, round_trips);
}

static void
wrong_key (const NcEngine *engine,
           NcParams       *params)
{
  g_autofree char *path = nc_test_sample_path ("camera.png");
  g_autoptr(NcImage) plain = nc_image_load (path, NULL, NULL);
  g_autoptr(NcImage) cipher = nc_image_new_like (plain, NULL);
  g_autoptr(NcImage) back = nc_image_new_like (plain, NULL);
  g_autoptr(NcParams) other = nc_params_copy (params);

  g_assert_true (nc_params_flip_key_bit (other, 0, NULL));
  g_assert_true (nc_engine_encrypt (engine, params, plain, cipher, NULL, NULL));
  g_assert_true (nc_engine_decrypt (engine, other, cipher, back, NULL, NULL));
  g_assert_false (nc_image_equal (plain, back));
}

static void
test_wrong_key (gconstpointer data)
{
  for_each_variant (data, wrong_key);
}

static double
npcr (const NcImage *a,
      const NcImage *b)
{
  gsize n = nc_image_get_n_bytes (a), differ = 0;

  for (gsize i = 0; i < n; i++)
    differ += a->data[i] != b->data[i];
  return 100.0 * (double) differ / (double) n;
}

/* Flipping the lowest bit of the first key parameter changes nearly every
 * sample when diffusion is on (the adversarial engine: without it, as
 * every noise code changes with z). */
static void
key_sensitivity (const NcEngine *engine,
                 NcParams       *params)
{
  g_autofree char *path = nc_test_sample_path ("camera.png");
  g_autoptr(NcImage) plain = nc_image_load (path, NULL, NULL);
  g_autoptr(NcImage) c1 = nc_image_new_like (plain, NULL);
  g_autoptr(NcImage) c2 = nc_image_new_like (plain, NULL);
  g_autoptr(NcParams) flipped = nc_params_copy (params);
  double value;

  g_assert_true (nc_params_flip_key_bit (flipped, 0, NULL));
  g_assert_true (nc_engine_encrypt (engine, params, plain, c1, NULL, NULL));
  g_assert_true (nc_engine_encrypt (engine, flipped, plain, c2, NULL, NULL));
  value = npcr (c1, c2);
  g_test_message ("%s variant %u: NPCR %.4f %%", engine->id, nc_params_get_variant (params), value);
  g_assert_cmpfloat (value, >, 99.0);
}

static void
test_key_sensitivity (gconstpointer data)
{
  for_each_variant (data, key_sensitivity);
}

static void
test_hopfield_diagnosis (void)
{
  const NcEngine *engine = nc_engine_find ("hopfield", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autofree char *fine = nc_engine_diagnose (engine, key);
  g_autofree char *weak = NULL;

  g_assert_null (fine);
  /* A Hénon drive this strong entrains the network (estimated exponent
   * about −0.01): its own state stops mattering. */
  g_assert_true (nc_params_set_from_string (key, "variant=hybrid", NULL));
  g_assert_true (nc_params_set_from_string (key, "source=henon", NULL));
  g_assert_true (nc_params_set_from_string (key, "eps_u=0.2", NULL));
  weak = nc_engine_diagnose (engine, key);
  g_assert_nonnull (weak);
  g_assert_nonnull (strstr (weak, "periodic orbit"));
}

/* A toy flow for the lanes' chaos measures: the Lorenz system, Euler
 * steps, each lane with its own ρ; @width lanes side by side, state i of
 * lane l at x[i × width + l]. */
typedef struct {
  guint  width;
  double x[3 * 8];
  double rho[8];
} ToyLanes;

static void
toy_step (gpointer      lanes,
          gconstpointer context)
{
  ToyLanes *s = lanes;
  double h = *(const double *) context;
  guint w = s->width;

  for (guint l = 0; l < w; l++)
    {
      double x = s->x[l], y = s->x[w + l], z = s->x[2 * w + l];

      s->x[l] = x + h * (10.0 * (y - x));
      s->x[w + l] = y + h * (x * (s->rho[l] - z) - y);
      s->x[2 * w + l] = z + h * (x * y - (8.0 / 3.0) * z);
    }
}

static void
toy_init (ToyLanes *s,
          guint     l,
          double    rho,
          double    x0)
{
  s->x[l] = x0;
  s->x[s->width + l] = 1.0;
  s->x[2 * s->width + l] = 1.0;
  s->rho[l] = rho;
}

/* Several keys measured side by side on pairs of lanes, each with its own
 * burn-in, give each the exponent and last state nc_lanes_measure_chaos()
 * gives it alone, to the bit; a diverging pair gives NAN and leaves the
 * others be. */
static void
test_lanes_chaos_pairs (void)
{
  const double rho[4] = { 28.0, 24.0, 99.96, 1e200 };
  const guint start[4] = { 500, 120, 900, 40 };
  const double h = 0.005;
  ToyLanes together = { .width = 8 };
  NcChaosPair pairs[4];
  double last[4 * 3];

  for (guint p = 0; p < 4; p++)
    {
      toy_init (&together, 2 * p, rho[p], 0.5 + p);
      toy_init (&together, 2 * p + 1, rho[p], 0.5 + p);
      pairs[p].start = start[p];
    }
  nc_lanes_measure_chaos_pairs (&together, together.x, 8, 3, toy_step, &h, h, 3000, pairs, 4, last);
  for (guint p = 0; p < 4; p++)
    {
      ToyLanes alone = { .width = NC_LANES_PER_THREAD };
      NcChaos chaos;

      for (guint l = 0; l < NC_LANES_PER_THREAD; l++)
        toy_init (&alone, l, rho[p], 0.5 + p);
      for (guint n = 0; n < start[p]; n++)
        toy_step (&alone, &h);
      nc_lanes_measure_chaos (&alone, alone.x, 3, toy_step, &h, h, 3000, &chaos);
      if (p < 3)
        {
          g_assert_true (isfinite (chaos.lyapunov));
          g_assert_cmpmem (&chaos.lyapunov, sizeof (double), &pairs[p].lyapunov, sizeof (double));
        }
      else
        g_assert_true (isnan (chaos.lyapunov) && isnan (pairs[p].lyapunov));
      for (guint i = 0; i < 3; i++)
        g_assert_cmpmem (&alone.x[i * NC_LANES_PER_THREAD], sizeof (double), &last[p * 3 + i],
                         sizeof (double));
    }
}

/* Many keys measured side by side get the verdicts each gets alone: drawn
 * keys of every variant (burn-ins and maps drawn too) and weak ones. */
static void
test_count_weak (void)
{
  static const char *engines[] = { "hopfield", "cellular" };

  for (gsize e = 0; e < G_N_ELEMENTS (engines); e++)
    {
      const NcEngine *engine = nc_engine_find (engines[e], NULL);
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) nc_params_free);
      guint expected = 0;
      NcRng rng;

      nc_rng_init (&rng, 7);
      for (guint v = 0; v < nc_engine_get_n_variants (engine); v++)
        for (guint i = 0; i < 9; i++)
          {
            NcParams *key = nc_engine_new_params (engine);
            g_autofree char *variant =
              g_strdup_printf ("variant=%s", nc_engine_get_variant_spec (engine)->choices[v].id);

            g_assert_true (nc_params_set_from_string (key, variant, NULL));
            nc_params_randomize_key (key, &rng);
            g_ptr_array_add (keys, key);
          }
      if (g_str_equal (engines[e], "hopfield"))
        for (guint i = 0; i < 5; i++)
          {
            NcParams *key = nc_engine_new_params (engine);
            g_autofree char *burn_in = g_strdup_printf ("burn_in=%u", 1000 + 700 * i);

            g_assert_true (nc_params_set_from_string (key, "variant=hybrid", NULL));
            g_assert_true (nc_params_set_from_string (key, "source=henon", NULL));
            g_assert_true (nc_params_set_from_string (key, "eps_u=0.2", NULL));
            g_assert_true (nc_params_set_from_string (key, burn_in, NULL));
            g_ptr_array_add (keys, key);
          }
      for (guint i = 0; i < keys->len; i++)
        {
          g_autofree char *warning = nc_engine_diagnose (engine, keys->pdata[i]);
          const NcParams *one = keys->pdata[i];

          expected += warning != NULL;
          g_assert_cmpuint (nc_engine_count_weak (engine, &one, 1), ==, warning != NULL);
        }
      g_test_message ("%s: %u of %u keys weak", engines[e], expected, keys->len);
      g_assert_cmpuint (nc_engine_count_weak (engine, (const NcParams * const *) keys->pdata, keys->len),
                        ==, expected);
    }
}

static void
test_cancelled (gconstpointer data)
{
  const NcEngine *engine = data;
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autoptr(NcImage) plain = nc_image_new (2048, 2048, 3, NULL);
  g_autoptr(NcImage) cipher = nc_image_new_like (plain, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (nc_engine_encrypt (engine, key, plain, cipher, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Structure settings away from the defaults still decrypt exactly. */
static void
test_structure_round_trips (void)
{
  static const char *settings[][4] = {
    { "hopfield", "permute=false", "rounds=3", "h=0.02" },
    { "hopfield", "diffuse=false", "variant=hybrid", "source=lorenz" },
    { "cellular", "variant=discrete", "iterations=1", "rounds=2" },
    { "cellular", "variant=adaptive", "iterations=4", "permute=false" },
    { "convolutional", "kernel_size=5x5", "activation=tanh", "layers=4" },
    { "convolutional", "variant=hybrid", "couplings=3", "activation=abs" },
    { "convolutional", "permute=true", "diffuse=true", "kernels=1" },
    { "convolutional", "variant=multi-layer", "levels=2", "kernels=8" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      const NcEngine *engine = nc_engine_find (settings[i][0], NULL);

      for (guint channels = 1; channels <= 3; channels += 2)
        {
          g_autoptr(NcParams) key = nc_engine_new_params (engine);
          g_autoptr(NcImage) plain = nc_test_pattern_image (37, 23, channels, i);
          NcRng rng;

          for (int k = 1; k < 4; k++)
            {
              g_autoptr(GError) error = NULL;

              if (!nc_params_set_from_string (key, settings[i][k], &error))
                g_error ("%s: %s", settings[i][k], error->message);
            }
          nc_rng_init (&rng, i);
          nc_params_randomize_key (key, &rng);
          check_round_trip (engine, key, plain);
        }
    }
}

static void
test_refuses_bad_calls (void)
{
  const NcEngine *engine = nc_engine_find ("chacha20", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autoptr(NcImage) a = nc_image_new (4, 4, 1, NULL);
  g_autoptr(NcImage) b = nc_image_new (4, 4, 3, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (nc_engine_encrypt (engine, key, a, b, NULL, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (nc_engine_encrypt (engine, key, a, a, NULL, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (nc_engine_find ("enigma", &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_NOT_FOUND);
}

/* RFC 8439 §2.3.2: key 00 01 … 1f, nonce 00 00 00 09 00 00 00 4a 00 00 00 00,
 * block counter 1. The engine starts at counter 0, so encrypting zeros
 * gives this block as bytes 64–127. */
static void
test_chacha20_rfc8439 (void)
{
  static const guint8 block1[64] = {
    0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4,
    0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03, 0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e,
    0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09, 0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2,
    0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9, 0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e,
  };
  const NcEngine *engine = nc_engine_find ("chacha20", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autoptr(NcImage) zeros = nc_image_new (128, 1, 1, NULL);
  g_autoptr(NcImage) stream = nc_image_new_like (zeros, NULL);

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("k%u", i);
      guint32 word = (guint32) (4 * i) | (guint32) (4 * i + 1) << 8 |
                     (guint32) (4 * i + 2) << 16 | (guint32) (4 * i + 3) << 24;

      g_assert_true (nc_params_set (key, id, word, NULL));
    }
  g_assert_true (nc_params_set (key, "nonce0", 0x09000000u, NULL));
  g_assert_true (nc_params_set (key, "nonce1", 0x4a000000u, NULL));
  g_assert_true (nc_engine_encrypt (engine, key, zeros, stream, NULL, NULL));
  g_assert_cmpmem (stream->data + 64, 64, block1, 64);
}

/* Golden vectors: SHA-256 of the ciphertext of each sample under the key
 * drawn from seed 1. A change means ciphertexts changed and old ones no
 * longer decrypt (the adversarial engine's also pin the shipped
 * weights). The ChaCha20 values were checked against Python's
 * cryptography package by tests/oracle/chacha20_golden.py. */
static const struct {
  const char *engine;
  const char *variant;
  const char *sample;
  const char *sha256;
} golden[] = {
  { "chacha20", NULL, "camera.png", "9410dae05751b0eeaf5a6f37f2ab683b680b3756c664150f1a3ca241e79cfb9b" },
  { "chacha20", NULL, "astronaut.png", "2e844b6e2ed098cc6878a8409fab44110953dcfe4515c54872f0bc3989e449ff" },
  { "adversarial", "perturbation", "camera.png",
    "e413ecef7fd494cfb56cac98755dd25f93f0ca66fe70dc97260db8fd75077fc8" },
  { "adversarial", "perturbation", "astronaut.png",
    "2f6c5eef00ae9c779da84f4d2571e450f6b7510ac745974b5343559c3686b439" },
  { "adversarial", "transformation", "camera.png",
    "cb58402ec5aa5e745ceaa417c263f3e0de59ad226c236d1a8db4072beae7fda9" },
  { "adversarial", "transformation", "astronaut.png",
    "a70585884406f6269edabe405e86a3f7ec63ba4120d9ed93112346129fa33ed6" },
  { "adversarial", "direct", "camera.png",
    "e50c0b176ad856e802a6dfcc383c953013b5da9dcf8fc1468645d66779de4933" },
  { "adversarial", "direct", "astronaut.png",
    "30a31e1ea7714f4c19c9db0b545256bc647dbad3bfdd097a98077da8d3fda87b" },
  { "convolutional", "single-layer", "camera.png",
    "cef3fb7dd2392d1c185754c846c09411ecd58269cb4cb7153c24b9d8c711348b" },
  { "convolutional", "single-layer", "astronaut.png",
    "f2ff610f03eb9bb596a1804ceeed63bf29de14d4c44bd613dc93493c53c571f9" },
  { "convolutional", "multi-layer", "camera.png",
    "5af04f84fc533668dbbd277ab8d765926ca4d7ffb86554bfb78d6c5617f81ec8" },
  { "convolutional", "multi-layer", "astronaut.png",
    "3e41b0a70c4b7773ab50bc3e25144e4790ee4f3170a6f6ff25dc18f73981781d" },
  { "convolutional", "hybrid", "camera.png",
    "57c2df4d6001da890f0b5bd025fcdddf9941c374aeb13875a1800f02d1f84d32" },
  { "convolutional", "hybrid", "astronaut.png",
    "3e8cd24438a909ebba646999d1f4f6764baf7e4798c851647c2b276cda0a309b" },
  { "cellular", "continuous", "camera.png",
    "182208d9a60eb61231988be08703908cd7c0e3186cfd940e6d6a2893a3988b53" },
  { "cellular", "continuous", "astronaut.png",
    "83685b014ddf4561a19721e1f7c3be63b91a58750556ad9351334d0ab1e276de" },
  { "cellular", "discrete", "camera.png",
    "47f3f4920925f98e798648908dbfb33fe7f61b857a5a0be792d34550d5034b36" },
  { "cellular", "discrete", "astronaut.png",
    "566372c01f9e57dd53001fae3775cca8ca8fc6d83545120bf93779c6d990d00a" },
  { "cellular", "adaptive", "camera.png",
    "a4ca0c74543b79a7240c937c5313fbe9ff5e7ed7bd6c15b8d1756fa56cfb442a" },
  { "cellular", "adaptive", "astronaut.png",
    "65123ed17ec41d10298326a97f42d7d466b0ad3475c773e73cf9df620daafa96" },
  { "hopfield", "weight-perturbation", "camera.png",
    "be93a264f2f3069c3ad4d0cc0b8bbda8dc8dd3badddaf79d85f427b71f12ec5d" },
  { "hopfield", "weight-perturbation", "astronaut.png",
    "975b714fe19ee7b81965a60f2dcccc0a84cf7ff73f2b285cb083a0d127a43967" },
  { "hopfield", "input-perturbation", "camera.png",
    "37531ce9de2f85d258cb93c83e780ecd282d647781e9ce24171844b97cd97f5b" },
  { "hopfield", "input-perturbation", "astronaut.png",
    "b4fea2cee5f09d33c20823254d13054f1dfa7ef9c1773062b014ec374de71c81" },
  { "hopfield", "hybrid", "camera.png",
    "eab760ad4fe7d4d8fc05dc8787560a5bc9bf0913e92cf957867e53d597d024f0" },
  { "hopfield", "hybrid", "astronaut.png",
    "9327ffbf138c22a84e95c626394058fb9db080b1ecb5513ca6b59f2f53639084" },
};

static void
test_golden (void)
{
  g_autoptr(GString) wrong = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (golden); i++)
    {
      const NcEngine *engine = nc_engine_find (golden[i].engine, NULL);
      g_autoptr(NcParams) key = nc_engine_new_params (engine);
      g_autofree char *path = nc_test_sample_path (golden[i].sample);
      g_autoptr(NcImage) plain = nc_image_load (path, NULL, NULL);
      g_autoptr(NcImage) cipher = nc_image_new_like (plain, NULL);
      g_autofree char *sha = NULL;
      NcRng rng;

      if (golden[i].variant != NULL)
        {
          g_autofree char *set = g_strdup_printf ("variant=%s", golden[i].variant);
          g_assert_true (nc_params_set_from_string (key, set, NULL));
        }
      nc_rng_init (&rng, 1);
      nc_params_randomize_key (key, &rng);
      g_assert_true (nc_engine_encrypt (engine, key, plain, cipher, NULL, NULL));
      sha = nc_test_sha256_hex (cipher);
      if (g_strcmp0 (sha, golden[i].sha256) != 0)
        g_string_append_printf (wrong, "\n  { \"%s\", %s%s%s, \"%s\", \"%s\" }, (expected \"%s\")",
                                golden[i].engine, golden[i].variant ? "\"" : "",
                                golden[i].variant ? golden[i].variant : "NULL",
                                golden[i].variant ? "\"" : "", golden[i].sample, sha,
                                golden[i].sha256);
    }
  if (wrong->len > 0)
    g_error ("ciphertexts differ from the golden vectors:%s", wrong->str);
}

/* With the nonce switch on, every engine still decrypts exactly; two
 * nonces give two unrelated ciphertexts of one image under one key, and
 * the wrong nonce does not decrypt. */
static void
test_fresh_nonce (void)
{
  const NcEngine * const *engines;
  g_autoptr(NcImage) plain = nc_test_pattern_image (67, 45, 3, 9);
  guint n;

  engines = nc_engines_list (&n);
  for (guint e = 0; e < n; e++)
    {
      g_autoptr(NcParams) first = nc_engine_new_params (engines[e]);
      g_autoptr(NcParams) second = NULL;
      g_autoptr(NcImage) c1 = nc_image_new_like (plain, NULL);
      g_autoptr(NcImage) c2 = nc_image_new_like (plain, NULL);
      g_autoptr(NcImage) back = nc_image_new_like (plain, NULL);
      NcDifferential d;
      NcRng rng;

      g_assert_true (nc_params_set_from_string (first, "nonce=1", NULL));
      nc_rng_init (&rng, 3);
      nc_params_draw_nonce (first, &rng);
      second = nc_params_copy (first);
      nc_params_draw_nonce (second, &rng);
      g_assert_false (nc_params_equal (first, second));
      g_assert_true (nc_engine_encrypt (engines[e], first, plain, c1, NULL, NULL));
      g_assert_true (nc_engine_encrypt (engines[e], second, plain, c2, NULL, NULL));
      g_assert_true (nc_engine_decrypt (engines[e], first, c1, back, NULL, NULL));
      g_assert_true (nc_image_equal (back, plain));
      g_assert_true (nc_engine_decrypt (engines[e], second, c2, back, NULL, NULL));
      g_assert_true (nc_image_equal (back, plain));
      nc_metric_differential (c1, c2, NC_ALL_CHANNELS, &d, NULL);
      g_test_message ("%s: two nonces, NPCR %.2f %%", engines[e]->id, d.npcr);
      g_assert_cmpfloat (d.npcr, >, 90.0);
      g_assert_true (nc_engine_decrypt (engines[e], second, c1, back, NULL, NULL));
      g_assert_false (nc_image_equal (back, plain));
    }
}

/* Keys handed out (keygen, encrypt without -k, Randomize) are never
 * weak: 100 seeds per engine and variant (20 under AddressSanitizer),
 * each draw checked by the engine's own weak-key check. */
static void
test_drawn_keys_not_weak (void)
{
#if defined(__SANITIZE_ADDRESS__)
  const guint64 seeds = 20;
#else
  const guint64 seeds = 100;
#endif
  const NcEngine * const *engines;
  guint n;

  engines = nc_engines_list (&n);
  for (guint e = 0; e < n; e++)
    {
      const NcParamSpec *variants = nc_engine_get_variant_spec (engines[e]);
      guint64 n_variants = nc_engine_get_n_variants (engines[e]);

      if (engines[e]->diagnose == NULL)
        continue;
      for (guint64 v = 0; v < n_variants; v++)
        for (guint64 seed = 1; seed <= seeds; seed++)
          {
            g_autoptr(NcParams) key = nc_engine_new_params (engines[e]);
            g_autoptr(GError) error = NULL;
            g_autofree char *warning = NULL;
            NcRng rng;

            if (variants != NULL)
              g_assert_true (nc_params_set (key, NC_PARAM_VARIANT_ID, v, NULL));
            nc_rng_init (&rng, seed);
            g_assert_true (nc_engine_draw_key (engines[e], key, &rng, NULL, NULL, FALSE, &error));
            g_assert_no_error (error);
            warning = nc_engine_diagnose (engines[e], key);
            if (warning != NULL)
              g_error ("%s variant %" G_GUINT64_FORMAT " seed %" G_GUINT64_FORMAT ": %s",
                       engines[e]->id, v, seed, warning);
          }
    }
}

/* Sets every parameter as in the weak key @data, as if the user had
 * fixed them all. */
static void
keep_weak_key (NcParams *params,
               gpointer  data)
{
  const NcParams *weak = data;

  for (guint i = 0; i < nc_params_get_schema (params)->n_specs; i++)
    g_assert_true (nc_params_set_level (params, i, nc_params_get_level (weak, i), NULL));
}

/* Settings that leave only weak keys: the draw gives up and says so;
 * asked for a weak key, it hands one out. */
static void
test_draw_gives_up_on_weak (void)
{
  const NcEngine *engine = nc_engine_find ("hopfield", NULL);
  g_autoptr(NcParams) weak = nc_engine_new_params (engine);
  g_autoptr(NcParams) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  NcRng rng;

  /* Most input-perturbation keys are weak: find one. */
  g_assert_true (nc_params_set_from_string (weak, "variant=input-perturbation", NULL));
  nc_rng_init (&rng, 5);
  do
    {
      g_clear_pointer (&warning, g_free);
      g_assert_true (nc_engine_draw_key (engine, weak, &rng, NULL, NULL, TRUE, NULL));
    }
  while ((warning = nc_engine_diagnose (engine, weak)) == NULL);

  key = nc_params_copy (weak);
  g_assert_false (nc_engine_draw_key (engine, key, &rng, keep_weak_key, weak, FALSE, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_KEY);
  g_assert_nonnull (strstr (error->message, "were all weak"));
  g_assert_true (nc_engine_draw_key (engine, key, &rng, keep_weak_key, weak, TRUE, NULL));
}

static NcImage *
encrypt_with (const NcEngine  *engine,
              const NcParams  *key,
              const NcImage   *plain,
              NcKeystreamCache mode)
{
  NcImage *cipher = nc_image_new_like (plain, NULL);
  NcKeystreamCache before = nc_engine_set_keystream_cache (mode);

  g_assert_true (nc_engine_encrypt (engine, key, plain, cipher, NULL, NULL));
  nc_engine_set_keystream_cache (before);
  return cipher;
}

/* A kept keystream gives the bytes a fresh one would, is found only
 * under the very same key, and the modes do what they say. */
static void
test_keystream_cache (void)
{
  static const char *ids[] = { "hopfield", "cellular" };
  g_autoptr(NcImage) plain = nc_test_pattern_image (64, 48, 3, 4);

  for (gsize e = 0; e < G_N_ELEMENTS (ids); e++)
    for (guint64 v = 0; v < nc_engine_get_n_variants (nc_engine_find (ids[e], NULL)); v++)
      {
        const NcEngine *engine = nc_engine_find (ids[e], NULL);
        g_autoptr(NcParams) key = nc_engine_new_params (engine);
        g_autoptr(NcParams) flipped = NULL;
        g_autoptr(NcImage) cold = NULL, first = NULL, second = NULL, fresh = NULL;
        g_autoptr(NcImage) flipped_cold = NULL, flipped_cached = NULL;
        g_autoptr(NcImage) decrypted = nc_image_new_like (plain, NULL);
        NcKeystreamCacheStats stats;

        if (nc_engine_get_variant_spec (engine) != NULL)
          g_assert_true (nc_params_set (key, NC_PARAM_VARIANT_ID, (double) v, NULL));
        flipped = nc_params_copy (key);
        g_assert_true (nc_params_flip_key_bit (flipped, 0, NULL));
        nc_engine_forget_keystreams ();

        stats = nc_keystream_cache_get_stats ();
        cold = encrypt_with (engine, key, plain, NC_KEYSTREAM_CACHE_OFF);
        first = encrypt_with (engine, key, plain, NC_KEYSTREAM_CACHE_USE);
        /* Off keeps nothing: the first lookup misses. */
        g_assert_cmpuint (nc_keystream_cache_get_stats ().hits, ==, stats.hits);
        second = encrypt_with (engine, key, plain, NC_KEYSTREAM_CACHE_USE);
        g_assert_cmpuint (nc_keystream_cache_get_stats ().hits, ==, stats.hits + 1);
        g_assert_true (nc_image_equal (cold, first));
        g_assert_true (nc_image_equal (cold, second));

        /* Fresh makes it (no lookup), and decryption finds it. */
        stats = nc_keystream_cache_get_stats ();
        fresh = encrypt_with (engine, key, plain, NC_KEYSTREAM_CACHE_FRESH);
        g_assert_cmpuint (nc_keystream_cache_get_stats ().hits + nc_keystream_cache_get_stats ().misses, ==,
                          stats.hits + stats.misses);
        g_assert_true (nc_image_equal (cold, fresh));
        g_assert_true (nc_engine_decrypt (engine, key, first, decrypted, NULL, NULL));
        g_assert_cmpuint (nc_keystream_cache_get_stats ().hits, ==, stats.hits + 1);
        g_assert_true (nc_image_equal (plain, decrypted));

        /* One key bit apart: not found, and its own bytes. */
        stats = nc_keystream_cache_get_stats ();
        flipped_cached = encrypt_with (engine, flipped, plain, NC_KEYSTREAM_CACHE_USE);
        g_assert_cmpuint (nc_keystream_cache_get_stats ().hits, ==, stats.hits);
        flipped_cold = encrypt_with (engine, flipped, plain, NC_KEYSTREAM_CACHE_OFF);
        g_assert_true (nc_image_equal (flipped_cold, flipped_cached));
        g_assert_false (nc_image_equal (flipped_cold, cold));
      }
  nc_engine_forget_keystreams ();
}

typedef struct {
  const NcEngine *engine;
  NcParams       *key;
  NcImage        *plain;
  NcImage        *expected;
  gboolean        ok;
} CacheWorker;

static gpointer
cache_worker (gpointer data)
{
  CacheWorker *w = data;

  w->ok = TRUE;
  for (int i = 0; i < 40; i++)
    {
      g_autoptr(NcImage) cipher = encrypt_with (w->engine, w->key, w->plain, NC_KEYSTREAM_CACHE_USE);

      w->ok = w->ok && nc_image_equal (cipher, w->expected);
    }
  return NULL;
}

/* Threads encrypting under different keys at once each get their own
 * keystream from the shared cache. */
static void
test_keystream_cache_threads (void)
{
  const NcEngine *engine = nc_engine_find ("hopfield", NULL);
  g_autoptr(NcImage) plain = nc_test_pattern_image (40, 40, 1, 7);
  CacheWorker workers[3];
  GThread *threads[3];

  for (guint t = 0; t < G_N_ELEMENTS (workers); t++)
    {
      workers[t] = (CacheWorker) { engine, nc_engine_new_params (engine), plain, NULL, FALSE };
      g_assert_true (nc_params_flip_key_bit (workers[t].key, t * 7, NULL));
      workers[t].expected = encrypt_with (engine, workers[t].key, plain, NC_KEYSTREAM_CACHE_OFF);
    }
  for (guint t = 0; t < G_N_ELEMENTS (workers); t++)
    threads[t] = g_thread_new ("cache", cache_worker, &workers[t]);
  for (guint t = 0; t < G_N_ELEMENTS (workers); t++)
    {
      g_thread_join (threads[t]);
      g_assert_true (workers[t].ok);
      nc_params_free (workers[t].key);
      nc_image_unref (workers[t].expected);
    }
  nc_engine_forget_keystreams ();
}

int
main (int    argc,
      char **argv)
{
  const NcEngine * const *engines;
  guint n;

  g_test_init (&argc, &argv, NULL);

  engines = nc_engines_list (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *round_trip = g_strdup_printf ("/engines/%s/round-trip", engines[i]->id);
      g_autofree char *wrong = g_strdup_printf ("/engines/%s/wrong-key", engines[i]->id);
      g_autofree char *cancelled = g_strdup_printf ("/engines/%s/cancelled", engines[i]->id);

      g_test_add_data_func (round_trip, engines[i], test_round_trip);
      g_test_add_data_func (wrong, engines[i], test_wrong_key);
      g_test_add_data_func (cancelled, engines[i], test_cancelled);
      if (engines[i]->family == NC_FAMILY_CHAOTIC || engines[i]->family == NC_FAMILY_CELLULAR
          || engines[i]->family == NC_FAMILY_ADVERSARIAL)
        {
          g_autofree char *sensitivity = g_strdup_printf ("/engines/%s/key-sensitivity",
                                                          engines[i]->id);

          g_test_add_data_func (sensitivity, engines[i], test_key_sensitivity);
        }
    }
  g_test_add_func ("/engines/hopfield/diagnosis", test_hopfield_diagnosis);
  g_test_add_func ("/engines/count-weak", test_count_weak);
  g_test_add_func ("/engines/lanes-chaos-pairs", test_lanes_chaos_pairs);
  g_test_add_func ("/engines/drawn-keys-not-weak", test_drawn_keys_not_weak);
  g_test_add_func ("/engines/fresh-nonce", test_fresh_nonce);
  g_test_add_func ("/engines/draw-gives-up-on-weak", test_draw_gives_up_on_weak);
  g_test_add_func ("/engines/refuses-bad-calls", test_refuses_bad_calls);
  g_test_add_func ("/engines/structure-round-trips", test_structure_round_trips);
  g_test_add_func ("/engines/chacha20/rfc8439", test_chacha20_rfc8439);
  g_test_add_func ("/engines/golden", test_golden);
  g_test_add_func ("/engines/keystream-cache", test_keystream_cache);
  g_test_add_func ("/engines/keystream-cache-threads", test_keystream_cache_threads);

  return g_test_run ();
}
