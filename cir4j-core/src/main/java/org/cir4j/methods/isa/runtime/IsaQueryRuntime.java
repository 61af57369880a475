package org.cir4j.methods.isa.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A minimal, dependency-light runtime for an exported ISA query model ({@code query_model.json} +
 * {@code query_model.safetensors}, see {@code IsaExport}): plain Java loops over float arrays, no DJL,
 * no native library, nothing shared with {@code IsaModel} — the kind of code that ports to a phone.
 * It computes the same tokens as the training-side model (up to float rounding: summation order
 * differs from PyTorch's kernels, so agreement is to ~1e-5, not bit-exact).
 *
 * <p>Input: one preprocessed image, CHW float32 ({@code 3 × S × S}, CLIP normalisation, S from the
 * config). Output: the M pseudo-word tokens, (M, w).
 *
 * <p>Not thread-safe? It is: the weights are read-only after loading and every call allocates its own
 * buffers.
 */
public final class IsaQueryRuntime {

    private static final float GN_EPS = 1e-5f;
    private static final float LN_EPS = 1e-5f;

    private final Map<String, Tensor> w;
    private final int imageSize;
    private final double alpha;
    private final int stemChannels;
    private final List<int[]> stages = new ArrayList<>();
    private final int featureChannels;
    private final int groups;
    private final boolean tokenLearner;
    private final int tokens;
    private final int tokenDim;
    private final int refineLayers;
    private final int heads;
    private final int wordWidth;

    private IsaQueryRuntime(JsonNode isa, Map<String, Tensor> weights) {
        if (!"light".equals(isa.path("source").asText())) {
            throw new IllegalArgumentException("the query runtime runs light (asymmetric) models only, found source '"
                    + isa.path("source").asText() + "'");
        }
        this.w = weights;
        this.imageSize = isa.get("image_size").asInt();
        this.alpha = isa.get("width_multiplier").asDouble();
        this.stemChannels = isa.get("stem_channels").asInt();
        for (JsonNode s : isa.get("stages")) {
            stages.add(new int[] {s.get("t").asInt(), s.get("c").asInt(), s.get("n").asInt(), s.get("s").asInt()});
        }
        this.featureChannels = isa.get("feature_channels").asInt();
        this.groups = isa.get("groups").asInt();
        this.tokenLearner = "token-learner".equals(isa.get("mapper").asText());
        this.tokens = isa.get("tokens").asInt();
        this.tokenDim = isa.get("token_dim").asInt();
        this.refineLayers = isa.get("refine_layers").asInt();
        this.heads = isa.get("heads").asInt();
        this.wordWidth = isa.get("word_width").asInt();
    }

    /** Loads {@code dir/query_model.json} and {@code dir/query_model.safetensors}. */
    public static IsaQueryRuntime load(Path dir) throws IOException {
        Path cfg = dir.resolve("query_model.json");
        if (!Files.isRegularFile(cfg)) {
            throw new IOException("no exported ISA query model: " + cfg + " is missing");
        }
        JsonNode root = new ObjectMapper().readTree(cfg.toFile());
        if (!"cir4j-isa-query-model".equals(root.path("format").asText()) || root.path("format_version").asInt() != 1) {
            throw new IOException(cfg + ": expected format cir4j-isa-query-model version 1, found "
                    + root.path("format") + " version " + root.path("format_version"));
        }
        return new IsaQueryRuntime(root.get("isa"), SafetensorsReader.read(dir.resolve("query_model.safetensors")));
    }

    public int imageSize() {
        return imageSize;
    }

    public int tokenCount() {
        return tokens;
    }

    public int wordWidth() {
        return wordWidth;
    }

    /** Tokens (M, w) for one preprocessed image (3·S·S floats, CHW). */
    public float[][] tokens(float[] chw) {
        if (chw.length != 3 * imageSize * imageSize) {
            throw new IllegalArgumentException("expected a preprocessed image of 3 x " + imageSize + " x " + imageSize + " = "
                    + 3 * imageSize * imageSize + " floats, found " + chw.length);
        }
        Map3 x = new Map3(chw, 3, imageSize, imageSize);
        x = relu6(gn(conv(x, "encoder.stem.conv.weight", 2, 1), "encoder.stem.gn"));
        int in = scaled(stemChannels);
        int index = 0;
        for (int[] st : stages) {
            int out = scaled(st[1]);
            for (int r = 0; r < st[2]; r++) {
                int stride = r == 0 ? st[3] : 1;
                int hidden = in * st[0];
                String p = "encoder.blocks." + index + ".";
                Map3 h = x;
                if (st[0] != 1) {
                    h = relu6(gn(conv(h, p + "expand.weight", 1, 1), p + "expand_gn"));
                }
                h = relu6(gn(conv(h, p + "dw.weight", stride, hidden), p + "dw_gn"));
                h = gn(conv(h, p + "project.weight", 1, 1), p + "project_gn");
                if (stride == 1 && in == out) {
                    for (int i = 0; i < h.v.length; i++) {
                        h.v[i] += x.v[i];
                    }
                }
                x = h;
                in = out;
                index++;
            }
        }
        x = relu6(gn(conv(x, "encoder.head.conv.weight", 1, 1), "encoder.head.gn"));
        float[] flat = tokenLearner ? learner(x) : mlp(x);
        float[][] result = new float[tokens][wordWidth];
        for (int m = 0; m < tokens; m++) {
            System.arraycopy(flat, m * wordWidth, result[m], 0, wordWidth);
        }
        return result;
    }

    /** A (C,H,W) feature map. */
    private record Map3(float[] v, int c, int h, int w) {}

    private int scaled(int channels) {
        double v = channels * alpha;
        int r = Math.max(8, (int) (v + 4) / 8 * 8);
        if (r < 0.9 * v) {
            r += 8;
        }
        return r;
    }

    private Tensor t(String name) {
        Tensor a = w.get(name);
        if (a == null) {
            throw new IllegalArgumentException("exported ISA model lacks tensor '" + name + "'");
        }
        return a;
    }

    /** Convolution, padding k/2, no bias; weight (O, C/groups, k, k). */
    private Map3 conv(Map3 x, String name, int stride, int g) {
        Tensor wt = t(name);
        int o = wt.dim(0);
        int cg = wt.dim(1);
        int k = wt.dim(2);
        int pad = k / 2;
        int oh = (x.h + 2 * pad - k) / stride + 1;
        int ow = (x.w + 2 * pad - k) / stride + 1;
        int og = o / g;
        float[] out = new float[o * oh * ow];
        float[] wv = wt.data();
        for (int oc = 0; oc < o; oc++) {
            int c0 = (oc / og) * cg;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double acc = 0;
                    for (int ci = 0; ci < cg; ci++) {
                        int plane = (c0 + ci) * x.h * x.w;
                        int wbase = ((oc * cg) + ci) * k * k;
                        for (int ky = 0; ky < k; ky++) {
                            int iy = oy * stride + ky - pad;
                            if (iy < 0 || iy >= x.h) {
                                continue;
                            }
                            for (int kx = 0; kx < k; kx++) {
                                int ix = ox * stride + kx - pad;
                                if (ix < 0 || ix >= x.w) {
                                    continue;
                                }
                                acc += wv[wbase + ky * k + kx] * x.v[plane + iy * x.w + ix];
                            }
                        }
                    }
                    out[(oc * oh + oy) * ow + ox] = (float) acc;
                }
            }
        }
        return new Map3(out, o, oh, ow);
    }

    private Map3 gn(Map3 x, String prefix) {
        int g = 1;
        for (int d = Math.min(groups, x.c); d > 1; d--) {
            if (x.c % d == 0) {
                g = d;
                break;
            }
        }
        float[] gamma = t(prefix + ".weight").data();
        float[] beta = t(prefix + ".bias").data();
        int per = x.c / g * x.h * x.w;
        int plane = x.h * x.w;
        float[] out = new float[x.v.length];
        for (int gi = 0; gi < g; gi++) {
            double mean = 0;
            for (int i = 0; i < per; i++) {
                mean += x.v[gi * per + i];
            }
            mean /= per;
            double var = 0;
            for (int i = 0; i < per; i++) {
                double d = x.v[gi * per + i] - mean;
                var += d * d;
            }
            var /= per;
            double inv = 1 / Math.sqrt(var + GN_EPS);
            for (int i = 0; i < per; i++) {
                int idx = gi * per + i;
                int c = idx / plane;
                out[idx] = (float) ((x.v[idx] - mean) * inv * gamma[c] + beta[c]);
            }
        }
        return new Map3(out, x.c, x.h, x.w);
    }

    private static Map3 relu6(Map3 x) {
        for (int i = 0; i < x.v.length; i++) {
            x.v[i] = Math.min(6f, Math.max(0f, x.v[i]));
        }
        return x;
    }

    /** rows (n, in) · Wᵀ + b → (n, out). */
    private float[] linear(float[] x, int n, String prefix) {
        Tensor wt = t(prefix + ".weight");
        float[] b = t(prefix + ".bias").data();
        int out = wt.dim(0);
        int in = wt.dim(1);
        float[] y = new float[n * out];
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < out; o++) {
                double acc = b[o];
                for (int i = 0; i < in; i++) {
                    acc += x[r * in + i] * wt.data()[o * in + i];
                }
                y[r * out + o] = (float) acc;
            }
        }
        return y;
    }

    private float[] layerNorm(float[] x, int n, String prefix) {
        float[] gamma = t(prefix + ".weight").data();
        float[] beta = t(prefix + ".bias").data();
        int d = gamma.length;
        float[] y = new float[x.length];
        for (int r = 0; r < n; r++) {
            double mean = 0;
            for (int i = 0; i < d; i++) {
                mean += x[r * d + i];
            }
            mean /= d;
            double var = 0;
            for (int i = 0; i < d; i++) {
                double dd = x[r * d + i] - mean;
                var += dd * dd;
            }
            double inv = 1 / Math.sqrt(var / d + LN_EPS);
            for (int i = 0; i < d; i++) {
                y[r * d + i] = (float) ((x[r * d + i] - mean) * inv * gamma[i] + beta[i]);
            }
        }
        return y;
    }

    private static void softmaxRows(double[] s, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, s[r * cols + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                s[r * cols + c] = Math.exp(s[r * cols + c] - max);
                sum += s[r * cols + c];
            }
            for (int c = 0; c < cols; c++) {
                s[r * cols + c] /= sum;
            }
        }
    }

    /** Attention of queries a (n,dh-slice) over keys/values; all (rows, D) with a head slice [off, off+hd). */
    private static void attend(float[] q, int nq, float[] k, float[] v, int nk, int dim, int off, int hd, float[] out) {
        double[] s = new double[nq * nk];
        double scale = 1 / Math.sqrt(hd);
        for (int i = 0; i < nq; i++) {
            for (int j = 0; j < nk; j++) {
                double acc = 0;
                for (int e = 0; e < hd; e++) {
                    acc += q[i * dim + off + e] * k[j * dim + off + e];
                }
                s[i * nk + j] = acc * scale;
            }
        }
        softmaxRows(s, nq, nk);
        for (int i = 0; i < nq; i++) {
            for (int e = 0; e < hd; e++) {
                double acc = 0;
                for (int j = 0; j < nk; j++) {
                    acc += s[i * nk + j] * v[j * dim + off + e];
                }
                out[i * dim + off + e] = (float) acc;
            }
        }
    }

    private float[] learner(Map3 x) {
        int n = x.h * x.w;
        int d = tokenDim;
        float[] f = new float[n * x.c];
        for (int c = 0; c < x.c; c++) {
            for (int p = 0; p < n; p++) {
                f[p * x.c + c] = x.v[c * n + p];
            }
        }
        f = layerNorm(linear(f, n, "learner.in"), n, "learner.in_ln");
        float[] pos = t("learner.pos").data();
        for (int i = 0; i < f.length; i++) {
            f[i] += pos[i];
        }
        float[] t = new float[tokens * d];
        attend(t("learner.queries").data(), tokens, f, f, n, d, 0, d, t);
        for (int l = 0; l < refineLayers; l++) {
            String p = "learner.layers." + l + ".";
            float[] qn = layerNorm(t, tokens, p + "ln_q");
            float[] kv = layerNorm(f, n, p + "ln_kv");
            float[] q = linear(qn, tokens, p + "q");
            float[] k = linear(kv, n, p + "k");
            float[] v = linear(kv, n, p + "v");
            float[] ctx = new float[tokens * d];
            int hd = d / heads;
            for (int h = 0; h < heads; h++) {
                attend(q, tokens, k, v, n, d, h * hd, hd, ctx);
            }
            float[] o = linear(ctx, tokens, p + "o");
            for (int i = 0; i < t.length; i++) {
                t[i] += o[i];
            }
            float[] hidden = linear(layerNorm(t, tokens, p + "ln_mlp"), tokens, p + "fc1");
            gelu(hidden);
            float[] m = linear(hidden, tokens, p + "fc2");
            for (int i = 0; i < t.length; i++) {
                t[i] += m[i];
            }
        }
        return linear(layerNorm(t, tokens, "learner.ln_out"), tokens, "learner.proj");
    }

    private float[] mlp(Map3 x) {
        int n = x.h * x.w;
        float[] pooled = new float[x.c];
        for (int c = 0; c < x.c; c++) {
            double s = 0;
            for (int p = 0; p < n; p++) {
                s += x.v[c * n + p];
            }
            pooled[c] = (float) (s / n);
        }
        float[] h = linear(pooled, 1, "mapper.fc1");
        gelu(h);
        return linear(h, 1, "mapper.fc2");
    }

    /** GELU, erf form: x·Φ(x). */
    private static void gelu(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * x[i] * (1 + erf(x[i] / Math.sqrt(2))));
        }
    }

    /** erf to ~1e-15 relative (W. J. Cody's rational approximations would do; this uses the series / continued fraction split). */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 2.5) {
            // Maclaurin series: erf(x) = 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1)); converges fast for |x| < 2.5.
            double term = ax;
            double sum = ax;
            double x2 = ax * ax;
            for (int n = 1; n < 60; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // erfc continued fraction (Lentz), accurate for large |x|.
            double x2 = ax * ax;
            double f = ax;
            double c = ax;
            double d = 0;
            for (int n = 1; n < 200; n++) {
                double an = n / 2.0;
                d = ax + an * d;
                d = d == 0 ? 1e-300 : d;
                c = ax + an / c;
                c = c == 0 ? 1e-300 : c;
                d = 1 / d;
                double delta = c * d;
                f *= delta;
                if (Math.abs(delta - 1) < 1e-16) {
                    break;
                }
            }
            r = 1 - Math.exp(-x2) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -r : r;
    }
}
