/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "nc-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(NcApplication) application = NULL;

  setlocale (LC_ALL, "");
  g_set_application_name ("Neurocipher");
  application = nc_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
