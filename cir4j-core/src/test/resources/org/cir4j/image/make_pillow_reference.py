"""Regenerates pillow-reference.safetensors and pillow-reference.json (test fixtures of org.cir4j.image).

Run with Pillow (11.x was used; its Resample.c, Geometry.c, Convert.c and JPEG paths are unchanged
since 9.x) and numpy:  python make_pillow_reference.py
Writes, next to this script:
  * decode/*    small encoded files and, in the safetensors, Pillow's decoding of each
                ("decode.<file>", HxWxC uint8 after im.convert(<mode in the json>));
  * resample    "resample.<src>.<mode>.<filter>.<W>x<H>": Image.resize of two formula images
                (the formula is repeated in PillowResamplerReferenceTest) with every filter;
  * preprocess  "preprocess.<file>.<transform>.<size>": the 8-bit RGB crop CLIP's transform feeds to
                ToTensor (palette sources exercise Pillow's forced NEAREST).
"""
import io, json, os, struct
import numpy as np
from PIL import Image, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
DEC = os.path.join(HERE, "decode")
os.makedirs(DEC, exist_ok=True)
tensors = {}
index = {"decode": [], "resample": [], "preprocess": []}


def scene(w, h):
    """A small picture with gradients, edges and flat areas (JPEG-friendly but not trivial)."""
    y, x = np.mgrid[0:h, 0:w]
    r = (x * 255 // max(w - 1, 1))
    g = (y * 255 // max(h - 1, 1))
    b = ((x + y) * 4) % 256
    img = np.stack([r, g, b], -1).astype(np.uint8)
    img[(x - w // 3) ** 2 + (y - h // 2) ** 2 < (h // 4) ** 2] = (200, 40, 160)
    img[h // 5:h // 3, w // 2:w - 3] = (20, 220, 90)
    return img


def add_decode(name, mode, source_mode, data):
    with open(os.path.join(DEC, name), "wb") as f:
        f.write(data)
    im = Image.open(io.BytesIO(data))
    im.load()
    tensors["decode." + name] = np.asarray(im.convert(mode)).reshape(im.size[1], im.size[0], -1)
    index["decode"].append({"file": name, "mode": mode, "source_mode": source_mode,
                            "pillow_mode": im.mode, "width": im.size[0], "height": im.size[1]})


def png16(rgb16):
    """A 16-bit RGB PNG (Pillow cannot write one); Pillow reads it as "RGB" keeping each MSB."""
    import zlib
    h, w, _ = rgb16.shape
    raw = b"".join(b"\x00" + rgb16[y].astype(">u2").tobytes() for y in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def encode(im, fmt, **kw):
    buf = io.BytesIO()
    im.save(buf, fmt, **kw)
    return buf.getvalue()


rgb = Image.fromarray(scene(29, 21))
add_decode("ycbcr420.jpg", "RGB", "RGB", encode(rgb, "JPEG", quality=85))
add_decode("ycbcr444.jpg", "RGB", "RGB", encode(rgb, "JPEG", quality=95, subsampling=0))
add_decode("progressive.jpg", "RGB", "RGB", encode(rgb, "JPEG", quality=80, progressive=True))
add_decode("gray.jpg", "L", "GRAY", encode(rgb.convert("L"), "JPEG", quality=90))
add_decode("cmyk-adobe.jpg", "RGB", "CMYK", encode(rgb.convert("CMYK"), "JPEG", quality=95))
# A YCCK JPEG: Pillow cannot write one, so take a plain four-component JPEG and add an Adobe APP14
# marker with transform 2; libjpeg then reads the components as Y, Cb, Cr, K.
plain4 = encode(rgb.convert("CMYK"), "JPEG", quality=95)
assert plain4[:2] == b"\xff\xd8"
adobe = b"\xff\xee\x00\x0e" + b"Adobe" + bytes([0, 100, 0, 0, 0, 0, 2])
# Drop Pillow's own Adobe marker (transform 0) so that the inserted one is the only one.
body = plain4[2:]
i = body.find(b"\xff\xee")
if i >= 0:
    length = struct.unpack(">H", body[i + 2:i + 4])[0]
    body = body[:i] + body[i + 2 + length:]
add_decode("ycck.jpg", "RGB", "YCCK", b"\xff\xd8" + adobe + body)
add_decode("rgb.png", "RGB", "RGB", encode(rgb, "PNG"))
add_decode("rgba.png", "RGBA", "RGBA", encode(Image.fromarray(np.dstack([scene(29, 21), (np.arange(29 * 21).reshape(21, 29) * 7 % 256).astype(np.uint8)])), "PNG"))
add_decode("gray-alpha.png", "RGBA", "GRAY_ALPHA", encode(rgb.convert("LA"), "PNG"))
add_decode("palette.png", "RGB", "PALETTE", encode(rgb.quantize(16), "PNG"))
add_decode("palette-alpha.png", "RGBA", "PALETTE_ALPHA", encode(rgb.quantize(16), "PNG", transparency=3))
add_decode("bilevel.png", "L", "BILEVEL", encode(rgb.convert("1"), "PNG"))
add_decode("rgb16.png", "RGB", "RGB", png16(scene(29, 21).astype(np.uint16) * 257 + 91))
add_decode("rgb-trns.png", "RGB", "RGB", encode(rgb, "PNG", transparency=(200, 40, 160)))
add_decode("lossless.webp", "RGB", "RGB", encode(rgb, "WEBP", lossless=True))
add_decode("palette.gif", "RGB", "PALETTE", encode(rgb.quantize(32), "GIF"))
add_decode("rgb.bmp", "RGB", "RGB", encode(rgb, "BMP"))
# Extreme aspect ratios: a 1-pixel-wide and a 1-pixel-high strip.
strip = scene(500, 7)[3]
add_decode("tall.png", "RGB", "RGB", encode(Image.fromarray(strip.reshape(500, 1, 3).copy()), "PNG"))
add_decode("wide.png", "RGB", "RGB", encode(Image.fromarray(strip.reshape(1, 500, 3).copy()), "PNG"))


def formula(w, h, mode):
    y, x = np.mgrid[0:h, 0:w]
    chans = [((x * x * 7 + y * 13 + x * y * 3 + c * 50) & 255) for c in range(3)]
    alpha = np.clip((x * 23 + y * 7) % 300 - 20, 0, 255)
    if mode == "L":
        arr = chans[0]
    elif mode == "RGB":
        arr = np.stack(chans, -1)
    else:
        arr = np.stack(chans + [alpha], -1)
    return Image.fromarray(arr.astype(np.uint8))  # mode follows from the shape: L, RGB, RGBA


FILTERS = {"NEAREST": Image.NEAREST, "BOX": Image.BOX, "BILINEAR": Image.BILINEAR,
           "HAMMING": Image.HAMMING, "BICUBIC": Image.BICUBIC, "LANCZOS": Image.LANCZOS}
SOURCES = {"small": ((23, 17), [(7, 5), (30, 25), (23, 9), (11, 17), (50, 3), (1, 1)]),
           "large": ((257, 131), [(31, 19), (9, 131)])}
for src, ((w, h), sizes) in SOURCES.items():
    for mode in ("L", "RGB", "RGBA"):
        im = formula(w, h, mode)
        for fname, f in FILTERS.items():
            for (tw, th) in sizes:
                out = np.asarray(im.resize((tw, th), f)).reshape(th, tw, -1)
                tensors[f"resample.{src}.{mode}.{fname}.{tw}x{th}"] = out
index["resample"] = {"sources": {k: list(v[0]) for k, v in SOURCES.items()},
                     "sizes": {k: [list(s) for s in v[1]] for k, v in SOURCES.items()},
                     "filters": list(FILTERS), "modes": ["L", "RGB", "RGBA"]}


def target_pad(im, ratio=1.25):
    w, h = im.size
    if max(w, h) / min(w, h) < ratio:
        return im
    s = max(w, h) / ratio
    hp, vp = max(int((s - w) / 2), 0), max(int((s - h) / 2), 0)
    return ImageOps.expand(im, (hp, vp, hp, vp), fill=0)


def square_pad(im):
    w, h = im.size
    m = max(w, h)
    hp, vp = int((m - w) / 2), int((m - h) / 2)
    return ImageOps.expand(im, (hp, vp, hp, vp), fill=0)


def clip_crop(im, dim):
    w, h = im.size
    if w <= h:
        nw, nh = dim, int(dim * h / w)
    else:
        nh, nw = dim, int(dim * w / h)
    im = im.resize((nw, nh), Image.BICUBIC)
    top, left = int(round((nh - dim) / 2.0)), int(round((nw - dim) / 2.0))
    return im.crop((left, top, left + dim, top + dim)).convert("RGB")


PAD = {"standard": lambda im: im, "targetpad": target_pad, "squarepad": square_pad}
# Palette sources are resized with NEAREST by Pillow; they are not padded here because torchvision
# pads "P" images with palette index 0, a documented deviation of ImagePreprocessor.
CASES = [(n, "standard") for n in ("palette.png", "palette-alpha.png", "bilevel.png", "palette.gif")]
CASES += [(n, t) for n in ("rgb.png", "rgba.png", "gray-alpha.png", "tall.png", "wide.png") for t in PAD]
for name, transform in CASES:
    im = Image.open(os.path.join(DEC, name))
    for dim in (24,):
        tensors[f"preprocess.{name}.{transform}.{dim}"] = np.asarray(clip_crop(PAD[transform](im), dim))
        index["preprocess"].append({"file": name, "transform": transform, "size": dim})


def save_safetensors(path, arrays):
    header, blobs, offset = {}, [], 0
    for k in sorted(arrays):
        a = np.ascontiguousarray(arrays[k], dtype=np.uint8)
        header[k] = {"dtype": "U8", "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
        blobs.append(a.tobytes())
        offset += a.nbytes
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


save_safetensors(os.path.join(HERE, "pillow-reference.safetensors"), tensors)
with open(os.path.join(HERE, "pillow-reference.json"), "w") as f:
    json.dump(index, f, indent=1)
print(len(tensors), "tensors")
