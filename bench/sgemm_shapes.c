// The matrix products of one half batch of the addition model's training, as unrolled makes
// them (listed by logging Matrix.multiply for one batch of `bench-training --shape addition`),
// timed back to back through the same OpenBLAS on one thread: the least time a half batch's
// products take, with every operand in cache. docs/performance.md uses it to say how much
// of a half batch is OpenBLAS and how much is everything else. A layer that starts from
// zeros makes no recurrent product at its first step, forward or backward (LSTM.step's
// startsFromZeros), so the encoder's and decoder's per-step recurrent products count one
// step fewer than the steps.
//
//   cc -O2 bench/sgemm_shapes.c -o /tmp/sgemm_shapes -lopenblas && /tmp/sgemm_shapes
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct product { const char *what; int transposeLeft, transposeRight, m, n, k, count; };

static const struct product half[] = {
  {"encoder h·U (forward, steps 2-5)", 0, 0, 16, 300, 75, 4},
  {"decoder encoding·W (forward, once)", 0, 0, 16, 200, 75, 1},
  {"decoder h·U (forward, step 2)", 0, 0, 16, 200, 50, 1},
  {"output h·K (forward, per step)", 0, 0, 16, 12, 50, 2},
  {"output dz·Kᵀ (backward, per step)", 0, 1, 16, 50, 12, 2},
  {"output Hᵀ·DZ (backward, stacked)", 1, 0, 50, 12, 32, 1},
  {"decoder dz·Uᵀ (backward, step 2)", 0, 1, 16, 50, 200, 1},
  {"decoder dz·Wᵀ (backward, per step)", 0, 1, 16, 75, 200, 2},
  {"decoder Xᵀ·DZ (backward, stacked)", 1, 0, 75, 200, 32, 1},
  {"decoder Hᵀ·DZ (backward, stacked)", 1, 0, 50, 200, 32, 1},
  {"encoder dz·Uᵀ (backward, steps 2-5)", 0, 1, 16, 75, 300, 4},
  {"encoder Xᵀ·DZ (backward, stacked)", 1, 0, 12, 300, 80, 1},
  {"encoder Hᵀ·DZ (backward, stacked)", 1, 0, 75, 300, 80, 1},
};

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static float *filled(int count) {
  float *values = malloc(sizeof(float) * count);
  for (int i = 0; i < count; i++) values[i] = (float)((i * 7919) % 2003) / 2003.0f - 0.5f;
  return values;
}

int main(void) {
  openblas_set_num_threads(1);
  const int shapes = sizeof half / sizeof half[0], rounds = 20000;
  double total = 0, flops = 0;
  int products = 0;
  for (int s = 0; s < shapes; s++) {
    const struct product *p = &half[s];
    float *a = filled(p->m * p->k), *b = filled(p->k * p->n), *c = filled(p->m * p->n);
    int lda = p->transposeLeft ? p->m : p->k, ldb = p->transposeRight ? p->k : p->n;
    double best = 1e9;
    for (int trial = 0; trial < 3; trial++) {
      double start = now();
      for (int r = 0; r < rounds; r++)
        cblas_sgemm(CblasRowMajor, p->transposeLeft ? CblasTrans : CblasNoTrans,
                    p->transposeRight ? CblasTrans : CblasNoTrans, p->m, p->n, p->k, 1, a, lda, b, ldb, 1, c, p->n);
      double each = (now() - start) / rounds;
      if (each < best) best = each;
    }
    printf("%-38s [%3d x %3d]·[%3d x %3d] x%d  %6.2f us each  %5.1f GFLOP/s\n", p->what, p->m, p->k, p->k, p->n,
           p->count, best * 1e6, 2.0 * p->m * p->n * p->k / best / 1e9);
    total += best * p->count;
    products += p->count;
    flops += 2.0 * p->m * p->n * p->k * p->count;
    free(a), free(b), free(c);
  }
  printf("one half batch: %d products, %.1f MFLOP, %.0f us on one core (%.1f GFLOP/s)\n", products, flops / 1e6,
         total * 1e6, flops / total / 1e9);
  return 0;
}
