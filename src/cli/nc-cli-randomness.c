/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli randomness: NIST SP 800-22 Rev. 1a over an engine's
 * keystream (the ciphertext of an all-zero image) or over a file of ASCII
 * bits, as papers in the field report it. neurocipher-cli keystream: the
 * same bytes, raw, for dieharder or PractRand. */
#include "nc-cli.h"

#include <math.h>
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "nc-randomness.h"

static char *engine_id = NULL;
static char *key_path = NULL;
static char **assignments = NULL;
static char *bits_file = NULL;
static gint64 n_bits = 1000000;
static gint n_sequences = 1;
static gboolean all_rows = FALSE;
static gboolean as_json = FALSE;
static gint64 n_bytes = 0;

static const GOptionEntry key_entries[] = {
  { "engine", 'e', 0, G_OPTION_ARG_STRING, &engine_id, N_("The engine (its default key unless -k)"), N_("ENGINE") },
  { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path, N_("A key file"), N_("KEYFILE") },
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &assignments,
    N_("Set a parameter of the key; repeatable"), N_("ID=VALUE") },
  { NULL }
};

static const GOptionEntry randomness_entries[] = {
  { "bits-file", 0, 0, G_OPTION_ARG_FILENAME, &bits_file,
    N_("Test the bits of FILE (ASCII 0 and 1, NIST's format) instead of an engine"), N_("FILE") },
  { "bits", 0, 0, G_OPTION_ARG_INT64, &n_bits, N_("Bits per sequence (default 1000000)"), N_("N") },
  { "sequences", 0, 0, G_OPTION_ARG_INT, &n_sequences,
    N_("Sequences (default 1; NIST asks for at least 55 to judge uniformity)"), N_("M") },
  { "all-rows", 0, 0, G_OPTION_ARG_NONE, &all_rows,
    N_("Print every template and state, not only each test's worst"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
  { NULL }
};

static const GOptionEntry keystream_entries[] = {
  { "bytes", 0, 0, G_OPTION_ARG_INT64, &n_bytes, N_("How many bytes to write (required)"), N_("N") },
  { NULL }
};

/* @text padded with spaces to @width characters (not bytes: ψ, ∇ and –
 * are several bytes each). */
static char *
pad (const char *text,
     glong       width)
{
  glong length = g_utf8_strlen (text, -1);
  GString *padded = g_string_new (text);

  for (glong i = length; i < width; i++)
    g_string_append_c (padded, ' ');
  return g_string_free (padded, FALSE);
}

static void
print_row (const NcNistReport *report,
           const NcNistRow    *row,
           const char         *note)
{
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  g_autofree char *proportion = NULL;
  g_autofree char *uniformity = NULL;

  name = row->variant[0] != '\0'
    ? g_strdup_printf ("%s (%s)", nc_nist_test_name (row->test), row->variant)
    : g_strdup (nc_nist_test_name (row->test));
  g_autofree char *padded = NULL;

  if (row->applicable == 0)
    {
      printf ("  %-44s %s\n", name, "not applicable");
      return;
    }
  padded = pad (name, 44);
  value = report->n_sequences == 1 ? g_strdup_printf ("%.6f", row->p[0]) : g_strdup ("");
  proportion = g_strdup_printf ("%u/%u", row->passed, row->applicable);
  uniformity = isnan (row->uniformity_p) ? g_strdup ("-         ") : g_strdup_printf ("%-10.6f", row->uniformity_p);
  printf ("  %s %-9s %-11s %s %s%s\n", padded, value, proportion, uniformity,
          nc_nist_row_passes (row) ? "pass" : "FAIL", note != NULL ? note : "");
}

static void
print_text (const NcNistReport *report,
            const char         *source)
{
  guint failed;
  double low = 1.0 - NC_NIST_ALPHA
               - 3.0 * sqrt ((1.0 - NC_NIST_ALPHA) * NC_NIST_ALPHA / report->n_sequences);

  printf (_("NIST SP 800-22 Rev. 1a on %s\n"), source);
  if (report->n_sequences == 1)
    printf (_("1 sequence of %llu bits, α = %.2f; a row passes when its p-value is at least α"),
            (unsigned long long) report->n_bits, NC_NIST_ALPHA);
  else
    printf (_("%u sequences of %llu bits, α = %.2f; a row passes when the proportion "
              "of sequences with p ≥ α is at least %.4f"),
            report->n_sequences, (unsigned long long) report->n_bits, NC_NIST_ALPHA, low);
  if (report->n_sequences >= NC_NIST_MIN_UNIFORMITY_SEQUENCES)
    printf (_(" and the uniformity p-value of the p-values is at least 0.0001"));
  printf (".\n\n  %-44s %-9s %-11s %-10s %s\n", "Test", "P-value", "Proportion", "Uniformity", "Result");

  for (guint t = 0; t < NC_NIST_N_TESTS; t++)
    {
      guint n_rows, n_ok;
      const NcNistRow *rows = nc_nist_report_first_row (report, (NcNistTest) t, &n_rows, &n_ok);

      if (rows[0].applicable == 0 && report->not_applicable[t] != NULL)
        printf (_("  %-44s not applicable: %s\n"), nc_nist_test_name ((NcNistTest) t),
                report->not_applicable[t]);
      else if (n_rows <= 2 || all_rows)
        for (guint r = 0; r < n_rows; r++)
          print_row (report, &rows[r], NULL);
      else
        {
          g_autofree char *note = g_strdup_printf (_("  (worst of %u; %u pass)"), n_rows, n_ok);

          print_row (report, nc_nist_report_worst_row (report, (NcNistTest) t), note);
        }
    }
  failed = nc_nist_report_count_failed (report);
  printf (_("\n%u of %d rows failed."), failed, NC_NIST_N_ROWS);
  if (failed > 0)
    printf (_(" At α = 0.01 about 1 row in 100 fails for a good generator; NIST reads a "
            "failure over many sequences, not one p-value."));
  printf (_(" Passing shows only that these tests found no pattern: it is no proof of security.\n"));
}

static void
print_json (const NcNistReport *report,
            const char         *source_kind,
            const char         *source)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, source_kind);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, source);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "bits");
  json_builder_add_int_value (b, (gint64) report->n_bits);
  json_builder_set_member_name (b, "sequences");
  json_builder_add_int_value (b, report->n_sequences);
  nc_cli_add_number (b, "alpha", NC_NIST_ALPHA);
  json_builder_set_member_name (b, "tests");
  json_builder_begin_array (b);
  for (guint t = 0; t < NC_NIST_N_TESTS; t++)
    {
      guint n_rows;
      const NcNistRow *rows = nc_nist_report_first_row (report, (NcNistTest) t, &n_rows, NULL);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, nc_nist_test_id ((NcNistTest) t));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, nc_nist_test_name ((NcNistTest) t));
      json_builder_set_member_name (b, "not_applicable");
      if (report->not_applicable[t] != NULL)
        json_builder_add_string_value (b, report->not_applicable[t]);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "rows");
      json_builder_begin_array (b);
      for (guint r = 0; r < n_rows; r++)
        {
          const NcNistRow *row = &rows[r];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "variant");
          json_builder_add_string_value (b, row->variant);
          json_builder_set_member_name (b, "p_values");
          json_builder_begin_array (b);
          for (guint i = 0; i < report->n_sequences; i++)
            if (isnan (row->p[i]))
              json_builder_add_null_value (b);
            else
              json_builder_add_double_value (b, row->p[i]);
          json_builder_end_array (b);
          json_builder_set_member_name (b, "applicable");
          json_builder_add_int_value (b, row->applicable);
          json_builder_set_member_name (b, "passed");
          json_builder_add_int_value (b, row->passed);
          nc_cli_add_number (b, "proportion_low", row->proportion_low);
          nc_cli_add_number (b, "uniformity_p", row->uniformity_p);
          json_builder_set_member_name (b, "pass");
          json_builder_add_boolean_value (b, nc_nist_row_passes (row));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  nc_cli_print_json (b);
}

/* The key -e, -k and --set name (the engine's default key for -e alone). */
static NcParams *
stream_key (GError **error)
{
  NcParams *key = NULL;

  if (!nc_cli_resolve_key (engine_id, key_path, assignments, NULL, &key, error))
    return NULL;
  return key;
}

int
nc_cli_randomness (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcNistReport) report = NULL;
  g_autofree guint8 *bits = NULL;
  g_autofree char *source = NULL;
  guint64 total;
  int status;

  context = nc_cli_context_new ("randomness", "",
                                N_("Run the fifteen tests of NIST SP 800-22 Rev. 1a, with NIST's default "
                                "parameters, on an engine's keystream (the ciphertext of an all-zero image "
                                "under the key: the keystream itself where the cipher adds or XORs one) or "
                                "on a file of ASCII bits. Prints each test's p-value, the proportion of "
                                "sequences passing against NIST's interval, and the uniformity of the "
                                "p-values over the sequences."),
                                randomness_entries);
  g_option_context_add_main_entries (context, key_entries, NULL);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return nc_cli_usage (context, _("unexpected argument “%s”"), argv[1]);
  if ((bits_file != NULL) == (engine_id != NULL || key_path != NULL))
    return nc_cli_usage (context, _("give either an engine (-e, -k) or --bits-file"));
  if (n_bits < 100 || n_bits > G_GINT64_CONSTANT (1) << 31)
    return nc_cli_usage (context, _("--bits must be between 100 and 2147483648"));
  if (n_sequences < 1 || (guint64) n_sequences * (guint64) n_bits > G_GUINT64_CONSTANT (1) << 32)
    return nc_cli_usage (context, _("--sequences must be at least 1, and at most 2^32 bits in all"));
  total = (guint64) n_bits * (guint64) n_sequences;

  if (bits_file != NULL)
    {
      guint64 read = 0;

      if ((bits = nc_nist_read_bits_file (bits_file, total, &read, &error)) == NULL)
        return nc_cli_fail (error);
      if (read < total)
        {
          g_autofree char *name = g_filename_display_name (bits_file);

          g_set_error (&error, NC_ERROR, NC_ERROR_EMPTY,
                       _("“%s” holds %llu bits; %d sequence%s of %lld bits need %llu"),
                       name, (unsigned long long) read, n_sequences, n_sequences == 1 ? "" : "s",
                       (long long) n_bits, (unsigned long long) total);
          return nc_cli_fail (error);
        }
      source = g_filename_display_name (bits_file);
    }
  else
    {
      g_autoptr(NcParams) key = stream_key (&error);
      const NcEngine *engine;

      if (key == NULL)
        return nc_cli_fail (error);
      engine = nc_engine_for_params (key);
      if ((bits = nc_engine_zero_stream_bits (engine, key, total, NULL, &error)) == NULL)
        return nc_cli_fail (error);
      source = g_strdup_printf (_("the keystream of %s (the ciphertext of an all-zero image)%s"),
                                nc_tr (engine->name), key_path != NULL ? _(", the key from the file") : _(", its default key"));
    }

  report = nc_nist_run (bits, (guint64) n_bits, (guint) n_sequences, NULL, NULL, NULL, &error);
  if (report == NULL)
    return nc_cli_fail (error);
  if (as_json)
    print_json (report, bits_file != NULL ? "bits-file" : "keystream", source);
  else
    print_text (report, source);
  return NC_EXIT_OK;
}

int
nc_cli_keystream (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcParams) key = NULL;
  g_autofree guint8 *bytes = NULL;
  int status;

  context = nc_cli_context_new ("keystream", "",
                                N_("Write an engine's keystream to standard output, raw: the ciphertext of an "
                                "all-zero image under the key (the keystream itself where the cipher adds or "
                                "XORs one), for dieharder or PractRand."),
                                keystream_entries);
  g_option_context_add_main_entries (context, key_entries, NULL);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return nc_cli_usage (context, _("unexpected argument “%s”"), argv[1]);
  if (engine_id == NULL && key_path == NULL)
    return nc_cli_usage (context, _("an engine (-e) or a key file (-k) is required"));
  if (n_bytes <= 0)
    return nc_cli_usage (context, _("--bytes N is required, N at least 1"));
  if (isatty (STDOUT_FILENO))
    return nc_cli_usage (context, _("the keystream is binary: redirect standard output to a file or a pipe"));

  if ((key = stream_key (&error)) == NULL)
    return nc_cli_fail (error);
  if ((bytes = nc_engine_zero_stream (nc_engine_for_params (key), key, (gsize) n_bytes, NULL, &error)) == NULL)
    return nc_cli_fail (error);
  if (fwrite (bytes, 1, (gsize) n_bytes, stdout) != (gsize) n_bytes || fflush (stdout) != 0)
    {
      g_set_error (&error, NC_ERROR, NC_ERROR_IO, _("Could not write the keystream to standard output: %s"),
                   g_strerror (errno));
      return nc_cli_fail (error);
    }
  return NC_EXIT_OK;
}
