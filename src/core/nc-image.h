/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* 2^28 pixels: a 16384 × 16384 image is the largest square one allowed. */
#define NC_IMAGE_DEFAULT_MAX_PIXELS (G_GUINT64_CONSTANT (1) << 28)

/**
 * NcImage:
 * @width: pixels per row, at least 1
 * @height: rows, at least 1
 * @channels: 1 (gray) or 3 (RGB)
 * @data: @width × @height × @channels 8-bit samples, rows top to bottom,
 *   channels interleaved, no padding
 *
 * A reference-counted 8-bit image. Its fields may be read directly; the
 * samples may be written by whoever created the image until it is shared.
 */
typedef struct {
  guint   width;
  guint   height;
  guint   channels;
  guint8 *data;
  /*< private >*/
  gint    ref_count;
} NcImage;

#define NC_TYPE_IMAGE (nc_image_get_type ())
GType     nc_image_get_type        (void) G_GNUC_CONST;

guint64   nc_image_get_max_pixels  (void);
void      nc_image_set_max_pixels  (guint64 max_pixels);

gboolean  nc_image_check_size      (guint64       width,
                                    guint64       height,
                                    guint         channels,
                                    gsize        *out_bytes,
                                    GError      **error);

NcImage  *nc_image_new             (guint         width,
                                    guint         height,
                                    guint         channels,
                                    GError      **error);
NcImage  *nc_image_new_like        (const NcImage *like,
                                    GError       **error);
NcImage  *nc_image_copy            (const NcImage *image,
                                    GError       **error);
NcImage  *nc_image_ref             (NcImage      *image);
void      nc_image_unref           (NcImage      *image);

/* Inline: loops over an image's samples test their bound with these at
 * every step, and a call into the library each time was 3 % of a
 * comparison's time. */
static inline gsize
nc_image_get_n_pixels (const NcImage *image)
{
  return (gsize) image->width * image->height;
}

static inline gsize
nc_image_get_n_bytes (const NcImage *image)
{
  return nc_image_get_n_pixels (image) * image->channels;
}

gboolean  nc_image_same_shape      (const NcImage *a,
                                    const NcImage *b);
gboolean  nc_image_equal           (const NcImage *a,
                                    const NcImage *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NcImage, nc_image_unref)

/* Keeps the buffers of images and keystreams in the heap once freed,
 * for a program that encrypts again and again (the workbench, bench,
 * sweeps): call once at start, before any thread. */
void nc_tune_allocator (void);

G_END_DECLS
