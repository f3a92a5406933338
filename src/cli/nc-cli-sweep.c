/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli sweep: one parameter of a key over a range against one
 * or more metrics, and for the chaotic engines the chaotic system's
 * Lyapunov exponent and bifurcation column at each value. */
#include "nc-cli.h"

#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "nc-figures.h"
#include "nc-sweep.h"

static char *engine_id = NULL;
static char *key_path = NULL;
static char **assignments = NULL;
static char *param = NULL;
static double from = NAN, to = NAN;
static int steps = 32;
static char *metric_list = NULL;
static char *figure = NULL;
static gboolean force = FALSE;
static gboolean as_json = FALSE;
static gboolean as_csv = FALSE;

static const GOptionEntry entries[] = {
  { "engine", 'e', 0, G_OPTION_ARG_STRING, &engine_id, N_("The engine (its default key unless -k)"), N_("ENGINE") },
  { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path, N_("Sweep from this key"), N_("KEYFILE") },
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &assignments, N_("Set a parameter of the key; repeatable"), N_("ID=VALUE") },
  { "param", 'p', 0, G_OPTION_ARG_STRING, &param, N_("The parameter to sweep (required)"), N_("ID") },
  { "from", 0, 0, G_OPTION_ARG_DOUBLE, &from, N_("First value (default: the parameter's minimum)"), N_("A") },
  { "to", 0, 0, G_OPTION_ARG_DOUBLE, &to, N_("Last value (default: its maximum)"), N_("B") },
  { "steps", 'n', 0, G_OPTION_ARG_INT, &steps, N_("Points (default 32)"), N_("N") },
  { "metric", 'm', 0, G_OPTION_ARG_STRING, &metric_list,
    N_("Metrics, comma-separated: entropy, correlation-h, correlation-v, correlation-d, npcr, uaci, "
    "chi2, ssim, time, lyapunov (default entropy)"), N_("M,…") },
  { "figure", 'o', 0, G_OPTION_ARG_FILENAME, &figure,
    N_("Also write the figure (the curves and, for a chaotic engine, the bifurcation diagram): "
    ".png, .svg or .pdf"), N_("FILE") },
  { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing figure file"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
  { "csv", 0, 0, G_OPTION_ARG_NONE, &as_csv, N_("Print CSV"), NULL },
  { NULL }
};

static void
progress (guint    done,
          guint    total,
          gpointer data)
{
  (void) data;
  fprintf (stderr, "\r%u/%u", done, total);
  if (done == total)
    fprintf (stderr, "\r%*s\r", 20, "");
  fflush (stderr);
}

static void
print_table (const NcSweep *sweep,
             gboolean       csv)
{
  const char *sep = csv ? "," : "  ";

  printf ("%s", sweep->param);
  for (guint m = 0; m < NC_SWEEP_N_METRICS; m++)
    if (sweep->measured[m] != NULL)
      printf ("%s%*s", sep, csv ? 0 : 14, nc_sweep_metric_id ((NcSweepMetric) m));
  printf ("\n");
  for (guint i = 0; i < sweep->n_points; i++)
    {
      printf (csv ? "%.17g" : "%-14.10g", sweep->values[i]);
      for (guint m = 0; m < NC_SWEEP_N_METRICS; m++)
        if (sweep->measured[m] != NULL)
          printf (csv ? "%s%.17g" : "%s%14.6f", sep, sweep->measured[m][i]);
      printf ("\n");
    }
}

static void
print_json (const NcSweep *sweep)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "engine");
  json_builder_add_string_value (b, sweep->engine->id);
  json_builder_set_member_name (b, "param");
  json_builder_add_string_value (b, sweep->param);
  nc_cli_add_number (b, "current", sweep->current);
  json_builder_set_member_name (b, "values");
  json_builder_begin_array (b);
  for (guint i = 0; i < sweep->n_points; i++)
    json_builder_add_double_value (b, sweep->values[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "metrics");
  json_builder_begin_object (b);
  for (guint m = 0; m < NC_SWEEP_N_METRICS; m++)
    if (sweep->measured[m] != NULL)
      {
        json_builder_set_member_name (b, nc_sweep_metric_id ((NcSweepMetric) m));
        json_builder_begin_array (b);
        for (guint i = 0; i < sweep->n_points; i++)
          if (isfinite (sweep->measured[m][i]))
            json_builder_add_double_value (b, sweep->measured[m][i]);
          else
            json_builder_add_null_value (b);
        json_builder_end_array (b);
      }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "chaos");
  if (!sweep->has_chaos)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "system");
      json_builder_add_string_value (b, sweep->chaos[0].what);
      json_builder_set_member_name (b, "lyapunov");
      json_builder_begin_array (b);
      for (guint i = 0; i < sweep->n_points; i++)
        if (isfinite (sweep->chaos[i].lyapunov))
          json_builder_add_double_value (b, sweep->chaos[i].lyapunov);
        else
          json_builder_add_null_value (b);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "peaks");
      json_builder_begin_array (b);
      for (guint i = 0; i < sweep->n_points; i++)
        {
          json_builder_begin_array (b);
          for (guint k = 0; k < sweep->chaos[i].n_peaks; k++)
            json_builder_add_double_value (b, sweep->chaos[i].peaks[k]);
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  nc_cli_print_json (b);
}

int
nc_cli_sweep (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcParams) key = NULL;
  g_autoptr(NcImage) plain = NULL;
  g_autoptr(NcSweep) sweep = NULL;
  g_auto(GStrv) ids = NULL;
  guint metrics = 0;
  int status;

  context = nc_cli_context_new ("sweep", "IMAGE",
                                N_("Sweep one parameter of a key over a range and measure IMAGE's ciphertext "
                                "at each value; for a chaotic engine also the chaotic system's largest "
                                "Lyapunov exponent (metric lyapunov) and, with --figure, its bifurcation "
                                "diagram, where periodic windows (weak keys) show."),
                                entries);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return nc_cli_usage (context, _("expected one IMAGE, got %d arguments"), argc - 1);
  if (engine_id == NULL && key_path == NULL)
    return nc_cli_usage (context, _("an engine (-e) or a key file (-k) is required"));
  if (param == NULL)
    return nc_cli_usage (context, _("name the parameter to sweep with --param"));
  if (as_json && as_csv)
    return nc_cli_usage (context, _("--json and --csv exclude each other"));
  if (steps < 2 || steps > NC_SWEEP_MAX_STEPS)
    return nc_cli_usage (context, _("--steps must be between 2 and %d"), NC_SWEEP_MAX_STEPS);
  ids = g_strsplit (metric_list != NULL ? metric_list : "entropy", ",", -1);
  for (gsize i = 0; ids[i] != NULL; i++)
    {
      NcSweepMetric m;

      if (!nc_sweep_metric_parse (g_strstrip (ids[i]), &m, &error))
        return nc_cli_usage (context, "%s", error->message);
      metrics |= 1u << m;
    }
  if (figure != NULL)
    {
      NcFigureFormat format;

      if (!nc_figure_format_from_path (figure, &format, &error) ||
          !nc_file_check_not_input (figure, argv[1], &error) ||
          !nc_cli_check_new_file (figure, force, "a figure file", &error))
        return nc_cli_fail (error);
    }

  if (!nc_cli_resolve_key (engine_id, key_path, assignments, NULL, &key, &error))
    return nc_cli_fail (error);
  if ((plain = nc_image_load (argv[1], NULL, &error)) == NULL)
    return nc_cli_fail (error);
  sweep = nc_sweep_run (nc_engine_for_params (key), key, plain, param, from, to, (guint) steps, metrics,
                        isatty (STDERR_FILENO) ? progress : NULL, NULL, NULL, &error);
  if (sweep == NULL)
    return nc_cli_fail (error);

  if (figure != NULL)
    {
      g_autoptr(GPtrArray) metadata = nc_engine_public_metadata (key);
      g_autofree char *variant = nc_engine_describe_variant (sweep->engine, nc_params_get_variant (key));
      g_autofree char *title = g_strdup_printf ("%s: %s swept", variant, sweep->param_label);

      g_ptr_array_add (metadata, g_strdup ("neurocipher:sweep"));
      g_ptr_array_add (metadata, g_strdup_printf (_("%s from %.17g to %.17g, %u steps"), sweep->param,
                                                  sweep->values[0], sweep->values[sweep->n_points - 1],
                                                  sweep->n_points));
      g_ptr_array_add (metadata, NULL);
      if (!nc_figure_write_sweep (sweep, title, figure, 0, 0, 150,
                                  (const char * const *) metadata->pdata, &error))
        return nc_cli_fail (error);
    }
  if (as_json)
    print_json (sweep);
  else
    print_table (sweep, as_csv);
  return NC_EXIT_OK;
}
