/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The live analysis: the suite run again whenever the image, the key or
 * the flipped key bit changes, on a worker thread, with only the newest
 * result shown. GIO only, so it is tested without a display. */
#pragma once

#include <gio/gio.h>

#include "nc-metric-suite.h"

G_BEGIN_DECLS

/**
 * NcLivePhase:
 * @NC_LIVE_PHASE_IDLE: nothing runs
 * @NC_LIVE_PHASE_LIVE: a live update runs (what a moving slider needs)
 * @NC_LIVE_PHASE_FULL: the full analysis runs (the sliders rest)
 */
typedef enum {
  NC_LIVE_PHASE_IDLE,
  NC_LIVE_PHASE_LIVE,
  NC_LIVE_PHASE_FULL,
} NcLivePhase;

GType nc_live_phase_get_type (void) G_GNUC_CONST;
#define NC_TYPE_LIVE_PHASE (nc_live_phase_get_type ())

/**
 * NcLiveResult:
 * @image: the plaintext measured
 * @engine: the engine
 * @params: the key measured (a copy)
 * @analysis: the measures and the images behind them
 * @title: "engine — variant", for figures
 *
 * One result, immutable and reference-counted: the window, its views and
 * an export can hold it while newer results arrive.
 */
typedef struct {
  NcImage        *image;
  const NcEngine *engine;
  NcParams       *params;
  NcAnalysis      analysis;
  char           *title;
  /* What the prepare function made of it on the worker, or NULL. */
  gpointer        prepared;
  GDestroyNotify  prepared_free;
} NcLiveResult;

/**
 * NcLivePrepareFunc:
 * @result: a result, complete but for @prepared
 * @user_data: the data given with the function
 *
 * Runs on the worker thread after each update, so that what a result's
 * display needs (the panes' pixels, say) is made off the main loop.
 *
 * Returns: (nullable): the result's prepared data
 */
typedef gpointer (*NcLivePrepareFunc) (const NcLiveResult *result,
                                       gpointer            user_data);

GType         nc_live_result_get_type (void) G_GNUC_CONST;
#define NC_TYPE_LIVE_RESULT (nc_live_result_get_type ())
NcLiveResult *nc_live_result_ref      (NcLiveResult *result);
void          nc_live_result_unref    (NcLiveResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NcLiveResult, nc_live_result_unref)

/* An update slower than this shows as busy. */
#define NC_LIVE_BUSY_DELAY_MS 150

#define NC_TYPE_LIVE_ANALYSIS (nc_live_analysis_get_type ())
G_DECLARE_FINAL_TYPE (NcLiveAnalysis, nc_live_analysis, NC, LIVE_ANALYSIS, GObject)

NcLiveAnalysis *nc_live_analysis_new          (void);
void            nc_live_analysis_set_image    (NcLiveAnalysis *self,
                                               NcImage        *image);
void            nc_live_analysis_set_key      (NcLiveAnalysis *self,
                                               const NcEngine *engine,
                                               const NcParams *params);
void            nc_live_analysis_set_key_bit  (NcLiveAnalysis *self,
                                               guint           bit);
void            nc_live_analysis_set_attacks  (NcLiveAnalysis *self,
                                               gboolean        attacks);
void            nc_live_analysis_set_key_flip (NcLiveAnalysis *self,
                                               gboolean        key_flip);
gboolean        nc_live_analysis_get_key_flip (NcLiveAnalysis *self);
void            nc_live_analysis_set_prepare  (NcLiveAnalysis   *self,
                                               NcLivePrepareFunc prepare,
                                               gpointer          user_data,
                                               GDestroyNotify    prepared_free);
void            nc_live_analysis_stop         (NcLiveAnalysis *self);

NcLiveResult   *nc_live_analysis_get_result   (NcLiveAnalysis *self);
guint           nc_live_analysis_get_n_results (NcLiveAnalysis *self);
gboolean        nc_live_analysis_get_updating (NcLiveAnalysis *self);
gboolean        nc_live_analysis_get_stale    (NcLiveAnalysis *self);
gboolean        nc_live_analysis_get_busy     (NcLiveAnalysis *self);
NcLivePhase     nc_live_analysis_get_phase    (NcLiveAnalysis *self);
guint           nc_live_analysis_get_busy_delay (NcLiveAnalysis *self);
void            nc_live_analysis_set_busy_delay (NcLiveAnalysis *self,
                                               guint           milliseconds);

G_END_DECLS
