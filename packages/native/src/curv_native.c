/*
 * curv native kernels: float32 BLAS products and fused element-wise loops that work directly on a
 * caller-owned Float32Array (in curv: the wasm backend's heap), addressed by element offsets.
 *
 * Every entry point validates its offsets against the array length before touching memory, so a
 * wrong offset from JavaScript is a thrown error, never an out-of-bounds write.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cblas.h>
#include <node_api.h>

/* OpenBLAS extensions (declared in its cblas.h; repeated so other CBLAS headers also compile). */
extern void openblas_set_num_threads(int num_threads);
extern int openblas_get_num_threads(void);
extern char *openblas_get_config(void);

#define CHECK(call)                                                                                  \
  do {                                                                                               \
    if ((call) != napi_ok) {                                                                         \
      napi_throw_error(env, NULL, "curv-native: N-API call failed: " #call);                        \
      return NULL;                                                                                   \
    }                                                                                                \
  } while (0)

#define FAIL(msg)                                                                                    \
  do {                                                                                               \
    napi_throw_error(env, NULL, "curv-native: " msg);                                                \
    return NULL;                                                                                     \
  } while (0)

/* The float32 data and length of a Float32Array argument. */
static int get_f32(napi_env env, napi_value v, float **data, size_t *len) {
  napi_typedarray_type type;
  size_t length;
  void *ptr;
  napi_value buffer;
  size_t byte_offset;
  if (napi_get_typedarray_info(env, v, &type, &length, &ptr, &buffer, &byte_offset) != napi_ok) return 0;
  if (type != napi_float32_array) return 0;
  *data = (float *)ptr;
  *len = length;
  return 1;
}

static int get_i32_array(napi_env env, napi_value v, int32_t **data, size_t *len) {
  napi_typedarray_type type;
  size_t length;
  void *ptr;
  napi_value buffer;
  size_t byte_offset;
  if (napi_get_typedarray_info(env, v, &type, &length, &ptr, &buffer, &byte_offset) != napi_ok) return 0;
  if (type != napi_int32_array) return 0;
  *data = (int32_t *)ptr;
  *len = length;
  return 1;
}

static int get_i64(napi_env env, napi_value v, int64_t *out) {
  return napi_get_value_int64(env, v, out) == napi_ok;
}

static int get_f64(napi_env env, napi_value v, double *out) {
  return napi_get_value_double(env, v, out) == napi_ok;
}

static int get_bool(napi_env env, napi_value v, int *out) {
  bool b;
  if (napi_get_value_bool(env, v, &b) != napi_ok) return 0;
  *out = b ? 1 : 0;
  return 1;
}

/* [off, off + count) lies inside an array of `len` elements. */
static int in_range(int64_t off, int64_t count, size_t len) {
  return off >= 0 && count >= 0 && (uint64_t)(off + count) <= (uint64_t)len;
}

/*
 * gemm(heap, batch, m, n, k, transA, transB, aOff, bOff, cOff, aIdx, bIdx)
 *
 * For i < batch: C_i = op(A_{aIdx[i]}) · op(B_{bIdx[i]}), row-major, where A_j starts at
 * aOff + j·m·k, B_j at bOff + j·k·n and C_i at cOff + i·m·n (element offsets into `heap`). op(A) is
 * m×k, stored k×m when transA. aIdx/bIdx are Int32Arrays of length batch (broadcasting), or null
 * meaning "j = i".
 */
static napi_value gemm(napi_env env, napi_callback_info info) {
  size_t argc = 12;
  napi_value argv[12];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 12) FAIL("gemm expects 12 arguments");
  float *heap;
  size_t len;
  if (!get_f32(env, argv[0], &heap, &len)) FAIL("gemm: heap must be a Float32Array");
  int64_t batch, m, n, k, aOff, bOff, cOff;
  int ta, tb;
  if (!get_i64(env, argv[1], &batch) || !get_i64(env, argv[2], &m) || !get_i64(env, argv[3], &n) ||
      !get_i64(env, argv[4], &k) || !get_bool(env, argv[5], &ta) || !get_bool(env, argv[6], &tb) ||
      !get_i64(env, argv[7], &aOff) || !get_i64(env, argv[8], &bOff) || !get_i64(env, argv[9], &cOff))
    FAIL("gemm: bad scalar argument");
  if (batch < 0 || m < 0 || n < 0 || k < 0) FAIL("gemm: negative size");
  if (m > INT32_MAX || n > INT32_MAX || k > INT32_MAX) FAIL("gemm: matrix too large");
  int32_t *aIdx = NULL, *bIdx = NULL;
  size_t aIdxLen = 0, bIdxLen = 0;
  napi_valuetype t;
  CHECK(napi_typeof(env, argv[10], &t));
  if (t != napi_null && t != napi_undefined) {
    if (!get_i32_array(env, argv[10], &aIdx, &aIdxLen) || (int64_t)aIdxLen != batch)
      FAIL("gemm: aIdx must be an Int32Array of length batch");
  }
  CHECK(napi_typeof(env, argv[11], &t));
  if (t != napi_null && t != napi_undefined) {
    if (!get_i32_array(env, argv[11], &bIdx, &bIdxLen) || (int64_t)bIdxLen != batch)
      FAIL("gemm: bIdx must be an Int32Array of length batch");
  }
  const int64_t sa = m * k, sb = k * n, sc = m * n;
  int64_t aCount = 0, bCount = 0;
  for (int64_t i = 0; i < batch; i++) {
    int64_t ja = aIdx ? aIdx[i] : i, jb = bIdx ? bIdx[i] : i;
    if (ja < 0 || jb < 0) FAIL("gemm: negative batch index");
    if (ja + 1 > aCount) aCount = ja + 1;
    if (jb + 1 > bCount) bCount = jb + 1;
  }
  if (!in_range(aOff, aCount * sa, len) || !in_range(bOff, bCount * sb, len) ||
      !in_range(cOff, batch * sc, len))
    FAIL("gemm: operand outside the heap");
  if (batch == 0 || sc == 0) return NULL;
  if (k == 0) {
    memset(heap + cOff, 0, sizeof(float) * (size_t)(batch * sc));
    return NULL;
  }
  const int lda = ta ? (int)m : (int)k, ldb = tb ? (int)k : (int)n, ldc = (int)n;
  const enum CBLAS_TRANSPOSE opA = ta ? CblasTrans : CblasNoTrans, opB = tb ? CblasTrans : CblasNoTrans;
  /* One shared B and consecutive untransposed A blocks: the batch is one tall product. */
  int shared_b = batch > 1 && !ta && bIdx != NULL;
  if (shared_b) {
    for (int64_t i = 0; i < batch && shared_b; i++) {
      if (bIdx[i] != bIdx[0] || (aIdx ? aIdx[i] : i) != i) shared_b = 0;
    }
  }
  if (shared_b && batch * m <= INT32_MAX) {
    cblas_sgemm(CblasRowMajor, opA, opB, (int)(batch * m), (int)n, (int)k, 1.0f, heap + aOff, lda,
                heap + bOff + (int64_t)bIdx[0] * sb, ldb, 0.0f, heap + cOff, ldc);
    return NULL;
  }
  for (int64_t i = 0; i < batch; i++) {
    int64_t ja = aIdx ? aIdx[i] : i, jb = bIdx ? bIdx[i] : i;
    cblas_sgemm(CblasRowMajor, opA, opB, (int)m, (int)n, (int)k, 1.0f, heap + aOff + ja * sa, lda,
                heap + bOff + jb * sb, ldb, 0.0f, heap + cOff + i * sc, ldc);
  }
  return NULL;
}

/* Whether [a, a+n) and [b, b+n) share an element. */
static int overlap(int64_t a, int64_t b, int64_t n) { return n > 0 && a < b + n && b < a + n; }

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define MULTIVERSION __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MULTIVERSION
#endif

/* The Adam element loop; the two variants differ only in where the parameters go (restrict lets the
 * compiler vectorise, so they must not alias: in place uses one pointer). */
MULTIVERSION static void adam_inplace(float *restrict p, const float *restrict g, float *restrict m,
                                      float *restrict v, int64_t n, float b1, float b2, float c1, float c2,
                                      float step, float eps, float wd) {
  for (int64_t i = 0; i < n; i++) {
    const float gi = wd != 0.0f ? g[i] + p[i] * wd : g[i];
    const float mi = m[i] * b1 + gi * c1;
    const float vi = v[i] * b2 + (gi * gi) * c2;
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i] - (mi * step) / (sqrtf(vi) + eps);
  }
}

MULTIVERSION static void adam_out(const float *restrict p, const float *restrict g, float *restrict m,
                                  float *restrict v, float *restrict out, int64_t n, float b1, float b2,
                                  float c1, float c2, float step, float eps, float wd) {
  for (int64_t i = 0; i < n; i++) {
    const float gi = wd != 0.0f ? g[i] + p[i] * wd : g[i];
    const float mi = m[i] * b1 + gi * c1;
    const float vi = v[i] * b2 + (gi * gi) * c2;
    m[i] = mi;
    v[i] = vi;
    out[i] = p[i] - (mi * step) / (sqrtf(vi) + eps);
  }
}

/*
 * adam(heap, pOff, gOff, mOff, vOff, size, beta1, beta2, stepSize, epsHat, weightDecay, outOff)
 *
 * One Adam update in place on m and v; the new parameters go to outOff (which may equal pOff):
 *   g ← g + wd·p; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; out ← p − stepSize·m / (√v + epsHat).
 * Arithmetic in float32 in the same order as the tensor formulation, so results agree to rounding.
 */
static napi_value adam(napi_env env, napi_callback_info info) {
  size_t argc = 12;
  napi_value argv[12];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 12) FAIL("adam expects 12 arguments");
  float *heap;
  size_t len;
  if (!get_f32(env, argv[0], &heap, &len)) FAIL("adam: heap must be a Float32Array");
  int64_t pOff, gOff, mOff, vOff, size, outOff;
  double b1d, b2d, sd, ed, wdd;
  if (!get_i64(env, argv[1], &pOff) || !get_i64(env, argv[2], &gOff) || !get_i64(env, argv[3], &mOff) ||
      !get_i64(env, argv[4], &vOff) || !get_i64(env, argv[5], &size) || !get_f64(env, argv[6], &b1d) ||
      !get_f64(env, argv[7], &b2d) || !get_f64(env, argv[8], &sd) || !get_f64(env, argv[9], &ed) ||
      !get_f64(env, argv[10], &wdd) || !get_i64(env, argv[11], &outOff))
    FAIL("adam: bad scalar argument");
  if (!in_range(pOff, size, len) || !in_range(gOff, size, len) || !in_range(mOff, size, len) ||
      !in_range(vOff, size, len) || !in_range(outOff, size, len))
    FAIL("adam: operand outside the heap");
  const float b1 = (float)b1d, b2 = (float)b2d, c1 = (float)(1.0 - b1d), c2 = (float)(1.0 - b2d);
  const float step = (float)sd, eps = (float)ed, wd = (float)wdd;
  float *p = heap + pOff, *g = heap + gOff, *mm = heap + mOff, *vv = heap + vOff, *out = heap + outOff;
  const int64_t offs[5] = {pOff, gOff, mOff, vOff, outOff};
  for (int i = 0; i < 5; i++)
    for (int j = i + 1; j < 5; j++)
      if (!(i == 0 && j == 4 && outOff == pOff) && overlap(offs[i], offs[j], size))
        FAIL("adam: operands overlap (only the output may be the parameters themselves)");
  if (outOff == pOff)
    adam_inplace(p, g, mm, vv, size, b1, b2, c1, c2, step, eps, wd);
  else
    adam_out(p, g, mm, vv, out, size, b1, b2, c1, c2, step, eps, wd);
  return NULL;
}

static napi_value set_threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int64_t n;
  if (argc != 1 || !get_i64(env, argv[0], &n) || n < 1 || n > 1024) FAIL("setThreads expects an integer ≥ 1");
  openblas_set_num_threads((int)n);
  return NULL;
}

static napi_value get_threads(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  CHECK(napi_create_int32(env, openblas_get_num_threads(), &out));
  return out;
}

static napi_value blas_config(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  const char *cfg = openblas_get_config();
  CHECK(napi_create_string_utf8(env, cfg ? cfg : "unknown", NAPI_AUTO_LENGTH, &out));
  return out;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"gemm", NULL, gemm, NULL, NULL, NULL, napi_default, NULL},
      {"adam", NULL, adam, NULL, NULL, NULL, napi_default, NULL},
      {"setThreads", NULL, set_threads, NULL, NULL, NULL, napi_default, NULL},
      {"getThreads", NULL, get_threads, NULL, NULL, NULL, napi_default, NULL},
      {"blasConfig", NULL, blas_config, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
