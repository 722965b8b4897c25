#!/usr/bin/env python3
"""Renders `tmux capture-pane -e -p` output (text with SGR colour sequences) to a PNG.

Used by scripts/screenshot to make the README's screenshots from the real binary.
Usage: ansi_to_png.py INPUT.ansi OUTPUT.png [COLUMNS ROWS]
"""
import re
import sys

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
SIZE = 16
BG = (24, 26, 33)
FG = (220, 223, 228)
BASE16 = [
    (24, 26, 33), (224, 108, 117), (152, 195, 121), (229, 192, 123),
    (97, 175, 239), (198, 120, 221), (86, 182, 194), (171, 178, 191),
    (92, 99, 112), (240, 130, 140), (180, 220, 150), (240, 210, 150),
    (130, 195, 250), (220, 150, 240), (120, 210, 220), (255, 255, 255),
]


def palette(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return (v, v, v)


def parse(line):
    """Yields (char, fg, bg, bold) for each visible character of one line."""
    fg, bg, bold, reverse = FG, BG, False, False
    pos = 0
    for m in re.finditer(r"\x1b\[([0-9;:]*)m", line + "\x1b[m"):
        for ch in line[pos:m.start()]:
            f, b = (bg, fg) if reverse else (fg, bg)
            yield ch, f, b, bold
        pos = m.end()
        codes = [int(c) if c else 0 for c in re.split("[;:]", m.group(1))] or [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                fg, bg, bold, reverse = FG, BG, False, False
            elif c == 1:
                bold = True
            elif c == 22:
                bold = False
            elif c == 7:
                reverse = True
            elif c == 27:
                reverse = False
            elif 30 <= c <= 37:
                fg = BASE16[c - 30]
            elif 90 <= c <= 97:
                fg = BASE16[c - 90 + 8]
            elif c == 39:
                fg = FG
            elif 40 <= c <= 47:
                bg = BASE16[c - 40]
            elif 100 <= c <= 107:
                bg = BASE16[c - 100 + 8]
            elif c == 49:
                bg = BG
            elif c in (38, 48) and i + 1 < len(codes):
                if codes[i + 1] == 5 and i + 2 < len(codes):
                    colour = palette(codes[i + 2])
                    i += 2
                elif codes[i + 1] == 2 and i + 4 < len(codes):
                    colour = tuple(codes[i + 2:i + 5])
                    i += 4
                else:
                    colour = FG if c == 38 else BG
                if c == 38:
                    fg = colour
                else:
                    bg = colour
            i += 1


def main():
    src, dst = sys.argv[1], sys.argv[2]
    cols = int(sys.argv[3]) if len(sys.argv) > 3 else 120
    rows = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    font, bold_font = ImageFont.truetype(FONT, SIZE), ImageFont.truetype(FONT_BOLD, SIZE)
    cw = round(font.getlength("M"))
    ch = SIZE + 4
    img = Image.new("RGB", (cols * cw + 16, rows * ch + 16), BG)
    draw = ImageDraw.Draw(img)
    lines = open(src, encoding="utf-8", errors="replace").read().split("\n")[:rows]
    for y, line in enumerate(lines):
        for x, (c, fg, bg, bold) in enumerate(parse(line)):
            if x >= cols:
                break
            px, py = 8 + x * cw, 8 + y * ch
            if bg != BG:
                draw.rectangle([px, py, px + cw, py + ch], fill=bg)
            if c != " ":
                draw.text((px, py + 1), c, font=bold_font if bold else font, fill=fg)
    img.save(dst)


if __name__ == "__main__":
    main()
