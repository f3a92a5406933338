/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PNG decoding and encoding with libpng.
 *
 * libpng reports errors by longjmp. Everything that changes between the
 * setjmp and a possible longjmp lives in a struct owned by the caller's
 * frame, so it keeps its value when the jump lands. */
#include "nc-image-io-private.h"
#include "nc-i18n.h"

#include <math.h>
#include <png.h>
#include <string.h>

#include "nc-error.h"

typedef struct {
  const guint8 *data;
  gsize         length;
  gsize         position;
  gboolean      truncated;
  char          message[256];
} PngSource;

typedef struct {
  png_structp   png;
  png_infop     png_info;
  PngSource     source;
  NcLoadInfo   *info;
  NcImage      *image;
  png_bytep    *rows;
  GError       *error;
} PngDecode;

gboolean
nc_png_is_png (const guint8 *data,
               gsize         length)
{
  return length >= 8 && png_sig_cmp (data, 0, 8) == 0;
}

static void
png_source_read (png_structp png,
                 png_bytep   out,
                 size_t      count)
{
  PngSource *source = png_get_io_ptr (png);

  if (count > source->length - source->position)
    {
      source->truncated = TRUE;
      png_error (png, "unexpected end of data");
    }
  memcpy (out, source->data + source->position, count);
  source->position += count;
}

static void
png_on_error (png_structp     png,
              png_const_charp message)
{
  PngSource *source = png_get_error_ptr (png);

  g_strlcpy (source->message, message, sizeof source->message);
  png_longjmp (png, 1);
}

static void
png_on_warning (png_structp     png,
                png_const_charp message)
{
  /* Warnings (an odd colour profile, an unknown ancillary chunk) do not
   * change the samples. */
  (void) png;
  (void) message;
}

static const char *
png_color_name (int color_type)
{
  switch (color_type)
    {
    case PNG_COLOR_TYPE_GRAY: return "gray";
    case PNG_COLOR_TYPE_GRAY_ALPHA: return "gray+alpha";
    case PNG_COLOR_TYPE_RGB: return "RGB";
    case PNG_COLOR_TYPE_RGB_ALPHA: return "RGBA";
    case PNG_COLOR_TYPE_PALETTE: return "palette";
    default: return "unknown";
    }
}

/* Reads the header, asks for transforms to 8-bit gray or RGB and checks the
 * size against the cap. No pixel memory is allocated before this passes. */
static gboolean
png_decode_header (PngDecode *d,
                   guint     *out_channels)
{
  png_uint_32 width, height;
  int bit_depth, color_type, interlace;
  guint channels;

  png_read_info (d->png, d->png_info);
  png_get_IHDR (d->png, d->png_info, &width, &height, &bit_depth, &color_type,
                &interlace, NULL, NULL);

  d->info->format = g_strdup ("PNG");
  d->info->source_color = g_strdup (png_color_name (color_type));
  d->info->source_bit_depth = (guint) bit_depth;
  d->info->interlaced = interlace != PNG_INTERLACE_NONE;

  channels = (color_type & PNG_COLOR_MASK_COLOR) ? 3 : 1;
  if (!nc_image_check_size (width, height, channels, NULL, &d->error))
    return FALSE;

  if (color_type == PNG_COLOR_TYPE_PALETTE)
    {
      png_set_palette_to_rgb (d->png);
      d->info->conversions |= NC_CONVERSION_PALETTE_EXPANDED;
    }
  else if (bit_depth < 8)
    {
      png_set_expand_gray_1_2_4_to_8 (d->png);
      d->info->conversions |= NC_CONVERSION_DEPTH_EXPANDED;
    }
  if (bit_depth == 16)
    {
      png_set_scale_16 (d->png);
      d->info->conversions |= NC_CONVERSION_DEPTH_REDUCED;
    }
  if (color_type & PNG_COLOR_MASK_ALPHA)
    {
      png_set_strip_alpha (d->png);
      d->info->conversions |= NC_CONVERSION_ALPHA_DROPPED;
    }
  if (png_get_valid (d->png, d->png_info, PNG_INFO_tRNS))
    {
      /* Palette expansion turns tRNS into an alpha channel; drop it too. */
      png_set_strip_alpha (d->png);
      d->info->conversions |= NC_CONVERSION_TRANSPARENCY_IGNORED;
    }
  if (interlace != PNG_INTERLACE_NONE)
    png_set_interlace_handling (d->png);

  png_read_update_info (d->png, d->png_info);
  if (png_get_channels (d->png, d->png_info) != channels ||
      png_get_bit_depth (d->png, d->png_info) != 8 ||
      png_get_rowbytes (d->png, d->png_info) != (gsize) width * channels)
    {
      g_set_error (&d->error, NC_ERROR, NC_ERROR_UNSUPPORTED,
                   _("PNG layout (%s, %d-bit) could not be converted to 8-bit samples"),
                   d->info->source_color, bit_depth);
      return FALSE;
    }

  *out_channels = channels;
  return TRUE;
}

static void
png_decode_text (PngDecode *d)
{
  png_textp text = NULL;
  int n_text = png_get_text (d->png, d->png_info, &text, NULL);

  for (int i = 0; i < n_text; i++)
    {
      const char *value = text[i].text != NULL ? text[i].text : "";
      char *utf8;

      /* tEXt is Latin-1, iTXt UTF-8; keep what can be shown. */
      if (text[i].compression == PNG_ITXT_COMPRESSION_NONE ||
          text[i].compression == PNG_ITXT_COMPRESSION_zTXt)
        utf8 = g_utf8_make_valid (value, -1);
      else
        utf8 = g_convert (value, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
      if (utf8 != NULL)
        g_hash_table_replace (d->info->text,
                              g_convert (text[i].key, -1, "UTF-8", "ISO-8859-1",
                                         NULL, NULL, NULL),
                              utf8);
    }
}

/* The part that may longjmp. Returns FALSE with d->error set, or with
 * d->source.message set when libpng raised the error. */
/* The most an ancillary chunk may take, decompressed. */
#define NC_PNG_CHUNK_MAX (4 * 1024 * 1024)

static gboolean
png_decode_body (PngDecode *d)
{
  guint channels = 0;

  if (setjmp (png_jmpbuf (d->png)))
    return FALSE;

  png_set_read_fn (d->png, &d->source, png_source_read);
  /* Our own cap replaces libpng's default 1,000,000-pixel side limit. */
  png_set_user_limits (d->png, 0x7fffffff, 0x7fffffff);
  /* An ancillary chunk (text, a colour profile) is read into a buffer
   * of the size it claims, decompressed ones to what they inflate to: a
   * 200-byte file whose text chunk claimed 1.9 GB took that much memory
   * (found by tests/fuzz/fuzz-image). Ours are a few hundred bytes. */
  png_set_chunk_malloc_max (d->png, NC_PNG_CHUNK_MAX);
  png_set_chunk_cache_max (d->png, 1000);

  if (!png_decode_header (d, &channels))
    return FALSE;

  d->image = nc_image_new (png_get_image_width (d->png, d->png_info),
                           png_get_image_height (d->png, d->png_info),
                           channels, &d->error);
  if (d->image == NULL)
    return FALSE;

  d->rows = g_new (png_bytep, d->image->height);
  for (guint y = 0; y < d->image->height; y++)
    d->rows[y] = d->image->data + (gsize) y * d->image->width * channels;

  png_read_image (d->png, d->rows);
  png_read_end (d->png, d->png_info);
  png_decode_text (d);
  return TRUE;
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* IHDR is always the first chunk: its size is checked against the cap
 * straight from the bytes, before libpng reads on (a decompression bomb
 * may have nothing after its header). */
static gboolean
png_precheck_size (const guint8  *data,
                   gsize          length,
                   GError       **error)
{
  if (length < 8 + 8 + 13 || memcmp (data + 12, "IHDR", 4) != 0)
    return TRUE;
  return nc_image_check_size (read_be32 (data + 16), read_be32 (data + 20),
                              (data[25] & PNG_COLOR_MASK_COLOR) ? 3 : 1, NULL, error);
}

/* libpng reads a chunk into a buffer of the size the chunk claims, before
 * it finds the file shorter: a 612-byte file whose text chunk claimed
 * 1.9 GB took that much memory (found by tests/fuzz/fuzz-image). The
 * chunks are walked here first, in the bytes already in memory: one that
 * runs past the end is a truncated file, and an ancillary one over
 * NC_PNG_CHUNK_MAX is refused. */
static gboolean
png_precheck_chunks (const guint8  *data,
                     gsize          length,
                     GError       **error)
{
  gsize at = 8;

  while (at + 8 <= length)
    {
      guint32 size = read_be32 (data + at);
      gboolean image_data = memcmp (data + at + 4, "IDAT", 4) == 0;
      gboolean critical = (data[at + 4] & 0x20) == 0;

      if ((guint64) size + 12 > length - at)
        {
          g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT,
                       _("PNG data ends early: the file is truncated (a %.4s chunk claims %u bytes, "
                         "%llu are left)"), (const char *) data + at + 4, size,
                       (unsigned long long) (length - at - 8));
          return FALSE;
        }
      if (!image_data && !critical && size > NC_PNG_CHUNK_MAX)
        {
          g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE,
                       _("a %.4s chunk of %u bytes is over the %d this reader takes"),
                       (const char *) data + at + 4, size, NC_PNG_CHUNK_MAX);
          return FALSE;
        }
      if (memcmp (data + at + 4, "IEND", 4) == 0)
        break;
      at += (gsize) size + 12;
    }
  return TRUE;
}

NcImage *
nc_png_decode (const guint8 *data,
               gsize         length,
               const char   *name,
               NcLoadInfo   *info,
               GError      **error)
{
  PngDecode d = { 0 };
  gboolean ok;

  (void) name;
  if (!png_precheck_size (data, length, error) || !png_precheck_chunks (data, length, error))
    return NULL;
  d.source.data = data;
  d.source.length = length;
  d.info = info;

  d.png = png_create_read_struct (PNG_LIBPNG_VER_STRING, &d.source,
                                  png_on_error, png_on_warning);
  if (d.png != NULL)
    d.png_info = png_create_info_struct (d.png);
  if (d.png == NULL || d.png_info == NULL)
    {
      png_destroy_read_struct (&d.png, &d.png_info, NULL);
      g_set_error (error, NC_ERROR, NC_ERROR_FAILED, _("the PNG decoder could not start"));
      return NULL;
    }

  ok = png_decode_body (&d);
  png_destroy_read_struct (&d.png, &d.png_info, NULL);
  g_free (d.rows);

  if (ok)
    return d.image;

  g_clear_pointer (&d.image, nc_image_unref);
  if (d.error != NULL)
    g_propagate_error (error, d.error);
  else if (d.source.truncated)
    g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT,
                 _("PNG data ends early: the file is truncated"));
  else
    g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT,
                 _("damaged PNG data (%s)"), d.source.message);
  return NULL;
}

typedef struct {
  png_structp  png;
  png_infop    png_info;
  PngSource    sink_errors;
  GByteArray  *out;
  png_bytep   *rows;
  png_textp    text;
  int          n_text;
  double       dpi;          /* written as pHYs when positive */
} PngEncode;

static void
png_encode_fill_text (PngEncode          *e,
                      const char * const *text)
{
  for (gsize i = 0; text != NULL && text[i] != NULL && text[i + 1] != NULL; i += 2)
    {
      png_textp entry = &e->text[e->n_text++];

      entry->key = (png_charp) text[i];
      entry->text = (png_charp) text[i + 1];
      /* Plain ASCII goes in tEXt, which every reader shows; the rest in
       * iTXt, which is UTF-8. */
      entry->compression = g_str_is_ascii (text[i + 1]) ? PNG_TEXT_COMPRESSION_NONE
                                                        : PNG_ITXT_COMPRESSION_NONE;
    }
}

static void
png_sink_write (png_structp png,
                png_bytep   data,
                size_t      length)
{
  PngEncode *e = png_get_io_ptr (png);

  g_byte_array_append (e->out, data, (guint) length);
}

static void
png_sink_flush (png_structp png)
{
  (void) png;
}

static gboolean
png_encode_body (PngEncode          *e,
                 const NcImage      *image,
                 NcSaveFlags         flags)
{
  if (setjmp (png_jmpbuf (e->png)))
    return FALSE;

  png_set_write_fn (e->png, e, png_sink_write, png_sink_flush);
  png_set_IHDR (e->png, e->png_info, image->width, image->height, 8,
                image->channels == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                PNG_FILTER_TYPE_DEFAULT);

  if (flags & NC_SAVE_FAST)
    {
      png_set_compression_level (e->png, 1);
      png_set_filter (e->png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    }
  else
    png_set_compression_level (e->png, 6);

  if (e->n_text > 0)
    png_set_text (e->png, e->png_info, e->text, e->n_text);
  /* A document places the image at its resolution (pixels per metre). */
  if (e->dpi > 0)
    {
      png_uint_32 per_metre = (png_uint_32) floor (e->dpi / 0.0254 + 0.5);

      png_set_pHYs (e->png, e->png_info, per_metre, per_metre, PNG_RESOLUTION_METER);
    }

  for (guint y = 0; y < image->height; y++)
    e->rows[y] = image->data + (gsize) y * image->width * image->channels;
  png_set_rows (e->png, e->png_info, e->rows);
  png_write_png (e->png, e->png_info, PNG_TRANSFORM_IDENTITY, NULL);
  return TRUE;
}

/**
 * nc_image_encode_png:
 * @image: the image
 * @text: (nullable) (array zero-terminated=1): keyword, value, …, %NULL
 * @flags: how hard to compress
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the PNG file's bytes
 */
GBytes *
nc_image_encode_png (const NcImage      *image,
                     const char * const *text,
                     NcSaveFlags         flags,
                     GError            **error)
{
  return nc_image_encode_png_dpi (image, text, flags, 0.0, error);
}

/**
 * nc_image_encode_png_dpi:
 * @dpi: the resolution recorded (pHYs), or 0 for none
 *
 * nc_image_encode_png() for a figure, which documents should place at
 * the size it was made for.
 */
GBytes *
nc_image_encode_png_dpi (const NcImage      *image,
                         const char * const *text,
                         NcSaveFlags         flags,
                         double              dpi,
                         GError            **error)
{
  PngEncode e = { .dpi = dpi };
  gsize n_pairs = 0;
  gboolean ok;

  g_return_val_if_fail (image != NULL, NULL);

  for (gsize i = 0; text != NULL && text[i] != NULL; i++)
    {
      gsize key_length = strlen (text[i]);

      if (i % 2 == 0 && (key_length < 1 || key_length > 79))
        {
          g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                       _("PNG text keyword “%s” must have 1 to 79 characters"), text[i]);
          return NULL;
        }
      n_pairs += i % 2;
    }

  if (nc_image_get_n_bytes (image) > G_MAXUINT / 2)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE,
                   _("a %u × %u image is too large to encode as one PNG"),
                   image->width, image->height);
      return NULL;
    }

  e.png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &e.sink_errors,
                                   png_on_error, png_on_warning);
  if (e.png != NULL)
    e.png_info = png_create_info_struct (e.png);
  if (e.png == NULL || e.png_info == NULL)
    {
      png_destroy_write_struct (&e.png, &e.png_info);
      g_set_error (error, NC_ERROR, NC_ERROR_FAILED, _("the PNG encoder could not start"));
      return NULL;
    }

  e.out = g_byte_array_sized_new (256 + (guint) (nc_image_get_n_bytes (image) / 2));
  e.rows = g_new (png_bytep, image->height);
  e.text = g_new0 (png_text, n_pairs + 1);

  png_encode_fill_text (&e, text);
  ok = png_encode_body (&e, image, flags);
  png_destroy_write_struct (&e.png, &e.png_info);
  g_free (e.rows);
  g_free (e.text);

  if (!ok)
    {
      g_byte_array_unref (e.out);
      g_set_error (error, NC_ERROR, NC_ERROR_FAILED,
                   _("PNG encoding failed (%s)"), e.sink_errors.message);
      return NULL;
    }
  return g_byte_array_free_to_bytes (e.out);
}
