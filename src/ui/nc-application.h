/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NC_TYPE_APPLICATION (nc_application_get_type ())
G_DECLARE_FINAL_TYPE (NcApplication, nc_application, NC, APPLICATION, AdwApplication)

NcApplication *nc_application_new (void);

G_END_DECLS
