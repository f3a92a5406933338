/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The user guide (F1): docs/guide.md, shown as headings, paragraphs and
 * bullets. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NC_TYPE_GUIDE_WINDOW (nc_guide_window_get_type ())
G_DECLARE_FINAL_TYPE (NcGuideWindow, nc_guide_window, NC, GUIDE_WINDOW, AdwWindow)

NcGuideWindow *nc_guide_window_new          (GtkWindow     *parent);
guint          nc_guide_window_get_n_blocks (NcGuideWindow *self);
char          *nc_guide_markup_inline       (const char    *text);

G_END_DECLS
