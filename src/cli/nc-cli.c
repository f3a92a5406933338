/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli: the command-line face of the core library. One file
 * per subcommand; this one dispatches and holds what they share. */
#include "config.h"

#include "nc-cli.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static const struct {
  const char       *name;
  NcCliCommandFunc  run;
  const char       *summary;
} commands[] = {
  { "info", nc_cli_info, N_("Show an image file's size, channels and what loading converted") },
  { "engines", nc_cli_engines, N_("List the engines, their variants and parameters") },
  { "keygen", nc_cli_keygen, N_("Write a new random key file for an engine") },
  { "encrypt", nc_cli_encrypt, N_("Encrypt an image into a PNG ciphertext") },
  { "decrypt", nc_cli_decrypt, N_("Decrypt a PNG ciphertext with its key file") },
  { "analyze", nc_cli_analyze, N_("Measure an image and its ciphertext, with verdicts") },
  { "compare", nc_cli_compare, N_("Measure every engine and variant on one image; judge the review's claims") },
  { "sweep", nc_cli_sweep, N_("Sweep one key parameter against a metric; bifurcation and Lyapunov exponent") },
  { "noise", nc_cli_noise, N_("Damage the ciphertext, decrypt, measure; the curve over strengths") },
  { "measure", nc_cli_measure, N_("Measure two images against each other (MSE, PSNR, SSIM, NPCR/UACI)") },
  { "report", nc_cli_report, N_("Write a report (PDF or HTML): figures, measures, NIST table, attacks") },
  { "figure", nc_cli_figure, N_("Write a figure (panes, histogram, scatter, keyflip, metrics)") },
  { "bench", nc_cli_bench, N_("Time encryption and decryption of every engine") },
  { "train-gan", nc_cli_train_gan, N_("Train the adversarial engine's generators") },
  { "attack", nc_cli_attack, N_("Attack an engine through an encryption oracle, never the key") },
  { "lesson", nc_cli_lesson, N_("List the lessons, or run one headless: each claim measured") },
  { "randomness", nc_cli_randomness, N_("Run NIST SP 800-22 on a keystream or a file of bits") },
  { "keystream", nc_cli_keystream, N_("Write an engine's keystream, raw, for other test suites") },
};

static gint64 max_pixels_option = 0;
static char *weights_option = NULL;
/* The generators --weights named, for the keys this run makes. */
static NcGanWeights *weights_given = NULL;

const GOptionEntry nc_cli_image_entries[] = {
  { "max-pixels", 0, 0, G_OPTION_ARG_INT64, &max_pixels_option,
    N_("Refuse images with more than N pixels (default 268435456)"), N_("N") },
  { "weights", 0, 0, G_OPTION_ARG_FILENAME, &weights_option,
    N_("Run the adversarial engine with the generators in FILE (from train-gan) "
    "instead of the shipped ones"), N_("FILE") },
  { NULL }
};

/**
 * nc_cli_context_new:
 * @command: the subcommand's name
 * @parameters: what follows the options in the usage line
 * @summary: a paragraph for --help
 * @entries: the subcommand's options
 */
GOptionContext *
nc_cli_context_new (const char         *command,
                    const char         *parameters,
                    const char         *summary,
                    const GOptionEntry *entries)
{
  g_autofree char *prgname = g_strdup_printf (_("neurocipher-cli %s"), command);
  GOptionContext *context = g_option_context_new (parameters);

  g_set_prgname (prgname);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  return context;
}

/* Parses options; on a usage error prints it and sets *out_status to 2. */
gboolean
nc_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv,
              int              *out_status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *out_status = nc_cli_usage (context, "%s", error->message);
      return FALSE;
    }
  if (max_pixels_option < 0)
    {
      *out_status = nc_cli_usage (context, _("--max-pixels must be positive"));
      return FALSE;
    }
  if (max_pixels_option > 0)
    nc_image_set_max_pixels ((guint64) max_pixels_option);
  if (weights_option != NULL)
    {
      g_autoptr(NcGanWeights) weights = nc_gan_weights_load (weights_option, &error);

      if (weights == NULL)
        {
          *out_status = nc_cli_fail (error);
          return FALSE;
        }
      g_clear_pointer (&weights_given, nc_gan_weights_unref);
      weights_given = g_steal_pointer (&weights);
    }
  return TRUE;
}

/* Makes @key run with the generators --weights named, if it did. */
void
nc_cli_attach_weights (NcParams *key)
{
  if (weights_given != NULL)
    nc_gan_weights_attach (key, weights_given);
}

int
nc_cli_usage (GOptionContext *context,
              const char     *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  (void) context;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, _("%s: %s\nTry “%s --help”.\n"), g_get_prgname (), message, g_get_prgname ());
  return NC_EXIT_USAGE;
}

int
nc_cli_fail (const GError *error)
{
  fprintf (stderr, "%s: %s\n", g_get_prgname (), error->message);
  return NC_EXIT_BAD_INPUT;
}

/**
 * nc_cli_check_new_file:
 * @path: a file about to be written
 * @force: --force was given
 * @what: what the file is ("a key file", "an output file")
 *
 * An existing file is replaced only with --force: nothing is lost by a
 * slip of the command line.
 */
gboolean
nc_cli_check_new_file (const char  *path,
                       gboolean     force,
                       const char  *what,
                       GError     **error)
{
  if (force || !g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  nc_set_file_error (error, NC_ERROR_IO, path, _("already exists; %s is only replaced with --force"),
                     what);
  return FALSE;
}

/* For nc_engine_draw_key(): sets the --set values again after a draw. */
void
nc_cli_keep_sets (NcParams *params,
                  gpointer  assignments)
{
  nc_cli_apply_sets (params, assignments, NULL);
}

/* Applies every "id=value" of repeated --set options. */
gboolean
nc_cli_apply_sets (NcParams  *params,
                   char     **assignments,
                   GError   **error)
{
  for (gsize i = 0; assignments != NULL && assignments[i] != NULL; i++)
    if (!nc_params_set_from_string (params, assignments[i], error))
      return FALSE;
  return TRUE;
}

/**
 * nc_cli_resolve_key:
 * @engine_id: (nullable): -e, the engine
 * @key_path: (nullable): -k, a key file, which must be for @engine_id when
 *   both are given
 * @assignments: (nullable): --set id=value, applied to the key
 * @fallback_engine: (nullable): the engine whose default key is used when
 *   neither -e nor -k is given
 * @out_key: (out) (transfer full) (nullable): the key, or %NULL when there
 *   is none to use
 * @error: return location for an error
 */
gboolean
nc_cli_resolve_key (const char  *engine_id,
                    const char  *key_path,
                    char       **assignments,
                    const char  *fallback_engine,
                    NcParams   **out_key,
                    GError     **error)
{
  g_autoptr(NcParams) key = NULL;
  const NcEngine *engine = NULL;

  *out_key = NULL;
  if (engine_id == NULL && key_path == NULL)
    engine_id = fallback_engine;
  if (engine_id != NULL && (engine = nc_engine_find (engine_id, error)) == NULL)
    return FALSE;
  if (key_path != NULL)
    key = nc_engine_load_key (engine, key_path, error);
  else if (engine != NULL)
    key = nc_engine_new_params (engine);
  else
    return TRUE;
  if (key == NULL || !nc_cli_apply_sets (key, assignments, error))
    return FALSE;
  nc_cli_attach_weights (key);
  *out_key = g_steal_pointer (&key);
  return TRUE;
}

static void
print_commands (FILE *out)
{
  fprintf (out, _("Usage:\n  neurocipher-cli COMMAND [OPTION…]\n\n"
                "Neurocipher %s: image encryption with neural-network models.\n\n"
                "Commands:\n"), PACKAGE_VERSION);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, nc_tr (commands[i].summary));
  fprintf (out, _("\nRun “neurocipher-cli COMMAND --help” for a command's options.\n"
                "Exit status: 0 success, 1 bad input, 2 bad usage.\n"));
}

int
main (int    argc,
      char **argv)
{
  nc_tune_allocator ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("neurocipher-cli");

  if (argc < 2)
    {
      print_commands (stderr);
      return NC_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_commands (stdout);
      return NC_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf (_("neurocipher-cli %s\n"), PACKAGE_VERSION);
      return NC_EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, _("neurocipher-cli: unknown command “%s”\n"
                   "Try “neurocipher-cli --help”.\n"), argv[1]);
  return NC_EXIT_USAGE;
}
