/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli bench: encryption and decryption time of every engine
 * and variant on random images, ChaCha20 in the same run for scale. A
 * benchmark, never a pass/fail test: these machines are shared. */
#include "nc-cli.h"

#include "nc-metrics.h"
#include "nc-plot.h"
#include "nc-randomness.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static char *only_engine = NULL;
static char **sizes = NULL;
static int repeat = 0;
static gboolean as_json = FALSE;
static gboolean metrics = FALSE;
static gboolean attacks = FALSE;
static gboolean randomness = FALSE;
static gboolean growth = FALSE;
static int growth_from = 256, growth_to = 4096;
static char *growth_figure = NULL;

static const GOptionEntry entries[] = {
  { "engine", 'e', 0, G_OPTION_ARG_STRING, &only_engine, N_("Only this engine"), N_("ENGINE") },
  { "size", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sizes,
    N_("Image size WxHxC (repeatable; default 512x512x3 and 4096x4096x3)"), N_("WxHxC") },
  { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat,
    N_("Timed runs per measurement; the median is reported (default 11, 3 above 16 MB)"), N_("N") },
  { "metrics", 'm', 0, G_OPTION_ARG_NONE, &metrics,
    N_("Time the metrics suite instead of the engines"), NULL },
  { "attacks", 'a', 0, G_OPTION_ARG_NONE, &attacks,
    N_("Time every attack against every engine and variant instead (default size 512x512x3)"), NULL },
  { "growth", 'g', 0, G_OPTION_ARG_NONE, &growth,
    N_("Time every engine (its first variant) and the metrics suite at square RGB sizes doubling from "
    "--from to --to, for how cost grows with pixels"), NULL },
  { "from", 0, 0, G_OPTION_ARG_INT, &growth_from, N_("Smallest side for --growth (default 256)"), N_("N") },
  { "to", 0, 0, G_OPTION_ARG_INT, &growth_to, N_("Largest side for --growth (default 4096)"), N_("N") },
  { "figure", 'o', 0, G_OPTION_ARG_FILENAME, &growth_figure,
    N_("With --growth, also draw the log-log figure of time against pixels (.png, .svg, .pdf)"), N_("FILE") },
  { "randomness", 0, 0, G_OPTION_ARG_NONE, &randomness,
    N_("Time the NIST SP 800-22 battery on 10^6 bits of ChaCha20's keystream instead"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
  { NULL }
};

typedef struct {
  guint width, height, channels;
} Size;

static gboolean
parse_size (const char *text,
            Size       *size)
{
  return sscanf (text, "%ux%ux%u", &size->width, &size->height, &size->channels) == 3 &&
         size->width > 0 && size->height > 0 && (size->channels == 1 || size->channels == 3);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Returns: the median time of one call, in milliseconds, or a negative
 * number on failure. */
static double
time_median (const NcEngine *engine,
             const NcParams *key,
             const NcImage  *input,
             NcImage        *output,
             gboolean        decrypt,
             int             runs)
{
  g_autofree double *times = g_new (double, runs);

  for (int r = -1; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      gboolean ok = decrypt ? nc_engine_decrypt (engine, key, input, output, NULL, NULL)
                            : nc_engine_encrypt (engine, key, input, output, NULL, NULL);

      if (!ok)
        return -1.0;
      if (r >= 0)
        times[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (times, (gsize) runs, sizeof (double), compare_doubles);
  return times[runs / 2];
}

static void
bench_one (JsonBuilder    *builder,
           const NcEngine *engine,
           guint64         variant,
           const Size     *size,
           const NcImage  *plain)
{
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autoptr(NcImage) cipher = nc_image_new_like (plain, NULL);
  g_autoptr(NcImage) back = nc_image_new_like (plain, NULL);
  const NcParamSpec *variants = nc_engine_get_variant_spec (engine);
  const char *variant_id = variants != NULL ? variants->choices[variant].id : "";
  double megabytes = nc_image_get_n_bytes (plain) / 1e6;
  int runs = repeat > 0 ? repeat : (megabytes > 16 ? 3 : 11);
  double encrypt_ms, decrypt_ms;
  gboolean exact;

  if (variants != NULL)
    nc_params_set (key, NC_PARAM_VARIANT_ID, (double) variant, NULL);
  encrypt_ms = time_median (engine, key, plain, cipher, FALSE, runs);
  decrypt_ms = time_median (engine, key, cipher, back, TRUE, runs);
  exact = nc_image_equal (plain, back);

  if (builder == NULL)
    {
      printf ("%-13s %-20s %5ux%-5ux%u %10.2f %10.2f %9.1f %9.1f  %s\n", engine->id, variant_id,
              size->width, size->height, size->channels, encrypt_ms, decrypt_ms,
              megabytes / (encrypt_ms / 1000.0), megabytes / (decrypt_ms / 1000.0),
              exact ? "exact" : "NOT EXACT");
      fflush (stdout);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "engine");
  json_builder_add_string_value (builder, engine->id);
  json_builder_set_member_name (builder, "variant");
  json_builder_add_string_value (builder, variant_id);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, size->width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, size->height);
  json_builder_set_member_name (builder, "channels");
  json_builder_add_int_value (builder, size->channels);
  json_builder_set_member_name (builder, "runs");
  json_builder_add_int_value (builder, runs);
  json_builder_set_member_name (builder, "encrypt_ms");
  json_builder_add_double_value (builder, encrypt_ms);
  json_builder_set_member_name (builder, "decrypt_ms");
  json_builder_add_double_value (builder, decrypt_ms);
  json_builder_set_member_name (builder, "encrypt_mb_per_s");
  json_builder_add_double_value (builder, megabytes / (encrypt_ms / 1000.0));
  json_builder_set_member_name (builder, "exact");
  json_builder_add_boolean_value (builder, exact);
  json_builder_end_object (builder);
}

/* The suite over a pair of images: histogram, entropy and local entropy,
 * three correlations per channel, NPCR/UACI, SSIM, MSE/PSNR. Returns the
 * time of each in milliseconds, in that order. */
#define N_PARTS 7
static const char *part_names[N_PARTS] = {
  "histogram", "entropy", "local_entropy", "correlation", "npcr_uaci", "ssim", "psnr"
};

static void
time_suite_once (const NcImage *a,
                 const NcImage *b,
                 double         ms[N_PARTS])
{
  NcHistogram histogram;
  NcDifferential differential;
  double value, correlations[3][3];
  gint64 t = g_get_monotonic_time (), now;

#define LAP(i) (now = g_get_monotonic_time (), ms[i] = (now - t) / 1000.0, t = now)
  nc_metric_histogram (a, &histogram);
  LAP (0);
  for (guint c = 0; c < a->channels; c++)
    value = nc_metric_entropy_of_counts (histogram.counts[c], histogram.n);
  LAP (1);
  for (guint c = 0; c < a->channels; c++)
    nc_metric_local_entropy (a, c, 1, &value, NULL);
  LAP (2);
  nc_metric_correlations (a, correlations);
  LAP (3);
  nc_metric_differential (a, b, NC_ALL_CHANNELS, &differential, NULL);
  LAP (4);
  nc_metric_ssim (a, b, &value, NULL);
  LAP (5);
  nc_metric_mse (a, b, &value, NULL);
  value = nc_metric_psnr_of_mse (value);
  LAP (6);
#undef LAP
  (void) value;
}

static void
bench_metrics (JsonBuilder *builder,
               const Size  *size)
{
  g_autoptr(NcImage) a = nc_image_new (size->width, size->height, size->channels, NULL);
  g_autoptr(NcImage) b = nc_image_new (size->width, size->height, size->channels, NULL);
  double megabytes = nc_image_get_n_bytes (a) / 1e6;
  int runs = repeat > 0 ? repeat : (megabytes > 16 ? 5 : 21);
  g_autofree double *totals = g_new (double, runs);
  double parts[N_PARTS][64];
  double median[N_PARTS];
  NcRng rng;

  nc_rng_init (&rng, 2);
  for (gsize i = 0; i < nc_image_get_n_bytes (a); i++)
    {
      a->data[i] = (guint8) nc_rng_next (&rng);
      b->data[i] = (guint8) nc_rng_next (&rng);
    }
  runs = MIN (runs, 64);
  for (int r = -1; r < runs; r++)
    {
      double ms[N_PARTS];

      time_suite_once (a, b, ms);
      if (r < 0)
        continue;
      totals[r] = 0.0;
      for (int p = 0; p < N_PARTS; p++)
        {
          parts[p][r] = ms[p];
          totals[r] += ms[p];
        }
    }
  for (int p = 0; p < N_PARTS; p++)
    {
      qsort (parts[p], (gsize) runs, sizeof (double), compare_doubles);
      median[p] = parts[p][runs / 2];
    }
  qsort (totals, (gsize) runs, sizeof (double), compare_doubles);

  if (builder == NULL)
    {
      printf (_("%5ux%-5ux%u  suite %8.2f ms  ("), size->width, size->height, size->channels,
              totals[runs / 2]);
      for (int p = 0; p < N_PARTS; p++)
        printf ("%s%s %.2f", p ? ", " : "", part_names[p], median[p]);
      printf (")\n");
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, size->width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, size->height);
  json_builder_set_member_name (builder, "channels");
  json_builder_add_int_value (builder, size->channels);
  json_builder_set_member_name (builder, "suite_ms");
  json_builder_add_double_value (builder, totals[runs / 2]);
  for (int p = 0; p < N_PARTS; p++)
    {
      g_autofree char *name = g_strdup_printf ("%s_ms", part_names[p]);

      json_builder_set_member_name (builder, name);
      json_builder_add_double_value (builder, median[p]);
    }
  json_builder_end_object (builder);
}

/* Every attack against one engine and variant: the median time of a few
 * runs, each with its own oracle, and whether it broke the cipher. */
static void
bench_attacks (JsonBuilder    *builder,
               const NcEngine *engine,
               guint64         variant,
               const Size     *size,
               const NcImage  *plain)
{
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autoptr(NcImage) target = nc_image_new_like (plain, NULL);
  const NcParamSpec *variants = nc_engine_get_variant_spec (engine);
  const NcAttack * const *list;
  int runs = repeat > 0 ? MIN (repeat, 64) : 5;
  guint n;

  NcRng rng;

  /* A random key (seeded, so runs compare): brute force finds the
   * default key's low bits at once. */
  if (variants != NULL)
    nc_params_set (key, NC_PARAM_VARIANT_ID, (double) variant, NULL);
  nc_rng_init (&rng, 5);
  nc_params_randomize_key (key, &rng);
  nc_params_draw_nonce (key, NULL);
  if (!nc_engine_encrypt (engine, key, plain, target, NULL, NULL))
    return;
  list = nc_attacks_list (&n);
  for (guint i = 0; i < n; i++)
    {
      double times[64];
      gboolean broken = FALSE;

      for (int r = 0; r < runs; r++)
        {
          g_autoptr(NcOracle) oracle = nc_oracle_new (engine, key);
          NcAttackResult result;
          gint64 start = g_get_monotonic_time ();

          if (!nc_attack_run (list[i], oracle, target, plain, &result, NULL, NULL))
            {
              nc_attack_result_clear (&result);
              return;
            }
          times[r] = (g_get_monotonic_time () - start) / 1000.0;
          broken = result.broken;
          nc_attack_result_clear (&result);
        }
      qsort (times, (gsize) runs, sizeof (double), compare_doubles);
      if (builder == NULL)
        {
          printf ("%-13s %-22s %-15s %ux%ux%u %9.1f ms  %s\n", engine->id,
                  variants != NULL ? variants->choices[variant].id : "-", list[i]->id,
                  size->width, size->height, size->channels, times[runs / 2],
                  broken ? "broken" : "not broken");
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "engine");
      json_builder_add_string_value (builder, engine->id);
      json_builder_set_member_name (builder, "variant");
      json_builder_add_string_value (builder, variants != NULL ? variants->choices[variant].id : "");
      json_builder_set_member_name (builder, "attack");
      json_builder_add_string_value (builder, list[i]->id);
      json_builder_set_member_name (builder, "ms");
      json_builder_add_double_value (builder, times[runs / 2]);
      json_builder_set_member_name (builder, "broken");
      json_builder_add_boolean_value (builder, broken);
      json_builder_end_object (builder);
    }
}

/* ---- How cost grows with pixels ---- */

#define GROWTH_MAX_SIZES 8

typedef struct {
  guint   n_sizes;
  double  log_pixels[GROWTH_MAX_SIZES];
  guint   n_series;
  char   *labels[16];
  double  log_ms[16][GROWTH_MAX_SIZES];
} Growth;

static const NcColor growth_colors[] = {
  { 0.11, 0.37, 0.62 }, { 0.80, 0.25, 0.10 }, { 0.18, 0.55, 0.25 }, { 0.55, 0.25, 0.65 },
  { 0.85, 0.60, 0.05 }, { 0.35, 0.35, 0.35 }, { 0.0, 0.0, 0.0 },
};

static void
draw_growth (cairo_t *cr,
             double   width,
             double   height,
             gpointer data)
{
  const Growth *g = data;
  NcPlotSeries series[16];

  for (guint s = 0; s < g->n_series; s++)
    series[s] = (NcPlotSeries) { g->log_ms[s], g->n_sizes, g->labels[s],
                                 growth_colors[s % G_N_ELEMENTS (growth_colors)], s >= 6 };
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  nc_plot_xy (cr, (NcRect) { 10, 10, width - 20, height - 20 }, g->log_pixels, g->n_sizes, series,
              g->n_series, NAN, NULL, _("log₁₀ pixels (square RGB images)"), _("log₁₀ milliseconds"),
              _("How cost grows: encryption and the metrics suite"), _("a slope of 1 is linear in the pixels"));
}

static int
bench_growth (JsonBuilder *builder)
{
  guint n_engines;
  const NcEngine * const *engines = nc_engines_list (&n_engines);
  g_autoptr(GError) error = NULL;
  Growth g = { 0 };

  if (growth_from < 16 || growth_to < growth_from || growth_to > 16384)
    {
      fprintf (stderr, _("neurocipher-cli bench: --from and --to must satisfy 16 ≤ from ≤ to ≤ 16384\n"));
      return NC_EXIT_USAGE;
    }
  for (guint e = 0; e < n_engines; e++)
    g.labels[g.n_series++] = g_strdup (engines[e]->id);
  g.labels[g.n_series++] = g_strdup ("metrics suite");
  if (builder == NULL)
    {
      printf ("%-12s", "side");
      for (guint s = 0; s < g.n_series; s++)
        printf (" %14s", g.labels[s]);
      printf ("   (ms)\n");
    }
  for (int side = growth_from; side <= growth_to && g.n_sizes < GROWTH_MAX_SIZES; side *= 2)
    {
      g_autoptr(NcImage) plain = nc_image_new ((guint) side, (guint) side, 3, &error);
      g_autoptr(NcImage) cipher = NULL;
      guint i = g.n_sizes++;
      NcRng rng;

      if (plain == NULL)
        return nc_cli_fail (error);
      cipher = nc_image_new_like (plain, NULL);
      nc_rng_init (&rng, 1);
      for (gsize k = 0; k < nc_image_get_n_bytes (plain); k++)
        plain->data[k] = (guint8) nc_rng_next (&rng);
      g.log_pixels[i] = log10 ((double) side * side);
      for (guint e = 0; e < n_engines; e++)
        {
          g_autoptr(NcParams) key = nc_engine_new_params (engines[e]);

          g.log_ms[e][i] = log10 (time_median (engines[e], key, plain, cipher, FALSE, side >= 2048 ? 3 : 7));
        }
      {
        double parts[N_PARTS], total = 0.0;
        double best = INFINITY;

        for (int r = 0; r < (side >= 2048 ? 3 : 7); r++)
          {
            total = 0.0;
            time_suite_once (plain, cipher, parts);
            for (int p = 0; p < N_PARTS; p++)
              total += parts[p];
            best = MIN (best, total);
          }
        g.log_ms[n_engines][i] = log10 (best);
      }
      if (builder == NULL)
        {
          printf ("%-12d", side);
          for (guint s = 0; s < g.n_series; s++)
            printf (" %14.2f", pow (10.0, g.log_ms[s][i]));
          printf ("\n");
          fflush (stdout);
        }
      else
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "side");
          json_builder_add_int_value (builder, side);
          for (guint s = 0; s < g.n_series; s++)
            nc_cli_add_number (builder, g.labels[s], pow (10.0, g.log_ms[s][i]));
          json_builder_end_object (builder);
        }
    }
  if (growth_figure != NULL &&
      !nc_figure_write (growth_figure, g_str_has_suffix (growth_figure, ".pdf") ? NC_FIGURE_PDF
                                       : g_str_has_suffix (growth_figure, ".svg") ? NC_FIGURE_SVG : NC_FIGURE_PNG,
                        560, 420, 150, NULL, draw_growth, &g, &error))
    {
      for (guint s = 0; s < g.n_series; s++)
        g_free (g.labels[s]);
      return nc_cli_fail (error);
    }
  for (guint s = 0; s < g.n_series; s++)
    g_free (g.labels[s]);
  return NC_EXIT_OK;
}

typedef double (*BenchTestFunc) (const guint8 *bits, gsize n);

static double
bench_templates (const guint8 *bits,
                 gsize         n)
{
  guint templates[NC_NIST_N_TEMPLATES];
  double p[NC_NIST_N_TEMPLATES];

  nc_nist_aperiodic_templates (NC_NIST_TEMPLATE_M, templates, NC_NIST_N_TEMPLATES);
  nc_nist_non_overlapping (bits, n, NC_NIST_TEMPLATE_M, 8, NC_NIST_N_TEMPLATES, templates, p);
  return p[0];
}

static double
bench_linear (const guint8 *bits,
              gsize         n)
{
  const char *why;

  return nc_nist_linear_complexity (bits, n, NC_NIST_LINEAR_COMPLEXITY_M, &why);
}

static double
bench_serial (const guint8 *bits,
              gsize         n)
{
  double p[2];

  nc_nist_serial (bits, n, NC_NIST_SERIAL_M, p);
  return p[0];
}

static double
bench_apen (const guint8 *bits,
            gsize         n)
{
  return nc_nist_approximate_entropy (bits, n, NC_NIST_APEN_M);
}

/* The battery on 10^6 bits (both cores), and its slowest tests alone. */
static int
bench_randomness (JsonBuilder *builder)
{
  static const struct {
    const char   *name;
    BenchTestFunc func;
  } parts[] = {
    { "fft", nc_nist_fft },
    { "non-overlapping-template", bench_templates },
    { "linear-complexity", bench_linear },
    { "serial", bench_serial },
    { "approximate-entropy", bench_apen },
  };
  const gsize n = 1000000;
  g_autoptr(NcParams) key = nc_engine_new_params (nc_engine_find ("chacha20", NULL));
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *bytes = nc_engine_zero_stream (nc_engine_for_params (key), key, n / 8, NULL, &error);
  g_autofree guint8 *bits = g_new (guint8, n);
  int runs = repeat > 0 ? MIN (repeat, 64) : 7;
  double times[64];

  if (bytes == NULL)
    return nc_cli_fail (error);
  nc_nist_unpack (bytes, n / 8, bits);
  for (int r = -1; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(NcNistReport) report = nc_nist_run (bits, n, 1, NULL, NULL, NULL, NULL);

      if (r >= 0)
        times[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (times, (gsize) runs, sizeof (double), compare_doubles);
  if (builder != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "test");
      json_builder_add_string_value (builder, "battery");
      json_builder_set_member_name (builder, "ms");
      json_builder_add_double_value (builder, times[runs / 2]);
      json_builder_end_object (builder);
    }
  else
    printf (_("NIST SP 800-22 battery, 10^6 bits  %8.1f ms\n"), times[runs / 2]);
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      for (int r = 0; r < runs; r++)
        {
          gint64 start = g_get_monotonic_time ();

          parts[i].func (bits, n);
          times[r] = (g_get_monotonic_time () - start) / 1000.0;
        }
      qsort (times, (gsize) runs, sizeof (double), compare_doubles);
      if (builder == NULL)
        {
          printf (_("  %-31s %8.1f ms (one core)\n"), parts[i].name, times[runs / 2]);
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "test");
      json_builder_add_string_value (builder, parts[i].name);
      json_builder_set_member_name (builder, "ms");
      json_builder_add_double_value (builder, times[runs / 2]);
      json_builder_end_object (builder);
    }
  return NC_EXIT_OK;
}

/* Closes the results array and prints it, when there is JSON to print
 * and the run succeeded; returns @status. */
static int
finish_json (JsonBuilder *builder,
             int          status)
{
  if (builder != NULL && status == NC_EXIT_OK)
    {
      json_builder_end_array (builder);
      nc_cli_print_json_list (builder, "results");
    }
  return status;
}

int
nc_cli_bench (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GArray) size_list = g_array_new (FALSE, FALSE, sizeof (Size));
  const NcEngine * const *engines;
  guint n_engines;
  int status;

  context = nc_cli_context_new ("bench", NULL,
                                N_("Time encryption and decryption of every engine and variant "
                                "(default key) on random images; the median of several runs, "
                                "in milliseconds and MB/s, and whether decryption was exact."),
                                entries);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return nc_cli_usage (context, _("unexpected argument “%s”"), argv[1]);
  if (only_engine != NULL && nc_engine_find (only_engine, &error) == NULL)
    return nc_cli_fail (error);
  /* The engines' own speed: every run makes its keystream, as the first
   * encryption under a key does (the attacks ask their oracle as the
   * workbench does, keeping them). */
  if (!attacks)
    nc_engine_set_keystream_cache (NC_KEYSTREAM_CACHE_OFF);

  for (gsize i = 0; sizes != NULL && sizes[i] != NULL; i++)
    {
      Size size;

      if (!parse_size (sizes[i], &size))
        return nc_cli_usage (context, _("--size “%s” is not WxHxC with C 1 or 3"), sizes[i]);
      g_array_append_val (size_list, size);
    }
  if (size_list->len == 0)
    {
      Size defaults[] = { { 512, 512, 3 }, { 4096, 4096, 3 } };

      g_array_append_vals (size_list, defaults, attacks ? 1 : G_N_ELEMENTS (defaults));
    }

  if (as_json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  else if (!metrics && !attacks && !randomness && !growth)
    printf ("%-13s %-20s %-13s %10s %10s %9s %9s\n", "engine", "variant", "size",
            "enc ms", "dec ms", "enc MB/s", "dec MB/s");

  if (growth)
    return finish_json (builder, bench_growth (builder));
  if (randomness)
    return finish_json (builder, bench_randomness (builder));
  if (metrics)
    {
      for (guint s = 0; s < size_list->len; s++)
        bench_metrics (builder, &g_array_index (size_list, Size, s));
      return finish_json (builder, NC_EXIT_OK);
    }

  engines = nc_engines_list (&n_engines);
  for (guint s = 0; s < size_list->len; s++)
    {
      const Size *size = &g_array_index (size_list, Size, s);
      g_autoptr(NcImage) plain = nc_image_new (size->width, size->height, size->channels, &error);
      NcRng rng;

      if (plain == NULL)
        return nc_cli_fail (error);
      nc_rng_init (&rng, 1);
      for (gsize i = 0; i < nc_image_get_n_bytes (plain); i++)
        plain->data[i] = (guint8) nc_rng_next (&rng);

      for (guint e = 0; e < n_engines; e++)
        {
          guint64 n_variants = nc_engine_get_n_variants (engines[e]);

          if (only_engine != NULL && g_strcmp0 (only_engine, engines[e]->id) != 0)
            continue;
          for (guint64 v = 0; v < n_variants; v++)
            if (attacks)
              bench_attacks (builder, engines[e], v, size, plain);
            else
              bench_one (builder, engines[e], v, size, plain);
        }
    }
  return finish_json (builder, NC_EXIT_OK);
}
