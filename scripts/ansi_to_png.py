#!/usr/bin/env python3
"""Renders `tmux capture-pane -e -p` output (text with SGR colour sequences) to a PNG.

Used by scripts/screenshot to make the README's screenshots from the real binary.

Usage: ansi_to_png.py [options] OUTPUT.png INPUT.ansi[=COLSxROWS] [INPUT.ansi[=COLSxROWS] ...]

Several inputs (the panes of one tmux window) are drawn side by side, a thin divider
between them, each at its own size (`=COLSxROWS`, else --size).

Options:
  --size COLSxROWS   the terminal size of an input without its own (default 160x42)
  --light            a light terminal: light background, dark text, a light 16-colour palette
  --bg #rrggbb       the terminal's background (default: dark, or light with --light)
  --fg #rrggbb       the terminal's default text colour
"""
import re
import sys

from PIL import Image, ImageDraw, ImageFont

FONTS = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono"
SIZE = 16
PAD = 8

DARK = {
    "bg": (24, 26, 33),
    "fg": (220, 223, 228),
    "base16": [
        (24, 26, 33), (224, 108, 117), (152, 195, 121), (229, 192, 123),
        (97, 175, 239), (198, 120, 221), (86, 182, 194), (171, 178, 191),
        (92, 99, 112), (240, 130, 140), (180, 220, 150), (240, 210, 150),
        (130, 195, 250), (220, 150, 240), (120, 210, 220), (255, 255, 255),
    ],
}
# A light terminal's palette (Atom's One Light): "white" and "gray" are greys that still
# read on the light background, as in most light terminal themes.
LIGHT = {
    "bg": (250, 250, 250),
    "fg": (56, 58, 66),
    "base16": [
        (56, 58, 66), (228, 86, 73), (80, 161, 79), (193, 132, 1),
        (64, 120, 242), (166, 38, 164), (1, 132, 188), (160, 161, 167),
        (105, 108, 119), (228, 86, 73), (80, 161, 79), (193, 132, 1),
        (64, 120, 242), (166, 38, 164), (1, 132, 188), (255, 255, 255),
    ],
}


class Terminal:
    def __init__(self, scheme, bg=None, fg=None):
        self.base16 = scheme["base16"]
        self.bg = bg or scheme["bg"]
        self.fg = fg or scheme["fg"]

    def palette(self, n):
        if n < 16:
            return self.base16[n]
        if n < 232:
            n -= 16
            steps = [0, 95, 135, 175, 215, 255]
            return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
        v = 8 + (n - 232) * 10
        return (v, v, v)

    def parse(self, line):
        """Yields (char, fg, bg, attrs) for each visible character of one line; attrs is a
        set of "bold", "italic", "underline"."""
        fg, bg, attrs, reverse = self.fg, self.bg, set(), False
        pos = 0
        for m in re.finditer(r"\x1b\[([0-9;:]*)m", line + "\x1b[m"):
            for ch in line[pos:m.start()]:
                f, b = (bg, fg) if reverse else (fg, bg)
                yield ch, f, b, frozenset(attrs)
            pos = m.end()
            codes = [int(c) if c else 0 for c in re.split("[;:]", m.group(1))] or [0]
            i = 0
            while i < len(codes):
                c = codes[i]
                if c == 0:
                    fg, bg, attrs, reverse = self.fg, self.bg, set(), False
                elif c == 1:
                    attrs.add("bold")
                elif c == 3:
                    attrs.add("italic")
                elif c == 4:
                    attrs.add("underline")
                elif c == 22:
                    attrs.discard("bold")
                elif c == 23:
                    attrs.discard("italic")
                elif c == 24:
                    attrs.discard("underline")
                elif c == 7:
                    reverse = True
                elif c == 27:
                    reverse = False
                elif 30 <= c <= 37:
                    fg = self.base16[c - 30]
                elif 90 <= c <= 97:
                    fg = self.base16[c - 90 + 8]
                elif c == 39:
                    fg = self.fg
                elif 40 <= c <= 47:
                    bg = self.base16[c - 40]
                elif 100 <= c <= 107:
                    bg = self.base16[c - 100 + 8]
                elif c == 49:
                    bg = self.bg
                elif c in (38, 48) and i + 1 < len(codes):
                    if codes[i + 1] == 5 and i + 2 < len(codes):
                        colour = self.palette(codes[i + 2])
                        i += 2
                    elif codes[i + 1] == 2 and i + 4 < len(codes):
                        colour = tuple(codes[i + 2:i + 5])
                        i += 4
                    else:
                        colour = self.fg if c == 38 else self.bg
                    if c == 38:
                        fg = colour
                    else:
                        bg = colour
                i += 1


def load_fonts():
    names = {
        frozenset(): "",
        frozenset({"bold"}): "-Bold",
        frozenset({"italic"}): "-Oblique",
        frozenset({"bold", "italic"}): "-BoldOblique",
    }
    return {k: ImageFont.truetype(f"{FONTS}{v}.ttf", SIZE) for k, v in names.items()}


def render(term, fonts, src, cols, rows):
    cw = round(fonts[frozenset()].getlength("M"))
    ch = SIZE + 4
    img = Image.new("RGB", (cols * cw + 2 * PAD, rows * ch + 2 * PAD), term.bg)
    draw = ImageDraw.Draw(img)
    lines = open(src, encoding="utf-8", errors="replace").read().split("\n")[:rows]
    for y, line in enumerate(lines):
        for x, (c, fg, bg, attrs) in enumerate(term.parse(line)):
            if x >= cols:
                break
            px, py = PAD + x * cw, PAD + y * ch
            if bg != term.bg:
                draw.rectangle([px, py, px + cw, py + ch], fill=bg)
            if c != " ":
                font = fonts[frozenset(attrs & {"bold", "italic"})]
                draw.text((px, py + 1), c, font=font, fill=fg)
            if "underline" in attrs:
                draw.line([px, py + ch - 2, px + cw, py + ch - 2], fill=fg)
    return img


def colour(text):
    text = text.lstrip("#")
    return tuple(int(text[i:i + 2], 16) for i in (0, 2, 4))


def size(text):
    cols, rows = text.lower().split("x")
    return int(cols), int(rows)


def main(argv):
    scheme, bg, fg, default_size, positional = DARK, None, None, (160, 42), []
    args = iter(argv)
    for arg in args:
        if arg == "--light":
            scheme = LIGHT
        elif arg == "--bg":
            bg = colour(next(args))
        elif arg == "--fg":
            fg = colour(next(args))
        elif arg == "--size":
            default_size = size(next(args))
        elif arg.startswith("--"):
            sys.exit(f"ansi_to_png.py: unknown option {arg}\n{__doc__}")
        else:
            positional.append(arg)
    if len(positional) < 2:
        sys.exit(__doc__)
    dst, inputs = positional[0], positional[1:]
    term, fonts = Terminal(scheme, bg, fg), load_fonts()
    images = []
    for each in inputs:
        src, _, dims = each.partition("=")
        cols, rows = size(dims) if dims else default_size
        images.append(render(term, fonts, src, cols, rows))
    if len(images) == 1:
        images[0].save(dst)
        return
    # Side by side, a divider in the default text colour between them.
    gap = 2
    width = sum(i.width for i in images) + gap * (len(images) - 1)
    out = Image.new("RGB", (width, max(i.height for i in images)), term.bg)
    x = 0
    for n, img in enumerate(images):
        out.paste(img, (x, 0))
        x += img.width
        if n + 1 < len(images):
            ImageDraw.Draw(out).rectangle([x, 0, x + gap - 1, out.height], fill=term.fg)
            x += gap
    out.save(dst)


if __name__ == "__main__":
    main(sys.argv[1:])
