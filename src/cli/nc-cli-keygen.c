/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli keygen ENGINE: a new random key file. */
#include "nc-cli.h"

#include <stdio.h>

static char *output = NULL;
static char *seed_text = NULL;
static char **assignments = NULL;
static gboolean force = FALSE;
static gboolean allow_weak = FALSE;

static const GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
    N_("Write the key to FILE (default: standard output)"), N_("FILE") },
  { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
    N_("Draw the key from a generator seeded with N, so it repeats "
    "(default: the system's secure generator)"), N_("N") },
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &assignments,
    N_("Set a parameter instead of drawing it (variant included); repeatable"), N_("ID=VALUE") },
  { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
    N_("Replace an existing key file (its images can then no longer be decrypted)"), NULL },
  { "allow-weak", 0, 0, G_OPTION_ARG_NONE, &allow_weak,
    N_("Take the first key drawn even when it is weak (a periodic orbit), to study one"), NULL },
  { NULL }
};

static gboolean
parse_seed (guint64 *out_seed,
            GError **error)
{
  if (!g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, out_seed, NULL))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("--seed “%s” is not a whole number from 0 to %llu"),
                   seed_text, (unsigned long long) G_MAXUINT64);
      return FALSE;
    }
  return TRUE;
}

int
nc_cli_keygen (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcParams) params = NULL;
  const NcEngine *engine;
  NcRng rng;
  guint64 seed = 0;
  int status;

  context = nc_cli_context_new ("keygen", "ENGINE",
                                N_("Write a key file for ENGINE with every key parameter drawn "
                                "at random over its levels, drawn again while the engine's "
                                "weak-key check says the key is weak. Parameters given with --set "
                                "keep their values. An existing file is not replaced without --force."),
                                entries);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return nc_cli_usage (context, _("expected one ENGINE, got %d (see “neurocipher-cli engines”)"),
                         argc - 1);
  if (seed_text != NULL && !parse_seed (&seed, &error))
    return nc_cli_usage (context, "%s", error->message);

  engine = nc_engine_find (argv[1], &error);
  if (engine == NULL)
    return nc_cli_fail (error);

  params = nc_engine_new_params (engine);
  /* The variant decides which key parameters exist, so the settings go in
   * first, then the draw, then the settings again over it. */
  if (!nc_cli_apply_sets (params, assignments, &error))
    return nc_cli_fail (error);
  if (seed_text != NULL)
    nc_rng_init (&rng, seed);
  if (!nc_engine_draw_key (engine, params, seed_text != NULL ? &rng : NULL, nc_cli_keep_sets,
                           assignments, allow_weak, &error))
    return nc_cli_fail (error);

  if (output == NULL)
    {
      g_autofree char *data = nc_params_to_key_file_data (params, NULL);

      fputs (data, stdout);
      return NC_EXIT_OK;
    }
  if (!nc_cli_check_new_file (output, force, "a key file", &error))
    return nc_cli_fail (error);
  if (!nc_params_save_key_file (params, output, &error))
    return nc_cli_fail (error);
  return NC_EXIT_OK;
}
