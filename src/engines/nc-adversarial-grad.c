/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The training's building blocks: the Adam optimiser, the perceptrons'
 * forward and backward passes and random start, and the discriminators'
 * fixed first layer of patch statistics (nc-adversarial-train.c plays
 * the game with them). Every loop keeps one order of operations, so a
 * seed gives the same weights on every run. */
#include "nc-adversarial-private.h"

#include <math.h>
#include <string.h>

#include "nc-math.h"

void
nc_gan_adam_init (NcGanAdam  *adam,
                  gsize  n)
{
  adam->m = g_new0 (float, n);
  adam->v = g_new0 (float, n);
  adam->n = n;
  adam->t = 0;
}

void
nc_gan_adam_clear (NcGanAdam *adam)
{
  g_clear_pointer (&adam->m, g_free);
  g_clear_pointer (&adam->v, g_free);
}

void
nc_gan_adam_step (NcGanAdam        *adam,
                  float       *params,
                  const float *grad)
{
  float c1, c2;

  adam->t++;
  c1 = (float) (1.0 - pow (BETA1, adam->t));
  c2 = (float) (1.0 - pow (BETA2, adam->t));
  for (gsize i = 0; i < adam->n; i++)
    {
      adam->m[i] = BETA1 * adam->m[i] + (1.0f - BETA1) * grad[i];
      adam->v[i] = BETA2 * adam->v[i] + (1.0f - BETA2) * grad[i] * grad[i];
      params[i] -= LEARNING_RATE * (adam->m[i] / c1) / (sqrtf (adam->v[i] / c2) + 1e-8f);
    }
}

/* One sample through a perceptron; @hidden keeps the activations for
 * the backward pass. */
void
nc_gan_mlp_forward (const NcMlp *mlp,
                    const float *in,
                    float       *hidden,
                    float       *out)
{
  for (guint j = 0; j < mlp->n_hidden; j++)
    {
      const float *w = mlp->w1 + (gsize) j * mlp->n_in;
      float a = mlp->b1[j];

      for (guint i = 0; i < mlp->n_in; i++)
        a += w[i] * in[i];
      hidden[j] = mlp->leaky ? (a > 0.0f ? a : LEAK * a) : nc_tanhf (a);
    }
  for (guint o = 0; o < mlp->n_out; o++)
    {
      const float *w = mlp->w2 + (gsize) o * mlp->n_hidden;
      float a = mlp->b2[o];

      for (guint j = 0; j < mlp->n_hidden; j++)
        a += w[j] * hidden[j];
      out[o] = a;
    }
}

/* Adds this sample's gradient to @grad (laid out as the parameters) and,
 * when @din is given, sets the gradient with respect to the input. */
void
nc_gan_mlp_backward (const NcMlp *mlp,
                     float       *grad,
                     const float *in,
                     const float *hidden,
                     const float *dout,
                     float       *din)
{
  float *gw1 = grad;
  float *gb1 = gw1 + (gsize) mlp->n_hidden * mlp->n_in;
  float *gw2 = gb1 + mlp->n_hidden;
  float *gb2 = gw2 + (gsize) mlp->n_out * mlp->n_hidden;
  float dpre[NC_GAN_DISC_HIDDEN];

  g_assert (mlp->n_hidden <= NC_GAN_DISC_HIDDEN);
  for (guint j = 0; j < mlp->n_hidden; j++)
    dpre[j] = 0.0f;
  for (guint o = 0; o < mlp->n_out; o++)
    {
      const float *w = mlp->w2 + (gsize) o * mlp->n_hidden;
      float *gw = gw2 + (gsize) o * mlp->n_hidden;

      gb2[o] += dout[o];
      for (guint j = 0; j < mlp->n_hidden; j++)
        {
          gw[j] += dout[o] * hidden[j];
          dpre[j] += dout[o] * w[j];
        }
    }
  for (guint j = 0; j < mlp->n_hidden; j++)
    dpre[j] *= mlp->leaky ? (hidden[j] > 0.0f ? 1.0f : LEAK) : 1.0f - hidden[j] * hidden[j];
  if (din != NULL)
    memset (din, 0, mlp->n_in * sizeof (float));
  for (guint j = 0; j < mlp->n_hidden; j++)
    {
      const float *w = mlp->w1 + (gsize) j * mlp->n_in;
      float *gw = gw1 + (gsize) j * mlp->n_in;

      gb1[j] += dpre[j];
      for (guint i = 0; i < mlp->n_in; i++)
        gw[i] += dpre[j] * in[i];
      if (din != NULL)
        for (guint i = 0; i < mlp->n_in; i++)
          din[i] += dpre[j] * w[i];
    }
}

/* Glorot-uniform first layer; the output layer @out_scale times that, so
 * an untrained generator's output is faint and training is what makes
 * the cipher. */
void
nc_gan_mlp_randomize (NcMlp *mlp,
                      NcRng *rng,
                      float  out_scale)
{
  float a1 = sqrtf (6.0f / (float) (mlp->n_in + mlp->n_hidden));
  float a2 = out_scale * sqrtf (6.0f / (float) (mlp->n_hidden + mlp->n_out));

  for (gsize i = 0; i < (gsize) mlp->n_hidden * mlp->n_in; i++)
    mlp->w1[i] = a1 * (float) (2.0 * nc_rng_double (rng) - 1.0);
  for (gsize i = 0; i < (gsize) mlp->n_out * mlp->n_hidden; i++)
    mlp->w2[i] = a2 * (float) (2.0 * nc_rng_double (rng) - 1.0);
  memset (mlp->b1, 0, mlp->n_hidden * sizeof (float));
  memset (mlp->b2, 0, mlp->n_out * sizeof (float));
}

/* Positions of the two checkerboard halves of a patch. */
guint8 nc_gan_parity_positions[2][NC_GAN_HALF];

/* The adjacent pairs inside a patch: horizontal, vertical, diagonal. */
static guint8 pairs[N_PAIRS][2];

void
nc_gan_init_layout (void)
{
  guint n[2] = { 0, 0 };
  guint k = 0;

  for (guint y = 0; y < NC_GAN_PATCH; y++)
    for (guint x = 0; x < NC_GAN_PATCH; x++)
      {
        guint p = (x + y) & 1;
        guint8 i = (guint8) (y * NC_GAN_PATCH + x);

        nc_gan_parity_positions[p][n[p]++] = i;
        if (x + 1 < NC_GAN_PATCH)
          pairs[k][0] = i, pairs[k++][1] = i + 1;
        if (y + 1 < NC_GAN_PATCH)
          pairs[k][0] = i, pairs[k++][1] = i + NC_GAN_PATCH;
        if (x + 1 < NC_GAN_PATCH && y + 1 < NC_GAN_PATCH)
          pairs[k][0] = i, pairs[k++][1] = i + NC_GAN_PATCH + 1;
      }
  g_assert (k == N_PAIRS);
}

/* What the discriminator sees of a patch c (samples in [0, 1)): the
 * samples (2c − 1), their first harmonic (cos 2πc, sin 2πc), and for
 * every adjacent pair the product (2c_i − 1)(2c_j − 1) and the closeness
 * modulo 1, cos 2π(c_i − c_j). A fixed first layer: the statistics a
 * cryptanalyst checks first (histogram, adjacent correlation) are one
 * weight away, and the discriminator learns how to weigh them. */
#define TWO_PI 6.283185307179586

void
nc_gan_features_forward (const float *c,
                         float       *f)
{
  for (guint i = 0; i < NC_GAN_PATCH_SAMPLES; i++)
    {
      f[i] = 2.0f * c[i] - 1.0f;
      sincosf ((float) TWO_PI * c[i], &f[2 * NC_GAN_PATCH_SAMPLES + i], &f[NC_GAN_PATCH_SAMPLES + i]);
    }
  for (guint k = 0; k < N_PAIRS; k++)
    {
      float a = c[pairs[k][0]], b = c[pairs[k][1]];

      f[3 * NC_GAN_PATCH_SAMPLES + k] = (2.0f * a - 1.0f) * (2.0f * b - 1.0f);
      f[3 * NC_GAN_PATCH_SAMPLES + N_PAIRS + k] = cosf ((float) TWO_PI * (a - b));
    }
}

void
nc_gan_features_backward (const float *c,
                          const float *df,
                          float       *dc)
{
  for (guint i = 0; i < NC_GAN_PATCH_SAMPLES; i++)
    {
      float sn, cs;

      sincosf ((float) TWO_PI * c[i], &sn, &cs);
      dc[i] = 2.0f * df[i] - (float) TWO_PI * sn * df[NC_GAN_PATCH_SAMPLES + i]
              + (float) TWO_PI * cs * df[2 * NC_GAN_PATCH_SAMPLES + i];
    }
  for (guint k = 0; k < N_PAIRS; k++)
    {
      guint i = pairs[k][0], j = pairs[k][1];
      float dp = df[3 * NC_GAN_PATCH_SAMPLES + k];
      float dq = df[3 * NC_GAN_PATCH_SAMPLES + N_PAIRS + k]
                 * -(float) TWO_PI * sinf ((float) TWO_PI * (c[i] - c[j]));

      dc[i] += 2.0f * (2.0f * c[j] - 1.0f) * dp + dq;
      dc[j] += 2.0f * (2.0f * c[i] - 1.0f) * dp - dq;
    }
}
