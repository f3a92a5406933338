/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-plot-private.h"

/**
 * nc_plot_scatter:
 * @cr: where to draw
 * @area: the panel
 * @first: (array length=n): the sampled pixels' values
 * @second: (array length=n): their neighbours' values
 * @n: how many pairs
 * @title: (nullable): above the panel
 * @caption: (nullable): below it (the coefficient)
 * @color: (nullable): the dots' colour
 *
 * A square plot of (value, neighbour): a natural image lies along the
 * diagonal, a good ciphertext fills the square.
 */
void
nc_plot_scatter (cairo_t       *cr,
                 NcRect         area,
                 const guint8  *first,
                 const guint8  *second,
                 guint          n,
                 const char    *title,
                 const char    *caption,
                 const NcColor *color)
{
  double font = nc_plot_font_size (area);
  const NcColor *c = color != NULL ? color : &nc_plot_plain_color;
  NcRect inner, plot;
  double side, dot;

  inner = nc_plot_frame (cr, area, title, caption, font);
  /* Square: the two axes mean the same thing. */
  side = MIN (inner.width, inner.height);
  inner.x += (inner.width - side) / 2;
  inner.width = side;
  inner.height = side;
  nc_plot_axes (cr, inner, 255, 255, "pixel", "neighbour", font, &plot);

  dot = MAX (0.6, MIN (plot.width, plot.height) / 256.0);
  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  nc_plot_set_ink (cr, c->r, c->g, c->b, 0.55);
  for (guint i = 0; i < n; i++)
    {
      double x = plot.x + plot.width * (first[i] + 0.5) / 256.0;
      double y = plot.y + plot.height * (1.0 - (second[i] + 0.5) / 256.0);

      cairo_rectangle (cr, x - dot / 2, y - dot / 2, dot, dot);
    }
  cairo_fill (cr);
  cairo_restore (cr);
}
