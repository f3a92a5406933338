/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every non-PNG format, through gdk-pixbuf's loaders. */
#include "nc-image-io-private.h"
#include "nc-i18n.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "nc-error.h"

typedef struct {
  gboolean  too_large;
  GError   *size_error;
} SizeCheck;

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  SizeCheck *check = user_data;

  if (!nc_image_check_size ((guint64) MAX (width, 0), (guint64) MAX (height, 0),
                            3, NULL, &check->size_error))
    {
      check->too_large = TRUE;
      /* Zero asks the decoder to stop before it allocates the pixels. */
      gdk_pixbuf_loader_set_size (loader, 0, 0);
    }
}

static gboolean
pixbuf_has_translucency (GdkPixbuf *pixbuf)
{
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (pixels[(gsize) y * stride + (gsize) x * 4 + 3] != 255)
        return TRUE;
  return FALSE;
}

static gboolean
pixbuf_is_gray (GdkPixbuf *pixbuf)
{
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);

  for (int y = 0; y < height; y++)
    {
      const guint8 *row = pixels + (gsize) y * stride;

      for (int x = 0; x < width; x++, row += n_channels)
        if (row[0] != row[1] || row[0] != row[2])
          return FALSE;
    }
  return TRUE;
}

static NcImage *
image_from_pixbuf (GdkPixbuf   *pixbuf,
                   NcLoadInfo  *info,
                   GError     **error)
{
  int n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels;
  guint channels;
  NcImage *image;

  if (gdk_pixbuf_get_bits_per_sample (pixbuf) != 8 ||
      gdk_pixbuf_get_colorspace (pixbuf) != GDK_COLORSPACE_RGB ||
      (n_channels != 3 && n_channels != 4))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_UNSUPPORTED,
                   _("the decoder gave a pixel layout that is not 8-bit RGB"));
      return NULL;
    }

  if (gdk_pixbuf_get_has_alpha (pixbuf) && pixbuf_has_translucency (pixbuf))
    info->conversions |= NC_CONVERSION_ALPHA_DROPPED;

  channels = 3;
  if (pixbuf_is_gray (pixbuf))
    {
      channels = 1;
      info->conversions |= NC_CONVERSION_GRAY_FROM_RGB;
    }

  image = nc_image_new ((guint) gdk_pixbuf_get_width (pixbuf),
                        (guint) gdk_pixbuf_get_height (pixbuf), channels, error);
  if (image == NULL)
    return NULL;

  pixels = gdk_pixbuf_read_pixels (pixbuf);
  for (guint y = 0; y < image->height; y++)
    {
      const guint8 *in = pixels + (gsize) y * stride;
      guint8 *out = image->data + (gsize) y * image->width * channels;

      for (guint x = 0; x < image->width; x++, in += n_channels)
        for (guint c = 0; c < channels; c++)
          *out++ = in[c];
    }
  return image;
}

/* gdk-pixbuf's BMP loader reallocates its header buffer to whatever
 * size the file's info header claims, before it says how large the
 * image is, to the offset of the pixels, and to four bytes for every
 * colour the info header says the palette holds: 186-byte files made it
 * ask for 2.5 GB, 3.7 GB and 4 GB (found by tests/fuzz/fuzz-image). The
 * info header has one of a few known sizes, the pixels start inside the
 * file, a palette has at most 256 colours and fits before the pixels;
 * anything else is refused before the loader sees it. */
static gboolean
check_bmp_header (const guint8  *data,
                  gsize          length,
                  GError       **error)
{
  static const guint32 known[] = { 12, 16, 40, 52, 56, 64, 108, 124 };
  guint32 size, offset;

  if (length < 18 || data[0] != 'B' || data[1] != 'M')
    return TRUE;
  offset = (guint32) data[10] | (guint32) data[11] << 8 | (guint32) data[12] << 16 |
           (guint32) data[13] << 24;
  size = (guint32) data[14] | (guint32) data[15] << 8 | (guint32) data[16] << 16 |
         (guint32) data[17] << 24;
  /* The loader also buffers everything up to the pixels' offset. */
  if (offset > length)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT,
                   _("damaged or truncated BMP data: its pixels would start at byte %u of %llu"), offset,
                   (unsigned long long) length);
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (size == known[i])
      {
        guint32 colours;

        /* Headers of 40 bytes and more count the palette's colours at
         * byte 32 of the info header. */
        if (size < 40 || length < 14 + 36)
          return TRUE;
        colours = (guint32) data[46] | (guint32) data[47] << 8 | (guint32) data[48] << 16 |
                  (guint32) data[49] << 24;
        if (colours <= 256 && 14 + (guint64) size + 4 * (guint64) colours <= offset)
          return TRUE;
        g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT,
                     _("damaged BMP data: its palette claims %u colours (at most 256, before the pixels)"),
                     colours);
        return FALSE;
      }
  g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT,
               _("not a BMP file that can be read: its info header claims %u bytes"), size);
  return FALSE;
}

NcImage *
nc_pixbuf_decode (const guint8 *data,
                  gsize         length,
                  const char   *name,
                  NcLoadInfo   *info,
                  GError      **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *format_name = NULL;
  SizeCheck check = { 0 };
  GdkPixbufAnimation *animation;
  GdkPixbufFormat *format;
  GdkPixbuf *pixbuf;
  gboolean ok;

  (void) name;
  if (!check_bmp_header (data, length, error))
    return NULL;
  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &check);

  ok = gdk_pixbuf_loader_write (loader, data, length, &local_error);
  if (ok && !check.too_large)
    ok = gdk_pixbuf_loader_close (loader, &local_error);
  else
    gdk_pixbuf_loader_close (loader, NULL);

  if (check.too_large)
    {
      g_propagate_error (error, check.size_error);
      return NULL;
    }
  g_clear_error (&check.size_error);

  format = gdk_pixbuf_loader_get_format (loader);
  if (format == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_UNSUPPORTED,
                   _("not an image in a format Neurocipher can read "
                   "(PNG, JPEG, BMP, TIFF, WebP, GIF, …)"));
      return NULL;
    }

  format_name = gdk_pixbuf_format_get_name (format);
  info->format = g_ascii_strup (format_name, -1);
  info->source_color = g_strdup ("RGB");

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (!ok || pixbuf == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT,
                   _("damaged or truncated %s data (%s)"), info->format,
                   local_error != NULL ? local_error->message : "no image decoded");
      return NULL;
    }

  if (gdk_pixbuf_get_has_alpha (pixbuf))
    {
      g_free (info->source_color);
      info->source_color = g_strdup ("RGBA");
    }
  info->source_bit_depth = (guint) gdk_pixbuf_get_bits_per_sample (pixbuf);

  animation = gdk_pixbuf_loader_get_animation (loader);
  if (animation != NULL && !gdk_pixbuf_animation_is_static_image (animation))
    info->conversions |= NC_CONVERSION_FIRST_FRAME;

  return image_from_pixbuf (pixbuf, info, error);
}
