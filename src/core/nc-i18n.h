/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Translation in the library: its strings are in the application's
 * domain, so _() here looks them up there whichever program (the
 * workbench or the command line) bound it. Static tables mark theirs
 * with N_() and are translated where they are shown (nc_tr(), in
 * nc-param.h). */
#pragma once

#include "config.h"

#include <glib/gi18n-lib.h>
