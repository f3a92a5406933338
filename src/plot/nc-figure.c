/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing a figure as PNG (at a chosen DPI), SVG or PDF, with the
 * parameters that made it in the file's metadata, atomically. */
#include "nc-plot.h"
#include "nc-i18n.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "nc-file.h"
#include "nc-image-io.h"

/* Figures larger than this many pixels on a side are refused. */
#define MAX_FIGURE_SIDE 20000

gboolean
nc_figure_format_from_path (const char      *path,
                            NcFigureFormat  *out,
                            GError         **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *out = NC_FIGURE_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *out = NC_FIGURE_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *out = NC_FIGURE_PDF;
  else
    {
      nc_set_file_error (error, NC_ERROR_UNSUPPORTED, path,
                         _("figures are written as .png, .svg or .pdf"));
      return FALSE;
    }
  return TRUE;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static char *
metadata_text (const char * const *metadata)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; metadata != NULL && metadata[i] != NULL && metadata[i + 1] != NULL; i += 2)
    g_string_append_printf (out, "%s%s=%s", out->len > 0 ? "; " : "", metadata[i], metadata[i + 1]);
  return g_string_free (out, FALSE);
}

/* The cairo ARGB surface, on white, as an RGB image for our PNG encoder,
 * which writes the metadata as text chunks. */
static GBytes *
encode_png (cairo_surface_t     *surface,
            const char * const  *metadata,
            double               dpi,
            GError             **error)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *pixels;
  g_autoptr(NcImage) image = nc_image_new ((guint) width, (guint) height, 3, error);

  if (image == NULL)
    return NULL;
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (pixels + (gsize) y * stride);
      guint8 *out = image->data + (gsize) y * width * 3;

      for (int x = 0; x < width; x++)
        {
          out[3 * x] = (guint8) (row[x] >> 16);
          out[3 * x + 1] = (guint8) (row[x] >> 8);
          out[3 * x + 2] = (guint8) row[x];
        }
    }
  return nc_image_encode_png_dpi (image, metadata, NC_SAVE_DEFAULT, dpi, error);
}

/* Puts the metadata into the SVG as a <desc>, after the opening tag. */
static void
add_svg_metadata (GByteArray         *svg,
                  const char * const *metadata)
{
  g_autofree char *text = metadata_text (metadata);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *desc = g_strdup_printf ("\n<desc>%s</desc>", escaped);
  const char *start = g_strstr_len ((const char *) svg->data, svg->len, "<svg");
  const char *end = start != NULL ? memchr (start, '>', svg->len - (gsize) (start - (const char *) svg->data)) : NULL;
  guint at;

  if (end == NULL || *text == '\0')
    return;
  at = (guint) (end + 1 - (const char *) svg->data);
  g_byte_array_set_size (svg, svg->len + (guint) strlen (desc));
  memmove (svg->data + at + strlen (desc), svg->data + at, svg->len - at - strlen (desc));
  memcpy (svg->data + at, desc, strlen (desc));
}

/**
 * nc_figure_render:
 * @format: the file format
 * @width_pt: the figure's width in points (1/72 inch)
 * @height_pt: its height
 * @dpi: pixels per inch, for PNG
 * @metadata: (nullable) (array zero-terminated=1): keyword, value, …, %NULL
 * @draw: draws the figure in a @width_pt × @height_pt space
 * @user_data: for @draw
 * @error: return location for an error
 *
 * Returns: (transfer full): the file's bytes, or %NULL
 */
GBytes *
nc_figure_render (NcFigureFormat       format,
                  double               width_pt,
                  double               height_pt,
                  double               dpi,
                  const char * const  *metadata,
                  NcFigureDrawFunc     draw,
                  gpointer             user_data,
                  GError             **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  GBytes *png = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double scale = format == NC_FIGURE_PNG ? dpi / 72.0 : 1.0;
  cairo_status_t status;

  if (!(width_pt >= 1 && height_pt >= 1 && dpi >= 10 && dpi <= 2400) ||
      width_pt * scale > MAX_FIGURE_SIDE || height_pt * scale > MAX_FIGURE_SIDE)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("a figure of %g × %g points at %g dpi is out of range"), width_pt, height_pt, dpi);
      return NULL;
    }

  switch (format)
    {
    case NC_FIGURE_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width_pt, height_pt);
      break;
    case NC_FIGURE_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width_pt, height_pt);
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        {
          g_autofree char *text = metadata_text (metadata);

          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Neurocipher");
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, text);
        }
      break;
    case NC_FIGURE_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width_pt * scale),
                                            (int) ceil (height_pt * scale));
      break;
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  nc_plot_paint_ground (cr);
  draw (cr, width_pt, height_pt, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (format == NC_FIGURE_PNG && status == CAIRO_STATUS_SUCCESS)
    png = encode_png (surface, metadata, dpi, error);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (png != NULL)
        g_bytes_unref (png);
      g_set_error (error, NC_ERROR, NC_ERROR_FAILED, _("drawing failed (%s)"), cairo_status_to_string (status));
      return NULL;
    }
  if (format == NC_FIGURE_PNG)
    return png;
  if (format == NC_FIGURE_SVG)
    add_svg_metadata (bytes, metadata);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * nc_figure_write:
 * @path: where to write, replaced whole or not at all
 *
 * nc_figure_render() into a file.
 */
gboolean
nc_figure_write (const char          *path,
                 NcFigureFormat       format,
                 double               width_pt,
                 double               height_pt,
                 double               dpi,
                 const char * const  *metadata,
                 NcFigureDrawFunc     draw,
                 gpointer             user_data,
                 GError             **error)
{
  g_autoptr(GBytes) bytes = nc_figure_render (format, width_pt, height_pt, dpi, metadata, draw, user_data,
                                              error);
  gsize length;
  const void *data;

  if (bytes == NULL)
    {
      nc_prefix_file_error (error, path);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &length);
  return nc_file_write_atomic (path, data, length, error);
}
