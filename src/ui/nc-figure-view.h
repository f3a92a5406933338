/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "nc-figures.h"

G_BEGIN_DECLS

#define NC_TYPE_FIGURE_VIEW (nc_figure_view_get_type ())
G_DECLARE_FINAL_TYPE (NcFigureView, nc_figure_view, NC, FIGURE_VIEW, GtkWidget)

GtkWidget    *nc_figure_view_new      (NcFigureKind        kind);
NcFigureKind  nc_figure_view_get_kind (NcFigureView       *self);
void          nc_figure_view_set_data (NcFigureView       *self,
                                       const NcFigureData *data);

/* For the widgets that paint with src/plot: the ground and the inks of
 * the light or dark style and the screen's resolution while they paint,
 * and a repaint when the style changes. Exports never see either. */
void          nc_screen_figure_begin  (GtkWidget          *widget,
                                       cairo_t            *cr);
void          nc_screen_figure_end    (void);
void          nc_screen_figure_follow_style (GtkWidget    *widget);

G_END_DECLS
