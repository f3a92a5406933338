/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli encrypt and decrypt. */
#include "config.h"

#include "nc-cli.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>


static char *engine_id = NULL;
static char *key_path = NULL;
static char *key_out = NULL;
static char *seed_text = NULL;
static char **assignments = NULL;
static gboolean force = FALSE;
static gboolean allow_weak = FALSE;
static gboolean ignore_metadata = FALSE;

static const GOptionEntry encrypt_entries[] = {
  { "engine", 'e', 0, G_OPTION_ARG_STRING, &engine_id,
    N_("The engine (see “neurocipher-cli engines”); taken from the key file when -k is given"), N_("ENGINE") },
  { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path, N_("Encrypt with this key file"), N_("KEYFILE") },
  { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
    N_("Draw a new key from a generator seeded with N (default: the secure generator)"), N_("N") },
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &assignments,
    N_("Set a parameter (variant included); repeatable"), N_("ID=VALUE") },
  { "key-out", 0, 0, G_OPTION_ARG_FILENAME, &key_out,
    N_("Where to write the key when it is new or changed (default: OUT with .nckey)"), N_("FILE") },
  { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing ciphertext or key file"), NULL },
  { "allow-weak", 0, 0, G_OPTION_ARG_NONE, &allow_weak,
    N_("Take the first key drawn even when it is weak, to study one"), NULL },
  { NULL }
};

static const GOptionEntry decrypt_entries[] = {
  { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path, N_("The key file (required)"), N_("KEYFILE") },
  { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing output file"), NULL },
  { "ignore-metadata", 0, 0, G_OPTION_ARG_NONE, &ignore_metadata,
    N_("Decrypt a PNG that records no Neurocipher metadata (stripped by an editor) with the key's settings"), NULL },
  { NULL }
};

/* Ciphertexts and decrypted images are written as PNG, which is lossless:
 * a ciphertext that lost a bit no longer decrypts. */
static gboolean
check_png_output (const char  *output,
                  const char  *input,
                  GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (output, -1);

  if (g_str_has_suffix (lower, ".jpg") || g_str_has_suffix (lower, ".jpeg") ||
      g_str_has_suffix (lower, ".webp"))
    {
      nc_set_file_error (error, NC_ERROR_UNSUPPORTED, output,
                         _("a lossy format cannot hold a ciphertext (it would not decrypt); "
                         "write a .png"));
      return FALSE;
    }
  if (!g_str_has_suffix (lower, ".png"))
    {
      nc_set_file_error (error, NC_ERROR_UNSUPPORTED, output,
                         _("output images are written as PNG: name it .png"));
      return FALSE;
    }
  return nc_file_check_not_input (output, input, error);
}

static char *
default_key_path (const char *output)
{
  g_autofree char *stem = g_strndup (output, strlen (output) - strlen (".png"));

  return g_strconcat (stem, ".nckey", NULL);
}

static NcParams *
encryption_key (gboolean  *out_new,
                GError   **error)
{
  g_autoptr(NcParams) key = NULL;
  const NcEngine *engine = NULL;
  guint64 seed = 0;
  NcRng rng;

  if (engine_id != NULL && (engine = nc_engine_find (engine_id, error)) == NULL)
    return NULL;
  if (key_path != NULL)
    {
      g_autoptr(NcParams) loaded = nc_engine_load_key (engine, key_path, error);

      if (loaded == NULL)
        return NULL;
      key = nc_params_copy (loaded);
      if (!nc_cli_apply_sets (key, assignments, error))
        return NULL;
      *out_new = !nc_params_equal (key, loaded);
      nc_cli_attach_weights (key);
      return g_steal_pointer (&key);
    }

  if (seed_text != NULL &&
      !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("--seed “%s” is not a whole number"),
                   seed_text);
      return NULL;
    }
  key = nc_engine_new_params (engine);
  if (!nc_cli_apply_sets (key, assignments, error))
    return NULL;
  nc_rng_init (&rng, seed);
  if (!nc_engine_draw_key (engine, key, seed_text != NULL ? &rng : NULL, nc_cli_keep_sets,
                           assignments, allow_weak, error))
    return NULL;
  nc_cli_attach_weights (key);
  *out_new = TRUE;
  return g_steal_pointer (&key);
}

static void
warn_weak_key (const NcParams *key)
{
  g_autofree char *warning = nc_engine_diagnose (nc_engine_for_params (key), key);

  if (warning != NULL)
    fprintf (stderr, "%s: warning: %s\n", g_get_prgname (), warning);
}

int
nc_cli_encrypt (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcParams) key = NULL;
  g_autoptr(NcImage) plain = NULL;
  g_autoptr(NcImage) cipher = NULL;
  g_autoptr(NcLoadInfo) info = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *staged_key = NULL;
  gboolean new_key = FALSE;
  int status;

  context = nc_cli_context_new ("encrypt", "IN OUT.png",
                                N_("Encrypt IN with an engine and write the ciphertext as a PNG whose "
                                "text chunks name the engine, the variant and the public "
                                "parameters. Without -k a new key is drawn and written beside "
                                "OUT (or to --key-out); an existing file is never replaced without --force."),
                                encrypt_entries);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return nc_cli_usage (context, _("expected IN and OUT.png, got %d arguments"), argc - 1);
  if (key_path == NULL && engine_id == NULL)
    return nc_cli_usage (context, _("give an engine (-e) or a key file (-k)"));
  if (key_path != NULL && seed_text != NULL)
    return nc_cli_usage (context, _("--seed draws a new key: it cannot go with -k"));

  if (!check_png_output (argv[2], argv[1], &error) ||
      !nc_cli_check_new_file (argv[2], force, "an output file", &error))
    return nc_cli_fail (error);
  key = encryption_key (&new_key, &error);
  if (key == NULL)
    return nc_cli_fail (error);
  plain = nc_image_load (argv[1], &info, &error);
  if (plain == NULL)
    return nc_cli_fail (error);
  {
    g_autoptr(GPtrArray) conversions = nc_load_info_describe_conversions (info);

    /* What is encrypted is the converted image; decryption gives it back,
     * not the file as it was. */
    for (guint i = 0; i < conversions->len; i++)
      fprintf (stderr, "%s: note: %s: %s\n", g_get_prgname (), argv[1],
               (const char *) conversions->pdata[i]);
  }

  warn_weak_key (key);
  /* A fresh nonce for this image, when the key has the switch on; the
   * ciphertext's metadata records it. */
  nc_params_draw_nonce (key, NULL);
  cipher = nc_image_new_like (plain, &error);
  if (cipher == NULL ||
      !nc_engine_encrypt (nc_engine_for_params (key), key, plain, cipher, NULL, &error))
    return nc_cli_fail (error);

  /* The key is written first, beside its place, and put there once the
   * ciphertext is: a ciphertext without its key would be lost, and an
   * older pair replaced with --force stays whole if either write fails. */
  if (new_key)
    {
      key_file = key_out != NULL ? g_strdup (key_out) : default_key_path (argv[2]);
      if (!nc_cli_check_new_file (key_file, force, "a key file", &error))
        return nc_cli_fail (error);
      if ((staged_key = nc_params_stage_key_file (key, key_file, &error)) == NULL)
        return nc_cli_fail (error);
    }

  if (!nc_ciphertext_save (cipher, key, argv[2], &error))
    {
      nc_file_discard (staged_key);
      return nc_cli_fail (error);
    }
  if (staged_key != NULL && !nc_file_commit (staged_key, key_file, &error))
    return nc_cli_fail (error);
  if (key_file != NULL)
    fprintf (stderr, _("key written to %s\n"), key_file);
  return NC_EXIT_OK;
}

int
nc_cli_decrypt (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcParams) key = NULL;
  g_autoptr(NcImage) plain = NULL;
  int status;

  context = nc_cli_context_new ("decrypt", "IN.png OUT.png",
                                N_("Decrypt a ciphertext with its key file and write the image as PNG."),
                                decrypt_entries);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return nc_cli_usage (context, _("expected IN.png and OUT.png, got %d arguments"), argc - 1);
  if (key_path == NULL)
    return nc_cli_usage (context, _("a key file (-k) is required"));

  if (!check_png_output (argv[2], argv[1], &error) ||
      !nc_cli_check_new_file (argv[2], force, "an output file", &error))
    return nc_cli_fail (error);
  key = nc_engine_load_key (NULL, key_path, &error);
  if (key == NULL)
    return nc_cli_fail (error);
  nc_cli_attach_weights (key);
  plain = nc_ciphertext_decrypt_file (argv[1], key, ignore_metadata ? NC_CIPHERTEXT_ALLOW_MISSING_METADATA
                                                                : NC_CIPHERTEXT_REQUIRE_METADATA,
                                      NULL, &error);
  if (plain == NULL || !nc_image_save_png (plain, argv[2], NULL, NC_SAVE_DEFAULT, &error))
    return nc_cli_fail (error);
  return NC_EXIT_OK;
}
