/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reference cipher: ChaCha20 (RFC 8439, libsodium) XORed over the samples.
 * Not neural, and with no diffusion between pixels: every measure of the
 * neural engines can be read against a standard stream cipher. */
#include "nc-engine.h"
#include "nc-i18n.h"

#include <sodium.h>

#define WORD(n, label, def, help_text) \
  { "k" #n, label, NC_PARAM_INT, 0, 4294967295.0, 1, def, "", \
    help_text, TRUE, NULL, 0, FALSE, FALSE }
#define NONCE(n, label) \
  { "nonce" #n, label, NC_PARAM_INT, 0, 4294967295.0, 1, 0, "", \
    N_("32 bits of the 96-bit nonce; public, drawn anew for every image while Fresh " \
       "nonce is on (the ciphertext records it); never reuse a key and nonce pair"), \
    FALSE, NULL, 0, TRUE, FALSE }

static const NcParamSpec chacha20_params[] = {
  WORD (0, N_("Key word 0"), 0, N_("Bits 0–31 of the 256-bit key")),
  WORD (1, N_("Key word 1"), 0, N_("Bits 32–63 of the 256-bit key")),
  WORD (2, N_("Key word 2"), 0, N_("Bits 64–95 of the 256-bit key")),
  WORD (3, N_("Key word 3"), 0, N_("Bits 96–127 of the 256-bit key")),
  WORD (4, N_("Key word 4"), 0, N_("Bits 128–159 of the 256-bit key")),
  WORD (5, N_("Key word 5"), 0, N_("Bits 160–191 of the 256-bit key")),
  WORD (6, N_("Key word 6"), 0, N_("Bits 192–223 of the 256-bit key")),
  WORD (7, N_("Key word 7"), 0, N_("Bits 224–255 of the 256-bit key")),
  { NC_PARAM_NONCE_ID, N_("Fresh nonce"), NC_PARAM_FLAG, 0, 1, 1, 1, "",
    N_("Draw a new random 96-bit nonce for every image. Off, the nonce words are used as they "
    "are for every image: one keystream for all, which one chosen image reveals"),
    FALSE, NULL, 0, FALSE, FALSE },
  NONCE (0, N_("Nonce word 0")),
  NONCE (1, N_("Nonce word 1")),
  NONCE (2, N_("Nonce word 2")),
};

/* Bytes XORed between cancellation checks: a multiple of the 64-byte
 * block, so the block counter advances exactly. */
#define CHUNK_BYTES (1u << 20)

static void
store_words (const NcParams *key,
             const char     *prefix,
             guint           n_words,
             guint8         *out)
{
  for (guint i = 0; i < n_words; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s%u", prefix, i);
      guint32 word = (guint32) nc_params_get (key, id);

      out[4 * i + 0] = (guint8) word;
      out[4 * i + 1] = (guint8) (word >> 8);
      out[4 * i + 2] = (guint8) (word >> 16);
      out[4 * i + 3] = (guint8) (word >> 24);
    }
}

/* XOR is its own inverse: encrypt and decrypt are the same call. */
static gboolean
chacha20_xor (const NcEngine *engine,
              const NcParams *key,
              const NcImage  *input,
              NcImage        *output,
              gboolean        decrypt,
              GCancellable   *cancellable,
              GError        **error)
{
  guint8 key_bytes[crypto_stream_chacha20_ietf_KEYBYTES];
  guint8 nonce[crypto_stream_chacha20_ietf_NONCEBYTES];
  gsize total = nc_image_get_n_bytes (input);
  guint32 block = 0;

  (void) engine;
  (void) decrypt;
  G_STATIC_ASSERT (CHUNK_BYTES % 64 == 0);

  nc_crypto_init ();
  store_words (key, "k", 8, key_bytes);
  store_words (key, "nonce", 3, nonce);

  for (gsize done = 0; done < total; done += CHUNK_BYTES)
    {
      gsize length = MIN (CHUNK_BYTES, total - done);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sodium_memzero (key_bytes, sizeof key_bytes);
          return FALSE;
        }
      crypto_stream_chacha20_ietf_xor_ic (output->data + done, input->data + done,
                                          length, nonce, block, key_bytes);
      block += CHUNK_BYTES / 64;
    }
  sodium_memzero (key_bytes, sizeof key_bytes);
  return TRUE;
}

static double
chacha20_nominal_bits (const NcEngine *engine,
                       const NcParams *key,
                       guint64         n_pixels)
{
  (void) engine;
  (void) key;
  (void) n_pixels;
  return 256.0;
}

const NcEngine nc_engine_chacha20 = {
  .id = "chacha20",
  .name = N_("ChaCha20"),
  .family = NC_FAMILY_REFERENCE,
  .summary = N_("The ChaCha20 stream cipher (RFC 8439) XORed over every sample: "
             "a standard cipher to read the neural ones against."),
  .schema = { "chacha20", chacha20_params, G_N_ELEMENTS (chacha20_params) },
  .nominal_formula = N_("K = 2^256 (256-bit key)"),
  .nominal_key_bits = chacha20_nominal_bits,
  .crypt = chacha20_xor,
};
