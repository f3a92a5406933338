/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A sweep: one parameter of a key over a range, a metric measured at each
 * value; for the chaotic engines, the chaotic system's bifurcation column
 * and largest Lyapunov exponent at each value too. */
#pragma once

#include <gio/gio.h>

#include "nc-engine.h"

G_BEGIN_DECLS

typedef enum {
  NC_SWEEP_ENTROPY,
  NC_SWEEP_CORRELATION_H,
  NC_SWEEP_CORRELATION_V,
  NC_SWEEP_CORRELATION_D,
  NC_SWEEP_NPCR,
  NC_SWEEP_UACI,
  NC_SWEEP_CHI_SQUARE,
  NC_SWEEP_SSIM,
  NC_SWEEP_TIME,
  NC_SWEEP_LYAPUNOV,
} NcSweepMetric;

#define NC_SWEEP_N_METRICS 10
#define NC_SWEEP_MAX_STEPS 4096

const char *nc_sweep_metric_id    (NcSweepMetric metric);
const char *nc_sweep_metric_label (NcSweepMetric metric);
gboolean    nc_sweep_metric_parse (const char    *id,
                                   NcSweepMetric *out,
                                   GError       **error);

typedef struct {
  const NcEngine *engine;
  char           *param;         /* the parameter's id */
  char           *param_label;
  double          current;       /* its value in the key swept from */
  guint           n_points;
  double         *values;        /* the values used (on the parameter's grid) */
  guint           metrics;       /* bit m: metric m measured */
  double         *measured[NC_SWEEP_N_METRICS];  /* n_points each, or NULL */
  gboolean        has_chaos;     /* the engine has a chaotic system */
  NcChaos        *chaos;         /* n_points, when has_chaos */
} NcSweep;

typedef void (*NcSweepProgress) (guint    done,
                                 guint    total,
                                 gpointer data);

NcSweep *nc_sweep_run  (const NcEngine  *engine,
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
                        GError         **error);
void     nc_sweep_free (NcSweep *sweep);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NcSweep, nc_sweep_free)

gboolean nc_sweep_measure_point (const NcEngine *engine,
                                 const NcParams *key,
                                 const NcImage  *plain,
                                 guint           metrics,
                                 double          out[NC_SWEEP_N_METRICS],
                                 NcChaos        *chaos,
                                 GCancellable   *cancellable,
                                 GError        **error);

G_END_DECLS
