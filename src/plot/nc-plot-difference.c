/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-plot-private.h"

#include "nc-plot-image.h"

#include <string.h>

/* A perceptually ordered map from black through purple and orange to
 * pale yellow (after "inferno"), at five stops. */
static void
heat_color (double  t,
            guint8 *rgb)
{
  static const double stops[5][3] = {
    { 0.0, 0.0, 0.02 }, { 0.34, 0.06, 0.43 }, { 0.73, 0.21, 0.33 },
    { 0.98, 0.55, 0.04 }, { 0.99, 1.0, 0.64 },
  };
  double s = CLAMP (t, 0.0, 1.0) * 4.0;
  int i = MIN ((int) s, 3);
  double f = s - i;

  for (int k = 0; k < 3; k++)
    rgb[k] = (guint8) (255.0 * (stops[i][k] + f * (stops[i + 1][k] - stops[i][k])) + 0.5);
}

/**
 * nc_plot_difference:
 * @cr: where to draw
 * @area: the panel
 * @a: an image
 * @b: an image of the same shape
 * @title: (nullable): above the panel
 * @caption: (nullable): below it (NPCR, UACI)
 *
 * |a − b| per pixel, averaged over channels, as a heat map beside a colour
 * scale from 0 to 255.
 */
void
nc_plot_difference (cairo_t       *cr,
                    NcRect         area,
                    const NcImage *a,
                    const NcImage *b,
                    const char    *title,
                    const char    *caption)
{
  double font = nc_plot_font_size (area);
  g_autoptr(NcImage) heat = NULL;
  guint8 colors[255 * 3 + 1][3];
  guint width_px, height_px;
  NcRect inner, bar;
  double bar_width = font * 1.2;
  guint8 rgb[3];
  char label[8];

  inner = nc_plot_frame (cr, area, title, caption, font);
  if (!nc_image_same_shape (a, b))
    return;
  inner.width -= bar_width + font * 3.2;
  /* The map at the pixels drawn (all of them in an export, those the
   * screen shows on one: at 2048² the whole map took 28 ms of the main
   * loop, now 0.5), its colours from a table of every possible sum. */
  nc_plot_image_drawn_size (cr, a->width, a->height, MAX (inner.width, 1.0), inner.height,
                            &width_px, &height_px);
  heat = nc_image_new (width_px, height_px, 3, NULL);
  if (heat == NULL)
    return;
  for (guint s = 0; s <= 255 * a->channels; s++)
    heat_color (s / (255.0 * a->channels), colors[s]);
  for (guint y = 0; y < height_px; y++)
    {
      gsize row = (gsize) nc_plot_sample_index (y, height_px, a->height) * a->width;

      for (guint x = 0; x < width_px; x++)
        {
          gsize p = row + nc_plot_sample_index (x, width_px, a->width);
          guint sum = 0;

          for (guint c = 0; c < a->channels; c++)
            sum += (guint) ABS ((int) a->data[p * a->channels + c] - (int) b->data[p * a->channels + c]);
          memcpy (heat->data + 3 * ((gsize) y * width_px + x), colors[sum], 3);
        }
    }
  nc_plot_image (cr, heat, inner.x, inner.y, MAX (inner.width, 1.0), inner.height);

  bar.x = inner.x + inner.width + font * 0.6;
  bar.width = bar_width;
  bar.y = inner.y + font * 0.5;
  bar.height = MAX (1.0, inner.height - font);
  for (int i = 0; i < 64; i++)
    {
      heat_color (1.0 - i / 63.0, rgb);
      cairo_set_source_rgb (cr, rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0);
      cairo_rectangle (cr, bar.x, bar.y + bar.height * i / 64.0, bar.width, bar.height / 64.0 + 0.5);
      cairo_fill (cr);
    }
  nc_plot_set_ink (cr, 0.2, 0.2, 0.2, 1.0);
  for (int v = 0; v <= 255; v += 85)
    {
      double y = bar.y + bar.height * (1.0 - v / 255.0);

      g_snprintf (label, sizeof label, "%d", v);
      nc_plot_text (cr, label, bar.x + bar.width + font * 0.3, y, font * 0.8, FALSE, 0, 0.5);
    }
}
