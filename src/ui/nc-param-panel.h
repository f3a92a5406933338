/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "nc-core.h"

G_BEGIN_DECLS

#define NC_TYPE_PARAM_PANEL (nc_param_panel_get_type ())
G_DECLARE_FINAL_TYPE (NcParamPanel, nc_param_panel, NC, PARAM_PANEL, GtkBox)

GtkWidget *nc_param_panel_new          (void);
void       nc_param_panel_set_params   (NcParamPanel *self,
                                        NcParams     *params);
void       nc_param_panel_refresh      (NcParamPanel *self);
guint      nc_param_panel_get_n_rows   (NcParamPanel *self);
gboolean   nc_param_panel_set_value    (NcParamPanel *self,
                                        const char   *id,
                                        double        value);

G_END_DECLS
