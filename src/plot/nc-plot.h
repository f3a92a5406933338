/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Renderers: each draws onto any cairo_t, in a rectangle, with pango
 * text. The widgets paint with them and the figures are written with
 * them, so a figure is what the window shows. */
#pragma once

#include <cairo.h>

#include "nc-metrics.h"
#include "nc-noise-study.h"
#include "nc-sweep.h"

G_BEGIN_DECLS

typedef struct {
  double x, y, width, height;
} NcRect;

typedef struct {
  double r, g, b;
} NcColor;

extern const NcColor nc_plot_plain_color;
extern const NcColor nc_plot_cipher_color;
extern const NcColor nc_plot_channel_colors[3];

void     nc_plot_set_dark    (gboolean       is_dark);
gboolean nc_plot_get_dark    (void);
void     nc_plot_set_screen_scale (int      scale);
int      nc_plot_get_screen_scale (void);
void     nc_plot_set_ink     (cairo_t       *cr,
                              double         r,
                              double         g,
                              double         b,
                              double         a);
void     nc_plot_paint_ground (cairo_t      *cr);

void   nc_plot_text          (cairo_t       *cr,
                              const char    *text,
                              double         x,
                              double         y,
                              double         size,
                              gboolean       bold,
                              double         align_x,
                              double         align_y);
/* Text wrapped to @width; returns the height it took. */
double nc_plot_paragraph     (cairo_t       *cr,
                              const char    *text,
                              double         x,
                              double         y,
                              double         width,
                              double         size,
                              gboolean       bold);
void   nc_plot_text_width    (cairo_t       *cr,
                              const char    *text,
                              double         size,
                              gboolean       bold,
                              double        *out_width,
                              double        *out_height);

/* A histogram of one image: one bar series per channel, with axes. */
void   nc_plot_histogram     (cairo_t            *cr,
                              NcRect              area,
                              const NcHistogram  *histogram,
                              const char         *title,
                              const char         *caption,
                              const NcColor      *gray_color);

/* A scatter plot of sampled adjacent pairs (value, neighbour), 0…255. */
void   nc_plot_scatter       (cairo_t            *cr,
                              NcRect              area,
                              const guint8       *first,
                              const guint8       *second,
                              guint               n,
                              const char         *title,
                              const char         *caption,
                              const NcColor      *color);

/* |a − b| per pixel (mean over channels) as a heat map with a colour
 * scale from 0 to 255. */
void   nc_plot_difference    (cairo_t            *cr,
                              NcRect              area,
                              const NcImage      *a,
                              const NcImage      *b,
                              const char         *title,
                              const char         *caption);

/* An image, fitted, with a title above it. */
void   nc_plot_pane          (cairo_t            *cr,
                              NcRect              area,
                              const NcImage      *image,
                              const char         *title,
                              const char         *caption);

/* Curves over a shared index axis (training losses, sweeps). */
typedef struct {
  const double *values;
  guint         n;
  const char   *label;
  NcColor       color;
  gboolean      dashed;
} NcPlotSeries;

void   nc_plot_curves        (cairo_t            *cr,
                              NcRect              area,
                              const NcPlotSeries *series,
                              guint               n_series,
                              double              y_max,
                              const char         *x_label,
                              const char         *y_label,
                              const char         *title,
                              const char         *caption);

/* Curves over a real x axis, one value per x for each series. */
void   nc_plot_xy            (cairo_t            *cr,
                              NcRect              area,
                              const double       *x,
                              guint               n,
                              const NcPlotSeries *series,
                              guint               n_series,
                              double              mark,
                              const char         *mark_label,
                              const char         *x_label,
                              const char         *y_label,
                              const char         *title,
                              const char         *caption);

/* A sweep's metric against the swept parameter; the chaotic system's
 * bifurcation diagram and Lyapunov exponent over the same range. */
void   nc_plot_sweep         (cairo_t            *cr,
                              NcRect              area,
                              const NcSweep      *sweep,
                              NcSweepMetric       metric,
                              const char         *title,
                              const char         *caption);
void   nc_plot_bifurcation   (cairo_t            *cr,
                              NcRect              area,
                              const NcSweep      *sweep,
                              double              font,
                              const char         *title,
                              const char         *caption);

/* Rows of (measure, value, verdict) in three columns. */
void   nc_plot_table         (cairo_t            *cr,
                              NcRect              area,
                              const char         *title,
                              const char * const *cells,
                              guint               n_rows);

typedef enum {
  NC_FIGURE_PNG,
  NC_FIGURE_SVG,
  NC_FIGURE_PDF,
} NcFigureFormat;

typedef void (*NcFigureDrawFunc) (cairo_t *cr,
                                  double   width,
                                  double   height,
                                  gpointer user_data);

gboolean nc_figure_format_from_path (const char     *path,
                                     NcFigureFormat *out,
                                     GError        **error);
GBytes  *nc_figure_render    (NcFigureFormat       format,
                              double               width_pt,
                              double               height_pt,
                              double               dpi,
                              const char * const  *metadata,
                              NcFigureDrawFunc     draw,
                              gpointer             user_data,
                              GError             **error);
gboolean nc_figure_write     (const char          *path,
                              NcFigureFormat       format,
                              double               width_pt,
                              double               height_pt,
                              double               dpi,
                              const char * const  *metadata,
                              NcFigureDrawFunc     draw,
                              gpointer             user_data,
                              GError             **error);

G_END_DECLS
