/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "nc-core.h"
#include "nc-metric-suite.h"

G_BEGIN_DECLS

#define NC_TYPE_WINDOW (nc_window_get_type ())
G_DECLARE_FINAL_TYPE (NcWindow, nc_window, NC, WINDOW, AdwApplicationWindow)

NcWindow   *nc_window_new         (AdwApplication *application);
void        nc_window_open        (NcWindow       *self,
                                   GFile          *file);
NcImage    *nc_window_get_image   (NcWindow       *self);
GFile      *nc_window_get_file    (NcWindow       *self);
gboolean    nc_window_get_loading (NcWindow       *self);
gboolean    nc_window_get_updating (NcWindow      *self);
gboolean    nc_window_get_stale   (NcWindow       *self);
guint       nc_window_get_n_updates (NcWindow     *self);
const NcAnalysis *nc_window_get_analysis (NcWindow *self);
NcParams   *nc_window_get_params  (NcWindow       *self);
GtkWidget  *nc_window_get_param_panel (NcWindow   *self);
gboolean    nc_window_set_model   (NcWindow       *self,
                                   const char     *engine_id,
                                   const char     *variant,
                                   GError        **error);
void        nc_window_show_view   (NcWindow       *self,
                                   const char     *name);
gboolean    nc_window_export_pane (NcWindow       *self,
                                   const char     *target,
                                   const char     *path,
                                   double          width,
                                   double          height,
                                   double          dpi,
                                   GError        **error);
gboolean    nc_window_export_all  (NcWindow       *self,
                                   const char     *dir,
                                   GError        **error);
gboolean    nc_window_save_ciphertext (NcWindow   *self,
                                   const char     *path,
                                   GError        **error);
gboolean    nc_window_save_decrypted (NcWindow    *self,
                                   const char     *path,
                                   GError        **error);
gboolean    nc_window_open_ciphertext (NcWindow   *self,
                                   const char     *cipher_path,
                                   const char     *key_path,
                                   GError        **error);

gboolean    nc_window_copy_figure   (NcWindow       *self,
                                     GError        **error);
gboolean    nc_window_copy_measures (NcWindow       *self,
                                     GError        **error);
void        nc_window_export_report_async  (NcWindow            *self,
                                            const char          *path,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             data);
gboolean    nc_window_export_report_finish (NcWindow            *self,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
