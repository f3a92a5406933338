/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-plot-private.h"
#include "nc-i18n.h"

#include <math.h>

/**
 * nc_plot_histogram:
 * @cr: where to draw
 * @area: the panel
 * @histogram: the counts
 * @title: (nullable): above the panel
 * @caption: (nullable): below it (entropy, χ² verdict)
 * @gray_color: (nullable): the colour of a gray image's bars
 *
 * One bar per level; an RGB image's three channels are drawn as outlines
 * over each other in the channel colours, named in a legend.
 */
void
nc_plot_histogram (cairo_t           *cr,
                   NcRect             area,
                   const NcHistogram *histogram,
                   const char        *title,
                   const char        *caption,
                   const NcColor     *gray_color)
{
  double font = nc_plot_font_size (area);
  guint64 highest = 1, under_left = 0, under_right = 0;
  gboolean legend_left = FALSE;
  NcRect inner, plot;
  double y_max, top = 1;

  inner = nc_plot_frame (cr, area, title, caption, font);
  for (guint c = 0; c < histogram->channels; c++)
    for (int i = 0; i < 256; i++)
      highest = MAX (highest, histogram->counts[c][i]);
  if (histogram->channels == 3)
    {
      /* The legend (three short lines) takes the top corner with the
       * lower bars under it, and the axis reaches high enough that no
       * bar runs under it: a figure must show every bar. The plot's
       * size is not known before its axes are drawn; the frame's, less
       * the axes' labels, is near enough. */
      double legend_width = font * 4.5, legend_height = font * 4.0;
      double plot_width = MAX (inner.width - font * 5.0, 1.0);
      double plot_height = MAX (inner.height - font * 3.0, legend_height * 2);
      int bins = (int) ceil (256.0 * MIN (1.0, legend_width / plot_width));

      for (guint c = 0; c < 3; c++)
        for (int i = 0; i < bins; i++)
          {
            under_left = MAX (under_left, histogram->counts[c][i]);
            under_right = MAX (under_right, histogram->counts[c][255 - i]);
          }
      legend_left = under_left < under_right;
      top = (double) MIN (under_left, under_right) / (1.0 - legend_height / plot_height);
    }
  top = MAX ((double) highest, top);
  y_max = nc_plot_nice_step (top, 4);
  y_max = ceil (top / y_max) * y_max;

  nc_plot_axes (cr, inner, 255, y_max, _("grey level"), _("count"), font, &plot);

  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  for (guint c = 0; c < histogram->channels; c++)
    {
      const NcColor *color = histogram->channels == 1
                             ? (gray_color != NULL ? gray_color : &nc_plot_plain_color)
                             : &nc_plot_channel_colors[c];
      double bar = plot.width / 256.0;

      cairo_new_path (cr);
      cairo_move_to (cr, plot.x, plot.y + plot.height);
      for (int i = 0; i < 256; i++)
        {
          double h = plot.height * (double) histogram->counts[c][i] / y_max;

          cairo_line_to (cr, plot.x + i * bar, plot.y + plot.height - h);
          cairo_line_to (cr, plot.x + (i + 1) * bar, plot.y + plot.height - h);
        }
      cairo_line_to (cr, plot.x + plot.width, plot.y + plot.height);
      cairo_close_path (cr);
      if (histogram->channels == 1)
        {
          nc_plot_set_ink (cr, color->r, color->g, color->b, 0.85);
          cairo_fill (cr);
        }
      else
        {
          nc_plot_set_ink (cr, color->r, color->g, color->b, 0.18);
          cairo_fill_preserve (cr);
          nc_plot_set_ink (cr, color->r, color->g, color->b, 0.9);
          cairo_set_line_width (cr, MAX (0.5, font / 14));
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
  if (histogram->channels == 3)
    {
      NcPlotSeries legend[3];
      static const char *names[] = { "R", "G", "B" };

      for (guint c = 0; c < 3; c++)
        legend[c] = (NcPlotSeries) { NULL, 0, names[c], nc_plot_channel_colors[c], FALSE };
      nc_plot_legend (cr, plot, legend, 3, font, legend_left);
    }
}
