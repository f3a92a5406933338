/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli report IMAGE -o FILE.pdf|FILE.html: the image, the
 * engine and its public parameters, every figure, the metrics with their
 * verdicts, the NIST table and what the attacks found; report --lesson
 * NAME [IMAGE] -o FILE.pdf: a lesson's handout. */
#include "nc-cli.h"

#include <stdio.h>

#include "nc-report.h"

static char *engine_id = NULL;
static char *key_path = NULL;
static char **assignments = NULL;
static char *output = NULL;
static int sequences = 1;
static gboolean force = FALSE;
static char *lesson_id = NULL;

static const GOptionEntry entries[] = {
  { "engine", 'e', 0, G_OPTION_ARG_STRING, &engine_id, N_("The engine (its default key unless -k)"), N_("ENGINE") },
  { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path, N_("The key file"), N_("KEYFILE") },
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &assignments, N_("Set a parameter of the key; repeatable"), N_("ID=VALUE") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The report: .pdf or .html (required)"), N_("FILE") },
  { "sequences", 0, 0, G_OPTION_ARG_INT, &sequences,
    N_("Sequences of 10^6 keystream bits for the NIST table (default 1)"), N_("M") },
  { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing report"), NULL },
  { "lesson", 0, 0, G_OPTION_ARG_STRING, &lesson_id,
    N_("Write the lesson NAME's handout instead (a PDF; IMAGE defaults to the bundled camera.png)"), N_("NAME") },
  { NULL }
};

/* report --lesson NAME [IMAGE] -o FILE.pdf: the lesson run on IMAGE, as
 * a handout. */
static int
write_handout (GOptionContext  *context,
               int              argc,
               char           **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lessons = NULL;
  g_autoptr(NcImage) image = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  const NcLesson *lesson;

  if (argc > 2)
    return nc_cli_usage (context, _("expected at most one IMAGE with --lesson, got %d arguments"), argc - 1);
  if (output == NULL || !g_str_has_suffix (output, ".pdf"))
    return nc_cli_usage (context, _("give the handout file, a .pdf, with -o"));
  if (engine_id != NULL || key_path != NULL || assignments != NULL)
    return nc_cli_usage (context, _("a lesson sets its own engine and key: --lesson takes no -e, -k or --set"));
  if ((lesson = nc_cli_find_lesson (lesson_id, &lessons, &error)) == NULL)
    return g_error_matches (error, NC_ERROR, NC_ERROR_NOT_FOUND) ? nc_cli_usage (context, "%s", error->message)
                                                                 : nc_cli_fail (error);
  path = nc_cli_lesson_image (argc == 2 ? argv[1] : NULL);
  if (!nc_file_check_not_input (output, path, &error) ||
      !nc_cli_check_new_file (output, force, "a handout", &error) ||
      (image = nc_image_load (path, NULL, &error)) == NULL)
    return nc_cli_fail (error);
  name = g_filename_display_basename (path);
  if (!nc_handout_write (lesson, image, name, output, NULL, &error))
    return nc_cli_fail (error);
  return NC_EXIT_OK;
}

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

  context = nc_cli_context_new ("report", "IMAGE | --lesson NAME [IMAGE]",
                                N_("Write a report of IMAGE encrypted with an engine: the image, the engine and "
                                "its public parameters, every figure, the metrics with their verdicts, the "
                                "NIST SP 800-22 table and what the attacks found; a PDF of several pages or "
                                "one self-contained HTML file. With --lesson, the lesson's handout: its "
                                "text, then a page per step with each expectation measured on IMAGE, "
                                "confirmed or not, and the step's figure."),
                                entries);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (lesson_id != NULL)
    return write_handout (context, argc, argv);
  if (argc != 2)
    return nc_cli_usage (context, _("expected one IMAGE, got %d arguments"), argc - 1);
  if (output == NULL)
    return nc_cli_usage (context, _("give the report file with -o"));
  if (!g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".html") && !g_str_has_suffix (output, ".htm"))
    return nc_cli_usage (context, _("the report is written as .pdf or .html"));
  if (sequences < 1 || sequences > 1000)
    return nc_cli_usage (context, _("--sequences must be between 1 and 1000"));
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
