/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "nc-plot.h"

G_BEGIN_DECLS

double nc_plot_nice_step (double      range,
                          int         count);
void   nc_plot_axes      (cairo_t    *cr,
                          NcRect      area,
                          double      x_max,
                          double      y_max,
                          const char *x_label,
                          const char *y_label,
                          double      font,
                          NcRect     *out_plot);
void   nc_plot_axes_range (cairo_t   *cr,
                          NcRect      area,
                          double      x_lo,
                          double      x_hi,
                          double      y_lo,
                          double      y_hi,
                          const char *x_label,
                          const char *y_label,
                          double      font,
                          NcRect     *out_plot);
NcRect nc_plot_frame     (cairo_t    *cr,
                          NcRect      area,
                          const char *title,
                          const char *caption,
                          double      font);
double nc_plot_font_size (NcRect      area);
void   nc_plot_legend    (cairo_t            *cr,
                          NcRect              plot,
                          const NcPlotSeries *series,
                          guint               n_series,
                          double              font,
                          gboolean            left);

G_END_DECLS
