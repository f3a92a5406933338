/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli compare IMAGE: every engine and variant on one image,
 * the review's six aspects measured side by side, the attack results
 * beside them, and the review's conclusions judged on the rows. */
#include "nc-cli.h"

#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "nc-compare.h"

static char *engine_list = NULL;
static gint64 key_seed = 0;
static gboolean as_json = FALSE;
static gboolean as_csv = FALSE;

static const GOptionEntry entries[] = {
  { "engines", 0, 0, G_OPTION_ARG_STRING, &engine_list,
    N_("Compare only these engines (comma-separated ids)"), N_("A,B,…") },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &key_seed,
    N_("Draw a random key per row from this seed (default: each engine's default key)"), N_("N") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
  { "csv", 0, 0, G_OPTION_ARG_NONE, &as_csv, N_("Print CSV, one line per row"), NULL },
  { NULL }
};

/* The columns, shared by CSV and JSON. */
typedef struct {
  const char *name;
  double    (*get) (const NcCompareRow *row);
} Column;

#define COLUMN(id, expr) \
  static double id (const NcCompareRow *row) { const NcAnalysis *a = &row->analysis; (void) a; return (expr); }

COLUMN (nominal_bits, a->nominal_key_bits)
COLUMN (effective_bits, a->has_key_space ? a->key_space.effective_bits : NAN)
COLUMN (key_npcr, a->key.ciphers.npcr)
COLUMN (key_uaci, a->key.ciphers.uaci)
COLUMN (corr_h, row->correlation[0])
COLUMN (corr_v, row->correlation[1])
COLUMN (corr_d, row->correlation[2])
COLUMN (noise_sp_psnr, a->noise_psnr[NC_NOISE_SALT_AND_PEPPER][NC_SUITE_SHOWN_NOISE])
COLUMN (noise_sp_ssim, a->noise_ssim[NC_NOISE_SALT_AND_PEPPER][NC_SUITE_SHOWN_NOISE])
COLUMN (occlusion_psnr, a->noise_psnr[NC_NOISE_OCCLUSION][NC_SUITE_SHOWN_NOISE])
COLUMN (occlusion_ssim, a->noise_ssim[NC_NOISE_OCCLUSION][NC_SUITE_SHOWN_NOISE])
COLUMN (entropy, a->cipher.entropy_all)
COLUMN (local_entropy, a->cipher.local_entropy_valid ? a->cipher.local_entropy[0] : NAN)
COLUMN (distortion_ssim, a->distortion_ssim)
COLUMN (distortion_psnr, a->distortion_psnr)
COLUMN (encrypt_ms, a->encrypt_ms)
COLUMN (attacks_broken, row->n_broken)
COLUMN (analysis_seconds, row->seconds)

static const Column columns[] = {
  { "nominal_key_bits", nominal_bits },
  { "effective_key_bits", effective_bits },
  { "key_npcr", key_npcr },
  { "key_uaci", key_uaci },
  { "correlation_horizontal", corr_h },
  { "correlation_vertical", corr_v },
  { "correlation_diagonal", corr_d },
  { "salt_pepper_1_psnr", noise_sp_psnr },
  { "salt_pepper_1_ssim", noise_sp_ssim },
  { "occlusion_16_psnr", occlusion_psnr },
  { "occlusion_16_ssim", occlusion_ssim },
  { "entropy", entropy },
  { "local_entropy", local_entropy },
  { "distortion_ssim", distortion_ssim },
  { "distortion_psnr", distortion_psnr },
  { "encrypt_ms", encrypt_ms },
  { "attacks_broken", attacks_broken },
  { "analysis_seconds", analysis_seconds },
};

static void
progress (guint               done,
          guint               total,
          const NcCompareRow *row,
          gpointer            data)
{
  (void) data;
  fprintf (stderr, "\r[%u/%u] %-50s", done, total, row->label);
  if (done == total)
    fprintf (stderr, "\r%*s\r", 60, "");
  fflush (stderr);
}

static const char *
verdict_mark (NcOutcome outcome)
{
  return nc_outcome_to_symbol (outcome);
}

/* @text padded to @width characters (labels hold – and other
 * multi-byte characters). */
static char *
pad (const char *text,
     glong       width)
{
  GString *padded = g_string_new (text);

  for (glong i = g_utf8_strlen (text, -1); i < width; i++)
    g_string_append_c (padded, ' ');
  return g_string_free (padded, FALSE);
}

static char *
format_bits (double bits)
{
  return bits >= 1e5 ? g_strdup_printf ("%.2g", bits) : g_strdup_printf ("%.0f", bits);
}

static void
print_text (const NcComparison *c,
            const char         *image)
{
  glong width = 0;
  g_autofree char *blank = NULL;

  for (guint i = 0; i < c->n_rows; i++)
    width = MAX (width, g_utf8_strlen (c->rows[i].label, -1));
  blank = pad ("", width);
  printf (_("Every engine and variant on %s (%s keys); %.1f s\n\n"), image,
          key_seed != 0 ? "random" : "default", c->seconds);
  printf ("%s %13s %15s %26s %13s %13s %11s %13s %8s  %s\n", blank, "key bits", "key NPCR/UACI",
          "correlation H / V / D", "noise s&p 1%", "occl. 1/16", "entropy", "distortion", "enc", "attacks");
  printf ("%s %13s %15s %26s %13s %13s %11s %13s %8s\n", blank, "nom / eff", "%", "",
          "PSNR / SSIM", "PSNR / SSIM", "glob / loc", "SSIM / PSNR", "ms");
  for (guint i = 0; i < c->n_rows; i++)
    {
      const NcCompareRow *row = &c->rows[i];
      const NcAnalysis *a = &row->analysis;
      g_autofree char *nominal = format_bits (a->nominal_key_bits);
      g_autofree char *effective = format_bits (effective_bits (row));
      g_autofree char *bits = g_strdup_printf ("%s/%s", nominal, effective);
      g_autofree char *label = pad (row->label, width);
      g_autofree char *key = g_strdup_printf ("%.2f%s %.2f%s", a->key.ciphers.npcr,
                                              verdict_mark (a->key_verdicts.npcr[0].outcome),
                                              a->key.ciphers.uaci,
                                              verdict_mark (a->key_verdicts.uaci[0].outcome));
      g_autofree char *corr = g_strdup_printf ("%+.4f %+.4f %+.4f%s", row->correlation[0],
                                               row->correlation[1], row->correlation[2],
                                               row->uncorrelated ? "✓" : "✗");

      printf ("%s %13s %17s %28s %6.1f / %.3f %6.1f / %.3f %5.3f/%5.3f %5.3f/%6.2f %8.1f  %s\n",
              label, bits, key, corr,
              noise_sp_psnr (row), noise_sp_ssim (row), occlusion_psnr (row), occlusion_ssim (row),
              entropy (row), local_entropy (row), distortion_ssim (row), distortion_psnr (row),
              a->encrypt_ms, row->n_broken > 0 ? row->broken_by : "none broke it");
    }
  printf (_("\n✓/✗: NPCR and UACI against Wu's critical values at α = 0.05; correlations: none significant at "
          "α = 0.05 over every channel and direction (Bonferroni).\n"
          "“none broke it” means only: not by the attacks of the lab with their budget.\n\n"));
  printf (_("The review's conclusions, on these rows:\n"));
  for (guint i = 0; i < c->n_claims; i++)
    {
      const NcClaim *claim = &c->claims[i];

      printf ("  [%s] %s%s%s\n      %s\n      (%s)\n",
              nc_claim_outcome_to_string (claim->outcome),
              claim->family >= 0 ? nc_family_label ((NcFamily) claim->family) : "All models",
              ": ", claim->claim, claim->reason, claim->source);
    }
}

static void
print_csv (const NcComparison *c)
{
  printf (_("engine,variant,family"));
  for (gsize k = 0; k < G_N_ELEMENTS (columns); k++)
    printf (",%s", columns[k].name);
  printf (_(",key_sensitive,uncorrelated,broken_by\n"));
  for (guint i = 0; i < c->n_rows; i++)
    {
      const NcCompareRow *row = &c->rows[i];

      printf ("%s,%s,%s", row->engine->id, row->variant_id, nc_family_to_string (row->engine->family));
      for (gsize k = 0; k < G_N_ELEMENTS (columns); k++)
        {
          double v = columns[k].get (row);
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          printf (",%s", isfinite (v) ? g_ascii_dtostr (buffer, sizeof buffer, v) : (isnan (v) ? "" : "inf"));
        }
      printf (",%s,%s,\"%s\"\n", row->key_sensitive ? "true" : "false",
              row->uncorrelated ? "true" : "false", row->broken_by != NULL ? row->broken_by : "");
    }
}

static void
print_json (const NcComparison *c,
            const char         *image)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "image");
  json_builder_add_string_value (b, image);
  json_builder_set_member_name (b, "keys");
  json_builder_add_string_value (b, key_seed != 0 ? "random" : "default");
  if (key_seed != 0)
    {
      json_builder_set_member_name (b, "seed");
      json_builder_add_int_value (b, key_seed);
    }
  nc_cli_add_number (b, "seconds", c->seconds);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < c->n_rows; i++)
    {
      const NcCompareRow *row = &c->rows[i];
      const NcAnalysis *a = &row->analysis;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "engine");
      json_builder_add_string_value (b, row->engine->id);
      json_builder_set_member_name (b, "variant");
      json_builder_add_string_value (b, row->variant_id);
      json_builder_set_member_name (b, "family");
      json_builder_add_string_value (b, nc_family_to_string (row->engine->family));
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, row->label);
      for (gsize k = 0; k < G_N_ELEMENTS (columns); k++)
        nc_cli_add_number (b, columns[k].name, columns[k].get (row));
      nc_cli_add_pass (b, "key_npcr_pass", &a->key_verdicts.npcr[0]);
      nc_cli_add_pass (b, "key_uaci_pass", &a->key_verdicts.uaci[0]);
      json_builder_set_member_name (b, "key_sensitive");
      json_builder_add_boolean_value (b, row->key_sensitive);
      json_builder_set_member_name (b, "uncorrelated");
      json_builder_add_boolean_value (b, row->uncorrelated);
      json_builder_set_member_name (b, "exact");
      json_builder_add_boolean_value (b, a->exact);
      json_builder_set_member_name (b, "attacks");
      json_builder_begin_array (b);
      for (guint k = 0; k < a->n_attacks; k++)
        nc_cli_add_attack_json (b, &a->attacks[k]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "claims");
  json_builder_begin_array (b);
  for (guint i = 0; i < c->n_claims; i++)
    {
      const NcClaim *claim = &c->claims[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, claim->id);
      json_builder_set_member_name (b, "family");
      json_builder_add_string_value (b, claim->family >= 0 ? nc_family_to_string ((NcFamily) claim->family) : "all");
      json_builder_set_member_name (b, "claim");
      json_builder_add_string_value (b, claim->claim);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, claim->source);
      json_builder_set_member_name (b, "outcome");
      json_builder_add_string_value (b, nc_claim_outcome_to_string (claim->outcome));
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, claim->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  nc_cli_print_json (b);
}

int
nc_cli_compare (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcImage) plain = NULL;
  g_autoptr(NcComparison) comparison = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *name = NULL;
  int status;

  context = nc_cli_context_new ("compare", "IMAGE",
                                N_("Measure every engine and variant on IMAGE: key space (nominal and "
                                "effective), key sensitivity, correlation, noise resistance, entropy, "
                                "distortion, speed and the attack lab; then judge the review's conclusions "
                                "on the rows."),
                                entries);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return nc_cli_usage (context, _("expected one IMAGE, got %d arguments"), argc - 1);
  if (as_json && as_csv)
    return nc_cli_usage (context, _("--json and --csv exclude each other"));
  if (key_seed < 0)
    return nc_cli_usage (context, _("--seed must be positive"));
  if (engine_list != NULL)
    {
      ids = g_strsplit (engine_list, ",", -1);
      for (gsize i = 0; ids[i] != NULL; i++)
        if (nc_engine_find (g_strstrip (ids[i]), &error) == NULL)
          return nc_cli_usage (context, "%s", error->message);
    }

  if ((plain = nc_image_load (argv[1], NULL, &error)) == NULL)
    return nc_cli_fail (error);
  comparison = nc_compare_run (plain, (const char * const *) ids, (guint64) key_seed,
                               isatty (STDERR_FILENO) ? progress : NULL, NULL, NULL, &error);
  if (comparison == NULL)
    return nc_cli_fail (error);
  name = g_filename_display_basename (argv[1]);
  if (as_json)
    print_json (comparison, name);
  else if (as_csv)
    print_csv (comparison);
  else
    print_text (comparison, name);
  return NC_EXIT_OK;
}
