// The house photo, made smaller on the device before it is kept or sent (issue 15): a phone's
// 12-megapixel photo (4–6 MB) becomes a JPEG of at most 1280 pixels on its longer side (about
// 150–300 kB), drawn on a canvas. What a survey needs is to recognise the house, not print it.

export const PHOTO_MAX_SIDE = 1280;
export const PHOTO_QUALITY = 0.72;

/** The size a photo of `width`×`height` is drawn at: the longer side at most `max`, never enlarged. */
export function fittedSize(width: number, height: number, max = PHOTO_MAX_SIDE): { w: number; h: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { w: Math.max(1, Math.round(width * scale)), h: Math.max(1, Math.round(height * scale)) };
}

/** The photo resized to a JPEG data URL; rejects when the file is not an image the browser reads. */
export async function resizePhoto(file: Blob): Promise<{ url: string; w: number; h: number }> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const { w, h } = fittedSize(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  return { url: canvas.toDataURL('image/jpeg', PHOTO_QUALITY), w, h };
}
