/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "nc-core.h"

G_BEGIN_DECLS

/* A sample image from data/samples. */
char     *nc_test_sample_path    (const char   *name);
/* A fresh temporary folder, removed with everything in it by
 * nc_test_tmpdir_remove(). */
char     *nc_test_tmpdir_new     (void);
void      nc_test_tmpdir_remove  (const char   *dir);
void      nc_test_write_file     (const char   *path,
                                  const void   *data,
                                  gsize         length);
/* A PNG of any colour type and bit depth, made with libpng directly.
 * @samples holds width × height × channels values in the file's own
 * range (indices for palette images); @palette holds 3 × @n_palette bytes. */
GBytes   *nc_test_png_encode     (guint         width,
                                  guint         height,
                                  int           color_type,
                                  int           bit_depth,
                                  gboolean      interlaced,
                                  const guint16 *samples,
                                  const guint8  *palette,
                                  guint         n_palette,
                                  gboolean      with_trns);
/* Channels a PNG colour type stores (alpha counted). */
guint     nc_test_png_channels   (int           color_type);
/* A PNG signature and IHDR claiming @width × @height, with a valid CRC
 * and no image data. */
GBytes   *nc_test_png_header_only (guint32      width,
                                   guint32      height);
NcImage  *nc_test_pattern_image  (guint         width,
                                  guint         height,
                                  guint         channels,
                                  guint64       seed);
char     *nc_test_sha256_hex     (const NcImage *image);
/* The pages of a PDF held in memory (its "/Type /Page" objects). */
guint     nc_test_pdf_pages      (const char   *contents,
                                  gsize         length);

/* neurocipher-cli (NEUROCIPHER_CLI) run with @args, its exit status
 * and what it printed. */
typedef struct {
  int   status;
  char *out;
  char *err;
} NcTestRun;

void      nc_test_run_clear      (NcTestRun    *run);
void      nc_test_run_cli        (NcTestRun    *run,
                                  const char * const *args);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NcTestRun, nc_test_run_clear)

G_END_DECLS
