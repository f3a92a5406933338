/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-plot-private.h"

#include "nc-plot-image.h"

/**
 * nc_plot_pane:
 * @cr: where to draw
 * @area: the panel
 * @image: the image
 * @title: (nullable): above it
 * @caption: (nullable): below it
 */
void
nc_plot_pane (cairo_t       *cr,
              NcRect         area,
              const NcImage *image,
              const char    *title,
              const char    *caption)
{
  NcRect inner = nc_plot_frame (cr, area, title, caption, nc_plot_font_size (area));

  nc_plot_image (cr, image, inner.x, inner.y, inner.width, inner.height);
}

/**
 * nc_plot_table:
 * @cr: where to draw
 * @area: the panel
 * @title: (nullable): above the table
 * @cells: (array): @n_rows × 3 strings: measure, value, verdict
 * @n_rows: rows
 *
 * A verdict starting with "pass" is drawn green, "fail" or "BROKEN" red.
 */
void
nc_plot_table (cairo_t            *cr,
               NcRect              area,
               const char         *title,
               const char * const *cells,
               guint               n_rows)
{
  double font = MIN (nc_plot_font_size (area), area.height / MAX (n_rows + 3, 1) / 1.5);
  NcRect inner = nc_plot_frame (cr, area, title, NULL, font);
  double row_height = MIN (font * 1.5, inner.height / MAX (n_rows, 1));
  double columns[3] = { inner.x, inner.x + inner.width * 0.48, inner.x + inner.width * 0.86 };

  cairo_save (cr);
  for (guint r = 0; r < n_rows; r++)
    {
      double y = inner.y + r * row_height;

      if (r % 2 == 1)
        {
          nc_plot_set_ink (cr, 0.95, 0.95, 0.95, 1.0);
          cairo_rectangle (cr, inner.x, y, inner.width, row_height);
          cairo_fill (cr);
        }
      for (int c = 0; c < 3; c++)
        {
          const char *text = cells[r * 3 + c];

          if (text == NULL)
            continue;
          if (c == 2 && g_str_has_prefix (text, "pass"))
            nc_plot_set_ink (cr, 0.1, 0.5, 0.15, 1.0);
          else if (c == 2 && (g_str_has_prefix (text, "fail") || g_str_has_prefix (text, "BROKEN")))
            nc_plot_set_ink (cr, 0.75, 0.1, 0.1, 1.0);
          else
            nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
          nc_plot_text (cr, text, columns[c] + font * 0.3, y + row_height / 2, font, c == 0,
                        0, 0.5);
        }
    }
  cairo_restore (cr);
}
