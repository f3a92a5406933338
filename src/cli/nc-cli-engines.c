/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli engines: every engine with its variants and parameter
 * specs, as the GUI's sliders and the key bits see them. */
#include "nc-cli.h"

#include <stdio.h>

static gboolean as_json = FALSE;

static const GOptionEntry entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
  { NULL }
};

static char *
format_value (const NcParamSpec *spec,
              double             value)
{
  guint64 level = 0;

  nc_param_spec_level_of (spec, value, &level, NULL);
  return nc_param_spec_format_level (spec, level);
}

static char *
format_range (const NcParamSpec *spec)
{
  g_autofree char *min = format_value (spec, spec->min);
  g_autofree char *max = format_value (spec, spec->max);

  if (spec->kind == NC_PARAM_CHOICE)
    {
      GString *out = g_string_new (NULL);

      for (guint64 i = 0; i < nc_param_spec_levels (spec); i++)
        g_string_append_printf (out, "%s%s", i ? "|" : "", spec->choices[i].id);
      return g_string_free (out, FALSE);
    }
  if (spec->kind == NC_PARAM_FLAG)
    return g_strdup ("false|true");
  return g_strdup_printf ("%s..%s", min, max);
}

static void
print_engine_text (const NcEngine *engine)
{
  g_autoptr(NcParams) params = nc_engine_new_params (engine);
  const NcParamSpec *variants = nc_engine_get_variant_spec (engine);

  printf ("%s — %s (%s)\n", engine->id, nc_tr (engine->name), nc_family_label (engine->family));
  printf ("  %s\n", nc_tr (engine->summary));
  if (variants != NULL)
    {
      printf ("  variants:");
      for (guint64 v = 0; v < nc_param_spec_levels (variants); v++)
        printf ("%s %s", v ? "," : "", variants->choices[v].id);
      printf ("\n");
    }
  printf (_("  key space (%s, for a 512 × 512 image):\n"), nc_tr (engine->nominal_formula));
  for (guint64 v = 0; v < nc_engine_get_n_variants (engine); v++)
    {
      if (variants != NULL)
        nc_params_set (params, NC_PARAM_VARIANT_ID, (double) v, NULL);
      printf (_("    %-22s nominal 2^%.1f, encoded in 2^%.1f (%u key bits); "
              "the effective key space: neurocipher-cli analyze\n"),
              variants != NULL ? variants->choices[v].id : "",
              nc_engine_get_nominal_key_bits (engine, params, 0),
              nc_params_get_key_space_bits (params), nc_params_get_key_bits (params));
    }
  printf ("  %-14s %-8s %-28s %-10s %-12s %-4s %s\n",
          "parameter", "kind", "range", "step", "default", "key", "bits");
  for (guint i = 0; i < engine->schema.n_specs; i++)
    {
      const NcParamSpec *spec = &engine->schema.specs[i];
      g_autofree char *range = format_range (spec);
      g_autofree char *step = g_strdup_printf ("%g", spec->step);
      g_autofree char *def = format_value (spec, spec->default_value);

      printf ("  %-14s %-8s %-28s %-10s %-12s %-4s %u%s%s\n", spec->id,
              nc_param_kind_to_string (spec->kind), range, step, def,
              spec->in_key ? "yes" : "no", nc_param_spec_bits (spec),
              *spec->unit ? "  unit: " : "", nc_tr (spec->unit));
    }
  printf ("\n");
}

static void
build_spec_json (JsonBuilder       *builder,
                 const NcEngine    *engine,
                 const NcParamSpec *spec)
{
  g_autofree char *def = format_value (spec, spec->default_value);
  const NcParamSpec *variants = nc_engine_get_variant_spec (engine);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, spec->id);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, spec->label);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, nc_param_kind_to_string (spec->kind));
  json_builder_set_member_name (builder, "min");
  json_builder_add_double_value (builder, spec->min);
  json_builder_set_member_name (builder, "max");
  json_builder_add_double_value (builder, spec->max);
  json_builder_set_member_name (builder, "step");
  json_builder_add_double_value (builder, spec->step);
  json_builder_set_member_name (builder, "default");
  json_builder_add_string_value (builder, def);
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, spec->unit);
  json_builder_set_member_name (builder, "help");
  json_builder_add_string_value (builder, spec->help);
  json_builder_set_member_name (builder, "in_key");
  json_builder_add_boolean_value (builder, spec->in_key);
  json_builder_set_member_name (builder, "levels");
  json_builder_add_int_value (builder, (gint64) nc_param_spec_levels (spec));
  json_builder_set_member_name (builder, "bits");
  json_builder_add_int_value (builder, nc_param_spec_bits (spec));
  if (spec->kind == NC_PARAM_CHOICE)
    {
      json_builder_set_member_name (builder, "choices");
      json_builder_begin_array (builder);
      for (guint64 i = 0; i < nc_param_spec_levels (spec); i++)
        json_builder_add_string_value (builder, spec->choices[i].id);
      json_builder_end_array (builder);
    }
  if (spec->variants != 0 && variants != NULL)
    {
      json_builder_set_member_name (builder, "variants");
      json_builder_begin_array (builder);
      for (guint64 v = 0; v < nc_param_spec_levels (variants); v++)
        if (nc_param_spec_applies_to (spec, (guint) v))
          json_builder_add_string_value (builder, variants->choices[v].id);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static void
build_engine_json (JsonBuilder    *builder,
                   const NcEngine *engine)
{
  g_autoptr(NcParams) params = nc_engine_new_params (engine);
  const NcParamSpec *variants = nc_engine_get_variant_spec (engine);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, engine->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, engine->name);
  json_builder_set_member_name (builder, "family");
  json_builder_add_string_value (builder, nc_family_to_string (engine->family));
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, engine->summary);
  json_builder_set_member_name (builder, "variants");
  json_builder_begin_array (builder);
  for (guint64 v = 0; variants != NULL && v < nc_param_spec_levels (variants); v++)
    json_builder_add_string_value (builder, variants->choices[v].id);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "nominal_formula");
  json_builder_add_string_value (builder, engine->nominal_formula);
  json_builder_set_member_name (builder, "nominal_key_bits");
  json_builder_add_double_value (builder, nc_engine_get_nominal_key_bits (engine, params, 0));
  json_builder_set_member_name (builder, "encoding_key_bits");
  json_builder_add_double_value (builder, nc_params_get_key_space_bits (params));
  json_builder_set_member_name (builder, "key_bits");
  json_builder_add_int_value (builder, nc_params_get_key_bits (params));
  json_builder_set_member_name (builder, "parameters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < engine->schema.n_specs; i++)
    build_spec_json (builder, engine, &engine->schema.specs[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

int
nc_cli_engines (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  const NcEngine * const *engines;
  guint n_engines;
  int status;

  context = nc_cli_context_new ("engines", NULL,
                                N_("List every engine with its family, variants, key space "
                                "(the review's nominal formula and the size of the key's "
                                "encoding; analyze measures the effective key space) and "
                                "parameters."),
                                entries);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return nc_cli_usage (context, _("unexpected argument “%s”"), argv[1]);

  engines = nc_engines_list (&n_engines);
  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < n_engines; i++)
        build_engine_json (builder, engines[i]);
      json_builder_end_array (builder);
      nc_cli_print_json_list (builder, "engines");
    }
  else
    for (guint i = 0; i < n_engines; i++)
      print_engine_text (engines[i]);
  return NC_EXIT_OK;
}
