/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "nc-application.h"
#include "nc-image.h"
#include "nc-parallel.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(NcApplication) application = NULL;

  nc_tune_allocator ();
  /* The pool's threads work below the interface, as the live worker does. */
  nc_parallel_set_background (10);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Neurocipher"));
  application = nc_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
