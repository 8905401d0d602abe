import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';

const cp1252 = new TextDecoder('windows-1252');

/** The bytes of one content stream, inflated when it is Flate-encoded. */
function streamBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const raw = stream.getContents();
  return filter?.toString() === '/FlateDecode' ? inflateSync(raw) : raw;
}

/**
 * The text drawn on each page of a PDF made with pdf-lib's standard fonts: every `<hex> Tj`
 * string, decoded as WinAnsi, one line per string. The file is loaded with pdf-lib first, so
 * this also proves it parses.
 */
export async function pdfPagesText(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes);
  return pdf.getPages().map((page) => {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs: PDFRef[] =
      contents instanceof PDFArray ? (contents.asArray() as PDFRef[]) : contents ? [contents as PDFRef] : [];
    const lines: string[] = [];
    for (const ref of refs) {
      const stream = pdf.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const ops = new TextDecoder('latin1').decode(streamBytes(stream));
      for (const m of ops.matchAll(/<([0-9A-Fa-f\s]*)>\s*Tj/g)) {
        const hex = m[1]!.replace(/\s/g, '');
        const buf = Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
        lines.push(cp1252.decode(buf));
      }
    }
    return lines.join('\n');
  });
}
