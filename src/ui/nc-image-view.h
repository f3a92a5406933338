/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "nc-core.h"

G_BEGIN_DECLS

#define NC_TYPE_IMAGE_VIEW (nc_image_view_get_type ())
G_DECLARE_FINAL_TYPE (NcImageView, nc_image_view, NC, IMAGE_VIEW, GtkWidget)

GtkWidget *nc_image_view_new        (void);
NcImage   *nc_image_view_get_image  (NcImageView *self);
void       nc_image_view_set_image  (NcImageView *self,
                                     NcImage     *image);
void         nc_image_view_set_image_surface (NcImageView     *self,
                                              NcImage         *image,
                                              cairo_surface_t *surface);

gboolean     nc_image_view_press_key  (NcImageView *self,
                                       guint        keyval);

G_END_DECLS
