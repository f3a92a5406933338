/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the adversarial training's two files share. */
#pragma once

#include "nc-adversarial.h"

G_BEGIN_DECLS

#define LEARNING_RATE 1e-3f
#define BETA1 0.5f
#define BETA2 0.999f
#define LEAK 0.2f

/* Adjacent sample pairs of a patch (horizontal, vertical, diagonal), and
 * the discriminators' fixed first layer: the samples, cos and sin 2πc,
 * and for every pair the product and cos 2π(c_i − c_j). */
#define N_PAIRS (2 * NC_GAN_PATCH * (NC_GAN_PATCH - 1) + (NC_GAN_PATCH - 1) * (NC_GAN_PATCH - 1))
#define N_FEATURES (3 * NC_GAN_PATCH_SAMPLES + 2 * N_PAIRS)

typedef struct {
  float  *m, *v;
  gsize   n;
  guint   t;
} NcGanAdam;

/* The samples of each checkerboard half of a patch. */
extern guint8 nc_gan_parity_positions[2][NC_GAN_HALF];

void nc_gan_adam_init         (NcGanAdam   *adam,
                               gsize        n);
void nc_gan_adam_clear        (NcGanAdam   *adam);
void nc_gan_adam_step         (NcGanAdam   *adam,
                               float       *params,
                               const float *grad);
void nc_gan_mlp_forward       (const NcMlp *mlp,
                               const float *in,
                               float       *hidden,
                               float       *out);
void nc_gan_mlp_backward      (const NcMlp *mlp,
                               float       *grad,
                               const float *in,
                               const float *hidden,
                               const float *dout,
                               float       *din);
void nc_gan_mlp_randomize     (NcMlp       *mlp,
                               NcRng       *rng,
                               float        out_scale);
void nc_gan_init_layout       (void);
void nc_gan_features_forward  (const float *c,
                               float       *f);
void nc_gan_features_backward (const float *c,
                               const float *df,
                               float       *dc);

G_END_DECLS
