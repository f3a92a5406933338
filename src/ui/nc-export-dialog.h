/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NC_TYPE_EXPORT_DIALOG (nc_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (NcExportDialog, nc_export_dialog, NC, EXPORT_DIALOG, AdwMessageDialog)

NcExportDialog *nc_export_dialog_new       (GtkWindow      *parent,
                                            const char     *heading,
                                            double          width,
                                            double          height,
                                            double          dpi);
double          nc_export_dialog_get_width  (NcExportDialog *self);
double          nc_export_dialog_get_height (NcExportDialog *self);
double          nc_export_dialog_get_dpi    (NcExportDialog *self);

G_END_DECLS
