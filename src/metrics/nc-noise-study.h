/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Noise resistance studied: one damage at one strength, shown as the
 * damaged ciphertext and its decryption; and the decryption's PSNR and
 * SSIM over strengths, for the key's engine and for others beside it. */
#pragma once

#include <gio/gio.h>

#include "nc-engine.h"
#include "nc-metrics.h"

G_BEGIN_DECLS

#define NC_NOISE_STUDY_POINTS 8

typedef struct {
  const NcEngine *engine;
  char           *label;
  double          psnr[NC_NOISE_STUDY_POINTS];
  double          ssim[NC_NOISE_STUDY_POINTS];
} NcNoiseCurve;

typedef struct {
  NcNoise       damage;
  double        strength;
  guint64       seed;
  NcImage      *damaged;       /* the ciphertext, damaged */
  NcImage      *decrypted;     /* and decrypted */
  double        psnr, ssim;    /* of @decrypted against the plaintext */
  double        strengths[NC_NOISE_STUDY_POINTS];
  guint         n_curves;      /* the first is the key's engine */
  NcNoiseCurve *curves;
} NcNoiseStudy;

typedef void (*NcNoiseStudyProgress) (guint    done,
                                      guint    total,
                                      gpointer data);

NcNoiseStudy *nc_noise_study_run  (const NcEngine      *engine,
                                   const NcParams      *key,
                                   const NcImage       *plain,
                                   NcNoise              damage,
                                   double               strength,
                                   guint64              seed,
                                   const char * const  *overlay,
                                   NcNoiseStudyProgress progress,
                                   gpointer             progress_data,
                                   GCancellable        *cancellable,
                                   GError             **error);
void          nc_noise_study_free (NcNoiseStudy        *study);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NcNoiseStudy, nc_noise_study_free)

G_END_DECLS
