/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hostile inputs, built from a valid file by cutting it, damaging it
 * or rewriting one field (with its CRC made right again, so that the
 * field itself is what is refused). */
#include "nc-test-hostile.h"

#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <png.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "nc-ciphertext.h"
#include "nc-engine.h"
#include "nc-image-io.h"
#include "nc-test-util.h"

static void
case_free (gpointer data)
{
  NcHostileCase *c = data;

  g_free (c->path);
  g_free (c);
}

static void
add (GPtrArray        *cases,
     const char       *dir,
     const char       *name,
     const void       *data,
     gsize             length,
     const char       *what,
     NcHostileOutcome  outcome,
     const char       *words)
{
  NcHostileCase *c = g_new0 (NcHostileCase, 1);

  c->path = g_build_filename (dir, name, NULL);
  if (data != NULL)
    nc_test_write_file (c->path, data, length);
  c->what = what;
  c->outcome = outcome;
  c->words = words;
  g_ptr_array_add (cases, c);
}

static guint32
get_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = (guint8) (v >> 24);
  p[1] = (guint8) (v >> 16);
  p[2] = (guint8) (v >> 8);
  p[3] = (guint8) v;
}

/* Recomputes the CRC of the chunk at @at (its length field). */
static void
fix_crc (guint8 *png,
         gsize   at)
{
  guint32 length = get_be32 (png + at);

  put_be32 (png + at + 8 + length, (guint32) crc32 (0, png + at + 4, 4 + length));
}

/* The PNG with its PLTE chunk cut to @n colours. */
static GBytes *
cut_palette (GBytes *png,
             guint   n)
{
  gsize length, at = 8;
  const guint8 *data = g_bytes_get_data (png, &length);
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, data, 8);
  while (at + 12 <= length)
    {
      guint32 size = get_be32 (data + at);
      gsize start = out->len;

      if (memcmp (data + at + 4, "PLTE", 4) == 0)
        {
          guint8 head[8];

          put_be32 (head, 3 * n);
          memcpy (head + 4, "PLTE", 4);
          g_byte_array_append (out, head, 8);
          g_byte_array_append (out, data + at + 8, 3 * n);
          g_byte_array_set_size (out, out->len + 4);
          fix_crc (out->data, start);
        }
      else
        g_byte_array_append (out, data + at, 12 + size);
      at += 12 + size;
    }
  return g_byte_array_free_to_bytes (out);
}

/* A copy of the valid PNG with one IHDR byte (offset @field into its
 * data) set to @value, the CRC right. */
static void
add_ihdr (GPtrArray    *cases,
          const char   *dir,
          const guint8 *png,
          gsize         length,
          const char   *name,
          guint         field,
          const guint8 *value,
          guint         n,
          const char   *what,
          const char   *words)
{
  g_autofree guint8 *copy = g_memdup2 (png, length);

  memcpy (copy + 8 + 8 + field, value, n);
  fix_crc (copy, 8);
  add (cases, dir, name, copy, length, what, NC_HOSTILE_REFUSED, words);
}

GPtrArray *
nc_test_hostile_images (const char *dir)
{
  GPtrArray *cases = g_ptr_array_new_with_free_func (case_free);
  g_autoptr(NcImage) image = nc_test_pattern_image (16, 12, 3, 21);
  g_autoptr(GBytes) bytes = nc_image_encode_png (image, NULL, NC_SAVE_DEFAULT, NULL);
  gsize length, at = 8;
  const guint8 *png = g_bytes_get_data (bytes, &length);
  guint chunk = 0;

  /* Cut after the signature and after every chunk but the last. */
  while (at + 12 <= length)
    {
      guint32 size = get_be32 (png + at);
      char type[5] = { 0 };
      g_autofree char *name = NULL;

      memcpy (type, png + at + 4, 4);
      name = g_strdup_printf ("cut-before-%s-%u.png", type, chunk++);
      add (cases, dir, name, png, at, "PNG truncated at a chunk", NC_HOSTILE_REFUSED, NULL);
      at += 12 + size;
    }
  add (cases, dir, "cut-mid-idat.png", png, length - 30, "PNG truncated inside its data", NC_HOSTILE_REFUSED,
       NULL);

  {
    g_autofree guint8 *copy = g_memdup2 (png, length);

    copy[8 + 8 + 13 + 3] ^= 0xff;   /* IHDR's CRC */
    add (cases, dir, "bad-crc-ihdr.png", copy, length, "PNG with a bad CRC", NC_HOSTILE_REFUSED, NULL);
    memcpy (copy, png, length);
    copy[length - 20] ^= 0x5a;      /* inside the image data */
    add (cases, dir, "bad-crc-idat.png", copy, length, "PNG with damaged data", NC_HOSTILE_REFUSED, NULL);
  }

  {
    const guint8 zero[4] = { 0 }, two31[4] = { 0x80, 0, 0, 0 }, three = 3, five = 5, one = 1, two = 2;

    add_ihdr (cases, dir, png, length, "width-0.png", 0, zero, 4, "PNG of width 0", NULL);
    add_ihdr (cases, dir, png, length, "height-0.png", 4, zero, 4, "PNG of height 0", NULL);
    add_ihdr (cases, dir, png, length, "width-2-31.png", 0, two31, 4, "PNG of width 2^31", NULL);
    add_ihdr (cases, dir, png, length, "depth-3.png", 8, &three, 1, "PNG of bit depth 3", NULL);
    add_ihdr (cases, dir, png, length, "colour-type-5.png", 9, &five, 1, "PNG of colour type 5", NULL);
    add_ihdr (cases, dir, png, length, "compression-1.png", 10, &one, 1, "PNG of compression method 1", NULL);
    add_ihdr (cases, dir, png, length, "filter-1.png", 11, &one, 1, "PNG of filter method 1", NULL);
    add_ihdr (cases, dir, png, length, "interlace-2.png", 12, &two, 1, "PNG of interlace method 2", NULL);
  }

  {
    /* 20000 × 20000: over the pixel cap, refused before any decoding. */
    g_autoptr(GBytes) huge = nc_test_png_header_only (20000, 20000);
    /* A decompression bomb: 15000 × 15000 claimed, a kilobyte of data. */
    g_autoptr(GBytes) header = nc_test_png_header_only (15000, 15000);
    g_autoptr(GByteArray) bomb = g_byte_array_new ();
    guint8 zeros[4096] = { 0 }, deflated[2048], chunk_head[8];
    uLongf deflated_length = sizeof deflated;
    guint8 crc[4];

    add (cases, dir, "20000x20000.png", g_bytes_get_data (huge, NULL), g_bytes_get_size (huge),
         "PNG claiming 20000 × 20000 pixels", NC_HOSTILE_REFUSED, "pixels");
    g_byte_array_append (bomb, g_bytes_get_data (header, NULL), (guint) g_bytes_get_size (header));
    g_assert_cmpint (compress (deflated, &deflated_length, zeros, sizeof zeros), ==, Z_OK);
    put_be32 (chunk_head, (guint32) deflated_length);
    memcpy (chunk_head + 4, "IDAT", 4);
    g_byte_array_append (bomb, chunk_head, 8);
    g_byte_array_append (bomb, deflated, (guint) deflated_length);
    put_be32 (crc, (guint32) crc32 (crc32 (0, (const guint8 *) "IDAT", 4), deflated, (uInt) deflated_length));
    g_byte_array_append (bomb, crc, 4);
    add (cases, dir, "bomb.png", bomb->data, bomb->len, "PNG claiming 15000 × 15000 from 1 KB",
         NC_HOSTILE_REFUSED, NULL);
  }

  {
    /* Indices up to 15 over a palette of two colours: written with
     * sixteen (libpng refuses to write more indices than colours), then
     * the palette cut to two. */
    guint16 samples[64];
    guint8 palette[48];
    g_autoptr(GBytes) full_palette = NULL;
    g_autoptr(GBytes) bad_palette = NULL;
    g_autoptr(GBytes) deep = NULL;
    g_autoptr(GBytes) interlaced = NULL;
    guint16 rgb16[8 * 8 * 3];

    for (guint i = 0; i < 64; i++)
      samples[i] = (guint16) (i % 16);
    for (guint i = 0; i < 48; i++)
      palette[i] = (guint8) (i * 5);
    for (guint i = 0; i < G_N_ELEMENTS (rgb16); i++)
      rgb16[i] = (guint16) (i * 977);
    full_palette = nc_test_png_encode (8, 8, PNG_COLOR_TYPE_PALETTE, 4, FALSE, samples, palette, 16, FALSE);
    bad_palette = cut_palette (full_palette, 2);
    add (cases, dir, "palette-out-of-range.png", g_bytes_get_data (bad_palette, NULL),
         g_bytes_get_size (bad_palette), "PNG indexing past its palette", NC_HOSTILE_EITHER, NULL);
    deep = nc_test_png_encode (8, 8, PNG_COLOR_TYPE_RGB, 16, FALSE, rgb16, NULL, 0, FALSE);
    add (cases, dir, "rgb-16-bit.png", g_bytes_get_data (deep, NULL), g_bytes_get_size (deep),
         "16-bit RGB PNG", NC_HOSTILE_LOADS, NULL);
    interlaced = nc_test_png_encode (8, 8, PNG_COLOR_TYPE_RGB, 16, TRUE, rgb16, NULL, 0, FALSE);
    add (cases, dir, "interlaced.png", g_bytes_get_data (interlaced, NULL), g_bytes_get_size (interlaced),
         "interlaced PNG", NC_HOSTILE_LOADS, NULL);
  }

  {
    g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 48, 48);
    g_autofree char *jpeg = NULL;
    gsize jpeg_length;

    gdk_pixbuf_fill (pixbuf, 0x336699ff);
    g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &jpeg_length, "jpeg", NULL, NULL));
    add (cases, dir, "truncated-scan.jpg", jpeg, jpeg_length * 2 / 3, "JPEG with a truncated scan",
         NC_HOSTILE_EITHER, NULL);
  }

  add (cases, dir, "empty.png", "", 0, "empty file", NC_HOSTILE_REFUSED, "empty");
  add (cases, dir, "notes.png", "just some notes\n", 16, "text named .png", NC_HOSTILE_REFUSED, NULL);
  add (cases, dir, "missing.png", NULL, 0, "missing file", NC_HOSTILE_REFUSED, NULL);
  {
    g_autofree char *folder = g_build_filename (dir, "folder.png", NULL);
    g_autofree char *fifo = g_build_filename (dir, "fifo.png", NULL);

    g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
    add (cases, dir, "folder.png", NULL, 0, "a folder", NC_HOSTILE_REFUSED, NULL);
    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    add (cases, dir, "fifo.png", NULL, 0, "a FIFO", NC_HOSTILE_REFUSED, NULL);
  }
  {
    /* Unreadable even by root: reading the process's memory file fails. */
    NcHostileCase *c = g_new0 (NcHostileCase, 1);

    c->path = g_strdup ("/proc/self/mem");
    c->what = "an unreadable file";
    c->outcome = NC_HOSTILE_REFUSED;
    g_ptr_array_add (cases, c);
  }
  return cases;
}

/* A valid ciphertext (hopfield, default key, 16 × 12 RGB), its bytes. */
static GBytes *
valid_ciphertext (const char *dir,
                  char      **key_path)
{
  const NcEngine *engine = nc_engine_find ("hopfield", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autoptr(NcImage) plain = nc_test_pattern_image (16, 12, 3, 8);
  g_autoptr(NcImage) cipher = nc_image_new_like (plain, NULL);
  g_autofree char *path = g_build_filename (dir, "valid-cipher.png", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  *key_path = g_build_filename (dir, "valid.nckey", NULL);
  g_assert_true (nc_params_save_key_file (key, *key_path, NULL));
  g_assert_true (nc_engine_encrypt (engine, key, plain, cipher, NULL, NULL));
  g_assert_true (nc_ciphertext_save (cipher, key, path, NULL));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

GPtrArray *
nc_test_hostile_ciphertexts (const char *dir,
                             char      **key_path)
{
  GPtrArray *cases = g_ptr_array_new_with_free_func (case_free);
  g_autoptr(GBytes) valid = valid_ciphertext (dir, key_path);
  g_autoptr(NcImage) plain = nc_test_pattern_image (16, 12, 3, 8);
  gsize length;
  const guint8 *data = g_bytes_get_data (valid, &length);

  {
    g_autoptr(GBytes) no_metadata = nc_image_encode_png (plain, NULL, NC_SAVE_DEFAULT, NULL);

    add (cases, dir, "no-metadata.png", g_bytes_get_data (no_metadata, NULL), g_bytes_get_size (no_metadata),
         "ciphertext without metadata", NC_HOSTILE_REFUSED, NULL);
  }
  {
    const char *forged_engine[] = { "neurocipher:engine", "nope", NULL };
    const char *other_engine[] = { "neurocipher:engine", "cellular", NULL };
    const char *bad_variant[] = { "neurocipher:engine", "hopfield", "neurocipher:variant", "fancy", NULL };
    const char *bad_rounds[] = { "neurocipher:engine", "hopfield", "neurocipher:rounds", "99", NULL };
    const struct {
      const char *name, *what;
      const char * const *metadata;
    } forged[] = {
      { "forged-engine.png", "ciphertext naming an unknown engine", forged_engine },
      { "other-engine.png", "ciphertext of another engine than the key's", other_engine },
      { "forged-variant.png", "ciphertext with a variant that does not exist", bad_variant },
      { "forged-rounds.png", "ciphertext with an out-of-range public parameter", bad_rounds },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (forged); i++)
      {
        g_autoptr(GBytes) png = nc_image_encode_png (plain, forged[i].metadata, NC_SAVE_DEFAULT, NULL);

        add (cases, dir, forged[i].name, g_bytes_get_data (png, NULL), g_bytes_get_size (png), forged[i].what,
             NC_HOSTILE_REFUSED, NULL);
      }
  }
  add (cases, dir, "cipher-truncated.png", data, length / 2, "truncated ciphertext", NC_HOSTILE_REFUSED, NULL);
  add (cases, dir, "valid-cipher.png", NULL, 0, "a valid ciphertext", NC_HOSTILE_LOADS, NULL);
  return cases;
}

GPtrArray *
nc_test_hostile_keys (const char *dir)
{
  GPtrArray *cases = g_ptr_array_new_with_free_func (case_free);
  const NcEngine *engine = nc_engine_find ("hopfield", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autofree char *valid_path = g_build_filename (dir, "key-valid.nckey", NULL);
  g_autofree char *text = NULL;
  gsize length;
  static const struct {
    const char *name, *what, *from, *to, *words;
  } edits[] = {
    { "key-out-of-range.nckey", "key with a value out of range", "x0=0.1", "x0=7", "secret and not shown" },
    { "key-not-a-number.nckey", "key with a value that is not a number", "y0=0.1", "y0=abc",
      "secret and not shown" },
    { "key-missing-value.nckey", "key without one of its values", "z0=0.1\n", "", "is missing" },
    { "key-wrong-engine.nckey", "key of another engine", "Engine=hopfield", "Engine=cellular", NULL },
    { "key-unknown-engine.nckey", "key of an engine that does not exist", "Engine=hopfield", "Engine=nope", "nope" },
    { "key-unknown-parameter.nckey", "key with an unknown parameter", "[Parameters]\n", "[Parameters]\nbogus=1\n",
      "bogus" },
    { "key-version-9.nckey", "key file of a future version", "Version=1", "Version=9", "version 9" },
  };

  g_assert_true (nc_params_save_key_file (key, valid_path, NULL));
  g_assert_true (g_file_get_contents (valid_path, &text, &length, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(GString) edited = g_string_new (text);

      g_assert_nonnull (strstr (text, edits[i].from));
      g_string_replace (edited, edits[i].from, edits[i].to, 1);
      add (cases, dir, edits[i].name, edited->str, edited->len, edits[i].what, NC_HOSTILE_REFUSED, edits[i].words);
    }
  add (cases, dir, "key-truncated.nckey", text, length / 3, "truncated key file", NC_HOSTILE_REFUSED, NULL);
  add (cases, dir, "key-binary.nckey", "\x89PNG\r\n\x1a\n\0\0", 10, "binary key file", NC_HOSTILE_REFUSED, NULL);
  add (cases, dir, "key-empty.nckey", "", 0, "empty key file", NC_HOSTILE_REFUSED, "empty");
  return cases;
}
