"""A small text extractor for the PDFs WeasyPrint writes, so tests can read the text of a downloaded PDF.

No PDF library is installed, so this reads just what WeasyPrint produces: objects with Flate-compressed
streams, fonts with a ToUnicode CMap, and hex glyph strings shown with Tj/TJ after a Tf font selection.
"""

import re
import zlib

OBJ = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    objects = {}
    for number, body in OBJ.findall(pdf):
        match = STREAM.search(body)
        data = None
        if match:
            data = match.group(1)
            if b"/FlateDecode" in body[: match.start()]:
                data = zlib.decompress(data)
        objects[int(number)] = (body, data)
        if b"/Type /ObjStm" in body and data is not None:
            first = int(re.search(rb"/First (\d+)", body).group(1))
            header = [int(n) for n in data[:first].split()]
            pairs = list(zip(header[::2], header[1::2], strict=True))
            for i, (inner, offset) in enumerate(pairs):
                end = first + pairs[i + 1][1] if i + 1 < len(pairs) else len(data)
                objects[inner] = (data[first + offset : end], None)
    return objects


def _cmap(data: bytes) -> dict[int, str]:
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            start = int(dst, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


def extract_text(pdf: bytes) -> str:
    """All text shown on the pages, in content-stream order, with a space between text operations."""
    objects = _objects(pdf)
    font_maps: dict[bytes, dict[int, str]] = {}
    for body, _data in objects.values():
        for name, ref in re.findall(rb"/([\w.+-]+)\s+(\d+) 0 R", body):
            font_body = objects.get(int(ref), (b"", None))[0]
            to_unicode = re.search(rb"/ToUnicode\s+(\d+) 0 R", font_body)
            if to_unicode and b"/Font" in font_body:
                font_maps[name] = _cmap(objects[int(to_unicode.group(1))][1] or b"")
    pieces = []
    for _body, data in objects.values():
        if not data or b"Tf" not in data:
            continue
        current: dict[int, str] = {}
        for token in re.finditer(rb"/([\w.+-]+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj", data, re.S):
            if token.group(1) is not None:
                current = font_maps.get(token.group(1), {})
                continue
            hexes = re.findall(rb"<([0-9a-fA-F]*)>", token.group(2)) if token.group(2) is not None else [token.group(3)]
            text = ""
            for chunk in hexes:
                width = 4
                text += "".join(current.get(int(chunk[i : i + width], 16), "?") for i in range(0, len(chunk), width))
            pieces.append(text)
    return " ".join(pieces)
