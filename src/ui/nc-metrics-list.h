/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "nc-metric-suite.h"

G_BEGIN_DECLS

#define NC_TYPE_METRICS_LIST (nc_metrics_list_get_type ())
G_DECLARE_FINAL_TYPE (NcMetricsList, nc_metrics_list, NC, METRICS_LIST, GtkBox)

GtkWidget *nc_metrics_list_new          (void);
void       nc_metrics_list_set_analysis (NcMetricsList    *self,
                                         const NcAnalysis *analysis,
                                         const char       *title);
/* The rows shown and their selection. */
GtkSelectionModel *nc_metrics_list_get_selection (NcMetricsList *self);
/* The selected rows (every row when none is) as tab-separated lines. */
char       *nc_metrics_list_dup_selected_text (NcMetricsList *self);

G_END_DECLS
