/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli analyze: every measure that applies, with its verdict
 * and the critical value used. */
#include "nc-cli.h"

#include <math.h>
#include <stdio.h>

#include "nc-metric-suite.h"

static char *cipher_path = NULL;
static char *engine_id = NULL;
static char *key_path = NULL;
static char **assignments = NULL;
static int key_bit = 0;
static gboolean as_json = FALSE;

static const GOptionEntry entries[] = {
  { "cipher", 'c', 0, G_OPTION_ARG_FILENAME, &cipher_path,
    N_("Analyse this ciphertext of IMAGE (default: encrypt IMAGE with the key)"), N_("C.png") },
  { "engine", 'e', 0, G_OPTION_ARG_STRING, &engine_id,
    N_("Measure this engine (with its default key unless -k is given)"), N_("ENGINE") },
  { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path, N_("The key file"), N_("KEYFILE") },
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &assignments,
    N_("Set a parameter of the key; repeatable"), N_("ID=VALUE") },
  { "bit", 'b', 0, G_OPTION_ARG_INT, &key_bit,
    N_("The key bit to flip for key sensitivity (default 0, the lowest bit of the first key parameter)"), N_("N") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
  { NULL }
};

static const char *
verdict (const NcVerdict *v)
{
  return nc_outcome_to_string (v->outcome);
}

static void
print_stats_text (const char         *title,
                  const NcImageStats *s)
{
  printf ("%s\n", title);
  for (guint c = 0; c < s->channels; c++)
    {
      const char *name = s->channels == 1 ? "gray" : (const char *[]) { "red", "green", "blue" }[c];
      const NcVerdict *chi = &s->chi_square_verdict[c];

      printf (_("  %-6s entropy %.4f bits (ideal for %llu samples %.4f)\n"), name,
              s->entropy[c], (unsigned long long) s->n, s->entropy_ideal);
      printf (_("         χ² %.2f, %s (critical %.2f, α = %g, 255 d.o.f.)\n"), s->chi_square[c],
              verdict (chi), NC_CHI_SQUARE_CRITICAL_005, chi->alpha);
      if (s->local_entropy_valid)
        printf (_("         local entropy %.6f, %s (%.6f … %.6f, α = %g, derived for %d blocks of %d "
                "samples); the published %.6f … %.6f says %s\n"), s->local_entropy[c],
                verdict (&s->local_entropy_verdict[c]), s->local_entropy_verdict[c].low,
                s->local_entropy_verdict[c].high, s->local_entropy_verdict[c].alpha,
                NC_LOCAL_ENTROPY_BLOCKS, NC_LOCAL_ENTROPY_SIDE * NC_LOCAL_ENTROPY_SIDE,
                s->local_entropy_published[c].low, s->local_entropy_published[c].high,
                verdict (&s->local_entropy_published[c]));
      for (int d = 0; d < 3; d++)
        {
          const NcVerdict *v = &s->correlation_verdict[c][d];

          printf (_("         correlation %-10s %+.6f, %s (|r| < %.5f for no correlation, α = %g)\n"),
                  nc_direction_to_string ((NcDirection) d), s->correlation[c][d], verdict (v),
                  v->high, v->alpha);
        }
    }
  printf (_("  all    entropy %.4f bits\n"), s->entropy_all);
}

static void
build_stats_json (JsonBuilder        *b,
                  const NcImageStats *s)
{
  json_builder_begin_object (b);
  nc_cli_add_number (b, "entropy_all", s->entropy_all);
  nc_cli_add_number (b, "entropy_ideal", s->entropy_ideal);
  nc_cli_add_number (b, "chi_square_critical", NC_CHI_SQUARE_CRITICAL_005);
  json_builder_set_member_name (b, "channels");
  json_builder_begin_array (b);
  for (guint c = 0; c < s->channels; c++)
    {
      json_builder_begin_object (b);
      nc_cli_add_number (b, "entropy", s->entropy[c]);
      nc_cli_add_number (b, "chi_square", s->chi_square[c]);
      nc_cli_add_pass (b, "chi_square_pass", &s->chi_square_verdict[c]);
      nc_cli_add_number (b, "local_entropy", s->local_entropy_valid ? s->local_entropy[c] : NAN);
      nc_cli_add_pass (b, "local_entropy_pass", &s->local_entropy_verdict[c]);
      nc_cli_add_number (b, "local_entropy_low", s->local_entropy_verdict[c].low);
      nc_cli_add_number (b, "local_entropy_high", s->local_entropy_verdict[c].high);
      nc_cli_add_pass (b, "local_entropy_published_pass", &s->local_entropy_published[c]);
      for (int d = 0; d < 3; d++)
        {
          const char *direction = nc_direction_to_string ((NcDirection) d);
          g_autofree char *name = g_strdup_printf ("correlation_%s", direction);
          g_autofree char *bound = g_strdup_printf ("correlation_%s_bound", direction);
          g_autofree char *pass = g_strdup_printf ("correlation_%s_pass", direction);

          nc_cli_add_number (b, name, s->correlation[c][d]);
          nc_cli_add_number (b, bound, s->correlation_verdict[c][d].high);
          nc_cli_add_pass (b, pass, &s->correlation_verdict[c][d]);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
print_json (const NcAnalysis *a,
            const NcEngine   *engine)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "plaintext");
  build_stats_json (b, &a->plain);
  if (a->has_cipher)
    {
      json_builder_set_member_name (b, "ciphertext");
      build_stats_json (b, &a->cipher);
      json_builder_set_member_name (b, "distortion");
      json_builder_begin_object (b);
      nc_cli_add_number (b, "mse", a->distortion_mse);
      nc_cli_add_number (b, "psnr", a->distortion_psnr);
      nc_cli_add_number (b, "ssim", a->distortion_ssim);
      json_builder_end_object (b);
    }
  if (a->has_engine)
    {
      json_builder_set_member_name (b, "engine");
      json_builder_add_string_value (b, engine->id);
      nc_cli_add_number (b, "nominal_key_bits", a->nominal_key_bits);
      nc_cli_add_number (b, "encoding_key_bits", a->encoding_key_bits);
      if (a->has_key_space)
        {
          const NcKeySpace *k = &a->key_space;

          nc_cli_add_number (b, "effective_key_bits", k->effective_bits);
          json_builder_set_member_name (b, "key_space");
          json_builder_begin_object (b);
          nc_cli_add_number (b, "nominal_bits", k->nominal_bits);
          nc_cli_add_number (b, "encoding_bits", k->encoding_bits);
          nc_cli_add_number (b, "uncapped_bits", k->uncapped_bits);
          nc_cli_add_number (b, "state_bits", k->state_bits > 0 ? k->state_bits : NAN);
          nc_cli_add_number (b, "effective_bits", k->effective_bits);
          nc_cli_add_number (b, "weak_share", k->weak_share);
          json_builder_set_member_name (b, "weak_draws");
          json_builder_add_int_value (b, k->weak_draws);
          nc_cli_add_number (b, "npcr_critical", k->npcr_critical);
          json_builder_set_member_name (b, "parameters");
          json_builder_begin_array (b);
          for (guint p = 0; p < k->n_params; p++)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "id");
              json_builder_add_string_value (b, k->params[p].id);
              json_builder_set_member_name (b, "bits");
              json_builder_add_int_value (b, k->params[p].bits);
              json_builder_set_member_name (b, "bits_that_matter");
              json_builder_add_int_value (b, k->params[p].bits_that_matter);
              nc_cli_add_number (b, "encoding_bits", k->params[p].encoding_bits);
              nc_cli_add_number (b, "effective_bits", k->params[p].effective_bits);
              json_builder_set_member_name (b, "slide");
              json_builder_add_boolean_value (b, k->params[p].slide);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_set_member_name (b, "key_bits");
      json_builder_add_int_value (b, a->key_bits);
      nc_cli_add_number (b, "encrypt_ms", a->encrypt_ms);
      json_builder_set_member_name (b, "decrypts_exactly");
      json_builder_add_boolean_value (b, a->exact);
      json_builder_set_member_name (b, "flipped_key_bit");
      json_builder_add_int_value (b, a->key.bit);
      nc_cli_add_differential_json (b, "key_sensitivity", &a->key.ciphers, &a->key_verdicts);
      nc_cli_add_number (b, "wrong_key_entropy", a->key.wrong_entropy);
      nc_cli_add_number (b, "wrong_key_psnr", a->key.wrong_psnr);
      nc_cli_add_differential_json (b, "plaintext_sensitivity", &a->plaintext, &a->plaintext_verdicts);
      nc_cli_add_number (b, "mse", a->mse);
      nc_cli_add_number (b, "psnr", a->psnr);
      nc_cli_add_number (b, "ssim", a->ssim);
      json_builder_set_member_name (b, "noise_resistance");
      json_builder_begin_array (b);
      for (int kind = 0; kind < 3; kind++)
        for (int i = 0; i < 3; i++)
          {
            json_builder_begin_object (b);
            json_builder_set_member_name (b, "noise");
            json_builder_add_string_value (b, nc_noise_to_string ((NcNoise) kind));
            nc_cli_add_number (b, "strength", nc_suite_noise_strengths[kind][i]);
            nc_cli_add_number (b, "psnr", a->noise_psnr[kind][i]);
            nc_cli_add_number (b, "ssim", a->noise_ssim[kind][i]);
            json_builder_end_object (b);
          }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "attacks");
      json_builder_begin_array (b);
      for (guint i = 0; i < a->n_attacks; i++)
        nc_cli_add_attack_json (b, &a->attacks[i]);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  nc_cli_print_json (b);
}

static void
print_text (const NcAnalysis *a,
            const char       *path,
            const NcImage    *plain,
            const NcEngine   *engine,
            const NcParams   *key)
{
  g_autofree char *display = g_filename_display_name (path);

  printf (_("Image %s: %u × %u, %s\n\n"), display, plain->width, plain->height,
          plain->channels == 1 ? "gray" : "RGB");
  print_stats_text ("Plaintext", &a->plain);
  if (a->has_cipher)
    {
      printf ("\n");
      print_stats_text ("Ciphertext", &a->cipher);
      printf (_("  distortion (eq. 14), ciphertext vs plaintext: SSIM %.6f, PSNR %.2f dB, MSE %.2f\n"),
              a->distortion_ssim, a->distortion_psnr, a->distortion_mse);
    }
  if (!a->has_engine)
    return;

  printf (_("\nEngine %s, variant %s\n"), engine->id,
          nc_engine_get_variant_spec (engine) != NULL
          ? nc_engine_get_variant_spec (engine)->choices[nc_params_get_variant (key)].id : "-");
  printf (_("  key space: nominal 2^%.1f (%s); encoded in %u key bits (2^%.1f)\n"),
          a->nominal_key_bits, nc_tr (engine->nominal_formula), a->key_bits, a->encoding_key_bits);
  if (a->has_key_space)
    {
      g_autofree char *summary = nc_key_space_describe (&a->key_space);
      g_autofree char *breakdown = nc_key_space_describe_params (&a->key_space);
      g_auto(GStrv) lines = g_strsplit (breakdown, "\n", -1);

      printf ("  %s\n", summary);
      for (guint i = 0; lines[i] != NULL; i++)
        printf ("    %s\n", lines[i]);
    }
  printf (_("  encryption %.2f ms; decrypts exactly: %s\n"), a->encrypt_ms, a->exact ? "yes" : "NO");
  printf (_("  decrypted vs plaintext: MSE %.4f, PSNR %.2f dB, SSIM %.6f\n\n"), a->mse, a->psnr, a->ssim);
  {
    g_autofree char *title = g_strdup_printf (_("Key sensitivity, key bit %u flipped"), a->key.bit);

    nc_cli_print_differential (title, &a->key.ciphers, &a->key_verdicts);
  }
  printf (_("  decrypted with the flipped key: entropy %.4f, correlation H/V/D %+.4f %+.4f %+.4f, "
          "PSNR %.2f dB\n\n"), a->key.wrong_entropy, a->key.wrong_correlation[0],
          a->key.wrong_correlation[1], a->key.wrong_correlation[2], a->key.wrong_psnr);
  nc_cli_print_differential (_("Plaintext sensitivity, lowest bit of the centre pixel flipped"),
                           &a->plaintext, &a->plaintext_verdicts);

  printf (_("\nNoise resistance: the ciphertext damaged, then decrypted (PSNR dB / SSIM against the plaintext)\n"));
  for (int kind = 0; kind < 3; kind++)
    {
      printf ("  %-16s", nc_noise_to_string ((NcNoise) kind));
      for (int i = 0; i < 3; i++)
        printf ("  %s %-6g %6.2f / %.4f", kind == NC_NOISE_GAUSSIAN ? "σ" : "share",
                nc_suite_noise_strengths[kind][i], a->noise_psnr[kind][i], a->noise_ssim[kind][i]);
      printf ("\n");
    }

  printf (_("\nAttacks (an encryption oracle for the key and the ciphertext, never the key):\n"));
  for (guint i = 0; i < a->n_attacks; i++)
    nc_cli_print_attack (&a->attacks[i]);
  printf (_("Statistical tests are necessary, not sufficient: read the verdicts above beside these.\n"));
}

int
nc_cli_analyze (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcImage) plain = NULL;
  g_autoptr(NcImage) cipher = NULL;
  g_autoptr(NcParams) key = NULL;
  const NcEngine *engine = NULL;
  NcAnalysis analysis;
  gboolean ok;
  int status;

  context = nc_cli_context_new ("analyze", "IMAGE",
                                N_("Measure IMAGE and, with an engine or key, its ciphertext: "
                                "histograms and χ², entropy and local entropy, adjacent-pixel "
                                "correlation, key and plaintext sensitivity (NPCR/UACI against the "
                                "critical values of Wu, Noonan & Agaian), distortion and key space."),
                                entries);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return nc_cli_usage (context, _("expected one IMAGE, got %d"), argc - 1);
  if (key_bit < 0)
    return nc_cli_usage (context, _("--bit must be 0 or more"));

  if (!nc_cli_resolve_key (engine_id, key_path, assignments, NULL, &key, &error))
    return nc_cli_fail (error);
  if (key != NULL)
    engine = nc_engine_for_params (key);

  plain = nc_image_load (argv[1], NULL, &error);
  if (plain == NULL)
    return nc_cli_fail (error);
  if (cipher_path != NULL && (cipher = nc_image_load (cipher_path, NULL, &error)) == NULL)
    return nc_cli_fail (error);

  ok = nc_analysis_run (plain, cipher, engine, key, (guint) key_bit, NC_ANALYSIS_FULL, &analysis,
                        NULL, &error);
  if (ok)
    {
      if (analysis.warning != NULL)
        fprintf (stderr, "%s: warning: %s\n", g_get_prgname (), analysis.warning);
      if (as_json)
        print_json (&analysis, engine);
      else
        print_text (&analysis, argv[1], plain, engine, key);
    }
  nc_analysis_clear (&analysis);
  return ok ? NC_EXIT_OK : nc_cli_fail (error);
}
