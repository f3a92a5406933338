/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Image type and image I/O: every PNG colour type and bit depth, the
 * gdk-pixbuf formats, conversion reports, the pixel cap, overflow, and
 * every broken file we can make. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <png.h>
#include <string.h>

#include "nc-core.h"
#include "nc-test-util.h"

static void
test_new_and_overflow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NcImage) image = nc_image_new (3, 5, 3, &error);
  NcImage *bad;

  g_assert_no_error (error);
  g_assert_cmpuint (nc_image_get_n_bytes (image), ==, 45);
  for (gsize i = 0; i < 45; i++)
    g_assert_cmpuint (image->data[i], ==, 0);

  bad = nc_image_new (G_MAXUINT, G_MAXUINT, 3, &error);
  g_assert_null (bad);
  g_assert_error (error, NC_ERROR, NC_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_false (nc_image_check_size (G_MAXUINT64, 2, 1, NULL, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_false (nc_image_check_size (0, 10, 1, NULL, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (nc_image_check_size (10, 10, 4, NULL, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_UNSUPPORTED);
}

static void
test_pixel_cap (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NcImage) ok = NULL;
  guint64 saved = nc_image_get_max_pixels ();

  g_assert_cmpuint (saved, ==, NC_IMAGE_DEFAULT_MAX_PIXELS);
  nc_image_set_max_pixels (100);
  ok = nc_image_new (10, 10, 3, &error);
  g_assert_no_error (error);
  g_assert_null (nc_image_new (10, 11, 1, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "over the limit"));
  nc_image_set_max_pixels (saved);
}

static NcImage *
load_bytes (GBytes      *bytes,
            NcLoadInfo **info,
            GError     **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return nc_image_load_from_data (data, length, "test.png", info, error);
}

/* One PNG layout: samples drawn in the file's range, expected 8-bit
 * values computed independently of libpng's transforms. */
static void
check_png_layout (int      color_type,
                  int      bit_depth,
                  gboolean interlaced)
{
  const guint width = 13, height = 7;
  guint fc = nc_test_png_channels (color_type);
  guint max = (1u << bit_depth) - 1;
  g_autofree guint16 *samples = g_new (guint16, width * height * fc);
  guint8 palette[3 * 16];
  guint n_palette = MIN (16u, max + 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NcLoadInfo) info = NULL;
  g_autoptr(NcImage) image = NULL;
  g_autoptr(GError) error = NULL;
  guint out_channels = (color_type & PNG_COLOR_MASK_COLOR) ? 3 : 1;
  NcConversion expected = NC_CONVERSION_NONE;
  NcRng rng;

  nc_rng_init (&rng, (guint64) color_type * 100 + (guint64) bit_depth);
  for (guint i = 0; i < 3 * 16; i++)
    palette[i] = (guint8) nc_rng_next (&rng);
  for (gsize i = 0; i < (gsize) width * height * fc; i++)
    {
      if (color_type == PNG_COLOR_TYPE_PALETTE)
        samples[i] = (guint16) nc_rng_below (&rng, n_palette);
      else if (bit_depth == 16)
        samples[i] = (guint16) (nc_rng_below (&rng, 256) * 257);
      else
        samples[i] = (guint16) nc_rng_below (&rng, max + 1);
    }

  bytes = nc_test_png_encode (width, height, color_type, bit_depth, interlaced,
                              samples, palette, n_palette, FALSE);
  image = load_bytes (bytes, &info, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);
  g_assert_cmpuint (image->width, ==, width);
  g_assert_cmpuint (image->height, ==, height);
  g_assert_cmpuint (image->channels, ==, out_channels);
  g_assert_cmpstr (info->format, ==, "PNG");
  g_assert_cmpuint (info->source_bit_depth, ==, (guint) bit_depth);
  g_assert_cmpint (info->interlaced, ==, interlaced);

  for (gsize p = 0; p < (gsize) width * height; p++)
    for (guint c = 0; c < out_channels; c++)
      {
        guint8 want;

        if (color_type == PNG_COLOR_TYPE_PALETTE)
          want = palette[3 * samples[p] + c];
        else if (bit_depth == 16)
          want = (guint8) (samples[p * fc + c] / 257);
        else
          want = (guint8) (samples[p * fc + c] * 255 / max);
        g_assert_cmpuint (image->data[p * out_channels + c], ==, want);
      }

  if (color_type == PNG_COLOR_TYPE_PALETTE)
    expected |= NC_CONVERSION_PALETTE_EXPANDED;
  else if (bit_depth < 8)
    expected |= NC_CONVERSION_DEPTH_EXPANDED;
  if (bit_depth == 16)
    expected |= NC_CONVERSION_DEPTH_REDUCED;
  if (color_type & PNG_COLOR_MASK_ALPHA)
    expected |= NC_CONVERSION_ALPHA_DROPPED;
  g_assert_cmphex (info->conversions, ==, expected);
}

static void
test_png_every_layout (void)
{
  static const struct {
    int color_type;
    int depths[5];
  } layouts[] = {
    { PNG_COLOR_TYPE_GRAY, { 1, 2, 4, 8, 16 } },
    { PNG_COLOR_TYPE_GRAY_ALPHA, { 8, 16 } },
    { PNG_COLOR_TYPE_RGB, { 8, 16 } },
    { PNG_COLOR_TYPE_RGB_ALPHA, { 8, 16 } },
    { PNG_COLOR_TYPE_PALETTE, { 1, 2, 4, 8 } },
  };

  for (gsize l = 0; l < G_N_ELEMENTS (layouts); l++)
    for (gsize d = 0; d < 5 && layouts[l].depths[d] != 0; d++)
      for (int interlaced = 0; interlaced <= 1; interlaced++)
        check_png_layout (layouts[l].color_type, layouts[l].depths[d], interlaced);
}

static void
test_png_trns_reported (void)
{
  guint16 samples[4] = { 0, 1, 2, 3 };
  guint8 palette[12] = { 0 };
  g_autoptr(GBytes) bytes = nc_test_png_encode (2, 2, PNG_COLOR_TYPE_PALETTE, 8, FALSE,
                                                samples, palette, 4, TRUE);
  g_autoptr(NcLoadInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcImage) image = load_bytes (bytes, &info, &error);
  g_autoptr(GPtrArray) sentences = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (image);
  g_assert_true (info->conversions & NC_CONVERSION_TRANSPARENCY_IGNORED);
  sentences = nc_load_info_describe_conversions (info);
  g_assert_cmpuint (sentences->len, ==, 2);
}

static void
test_png_save_round_trip (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  const char * const text[] = { "Software", "Neurocipher", "Title", "Küstenlinie ✓", NULL };

  for (guint channels = 1; channels <= 3; channels += 2)
    for (int fast = 0; fast <= 1; fast++)
      {
        g_autofree char *path = g_build_filename (dir, "out.png", NULL);
        g_autoptr(NcImage) image = nc_test_pattern_image (37, 11, channels, 7);
        g_autoptr(NcImage) back = NULL;
        g_autoptr(NcLoadInfo) info = NULL;
        g_autoptr(GError) error = NULL;

        g_assert_true (nc_image_save_png (image, path, text,
                                          fast ? NC_SAVE_FAST : NC_SAVE_DEFAULT, &error));
        g_assert_no_error (error);
        back = nc_image_load (path, &info, &error);
        g_assert_no_error (error);
        g_assert_true (nc_image_equal (image, back));
        g_assert_cmphex (info->conversions, ==, NC_CONVERSION_NONE);
        g_assert_cmpstr (g_hash_table_lookup (info->text, "Software"), ==, "Neurocipher");
        g_assert_cmpstr (g_hash_table_lookup (info->text, "Title"), ==, "Küstenlinie ✓");
      }
  nc_test_tmpdir_remove (dir);
}

static void
test_png_save_failure_leaves_nothing (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "missing", "out.png", NULL);
  g_autoptr(NcImage) image = nc_test_pattern_image (4, 4, 1, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;

  g_assert_false (nc_image_save_png (image, path, NULL, NC_SAVE_DEFAULT, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "out.png"));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  nc_test_tmpdir_remove (dir);
}

static void
test_samples (void)
{
  g_autofree char *camera = nc_test_sample_path ("camera.png");
  g_autofree char *astronaut = nc_test_sample_path ("astronaut.png");
  g_autoptr(NcImage) gray = nc_image_load (camera, NULL, NULL);
  g_autoptr(NcImage) rgb = nc_image_load (astronaut, NULL, NULL);

  g_assert_nonnull (gray);
  g_assert_nonnull (rgb);
  g_assert_cmpuint (gray->channels, ==, 1);
  g_assert_cmpuint (gray->width, ==, 512);
  g_assert_cmpuint (rgb->channels, ==, 3);
  g_assert_cmpuint (rgb->height, ==, 512);
}

/* Formats other than PNG go through gdk-pixbuf: write the pattern with
 * gdk-pixbuf's own savers and read it back. */
static void
check_pixbuf_format (const char *format,
                     gboolean    lossless,
                     gboolean    gray)
{
  g_autoptr(NcImage) pattern = nc_test_pattern_image (21, 9, 3, 11);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 21, 9);
  g_autoptr(GError) error = NULL;
  g_autoptr(NcLoadInfo) info = NULL;
  g_autoptr(NcImage) image = NULL;
  g_autofree char *data = NULL;
  g_autofree char *upper = g_ascii_strup (format, -1);
  gsize length;

  for (guint y = 0; y < 9; y++)
    for (guint x = 0; x < 21; x++)
      {
        guint8 *out = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3;
        const guint8 *in = pattern->data + (y * 21 + x) * 3;

        for (int c = 0; c < 3; c++)
          out[c] = gray ? in[0] : in[c];
      }

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, format, &error, NULL))
    {
      g_test_skip_printf ("gdk-pixbuf cannot write %s here: %s", format, error->message);
      return;
    }
  image = nc_image_load_from_data ((const guint8 *) data, length, "test", &info, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->format, ==, upper);
  g_assert_cmpuint (image->width, ==, 21);
  g_assert_cmpuint (image->height, ==, 9);
  g_assert_cmpuint (image->channels, ==, gray ? 1 : 3);
  g_assert_cmpint (!!(info->conversions & NC_CONVERSION_GRAY_FROM_RGB), ==, gray);
  if (lossless)
    for (gsize p = 0; p < 21 * 9; p++)
      for (guint c = 0; c < image->channels; c++)
        g_assert_cmpuint (image->data[p * image->channels + c], ==,
                          pattern->data[p * 3 + (gray ? 0 : c)]);
}

static void
test_pixbuf_formats (void)
{
  check_pixbuf_format ("bmp", TRUE, FALSE);
  check_pixbuf_format ("bmp", TRUE, TRUE);
  check_pixbuf_format ("tiff", TRUE, FALSE);
  check_pixbuf_format ("jpeg", FALSE, FALSE);
}

static void
test_pixbuf_webp (void)
{
  check_pixbuf_format ("webp", FALSE, FALSE);
}

static void
assert_refused (const guint8 *data,
                gsize         length,
                int           code,
                const char   *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NcImage) image = nc_image_load_from_data (data, length, "broken.png", NULL, &error);

  g_assert_null (image);
  g_assert_error (error, NC_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "broken.png: "));
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("message “%s” lacks “%s”", error->message, words);
}

static void
test_refuse_empty_and_text (void)
{
  static const char text[] = "This is a text file, renamed to .png.\n";
  static const guint8 garbage[] = { 0x89, 'P', 'N', 'G', 0, 1, 2 };

  assert_refused ((const guint8 *) "", 0, NC_ERROR_EMPTY, "empty");
  assert_refused ((const guint8 *) text, sizeof text - 1, NC_ERROR_UNSUPPORTED, "not an image");
  assert_refused (garbage, sizeof garbage, NC_ERROR_CORRUPT, NULL);
}

static void
test_refuse_huge_header (void)
{
  g_autoptr(GBytes) bomb = nc_test_png_header_only (100000, 100000);
  g_autoptr(GBytes) widest = nc_test_png_header_only (0x7fffffff, 0x7fffffff);
  g_autoptr(GBytes) zero = nc_test_png_header_only (0, 10);

  assert_refused (g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb),
                  NC_ERROR_TOO_LARGE, "100000 × 100000");
  assert_refused (g_bytes_get_data (widest, NULL), g_bytes_get_size (widest),
                  NC_ERROR_TOO_LARGE, NULL);
  assert_refused (g_bytes_get_data (zero, NULL), g_bytes_get_size (zero),
                  NC_ERROR_INVALID, "no pixels");
}

/* Every prefix of a real PNG is refused cleanly: no crash, no image. */
static void
test_refuse_every_truncation (void)
{
  g_autoptr(NcImage) image = nc_test_pattern_image (40, 30, 3, 5);
  g_autoptr(GBytes) bytes = nc_image_encode_png (image, NULL, NC_SAVE_DEFAULT, NULL);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  for (gsize cut = 1; cut < length; cut += (cut < 64 ? 1 : 37))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NcImage) back = nc_image_load_from_data (data, cut, "cut.png", NULL, &error);

      g_assert_null (back);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "cut.png: "));
    }
  assert_refused (data, length - 20, NC_ERROR_CORRUPT, "truncated");
}

static void
test_refuse_corrupt_body (void)
{
  g_autoptr(NcImage) image = nc_test_pattern_image (40, 30, 1, 9);
  g_autoptr(GBytes) bytes = nc_image_encode_png (image, NULL, NC_SAVE_DEFAULT, NULL);
  gsize length;
  g_autofree guint8 *data = g_bytes_unref_to_data (g_bytes_ref (bytes), &length);

  /* Damage the first IDAT's compressed data: its CRC no longer matches. */
  data[length / 2] ^= 0x55;
  assert_refused (data, length, NC_ERROR_CORRUPT, "damaged");
}

static void
test_refuse_truncated_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 64);
  g_autofree char *data = NULL;
  gsize length;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, "jpeg", NULL, NULL));
  for (gsize cut = 1; cut < length; cut += 13)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NcImage) image = nc_image_load_from_data ((const guint8 *) data, cut,
                                                          "cut.jpg", NULL, &error);

      /* A decoder may fill a missing tail; it must never crash, and it
       * either gives a whole image or an error naming the file. */
      if (image == NULL)
        g_assert_true (g_str_has_prefix (error->message, "cut.jpg: "));
      else
        g_assert_cmpuint (image->width, ==, 64);
    }
}

static void
test_refuse_huge_bmp (void)
{
  /* A BMP header claiming 100000 × 100000 pixels, 24-bit. */
  guint8 bmp[54] = { 'B', 'M' };
  guint32 width = 100000, height = 100000;

  bmp[10] = 54;
  bmp[14] = 40;
  memcpy (bmp + 18, &width, 4);
  memcpy (bmp + 22, &height, 4);
  bmp[26] = 1;
  bmp[28] = 24;
  assert_refused (bmp, sizeof bmp, NC_ERROR_TOO_LARGE, "over the limit");
}

/* A 186-byte BMP whose info header claims 2.6 GB: gdk-pixbuf's loader
 * would reserve that much before saying how large the image is (found
 * by tests/fuzz/fuzz-image; the file is its input). */
static void
assert_file_refused (const char *name,
                     int         code,
                     const char *words)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  assert_refused ((const guint8 *) data, length, code, words);
}

static void
test_refuse_bmp_huge_info_header (void)
{
  assert_file_refused ("bmp-huge-info-header.bmp", NC_ERROR_CORRUPT, "info header claims");
}

/* A 186-byte BMP whose palette claims 4294967295 colours: the loader
 * would reserve 4 GB for them (found by tests/fuzz/fuzz-image; the file
 * is its input). */
static void
test_refuse_bmp_huge_palette (void)
{
  assert_file_refused ("bmp-colour-table-claims-4gb.bmp", NC_ERROR_CORRUPT, "palette claims 4294967295 colours");
}

/* A 612-byte PNG whose text chunk claims 1.9 GB: libpng would allocate
 * that before finding the file short (found by tests/fuzz/fuzz-image;
 * the file is its input). Refused from the bytes, in little memory. */
static void
test_refuse_png_chunk_past_end (void)
{
  assert_file_refused ("png-text-chunk-claims-2gb.png", NC_ERROR_CORRUPT, "claims 1919877140 bytes");
}

static void
test_load_missing_and_folder (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *missing = g_build_filename (dir, "nope.png", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (nc_image_load (missing, NULL, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "nope.png"));
  g_clear_error (&error);

  g_assert_null (nc_image_load (dir, NULL, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);

  nc_test_write_file (empty, "", 0);
  g_assert_null (nc_image_load (empty, NULL, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "empty.png"));
  nc_test_tmpdir_remove (dir);
}

static void
test_output_is_not_input (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *input = g_build_filename (dir, "in.png", NULL);
  g_autofree char *same = g_build_filename (dir, ".", "in.png", NULL);
  g_autofree char *other = g_build_filename (dir, "out.png", NULL);
  g_autoptr(GError) error = NULL;

  nc_test_write_file (input, "x", 1);
  g_assert_false (nc_file_check_not_input (same, input, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
  g_assert_true (nc_file_check_not_input (other, input, NULL));
  nc_test_tmpdir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/image/new-and-overflow", test_new_and_overflow);
  g_test_add_func ("/core/image/pixel-cap", test_pixel_cap);
  g_test_add_func ("/core/io/png-every-layout", test_png_every_layout);
  g_test_add_func ("/core/io/png-trns-reported", test_png_trns_reported);
  g_test_add_func ("/core/io/png-save-round-trip", test_png_save_round_trip);
  g_test_add_func ("/core/io/png-save-failure-leaves-nothing", test_png_save_failure_leaves_nothing);
  g_test_add_func ("/core/io/samples", test_samples);
  g_test_add_func ("/core/io/pixbuf-formats", test_pixbuf_formats);
  g_test_add_func ("/core/io/pixbuf-webp", test_pixbuf_webp);
  g_test_add_func ("/core/io/refuse-empty-and-text", test_refuse_empty_and_text);
  g_test_add_func ("/core/io/refuse-huge-header", test_refuse_huge_header);
  g_test_add_func ("/core/io/refuse-every-truncation", test_refuse_every_truncation);
  g_test_add_func ("/core/io/refuse-corrupt-body", test_refuse_corrupt_body);
  g_test_add_func ("/core/io/refuse-truncated-jpeg", test_refuse_truncated_jpeg);
  g_test_add_func ("/core/io/refuse-huge-bmp", test_refuse_huge_bmp);
  g_test_add_func ("/core/io/refuse-bmp-huge-info-header", test_refuse_bmp_huge_info_header);
  g_test_add_func ("/core/io/refuse-bmp-huge-palette", test_refuse_bmp_huge_palette);
  g_test_add_func ("/core/io/refuse-png-chunk-past-end", test_refuse_png_chunk_past_end);
  g_test_add_func ("/core/io/load-missing-and-folder", test_load_missing_and_folder);
  g_test_add_func ("/core/io/output-is-not-input", test_output_is_not_input);

  return g_test_run ();
}
