/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A study: a measurement the user starts (a comparison, a sweep, the NIST
 * battery…), run on a worker thread on the window's image and key,
 * cancellable, with its progress shown; a row of controls above its
 * result. The subclasses say what to compute and how to show it. */
#pragma once

#include <adwaita.h>

#include "nc-engine.h"

G_BEGIN_DECLS

#define NC_TYPE_STUDY (nc_study_get_type ())
G_DECLARE_DERIVABLE_TYPE (NcStudy, nc_study, NC, STUDY, GtkBox)

/**
 * NcStudyClass:
 * @prepare: on the main thread, a job from the inputs and the controls,
 *   owned by the worker; %NULL with @error when it cannot run
 * @compute: on a worker thread: the result, or %NULL with @error; calls
 *   nc_study_report_progress() as it goes
 * @show: on the main thread, shows @result, which it takes
 * @inputs_changed: (nullable): the image or key changed
 * @write_figure: (nullable): writes the result shown as a figure (the
 *   format from @path's extension); with it the study has an Export
 *   Figure button
 * @figure_name: the file name Export Figure suggests
 */
struct _NcStudyClass {
  GtkBoxClass parent_class;

  gpointer (*prepare)        (NcStudy       *self,
                              GError       **error);
  gpointer (*compute)        (NcStudy       *self,
                              gpointer       job,
                              GCancellable  *cancellable,
                              GError       **error);
  void     (*show)           (NcStudy       *self,
                              gpointer       result);
  void     (*inputs_changed) (NcStudy       *self);
  gboolean (*write_figure)   (NcStudy       *self,
                              const char    *path,
                              GError       **error);
  const char    *figure_name;
  GDestroyNotify job_free;
  GDestroyNotify result_free;
};

void            nc_study_set_inputs     (NcStudy        *self,
                                         NcImage        *image,
                                         const NcEngine *engine,
                                         const NcParams *params);
NcImage        *nc_study_get_image      (NcStudy        *self);
const NcEngine *nc_study_get_engine     (NcStudy        *self);
const NcParams *nc_study_get_params     (NcStudy        *self);

void            nc_study_add_control    (NcStudy        *self,
                                         GtkWidget      *control);
void            nc_study_set_content    (NcStudy        *self,
                                         GtkWidget      *content);

/* Helpers the studies share: a control with its mnemonic label; the
 * page shown before the first result; a table cell. */
GtkWidget      *nc_study_labelled       (const char     *mnemonic,
                                         GtkWidget      *widget);
GtkWidget      *nc_study_empty_page     (const char     *icon,
                                         const char     *title,
                                         const char     *description);
GtkWidget      *nc_study_cell           (const char     *text,
                                         gboolean        heading);
void            nc_study_set_run_label  (NcStudy        *self,
                                         const char     *label);
void            nc_study_set_status     (NcStudy        *self,
                                         const char     *text);

void            nc_study_run            (NcStudy        *self);
gboolean        nc_study_export_figure  (NcStudy        *self,
                                         const char     *path,
                                         GError        **error);
void            nc_study_cancel         (NcStudy        *self);
gboolean        nc_study_get_busy       (NcStudy        *self);
gboolean        nc_study_get_has_result (NcStudy        *self);

/* From the worker: @done of @total steps. */
void            nc_study_report_progress (NcStudy       *self,
                                          guint          done,
                                          guint          total);

G_END_DECLS
