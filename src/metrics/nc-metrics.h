/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The measures of the review's Section 3, one file each. Every function
 * takes the image first and works on one channel (0 … channels − 1) or,
 * where it says so, on all samples together (NC_ALL_CHANNELS). */
#pragma once

#include "nc-core.h"

G_BEGIN_DECLS

#define NC_ALL_CHANNELS (-1)

/* ---- Verdicts: every test decided once, where it is measured ---- */


typedef enum {
  NC_OUTCOME_NOT_APPLICABLE,
  NC_OUTCOME_PASS,
  NC_OUTCOME_FAIL,
} NcOutcome;

/**
 * NcVerdict:
 * @outcome: pass, fail, or not applicable (too few samples, no value)
 * @alpha: the significance level
 * @low: the value passes inside [@low, @high]; −∞ or +∞ for a
 *   one-sided test
 * @high: see @low
 */
typedef struct {
  NcOutcome outcome;
  double    alpha;
  double    low;
  double    high;
} NcVerdict;

/* The significance levels NPCR and UACI are judged at. */
#define NC_N_ALPHAS 3
extern const double nc_alphas[NC_N_ALPHAS];

const char *nc_outcome_to_string    (NcOutcome        outcome);
const char *nc_outcome_to_symbol    (NcOutcome        outcome);

/* Histogram uniformity: χ² over 256 bins, 255 degrees of freedom. */
#define NC_CHI_SQUARE_CRITICAL_005 293.2478

typedef struct {
  guint   channels;
  guint64 n;               /* samples per channel */
  guint64 counts[3][256];
} NcHistogram;

void     nc_metric_histogram        (const NcImage   *image,
                                     NcHistogram     *out);
double   nc_metric_chi_square       (const guint64    counts[256],
                                     guint64          n);

/* Shannon entropy (review eq. 13), in bits per sample. */
double   nc_metric_entropy_of_counts (const guint64   counts[256],
                                     guint64          n);
double   nc_metric_entropy          (const NcImage   *image,
                                     int              channel);
double   nc_metric_entropy_ideal    (guint64          n);

/* Local Shannon entropy (Wu et al. 2013): the mean entropy of k random
 * non-overlapping blocks of 44 × 44 = 1936 pixels. */
#define NC_LOCAL_ENTROPY_BLOCKS 30
#define NC_LOCAL_ENTROPY_SIDE 44
#define NC_LOCAL_ENTROPY_LOW 7.901515698
#define NC_LOCAL_ENTROPY_HIGH 7.903422936

gboolean nc_metric_local_entropy    (const NcImage   *image,
                                     guint            channel,
                                     guint64          seed,
                                     double          *out,
                                     GError         **error);
void     nc_metric_block_entropy_moments (guint64     n,
                                     double          *out_mean,
                                     double          *out_sd);
void     nc_metric_local_entropy_interval (double     alpha,
                                     double          *out_low,
                                     double          *out_high);

typedef enum {
  NC_DIRECTION_HORIZONTAL,
  NC_DIRECTION_VERTICAL,
  NC_DIRECTION_DIAGONAL,
} NcDirection;

const char *nc_direction_to_string  (NcDirection      direction);
guint64  nc_metric_correlation_n_pairs (const NcImage *image,
                                     NcDirection      direction);
gboolean nc_metric_cross_correlation (const NcImage  *a,
                                     const NcImage   *b,
                                     double          *out,
                                     GError         **error);
void     nc_metric_correlations     (const NcImage   *image,
                                     double           out[3][3]);
double   nc_metric_correlation      (const NcImage   *image,
                                     guint            channel,
                                     NcDirection      direction);
guint    nc_metric_sample_pairs     (const NcImage   *image,
                                     guint            channel,
                                     NcDirection      direction,
                                     guint            n,
                                     guint64          seed,
                                     guint8          *first,
                                     guint8          *second);

/* NPCR and UACI (Wu, Noonan & Agaian 2011), in percent. */
typedef struct {
  double npcr;
  double uaci;
} NcDifferential;

typedef struct {
  double alpha;
  double npcr_critical;    /* pass when NPCR > this */
  double uaci_low;         /* pass when UACI is inside [low, high] */
  double uaci_high;
} NcDifferentialCritical;

#define NC_NPCR_EXPECTED (100.0 * 255.0 / 256.0)
#define NC_UACI_EXPECTED (100.0 * 257.0 / 768.0)

/* NPCR and UACI judged at each of nc_alphas. */
typedef struct {
  NcVerdict npcr[NC_N_ALPHAS];
  NcVerdict uaci[NC_N_ALPHAS];
} NcDifferentialVerdicts;

gboolean nc_metric_differential     (const NcImage   *a,
                                     const NcImage   *b,
                                     int              channel,
                                     NcDifferential  *out,
                                     GError         **error);
void     nc_metric_differential_critical (guint64     n,
                                     double           alpha,
                                     NcDifferentialCritical *out);
double   nc_normal_quantile         (double           p);

NcVerdict nc_verdict_chi_square     (double           chi_square,
                                     guint64          n);
NcVerdict nc_verdict_local_entropy  (double           local_entropy);
NcVerdict nc_verdict_local_entropy_published (double   local_entropy);
NcVerdict nc_verdict_correlation    (double           r,
                                     guint64          n_pairs);
void     nc_verdict_differential    (const NcDifferential   *d,
                                     guint64                 n,
                                     NcDifferentialVerdicts *out);

/* Distortion between two images of one shape, over all samples. */
gboolean nc_metric_mse              (const NcImage   *a,
                                     const NcImage   *b,
                                     double          *out,
                                     GError         **error);
double   nc_metric_psnr_of_mse      (double           mse);

/* SSIM (review eq. 14; Wang et al. 2004): 11 × 11 Gaussian window with
 * σ = 1.5, K1 = 0.01, K2 = 0.03, L = 255, population covariances, mean
 * over the positions where the window lies inside the image, then over
 * channels. */
#define NC_SSIM_WINDOW 11
gboolean nc_metric_ssim             (const NcImage   *a,
                                     const NcImage   *b,
                                     double          *out,
                                     GError         **error);

/* Two images of one shape against each other (neurocipher-cli measure,
 * the window's Measure study): MSE, PSNR, SSIM, their correlation, and
 * NPCR/UACI with Wu's verdicts over all samples and per channel. */
typedef struct {
  double                 mse, psnr, ssim, correlation;
  NcDifferential         all;
  NcDifferentialVerdicts verdicts;
  guint                  channels;
  NcDifferential         channel[3];
  NcDifferentialVerdicts channel_verdicts[3];
} NcPairMeasures;

gboolean nc_metric_pair             (const NcImage   *a,
                                     const NcImage   *b,
                                     NcPairMeasures  *out,
                                     GError         **error);

G_END_DECLS

/* ---- Measures that need an engine (sensitivity, noise resistance) ---- */

#include "nc-engine.h"

G_BEGIN_DECLS

/**
 * NcKeySensitivity:
 * @bit: the key bit flipped
 * @ciphers: NPCR/UACI between the ciphertexts under K and under K with
 *   @bit flipped, over all samples
 * @wrong_entropy: entropy of the ciphertext decrypted with the flipped key
 * @wrong_correlation: its horizontal, vertical and diagonal correlation,
 *   averaged over channels
 * @wrong_psnr: its PSNR against the plaintext, in dB
 */
typedef struct {
  guint          bit;
  NcDifferential ciphers;
  double         wrong_entropy;
  double         wrong_correlation[3];
  double         wrong_psnr;
} NcKeySensitivity;

gboolean nc_metric_key_sensitivity  (const NcEngine   *engine,
                                     const NcParams   *key,
                                     const NcImage    *plain,
                                     const NcImage    *cipher,
                                     guint             bit,
                                     NcImage         **out_flipped_cipher,
                                     NcImage         **out_wrong_plain,
                                     NcKeySensitivity *out,
                                     GCancellable     *cancellable,
                                     GError          **error);
gboolean nc_metric_key_bit_curve    (const NcEngine   *engine,
                                     const NcParams   *key,
                                     const NcImage    *plain,
                                     double           *npcr,
                                     GCancellable     *cancellable,
                                     GError          **error);
gboolean nc_metric_plaintext_sensitivity (const NcEngine *engine,
                                     const NcParams   *key,
                                     const NcImage    *plain,
                                     const NcImage    *cipher,
                                     guint             x,
                                     guint             y,
                                     NcDifferential   *out,
                                     GCancellable     *cancellable,
                                     GError          **error);

/**
 * NcKeyParamSpace:
 * @index: the parameter's place in the schema
 * @id: its id
 * @bits: ⌈log2 L⌉, its share of the key's bit string
 * @bits_that_matter: those of @bits whose flip changes the ciphertext
 * @encoding_bits: log2 L
 * @effective_bits: what it adds to the effective key space
 * @slide: it only slides the keystream along (counts nothing)
 */
typedef struct {
  guint       index;
  const char *id;
  guint       bits;
  guint       bits_that_matter;
  double      encoding_bits;
  double      effective_bits;
  gboolean    slide;
} NcKeyParamSpace;

/**
 * NcKeySpace:
 * @nominal_bits: the review's formula (eq. 1–4)
 * @encoding_bits: Σ log2 L, the size of the key's encoding
 * @weak_share: share of random keys the weak-key check rejects
 * @weak_draws: random keys drawn for it (0: the engine has no check)
 * @npcr_critical: NPCR a key bit's flip must reach on the probe to count
 * @uncapped_bits: Σ effective + log2 (1 − weak share)
 * @state_bits: the engine's internal state that carries the key, when it
 *   is smaller than the key (0 otherwise)
 * @state_what: (nullable): what that state is
 * @effective_bits: @uncapped_bits, never above @nominal_bits nor
 *   @state_bits
 */
typedef struct {
  double           nominal_bits;
  double           encoding_bits;
  double           weak_share;
  guint            weak_draws;
  double           npcr_critical;
  double           uncapped_bits;
  double           state_bits;
  const char      *state_what;
  double           effective_bits;
  guint            n_params;
  NcKeyParamSpace *params;
} NcKeySpace;

gboolean nc_metric_key_space        (const NcEngine   *engine,
                                     const NcParams   *key,
                                     NcKeySpace       *out,
                                     GCancellable     *cancellable,
                                     GError          **error);
void     nc_key_space_clear         (NcKeySpace       *space);
void     nc_key_space_forget_weak_shares (void);
char    *nc_key_space_describe      (const NcKeySpace *space);
char    *nc_key_space_describe_params (const NcKeySpace *space);

typedef enum {
  NC_NOISE_SALT_AND_PEPPER,
  NC_NOISE_GAUSSIAN,
  NC_NOISE_OCCLUSION,
  NC_NOISE_CROP,
} NcNoise;

#define NC_N_NOISES 4

const char *nc_noise_to_string      (NcNoise          noise);
const char *nc_noise_label          (NcNoise          noise);
gboolean    nc_noise_from_string    (const char      *text,
                                     NcNoise         *out,
                                     GError         **error);
double      nc_noise_default_max    (NcNoise          noise);
void     nc_noise_apply             (NcImage         *image,
                                     NcNoise          noise,
                                     double           strength,
                                     guint64          seed);
gboolean nc_metric_noise_resistance (const NcEngine   *engine,
                                     const NcParams   *key,
                                     const NcImage    *plain,
                                     const NcImage    *cipher,
                                     NcNoise          noise,
                                     double           strength,
                                     guint64          seed,
                                     double          *out_psnr,
                                     double          *out_ssim,
                                     GCancellable     *cancellable,
                                     GError          **error);

G_END_DECLS
