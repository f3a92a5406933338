/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli noise IMAGE: damage the ciphertext (salt and pepper,
 * Gaussian noise, an occluded block, a cropped corner), decrypt, and
 * measure against the plaintext; the curve over strengths for the key's
 * engine and for the engines overlaid. The Noise view's twin. */
#include "nc-cli.h"

#include <math.h>
#include <stdio.h>

#include "nc-figures.h"
#include "nc-noise-study.h"

static char *engine_id = NULL;
static char *key_path = NULL;
static char **assignments = NULL;
static char *damage_id = NULL;
static double strength = NAN;
static gint64 seed = 1;
static char *overlay_list = NULL;
static char *figure = NULL;
static gboolean force = FALSE;
static gboolean as_json = FALSE;

static const GOptionEntry entries[] = {
  { "engine", 'e', 0, G_OPTION_ARG_STRING, &engine_id, N_("The engine (its default key unless -k)"), N_("ENGINE") },
  { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path, N_("The key file"), N_("KEYFILE") },
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &assignments, N_("Set a parameter of the key; repeatable"), N_("ID=VALUE") },
  { "damage", 'd', 0, G_OPTION_ARG_STRING, &damage_id,
    N_("salt-and-pepper, gaussian, occlusion or crop (default salt-and-pepper)"), N_("KIND") },
  { "strength", 's', 0, G_OPTION_ARG_DOUBLE, &strength,
    N_("Share of pixels or of the area (0…1), or σ in grey levels for gaussian (default: an eighth of the usual range)"), N_("S") },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the damage (default 1)"), N_("N") },
  { "overlay", 0, 0, G_OPTION_ARG_STRING, &overlay_list,
    N_("Also the curves of these engines, with their default keys (comma-separated)"), N_("A,B,…") },
  { "figure", 'o', 0, G_OPTION_ARG_FILENAME, &figure, N_("Write the figure: .png, .svg or .pdf"), N_("FILE") },
  { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing figure file"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
  { NULL }
};

static void
add_curve_values (JsonBuilder  *b,
                  const char   *name,
                  const double *values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < NC_NOISE_STUDY_POINTS; i++)
    if (isfinite (values[i]))
      json_builder_add_double_value (b, values[i]);
    else
      json_builder_add_null_value (b);
  json_builder_end_array (b);
}

static void
print_json (const NcNoiseStudy *study)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "damage");
  json_builder_add_string_value (b, nc_noise_to_string (study->damage));
  nc_cli_add_number (b, "strength", study->strength);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) study->seed);
  nc_cli_add_number (b, "psnr", study->psnr);
  nc_cli_add_number (b, "ssim", study->ssim);
  add_curve_values (b, "strengths", study->strengths);
  json_builder_set_member_name (b, "curves");
  json_builder_begin_array (b);
  for (guint i = 0; i < study->n_curves; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "engine");
      json_builder_add_string_value (b, study->curves[i].engine->id);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, study->curves[i].label);
      add_curve_values (b, "psnr", study->curves[i].psnr);
      add_curve_values (b, "ssim", study->curves[i].ssim);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  nc_cli_print_json (b);
}

static void
print_text (const NcNoiseStudy *study)
{
  printf (_("%s at %g (seed %llu): the decryption has PSNR %.2f dB, SSIM %.4f against the "
            "plaintext\n\n"), nc_noise_label (study->damage), study->strength, (unsigned long long) study->seed,
          study->psnr, study->ssim);
  for (guint i = 0; i < study->n_curves; i++)
    printf ("%s: %s%s\n", study->curves[i].engine->id, study->curves[i].label,
            i == 0 ? _(" (the key given)") : _(" (its default key)"));
  printf ("\n%-12s", "strength");
  for (guint i = 0; i < study->n_curves; i++)
    printf ("  %-22s", study->curves[i].engine->id);
  printf ("\n");
  for (guint p = 0; p < NC_NOISE_STUDY_POINTS; p++)
    {
      printf ("%-12g", study->strengths[p]);
      for (guint i = 0; i < study->n_curves; i++)
        printf ("  %7.2f dB / %-10.4f", study->curves[i].psnr[p], study->curves[i].ssim[p]);
      printf ("\n");
    }
}

int
nc_cli_noise (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcParams) key = NULL;
  g_autoptr(NcImage) plain = NULL;
  g_autoptr(NcNoiseStudy) study = NULL;
  g_auto(GStrv) overlay = NULL;
  NcNoise damage = NC_NOISE_SALT_AND_PEPPER;
  int status;

  context = nc_cli_context_new ("noise", "IMAGE",
                                N_("Damage IMAGE's ciphertext, decrypt it and measure the decryption against "
                                "IMAGE (PSNR, SSIM); then the same over eight strengths, for the key's engine "
                                "and the engines overlaid."),
                                entries);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return nc_cli_usage (context, _("expected one IMAGE, got %d arguments"), argc - 1);
  if (engine_id == NULL && key_path == NULL)
    return nc_cli_usage (context, _("an engine (-e) or a key file (-k) is required"));
  if (damage_id != NULL && !nc_noise_from_string (damage_id, &damage, &error))
    return nc_cli_usage (context, "%s", error->message);
  if (isnan (strength))
    strength = nc_noise_default_max (damage) / 8;
  if (overlay_list != NULL)
    {
      overlay = g_strsplit (overlay_list, ",", -1);
      for (gsize i = 0; overlay[i] != NULL; i++)
        if (nc_engine_find (g_strstrip (overlay[i]), &error) == NULL)
          return nc_cli_usage (context, "%s", error->message);
    }
  if (figure != NULL &&
      (!nc_file_check_not_input (figure, argv[1], &error) ||
       !nc_cli_check_new_file (figure, force, "a figure file", &error)))
    return nc_cli_fail (error);

  if (!nc_cli_resolve_key (engine_id, key_path, assignments, NULL, &key, &error) ||
      (plain = nc_image_load (argv[1], NULL, &error)) == NULL)
    return nc_cli_fail (error);
  study = nc_noise_study_run (nc_engine_for_params (key), key, plain, damage, strength, (guint64) seed,
                              (const char * const *) overlay, NULL, NULL, NULL, &error);
  if (study == NULL)
    return nc_cli_fail (error);
  if (figure != NULL)
    {
      g_autoptr(GPtrArray) metadata = nc_engine_public_metadata (key);

      g_ptr_array_add (metadata, NULL);
      if (!nc_figure_write_noise (study, study->curves[0].label, figure, 0, 0, 150,
                                  (const char * const *) metadata->pdata, &error))
        return nc_cli_fail (error);
    }
  if (as_json)
    print_json (study);
  else
    print_text (study);
  return NC_EXIT_OK;
}
