/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-image.h"
#include "nc-i18n.h"

#include <malloc.h>
#include <string.h>

#include "nc-error.h"

GType
nc_image_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      GType registered = g_boxed_type_register_static (g_intern_static_string ("NcImage"),
                                                       (GBoxedCopyFunc) nc_image_ref,
                                                       (GBoxedFreeFunc) nc_image_unref);
      g_once_init_leave (&type, registered);
    }
  return type;
}

static guint64 max_pixels = NC_IMAGE_DEFAULT_MAX_PIXELS;

/**
 * nc_image_get_max_pixels:
 *
 * Returns: the largest number of pixels an image may have. Loaders check it
 *   against the file's header before allocating anything, so a
 *   decompression bomb is refused without using its memory.
 */
guint64
nc_image_get_max_pixels (void)
{
  return max_pixels;
}

/**
 * nc_image_set_max_pixels:
 * @new_max_pixels: the new cap, at least 1
 *
 * Sets the cap for the whole process; call it at start-up, before any
 * image is loaded on another thread.
 */
void
nc_image_set_max_pixels (guint64 new_max_pixels)
{
  g_return_if_fail (new_max_pixels > 0);
  max_pixels = new_max_pixels;
}

/**
 * nc_image_check_size:
 * @width: proposed width
 * @height: proposed height
 * @channels: proposed channel count
 * @out_bytes: (out) (optional): the number of bytes the samples take
 * @error: return location for an error
 *
 * Checks a size before anything is allocated for it: both sides at least 1,
 * one or three channels, no more pixels than the cap and no overflow.
 */
gboolean
nc_image_check_size (guint64   width,
                     guint64   height,
                     guint     channels,
                     gsize    *out_bytes,
                     GError  **error)
{
  guint64 pixels;
  guint64 bytes;
  guint64 cap = nc_image_get_max_pixels ();

  if (width == 0 || height == 0)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("image size %llu × %llu has no pixels"), (unsigned long long) width,
                   (unsigned long long) height);
      return FALSE;
    }
  if (channels != 1 && channels != 3)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_UNSUPPORTED,
                   _("%u channels: only gray (1) and RGB (3) images are handled"),
                   channels);
      return FALSE;
    }
  if (width > G_MAXUINT || height > G_MAXUINT ||
      !g_uint64_checked_mul (&pixels, width, height) ||
      !g_uint64_checked_mul (&bytes, pixels, channels) ||
      bytes > G_MAXSIZE)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE,
                   _("image size %llu × %llu is too large to represent"), (unsigned long long) width,
                   (unsigned long long) height);
      return FALSE;
    }
  if (pixels > cap)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE,
                   _("image size %llu × %llu (%.1f megapixels) is over the limit of %.1f megapixels"),
                   (unsigned long long) width, (unsigned long long) height, pixels / 1e6, cap / 1e6);
      return FALSE;
    }
  if (out_bytes != NULL)
    *out_bytes = (gsize) bytes;
  return TRUE;
}

/**
 * nc_image_new:
 * @width: width in pixels
 * @height: height in pixels
 * @channels: 1 or 3
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a new image with every sample 0, or
 *   %NULL if the size is refused or the memory cannot be had.
 */
NcImage *
nc_image_new (guint    width,
              guint    height,
              guint    channels,
              GError **error)
{
  NcImage *image;
  gsize bytes;
  guint8 *data;

  if (!nc_image_check_size (width, height, channels, &bytes, error))
    return NULL;

  data = g_try_malloc0 (bytes);
  if (data == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE,
                   _("not enough memory for a %u × %u image (%llu bytes)"), width, height,
                   (unsigned long long) bytes);
      return NULL;
    }

  image = g_new0 (NcImage, 1);
  image->width = width;
  image->height = height;
  image->channels = channels;
  image->data = data;
  image->ref_count = 1;
  return image;
}

NcImage *
nc_image_new_like (const NcImage  *like,
                   GError        **error)
{
  g_return_val_if_fail (like != NULL, NULL);
  return nc_image_new (like->width, like->height, like->channels, error);
}

NcImage *
nc_image_copy (const NcImage  *image,
               GError        **error)
{
  NcImage *copy;

  g_return_val_if_fail (image != NULL, NULL);

  copy = nc_image_new_like (image, error);
  if (copy != NULL)
    memcpy (copy->data, image->data, nc_image_get_n_bytes (image));
  return copy;
}

NcImage *
nc_image_ref (NcImage *image)
{
  g_return_val_if_fail (image != NULL, NULL);
  g_atomic_int_inc (&image->ref_count);
  return image;
}

void
nc_image_unref (NcImage *image)
{
  g_return_if_fail (image != NULL);
  if (g_atomic_int_dec_and_test (&image->ref_count))
    {
      g_free (image->data);
      g_free (image);
    }
}

gboolean
nc_image_same_shape (const NcImage *a,
                     const NcImage *b)
{
  return a->width == b->width && a->height == b->height &&
         a->channels == b->channels;
}

gboolean
nc_image_equal (const NcImage *a,
                const NcImage *b)
{
  return nc_image_same_shape (a, b) &&
         memcmp (a->data, b->data, nc_image_get_n_bytes (a)) == 0;
}

/* Every encryption allocates and frees buffers of the same sizes (786 KB
 * of image and more of keystream at 512 × 512 RGB). glibc serves blocks
 * that size with mmap at first and raises the threshold only after a few
 * frees: each block comes back as fresh pages, faulted in one by one
 * (a third of an encryption's time at 512² in perf), and each munmap
 * makes the kernel interrupt the other core to flush its TLB (in the
 * workbench, the first second of a drag stalled for 50 ms at a time).
 * Fixed thresholds keep such blocks in the heap from the start. The
 * threshold cannot go above 32 MB, and a 4096² RGB image is 50 MB: with
 * mmap off altogether, those blocks too are reused from the heap (an
 * encryption at 4096² took 1.6–2.7× as long in fresh pages; the peak
 * memory of an analysis stays the same, 451 MB). The cellular engine's
 * grids at 4096² are 200 MB more: a trim threshold under that gave them
 * back after every encryption and faulted them in again (1.04 s instead
 * of 0.29). Free memory at the top of the heap beyond 512 MB still goes
 * back to the system. One arena: the workbench's updates run on GIO's
 * worker threads, each of which took blocks from an arena of its own,
 * whose 64 MB heaps are unmapped when they empty, so every update faulted
 * its images in afresh (a drag at 2048² RGB: 137 000–284 000 page faults,
 * 62 000 with one arena; 4.6 → 5.1–5.4 updates a second). The program's
 * allocations are few and large: the one lock costs nothing measurable. */
void
nc_tune_allocator (void)
{
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_MMAP_MAX, 0);
  mallopt (M_TRIM_THRESHOLD, 512 * 1024 * 1024);
  mallopt (M_ARENA_MAX, 1);
}
