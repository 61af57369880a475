package org.cir4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClipFlopsTest {

    static ClipConfig vitB32() {
        return new ClipConfig(1, 512, ClipConfig.Activation.QUICK_GELU, 1e-5, ClipConfig.DEFAULT_LOGIT_SCALE_INIT,
                ClipConfig.VisionConfig.vit(224, 32, 768, 12, 12),
                ClipConfig.TextConfig.of(49408, 77, 512, 8, 12, 49407, 49406, 0));
    }

    @Test
    void vitB32ImageMatchesAHandCount() {
        // Hand count, multiply-accumulates per image: 49 patches + CLS = 50 tokens, width 768, MLP 3072.
        //   patch conv   49 * 768 * (3*32*32)                 =   115,605,504
        //   per block    qkv 3*50*768² = 88,473,600; out 50*768² = 29,491,200;
        //                QKᵀ 50*50*768 = 1,920,000; AV 1,920,000; MLP 2*50*768*3072 = 235,929,600
        //                                                      =   357,734,400
        //   12 blocks                                          = 4,292,812,800
        //   projection   768 * 512                             =       393,216
        //   total MACs                                         = 4,408,811,520 -> x2 FLOPs
        assertThat(ClipFlops.image(vitB32())).isEqualTo(2.0 * 4_408_811_520L);
        assertThat(ClipFlops.image(vitB32()) / 1e9).isCloseTo(8.8, within(0.05));
    }

    @Test
    void vitB32TextAtFullContextMatchesAHandCount() {
        // 77 tokens, width 512, MLP 2048: qkv 3*77*512² = 60,555,264; out 20,185,088; QKᵀ+AV 2*77²*512 = 6,071,296;
        // MLP 2*77*512*2048 = 161,480,704 -> 248,292,352 per block, x12 = 2,979,508,224; + projection 512*512.
        assertThat(ClipFlops.text(vitB32(), 77)).isEqualTo(2.0 * (2_979_508_224L + 262_144L));
        assertThat(ClipFlops.text(vitB32(), 16)).isLessThan(ClipFlops.text(vitB32(), 77) / 4);
        assertThatThrownBy(() -> ClipFlops.text(vitB32(), 78)).hasMessageContaining("1..77");
    }

    @Test
    void resNet50ImageIsNearTheKnownCount() {
        // OpenAI RN50: width 64, layers (3,4,6,3), 224 px (d 512 here; the projection is 1 MMAC either way). From torchvision's ResNet-50 (4.09 GMACs,
        // stride on the 3x3 conv): - 7x7 stem 0.118 - fc 0.002 + CLIP's 3-conv stem 0.358 + attention pool
        // (K,V over 50 tokens of 2048, one query, c_proj) 0.425 + the first 3x3 conv of stages 2-4 running at the
        // input resolution (CLIP strides with an average pool after it) 3 x 0.347 = 5.79 GMACs = 11.6 GFLOP.
        ClipConfig rn50 = vitB32().withVision(ClipConfig.VisionConfig.resnet(224, 64, 3, 4, 6, 3));
        double gflop = ClipFlops.image(rn50) / 1e9;
        assertThat(gflop).isCloseTo(11.6, within(0.1));
    }
}
