/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every harness shares: a critical (a broken precondition) aborts,
 * so libFuzzer keeps the input that caused it. Not those gdk-pixbuf's
 * own loaders raise on hostile files: a GIF frame of width 0 makes its
 * GIF loader call gdk_pixbuf_calculate_rowstride (0) (the input is in
 * corpus/image/regress-gif-zero-width-frame.gif; the load then fails
 * cleanly). They are not ours to fix, and ASan still catches any memory
 * error they would lead to. */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static GLogWriterOutput
nc_fuzz_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  const char *domain = NULL;

  (void) user_data;
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      domain = fields[i].value;
  if ((log_level & G_LOG_LEVEL_CRITICAL) && g_strcmp0 (domain, "GdkPixbuf") == 0)
    return G_LOG_WRITER_HANDLED;
  if (log_level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, NULL);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  (void) argc;
  (void) argv;
  g_log_set_writer_func (nc_fuzz_log_writer, NULL, NULL);
  return 0;
}
