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
void             nc_plot_image           (cairo_t       *cr,
                                          const NcImage *image,
                                          double         x,
                                          double         y,
                                          double         width,
                                          double         height);

G_END_DECLS
