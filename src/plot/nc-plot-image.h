/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "nc-core.h"

G_BEGIN_DECLS

cairo_surface_t *nc_plot_image_surface   (const NcImage *image);
void             nc_plot_image_fit       (cairo_t       *cr,
                                          cairo_surface_t *surface,
                                          double         x,
                                          double         y,
                                          double         width,
                                          double         height);
void             nc_plot_image_drawn_size (cairo_t      *cr,
                                          guint         image_width,
                                          guint         image_height,
                                          double        width,
                                          double        height,
                                          guint        *out_width,
                                          guint        *out_height);
guint            nc_plot_sample_index    (guint          i,
                                          guint          n,
                                          guint          size);
void             nc_plot_image           (cairo_t       *cr,
                                          const NcImage *image,
                                          double         x,
                                          double         y,
                                          double         width,
                                          double         height);

G_END_DECLS
