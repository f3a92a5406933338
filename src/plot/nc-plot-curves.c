/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-plot-private.h"

#include <math.h>

/**
 * nc_plot_curves:
 * @cr: where to draw
 * @area: the panel
 * @series: (array length=n_series): the curves; point i is at x = i
 * @n_series: how many
 * @y_max: the top of the value axis; 0 to fit the data
 * @x_label: (nullable): below the x axis
 * @y_label: (nullable): beside the y axis
 * @title: (nullable): above the panel
 * @caption: (nullable): below it
 *
 * Line plots over a shared index axis from 0, with a legend in the top
 * right corner. Empty series draw the axes alone.
 */
void
nc_plot_curves (cairo_t            *cr,
                NcRect              area,
                const NcPlotSeries *series,
                guint               n_series,
                double              y_max,
                const char         *x_label,
                const char         *y_label,
                const char         *title,
                const char         *caption)
{
  double font = nc_plot_font_size (area);
  guint longest = 0;
  double highest = 0, x_max;
  NcRect inner, plot;

  inner = nc_plot_frame (cr, area, title, caption, font);
  for (guint s = 0; s < n_series; s++)
    {
      longest = MAX (longest, series[s].n);
      for (guint i = 0; i < series[s].n; i++)
        if (isfinite (series[s].values[i]))
          highest = MAX (highest, series[s].values[i]);
    }
  if (y_max <= 0)
    {
      double step = nc_plot_nice_step (highest > 0 ? highest : 1, 4);

      y_max = ceil ((highest > 0 ? highest : 1) / step) * step;
    }
  /* Points are whole indices: an axis of at least 0 … 4 keeps the ticks
   * whole while the first few points come in. */
  x_max = MAX (4.0, (double) longest - 1);
  nc_plot_axes (cr, inner, x_max, y_max, x_label, y_label, font, &plot);

  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  cairo_set_line_width (cr, MAX (0.75, font / 9));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < n_series; s++)
    {
      const NcPlotSeries *curve = &series[s];
      double dash = font * 0.5;

      cairo_new_path (cr);
      for (guint i = 0; i < curve->n; i++)
        {
          double v = isfinite (curve->values[i]) ? MIN (curve->values[i], y_max) : y_max;

          cairo_line_to (cr, plot.x + plot.width * i / x_max,
                         plot.y + plot.height * (1 - v / y_max));
        }
      nc_plot_set_ink (cr, curve->color.r, curve->color.g, curve->color.b, 1.0);
      cairo_set_dash (cr, &dash, curve->dashed ? 1 : 0, 0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  nc_plot_legend (cr, plot, series, n_series, font, FALSE);
}

/* The series' labels and line styles in the top right corner of @plot,
 * or the top left one. */
void
nc_plot_legend (cairo_t            *cr,
                NcRect              plot,
                const NcPlotSeries *series,
                guint               n_series,
                double              font,
                gboolean            left)
{
  double legend_y = plot.y + font * 0.6;
  double widest = 0, box_x;
  guint n_labels = 0;

  /* A white ground, so the legend reads over what it covers. */
  for (guint s = 0; s < n_series; s++)
    if (series[s].label != NULL)
      {
        double w = 0;

        nc_plot_text_width (cr, series[s].label, font * 0.85, FALSE, &w, NULL);
        widest = MAX (widest, w);
        n_labels++;
      }
  if (n_labels == 0)
    return;
  cairo_save (cr);
  nc_plot_set_ink (cr, 1, 1, 1, 0.85);
  box_x = left ? plot.x + font * 0.3 : plot.x + plot.width - font * 0.3 - widest - font * 2.7;
  cairo_rectangle (cr, box_x, plot.y + font * 0.05, widest + font * 2.7, n_labels * font * 1.2 + font * 0.1);
  cairo_fill (cr);
  cairo_restore (cr);

  for (guint s = 0; s < n_series; s++)
    {
      const NcPlotSeries *curve = &series[s];
      double text_width = 0, dash = font * 0.5;
      double x1;

      if (curve->label == NULL)
        continue;
      nc_plot_text_width (cr, curve->label, font * 0.85, FALSE, &text_width, NULL);
      /* Labels end at x1, right-aligned under each other. */
      x1 = left ? box_x + widest + font * 2.4 : plot.x + plot.width - font * 0.6;
      nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
      nc_plot_text (cr, curve->label, x1, legend_y, font * 0.85, FALSE, 1, 0.5);
      cairo_save (cr);
      cairo_set_line_width (cr, MAX (0.75, font / 9));
      nc_plot_set_ink (cr, curve->color.r, curve->color.g, curve->color.b, 1.0);
      cairo_set_dash (cr, &dash, curve->dashed ? 1 : 0, 0);
      cairo_move_to (cr, x1 - text_width - font * 2.4, legend_y);
      cairo_line_to (cr, x1 - text_width - font * 0.4, legend_y);
      cairo_stroke (cr);
      cairo_restore (cr);
      legend_y += font * 1.2;
    }
}
