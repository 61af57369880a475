package org.cir4j.image;

/**
 * The padding transforms of CLIP4Cir's data_utils.py, applied as torchvision's {@code F.pad(image,
 * [hp, vp, hp, vp], 0, 'constant')} does on a PIL image ({@code ImageOps.expand} with fill 0): the
 * border is zero in every channel, so black in RGB and L and transparent black in RGBA.
 */
final class Padding {

    private Padding() {}

    /**
     * CLIP4Cir's {@code TargetPad} (Algorithm 1 of the paper): images whose aspect ratio is below
     * {@code targetRatio} are returned unchanged; others are padded left/right by {@code
     * hp = max(int((max(w,h)/ratio − w)/2), 0)} and top/bottom by {@code vp} (same with h).
     */
    static DecodedImage targetPad(DecodedImage image, double targetRatio) {
        int w = image.width();
        int h = image.height();
        double actualRatio = (double) Math.max(w, h) / Math.min(w, h);
        if (actualRatio < targetRatio) {
            return image;
        }
        double scaledMaxWh = Math.max(w, h) / targetRatio;
        int hp = Math.max((int) ((scaledMaxWh - w) / 2), 0);
        int vp = Math.max((int) ((scaledMaxWh - h) / 2), 0);
        return expand(image, hp, vp);
    }

    /**
     * CLIP4Cir's {@code SquarePad}: pads by {@code int((max(w,h) − w)/2)} left and right and the
     * same with h top and bottom. With an odd difference the result is one pixel short of square,
     * exactly as in the reference.
     */
    static DecodedImage squarePad(DecodedImage image) {
        int w = image.width();
        int h = image.height();
        int maxWh = Math.max(w, h);
        return expand(image, (maxWh - w) / 2, (maxWh - h) / 2);
    }

    /** {@code ImageOps.expand(image, (hp, vp, hp, vp), fill=0)}. */
    static DecodedImage expand(DecodedImage image, int hp, int vp) {
        if (hp == 0 && vp == 0) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        int nc = image.channels();
        long outW = (long) w + 2L * hp;
        long outH = (long) h + 2L * vp;
        if (outW * outH * nc > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(
                    "padding a %d x %d image to %d x %d would exceed the largest array", w, h, outW, outH));
        }
        byte[] out = new byte[(int) (outW * outH * nc)];
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.data, y * w * nc, out, (int) (((y + vp) * outW + hp) * nc), w * nc);
        }
        return new DecodedImage((int) outW, (int) outH, image.mode(), image.sourceMode(), out);
    }
}
