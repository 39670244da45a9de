// The one PDF engine of the product: pdfmake 0.3 with its bundled Roboto (which renders
// Vietnamese; the standard-14 fonts cannot), no remote resources and no file access beyond the
// font directory. Text is NFC-normalised by the callers (`nfc`) so that decomposed input from a
// spreadsheet renders with the font's precomposed glyphs.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

type PdfMake = {
  setFonts(f: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(dd: unknown): { getBuffer(): Promise<Buffer> };
};

let pdfmake: PdfMake | undefined;

export function pdfEngine(): PdfMake {
  if (!pdfmake) {
    const engine = require('pdfmake') as PdfMake;
    const fonts = require('pdfmake/fonts/Roboto.js') as { Roboto: Record<string, string> };
    const fontDir = path.dirname(fonts.Roboto.normal!);
    engine.setFonts(fonts);
    // No remote resources, and only the bundled font files from disk.
    engine.setUrlAccessPolicy(() => false);
    engine.setLocalAccessPolicy((p) => path.resolve(p).startsWith(fontDir));
    pdfmake = engine;
  }
  return pdfmake;
}

export const nfc = (s: string): string => s.normalize('NFC');

/** Renders a pdfmake document definition to bytes. */
export async function renderPdf(dd: Record<string, unknown>): Promise<Buffer> {
  return pdfEngine().createPdf(dd).getBuffer();
}
