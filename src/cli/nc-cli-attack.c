/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli attack ATTACK TARGET: encrypts TARGET with a fresh
 * random key (or -k KEY), hands the attack an encryption oracle and the
 * ciphertext only, and reports what it recovered. */
#include "nc-cli.h"

#include <math.h>
#include <stdio.h>

#include "nc-attack.h"

static char *engine_id = NULL;
static char *key_path = NULL;
static char **assignments = NULL;
static char *output = NULL;
static gboolean as_json = FALSE;
static gboolean force = FALSE;

static const GOptionEntry entries[] = {
  { "engine", 'e', 0, G_OPTION_ARG_STRING, &engine_id,
    N_("Attack this engine, with a fresh random key unless -k is given"), N_("ENGINE") },
  { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path, N_("Encrypt the target with this key file"), N_("KEYFILE") },
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &assignments,
    N_("Set a parameter of the key (variant, stage switches…); repeatable"), N_("ID=VALUE") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
    N_("Write the recovered image as PNG (with ATTACK all: one file per attack that reads the "
    "target, the attack's name before .png)"), N_("RECOVERED.png") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
  { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace existing output files"), NULL },
  { NULL }
};

/* The key the target is encrypted with: -k, or a fresh random one with
 * the --set values kept. */
static NcParams *
target_key (GError **error)
{
  g_autoptr(NcParams) key = NULL;
  const NcEngine *engine = NULL;

  if (engine_id != NULL && (engine = nc_engine_find (engine_id, error)) == NULL)
    return NULL;
  if (key_path != NULL)
    key = nc_engine_load_key (engine, key_path, error);
  else
    {
      key = nc_engine_new_params (engine);
      if (!nc_cli_apply_sets (key, assignments, error) ||
          !nc_engine_draw_key (engine, key, NULL, nc_cli_keep_sets, assignments, FALSE, error))
        return NULL;
    }
  if (key == NULL || !nc_cli_apply_sets (key, assignments, error))
    return NULL;
  nc_cli_attach_weights (key);
  return g_steal_pointer (&key);
}

static char *
output_path (const char *attack,
             gboolean    several)
{
  if (output == NULL || !several)
    return g_strdup (output);
  return g_strdup_printf ("%.*s-%s.png", (int) (strlen (output) - strlen (".png")), output, attack);
}

int
nc_cli_attack (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcParams) key = NULL;
  g_autoptr(NcImage) plain = NULL;
  g_autoptr(NcImage) target = NULL;
  g_autoptr(NcOracle) oracle = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  const NcEngine *engine;
  int status;

  context = nc_cli_context_new ("attack", "ATTACK TARGET",
                                N_("Encrypt TARGET with a fresh random key (or -k), give the attack an "
                                "encryption oracle for that key and the ciphertext, never the key, and "
                                "report what it recovered. ATTACK is keystream, permutation, known-plaintext, brute-force or all. "
                                "“Not broken” means only: not by this attack with these images."),
                                entries);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return nc_cli_usage (context, _("expected ATTACK and TARGET, got %d arguments"), argc - 1);
  if (engine_id == NULL && key_path == NULL)
    return nc_cli_usage (context, _("an engine (-e) or a key file (-k) is required"));
  if (output != NULL && !g_str_has_suffix (output, ".png"))
    return nc_cli_usage (context, _("the recovered image is written as PNG: name it .png"));

  if (g_str_equal (argv[1], "all"))
    {
      guint n;
      const NcAttack * const *list = nc_attacks_list (&n);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (chosen, (gpointer) list[i]);
    }
  else
    {
      const NcAttack *attack = nc_attack_find (argv[1], &error);

      if (attack == NULL)
        return nc_cli_usage (context, "%s", error->message);
      g_ptr_array_add (chosen, (gpointer) attack);
    }

  if ((key = target_key (&error)) == NULL)
    return nc_cli_fail (error);
  engine = nc_engine_for_params (key);
  nc_params_draw_nonce (key, NULL);
  if ((plain = nc_image_load (argv[2], NULL, &error)) == NULL ||
      (target = nc_image_new_like (plain, &error)) == NULL ||
      !nc_engine_encrypt (engine, key, plain, target, NULL, &error))
    return nc_cli_fail (error);
  /* Nothing is written over without --force, and nothing at all when
   * one of the files would be. */
  for (guint i = 0; output != NULL && i < chosen->len; i++)
    {
      g_autofree char *path = output_path (((const NcAttack *) chosen->pdata[i])->id, chosen->len > 1);

      if (!nc_cli_check_new_file (path, force, "an output file", &error))
        return nc_cli_fail (error);
    }
  /* From here on the attacks see the oracle and the ciphertext only. */
  oracle = nc_oracle_new (engine, key);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "engine");
  json_builder_add_string_value (b, engine->id);
  json_builder_set_member_name (b, "attacks");
  json_builder_begin_array (b);
  for (guint i = 0; i < chosen->len; i++)
    {
      const NcAttack *attack = chosen->pdata[i];
      g_autofree char *path = output_path (attack->id, chosen->len > 1);
      NcAttackResult result = { 0 };

      if (!nc_attack_run (attack, oracle, target, plain, &result, NULL, &error) ||
          (path != NULL && result.recovered != NULL &&
           !nc_image_save_png (result.recovered, path, NULL, NC_SAVE_DEFAULT, &error)))
        {
          nc_attack_result_clear (&result);
          return nc_cli_fail (error);
        }
      if (as_json)
        nc_cli_add_attack_json (b, &result);
      else
        nc_cli_print_attack (&result);
      nc_attack_result_clear (&result);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (as_json)
    nc_cli_print_json (b);
  return NC_EXIT_OK;
}
