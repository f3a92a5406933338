/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli figure KIND IMAGE: the workbench's figures, without a
 * display. */
#include "nc-cli.h"

#include <stdio.h>

#include "nc-figures.h"

static char *engine_id = NULL;
static char *key_path = NULL;
static char **assignments = NULL;
static char *output = NULL;
static gboolean force = FALSE;
static int key_bit = 0;
static double width_pt = 0, height_pt = 0, dpi = 150;

static const GOptionEntry entries[] = {
  { "engine", 'e', 0, G_OPTION_ARG_STRING, &engine_id,
    N_("The engine (default key unless -k is given; default chacha20)"), N_("ENGINE") },
  { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path, N_("The key file"), N_("KEYFILE") },
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &assignments, N_("Set a key parameter; repeatable"), N_("ID=VALUE") },
  { "bit", 'b', 0, G_OPTION_ARG_INT, &key_bit, N_("Key bit flipped in the keyflip figure (default 0)"), N_("N") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The figure: .png, .svg or .pdf (required)"), N_("OUT") },
  { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing figure file"), NULL },
  { "width", 0, 0, G_OPTION_ARG_DOUBLE, &width_pt, N_("Width in points (1/72 inch)"), N_("PT") },
  { "height", 0, 0, G_OPTION_ARG_DOUBLE, &height_pt, N_("Height in points"), N_("PT") },
  { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, N_("Resolution of a PNG (default 150)"), N_("DPI") },
  { NULL }
};

int
nc_cli_figure (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcImage) plain = NULL;
  g_autoptr(NcParams) key = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) metadata = NULL;
  const NcEngine *engine = NULL;
  NcFigureFormat format;
  NcFigureKind kind;
  NcAnalysis analysis;
  NcFigureData data = { 0 };
  gboolean ok;
  int status;

  context = nc_cli_context_new ("figure", "KIND IMAGE",
                                N_("Write a figure of IMAGE encrypted with an engine: KIND is panes, "
                                "histogram, scatter, keyflip or metrics. The engine, variant and "
                                "public parameters go into the file's metadata."),
                                entries);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return nc_cli_usage (context, _("expected KIND and IMAGE, got %d arguments"), argc - 1);
  if (output == NULL)
    return nc_cli_usage (context, _("give the output file with -o"));
  if (!nc_figure_kind_from_string (argv[1], &kind, &error))
    return nc_cli_usage (context, "%s", error->message);
  if (key_bit < 0)
    return nc_cli_usage (context, _("--bit must be 0 or more"));
  if (!nc_figure_format_from_path (output, &format, &error) ||
      !nc_file_check_not_input (output, argv[2], &error) ||
      !nc_cli_check_new_file (output, force, "a figure file", &error))
    return nc_cli_fail (error);

  if (!nc_cli_resolve_key (engine_id, key_path, assignments, "chacha20", &key, &error))
    return nc_cli_fail (error);
  engine = nc_engine_for_params (key);

  plain = nc_image_load (argv[2], NULL, &error);
  if (plain == NULL)
    return nc_cli_fail (error);
  if (!nc_analysis_run (plain, NULL, engine, key, (guint) key_bit, NC_ANALYSIS_FULL, &analysis,
                        NULL, &error))
    {
      nc_analysis_clear (&analysis);
      return nc_cli_fail (error);
    }

  title = nc_engine_describe_variant (engine, nc_params_get_variant (key));
  data = (NcFigureData) { plain, analysis.cipher_image, analysis.decrypted, analysis.flipped_cipher,
                          analysis.wrong_plain, &analysis, title, 0 };

  metadata = nc_engine_public_metadata (key);
  g_ptr_array_add (metadata, g_strdup ("neurocipher:key-bit"));
  g_ptr_array_add (metadata, g_strdup_printf ("%d", key_bit));
  g_ptr_array_add (metadata, NULL);

  ok = nc_figure_write_kind (kind, &data, output, width_pt, height_pt, dpi,
                             (const char * const *) metadata->pdata, &error);
  nc_analysis_clear (&analysis);
  return ok ? NC_EXIT_OK : nc_cli_fail (error);
}
