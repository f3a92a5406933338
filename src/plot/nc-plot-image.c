/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An image pane: the image scaled to fit a rectangle, centred, with
 * nearest-neighbour sampling so single pixels stay visible when zoomed. */
#include "nc-plot-image.h"

#include <math.h>

#include "nc-plot.h"

/* @image as a CAIRO_FORMAT_RGB24 surface of @width × @height, sampled
 * nearest neighbour as the drawing would sample it (a copy when the
 * sizes are the image's). */
static cairo_surface_t *
surface_sampled (const NcImage *image,
                 guint          width,
                 guint          height)
{
  g_autofree guint *columns = NULL;   /* the source column of each; NULL: the same */
  cairo_surface_t *surface;
  guint8 *pixels;
  int stride;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) MIN (width, G_MAXINT),
                                        (int) MIN (height, G_MAXINT));
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;

  if (width != image->width)
    {
      columns = g_new (guint, width);
      for (guint x = 0; x < width; x++)
        columns[x] = nc_plot_sample_index (x, width, image->width);
    }
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint y = 0; y < height; y++)
    {
      guint source = nc_plot_sample_index (y, height, image->height);
      const guint8 *in = image->data + (gsize) source * image->width * image->channels;
      guint32 *out = (guint32 *) (gpointer) (pixels + (gsize) y * (gsize) stride);

      for (guint x = 0; x < width; x++)
        {
          const guint8 *p = in + (gsize) (columns != NULL ? columns[x] : x) * image->channels;

          out[x] = image->channels == 1
                   ? 0xff000000u | (guint32) p[0] << 16 | (guint32) p[0] << 8 | p[0]
                   : 0xff000000u | (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/**
 * nc_plot_image_surface:
 * @image: gray or RGB image
 *
 * Returns: (transfer full): a CAIRO_FORMAT_RGB24 copy of @image, to draw
 *   many times without converting again; check its status
 */
cairo_surface_t *
nc_plot_image_surface (const NcImage *image)
{
  return surface_sampled (image, image->width, image->height);
}

/**
 * nc_plot_image_fit:
 * @cr: where to draw
 * @surface: an image surface
 * @x: left of the rectangle
 * @y: top
 * @width: width
 * @height: height
 *
 * Draws @surface as large as fits in the rectangle, keeping its aspect
 * ratio, centred.
 */
void
nc_plot_image_fit (cairo_t         *cr,
                   cairo_surface_t *surface,
                   double           x,
                   double           y,
                   double           width,
                   double           height)
{
  int image_width = cairo_image_surface_get_width (surface);
  int image_height = cairo_image_surface_get_height (surface);
  double scale;

  if (image_width <= 0 || image_height <= 0 || width <= 0 || height <= 0)
    return;

  scale = MIN (width / image_width, height / image_height);
  cairo_save (cr);
  cairo_translate (cr, x + (width - image_width * scale) / 2,
                   y + (height - image_height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_rectangle (cr, 0, 0, image_width, image_height);
  cairo_fill (cr);
  cairo_restore (cr);
}

/**
 * nc_plot_image_drawn_size:
 * @image_width: an image's size
 * @width: the rectangle it is fitted into, in user units
 * @out_width: (out): how many of its columns to draw
 * @out_height: (out): rows
 *
 * On a screen, an image over twice the pixels it covers is sampled down
 * first (nearest neighbour, as the drawing samples): converting and
 * recording millions of pixels nobody sees stalled the window for a
 * tenth of a second at 2048². Exports keep every pixel.
 */
void
nc_plot_image_drawn_size (cairo_t *cr,
                          guint    image_width,
                          guint    image_height,
                          double   width,
                          double   height,
                          guint   *out_width,
                          guint   *out_height)
{
  int scale = nc_plot_get_screen_scale ();

  *out_width = image_width;
  *out_height = image_height;
  if (scale > 0 && image_width > 0 && image_height > 0 && width > 0 && height > 0)
    {
      double ux = 1.0, uy = 0.0, fit = MIN (width / image_width, height / image_height);
      double covered;

      cairo_user_to_device_distance (cr, &ux, &uy);
      covered = fit * hypot (ux, uy) * scale;
      if (covered < 0.5)
        {
          *out_width = MAX (1, (guint) ceil (image_width * covered));
          *out_height = MAX (1, (guint) ceil (image_height * covered));
        }
    }
}

/* The source column or row of drawn one @i of @n, of @size in all: the
 * nearest, as surface_sampled() takes it. */
guint
nc_plot_sample_index (guint i,
                      guint n,
                      guint size)
{
  return n == size ? i : MIN ((guint) (((double) i + 0.5) * size / n), size - 1);
}

void
nc_plot_image (cairo_t       *cr,
               const NcImage *image,
               double         x,
               double         y,
               double         width,
               double         height)
{
  guint width_px, height_px;
  cairo_surface_t *surface;

  nc_plot_image_drawn_size (cr, image->width, image->height, width, height, &width_px, &height_px);
  surface = surface_sampled (image, width_px, height_px);

  if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
    nc_plot_image_fit (cr, surface, x, y, width, height);
  cairo_surface_destroy (surface);
}
