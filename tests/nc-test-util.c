/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "nc-test-util.h"

#include <gio/gio.h>

#include <glib/gstdio.h>
#include <png.h>
#include <string.h>
#include <zlib.h>

char *
nc_test_sample_path (const char *name)
{
  return g_build_filename (SOURCE_SAMPLES_DIR, name, NULL);
}

char *
nc_test_tmpdir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("neurocipher-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
nc_test_tmpdir_remove (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        nc_test_tmpdir_remove (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

void
nc_test_write_file (const char *path,
                    const void *data,
                    gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
}

static void
append_bytes (png_structp png,
              png_bytep   data,
              size_t      length)
{
  g_byte_array_append (png_get_io_ptr (png), data, (guint) length);
}

static void
no_flush (png_structp png)
{
  (void) png;
}

guint
nc_test_png_channels (int color_type)
{
  switch (color_type)
    {
    case PNG_COLOR_TYPE_GRAY_ALPHA: return 2;
    case PNG_COLOR_TYPE_RGB: return 3;
    case PNG_COLOR_TYPE_RGB_ALPHA: return 4;
    default: return 1;
    }
}

/* Packs one row of samples at @bit_depth, most significant bits first,
 * 16-bit samples big-endian, as PNG stores them. */
static void
pack_row (const guint16 *samples,
          guint          n,
          int            bit_depth,
          guint8        *out)
{
  if (bit_depth == 16)
    {
      for (guint i = 0; i < n; i++)
        {
          out[2 * i] = (guint8) (samples[i] >> 8);
          out[2 * i + 1] = (guint8) samples[i];
        }
      return;
    }
  memset (out, 0, ((gsize) n * bit_depth + 7) / 8);
  for (guint i = 0; i < n; i++)
    {
      gsize bit = (gsize) i * bit_depth;

      out[bit / 8] |= (guint8) (samples[i] << (8 - bit_depth - bit % 8));
    }
}

GBytes *
nc_test_png_encode (guint          width,
                    guint          height,
                    int            color_type,
                    int            bit_depth,
                    gboolean       interlaced,
                    const guint16 *samples,
                    const guint8  *palette,
                    guint          n_palette,
                    gboolean       with_trns)
{
  GByteArray *out = g_byte_array_new ();
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct (png);
  guint channels = nc_test_png_channels (color_type);
  gsize row_bytes = ((gsize) width * channels * bit_depth + 7) / 8;
  g_autofree guint8 *rows = g_malloc0 (row_bytes * height);
  g_autofree png_bytep *row_pointers = g_new (png_bytep, height);

  g_assert_nonnull (png);
  for (guint y = 0; y < height; y++)
    {
      pack_row (samples + (gsize) y * width * channels, width * channels, bit_depth,
                rows + y * row_bytes);
      row_pointers[y] = rows + y * row_bytes;
    }

  g_assert_cmpint (setjmp (png_jmpbuf (png)), ==, 0);
  png_set_write_fn (png, out, append_bytes, no_flush);
  png_set_IHDR (png, info, width, height, bit_depth, color_type,
                interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (color_type == PNG_COLOR_TYPE_PALETTE)
    {
      png_color colors[256];

      for (guint i = 0; i < n_palette; i++)
        {
          colors[i].red = palette[3 * i];
          colors[i].green = palette[3 * i + 1];
          colors[i].blue = palette[3 * i + 2];
        }
      png_set_PLTE (png, info, colors, (int) n_palette);
    }
  if (with_trns)
    {
      png_byte alpha[1] = { 0 };
      png_color_16 transparent = { 0 };

      png_set_tRNS (png, info, alpha, 1, &transparent);
    }
  png_set_rows (png, info, row_pointers);
  png_write_png (png, info, PNG_TRANSFORM_IDENTITY, NULL);
  png_destroy_write_struct (&png, &info);
  return g_byte_array_free_to_bytes (out);
}

static void
put_be32 (guint8  *out,
          guint32  value)
{
  out[0] = (guint8) (value >> 24);
  out[1] = (guint8) (value >> 16);
  out[2] = (guint8) (value >> 8);
  out[3] = (guint8) value;
}

GBytes *
nc_test_png_header_only (guint32 width,
                         guint32 height)
{
  guint8 file[8 + 25] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 *chunk = file + 8;

  put_be32 (chunk, 13);
  memcpy (chunk + 4, "IHDR", 4);
  put_be32 (chunk + 8, width);
  put_be32 (chunk + 12, height);
  chunk[16] = 8;   /* bit depth */
  chunk[17] = 2;   /* RGB */
  chunk[18] = chunk[19] = chunk[20] = 0;
  put_be32 (chunk + 21, (guint32) crc32 (0, chunk + 4, 17));
  return g_bytes_new (file, sizeof file);
}

NcImage *
nc_test_pattern_image (guint   width,
                       guint   height,
                       guint   channels,
                       guint64 seed)
{
  g_autoptr(GError) error = NULL;
  NcImage *image = nc_image_new (width, height, channels, &error);
  NcRng rng;

  g_assert_no_error (error);
  nc_rng_init (&rng, seed);
  for (gsize i = 0; i < nc_image_get_n_bytes (image); i++)
    image->data[i] = (guint8) nc_rng_next (&rng);
  return image;
}

guint
nc_test_pdf_pages (const char *contents,
                   gsize       length)
{
  guint pages = 0;

  /* Binary streams hold NULs: memcmp, not a string search; "/Type
   * /Pages" is the page tree, not a page. */
  for (gsize i = 0; i + 12 <= length; i++)
    pages += memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's';
  return pages;
}

char *
nc_test_sha256_hex (const NcImage *image)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, image->data,
                                      nc_image_get_n_bytes (image));
}

void
nc_test_run_clear (NcTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
nc_test_run_cli (NcTestRun          *run,
                 const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("NEUROCIPHER_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}
