/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "nc-core.h"

G_BEGIN_DECLS

#define NC_TYPE_WINDOW (nc_window_get_type ())
G_DECLARE_FINAL_TYPE (NcWindow, nc_window, NC, WINDOW, AdwApplicationWindow)

NcWindow   *nc_window_new         (AdwApplication *application);
void        nc_window_open        (NcWindow       *self,
                                   GFile          *file);
NcImage    *nc_window_get_image   (NcWindow       *self);
GFile      *nc_window_get_file    (NcWindow       *self);
gboolean    nc_window_get_loading (NcWindow       *self);

char       *nc_samples_dir        (void);

G_END_DECLS
