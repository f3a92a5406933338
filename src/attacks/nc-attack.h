/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The attack lab: what breaks a cipher, beside what the statistics say.
 *
 * An attacker gets an encryption oracle for an unknown key (NcOracle:
 * it encrypts chosen images and counts the calls), the image's shape and
 * a target ciphertext; never the key. The oracle is opaque: only
 * nc-oracle.c sees the key, and the attacks (one file each,
 * nc-attack-*.c) see the oracle alone. */
#pragma once

#include <gio/gio.h>

#include "nc-engine.h"

G_BEGIN_DECLS

typedef struct _NcOracle NcOracle;

NcOracle *nc_oracle_new          (const NcEngine *engine,
                                  const NcParams *key);
void      nc_oracle_free         (NcOracle       *oracle);
NcImage  *nc_oracle_encrypt      (NcOracle       *oracle,
                                  const NcImage  *chosen,
                                  GCancellable   *cancellable,
                                  GError        **error);
guint     nc_oracle_get_calls    (NcOracle       *oracle);
void      nc_oracle_set_budget   (NcOracle       *oracle,
                                  guint           calls);
gboolean  nc_oracle_can_afford   (NcOracle       *oracle,
                                  guint           calls);
guint     nc_oracle_get_budget   (NcOracle       *oracle);
guint     nc_oracle_get_key_bits (NcOracle       *oracle);
guint     nc_oracle_get_trials   (NcOracle       *oracle);
gboolean  nc_oracle_try_reduced  (NcOracle       *oracle,
                                  guint           unknown,
                                  guint64         candidate,
                                  const NcImage  *plain,
                                  NcImage       **out,
                                  GCancellable   *cancellable,
                                  GError        **error);
NcImage  *nc_oracle_decrypt_reduced (NcOracle    *oracle,
                                  guint           unknown,
                                  guint64         candidate,
                                  const NcImage  *target,
                                  GCancellable   *cancellable,
                                  GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NcOracle, nc_oracle_free)

/**
 * NcAttackResult:
 * @broken: the attack's own check held: the model of the cipher it
 *   recovered predicts the oracle's ciphertext of a fresh random image
 *   on every sample. %FALSE says only "not broken by this attack with
 *   @chosen_images images", never that the cipher is secure.
 * @chosen_images: chosen plaintexts the attack encrypted
 * @oracle_calls: calls to the oracle
 * @recovered: (nullable): the attack's reading of the target
 * @recovered_share: share of the target's samples recovered exactly
 *   (measured against the true plaintext by nc_attack_run(), outside
 *   the attack); NAN when the plaintext is not known
 * @seconds: how long the attack took
 * @summary: one sentence on what was shown
 * @estimate: the verdict is an estimate, not a demonstration (brute force)
 * @chosen: (element-type NcImage): the chosen images, in order
 * @chosen_ciphers: (element-type NcImage): the oracle's ciphertext of each
 */
typedef struct {
  const char *attack;
  gboolean    broken;
  guint       chosen_images;
  guint       oracle_calls;
  NcImage    *recovered;
  double      recovered_share;
  double      seconds;
  char       *summary;
  gboolean    estimate;
  GPtrArray  *chosen;
  GPtrArray  *chosen_ciphers;
} NcAttackResult;

void nc_attack_result_clear        (NcAttackResult *result);
void nc_attack_result_drop_images (NcAttackResult *result);

/* One attack: from the oracle and the target ciphertext, fills @out's
 * broken, chosen_images, recovered and summary. */
typedef gboolean (*NcAttackFunc) (NcOracle       *oracle,
                                  const NcImage  *target,
                                  NcAttackResult *out,
                                  GCancellable   *cancellable,
                                  GError        **error);

typedef struct {
  const char   *id;
  const char   *name;
  const char   *summary;
  NcAttackFunc  run;
} NcAttack;

const NcAttack * const *nc_attacks_list (guint *n_attacks);
const NcAttack         *nc_attack_find  (const char *id,
                                         GError    **error);
gboolean nc_attack_run (const NcAttack *attack,
                        NcOracle       *oracle,
                        const NcImage  *target,
                        const NcImage  *plain,
                        NcAttackResult *out,
                        GCancellable   *cancellable,
                        GError        **error);

/* ---- What the attacks share (nc-attacks.c) ---- */

/* How a keystream may be combined with the samples. */
typedef enum {
  NC_COMBINE_ADD,   /* c = p + k mod 256 */
  NC_COMBINE_XOR,   /* c = p ⊕ k */
} NcCombine;

#define NC_N_COMBINES 2

guint8   nc_combine_apply   (NcCombine combine,
                             guint8    p,
                             guint8    k);
guint8   nc_combine_remove  (NcCombine combine,
                             guint8    c,
                             guint8    k);
const char *nc_combine_to_string (NcCombine combine);
NcImage *nc_attack_image_like (const NcImage *target,
                               guint8         fill,
                               GError       **error);
NcImage *nc_attack_check_image (const NcImage *target,
                                GError       **error);
gboolean nc_attack_check_deterministic (NcOracle      *oracle,
                                        NcAttackResult *out,
                                        const NcImage *image,
                                        const NcImage *cipher,
                                        gboolean      *deterministic,
                                        GCancellable  *cancellable,
                                        GError       **error);
const char *nc_attack_small_caveat (const NcImage *target);
gboolean nc_attack_fit_keystream (const NcImage *plain,
                                  const NcImage *cipher,
                                  const NcImage *check,
                                  const NcImage *check_cipher,
                                  NcCombine     *found);
NcImage *nc_attack_read_keystream (NcCombine      combine,
                                   const NcImage *plain,
                                   const NcImage *cipher,
                                   const NcImage *target,
                                   GError       **error);
NcImage *nc_attack_ask      (NcOracle       *oracle,
                             NcAttackResult *out,
                             const NcImage  *chosen,
                             GCancellable   *cancellable,
                             GError        **error);

G_END_DECLS
