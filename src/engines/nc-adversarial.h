/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The adversarial family's networks: small two-layer perceptrons, their
 * versioned weights file, and the adversarial training that makes the
 * generators. The engine (nc-engine-adversarial.c) runs the generators;
 * the trainer fits them against discriminators.
 *
 * Every generator works on 8 × 8 patches of one channel plane. Its input
 * is the key z (NC_GAN_LATENT values in [−1, 1]), a per-patch noise code
 * drawn from z (NC_GAN_NOISE values), and, for the coupling generators,
 * the 32 samples of the patch's unchanged half (checkerboard split).
 * Its output, taken modulo 1, is added to the other samples. */
#pragma once

#include <gio/gio.h>

#include "nc-core.h"

G_BEGIN_DECLS

#define NC_GAN_PATCH 8
#define NC_GAN_PATCH_SAMPLES (NC_GAN_PATCH * NC_GAN_PATCH)
#define NC_GAN_HALF (NC_GAN_PATCH_SAMPLES / 2)
#define NC_GAN_LATENT 8                 /* D */
#define NC_GAN_LATENT_LEVELS 65536      /* V */
#define NC_GAN_NOISE 8
#define NC_GAN_HIDDEN 32                /* coupling generators */
/* The perturbation generator makes 64 outputs from its hidden layer:
 * with fewer hidden units than outputs they would be linearly dependent
 * before the modulo, and their residual correlation shows. */
#define NC_GAN_PERTURBATION_HIDDEN 64
#define NC_GAN_MAX_HIDDEN 64
#define NC_GAN_DISC_HIDDEN 64
#define NC_GAN_DIRECT_STEPS 4
#define NC_GAN_WEIGHTS_VERSION 1
/* The ciphertext's text chunk naming the generators' checksum. */
#define NC_GAN_WEIGHTS_METADATA "neurocipher:weights"
/* Training steps in which only the discriminators learn. */
#define NC_GAN_WARM_UP 50

typedef enum {
  NC_GAN_PERTURBATION,
  NC_GAN_TRANSFORMATION,
  NC_GAN_DIRECT,
  NC_GAN_N_VARIANTS,
} NcGanVariant;

const char *nc_gan_variant_label (NcGanVariant variant);

/**
 * NcMlp:
 *
 * out = W2 · act(W1 · in + b1) + b2, act = tanh (generators) or leaky
 * ReLU with slope 0.2 (discriminators). The four arrays are views into
 * one block, @params, of @n_params floats, in the order w1, b1, w2, b2;
 * W1 is n_hidden × n_in, row-major.
 */
typedef struct {
  guint   n_in, n_hidden, n_out;
  gboolean leaky;
  float  *params;
  gsize   n_params;
  float  *w1, *b1, *w2, *b2;
} NcMlp;

void   nc_mlp_init      (NcMlp       *mlp,
                         guint        n_in,
                         guint        n_hidden,
                         guint        n_out,
                         gboolean     leaky);
void   nc_mlp_clear     (NcMlp       *mlp);
void   nc_mlp_copy      (NcMlp       *dest,
                         const NcMlp *src);

/* The input width of a generator of @variant. */
guint  nc_gan_generator_inputs (NcGanVariant variant);
/* How many coupling steps (or 1 for the perturbation) the variant runs,
 * and which generator runs step @step. */
guint  nc_gan_variant_steps    (NcGanVariant variant);

typedef struct _NcGanWeights NcGanWeights;

struct _NcGanWeights {
  gatomicrefcount ref;
  NcMlp  perturbation;
  NcMlp  transformation;
  NcMlp  direct[NC_GAN_DIRECT_STEPS];
  char  *provenance;     /* how they were made: seed, epochs, images */
  char   checksum[65];   /* SHA-256 of the file they were read from, hex */
};

NcGanWeights *nc_gan_weights_new          (void);
NcGanWeights *nc_gan_weights_copy         (const NcGanWeights *weights);
NcGanWeights *nc_gan_weights_ref          (NcGanWeights       *weights);
void          nc_gan_weights_unref        (NcGanWeights       *weights);
const NcMlp  *nc_gan_weights_generator    (const NcGanWeights *weights,
                                           NcGanVariant        variant,
                                           guint               step);
GBytes       *nc_gan_weights_serialize    (NcGanWeights       *weights);
NcGanWeights *nc_gan_weights_parse        (GBytes             *bytes,
                                           const char         *name,
                                           GError            **error);
NcGanWeights *nc_gan_weights_load         (const char         *path,
                                           GError            **error);
gboolean      nc_gan_weights_save         (NcGanWeights       *weights,
                                           const char         *path,
                                           GError            **error);

/* The weights the adversarial engine runs with travel with the key:
 * the shipped ones unless nc_gan_weights_attach() set others on it. */
NcGanWeights *nc_gan_weights_dup_shipped  (GError            **error);
NcGanWeights *nc_gan_weights_dup_for_key  (const NcParams     *key,
                                           GError            **error);
void          nc_gan_weights_attach       (NcParams           *key,
                                           NcGanWeights       *weights);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NcGanWeights, nc_gan_weights_unref)

/* Training. */

typedef struct {
  double g_loss;       /* non-saturating generator loss, −log D(G) */
  double d_loss;       /* discriminator cross-entropy, real + fake */
  double d_accuracy;   /* share of real and generated patches D gets right */
} NcGanStats;

typedef struct _NcGanTrainer NcGanTrainer;

NcGanTrainer *nc_gan_trainer_new          (guint64             seed,
                                           GPtrArray          *images,
                                           GError            **error);
void          nc_gan_trainer_free         (NcGanTrainer       *trainer);
guint         nc_gan_trainer_get_n_patches (NcGanTrainer      *trainer);
guint         nc_gan_trainer_get_steps_per_epoch (NcGanTrainer *trainer);
guint         nc_gan_trainer_get_epoch    (NcGanTrainer       *trainer);
void          nc_gan_trainer_step         (NcGanTrainer       *trainer,
                                           NcGanStats          stats[NC_GAN_N_VARIANTS]);
gboolean      nc_gan_trainer_run_epoch    (NcGanTrainer       *trainer,
                                           NcGanStats          mean[NC_GAN_N_VARIANTS],
                                           GCancellable       *cancellable);
NcGanWeights *nc_gan_trainer_dup_weights  (NcGanTrainer       *trainer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NcGanTrainer, nc_gan_trainer_free)

GPtrArray    *nc_gan_load_training_images (const char * const *paths,
                                           GError            **error);

G_END_DECLS
