package org.cir4j.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/**
 * Decodes JPEG, PNG, WebP, GIF and BMP files into {@link DecodedImage}s with the pixel values
 * Pillow would produce, so that features computed here match those of Python reference code.
 *
 * <ul>
 *   <li>The image size is read from the header first; images with more than {@link #maxPixels()}
 *       pixels are refused before any pixel memory is allocated (Pillow's {@code
 *       MAX_IMAGE_PIXELS}, 89,478,485 by default).
 *   <li>JPEGs are read as raw components and colour-converted with libjpeg's and Pillow's integer
 *       formulas ({@link JpegColor}); embedded ICC profiles are ignored in every format, as Pillow
 *       ignores them. Baseline and progressive JPEGs then match Pillow bit for bit (both use the IJG
 *       "islow" IDCT with fancy upsampling).
 *   <li>Truncated files are refused, as Pillow refuses them unless {@code LOAD_TRUNCATED_IMAGES}.
 *   <li>The EXIF orientation is applied when {@link #exifTranspose()} is on (the default) — see
 *       that method for why it is an option.
 * </ul>
 *
 * <p>Known deviations from Pillow, each for want of an exact alternative on the JVM or to keep the
 * pixel type simple:
 *
 * <ul>
 *   <li>Lossy WebP is decoded by TwelveMonkeys' own VP8 decoder, which does not match libwebp
 *       (median 12 levels, up to ~100 on a test image); lossless WebP matches exactly.
 *   <li>CMYK and YCCK JPEGs are converted to RGB here with Pillow's formula, while the reference
 *       pipelines resize in CMYK and convert afterwards; preprocessed tensors can differ by one
 *       level on rare samples (0.01 % of samples on a test image).
 *   <li>16-bit gray PNGs keep the high byte of each sample; Pillow opens them as mode "I;16",
 *       whose conversion to RGB clips at 255.
 *   <li>GIFs and palette BMPs are always {@link SourceMode#PALETTE}; Pillow opens some of them
 *       (grayscale palettes) as "L", which it then resizes with the requested filter rather
 *       than nearest-neighbour.
 *   <li>Lossless JPEGs (SOF3) go through ImageIO's colour conversion.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ImageDecoder {

    /** Pillow's {@code Image.MAX_IMAGE_PIXELS}: 1024 · 1024 · 1024 / 4 / 3. */
    public static final long DEFAULT_MAX_PIXELS = 89_478_485L;

    /** Largest file {@link #decode(Path)} reads: the largest array the JVM allocates. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    static {
        // Registers the TwelveMonkeys readers even where the context class loader hid them.
        ImageIO.scanForPlugins();
    }

    private final long maxPixels;
    private final boolean exifTranspose;

    /** A decoder with Pillow's pixel limit and EXIF orientation applied. */
    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS, true);
    }

    private ImageDecoder(long maxPixels, boolean exifTranspose) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, found " + maxPixels);
        }
        this.maxPixels = maxPixels;
        this.exifTranspose = exifTranspose;
    }

    /** A copy that refuses images with more than {@code maxPixels} pixels. */
    public ImageDecoder withMaxPixels(long maxPixels) {
        return new ImageDecoder(maxPixels, exifTranspose);
    }

    /**
     * A copy that does ({@code true}) or does not apply the EXIF orientation. Pillow's {@code
     * Image.open} does not apply it, and neither do the CLIP, CLIP4Cir and SEARLE data loaders; turn
     * it off to reproduce their features bit for bit on rotated camera JPEGs. It is on by default
     * because an upright image is what a user of a retrieval system expects to be compared.
     */
    public ImageDecoder withExifTranspose(boolean apply) {
        return new ImageDecoder(maxPixels, apply);
    }

    public long maxPixels() {
        return maxPixels;
    }

    public boolean exifTranspose() {
        return exifTranspose;
    }

    /** Decodes the file at {@code path}. */
    public DecodedImage decode(Path path) throws ImageDecodeException {
        Objects.requireNonNull(path, "path");
        String name = path.toString();
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw ImageDecodeException.of(ImageDecodeException.Reason.UNREADABLE, name,
                        "file is " + size + " bytes, more than the " + MAX_FILE_BYTES + " a byte array can hold");
            }
            bytes = Files.readAllBytes(path);
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException e) {
            throw ImageDecodeException.of(ImageDecodeException.Reason.UNREADABLE, name, "cannot read the file: " + e, e);
        }
        return decode(bytes, name);
    }

    /**
     * Decodes an encoded image held in memory.
     *
     * @param data the encoded file (not modified, not retained)
     * @param name how to name the data in error messages (file name, URL, dataset id)
     */
    public DecodedImage decode(byte[] data, String name) throws ImageDecodeException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(name, "name");
        if (data.length == 0) {
            throw ImageDecodeException.of(ImageDecodeException.Reason.EMPTY, name, "the file is empty (0 bytes)");
        }
        ContainerInfo info = ContainerProbe.probe(data);
        DecodedImage image;
        try (ByteArrayImageInput input = new ByteArrayImageInput(data)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw ImageDecodeException.of(ImageDecodeException.Reason.NOT_AN_IMAGE, name,
                        "not a supported image (JPEG, PNG, WebP, GIF, BMP); first bytes: " + hexPrefix(data));
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, false, true);
                image = read(reader, info, name);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            if (e instanceof ImageDecodeException ide) {
                throw ide;
            }
            throw failure(e, info, name);
        } catch (RuntimeException e) {
            // Some plugins report corrupt data with unchecked exceptions (index out of bounds, ...).
            throw failure(e, info, name);
        }
        if (exifTranspose && info.exif() != null) {
            image = ExifOrientation.fromExif(info.exif()).apply(image);
        }
        return image;
    }

    private DecodedImage read(ImageReader reader, ContainerInfo info, String name) throws IOException {
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            String detail = "cannot read the image header (" + reader.getFormatName() + "): " + e.getMessage();
            if (info.truncated()) {
                throw ImageDecodeException.of(ImageDecodeException.Reason.TRUNCATED, name, "file is truncated; " + detail, e);
            }
            throw ImageDecodeException.of(ImageDecodeException.Reason.CORRUPT, name, detail, e);
        }
        if (width < 1 || height < 1) {
            throw ImageDecodeException.of(ImageDecodeException.Reason.CORRUPT, name,
                    "header declares an empty image of " + width + " x " + height + " pixels");
        }
        if ((long) width * height > maxPixels) {
            throw ImageDecodeException.tooLarge(name, width, height, maxPixels);
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));

        DecodedImage image;
        ContainerInfo.JpegColorSpace jpegSpace = info.jpegColorSpace();
        if (info.format() == ContainerInfo.Format.JPEG && !info.jpegLossless() && reader.canReadRaster()
                && jpegSpace != ContainerInfo.JpegColorSpace.UNSUPPORTED) {
            Raster raster = reader.readRaster(0, null);
            checkTruncation(warnings, name);
            image = JpegColor.toImage(raster, jpegSpace);
        } else {
            BufferedImage decoded = reader.read(0);
            checkTruncation(warnings, name);
            image = RasterConverter.convert(decoded, sourceHint(info));
        }
        if (info.truncated() && info.format() == ContainerInfo.Format.WEBP) {
            // TwelveMonkeys decodes what is there, but libwebp (and so Pillow) refuses a WebP whose RIFF
            // size runs past the data. A PNG whose pixel data decoded completely is accepted, as Pillow does.
            throw ImageDecodeException.of(ImageDecodeException.Reason.TRUNCATED, name,
                    "file is truncated: its RIFF header declares more data than the file holds");
        }
        if (image.width() != width || image.height() != height) {
            throw ImageDecodeException.of(ImageDecodeException.Reason.CORRUPT, name, String.format(
                    "decoder returned %d x %d pixels for a header of %d x %d", image.width(), image.height(), width, height));
        }
        return image;
    }

    /** ImageIO's JPEG reader pads a cut-off stream with gray and only warns; Pillow refuses it. */
    private static void checkTruncation(List<String> warnings, String name) throws ImageDecodeException {
        for (String w : warnings) {
            String lower = w.toLowerCase(Locale.ROOT);
            if (lower.contains("premature end") || lower.contains("truncated")) {
                throw ImageDecodeException.of(ImageDecodeException.Reason.TRUNCATED, name,
                        "image data is truncated (decoder: " + w + ")");
            }
        }
    }

    /** What the PNG header says about the colour type, which ImageIO's colour model blurs. */
    private static SourceMode sourceHint(ContainerInfo info) {
        if (info.format() != ContainerInfo.Format.PNG) {
            return null;
        }
        return switch (info.pngColorType()) {
            case 0 -> info.pngBitDepth() == 1 ? SourceMode.BILEVEL : SourceMode.GRAY;
            case 2 -> SourceMode.RGB;
            case 4 -> SourceMode.GRAY_ALPHA;
            case 6 -> SourceMode.RGBA;
            default -> null; // palette: transparency is read from the colour model
        };
    }

    private static ImageDecodeException failure(Exception e, ContainerInfo info, String name) {
        boolean truncated = info.truncated();
        for (Throwable t = e; t != null && !truncated; t = t.getCause()) {
            truncated = t instanceof EOFException;
        }
        String detail = (truncated ? "image data is truncated" : "corrupt image data")
                + " (" + info.format().name().toLowerCase(Locale.ROOT) + "): " + describe(e);
        return ImageDecodeException.of(
                truncated ? ImageDecodeException.Reason.TRUNCATED : ImageDecodeException.Reason.CORRUPT, name, detail, e);
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString();
    }

    private static String hexPrefix(byte[] data) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, data.length); i++) {
            sb.append(String.format("%02X ", data[i] & 0xFF));
        }
        return sb.toString().trim() + (data.length > 8 ? " ..." : "");
    }
}
