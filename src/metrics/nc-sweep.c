/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sweeps: a parameter over its range against a metric, each point the
 * measurement a single analysis would make at that value, two points at
 * a time; for the chaotic engines, the chaotic system at each value, so
 * periodic windows (weak keys) show in the bifurcation diagram and as a
 * Lyapunov exponent at or below zero. */
#include "nc-sweep.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

#include "nc-metrics.h"
#include "nc-parallel.h"

static const struct {
  const char *id, *label;
} metric_names[NC_SWEEP_N_METRICS] = {
  { "entropy", N_("Entropy (bits)") },
  { "correlation-h", N_("Horizontal correlation") },
  { "correlation-v", N_("Vertical correlation") },
  { "correlation-d", N_("Diagonal correlation") },
  { "npcr", N_("Key NPCR (%)") },
  { "uaci", N_("Key UACI (%)") },
  { "chi2", N_("χ² (mean over channels)") },
  { "ssim", N_("SSIM(P, C)") },
  { "time", N_("Encryption time (ms)") },
  { "lyapunov", N_("Largest Lyapunov exponent") },
};

const char *
nc_sweep_metric_id (NcSweepMetric metric)
{
  return metric_names[metric].id;
}

const char *
nc_sweep_metric_label (NcSweepMetric metric)
{
  return nc_tr (metric_names[metric].label);
}

gboolean
nc_sweep_metric_parse (const char    *id,
                       NcSweepMetric *out,
                       GError       **error)
{
  g_autoptr(GString) known = g_string_new (NULL);

  for (guint m = 0; m < NC_SWEEP_N_METRICS; m++)
    {
      if (g_str_equal (id, metric_names[m].id))
        {
          *out = (NcSweepMetric) m;
          return TRUE;
        }
      g_string_append_printf (known, "%s%s", m > 0 ? ", " : "", metric_names[m].id);
    }
  g_set_error (error, NC_ERROR, NC_ERROR_NOT_FOUND, _("No metric “%s”; the metrics are %s"), id, known->str);
  return FALSE;
}

/**
 * nc_sweep_measure_point:
 * @metrics: bit m set for each NcSweepMetric to measure
 * @out: the measures asked for; NAN for the others
 * @chaos: (nullable): filled with the engine's chaotic system under @key,
 *   when it has one (its lyapunov NAN otherwise)
 *
 * What one point of a sweep measures: the same functions the analysis
 * calls, on @plain encrypted with @key.
 */
gboolean
nc_sweep_measure_point (const NcEngine *engine,
                        const NcParams *key,
                        const NcImage  *plain,
                        guint           metrics,
                        double          out[NC_SWEEP_N_METRICS],
                        NcChaos        *chaos,
                        GCancellable   *cancellable,
                        GError        **error)
{
  const guint image_metrics = metrics & ~(1u << NC_SWEEP_LYAPUNOV);
  g_autoptr(NcImage) cipher = NULL;
  NcChaos local;

  for (guint m = 0; m < NC_SWEEP_N_METRICS; m++)
    out[m] = NAN;
  if (chaos == NULL)
    chaos = &local;
  chaos->lyapunov = NAN;
  chaos->n_peaks = 0;
  chaos->what = NULL;
  if ((chaos != &local || (metrics & (1u << NC_SWEEP_LYAPUNOV))) &&
      nc_engine_chaos (engine, key, chaos))
    out[NC_SWEEP_LYAPUNOV] = chaos->lyapunov;

  if (image_metrics != 0)
    {
      gint64 start;
      NcKeystreamCache cache_before;
      gboolean encrypted;

      if ((cipher = nc_image_new_like (plain, error)) == NULL)
        return FALSE;
      /* The engine's time: its keystream made, not copied. */
      cache_before = nc_engine_set_keystream_cache (NC_KEYSTREAM_CACHE_FRESH);
      start = g_get_monotonic_time ();
      encrypted = nc_engine_encrypt (engine, key, plain, cipher, cancellable, error);
      out[NC_SWEEP_TIME] = (g_get_monotonic_time () - start) / 1000.0;
      nc_engine_set_keystream_cache (cache_before);
      if (!encrypted)
        return FALSE;
    }
  if (metrics & (1u << NC_SWEEP_ENTROPY))
    {
      NcHistogram h;
      guint64 pooled[256] = { 0 };

      nc_metric_histogram (cipher, &h);
      for (guint c = 0; c < h.channels; c++)
        for (guint v = 0; v < 256; v++)
          pooled[v] += h.counts[c][v];
      out[NC_SWEEP_ENTROPY] = nc_metric_entropy_of_counts (pooled, h.n * h.channels);
    }
  if (metrics & (1u << NC_SWEEP_CHI_SQUARE))
    {
      NcHistogram h;

      nc_metric_histogram (cipher, &h);
      out[NC_SWEEP_CHI_SQUARE] = 0.0;
      for (guint c = 0; c < h.channels; c++)
        out[NC_SWEEP_CHI_SQUARE] += nc_metric_chi_square (h.counts[c], h.n) / h.channels;
    }
  for (guint d = 0; d < 3; d++)
    if (metrics & (1u << (NC_SWEEP_CORRELATION_H + d)))
      {
        out[NC_SWEEP_CORRELATION_H + d] = 0.0;
        for (guint c = 0; c < cipher->channels; c++)
          out[NC_SWEEP_CORRELATION_H + d] += nc_metric_correlation (cipher, c, (NcDirection) d) / cipher->channels;
      }
  if (metrics & ((1u << NC_SWEEP_NPCR) | (1u << NC_SWEEP_UACI)))
    {
      NcKeySensitivity sensitivity;

      if (!nc_metric_key_sensitivity (engine, key, plain, cipher, 0, NULL, NULL, &sensitivity,
                                      cancellable, error))
        return FALSE;
      if (metrics & (1u << NC_SWEEP_NPCR))
        out[NC_SWEEP_NPCR] = sensitivity.ciphers.npcr;
      if (metrics & (1u << NC_SWEEP_UACI))
        out[NC_SWEEP_UACI] = sensitivity.ciphers.uaci;
    }
  if ((metrics & (1u << NC_SWEEP_SSIM)) &&
      !nc_metric_ssim (plain, cipher, &out[NC_SWEEP_SSIM], error))
    return FALSE;
  if (!(metrics & (1u << NC_SWEEP_TIME)))
    out[NC_SWEEP_TIME] = NAN;
  return TRUE;
}

typedef struct {
  NcSweep         *sweep;
  const NcParams  *key;
  const NcImage   *plain;
  NcSweepProgress  progress;
  gpointer         progress_data;
  GCancellable    *cancellable;
  GMutex           lock;
  gint             next;
  guint            done;
  GError          *error;
} Run;

/* Each thread takes the next point until none is left. */
static gpointer
points_run (gpointer data)
{
  Run *run = data;
  NcSweep *sweep = run->sweep;
  g_autoptr(NcParams) key = nc_params_copy (run->key);

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&run->next, 1);
      double out[NC_SWEEP_N_METRICS];
      GError *error = NULL;

      if (i >= sweep->n_points || g_cancellable_is_cancelled (run->cancellable))
        break;
      if (!nc_params_set (key, sweep->param, sweep->values[i], &error) ||
          !nc_sweep_measure_point (sweep->engine, key, run->plain, sweep->metrics, out,
                                   sweep->has_chaos ? &sweep->chaos[i] : NULL,
                                   run->cancellable, &error))
        {
          g_mutex_lock (&run->lock);
          if (run->error == NULL)
            run->error = error;
          else
            g_error_free (error);
          g_mutex_unlock (&run->lock);
          break;
        }
      for (guint m = 0; m < NC_SWEEP_N_METRICS; m++)
        if (sweep->measured[m] != NULL)
          sweep->measured[m][i] = out[m];
      g_mutex_lock (&run->lock);
      run->done++;
      if (run->progress != NULL)
        run->progress (run->done, sweep->n_points, run->progress_data);
      g_mutex_unlock (&run->lock);
    }
  return NULL;
}

/* The grid value nearest @value (inside the range). */
static double
snap (const NcParamSpec *spec,
      double             value)
{
  double position = floor ((value - spec->min) / spec->step + 0.5);
  guint64 levels = nc_param_spec_levels (spec);

  if (!(position >= 0))
    position = 0;
  if (position >= (double) levels)
    position = (double) (levels - 1);
  return nc_param_spec_value_at (spec, (guint64) position);
}

/**
 * nc_sweep_run:
 * @key: the key swept from: every other parameter keeps its value
 * @param: the id of a real or integer parameter of @key
 * @from: the first value (NAN: the parameter's minimum)
 * @to: the last value (NAN: its maximum)
 * @steps: points, at least 2; the values are spaced evenly and then
 *   snapped to the parameter's grid
 * @metrics: bit m set for each NcSweepMetric to measure
 *
 * Measures each point as nc_sweep_measure_point() does, on both cores.
 * The chaotic system is measured at every point for an engine that has
 * one, for the bifurcation diagram.
 */
NcSweep *
nc_sweep_run (const NcEngine  *engine,
              const NcParams  *key,
              const NcImage   *plain,
              const char      *param,
              double           from,
              double           to,
              guint            steps,
              guint            metrics,
              NcSweepProgress  progress,
              gpointer         progress_data,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(NcSweep) sweep = g_new0 (NcSweep, 1);
  g_autoptr(NcParams) probe = nc_params_copy (key);
  const NcParamSpec *spec;
  NcChaos unused;
  Run run = { 0 };
  int index = nc_params_find (key, param);

  if (index < 0)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_NOT_FOUND, _("%s has no parameter “%s”"), nc_tr (engine->name), param);
      return NULL;
    }
  spec = &nc_params_get_schema (key)->specs[index];
  if (spec->kind != NC_PARAM_REAL && spec->kind != NC_PARAM_INT)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("“%s” is a %s; only real and integer parameters can be swept"), param,
                   nc_param_kind_to_string (spec->kind));
      return NULL;
    }
  if (!nc_params_is_active (key, (guint) index))
    {
      g_autofree char *variant = nc_engine_describe_variant (engine, nc_params_get_variant (key));

      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("“%s” does not act in %s: sweeping it changes nothing"),
                   param, variant);
      return NULL;
    }
  if (steps < 2 || steps > NC_SWEEP_MAX_STEPS)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("A sweep has 2 to %d steps, not %u"),
                   NC_SWEEP_MAX_STEPS, steps);
      return NULL;
    }
  if (metrics == 0 || metrics >= (1u << NC_SWEEP_N_METRICS))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("No metric to sweep"));
      return NULL;
    }
  if (isnan (from))
    from = spec->min;
  if (isnan (to))
    to = spec->max;
  /* Outside the range is an error (nc_params_set says which); between
   * grid values is not: the points are snapped to the grid. */
  if ((from < spec->min || from > spec->max) && !nc_params_set (probe, param, from, error))
    return NULL;
  if ((to < spec->min || to > spec->max) && !nc_params_set (probe, param, to, error))
    return NULL;

  sweep->engine = engine;
  sweep->param = g_strdup (param);
  sweep->param_label = g_strdup (nc_tr (spec->label));
  sweep->current = nc_params_get (key, param);
  sweep->n_points = steps;
  sweep->metrics = metrics;
  sweep->values = g_new (double, steps);
  for (guint i = 0; i < steps; i++)
    {
      sweep->values[i] = snap (spec, from + (to - from) * i / (steps - 1.0));
    }
  for (guint m = 0; m < NC_SWEEP_N_METRICS; m++)
    if (metrics & (1u << m))
      sweep->measured[m] = g_new (double, steps);
  sweep->has_chaos = nc_engine_chaos (engine, key, &unused);
  if (sweep->has_chaos)
    sweep->chaos = g_new0 (NcChaos, steps);

  run.sweep = sweep;
  run.key = key;
  run.plain = plain;
  run.progress = progress;
  run.progress_data = progress_data;
  run.cancellable = cancellable;
  g_mutex_init (&run.lock);
  nc_run_queue (points_run, &run, steps);
  g_mutex_clear (&run.lock);
  if (run.error != NULL)
    {
      g_propagate_error (error, run.error);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&sweep);
}

void
nc_sweep_free (NcSweep *sweep)
{
  if (sweep == NULL)
    return;
  g_free (sweep->param);
  g_free (sweep->param_label);
  g_free (sweep->values);
  for (guint m = 0; m < NC_SWEEP_N_METRICS; m++)
    g_free (sweep->measured[m]);
  g_free (sweep->chaos);
  g_free (sweep);
}
