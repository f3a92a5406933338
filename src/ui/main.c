/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <malloc.h>

#include "nc-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(NcApplication) application = NULL;

  /* Every live update allocates and frees images of the same sizes
   * (786 KB at 512 × 512 RGB). glibc serves blocks that size with mmap at
   * first and raises the threshold only after a few frees, and each
   * munmap makes the kernel interrupt the other core to flush its TLB:
   * the first second of a drag stalled the interface for 50 ms at a time.
   * Fixed thresholds keep such blocks in the heap from the start. */
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 128 * 1024 * 1024);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Neurocipher"));
  application = nc_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
