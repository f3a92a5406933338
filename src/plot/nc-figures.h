/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The figures a view exports, composed from the renderers. */
#pragma once

#include "nc-metric-suite.h"
#include "nc-plot.h"

G_BEGIN_DECLS

typedef enum {
  NC_FIGURE_PANES,
  NC_FIGURE_HISTOGRAM,
  NC_FIGURE_SCATTER,
  NC_FIGURE_KEYFLIP,
  NC_FIGURE_METRICS,
  NC_FIGURE_ATTACKS,
  NC_N_FIGURES
} NcFigureKind;

/**
 * NcFigureData:
 * @plain: the plaintext
 * @cipher: (nullable): its ciphertext
 * @decrypted: (nullable): the ciphertext decrypted
 * @flipped_cipher: (nullable): the ciphertext under the key with one bit
 *   flipped
 * @wrong_plain: (nullable): the ciphertext decrypted with that key
 * @analysis: (nullable): the measures
 * @title: (nullable): names the engine and variant
 */
typedef struct {
  const NcImage    *plain;
  const NcImage    *cipher;
  const NcImage    *decrypted;
  const NcImage    *flipped_cipher;
  const NcImage    *wrong_plain;
  const NcAnalysis *analysis;
  const char       *title;
  guint             attack;      /* which of analysis->attacks the attacks figure shows */
} NcFigureData;

const char *nc_figure_kind_to_string   (NcFigureKind        kind);
gboolean    nc_figure_kind_from_string (const char         *text,
                                        NcFigureKind       *out,
                                        GError            **error);
void        nc_figure_default_size     (NcFigureKind        kind,
                                        double             *width_pt,
                                        double             *height_pt);
gboolean    nc_figure_write_kind       (NcFigureKind        kind,
                                        const NcFigureData *data,
                                        const char         *path,
                                        double              width_pt,
                                        double              height_pt,
                                        double              dpi,
                                        const char * const *metadata,
                                        GError            **error);
void        nc_figure_draw             (NcFigureKind        kind,
                                        const NcFigureData *data,
                                        cairo_t            *cr,
                                        double              width,
                                        double              height);

GPtrArray  *nc_figure_metrics_cells    (const NcAnalysis   *analysis);

/* The sweep figure: each metric swept, stacked, and beside them, for a
 * chaotic engine, the bifurcation diagram and Lyapunov exponent. */
void        nc_figure_draw_sweep       (const NcSweep      *sweep,
                                        const char         *title,
                                        cairo_t            *cr,
                                        double              width,
                                        double              height);
gboolean    nc_figure_write_sweep      (const NcSweep      *sweep,
                                        const char         *title,
                                        const char         *path,
                                        double              width_pt,
                                        double              height_pt,
                                        double              dpi,
                                        const char * const *metadata,
                                        GError            **error);

/* The noise figure: the damaged ciphertext and its decryption, and the
 * decryption's PSNR and SSIM over strengths for each engine. */
void        nc_figure_draw_noise       (const NcNoiseStudy *study,
                                        const char         *title,
                                        cairo_t            *cr,
                                        double              width,
                                        double              height);
gboolean    nc_figure_write_noise      (const NcNoiseStudy *study,
                                        const char         *title,
                                        const char         *path,
                                        double              width_pt,
                                        double              height_pt,
                                        double              dpi,
                                        const char * const *metadata,
                                        GError            **error);

G_END_DECLS
