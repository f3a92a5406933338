/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The suite: every measure that applies, in one structure that the
 * workbench, the CLI and the figures read. */
#pragma once

#include "nc-attack.h"
#include "nc-metrics.h"

G_BEGIN_DECLS

#define NC_SUITE_DEFAULT_PAIRS 3000
#define NC_SUITE_DEFAULT_SEED 1

/* Measures of one image. */
typedef struct {
  guint        channels;
  guint64      n;                      /* samples per channel */
  NcHistogram  histogram;
  double       entropy[3];
  double       entropy_all;
  double       entropy_ideal;          /* of n uniform samples */
  double       chi_square[3];
  NcVerdict    chi_square_verdict[3];
  gboolean     local_entropy_valid;    /* FALSE for images under 30 blocks */
  double       local_entropy[3];
  NcVerdict    local_entropy_verdict[3];      /* the interval derived here */
  NcVerdict    local_entropy_published[3];    /* Wu et al.'s, shown beside it */
  double       correlation[3][3];      /* [channel][NcDirection] */
  NcVerdict    correlation_verdict[3][3];
  guint        n_pairs;
  guint8      *pairs[3][3][2];         /* [channel][direction][first, second] */
} NcImageStats;

void     nc_image_stats_compute    (const NcImage  *image,
                                    guint           n_pairs,
                                    guint64         seed,
                                    NcImageStats   *out);
void     nc_image_stats_clear      (NcImageStats   *stats);
void     nc_image_stats_copy       (NcImageStats       *dest,
                                    const NcImageStats *src);

/**
 * NcAnalysisFlags:
 * @NC_ANALYSIS_LIVE: what the workbench recomputes while a slider moves:
 *   statistics, decryption and key sensitivity
 * @NC_ANALYSIS_ATTACKS: also the attack lab, against an oracle for the
 *   key (the full analysis runs it too)
 * @NC_ANALYSIS_FULL: also plaintext sensitivity, SSIM of the decrypted
 *   image and of the ciphertext against the plaintext (eq. 14), the
 *   effective key space, the noise grid and the engine's weak-key check
 * @NC_ANALYSIS_TWO_NOISES: with @NC_ANALYSIS_FULL, of the noise grid
 *   only the two damages Compare shows (1 % salt and pepper, a 1/16
 *   occlusion), the other seven NAN, and no SSIM of the exact decryption
 *   (NAN): what Compare reads, at a quarter of the grid's cost
 * @NC_ANALYSIS_NO_KEY_FLIP: a live update leaves out key sensitivity
 *   (the key-flip pair: an encryption and a decryption more), for a
 *   view that does not show it; the full analysis measures it whatever
 *   this says
 */
typedef enum {
  NC_ANALYSIS_LIVE = 0,
  NC_ANALYSIS_FULL = 1 << 0,
  NC_ANALYSIS_ATTACKS = 1 << 1,
  NC_ANALYSIS_TWO_NOISES = 1 << 2,
  NC_ANALYSIS_NO_KEY_FLIP = 1 << 3,
} NcAnalysisFlags;

/* Room for every attack of the lab, and the oracle calls they may make
 * in one analysis. */
#define NC_ANALYSIS_MAX_ATTACKS 8
#define NC_ANALYSIS_ATTACK_BUDGET 48
/* Larger images are attacked on their central square of this side. */
#define NC_ANALYSIS_ATTACK_SIDE 512

typedef struct {
  NcImageStats             plain;
  gboolean                 has_cipher;
  NcImageStats             cipher;
  /* With an engine and key: */
  gboolean                 has_engine;
  gboolean                 full;           /* NC_ANALYSIS_FULL was asked */
  double                   nominal_key_bits;
  double                   encoding_key_bits;  /* Σ log2 L over the key parameters */
  gboolean                 has_key_space;      /* with NC_ANALYSIS_FULL: */
  NcKeySpace               key_space;          /* the effective key space, measured */
  guint                    key_bits;
  double                   encrypt_ms;
  gboolean                 exact;          /* decrypt(encrypt(P)) == P */
  /* Key sensitivity, unless NC_ANALYSIS_NO_KEY_FLIP left it out (then
   * has_key_flip is FALSE, the numbers NAN and the pair NULL): */
  gboolean                 has_key_flip;
  NcKeySensitivity         key;
  NcDifferentialVerdicts   key_verdicts;
  NcDifferential           plaintext;        /* with NC_ANALYSIS_FULL */
  NcDifferentialVerdicts   plaintext_verdicts;
  /* Between the plaintext and the decrypted image: */
  double                   mse, psnr, ssim;
  /* Distortion (review eq. 14), between the plaintext and the
   * ciphertext; SSIM with NC_ANALYSIS_FULL only, NAN otherwise: */
  double                   distortion_mse, distortion_psnr, distortion_ssim;
  /* Decrypting a damaged ciphertext: [NcNoise][strength]. */
  double                   noise_psnr[3][3];
  double                   noise_ssim[3][3];
  /* The images behind the measures (with an engine), owned: */
  NcImage                 *cipher_image;
  NcImage                 *decrypted;
  NcImage                 *flipped_cipher;   /* key bit key.bit flipped */
  NcImage                 *wrong_plain;      /* decrypted with that key */
  char                    *warning;          /* the engine's weak-key warning */
  /* What breaks it, with NC_ANALYSIS_ATTACKS or NC_ANALYSIS_FULL: each
   * attack of nc_attacks_list() against an oracle for the key, its
   * target the ciphertext above (of the central 512 × 512 of a larger
   * image). */
  guint                    n_attacks;
  NcAttackResult           attacks[NC_ANALYSIS_MAX_ATTACKS];
  NcImage                 *attack_plain;     /* what the attacks saw (the central */
  NcImage                 *attack_target;    /* crop of a large image), owned */
} NcAnalysis;

extern const double nc_suite_noise_strengths[3][3];
/* The strength of nc_suite_noise_strengths the summaries show (Compare,
 * the metrics figure, lessons): 1 % salt and pepper, a 1/16 occlusion. */
#define NC_SUITE_SHOWN_NOISE 1

gboolean nc_analysis_run           (const NcImage  *plain,
                                    const NcImage  *cipher,
                                    const NcEngine *engine,
                                    const NcParams *key,
                                    guint           key_bit,
                                    NcAnalysisFlags flags,
                                    NcAnalysis     *out,
                                    GCancellable   *cancellable,
                                    GError        **error);
gboolean nc_analysis_run_with_plain (const NcImage      *plain,
                                    const NcImageStats *plain_stats,
                                    const NcImage      *cipher,
                                    const NcEngine     *engine,
                                    const NcParams     *key,
                                    guint               key_bit,
                                    NcAnalysisFlags     flags,
                                    NcAnalysis         *out,
                                    GCancellable       *cancellable,
                                    GError            **error);
void     nc_analysis_drop_images   (NcAnalysis     *analysis);
void     nc_analysis_clear         (NcAnalysis     *analysis);

G_END_DECLS
