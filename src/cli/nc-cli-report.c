/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli report IMAGE -o FILE.pdf|FILE.html: the image, the
 * engine and its public parameters, every figure, the metrics with their
 * verdicts, the NIST table and what the attacks found. */
#include "nc-cli.h"

#include <stdio.h>

#include "nc-report.h"

static char *engine_id = NULL;
static char *key_path = NULL;
static char **assignments = NULL;
static char *output = NULL;
static int sequences = 1;
static gboolean force = FALSE;

static const GOptionEntry entries[] = {
  { "engine", 'e', 0, G_OPTION_ARG_STRING, &engine_id, "The engine (its default key unless -k)", "ENGINE" },
  { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path, "The key file", "KEYFILE" },
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &assignments, "Set a parameter of the key; repeatable", "ID=VALUE" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The report: .pdf or .html (required)", "FILE" },
  { "sequences", 0, 0, G_OPTION_ARG_INT, &sequences,
    "Sequences of 10^6 keystream bits for the NIST table (default 1)", "M" },
  { "force", 'f', 0, G_OPTION_ARG_NONE, &force, "Replace an existing report", NULL },
  { NULL }
};

int
nc_cli_report (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcParams) key = NULL;
  g_autoptr(NcImage) plain = NULL;
  g_autoptr(NcReport) report = NULL;
  g_autofree char *name = NULL;
  int status;

  context = nc_cli_context_new ("report", "IMAGE",
                                "Write a report of IMAGE encrypted with an engine: the image, the engine and "
                                "its public parameters, every figure, the metrics with their verdicts, the "
                                "NIST SP 800-22 table and what the attacks found; a PDF of several pages or "
                                "one self-contained HTML file.",
                                entries);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return nc_cli_usage (context, "expected one IMAGE, got %d arguments", argc - 1);
  if (output == NULL)
    return nc_cli_usage (context, "give the report file with -o");
  if (!g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".html") && !g_str_has_suffix (output, ".htm"))
    return nc_cli_usage (context, "the report is written as .pdf or .html");
  if (sequences < 1 || sequences > 1000)
    return nc_cli_usage (context, "--sequences must be between 1 and 1000");
  if (!nc_file_check_not_input (output, argv[1], &error) ||
      !nc_cli_check_new_file (output, force, "a report", &error))
    return nc_cli_fail (error);

  if (!nc_cli_resolve_key (engine_id, key_path, assignments, "chacha20", &key, &error) ||
      (plain = nc_image_load (argv[1], NULL, &error)) == NULL)
    return nc_cli_fail (error);
  name = g_filename_display_basename (argv[1]);
  report = nc_report_new (plain, name, nc_engine_for_params (key), key, (guint) sequences, NULL, &error);
  if (report == NULL || !nc_report_write (report, output, &error))
    return nc_cli_fail (error);
  return NC_EXIT_OK;
}
