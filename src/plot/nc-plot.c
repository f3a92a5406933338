/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the renderers share: colours, text, axes. */
#include "nc-plot.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "nc-plot-private.h"

const NcColor nc_plot_plain_color = { 0.11, 0.44, 0.85 };
const NcColor nc_plot_cipher_color = { 0.90, 0.38, 0.0 };
/* R, G and B from Okabe and Ito's palette (vermillion, bluish green,
 * blue): told apart with the common colour-vision deficiencies too, and
 * always named in a legend. */
const NcColor nc_plot_channel_colors[3] = {
  { 0.835, 0.369, 0.000 },
  { 0.000, 0.620, 0.451 },
  { 0.000, 0.447, 0.698 },
};

/* Per thread, so that a figure exported on another thread, or on this
 * one outside the window's drawing, stays print-white and keeps every
 * pixel of its images. */
static _Thread_local gboolean dark;
static _Thread_local int screen_scale;

/* The dark ground: libadwaita's dark view background (#1e1e1e), and the
 * lightest ink on it. */
#define DARK_GROUND (30.0 / 255.0)
#define DARK_INK 0.92

/**
 * nc_plot_set_dark:
 * @is_dark: whether the figures this thread draws from now on are for a
 *   dark screen
 *
 * On a dark screen the renderers' inks change (nc_plot_set_ink()); the
 * pictures they draw (images, the key-flip difference) do not. The
 * window sets it around its own drawing and clears it after.
 */
void
nc_plot_set_dark (gboolean is_dark)
{
  dark = is_dark;
}

gboolean
nc_plot_get_dark (void)
{
  return dark;
}

/**
 * nc_plot_set_screen_scale:
 * @scale: device pixels per unit of the screen the figures this thread
 *   draws from now on are for; 0 for a file
 *
 * On a screen an image much larger than the pixels it covers is sampled
 * down before it is drawn (nc_plot_image()); a file keeps every pixel.
 */
void
nc_plot_set_screen_scale (int scale)
{
  screen_scale = MAX (scale, 0);
}

int
nc_plot_get_screen_scale (void)
{
  return screen_scale;
}

/* @c for a dark ground: a grey, or a colour too dark to read there, gets
 * its lightness turned over (c + 1 − 2Y, Y the Rec. 709 luma: the
 * differences between its channels, so its hue, stay), then lies
 * between the ground and the lightest ink; lighter colours stay as they
 * are, so the colour-blind-safe channel colours keep their meaning. */
static double
dark_channel (double c,
              double turn)
{
  return DARK_GROUND + (DARK_INK - DARK_GROUND) * CLAMP (c + turn, 0.0, 1.0);
}

/**
 * nc_plot_set_ink:
 *
 * cairo_set_source_rgba() for the renderers' text, axes, grid, grounds,
 * marks and curves: as given on paper and on a light screen, adjusted
 * for a dark one (nc_plot_set_dark()).
 */
void
nc_plot_set_ink (cairo_t *cr,
                 double   r,
                 double   g,
                 double   b,
                 double   a)
{
  double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  gboolean grey = MAX (r, MAX (g, b)) - MIN (r, MIN (g, b)) < 0.05;

  if (dark && (grey || y < 0.3))
    {
      double turn = 1.0 - 2.0 * y;

      r = dark_channel (r, turn);
      g = dark_channel (g, turn);
      b = dark_channel (b, turn);
    }
  cairo_set_source_rgba (cr, r, g, b, a);
}

/* The figure's ground: white, or the dark ground. */
void
nc_plot_paint_ground (cairo_t *cr)
{
  nc_plot_set_ink (cr, 1.0, 1.0, 1.0, 1.0);
  cairo_paint (cr);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);
  return layout;
}

/**
 * nc_plot_paragraph:
 *
 * Draws @text wrapped at word boundaries to @width, its top left at
 * (@x, @y), in the current source colour. Returns: its height.
 */
double
nc_plot_paragraph (cairo_t    *cr,
                   const char *text,
                   double      x,
                   double      y,
                   double      width,
                   double      size,
                   gboolean    bold)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, size, bold);
  int w, h;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return (double) h / PANGO_SCALE;
}

void
nc_plot_text_width (cairo_t    *cr,
                    const char *text,
                    double      size,
                    gboolean    bold,
                    double     *out_width,
                    double     *out_height)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, size, bold);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (out_width != NULL)
    *out_width = (double) w / PANGO_SCALE;
  if (out_height != NULL)
    *out_height = (double) h / PANGO_SCALE;
}

/**
 * nc_plot_text:
 * @cr: where to draw
 * @text: the text
 * @x: anchor
 * @y: anchor
 * @size: font size in user units
 * @bold: bold face
 * @align_x: 0 puts the text's left edge at @x, 0.5 its centre, 1 its right
 * @align_y: likewise for the top edge
 *
 * Draws in the current source colour.
 */
void
nc_plot_text (cairo_t    *cr,
              const char *text,
              double      x,
              double      y,
              double      size,
              gboolean    bold,
              double      align_x,
              double      align_y)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, size, bold);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x - align_x * w / PANGO_SCALE, y - align_y * h / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

/* A step of 1, 2 or 5 × 10^k that gives about @count ticks over @range. */
double
nc_plot_nice_step (double range,
                   int    count)
{
  double raw = range / MAX (count, 1);
  double magnitude, fraction;

  if (!(raw > 0))
    return 1.0;
  magnitude = pow (10.0, floor (log10 (raw)));
  fraction = raw / magnitude;
  return magnitude * (fraction < 1.5 ? 1.0 : fraction < 3.5 ? 2.0 : fraction < 7.5 ? 5.0 : 10.0);
}

static void
format_tick (double  value,
             char   *out,
             gsize   size)
{
  if (fabs (value) >= 10000)
    g_snprintf (out, size, "%.0fk", value / 1000.0);
  else
    g_snprintf (out, size, "%g", value);
}

/**
 * nc_plot_axes_range:
 * @cr: where to draw
 * @area: the whole panel
 * @x_lo: the x axis runs @x_lo … @x_hi
 * @x_hi: see @x_lo
 * @y_lo: the y axis runs @y_lo … @y_hi
 * @y_hi: see @y_lo
 * @x_label: (nullable): under the x axis
 * @y_label: (nullable): beside the y axis
 * @font: base font size
 * @out_plot: (out): the inner rectangle where data goes
 *
 * Draws a frame, ticks every nice step and their labels.
 */
void
nc_plot_axes_range (cairo_t    *cr,
                    NcRect      area,
                    double      x_lo,
                    double      x_hi,
                    double      y_lo,
                    double      y_hi,
                    const char *x_label,
                    const char *y_label,
                    double      font,
                    NcRect     *out_plot)
{
  double tick_width = 0, lo_width = 0, step;
  gboolean bytes = x_lo == 0 && x_hi == 255;
  char text[32];
  NcRect plot;

  format_tick (y_hi, text, sizeof text);
  nc_plot_text_width (cr, text, font, FALSE, &tick_width, NULL);
  format_tick (y_lo, text, sizeof text);
  nc_plot_text_width (cr, text, font, FALSE, &lo_width, NULL);
  tick_width = MAX (tick_width, lo_width);
  plot.x = area.x + tick_width + font * (y_label != NULL ? 2.2 : 0.8);
  plot.y = area.y + font * 0.6;
  plot.width = MAX (1.0, area.x + area.width - plot.x - font * 0.8);
  plot.height = MAX (1.0, area.y + area.height - plot.y - font * (x_label != NULL ? 3.0 : 1.8));
  *out_plot = plot;

  cairo_save (cr);
  nc_plot_set_ink (cr, 0.2, 0.2, 0.2, 1.0);
  cairo_set_line_width (cr, MAX (0.5, font / 12));

  step = bytes ? 64 : nc_plot_nice_step (x_hi - x_lo, 5);
  for (double v = ceil (x_lo / step - 1e-9) * step; v <= x_hi + 1e-9 * step; v += step)
    {
      double px = plot.x + plot.width * ((v - x_lo) / (x_hi - x_lo));

      cairo_move_to (cr, px, plot.y + plot.height);
      cairo_line_to (cr, px, plot.y + plot.height + font * 0.3);
      format_tick (fabs (v) < step * 1e-9 ? 0.0 : v, text, sizeof text);
      nc_plot_text (cr, text, px, plot.y + plot.height + font * 0.4, font * 0.85, FALSE, 0.5, 0);
    }
  if (bytes)
    {
      double px = plot.x + plot.width;

      cairo_move_to (cr, px, plot.y + plot.height);
      cairo_line_to (cr, px, plot.y + plot.height + font * 0.3);
      nc_plot_text (cr, "255", px, plot.y + plot.height + font * 0.4, font * 0.85, FALSE, 0.5, 0);
    }

  step = nc_plot_nice_step (y_hi - y_lo, 4);
  for (double v = ceil (y_lo / step - 1e-9) * step; v <= y_hi + 1e-9 * step; v += step)
    {
      double py = plot.y + plot.height * (1 - (v - y_lo) / (y_hi - y_lo));

      cairo_move_to (cr, plot.x, py);
      cairo_line_to (cr, plot.x - font * 0.3, py);
      format_tick (fabs (v) < step * 1e-9 ? 0.0 : v, text, sizeof text);
      nc_plot_text (cr, text, plot.x - font * 0.4, py, font * 0.85, FALSE, 1, 0.5);
    }
  cairo_stroke (cr);

  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_stroke (cr);

  if (x_label != NULL)
    nc_plot_text (cr, x_label, plot.x + plot.width / 2, plot.y + plot.height + font * 1.6,
                  font, FALSE, 0.5, 0);
  if (y_label != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, area.x, plot.y + plot.height / 2);
      cairo_rotate (cr, -G_PI / 2);
      nc_plot_text (cr, y_label, 0, 0, font, FALSE, 0.5, 0);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

/* Axes from 0 … @x_max and 0 … @y_max. */
void
nc_plot_axes (cairo_t    *cr,
              NcRect      area,
              double      x_max,
              double      y_max,
              const char *x_label,
              const char *y_label,
              double      font,
              NcRect     *out_plot)
{
  nc_plot_axes_range (cr, area, 0, x_max, 0, y_max, x_label, y_label, font, out_plot);
}

/* @size, or smaller so that @text fits in @width: a long title on a
 * narrow panel shrinks instead of running past its edges. */
static double
fitting_size (cairo_t    *cr,
              const char *text,
              double      size,
              gboolean    bold,
              double      width)
{
  double text_width = 0;

  nc_plot_text_width (cr, text, size, bold, &text_width, NULL);
  return text_width > width && text_width > 0 ? size * width / text_width : size;
}

/* Title above, caption below: returns what is left for the panel. */
NcRect
nc_plot_frame (cairo_t    *cr,
               NcRect      area,
               const char *title,
               const char *caption,
               double      font)
{
  NcRect inner = area;

  cairo_save (cr);
  nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
  if (title != NULL)
    {
      nc_plot_text (cr, title, area.x + area.width / 2, area.y,
                    fitting_size (cr, title, font * 1.15, TRUE, area.width), TRUE, 0.5, 0);
      inner.y += font * 1.7;
      inner.height -= font * 1.7;
    }
  if (caption != NULL)
    {
      nc_plot_text (cr, caption, area.x + area.width / 2, area.y + area.height,
                    fitting_size (cr, caption, font * 0.95, FALSE, area.width), FALSE, 0.5, 1);
      inner.height -= font * 1.6;
    }
  cairo_restore (cr);
  inner.height = MAX (inner.height, 1.0);
  return inner;
}

/* The base font size for a panel: readable, proportional to its size. */
double
nc_plot_font_size (NcRect area)
{
  return CLAMP (MIN (area.width, area.height) / 22.0, 7.0, 16.0);
}
